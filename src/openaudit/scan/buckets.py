"""The scan's joins in buckets: both sides split by a hash of the model id, on disk.

A join holds one side in memory. The card dump of the whole Hub is over a gigabyte
of text, so `openaudit scan` splits the dump, the card dump and the earlier results
into N bucket files by a hash of the model id (streamed with pyarrow, one record
batch at a time) and joins bucket by bucket: a model's row, card and earlier
result are always in the same bucket, and only one bucket's worth is in memory.
`--bases` reads the rows of the models named as bases, which it writes once.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openaudit.scan.dump import DumpFile

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

READ_ROWS = 4_096  # rows per record batch read while splitting


def streamed(path: Path) -> pq.ParquetFile:
    """A parquet file read a buffer at a time: the default pre-buffering keeps what it
    read of a large file in memory (about 300 MB of a million cards)."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path, pre_buffer=False, buffer_size=2**20)


def bucket_count(files: list[tuple[DumpFile, list[str]]], bucket_bytes: int) -> int:
    """How many buckets keep each one's joined data under `bucket_bytes` (1: no split).

    The size is the parquet footers' uncompressed size of the columns read.
    """
    import pyarrow.parquet as pq

    total = 0
    for dump, columns in files:
        meta = pq.ParquetFile(dump.path).metadata
        wanted = set(columns)
        for group in range(meta.num_row_groups):
            row_group = meta.row_group(group)
            for index in range(row_group.num_columns):
                chunk = row_group.column(index)
                if chunk.path_in_schema.split(".", 1)[0] in wanted:
                    total += chunk.total_uncompressed_size
    return max(1, math.ceil(total / max(1, bucket_bytes)))


def bucket_of(model_id: Any, buckets: int) -> int:
    """The bucket of a model id: a stable hash (crc32), so every file agrees; null: 0."""
    if not isinstance(model_id, str):
        return 0
    return zlib.crc32(model_id.encode("utf-8", "surrogatepass")) % buckets


def split(
    dump: DumpFile, key: str, columns: list[str], buckets: int, folder: Path, name: str
) -> list[DumpFile]:
    """Write `columns` of every row of `dump` into the bucket file of its `key`.

    Streams: one record batch in memory at a time. Every bucket file is written,
    empty ones too, so each bucket's join reads a file of the same schema.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    source = streamed(dump.path)
    schema = pa.schema([source.schema_arrow.field(column) for column in columns])
    paths = [folder / f"{name}-{index:04d}.parquet" for index in range(buckets)]
    counts = [0] * buckets
    writers = [pq.ParquetWriter(path, schema) for path in paths]
    try:
        for batch in source.iter_batches(batch_size=READ_ROWS, columns=columns):
            which = pa.array([bucket_of(i, buckets) for i in batch.column(key).to_pylist()])
            for index, writer in enumerate(writers):
                part = batch.filter(pc.equal(which, index))
                if part.num_rows:
                    writer.write_batch(part)
                    counts[index] += part.num_rows
    finally:
        for writer in writers:
            writer.close()
    made = zip(paths, counts, strict=True)
    return [DumpFile(path, tuple(columns), count) for path, count in made]


def first_of_each(part: DumpFile, key: str) -> DumpFile:
    """The bucket file with one row per `key` (the first), rewritten only when it repeats
    a key: a joined side (a card dump that lists a model twice) must not add dump rows.
    Deduplicating here, in a bucket, spares the engine a group-by over the whole side."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    keys = streamed(part.path).read(columns=[key]).column(key)
    if len(pc.unique(keys)) == len(keys):
        return part
    table = pq.read_table(part.path)
    rows = pa.table({"key": keys, "row": pa.array(range(len(keys)), pa.int64())})
    first = rows.group_by("key", use_threads=False).aggregate([("row", "min")])
    kept = table.take(pc.take(first.column("row_min"), pc.sort_indices(first.column("row_min"))))
    pq.write_table(kept, part.path)
    return DumpFile(part.path, part.columns, kept.num_rows)


def named_base_rows(
    dump: DumpFile, columns: list[str], path: Path, rows_from: DumpFile | None = None
) -> DumpFile:
    """Write the rows (`columns`) of every model some row of `dump` names as a base,
    read from `rows_from` (default: the dump itself).

    Two streamed passes: the named ids, then their rows. Only the named bases are
    kept, not the whole dump: the first hop of lineage needs no more. With a bucket
    of the dump and the whole run's base rows as `rows_from`, a bucket's join holds
    only the bases its own models name.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from openaudit.scan.rows import base_ids

    named: set[str] = set()
    for batch in _batches(dump, ["cardData"]):
        for value in batch.column("cardData").to_pylist():
            named.update(base_ids(value))
    wanted = pa.array(sorted(named), pa.string())
    source = streamed((rows_from or dump).path)
    schema = pa.schema([source.schema_arrow.field(column) for column in columns])
    rows = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in source.iter_batches(batch_size=READ_ROWS, columns=columns):
            kept = batch.filter(pc.is_in(batch.column("id"), value_set=wanted))
            if kept.num_rows:
                writer.write_batch(kept)
                rows += kept.num_rows
    return DumpFile(path, tuple(columns), rows)


def _batches(dump: DumpFile, columns: list[str]) -> Iterator[pa.RecordBatch]:
    yield from streamed(dump.path).iter_batches(batch_size=READ_ROWS, columns=columns)
