"""`openaudit rubrics`: list, show, validate and document rubrics.

The top level stays light (no yaml, no rich): the root app imports this module
for `openaudit --help`, so the rubric engine and rich load inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from openaudit.cli.app_context import AppContext, Settings
from openaudit.cli.options import ListingFormat, ListingFormatOpt, NoColorOpt, OutputOpt
from openaudit.cli.output import say, write_report
from openaudit.errors import ExitCode, RubricError, UsageError
from openaudit.report import Format
from openaudit.report.safe_text import clean

rubrics_app = typer.Typer(
    name="rubrics",
    help="List, show, validate and document rubrics (the probes an audit asks).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

NameArg = Annotated[
    str,
    typer.Argument(metavar="NAME|PATH", help="A shipped rubric name or a rubric YAML file."),
]
PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH", help="Rubric YAML files (or shipped rubric names).", show_default=False
    ),
]
OptionalNameArg = Annotated[
    str | None,
    typer.Argument(
        metavar="NAME|PATH",
        help="A shipped rubric name or a rubric YAML file.",
        show_default=False,
    ),
]
AllOpt = Annotated[
    bool, typer.Option("--all", help="Document every shipped rubric (needs --output-dir).")
]
OutputDirOpt = Annotated[
    Path | None,
    typer.Option("--output-dir", metavar="DIR", help="With --all: write DIR/NAME.md per rubric."),
]
EvaluatorsOpt = Annotated[
    bool, typer.Option("--evaluators", help="Document the evaluator library instead.")
]


@rubrics_app.command("list", short_help="List the shipped rubrics.")
def list_command(
    ctx: typer.Context,
    fmt: ListingFormatOpt = None,
    output: OutputOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """List the shipped rubrics: id, version, title and probe count (JSON: also the source).

    `openaudit rubrics show NAME` shows one in full, with its source.
    """
    from openaudit.report.rubric_listing import listing_json, rubric_list_table
    from openaudit.rubric.docs import rubric_summary
    from openaudit.rubric.lookup import shipped_rubrics

    settings = _settings(ctx, fmt, output, no_color)
    rubrics = list(shipped_rubrics())
    rows = [rubric_summary(rubric) for rubric in rubrics]
    if settings.format is Format.JSON:
        text = listing_json({"rubrics": rows})
    else:
        text = rubric_list_table(rows, rubrics, width=settings.width, color=settings.color)
    write_report(text, settings.output)


@rubrics_app.command("show", short_help="Show a rubric's layers and probes.")
def show_command(
    ctx: typer.Context,
    name: NameArg,
    fmt: ListingFormatOpt = None,
    output: OutputOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Show a rubric: layers with weights and thresholds, and every probe."""
    from openaudit.report.rubric_listing import listing_json, rubric_tables
    from openaudit.rubric import load_rubric
    from openaudit.rubric.docs import rubric_dict

    settings = _settings(ctx, fmt, output, no_color)
    rubric = load_rubric(name)
    if settings.format is Format.JSON:
        text = listing_json({"rubric": rubric_dict(rubric)})
    else:
        text = rubric_tables(rubric, width=settings.width, color=settings.color)
    write_report(text, settings.output)


@rubrics_app.command("validate", short_help="Check rubric files (FILE:LINE:COL errors).")
def validate_command(paths: PathsArg) -> None:
    """Check rubric files; every error is printed as FILE:LINE:COLUMN: MESSAGE (exit 2)."""
    from openaudit.rubric import load_rubric

    failed = False
    for path in paths:
        try:
            rubric = load_rubric(path)
        except RubricError as exc:
            # Compiler-style, without the `openaudit: error:` prefix, so editors can jump to
            # it; every independent error of the file at once, one per line.
            for message in getattr(exc, "messages", None) or (exc.one_line(),):
                sys.stderr.write(clean(message) + "\n")
            failed = True
            continue
        sys.stdout.write(
            f"{clean(path)} is valid: {len(rubric.probes)} probes in {len(rubric.layers)} layers\n"
        )
    if failed:
        raise typer.Exit(ExitCode.USAGE)


@rubrics_app.command("docs", short_help="Generate Markdown docs for rubrics or evaluators.")
def docs_command(
    name: OptionalNameArg = None,
    output: OutputOpt = None,
    all_rubrics: AllOpt = False,
    output_dir: OutputDirOpt = None,
    evaluators: EvaluatorsOpt = False,
) -> None:
    """Generate Markdown docs for a rubric, every shipped rubric, or the evaluator library.

    The committed docs are regenerated with:
    openaudit rubrics docs --all --output-dir docs/rubrics;
    openaudit rubrics docs --evaluators --output docs/evaluators.md
    """
    from openaudit.rubric import docs, load_rubric

    _check_docs_args(name, output, all_rubrics, output_dir, evaluators)
    if all_rubrics and output_dir is not None:
        for path in _write_all(output_dir):
            say(f"wrote {path}")
        return
    text = (
        docs.evaluators_markdown() if evaluators else docs.rubric_markdown(load_rubric(name or ""))
    )
    write_report(text, output)


def _check_docs_args(
    name: str | None, output: Path | None, all_rubrics: bool, output_dir: Path | None, ev: bool
) -> None:
    if sum((name is not None, all_rubrics, ev)) != 1:
        raise UsageError("rubrics docs: give one of NAME|PATH, --all or --evaluators")
    if all_rubrics and (output_dir is None or output is not None):
        raise UsageError("rubrics docs --all writes one file per rubric: give --output-dir DIR")
    if output_dir is not None and not all_rubrics:
        raise UsageError("rubrics docs: --output-dir goes with --all (use --output for one page)")


def _write_all(output_dir: Path) -> list[Path]:
    from openaudit.rubric.docs import rubric_markdown
    from openaudit.rubric.loader import list_shipped_rubrics, load_rubric

    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {output_dir}: {exc.strerror or exc}") from None
    written = []
    for name in list_shipped_rubrics():
        path = output_dir / f"{name}.md"
        write_report(rubric_markdown(load_rubric(name)), path)
        written.append(path)
    return written


# --- rendering ----------------------------------------------------------------------------


def _settings(
    ctx: typer.Context, fmt: ListingFormat | None, output: Path | None, no_color: bool
) -> Settings:
    chosen = None if fmt is None else Format(fmt.value)
    return AppContext.of(ctx).settings(
        chosen, output, no_color=no_color, quiet=False, verbose=False
    )
