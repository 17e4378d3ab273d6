"""Policy: thresholds and required layer levels, table-driven."""

from __future__ import annotations

import dataclasses

import pytest
from report_samples import framework_verdict, sample_report, sample_verdict

from openaudit.errors import UsageError
from openaudit.policy import Policy, evaluate_policy, meets, parse_requirement, policy_from_flags
from openaudit.report import Audit

# sample_verdict: score 62; weights open, code partial, data unknown,
# documentation partial, usage_limits open.


@pytest.mark.parametrize(
    ("level", "required", "expected"),
    [
        ("open", "open", True),
        ("open", "closed", True),
        ("partial", "open", False),
        ("partial", "partial", True),
        ("closed", "partial", False),
        ("closed", "closed", True),
        ("unknown", "closed", False),
    ],
)
def test_level_order(level: str, required: str, expected: bool) -> None:
    assert meets(level, required) is expected


@pytest.mark.parametrize(
    ("policy", "failures"),
    [
        (Policy(), ()),
        (Policy(fail_under=62), ()),
        (Policy(fail_under=63), ("acme/open-model: score 62 is below 63",)),
        (Policy(requirements={"usage_limits": "open", "code": "partial"}), ()),
        (
            Policy(requirements={"code": "open"}),
            ("acme/open-model: code is partial, open required",),
        ),
        (
            Policy(requirements={"data": "closed"}),
            ("acme/open-model: data is unknown, closed required",),
        ),
        (
            Policy(fail_under=90, requirements={"code": "open"}),
            (
                "acme/open-model: score 62 is below 90",
                "acme/open-model: code is partial, open required",
            ),
        ),
    ],
)
def test_evaluate_policy(policy: Policy, failures: tuple[str, ...]) -> None:
    result = evaluate_policy(policy, [sample_verdict()])
    assert result.failures == failures
    assert result.passed is (not failures)
    assert policy.evaluate([sample_verdict()]) == result


def test_unknown_score_fails_a_threshold() -> None:
    verdict = dataclasses.replace(sample_verdict(), score=None)
    assert Policy(fail_under=0).evaluate([verdict]).failures == (
        "acme/open-model: score is unknown, 0 required",
    )


def test_layer_missing_from_rubric_fails() -> None:
    verdict = dataclasses.replace(sample_verdict(), layers=sample_verdict().layers[:1])
    result = Policy(requirements={"data": "partial"}).evaluate([verdict])
    assert result.failures == (
        "acme/open-model: data is not assessed by this rubric, partial required",
    )


def test_every_verdict_is_checked() -> None:
    verdicts = [sample_verdict("a/one"), sample_verdict("b/two")]
    assert len(Policy(fail_under=100).evaluate(verdicts).failures) == 2
    assert Policy(fail_under=100).evaluate([]).passed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("usage_limits=open", ("usage_limits", "open")),
        ("Usage-Limits = Partial", ("usage_limits", "partial")),
        ("weights=closed", ("weights", "closed")),
    ],
)
def test_parse_requirement(text: str, expected: tuple[str, str]) -> None:
    assert parse_requirement(text) == expected


@pytest.mark.parametrize(
    "text", ["usage_limits", "weights=unknown", "vibes=open", "=open", "code=free"]
)
def test_parse_requirement_rejects(text: str) -> None:
    with pytest.raises(UsageError, match="expected LAYER=LEVEL"):
        parse_requirement(text)


def test_policy_from_flags() -> None:
    policy = policy_from_flags(50, ["code=partial", "weights=open"])
    assert policy == Policy(50, {"code": "partial", "weights": "open"})


def test_a_report_hands_the_policy_its_primary_verdicts() -> None:
    lenient = dataclasses.replace(framework_verdict("mof"), score=10)
    report = sample_report(Audit((sample_verdict(), lenient)), Audit((lenient, sample_verdict())))
    assert [v.rubric_id for v in report.verdicts] == ["openaudit", "mof"]
    assert Policy(fail_under=50).evaluate(report.verdicts).failures == (
        "acme/open-model: score 10 is below 50",
    )
