"""Regex searches over card text that skip the scan when the text cannot match.

Python's `re` walks every position of the text for a pattern that starts with `\\b`,
an optional character or a case-insensitive alternation: some 25 µs for 4 KB of card
text, per pattern, per card. Most of those patterns need a word that most cards lack
("information needed", "scratch", "checkpoint"), and `in` over the lowercased text
finds that out in a fraction of the time. `needles(pattern)` works out such words from the pattern
itself, so they never drift from it:

    found = search(PLACEHOLDER, text)   # PLACEHOLDER.search(text), the same answer

A needle is a run of literal ASCII characters every match must contain, lowercased.
A pattern that goes through an alternation (`this sentence|that one`, `common crawl|c4`)
is also checked branch by branch: a match going one way holds that branch's needles as
well, so a text holding a needle of one branch only ("limitations", "fine-tuned") is
still skipped when no branch has all of its needles there.
The text is lowercased so that whatever a case-insensitive letter matches reads as that
letter: besides upper and lower case, `i` matches the dotless i (U+0131) and the dotted
capital I (U+0130, which lowercases to i and a combining dot), `s` the long s (U+017F)
and `k` the Kelvin sign (which lowercases to k).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import product
from math import prod
from typing import Any

try:  # CPython's regex parser (3.11+); without it every search simply runs the regex
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python implementation or version
    _parser = sre = None

__all__ = [
    "finditer", "lowered", "may_match", "needles", "search", "span_may_match", "spans_may_match",
    "sub",
]  # fmt: skip

# What lowercasing leaves of the other characters re.IGNORECASE takes for ASCII letters.
_FOLDS = (("\u0131", "i"), ("\u0307", ""), ("\u017f", "s"))
_recent = threading.local()  # per thread: the texts looked at lately (_Text), by id
MAX_RECENT = 16  # a card's sections, passages and body alternate under several patterns
MAX_RECENT_CHARS = 1_000_000  # and their characters, so a few huge texts are not all kept

Clause = tuple[str, ...]  # a match contains at least one of them (lowercased)
Needles = tuple[Clause, ...]  # a match satisfies every clause
MIN_NEEDLE = 2  # single letters are in nearly every text: not worth looking for
MAX_CLAUSES = 32


def lowered(text: str) -> str:
    """`text.lower()`, remembered for the text lowered last (several patterns, one text)."""
    return _text(text).low


class _Text:
    """A text lowered, which needles it holds and which patterns may match it (each
    looked for once: several patterns, and some patterns several times, check one text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.lower()
        if not low.isascii():
            for char, letter in _FOLDS:
                low = low.replace(char, letter)  # dropping a combining dot only adds needles
        self.low = low
        self.ascii = text.isascii()  # then low[i] is text[i] lowered: spans carry over
        self.holds: dict[str, bool] = {}
        self.places: dict[str, list[int]] = {}  # by needle: where it stands (`at`)
        self.may: dict[_Plan, bool] = {}  # by plan: kept, so never mistaken for another

    def has(self, needle: str) -> bool:
        found = self.holds.get(needle)
        if found is None:
            found = self.holds[needle] = needle in self.low
        return found

    def at(self, needle: str) -> list[int]:
        """Where the needle stands in the lowered text, in order (found once)."""
        found = self.places.get(needle)
        if found is None:
            found = self.places[needle] = []
            if self.has(needle):
                low, start = self.low, self.low.find(needle)
                while start != -1:
                    found.append(start)
                    start = low.find(needle, start + 1)
        return found


def _text(text: str) -> _Text:
    """The text as looked at lately, kept per thread while several patterns check it
    (by id: each entry holds its text, so the id is not another text's meanwhile)."""
    recent: dict[int, _Text] | None = getattr(_recent, "texts", None)
    if recent is None:
        recent = _recent.texts = {}
        _recent.chars = 0
    seen = recent.get(id(text))
    if seen is None or seen.text is not text:
        if len(recent) >= MAX_RECENT or _recent.chars + len(text) > MAX_RECENT_CHARS:
            recent.clear()
            _recent.chars = 0
        seen = recent[id(text)] = _Text(text)
        _recent.chars += len(text)
    return seen


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when the text lacks the pattern's needles (it cannot match anywhere)."""
    plan = _plan(pattern)
    if plan.needles is None:
        return True
    seen = _text(text)
    found = seen.may.get(plan)
    if found is None:
        found = seen.may[plan] = plan.holds(seen)
    return found


def span_may_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """False when `text[start:end]` (a sentence of the text, say) cannot match the
    pattern: as `may_match(pattern, text[start:end])`, looked for in place in the
    text lowered once. A text that is not ASCII is not checked (True): lowering it
    may move its characters."""
    plan = _plan(pattern)
    if plan.needles is None:
        return True
    seen = _text(text)
    if not seen.ascii:
        return True
    return plan.holds(_Span(seen, start, end))


def spans_may_match(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The positions in `spans` (of the text, in order) of the spans that may match the
    pattern (`span_may_match` of each): a needle every match holds is looked for once
    in the whole text, and only the spans holding it are checked further."""
    plan = _plan(pattern)
    seen = _text(text)
    if plan.needles is None or not seen.ascii:
        return list(range(len(spans)))
    starts = [start for start, _ in spans]
    near: set[int] = set()
    for needle in plan.needles[0]:  # a match holds one of them: spans without are out
        for at in seen.at(needle):
            index = bisect_right(starts, at) - 1
            if index >= 0 and at + len(needle) <= spans[index][1]:
                near.add(index)
    return [i for i in sorted(near) if plan.holds(_Span(seen, *spans[i]))]


class _Span:
    """A span of an ASCII text, as `_Plan.holds` reads a text: a needle is in it when
    one of the needle's places in the whole text lies within it."""

    __slots__ = ("end", "start", "text")

    def __init__(self, text: _Text, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end

    def has(self, needle: str) -> bool:
        places = self.text.at(needle)
        # the first place at or after the start: if it ends past the end, so do the rest
        index = bisect_left(places, self.start)
        return index < len(places) and places[index] + len(needle) <= self.end


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, without the scan when the text lacks the pattern's needles."""
    return pattern.search(text) if may_match(pattern, text) else None


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, empty at once when the text cannot match."""
    return pattern.finditer(text) if may_match(pattern, text) else iter(())


def sub(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """`pattern.sub(replacement, text)`, without the scan when the text cannot match."""
    return pattern.sub(replacement, text) if may_match(pattern, text) else text


class _Plan:
    """How to tell that a text cannot match one pattern: the clauses every match holds
    (`needles`), then the ways through its first alternation, one of which a match
    takes: a needle of `either` (branches needing one word), or every clause of one of
    `ways` (branches needing more)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern  # kept: its id stays its own while the plan is cached
        self.needles = needles(pattern)
        either: list[str] = []
        ways: list[Needles] = []
        for way in _ways(pattern) if self.needles is not None else ():
            if len(way) == 1:
                either += way[0]
            else:
                ways.append(way)
        self.either = tuple(dict.fromkeys(either))
        self.ways = tuple(ways)
        self.branched = bool(either or ways)

    def holds(self, text: _Text | _Span) -> bool:
        """Whether the text holds what a match needs (it may match)."""
        has = text.has
        # plain loops: a generator per clause costs as much as looking for a needle
        for clause in self.needles or ():
            for needle in clause:
                if has(needle):
                    break
            else:
                return False
        if not self.branched:
            return True
        for needle in self.either:
            if has(needle):
                return True
        for way in self.ways:
            for clause in way:
                for needle in clause:
                    if has(needle):
                        break
                else:
                    break  # a clause of this way fails
            else:
                return True
        return False


_plans: dict[int, _Plan] = {}  # by the pattern's id: hashing a pattern hashes its code
MAX_PLANS = 256


def _plan(pattern: re.Pattern[str]) -> _Plan:
    """The pattern's plan, worked out once (an id reused by another pattern is replanned)."""
    plan = _plans.get(id(pattern))
    if plan is not None and plan.pattern is pattern:
        return plan
    if len(_plans) >= MAX_PLANS:
        _plans.clear()
    plan = _plans[id(pattern)] = _Plan(pattern)
    return plan


def _ways(pattern: re.Pattern[str]) -> tuple[Needles, ...]:
    """Per branch of the first alternation every match goes through, the clauses a match
    going that way holds of its own (what the rest of the pattern needs is in its
    `needles`); () when there is no such alternation, or a branch needs no needle."""
    if _parser is None:
        return ()
    try:
        items = _parser.parse(pattern.pattern, pattern.flags)
        branches = _first_branch(items)
        ways = tuple(_required(branch) for branch in branches or ())
        return ways if all(ways) else ()
    except Exception:  # a parser that changed shape: the needles alone decide
        return ()


def _first_branch(items: Any) -> Any:
    """The branches of the first alternation a match of the sequence must go through
    (at its top level or in a group there), or None."""
    for op, arg in items:
        if op is sre.BRANCH:
            return arg[1]
        if op is sre.SUBPATTERN:
            found = _first_branch(arg[-1])
            if found is not None:
                return found
    return None


@lru_cache(maxsize=256)
def needles(pattern: re.Pattern[str]) -> Needles | None:
    """What every match of `pattern` contains: for each clause, at least one of its
    lowercase strings. None when the pattern has no such words worth looking for."""
    if _parser is None:
        return None
    try:
        return _required(_parser.parse(pattern.pattern, pattern.flags)) or None
    except Exception:  # a parser that changed shape: no pre-check, the regex decides
        return None


def _plain(char: str) -> bool:
    """A character whose matches all read as `char.lower()` in the lowered text."""
    return (char.isascii() and char.isalnum()) or char in " -/:."


def _required(items: Any) -> Needles:
    """The clauses every match of a sequence of parsed items satisfies (all of them)."""
    clauses: list[Clause] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL and _plain(chr(arg)):
            run.append(chr(arg).lower())
            continue
        clauses.append(("".join(run),))
        run = []
        if op is sre.SUBPATTERN:
            clauses += _required(arg[-1])
        elif op is sre.BRANCH:
            clauses += _either([_required(branch) for branch in arg[1]])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            clauses += _required(arg[2])
    clauses.append(("".join(run),))
    return _fewest([c for c in clauses if min(map(len, c)) >= MIN_NEEDLE])


def _fewest(clauses: list[Clause]) -> Needles:
    """The clauses that no other clause implies (one whose words are a subset of
    another's), each without the words that hold another of its words (if "merg" is
    missing, so is "merged"), the most selective first (long words, few of them):
    they are checked first and fail soonest."""
    kept: list[Clause] = []
    for clause in sorted(clauses, key=len):
        if not any(set(other) <= set(clause) for other in kept):
            kept.append(clause)
    bare = [tuple(n for n in c if not any(o != n and o in n for o in c)) for c in kept]
    bare.sort(key=lambda c: (-min(map(len, c)), len(c)))
    return tuple(bare[:MAX_CLAUSES])


def _either(branches: list[Needles]) -> Needles:
    """The clauses a match of one of the branches satisfies: (a and b) or c = (a or c)
    and (b or c). None when a branch has none; the most selective clauses when the
    product would be large."""
    if not all(branches):
        return ()
    if prod(map(len, branches)) > MAX_CLAUSES:
        branches = [(max(b, key=lambda c: min(map(len, c))),) for b in branches]
    return tuple(
        tuple(dict.fromkeys(needle for clause in choice for needle in clause))
        for choice in product(*branches)
    )
