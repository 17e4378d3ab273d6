"""List Hub models by author, search text and tags, with their metadata in the same pages.

`GET /api/models?author=…&expand=cardData&expand=siblings&…` returns, per model,
what the hub source otherwise asks `model_info` for (card data, file names,
gating, commit, tags), so a listed model costs only its README and licence
files. The file sizes are not in a listing; nothing in a verdict uses them,
and file reads stay bounded by their limits.

The pages are read here rather than through `HfApi.list_models`, which builds a
ModelInfo per item inside its generator: one model with card data the client
rejects would end the whole listing. Here that model alone becomes an error row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from openaudit.errors import EvidenceUnavailable, OpenAuditError
from openaudit.refs import is_repo_id
from openaudit.sources.hub_client import HubClient, client_errors

# The fields the hub source needs; `expand` returns only these (and the id).
EXPAND = ("cardData", "siblings", "gated", "sha", "private", "tags", "library_name", "pipeline_tag")
MAX_PAGES = 10_000  # a listing that never ends (a looping `Link`) stops here


@dataclass(frozen=True)
class ListedModel:
    """One model of a listing: its id and the JSON the listing returned for it."""

    repo_id: str
    data: dict[str, Any]


@dataclass(frozen=True)
class ListingQuery:
    """What to list: every field that is set must match."""

    author: str | None = None
    search: str | None = None
    filters: Sequence[str] = ()
    limit: int | None = None

    def describe(self) -> str:
        """The query as the flags that asked for it, e.g. `--author acme --limit 10`."""
        parts = [f"--author {self.author}"] if self.author else []
        parts += [f"--search {self.search}"] if self.search else []
        parts += [f"--filter {each}" for each in self.filters]
        parts += [f"--limit {self.limit}"] if self.limit is not None else []
        return " ".join(parts)


def list_hub_models(query: ListingQuery, *, token: str | None = None) -> Iterator[ListedModel]:
    """The models the Hub lists for `query`, page by page (lazily).

    Raises an OpenAuditError when a page cannot be read; the models yielded
    before it stand. An item without a valid id is skipped (it cannot be named).
    """
    hub = HubClient.create(None, token)
    params: list[tuple[str, str]] = [("expand", field) for field in EXPAND]
    if query.author:
        params.append(("author", query.author))
    if query.search:
        params.append(("search", query.search))
    params += [("filter", each) for each in query.filters]
    if query.limit is not None:
        params.append(("limit", str(query.limit)))
    url: str | None = f"{hub.endpoint}/api/models"
    count = 0
    for _ in range(MAX_PAGES):
        if url is None:
            return
        if not _same_origin(url, hub.endpoint):  # the token goes to the Hub endpoint only
            raise EvidenceUnavailable(
                f"the listing {query.describe()} stopped: its next page is on another host"
            )
        page, url = _page(hub, url, params, query)
        params = []  # the next link carries the query
        for item in page:
            repo_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(repo_id, str) and is_repo_id(repo_id):
                yield ListedModel(repo_id, item)
                count += 1
                if query.limit is not None and count >= query.limit:
                    return


def _page(
    hub: HubClient, url: str, params: list[tuple[str, str]], query: ListingQuery
) -> tuple[list[Any], str | None]:
    from huggingface_hub import get_session, hf_raise_for_status

    try:
        response = get_session().get(url, params=tuple(params) or None, headers=hub.headers())
        hf_raise_for_status(response)
        page = response.json()
        next_url = response.links.get("next", {}).get("url")
    except client_errors() as exc:
        error: OpenAuditError = hub.fatal(exc, f"the listing {query.describe()}", None)
        raise error from None
    if not isinstance(page, list):
        raise EvidenceUnavailable(f"the Hub's listing {query.describe()} is not a list of models")
    if not isinstance(next_url, str):
        return page, None
    return page, next_url


def _same_origin(url: str, endpoint: str) -> bool:
    from urllib.parse import urlsplit

    a, b = urlsplit(url), urlsplit(endpoint)
    return (a.scheme, a.netloc) == (b.scheme, b.netloc)
