"""The licence of the model's code: as the card states it (in a sentence about its
code or a section on licensing) and as the repository's licence file for its code alone
names it."""

from __future__ import annotations

import re

from openaudit import textsearch
from openaudit.card import Link
from openaudit.evidence import Citation
from openaudit.licenses import LicenseFacts
from openaudit.licenses.text import MAX_TEXT_CHARS, identify_text, identify_title
from openaudit.links import classify_link
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.context.license_scope import SHIELD_BADGE, code_licence_files, shield_parts
from openaudit.verdict import Outcome

# A sentence about code that names a licence: "The training code is released under the
# Apache 2.0 licence." Bounded, linear patterns only.
CODE_WORDS = re.compile(r"\b(code|codebase|scripts?|repository|repo)\b", re.IGNORECASE)
_LICENSE_WORDS = re.compile(r"licen[cs]", re.IGNORECASE)
# The same in Chinese, Japanese and Korean, read in cards holding a CJK word for code
# ("本仓库的代码依照 Apache-2.0 协议开源", "重みとコードは Apache 2.0 ライセンスで公開"):
# words for code (代码, 源代码, 程序, コード, 코드) and words stating its licence or release
# (协议, 许可, ライセンス, 라이선스; 开源, 公開, オープンソース). Those scripts have no
# word boundaries to match at.
_CJK_CODE_WORDS = re.compile(
    r"源代码|源代碼|源程序|代码|代碼|程式碼|程序|ソースコード|コード|소스\s?코드|코드"
)
_CJK_LICENSE_WORDS = re.compile(
    r"协议|協議|许可|許可|授权|授權|ライセンス|라이선스|라이센스"
    r"|开源|開源|公开|公開|オープンソース|오픈\s?소스"
)
_CJK_DATA_WORDS = re.compile(
    r"数据集|數據集|資料集|语料|語料|训练数据|訓練數據|訓練資料|データセット|学習データ|コーパス"
    r"|데이터셋|말뭉치"
)
# A licence name that states the code's licence without the word "licence": in brackets
# right after the code ("Training code (MIT): URL") or after "under" ("released under
# Apache-2.0"). Tested on the text before the name and the character after it.
_UNDER = re.compile(r"\bunder\s+(?:the\s+)?$", re.IGNORECASE)
_BRACKETED = re.compile(r"\b(?:code|codebase|scripts?|repository|repo)\s*\(\s*$", re.IGNORECASE)
# ... or in brackets right after the link to the code ("Training code: [repo](url)
# (Apache-2.0)", "**Training code:** URL (MIT)", "学習コードは [repo](url) in full-width
# brackets),
# the brackets holding the licence alone.
_AFTER_LINK = re.compile(
    r"(?:\[[^\[\]\n]*\]\((?P<url>[^()\s]+)\)|(?P<bare>https?://[^\s()\uff08]+))"
    r"[ \t]*[(\uff08][ \t]*$"
)
_BRACKET_CLOSE = re.compile(
    r"[ \t]*(?:licen[cs]ed?|licen[cs]e|协议|許可|ライセンス)?[ \t]*[)\uff09]", re.IGNORECASE
)
_STATEMENT_WORDS = re.compile(r"licen[cs]|\bunder\b|\(", re.IGNORECASE)
# A sentence about training data ("source code under ODC-By", "tokens under
# CC-BY") states the data's licence, not the code's.
_DATA_WORDS = re.compile(r"\b(datasets?|corpus|corpora|tokens|training data)\b", re.IGNORECASE)
# A later clause on the weights ("本仓库的代码 ..., 模型权重的使用则需要遵循 X" with a
# full-width comma, "the code is on GitHub, while the model weights are under X"): the
# licence named there is theirs.
_WEIGHTS_CLAUSE = re.compile(
    r"(?:[\uff0c\uff1b;]|,\s*(?:while|whereas|but|however)\b)[^\uff0c\uff1b;]*?"
    r"(?:权重|權重|重み|가중치|模型|モデル|모델|\bweights\b|\bcheckpoints?\b|\bmodel\b)",
    re.IGNORECASE,
)
# (No word boundaries of \b around the name: "MIT协议" and "采用Apache-2.0" name it too.)
_LICENSE_NAMES = re.compile(
    r"(?<![A-Za-z0-9_])(apache(?: license)?,?(?: version)?[- ]?2(?:\.0)?|mit|"
    r"bsd[- ]?[23][- ]clause|[al]?gpl[- ]?v?[23](?:\.0)?|mpl[- ]?2(?:\.0)?|isc|unlicense|"
    r"cc0(?:[- ]1\.0)?|cc[- ]by(?:[- ](?:nc|sa|nd))*(?:[- ]\d\.\d)?)(?![A-Za-z0-9_])",
    re.IGNORECASE,
)
MAX_SCANNED_CHARS = 200_000
MAX_NAMES_READ = 20  # licence names read in one sentence (a statement names one or two)


