"""A rubric's levels, scores and framework result for one model, without its report.

`evaluate()` builds a whole Verdict: findings with questions, citations and
remediations, layer summaries, the licence block. A scan writes none of that, only
levels, scores, the framework's result and the reasons of unknown answers, so it
runs the rubric's probes and decides the levels here with the engine's own rules
(`assess_layer`, `framework_extras`, `framework_layers`, `overall_level`,
`overall_score`): the same rules, the same levels (tests/test_scan_levels.py checks
them against `evaluate()`), less of what only a single audit prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from openaudit.rubric.engine import (
    assess_layer,
    framework_extras,
    framework_layers,
    layer_basis,
    overall_level,
    overall_score,
)
from openaudit.rubric.framework_spec import framework_summary
from openaudit.rubric.registry import EvaluatorFn, get_evaluator
from openaudit.verdict import LayerResult, Level, Outcome

if TYPE_CHECKING:
    from openaudit.rubric.context import ProbeContext
    from openaudit.rubric.model import ProbeSpec, Rubric

T = TypeVar("T")


class AnswerMemo(Protocol):
    """Answers shared across models (scan/probe_memo.py), made for one bound rubric."""

    rubric: BoundRubric

    def results(self, ctx: ProbeContext) -> list[tuple[ProbeSpec, Outcome]]:
        """Every probe's answer over `ctx`, in the rubric's order."""
        ...

    def derived(
        self,
        ctx: ProbeContext,
        kind: str,
        results: list[tuple[ProbeSpec, Outcome]],
        compute: Callable[[list[tuple[ProbeSpec, Outcome]]], T],
    ) -> T:
        """`compute(results)` (a pure function of the answers `results(ctx)` gave),
        shared with the earlier models of the scan that got the very same answers."""
        ...


@dataclass(frozen=True)
class BoundProbe:
    """A probe with its evaluator and its params completed by defaults, looked up once."""

    spec: ProbeSpec
    fn: EvaluatorFn
    name: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Levels:
    """What a scan keeps of one rubric's verdict."""

    level: Level
    score: int | None
    layers: tuple[LayerResult, ...]  # without findings or summaries
    framework: dict[str, Any] | None
    unknown: tuple[tuple[str, str, str], ...]  # (layer, probe, reason) of each unknown answer


@dataclass(frozen=True)
class BoundRubric:
    """A rubric whose probes are bound to their evaluators, once per process."""

    rubric: Rubric
    probes: tuple[BoundProbe, ...]
    by_layer: tuple[tuple[int, ...], ...]  # per layer of the rubric, its probes' positions

    @classmethod
    def of(cls, rubric: Rubric) -> BoundRubric:
        """Bind every probe of `rubric` (its loader has checked the evaluators exist)."""
        bound = []
        for probe in rubric.probes:
            spec = get_evaluator(probe.evaluator)
            if spec is None:
                raise KeyError(f"probe {probe.id}: unknown evaluator {probe.evaluator!r}")
            bound.append(BoundProbe(probe, spec.fn, spec.name, spec.with_defaults(probe.params)))
        by_layer = tuple(
            tuple(i for i, probe in enumerate(rubric.probes) if probe.layer == layer.id)
            for layer in rubric.layers
        )
        return cls(rubric, tuple(bound), by_layer)

    def levels(self, ctx: ProbeContext, memo: AnswerMemo | None = None) -> Levels:
        """The rubric's levels over one model's context (answers as `evaluate()` gives them).

        `memo` (a scan's, made for this rubric) answers probes whose inputs an earlier
        model of the scan had (probe_memo.py).
        """
        results = self._results(ctx, memo)
        if memo is None:
            return self._levels(results)
        return memo.derived(ctx, "levels", results, self._levels)

    def _levels(self, results: list[tuple[ProbeSpec, Outcome]]) -> Levels:
        """The levels from the probes' answers: a function of the answers alone (a memo
        shares it between models with the same answers)."""
        rubric = self.rubric
        extras = framework_extras(rubric, results)
        layers = []
        unknown = []
        for spec, positions in zip(rubric.layers, self.by_layer, strict=True):
            own = [results[i] for i in positions]
            level, score, at_least = assess_layer(spec, own)
            layers.append(
                LayerResult(spec.id, level, score, (), "", at_least, layer_basis(own, level))
            )
            unknown += [(spec.id, p.id, o.reason) for p, o in own if o.answer == "unknown"]
        decided = framework_layers(rubric, extras, tuple(layers))
        framework = extras.get(rubric.framework.kind) if rubric.framework else None
        score = overall_score(rubric.layers, decided)
        return Levels(overall_level(decided), score, decided, framework, tuple(unknown))

    def framework(self, ctx: ProbeContext, memo: AnswerMemo | None = None) -> dict[str, Any] | None:
        """Only the framework result (`levels(ctx).framework`): a scan reads the MOF class
        and the EOSAI dimensions from it, not these rubrics' layers.

        With `memo`, answers taken from it have no citations: the result lists no evidence
        for them (EOSAI's `evidence`), which a scan does not write."""
        if self.rubric.framework is None:
            return None
        results = self._results(ctx, memo)
        if memo is None:
            return self._framework(results)
        return memo.derived(ctx, "framework", results, self._framework)

    def _framework(self, results: list[tuple[ProbeSpec, Outcome]]) -> dict[str, Any] | None:
        """The framework result from the probes' answers alone."""
        kind = self.rubric.framework.kind if self.rubric.framework else None
        return framework_extras(self.rubric, results).get(kind) if kind else None

    def framework_summary(
        self, ctx: ProbeContext, memo: AnswerMemo | None = None
    ) -> dict[str, Any] | None:
        """What a scan keeps of the framework result (`framework(ctx)`): for MOF its
        "class", for EOSAI its "score" and each dimension's "id" and "level", worked out
        by the framework's own rules without the rest (components, reasons, evidence:
        `framework_spec.framework_summary`)."""
        if self.rubric.framework is None:
            return None
        results = self._results(ctx, memo)
        if memo is None:
            return self._summary(results)
        return memo.derived(ctx, "summary", results, self._summary)

    def _summary(self, results: list[tuple[ProbeSpec, Outcome]]) -> dict[str, Any] | None:
        """The framework's summary from the probes' answers alone."""
        spec = self.rubric.framework
        if spec is None:
            return None
        return framework_summary(spec, {probe.id: outcome for probe, outcome in results})

    def _results(
        self, ctx: ProbeContext, memo: AnswerMemo | None = None
    ) -> list[tuple[ProbeSpec, Outcome]]:
        if memo is None:
            return [(bound.spec, answer(bound, ctx)) for bound in self.probes]
        if memo.rubric is not self:
            raise ValueError("the probe memo was made for another rubric")
        return memo.results(ctx)


def answer(bound: BoundProbe, ctx: ProbeContext) -> Outcome:
    """One probe's answer over `ctx` (its evaluator must return an Outcome)."""
    outcome = bound.fn(ctx, **bound.params)
    if not isinstance(outcome, Outcome):
        raise TypeError(f"evaluator {bound.name!r} returned {type(outcome).__name__}, not Outcome")
    return outcome
