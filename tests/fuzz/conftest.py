"""Fuzz runs: every test here is marked `fuzz` and draws FUZZ_EXAMPLES examples.

CI runs a small count with the rest of the suite; a larger run is asked for with
the environment variable, e.g.

    OPENAUDIT_FUZZ_EXAMPLES=10000 python -m pytest tests/fuzz -m fuzz
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

DEFAULT_EXAMPLES = 40  # in the ordinary suite: seconds, not minutes


def _examples() -> int:
    raw = os.environ.get("OPENAUDIT_FUZZ_EXAMPLES", "")
    try:
        return max(1, int(raw)) if raw else DEFAULT_EXAMPLES
    except ValueError:
        raise pytest.UsageError(f"OPENAUDIT_FUZZ_EXAMPLES must be a number, not {raw!r}") from None


FUZZ_EXAMPLES = _examples()

settings.register_profile(
    "openaudit-fuzz",
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,  # a fuzz run leaves nothing behind
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder `fuzz` (select with -m fuzz, skip with -m 'not fuzz')."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.fuzz)
