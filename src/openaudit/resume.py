"""Resume a batch from its JSON Lines report: which models are done, and their verdicts.

A row counts as done when it audited the same ref at the same requested revision
with the same rubrics; error rows are audited again, and a line cut short by an
interrupted run is dropped. A file written under other rubrics is refused: mixing
two rubrics' rows in one report would make its scores incomparable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from openaudit.errors import UsageError
from openaudit.results import Audit, RubricRef

MAX_LINE_BYTES = 16 * 2**20  # a report line past this is not one openaudit wrote


@dataclass(frozen=True)
class ResumeState:
    """What an earlier run finished: the lines to keep and the refs they cover."""

    kept: tuple[str, ...] = ()
    done: dict[str, Audit] = field(default_factory=dict)  # ref -> its audit, read back
    dropped: int = 0  # error rows and unreadable lines, audited again

    def is_done(self, ref: str) -> bool:
        """True when `ref` has a finished row."""
        return ref in self.done


def load_resume(path: Path, rubrics: tuple[RubricRef, ...], revision: str | None) -> ResumeState:
    """Read an earlier run's JSON Lines report; a missing file is an empty state."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return ResumeState()
    except OSError as exc:
        raise UsageError(f"cannot read --resume {path}: {exc.strerror or exc}") from None
    wanted = [(r.id, r.version) for r in rubrics]
    kept: list[str] = []
    done: dict[str, Audit] = {}
    dropped = 0
    with handle:
        for number, raw in enumerate(_bounded_lines(handle), start=1):
            row = _row(raw)
            if row is None:
                dropped += 1
                continue
            _check_rubrics(path, number, row, wanted)
            if "error" in row or (row.get("revision") or "main") != (revision or "main"):
                dropped += 1
                continue
            ref = row.get("ref")
            if isinstance(ref, str) and ref not in done:
                audit = audit_from_row(row, rubrics)
                if audit is None:
                    dropped += 1
                    continue
                done[ref] = audit
                kept.append(raw.decode("utf-8").rstrip("\n") + "\n")
    return ResumeState(tuple(kept), done, dropped)


def _bounded_lines(handle: BinaryIO) -> Iterator[bytes]:
    """The file's lines, none read past MAX_LINE_BYTES (a longer one yields its start)."""
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        rest = line
        while len(rest) > MAX_LINE_BYTES and not rest.endswith(b"\n"):
            rest = handle.readline(MAX_LINE_BYTES + 1)  # skip the rest of an overlong line
        yield line


def _row(raw: bytes) -> dict[str, Any] | None:
    if len(raw) > MAX_LINE_BYTES or not raw.endswith(b"\n"):
        return None  # an overlong line, or the last line of an interrupted run
    try:
        row = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return row if isinstance(row, dict) and isinstance(row.get("ref"), str) else None


def _check_rubrics(
    path: Path, number: int, row: dict[str, Any], wanted: list[tuple[str, str]]
) -> None:
    primary = row.get("rubric") or {}
    used = [(primary.get("id"), primary.get("version"))]
    if "error" not in row:
        used = [
            (r.get("id"), r.get("version")) for r in row.get("rubrics") or [] if isinstance(r, dict)
        ]
    if used != (wanted if "error" not in row else wanted[:1]):
        shown = ", ".join(f"{rid} {version}" for rid, version in used) or "no rubric"
        want = ", ".join(f"{rid} {version}" for rid, version in wanted)
        raise UsageError(
            f"--resume {path}:{number}: made with {shown}, not {want}; "
            "resume with the same --rubric, or write to another file"
        )


def audit_from_row(row: dict[str, Any], rubrics: tuple[RubricRef, ...]) -> Audit | None:
    """The audit a report row records (findings and all, for the policy); None when the
    row does not read back as one (it is audited again)."""
    from openaudit.report.json_load import report_from_dict

    entry = {k: v for k, v in row.items() if k not in ("schema_version", "rubric")}
    document = {
        "schema_version": row.get("schema_version"),
        "rubrics": [{"id": r.id, "version": r.version, "title": r.title} for r in rubrics],
        "models": [entry],
    }
    try:
        (result,) = report_from_dict(document).results
    except (UsageError, ValueError):
        return None
    return result if isinstance(result, Audit) else None
