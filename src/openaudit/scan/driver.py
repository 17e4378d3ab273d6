"""Run the scorer over a dump on Daft: the local (native) runner or a Ray cluster.

Daft reads only the columns the scorer needs, streams the dump in batches through
`score_batch` in worker processes (in this process when a part fits in one batch: it
cannot be split between workers, and a worker's start-up would cost more than
scoring it), and writes the results as one parquet file.
When a card dump, earlier results or fetched files are joined, the files are first
split into buckets by a hash of the model id (buckets.py) and joined bucket by
bucket, so memory holds one bucket's join, not the whole card dump. `--bases` joins
the rows of the models named as bases, written to a side file first.
Daft is an optional extra (`pip install 'openaudit[scale]'`), imported only here.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from openaudit.errors import OpenAuditError, UsageError
from openaudit.scan import buckets
from openaudit.scan.dump import DumpFile
from openaudit.scan.extra import require_daft
from openaudit.scan.rows import BASE_COLUMNS
from openaudit.scan.score import INPUT_COLUMNS, output_schema, score_batch

if TYPE_CHECKING:
    import pyarrow as pa

Runner = Literal["native", "ray"]
BATCH_ROWS = 1024  # rows per scorer call: large enough to amortise, small enough to stream
# A part of at most this many rows is scored in this process, not in a worker process.
IN_PROCESS_ROWS = BATCH_ROWS
# Joined data (uncompressed) per bucket: a bucket's join holds about this much in memory.
BUCKET_BYTES = 48 * 2**20
CARD_KEY_COLUMNS = ["modelId", "card"]


@dataclass(frozen=True)
class ScanPlan:
    """What a scan reads, where it writes and on which runner."""

    dump: DumpFile
    output: Path
    cards: DumpFile | None = None
    since: DumpFile | None = None  # an earlier results file: unchanged models are kept
    bases: bool = False  # join each model's base models (first hop) from the same dump
    runner: Runner = "native"
    address: str | None = None
    bucket_bytes: int = BUCKET_BYTES  # joined data per bucket; more data: more buckets
    fetched: DumpFile | None = None  # files fetched from the Hub (--hydrate): id, fetched


@dataclass(frozen=True)
class Part:
    """One bucket of a scan: its dump rows and what is joined to them."""

    dump: DumpFile
    cards: DumpFile | None = None
    since: DumpFile | None = None
    base_rows: DumpFile | None = None  # rows of the models named as bases (--bases)
    fetched: DumpFile | None = None


def use_runner(daft: Any, runner: Runner, address: str | None) -> None:
    """Select Daft's runner: native on this machine, or Ray (local or at `address`).

    Daft sets its runner once per process; a second scan in the same process (tests,
    a notebook) keeps it when it is the same kind.
    """
    if runner == "ray" and importlib.util.find_spec("ray") is None:
        hint = "pip install 'openaudit[scale]' 'daft[ray]'"
        raise UsageError("the Ray runner needs Ray", hint=hint)
    try:
        if runner == "native":
            daft.set_runner_native()
        else:
            daft.set_runner_ray(address=address, noop_if_initialized=True)
    except ValueError:  # DaftCoreException: the runner was set before
        current = daft.get_or_infer_runner_type()
        if current != runner:
            raise UsageError(f"Daft already runs on the {current} runner in this process") from None


def run_scan(plan: ScanPlan) -> None:
    """Score every row of the dump and write one result row per model to `plan.output`."""
    daft = require_daft()
    use_runner(daft, plan.runner, plan.address)
    try:
        with _work_folder(plan.output) as work:
            parts = scan_parts(plan, work)
            _write_single_parquet((scored_frame(daft, part) for part in parts), plan.output)
    except OpenAuditError:
        raise
    except Exception as exc:  # the engine's own errors (a corrupt page, a lost worker)
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise UsageError(f"the scan failed: {reason}") from None


def own_columns(dump: DumpFile) -> list[str]:
    """The dump's columns the scorer reads (column pruning)."""
    joined = ("card", "previous", "bases", "fetched")
    own = [name for name in INPUT_COLUMNS if name not in joined]
    return [name for name in own if name in dump.columns]


