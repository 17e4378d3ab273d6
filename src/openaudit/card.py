"""Model card parsing: bounded safe front matter, sections, links, placeholders.

`parse_card(text)` never raises on any input text; malformed metadata becomes
`metadata_error`. Every regex here is linear in the input (a 1 MiB card is routine).
What each link points at is decided in links.py.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from openaudit import textsearch
from openaudit.hub_refs import with_repo_ids
from openaudit.lazy import cached_attribute
from openaudit.links import LinkKind as LinkKind
from openaudit.links import classify_link as classify_link
from openaudit.links import parses
from openaudit.reference_links import inline_references
from openaudit.safeyaml import SafeYAMLError, load_bounded
from openaudit.sentences import Sentences

T = TypeVar("T")

CARD_SOURCE = "README.md"  # the file name metadata errors are reported against
MAX_LINKS = 2000  # distinct links kept per card
MAX_SECTIONS = 1000  # headings kept per card; later ones stay in the last section's text

# The top-level sections of the Hub's model card template, in template order.
TEMPLATE_SECTIONS: tuple[str, ...] = (
    "Model Details",
    "Uses",
    "Bias, Risks, and Limitations",
    "How to Get Started with the Model",
    "Training Details",
    "Evaluation",
    "Model Examination",
    "Environmental Impact",
    "Technical Specifications",
    "Citation",
    "Glossary",
    "More Information",
    "Model Card Authors",
    "Model Card Contact",
)

# Papers every card generated from the template cites (Lacoste et al., the CO2 calculator),
# and the all-zero arXiv id a card holds until its paper is out: not evidence that the
# model itself has a paper.
TEMPLATE_PAPER_IDS: frozenset[str] = frozenset({"1910.09700", "0000.00000", "0000.0000"})

# Default sentences of the template (and of cards transformers generates on push), each
# ending in a full stop (_has_content).
_TEMPLATE_BOILERPLATE = (
    "use the code below to get started with the model.",
    "users (both direct and downstream) should be made aware of the risks, biases and "
    "limitations of the model.",
    "more information needed for further recommendations.",
    "carbon emissions can be estimated using the machine learning impact calculator "
    "presented in lacoste et al. (2019).",
    "this is the model card of a 🤗 transformers model that has been pushed on the hub.",
    "this model card has been automatically generated.",
)


# The default sentences wherever they stand, line breaks and case as they come.
_BOILERPLATE = re.compile(
    "|".join(r"\s+".join(map(re.escape, s.split())) for s in _TEMPLATE_BOILERPLATE),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Section:
    """One heading of the card body and the text up to the next heading."""

    title: str
    level: int
    text: str
    line: int
    # a title a reader takes for a heading (a bold line, a <summary>): it holds its own
    # text only, never a later heading's, so no heading nests under it
    pseudo: bool = False

    @cached_attribute
    def words(self) -> int:
        """Number of words in the section text (not counting sub-sections), as `count_words`
        (counted once: several probes weigh the same sections)."""
        return count_words(self.text)


@dataclass(frozen=True)
class Link:
    """A link found in the card body, classified by where it points."""

    url: str
    text: str
    kind: LinkKind
    target: str | None = None  # arXiv id, Hub repo id, "github.com/org/repo", ...


@dataclass(frozen=True)
class Card:
    """A parsed model card."""

    metadata: dict[str, Any]
    metadata_error: str | None
    body: str  # after the front matter; HTML comments blanked out
    sections: tuple[Section, ...]
    links: tuple[Link, ...]
    placeholders: int
    has_front_matter: bool
    first_line: int = 1  # the README line of the body's first line
    # README lines of "<!-- original-model-card start/end -->" marks: (start, end) each
    appended_marks: tuple[tuple[int, int], ...] = ()
    # what was read otherwise than written: `base_model`/`datasets` Hub URLs read as ids
    metadata_notes: tuple[str, ...] = ()

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any]) -> Card:
        """A card known only by its metadata (README unreadable, e.g. gated)."""
        read, notes = with_repo_ids(metadata)
        return cls(dict(read), None, "", (), (), 0, bool(metadata), metadata_notes=notes)

    def find_section(self, *names: str) -> Section | None:
        """The first section whose title matches any name (case-insensitive; a
        name matches a title equal to it or containing it as whole words; a name ending
        in "*" matches the start of a word, as German compounds are written:
        "Trainings*" is in "Trainingsverfahren"). The card's title heading names the
        model, not a topic: it matches no name."""
        found_so_far = self._found
        if names in found_so_far:  # probes of several rubrics look up the same names
            return found_so_far[names]
        joined, starts = self._joined_titles
        first = -1
        for key in _padded_keys(names):  # plain loop: probes ask for one name at a time
            hit = joined.find(key)
            if hit != -1 and (first == -1 or hit < first):
                first = hit
        # titles hold words and spaces only: a key found lies within one title
        found = self.sections[bisect_right(starts, first) - 1] if first != -1 else None
        found_so_far[names] = found
        return found

    @cached_attribute
    def _joined_titles(self) -> tuple[str, list[int]]:
        """The padded normalised titles joined by NUL, and where each one starts."""
        starts, at = [], 0
        for title in self._titles:
            starts.append(at)
            at += len(title) + 1
        return "\0".join(self._titles), starts

    @cached_attribute
    def _found(self) -> dict[tuple[str, ...], Section | None]:
        """find_section's answers so far, by the names asked for."""
        return {}

    def find_sections(self, *names: str) -> tuple[Section, ...]:
        """Every section whose title matches any name, in card order (as `find_section`)."""
        found = self._found_all.get(names)
        if found is None:  # probes of several rubrics look up the same names
            sections = self.sections
            found = tuple(sections[index] for index in sorted(self._matching(names)))
            self._found_all[names] = found
        return found

    @cached_attribute
    def _found_all(self) -> dict[tuple[str, ...], tuple[Section, ...]]:
        """find_sections' answers so far, by the names asked for."""
        return {}

    def _matching(self, names: tuple[str, ...]) -> frozenset[int]:
        """The positions of the sections whose titles match any name (worked out once
        per card and names: readers ask of section after section)."""
        found = self._matches.get(names)
        if found is None:
            joined, starts = self._joined_titles
            hits: set[int] = set()
            # each name's key looked for in all the titles at once (many names, few hits)
            for key in _padded_keys(names):
                at = joined.find(key)
                while at != -1:
                    index = bisect_right(starts, at) - 1
                    hits.add(index)
                    if index + 1 == len(starts):
                        break
                    at = joined.find(key, starts[index + 1])
            found = self._matches[names] = frozenset(hits)
        return found

    @cached_attribute
    def _matches(self) -> dict[tuple[str, ...], frozenset[int]]:
        """_matching's answers so far, by the names asked for."""
        return {}

    def title_matches(self, section: Section, *names: str) -> bool:
        """Whether the section's title equals or contains any name as whole words (never
        the card's title heading: "# OpenData-7B" is a name, not a data section)."""
        at = self._positions.get(id(section))
        if at is not None and self.sections[at] is section:
            return at in self._matching(names)  # the title heading's title is blank
        if section is self.title_section:
            return False
        title = f" {_normalise_title(section.title)} "
        return any(key in title for key in _padded_keys(names))

    def section_path(self, section: Section) -> tuple[Section, ...]:
        """The section and the sections enclosing it (shallower headings before it),
        innermost first."""
        start = self._index(section)
        if start is None:
            return (section,)
        path, level = [section], section.level
        for earlier in reversed(self.sections[:start]):
            if earlier.level < level and not earlier.pseudo:
                path.append(earlier)
                level = earlier.level
        return tuple(path)

    def home_of(self, url: str) -> Section | None:
        """The innermost section whose own text holds the URL as a link target
        (`find_link`; None: before any heading)."""
        homes = self.homes_of(url)
        return homes[0] if homes else None

    def homes_of(self, url: str) -> list[Section]:
        """Every section whose own text holds the URL as a link target (`find_link`: not
        only as the start of a longer URL), in card order."""
        if url not in self._homes:
            self._homes[url] = [s for s in self.sections if holds_link(s.text, url)]
        return self._homes[url]

    def lines_with(self, url: str) -> list[str]:
        """The body's lines that hold the URL as a link target (`find_link`), in order."""
        if url not in self._lines:
            self._lines[url] = [line for line in self._body_lines if holds_link(line, url)]
        return self._lines[url]

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per card for `key`: a reading of the card that several
        readers share (the Hub source and the rubric, a scan row and its probes)."""
        try:
            return self._derived[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[key] = compute()
            return value

    def opening(self) -> str:
        """The body's text before its first heading (the whole body when it has none),
        split out once per card."""

        def read() -> str:
            if not self.sections:
                return self.body
            before = self.sections[0].line - self.first_line  # the body lines above it
            return "".join(self.body.splitlines(keepends=True)[: max(before, 0)])

        return self.derived("opening", read)

    def sentences(self, text: str | None = None) -> Sentences:
        """The sentences of one of this card's texts (a section's text, a `section_text`;
        by default the body), split once per card (what a sentence is: openaudit.sentences)."""
        part = self.body if text is None else text
        return self.derived(("sentences", part), lambda: Sentences(part))

    @cached_attribute
    def _derived(self) -> dict[Hashable, Any]:
        return {}

    @cached_attribute
    def _homes(self) -> dict[str, list[Section]]:
        return {}

    @cached_attribute
    def _lines(self) -> dict[str, list[str]]:
        return {}

    @cached_attribute
    def _body_lines(self) -> list[str]:
        return self.body.splitlines()

    def _index(self, section: Section) -> int | None:
        """The position of this very section (not an equal one) in `sections`."""
        at = self._positions.get(id(section))
        if at is not None and self.sections[at] is section:
            return at
        return next((i for i, s in enumerate(self.sections) if s is section), None)

    @cached_attribute
    def _positions(self) -> dict[int, int]:
        """Each section's position in `sections`, by the section's identity."""
        return {id(section): i for i, section in enumerate(self.sections)}

    @cached_attribute
    def _titles(self) -> tuple[str, ...]:
        """Normalised section titles, padded with spaces for whole-word matching (the
        card's title heading as a blank: it matches no name)."""
        title = self.title_section
        return tuple(
            f" {_normalise_title(section.title)} " if section is not title else " "
            for section in self.sections
        )

    @cached_attribute
    def title_section(self) -> Section | None:
        """The card's title heading: its first heading when that is the only one of
        level 1 (`# Model-7B` above `## Training` ...). It names the model, and its text
        is the card's introduction."""
        first = self.sections[0] if self.sections else None
        if first is None or first.level != 1:
            return None
        return first if all(section.level > 1 for section in self.sections[1:]) else None

    def section_text(self, section: Section) -> str:
        """The section's text including its sub-sections (deeper headings)."""
        parts = [section.text]
        for sub in self._subsections(section):
            parts.append(f"{'#' * sub.level} {sub.title}")
            parts.append(sub.text)
        return "\n\n".join(part for part in parts if part)

    def section_words(self, section: Section) -> int:
        """Words of the section and its sub-sections, as `count_words` counts them (the
        sub-sections' headings are titles, not text)."""
        return sum(part.words for part in (section, *self._subsections(section)))

    def links_of(self, *kinds: LinkKind) -> tuple[Link, ...]:
        """The links of the given kinds, in card order."""
        return tuple(link for link in self.links if link.kind in kinds)

    def template_coverage(self) -> tuple[tuple[str, bool], ...]:
        """For each template section: does the card have it with some real (not
        placeholder or template-default) text, in it or its sub-sections?"""
        return self._coverage

    @cached_attribute
    def _coverage(self) -> tuple[tuple[str, bool], ...]:
        result = []
        for name in TEMPLATE_SECTIONS:
            section = self.find_section(name)
            filled = section is not None and any(
                _has_content(part.text) for part in (section, *self._subsections(section))
            )
            result.append((name, filled))
        return tuple(result)

    @cached_attribute
    def appended_card(self) -> tuple[Section, ...]:
        """The sections of another model's card pasted below this card's own: from a
        heading naming an original or base model's card ("Original model card: X",
        "Base model card", "Original Model Card") to the end of the card (or to an
        `original-model-card end` mark), from a bare "Base model" / "Original model"
        heading only its own sub-sections, and whatever lies between
        `original-model-card start` and `end` marks. A heading without sub-sections
        whose few words link elsewhere ("## Original model card\nSee [X](...)") points
        to that card and pastes none. Whether this card is another model's (the base's
        of a fine-tune) or the release's own (a quantisation's copy), its reader decides."""
        if not self.sections or not (
            self.appended_marks or any(map(_APPENDED_HINT.search, self._titles))
        ):
            return ()
        found: set[int] = set()
        for start, end in self.appended_marks:
            found.update(i for i, s in enumerate(self.sections) if start <= s.line < end)
        for index, (section, title) in enumerate(zip(self.sections, self._titles, strict=True)):
            if index in found or section is self.title_section:
                continue
            subs = self._subsections(section)
            if _APPENDED_CARD.search(title):
                if not subs and section.words <= MAX_POINTER_WORDS and "://" in section.text:
                    continue  # a pointer to that card
                stop = next(
                    (end for start, end in self.appended_marks if start <= section.line < end),
                    None,
                )
                found.update(
                    i
                    for i in range(index, len(self.sections))
                    if stop is None or self.sections[i].line < stop
                )
            elif _BASE_HEADING.match(title) and subs:
                found.update(range(index, index + 1 + len(subs)))
        return tuple(s for i, s in enumerate(self.sections) if i in found)

    def without(self, sections: tuple[Section, ...]) -> Card:
        """This card with these sections taken out: their headings and text blanked in
        the body (positions and line numbers kept), their links and placeholders gone."""
        if not sections:
            return self
        gone = {id(section) for section in sections}
        body = self.body
        # where each body line starts, lines broken as `_sections` breaks them
        offsets = [0, *(m.end() for m in _LINE_BREAK.finditer(body)), len(body)]
        last = len(offsets) - 1

        def offset(line: int) -> int:
            return offsets[min(max(line - self.first_line, 0), last)]

        spans = []
        for index, section in enumerate(self.sections):
            if id(section) in gone:
                following = self.sections[index + 1] if index + 1 < len(self.sections) else None
                stop = offset(following.line) if following is not None else len(body)
                spans.append((offset(section.line), stop))
        body = "".join(
            part if i % 2 == 0 else _NOT_NEWLINE.sub(lambda m: " " * len(m.group()), part)
            for i, part in enumerate(_split_at(body, spans))
        )
        return Card(
            metadata=self.metadata,
            metadata_error=self.metadata_error,
            body=body,
            sections=tuple(s for s in self.sections if id(s) not in gone),
            links=_links(body),
            placeholders=count_placeholders(body),
            has_front_matter=self.has_front_matter,
            first_line=self.first_line,
        )

    def _subsections(self, section: Section) -> tuple[Section, ...]:
        """The sections after `section` with a deeper level, up to the next sibling."""
        start = self._index(section)
        if start is None:
            start = next((i for i, s in enumerate(self.sections) if s == section), None)
        if start is None or section.pseudo:
            return ()
        subs = []
        for following in self.sections[start + 1 :]:
            if following.level <= section.level:
                break
            subs.append(following)
        return tuple(subs)


# Headings of another model's card pasted into this one (normalised titles, padded):
# "Original model card: Meta's Llama 2 7B Chat", "Base Model Card", "Original README",
# "Model card of the base model".
_APPENDED_CARD = re.compile(
    r" (?:original|base|parent|source|upstream) model (?:s )?(?:card|readme) "
    r"| original (?:card|readme|model description) "
    r"| model card (?:of|for|from) (?:original|base|parent) "
)
# A bare "Base model" or "Original model" heading (maybe naming it: "Base model: X"):
# another model's card only when sections of that card lie under it.
_BASE_HEADING = re.compile(r"^ (?:original|base|parent) model ")
_APPENDED_HINT = re.compile(r" (?:original|base|parent|source|upstream) ")
MAX_POINTER_WORDS = 40  # a heading's text of at most this many words with a link: a pointer
_APPENDED_MARK = re.compile(r"<!--\s*original-model-card\s+(start|end)\s*-->", re.IGNORECASE)


def _split_at(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The text cut at the (ordered, disjoint) spans: outside, inside, outside, ..."""
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], text[start:end]]
        last = end
    return [*parts, text[last:]]


def _appended_marks(body: str, first_line: int) -> tuple[tuple[int, int], ...]:
    """README line spans between `original-model-card start` and `end` marks (a start
    without an end runs to the end of the card)."""
    if "original-model-card" not in body:
        return ()
    spans, start = [], None
    for mark in _APPENDED_MARK.finditer(body):
        line = first_line + body.count("\n", 0, mark.start())
        if mark.group(1).lower() == "start" and start is None:
            start = line
        elif mark.group(1).lower() == "end" and start is not None:
            spans.append((start, line + 1))
            start = None
    if start is not None:
        spans.append((start, first_line + body.count("\n") + 1))
    return tuple(spans)


# --- front matter -----------------------------------------------------------------

# The Hub's own regex (huggingface_hub REGEX_YAML_BLOCK), so both agree on what a block is.
_FRONT_MATTER = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _read_metadata(yaml_text: str, first_line: int) -> tuple[dict[str, Any], str | None]:
    """Metadata from the front-matter YAML, or {} and a one-line error."""
    try:
        data = load_bounded(yaml_text, source=CARD_SOURCE)
    except SafeYAMLError as err:
        if err.line is not None:
            err = SafeYAMLError(
                err.problem, source=err.source, line=err.line + first_line - 1, column=err.column
            )
        return {}, " ".join(str(err).split())
    except Exception as exc:  # the card must parse whatever the YAML library does
        return {}, f"{CARD_SOURCE}: could not read metadata ({type(exc).__name__})"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        shape = "a list" if isinstance(data, list) else "a scalar"
        return {}, f"card metadata must be a mapping, not {shape}"
    return data, None


# --- sections ---------------------------------------------------------------------

_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
# Lines that interrupt a paragraph or cannot start one (lists, quotes, HTML, indented code).
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:[-*+][ \t]|[-*+]$|\d{1,9}[.)](?:[ \t]|$)|>|<)| {4}|\t")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
# An HTML heading tag opening a line: <h2>, <H3 align="center">.
_HTML_HEADING = re.compile(r" {0,3}<[hH]([1-6])(?=[\s>/])[^<>]*>")
HTML_HEADING_LINES = 5  # lines an HTML heading may span before its closing tag
# The first characters of a line that the patterns above can match (besides spaces, tabs
# and, for a list item, a digit): any other line is a paragraph's text.
_MARKDOWN_STARTS = frozenset("`~#<=-*_+>")
# A title written as a line of bold text alone ("**Training Data**", "__Results:__",
# "***Hardware***:"), not a sentence in bold: at most MAX_TITLE_CHARS characters and
# MAX_TITLE_WORDS words, no link or URL, not ending in a full stop, ! or ?.
_BOLD_TITLE = re.compile(r" {0,3}(\*{2,3}|_{2,3})(?=\S)([^*_]+?)(?<=\S)\1[ \t]*:?[ \t]*")
MAX_TITLE_CHARS = 100
MAX_TITLE_WORDS = 10
# The title of a collapsible block: "<summary>Title</summary>", maybe after the block's
# "<details>" on the same line; its closing tag may follow on later lines.
_SUMMARY = re.compile(r" {0,3}(?:<details\b[^<>]*>[ \t]*)?<summary\b[^<>]*>", re.IGNORECASE)
_DETAILS_ONLY = re.compile(r" {0,3}<details\b[^<>]*>[ \t]*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Heading:
    start: int  # index of the first line of the heading (setext: of its paragraph)
    end: int  # index of the line after the heading
    level: int
    title: str
    pseudo: bool = False  # a bold title line or a <summary> (Section.pseudo)


def _atx_title(rest: str) -> str:
    """An ATX heading's content without its optional closing sequence of #'s."""
    title = rest.strip()
    bare = title.rstrip("#")
    if bare != title and (not bare or bare[-1] in " \t"):
        title = bare.rstrip()
    return title


def _fence_closes(line: str, fence: str) -> bool:
    """Whether a line closes the open fence: the same character, at least as many."""
    stripped = line.lstrip(" ")
    run = len(stripped) - len(stripped.lstrip(fence[0]))
    return len(line) - len(stripped) <= 3 and run >= len(fence) and not stripped[run:].strip()


class _HeadingScanner:
    """Finds ATX and setext headings outside fenced code (CommonMark rules, simplified),
    HTML <h1>-<h6> headings that start a line, and the titles a reader takes for headings
    although markdown does not: a paragraph that is one line of bold text alone
    (`_BOLD_TITLE`) and the `<summary>` of a collapsible `<details>` block.

    Such a title is a heading one level below the last markdown or HTML heading above it
    (level 2 before any: a part of the card, never its title), so its text is its own,
    not the text of the section above, while sections enclosing it still hold it
    (`Card.section_text`); no later heading nests under it (`Section.pseudo`), whatever
    its level, since a reader cannot tell where such a title's part ends. Right under a
    heading (only blank lines and a `<details>` opening between), or at the start of the
    body, it is that heading's subtitle or a
    fold around what follows ("<details><summary>Full model card</summary>" below the
    card's title): no section of its own.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.headings: list[_Heading] = []
        self.fence: str | None = None
        self.paragraph: int | None = None  # index of the first line of the open paragraph
        self.resume = 0  # index of the first line not consumed by a multi-line heading
        self.level = 0  # the level of the last markdown or HTML heading (0: none yet)
        self.fresh = True  # nothing but blank lines since the last heading (or the start)

    def scan(self) -> list[_Heading]:
        """The headings, in order, at most MAX_SECTIONS of them."""
        for index, line in enumerate(self.lines):
            if len(self.headings) >= MAX_SECTIONS:
                break
            if index < self.resume:
                continue
            if self.fence is None:
                self._line(index, line)
            elif _fence_closes(line, self.fence):
                self.fence = None
        return self.headings

    def _line(self, index: int, line: str) -> None:
        first = line[:1]
        if first and first not in _MARKDOWN_STARTS and not (first.isspace() or first.isdecimal()):
            # a paragraph's text: no fence, heading, break or list starts with this character
            if self.paragraph is None:
                self.paragraph, self.fresh = index, False
            return
        opened = _FENCE.match(line)
        if not line or line.isspace():
            self.paragraph = None
            return
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            self.fence, self.paragraph = opened.group(1), None
        elif atx := _ATX.match(line):
            self._add(index, index + 1, len(atx.group(1)), _atx_title(line[atx.end() :]))
            return
        elif self._html_heading(index, line) or (
            ("ummary" in line or "UMMARY" in line) and self._summary(index, line)
        ):
            return
        elif self.paragraph is not None and _SETEXT.match(line):
            title = " ".join(part.strip() for part in self.lines[self.paragraph : index])
            self._add(self.paragraph, index + 1, 1 if line.strip()[0] == "=" else 2, title)
            return
        elif _THEMATIC_BREAK.match(line) or _NOT_PARAGRAPH.match(line):
            self.paragraph = None
            if self.fresh and _DETAILS_ONLY.match(line):
                return  # a fold opening right under a heading: what it folds is still under it
        elif self.paragraph is None:
            if self._bold_title(index, line):
                return
            self.paragraph = index
        self.fresh = False

    def _bold_title(self, index: int, line: str) -> bool:
        """Add the heading a line of bold text alone opening a paragraph makes (`_BOLD_TITLE`),
        unless a setext underline follows (then the line is that heading's title)."""
        if len(line) > MAX_TITLE_CHARS + 12 or not line.endswith(("*", "_", ":", " ", "\t")):
            return False
        bold = _BOLD_TITLE.fullmatch(line)
        if bold is None or not self._titled(bold.group(2)):
            return False
        following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
        if following[:1] in ("=", "-", " ") and _SETEXT.match(following):
            return False
        return self._pseudo(index, index + 1, bold.group(2))

    def _summary(self, index: int, line: str) -> bool:
        """Add the heading a `<summary>` line makes if its closing tag follows within
        HTML_HEADING_LINES lines (the lines up to it are the heading's); False otherwise."""
        opened = _SUMMARY.match(line)
        if opened is None:
            return False
        parts = [line[opened.end() :]]
        for last in range(index, min(index + HTML_HEADING_LINES, len(self.lines))):
            if last > index:
                parts.append(self.lines[last])
            end = parts[-1].lower().find("</summary")
            if end != -1:
                parts[-1] = parts[-1][:end]
                title = " ".join(parts)
                if not self._titled(_clean_inline(title, keep_images=False)):
                    return False
                self.resume = last + 1
                # the block's "<details>" line above it opens it: the heading's too
                start = index - 1 if index and _DETAILS_ONLY.match(self.lines[index - 1]) else index
                if not self._pseudo(start, last + 1, title):  # a subtitle: its lines are text
                    self.paragraph, self.fresh = None, False
                return True
        return False

    @staticmethod
    def _titled(title: str) -> bool:
        """Whether bold or summary text reads as a title: short, some letters, no link,
        not a sentence."""
        title = title.strip().rstrip(":").rstrip()
        return (
            0 < len(title) <= MAX_TITLE_CHARS
            and title[-1] not in ".!?"
            and len(title.split()) <= MAX_TITLE_WORDS
            and "](" not in title
            and "://" not in title
            and any(c.isalpha() for c in title)
        )

    def _pseudo(self, start: int, end: int, title: str) -> bool:
        """Add a title a reader takes for a heading, one level below the last heading; none
        right under a heading (its subtitle). Whether it was added."""
        if self.fresh:
            return False
        level = min(max(self.level, 1) + 1, 6)
        self.headings.append(_Heading(start, end, level, title.strip().rstrip(":"), pseudo=True))
        self.paragraph, self.fresh = None, True
        return True

    def _html_heading(self, index: int, line: str) -> bool:
        """Add the HTML heading this line opens if its closing tag follows within
        HTML_HEADING_LINES lines; False (not a heading) otherwise."""
        tag = _HTML_HEADING.match(line)
        if tag is None:
            return False
        closing = f"</h{tag.group(1)}"
        parts = [self.lines[index][tag.end() :]]
        for last in range(index, min(index + HTML_HEADING_LINES, len(self.lines))):
            if last > index:
                parts.append(self.lines[last])
            end = parts[-1].lower().find(closing)
            if end != -1:
                parts[-1] = parts[-1][:end]
                self._add(index, last + 1, int(tag.group(1)), " ".join(parts))
                self.resume = last + 1
                return True
        return False

    def _add(self, start: int, end: int, level: int, title: str) -> None:
        self.headings.append(_Heading(start, end, level, title))
        self.paragraph, self.level, self.fresh = None, level, True


def _sections(lines: list[str], first_line: int) -> tuple[Section, ...]:
    """Sections from body lines; `first_line` is the 1-based line of lines[0] in the card."""
    headings = _HeadingScanner(lines).scan()
    sections = []
    for number, heading in enumerate(headings):
        stop = headings[number + 1].start if number + 1 < len(headings) else len(lines)
        text = "\n".join(lines[heading.end : stop]).strip()
        title = _clean_inline(heading.title, keep_images=False)
        line = first_line + heading.start
        sections.append(Section(title, heading.level, text, line, pseudo=heading.pseudo))
    return tuple(sections)


# --- inline markup ----------------------------------------------------------------

_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_INLINE_LINK_TEXT = re.compile(r"\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])")
_TAG = re.compile(r"<[^<>]*>")
_MARKUP = re.compile(r"[\[<*_`~&]")
_EMPHASIS = re.compile(r"\*+|`+|~~|(?<!\w)_+|_+(?!\w)")


def _clean_inline(text: str, *, keep_images: bool = True) -> str:
    """Plain text of inline markdown: links and images to their text, no tags or emphasis."""
    if not _MARKUP.search(text):
        return _squeezed(text)
    text = _IMAGE.sub(r"\1" if keep_images else "", text)
    text = _INLINE_LINK_TEXT.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(html.unescape(text).split())


def _squeezed(text: str) -> str:
    """`" ".join(text.split())`: white space runs as one space, none at either end."""
    # printable: no white space but the ASCII space (tabs, breaks and Unicode spaces are not)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # as it is: splitting a long line into its words is the cost
    return " ".join(text.split())


_STOP_WORDS = frozenset({"and", "the"})


@lru_cache(maxsize=4096)
def _normalise_title(title: str) -> str:
    """Lowercase words of a title, punctuation and 'and'/'the' dropped; each Chinese or
    Japanese character is a word of its own (those scripts put no spaces between words,
    so "训练数据" is found in "预训练数据"). In a hyphenated compound the last word is
    the head and the ones before it modify it: they keep their hyphen ("data-
    efficient"), so "Data-efficient Transformer" is not about data while "Pre-training"
    is still about training."""
    title = title.lower()
    if not title.isascii():
        title = _UNSPACED.sub(r" \g<0> ", title)
    words = []
    for word in re.sub(r"[^\w-]+|_", " ", title).split():
        parts = [part for part in word.split("-") if part]
        words += [f"{part}-" for part in parts[:-1]] + parts[-1:]
    return " ".join(word for word in words if word not in _STOP_WORDS)


@lru_cache(maxsize=1024)
def _padded_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """The normalised forms a title may take for these section names, padded with spaces
    for whole-word matching: a hyphenated name ("Fine-tuning") is also written with a
    space ("Fine tuning"). A name ending in "*" is the start of a word ("Trainings*":
    "Trainingsverfahren", "Trainingsdaten"): its key has no space after it."""
    keys = []
    for name in names:
        key, end = _normalise_title(name.rstrip("*")), "" if name.endswith("*") else " "
        forms = [key, key.replace("- ", " ")] if "- " in key else [key] if key else []
        keys += [f" {form}{end}" for form in forms]
    return tuple(dict.fromkeys(keys))


# --- placeholders and template text -----------------------------------------------

_PLACEHOLDER = re.compile(r"\[?more[ \t]+information[ \t]+needed\]?", re.IGNORECASE)
_LABEL_ONLY = re.compile(r"(?:[-*+][ \t]+)?[^:]{0,80}:$")


# Scripts written without spaces between words: Han ideographs (CJK unified, extension A
# and B+, compatibility), hiragana and katakana. Hangul is written with spaces.
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)
# CJK and full-width punctuation: separators, not words.
_UNSPACED_PUNCTUATION = re.compile(
    "[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)
UNSPACED_CHARS_PER_WORD = 2  # an English word is about 1.5 to 2 Chinese characters


# An HTML table's cell and row tags ("<tr><td>MMLU</td><td>61.0</td></tr>"): each cell
# opens with a separator and each row closes with one, as a markdown row's pipes stand
# ("| MMLU | 61.0 |"); the other table tags separate words. So a table counts the same
# words in either form, and an HTML card as many as its markdown twin.
_HTML_CELL = re.compile(r"<t[dh](?=[\s>/])[^<>]{0,500}>|</tr\s*>", re.IGNORECASE)
_HTML_TABLE_TAG = re.compile(
    r"</?(?:table|thead|tbody|tfoot|tr|td|th)(?=[\s>/])[^<>]{0,500}>", re.IGNORECASE
)


# Empty cells, which add no words: an HTML cell with nothing in it ("<td></td>") and a
# row left with none ("<tr></tr>") go, and a markdown row's run of pipes with only blanks
# between ("| |", "|||") is one separator, a line of nothing else none. A filled table
# counts as before: its cells' words and separators.
_EMPTY_HTML_CELL = re.compile(r"<(t[dh])(?=[\s>/])[^<>]{0,500}>\s*</\1\s*>", re.IGNORECASE)
_EMPTY_HTML_ROW = re.compile(r"<tr(?=[\s>/])[^<>]{0,500}>\s*</tr\s*>", re.IGNORECASE)
_EMPTY_MD_CELLS = re.compile(r"(?<!\S)\|(?:[ \t]*\|)+(?!\S)")
_PIPE_LINE = re.compile(r"^[ \t]*\|[ \t]*$", re.MULTILINE)


def _table_cells(text: str) -> str:
    """The text with its HTML table tags made separators (see _HTML_CELL), and its empty
    cells left out (`_EMPTY_HTML_CELL`, `_EMPTY_MD_CELLS`)."""
    if "|" in text:
        text = _PIPE_LINE.sub("", _EMPTY_MD_CELLS.sub("|", text))
    if textsearch.search(_HTML_CELL, text) is None:
        return text
    text = _EMPTY_HTML_ROW.sub(" ", _EMPTY_HTML_CELL.sub("", text))
    return _HTML_TABLE_TAG.sub(" ", _HTML_CELL.sub(" | ", text))


def count_words(text: str) -> int:
    """Words of card text: whitespace-separated words; the template's placeholders and
    default sentences are not counted (nor are HTML comments: the body has none), an HTML
    table's cells count as a markdown table's do (`_HTML_CELL`), and empty cells, in
    either form, add no words.

    Chinese and Japanese are written without spaces: every UNSPACED_CHARS_PER_WORD of their
    characters count as one word (rounded up), so a card in those languages needs about as
    much text as an English one to reach a word threshold, never less.
    """
    text = textsearch.sub(_PLACEHOLDER, " ", textsearch.sub(_BOILERPLATE, " ", text))
    text = _table_cells(text)
    if text.isascii():
        return _ascii_words(text)
    if _UNSPACED.search(text) is None:
        return len(text.split())
    unspaced = len(_UNSPACED.findall(text))
    rest = _UNSPACED_PUNCTUATION.sub(" ", _UNSPACED.sub(" ", text)).split()
    return len(rest) + -(-unspaced // UNSPACED_CHARS_PER_WORD)


# ASCII white space (as str.split splits on it) to a space, every other byte to "x"
_WORD_BYTES = bytes(ord(" ") if chr(code).isspace() else ord("x") for code in range(256))


def _ascii_words(text: str) -> int:
    """`len(text.split())` of ASCII text, without making a string of every word: each
    word ends where an "x" meets a space, or at the end."""
    marks = text.encode("ascii").translate(_WORD_BYTES)
    return marks.count(b"x ") + marks.endswith(b"x")


def count_placeholders(text: str) -> int:
    """How many times the template's "More Information Needed" placeholder appears."""
    if textsearch.search(_PLACEHOLDER, text) is None:
        return 0
    return sum(1 for _ in _PLACEHOLDER.finditer(text))


def _has_content(text: str) -> bool:
    """Whether section text says anything beyond placeholders, comments and template defaults."""
    for raw in _strip_comments(text).splitlines():
        line = _clean_inline(raw).lower()
        if "." in line:  # each default sentence ends with a full stop
            for sentence in _TEMPLATE_BOILERPLATE:
                line = line.replace(sentence, " ")
        line = textsearch.sub(_PLACEHOLDER, " ", line).strip()
        if _WORD_CHARACTER.search(line) and not _LABEL_ONLY.fullmatch(line):
            return True
    return False


_WORD_CHARACTER = re.compile(r"\w")


def _comment_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of HTML comments; an unclosed comment runs to the end (found without regex)."""
    start = text.find("<!--")
    while start != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            yield start, len(text)
            return
        yield start, end + 3
        start = text.find("<!--", end + 3)


def _strip_comments(text: str) -> str:
    return _mask(text, list(_comment_spans(text)))


_NOT_NEWLINE = re.compile(r"[^\r\n]+")


def without_comments(text: str) -> str:
    """The text with its HTML comments blanked out by spaces, line breaks kept (so
    positions and line numbers stay what they were). Comments are guidance for whoever
    edits the card (the Hub template's `<!-- Provide ... -->`), not content."""
    if "<!--" not in text:
        return text
    parts, last = [], 0
    for start, end in _comment_spans(text):
        parts += [
            text[last:start],
            _NOT_NEWLINE.sub(lambda m: " " * len(m.group()), text[start:end]),
        ]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans blanked out by spaces (positions are kept)."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end > start:
            parts += [text[last:start], " " * (end - start)]
            last = end
    parts.append(text[last:])
    return "".join(parts)


# --- links ------------------------------------------------------------------------

_INLINE = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\]){0,1000})\]"
    r"\([ \t\n]*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:[ \t\n]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t\n]*\)"
)
_REFERENCE = re.compile(r"^[ \t]{0,3}\[([^\[\]\n]{1,999})\]:[ \t]*(?:<([^<>\n]*)>|(\S+))", re.M)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]*)>", re.IGNORECASE)
_ANCHOR = re.compile(
    r"<a\s[^<>]*?\bhref\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>]+))[^<>]*>",
    re.IGNORECASE,
)
_BARE = re.compile(r"https?://[^\s<>\"'`{}|\\^\[\]]+")

