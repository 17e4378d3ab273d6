"""Licence lineage: what a model inherits from its base models and training data.

A derivative (fine-tune, adapter, quantisation) inherits its bases' licence
restrictions; a merge inherits those of every merged base. A derivative that
declares a more permissive licence than a base is flagged. Missing, private and
cyclic bases are notes, never fatal.

A base under `license: other` with a licence name, link or licence file that no rule
identifies is under a *custom* licence, as the model's own would be: terms that grant
use and are not open (inferred). A derivative stating no licence of its own (a bare
`other`, or none) stays without one: its bases' terms cap what it may be, they grant
it nothing. A quantisation or format conversion adds no work of its own that could
carry terms: stating none, it is under the licence of the model it copies
(copies.copy_licence, through ProbeContext.license).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from openaudit.base_chain import listed_bases
from openaudit.evidence import Citation
from openaudit.licenses.catalogue import get, lookup
from openaudit.licenses.combine import CUSTOM_TERMS, combine_and, looser_terms, unknown_facts
from openaudit.licenses.expression import check_expression
from openaudit.licenses.facts import ExpressionReport, LicenseFacts
from openaudit.licenses.files import is_license_file
from openaudit.rubric.context.declared_license import Declared, declared_license
from openaudit.rubric.context.license_identification import identify_once, terms_in_metadata
from openaudit.rubric.context.license_report import LicenseReport
from openaudit.rubric.context.license_scope import speaks_for_model

if TYPE_CHECKING:
    from openaudit.evidence import Evidence, LinkedRepo

_STATUS_REASON = {
    "not_found": "not found on the Hub (it may be private, renamed or deleted)",
    "gated": "gated, and the Hub served no licence metadata for it",
    "error": "could not be read",
    "skipped": "not looked up",
}


@dataclass(frozen=True)
class BaseLicense:
    """One base model in the chain and the licence it is under."""

    repo_id: str
    relation: str | None
    depth: int
    status: str
    license_id: str | None
    facts: LicenseFacts | None
    citation: Citation
    reason: str
    # terms a careful reader concludes from the base's licence name or gate text, which
    # no licence rule identifies (license_identification.terms_in_metadata), or a
    # custom licence (`custom`)
    inferred: bool = False
    # `license: other` with a name, link or licence file no rule identifies: a custom
    # licence, which grants use on its own terms and is not open (`custom_facts`)
    custom: bool = False


@dataclass(frozen=True)
class LineageReport:
    """The base-model chain's licences, flags and inherited restrictions."""

    declared_id: str | None  # the model's own licence (identify's license_id)
    bases: tuple[BaseLicense, ...]
    flags: tuple[str, ...]  # "declares apache-2.0, but its base X is under llama2 (...)"
    inherited: LicenseFacts | None  # every known base licence combined with AND
    inherited_restrictions: tuple[str, ...]  # "meta-llama/Llama-2-7b (llama2): User cap: ..."
    notes: tuple[str, ...]  # cycles, missing, private, unknown base licences

    @property
    def unseen(self) -> tuple[BaseLicense, ...]:
        """The bases whose terms were not seen (not looked up, missing, unidentified)."""
        return tuple(base for base in self.bases if base.facts is None)

    @property
    def inferred(self) -> tuple[BaseLicense, ...]:
        """The bases whose terms were concluded from their licence name or gate text."""
        return tuple(base for base in self.bases if base.inferred and base.facts is not None)

    @property
    def custom(self) -> tuple[BaseLicense, ...]:
        """The bases under a custom licence (terms stated, matching no known licence)."""
        return tuple(base for base in self.bases if base.custom)

    def inferred_reason(self) -> str:
        """How the inferred bases' terms were read, for a reason ("" when none was)."""
        return "; ".join(f"base {b.repo_id}: {b.reason}" for b in self.inferred)


@dataclass(frozen=True)
class DatasetLicense:
    """One declared training dataset and its licence."""

    repo_id: str
    status: str
    license_id: str | None
    facts: LicenseFacts | None
    citation: Citation
    flags: tuple[str, ...]  # non-commercial / share-alike / restricted / proprietary / unknown
    reason: str


def _repo_url(evidence: Evidence, repo: LinkedRepo) -> str | None:
    if not evidence.url or not evidence.repo_id or evidence.repo_id not in evidence.url:
        return None
    host = evidence.url.rsplit(evidence.repo_id, 1)[0]
    kind = "datasets/" if repo.repo_type == "dataset" else ""
    return f"{host}{kind}{repo.repo_id}"


