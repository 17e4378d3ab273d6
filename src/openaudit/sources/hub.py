"""Hub source: read one model's evidence from the Hugging Face Hub, with few requests.

Request plan: one `model_info` (files with sizes, card data, gating), then, all
at once and pinned to the resolved commit: README.md, the top-level licence
files, one `dataset_info` per dataset the card names, and the base-model chain
(one `model_info` per hop, level by level); once the README is read, one
`dataset_info` per Hub dataset its text links as training data without declaring it
(when it declares none; at most MAX_DATASETS) and the base its text names without
declaring it; once the chain is read, one
`dataset_info` per dataset the bases declare and, for each pretrained foundation
whose metadata declares none (at most MAX_BASE_CARDS), its README.md. Weight files are listed, never
downloaded; repo code is never run; every size is bounded (see limits.py).

The client wrapper and error mapping live in hub_client, file reading in
hub_files, linked repos in hub_links; this module runs the plan.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from openaudit.base_chain import cards_to_read
from openaudit.card import parse_card
from openaudit.data_links import linked_training_ids
from openaudit.errors import EvidenceUnavailable, OpenAuditError
from openaudit.evidence import BaseCard, Evidence, LinkedRepo, Problem, TextFile
from openaudit.limits import MAX_BASE_CARDS, MAX_BASE_DATASETS, MAX_BRANCHES, MAX_DATASETS
from openaudit.secrets import redact_ref
from openaudit.sources.card_repo_ids import card_ids, with_readme_ids
from openaudit.sources.hub_client import (
    HubClient,
    client_errors,
    gated_flag,
    info_from_json,
    repo_files,
    resolve_endpoint,
    short_reason,
)
from openaudit.sources.hub_files import (
    GATED_FILE,
    config_siblings,
    licence_count_problem,
    licence_siblings,
    read_base_card,
    read_config,
    read_licence,
    read_readme,
)
from openaudit.sources.hub_links import follow_bases, lookup_dataset, skipped, too_many
from openaudit.sources.implied_bases import implied_base_id, listing_conversion, listing_copy
from openaudit.sources.license_files import unread_problems
from openaudit.worker_threads import worker_pool

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ModelInfo, RepoSibling

    from openaudit.sources.cache import EvidenceCache

__all__ = ["fetch_hub_evidence", "resolve_endpoint"]

# Threads shared by every audit in the process for its concurrent file reads and
# lookups: a batch of 32 models would otherwise start (and join) ~3 threads per
# model, ~1.4 ms each. Only batch workers wait on these tasks, never the tasks on
# each other, so sharing them cannot deadlock; a full pool only queues.
_IO_WORKERS = 128
T = TypeVar("T")
_io_pool: ThreadPoolExecutor | None = None
_io_pool_lock = threading.Lock()


def _shared_pool() -> ThreadPoolExecutor:
    global _io_pool
    with _io_pool_lock:
        if _io_pool is None:
            _io_pool = worker_pool(_IO_WORKERS, "openaudit-hub")
        return _io_pool


class _Requests(Executor):
    """One audit's share of the shared pool: what it submitted, to cancel on failure."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self.pool = pool
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future = self.pool.submit(fn, *args, **kwargs)
        self.futures.append(future)
        return future

    def cancel_queued(self) -> None:
        """Drop the requests not started yet; those in flight finish on their own."""
        for future in self.futures:
            future.cancel()


log = logging.getLogger(__name__)


def fetch_hub_evidence(
    repo_id: str,
    *,
    revision: str | None = None,
    token: str | None = None,
    endpoint: str | None = None,
    listed: dict[str, Any] | None = None,
    cache: EvidenceCache | None = None,
    branches: bool = True,
    base_cards: bool = True,
) -> Evidence:
    """Read everything openaudit needs about one Hub model into an Evidence.

    `branches=False` skips the refs listing (one request) when no rubric reads it;
    the evidence then says branches were not listed. `base_cards=False` likewise skips
    the base models' READMEs (EOSAI's base data sources): `base_cards` is then None.

    `listed` is the model's entry from a Hub listing (hub_listing.EXPAND fields):
    it stands in for `model_info`, saving one request per model. With a `cache`,
    evidence already read at the model's current sha is reused (see cache.py);
    an offline cache never asks the Hub.

    `token=None` sends no token at all (no implicit token file); the endpoint is
    the argument, else HF_ENDPOINT at call time, else https://huggingface.co.
    Raises ModelNotFound, GatedModel or NetworkError when the model itself
    cannot be read; problems with files or linked repos are recorded instead.
    """
    if cache is not None and cache.offline:
        return _from_cache_only(cache, repo_id, revision, token=token is not None)
    hub = HubClient.create(endpoint, token)
    try:
        return _fetch(hub, repo_id, revision, listed, cache, _Wanted(branches, base_cards))
    except OpenAuditError:
        raise
    except client_errors() as exc:
        raise hub.fatal(exc, repo_id, revision) from None


