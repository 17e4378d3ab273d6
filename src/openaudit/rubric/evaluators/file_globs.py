"""Glob patterns over repository paths, each set compiled once per process.

A dump repeats the same few file listings, so the paths a glob set matches are
remembered per distinct listing (up to `MAX_REMEMBERED_LISTING` paths; longer ones are
matched every time, so that the memo stays small). The regex runs only on the paths that
end with one of the patterns' literal endings (`*.py`: `.py`), or else hold one of their
literal parts (`*summary*`: `summary`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from fnmatch import translate
from functools import lru_cache

from openaudit.rubric.context import ProbeContext

MAX_REMEMBERED_LISTING = 256


def file_paths(ctx: ProbeContext) -> tuple[str, ...]:
    """The repository's file paths, as a tuple read once per model."""
    return ctx.cached("file_paths", lambda: tuple([f.path for f in ctx.evidence.files]))


def paths_matching(patterns: tuple[str, ...], paths: tuple[str, ...]) -> tuple[str, ...]:
    """The paths a glob set matches, by whole path or by file name, case-insensitively."""
    if len(paths) > MAX_REMEMBERED_LISTING:
        return _long_listing_matching(patterns, paths, True)
    return _paths_matching(patterns, paths, True)


def names_matching(patterns: tuple[str, ...], paths: tuple[str, ...]) -> tuple[str, ...]:
    """The paths whose file name a glob set matches, case-insensitively."""
    if len(paths) > MAX_REMEMBERED_LISTING:
        return _long_listing_matching(patterns, paths, False)
    return _paths_matching(patterns, paths, False)


@lru_cache(maxsize=4096)
def _paths_matching(
    patterns: tuple[str, ...], paths: tuple[str, ...], whole: bool
) -> tuple[str, ...]:
    lowered = [path.lower() for path in paths]
    return _matching(patterns, paths, lowered, [p.rsplit("/", 1)[-1] for p in lowered], whole)


def _long_listing_matching(
    patterns: tuple[str, ...], paths: tuple[str, ...], whole: bool
) -> tuple[str, ...]:
    """A long listing is matched every time, but lowered and split into names once."""
    lowered, names = _lowered(paths)
    return _matching(patterns, paths, lowered, names, whole)


@lru_cache(maxsize=2)
def _lowered(paths: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A long listing's paths lowercased, and their file names (the glob sets of one
    model's probes are matched against the same listing one after another)."""
    lowered = tuple([path.lower() for path in paths])
    return lowered, tuple([path.rsplit("/", 1)[-1] for path in lowered])


def _matching(
    patterns: tuple[str, ...],
    paths: Sequence[str],
    lowered: Sequence[str],
    names: Sequence[str],
    whole: bool,
) -> tuple[str, ...]:
    matches = glob_matcher(patterns)
    found = []
    for i in _candidates(patterns, lowered if whole else names):
        if (whole and matches(lowered[i])) or matches(names[i]):
            found.append(paths[i])
    return tuple(found)


def _candidates(patterns: tuple[str, ...], keys: Sequence[str]) -> Iterable[int]:
    """The indices of the keys (lowercased paths or names) a glob set may match: those
    ending with a pattern's literal ending, or else holding a pattern's literal part (a
    file name is the end of its path, so a path holds all its name holds); the regex
    runs on those alone."""
    endings = literal_endings(patterns)
    if endings is not None:
        return [i for i, key in enumerate(keys) if key.endswith(endings)]
    parts = literal_parts(patterns)
    if parts is None:
        return range(len(keys))
    if len(parts) == 1:
        (part,) = parts
        return [i for i, key in enumerate(keys) if part in key]
    return sorted({i for part in parts for i, key in enumerate(keys) if part in key})


@lru_cache(maxsize=256)
def literal_endings(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """The lowercased literal text each glob pattern ends with (after its last wildcard),
    which every name it matches ends with; None when a pattern ends with a wildcard."""
    endings = []
    for pattern in patterns:
        lowered = pattern.lower()
        ending = lowered[max(lowered.rfind(char) for char in "*?[]") + 1 :]
        if not ending:
            return None
        endings.append(ending)
    return tuple(endings)


@lru_cache(maxsize=256)
def literal_parts(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """For each glob pattern, the longest lowercased literal text before its first
    bracket class (between its `*` and `?`), which every name it matches holds; None
    when a pattern has none (`*`, `[ab]*`)."""
    parts = set()
    for pattern in patterns:
        before_classes = pattern.lower().split("[", 1)[0]
        part = max(re.split(r"[*?]", before_classes), key=len)
        if not part:
            return None
        parts.add(part)
    return tuple(sorted(parts))


@lru_cache(maxsize=256)
def glob_matcher(patterns: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """One compiled regex for a set of glob patterns, lowercased (as fnmatchcase reads
    them); match lowercased names with it."""
    if not patterns:
        return lambda _: None
    joined = "|".join(f"(?:{translate(pattern.lower())})" for pattern in patterns)
    return re.compile(joined).match
