"""Markdown reference-style links, written where they are used.

`[the corpus][ds]` ... `[ds]: https://huggingface.co/datasets/org/corpus` (the
definition often at the card's end, under whatever section comes last) is a link in the
sentence that uses it. Every reader finds a link by its URL in a section's or a
sentence's text, so each use of a defined label (`[text][label]`, `[label][]`,
`[label]`) is written as the inline link it stands for, and each definition used is
blanked out: a definition line is no mention. A definition no text uses stays as written
(it is the only place the link is), and a label defined under a References, Citation or
Bibliography heading is left as written, uses and definition: a reference list says the
works it lists are others' ("our approach follows [1]"), which its place tells the
readers. Line breaks are kept, so line numbers stay what they were; fenced code is left
as it is."""

from __future__ import annotations

import re
from bisect import bisect_right

# A definition line: up to 3 spaces, [label]: URL (or <URL>), an optional title.
_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[([^\[\]\n]{1,999})\]:[ \t]*(?:<([^<>\n]*)>|(\S+))"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$",
    re.MULTILINE,
)
# A use: [text][label], [label][] or [label] (the last not followed by "(", "[" or ":",
# which would make it an inline link, another form or a definition).
_USE = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){1,999})\]"
    r"(?:\[([^\[\]\n]{0,999})\]|(?![\[(:]))"
)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_ATX = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+([^\n]{0,200})", re.MULTILINE)
_REFERENCE_TITLE = re.compile(r"referenc|citation|bibliograph|works\s+cited", re.IGNORECASE)
MAX_DEFINITIONS = 1000  # labels read (a card defines a handful)
_NOT_NEWLINE = re.compile(r"[^\n]")


def _label(text: str) -> str:
    """A label as markdown matches it: case and runs of white space do not count."""
    return " ".join(text.split()).casefold()


class _Spans:
    """Disjoint spans of a text, sorted; `holds(at)`: whether one holds the position."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def holds(self, at: int) -> bool:
        index = bisect_right(self.starts, at) - 1
        return index >= 0 and at < self.spans[index][1]


def _code_blocks(text: str) -> _Spans:
    """The fenced code blocks of the text (an unclosed fence runs to the end)."""
    spans: list[tuple[int, int]] = []
    if "``" not in text and "~~" not in text:
        return _Spans(spans)
    opened: re.Match[str] | None = None
    for match in _FENCE.finditer(text):
        fence = match.group(1)
        if opened is None:
            opened = match
        elif fence[0] == opened.group(1)[0] and len(fence) >= len(opened.group(1)):
            end = text.find("\n", match.end())
            spans.append((opened.start(), len(text) if end == -1 else end))
            opened = None
    if opened is not None:
        spans.append((opened.start(), len(text)))
    return _Spans(spans)


def _inline_target(url: str) -> str:
    """The URL as an inline link's destination (in <> when it holds a space or a paren)."""
    return f"<{url}>" if re.search(r"[\s()]", url) else url


def inline_references(text: str) -> str:
    """The text with each reference-style link written as an inline link where it is
    used, and each definition used blanked out (line breaks kept)."""
    if "]:" not in text:  # no definition: nothing to resolve
        return text
    code = _code_blocks(text)
    listed = _reference_lists(text, code)
    targets: dict[str, str] = {}
    lines: dict[str, list[tuple[int, int]]] = {}
    for match in _DEFINITION.finditer(text):
        if code.holds(match.start()) or listed.holds(match.start()):
            continue
        label = _label(match.group(1))
        url = (match.group(2) if match.group(2) is not None else match.group(3)).strip()
        if not label or label.startswith("^") or not url:
            continue  # "[^1]: ..." is a footnote, no link
        lines.setdefault(label, []).append(match.span())
        targets.setdefault(label, url)  # the first definition of a label counts
        if len(lines) >= MAX_DEFINITIONS:
            break
    if not targets:
        return text
    blank = _Spans([span for spans in lines.values() for span in spans])
    used: set[str] = set()

    def inline(match: re.Match[str]) -> str:
        if code.holds(match.start()) or blank.holds(match.start()):
            return match.group(0)
        shown, named = match.group(2), match.group(3)
        label = _label(named if named else shown)
        url = targets.get(label)
        if url is None:
            return match.group(0)
        used.add(label)
        return f"{match.group(1)}[{shown}]({_inline_target(url)})"

    resolved = _USE.sub(inline, text)
    if not used:
        return text

    # blank out the definitions used (positions moved: found again in the new text)
    def unused_or_blank(match: re.Match[str]) -> str:
        if _label(match.group(1)) not in used:
            return match.group(0)
        return _NOT_NEWLINE.sub(" ", match.group(0))

    resolved_code = _code_blocks(resolved)
    return _DEFINITION.sub(
        lambda m: m.group(0) if resolved_code.holds(m.start()) else unused_or_blank(m),
        resolved,
    )


def _reference_lists(text: str, code: _Spans) -> _Spans:
    """The stretches of text under a heading titled as a reference list (References,
    Citation, Bibliography), each up to the next heading."""
    headings = [m for m in _ATX.finditer(text) if not code.holds(m.start())]
    spans = [
        (heading.start(), headings[i + 1].start() if i + 1 < len(headings) else len(text))
        for i, heading in enumerate(headings)
        if _REFERENCE_TITLE.search(heading.group(1))
    ]
    return _Spans(spans)
