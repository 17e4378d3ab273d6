"""Identifying a model's licence from its card, licence files, tags and links.

Precedence: an identified licence file beats a card value that contradicts it
(the conflict is reported); `license: other` takes the licence file's licence,
else a recognised `license_name`, else a recognised `license_link`; a family
tag (`openrail`, `cc`, ...) is refined by the licence file when it names a
member. A licence text no rule recognises is read for restrictive clauses
(clauses.py): when nothing else identifies the licence they give it
low-confidence facts. Only the model's own licence files can contradict the
card (license_scope.py: not a NOTICE, third-party or data licence file, nor a
dual-licence text offering the card's licence).

When the evidence contradicts itself the more restrictive reading wins and the
conflict names both sides: an open licence yields to restrictive clauses in the
model's licence file, and to the card's licence section when a sentence about
the model names a non-open licence or restricts use. A bare `license: other` or
`unknown` is identified from that section when it names a licence. Whatever
cannot be identified stays unknown, with the reason.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from openaudit.evidence import Citation
from openaudit.licenses.catalogue import get, lookup
from openaudit.licenses.clauses import Clause, describe, detect_clauses, facts_from_clauses
from openaudit.licenses.expression import check_expression
from openaudit.licenses.facts import ExpressionReport, LicenseFacts
from openaudit.licenses.text import MAX_TEXT_CHARS, identify_text, identify_title
from openaudit.licenses.urls import identify_url
from openaudit.rubric.context.declared_license import Declared, declared_license
from openaudit.rubric.context.license_report import Claim, LicenseReport
from openaudit.rubric.context.license_scope import (
    FILE_OVERRIDE_KINDS,
    LICENCE,
    METADATA_KINDS,
    NAME,
    CardTerms,
    about_other_work,
    card_terms,
    metadata_passages,
    offers_choice,
    speaks_for_model,
    terms_passages,
)

if TYPE_CHECKING:
    from openaudit.evidence import Evidence

_NO_LICENCE = frozenset({"unknown", "other"})
_REASON_EXCERPT_CHARS = 80


@dataclass(frozen=True)
class _Outcome:
    report: ExpressionReport | None
    reason: str
    conflicts: tuple[str, ...] = ()


def _distinct(ids: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in ids if i))


# Both readers look at the first 64 KiB only, so that is the cache key: an audit
# identifies the same files again (lineage, each rubric's context) at no cost.
@lru_cache(maxsize=16)
def _text_license(head: str) -> str | None:
    """identify_text of a licence file's first MAX_TEXT_CHARS characters (or, for a file
    too short to hold any terms, the standard licence its title names), remembered."""
    return identify_text(head) or identify_title(head)


@lru_cache(maxsize=16)
def _text_clauses(head: str) -> tuple[Clause, ...]:
    """detect_clauses of a licence file's first MAX_TEXT_CHARS characters, remembered."""
    return detect_clauses(head)


# What identify() reads of the evidence, as plain values (so that it can be remembered):
_Declared = tuple[tuple[str, Any], ...]  # the card's licence fields, (key, value)
_Files = tuple[tuple[str, str | None, str | None, str | None], ...]  # path, text, problem, url
_Links = tuple[tuple[str, str], ...]  # the card's licence links, (url, text)
# the card's passages that may state the terms, (kind, title, text): license_scope.py
_Sections = tuple[tuple[str, str, str], ...]
# The card metadata that declared_license() reads.
LICENCE_FIELDS = ("license", "license_name", "license_link")


def _file_claims(files: _Files) -> tuple[Claim, ...]:
    claims = []
    for path, text, problem, url in files:
        found = _text_license(text[:MAX_TEXT_CHARS]) if text else None
        raw = problem or ("(unreadable)" if text is None else path)
        claims.append(Claim(Citation(f"file:{path}", found, url), found, raw, text is None))
    return tuple(claims)


def _unread_phrase(files: tuple[Claim, ...]) -> str | None:
    """'the licence file LICENSE was not read (why)' when no licence file was read, else
    None: a file not read is unread, not one that matches no known licence."""
    if not files or not all(claim.unread for claim in files):
        return None
    paths = ", ".join(claim.citation.where.removeprefix("file:") for claim in files[:3])
    noun = "licence file" if len(files) == 1 else "licence files"
    verb = "was" if len(files) == 1 else "were"
    return f"the {noun} {paths} {verb} not read ({files[0].raw})"


