"""Run the scorer over a dump on Daft: the local (native) runner or a Ray cluster.

Daft reads only the columns the scorer needs, streams the dump in batches through
`score_batch` in worker processes, and writes the results as one parquet file.
Daft is an optional extra (`pip install 'openaudit[scale]'`), imported only here.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from openaudit.errors import OpenAuditError, UsageError
from openaudit.scan.dump import DumpFile
from openaudit.scan.extra import require_daft
from openaudit.scan.score import INPUT_COLUMNS, output_schema, score_batch

if TYPE_CHECKING:
    import pyarrow as pa

Runner = Literal["native", "ray"]
BATCH_ROWS = 1024  # rows per scorer call: large enough to amortise, small enough to stream


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
        _write_single_parquet(scored_frame(daft, plan), plan.output)
    except OpenAuditError:
        raise
    except Exception as exc:  # the engine's own errors (a corrupt page, a lost worker)
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise UsageError(f"the scan failed: {reason}") from None


def scored_frame(daft: Any, plan: ScanPlan) -> Any:
    """The lazy Daft frame of results: read (pruned), join the cards, score in batches."""
    from daft import col

    own = [name for name in INPUT_COLUMNS if name not in ("card", "previous")]
    names = [name for name in own if name in plan.dump.columns]
    frame = daft.read_parquet(str(plan.dump.path)).select(*names)
    if plan.bases:
        frame = frame.join(_bases_frame(daft, plan), left_on="id", right_on="model_id", how="left")
        frame = frame.exclude("model_id")
        names.append("bases")
    if plan.cards is not None:
        cards = daft.read_parquet(str(plan.cards.path)).select(col("modelId"), col("card"))
        # one card per model, whatever the card dump repeats: rows in = rows out
        cards = cards.groupby("modelId").agg(col("card").any_value())
        frame = frame.join(cards, left_on="id", right_on="modelId", how="left").exclude("modelId")
        names.append("card")
    if plan.since is not None:
        earlier = daft.read_parquet(str(plan.since.path))
        packed = daft.functions.to_struct(*[col(name) for name in output_schema().names])
        earlier = earlier.select(col("id").alias("previous_id"), packed.alias("previous"))
        earlier = earlier.groupby("previous_id").agg(col("previous").any_value())
        frame = frame.join(earlier, left_on="id", right_on="previous_id", how="left")
        frame = frame.exclude("previous_id")
        names.append("previous")
    scorer = _scorer(daft)
    return frame.select(scorer(daft.functions.to_struct(*[col(name) for name in names])))


def _bases_frame(daft: Any, plan: ScanPlan) -> Any:
    """Per model with bases in the dump: `bases`, the list of its bases' own rows."""
    import pyarrow as pa
    from daft import col

    from openaudit.scan.rows import BASE_COLUMNS, base_ids

    @daft.func.batch(return_dtype=daft.DataType.list(daft.DataType.string()))  # type: ignore[untyped-decorator]
    def named_bases(card_data: Any) -> pa.Array:
        ids = [base_ids(value) for value in card_data.to_pylist()]
        return pa.array(ids, pa.list_(pa.string()))

    if "cardData" not in plan.dump.columns:
        raise UsageError("--bases needs the dump's `cardData` column")
    dump = daft.read_parquet(str(plan.dump.path))
    links = dump.select(col("id").alias("model_id"), named_bases(col("cardData")).alias("base_id"))
    links = links.explode(col("base_id")).where(col("base_id").not_null())
    kept = [col(name) for name in BASE_COLUMNS if name in plan.dump.columns]
    rows = daft.read_parquet(str(plan.dump.path)).select(
        col("id").alias("base_id"), daft.functions.to_struct(*kept).alias("base")
    )
    joined = links.join(rows, on="base_id", how="inner")
    return joined.groupby("model_id").agg(col("base").list_agg().alias("bases"))


def _scorer(daft: Any) -> Any:
    import pyarrow as pa

    schema = output_schema()
    dtype = daft.DataType.from_arrow_type(pa.struct(list(schema)))

    @daft.func.batch(  # type: ignore[untyped-decorator]
        return_dtype=dtype, unnest=True, use_process=True, batch_size=BATCH_ROWS
    )
    def score(rows: Any) -> pa.Array:
        return score_struct(rows.to_arrow())

    return score


def score_struct(rows: pa.StructArray) -> pa.Array:
    """The scorer as an engine sees it: a struct array of dump rows in, of results out."""
    import pyarrow as pa

    table = score_batch(pa.RecordBatch.from_struct_array(rows))
    return table.combine_chunks().to_struct_array().combine_chunks()


def _write_single_parquet(frame: Any, output: Path) -> None:
    """Stream the results into one parquet file, replacing `output` only when complete.

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
                for batch in frame.to_arrow_iter():
                    writer.write_table(pa.Table.from_batches([batch]).cast(schema))
            os.replace(tmp, output)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
