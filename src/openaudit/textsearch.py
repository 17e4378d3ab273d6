"""Regex searches over card text that skip the scan when the text cannot match.

Python's `re` walks every position of the text for a pattern that starts with `\\b`,
an optional character or a case-insensitive alternation: some 25 µs for 4 KB of card
text, per pattern, per card. Most of those patterns need a word that most cards lack
("needed", "scratch", "checkpo"), and `in` over the lowercased text finds that out in
a fraction of the time. `needles(pattern)` works out such words from the pattern
itself, so they never drift from it:

    found = search(PLACEHOLDER, text)   # PLACEHOLDER.search(text), the same answer

A needle is a run of literal characters every match must contain, lowercased. The
letters `i` and `s` are never part of one: a case-insensitive `i` also matches the
dotless i (U+0131) and `s` the long s (U+017F), whose lowercase forms are not `i` and `s`.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["lowered", "needles", "search", "sub"]

_UNSAFE = frozenset("is")  # letters whose case-insensitive matches lower to something else
_last = threading.local()  # per thread: the text lowered last, and its lowercase form

Needles = tuple[str, ...]  # a match contains at least one of them (lowercased)


def lowered(text: str) -> str:
    """`text.lower()`, remembered for the text lowered last (several patterns, one text)."""
    last = getattr(_last, "lowered", None)
    if last is not None and last[0] is text:
        low: str = last[1]
        return low
    low = text.lower()
    _last.lowered = (text, low)
    return low


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, without the scan when the text lacks the pattern's needles."""
    found = needles(pattern)
    if found is not None and not any(needle in lowered(text) for needle in found):
        return None
    return pattern.search(text)


def sub(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """`pattern.sub(replacement, text)`, without the scan when the text cannot match."""
    found = needles(pattern)
    if found is not None and not any(needle in lowered(text) for needle in found):
        return text
    return pattern.sub(replacement, text)


@lru_cache(maxsize=256)
def needles(pattern: re.Pattern[str]) -> Needles | None:
    """Lowercase strings at least one of which every match of `pattern` contains;
    None when the pattern has none worth looking for (an empty match, no literal)."""
    found = _required(_parser.parse(pattern.pattern, pattern.flags))
    return tuple(dict.fromkeys(found)) if found and min(map(len, found)) >= 3 else None


def _plain(char: str) -> bool:
    """A character whose matches all lowercase to `char.lower()`, with or without IGNORECASE."""
    return (char.isascii() and char.isalnum() and char.lower() not in _UNSAFE) or char in " -/:."


def _required(items: Any) -> Needles | None:
    """The most selective needles of a sequence of parsed items (all must match)."""
    options: list[Needles] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL and _plain(chr(arg)):
            run.append(chr(arg).lower())
            continue
        options.append(("".join(run),))
        run = []
        if op is sre.SUBPATTERN:
            options.append(_required(arg[-1]) or ())
        elif op is sre.BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            if all(branches):
                options.append(tuple(n for branch in branches if branch for n in branch))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            options.append(_required(arg[2]) or ())
    options.append(("".join(run),))
    usable = [option for option in options if option and all(option)]
    return max(usable, key=lambda option: min(map(len, option)), default=None)