def _tag_claims(tags: Iterable[object]) -> tuple[Claim, ...]:
    claims = []
    for tag in tags:
        if isinstance(tag, str) and tag.lower().startswith("license:"):
            facts = lookup(tag[len("license:") :])
            claims.append(Claim(Citation(f"tag:{tag}", tag), facts.id if facts else None, tag))
    return tuple(claims)


def _link_claims(links: _Links) -> tuple[Claim, ...]:
    claims = []
    for url, text in links:
        found = identify_url(url)
        claims.append(Claim(Citation("card:link", url, url), found, text))
    return tuple(claims)


def _ancestors(license_id: str) -> set[str]:
    seen: set[str] = set()
    facts = get(license_id)
    while facts is not None and facts.parent and facts.parent not in seen:
        seen.add(facts.parent)
        facts = get(facts.parent)
    return seen


def _compatible(found: str, declared: tuple[str, ...]) -> bool:
    """A file's licence agrees with the card when it is the same licence or a
    member of a family the card names (or the other way round)."""
    found_up = _ancestors(found)
    return any(found == d or d in found_up or found in _ancestors(d) for d in declared)


def _name_of(license_id: str) -> str:
    facts = get(license_id)
    return facts.name if facts else license_id


def _files_report(file_ids: tuple[str, ...]) -> ExpressionReport:
    return check_expression(" AND ".join(file_ids))


def _files_phrase(claims: tuple[Claim, ...]) -> str:
    parts = [
        f"{c.citation.where[5:]} reads as the {_name_of(c.license_id)}"
        for c in claims
        if c.license_id
    ]
    return "; ".join(parts)


def _conflicts(declared: Declared, files: tuple[Claim, ...]) -> tuple[str, ...]:
    return tuple(
        f"card says {declared.raw} but {c.citation.where[5:]} reads as the {_name_of(c.license_id)}"
        for c in files
        if c.license_id and not _compatible(c.license_id, declared.ids)
    )


def _specific(declared: Declared, report: ExpressionReport, files: tuple[Claim, ...]) -> _Outcome:
    conflicts = _conflicts(declared, files)
    file_ids = _distinct(c.license_id for c in files)
    if conflicts:
        reason = f"the licence file decides over the card: {_files_phrase(files)}"
        return _Outcome(_files_report(file_ids), reason, conflicts)
    reason = f"identified from the card's license field ({declared.raw})"
    if declared.note:
        reason = f"{reason}; {declared.note}"
    if file_ids:
        reason = f"{reason}, confirmed by the licence file ({_files_phrase(files)})"
    return _Outcome(report, reason)


def _family(declared: Declared, report: ExpressionReport, files: tuple[Claim, ...]) -> _Outcome:
    file_ids = _distinct(c.license_id for c in files)
    if not file_ids:
        reason = (
            f"the card names only the licence family {declared.raw!r}; the actual licence "
            "was not identified from a licence file, so its terms are not known"
        )
        return _Outcome(report, reason)
    conflicts = _conflicts(declared, files)
    reason = f"the card names the family {declared.raw!r}; {_files_phrase(files)}"
    return _Outcome(_files_report(file_ids), reason, conflicts)


def _other(declared: Declared, files: tuple[Claim, ...]) -> _Outcome:
    file_ids = _distinct(c.license_id for c in files)
    name = f"license_name: {declared.license_name}" if declared.license_name else "no license_name"
    if file_ids:
        conflicts: tuple[str, ...] = ()
        if declared.name_id and not _compatible(declared.name_id, file_ids):
            conflicts = (f"license_name says {declared.license_name} but {_files_phrase(files)}",)
        return _Outcome(
            _files_report(file_ids), f"license: other; {_files_phrase(files)}", conflicts
        )
    if declared.name_id:
        reason = (
            f"license: other; identified from license_name {declared.license_name!r} "
            "(no licence file could be identified)"
        )
        return _Outcome(check_expression(declared.name_id), reason)
    if declared.link_id:
        reason = f"license: other; identified from license_link {declared.link}"
        return _Outcome(check_expression(declared.link_id), reason)
    if unread := _unread_phrase(files):
        return _Outcome(None, f"license: other ({name}) and {unread}")
    found = "could not be identified" if files else "was not found"
    return _Outcome(None, f"license: other ({name}) and the licence file {found}")


