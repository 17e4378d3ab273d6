"""Reading a small text file the user named, bounded in size, with one-line errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def read_bounded_text(
    path: Path,
    limit: int,
    what: str,
    error: Callable[[str], Exception],
    *,
    name: str | None = None,
) -> str:
    """The UTF-8 text (a BOM allowed) of a file of at most `limit` bytes.

    Never reads more than `limit + 1` bytes. An unreadable, oversize or non-UTF-8
    file raises `error(message)`, the message naming the file and `what` it is.
    """
    shown = name or str(path)
    try:
        if path.exists() and not path.is_file():
            raise error(f"{shown}: {what} is not a file")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise error(f"{shown}: cannot read {what}: {reason}") from None
    if len(data) > limit:
        raise error(f"{shown}: {what} is over {limit} bytes; not read")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{shown}: {what} is not UTF-8 text (byte {exc.start})") from None
