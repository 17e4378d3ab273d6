"""Base models a card names in its text but not in `base_model` metadata.

Many fine-tunes never fill in `base_model`; their cards still say what they were
tuned from, in a training or fine-tuning section ("Fine-tuning on Gaudi2: ...
[Mistral-7B](https://huggingface.co/...)") or in the Trainer's opening line ("This
model is a fine-tuned version of [org/name](https://huggingface.co/org/name)").
A careful reader takes such a Hub model as the base (an inference, cited); a Hub
model linked anywhere else (comparisons, evaluation tables, sibling releases) is not.
"""

from __future__ import annotations

import re

from openaudit.card import Link
from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.weights import delta_weights

TRAINING_SECTIONS = ("Training", "Fine-tuning", "Finetuning", "Fine tuning", "Tuning")
# Words just before a Hub model link that name it as the source of the weights.
DERIVED_FROM = re.compile(
    r"\b(?:fine-?tuned|finetuned|tuned|based|built|derived|distilled|continued|adapted)"
    r"(?:\s+(?:version|checkpoint|variant|model))?\s+(?:of|from|on(?:\s+top\s+of)?)"
    r"\s+(?:the\s+)?(?:model\s+)?(?:\[[^\[\]\n]{0,120}\]\(|<)?\s*$",
    re.IGNORECASE,
)
# "based on the [X](...) architecture" borrows a design, not the weights.
NOT_WEIGHTS = re.compile(r"\)?\s*(?:architecture|design|recipe|tokeni[sz]er)", re.IGNORECASE)
WINDOW = 200  # characters before a link searched for DERIVED_FROM
MAX_CHECKED = 50  # Hub model links looked at per card (each costs a scan of the body)


def undeclared_bases(ctx: ProbeContext) -> tuple[tuple[str, Citation], ...]:
    """The Hub models the card names as its base when `base_model` is not declared,
    each with the citation of where (empty when `base_model` is declared)."""
    if ctx.metadata.get("base_model") or ctx.evidence.base_models or not ctx.readme_read:
        return ()
    own = (ctx.evidence.repo_id or "").lower()
    found: dict[str, Citation] = {}
    for link in ctx.card.links_of("hf_model")[:MAX_CHECKED]:
        target = link.target
        if not target or target.lower() == own or target in found:
            continue
        where = _named_as_base(ctx, link)
        if where is not None:
            found[target] = where
    return tuple(found.items())


def implied_base(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """The base a card implies without declaring `base_model`: a Hub model it names as
    the model it was tuned from, or the unnamed model its delta weights apply to."""
    if named := undeclared_bases(ctx):
        return named[0]
    if ctx.metadata.get("base_model") or ctx.evidence.base_models:
        return None
    delta = delta_weights(ctx)
    return ("the model its delta weights are added to", delta) if delta is not None else None


def _named_as_base(ctx: ProbeContext, link: Link) -> Citation | None:
    card = ctx.card
    for home in (s for s in card.sections if link.url in s.text):
        if any(card.title_matches(s, *TRAINING_SECTIONS) for s in card.section_path(home)):
            return ctx.section(home)
    at = card.body.find(link.url)
    if at <= 0 or NOT_WEIGHTS.match(card.body, at + len(link.url)):
        return None
    phrase = DERIVED_FROM.search(card.body[max(0, at - WINDOW) : at])
    return ctx.readme(phrase.group(0).strip()) if phrase else None
