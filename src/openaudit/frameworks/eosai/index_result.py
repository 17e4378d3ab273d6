"""The EOSAI result from the probes' answers: each dimension's level, the index's
score (the mean over decided dimensions), its possible range and the five layers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openaudit.frameworks.eosai.rated_levels import EOSAI_POINTS
from openaudit.rubric.framework_spec import Criterion, FrameworkSpec, outcome_of
from openaudit.verdict import Outcome


def _bounds(open_answer: str, partial_answer: str) -> tuple[str, str]:
    """The lowest and highest level two answers allow (open?, at least partial?)."""
    low = "open" if open_answer == "yes" else "partial" if partial_answer == "yes" else "closed"
    high = "closed" if partial_answer == "no" else "partial" if open_answer == "no" else "open"
    if EOSAI_POINTS[low] > EOSAI_POINTS[high]:  # contradictory answers: decide nothing
        return "closed", "open"
    return low, high


def eosai_summary(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """The score and each dimension's id and level alone (`eosai_result`'s, by the same
    rules): all a scan keeps of the result."""
    dims = [{"id": c.id, "level": _level(*_answers(c, outcomes))} for c in spec.criteria]
    return {"score": _mean(_decided([dim["level"] for dim in dims])), "dimensions": dims}


def _answers(c: Criterion, outcomes: Mapping[str, Outcome]) -> tuple[Outcome, Outcome]:
    """The outcomes of a dimension's two probes: open? at least partial?"""
    open_probe, partial_probe = c.probes
    return outcome_of(outcomes, open_probe), outcome_of(outcomes, partial_probe)


def _level(open_o: Outcome, partial_o: Outcome) -> str:
    """A dimension's level from its two answers ("unknown" when they leave a range)."""
    low, high = _bounds(open_o.answer, partial_o.answer)
    return low if low == high else "unknown"


def _decided(levels: list[str]) -> list[float]:
    """The points of the decided levels, in order."""
    return [EOSAI_POINTS[level] for level in levels if level in EOSAI_POINTS]


def _dimension(c: Criterion, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    open_o, partial_o = _answers(c, outcomes)
    low, high = _bounds(open_o.answer, partial_o.answer)
    shown = open_o if open_o.answer != "unknown" or partial_o.answer == "unknown" else partial_o
    evidence = [cite.url or cite.where for cite in (*open_o.citations, *partial_o.citations)]
    item: dict[str, Any] = {
        "id": c.id,
        "name": c.name,
        "area": c.group,
        "level": _level(open_o, partial_o),
        "basis": "unknown" if low != high else _basis(open_o, partial_o),
        "reason": shown.reason,
        "evidence": list(dict.fromkeys(evidence))[:5],
    }
    if low != high:
        item["between"] = [low, high]
    return item


def _basis(*answers: Outcome) -> str:
    return "inferred" if any(o.basis == "inferred" for o in answers) else "stated"


DOC_DIMENSIONS = ("code", "hardware_architecture", "preprint", "paper", "modelcard", "datasheet")
LAYER_DIMENSIONS = {
    "weights": "weights_endmodel",
    "code": "trainingcode",
    "usage_limits": "licenses",
}


def eosai_layers(dims: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The five layers as the index's dimensions read: weights = end-model weights, code =
    training code, data = base- and end-model data sources (their shared level, else
    partial), documentation = the mean of the six documentation dimensions (open at 0.75
    or more, closed at 0.25 or less), usage limits = licences."""
    by_id = {d["id"]: d for d in dims}
    layers: dict[str, dict[str, str]] = {}
    for layer, dim in LAYER_DIMENSIONS.items():
        if dim in by_id:
            item = by_id[dim]
            reason = str(item["reason"]).removeprefix(f"{item['level']}: ")
            why = f"EOSAI {dim}: {item['level']} ({reason})"
            layers[layer] = {**_from([item], item["level"], ""), "reason": why}
    sources = [by_id[d] for d in ("datasources_basemodel", "datasources_endmodel") if d in by_id]
    if len(sources) == 2:
        levels = {d["level"] for d in sources}
        level = (
            "unknown" if "unknown" in levels else levels.pop() if len(levels) == 1 else "partial"
        )
        layers["data"] = _from(sources, level, "EOSAI base- and end-model data sources")
    docs = [by_id[d] for d in DOC_DIMENSIONS if d in by_id]
    if len(docs) == len(DOC_DIMENSIONS):
        low = _mean([EOSAI_POINTS[d.get("between", [d["level"]])[0]] for d in docs]) or 0.0
        high = _mean([EOSAI_POINTS[d.get("between", [d["level"]] * 2)[-1]] for d in docs]) or 0.0
        level = _doc_level(low) if _doc_level(low) == _doc_level(high) else "unknown"
        layers["documentation"] = _from(docs, level, f"EOSAI documentation mean {low:.2f}")
    return layers


def _doc_level(mean: float) -> str:
    return "open" if mean >= 0.75 else "closed" if mean <= 0.25 else "partial"


def _from(dims: list[dict[str, Any]], level: str, why: str) -> dict[str, str]:
    inferred = any(d["basis"] == "inferred" for d in dims)
    basis = "unknown" if level == "unknown" else "inferred" if inferred else "stated"
    return {"level": level, "basis": basis, "reason": f"{why}: {level}"}


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def eosai_result(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """Every dimension's level, the mean over decided ones, and the possible range."""
    dims = [_dimension(c, outcomes) for c in spec.criteria]
    decided = _decided([d["level"] for d in dims])
    bounds = [d.get("between", [d["level"], d["level"]]) for d in dims]
    areas: dict[str, list[float]] = {}
    for d in dims:
        if d["level"] in EOSAI_POINTS:
            areas.setdefault(d["area"], []).append(EOSAI_POINTS[d["level"]])
    return {
        "framework": "eosai",
        "score": _mean(decided),
        "decided": len(decided),
        "undecided": len(dims) - len(decided),
        "full_score_range": [
            _mean([EOSAI_POINTS[b[0]] for b in bounds]),
            _mean([EOSAI_POINTS[b[1]] for b in bounds]),
        ],
        "areas": {area: _mean(points) for area, points in areas.items()},
        "dimensions": dims,
        "layers": eosai_layers(dims),
    }
