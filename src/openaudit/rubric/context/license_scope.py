"""Which licence evidence speaks for the model itself, and what a card's licence section says.

A repository's licence-like files are not all the model's licence: a NOTICE or a
third-party file lists other works' licences, a DATA_LICENSE covers the data, and
a dual-licence file that offers the card's licence as one option does not
contradict it. Only the model's own licence files (LICENSE, LICENCE, COPYING,
MODEL_LICENSE, ...) can decide over the card's `license:` field.

A card's "License" section can state the terms in prose ("This model is licensed
under CC BY-NC 4.0"). Only sentences about the model are read: a sentence about
the data alone, the code alone or a base model states another work's licence, while one
whose subject names the model beside its data ("the model weights and the training data
are released under CC BY-NC 4.0") states the model's too. The terms
are read wherever a card states them: sections titled as a licence in the card's
language (License, Lizenz, Licencia, 许可证, ライセンス, 라이선스 ...), sections titled
as terms of use (Terms of Use, Usage Restrictions, Commercial Use, Acceptable Use,
Use Policy ...), a Disclaimer, a note at the top of the card ("> Note: ... may not
be used for commercial purposes") and a licence line ("- **License:** Apache 2.0",
"| License | MIT |", the Hub template's Model Details field) and a shields.io badge
labelled as the model's licence ("Model License: CC BY-NC 4.0").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from openaudit import textsearch
from openaudit.licenses.catalogue import get, lookup
from openaudit.licenses.clause_rules import ClauseKind
from openaudit.licenses.clauses import Clause, detect_clauses
from openaudit.licenses.names import name_key
from openaudit.licenses.text import identify_text, normalize_text
from openaudit.sentences import split_sentences

if TYPE_CHECKING:
    from openaudit.card import Card, Section

# Words in a licence file's name that say it covers another work, or lists others'
# licences: NOTICE, THIRD_PARTY_LICENSES, DATA_LICENSE, LICENSE-CODE, FONTS_LICENSE ...
_OTHER_WORK_FILE = re.compile(
    r"(?:^|[-_.])(?:notices?|third|thirdparty|3rd|3rdparty|party|data|datasets?|code|"
    r"dependencies|deps|vendor|vendored|fonts?|docs?|documentation)(?=$|[-_.])",
    re.IGNORECASE,
)
# "dual-licensed", "at your option": a text offering a choice of licences
_CHOICE = re.compile(
    r"\b(?:dual[- ]licen[cs]ed|multi[- ]licen[cs]ed|at your (?:option|choice|election)|"
    r"you may choose|alternatively)\b",
    re.IGNORECASE,
)
# Restrictive clause kinds that limit what the model may be used for. "All rights
# reserved" counts in a licence file only when the file grants nothing (detect_clauses
# drops it beside a grant: then it is a copyright line's formula). Left out: a naming
# duty (open licences allow it) and, in card prose, prohibited uses (cards list misuses
# as advice) and "all rights reserved" (a copyright line).
FILE_OVERRIDE_KINDS = frozenset({
    "non_commercial", "research_only", "evaluation_only", "user_cap", "output_training_ban",
    "no_redistribution", "no_derivatives", "proprietary", "acceptable_use_policy",
    "all_rights_reserved",
})  # fmt: skip
CARD_OVERRIDE_KINDS = FILE_OVERRIDE_KINDS - {"acceptable_use_policy", "all_rights_reserved"}

# Section titles that name the licence, in the languages cards are written in (Chinese
# titles match word by word: 许可 is in 许可证 and 许可协议, 协议 in 开源协议).
LICENCE_SECTION_NAMES = (
    "license", "licence", "licensing", "licenses", "licences",
    "许可", "許可", "协议", "協議", "授权", "授權", "ライセンス", "라이선스", "라이센스",
    "lizenz", "lizenzen", "lizenzierung", "licencia", "licença", "licenza", "licentie",
    "licencja", "лицензия",
)  # fmt: skip
# Section titles that state terms of use: a use restriction there (an acceptable-use
# clause as well) is the model's terms, not advice about misuse.
TERMS_SECTION_NAMES = (
    "terms of use", "terms and conditions", "terms of service", "usage terms", "use terms",
    "usage restrictions", "use restrictions", "restrictions on use", "usage policy",
    "use policy", "acceptable use", "commercial use", "commercial usage",
    "使用条款", "使用條款", "使用限制", "商用", "商业使用", "商業使用", "利用規約", "利用条件",
    "이용 약관", "이용약관", "사용 약관", "상업적 이용", "nutzungsbedingungen",
    "kommerzielle nutzung", "términos de uso", "condiciones de uso", "uso comercial",
    "conditions d'utilisation", "utilisation commerciale", "termini di utilizzo",
    "termini d'uso", "uso commerciale",
)  # fmt: skip
# A disclaimer may state the terms too; there, as in a licence section, a list of uses
# not to make is advice rather than an acceptable-use policy.
DISCLAIMER_SECTION_NAMES = (
    "disclaimer", "免责声明", "免責聲明", "免責事項", "haftungsausschluss",
    "descargo de responsabilidad", "avertissement",
)  # fmt: skip
# The kinds of passage read for the terms, as the first item of each passage tuple; NAME
# and GATE are card metadata: a `license_name`, a gate's prompt or description
LICENCE, TERMS, DISCLAIMER, NOTE, FIELD = "licence", "terms", "disclaimer", "note", "field"
BADGE = "badge"  # a shields.io badge whose label names the model's licence
NAME, GATE = "name", "gate"
METADATA_KINDS = frozenset({NAME, GATE})
# The gate's text that may state the terms ("Access for non-commercial research only")
GATE_TERMS_FIELDS = ("extra_gated_prompt", "extra_gated_description")
# The gate's form: the labels of its fields (the keys of the mapping) may state the
# terms too ("I agree to use this model for non-commercial purposes only": checkbox)
GATE_FORM_FIELD = "extra_gated_fields"
MAX_GATE_LABELS = 20
MAX_GATE_LABEL_CHARS = 300
MAX_SECTIONS_READ = 3  # of each kind
MAX_NOTES = 3
MAX_FIELDS = 3
MAX_TOP_CHARS = 4000  # the top of the card, where a note on the terms stands
MAX_SECTION_CHARS = 4000
MAX_SENTENCES = 20
# A sentence of a licence section is about the model when it says so (its weights,
# checkpoints, this repository, its use) or names no other subject ("Licensed under CC
# BY-NC 4.0."); not when it is about code alone, the data or a base model.
_MODEL_SUBJECT = re.compile(
    r"\b(?:(?:this|the|our|these|its) (?:[\w-]+ )?(?:models?|weights|checkpoints?|"
    r"repository|repo)|it (?:may|can|must|is)|its (?:[\w-]+ )?(?:use|usage))\b"
    # in the card's language: the model, its weights, its use
    r"|模型|权重|權重|重み|モデル|모델|가중치"
    r"|\b(?:Modell\w*|Gewichte|modelo|pesos|modèle|poids|modello|pesi|"
    r"su (?:uso|utilización)|sa (?:utilisation|exploitation)|son (?:usage|utilisation)|"
    r"seine[nr]? (?:Nutzung|Verwendung)|il suo (?:uso|utilizzo))\b",
    re.IGNORECASE,
)
_CODE_SUBJECT = re.compile(
    r"\b(?:code|codebase|scripts?|demo|código|codice|Quellcode)\b|代码|代碼|程式碼|コード|코드",
    re.IGNORECASE,
)
# Works other than the model: its data, a base model, an earlier version or release,
# third-party material, assets, the paper and its figures, prompts and examples,
# benchmarks and evaluation sets, sample or evaluation outputs, demos.
_OTHER_WORK = re.compile(
    r"\b(?:datasets?|data|corpus|corpora|tokens|base models?|original models?|"
    r"parent models?|upstream|based on|derived from|"
    r"(?:previous|earlier|older|prior|former|last|first|original)\s+(?:[\w-]+\s+){0,2}"
    r"(?:versions?|releases?|iterations?|generations?|checkpoints?|models?)|"
    r"third[- ]party|3rd[- ]party|assets?|figures?|paper(?:'s| is| are| itself)|prompts?|examples|"
    r"benchmarks?|evaluation (?:sets?|suites?|outputs|results)|eval (?:sets?|outputs)|"
    r"(?:sample|example|evaluation|eval|demo|generated) (?:outputs|images|videos|audio|"
    r"texts|generations)|demos?|showcase)\b"
    # in the card's language: data, datasets, corpora; a base model; an earlier version
    r"|数据|數據|資料|データ|데이터|语料|語料|コーパス|말뭉치|코퍼스|基座|基础模型|基礎模型|底座模型|"
    r"ベースモデル|基盤モデル|베이스 모델|기반 모델|旧版|舊版|以前のバージョン|이전 버전"
    r"|(?:\b|trainings|lern|text|bild|sprach|eingabe|quell)daten\w*"
    r"|\b(?:datos|données|dati|dados|Basismodell\w*|modelo base|modèle de base|"
    r"modello base|frühere[nr]? Version\w*|versión anterior|version précédente|"
    r"versione precedente)\b",
    re.IGNORECASE,
)

# A subject that names the model beside its data: "the model weights and the training
# data", "both the model and the dataset", "the data and checkpoint", "models trained
# using the data", "本模型的权重和训练数据". A licence or terms sentence with such a
# subject is about the model as well, though it names the data; a base, original or
# earlier model beside the data is not the model, nor are the model and data cards
# (documents). Bounded, linear patterns only.
_OTHER_MODEL = (
    r"base|original|parent|upstream|previous|earlier|older|prior|teacher|reference|"
    r"baseline|source|compared|competing|other|external|third-party"
)
_MODEL_WORD = (
    rf"(?:(?!(?:{_OTHER_MODEL})\b)[\w-]+ )?(?:models?|weights|checkpoints?)"
    r"(?: weights| checkpoints?)?(?! card)"
)
_DATA_WORD = r"(?:[\w-]+ )?(?:data|datasets?|corpus|corpora)(?! cards?\b)"
# Before 模型 or 权重 in Chinese: no word naming another model (基础, 基座, 原始, 教师,
# 参考, 对比, ...) and no name in Latin letters ("LLaMA模型权重", "LLaMA 模型")
_CN_OTHER_MODEL = (
    "基座|基础|基礎|底座|原始|原|教师|教師|老师|参考|參考|"  # base, original, teacher, reference
    "上游|父|旧版|舊版|基线|基線|对比|對比|其他|其它"  # upstream, earlier, compared
)
# (a Latin name before 模型 is most often the card's own model's: "MyModel-7B模型的权重")
_CN_NOT_OURS = "".join(f"(?<!{w})" for w in _CN_OTHER_MODEL.split("|"))
_JOINT_SUBJECT = re.compile(
    rf"\b(?:this|the|our|these|its|both(?: the| our)?) {_MODEL_WORD}"
    rf" (?:and|&|as well as) (?:(?:the|its|our|their) )?{_DATA_WORD}\b"
    rf"|\b(?:this|the|our|these|its|both(?: the| our)?) {_DATA_WORD}"
    rf" (?:and|&) (?:(?:the|its|our|their) )?{_MODEL_WORD}\b"
    # in Chinese: the model (its weights) and its data, or the data and the model
    # (not another model's: 基础/原始/教师模型, 基础模型的权重)
    rf"|{_CN_NOT_OURS}(?:模型(?:的?(?:权重|權重))?|(?<!模型)(?<!模型的)(?:权重|權重))"
    r"(?:和|与|與|及|以及|、)(?:其|本模型的?)?(?:训练|訓練)?(?:数据|數據|資料)"
    r"|(?:数据|數據|資料)(?:集)?(?:和|与|與|及|以及|、)(?:本)?(?:模型|权重|權重)",
    re.IGNORECASE,
)
# Models made from the data, this one among them: "models trained using the data should
# not be used outside of research purposes" (the clause from here on is the model's)
_TRAINED_MODELS = re.compile(
    r"\b(?:any |all |the )?" + "".join(f"(?<!{w} )" for w in _OTHER_MODEL.split("|")) + r"models? "
    r"(?:trained|fine-?tuned|built|developed) "
    r"(?:on|using|with|from)\b",
    re.IGNORECASE,
)

# Where a sentence joins clauses about different works: "the code is MIT, but the
# weights are CC BY-NC"; "the previous release was CC BY-NC; this one is Apache 2.0" (not
# at the colon of a link's "https://")
_CLAUSE_BREAK = re.compile(
    r"[;,:]?\s*\b(?:but|while|whereas|although|though|except|unlike)\b\s+|(?:[;,]|:(?!//))\s*"
    r"|[\uff1b\uff0c\uff1a\u3001]\s*",
    re.IGNORECASE,
)

# After a subject naming a model beside data, words that make the model another one:
# "the data and checkpoints of the base model", "the data and models it was compared
# against", "the weights and data used by the teacher model"
_ANOTHER_AFTER = re.compile(
    r"\s+(?:(?:of|from|for|by|behind|used (?:by|for|in|to train))\s+"
    rf"(?:(?:the|its|their|a|an|our)\s+)?(?:[\w-]+\s+)?(?:{_OTHER_MODEL})\b"
    r"|(?:(?:that|which)\s+)?(?:(?:it|we|they)\s+)?"
    r"(?:(?:was|were|is|are|has been|have been)\s+)?"
    r"(?:compared|benchmarked|evaluated|tested)\s+(?:against|with|to)\b"
    r"|(?:used\s+)?(?:for|in)\s+(?:the\s+)?(?:comparisons?|baselines?)\b)",
    re.IGNORECASE,
)
# A subject that points back to the work named before it ("its weights and data")
_POSSESSIVE = re.compile(r"(?:its|their)\b", re.IGNORECASE)


def _about_another_first(text: str) -> bool:
    """Whether the first clause of a text is about another work: one naming it before
    (or without) the model ("The base model, Llama 2, ...", "The original LLaVA model
    was trained on GPT-4 generated data")."""
    first = next((c for c in _CLAUSE_BREAK.split(text) if c and c.strip()), "")
    other = _OTHER_WORK.search(first)
    if other is None:
        return False
    model = _MODEL_SUBJECT.search(first)
    return model is None or other.start() < model.end()


def _joint_subject(text: str) -> re.Match[str] | None:
    """The first subject of the text that names this model beside its data; not one
    qualified as another model's ("the data and checkpoints of the base model", "the
    data and models it was compared against"), nor "its weights and data" after a first
    clause about another work ("The base model, Llama 2, is ...; its weights and data
    are for research use only")."""
    for match in _JOINT_SUBJECT.finditer(text):
        if _ANOTHER_AFTER.match(text, match.end()) is not None:
            continue
        if _POSSESSIVE.match(match.group()) and _about_another_first(text[: match.start()]):
            continue
        return match
    return None


def _joint_clauses(sentence: str, joint: re.Match[str]) -> str:
    """The clause of a sentence that holds a joint subject, with the clauses after it
    that continue it (naming no other work, nor the code alone): "the code is Apache
    2.0; the model weights and data are CC BY-NC 4.0" keeps the second clause."""
    breaks = list(_CLAUSE_BREAK.finditer(sentence))
    start = max((b.end() for b in breaks if b.end() <= joint.start()), default=0)
    end = len(sentence)
    after = [b for b in breaks if b.start() >= joint.end()]
    for i, brk in enumerate(after):
        clause = sentence[brk.end() : after[i + 1].start() if i + 1 < len(after) else None]
        code_only = _CODE_SUBJECT.search(clause) and not _MODEL_SUBJECT.search(clause)
        if _OTHER_WORK.search(clause) or code_only:
            end = brk.start()
            break
    return sentence[start:end].strip()


# A statement of a licence by name: "released under the Apache License 2.0", "licensed
# under the MIT license", "is Apache-2.0 licensed" (the name is looked up, not guessed)
_UNDER_NAME = re.compile(
    r"\b(?:licen[cs]ed|released|distributed|available|provided|published|shared)\s+"
    r"under\s+(?P<under>[\w.+-]+(?:[ ,][\w.+-]+){0,7}?)\s*(?=[;(]|\.(?:\s|$)|$)|"
    r"\b(?:is|are)\s+(?P<tag>[\w.+-]+(?: [\w.+-]+){0,3}?)[ -]licen[cs]ed\b",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 8


# A licence file for the code alone (LICENSE-CODE, CODE_LICENSE.txt), and one for the
# model's weights (LICENSE-MODEL, MODEL_LICENSE, WEIGHTS_LICENSE): beside the latter, a
# plain LICENSE is the code's (ChatGLM's LICENSE and MODEL_LICENSE).
_CODE_FILE = re.compile(r"(?:^|[-_.])(?:code|source|software)(?=$|[-_.])", re.IGNORECASE)
_MODEL_FILE = re.compile(r"(?:^|[-_.])(?:model|models|weights)(?=$|[-_.])", re.IGNORECASE)
_LICENCE_FILE = re.compile(r"^(?:licen[cs]e|copying)(?:\.(?:md|txt|rst))?$", re.IGNORECASE)


def code_licence_files(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The licence files of a repository's top level that cover its code alone: those
    whose name says code, or, beside a licence file whose name says model or weights, a
    plain LICENSE or COPYING."""
    top = [path for path in paths if "/" not in path]
    named = [path for path in top if _CODE_FILE.search(path)]
    if named:
        return tuple(named)
    if any(_MODEL_FILE.search(path) and not _CODE_FILE.search(path) for path in top):
        return tuple(path for path in top if _LICENCE_FILE.match(path))
    return ()


def speaks_for_model(path: str) -> bool:
    """Whether a licence-like file is the model's own licence (not a NOTICE, a
    third-party list, or a licence for the data or code alone). LICENSE, COPYING,
    USE_POLICY.md, MODEL_LICENSE and LLAMA2_LICENSE.txt are; NOTICE, DATA_LICENSE and
    THIRDPARTY_LICENSE.txt are not."""
    return _OTHER_WORK_FILE.search(path) is None


def _names(license_id: str) -> set[str]:
    """Ways a text may name a licence: its id, SPDX id and name, and the id's stem."""
    facts = get(license_id)
    keys = {license_id, facts.spdx or "", facts.name} if facts else {license_id}
    stem = license_id.split("-")[0]
    if len(stem) >= 3 and stem.isalpha():  # "apache", "mit", "bsd"; not "cc"
        keys.add(stem)
    return {normalize_text(key) for key in keys if key}


def _is_named_licence(license_id: str) -> bool:
    """Whether an id names actual terms (not `other` or `unknown`)."""
    facts = get(license_id)
    return facts is not None and facts.family != "unknown"


def _names_any(text: str, names: set[str]) -> bool:
    """Whether the text names one of the licence names (normalised)."""
    padded = f" {re.sub(r'[.;:,]+(?= |$)', ' ', normalize_text(text))} "
    return any(f" {name} " in padded for name in names)


def offers_choice(text: str, license_ids: tuple[str, ...]) -> bool:
    """Whether the text offers a choice of licences, one of them the card's own:
    "dual-licensed under MIT or, at your option, CC BY-NC 4.0"."""
    if not license_ids or _CHOICE.search(text[: MAX_SECTION_CHARS * 4]) is None:
        return False
    padded = f" {normalize_text(text)} "
    return any(f" {name} " in padded for i in license_ids for name in _names(i))


@dataclass(frozen=True)
class CardTerms:
    """What the card says about the model's own licence, and where it says it."""

    section: str  # the section's title ("" for the top of the card)
    sentence: str  # the sentence read (the first that names a licence or a clause)
    license_id: str | None  # a licence the sentence names, if any
    clauses: tuple[Clause, ...]  # restrictive clauses of the model sentences
    kind: str = LICENCE  # the kind of passage: licence, terms, disclaimer, note, field
    binding: frozenset[str] = CARD_OVERRIDE_KINDS  # the clause kinds that are its terms

    @property
    def restrictive(self) -> tuple[Clause, ...]:
        """The clauses that limit what the model may be used for."""
        return tuple(c for c in self.clauses if c.kind in self.binding)

    @property
    def place(self) -> str:
        """Where the card says it, for a reason: "its 'License' section"."""
        if self.kind in METADATA_KINDS:
            return f"its `{self.section}`"
        if self.kind == NOTE:
            return "its note at the top"
        if self.kind == FIELD:
            return f"its licence line in '{self.section}'" if self.section else "its licence line"
        if self.kind == BADGE:
            return f"its '{self.section}' badge"
        return f"its '{self.section}' section"

    @property
    def anchor(self) -> str:
        """The citation's place: README.md#<section>, README.md at the top, or the card
        metadata field (card:license_name)."""
        if self.kind in METADATA_KINDS:
            return f"card:{self.section}"
        if self.kind == BADGE:
            return "README.md"
        return f"README.md#{self.section}" if self.section else "README.md"

    @property
    def limits_use(self) -> bool:
        """Whether it names a licence that is not open, or restricts use."""
        facts = get(self.license_id) if self.license_id else None
        named_closed = facts is not None and facts.family != "unknown" and not facts.is_open
        return named_closed or bool(self.restrictive)


def terms_passages(card: Card) -> tuple[tuple[str, str, str], ...]:
    """(kind, title, text) of every passage of the card that may state the model's
    terms: sections titled as a licence, as terms of use or as a disclaimer, notes at
    the top of the card and licence lines; each kind bounded in number and size."""
    if not card.body and not card.sections:  # a card known by its metadata only
        return ()
    passages: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for kind, names in (
        (LICENCE, LICENCE_SECTION_NAMES),
        (TERMS, TERMS_SECTION_NAMES),
        (DISCLAIMER, DISCLAIMER_SECTION_NAMES),
    ):
        found = [s for s in card.find_sections(*names) if id(s) not in seen]
        for section in found[:MAX_SECTIONS_READ]:
            seen.add(id(section))
            text = card.section_text(section)[:MAX_SECTION_CHARS]
            passages.append((kind, section.title, text))
    passages += [(NOTE, title, note) for title, note in _top_notes(card)]
    passages += [(FIELD, title, line) for title, line in _licence_lines(card)]
    passages += [(BADGE, label, value) for label, value in _model_badges(card.body)]
    return tuple(passages)


# A shields.io badge ("[![Code License](https://img.shields.io/badge/Code%20License-
# Apache_2.0-green.svg)](https://github.com/org/repo/blob/main/LICENSE)", as lab READMEs
# pair "Code License" with "Model License"): its path, and the target of a markdown
# link around it.
SHIELD_BADGE = re.compile(
    r"img\.shields\.io/badge/([^\s()?\"'<>]{1,200})[^\s()\"'<>]{0,200}"
    r"(?:\)\]\(([^()\s]{1,500})\))?",
    re.IGNORECASE,
)
MAX_BADGES = 50  # badges read in one card
MAX_BADGE_CHARS = 200_000  # of the card's body, where badges are looked for


def shield_parts(path: str) -> tuple[str, str]:
    """(label, message) of a shields.io static badge path "label-message-color" ("--" is a
    dash, "_" a space, "__" an underscore); no label when the path has two parts."""
    parts = unquote(path).replace("--", "\0").split("-")
    parts = [p.replace("\0", "-").replace("__", "\1").replace("_", " ").replace("\1", "_")
             for p in parts]  # fmt: skip
    if len(parts) >= 3:
        return parts[0].strip(), "-".join(parts[1:-1]).strip()
    return "", parts[0].strip()


# A badge label naming the model's or its weights' licence: "Model License", "Model_License",
# "Weights License", "Model Weights License", "模型许可" (never the code's or the data's)
_MODEL_BADGE_LABEL = re.compile(
    r"(?:model|weights?|model weights?|checkpoints?)[ ]?(?:licen[cs]e|licensing)"
    r"|(?:模型|权重|權重|模型权重|模型權重)(?:许可|許可|协议|協議)\w{0,3}",
    re.IGNORECASE,
)


def _model_badges(body: str) -> list[tuple[str, str]]:
    """(label, message) of the card's shields.io badges whose label names the model's
    licence ("Model License: CC By NC 4.0"), the first MAX_FIELDS."""
    found: list[tuple[str, str]] = []
    text = body[:MAX_BADGE_CHARS]
    for count, badge in enumerate(textsearch.finditer(SHIELD_BADGE, text)):
        if count >= MAX_BADGES or len(found) >= MAX_FIELDS:
            break
        label, message = shield_parts(badge.group(1))
        if message and _MODEL_BADGE_LABEL.fullmatch(label):
            found.append((label, message))
    return found


def metadata_passages(metadata: Mapping[str, Any]) -> tuple[tuple[str, str, str], ...]:
    """(kind, field, text) of the card metadata that may state the terms: the name given
    to a licence (`license_name`), the gate's prompt and description, which often say
    on what terms access is granted ("for non-commercial research only"), and the labels
    of the gate's form fields (`extra_gated_fields`), one sentence each."""
    if not isinstance(metadata, Mapping):
        return ()
    passages: list[tuple[str, str, str]] = []
    fields = (("license_name", NAME), *((key, GATE) for key in GATE_TERMS_FIELDS))
    for key, kind in fields:
        value = metadata.get(key)
        if isinstance(value, str) and value.strip():
            passages.append((kind, key, value.strip()[:MAX_SECTION_CHARS]))
    if labels := gate_labels(metadata.get(GATE_FORM_FIELD)):
        passages.append((GATE, GATE_FORM_FIELD, "\n\n".join(labels)))
    return tuple(passages)


def gate_labels(form: Any) -> list[str]:
    """The labels of a gate form's fields (the keys of `extra_gated_fields`, the first
    MAX_GATE_LABELS), each a sentence of its own: ended with a full stop."""
    if not isinstance(form, Mapping):
        return []
    labels = []
    for key in islice(form, MAX_GATE_LABELS):
        label = " ".join(key.split())[:MAX_GATE_LABEL_CHARS] if isinstance(key, str) else ""
        if label:
            labels.append(label if label.endswith((".", "!", "?")) else f"{label}.")
    return labels


# Words of a licence's name (as names.name_key spells them) that say what it allows:
# "acme-nc-license", "foo-noncommercial" (nc); "bar-research-license" (research only)
_NAME_WORD_KINDS: tuple[tuple[str, ClauseKind], ...] = (
    ("nc", "non_commercial"),
    ("research", "research_only"),
)


def _name_clauses(name: str) -> tuple[Clause, ...]:
    """The clauses a licence's name gives away: its words as licence text, and the words
    that name a non-commercial or research licence."""
    found = list(detect_clauses(name))
    words = name_key(name).split()
    for word, kind in _NAME_WORD_KINDS:
        if word in words and not any(c.kind == kind for c in found):
            found.append(Clause(kind, name, name))
    return tuple(found)


# The first heading below the title (level 2 or deeper): where the top of the card ends
_SUBHEADING = re.compile(r"^#{2,6}[ \t]", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_QUOTE_MARK = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
# A note: a quoted paragraph ("> Note: ...", "> [!IMPORTANT]") or one labelled as a note
_NOTE_LEAD = re.compile(
    r"[ \t]{0,3}(?:>|[*_]{0,2}(?:note|notice|important|attention|disclaimer|warning|注意|"
    r"重要|声明|聲明)[*_]{0,2}[ \t]*[:\uff1a])",
    re.IGNORECASE,
)


def _top_notes(card: Card) -> list[tuple[str, str]]:
    """(title, text) of the notes at the top of the card, before its first subheading;
    the title is the card's title when the note stands under it."""
    top = card.body[:MAX_TOP_CHARS]
    end = _SUBHEADING.search(top)
    top = top[: end.start()] if end else top
    first = card.sections[0] if card.sections else None
    title = first.title if first is not None and first.level == 1 and first.text in top else ""
    notes = [p.strip() for p in _PARAGRAPH_BREAK.split(top) if _NOTE_LEAD.match(p.lstrip("\n"))]
    return [(title, _QUOTE_MARK.sub("", note)) for note in notes[:MAX_NOTES]]


# A licence line: a definition ("- **License:** Apache 2.0", "Licence: MIT") or a table
# row ("| License | MIT |"), at the start of a line (an indented item belongs to the
# item above it, e.g. a dataset's)
_LICENCE_LINE = re.compile(
    r"(?:[-*+][ \t]+)?(?:\*\*|__)?(?:model[ \t]+|weights?[ \t]+)?licen[cs]e(?:\*\*|__)?[ \t]*"
    r"[:\uff1a][ \t]*(?:\*\*|__)?[ \t]*(?P<value>[^\n]{1,300})"
    r"|\|[ \t]*(?:\*\*|__)?(?:model[ \t]+|weights?[ \t]+)?licen[cs]e(?:\*\*|__)?[ \t]*(?::[ \t]*)?"
    r"\|[ \t]*(?P<cell>[^|\n]{1,300})\|",
    re.IGNORECASE,
)
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,200})\]\([^()\n]{0,500}\)")


