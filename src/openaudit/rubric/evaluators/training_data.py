"""Where a card speaks of its training data, and which datasets or sources it names there.

A careful reader finds the training data in three places: sections titled as data
("Training Data", "Datasets", "Pretraining corpus"), whose whole text is about it; the
sentences about data in sections about training in general ("Training", "Training
Details", "Pretraining"), beside the hardware and hyperparameters; and definition lines
("- **Dataset:** ImageNet-1k") wherever they stand. Evaluation sections, and sentences
saying what the model was evaluated on, name benchmarks, not training data.

Naming is disclosure of a source (DESIGN: data named, "datasets or sources"): a public
corpus by its name, a Hub dataset by its id, or a definition line's proper name. A
general description ("publicly available sources", "a mix of web data") names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from openaudit import textsearch
from openaudit.card import Card, Section
from openaudit.data_links import DATASET_ID, NOT_IDS, written_dataset_ids
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.evaluator_helpers import (
    as_list,
    definition_lines,
    name_words,
    words,
)
from openaudit.rubric.evaluators.source_names import (
    excluded_after,
    referenced_before,
    source_names,
    unlinked,
)
from openaudit.sentences import Sentences
from openaudit.training_sections import (
    DATA_LABEL,
    TRAINING_CUE,
    data_row,
    evaluated_on,
    negated,
    section_about,
    under_evaluation,
)

# Public corpora and data collections, of text, code, images, video and speech. Benchmarks
# that are only ever test sets are not here; sets used both ways (LibriSpeech, SQuAD) are,
# and a sentence saying what the model was evaluated on does not count them.
NAMED_CORPORA = re.compile(
    # (?=[a-z]): every name starts with a letter; a pattern led by a character set lets
    # `re` skip the other characters at once (some 40 % faster, the same matches)
    r"(?=[a-z])\b(?:common ?crawl|c4|mc4|(?:the )?pile|refined ?web|red ?pajama|slim ?pajama|dolma"
    r"|fine ?web(?:-edu|-2)?|the stack(?: v2)?|starcoder ?data|oscar|wikipedia|bookcorpus"
    r"|books3|openwebtext|roots|stack ?exchange|sharegpt|oasst\d?|open ?assistant"
    r"|ultra ?chat|ultra ?feedback|alpaca|dolly|flan|xp3|p3|wudao(?: ?corpora)?|pes2o"
    r"|s2orc|proof-?pile|openwebmath|the-?stack-?v2|dclm|cosmopedia|open ?hermes|wikitext"
    r"|tinystories|cc100|paracrawl|ms ?marco|squad(?: ?v?2(?:\.0)?)?|natural questions"
    r"|trivia ?qa|snli|multi-?nli|imdb"
    # images and video
    r"|image ?net(?:-?(?:1k|21k|22k))?|ms ?coco|coco(?: captions)?|laion(?:-\w+)?"
    r"|open ?images|flickr ?30k|flickr ?8k|visual ?genome|cc3m|cc12m|conceptual captions"
    r"|yfcc(?:100m)?|datacomp(?:-\w+)?|sbu captions|places365|cifar-?10{1,2}|mnist"
    r"|kinetics(?:-\d+)?|webvid(?:-\w+)?|howto100m|ego4d|audioset"
    # speech
    r"|libri ?speech|multilingual libri ?speech|libri ?light|common ?voice|vox ?populi"
    r"|giga ?speech|people's speech|switchboard|wenet ?speech|vox ?celeb\d?|ted-?lium"
    r"|spgi ?speech|lj ?speech|vctk|aishell(?:-\d)?)\b"
    # not a model named after its data: Flan-T5, Dolly-v2-12b, OpenHermes-2.5-Mistral-7B
    r"(?![-_ ]?(?:t5|ul2)\b|[-_](?:\d+(?:\.\d+)?[bm]\b|\d+(?:\.\d+)?[-_]|v\d+(?:\.\d+)?[-_]\d"
    r"|mistral|llama|pythia|sft)"
    # nor data like it ("Wikipedia-style articles", "Alpaca-like instructions")
    r"|-(?:style|like)\b)",
    re.IGNORECASE,
)

# A sentence about data, in a section about training in general.
DATA_WORDS = re.compile(
    r"\b(?:data(?:sets?)?|corp(?:us|ora)|tokens|samples|examples|images|utterances|captions"
    r"|documents|mixtures?|dedup\w*)\b",
    re.IGNORECASE,
)
# How the training was run (batch sizes in tokens, steps of N samples): not about the data.
RUN_WORDS = re.compile(
    r"\b(?:batch(?:[ -]size)?|learning[ -]rate|steps?|epochs?|warm-?up|sequence length"
    r"|context length|optimi[sz]er|packs?|packing|gradient)\b",
    re.IGNORECASE,
)
ADDRESS = re.compile(r"\bhttps?://[^\s)\]>]+", re.IGNORECASE)
# A numbered list item's number before a definition's label ("1. Dataset preparation:").
NUMBERED = re.compile(r"\d{1,3}[.)][ \t]+")
# A proper name in a definition's value: CamelCase (ImageNet, OpenOrca) or an acronym
# of three letters or more (COCO, MNIST); not the words of an undisclosed source.
# A CamelCase or capitals name; not one followed by a version number (a model: GPT-4).
PROPER_NAME = re.compile(r"\b(?:[A-Z][a-z0-9]+[A-Z]\w*|[A-Z]{3,}\d*)\b(?![-.]?\d)")
# Capitals and CamelCase words that name formats, tools, vendors, not data.
NOT_NAMES = frozenset(
    {"TBD", "TODO", "NONE", "UNKNOWN", "GPU", "GPUS", "TPU", "API", "PII", "CSV", "TSV", "JSON",
     "JSONL", "XML", "HTML", "PDF", "PNG", "JPEG", "JPG", "WAV", "MP3", "RGB", "RGBA", "SQL",
     "URL", "URLS", "HTTP", "CRM", "ERP", "LLM", "LLMS", "NLP", "NVIDIA", "MIT", "GITHUB",
     "HUGGINGFACE", "OPENAI", "PYTORCH", "README", "FAQ", "FP16", "BF16", "AI"}
)  # fmt: skip
UNDISCLOSED = re.compile(
    r"\b(?:internal|proprietary|private|in-house|undisclosed|confidential|not (?:disclosed|"
    r"released|public))",
    re.IGNORECASE,
)
# A section on how the data was processed ("Data Preprocessing", "Filtering", "Data
# Cleaning"): its list items' labels name steps ("* CSAM Filtering: ..."), not sources.
PROCESSING_TITLE = re.compile(
    r"\b(?:(?:pre-?)?process\w*|filter\w*|clean\w*|dedup\w*|decontamina\w*|curation)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Passage:
    """Text of one section about the training data."""

    section: Section
    text: str  # the section's own text, or (whole=False) its sentences about data
    whole: bool  # the section is titled as training data


@dataclass(frozen=True)
class Name:
    """A dataset or source the card names as its training data, and where."""

    name: str
    section: Section
    sentence: str = ""  # outside the training sections: the sentence saying it trained on it


def passages(ctx: ProbeContext, data: list[str], training: list[str]) -> tuple[Passage, ...]:
    """The card's passages about its training data, in card order (computed once)."""
    key = ("training_data_passages", tuple(data), tuple(training))
    return ctx.cached(key, lambda: tuple(_passages(own_card(ctx), data, training)))


