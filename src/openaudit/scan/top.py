"""The HTML page of a scan's slice: the N most downloaded models, audited in full.

The slice is small, so its rows are read again with pyarrow (no engine), scored
with findings kept, and rendered by the batch HTML reporter: a heat map of models
by layers with every finding behind it.
"""

from __future__ import annotations

import heapq
from pathlib import Path
from typing import Any

from openaudit.errors import UsageError
from openaudit.report import Audit, Report, RubricRef
from openaudit.rubric import ProbeContext, evaluate
from openaudit.scan.buckets import streamed
from openaudit.scan.rows import BASE_COLUMNS, base_ids, row_evidence
from openaudit.scan.score import INPUT_COLUMNS, shipped_rubrics

BATCH_ROWS = 65_536


def top_ids(dump: Path, count: int) -> list[str]:
    """The ids of the `count` most downloaded models (30-day `downloads`), most first."""

    source = streamed(dump)
    if "downloads" not in source.schema_arrow.names:
        raise UsageError(f"dump {dump} has no `downloads` column to pick the top models by")
    best: list[tuple[int, str]] = []  # a min-heap of the `count` largest so far
    for batch in source.iter_batches(BATCH_ROWS, columns=["id", "downloads"]):
        for repo_id, downloads in zip(*batch.to_pydict().values(), strict=True):
            if not isinstance(repo_id, str):
                continue
            item = (int(downloads or 0), repo_id)
            if len(best) < count:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)
    return [repo_id for _, repo_id in sorted(best, reverse=True)]


def _rows(path: Path, key: str, ids: set[str], columns: tuple[str, ...]) -> dict[str, Any]:
    """The rows of a parquet file whose `key` is in `ids`, by id (first one wins)."""

    source = streamed(path)
    wanted = [name for name in columns if name in source.schema_arrow.names]
    found: dict[str, Any] = {}
    for batch in source.iter_batches(BATCH_ROWS, columns=wanted):
        for row in batch.to_pylist():
            if row.get(key) in ids and row[key] not in found:
                found[row[key]] = row
    return found


def top_report(dump: Path, cards: Path | None, count: int, *, bases: bool) -> Report:
    """The top `count` models of the dump, audited by the scan's rubrics, as a Report."""
    import pyarrow.parquet as pq

    ids = top_ids(dump, count)
    columns = frozenset(pq.ParquetFile(dump).schema_arrow.names)
    rows = _rows(dump, "id", set(ids), INPUT_COLUMNS)
    if cards is not None:
        texts = _rows(cards, "modelId", set(ids), ("modelId", "card"))
        for repo_id, row in rows.items():
            row["card"] = texts.get(repo_id, {}).get("card")
        columns |= {"card"}
    if bases:
        named = {base for row in rows.values() for base in base_ids(row.get("cardData"))}
        found = _rows(dump, "id", named, BASE_COLUMNS)
        for row in rows.values():
            row["bases"] = [found[b] for b in base_ids(row.get("cardData")) if b in found]
        columns |= {"bases"}
    rubrics = shipped_rubrics()
    results = []
    for repo_id in ids:
        evidence = row_evidence(rows[repo_id], columns).evidence
        ctx = ProbeContext(evidence)
        verdicts = tuple(
            evaluate(rubric, evidence, context=ctx)
            for rubric in (rubrics.default, rubrics.mof, rubrics.eosai)
        )
        results.append(Audit(verdicts, evidence))
    refs = tuple(
        RubricRef(r.id, r.version, r.title) for r in (rubrics.default, rubrics.mof, rubrics.eosai)
    )
    return Report(refs, tuple(results))
