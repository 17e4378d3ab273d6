"""Licence intelligence: identification, usage facts and lineage.

CONTRACT (implementation to be filled in; keep these names and shapes, add freely).
Nothing here imports typer or rich. Reference data is loaded once, lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from openaudit.verdict import Citation

if TYPE_CHECKING:
    from openaudit.evidence import Evidence

Family = Literal["permissive", "copyleft", "restricted", "non-commercial", "proprietary", "unknown"]
Ternary = Literal["yes", "no", "conditional", "unknown"]


@dataclass(frozen=True)
class LicenseFacts:
    """What one licence allows, from the shipped table (with its sources and date)."""

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

    @property
    def is_open(self) -> bool:
        """Open in the OSI/MOF sense: no use restrictions, commercial use allowed."""
        return self.family in ("permissive", "copyleft")

    def statements(self) -> tuple[str, ...]:
        """Plain-language usage statements, e.g. 'Commercial use: conditional: ...'."""
        raise NotImplementedError


@dataclass(frozen=True)
class Claim:
    """One piece of evidence naming a licence: the card tag, a licence file, a link, a tag."""

    citation: Citation
    license_id: str | None  # None when the claim could not be identified
    raw: str


@dataclass(frozen=True)
class LicenseReport:
    """The model's licence as identified from every piece of evidence."""

    license_id: str | None  # best identification (canonical id), None when unknown
    expression: str | None  # normalised expression when the card gives one
    facts: LicenseFacts | None  # combined facts for expressions; None when unknown
    claims: tuple[Claim, ...]
    conflicts: tuple[str, ...]  # e.g. "card says apache-2.0 but LICENSE is Llama 2"
    reason: str  # why it is unknown, or how it was identified


def lookup(name: object) -> LicenseFacts | None:
    """Facts for a Hub id, SPDX id or common free-text name, in any letter case."""
    raise NotImplementedError


def identify(evidence: Evidence) -> LicenseReport:
    """Identify the model's licence from card, licence files, links and tags."""
    raise NotImplementedError


def identify_text(text: str) -> str | None:
    """The canonical id of a licence recognised from its text, or None."""
    raise NotImplementedError
