"""`openaudit scan DUMP.parquet -o results.parquet`: score the whole Hub from its metadata dump."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from openaudit.cli.app_context import AppContext
from openaudit.cli.batch_flags import configure_network
from openaudit.cli.options import JobsOpt, QuietOpt, TokenOpt
from openaudit.cli.output import say, write_report
from openaudit.errors import UsageError

if TYPE_CHECKING:
    from openaudit.scan.driver import ScanPlan

DumpArg = Annotated[
    Path,
    typer.Argument(
        metavar="DUMP.parquet",
        help="Hub models dump in the hub-stats models.parquet schema.",
        show_default=False,
    ),
]
CardsOpt = Annotated[
    Path | None,
    typer.Option(
        "--cards",
        metavar="CARDS.parquet",
        help="Card dump (modelId, card), e.g. librarian-bots/model_cards_with_metadata.",
        show_default=False,
    ),
]
ScanOutputOpt = Annotated[
    Path,
    typer.Option(
        "--output", "-o", metavar="RESULTS.parquet", help="Results: one row per model (parquet)."
    ),
]
SinceOpt = Annotated[
    Path | None,
    typer.Option(
        "--since",
        metavar="RESULTS.parquet",
        help="Earlier results: keep the rows of models whose lastModified and sha did not change.",
        show_default=False,
    ),
]
BasesOpt = Annotated[
    bool,
    typer.Option(
        "--bases",
        help="Join each model's base models from the same dump (first hop), for lineage; "
        "holds their metadata in memory.",
    ),
]
HtmlOpt = Annotated[
    Path | None,
    typer.Option(
        "--html",
        metavar="PAGE.html",
        help="Also write the HTML heat map of the --top most downloaded models, with findings.",
        show_default=False,
    ),
]
TopOpt = Annotated[
    int, typer.Option("--top", metavar="N", min=1, help="Models on the --html page, by downloads.")
]
CsvOpt = Annotated[
    Path | None,
    typer.Option("--csv", metavar="RESULTS.csv", help="Also write the results as CSV."),
]
RunnerOpt = Annotated[
    str,
    typer.Option(
        "--runner", metavar="native|ray", help="Daft runner: native (this machine) or ray."
    ),
]
AddressOpt = Annotated[
    str | None,
    typer.Option(
        "--address", metavar="ADDRESS", help="Ray cluster address (ray://head:10001); with ray."
    ),
]
HydrateOpt = Annotated[
    bool,
    typer.Option(
        "--hydrate",
        help="Then fetch from the Hub what a layer needs and the dump lacks (READMEs missing "
        "from the card dump, licence files of unidentified licences) and score those again.",
    ),
]
DryRunOpt = Annotated[
    bool,
    typer.Option(
        "--dry-run",
        help="With --hydrate: print how many requests it would make and how long they take "
        "at the Hub's limits, and make none.",
    ),
]


def scan_command(
    ctx: typer.Context,
    dump: DumpArg,
    output: ScanOutputOpt = Path("results.parquet"),
    cards: CardsOpt = None,
    csv: CsvOpt = None,
    since: SinceOpt = None,
    bases: BasesOpt = False,
    html: HtmlOpt = None,
    top: TopOpt = 100,
    runner: RunnerOpt = "native",
    address: AddressOpt = None,
    hydrate: HydrateOpt = False,
    dry_run: DryRunOpt = False,
    token: TokenOpt = None,
    jobs: JobsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Score every model of a Hub metadata dump on Daft (pip install 'openaudit[scale]').

    Each row is scored with the same rubrics as a single audit; what the dump lacks
    (licence-file text, linked datasets and base models, README without --cards) is
    listed per row, with the layers it leaves provisional. The summary goes to stderr.
    """
    if runner not in ("native", "ray"):
        raise UsageError(f"--runner must be native or ray, not {runner!r}")
    if address is not None and runner != "ray":
        raise UsageError("--address needs --runner ray")
    if dry_run and not hydrate:
        raise UsageError("--dry-run goes with --hydrate: it prints the requests hydrating makes")
    app = AppContext.of(ctx)
    secret = app.token(token) if hydrate and not dry_run else None
    from openaudit.scan.extra import require_daft

    require_daft()  # the one-line "install the extra" error before importing pyarrow
    from openaudit.scan.driver import ScanPlan, run_scan
    from openaudit.scan.dump import check_cards_dump, check_models_dump, check_results
    from openaudit.scan.summary import summarize, write_csv

    plan = ScanPlan(
        dump=check_models_dump(dump),
        output=output,
        cards=check_cards_dump(cards) if cards is not None else None,
        since=check_results(since) if since is not None else None,
        bases=bases,
        runner="ray" if runner == "ray" else "native",
        address=address,
    )
    if html is not None and "downloads" not in plan.dump.columns:
        raise UsageError(f"--html needs the dump's `downloads` column to pick the top {top}")
    if not quiet:
        say(f"scanning {plan.dump.rows:,} models from {dump} on the {runner} runner")
    run_scan(plan)
    if hydrate:
        _hydrate(plan, dry_run=dry_run, quiet=quiet, token=secret, jobs=jobs, secrets=app.secrets)
    if csv is not None:
        try:
            write_csv(output, csv)
        except OSError as exc:
            raise UsageError(f"cannot write {csv}: {exc.strerror or exc}") from None
    if html is not None:
        from openaudit.report.html_report import render_html
        from openaudit.scan.top import top_report

        page = top_report(dump, cards, top, bases=bases)
        write_report(render_html(page), html)
    if not quiet:
        summary = summarize(output)
        sys.stderr.write("\n".join(summary.lines()) + "\n")
        also = [str(path) for path in (csv, html) if path is not None]
        say(f"results written to {output}" + "".join(f" and {path}" for path in also))


def _hydrate(
    plan: ScanPlan,
    *,
    dry_run: bool,
    quiet: bool,
    token: str | None,
    jobs: int | None,
    secrets: list[str],
) -> None:
    """Fetch what the results name in `fetch` and score those models again (or, with
    `dry_run`, only say what that costs)."""
    import dataclasses
    import tempfile

    from openaudit.scan import hydrate
    from openaudit.scan.driver import run_scan
    from openaudit.scan.dump import check_results

    cost = hydrate.plan(plan.output)
    if dry_run or not quiet:
        for line in cost.lines():
            say(line)
    if dry_run or cost.requests == 0:
        return
    configure_network(None, secrets)
    output = plan.output.resolve()
    with tempfile.TemporaryDirectory(prefix=f".{output.name}.", dir=output.parent) as work:
        first = Path(work) / "first.parquet"
        output.replace(first)
        fetched = hydrate.fetch_all(
            first, Path(work) / "fetched.parquet", endpoint=None, token=token, jobs=jobs
        )
        again = dataclasses.replace(plan, since=check_results(first), fetched=fetched)
        try:
            run_scan(again)
        except BaseException:
            first.replace(output)  # the scan's results stay, as they were before hydrating
            raise
    if not quiet:
        say(f"hydrated {fetched.rows:,} models with files fetched from the Hub")
