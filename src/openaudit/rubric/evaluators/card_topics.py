"""The topics a model card covers: the model's architecture, its training data, how
training was run (the procedure or the hardware) and its evaluation results.

A card covers a topic in a section on it of MIN_TOPIC_WORDS words or more, in a
definition line ("**Training data:** ...") or a table row ("| Training hardware | 256
H100 GPUs |", markdown or HTML) labelled with it, whose value has MIN_VALUE_WORDS words or
more (placeholders do not count: a template's "[More Information Needed]" covers
nothing, nor does a value that only points elsewhere, "see the original model card",
denies, "not disclosed", "N/A", "TBD", or is placeholder text, "[Add details]"); the
architecture also by three of its hyperparameters with their values in a section on it,
and the evaluation results by a results table, results linked from an evaluation section
or `model-index` results. The model card probe (MOF 13, the default rubric's) takes a
card covering two topics or more for a model card however few its words, and EOSAI's
`modelcard` judges the card by them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from openaudit import textsearch
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.card_tables import html_tables
from openaudit.rubric.evaluators.evaluator_helpers import definition_lines, words
from openaudit.rubric.evaluators.reported_results import (
    eval_sections,
    eval_table,
    results_table_anywhere,
)
from openaudit.training_sections import (
    ARCHITECTURE_SECTION_NAMES,
    DATA_LABEL,
    DATA_SECTION_NAMES,
    HARDWARE_SECTION_NAMES,
    TABLE_ROW,
    TRAINING_RUN_SECTION_NAMES,
    TRAINING_SECTION_NAMES,
    TRAINING_TOPIC_NAMES,
    USAGE_SECTIONS,
    about_running,
    running_hardware,
    section_about,
)

if TYPE_CHECKING:
    pass

# The topics, as reasons name them.
TOPICS = {
    "architecture": "architecture",
    "training data": "training data",
    "training": "training procedure or hardware",
    "evaluation": "evaluation results",
}
MIN_TOPIC_WORDS = 20  # words a section on a topic needs
MAX_LABEL_WORDS = 4  # longer "labels" are sentences that happen to hold a colon
MIN_VALUE_WORDS = 3  # "8 A100s" says too little, as a 2-word section would

ARCH_LABEL = re.compile(r"\barchitecture\b", re.IGNORECASE)
HARDWARE_LABEL = re.compile(
    r"\bhardware\b|\b(?:compute|training)\s+infrastructure\b"
    r"|^(?:training\s+)?(?:gpus?|tpus?|accelerators?|compute)$",
    re.IGNORECASE,
)
# How training was run ("Training procedure", "Fine-tuning details", "Training
# hyperparameters", "Training time"); not its code, which a link publishes, nor its data.
TRAINING_LABEL = re.compile(
    r"(?:(?:pre-?|post-?)?training|fine-?tuning)(?:[ \t]+(?:procedure|details|setup|regime"
    r"|recipe|method|process|hyper-?parameters|configuration|time|duration|compute|steps"
    r"|tokens|objective|schedule))?|(?:training[ \t]+)?hyper-?parameters",
    re.IGNORECASE,
)
EVAL_LABEL = re.compile(
    r"(?:evaluation(?:[ \t]+results)?|results|benchmarks?(?:[ \t]+results)?|scores)",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^<>\n]{0,200}>")
# A value that covers nothing: it only points elsewhere ("see the original model card",
# "refer to the paper"), denies ("not disclosed", "unknown", "N/A", "TBD") or is
# placeholder text ("TODO", "[Add the architecture here]"), the rest of its clause saying
# no more (after a clause's end, "Unknown; trained on 1T tokens of web text" does).
_POINTER = (
    r"(?:please[ \t]+)?(?:see|refer(?:[ \t]+to)?|check(?:[ \t]+out)?|consult|visit|look[ \t]+at"
    r"|same[ \t]+as|as[ \t]+(?:in|per)|(?:more[ \t]+)?(?:details|information|info)[ \t]+"
    r"(?:(?:are|is|can[ \t]+be[ \t]+found)[ \t]+)?(?:in|at|on)"
    r"|(?:described|available|found|given|listed|detailed|documented)[ \t]+(?:in|at|on))\b"
)
_DENIAL = (
    r"(?:not[ \t]+(?:(?:publicly|yet|currently|been)[ \t]+)?(?:disclosed|released|available"
    r"|specified|provided|shared|public|known|reported|documented|stated|given)|undisclosed"
    r"|unknown|unspecified|n/?a|tb[ad]|to[ \t]+be[ \t]+(?:announced|determined|disclosed|released"
    r"|added|confirmed|updated)|coming[ \t]+soon|todo|xxx+|lorem[ \t]+ipsum|none[ \t]+(?:given"
    r"|provided|stated|disclosed))(?![\w/])"
)
_EMPTY_VALUE = re.compile(rf"[^\w\[{{]*(?:{_POINTER}|{_DENIAL})", re.IGNORECASE)
_BRACKETED = re.compile(r"[^\w\[{]*(?:\[[^\]]*\]|\{[^}]*\})[^\w]*")  # "[Add details]"
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_VALUE_CLAUSE_END = re.compile(r"[.;:,]\s|\s[-\u2013\u2014]+\s")

# A hyperparameter of the architecture given with its value, either way round ("32
# layers", "hidden size 4096", "| Attention heads | 32 |"): a dense sentence of them says
# as much as a longer paragraph or a table.
ARCH_TERMS = (
    r"layers|blocks|(?:attention\s+|kv\s+|query\s+)?heads|experts"
    r"|(?:hidden|embedding|model|intermediate|feed-?forward|ffn)\s+(?:size|dim\w*)|d_model"
    r"|vocab\w*(?:\s+size)?|context\s+(?:length|window|size)"
)
ARCH_FACT = re.compile(
    rf"\b\d[\d,.]{{0,12}}[kKM]?[ \t]*(?:[a-z-]+[ \t]+)?({ARCH_TERMS})\b"
    rf"|\b({ARCH_TERMS})\b[^\n\d]{{0,15}}\d",
    re.IGNORECASE,
)
MIN_ARCH_FACTS = 3


def arch_facts(text: str) -> int:
    """How many distinct architecture hyperparameters the text gives with a value."""
    found = {
        " ".join((match.group(1) or match.group(2)).lower().split())
        for match in textsearch.finditer(ARCH_FACT, text)
    }
    return len(found)


def labelled_lines(ctx: ProbeContext) -> tuple[tuple[str, str, str], ...]:
    """The card's definition lines and table rows as (label, value, 'line' or 'row'): a
    label of at most MAX_LABEL_WORDS words (tags and emphasis stripped) with a value of
    MIN_VALUE_WORDS words or more (read once per model)."""

    def read() -> tuple[tuple[str, str, str], ...]:
        body = own_card(ctx).body
        found = [(label, value, "line") for label, value in definition_lines(body)]
        if "|" in body:
            for line in body.splitlines():
                match = TABLE_ROW.match(line) if "|" in line else None
                if match is not None:
                    found.append((match.group(1), match.group(2).replace("|", " "), "row"))
        for table in html_tables(body):
            found += [(row[0], " ".join(row[1:]), "row") for row in table if len(row) > 1]
        kept = []
        for label, value, kind in found:
            label = " ".join(_TAG.sub(" ", label).strip(" \t*_`").split())
            if (
                label
                and len(label.split()) <= MAX_LABEL_WORDS
                and words(value) >= MIN_VALUE_WORDS
                and not says_nothing(value)
            ):
                kept.append((label, " ".join(value.split()), kind))
        return tuple(kept)

    return ctx.cached(("card topics", "labelled lines"), read)


def says_nothing(value: str) -> bool:
    """Whether a definition line's or table row's value only points elsewhere, denies or
    is placeholder text (`_EMPTY_VALUE`), with fewer than MIN_VALUE_WORDS words after its
    first clause."""
    text = " ".join(_TAG.sub(" ", _LINK.sub(r"\1", value)).split())
    if _BRACKETED.fullmatch(text):
        return True
    if (empty := _EMPTY_VALUE.match(text)) is None:
        return False
    cut = _VALUE_CLAUSE_END.search(text, empty.end())
    return cut is None or words(text[cut.end() :]) < MIN_VALUE_WORDS


def _labelled(ctx: ProbeContext, topic: str) -> str | None:
    """The first definition line or table row labelled with the topic ("a 'Training
    data' line")."""
    for label, value, kind in labelled_lines(ctx):
        if _label_of(topic, label, value):
            return f"the '{label}' {kind}"
    return None


def _label_of(topic: str, label: str, value: str) -> bool:
    if topic == "architecture":
        return ARCH_LABEL.search(label) is not None
    if topic == "training data":
        return DATA_LABEL.fullmatch(label) is not None
    if topic == "training":
        said = TRAINING_LABEL.fullmatch(label) or HARDWARE_LABEL.search(label)
        return bool(said) and not about_running(label) and not about_running(value)
    return EVAL_LABEL.fullmatch(label) is not None and any(c.isdigit() for c in value)


def _section(ctx: ProbeContext, topic: str) -> str | None:
    """The title of a section on the topic with MIN_TOPIC_WORDS words or more (the
    architecture's: or three hyperparameters with their values)."""
    card = own_card(ctx)
    if topic == "evaluation":
        found: Any = eval_sections(ctx)
    elif topic == "training data":
        found = [
            s
            for s in card.find_sections(*DATA_SECTION_NAMES)
            if section_about(card, s, DATA_SECTION_NAMES, TRAINING_SECTION_NAMES) == "data"
        ]
    elif topic == "training":  # not its data, nor how a user tunes or runs the model
        names = (*TRAINING_TOPIC_NAMES, *TRAINING_RUN_SECTION_NAMES, *HARDWARE_SECTION_NAMES)
        found = [
            s
            for s in card.find_sections(*names)
            if not card.title_matches(s, *DATA_SECTION_NAMES)
            and not any(
                card.title_matches(p, *USAGE_SECTIONS) or about_running(p.title)
                for p in card.section_path(s)
                if p is not card.title_section
            )
            and not running_hardware(card, s)
        ]
    else:
        found = card.find_sections(*ARCHITECTURE_SECTION_NAMES)
    for section in found:
        if card.section_words(section) >= MIN_TOPIC_WORDS:
            return f"'{section.title}'"
    if topic == "architecture":
        for section in found:
            if arch_facts(section.text) >= MIN_ARCH_FACTS:
                return f"'{section.title}' (its hyperparameters)"
    return None


def _results(ctx: ProbeContext) -> str | None:
    """Evaluation results on the card: `model-index` results (the Hub renders them on
    it), a results table, or results an evaluation section links."""
    index = ctx.metadata.get("model-index")
    entries = index if isinstance(index, list) else [index]
    if any(isinstance(e, dict) and e.get("results") for e in entries):
        return "`model-index` results"
    table = eval_table(ctx)
    if table is not None and table.answer == "yes":
        return table.reason
    found = results_table_anywhere(ctx)
    if found is not None:
        return f"a results table in '{found[1].title}'" if found[1] else "a results table"
    return None


def topic_written(ctx: ProbeContext, topic: str) -> str | None:
    """Where the card writes on the topic: a section of MIN_TOPIC_WORDS words or more (the
    architecture's: or its hyperparameters), a definition line or table row; else None."""
    return _section(ctx, topic) or _labelled(ctx, topic)


def topic_covered(ctx: ProbeContext, topic: str) -> str | None:
    """Where the card covers the topic: written on (`topic_written`), or for evaluation
    its results on the card however short (a results table, results linked from an
    evaluation section, `model-index` results); else None."""
    found = topic_written(ctx, topic)
    if found is None and topic == "evaluation":
        found = _results(ctx)
    return found


def card_topics(ctx: ProbeContext) -> tuple[tuple[str, str], ...]:
    """The topics the card covers, each with where (read once per model)."""

    def read() -> tuple[tuple[str, str], ...]:
        found = ((topic, topic_covered(ctx, topic)) for topic in TOPICS)
        return tuple((topic, where) for topic, where in found if where)

    return ctx.cached(("card topics",), read)


def topics_said(covered: tuple[tuple[str, str], ...]) -> str:
    """The covered topics for a reason: 'architecture ('Model Details'), ...'."""
    return ", ".join(f"{TOPICS[topic]} ({where})" for topic, where in covered)
