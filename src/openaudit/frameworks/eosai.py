"""The European Open Source AI Index (EOSAI): open / partial / closed per dimension."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from openaudit import textsearch
from openaudit.base_chain import Chain, foundations
from openaudit.base_chain import base_ids as _as_ids
from openaudit.evidence import BaseCard, Citation
from openaudit.frameworks.components import (
    choice,
    data_section,
    dataset_state,
    datasets_licensed,
    final_parameters,
    no_datasets,
    topic_code,
    training_frameworks,
)
from openaudit.frameworks.license_openness import (
    graded,
)
from openaudit.frameworks.terms import (
    code_terms,
    no_permission_gate,
    stated_code_terms,
)
from openaudit.links import archived_paper, classify_link, published_paper, short_link
from openaudit.rubric.context import ProbeContext, dataset_licenses
from openaudit.rubric.evaluators.appended_cards import foreign_note, own_card
from openaudit.rubric.evaluators.code import (
    published_code_links,
    stated_code_osi,
)
from openaudit.rubric.evaluators.copies import DataCopy, copy_source, data_copy, linked_evidence
from openaudit.rubric.evaluators.data import (
    data_sources_named,
    shown_beyond,
    undeclared_training_data,
)
from openaudit.rubric.evaluators.datasheets import datasheet
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.documentation import (
    EVAL_SECTIONS,
    URL,
    card_substantive,
    cited_papers,
    evaluation_results,
    foreign_citations,
    model_papers,
    paper_linked,
    papers_by_role,
    report_files,
    unlinked_paper_tags,
)
from openaudit.rubric.evaluators.evaluator_helpers import (
    custom_base_licence,
    custom_licence,
    declared_datasets,
    definition_lines,
    licence_unreadable,
    link_cites,
    no_licence_grant,
    no_metadata,
    no_readme,
    off_hub_names,
    unavailable_on_hub,
    words,
)
from openaudit.rubric.evaluators.generic import best_section, matching_files
from openaudit.rubric.evaluators.linked_data import LinkedData, linked_data
from openaudit.rubric.evaluators.linked_weights import outside_weights
from openaudit.rubric.evaluators.model_configs import architecture_config
from openaudit.rubric.evaluators.undeclared_bases import implied_base, implied_repo
from openaudit.rubric.evaluators.unnamed_bases import unnamed_base
from openaudit.rubric.evaluators.weights import card_gate, delta_release, peft_adapter
from openaudit.rubric.framework_spec import Criterion, FrameworkSpec, outcome_of
from openaudit.rubric.registry import Param, evaluator
from openaudit.training_sections import (
    ARCHITECTURE_SECTION_NAMES,
    DATA_SECTION_NAMES,
    HARDWARE_SECTION_NAMES,
    TRAINING_RUN_SECTION_NAMES,
    TRAINING_SECTION_NAMES,
    TRAINING_TOPIC_NAMES,
    USAGE_SECTIONS,
)
from openaudit.verdict import Outcome
from openaudit.weight_formats import weight_files, weight_libraries

if TYPE_CHECKING:
    from collections.abc import Iterator

    from openaudit.card import Card, Section
    from openaudit.evidence import LinkedRepo
    from openaudit.licenses import LicenseFacts

Where = Literal["repo", "linked", "datasets"]
Found = tuple[Where, str, tuple[Citation, ...]]  # where, what was found, citations
# --- EOSAI ---------------------------------------------------------------------------
# A dimension's evaluator returns the range of levels the evidence allows: decided
# when low == high, else `unknown` with what it is at least / at most. A dimension
# is two probes, "open?" (at_least: open) and "at least partial?" (at_least:
# partial): open answers yes/yes, partial yes/no, closed no/no, so two probes of
# equal weight score 1, 0.5 and 0 exactly as the index averages them.

EosaiLevel = Literal["closed", "partial", "open"]
EOSAI_RANK: dict[str, int] = {"closed": 0, "partial": 1, "open": 2}
EOSAI_POINTS = {"open": 1.0, "partial": 0.5, "closed": 0.0}


@dataclass(frozen=True)
class Rated:
    """The levels a dimension can have given the evidence, and why."""

    low: EosaiLevel
    high: EosaiLevel
    reason: str
    citations: tuple[Citation, ...] = ()
    inferred: bool = False  # decided by what a careful reader concludes, not stated

    @property
    def level(self) -> str:
        """The level when decided, else 'unknown'."""
        return self.low if self.low == self.high else "unknown"


def _rated(level: EosaiLevel, reason: str, *cites: Citation) -> Rated:
    return Rated(level, level, reason, cites)


def _concluded(level: EosaiLevel, reason: str, *cites: Citation) -> Rated:
    """A level a careful reader concludes from what was read (an inferred answer)."""
    return Rated(level, level, reason, cites, inferred=True)


def _between(low: EosaiLevel, high: EosaiLevel, reason: str, *cites: Citation) -> Rated:
    return Rated(low, high, reason, cites)


def _not_found(outcome: Outcome) -> Rated:
    """Closed when the evidence shows it is missing; anything when it was not read."""
    if outcome.answer == "no":
        return Rated("closed", "closed", outcome.reason, outcome.citations, outcome.inferred)
    return _between("closed", "open", outcome.reason)


def _weights_level(ctx: ProbeContext) -> Rated:
    found = final_parameters(ctx)
    if isinstance(found, Outcome):
        return _not_found(found)
    if (delta := delta_release(ctx)) is not None:
        why = (f"{found[1]}, but only as delta weights to add to a base model's ({delta.said}):"
               " partial")  # fmt: skip
        return _concluded("partial", why, delta.citation, *found[2])
    gate = no_permission_gate(ctx)
    if ctx.evidence.gated or ctx.evidence.access == "gated":
        rate = _concluded if found[0] == "cited" else _rated  # weights linked: read
        return rate("partial", f"{found[1]}, gated (EOSAI: gated is partial)", *gate.citations)
    key = card_gate(ctx) if ctx.evidence.source == "local" else None
    if key:
        why = f"{found[1]}; the card configures an access gate (`{key}`): gated is partial"
        return _rated("partial", why, ctx.field(key), *found[2])
    if found[0] == "cited":
        return _linked_weights_level(ctx, found[1], found[2], gate)
    if (adapter := _adapter_level(ctx, found[1])) is not None:
        return adapter
    if gate.answer == "unknown":
        return _between("partial", "open", f"{found[1]}; {gate.reason}", *found[2])
    return _rated("open", f"{found[1]}, not gated", *found[2], *gate.citations)


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
        return _between("partial", "open", why, *cites)
    if gate.answer == "unknown":
        return _between("partial", "open", f"{what}; {gate.reason}", *cites)
    return _concluded("open", f"{what}; the repository is not gated", *cites, *gate.citations)


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
        return _concluded("partial", why, ctx.file(files[0].path), *map(_base_cite, gated))
    if unread:
        shown = ", ".join(r.repo_id for r in unread)
        missing = unread[0].status == "not_found"
        how = "the Hub does not show (missing, or private)" if missing else "was not looked up"
        why = f"{said} {shown}, which {how}"
        return _between("partial", "open", why, ctx.file(files[0].path), *map(_base_cite, unread))
    return None


def _judged_bases(ctx: ProbeContext) -> list[LinkedRepo]:
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


def _on_foundation(ctx: ProbeContext, rated: Rated) -> Rated:
    """`rated` saying which model it judged when that is not the declared base."""
    deeper = [chain for _, chain in _foundations(ctx) if len(chain) > 1]
    if not deeper:
        return rated
    shown = "; ".join(f"{chain[-1]} (base chain {' -> '.join(chain)})" for chain in deeper)
    return replace(rated, reason=f"judged the pretrained foundation {shown}: {rated.reason}")


def _base_weights_level(ctx: ProbeContext) -> Rated:
    bases = _judged_bases(ctx)
    if not bases and not ctx.metadata.get("base_model"):
        if implied := implied_base(ctx):
            said = f"no `base_model` is declared, but {implied.said}"
            repo = implied_repo(ctx, implied.name)
            if repo is None:
                why = f"{said}: not looked up"
                return _between("closed", "open", why, ctx.field("base_model"), implied.citation)
            rated = _linked_weights(repo)
            cites = (ctx.field("base_model"), implied.citation, *rated.citations)
            return replace(rated, reason=f"{said}: {rated.reason}", citations=cites, inferred=True)
        rated = _weights_level(ctx)
        return replace(rated, reason=f"no base model: {rated.reason}")
    if not bases:
        return _between(
            "closed", "open", "the base model was not looked up", ctx.field("base_model")
        )
    return _worst([_linked_weights(repo) for repo in bases])


def _worst(levels: list[Rated]) -> Rated:
    """The level of the least open of several bases, whatever their order.

    Each base's level lies in its [low, high], so the least open lies between the
    lowest low and the lowest high; every base's reason and citations are kept.
    """
    low = min((r.low for r in levels), key=EOSAI_RANK.__getitem__)
    high = min((r.high for r in levels), key=EOSAI_RANK.__getitem__)
    reason = "; ".join(r.reason for r in levels)
    cites = tuple(c for r in levels for c in r.citations)
    return Rated(low, high, reason, cites, inferred=any(r.inferred for r in levels))


def _linked_weights(repo: LinkedRepo) -> Rated:
    cite = _base_cite(repo)
    if repo.status == "not_found":
        return _rated("closed", f"base {repo.repo_id} is not on the Hub", cite)
    if repo.status in ("error", "skipped"):
        return _between("closed", "open", f"base {repo.repo_id} was not looked up", cite)
    library = repo.card_data.get("library_name")
    libraries = weight_libraries(library if isinstance(library, str) else None, repo.tags)
    has = bool(weight_files(repo.files, libraries))
    if repo.status == "gated" or repo.gated:
        return _rated("partial", f"base {repo.repo_id} is gated", cite)
    if not repo.files:
        return _between("closed", "open", f"base {repo.repo_id}'s files were not listed", cite)
    if not has:
        return _rated("closed", f"base {repo.repo_id} lists no weight files", cite)
    return _rated("open", f"base {repo.repo_id} publishes weights, not gated", cite)


def _dataset_level(ctx: ProbeContext, scope: str, *, sources: bool = True) -> Rated:
    """The data sources of this model: open when named and openly available; partial
    when only named (also as public corpora, with `sources`) or described; closed when
    the card shares nothing about them."""
    names = declared_datasets(ctx)
    linked = None if names else linked_data(ctx)
    if linked is not None and (linked.repos or ctx.evidence.linked_datasets is not None):
        return _linked_data_level(ctx, scope, linked)
    if not names:
        corpora = data_sources_named(ctx, DATA_SECTION_NAMES) if sources else None
        if corpora is not None and corpora.answer == "yes":
            # Hub datasets not looked up (a base model's card, a local folder, a dump)
            # are named at least; whether openly is not known
            shown = (
                f"linked as Hub datasets, not looked up ({linked.unread_why})"
                if linked is not None
                else "named, but not published as datasets"
            )
            why = f"{scope}: {corpora.reason}; {shown}"
            return _concluded("partial", why, *corpora.citations)
        if described := data_section(ctx):
            section = described.sections[0]
            why = f"{scope}: data described in '{section.title}' but no datasets named"
            rate = _rated if described.whole else _concluded  # sentences picked by reading
            return rate("partial", why, *map(ctx.section, described.sections))
        if (sheet := datasheet(ctx)) is not None:  # it documents the data sources
            why = f"{scope}: data described in {sheet.reason}, but no datasets named"
            return _concluded("partial", why, *sheet.citations)
        if not sources and (named := data_sources_named(ctx, DATA_SECTION_NAMES)).answer == "yes":
            why = f"{scope}: {named.reason}; named, but not documented"
            return _concluded("closed", why, *named.citations)
        if not ctx.metadata_known:
            unread = no_metadata(ctx)
            return _between("closed", "open", f"{scope}: {unread.reason}", *unread.citations)
        if not ctx.readme_read:
            return _between("closed", "open", f"{scope}: {no_readme(ctx).reason}")
        why = (
            f"{scope}: no training data named or described (no datasets declared or linked,"
            " no data section or data sentence in the card)"
        )
        return _concluded("closed", why, ctx.readme())
    found = datasets_licensed(ctx, f"{scope}: {', '.join(names[:3])}", "data")
    if (not_open := _not_shown_open(found, ctx.evidence.datasets, _rated)) is not None:
        return not_open
    if found.answer == "unknown":
        return _between("partial", "open", found.reason, *found.citations)
    if beyond := undeclared_training_data(ctx):  # named as training data, not declared
        why = (f"{found.reason}; but the card names more training data than it declares: "
               f"{shown_beyond(beyond)}")  # fmt: skip
        return _concluded("partial", why, *found.citations, ctx.readme())
    return _rated("open", found.reason, *found.citations)


def _named_off_hub(names: list[str]) -> str:
    """What a reason adds for bare dataset names the Hub does not resolve."""
    return f"; named, not Hub datasets, so not shown openly available: {', '.join(names[:6])}"


def _not_shown_open(
    found: Outcome, repos: Sequence[LinkedRepo], rate: Callable[..., Rated]
) -> Rated | None:
    """Partial when the datasets are not shown open: a licence that is not open, or a
    dataset gated or an `owner/name` id missing from the Hub (not freely available;
    `rate` says on what basis), or a bare name the Hub does not resolve (named data off
    the Hub, inferred). None otherwise: a dataset not looked up (skipped, error) is
    undecided and only widens the range."""
    gated = [r.repo_id for r in repos if unavailable_on_hub(r)]
    if found.answer == "no" or gated:
        extra = f"; not freely available: {', '.join(gated)}" if gated else ""
        return rate("partial", found.reason + extra, *found.citations)
    if off_hub := off_hub_names(repos):
        return _concluded("partial", found.reason + _named_off_hub(off_hub), *found.citations)
    return None


def _linked_data_level(ctx: ProbeContext, scope: str, linked: LinkedData) -> Rated:
    """Hub datasets the card links as its training data, judged as declared ones are
    (open when all are openly licensed and freely available, partial when not, undecided
    while some were not looked up), as a reader's conclusion: the card links them, its
    metadata does not declare them."""
    found = datasets_licensed(ctx, f"{scope}: {linked.scope()}", "data", linked)
    if (not_open := _not_shown_open(found, linked.repos, _concluded)) is not None:
        return not_open
    if undeclared_training_data(ctx, linked.names):  # named, not published as datasets
        why = f"{found.reason}: shared, not all as datasets"
        return _concluded("partial", why, *found.citations)
    if found.answer == "unknown":
        return _between("partial", "open", found.reason, *found.citations)
    return _concluded("open", found.reason, *found.citations)


def _base_data_level(ctx: ProbeContext) -> Rated:
    bases = _judged_bases(ctx)
    declared = ctx.metadata.get("base_model")
    if not bases and not declared:
        if implied := implied_base(ctx):
            said = f"no `base_model` is declared, but {implied.said}"
            if implied_repo(ctx, implied.name) is not None:  # judged as a declared base is
                rated = _base_data_level(ctx.implied_chain)
                cites = (ctx.field("base_model"), implied.citation, *rated.citations)
                return replace(
                    rated, reason=f"{said}: {rated.reason}", citations=cites, inferred=True
                )
            why = f"{said}: the base model's data sources are not shared in what was read"
            return _concluded("closed", why, ctx.field("base_model"), implied.citation)
        if (unnamed := unnamed_base(ctx)) is not None:
            why = f"{unnamed.reason}: the base model's data sources are not shared"
            return _concluded("closed", why, *unnamed.citations)
        return _dataset_level(ctx, "no base model, this model's data")
    field = (ctx.field("base_model", declared),) if declared else ()
    read = [repo for repo in bases if repo.status in ("ok", "gated")]
    unread = [repo for repo in bases if repo not in read]
    if not read:
        shown = (
            ", ".join(_unread_base(repo) for repo in unread) or "the base model was not looked up"
        )
        cites = (*field, *(_base_cite(repo) for repo in unread))
        if bases and all(repo.status == "not_found" for repo in bases):
            # The card names a base that is not on the Hub and shares none of its data
            # sources: what was read does not share them (inferred).
            why = f"{shown}: the base model's data sources are not shared in what was read"
            return _concluded("closed", why, *cites)
        why = f"{shown}: nothing was read about the base model's data sources"
        if ctx.evidence.source == "local":
            why += " (an audit of a local folder looks up no base model, nor its card)"
        return _between("closed", "open", why, *cites)
    also = "".join(f"; {_unread_base(repo)}" for repo in unread)
    declaring = [repo for repo in read if _as_ids(repo.card_data.get("datasets"))]
    silent = [repo for repo in read if repo not in declaring]
    named = [d for repo in declaring for d in _as_ids(repo.card_data.get("datasets"))]
    cites = (*field, *(_base_field(repo) for repo in declaring))
    if not silent:
        return _base_datasets_level(ctx, list(dict.fromkeys(named)), also, cites)
    # a base whose metadata declares no datasets is judged by its card's text
    levels = [_base_card_level(ctx, repo, field) for repo in silent]
    if declaring:
        levels.insert(0, _base_datasets_level(ctx, list(dict.fromkeys(named)), "", cites))
    rated = levels[0] if len(levels) == 1 else _worst(levels)
    return replace(rated, reason=rated.reason + also)


def _base_field(repo: LinkedRepo) -> Citation:
    return Citation(f"models:{repo.repo_id}:card:datasets", None)


def _base_card_level(ctx: ProbeContext, repo: LinkedRepo, field: tuple[Citation, ...]) -> Rated:
    """A base whose metadata declares no datasets, judged by its card's text with the rule
    for a model's own data (`_dataset_level`): partial when it names or describes its
    training data, closed when it does neither (inferred: a reading of the base's card);
    undecided only when the card's text could not be read."""
    cites = (*field, _base_field(repo))
    card = next((c for c in ctx.evidence.base_cards or () if c.repo_id == repo.repo_id), None)
    if card is None or card.text is None:
        why = (f"base {repo.repo_id} declares no datasets in its metadata, and its card's "
               f"text {_card_unread(ctx, repo, card)}")  # fmt: skip
        return _between("closed", "open", why, *cites, _base_cite(repo))
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
    rated = _dataset_level(ProbeContext(base), f"base {repo.repo_id}'s card")
    cites = tuple(replace(c, where=f"models:{repo.repo_id}:{c.where}") for c in rated.citations)
    return replace(rated, citations=cites, inferred=rated.low == rated.high)


@dataclass(frozen=True)
class _NamedData:
    """Datasets a base model's card declares, as the source looked them up."""

    states: list[tuple[str, str]]  # per dataset: (state, why), as dataset_state gives them
    repos: dict[str, LinkedRepo]  # lowercase id: the dataset repo looked up
    citations: tuple[Citation, ...]


def _named_data(ctx: ProbeContext, names: list[str]) -> _NamedData:
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


def _base_datasets_level(
    ctx: ProbeContext, names: list[str], also: str, cites: tuple[Citation, ...]
) -> Rated:
    """The datasets the base model declares, judged as this model's own: open when all
    are openly licensed and freely available, partial when named but not, undecided
    while some were not looked up."""
    data = _named_data(ctx, names)
    states, repos = data.states, data.repos
    shown = "; ".join(why for _, why in states)
    why = f"the base model names {', '.join(names[:3])}: {shown}{also}"
    cites = (*cites, *data.citations)
    judged = [repo for name in names if (repo := repos.get(name.lower())) is not None]
    unavailable = [repo.repo_id for repo in judged if unavailable_on_hub(repo)]
    off_hub = off_hub_names(judged)
    if unavailable or off_hub or any(state in ("not_open", "custom") for state, _ in states):
        extra = f"; not freely available: {', '.join(unavailable)}" if unavailable else ""
        extra += _named_off_hub(off_hub) if off_hub else ""
        return _concluded("partial", f"{why}{extra}: shared, not all openly", *cites)
    if any(state == "unknown" for state, _ in states):
        return _between("partial", "open", why, *cites)
    note = " (whether these are all the data used needs a person)"
    return _concluded("open", f"{why}: shared under open licences{note}", *cites)


def _end_data_level(ctx: ProbeContext) -> Rated:
    """This model's data sources; a quantisation's or conversion's are those of the model
    it copies (a careful reader's conclusion: inferred)."""
    copy = data_copy(ctx)
    own = _dataset_level(ctx, "this model's data")
    if copy is None:
        return own
    cites = (*copy.citations, *(_base_cite(repo) for repo in copy.bases))
    if copy.names:
        rated = _base_datasets_level(ctx, list(copy.names), "", cites)
        why = rated.reason.replace("the base model names", "which name", 1)
        return _merge_gaps(copy, replace(rated, reason=f"{copy.scope()}, {why}", inferred=True))
    if own.low != "closed":
        return own  # the card itself names or describes data
    # the copied models' cards, read as EOSAI's base data reads a base's (the Hub source
    # reads a copy's source card); undecided for one gated or unread, saying why
    levels = [_base_card_level(ctx, repo, copy.citations) for repo in copy.bases]
    rated = levels[0] if len(levels) == 1 else _worst(levels)
    inferred = rated.low == rated.high
    rated = replace(rated, reason=f"{copy.scope()}: {rated.reason}", inferred=inferred)
    return _merge_gaps(copy, rated)


def _merge_gaps(copy: DataCopy, rated: Rated) -> Rated:
    """A merge's data rated from the models it merges, at most partial when some of them
    declare no datasets or were not read (their data are not named in what was read)."""
    gaps = [f"{repo.repo_id} declares no datasets" for repo in copy.silent()]
    gaps += [f"merged model {name} was not read" for name in copy.missing]
    if not gaps:
        return rated

    def capped(level: EosaiLevel) -> EosaiLevel:
        return "partial" if level == "open" else level

    why = f"{rated.reason}; {'; '.join(gaps)}: not all of its data are named"
    return replace(rated, low=capped(rated.low), high=capped(rated.high), reason=why)


def _copied_data_licensed(ctx: ProbeContext, copy: DataCopy) -> Outcome:
    """The data licences of a quantisation or conversion: those of the datasets the model
    it copies declares (inferred)."""
    data = _named_data(ctx, list(copy.names))
    states = [state for state, _ in data.states]
    text = f"data: {copy.scope()}: " + "; ".join(why for _, why in data.states)
    cites = (*copy.citations, *data.citations)
    if any(state in ("not_open", "custom") for state in states):
        return Outcome.no(text, *cites, inferred=True)
    if any(state == "unknown" for state in states):
        return Outcome.unknown(text, *cites)
    return Outcome.yes(text, *cites, inferred=True)


def _unread_base(repo: LinkedRepo) -> str:
    """Why a base model's card is not in the evidence."""
    if repo.status == "not_found":
        return f"base {repo.repo_id} is not on the Hub"
    return f"base {repo.repo_id} was not looked up ({repo.status})"


def _base_cite(repo: LinkedRepo) -> Citation:
    """A citation of a base model repo as the source saw it."""
    return Citation(f"models:{repo.repo_id}", repo.status, f"https://huggingface.co/{repo.repo_id}")


def _trainingcode_level(ctx: ProbeContext) -> Rated:
    """Training code published: open when the data-processing code is published with it
    and the code is under an OSI-approved licence (what a reader of the card can see of
    the pipeline's completeness); partial when either is not shown (the index counts
    sparse code as partial). The index asks for data-processing, training and tuning
    code: data-processing code published without training code is sparse code, partial."""
    found = topic_code(ctx, "training_code")
    processing = topic_code(ctx, "preprocessing_code")
    if isinstance(found, Outcome):
        if isinstance(processing, Outcome):
            return _not_found(found)
        why = (f"{processing[1]}; {found.reason}: data-processing code alone is sparse "
               "code, which the index counts as partial")  # fmt: skip
        if found.answer == "unknown":
            return _between("partial", "open", why, *processing[2], *found.citations)
        return _concluded("partial", why, *processing[2], *found.citations)
    # in the repo: its files, or a library's training config (the library's code is off the Hub)
    terms = code_terms(ctx) if found[0] in ("repo", "read") else _linked_code_terms(ctx)
    if not isinstance(processing, Outcome) and terms.answer == "yes":
        why = (f"{found[1]}; {processing[1]}; {terms.reason}: the training and "
               "data-processing code is published under an OSI-approved licence")  # fmt: skip
        return _concluded("open", why, *found[2], *processing[2], *terms.citations)
    lacking = (
        ["no data-processing code is published with it"] if isinstance(processing, Outcome) else []
    )
    if terms.answer != "yes":
        lacking.append(f"its licence is not shown OSI-approved ({terms.reason})")
    why = (f"{found[1]}; partial: {'; '.join(lacking)} (the index counts sparse code as "
           "partial)")  # fmt: skip
    return _concluded("partial", why, *found[2], *terms.citations)


def _linked_code_terms(ctx: ProbeContext) -> Outcome:
    """The licence the card states for its linked code (its repo's licence is not read)."""
    links = published_code_links(ctx)
    stated = stated_code_terms(ctx, links)
    why = "no licence is stated for the linked code (its repository's licence is not read)"
    return stated or Outcome.unknown(why, *link_cites(links, 3))


def _code_docs_level(ctx: ProbeContext) -> Rated:
    code = _trainingcode_level(ctx)
    tools = training_frameworks(ctx) if code.high == "closed" else []
    run = _training_run(ctx) if tools else None
    if tools and run is not None:
        names = ", ".join(dict.fromkeys(str(link.target) for link in tools))
        why = (f"the card links the training framework it used ({names}) and documents how "
               f"it was run in '{run.title}'; the model's own training code is not published: "
               "partial")  # fmt: skip
        return _concluded("partial", why, *code.citations, ctx.section(run))
    if code.high == "closed":
        why = f"nothing to document: {code.reason}"
        return Rated("closed", "closed", why, code.citations, code.inferred)
    if code.level == "unknown":
        return _between("closed", "open", code.reason, *code.citations)
    run = _training_run(ctx)
    if code.low == "open" and run is not None:
        why = (f"the pipeline's code is published ({code.reason}) and the card documents "
               f"how it was run in '{run.title}': open")  # fmt: skip
        return _concluded("open", why, *code.citations, ctx.section(run))
    # sparse code, or code whose run the card does not document, is documented in part
    shown = "sparse code" if run is not None else "its documentation is not shown"
    why = f"code of the pipeline is published ({code.reason}); {shown}: partial"
    return _concluded("partial", why, *code.citations)


MIN_RUN_WORDS = 50  # a procedure of this many words, or a hyperparameters section


def _training_run(ctx: ProbeContext) -> Section | None:
    """The section documenting how training was run: its hyperparameters, or a training
    procedure of some length (a generated one-liner naming the method is not)."""
    card = own_card(ctx)
    found = card.find_section("Hyperparameters")  # "Training hyperparameters" too
    if found is not None:
        return found
    procedures = card.find_sections(*TRAINING_RUN_SECTION_NAMES)
    return next((s for s in procedures if words(card.section_text(s)) >= MIN_RUN_WORDS), None)


ARCH_FILES = ["config.json", "params.json", "*/config.json"]
ARCH_LABEL = re.compile(r"\barchitecture\b", re.IGNORECASE)
HARDWARE_LABEL = re.compile(
    r"\bhardware\b|\b(?:compute|training)\s+infrastructure\b"
    r"|^(?:training\s+)?(?:gpus?|tpus?|accelerators?|compute)$",
    re.IGNORECASE,
)
MAX_LABEL_WORDS = 4  # longer "labels" are sentences that happen to hold a colon
MIN_VALUE_WORDS = 3  # "8 A100s" says too little, as a 2-word section would


def _definition(ctx: ProbeContext, label: re.Pattern[str], not_running: bool = False) -> str | None:
    """The first card line defining a label like `label` with a substantive value; if
    `not_running`, none whose label or section is about running the model."""
    card = own_card(ctx)
    for section, text in _texts(card) if not_running else ((None, card.body),):
        if section is not None and _runs_in(card, section):
            continue
        for name, value in definition_lines(text):
            short = len(name.split()) <= MAX_LABEL_WORDS
            kept = not not_running or not about_running(name)
            if short and kept and label.search(name) and words(value) >= MIN_VALUE_WORDS:
                return f"{name}: {value}"[:120]
    return None


def _texts(card: Card) -> Iterator[tuple[Section | None, str]]:
    """The card body's text before its first heading, then each section's own text."""
    if not card.sections:
        yield None, card.body
        return
    before = card.sections[0].line - card.first_line  # the body lines above the heading
    yield None, "".join(card.body.splitlines(keepends=True)[: max(before, 0)])
    yield from ((section, section.text) for section in card.sections)


def _documented(
    ctx: ProbeContext, sections: list[str], label: re.Pattern[str]
) -> tuple[str, Citation] | None:
    """Where the card documents a topic: a section of 10+ words or a definition line."""
    section, count = best_section(ctx, sections)
    if section is not None and count >= 10:
        return f"'{section.title}'", ctx.section(section)
    line = _definition(ctx, label)
    return (f"'{line}'", ctx.readme(line)) if line else None


def _hardware_documented(ctx: ProbeContext) -> tuple[str, Citation, bool] | None:
    """Where the card documents the hardware training ran on: a section of 10+ words
    titled as hardware or compute, or a shorter one naming the accelerators, or a
    definition line labelled so; neither about
    running the model ("Hardware Requirements", "Recommended Hardware", "Compute your
    embeddings", a "Supported Hardware Compatibility" line, "Hardware" under
    "Inference"). The flag: found by a section's title (what it holds is concluded)."""
    card = own_card(ctx)
    found = [
        (card.section_words(section), section)
        for section in card.find_sections(*HARDWARE_SECTION_NAMES)
        if not _runs_in(card, section)
    ]
    count, section = max(found, key=lambda item: item[0], default=(0, None))
    if section is not None and count >= 10:
        return f"'{section.title}'", ctx.section(section), True
    # the template's terse "#### Hardware\n2048 x H100": short, but it names the accelerators
    for _, short in found:
        prose = " ".join(URL.sub(" ", short.text).split())
        if ACCELERATOR.search(prose) and not about_running(prose):
            return f"'{short.title}' ('{prose[:80]}')", ctx.section(short), True
    line = _definition(ctx, HARDWARE_LABEL, not_running=True)
    return (f"'{line}'", ctx.readme(line), False) if line else None


def _runs_in(card: Card, section: Section) -> bool:
    """Whether the section, or one enclosing it (not the card's title heading), is about
    running the model: titled as its usage or deployment, or with running words."""
    return any(
        card.title_matches(s, *USAGE_SECTIONS) or about_running(s.title)
        for s in card.section_path(section)
        if s is not card.title_section
    )


# Training hardware told in a sentence of a training section ("Trained on 512 H100 GPUs
# for 18 days", "Pretraining ran on a TPU v4-256 pod", "took 1.2M GPU hours on H800"):
# an accelerator's name, a count of accelerators or nodes, or accelerator hours. Not
# only GPUs and TPUs: Cerebras CS-2 systems (wafer-scale engines, Condor Galaxy), Graphcore
# IPUs, SambaNova RDUs, Grace Hopper superchips, Gaudi, Trainium and Ascend train models too.
# A name may take a plural "s" ("8 A100s").
ACCELERATOR = re.compile(
    r"\b(?:[AHV]100|H[28]00|H20|A[48]00|A6000|A40|A10G?|P100|T4|L40S?|L4|G[BH]?[12]00"
    r"|MI\d{3}X?|RTX\s?\d{4}|TPU[\s-]?v\d[\w-]*|Gaudi\s?\d?|Trainium\d?|Ascend\s?910\w?"
    r"|CS-[123]|WSE-?[123]|wafer[\s-]scale(?:\s+(?:engines?|systems?|clusters?))?"
    r"|Condor\s+Galaxy(?:[\s-]\d)?|Grace\s+Hopper|Graphcore|(?:Bow[\s-])?IPU(?:s|-POD\d*)?"
    r"|SambaNova|SN\d0L|RDUs?)s?\b"
    r"|\b\d[\d,.]*\s*[kKM]?\s*[x\u00d7]?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:GPUs|TPUs|accelerators|chips|superchips|nodes)\b"
    r"|\b(?:GPU|TPU|IPU|accelerator|chip|node)[- ]hours?\b",
    re.IGNORECASE,
)
# ... unless the sentence, title or label is about running the model ("runs on a single
# RTX 4090", "requires 24 GB of VRAM", "Hardware Requirements", "Recommended Hardware",
# "Supported Hardware Microarchitecture Compatibility", "Compute your embeddings": the
# verb) and not about training it; in the languages of training_sections too.
RUNNING_WORDS = re.compile(
    r"\b(?:inference|deploy\w*|serv(?:e|es|ed|ing)|runs?\s+(?:on|with|in)|running"
    r"|vram|memory|requires?|requirements?|recommend\w*|minimum|compatib\w*"
    r"|supported\s+(?:hardware|gpus?|devices?|platforms?|accelerators?)|fits?|quanti[sz]\w*"
    r"|compute\s+(?:your|the|a|an|its|their|our|this|these|those))\b"
    # German, French, Spanish
    r"|\b(?:\w*anforderungen|voraussetzungen|empfohlen\w*|inferenz|bereitstellung"
    r"|exigences|configuration\s+requise|recommandée?s?|inférence|déploiement"
    r"|requisitos|recomendad[oa]s?|inferencia|despliegue)\b"
    # Chinese, Japanese, Korean
    r"|推理|部署|要求|需求|推荐|推薦|最低|显存|顯存|兼容|相容|推論|デプロイ|要件|推奨|動作環境"
    r"|量子化|추론|배포|요구|권장|최소|호환|양자화",
    re.IGNORECASE,
)
TRAINING_WORDS = re.compile(
    r"\b(?:(?:pre-?|post-?)?train\w*|fine-?tun\w*|took|lasted"
    r"|vortrain\w*|feinabstimm\w*|entra[iî]n\w*|entrena\w*)\b"
    r"|训练|訓練|学習|微调|微調|학습|훈련",
    re.IGNORECASE,
)


def about_running(text: str) -> bool:
    """Whether a sentence, title or label is about running the model and not training it."""
    return RUNNING_WORDS.search(text) is not None and TRAINING_WORDS.search(text) is None


# The computing centre or cluster training ran on, named in prose ("trained on the
# Tier-1 supercomputer of ...") or linked (a centre's page whose address names its
# compute or HPC service): where training ran, if not on which accelerators.
COMPUTE_SITE = re.compile(
    r"\bsuper-?comput\w*|\bHPC\b|\bhigh[- ]performance\s+computing\b"
    r"|\bcomput(?:e|ing)\s+(?:cent(?:er|re)|cluster|facility)\b",
    re.IGNORECASE,
)
COMPUTE_ADDRESS = re.compile(r"(?:super)?comput(?:e|ing)|hpc", re.IGNORECASE)


def _training_sections(ctx: ProbeContext) -> tuple[Section, ...]:
    """The training sections and the sections inside them, but none on using the model
    (found once per model: the hardware and the computing-centre readers both ask)."""
    card = own_card(ctx)

    def training(section: Section) -> bool:
        path = card.section_path(section)
        return any(card.title_matches(s, *TRAINING_SECTION_NAMES) for s in path) and not any(
            card.title_matches(s, *USAGE_SECTIONS) for s in path
        )

    return ctx.cached(
        ("eosai", "training sections"), lambda: tuple(filter(training, card.sections))
    )


# The template's "Environmental Impact" block (hardware type, hours used, carbon emitted)
# is training's footprint: accelerators named there are training's.
FOOTPRINT_SECTIONS = ["Environmental Impact", "Carbon Emissions", "Carbon Footprint", "Emissions"]


def _training_hardware(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """The first sentence (or title) naming the accelerators training ran on: in a
    training section, a section inside one ("## Fine-tuning on Gaudi2") or a footprint
    section, or (any section but one on using the model) a sentence that says so
    ("the model was trained on 400 H100 GPUs"). Addresses are not read: a URL may name
    anything."""
    card = own_card(ctx)
    training = {id(section) for section in _training_sections(ctx)}
    for section in card.sections:
        path = card.section_path(section)
        told = id(section) in training or any(
            card.title_matches(s, *FOOTPRINT_SECTIONS) for s in path
        )
        if not told and any(card.title_matches(s, *USAGE_SECTIONS) for s in path):
            continue
        # (the text without its addresses is searched only when the section's own text
        # holds ACCELERATOR's needles: an address gives way to a space, adding none)
        if not ACCELERATOR.search(section.title) and not (
            textsearch.may_match(ACCELERATOR, section.text)
            and ACCELERATOR.search(textsearch.sub(URL, " ", section.text))
        ):
            continue
        for sentence in (section.title, *card.sentences(section.text).texts):
            prose = URL.sub(" ", sentence)
            if not ACCELERATOR.search(prose):
                continue
            if about_running(prose):
                continue
            if not told and not TRAINING_WORDS.search(prose):
                continue
            said = " ".join(prose.split())[:120]
            if sentence is section.title:
                return f"the section '{said}'", ctx.section(section)
            return f"'{said}' in '{section.title}'", ctx.section(section)
    return None


def _compute_site(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """A training section's sentence naming the computing centre or cluster training ran
    on, or its link to one: a page (no code, paper or Hub link) whose host or path names
    a compute, computing or HPC service ("vsc.example/compute", "hpc.example.edu")."""
    card = own_card(ctx)
    for section in _training_sections(ctx):
        for url in URL.findall(section.text) if textsearch.may_match(URL, section.text) else ():
            if classify_link(url)[0] != "other":
                continue
            split = urlsplit(url)
            parts = [*(split.hostname or "").split("."), *split.path.lower().split("/")]
            if any(COMPUTE_ADDRESS.fullmatch(part) for part in parts):
                return f"'{section.title}' links a computing centre ({url})", ctx.section(section)
        for sentence in card.sentences(textsearch.sub(URL, " ", section.text)).texts:
            if COMPUTE_SITE.search(sentence) and not RUNNING_WORDS.search(sentence):
                said = " ".join(sentence.split())[:120]
                return f"'{said}' in '{section.title}'", ctx.section(section)
    return None


HARDWARE_READ = (
    "no hardware or compute section, hardware line or training sentence names the accelerators"
)


def _hardware_level(ctx: ProbeContext) -> Rated:
    """The architecture and the training setup (hardware) documented. The dimension asks
    for the training setup: the architecture alone, which any config.json shows, is
    closed, also when a card section documents it (the index's ratings: see
    docs/rules.md, EOSAI); the hardware without the architecture partial; both open
    (inferred: their completeness is not shown). Hardware is documented in a definition
    line (stated), in its own section or a sentence of a training section naming the
    accelerators (inferred: a title says what a section is about, not what it holds),
    never in one on running the model ("Hardware Requirements"); a training section
    naming or linking only the computing centre it ran on is partial (inferred)."""
    configs = matching_files(ctx, ARCH_FILES)
    config = (f"{configs[0]} (architecture only)", ctx.file(configs[0])) if configs else None
    if config is None and (other := architecture_config(ctx)):  # a FunASR, SpeechBrain config
        config = (f"{other.where} (architecture only)", other.citations[0])
    if not ctx.readme_read:
        unread = no_readme(ctx)
        return _between("closed", "open", unread.reason, *unread.citations)
    arch = _documented(ctx, ARCHITECTURE_SECTION_NAMES, ARCH_LABEL) or config
    documented = _hardware_documented(ctx)
    hardware = documented[:2] if documented else None
    # a section's title says what it is about, not that it holds the training setup
    read = documented[2] if documented else (hardware := _training_hardware(ctx)) is not None
    site = _compute_site(ctx) if hardware is None else None
    found = [item for item in (arch, hardware or site) if item]
    cites = tuple(cite for _, cite in found)
    # closed for what the readers did not find: a reading of the card, not its word
    if not found:
        why = f"no architecture or hardware documentation ({HARDWARE_READ})"
        return _concluded("closed", why, ctx.readme())
    shown = ", ".join(what for what, _ in found)
    if site is not None:
        why = f"where training ran is told ({shown}), but not on what hardware"
        return _concluded("partial", why, *cites)
    if hardware is None:
        why = (
            f"architecture in {shown}, but the training setup (hardware) is undocumented"
            f" ({HARDWARE_READ})"
        )
        return _concluded("closed", why, *cites)
    if arch is None:
        rate = _concluded if read else _rated
        return rate("partial", f"hardware in {shown}; architecture undocumented", *cites)
    return _concluded("open", f"architecture and training hardware documented: {shown}", *cites)


def _preprint_level(ctx: ProbeContext) -> Rated:
    """A preprint of the model's own covers its data, training and tuning (open, as far as
    a card shows); papers linked only as references to other work cover none (closed).
    A report of its own that is not archived (on a blog, a project site, a PDF in a code
    repository, or shipped in the model's own repository as `technical_report.pdf`)
    shares the content but is no archived preprint: partial."""
    outcome = paper_linked(ctx)
    if outcome.answer != "yes":
        return _not_found(outcome)
    own = papers_by_role(ctx)[0] if model_papers(ctx) else []  # none: a tag, id or file
    if not own and not cited_papers(ctx) and not unlinked_paper_tags(ctx) and report_files(ctx):
        # the report is shown in the repository, not archived anywhere the card names
        why = (
            f"{outcome.reason}: the model's own report, shipped in the repository, not on a"
            " preprint server or with a DOI, so not archived: partial"
        )
        return _concluded("partial", why, *outcome.citations)
    if not own or cited_papers(ctx) or any(archived_paper(link.url) for link in own):
        why = f"{outcome.reason}: the model's own paper, an archived preprint"
        return _concluded("open", why, *outcome.citations)
    shortened = [link for link in own if short_link(link.url)]
    if shortened:
        # the report is shown, its archiving is not: what the card shows is partial
        why = (
            f"{outcome.reason}: the model's own report, on a short link ({shortened[0].url})"
            " that was not followed: a report is shown, not that it is archived (open if the"
            " link leads to a preprint server)"
        )
        return _concluded("partial", why, *outcome.citations)
    hosts = ", ".join(dict.fromkeys(urlsplit(link.url).netloc or link.url for link in own[:3]))
    if tagged := unlinked_paper_tags(ctx):  # "arXiv:2501.12948" in its citation block
        why = (
            f"{outcome.reason}: the model's own report, on {hosts}, and archived as the card's"
            f" paper tag {tagged[0]} names it"
        )
        return _concluded("open", why, *outcome.citations, ctx.api("tags", tagged[0]))
    why = (
        f"{outcome.reason}: the model's own report, but on {hosts}, not on a preprint server"
        " or with a DOI, so not archived: partial"
    )
    return _concluded("partial", why, *outcome.citations)


def _paper_level(ctx: ProbeContext) -> Rated:
    outcome = paper_linked(ctx)
    if outcome.answer == "no":
        why = f"{outcome.reason}: no paper to be peer-reviewed"
        return Rated("closed", "closed", why, outcome.citations, outcome.inferred)
    if outcome.answer == "unknown":
        return _between("closed", "open", outcome.reason, *outcome.citations)
    own = papers_by_role(ctx)[0] if model_papers(ctx) else []
    published = next(filter(None, (published_paper(link.url) for link in own)), None)
    if published:
        why = f"{outcome.reason}; it is published at {published}, a peer-reviewed venue"
        return _concluded("open", why, *outcome.citations)
    venue = textsearch.search(PEER_REVIEWED, _own_citations(ctx)) if ctx.readme_read else None
    if venue:
        why = f"{outcome.reason}; the card cites it as published ('{venue.group(0).strip()}')"
        return _concluded("open", why, *outcome.citations, ctx.readme(venue.group(0).strip()))
    why = f"{outcome.reason}; no venue is named for it, so only a preprint is shown"
    return _concluded("closed", why, *outcome.citations)


def _own_citations(ctx: ProbeContext) -> str:
    """The card body without the citation blocks of other works ("Cite DPO as:")."""
    body, kept, at = own_card(ctx).body, [], 0
    for start, end in foreign_citations(ctx):
        kept.append(body[at:start])
        at = end
    return "".join([*kept, body[at:]])


# A citation of the model's paper as peer-reviewed: a BibTeX proceedings or journal entry,
# or "Proceedings of ...". arXiv journals ("arXiv preprint", "CoRR") are preprints.
PEER_REVIEWED = re.compile(
    r"@inproceedings\b|\bbooktitle\s*=|\bProceedings of the\b"
    r"|\bjournal\s*=\s*[{\"](?!\s*(?:arxiv|corr|preprint))",
    re.IGNORECASE,
)
CARD_TOPICS = {
    "architecture": ARCHITECTURE_SECTION_NAMES,
    "training": TRAINING_TOPIC_NAMES,
    "evaluation": EVAL_SECTIONS,  # the sections the default rubric reads results from
}
MIN_TOPIC_WORDS = 20


# A hyperparameter of the architecture given with its value, either way round ("32
# layers", "hidden size 4096", "| Attention heads | 32 |"): a dense sentence of them says
# as much as a longer paragraph or a table.
ARCH_TERMS = (
    r"layers|blocks|(?:attention\s+|kv\s+|query\s+)?heads|experts"
    r"|(?:hidden|embedding|model|intermediate|feed-?forward|ffn)\s+(?:size|dim\w*)|d_model"
    r"|vocab\w*(?:\s+size)?|context\s+(?:length|window|size)"
)
ARCH_FACT = re.compile(
    rf"\b\d[\d,.]{{0,12}}[kKM]?[ \t]*(?:[a-z-]+[ \t]+)?({ARCH_TERMS})\b"
    rf"|\b({ARCH_TERMS})\b[^\n\d]{{0,15}}\d",
    re.IGNORECASE,
)
MIN_ARCH_FACTS = 3


def _covers(ctx: ProbeContext, topic: str) -> bool:
    """The card has a substantive section on `topic`; the architecture may also be given
    as a definition line ("**Model Architecture:** a decoder-only transformer ...") or as
    three hyperparameters with their values in a section on it, however few its words."""
    if best_section(ctx, CARD_TOPICS[topic])[1] >= MIN_TOPIC_WORDS:
        return True
    if topic != "architecture":
        return False
    return _definition(ctx, ARCH_LABEL) is not None or any(
        _arch_facts(section.text) >= MIN_ARCH_FACTS
        for section in own_card(ctx).find_sections(*ARCHITECTURE_SECTION_NAMES)
    )


def _arch_facts(text: str) -> int:
    """How many distinct architecture hyperparameters the text gives with a value."""
    found = {
        " ".join((match.group(1) or match.group(2)).lower().split())
        for match in textsearch.finditer(ARCH_FACT, text)
    }
    return len(found)


def _modelcard_level(ctx: ProbeContext) -> Rated:
    card = card_substantive(ctx, 150, 0.5)
    if card.answer != "yes":
        return _not_found(card)
    covered = [topic for topic in CARD_TOPICS if _covers(ctx, topic)]
    # The Hub renders `model-index` results on the card as its evaluation section.
    indexed = ctx.metadata.get("model-index") and evaluation_results(ctx).answer == "yes"
    if "evaluation" not in covered and indexed:
        covered = [t for t in CARD_TOPICS if t in covered or t == "evaluation"]
    missing = [t for t in CARD_TOPICS if t not in covered]
    if missing:
        why = f"{card.reason}; no substantive section on {', '.join(missing)}"
        return _rated("partial", why, *card.citations)
    return _rated("open", f"{card.reason}; covers {', '.join(covered)}", *card.citations)


def _datasheet_level(ctx: ProbeContext) -> Rated:
    """The data documentation; a copy's, when its own card has none, its source's (a
    copy is the model it copies: inferred, naming the source)."""
    own = _own_datasheet_level(ctx)
    if own.high != "closed" or (source := copy_source(ctx)) is None:
        return own
    found = _datasheet_level(source.ctx)
    if found.low == "closed":
        return own
    cites = source.cited(found.citations)
    return replace(found, reason=source.says(found.reason), citations=cites, inferred=True)


def _own_datasheet_level(ctx: ProbeContext) -> Rated:
    if (sheet := datasheet(ctx)) is not None:
        return _concluded("open", sheet.reason, *sheet.citations)
    rated = _dataset_level(ctx, "data documentation", sources=False)  # naming is not documenting
    if rated.low == "closed":  # closed, or nothing read that could document the data
        return rated
    why = "data documented, but no datasheet or AI Act summary is shown: partial"
    return _concluded("partial", f"{why} ({rated.reason})", *rated.citations)


def _licence_outcome(ctx: ProbeContext, part: str) -> Outcome:
    """Whether the code or data licence is open (yes), not (no) or unknown."""
    if part == "code":
        return _own_code_terms(ctx)
    if declared_datasets(ctx):
        return datasets_licensed(ctx, "data", "data")
    if (copy := data_copy(ctx)) is not None and copy.names:
        return _copied_data_licensed(ctx, copy)
    if (linked := linked_data(ctx)) is not None:
        return datasets_licensed(ctx, f"data: {linked.scope()}", "data", linked)
    return no_datasets(ctx)


def _own_code_terms(ctx: ProbeContext) -> Outcome:
    """The licence of the model's own code; a library integration is not the model's code,
    so a model whose only code is one has no code under an open licence."""
    terms = code_terms(ctx)
    if terms.answer != "unknown" or not ctx.readme_read or _own_code_published(ctx):
        return terms
    name, cite = declared_library(ctx)
    if not name:
        return terms
    why = f"no code of the model's own is published (only the {name} library integration)"
    return Outcome.no(why, cite, inferred=True)


def _licenses_level(ctx: ProbeContext) -> Rated:
    """The index's licence stance: open only when weights, code and data are all openly
    licensed; partial for open weights with code or data openly licensed too, and for
    non-commercial or custom terms; closed for open weights alone and for use-restricted,
    proprietary, unknown or unstated licences."""
    report = ctx.license
    cites = tuple(claim.citation for claim in report.claims) or (ctx.field("license"),)
    facts = ctx.effective_license or report.facts
    if facts is None:
        if (custom := custom_licence(ctx)) is not None:
            return _concluded("partial", f"weights: {custom}", *cites)
        if (nothing := no_licence_grant(ctx)) is not None:
            return _concluded("closed", f"weights: {nothing}", *cites)
        if unreadable := licence_unreadable(ctx):
            return _between("closed", "open", unreadable.reason, *unreadable.citations)
        return _rated("closed", "no licence is stated: unstated licences are closed", *cites)
    if (custom_base := custom_base_licence(ctx)) is not None:
        # a base's custom licence flows down: custom terms, as the model's own would be
        bases = tuple(base.citation for base in ctx.lineage.custom)
        return _concluded("partial", f"weights: {custom_base}", *cites, *bases)
    if ctx.lineage.inferred and facts is not report.facts:
        # the bases' terms concluded from their licence name or gate text
        bases = tuple(base.citation for base in ctx.lineage.inferred)
        rated = _licenses_level_of(ctx, facts, (*cites, *bases))
        why = f"{rated.reason} (inferred: {ctx.lineage.inferred_reason()})"
        return replace(rated, reason=why, inferred=True)
    rated = _licenses_level_of(ctx, facts, cites)
    # terms read from the licence's name or gate text: a careful reader's conclusion
    return replace(rated, inferred=True) if report.inferred else rated


def _licenses_level_of(
    ctx: ProbeContext, facts: LicenseFacts, cites: tuple[Citation, ...]
) -> Rated:
    """The licences dimension once the weights' terms (`facts`) are known."""
    if facts.family == "restricted":
        return _restricted_weights(ctx, facts, cites)
    if facts.family in ("proprietary", "unknown"):
        return _rated("closed", f"weights under '{facts.id}' ({facts.family})", *cites)
    if facts.family == "non-commercial":
        return _rated("partial", f"weights under '{facts.id}' (non-commercial)", *cites)
    parts = {part: _licence_outcome(ctx, part) for part in ("code", "data")}
    shown = ", ".join(f"{part} {_open_word(o)}" for part, o in parts.items())
    copy = data_copy(ctx)
    if copy is not None and copy.names:
        shown = f"{shown} (data: {copy.scope()})"
    more = tuple(c for o in parts.values() for c in o.citations)
    if all(o.answer == "yes" for o in parts.values()):
        return _rated("open", f"weights under '{facts.id}'; {shown}", *cites, *more)
    # "partial = at least two of these partly open; closed = unclear or none open": code
    # or data published, under a licence not open or not read, is partly open; open
    # weights alone (no code of the model's own, no datasets declared) are closed.
    copied = copy is not None and bool(copy.names)
    data = bool(declared_datasets(ctx)) or copied or linked_data(ctx) is not None
    published = {"code": _own_code_published(ctx), "data": data}
    unsure = any(o.answer == "unknown" or o.inferred for o in parts.values())
    rated = _concluded if unsure else _rated
    if any(o.answer != "no" or published[part] for part, o in parts.items()):
        why = f"weights under '{facts.id}' (open); {shown}: not all three openly licensed"
        return rated("partial", why, *cites, *more)
    why = (f"weights under '{facts.id}' (open); {shown}: only the weights are openly licensed, "
           "no code of the model's own or declared datasets are published")  # fmt: skip
    return _concluded("closed", why, *cites, *more)


def _restricted_weights(
    ctx: ProbeContext, facts: LicenseFacts, cites: tuple[Citation, ...]
) -> Rated:
    """Weights under use-restricted terms are partly open: with code of the model's own
    under a licence the card states OSI-approved (stated_code_osi, as MOF and OSAID read
    it), two parts are at least partly open, partial; else closed."""
    weights = f"weights under '{facts.id}' (restricted)"
    if not _own_code_published(ctx):
        return _rated("closed", weights, *cites)
    code = stated_code_osi(ctx, "its code") if ctx.readme_read else None
    if code is not None and code.answer == "yes":
        why = f"{weights}; code open ({code.reason}): two parts at least partly open"
        return _rated("partial", why, *cites, *code.citations)
    shown = code.reason if code is not None else "the card states no licence for its code"
    why = f"{weights}; its code is not shown openly licensed ({shown}): only one part partly open"
    return _rated("closed", why, *cites, *(code.citations if code is not None else ()))


def _own_code_published(ctx: ProbeContext) -> bool:
    """Code of the model's own is in the repo or linked from the card."""
    return bool(matching_files(ctx, ["*.py"])) or bool(
        ctx.readme_read and published_code_links(ctx)
    )


def _open_word(outcome: Outcome) -> str:
    return {"yes": "open", "no": "not open"}.get(outcome.answer, "not shown open")


DIMENSIONS = {
    "datasources_basemodel": lambda ctx: _on_foundation(ctx, _base_data_level(ctx)),
    "datasources_endmodel": _end_data_level,
    "weights_basemodel": lambda ctx: _on_foundation(ctx, _base_weights_level(ctx)),
    "weights_endmodel": _weights_level,
    "trainingcode": _trainingcode_level,
    "code": _code_docs_level,
    "hardware_architecture": _hardware_level,
    "preprint": _preprint_level,
    "paper": _paper_level,
    "modelcard": _modelcard_level,
    "datasheet": _datasheet_level,
    "licenses": _licenses_level,
}


# End-model dimensions read from this release's own card: another model's card appended
# to it (a fine-tune's base's) is not read, and their reasons say so.
OWN_CARD_DIMENSIONS = frozenset(
    {"datasources_endmodel", "hardware_architecture", "modelcard", "datasheet"}
)


def eosai_rating(ctx: ProbeContext, dimension: str) -> Rated:
    """The range of levels one EOSAI dimension can have, from the evidence."""

    def rate() -> Rated:
        rated = DIMENSIONS[dimension](ctx)
        if dimension in OWN_CARD_DIMENSIONS and (note := foreign_note(ctx)):
            return replace(rated, reason=rated.reason + note, inferred=True)
        return rated

    # each dimension is two probes (open? at least partial?): rate it once per audit
    return ctx.cached(("eosai", dimension), rate)


@evaluator(
    "eosai_dimension",
    params={
        "dimension": Param("str", doc="EOSAI dimension id (weights_endmodel, licenses, ...)"),
        "at_least": Param("str", doc="the level asked about: open or partial"),
    },
    reads=(
        "files",
        "README.md",
        "api:gated",
        "card:*",
        "datasets:<id>",
        "models:<base>",
        "models:<base>:README.md",
    ),
    doc="The EOSAI dimension is rated at least AT_LEAST; graded with the dimension's level.",
    check=lambda p: (
        choice("dimension", tuple(DIMENSIONS))(p) or choice("at_least", ("open", "partial"))(p)
    ),
)
def eosai_dimension(ctx: ProbeContext, dimension: str, at_least: str) -> Outcome:
    """Is the dimension rated at least `at_least`? Graded with its level."""
    rated = eosai_rating(ctx, dimension)
    wanted = EOSAI_RANK[at_least]
    shown = rated.low if rated.low == rated.high else f"between {rated.low} and {rated.high}"
    text = f"{shown}: {rated.reason}"
    if EOSAI_RANK[rated.low] >= wanted:
        outcome = Outcome.yes(text, *rated.citations)
    elif EOSAI_RANK[rated.high] < wanted:
        outcome = Outcome.no(text, *rated.citations)
    else:
        outcome = Outcome.unknown(text, *rated.citations)
    if rated.inferred and outcome.answer != "unknown":
        outcome = outcome.as_inferred()
    return graded(outcome, rated.level)


# EOSAI --------------------------------------------------------------------------------------


def _bounds(open_answer: str, partial_answer: str) -> tuple[str, str]:
    """The lowest and highest level two answers allow (open?, at least partial?)."""
    low = "open" if open_answer == "yes" else "partial" if partial_answer == "yes" else "closed"
    high = "closed" if partial_answer == "no" else "partial" if open_answer == "no" else "open"
    if EOSAI_POINTS[low] > EOSAI_POINTS[high]:  # contradictory answers: decide nothing
        return "closed", "open"
    return low, high


def eosai_summary(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """The score and each dimension's id and level alone (`eosai_result`'s, by the same
    rules): all a scan keeps of the result."""
    dims = [{"id": c.id, "level": _level(*_answers(c, outcomes))} for c in spec.criteria]
    return {"score": _mean(_decided([dim["level"] for dim in dims])), "dimensions": dims}


def _answers(c: Criterion, outcomes: Mapping[str, Outcome]) -> tuple[Outcome, Outcome]:
    """The outcomes of a dimension's two probes: open? at least partial?"""
    open_probe, partial_probe = c.probes
    return outcome_of(outcomes, open_probe), outcome_of(outcomes, partial_probe)


def _level(open_o: Outcome, partial_o: Outcome) -> str:
    """A dimension's level from its two answers ("unknown" when they leave a range)."""
    low, high = _bounds(open_o.answer, partial_o.answer)
    return low if low == high else "unknown"


def _decided(levels: list[str]) -> list[float]:
    """The points of the decided levels, in order."""
    return [EOSAI_POINTS[level] for level in levels if level in EOSAI_POINTS]


def _dimension(c: Criterion, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    open_o, partial_o = _answers(c, outcomes)
    low, high = _bounds(open_o.answer, partial_o.answer)
    shown = open_o if open_o.answer != "unknown" or partial_o.answer == "unknown" else partial_o
    evidence = [cite.url or cite.where for cite in (*open_o.citations, *partial_o.citations)]
    item: dict[str, Any] = {
        "id": c.id,
        "name": c.name,
        "area": c.group,
        "level": _level(open_o, partial_o),
        "basis": "unknown" if low != high else _basis(open_o, partial_o),
        "reason": shown.reason,
        "evidence": list(dict.fromkeys(evidence))[:5],
    }
    if low != high:
        item["between"] = [low, high]
    return item


def _basis(*answers: Outcome) -> str:
    return "inferred" if any(o.basis == "inferred" for o in answers) else "stated"


DOC_DIMENSIONS = ("code", "hardware_architecture", "preprint", "paper", "modelcard", "datasheet")
LAYER_DIMENSIONS = {
    "weights": "weights_endmodel",
    "code": "trainingcode",
    "usage_limits": "licenses",
}


def eosai_layers(dims: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The five layers as the index's dimensions read: weights = end-model weights, code =
    training code, data = base- and end-model data sources (their shared level, else
    partial), documentation = the mean of the six documentation dimensions (open at 0.75
    or more, closed at 0.25 or less), usage limits = licences."""
    by_id = {d["id"]: d for d in dims}
    layers: dict[str, dict[str, str]] = {}
    for layer, dim in LAYER_DIMENSIONS.items():
        if dim in by_id:
            item = by_id[dim]
            reason = str(item["reason"]).removeprefix(f"{item['level']}: ")
            why = f"EOSAI {dim}: {item['level']} ({reason})"
            layers[layer] = {**_from([item], item["level"], ""), "reason": why}
    sources = [by_id[d] for d in ("datasources_basemodel", "datasources_endmodel") if d in by_id]
    if len(sources) == 2:
        levels = {d["level"] for d in sources}
        level = (
            "unknown" if "unknown" in levels else levels.pop() if len(levels) == 1 else "partial"
        )
        layers["data"] = _from(sources, level, "EOSAI base- and end-model data sources")
    docs = [by_id[d] for d in DOC_DIMENSIONS if d in by_id]
    if len(docs) == len(DOC_DIMENSIONS):
        low = _mean([EOSAI_POINTS[d.get("between", [d["level"]])[0]] for d in docs]) or 0.0
        high = _mean([EOSAI_POINTS[d.get("between", [d["level"]] * 2)[-1]] for d in docs]) or 0.0
        level = _doc_level(low) if _doc_level(low) == _doc_level(high) else "unknown"
        layers["documentation"] = _from(docs, level, f"EOSAI documentation mean {low:.2f}")
    return layers


def _doc_level(mean: float) -> str:
    return "open" if mean >= 0.75 else "closed" if mean <= 0.25 else "partial"


def _from(dims: list[dict[str, Any]], level: str, why: str) -> dict[str, str]:
    inferred = any(d["basis"] == "inferred" for d in dims)
    basis = "unknown" if level == "unknown" else "inferred" if inferred else "stated"
    return {"level": level, "basis": basis, "reason": f"{why}: {level}"}


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def eosai_result(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """Every dimension's level, the mean over decided ones, and the possible range."""
    dims = [_dimension(c, outcomes) for c in spec.criteria]
    decided = _decided([d["level"] for d in dims])
    bounds = [d.get("between", [d["level"], d["level"]]) for d in dims]
    areas: dict[str, list[float]] = {}
    for d in dims:
        if d["level"] in EOSAI_POINTS:
            areas.setdefault(d["area"], []).append(EOSAI_POINTS[d["level"]])
    return {
        "framework": "eosai",
        "score": _mean(decided),
        "decided": len(decided),
        "undecided": len(dims) - len(decided),
        "full_score_range": [
            _mean([EOSAI_POINTS[b[0]] for b in bounds]),
            _mean([EOSAI_POINTS[b[1]] for b in bounds]),
        ],
        "areas": {area: _mean(points) for area, points in areas.items()},
        "dimensions": dims,
        "layers": eosai_layers(dims),
    }
