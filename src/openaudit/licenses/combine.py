"""Combining the facts of several licences: AND takes the most restrictive of each
flag, OR takes the option most permissive for the licensee."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from openaudit.licenses.facts import Family, LicenseFacts, Ternary

T = TypeVar("T")

# Higher means more restrictive (or less known, which must never read as more open).
FAMILY_RANK: dict[str, int] = {
    "permissive": 0,
    "copyleft": 1,
    "restricted": 2,
    "non-commercial": 3,
    "unknown": 4,
    "proprietary": 5,
}
_PERMISSION_RANK = {"yes": 0, "conditional": 1, "unknown": 2, "no": 3}
_DUTY_RANK = {"no": 0, "conditional": 1, "unknown": 2, "yes": 3}
_SHARE_RANK = {
    "no": 0,
    "weak": 1,
    "partial": 2,
    "restrictions-flow-down": 3,
    "yes": 4,
    "unknown": 5,
}
_CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}


# Why a custom licence's facts are unknown (license_lineage.custom_facts).
CUSTOM_TERMS = "a custom licence: stated terms that match no known licence"


def unknown_facts(key: str, why: str, spdx: str | None = None) -> LicenseFacts:
    """Facts for a licence id openaudit has no data for: everything unknown."""
    return LicenseFacts(
        id=key,
        name=key,
        spdx=spdx,
        family="unknown",
        osi_approved=None,
        open_content=False,
        commercial_use="unknown",
        modification="unknown",
        redistribution="unknown",
        field_of_use_restrictions=None,
        acceptable_use_policy=None,
        user_cap="unknown",
        attribution="unknown",
        share_alike="unknown",
        output_restrictions=None,
        naming_or_display=None,
        confidence="low",
        notes=why,
    )


def _worst(values: Iterable[T], rank: Callable[[T], int]) -> T:
    return max(values, key=rank)


def _restriction(values: Sequence[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _all_true(values: Sequence[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _joined(values: Iterable[str | None]) -> str | None:
    seen = list(dict.fromkeys(v for v in values if v))
    return "; ".join(seen) or None


def _spdx(parts: Sequence[LicenseFacts], operator: str) -> str | None:
    if any(p.spdx is None for p in parts):
        return None
    return f" {operator} ".join(str(p.spdx) for p in parts)


def combine_and(parts: Sequence[LicenseFacts], label: str) -> LicenseFacts:
    """Facts when every licence applies at once: the most restrictive of each flag."""
    if len(parts) == 1:
        return parts[0]
    family: Family = _worst((p.family for p in parts), FAMILY_RANK.__getitem__)
    perm: Callable[[Ternary], int] = _PERMISSION_RANK.__getitem__
    caps = [p.user_cap for p in parts]
    return LicenseFacts(
        id=label,
        name=" AND ".join(p.name for p in parts),
        spdx=_spdx(parts, "AND"),
        family=family,
        osi_approved=_all_true([p.osi_approved for p in parts]),
        open_content=all(p.open_content for p in parts),
        commercial_use=_worst((p.commercial_use for p in parts), perm),
        modification=_worst((p.modification for p in parts), perm),
        redistribution=_worst((p.redistribution for p in parts), perm),
        field_of_use_restrictions=_restriction([p.field_of_use_restrictions for p in parts]),
        acceptable_use_policy=_restriction([p.acceptable_use_policy for p in parts]),
        user_cap=_joined(caps),
        attribution=_worst((p.attribution for p in parts), _DUTY_RANK.__getitem__),
        share_alike=_worst((p.share_alike for p in parts), lambda s: _SHARE_RANK.get(s, 5)),
        output_restrictions=_joined(p.output_restrictions for p in parts),
        naming_or_display=_joined(p.naming_or_display for p in parts),
        confidence=min((p.confidence for p in parts), key=lambda c: _CONFIDENCE_RANK.get(c, 0)),
        # (licences alike in why their terms are unknown, custom ones, stay alike)
        notes=_shared_notes(parts)
        or "all of these licences apply at once (AND): the most restrictive term of each wins",
        commercial_note=_joined(p.commercial_note for p in parts),
        members=tuple(p.id for p in parts),
    )


def _shared_notes(parts: Sequence[LicenseFacts]) -> str | None:
    notes = {p.notes for p in parts}
    return notes.pop() if notes == {CUSTOM_TERMS} else None


def restrictiveness(facts: LicenseFacts) -> tuple[int, int, int, int]:
    """A sort key: lower is more permissive for the licensee."""
    restricted = 1 if facts.field_of_use_restrictions or facts.acceptable_use_policy else 0
    return (
        FAMILY_RANK[facts.family],
        _PERMISSION_RANK[facts.commercial_use],
        restricted,
        -_CONFIDENCE_RANK.get(facts.confidence, 0),
    )


def choose_or(parts: Sequence[LicenseFacts], label: str) -> LicenseFacts:
    """Facts when the licensee may choose: the most permissive option."""
    if len(parts) == 1:
        return parts[0]
    best = min(parts, key=restrictiveness)
    return replace(
        best,
        id=label,
        name=" OR ".join(p.name for p in parts),
        spdx=_spdx(parts, "OR"),
        notes=f"the licensee may choose (OR): the most permissive option is {best.id}",
        members=tuple(p.id for p in parts),
    )


def looser_terms(derived: LicenseFacts, base: LicenseFacts) -> tuple[str, ...]:
    """How `derived` is more permissive than `base` (empty when it is not)."""
    reasons: list[str] = []
    if base.family == "unknown" or derived.family == "unknown":
        return ()
    if FAMILY_RANK[derived.family] < FAMILY_RANK[base.family]:
        reasons.append(f"{derived.family} family where the base is {base.family}")
    # (a custom licence's commercial terms, unknown, show no looseness; a catalogued
    # licence whose commercial terms are unknown still does)
    commercial = base.commercial_use != "unknown" or base.notes != CUSTOM_TERMS
    if (
        commercial
        and _PERMISSION_RANK[derived.commercial_use] < _PERMISSION_RANK[base.commercial_use]
    ):
        reasons.append(
            f"commercial use {derived.commercial_use} where the base says {base.commercial_use}"
        )
    if base.acceptable_use_policy and derived.acceptable_use_policy is False:
        reasons.append("no acceptable-use policy where the base has one")
    elif base.field_of_use_restrictions and derived.field_of_use_restrictions is False:
        reasons.append("no use restrictions where the base has some")
    return tuple(reasons)
