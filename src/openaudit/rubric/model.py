"""The rubric as plain frozen data: layers, thresholds and probes.

A rubric says which questions (probes) are asked about a model, which layer
each one informs, how much it weighs and how far a "no" caps the layer. The
loader builds it from YAML; the engine reads it; `openaudit explain` and the
generated docs render it. Nothing here evaluates anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from openaudit.verdict import Answer, Level

if TYPE_CHECKING:
    from openaudit.rubric.framework_spec import FrameworkSpec

# How far each level is from "open"; a cap keeps the lower of two levels. Unknown
# sits between closed and partial: a decided "closed" beats an undecided layer,
# while an undecided layer can never be reported as partial or open.
LEVEL_RANK: dict[Level, int] = {"closed": 0, "unknown": 1, "partial": 2, "open": 3}


def cap_level(level: Level, cap: Level | None) -> Level:
    """The lower of `level` and `cap` in LEVEL_RANK order (no cap: unchanged)."""
    if cap is None or LEVEL_RANK[cap] >= LEVEL_RANK[level]:
        return level
    return cap


@dataclass(frozen=True)
class Thresholds:
    """Scores from which a layer is `open` or `partial`; below `partial` it is closed."""

    open: float
    partial: float

    def level(self, score: float) -> Level:
        """The level a 0-100 score reaches."""
        if score >= self.open:
            return "open"
        if score >= self.partial:
            return "partial"
        return "closed"


@dataclass(frozen=True)
class LayerSpec:
    """One layer of a rubric: its weight in the overall score and its thresholds."""

    id: str
    weight: float
    thresholds: Thresholds
    title: str = ""


@dataclass(frozen=True)
class ProbeSpec:
    """One yes/no/unknown question, answered by a registered evaluator."""

    id: str
    layer: str
    question: str
    evaluator: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)
    weight: float = 1.0
    cap_if_no: Level | None = None
    cap_if_unknown: Level | None = None
    why: str = ""
    remediation: str = ""
    refs: tuple[str, ...] = ()
    summary: dict[Answer, str] = field(default_factory=dict, hash=False)
    # Framework rubrics: what Hub evidence decides, what needs a person, and the
    # framework text the probe follows.
    can_decide: str = ""
    cannot_decide: str = ""
    source: str = ""

    def cap_for(self, answer: Answer) -> Level | None:
        """The cap this probe puts on its layer for an answer (None: no cap)."""
        if answer == "no":
            return self.cap_if_no
        if answer == "unknown":
            return self.cap_if_unknown
        return None


@dataclass(frozen=True)
class Rubric:
    """A validated rubric: layers in report order, probes in rubric order."""

    id: str
    version: str
    title: str
    layers: tuple[LayerSpec, ...]
    probes: tuple[ProbeSpec, ...]
    source: str = ""
    description: str = ""
    path: str = ""
    extends: str = ""
    framework: FrameworkSpec | None = field(default=None, hash=False)

    def layer(self, layer_id: str) -> LayerSpec:
        """A layer by id (KeyError when the rubric has no such layer)."""
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    def probe(self, probe_id: str) -> ProbeSpec:
        """A probe by id (KeyError when the rubric has no such probe)."""
        for probe in self.probes:
            if probe.id == probe_id:
                return probe
        raise KeyError(probe_id)

    def probes_of(self, layer_id: str) -> tuple[ProbeSpec, ...]:
        """The probes of one layer, in rubric order."""
        return tuple(probe for probe in self.probes if probe.layer == layer_id)
