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
        r"\brequires? (?:a |an |the )?(?:prior |explicit |express |our )?(?:(?:separate|written|"
        r"commercial|additional|paid|different|explicit|express) ){0,2}(?:license|licence|"
        r"agreement|permission|contract|authori[sz]ation|approval|consent)\b",
        r"\brequires? (?:obtaining|applying for|requesting) (?:a |an |the )?(?:[\w-]+ ){0,2}?"
        r"(?:license|licence|agreement|permission|authori[sz]ation|approval|consent)\b",
        r"\b(?:is|are) (?:only )?(?:subject to|possible with|permitted with|allowed with) "
        r"(?:a |an |the )?(?:prior |explicit )?(?:(?:separate|written|commercial|prior) )"
        r"(?:license|licence|agreement|permission|authori[sz]ation|approval|consent)\b",
        r"\bonly with (?:the |our )?(?:prior |explicit |express )?(?:written )?(?:permission|"
        r"consent|approval|authori[sz]ation)\b",
    ),
    "prohibited|forbidden|excluded|not |require|subject to|possible with|permitted with|"
    "allowed with|only with",
)
_NC_CANCELS = (
    r"\bcommercial (?:and|or|and/or|as well as) non-?commercial\b",
    r"\bnon-?commercial (?:and|or|and/or|as well as) commercial\b",
    r"\b(?:including|include|includes) (?:for )?commercial\b",
    r"\bwhether (?:or not )?(?:for )?commercial\b",
    r"\bnot (?:limited|restricted) to non-?commercial\b",
    r"\bno non-?commercial (?:restrictions?|limitations?|clause|requirement)\b",
    r"\bno commercial[- ]use (?:restrictions?|limitations?)\b",
    r"\bcommercial (?:use|purposes) (?:is|are) (?:hereby )?(?:expressly )?(?:permitted|allowed)\b"
    r"(?! only\b)",
    r"\b(?:permitted|allowed|free) (?:for|to use for) commercial\b",
    r"\balternative is allowed\b",  # the GPL's offer-passing option, not a use limit
    *_NOT_RESTRICTING,
)
_NC_CANCEL = _rx(*_NC_CANCELS)
# A licence commercial use needs, asked for ("For commercial use, please contact us to
# obtain a commercial license") or said to be required ("A commercial license is
# required for commercial use"); not when none is needed ("no separate license is
# required"), nor commercial support, services or enquiries.
_LICENCE_WORD = r"(?:license|licence|agreement|permission|authori[sz]ation)"
_COMMERCIAL_PURPOSE = _step(
    _rx(
        r"\b(?:for|of) commercial (?:use|uses|usage|purposes?|applications?|deployments?|"
        r"products?|exploitation)\b",
        r"\b(?:use|deploy|exploit) (?:\w+ ){0,4}?commercially\b",
    ),
    "commercial",
)
_LICENCE_ASKED = _step(
    _rx(
        r"\b(?:obtain|get|request|purchase|acquire|buy|apply for|sign|need|must have) "
        r"(?:a |an |the |our )?(?:(?:separate|commercial|paid|written|enterprise) ){0,2}"
        + _LICENCE_WORD,
    ),
    "obtain|get|request|purchase|acquire|buy|apply for|sign|need|must have",
)
_LICENCE_REQUIRED = rf"\b{_LICENCE_WORD}s? (?:is|are) (?:also )?(?:required|needed|necessary)\b"
_NO_LICENCE_NEEDED = _rx(
    *_NC_CANCELS,
    rf"\bno (?:[\w-]+ ){{0,3}}?{_LICENCE_WORD}s? (?:is |are )?(?:required|needed|necessary)\b",
    rf"\bwithout (?:a |any |the )?(?:[\w-]+ ){{0,2}}?{_LICENCE_WORD}\b",
    # "does not require you to obtain a licence", "you do not need to request permission"
    r"\b(?:not|never|no need to|needn't) (?:[\w-]+ ){0,3}?(?:require|need|obtain|get|request)\b",
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

# --- other languages -----------------------------------------------------------
# Cards, and some licence files, state the terms in the release's language: the
# common phrasings of non-commercial and research-only terms in Chinese (simplified
# and traditional), Japanese, Korean, German, Spanish, Portuguese, French and
# Italian. Chinese and Japanese put no spaces between words: their gaps are short
# runs of anything but sentence punctuation.

# sentence ends (full-width and ASCII), and also commas for the clause gap
_CJK_STOPS = r"\u3002\uff1b;\uff01!\uff1f?\n"
_CJK_GAP = rf"[^{_CJK_STOPS}]{{0,12}}?"
_CJK_CLAUSE_GAP = rf"[^{_CJK_STOPS}\uff0c,\u3001]{{0,12}}?"
_ZH_COMMERCIAL = r"(?:商用|商业(?!秘密)|商業(?!秘密))"
_ZH_CANCEL = _rx(
    r"免费商|免費商|(?<![不非禁])(?:允许|允許)(?:免费|免費)?(?:商用|商业|商業)",
    r"(?:商用|商业|商業)(?:和|与|與|及|或|、)非(?:商用|商业|商業)",
    r"非(?:商用|商业|商業)(?:和|与|與|及|或|、)(?:商用|商业|商業)",
)
_JA_CANCEL = _rx(
    r"商用(?:利用|使用|目的)?(?:も|が)?可",
    r"商用(?:・|、|/|および|及び|または|又は|と)非商用|非商用(?:・|、|/|および|及び|または|又は|と)商用",
)
_KO_CANCEL = _rx(
    r"상업(?:적|용)?\s?(?:및|또는|과|와|이나|이든|,)\s?비상업",
    r"비상업(?:적|용)?\s?(?:및|또는|과|와|이나|이든|,)\s?상업",
    r"상업(?:적|용)?\s?(?:이용|사용)(?:이|도|은|을)?\s?(?:가능|허용됩니다|허용합니다)",
)
_EU_NC_CANCEL = _rx(
    r"\bkeine (?:Einschränkung|Beschränkung)\w*",
    r"\bnicht (?:eingeschränkt|beschränkt)\b",
    r"\bkommerziell\w* (?:und|oder) nicht[- ]?kommerziell",
    r"\bnicht[- ]?kommerziell\w* (?:und|oder) kommerziell",
    r"\bcomerciai?l?e?s? (?:y|o|e|ou) n(?:o|ão|ao)[- ]comercia",
    r"\bn(?:o|ão|ao)[- ]comerciai?l?e?s? (?:y|o|e|ou) comercia",
    r"\bcommercia\w* (?:et|ou|e|o) non[- ]commercia",
    r"\bnon[- ]commercia\w* (?:et|ou|e|o) commercia",
    r"\bincluid[oa]s? (?:el |los )?(?:usos? )?comercia",
    r"\by compris (?:à des fins |pour un usage |l'usage )?commercia",
    *_NOT_RESTRICTING,
)
_EU_COMMERCIAL_THING = _step(
    _rx(
        r"\bkommerzielle[nrs]? (?:Nutzung|Verwendung|Zwecke[n]?|Einsatz|Gebrauch|Anwendung(?:en)?|"
        r"Vertrieb|Verwertung)\b",
        r"\b(?:uso|usos|fines|explotaci[oó]n|utilizaci[oó]n|aplicaciones|utiliza[cç][aã]o|"
        r"finalidades?)[ -]comerciai?l?e?s?\b",
        r"\b(?:usage|usages|utilisation|utilisations|exploitation|fins|uso|scopi|fini|utilizzo)[ -]"
        r"commercia(?:l|le|les|ux|li|i)\b",
    ),
    "kommerziell|comercia|commercia",
)
_EU_REFUSED = _step(
    _rx(
        r"\b(?:untersagt|verboten|nicht (?:gestattet|erlaubt|zulässig|zugelassen)|ausgeschlossen|"
        r"nur mit|nur nach|bedarf|bedürfen|erfordert|erfordern|benötigt)\b",
        r"\b(?:prohibid[oa]s?|proibid[oa]s?|no (?:está |esta |están |estan )?permitid[oa]s?|"
        r"n[ãa]o (?:é |e )?permitid[oa]s?|requieren?|requer|necesitan?|precisan?|sujet[oa]s? a|"
        r"sujeit[oa]s? a|exige|exigem)\b",
        r"\b(?:interdite?s?|n'est pas (?:autorisée?|permise?)|"
        r"ne sont pas (?:autorisée?s|permise?s)|soumise?s? à|nécessite|nécessitent|requiert|"
        r"requièrent|vietat[oai]|"
        r"non (?:è |e )?(?:consentit|permess)[oai]|richiede|richiedono|subordinat[oai])\b",
    ),
    "untersagt|verboten|nicht |ausgeschlossen|nur |bedarf|bedürfen|erforder|benötigt|prohibid|"
    "proibid|permitid|requier|requer|necesita|precisa|sujet|sujeit|exige|interdit|n'est pas|"
    "ne sont pas|soumis|nécessit|requiert|requièrent|vietat|consentit|permess|richied|subordinat",
)
_EU_NEGATION = _step(
    _rx(
        r"\b(?:darf|dürfen)\b(?: [\w-]+){0,6}? nicht\b",
        r"\bno (?:se )?(?:puede|pueden|podrá|podrán|podra|podran|debe|deben)\b",
        r"\bn[ãa]o (?:pode|podem|poderá|deve|devem)\b",
        r"\bne (?:peut|peuvent|doit|doivent|pourra|pourront) (?:[\w-]+ ){0,2}?pas\b",
        r"\bnon (?:può|possono|deve|devono|potrà|potranno)\b",
    ),
    "nicht|no |não |nao |pas|non ",
)
_EU_ONLY_CANCEL = _rx(
    r"\bnicht (?:nur|ausschließlich|ausschliesslich|allein)\b",
    r"\bno (?:solo|sólo|solamente|únicamente)\b",
    r"\bn[ãa]o (?:apenas|somente|só)\b",
    r"\bnon seulement\b",
    r"\bpas (?:uniquement|seulement|exclusivement)\b",
    r"\bnon (?:solo|soltanto|solamente)\b",
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
    _rule("non_commercial", _COMMERCIAL_PURPOSE, _LICENCE_ASKED, gap=80, cancel=_NO_LICENCE_NEEDED),
    _rule(
        "non_commercial",
        _step(
            _rx(rf"\bcommercial (?:[\w-]+ )?{_LICENCE_REQUIRED}"),
            "commercial",
        ),
        cancel=_NO_LICENCE_NEEDED,
    ),
    _rule(
        "non_commercial",
        _step(_rx(_LICENCE_REQUIRED), "required|needed|necessary"),
        _COMMERCIAL_PURPOSE,
        gap=40,
        cancel=_NO_LICENCE_NEEDED,
    ),
    _rule(
        "research_only",
        _step(
            _rx(
                r"\bresearch[- ](?:purposes? |use |uses )?only\b",
                r"\b(?:solely|only|exclusively|strictly) (?:for|to) (?:[\w-]+ ){0,3}?research\b",
                r"\b(?:limited|restricted) to (?:[\w-]+ ){0,3}?research\b",
                r"\bresearch-only\b",
                # "should not be used outside of research purposes"
                r"\bnot (?:be )?used (?:outside|beyond) (?:of )?(?:the )?(?:[\w-]+ ){0,2}?"
                r"research\b",
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
    # --- other languages (see the vocabulary above)
    _rule(
        "non_commercial",
        _step(
            _rx(
                r"(?:禁止|不得|不可|不能|严禁|嚴禁|不允许|不允許|不准|请勿|請勿)"
                + _CJK_GAP
                + _ZH_COMMERCIAL,
                r"非(?:商业|商業|商用|营利|營利)",
                _ZH_COMMERCIAL
                + _CJK_GAP
                # "需" of "无需" (no need) is no duty, "请" of "申请" no request:
                # "商业使用无需申请授权"
                + r"(?:(?<![无無不毋])(?:需|须|須)|必须|必須|应当|應當|(?<!申)(?:请|請))"
                + _CJK_GAP
                + r"(?:申请|申請|授权|授權|许可|許可|同意|联系|聯繫|聯絡|登记|登記|协议|協議)",
            ),
            "商用|商业|商業|非营|非營",
        ),
        cancel=_ZH_CANCEL,
    ),
    _rule(
        "research_only",
        _step(
            _rx(
                r"(?:仅限|僅限|仅供|僅供|仅用于|僅用於|只能用于|只能用於|只可用于|只可用於|只用于|只用於|"
                r"只供)" + rf"[^{_CJK_STOPS}\uff0c,\u3001]{{0,8}}?(?:学术|學術|科研|研究)"
            ),
            "学术|學術|科研|研究",
        ),
        cancel=_rx(
            r"不(?:仅|僅|只|限)", r"(?:学术|學術|研究)(?:和|与|與|及|或|、)(?:商业|商業|商用)"
        ),
    ),
    _rule(
        "non_commercial",
        _step(
            _rx(
                r"商用(?:利用|目的|使用|での(?:利用|使用)|の(?:利用|使用))?[はをもで]?"
                + _CJK_CLAUSE_GAP
                + r"(?:不可|禁止|禁じ|できません|出来ません|認められ(?:ません|ていません)|"
                r"許可され(?:ません|ていません)|お断り)",
                r"非商用|非営利",
                r"商用(?:利用|目的|使用)?(?:の場合|に際して|には|する場合|をご希望)"
                + _CJK_GAP
                + r"(?:許可|許諾|契約|ライセンス|承認|申請|連絡|問い合わせ)",
            ),
            "商用|非営利",
        ),
        cancel=_JA_CANCEL,
    ),
    _rule(
        "research_only",
        _step(
            _rx(r"研究(?:目的|用途|開発目的|利用)?(?:で|に|として)?(?:のみ|限り|限定|限る|限って)"),
            "研究",
        ),
        cancel=_rx(r"限らず|のみならず|だけでなく|に限定されない"),
    ),
    _rule(
        "non_commercial",
        _step(
            _rx(
                r"비상업|비영리",
                r"상업(?:적|용)?\s?(?:이용|사용|목적|용도|활용)[^.!?\u3002\n]{0,24}?"
                r"(?:금지|불가|할 수 없|수 없|허용되지 않|허용하지 않|"
                r"별도(?:의)? (?:허가|승인|계약|라이선스|협의)|사전 (?:허가|승인|동의))",
            ),
            "상업|영리",
        ),
        cancel=_KO_CANCEL,
    ),
    _rule(
        "research_only",
        _step(
            _rx(
                r"연구(?:\s?목적|\s?용도|용)?\s?(?:으로만|에만|만|에 한해|에 한하여|에 한정|"
                r"으로 한정|으로 제한|에 제한)"
            ),
            "연구",
        ),
    ),
    _rule(
        "non_commercial",
        _step(
            _rx(
                r"\bnicht[- ]?kommerziell\w*",
                r"\bnicht (?:für|zu) kommerziellen?\b",
                r"\bkeine[nr]? kommerzielle[nr]? (?:Nutzung|Verwendung|Zwecke)\b",
                r"\bn(?:o|ão|ao)[- ]comerciai?l?e?s?\b",
                r"\bnon[- ]commercia(?:le|les|li|ux)\b",
            ),
            "kommerziell|comercia|commercia",
        ),
        cancel=_EU_NC_CANCEL,
    ),
    _rule("non_commercial", _EU_COMMERCIAL_THING, _EU_REFUSED, gap=80, cancel=_EU_NC_CANCEL),
    _rule(
        "non_commercial",
        _EU_NEGATION,
        _step(
            _rx(r"\bkommerziell\w*", r"\bcomercia\w*", r"\bcommercia\w*"),
            "kommerziell|comercia|commercia",
        ),
        gap=60,
        cancel=_EU_NC_CANCEL,
    ),
    _rule(
        "research_only",
        _step(
            _rx(
                r"\b(?:nur|ausschließlich|ausschliesslich|lediglich|allein) (?:für|zu|zum|zur) "
                r"(?:[\w-]+ ){0,2}?(?:Forschung\w*|wissenschaftliche\w*|akademische\w*)",
                r"\b(?:solo|sólo|solamente|únicamente|unicamente|exclusivamente) (?:para|con|a) "
                r"(?:[\w-]+ ){0,3}?investigaci[oó]n\b",
                r"\binvestigaci[oó]n (?:[\w-]+ ){0,2}?(?:únicamente|exclusivamente|solamente)\b",
                r"\b(?:apenas|somente|exclusivamente|unicamente) (?:para|com|a) (?:[\w-]+ ){0,3}?"
                r"pesquisa\b",
                r"\b(?:uniquement|exclusivement|seulement|strictement) (?:[\w'-]+ ){0,4}?"
                r"recherche\b",
                r"\bfins de recherche (?:uniquement|exclusivement|seulement)\b",
                r"\b(?:solo|solamente|esclusivamente|unicamente) (?:[\w'-]+ ){0,4}?ricerca\b",
            ),
            "forschung|wissenschaftlich|akademisch|investigaci|pesquisa|recherche|ricerca",
        ),
        cancel=_EU_ONLY_CANCEL,
    ),
)
