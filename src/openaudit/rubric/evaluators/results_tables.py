"""The benchmarks a card's results tables name: the evaluation data, when no Hub
dataset id is given.

A results table names its benchmarks in a column headed like "Benchmark", "Task" or
"Dataset", or as the column headings of a table whose rows are models (headed "Model"
or "Model name", or named with a parameter count or a Hub repo id) or scores only, or
whose first heading ("Task") labels a row of headings over unlabelled rows; otherwise
in its first column. Markdown and HTML tables are read: those of evaluation sections,
then a table of scores on well-known benchmarks in any section; then the list items and
sentences with scores of evaluation sections (benchmark_names).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from openaudit.card import Card, Section
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.benchmark_names import (
    MAX_NAME_CHARS,
    WELL_KNOWN,
    scored_names,
)
from openaudit.rubric.evaluators.card_tables import tables
from openaudit.rubric.evaluators.generic import matching_files
from openaudit.rubric.evaluators.reported_results import (
    EVAL_FILES,
    EVAL_SECTIONS,
    NOT_EVAL_TITLE,
    NOT_YET,
    results_beside_names,
    results_table_anywhere,
)
from openaudit.training_sections import EVALUATION_CUE, TRAINING_CUE, evaluated_on

BENCHMARK_HEADING = re.compile(
    r"bench|task|data|eval|test|suite|corpus|split|metric set", re.IGNORECASE
)
MODEL_HEADING = re.compile(
    r"^\W*(?:models?|methods?|systems?|names?|checkpoints?|variants?|modelos?|modèles?"
    r"|modell(?:e)?|模型|モデル|모델)(?:[\s_-]*(?:names?|ids?|variants?|sizes?))?\W*$",
    re.I,
)
# A row heading that names a model: a parameter count ("Sakura-3.6B", "Tiny 125M") or a
# Hub repo id ("org/m-small").
MODEL_CELL = re.compile(r"\d(?:\.\d+)?\s?[bmk]\b|^[\w.-]+/[\w.-]+$", re.IGNORECASE)
NUMBERISH = re.compile("^[\\s\\d.,%\u00b1+\\-/()x\u00d7]*$")
MAX_NAMES = 50


def _names(table: list[list[str]]) -> list[str]:
    """The benchmarks one table names (empty when it names none that can be told)."""
    header, rows = table[0], table[1:]
    column = next((i for i, h in enumerate(header) if BENCHMARK_HEADING.search(h)), None)
    firsts = [row[0] for row in rows if row]
    scores = bool(firsts) and all(NUMBERISH.match(c) for row in rows for c in row)
    models = bool(firsts) and all(MODEL_CELL.search(c) for c in firsts)
    named = next((i for i, h in enumerate(header) if MODEL_HEADING.match(h)), None)
    unlabelled = bool(firsts) and all(not c or MODEL_CELL.search(c) for c in firsts)
    if column is None and header and scores:
        cells = header  # rows of scores only: every column is a benchmark
    elif column is None and header and (named is not None or models):
        cells = header[(named or 0) + 1 :]  # rows are models, the columns after are benchmarks
    elif column == 0 and unlabelled:
        cells = header[1:]  # "| Task | MNLI | QQP |" over rows of scores: benchmarks across
    else:
        at = column or 0
        cells = [row[at] for row in rows if len(row) > at]
    return [c for c in cells if c and len(c) <= MAX_NAME_CHARS and not NUMBERISH.match(c)]


class NamedBenchmarks(NamedTuple):
    """The benchmarks a card's results name, where, and whether a table names them."""

    names: tuple[str, ...]
    section: Section | None  # None: result files, or a table above the first heading
    in_table: bool
    # named as what a section reporting results (a chart, prose, a link) evaluated on
    evaluated: bool = False


# A sentence or list item that says what the model was evaluated on: an evaluation verb
# ("evaluated on/using", "tested on", "measured on"), a few-shot setting ("MMLU
# (5-shot)"), or a split of a dataset ("prompts from the COCO2017 validation set",
# "LibriSpeech test-clean").
EVALUATED_ON = re.compile(
    r"\b(?:evaluat\w*|benchmarked|tested|measured|assessed)\b"
    r"|\b(?:\d{1,3}|zero|one|few)[- ]shots?\b"
    r"|\b(?:validation|val|test|dev|held[- ]out)\s+(?:sets?|splits?)\b|\btest[-_](?:clean|other)\b",
    re.IGNORECASE,
)


