"""The one HTTP session every Hub request goes through: timeouts, retries, a pool-wide brake.

huggingface_hub sends all its requests through one shared `httpx2.Client`, and
lets the application choose how that client is built (`set_client_factory`).
openaudit installs a client whose transport:

- bounds every try (connect and each read) to half of `--timeout`, and a request
  to `--timeout` of silence in all, so a Hub that accepts and never answers costs
  one model ~10 s, not the client's unbounded wait;
- retries 5xx, 408, dropped and refused connections and timeouts with jittered
  exponential backoff, up to `attempts` tries;
- on 429 waits what the Hub asks (`RateLimit: "api";r=0;t=N`, else `Retry-After`,
  both read by huggingface_hub's own `parse_ratelimit_headers`) up to a bound,
  and makes the *whole pool* wait and halve its concurrency, not just one worker;
- raises `HubUnavailable` (a transport error the client's own retry loops leave
  alone) with the real cause when it gives up.

The client's own `http_backoff` is not used for this: it sleeps per thread with
no jitter, knows nothing of the other workers, and model_info does not use it.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx2

from openaudit.sources import network
from openaudit.sources.network import NetworkPolicy, WaitListener

RETRY_STATUSES = frozenset({408, 500, 502, 503, 504})
RATE_LIMITED = 429
GROW_AFTER = 8  # successful requests before the pool may run one more request at once


class HubUnavailable(httpx2.TransportError):
    """A request gave up after its retries; the message says why, in plain words.

    A TransportError, but none of the kinds the client's own retry loops catch,
    so a listing page is not retried all over again.
    """

    def __init__(self, message: str, *, kind: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind  # "timeout", "rate_limited", "server", "connection"
        self.status = status


class RateGate:
    """Shared by every worker: a pause the Hub asked for, and how many may run at once.

    After a 429 the pool stops until the Hub's reset time and runs at half its
    concurrency; each run of successes lets one more request through again.
    """

    def __init__(
        self,
        max_concurrency: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        listener: WaitListener | None = None,
    ) -> None:
        self.max_concurrency = max(1, max_concurrency)
        self.limit = self.max_concurrency
        self._clock = clock
        self._sleep = sleep
        self._listener = listener
        self._resume_at = 0.0
        self._in_flight = 0
        self._successes = 0
        self._cond = threading.Condition()

    def pause(self, seconds: float, reason: str) -> None:
        """Hold every request until `seconds` from now; halve the concurrency."""
        with self._cond:
            resume = self._clock() + seconds
            longer = resume > self._resume_at + 0.5
            self._resume_at = max(self._resume_at, resume)
            self.limit = max(1, self.limit // 2)
            self._successes = 0
        if longer and self._listener is not None:
            self._listener(seconds, reason)

    def success(self) -> None:
        """One request answered: after a few, let one more run at once."""
        with self._cond:
            self._successes += 1
            if self._successes >= GROW_AFTER and self.limit < self.max_concurrency:
                self.limit += 1
                self._successes = 0
                self._cond.notify()

    def wait_for_pause(self) -> float:
        """Sleep until no pause is in force; the seconds slept."""
        slept = 0.0
        while True:
            with self._cond:
                remaining = self._resume_at - self._clock()
            if remaining <= 0:
                return slept
            self._sleep(remaining)
            slept += remaining

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Run one request when fewer than `limit` are in flight."""
        with self._cond:
            while self._in_flight >= self.limit:
                self._cond.wait()
            self._in_flight += 1
        try:
            yield
        finally:
            with self._cond:
                self._in_flight -= 1
                self._cond.notify()


def rate_limit_wait(headers: Any) -> float | None:
    """Seconds the Hub asks to wait: `RateLimit` with r=0 first, else `Retry-After` seconds."""
    from huggingface_hub.utils import parse_ratelimit_headers  # type: ignore[attr-defined]

    info = parse_ratelimit_headers(headers)
    if info is not None and info.remaining == 0:
        return float(info.reset_in_seconds)
    value = str(headers.get("retry-after", "")).strip()
    return float(value) if value.isdigit() else None


def backoff_delay(policy: NetworkPolicy, failures: int, rng: random.Random) -> float:
    """Full-jitter exponential backoff: uniform in [0, min(max, base * 2^(failures-1))]."""
    cap = min(policy.max_delay, policy.base_delay * 2 ** max(0, failures - 1))
    return rng.uniform(0, cap)


