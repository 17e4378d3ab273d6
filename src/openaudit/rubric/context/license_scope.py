"""Which licence evidence speaks for the model itself, and what a card's licence section says.

A repository's licence-like files are not all the model's licence: a NOTICE or a
third-party file lists other works' licences, a DATA_LICENSE covers the data, and
a dual-licence file that offers the card's licence as one option does not
contradict it. Only the model's own licence files (LICENSE, LICENCE, COPYING,
MODEL_LICENSE, ...) can decide over the card's `license:` field.

A card's "License" section can state the terms in prose ("This model is licensed
under CC BY-NC 4.0"). Only sentences about the model are read: a sentence about
the data, the code alone or a base model states another work's licence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openaudit.licenses.catalogue import get, lookup
from openaudit.licenses.clauses import Clause, detect_clauses
from openaudit.licenses.text import identify_text, normalize_text
from openaudit.sentences import split_sentences

if TYPE_CHECKING:
    from openaudit.card import Card

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

_SECTION_NAMES = ("license", "licence", "licensing", "licenses", "licences")
MAX_SECTION_CHARS = 4000
MAX_SENTENCES = 20
# A sentence of a licence section is about the model when it says so (its weights,
# checkpoints, this repository) or names no other subject ("Licensed under CC BY-NC
# 4.0."); not when it is about code alone, the data or a base model.
_MODEL_SUBJECT = re.compile(
    r"\b(?:(?:this|the|our|these|its) (?:[\w-]+ )?(?:models?|weights|checkpoints?|"
    r"repository|repo)|it (?:may|can|must|is))\b",
    re.IGNORECASE,
)
_CODE_SUBJECT = re.compile(r"\b(?:code|codebase|scripts?|demo)\b", re.IGNORECASE)
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
    r"texts|generations)|demos?|showcase)\b",
    re.IGNORECASE,
)

# Where a sentence joins clauses about different works: "the code is MIT, but the
# weights are CC BY-NC"; "the previous release was CC BY-NC; this one is Apache 2.0"
_CLAUSE_BREAK = re.compile(
    r"[;,:]?\s*\b(?:but|while|whereas|although|though|except|unlike)\b\s+|[;,:]\s*",
    re.IGNORECASE,
)

# A statement of a licence by name: "released under the Apache License 2.0", "licensed
# under the MIT license", "is Apache-2.0 licensed" (the name is looked up, not guessed)
_UNDER_NAME = re.compile(
    r"\b(?:licen[cs]ed|released|distributed|available|provided|published|shared)\s+"
    r"under\s+(?P<under>[\w.+-]+(?:[ ,][\w.+-]+){0,7}?)\s*(?=[;(]|\.(?:\s|$)|$)|"
    r"\b(?:is|are)\s+(?P<tag>[\w.+-]+(?: [\w.+-]+){0,3}?)[ -]licen[cs]ed\b",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 8


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
    """What the card's licence section says about the model's own licence."""

    section: str  # the section's title
    sentence: str  # the sentence read (the first that names a licence or a clause)
    license_id: str | None  # a licence the sentence names, if any
    clauses: tuple[Clause, ...]  # restrictive clauses of the model sentences

    @property
    def restrictive(self) -> tuple[Clause, ...]:
        """The clauses that limit what the model may be used for."""
        return tuple(c for c in self.clauses if c.kind in CARD_OVERRIDE_KINDS)


def licence_sections(card: Card) -> tuple[tuple[str, str], ...]:
    """(title, text) of the card's sections titled like a licence, text bounded."""
    found = card.find_sections(*_SECTION_NAMES)
    return tuple((s.title, card.section_text(s)[:MAX_SECTION_CHARS]) for s in found[:3])


def _model_sentences(text: str) -> list[str]:
    sentences = (" ".join(s.split()) for s in split_sentences(text))
    kept = [
        s
        for s in sentences
        if s
        and not _OTHER_WORK.search(s)
        and (_MODEL_SUBJECT.search(s) or not _CODE_SUBJECT.search(s))
    ]
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


def _beside_own(sentence: str, own: set[str]) -> list[str]:
    """A sentence as read against the declared licence's names `own`: whole when it
    does not name it, else only its clauses that are about the model and do not."""
    if not _names_any(sentence, own):
        return [sentence]
    return [
        c
        for c in _CLAUSE_BREAK.split(sentence)
        if c and _MODEL_SUBJECT.search(c) and not _names_any(c, own)
    ]


def card_terms(
    sections: tuple[tuple[str, str], ...], declared: tuple[str, ...]
) -> CardTerms | None:
    """The model's terms as the card's licence sections state them, or None.

    A section offering the declared licence as one choice states no other terms. In a
    sentence that names the declared licence, another licence or restriction speaks for
    the model only in a clause of its own that says it is about the model ("the code is
    MIT, but the weights are CC BY-NC 4.0"); otherwise it is another work's ("unlike
    v1's CC BY-NC 4.0, this release is Apache 2.0").
    """
    own = {name for i in declared if _is_named_licence(i) for name in _names(i)}
    for title, text in sections:
        if offers_choice(text, declared):
            continue
        sentences = [c for s in _model_sentences(text) for c in _beside_own(s, own)]
        named = next(
            ((s, i) for s in sentences if (i := identify_text(s) or named_in_statement(s))),
            None,
        )
        found = [(s, detect_clauses(s)) for s in sentences]
        clauses = tuple(c for _, cs in found for c in cs)
        if named is not None:
            return CardTerms(title, named[0], named[1], clauses)
        limiting = next(
            (s for s, cs in found if any(c.kind in CARD_OVERRIDE_KINDS for c in cs)), None
        )
        if limiting is not None:
            return CardTerms(title, limiting, None, clauses)
    return None


def about_other_work(text: str) -> bool:
    """Whether a sentence speaks of the data or a base model (another work's licence)."""
    return _OTHER_WORK.search(text) is not None
