"""Benchmark: render one audited model in every report format, once warm.

    python benchmarks/report_formats.py [--rounds 50]

The model is examples/open-model judged by the openaudit and mof rubrics (its
evidence read once). For each format: the first (cold) render, which imports the
format's library, then the median over ROUNDS renders. SPDX includes spdx-tools'
validation of the document; the policy's proven-result check is timed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from pathlib import Path

from openaudit.policy import Policy
from openaudit.report import Audit, Format, Report, RubricRef, render
from openaudit.rubric import evaluate, load_rubric
from openaudit.sources import open_evidence

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "open-model"


def _ms(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def main() -> int:
    """Print one line per format: cold and warm median milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    rounds = parser.parse_args().rounds
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    evidence = open_evidence(str(EXAMPLE))
    rubrics = (load_rubric("openaudit"), load_rubric("mof"))
    verdicts = tuple(evaluate(rubric, evidence) for rubric in rubrics)
    refs = tuple(RubricRef(r.id, r.version, r.title) for r in rubrics)
    report = Report(refs, (Audit(verdicts, evidence),))
    for fmt in Format:
        cold = _ms(lambda fmt=fmt: render(report, fmt))
        warm = statistics.median(_ms(lambda fmt=fmt: render(report, fmt)) for _ in range(rounds))
        print(f"{fmt.value:10} cold {cold:7.1f} ms   warm median {warm:6.2f} ms")
    policy = Policy(fail_under=60, requirements={"weights": "open"})
    today = dt.date(2026, 1, 1)
    gate = statistics.median(
        _ms(lambda: policy.evaluate(report.audits, rubrics[0], today)) for _ in range(rounds)
    )
    print(f"{'policy':10} warm median {gate:6.2f} ms (proven score and levels, one model)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
