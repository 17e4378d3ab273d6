"""Linked repos of a Hub model: the datasets its card names and its base-model chain.

A linked repo that cannot be read is recorded with a status and a problem,
never raised: the model itself was read.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any, Literal

from openaudit.evidence import LinkedRepo, LinkStatus
from openaudit.limits import MAX_BASE_HOPS
from openaudit.sources.card_repo_ids import card_ids
from openaudit.sources.hub_client import (
    ErrorKind,
    HubClient,
    card_dict,
    client_errors,
    error_kind,
    gated_flag,
    repo_files,
    short_reason,
)

MAX_BASE_MODELS = 20  # base-model lookups per audit, over all hops (merges fan out)

RepoKind = Literal["model", "dataset"]

log = logging.getLogger(__name__)


def lookup_dataset(hub: HubClient, dataset_id: str, named_by: str) -> LinkedRepo:
    """What the Hub says about one dataset the card names (one `dataset_info`)."""
    log.info("reading dataset %s (named by %s)", dataset_id, named_by)
    try:
        info = hub.dataset_info(dataset_id)
    except client_errors() as exc:
        return _failed("dataset", dataset_id, named_by, None, 1, hub, exc)
    return LinkedRepo(
        repo_id=dataset_id,
        repo_type="dataset",
        status="ok",
        depth=1,
        named_by=named_by,
        sha=info.sha,
        gated=gated_flag(info.gated),
        card_data=card_dict(info.card_data) or {},
        tags=tuple(info.tags or ()),
        files=repo_files(info.siblings),
    )


@dataclass(frozen=True)
class _Hop:
    repo_id: str
    named_by: str
    relation: str | None
    ancestors: tuple[str, ...]


def follow_bases(
    pool: Executor, hub: HubClient, root_id: str, root_card: dict[str, Any] | None
) -> tuple[LinkedRepo, ...]:
    """Walk the base_model graph breadth-first, one level of lookups at a time."""
    level = _hops(root_card, root_id, (root_id,))
    seen = {root_id}
    found: list[LinkedRepo] = []
    for depth in range(1, MAX_BASE_HOPS + 2):
        pending: list[tuple[_Hop, Future[LinkedRepo]]] = []
        skips: list[LinkedRepo] = []
        for hop in level:
            reason = _skip_reason(hop, seen, depth, len(found) + len(pending) + len(skips))
            if reason:
                skips.append(
                    skipped("model", hop.repo_id, hop.named_by, hop.relation, reason, depth)
                )
            else:
                seen.add(hop.repo_id)
                pending.append((hop, pool.submit(_lookup_base, hub, hop, depth)))
        level = []
        for hop, future in pending:
            linked = future.result()
            found.append(linked)
            level += _hops(linked.card_data, linked.repo_id, (*hop.ancestors, hop.repo_id))
        # after the level's lookups: a base two chains reach at one depth is listed
        # looked up first, then as the skip naming it
        found += skips
        if not level:
            break
    return tuple(found)


def _hops(card: dict[str, Any] | None, named_by: str, ancestors: tuple[str, ...]) -> list[_Hop]:
    ids, _ = card_ids(card, "base_model")
    relation = (card or {}).get("base_model_relation")
    relation = relation if isinstance(relation, str) else None
    return [_Hop(i, named_by, relation, ancestors) for i in ids]


def _skip_reason(hop: _Hop, seen: set[str], depth: int, looked_up: int) -> str | None:
    if hop.repo_id in hop.ancestors:
        return f"base_model cycle: {hop.repo_id} is already in the chain"
    if hop.repo_id in seen:
        return f"{hop.repo_id} is already listed"
    if depth > MAX_BASE_HOPS:
        return f"not followed: the base-model chain is longer than {MAX_BASE_HOPS} hops"
    if looked_up >= MAX_BASE_MODELS:
        return too_many("base models", MAX_BASE_MODELS)
    return None


def _lookup_base(hub: HubClient, hop: _Hop, depth: int) -> LinkedRepo:
    log.info("reading base model %s (hop %d, named by %s)", hop.repo_id, depth, hop.named_by)
    try:
        info, card = hub.model_info(hop.repo_id, None, files_metadata=False)
    except client_errors() as exc:
        return _failed("model", hop.repo_id, hop.named_by, hop.relation, depth, hub, exc)
    return LinkedRepo(
        repo_id=hop.repo_id,
        repo_type="model",
        status="ok",
        depth=depth,
        named_by=hop.named_by,
        relation=hop.relation,
        sha=info.sha,
        gated=gated_flag(info.gated),
        card_data=card or {},
        tags=tuple(info.tags or ()),
        files=repo_files(info.siblings),
    )


_LINK_STATUS: dict[ErrorKind, LinkStatus] = {
    "gated": "gated",
    "not_found": "not_found",
    "revision": "not_found",
    "disabled": "not_found",
    "entry": "not_found",
}


def _failed(
    repo_type: RepoKind,
    repo_id: str,
    named_by: str,
    relation: str | None,
    depth: int,
    hub: HubClient,
    exc: Exception,
) -> LinkedRepo:
    status = _LINK_STATUS.get(error_kind(exc), "error")
    messages: dict[LinkStatus, str] = {
        "gated": f"{repo_type} {repo_id} is gated and its metadata could not be read",
        "not_found": f"{repo_type} not found (or private): {repo_id}",
    }
    problem = messages.get(status) or hub.scrub(
        f"could not read {repo_type} {repo_id}: {short_reason(exc)}"
    )
    return LinkedRepo(
        repo_id=repo_id,
        repo_type=repo_type,
        status=status,
        depth=depth,
        named_by=named_by,
        relation=relation,
        problem=problem,
    )


def skipped(
    repo_type: RepoKind,
    repo_id: str,
    named_by: str,
    relation: str | None,
    reason: str,
    depth: int = 1,
) -> LinkedRepo:
    """A linked repo that was deliberately not looked up, and why."""
    return LinkedRepo(
        repo_id=repo_id,
        repo_type=repo_type,
        status="skipped",
        depth=depth,
        named_by=named_by,
        relation=relation,
        problem=reason,
    )


def too_many(what: str, limit: int) -> str:
    """The reason a linked repo past a lookup limit was skipped."""
    return f"more than {limit} {what} named"
