"""`openaudit [audit] REF...`: audit models and report, then exit by the policy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from openaudit.cli.app_context import AppContext
from openaudit.cli.options import (
    AuthorOpt,
    CacheDirOpt,
    ExplainOpt,
    FailUnderOpt,
    FilterOpt,
    FormatOpt,
    FromFileOpt,
    JobsOpt,
    LimitOpt,
    NoCacheOpt,
    NoColorOpt,
    OfflineOpt,
    OutputOpt,
    QuietOpt,
    RequireOpt,
    ResumeOpt,
    RevisionOpt,
    RubricOpt,
    SearchOpt,
    StrictOpt,
    TimeoutOpt,
    TokenOpt,
    VerboseOpt,
)
from openaudit.cli.output import verbose_logging
from openaudit.cli.policy_options import BaselineOpt, ConfigOpt, FailOnOpt, RequireClassOpt
from openaudit.errors import UsageError

if TYPE_CHECKING:
    from openaudit.rubric.model import Rubric

RefsArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="REF",
        help="Hub id (org/name), Hub URL, local model folder, or evidence .json from `fetch`.",
        show_default=False,
    ),
]


def audit_command(
    ctx: typer.Context,
    refs: RefsArg = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    rubric: RubricOpt = None,
    revision: RevisionOpt = None,
    token: TokenOpt = None,
    fail_under: FailUnderOpt = None,
    require: RequireOpt = None,
    require_class: RequireClassOpt = None,
    fail_on: FailOnOpt = None,
    baseline: BaselineOpt = None,
    config: ConfigOpt = None,
    explain: ExplainOpt = False,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_color: NoColorOpt = False,
    from_file: FromFileOpt = None,
    author: AuthorOpt = None,
    search: SearchOpt = None,
    filters: FilterOpt = None,
    limit: LimitOpt = None,
    jobs: JobsOpt = None,
    timeout: TimeoutOpt = None,
    resume: ResumeOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    offline: OfflineOpt = False,
) -> None:
    """Audit how open each model is: weights, code, data, documentation, usage limits.

    Models come from REFs, a ref list (--from-file) and a Hub listing (--author,
    --search, --filter), audited --jobs at a time.
    """
    # imported here: `openaudit --help` and the other commands need none of the batch machinery
    from openaudit.cli.batch_flags import (
        BatchInputs,
        configure_network,
        evidence_cache,
        listing_query,
        resume_output,
    )
    from openaudit.cli.batch_run import BatchRun
    from openaudit.cli.gate import gate_setup, with_baseline

    app = AppContext.of(ctx)
    if quiet and verbose:
        raise UsageError("contradictory flags: --quiet and --verbose")
    flags = {
        "fail-under": fail_under,
        "require": require,
        "require-class": require_class,
        "fail-on": fail_on,
        "baseline": None if baseline is None else str(baseline),
        "rubric": rubric,
        "format": fmt,
    }
    gate = gate_setup(flags, config)  # flags > OPENAUDIT_* > config file > defaults
    chosen, output = resume_output(resume, gate.format, output)
    settings = app.settings(
        chosen, output, no_color=no_color, quiet=quiet, verbose=verbose, explain=explain
    )
    app.remember_refs(refs or ())
    hf_token = app.token(token)
    inputs = BatchInputs(
        tuple(refs or ()), from_file, listing_query(author, search, filters or (), limit)
    )
    configure_network(timeout, app.secrets)
    with verbose_logging(settings.verbose, app.secrets):
        rubrics = load_rubrics(app, gate.rubrics)  # before any network access
        policy = with_baseline(gate.policy, gate.baseline, rubrics[0])
        run = BatchRun(
            app,
            rubrics,
            settings,
            policy,
            revision=revision,
            token=hf_token,
            strict=strict,
            cache=evidence_cache(cache_dir, no_cache=no_cache, offline=offline, inputs=inputs),
        )
        code = run.execute(inputs, jobs=jobs, resume=resume)
    raise typer.Exit(code)


def load_rubrics(app: AppContext, names: Sequence[str]) -> tuple[Rubric, ...]:
    """Load every `--rubric`, the primary first; a name given twice counts once.

    Two different rubrics with the same id would be indistinguishable in the report,
    so that is a usage error.
    """
    loaded = tuple(app.services.load_rubric(name) for name in dict.fromkeys(names))
    seen: set[str] = set()
    for each in loaded:
        if each.id in seen:
            raise UsageError(f"--rubric: two rubrics have the id '{each.id}'")
        seen.add(each.id)
    return loaded
