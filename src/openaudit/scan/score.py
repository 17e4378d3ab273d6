"""The pure scorer: Arrow record batches of Hub dump rows in, one scored row per model out.

    table = score_batch(batch)              # rows in = rows out, keyed by `id`

Each row becomes an `Evidence` (rows.py) and runs through the same rubric engine as
a single audit: the default rubric for the layer levels and scores, the MOF and
EOSAI rubrics for their class and dimensions. No network, no engine: Daft, Ray,
Spark or Dask call this function on their own batches. A row that cannot be
scored at all (no id) keeps its place with the reason in `error`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

import pyarrow as pa

from openaudit.rubric import ProbeContext, load_rubric
from openaudit.rubric.evaluators.copies import data_copy
from openaudit.rubric.registry import get_evaluator
from openaudit.scan import rows
from openaudit.scan.levels import BoundRubric, Levels
from openaudit.scan.probe_memo import MAX_VALUES, InputNumbers, ProbeMemo
from openaudit.scan.rows import row_evidence
from openaudit.sources.config_files import CONFIG_FILES
from openaudit.verdict import LAYERS

if TYPE_CHECKING:
    from openaudit.rubric.model import Rubric

DEFAULT_RUBRIC = "openaudit"
MOF_RUBRIC = "mof"
EOSAI_RUBRIC = "eosai"
# Columns the scorer reads; a dump is read with only these (column pruning).
INPUT_COLUMNS = (
    "id", "sha", "lastModified", "tags", "pipeline_tag", "library_name",
    "cardData", "siblings", "gated", "card", "bases", "previous", "fetched",
)  # fmt: skip
MAX_REASON_CHARS = 2000  # per reason cell: one model's reasons never bloat the results
GC_THRESHOLD = 50_000  # allocations between collections of the youngest generation


@dataclass(frozen=True)
class Rubrics:
    """The rubrics a scan runs, loaded once per process."""

    default: Rubric
    mof: Rubric
    eosai: Rubric
    needs: dict[str, frozenset[str]]  # per default layer, the kinds of evidence it reads
    bound: tuple[BoundRubric, BoundRubric, BoundRubric]  # default, MOF, EOSAI
    # per rubric, probe answers shared across the models of a scan (None: no memo)
    memos: tuple[ProbeMemo, ProbeMemo, ProbeMemo] | None

    @classmethod
    def of(cls, default: Rubric, mof: Rubric, eosai: Rubric) -> Rubrics:
        """The rubrics, with what each default layer reads worked out once."""
        bound = (BoundRubric.of(default), BoundRubric.of(mof), BoundRubric.of(eosai))
        numbers = InputNumbers(3 * MAX_VALUES)  # a model's input values numbered once
        memos = (
            ProbeMemo(bound[0], numbers),
            ProbeMemo(bound[1], numbers),
            ProbeMemo(bound[2], numbers),
        )
        return cls(default, mof, eosai, _layer_needs(default), bound, memos)

    def memo(self, which: int) -> ProbeMemo | None:
        """The memo of rubric `which` (0 default, 1 MOF, 2 EOSAI), or None without memos."""
        return self.memos[which] if self.memos else None

    @property
    def eosai_dimensions(self) -> tuple[str, ...]:
        """The EOSAI dimension ids, in the rubric's order."""
        framework = self.eosai.framework
        return tuple(c.id for c in framework.criteria) if framework else ()


def _layer_needs(rubric: Rubric) -> dict[str, frozenset[str]]:
    needs: dict[str, set[str]] = {layer.id: set() for layer in rubric.layers}
    for probe in rubric.probes:
        spec = get_evaluator(probe.evaluator)
        for read in spec.reads if spec else ():
            needs.setdefault(probe.layer, set()).update(_kinds(read))
    return {layer: frozenset(kinds) for layer, kinds in needs.items()}


def _kinds(read: str) -> set[str]:
    """The kinds of dump evidence (rows.README, ...) one declared `reads` entry needs."""
    kinds = set()
    if read.startswith("README.md"):
        kinds.add(rows.README)
    if read.startswith(("card:license", "file:LICENSE")):
        # the licence in effect: the card's, the licence files', and the bases' terms
        # (declared, or stated by an adapter's config when none is declared)
        kinds |= {rows.LICENCE_TEXT, rows.BASES, rows.CARD, rows.CONFIG}
    if read.startswith("dataset:"):
        kinds.add(rows.DATASETS)
    if read.startswith(("models:", "base_model:")):
        kinds.add(rows.BASES)
    if read.startswith("card:"):
        kinds.add(rows.CARD)
    if read == "api:gated":
        kinds.add(rows.GATING)
    if read == "files":
        kinds.add(rows.FILES)
    if read.startswith("file:") and read[len("file:") :] in CONFIG_FILES:
        kinds.add(rows.CONFIG)
    return kinds