def _passages(card: Card, data: list[str], training: list[str]) -> Iterator[Passage]:
    for section in card.sections:
        about = section_about(card, section, data, training)
        if about == "data":
            yield Passage(section, section.text, whole=True)
        elif about == "training":
            text = "\n\n".join(data_sentences(card, section.text))
            if text:
                yield Passage(section, text, whole=False)


# Sections on the rights of the people in the data ("Data Protection and Copyright
# Requests", "Opt-out", "Data Removal Requests", "Privacy"): they say how to opt out or
# ask for removal, not what the training data is; unless the title also names the
# training data or its corpus ("Training Data and Copyright").
DATA_RIGHTS_TITLE = re.compile(
    r"\b(?:data\s+protection|privacy|copyright|opt[\s-]?outs?|take[\s-]?downs?|removal"
    r"|gdpr|requests?)\b",
    re.IGNORECASE,
)
DATA_TOPIC_TITLE = re.compile(
    r"\b(?:(?:pre-?)?train\w*|datasets?|corpus|corpora|sources?|composition)\b", re.IGNORECASE
)


def data_sentences(card: Card, text: str) -> list[str]:
    """The sentences of one of the card's texts that are about data, name a corpus, or
    say the model was trained on a source named by its proper name."""
    corpora = textsearch.may_match(NAMED_CORPORA, text)  # else no sentence names one
    if (
        textsearch.search(DATA_WORDS, text) is None
        and not (corpora and NAMED_CORPORA.search(text))
        and TRAINING_CUE.search(text) is None
    ):
        return []
    return [
        sentence
        for sentence in card.sentences(text)
        if (corpora and textsearch.search(NAMED_CORPORA, sentence))
        or (DATA_WORDS.search(sentence) and not textsearch.search(RUN_WORDS, sentence))
        or (TRAINING_CUE.search(sentence) and source_names(sentence, listed=False))
    ]


