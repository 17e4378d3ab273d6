"""What a scan found, in counts: levels per layer, licence families, MOF classes.

Read from the results parquet a few columns at a time, so a summary of millions of
rows needs little memory; the CSV copy is streamed batch by batch too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from openaudit.scan.buckets import streamed
from openaudit.verdict import LAYERS, LEVELS

BATCH_ROWS = 65_536
NONE = "(none)"


@dataclass
class ScanSummary:
    """Counts over a scan's results."""

    rows: int = 0
    errors: int = 0
    levels: dict[str, Counter[str]] = field(default_factory=dict)  # per layer and "overall"
    incomplete: Counter[str] = field(default_factory=Counter)  # rows per incomplete layer
    families: Counter[str] = field(default_factory=Counter)
    mof_classes: Counter[str] = field(default_factory=Counter)
    looser_than_base: int = 0  # models whose declared licence is looser than a base's

    def lines(self) -> list[str]:
        """The summary as plain lines of text (no markup: counts and fixed words only)."""
        out = [f"{self.rows:,} models scored, {self.errors:,} rows could not be scored"]
        out.append("level          " + "".join(f"{level:>10}" for level in LEVELS))
        for layer in ("overall", *LAYERS):
            counts = self.levels.get(layer, Counter())
            cells = "".join(f"{counts.get(level, 0):>10,}" for level in LEVELS)
            out.append(f"{layer:<15}{cells}")
        if self.incomplete:
            parts = ", ".join(f"{layer} {n:,}" for layer, n in _ordered(self.incomplete, LAYERS))
            out.append(f"provisional (needs what the dump lacks): {parts}")
        out.append("licence families: " + _counts(self.families))
        out.append("MOF classes: " + _counts(self.mof_classes))
        looser = self.looser_than_base
        out.append(f"models whose declared licence is looser than a base's: {looser:,}")
        return out


def _ordered(counts: Counter[str], order: tuple[str, ...]) -> list[tuple[str, int]]:
    return [(key, counts[key]) for key in order if counts.get(key)]


def _counts(counts: Counter[str]) -> str:
    return ", ".join(f"{key} {n:,}" for key, n in counts.most_common()) or NONE


def summarize(results: Path) -> ScanSummary:
    """Count the levels, licence families and MOF classes of a results parquet file."""

    columns = ["level", *LAYERS, "license_family", "mof_class", "incomplete", "error"]
    columns.append("lineage_flags")
    summary = ScanSummary()
    for batch in streamed(results).iter_batches(BATCH_ROWS, columns=columns):
        data = batch.to_pydict()
        summary.rows += batch.num_rows
        summary.errors += sum(1 for value in data["error"] if value)
        for layer in ("overall", *LAYERS):
            values = data["level" if layer == "overall" else layer]
            summary.levels.setdefault(layer, Counter()).update(v for v in values if v)
        families = zip(data["license_family"], data["error"], strict=True)
        summary.families.update(value or NONE for value, error in families if not error)
        summary.mof_classes.update(v for v in data["mof_class"] if v)
        summary.looser_than_base += sum(1 for value in data["lineage_flags"] if value)
        for value in data["incomplete"]:
            summary.incomplete.update(filter(None, (value or "").split(",")))
    return summary


def write_csv(results: Path, output: Path) -> None:
    """Copy a results parquet file to CSV, batch by batch."""
    import pyarrow.csv as pcsv

    source = streamed(results)
    with pcsv.CSVWriter(output, source.schema_arrow) as writer:
        for batch in source.iter_batches(BATCH_ROWS):
            writer.write_batch(batch)
