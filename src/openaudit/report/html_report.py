"""One self-contained HTML page: a heat map of models x layers, coloured by level.

No external assets: styles and the small sorting script are inline, and a
Content-Security-Policy forbids loading anything else. The summary counts come
first, then the heat map (best score first; click a column header to sort by it,
or open the page as `report.html#sort=N` / `#sort=N-asc` to sort by column N),
then each model's findings per layer, which every heat-map cell links to.
Every piece of text is HTML-escaped; only http(s) evidence URLs become links.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from openaudit.evidence import Citation
from openaudit.report.batch_summary import summarise
from openaudit.report.safe_text import clean
from openaudit.results import Audit, ModelError, Report, Result
from openaudit.verdict import LAYERS, LEVELS, Finding, LayerResult, Verdict

LEVEL_RANK = {"open": 3, "partial": 2, "closed": 1, "unknown": 0}
LAYER_TITLES = {"usage_limits": "usage limits"}

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d1d1f;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}
th,td{padding:.3em .6em;border:1px solid #d0d0d5;text-align:left;vertical-align:top}
th{background:#f2f2f5;cursor:pointer;user-select:none;white-space:nowrap}
th.sorted-desc::after{content:" \\25BC"}th.sorted-asc::after{content:" \\25B2"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.open{background:#b7e4b0}td.partial{background:#fbe29a}
td.closed{background:#f4b3ae}td.unknown{background:#e4e4e8;color:#555}
td.error{background:#fff;color:#a0201a}
table.heat td{white-space:nowrap}table.heat td:first-child{white-space:normal;max-width:28em}
.small{display:block;font-size:.85em}
td a{color:inherit;text-decoration:none;display:block}
td a:hover{text-decoration:underline}
details{margin:.3em 0 .6em 1em}summary{cursor:pointer}
.answer-yes{color:#1b6e1b}.answer-no{color:#a0201a}.answer-unknown{color:#666}
.muted{color:#666}
"""

