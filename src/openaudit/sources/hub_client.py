"""The Hub client wrapper: one audit's requests, and what the client's errors mean.

huggingface_hub is imported inside functions: it is slow to import and most
CLI commands never touch the network.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from openaudit import __version__
from openaudit.errors import (
    EvidenceUnavailable,
    GatedModel,
    ModelNotFound,
    NetworkError,
    OpenAuditError,
    UsageError,
)
from openaudit.evidence import RepoFile
from openaudit.hub_refs import with_repo_ids
from openaudit.limits import MAX_FILES
from openaudit.secrets import redact, redact_ref, url_secrets

if TYPE_CHECKING:
    from huggingface_hub import HfApi
    from huggingface_hub.hf_api import DatasetInfo, ModelInfo, RepoSibling

DEFAULT_ENDPOINT = "https://huggingface.co"
NETWORK_HINT = "check the network and HF_ENDPOINT"
OFFLINE_HINT = "HF_HUB_OFFLINE is set: unset it to reach the Hub"
TIMEOUT_HINT = "the Hub may be down or unreachable; try later, or raise --timeout"
RATE_HINT = (
    "wait a few minutes and re-run; a token (--token or HF_TOKEN) raises the Hub's limits, "
    "fewer --jobs lower the rate"
)
SERVER_HINT = "the Hub is failing; try again later"
GATED_HINT = "request access on the model's Hub page, then pass a token with --token or HF_TOKEN"
AUTH_HINT = (
    "pass a token with --token or HF_TOKEN; for a gated model, request access on its Hub page"
)

# A failure while reading a response body (after the transport's own retries,
# which cover everything up to the headers) is tried once more.
BODY_RETRIES = 1
T = TypeVar("T")

ErrorKind = Literal["gated", "not_found", "revision", "disabled", "entry", "network", "other"]


def resolve_endpoint(endpoint: str | None = None) -> str:
    """The Hub base URL to use: argument, else HF_ENDPOINT, else the public Hub."""
    value = endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT
    return value.rstrip("/")


@dataclass(frozen=True)
class HubClient:
    """One audit's view of the Hub: endpoint, token and the real client."""

    endpoint: str
    token: str | None
    api: HfApi

    @classmethod
    def create(cls, endpoint: str | None, token: str | None) -> HubClient:
        """A client for the resolved endpoint that sends `token`, or no token at all."""
        # Unless the user chose otherwise: no extra request per process to the
        # client's agent-harness endpoint (read once, when huggingface_hub loads).
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        from huggingface_hub import HfApi

        from openaudit.sources import hub_http

        hub_http.install()

        url = resolve_endpoint(endpoint)
        api = HfApi(
            endpoint=url,
            token=token or False,
            library_name="openaudit",
            library_version=__version__,
        )
        return cls(url, token or None, api)

    @property
    def shown_endpoint(self) -> str:
        """The endpoint as messages may show it: credentials and query values masked."""
        return redact_ref(self.endpoint)

    @property
    def auth(self) -> str | bool:
        """What the client gets as `token`: the token, or False for "send none"."""
        return self.token or False

    def scrub(self, text: str) -> str:
        """The text with the token (if any) masked, on one line, kept short."""
        secrets = (self.token,) if self.token else ()
        line = " ".join(redact(text, (*secrets, *url_secrets(self.endpoint))).split())
        return line if len(line) <= 160 else line[:157] + "..."

    def model_info(
        self, repo_id: str, revision: str | None, *, files_metadata: bool
    ) -> tuple[ModelInfo, dict[str, Any] | None]:
        """model_info and the card data as plain JSON, tolerating card data the client rejects."""
        from huggingface_hub.errors import BadRequestError, HFValidationError

        try:
            info = retrying(
                lambda: self.api.model_info(
                    repo_id,
                    revision=revision,
                    files_metadata=files_metadata,
                    token=self.auth,
                )
            )
        except (BadRequestError, HFValidationError):
            raise
        except (KeyError, TypeError, ValueError):
            # ModelCardData raises on some model-index shapes even with ignore_metadata_errors.
            return retrying(
                lambda: self._raw_model_info(repo_id, revision, files_metadata=files_metadata)
            )
        return info, card_dict(info.card_data)

    def _raw_model_info(
        self, repo_id: str, revision: str | None, *, files_metadata: bool
    ) -> tuple[ModelInfo, dict[str, Any] | None]:
        from huggingface_hub import get_session, hf_raise_for_status

        path = f"{self.endpoint}/api/models/{repo_id}"
        if revision is not None:
            path += f"/revision/{_quote(revision)}"
        params = {"blobs": True} if files_metadata else {}
        response = get_session().get(path, headers=self.headers(), params=params)
        hf_raise_for_status(response)
        return info_from_json(response.json())

    def dataset_info(self, repo_id: str) -> DatasetInfo:
        """dataset_info for one dataset repo, with this client's token and timeout."""
        return retrying(lambda: self.api.dataset_info(repo_id, token=self.auth))

    def branches(self, repo_id: str) -> tuple[str, ...] | None:
        """The model's branch names (intermediate checkpoints often live there); None when
        the Hub does not list refs (an endpoint answering 404)."""
        from huggingface_hub import errors

        try:
            refs = retrying(lambda: self.api.list_repo_refs(repo_id, token=self.auth))
        except errors.HfHubHTTPError as exc:
            if exc.response is not None and exc.response.status_code == 404:
                return None
            raise
        return tuple(branch.name for branch in refs.branches)

    def headers(self) -> dict[str, str]:
        """The HTTP headers of a direct request: user agent and the token, if any."""
        from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

        return build_hf_headers(
            token=self.auth, library_name="openaudit", library_version=__version__
        )

    def read_file(self, repo_id: str, path: str, sha: str, limit: int) -> bytes:
        """One GET of a repo file at a commit, read up to `limit` bytes (else TooLarge)."""
        return retrying(lambda: self._read_file(repo_id, path, sha, limit))

    def _read_file(self, repo_id: str, path: str, sha: str, limit: int) -> bytes:
        from huggingface_hub import get_session, hf_hub_url, hf_raise_for_status

        url = hf_hub_url(repo_id, path, revision=sha, endpoint=self.endpoint)
        with get_session().stream("GET", url, headers=self.headers()) as response:
            hf_raise_for_status(response)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise TooLarge(int(declared))
            return _read_bounded(response.iter_bytes(), limit)

    def fatal(self, exc: BaseException, repo_id: str, revision: str | None) -> OpenAuditError:
        """The one-line error for a failure to read the model itself."""
        kind = error_kind(exc)
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
        reason = self.scrub(short_reason(exc))
        if kind == "network":
            return self.network_error(exc, reason)
        if _status(exc) in (401, 403):
            message = f"the Hub refused access to {repo_id} ({reason})"
            return EvidenceUnavailable(message, hint=AUTH_HINT)
        return EvidenceUnavailable(f"could not read {repo_id} from {self.shown_endpoint}: {reason}")

    def network_error(self, exc: BaseException, reason: str) -> NetworkError:
        """The error for a Hub that could not be reached, with the remedy for its cause."""
        from huggingface_hub import errors

        from openaudit.sources.hub_http import HubUnavailable

        if isinstance(exc, errors.OfflineModeIsEnabled):
            return NetworkError(f"cannot reach the Hub at {self.shown_endpoint}", hint=OFFLINE_HINT)
        cause = exc.kind if isinstance(exc, HubUnavailable) else "connection"
        if cause == "timeout":
            message = f"the Hub at {self.shown_endpoint} did not answer: {reason}"
            return NetworkError(message, hint=TIMEOUT_HINT)
        if cause == "rate_limited":
            message = f"the Hub at {self.shown_endpoint} is rate-limiting requests: {reason}"
            return NetworkError(message, hint=RATE_HINT)
        if cause == "server":
            return NetworkError(
                f"the Hub at {self.shown_endpoint} failed: {reason}", hint=SERVER_HINT
            )
        message = f"could not reach the Hub at {self.shown_endpoint}: {reason}"
        return NetworkError(message, hint=NETWORK_HINT)


