"""`scan --hydrate`: fetch from the Hub only the files a layer needs and the dump lacks.

A scan's results name, per model, the files worth fetching (`fetch`: the README the
card dump lacks; the licence files of a model whose licence is not identified without
them). Hydrating reads those names from the results (streamed), fetches the files
through the batch runner (openaudit.batch; the shared Hub session of hub_http retries
and waits as the Hub's rate limits ask), writes them to a parquet file of
`id`/`fetched` rows, and the scan is run again with it: the hydrated models are
scored with the fetched text, every other row is kept from the first pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openaudit.batch import BatchItem, run_batch
from openaudit.report import ModelError
from openaudit.scan.dump import DumpFile

# The Hub's limits on file downloads (`/resolve/`, the "resolvers" bucket) per 5 minutes
# and IP (hub-docs rate-limits.md, September 2025): anonymous, and with a free token.
WINDOW_SECONDS = 300
ANONYMOUS_PER_WINDOW = 3_000
TOKEN_PER_WINDOW = 5_000
READ_ROWS = 16_384


@dataclass(frozen=True)
class Need:
    """What to fetch for one model: at its dump's commit (else main), these paths."""

    repo_id: str
    sha: str | None
    paths: tuple[str, ...]


@dataclass(frozen=True)
class HydrationPlan:
    """How many models and requests hydrating takes."""

    models: int
    requests: int

    def lines(self) -> list[str]:
        """What the plan costs, in words: requests and time at the Hub's limits."""
        anonymous = self.requests / ANONYMOUS_PER_WINDOW * WINDOW_SECONDS
        token = self.requests / TOKEN_PER_WINDOW * WINDOW_SECONDS
        return [
            f"--hydrate: {self.requests:,} file requests for {self.models:,} models "
            "(READMEs the card dump lacks, licence files of unidentified licences)",
            f"at the Hub's file-download limits that is at least {_duration(anonymous)} "
            f"anonymously ({ANONYMOUS_PER_WINDOW:,} per 5 minutes) or {_duration(token)} "
            f"with a token ({TOKEN_PER_WINDOW:,} per 5 minutes)",
        ]


def needs(results: Path) -> Iterator[Need]:
    """The models of a results file with files to fetch, read batch by batch."""
    from openaudit.scan.buckets import streamed

    source = streamed(results)
    for batch in source.iter_batches(batch_size=READ_ROWS, columns=["id", "sha", "fetch"]):
        for row in batch.to_pylist():
            paths = tuple(p for p in str(row["fetch"] or "").split(",") if p)
            if paths and isinstance(row["id"], str):
                yield Need(row["id"], row["sha"], paths)


def plan(results: Path) -> HydrationPlan:
    """The models and requests hydrating the results would take (no request is made)."""
    models = requests = 0
    for need in needs(results):
        models += 1
        requests += len(need.paths)
    return HydrationPlan(models, requests)


def fetch_all(
    results: Path, out: Path, *, endpoint: str | None, token: str | None, jobs: int | None
) -> DumpFile:
    """Fetch every needed file into `out` (rows of `id` and `fetched`), model by model
    through the batch runner; a model whose fetch failed gets the reason per file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from openaudit.sources.hub_client import HubClient

    hub = HubClient.create(endpoint, token)
    item_type = pa.struct([("path", pa.string()), ("text", pa.string()), ("problem", pa.string())])
    schema = pa.schema([("id", pa.string()), ("fetched", pa.list_(item_type))])
    items = (
        BatchItem(index, need.repo_id, listed=need) for index, need in enumerate(needs(results))
    )
    rows = 0
    with pq.ParquetWriter(out, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for item, result in run_batch(items, lambda item: _fetch(hub, item.listed), jobs=jobs):
            need: Need = item.listed
            files = result.message if isinstance(result, ModelError) else result
            chunk.append({"id": need.repo_id, "fetched": _entries(need, files)})
            if len(chunk) >= 256:
                writer.write_table(pa.Table.from_pylist(chunk, schema))
                rows += len(chunk)
                chunk = []
        if chunk:
            writer.write_table(pa.Table.from_pylist(chunk, schema))
            rows += len(chunk)
    return DumpFile(out, ("id", "fetched"), rows)


def _fetch(hub: Any, need: Need) -> list[dict[str, str | None]]:
    """One model's files: text or the problem of each (a failure to reach the Hub raises
    the one-line error, which the batch runner makes the model's error)."""
    from huggingface_hub.hf_api import RepoSibling

    from openaudit.scan.rows import README_FILE
    from openaudit.sources.config_files import is_config_file
    from openaudit.sources.hub_client import client_errors
    from openaudit.sources.hub_files import read_config, read_licence, read_readme

    sha = need.sha or "main"
    found: list[dict[str, str | None]] = []
    try:
        for path in need.paths:
            sibling = RepoSibling(rfilename=path)
            if path == README_FILE:
                read = read_readme(hub, need.repo_id, sha, [sibling])
                found.append({"path": path, "text": read.text, "problem": read.problem})
            else:
                read_file = read_config if is_config_file(path) else read_licence
                got = read_file(hub, need.repo_id, sha, sibling)
                found.append({"path": path, "text": got.text, "problem": got.problem})
    except client_errors() as exc:
        raise hub.fatal(exc, need.repo_id, need.sha) from None
    return found


def _entries(need: Need, files: list[dict[str, str | None]] | str) -> list[dict[str, Any]]:
    if isinstance(files, str):  # the model could not be fetched at all: why, per file
        return [{"path": path, "text": None, "problem": files} for path in need.paths]
    return files


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} minutes"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.1f} days"
