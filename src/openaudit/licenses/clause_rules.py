"""The clause rules: the phrasings that give each restrictive clause kind away.

Data only: each rule is a few patterns that must occur in order, with the
keywords that let `openaudit.licenses.clauses` skip units that cannot match,
and "cancel" phrases that void a match in the same unit. How the rules are run
over a licence text is in `openaudit.licenses.clauses`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Step:
    """A pattern and the lower-case keywords of which every match contains at least one.

    The keywords are a cheap necessary condition: a unit holding none of them
    cannot match, so the pattern is never run on it. They must stay in step
    with the pattern (tests/test_licenses_speed_equivalence.py checks them).
    """

    rx: re.Pattern[str]
    keywords: tuple[str, ...]


def _step(rx: re.Pattern[str], keywords: str) -> Step:
    """A step from its pattern and its `|`-separated keywords."""
    return Step(rx, tuple(keywords.split("|")))


@dataclass(frozen=True)
class Rule:
    """Patterns that must occur in order, each within `gap` characters of the last."""

    kind: ClauseKind
    steps: tuple[Step, ...]
    gap: int = 150
    cancel: re.Pattern[str] | None = None


def _rule(
    kind: ClauseKind, *steps: Step, gap: int = 150, cancel: re.Pattern[str] | None = None
) -> Rule:
    return Rule(kind, steps, gap, cancel)


# --- vocabulary ----------------------------------------------------------------

_MODAL_NOT = r"\b(?:may|shall|must|will|can|could|should|would) ?not\b|\bcannot\b"
NEGATION = _step(
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

RULES: tuple[Rule, ...] = (
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
    _rule("non_commercial", NEGATION, _COMMERCIAL_THING, gap=120, cancel=_NC_CANCEL),
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
    _rule("acceptable_use_policy", NEGATION, _HARM, gap=200, cancel=_AUP_CANCEL),
    _rule("acceptable_use_policy", NEGATION, _THE_FOLLOWING, gap=120, cancel=_AUP_CANCEL),
    _rule(
        "output_training_ban",
        NEGATION,
        _OUTPUT,
        _TRAIN,
        _OTHER_MODEL,
        gap=120,
        cancel=_OUTPUT_CANCEL,
    ),
    _rule(
        "output_training_ban",
        _OUTPUT,
        NEGATION,
        _TRAIN,
        _OTHER_MODEL,
        gap=100,
        cancel=_OUTPUT_CANCEL,
    ),
    _rule(
        "output_training_ban",
        NEGATION,
        _TRAIN,
        _OTHER_MODEL,
        _OUTPUT,
        gap=80,
        cancel=_OUTPUT_CANCEL,
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
