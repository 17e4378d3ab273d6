"""The EOSAI weights dimensions: the end model's weights (released, gated, delta or
adapter) and its base model's."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from openaudit.evidence import Citation
from openaudit.frameworks.components import final_parameters
from openaudit.frameworks.eosai.judged_bases import base_cite, judged_bases
from openaudit.frameworks.eosai.rated_levels import (
    Rated,
    between,
    concluded,
    not_found,
    stated,
    worst,
)
from openaudit.frameworks.terms import no_permission_gate
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.linked_weights import outside_weights
from openaudit.rubric.evaluators.undeclared_bases import implied_base, implied_repo
from openaudit.rubric.evaluators.weights import card_gate, delta_release, peft_adapter
from openaudit.verdict import Outcome
from openaudit.weight_formats import weight_files, weight_libraries

if TYPE_CHECKING:
    from openaudit.evidence import LinkedRepo


def weights_level(ctx: ProbeContext) -> Rated:
    found = final_parameters(ctx)
    if isinstance(found, Outcome):
        return not_found(found)
    if (delta := delta_release(ctx)) is not None:
        why = (f"{found[1]}, but only as delta weights to add to a base model's ({delta.said}):"
               " partial")  # fmt: skip
        return concluded("partial", why, delta.citation, *found[2])
    gate = no_permission_gate(ctx)
    if ctx.evidence.gated or ctx.evidence.access == "gated":
        rate = concluded if found[0] == "cited" else stated  # weights linked: read
        return rate("partial", f"{found[1]}, gated (EOSAI: gated is partial)", *gate.citations)
    key = card_gate(ctx) if ctx.evidence.source == "local" else None
    if key:
        why = f"{found[1]}; the card configures an access gate (`{key}`): gated is partial"
        return stated("partial", why, ctx.field(key), *found[2])
    if found[0] == "cited":
        return _linked_weights_level(ctx, found[1], found[2], gate)
    if (adapter := _adapter_level(ctx, found[1])) is not None:
        return adapter
    if gate.answer == "unknown":
        return between("partial", "open", f"{found[1]}; {gate.reason}", *found[2])
    return stated("open", f"{found[1]}, not gated", *found[2], *gate.citations)


def _linked_weights_level(
    ctx: ProbeContext, what: str, cites: tuple[Citation, ...], gate: Outcome
) -> Rated:
    """Weights published outside the repo, as its card links them (inferred): a file
    linked for download is released; weights in other Hub repos (a pipeline's
    components) are released too, but whether those repos are gated was not read; nor
    is this repo's gate when the source does not say it."""
    outside = outside_weights(ctx)
    if outside is not None and outside.kind == "component":
        why = f"{what}; whether those repos are gated was not read"
        return between("partial", "open", why, *cites)
    if gate.answer == "unknown":
        return between("partial", "open", f"{what}; {gate.reason}", *cites)
    return concluded("open", f"{what}; the repository is not gated", *cites, *gate.citations)


def _adapter_level(ctx: ProbeContext, found: str) -> Rated | None:
    """A PEFT adapter's end model is the adapter applied to its base: had only through
    the base, so a gated base makes it partial (as delta weights are), and a base not
    looked up leaves it undecided. None when the weights are no adapter, or its base is
    not known or is freely available."""
    files = peft_adapter(ctx)
    if not files:
        return None
    bases = [r for r in ctx.evidence.base_models or ctx.evidence.implied_bases if r.depth == 1]
    gated = [r for r in bases if r.status == "gated" or r.gated]
    # a base the Hub did not show (missing, or private) cannot be had either way
    unread = [r for r in bases if r.status in ("error", "skipped", "not_found")]
    said = f"{found}, but only a PEFT adapter ({files[0].path}): the end model is it applied to"
    if gated:
        shown = ", ".join(r.repo_id for r in gated)
        why = f"{said} {shown}, which is gated: partial"
        return concluded("partial", why, ctx.file(files[0].path), *map(base_cite, gated))
    if unread:
        shown = ", ".join(r.repo_id for r in unread)
        missing = unread[0].status == "not_found"
        how = "the Hub does not show (missing, or private)" if missing else "was not looked up"
        why = f"{said} {shown}, which {how}"
        return between("partial", "open", why, ctx.file(files[0].path), *map(base_cite, unread))
    return None


def base_weights_level(ctx: ProbeContext) -> Rated:
    bases = judged_bases(ctx)
    if not bases and not ctx.metadata.get("base_model"):
        if implied := implied_base(ctx):
            said = f"no `base_model` is declared, but {implied.said}"
            repo = implied_repo(ctx, implied.name)
            if repo is None:
                why = f"{said}: not looked up"
                return between("closed", "open", why, ctx.field("base_model"), implied.citation)
            rated = _linked_weights(repo)
            cites = (ctx.field("base_model"), implied.citation, *rated.citations)
            return replace(rated, reason=f"{said}: {rated.reason}", citations=cites, inferred=True)
        rated = weights_level(ctx)
        return replace(rated, reason=f"no base model: {rated.reason}")
    if not bases:
        return between(
            "closed", "open", "the base model was not looked up", ctx.field("base_model")
        )
    return worst([_linked_weights(repo) for repo in bases])


def _linked_weights(repo: LinkedRepo) -> Rated:
    cite = base_cite(repo)
    if repo.status == "not_found":
        return stated("closed", f"base {repo.repo_id} is not on the Hub", cite)
    if repo.status in ("error", "skipped"):
        return between("closed", "open", f"base {repo.repo_id} was not looked up", cite)
    library = repo.card_data.get("library_name")
    libraries = weight_libraries(library if isinstance(library, str) else None, repo.tags)
    has = bool(weight_files(repo.files, libraries))
    if repo.status == "gated" or repo.gated:
        return stated("partial", f"base {repo.repo_id} is gated", cite)
    if not repo.files:
        return between("closed", "open", f"base {repo.repo_id}'s files were not listed", cite)
    if not has:
        return stated("closed", f"base {repo.repo_id} lists no weight files", cite)
    return stated("open", f"base {repo.repo_id} publishes weights, not gated", cite)