class TooLarge(Exception):
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
            raise TooLarge(len(body), exact=False)  # the server sends more than it listed
    return bytes(body)


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


# -- conversions -------------------------------------------------------------------


def info_from_json(data: dict[str, Any]) -> tuple[ModelInfo, dict[str, Any] | None]:
    """A model's API JSON as the client's ModelInfo, and its card data as plain JSON.

    The card data is kept out of ModelInfo, whose ModelCardData raises on some
    shapes (model-index) even with ignore_metadata_errors.
    """
    from huggingface_hub.hf_api import ModelInfo

    data = dict(data)
    card = data.pop("cardData", None)
    data.pop("card_data", None)
    info = ModelInfo(**data)  # type: ignore[no-untyped-call]
    return info, _card_json(card) if isinstance(card, dict) else None


def repo_files(siblings: list[RepoSibling] | None) -> tuple[RepoFile, ...]:
    """The first MAX_FILES entries of a repo listing, with their sizes."""
    return tuple(RepoFile(s.rfilename, s.size) for s in (siblings or [])[:MAX_FILES])


def gated_flag(value: Any) -> bool | str:
    """The Hub's `gated` value: its mode ("auto", "manual") or a plain bool."""
    return value if isinstance(value, str) else bool(value)


def card_dict(card_data: Any) -> dict[str, Any] | None:
    """The client's CardData as a plain JSON dict (None when absent or unconvertible),
    `base_model` and `datasets` entries written as Hub URLs read as ids (hub_refs)."""
    to_dict: Callable[[], Any] | None = getattr(card_data, "to_dict", None)
    if to_dict is None:
        return None
    try:
        return _card_json(to_dict())
    except (TypeError, ValueError, KeyError):
        return None


