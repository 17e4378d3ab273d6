"""The report-format interface: `--format` names, and one table entry per implementation.

`render(report, fmt)` looks the format up in `RENDERERS` (whole reports) and
`open_stream(fmt, rubrics)` in `STREAMERS` (one row per model, written as each
model completes). The implementations sit beside this module, one module each
(table, json_report, html_report, markdown, sarif, spdx, cyclonedx, badge, stream);
a new format is an enum member and one entry in one of the two tables. This module
stays light (no rich): a format's module is imported only when the format is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from openaudit.results import Report, Result, RubricRef


class Format(StrEnum):
    """Report formats accepted by `--format`."""

    TABLE = "table"
    JSON = "json"
    # CI gating and supply-chain formats (issue 9)
    MARKDOWN = "markdown"
    SARIF = "sarif"
    SPDX = "spdx"
    CYCLONEDX = "cyclonedx"
    BADGE = "badge"
    # one row per model, written as each completes (issue 8)
    JSONL = "jsonl"
    CSV = "csv"
    HTML = "html"


CI_FORMATS = frozenset({Format.MARKDOWN, Format.SARIF, Format.SPDX, Format.CYCLONEDX, Format.BADGE})


@dataclass(frozen=True)
class RenderOptions:
    """Presentation choices a whole-report renderer may use (tables use all three)."""

    explain: bool = False
    width: int = 100
    color: bool = False


Renderer = Callable[[Report, RenderOptions], str]


class StreamWriter(Protocol):
    """A streaming format: a header, then one piece of text per model as it completes."""

    def header(self) -> str:
        """Text written before the first model ('' when the format has none)."""

    def row(self, result: Result) -> str:
        """One model's text, ending in a newline."""


def _render_json(report: Report, options: RenderOptions) -> str:
    from openaudit.report.json_report import render_json

    return render_json(report)


def _render_table(report: Report, options: RenderOptions) -> str:
    from openaudit.report.table import render_table

    return render_table(report, explain=options.explain, width=options.width, color=options.color)


def _render_html(report: Report, options: RenderOptions) -> str:
    from openaudit.report.html_report import render_html

    return render_html(report)


def _jsonl(rubrics: tuple[RubricRef, ...]) -> StreamWriter:
    from openaudit.report.stream import JsonlWriter

    return JsonlWriter(rubrics)


def _csv(rubrics: tuple[RubricRef, ...]) -> StreamWriter:
    from openaudit.report.stream import CsvWriter

    return CsvWriter(rubrics)


def _render_markdown(report: Report, options: RenderOptions) -> str:
    from openaudit.report.markdown import render_markdown

    return render_markdown(report)


def _render_sarif(report: Report, options: RenderOptions) -> str:
    from openaudit.report.sarif import render_sarif

    return render_sarif(report)


def _render_spdx(report: Report, options: RenderOptions) -> str:
    from openaudit.report.spdx import render_spdx

    return render_spdx(report)


def _render_cyclonedx(report: Report, options: RenderOptions) -> str:
    from openaudit.report.cyclonedx import render_cyclonedx

    return render_cyclonedx(report)


def _render_badge(report: Report, options: RenderOptions) -> str:
    from openaudit.report.badge import render_badge

    return render_badge(report)


RENDERERS: dict[Format, Renderer] = {
    Format.JSON: _render_json,
    Format.TABLE: _render_table,
    Format.HTML: _render_html,
    Format.MARKDOWN: _render_markdown,
    Format.SARIF: _render_sarif,
    Format.SPDX: _render_spdx,
    Format.CYCLONEDX: _render_cyclonedx,
    Format.BADGE: _render_badge,
}
STREAMERS: dict[Format, Callable[[tuple[RubricRef, ...]], StreamWriter]] = {
    Format.JSONL: _jsonl,
    Format.CSV: _csv,
}


def is_streaming(fmt: Format) -> bool:
    """True for formats written one model at a time, in completion order."""
    return fmt in STREAMERS


def render(
    report: Report, fmt: Format, *, explain: bool = False, width: int = 100, color: bool = False
) -> str:
    """The report as text in the given format; `explain`, `width`, `color` apply to tables.

    A streaming format renders the whole report as its header and rows, in report order.
    """
    renderer = RENDERERS.get(fmt)
    if renderer is not None:
        return renderer(report, RenderOptions(explain, width, color))
    writer = open_stream(fmt, report.rubrics)
    return writer.header() + "".join(writer.row(result) for result in report.results)


def open_stream(fmt: Format, rubrics: tuple[RubricRef, ...]) -> StreamWriter:
    """The writer of a streaming format, for a run with these rubrics."""
    return STREAMERS[fmt](rubrics)