@lru_cache(maxsize=1)
def shipped_rubrics() -> Rubrics:
    """The shipped default, MOF and EOSAI rubrics (loaded and validated once)."""
    return Rubrics.of(
        load_rubric(DEFAULT_RUBRIC), load_rubric(MOF_RUBRIC), load_rubric(EOSAI_RUBRIC)
    )


def output_schema(rubrics: Rubrics | None = None) -> pa.Schema:
    """The schema of `score_batch`'s result: one column per layer level and score, ..."""
    rubrics = rubrics or shipped_rubrics()
    fields = [
        pa.field("id", pa.string()),
        pa.field("sha", pa.string()),
        pa.field("last_modified", pa.string()),
        pa.field("rubric", pa.string()),
        pa.field("level", pa.string()),
        pa.field("score", pa.int32()),
    ]
    for layer in LAYERS:
        fields += [pa.field(layer, pa.string()), pa.field(f"{layer}_score", pa.int32())]
    fields += [
        pa.field("license_id", pa.string()),
        pa.field("license_family", pa.string()),
        pa.field("lineage_flags", pa.string()),
        pa.field("mof_class", pa.string()),
        pa.field("eosai_score", pa.float64()),
    ]
    fields += [pa.field(f"eosai_{dim}", pa.string()) for dim in rubrics.eosai_dimensions]
    fields += [
        pa.field("incomplete", pa.string()),
        pa.field("not_in_dump", pa.string()),
        pa.field("undecided", pa.string()),
        pa.field("fetch", pa.string()),
        pa.field("error", pa.string()),
    ]
    return pa.schema(fields)


def score_batch(batch: pa.RecordBatch | pa.Table, rubrics: Rubrics | None = None) -> pa.Table:
    """Score every row of a batch in the hub-stats `models.parquet` schema.

    An optional `card` column holds README text from a card dump. Missing columns,
    malformed values and oversize cards become reasons on their row; the result
    has exactly one row per input row, in the same order.

    An optional `previous` column holds each model's row of an earlier scan (a struct
    of this function's output, or null): when the model's `lastModified` and `sha`
    and the rubric are unchanged, that row is kept as it is instead of re-scored.
    An optional `fetched` column holds files fetched from the Hub for the row
    (`scan --hydrate`: a list of {path, text, problem}); the `fetch` output column
    names those still worth fetching.
    """
    rubrics = rubrics or shipped_rubrics()
    schema = output_schema(rubrics)
    columns = frozenset(batch.schema.names)
    wanted = [name for name in INPUT_COLUMNS if name in columns]
    data = {name: batch.column(name).to_pylist() for name in wanted}
    rows = ({name: data[name][i] for name in wanted} for i in range(batch.num_rows))
    with fewer_collections():
        scored = [_kept(row, rubrics) or score_row(row, columns, rubrics) for row in rows]
    return pa.Table.from_pylist(scored, schema=schema)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """While scoring, let the garbage collector run its youngest generation every
    `GC_THRESHOLD` allocations rather than Python's 700 (a higher threshold of the
    process's own is kept; the older generations' thresholds too), then restore it.

    Scoring allocates tens of thousands of short-lived objects per model, nearly all
    freed by reference counting at once; each collection walks every young object, and
    every tenth the older ones too, which in a scan include the memos' answers: about a
    tenth of a model without card text went on collections. Few objects are garbage in
    cycles (about 8 a model), so collecting them later holds little memory."""
    threshold, *older = gc.get_threshold()
    if threshold >= GC_THRESHOLD:
        yield
        return
    gc.set_threshold(GC_THRESHOLD, *older)
    try:
        yield
    finally:
        gc.set_threshold(threshold, *older)


def score_row(row: dict[str, Any], columns: frozenset[str], rubrics: Rubrics) -> dict[str, Any]:
    """One dump row's result as a dict of output columns (never raises)."""
    out: dict[str, Any] = {
        "id": row.get("id") if isinstance(row.get("id"), str) else None,
        "sha": row.get("sha") if isinstance(row.get("sha"), str) else None,
        "last_modified": _when(row.get("lastModified")),
        "rubric": f"{rubrics.default.id}@{rubrics.default.version}",
    }
    try:
        found = row_evidence(row, columns)
    except ValueError as exc:
        return {**out, "error": str(exc)}
    try:
        # one context: the card, licence and lineage are worked out once for all three
        ctx = ProbeContext(found.evidence)
        default = rubrics.bound[0].levels(ctx, rubrics.memo(0))
        # of MOF and EOSAI a scan keeps the class and the dimensions, not their layers
        mof, eosai = (rubrics.bound[i].framework_summary(ctx, rubrics.memo(i)) for i in (1, 2))
        out.update(_layers(default))
        memo = rubrics.memo(0)
        licence = (
            memo.by_inputs(ctx, "licence_columns", lambda: licence_columns(ctx))
            if memo
            else licence_columns(ctx)
        )
        out.update(license_id=licence.license_id, license_family=licence.license_family)
        out["lineage_flags"] = licence.lineage_flags
        out.update(_frameworks(mof, eosai))
    except Exception as exc:  # one bad row must never stop a scan of millions
        return {**out, "error": _cut(f"scoring failed: {type(exc).__name__}: {exc}")}
    lacks = found.lacks | _copied_data_lacking(ctx)
    out["incomplete"] = ",".join(
        layer for layer in LAYERS if rubrics.needs.get(layer, frozenset()) & lacks
    )
    out["not_in_dump"] = _cut("; ".join(found.missing)) or None
    out["undecided"] = _cut(" | ".join(_undecided(default))) or None
    out["fetch"] = _to_fetch(found, licence.identified)
    return out