def _licence_lines(card: Card) -> list[tuple[str, str]]:
    """(section title, "License: <value>") of the card's licence lines outside sections
    about other works (a dataset's, the code's or a base model's licence)."""
    found: dict[str, str] = {}
    for section in card.sections:
        if len(found) >= MAX_FIELDS:
            break
        if "licen" not in section.text.lower() or _about_another(card, section):
            continue
        for line in section.text.splitlines():
            match = _LICENCE_LINE.match(line)
            if match is not None and len(found) < MAX_FIELDS:
                value = _MARKDOWN_LINK.sub(r"\1", match.group("value") or match.group("cell"))
                value = value.strip(" \t*_`|")
                if value:
                    found.setdefault(f"License: {value}", section.title)
    return [(title, line) for line, title in found.items()]


def _about_another(card: Card, section: Section) -> bool:
    """Whether the section, or one enclosing it below the card's title, is about
    another work: data, a base model, code alone."""
    titles = [s.title for s in card.section_path(section) if s is section or s.level > 1]
    return any(map(_title_about_another, titles))


@lru_cache(maxsize=4096)
def _title_about_another(title: str) -> bool:
    """Whether a section title speaks of another work (once per title: cards share them)."""
    return bool(_OTHER_WORK.search(title) or _CODE_SUBJECT.search(title))


