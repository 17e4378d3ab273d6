"""Batch progress: plain periodic lines (with a fake clock) and the rich bar."""

from __future__ import annotations

import io

import pytest
from report_samples import sample_verdict
from rich.console import Console

from openaudit.batch import BatchItem
from openaudit.cli.progress import PlainProgress, RichProgress, progress_for
from openaudit.report import Audit, ModelError


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _feed(progress: PlainProgress | RichProgress, clock: Clock | None = None) -> None:
    progress.started(None)
    for index in range(30):
        if clock is not None:
            clock.now += 1.0
        result = (
            ModelError(f"org/m{index}", 3, "gone")
            if index % 10 == 0
            else Audit((sample_verdict(f"org/m{index}"),))
        )
        progress.finished(BatchItem(index, f"org/m{index}"), result)
    progress.total_known(30)


def test_plain_progress_prints_every_ten_seconds_and_at_the_end(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = Clock()
    with PlainProgress([], every=10.0, clock=clock) as progress:
        _feed(progress, clock)
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "openaudit: 10/? models, 1 error, 1.0 models/s",
        "openaudit: 20/? models, 2 errors, 1.0 models/s",
        "openaudit: 30/? models, 3 errors, 1.0 models/s",
        "openaudit: audited 30/30 models, 3 errors, 1.0 models/s in 30.0 s",
    ]


def test_the_rich_bar_counts_models_and_errors() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100)
    with RichProgress(console) as progress:
        _feed(progress)
    assert "30/30" in buffer.getvalue()
    assert "3 errors" in buffer.getvalue()


def test_quiet_means_no_progress() -> None:
    assert progress_for(quiet=True, secrets=[]) is None
