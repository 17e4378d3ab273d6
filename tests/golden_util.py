"""Golden-file comparison with an opt-in update switch.

Update goldens with `pytest --update-golden` once tests/conftest.py registers this
module as a plugin (`pytest_plugins = ["golden_util"]`), or with the
environment variable OPENAUDIT_UPDATE_GOLDEN=1, which always works.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import jsonschema

GOLDEN_DIR = Path(__file__).parent / "golden"
SCHEMA_PATH = Path(__file__).parents[1] / "src" / "openaudit" / "schemas" / "report-2.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register --update-golden (when loaded as a plugin)."""
    parser.addoption(
        "--update-golden", action="store_true", default=False, help="rewrite golden files"
    )


def _updating(config: pytest.Config) -> bool:
    return bool(config.getoption("--update-golden", default=False)) or bool(
        os.environ.get("OPENAUDIT_UPDATE_GOLDEN")
    )


def assert_golden(config: pytest.Config, name: str, actual: str) -> None:
    """Compare `actual` with tests/golden/<name>, or rewrite it when updating."""
    path = GOLDEN_DIR / name
    if _updating(config) or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        if not _updating(config):
            pytest.fail(f"golden file {name} was missing and has been written; rerun")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs; rerun with --update-golden if intended"


@cache
def _validator() -> jsonschema.Draft202012Validator:
    # imported here: jsonschema takes about a second to import (its IRI format checker
    # builds its grammars), which a process running no schema test need not pay
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate_report(document: Any) -> None:
    """Assert that a parsed JSON report matches schemas/report-2.json."""
    if isinstance(document, str):
        document = json.loads(document)
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
