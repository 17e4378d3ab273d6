"""`openaudit fetch REF`: save a model's evidence as JSON, to re-audit offline later."""

from __future__ import annotations

from typing import Annotated

import typer

from openaudit.cli.app_context import AppContext
from openaudit.cli.options import OutputOpt, QuietOpt, RevisionOpt, TokenOpt, VerboseOpt
from openaudit.cli.output import say, verbose_logging, write_report
from openaudit.secrets import redact

RefArg = Annotated[
    str, typer.Argument(metavar="REF", help="Hub id (org/name), Hub URL or local model folder.")
]


def fetch_command(
    ctx: typer.Context,
    ref: RefArg,
    output: OutputOpt = None,
    revision: RevisionOpt = None,
    token: TokenOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Save a model's evidence (stdout without -o); `openaudit FILE.json` re-audits it offline."""
    app = AppContext.of(ctx)
    app.remember_refs([ref])
    hf_token = app.token(token)
    with verbose_logging(verbose and not quiet, app.secrets):
        evidence = app.services.open_evidence(ref, revision=revision, token=hf_token)
    write_report(redact(app.services.save_evidence(evidence, None), app.report_secrets()), output)
    if output is not None and not quiet:
        at = f" @ {evidence.sha[:7]}" if evidence.sha else ""
        say(f"saved evidence for {evidence.display_name}{at} to {output}", app.secrets)
