"""Build a Policy from merged settings (flags > OPENAUDIT_* > config file > defaults)."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from openaudit.config import Config, ConfigError, Value, as_list
from openaudit.policy.checks import (
    Policy,
    Selector,
    combine,
    parse_class_requirement,
    parse_requirement,
)
from openaudit.policy.selectors import split
from openaudit.policy.waivers import parse_waivers
from openaudit.verdict import Level


def policy_from_config(config: Config) -> Policy:
    """The policy the settings describe, without its baseline (see `baseline_path`)."""
    requirements = combine(
        [(*parse_requirement(v.value, v.origin), v.origin) for v in _list(config, "require")],
        "--require",
    )
    classes = combine(
        [
            (*parse_class_requirement(v.value, v.origin), v.origin)
            for v in _list(config, "require-class")
        ],
        "--require-class",
    )
    waivers = config.get("waivers")
    return Policy(
        fail_under=fail_under(config.get("fail-under")),
        requirements=cast(dict[str, Level], requirements),
        class_requirements=classes,
        fail_on=tuple(Selector(v.value, v.origin) for v in _list(config, "fail-on")),
        waivers=parse_waivers(waivers) if waivers is not None else (),
    )


def _list(config: Config, key: str) -> list[Value]:
    """A list setting's items; `a,b` in one item is two (`--require weights=open,code=partial`)."""
    value = config.get(key)
    if value is None:
        return []
    return [Value(part, item.origin) for item in as_list(value) for part in split([item.value])]


def fail_under(value: Value | None) -> int | None:
    """`fail-under` as an int in 0..100; ConfigError naming where it was set."""
    if value is None:
        return None
    raw = value.value
    if isinstance(raw, bool):
        raw = None
    elif isinstance(raw, str):
        raw = int(raw.strip()) if raw.strip().isdigit() else None
    if not isinstance(raw, int) or not 0 <= raw <= 100:
        raise ConfigError(f"{value.origin}: fail-under must be a whole number from 0 to 100")
    return raw


def baseline_path(config: Config) -> Path | None:
    """The baseline file; a path written in a config file is relative to that file."""
    value = config.get("baseline")
    if value is None:
        return None
    if not isinstance(value.value, str) or not value.value.strip():
        raise ConfigError(f"{value.origin}: baseline must be a path to a JSON report")
    path = Path(value.value)
    if (
        not path.is_absolute()
        and config.path is not None
        and value.origin.startswith(str(config.path))
    ):
        path = config.path.parent / path
    return path
