"""Network settings for Hub requests: timeout, retries, and who hears about waits.

Kept apart from hub_http (which imports the HTTP stack) so the CLI can set them
without paying for that import when no Hub model is audited.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

WaitListener = Callable[[float, str], None]


@dataclass(frozen=True)
class NetworkPolicy:
    """How long to wait for the Hub and how often to try again."""

    timeout: float = 10.0  # seconds of silence a request may cost, all tries together
    attempts: int = 5  # tries of a request that fails transiently (5xx, dropped connection)
    base_delay: float = 0.5  # first backoff wait, doubled after each failure, fully jittered
    max_delay: float = 8.0
    max_rate_wait: float = 300.0  # the most a request waits in all because the Hub said 429
    max_rate_tries: int = 20  # 429 answers one request accepts before giving up
    max_concurrency: int = 64  # requests in flight at once before any 429 halves it


_lock = threading.Lock()
_policy = NetworkPolicy()
_listener: WaitListener | None = None


def configure(
    policy: NetworkPolicy | None = None, *, listener: WaitListener | None = None, **changes: Any
) -> NetworkPolicy:
    """Set the policy (or change some of its fields) and who hears about waits; returns it.

    Takes effect for Hub requests made after this call (the shared client is rebuilt).
    """
    global _policy, _listener
    with _lock:
        _policy = replace(policy or _policy, **changes)
        _listener = listener
        return _policy


def current_policy() -> NetworkPolicy:
    """The policy Hub requests are made under."""
    return _policy


def current_listener() -> WaitListener | None:
    """Who is told when the Hub makes every request wait (None: nobody)."""
    return _listener
