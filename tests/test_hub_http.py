"""The pool-wide rate gate and the wait the Hub asks for, with a fake clock."""

from __future__ import annotations

import random

import pytest

from openaudit.sources.hub_http import RateGate, backoff_delay, rate_limit_wait
from openaudit.sources.network import NetworkPolicy


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"RateLimit": '"api";r=0;t=55', "Retry-After": "9"}, 55.0),  # the quota's reset wins
        ({"RateLimit": '"api";r=3;t=55', "Retry-After": "9"}, 9.0),  # quota left: Retry-After
        ({"Retry-After": "2"}, 2.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, None),
        ({}, None),
    ],
)
def test_the_wait_the_hub_asks_for(headers: dict[str, str], wait: float | None) -> None:
    import httpx2

    assert rate_limit_wait(httpx2.Headers(headers)) == wait


def test_a_pause_holds_every_worker_and_halves_concurrency() -> None:
    clock = FakeClock()
    heard: list[tuple[float, str]] = []
    gate = RateGate(
        16, clock=clock, sleep=clock.sleep, listener=lambda s, why: heard.append((s, why))
    )
    gate.pause(30, "HTTP 429")
    assert heard == [(30, "HTTP 429")]
    assert gate.limit == 8
    assert gate.wait_for_pause() == 30  # any worker waits out the same pause
    assert gate.wait_for_pause() == 0  # and then nobody waits
    gate.pause(5, "HTTP 429")
    gate.pause(5, "HTTP 429")  # a second worker's 429 for the same window: said once
    assert len(heard) == 2
    assert gate.limit == 2


def test_successes_let_the_pool_grow_back() -> None:
    gate = RateGate(4, clock=FakeClock(), sleep=lambda s: None)
    gate.pause(0, "HTTP 429")
    assert gate.limit == 2
    for _ in range(100):
        gate.success()
    assert gate.limit == 4


def test_backoff_is_jittered_and_bounded() -> None:
    policy = NetworkPolicy(base_delay=0.5, max_delay=8)
    rng = random.Random(1)
    for failures in range(1, 10):
        delays = [backoff_delay(policy, failures, rng) for _ in range(50)]
        assert all(0 <= d <= min(8, 0.5 * 2 ** (failures - 1)) for d in delays)
        assert len(set(delays)) > 1
