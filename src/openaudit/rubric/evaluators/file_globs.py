"""Glob patterns over repository paths, each set compiled once per process.

A dump repeats the same few file listings, so the paths a glob set matches are
remembered per distinct listing (up to `MAX_REMEMBERED_LISTING` paths; longer ones are
matched every time, so that the memo stays small).
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
        return _paths_matching.__wrapped__(patterns, paths, True)
    return _paths_matching(patterns, paths, True)


def names_matching(patterns: tuple[str, ...], paths: tuple[str, ...]) -> tuple[str, ...]:
    """The paths whose file name a glob set matches, case-insensitively."""
    if len(paths) > MAX_REMEMBERED_LISTING:
        return _paths_matching.__wrapped__(patterns, paths, False)
    return _paths_matching(patterns, paths, False)


@lru_cache(maxsize=4096)
def _paths_matching(
    patterns: tuple[str, ...], paths: tuple[str, ...], whole: bool
) -> tuple[str, ...]:
    matches = glob_matcher(patterns)
    found = []
    for original in paths:
        path = original.lower()
        if (whole and matches(path)) or matches(path.rsplit("/", 1)[-1]):
            found.append(original)
    return tuple(found)


@lru_cache(maxsize=256)
def glob_matcher(patterns: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """One compiled regex for a set of glob patterns, lowercased (as fnmatchcase reads
    them); match lowercased names with it."""
    if not patterns:
        return lambda _: None
    joined = "|".join(f"(?:{translate(pattern.lower())})" for pattern in patterns)
    return re.compile(joined).match