class RetryingTransport(httpx2.BaseTransport):
    """An httpx2 transport that retries transient failures under one policy and gate."""

    def __init__(self, inner: httpx2.BaseTransport, policy: NetworkPolicy, gate: RateGate) -> None:
        self.inner = inner
        self.policy = policy
        self.gate = gate
        self._rng = random.Random()
        self._sleep = time.sleep

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """Send `request`, retrying as the policy says; HubUnavailable when it gives up."""
        policy = self.policy
        failures = 0
        silence = 0.0  # seconds spent on tries that timed out
        rate_waited = 0.0
        rate_tries = 0
        while True:
            rate_waited += self.gate.wait_for_pause()
            per_try = max(0.05, min(policy.timeout / 2, policy.timeout - silence))
            request.extensions["timeout"] = {
                "connect": per_try,
                "read": per_try,
                "write": per_try,
                "pool": None,  # waiting for our own connection pool is not the Hub's silence
            }
            started = time.monotonic()
            try:
                with self.gate.slot():
                    response = self.inner.handle_request(request)
            except httpx2.TimeoutException as exc:
                silence += time.monotonic() - started
                failures += 1
                if silence >= policy.timeout - 0.01 or failures >= policy.attempts:
                    message = f"no answer within {_seconds(policy.timeout)} s"
                    raise HubUnavailable(message, kind="timeout") from exc
            except (httpx2.NetworkError, httpx2.RemoteProtocolError) as exc:
                failures += 1
                if failures >= policy.attempts:
                    message = f"{_connection_problem(exc)} ({failures} tries)"
                    raise HubUnavailable(message, kind="connection") from exc
            else:
                status = response.status_code
                wait = rate_limit_wait(response.headers) if status == RATE_LIMITED else None
                if status == RATE_LIMITED:
                    response.close()
                    rate_tries += 1
                    asked = (
                        wait if wait is not None else backoff_delay(policy, rate_tries, self._rng)
                    )
                    if (
                        rate_waited + asked > policy.max_rate_wait
                        or rate_tries >= policy.max_rate_tries
                    ):
                        message = (
                            f"rate limited (HTTP 429) after waiting {_seconds(rate_waited)} s; "
                            f"the Hub asks for {_seconds(asked)} s more"
                        )
                        raise HubUnavailable(message, kind="rate_limited", status=status)
                    self.gate.pause(asked, "HTTP 429")
                    continue
                if status in RETRY_STATUSES:
                    response.close()
                    failures += 1
                    if failures >= policy.attempts:
                        message = f"HTTP {status} ({failures} tries)"
                        raise HubUnavailable(message, kind="server", status=status)
                else:
                    self._note_quota(response.headers)
                    self.gate.success()
                    return response
            self._sleep(backoff_delay(policy, failures, self._rng))

    def _note_quota(self, headers: Any) -> None:
        """A success that says the quota is spent (`r=0`) pauses the pool until it resets."""
        if "ratelimit" in headers:
            wait = rate_limit_wait({"ratelimit": headers["ratelimit"]})
            if wait:
                self.gate.pause(wait, "the Hub's rate-limit quota is spent")

    def close(self) -> None:
        """Close the wrapped transport."""
        self.inner.close()


def _connection_problem(exc: Exception) -> str:
    if isinstance(exc, httpx2.ConnectError):
        return "connection failed"
    if isinstance(exc, httpx2.RemoteProtocolError):
        return "the connection was closed without an answer"
    return "the connection was reset"


def _seconds(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


# -- installation ------------------------------------------------------------------

_lock = threading.Lock()
_installed: tuple[NetworkPolicy, WaitListener | None] | None = None


def install() -> None:
    """Make huggingface_hub's shared client the one described above (once per policy)."""
    global _installed
    with _lock:
        policy, listener = network.current_policy(), network.current_listener()
        if _installed == (policy, listener):
            return
        from huggingface_hub import get_session, set_client_factory

        hooks = get_session().event_hooks  # the client's own request hook (offline mode, ids)
        gate = RateGate(policy.max_concurrency, listener=listener)

        def factory() -> httpx2.Client:
            inner = httpx2.HTTPTransport(
                limits=httpx2.Limits(
                    max_connections=policy.max_concurrency,
                    max_keepalive_connections=policy.max_concurrency,
                )
            )
            return httpx2.Client(
                event_hooks=hooks,
                follow_redirects=True,
                timeout=policy.timeout,
                transport=RetryingTransport(inner, policy, gate),
            )

        set_client_factory(factory)
        _installed = (policy, listener)
