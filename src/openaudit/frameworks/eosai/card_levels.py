"""The EOSAI model card and datasheet dimensions: the topics the card covers, and the
data documentation (a copy's, its source's)."""

from __future__ import annotations

import re
from dataclasses import replace

from openaudit import textsearch
from openaudit.frameworks.eosai.data_source_levels import dataset_level
from openaudit.frameworks.eosai.hardware_levels import ARCH_LABEL, definition
from openaudit.frameworks.eosai.rated_levels import Rated, concluded, not_found, stated
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.copies import copy_source
from openaudit.rubric.evaluators.datasheets import datasheet
from openaudit.rubric.evaluators.documentation import card_substantive, evaluation_results
from openaudit.rubric.evaluators.generic import best_section
from openaudit.rubric.evaluators.reported_results import EVAL_SECTIONS
from openaudit.training_sections import ARCHITECTURE_SECTION_NAMES, TRAINING_TOPIC_NAMES

CARD_TOPICS = {
    "architecture": ARCHITECTURE_SECTION_NAMES,
    "training": TRAINING_TOPIC_NAMES,
    "evaluation": EVAL_SECTIONS,  # the sections the default rubric reads results from
}
MIN_TOPIC_WORDS = 20


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


def _covers(ctx: ProbeContext, topic: str) -> bool:
    """The card has a substantive section on `topic`; the architecture may also be given
    as a definition line ("**Model Architecture:** a decoder-only transformer ...") or as
    three hyperparameters with their values in a section on it, however few its words."""
    if best_section(ctx, CARD_TOPICS[topic])[1] >= MIN_TOPIC_WORDS:
        return True
    if topic != "architecture":
        return False
    return definition(ctx, ARCH_LABEL) is not None or any(
        _arch_facts(section.text) >= MIN_ARCH_FACTS
        for section in own_card(ctx).find_sections(*ARCHITECTURE_SECTION_NAMES)
    )


def _arch_facts(text: str) -> int:
    """How many distinct architecture hyperparameters the text gives with a value."""
    found = {
        " ".join((match.group(1) or match.group(2)).lower().split())
        for match in textsearch.finditer(ARCH_FACT, text)
    }
    return len(found)


def modelcard_level(ctx: ProbeContext) -> Rated:
    card = card_substantive(ctx, 150, 0.5)
    if card.answer != "yes":
        return not_found(card)
    covered = [topic for topic in CARD_TOPICS if _covers(ctx, topic)]
    # The Hub renders `model-index` results on the card as its evaluation section.
    indexed = ctx.metadata.get("model-index") and evaluation_results(ctx).answer == "yes"
    if "evaluation" not in covered and indexed:
        covered = [t for t in CARD_TOPICS if t in covered or t == "evaluation"]
    missing = [t for t in CARD_TOPICS if t not in covered]
    if missing:
        why = f"{card.reason}; no substantive section on {', '.join(missing)}"
        return stated("partial", why, *card.citations)
    return stated("open", f"{card.reason}; covers {', '.join(covered)}", *card.citations)


def datasheet_level(ctx: ProbeContext) -> Rated:
    """The data documentation; a copy's, when its own card has none, its source's (a
    copy is the model it copies: inferred, naming the source)."""
    own = _own_datasheet_level(ctx)
    if own.high != "closed" or (source := copy_source(ctx)) is None:
        return own
    found = datasheet_level(source.ctx)
    if found.low == "closed":
        return own
    cites = source.cited(found.citations)
    return replace(found, reason=source.says(found.reason), citations=cites, inferred=True)


def _own_datasheet_level(ctx: ProbeContext) -> Rated:
    if (sheet := datasheet(ctx)) is not None:
        return concluded("open", sheet.reason, *sheet.citations)
    rated = dataset_level(ctx, "data documentation", sources=False)  # naming is not documenting
    if rated.low == "closed":  # closed, or nothing read that could document the data
        return rated
    why = "data documented, but no datasheet or AI Act summary is shown: partial"
    return concluded("partial", f"{why} ({rated.reason})", *rated.citations)
