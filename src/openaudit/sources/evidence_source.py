"""The source interface: a model reference in, one Evidence out; sources never score.

`open_evidence(ref, ...)` classifies the reference (`refs.parse_ref`) and hands it
to the source registered for its kind in `SOURCES`: a Hub id or URL to `hub`, a
folder to `local`, a `.json` file to `saved`. The implementations sit beside this
module (hub.py, local.py, saved.py) and are imported only when used (huggingface_hub
is slow to import and not needed offline). A new source (a dump reader, a mirror)
is a new kind and one entry. Every failure is an `OpenAuditError` subclass.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openaudit.errors import UsageError
from openaudit.refs import ModelRef, RefKind, is_repo_id, parse_ref, show
from openaudit.secrets import redact_ref

if TYPE_CHECKING:
    from openaudit.evidence import Evidence
    from openaudit.sources.cache import EvidenceCache


@dataclass(frozen=True)
class EvidenceRequest:
    """How to read one model: the options every source is offered (each uses its own)."""

    token: str | None = None
    cache: EvidenceCache | None = None  # Hub models only
    branches: bool = True  # list the Hub repo's branches (one request)
    base_cards: bool = True  # read the base models' READMEs EOSAI judges (a request each)
    listed: dict[str, Any] | None = None  # a Hub listing's entry for the model


EvidenceSource = Callable[[ModelRef, EvidenceRequest], "Evidence"]
"""Reads the evidence of one classified reference; `ref` on the result is what may be shown."""


def _hub(model: ModelRef, request: EvidenceRequest) -> Evidence:
    from openaudit.sources.hub import fetch_hub_evidence

    assert model.repo_id is not None
    options: dict[str, Any] = {
        "revision": model.revision,
        "token": request.token,
        "cache": request.cache,
        "branches": request.branches,
        "base_cards": request.base_cards,
    }
    if request.listed is not None:  # a listed id is a plain repo id: shown as it is
        evidence = fetch_hub_evidence(model.repo_id, listed=request.listed, **options)
        return dataclasses.replace(evidence, ref=model.text)
    evidence = fetch_hub_evidence(model.repo_id, **options)
    return dataclasses.replace(evidence, ref=redact_ref(model.text))


def _local(model: ModelRef, request: EvidenceRequest) -> Evidence:
    from openaudit.sources.local import load_local

    assert model.path is not None
    return dataclasses.replace(load_local(model.path), ref=redact_ref(model.text))


def _saved(model: ModelRef, request: EvidenceRequest) -> Evidence:
    from openaudit.sources.saved import load_saved

    assert model.path is not None
    saved = load_saved(model.path)
    # saved evidence keeps the ref it was fetched with, so a replay reports the same model
    return dataclasses.replace(saved, ref=redact_ref(saved.ref))


SOURCES: dict[RefKind, EvidenceSource] = {"hub": _hub, "local": _local, "saved": _saved}


def open_evidence(
    ref: str,
    *,
    revision: str | None = None,
    token: str | None = None,
    listed: dict[str, Any] | None = None,
    cache: EvidenceCache | None = None,
    branches: bool = True,
    base_cards: bool = True,
) -> Evidence:
    """Read the evidence for one model reference (Hub id or URL, model folder, saved .json).

    Hub and local evidence carry `ref` as the user typed it, with any token in it
    masked (`?token=***`); saved evidence keeps the ref it was fetched with, so a
    replay reports the same model. `listed` (a Hub listing's entry) makes `ref` a
    Hub id whatever is on disk; `cache` is used for Hub models only.
    """
    if listed is not None:
        if not is_repo_id(ref):
            raise UsageError(f"not a Hub model id: {show(ref)}")
        model = ModelRef("hub", ref, repo_id=ref, revision=revision)
    else:
        model = parse_ref(ref, revision)
    request = EvidenceRequest(
        token=token, cache=cache, branches=branches, base_cards=base_cards, listed=listed
    )
    return SOURCES[model.kind](model, request)
