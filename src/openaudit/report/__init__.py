"""Reporters: render audit results; they compute nothing.

`render(report, fmt)` dispatches on `Format`. This module stays light (no rich):
the table reporter, which needs rich, is imported only when a table is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

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


def render(
    report: Report, fmt: Format, *, explain: bool = False, width: int = 100, color: bool = False
) -> str:
    """The report as text in the given format; `explain`, `width`, `color` apply to tables."""
    if fmt is Format.JSON:
        from openaudit.report.json_report import render_json

        return render_json(report)
    if fmt is Format.TABLE:
        from openaudit.report.table import render_table

        return render_table(report, explain=explain, width=width, color=color)
    if fmt in CI_FORMATS:
        from openaudit.report.ci_formats import render_ci

        return render_ci(report, fmt)
    assert_never(fmt)  # type: ignore[arg-type]


__all__ = [
    "Audit",
    "Format",
    "Gate",
    "ModelError",
    "Report",
    "Result",
    "RubricRef",
    "Waived",
    "render",
]
