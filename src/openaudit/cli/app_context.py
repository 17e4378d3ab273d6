"""The shared context every command works over (REUSE's ClickObj pattern).

`Services` holds the seams where the CLI meets the core. The defaults import the
real implementations lazily, so `openaudit --help` stays fast; tests pass fakes
with `CliRunner().invoke(app, args, obj=Services(...))`.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import typer

from openaudit.errors import UsageError
from openaudit.report import Format

if TYPE_CHECKING:
    from openaudit.evidence import Evidence
    from openaudit.rubric.model import Rubric
    from openaudit.sources.cache import EvidenceCache
    from openaudit.sources.hub_listing import ListingQuery
    from openaudit.verdict import Verdict

MIN_WIDTH = 60
DEFAULT_WIDTH = 100


class EvidenceOpener(Protocol):
    """`openaudit.sources.open_evidence`, or a fake of it."""

    def __call__(
        self,
        ref: str,
        *,
        revision: str | None = None,
        token: str | None = None,
        listed: dict[str, Any] | None = None,
        cache: EvidenceCache | None = None,
        branches: bool = True,
        base_cards: bool = True,
    ) -> Evidence:
        """The evidence of one model reference."""


class ModelLister(Protocol):
    """The Hub listing (`sources.hub_listing.list_hub_models`) as (repo id, data) pairs."""

    def __call__(
        self, query: ListingQuery, *, token: str | None = None
    ) -> Iterable[tuple[str, dict[str, Any]]]:
        """The models the Hub lists for `query`, lazily."""


def _open_evidence(ref: str, **options: Any) -> Evidence:
    from openaudit.sources.evidence_source import open_evidence

    return open_evidence(ref, **options)


def _list_models(
    query: ListingQuery, *, token: str | None = None
) -> Iterable[tuple[str, dict[str, Any]]]:
    from openaudit.sources.hub_listing import list_hub_models

    return ((model.repo_id, model.data) for model in list_hub_models(query, token=token))


def _save_evidence(evidence: Evidence, path: Path | None) -> str:
    from openaudit.sources.saved import save_evidence

    return save_evidence(evidence, path)


def _load_rubric(name_or_path: str) -> Rubric:
    from openaudit.rubric import load_rubric

    return load_rubric(name_or_path)


def _evaluate(rubric: Rubric, evidence: Evidence, strict: bool = False) -> Verdict:
    from openaudit.rubric import evaluate

    return evaluate(rubric, evidence, strict=strict)


def _stdout_isatty() -> bool:
    return sys.stdout.isatty()


@dataclass(frozen=True)
class Services:
    """The core functions the commands call, and the one terminal fact they depend on."""

    open_evidence: EvidenceOpener = _open_evidence
    list_models: ModelLister = _list_models
    save_evidence: Callable[[Evidence, Path | None], str] = _save_evidence
    load_rubric: Callable[[str], Rubric] = _load_rubric
    evaluate: Callable[[Rubric, Evidence, bool], Verdict] = _evaluate
    stdout_isatty: Callable[[], bool] = _stdout_isatty


@dataclass(frozen=True)
class Settings:
    """How a command writes its output, resolved once from the shared flags."""

    format: Format
    output: Path | None
    color: bool
    width: int
    quiet: bool
    verbose: bool
    explain: bool = False
    terminal: bool = False  # the report goes to a terminal


@dataclass
class AppContext:
    """Per-invocation state shared by every command: the services and known secrets."""

    services: Services = field(default_factory=Services)
    secrets: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, ctx: typer.Context) -> AppContext:
        """The context `OpenAuditGroup.main` put on the root click context."""
        root = ctx.find_root()
        if not isinstance(root.obj, AppContext):
            root.obj = cls(root.obj if isinstance(root.obj, Services) else Services())
            root.obj.remember_endpoint()
        return root.obj

    def remember_endpoint(self) -> None:
        """Treat credentials in HF_ENDPOINT (user:password@, ?token=) as secrets too."""
        from openaudit.secrets import url_secrets

        endpoint = os.environ.get("HF_ENDPOINT", "")
        self.secrets.extend(s for s in url_secrets(endpoint) if s not in self.secrets)

    def token(self, flag: str | None) -> str | None:
        """The token from `--token`, else HF_TOKEN; remembered so output can redact it."""
        raw = flag or os.environ.get("HF_TOKEN") or None
        if not raw:
            return None
        self.secrets.append(raw)
        token = raw.strip()  # a token read from a file or a CRLF .env keeps its line end
        if token != raw and token:
            self.secrets.append(token)
        if not token or not all("!" <= ch <= "~" for ch in token):
            # The HTTP stack would echo the bad header, token and all, in its error.
            where = "--token" if flag else "HF_TOKEN"
            raise UsageError(
                f"the token from {where} is not a valid access token "
                "(only printable ASCII without spaces is allowed); it is not shown"
            )
        return token

    def report_secrets(self) -> tuple[str, ...]:
        """The secrets to mask in a whole report: those long enough to be tokens, so
        that a junk HF_TOKEN like `1` cannot turn every 1 in the report into ***."""
        return tuple(secret for secret in self.secrets if len(secret.strip()) >= 16)

    def remember_refs(self, refs: Sequence[str]) -> None:
        """Treat every token typed inside a reference as a secret, masked in all output."""
        from openaudit.secrets import secrets_in

        for ref in refs:
            self.secrets.extend(secret for secret in secrets_in(ref) if secret not in self.secrets)

    def settings(
        self,
        fmt: Format | None,
        output: Path | None,
        *,
        no_color: bool,
        quiet: bool,
        verbose: bool,
        explain: bool = False,
    ) -> Settings:
        """Resolve format, colour and width: a table and colour only on a terminal."""
        if output is not None and str(output) == "-":
            output = None
        to_terminal = output is None and self.services.stdout_isatty()
        color = not no_color and _colour(to_terminal)
        width = (
            shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
            if to_terminal
            else _columns_env() or DEFAULT_WIDTH
        )
        return Settings(
            format=fmt or (Format.TABLE if to_terminal else Format.JSON),
            output=output,
            color=color,
            width=max(width, MIN_WIDTH),
            quiet=quiet,
            verbose=verbose and not quiet,
            explain=explain,
            terminal=to_terminal,
        )


def _columns_env() -> int | None:
    """COLUMNS when it holds a positive number: a piped table honours it too."""
    raw = os.environ.get("COLUMNS", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def _colour(to_terminal: bool) -> bool:
    """Colour on a terminal (not TERM=dumb), or wherever FORCE_COLOR asks for it;
    NO_COLOR (https://no-color.org) wins over both."""
    if os.environ.get("NO_COLOR"):
        return False
    forced = os.environ.get("FORCE_COLOR", "").strip().lower() not in ("", "0", "false", "no")
    return forced or (to_terminal and os.environ.get("TERM") != "dumb")
