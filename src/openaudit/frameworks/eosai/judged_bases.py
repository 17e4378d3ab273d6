"""The base models EOSAI's base dimensions judge (the pretrained foundation under each
declared base) and how a reason cites one."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from openaudit.base_chain import Chain, foundations
from openaudit.evidence import Citation
from openaudit.frameworks.eosai.rated_levels import Rated
from openaudit.rubric.context import ProbeContext

if TYPE_CHECKING:
    from openaudit.evidence import LinkedRepo


def judged_bases(ctx: ProbeContext) -> list[LinkedRepo]:
    """The base models EOSAI's base dimensions judge: the pretrained foundation under
    each declared base, not the direct parent of a fine-tune of a fine-tune."""
    return [repo for repo, _ in _foundations(ctx)]


def _foundations(ctx: ProbeContext) -> tuple[tuple[LinkedRepo, Chain], ...]:
    """Under each declared base, the pretrained foundation and the chain down to it
    (base_chain.foundations, which the Hub source reads the base cards of too)."""
    bases = ctx.evidence.base_models
    if not bases:  # and the model's id is not read (the scan memo's declarations)
        return ()
    return ctx.cached(("eosai", "foundations"), lambda: foundations(ctx.evidence.repo_id, bases))


def on_foundation(ctx: ProbeContext, rated: Rated) -> Rated:
    """`rated` saying which model it judged when that is not the declared base."""
    deeper = [chain for _, chain in _foundations(ctx) if len(chain) > 1]
    if not deeper:
        return rated
    shown = "; ".join(f"{chain[-1]} (base chain {' -> '.join(chain)})" for chain in deeper)
    return replace(rated, reason=f"judged the pretrained foundation {shown}: {rated.reason}")


def base_cite(repo: LinkedRepo) -> Citation:
    """A citation of a base model repo as the source saw it."""
    return Citation(f"models:{repo.repo_id}", repo.status, f"https://huggingface.co/{repo.repo_id}")
