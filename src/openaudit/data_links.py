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

A Hub id written as text is read the same way when the card gives it so: in a code span
or beside the word "dataset" in a section titled as training data ("2T tokens of
`openlab/corpus`"), or right after "on" in a sentence saying the model was trained on
it ("a fine-tuned version of X on the openslr/librispeech_asr dataset"). The Hub
source looks these up too; a reason says they are named by their id, not linked.

Pure text reading, shared by the Hub source (which looks these datasets up like
declared ones) and the rubric (which judges them, as an inference), so the two never
disagree on which datasets the card links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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


# A Hub dataset id, `org/name`, not inside a URL or a path.
DATASET_ID = re.compile(r"(?<![\w./:-])([A-Za-z0-9][\w.-]+/[\w.-]*\w)(?![\w/])")
DATASET_WORD = re.compile(r"\bdatasets?\b", re.IGNORECASE)  # beside an id: a dataset's
NOT_IDS = frozenset({"and/or", "n/a", "w/o", "i/o"})
# Right before an id, what a trained-on sentence's dataset follows: "on the", "on `".
_ON_BEFORE = re.compile(r"\bon[ \t]+(?:the[ \t]+)?`?$", re.IGNORECASE)
_DATASET_AFTER = re.compile(r"`?[ \t]+datasets?\b", re.IGNORECASE)
# Right before an id, words that make it a model ("we fine-tuned `org/base-7b`", "a
# version of", "based on", "distilled from"): not data, not to be looked up as a dataset.
_MODEL_BEFORE = re.compile(
    r"\b(?:(?:(?:pre-?)?train(?:ed|s)?|fine-?tun(?:ed|es?)|tuned|distill(?:ed|s)?"
    r"|initiali[sz]ed)(?:[ \t]+from)?|version[ \t]+of|based[ \t]+on|built[ \t]+on"
    r"|checkpoint[ \t]+of|merge[ \t]+of|quanti[sz]ation[ \t]+of|base[ \t]+model:?)"
    r"[ \t]+(?:the[ \t]+)?`?$",
    re.IGNORECASE,
)


def written_dataset_ids(text: str) -> Iterator[tuple[str, int]]:
    """`org/name` ids in the text written as code or called a dataset ("the org/name
    dataset"), and where."""
    for match in DATASET_ID.finditer(text):
        name, start, end = match.group(1), match.start(), match.end()
        if name.lower() in NOT_IDS:
            continue
        quoted = text[start - 1 : start] == "`" and text[end : end + 1] == "`"
        near = text[max(0, start - 20) : start] + text[end : end + 20]
        if quoted or DATASET_WORD.search(near):
            yield name, start


@dataclass(frozen=True)
class DataLink:
    """A Hub dataset the card links as its training data (or names by its id), and where."""

    name: str  # the dataset id, org/name
    link: Link  # for an id written as text: its Hub page, as the reader would open it
    given_as: GivenAs
    sections: tuple[Section, ...]  # the sections that give it so (none: a sentence)
    written: bool = False  # named by its id in the text, not linked

    @property
    def declared(self) -> bool:
        """Whether the card gives it as training data outright (not only by linking it
        where it describes the model)."""
        return self.given_as != "description"

    def where(self) -> str:
        """Where the card links it, for a reason: "under 'Datasets and Mix'"."""
        how = "(named by its id, not linked) " if self.written else ""
        if self.given_as == "trained on":
            return f"{how}in a sentence saying the model was trained on it"
        if not self.sections:  # (a description with no section: the card's opening text)
            return f"{how}in the card's opening text, before any heading"
        titles = ", ".join(f"'{section.title or '(title)'}'" for section in self.sections)
        return f"{how}under {titles}"


def training_data_links(
    card: Card,
    data: tuple[str, ...] = tuple(DATA_SECTION_NAMES),
    training: tuple[str, ...] = tuple(TRAINING_SECTION_NAMES),
) -> tuple[DataLink, ...]:
    """The Hub datasets the card links as its training data, once each, in card order
    (read once per card and section names)."""
    if not card.links and "/" not in card.body:  # (no link and no id: nothing to read)
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
    for name, given_as, sections in _written(card, data, training):
        if name.lower() not in found:
            page = Link(f"https://huggingface.co/datasets/{name}", name, "hf_dataset", name)
            found[name.lower()] = DataLink(name, page, given_as, sections, written=True)
    return list(found.values())


def _written(
    card: Card, data: list[str], training: list[str]
) -> Iterator[tuple[str, GivenAs, tuple[Section, ...]]]:
    """Hub dataset ids written as text that the card gives as its training data: as code
    or beside "dataset" in a section about training data, or after "on" in a sentence
    saying the model was trained on them; never in an evaluation section or sentence,
    nor where the words before it make it a model (its base, declared or not)."""
    declared = card.metadata.get("base_model") if isinstance(card.metadata, dict) else None
    items = declared if isinstance(declared, list) else [declared]
    bases = {item.strip().lower() for item in items if isinstance(item, str)}
    for section in card.sections:
        text = section.text
        if "/" not in text or under_evaluation(card, card.section_path(section), training):
            continue
        sentences = card.sentences(text)
        in_data = section_about(card, section, data, training) == "data"
        for name, at in written_dataset_ids(text):
            if name.lower() in bases or evaluated_on(sentences, at):
                continue
            if _MODEL_BEFORE.search(text, max(0, at - 40), at):
                continue
            if in_data:
                yield name, "data section", (section,)
            elif (
                _ON_BEFORE.search(text, max(0, at - 12), at)
                and (text[at - 1] == "`" or _DATASET_AFTER.match(text, at + len(name)))
                and trained_on_at(sentences, at)
            ):
                yield name, "trained on", ()


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
    if describing:
        return "description", describing
    if not homes and _in_preamble(card, link):  # the opening text of a card without a title
        return "description", ()
    return None


def _preamble(card: Card) -> str:
    """The card's opening text, before its first heading, when it has no title heading
    (a card opening on `# Model-7B` has its introduction under it): the introduction of
    a card whose first heading is a topic's ("## Usage") or that has none."""
    if card.title_section is not None or (card.sections and card.sections[0].level == 1):
        return ""
    return card.opening()


def _in_preamble(card: Card, link: Link) -> bool:
    """Whether the link stands in the card's opening text (`_preamble`), not in a
    sentence saying what the model was evaluated on."""
    text = _preamble(card)
    at = find_link(text, link.url) if text else -1
    return at != -1 and not evaluated_on(card.sentences(text), at)


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
