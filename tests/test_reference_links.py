"""Reference-style links belong where they are used, not where they are defined.

`[corpus][ds]` in 'Training Data' and `[ds]: https://...` at the card's end is a link in
'Training Data': the readers that place a link by its section or sentence (training
data, own paper or other work) see it there, and the definition line is no mention.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.card import parse_card
from openaudit.evidence import Evidence
from openaudit.reference_links import inline_references
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer

DS = "https://huggingface.co/datasets/org/k2data"
PAPER = "https://arxiv.org/abs/2405.00141"
LIMITS = "## Limitations\nIt can be wrong; check its answers before relying on them.\n\n"
END = f'[ds]: {DS}\n[report]: <{PAPER}> "Our report"\n'

# (case, card, URL, sections holding it, link text)
HOMES: list[tuple[str, str, str, list[str], str]] = [
    ("full form, defined at the end", f"# m\n## Training Data\nTrained on [K2][ds].\n{LIMITS}{END}",
     DS, ["Training Data"], "K2"),
    ("collapsed form, label in another case",
     f"# m\n## Training Data\nTrained on [DS][].\n{LIMITS}{END}", DS, ["Training Data"], "DS"),
    ("shortcut form", f"# m\n## Training Data\nTrained on [ds].\n{LIMITS}{END}", DS,
     ["Training Data"], "ds"),
    ("used in two sections",
     f"# m\n## Data\nThe [K2][ds] mix.\n## Training\nOn [ds].\n{LIMITS}{END}", DS,
     ["Data", "Training"], "K2"),
    ("a title in the definition, in <>", f"# m\nRead our [report].\n{LIMITS}{END}", PAPER, ["m"],
     "report"),
    # negative twins: not resolved, the definition stays the link's place
    ("defined, never used", f"# m\n## Training Data\nTrained on K2.\n{LIMITS}{END}", DS,
     ["Limitations"], "ds"),
    ("a use inside fenced code",
     f"# m\n## Training Data\n```\nx = [K2][ds]\n```\n{LIMITS}{END}", DS, ["Limitations"],
     "ds"),
    ("used in the text, defined in a reference list: left there",
     f"# m\n## Training Data\nTrained on [K2][ds].\n## References\n[ds]: {DS}\n", DS,
     ["References"], "ds"),
    ("an inline link beside a definition of the same label",
     f"# m\n## Training Data\nTrained on [ds](https://example.com/other).\n{LIMITS}{END}", DS,
     ["Limitations"], "ds"),
]  # fmt: skip


@pytest.mark.parametrize(("card", "url", "homes", "text"), [r[1:] for r in HOMES],
                         ids=[r[0] for r in HOMES])  # fmt: skip
def test_a_reference_link_is_at_its_use(card: str, url: str, homes: list[str], text: str) -> None:
    parsed = parse_card(card)
    assert [section.title for section in parsed.homes_of(url)] == homes
    [link] = [link for link in parsed.links if link.url == url]
    assert link.text == text
    assert parsed.body.count("\n") == card.split("---\n")[-1].count("\n")  # lines kept


def test_a_footnote_is_no_link_definition() -> None:
    card = "# m\nTrained on K2[^1].\n\n[^1]: See the corpus page.\n"
    assert inline_references(card) == card


def ev(readme: str) -> Evidence:
    return Evidence(ref="org/m", repo_id="org/m", source="hub", readme=readme)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.reason


TAIL = f"{LIMITS}## License\nApache-2.0.\n\n{END}"
JUDGED: list[tuple[str, str, str, Answer, str]] = [
    ("a data link used in Training Data, defined under License", "datasets_declared",
     f"# m\n## Training Data\nPretrained on 2T tokens of [K2][ds].\n{TAIL}", "yes",
     "org/k2data under 'Training Data'"),
    ("own report used in the intro, defined under Limitations", "paper_linked",
     f"# m\nA chat model. Read our [technical report][report].\n{LIMITS}{END}", "yes",
     "paper linked: 2405.00141"),
    # negative twins
    ("a data link used only under Evaluation", "datasets_declared",
     f"# m\n## Evaluation\nScores on [K2][ds].\n{TAIL}", "no", "names no datasets"),
    ("a numbered reference under References", "paper_linked",
     f"# m\nA chat model. Our approach follows [1].\n{LIMITS}## References\n[1]: {PAPER}\n",
     "no", "papers linked only as references to other work"),
    ("a corpus's paper used after the corpus", "paper_linked",
     f"# m\n## Training Data\nPre-trained on [org/webmix](https://huggingface.co/datasets/org/"
     f"webmix), the corpus described in [Gao et al.][report].\n{TAIL}", "no",
     "papers linked only as references to other work (2405.00141 in 'Training Data'"),
]  # fmt: skip


@pytest.mark.parametrize(("evaluator", "card", "answer", "reason"), [r[1:] for r in JUDGED],
                         ids=[r[0] for r in JUDGED])  # fmt: skip
def test_readers_place_a_reference_link_at_its_use(
    evaluator: str, card: str, answer: Answer, reason: str
) -> None:
    got = ask(evaluator, ev(card))
    assert got[0] == answer, got[1]
    assert reason in got[1]


_PARTS = st.sampled_from([
    "[", "]", "[ds]", "[DS][]", "[K2][ds]", "![i][ds]", "[^1]", "]:", "[ds]: ", DS, "<", ">",
    "(", ")", " ", "\n", "```", "~~~", "a", '"t"', "\t", "[x]: y\n", "[ds]: <a b>\n",
])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARTS, max_size=30).map("".join))
def test_resolving_keeps_lines_and_is_stable(text: str) -> None:
    resolved = inline_references(text)
    assert resolved.count("\n") == text.count("\n")
    assert inline_references(resolved) == resolved
    if "]:" not in text:
        assert resolved == text
    parse_card(text)  # never raises
