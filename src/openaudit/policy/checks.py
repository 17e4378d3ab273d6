"""Policy: turn audits into pass or fail. The CLI alone maps the result to an exit code.

What a gate judges is the *proven* result (see `openaudit.policy.proven`): every
unknown answer counted as "no", so a model can never pass by withholding evidence.

- `fail_under`: the proven overall score must be at least the threshold;
- `requirements` (`LAYER=LEVEL`): the layer's proven level must be at least LEVEL
  in the order closed < partial < open;
- `class_requirements` (`mof=II`, `osaid=pass`): the framework result must reach
  the class; undecided is not reached;
- `fail_on` (probe ids, globs or tags): each selected probe must be answered yes;
  no *and* unknown fail;
- `waivers`: a waived probe counts as yes and is reported as waived; an expired
  waiver that applies to an audited model fails;
- `baseline`: only failures the baseline did not have, and regressions against
  it (a level or class that went down, a probe that was yes and is not, a licence
  that changed), fail.

With several `--rubric`s the policy judges the primary (first) rubric's verdicts;
class requirements read the framework rubric's result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from openaudit.compare import MOF_ORDER, compare
from openaudit.errors import UsageError
from openaudit.policy.proven import Proven, proven
from openaudit.policy.remote_code import TAG as REMOTE_CODE
from openaudit.policy.remote_code import remote_code
from openaudit.policy.selectors import EVIDENCE_TAGS, select
from openaudit.policy.waivers import Waiver, active, expired_for
from openaudit.results import Audit, Report
from openaudit.rubric.model import LEVEL_RANK, Rubric
from openaudit.verdict import LAYERS, Level, Verdict

LEVEL_ORDER: dict[str, int] = {"closed": 0, "partial": 1, "open": 2}
CLASS_FRAMEWORKS: dict[str, tuple[str, ...]] = {
    "mof": ("III", "II", "I"),
    "osaid": ("pass",),
}


@dataclass(frozen=True)
class Selector:
    """A `--fail-on` value and where it was written (`--fail-on`, `file:line`)."""

    text: str
    origin: str = "--fail-on"


@dataclass(frozen=True)
class Failure:
    """One unmet condition for one model; `key` identifies it across runs (baselines)."""

    ref: str
    kind: str  # score, layer, class, probe, waiver, regression
    subject: str
    message: str

    @property
    def key(self) -> tuple[str, str]:
        """The condition, independent of the values in the message."""
        return (self.kind, self.subject)


@dataclass(frozen=True)
class WaivedFinding:
    """A finding the gate accepted because a waiver covers it; reports mark it."""

    ref: str
    probe: str
    answer: str
    waiver: Waiver


@dataclass(frozen=True)
class PolicyResult:
    """Whether every audit met the policy, a line per unmet condition, and what was waived."""

    passed: bool
    failures: tuple[str, ...] = ()
    details: tuple[Failure, ...] = ()
    waived: tuple[WaivedFinding, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. failures forgiven because the baseline had them


@dataclass(frozen=True)
class Policy:
    """What a CI pipeline requires of each model (see the module docstring)."""

    fail_under: int | None = None
    requirements: Mapping[str, Level] = field(default_factory=dict)
    class_requirements: Mapping[str, str] = field(default_factory=dict)
    fail_on: tuple[Selector, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    baseline: Report | None = None
    baseline_name: str = ""

    @property
    def active(self) -> bool:
        """True when any condition is set (an empty policy always passes)."""
        return bool(
            self.fail_under is not None
            or self.requirements
            or self.class_requirements
            or self.fail_on
            or self.waivers
            or self.baseline is not None
        )

    def evaluate(
        self,
        audits: Iterable[Audit | Verdict],
        rubric: Rubric,
        today: dt.date | None = None,
    ) -> PolicyResult:
        """Check every audit; see `evaluate_policy`."""
        return evaluate_policy(self, audits, rubric, today)


def evaluate_policy(
    policy: Policy,
    audits: Iterable[Audit | Verdict],
    rubric: Rubric,
    today: dt.date | None = None,
) -> PolicyResult:
    """Check each audit against the policy under the primary `rubric`.

    `today` decides which waivers have expired (default: the local date).
    Raises UsageError for a `--fail-on` or waiver selector that names no probe.
    """
    today = today or dt.date.today()
    wrapped = [a if isinstance(a, Audit) else Audit((a,)) for a in audits]
    probe_ids = tuple(p.id for p in rubric.probes)
    fail_on = {p: s for s in policy.fail_on for p in select(s.text, probe_ids, origin=s.origin)}
    in_force = active(policy.waivers, today)
    waived_ids = {w: _waived_ids(w, probe_ids) for w in in_force}
    failures: list[Failure] = []
    waived: list[WaivedFinding] = []
    notes: list[str] = []
    for audit in wrapped:
        covering = _waived_probes(audit.primary, waived_ids)
        waived.extend(
            WaivedFinding(audit.ref, f.probe, f.answer, covering[f.probe])
            for layer in audit.primary.layers
            for f in layer.findings
            if f.probe in covering and f.answer != "yes"
        )
        if REMOTE_CODE in covering and remote_code(audit).answer != "no":
            waived.append(
                WaivedFinding(
                    audit.ref, REMOTE_CODE, remote_code(audit).answer, covering[REMOTE_CODE]
                )
            )
        found = list(_failures(policy, audit, rubric, fail_on, frozenset(covering)))
        if policy.baseline is not None:
            found, forgiven = _against_baseline(policy, audit, rubric, found, waived_ids)
            notes.extend(forgiven)
        failures.extend(found)
    for waiver in expired_for(policy.waivers, (a.primary for a in wrapped), today):
        expiry = waiver.expires.isoformat() if waiver.expires else "?"
        message = f"{waiver.origin}: waiver for {waiver.describe()} expired on {expiry}"
        failures.append(Failure("", "waiver", waiver.origin, message))
    return PolicyResult(
        passed=not failures,
        failures=tuple(f.message for f in failures),
        details=tuple(failures),
        waived=tuple(waived),
        notes=tuple(notes),
    )


def _waived_ids(waiver: Waiver, probe_ids: tuple[str, ...]) -> frozenset[str]:
    """The probes a waiver covers; an evidence tag (remote-code) stands for itself."""
    if waiver.probe.strip().lower() in EVIDENCE_TAGS:
        return frozenset({waiver.probe.strip().lower()})
    return frozenset(select(waiver.probe, probe_ids, origin=waiver.origin))


def _waived_probes(
    verdict: Verdict, waived_ids: Mapping[Waiver, frozenset[str]]
) -> dict[str, Waiver]:
    """Probe id -> the first waiver in force that covers it for this model."""
    covering: dict[str, Waiver] = {}
    for waiver, ids in waived_ids.items():
        if waiver.applies_to(verdict):
            for probe in ids:
                covering.setdefault(probe, waiver)
    return covering


def _failures(
    policy: Policy,
    audit: Audit,
    rubric: Rubric,
    fail_on: Mapping[str, Selector],
    waived: frozenset[str],
) -> Iterator[Failure]:
    verdict = audit.primary
    ref = verdict.ref
    result = proven(verdict, rubric, waived)
    if policy.fail_under is not None:
        yield from _score_failure(ref, verdict, result, policy.fail_under)
    levels = {layer.id: layer.level for layer in verdict.layers}
    for layer_id, required in policy.requirements.items():
        level = levels.get(layer_id)
        if level is None:
            message = f"{ref}: {layer_id} is not assessed by this rubric, {required} required"
            yield Failure(ref, "layer", layer_id, message)
            continue
        worst = result.layers.get(layer_id, "closed")
        if not result.waived.get(layer_id):
            worst = gate_level(level, worst)
        if not meets(worst, required):
            yield Failure(
                ref,
                "layer",
                layer_id,
                _layer_message(ref, layer_id, level, worst, result, required),
            )
    for framework, wanted in policy.class_requirements.items():
        problem = _class_problem(audit, framework, wanted)
        if problem:
            yield Failure(ref, "class", framework, f"{ref}: {problem}")
    yield from _evidence_checks(policy, audit, waived)
    answers = {f.probe: f for layer in verdict.layers for f in layer.findings}
    for probe, selector in fail_on.items():
        finding = answers.get(probe)
        if finding is None or finding.answer == "yes" or probe in waived:
            continue
        how = "is unknown (unknown fails a --fail-on)" if finding.answer == "unknown" else "is no"
        named = "" if selector.text == probe else f" {selector.text}"
        message = f"{ref}: {probe} {how}, --fail-on{named}: {finding.reason}"
        yield Failure(ref, "probe", probe, message)


def _evidence_checks(policy: Policy, audit: Audit, waived: frozenset[str]) -> Iterator[Failure]:
    """`--fail-on` tags checked on the evidence rather than by a probe (remote-code)."""
    if REMOTE_CODE not in {s.text.strip().lower() for s in policy.fail_on}:
        return
    if REMOTE_CODE in waived:
        return
    found = remote_code(audit)
    if found.answer == "no":
        return
    ref = audit.ref
    what = "ships code that loading runs" if found.answer == "yes" else "may ship code (unknown)"
    message = f"{ref}: {what}, --fail-on {REMOTE_CODE}: {found.evidence}"
    yield Failure(ref, "probe", REMOTE_CODE, message)


def gate_score(verdict: Verdict, result: Proven) -> int | None:
    """The score a threshold judges: the proven score, never above the verdict's own
    unless a waiver raised it."""
    if result.score is None or verdict.score is None or any(result.waived.values()):
        return result.score
    return min(result.score, verdict.score)


def gate_level(level: Level, worst: Level) -> Level:
    """The level a requirement judges: the proven level, never above a decided level
    (unless a waiver in the layer raised it)."""
    if level == "unknown" or LEVEL_RANK[worst] <= LEVEL_RANK[level]:
        return worst
    return level


def _score_failure(ref: str, verdict: Verdict, result: Proven, threshold: int) -> Iterator[Failure]:
    score = gate_score(verdict, result)
    if score is not None and score >= threshold:
        return
    if score is None:
        yield Failure(ref, "score", "overall", f"{ref}: score is unknown, {threshold} required")
    elif result.unknown_count and verdict.score != score:
        shown = "unknown" if verdict.score is None else str(verdict.score)
        yield Failure(
            ref,
            "score",
            "overall",
            f"{ref}: proven score {score} is below {threshold} (score {shown} counts decided "
            f"answers only; {_answers(result.unknown_count)} as no)",
        )
    else:
        yield Failure(ref, "score", "overall", f"{ref}: score {score} is below {threshold}")


def _answers(count: int) -> str:
    return "1 unknown answer counts" if count == 1 else f"{count} unknown answers count"


def _layer_message(
    ref: str, layer_id: str, level: str, worst: str, result: Proven, required: str
) -> str:
    if level == worst:
        return f"{ref}: {layer_id} is {level}, {required} required"
    count = len(result.unknown.get(layer_id, ()))
    return (
        f"{ref}: {layer_id} is {level}, {worst} counting its {count} unknown answer"
        f"{'s' if count != 1 else ''} as no; {required} required"
    )


def _class_problem(audit: Audit, framework: str, required: str) -> str | None:
    result = next(
        (f for v in audit.verdicts if (f := v.framework) and f["framework"] == framework), None
    )
    if result is None:
        return f"{framework} is not assessed (add --rubric {framework}), {required} required"
    if framework == "mof":
        have = str(result.get("class"))
        if MOF_ORDER.get(have, 0) >= MOF_ORDER[f"Class {required}"]:
            return None
        return f"MOF class is {have}, Class {required} required"
    outcome = str(result.get("result"))
    return None if outcome == required else f"OSAID result is {outcome}, {required} required"


def _against_baseline(
    policy: Policy,
    audit: Audit,
    rubric: Rubric,
    found: list[Failure],
    waived_ids: Mapping[Waiver, frozenset[str]],
) -> tuple[list[Failure], list[str]]:
    """Keep failures the baseline did not have; add regressions against it."""
    assert policy.baseline is not None
    before = _match(policy.baseline, audit)
    if before is None:
        return found, [f"{audit.ref}: not in the baseline {policy.baseline_name}; judged alone"]
    plain = replace(policy, baseline=None, waivers=())
    covering = frozenset(_waived_probes(before.primary, waived_ids))
    had = {
        f.key
        for f in _failures(plain, before, rubric, _fail_on(plain, rubric), covering)
        # a report read back has no evidence: its remote-code answer is no precedent
        if not (f.subject == REMOTE_CODE and before.evidence is None)
    }
    kept = [f for f in found if f.key not in had]
    forgiven = [f"{f.message} (as in the baseline)" for f in found if f.key in had]
    waived_now = frozenset(_waived_probes(audit.primary, waived_ids))
    for change in compare(before, audit):
        if change.regression and not (change.kind == "probe" and change.subject in waived_now):
            message = f"{audit.ref}: regression since {policy.baseline_name}: {change.describe()}"
            kept.append(
                Failure(audit.ref, "regression", f"{change.kind}:{change.subject}", message)
            )
    return kept, forgiven


def _fail_on(policy: Policy, rubric: Rubric) -> dict[str, Selector]:
    ids = tuple(p.id for p in rubric.probes)
    return {p: s for s in policy.fail_on for p in select(s.text, ids, origin=s.origin)}


def _match(baseline: Report, audit: Audit) -> Audit | None:
    """The baseline's audit of the same model: by ref, else by Hub repo id."""
    for candidate in baseline.audits:
        if candidate.ref == audit.ref:
            return candidate
    repo = audit.primary.repo_id
    for candidate in baseline.audits:
        if repo is not None and candidate.primary.repo_id == repo:
            return candidate
    return None


