"""The human report: one rich table per model, plus every probe with `--explain`.

Under the primary rubric's layer table come one compact line per framework or
extra rubric (MOF class and progress, OSAID pass/fail, EOSAI mean), then the
licence: its usage statements, conflicts, lineage and training-data flags.

Every piece of model-derived text goes through `clean()` and into a `Text` object:
`Text` never parses markup (so "[bold]" in a card prints as is, with no need for
`rich.markup.escape`, which would show its backslashes here), the console is built
with markup and emoji off, and `clean()` drops escape sequences and control characters.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from openaudit.evidence import Citation
from openaudit.report.batch_summary import BatchSummary, summarise
from openaudit.report.rich_console import buffer_console
from openaudit.report.safe_text import clean
from openaudit.results import Audit, Gate, ModelError, Report, Result
from openaudit.verdict import LAYERS, LEVELS, Finding, LayerResult, Verdict

# Undecided is dim: it is the absence of evidence, not a warning of its own.
LEVEL_STYLES = {"open": "green", "partial": "yellow", "closed": "red", "unknown": "dim"}
ANSWER_STYLES = {"yes": "green", "no": "red", "unknown": "dim"}
ANSWER_WORDS = {"yes": "yes", "no": "no", "unknown": "undecided"}
OSAID_STYLES = {"pass": "green", "fail": "red", "unknown": "dim"}
NO_SCORE = "-"
# The batch summary's model column leaves this many columns to score, level and layers.
OVERVIEW_OTHER_COLUMNS = 66
MIN_MODEL_COLUMN = 20
MAX_DETAILED = 10  # models shown in full; a longer report shows its summary alone
DETAILS_HINT = "per-model findings are in --format json, or audit one model"
SHORT_LAYERS = {"documentation": "docs", "usage_limits": "usage"}
INDENT = 2
# Licence statements this short ("Modification: yes") share lines, joined by PACK_SEPARATOR;
# longer ones get a line each, wrapped under a hanging indent.
PACK_MAX = 30
PACK_SEPARATOR = " · "
HANGING = 4
# The licence block's lists shown under its statements, each line with a prefix.
LICENSE_LISTS = (
    ("conflicts", "conflict"),
    ("lineage_flags", "lineage"),
    ("inherited_restrictions", "inherited"),
    ("lineage_notes", "note"),
)


def render_table(
    report: Report, *, explain: bool = False, width: int = 100, color: bool = False
) -> str:
    """The report as terminal text at `width` columns, with ANSI colour only if `color`."""
    buffer = io.StringIO()
    console = buffer_console(buffer, width=width, color=color)
    detailed = len(report.results) <= MAX_DETAILED
    for index, result in enumerate(report.results if detailed else ()):
        if index:
            console.print()
        console.print(_model(result, width))
        if report.gate is not None:
            for line in _waived(report.gate, result.ref):
                console.print(line)
        if explain and isinstance(result, Audit):
            # soft wrap: an evidence URL is printed whole, never broken, so it can be
            # clicked or copied (a terminal wraps it visually if it must)
            for renderable, whole_lines in _explain(result.primary):
                console.print(renderable, soft_wrap=whole_lines)
    if len(report.results) > 1:
        if detailed:
            console.print()
        console.print(_overview(report.results, width))
        console.print(_counts(summarise(report.results)))
    if not detailed:
        console.print(Text(f"{len(report.results)} models: one line each; {DETAILS_HINT}", "dim"))
    # rich pads every cell to the full width; trailing blanks only make diffs noisy
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _waived(gate: Gate, ref: str) -> Iterator[Text]:
    """One line per finding of this model that a waiver accepted (never hidden)."""
    for waived in gate.waived:
        if waived.ref == ref:
            until = f", until {waived.expires}" if waived.expires else ""
            yield Text.assemble(
                ("Waived: ", "bold yellow"),
                clean(f"{waived.probe} ({waived.reason}{until}; {waived.origin})"),
            )


def _safe(text: object, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _model(result: Result, width: int) -> RenderableType:
    if isinstance(result, ModelError):
        return Group(
            Text.assemble((clean(result.ref), "bold")),
            Text.assemble(("error", "bold red"), f" (exit {result.code}): ", clean(result.message)),
        )
    verdict = result.primary
    parts: list[RenderableType] = [_header(verdict), _layers_table(verdict)]
    if verdict.problems:
        parts.extend([_problems(verdict), Text("")])
    if any(layer.basis == "inferred" for layer in verdict.layers):
        parts.append(Text(INFERRED_NOTE, style="dim"))
    parts.append(_verdict_line(verdict))
    parts.extend(_rubric_lines(result))
    parts.extend(_license(verdict.license, width))
    return Group(*parts)


def _header(verdict: Verdict) -> Text:
    header = Text.assemble((clean(verdict.ref), "bold"))
    if verdict.repo_id and verdict.repo_id != verdict.ref:
        header.append(f" ({clean(verdict.repo_id)})")
    if verdict.sha or verdict.revision:
        header.append(f" @ {clean((verdict.sha or '')[:7] or verdict.revision)}")
    header.append(f"  source: {clean(verdict.source)}  access: {clean(verdict.access)}", "dim")
    return header


# Marks a level or answer that rests on an inference, not on a field or file saying it.
INFERRED_MARK = "*"
INFERRED_NOTE = (
    f"{INFERRED_MARK} inferred: what a careful reader concludes from the card, files and "
    "links (--explain names what was read); --strict counts stated answers only"
)


def _level(level: str, basis: str = "stated") -> Text:
    mark = INFERRED_MARK if basis == "inferred" else ""
    return Text(clean(level) + mark, style=LEVEL_STYLES.get(level, ""))


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
            _layer_name(layer.id),
            _level(layer.level, layer.basis),
            *_score_and_evidence(layer, verdict.rubric_id),
        )
    return table


def _score_and_evidence(layer: LayerResult, rubric_id: str) -> tuple[Text, Text]:
    """An unknown layer's score is only over the probes it could decide: shown dim,
    in parentheses, and what the evidence proves ("at least partial") leads."""
    summary = _safe(layer.summary) if layer.summary else _answers(layer, rubric_id)
    if layer.level != "unknown":
        return Text(_score(layer.score)), _with_cap(summary, layer, rubric_id)
    if layer.at_least in ("partial", "open"):
        lead = (f"at least {layer.at_least}", "bold")
        summary = Text.assemble(lead, "; " if summary.plain else "", summary)
    score = NO_SCORE if layer.score is None else f"({layer.score})"
    return Text(score, style="dim"), summary


def _with_cap(summary: Text, layer: LayerResult, rubric_id: str) -> Text:
    """A layer below open although every decided probe says yes (partial 100) was capped
    by probes left undecided: name them, so the level is not a riddle."""
    if layer.level == "open" or layer.score != 100 or layer.decided_by:
        return summary
    capping = [f for f in layer.findings if f.answer != "yes"]
    if not capping:
        return summary
    names = ", ".join(_probe_name(f.probe, rubric_id) for f in capping)
    undecided = all(f.answer == "unknown" for f in capping)
    why = f"capped at {layer.level}: {names} {'undecided' if undecided else 'not met'}"
    return Text.assemble(summary, "; " if summary.plain else "", (why, "dim"))


def _answers(layer: LayerResult, rubric_id: str) -> Text:
    """Key evidence of a layer whose probes have no summary phrases (framework rubrics):
    each probe's short name and answer, what is missing first."""
    order = {"no": 0, "unknown": 1, "yes": 2}
    parts = [
        Text.assemble(
            f"{_probe_name(finding.probe, rubric_id)} ",
            (ANSWER_WORDS[finding.answer], ANSWER_STYLES.get(finding.answer, "")),
        )
        for finding in sorted(layer.findings, key=lambda f: order.get(f.answer, 1))
    ]
    return Text(", ").join(parts)


