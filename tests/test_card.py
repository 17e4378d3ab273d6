"""Model card parsing: front matter, sections, links, placeholders, template coverage."""

from __future__ import annotations

import importlib.resources
import re
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit import card as card_module
from openaudit.card import (
    _ANCHOR,
    _AUTOLINK,
    _INLINE,
    _LINE_BREAK,
    _REFERENCE,
    _TEMPLATE_BOILERPLATE,
    MAX_LINKS,
    TEMPLATE_SECTIONS,
    Card,
    Section,
    _ascii_words,
    _HeadingScanner,
    _lines,
    _normalise_title,
    _padded_keys,
    _squeezed,
    classify_link,
    count_links,
    count_words,
    find_link,
    parse_card,
)

LINE_BREAK = re.compile(r"\r\n|\r|\n")

# --- front matter -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metadata", "has_front_matter"),
    [
        ("---\nlicense: mit\n---\n# T\n", {"license": "mit"}, True),
        ("\ufeff---\nlicense: mit\n---\n", {"license": "mit"}, True),
        (
            "---\r\nlicense: mit\r\ntags:\r\n- a\r\n---\r\nbody",
            {"license": "mit", "tags": ["a"]},
            True,
        ),
        ("\n\n---\nlicense: mit\n---\n", {"license": "mit"}, True),
        ("---\nlicense: mit\n---", {"license": "mit"}, True),
        ("---\n\n---\n", {}, True),
        ("---\n# just a comment\n---\n", {}, True),
        ("---\nreleased: 2024-05-01\n---\n", {"released": "2024-05-01"}, True),
        ("---\nlicense: mit\n", {}, False),  # never closed
        ("# Title\n---\nlicense: mit\n---\n", {}, False),  # not at the top
        ("no front matter", {}, False),
        ("", {}, False),
    ],
)
def test_front_matter(text: str, metadata: dict[str, Any], has_front_matter: bool) -> None:
    card = parse_card(text)
    assert card.metadata == metadata
    assert card.metadata_error is None
    assert card.has_front_matter is has_front_matter


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("---\n- a\n- b\n---\n", "card metadata must be a mapping, not a list"),
        ("---\njust text\n---\n", "card metadata must be a mapping, not a scalar"),
        ("---\nlicense: mit\nfoo: bar: baz\n---\n", "README.md:3:9: "),
        ("\n\n---\r\nlicense: mit\r\nfoo: bar: baz\r\n---\r\n", "README.md:5:9: "),
        ("---\na: !!python/object:os.system {}\n---\n", "README.md:2:4: "),
        ("---\na: 1\n--- b: 2\n---\n", "README.md:3:1: expected a single document"),
        ("---\na: [" + "[" * 40 + "]" * 41 + "\n---\n", "README.md:2:"),
    ],
)
def test_bad_metadata_is_an_error_line_not_an_exception(text: str, error: str) -> None:
    card = parse_card(text)
    assert card.metadata == {}
    assert card.has_front_matter
    assert card.metadata_error is not None
    assert card.metadata_error.startswith(error)
    assert "\n" not in card.metadata_error


def test_billion_laughs_front_matter_is_refused_before_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    card = parse_card("---\n" + "\n".join(lines) + "\n---\n# Card\n")
    assert card.metadata == {}
    # refused by the bounded event walk, before anything is expanded
    assert card.metadata_error is not None
    assert re.search(r"more than \d+ (aliases|nodes)", card.metadata_error)
    assert card.sections[0].title == "Card"


def test_oversized_front_matter_is_refused() -> None:
    card = parse_card("---\n" + "a: 1\n" * 60_000 + "---\n")
    assert card.metadata == {}
    assert card.metadata_error is not None
    assert "over the limit" in card.metadata_error


def test_body_is_what_follows_the_front_matter() -> None:
    assert parse_card("\ufeff---\na: 1\n---\n# T\ntext\n").body == "# T\ntext\n"
    assert parse_card("---\na: 1\n").body == "---\na: 1\n"


def test_from_metadata_card() -> None:
    card = Card.from_metadata({"license": "mit"})
    assert card.metadata == {"license": "mit"}
    assert card.has_front_matter
    assert card.find_section("anything") is None
    assert all(not filled for _, filled in card.template_coverage())


# --- sections -----------------------------------------------------------------------


