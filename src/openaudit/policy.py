"""Policy: turn verdicts into pass or fail. The CLI alone maps the result to an exit code.

A requirement `LAYER=LEVEL` holds when the layer's level is at least LEVEL in the
order closed < partial < open; `unknown` never meets a requirement. `fail_under`
holds when the overall score is at least the threshold; an unknown score fails it.
With several `--rubric`s the policy judges the primary (first) rubric's verdicts;
the others are reported, never enforced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from openaudit.errors import UsageError
from openaudit.verdict import LAYERS, Level, Verdict

LEVEL_ORDER: dict[str, int] = {"closed": 0, "partial": 1, "open": 2}


@dataclass(frozen=True)
class PolicyResult:
    """Whether every verdict met the policy, and a line per unmet condition."""

    passed: bool
    failures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Policy:
    """Thresholds a CI pipeline sets: a minimum overall score and minimum layer levels."""

    fail_under: int | None = None
    requirements: Mapping[str, Level] = field(default_factory=dict)

    def evaluate(self, verdicts: Iterable[Verdict]) -> PolicyResult:
        """Check every verdict; see `evaluate_policy`."""
        return evaluate_policy(self, verdicts)


def evaluate_policy(policy: Policy, verdicts: Iterable[Verdict]) -> PolicyResult:
    """Check each verdict against the policy; failures name the model and the condition."""
    failures = tuple(line for verdict in verdicts for line in _failures(policy, verdict))
    return PolicyResult(passed=not failures, failures=failures)


def _failures(policy: Policy, verdict: Verdict) -> Iterable[str]:
    if policy.fail_under is not None:
        if verdict.score is None:
            yield f"{verdict.ref}: score is unknown, {policy.fail_under} required"
        elif verdict.score < policy.fail_under:
            yield f"{verdict.ref}: score {verdict.score} is below {policy.fail_under}"
    levels = {layer.id: layer.level for layer in verdict.layers}
    for layer_id, required in policy.requirements.items():
        level = levels.get(layer_id)
        if level is None:
            yield f"{verdict.ref}: {layer_id} is not assessed by this rubric, {required} required"
        elif not meets(level, required):
            yield f"{verdict.ref}: {layer_id} is {level}, {required} required"


def meets(level: str, required: str) -> bool:
    """True when `level` is at least `required`; `unknown` meets nothing."""
    if level not in LEVEL_ORDER:
        return False
    return LEVEL_ORDER[level] >= LEVEL_ORDER[required]


def parse_requirement(text: str) -> tuple[str, Level]:
    """Parse `LAYER=LEVEL` (e.g. `usage_limits=open`); raise UsageError when malformed."""
    layer, sep, level = (part.strip().lower() for part in text.partition("="))
    layer = layer.replace("-", "_").replace(" ", "_")
    if not sep or layer not in LAYERS or level not in LEVEL_ORDER:
        raise UsageError(
            f"invalid --require {text!r}: expected LAYER=LEVEL with LAYER one of "
            f"{', '.join(LAYERS)} and LEVEL one of closed, partial, open"
        )
    return layer, cast(Level, level)


def policy_from_flags(fail_under: int | None, requires: Sequence[str]) -> Policy:
    """Build a policy from `--fail-under` and repeated `--require` values."""
    return Policy(fail_under=fail_under, requirements=dict(map(parse_requirement, requires)))
