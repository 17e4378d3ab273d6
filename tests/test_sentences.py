"""The card's one sentence splitter (openaudit.sentences) and the readers that use it."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from openaudit.card import parse_card
from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.context.license_identification import identify
from openaudit.rubric.evaluators.undeclared_bases import undeclared_bases
from openaudit.rubric.registry import get_evaluator, run
from openaudit.sentences import Sentences, sentence_spans, split_sentences

# --- what a sentence is ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("lower case. still a new one.", ["lower case.", "still a new one."]),
        # abbreviations that never end a sentence
        ("Data, e.g. C4. Done", ["Data, e.g. C4.", "Done"]),
        ("Trained on C4 (i.e. web text). Done", ["Trained on C4 (i.e. web text).", "Done"]),
        ("Llama vs. Mistral. Done", ["Llama vs. Mistral.", "Done"]),
        ("See Fig. 3 and cf. Eq. 2. Done", ["See Fig. 3 and cf. Eq. 2.", "Done"]),
        ("Aligned w.r.t. safety. Done", ["Aligned w.r.t. safety.", "Done"]),
        # ... and those that end one only before a capital
        ("As Smith et al. (2023) show. Done", ["As Smith et al. (2023) show.", "Done"]),
        ("As in Smith et al. We train", ["As in Smith et al.", "We train"]),
        ("Text, code, etc. are used", ["Text, code, etc. are used"]),
        ("Text, code, etc. The end", ["Text, code, etc.", "The end"]),
        ("Acme Inc. released it", ["Acme Inc. released it"]),
        # words that are also units or plain words end a sentence
        (
            "Came 1st. Takes 20 ms. The answer is no. Done",
            ["Came 1st.", "Takes 20 ms.", "The answer is no.", "Done"],
        ),
        # initials, version numbers, decimals, file names
        ("Written by J. Smith. Done", ["Written by J. Smith.", "Done"]),
        (
            "Uses v1.5 and 3.14 in model.safetensors. Done",
            ["Uses v1.5 and 3.14 in model.safetensors.", "Done"],
        ),
        ("Release v2. Next", ["Release v2.", "Next"]),
        # ellipses end a sentence only before a capital
        ("Wait... and more… then. Ok... Next", ["Wait... and more… then.", "Ok...", "Next"]),
        # closing quotes, brackets and emphasis stay with their sentence
        (
            'He said "stop." Then (this.) **Note.** End',
            ['He said "stop."', "Then (this.)", "**Note.**", "End"],
        ),
        # URLs, markdown links and code spans never split
        ("Go to https://x.org/a.b?c=1. Then", ["Go to https://x.org/a.b?c=1.", "Then"]),
        (
            "Read [the paper. Really!](https://x.org/p). Then",
            ["Read [the paper. Really!](https://x.org/p).", "Then"],
        ),
        ("Run `a. B` now. Then", ["Run `a. B` now.", "Then"]),
        (
            "![Fig. 1. A chart](c.png) shows it. Then",
            ["![Fig. 1. A chart](c.png) shows it.", "Then"],
        ),
        # line breaks inside a paragraph are soft wraps ...
        ("Trained on\nImageNet-1k. It\nworks", ["Trained on\nImageNet-1k.", "It\nworks"]),
        # ... but a blank line, a hard break and a definition line end a sentence
        ("Para one\n\nPara two", ["Para one", "Para two"]),
        (
            "Line one  \nLine two\\\nLine three<br>\nLine four",
            ["Line one", "Line two\\", "Line three<br>", "Line four"],
        ),
        ("License: MIT\nTraining data: C4\nmore", ["License: MIT", "Training data: C4", "more"]),
        (
            "**Developed by:** Acme\n**Model type:** LM",
            ["**Developed by:** Acme", "**Model type:** LM"],
        ),
        # list items (bullets and numbers) and table rows
        (
            "Intro:\n- one. Two\n  wrapped\n* three\n+ four",
            ["Intro:", "- one.", "Two\n  wrapped", "* three", "+ four"],
        ),
        ("1. Install it. Then run.\n2) Done", ["1. Install it.", "Then run.", "2) Done"]),
        (
            "| Part | Licence |\n|---|---|\n| Weights | MIT. See below |",
            ["| Part | Licence |", "|---|---|", "| Weights | MIT. See below |"],
        ),
        # headings, rules, setext underlines and code are one sentence each
        ("## 1. Intro. More\nText", ["## 1. Intro. More", "Text"]),
        ("Title\n=====\nText\n\n---\nMore", ["Title", "=====", "Text", "---", "More"]),
        (
            "Before\n```python\nx = 1. Y\ny = 2\n```\nAfter",
            ["Before", "```python", "x = 1. Y", "y = 2", "```", "After"],
        ),
        ("> Quoted. Two\n<p>Html</p>", ["> Quoted.", "Two", "<p>Html</p>"]),
        # CJK full stops end a sentence without a space after them
        (
            "模型很好。数据公开\uff01真的吗\uff1f是的",
            ["模型很好。", "数据公开\uff01", "真的吗\uff1f", "是的"],
        ),
        ("「好。」然后", ["「好。」", "然后"]),
        ("Windows\r\nline  \r\nends", ["Windows\r\nline", "ends"]),
        ("", []),
        (" \n\n ", []),
    ],
)
def test_what_a_sentence_is(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


# --- properties ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["model", "Data", "e.g.", "i.e.", "et al.", "vs.", "v1.5", "3.14", "etc.", "J.", "C4", "我们",
     "模型。", "ok!", "why?", "end.", "wait...", "**bold.**", "(see this.)", "`a. b`", "1."]
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", "  \n", "\r\n", "\t"])
LINE_STARTS = st.sampled_from(["", "", "", "- ", "* ", "1. ", "## ", "| ", "> ", "```", "Label: "])
URL_PATH = st.sampled_from(["", "/a.b", "/v1.5/", "/x?q=1.", "/p!", "/e.g.", "/x.", "/?"])
URL = st.tuples(st.sampled_from(["x.org", "hf.co", "a.b.com"]), URL_PATH, URL_PATH).map(
    lambda parts: f"https://{parts[0]}{parts[1]}{parts[2]}"
)
LINK_TEXT = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)


@st.composite
def card_texts(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Card-like text of words, URLs and markdown links; the URLs and links in it."""
    parts: list[str] = []
    kept: list[str] = []
    for _ in range(draw(st.integers(0, 20))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            kept.append(draw(URL))
            parts.append(kept[-1])
        elif kind == 1:
            kept.append(f"[{draw(LINK_TEXT)}]({draw(URL)})")
            parts.append(kept[-1])
        elif kind == 2:
            parts.append(draw(SEPARATORS) + draw(LINE_STARTS))
            continue
        else:
            parts.append(draw(WORDS))
        parts.append(draw(SEPARATORS))
    return "".join(parts), kept


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=200) | card_texts().map(lambda drawn: drawn[0]))
def test_sentences_cover_the_text_in_order_without_white_space_at_their_ends(text: str) -> None:
    spans = sentence_spans(text)
    assert all(start < end for start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    sentences = [text[start:end] for start, end in spans]
    assert all(s == s.strip() for s in sentences)
    assert _squeezed("".join(sentences)) == _squeezed(text)


@settings(max_examples=120, deadline=None)
@given(card_texts())
@example(("https://x.org https://x.org  ```[`a. b`](https://x.org) ", ["[`a. b`](https://x.org)"]))
def test_no_sentence_break_inside_a_url_or_a_markdown_link(drawn: tuple[str, list[str]]) -> None:
    text, kept = drawn
    spans = sentence_spans(text)
    at = 0
    for piece in kept:
        start = text.index(piece, at)
        end, at = start + len(piece), start + len(piece)
        assert any(s <= start and end <= e for s, e in spans), piece


END = re.compile(r"(?:[.!?]+|\u2026)[\"'\u201d\u2019)\]*_`]*$|[\u3002\uff01\uff1f][^\s]*$")


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=200) | card_texts().map(lambda drawn: drawn[0]))
def test_every_break_is_a_sentence_end_or_a_line_break(text: str) -> None:
    spans = sentence_spans(text)
    for (start, end), (following, _) in pairwise(spans):
        if "\n" not in text[end:following]:
            assert END.search(text[start:end]), (text[start:end], text[following:])