def named_in(sentences: Sentences, *, ids: bool, processing: bool = False) -> list[str]:
    """Public corpora, proper names given as sources (see `source_names`; in a list item
    too with `ids`), and with `ids`, Hub dataset ids in code spans or beside the word
    'dataset', that the split text names as training data: not negated, not evaluated
    on. A corpus named inside an `org/name` id is named by the id. With `processing` (a
    section on how the data was processed), list items' labels name steps, not sources."""
    text = sentences.text
    tokens: list[tuple[int, int, str]] | None = None  # found when a corpus is
    urls: list[tuple[int, int]] | None = None
    found = []
    for match in textsearch.finditer(NAMED_CORPORA, text):
        at = match.start()
        if urls is None:
            urls = [m.span() for m in ADDRESS.finditer(text)]
        if any(start <= at < end for start, end in urls):
            continue  # a word of an address ("example.org/pile"), not a name
        if (
            negated(text, at, 80)
            or excluded_after(text, match.end())
            or referenced_before(text, at)
            or evaluated_on(sentences, at)
        ):
            continue
        if tokens is None:
            tokens = [(m.start(1), m.end(1), m.group(1)) for m in DATASET_ID.finditer(text)]
        token = next((name for start, end, name in tokens if start <= at < end), None)
        found.append(token or match.group(0))
    found += _proper_names(sentences, listed=ids, processing=processing)
    if ids:
        found += [name for name, at in written_dataset_ids(text) if not evaluated_on(sentences, at)]
    return found


def _proper_names(sentences: Sentences, *, listed: bool, processing: bool) -> list[str]:
    """Proper names the text's sentences give as sources, public corpora left to
    NAMED_CORPORA (blanked out, so "The Stack v2" is not read again as "Stack")."""
    if not _has_capital(sentences.text):
        return []
    found = []
    for sentence in sentences:
        blanked = NAMED_CORPORA.sub(lambda m: " " * len(m.group(0)), unlinked(sentence))
        found += source_names(blanked, listed=listed, processing=processing)
    return found


def _has_capital(text: str) -> bool:
    """Whether any character of the text is upper case (`str.isupper` of it)."""
    if text.isascii():  # then the upper case letters are A-Z, and lowering changes them
        return text != text.lower()
    return any(c.isupper() for c in text)


def definitions(card: Card, section: Section) -> Iterator[tuple[str, str]]:
    """The section's definition lines with a data label ("Dataset:", "Training data:"),
    and table rows whose first cell is one ("| Training data | FineWeb |"), as (label,
    value); lines in code fences are not definitions."""
    for label, value in definition_lines(section.text):
        label = NUMBERED.sub("", label, count=1)
        if DATA_LABEL.fullmatch(label):
            yield label, value
    for line in section.text.splitlines():
        if (row := data_row(line)) is not None:
            yield row


def named_by_definition(value: str) -> list[str]:
    """What a data definition's value names: corpora, Hub dataset ids, proper names."""
    corpora = [m.group(0) for m in textsearch.finditer(NAMED_CORPORA, value)]
    ids = [m.group(1) for m in DATASET_ID.finditer(value) if m.group(1).lower() not in NOT_IDS]
    if corpora or ids:
        return corpora + ids
    if UNDISCLOSED.search(value):
        return []
    outside = re.sub(r"\([^()]*\)", " ", value)  # "(GPT-4 completions)" qualifies the name
    names = [m.group(0) for m in PROPER_NAME.finditer(outside)]
    return [name for name in names if name.upper() not in NOT_NAMES]


def training_data_names(
    ctx: ProbeContext, data: list[str], training: list[str]
) -> tuple[Name, ...]:
    """Every dataset or source the card names as its training data, in card order."""
    key = ("training_data_names", tuple(data), tuple(training))
    return ctx.cached(key, lambda: tuple(_names(ctx, data, training)))