def scan_parts(plan: ScanPlan, work: Path) -> list[Part]:
    """The buckets the scan runs one after the other (one when nothing large is joined)."""
    if plan.bases and "cardData" not in plan.dump.columns:
        raise UsageError("--bases needs the dump's `cardData` column")
    base_rows = None
    if plan.bases:
        kept = [name for name in BASE_COLUMNS if name in plan.dump.columns]
        base_rows = buckets.named_base_rows(plan.dump, kept, work / "bases.parquet")
    sides: list[tuple[DumpFile, str, list[str], str]] = []
    if plan.cards is not None:
        sides.append((plan.cards, "modelId", CARD_KEY_COLUMNS, "cards"))
    if plan.since is not None:
        kept = [name for name in output_schema().names if name in plan.since.columns]
        sides.append((plan.since, "id", kept, "since"))
    if plan.fetched is not None:
        sides.append((plan.fetched, "id", ["id", "fetched"], "fetched"))
    if not sides and base_rows is None:  # the dump alone streams: nothing to split
        return [Part(plan.dump)]
    sized = [(plan.dump, own_columns(plan.dump))]
    sized += [(file, columns) for file, _, columns, _ in sides]
    if base_rows is not None:  # the base rows are joined too: they count toward a bucket
        sized.append((base_rows, list(base_rows.columns)))
    count = buckets.bucket_count(sized, plan.bucket_bytes)
    dumps = (
        [plan.dump]
        if count == 1
        else buckets.split(plan.dump, "id", own_columns(plan.dump), count, work, "dump")
    )
    # the joined sides are always copied into buckets: each is then made one row per model
    split = {
        name: [
            buckets.first_of_each(part, key)
            for part in buckets.split(file, key, columns, count, work, name)
        ]
        for file, key, columns, name in sides
    }
    return [
        Part(
            dump,
            split["cards"][index] if "cards" in split else None,
            split["since"][index] if "since" in split else None,
            _bases_of(dump, base_rows, work / f"bases-{index}.parquet") if count > 1 else base_rows,
            split["fetched"][index] if "fetched" in split else None,
        )
        for index, dump in enumerate(dumps)
    ]


def _bases_of(dump: DumpFile, base_rows: DumpFile | None, path: Path) -> DumpFile | None:
    """The base rows one bucket's models name (None without --bases)."""
    if base_rows is None:
        return None
    return buckets.named_base_rows(dump, list(base_rows.columns), path, rows_from=base_rows)


@contextmanager
def _work_folder(output: Path) -> Iterator[Path]:
    """A folder beside the output for the bucket files, removed afterwards."""
    output = output.resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        folder = tempfile.TemporaryDirectory(
            prefix=f".{output.name}.", suffix=".buckets", dir=output.parent
        )
    except OSError as exc:
        raise UsageError(f"cannot write beside {output}: {exc.strerror or exc}") from None
    with folder as path:
        yield Path(path)


