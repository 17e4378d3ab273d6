"""Finding probes across rubrics, for `openaudit explain`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from openaudit.rubric.loader import list_shipped_rubrics, load_rubric
from openaudit.rubric.model import ProbeSpec, Rubric


def shipped_rubrics() -> tuple[Rubric, ...]:
    """Every shipped rubric, loaded, in name order."""
    return tuple(load_rubric(name) for name in list_shipped_rubrics())


@dataclass(frozen=True)
class ProbeMatch:
    """One version of a probe and every rubric in which it appears exactly so."""

    probe: ProbeSpec
    rubrics: tuple[Rubric, ...]


def find_probe(probe_id: str, rubrics: Iterable[Rubric]) -> tuple[ProbeMatch, ...]:
    """The distinct definitions of `probe_id` across `rubrics`, in rubric order."""
    groups: list[tuple[ProbeSpec, list[Rubric]]] = []
    for rubric in rubrics:
        for probe in rubric.probes:
            if probe.id != probe_id:
                continue
            group = next((g for g in groups if g[0] == probe), None)
            if group is None:
                groups.append((probe, [rubric]))
            else:
                group[1].append(rubric)
    return tuple(ProbeMatch(probe, tuple(found)) for probe, found in groups)


def close_probe_ids(probe_id: str, rubrics: Iterable[Rubric], limit: int = 3) -> list[str]:
    """Probe ids that look like `probe_id` (for 'did you mean')."""
    known = sorted({probe.id for rubric in rubrics for probe in rubric.probes})
    return difflib.get_close_matches(probe_id, known, n=limit, cutoff=0.75)
