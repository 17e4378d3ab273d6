"""A base's or original model's card pasted below a release's own card.

Fine-tunes, merges and repacks often append the card of the model they were made from
("# Original model card: X", "# Base Model" above X's sections). Those sections describe
the base: its pretraining data, its hardware, its evaluation. A careful reader does not
take them for the release's own documentation, so the readers of this release's own
data, training setup and card read `own_card`, the card without them. EOSAI's base-model
dimensions read the base's card itself (the source looks it up).

A quantisation or format conversion is the model it copies (`conversion`): its source's
card documents it, so its whole card stays its own, as a copy's data are its source's.
A release with no base (declared, looked up, or named by its card) is itself the
original: a "Base model" part of its card describes its own base variant.
"""

from __future__ import annotations

from openaudit.card import Card, Section
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.evaluator_helpers import as_list
from openaudit.rubric.evaluators.weights import conversion


def foreign_sections(ctx: ProbeContext) -> tuple[Section, ...]:
    """The sections of another model's card appended to this one (`Card.appended_card`)
    when they are not this release's: it derives from a base and is no copy of it."""

    def found() -> tuple[Section, ...]:
        appended = ctx.card.appended_card
        if not appended or not _has_base(ctx) or conversion(ctx) is not None:
            return ()
        return appended

    return ctx.cached(("card", "foreign sections"), found)


def own_card(ctx: ProbeContext) -> Card:
    """The card as this release's own documentation: without another model's appended
    card (the parsed card itself when there is none)."""
    card = ctx.card
    if not card.appended_card:  # most cards: no lookup (readers ask again and again)
        return card
    return ctx.cached(("card", "own"), lambda: card.without(foreign_sections(ctx)))


def foreign_note(ctx: ProbeContext) -> str:
    """A reason's note that an appended card was left out ('' when none was)."""
    sections = foreign_sections(ctx)
    if not sections:
        return ""
    title = sections[0].title
    return f" (its '{title}' part is another model's card appended to it: not read as this one's)"


def _has_base(ctx: ProbeContext) -> bool:
    evidence = ctx.evidence
    return bool(
        as_list(ctx.metadata.get("base_model")) or evidence.base_models or evidence.implied_bases
    )