def _sections(text: str) -> list[tuple[str, int, int]]:
    return [(s.title, s.level, s.line) for s in parse_card(text).sections]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# One\n## Two\n###### Six\n####### seven", [("One", 1, 1), ("Two", 2, 2), ("Six", 6, 3)]),
        ("#NoSpace\n    # indented code\n   # three spaces", [("three spaces", 1, 3)]),
        (
            "## Closing ##\n## C#\n## Hash #tag ###",
            [("Closing", 2, 1), ("C#", 2, 2), ("Hash #tag", 2, 3)],
        ),
        (
            "# **Bold** and `code`\n## [Link](https://x.y) *it*",
            [("Bold and code", 1, 1), ("Link it", 2, 2)],
        ),
        ("## ![logo](a.png) Model <b>Details</b> &amp; more", [("Model Details & more", 2, 1)]),
        ("Title\n=====\nSub\n---\ntext", [("Title", 1, 1), ("Sub", 2, 3)]),
        ("two line\ntitle\n===", [("two line title", 1, 1)]),
        ("text\n\n---\n\n- item\n---", []),  # thematic breaks, not setext
        ("```\n# not\n```\n# yes", [("yes", 1, 4)]),
        ("~~~~\n# not\n~~~\n# still not\n~~~~\n# yes", [("yes", 1, 6)]),
        ("```python\n# not\n", []),  # an unclosed fence runs to the end
        ("``` `inline` ```\n# yes", [("yes", 1, 2)]),
        ("---\na: 1\n---\n\n# After front matter", [("After front matter", 1, 5)]),
        ("---\r\na: 1\r\n---\r\n# CRLF\r\ntext\r\n## Two\r\n", [("CRLF", 1, 4), ("Two", 2, 6)]),
        ("\ufeff# BOM title", [("BOM title", 1, 1)]),
    ],
)
def test_sections(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert _sections(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "<h1>Model</h1>\ntext\n<h2>Training Data</h2>",
            [("Model", 1, 1), ("Training Data", 2, 3)],
        ),
        ('<H3 align="center"><b>Evaluation</b></H3>', [("Evaluation", 3, 1)]),
        ("   <h2 id=x>Limitations &amp; Bias</h2>", [("Limitations & Bias", 2, 1)]),
        ("<h2>\n  Training Data\n</h2>\nprose\n# Next", [("Training Data", 2, 1), ("Next", 1, 5)]),
        ("<h4>Uses</h4> trailing\n## Markdown\nx", [("Uses", 4, 1), ("Markdown", 2, 2)]),
        ("para\n<h2>Data</h2>\n---", [("Data", 2, 2)]),  # interrupts; '---' is no setext
        ("    <h2>indented code</h2>\ntext <h2>inline</h2>", []),
        ("```html\n<h2>in a fence</h2>\n```\n<h2>after</h2>", [("after", 2, 4)]),
        ("<h2>never closed\na\nb\nc\nd\ne\n</h2>", []),  # closing tag too far
        ("<hr>\n<header>x</header>\n<h7>x</h7>\n<h2>x</h3>", []),
    ],
)
def test_html_headings_are_sections(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert _sections(text) == expected


# Titles a reader takes for headings though markdown does not: a line of bold text alone
# opening a paragraph, and a collapsible block's <summary>; one level below the heading
# above them. (title, level, line) of each section.
PSEUDO_HEADINGS: list[tuple[str, str, list[tuple[str, int, int]]]] = [
    ("a bold line after a section's text", "## Data\nWe use X.\n\n**Hardware**\n\nGPUs.",
     [("Data", 2, 1), ("Hardware", 3, 4)]),
    ("a bold title with a colon, then its text on the next line",
     "## Training\nx\n\n**Training Procedure:**\nWe trained it.", [("Training", 2, 1),
     ("Training Procedure", 3, 4)]),
    ("underscores and bold italics", "# T\nx\n\n__Results__\n\ny\n\n***Limits***:\n",
     [("T", 1, 1), ("Results", 2, 4), ("Limits", 2, 8)]),
    ("before any heading: a part of the card, never its title", "intro\n\n**Data**\nx\n# T",
     [("Data", 2, 3), ("T", 1, 5)]),
    ("a summary after a section's text",
     "## Data\nWe use X.\n\n<details>\n<summary>Hardware and Software</summary>\n\nGPUs.\n"
     "</details>\n## Next", [("Data", 2, 1), ("Hardware and Software", 3, 4), ("Next", 2, 9)]),
    ("a summary on the details line, its title in bold tags",
     "#### Eval\nx\n<details><summary><b>Results</b></summary>\n| a |",
     [("Eval", 4, 1), ("Results", 5, 3)]),
    ("a summary over three lines", "# T\nx\n<summary>\n  Results\n</summary>\ny",
     [("T", 1, 1), ("Results", 2, 3)]),
    ("under an h6, at level 6", "###### Six\nx\n\n**Seven**\n", [("Six", 6, 1), ("Seven", 6, 4)]),
    # negative twins: bold that is no title
    ("bold words inside a line", "## A\nx\n\nWe use **bold** words.\n\n**B** and more",
     [("A", 2, 1)]),
    ("a bold line inside a paragraph", "## A\nx\n\nsome text\n**not a title**\n", [("A", 2, 1)]),
    ("a bold sentence", "## A\nx\n\n**We do not release the data.**\n", [("A", 2, 1)]),
    ("a bold label with its value", "## A\nx\n\n**Training data:** the web.\n", [("A", 2, 1)]),
    ("a bold link", "## A\nx\n\n**[Paper](https://arxiv.org/abs/2401.00001)**\n", [("A", 2, 1)]),
    ("a bold list item or quote", "## A\nx\n\n- **Item**\n\n> **Note**\n", [("A", 2, 1)]),
    ("a bold line of more than ten words",
     "## A\nx\n\n**one two three four five six seven eight nine ten eleven**\n", [("A", 2, 1)]),
    ("bold in a fence", "## A\nx\n\n```\n**Code**\n```\n", [("A", 2, 1)]),
    ("a bold line over a setext underline is that heading's title", "## A\nx\n\n**B**\n---\n",
     [("A", 2, 1), ("B", 2, 4)]),
    ("right under a heading: its subtitle", "## Training\n\n**Training Data**\nX.\n",
     [("Training", 2, 1)]),
    ("a fold right under the card's title", "# T\n\n<details>\n<summary>Full card</summary>\n\n"
     "intro\n\n## A\nx", [("T", 1, 1), ("A", 2, 8)]),
    ("a fold at the start of the body", "<details><summary>Card</summary>\nintro\n", []),
    ("an empty summary, a sentence as summary, an unclosed one",
     "## A\nx\n<summary></summary>\n<summary>Click here to see them all.</summary>\n"
     "<summary>open\na\nb\nc\nd\ne\n", [("A", 2, 1)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in PSEUDO_HEADINGS], ids=[c[0] for c in PSEUDO_HEADINGS]
)
def test_titles_a_reader_takes_for_headings(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert _sections(text) == expected


def test_a_folded_block_is_not_the_text_of_the_section_above() -> None:
    card = parse_card(
        "## Training Data\nWe do not release the data.\n\n<details>\n"
        "<summary>Hardware and Software</summary>\n\n2048 GPUs.\n</details>\n"
    )
    data = card.find_section("Training Data")
    assert data is not None and data.text == "We do not release the data."
    hardware = card.find_section("Hardware")
    assert hardware is not None and "Hardware" not in hardware.text  # the summary is no prose
    assert "2048 GPUs." in card.section_text(data)  # the block is still under it
    assert card.section_path(hardware) == (hardware, data)


def test_section_text_runs_to_the_next_heading_of_any_level() -> None:
    card = parse_card("# A\nalpha text\n\n## B\nbeta\n```\n# code\n```\n# C\r\ngamma\r\n")
    assert [s.text for s in card.sections] == ["alpha text", "beta\n```\n# code\n```", "gamma"]
    assert card.sections[0].words == 2


CARD = """---
license: apache-2.0
---
# Model Card for Demo

## Model Details
Details here.

### Model Description
A model.

### Model Sources
Repo.

## Uses
Use it.

### Out-of-Scope Use
Not for this.

## Bias, Risks & Limitations
Some risks.

## Citation:
bibtex
"""


@pytest.mark.parametrize(
    ("names", "title"),
    [
        (("model details",), "Model Details"),
        (("MODEL DETAILS",), "Model Details"),
        (("Bias, Risks, and Limitations",), "Bias, Risks & Limitations"),
        (("limitations",), "Bias, Risks & Limitations"),
        (("citation",), "Citation:"),
        (("Model",), "Model Details"),  # first match in card order; the title names the model
        (("nothing", "Out-of-scope use"), "Out-of-Scope Use"),
        (("use",), "Out-of-Scope Use"),  # whole words: "use" is not in "Uses"
        (("sources", "uses"), "Model Sources"),
        (("odel",), None),
        (("",), None),
    ],
)
def test_find_section(names: tuple[str, ...], title: str | None) -> None:
    found = parse_card(CARD).find_section(*names)
    assert (found.title if found else None) == title


HYPHENATED = """# Demo

## Data-efficient Image Transformer

A vision model.

## Pre-training

On ImageNet.

## Fine tuning

On CIFAR.

## Out of scope use

Not for faces.

## Training-free adaptation

None.
"""


@pytest.mark.parametrize(
    ("names", "title"),
    [
        # a compound's leading word modifies its head: the title is not about data
        (("Data",), None),
        (("Training",), "Pre-training"),  # the head of the compound is still a word
        (("Pre-training",), "Pre-training"),
        (("Fine-tuning",), "Fine tuning"),  # a hyphenated name also matches spaced
        (("Out-of-Scope Use",), "Out of scope use"),
        (("adaptation",), "Training-free adaptation"),
        (("Data-efficient",), "Data-efficient Image Transformer"),
        (("Image Transformer",), "Data-efficient Image Transformer"),
    ],
)
def test_hyphenated_titles_match_by_their_head(names: tuple[str, ...], title: str | None) -> None:
    card = parse_card(HYPHENATED)
    found = card.find_section(*names)
    assert (found.title if found else None) == title
    assert [s.title for s in card.find_sections(*names)] == ([title] if title else [])


@pytest.mark.parametrize(
    ("card", "names", "title"),
    [
        ("# OpenData-7B\nA model.\n## Training Data\nWeb.\n", ("Data",), "Training Data"),
        ("# nc-data\nA model trained on web text.\n## Uses\nChat.\n", ("Data",), None),
        ("# nc-data\nA model trained on web text.\n", ("Data",), None),
        ("Intro.\n# Code Llama 7B\n## Usage\nRun it.\n", ("Code",), None),
        # cards whose sections are all of level 1 have no title heading
        ("# Training Data\nWeb.\n# Evaluation\nMMLU.\n", ("Data",), "Training Data"),
        ("# Demo\nA model.\n# Training Data\nWeb.\n", ("Demo",), "Demo"),
        # a card opening with a second-level heading has no title heading either
        ("## Training Data\nWeb.\n## Uses\nChat.\n", ("Data",), "Training Data"),
    ],
)
def test_title_heading_is_no_topic(card: str, names: tuple[str, ...], title: str | None) -> None:
    parsed = parse_card(card)
    found = parsed.find_section(*names)
    assert (found.title if found else None) == title
    assert [s.title for s in parsed.find_sections(*names)] == ([title] if title else [])


def test_section_text_includes_sub_sections_only() -> None:
    card = parse_card(CARD)
    details = card.find_section("Model Details")
    assert details is not None
    text = card.section_text(details)
    assert "Details here." in text and "A model." in text and "Repo." in text
    assert "### Model Description" in text
    assert "Use it." not in text
    uses = card.find_section("Uses")
    assert uses is not None
    assert card.section_text(uses) == "Use it.\n\n### Out-of-Scope Use\n\nNot for this."
    outside = Section("Elsewhere", 2, "own text", 99)
    assert card.section_text(outside) == "own text"


# --- placeholders and template coverage ---------------------------------------------


def test_chinese_titles_match_by_characters() -> None:
    card = parse_card("# 示例\n## 预训练数据\nx\n## 评测结果\ny\n## 局限性\nz\n")
    found = [card.find_section(name) for name in ("训练数据", "评测", "局限", "数据集")]
    assert [s.title if s else None for s in found] == ["预训练数据", "评测结果", "局限性", None]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("[More Information Needed]\nmore information needed\nMORE INFORMATION  NEEDED", 3),
        ("---\nx: More Information Needed\n---\nnone here", 0),
        ("More information is needed", 0),
    ],
)
def test_placeholders(text: str, count: int) -> None:
    assert parse_card(text).placeholders == count


def _rendered_template() -> str:
    """The Hub's model card template with every field left at its default."""
    path = importlib.resources.files("huggingface_hub") / "templates" / "modelcard_template.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r'\{\{\s*\w+\s*\|\s*default\("((?:[^"\\]|\\.)*)",\s*true\s*\)\s*\}\}', r"\1", text
    )
    text = text.replace("{{ card_data }}", "license: mit")
    return re.sub(r"\{\{[^}]*\}\}", "demo", text)


