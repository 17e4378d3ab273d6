"""Policy: turn audits into pass or fail. The CLI alone maps the result to an exit code.

The checks are `checks` (re-exported here); `proven` is what a gate judges, `selectors`
and `waivers` read `--fail-on` and waiver files, `from_config` builds a Policy from the
config file, `remote_code` is the evidence check for code a model would run.
"""

from openaudit.policy.checks import (
    CLASS_FRAMEWORKS,
    LEVEL_ORDER,
    Failure,
    Policy,
    PolicyResult,
    Selector,
    WaivedFinding,
    check_baseline,
    check_selectors,
    combine,
    evaluate_policy,
    gate_level,
    gate_score,
    meets,
    parse_class_requirement,
    parse_requirement,
    policy_from_flags,
)

__all__ = [
    "CLASS_FRAMEWORKS",
    "LEVEL_ORDER",
    "Failure",
    "Policy",
    "PolicyResult",
    "Selector",
    "WaivedFinding",
    "check_baseline",
    "check_selectors",
    "combine",
    "evaluate_policy",
    "gate_level",
    "gate_score",
    "meets",
    "parse_class_requirement",
    "parse_requirement",
    "policy_from_flags",
]
