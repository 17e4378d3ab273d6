"""Streaming reports: one line (JSON Lines) or one row (CSV) per model, as each completes.

Nothing is held between rows, so memory stays flat however many models a batch has.

- JSON Lines: each line is one entry of the JSON report's `models` list, with
  `schema_version` and the primary `rubric` in front so a line stands alone.
- CSV: one row per model; a level and a score column per layer, the licence,
  and a level, score and framework column (MOF class, OSAID result, EOSAI mean)
  per rubric. Cells that a spreadsheet would run as a formula are quoted with `'`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openaudit.report.json_report import SCHEMA_VERSION, model_to_dict, safe_dumps
from openaudit.report.safe_text import clean
from openaudit.results import Audit, ModelError, Result, RubricRef
from openaudit.verdict import LAYERS, Verdict

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class JsonlWriter:
    """JSON Lines: one self-contained JSON object per model."""

    def __init__(self, rubrics: tuple[RubricRef, ...]) -> None:
        self.rubric = {"id": rubrics[0].id, "version": rubrics[0].version}

    def header(self) -> str:
        """JSON Lines has no header."""
        return ""

    def row(self, result: Result) -> str:
        """The model's entry as one line of JSON."""
        line = {"schema_version": SCHEMA_VERSION, "rubric": self.rubric, **model_to_dict(result)}
        return safe_dumps(line) + "\n"


class CsvWriter:
    """CSV with a header row; columns fixed by the run's rubrics."""

    def __init__(self, rubrics: tuple[RubricRef, ...]) -> None:
        self.rubrics = rubrics
        self.columns = csv_columns(rubrics)

    def header(self) -> str:
        """The header row."""
        return _line(self.columns)

    def row(self, result: Result) -> str:
        """The model's row."""
        values = csv_values(result)
        return _line([_cell(values.get(column)) for column in self.columns])


def csv_columns(rubrics: tuple[RubricRef, ...]) -> list[str]:
    """The CSV header: the model, its primary verdict per layer, licence, every rubric."""
    columns = ["ref", "status", "exit_code", "error", "repo_id", "sha", "level", "score"]
    for layer in LAYERS:
        columns += [f"{layer}_level", f"{layer}_score"]
    columns += ["license", "license_family", "effective_license_family"]
    for rubric in rubrics:
        columns += [f"{rubric.id}_level", f"{rubric.id}_score", f"{rubric.id}_framework"]
    return columns


def csv_values(result: Result) -> dict[str, Any]:
    """One model's values by column name (absent columns stay empty)."""
    if isinstance(result, ModelError):
        return {
            "ref": result.ref,
            "status": "error",
            "exit_code": result.code,
            "error": result.message,
        }
    return _audit_values(result)


def _audit_values(audit: Audit) -> dict[str, Any]:
    verdict = audit.primary
    licence = verdict.license or {}
    effective = licence.get("effective") or {}
    values: dict[str, Any] = {
        "ref": verdict.ref,
        "status": "ok",
        "repo_id": verdict.repo_id,
        "sha": verdict.sha,
        "level": verdict.level,
        "score": verdict.score,
        "license": licence.get("id"),
        "license_family": licence.get("family"),
        "effective_license_family": effective.get("family"),
    }
    for layer in verdict.layers:
        values[f"{layer.id}_level"] = layer.level
        values[f"{layer.id}_score"] = layer.score
    for each in audit.verdicts:
        values[f"{each.rubric_id}_level"] = each.level
        values[f"{each.rubric_id}_score"] = each.score
        values[f"{each.rubric_id}_framework"] = framework_result(each)
    return values


def framework_result(verdict: Verdict) -> str | None:
    """A framework's headline: the MOF class, the OSAID result, the EOSAI mean score."""
    result = verdict.framework
    if result is None:
        return None
    kind = result.get("framework")
    if kind == "mof":
        return str(result.get("class"))
    if kind == "osaid":
        return str(result.get("result"))
    if kind == "eosai" and isinstance(result.get("score"), int | float):
        return f"{result['score']:.2f}"
    return None


def _cell(value: Any) -> str:
    """Text for one cell: empty for None; card-derived text cleaned and formula-safe."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    text = clean(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()