def test_unfilled_template_covers_nothing() -> None:
    card = parse_card(_rendered_template())
    assert card.metadata_error is None
    assert card.placeholders > 30
    coverage = card.template_coverage()
    assert [name for name, _ in coverage] == list(TEMPLATE_SECTIONS)
    assert not any(filled for _, filled in coverage)


def test_filled_sections_are_covered() -> None:
    text = _rendered_template().replace(
        "### Direct Use\n\n<!-- This section is for the model use without fine-tuning or "
        "plugging into a larger ecosystem/app. -->\n\n[More Information Needed]",
        "### Direct Use\n\nSummarising legal documents.",
    )
    text = text.replace("- **Developed by:** [More Information Needed]", "- **Developed by:** ACME")
    coverage = dict(parse_card(text).template_coverage())
    assert coverage["Uses"] and coverage["Model Details"]
    assert not coverage["Evaluation"]


def test_template_coverage_without_template_sections() -> None:
    coverage = parse_card("# Intro\nhello").template_coverage()
    assert len(coverage) == len(TEMPLATE_SECTIONS)
    assert not any(filled for _, filled in coverage)


# --- comments and words -------------------------------------------------------------

_MARKDOWN_WITH_COMMENTS = st.lists(
    st.sampled_from(["<!--", "-->", "\n", "\r\n", "# T", "a", " ", "```", "<h2>x</h2>"]),
    max_size=60,
).map("".join)


