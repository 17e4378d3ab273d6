"""The model's papers given other than by a link: cited by an arXiv id alone, tagged
(`arxiv:`, `doi:`), or shipped in the repository as a report."""

from __future__ import annotations

import re

from openaudit import textsearch
from openaudit.card import TEMPLATE_PAPER_IDS, Link, find_link
from openaudit.links import pdf_named_no_paper, record_doi
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import foreign_sections, own_card
from openaudit.rubric.evaluators.generic import matching_files, matching_tags
from openaudit.rubric.evaluators.paper_roles import other_work

# An arXiv id the card gives as text, not as a link: a BibTeX `eprint` of an arXiv entry,
# "arXiv preprint arXiv:2401.00001" in a `journal` or `note`, or "(arXiv:2401.00001)" in prose.
ARXIV_ID = r"(\d{4}\.\d{4,5}(?:v\d+)?)(?![\d.])"
ARXIV_TEXT = re.compile(rf"\barxiv\s*:\s*{ARXIV_ID}", re.IGNORECASE)
BIBTEX_ENTRY = re.compile(r"@\w+\s*\{[^@]{0,3000}", re.IGNORECASE)
BIBTEX_EPRINT = re.compile(rf"\beprint\s*=\s*[{{\"]\s*(?:arxiv:\s*)?{ARXIV_ID}", re.IGNORECASE)
BIBTEX_ARXIV = re.compile(r"\barchiveprefix\s*=\s*[{\"]\s*arxiv\b", re.IGNORECASE)
MAX_CITED_IDS = 20


@once_per_model
def cited_papers(ctx: ProbeContext) -> tuple[Link, ...]:
    """The arXiv papers the card names only by their id, in its citation blocks or its
    prose (no link to them and no tag), where nothing names them another work's: paper
    links whose `url` is the id as the card writes it (`find_link` finds it outside any
    URL, so where it stands is judged as a linked paper's place is) and whose target is
    the id."""
    if not ctx.readme_read:
        return ()
    body = own_card(ctx).body
    found = [m.group(1) for m in textsearch.finditer(ARXIV_TEXT, body)]
    entries = textsearch.finditer(BIBTEX_ENTRY, body) if "@" in body else iter(())
    for entry in entries if textsearch.may_match(BIBTEX_ARXIV, body) else ():
        eprint = BIBTEX_EPRINT.search(entry.group(0))
        if eprint and BIBTEX_ARXIV.search(entry.group(0)):
            found.append(eprint.group(1))
    known = {(link.target or "").lower() for link in ctx.card.links_of("paper")}
    known |= {tag.split(":", 1)[1].lower() for tag in matching_tags(ctx, ["arxiv:*"])}
    cited = []
    for written in list(dict.fromkeys(found))[:MAX_CITED_IDS]:
        paper = re.sub(r"v\d+$", "", written)
        if paper.lower() in known or paper in TEMPLATE_PAPER_IDS or find_link(body, written) < 0:
            continue
        link = Link(written, "", "paper", paper)
        if not other_work(ctx, link):
            cited.append(link)
    return tuple(dict((link.target, link) for link in cited).values())


# The model's own report or paper shipped in its repository: a PDF whose file name says
# report or paper (a whitepaper too), or a technical report in Markdown. The same test for
# every rubric (the default paper probe, MOF's technical report and research paper,
# EOSAI's preprint).
REPORT_FILES = ["*report*.pdf", "*paper*.pdf", "*technical*report*.md"]


def report_files(ctx: ProbeContext) -> list[str]:
    """The repository's report or paper files (REPORT_FILES), but PDFs whose name says
    they are no paper: a licence, a use policy, a datasheet, a model card
    (`links.pdf_named_no_paper`: the test a linked PDF's file name gets)."""
    return [
        path
        for path in matching_files(ctx, REPORT_FILES)
        if not (path.lower().endswith(".pdf") and pdf_named_no_paper(path))
    ]


def paper_tags(ctx: ProbeContext) -> list[str]:
    """The model's `arxiv:` and `doi:` tags, but the template's CO2 paper (every card
    generated from the template cites it) and DOIs of software or data records."""
    return [
        t
        for t in matching_tags(ctx, ["arxiv:*", "doi:*"])
        if t.split(":", 1)[1] not in TEMPLATE_PAPER_IDS and not record_doi(t.split(":", 1)[1])
    ]


def unlinked_paper_tags(ctx: ProbeContext) -> list[str]:
    """Paper tags of papers the card's body does not link. The Hub tags every arXiv id a
    README names: a tag whose paper the body links was judged by where the link stands;
    one it does not link (an id named in a citation block) stands for itself, unless
    another model's card appended to this one names it (that card's papers are not this
    model's)."""
    linked = {(link.target or "").lower() for link in ctx.card.links_of("paper")}
    foreign = " ".join(section.text for section in foreign_sections(ctx)).lower()
    return [
        t
        for t in paper_tags(ctx)
        if (paper := t.split(":", 1)[1].lower()) not in linked and paper not in foreign
    ]
