"""Base models a card names in its text, or a file states, but not in `base_model` metadata.

What counts as naming a base is read by `openaudit.base_mentions` (shared with the Hub
source, which looks such a base up). A careful reader takes a Hub model the card names
as the model it was tuned from as the base: an inference, cited where it is named. An
adapter's `adapter_config.json` states the model it applies to: a file says it, so that
base is stated, not inferred.
"""

from __future__ import annotations

from typing import NamedTuple

from openaudit.base_mentions import ADAPTER_BASE_KEY, CONFIG_FILE, NamedBase, adapter_base
from openaudit.evidence import Citation, LinkedRepo
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.weights import card_bases, delta_release


def undeclared_bases(ctx: ProbeContext) -> tuple[tuple[str, Citation], ...]:
    """The Hub models the card names as its base when `base_model` is not declared,
    each with the citation of where (empty when `base_model` is declared)."""
    if ctx.metadata.get("base_model") or ctx.evidence.base_models or not ctx.readme_read:
        return ()
    return tuple((base.name, _where(ctx, base)) for base in card_bases(ctx))


def _where(ctx: ProbeContext, base: NamedBase) -> Citation:
    if base.phrase is not None or base.section is None:
        return ctx.readme(base.phrase)
    return ctx.section(base.section)


class ImpliedBase(NamedTuple):
    """A base model not declared in `base_model`, where it was found, and whether a file
    states it (adapter_config.json) or a reader concludes it (the card's prose)."""

    name: str
    citation: Citation
    rule: str | None = None  # the structural rule that named it (base_mentions.name_match)
    stated: bool = False
    conversion: bool = False  # these weights are only that model converted

    @property
    def said(self) -> str:
        """How the base is known, for a reason: 'the card builds on X', ..."""
        if self.stated:
            return f"its adapter_config.json names {self.name} as the base"
        if self.rule and self.conversion:
            return f"its weights are {self.name} converted ({self.rule})"
        if self.rule:
            return f"the card builds on {self.name} ({self.rule})"
        return f"the card builds on {self.name}"


def file_stated_base(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """The Hub model an adapter's `adapter_config.json` says it applies to (parsed as
    JSON, never run; a local path or a malformed file states nothing)."""
    for config in ctx.evidence.config_files:
        if config.path != CONFIG_FILE:
            continue
        if repo_id := adapter_base(config.text, ctx.evidence.repo_id):
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
        first = card_bases(ctx)[0]
        return ImpliedBase(*named[0], rule=first.rule, conversion=first.conversion)
    delta = delta_release(ctx)
    if delta is None:
        return None
    return ImpliedBase(f"the model its delta weights are added to ({delta.said})", delta.citation)


def unfound_base(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """The model the card names as its base (not a file), when the source looked it up
    and the Hub has no such model: its data stay unnamed, but a link to nothing holds no
    terms a reader can follow (a declared `base_model` that is missing stays a base whose
    terms are unknown)."""
    named = undeclared_bases(ctx)
    if not named or file_stated_base(ctx):
        return None
    repo = implied_repo(ctx, named[0][0])
    return named[0] if repo is not None and repo.status == "not_found" else None


def implied_repo(ctx: ProbeContext, name: str) -> LinkedRepo | None:
    """The base the card implies, as the source looked it up (`Evidence.implied_bases`);
    None when it was not looked up."""
    wanted = name.lower()
    return next(
        (r for r in ctx.evidence.implied_bases if r.depth == 1 and r.repo_id.lower() == wanted),
        None,
    )
