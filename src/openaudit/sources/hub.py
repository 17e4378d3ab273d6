"""Hub source: read one model's evidence from the Hugging Face Hub, with few requests.

Request plan: one `model_info` (files with sizes, card data, gating), then, all
at once and pinned to the resolved commit: README.md, the top-level licence
files, one `dataset_info` per dataset the card names, and the base-model chain
(one `model_info` per hop, level by level). Weight files are listed, never
downloaded; repo code is never run; every size is bounded (see limits.py).

huggingface_hub is imported inside functions: it is slow to import and most
CLI commands never touch the network.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from openaudit import __version__
from openaudit.errors import (
    EvidenceUnavailable,
    GatedModel,
    ModelNotFound,
    NetworkError,
    OpenAuditError,
    UsageError,
)
from openaudit.evidence import Evidence, LinkedRepo, LinkStatus, Problem, RepoFile, TextFile
from openaudit.limits import (
    MAX_BASE_HOPS,
    MAX_DATASETS,
    MAX_FILES,
    MAX_LICENSE_BYTES,
    MAX_README_BYTES,
)
from openaudit.sources import is_license_file

if TYPE_CHECKING:
    from huggingface_hub import HfApi
    from huggingface_hub.hf_api import DatasetInfo, ModelInfo, RepoSibling

DEFAULT_ENDPOINT = "https://huggingface.co"
REQUEST_TIMEOUT = 30.0  # seconds; the client's shared session has no timeout of its own
MAX_LICENSE_FILES = 8  # licence-like files read per model
MAX_BASE_MODELS = 20  # base-model lookups per audit, over all hops (merges fan out)
_WORKERS = 8
NETWORK_HINT = "check the network or HF_ENDPOINT; set HF_HUB_OFFLINE=0"
GATED_HINT = "request access on the model's Hub page, then pass a token with --token or HF_TOKEN"
GATED_README = (
    "gated: file contents need approved access; metadata served by the Hub API was audited"
)
GATED_FILE = "gated: file contents need approved access"

ErrorKind = Literal["gated", "not_found", "revision", "disabled", "entry", "network", "other"]


# -- public API ----------------------------------------------------------------


def fetch_hub_evidence(
    repo_id: str,
    *,
    revision: str | None = None,
    token: str | None = None,
    endpoint: str | None = None,
) -> Evidence:
    """Read everything openaudit needs about one Hub model into an Evidence.

    `token=None` sends no token at all (no implicit token file); the endpoint is
    the argument, else HF_ENDPOINT at call time, else https://huggingface.co.
    Raises ModelNotFound, GatedModel or NetworkError when the model itself
    cannot be read; problems with files or linked repos are recorded instead.
    """
    hub = _Hub.create(endpoint, token)
    try:
        return _fetch(hub, repo_id, revision)
    except OpenAuditError:
        raise
    except _client_errors() as exc:
        raise hub.fatal(exc, repo_id, revision) from None


def resolve_endpoint(endpoint: str | None = None) -> str:
    """The Hub base URL to use: argument, else HF_ENDPOINT, else the public Hub."""
    value = endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT
    return value.rstrip("/")


# -- the client wrapper ------------------------------------------------------------


@dataclass(frozen=True)
class _Hub:
    """One audit's view of the Hub: endpoint, token and the real client."""

    endpoint: str
    token: str | None
    api: HfApi

    @classmethod
    def create(cls, endpoint: str | None, token: str | None) -> _Hub:
        from huggingface_hub import HfApi

        url = resolve_endpoint(endpoint)
        api = HfApi(
            endpoint=url,
            token=token or False,
            library_name="openaudit",
            library_version=__version__,
        )
        return cls(url, token or None, api)

    @property
    def auth(self) -> str | bool:
        """What the client gets as `token`: the token, or False for "send none"."""
        return self.token or False

    def scrub(self, text: str) -> str:
        """The text with the token (if any) masked, on one line, kept short."""
        from openaudit.report.text import redact

        line = " ".join(redact(text, (self.token,) if self.token else ()).split())
        return line if len(line) <= 160 else line[:157] + "..."

    def model_info(
        self, repo_id: str, revision: str | None, *, files_metadata: bool
    ) -> tuple[ModelInfo, dict[str, Any] | None]:
        """model_info and the card data as plain JSON, tolerating card data the client rejects."""
        from huggingface_hub.errors import BadRequestError, HFValidationError

        try:
            info = self.api.model_info(
                repo_id,
                revision=revision,
                files_metadata=files_metadata,
                token=self.auth,
                timeout=REQUEST_TIMEOUT,
            )
        except (BadRequestError, HFValidationError):
            raise
        except (KeyError, TypeError, ValueError):
            # ModelCardData raises on some model-index shapes even with ignore_metadata_errors.
            return self._raw_model_info(repo_id, revision, files_metadata=files_metadata)
        return info, _card_dict(info.card_data)

    def _raw_model_info(
        self, repo_id: str, revision: str | None, *, files_metadata: bool
    ) -> tuple[ModelInfo, dict[str, Any] | None]:
        from huggingface_hub import get_session, hf_raise_for_status
        from huggingface_hub.hf_api import ModelInfo

        path = f"{self.endpoint}/api/models/{repo_id}"
        if revision is not None:
            path += f"/revision/{_quote(revision)}"
        params = {"blobs": True} if files_metadata else {}
        response = get_session().get(
            path, headers=self.headers(), params=params, timeout=REQUEST_TIMEOUT
        )
        hf_raise_for_status(response)
        data = response.json()
        card = data.pop("cardData", None)
        data.pop("card_data", None)
        info = ModelInfo(**data)  # type: ignore[no-untyped-call]
        return info, _plain_json(card) if isinstance(card, dict) else None

    def dataset_info(self, repo_id: str) -> DatasetInfo:
        return self.api.dataset_info(repo_id, token=self.auth, timeout=REQUEST_TIMEOUT)

    def headers(self) -> dict[str, str]:
        from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

        return build_hf_headers(
            token=self.auth, library_name="openaudit", library_version=__version__
        )

    def read_file(self, repo_id: str, path: str, sha: str, limit: int) -> bytes:
        """One GET of a repo file at a commit, read up to `limit` bytes (else _TooLarge)."""
        from huggingface_hub import get_session, hf_hub_url, hf_raise_for_status

        url = hf_hub_url(repo_id, path, revision=sha, endpoint=self.endpoint)
        with get_session().stream(
            "GET", url, headers=self.headers(), timeout=REQUEST_TIMEOUT
        ) as response:
            hf_raise_for_status(response)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _TooLarge(int(declared))
            return _read_bounded(response.iter_bytes(), limit)

    def fatal(self, exc: BaseException, repo_id: str, revision: str | None) -> OpenAuditError:
        """The one-line error for a failure to read the model itself."""
        kind = _error_kind(exc)
        if kind == "gated":
            message = f"{repo_id} is gated and its metadata could not be read"
            return GatedModel(message, hint=GATED_HINT)
        if kind == "revision":
            return ModelNotFound(f"revision not found: {revision or 'main'} of {repo_id}")
        if kind in ("not_found", "entry"):
            return ModelNotFound(f"model not found: {repo_id}")
        if kind == "disabled":
            return ModelNotFound(f"model is disabled on the Hub: {repo_id}")
        if _is_validation_error(exc):
            return UsageError(self.scrub(f"not a valid Hub model id or revision: {exc}"))
        reason = self.scrub(_short_reason(exc))
        if kind == "network":
            message = f"could not reach the Hub at {self.endpoint}: {reason}"
            return NetworkError(message, hint=NETWORK_HINT)
        return EvidenceUnavailable(f"could not read {repo_id} from {self.endpoint}: {reason}")