@pytest.mark.parametrize(
    ("text", "sections"),
    [
        # the Hub template's guidance is for whoever edits the card, not content
        ("## Bias\n\n<!-- This section is meant to convey limitations. -->\n\nReal text.\n",
         [("Bias", 1, 2)]),
        ("## Data\n<!--\nmulti-line\nguidance\n-->\n[More Information Needed]\n",
         [("Data", 1, 0)]),
        # a heading inside a comment is commented out; line numbers stay the card's own
        ("<!--\n# Hidden\n-->\n# Shown\nok\n", [("Shown", 4, 1)]),
        ("- **Regime:** fp16 <!--fp32, bf16 mixed precision-->\n# T\n", [("T", 2, 0)]),
    ],
)  # fmt: skip
def test_html_comments_are_not_card_text(text: str, sections: list[tuple[str, int, int]]) -> None:
    card = parse_card(text)
    assert "<!--" not in card.body
    assert [(s.title, s.line, s.words) for s in card.sections] == sections


@settings(max_examples=200, deadline=None)
@given(_MARKDOWN_WITH_COMMENTS)
def test_comments_are_blanked_in_place(text: str) -> None:
    body = parse_card(text).body
    original = parse_card(text.replace("<!--", "<!~~")).body  # the same text, no comment
    assert len(body) == len(original)
    assert [i for i, c in enumerate(body) if c in "\r\n"] == [
        i for i, c in enumerate(original) if c in "\r\n"
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Three plain words", 3),
        ("[More Information Needed] two words", 2),
        ("Use the code below to get started with the model. Then this.", 2),
        # Chinese and Japanese: two characters to a word, rounded up
        ("训练数据", 2),
        ("模型在中英文语料上进行预训练。", 7),
        ("示例-7B 是一个 Transformer 模型", 6),
        ("日本語のモデルです", 5),
        ("模型\uff0c模型\u3002", 2),  # full-width punctuation is no word
        ("한국어 모델 카드", 3),  # Korean is written with spaces
        # an HTML table row counts as its markdown twin "| MMLU (5-shot) | 61.0 |" does
        ("| MMLU (5-shot) | 61.0 |", 6),
        ("<tr><td>MMLU (5-shot)</td><td>61.0</td></tr>", 6),
        ('<table>\n<TR>\n<TH align="left">MMLU (5-shot)</TH>\n<td>61.0</td>\n</TR></table>', 6),
        ("<tr><td>Task</td><td>Score</td></tr><tr><td>MMLU</td><td>61.0</td></tr>", 10),
        ("| Task | Score |\n| MMLU | 61.0 |", 10),
        # empty cells add no words, in either form (review7 #10); filled ones count as before
        ("<tr><td></td><td></td></tr>" * 100, 0),
        ("<tr>\n  <td> </td>\n  <TD align=left></TD>\n</tr>\n" * 100, 0),
        ("| | |\n" * 100, 0),
        ("|||\n" * 100, 0),
        ("<tr><td>MMLU</td><td></td></tr>", 3),
        ("| MMLU | |", 3),
        # negative twins: a pipe inside a word, a filled row's separators, an alignment row
        ("a|b x---y - item -- aside", 6),
        ("| a | b |\n|---|---|", 6),
        ("<thead>Scores</thead> <p>two words</p>", 3),  # no cell: the text as it is
    ],
)
def test_count_words(text: str, count: int) -> None:
    assert count_words(text) == count


