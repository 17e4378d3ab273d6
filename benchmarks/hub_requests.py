"""How many requests, and how much wall time, one Hub audit costs.

Starts the fake Hub with a fixed latency per request (default 50 ms), reads the
evidence of a model with nothing linked (acme/solo), of a fully open model with
two datasets (openlab/open-7b), and of fine-tunes of a gated base (acme/llama-ft)
and of an open base whose card is read for its data (basecard/ft-silent), and
prints requests, wall time and the ratio to one round trip. Run from the repo root:

    python benchmarks/hub_requests.py [--latency 0.05] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# Before huggingface_hub is imported: it reads these once.
os.environ.update(
    HF_HUB_DISABLE_TELEMETRY="1",
    HF_HUB_DISABLE_XET="1",
    HF_HUB_DISABLE_PROGRESS_BARS="1",
    HF_HOME=tempfile.mkdtemp(prefix="openaudit-bench-hf-home-"),
)
for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE"):
    os.environ.pop(name, None)

from fakehub import FakeHub  # noqa: E402

from openaudit.sources.hub import fetch_hub_evidence  # noqa: E402

MODELS = ("acme/solo", "openlab/open-7b", "acme/llama-ft", "basecard/ft-silent")


def measure(
    hub: FakeHub, repo_id: str, repeat: int, branches: bool, base_cards: bool
) -> tuple[int, list[str], float]:
    """Requests of one audit, their paths, and the median wall time over `repeat` runs."""
    times = []
    for _ in range(repeat):
        hub.reset()
        start = time.perf_counter()
        fetch_hub_evidence(repo_id, endpoint=hub.url, branches=branches, base_cards=base_cards)
        times.append(time.perf_counter() - start)
    return len(hub.requests), hub.paths(), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--repeat", type=int, default=5, help="runs per model (median)")
    args = parser.parse_args()
    with FakeHub(latency=args.latency) as hub:
        fetch_hub_evidence("acme/solo", endpoint=hub.url)  # warm up imports and the connection pool
        print(f"fake Hub latency {args.latency * 1000:.0f} ms per request, median of {args.repeat}")
        # the default rubric needs no branch listing nor base cards; -r mof reads branches
        # (checkpoints), -r eosai the base cards (its base data sources)
        for branches, cards, label in (
            (False, False, "default rubric"),
            (True, False, "with -r mof"),
            (False, True, "with -r eosai"),
        ):
            print(f"-- {label}")
            for repo_id in MODELS:
                count, paths, wall = measure(hub, repo_id, args.repeat, branches, cards)
                ratio = wall / args.latency if args.latency else float("nan")
                shown = f"{count} requests {wall * 1000:6.1f} ms = {ratio:.2f} round trips"
                print(f"{repo_id:18} {shown}")
                for path in paths:
                    print(f"    {path}")


if __name__ == "__main__":
    main()