def stated_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    """(licence facts, sentence) when the card says which licence its code is under."""
    return ctx.cached("stated_code_license", lambda: _stated_code_license(ctx))


def _stated_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    body = ctx.card.body[:MAX_SCANNED_CHARS]
    # a sentence's or section's licence name is the body's too: without one, none has it
    if textsearch.may_match(_LICENSE_NAMES, body):
        cjk = not body.isascii() and _CJK_CODE_WORDS.search(body) is not None
        found = _sentence_code_license(ctx, cjk) or _licence_section_code_license(ctx, cjk)
        if found is not None:
            return found
    return _badge_code_license(ctx)


def _code_word(sentence: str, cjk: bool, end: int | None = None) -> int | None:
    """Where the first word for code in the sentence (up to `end`) ends; CJK words too
    when `cjk`."""
    stop = len(sentence) if end is None else end
    code = CODE_WORDS.search(sentence, 0, stop)
    found = code.end() if code else None
    if cjk and (other := _CJK_CODE_WORDS.search(sentence, 0, stop)) is not None:
        found = other.end() if found is None else min(found, other.end())
    return found


def _weights_clause(sentence: str, start: int, end: int, cjk: bool) -> bool:
    """Whether a clause on the weights stands between `start` and `end` (a word for code
    and a licence name) with no word for code after it: the name is the weights'."""
    clause = _WEIGHTS_CLAUSE.search(sentence, start, end)
    return clause is not None and _code_word(sentence[clause.end() : end], cjk) is None


def _beside_code_link(sentence: str, code: int, before: str, end: int) -> bool:
    """Whether the licence name ending at `end` stands alone in brackets right after a
    link to a code repository, after the word for code (ending at `code`)."""
    if not before.rstrip(" \t").endswith(("(", "\uff08")):
        return False
    link = _AFTER_LINK.search(before)
    if link is None or link.start() < code or not _BRACKET_CLOSE.match(sentence, end):
        return False
    return classify_link(link.group("url") or link.group("bare"))[0] == "code"


def _sentence_code_license(ctx: ProbeContext, cjk: bool) -> tuple[LicenseFacts, str] | None:
    from openaudit.licenses import lookup

    text = ctx.card.body
    sentences = ctx.card.sentences()
    spans, texts = sentences.spans, sentences.texts
    # the cheapest tests first: the sentences holding a code word's needles, found at once
    # (every sentence of a text that is not ASCII, as a CJK card is)
    for index in textsearch.spans_may_match(CODE_WORDS, text, spans):
        (start, end), sentence = spans[index], texts[index]
        if start >= MAX_SCANNED_CHARS:
            break
        if not (
            textsearch.span_may_match(_LICENSE_NAMES, text, start, end)
            and (_STATEMENT_WORDS.search(sentence) or (cjk and _CJK_LICENSE_WORDS.search(sentence)))
        ):
            continue
        code = _code_word(sentence, cjk)
        if code is None:
            continue
        worded = _LICENSE_WORDS.search(sentence) is not None or bool(
            cjk and _CJK_LICENSE_WORDS.search(sentence)
        )
        # the licence must be named after the code it is about ("code ... under MIT")
        for count, match in enumerate(_LICENSE_NAMES.finditer(sentence, code)):
            if count >= MAX_NAMES_READ:  # each is read against all before it
                break
            before = sentence[: match.start()]
            if not (
                worded
                or _UNDER.search(before)
                or _BRACKETED.search(before)
                or _beside_code_link(sentence, code, before, match.end())
            ):
                continue
            if _weights_clause(sentence, code, match.start(), cjk):
                break
            # a data word up to the licence's line says it is the data's licence; a line
            # ending in a URL runs on into the next sentence, which is not read
            line_end = sentence.find("\n", match.end())
            upto = sentence if line_end < 0 else sentence[:line_end]
            if textsearch.search(_DATA_WORDS, upto) or (cjk and _CJK_DATA_WORDS.search(upto)):
                break
            facts = lookup(match.group(1))
            if facts is not None:
                return facts, " ".join(upto.split())[:200]
    return None


# A section on licensing ("## License", "## License: AGPL-3.0", "License and
# Acknowledgement", "## 开源协议", "## ライセンス", "## 라이선스").
_LICENCE_TITLE = re.compile(
    r"licen[cs]|协议|協議|许可|許可|授权|授權|ライセンス|라이선스|라이센스", re.IGNORECASE
)
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