def _model_sentences(text: str) -> list[str]:
    """The sentences, or clauses of a sentence, that speak of the model: one naming no
    other work (and not the code alone); one whose subject names the model beside its
    data ("the model weights and the training data are released under CC BY-NC 4.0");
    and, in a sentence about another work, a clause of its own about the model ("the
    data was generated with GPT-4; the model is therefore licensed for research use
    only")."""
    kept: list[str] = []
    for sentence in split_sentences(text):
        s = " ".join(sentence.split())
        if not s:
            continue
        if not _OTHER_WORK.search(s):
            if _MODEL_SUBJECT.search(s) or not _CODE_SUBJECT.search(s):
                kept.append(s)
        elif (joint := _joint_subject(s)) is not None:
            kept.append(_joint_clauses(s, joint))
        elif (trained := _TRAINED_MODELS.search(s)) is not None:
            kept.append(s[trained.start() :])
        else:
            kept += [
                c
                for c in _CLAUSE_BREAK.split(s)
                if c and _MODEL_SUBJECT.search(c) and not _OTHER_WORK.search(c)
            ]
        if len(kept) >= MAX_SENTENCES:
            break
    return kept[:MAX_SENTENCES]


def named_in_statement(sentence: str) -> str | None:
    """The licence a sentence states by name ("This model is released under the
    Apache License 2.0.", "The model is MIT-licensed."), or None. The longest leading
    run of words that is a known licence name counts; `other` and `unknown` do not."""
    match = _UNDER_NAME.search(sentence)
    if match is None:
        return None
    words = (match.group("under") or match.group("tag")).split()[:MAX_NAME_WORDS]
    for end in range(len(words), 0, -1):
        facts = lookup(" ".join(words[:end]).rstrip(",."))
        if facts is not None and facts.family != "unknown":
            return facts.id
    return None


