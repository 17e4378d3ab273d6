"""The CLI side of gating: merge flags, environment and config file; judge the report.

The config and policy modules (PyYAML, the rubric engine) are imported inside the
functions, so importing the CLI for `--help` stays light.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openaudit.errors import UsageError
from openaudit.report import Format, Gate, Report, Waived

if TYPE_CHECKING:
    from openaudit.config import Config, Value
    from openaudit.policy import Policy, PolicyResult

DEFAULT_RUBRIC = "openaudit"


@dataclass(frozen=True)
class GateSetup:
    """What the merged settings decide before any model is read."""

    policy: Policy
    rubrics: tuple[str, ...]
    format: Format | None
    baseline: Path | None


def gate_setup(flags: dict[str, Any], config_path: Path | None) -> GateSetup:
    """Merge flags > OPENAUDIT_* > config file > defaults into a policy and run settings."""
    from openaudit.config import as_list, load_config
    from openaudit.policy.from_config import baseline_path, policy_from_config

    config = load_config(flags, config_path=config_path)
    policy = policy_from_config(config)
    named = config.get("rubric")
    rubrics = [_rubric_path(config, v) for v in as_list(named)] if named is not None else []
    rubrics = rubrics or [DEFAULT_RUBRIC]
    for framework in policy.class_requirements:  # a class needs its framework's rubric
        if framework not in rubrics:
            rubrics.append(framework)
    return GateSetup(policy, tuple(rubrics), _format(config), baseline_path(config))


def _rubric_path(config: Config, value: Value) -> str:
    """A rubric file named in the config file is relative to that file; a shipped name
    or a path given on the command line or in the environment is used as is."""
    name = str(value.value)
    if config.path is None or not value.origin.startswith(f"{config.path}:"):
        return name
    beside = config.path.parent / name
    return str(beside) if not Path(name).is_absolute() and beside.is_file() else name


def _format(config: Config) -> Format | None:
    from openaudit.config import ConfigError

    value = config.get("format")
    if value is None:
        return None
    if isinstance(value.value, Format):
        return value.value
    try:
        return Format(str(value.value).strip().lower())
    except ValueError:
        choices = ", ".join(f.value for f in Format)
        raise ConfigError(
            f"{value.origin}: format {value.value!r} is not one of {choices}"
        ) from None


def with_baseline(policy: Policy, path: Path | None, primary: object) -> Policy:
    """The policy checked against the primary rubric (selectors), with its baseline
    report read and checked: every policy error comes before any model is read."""
    from openaudit.policy import check_baseline, check_selectors
    from openaudit.report.json_load import load_report
    from openaudit.rubric.model import Rubric

    if isinstance(primary, Rubric):
        check_selectors(policy, primary)
    if path is None:
        return policy

    baseline = load_report(path)
    if isinstance(primary, Rubric):
        check_baseline(baseline, primary, str(path))
    return dataclasses.replace(policy, baseline=baseline, baseline_name=str(path))


def judge(policy: Policy, report: Report, primary: object) -> tuple[PolicyResult, Report]:
    """Evaluate the policy on the report's audits; the report gains the gate's result."""
    from openaudit.rubric.model import Rubric

    if not isinstance(primary, Rubric):
        raise UsageError("the policy needs a rubric loaded from YAML")
    outcome = policy.evaluate(report.audits, primary, dt.date.today())
    if not policy.active:
        return outcome, report
    gate = Gate(
        passed=outcome.passed,
        failures=outcome.failures,
        waived=tuple(
            Waived(
                ref=w.ref,
                probe=w.probe,
                reason=w.waiver.reason,
                expires=w.waiver.expires.isoformat() if w.waiver.expires else None,
                origin=w.waiver.origin,
            )
            for w in outcome.waived
        ),
        notes=outcome.notes,
    )
    return outcome, dataclasses.replace(report, gate=gate)
