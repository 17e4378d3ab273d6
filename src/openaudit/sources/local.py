"""The local source: a model release folder on disk, typically one being prepared.

Nothing is followed out of the folder (symlinks pointing outside, in a loop or
nowhere are listed, never read), weight files are listed by size and never opened,
and every read and the walk itself (files, directories) are bounded by
`openaudit.limits`; every cut is reported as a problem.
"""

from __future__ import annotations

import errno
import itertools
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from openaudit.card import parse_card
from openaudit.errors import UsageError
from openaudit.evidence import Evidence, LinkedRepo, Problem, RepoFile, RepoType, TextFile
from openaudit.limits import (
    MAX_CONFIG_BYTES,
    MAX_DATASETS,
    MAX_DIRECTORIES,
    MAX_FILES,
    MAX_LICENSE_BYTES,
    MAX_README_BYTES,
)
from openaudit.refs import show
from openaudit.sources.card_repo_ids import card_ids
from openaudit.sources.config_files import CONFIG_FILES
from openaudit.sources.license_files import is_license_file, unread_problems
from openaudit.weight_formats import weight_format

README_NAMES = ("README.md", "readme.md")
NOT_LOOKED_UP = "a local audit has no Hub access"  # why a linked repo was not looked up
LinkTrouble = Literal["outside", "loop", "broken"]
LINK_TROUBLE: dict[LinkTrouble, str] = {
    "outside": "symlink points outside the model folder; not followed",
    "loop": "symlink loop; not followed",
    "broken": "symlink to nothing (its target does not exist)",
}
LINK_SUMMARY: dict[LinkTrouble, str] = {
    "outside": "point outside the model folder; not followed",
    "loop": "form a loop; not followed",
    "broken": "lead to nothing (their targets do not exist)",
}
log = logging.getLogger(__name__)


class _Unreadable(Exception):
    """A file that exists but cannot be read as bounded text; the message says why."""


