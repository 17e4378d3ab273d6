"""The Markdown report, for pull-request comments and `$GITHUB_STEP_SUMMARY`.

Per model: a heading with the verdict, the layer table, the licence, the probes
that are not answered yes with their remediation (waived ones marked), and every
finding folded in a `<details>` block. Card text is data: every piece of it is
escaped, so a model card can neither inject HTML nor break the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from openaudit.report.safe_text import clean
from openaudit.results import Audit, Gate, ModelError, Report
from openaudit.verdict import Finding, LayerResult, Verdict

LEVEL_MARK = {"open": "🟢", "partial": "🟡", "closed": "🔴", "unknown": "⚪"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
MAX_CELL = 400  # characters of one table cell before it is cut (and says so)


def md(text: object, limit: int = MAX_CELL) -> str:
    """Untrusted text as one inert Markdown line: no HTML, no links, no table breaks."""
    line = clean(text)
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", line)


def render_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown ending in a newline."""
    lines = list(_heading(report))
    if len(report.results) > 1:
        lines.extend(["", *_overview(report)])
    for result in report.results:
        lines.append("")
        if isinstance(result, ModelError):
            lines.append(f"### {md(result.ref)}: error (exit {result.code})")
            lines.append("")
            lines.append(md(result.message))
        else:
            lines.extend(_audit(result, report.gate))
    return "\n".join(lines).rstrip("\n") + "\n"


def _heading(report: Report) -> Iterator[str]:
    rubric = report.rubric
    gate = report.gate
    status = "report"
    if gate is not None:
        status = "✅ policy passed" if gate.passed else "❌ policy failed"
    yield f"## openaudit: {status}"
    yield ""
    yield (
        f"openaudit {md(report.tool_version)} · rubric {md(rubric.id)} {md(rubric.version)}"
        f" · {len(report.results)} model{'s' if len(report.results) != 1 else ''}"
    )
    if gate is not None and gate.failures:
        yield ""
        yield from (f"- {md(failure, 1000)}" for failure in gate.failures)
    if gate is not None and gate.notes:
        yield ""
        yield from (f"- note: {md(note, 1000)}" for note in gate.notes)


def _overview(report: Report) -> Iterator[str]:
    """One row per model, for a run of several."""
    yield "| Model | Level | Score |"
    yield "| --- | --- | ---: |"
    for result in report.results:
        if isinstance(result, ModelError):
            yield f"| {md(result.ref)} | error (exit {result.code}) | - |"
        else:
            verdict = result.primary
            score = "-" if verdict.score is None else str(verdict.score)
            mark = LEVEL_MARK.get(verdict.level, "")
            yield f"| {md(verdict.ref)} | {mark} {verdict.level} | {score} |"


def _audit(audit: Audit, gate: Gate | None) -> Iterator[str]:
    verdict = audit.primary
    score = "-" if verdict.score is None else f"{verdict.score}/100"
    sha = f" @ `{verdict.sha[:7]}`" if verdict.sha and verdict.sha.isalnum() else ""
    mark = LEVEL_MARK.get(verdict.level, "")
    yield f"### {md(verdict.ref)}{sha}: {mark} {verdict.level}, score {score}"
    yield ""
    yield f"source: {md(verdict.source)} · access: {md(verdict.access)}"
    yield ""
    yield "| Layer | Level | Score | Key evidence |"
    yield "| --- | --- | ---: | --- |"
    for layer in verdict.layers:
        yield (
            f"| {md(layer.id.replace('_', ' '))} | {LEVEL_MARK.get(layer.level, '')} "
            f"{layer.level} | {_layer_score(layer)} | {md(layer.summary)} |"
        )
    yield ""
    yield from _others(audit)
    licence = verdict.license
    if licence:
        family = f" ({md(licence['family'])})" if licence.get("family") else ""
        yield f"**Licence:** {md(licence.get('id') or 'not identified')}{family}"
        yield ""
    yield from _problems(verdict)
    yield from _failing(verdict, gate)
    yield from _details(verdict, gate)


def _layer_score(layer: LayerResult) -> str:
    if layer.score is None:
        return "-"
    return f"({layer.score})" if layer.level == "unknown" else str(layer.score)


def _others(audit: Audit) -> Iterator[str]:
    for verdict in audit.verdicts[1:]:
        framework = verdict.framework or {}
        extra = ""
        if framework.get("framework") == "mof":
            extra = f", {md(framework.get('class'))}"
        elif framework.get("framework") == "osaid":
            extra = f", OSAID {md(framework.get('result'))}"
        score = "-" if verdict.score is None else verdict.score
        yield f"- rubric {md(verdict.rubric_id)}: {verdict.level}, score {score}{extra}"
    if len(audit.verdicts) > 1:
        yield ""


def _problems(verdict: Verdict) -> Iterator[str]:
    if not verdict.problems:
        return
    yield "**Could not read:**"
    yield ""
    yield from (f"- {md(what)}: {md(message)}" for what, message in verdict.problems)
    yield ""


def _failing(verdict: Verdict, gate: Gate | None) -> Iterator[str]:
    rows = [
        (layer, finding)
        for layer in verdict.layers
        for finding in layer.findings
        if finding.answer != "yes"
    ]
    if not rows:
        return
    yield "**Probes not answered yes**"
    yield ""
    yield "| Layer | Probe | Answer | Why | How to fix |"
    yield "| --- | --- | --- | --- | --- |"
    for layer, finding in rows:
        yield (
            f"| {md(layer.id.replace('_', ' '))} | {md(finding.probe)} | "
            f"{_answer(verdict, finding, gate)} | {md(finding.reason)} | "
            f"{md(finding.remediation or '')} |"
        )
    yield ""


def _answer(verdict: Verdict, finding: Finding, gate: Gate | None) -> str:
    """The answer, its basis when inferred, and the waiver that accepted it."""
    answer: str = finding.answer
    if finding.answer != "unknown" and finding.basis == "inferred":
        answer += " (inferred)"
    waived = gate.waiver(verdict.ref, finding.probe) if gate else None
    if waived is None:
        return answer
    until = f", until {waived.expires}" if waived.expires else ""
    return f"{answer}, **waived**: {md(waived.reason)}{until}"


def _details(verdict: Verdict, gate: Gate | None) -> Iterator[str]:
    count = sum(len(layer.findings) for layer in verdict.layers)
    yield "<details><summary>All " + str(count) + " findings, with evidence</summary>"
    yield ""
    yield "| Layer | Probe | Answer | Reason | Evidence |"
    yield "| --- | --- | --- | --- | --- |"
    for layer in verdict.layers:
        for finding in layer.findings:
            evidence = "; ".join(
                md(c.where) + (f" = {md(c.value)}" if c.value else "") for c in finding.citations
            )
            yield (
                f"| {md(layer.id.replace('_', ' '))} | {md(finding.probe)} | "
                f"{_answer(verdict, finding, gate)} | {md(finding.reason)} | {evidence} |"
            )
    yield ""
    yield "</details>"