class _TooLarge(Exception):
    """A file over its limit; `exact` is False when reading stopped at the limit."""

    def __init__(self, size: int, *, exact: bool = True) -> None:
        super().__init__(size)
        self.size = size
        self.exact = exact


def _read_bounded(chunks: Iterable[bytes], limit: int) -> bytes:
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise _TooLarge(len(body), exact=False)  # the server sends more than it listed
    return bytes(body)


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


# -- the audit -----------------------------------------------------------------


def _fetch(hub: _Hub, repo_id: str, revision: str | None) -> Evidence:
    info, card_data = hub.model_info(repo_id, revision, files_metadata=True)
    siblings = list(info.siblings or [])
    got = _gather(hub, repo_id, info.sha or revision or "main", siblings, card_data)
    return Evidence(
        ref=repo_id,
        source="hub",
        repo_id=repo_id,
        revision=revision,
        sha=info.sha,
        url=f"{hub.endpoint}/{repo_id}",
        gated=_gated(info.gated),
        access="gated" if got.gated else "full",
        private=bool(info.private),
        readme=got.readme,
        api_card_data=card_data,
        tags=tuple(info.tags or ()),
        library_name=info.library_name,
        pipeline_tag=info.pipeline_tag,
        files=_repo_files(siblings),
        files_truncated=len(siblings) > MAX_FILES,
        license_files=got.license_files,
        datasets=got.datasets,
        base_models=got.base_models,
        problems=got.problems,
    )


