"""The rubric-independent licence block of a verdict: what the licence lets users do.

Built from the ProbeContext's licence identification, lineage and dataset
licences, as plain JSON-ready data in a fixed order, so every rubric's verdict
carries the same block and reporters only show it:

    {"id", "name", "family", "confidence", "statements", "conflicts",
     "inherited_restrictions", "lineage_flags", "lineage_notes",
     "dataset_flags": [{"dataset", "license", "flags"}], "reason",
     "effective": {"id", "family", "statements"} | None}

`statements` describe the model's own (declared) licence; what its bases add is in
`inherited_restrictions`, and a declared licence looser than a base's is a
`lineage_flags` entry. Then `effective` holds the terms in effect: the declared
licence together with every base licence (the most restrictive term wins).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openaudit.rubric.context import ProbeContext
    from openaudit.rubric.context.license_lineage import DatasetLicense


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
        "effective": _effective(ctx),
    }


def _effective(ctx: ProbeContext) -> dict[str, Any] | None:
    """The terms in effect when a base's licence is stricter than the declared one."""
    effective = ctx.effective_license
    if effective is None or effective is ctx.license.facts:
        return None
    return {
        "id": effective.id,
        "family": effective.family,
        "statements": list(effective.statements()),
    }


def _dataset(dataset: DatasetLicense) -> dict[str, Any]:
    """One declared training dataset: its licence (None when unknown) and its flags."""
    return {"dataset": dataset.repo_id, "license": dataset.license_id, "flags": list(dataset.flags)}