def _undeclared(
    declared: Declared, files: tuple[Claim, ...], others: tuple[Claim, ...]
) -> _Outcome:
    why = declared.problem or (
        "the card says license: unknown" if declared.ids else "the card declares no licence"
    )
    file_ids = _distinct(c.license_id for c in files)
    if file_ids:
        return _Outcome(_files_report(file_ids), f"{why}; {_files_phrase(files)}")
    for claim in others:
        if claim.license_id:
            source = claim.citation.where
            return _Outcome(check_expression(claim.license_id), f"{why}; identified from {source}")
    if unread := _unread_phrase(files):
        return _Outcome(None, f"{why}, and {unread}")
    if files:
        return _Outcome(None, f"{why}, and the licence files could not be identified")
    return _Outcome(None, f"{why}, and no licence file, tag or link names one")


def _resolve(
    declared: Declared,
    files: tuple[Claim, ...],
    deciding: tuple[Claim, ...],
    others: tuple[Claim, ...],
) -> _Outcome:
    """The licence from the evidence; against a card naming a licence, only the
    `deciding` files (the model's own licence files) count."""
    report = declared.report
    ids = declared.ids
    # without a licence named by the card, only the model's own licence files say it (a
    # LICENSE-CODE, DATA_LICENSE or NOTICE covers another work)
    own = tuple(c for c in files if speaks_for_model(c.citation.where.removeprefix("file:")))
    if report is None or not ids or "unknown" in ids:
        return _undeclared(declared, own, others)
    if "other" in ids:
        return _other(declared, own)
    if any(f.is_family_tag for f in map(get, ids) if f):
        return _family(declared, report, deciding)
    return _specific(declared, report, deciding)


def _tag_conflicts(declared: Declared, tags: tuple[Claim, ...]) -> tuple[str, ...]:
    if not declared.ids:
        return ()
    return tuple(
        f"card says {declared.raw} but the Hub tag is {c.raw}"
        for c in tags
        if c.license_id and c.license_id not in _NO_LICENCE and c.license_id not in declared.ids
    )


def _license_id(report: ExpressionReport | None) -> str | None:
    if report is None or report.facts is None:
        return None
    if len(report.license_ids) == 1 and report.license_ids[0] in _NO_LICENCE:
        return None
    return report.license_ids[0] if len(report.license_ids) == 1 else report.normalized


@dataclass(frozen=True)
class _Detected:
    """Restrictive clauses found in one licence file that no rule recognised."""

    path: str
    url: str | None
    clauses: tuple[Clause, ...]

    def claims(self) -> tuple[Claim, ...]:
        """Each restrictive clause as a claim citing the file and the passage."""
        return tuple(
            Claim(Citation(f"file:{self.path}", c.excerpt, self.url), None, c.kind)
            for c in self.clauses
            if c.restrictive
        )

    def phrase(self) -> str:
        """'LICENSE: non-commercial ('...'); research only ('...')'."""
        return f"{self.path}: {describe(self.clauses, _REASON_EXCERPT_CHARS)}"


def _detected(files: _Files, claims: tuple[Claim, ...]) -> tuple[_Detected, ...]:
    """Restrictive clauses of the readable licence files identify_text did not recognise."""
    found = []
    for (path, text, _, url), claim in zip(files, claims, strict=True):
        if text and claim.license_id is None:
            clauses = _text_clauses(text[:MAX_TEXT_CHARS])
            if any(c.restrictive for c in clauses):
                found.append(_Detected(path, url, clauses))
    return tuple(found)


def _deciding(files: _Files, claims: tuple[Claim, ...], declared: Declared) -> tuple[Claim, ...]:
    """The claims of the model's own licence files that do not offer the card's
    licence as one choice: the files that can contradict the card."""
    return tuple(
        claim
        for (path, text, _, _), claim in zip(files, claims, strict=True)
        if speaks_for_model(path) and not (text and offers_choice(text, declared.ids))
    )


def _own(detected: tuple[_Detected, ...], deciding: tuple[Claim, ...]) -> tuple[_Detected, ...]:
    """The detected clauses of the model's own licence files (the deciding files)."""
    paths = {c.citation.where[5:] for c in deciding}
    return tuple(d for d in detected if d.path in paths)


