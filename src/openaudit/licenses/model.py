"""The licence data types: facts about one licence, claims, reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from openaudit.verdict import Citation

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
        from openaudit.licenses.statements import statements

        return statements(self)


@dataclass(frozen=True)
class Claim:
    """One piece of evidence naming a licence: the card tag, a licence file, a link, a tag."""

    citation: Citation
    license_id: str | None  # None when the claim could not be identified
    raw: str


@dataclass(frozen=True)
class LicenseReport:
    """The model's licence as identified from every piece of evidence.

    For a compound expression `license_id` is the normalised expression, the same
    as `expression` and `facts.id`.
    """

    license_id: str | None  # best identification (canonical id), None when unknown
    expression: str | None  # normalised expression when the card gives one
    facts: LicenseFacts | None  # combined facts for expressions; None when unknown
    claims: tuple[Claim, ...]
    conflicts: tuple[str, ...]  # e.g. "card says apache-2.0 but LICENSE is Llama 2"
    reason: str  # why it is unknown, or how it was identified


@dataclass(frozen=True)
class ExpressionReport:
    """A licence expression checked: validity, normal form, licences and combined facts."""

    valid: bool
    normalized: str | None
    license_ids: tuple[str, ...]  # canonical ids (table ids, else SPDX / LicenseRef keys)
    errors: tuple[str, ...]
    facts: LicenseFacts | None  # None when any part is invalid or has no known facts