def _named_in_line(line: str) -> str | None:
    """The licence a licence line names ("License: Apache 2.0"), or None."""
    facts = lookup(line.removeprefix("License:").strip().rstrip("."))
    if facts is not None and facts.family != "unknown":
        return facts.id
    return identify_text(line)


def _beside_own(sentence: str, own: set[str]) -> list[str]:
    """A sentence as read against the declared licence's names `own`: whole when it
    does not name it, else only its clauses that are about the model and do not. A
    clause naming no subject continues the one before it ("the code is under Apache-2.0,
    and the model weights are open for research, while commercial use requires a
    licence", and so in Chinese after a full-width comma: the last clause is the
    weights'); one naming the code or another work starts that work's."""
    if not _names_any(sentence, own):
        return [sentence]
    kept: list[str] = []
    model = False  # whether the clause before spoke of the model
    for clause in _CLAUSE_BREAK.split(sentence):
        if not clause:
            continue
        if _MODEL_SUBJECT.search(clause):
            model = not _OTHER_WORK.search(clause) or _joint_subject(clause) is not None
        elif _CODE_SUBJECT.search(clause) or _OTHER_WORK.search(clause):
            model = False
        if model and not _names_any(clause, own):
            kept.append(clause)
    return kept


# Advice rather than a prohibition: "should not be used for medical advice"
_ADVISORY = re.compile(r"\bshould\b", re.IGNORECASE)
# A sentence that binds use to a policy: "Use of the model is subject to the Acme
# Acceptable Use Policy", "by using the model you agree to the [AUP](url)", "you must
# comply with our usage policy". Outside a terms-of-use section it is the acceptable-use
# clause that counts; a bare list of uses not to make is advice there.
_BINDS = re.compile(
    r"\b(?:subject to|governed by|(?:you|users?|licensees?) (?:hereby |also )?"
    r"(?:agree|agrees|consent) to|(?:must|shall|agree to|agrees to) (?:comply|abide|adhere)"
    r" (?:with|by)|condition(?:ed|al) (?:on|upon)"
    # "in accordance with" binds only with a duty or a permission: "must be used in
    # accordance with", not "we encourage users to use it in accordance with"
    r"|(?:must|shall) (?:only )?(?:be used|use (?:it|them|the model|this model|the weights))"
    r" (?:only )?in (?:accordance|compliance) with"
    r"|(?:is|are) (?:only )?(?:permitted|allowed|licensed) (?:only )?in (?:accordance|compliance)"
    r" with)\b",
    re.IGNORECASE,
)
_POLICY = re.compile(r"\b(?:polic(?:y|ies)|AUP)\b", re.IGNORECASE)
# Advice before the binding words: "we encourage users to use the model subject to our
# policy", "users are encouraged to", "we recommend", "please use it" (not "please note
# that use is subject to")
_ADVICE = re.compile(
    r"\b(?:encourag\w*|recommend\w*|urg(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|suggest\w*|"
    r"kindly|should(?! (?:note|know|be aware)\b)|ought|hope|"
    r"please(?! (?:note|be aware|remember|read|see|refer|review)\b))\b",
    re.IGNORECASE,
)


