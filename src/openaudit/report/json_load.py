"""Read a JSON report back (`--baseline`, `openaudit diff` of two reports) into audits.

A report file is user input: size-bounded, parsed with one-line `file:line` errors,
and refused when it was made with another schema version.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openaudit.errors import UsageError
from openaudit.evidence import Citation
from openaudit.report.json_report import SCHEMA_VERSION
from openaudit.results import Audit, ModelError, Report, RubricRef
from openaudit.textfile import read_bounded_text
from openaudit.typecheck import type_mismatch
from openaudit.verdict import LEVELS, Finding, LayerResult, Verdict

MAX_REPORT_BYTES = 64 * 1024 * 1024
ANSWERS = ("yes", "no", "unknown")


def _one_of(value: Any, allowed: tuple[str, ...], what: str) -> Any:
    if value not in allowed:
        raise ValueError(f"{what} {value!r} is not one of {', '.join(allowed)}")
    return value


def _score(value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(f"score {value!r} is not a whole number")


def _weight(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1e6:
        return float(value)
    raise ValueError(f"weight {value!r} is not a number from 0")


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} is not text")
    return value


def is_report(data: object) -> bool:
    """True for a parsed JSON document that looks like an openaudit report."""
    return isinstance(data, dict) and "schema_version" in data and "models" in data


def load_report(path: Path) -> Report:
    """The report in `path`; UsageError naming the file (and line) when it is not one."""
    name = str(path)
    text = read_bounded_text(path, MAX_REPORT_BYTES, "report", UsageError)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{name}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    return report_from_dict(data, name)


def report_from_dict(data: Any, name: str = "<report>") -> Report:
    """Rebuild a Report from `report_to_dict` output; UsageError when it is not one."""
    if not is_report(data):
        raise UsageError(f"{name}: not an openaudit JSON report (no schema_version/models)")
    if data["schema_version"] != SCHEMA_VERSION:
        raise UsageError(
            f"{name}: report schema version {data['schema_version']!r} is not supported "
            f"(this openaudit writes and reads {SCHEMA_VERSION!r})"
        )
    try:
        rubrics = tuple(
            RubricRef(str(r["id"]), str(r["version"]), str(r.get("title", "")))
            for r in data["rubrics"]
        )
        results = tuple(_result(model, rubrics) for model in data["models"])
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise UsageError(f"{name}: report is malformed ({type(exc).__name__}: {exc})") from None
    if not rubrics:
        raise UsageError(f"{name}: report names no rubric")
    tool = data.get("tool")
    version = tool.get("version", "") if isinstance(tool, dict) else ""
    return Report(rubrics, results, tool_version=str(version))


def _result(model: dict[str, Any], rubrics: tuple[RubricRef, ...]) -> Audit | ModelError:
    if "error" in model:
        error = model["error"]
        return ModelError(str(model["ref"]), int(error["code"]), str(error["message"]))
    primary = _verdict(model, rubrics[0])
    others = tuple(_compact(model, entry) for entry in model.get("rubrics", [])[1:])
    for verdict in (primary, *others):
        # every field of the rebuilt verdict has the type the reporters rely on
        where = type_mismatch(verdict, Verdict, "")
        if where is not None:
            raise ValueError(f"unexpected value at {model.get('ref')!r}: {where}")
    return Audit((primary, *others))


def _verdict(model: dict[str, Any], rubric: RubricRef) -> Verdict:
    first = (model.get("rubrics") or [{}])[0]
    extras = model.get("extras") or {}
    return Verdict(
        ref=_text(model["ref"], "ref"),
        repo_id=model.get("repo_id"),
        revision=model.get("revision"),
        sha=model.get("sha"),
        source=str(model.get("source", "")),
        access=str(model.get("access", "full")),
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        layers=tuple(_layer(layer) for layer in model["layers"]),
        level=_one_of(model["level"], LEVELS, "level"),
        score=_score(model.get("score")),
        summary=str(model.get("summary", "")),
        problems=tuple((str(p["what"]), str(p["message"])) for p in model.get("problems", [])),
        extras=dict(extras) if extras else _framework_extras(first),
        license=dict(model.get("license") or {}),
    )


def _compact(model: dict[str, Any], entry: dict[str, Any]) -> Verdict:
    """A secondary rubric's result: levels and scores, no findings."""
    return Verdict(
        ref=str(model["ref"]),
        repo_id=model.get("repo_id"),
        revision=model.get("revision"),
        sha=model.get("sha"),
        source=str(model.get("source", "")),
        access=str(model.get("access", "full")),
        rubric_id=str(entry["id"]),
        rubric_version=str(entry["version"]),
        layers=tuple(
            LayerResult(
                str(layer["id"]),
                _one_of(layer["level"], LEVELS, "level"),
                _score(layer.get("score")),
                (),
            )
            for layer in entry.get("layers", [])
        ),
        level=_one_of(entry["level"], LEVELS, "level"),
        score=_score(entry.get("score")),
        summary=str(entry.get("summary", "")),
        extras=_framework_extras(entry),
        license=dict(model.get("license") or {}),
    )


def _framework_extras(entry: dict[str, Any]) -> dict[str, Any]:
    framework = entry.get("framework")
    if isinstance(framework, dict) and isinstance(framework.get("framework"), str):
        return {framework["framework"]: framework}
    return {}


def _layer(layer: dict[str, Any]) -> LayerResult:
    return LayerResult(
        id=str(layer["id"]),
        level=_one_of(layer["level"], LEVELS, "level"),
        score=_score(layer.get("score")),
        findings=tuple(_finding(f) for f in layer.get("findings", [])),
        summary=str(layer.get("summary", "")),
        at_least=layer.get("at_least"),
        basis=layer.get("basis", "stated"),
    )


def _finding(finding: dict[str, Any]) -> Finding:
    return Finding(
        probe=str(finding["probe"]),
        question=str(finding.get("question", "")),
        answer=_one_of(finding["answer"], ANSWERS, "answer"),
        reason=str(finding.get("reason", "")),
        weight=_weight(finding.get("weight", 1.0)),
        citations=tuple(
            Citation(str(c["where"]), c.get("value"), c.get("url"))
            for c in finding.get("evidence", [])
        ),
        remediation=finding.get("remediation"),
        basis=finding.get("basis", "stated"),
    )
