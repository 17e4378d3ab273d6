"""The EOSAI model card and datasheet dimensions: the topics the card covers, and the
data documentation (a copy's, its source's)."""

from __future__ import annotations

from dataclasses import replace

from openaudit.frameworks.eosai.data_source_levels import dataset_level
from openaudit.frameworks.eosai.rated_levels import (
    Rated,
    between,
    concluded,
    not_found,
    stated,
)
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.card_topics import topic_written
from openaudit.rubric.evaluators.copies import copy_source
from openaudit.rubric.evaluators.datasheets import datasheet
from openaudit.rubric.evaluators.documentation import (
    CARD_FILE,
    card_substantive,
    evaluation_results,
)
from openaudit.rubric.evaluators.generic import best_section
from openaudit.rubric.evaluators.reported_results import EVAL_SECTIONS
from openaudit.training_sections import ARCHITECTURE_SECTION_NAMES, TRAINING_TOPIC_NAMES

CARD_TOPICS = {
    "architecture": ARCHITECTURE_SECTION_NAMES,
    "training": TRAINING_TOPIC_NAMES,
    "evaluation": EVAL_SECTIONS,  # the sections the default rubric reads results from
}
MIN_TOPIC_WORDS = 20  # (card_topics.MIN_TOPIC_WORDS)


def _covers(ctx: ProbeContext, topic: str) -> bool:
    """The card covers `topic`: a section on it of 20 words or more, or where the card's
    topics are read (`card_topics.topic_written`: a definition line or table row, the
    architecture's hyperparameters); training by its data or by how it was run."""
    if best_section(ctx, CARD_TOPICS[topic])[1] >= MIN_TOPIC_WORDS:
        return True
    if topic == "training":
        return any(topic_written(ctx, name) for name in ("training data", "training"))
    return topic_written(ctx, topic) is not None


def modelcard_level(ctx: ProbeContext) -> Rated:
    """The card's topics covered: all three open, fewer partial, no card closed; a card
    shipped as a file of its own, whose text is not read, at least partial."""
    card = card_substantive(ctx, 150, 0.5)
    if card.answer != "yes":
        return not_found(card)
    if card.reason.startswith(CARD_FILE):  # at least partial: its topics were not read
        topics = ", ".join(CARD_TOPICS)
        why = f"{card.reason}: at least partial (reading it would tell whether it covers {topics})"
        return between("partial", "open", why, *card.citations)
    covered = [topic for topic in CARD_TOPICS if _covers(ctx, topic)]
    # The Hub renders `model-index` results on the card as its evaluation section.
    indexed = ctx.metadata.get("model-index") and evaluation_results(ctx).answer == "yes"
    if "evaluation" not in covered and indexed:
        covered = [t for t in CARD_TOPICS if t in covered or t == "evaluation"]
    missing = [t for t in CARD_TOPICS if t not in covered]
    rate = concluded if card.inferred else stated  # a short card's topics are read
    if missing:
        why = f"{card.reason}; no substantive section on {', '.join(missing)}"
        return rate("partial", why, *card.citations)
    return rate("open", f"{card.reason}; covers {', '.join(covered)}", *card.citations)


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