def _from_tags(tags: tuple[str, ...]) -> ExpressionReport | None:
    for tag in tags:
        if isinstance(tag, str) and tag.lower().startswith("license:"):
            facts = lookup(tag[len("license:") :])
            if facts and facts.id not in ("unknown", "other"):
                return check_expression(facts.id)
    return None


def _linked_license(repo: LinkedRepo) -> tuple[ExpressionReport | None, str]:
    """The linked repo's licence as an expression report, and how it was found."""
    declared = declared_license(repo.card_data, prefix=repo.repo_id)
    ids = declared.ids
    if ids and not set(ids) & {"unknown", "other"}:
        return declared.report, f"card license: {declared.raw}"
    if "other" in ids and declared.name_id:
        return check_expression(declared.name_id), f"license_name: {declared.license_name}"
    if "other" in ids and declared.link_id:
        return check_expression(declared.link_id), f"license_link: {declared.link}"
    tagged = _from_tags(repo.tags)
    if tagged is not None:
        return tagged, "Hub license tag"
    if repo.status != "ok" and not repo.card_data:
        # the source says why (local audit, cycle, hop limit); else a generic reason
        return None, repo.problem or _STATUS_REASON.get(repo.status, repo.status)
    if declared.problem:
        return None, declared.problem
    if "other" in ids:
        return None, f"license: other ({declared.license_name or 'no license_name'})"
    return None, NO_LICENCE_DECLARED if not ids else "license: unknown"


def _single_id(report: ExpressionReport | None) -> str | None:
    if report is None or report.facts is None:
        return None
    return report.license_ids[0] if len(report.license_ids) == 1 else report.normalized


CUSTOM = "custom licence"
# Why a base read from the Hub has no licence: its card and tags declare none
NO_LICENCE_DECLARED = "no licence declared"
_NO_NAME = frozenset({"other", "unknown", "none", "custom"})


def custom_facts(label: str) -> LicenseFacts:
    """The facts of a custom licence known only to be stated: it grants use on its own
    terms (in the restricted family, as the model's own custom licence is read) and is
    not open (not OSI-approved, no open-content licence); every term it sets is unknown."""
    return replace(
        unknown_facts(label, CUSTOM_TERMS),
        name=f"{label}: terms stated, matching no known licence",
        family="restricted",
        osi_approved=False,
        user_cap=None,
    )


def _custom_terms(repo: LinkedRepo, declared: Declared) -> tuple[str, str] | None:
    """(licence id, reason) when a base's `license: other` comes with a licence name,
    link or licence file that no rule identifies: terms are stated, a custom licence.
    None for a bare `other` (no terms shown) and for anything else."""
    if "other" not in declared.ids or len(declared.ids) != 1:
        return None
    name = declared.license_name
    named = name is not None and name.strip().lower() not in _NO_NAME
    files = [f.path for f in repo.files if is_license_file(f.path) and speaks_for_model(f.path)]
    given = [
        *([f"license_name: {name}"] if named else []),
        *([f"license_link: {declared.link}"] if declared.link else []),
        *([f"licence file {', '.join(files[:2])}"] if files else []),
    ]
    if not given:
        return None
    label = f"{name} ({CUSTOM})" if named else CUSTOM
    reason = (
        f"license: other with {'; '.join(given)}, which matches no known licence: a careful "
        "reader takes it as a custom licence, which grants use on its own terms and is not "
        "an open licence"
    )
    return label, reason


def base_licence(evidence: Evidence, repo: LinkedRepo) -> BaseLicense:
    """The licence of one base model as the source looked it up (its card metadata,
    tags and file listing), as the lineage reads every base."""
    report, reason = _linked_license(repo)
    license_id = _single_id(report)
    facts = report.facts if report and license_id else None
    inferred = custom = False
    if facts is None and (read := terms_in_metadata(repo.card_data)) is not None:
        # `license: other` whose name or gate text states the terms ("oldlm-noncommercial")
        license_id, facts, reason, inferred = read.license_id, read.facts, read.reason, True
    elif facts is None and repo.card_data:
        stated = _custom_terms(repo, declared_license(repo.card_data, prefix=repo.repo_id))
        if stated is not None:
            license_id, reason = stated
            facts, inferred, custom = custom_facts(license_id), True, True
    citation = Citation(f"base_model:{repo.repo_id}", license_id, _repo_url(evidence, repo))
    return BaseLicense(
        repo.repo_id,
        repo.relation,
        repo.depth,
        repo.status,
        license_id,
        facts,
        citation,
        reason,
        inferred,
        custom,
    )


