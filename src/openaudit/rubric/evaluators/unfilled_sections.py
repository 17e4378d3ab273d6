"""Card sections left as the model-card template wrote them: only placeholders and
field labels."""

from __future__ import annotations

import re

from openaudit import textsearch
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.evaluator_helpers import PLACEHOLDER

# What an unfilled template section holds besides placeholders: field labels (its
# comments are gone already: the card's body has none).
TEMPLATE_NOISE = re.compile(r"\*\*[^*\n]{1,80}\*\*:?")


def unfilled_section(text: str) -> bool:
    """The text is only placeholders and field labels."""
    if textsearch.search(PLACEHOLDER, text) is None:
        return False
    rest = PLACEHOLDER.sub("", TEMPLATE_NOISE.sub("", text))
    return not any(c.isalnum() for c in rest)


def unfilled_count(ctx: ProbeContext) -> int:
    """Sections whose own text is only placeholders, field labels and comments."""
    return sum(1 for section in own_card(ctx).sections if unfilled_section(section.text))
