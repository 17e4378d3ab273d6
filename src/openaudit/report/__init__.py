"""Reporters: render audit results; they compute nothing.

`render(report, fmt)` looks the format up in `RENDERERS` (whole reports) and
`open_stream(fmt, rubrics)` in `STREAMERS` (one row per model, written as each
model completes). A new format is an enum member and one entry in one of the two
tables. This module stays light (no rich): a reporter's module is imported only
when its format is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from openaudit import __version__
from openaudit.verdict import Verdict

if TYPE_CHECKING:
    from openaudit.evidence import Evidence


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
class ModelError:
    """A model that could not be audited; it still reaches the report as an entry."""

    ref: str
    code: int  # the exit code this error maps to (2 usage, 3 evidence unavailable)
    message: str


@dataclass(frozen=True)
class RubricRef:
    """A rubric the report was made with: its id, version and title."""

    id: str
    version: str
    title: str = ""


@dataclass(frozen=True)
class Audit:
    """One model's evidence judged by every rubric of the run, the primary (first) first."""

    verdicts: tuple[Verdict, ...]
    # What the sources read (datasets, base models, licence texts), for the BOM formats;
    # None for an audit read back from a JSON report.
    evidence: Evidence | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Refuse an audit without verdicts: there would be no primary."""
        if not self.verdicts:
            raise ValueError("an audit needs at least one verdict")

    @property
    def primary(self) -> Verdict:
        """The verdict under the primary rubric: the one the policy checks."""
        return self.verdicts[0]

    @property
    def ref(self) -> str:
        """The model reference as given."""
        return self.primary.ref


Result = Audit | ModelError


@dataclass(frozen=True)
class Waived:
    """A finding the policy accepted under a waiver; every format marks it."""

    ref: str
    probe: str
    reason: str
    expires: str | None = None  # YYYY-MM-DD
    origin: str = ""  # file:line of the waiver


@dataclass(frozen=True)
class Gate:
    """The policy's result as reporters show it (computed by `openaudit.policy`)."""

    passed: bool
    failures: tuple[str, ...] = ()
    waived: tuple[Waived, ...] = ()
    notes: tuple[str, ...] = ()

    def waiver(self, ref: str, probe: str) -> Waived | None:
        """The waiver covering a model's probe, if any."""
        return next((w for w in self.waived if w.ref == ref and w.probe == probe), None)


@dataclass(frozen=True)
class Report:
    """Everything one run reports: the rubrics used (primary first) and one result per model."""

    rubrics: tuple[RubricRef, ...]
    results: tuple[Result, ...]
    tool_version: str = __version__
    gate: Gate | None = None  # set when a policy was in effect

    @property
    def rubric(self) -> RubricRef:
        """The primary rubric."""
        return self.rubrics[0]

    @property
    def audits(self) -> tuple[Audit, ...]:
        """The models that were audited (errors left out)."""
        return tuple(r for r in self.results if isinstance(r, Audit))

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """The primary rubric's verdict of every audited model."""
        return tuple(audit.primary for audit in self.audits)

    @property
    def errors(self) -> tuple[ModelError, ...]:
        """The models that could not be audited."""
        return tuple(r for r in self.results if isinstance(r, ModelError))


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


def _render_ci(fmt: Format) -> Renderer:
    def render_format(report: Report, options: RenderOptions) -> str:
        from openaudit.report.ci_formats import render_ci

        return render_ci(report, fmt)

    return render_format


RENDERERS: dict[Format, Renderer] = {
    Format.JSON: _render_json,
    Format.TABLE: _render_table,
    Format.HTML: _render_html,
    **{fmt: _render_ci(fmt) for fmt in sorted(CI_FORMATS)},
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


__all__ = [
    "RENDERERS",
    "STREAMERS",
    "Audit",
    "Format",
    "Gate",
    "ModelError",
    "RenderOptions",
    "Report",
    "Result",
    "RubricRef",
    "StreamWriter",
    "Waived",
    "is_streaming",
    "open_stream",
    "render",
]
