"""A fake Hugging Face Hub on 127.0.0.1, good enough for the real huggingface_hub client.

It serves the fixture repos with the endpoints, headers and error codes the
client relies on (see shared/research/hf_hub.md §2-§4, §11): model and dataset
info (with ``?blobs=true`` sizes), trees, resolve HEAD/GET with X-Repo-Commit,
per-content ETag and a real Content-Length, and X-Error-Code on every error.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from urllib.parse import parse_qs, parse_qsl, unquote, urlencode, urlsplit

from .repos import FIXTURES_ROOT, POINTER_SIZE, FixtureRepo, RepoEntry, load_repos

FaultMode = Literal["close", "500", "503", "429", "401"]
# Fields a listing item carries when no `expand` is asked for (like the real Hub's default).
_LIST_DEFAULT = (
    "id",
    "modelId",
    "likes",
    "downloads",
    "tags",
    "pipeline_tag",
    "library_name",
    "createdAt",
    "private",
)
_DATE = "2024-05-01T12:00:00.000Z"
_JSON = "application/json; charset=utf-8"


@dataclass(frozen=True)
class RequestRecord:
    """One request the fake served; never holds the token value."""

    method: str
    path: str  # URL-decoded path, without the query
    query: str
    authorized: bool


class _HubError(Exception):
    def __init__(self, status: int, code: str | None, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class FakeHub:
    """The fake Hub server. Use as a context manager, or call start()/stop()."""

    def __init__(
        self, root: Path = FIXTURES_ROOT, *, latency: float = 0.0, page_size: int = 100
    ) -> None:
        self.repos = load_repos(root)
        self.latency = latency
        self.refs_listed = True  # False: /refs answers a bare 404, as a Hub without it would
        self.page_size = page_size  # models per page of a listing (`Link: rel="next"` after)
        self.retry_after = "0"  # the Retry-After value sent with an injected 429
        self._chaos: tuple[random.Random, tuple[tuple[FaultMode, float], ...]] | None = None
        self._log: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._faults: list[FaultMode | None] = []
        self._in_flight = 0
        self.peak_in_flight = 0  # most requests being answered at once since reset()
        self._hold_from: int | None = None  # requests from this index on wait for release()
        self._gate = threading.Event()
        self._held = 0  # requests being held now
        self._held_changed = threading.Condition(self._lock)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------
    def start(self) -> FakeHub:
        handler = type("Handler", (_Handler,), {"hub": self})
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeHub:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "FakeHub is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- request log and fault injection --------------------------------
    @property
    def requests(self) -> list[RequestRecord]:
        """A copy of the requests served since the last reset()."""
        with self._lock:
            return list(self._log)

    def paths(self, method: str | None = None) -> list[str]:
        """The paths requested, optionally only those of one method."""
        return [r.path for r in self.requests if method is None or r.method == method]

    def reset(self) -> None:
        """Forget logged requests and pending faults; let any held request go."""
        self.release()
        with self._lock:
            self._log.clear()
            self._faults.clear()
            self._chaos = None
            self.peak_in_flight = 0
            self.refs_listed = True
            self.retry_after = "0"

    def fail_next(self, count: int = 1, mode: FaultMode = "close", *, after: int = 0) -> None:
        """Make `count` requests fail, after `after` good ones: drop the connection, or 500/503.

        Only model_info/dataset_info and single-file GETs are safe to fail: the
        client retries HEAD and paged calls for about 23 s (hf_hub.md §5).
        """
        with self._lock:
            self._faults.extend([None] * after + [mode] * count)

    def hold(self, *, after: int = 0) -> None:
        """Answer `after` more requests, then hold every later one unanswered until release().

        A test calls wait_held() to know, without a clock, that requests are in flight.
        """
        with self._lock:
            self._hold_from = len(self._log) + after
            self._gate.clear()

    def wait_held(self, count: int = 1, timeout: float = 60.0) -> bool:
        """Wait until `count` requests are being held at once; False after `timeout` seconds
        (a bound for a broken test, never reached when the code under test is right)."""
        with self._held_changed:
            return self._held_changed.wait_for(lambda: self._held >= count, timeout)

    def release(self) -> None:
        """Let held requests (and later ones) through."""
        with self._lock:
            self._hold_from = None
        self._gate.set()

    def _wait_if_held(self, index: int) -> None:
        with self._lock:
            held = self._hold_from is not None and index >= self._hold_from
        if not held:
            return
        with self._held_changed:
            self._held += 1
            self._held_changed.notify_all()
        self._gate.wait()
        with self._held_changed:
            self._held -= 1

    def chaos(self, rates: dict[FaultMode, float], *, seed: int = 0) -> None:
        """Fail a random share of all later requests: e.g. {"429": 0.05, "500": 0.05}."""
        with self._lock:
            self._chaos = (random.Random(seed), tuple(rates.items()))

    def _record(self, record: RequestRecord) -> tuple[FaultMode | None, int]:
        with self._lock:
            self._log.append(record)
            return self._next_fault(), len(self._log) - 1

    def _next_fault(self) -> FaultMode | None:
        if self._faults:
            return self._faults.pop(0)
        if self._chaos is not None:
            rng, rates = self._chaos
            draw = rng.random()
            for mode, rate in rates:
                if draw < rate:
                    return mode
                draw -= rate
        return None

    def _enter(self) -> None:
        with self._lock:
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def find(self, repo_type: str, repo_id: str) -> FixtureRepo | None:
        return self.repos.get((repo_type, repo_id))


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up (a retry, a timeout) is not the server's problem


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    hub: FakeHub

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle(head=False)

    def do_HEAD(self) -> None:
        self._handle(head=True)

    # -- dispatch --------------------------------------------------------
    def _handle(self, *, head: bool) -> None:
        split = urlsplit(self.path)
        token = self._token()
        fault, index = self.hub._record(
            RequestRecord(self.command, unquote(split.path), split.query, token is not None)
        )
        self.hub._wait_if_held(index)
        if self.hub.latency:
            self.hub._enter()  # with a latency, overlapping requests show concurrency
            time.sleep(self.hub.latency)
            self.hub._leave()
        if fault == "close":
            self.close_connection = True
            return
        if fault == "429":
            self._send_error(_HubError(429, None, "Too Many Requests"), rate_limited=True)
            return
        if fault is not None:
            self._send_error(_HubError(int(fault), None, "Internal Error"))
            return
        try:
            parts = [unquote(p) for p in split.path.strip("/").split("/")]
            self._route(parts, split.query, head, token)
        except _HubError as err:
            self._send_error(err, head=head)

    def _route(self, parts: list[str], query: str, head: bool, token: str | None) -> None:
        if parts == ["api", "models"]:
            self._list_models(query, token)
        elif len(parts) >= 4 and parts[0] == "api" and parts[1] in ("models", "datasets"):
            self._api(parts[1][:-1], f"{parts[2]}/{parts[3]}", parts[4:], query, token)
        elif len(parts) >= 6 and parts[0] == "datasets" and parts[3] == "resolve":
            self._resolve(
                "dataset", f"{parts[1]}/{parts[2]}", parts[4], "/".join(parts[5:]), head, token
            )
        elif len(parts) >= 5 and parts[2] == "resolve":
            self._resolve(
                "model", f"{parts[0]}/{parts[1]}", parts[3], "/".join(parts[4:]), head, token
            )
        else:
            raise _HubError(404, None, "Not Found")

    def _api(
        self, repo_type: str, repo_id: str, rest: list[str], query: str, token: str | None
    ) -> None:
        repo = self._repo(repo_type, repo_id, token)
        if repo.gate_api:
            _check_gate(repo, token)
        if not rest:
            self._send_json(_info(repo, "main", blobs="blobs=true" in query))
        elif rest[0] == "revision" and len(rest) == 2:
            self._send_json(
                _info(repo, _check_revision(repo, rest[1]), blobs="blobs=true" in query)
            )
        elif rest[0] == "tree" and len(rest) >= 2:
            _check_revision(repo, rest[1])
            self._send_json(_tree(repo, "/".join(rest[2:]), "recursive=true" in query))
        elif rest == ["refs"] and self.hub.refs_listed:
            branches = [r for r in repo.revisions if r != repo.sha]
            self._send_json(
                {
                    "branches": [
                        {"name": name, "ref": f"refs/heads/{name}", "targetCommit": repo.sha}
                        for name in branches
                    ],
                    "tags": [],
                    "converts": [],
                }
            )
        elif rest == ["auth-check"]:
            _check_gate(repo, token)
            self._send_json({})
        else:
            raise _HubError(404, None, "Not Found")

    def _resolve(
        self, repo_type: str, repo_id: str, rev: str, path: str, head: bool, token: str | None
    ) -> None:
        repo = self._repo(repo_type, repo_id, token)
        _check_gate(repo, token)
        _check_revision(repo, rev)
        entry = repo.files.get(path)
        if entry is None:
            raise _HubError(404, "EntryNotFound", f'{path} does not exist on "{rev}"')
        self._send_file(repo, entry, head)

    def _repo(self, repo_type: str, repo_id: str, token: str | None) -> FixtureRepo:
        repo = self.hub.find(repo_type, repo_id)
        if repo is None or (repo.private and token not in repo.allowed_tokens):
            # Like the Hub: 401 without a token, 404 with one; private looks like missing.
            raise _HubError(404 if token else 401, "RepoNotFound", "Repository not found")
        return repo

    def _list_models(self, query: str, token: str | None) -> None:
        """GET /api/models: author, search, filter (all must match), limit, expand, cursor."""
        params = parse_qs(query)
        author = params.get("author", [None])[0]
        search = params.get("search", [""])[0].lower()
        filters = params.get("filter", [])
        limit = int(params.get("limit", ["0"])[0] or 0)
        start = int(params.get("cursor", ["0"])[0])
        matching = [
            repo
            for (kind, repo_id), repo in sorted(self.hub.repos.items())
            if kind == "model"
            and not (repo.private and token not in repo.allowed_tokens)
            and (author is None or repo_id.split("/")[0] == author)
            and search in repo_id.lower()
            and all(f in repo.all_tags() or f == repo.library_name for f in filters)
        ]
        if limit:
            matching = matching[:limit]
        page = matching[start : start + self.hub.page_size]
        expand = params.get("expand") or list(_LIST_DEFAULT)
        items = [
            {k: v for k, v in _info(repo, "main", blobs=False).items() if k in {"id", *expand}}
            for repo in page
        ]
        headers = {"Content-Type": _JSON}
        if start + self.hub.page_size < len(matching):
            rest = [(k, v) for k, v in parse_qsl(query) if k != "cursor"]
            rest.append(("cursor", str(start + self.hub.page_size)))
            headers["Link"] = f'<{self.hub.url}/api/models?{urlencode(rest)}>; rel="next"'
        body = json.dumps(items).encode()
        self._send(200, headers, len(body), [body], False)

    # -- responses -------------------------------------------------------
    def _token(self) -> str | None:
        value = self.headers.get("authorization", "")
        return value[7:] if value.lower().startswith("bearer ") else None

    def _send_json(self, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self._send(200, {"Content-Type": _JSON}, len(body), [body], False)

    def _send_file(self, repo: FixtureRepo, entry: RepoEntry, head: bool) -> None:
        headers = {
            "Content-Type": "application/octet-stream",
            "X-Repo-Commit": repo.sha,
            "ETag": f'"{entry.etag}"',
            "Accept-Ranges": "bytes",
        }
        if not entry.content_length:
            self._send_unsized(headers, entry.chunks(), head)
            return
        size = entry.size if entry.served_size is None else entry.served_size
        self._send(200, headers, size, entry.chunks(), head)

    def _send_unsized(self, headers: dict[str, str], body: Iterable[bytes], head: bool) -> None:
        """A 200 without Content-Length: the body ends when the connection closes."""
        self.close_connection = True
        self.send_response(200)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self._write_body(body)

    def _send_error(
        self, err: _HubError, *, head: bool = False, rate_limited: bool = False
    ) -> None:
        body = json.dumps({"error": err.message}).encode()
        headers = {"Content-Type": _JSON, "X-Error-Message": err.message}
        if rate_limited:
            headers["Retry-After"] = self.hub.retry_after
            headers["RateLimit"] = f'"api";r=0;t={self.hub.retry_after}'
            headers["RateLimit-Policy"] = '"fixed window";"api";q=500;w=300'
        if err.code:
            headers["X-Error-Code"] = err.code
        self._send(err.status, headers, len(body), [body], head)

    def _send(
        self, status: int, headers: dict[str, str], length: int, body: Iterable[bytes], head: bool
    ) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        if head:
            return
        self._write_body(body)

    def _write_body(self, body: Iterable[bytes]) -> None:
        try:
            for chunk in body:
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def _check_revision(repo: FixtureRepo, rev: str) -> str:
    if not repo.has_revision(rev):
        raise _HubError(404, "RevisionNotFound", f"Invalid rev id: {rev}")
    return rev


def _check_gate(repo: FixtureRepo, token: str | None) -> None:
    if repo.gated and token not in repo.allowed_tokens:
        if token is None:
            raise _HubError(
                401,
                "GatedRepo",
                f"Access to model {repo.repo_id} is restricted. You must have access to it "
                "and be authenticated to access it. Please log in.",
            )
        raise _HubError(
            403,
            "GatedRepo",
            f"Access to model {repo.repo_id} is restricted and you are not in the authorized list.",
        )


def _info(repo: FixtureRepo, rev: str, *, blobs: bool) -> dict[str, Any]:
    org = repo.repo_id.split("/")[0]
    info: dict[str, Any] = {
        "_id": repo.sha[:24],
        "id": repo.repo_id,
        "author": org,
        "sha": repo.sha,
        "lastModified": _DATE,
        "createdAt": _DATE,
        "private": repo.private,
        "gated": repo.gated,
        "disabled": False,
        "downloads": 0,
        "likes": 0,
        "tags": repo.all_tags(),
        "siblings": [_sibling(e, blobs) for e in repo.files.values()],
        **repo.extra_info,
    }
    if repo.repo_type == "model":
        info["modelId"] = repo.repo_id
        info["library_name"] = repo.library_name
        info["pipeline_tag"] = repo.pipeline_tag
    if repo.card_data is not None:
        info["cardData"] = repo.card_data
    return info


def _sibling(entry: RepoEntry, blobs: bool) -> dict[str, Any]:
    sibling: dict[str, Any] = {"rfilename": entry.path}
    if blobs:
        sibling.update(size=entry.size, blobId=entry.blob_id)
        if entry.is_lfs:
            sibling["lfs"] = {"sha256": entry.etag, "size": entry.size, "pointerSize": POINTER_SIZE}
    return sibling


def _tree(repo: FixtureRepo, prefix: str, recursive: bool) -> list[dict[str, Any]]:
    base = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    entries: dict[str, dict[str, Any]] = {}
    for entry in repo.files.values():
        if not entry.path.startswith(base):
            continue
        rest = entry.path[len(base) :]
        if "/" in rest and not recursive:
            directory = base + rest.split("/")[0]
            entries.setdefault(directory, _directory(directory))
            continue
        if recursive:
            for depth in range(1, rest.count("/") + 1):
                directory = base + "/".join(rest.split("/")[:depth])
                entries.setdefault(directory, _directory(directory))
        entries[entry.path] = _tree_file(entry)
    return list(entries.values())


def _directory(path: str) -> dict[str, Any]:
    return {"type": "directory", "oid": "0" * 40, "size": 0, "path": path}


def _tree_file(entry: RepoEntry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": "file",
        "oid": entry.blob_id,
        "size": entry.size,
        "path": entry.path,
    }
    if entry.is_lfs:
        item["lfs"] = {"oid": entry.etag, "size": entry.size, "pointerSize": POINTER_SIZE}
    return item
