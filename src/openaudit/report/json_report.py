"""The versioned, deterministic JSON report (schema: openaudit/schemas/report-2.json).

Compatibility rule: adding a key is a minor change; renaming or removing one, or
changing a value's type, bumps `schema_version`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from openaudit.evidence import Citation
from openaudit.results import Audit, Gate, ModelError, Report, Result, Waived
from openaudit.verdict import Finding, LayerResult, Verdict

SCHEMA_VERSION = "2"

# json.dumps(ensure_ascii=False) leaves DEL, C1 controls and bidi overrides raw;
# escaping them keeps `openaudit m -f json` safe to print in a terminal.
_UNSAFE_RE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data, keys in the documented order."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "openaudit", "version": report.tool_version},
        "rubric": {"id": report.rubric.id, "version": report.rubric.version},
        "rubrics": [
            {"id": rubric.id, "version": rubric.version, "title": rubric.title}
            for rubric in report.rubrics
        ],
        "models": [_result(result, report.gate) for result in report.results],
    }
    if report.gate is not None:  # only when a policy was in effect
        document["policy"] = _gate(report.gate)
    return document


def _gate(gate: Gate) -> dict[str, Any]:
    return {
        "passed": gate.passed,
        "failures": list(gate.failures),
        "waived": [{"ref": w.ref, "probe": w.probe, **_waiver(w)} for w in gate.waived],
        "notes": list(gate.notes),
    }


def _waiver(waived: Waived) -> dict[str, Any]:
    return {"reason": waived.reason, "expires": waived.expires, "origin": waived.origin}


def render_json(report: Report) -> str:
    """The report as indented JSON text ending in a newline."""
    return safe_dumps(report_to_dict(report), indent=2) + "\n"


def safe_dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text that is safe to print: UTF-8 kept, terminal-unsafe characters escaped."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def model_to_dict(result: Result) -> dict[str, Any]:
    """One entry of the report's `models` list: an audited model, or its error."""
    return _result(result)


def _result(result: Result, gate: Gate | None = None) -> dict[str, Any]:
    if isinstance(result, ModelError):
        return {"ref": result.ref, "error": {"code": result.code, "message": result.message}}
    return _audit(result, gate)


def _audit(audit: Audit, gate: Gate | None = None) -> dict[str, Any]:
    """The primary verdict in full, its licence block, and every rubric's compact result."""
    entry = _verdict(audit.primary)
    if gate is not None:
        for layer in entry["layers"]:
            for finding in layer["findings"]:
                waived = gate.waiver(audit.ref, finding["probe"])
                if waived is not None:
                    finding["waived"] = _waiver(waived)
    entry["license"] = _plain(audit.primary.license) if audit.primary.license else None
    entry["rubrics"] = [_rubric(verdict) for verdict in audit.verdicts]
    return entry


def _rubric(verdict: Verdict) -> dict[str, Any]:
    """One rubric's result without findings: levels, scores and the framework result."""
    framework = verdict.framework
    return {
        "id": verdict.rubric_id,
        "version": verdict.rubric_version,
        "level": verdict.level,
        "score": verdict.score,
        "summary": verdict.summary,
        "layers": [
            {"id": layer.id, "level": layer.level, "score": layer.score} for layer in verdict.layers
        ],
        "framework": None if framework is None else _sorted(framework),
    }


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {
        "ref": verdict.ref,
        "repo_id": verdict.repo_id,
        "revision": verdict.revision,
        "sha": verdict.sha,
        "source": verdict.source,
        "access": verdict.access,
        "level": verdict.level,
        "score": verdict.score,
        "summary": verdict.summary,
        "layers": [_layer(layer) for layer in verdict.layers],
        "problems": [{"what": what, "message": message} for what, message in verdict.problems],
        "extras": _sorted(verdict.extras),
    }


def _layer(layer: LayerResult) -> dict[str, Any]:
    return {
        "id": layer.id,
        "level": layer.level,
        "score": layer.score,
        "summary": layer.summary,
        "findings": [_finding(finding) for finding in layer.findings],
        "at_least": layer.at_least,
        "basis": layer.basis,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "probe": finding.probe,
        "question": finding.question,
        "answer": finding.answer,
        "basis": finding.basis,
        "reason": finding.reason,
        "weight": finding.weight,
        "evidence": [_citation(citation) for citation in finding.citations],
        "remediation": finding.remediation,
    }


def _citation(citation: Citation) -> dict[str, Any]:
    return {"where": citation.where, "value": citation.value, "url": citation.url}


def _plain(value: Any, *, sort_keys: bool = False) -> Any:
    """Plain data, tuples as lists; dict keys in the order built, or sorted with `sort_keys`."""
    if isinstance(value, dict):
        keys = sorted(value, key=str) if sort_keys else value
        return {str(k): _plain(value[k], sort_keys=sort_keys) for k in keys}
    if isinstance(value, list | tuple):
        return [_plain(item, sort_keys=sort_keys) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _sorted(value: Any) -> Any:
    """Framework extras with dict keys sorted, tuples as lists, so output never varies."""
    return _plain(value, sort_keys=True)