@dataclass
class _Listing:
    files: list[RepoFile] = field(default_factory=list)
    truncated: bool = False  # a bound was reached: some files were not listed
    directories: int = 0  # directories walked
    links: dict[LinkTrouble, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_local(path: Path) -> Evidence:
    """Read the evidence of the model folder at `path` (`ref` is the path as given)."""
    root = _check_folder(path)
    log.info("listing %s (local folder, no Hub access)", root)
    listing = _list_files(root)
    log.info(
        "%d files in %d folders listed; reading README.md and licence files",
        len(listing.files),
        listing.directories,
    )
    readme, problems = _read_readme(root)
    metadata = _card_metadata(readme)
    datasets, dataset_problems = _linked(metadata, "datasets", "dataset")
    base_models, base_problems = _linked(metadata, "base_model", "model")
    problems += dataset_problems + base_problems
    problems += listing.problems + _link_problems(listing.links)
    problems += _not_a_model_problem(listing.files, metadata)
    license_files = _license_files(root)
    problems += unread_problems(license_files)
    config_files = () if base_models else _config_files(root)  # matters only undeclared
    problems += unread_problems(config_files)
    return Evidence(
        ref=str(path),
        source="local",
        readme=readme,
        tags=_strings(metadata.get("tags")),
        library_name=_string(metadata.get("library_name")),
        pipeline_tag=_string(metadata.get("pipeline_tag")),
        files=tuple(sorted(listing.files, key=lambda f: f.path)),
        files_truncated=listing.truncated,
        license_files=license_files,
        config_files=config_files,
        datasets=datasets,
        base_models=base_models,
        problems=tuple(problems),
    )


def _check_folder(path: Path) -> Path:
    try:
        if path.is_dir():
            return path.resolve()
    except (OSError, ValueError):
        pass
    raise UsageError(f"not a model folder: {show(str(path))}")


def _list_files(root: Path) -> _Listing:
    """Walk `root` without following symlinks, skipping hidden directories (.git, .cache).

    The walk stops at MAX_FILES files or MAX_DIRECTORIES directories, whichever comes
    first, and never reads more entries of one directory than it could still keep; the
    cut is reported as a problem.
    """
    listing = _Listing()
    pending = [root]
    while pending and not listing.truncated:
        folder = pending.pop()
        listing.directories += 1
        if listing.directories > MAX_DIRECTORIES:
            _cut(listing, f"directory walk cut at {MAX_DIRECTORIES:,} directories")
            break
        budget = MAX_FILES - len(listing.files) + MAX_DIRECTORIES - listing.directories
        try:
            with os.scandir(folder) as entries:
                children = sorted(itertools.islice(entries, budget + 1), key=lambda e: e.name)
        except OSError as exc:
            listing.problems.append(Problem(_rel(root, folder), f"cannot list: {exc.strerror}"))
            continue
        for entry in children:
            _add_entry(root, entry, listing, pending)
            if listing.truncated:
                break
        if len(children) > budget and not listing.truncated:
            _cut(listing, f"listing cut after {budget:,} entries of {_rel(root, folder)}/")
    return listing


def _cut(listing: _Listing, what: str) -> None:
    """Stop the walk and say where, and that the files not listed were not looked at."""
    listing.truncated = True
    message = f"{what}; {len(listing.files):,} files listed, the rest not looked at"
    listing.problems.append(Problem("files", message))


def _add_entry(root: Path, entry: os.DirEntry[str], listing: _Listing, pending: list[Path]) -> None:
    if entry.is_dir(follow_symlinks=False):
        if not entry.name.startswith("."):
            pending.append(Path(entry.path))
        return
    if len(listing.files) >= MAX_FILES:
        _cut(listing, f"file listing cut at {MAX_FILES:,} files")
        return
    rel = _rel(root, Path(entry.path))
    if entry.is_symlink():
        target, trouble = _link_target(root, Path(entry.path))
        if trouble is not None:
            listing.links.setdefault(trouble, []).append(rel)
        if trouble in ("broken", "loop"):
            return  # no file behind the name: reported, never evidence of weights or code
        size = _regular_size(target) if target is not None else None
    else:
        size = _regular_size(Path(entry.path))
    listing.files.append(RepoFile(rel, size))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() or "."


def _link_target(root: Path, link: Path) -> tuple[Path | None, LinkTrouble | None]:
    """Where the symlink `link` leads inside `root`, or why it is not followed."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return None, "loop"
    except OSError as exc:
        return None, "loop" if exc.errno == errno.ELOOP else "broken"
    return (target, None) if target.is_relative_to(root) else (None, "outside")


def _inside_target(root: Path, link: Path) -> Path | None:
    """Where the symlink `link` leads, or None when that is outside `root` (or nowhere)."""
    return _link_target(root, link)[0]


def _regular_size(path: Path) -> int | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


# What marks a folder as a model release: weights, a model config, or card metadata.
MODEL_CONFIGS = (
    "config.json", "adapter_config.json", "params.json", "model_index.json", "saved_model.pb",
)  # fmt: skip


def _not_a_model_problem(files: list[RepoFile], metadata: dict[str, Any]) -> list[Problem]:
    """A warning for a folder with no weights, no model config and no card metadata: it is
    audited all the same, but is most likely not the folder the user meant. Only the
    top level counts; subfolders that hold weights or a config are named."""
    if metadata or any(_marks_a_model(f.path) for f in files if "/" not in f.path):
        return []
    models = sorted(
        {f.path.split("/")[0] for f in files if "/" in f.path and _marks_a_model(f.path)}
    )
    where = f"; its subfolder(s) {', '.join(models[:3])} do" if models else ""
    message = (
        "does not look like a model folder: no weight files, no config.json and no "
        f"model-card metadata{where}"
    )
    return [Problem("folder", message)]


def _marks_a_model(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name in MODEL_CONFIGS or weight_format(path) is not None


def _link_problems(links: dict[LinkTrouble, list[str]]) -> list[Problem]:
    """One problem per kind of symlink not followed, with up to three examples."""
    problems = []
    for trouble in ("outside", "loop", "broken"):
        names = links.get(trouble, [])
        if names:
            example = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
            message = f"{len(names)} symlink(s) {LINK_SUMMARY[trouble]} ({example})"
            problems.append(Problem("files", message))
    return problems


def _read_readme(root: Path) -> tuple[str | None, list[Problem]]:
    for name in README_NAMES:
        path = root / name
        if not (path.exists() or path.is_symlink()):
            continue
        try:
            data = _read_bounded(root, path, MAX_README_BYTES)
            return _decode(data), []
        except _Unreadable as exc:
            return None, [Problem(name, f"{name}: {exc}")]
    return None, []


def _read_bounded(root: Path, path: Path, limit: int) -> bytes:
    """The bytes of a regular file inside `root`, refusing anything over `limit` bytes."""
    target, trouble = _link_target(root, path) if path.is_symlink() else (path, None)
    if target is None:
        raise _Unreadable(LINK_TROUBLE[trouble or "broken"])
    try:
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("not a regular file")
        if info.st_size > limit:
            raise _Unreadable(f"larger than {limit} bytes ({info.st_size}); not read")
        with target.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _Unreadable(f"cannot read: {exc.strerror}") from None
    if len(data) > limit:  # the file grew after stat
        raise _Unreadable(f"larger than {limit} bytes; not read")
    return data


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"not valid UTF-8 text (byte {exc.start})") from None


def _license_files(root: Path) -> tuple[TextFile, ...]:
    try:
        names = sorted(p.name for p in root.iterdir() if is_license_file(p.name))
    except OSError:
        return ()
    return tuple(_license_file(root, name) for name in names)


def _license_file(root: Path, name: str) -> TextFile:
    path = root / name
    if path.is_dir() and not path.is_symlink():
        return TextFile(name, None, None, "a folder, not a licence text")
    size = _regular_size(path) if _inside_target(root, path) else None
    try:
        data = _read_bounded(root, path, MAX_LICENSE_BYTES)
        if b"\x00" in data:
            raise _Unreadable("binary file, not a licence text")
        return TextFile(name, _decode(data), size)
    except _Unreadable as exc:
        return TextFile(name, None, size, str(exc))


def _config_files(root: Path) -> tuple[TextFile, ...]:
    """The configuration files present at the top of the folder, read as bounded text."""
    found = []
    for name in CONFIG_FILES:
        path = root / name
        if not (path.exists() or path.is_symlink()) or (path.is_dir() and not path.is_symlink()):
            continue
        size = _regular_size(path) if _inside_target(root, path) else None
        try:
            data = _read_bounded(root, path, MAX_CONFIG_BYTES)
            found.append(TextFile(name, _decode(data), size))
        except _Unreadable as exc:
            found.append(TextFile(name, None, size, str(exc)))
    return tuple(found)


def _card_metadata(readme: str | None) -> dict[str, Any]:
    if readme is None:
        return {}
    metadata = parse_card(readme).metadata
    return metadata if isinstance(metadata, dict) else {}


def _linked(
    metadata: dict[str, Any], key: str, repo_type: RepoType
) -> tuple[tuple[LinkedRepo, ...], list[Problem]]:
    """The repos the card names under `key`, recorded but not looked up (no Hub access)."""
    relation = _string(metadata.get("base_model_relation")) if key == "base_model" else None
    names, problems = card_ids(metadata, key)
    linked = tuple(
        LinkedRepo(
            repo_id=name,
            repo_type=repo_type,
            status="skipped",
            relation=relation,
            problem=NOT_LOOKED_UP,
        )
        for name in names[:MAX_DATASETS]
    )
    return linked, problems


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _strings(value: Any) -> tuple[str, ...]:
    """A metadata value that may be one string or a list of them, as unique strings in order."""
    items = value if isinstance(value, list) else [value]
    found = (item.strip() for item in items if isinstance(item, str))
    return tuple(dict.fromkeys(item for item in found if item))