def _probe_name(probe_id: str, rubric_id: str) -> str:
    """'mof.final_parameters' of rubric 'mof' as 'final parameters', 'data.named' of
    another rubric as 'named' (the first word is the rubric or the layer)."""
    short = clean(probe_id)
    prefix = f"{clean(rubric_id)}."
    if short.startswith(prefix):
        short = short.removeprefix(prefix)
    elif "." in short:
        short = short.split(".", 1)[1]
    return short.replace("_", " ").replace(".", " ")


def _layer_name(layer_id: str) -> str:
    return clean(layer_id).replace("_", " ")


def _problems(verdict: Verdict) -> Table:
    """'problem: what: message' per evidence problem, each wrapping under its own text."""
    return _labelled([("problem", f"{what}: {message}") for what, message in verdict.problems])


def _verdict_line(verdict: Verdict) -> Text:
    """'Verdict: partial, score 38/100': the summary would repeat the level and the table."""
    level = _level(verdict.level)
    level.stylize("bold")
    return Text.assemble(("Verdict: ", "bold"), level, f", score {_score(verdict.score)}/100")


def _rubric_lines(audit: Audit) -> Iterator[Text]:
    """One line per rubric with a framework result, and per extra rubric without one."""
    for index, verdict in enumerate(audit.verdicts):
        framework = verdict.framework
        if framework is None and index == 0:
            continue  # the layer table above already is the primary rubric's result
        label = (f"{clean(verdict.rubric_id)} {clean(verdict.rubric_version)}: ", "bold")
        body = _levels(verdict) if framework is None else _framework(framework)
        yield Text.assemble(label, body)