def _from_cache_only(
    cache: EvidenceCache, repo_id: str, revision: str | None, *, token: bool
) -> Evidence:
    found = cache.latest(repo_id, revision, token=token)
    if found is None:
        raise EvidenceUnavailable(
            f"{repo_id} is not in the evidence cache (--offline)",
            hint="run once without --offline to fill the cache",
        )
    return dataclasses.replace(found, revision=revision)


@dataclass(frozen=True)
class _Wanted:
    """The optional requests some rubrics need: the refs listing, the base cards."""

    branches: bool = True
    base_cards: bool = True


def _fetch(
    hub: HubClient,
    repo_id: str,
    revision: str | None,
    listed: dict[str, Any] | None,
    cache: EvidenceCache | None,
    wanted: _Wanted,
) -> Evidence:
    if listed is not None and revision is None:
        info, card_data = info_from_json(listed)
    else:
        where = redact_ref(hub.endpoint)
        log.info("reading model info of %s at %s from %s", repo_id, revision or "main", where)
        info, card_data = hub.model_info(repo_id, revision, files_metadata=True)
    token = hub.token is not None
    if cache is not None:
        cached = cache.get(repo_id, info.sha, token=token)
        if cached is not None:
            # completed with what a run that did not need it left out
            completed = cached
            if wanted.branches and completed.branches is None:
                completed = _with_branches(hub, completed)
            if wanted.base_cards and completed.base_cards is None:
                completed = _with_base_cards(hub, completed)
            if completed.linked_datasets is None and completed.readme is not None:
                completed = _with_linked_datasets(hub, completed)
            if completed is not cached:
                cache.put(completed, revision, token=token)
            return dataclasses.replace(completed, revision=revision)
    evidence = _read(hub, repo_id, revision, info, card_data, wanted)
    if cache is not None:
        cache.put(evidence, revision, token=token)
    return evidence


def _read(
    hub: HubClient,
    repo_id: str,
    revision: str | None,
    info: ModelInfo,
    card_data: dict[str, Any] | None,
    wanted: _Wanted,
) -> Evidence:
    siblings = list(info.siblings or [])
    log.info("%s @ %s lists %d files", repo_id, (info.sha or "?")[:7], len(siblings))
    sha = info.sha or revision or "main"
    files = repo_files(siblings)
    library = info.library_name or (card_data or {}).get("library_name")
    converted = listing_conversion(files, library, info.tags or ())
    copy = listing_copy(repo_id, files, library, info.tags or (), card_data)
    got = _gather(hub, repo_id, sha, siblings, card_data, wanted, converted, copy=copy)
    return Evidence(
        ref=repo_id,
        source="hub",
        repo_id=repo_id,
        revision=revision,
        sha=info.sha,
        url=f"{hub.endpoint}/{repo_id}",
        gated=gated_flag(info.gated),
        access="gated" if got.gated else "full",
        private=bool(info.private),
        readme=got.readme,
        api_card_data=card_data,
        tags=tuple(info.tags or ()),
        library_name=info.library_name,
        pipeline_tag=info.pipeline_tag,
        files=files,
        files_truncated=len(files) < len(siblings),
        license_files=got.license_files,
        config_files=got.config_files,
        datasets=got.datasets,
        base_models=got.base_models,
        base_datasets=got.base_datasets,
        implied_bases=got.implied_bases,
        linked_datasets=got.linked_datasets,
        base_cards=got.base_cards,
        problems=(*got.problems, *listing_cut_problem(len(files), len(siblings))),
        branches=got.branches,
    )


def _is_cut(reason: str) -> bool:
    """A base model skipped because a bound was reached (not a cycle or a repeat)."""
    return reason.startswith("not followed") or reason.startswith("more than")


