"""A card's opening text, before its first heading, is its introduction when it has no
title heading: a Hub dataset it links is taken as the model's training data, as one
linked in a title heading's text is (a description, inferred). Cards invented here."""

from __future__ import annotations

import pytest

from openaudit.card import parse_card
from openaudit.data_links import training_data_links

LINK = "[org/chat-pairs](https://huggingface.co/datasets/org/chat-pairs)"
CARDS = [
    # no heading at all: the whole body is the introduction
    ("opening text only", f"A chat model, with {LINK}.\n", True),
    # opening text above topic sections ("## Usage"): it introduces the model
    ("opening text, then sections",
     f"A chat model, with {LINK}.\n\n## Usage\n\nRun it.\n\n## Limitations\n\nMind it.\n",
     True),
    # the control: the same link under a title heading
    ("title heading", f"# Chat-7B\n\nA chat model, with {LINK}.\n", True),
    # negative twins: opening text above a title heading (badges, notices) is not the
    # introduction; a link in an evaluation sentence of the opening text is not data
    ("opening text above a title",
     f"Mirror of {LINK}.\n\n# Chat-7B\n\nA chat model.\n\n## Usage\n\nRun it.\n", False),
    ("evaluated on, in the opening text",
     f"A chat model. It was evaluated on {LINK}, scoring 71.\n\n## Usage\n\nRun it.\n", False),
]  # fmt: skip


@pytest.mark.parametrize(("body", "taken"), [pytest.param(*c[1:], id=c[0]) for c in CARDS])
def test_the_opening_text_of_a_card_without_a_title_introduces_it(body: str, taken: bool) -> None:
    card = parse_card(f"---\nlicense: apache-2.0\n---\n{body}")
    found = training_data_links(card)
    assert [item.name for item in found] == (["org/chat-pairs"] if taken else [])
    if found:
        assert found[0].given_as == "description"
        assert found[0].where() != "under "


def test_the_reason_says_the_link_is_in_the_opening_text() -> None:
    card = parse_card(f"---\nlicense: apache-2.0\n---\nA chat model, with {LINK}.\n")
    [item] = training_data_links(card)
    assert item.where() == "in the card's opening text, before any heading"