_Candidate = tuple[int, str, str]  # position, url, raw link text (markup not yet removed)


def _inline_links(text: str, spans: list[tuple[int, int]]) -> Iterator[_Candidate]:
    if "](" not in text:  # every inline link has its text's "]" before its "("
        return
    for match in _INLINE.finditer(text):
        spans.append(match.span())
        if match.start() > 0 and text[match.start() - 1] == "!":
            continue  # an image, not a link
        url = match.group(2).strip("<>")
        yield match.start(), url, match.group(1)


def _reference_links(text: str, spans: list[tuple[int, int]]) -> Iterator[_Candidate]:
    if "]:" not in text:  # every definition has one (the line-start scan is slow)
        return
    for match in _REFERENCE.finditer(text):
        spans.append(match.span())
        yield match.start(), match.group(2) or match.group(3) or "", match.group(1).strip()


def _autolinks(text: str, spans: list[tuple[int, int]]) -> Iterator[_Candidate]:
    if "<" not in text or "://" not in text:  # as every autolink has
        return
    for match in _AUTOLINK.finditer(text):
        spans.append(match.span())
        yield match.start(), match.group(1), match.group(1)


def _anchors(text: str, spans: list[tuple[int, int]]) -> Iterator[_Candidate]:
    if "<" not in text or "=" not in text:  # as every anchor with a href has
        return
    for match in _ANCHOR.finditer(text):
        spans.append(match.span())
        url = html.unescape(match.group(1) or match.group(2) or match.group(3) or "")
        close = text.find("</a>", match.end(), match.end() + 1000)
        yield match.start(), url, text[match.end() : close] if close != -1 else ""


