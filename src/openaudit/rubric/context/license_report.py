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
    unread: bool = False  # a licence file whose text was not read (gated, failed)


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
    # terms a careful reader concludes from a licence name or gate text (answers built
    # on them are inferred), not stated by a licence field, file or the card's prose
    inferred: bool = False
    # the models a quantisation or format conversion stating no licence of its own is
    # read under (copies.copy_licence); empty for a licence the model states. With no
    # facts, their terms were not seen: the licence is undecided, not absent.
    copied: tuple[str, ...] = ()


def unread_files(report: LicenseReport) -> tuple[Claim, ...]:
    """The licence files the licence stands on when it stands on nothing else: no
    licence is identified, and every claim is a licence file whose text was not read
    (gated without access, or failed). Nothing then bears on the terms (no tag, name,
    link or licence section): the licence is unknown, not a custom one. Empty otherwise."""
    if report.facts is not None or not report.claims:
        return ()
    return report.claims if all(claim.unread for claim in report.claims) else ()


_BARE_VALUES = frozenset({"other", "unknown"})
_TAG_PREFIX = "tag:license:"


def _bare_value(claim: Claim) -> str | None:
    """'other' or 'unknown' when the claim is only such a card value or Hub tag."""
    where = claim.citation.where
    if where == "card:license":
        value = claim.raw.strip().lower()
    elif where.lower().startswith(_TAG_PREFIX):
        value = where[len(_TAG_PREFIX) :].strip().lower()
    else:
        return None
    return value if value in _BARE_VALUES else None


def grants_nothing(report: LicenseReport) -> str | None:
    """Why the licence grants nothing anyone can read, else None.

    `license: unknown` says the uploader does not know the licence, and a bare
    `license: other` names none: with no licence name, link, file or licence
    section in the card beside them, no grant of use is shown, so all rights
    are reserved. With any of those, the terms are a custom licence instead.
    """
    if report.facts is not None or not report.claims:
        return None
    values = [_bare_value(claim) for claim in report.claims]
    if any(value is None for value in values):
        return None
    said = "unknown" if "unknown" in values else "other"
    meaning = (
        "the uploader does not know the licence"
        if said == "unknown"
        else "a licence other than the Hub's list, without naming it"
    )
    return (
        f"the card says license: {said} ({meaning}), and no license_name, license_link, "
        "licence file, licence link or licence section in the card names or holds the terms: "
        "no grant of use is shown, so all rights are reserved"
    )
