"""The SARIF 2.1.0 report, for code scanning (GitHub's upload-sarif and the like).

Each probe of the primary rubric is a rule (its question, why it matters, how to
fix it, its framework references); each probe not answered yes is a result: `no`
is a warning, `unknown` a note, and a waived finding carries an external
suppression with the waiver's reason. For a local folder, results point at the
file the evidence came from (README.md, LICENSE, ...) and, when it can be found,
the line (a card field or a section heading). A run where every model failed is
an empty but valid log.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from openaudit import limits
from openaudit.evidence import Citation
from openaudit.report.json_text import dumps_safe
from openaudit.results import Gate, Report
from openaudit.verdict import Finding, Verdict

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Where a probe's framework reference (`MOF:10 ...`) is published: the rule's help link.
FRAMEWORK_URIS = {
    "MOF": "https://arxiv.org/abs/2403.13784",
    "EOSAI": "https://osai-index.eu/",
    "OSAID": "https://opensource.org/ai/open-source-ai-definition",
    "FMTI": "https://crfm.stanford.edu/fmti/",
}
LEVELS = {"no": "warning", "unknown": "note"}


@cache
def _rubric_probes(rubric_id: str) -> dict[str, Any]:
    """Probe metadata of a shipped rubric (why, refs); empty for a custom one."""
    from openaudit.errors import OpenAuditError
    from openaudit.rubric import load_rubric
    from openaudit.rubric.loader import list_shipped_rubrics

    if rubric_id not in list_shipped_rubrics():
        return {}
    try:
        return {probe.id: probe for probe in load_rubric(rubric_id).probes}
    except OpenAuditError:
        return {}


def render_sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log (JSON text ending in a newline)."""
    return dumps_safe(sarif_log(report))


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data."""
    rules = _rules(report)
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = [
        result for audit in report.audits for result in _results(audit.primary, index, report.gate)
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{error.ref}: {error.message}"},
            "descriptor": {"id": f"exit-{error.code}"},
        }
        for error in report.errors
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "openaudit",
                "version": report.tool_version,
                "rules": rules,
                "properties": {"rubric": report.rubric.id, "rubricVersion": report.rubric.version},
            }
        },
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": results,
    }
    if report.gate is not None:
        run["properties"] = {
            "policyPassed": report.gate.passed,
            "policyFailures": list(report.gate.failures),
        }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rules(report: Report) -> list[dict[str, Any]]:
    """One rule per probe seen in the primary verdicts, in first-seen order."""
    known = _rubric_probes(report.rubric.id)
    rules: dict[str, dict[str, Any]] = {}
    for audit in report.audits:
        for layer in audit.primary.layers:
            for finding in layer.findings:
                if finding.probe not in rules:
                    rules[finding.probe] = _rule(finding, layer.id, known.get(finding.probe))
    return list(rules.values())


def _rule(finding: Finding, layer: str, spec: Any) -> dict[str, Any]:
    why = getattr(spec, "why", "") or ""
    remediation = getattr(spec, "remediation", "") or finding.remediation or ""
    refs = list(getattr(spec, "refs", ()) or ())
    help_text = " ".join(
        part for part in (why, f"How to fix: {remediation}" if remediation else "") if part
    )
    rule: dict[str, Any] = {
        "id": finding.probe,
        "name": _name(finding.probe),
        "shortDescription": {"text": finding.question or finding.probe},
        "help": {"text": help_text or finding.question or finding.probe},
        "defaultConfiguration": {"level": "warning"},
        "properties": {
            "layer": layer,
            "weight": finding.weight,
            "tags": ["openness", layer, *_policy_tags(finding.probe)],
        },
    }
    if why:
        rule["fullDescription"] = {"text": why}
    if refs:
        rule["properties"]["references"] = refs
        uri = next(
            (FRAMEWORK_URIS[r.split(":")[0]] for r in refs if r.split(":")[0] in FRAMEWORK_URIS),
            None,
        )
        if uri:
            rule["helpUri"] = uri
    return rule


def _policy_tags(probe: str) -> list[str]:
    """The `--fail-on` tags that select this probe (one spelling of each)."""
    from openaudit.policy.selectors import TAGS

    aliases = {"license-conflict", "no-licence", "restrictive-licence", "licence"}
    return sorted(tag for tag, probes in TAGS.items() if probe in probes and tag not in aliases)


def _name(probe: str) -> str:
    """A PascalCase rule name from a probe id (`usage.no_use_restrictions`)."""
    return "".join(part.capitalize() for part in re.split(r"[._\-]+", probe) if part)


def _results(verdict: Verdict, index: dict[str, int], gate: Gate | None) -> list[dict[str, Any]]:
    results = []
    for layer in verdict.layers:
        for finding in layer.findings:
            if finding.answer == "yes":
                continue
            result: dict[str, Any] = {
                "ruleId": finding.probe,
                "ruleIndex": index[finding.probe],
                "level": LEVELS[finding.answer],
                "message": {"text": _message(verdict, finding)},
                "locations": [_location(verdict, finding)],
                "partialFingerprints": {
                    "openaudit/v1": f"{verdict.repo_id or verdict.ref}:{finding.probe}"
                },
                "properties": {
                    "model": verdict.ref,
                    "revision": verdict.sha,
                    "layer": layer.id,
                    "answer": finding.answer,
                    "basis": finding.basis,
                },
            }
            waived = gate.waiver(verdict.ref, finding.probe) if gate else None
            if waived is not None:
                result["suppressions"] = [
                    {"kind": "external", "status": "accepted", "justification": waived.reason}
                ]
            results.append(result)
    return results


def _message(verdict: Verdict, finding: Finding) -> str:
    text = f"{verdict.ref}: {finding.question} {finding.answer}: {finding.reason}"
    if finding.remediation:
        text += f" Fix: {finding.remediation}"
    return text


def _location(verdict: Verdict, finding: Finding) -> dict[str, Any]:
    """The file the evidence points at (README.md by default), with a line when found.

    A licence clause quoted from a file wins over the card field that names the
    licence, so a restriction points at its line in LICENSE.
    """
    cited = [c for c in finding.citations if _file_of(c)]
    clause = [c for c in cited if c.where.startswith("file:") and c.value and len(c.value) > 12]
    citation = next(iter(clause or cited), None)
    uri = _file_of(citation) if citation else None
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri or "README.md"}}
    if verdict.source == "local":
        # code scanning resolves paths from the repository root: the folder as given
        physical["artifactLocation"]["uri"] = _in_folder(verdict.ref, uri or "README.md")
        if citation is not None and uri:
            line = _line_in(verdict.ref, uri, _anchor(citation))
            if line is not None:
                physical["region"] = {"startLine": line}
    return {
        "physicalLocation": physical,
        "logicalLocations": [{"name": verdict.ref, "kind": "module"}],
    }


def _in_folder(folder: str, name: str) -> str:
    """`name` inside a local model folder, as a URI reference (relative when given so)."""
    path = Path(folder) / name
    if path.is_absolute():
        return path.as_uri()
    return "/".join(part for part in path.as_posix().split("/") if part not in ("", "."))


def _file_of(citation: Citation | None) -> str | None:
    if citation is None:
        return None
    where = citation.where
    if where.startswith("file:"):
        return where[5:].split("#", 1)[0] or None
    if where.startswith("card:") or where.startswith("README.md"):
        return "README.md"
    return None


def _anchor(citation: Citation) -> tuple[str, str] | None:
    """What to look for in the file: a line number, a card field, a heading or a quote."""
    where, value = citation.where, citation.value or ""
    line = re.fullmatch(r"line (\d+)", value)
    if line:
        return ("line", line.group(1))
    if where.startswith("card:"):
        return ("field", where[5:].split(".", 1)[0])
    if "#" in where:
        return ("heading", where.split("#", 1)[1])
    if where.startswith("file:") and len(value) > 12:
        quote = re.sub(r"^(…|You may not: \([a-z]\) )+", "", value).strip("… ")
        return ("quote", quote[:40])
    return None


def _line_of_word(text: str, index: int) -> int:
    """The 1-based line on which the `index`-th whitespace-separated word starts."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        seen += len(line.split())
        if seen > index:
            return number
    return 1


def _line_in(folder: str, name: str, anchor: tuple[str, str] | None) -> int | None:
    """The 1-based line of a card field or heading in a local file, bounded; else 1."""
    root = Path(folder)
    path = root / name
    try:
        if (
            path.is_symlink()
            or not path.is_file()
            or not path.resolve().is_relative_to(root.resolve())
        ):
            return None
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            text = handle.read(limits.MAX_README_BYTES)
    except OSError:
        return None
    if anchor is None:
        return 1
    kind, wanted = anchor
    if kind == "line":
        return int(wanted)
    if kind == "quote":
        flat = " ".join(text.split())
        at = flat.find(wanted)
        if at < 0:
            return 1
        words_before = len(flat[:at].split())
        return _line_of_word(text, words_before)
    for number, line in enumerate(text.splitlines(), start=1):
        if kind == "field" and re.match(rf"{re.escape(wanted)}\s*:", line):
            return number
        if kind == "heading" and re.match(r"\s{0,3}#+\s", line) and line.strip("# \t") == wanted:
            return number
    return 1
