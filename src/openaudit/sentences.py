"""Where the sentences of model card text begin and end: one splitter for every reader.

A card is markdown written by many hands, so a sentence here is what a careful reader
takes as one statement, not only what ends in a full stop:

- Blocks first. A blank line, a heading line (`## Training`), a list item (`- `, `* `,
  `+ `, `1.`, `1)`), a table row (`| ... |`), a block quote (`>`), an HTML line (`<p>`),
  a rule or setext underline (`---`, `===`), a code fence and every line inside one,
  and a definition line ("License: MIT", "**Model type:** causal LM") each start a new
  block; so does the line after a markdown hard break (two trailing spaces, a trailing
  backslash or `<br>`). A heading, a table row, a rule and a code line are one block of
  their own. Any other line break inside a paragraph or a list item is a soft wrap:
  the sentence goes on across it ("trained on\\nImageNet-1k." is one sentence).
- Inside a block, a sentence ends after `.`, `!` or `?` (any closing quotes, brackets
  or emphasis marks after it stay with it) followed by white space, and right after the
  CJK full stop, exclamation and question marks (U+3002, U+FF01, U+FF1F, with their
  closing marks). Not an end:
  - a full stop after an abbreviation that never ends a sentence ("e.g.", "i.e.", "vs.",
    "cf.", "approx.", "Fig.", "Eq.", "Dr.") or after one that ends it only before a
    capital ("et al.", "etc.", "Inc.": "et al. (2023)" goes on, "etc. The" ends);
  - a full stop after a single capital letter (an initial: "J. Smith");
  - an ellipsis (`...`, `…`) unless a capital follows;
  - a list item's own number ("1. Install");
  - anything inside a markdown link or image (`[see v1. Really](url)`) or a code span.
  A full stop not followed by white space is never an end, so version numbers (v1.5),
  decimals (3.14), file names (model.safetensors) and URLs never split.

A sentence is a span of the text with no white space at either end; the spans are in
order, do not overlap, and every character that is not white space lies in one (list
markers and table pipes stay in their sentence). Splitting is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

# A line that starts a block of its own (after optional indentation). Groups: `single`
# the line is a whole block (heading, table row, rule or setext underline, fence);
# `fence` a code fence; `marker` a list item's marker; `label` a definition line, which
# ends at its line's end.
_BLOCK_START = re.compile(
    r"[ \t]*(?:"
    r"(?P<fence>```|~~~)"
    r"|(?P<single>#{1,6}(?:[ \t]|$)|\||(?:[-*_=][ \t]*){3,}$)"
    r"|(?P<marker>[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))"
    r"|[><]"
    # a definition line: a short capitalised label, maybe bold, then a colon
    r"|(?P<label>(?:\*\*|__)?[A-Z][\w ,/()&'-]{0,40}:(?:\*\*|__)?(?:[ \t]|$))"
    r")"
)
# A markdown hard line break at the end of a line: two spaces, a backslash, <br>.
_BR = ("<br>", "<br/>", "<br />")
# A sentence-ending mark and the marks after it (more ends, closing quotes, brackets,
# emphasis and code marks); `next` is the first character after the white space that
# follows it. A CJK full stop needs no white space after it. One character class
# first keeps the scan fast (an alternation of groups is several times slower).
_CJK_STOPS = "\u3002\uff01\uff1f"
_CJK_CLOSING = "\u300d\u300f\uff09"
_CLOSING = "\"'\u201d\u2019)\\]*_`"
_END = re.compile(
    rf"[.!?\u2026{_CJK_STOPS}][.!?\u2026{_CJK_STOPS}{_CJK_CLOSING}{_CLOSING}]*"
    rf"(?:(?=\s+(?P<next>\S))|(?<=[{_CJK_STOPS}{_CJK_CLOSING}\u201d\u2019)\]]))"
)
# The word that ends a text (inner dots kept: "e.g", "w.r.t"), as long as an
# abbreviation can be.
_LAST_WORD = re.compile(r"(?<![^\W_])[^\W\d_]+(?:\.[^\W\d_]+)*$")
WORD_REACH = 12
_ET = re.compile(r"\bet\s+al$", re.IGNORECASE)
# Spans inside which nothing ends: markdown links and images, and code spans. A code span
# opens and closes with backtick runs of one length (CommonMark), so a run with no match
# ("```" before "[`a. b`](...)") is plain text and leaves the link after it whole.
_PROTECTED = re.compile(
    r"!?\[[^\[\]\n]{0,500}\]\([^()\s]{0,2000}\)"
    r"|(?<!`)(`{1,3})(?!`)[^\n]{1,500}?(?<!`)\1(?!`)"
)

# Abbreviations (lower case, inner dots kept, final dot dropped) that never end a sentence,
# (words that also end sentences as units or words, "ms", "sec", "no", are not here)
ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "incl", "fig", "figs", "eq", "eqs",
     "dr", "mr", "mrs", "prof", "jr", "sr", "resp", "viz", "w.r.t", "vol", "pp", "esp"}
)  # fmt: skip
# ... and those that end one only before a capital letter.
ENDS_BEFORE_CAPITAL = frozenset({"etc", "inc", "ltd", "co", "corp", "u.s"})  # and "et al."


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, in order (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    protected = _Protected(text)
    for start, end, body, prose in _blocks(text):
        if prose:
            _split_block(text, start, end, body, protected, spans)
        else:
            _append(text, start, end, spans)
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, as strings (see the module docstring)."""
    return [text[start:end] for start, end in sentence_spans(text)]


