"""`openaudit fetch REF`: save evidence to stdout or a file."""

from __future__ import annotations

import json
from pathlib import Path

from cli_fakes import FakeCore, run


def test_fetch_to_stdout() -> None:
    core = FakeCore()
    result = run(["fetch", "acme/m", "--revision", "v2"], core)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"format": "openaudit-evidence", "ref": "acme/m"}
    assert core.opened == [("acme/m", "v2", None)]


def test_fetch_to_file(tmp_path: Path) -> None:
    target = tmp_path / "evidence.json"
    result = run(["fetch", "acme/m", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text())["ref"] == "acme/m"
    assert f"saved evidence for acme/m @ 0123456 to {target}" in result.stderr


def test_fetch_quiet(tmp_path: Path) -> None:
    result = run(["fetch", "acme/m", "-q", "-o", str(tmp_path / "e.json")])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_fetch_missing_model_is_exit_3() -> None:
    result = run(["fetch", "missing/m"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == "openaudit: error: model missing/m not found on the Hub\n"


def test_fetch_takes_one_ref() -> None:
    result = run(["fetch", "a/b", "c/d"])
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: ")
