"""Where text goes: the report to stdout or a file (atomically), messages to stderr."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from openaudit.errors import UsageError
from openaudit.report.safe_text import clean
from openaudit.secrets import redact

PROG = "openaudit"


def write_report(text: str, path: Path | None) -> None:
    """Write to stdout, or replace `path` atomically so readers never see half a report.

    A reader that goes away early (`openaudit m | head -1`) is not an error. A device,
    FIFO or other special file (`-o /dev/null`) is written in place, never replaced,
    and a symlink is followed, so the link stays and its target gets the report.
    """
    if path is None or str(path) == "-":
        _write_stream(sys.stdout, text)
        return
    try:
        target = Path(os.path.realpath(path))
        if _is_special(target):
            with target.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        else:
            _atomic_write(target, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _is_special(path: Path) -> bool:
    """True for an existing file that is neither regular nor a directory (device, FIFO)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_stream(stream: TextIO, text: str) -> None:
    """Write and flush; a closed pipe silences the stream instead of failing the run."""
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _silence(stream)


def _silence(stream: TextIO) -> None:
    """Point the stream's descriptor at /dev/null so later writes and the exit flush succeed."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _atomic_write(path: Path, text: str) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def error(message: str, secrets: list[str] | tuple[str, ...] = ()) -> None:
    """Print `openaudit: error: <message>` as one safe line on stderr."""
    say(f"error: {message}", secrets)


def say(message: str, secrets: list[str] | tuple[str, ...] = ()) -> None:
    """Print `openaudit: <message>` as one safe line on stderr."""
    _write_stream(sys.stderr, f"{PROG}: {clean(redact(message, tuple(secrets)))}\n")


class _Format(logging.Formatter):
    """'openaudit: message' for openaudit's own logs, 'openaudit: logger: message' for others."""

    def format(self, record: logging.LogRecord) -> str:
        source = "" if record.name.startswith(PROG) else f"{record.name}: "
        return f"{PROG}: {source}{record.getMessage()}"


class _Redact(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = clean(redact(record.getMessage(), tuple(self.secrets)))
        record.args = None
        return True


@contextlib.contextmanager
def verbose_logging(enabled: bool, secrets: list[str]) -> Iterator[None]:
    """With --verbose, send INFO logs (openaudit's and the Hub client's) to stderr, redacted."""
    if not enabled:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Format())
    handler.addFilter(_Redact(secrets))
    loggers = [logging.getLogger(name) for name in ("openaudit", "huggingface_hub")]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        for logger, level in zip(loggers, previous, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
