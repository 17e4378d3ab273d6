"""Hub datasets a card links as its training data without declaring them in `datasets:`.

Fully open releases often publish their data as Hub datasets and link them in the
card's body ("[K2Datasets](https://huggingface.co/datasets/LLM360/K2Datasets)" under
'Datasets and Mix') rather than in the metadata. A careful reader takes such a link as
the training data when it stands in a section titled as training data, in a training
section's sentence not about evaluation, in a sentence saying the model was trained on
it or a table row labelled as training data, or in the section describing the model
(its summary, or the card's title heading); never in an evaluation section. Every
section holding the link counts: a dataset linked first in the title and again under
'Datasets' is training data.

Pure text reading, shared by the Hub source (which looks these datasets up like
declared ones) and the rubric (which judges them, as an inference), so the two never
disagree on which datasets the card links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from openaudit.card import Card, Link, Section, find_link
from openaudit.training_sections import (
    DATA_SECTION_NAMES,
    TRAINING_SECTION_NAMES,
    data_row,
    evaluated_on,
    section_about,
    trained_on_at,
    under_evaluation,
)

# How the card gives a linked dataset as training data: in a section titled as training
# data, in a training section's sentence, in a sentence or table row saying it was
# trained on, or where it describes the model.
GivenAs = Literal["data section", "training section", "trained on", "description"]

# Sections describing the model as a whole (and the card's title heading, whose text is
# its introduction): a Hub dataset linked there is what it was made from, as a reader
# takes "SmolLM2 ... [FineWeb-Edu](...), [DCLM](...)" in a model summary.
DESCRIPTION_SECTIONS = (
    "Model Summary", "Summary", "Model Description", "Description", "Model Details",
    "Overview", "Model Overview", "Introduction", "About",
)  # fmt: skip


@dataclass(frozen=True)
class DataLink:
    """A Hub dataset the card links as its training data, and where."""

    name: str  # the dataset id, org/name
    link: Link
    given_as: GivenAs
    sections: tuple[Section, ...]  # the sections that give it so (none: a sentence)

    @property
    def declared(self) -> bool:
        """Whether the card gives it as training data outright (not only by linking it
        where it describes the model)."""
        return self.given_as != "description"

    def where(self) -> str:
        """Where the card links it, for a reason: "under 'Datasets and Mix'"."""
        if self.given_as == "trained on":
            return "in a sentence saying the model was trained on it"
        titles = ", ".join(f"'{section.title or '(title)'}'" for section in self.sections)
        return f"under {titles}"


def training_data_links(
    card: Card,
    data: tuple[str, ...] = tuple(DATA_SECTION_NAMES),
    training: tuple[str, ...] = tuple(TRAINING_SECTION_NAMES),
) -> tuple[DataLink, ...]:
    """The Hub datasets the card links as its training data, once each, in card order
    (read once per card and section names)."""
    if not card.links:  # (every card without text: nothing to read or keep)
        return ()
    key = ("training_data_links", data, training)
    return card.derived(key, lambda: tuple(_read(card, list(data), list(training))))


def linked_training_ids(card: Card | None, declared: list[str]) -> list[str]:
    """The ids of the Hub datasets the card links as training data, once each, with the
    default section names the shipped rubrics use, when it declares none (`declared`:
    its `datasets:` ids; the rubric then judges the declared ones): what the Hub source
    looks up, and what a scan says a dump lacks."""
    if card is None or declared:
        return []
    return [item.name for item in training_data_links(card)]


def _read(card: Card, data: list[str], training: list[str]) -> list[DataLink]:
    found: dict[str, DataLink] = {}
    for link in card.links_of("hf_dataset"):
        name = link.target
        if not name or "/" not in name or name.lower() in found:
            continue
        given = _given(card, link, data, training)
        if given is not None:
            found[name.lower()] = DataLink(name, link, *given)
    return list(found.values())


def _given(
    card: Card, link: Link, data: list[str], training: list[str]
) -> tuple[GivenAs, tuple[Section, ...]] | None:
    """How and where the card gives the link as training data, or None."""
    homes = card.homes_of(link.url)
    in_data = [home for home in homes if section_about(card, home, data, training) == "data"]
    if in_data:
        return "data section", tuple(in_data)
    in_training = [
        home
        for home in homes
        if section_about(card, home, data, training) == "training"
        and not evaluated_on(card.sentences(home.text), find_link(home.text, link.url))
    ]
    if in_training:
        return "training section", tuple(in_training)
    paths = [card.section_path(home) for home in homes]
    if any(under_evaluation(card, path, training) for path in paths):
        return None
    if _said_trained_on(card, link):
        return "trained on", ()
    if any(evaluated_on(card.sentences(h.text), find_link(h.text, link.url)) for h in homes):
        return None
    describing = tuple(
        home
        for home, path in zip(homes, paths, strict=True)
        if _introduction(card, home)
        or any(card.title_matches(s, *DESCRIPTION_SECTIONS) for s in path)
    )
    return ("description", describing) if describing else None


def _introduction(card: Card, section: Section) -> bool:
    """Whether the section is the card's introduction: its title heading, or, on a card
    with several level-1 headings, the first of them when it opens the card."""
    if section is card.title_section:
        return True
    return bool(card.sections) and section is card.sections[0] and section.level == 1


def _said_trained_on(card: Card, link: Link) -> bool:
    """Whether the link stands in a sentence saying the model was trained on it ("a
    fine-tuned version of X that was trained on [D](...)"), or in a table row labelled
    as training data (the caller has excluded evaluation sections)."""
    if any(data_row(line) for line in card.lines_with(link.url)):
        return True
    sentences = card.sentences()
    body, at = sentences.text, find_link(sentences.text, link.url)
    while at != -1:
        if trained_on_at(sentences, body.rfind("[", 0, at) if body[at - 2 : at] == "](" else at):
            return True
        at = find_link(body, link.url, at + 1)
    return False
