"""Batch scoring against the fake Hub: openaudit's batch vs a naive sequential script.

Generates N fixture models (default 500) under one author, serves them from the
fake Hub in a separate process with a fixed latency per request (default 50 ms),
and measures, in the same run:

- models per second of `openaudit --from-file refs.txt --format jsonl` (default
  --jobs) and of a naive script (`HfApi.model_info` + `ModelCard.load` per
  model, one after another, on the first --naive-models), and their ratio;
- Hub requests per model of an `--author` listing, and how many were licence files;
- a re-run of the same list with the evidence cache warm (only the revision check);
- peak RSS of the openaudit process for --rss-models models (default 5,000);
- with 5 % of requests answered 429 (Retry-After: 1), 5 % 500 and 2 % dropped
  connections: how many models were lost (error rows).

Run from the repo root (takes a few minutes):

    python benchmarks/batch_throughput.py [--models 500] [--latency 0.05] [--rss-models 5000]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

AUTHOR = "benchorg"
LICENCES = ("apache-2.0", "mit", "llama2", "cc-by-nc-4.0", "openrail")
MIT_TEXT = """MIT License

Copyright (c) 2024 Bench Org

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
"""


def generate(root: Path, count: int) -> list[str]:
    """Write `count` fixture models under root/models/AUTHOR; their ids, in order."""
    ids = []
    for index in range(count):
        name = f"model-{index:05d}"
        folder = root / "models" / AUTHOR / name
        folder.mkdir(parents=True)
        licence = LICENCES[index % len(LICENCES)]
        card = textwrap.dedent(f"""\
            ---
            license: {licence}
            library_name: transformers
            pipeline_tag: text-generation
            tags: [bench]
            ---
            # {name}

            A generated model for openaudit's batch benchmark.

            ## Training Data

            Trained on a mix of public web text.

            ## Evaluation

            | task | score |
            |---|---|
            | bench | {index % 100} |
            """)
        (folder / "README.md").write_text(card, encoding="utf-8")
        (folder / "config.json").write_text('{"model_type": "llama"}\n', encoding="utf-8")
        if licence == "mit":
            (folder / "LICENSE").write_text(MIT_TEXT, encoding="utf-8")
        meta = {
            "sha": f"{index:040x}",
            "extra_files": [{"path": "model.safetensors", "size": 1_000_000 + index}],
        }
        (folder / "hub.json").write_text(json.dumps(meta), encoding="utf-8")
        ids.append(f"{AUTHOR}/{name}")
    return ids


def serve(root: str, latency: float, conn: Connection) -> None:
    """Child process: run the fake Hub and answer commands (count, reset, chaos, stop)."""
    from fakehub import FakeHub

    with FakeHub(Path(root), latency=latency, page_size=1000) as hub:
        conn.send(hub.url)
        while True:
            command, arg = conn.recv()
            if command == "count":
                conn.send(len(hub.requests))
            elif command == "paths":
                conn.send(hub.paths())
            elif command == "reset":
                hub.reset()
                conn.send(None)
            elif command == "chaos":
                hub.reset()
                hub.retry_after = "1"
                hub.chaos(arg, seed=42)
                conn.send(None)
            else:
                conn.send(None)
                return


class Hub:
    """The fake Hub in its own process (so it does not share the GIL with the client)."""

    def __init__(self, root: Path, latency: float) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=serve, args=(str(root), latency, child))
        self.process.start()
        self.url: str = self.conn.recv()

    def ask(self, command: str, arg: Any = None) -> Any:
        self.conn.send((command, arg))
        return self.conn.recv()

    def stop(self) -> None:
        self.ask("stop")
        self.process.join(10)


NAIVE = """
import sys
from huggingface_hub import HfApi, ModelCard
api = HfApi()
for repo in sys.argv[1:]:
    info = api.model_info(repo)
    card = ModelCard.load(repo)
