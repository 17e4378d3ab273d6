"""The `openaudit` command line: the typer app, the default command and the error edge.

`openaudit REF...` is short for `openaudit audit REF...`: `OpenAuditGroup.main`
inserts `audit` when the first argument that is not an option is not a subcommand.
Every OpenAuditError and click usage error ends here as one line on stderr.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup, TyperOption

from openaudit import __version__
from openaudit.cli.app_context import AppContext, Services
from openaudit.cli.audit import audit_command
from openaudit.cli.diff_cmd import diff_command
from openaudit.cli.explain_cmd import explain
from openaudit.cli.fetch import fetch_command
from openaudit.cli.messages import is_a, plain_arguments, usage_error_message
from openaudit.cli.output import error
from openaudit.cli.rubrics_cmd import rubrics_app
from openaudit.cli.scan_cmd import scan_command
from openaudit.errors import ExitCode, OpenAuditError, UsageError

DEFAULT_COMMAND = "audit"
INTERRUPTED = 130

EXIT_CODES = """\b
Exit codes:
  0  passed: every model audited and the policy met
  1  the audit ran but the policy failed (--fail-under, --require,
     --require-class, --fail-on, an expired waiver, a --baseline regression)
  2  usage error: bad flag or reference, unreadable or invalid rubric,
     config file or baseline
  3  evidence unavailable: not found, gated without access, network failure
With several models, the worst code over all of them (3 > 2 > 1 > 0).
"""


class OpenAuditGroup(TyperGroup):
    """The root group: default command, one-line errors, exit codes."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> int:
        """Run the command line; return the exit code, or exit with it when standalone."""
        argv = with_default_command(list(sys.argv[1:] if args is None else args), self)
        plain_arguments(self)
        services = extra.pop("obj", None)
        context = AppContext(services if isinstance(services, Services) else Services())
        code = self._run(argv, prog_name or "openaudit", context, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        """A first word that names no subcommand is a reference for `audit`: so shell
        completion of `openaudit org/name --fo<TAB>` completes the audit's options."""
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return DEFAULT_COMMAND, self.commands[DEFAULT_COMMAND], args
        return super().resolve_command(ctx, args)

    def _run(self, argv: list[str], prog_name: str, context: AppContext, **extra: Any) -> int:
        try:
            rv = super().main(argv, prog_name, standalone_mode=False, obj=context, **extra)
        except OpenAuditError as exc:
            error(exc.one_line(), context.secrets)
            return int(exc.exit_code)
        except typer.TyperException as exc:  # typer's (vendored click's) usage errors
            if is_a(exc, "NoArgsIsHelpError"):
                # `openaudit rubrics` alone: its help, as `openaudit` alone shows the root's.
                sys.stdout.write(exc.format_message().rstrip("\n") + "\n")
                return int(ExitCode.PASSED)
            error(usage_error_message(exc), context.secrets)
            return int(ExitCode.USAGE)  # click's exit 1 would read as "policy failed"
        except (KeyboardInterrupt, typer.Abort):
            rv = INTERRUPTED
        if rv == INTERRUPTED:  # typer turns Ctrl-C into a silent Exit(130)
            error("interrupted")
        return rv if isinstance(rv, int) else 0


def with_default_command(args: list[str], group: TyperGroup) -> list[str]:
    """Insert `audit` unless the first non-option argument names a subcommand.

    Values of options that take one (`-f json`) are skipped while looking, so
    `openaudit -f json org/m` works; `openaudit audit fetch` audits a model "fetch".
    """
    if not args:
        return ["--help"]
    takes_value = _options_with_values(group.commands.get(DEFAULT_COMMAND))
    own = {opt for param in group.params for opt in param.opts}  # --version, completion
    index = 0
    while index < len(args):
        token = args[index]
        if token == "--":
            break
        if token.split("=", 1)[0] in own and token not in ("--help", "-h"):
            return args
        if not token.startswith("-") or token == "-":
            if token in group.commands:
                return args
            break
        index += 2 if token in takes_value else 1
    else:
        if all(arg in ("--help", "-h", "--version", "-V") for arg in args):
            return args
    return [DEFAULT_COMMAND, *args]


def _options_with_values(command: Any) -> set[str]:
    if command is None:
        return set()
    return {
        opt
        for param in command.params
        if isinstance(param, TyperOption) and not param.is_flag and not param.count
        for opt in param.opts
    }


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"openaudit {__version__}\n")
        raise typer.Exit()


app = typer.Typer(
    cls=OpenAuditGroup,
    name="openaudit",
    help="Audit how open a Hugging Face model really is: weights, code, data, "
    "documentation and usage limits.\n\n`openaudit REF...` is short for `openaudit audit REF...`.",
    epilog=EXIT_CODES,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    rich_markup_mode=None,  # plain help: rich costs ~100 ms of start-up
    pretty_exceptions_enable=False,  # pretty tracebacks show locals, which may hold a token
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Audit how open a Hugging Face model really is."""


app.command("audit", epilog=EXIT_CODES, short_help="Audit models (the default command).")(
    audit_command
)
app.command("fetch", short_help="Save a model's evidence as JSON for offline re-audits.")(
    fetch_command
)
app.add_typer(rubrics_app, name="rubrics", short_help="List, show, validate and document rubrics.")
app.command("explain", short_help="What a probe asks, why it matters, how to fix it.")(explain)
app.command("diff", short_help="What changed in openness between two audits of a model.")(
    diff_command
)
app.command("scan", short_help="Score a whole Hub metadata dump (needs openaudit[scale]).")(
    scan_command
)


@app.command(
    "licenses",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
    short_help="What a licence allows (Hub ids, SPDX).",
)
def licenses(ctx: typer.Context) -> None:
    """Look up licences: what a Hub or SPDX licence allows (`openaudit licenses --help`)."""
    # Mounted by proxy so its module (and licence data) loads only when used.
    try:
        from openaudit.cli.licenses_cmd import (  # type: ignore[import-untyped, unused-ignore]
            licenses_app,
        )
    except ModuleNotFoundError as exc:
        if exc.name != "openaudit.cli.licenses_cmd":
            raise
        raise UsageError("the licenses command is not available in this build") from None
    command = typer.main.get_command(licenses_app)
    plain_arguments(command)
    rv = command.main(
        ctx.args, "openaudit licenses", standalone_mode=False, obj=ctx.find_root().obj
    )
    raise typer.Exit(rv if isinstance(rv, int) else 0)


def main(argv: Sequence[str] | None = None, services: Services | None = None) -> int:
    """The console script: run openaudit and exit with its code."""
    command = typer.main.get_command(app)
    code = int(command.main(argv, "openaudit", obj=services, standalone_mode=False))
    if code == INTERRUPTED:
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> None:
    """Exit at once after Ctrl-C: do not wait for Hub requests still in flight.

    Nothing is lost: reports are written atomically, and the worker threads only
    read from the network. (A normal exit would join them, up to the request timeout.)
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
