"""Well-known benchmarks a card names beside scores, wherever it gives them.

A table whose cells name two well-known benchmarks or more (`KNOWN_BENCHMARK`) and
that holds two scores or more (decimals or percentages) is a results table in any
section ("Highlights", "Model Summary", a folded block); a table of hyperparameters,
file sizes or token counts names none, or gives no score. In an evaluation section,
list items and sentences that give a score name the benchmarks they hold ("MMLU
(5-shot): 66.2", "scores 52.1 on GSM8K").

The vocabulary is the benchmarks model cards report most (language, code, maths,
speech, vision, retrieval, translation), plus names built like benchmark names
("…QA", "…Bench", "…Eval"), which are listed beside known ones but never make a
results table alone (a lab's private "InHouseQA" is no public benchmark). Short names
that are also words (MATH, DROP, ARC, GLUE, RULER) count in capitals only. A table
with a column of shares or proportions is a data mixture, not results.
"""

from __future__ import annotations

import re

from openaudit.rubric.evaluators.card_tables import Table

_DISTINCTIVE = (
    r"mmlu|cmmlu|gsm8k|mgsm|humaneval|mbpp|hellaswag|truthfulqa|winogrande|piqa|boolq"
    r"|openbookqa|commonsenseqa|social\s?iqa|siqa|triviaqa|natural\s?questions|lambada"
    r"|agieval|c-eval|bbh|big-?bench(?:\s+hard)?|gpqa|ifeval|mt-?bench|alpacaeval|arena-?hard"
    r"|livecodebench|swe-?bench|evalplus|musr|superglue|mnli|qnli|qqp|sst-?2"
    r"|xnli|xsum|cnn\s?/\s?dailymail|librispeech|common\s?voice|fleurs|ted-?lium|gigaspeech"
    r"|voxpopuli|imagenet(?:-?\d+k)?|ade20k|cifar-?\d+|vqav2|mmmu|mathvista|textvqa|docvqa"
    r"|chartqa|mmbench|mteb|ms\s?marco|geneval|drawbench|flores(?:-?\d+)?"
    r"|wmt\s?\d{2}|bfcl|longbench|math-?500|minerva\s?math|codeforces|ceval"
)
# (COCO with its year, "COCO2017", "MS-COCO 2014", as image and caption cards name it)
_IN_CAPITALS = (
    r"MATH|DROP|ARC|RTE|MRPC|CoLA|STS-B|(?:MS-?)?COCO(?:[\s-]?20[12]\d)?|POPE|NQ|GLUE|SQuAD"
    r"|SQUAD|RULER|AIME|MME|BEIR"
)
_SHAPED = r"[A-Z][A-Za-z0-9]*-?(?:QA|Bench|bench|Eval)"
_SUFFIX = r"(?:[-+][A-Za-z0-9+]*)*(?!\w)"
KNOWN_BENCHMARK = re.compile(
    rf"(?<![\w-])(?:(?i:{_DISTINCTIVE})|{_IN_CAPITALS}|{_SHAPED}){_SUFFIX}"
)
WELL_KNOWN = re.compile(rf"(?<![\w-])(?:(?i:{_DISTINCTIVE})|{_IN_CAPITALS}){_SUFFIX}")
# A header naming a column of shares: the table is a data mixture ("| Source | Share |").
MIXTURE_HEADER = re.compile(
    r"\b(?:share|proportion|fraction|percentage|ratio|weight|mix(?:ture)?|sampling)\b",
    re.IGNORECASE,
)
# A score in a table cell: a decimal or a percentage, maybe marked or with its spread
# ("66.2", "71 %", "48.2†", "62.5 ± 0.4"); a count ("7473"), a size ("4.1 GB") is not.
SCORE_CELL = re.compile(r"\d{1,3}(?:\.\d{1,4}\s?%?|\s?%)(?:\s*(?:±|\+/-)\s*\d+(?:\.\d+)?)?")
SCORE_MARKS = " *†‡^"
# A score in prose: a decimal or a percentage ("71.3", "64 %"); counts ("7 benchmarks",
# "40 tokens") and versions in names ("v1.5", "7B") are not.
SCORE = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,4}|\s?%)(?![\w.])")
MIN_BENCHMARKS = 2
MIN_SCORES = 2
MAX_NAME_CHARS = 60  # a cell longer than this is prose, not a benchmark's name
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(.*)$", re.MULTILINE)


def benchmark_cell(cell: str) -> bool:
    """Whether a table cell names a well-known benchmark (maybe with its setting:
    "MMLU (5-shot)", "HumanEval pass@1")."""
    return len(cell) <= MAX_NAME_CHARS and KNOWN_BENCHMARK.match(cell) is not None


def score_cell(cell: str) -> bool:
    """Whether a table cell is a score (`SCORE_CELL`)."""
    return SCORE_CELL.fullmatch(cell.strip(SCORE_MARKS)) is not None


def results_table_names(table: Table) -> list[str]:
    """The benchmarks of a results table: its cells naming benchmarks when MIN_BENCHMARKS
    of them or more are well known and there are MIN_SCORES score cells, and its header
    names no shares (a data mixture); else none."""
    if table and any(MIXTURE_HEADER.search(cell) for cell in table[0]):
        return []
    names = [cell for row in table for cell in row if benchmark_cell(cell)]
    if len({name for name in names if WELL_KNOWN.match(name)}) < MIN_BENCHMARKS:
        return []
    scores = sum(1 for row in table[1:] for cell in row if score_cell(cell))
    return list(dict.fromkeys(names)) if scores >= MIN_SCORES else []


def scored_names(text: str) -> list[str]:
    """Well-known benchmarks named in the list items and sentences of an evaluation
    section's text that give a score ("- MMLU (5-shot): 66.2", "52.1 on GSM8K")."""
    if SCORE.search(text) is None:
        return []
    parts = [m.group(1) for m in LIST_ITEM.finditer(text)]
    parts += SENTENCE_END.split(LIST_ITEM.sub("", text))
    names = [
        match.group(0)
        for part in parts
        if SCORE.search(part)
        for match in WELL_KNOWN.finditer(part)
    ]
    return list(dict.fromkeys(names))
