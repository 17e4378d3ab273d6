"""What a report of many models sums up to: models ranked by score, levels counted per layer.

Plain data for any reporter (table today; Markdown, HTML later) to lay out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openaudit.results import Audit, ModelError, Result
from openaudit.verdict import LAYERS, LEVELS


@dataclass(frozen=True)
class BatchSummary:
    """Models best-scored first (errors last), and per layer how many reached each level."""

    ranked: tuple[Result, ...]
    counts: dict[str, dict[str, int]]  # layer -> level -> models
    errors: int

    @property
    def audited(self) -> int:
        """Models that have a verdict."""
        return len(self.ranked) - self.errors


def summarise(results: Sequence[Result]) -> BatchSummary:
    """Rank the models and count the levels of the primary rubric's layers."""
    counts: dict[str, dict[str, int]] = {layer: dict.fromkeys(LEVELS, 0) for layer in LAYERS}
    for result in results:
        if isinstance(result, Audit):
            for layer in result.primary.layers:
                counts.setdefault(layer.id, dict.fromkeys(LEVELS, 0))
                counts[layer.id][layer.level] += 1
    errors = sum(1 for result in results if isinstance(result, ModelError))
    return BatchSummary(tuple(sorted(results, key=_rank)), counts, errors)


def _rank(result: Result) -> tuple[int, int, str]:
    """Scored models by score (highest first), then unscored, then errors; ties by ref."""
    if isinstance(result, ModelError):
        return (2, 0, result.ref)
    score = result.primary.score
    return (0, -score, result.ref) if score is not None else (1, 0, result.ref)
