"""The rubric-independent licence block of a verdict: what the licence lets users do.

Built from the ProbeContext's licence identification, lineage and dataset
licences, as plain JSON-ready data in a fixed order, so every rubric's verdict
carries the same block and reporters only show it:

    {"id", "name", "family", "confidence", "statements", "conflicts",
     "inherited_restrictions", "lineage_flags", "lineage_notes",
     "dataset_flags": [{"dataset", "license", "flags"}], "reason"}

`statements` describe the model's own (declared) licence; what its bases add is in
`inherited_restrictions`, and a declared licence looser than a base's is a
`lineage_flags` entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openaudit.licenses.provenance import DatasetLicense
    from openaudit.rubric.context import ProbeContext


def license_block(ctx: ProbeContext) -> dict[str, Any]:
    """The model's licence, its usage statements, lineage and training-data flags."""
    report = ctx.license
    facts = report.facts
    lineage = ctx.lineage
    return {
        "id": report.license_id,
        "name": facts.name if facts else None,
        "family": facts.family if facts else None,
        "confidence": facts.confidence if facts else None,
        "statements": list(facts.statements()) if facts else [],
        "conflicts": list(report.conflicts),
        "inherited_restrictions": list(lineage.inherited_restrictions),
        "lineage_flags": list(lineage.flags),
        "lineage_notes": list(lineage.notes),
        "dataset_flags": [_dataset(dataset) for dataset in ctx.dataset_licenses],
        "reason": report.reason,
    }


def _dataset(dataset: DatasetLicense) -> dict[str, Any]:
    """One declared training dataset: its licence (None when unknown) and its flags."""
    return {"dataset": dataset.repo_id, "license": dataset.license_id, "flags": list(dataset.flags)}
