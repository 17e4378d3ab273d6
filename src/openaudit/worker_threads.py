"""Thread pools whose workers leave Ctrl-C to the main thread.

The kernel may deliver SIGINT to any thread that does not block it. A worker that
takes it leaves the main thread asleep (waiting on futures) until a request ends,
up to its timeout; a worker that blocks it sends the signal to the main thread,
which stops at once.
"""

from __future__ import annotations

import signal
from concurrent.futures import ThreadPoolExecutor


def worker_pool(max_workers: int, name: str) -> ThreadPoolExecutor:
    """A thread pool whose workers block SIGINT and SIGTERM (on POSIX)."""
    return ThreadPoolExecutor(max_workers, thread_name_prefix=name, initializer=_leave_signals)


def _leave_signals() -> None:
    if hasattr(signal, "pthread_sigmask"):  # POSIX; elsewhere Ctrl-C reaches the main thread
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
