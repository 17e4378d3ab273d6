"""Where a batch's models come from: the command line, a ref list file, a Hub listing.

Each source yields `BatchItem`s lazily, numbered in input order. A line of a ref
list that is not a model reference becomes an item carrying its error (naming
the file and line), so it is reported as an error row and the rest still run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import count
from pathlib import Path
from typing import IO

from openaudit.batch import BatchItem
from openaudit.errors import OpenAuditError, UsageError
from openaudit.refs import parse_ref

STDIN = "-"
MAX_LINE_CHARS = 4096  # a longer line is reported as malformed, never parsed
COMMENT = "#"


def ref_from_line(line: str) -> str:
    """A list line without its comment and surrounding blanks ('' when nothing is left).

    `#` starts a comment at the start of a line or after a blank, so a ref with a
    `#` inside it (which is no valid ref anyway) is kept whole and reported.
    """
    text = line.strip()
    if text.startswith(COMMENT):
        return ""
    for blank in (" #", "\t#"):
        if blank in text:
            text = text.split(blank, 1)[0].rstrip()
    return text


def open_ref_list(path: str) -> IO[str]:
    """The ref list `path` (or stdin for `-`) opened for reading; UsageError when unreadable."""
    if path == STDIN:
        return sys.stdin
    try:
        # surrogateescape: a line that is not UTF-8 becomes an error row, not a crash
        return Path(path).open(encoding="utf-8", errors="surrogateescape", newline=None)
    except OSError as exc:
        raise UsageError(f"cannot read the ref list {path}: {exc.strerror or exc}") from None


def read_lines(handle: IO[str]) -> Iterator[str]:
    """The lines of a ref list, each read at most MAX_LINE_CHARS + 1 characters far.

    A longer line (a file that is not a ref list at all) is not held in memory:
    its first characters stand for it, long enough to be reported as overlong.
    """
    while True:
        line = handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            rest = line
            while rest and not rest.endswith("\n"):  # skip the rest of the line
                rest = handle.readline(MAX_LINE_CHARS)
        yield line


def count_refs(path: str) -> int | None:
    """How many refs the list file holds (None for stdin or when unreadable): for progress."""
    if path == STDIN:
        return None
    try:
        with Path(path).open(encoding="utf-8", errors="surrogateescape") as handle:
            return sum(1 for line in read_lines(handle) if ref_from_line(line[:MAX_LINE_CHARS]))
    except OSError:
        return None


def items_from_lines(
    lines: Iterable[str], name: str, numbers: Iterator[int], *, revision: str | None = None
) -> Iterator[BatchItem]:
    """One item per ref in `lines`; a malformed line is an item with its error."""
    for line_number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            error = UsageError(
                f"{name}:{line_number}: line longer than {MAX_LINE_CHARS} characters"
            )
            shown = _printable(line[:40]) + "..."
            yield BatchItem(next(numbers), shown, f"{name}:{line_number}", error)
            continue
        ref = ref_from_line(line)
        if not ref:
            continue
        origin = f"{name}:{line_number}"
        try:
            parse_ref(ref, revision)
        except UsageError as exc:
            error = UsageError(f"{origin}: {exc.message}")
            yield BatchItem(next(numbers), _printable(ref), origin, error)
            continue
        yield BatchItem(next(numbers), ref, origin)


def _printable(text: str) -> str:
    """Bytes that were not UTF-8 (kept as surrogates) shown as \\xNN escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def items_from_args(refs: Sequence[str], numbers: Iterator[int]) -> Iterator[BatchItem]:
    """The refs given on the command line, in order (each checked when it is audited)."""
    for ref in refs:
        yield BatchItem(next(numbers), ref)


def items_from_listing(
    listing: Iterable[tuple[str, object]], describe: str, numbers: Iterator[int]
) -> Iterator[BatchItem]:
    """The models of a Hub listing; a listing that breaks off ends with an error item.

    An empty listing is an error item too: asking for models and getting none
    should not pass as a clean run.
    """
    found = 0
    try:
        for repo_id, data in listing:
            found += 1
            yield BatchItem(next(numbers), repo_id, listed=data)
    except OpenAuditError as exc:
        yield BatchItem(next(numbers), f"listing {describe}", error=exc)
        return
    if not found:
        from openaudit.errors import ModelNotFound

        error = ModelNotFound(f"the Hub lists no model for {describe}")
        yield BatchItem(next(numbers), f"listing {describe}", error=error)


def numbering() -> Iterator[int]:
    """0, 1, 2, ...: the input order shared by every source of one batch."""
    return count()
