"""What is known about one licence (its usage facts, in data and in plain sentences),
and a checked licence expression."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Family = Literal["permissive", "copyleft", "restricted", "non-commercial", "proprietary", "unknown"]
Ternary = Literal["yes", "no", "conditional", "unknown"]

FAMILIES: tuple[Family, ...] = (
    "permissive",
    "copyleft",
    "restricted",
    "non-commercial",
    "proprietary",
    "unknown",
)


@dataclass(frozen=True)
class LicenseFacts:
    """What one licence allows, from the shipped table (with its sources and date).

    `user_cap` is None when the licence has no user or revenue cap, and the text
    "unknown" when the table does not know. `output_restrictions` and
    `naming_or_display` are None when there are none.
    """

    id: str  # canonical id: the Hub id when there is one ("llama2"), else SPDX / LicenseRef
    name: str
    spdx: str | None
    family: Family
    osi_approved: bool | None
    open_content: bool  # an open data / open content licence (CC-BY, CC0, ODbL, CDLA, ...)
    commercial_use: Ternary
    modification: Ternary
    redistribution: Ternary
    field_of_use_restrictions: bool | None
    acceptable_use_policy: bool | None
    user_cap: str | None
    attribution: Ternary
    share_alike: str  # yes / weak / no / restrictions-flow-down / partial / unknown
    output_restrictions: str | None
    naming_or_display: str | None
    confidence: str  # high / medium / low
    notes: str = ""
    hub: bool = False  # one of the Hub's licence ids
    parent: str | None = None  # the family tag this licence belongs to ("openrail", "gpl")
    commercial_note: str | None = None  # why commercial use is conditional or refused
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # for a combination: the ids combined

    @property
    def is_open(self) -> bool:
        """Open in the OSI/MOF sense: no use restrictions, commercial use allowed."""
        return self.family in ("permissive", "copyleft")

    @property
    def is_family_tag(self) -> bool:
        """A tag naming a family of licences (`openrail`, `bsd`, `gpl`, `cc`), no single text."""
        # The Hub's own names say so ("GNU General Public License family"); a
        # versioned member without an SPDX id (gpl-3.0: -only or -or-later?) is
        # still one licence text.
        named_family = "family" in self.name.lower()
        return self.hub and self.spdx is None and self.parent is None and named_family

    def statements(self) -> tuple[str, ...]:
        """Plain-language usage statements, e.g. 'Commercial use: conditional: ...'."""
        return usage_statements(self)


@dataclass(frozen=True)
class ExpressionReport:
    """A licence expression checked: validity, normal form, licences and combined facts."""

    valid: bool
    normalized: str | None
    license_ids: tuple[str, ...]  # canonical ids (table ids, else SPDX / LicenseRef keys)
    errors: tuple[str, ...]
    facts: LicenseFacts | None  # None when any part is invalid or has no known facts


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


def usage_statements(facts: LicenseFacts) -> tuple[str, ...]:
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