def _binds_policy(sentence: str) -> bool:
    """Whether the sentence binds use to a policy named after the binding words, and no
    advice in the clause before them makes them a wish."""
    binds = _BINDS.search(sentence)
    if binds is None or _POLICY.search(sentence, binds.end()) is None:
        return False
    before = sentence[: binds.start()]
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(before)]
    return _ADVICE.search(before, breaks[-1] if breaks else 0) is None


def _binding(kind: str) -> frozenset[str]:
    """The clause kinds a passage of this kind states as the model's terms: in a section
    titled as terms of use, an acceptable-use clause too."""
    return CARD_OVERRIDE_KINDS | {"acceptable_use_policy"} if kind == TERMS else CARD_OVERRIDE_KINDS


def _terms_of(kind: str, title: str, text: str, own: set[str]) -> CardTerms | None:
    """What one passage says of the model's terms, or None when it says nothing."""
    binding = _binding(kind)
    if kind == NAME:
        clauses = _name_clauses(text)
        if not any(c.kind in binding for c in clauses):
            return None
        return CardTerms(title, text, None, clauses, kind, binding)
    if kind == BADGE:
        facts = lookup(text)
        if facts is None or facts.family == "unknown" or _names(facts.id) & own:
            return None  # no licence known, or the declared one
        return CardTerms(title, f"{title}: {text}", facts.id, (), kind, binding)
    if kind == FIELD:
        code_only = _CODE_SUBJECT.search(text) and not _MODEL_SUBJECT.search(text)
        if code_only or _OTHER_WORK.search(text) or _names_any(text, own):
            return None  # another work's licence, or the declared one
        named = _named_in_line(text)
        if named is not None:
            return CardTerms(title, text, named, (), kind, binding)
        found = [(text, _kept(detect_clauses(text)))]
    else:
        sentences = [c for s in _model_sentences(text) for c in _beside_own(s, own)]
        named_at = next(
            ((s, i) for s in sentences if (i := identify_text(s) or named_in_statement(s))),
            None,
        )
        found = [(s, _kept(detect_clauses(s))) for s in sentences]
        if "acceptable_use_policy" not in binding:
            found = [(s, cs if _binds_policy(s) else _no_policy(cs)) for s, cs in found]
            if any(c.kind == "acceptable_use_policy" for _, cs in found for c in cs):
                binding = binding | {"acceptable_use_policy"}
        clauses = tuple(c for _, cs in found for c in cs)
        if named_at is not None:
            return CardTerms(title, named_at[0], named_at[1], clauses, kind, binding)
    limiting = next((s for s, cs in found if any(c.kind in binding for c in cs)), None)
    if limiting is None:
        return None
    clauses = tuple(c for _, cs in found for c in cs)
    return CardTerms(title, limiting, None, clauses, kind, binding)


