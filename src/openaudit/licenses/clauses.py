"""Restrictive clauses in licence texts that no known-licence rule recognises.

Custom licences (`license: other` with a home-grown LICENSE) are common; their
terms are not in the table, but a few phrasings give the important ones away:
"non-commercial", "research purposes only", "monthly active users", "you may
not use ... outputs ... to improve any other model". `detect_clauses` finds
them, each with the sentence it was read from, and `facts_from_clauses` turns
them into low-confidence usage facts. Only what is found is stated: a clause
that is absent proves nothing, so every other fact stays unknown.

How matching stays cheap and careful:
- only the first 64 KiB are read; the text is split into paragraphs, sentences
  and `;`-separated parts ("units"), each at most 2,000 characters;
- a rule is a few simple patterns that must occur in order, each starting
  within a bounded distance of the previous one; every pattern is a plain
  alternation with bounded repeats, searched in bounded windows, so the work
  is linear in the text (no nested or unbounded quantifiers);
- a list introduced by a negation ("You may not: (a) ...; (b) ...") passes
  the negation on to each of its items;
- each rule has "cancel" phrases that void a match in the same unit
  ("commercial and non-commercial use", "not limited to research");
- every step carries keywords, one of which any match must contain; a rule
  runs its patterns only on units whose lowered text holds a keyword of each
  step, so most units are skipped by plain substring checks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from openaudit.licenses.model import Family, LicenseFacts, Ternary

MAX_TEXT_CHARS = 64 * 1024
MAX_UNIT_CHARS = 2_000
MAX_EXCERPT_CHARS = 160
MAX_PER_KIND = 3
_MAX_STARTS = 24  # first-pattern matches tried per unit and rule

ClauseKind = Literal[
    "non_commercial",
    "research_only",
    "evaluation_only",
    "user_cap",
    "acceptable_use_policy",
    "output_training_ban",
    "no_redistribution",
    "no_derivatives",
    "all_rights_reserved",
    "proprietary",
    "naming",
    "attribution",
    "grant",
]

LABELS: dict[str, str] = {
    "non_commercial": "non-commercial",
    "research_only": "research only",
    "evaluation_only": "evaluation or non-production only",
    "user_cap": "user or revenue cap",
    "acceptable_use_policy": "acceptable-use policy or prohibited uses",
    "output_training_ban": "outputs may not train other models",
    "no_redistribution": "no redistribution",
    "no_derivatives": "no modification or derivatives",
    "all_rights_reserved": "all rights reserved",
    "proprietary": "proprietary or confidential",
    "naming": "naming or display duty",
    "attribution": "attribution",
    "grant": "licence grant",
}

RESTRICTIVE_KINDS: frozenset[str] = frozenset(LABELS) - {"attribution", "grant"}
_NON_COMMERCIAL_KINDS = ("non_commercial", "research_only", "evaluation_only")
_RESTRICTED_KINDS = (
    "acceptable_use_policy",
    "user_cap",
    "output_training_ban",
    "no_derivatives",
    "no_redistribution",
    "naming",
    "proprietary",
)
_PROPRIETARY_KINDS = ("all_rights_reserved", "proprietary")
# Kinds the Open Source Definition rules out (field-of-use limits, no
# modification or redistribution); a naming duty alone is allowed by OSD 4.
_NOT_OSD_KINDS = frozenset(RESTRICTIVE_KINDS - {"naming"})


@dataclass(frozen=True)
class Clause:
    """One restrictive (or informational) clause found in a licence text."""

    kind: ClauseKind
    excerpt: str  # the matched sentence, trimmed to about 160 characters
    phrase: str = ""  # the matched words themselves, to centre shorter quotes on

    @property
    def label(self) -> str:
        """Plain words for the kind, e.g. 'non-commercial'."""
        return LABELS[self.kind]

    @property
    def restrictive(self) -> bool:
        """True unless the clause only grants rights or asks for attribution."""
        return self.kind in RESTRICTIVE_KINDS


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class _Step:
    """A pattern and the lower-case keywords of which every match contains at least one.

    The keywords are a cheap necessary condition: a unit holding none of them
    cannot match, so the pattern is never run on it. They must stay in step
    with the pattern (tests/test_licenses_speed_equivalence.py checks them).
    """

    rx: re.Pattern[str]
    keywords: tuple[str, ...]


def _step(rx: re.Pattern[str], keywords: str) -> _Step:
    """A step from its pattern and its `|`-separated keywords."""
    return _Step(rx, tuple(keywords.split("|")))


@dataclass(frozen=True)
class _Rule:
    """Patterns that must occur in order, each within `gap` characters of the last."""

    kind: ClauseKind
    steps: tuple[_Step, ...]
    gap: int = 150
    cancel: re.Pattern[str] | None = None


def _rule(
    kind: ClauseKind, *steps: _Step, gap: int = 150, cancel: re.Pattern[str] | None = None
) -> _Rule:
    return _Rule(kind, steps, gap, cancel)


# --- vocabulary ----------------------------------------------------------------

_MODAL_NOT = r"\b(?:may|shall|must|will|can|could|should|would) ?not\b|\bcannot\b"
_NEG = _step(
    _rx(
        _MODAL_NOT,
        r"\b(?:may|shall|must|will) never\b",
        r"\b(?:agree|agrees|undertake|undertakes) not to\b",
        r"\b(?:is|are) not (?:permitted|allowed|authori[sz]ed|licen[sc]ed)\b",
        r"\b(?:prohibited|forbidden|barred) from\b",
        r"\bdo not (?:use|deploy|distribute|redistribute|modify|share|sell)\b",
        r"\bno right to\b",
    ),
    "not|never|prohibited from|forbidden from|barred from|no right to",
)
# Phrases that undo a restriction in the same unit: a double negation or a
# statement that the licence does *not* limit something.
_NOT_RESTRICTING = (
    r"\bnot (?:be (?:construed|interpreted) (?:to|as) )?(?:\w+ ){0,4}?"
    r"(?:restrict|limit|prevent|prohibit|preclude)\w*",
    r"\bno (?:restrictions?|limitations?) (?:on|to|of)\b",
    r"\bwithout (?:any )?(?:restrictions?|limitations?) on\b",
    r"\bliab(?:le|ility)\b",
    r"\bconstrued\b",
)
_EXCEPT_AS_PROVIDED = (
    r"\bexcept as (?:expressly |explicitly |otherwise )?(?:provided|permitted|allowed|"
    r"set forth|stated|granted)\b"
)
_COMMERCIAL_THING = _step(
    _rx(
        r"\bcommercial(?:ly)?[ -](?:use|uses|usage|purposes?|advantage|gain|exploitation|"
        r"applications?|products?|services?|activit(?:y|ies)|settings?|deployments?|"
        r"environments?|offerings?|ventures?|enterprises?|manner|contexts?|benefit|"
        r"distribution|redistribution|operations?|business(?:es)?|entit(?:y|ies)|projects?)\b",
        r"\bcommercially\b",
        r"\bmonetary (?:compensation|gain)\b",
        r"\bfor[ -]profit\b",
        r"\bmoneti[sz]\w*",
    ),
    "commercial|monetary|profit|moneti",
)
_COMMERCIAL_SUBJECT = _step(
    _rx(
        r"\bcommercial(?:ly)?[ -](?:use|uses|usage|purposes?|exploitation|deployment|"
        r"applications?|distribution|redistribution|licensing)\b",
        r"\buse (?:\w+ ){0,4}?for commercial purposes\b",
    ),
    "commercial",
)
_REFUSED = _step(
    _rx(
        r"\b(?:is|are) (?:strictly |expressly |explicitly )?(?:prohibited|forbidden|excluded|"
        r"not (?:permitted|allowed|licen[sc]ed|granted|authori[sz]ed))\b",
        r"\brequires? (?:a |an )?(?:separate|written|commercial|additional|paid|different) "
        r"(?:license|licence|agreement|permission|contract)\b",
    ),
    "prohibited|forbidden|excluded|not |require",
)
_NC_CANCEL = _rx(
    r"\bcommercial (?:and|or|and/or|as well as) non-?commercial\b",
    r"\bnon-?commercial (?:and|or|and/or|as well as) commercial\b",
    r"\b(?:including|include|includes) (?:for )?commercial\b",
    r"\bwhether (?:or not )?(?:for )?commercial\b",
    r"\bnot (?:limited|restricted) to non-?commercial\b",
    r"\bno non-?commercial (?:restrictions?|limitations?|clause|requirement)\b",
    r"\bno commercial[- ]use (?:restrictions?|limitations?)\b",
    r"\bcommercial (?:use|purposes) (?:is|are) (?:hereby )?(?:expressly )?(?:permitted|allowed)\b",
    r"\b(?:permitted|allowed|free) (?:for|to use for) commercial\b",
    r"\balternative is allowed\b",  # the GPL's offer-passing option, not a use limit
    *_NOT_RESTRICTING,
)
_ONLY_CANCEL = (
    r"\bnot (?:only|just|solely|merely|exclusively|limited to|restricted to)\b",
    r"\b(?:and|or|and/or|as well as) commercial\b",
    r"\bcommercial (?:and|or|and/or) (?:academic |non-?commercial )?research\b",
    *_NOT_RESTRICTING,
)
_OUTPUT = _step(
    _rx(
        r"\boutputs?\b",
        r"\bresults?\b",
        r"\bgenerat(?:ed|ions?) (?:content|text|data|outputs?|images?|media)\b",
        r"\bgenerations\b",
        r"\bsynthetic data\b",
        r"\bcompletions?\b",
        r"\bresponses?\b",
    ),
    "output|result|generat|synthetic data|completion|response",
)
_TRAIN = _step(
    _rx(
        r"\b(?:train|trains|training|improve|improves|improving|develop|developing|create|"
        r"creating|build|building|enhance|enhancing|distil|distill|distilling|fine-?tune|"
        r"fine-?tuning)\b"
    ),
    "train|improv|develop|creat|build|enhanc|distil|tun",
)
_OTHER_MODEL = _step(
    _rx(
        r"\b(?:other|another|any|competing|third[- ]party|different|new|your own)\b"
        r"(?: [\w-]+){0,4}? (?:models?|llms?|ai|systems?|networks?)\b"
    ),
    "model|llm|ai|system|network",
)
_OUTPUT_CANCEL = _rx(
    r"\bdo(?:es)? not claim\b",
    r"\bclaims? no\b",
    r"\bmay (?:freely )?use (?:the |any |such )?outputs?\b",
    *_NOT_RESTRICTING,
)
_HARM = _step(
    _rx(
        r"\b(?:military|weapons?|warfare|surveil\w*|disinformation|misinformation|illegal|"
        r"unlawful|harass\w*|discriminat\w*|defam\w*|minors|nuclear|biometric|law enforcement|"
        r"malware|violen\w*|terroris\w*|spam|deceiv\w*|deceptive|deception|impersonat\w*|"
        r"harmful|hateful|fraud\w*|medical advice|critical infrastructure)\b"
    ),
    "military|weapon|warfare|surveil|disinformation|misinformation|illegal|unlawful|harass|"
    "discriminat|defam|minors|nuclear|biometric|law enforcement|malware|violen|terroris|spam|"
    "deceiv|decepti|impersonat|harmful|hateful|fraud|medical advice|critical infrastructure",
)
_THE_FOLLOWING = _step(
    _rx(r"\b(?:any of )?the following (?:purposes|uses|ways|activities|manners?)\b"),
    "the following ",
)
_AUP_CANCEL = _rx(
    r"\bno (?:acceptable[- ]use|prohibited[- ]use|usage) polic",
    r"\bno (?:use|usage|field[- ]of[- ]use)(?:[- ]based)? restrictions\b",
    r"\bwithout (?:any )?(?:use|usage) restrictions\b",
    r"\bfree (?:of|from) (?:any )?(?:use|usage) restrictions\b",
    r"\bnot subject to (?:any |an )?(?:acceptable|use|usage)\b",
    *_NOT_RESTRICTING,
)
_REDIST_VERB = (
    r"(?:distribute|redistribute|sublicen[cs]e|sub-licen[cs]e|resell|re-sell|rent|lease|lend|"
    r"disclose|publicly release|make (?:\w+ ){0,2}?(?:publicly )?available)\b"
)
_MODIFY_VERB = (
    r"(?:modify|modifications?|alter|adapt|translate|(?:create|make|prepare|produce) derivatives?|"
    r"(?:create|make|prepare|produce) derivative works?|fine-?tune|reverse[- ]engineer|decompile|"
    r"disassemble)\b"
    # keeping notices intact ("may not remove or alter any copyright notice") is no ban
    r"(?! (?:or \w+ )?(?:any |the |all )?(?:copyright|proprietary|attribution|legal|licen[cs]e))"
)
_DENY_VERB = r"\b(?:(?:may|shall|must|will|can) ?not|(?:agree|agrees|undertake|undertakes) not to)"
_WORDS_0_3 = r":? (?:[\w,/()-]+ ){0,3}?"
_DERIV_CANCEL = _rx(
    _EXCEPT_AS_PROVIDED,
    r"\bif you (?:cannot|can not|do not)\b",  # a consequence, not a ban ("then you may not")
    *_NOT_RESTRICTING,
)
_AMOUNT = _step(
    _rx(
        r"(?:\$|\busd ?|\bus\$|\beur ?|€|£|\brmb ?|\bcny ?|¥)\d[\d,.]*"
        r"(?: ?(?:million|billion|thousand|mn|bn|m|b|k)\b)?",
        r"\b\d[\d,.]* ?(?:million|billion|thousand|mn|bn)\b",
    ),
    "$|usd|eur|€|£|rmb|cny|¥|million|billion|thousand|mn|bn",
)
_REVENUE = _step(
    _rx(r"\brevenues?\b", r"\bturnover\b", r"\bannual (?:sales|income)\b"),
    "revenue|turnover|annual sales|annual income",
)
_CAP_CANCEL = _rx(
    r"\bno (?:user|usage|revenue) (?:caps?|limits?|thresholds?)\b",
    r"\bregardless of (?:the number of (?:monthly active )?users|(?:your |its )?revenues?)\b",
    r"\bno limit on the number of\b",
    *_NOT_RESTRICTING,
)

# --- rules ---------------------------------------------------------------------

_RULES: tuple[_Rule, ...] = (
    _rule(
        "non_commercial",
        _step(_rx(r"\bnon-?commercial\b", r"\bnon commercial\b"), "commercial"),
        cancel=_NC_CANCEL,
    ),
    _rule(
        "non_commercial",
        _step(
            _rx(
                r"\bnot for (?:any )?commercial (?:use|uses|purposes?)\b",
                r"\bno commercial (?:use|uses|purposes?|exploitation)\b",
                r"\bfor (?:non-?profit|not-for-profit) (?:use|purposes) only\b",
            ),
            "commercial|profit",
        ),
        cancel=_NC_CANCEL,
    ),
    _rule("non_commercial", _NEG, _COMMERCIAL_THING, gap=120, cancel=_NC_CANCEL),
    _rule("non_commercial", _COMMERCIAL_SUBJECT, _REFUSED, gap=80, cancel=_NC_CANCEL),
    _rule(
        "research_only",
        _step(
            _rx(
                r"\bresearch[- ](?:purposes? |use |uses )?only\b",
                r"\b(?:solely|only|exclusively|strictly) (?:for|to) (?:[\w-]+ ){0,3}?research\b",
                r"\b(?:limited|restricted) to (?:[\w-]+ ){0,3}?research\b",
                r"\bresearch-only\b",
                r"\bfor (?:non-?commercial |academic |scientific )?research (?:and (?:educational|"
                r"evaluation|academic|teaching) )?(?:purposes|use) only\b",
                r"\bfor academic research\b",
                r"\bacademic research (?:purposes|use)\b",
            ),
            "research",
        ),
        cancel=_rx(*_ONLY_CANCEL),
    ),
    _rule(
        "evaluation_only",
        _step(
            _rx(
                r"\b(?:evaluation|testing|test) (?:and (?:testing|evaluation|research) )?"
                r"(?:purposes? |use )?only\b",
                r"\b(?:solely|only|exclusively|strictly) (?:for|to) (?:[\w-]+ ){0,3}?"
                r"(?:evaluation|evaluate|testing|test)\b",
                r"\bnon-?production\b",
                r"\bnon production (?:use|purposes?|environments?)\b",
            ),
            "evaluat|test|production",
        ),
        cancel=_rx(*_ONLY_CANCEL, r"\b(?:and|or) production\b"),
    ),
    _rule(
        "user_cap",
        _step(
            _rx(
                r"\b(?:monthly|daily|weekly|annual) active users?\b",
                r"(?-i:(?:\d|million|billion|thousand)[MBK]? ?[MD]AUs?\b)",
            ),
            "active user|mau|dau",
        ),
        cancel=_CAP_CANCEL,
    ),
    _rule("user_cap", _REVENUE, _AMOUNT, gap=80, cancel=_CAP_CANCEL),
    _rule("user_cap", _AMOUNT, _REVENUE, gap=60, cancel=_CAP_CANCEL),
    _rule(
        "acceptable_use_policy",
        _step(
            _rx(
                r"\b(?:acceptable|permitted|responsible)[- ]use polic(?:y|ies)\b",
                r"\bprohibited[- ]uses?(?: polic(?:y|ies))?\b",
                r"\busage polic(?:y|ies)\b",
                r"\buse[- ]based restrictions\b",
                r"\b(?:use|usage) restrictions\b",
                r"\brestricted uses\b",
                r"\b(?:agree|agrees|undertake|undertakes) not to use\b",
            ),
            "polic|prohibited|restrictions|restricted uses|not to use",
        ),
        cancel=_AUP_CANCEL,
    ),
    _rule("acceptable_use_policy", _NEG, _HARM, gap=200, cancel=_AUP_CANCEL),
    _rule("acceptable_use_policy", _NEG, _THE_FOLLOWING, gap=120, cancel=_AUP_CANCEL),
    _rule(
        "output_training_ban",
        _NEG,
        _OUTPUT,
        _TRAIN,
        _OTHER_MODEL,
        gap=120,
        cancel=_OUTPUT_CANCEL,
    ),
    _rule(
        "output_training_ban", _OUTPUT, _NEG, _TRAIN, _OTHER_MODEL, gap=100, cancel=_OUTPUT_CANCEL
    ),
    _rule(
        "output_training_ban", _NEG, _TRAIN, _OTHER_MODEL, _OUTPUT, gap=80, cancel=_OUTPUT_CANCEL
    ),
    _rule(
        "no_redistribution",
        _step(
            _rx(
                _DENY_VERB + _WORDS_0_3 + _REDIST_VERB,
                r"\b(?:re)?distribution (?:[\w-]+ ){0,4}?(?:is|are) (?:strictly |expressly )?"
                r"(?:prohibited|forbidden|not (?:permitted|allowed))\b",
                r"\bno (?:re)?distribution\b",
            ),
            "distribut|sublicen|sub-licen|resell|re-sell|rent|lease|lend|disclose|"
            "publicly release|available",
        ),
        cancel=_DERIV_CANCEL,
    ),
    _rule(
        "no_derivatives",
        _step(
            _rx(
                _DENY_VERB + _WORDS_0_3 + _MODIFY_VERB,
                r"\bno[- ]?derivatives\b",
                r"\bno derivative works?\b",
                r"\bno modifications?\b",
                r"\b(?:modifications?|derivative works?|derivatives) (?:[\w-]+ ){0,4}?(?:is|are) "
                r"(?:strictly |expressly )?(?:prohibited|forbidden|not (?:permitted|allowed))\b",
            ),
            "modif|alter|adapt|translate|derivative|tune|reverse|decompile|disassemble",
        ),
        cancel=_DERIV_CANCEL,
    ),
    _rule("all_rights_reserved", _step(_rx(r"\ball rights reserved\b"), "all rights reserved")),
    _rule(
        "proprietary",
        _step(
            _rx(
                r"\bproprietary and confidential\b",
                r"\bconfidential and proprietary\b",
                r"\bstrictly confidential\b",
                r"\bconfidential information of\b",
                r"\bunauthori[sz]ed (?:use|copying|reproduction|distribution|disclosure)\b",
                r"\bproprietary (?:software|information|property|model|technology) "
                r"(?:of|belonging to)\b",
                r"\bis (?:the )?(?:confidential and )?proprietary (?:to|property)\b",
                r"\bno (?:licen[cs]e|rights?) (?:is |are )?(?:hereby )?(?:granted|given)\b",
            ),
            "confidential|unauthori|proprietary|no licen|no right",
        ),
    ),
    _rule(
        "naming",
        _step(
            _rx(
                r"[\"'] ?(?:built|powered|improved|made|created|trained|fine-?tuned) "
                r"(?:with|by|using|on) [^\"']{1,60}[\"']",
                r"\b(?:include|includes|including|begin|begins|start|starts|prefix\w*) "
                r"(?:[\w\"'.-]+ ){0,6}?(?:at the (?:beginning|start) of|in) "
                r"(?:the |its |any such |each |any )?(?:[\w-]+ ){0,2}?name\b",
                r"\bprominently display\b",
                r"\bname (?:must|shall) (?:begin|start) with\b",
            ),
            "name|prominently display|built |powered |improved |made |created |trained |tuned ",
        ),
    ),
    _rule(
        "attribution",
        _step(
            _rx(
                r"\b(?:must|shall|will) (?:cite|acknowledge|credit|attribute)\b",
                r"\b(?:appropriate|proper) (?:credit|attribution)\b",
                r"\bcopyright notice (?:and this permission notice )?(?:shall|must) be "
                r"(?:included|retained)\b",
                r"\bmust (?:retain|reproduce|include) (?:the |all |this |a )?(?:above )?"
                r"(?:copyright|attribution|notice)\b",
            ),
            "cite|acknowledge|credit|attribut|copyright notice|must ",
        ),
    ),
    _rule(
        "grant",
        _step(
            _rx(
                r"\bhereby grants?\b",
                r"\bpermission is hereby granted\b",
                r"\bgrants? (?:to )?(?:you|licensee|the licensee|recipients?)\b",
                r"\byou are (?:hereby )?granted\b",
                r"\blicen[cs]ed under the\b",
                r"\bare permitted provided\b",
                r"\byou (?:may|can|are free to|are permitted to) (?:use|copy|reproduce|modify|"
                r"distribute|share|adapt)\b",
                r"\bpermission to use\b",
            ),
            "grant|ed under the|are permitted provided|you may |you can |you are |"
            "permission to use",
        ),
    ),
)

# --- text preparation ----------------------------------------------------------

_TRANSLATE = str.maketrans(
    {
        "\u00ad": "",  # soft hyphen
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        **dict.fromkeys("*_`~"),  # markdown emphasis and code markers
    }
)
# Line breaks and spaces as HTML, spelled out case by case (with the long s, U+017F,
# which re.IGNORECASE also takes for "s") so the engine can skip ahead to "<" or "&";
# replaced before the [#>|] runs, as the single pattern's "<br>" took its ">" first.
_HTML_SPACE = re.compile("<[bB][rR] ?/?>|&[nN][bB][sS\u017f][pP];")
_STRUCTURE = re.compile(r"[#>|]+")
# "(?<=\w)-" with the look-behind after the hyphen, for the same fast skip.
_BROKEN_WORD = re.compile(r"-(?<=\w-)[ \t]*\n[ \t]*(?=\w)")
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")
_SENTENCE_END = re.compile(r"\s(?<=[.!?]\s)\s*(?=[\"'(\[]?[A-Z0-9])")  # whitespace after .!?
_LIST_LEAD = re.compile(r": ")


def _prepare(text: str) -> str:
    """The first 64 KiB with markdown markers removed and hyphenated line breaks joined."""
    text = text[:MAX_TEXT_CHARS].translate(_TRANSLATE)
    text = _STRUCTURE.sub(" ", _HTML_SPACE.sub(" ", text))
    return _BROKEN_WORD.sub("-", text)


def _chunks(text: str) -> Iterator[str]:
    """The text in pieces of at most MAX_UNIT_CHARS, overlapping so no match is cut."""
    if len(text) <= MAX_UNIT_CHARS:
        yield text
        return
    step = MAX_UNIT_CHARS - 400
    for start in range(0, len(text), step):
        yield text[start : start + MAX_UNIT_CHARS]


def _sentences(text: str) -> Iterator[str]:
    """Whitespace-collapsed sentences, paragraph by paragraph."""
    for paragraph in _PARAGRAPH.split(text):
        flat = " ".join(paragraph.split())  # the same as re.sub(r"\s+", " ", ...).strip()
        if flat:
            for sentence in _SENTENCE_END.split(flat):
                yield from _chunks(sentence)


def _list_lead(sentence: str) -> int | None:
    """Where a negated lead-in ("You may not: ...") ends, if the sentence has one."""
    for colon in _LIST_LEAD.finditer(sentence):
        if _NEG.rx.search(sentence, max(0, colon.start() - 120), colon.start()):
            return colon.end()
    return None


def _units(sentence: str) -> Iterator[str]:
    """The `;`-separated parts of a sentence; list items carry their negated lead-in."""
    lead_end = _list_lead(sentence)
    if lead_end is None:
        yield from (part.strip() for part in sentence.split(";") if part.strip())
        return
    head = sentence[:lead_end]
    yield head.strip()
    lead = head[max(0, len(head) - 120) :].lstrip()
    for item in sentence[lead_end:].split(";"):
        if item.strip():
            yield f"{lead}{item.strip()}"


# --- matching ------------------------------------------------------------------


def _match(rule: _Rule, unit: str) -> tuple[int, int] | None:
    """The span of the first in-order match of all steps, or None."""
    for count, first in enumerate(rule.steps[0].rx.finditer(unit)):
        if count >= _MAX_STARTS:
            return None
        end = _chain(rule, unit, first.end())
        if end is not None:
            return first.start(), end
    return None


def _chain(rule: _Rule, unit: str, end: int) -> int | None:
    """Where the rule's later steps end, each found within `gap` of the last; None if not."""
    for step in rule.steps[1:]:
        found = step.rx.search(unit, end, end + rule.gap)
        if found is None:
            return None
        end = found.end()
    return end