def _names(ctx: ProbeContext, data: list[str], training: list[str]) -> Iterator[Name]:
    card = own_card(ctx)
    own = own_name_words(ctx)
    bases = [
        name_words(base.rsplit("/", 1)[-1]) for base in as_list(ctx.metadata.get("base_model"))
    ]
    read = passages(ctx, data, training)
    for passage in read:
        processing = PROCESSING_TITLE.search(passage.section.title) is not None
        for name in named_in(
            card.sentences(passage.text), ids=passage.whole, processing=processing
        ):
            # the model's own name ("Acme LM 3 uses ..."), its declared base's
            if not _own_name(name, own) and not _base_name(name, bases):
                yield Name(name, passage.section)
    done = {passage.section for passage in read}
    for section in card.sections:
        if section in done or under_evaluation(card, card.section_path(section), training):
            continue
        for name, sentence in _said_trained_on(card, section.text, own):
            if not _own_name(name, own) and not _base_name(name, bases):
                yield Name(name, section, sentence)
    for section in card.sections:
        values = [value for _, value in definitions(card, section)]
        if values and not under_evaluation(card, card.section_path(section), training):
            # (an evaluation section's "Dataset:" is its test set)
            for value in values:
                yield from (Name(name, section) for name in named_by_definition(value))


# Outside the training sections, a sentence saying the model was trained on something:
# "A ResNet-50 model pretrained on ImageNet-21k", "YOLOv8 models pretrained on the COCO
# dataset are available here". The verb is past ("can be fine-tuned on" is advice).
TRAINED_ON = re.compile(
    # (?=[dfpt]): the letters the verbs start with, for speed as in NAMED_CORPORA
    r"(?=[dfpt])\b(?:(?:pre-?)?trained|fine-?tuned|distilled)\b"
    # the Trainer's "a fine-tuned version of [org/base](...) on the X dataset"
    r"(?:[ \t]+version[ \t]+of[ \t]+(?:\[[^\]\n]{1,120}\]\([^)\s]{1,300}\)|[^\s\[\]()]{1,120})"
    r"|(?:[ \t]+[\w-]+){0,2}?)[ \t]+on\b",
    re.IGNORECASE,
)
# The Trainer's "on the librispeech_asr dataset" / "on the org/name dataset": the name of a
# dataset by its position, written as an id (an underscore, a hyphen, a digit or a slash;
# "the None dataset", "the same dataset" name none).
ON_THE_DATASET = re.compile(
    r"\bon[ \t]+(?:the[ \t]+)?`?([A-Za-z0-9][\w.-]*(?:/[\w.-]*\w)?)`?[ \t]+dataset\b",
    re.IGNORECASE,
)
# What stands before the verb says whose training it is: this model ("A ResNet-50 image
# classification model", "The model was", "It was", "We", its own name), not others'
# ("YOLO-style detectors from the same lab", "Unlike models").
_AUXILIARY_END = re.compile(
    r"(?:[ \t,]+(?:was|were|is|are|has|have|had|been|be|first|further|then|also|later|initially"
    r"|originally|jointly|a|an))+[ \t,]*$",  # "This model is a fine-tuned version of"
    re.IGNORECASE,
)
_THIS_MODEL = re.compile(
    r"(?:this|the|our|a|an|its)\b[^.;:!?]{0,80}?\b(?:models?|networks?|checkpoints?|versions?"
    r"|variants?|weights|encoders?|classifiers?|detectors?|backbones?)[ \t]*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"(?:it|we|they)$", re.IGNORECASE)
_OTHERS = re.compile(
    r"\b(?:other|others|previous|prior|earlier|same|similar|existing|baselines?|unlike"
    r"|compared|competing|most|many)\b",
    re.IGNORECASE,
)
MAX_SUBJECT_WORDS = 12
MAX_AUXILIARIES = 8  # auxiliaries read before the verb ("has also been further")
NAME_STEM = re.compile(r"(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)*[a-z]?)$")
NOT_OWN_WORDS = frozenset({"model", "models", "card", "base", "large", "small", "tiny", "with"})


def _said_trained_on(card: Card, text: str, own: set[str]) -> Iterator[tuple[str, str]]:
    """Names in the text's sentences that say this model was trained on them (see
    TRAINED_ON and _THIS_MODEL), not evaluated on, negated or undisclosed, and the
    sentence of each."""
    if TRAINED_ON.search(text) is None:
        return
    for sentence in card.sentences(text):
        verb = TRAINED_ON.search(sentence)
        if verb is None or not subject_is_model(unlinked(sentence[: verb.start()]), own):
            continue
        rest = sentence[verb.start() :]
        named = named_in(card.sentences(unlinked(rest)), ids=False)
        yield from ((name, sentence) for name in named)
        seen = {name.lower() for name in named}
        for match in ON_THE_DATASET.finditer(rest, verb.end() - verb.start() - 2):
            name = match.group(1)
            if re.search(r"[_/\d-]", name) and name.lower() not in seen | NOT_IDS:
                seen.add(name.lower())
                yield name, sentence


def subject_is_model(subject: str, own: set[str]) -> bool:
    """Whether the words before a training verb name this model (or nothing: an opening
    line such as "Pretrained model on English")."""
    # "An English speech model (CTC, 95M parameters), fine-tuned on": the brackets qualify it
    subject = re.sub(r"\([^()]*\)", " ", re.sub(r"[*_`#>]", " ", subject))
    # the last words only: more than MAX_SUBJECT_WORDS before the auxiliaries name no
    # model either way, and the auxiliaries' pattern stays linear on a short tail
    words = subject.split()
    tail = words[-(MAX_SUBJECT_WORDS + MAX_AUXILIARIES + 1) :]
    subject = _AUXILIARY_END.sub("", " ".join(tail).rstrip(" ,"))
    if not subject:
        return len(tail) == len(words)
    if len(subject.split()) > MAX_SUBJECT_WORDS or _OTHERS.search(subject):
        return False
    if _PRONOUN.fullmatch(subject) or _THIS_MODEL.fullmatch(subject):
        return True
    distinctive = _stems({w for w in own if len(w) >= 4 and w not in NOT_OWN_WORDS})
    return any(_stems({word}) & distinctive for word in name_words(subject))


def _own_name(name: str, own: set[str]) -> bool:
    """Whether a name is made of the model's own name words, a version or size suffix
    left off ("GFPGAN" for GFPGANv1)."""
    words = name_words(name)
    return bool(words) and words <= _stems(own)


def _base_name(name: str, bases: list[set[str]]) -> bool:
    """Whether a name, not a public corpus, is made of the words of a declared base
    model's name ("to give FLUXY.1 [dev] a watercolour style" over `org/FLUXY.1-dev`):
    the model tuned, not its data."""
    if NAMED_CORPORA.fullmatch(name):
        return False  # "Alpaca" is the data, whatever the base is called
    return any(_own_name(name, base) for base in bases)


def _stems(words: set[str]) -> set[str]:
    """The words and, where one ends in a version or size, the word without it."""
    return words | {stem for word in words if len(stem := NAME_STEM.sub("", word)) >= 3}


def data_section(
    ctx: ProbeContext, names: list[str], training: list[str]
) -> tuple[Section | None, int]:
    """Of every section titled like one of `names` and not as evaluation ("Evaluation
    datasets" before "Training datasets"), the one with most words, and its words."""
    card = own_card(ctx)
    best: tuple[Section | None, int] = (None, -1)
    for section in card.find_sections(*names):
        if under_evaluation(card, card.section_path(section), training):
            continue
        if DATA_RIGHTS_TITLE.search(section.title) and not DATA_TOPIC_TITLE.search(section.title):
            continue  # how to opt out or ask for removal, not what the data is
        count = card.section_words(section)
        if count > best[1]:
            best = (section, count)
    return best


def own_name_words(ctx: ProbeContext) -> set[str]:
    """The words of the model's own name: its repository's and its card's first title."""
    title = next((s.title for s in own_card(ctx).sections if s.level == 1), "")
    return name_words(ctx.evidence.display_name.rsplit("/", 1)[-1]) | name_words(title)


@dataclass(frozen=True)
class Documentation:
    """Where the card documents its training data, and in how many words."""

    sections: tuple[Section, ...]
    words: int
    whole: bool  # a section titled as data (else: sentences about data in training sections)


def documented_in_card(
    ctx: ProbeContext, names: list[str], training: list[str], min_words: int
) -> Documentation | None:
    """The card's documentation of its training data when it has `min_words` words: the
    longest section titled like one of `names`, else the sentences about data in its
    sections about training (together)."""
    section, count = data_section(ctx, names, training)
    if section is not None and count >= min_words:
        return Documentation((section,), count, whole=True)
    sentences = [p for p in passages(ctx, names, training) if not p.whole]
    total = sum(words(p.text) for p in sentences)
    if sentences and total >= min_words:
        return Documentation(tuple(p.section for p in sentences), total, whole=False)
    return None
