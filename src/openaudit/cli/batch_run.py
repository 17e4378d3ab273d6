"""One audit run from the command line: gather the models, run the batch, write, exit.

The runner (openaudit.batch) audits and yields results as they complete; here
they are written (a streaming format row by row, any other format once, in
input order), checked against the policy, and summed up into the exit code:
the worst over all models (3 > 2 > 1 > 0), after every model has its result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from openaudit.batch import BatchItem, run_batch
from openaudit.batch_inputs import (
    count_refs,
    items_from_args,
    items_from_lines,
    items_from_listing,
    numbering,
    open_ref_list,
    read_lines,
)
from openaudit.cli.app_context import AppContext, Settings
from openaudit.cli.batch_flags import BatchInputs
from openaudit.cli.gate import judge
from openaudit.cli.output import error, say, write_report
from openaudit.cli.progress import progress_for
from openaudit.errors import ExitCode, OpenAuditError, UsageError
from openaudit.policy import Policy, PolicyResult
from openaudit.report import (
    Audit,
    Format,
    ModelError,
    Report,
    Result,
    RubricRef,
    is_streaming,
    open_stream,
    render,
)
from openaudit.resume import ResumeState, load_resume
from openaudit.rubric.engine import reads_evidence
from openaudit.secrets import redact, redact_ref
from openaudit.verdict import Verdict

if TYPE_CHECKING:
    from openaudit.rubric.model import Rubric
    from openaudit.sources.cache import EvidenceCache

SUMMARY_LINES_MAX = 20  # per-model summary lines on stderr; more models get one total line
INTERRUPTED_HINT = "the rows written so far are complete"


class BatchRun:
    """One run of the audit command over all its models."""

    def __init__(
        self,
        app: AppContext,
        rubrics: Sequence[Rubric],
        settings: Settings,
        policy: Policy,
        *,
        revision: str | None,
        token: str | None,
        strict: bool = False,
        cache: EvidenceCache | None = None,
    ) -> None:
        self.app = app
        self._shown_total = "?"
        self.strict = strict
        self.cache = cache
        self.rubrics = tuple(rubrics)
        self.rubric_refs = tuple(RubricRef(r.id, r.version, r.title) for r in rubrics)
        self.settings = settings
        self.policy = policy
        self.revision = revision
        self.token = token
        # the refs listing (one request a model) only when a rubric reads branches
        self.branches = any(reads_evidence(r, "api:refs") for r in self.rubrics)
        # the base models' READMEs (a request each) only when a rubric reads them (EOSAI)
        self.base_cards = any(reads_evidence(r, "models:<base>:README.md") for r in self.rubrics)

    # -- the run ---------------------------------------------------------------
    def execute(self, inputs: BatchInputs, *, jobs: int | None, resume: Path | None = None) -> int:
        """Audit every model, write the report, print errors and policy; the exit code."""
        inputs.check()
        state = self._resume(resume) if resume is not None else None
        with contextlib.ExitStack() as stack:
            handle = None
            if inputs.from_file is not None:
                handle = open_ref_list(inputs.from_file)
                if handle is not sys.stdin:
                    stack.enter_context(handle)
            items = self._items(inputs, handle)
            total = self._total(inputs)
            if state is not None:
                items = (item for item in items if not state.is_done(item.ref))
                total = None
            self._shown_total = "?" if total is None else str(total)
            progress = None
            if inputs.is_batch or self.settings.verbose:
                progress = progress_for(quiet=self.settings.quiet, secrets=self.app.secrets)
                if progress is not None:
                    stack.enter_context(progress)
            results = run_batch(items, self._audit, jobs=jobs, observer=progress, total=total)
            if is_streaming(self.settings.format):
                return self._stream(results, state)
            return self._whole(results, inputs)

    def _resume(self, path: Path) -> ResumeState:
        """Read what an earlier run finished and rewrite FILE with just those rows."""
        state = load_resume(path, self.rubric_refs, self.revision)
        write_report("".join(state.kept), path)  # atomic: error rows and cut lines go
        if not self.settings.quiet:
            redo = (
                f"; {state.dropped} error or unreadable rows will be redone"
                if state.dropped
                else ""
            )
            say(f"resuming {path}: {len(state.done)} models already done{redo}", self.app.secrets)
        return state

    def _items(self, inputs: BatchInputs, handle: IO[str] | None) -> Iterator[BatchItem]:
        numbers = numbering()
        sources: list[Iterator[BatchItem]] = [items_from_args(inputs.refs, numbers)]
        if handle is not None:
            name = "stdin" if inputs.from_file == "-" else str(inputs.from_file)
            lines = read_lines(handle)
            sources.append(items_from_lines(lines, name, numbers, revision=self.revision))
        if inputs.listing is not None:
            listing = inputs.listing
            models = self.app.services.list_models(listing.query(), token=self.token)
            sources.append(items_from_listing(models, listing.describe(), numbers))
        return chain.from_iterable(sources)

    def _total(self, inputs: BatchInputs) -> int | None:
        if inputs.listing is not None:
            return None
        listed = 0 if inputs.from_file is None else count_refs(inputs.from_file)
        return None if listed is None else len(inputs.refs) + listed

    def _audit(self, item: BatchItem) -> Result:
        """One model's evidence, read once and judged by every rubric; errors become rows."""
        if self.settings.verbose:
            where = f"[{item.index + 1}/{self._shown_total}]"
            say(f"{where} auditing {redact_ref(item.ref)}", self.app.secrets)
        options: dict[str, Any] = {
            "revision": self.revision,
            "token": self.token,
            "branches": self.branches,
            "base_cards": self.base_cards,
        }
        if item.listed is not None:
            options["listed"] = item.listed
        if self.cache is not None:
            options["cache"] = self.cache
        try:
            evidence = self.app.services.open_evidence(item.ref, **options)
            services = self.app.services
            verdicts = tuple(services.evaluate(r, evidence, self.strict) for r in self.rubrics)
            # the evidence rides along for the BOM formats and --fail-on remote-code; a
            # streamed row drops it once written
            return Audit(verdicts, evidence)
        except OpenAuditError as exc:
            return ModelError(item.ref, int(exc.exit_code), self._redact(exc.one_line()))

    def _redact(self, text: str) -> str:
        return redact(text, tuple(self.app.secrets))

    def _safe(self, result: Result) -> Result:
        """An error row with every token masked, typed in a ref or known."""
        if isinstance(result, ModelError):
            ref = self._redact(redact_ref(result.ref))
            return ModelError(ref, result.code, self._redact(result.message))
        return result

    # -- a whole report, in input order --------------------------------------------
    def _whole(self, results: Iterator[tuple[BatchItem, Result]], inputs: BatchInputs) -> int:
        collected = sorted(
            ((item.index, self._safe(result)) for item, result in results), key=lambda p: p[0]
        )
        report = Report(self.rubric_refs, tuple(result for _, result in collected))
        outcome, report = judge(self.policy, report, self.rubrics[0])  # the report gains its gate
        settings = self.settings
        text = render(
            report,
            settings.format,
            explain=settings.explain,
            width=settings.width,
            color=settings.color,
        )
        write_report(redact(text, self.app.report_secrets()), settings.output)
        self._announce(report.results, outcome)
        return exit_code(report.errors, outcome)

    # -- a streamed report, in completion order ------------------------------------
    def _stream(
        self, results: Iterator[tuple[BatchItem, Result]], state: ResumeState | None
    ) -> int:
        writer = open_stream(self.settings.format, self.rubric_refs)
        errors: list[ModelError] = []
        gate = _StreamGate(self.policy, self.rubrics[0])
        if state is not None:
            gate.judge(state.done.values())
        count = 0
        with _Sink(self.settings.output, append=state is not None) as sink:
            if state is None:
                sink.write(writer.header())
            try:
                for _, raw in results:
                    result = self._safe(raw)
                    sink.write(redact(writer.row(result), self.app.report_secrets()))
                    count += 1
                    if isinstance(result, ModelError):
                        errors.append(result)
                    else:
                        gate.judge([result])
            except KeyboardInterrupt:
                hint = INTERRUPTED_HINT
                if self.settings.output is not None:
                    hint += f"; continue with --resume {self.settings.output}"
                say(f"interrupted after {count} models; {hint}", self.app.secrets)
                raise
        outcome = gate.result()
        self._announce_counts(count, errors, outcome)
        return exit_code(tuple(errors), outcome)

    # -- stderr ----------------------------------------------------------------------
    def _announce(self, results: Sequence[Result], outcome: PolicyResult) -> None:
        """Errors and policy failures, then summaries unless --quiet, on stderr.

        A lone model's error is not repeated when its table, just shown, already says it.
        """
        settings, secrets = self.settings, self.app.secrets
        single = len(results) == 1
        errors = [r for r in results if isinstance(r, ModelError)]
        shown = single and settings.terminal and settings.format is Format.TABLE
        for failed in () if shown else errors:
            error(failed.message if single else f"{failed.ref}: {failed.message}", secrets)
        for failure in outcome.failures:
            say(f"policy failed: {failure}", secrets)
        if settings.quiet:
            return
        _say_waived(outcome, secrets)
        verdicts = [r.primary for r in results if isinstance(r, Audit)]
        if settings.output is not None or settings.format is not Format.TABLE:
            if len(verdicts) <= SUMMARY_LINES_MAX:
                for verdict in verdicts:
                    say(_summary(verdict), secrets)
            else:
                say(_totals(len(results), len(errors)), secrets)
        if settings.output is not None:
            say(f"report written to {settings.output}", secrets)

    def _announce_counts(self, count: int, errors: list[ModelError], outcome: PolicyResult) -> None:
        secrets = self.app.secrets
        for failed in errors:
            error(f"{failed.ref}: {failed.message}", secrets)
        for failure in outcome.failures:
            say(f"policy failed: {failure}", secrets)
        if self.settings.quiet:
            return
        _say_waived(outcome, secrets)
        if self.settings.output is not None:
            say(f"report written to {self.settings.output}", secrets)