"""


def run_process(args: list[str], env: dict[str, str], stdout: Any = None) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args, env=env, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if process.stderr is not None:
        process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, process.returncode, usage.ru_maxrss


def openaudit_command() -> list[str]:
    script = shutil.which("openaudit", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "openaudit"]


def count_rows(path: Path) -> tuple[int, int]:
    """(models, error rows) in a JSON Lines report."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return len(rows), sum(1 for row in rows if "error" in row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=500)
    parser.add_argument("--naive-models", type=int, default=100)
    parser.add_argument("--rss-models", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.05)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="openaudit-bench-batch-"))
    env = dict(
        os.environ,
        HF_HUB_DISABLE_TELEMETRY="1",
        HF_HUB_DISABLE_XET="1",
        HF_HUB_DISABLE_PROGRESS_BARS="1",
        HF_HOME=str(work / "hf-home"),
        XDG_CACHE_HOME=str(work / "cache"),  # openaudit's evidence cache starts empty
    )
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE"):
        env.pop(name, None)
    total = max(options.models, options.rss_models)
    ids = generate(work / "hub", total)
    hub = Hub(work / "hub", options.latency)
    env["HF_ENDPOINT"] = hub.url
    command = openaudit_command()
    print(f"fake Hub: {total} generated models, {options.latency * 1000:.0f} ms per request")
    try:
        refs = work / "refs.txt"
        refs.write_text("\n".join(ids[: options.models]) + "\n", encoding="utf-8")
        out = work / "results.jsonl"

        naive = ids[: options.naive_models]
        wall, code, _ = run_process([sys.executable, "-c", NAIVE, *naive], env)
        naive_rate = len(naive) / wall
        print(
            f"naive script (model_info + ModelCard.load), {len(naive)} models: "
            f"{naive_rate:.1f} models/s (exit {code})"
        )

        def audit(*extra: str) -> tuple[float, int, int, int, int]:
            """Run openaudit to a jsonl file: wall, exit code, peak RSS, rows, error rows."""
            args = [*command, *extra, "--format", "jsonl", "-o", str(out), "-q"]
            wall, code, rss = run_process(args, env)
            return (wall, code, rss, *count_rows(out))

        hub.ask("reset")
        wall, code, _, done, errors = audit("--from-file", str(refs))  # the cache starts empty
        rate = done / wall
        print(
            f"openaudit --from-file, {done} models: {rate:.1f} models/s, "
            f"{hub.ask('count') / done:.2f} requests/model, exit {code}, {errors} errors"
        )
        print(f"  speed-up over the naive script: {rate / naive_rate:.1f}x")

        hub.ask("reset")
        wall, code, _, done, errors = audit("--from-file", str(refs))  # the same, cache warm
        print(
            f"the same again, evidence cache warm: {done / wall:.1f} models/s, "
            f"{hub.ask('count') / done:.2f} requests/model, exit {code}, {errors} errors"
        )

        hub.ask("reset")
        listing = ("--author", AUTHOR, "--limit", str(options.models), "--no-cache")
        wall, code, _, done, errors = audit(*listing)
        paths = hub.ask("paths")
        licence = sum(1 for p in paths if p.endswith("/LICENSE"))
        print(
            f"openaudit --author, {done} models: {done / wall:.1f} models/s, "
            f"{(len(paths) - licence) / done:.2f} requests/model + {licence / done:.2f} "
            f"licence files/model, exit {code}, {errors} errors"
        )

        hub.ask("chaos", {"429": 0.05, "500": 0.05, "close": 0.02})
        wall, code, _, done, errors = audit("--from-file", str(refs), "--no-cache")
        print(
            f"with 5 % 429 (Retry-After: 1), 5 % 500, 2 % dropped connections: "
            f"{done} models in {wall:.1f} s, {errors} lost, exit {code}"
        )
        hub.ask("reset")

        if options.rss_models:
            big = work / "big.txt"
            big.write_text("\n".join(ids[: options.rss_models]) + "\n", encoding="utf-8")
            wall, code, rss, done, errors = audit("--from-file", str(big), "--no-cache")
            print(
                f"openaudit --from-file, {done} models: peak RSS {rss / 1024:.0f} MiB, "
                f"{done / wall:.1f} models/s, exit {code}"
            )
    finally:
        hub.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