SCRIPT = r"""
document.querySelectorAll("table.sortable th").forEach(function (th, column) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0];
    var descending = !th.classList.contains("sorted-desc");
    table.querySelectorAll("th").forEach(function (h) {
      h.classList.remove("sorted-desc", "sorted-asc");
    });
    th.classList.add(descending ? "sorted-desc" : "sorted-asc");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].dataset.sort, y = b.cells[column].dataset.sort;
      var nx = parseFloat(x), ny = parseFloat(y);
      var order = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y) : nx - ny;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
// #sort=N (descending) or #sort=N-asc: open the page sorted by column N
var wanted = /^#sort=(\d+)(-asc)?$/.exec(location.hash);
var header = wanted && document.querySelectorAll("table.sortable th")[+wanted[1]];
if (header) { header.click(); if (wanted[2]) { header.click(); } }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def render_html(report: Report) -> str:
    """The report as one HTML page."""
    summary = summarise(report.results)
    rubric = report.rubric
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>openaudit: {len(report.results)} models</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>How open are these {len(report.results)} models?</h1>",
        f'<p class="muted">rubric {_text(rubric.id)} {_text(rubric.version)}; '
        f"openaudit {_text(report.tool_version)}</p>",
        _counts(summary.counts, summary.errors, summary.audited),
        _heat_map(summary.ranked, report.results),
        "<h2>Findings</h2>",
        *(_details(index, result) for index, result in enumerate(report.results)),
        f"<script>{SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _text(value: object) -> str:
    return escape(clean(value))


def _title(layer: str) -> str:
    return _text(LAYER_TITLES.get(layer, layer))


def _counts(counts: dict[str, dict[str, int]], errors: int, audited: int) -> str:
    rows = []
    for level in LEVELS:
        cells = "".join(
            f'<td class="num {level}">{counts.get(layer, {}).get(level, 0)}</td>'
            for layer in LAYERS
        )
        rows.append(f'<tr><th scope="row">{level}</th>{cells}</tr>')
    head = "".join(f"<th>{_title(layer)}</th>" for layer in LAYERS)
    return (
        f"<h2>Summary</h2><p>{audited} audited, {errors} could not be audited.</p>"
        f'<table class="counts"><thead><tr><th>models</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _heat_map(ranked: tuple[Result, ...], order: tuple[Result, ...]) -> str:
    index = {id(result): number for number, result in enumerate(order)}
    head = "".join(f"<th>{_title(layer)}</th>" for layer in LAYERS)
    rows = [_heat_row(index[id(result)], result) for result in ranked]
    return (
        '<h2>Heat map</h2><p class="muted">Click a column to sort; a cell links to its '
        "findings.</p>"
        '<table class="sortable heat"><thead><tr><th>model</th><th>score</th><th>level</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _heat_row(number: int, result: Result) -> str:
    ref = _text(result.ref)
    if isinstance(result, ModelError):
        message = _text(f"exit {result.code}: {result.message}")
        blanks = '<td data-sort="-1"></td>' * len(LAYERS)
        return (
            f'<tr><td data-sort="{ref}"><a href="#m{number}">{ref}</a>'
            f'<span class="muted small">{message}</span></td>'
            f'<td class="num" data-sort="-1">-</td>'
            f'<td class="error" data-sort="-1">error</td>{blanks}</tr>'
        )
    verdict = result.primary
    score = -1 if verdict.score is None else verdict.score
    levels = {layer.id: layer for layer in verdict.layers}
    cells = "".join(_layer_cell(number, layer, levels.get(layer)) for layer in LAYERS)
    return (
        f'<tr><td data-sort="{ref}"><a href="#m{number}">{ref}</a></td>'
        f'<td class="num" data-sort="{score}">{_score(verdict.score)}</td>'
        f'<td class="{verdict.level}" data-sort="{LEVEL_RANK[verdict.level]}">'
        f"{verdict.level}</td>{cells}</tr>"
    )


def _layer_cell(number: int, layer_id: str, layer: LayerResult | None) -> str:
    if layer is None:
        return '<td data-sort="-1">-</td>'
    rank = LEVEL_RANK[layer.level] * 1000 + (layer.score or 0)
    label = f"{layer.level} {_score(layer.score)}"
    if layer.level == "unknown":  # its score covers only the probes it could decide
        label = "unknown" if layer.score is None else f"unknown ({layer.score})"
    return (
        f'<td class="{layer.level}" data-sort="{rank}" title="{_text(layer.summary)}">'
        f'<a href="#m{number}-{layer_id}">{label}</a></td>'
    )


def _score(score: int | None) -> str:
    return "-" if score is None else str(score)


def _details(number: int, result: Result) -> str:
    ref = _text(result.ref)
    if isinstance(result, ModelError):
        message = _text(result.message)
        error = f"<p>error (exit {result.code}): {message}</p>"
        return f'<section id="m{number}"><h3>{ref}</h3>{error}</section>'
    verdict = result.primary
    layers = "".join(_layer_details(number, layer) for layer in verdict.layers)
    return (
        f'<section id="m{number}"><h3>{ref}</h3>'
        f"<p>{verdict.level}, score {_score(verdict.score)}/100: {_text(verdict.summary)}"
        f"{_sha(verdict)}</p>{layers}{_rubrics(result)}</section>"
    )


def _sha(verdict: Verdict) -> str:
    return f' <span class="muted">@ {_text(verdict.sha[:12])}</span>' if verdict.sha else ""


def _rubrics(audit: Audit) -> str:
    others = [
        f"{_text(v.rubric_id)} {_text(v.rubric_version)}: {v.level}, score {_score(v.score)}"
        for v in audit.verdicts[1:]
    ]
    return f'<p class="muted">{"; ".join(others)}</p>' if others else ""


def _layer_details(number: int, layer: LayerResult) -> str:
    findings = "".join(_finding(finding) for finding in layer.findings)
    return (
        f'<details id="m{number}-{layer.id}"><summary><b>{_title(layer.id)}</b>: '
        f"{layer.level} {_score(layer.score)} — {_text(layer.summary)}</summary>"
        f"<ul>{findings or '<li>(no probes)</li>'}</ul></details>"
    )


def _finding(finding: Finding) -> str:
    citations = "".join(f"<li>{_citation(c)}</li>" for c in finding.citations)
    fix = f"<br>fix: {_text(finding.remediation)}" if finding.remediation else ""
    return (
        f'<li><b>{_text(finding.probe)}</b> <span class="answer-{finding.answer}">'
        f"{finding.answer}</span>: {_text(finding.reason)}{fix}"
        f"{f'<ul>{citations}</ul>' if citations else ''}</li>"
    )


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:  # "https://[x" splits into no parts: shown as text
        return ""


def _citation(citation: Citation) -> str:
    text = _text(citation.where)
    if citation.value is not None:
        text += f" = {_text(citation.value)}"
    url = citation.url or ""
    if _scheme(url) in ("http", "https"):
        href = escape(clean(url), quote=True)
        text += f' <a href="{href}" rel="noopener noreferrer">{_text(url)}</a>'
    elif url:
        text += f" &lt;{_text(url)}&gt;"
    return text
