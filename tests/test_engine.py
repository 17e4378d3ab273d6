"""Engine rules: scoring, unknowns, caps, overall level and score, determinism."""

from __future__ import annotations

import pytest

from openaudit.evidence import Evidence, Problem, RepoFile
from openaudit.rubric import parse_rubric
from openaudit.rubric.engine import (
    GATED_PROBLEM,
    assess_layer,
    evaluate,
    overall_level,
    overall_score,
)
from openaudit.rubric.model import LayerSpec, ProbeSpec, Thresholds
from openaudit.verdict import Answer, LayerResult, Level, Outcome

LAYER = LayerSpec("weights", 1.0, Thresholds(80, 35))


def probe(
    name: str, weight: float = 1, no: Level | None = None, unknown: Level | None = None
) -> ProbeSpec:
    return ProbeSpec(
        name, "weights", "?", "tag_present", {}, weight, cap_if_no=no, cap_if_unknown=unknown
    )


def answered(*items: tuple[ProbeSpec, Answer]) -> list[tuple[ProbeSpec, Outcome]]:
    return [(spec, Outcome(answer, "because")) for spec, answer in items]


SCORING = [
    ("all yes", [(probe("a"), "yes"), (probe("b"), "yes")], "open", 100),
    ("threshold partial", [(probe("a", 2), "yes"), (probe("b", 3), "no")], "partial", 40),
    ("below partial", [(probe("a"), "yes"), (probe("b", 3), "no")], "closed", 25),
    ("unknown left out", [(probe("a", 3), "yes"), (probe("b", 1), "unknown")], "open", 100),
    ("unknown over half", [(probe("a"), "yes"), (probe("b", 2), "unknown")], "unknown", 100),
    ("exactly half unknown", [(probe("a"), "yes"), (probe("b"), "unknown")], "open", 100),
    ("all unknown", [(probe("a"), "unknown"), (probe("b"), "unknown")], "unknown", None),
    ("cap if no", [(probe("a", 9), "yes"), (probe("b", 1, no="partial"), "no")], "partial", 90),
    ("closed cap wins over unknown",
     [(probe("a", 1, no="closed"), "no"), (probe("b", 5), "unknown")], "closed", 0),
    ("partial cap keeps unknown",
     [(probe("a", 1, no="partial"), "no"), (probe("b", 5), "unknown")], "unknown", 0),
    ("cap if unknown", [(probe("a", 9), "yes"), (probe("b", 1, unknown="partial"), "unknown")],
     "partial", 100),
    ("unknown cap", [(probe("a", 9), "yes"), (probe("b", 1, unknown="unknown"), "unknown")],
     "unknown", 100),
    ("unknown cap could lower", [(probe("a", 9), "yes"),
                                 (probe("b", 1, no="partial", unknown="unknown"), "unknown")],
     "unknown", 100),
    ("unknown cap already decided", [(probe("a", 9, no="partial"), "no"), (probe("c", 9), "yes"),
                                     (probe("b", 1, no="partial", unknown="unknown"), "unknown")],
     "partial", 50),
    ("unknown cap over closed", [(probe("a", 9, no="closed"), "no"),
                                 (probe("b", 1, unknown="unknown"), "unknown")], "closed", 0),
    ("cap on yes ignored", [(probe("a", 1, no="closed"), "yes")], "open", 100),
    ("zero weight probe", [(probe("a", 1), "yes"), (probe("b", 0), "no")], "open", 100),
]  # fmt: skip


@pytest.mark.parametrize(("results", "level", "score"), [c[1:] for c in SCORING],
                         ids=[c[0] for c in SCORING])  # fmt: skip
def test_score_layer(
    results: list[tuple[ProbeSpec, Answer]], level: Level, score: int | None
) -> None:
    assert assess_layer(LAYER, answered(*results))[:2] == (level, score)


def layers(**levels: Level) -> tuple[LayerResult, ...]:
    return tuple(LayerResult(name, level, 50, ()) for name, level in levels.items())


OVERALL = [
    (dict(weights="open", code="open", usage_limits="open"), "open"),
    (dict(weights="open", code="closed", usage_limits="open"), "partial"),
    (dict(weights="closed", code="open", usage_limits="unknown"), "closed"),
    (dict(weights="open", code="open", usage_limits="closed"), "closed"),
    (dict(weights="unknown", code="open", usage_limits="partial"), "unknown"),
    (dict(weights="partial", data="unknown", usage_limits="partial"), "partial"),
]


@pytest.mark.parametrize(("levels", "expected"), OVERALL)
def test_overall_level(levels: dict[str, Level], expected: Level) -> None:
    assert overall_level(layers(**levels)) == expected


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        # open by score, but a "no" to the unanswered probe would cap at partial
        (
            [(probe("a", 9), "yes"), (probe("b", 1, no="partial", unknown="unknown"), "unknown")],
            ("unknown", 100, "partial"),
        ),
        # an uncapped unanswered probe could lower the level to anything
        (
            [(probe("a", 9), "yes"), (probe("b", 1, unknown="unknown"), "unknown")],
            ("unknown", 100, "closed"),
        ),
        # decided levels carry no bound
        ([(probe("a"), "yes")], ("open", 100, None)),
        ([(probe("a"), "yes"), (probe("b", 2), "unknown")], ("unknown", 100, None)),
    ],
)
def test_an_unknown_layer_records_what_the_evidence_proves(
    results: list[tuple[ProbeSpec, Answer]], expected: tuple[Level, int | None, Level | None]
) -> None:
    assert assess_layer(LAYER, answered(*results)) == expected


