"""Searches that skip texts without the pattern's needles find exactly what `re` finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit import textsearch
from openaudit.base_mentions import FROM_SCRATCH
from openaudit.card import _BOILERPLATE, _PLACEHOLDER
from openaudit.frameworks.components import CHECKPOINT_WORDS
from openaudit.rubric.evaluators.code_licences import _LICENSE_NAMES, _LICENSE_WORDS, CODE_WORDS
from openaudit.rubric.evaluators.training_data import NAMED_CORPORA, RUN_WORDS
from openaudit.rubric.evaluators.weights import DELTA_WEIGHTS, FULL_WEIGHTS

PATTERNS = [
    _PLACEHOLDER, FULL_WEIGHTS, DELTA_WEIGHTS, CHECKPOINT_WORDS, FROM_SCRATCH, _LICENSE_WORDS,
    _LICENSE_NAMES, _BOILERPLATE, NAMED_CORPORA, RUN_WORDS, CODE_WORDS,
]  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        # every word a match needs, one clause each, the longest first
        (r"\[?more[ \t]+information[ \t]+needed\]?", ("information", "needed", "more")),
        (r"\b(?:pre-?trained)\s+from\s+scratch\b", ("trained", "scratch", "from", "pre")),
        (r"(?:Delta)+ weights", (" weights", "delta")),  # a repeat taken once or more counts
        (r"(?:delta)?\s*weights", ("weights",)),  # an optional part does not
        (r"\bapply\b|\w+", None),  # a branch without any literal: no needle
        (r"licen[cs]", ("licen",)),
    ],
)
def test_needles_are_words_every_match_holds(pattern: str, needles: tuple[str, ...]) -> None:
    found = textsearch.needles(re.compile(pattern, re.IGNORECASE))
    assert found == (tuple((word,) for word in needles) if needles else None)


def test_a_branch_needs_one_word_of_each_clause_of_either_side() -> None:
    # (delta, xor or diff) and weight, or apply: (weight or apply) and (delta ... or apply)
    pattern = re.compile(r"\b(?:delta|xor|diff)[- ]weights?\b|\bapply", re.IGNORECASE)
    clauses = (("weight", "apply"), ("delta", "xor", "diff", "apply"))
    assert textsearch.needles(pattern) == clauses
    assert textsearch.search(pattern, "the full weights, merged") is None
    assert textsearch.search(pattern, "XOR weights") is not None


def test_an_alternation_is_checked_branch_by_branch() -> None:
    # a needle of one branch is not enough: "fine" (fine ?web) without "web", one word
    # of the template's sentence about risks without the others
    assert not textsearch.may_match(NAMED_CORPORA, "we fine-tuned the base model")
    assert textsearch.search(NAMED_CORPORA, "fine-tuned on FineWeb-Edu") is not None
    assert textsearch.search(NAMED_CORPORA, "fine-tuned on ImageNet") is not None
    assert not textsearch.may_match(_BOILERPLATE, "## Bias, Risks, and Limitations")
    sentence = "Users (both direct and downstream) should be made aware of the risks, biases"
    text = f"{sentence} and limitations of the model."
    assert textsearch.sub(_BOILERPLATE, " ", text) == " "


def test_letters_that_ignorecase_folds_oddly_still_read_as_the_letter() -> None:
    # dotless i, dotted capital I (lowercased: i and a combining dot), long s, Kelvin sign
    text = "L\u0131CENSE L\u0130CENSE licen\u017fe \u212aey"
    assert textsearch.lowered(text) == "license license license key"
    assert textsearch.search(re.compile("key", re.IGNORECASE), text) is not None


WORDS = [
    "more", "information", "needed", "[", "]", "full", "merged", "model", "weights", "delta",
    "xor", "apply", "no need to", "intermediate", "training", "checkpoints", "every",
    "pre-trained", "from", "scratch", "licence", "license", "\u0131", "\u017f", "\u0130",
    "\u212a", "MORE", "\u0130NFORMAT\u0130ON", "\u017fcratch", "\u0131nformat\u0131on",
    "m\u0131t", "\u0130SC", "cc-by", "apache 2.0", "code", "\t", " ", "\n", ".",
    "fine-tuned", "fine", "web", "FineWeb", "common", "crawl", "c4", "mc4", "the", "pile",
    "stack", "exchange", "learning", "rate", "warm-up", "up", "batch", "use", "below",
    "get started with the model.", "Limitations", "limitations of the model.", "users",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.sampled_from(PATTERNS))
def test_search_and_sub_give_what_re_gives(words: list[str], pattern: re.Pattern[str]) -> None:
    text = " ".join(words)
    found, expected = textsearch.search(pattern, text), pattern.search(text)
    assert (found and found.span()) == (expected and expected.span())
    assert textsearch.sub(pattern, "_", text) == pattern.sub("_", text)
    assert textsearch.may_match(pattern, text) or expected is None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=14),
    st.sampled_from(PATTERNS),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 40)), max_size=6),
)
def test_spans_are_checked_as_their_own_texts(
    words: list[str], pattern: re.Pattern[str], cuts: list[tuple[int, int]]
) -> None:
    # spans in order, not overlapping, as a text's sentences are
    text = " ".join(words)
    spans, at = [], 0
    for gap, size in cuts:
        start = min(at + gap, len(text))
        spans.append((start, min(start + size, len(text))))
        at = spans[-1][1]
    kept = textsearch.spans_may_match(pattern, text, spans)
    assert kept == sorted(set(kept))
    for index, (start, end) in enumerate(spans):
        alone = textsearch.may_match(pattern, text[start:end])
        in_place = textsearch.span_may_match(pattern, text, start, end)
        assert in_place == (alone if text.isascii() else True)
        assert (index in kept) == in_place
        assert in_place or pattern.search(text[start:end]) is None
