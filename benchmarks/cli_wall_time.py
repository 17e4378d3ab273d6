"""Wall time of whole `openaudit` processes: start-up (`--help`) and one audit.

The audit runs against the fake Hub with a fixed latency per request (default
50 ms), so the figure includes interpreter start, imports, the Hub requests,
scoring and rendering; `--no-cache` keeps the evidence cache out of it. The
naive two-call script (`HfApi.model_info` + `ModelCard.load`) is timed beside it.
Run from the repo root:

    python benchmarks/cli_wall_time.py [--latency 0.05] [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakehub import FakeHub  # noqa: E402

AUDITED = ("acme/solo", "openlab/open-7b")
NAIVE = (
    "import sys\nfrom huggingface_hub import HfApi, ModelCard\n"
    "HfApi().model_info(sys.argv[1])\nModelCard.load(sys.argv[1])"
)


def openaudit_command() -> list[str]:
    """The installed console script, or the module beside this interpreter."""
    script = shutil.which("openaudit", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "openaudit"]


def median_ms(args: Sequence[str], env: dict[str, str], repeat: int) -> float:
    """Median wall time of `repeat` runs of a command, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the median wall time of `--help` and of one audit per model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    command = openaudit_command()
    env = dict(
        os.environ,
        HF_HUB_DISABLE_TELEMETRY="1",
        HF_HUB_DISABLE_XET="1",
        HF_HOME=tempfile.mkdtemp(prefix="openaudit-bench-hf-home-"),
        XDG_CACHE_HOME=tempfile.mkdtemp(prefix="openaudit-bench-cache-"),
    )
    env.pop("HF_TOKEN", None)
    print(f"openaudit --help: {median_ms([*command, '--help'], env, options.repeat):7.1f} ms")
    with FakeHub(latency=options.latency) as hub:
        env["HF_ENDPOINT"] = hub.url
        for ref in AUDITED:
            hub.reset()
            wall = median_ms([*command, ref, "-f", "json", "--no-cache"], env, options.repeat)
            requests = len(hub.requests) // options.repeat
            naive = median_ms([sys.executable, "-c", NAIVE, ref], env, options.repeat)
            print(
                f"openaudit {ref:<16} {wall:7.1f} ms  {requests} requests per audit; "
                f"naive two-call script {naive:7.1f} ms ({wall / naive:.2f}x)"
            )
    print(f"(fake Hub latency {options.latency * 1000:.0f} ms per request)")


if __name__ == "__main__":
    main()
