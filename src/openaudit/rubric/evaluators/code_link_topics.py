"""Whether a code link is about a topic (training, evaluation, data processing): the
words of its text, sentence, section or paragraph, or the name of the model's own
repository; and whether the card says that code is withheld."""

from __future__ import annotations

import re
from functools import lru_cache

from openaudit import textsearch
from openaudit.card import Link, Section
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.code_licences import CODE_WORDS
from openaudit.rubric.evaluators.code_link_paths import code_name
from openaudit.rubric.evaluators.first_party_repos import first_party
from openaudit.rubric.evaluators.withheld_links import (
    CLAUSE_BREAK,
    DENIED,
    PROMISED,
    link_sentences,
)
from openaudit.training_sections import (
    DATA_SECTION_NAMES,
    TRAINING_RUN_SECTION_NAMES,
    TRAINING_SECTION_NAMES,
    TRAINING_TOPIC_NAMES,
)

# After a topic word's stem: a noun ending ("training", "evaluation", never
# "trained on code"), a few more words, then a word for code ("training and
# data-processing code", "evaluation scripts").
_TOPIC_CODE = re.compile(
    r"(?:ing|ion)?(?:[\s,/-]+[\w-]+){0,4}?[\s,/-]+"
    r"(?:code|codebase|scripts?|pipelines?|recipes?)\b",
    re.IGNORECASE,
)


def mentions(keywords: list[str]) -> re.Pattern[str]:
    """A pattern matching any keyword at the start of a word, case-insensitively."""
    return _mentions(tuple(keywords))


@lru_cache(maxsize=256)  # a rubric asks for a few keyword lists, for every model
def _mentions(keywords: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keywords) + ")", re.IGNORECASE)


# A participle used as an adjective of another thing ("a merge of pre-trained
# models", "the pretrained tokenizer from X", "fine-tuned checkpoints of"): it
# names what others trained, not this model's training.
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|of|from|with|on|these|those|other|its|their|existing|several|many"
    r"|multiple|some|any|all|two|three)\s+)$",
    re.IGNORECASE,
)
# ... or before the thing it describes ("Pretrained checkpoints", "fine-tuned version of").
_THING_AFTER = re.compile(
    r"\s+(?:(?:language|vision|speech|base)\s+)?(?:models?|weights|checkpoints?|versions?"
    r"|variants?|tokeni[sz]ers?|embeddings?|encoders?|decoders?|backbones?|networks?|llms?"
    r"|lms?|adapters?|parameters)\b",
    re.IGNORECASE,
)
_SUBJECT_BEFORE = re.compile(
    r"\b(?:we|i|they|it|was|were|is|are|be|been|being|has|have|had|then|first|further"
    r"|also|and)\s+$",
    re.IGNORECASE,
)
_WORD_CHARS = re.compile(r"[\w-]*")
# "Code and pretrained weights: [X]": after "and", "pretrained" before a word for a model
# or its parts names what is published beside the code, not a verb of its training.
_PRETRAINED = re.compile(r"pre-?trained", re.IGNORECASE)
_AND_BEFORE = re.compile(r"\band\s+$", re.IGNORECASE)


def _adjective(text: str, start: int) -> bool:
    """The topic word at `start` is a participle used as an adjective: after a determiner,
    or before a word for a model or its parts."""
    begin = start
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "-_"):
        begin -= 1  # the whole hyphenated word: "pre-trained", not its "trained"
    word = _WORD_CHARS.match(text, begin)
    if word is None or not word.group(0).lower().endswith("ed"):
        return False
    before = text[max(0, begin - 40) : begin]
    thing_after = _THING_AFTER.match(text, word.end()) is not None
    if _SUBJECT_BEFORE.search(before):
        # a verb: "we trained models with", "was fine-tuned"; not "code and pretrained models"
        return bool(
            thing_after and _AND_BEFORE.search(before) and _PRETRAINED.fullmatch(word.group(0))
        )
    return bool(_DETERMINER_BEFORE.search(before) or thing_after)


# A word on reproducing ("reproduc", a training keyword: "Reproducing the model") in a
# text on evaluation ("## Reproducing evaluation results", "code for reproducing the
# benchmark scores"): what it reproduces is the evaluation, not the training.
_REPRODUCING = re.compile(r"reproduc", re.IGNORECASE)
_EVALUATION_WORDS = re.compile(
    r"\b(?:evaluat\w*|benchmark\w*|results?|scores?|metrics?|leaderboards?)\b", re.IGNORECASE
)


def _reproduces_evaluation(text: str, match: re.Match[str]) -> bool:
    """The topic word at `match` is a word on reproducing, in a text on evaluation."""
    word = _REPRODUCING.match(text, match.start())
    return word is not None and textsearch.search(_EVALUATION_WORDS, text) is not None


def says_topic(topic: re.Pattern[str], text: str) -> bool:
    """The text speaks of the topic: a topic word that is not an adjective of another
    thing ("pre-trained language models"), nor a word on reproducing in a text on
    evaluation ("Reproducing evaluation results")."""
    return any(
        not _adjective(text, match.start()) and not _reproduces_evaluation(text, match)
        for match in topic.finditer(text)
    )