@dataclass(frozen=True)
class _Gathered:
    """What the concurrent second round of requests found."""

    readme: str | None
    gated: bool
    license_files: tuple[TextFile, ...]
    datasets: tuple[LinkedRepo, ...]
    base_models: tuple[LinkedRepo, ...]
    problems: tuple[Problem, ...]


def _gather(
    hub: _Hub, repo_id: str, sha: str, siblings: list[RepoSibling], card: dict[str, Any] | None
) -> _Gathered:
    """README, licence files, datasets and base models, all requested at once."""
    dataset_ids, problems = _card_ids(card, "datasets")
    pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="openaudit-hub")
    try:
        readme = pool.submit(_read_readme, hub, repo_id, sha, siblings)
        licences = [pool.submit(_read_licence, hub, repo_id, sha, s) for s in _licences(siblings)]
        datasets = [
            pool.submit(_lookup_dataset, hub, d, repo_id) for d in dataset_ids[:MAX_DATASETS]
        ]
        base_models = _follow_bases(pool, hub, repo_id, card)
        readme_read = readme.result()
        license_files = tuple(f.result() for f in licences)
        linked_datasets = [f.result() for f in datasets]
    except BaseException:
        # Ctrl-C or a fatal error: drop the queued requests, do not wait for those in flight.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    linked_datasets += [
        _skipped("dataset", d, repo_id, None, _too_many("datasets", MAX_DATASETS))
        for d in dataset_ids[MAX_DATASETS:]
    ]
    if readme_read.problem:
        problems.append(Problem("readme", readme_read.problem))
    return _Gathered(
        readme=readme_read.text,
        gated=readme_read.gated or any(f.problem == GATED_FILE for f in license_files),
        license_files=license_files,
        datasets=tuple(linked_datasets),
        base_models=base_models,
        problems=(*problems, *_licence_count_problem(siblings)),
    )


def _repo_files(siblings: list[RepoSibling]) -> tuple[RepoFile, ...]:
    return tuple(RepoFile(s.rfilename, s.size) for s in siblings[:MAX_FILES])


def _licences(siblings: list[RepoSibling]) -> list[RepoSibling]:
    return [s for s in siblings if is_license_file(s.rfilename)][:MAX_LICENSE_FILES]


def _licence_count_problem(siblings: list[RepoSibling]) -> tuple[Problem, ...]:
    count = sum(1 for s in siblings if is_license_file(s.rfilename))
    if count <= MAX_LICENSE_FILES:
        return ()
    message = f"{count} licence files; only the first {MAX_LICENSE_FILES} were read"
    return (Problem("license_files", message),)


# -- README and licence files ----------------------------------------------------


@dataclass(frozen=True)
class _Read:
    text: str | None
    problem: str | None = None
    gated: bool = False


def _read_readme(hub: _Hub, repo_id: str, sha: str, siblings: list[RepoSibling]) -> _Read:
    """The README text (or None) and the problem to report when it could not be read."""
    sibling = next((s for s in siblings if s.rfilename == "README.md"), None)
    if sibling is None:
        return _Read(None, "no README.md in the repository")
    result = _read_text(hub, repo_id, sha, "README.md", sibling.size, MAX_README_BYTES)
    return _Read(None, GATED_README, gated=True) if result.gated else result


def _read_licence(hub: _Hub, repo_id: str, sha: str, sibling: RepoSibling) -> TextFile:
    path = sibling.rfilename
    result = _read_text(hub, repo_id, sha, path, sibling.size, MAX_LICENSE_BYTES)
    problem = GATED_FILE if result.gated else result.problem
    return TextFile(path=path, text=result.text, size=sibling.size, problem=problem)


