"""`openaudit [audit] REF...`: audit models and report, then exit by the policy."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from openaudit.cli.context import AppContext, RubricInfo, Settings
from openaudit.cli.gate import gate_setup, judge, with_baseline
from openaudit.cli.options import (
    ExplainOpt,
    FailUnderOpt,
    FormatOpt,
    NoColorOpt,
    OutputOpt,
    QuietOpt,
    RequireOpt,
    RevisionOpt,
    RubricOpt,
    StrictOpt,
    TokenOpt,
    VerboseOpt,
)
from openaudit.cli.output import error, say, verbose_logging, write_report
from openaudit.cli.policy_options import BaselineOpt, ConfigOpt, FailOnOpt, RequireClassOpt
from openaudit.errors import ExitCode, OpenAuditError, UsageError
from openaudit.report import Audit, Format, ModelError, Report, Result, RubricRef, render
from openaudit.report.text import redact
from openaudit.secrets import redact_ref
from openaudit.verdict import Verdict

if TYPE_CHECKING:
    from openaudit.policy import PolicyResult

RefsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="REF",
        help="Hub id (org/name), Hub URL, local model folder, or evidence .json from `fetch`.",
        show_default=False,
    ),
]


def audit_command(
    ctx: typer.Context,
    refs: RefsArg,
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
) -> None:
    """Audit how open each model is: weights, code, data, documentation, usage limits."""
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
    settings = app.settings(
        gate.format, output, no_color=no_color, quiet=quiet, verbose=verbose, explain=explain
    )
    app.remember_refs(refs)
    hf_token = app.token(token)
    with verbose_logging(settings.verbose, app.secrets):
        rubrics = load_rubrics(app, gate.rubrics)  # before any network access
        policy = with_baseline(gate.policy, gate.baseline, rubrics[0])
        results = tuple(
            run_audits(
                app,
                rubrics,
                refs,
                revision=revision,
                token=hf_token,
                settings=settings,
                strict=strict,
            )
        )
    report = Report(tuple(RubricRef(r.id, r.version, r.title) for r in rubrics), results)
    outcome, report = judge(policy, report, rubrics[0])  # the primary rubric's verdicts
    text = render(
        report, settings.format, explain=explain, width=settings.width, color=settings.color
    )
    write_report(redact(text, app.report_secrets()), settings.output)
    announce(report, outcome, settings, app.secrets)
    raise typer.Exit(exit_code(report, outcome))


def load_rubrics(app: AppContext, names: Sequence[str]) -> tuple[RubricInfo, ...]:
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


def run_audits(
    app: AppContext,
    rubrics: Sequence[RubricInfo],
    refs: Sequence[str],
    *,
    revision: str | None,
    token: str | None,
    settings: Settings,
    strict: bool = False,
) -> Iterator[Result]:
    """Audit each ref in turn: its evidence is read once and judged by every rubric.

    A model that fails becomes a ModelError, never an exception.
    """
    show_progress = settings.verbose or (
        len(refs) > 1 and not settings.quiet and sys.stderr.isatty()
    )
    for index, ref in enumerate(refs, start=1):
        if show_progress:
            say(f"[{index}/{len(refs)}] auditing {redact_ref(ref)}", app.secrets)
        try:
            evidence = app.services.open_evidence(ref, revision=revision, token=token)
            verdicts = tuple(app.services.evaluate(rubric, evidence, strict) for rubric in rubrics)
            yield Audit(verdicts, evidence)
        except OpenAuditError as exc:
            secrets = tuple(app.secrets)
            yield ModelError(
                redact(redact_ref(ref), secrets),
                int(exc.exit_code),
                redact(exc.one_line(), secrets),
            )


def exit_code(report: Report, outcome: PolicyResult) -> int:
    """The worst code over all models: 3 (evidence) > 2 (usage) > 1 (policy) > 0."""
    codes = [error.code for error in report.errors]
    codes.append(ExitCode.PASSED if outcome.passed else ExitCode.POLICY_FAILED)
    return int(max(codes))


def announce(report: Report, outcome: PolicyResult, settings: Settings, secrets: list[str]) -> None:
    """Errors and policy failures, summaries unless --quiet, on stderr.

    A lone model's error is not repeated when its table, just shown, already says it.
    """
    single = len(report.results) == 1
    shown = single and settings.terminal and settings.format is Format.TABLE
    for failed in () if shown else report.errors:
        error(failed.message if single else f"{failed.ref}: {failed.message}", secrets)
    for failure in outcome.failures:
        say(f"policy failed: {failure}", secrets)
    if settings.quiet:
        return
    for waived in outcome.waived:
        say(f"waived: {waived.ref}: {waived.probe} ({waived.waiver.reason})", secrets)
    if settings.output is not None or settings.format is not Format.TABLE:
        for verdict in report.verdicts:
            say(_summary(verdict), secrets)
    if settings.output is not None:
        say(f"report written to {settings.output}", secrets)


def _summary(verdict: Verdict) -> str:
    score = "-" if verdict.score is None else verdict.score
    return f"{verdict.ref}: {verdict.level} (score {score}/100)"