def scored_frame(daft: Any, part: Part) -> Any:
    """The lazy Daft frame of one part's results: read (pruned), join, score in batches."""
    from daft import col

    names = own_columns(part.dump)
    frame = daft.read_parquet(str(part.dump.path)).select(*names)
    if part.base_rows is not None:
        bases = _bases_frame(daft, part.dump, part.base_rows)
        frame = frame.join(bases, left_on="id", right_on="model_id", how="left")
        frame = frame.exclude("model_id")
        names.append("bases")
    if part.cards is not None:
        # one card per model (first_of_each), whatever the card dump repeats: rows in = rows out
        cards = daft.read_parquet(str(part.cards.path)).select(col("modelId"), col("card"))
        frame = frame.join(cards, left_on="id", right_on="modelId", how="left").exclude("modelId")
        names.append("card")
    if part.since is not None:
        earlier = daft.read_parquet(str(part.since.path))
        packed = daft.functions.to_struct(*_result_columns(daft, part.since))
        earlier = earlier.select(col("id").alias("previous_id"), packed.alias("previous"))
        frame = frame.join(earlier, left_on="id", right_on="previous_id", how="left")
        frame = frame.exclude("previous_id")
        names.append("previous")
    if part.fetched is not None:
        fetched = daft.read_parquet(str(part.fetched.path)).select(
            col("id").alias("fetched_id"), col("fetched")
        )
        frame = frame.join(fetched, left_on="id", right_on="fetched_id", how="left")
        frame = frame.exclude("fetched_id")
        names.append("fetched")
    scorer = _scorer(daft, in_process=part.dump.rows <= IN_PROCESS_ROWS)
    return frame.select(scorer(daft.functions.to_struct(*[col(name) for name in names])))


def _result_columns(daft: Any, results: DumpFile) -> list[Any]:
    """The columns of an earlier results file, null for those added since it was written."""
    from daft import col

    return [
        col(field.name)
        if field.name in results.columns
        else daft.lit(None).cast(daft.DataType.from_arrow_type(field.type)).alias(field.name)
        for field in output_schema()
    ]


def _bases_frame(daft: Any, dump_file: DumpFile, base_rows: DumpFile) -> Any:
    """Per model of the part with bases in the dump: `bases`, the list of its bases' rows."""
    import pyarrow as pa
    from daft import col

    from openaudit.scan.rows import base_ids

    @daft.func.batch(return_dtype=daft.DataType.list(daft.DataType.string()))  # type: ignore[untyped-decorator]
    def named_bases(card_data: Any) -> pa.Array:
        ids = [base_ids(value) for value in card_data.to_pylist()]
        return pa.array(ids, pa.list_(pa.string()))

    dump = daft.read_parquet(str(dump_file.path))
    links = dump.select(col("id").alias("model_id"), named_bases(col("cardData")).alias("base_id"))
    links = links.explode(col("base_id")).where(col("base_id").not_null())
    kept = [col(name) for name in base_rows.columns]
    rows = daft.read_parquet(str(base_rows.path)).select(
        col("id").alias("base_id"), daft.functions.to_struct(*kept).alias("base")
    )
    joined = links.join(rows, on="base_id", how="inner")
    return joined.groupby("model_id").agg(col("base").list_agg().alias("bases"))


def _scorer(daft: Any, *, in_process: bool) -> Any:
    import pyarrow as pa

    schema = output_schema()
    dtype = daft.DataType.from_arrow_type(pa.struct(list(schema)))

    @daft.func.batch(  # type: ignore[untyped-decorator]
        return_dtype=dtype, unnest=True, use_process=not in_process, batch_size=BATCH_ROWS
    )
    def score(rows: Any) -> pa.Array:
        return score_struct(rows.to_arrow())

    return score


def score_struct(rows: pa.StructArray) -> pa.Array:
    """The scorer as an engine sees it: a struct array of dump rows in, of results out."""
    import pyarrow as pa

    table = score_batch(pa.RecordBatch.from_struct_array(rows))
    return table.combine_chunks().to_struct_array().combine_chunks()


def _write_single_parquet(frames: Iterator[Any], output: Path) -> None:
    """Stream the results of every part into one parquet file, replacing `output`
    only when complete.

    Batches are written as Daft hands them over (a few per core in flight), so the
    results are never held in memory whole.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = output_schema()
    output = output.resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
        os.close(fd)
        try:
            with pq.ParquetWriter(tmp, schema) as writer:
                for frame in frames:
                    for batch in frame.to_arrow_iter():
                        writer.write_table(pa.Table.from_batches([batch]).cast(schema))
            os.replace(tmp, output)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
