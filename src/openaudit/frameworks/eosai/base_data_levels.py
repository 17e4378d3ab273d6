"""The EOSAI base model's data sources: the datasets its metadata declares, else what
its card's text names or describes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from openaudit.base_chain import base_ids as _as_ids
from openaudit.evidence import BaseCard, Citation
from openaudit.frameworks.components import dataset_state
from openaudit.frameworks.eosai.data_source_levels import dataset_level, named_off_hub
from openaudit.frameworks.eosai.judged_bases import base_cite, judged_bases
from openaudit.frameworks.eosai.rated_levels import Rated, between, concluded, worst
from openaudit.rubric.context import ProbeContext, dataset_licenses
from openaudit.rubric.evaluators.copies import linked_evidence
from openaudit.rubric.evaluators.evaluator_helpers import off_hub_names, unavailable_on_hub
from openaudit.rubric.evaluators.undeclared_bases import implied_base, implied_repo
from openaudit.rubric.evaluators.unnamed_bases import unnamed_base

if TYPE_CHECKING:
    from openaudit.evidence import LinkedRepo


def base_data_level(ctx: ProbeContext) -> Rated:
    bases = judged_bases(ctx)
    declared = ctx.metadata.get("base_model")
    if not bases and not declared:
        if implied := implied_base(ctx):
            said = f"no `base_model` is declared, but {implied.said}"
            if implied_repo(ctx, implied.name) is not None:  # judged as a declared base is
                rated = base_data_level(ctx.implied_chain)
                cites = (ctx.field("base_model"), implied.citation, *rated.citations)
                return replace(
                    rated, reason=f"{said}: {rated.reason}", citations=cites, inferred=True
                )
            why = f"{said}: the base model's data sources are not shared in what was read"
            return concluded("closed", why, ctx.field("base_model"), implied.citation)
        if (unnamed := unnamed_base(ctx)) is not None:
            why = f"{unnamed.reason}: the base model's data sources are not shared"
            return concluded("closed", why, *unnamed.citations)
        return dataset_level(ctx, "no base model, this model's data")
    field = (ctx.field("base_model", declared),) if declared else ()
    read = [repo for repo in bases if repo.status in ("ok", "gated")]
    unread = [repo for repo in bases if repo not in read]
    if not read:
        shown = (
            ", ".join(_unread_base(repo) for repo in unread) or "the base model was not looked up"
        )
        cites = (*field, *(base_cite(repo) for repo in unread))
        if bases and all(repo.status == "not_found" for repo in bases):
            # The card names a base that is not on the Hub and shares none of its data
            # sources: what was read does not share them (inferred).
            why = f"{shown}: the base model's data sources are not shared in what was read"
            return concluded("closed", why, *cites)
        why = f"{shown}: nothing was read about the base model's data sources"
        if ctx.evidence.source == "local":
            why += " (an audit of a local folder looks up no base model, nor its card)"
        return between("closed", "open", why, *cites)
    also = "".join(f"; {_unread_base(repo)}" for repo in unread)
    declaring = [repo for repo in read if _as_ids(repo.card_data.get("datasets"))]
    silent = [repo for repo in read if repo not in declaring]
    named = [d for repo in declaring for d in _as_ids(repo.card_data.get("datasets"))]
    cites = (*field, *(_base_field(repo) for repo in declaring))
    if not silent:
        return base_datasets_level(ctx, list(dict.fromkeys(named)), also, cites)
    # a base whose metadata declares no datasets is judged by its card's text
    levels = [base_card_level(ctx, repo, field) for repo in silent]
    if declaring:
        levels.insert(0, base_datasets_level(ctx, list(dict.fromkeys(named)), "", cites))
    rated = levels[0] if len(levels) == 1 else worst(levels)
    return replace(rated, reason=rated.reason + also)


def _base_field(repo: LinkedRepo) -> Citation:
    return Citation(f"models:{repo.repo_id}:card:datasets", None)


def base_card_level(ctx: ProbeContext, repo: LinkedRepo, field: tuple[Citation, ...]) -> Rated:
    """A base whose metadata declares no datasets, judged by its card's text with the rule
    for a model's own data (`dataset_level`): partial when it names or describes its
    training data, closed when it does neither (inferred: a reading of the base's card);
    undecided only when the card's text could not be read."""
    cites = (*field, _base_field(repo))
    card = next((c for c in ctx.evidence.base_cards or () if c.repo_id == repo.repo_id), None)
    if card is None or card.text is None:
        why = (f"base {repo.repo_id} declares no datasets in its metadata, and its card's "
               f"text {_card_unread(ctx, repo, card)}")  # fmt: skip
        return between("closed", "open", why, *cites, base_cite(repo))
    read = card
    rated = ctx.cached(("eosai", "base card", repo.repo_id), lambda: _read_card(ctx, repo, read))
    return replace(rated, citations=(*field, *rated.citations))


def _card_unread(ctx: ProbeContext, repo: LinkedRepo, card: BaseCard | None) -> str:
    """Why a base model's card text is not in the evidence."""
    if repo.status == "gated":
        return "could not be read: the base is gated"
    if card is not None:
        return f"could not be read ({card.problem or 'no text'})"
    if ctx.evidence.base_cards is not None:
        return "was not read"
    if ctx.evidence.source == "local":
        return "was not read (an audit of a local folder reads no base model cards)"
    return ("was not read (this evidence holds no base model cards: a metadata dump, or "
            "evidence saved by an older openaudit)")  # fmt: skip


def _read_card(ctx: ProbeContext, repo: LinkedRepo, card: BaseCard) -> Rated:
    """The base's data sources as its card's text shows them, cited in the base's repo."""
    base = linked_evidence(ctx.evidence, repo, sha=card.sha, readme=card.text)
    rated = dataset_level(ProbeContext(base), f"base {repo.repo_id}'s card")
    cites = tuple(replace(c, where=f"models:{repo.repo_id}:{c.where}") for c in rated.citations)
    return replace(rated, citations=cites, inferred=rated.low == rated.high)


@dataclass(frozen=True)
class _NamedData:
    """Datasets a base model's card declares, as the source looked them up."""

    states: list[tuple[str, str]]  # per dataset: (state, why), as dataset_state gives them
    repos: dict[str, LinkedRepo]  # lowercase id: the dataset repo looked up
    citations: tuple[Citation, ...]


def named_data(ctx: ProbeContext, names: list[str]) -> _NamedData:
    """The licence states of datasets named by a base model's card (looked up by the
    source as `base_datasets`, or as the model's own `datasets`)."""
    repos = {r.repo_id.lower(): r for r in (*ctx.evidence.base_datasets, *ctx.evidence.datasets)}
    licences = {d.repo_id.lower(): d for d in dataset_licenses(ctx.evidence, tuple(repos.values()))}
    states = [
        dataset_state(licences[name.lower()], "data")
        if name.lower() in licences
        else ("unknown", f"{name} was not looked up")
        for name in names
    ]
    cites = tuple(licences[n.lower()].citation for n in names if n.lower() in licences)
    return _NamedData(states, repos, cites)


def base_datasets_level(
    ctx: ProbeContext, names: list[str], also: str, cites: tuple[Citation, ...]
) -> Rated:
    """The datasets the base model declares, judged as this model's own: open when all
    are openly licensed and freely available, partial when named but not, undecided
    while some were not looked up."""
    data = named_data(ctx, names)
    states, repos = data.states, data.repos
    shown = "; ".join(why for _, why in states)
    why = f"the base model names {', '.join(names[:3])}: {shown}{also}"
    cites = (*cites, *data.citations)
    judged = [repo for name in names if (repo := repos.get(name.lower())) is not None]
    unavailable = [repo.repo_id for repo in judged if unavailable_on_hub(repo)]
    off_hub = off_hub_names(judged)
    if unavailable or off_hub or any(state in ("not_open", "custom") for state, _ in states):
        extra = f"; not freely available: {', '.join(unavailable)}" if unavailable else ""
        extra += named_off_hub(off_hub) if off_hub else ""
        return concluded("partial", f"{why}{extra}: shared, not all openly", *cites)
    if any(state == "unknown" for state, _ in states):
        return between("partial", "open", why, *cites)
    note = " (whether these are all the data used needs a person)"
    return concluded("open", f"{why}: shared under open licences{note}", *cites)


def _unread_base(repo: LinkedRepo) -> str:
    """Why a base model's card is not in the evidence."""
    if repo.status == "not_found":
        return f"base {repo.repo_id} is not on the Hub"
    return f"base {repo.repo_id} was not looked up ({repo.status})"