def _levels(verdict: Verdict) -> Text:
    """A rubric without a framework: its level, score and layer levels."""
    line = Text.assemble(_level(verdict.level), f", score {_score(verdict.score)}/100 (")
    for index, layer in enumerate(verdict.layers):
        line.append(" · " if index else "")
        line.append_text(Text.assemble(f"{_layer_name(layer.id)} ", _level(layer.level)))
    line.append(")")
    return line


def _framework(result: dict[str, Any]) -> Text:
    """A framework result as one phrase, by its kind."""
    kind = result.get("framework")
    if kind == "mof":
        return _mof(result)
    if kind == "osaid":
        return _osaid(result)
    if kind == "eosai":
        return _eosai(result)
    return Text(clean(f"{kind} result"))


def _mof(result: dict[str, Any]) -> Text:
    """'Class II; progress: III 100% (met) · II 100% (met) · I 40% (unmet)'."""
    progress = result.get("progress", {})
    steps = [
        f"{clean(name).removeprefix('Class ')} {progress.get(name, 0)}% ({clean(state)})"
        for name, state in result.get("classes", {}).items()
    ]
    return Text(f"{clean(result.get('class'))}; progress: {' · '.join(steps)}")


def _osaid(result: dict[str, Any]) -> Text:
    """'fail — unmet: A, B (1 undecided)', 'unknown — undecided: C' or 'pass'."""
    outcome = str(result.get("result"))
    line = Text(clean(outcome), style=OSAID_STYLES.get(outcome, ""))
    unmet = [clean(item.get("name")) for item in result.get("unmet", [])]
    undecided = [clean(item.get("name")) for item in result.get("undecided", [])]
    if unmet:
        line.append(f" — unmet: {', '.join(unmet)}")
        if undecided:
            line.append(f" ({len(undecided)} undecided)")
    elif undecided:
        line.append(f" — undecided: {', '.join(undecided)}")
    return line