def _limiting(
    detected: tuple[_Detected, ...], deciding: tuple[Claim, ...]
) -> tuple[_Detected, ...]:
    """The detected clauses, in the deciding files, that limit what the model may be used
    for (not a copyright line's "all rights reserved", not a sentence about the data)."""
    paths = {c.citation.where[5:] for c in deciding}
    found = []
    for d in detected:
        kept = tuple(
            c
            for c in d.clauses
            if c.kind in FILE_OVERRIDE_KINDS and not about_other_work(c.excerpt)
        )
        if d.path in paths and kept:
            found.append(_Detected(d.path, d.url, kept))
    return tuple(found)


def _card_phrase(declared: Declared) -> str:
    """What the card says about the licence, for a reason."""
    if "other" in declared.ids:
        name = declared.license_name
        return f"license: other ({f'license_name: {name}' if name else 'no license_name'})"
    if declared.problem:
        return declared.problem
    if declared.raw is None:
        return "the card declares no licence"
    return f"the card says license: {declared.raw}"


def _from_clauses(
    declared: Declared, detected: tuple[_Detected, ...]
) -> tuple[str, LicenseFacts | None, str]:
    """(license_id, facts, reason) for a licence known only by its restrictive clauses."""
    label = declared.license_name or "other"
    clauses = tuple(c for d in detected for c in d.clauses)
    paths = ", ".join(d.path for d in detected)
    reason = (
        f"{_card_phrase(declared)}; {paths} matches no known licence text; identified from "
        f"restrictive clauses in {'; '.join(d.phrase() for d in detected)} (low confidence: "
        "terms not found in the text are unknown)"
    )
    return label, facts_from_clauses(clauses, label), reason


def _overridden_by_clauses(
    declared: Declared, license_id: str, limiting: tuple[_Detected, ...]
) -> tuple[str, LicenseFacts | None, str]:
    """(license_id, facts, reason) when an unrecognised licence file restricts use that
    the card calls open: the more restrictive reading decides."""
    label = declared.license_name or ", ".join(d.path for d in limiting)
    clauses = tuple(c for d in limiting for c in d.clauses)
    reason = (
        f"{'; '.join(_restriction_conflicts(declared, license_id, limiting))}: the licence "
        "file's terms decide over the card's tag, the more restrictive reading (low "
        "confidence: terms not found in the text are unknown)"
    )
    return label, facts_from_clauses(clauses, label), reason


def _restriction_conflicts(
    declared: Declared, license_id: str, detected: tuple[_Detected, ...]
) -> tuple[str, ...]:
    """An open licence contradicted by restrictive clauses in an unrecognised licence file."""
    said = f"card says {declared.raw}" if declared.ids else f"the licence reads as {license_id}"
    return tuple(
        f"{said} but {d.path} restricts use: {d.phrase()[len(d.path) + 2 :]}" for d in detected
    )


def identify(evidence: Evidence) -> LicenseReport:
    """Identify the model's licence from card, licence files, links and tags."""
    metadata = evidence.metadata
    declared = tuple((key, metadata[key]) for key in LICENCE_FIELDS if key in metadata)
    files = tuple(
        (item.path, item.text, item.problem, evidence.file_url(item.path))
        for item in evidence.license_files
    )
    tags = tuple(
        t for t in evidence.tags if isinstance(t, str) and t.lower().startswith("license:")
    )
    links = tuple((link.url, link.text) for link in evidence.card.links_of("license"))
    sections = (*terms_passages(evidence.card), *metadata_passages(metadata))
    readme = evidence.file_url("README.md") if sections else None
    args = (declared, files, tags, links, sections, readme)
    # licence files and passages of the card come with the model's own URLs: no other
    # model has that key, so a report kept for it would never be asked for again
    if files or readme is not None or not _rememberable(declared, tags, links, sections):
        return _identify(*args)
    return _remembered(*args)


MAX_REMEMBERED_CHARS = 2000  # longer declarations are not kept in the memo


def _rememberable(
    declared: _Declared, tags: tuple[str, ...], links: _Links, sections: _Sections
) -> bool:
    """Whether a declaration may share a remembered report: plain, short strings only
    (1, 1.0 and True are equal keys but read differently; long values would pin memory)."""
    values = [value for _, value in declared] + list(tags) + [v for link in links for v in link]
    values += [v for section in sections for v in section]
    return all(isinstance(v, str) and len(v) <= MAX_REMEMBERED_CHARS for v in values)


