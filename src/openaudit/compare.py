"""What changed between two audits of a model: overall, layer by layer, probe by probe,
in the framework results and in the licence terms.

`openaudit diff` renders the changes; `--baseline` fails on the regressions among
them. An unknown answer counts as no here too: a probe that went from "no" to
"unknown" did not get better.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from openaudit.results import Audit
from openaudit.rubric.model import LEVEL_RANK
from openaudit.verdict import Verdict

Kind = Literal["overall", "score", "layer", "class", "probe", "license", "license-terms"]
Direction = Literal["better", "worse", "changed"]

MOF_ORDER = {"Unclassified": 0, "Class III": 1, "Class II": 2, "Class I": 3}
OSAID_ORDER = {"fail": 0, "unknown": 1, "pass": 2}
ANSWER_RANK = {"yes": 1, "no": 0, "unknown": 0}


@dataclass(frozen=True)
class Change:
    """One difference: what (kind, subject), from what, to what, and which way."""

    kind: Kind
    subject: str
    before: str | None
    after: str | None
    direction: Direction

    @property
    def regression(self) -> bool:
        """A change a baseline gate fails on: something went down, or the licence changed."""
        if self.kind == "license":
            return True
        return self.direction == "worse" and self.kind in ("overall", "layer", "class", "probe")

    def describe(self) -> str:
        """One line: `layer data: partial -> closed (worse)`."""
        before = "-" if self.before is None else self.before
        after = "-" if self.after is None else self.after
        return f"{self.kind} {self.subject}: {before} -> {after} ({self.direction})"


def compare(before: Audit, after: Audit) -> tuple[Change, ...]:
    """Every change from `before` to `after`, in a stable order (primary rubric first)."""
    changes = list(compare_verdicts(before.primary, after.primary))
    for kind, old, new in _frameworks(before, after):
        changes.extend(_framework_changes(kind, old, new))
    return tuple(changes)


def compare_verdicts(before: Verdict, after: Verdict) -> Iterator[Change]:
    """Changes of one rubric's verdict: level, score, layers, probes, licence."""
    if before.level != after.level:
        yield Change(
            "overall", "level", before.level, after.level, _by_level(before.level, after.level)
        )
    if before.score != after.score:
        yield Change(
            "score",
            "overall",
            _str(before.score),
            _str(after.score),
            _by_number(before.score, after.score),
        )
    old_layers = {layer.id: layer for layer in before.layers}
    for layer in after.layers:
        old = old_layers.get(layer.id)
        if old is None:
            continue
        if old.level != layer.level:
            yield Change(
                "layer", layer.id, old.level, layer.level, _by_level(old.level, layer.level)
            )
        elif old.score != layer.score:
            yield Change(
                "score",
                layer.id,
                _str(old.score),
                _str(layer.score),
                _by_number(old.score, layer.score),
            )
    old_answers = {f.probe: f.answer for layer in before.layers for f in layer.findings}
    for layer in after.layers:
        for finding in layer.findings:
            was = old_answers.get(finding.probe)
            if was is not None and was != finding.answer:
                yield Change(
                    "probe", finding.probe, was, finding.answer, _by_answer(was, finding.answer)
                )
    yield from _licence_changes(before.license, after.license)


def _licence_changes(before: dict[str, Any], after: dict[str, Any]) -> Iterator[Change]:
    old_id, new_id = before.get("id"), after.get("id")
    if old_id != new_id:
        yield Change("license", "id", _str(old_id), _str(new_id), "changed")
    old_terms = _terms(before)
    new_terms = _terms(after)
    for term in old_terms:
        if term not in new_terms:
            yield Change("license-terms", "statement", term, None, "changed")
    for term in new_terms:
        if term not in old_terms:
            yield Change("license-terms", "statement", None, term, "changed")


def _terms(block: dict[str, Any]) -> list[str]:
    effective = block.get("effective")
    source = effective if isinstance(effective, dict) and effective.get("statements") else block
    statements = source.get("statements")
    if not isinstance(statements, list):  # a report read back may hold anything here
        return []
    return [s for s in statements if isinstance(s, str)]


def _frameworks(
    before: Audit, after: Audit
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    old = {f["framework"]: f for v in before.verdicts if (f := v.framework) is not None}
    for verdict in after.verdicts:
        new = verdict.framework
        if new is not None and new["framework"] in old:
            yield new["framework"], old[new["framework"]], new


def _framework_changes(kind: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    if kind == "mof" and old.get("class") != new.get("class"):
        a, b = str(old.get("class")), str(new.get("class"))
        yield Change("class", "mof", a, b, _by_rank(MOF_ORDER, a, b))
    elif kind == "osaid" and old.get("result") != new.get("result"):
        a, b = str(old.get("result")), str(new.get("result"))
        yield Change("class", "osaid", a, b, _by_rank(OSAID_ORDER, a, b))
    elif kind == "eosai" and old.get("score") != new.get("score"):
        yield Change(
            "class",
            "eosai",
            _str(old.get("score")),
            _str(new.get("score")),
            _by_number(old.get("score"), new.get("score")),
        )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _by_rank(order: dict[str, int], before: str, after: str) -> Direction:
    a, b = order.get(before, 0), order.get(after, 0)
    return "better" if b > a else "worse" if b < a else "changed"


def _by_level(before: str, after: str) -> Direction:
    """Up or down in closed < partial < open; becoming unknown from partial or open is
    worse (the evidence no longer shows it), any other move to or from unknown only
    a change (an unknown layer may be anything down to closed)."""
    if after == "unknown":
        return "worse" if before in ("partial", "open") else "changed"
    if before == "unknown":
        return "changed"
    return _by_rank({str(k): v for k, v in LEVEL_RANK.items()}, before, after)


def _by_answer(before: str, after: str) -> Direction:
    return _by_rank(ANSWER_RANK, before, after)


def _by_number(before: object, after: object) -> Direction:
    if not isinstance(before, int | float) or not isinstance(after, int | float):
        return "worse" if after is None else "changed"
    return "better" if after > before else "worse" if after < before else "changed"
