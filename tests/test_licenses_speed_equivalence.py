"""The fast clause detector gives exactly what the plain one did.

`reference_clauses` below is the detector before its keyword prefilter and
faster text preparation: every rule tried on every unit, with the original
preparation patterns. The optimised `detect_clauses` must agree with it on
real licence texts and on generated ones; timings are never tested here
(see benchmarks/license_text.py).
"""

# ruff: noqa: RUF001 (look-alike letters are the point of some inputs)
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.licenses import clause_rules, clauses, text
from openaudit.licenses.clauses import Clause, detect_clauses

ROOT = Path(__file__).parent.parent

# --- the reference: the original preparation and an unfiltered rule loop ---------

_MARKUP = re.compile(r"[*_`~]+")
_STRUCTURE = re.compile(r"[#>|]+|<br ?/?>|&nbsp;", re.IGNORECASE)
_BROKEN_WORD = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_TRANSLATE = {k: v for k, v in clauses._TRANSLATE.items() if chr(k) not in "*_`~"}


def _prepare(raw: str) -> str:
    raw = raw[: clauses.MAX_TEXT_CHARS].translate(_TRANSLATE)
    raw = _MARKUP.sub("", raw)
    raw = _STRUCTURE.sub(" ", raw)
    return _BROKEN_WORD.sub("-", raw)


def _sentences(prepared: str) -> Iterator[str]:
    for paragraph in clauses._PARAGRAPH.split(prepared):
        flat = _SPACE.sub(" ", paragraph).strip()
        if flat:
            for sentence in _SENTENCE_END.split(flat):
                yield from clauses._chunks(sentence)


def _clauses_in(unit: str) -> Iterator[Clause]:
    for rule in clause_rules.RULES:
        span = clauses._match(rule, unit)
        if span is not None and not clauses._cancelled(rule, unit):
            phrase = unit[span[0] : span[1]][: clauses.MAX_EXCERPT_CHARS]
            yield Clause(rule.kind, clauses.excerpt(unit, span), phrase)


def reference_clauses(raw: str) -> tuple[Clause, ...]:
    """detect_clauses as it was: every rule on every unit, no keyword prefilter."""
    if not isinstance(raw, str) or not raw.strip():
        return ()
    found = [
        clause
        for sentence in _sentences(_prepare(raw))
        for unit in clauses._units(sentence)
        for clause in _clauses_in(unit)
    ]
    if any(c.kind == "grant" for c in found):
        found = [c for c in found if c.kind != "all_rights_reserved"]
    return clauses._limit(found)


# --- corpus ----------------------------------------------------------------------


def _corpus() -> list[tuple[str, str]]:
    files = [
        *sorted(ROOT.glob("examples/*/LICENSE")),
        *sorted(Path("/usr/share/common-licenses").glob("*")),
    ]
    return [(f.name, f.read_text(encoding="utf-8", errors="replace")) for f in files if f.is_file()]


@pytest.mark.parametrize(("name", "body"), _corpus(), ids=lambda v: v[:20])
def test_real_licence_texts_give_identical_clauses(name: str, body: str) -> None:
    assert detect_clauses(body) == reference_clauses(body)


_VOCABULARY = (
    "may not shall must cannot never use outputs results train develop other any models "
    "ai systems non-commercial noncommercial commercial purposes research only evaluation "
    "testing non-production revenue turnover $1 €5 million MAU monthly active users "
    "acceptable use policy prohibited weapons military the following distribute redistribute "
    "sublicense modify derivative works fine-tune reverse engineer all rights reserved "
    "proprietary confidential unauthorized include name prominently display must cite "
    "credit copyright notice hereby grants you may licensed under the permission to use "
    "except as provided liable construed is are requires a separate license"
)
TOKENS = st.sampled_from(
    [
        *_VOCABULARY.split(" "),
        ":",
        ";",
        ".",
        ",",
        "\n",
        "\n\n",
        "-\n",
        "(a)",
        "*",
        "#",
        "<br>",
        "&NBSP;",
        "'built with Acme'",
        '"Powered by X"',
        "reſearch",  # long s: matched as "s" when case is ignored
        "İLLEGAL",  # dotted capital I: matched as "i"
        "\u212aILLS",  # Kelvin sign: matched as "k"
        "ı",
        "\u00a0",
        "\u2014",
        "©",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=250), st.sampled_from([" ", "", "  ", "\t"]))
def test_licence_like_text_gives_identical_clauses(words: list[str], sep: str) -> None:
    body = sep.join(words)
    assert detect_clauses(body) == reference_clauses(body)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_gives_identical_clauses(body: str) -> None:
    assert detect_clauses(body) == reference_clauses(body)


# --- the prefilter's keywords ----------------------------------------------------


def test_every_rule_has_a_step_with_keywords() -> None:
    assert all(any(step.keywords for step in rule.steps) for rule in clause_rules.RULES)
    steps = {step for rule in clause_rules.RULES for step in rule.steps}
    assert all(w and w == w.lower() and "\n" not in w for s in steps for w in s.keywords)


@pytest.mark.parametrize(
    "index", range(len(clause_rules.RULES)), ids=lambda i: f"{i}-{clause_rules.RULES[i].kind}"
)
# 25 strings per rule (550 in all): each rule's phrasings in test_licenses_clauses.py's
# CASES and the real licence texts above also go through the prefilter
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_match_of_a_step_holds_one_of_its_keywords(index: int, data: st.DataObject) -> None:
    """Strings generated from each pattern contain a keyword once folded: none is missing."""
    for step in clause_rules.RULES[index].steps:
        if not step.keywords:
            continue
        sample = data.draw(st.from_regex(step.rx))
        match = step.rx.search(sample)
        assert match is not None
        held = clauses._folded(match.group())
        assert any(w in held for w in step.keywords), (match.group(), step.keywords)


def test_the_fold_covers_every_letter_ignorecase_reads_as_ascii() -> None:
    """_FOLD maps each non-ASCII letter that re.IGNORECASE equates with an ASCII one."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for found in re.finditer(letter, every, re.IGNORECASE):
            assert clauses._folded(found.group()) == letter, hex(ord(found.group()))


def test_identification_caches_read_what_the_readers_read() -> None:
    """identification.py keys its caches on the first MAX_TEXT_CHARS characters."""
    assert text.MAX_TEXT_CHARS == clauses.MAX_TEXT_CHARS
    head = "For non-commercial use only. " * 3000
    assert detect_clauses(head) == detect_clauses(head[: text.MAX_TEXT_CHARS])
    assert detect_clauses(" " * text.MAX_TEXT_CHARS + "Non-commercial.") == ()