def listing_cut_problem(kept: int, listed: int) -> tuple[Problem, ...]:
    """The problem that says a file listing was cut, when it was."""
    if kept >= listed:
        return ()
    message = f"file listing cut at {kept:,} of {listed:,} files; the rest not looked at"
    return (Problem("files", message),)


@dataclass(frozen=True)
class _Gathered:
    """What the concurrent second round of requests found."""

    readme: str | None
    gated: bool
    license_files: tuple[TextFile, ...]
    config_files: tuple[TextFile, ...]
    datasets: tuple[LinkedRepo, ...]
    base_models: tuple[LinkedRepo, ...]
    base_datasets: tuple[LinkedRepo, ...]
    implied_bases: tuple[LinkedRepo, ...]
    linked_datasets: tuple[LinkedRepo, ...] | None
    base_cards: tuple[BaseCard, ...] | None
    problems: tuple[Problem, ...]
    branches: tuple[str, ...] | None


def _with_branches(hub: HubClient, evidence: Evidence) -> Evidence:
    """Cached evidence completed with the refs listing it was read without."""
    problems: list[Problem] = []
    names = _branches(lambda: hub.branches(evidence.repo_id or evidence.ref), problems)
    return dataclasses.replace(evidence, branches=names, problems=(*evidence.problems, *problems))


def _gather(
    hub: HubClient,
    repo_id: str,
    sha: str,
    siblings: list[RepoSibling],
    card: dict[str, Any] | None,
    wanted: _Wanted,
    converted: str | None = None,
    *,
    copy: bool = False,
) -> _Gathered:
    """README, licence files, datasets and base models, all requested at once
    (`converted`: the formats of weights all in conversion formats, `listing_conversion`:
    the model converted is the base a card without `base_model` names; `copy`: the
    release looks like a copy of its base, `listing_copy`: its source's card is read)."""
    dataset_ids, problems = card_ids(card, "datasets")
    # a config file's base matters only to a card that declares none
    configs = [] if card_ids(card, "base_model")[0] else config_siblings(siblings)
    names = [
        "README.md",
        *(s.rfilename for s in licence_siblings(siblings)),
        *(s.rfilename for s in configs),
    ]
    log.info("reading %s at %s (files are listed, never downloaded)", ", ".join(names), sha[:7])
    pool = _Requests(_shared_pool())
    try:
        readme = pool.submit(read_readme, hub, repo_id, sha, siblings)
        licences = [
            pool.submit(read_licence, hub, repo_id, sha, s) for s in licence_siblings(siblings)
        ]
        config_reads = [pool.submit(read_config, hub, repo_id, sha, s) for s in configs]
        datasets = [
            pool.submit(lookup_dataset, hub, d, repo_id) for d in dataset_ids[:MAX_DATASETS]
        ]
        branches = pool.submit(hub.branches, repo_id) if wanted.branches else None
        base_models = follow_bases(pool, hub, repo_id, card)
        base_dataset_ids, base_datasets, card_bases, base_cards = _read_bases(
            pool, hub, repo_id, base_models, dataset_ids, wanted, copy=copy
        )
        readme_read = readme.result()
        license_files = tuple(f.result() for f in licences)
        config_files = tuple(f.result() for f in config_reads)
        parsed = parse_card(readme_read.text) if readme_read.text is not None else None
        # ids the README's front matter declares where the API's card data has none (the
        # server may leave out what it does not take for an id, as a Hub URL, which
        # card.py reads as one): looked up as declared, one more round
        declared = with_readme_ids(card, parsed.metadata if parsed is not None else None)
        late_bases, late_datasets = (
            [] if card_ids(card, key)[0] else card_ids(declared, key)[0]
            for key in ("base_model", "datasets")
        )
        card = declared
        if late_bases:
            base_models = follow_bases(pool, hub, repo_id, card)
            base_dataset_ids, base_datasets, card_bases, base_cards = _read_bases(
                pool, hub, repo_id, base_models, [*dataset_ids, *late_datasets], wanted, copy=copy
            )
        if late_datasets:
            known = len(dataset_ids)
            dataset_ids = [*dataset_ids, *late_datasets]
            datasets += [
                pool.submit(lookup_dataset, hub, d, repo_id)
                for d in dataset_ids[known:MAX_DATASETS]
            ]
        implied = implied_base_id(repo_id, card, parsed, config_files, converted)
        # one more round only for a card that names its base but does not declare it
        implied_bases = follow_bases(pool, hub, repo_id, {"base_model": implied}) if implied else ()
        if implied_bases and not base_models:
            # that base is judged as a declared one would be: its datasets and the cards
            # of the foundations under it that declare none are read as well
            base_dataset_ids, base_datasets, card_bases, base_cards = _read_bases(
                pool, hub, repo_id, implied_bases, dataset_ids, wanted, copy=copy
            )
        # and for the Hub datasets its text links as training data without declaring them
        linked_ids = linked_training_ids(parsed, dataset_ids)
        linked_reads = [
            pool.submit(lookup_dataset, hub, d, repo_id) for d in linked_ids[:MAX_DATASETS]
        ]
        linked_datasets = [f.result() for f in datasets]
        linked_base_datasets = [f.result() for f in base_datasets]
        cards_read = [f.result() for f in base_cards]
        training_links_read = [f.result() for f in linked_reads]
    except BaseException:
        # Ctrl-C or a fatal error: drop the queued requests, do not wait for those in flight.
        pool.cancel_queued()
        raise
    if readme_read.problem:
        problems.append(Problem("readme", readme_read.problem))
    problems += unread_problems(license_files, skip=GATED_FILE)  # gating is said once
    problems += unread_problems(config_files, skip=GATED_FILE)
    problems += [
        Problem("base_model", f"{repo.repo_id}: {repo.problem}")
        for repo in base_models
        if repo.status == "skipped" and repo.problem and _is_cut(repo.problem)
    ]
    linked_base_datasets += [
        skipped("dataset", d, base, None, too_many("base models' datasets", MAX_BASE_DATASETS))
        for d, base in base_dataset_ids[MAX_BASE_DATASETS:]
    ]
    if len(base_dataset_ids) > MAX_BASE_DATASETS:
        message = (
            f"the base models declare {len(base_dataset_ids)} datasets; the last "
            f"{len(base_dataset_ids) - MAX_BASE_DATASETS} were not looked up"
        )
        problems.append(Problem("base_datasets", message))
    linked_datasets += _cut_datasets(dataset_ids, repo_id, problems, "datasets named")
    training_links_read += _cut_datasets(
        linked_ids, repo_id, problems, "Hub datasets linked as training data"
    )
    cards_read += _cut_cards(card_bases)
    problems += _base_card_problems(cards_read, len(card_bases))
    branch_names = _branches(branches.result, problems) if branches is not None else None
    return _Gathered(
        readme=readme_read.text,
        gated=readme_read.gated or any(f.problem == GATED_FILE for f in license_files),
        license_files=license_files,
        config_files=config_files,
        datasets=tuple(linked_datasets),
        base_models=base_models,
        base_datasets=tuple(linked_base_datasets),
        implied_bases=implied_bases,
        linked_datasets=tuple(training_links_read) if parsed is not None else None,
        base_cards=tuple(cards_read) if wanted.base_cards else None,
        problems=(*problems, *licence_count_problem(siblings)),
        branches=branch_names,
    )


