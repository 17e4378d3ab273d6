"""Benchmark: load a rubric and evaluate one model's evidence, once warm.

    python benchmarks/rubric_eval.py [--rounds 200]

For every shipped rubric: the first (cold) load+evaluate, then the median and
95th percentile of `load_rubric(name)` + `evaluate(rubric, evidence)` over
ROUNDS runs on fresh Evidence (so nothing derived from the evidence is cached).
The target is under 5 ms per rubric once warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from framework_fixtures import fully_open

from openaudit.rubric import evaluate, list_shipped_rubrics, load_rubric

TARGET_MS = 5.0


def _once(name: str) -> float:
    evidence = fully_open()  # fresh: the parsed card and licence are not reused
    start = time.perf_counter()
    evaluate(load_rubric(name), evidence)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    """Print one line per rubric; exit 1 when a warm median misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    worst = 0.0
    for name in list_shipped_rubrics():
        cold = _once(name)
        times = sorted(_once(name) for _ in range(rounds))
        median = statistics.median(times)
        p95 = times[int(0.95 * (len(times) - 1))]
        worst = max(worst, median)
        print(f"{name:10} cold {cold:7.2f} ms   warm median {median:5.2f} ms   p95 {p95:5.2f} ms")
    print(f"target: warm median < {TARGET_MS} ms -> {'ok' if worst < TARGET_MS else 'MISSED'}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
