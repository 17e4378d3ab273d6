"""What a run produces: per model an Audit (its verdict under every rubric) or a ModelError,
and the Report of the whole run with the policy's Gate. Plain frozen data that the batch
runner yields, the policy judges, the compare module diffs and the reporters render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openaudit import __version__
from openaudit.verdict import Verdict

if TYPE_CHECKING:
    from openaudit.evidence import Evidence


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
