"""How fast `openaudit scan` scores a Hub metadata dump, and how much memory it takes.

Generates a dump in the hub-stats `models.parquet` schema with realistic shapes
(licences, tags, siblings with weight shards and licence files, baseModels, card
data with datasets, gates and model-index) and a card dump covering about half
the models, then measures:

- the scoring function alone (`score_batch`, one process): rows per second per core;
- the whole `openaudit scan DUMP --cards CARDS -o RESULTS` on Daft's local runner:
  wall time, rows per second, and peak memory of the process tree;
- with `--ray`, the same command on Daft's Ray runner (a local Ray started by Daft
  on this machine; needs `pip install 'daft[ray]'`), and whether its results are
  identical to the native runner's;
- the projection of both to the whole Hub (2.9 million models).

Run from the repo root with `pip install -e '.[scale]'`:

    python benchmarks/scan_throughput.py [--rows 100000] [--function-rows 5000] [--ray]
        [--without-cards] [--keep DIR] [--function-only] [--rubric default|all]

`--keep DIR` keeps the generated files and reuses them when DIR already holds a dump
of that many rows; `--function-only` times `score_batch` only (for profiling:
`py-spy record -r 500 --format raw -o prof.txt -- python benchmarks/scan_throughput.py
--function-only`; cProfile inflates call-heavy code).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

HUB_MODELS = 2_900_000
CHUNK = 20_000
LICENCES = [
    ("apache-2.0", 30), ("mit", 18), (None, 25), ("other", 6), ("cc-by-nc-4.0", 4),
    ("llama3.1", 3), ("openrail", 3), ("cc-by-4.0", 3), ("gemma", 2), ("gpl-3.0", 1),
    ("creativeml-openrail-m", 2), ("llama2", 2), ("unknown", 1),
]  # fmt: skip
LIBRARIES = ["transformers", "diffusers", "peft", "sentence-transformers", "gguf", "timm", None]
PIPELINES = [
    "text-generation", "text-classification", "image-classification",
    "automatic-speech-recognition", "text-to-image", "feature-extraction", None,
]  # fmt: skip
DATASETS = ["openlab/pile-lite", "openlab/instruct-mix", "acme/web-text", "tatsu-lab/alpaca"]
SECTIONS = ["Model Details", "Uses", "Bias, Risks, and Limitations", "Training Details",
            "Training Data", "Evaluation", "Environmental Impact", "Citation"]  # fmt: skip
WORDS = [
    "model", "trained", "data", "evaluation", "results", "license", "code", "github",
    "paper", "arxiv", "weights", "fine-tuned", "base", "language", "benchmark", "accuracy",
]  # fmt: skip


def _weighted(rng: random.Random, items: list[tuple[Any, int]]) -> Any:
    return rng.choices([item for item, _ in items], [w for _, w in items])[0]


def make_row(i: int, rng: random.Random) -> tuple[dict[str, Any], str | None]:
    """One models.parquet row and, for about half the models, its card text."""
    author = f"org{rng.randrange(20_000)}"
    repo_id = f"{author}/model-{i}"
    licence = _weighted(rng, LICENCES)
    library = rng.choice(LIBRARIES)
    datasets = rng.sample(DATASETS, rng.choice([0, 0, 0, 1, 2]))
    base = f"org{rng.randrange(500)}/base-{rng.randrange(1000)}" if rng.random() < 0.45 else None
    card: dict[str, Any] = {}
    if licence:
        card["license"] = licence
    if licence == "other" and rng.random() < 0.5:
        card["license_name"] = "custom-research-license"
        card["license_link"] = "LICENSE"
    if datasets:
        card["datasets"] = datasets
    if base:
        card["base_model"] = base
        if rng.random() < 0.3:
            card["base_model_relation"] = rng.choice(["quantized", "finetune", "adapter"])
    if rng.random() < 0.4:
        card["language"] = ["en"]
    if library:
        card["library_name"] = library
    if rng.random() < 0.1:
        card["model-index"] = [{"name": repo_id, "results": []}]
    gated: str = "False"
    if rng.random() < 0.03:
        gated = rng.choice(["auto", "manual"])
        card["extra_gated_prompt"] = "Agree to the terms"
    shards = rng.choice([1, 1, 1, 2, 4, 8])
    ext = "gguf" if library == "gguf" else rng.choice(["safetensors", "safetensors", "bin"])
    files = [".gitattributes", "config.json"]
    files += [f"model-{s:05d}-of-{shards:05d}.{ext}" for s in range(shards)]
    files += ["tokenizer.json", "tokenizer_config.json"] if library == "transformers" else []
    has_readme = rng.random() < 0.8
    files += ["README.md"] if has_readme else []
    files += ["LICENSE"] if rng.random() < 0.12 else []
    files += ["modeling_custom.py"] if rng.random() < 0.05 else []
    tags = [library] if library else []
    tags += [f"license:{licence}"] if licence else []
    tags += [f"dataset:{d}" for d in datasets]
    tags += ["arxiv:2403.01234"] if rng.random() < 0.1 else []
    tags += [f"base_model:{base}"] if base else []
    row = {
        "id": repo_id,
        "author": author,
        "createdAt": "2025-06-01T00:00:00.000Z",
        "lastModified": f"2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 28):02d}T00:00:00.000Z",
        "downloads": rng.randrange(0, 100_000),
        "likes": rng.randrange(0, 500),
        "tags": tags,
        "pipeline_tag": rng.choice(PIPELINES),
        "library_name": library,
        "cardData": json.dumps(card) if card else None,
        "siblings": [{"rfilename": name} for name in files],
        "baseModels": {"relation": "finetune", "models": [{"id": base}]} if base else None,
        "gated": gated,
    }
    text = _card_text(rng, card, repo_id) if has_readme and rng.random() < 0.55 else None
    return row, text


def _card_text(rng: random.Random, card: dict[str, Any], repo_id: str) -> str:
    front = "---\n" + json.dumps(card, indent=1) + "\n---\n" if card else ""
    parts = [front, f"# {repo_id}\n\n"]
    for title in rng.sample(SECTIONS, rng.randrange(0, len(SECTIONS))):
        words = " ".join(rng.choices(WORDS, k=rng.randrange(20, 160)))
        parts.append(f"## {title}\n\n{words}\n\n")
    if rng.random() < 0.3:
        parts.append("Code: https://github.com/acme/train\n")
    return "".join(parts)


def generate(folder: Path, rows: int, seed: int = 7) -> tuple[Path, Path]:
    """Write models.parquet and cards.parquet (about half the models) chunk by chunk."""
    rng = random.Random(seed)
    dump, cards = folder / "models.parquet", folder / "cards.parquet"
    dump_writer = cards_writer = None
    try:
        for start in range(0, rows, CHUNK):
            made = [make_row(i, rng) for i in range(start, min(rows, start + CHUNK))]
            table = pa.Table.from_pylist([row for row, _ in made])
            texts = [(row["id"], text) for row, text in made if text is not None]
            card_table = pa.table({"modelId": [i for i, _ in texts], "card": [t for _, t in texts]})
            dump_writer = dump_writer or pq.ParquetWriter(dump, table.schema)
            cards_writer = cards_writer or pq.ParquetWriter(cards, card_table.schema)
            dump_writer.write_table(table, row_group_size=CHUNK)
            cards_writer.write_table(card_table, row_group_size=CHUNK)
    finally:
        for writer in (dump_writer, cards_writer):
            if writer is not None:
                writer.close()
    return dump, cards


def function_alone(dump: Path, cards: Path, rows: int, rubric: str = "all") -> float:
    """Rows per second of score_batch in this process (one core), cards joined in memory.

    `rubric`: "all" scores as `openaudit scan` does (the default rubric, MOF and EOSAI);
    "default" times the default rubric alone (the levels and scores of its layers).
    """
    from openaudit.rubric import ProbeContext
    from openaudit.scan.rows import row_evidence
    from openaudit.scan.score import INPUT_COLUMNS, score_batch, shipped_rubrics

    table = pq.ParquetFile(dump).read_row_group(0).slice(0, rows)
    ids = set(table["id"].to_pylist())
    texts = {
        i: text
        for batch in pq.ParquetFile(cards).iter_batches(columns=["modelId", "card"])
        for i, text in zip(*batch.to_pydict().values(), strict=True)
        if i in ids
    }
    table = table.append_column("card", pa.array([texts.get(i) for i in table["id"].to_pylist()]))
    rubrics = shipped_rubrics()  # loading the rubrics is start-up, not scoring
    score_batch(table.slice(0, 50))  # warm the caches a long run warms once
    if rubric == "default":
        columns = frozenset(table.schema.names)
        wanted = [name for name in INPUT_COLUMNS if name in columns]
        started = time.process_time()
        for batch in table.select(wanted).to_batches(1024):
            for row in batch.to_pylist():
                found = row_evidence(row, columns)
                rubrics.bound[0].levels(ProbeContext(found.evidence), rubrics.memo(0))
        return table.num_rows / (time.process_time() - started)
    started = time.process_time()
    for offset in range(0, table.num_rows, 1024):
        score_batch(table.slice(offset, 1024))
    return table.num_rows / (time.process_time() - started)


class TreeMemory:
    """Peak resident memory of a process and its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss(self.pid))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat[1])
        rss[int(entry.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier += children
    return sum(rss.get(pid, 0) for pid in tree)


def whole_scan(dump: Path, cards: Path | None, out: Path, runner: str) -> tuple[float, int]:
    """Wall seconds and peak memory (bytes) of `openaudit scan` as a user runs it."""
    command = [sys.executable, "-m", "openaudit", "scan", str(dump)]
    command += ["--cards", str(cards)] if cards is not None else []
    command += ["-o", str(out), "-q", "--runner", runner]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    memory = TreeMemory(process.pid)
    code = process.wait()
    seconds, peak = time.perf_counter() - started, memory.stop()
    if code != 0:
        raise SystemExit(f"openaudit scan failed with exit code {code}")
    return seconds, peak


def _sorted(path: Path) -> pa.Table:
    return pq.read_table(path).sort_by("id")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the generated dump")
    parser.add_argument("--function-rows", type=int, default=5_000, help="rows for score_batch")
    parser.add_argument("--keep", type=Path, help="keep the dump and results in this folder")
    parser.add_argument("--ray", action="store_true", help="also run the scan on the Ray runner")
    parser.add_argument(
        "--without-cards", action="store_true", help="also run the scan without --cards"
    )
    parser.add_argument(
        "--function-only", action="store_true", help="time score_batch only (for profiling)"
    )
    parser.add_argument(
        "--rubric",
        choices=["default", "all"],
        help="with --function-only: the default rubric alone, or all three (default: both)",
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="openaudit-scan-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        dump, cards = folder / "models.parquet", folder / "cards.parquet"
        if not (
            dump.exists() and cards.exists() and pq.ParquetFile(dump).metadata.num_rows == args.rows
        ):
            dump, cards = generate(folder, args.rows)
        size = (dump.stat().st_size + cards.stat().st_size) / 2**20
        took = time.perf_counter() - started
        print(f"dump of {args.rows:,} rows ({size:,.0f} MB) ready in {took:.0f} s")
        function_rows = min(args.function_rows, args.rows)
        for rubric in [args.rubric] if args.rubric else ["default", "all"]:
            rate = function_alone(dump, cards, function_rows, rubric)
            what = "default rubric" if rubric == "default" else "default + MOF + EOSAI rubrics"
            print(f"score_batch alone, {what}: {rate:,.0f} rows/s/core")
        per_core = rate
        if args.function_only:
            return
        seconds, peak = whole_scan(dump, cards, folder / "results.parquet", "native")
        rate = args.rows / seconds
        cores = os.cpu_count() or 1
        print(
            f"scan, native runner: {seconds:,.1f} s for {args.rows:,} rows = {rate:,.0f} rows/s"
            f" on {cores} cores; peak memory {peak / 2**20:,.0f} MB"
        )
        if args.without_cards:
            bare_seconds, bare_peak = whole_scan(dump, None, folder / "bare.parquet", "native")
            print(
                f"scan without --cards: {bare_seconds:,.1f} s"
                f" = {args.rows / bare_seconds:,.0f} rows/s;"
                f" peak memory {bare_peak / 2**20:,.0f} MB"
            )
        if args.ray:
            ray_out = folder / "results-ray.parquet"
            ray_seconds, ray_peak = whole_scan(dump, cards, ray_out, "ray")
            same = _sorted(ray_out).equals(_sorted(folder / "results.parquet"))
            print(
                f"scan, Ray runner:    {ray_seconds:,.1f} s"
                f" = {args.rows / ray_seconds:,.0f} rows/s;"
                f" peak memory {ray_peak / 2**20:,.0f} MB; results identical to native: {same}"
            )
        core_minutes, minutes = HUB_MODELS / per_core / 60, HUB_MODELS / rate / 60
        print(
            f"projection for {HUB_MODELS:,} models: {core_minutes:,.0f} core-minutes of scoring;"
            f" the scan on this machine about {minutes:,.0f} minutes"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
