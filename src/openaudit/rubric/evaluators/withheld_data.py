"""Training data the card says is not released: in-house, internal, proprietary, private
or licensed data, or data it says it does not share ("200k in-house conversations, which
we do not release", "40% from a proprietary licensed corpus that we cannot share",
"synthetic conversations ..., which are not released").

DESIGN makes data open only when *all* the training data is named and available under
open licences. Beside declared open datasets, such a statement says they are not all of
it, as naming more public corpora does (`data.undeclared_training_data`): the readers
of that rule (the default `data.open_licenses`, MOF's datasets, EOSAI's data sources
and licences) read this one too.

Only statements about the training data count: the text of a training-data or training
section (not its sentences about evaluation), or elsewhere (not under an evaluation
title) a sentence about this model's training ("fine-tuned on X and in-house data",
"Training data: ..."). The thing withheld is data: a qualifier (in-house, internal,
proprietary, ...) before a data noun (data, dataset, corpus, conversations, examples,
sources, ...), the noun after it ("data collected in-house"), or a data noun followed
by a denial of its release ("which are not released", "that we cannot share"). Not an
in-house pipeline, internal tooling or a proprietary tokenizer; not a negation ("we use
no proprietary data", "private data was removed"); not what a user may do ("your own
private data"), what the data may contain ("may include private data"), nor data the
card says is released ("our in-house dataset is released at ...", a linked Hub
dataset). Cards written in other languages are not read for this (English only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from openaudit import textsearch
from openaudit.card import Section
from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.copies import copied_context, data_copy
from openaudit.rubric.evaluators.source_names import unlinked
from openaudit.rubric.evaluators.training_data import (
    DATA_RIGHTS_TITLE,
    DATA_TOPIC_TITLE,
    own_name_words,
    subject_is_model,
)
from openaudit.training_sections import (
    DATA_SECTION_NAMES,
    TRAINING_SECTION_NAMES,
    evaluated_on,
    section_about,
    under_evaluation,
)

# What marks data as not released: who holds it, or what it is.
_QUALIFIER = (
    r"(?:in[- ]?house|internal(?:ly[- ]\w+)?|proprietary|private(?:ly[- ]\w+)?|licen[cs]ed"
    r"|non-?public|closed-source|confidential|undisclosed|unreleased|unpublished)"
)
# The nouns of data (never "pipeline", "tooling", "tokenizer", "model").
_NOUN = (
    r"(?:data(?:[ \t]?sets?)?|corp(?:us|ora)|conversations?|dialog(?:ue)?s?|examples"
    r"|samples|documents|texts|sources|databases?|archives?|repositor(?:y|ies))"
)
# Words between the qualifier and the noun ("proprietary licensed corpus", "in-house
# annotated instruction data"): not a function word, nor a noun of a process, tool, test
# or artefact ("in-house filtering pipeline for the data", "internal test data").
_MODIFIER = (
    r"(?!(?:for|on|of|to|the|a|an|with|from|in|into|by|and|or|as|at|that|which|is|are"
    r"|was|were|be|been|we|our|it|its|this|these|those|not|no|pipelines?|tool(?:s|ing)?"
    r"|tokeni[sz]ers?|models?|systems?|infrastructure|frameworks?|code|scripts?|evaluations?"
    r"|evals?|benchmarks?|tests?|testing|validation|held-out|filter(?:s|ing)?|classifiers?"
    r"|process(?:es|ing)?|teams?|annotators?|labell?ers?|clusters?|hardware|compute|apis?"
    r"|platforms?|software|librar(?:y|ies)|methods?|recipes?|versions?|checkpoints?|weights"
    r"|research|experiments?)\b)[\w%.+]+(?:-[\w%.+]+)*"
)  # hyphens only inside a word: a run of dashes is the separators' alone (no backtracking)
# After the noun, a word that makes it a modifier of a process or tool ("in-house data
# pipeline", "internal data structures", "proprietary data annotation").
_NOT_HEAD = (
    r"(?![ \t-]+(?:pipelines?|tool\w*|filter\w*|process\w*|clean\w*|curation|prep\w*"
    r"|engineering|teams?|infrastructure|loaders?|platforms?|systems?|scripts?|code|annotat\w*"
    r"|generation|structures?|types?|formats?|cent(?:er|re)s?|scientists?|labell?ing|governance"
    r"|polic(?:y|ies)|protection|privacy|practices|augment\w*|mixing|sampling|selection"
    r"|strateg(?:y|ies))\b)"
)
# Where a statement may stand, found in one pass (led by a character set, so `re` skips
# the other characters at once): a qualifier, or a denial of release ("not released",
# "cannot share", "do not publicly release"). The rest is read around each one.
ANCHOR = re.compile(
    r"(?=[a-z])\b(?:(?P<qualifier>in-house|inhouse|in house|internal(?:ly)?|proprietary"
    r"|private(?:ly)?|licensed|licenced|non-public|nonpublic|closed-source|confidential"
    r"|undisclosed|unreleased|unpublished)"
    r"|(?P<denial>(?:not|never|cannot|can't|won't|don't|doesn't|didn't|unable[ \t]+to)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,3}?(?P<verb>releas\w*|shar(?:e|ed|ing)|disclos\w*|publish\w*"
    r"|open-?sourc\w*|distribut\w*|redistribut\w*|available|public)))\b",
    re.IGNORECASE,
)
# A qualifier before the noun: "200k in-house conversations", "private and public data".
_QUALIFIED = re.compile(
    rf"{_QUALIFIER}(?:[ \t]*(?:,|and|or|&|/)[ \t]*[\w-]+)?(?:[ \t-]+{_MODIFIER}){{0,3}}?"
    rf"[ \t-]+{_NOUN}\b{_NOT_HEAD}",
    re.IGNORECASE,
)
MAX_QUALIFIED = 200  # characters a qualified noun may span ("in-house ... data")
# The noun before "in-house" or "internally": "data collected in-house".
_MADE = re.compile(
    rf"\b{_NOUN}[ \t]+(?:[\w-]+[ \t]+){{0,3}}?(?:collected|curated|gathered|created|annotated"
    r"|generated|sourced|built|developed|produced|written|labell?ed|obtained|prepared|crawled"
    r"|synthesi[sz]ed|translated|made)[ \t]+$",
    re.IGNORECASE,
)
# "... is private", "remains proprietary": the qualifier as what the noun before it is.
_BE = re.compile(r"\b(?:is|are|was|were|remains?|kept)[ \t]+$", re.IGNORECASE)
_HELD = frozenset({"private", "proprietary", "confidential", "internal", "unreleased",
                   "undisclosed"})  # fmt: skip
# The noun a denial after it is about ("conversations ..., which are not released"),
# read back to the clause's start (a sentence end, a semicolon or a colon).
_NOUNS = re.compile(rf"\b{_NOUN}\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.;:\n]")
DENIAL_REACH = 100  # characters read back from a denial for the noun it is about
# After a denial with a verb of release: the noun withheld ("we cannot share the
# licensed corpus").
_REFUSED = re.compile(
    r"[ \t]+(?:(?:the|our|this|these|that|those|its|any|all|of)[ \t]+)*"
    rf"(?:{_MODIFIER}[ \t-]+){{0,3}}?{_NOUN}\b",
    re.IGNORECASE,
)
_RELEASE_VERB = re.compile(
    r"(?:release|share|disclose|publish|open-?source|distribute|redistribute)$", re.IGNORECASE
)

# Before the statement, in its clause: a negation ("no proprietary data", "without any
# internal data", "private data was removed" is after), a user's data ("your own private
# data"), what the data may hold ("may contain private data"), or data kept apart.
_CLAUSE_START = re.compile(r"[,;:()]|\bbut\b|\bwhereas\b|\bwhile\b", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(
    r"\b(?:no|not|never|without|exclud\w*|remov\w*|filter\w*|free[ \t]+of|instead[ \t]+of"
    r"|rather[ \t]+than|unlike|nor|neither|none|avoid\w*|zero|anonymi[sz]\w*|scrub\w*"
    r"|redact\w*|your|users?'|personal|sensitive|identifiable|may|might|could|can"
    r"|possibly|potentially|inadvertently)\b|n't\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:no|not|never|without|none|nor|neither)\b|n't\b", re.IGNORECASE)
_NEGATED_AFTER = re.compile(
    r"^[^.;:]{0,40}?\b(?:(?:never|not)[ \t]+(?:been[ \t]+|be[ \t]+)?(?:used|included|seen"
    r"|collected|part)|excluded|removed|filtered[ \t]+out|anonymi[sz]ed|redacted)\b",
    re.IGNORECASE,
)
# After the statement: the data is released after all ("is released at", "available on
# the Hub"), not on request or in the future; or a Hub dataset link attached to it.
_RELEASED_AFTER = re.compile(
    r"\b(?:released|available|published|open-?sourced|hosted|uploaded|downloadable"
    r"|can[ \t]+be[ \t]+(?:found|downloaded|accessed))\b(?![ \t]+(?:up)?on[ \t]+(?:request"
    r"|demand))",
    re.IGNORECASE,
)
_NOT_RELEASED = re.compile(
    r"\b(?:not|never|no|cannot|unable|will|shall|later|soon|yet)\b[^.;:]{0,20}$|n't[^.;:]{0,20}$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;]\s|;|\bbut\b|\bwhereas\b", re.IGNORECASE)
_HUB_DATASET = r"(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/datasets/"
_LINK_ATTACHED = re.compile(
    rf"^[ \t]*[(:,]?[ \t]*(?:\[[^\]\n]{{0,80}}\][ \t]*\([ \t]*{_HUB_DATASET}|\(?{_HUB_DATASET})",
    re.IGNORECASE,
)
_RELEASED_BEFORE = re.compile(
    r"\b(?:we|i)[ \t]+(?:also[ \t]+)?(?:release|publish|open-?source|share|provide"
    r"|make[ \t]+available)[ \t]+(?:[\w-]+[ \t]+){0,2}$",
    re.IGNORECASE,
)
# Another artefact a denial after the noun may be about: "open data, and the code is not
# released" (the data is not what is withheld).
_OTHER_SUBJECT = re.compile(
    r"\b(?:the|this|our|its|their)[ \t]+(?:model|weights|code|checkpoints?|scripts?"
    r"|tokeni[sz]er|paper)\b",
    re.IGNORECASE,
)
_FOR_COMMERCIAL = re.compile(r"[ \t]+for[ \t]+(?:non-?)?commercial\b", re.IGNORECASE)
# "openly licensed data", "permissively-licensed corpora", "CC-licensed": open terms.
_OPEN_BEFORE_LICENSED = re.compile(
    r"(?:\b(?:openly|permissively|freely|liberally|properly|appropriately|cc0?|mit|apache"
    r"|commons|[al]?gpl|bsd|odc|odbl|cdla|pddl|cc[- ]by(?:[- ]sa)?|by-sa)"
    r"(?:[ \t-]*v?\d+(?:\.\d+)*)?|-)[ \t]*$",
    re.IGNORECASE,
)
# Outside the training sections, what makes a sentence about this model's training: a
# training verb whose subject is the model, or the training data as a noun.
_TRAINED = re.compile(
    r"\b(?:pre-?)?trained\b|\bfine-?tuned\b|\btuned\b|\bdistilled\b|\blearn(?:s|ed|t)\b",
    re.IGNORECASE,
)
_TRAINING_DATA = re.compile(
    r"\b(?:pre-?)?training[ \t]+(?:data(?:[ \t]?sets?)?|corp(?:us|ora)|set|mix(?:ture)?|sources)"
    r"|\b(?:(?:pre-?)?train(?:ed|ing)|fine-?tun(?:ed|ing))[ \t]+(?:[\w-]+[ \t]+){0,4}?(?:on|with"
    r"|using|from)\b",
    re.IGNORECASE,
)
CLAUSE_REACH = 60  # characters before a statement read for its negation
QUOTED = 200  # characters of the sentence a reason quotes


@dataclass(frozen=True)
class Withheld:
    """A sentence saying part of the training data is not released, and its section."""

    sentence: str
    section: Section
    of: str | None = None  # the model a copy copies, whose card says it
    cite: Citation | None = None  # the citation in that model's repo

    def quoted(self) -> str:
        text = " ".join(self.sentence.split())
        cut = text[:QUOTED].rstrip() + "..." if len(text) > QUOTED else text
        return f"'{cut}'"

    def reason(self) -> str:
        """What a reason says: the card says not all its training data is released."""
        whose = f"the card of {self.of}, the model it copies," if self.of else "the card"
        return (f"{whose} says part of its training data is not released "
                f"('{self.section.title}': {self.quoted()})")  # fmt: skip

    def citation(self, ctx: ProbeContext) -> Citation:
        return self.cite if self.cite is not None else ctx.section(self.section)


def withheld_training_data(ctx: ProbeContext) -> Withheld | None:
    """The card's first statement that part of its training data is in-house, internal,
    proprietary, private or licensed, or not released (see the module's docstring). A
    quantisation's, conversion's or merge's data are those of the models it copies
    (`data_copy`): without such a statement in its own card, the first in their cards as
    the source read them (`base_cards`), naming the model and cited in its repo."""
    if ctx.readme_read and (own := ctx.cached(("withheld", "own"), lambda: _withheld(ctx))):
        return own
    return ctx.cached(("withheld", "copied"), lambda: _copied(ctx))


def _copied(ctx: ProbeContext) -> Withheld | None:
    """The first statement of withheld data in the cards of the models a copy copies."""
    if (copy := data_copy(ctx)) is None:
        return None
    for repo in copy.bases:
        source = copied_context(ctx, repo)
        if source is None or (held := withheld_training_data(source)) is None:
            continue
        cite = held.citation(source)
        where = f"models:{repo.repo_id}:"
        if not cite.where.startswith("models:"):
            cite = replace(cite, where=where + cite.where)
        return replace(held, of=held.of or repo.repo_id, cite=cite)
    return None


def _withheld(ctx: ProbeContext) -> Withheld | None:
    card = own_card(ctx)
    if not textsearch.may_match(ANCHOR, card.body):
        return None  # most cards: none of the words
    own: set[str] | None = None
    for section in card.sections:
        text = section.text
        statements = [found for a in textsearch.finditer(ANCHOR, text) if (found := _read(text, a))]
        if not statements:
            continue
        about = section_about(card, section, DATA_SECTION_NAMES, TRAINING_SECTION_NAMES)
        if not about and under_evaluation(card, card.section_path(section), TRAINING_SECTION_NAMES):
            continue
        if DATA_RIGHTS_TITLE.search(section.title) and not DATA_TOPIC_TITLE.search(section.title):
            continue  # "we never share private data": the rights of the people in the data
        sentences = card.sentences(text)
        for at in statements:
            if evaluated_on(sentences, at):
                continue
            begin, end = sentences.span_at(at)
            sentence = text[begin:end]
            if not about:
                own = own_name_words(ctx) if own is None else own
                if not _about_own_training(sentence, at - begin, own):
                    continue
            return Withheld(sentence, section)
    return None


def _read(text: str, anchor: re.Match[str]) -> int | None:
    """Where the statement an anchor stands in starts, when it says data is withheld
    (`_withholds`); None when the words around it make no such statement."""
    at = anchor.start()
    if anchor.group("denial"):
        if _RELEASE_VERB.search(anchor.group("verb")) and (
            _REFUSED.match(text, anchor.end(), anchor.end() + MAX_QUALIFIED)  # "... the data"
        ):
            clause = text[max(0, at - CLAUSE_REACH) : at]
            return None if _NEGATION.search(_clause(clause)) else at
        noun = _noun_before(text, at)  # "conversations ..., which are not released"
        if noun is None:
            return None
        between = text[noun:at]
        if _OTHER_SUBJECT.search(between) or re.search(r"\bbut\b", between, re.IGNORECASE):
            return None
        if _FOR_COMMERCIAL.match(text, anchor.end()):
            return None  # "not available for commercial use": terms, not withholding
        return None if _negated_before(text, noun) else noun
    word = anchor.group("qualifier").lower()
    if (qualified := _QUALIFIED.match(text, at, at + MAX_QUALIFIED)) is not None:
        if word.startswith("licen") and _OPEN_BEFORE_LICENSED.search(text, max(0, at - 40), at):
            return None  # "openly licensed data"
        return at if _withholds(text, at, qualified.end()) else None
    if word.startswith(("in", "non")) and (made := _MADE.search(text, max(0, at - 80), at)):
        start = made.start()  # "data collected in-house"
        return start if _withholds(text, start, anchor.end()) else None
    if word in _HELD and _BE.search(text, max(0, at - 20), at):
        noun = _noun_before(text, at)  # "the rest of the data is proprietary"
        return None if noun is None or _negated_before(text, noun) else noun
    return None


def _clause(before: str) -> str:
    """The part of a text before a statement that is in its clause."""
    return before[max((m.end() for m in _CLAUSE_START.finditer(before)), default=0) :]


def _negated_before(text: str, at: int) -> bool:
    """Whether the clause before a statement negates it ("no proprietary data"), makes it
    the user's ("your private data") or what data may hold ("may contain private data")."""
    return bool(_NEGATED_BEFORE.search(_clause(text[max(0, at - CLAUSE_REACH) : at])))


def _noun_before(text: str, at: int) -> int | None:
    """Where the last data noun before a position starts, in its clause."""
    window = text[max(0, at - DENIAL_REACH) : at]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    offset = max(0, at - DENIAL_REACH) + (breaks[-1] if breaks else 0)
    nouns = list(_NOUNS.finditer(text, offset, at))
    return nouns[-1].start() if nouns else None


def _withholds(text: str, at: int, end: int) -> bool:
    """Whether a qualified data noun (text[at:end]) says data is withheld: not negated,
    not the user's or what data may contain, not said to be released after all."""
    if _negated_before(text, at):
        return False
    after = text[end : end + 160]
    if _NEGATED_AFTER.match(after) or _LINK_ATTACHED.match(after):
        return False
    cut = _CLAUSE_END.search(after)
    rest = after[: cut.start()] if cut else after
    for released in _RELEASED_AFTER.finditer(rest):
        if not _NOT_RELEASED.search(rest[: released.start()]):
            return False  # "our in-house dataset is released at ..."
    return not _RELEASED_BEFORE.search(text, max(0, at - CLAUSE_REACH), at)


def _about_own_training(sentence: str, at: int, own: set[str]) -> bool:
    """Outside the training sections: whether the sentence speaks of this model's training
    data before the statement ("fine-tuned on X and in-house data", "Training data: X and
    internal data"), not of other models' ("models trained on private data")."""
    before = sentence[:at]
    if _TRAINING_DATA.search(before) is None:
        return False
    verbs = list(_TRAINED.finditer(before))
    if not verbs:
        return True  # "The training data includes ..."
    return subject_is_model(unlinked(before[: verbs[-1].start()]), own)
