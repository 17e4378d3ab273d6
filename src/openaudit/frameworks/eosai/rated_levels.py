"""The range of levels an EOSAI dimension can have given the evidence (`Rated`), and
the few ways a dimension's reader builds one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from openaudit.evidence import Citation
from openaudit.verdict import Outcome

# A dimension's evaluator returns the range of levels the evidence allows: decided
# when low == high, else `unknown` with what it is at least / at most. A dimension
# is two probes, "open?" (at_least: open) and "at least partial?" (at_least:
# partial): open answers yes/yes, partial yes/no, closed no/no, so two probes of
# equal weight score 1, 0.5 and 0 exactly as the index averages them.

EosaiLevel = Literal["closed", "partial", "open"]
EOSAI_RANK: dict[str, int] = {"closed": 0, "partial": 1, "open": 2}
EOSAI_POINTS = {"open": 1.0, "partial": 0.5, "closed": 0.0}


@dataclass(frozen=True)
class Rated:
    """The levels a dimension can have given the evidence, and why."""

    low: EosaiLevel
    high: EosaiLevel
    reason: str
    citations: tuple[Citation, ...] = ()
    inferred: bool = False  # decided by what a careful reader concludes, not stated

    @property
    def level(self) -> str:
        """The level when decided, else 'unknown'."""
        return self.low if self.low == self.high else "unknown"


def stated(level: EosaiLevel, reason: str, *cites: Citation) -> Rated:
    """A level the evidence states (not a reader's conclusion)."""
    return Rated(level, level, reason, cites)


def concluded(level: EosaiLevel, reason: str, *cites: Citation) -> Rated:
    """A level a careful reader concludes from what was read (an inferred answer)."""
    return Rated(level, level, reason, cites, inferred=True)


def between(low: EosaiLevel, high: EosaiLevel, reason: str, *cites: Citation) -> Rated:
    """Undecided: some level from `low` to `high`, which the evidence does not tell apart."""
    return Rated(low, high, reason, cites)


def not_found(outcome: Outcome) -> Rated:
    """Closed when the evidence shows it is missing; anything when it was not read."""
    if outcome.answer == "no":
        return Rated("closed", "closed", outcome.reason, outcome.citations, outcome.inferred)
    return between("closed", "open", outcome.reason)


def worst(levels: list[Rated]) -> Rated:
    """The level of the least open of several bases, whatever their order.

    Each base's level lies in its [low, high], so the least open lies between the
    lowest low and the lowest high; every base's reason and citations are kept.
    """
    low = min((r.low for r in levels), key=EOSAI_RANK.__getitem__)
    high = min((r.high for r in levels), key=EOSAI_RANK.__getitem__)
    reason = "; ".join(r.reason for r in levels)
    cites = tuple(c for r in levels for c in r.citations)
    return Rated(low, high, reason, cites, inferred=any(r.inferred for r in levels))
