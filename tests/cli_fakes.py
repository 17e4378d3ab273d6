"""Fakes injected at the CLI's seam (`Services`), so CLI tests never touch the Hub."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_samples import FRAMEWORKS, sample_rubric, sample_verdict
from typer.testing import CliRunner, Result

from openaudit.cli.app import app
from openaudit.cli.app_context import Services
from openaudit.errors import GatedModel, ModelNotFound, NetworkError, RubricError
from openaudit.evidence import Evidence
from openaudit.rubric.model import Rubric
from openaudit.verdict import Verdict


def FakeRubric(
    id: str = "openaudit",
    version: str = "1.0",
    title: str = "openaudit default",
) -> Rubric:
    """A loaded rubric as the CLI sees it: the sample verdict's layers and probes."""
    return sample_rubric(id, version, title)


@dataclass
class FakeCore:
    """Records calls; refs starting with missing/, gated/, offline/ fail like the real sources."""

    verdict_for: Callable[[str], Verdict] = sample_verdict
    opened: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    evaluated: list[tuple[str, str]] = field(default_factory=list)  # (rubric id, ref)
    raise_on_open: BaseException | None = None

    def open_evidence(
        self,
        ref: str,
        *,
        revision: str | None = None,
        token: str | None = None,
        **_options: object,  # listed, cache: what the real sources also take
    ) -> Evidence:
        self.opened.append((ref, revision, token))
        if self.raise_on_open is not None:
            raise self.raise_on_open
        if ref.startswith("missing/"):
            raise ModelNotFound(f"model {ref} not found on the Hub")
        if ref.startswith("gated/"):
            raise GatedModel(f"{ref} is gated", hint="accept its terms and pass --token")
        if ref.startswith("offline/"):
            raise NetworkError(f"could not reach the Hub for {ref} (token {token})")
        return Evidence(ref=ref, source="hub", repo_id=ref, sha="0123456789abcdef" * 2 + "01234567")

    def load_rubric(self, name: str) -> Rubric:
        if name.endswith(".yaml") and "bad" in name:
            raise RubricError(f"{name}:3:5: unknown evaluator 'nope'")
        return FakeRubric(id=name if not name.endswith(".yaml") else "custom")

    def evaluate(self, rubric: Any, evidence: Evidence, strict: bool = False) -> Verdict:
        """The sample verdict under this rubric; mof/osaid/eosai carry their framework result."""
        self.evaluated.append((rubric.id, evidence.ref))
        verdict = dataclasses.replace(
            self.verdict_for(evidence.ref),
            ref=evidence.ref,
            rubric_id=rubric.id,
            rubric_version=rubric.version,
        )
        if rubric.id in FRAMEWORKS:
            verdict = dataclasses.replace(verdict, extras={rubric.id: FRAMEWORKS[rubric.id]})
        return verdict

    def save_evidence(self, evidence: Evidence, path: Path | None) -> str:
        assert path is None
        return f'{{"format": "openaudit-evidence", "ref": "{evidence.ref}"}}\n'

    def services(self, *, tty: bool = False) -> Services:
        return Services(
            open_evidence=self.open_evidence,
            save_evidence=self.save_evidence,
            load_rubric=self.load_rubric,
            evaluate=self.evaluate,
            stdout_isatty=lambda: tty,
        )


def run(
    args: Sequence[str],
    core: FakeCore | None = None,
    *,
    tty: bool = False,
    env: dict[str, str | None] | None = None,
) -> Result:
    """Invoke the real typer app in-process with fakes behind it."""
    core = core or FakeCore()
    base_env: dict[str, str | None] = {
        "HF_TOKEN": None,
        "NO_COLOR": None,
        "FORCE_COLOR": None,
        "COLUMNS": "100",
        "TERM": "xterm-256color",
    }
    return CliRunner().invoke(
        app, list(args), obj=core.services(tty=tty), env=base_env | (env or {})
    )