@settings(max_examples=40, deadline=None)
@given(card_texts())
def test_each_position_of_a_sentence_finds_that_sentence(drawn: tuple[str, list[str]]) -> None:
    sentences = Sentences(drawn[0])
    for start, end in sentences.spans:
        assert sentences.span_at(start) == (start, end)
        assert sentences.span_at(end - 1) == (start, end)
        assert sentences.span_around(start, end) == (start, end)


def test_splitting_is_linear_in_the_text() -> None:
    """Texts of hostile shapes (dots, brackets, backticks, no line breaks) split (a scan
    that went back over the text would not end in time)."""
    for unit in ("a. ", "[x. ", "` . ", "e.g. ", "\n- "):
        text = unit * (2**17 // len(unit))
        assert len(split_sentences(text)) <= len(text)


def test_a_card_splits_each_of_its_texts_once() -> None:
    card = parse_card("# M\n## Training\nWe trained on C4. Then we stopped.\n")
    section = card.sections[1]
    assert card.sentences(section.text) is card.sentences(section.text)
    assert card.sentences() is card.sentences(card.body)
    assert list(card.sentences(section.text)) == ["We trained on C4.", "Then we stopped."]


# --- readers: where the splitters disagreed, the card is now read as one ------------------


def evidence(readme: str) -> Evidence:
    files = (RepoFile("README.md"),)
    return Evidence(ref="org/m", repo_id="org/m", source="hub", readme=readme, files=files)


def ask(name: str, readme: str, **params: Any) -> tuple[str, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence(readme)), params)
    return outcome.answer, outcome.reason