class _StreamGate:
    """The policy judged model by model, as a streamed report's rows are written.

    Only the failures, waivers and notes are kept (not the audits); a line said for
    several models (an expired waiver) is kept once.
    """

    def __init__(self, policy: Policy, primary: Any) -> None:
        self.policy = policy
        self.primary = primary
        self.today = dt.date.today()
        self.failures: dict[str, None] = {}
        self.notes: dict[str, None] = {}
        self.waived: list[Any] = []

    def judge(self, audits: Iterable[Audit | Verdict]) -> None:
        """Check these models and remember what the policy said."""
        if not self.policy.active:
            return
        outcome = self.policy.evaluate(audits, self.primary, self.today)
        self.failures.update(dict.fromkeys(outcome.failures))
        self.notes.update(dict.fromkeys(outcome.notes))
        self.waived.extend(outcome.waived)

    def result(self) -> PolicyResult:
        """What the policy said over every model."""
        return PolicyResult(
            passed=not self.failures,
            failures=tuple(self.failures),
            waived=tuple(self.waived),
            notes=tuple(self.notes),
        )


def _say_waived(outcome: PolicyResult, secrets: list[str]) -> None:
    for waived in outcome.waived:
        say(f"waived: {waived.ref}: {waived.probe} ({waived.waiver.reason})", secrets)