def _restrictions(facts: LicenseFacts) -> tuple[str, ...]:
    """The statements that limit a derivative."""
    keep = (
        "Use restrictions: a",
        "Use restrictions: the",
        "User cap",
        "Output restrictions",
        "Naming or display",
    )
    out = [s for s in facts.statements() if s.startswith(keep)]
    if facts.commercial_use != "yes":
        out.insert(0, next(s for s in facts.statements() if s.startswith("Commercial use")))
    if facts.share_alike in ("yes", "restrictions-flow-down"):
        out.append("derivatives must carry the base licence's terms (share-alike)")
    return tuple(out)


def _chain(evidence: Evidence) -> tuple[tuple[LinkedRepo, ...], tuple[str, ...]]:
    """The base repos without repeats or self-references, and notes about them."""
    seen: set[str] = set()
    kept: list[LinkedRepo] = []
    notes: list[str] = []
    listed = listed_bases(evidence.base_models)  # a base listed twice: its lookup
    for repo in evidence.base_models:
        if evidence.repo_id and repo.repo_id == evidence.repo_id:
            notes.append(f"cycle: {repo.repo_id} names itself as a base model")
        elif repo.repo_id in seen:
            notes.append(f"cycle or repeat: {repo.repo_id} appears more than once in the chain")
        else:
            seen.add(repo.repo_id)
            kept.append(listed[repo.repo_id])
    return tuple(kept), tuple(notes)


def _flag(declared: LicenseFacts | None, base: BaseLicense) -> str | None:
    if declared is None or base.facts is None:
        return None
    looser = looser_terms(declared, base.facts)
    if not looser:
        return None
    return (
        f"declares {declared.id}, but its base {base.repo_id} is under {base.license_id} "
        f"({'; '.join(looser)})"
    )


def _base_notes(bases: tuple[BaseLicense, ...]) -> list[str]:
    notes = []
    for base in bases:
        if base.facts is None:
            notes.append(f"base {base.repo_id}: licence unknown ({base.reason})")
        elif base.status == "gated":
            notes.append(f"base {base.repo_id} is gated; its licence was read from Hub metadata")
        if base.relation == "merge":
            notes.append(f"{base.repo_id} is merged: the restrictions of every merged base apply")
    return notes


def lineage(evidence: Evidence, report: LicenseReport | None = None) -> LineageReport:
    """Base models' licences, inherited restrictions and licence-laundering flags.

    `report` is the model's own licence from `identify` (computed when omitted).
    """
    if report is None:
        report = identify_once(evidence)
    chain, notes = _chain(evidence)
    bases = tuple(base_licence(evidence, repo) for repo in chain)
    flags = tuple(f for f in (_flag(report.facts, b) for b in bases) if f)
    known = [b for b in bases if b.facts is not None]
    # each licence once: bases under the same terms (a chain from one lab) add nothing
    terms = list({b.facts.id: b.facts for b in known if b.facts}.values())
    inherited = combine_and(terms, "inherited") if terms else None
    restrictions = tuple(
        dict.fromkeys(
            f"{b.repo_id} ({b.license_id}): {line}"
            for b in known
            if b.facts
            for line in _restrictions(b.facts)
        )
    )
    all_notes = [*notes, *_base_notes(bases)]
    if bases and report.facts is None:
        all_notes.append("the model's own licence is unknown; its bases' restrictions still apply")
    return LineageReport(
        report.license_id, bases, flags, inherited, restrictions, tuple(dict.fromkeys(all_notes))
    )


def _dataset_flags(facts: LicenseFacts | None) -> tuple[str, ...]:
    if facts is None or facts.family == "unknown":
        return ("unknown",)
    flags = []
    if facts.family == "non-commercial" or facts.commercial_use == "no":
        flags.append("non-commercial")
    if facts.share_alike == "yes":
        flags.append("share-alike")
    if facts.family in ("restricted", "proprietary"):
        flags.append(facts.family)
    return tuple(flags)


def dataset_licenses(
    evidence: Evidence, repos: tuple[LinkedRepo, ...] | None = None
) -> tuple[DatasetLicense, ...]:
    """The licence facts of every training dataset the card names (or of `repos`, such
    as the datasets its base models declare), with flags."""
    out = []
    for repo in evidence.datasets if repos is None else repos:
        report, reason = _linked_license(repo)
        license_id = _single_id(report)
        facts = report.facts if report and license_id else None
        citation = Citation(f"dataset:{repo.repo_id}", license_id, _repo_url(evidence, repo))
        out.append(
            DatasetLicense(
                repo.repo_id,
                repo.status,
                license_id,
                facts,
                citation,
                _dataset_flags(facts),
                reason,
            )
        )
    return tuple(out)


__all__ = [
    "NO_LICENCE_DECLARED",
    "BaseLicense",
    "DatasetLicense",
    "LineageReport",
    "base_licence",
    "custom_facts",
    "dataset_licenses",
    "get",
    "lineage",
]
