"""The licence of the model's code: as the card states it (in a sentence about its
code or a section on licensing) and as the repository's licence file for its code alone
names it."""

from __future__ import annotations

import re

from openaudit import textsearch
from openaudit.evidence import Citation
from openaudit.licenses import LicenseFacts
from openaudit.licenses.text import MAX_TEXT_CHARS, identify_text, identify_title
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.context.license_scope import code_licence_files
from openaudit.verdict import Outcome

# A sentence about code that names a licence: "The training code is released
# under the Apache 2.0 licence." Bounded, linear patterns only.
CODE_WORDS = re.compile(r"\b(code|codebase|scripts?|repository|repo)\b", re.IGNORECASE)
_LICENSE_WORDS = re.compile(r"licen[cs]", re.IGNORECASE)
# A licence name that states the code's licence without the word "licence": in brackets
# right after the code ("Training code (MIT): URL") or after "under" ("released under
# Apache-2.0"). Tested on the text before the name and the character after it.
_UNDER = re.compile(r"\bunder\s+(?:the\s+)?$", re.IGNORECASE)
_BRACKETED = re.compile(r"\b(?:code|codebase|scripts?|repository|repo)\s*\(\s*$", re.IGNORECASE)
_STATEMENT_WORDS = re.compile(r"licen[cs]|\bunder\b|\(", re.IGNORECASE)
# A sentence about training data ("source code under ODC-By", "tokens under
# CC-BY") states the data's licence, not the code's.
_DATA_WORDS = re.compile(r"\b(datasets?|corpus|corpora|tokens|training data)\b", re.IGNORECASE)
_LICENSE_NAMES = re.compile(
    r"\b(apache(?: license)?,?(?: version)?[- ]?2(?:\.0)?|mit|bsd[- ]?[23][- ]clause|"
    r"[al]?gpl[- ]?v?[23](?:\.0)?|mpl[- ]?2(?:\.0)?|isc|unlicense|cc0(?:[- ]1\.0)?|"
    r"cc[- ]by(?:[- ](?:nc|sa|nd))*(?:[- ]\d\.\d)?)\b",
    re.IGNORECASE,
)
MAX_SCANNED_CHARS = 200_000


def stated_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    """(licence facts, sentence) when the card says which licence its code is under."""
    return ctx.cached("stated_code_license", lambda: _stated_code_license(ctx))


def _stated_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    from openaudit.licenses import lookup

    body = ctx.card.body[:MAX_SCANNED_CHARS]
    # a sentence's licence word and licence name are the body's too: without both, none has them
    if not textsearch.may_match(_LICENSE_NAMES, body) or not _STATEMENT_WORDS.search(body):
        return None
    text = ctx.card.body
    sentences = ctx.card.sentences()
    spans, texts = sentences.spans, sentences.texts
    # the cheapest tests first: the sentences holding a code word's needles, found at once
    for index in textsearch.spans_may_match(CODE_WORDS, text, spans):
        (start, end), sentence = spans[index], texts[index]
        if start >= MAX_SCANNED_CHARS:
            break
        if not (
            textsearch.span_may_match(_LICENSE_NAMES, text, start, end)
            and _STATEMENT_WORDS.search(sentence)
        ):
            continue
        code = CODE_WORDS.search(sentence)
        if code is None:
            continue
        worded = _LICENSE_WORDS.search(sentence) is not None
        # the licence must be named after the code it is about ("code ... under MIT")
        for match in _LICENSE_NAMES.finditer(sentence, code.end()):
            before = sentence[: match.start()]
            if not (worded or _UNDER.search(before) or _BRACKETED.search(before)):
                continue
            # a data word up to the licence's line says it is the data's licence; a line
            # ending in a URL runs on into the next sentence, which is not read
            line_end = sentence.find("\n", match.end())
            upto = sentence if line_end < 0 else sentence[:line_end]
            if textsearch.search(_DATA_WORDS, upto):
                break
            facts = lookup(match.group(1))
            if facts is not None:
                return facts, " ".join(upto.split())[:200]
    return _licence_section_code_license(ctx)


