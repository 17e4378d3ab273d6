"""Glob sets over file listings (rubric/evaluators/file_globs.py) match what fnmatch
matches, case-insensitively, by whole path or by file name, in short (remembered) and
long listings alike: the literal-ending and literal-part filters before the regex never
drop a match."""

from __future__ import annotations

from fnmatch import fnmatchcase

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.rubric.evaluators import file_globs
from openaudit.rubric.evaluators.file_globs import (
    literal_endings,
    literal_parts,
    names_matching,
    paths_matching,
)

# few letters, so that patterns and paths meet; every glob character, and the path separator
_PATHS = st.lists(st.text("aAb./-*[]", max_size=10), max_size=12)


@st.composite
def _pattern_of(draw: st.DrawFn, path: str) -> str:
    """A glob pattern made from a path (or its file name), some of its characters turned
    into wildcards or bracket classes: it matches that path, or nearly."""
    text = draw(st.sampled_from([path, path.rsplit("/", 1)[-1]]))
    parts = []
    for char in text:
        parts.append(
            draw(st.sampled_from([char, char.upper(), "?", "*", f"[{char}]", "[!a]", "[a-b]"]))
        )
    return "".join(parts) + draw(st.sampled_from(["", "*", "?", "]", "[.]", "[!.]"]))


@st.composite
def _patterns_and_paths(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    paths = draw(_PATHS)
    patterns = [draw(_pattern_of(path)) for path in paths[: draw(st.integers(0, 3))]]
    patterns += draw(st.lists(st.text("aB.*?[]!-/", min_size=1, max_size=8), max_size=2))
    return patterns or ["*"], paths


def _expected(patterns: list[str], paths: list[str], whole: bool) -> tuple[str, ...]:
    lowered = [pattern.lower() for pattern in patterns]

    def matches(text: str) -> bool:
        return any(fnmatchcase(text.lower(), pattern) for pattern in lowered)

    return tuple(p for p in paths if (whole and matches(p)) or matches(p.rsplit("/", 1)[-1]))


@pytest.mark.parametrize("remembered", [256, 0], ids=["short", "long"])
@settings(max_examples=100, deadline=None)
@given(_patterns_and_paths())
def test_a_glob_set_matches_what_fnmatch_matches(
    remembered: int, drawn: tuple[list[str], list[str]]
) -> None:
    patterns, paths = drawn
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(file_globs, "MAX_REMEMBERED_LISTING", remembered)
        listing = tuple(paths)
        assert paths_matching(tuple(patterns), listing) == _expected(patterns, paths, True)
        assert names_matching(tuple(patterns), listing) == _expected(patterns, paths, False)


@pytest.mark.parametrize(
    ("patterns", "endings"),
    [
        (("*.py",), (".py",)),
        (("Train*.PY", "config.json"), (".py", "config.json")),
        (("*/step[0-9]*/x.bin", "a?b"), ("/x.bin", "b")),
        (("file[!a]z",), ("z",)),
        (("*.py", "license*"), None),  # a pattern ending with a wildcard: no filter
        (("checkpoints/*",), None),
        (("step[0-9]",), None),
    ],
)
def test_literal_endings_are_the_text_after_the_last_wildcard(
    patterns: tuple[str, ...], endings: tuple[str, ...] | None
) -> None:
    assert literal_endings(patterns) == endings


@pytest.mark.parametrize(
    ("patterns", "parts"),
    [
        (("*Summary*",), ("summary",)),
        (("license*", "*training*data*summary*"), ("license", "training")),
        (("checkpoint-*/*", "*/step[0-9]*/*"), ("/step", "checkpoint-")),
        (("a?bc*",), ("bc",)),
        (("[ab]cd*",), None),  # nothing before its first class: no filter
        (("*", "x*"), None),
    ],
)
def test_literal_parts_are_the_longest_text_before_any_class(
    patterns: tuple[str, ...], parts: tuple[str, ...] | None
) -> None:
    assert literal_parts(patterns) == parts


def test_a_long_listing_is_matched_by_its_endings_only_where_they_end_a_path() -> None:
    listing = tuple(f"shards/model-{i:05d}.safetensors" for i in range(300))
    listing += ("src/Train_X.py", "TRAIN_dir/a.py", "docs/train.py.md")
    # a whole path matches where `*` spans a folder; a name only by itself
    assert paths_matching(("train*.py",), listing) == ("src/Train_X.py", "TRAIN_dir/a.py")
    assert names_matching(("train*.py",), listing) == ("src/Train_X.py",)
    assert paths_matching(("*X*", "train_*"), listing) == ("src/Train_X.py", "TRAIN_dir/a.py")