def _names_code(text: str, cjk: bool) -> bool:
    """Whether a sentence of a licence section names the code (its software, package),
    and not only before a clause on the weights that the licence it names is about."""
    code = _SECTION_CODE_WORDS.search(text)
    at = code.end() if code else None
    if cjk and (other := _CJK_CODE_WORDS.search(text)) is not None:
        at = other.end() if at is None else min(at, other.end())
    if at is None:
        return False
    name = _LICENSE_NAMES.search(text, at)
    return name is None or not _weights_clause(text, at, name.start(), cjk)


def _licence_section_code_license(ctx: ProbeContext, cjk: bool) -> tuple[LicenseFacts, str] | None:
    """(licence facts, text) when a section on licensing states the code's licence: a
    paragraph or list item naming a licence (or under a title naming one, "## License:
    AGPL-3.0") that names the code, its software or package in the same sentence, or links
    the licence file of a code repository. Never a sentence about the data, nor a licence
    named in a later clause on the weights."""
    from openaudit.licenses import lookup

    for section in ctx.card.sections:
        if not _LICENCE_TITLE.search(section.title):
            continue
        titled = _LICENSE_NAMES.search(section.title)
        for block in _BLOCK_BREAK.split(section.text[:MAX_SCANNED_CHARS]):
            name = _LICENSE_NAMES.search(block) or titled
            if name is None or textsearch.search(_DATA_WORDS, block):
                continue
            if cjk and _CJK_DATA_WORDS.search(block):
                continue
            sentences = ctx.card.sentences(block).texts
            code = _REPO_LICENCE_FILE.search(block) is not None or any(
                _names_code(text, cjk)
                and (_LICENSE_NAMES.search(text) or (titled and not _LICENSE_NAMES.search(block)))
                for text in sentences
            )
            facts = lookup(name.group(1)) if code else None
            if facts is not None:
                return facts, " ".join(block.split())[:200]
    return None


# The href of the HTML anchor just before an <img> badge.
_ANCHOR_HREF = re.compile(r"<a\s[^<>]*?href\s*=\s*[\"']?([^\"'\s<>]+)[^<>]*>\s*<img\s[^<>]*$", re.I)
_BADGE_CODE = re.compile(r"\bcode\b|代码|代碼|コード|코드", re.IGNORECASE)
_BADGE_LICENCE = re.compile(r"licen[cs]|协议|許可|许可|ライセンス|라이선스", re.IGNORECASE)
_BADGE_OTHER = re.compile(
    r"\b(?:model|weights?|data(?:sets?)?)\b|模型|权重|数据|モデル|データ", re.I
)
MAX_BADGES = 50


def _badge_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    """(licence facts, badge) when a shields.io badge states the code's licence: its label
    names the code's licence ("Code License", "Code_License-MIT"), or it names a licence
    and links a code repository's licence file; never a badge for the model, its weights
    or data ("Model License")."""
    from openaudit.licenses import lookup

    body = ctx.card.body[:MAX_SCANNED_CHARS]
    for count, badge in enumerate(textsearch.finditer(SHIELD_BADGE, body)):
        if count >= MAX_BADGES:
            break
        label, message = shield_parts(badge.group(1))
        if not _BADGE_LICENCE.search(label) or _BADGE_OTHER.search(label):
            continue
        if not _BADGE_CODE.search(label):
            # a licence badge that does not say code: the licence file of the model's
            # own code repository (not of a tool the card also links)
            target = badge.group(2) or _anchor_before(body, badge.start())
            if target is None or not _REPO_LICENCE_FILE.search(f"{target})"):
                continue
            if not _own_repo_file(ctx, target):
                continue
        name = _LICENSE_NAMES.search(message)
        facts = lookup(name.group(1)) if name else None
        if facts is not None:
            start = body.rfind("\n", 0, badge.start()) + 1
            end = body.find("\n", badge.end())
            return facts, " ".join(body[start : end if end != -1 else None].split())[:200]
    return None


# The repository a URL on a code host is in ("https://github.com/org/repo/blob/...").
_CODE_REPO = re.compile(
    r"https?://((?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org))"
    r"/([\w.-]+)/([\w.-]+)/",
    re.IGNORECASE,
)


def _own_repo_file(ctx: ProbeContext, url: str) -> bool:
    """The URL is a file of the model's own code repository (`first_party`)."""
    from openaudit.rubric.evaluators.first_party_repos import first_party

    repo = _CODE_REPO.match(url)
    if repo is None:
        return False
    target = f"{repo.group(1).lower().removeprefix('www.')}/{repo.group(2)}/{repo.group(3)}"
    return first_party(ctx, Link(url, "", "code", target))


def _anchor_before(body: str, at: int) -> str | None:
    """The href of the HTML anchor holding the <img> whose source starts near `at`."""
    anchor = _ANCHOR_HREF.search(body, max(0, at - 300), at)
    return anchor.group(1) if anchor else None


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