def _bare_urls(text: str) -> Iterator[_Candidate]:
    for match in _BARE.finditer(text):
        url = _trim_url(match.group(0))
        yield match.start(), url, url


def _trim_url(url: str) -> str:
    """Drop trailing punctuation that ends a sentence rather than the URL."""
    while url and url[-1] in ".,;:!?*_~'\")":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _distinct(candidates: Iterator[_Candidate]) -> list[_Candidate]:
    """First occurrence of each URL, stopping after MAX_LINKS distinct ones."""
    seen: dict[str, _Candidate] = {}
    for position, url, label in candidates:
        url = url.strip()
        if url and url not in seen:
            seen[url] = (position, url, label)
            if len(seen) >= MAX_LINKS:
                break
    return list(seen.values())


def _links(body: str) -> tuple[Link, ...]:
    """Links of every markdown and HTML form, first occurrence of each URL, in card order."""
    text = _strip_comments(body)
    spans: list[tuple[int, int]] = []
    found: list[_Candidate] = []
    for finder in (_inline_links, _reference_links, _autolinks, _anchors):
        found += _distinct(finder(text, spans))
    found += _distinct(_bare_urls(_mask(text, spans)))
    links = []
    for _, url, raw in _distinct(iter(sorted(found, key=lambda c: c[0]))):
        if not parses(url):
            continue  # "https://[x": no address a reader could follow, nor a rule read
        label = raw if raw == url else _clean_inline(raw)
        kind, target = classify_link(url, label)
        links.append(Link(url, label, kind, target))
    return tuple(links)


