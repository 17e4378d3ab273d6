"""What the rubric engine produces: outcomes, findings, layer results, verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from openaudit.evidence import Citation

Answer = Literal["yes", "no", "unknown"]
# What an answer rests on: a field or file says it (stated), a careful reader of the
# card, files and links concludes it (inferred), or nothing bears on it (unknown).
Basis = Literal["stated", "inferred", "unknown"]
BASES: tuple[Basis, ...] = ("stated", "inferred", "unknown")
Level = Literal["open", "partial", "closed", "unknown"]
LAYERS: tuple[str, ...] = ("weights", "code", "data", "documentation", "usage_limits")
LEVELS: tuple[Level, ...] = ("open", "partial", "closed", "unknown")


@dataclass(frozen=True)
class Outcome:
    """An evaluator's answer to one probe's question, with its reason and evidence."""

    answer: Answer
    reason: str
    citations: tuple[Citation, ...] = ()
    inferred: bool = False  # concluded from what was read, not stated by a field or file

    def __init__(
        self,
        answer: Answer,
        reason: str,
        citations: tuple[Citation, ...] = (),
        inferred: bool = False,
    ) -> None:
        # the fields set straight in the instance's dict: the generated __init__ of a
        # frozen dataclass sets each through object.__setattr__, twice as slow, for
        # about 120 outcomes a scan makes per model
        fields = self.__dict__
        fields["answer"] = answer
        fields["reason"] = reason
        fields["citations"] = citations
        fields["inferred"] = inferred

    @classmethod
    def yes(cls, reason: str, *citations: Citation, inferred: bool = False) -> Outcome:
        """A 'yes' answer (`inferred` when concluded rather than stated)."""
        return cls("yes", reason, citations, inferred)

    @classmethod
    def no(cls, reason: str, *citations: Citation, inferred: bool = False) -> Outcome:
        """A 'no' answer (`inferred` when concluded rather than stated)."""
        return cls("no", reason, citations, inferred)

    @property
    def basis(self) -> Basis:
        """What the answer rests on: stated, inferred or (for unknown answers) unknown."""
        if self.answer == "unknown":
            return "unknown"
        return "inferred" if self.inferred else "stated"

    def as_inferred(self) -> Outcome:
        """The same answer, marked as an inference."""
        return replace(self, inferred=True)

    @classmethod
    def unknown(cls, reason: str, *citations: Citation) -> Outcome:
        """The evidence cannot decide; the reason says why."""
        return cls("unknown", reason, citations)


@dataclass(frozen=True)
class GradedOutcome(Outcome):
    """An outcome with a finer grade for framework results.

    MOF component probes grade `included` / `missing` / `not_open` / `unknown`;
    EOSAI dimension probes grade the dimension's level. The engine scores the
    yes/no/unknown answer as for any probe; the framework result reads the grade.
    """

    grade: str = ""
    present: bool | None = None  # MOF: the component is released (whatever its licence)

    def __init__(
        self,
        answer: Answer,
        reason: str,
        citations: tuple[Citation, ...] = (),
        inferred: bool = False,
        grade: str = "",
        present: bool | None = None,
    ) -> None:
        Outcome.__init__(self, answer, reason, citations, inferred)
        fields = self.__dict__  # as Outcome's: set straight in the instance's dict
        fields["grade"] = grade
        fields["present"] = present


@dataclass(frozen=True)
class Finding:
    """One probe's result inside a layer."""

    probe: str
    question: str
    answer: Answer
    reason: str
    weight: float
    citations: tuple[Citation, ...] = ()
    remediation: str | None = None  # set only when the answer is not "yes"
    basis: Basis = "stated"


@dataclass(frozen=True)
class LayerResult:
    """One openness layer: its level, 0-100 score and the findings behind them."""

    id: str
    level: Level
    score: int | None
    findings: tuple[Finding, ...]
    summary: str = ""
    at_least: Level | None = None  # an unknown layer the evidence proves at least this open
    basis: Basis = "stated"  # inferred when a decided finding of the layer is inferred
    decided_by: str = ""  # a framework whose own rule gave the level (not the probe scores)


@dataclass(frozen=True)
class Verdict:
    """A model's audit under one rubric."""

    ref: str
    repo_id: str | None
    revision: str | None
    sha: str | None
    source: str
    access: str
    rubric_id: str
    rubric_version: str
    layers: tuple[LayerResult, ...]
    level: Level
    score: int | None
    summary: str
    problems: tuple[tuple[str, str], ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)  # framework results (MOF class, ...)
    license: dict[str, Any] = field(default_factory=dict)  # rubric-independent licence block

    @property
    def framework(self) -> dict[str, Any] | None:
        """The rubric's framework result (MOF, OSAID, EOSAI), or None without a framework.

        The engine keys it in `extras` by its kind, and the result names that kind.
        """
        for key in sorted(self.extras):
            value = self.extras[key]
            if isinstance(value, dict) and value.get("framework") == key:
                return value
        return None

    def layer(self, layer_id: str) -> LayerResult:
        """The result of one layer by id."""
        return next(layer for layer in self.layers if layer.id == layer_id)