class _Sink:
    """Where a streamed report goes: stdout, or a file written and flushed row by row.

    Row by row, not atomically: after Ctrl-C the file holds every finished row.
    """

    def __init__(self, path: Path | None, *, append: bool = False) -> None:
        self.path = path
        self.mode = "a" if append else "w"
        self.handle: IO[str] | None = None

    def __enter__(self) -> _Sink:
        if self.path is not None:
            try:
                self.handle = self.path.open(self.mode, encoding="utf-8", newline="")
            except OSError as exc:
                raise UsageError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        return self

    def write(self, text: str) -> None:
        if not text:
            return
        if self.handle is None:
            write_report(text, None)
            return
        try:
            self.handle.write(text)
            self.handle.flush()
        except OSError as exc:
            raise UsageError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


def exit_code(errors: Sequence[ModelError], outcome: PolicyResult) -> int:
    """The worst code over all models: 3 (evidence) > 2 (usage) > 1 (policy) > 0."""
    codes = [failed.code for failed in errors]
    codes.append(ExitCode.PASSED if outcome.passed else ExitCode.POLICY_FAILED)
    return int(max(codes))


def _summary(verdict: Verdict) -> str:
    score = "-" if verdict.score is None else verdict.score
    return f"{verdict.ref}: {verdict.level} (score {score}/100)"


def _totals(count: int, errors: int) -> str:
    models = "1 model" if count == 1 else f"{count} models"
    return f"{models} audited, {errors} could not be" if errors else f"{models} audited"