def check_selectors(policy: Policy, rubric: Rubric) -> None:
    """Raise UsageError now (before any model is read) for a `--fail-on` or waiver
    selector that selects no probe of the rubric."""
    _fail_on(policy, rubric)
    ids = tuple(p.id for p in rubric.probes)
    for waiver in policy.waivers:
        _waived_ids(waiver, ids)


def check_baseline(baseline: Report, rubric: Rubric, name: str) -> None:
    """Refuse a baseline made with another rubric (or rubric version) than the primary."""
    made = baseline.rubric
    if (made.id, made.version) != (rubric.id, rubric.version):
        raise UsageError(
            f"{name}: baseline was made with rubric {made.id} {made.version}, this run uses "
            f"{rubric.id} {rubric.version}; make a new baseline with the same --rubric"
        )


def meets(level: str, required: str) -> bool:
    """True when `level` is at least `required`; `unknown` meets nothing."""
    if level not in LEVEL_ORDER:
        return False
    return LEVEL_ORDER[level] >= LEVEL_ORDER[required]


def parse_requirement(text: str, origin: str = "--require") -> tuple[str, Level]:
    """Parse `LAYER=LEVEL` (e.g. `usage_limits=open`); raise UsageError when malformed."""
    layer, sep, level = (part.strip().lower() for part in text.partition("="))
    layer = layer.replace("-", "_").replace(" ", "_")
    if not sep or layer not in LAYERS or level not in LEVEL_ORDER:
        raise UsageError(
            f"{origin}: invalid --require {text!r}: expected LAYER=LEVEL with LAYER one of "
            f"{', '.join(LAYERS)} and LEVEL one of closed, partial, open"
        )
    return layer, cast(Level, level)