def _eosai(result: dict[str, Any]) -> Text:
    """'0.62 mean over 4 of 12 dimensions (8 undecided; range 0.42-0.88)'."""
    decided, undecided = result.get("decided", 0), result.get("undecided", 0)
    low, high = [*(result.get("full_score_range") or []), None, None][:2]
    if result.get("score") is None:
        return Text(f"no dimension decided ({undecided} undecided)")
    text = f"{result['score']:.2f} mean over {decided} of {decided + undecided} dimensions"
    if undecided:
        text += f" ({undecided} undecided; range {_point(low)}-{_point(high)})"
    return Text(clean(text))


def _point(value: object) -> str:
    """A score bound with two decimals, '?' when missing."""
    return f"{value:.2f}" if isinstance(value, int | float) else "?"


def _license(block: dict[str, Any], width: int) -> Iterator[RenderableType]:
    """'Licence: id (family)', its statements (the short ones several to a line), then
    conflicts, lineage and training-data flags under a label column."""
    if not block:
        return
    head = Text.assemble(("Licence: ", "bold"), clean(block.get("id") or "unknown"))
    if block.get("family"):
        head.append(f" ({clean(block['family'])})")
    elif block.get("reason"):
        head.append(f" ({clean(block['reason'])})", "dim")
    effective = block.get("effective")
    if effective:  # a base's stricter terms apply: show what is in effect
        head.append("; in effect with its base's terms: ", "bold")
        head.append(clean(effective.get("family") or "unknown"))
    yield head
    shown = effective.get("statements", []) if effective else block.get("statements", [])
    yield from _statements(shown, width - INDENT)
    # the effective statements already include what the bases pass on
    lists = [(k, p) for k, p in LICENSE_LISTS if not (effective and k == "inherited_restrictions")]
    rows = [(prefix, item) for key, prefix in lists for item in block.get(key, [])]
    flagged = [item for item in block.get("dataset_flags", []) if item.get("flags")]
    rows.extend(("data", _dataset(item)) for item in flagged)
    if rows:
        yield Padding(_labelled(rows), (0, 0, 0, INDENT))


def _statements(statements: list[Any], width: int) -> Iterator[Text]:
    """The statements as indented lines: short ones packed, long ones with a hanging indent."""
    run: list[str] = []
    for statement in map(clean, statements):
        if cell_len(statement) <= PACK_MAX:
            if run and cell_len(PACK_SEPARATOR.join([*run, statement])) > width:
                yield _packed(run)
                run = []
            run.append(statement)
            continue
        if run:
            yield _packed(run)
            run = []
        lines = textwrap.wrap(statement, width, subsequent_indent=" " * (HANGING - INDENT))
        yield Text("\n".join(" " * INDENT + line for line in lines))
    if run:
        yield _packed(run)


def _packed(statements: list[str]) -> Text:
    separator = Text(PACK_SEPARATOR, style="dim")
    return Text(" " * INDENT) + separator.join(Text(each) for each in statements)


