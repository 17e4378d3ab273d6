"""Whether a code link is to the model's own repository (first party): by its publisher,
its name or the heading it is listed under."""

from __future__ import annotations

import re

from openaudit.card import Link
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.code_link_paths import link_repo
from openaudit.rubric.evaluators.evaluator_helpers import model_name_words, name_words
from openaudit.rubric.evaluators.framework_links import TRAINING_FRAMEWORKS, tool_link

MIN_NAME_PART = 4  # shorter name words ("7b", "v2") say nothing of the model
GENERIC_NAME_WORDS = frozenset(
    {
        "model", "models", "base", "chat", "instruct", "large", "small", "tiny", "mini",
        "medium", "finetuned", "tuned", "lora", "merged", "gguf", "quantized", "cased",
        "uncased", "preview", "final",
    }
)  # fmt: skip


def model_words(ctx: ProbeContext) -> set[str]:
    """The distinctive words of the model's name (org/Name-7B-chat -> {"name"})."""
    words = model_name_words(ctx) - GENERIC_NAME_WORDS
    return {word for word in words if len(word) >= MIN_NAME_PART}


# Headings under which a card lists the model's own repositories.
OWN_CODE_SECTIONS = ["Model Sources", "Code", "Repository", "Repositories", "Source Code"]


def _same_owner(owner: str, org: str) -> bool:
    """The code host's owner is the Hub publisher: the same name, or one the start of the
    other ("qwenlm" and "qwen"), letters and digits only."""
    a, b = (re.sub(r"[^a-z0-9]", "", name.lower()) for name in (owner, org))
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= MIN_NAME_PART and (a.startswith(b) or b.startswith(a)))


def first_party(ctx: ProbeContext, link: Link) -> bool:
    """The code link is to the model's own repository: published by the model's publisher,
    named with a distinctive word of the model's name, or listed under a heading of the
    model's own code ("Model Sources", "Code", "Repository"). A general tool or training
    framework never is."""
    repo = link_repo(link)
    parts = repo.split("/")
    if len(parts) < 3 or repo in TRAINING_FRAMEWORKS or tool_link(link):
        return False
    org = (ctx.evidence.repo_id or "").partition("/")[0]
    if org and _same_owner(parts[1], org):
        return True
    if name_words(parts[2]) & model_words(ctx):
        return True
    card = own_card(ctx)
    return any(
        card.title_matches(section, *OWN_CODE_SECTIONS)
        for home in card.homes_of(link.url)
        for section in card.section_path(home)
    )