# --- links --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind", "target"),
    [
        ("https://github.com/org/repo", "code", "github.com/org/repo"),
        ("https://www.github.com/org/repo.git", "code", "github.com/org/repo"),
        ("https://github.com/org/repo/tree/main/train", "code", "github.com/org/repo"),
        ("https://raw.githubusercontent.com/org/repo/main/x.py", "code", "github.com/org/repo"),
        ("https://gitlab.com/group/project", "code", "gitlab.com/group/project"),
        ("https://bitbucket.org/team/repo", "code", "bitbucket.org/team/repo"),
        ("https://codeberg.org/o/r", "code", "codeberg.org/o/r"),
        ("https://sourceforge.net/projects/tool/", "code", "sourceforge.net/projects/tool"),
        ("https://github.com/org", "code", None),
        ("https://github.com/features/copilot", "other", None),
        ("https://arxiv.org/abs/2301.00001v3", "paper", "2301.00001"),
        ("https://arxiv.org/pdf/2301.00001.pdf", "paper", "2301.00001"),
        ("https://arxiv.org/pdf/2301.00001v2", "paper", "2301.00001"),
        ("http://arxiv.org/abs/hep-th/9901001v1", "paper", "hep-th/9901001"),
        ("https://huggingface.co/papers/2401.12345", "paper", "2401.12345"),
        ("https://doi.org/10.1000/xyz123", "paper", "10.1000/xyz123"),
        # general repositories' records (software releases, datasets, Hub repos)
        ("https://doi.org/10.5281/zenodo.1234567", "other", None),
        ("https://doi.org/10.6084/m9.figshare.123", "other", None),
        ("https://doi.org/10.57967/hf/0001", "other", None),
        ("https://aclanthology.org/2023.acl-long.1/", "paper", None),
        ("https://openreview.net/forum?id=abc123", "paper", "abc123"),
        ("https://proceedings.mlr.press/v202/x.html", "paper", None),
        ("https://papers.nips.cc/paper/2020/hash/x", "paper", None),
        ("https://www.semanticscholar.org/paper/x", "paper", None),
        ("https://example.com/report.pdf", "paper", None),
        ("https://github.com/org/repo/blob/main/tech_report.pdf", "paper", None),
        ("https://huggingface.co/datasets/org/name", "hf_dataset", "org/name"),
        ("https://huggingface.co/datasets/squad", "hf_dataset", "squad"),
        ("https://huggingface.co/datasets/org/name/viewer/default", "hf_dataset", "org/name"),
        ("https://huggingface.co/spaces/org/demo", "hf_space", "org/demo"),
        ("https://huggingface.co/org/model", "hf_model", "org/model"),
        ("https://hf.co/org/model/tree/main", "hf_model", "org/model"),
        ("https://huggingface.co/org/model/resolve/main/w.bin", "hf_model", "org/model"),
        ("https://huggingface.co/docs/hub/model-cards", "other", None),
        ("https://huggingface.co/blog/post", "other", None),
        ("https://huggingface.co/collections/org/x", "other", None),
        ("https://huggingface.co/org", "other", None),
        ("https://huggingface.co/", "other", None),
        ("https://opensource.org/licenses/MIT", "license", "mit"),
        ("https://opensource.org/license/apache-2-0", "license", None),
        ("https://creativecommons.org/licenses/by-sa/4.0/", "license", "cc-by-sa-4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "license", "cc0-1.0"),
        ("https://choosealicense.com/licenses/mit/", "license", "mit"),
        ("https://spdx.org/licenses/Apache-2.0.html", "license", "apache-2.0"),
        ("https://www.apache.org/licenses/LICENSE-2.0", "license", "apache-2.0"),
        ("https://www.gnu.org/licenses/gpl-3.0.html", "license", "gpl-3.0"),
        ("https://llama.meta.com/llama3/license/", "license", "llama3"),
        ("https://ai.google.dev/gemma/terms", "license", "gemma"),
        ("https://github.com/org/repo/blob/main/LICENSE", "license", None),
        ("https://huggingface.co/org/m/blob/main/LICENSE.txt", "license", None),
        ("https://huggingface.co/org/m/blob/main/USE_POLICY.md", "license", None),
        ("LICENSE", "license", None),
        ("./LICENCE.md", "license", None),
        ("blob/main/COPYING", "license", None),
        ("docs/intro.md", "other", None),
        ("#model-details", "other", None),
        ("mailto:someone@example.com", "other", None),
        ("https://example.com/page", "other", None),
        ("https://mlco2.github.io/impact", "other", None),
        # a bare address whose own path says report or publication
        ("https://goo.gle/Model2Report", "paper", None),
        ("https://aka.ms/model3-tech-report", "paper", None),
        ("https://lab.example/research/publications/the-model-3-family/", "paper", None),
        ("https://lab.example/whitepaper", "paper", None),
        # ... and its twins: a form, a run log, a blog, a bare word, a list page
        ("https://lab.example/report", "other", None),
        ("https://lab.example/report-abuse", "other", None),
        ("https://lab.example/safety/incident-report", "other", None),
        ("https://wandb.ai/org/proj/reports/Training-report--Vmlldzo1", "other", None),
        ("https://lab.example/blog/model-3-tech-report", "other", None),
        ("https://lab.example/research/publications", "other", None),
        ("https://lab.example/model-report-form", "other", None),
        ("https://lab.example/report-card", "other", None),
        ("https://lab.example/docs/weekly-report.html", "other", None),
        ("http://[::1", "other", None),
    ],
)
def test_classify_link(url: str, kind: str, target: str | None) -> None:
    assert classify_link(url) == (kind, target)


_HUB_PDF = "https://huggingface.co/o/m/blob/main/"


@pytest.mark.parametrize(
    ("url", "text", "kind"),
    [
        ("https://example.com/blog", "Technical Report", "paper"),
        ("https://bit.ly/3abc", "📄 Paper", "paper"),
        ("https://proj.example.io/", "Tech report (PDF)", "paper"),
        ("https://files.example.net/x?id=1", "our preprint", "paper"),
        ("https://t.co/abc", "Pre-print", "paper"),
        ("https://alphaxiv.example/abs/1", "arXiv", "paper"),
        ("https://example.com/blog", "White paper", "paper"),
        ("https://example.com/blog", "Blog post", "other"),
        ("https://paperswithcode.com/sota/x", "Papers with Code", "other"),
        ("https://example.com/lb", "paper with code", "other"),
        ("https://example.com/paper-notes", "https://example.com/paper-notes", "other"),
        ("https://lab.example/model-report", "Report a bug", "other"),  # the text says
        ("https://lab.example/model-report", "Model 3", "paper"),
        ("https://github.com/o/r", "paper code", "code"),  # a known host decides
        ("https://huggingface.co/o/m", "model of the paper", "hf_model"),
        ("https://doi.org/10.5281/zenodo.1", "our technical report", "paper"),
        ("https://doi.org/10.5281/zenodo.1", "trainer v0.6 (software)", "other"),
        ("https://github.com/o/.github/blob/main/model-terms.pdf", "Model License", "license"),
        ("https://example.com/x/acceptable.pdf", "Acceptable Use Policy", "license"),
        ("https://example.com/x/terms.pdf", "Terms of use", "license"),
        ("https://example.com/x/report.pdf", "Technical report", "paper"),
        # a PDF's own file name may say what it is, whatever its link text
        (_HUB_PDF + "Community%20License%20for%20M%20Model.pdf", "", "license"),
        (_HUB_PDF + "M_Acceptable_Use_Policy.pdf", "here", "license"),
        (_HUB_PDF + "M_EU_Public_Summary.pdf", "", "other"),
        (_HUB_PDF + "Public_Summary_of_Training_Content.pdf", "EU", "other"),
        (_HUB_PDF + "M_EU_Code_of_Practice.pdf", "", "other"),
        ("https://example.com/docs/Responsible-Use-Guide.pdf", "guide", "other"),
        (_HUB_PDF + "M_Model_Card.pdf", "", "other"),  # the release's card, not a paper
        ("https://lab.example/docs/m.pdf", "Model card (PDF)", "other"),
        (_HUB_PDF + "M_Technical_Report.pdf", "", "paper"),  # twins: a report's name
        ("https://github.com/o/r/blob/main/paper.pdf", "Paper", "paper"),
        ("https://arxiv.org/pdf/2301.00001", "Terms", "paper"),  # an archive is no licence host
        (_HUB_PDF + "inter-annotator-agreement.pdf", "our paper", "paper"),  # the text says
    ],
)
def test_link_text_can_mark_a_paper_on_an_unknown_host(url: str, text: str, kind: str) -> None:
    assert classify_link(url, text)[0] == kind