def _labelled(rows: list[tuple[str, str]]) -> Table:
    """'label: text' rows: the label shown once per group, the text wrapping under itself."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, style="yellow")
    grid.add_column(ratio=1)
    previous = None
    for label, text in rows:
        grid.add_row("" if label == previous else f"{clean(label)}:", Text(clean(text)))
        previous = label
    return grid


def _dataset(item: dict[str, Any]) -> str:
    """'org/data (cc-by-nc-4.0): non-commercial', or 'org/data: licence unknown'."""
    name = clean(item.get("dataset"))
    if item.get("license") is None:
        return f"{name}: licence unknown"
    return f"{name} ({clean(item['license'])}): {', '.join(map(clean, item.get('flags', [])))}"


def _explain(verdict: Verdict) -> Iterator[tuple[RenderableType, bool]]:
    """Every layer's findings table, each followed by the URLs its evidence cites, one
    to a line, numbered [1], [2], ... across the model; True marks lines never wrapped."""
    yield Text(""), False
    links: dict[str, int] = {}
    for layer in verdict.layers:
        known = len(links)
        yield _findings_table(layer, links), False
        for url, number in list(links.items())[known:]:
            yield Text.assemble((f"  [{number}] ", "dim"), clean(url)), True


def _findings_table(layer: LayerResult, links: dict[str, int]) -> Table:
    title = Text.assemble((_layer_name(layer.id), "bold"), ": ", _level(layer.level, layer.basis))
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
    # fold: a word longer than the column shows in full, never cut off (URLs are
    # listed whole under the table)
    table.add_column("Why, evidence, fix", ratio=3, overflow="fold")
    for finding in layer.findings:
        probe = Text.assemble(
            (clean(finding.probe), "bold"), "\n", (clean(finding.question), "dim")
        )
        mark = INFERRED_MARK if finding.basis == "inferred" else ""
        answer = Text(clean(finding.answer) + mark, style=ANSWER_STYLES.get(finding.answer, ""))
        table.add_row(probe, answer, _details(finding, links))
    if not layer.findings:
        table.add_row(Text("(no probes)", style="dim"), "", "")
    return table


def _details(finding: Finding, links: dict[str, int]) -> Text:
    lines = [Text(clean(finding.reason))]
    lines.extend(
        Text.assemble(("evidence: ", "dim"), _citation(c, links)) for c in finding.citations
    )
    if finding.remediation:
        lines.append(Text.assemble(("fix: ", "cyan"), clean(finding.remediation)))
    return Text("\n").join(lines)


def _citation(citation: Citation, links: dict[str, int]) -> str:
    """'where = value [n]', n numbering the URL listed whole under the table."""
    text = clean(citation.where)
    if citation.value is not None:
        text += f" = {clean(citation.value)}"
    if citation.url:
        number = links.setdefault(citation.url, len(links) + 1)
        text += f" [{number}]"
    return text


def _overview(results: tuple[Result, ...], width: int) -> Table:
    """Models best first: score, level and each layer's level; errors last. A model id is
    never cut short: its column is as wide as the longest id, leaving the layers their
    room; a longer one folds onto further lines."""
    names = [clean(r.ref if isinstance(r, ModelError) else r.primary.ref) for r in results]
    room = max(width - OVERVIEW_OTHER_COLUMNS, MIN_MODEL_COLUMN)
    model_width = min(max(map(cell_len, names), default=5), room)
    table = Table(
        title=Text("Summary", style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
        pad_edge=False,
    )
    table.add_column("Model", min_width=model_width, max_width=model_width, overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Level", no_wrap=True, min_width=7)
    for layer in LAYERS:
        table.add_column(SHORT_LAYERS.get(layer, layer), no_wrap=True, min_width=7)
    for result in summarise(results).ranked:
        if isinstance(result, ModelError):
            model = Text.assemble(
                _safe(result.ref), "\n", (f"exit {result.code}: {clean(result.message)}", "dim")
            )
            table.add_row(model, NO_SCORE, Text("error", style="bold red"))
            continue
        verdict = result.primary
        levels = {layer.id: layer.level for layer in verdict.layers}
        cells = [_level(levels[layer]) if layer in levels else Text(NO_SCORE) for layer in LAYERS]
        table.add_row(_safe(verdict.ref), _score(verdict.score), _level(verdict.level), *cells)
    return table


def _counts(summary: BatchSummary) -> Table:
    """How many models reached each level, per layer, and how many could not be audited."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Models")
    for layer in LAYERS:
        table.add_column(SHORT_LAYERS.get(layer, layer), justify="right")
    for level in LEVELS:
        counts = [str(summary.counts.get(layer, {}).get(level, 0)) for layer in LAYERS]
        table.add_row(_level(level), *counts)
    errors = Text(f"{summary.errors} could not be audited", "bold red" if summary.errors else "dim")
    table.add_row(errors, *([""] * len(LAYERS)))
    return table