@pytest.mark.parametrize(
    ("at_least", "expected"),
    [("partial", "partial"), ("closed", "unknown"), (None, "unknown")],
)
def test_an_unknown_key_layer_that_cannot_be_closed_leaves_the_verdict_partial(
    at_least: Level | None, expected: Level
) -> None:
    verdict_layers = (
        LayerResult("weights", "open", 100, ()),
        LayerResult("code", "partial", 50, ()),
        LayerResult("usage_limits", "unknown", 100, (), at_least=at_least),
    )
    assert overall_level(verdict_layers) == expected


def test_overall_score_is_layer_weighted_and_skips_none() -> None:
    specs = (LayerSpec("weights", 3, Thresholds(80, 35)), LayerSpec("code", 1, Thresholds(80, 35)))
    results = (
        LayerResult("weights", "open", 100, ()),
        LayerResult("code", "closed", 20, ()),
        LayerResult("data", "unknown", None, ()),
    )
    assert overall_score(specs, results) == 80
    assert overall_score(specs, (LayerResult("code", "unknown", None, ()),)) is None


RUBRIC = """\
id: mini
version: "2"
title: Mini
layers:
  weights: {thresholds: {open: 80, partial: 35}}
  documentation: {weight: 2, thresholds: {open: 80, partial: 35}}
probes:
  - id: weights.files
    layer: weights
    question: Weights?
    evaluator: file_glob_present
    params: {patterns: ["*.safetensors"]}
    cap_if_no: closed
    remediation: Upload weights.
    summary: {yes: "weights ({value})", no: no weights}
  - id: docs.tag
    layer: documentation
    question: Tagged?
    evaluator: tag_present
    params: {tags: ["arxiv:*"]}
    remediation: Add a paper.
"""


def test_evaluate_builds_findings_in_rubric_order() -> None:
    rubric = parse_rubric(RUBRIC, source="mini.yaml")
    evidence = Evidence(
        ref="org/m",
        source="hub",
        repo_id="org/m",
        files=(RepoFile("model.safetensors"), RepoFile("README.md")),
        problems=(Problem("datasets", "lookup failed"),),
    )
    verdict = evaluate(rubric, evidence)
    assert (verdict.rubric_id, verdict.rubric_version) == ("mini", "2")
    weights, docs = verdict.layers
    assert [f.probe for f in weights.findings] == ["weights.files"]
    assert weights.findings[0].remediation is None  # yes: no remediation
    assert weights.summary == "weights (model.safetensors)"
    assert docs.findings[0].answer == "no" and docs.findings[0].remediation == "Add a paper."
    assert (docs.level, docs.score) == ("closed", 0)
    assert verdict.level == "partial" and verdict.score == 33
    assert verdict.summary == "partial: open weights; closed documentation"
    assert verdict.problems == (("datasets", "lookup failed"),)
    assert evaluate(rubric, evidence) == verdict  # deterministic


def test_gated_access_and_metadata_error_become_problems() -> None:
    rubric = parse_rubric(RUBRIC, source="mini.yaml")
    gated = Evidence(ref="org/m", source="hub", access="gated", gated="manual")
    assert ("access", GATED_PROBLEM) in evaluate(rubric, gated).problems
    broken = Evidence(ref="org/m", source="hub", readme="---\nlicense: [oops\n---\n# Hi\n")
    kinds = [what for what, _ in evaluate(rubric, broken).problems]
    assert kinds == ["card metadata"]


STRICT_RUBRIC = """\
id: strictmini
version: "1"
title: Strict mini
layers:
  documentation: {thresholds: {open: 80, partial: 35}}
probes:
  - id: docs.tag
    layer: documentation
    question: Tagged?
    evaluator: tag_present
    params: {tags: ["license:*"]}
    weight: 9
    remediation: Tag a licence.
  - id: docs.paper
    layer: documentation
    question: A paper?
    evaluator: paper_linked
    cap_if_no: partial
    remediation: Link the paper.
"""


def test_strict_never_lifts_a_cap_an_inferred_no_puts_on_its_layer() -> None:
    """--strict drops an inferred "no" to unknown; the cap that "no" put on the layer
    then stays a possibility (the layer is unknown, at least the cap), never gone: a
    layer is never more open under --strict than the default reading of the same card."""
    rubric = parse_rubric(STRICT_RUBRIC, source="strictmini.yaml")
    readme = "# M\n\nA small model for tests, trained on text and described here.\n"
    evidence = Evidence(
        ref="org/m", source="hub", repo_id="org/m", tags=("license:mit",), readme=readme
    )
    default = evaluate(rubric, evidence).layers[0]
    strict = evaluate(rubric, evidence, strict=True).layers[0]
    paper = strict.findings[1]
    assert (default.findings[1].answer, default.findings[1].basis) == ("no", "inferred")
    assert default.level == "partial"
    assert paper.answer == "unknown" and "--strict" in paper.reason
    assert (strict.level, strict.at_least) == ("unknown", "partial")