def _identify(
    declared_fields: _Declared,
    license_files: _Files,
    license_tags: tuple[str, ...],
    license_links: _Links,
    card_sections: _Sections = (),
    readme_url: str | None = None,
) -> LicenseReport:
    """The licence report from exactly what identify() reads of the evidence."""
    declared = declared_license(dict(declared_fields))
    files = _file_claims(license_files)
    deciding = _deciding(license_files, files, declared)
    tags = _tag_claims(license_tags)
    others = (*tags, *_link_claims(license_links))
    outcome = _resolve(declared, files, deciding, others)
    license_id = _license_id(outcome.report)
    facts = outcome.report.facts if outcome.report and license_id else None
    reason, conflicts = outcome.reason, outcome.conflicts
    detected = _detected(license_files, files)
    limiting = _limiting(detected, deciding)
    clause_claims = tuple(c for d in detected for c in d.claims())
    if detected and license_id is None:
        license_id, facts, reason = _from_clauses(declared, detected)
    elif limiting and license_id and facts is not None and facts.is_open:
        conflicts = (*conflicts, *_restriction_conflicts(declared, license_id, limiting))
        license_id, facts, reason = _overridden_by_clauses(declared, license_id, limiting)
        clause_claims = tuple(c for d in limiting for c in d.claims())
    elif (own := _own(detected, deciding)) and license_id and facts is not None and facts.is_open:
        # a clause that does not limit use (a copyright line's "all rights reserved"):
        # reported as a conflict, the card's licence stands
        conflicts = (*conflicts, *_restriction_conflicts(declared, license_id, own))
        clause_claims = tuple(c for d in own for c in d.claims())
    else:
        clause_claims = ()
    card = _CardReading(declared, card_sections, readme_url)
    read = card.read(license_id, facts, reason, conflicts)
    license_id, facts, reason, conflicts = read.license_id, read.facts, read.reason, read.conflicts
    expression = declared.report.normalized if declared.report and declared.report.valid else None
    return LicenseReport(
        license_id=license_id,
        expression=expression,
        facts=facts,
        claims=(*declared.claims, *files, *clause_claims, *read.claims, *others),
        conflicts=(*conflicts, *_tag_conflicts(declared, tags)),
        reason=reason,
        inferred=read.inferred,
    )


@dataclass(frozen=True)
class _Read:
    """The licence after reading the card's licence section."""

    license_id: str | None
    facts: LicenseFacts | None
    reason: str
    conflicts: tuple[str, ...]
    claims: tuple[Claim, ...] = ()
    inferred: bool = False  # terms read from a licence name or gate text