class Sentences:
    """The sentences of one text, split once, with the look-ups readers need."""

    __slots__ = ("_holding", "_starts", "_texts", "spans", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [start for start, _ in self.spans]
        self._texts: list[str] | None = None
        self._holding: dict[str, list[str]] = {}

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.spans)

    @property
    def texts(self) -> list[str]:
        """Every sentence's text, in order."""
        if self._texts is None:
            self._texts = [self.text[start:end] for start, end in self.spans]
        return self._texts

    def span_at(self, position: int) -> tuple[int, int]:
        """The span of the sentence holding `position`; in the white space between two
        sentences (or outside all), the empty span at `position`."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and position < self.spans[index][1]:
            return self.spans[index]
        return position, position

    def span_around(self, start: int, end: int) -> tuple[int, int]:
        """The span from the start of the sentence holding `start` to the end of the one
        holding `end - 1` (start:end itself where it lies between sentences)."""
        first = self.span_at(start)[0]
        last = self.span_at(max(start, end - 1))[1]
        return min(first, start), max(last, end)

    def holding(self, needle: str) -> list[str]:
        """The sentences that hold `needle` (a URL, a name), in order."""
        if needle not in self._holding:
            self._holding[needle] = [s for s in self.texts if needle in s]
        return self._holding[needle]


class _Protected:
    """Where markdown links and images and code spans lie in a text."""

    __slots__ = ("ends", "starts")

    def __init__(self, text: str) -> None:
        found = [m.span() for m in _PROTECTED.finditer(text)] if "](" in text or "`" in text else []
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def __contains__(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]


# What a block is: split into sentences (prose) or one sentence whole (a heading, a
# table row, a rule, a code line).
_PROSE, _WHOLE = True, False


def _blocks(text: str) -> Iterator[tuple[int, int, int, bool]]:
    """(start, end, body, prose) of each block that is not blank: `body` is where a list
    item's text starts (after its marker), else `start`; `prose` whether the block is
    split into sentences (else it is one sentence)."""
    open_at: int | None = None  # start of the open block that later lines may continue
    body = 0
    fence: str | None = None
    at, length = 0, len(text)
    while at <= length:
        newline = text.find("\n", at)
        line_end = length if newline == -1 else newline
        line = text[at:line_end]
        if line.endswith("\r"):  # a Windows line break
            line = line[:-1]
        blank = not line or line.isspace()
        if fence is not None:  # inside a code fence: every line a block of its own
            if not blank:
                yield at, line_end, at, _WHOLE
            if line.lstrip().startswith(fence):
                fence = None
        elif blank:
            if open_at is not None:
                yield open_at, at, body, _PROSE
            open_at = None
        else:
            start = _BLOCK_START.match(line)
            if start is not None or open_at is None:
                if open_at is not None:
                    yield open_at, at, body, _PROSE
                open_at, body = at, at
                if start is not None and start.group("marker"):
                    body = at + start.end()
                elif start is not None and (start.group("fence") or start.group("single")):
                    yield at, line_end, at, _WHOLE
                    open_at = None
                    if start.group("fence"):
                        fence = start.group("fence")
            ends_line = start is not None and start.group("label")
            if open_at is not None and (ends_line or _hard_break(line)):
                yield open_at, line_end, body, _PROSE
                open_at = None
        if newline == -1:
            break
        at = newline + 1
    if open_at is not None:
        yield open_at, length, body, _PROSE


def _split_block(
    text: str, start: int, end: int, body: int, protected: _Protected, spans: list[tuple[int, int]]
) -> None:
    """Append the sentences of the prose block text[start:end] to `spans`."""
    begin = start
    for match in _END.finditer(text, body, end):
        if _ends_sentence(text, match, protected):
            _append(text, begin, match.end(), spans)
            begin = match.end()
    _append(text, begin, end, spans)


def _ends_sentence(text: str, match: re.Match[str], protected: _Protected) -> bool:
    """Whether the end mark `match` (of `_END`) ends a sentence."""
    if protected.starts and match.start() in protected:
        return False
    mark = match.group()
    following = match["next"]
    if following is None:  # no white space after it: only a CJK full stop ends here
        return any(stop in mark for stop in _CJK_STOPS)
    if mark[0] in "!?" or mark[0] in _CJK_STOPS:
        return True
    if mark[0] == "\u2026" or mark.startswith(".."):  # an ellipsis
        return following.isupper()
    at = match.start()
    last = _LAST_WORD.search(match.string[max(0, at - WORD_REACH) : at])
    if last is None:
        return True
    word = last.group()
    lower = word.lower()
    if lower in ABBREVIATIONS:
        return False
    if lower in ENDS_BEFORE_CAPITAL or (lower == "al" and _et_before(match)):
        return following.isupper()
    return not (len(word) == 1 and word.isupper())  # an initial: "J. Smith"


def _append(text: str, begin: int, stop: int, spans: list[tuple[int, int]]) -> None:
    """Append text[begin:stop] without its surrounding white space, if any is left."""
    while begin < stop and text[begin].isspace():
        begin += 1
    while stop > begin and text[stop - 1].isspace():
        stop -= 1
    if begin < stop:
        spans.append((begin, stop))


def _hard_break(line: str) -> bool:
    """Whether a line ends in a markdown hard line break."""
    if line.endswith(("  ", "\\")):
        return True
    return (line[-1] == ">" or line[-1].isspace()) and line.rstrip().lower().endswith(_BR)


def _et_before(match: re.Match[str]) -> bool:
    """Whether the word "al" of an end mark follows "et" ("et al.")."""
    at = match.start()
    return _ET.search(match.string, max(0, at - 10), at) is not None
