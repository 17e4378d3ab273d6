"""Base models a card names in its text, or a file states, but not in `base_model` metadata.

Many fine-tunes never fill in `base_model`; their cards still say what they were
tuned from: the Trainer's opening line ("This model is a fine-tuned version of
[org/name](https://huggingface.co/org/name)"), the Hub template's "Finetuned from
model:" line, or a link in the training or fine-tuning section ("Fine-tuning on
Gaudi2: ... [Mistral-7B](https://huggingface.co/...)"). A careful reader takes such a
Hub model as the base (an inference, cited). A Hub model linked anywhere else
(comparisons, data generators, judges, tokenizers, the model's own variants) is not,
and a card that says it was trained from scratch names no base. An adapter's
`adapter_config.json` states the model it applies to (`base_model_name_or_path`): a
file says it, so that base is stated, not inferred.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from openaudit import textsearch
from openaudit.card import Card, Link
from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.weights import delta_weights

TRAINING_SECTIONS = ("Training", "Fine-tuning", "Finetuning", "Fine tuning")
# Training sections that hold something other than how this model was made from another.
NOT_DERIVATION_TITLE = re.compile(
    r"\b(?:data(?:sets?)?|results?|hyper-?parameters?|evaluation|how|guide|your|example)\b",
    re.IGNORECASE,
)
# Words just before a Hub model link that name it as the source of the weights: a
# derivation phrase ("fine-tuned from", "a fine-tune of", "further trained", "merge of",
# "GPTQ quantization of"), then at most a few name words ("of Meta Llama 3 8B ([...](")
# but no other lowercase word (so "fine-tuned on X, unlike [Y]" does not name Y); or a
# definition line ("Base model:", "Original model:", "Finetuned from model:").
_DERIVATION = (
    r"\b(?:fine-?tuned|finetuned|tuned|based|built|derived|distilled|continued|adapted"
    r"|quanti[sz]ed|converted|merged)"
    r"(?:\s+(?:version|checkpoint|variant|model))?\s+(?:of|from|on(?:\s+top\s+of)?)"
    r"|\b(?:fine-?tune|fine\s+tune|merge|quanti[sz]ation|conversion|distillation)\s+of"
    r"|\b(?:gguf|ggml|gptq|awq|exl2|mlx|onnx)\s+(?:version|conversion|export|build|quants?)s?\s+of"
    r"|\bfurther\s+(?:pre-?)?train(?:ed|ing)(?:\s+(?:of|from|on))?"
    r"|\bcontinued\s+pre-?training\s+(?:of|from|on)"
)
_NAME_WORDS = r"(?-i:(?:[A-Z0-9][\w.'\u2019/-]*\s+){0,6})\(?"
_DEFINITION = (
    r"\b(?:fine-?tuned\s+from(?:\s+model)?|(?:base|original|parent)\s+model)"
    r"\s*(?:\[optional\])?[\s*_]*:[\s*_]*"
)
DERIVED_FROM = re.compile(
    rf"(?:(?:{_DERIVATION})\s+(?:the\s+)?(?:model\s+)?{_NAME_WORDS}|{_DEFINITION})"
    r"(?:\[[^\[\]\n]{0,120}\]\(|<)?\s*$",
    re.IGNORECASE,
)
# The model named is used for something else: a design, a tokenizer, a judge, data.
NOT_WEIGHTS = re.compile(r"\)?\s*(?:architecture|design|recipe|tokeni[sz]er)", re.IGNORECASE)
OTHER_ROLE = re.compile(
    r"\b(?:tokeni[sz]er|judge|grader|classifier|reward model|filter|teacher|embedding model)"
    r"\b[^.\n]{0,60}$",
    re.IGNORECASE,
)
# Data made with another model ("generated with [X]") in a training section.
DATA_MADE_WITH = re.compile(r"\b(?:generat|synthesi[sz]|annotat|label)\w*\b[^.\n]{0,60}$", re.I)
FROM_SCRATCH = re.compile(r"\b(?:trained|pre-?trained)\s+from\s+scratch\b", re.IGNORECASE)
# huggingface.co/<name> with one segment: a legacy model id (distilbert-base-uncased)
# unless it is one of the site's own pages.
LEGACY_MODEL = re.compile(r"https?://(?:www\.)?huggingface\.co/([A-Za-z0-9][\w.-]*)/?$")
SITE_PAGES = frozenset(
    {"docs", "spaces", "datasets", "models", "papers", "blog", "pricing", "login", "join",
     "settings", "organizations", "learn", "tasks", "posts", "collections", "chat", "enterprise"}
)  # fmt: skip
# A Hub repo id ("org/name" or a legacy "name"), not a local path ("/data/base", "./base").
HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,95}(?:/[A-Za-z0-9][\w.-]{0,95})?")
ADAPTER_BASE_KEY = "base_model_name_or_path"
WINDOW = 200  # characters before a link searched for DERIVED_FROM
MAX_CHECKED = 50  # Hub model links looked at per card (each costs a scan of the body)


def undeclared_bases(ctx: ProbeContext) -> tuple[tuple[str, Citation], ...]:
    """The Hub models the card names as its base when `base_model` is not declared,
    each with the citation of where (empty when `base_model` is declared)."""
    if ctx.metadata.get("base_model") or ctx.evidence.base_models or not ctx.readme_read:
        return ()
    card = ctx.card
    if textsearch.search(FROM_SCRATCH, card.body):
        return ()
    own = (ctx.evidence.repo_id or "").lower()
    found: dict[str, Citation] = {}
    for target, link in _model_links(card)[:MAX_CHECKED]:
        if target.lower() == own or target in found:
            continue
        # The model's own variants (-GGUF, -instruct) count only when the card says it
        # was tuned from one ("a fine-tuned version of org/m-sft").
        variant = bool(own) and target.lower().startswith(f"{own}-")
        where = _named_as_base(ctx, link, phrase_only=variant)
        if where is not None:
            found[target] = where
    return tuple(found.items())


class ImpliedBase(NamedTuple):
    """A base model not declared in `base_model`, where it was found, and whether a file
    states it (adapter_config.json) or a reader concludes it (the card's prose)."""

    name: str
    citation: Citation
    stated: bool = False

    @property
    def said(self) -> str:
        """How the base is known, for a reason: 'the card builds on X', ..."""
        if self.stated:
            return f"its adapter_config.json names {self.name} as the base"
        return f"the card builds on {self.name}"


def file_stated_base(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """The Hub model an adapter's `adapter_config.json` says it applies to (parsed as
    JSON, never run; a local path or a malformed file states nothing)."""
    for config in ctx.evidence.config_files:
        if config.path != "adapter_config.json" or config.text is None:
            continue
        try:
            data = json.loads(config.text)
        except (ValueError, RecursionError):
            continue
        value = data.get(ADAPTER_BASE_KEY) if isinstance(data, dict) else None
        if isinstance(value, str) and HUB_ID.fullmatch(value.strip()):
            repo_id = value.strip()
            if repo_id.lower() != (ctx.evidence.repo_id or "").lower():
                return repo_id, ctx.file(config.path, f"{ADAPTER_BASE_KEY}: {repo_id}")
    return None


@once_per_model
def implied_base(ctx: ProbeContext) -> ImpliedBase | None:
    """The base a model has without declaring `base_model`: the one its adapter config
    states, a Hub model its card names as the model it was tuned from, or the unnamed
    model its delta weights apply to."""
    if ctx.metadata.get("base_model") or ctx.evidence.base_models:
        return None
    if stated := file_stated_base(ctx):
        return ImpliedBase(*stated, stated=True)
    if named := undeclared_bases(ctx):
        return ImpliedBase(*named[0])
    delta = delta_weights(ctx)
    if delta is None:
        return None
    return ImpliedBase("the model its delta weights are added to", delta)


def _model_links(card: Card) -> list[tuple[str, Link]]:
    """Hub model links with their repo ids, legacy one-segment ids included."""
    found = []
    for link in card.links:
        if link.kind == "hf_model" and link.target:
            found.append((link.target, link))
        elif (legacy := LEGACY_MODEL.match(link.url)) and legacy[1].lower() not in SITE_PAGES:
            found.append((legacy[1], link))
    return found


def _named_as_base(ctx: ProbeContext, link: Link, phrase_only: bool) -> Citation | None:
    card = ctx.card
    at = card.body.find(link.url)
    if at <= 0 or NOT_WEIGHTS.match(card.body, at + len(link.url)):
        return None
    before = card.body[max(0, at - WINDOW) : at]
    phrase = DERIVED_FROM.search(before)
    if phrase is not None:
        if OTHER_ROLE.search(before[: phrase.start()]):
            return None  # "a tokenizer based on X", "a judge built on X"
        return ctx.readme(phrase.group(0).strip())
    if phrase_only:
        return None
    if OTHER_ROLE.search(before[-80:]) or DATA_MADE_WITH.search(before[-80:]):
        return None
    for home in (s for s in card.sections if link.url in s.text):
        path = card.section_path(home)
        if any(card.title_matches(s, *TRAINING_SECTIONS) for s in path) and not any(
            NOT_DERIVATION_TITLE.search(s.title) for s in path
        ):
            return ctx.section(home)
    return None
