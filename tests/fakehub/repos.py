"""Fixture repositories for the fake Hub, loaded from tests/fixtures/hub/.

Layout: ``<root>/models/<org>/<name>/`` and ``<root>/datasets/<org>/<name>/``.
Every file in a repo folder except ``hub.json`` is a repo file; ``hub.json``
holds what the Hub knows beyond the files (sha, gating, tags, big files that
are listed with a size but whose bytes are synthesised only when requested).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FIXTURES_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "hub"
# The Hub's own front-matter regex (huggingface_hub.repocard.REGEX_YAML_BLOCK).
_YAML_BLOCK = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")
_MAX_CARD_NODES = 50_000  # the fake refuses card data that would expand past this (YAML bombs)
_SYNTH_CHUNK = 64 * 1024
POINTER_SIZE = 134


def git_blob_sha1(data: bytes) -> str:
    """The git object id of a blob, what the Hub sends as the ETag of a small file."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass(frozen=True)
class RepoEntry:
    """One file of a fixture repo: real bytes, or a synthesised large file."""

    path: str
    size: int
    data: bytes | None  # None: synthesised (an LFS file listed in hub.json extra_files)
    # A lying server (hub.json "serve"): the body sent is this many bytes, whatever the
    # listed size; without `content_length` the body is sent with no Content-Length.
    served_size: int | None = None
    content_length: bool = True

    @property
    def is_lfs(self) -> bool:
        return self.data is None

    @property
    def etag(self) -> str:
        if self.data is not None:
            return git_blob_sha1(self.data)
        return hashlib.sha256(f"{self.path}:{self.size}".encode()).hexdigest()

    @property
    def blob_id(self) -> str:
        return hashlib.sha1(f"{self.path}:{self.size}".encode()).hexdigest()

    def chunks(self) -> Iterator[bytes]:
        """The file body, synthesised in chunks when it has no stored bytes."""
        if self.served_size is not None:
            yield from self._served_chunks(self.served_size)
            return
        if self.data is not None:
            yield self.data
            return
        yield from _synthesised(self.size)

    def _served_chunks(self, size: int) -> Iterator[bytes]:
        """`size` bytes: the stored data (if any), then synthesised padding."""
        head = (self.data or b"")[:size]
        yield head
        yield from _synthesised(size - len(head))


def _synthesised(size: int) -> Iterator[bytes]:
    """`size` bytes of filler text, in chunks."""
    remaining = size
    pattern = (b"openaudit fake hub synthesised content\n" * 2000)[:_SYNTH_CHUNK]
    while remaining > 0:
        piece = pattern[: min(remaining, _SYNTH_CHUNK)]
        remaining -= len(piece)
        yield piece


@dataclass(frozen=True)
class FixtureRepo:
    """A model or dataset repo served by the fake Hub."""

    repo_type: str  # "model" | "dataset"
    repo_id: str
    sha: str
    files: dict[str, RepoEntry]
    gated: bool | str = False
    private: bool = False
    tags: tuple[str, ...] = ()
    library_name: str | None = None
    pipeline_tag: str | None = None
    revisions: tuple[str, ...] = ("main",)
    allowed_tokens: tuple[str, ...] = ()
    gate_api: bool = False  # the API (model_info) is gated too, not only file contents
    card_data: dict[str, Any] | None = None
    extra_info: dict[str, Any] = field(default_factory=dict)

    def has_revision(self, revision: str) -> bool:
        return revision == self.sha or revision in self.revisions

    def all_tags(self) -> list[str]:
        """hub.json tags plus the `license:` tags the Hub derives from the card."""
        tags = list(self.tags)
        licence = (self.card_data or {}).get("license")
        for value in licence if isinstance(licence, list) else [licence]:
            if isinstance(value, str) and f"license:{value}" not in tags:
                tags.append(f"license:{value}")
        return tags


