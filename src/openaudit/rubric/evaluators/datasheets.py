"""Datasheets: a datasheet (Gebru et al.) or the EU AI Act's public summary of the
training content, in the repo, linked from the card or written into it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote, urlsplit

from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.evaluator_helpers import link_cites
from openaudit.rubric.evaluators.file_globs import file_paths, glob_matcher, paths_matching
from openaudit.rubric.evaluators.withheld_links import not_published

if TYPE_CHECKING:
    from openaudit.card import Link
    from openaudit.evidence import Citation

# A datasheet (Gebru et al.) or the EU AI Act's public summary of the training content,
# named by a link's text or address; the paper that proposed datasheets is not one.
DATASHEET = re.compile(
    r"\bdata[ _-]?sheets?\b|\b(?:public\s+)?summary\s+of\s+(?:the\s+)?training\s+"
    r"(?:data|content)\b|\btraining[ _-]data[ _-]summary\b",
    re.IGNORECASE,
)
AI_ACT_SUMMARY = re.compile(
    r"\bsummary\b[^.\n]{0,80}\bAI\s+Act\b|\bAI\s+Act\b[^.\n]{0,80}\bsummary\b", re.IGNORECASE
)
NOT_A_DATASHEET = re.compile(r"\bdatasheets\s+for\s+datasets\b|1803\.09010", re.IGNORECASE)
# The Commission's template is the "Public Summary of Training Content": shipped in the
# repo or linked as a file named after it ("Apertus_EU_Public_Summary.pdf").
DATASHEET_FILES = [
    "*datasheet*", "*data_sheet*", "*data-sheet*", "*training*data*summary*",
    "*public*summary*", "*training*content*",
]  # fmt: skip
# A heading naming the AI Act: a summary file linked under it is the training-data summary
# (the Code of Practice or a model documentation form beside it is not).
AI_ACT_HEADING = re.compile(r"\bAI\s+Act\b", re.IGNORECASE)
SUMMARY_WORD = re.compile(r"(?<![^\W_])summary(?![^\W_])", re.IGNORECASE)


# A datasheet written into the card: a section titled as one, or the questions of Gebru
# et al.'s datasheet as its sections' titles (three of them at least).
DATASHEET_SECTIONS = ["Datasheet", "Data Sheet", "Datasheets", "Datasheet for Datasets"]
DATASHEET_QUESTIONS = [
    "Motivation", "Composition", "Collection Process", "Data Collection Process",
    "Preprocessing/cleaning/labeling", "Maintenance",
]  # fmt: skip
MIN_DATASHEET_QUESTIONS = 3
MIN_DATASHEET_WORDS = 40


def _datasheet_in_card(ctx: ProbeContext) -> tuple[str, tuple[Citation, ...]] | None:
    """A datasheet written into the card: a section titled as one (40 words or more with
    its sub-sections), or sections answering three of the datasheet's questions."""
    card = own_card(ctx)
    for section in card.find_sections(*DATASHEET_SECTIONS):
        if card.section_words(section) >= MIN_DATASHEET_WORDS:
            return f"the card's '{section.title}' section", (ctx.section(section),)
    answered = card.find_sections(*DATASHEET_QUESTIONS)
    titles = list(dict.fromkeys(section.title for section in answered))
    if len(titles) >= MIN_DATASHEET_QUESTIONS:
        shown = ", ".join(f"'{title}'" for title in titles[:5])
        why = f"the card answers a datasheet's questions in sections {shown}"
        return why, tuple(map(ctx.section, answered[:5]))
    return None


def _files_named(ctx: ProbeContext, globs: list[str]) -> list[str]:
    """The repo's paths whose path or file name matches one of `globs` (lowercased)."""
    return list(paths_matching(tuple(globs), file_paths(ctx)))


@dataclass(frozen=True)
class Datasheet:
    """A datasheet found, where (in the repo's files, written into the card, or linked
    off the repo), and why it is taken as one."""

    where: Literal["repo", "card", "linked"]
    reason: str
    citations: tuple[Citation, ...]


@once_per_model
def datasheet(ctx: ProbeContext) -> Datasheet | None:
    """A datasheet or AI Act training-data summary in the repo, linked from the card (not
    one the card says is still to come) or written into it."""
    if files := _files_named(ctx, DATASHEET_FILES):
        why = f"a datasheet or AI Act training-content summary in the repo: {', '.join(files[:3])}"
        return Datasheet("repo", why, tuple(map(ctx.file, files[:3])))
    if not ctx.readme_read:
        return None
    if (written := _datasheet_in_card(ctx)) is not None:
        return Datasheet("card", *written)
    if (listed := _listed_summary(ctx)) is not None:
        return Datasheet("repo", *listed)
    found = []
    for link in own_card(ctx).links:
        named = f"{link.text} {link.url}"
        if NOT_A_DATASHEET.search(named) or not_published(ctx, link):
            continue
        if DATASHEET.search(named) or _summary_file(link.url) or _ai_act_summary(ctx, link):
            found.append(link)
    if not found:
        return None
    shown = ", ".join(dict.fromkeys(link.text or link.url for link in found[:3]))
    why = f"the card links a datasheet or AI Act training-data summary ({shown})"
    return Datasheet("linked", why, link_cites(found, 3))


def _listed_summary(ctx: ProbeContext) -> tuple[str, tuple[Citation, ...]] | None:
    """A repo file whose name says summary, named in a section under a heading naming the
    AI Act ("## EU AI Act" above "see `summary_2025.pdf` in this repository")."""
    files = _files_named(ctx, ["*summary*"])
    if not files:
        return None
    card = own_card(ctx)
    for section in card.sections:
        if not any(AI_ACT_HEADING.search(s.title) for s in card.section_path(section)):
            continue
        named = [path for path in files if path.rsplit("/", 1)[-1] in section.text]
        if named:
            why = (f"'{section.title}' (on the EU AI Act) names the summary in the repo: "
                   f"{', '.join(named[:3])}")  # fmt: skip
            return why, (ctx.section(section), *map(ctx.file, named[:3]))
    return None


def _file_name(url: str) -> str:
    """The URL-decoded last part of an address's path ("Public%20Summary.pdf" -> ...)."""
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])


def _summary_file(url: str) -> bool:
    """The link's file is named as a datasheet or training-content summary is
    (`DATASHEET_FILES`: "Apertus_EU_Public_Summary.pdf", "training_content.md")."""
    name = _file_name(url).lower()
    return "." in name and glob_matcher(tuple(DATASHEET_FILES))(name) is not None


def _ai_act_summary(ctx: ProbeContext, link: Link) -> bool:
    """The link's line speaks of an AI Act summary, and it is that line's only link (or
    its text says summary): "The EU AI Act summary of our training data is [here](URL)";
    or the link is under a heading naming the AI Act and its text or file name says
    summary ("#### EU AI Act Transparency Documentation" above "[Summary](x.pdf)")."""
    lines = " ".join(own_card(ctx).lines_with(link.url))
    if AI_ACT_SUMMARY.search(lines):
        alone = sum(other.url in lines for other in own_card(ctx).links) == 1
        if alone or "summary" in link.text.lower():
            return True
    if not SUMMARY_WORD.search(f"{link.text} {_file_name(link.url)}"):
        return False
    card = own_card(ctx)
    homes = card.homes_of(link.url)
    return any(AI_ACT_HEADING.search(s.title) for h in homes for s in card.section_path(h))