def parse_class_requirement(text: str, origin: str = "--require-class") -> tuple[str, str]:
    """Parse `FRAMEWORK=CLASS` (`mof=II`, `mof=Class I`, `osaid=pass`)."""
    framework, sep, value = (part.strip() for part in text.partition("="))
    framework = framework.lower()
    value = value.removeprefix("Class ").removeprefix("class ").strip()
    value = value.lower() if framework == "osaid" else value.upper()
    allowed = CLASS_FRAMEWORKS.get(framework)
    if not sep or allowed is None or value not in allowed:
        raise UsageError(
            f"{origin}: invalid --require-class {text!r}: expected mof=III|II|I or osaid=pass"
        )
    return framework, value


def combine(pairs: Sequence[tuple[str, str, str]], flag: str) -> dict[str, str]:
    """`(key, value, origin)` pairs as a dict; the same key with two values is an error."""
    combined: dict[str, str] = {}
    for key, value, origin in pairs:
        if key in combined and combined[key] != value:
            raise UsageError(
                f"{origin}: contradictory {flag}: {key}={combined[key]} and {key}={value}"
            )
        combined[key] = value
    return combined


def policy_from_flags(fail_under: int | None, requires: Sequence[str]) -> Policy:
    """Build a policy from `--fail-under` and repeated `--require` values."""
    pairs = [(*parse_requirement(text), "--require") for text in requires]
    return Policy(
        fail_under=fail_under,
        requirements=cast(dict[str, Level], combine(pairs, "--require")),
    )


__all__ = [
    "Failure",
    "Policy",
    "PolicyResult",
    "Selector",
    "WaivedFinding",
    "Waiver",
    "check_baseline",
    "check_selectors",
    "evaluate_policy",
    "meets",
    "parse_class_requirement",
    "parse_requirement",
    "policy_from_flags",
]