def _read_text(hub: _Hub, repo_id: str, sha: str, path: str, size: int | None, limit: int) -> _Read:
    """Fetch and decode one small text file; network failures are fatal, the rest reported."""
    if size is not None and size > limit:
        return _Read(None, _over_limit(path, size, limit))
    try:
        data = hub.read_file(repo_id, path, sha, limit)
    except _TooLarge as exc:
        return _Read(None, _over_limit(path, exc.size, limit, exact=exc.exact))
    except _client_errors() as exc:
        kind = _error_kind(exc)
        if kind == "gated":
            return _Read(None, gated=True)
        if kind == "network":
            raise
        return _Read(None, hub.scrub(f"{path} could not be read: {_short_reason(exc)}"))
    return _decode(path, data)


def _decode(path: str, data: bytes) -> _Read:
    if b"\x00" in data:
        return _Read(None, f"{path} is binary, not text")
    try:
        return _Read(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _Read(None, f"{path} is not valid UTF-8")


def _over_limit(path: str, size: int, limit: int, *, exact: bool = True) -> str:
    if not exact:  # the body outgrew what the listing said; its real size is unknown
        return f"{path} is over the {_binary_size(limit)} limit; not read"
    return f"{path} is {_decimal_size(size)}, over the {_binary_size(limit)} limit; not read"


def _decimal_size(size: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


def _binary_size(size: int) -> str:
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


# -- linked repos: datasets and base models ----------------------------------------


def _card_ids(card: dict[str, Any] | None, key: str) -> tuple[list[str], list[Problem]]:
    """The repo ids a card key names (a string or a list of strings), deduplicated."""
    value = (card or {}).get(key)
    items = value if isinstance(value, list) else [] if value is None else [value]
    ids: list[str] = []
    problems: list[Problem] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            message = f"card `{key}` entry {item!r:.60} is not a repo id; ignored"
            problems.append(Problem(key, message))
        elif item.strip() not in ids:
            ids.append(item.strip())
    return ids, problems


def _lookup_dataset(hub: _Hub, dataset_id: str, named_by: str) -> LinkedRepo:
    try:
        info = hub.dataset_info(dataset_id)
    except _client_errors() as exc:
        return _failed("dataset", dataset_id, named_by, None, 1, hub, exc)
    return LinkedRepo(
        repo_id=dataset_id,
        repo_type="dataset",
        status="ok",
        depth=1,
        named_by=named_by,
        sha=info.sha,
        gated=_gated(info.gated),
        card_data=_card_dict(info.card_data) or {},
        tags=tuple(info.tags or ()),
        files=_names(info.siblings),
    )


@dataclass(frozen=True)
class _Hop:
    repo_id: str
    named_by: str
    relation: str | None
    ancestors: tuple[str, ...]


def _follow_bases(
    pool: ThreadPoolExecutor, hub: _Hub, root_id: str, root_card: dict[str, Any] | None
) -> tuple[LinkedRepo, ...]:
    """Walk the base_model graph breadth-first, one level of lookups at a time."""
    level = _hops(root_card, root_id, (root_id,))
    seen = {root_id}
    found: list[LinkedRepo] = []
    for depth in range(1, MAX_BASE_HOPS + 2):
        pending: list[tuple[_Hop, Future[LinkedRepo]]] = []
        for hop in level:
            reason = _skip_reason(hop, seen, depth, len(found) + len(pending))
            if reason:
                found.append(
                    _skipped("model", hop.repo_id, hop.named_by, hop.relation, reason, depth)
                )
            else:
                seen.add(hop.repo_id)
                pending.append((hop, pool.submit(_lookup_base, hub, hop, depth)))
        level = []
        for hop, future in pending:
            linked = future.result()
            found.append(linked)
            level += _hops(linked.card_data, linked.repo_id, (*hop.ancestors, hop.repo_id))
        if not level:
            break
    return tuple(found)


def _hops(card: dict[str, Any] | None, named_by: str, ancestors: tuple[str, ...]) -> list[_Hop]:
    ids, _ = _card_ids(card, "base_model")
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
        return _too_many("base models", MAX_BASE_MODELS)
    return None


def _lookup_base(hub: _Hub, hop: _Hop, depth: int) -> LinkedRepo:
    try:
        info, card = hub.model_info(hop.repo_id, None, files_metadata=False)
    except _client_errors() as exc:
        return _failed("model", hop.repo_id, hop.named_by, hop.relation, depth, hub, exc)
    return LinkedRepo(
        repo_id=hop.repo_id,
        repo_type="model",
        status="ok",
        depth=depth,
        named_by=hop.named_by,
        relation=hop.relation,
        sha=info.sha,
        gated=_gated(info.gated),
        card_data=card or {},
        tags=tuple(info.tags or ()),
        files=_names(info.siblings),
    )


_LINK_STATUS: dict[ErrorKind, LinkStatus] = {
    "gated": "gated",
    "not_found": "not_found",
    "revision": "not_found",
    "disabled": "not_found",
    "entry": "not_found",
}


def _failed(
    repo_type: Literal["model", "dataset"],
    repo_id: str,
    named_by: str,
    relation: str | None,
    depth: int,
    hub: _Hub,
    exc: Exception,
) -> LinkedRepo:
    kind = _error_kind(exc)
    status = _LINK_STATUS.get(kind, "error")
    messages: dict[LinkStatus, str] = {
        "gated": f"{repo_type} {repo_id} is gated and its metadata could not be read",
        "not_found": f"{repo_type} not found (or private): {repo_id}",
    }
    problem = messages.get(status) or hub.scrub(
        f"could not read {repo_type} {repo_id}: {_short_reason(exc)}"
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


def _skipped(
    repo_type: Literal["model", "dataset"],
    repo_id: str,
    named_by: str,
    relation: str | None,
    reason: str,
    depth: int = 1,
) -> LinkedRepo:
    return LinkedRepo(
        repo_id=repo_id,
        repo_type=repo_type,
        status="skipped",
        depth=depth,
        named_by=named_by,
        relation=relation,
        problem=reason,
    )


def _too_many(what: str, limit: int) -> str:
    return f"not looked up: more than {limit} {what} named"


def _names(siblings: list[RepoSibling] | None) -> tuple[RepoFile, ...]:
    return tuple(RepoFile(s.rfilename, s.size) for s in (siblings or [])[:MAX_FILES])


def _gated(value: Any) -> bool | str:
    return value if isinstance(value, str) else bool(value)


# -- conversions and error mapping -----------------------------------------------


def _card_dict(card_data: Any) -> dict[str, Any] | None:
    """The client's CardData as a plain JSON dict (None when absent or unconvertible)."""
    to_dict: Callable[[], Any] | None = getattr(card_data, "to_dict", None)
    if to_dict is None:
        return None
    try:
        return _plain_json(to_dict())
    except (TypeError, ValueError, KeyError):
        return None


def _plain_json(value: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(value, default=str))
    return result


def _client_errors() -> tuple[type[Exception], ...]:
    """What the client and its HTTP stack raise for a failed or malformed exchange."""
    import httpx2

    # RecursionError: json.loads of a deeply nested answer from a hostile endpoint
    return (OSError, ValueError, KeyError, RecursionError, httpx2.HTTPError, httpx2.InvalidURL)


def _error_kind(exc: BaseException) -> ErrorKind:
    """What a client exception means for openaudit (gated checked before not-found)."""
    import httpx2
    from huggingface_hub import errors

    if isinstance(exc, errors.GatedRepoError):
        return "gated"
    if isinstance(exc, errors.RevisionNotFoundError):
        return "revision"
    if isinstance(exc, errors.RepositoryNotFoundError):
        return "not_found"
    if isinstance(exc, errors.DisabledRepoError):
        return "disabled"
    if isinstance(exc, errors.EntryNotFoundError):
        return "entry"
    if isinstance(exc, errors.HfHubHTTPError):
        status = exc.response.status_code if exc.response is not None else 0
        return "network" if status >= 500 or status in (408, 429) else "other"
    if isinstance(exc, httpx2.TransportError | ConnectionError | TimeoutError):
        return "network"
    return "other"


def _is_validation_error(exc: BaseException) -> bool:
    from huggingface_hub.errors import HFValidationError

    return isinstance(exc, HFValidationError)


def _short_reason(exc: BaseException) -> str:
    from huggingface_hub import errors

    if isinstance(exc, errors.OfflineModeIsEnabled):
        return "offline mode is enabled (HF_HUB_OFFLINE)"
    if isinstance(exc, errors.HfHubHTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code}"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__