def _card_json(value: dict[str, Any]) -> dict[str, Any]:
    """Card data as plain JSON, a Hub URL under `base_model`/`datasets` read as its id."""
    result: dict[str, Any] = json.loads(json.dumps(value, default=str))
    return with_repo_ids(result)[0]


# -- error mapping -----------------------------------------------------------------


def client_errors() -> tuple[type[Exception], ...]:
    """What the client and its HTTP stack raise for a failed or malformed exchange."""
    import httpx2

    # RecursionError: json.loads of a deeply nested answer from a hostile endpoint
    return (OSError, ValueError, KeyError, RecursionError, httpx2.HTTPError, httpx2.InvalidURL)


def retrying(call: Callable[[], T]) -> T:
    """`call()`, tried once more when its response body broke off.

    The transport (hub_http) retries everything up to a response's headers and
    raises HubUnavailable when it gives up; that is final.
    """
    from openaudit.sources.hub_http import HubUnavailable

    for _ in range(BODY_RETRIES):
        try:
            return call()
        except client_errors() as exc:
            if isinstance(exc, HubUnavailable) or error_kind(exc) != "network":
                raise
    return call()


def error_kind(exc: BaseException) -> ErrorKind:
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


def _status(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def _is_validation_error(exc: BaseException) -> bool:
    from huggingface_hub.errors import HFValidationError

    return isinstance(exc, HFValidationError)


def short_reason(exc: BaseException) -> str:
    """A short reason for a failed exchange: the HTTP status, or the exception's first line."""
    from huggingface_hub import errors

    if isinstance(exc, errors.OfflineModeIsEnabled):
        return "offline mode is enabled (HF_HUB_OFFLINE)"
    if isinstance(exc, errors.HfHubHTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code}"
    from openaudit.sources.hub_http import HubUnavailable

    if isinstance(exc, HubUnavailable):
        return str(exc)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__
