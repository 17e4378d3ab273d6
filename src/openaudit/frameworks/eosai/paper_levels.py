"""The EOSAI preprint and paper dimensions: the model's own report, archived as a
preprint, and published at a peer-reviewed venue."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from openaudit import textsearch
from openaudit.card import Link
from openaudit.frameworks.eosai.rated_levels import Rated, between, concluded, not_found
from openaudit.links import archived_paper, published_paper, short_link
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.documentation import paper_linked
from openaudit.rubric.evaluators.other_work_citations import foreign_citations
from openaudit.rubric.evaluators.paper_roles import model_papers, papers_by_role
from openaudit.rubric.evaluators.unlinked_papers import (
    cited_papers,
    report_files,
    unlinked_paper_tags,
)


def preprint_level(ctx: ProbeContext) -> Rated:
    """A preprint of the model's own covers its data, training and tuning (open, as far as
    a card shows); papers linked only as references to other work cover none (closed).
    A report of its own that is not archived (on a blog, a project site, a PDF in a code
    repository, or shipped in the model's own repository as `technical_report.pdf`)
    shares the content but is no archived preprint: partial."""
    outcome = paper_linked(ctx)
    if outcome.answer != "yes":
        return not_found(outcome)
    own = papers_by_role(ctx)[0] if model_papers(ctx) else []  # none: a tag, id or file
    if not own and not cited_papers(ctx) and not unlinked_paper_tags(ctx) and report_files(ctx):
        # the report is shown in the repository, not archived anywhere the card names
        why = (
            f"{outcome.reason}: the model's own report, shipped in the repository, not on a"
            " preprint server or with a DOI, so not archived: partial"
        )
        return concluded("partial", why, *outcome.citations)
    if not own or cited_papers(ctx) or any(archived_paper(link.url) for link in own):
        why = f"{outcome.reason}: the model's own paper, an archived preprint"
        return concluded("open", why, *outcome.citations)
    shortened = [link for link in own if short_link(link.url)]
    if shortened:
        # the report is shown, its archiving is not: what the card shows is partial
        why = (
            f"{outcome.reason}: the model's own report, on a short link ({shortened[0].url})"
            " that was not followed: a report is shown, not that it is archived (open if the"
            " link leads to a preprint server)"
        )
        return concluded("partial", why, *outcome.citations)
    hosts = ", ".join(dict.fromkeys(urlsplit(link.url).netloc or link.url for link in own[:3]))
    if tagged := unlinked_paper_tags(ctx):  # "arXiv:2501.12948" in its citation block
        why = (
            f"{outcome.reason}: the model's own report, on {hosts}, and archived as the card's"
            f" paper tag {tagged[0]} names it"
        )
        return concluded("open", why, *outcome.citations, ctx.api("tags", tagged[0]))
    why = (
        f"{outcome.reason}: the model's own report, but on {hosts}, not on a preprint server"
        " or with a DOI, so not archived: partial"
    )
    return concluded("partial", why, *outcome.citations)


def paper_level(ctx: ProbeContext) -> Rated:
    outcome = paper_linked(ctx)
    if outcome.answer == "no":
        why = f"{outcome.reason}: no paper to be peer-reviewed"
        return Rated("closed", "closed", why, outcome.citations, outcome.inferred)
    if outcome.answer == "unknown":
        return between("closed", "open", outcome.reason, *outcome.citations)
    own = papers_by_role(ctx)[0] if model_papers(ctx) else []
    published = next(filter(None, (published_paper(link.url) for link in own)), None)
    if published:
        why = f"{outcome.reason}; it is published at {published}, a peer-reviewed venue"
        return concluded("open", why, *outcome.citations)
    text = _own_citations(ctx) if ctx.readme_read else ""
    venue = textsearch.search(PEER_REVIEWED, text) if text else None
    if venue:
        why = f"{outcome.reason}; the card cites it as published ('{venue.group(0).strip()}')"
        return concluded("open", why, *outcome.citations, ctx.readme(venue.group(0).strip()))
    said = _venue_said(ctx, text, own) if text else None
    if said:
        why = f"{outcome.reason}; the card names its venue ('{said}'): peer-reviewed, inferred"
        return concluded("open", why, *outcome.citations, ctx.readme(said))
    why = f"{outcome.reason}; no venue is named for it, so only a preprint is shown"
    return concluded("closed", why, *outcome.citations)


def _own_citations(ctx: ProbeContext) -> str:
    """The card body without the citation blocks of other works ("Cite DPO as:")."""
    body, kept, at = own_card(ctx).body, [], 0
    for start, end in foreign_citations(ctx):
        kept.append(body[at:start])
        at = end
    return "".join([*kept, body[at:]])


# A peer-reviewed venue by its usual name ("EMNLP 2024", "NeurIPS", "Findings of ACL").
VENUE = (
    r"(?:ACL|EMNLP|NAACL|EACL|AACL|COLING|LREC|TACL|NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV"
    r"|WACV|AAAI|IJCAI|KDD|SIGIR|TMLR|JMLR|Interspeech|INTERSPEECH|ICASSP|MICCAI|CoRL|ICRA"
    r"|IROS|COLM|UAI|AISTATS|MLSys)"
)
# The card saying its own paper was accepted or published there, the paper the subject
# of a passive verb ("our paper was accepted at ICLR 2025", "this work is published in
# TMLR"; not "our paper builds on DPO, published at NeurIPS", "will be accepted"); a
# venue and year in parentheses right after the paper's link ("[paper](...) (EMNLP 2024
# Findings)"); a badge of the venue and year ("img.shields.io/badge/ICLR-2025-blue").
VENUE_SAID = re.compile(
    r"\b(?:our|this)\s+(?:paper|work|report|article)\b(?:\s*\((?:[^()\n]|\([^()\n]{0,300}\)){0,300}\))?"
    r"\s+(?:was|is|has\s+been|got|gets)\s+(?:accepted|published)\s+(?:at|in|to|by)\s+"
    r"(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}?(?:Findings\s+of\s+(?:the\s+)?)?" + VENUE + r"\b",
    re.IGNORECASE,
)
VENUE_YEAR = re.compile(
    r"\b" + VENUE + r"(?:\s+(?:Findings|Main|Workshop))?['\u2019\s-]*(?:19|20)?\d\d\b"
)
VENUE_BADGE = re.compile(r"img\.shields\.io/badge/" + VENUE + r"[-_ ]+(?:20)?\d\d\b[^)\s\"]*")
# ... not a submission under review, a rejection, a hope or a non-archival workshop
NOT_ACCEPTED = re.compile(
    r"\b(?:submitted|submission|under\s+review|rejected|not|never|hope[sd]?|will|plan\w*"
    r"|expect\w*|non-?archival|preprint)\b",
    re.I,
)
MAX_AFTER_LINK = 60  # characters after a paper link where its venue in parentheses is read


def _venue_said(ctx: ProbeContext, text: str, own: list[Link]) -> str | None:
    """Where the card names a peer-reviewed venue for its own paper (inferred): the
    words, else None. Citation blocks of other works are left out (`text`)."""
    if not VENUE_ANY.search(text):
        return None  # most cards name no venue
    sentences = own_card(ctx).sentences(text)  # the body's own, when no block was left out
    for match in VENUE_SAID.finditer(text):
        start, end = sentences.span_around(match.start(), match.end())
        if not NOT_ACCEPTED.search(text, start, end):
            return match.group(0)
    for link in own:
        at = text.find(link.url)
        while at != -1:
            after = text[at + len(link.url) : at + len(link.url) + MAX_AFTER_LINK]
            found = re.match(r"\)?\s*\(([^()\n]{2,50})\)", after)
            if found and VENUE_YEAR.search(found[1]) and not NOT_ACCEPTED.search(found[1]):
                return found[1]
            at = text.find(link.url, at + 1)
    for badge in VENUE_BADGE.finditer(text):
        if not NOT_ACCEPTED.search(unquote(badge.group(0)).replace("_", " ")):
            return badge.group(0)
    return None


VENUE_ANY = re.compile(r"\b" + VENUE + r"\b")


# A citation of the model's paper as peer-reviewed: a BibTeX proceedings or journal entry,
# or "Proceedings of ...". arXiv journals ("arXiv preprint", "CoRR") are preprints.
PEER_REVIEWED = re.compile(
    r"@inproceedings\b|\bbooktitle\s*=|\bProceedings of the\b"
    r"|\bjournal\s*=\s*[{\"](?!\s*(?:arxiv|corr|preprint))",
    re.IGNORECASE,
)
