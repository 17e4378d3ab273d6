"""Bounded reading of a Hub model's small text files: README.md and licence files.

Each file is fetched at the resolved commit, refused over its size limit and
decoded as UTF-8; a file that cannot be read becomes a problem, not an error,
except a network failure, which is fatal to the audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from openaudit.evidence import BaseCard, LinkedRepo, Problem, TextFile
from openaudit.limits import MAX_CONFIG_BYTES, MAX_LICENSE_BYTES, MAX_README_BYTES
from openaudit.sources.config_files import is_config_file
from openaudit.sources.hub_client import (
    HubClient,
    TooLarge,
    client_errors,
    error_kind,
    short_reason,
)
from openaudit.sources.license_files import is_license_file

if TYPE_CHECKING:
    from huggingface_hub.hf_api import RepoSibling

MAX_LICENSE_FILES = 8  # licence-like files read per model
GATED_README = (
    "gated: file contents need approved access; metadata served by the Hub API was audited"
)
GATED_FILE = "gated: file contents need approved access"
GATED_BASE_CARD = "gated: its README.md needs approved access; not read"


@dataclass(frozen=True)
class FileRead:
    """A text file's content (None when unread), why it was not read, and whether it is gated."""

    text: str | None
    problem: str | None = None
    gated: bool = False


def licence_siblings(siblings: list[RepoSibling]) -> list[RepoSibling]:
    """The licence-like files to read, at most MAX_LICENSE_FILES."""
    return [s for s in siblings if is_license_file(s.rfilename)][:MAX_LICENSE_FILES]


def licence_count_problem(siblings: list[RepoSibling]) -> tuple[Problem, ...]:
    """The problem to report when more licence files are listed than are read."""
    count = sum(1 for s in siblings if is_license_file(s.rfilename))
    if count <= MAX_LICENSE_FILES:
        return ()
    message = f"{count} licence files; only the first {MAX_LICENSE_FILES} were read"
    return (Problem("license_files", message),)


def read_readme(hub: HubClient, repo_id: str, sha: str, siblings: list[RepoSibling]) -> FileRead:
    """The README text (or None) and the problem to report when it could not be read."""
    sibling = next((s for s in siblings if s.rfilename == "README.md"), None)
    if sibling is None:
        return FileRead(None, "no README.md in the repository")
    result = _read_text(hub, repo_id, sha, "README.md", sibling.size, MAX_README_BYTES)
    return FileRead(None, GATED_README, gated=True) if result.gated else result


def read_base_card(hub: HubClient, base: LinkedRepo) -> BaseCard:
    """A base model's README text, bounded as the model's own (one request, none when the
    base lists no README.md), or the problem that kept it unread."""
    listed = next((f for f in base.files if f.path == "README.md"), None)
    if listed is None:
        return BaseCard(base.repo_id, None, "no README.md in the repository")
    sha = base.sha or "main"
    result = _read_text(hub, base.repo_id, sha, "README.md", listed.size, MAX_README_BYTES)
    problem = GATED_BASE_CARD if result.gated else result.problem
    return BaseCard(base.repo_id, result.text, problem, base.sha)


def read_licence(hub: HubClient, repo_id: str, sha: str, sibling: RepoSibling) -> TextFile:
    """One licence file's text, or the problem that kept it unread."""
    path = sibling.rfilename
    result = _read_text(hub, repo_id, sha, path, sibling.size, MAX_LICENSE_BYTES)
    problem = GATED_FILE if result.gated else result.problem
    return TextFile(path=path, text=result.text, size=sibling.size, problem=problem)


def config_siblings(siblings: list[RepoSibling]) -> list[RepoSibling]:
    """The configuration files to read (adapter_config.json), when listed."""
    return [s for s in siblings if is_config_file(s.rfilename)]


def read_config(hub: HubClient, repo_id: str, sha: str, sibling: RepoSibling) -> TextFile:
    """One configuration file's text (bounded; parsed later as JSON, never run)."""
    path = sibling.rfilename
    result = _read_text(hub, repo_id, sha, path, sibling.size, MAX_CONFIG_BYTES)
    problem = GATED_FILE if result.gated else result.problem
    return TextFile(path=path, text=result.text, size=sibling.size, problem=problem)


def _read_text(
    hub: HubClient, repo_id: str, sha: str, path: str, size: int | None, limit: int
) -> FileRead:
    """Fetch and decode one small text file; network failures are fatal, the rest reported."""
    if size is not None and size > limit:
        return FileRead(None, _over_limit(path, size, limit))
    try:
        data = hub.read_file(repo_id, path, sha, limit)
    except TooLarge as exc:
        return FileRead(None, _over_limit(path, exc.size, limit, exact=exc.exact))
    except client_errors() as exc:
        kind = error_kind(exc)
        if kind == "gated":
            return FileRead(None, gated=True)
        if kind == "network":
            raise
        return FileRead(None, hub.scrub(f"{path} could not be read: {short_reason(exc)}"))
    return _decode(path, data)


def _decode(path: str, data: bytes) -> FileRead:
    if b"\x00" in data:
        return FileRead(None, f"{path} is binary, not text")
    try:
        return FileRead(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return FileRead(None, f"{path} is not valid UTF-8")


def _over_limit(path: str, size: int, limit: int, *, exact: bool = True) -> str:
    if not exact:  # the body outgrew what the listing said; its real size is unknown
        return f"{path} is over the {_binary_size(limit)} limit; not read"
    return f"{path} is {_decimal_size(size)}, over the {_binary_size(limit)} limit; not read"


_DECIMAL_UNITS = (("GB", 10**9), ("MB", 10**6), ("kB", 10**3))
_BINARY_UNITS = (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10))


def _decimal_size(size: int) -> str:
    return _size(size, _DECIMAL_UNITS)


def _binary_size(size: int) -> str:
    return _size(size, _BINARY_UNITS)


def _size(size: int, units: tuple[tuple[str, int], ...]) -> str:
    """`size` in the largest unit it reaches, to one decimal; plain bytes below them all."""
    for unit, factor in units:
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"
