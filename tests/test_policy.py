"""Policy: thresholds, required levels and classes, --fail-on, waivers, baselines; table-driven."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from report_samples import (
    finding,
    framework_verdict,
    sample_report,
    sample_rubric,
    sample_verdict,
)

from openaudit.config import Value
from openaudit.errors import UsageError
from openaudit.policy import (
    Policy,
    Selector,
    evaluate_policy,
    meets,
    parse_class_requirement,
    parse_requirement,
    policy_from_flags,
)
from openaudit.policy.waivers import Waiver, parse_waivers
from openaudit.report import Audit
from openaudit.verdict import LayerResult, Verdict

# sample_verdict: score 62; weights open, code partial, data unknown (its one probe
# unknown), documentation partial, usage_limits open.
RUBRIC = sample_rubric()
TODAY = dt.date(2026, 6, 1)


def check(policy: Policy, *verdicts: Verdict | Audit) -> tuple[str, ...]:
    return evaluate_policy(policy, verdicts or (sample_verdict(),), RUBRIC, TODAY).failures


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
            Policy(requirements={"data": "partial"}),
            (
                "acme/open-model: data is unknown, closed counting its 1 unknown answer as no; "
                "partial required",
            ),
        ),
        (Policy(requirements={"data": "closed"}), ()),  # proven closed at least
        (
            Policy(fail_under=90, requirements={"code": "open"}),
            (
                "acme/open-model: score 62 is below 90",
                "acme/open-model: code is partial, open required",
            ),
        ),
        (
            Policy(fail_on=(Selector("code.training"),)),
            ("acme/open-model: code.training is no, --fail-on: no link to training code",),
        ),
        (
            Policy(fail_on=(Selector("data.*"),)),
            (
                "acme/open-model: data.named is unknown (unknown fails a --fail-on), "
                "--fail-on data.*: the card has no datasets section",
            ),
        ),
        (Policy(fail_on=(Selector("weights.*"),)), ()),
    ],
)
def test_evaluate_policy(policy: Policy, failures: tuple[str, ...]) -> None:
    result = evaluate_policy(policy, [sample_verdict()], RUBRIC, TODAY)
    assert result.failures == failures
    assert result.passed is (not failures)
    assert policy.evaluate([sample_verdict()], RUBRIC, TODAY) == result


def _decided(verdict: Verdict, answer: str) -> Verdict:
    """The verdict with every unknown answer replaced by `answer`."""
    layers = tuple(
        dataclasses.replace(
            layer,
            findings=tuple(
                dataclasses.replace(f, answer=answer) if f.answer == "unknown" else f
                for f in layer.findings
            ),
        )
        for layer in verdict.layers
    )
    return dataclasses.replace(verdict, layers=layers)


def _withheld(verdict: Verdict) -> Verdict:
    """The same model with every answer unknown: all evidence withheld."""
    layers = tuple(
        LayerResult(
            layer.id,
            "unknown",
            None,
            tuple(dataclasses.replace(f, answer="unknown") for f in layer.findings),
        )
        for layer in verdict.layers
    )
    return dataclasses.replace(verdict, layers=layers, level="unknown", score=None)


@pytest.mark.parametrize("threshold", [1, 30, 50, 62])
def test_withholding_every_answer_never_passes_a_threshold(threshold: int) -> None:
    withheld = _withheld(sample_verdict())
    assert check(Policy(fail_under=threshold), withheld)
    assert check(Policy(requirements={"weights": "partial"}), withheld)


def test_the_proven_score_names_the_unknown_answers() -> None:
    hidden = dataclasses.replace(_decided(sample_verdict(), "unknown"), score=90)
    assert check(Policy(fail_under=80), hidden) == (
        "acme/open-model: proven score 71 is below 80 (score 90 counts decided answers only; "
        "1 unknown answer counts as no)",
    )


def test_a_missing_layer_fails_its_requirement() -> None:
    verdict = dataclasses.replace(sample_verdict(), layers=sample_verdict().layers[:1])
    assert check(Policy(requirements={"data": "partial"}), verdict) == (
        "acme/open-model: data is not assessed by this rubric, partial required",
    )


def test_every_verdict_is_checked() -> None:
    verdicts = [sample_verdict("a/one"), sample_verdict("b/two")]
    assert len(check(Policy(fail_under=100), *verdicts)) == 2
    assert Policy(fail_under=100).evaluate([], RUBRIC, TODAY).passed


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


def test_contradictory_requirements_are_a_usage_error() -> None:
    with pytest.raises(UsageError, match="contradictory --require: code=partial and code=open"):
        policy_from_flags(None, ["code=partial", "code=open"])


def test_a_report_hands_the_policy_its_primary_verdicts() -> None:
    lenient = dataclasses.replace(framework_verdict("mof"), score=10)
    report = sample_report(Audit((sample_verdict(), lenient)), Audit((lenient, sample_verdict())))
    assert [v.rubric_id for v in report.verdicts] == ["openaudit", "mof"]
    assert Policy(fail_under=50).evaluate(report.verdicts, RUBRIC, TODAY).failures == (
        "acme/open-model: score 10 is below 50",
    )


# --- classes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mof=II", ("mof", "II")),
        ("MOF=class iii", ("mof", "III")),
        ("mof=Class I", ("mof", "I")),
        ("osaid=PASS", ("osaid", "pass")),
    ],
)
def test_parse_class_requirement(text: str, expected: tuple[str, str]) -> None:
    assert parse_class_requirement(text) == expected


@pytest.mark.parametrize("text", ["mof", "mof=IV", "eosai=II", "osaid=II", "=II"])
def test_parse_class_requirement_rejects(text: str) -> None:
    with pytest.raises(UsageError, match=re.escape("expected mof=III|II|I or osaid=pass")):
        parse_class_requirement(text)


@pytest.mark.parametrize(
    ("classes", "failures"),
    [
        ({"mof": "III"}, ("acme/open-model: MOF class is Unclassified, Class III required",)),
        ({"osaid": "pass"}, ("acme/open-model: OSAID result is fail, pass required",)),
        (
            {"eosai_missing": "x"} and {"mof": "II"},
            ("acme/open-model: MOF class is Unclassified, Class II required",),
        ),
    ],
)
def test_class_requirements(classes: dict[str, str], failures: tuple[str, ...]) -> None:
    audit = Audit((sample_verdict(), framework_verdict("mof"), framework_verdict("osaid")))
    assert check(Policy(class_requirements=classes), audit) == failures


def test_a_class_met_passes_and_a_missing_framework_fails() -> None:
    mof = framework_verdict("mof")
    mof = dataclasses.replace(mof, extras={"mof": mof.extras["mof"] | {"class": "Class II"}})
    assert check(Policy(class_requirements={"mof": "II"}), Audit((sample_verdict(), mof))) == ()
    assert check(Policy(class_requirements={"mof": "I"}), Audit((sample_verdict(), mof))) == (
        "acme/open-model: MOF class is Class II, Class I required",
    )
    assert check(Policy(class_requirements={"mof": "III"})) == (
        "acme/open-model: mof is not assessed (add --rubric mof), III required",
    )


# --- --fail-on selectors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("gated", "tag 'gated' selects no probe of this rubric"),
        ("nope.*", "'nope.*' is neither a probe of this rubric nor a tag"),
    ],
)
def test_a_selector_that_selects_nothing_is_a_usage_error(selector: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        check(Policy(fail_on=(Selector(selector, "--fail-on"),)))


# --- waivers --------------------------------------------------------------------


def waiver(**kw: object) -> Waiver:
    values: dict[str, object] = {"probe": "code.training", "reason": "trained elsewhere"}
    values |= {"origin": ".openaudit.yaml:3"} | kw
    return Waiver(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("waivers", "failures", "waived"),
    [
        ((), ("acme/open-model: code is partial, open required",), ()),
        ((waiver(),), (), ("code.training",)),
        ((waiver(model="acme/*"),), (), ("code.training",)),
        ((waiver(model="other/model"),), ("acme/open-model: code is partial, open required",), ()),
        ((waiver(expires=dt.date(2026, 6, 1)),), (), ("code.training",)),  # through that day
        (
            (waiver(expires=dt.date(2026, 5, 31)),),
            (
                "acme/open-model: code is partial, open required",
                ".openaudit.yaml:3: waiver for code.training (trained elsewhere) "
                "expired on 2026-05-31",
            ),
            (),
        ),
    ],
)
def test_waivers(
    waivers: tuple[Waiver, ...], failures: tuple[str, ...], waived: tuple[str, ...]
) -> None:
    policy = Policy(requirements={"code": "open"}, waivers=waivers)
    result = policy.evaluate([sample_verdict()], RUBRIC, TODAY)
    assert result.failures == failures
    assert tuple(w.probe for w in result.waived) == waived


def test_a_waived_probe_does_not_fail_its_fail_on() -> None:
    policy = Policy(fail_on=(Selector("code.*"),), waivers=(waiver(),))
    assert check(policy) == ()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"probe": "gated"}, ":7: waiver for gated: 'reason' is required"),
        ({"reason": "x"}, ":7: waiver: 'probe' is required"),
        ({"probe": "gated", "reason": "x", "expires": "soon"}, "expires 'soon' is not a date"),
        ({"probe": "gated", "reason": "x", "expires": "2026-02-30"}, "is not a date"),
        ({"probe": "gated", "reason": " "}, "'reason' must be non-empty text"),
        ({"probe": "gated", "reason": "x", "until": "2026"}, "unknown key 'until'"),
        ("gated", "expected a mapping"),
    ],
)
def test_malformed_waivers_name_their_line(entry: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_waivers(Value([Value(entry, "cfg.yaml:7")], "cfg.yaml:6"))


def test_waivers_parse() -> None:
    parsed = parse_waivers(
        Value(
            [
                Value(
                    {"probe": "gated", "reason": "  shared   later ", "expires": "2026-12-31"},
                    "f:2",
                )
            ],
            "f:1",
        )
    )
    assert parsed == (Waiver("gated", "shared later", "f:2", dt.date(2026, 12, 31)),)


# --- baselines ------------------------------------------------------------------


def _with(verdict: Verdict, layer_id: str, **changes: object) -> Verdict:
    layers = tuple(
        dataclasses.replace(layer, **changes) if layer.id == layer_id else layer  # type: ignore[arg-type]
        for layer in verdict.layers
    )
    return dataclasses.replace(verdict, layers=layers)


def test_a_baseline_forgives_old_failures_and_catches_regressions() -> None:
    before = sample_verdict()
    baseline = sample_report(before)
    policy = Policy(fail_under=90, baseline=baseline, baseline_name="prev.json")
    same = policy.evaluate([before], RUBRIC, TODAY)
    assert same.passed
    assert same.notes == ("acme/open-model: score 62 is below 90 (as in the baseline)",)

    worse = _with(before, "code", level="closed")
    result = policy.evaluate([worse], RUBRIC, TODAY)
    assert result.failures == (
        "acme/open-model: regression since prev.json: layer code: partial -> closed (worse)",
    )


def test_a_baseline_catches_a_newly_failing_probe_and_a_licence_change() -> None:
    before = sample_verdict()
    code = before.layer("code")
    flipped = (dataclasses.replace(code.findings[0], answer="unknown"), code.findings[1])
    after = dataclasses.replace(
        _with(before, "code", findings=flipped),
        license=before.license | {"id": "mit"},
    )
    policy = Policy(baseline=sample_report(before), baseline_name="prev.json")
    assert policy.evaluate([after], RUBRIC, TODAY).failures == (
        "acme/open-model: regression since prev.json: probe code.inference: yes -> unknown (worse)",
        "acme/open-model: regression since prev.json: license id: apache-2.0 -> mit (changed)",
    )


def test_a_new_failure_fails_even_with_a_baseline() -> None:
    before = sample_verdict()
    policy = Policy(requirements={"code": "open"}, baseline=sample_report(before))
    upgraded = dataclasses.replace(before, layers=before.layers)  # same model, same failure
    assert policy.evaluate([upgraded], RUBRIC, TODAY).passed
    other = Policy(requirements={"weights": "open"}, baseline=sample_report(before))
    weaker = _with(before, "weights", level="partial")
    failures = other.evaluate([weaker], RUBRIC, TODAY).failures
    assert failures[0] == "acme/open-model: weights is partial, open required"


def test_a_model_missing_from_the_baseline_is_judged_alone() -> None:
    policy = Policy(fail_under=90, baseline=sample_report(sample_verdict("x/y")), baseline_name="b")
    result = policy.evaluate([sample_verdict()], RUBRIC, TODAY)
    assert result.failures == ("acme/open-model: score 62 is below 90",)
    assert result.notes == ("acme/open-model: not in the baseline b; judged alone",)


def test_a_finding_built_by_hand_keeps_its_weight() -> None:
    assert finding("x", "no").weight == 1.0


def test_remote_code_without_evidence_is_unknown_and_fails() -> None:
    policy = Policy(fail_on=(Selector("remote-code"),))
    assert check(policy) == (
        "acme/open-model: may ship code (unknown), --fail-on remote-code: "
        "no evidence was read in this run (a saved report)",
    )
    waived = Policy(fail_on=(Selector("remote-code"),), waivers=(waiver(probe="remote-code"),))
    result = waived.evaluate([sample_verdict()], RUBRIC, TODAY)
    assert result.passed
    assert [(w.probe, w.answer) for w in result.waived] == [("remote-code", "unknown")]


def test_a_baseline_never_forgives_remote_code() -> None:
    policy = Policy(
        fail_on=(Selector("remote-code"),), baseline=sample_report(), baseline_name="b.json"
    )
    assert policy.evaluate([sample_verdict()], RUBRIC, TODAY).failures == (
        "acme/open-model: may ship code (unknown), --fail-on remote-code: "
        "no evidence was read in this run (a saved report)",
    )