# After a URL, what makes it the start of a longer one ("huggingface.co/org" inside
# "huggingface.co/org/model", "org/m" inside "org/m.v2" or "org/m#usage"): a URL character,
# perhaps after punctuation that ends a sentence as well ("org/m?" then a space does not).
_URL_GOES_ON = re.compile(r"[-._~*:,;!?#&=+@]*[A-Za-z0-9/%]")
# Before a URL, what makes it the end of a longer one ("LICENSE" in ".../LICENSE").
_URL_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._%-")


def find_link(text: str, url: str, start: int = 0) -> int:
    """Where `text` holds `url` as a whole link target, from `start` on: not as the
    start of a longer URL (an organisation's page inside its model's URL) nor as the end
    of one; -1 where it does not."""
    if not url:
        return -1
    at = text.find(url, start)
    while at != -1:
        if not _URL_GOES_ON.match(text, at + len(url)) and (
            at == 0 or text[at - 1] not in _URL_BEFORE
        ):
            return at
        at = text.find(url, at + 1)
    return -1


def holds_link(text: str, url: str) -> bool:
    """`text` holds `url` as a whole link target (`find_link`)."""
    return url in text and find_link(text, url) != -1


def count_links(text: str, url: str) -> int:
    """How many times `text` holds `url` as a whole link target (`find_link`)."""
    count, at = 0, find_link(text, url)
    while at != -1:
        count += 1
        at = find_link(text, url, at + len(url))
    return count


