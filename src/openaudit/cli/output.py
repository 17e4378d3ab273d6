"""Where text goes: the report to stdout or a file (atomically), messages to stderr."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from openaudit.errors import UsageError
from openaudit.report.text import clean, redact

PROG = "openaudit"


def write_report(text: str, path: Path | None) -> None:
    """Write to stdout, or replace `path` atomically so readers never see half a report."""
    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        _atomic_write(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


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
    sys.stderr.write(f"{PROG}: {clean(redact(message, tuple(secrets)))}\n")
    sys.stderr.flush()


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
    handler.setFormatter(logging.Formatter(f"{PROG}: %(name)s: %(message)s"))
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
