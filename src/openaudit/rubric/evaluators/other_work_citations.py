"""Papers a card cites as another work's by what it says of them: a method's paper,
a citation block or Citation sub-heading naming another work, or the citations of a
card a training library or mergekit generates."""

from __future__ import annotations

import re
from typing import NamedTuple

from openaudit.card import Card, Link, Section, find_link
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.copies import MERGE_SECTIONS, merge_recipes, merge_tags
from openaudit.rubric.evaluators.evaluator_helpers import as_list, model_name_words, name_words
from openaudit.rubric.evaluators.reported_results import HEADING_LINE

# Titles of a citation section.
CITATION_TITLES = ("Citation", "Citations", "Cite", "BibTeX", "Reference", "How to cite", "引用")
# "DPO, a method introduced in [paper]": the paper of a method, a loss, an architecture.
METHOD_PAPER = re.compile(
    r"\b(?:method|technique|approach|algorithm|loss|objective|architecture|optimi[sz]er)\b"
    r"[^.\n]{0,60}\b(?:introduced|proposed|described|presented|defined)\s+in\b[^.\n]{0,200}$",
    re.IGNORECASE,
)
# "Cite DPO as:" before a BibTeX block: a citation of the named work.
CITE_AS = re.compile(r"^[ \t>*_]*cite\s+(\S[^\n]{0,40}?)\s+as\b", re.IGNORECASE | re.MULTILINE)


def named_as_other_work(ctx: ProbeContext, link: Link) -> bool:
    """The card names the paper as another work's: a method's paper, or a citation block
    ("Cite DPO as:", a "#### DPO" heading in the Citation section) of something other
    than this model, or a paper a training library's generated card cites."""
    body = own_card(ctx).body
    at = find_link(body, link.url)
    before = body[max(0, at - 300) : at] if at > 0 else ""
    if METHOD_PAPER.search(before):
        return True
    if any(start <= at < end for start, end in foreign_citations(ctx)):
        return True
    return _cited_by_training_library(ctx, link)


class LibraryCard(NamedTuple):
    """Where a card a training library generates cites the method and the library."""

    sections: tuple[str, ...]  # titles of the sections it writes citations in
    intro: bool = False  # and its introduction, under its "Model Card for <model_name>"


# Cards a training library writes for the models it trains, by the tag it gives them:
# they cite the paper of the method the model was trained with and the library, never a
# paper of the model's own.
LIBRARY_CARDS: dict[str, LibraryCard] = {
    # TRL's DPO, GRPO, ORPO, KTO or SFT runs: "Training procedure" links the method's
    # paper ("a method introduced in [...]"), "Citations" cite the method and TRL
    "trl": LibraryCard(("Training procedure", "Training", "Citations", "Citation")),
    # SetFit's trainer: "Model Sources" lists SetFit's repository, paper and blog post;
    # "Citation" ("BibTeX") cites SetFit's paper
    "generated_from_setfit_trainer": LibraryCard(("Model Sources", "Citation", "BibTeX")),
    # LeRobot's push_to_hub: the introduction under "Model Card for <policy type>" links
    # the paper of the policy's method ("[ACT](...) is an imitation-learning method")
    "lerobot": LibraryCard((), intro=True),
}
# mergekit's card, on a model its tag (`mergekit`, `lazymergekit`, `merge`) or its recipe
# (mergekit_config.yml) says is a merge: "Merge Details" / "Merge Method" links the paper
# of the merge method ("merged using the [TIES](...) merge method"), never the model's.
MERGEKIT_CARD = LibraryCard(MERGE_SECTIONS)


def _merge_card(ctx: ProbeContext) -> bool:
    """The model is a merge by its tags or mergekit's recipe file (the card mergekit
    writes for it has the template's sections)."""
    return bool(merge_tags(ctx.evidence) or merge_recipes(ctx))


def _cited_by_training_library(ctx: ProbeContext, link: Link) -> bool:
    """A paper linked only where a card a training library (its tag, LIBRARY_CARDS) or
    mergekit (MERGEKIT_CARD) generated cites the method and the library."""
    tags = {tag.lower() for tag in [*ctx.evidence.tags, *as_list(ctx.metadata.get("tags"))]
            if isinstance(tag, str)}  # fmt: skip
    generated = [LIBRARY_CARDS[tag] for tag in LIBRARY_CARDS if tag in tags]
    if _merge_card(ctx):
        generated.append(MERGEKIT_CARD)
    if not generated:
        return False
    card = own_card(ctx)
    titles = tuple(title for library in generated for title in library.sections)
    intro = _template_intro(ctx) if any(library.intro for library in generated) else None
    homes = card.homes_of(link.url)
    return bool(homes) and all(
        (intro is not None and home is intro)
        or any(card.title_matches(s, *titles) for s in card.section_path(home))
        for home in homes
    )


def _template_intro(ctx: ProbeContext) -> Section | None:
    """The card's title section when its title is a template's "Model Card for
    <model_name>", with `model_name` the card's field: the generated introduction."""
    name = ctx.metadata.get("model_name")
    title = own_card(ctx).title_section
    if not isinstance(name, str) or not name.strip() or title is None:
        return None
    expected = f"model card for {name}".split()
    return title if title.title.lower().split() == [w.lower() for w in expected] else None


OWN_WORK = {"us", "our", "this", "model", "work", "paper", "the"}
# Words of a citation heading that name no work ("### BibTeX", "#### Technical report").
CITATION_WORDS = {
    "bibtex", "citation", "citations", "cite", "citing", "how", "to", "reference", "references",
    "apa", "mla", "technical", "tech", "report", "preprint", "arxiv", "please", "if", "you",
    "use", "find", "useful", "helpful", "and", "of", "a", "for",
}  # fmt: skip


@once_per_model
def foreign_citations(ctx: ProbeContext) -> tuple[tuple[int, int], ...]:
    """Spans of the body that cite another work: under "Cite X as:" where X is not this
    model (up to the next such line or heading), and under a heading of the Citation
    section that names another work ("#### Sentence Transformers", up to the next
    heading as deep or shallower)."""
    body = own_card(ctx).body
    name = model_name_words(ctx)
    marks = list(CITE_AS.finditer(body))
    spans = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        heading = HEADING_LINE.search(body, mark.end(), end)
        cited = name_words(mark.group(1))  # "Cite DPO as" in m-dpo's card: the method
        if cited - name - OWN_WORK:
            spans.append((mark.start(), heading.start() if heading else end))
    return (*spans, *_foreign_citation_sections(own_card(ctx), name))


def _foreign_citation_sections(card: Card, name: set[str]) -> list[tuple[int, int]]:
    """Body spans of the sections inside a Citation section under a heading that names
    something other than the model (its words, version numbers aside, beyond the model's
    name and the words of citing)."""
    spans: list[tuple[int, int]] = []
    at = 0
    for section in card.sections:
        start = card.body.find(section.text, at) if section.text else -1
        if start < 0:
            continue
        at = start + len(section.text)
        path = card.section_path(section)
        inside = next(
            (i for i, s in enumerate(path) if card.title_matches(s, *CITATION_TITLES)), None
        )
        if not inside:  # not in a Citation section, or the Citation heading itself
            continue
        titles = [s.title for s in path[:inside]]
        if any(_names_other_work(title, name) for title in titles):
            spans.append((start, at))
    return spans


def _names_other_work(title: str, name: set[str]) -> bool:
    rest = name_words(title) - name - OWN_WORK - CITATION_WORDS
    return any(not word.isdigit() for word in rest)
