"""The rubric engine: probes -> findings -> layer levels and scores -> a verdict.

Scoring rules (the same for every rubric):
- a layer's score is 100 x (weight answered yes) / (weight answered yes or no);
  unknown answers are left out of the denominator, never counted as yes;
- when unknown answers carry more than half the layer's weight, or nothing was
  decided, the layer's level is `unknown` (its score is still shown, or None);
- otherwise the level comes from the layer's thresholds, then each probe
  answered no (or unknown) lowers it to its `cap_if_no` (`cap_if_unknown`);
  `cap_if_unknown: unknown` makes the layer unknown only when a "no" to that
  probe could still lower the level (gated weights are partial whatever the
  unread licence says);
- an unknown layer left so only by such probes records the lowest level a "no"
  to them could give (`at_least`);
- overall: open when every layer is open; closed when weights or usage limits
  are closed; unknown when either is unknown and could still be closed (its
  `at_least` is not partial or open); else partial. The overall score
  is the layer-weighted mean of the layer scores that are not None.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from openaudit.evidence import Evidence
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.framework_spec import framework_result
from openaudit.rubric.license_block import license_block
from openaudit.rubric.model import LEVEL_RANK, LayerSpec, ProbeSpec, Rubric, cap_level
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Basis, Finding, GradedOutcome, LayerResult, Level, Outcome, Verdict

KEY_LAYERS = ("weights", "usage_limits")
GATED_PROBLEM = (
    "gated: the README and licence files could not be read; approved access would add "
    "the card text (documentation, data sources, code and paper links) and the licence files"
)
Scored = tuple[ProbeSpec, Outcome]


def evaluate(
    rubric: Rubric, evidence: Evidence, *, strict: bool = False, context: ProbeContext | None = None
) -> Verdict:
    """Audit one model's evidence under a rubric.

    With `strict`, only stated answers count: an inferred answer becomes unknown.
    `context` (a ProbeContext of the same evidence) shares derived facts (the parsed
    card, lineage, file matches) between the rubrics of one model, as `openaudit
    scan` does; the verdict's summary then names the licence when any rubric sharing
    the context identified it, not only when this rubric's probes needed it.
    """
    ctx = context if context is not None and context.evidence is evidence else None
    ctx = ctx or ProbeContext(evidence)
    results = [_scored(probe, ctx, strict) for probe in rubric.probes]
    extras = framework_extras(rubric, results)
    layers = tuple(_layer(layer, results, ctx) for layer in rubric.layers)
    layers = framework_layers(rubric, extras, layers)
    level = overall_level(layers)
    return Verdict(
        ref=evidence.ref,
        repo_id=evidence.repo_id,
        revision=evidence.revision,
        sha=evidence.sha,
        source=evidence.source,
        access=evidence.access,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        layers=layers,
        level=level,
        score=overall_score(rubric.layers, layers),
        summary=verdict_summary(level, layers, ctx),
        problems=problems(ctx),
        extras=extras,
        # after `summary`: verdict_summary names the licence only when a probe needed it
        license=license_block(ctx),
    )


def framework_extras(rubric: Rubric, results: list[Scored]) -> dict[str, Any]:
    """The framework result keyed by framework (`{"mof": {...}}`), if the rubric has one."""
    if rubric.framework is None:
        return {}
    outcomes = {probe.id: outcome for probe, outcome in results}
    return {rubric.framework.kind: framework_result(rubric.framework, outcomes)}


def framework_layers(
    rubric: Rubric, extras: dict[str, Any], layers: tuple[LayerResult, ...]
) -> tuple[LayerResult, ...]:
    """The layers with the levels the framework's own rules give them, where it gives any.

    A framework result may carry `layers`: {layer: {level, basis, reason}}. The probe
    scores stay; the level and its basis are the framework's.
    """
    result = extras.get(rubric.framework.kind) if rubric.framework else None
    decided = result.get("layers", {}) if isinstance(result, dict) else {}
    return tuple(
        replace(
            layer,
            level=decided[layer.id]["level"],
            basis=decided[layer.id]["basis"],
            summary=decided[layer.id]["reason"],
            at_least=None,
            decided_by=rubric.framework.kind if rubric.framework else "",
        )
        if layer.id in decided
        else layer
        for layer in layers
    )


def _scored(probe: ProbeSpec, ctx: ProbeContext, strict: bool) -> Scored:
    """The probe's answer over `ctx`, as --strict sees it when `strict`.

    A capping probe whose inferred answer --strict sets aside leaves its cap undecided,
    not gone: the layer is unknown (at least the cap) where it would otherwise be more
    open than a "no" allows, so --strict never calls a layer more open than what the
    stated evidence shows."""
    spec = get_evaluator(probe.evaluator)
    if spec is None:  # only a Rubric built by hand can get here; the loader refuses it
        raise KeyError(f"probe {probe.id}: unknown evaluator {probe.evaluator!r}")
    outcome = run(spec, ctx, probe.params)
    if not (strict and outcome.basis == "inferred"):
        return probe, outcome
    if probe.cap_if_no is not None and probe.cap_if_unknown is None:
        probe = replace(probe, cap_if_unknown="unknown")
    return probe, stated_only(outcome)


def stated_only(outcome: Outcome) -> Outcome:
    """An inferred answer as --strict sees it: unknown, keeping what was read."""
    reason = f"{outcome.reason} (inferred; --strict counts stated answers only)"
    unknown = replace(outcome, answer="unknown", reason=reason, inferred=False)
    # A graded framework outcome (MOF status, EOSAI level) becomes undecided too.
    if isinstance(unknown, GradedOutcome):
        return replace(unknown, grade="unknown")
    return unknown


def _layer(layer: LayerSpec, results: list[Scored], ctx: ProbeContext) -> LayerResult:
    own = [(probe, outcome) for probe, outcome in results if probe.layer == layer.id]
    level, score, at_least = assess_layer(layer, own)
    findings = tuple(_finding(probe, outcome) for probe, outcome in own)
    return LayerResult(
        layer.id, level, score, findings, layer_summary(own, ctx), at_least, layer_basis(own, level)
    )


def layer_basis(results: Iterable[Scored], level: Level) -> Basis:
    """Unknown for an unknown layer; inferred when any decided answer is inferred."""
    if level == "unknown":
        return "unknown"
    inferred = any(outcome.basis == "inferred" for _, outcome in results)
    return "inferred" if inferred else "stated"


def _finding(probe: ProbeSpec, outcome: Outcome) -> Finding:
    return Finding(
        probe=probe.id,
        question=probe.question,
        answer=outcome.answer,
        reason=outcome.reason,
        weight=probe.weight,
        citations=outcome.citations,
        remediation=None if outcome.answer == "yes" else probe.remediation or None,
        basis=outcome.basis,
    )


def assess_layer(
    layer: LayerSpec, results: Iterable[Scored]
) -> tuple[Level, int | None, Level | None]:
    """A layer's level and score, and for a layer left unknown only by unanswered
    capping probes, the lowest level a "no" to them could give (None otherwise)."""
    results = list(results)
    total = yes = decided = 0.0  # one pass: a scan assesses millions of layers
    for probe, outcome in results:
        total += probe.weight
        if outcome.answer != "unknown":
            decided += probe.weight
            if outcome.answer == "yes":
                yes += probe.weight
    ratio = 100 * yes / decided if decided > 0 else None
    score = None if ratio is None else round(ratio)
    level: Level = "unknown"
    if ratio is not None and total - decided <= total / 2:
        level = layer.thresholds.level(ratio)
    undecided = []
    for probe, outcome in results:
        cap = probe.cap_for(outcome.answer)
        if cap == "unknown" and outcome.answer == "unknown":
            undecided.append(probe)
        else:
            level = cap_level(level, cap)
    differing = [probe for probe in undecided if _could_differ(level, probe)]
    if not differing or LEVEL_RANK[level] <= LEVEL_RANK["unknown"]:  # closed stays closed
        return level, score, None
    lowest = min((_level_if_no(level, p) for p in differing), key=LEVEL_RANK.__getitem__)
    return "unknown", score, lowest


def _level_if_no(level: Level, probe: ProbeSpec) -> Level:
    """The level a "no" to an unanswered probe would leave (uncapped: any, so closed)."""
    return cap_level(level, probe.cap_if_no) if probe.cap_if_no is not None else "closed"


def _could_differ(level: Level, probe: ProbeSpec) -> bool:
    """Whether a 'no' to this unanswered probe would give a lower level than `level`."""
    return probe.cap_if_no is None or LEVEL_RANK[level] > LEVEL_RANK[probe.cap_if_no]


def overall_level(layers: tuple[LayerResult, ...]) -> Level:
    """The verdict's level from its layers' levels."""
    levels = {layer.id: layer.level for layer in layers}
    if levels and all(level == "open" for level in levels.values()):
        return "open"
    if any(levels.get(key) == "closed" for key in KEY_LAYERS):
        return "closed"
    if any(_could_be_closed(layer) for layer in layers if layer.id in KEY_LAYERS):
        return "unknown"
    return "partial"


def _could_be_closed(layer: LayerResult) -> bool:
    """An unknown layer whose evidence does not prove it at least partial."""
    return layer.level == "unknown" and layer.at_least in (None, "closed", "unknown")


def overall_score(specs: tuple[LayerSpec, ...], layers: tuple[LayerResult, ...]) -> int | None:
    """The layer-weighted mean of the layer scores that are not None."""
    weights = {spec.id: spec.weight for spec in specs}
    scored = [(weights[layer.id], layer.score) for layer in layers if layer.score is not None]
    total = sum(weight for weight, _ in scored)
    if total <= 0:
        return None
    return round(sum(weight * score for weight, score in scored) / total)


def layer_summary(results: Iterable[Scored], ctx: ProbeContext) -> str:
    """A short phrase of key evidence, from the probes' `summary` templates."""
    parts = []
    for probe, outcome in results:
        template = probe.summary.get(outcome.answer, "")
        if "{license}" in template:
            template = template.replace("{license}", _licence_name(ctx))
        value = next((c.value for c in outcome.citations if c.value), "")
        text = template.replace("{value}", value).strip()
        if text:
            parts.append(text)
    return ", ".join(dict.fromkeys(parts))


