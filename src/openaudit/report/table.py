"""The human report: one rich table per model, plus every probe with `--explain`.

Every piece of model-derived text goes through `clean()` and into a `Text` object:
`Text` never parses markup (so "[bold]" in a card prints as is, with no need for
`rich.markup.escape`, which would show its backslashes here), the console is built
with markup and emoji off, and `clean()` drops escape sequences and control characters.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from openaudit.report import ModelError, Report, Result
from openaudit.report.text import clean
from openaudit.verdict import Citation, Finding, LayerResult, Verdict

LEVEL_STYLES = {"open": "green", "partial": "yellow", "closed": "red", "unknown": "magenta"}
ANSWER_STYLES = {"yes": "green", "no": "red", "unknown": "yellow"}
NO_SCORE = "-"


def render_table(
    report: Report, *, explain: bool = False, width: int = 100, color: bool = False
) -> str:
    """The report as terminal text at `width` columns, with ANSI colour only if `color`."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        force_interactive=False,
        force_jupyter=False,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        _environ={},
    )
    for index, result in enumerate(report.results):
        if index:
            console.print()
        console.print(_model(result, explain))
    if len(report.results) > 1:
        console.print()
        console.print(_overview(report.results))
    # rich pads every cell to the full width; trailing blanks only make diffs noisy
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _safe(text: object, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _model(result: Result, explain: bool) -> RenderableType:
    if isinstance(result, ModelError):
        return Group(
            Text.assemble((clean(result.ref), "bold")),
            Text.assemble(("error", "bold red"), f" (exit {result.code}): ", clean(result.message)),
        )
    parts: list[RenderableType] = [_header(result), _layers_table(result)]
    parts.extend(_problems(result))
    parts.append(_verdict_line(result))
    parts.extend(_extras(result.extras))
    if explain:
        parts.extend(_explain(result))
    return Group(*parts)


def _header(verdict: Verdict) -> Text:
    header = Text.assemble((clean(verdict.ref), "bold"))
    if verdict.repo_id and verdict.repo_id != verdict.ref:
        header.append(f" ({clean(verdict.repo_id)})")
    if verdict.sha or verdict.revision:
        header.append(f" @ {clean((verdict.sha or '')[:7] or verdict.revision)}")
    header.append(f"  source: {clean(verdict.source)}  access: {clean(verdict.access)}", "dim")
    return header


def _level(level: str) -> Text:
    return Text(clean(level), style=LEVEL_STYLES.get(level, ""))


def _score(score: int | None) -> str:
    return NO_SCORE if score is None else str(score)


def _layers_table(verdict: Verdict) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("Layer", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Key evidence", ratio=1)
    for layer in verdict.layers:
        table.add_row(
            _layer_name(layer.id), _level(layer.level), _score(layer.score), _safe(layer.summary)
        )
    return table


def _layer_name(layer_id: str) -> str:
    return clean(layer_id).replace("_", " ")


def _problems(verdict: Verdict) -> Iterator[Text]:
    for what, message in verdict.problems:
        yield Text.assemble(("problem: ", "yellow"), f"{clean(what)}: {clean(message)}")


def _verdict_line(verdict: Verdict) -> Text:
    line = Text.assemble(("Verdict: ", "bold"), _level(verdict.level))
    line.append(f"  score {_score(verdict.score)}/100")
    if verdict.summary:
        line.append(f"  {clean(verdict.summary)}")
    return line


def _extras(extras: dict[str, Any]) -> Iterator[Text]:
    for key in sorted(extras, key=str):
        value = extras[key]
        shown = (
            value
            if isinstance(value, str | int | float)
            else json.dumps(value, default=str, sort_keys=True)
        )
        yield Text.assemble((f"{clean(key)}: ", "bold"), clean(shown))


def _explain(verdict: Verdict) -> Iterator[RenderableType]:
    yield Text("")
    for layer in verdict.layers:
        yield _findings_table(layer)


def _findings_table(layer: LayerResult) -> Table:
    title = Text.assemble((_layer_name(layer.id), "bold"), ": ", _level(layer.level))
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
        pad_edge=False,
        leading=1,
    )
    table.add_column("Probe", ratio=2)
    table.add_column("Answer", no_wrap=True, min_width=7)
    table.add_column("Why, evidence, fix", ratio=3)
    for finding in layer.findings:
        probe = Text.assemble(
            (clean(finding.probe), "bold"), "\n", (clean(finding.question), "dim")
        )
        answer = Text(clean(finding.answer), style=ANSWER_STYLES.get(finding.answer, ""))
        table.add_row(probe, answer, _details(finding))
    if not layer.findings:
        table.add_row(Text("(no probes)", style="dim"), "", "")
    return table


def _details(finding: Finding) -> Text:
    lines = [Text(clean(finding.reason))]
    lines.extend(Text.assemble(("evidence: ", "dim"), _citation(c)) for c in finding.citations)
    if finding.remediation:
        lines.append(Text.assemble(("fix: ", "cyan"), clean(finding.remediation)))
    return Text("\n").join(lines)


def _citation(citation: Citation) -> str:
    text = clean(citation.where)
    if citation.value is not None:
        text += f" = {clean(citation.value)}"
    if citation.url:
        text += f" <{clean(citation.url)}>"
    return text


def _overview(results: tuple[Result, ...]) -> Table:
    table = Table(
        title=Text("Summary", style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
        pad_edge=False,
    )
    table.add_column("Model", ratio=2)
    table.add_column("Level", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Verdict", ratio=3)
    for result in results:
        if isinstance(result, ModelError):
            error = Text("error", style="bold red")
            table.add_row(_safe(result.ref), error, NO_SCORE, _safe(result.message))
        else:
            level, score = _level(result.level), _score(result.score)
            table.add_row(_safe(result.ref), level, score, _safe(result.summary))
    return table