@dataclass(frozen=True)
class _CardReading:
    """What the card body says of the terms (its licence, terms-of-use and disclaimer
    sections, a note at the top, a licence line), read against the licence found
    elsewhere."""

    declared: Declared
    sections: _Sections
    readme_url: str | None

    def read(
        self,
        license_id: str | None,
        facts: LicenseFacts | None,
        reason: str,
        conflicts: tuple[str, ...],
    ) -> _Read:
        """An open licence the card restricts yields to it; a bare `other` or
        `unknown` is identified from it (or at least has licence text to read); with no
        licence declared at all, a licence the card names by name is taken."""
        unchanged = _Read(license_id, facts, reason, conflicts)
        bare = license_id is None and bool(_NO_LICENCE & set(self.declared.ids))
        undeclared = license_id is None and not self.declared.ids
        if not self.sections or not (bare or undeclared or (facts is not None and facts.is_open)):
            return unchanged
        if facts is not None and facts.is_open:
            # a licence name identifies a bare `other`, but a label does not outweigh a
            # licence identified from the card's fields or files; a gate's text does: what
            # it says access is granted on ("commercial use requires a separate licence")
            body = tuple(p for p in self.sections if p[0] != NAME)
            terms = card_terms(body, self.declared.ids) if body else None
            if terms is None:
                return unchanged
            return self._restricted(terms, license_id or facts.id, reason, conflicts) or unchanged
        terms = card_terms(self.sections, self.declared.ids)
        if terms is not None and (bare or (undeclared and terms.license_id)):
            return self._identified(terms, reason, conflicts) or unchanged
        licence = [(title, text) for kind, title, text in self.sections if kind == LICENCE]
        if bare and any(text.strip() for _, text in licence):
            title = licence[0][0]
            cite = Citation(f"README.md#{title}", "the card's licence section", self.readme_url)
            return _Read(license_id, facts, reason, conflicts, (Claim(cite, None, title),))
        return unchanged

    def _claim(self, terms: CardTerms) -> Claim:
        cite = Citation(terms.anchor, terms.sentence[:200], self.readme_url)
        return Claim(cite, terms.license_id, terms.sentence)

    def _restricted(
        self, terms: CardTerms, license_id: str, reason: str, conflicts: tuple[str, ...]
    ) -> _Read | None:
        named = get(terms.license_id) if terms.license_id else None
        new_facts: LicenseFacts | None
        if named is not None and not named.is_open and named.family != "unknown":
            new_id, new_facts = named.id, named
        elif terms.restrictive and (named is None or named.is_open):
            new_id = self.declared.license_name or "custom"
            new_facts = facts_from_clauses(terms.restrictive, new_id)
        else:
            return None
        said = (
            f"card says {self.declared.raw}"
            if self.declared.ids
            else f"the licence reads as {license_id}"
        )
        conflict = f"{said} but {terms.place} says '{terms.sentence[:160]}'"
        why = (
            f"{conflict}: the card's statement of the terms decides over its tag, the more "
            f"restrictive reading ({reason})"
        )
        return _Read(new_id, new_facts, why, (*conflicts, conflict), (self._claim(terms),))

    def _identified(
        self, terms: CardTerms, reason: str, conflicts: tuple[str, ...]
    ) -> _Read | None:
        quote = f"{terms.place} says '{terms.sentence[:160]}'"
        named = get(terms.license_id) if terms.license_id else None
        if named is not None and not (terms.restrictive and named.is_open):
            why = f"{_card_phrase(self.declared)}; identified from the card: {quote}"
            return _Read(named.id, named, why, conflicts, (self._claim(terms),))
        label = self.declared.license_name or "custom"
        new_facts = facts_from_clauses(terms.restrictive, label)
        if new_facts is None:
            return None
        why = (
            f"{_card_phrase(self.declared)}; terms read from the card: {quote} (low confidence: "
            "terms not stated there are unknown)"
        )
        inferred = terms.kind in METADATA_KINDS  # a name or gate text, not a statement
        return _Read(label, new_facts, why, conflicts, (self._claim(terms),), inferred)


# A dump repeats the same few licence declarations millions of times: one report each
# (the report is immutable). Only declarations without the model's own URLs are kept
# (`identify`): in a scan, keys with a licence file's or the README's URL held 4,096
# reports of models long scored, none ever asked for again.
_remembered = lru_cache(maxsize=4096)(_identify)
_last = threading.local()  # per thread: the evidence identified last, and its report


def terms_in_metadata(metadata: Mapping[str, Any]) -> LicenseReport | None:
    """A licence that only card metadata shows the terms of: `license: other` with a
    `license_name` no rule identifies, or a gate prompt, that states them ("oldlm-
    noncommercial", "for non-commercial research only"). Read as `identify` reads the
    model's own (the same passages, the same clauses); None when they state none.

    For a base model's card data, of which only the metadata is read: what the base
    is under is then a careful reader's conclusion from its name or its gate text."""
    declared = tuple((key, metadata[key]) for key in LICENCE_FIELDS if key in metadata)
    passages = metadata_passages(metadata)
    if not passages or not _rememberable(declared, (), (), passages):
        return None
    report = _remembered(declared, (), (), (), passages, None)
    if report.facts is None or _remembered(declared, (), (), (), (), None).facts is not None:
        return None  # no terms, or terms the licence fields identify without the passages
    return report


def identify_once(evidence: Evidence) -> LicenseReport:
    """`identify`, once per model: when one thread judges the same evidence under
    several rubrics in a row, the report (immutable) is reused rather than made again."""
    last = getattr(_last, "identified", None)
    if last is not None and last[0] is evidence:
        report: LicenseReport = last[1]
        return report
    report = identify(evidence)
    _last.identified = (evidence, report)
    return report
