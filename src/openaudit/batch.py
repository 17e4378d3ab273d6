"""The batch runner: audit many models at once, each result yielded as it completes.

`run_batch` takes the work lazily (a ref list or a Hub listing may be long), keeps
at most a few items per worker in flight so memory stays flat, and guarantees one
result per input item: an item that was malformed from the start, or whose audit
raised, becomes a `ModelError` with the reason. Progress goes to an observer the
caller attaches (the CLI draws it); this module prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from openaudit.errors import ExitCode, OpenAuditError
from openaudit.results import ModelError, Result
from openaudit.worker_threads import worker_pool

# Models audited at once by default. An audit spends ~2 round trips waiting on the
# Hub and ~5 ms of CPU, so the count is set by latency, not by the number of cores;
# past 32 the measured gain stops (benchmarks/batch_throughput.py).
DEFAULT_JOBS = 32
MAX_JOBS = 64
QUEUED_PER_JOB = 2  # items submitted ahead of the workers, per worker


@dataclass(frozen=True)
class BatchItem:
    """One model to audit: its place in the input, its ref, and where it came from."""

    index: int  # position in the input; reports that are not streamed keep this order
    ref: str
    origin: str | None = None  # e.g. "refs.txt:12", named in errors about the item itself
    error: OpenAuditError | None = None  # malformed input: reported, never audited
    listed: Any = None  # metadata a Hub listing already returned for this model


class BatchObserver(Protocol):
    """What a batch tells whoever watches it (a progress bar, a log)."""

    def started(self, total: int | None) -> None:
        """The batch begins; `total` is None while the input is still being read."""

    def total_known(self, total: int) -> None:
        """The whole input has been read: `total` items."""

    def finished(self, item: BatchItem, result: Any) -> None:
        """One item has its result (an audit's Result, or what the work returns)."""


AuditOne = Callable[[BatchItem], Result]
R = TypeVar("R")


def run_batch(
    items: Iterable[BatchItem],
    audit: Callable[[BatchItem], R],
    *,
    jobs: int | None = None,
    observer: BatchObserver | None = None,
    total: int | None = None,
) -> Iterator[tuple[BatchItem, R | ModelError]]:
    """Audit every item with `jobs` workers; yield (item, result) in completion order.

    `audit` may raise OpenAuditError (the item becomes an error row with its exit
    code) or anything else (an error row saying the audit failed unexpectedly).
    Closing the iterator early (Ctrl-C) cancels what has not started. The work need
    not be an audit: `scan --hydrate` fetches files with it.
    """
    workers = max(1, min(jobs or DEFAULT_JOBS, MAX_JOBS))
    if observer is not None:
        observer.started(total)
    source = iter(items)
    pending: dict[Future[R | ModelError], BatchItem] = {}
    done_reading = False
    count = 0
    pool = worker_pool(workers, "openaudit-batch")
    try:
        while True:
            ready: list[tuple[BatchItem, R | ModelError]] = []
            while not done_reading and len(pending) < workers * QUEUED_PER_JOB:
                item = next(source, None)
                if item is None:
                    done_reading = True
                    if observer is not None:
                        observer.total_known(count)
                    break
                count += 1
                if item.error is not None:
                    ready.append((item, error_row(item.ref, item.error)))
                else:
                    pending[pool.submit(_audit_safely, audit, item)] = item
            stop: BaseException | None = None
            if not ready and pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                # `wait` returns a set; a worker's Ctrl-C is raised after the others are out
                for future in sorted(finished, key=lambda f: pending[f].index):
                    item = pending.pop(future)
                    try:
                        ready.append((item, future.result()))
                    except BaseException as exc:
                        stop = stop or exc
            for item, result in ready:
                if observer is not None:
                    observer.finished(item, result)
                yield item, result
            if stop is not None:
                raise stop
            if done_reading and not pending:
                break
    except BaseException:
        # Ctrl-C or the consumer stopped: drop what is queued, do not wait for what runs.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _audit_safely(audit: Callable[[BatchItem], R], item: BatchItem) -> R | ModelError:
    try:
        return audit(item)
    except OpenAuditError as exc:
        return error_row(item.ref, exc)
    except Exception as exc:  # one model's unexpected failure must not end the batch
        message = f"internal error while auditing: {type(exc).__name__} (please report it)"
        return ModelError(item.ref, int(ExitCode.EVIDENCE_UNAVAILABLE), message)


def error_row(ref: str, error: OpenAuditError) -> ModelError:
    """The report entry of a model that could not be audited."""
    return ModelError(ref, int(error.exit_code), error.one_line())
