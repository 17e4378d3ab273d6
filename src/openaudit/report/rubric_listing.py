"""`openaudit rubrics list|show` output: plain rich tables of rubrics, or versioned JSON.

Rubric text is untrusted: every cell is cleaned and markup is off, so YAML cannot style.
"""

from __future__ import annotations

import io
import json
from typing import Any

from openaudit.report.safe_text import clean
from openaudit.rubric.docs import caps_text, layer_title
from openaudit.rubric.model import Rubric

JSON_SCHEMA_VERSION = "1"
# Columns that wrap, and how much of the spare width each gets (0: only what it needs,
# so a table without a share stays as narrow as its content); the others never wrap.
WRAPPING_COLUMNS = {"title": 0, "question": 3, "caps": 2}


def listing_json(data: dict[str, Any]) -> str:
    """A rubric listing as versioned JSON."""
    # ensure_ascii: rubric text may hold control or bidi characters; escaped, it prints safely.
    document = {"schema_version": JSON_SCHEMA_VERSION, **data}
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def rubric_list_table(
    rows: list[dict[str, Any]], rubrics: list[Rubric], *, width: int, color: bool
) -> str:
    """The shipped rubrics, one line each: id, version, title and probe count."""
    # The sources are paragraphs of citations: they would fill the terminal here.
    headers = ["id", "version", "title", "probes"]
    cells = [
        [row["id"], row["version"], row["title"], str(len(rubric.probes))]
        for row, rubric in zip(rows, rubrics, strict=True)
    ]
    return _tables([("", headers, cells)], width, color)


def rubric_tables(rubric: Rubric, *, width: int, color: bool) -> str:
    """A rubric's layers (weights, thresholds), then each layer's probes, as tables."""

    def number(value: float) -> str:
        return f"{value:g}"

    layers = [
        [layer_title(layer).replace("`", ""), number(layer.weight),
         number(layer.thresholds.open), number(layer.thresholds.partial),
         str(len(rubric.probes_of(layer.id)))]
        for layer in rubric.layers
    ]  # fmt: skip
    title = f"{rubric.id} {rubric.version}: {rubric.title}"
    if rubric.extends:
        title += f"\nextends: {rubric.extends}"
    if rubric.source:
        title += f"\nsource: {rubric.source}"
    tables = [(title, ["layer", "weight", "open at", "partial at", "probes"], layers)]
    for layer in rubric.layers:
        probes = [
            [probe.id, probe.question, probe.evaluator, number(probe.weight),
             caps_text(probe) or "-"]
            for probe in rubric.probes_of(layer.id)
        ]  # fmt: skip
        headers = ["probe", "question", "evaluator", "weight", "caps"]
        tables.append((layer_title(layer).replace("`", ""), headers, probes))
    return _tables(tables, width, color)


def _tables(tables: list[tuple[str, list[str], list[list[str]]]], width: int, color: bool) -> str:
    """Plain rich tables; every cell is cleaned text and markup is off, so YAML cannot style."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from openaudit.report.rich_console import buffer_console

    buffer = io.StringIO()
    console = buffer_console(buffer, width=width, color=color)
    for index, (title, headers, rows) in enumerate(tables):
        if index:
            console.print()
        for line in title.splitlines():
            console.print(Text(clean(line), style="bold"))
        expand = any(WRAPPING_COLUMNS.get(header) for header in headers)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=expand)
        for header in headers:
            ratio = WRAPPING_COLUMNS.get(header)
            table.add_column(header, no_wrap=ratio is None, overflow="fold", ratio=ratio or None)
        for row in rows:
            table.add_row(*(Text(clean(cell)) for cell in row))
        console.print(table)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