TRAIN = {"keywords": ["train", "fine-tun"], "sections": ["Training"], "files": []}
PROMISED = (
    "# M\n## Links\nThe training code will be released soon at\n"
    "[org/m-train](https://github.com/org/m-train).\n"
)
PUBLISHED = (
    "# M\n## Links\nThe training code is at\n[org/m-train](https://github.com/org/m-train).\n"
)


@pytest.mark.parametrize(
    ("readme", "answer", "said"),
    [
        (PROMISED, "no", "will be released soon at [org/m-train]"),  # one sentence, two lines
        (PUBLISHED, "yes", "linked: github.com/org/m-train"),  # its negative twin
    ],
)
def test_a_code_links_sentence_runs_over_a_soft_line_break(
    readme: str, answer: str, said: str
) -> None:
    got, reason = ask("code_linked", readme, **TRAIN)
    assert (got, said in reason) == (answer, True), reason


@pytest.mark.parametrize(
    ("body", "named"),
    [
        # "e.g." does not cut the benchmarks off the sentence saying they were evaluated on
        ("We evaluate on benchmarks, e.g. SQuAD and TriviaQA.", False),
        ("We trained on datasets, e.g. SQuAD and TriviaQA.", True),
    ],
)
def test_an_abbreviation_keeps_a_data_sentence_whole(body: str, named: bool) -> None:
    readme = f"# M\n## Training\nWe trained on our own corpus of 2T tokens. {body}\n"
    answer, reason = ask("data_sources_named", readme)
    assert (answer == "yes") is named, reason
    assert ("SQuAD" in reason) is named


@pytest.mark.parametrize(
    ("sentence", "base"),
    [
        (
            "We compare against strong baselines, e.g. [org/base](https://huggingface.co/org/base).",
            False,
        ),
        (
            "We fine-tune the strongest of them, i.e. [org/base](https://huggingface.co/org/base).",
            True,
        ),
    ],
)
def test_a_links_role_is_read_from_its_whole_sentence(sentence: str, base: bool) -> None:
    readme = f"# M\n## Training\n{sentence} We train for 3 epochs.\n"
    found = undeclared_bases(ProbeContext(evidence(readme)))
    assert [repo for repo, _ in found] == (["org/base"] if base else [])


@pytest.mark.parametrize(
    ("other", "licence"),
    [
        # a sentence about the data, with "e.g." inside it, states the data's licence
        (
            "The training data (e.g. web text and books) is licensed under CC BY-NC 4.0.",
            "apache-2.0",
        ),
        ("The model, e.g. its weights, is licensed under CC BY-NC 4.0.", "cc-by-nc-4.0"),
    ],
)
def test_a_licence_sentence_about_the_data_stays_about_the_data(other: str, licence: str) -> None:
    readme = (
        "---\nlicense: apache-2.0\n---\n# M\n## License\n"
        f"The model weights are released under Apache 2.0. {other}\n"
    )
    assert identify(evidence(readme)).license_id == licence


def test_a_licence_section_in_chinese_is_quoted_by_its_sentence() -> None:
    readme = (
        "---\nlicense: apache-2.0\n---\n# M\n## License\n"
        "本模型以 CC BY-NC 4.0 许可发布。请勿用于商业用途。\n"
    )
    report = identify(evidence(readme))
    assert report.license_id == "cc-by-nc-4.0"
    assert "says '本模型以 CC BY-NC 4.0 许可发布。':" in report.reason