def _no_policy(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """The clauses without an acceptable-use clause (advice outside terms of use)."""
    return tuple(c for c in clauses if c.kind != "acceptable_use_policy")


def _kept(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """The clauses without advice ("should not be used for ...")."""
    return tuple(
        c for c in clauses if c.kind != "acceptable_use_policy" or not _ADVISORY.search(c.phrase)
    )


def card_terms(
    passages: tuple[tuple[str, str, str], ...], declared: tuple[str, ...]
) -> CardTerms | None:
    """The model's terms as the card states them, or None.

    A passage offering the declared licence as one choice states no other terms. In a
    sentence that names the declared licence, another licence or restriction speaks for
    the model only in a clause of its own that says it is about the model ("the code is
    MIT, but the weights are CC BY-NC 4.0"); otherwise it is another work's ("unlike
    v1's CC BY-NC 4.0, this release is Apache 2.0"). Where passages disagree, the more
    restrictive reading wins: the first that names a licence that is not open or
    restricts use, else the first that names a licence.
    """
    own = {name for i in declared if _is_named_licence(i) for name in _names(i)}
    readings = [
        terms
        for kind, title, text in passages
        if not offers_choice(text, declared)
        and (terms := _terms_of(kind, title, text, own)) is not None
    ]
    return next((t for t in readings if t.limits_use), readings[0] if readings else None)


def about_other_work(text: str) -> bool:
    """Whether a sentence speaks of the data or a base model (another work's licence)."""
    return _OTHER_WORK.search(text) is not None
