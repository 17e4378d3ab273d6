"""Waivers: a finding the team has accepted, with the reason, until a date, for a model.

A waiver is `{probe: ID-or-tag, reason: TEXT, expires: DATE, model: REF}` in the
config file's `waivers:` list. The reason is mandatory; `expires` (YYYY-MM-DD) is
optional and the waiver holds through that day; `model` (a ref or a glob such as
`acme/*`) scopes it. A waived probe counts as met by the gate and stays visible,
marked waived, in every report. An expired waiver that applies to an audited model
fails the policy with a line naming it.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openaudit.config import ConfigError, Value
from openaudit.verdict import Verdict

WAIVER_KEYS = ("probe", "reason", "expires", "model")


@dataclass(frozen=True)
class Waiver:
    """One accepted finding: which probe(s), why, until when, for which model."""

    probe: str
    reason: str
    origin: str  # file:line of the entry
    expires: dt.date | None = None
    model: str | None = None

    def applies_to(self, verdict: Verdict) -> bool:
        """True when the waiver's model scope covers the verdict's model."""
        if self.model is None:
            return True
        names = {verdict.ref, verdict.repo_id or verdict.ref}
        return any(fnmatch.fnmatchcase(name, self.model) for name in names)

    def expired(self, today: dt.date) -> bool:
        """True after the expiry day (a waiver holds through the day it names)."""
        return self.expires is not None and today > self.expires

    def describe(self) -> str:
        """`probe (reason)`, the way failure lines and reports name a waiver."""
        return f"{self.probe} ({self.reason})"


def parse_waivers(value: Value) -> tuple[Waiver, ...]:
    """The `waivers:` list of a config file; ConfigError naming file:line when malformed."""
    items = value.value
    if not isinstance(items, list):
        raise ConfigError(f"{value.origin}: waivers: expected a list of {{probe, reason, ...}}")
    return tuple(_waiver(item) for item in items)


def _waiver(item: Value | object) -> Waiver:
    entry = item if isinstance(item, Value) else Value(item, "waivers")
    where, raw = entry.origin, entry.value
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: waiver: expected a mapping with probe and reason")
    for key in raw:
        if key not in WAIVER_KEYS:
            raise ConfigError(
                f"{where}: waiver: unknown key '{key}'; expected one of {', '.join(WAIVER_KEYS)}"
            )
    probe = _text(raw.get("probe"), where, "probe")
    reason = _text(raw.get("reason"), where, "reason")
    if probe is None:
        raise ConfigError(f"{where}: waiver: 'probe' is required (a probe id or a tag)")
    if reason is None:
        raise ConfigError(f"{where}: waiver for {probe}: 'reason' is required")
    return Waiver(
        probe=probe,
        reason=reason,
        origin=where,
        expires=_date(raw.get("expires"), where, probe),
        model=_text(raw.get("model"), where, "model"),
    )


def _text(raw: object, where: str, key: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        raise ConfigError(f"{where}: waiver: '{key}' must be non-empty text")
    return " ".join(raw.split())


def _date(raw: object, where: str, probe: str) -> dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):  # TOML dates arrive parsed
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ConfigError(
            f"{where}: waiver for {probe}: expires {raw!r} is not a date (YYYY-MM-DD)"
        ) from None


def active(waivers: Sequence[Waiver], today: dt.date) -> tuple[Waiver, ...]:
    """The waivers still in force on `today`."""
    return tuple(waiver for waiver in waivers if not waiver.expired(today))


def expired_for(
    waivers: Iterable[Waiver], verdicts: Iterable[Verdict], today: dt.date
) -> tuple[Waiver, ...]:
    """Expired waivers that apply to at least one of the verdicts' models."""
    models = tuple(verdicts)
    return tuple(
        waiver
        for waiver in waivers
        if waiver.expired(today) and any(waiver.applies_to(v) for v in models)
    )