def _links(body: str) -> list[tuple[str, str]]:
    return [(link.url, link.text) for link in parse_card(body).links]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[text](https://a.io/x)", [("https://a.io/x", "text")]),
        ('[t](https://a.io/x "A title")', [("https://a.io/x", "t")]),
        ("[t](<https://a.io/x y>)", [("https://a.io/x y", "t")]),
        ("[wiki](https://w.org/A_(b))", [("https://w.org/A_(b)", "wiki")]),
        ("[**bold** link](https://a.io)", [("https://a.io", "bold link")]),
        ("[ref]: https://a.io/r 'title'\n", [("https://a.io/r", "ref")]),
        ("<https://a.io/auto>", [("https://a.io/auto", "https://a.io/auto")]),
        ("see https://a.io/bare.", [("https://a.io/bare", "https://a.io/bare")]),
        (
            "(https://a.io/p) and **https://a.io/q**",
            [("https://a.io/p", "https://a.io/p"), ("https://a.io/q", "https://a.io/q")],
        ),
        ('<a href="https://a.io/h">the <b>site</b></a>', [("https://a.io/h", "the site")]),
        ("<A HREF='https://a.io/h'>x</A>", [("https://a.io/h", "")]),
        ("[![badge](https://img.io/b.svg)](https://a.io/paper)", [("https://a.io/paper", "badge")]),
        ("![image](https://a.io/fig.png)", []),
        ("<!-- [hidden](https://a.io/h) https://a.io/g -->", []),
        ("[a](https://a.io) then [b](https://a.io) https://a.io", [("https://a.io", "a")]),
        (
            "https://b.io [a](https://a.io)",
            [("https://b.io", "https://b.io"), ("https://a.io", "a")],
        ),
        ("[rel](LICENSE) [anchor](#x)", [("LICENSE", "rel"), ("#x", "anchor")]),
        (
            "```\ngit clone https://github.com/o/r\n```",
            [("https://github.com/o/r", "https://github.com/o/r")],
        ),
        ("[empty]()", []),
    ],
)
def test_links_are_extracted_in_card_order(body: str, expected: list[tuple[str, str]]) -> None:
    assert _links(body) == expected


def test_links_carry_their_kind_and_target() -> None:
    card = parse_card(
        "Code: [repo](https://github.com/o/r). Paper: https://arxiv.org/abs/2301.00001.\n"
        "Data: <https://huggingface.co/datasets/o/d>. [Licence](LICENSE.md)"
    )
    assert [(link.kind, link.target) for link in card.links] == [
        ("code", "github.com/o/r"),
        ("paper", "2301.00001"),
        ("hf_dataset", "o/d"),
        ("license", None),
    ]
    assert [link.url for link in card.links_of("paper", "code")] == [
        "https://github.com/o/r",
        "https://arxiv.org/abs/2301.00001",
    ]


def test_link_count_is_bounded() -> None:
    body = " ".join(f"[l{i}](https://a.io/{i})" for i in range(MAX_LINKS + 50))
    links = parse_card(body).links
    assert len(links) == MAX_LINKS
    assert links[0].url == "https://a.io/0"
    assert links[-1].url == f"https://a.io/{MAX_LINKS - 1}"


# --- robustness ---------------------------------------------------------------------

_MARKDOWN = st.lists(
    st.sampled_from(
        [
            *"#=-`~*_[]()<>!:/ \t\n\r\ufeffaZ1.\"'&|\\",
            *("http://", "---\n", "```", "<a href=", "<h2>", "</h2>", "<h1 id=x>"),
        ]
    ),
    max_size=100,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300) | _MARKDOWN)
def test_parse_card_never_raises_and_sections_are_inside_the_text(text: str) -> None:
    card = parse_card(text)
    line_count = len(LINE_BREAK.split(text))
    for section in card.sections:
        assert 1 <= section.line <= line_count
        assert 1 <= section.level <= 6
    assert card.placeholders >= 0
    assert len({link.url for link in card.links}) == len(card.links)
    assert isinstance(card.metadata, dict)
    assert card.metadata_error is None or "\n" not in card.metadata_error
    card.template_coverage()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 6), st.from_regex(r"[A-Za-z][A-Za-z ]{0,15}[A-Za-z]", fullmatch=True)
        ),
        max_size=8,
    ),
    st.booleans(),
)
def test_atx_headings_are_found_at_their_lines(headings: list[tuple[int, str]], crlf: bool) -> None:
    newline = "\r\n" if crlf else "\n"
    lines = ["---", "license: mit", "---"]
    for level, title in headings:
        lines += ["#" * level + " " + title, "some text", ""]
    text = newline.join(lines)
    card = parse_card(text)
    # titles are shown with runs of spaces folded to one
    assert [(s.level, s.title) for s in card.sections] == [
        (level, " ".join(title.split())) for level, title in headings
    ]
    original = text.split(newline)
    for section in card.sections:
        assert " ".join(original[section.line - 1].lstrip("#").split()) == section.title


def test_a_one_mebibyte_card_parses_quickly() -> None:
    chunk = (
        "## Section\n\nSome **text** with [a link](https://github.com/o/r) and "
        "https://arxiv.org/abs/2301.00001 and <https://huggingface.co/o/m>.\n\n"
        "```python\n# code\nprint('x')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    )
    text = "---\nlicense: mit\n---\n" + chunk * (1024 * 1024 // len(chunk))
    started = time.process_time()
    card = parse_card(text)
    # CPU seconds of this process, which other jobs on the machine cannot inflate: a
    # bound against runaway (super-linear) work, not a speed measure (see benchmarks/)
    assert time.process_time() - started < 2.0  # loose: typically well under 0.2 s
    assert card.metadata == {"license": "mit"}
    assert len(card.sections) > 100


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000,
        "<a " * 100_000,
        "# " + "#" * 200_000,
        "# a" + " " * 200_000 + "b",
        "[a](" + "(" * 200_000,
        "<!--" * 100_000,
        "a\n" * 100_000 + "---\n",
        "[a](b) " * 50_000,
        "<h1 " * 100_000,
        "<h1>\n" * 100_000,
        "<h2>" + "a" * 200_000,
        "**" * 200_000,
        "<summary>\n" * 100_000,
        "x\n\n**a**\n" * 100_000,
        "x\n\n**" + "a " * 100_000 + "**",
        "<details>\n<summary>a</summary>\n" * 50_000,
    ],
)
def test_pathological_bodies_stay_linear(text: str) -> None:
    started = time.process_time()
    parse_card(text)
    assert time.process_time() - started < 2.0


