"""Plain-language sentences describing a licence's usage facts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openaudit.licenses.model import LicenseFacts

_SHARE_ALIKE = {
    "yes": "yes: adaptations must be shared under the same licence",
    "weak": "weak: changes to the licensed files or library must stay under the licence",
    "no": "no",
    "restrictions-flow-down": (
        "derivatives may use another licence but must carry the use restrictions"
    ),
    "partial": "partial: the licence text and its restrictions must accompany redistributed copies",
    "unknown": "unknown",
}
_FAMILY = {
    "permissive": "permissive (few conditions beyond notices)",
    "copyleft": "copyleft (share-alike conditions, no use restrictions)",
    "restricted": "restricted (use restrictions, caps or naming duties)",
    "non-commercial": "non-commercial (research or non-commercial use only)",
    "proprietary": "proprietary (all rights reserved)",
    "unknown": "unknown (the terms need the licence text)",
}


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _commercial(facts: LicenseFacts) -> str:
    text = f"Commercial use: {facts.commercial_use}"
    detail = facts.commercial_note
    if detail is None and facts.commercial_use == "conditional" and facts.user_cap:
        detail = f"above {facts.user_cap} a separate licence is required"
    return f"{text}: {detail}" if detail else text


def _use_restrictions(facts: LicenseFacts) -> str:
    flows = facts.share_alike in ("restrictions-flow-down", "partial", "yes")
    if facts.acceptable_use_policy:
        tail = " and must be passed on to downstream users" if flows else ""
        return f"Use restrictions: an acceptable-use policy applies{tail}"
    if facts.field_of_use_restrictions:
        return "Use restrictions: the licence limits the purposes the material may be used for"
    if facts.field_of_use_restrictions is None or facts.acceptable_use_policy is None:
        return "Use restrictions: unknown"
    return "Use restrictions: none"


def _optional(label: str, value: str | None) -> tuple[str, ...]:
    return (f"{label}: {value}",) if value else ()


def statements(facts: LicenseFacts) -> tuple[str, ...]:
    """Plain sentences for every usage fact, in a fixed order."""
    lines = [
        f"Family: {_FAMILY.get(facts.family, facts.family)}",
        _commercial(facts),
        f"Modification: {facts.modification}",
        f"Redistribution: {facts.redistribution}",
        _use_restrictions(facts),
        *_optional("User cap", facts.user_cap),
        f"Attribution: {facts.attribution}",
        f"Share-alike: {_SHARE_ALIKE.get(facts.share_alike, facts.share_alike)}",
        *_optional("Output restrictions", facts.output_restrictions),
        *_optional("Naming or display", facts.naming_or_display),
        f"OSI approved: {_yes_no(facts.osi_approved)}",
        f"Open content licence: {'yes' if facts.open_content else 'no'}",
    ]
    return tuple(lines)