# Evaluations still to come besides NOT_YET ("We plan to evaluate on MMLU"); a harness or
# suite that offers benchmarks ("lm-evaluation-harness, which supports MMLU, ARC") tells
# how the model could be evaluated, not on what it was; a few-shot setting right after a
# name ("MMLU (5-shot)") is how it was evaluated.
PLANNED = re.compile(r"\bplan(?:s|ned|ning)?\s+to\b|\bto\s+be\s+(?:evaluat|test|benchmark)", re.I)
OFFERS = re.compile(r"\b(?:supports?|supported|offers?|provides?|implements?)\b", re.I)
SHOT_AFTER = re.compile(r"[ \t]*[(\[]?[ \t]*(?:\d{1,3}|zero|one|few)[- ]shots?\b", re.I)


def evaluated_names(card: Card, text: str) -> list[str]:
    """Well-known benchmarks or public datasets (`benchmark_names.WELL_KNOWN`) that the
    sentences and list items of a section say the model was evaluated on: the nearest cue
    before the name is about evaluation, not training (`training_sections.evaluated_on`:
    not "trained on COCO and tested on our own set"), or a few-shot setting follows it;
    not evaluations still to come, nor the benchmarks a harness supports."""
    if EVALUATED_ON.search(text) is None:
        return []
    sentences = card.sentences(text)
    names = []
    for match in WELL_KNOWN.finditer(text):
        start, end = sentences.span_at(match.start())
        sentence = text[start:end]
        if NOT_YET.search(sentence) or PLANNED.search(sentence):
            continue
        before = text[start : match.start()]
        offered = [m.start() for m in OFFERS.finditer(before)]
        cued = [m.start() for m in EVALUATION_CUE.finditer(before)]
        if offered and (not cued or max(offered) > max(cued)):
            continue
        shot = SHOT_AFTER.match(text, match.end()) and not TRAINING_CUE.search(before)
        if shot or evaluated_on(sentences, match.start()):
            names.append(match.group(0))
    return list(dict.fromkeys(names))


@once_per_model
def named_benchmarks(ctx: ProbeContext) -> NamedBenchmarks:
    """The benchmarks the card's results tables (or result file names) name, and the
    section read: the tables of evaluation sections, then a table of scores on well-known
    benchmarks anywhere (`results_table_anywhere`), then the list items and sentences
    with scores of evaluation sections (`benchmark_names.scored_names`)."""
    files = matching_files(ctx, EVAL_FILES)
    if files:
        stems = (path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for path in files)
        return NamedBenchmarks(tuple(dict.fromkeys(stems))[:MAX_NAMES], None, False)
    if not ctx.readme_read:
        return NamedBenchmarks((), None, False)
    card = own_card(ctx)
    sections = [s for s in card.find_sections(*EVAL_SECTIONS) if not NOT_EVAL_TITLE.search(s.title)]
    for section in sections:
        text = card.section_text(section)
        names = [n for table in tables(text) for n in _names(table)]
        if names:
            return NamedBenchmarks(tuple(dict.fromkeys(names))[:MAX_NAMES], section, True)
    anywhere = results_table_anywhere(ctx)
    if anywhere is not None:
        return NamedBenchmarks(tuple(anywhere[0])[:MAX_NAMES], anywhere[1], True)
    for section in sections:
        names = scored_names(card.section_text(section))
        if names:
            return NamedBenchmarks(tuple(names)[:MAX_NAMES], section, False)
    # a section that reports its results in a form naming no benchmark (a chart, prose, a
    # link) names the data they were measured on in saying what the model was evaluated on
    for section in sections:
        names = evaluated_names(card, card.section_text(section))
        if names and results_beside_names(ctx, section):
            return NamedBenchmarks(tuple(names)[:MAX_NAMES], section, False, evaluated=True)
    return NamedBenchmarks((), None, False)
