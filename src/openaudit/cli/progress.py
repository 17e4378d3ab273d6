"""Batch progress on stderr: a rich bar on a terminal, plain periodic lines otherwise.

Both are `BatchObserver`s the audit command attaches to the runner; `--quiet`
attaches neither. Model ids are not shown in the bar (they are card-adjacent
text); counts, rate, ETA and errors are.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from openaudit.batch import BatchItem
from openaudit.cli.output import say
from openaudit.report import ModelError, Result

PLAIN_EVERY = 10.0  # seconds between plain progress lines


class PlainProgress:
    """`openaudit: 120/500 models, 2 errors, 14.2 models/s` every few seconds, and at the end."""

    def __init__(
        self,
        secrets: list[str],
        *,
        every: float = PLAIN_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.secrets = secrets
        self.every = every
        self.clock = clock
        self.total: int | None = None
        self.done = 0
        self.errors = 0
        self.start = clock()
        self.last = self.start

    def started(self, total: int | None) -> None:
        """Remember the total, if known, and the start time."""
        self.total = total
        self.start = self.last = self.clock()

    def total_known(self, total: int) -> None:
        """The input is read: the total is now known."""
        self.total = total

    def finished(self, item: BatchItem, result: Result) -> None:
        """Count a result; print a line when the last one is a while ago."""
        self.done += 1
        self.errors += isinstance(result, ModelError)
        now = self.clock()
        if now - self.last >= self.every:
            self.last = now
            say(self.line(now), self.secrets)

    def line(self, now: float) -> str:
        """The progress line as of `now`."""
        total = "?" if self.total is None else str(self.total)
        elapsed = max(now - self.start, 1e-9)
        errors = "1 error" if self.errors == 1 else f"{self.errors} errors"
        return f"{self.done}/{total} models, {errors}, {self.done / elapsed:.1f} models/s"

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None:
            elapsed = self.clock() - self.start
            say(f"audited {self.line(self.clock())} in {elapsed:.1f} s", self.secrets)


class RichProgress:
    """A rich progress bar on stderr: done/total, rate, ETA and errors so far."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.errors = 0
        self.progress = Progress(
            TextColumn("auditing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[errors]}"),
            console=console or Console(stderr=True),
            transient=False,
        )
        self.task = self.progress.add_task("audit", total=None, rate="", errors="")

    def started(self, total: int | None) -> None:
        """Show the bar."""
        self.progress.update(self.task, total=total)
        self.progress.start()

    def total_known(self, total: int) -> None:
        """The input is read: the bar gets its end."""
        self.progress.update(self.task, total=total)

    def finished(self, item: BatchItem, result: Result) -> None:
        """Advance the bar by one model."""
        self.errors += isinstance(result, ModelError)
        task = self.progress.tasks[0]
        speed = task.finished_speed or task.speed
        rate = f"{speed:.1f}/s" if speed else ""
        errors = f"{self.errors} errors" if self.errors else ""
        self.progress.update(self.task, advance=1, rate=rate, errors=errors)

    def __enter__(self) -> RichProgress:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.stop()


def progress_for(*, quiet: bool, secrets: list[str]) -> PlainProgress | RichProgress | None:
    """The observer to attach: none with --quiet, a bar on a terminal, else plain lines."""
    if quiet:
        return None
    if sys.stderr.isatty():
        return RichProgress()
    return PlainProgress(secrets)
