"""The model's licence as read from its evidence: each claim with its citation, and the report."""

from __future__ import annotations

from dataclasses import dataclass

from openaudit.evidence import Citation
from openaudit.licenses import LicenseFacts


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