# A section on licensing ("## License", "## License: AGPL-3.0", "License and Acknowledgement").
_LICENCE_TITLE = re.compile(r"licen[cs]", re.IGNORECASE)
# Words for code in a licence section: its package and software too.
_SECTION_CODE_WORDS = re.compile(
    r"\b(?:code|codebase|scripts?|repository|repo|software|package|library)\b", re.IGNORECASE
)
# A licence file inside a code repository ("github.com/org/repo/blob/main/LICENSE").
_REPO_LICENCE_FILE = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)/[^/\s)]+"
    r"/[^/\s)]+/(?:-/)?(?:blob|tree|raw|src)/[^\s)]*/licen[cs]e[\w.-]*\)",
    re.IGNORECASE,
)
# A paragraph, one list item or one table row of a section ("| Weights | CC BY-NC 4.0 |"
# and "| Code | Apache 2.0 |" state two licences, each of its row's component).
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t])|\n(?=[ \t]*\|)")


def _licence_section_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    """(licence facts, text) when a section on licensing states the code's licence: a
    paragraph or list item naming a licence (or under a title naming one, "## License:
    AGPL-3.0") that names the code, its software or package in the same sentence, or links
    the licence file of a code repository. Never a sentence about the data."""
    from openaudit.licenses import lookup

    for section in ctx.card.sections:
        if not _LICENCE_TITLE.search(section.title):
            continue
        titled = _LICENSE_NAMES.search(section.title)
        for block in _BLOCK_BREAK.split(section.text[:MAX_SCANNED_CHARS]):
            name = _LICENSE_NAMES.search(block) or titled
            if name is None or textsearch.search(_DATA_WORDS, block):
                continue
            sentences = ctx.card.sentences(block).texts
            code = _REPO_LICENCE_FILE.search(block) is not None or any(
                _SECTION_CODE_WORDS.search(text)
                and (_LICENSE_NAMES.search(text) or (titled and not _LICENSE_NAMES.search(block)))
                for text in sentences
            )
            facts = lookup(name.group(1)) if code else None
            if facts is not None:
                return facts, " ".join(block.split())[:200]
    return None


def stated_code_osi(ctx: ProbeContext, what: str, *cites: Citation) -> Outcome | None:
    """Whether the licence the card states for its code ("Training code (MIT): URL") is
    OSI-approved, citing the statement before `cites`; None when the card states none."""
    stated = stated_code_license(ctx)
    if stated is None:
        return None
    facts, sentence = stated
    said = Citation("README.md", sentence, ctx.evidence.file_url("README.md"))
    shown = f"the card says {what} is under '{facts.id}'"
    if facts.osi_approved is None:
        return Outcome.unknown(f"{shown}; whether it is OSI-approved is not known", said, *cites)
    if facts.osi_approved:
        return Outcome.yes(f"{shown}, OSI-approved", said, *cites)
    return Outcome.no(f"{shown}, not OSI-approved", said, *cites)


def code_licence_file(ctx: ProbeContext) -> tuple[str, LicenseFacts] | None:
    """The repo's licence file for its code alone (LICENSE-CODE beside LICENSE-MODEL, a
    plain LICENSE beside MODEL_LICENSE: license_scope.code_licence_files), with the
    licence its text or title identifies ("MIT License", "MIT"); None when there is none
    or it names no licence known. MOT's precedence gives the code this licence, its
    type's, before the distribution licence."""
    return ctx.cached("code_licence_file", lambda: _code_licence_file(ctx))


def _code_licence_file(ctx: ProbeContext) -> tuple[str, LicenseFacts] | None:
    from openaudit.licenses import lookup

    files = {f.path: f for f in ctx.evidence.license_files}
    for path in code_licence_files(tuple(files)):
        text = files[path].text
        head = text[:MAX_TEXT_CHARS] if text else ""
        found = identify_text(head) or identify_title(head) if head else None
        facts = lookup(found) if found else None
        if facts is not None:
            return path, facts
    return None


def code_file_osi(ctx: ProbeContext, code: list[str]) -> Outcome | None:
    """Whether repo code is under an OSI-approved licence, as the repo's code licence
    file says (stated: the file's name and identified text); None without one."""
    own = code_licence_file(ctx)
    if own is None:
        return None
    path, facts = own
    cites = (ctx.file(path, facts.id), *(ctx.file(p) for p in code[:3]))
    shown = f"repo code is under '{facts.id}' (its own licence file {path})"
    if facts.osi_approved is None:
        return Outcome.unknown(f"{shown}: whether it is OSI-approved is not known", *cites)
    if facts.osi_approved:
        return Outcome.yes(f"{shown}, OSI-approved", *cites)
    return Outcome.no(f"{shown}, not OSI-approved", *cites)