# --- the card -----------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """`_LINE_BREAK.split(text)`: the text's lines, whatever breaks them."""
    return text.split("\n") if "\r" not in text else _LINE_BREAK.split(text)


def parse_card(text: str) -> Card:
    """Parse README text into metadata, sections, links and placeholder count.

    The body keeps no HTML comment: each is blanked out (see `without_comments`); a
    reference-style link is written inline where it is used, its definition blanked out
    (see `reference_links`)."""
    text = text.removeprefix("\ufeff")
    match = _FRONT_MATTER.match(text)
    metadata: dict[str, Any] = {}
    error: str | None = None
    notes: tuple[str, ...] = ()
    body, first_line = text, 1
    if match:
        yaml_first_line = 1 + len(_LINE_BREAK.findall(match.group(1)))
        metadata, error = _read_metadata(match.group(2), yaml_first_line)
        metadata, notes = with_repo_ids(metadata)
        body = text[match.end() :]
        first_line = 1 + len(_LINE_BREAK.findall(text, 0, match.end()))
    marks = _appended_marks(body, first_line)
    body = without_comments(body)  # one place: sections, words, links and searches agree
    body = inline_references(body)  # a reference link is where it is used, not defined
    return Card(
        metadata=metadata,
        metadata_error=error,
        body=body,
        sections=_sections(_lines(body), first_line),
        links=_links(body),
        placeholders=count_placeholders(body),
        has_front_matter=match is not None,
        first_line=first_line,
        appended_marks=marks,
        metadata_notes=notes,
    )