NESTED = """# Title
intro https://example.org/intro
# Training
## Hardware
GPUs.
## Software
- [Megatron](https://github.com/o/megatron)
# Evaluation
### Reasoning
| a | b |
## Training results
x
"""


def test_section_path_lists_enclosing_sections_innermost_first() -> None:
    card = parse_card(NESTED)
    software = card.find_section("Software")
    assert software is not None
    assert [s.title for s in card.section_path(software)] == ["Software", "Training"]
    reasoning = card.find_section("Reasoning")
    assert reasoning is not None
    assert [s.title for s in card.section_path(reasoning)] == ["Reasoning", "Evaluation"]


def test_find_sections_returns_every_match_in_order() -> None:
    card = parse_card(NESTED)
    assert [s.title for s in card.find_sections("Training")] == ["Training", "Training results"]
    assert card.find_sections("Nothing") == ()


def test_home_of_is_the_innermost_section_holding_the_url() -> None:
    card = parse_card(NESTED)
    home = card.home_of("https://github.com/o/megatron")
    assert home is not None and home.title == "Software"
    assert card.home_of("https://nowhere.example") is None


# (case, card, url, titles of the sections holding it as a link target, lines holding it)
ORG = "https://huggingface.co/labx"
LINK_TARGETS: list[tuple[str, str, str, list[str], int]] = [
    ("an org page is not found inside its model's URL",
     f"# Chat\n[Lab X]({ORG})\n## Training\n[base]({ORG}/base-7b)\n", ORG, ["Chat"], 1),
    ("a bare org URL, its model's URL in another section",
     f"# Chat\n{ORG}\n## Training\n{ORG}/base-7b\n", ORG, ["Chat"], 1),
    ("a URL that only starts longer ones is held nowhere",
     f"# Chat\n[a]({ORG}/base-7b) [b]({ORG}-2/m) [c]({ORG}#models) [d]({ORG}.v2)\n", ORG, [], 0),
    ("the URL at the end of a sentence, in emphasis, in angle brackets or quoted",
     f"# A\nSee {ORG}.\n# B\nby **{ORG}**\n# C\n<{ORG}>\n# D\n<a href=\"{ORG}\">X</a>\n"
     f"# E\nIs it {ORG}? Yes.\n", ORG, ["A", "B", "C", "D", "E"], 5),
    ("a relative link is not found at the end of a longer URL",
     "# A\n[l](https://example.org/LICENSE)\n# B\n[licence](LICENSE)\n", "LICENSE", ["B"], 1),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "url", "homes", "lines"),
    [c[1:] for c in LINK_TARGETS],
    ids=[c[0] for c in LINK_TARGETS],
)
def test_a_link_is_found_where_it_is_a_whole_link_target(
    text: str, url: str, homes: list[str], lines: int
) -> None:
    card = parse_card(text)
    assert [s.title for s in card.homes_of(url)] == homes
    home = card.home_of(url)
    assert (home.title if home else None) == (homes[0] if homes else None)
    assert len(card.lines_with(url)) == lines


_SEGMENT = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}[A-Za-z0-9]", fullmatch=True)
_AROUND = st.sampled_from(["", " ", "\n", "(", ")", "<", ">", "[x](", "**", ". ", "? ", ", "])


@settings(max_examples=150, deadline=None)
@given(_SEGMENT, _SEGMENT, _AROUND, _AROUND, st.sampled_from(["/", "-", ".", "#", "_"]))
def test_a_link_target_is_found_whole_never_inside_a_longer_url(
    org: str, name: str, before: str, after: str, joint: str
) -> None:
    url = f"https://huggingface.co/{org}"
    longer = f"{url}{joint}{name}"
    # only as the start of a longer URL: not held
    assert find_link(f"{before}{longer}{after}", url) == -1
    assert count_links(f"{before}{longer}{after}", url) == 0
    # beside the longer one, whole: found where it stands
    text = f"{before}{longer}{after} {before}{url}{after}"
    at = find_link(text, url)
    assert at == text.rindex(url) and text[at : at + len(url)] == url
    assert count_links(text, url) == 1


class _EveryCharacter:
    """Stands in for the characters that may open markdown: all of them."""

    def __contains__(self, item: object) -> bool:
        return True


_LINE_STARTS = ["", " ", "   ", "    ", "\t", "\u3000", "\u0663", "1", "a", "A", "\u00e9", "#"]
_LINE_RESTS = [
    "# Title", "## Data", "===", "---", "- item", "* * *", "1. one", "2) two", "> q",
    "<h2>Head</h2>", "<p>x</p>", "```", "~~~", "text", "more text", "_ _ _", "+ x",
]  # fmt: skip
_LINES = st.tuples(st.sampled_from(_LINE_STARTS), st.sampled_from(_LINE_RESTS))


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12))
def test_plain_text_lines_skip_the_markdown_patterns_and_give_the_same_sections(
    lines: list[tuple[str, str]],
) -> None:
    text = "\n".join(start + rest for start, rest in lines)
    fast = parse_card(text).sections
    with pytest.MonkeyPatch.context() as patched:  # every line through every pattern
        patched.setattr("openaudit.card._MARKDOWN_STARTS", _EveryCharacter())
        assert parse_card(text).sections == fast


_PSEUDO_LINES = [
    "", "text", "more text here", "**Bold Title**", "**Title:**", "__Under__", "a **bold** word",
    "**a bold sentence.**", "<details>", "</details>", "<summary>Fold</summary>", "<summary>",
    "</summary>", "<details><summary>Both</summary>", "## Heading", "# Top", "---", "```",
    "- **Item**", "| a | b |", "    **indented code**",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PSEUDO_LINES), max_size=16))
