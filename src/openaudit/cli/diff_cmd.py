"""`openaudit diff A B`: what changed in openness between two audits of a model.

A and B are anything `openaudit` audits (`org/name@rev`, a Hub URL, a folder, saved
evidence) or JSON reports written earlier (`-f json -o a.json`). The output lists
the changes overall, layer by layer, probe by probe, in the framework results and
in the licence terms; `-f json` gives them as data. Exit 0 whatever changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from openaudit.cli.app_context import AppContext
from openaudit.cli.options import OutputOpt, RubricOpt, TokenOpt
from openaudit.cli.output import say, verbose_logging, write_report
from openaudit.errors import UsageError
from openaudit.report import Audit

if TYPE_CHECKING:
    from openaudit.compare import Change

SideArg = Annotated[
    str,
    typer.Argument(
        metavar="A|B",
        help="org/name@REV, Hub URL, model folder, saved evidence or a JSON report.",
        show_default=False,
    ),
]
DiffFormatOpt = Annotated[
    str,
    typer.Option(
        "--format", "-f", metavar="text|json|markdown", help="Output format.", show_default=True
    ),
]
GROUPS = (
    ("overall", ("overall", "score")),
    ("layers", ("layer",)),
    ("frameworks", ("class",)),
    ("probes", ("probe",)),
    ("licence", ("license", "license-terms")),
)


def diff_command(
    ctx: typer.Context,
    before: SideArg,
    after: SideArg,
    fmt: DiffFormatOpt = "text",
    output: OutputOpt = None,
    rubric: RubricOpt = None,
    token: TokenOpt = None,
) -> None:
    """Show what changed in openness and licence terms between A and B."""
    from openaudit.compare import compare

    if fmt not in ("text", "json", "markdown"):
        raise UsageError(f"--format {fmt!r}: diff writes text, json or markdown")
    app = AppContext.of(ctx)
    hf_token = app.token(token)
    with verbose_logging(False, app.secrets):
        rubrics = tuple(app.services.load_rubric(name) for name in rubric or ["openaudit"])
        old = _side(app, before, rubrics, hf_token)
        new = _side(app, after, rubrics, hf_token)
    if old.primary.rubric_id != new.primary.rubric_id:
        raise UsageError(
            f"A was judged by rubric {old.primary.rubric_id}, B by {new.primary.rubric_id}: "
            "compare reports made with the same rubric"
        )
    if _model(old) != _model(new):
        say(
            f"warning: comparing two different models: {_model(old)} and {_model(new)}", app.secrets
        )
    changes = compare(old, new)
    render = {"json": _json, "markdown": _markdown}.get(fmt, _text)
    text = render(old, new, changes)
    write_report(text, output)


def _model(audit: Audit) -> str:
    return audit.primary.repo_id or audit.primary.ref


def _side(app: AppContext, text: str, rubrics: Sequence[Any], token: str | None) -> Audit:
    """One side: a JSON report read back, or the reference audited now."""
    path = Path(text)
    if path.suffix == ".json" and path.is_file() and _is_report(path):
        from openaudit.report.json_load import load_report

        report = load_report(path)
        if not report.audits:
            raise UsageError(f"{text}: the report has no audited model")
        if len(report.audits) > 1:
            raise UsageError(f"{text}: the report has {len(report.audits)} models; diff takes one")
        return report.audits[0]
    ref, revision = _split_revision(text)
    evidence = app.services.open_evidence(ref, revision=revision, token=token)
    return Audit(tuple(app.services.evaluate(r, evidence, False) for r in rubrics), evidence)


def _is_report(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"schema_version"' in head and b'"openaudit-evidence"' not in head


def _split_revision(text: str) -> tuple[str, str | None]:
    """`org/name@rev` -> (`org/name`, `rev`); an existing path is never split."""
    if "@" not in text or Path(text).exists() or "://" in text:
        return text, None
    ref, _, revision = text.rpartition("@")
    if not ref or not revision:
        raise UsageError(f"{text!r}: expected org/name@REVISION")
    return ref, revision


def _label(audit: Audit) -> str:
    verdict = audit.primary
    at = f"@{verdict.sha[:7]}" if verdict.sha else ""
    return f"{verdict.ref}{at}"


def _text(old: Audit, new: Audit, changes: Sequence[Change]) -> str:
    from openaudit.report.safe_text import clean

    lines = [clean(f"{_label(old)} -> {_label(new)} (rubric {new.primary.rubric_id})")]
    if not changes:
        lines.append("no change in openness or licence terms")
    for title, kinds in GROUPS:
        chosen = [c for c in changes if c.kind in kinds]
        if chosen:
            lines.append(f"{title}:")
            lines.extend(f"  {clean(line)}" for line in _lines(chosen))
    return "\n".join(lines) + "\n"


def _what(change: Change) -> str:
    """What changed, in words: `code score`, `weights`, `usage.commercial_use`."""
    if change.kind == "score":
        return f"{change.subject} score"
    if change.kind == "license-terms":
        return "licence statement"
    return change.subject


def _markdown(old: Audit, new: Audit, changes: Sequence[Change]) -> str:
    """The changes as Markdown, for a pull-request comment or a job summary."""
    from openaudit.report.markdown import md

    worse = sum(1 for c in changes if c.regression)
    lines = [
        f"## openaudit diff: {md(_label(old))} → {md(_label(new))}",
        "",
        f"rubric {md(new.primary.rubric_id)} · {len(changes)} change"
        f"{'s' if len(changes) != 1 else ''}, {worse} regression{'s' if worse != 1 else ''}",
    ]
    if not changes:
        lines += ["", "No change in openness or licence terms."]
    for title, kinds in GROUPS:
        chosen = [c for c in changes if c.kind in kinds]
        if chosen:
            lines += ["", f"**{title.capitalize()}**", "", "| | What | Before | After |"]
            lines.append("| --- | --- | --- | --- |")
            for change in chosen:
                mark = {"better": "↑", "worse": "↓", "changed": "~"}[change.direction]
                lines.append(
                    f"| {mark} | {md(_what(change))} | {md(change.before or '-')} | "
                    f"{md(change.after or '-')} |"
                )
    return "\n".join(lines) + "\n"


def _lines(changes: Sequence[Change]) -> Iterator[str]:
    for change in changes:
        if change.kind == "license-terms":
            yield f"+ {change.after}" if change.before is None else f"- {change.before}"
        else:
            mark = {"better": "↑", "worse": "↓", "changed": "~"}[change.direction]
            yield f"{mark} {_what(change)}: {change.before or '-'} -> {change.after or '-'}"


def _json(old: Audit, new: Audit, changes: Sequence[Change]) -> str:
    document = {
        "a": {
            "ref": old.primary.ref,
            "sha": old.primary.sha,
            "level": old.primary.level,
            "score": old.primary.score,
        },
        "b": {
            "ref": new.primary.ref,
            "sha": new.primary.sha,
            "level": new.primary.level,
            "score": new.primary.score,
        },
        "rubric": {"id": new.primary.rubric_id, "version": new.primary.rubric_version},
        "changes": [
            {
                "kind": c.kind,
                "subject": c.subject,
                "before": c.before,
                "after": c.after,
                "direction": c.direction,
                "regression": c.regression,
            }
            for c in changes
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