def card_data_from_readme(data: bytes | None) -> dict[str, Any] | None:
    """What the Hub serves as cardData: the README front matter, when it is a valid mapping."""
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    match = _YAML_BLOCK.search(text)
    if match is None:
        return None
    try:
        loaded = yaml.safe_load(match.group(2))
    except yaml.YAMLError:
        return None
    if not isinstance(loaded, dict) or not _small_enough(loaded):
        return None
    result: dict[str, Any] = json.loads(json.dumps(loaded, default=str))
    return result


def _small_enough(value: Any) -> bool:
    """False when the value (counting shared alias references again) has too many nodes."""
    budget = _MAX_CARD_NODES
    stack = [value]
    while stack:
        budget -= 1
        if budget < 0:
            return False
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def load_repo(folder: Path, repo_type: str, repo_id: str) -> FixtureRepo:
    """Load one fixture repo folder."""
    meta = json.loads((folder / "hub.json").read_text("utf-8"))
    files: dict[str, RepoEntry] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel != "hub.json":
            data = path.read_bytes()
            files[rel] = RepoEntry(rel, len(data), data)
    for extra in meta.get("extra_files", []):
        files[extra["path"]] = RepoEntry(extra["path"], int(extra["size"]), None)
    files.update(_synth_files(meta.get("synth_files")))
    for path, served in meta.get("serve", {}).items():
        entry = files[path]
        files[path] = replace(
            entry,
            served_size=int(served["size"]),
            content_length=bool(served.get("content_length", True)),
        )
    readme = files.get("README.md")
    return FixtureRepo(
        repo_type=repo_type,
        repo_id=repo_id,
        sha=meta["sha"],
        files=dict(sorted(files.items())),
        gated=meta.get("gated", False),
        private=meta.get("private", False),
        tags=tuple(meta.get("tags", ())),
        library_name=meta.get("library_name"),
        pipeline_tag=meta.get("pipeline_tag"),
        revisions=tuple(meta.get("revisions", ("main",))),
        allowed_tokens=tuple(meta.get("allowed_tokens", ())),
        gate_api=bool(meta.get("gate_api", False)),
        card_data=_served_card_data(readme.data if readme else None, meta),
        extra_info=dict(meta.get("extra_info", {})),
    )


def _served_card_data(readme: bytes | None, meta: dict[str, Any]) -> dict[str, Any] | None:
    """The cardData served: the README's front matter less the keys hub.json lists in
    "card_data_without" (the Hub's card data can differ from the README: it may leave out
    a value it does not take, such as a URL where a repo id belongs)."""
    card = card_data_from_readme(readme)
    dropped = set(meta.get("card_data_without", ()))
    if card is None or not dropped:
        return card
    return {key: value for key, value in card.items() if key not in dropped}


def _synth_files(spec: dict[str, Any] | None) -> dict[str, RepoEntry]:
    """hub.json "synth_files": {"count", "pattern" (with {i}), "size"}: many listed files."""
    if not spec:
        return {}
    pattern, size = spec["pattern"], int(spec.get("size", 1))
    paths = (pattern.format(i=i) for i in range(int(spec["count"])))
    return {path: RepoEntry(path, size, None) for path in paths}


def load_repos(root: Path = FIXTURES_ROOT) -> dict[tuple[str, str], FixtureRepo]:
    """All fixture repos under root, keyed by (repo_type, repo_id).

    Read once per process (the fixtures do not change while the suite runs; every
    module and the fake Hub ask for them); each caller gets its own dict."""
    return dict(_load_repos(root))


@cache
def _load_repos(root: Path) -> dict[tuple[str, str], FixtureRepo]:
    repos: dict[tuple[str, str], FixtureRepo] = {}
    for kind_dir, repo_type in (("models", "model"), ("datasets", "dataset")):
        for hub_json in sorted((root / kind_dir).glob("*/*/hub.json")):
            folder = hub_json.parent
            repo_id = f"{folder.parent.name}/{folder.name}"
            repos[(repo_type, repo_id)] = load_repo(folder, repo_type, repo_id)
    return repos
