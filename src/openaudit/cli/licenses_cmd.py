"""`openaudit licenses`: what openaudit knows about a licence, and expression checks."""

from __future__ import annotations

import io

import typer
from rich.console import Console
from rich.markup import escape

from openaudit.cli.app_context import AppContext
from openaudit.cli.output import error, write_report
from openaudit.errors import ExitCode
from openaudit.licenses import LicenseFacts, check_expression, lookup
from openaudit.licenses.catalogue import TABLE_SOURCE
from openaudit.report import Format

licenses_app = typer.Typer(
    help="What a licence allows (Hub ids, SPDX ids, common names), and expression checks.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help, like every other command
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _console(ctx: typer.Context) -> Console:
    """A console recording into a buffer; `_flush` sends it to stdout, where a closed pipe is
    not an error (typer would turn it into exit 1, "policy failed").

    On a terminal, long facts wrap between words at its width; elsewhere each stays one line.
    """
    settings = AppContext.of(ctx).settings(None, None, no_color=True, quiet=False, verbose=False)
    to_terminal = settings.format is Format.TABLE
    return Console(
        file=io.StringIO(),
        width=settings.width,
        highlight=False,
        soft_wrap=not to_terminal,
        emoji=False,
        force_terminal=False,
        no_color=True,
        _environ={},
    )


def _flush(console: Console) -> None:
    buffer = console.file
    assert isinstance(buffer, io.StringIO)
    write_report(buffer.getvalue(), None)


def _fact_lines(facts: LicenseFacts) -> list[str]:
    spdx = facts.spdx or "none (no SPDX id names exactly this licence)"
    lines = [
        f"[bold]{escape(facts.name)}[/bold]",
        f"Id: {escape(facts.id)}",
        f"SPDX: {escape(spdx)}",
        f"Hub licence id: {'yes' if facts.hub else 'no'}",
    ]
    if facts.parent:
        lines.append(f"Member of the family: {escape(facts.parent)}")
    lines += [escape(line) for line in facts.statements()]
    lines.append(f"Confidence: {escape(facts.confidence)}")
    if facts.notes:
        lines.append(f"Notes: {escape(facts.notes)}")
    return lines


@licenses_app.command("show", short_help="What one licence allows: family, usage facts.")
def show(
    ctx: typer.Context,
    license_id: str = typer.Argument(
        ..., metavar="LICENCE", help="A Hub id, SPDX id or licence name, e.g. llama3.1."
    ),
) -> None:
    """Show what openaudit knows about one licence: family, usage facts, confidence."""
    facts = lookup(license_id)
    if facts is None:
        error(f"unknown licence {license_id!r} (try a Hub id such as apache-2.0 or llama3.1)")
        raise typer.Exit(ExitCode.USAGE)
    console = _console(ctx)
    for line in _fact_lines(facts):
        console.print(line)
    console.print(f"Sources: {escape(TABLE_SOURCE)}")
    _flush(console)


@licenses_app.command("check", short_help="Validate a licence expression, e.g. 'mit OR llama3'.")
def check(
    ctx: typer.Context,
    expression: str = typer.Argument(
        ..., metavar="EXPRESSION", help='A licence expression, e.g. "mit OR llama3".'
    ),
) -> None:
    """Validate a licence expression and explain what the combination allows."""
    report = check_expression(expression)
    if not report.valid:
        error(f"invalid licence expression: {'; '.join(report.errors)}")
        raise typer.Exit(ExitCode.USAGE)
    console = _console(ctx)
    console.print(f"Valid: {escape(report.normalized or '')}")
    console.print(f"Licences: {escape(', '.join(report.license_ids))}")
    if report.facts is not None:
        if len(report.license_ids) > 1:
            console.print(f"Combination: {escape(report.facts.notes)}")
        for line in report.facts.statements():
            console.print(escape(line))
        console.print(f"Confidence: {escape(report.facts.confidence)}")
    _flush(console)
