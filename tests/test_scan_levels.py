"""The scan's lean evaluation decides exactly what `evaluate()` decides, without the report."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.evidence import Evidence
from openaudit.rubric import ProbeContext, evaluate, load_rubric
from openaudit.scan.levels import BoundRubric

# one worker runs the whole module: the fixture models are fetched once for the four
# rubrics (and for the other modules of the group: conftest's hub_models)
pytestmark = pytest.mark.xdist_group("hub_models")


@pytest.fixture(scope="module")
def fixture_evidence(hub_models: tuple[Evidence, ...]) -> list[Evidence]:
    found = []
    for evidence in hub_models:
        # and as a dump row without card text or file listing looks to the probes
        found += [evidence, replace(evidence, readme=None, files=())]
    return found


@pytest.mark.parametrize("rubric_id", ["openaudit", "mof", "eosai", "osaid"])
def test_levels_equal_the_verdicts_over_every_fixture_model(
    fixture_evidence: list[Evidence], rubric_id: str
) -> None:
    rubric = load_rubric(rubric_id)
    bound = BoundRubric.of(rubric)
    assert len(fixture_evidence) > 60
    for evidence in fixture_evidence:
        verdict = evaluate(rubric, evidence)
        levels = bound.levels(ProbeContext(evidence))
        assert (levels.level, levels.score) == (verdict.level, verdict.score), evidence.ref
        assert levels.framework == verdict.framework, evidence.ref
        assert bound.framework(ProbeContext(evidence)) == verdict.framework, evidence.ref
        for mine, theirs in zip(levels.layers, verdict.layers, strict=True):
            got = (mine.id, mine.level, mine.score, mine.at_least, mine.basis, mine.decided_by)
            want = (theirs.id, theirs.level, theirs.score, theirs.at_least, theirs.basis)
            assert got == (*want, theirs.decided_by), evidence.ref
        unknown = tuple(
            (layer.id, finding.probe, finding.reason)
            for layer in verdict.layers
            for finding in layer.findings
            if finding.answer == "unknown"
        )
        assert levels.unknown == unknown, evidence.ref


def test_a_helper_shared_by_rubrics_runs_once_per_model_whatever_the_call_shape() -> None:
    from openaudit.rubric.context import once_per_model

    calls: list[tuple[object, ...]] = []

    @once_per_model
    def helper(ctx: ProbeContext, names: list[str], least: int = 1) -> int:
        calls.append((tuple(names), least))
        return len(calls)

    ctx = ProbeContext(Evidence(ref="acme/model", source="hub"))
    assert helper(ctx, ["a"], 2) == helper(ctx, names=["a"], least=2) == 1
    assert helper(ctx, ["b"], 2) == 2
    assert helper(ProbeContext(ctx.evidence), ["a"], 2) == 3  # another model: computed again


RANK = {"closed": 0, "partial": 1, "open": 2}


def test_strict_never_calls_a_layer_more_open_than_the_default(
    fixture_evidence: list[Evidence],
) -> None:
    """--strict counts stated answers only: what it cannot see stays unknown or caps the
    layer, so no layer comes out more open than the default's reading of the same model."""
    rubric = load_rubric("openaudit")
    for evidence in fixture_evidence:
        default = evaluate(rubric, evidence)
        strict = evaluate(rubric, evidence, strict=True)
        for mine, theirs in zip(strict.layers, default.layers, strict=True):
            if mine.level == "unknown":
                continue
            assert theirs.level != "unknown", (evidence.ref, mine.id, mine.level)
            assert RANK[mine.level] <= RANK[theirs.level], (evidence.ref, mine.id, mine.level)


def _kept_of_framework(result: dict[str, object] | None) -> object:
    """What a scan writes of a framework result (score._frameworks): the MOF class, the
    EOSAI score and each dimension's level."""
    if result is None:
        return None
    dims = result.get("dimensions", ())
    assert isinstance(dims, list | tuple)
    return (
        result.get("class"),
        result.get("score"),
        [(dim["id"], dim.get("level")) for dim in dims],
    )


@pytest.mark.parametrize("rubric_id", ["openaudit", "mof", "eosai", "osaid"])
def test_the_framework_summary_is_what_a_scan_keeps_of_the_verdicts_framework(
    fixture_evidence: list[Evidence], rubric_id: str
) -> None:
    bound = BoundRubric.of(load_rubric(rubric_id))
    for evidence in fixture_evidence:
        summary = bound.framework_summary(ProbeContext(evidence))
        whole = bound.framework(ProbeContext(evidence))
        assert _kept_of_framework(summary) == _kept_of_framework(whole), evidence.ref


GRADES = ["", "included", "missing", "not_open", "unknown", "open", "partial", "closed"]


# 100 examples: each draws the answer, grade and presence of every probe of the rubric
# (some 50), so a run sees each of a probe's 144 combinations many times over
@settings(max_examples=100, deadline=None)
@given(data=st.data(), rubric_id=st.sampled_from(["mof", "eosai"]))
def test_the_framework_summary_agrees_with_the_whole_result_for_any_answers(
    data: st.DataObject, rubric_id: str
) -> None:
    """Every combination of answers and grades, and probes a composing rubric disabled."""
    from openaudit.frameworks.license_openness import graded
    from openaudit.verdict import Outcome

    bound = BoundRubric.of(load_rubric(rubric_id))
    results = []
    for probe in bound.rubric.probes:
        if data.draw(st.integers(0, 9)) == 0:
            continue  # disabled: the framework counts it undecided
        answer = data.draw(st.sampled_from(["yes", "no", "unknown"]))
        outcome = Outcome(answer, "why", inferred=data.draw(st.booleans()) and answer != "unknown")
        grade = data.draw(st.sampled_from(GRADES))
        present = data.draw(st.sampled_from([None, True, False]))
        results.append((probe, graded(outcome, grade, present) if grade else outcome))
    assert _kept_of_framework(bound._summary(results)) == _kept_of_framework(
        bound._framework(results)
    )