def _copied_data_lacking(ctx: ProbeContext) -> frozenset[str]:
    """The datasets of the model a quantisation copies, which a dump does not look up
    (the Hub source does): their lack, when that model's card declares some."""
    copy = data_copy(ctx)
    if copy is None or not copy.names or not copy.unread(ctx):
        return frozenset()
    return frozenset({rows.DATASETS})


def to_fetch(found: rows.RowEvidence, ctx: ProbeContext) -> str | None:
    """The files `scan --hydrate` would fetch for this row, comma-separated: the README
    the card dump lacks, the adapter_config.json of a card that declares no base, and
    the licence files when the licence is not identified without them (`license:
    other`, a custom or no declared licence). None for a gated model, whose files need
    approved access."""
    return _to_fetch(found, ctx.license.facts is not None)


def _to_fetch(found: rows.RowEvidence, identified: bool) -> str | None:
    if found.evidence.gated:
        return None
    always = (rows.README_FILE, *CONFIG_FILES)
    paths = [path for path in found.unfetched if path in always or not identified]
    return ",".join(paths) or None


def _kept(row: dict[str, Any], rubrics: Rubrics) -> dict[str, Any] | None:
    """The earlier result of an unchanged model (same lastModified, sha and rubric), else None."""
    previous = row.get("previous")
    if not isinstance(previous, dict) or previous.get("error") or row.get("id") is None:
        return None
    if row.get("fetched"):  # files fetched for it since (--hydrate): score it again
        return None
    when = _when(row.get("lastModified"))
    sha, was = row.get("sha"), previous.get("sha")
    unchanged = (
        previous.get("id") == row.get("id")
        and when is not None
        and previous.get("last_modified") == when
        and (sha is None or was is None or sha == was)
        and previous.get("rubric") == f"{rubrics.default.id}@{rubrics.default.version}"
    )
    return previous if unchanged else None


def _when(value: Any) -> str | None:
    """lastModified as ISO text, whatever type the dump stored it as."""
    if value is None:
        return None
    iso = getattr(value, "isoformat", None)
    return str(iso()) if callable(iso) else str(value)


def _layers(levels: Levels) -> dict[str, Any]:
    out: dict[str, Any] = {"level": levels.level, "score": levels.score}
    for layer in levels.layers:
        out[layer.id] = layer.level
        out[f"{layer.id}_score"] = layer.score
    return out


class LicenceColumns(NamedTuple):
    """The licence columns, as the verdict's licence block has them (license_block.py),
    and whether the licence is identified (`to_fetch`)."""

    license_id: str | None
    license_family: str | None
    lineage_flags: str | None
    identified: bool


def licence_columns(ctx: ProbeContext) -> LicenceColumns:
    """A model's licence columns (all they read of its evidence: probe_memo.COLUMN_READS)."""
    report = ctx.license
    return LicenceColumns(
        report.license_id,
        report.facts.family if report.facts else None,
        "; ".join(ctx.lineage.flags) or None,
        report.facts is not None,
    )


def _frameworks(mof: dict[str, Any] | None, eosai: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    mof_result = mof or {}
    out["mof_class"] = mof_result.get("class")
    eosai_result = eosai or {}
    out["eosai_score"] = eosai_result.get("score")
    for dim in eosai_result.get("dimensions", ()):
        out[f"eosai_{dim['id']}"] = dim.get("level")
    return out


def _undecided(levels: Levels) -> Iterable[str]:
    """Why each unknown answer of the default rubric stayed unknown: `layer/probe: reason`."""
    for layer, probe, reason in levels.unknown:
        yield f"{layer}/{probe}: {reason}"


def _cut(text: str) -> str:
    return text if len(text) <= MAX_REASON_CHARS else text[: MAX_REASON_CHARS - 1] + "…"
