"""The tables of card text, markdown and HTML, as rows of plain cell texts (header first).

Bounded: at most MAX_ROWS rows of a table are read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# A Markdown table's delimiter row: cells of hyphens with optional colons (GFM: one
# hyphen is enough, as in `|:-:|`). Only spaces and tabs, and no two runs of them
# that could share characters: searched over whole cards, it stays linear in any
# whitespace (an HTML comment blanked to spaces, a line of 100,000 spaces).
TABLE_RULE = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+(?:\|[ \t]*)?$", re.MULTILINE
)
# A line of a Markdown table: it starts with a pipe.
TABLE_ROW = re.compile(r"^\s*\|")
MARKUP = re.compile(r"!?\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)|[*_`]+|<[^>\n]{0,200}>")
MAX_ROWS = 200  # rows read per table

Table = list[list[str]]


def cell_text(text: str) -> str:
    """A cell's plain text: links and images to their text, no emphasis or tags."""
    return " ".join(MARKUP.sub(r"\1", text).split())


def markdown_tables(text: str) -> list[Table]:
    """Markdown tables as rows of cells (header first, the delimiter row dropped): runs
    of lines holding a pipe whose second line is a delimiter row."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if "|" in line:
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [
        [_row(line) for line in block[:1] + block[2:MAX_ROWS]]
        for block in blocks
        if len(block) >= 3 and TABLE_RULE.match(block[1])
    ]


def _row(line: str) -> list[str]:
    return [cell_text(c) for c in line.strip("|").split("|")]


class _HtmlTables(HTMLParser):
    """HTML tables as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
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
            self.tables[-1][-1].append(cell_text("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(text: str) -> list[Table]:
    """HTML tables as rows of cells (rows without cells dropped)."""
    if "<table" not in text.lower():
        return []
    parser = _HtmlTables()
    parser.feed(text)
    parser.close()
    return [[row for row in table if row] for table in parser.tables]


def tables(text: str) -> list[Table]:
    """The markdown tables of the text, then its HTML tables."""
    return [*markdown_tables(text), *html_tables(text)]