def _cancelled(rule: _Rule, unit: str) -> bool:
    return rule.cancel is not None and rule.cancel.search(unit) is not None


def _cut(text: str, start: int, end: int) -> str:
    """text[start:end] narrowed to whole words, with ellipses where it was cut."""
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, end)
        start = space + 1 if space >= 0 else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    inner = text[start:end].strip()
    return f"{'…' if start > 0 else ''}{inner}{'…' if end < len(text) else ''}"


def excerpt(unit: str, span: tuple[int, int], limit: int = MAX_EXCERPT_CHARS) -> str:
    """The unit around the span, at most about `limit` characters."""
    start, end = span
    if len(unit) <= limit:
        return unit
    if end - start >= limit:
        half = limit // 2 - 2
        return f"{_cut(unit, start, start + half)} {_cut(unit, end - half, end)}"
    room = limit - (end - start)
    left = max(0, start - room // 2)
    right = min(len(unit), left + limit)
    left = max(0, right - limit)
    return _cut(unit, left, right)


class _Holders:
    """Which units hold a keyword, found by scanning all units' lowered text at once.

    One C-level `str.find` pass per keyword over the joined text is far cheaper
    than testing every keyword against every unit from Python.
    """

    def __init__(self, parts: list[str]) -> None:
        self._parts = parts
        self._starts: list[int] = []
        at = 0
        for part in parts:
            self._starts.append(at)
            at += len(part) + 1
        self._joined = "\n".join(parts)  # no keyword holds a newline: none spans two units
        self._words: dict[str, set[int]] = {}

    def of_word(self, word: str) -> set[int]:
        """Indices of the units whose lowered text holds `word`."""
        found = self._words.get(word)
        if found is None:
            found = self._words[word] = self._scan(word)
        return found

    def _scan(self, word: str) -> set[int]:
        found: set[int] = set()
        at = self._joined.find(word)
        while at >= 0:
            index = bisect_right(self._starts, at) - 1
            found.add(index)
            if index + 1 >= len(self._starts):
                break
            at = self._joined.find(word, self._starts[index + 1])
        return found

    def of_rule(self, rule: _Rule) -> set[int]:
        """Indices of the units holding a keyword of every step of the rule.

        The step with the fewest keywords is looked up in the whole text; the
        others are checked only in the units it leaves. A step without keywords
        rules nothing out.
        """
        steps = [step for step in rule.steps if step.keywords]
        first, *others = sorted(steps, key=lambda step: len(step.keywords))
        held: set[int] = set().union(*map(self.of_word, first.keywords))
        for step in others:
            held = {i for i in held if any(w in self._parts[i] for w in step.keywords)}
        return held


# The non-ASCII letters re.IGNORECASE matches to an ASCII letter while str.lower()
# does not turn them into it (checked by tests/test_licenses_speed_equivalence.py).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(unit: str) -> str:
    """The unit in lower case, with every letter a pattern may read as ASCII made ASCII."""
    return unit.lower() if unit.isascii() else unit.translate(_FOLD).lower()


def _rules_per_unit(units: list[str]) -> list[list[_Rule]]:
    """For each unit, in rule order, the rules its keywords leave possible."""
    holders = _Holders([_folded(unit) for unit in units])
    per_unit: list[list[_Rule]] = [[] for _ in units]
    for rule in _RULES:
        for index in holders.of_rule(rule):
            per_unit[index].append(rule)
    return per_unit


def _clauses_in(unit: str, rules: Iterable[_Rule]) -> Iterator[Clause]:
    for rule in rules:
        span = _match(rule, unit)
        if span is not None and not _cancelled(rule, unit):
            phrase = unit[span[0] : span[1]][:MAX_EXCERPT_CHARS]
            yield Clause(rule.kind, excerpt(unit, span), phrase)


def _limit(clauses: Iterable[Clause]) -> tuple[Clause, ...]:
    """Distinct clauses in text order, at most MAX_PER_KIND of each kind."""
    seen: dict[tuple[str, str], Clause] = {}
    counts: dict[str, int] = {}
    for clause in clauses:
        key = (clause.kind, clause.excerpt)
        if key in seen or counts.get(clause.kind, 0) >= MAX_PER_KIND:
            continue
        seen[key] = clause
        counts[clause.kind] = counts.get(clause.kind, 0) + 1
    return tuple(seen.values())


def detect_clauses(text: str) -> tuple[Clause, ...]:
    """Restrictive (and grant / attribution) clauses in a licence text, in text order.

    Reads at most the first 64 KiB; case-insensitive; tolerant of line breaks
    and markdown; never raises on text. "All rights reserved" is dropped when
    the text also grants rights (it is then only the copyright line's formula).
    """
    if not isinstance(text, str) or not text.strip():
        return ()
    units = [unit for sentence in _sentences(_prepare(text)) for unit in _units(sentence)]
    found = [
        clause
        for unit, rules in zip(units, _rules_per_unit(units), strict=True)
        for clause in _clauses_in(unit, rules)
    ]
    if any(c.kind == "grant" for c in found):
        found = [c for c in found if c.kind != "all_rights_reserved"]
    return _limit(found)


# --- facts ---------------------------------------------------------------------


def _first(clauses: tuple[Clause, ...], *kinds: str) -> Clause | None:
    return next((c for c in clauses if c.kind in kinds), None)


def _has(clauses: tuple[Clause, ...], *kinds: str) -> bool:
    return _first(clauses, *kinds) is not None


def _family(clauses: tuple[Clause, ...]) -> Family:
    if _has(clauses, *_PROPRIETARY_KINDS) and not _has(clauses, "grant"):
        return "proprietary"
    if _has(clauses, *_NON_COMMERCIAL_KINDS):
        return "non-commercial"
    if _has(clauses, *_RESTRICTED_KINDS):
        return "restricted"
    return "unknown"


def _commercial(clauses: tuple[Clause, ...], family: Family) -> tuple[Ternary, str | None]:
    refusal = _first(clauses, *_NON_COMMERCIAL_KINDS)
    if refusal is not None:
        return "no", f"the licence text reads: '{refusal.excerpt}'"
    if family == "proprietary":
        return "no", "the licence text reserves all rights and grants none that was detected"
    cap = _first(clauses, "user_cap")
    if cap is not None:
        return "conditional", f"the licence text sets a cap: '{cap.excerpt}'"
    return "unknown", None


def _denied(clauses: tuple[Clause, ...], kind: str) -> Ternary:
    clause = _first(clauses, kind)
    if clause is None:
        return "unknown"
    words = clause.excerpt.lower()
    return "conditional" if any(w in words for w in ("except", "unless", "without")) else "no"


def _quoted(clauses: tuple[Clause, ...], kind: str) -> str:
    clause = _first(clauses, kind)
    return f"'{clause.excerpt}'" if clause else "unknown"


def _flag(clauses: tuple[Clause, ...], *kinds: str) -> bool | None:
    return True if _has(clauses, *kinds) else None


def describe(clauses: Iterable[Clause], limit: int = MAX_EXCERPT_CHARS) -> str:
    """'non-commercial ('...'); research only ('...')': each kind once, in order."""
    parts: dict[str, str] = {}
    for clause in clauses:
        if clause.restrictive and clause.kind not in parts:
            parts[clause.kind] = f"{clause.label} ('{_shortened(clause, limit)}')"
    return "; ".join(parts.values())


def _shortened(clause: Clause, limit: int) -> str:
    """The clause's excerpt cut to about `limit` characters around the matched words."""
    if len(clause.excerpt) <= limit:
        return clause.excerpt
    text = clause.excerpt.strip("…")
    at = text.find(clause.phrase) if clause.phrase else -1
    span = (at, at + len(clause.phrase)) if at >= 0 else (0, min(len(text), limit // 2))
    return excerpt(text, span, limit)


def facts_from_clauses(clauses: Iterable[Clause], label: str) -> LicenseFacts | None:
    """Low-confidence usage facts from detected clauses; None when none restricts.

    Only detected clauses set a fact: whatever was not detected stays unknown
    (never "yes"), since a missing phrase is no evidence of permission.
    """
    found = tuple(clauses)
    if not any(c.restrictive for c in found):
        return None
    family = _family(found)
    commercial, note = _commercial(found, family)
    name = label.strip() or "custom"
    return LicenseFacts(
        id=f"{name} (detected clauses)",
        name=f"{name}: custom licence, terms detected from its restrictive clauses",
        spdx=None,
        family=family,
        osi_approved=False if any(c.kind in _NOT_OSD_KINDS for c in found) else None,
        open_content=False,
        commercial_use=commercial,
        modification=_denied(found, "no_derivatives"),
        redistribution=_denied(found, "no_redistribution"),
        field_of_use_restrictions=_flag(
            found, "research_only", "evaluation_only", "acceptable_use_policy"
        ),
        acceptable_use_policy=_flag(found, "acceptable_use_policy"),
        user_cap=_quoted(found, "user_cap"),
        attribution="yes" if _has(found, "attribution", "naming") else "unknown",
        share_alike="unknown",
        output_restrictions=_quoted(found, "output_training_ban"),
        naming_or_display=_quoted(found, "naming"),
        confidence="low",
        notes=(
            f"detected clauses: {describe(found, 80)}. Low confidence: found by pattern "
            "matching, not a legal reading; terms not detected are unknown"
        ),
        commercial_note=note,
    )
