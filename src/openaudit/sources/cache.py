"""The on-disk evidence cache: a Hub model's evidence, keyed by repo and commit sha.

A commit's files never change, so evidence read at a sha can be reused: a re-run
costs only the `model_info` that tells the current sha (nothing at all for a
model from a listing, which carries its sha). What the evidence links to (dataset
and base-model facts) is kept as it was when the commit was first audited.

Layout, under the platform's user cache dir (`platformdirs`) or `--cache-dir`:

    v2/<org>/<name>/<sha>.json          evidence read without a token
    v2/<org>/<name>/<sha>.token.json    evidence read with a token (never served to a
                                        run without one: it may hold gated files)
    v2/<org>/<name>/refs/<revision>     the sha last seen for a revision (for --offline)

Entries are written to a temporary file and renamed, so two runs sharing the cache
never see half an entry. An entry that does not load (truncated, edited, from
another version) is ignored and fetched again. Private models are not cached.
The token itself is never written: evidence holds none.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from openaudit.errors import OpenAuditError
from openaudit.evidence import Evidence

LAYOUT = "v2"  # bump when Evidence changes shape, so old entries are not read
_SHA_RE = re.compile(r"[0-9a-f]{40}")


def default_cache_dir() -> Path:
    """The platform's user cache dir for openaudit's evidence."""
    from platformdirs import user_cache_path

    return user_cache_path("openaudit", appauthor=False) / "evidence"


@dataclass(frozen=True)
class EvidenceCache:
    """Evidence by (repo, sha, token or not); `offline` means: never ask the Hub."""

    root: Path
    offline: bool = False

    def get(self, repo_id: str, sha: str | None, *, token: bool) -> Evidence | None:
        """The cached evidence of `repo_id` at `sha`, or None (missing or unreadable)."""
        path = self._entry(repo_id, sha, token=token)
        if path is None or not path.is_file():
            return None
        from openaudit.sources.saved import load_saved

        try:
            evidence = load_saved(path)
        except (OpenAuditError, OSError, ValueError):
            return None  # corrupt or from another version: fetched again and overwritten
        if evidence.repo_id != repo_id or evidence.sha != sha:
            return None
        return evidence

    def latest(self, repo_id: str, revision: str | None, *, token: bool) -> Evidence | None:
        """For --offline: the evidence of the sha last seen for `revision` (default main)."""
        pointer = self._pointer(repo_id, revision)
        try:
            sha = pointer.read_text(encoding="ascii").strip() if pointer else None
        except (OSError, UnicodeDecodeError):
            return None
        found = self.get(repo_id, sha, token=token)
        if found is None and token:  # a token run may use what a tokenless run saw
            found = self.get(repo_id, sha, token=False)
        return found

    def put(self, evidence: Evidence, revision: str | None, *, token: bool) -> None:
        """Store the evidence (not for private models); a failed write is not an error."""
        if evidence.private or evidence.repo_id is None:
            return
        path = self._entry(evidence.repo_id, evidence.sha, token=token)
        pointer = self._pointer(evidence.repo_id, revision)
        if path is None or pointer is None or evidence.sha is None:
            return
        from openaudit.sources.saved import save_evidence

        with contextlib.suppress(OSError):
            _atomic_write(path, save_evidence(evidence, None))
            _atomic_write(pointer, evidence.sha + "\n")

    def _folder(self, repo_id: str) -> Path | None:
        from openaudit.refs import is_repo_id

        if not is_repo_id(repo_id) or "/" not in repo_id:
            return None
        return self.root / LAYOUT / repo_id

    def _entry(self, repo_id: str, sha: str | None, *, token: bool) -> Path | None:
        folder = self._folder(repo_id)
        if folder is None or sha is None or not _SHA_RE.fullmatch(sha):
            return None
        return folder / (f"{sha}.token.json" if token else f"{sha}.json")

    def _pointer(self, repo_id: str, revision: str | None) -> Path | None:
        folder = self._folder(repo_id)
        name = quote(revision or "main", safe="")
        if folder is None or name in (".", "..") or len(name) > 255:
            return None
        return folder / "refs" / name


def _atomic_write(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
