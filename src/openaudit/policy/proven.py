"""The proven result of a verdict: what it is whatever its unknown answers turn out to be.

A verdict's score counts decided answers only, so hiding evidence (turning a
"no" into "unknown") can raise it. A gate therefore judges the proven result:
every unknown answer counted as "no", every waived probe counted as "yes", then
scored and levelled by the rubric's own rules (weights, thresholds, caps). The
engine's rules are monotone in the answers, so giving more evidence can only
keep or raise the proven result, and withholding it can never raise it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from openaudit.rubric.engine import assess_layer, overall_level, overall_score
from openaudit.rubric.model import LayerSpec, ProbeSpec, Rubric, Thresholds
from openaudit.verdict import Finding, LayerResult, Level, Outcome, Verdict

_NO_THRESHOLDS = Thresholds(open=101, partial=101)  # a layer the rubric does not know


@dataclass(frozen=True)
class Proven:
    """A verdict's proven score and levels, and the unknown answers counted as no."""

    score: int | None
    level: Level
    layers: Mapping[str, Level]
    layer_scores: Mapping[str, int | None]
    unknown: Mapping[str, tuple[str, ...]]  # layer -> probes counted as no
    waived: Mapping[str, tuple[str, ...]]  # layer -> probes counted as yes by a waiver

    @property
    def unknown_count(self) -> int:
        """How many unknown answers were counted as no."""
        return sum(len(probes) for probes in self.unknown.values())


def proven(verdict: Verdict, rubric: Rubric, waived: Collection[str] = ()) -> Proven:
    """The verdict's result with unknown answers as no and `waived` probes as yes."""
    results: list[LayerResult] = []
    unknown: dict[str, tuple[str, ...]] = {}
    accepted: dict[str, tuple[str, ...]] = {}
    for layer in verdict.layers:
        spec = _layer_spec(rubric, layer.id)
        scored = [(_probe_spec(rubric, f), _answer(f, waived)) for f in layer.findings]
        level, score, _ = assess_layer(spec, scored)
        results.append(LayerResult(layer.id, level, score, ()))
        undecided = tuple(
            f.probe for f in layer.findings if f.answer == "unknown" and f.probe not in waived
        )
        if undecided:
            unknown[layer.id] = undecided
        covered = tuple(f.probe for f in layer.findings if f.probe in waived and f.answer != "yes")
        if covered:
            accepted[layer.id] = covered
    layers = tuple(results)
    specs = tuple(_layer_spec(rubric, layer.id) for layer in layers)
    return Proven(
        score=overall_score(specs, layers),
        level=overall_level(layers),
        layers={layer.id: layer.level for layer in layers},
        layer_scores={layer.id: layer.score for layer in layers},
        unknown=unknown,
        waived=accepted,
    )


def _answer(finding: Finding, waived: Collection[str]) -> Outcome:
    if finding.probe in waived:
        return Outcome.yes("waived")
    if finding.answer == "unknown":
        return Outcome.no("unknown, counted as no")
    return Outcome(finding.answer, finding.reason)


def _layer_spec(rubric: Rubric, layer_id: str) -> LayerSpec:
    try:
        return rubric.layer(layer_id)
    except KeyError:
        return LayerSpec(layer_id, 1.0, _NO_THRESHOLDS)


def _probe_spec(rubric: Rubric, finding: Finding) -> ProbeSpec:
    try:
        return rubric.probe(finding.probe)
    except KeyError:  # a verdict read back from JSON with a probe this rubric lacks
        return ProbeSpec(finding.probe, "", finding.question, "", weight=finding.weight)