def _cut_datasets(
    ids: list[str], repo_id: str, problems: list[Problem], what: str
) -> list[LinkedRepo]:
    """The datasets past MAX_DATASETS (declared, or linked as training data: `what`),
    recorded as not looked up, and a problem saying so."""
    beyond = ids[MAX_DATASETS:]
    if not beyond:
        return []
    message = f"{len(ids)} {what}; the last {len(beyond)} were not looked up"
    problems.append(Problem("datasets", message))
    why = too_many("datasets", MAX_DATASETS)
    return [skipped("dataset", d, repo_id, None, why) for d in beyond]


def _read_bases(
    pool: _Requests,
    hub: HubClient,
    repo_id: str,
    bases: tuple[LinkedRepo, ...],
    own_datasets: list[str],
    wanted: _Wanted,
    *,
    copy: bool = False,
) -> tuple[
    list[tuple[str, str]], list[Future[LinkedRepo]], list[LinkedRepo], list[Future[BaseCard]]
]:
    """Requests for what the bases hold beyond their own info: the datasets they declare
    (at most MAX_BASE_DATASETS) and, when wanted, the cards of the foundations under them
    that declare none and, for a copy declaring no datasets (`copy`), of the models it
    copies that declare none (at most MAX_BASE_CARDS in all, the copied ones first); the
    ids and bases asked for, to report the cuts."""
    dataset_ids = _base_dataset_ids(bases, own_datasets)
    datasets = [
        pool.submit(lookup_dataset, hub, d, base) for d, base in dataset_ids[:MAX_BASE_DATASETS]
    ]
    copied = copy and not own_datasets
    card_bases = cards_to_read(repo_id, bases, copy=copied) if wanted.base_cards else []
    cards = [pool.submit(read_base_card, hub, b) for b in card_bases[:MAX_BASE_CARDS]]
    return dataset_ids, datasets, card_bases, cards