def _licence_name(ctx: ProbeContext) -> str:
    report = ctx.license
    if report.license_id:
        return report.license_id
    return "an unidentified licence" if report.claims else "no licence"


def verdict_summary(level: Level, layers: tuple[LayerResult, ...], ctx: ProbeContext) -> str:
    """One line: the level, the licence when known, and the layers grouped by level."""
    groups = []
    for each in ("open", "partial", "closed", "unknown"):
        names = [layer.id.replace("_", " ") for layer in layers if layer.level == each]
        if names:
            groups.append(f"{each} {', '.join(names)}")
    report = ctx.__dict__.get("license")  # only when a probe needed it: never computed here
    licence = f" ({report.license_id})" if report is not None and report.license_id else ""
    return f"{level}{licence}: {'; '.join(groups)}"


def problems(ctx: ProbeContext) -> tuple[tuple[str, str], ...]:
    """Evidence problems worth reporting beside the verdict, in a stable order."""
    evidence = ctx.evidence
    found = [(problem.what, problem.message) for problem in evidence.problems]
    if evidence.access == "gated":
        found.append(("access", GATED_PROBLEM))
    if evidence.readme is not None and ctx.card.metadata_error:
        found.append(("card metadata", ctx.card.metadata_error))
    found += [("card metadata", note) for note in ctx.card.metadata_notes]
    return tuple(dict.fromkeys(found))


def reads_evidence(rubric: object, item: str) -> bool:
    """Whether any probe of `rubric` reads this evidence item (e.g. 'api:refs'), so a
    source can skip requests no rubric needs. Anything but a Rubric is assumed to."""
    if not isinstance(rubric, Rubric):
        return True
    specs = (get_evaluator(probe.evaluator) for probe in rubric.probes)
    return any(spec is not None and item in spec.reads for spec in specs)
