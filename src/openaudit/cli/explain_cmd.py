"""`openaudit explain PROBE-ID`: what a probe asks, why it matters, how to fix it.

The top level stays light (no yaml): the root app imports this module for
`openaudit --help`, so rubrics are loaded inside the command.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Annotated, Any

import typer

from openaudit.cli.app_context import AppContext
from openaudit.cli.output import write_report
from openaudit.errors import UsageError
from openaudit.report.safe_text import clean

if TYPE_CHECKING:
    from openaudit.rubric.lookup import ProbeMatch
    from openaudit.rubric.model import Rubric

INDENT = "  "

ProbeArg = Annotated[
    str, typer.Argument(metavar="PROBE-ID", help="A probe id, e.g. weights.not_gated.")
]
RubricsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--rubric",
        "-r",
        metavar="NAME|PATH",
        help="Look the probe up in this rubric (repeatable). Default: every shipped rubric.",
        show_default=False,
    ),
]


def explain(ctx: typer.Context, probe_id: ProbeArg, rubric: RubricsOpt = None) -> None:
    """Explain a probe: what it asks, why it matters, how to fix it, what evidence it reads."""
    from openaudit.rubric.lookup import close_probe_ids, find_probe

    rubrics = _load(rubric)
    matches = find_probe(probe_id, rubrics)
    if not matches:
        where = ", ".join(rubric) if rubric else "the shipped rubrics"
        close = close_probe_ids(probe_id, rubrics)
        hint = f"did you mean {' or '.join(close)}?" if close else "see `openaudit rubrics show`"
        raise UsageError(f"no probe '{probe_id}' in {where}", hint=hint)
    width = AppContext.of(ctx).settings(None, None, no_color=True, quiet=False, verbose=False).width
    write_report("\n".join(explain_text(match, width) for match in matches), None)


def _load(names: list[str] | None) -> list[Rubric]:
    from openaudit.rubric.loader import load_rubric
    from openaudit.rubric.lookup import shipped_rubrics

    return [load_rubric(name) for name in names] if names else list(shipped_rubrics())


def explain_text(match: ProbeMatch, width: int = 100) -> str:
    """One probe definition as plain text, every rubric line cleaned of control characters."""
    from openaudit.rubric.docs import PROBE_FIELDS, caps_text, extra_fields, params_text
    from openaudit.rubric.registry import get_evaluator

    probe = match.probe
    layer = _layer_name(match.rubrics[0], probe.layer)
    spec = get_evaluator(probe.evaluator)
    lines = [*_wrap(f"{probe.id}: {probe.question}", width, ""), ""]
    lines += _fields(
        [
            ("layer", layer),
            ("rubrics", ", ".join(f"{r.id} {r.version}" for r in match.rubrics)),
            ("weight", f"{probe.weight:g}; caps: {caps_text(probe) or 'none'}"),
        ],
        width,
    )
    lines += _section("Why it matters", [probe.why or "(not stated)"], width)
    lines += _section("How to fix it", [probe.remediation], width)
    evaluator = [f"{probe.evaluator}: {spec.doc}" if spec else probe.evaluator]
    if probe.params:
        evaluator.append(f"params: {params_text(probe.params)}")
    if spec is not None:
        evaluator.append(f"reads: {', '.join(spec.reads) or 'nothing declared'}")
    lines += _section("Evaluator", evaluator, width)
    if probe.refs:
        lines += _section("References", list(probe.refs), width)
    for name, value in extra_fields(probe, PROBE_FIELDS):
        lines += _section(name.replace("_", " ").capitalize(), _plain_lines(value), width)
    return "\n".join(lines) + "\n"


def _layer_name(rubric: Rubric, layer_id: str) -> str:
    try:
        title = rubric.layer(layer_id).title
    except KeyError:
        return layer_id
    return f"{layer_id} ({title})" if title else layer_id


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(clean(text), width, initial_indent=indent, subsequent_indent=indent) or [
        indent
    ]


def _fields(pairs: list[tuple[str, str]], width: int) -> list[str]:
    pad = max(len(name) for name, _ in pairs) + 2
    lines = []
    for name, value in pairs:
        wrapped = textwrap.wrap(clean(value), max(width - pad - 2, 20)) or [""]
        lines.append(f"{INDENT}{name.ljust(pad)}{wrapped[0]}")
        lines += [f"{INDENT}{' ' * pad}{rest}" for rest in wrapped[1:]]
    return lines


def _section(title: str, paragraphs: list[str], width: int) -> list[str]:
    lines = ["", title]
    for paragraph in paragraphs:
        lines += _wrap(paragraph, width, INDENT)
    return lines


def _plain_lines(value: Any) -> list[str]:
    """A framework field's value as short lines: lists item by item, mappings as key: value."""
    from openaudit.rubric.docs import plain

    data = plain(value)
    if isinstance(data, dict):
        return [f"{key}: {item}" for key, item in data.items()]
    if isinstance(data, list):
        return [f"- {item}" for item in data]
    return [str(data)]