def _base_dataset_ids(bases: tuple[LinkedRepo, ...], own: list[str]) -> list[tuple[str, str]]:
    """(dataset id, base id) for each dataset a base model read declares, once each; the
    model's own datasets are looked up already."""
    seen = {name.lower() for name in own}
    found: list[tuple[str, str]] = []
    for base in bases:
        if base.status != "ok":
            continue
        for name in card_ids(base.card_data, "datasets")[0]:
            if name.lower() not in seen:
                seen.add(name.lower())
                found.append((name, base.repo_id))
    return found


def _with_linked_datasets(hub: HubClient, evidence: Evidence) -> Evidence:
    """Cached evidence (saved by an older openaudit) completed with the Hub datasets its
    card links as training data."""
    repo_id = evidence.repo_id or evidence.ref
    declared = card_ids(evidence.api_card_data, "datasets")[0]
    ids = linked_training_ids(evidence.card, declared)
    pool = _Requests(_shared_pool())
    try:
        reads = [pool.submit(lookup_dataset, hub, d, repo_id) for d in ids[:MAX_DATASETS]]
        found = [f.result() for f in reads]
    except BaseException:
        pool.cancel_queued()
        raise
    problems: list[Problem] = []
    found += _cut_datasets(ids, repo_id, problems, "Hub datasets linked as training data")
    return dataclasses.replace(
        evidence, linked_datasets=tuple(found), problems=(*evidence.problems, *problems)
    )


def _with_base_cards(hub: HubClient, evidence: Evidence) -> Evidence:
    """Cached evidence completed with the base cards it was read without."""
    chain = evidence.base_models or evidence.implied_bases
    repo_id = evidence.repo_id or evidence.ref
    card = evidence.api_card_data
    copy = not card_ids(card, "datasets")[0] and listing_copy(
        repo_id,
        evidence.files,
        evidence.library_name or (card or {}).get("library_name"),
        evidence.tags,
        card,
    )
    bases = cards_to_read(repo_id, chain, copy=copy)
    pool = _Requests(_shared_pool())
    try:
        reads = [pool.submit(read_base_card, hub, b) for b in bases[:MAX_BASE_CARDS]]
        cards = [f.result() for f in reads]
    except BaseException:
        pool.cancel_queued()
        raise
    cards += _cut_cards(bases)
    problems = (*evidence.problems, *_base_card_problems(cards, len(bases)))
    return dataclasses.replace(evidence, base_cards=tuple(cards), problems=problems)


def _cut_cards(bases: list[LinkedRepo]) -> list[BaseCard]:
    """The bases past MAX_BASE_CARDS, recorded as not read."""
    why = f"not read: more than {MAX_BASE_CARDS} base models' cards"
    return [BaseCard(b.repo_id, None, why) for b in bases[MAX_BASE_CARDS:]]


def _base_card_problems(cards: list[BaseCard], wanted: int) -> list[Problem]:
    """A problem for each base card not read, and one for the bound when it was reached."""
    problems = [
        Problem("base_cards", f"{card.repo_id}: {card.problem}")
        for card in cards[:MAX_BASE_CARDS]
        if card.text is None and card.problem
    ]
    if wanted > MAX_BASE_CARDS:
        message = (
            f"{wanted} base models' cards to read; the last {wanted - MAX_BASE_CARDS} were not read"
        )
        problems.append(Problem("base_cards", message))
    return problems


def _branches(
    listing: Callable[[], tuple[str, ...] | None], problems: list[Problem]
) -> tuple[str, ...] | None:
    """The branch names, cut at MAX_BRANCHES; a failed listing is a problem, not fatal."""
    try:
        names = listing()
    except client_errors() as exc:
        problems.append(Problem("branches", f"branches not listed ({short_reason(exc)})"))
        return None
    if names is not None and len(names) > MAX_BRANCHES:
        problems.append(
            Problem("branches", f"{len(names)} branches, only the first {MAX_BRANCHES} kept")
        )
        return names[:MAX_BRANCHES]
    return names
