"""The benchmarks a card's results tables name: the evaluation data, when no Hub
dataset id is given.

A results table names its benchmarks in a column headed like "Benchmark", "Task" or
"Dataset", or as the column headings of a table whose rows are models (headed "Model"
or "Model name", or named with a parameter count or a Hub repo id) or scores only, or
whose first heading ("Task") labels a row of headings over unlabelled rows; otherwise
in its first column. Markdown
and HTML tables are read; nothing else is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from openaudit.card import Section
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.documentation import (
    EVAL_FILES,
    EVAL_SECTIONS,
    NOT_EVAL_TITLE,
    TABLE_RULE,
)
from openaudit.rubric.evaluators.generic import matching_files

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
MARKUP = re.compile(r"!?\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)|[*_`]+|<[^>\n]{0,200}>")
NUMBERISH = re.compile("^[\\s\\d.,%\u00b1+\\-/()x\u00d7]*$")
MAX_NAME_CHARS = 60
MAX_ROWS = 200  # rows read per table
MAX_NAMES = 50


def _cell(text: str) -> str:
    return " ".join(MARKUP.sub(r"\1", text).split())


def _markdown_tables(text: str) -> list[list[list[str]]]:
    """Markdown tables as rows of cells (header first, the delimiter row dropped): runs
    of lines holding a pipe whose second line is a delimiter row."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if "|" in line:
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [
        [[_cell(c) for c in line.strip("|").split("|")] for line in block[:1] + block[2:MAX_ROWS]]
        for block in blocks
        if len(block) >= 3 and TABLE_RULE.match(block[1])
    ]


class _HtmlTables(HTMLParser):
    """HTML tables as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables and len(self.tables[-1]) < MAX_ROWS:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(_cell("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_tables(text: str) -> list[list[list[str]]]:
    if "<table" not in text.lower():
        return []
    parser = _HtmlTables()
    parser.feed(text)
    parser.close()
    return [[row for row in table if row] for table in parser.tables]


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


@once_per_model
def named_benchmarks(ctx: ProbeContext) -> tuple[tuple[str, ...], Section | None]:
    """The benchmarks the card's results tables (or result file names) name, and the
    section read; ((), None) when none are named."""
    files = matching_files(ctx, EVAL_FILES)
    if files:
        stems = (path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for path in files)
        return tuple(dict.fromkeys(stems))[:MAX_NAMES], None
    if not ctx.readme_read:
        return (), None
    card = own_card(ctx)
    for section in card.find_sections(*EVAL_SECTIONS):
        if NOT_EVAL_TITLE.search(section.title):
            continue
        text = card.section_text(section)
        names = [n for t in (*_markdown_tables(text), *_html_tables(text)) for n in _names(t)]
        if names:
            return tuple(dict.fromkeys(names))[:MAX_NAMES], section
    return (), None
