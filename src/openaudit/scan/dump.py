"""Checks on the parquet files a scan reads, before any engine starts: one-line errors.

Only parquet footers are read here (schema and row count), never the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openaudit.errors import UsageError

# Columns only a models dump has; a datasets or spaces dump of hub-stats has none of them.
MODEL_ONLY_COLUMNS = ("pipeline_tag", "library_name", "safetensors", "baseModels", "siblings")
OTHER_REPO_TYPES = {"sdk": "spaces", "paperswithcode_id": "datasets"}
CARD_COLUMNS = ("modelId", "card")
# Result columns added after results files were first written: earlier files lack them.
LATER_RESULT_COLUMNS = ("fetch",)


@dataclass(frozen=True)
class DumpFile:
    """A parquet file's columns and row count."""

    path: Path
    columns: tuple[str, ...]
    rows: int


def read_footer(path: Path, what: str) -> DumpFile:
    """The columns and row count of a parquet file, or a one-line UsageError."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not path.is_file():
        raise UsageError(f"{what} {path} does not exist or is not a file")
    try:
        meta = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        reason = " ".join(str(exc).split())[:120]
        raise UsageError(f"{what} {path} is not a parquet file ({reason})") from None
    return DumpFile(path, tuple(meta.schema_arrow.names), meta.metadata.num_rows)


def check_models_dump(path: Path) -> DumpFile:
    """A hub-stats `models.parquet` (or a dump in its schema), or a one-line UsageError."""
    dump = read_footer(path, "dump")
    if "id" not in dump.columns:
        raise UsageError(f"dump {path} has no `id` column; a models dump (hub-stats) is expected")
    for column, kind in OTHER_REPO_TYPES.items():
        if column in dump.columns:
            raise UsageError(f"dump {path} is a dump of {kind} (it has `{column}`), not of models")
    if not any(column in dump.columns for column in MODEL_ONLY_COLUMNS):
        wanted = ", ".join(MODEL_ONLY_COLUMNS)
        raise UsageError(f"dump {path} has none of the models dump's columns ({wanted})")
    return dump


def check_results(path: Path) -> DumpFile:
    """An earlier scan's results (for --since), or a one-line UsageError."""
    from openaudit.scan.score import output_schema

    results = read_footer(path, "earlier results")
    wanted = [name for name in output_schema().names if name not in LATER_RESULT_COLUMNS]
    lacking = [name for name in wanted if name not in results.columns]
    if lacking:
        raise UsageError(
            f"earlier results {path} lack {len(lacking)} of the scan's columns "
            f"(first: `{lacking[0]}`); pass a results file written by `openaudit scan`"
        )
    return results


def check_cards_dump(path: Path) -> DumpFile:
    """A card dump (librarian-bots: `modelId`, `card`), or a one-line UsageError."""
    cards = read_footer(path, "card dump")
    lacking = [column for column in CARD_COLUMNS if column not in cards.columns]
    if lacking:
        names = ", ".join(f"`{column}`" for column in lacking)
        raise UsageError(f"card dump {path} has no {names} column; `modelId` and `card` are needed")
    return cards