def _nearby(home: Section, link: Link) -> str:
    """The paragraph holding the link and the one after it, within its section."""
    paragraphs = re.split(r"\n\s*\n", home.text)
    at = next((i for i, text in enumerate(paragraphs) if link.url in text), 0)
    return "\n".join(paragraphs[at : at + 2])


def says_code(topic: re.Pattern[str], text: str) -> bool:
    """True when the text speaks of code on the topic ("the pre-training code")."""
    return any(
        _TOPIC_CODE.match(text, match.end()) and not _reproduces_evaluation(text, match)
        for match in topic.finditer(text)
    )


# A section listing data sources ("Training data", "Datasets"), not data-processing code.
_DATA_SOURCE_TITLE = re.compile(r"\b(?:data|datasets?|corpus|corpora)\b", re.IGNORECASE)
_PROCESSING_TITLE = re.compile(
    r"process|pipeline|clean|filter|code|script|tool|recipe", re.IGNORECASE
)


# A section name that stands for its titles in other languages too (training_sections):
# a code link under "学習方法", "Procédure d'entraînement" or "Trainingsverfahren" is
# under a training heading as one under "Training Procedure" is.
TRANSLATED_TITLES: dict[str, tuple[str, ...]] = {
    "training": (*TRAINING_SECTION_NAMES, *TRAINING_RUN_SECTION_NAMES, *TRAINING_TOPIC_NAMES),
}


def _translated(sections: list[str]) -> tuple[str, ...]:
    """The titles in other languages the section names stand for."""
    return tuple(title for name in sections for title in TRANSLATED_TITLES.get(name.lower(), ()))


def _titled_about(
    ctx: ProbeContext, home: Section, topic: re.Pattern[str], sections: list[str]
) -> bool:
    """The link's section, or a section enclosing it, is titled on the topic (or, for a
    section name of TRANSLATED_TITLES, titled so in another language).

    Links in a section listing data sources (in any of training_sections' languages:
    "学習データ" is no "学習") are the sources, whatever encloses it; the card's first
    level-1 heading is its name, not a topic.
    """
    card = own_card(ctx)
    first = card.sections[0] if card.sections else None
    translated = _translated(sections)
    for section in card.section_path(home):
        title = section.title.lower()
        data = _DATA_SOURCE_TITLE.search(title) or card.title_matches(section, *DATA_SECTION_NAMES)
        if data and not _PROCESSING_TITLE.search(title):
            return False
        if section is first and section.level == 1:
            return False
        if says_topic(topic, title) or any(name.lower() in title for name in sections):
            return True
        if translated and card.title_matches(section, *translated):
            return True
    return False


# Code promised for later ("will be released soon", "after the paper is accepted") or
# denied ("is not public"): a link beside such words is no published code.
# "the repository [X] only has inference code": code on another topic only.
_ONLY = re.compile(
    r"\bonly\s+(?:(?:has|have|holds?|contains?|includes?|provides?|offers?|ships?)\s+)?"
    r"([^.;]*)",
    re.IGNORECASE,
)


def withheld(ctx: ProbeContext, link: Link, topic: re.Pattern[str]) -> str | None:
    """The sentence saying the topic's code at `link` is not published: promised for
    later or denied, in the link's own clause or a clause on the topic's code."""
    sentence = link_sentences(ctx, link)
    for clause in CLAUSE_BREAK.split(sentence):
        here = link.url in clause
        on_topic_code = says_topic(topic, clause) and bool(CODE_WORDS.search(clause))
        if (here or on_topic_code) and (PROMISED.search(clause) or DENIED.search(clause)):
            return sentence.strip()
        only = _ONLY.search(clause) if here else None
        if only and CODE_WORDS.search(only[1]) and not says_topic(topic, only[1]):
            return sentence.strip()
    return None


def repo_name_pattern(stems: list[str]) -> re.Pattern[str]:
    """A pattern matching any stem at the start of a part of a repository's name or path
    ("eval" in "terra-eval", "evals", "thinker/eval"; never in "medieval")."""
    return _repo_names(tuple(stems))


@lru_cache(maxsize=64)
def _repo_names(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:^|[-/])(?:" + "|".join(re.escape(s) for s in stems) + ")", re.I)


def named_for(ctx: ProbeContext, link: Link, names: re.Pattern[str] | None) -> bool:
    """The model's own repository named for the topic ("terra-eval", "brise-train")."""
    if names is None:
        return False
    name = code_name(link)
    return name is not None and names.search(name) is not None and first_party(ctx, link)


def about(
    ctx: ProbeContext,
    link: Link,
    topic: re.Pattern[str],
    sections: list[str],
    names: re.Pattern[str] | None = None,
) -> bool:
    """True when a code link is about the topic: its text, its sentence, its section (or
    an enclosing one) or the paragraph around it says so, or it is the model's own
    repository named for the topic (`names`); and its sentence does not say that code is
    still to come or not public."""
    if withheld(ctx, link, topic) is not None:
        return False
    if named_for(ctx, link, names):
        return True
    if says_topic(topic, link.text) or says_topic(topic, link_sentences(ctx, link)):
        return True
    return any(
        _titled_about(ctx, home, topic, sections) or says_code(topic, _nearby(home, link))
        for home in own_card(ctx).homes_of(link.url)
    )