def test_headings_still_partition_the_body(lines: list[str]) -> None:
    """Headings, pseudo-headings among them, are ordered and disjoint, and the section texts
    are exactly the lines between them."""
    headings = _HeadingScanner(lines).scan()
    bound = 0
    for heading in headings:
        assert bound <= heading.start < heading.end <= len(lines)
        assert 1 <= heading.level <= 6
        bound = heading.end
    sections = card_module._sections(lines, 1)
    assert len(sections) == len(headings)
    for number, (section, heading) in enumerate(zip(sections, headings, strict=True)):
        stop = headings[number + 1].start if number + 1 < len(headings) else len(lines)
        assert section.text == "\n".join(lines[heading.end : stop]).strip()
        assert section.line == heading.start + 1


_WORDS = st.from_regex(r"[A-Za-z][a-z]{0,7}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8), st.integers(0, 8), st.integers(1, 4), _WORDS)
def test_plain_bold_words_inside_a_paragraph_are_not_headings(
    words: list[str], at: int, lines: int, bold: str
) -> None:
    """Bold inside a line, or a bold line that continues a paragraph, is emphasis."""
    sentence = [*words[:at], f"**{bold}**", *words[at:]]
    paragraph = "\n".join([" ".join(words)] * lines + [f"**{bold}**", " ".join(sentence)])
    card = parse_card(f"## Section\nSome text.\n\n{paragraph}\n")
    assert [s.title for s in card.sections] == ["Section"]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6), st.lists(_WORDS, min_size=1, max_size=4).map(" ".join), st.booleans())
def test_a_lone_bold_title_after_text_is_one_level_below_the_heading_above(
    level: int, title: str, summary: bool
) -> None:
    line = f"<details><summary>{title}</summary>" if summary else f"**{title}**"
    card = parse_card(f"{'#' * level} Above\ntext\n\n{line}\n\nits text\n")
    assert [(s.title, s.level, s.text) for s in card.sections] == [
        ("Above", level, "text"),
        (title, min(level + 1, 6), "its text"),
    ]


_TITLE_WORDS = [
    "Training", "Data", "training-data", "Model", "Details", "and", "the", "Uses", "Evaluation",
    "Pre-training", "Fine tuning", "数据集", "训练数据", "License", "x",
]  # fmt: skip
_TITLES = st.lists(st.sampled_from(_TITLE_WORDS), min_size=1, max_size=4).map(" ".join)
_HEADINGS = st.lists(st.tuples(st.integers(1, 3), _TITLES), max_size=8)
_NAMES = st.lists(_TITLES | st.sampled_from(["Fine-tuning", "", "Data ", "训练"]), max_size=4)


def _title_matches_plainly(card: Card, section: Any, names: tuple[str, ...]) -> bool:
    """The rule as written: a padded name's key inside the padded title, never the title heading."""
    if section is card.title_section:
        return False
    title = f" {_normalise_title(section.title)} "
    return any(key in title for key in _padded_keys(names))


@settings(max_examples=100, deadline=None)
@given(_HEADINGS, _NAMES)
def test_title_lookups_are_the_plain_rule(
    headings: list[tuple[int, str]], names: list[str]
) -> None:
    card = parse_card("".join(f"{'#' * level} {title}\ntext\n" for level, title in headings))
    wanted = tuple(names)
    plain = [s for s in card.sections if _title_matches_plainly(card, s, wanted)]
    assert card.find_sections(*wanted) == tuple(plain)
    assert card.find_section(*wanted) is (plain[0] if plain else None)
    for section in card.sections:
        assert card.title_matches(section, *wanted) == (section in plain)


_SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\x1c", "\u2028", "\x85"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=6) | _SPACES, max_size=12).map("".join))
def test_squeezed_is_split_and_joined(text: str) -> None:
    assert _squeezed(text) == " ".join(text.split())


def test_template_sentences_end_in_a_full_stop() -> None:
    # _has_content replaces them only in lines holding one
    assert all(sentence.endswith(".") for sentence in _TEMPLATE_BOILERPLATE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_words_are_split_words(text: str) -> None:
    assert _ascii_words(text) == len(text.split())


_LINK_PARTS = st.sampled_from([
    "[", "]", "(", ")", ":", "]:", "](", "<", ">", "=", "://", "http", "HTTPS", "ftp", "a",
    " ", "\n", "<a href", "A HREF", "'", '"', "x", "!", "#", "  ", "\t", "/",
])  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINK_PARTS, max_size=20).map("".join))
def test_link_finders_skip_only_texts_they_cannot_match(text: str) -> None:
    # each finder returns at once when its pattern's literal is missing
    assert _INLINE.search(text) is None or "](" in text
    assert _REFERENCE.search(text) is None or "]:" in text
    assert _AUTOLINK.search(text) is None or ("<" in text and "://" in text)
    assert _ANCHOR.search(text) is None or ("<" in text and "=" in text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "#", "\u2028"]), max_size=16))
def test_lines_are_split_at_every_line_break(parts: list[str]) -> None:
    text = "".join(parts)
    assert _lines(text) == _LINE_BREAK.split(text)


# A title a reader takes for a heading holds its own text only: a later heading, at any
# level, is never inside it. (title of a section, titles of its path, innermost first)
PSEUDO_NESTING = [
    ("a skipped level after a bold title", "# M\nx\n\n**Training data**\nOur corpus.\n### Usage\nu",
     "Usage", ["Usage", "M"]),
    ("a heading after a folded evaluation",
     "# M\nx\n<details><summary>Evaluation</summary>\n\nr\n</details>\n\n### Training Data\nd",
     "Training Data", ["Training Data", "M"]),
    ("the bold title itself is inside the heading above", "# M\nx\n\n**Hardware**\nGPUs.\n",
     "Hardware", ["Hardware", "M"]),
    # twin: a real heading still nests under a real one
    ("a real subsection", "# M\nx\n## Training data\nc\n### Sources\ns", "Sources",
     ["Sources", "Training data", "M"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "title", "path"), [c[1:] for c in PSEUDO_NESTING], ids=[c[0] for c in PSEUDO_NESTING]
)
def test_no_heading_nests_under_a_title_a_reader_takes_for_one(
    text: str, title: str, path: list[str]
) -> None:
    card = parse_card(text)
    section = next(s for s in card.sections if s.title == title)
    assert [s.title for s in card.section_path(section)] == path
    pseudo = [s for s in card.sections if s.pseudo]
    assert all(card.section_text(s) == s.text for s in pseudo)
