"""Several `--rubric`s through the real CLI, rubrics and engine (no fakes at any seam)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub
from golden_util import validate_report
from typer.testing import CliRunner, Result

from openaudit.cli.app import app

EXAMPLE = str(Path(__file__).parents[1] / "examples" / "open-model")
ALL = ["-r", "openaudit", "-r", "mof", "-r", "osaid", "-r", "eosai"]


def invoke(args: list[str]) -> Result:
    """The real CLI in-process (not a terminal)."""
    return CliRunner().invoke(app, args)


def test_every_shipped_rubric_in_one_offline_report() -> None:
    result = invoke([EXAMPLE, *ALL, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    validate_report(document)
    assert [r["id"] for r in document["rubrics"]] == ["openaudit", "mof", "osaid", "eosai"]
    assert all(r["title"] for r in document["rubrics"])
    model = document["models"][0]
    entries = {r["id"]: r for r in model["rubrics"]}
    assert entries["openaudit"]["framework"] is None
    assert entries["openaudit"]["level"] == model["level"]
    assert entries["mof"]["framework"]["class"] in {
        "Class I",
        "Class II",
        "Class III",
        "Unclassified",
    }
    assert set(entries["mof"]["framework"]["progress"]) == {"Class I", "Class II", "Class III"}
    assert entries["osaid"]["framework"]["result"] in {"pass", "fail", "unknown"}
    assert entries["eosai"]["framework"]["decided"] + entries["eosai"]["framework"][
        "undecided"
    ] == len(entries["eosai"]["framework"]["dimensions"])
    assert model["license"]["id"] == "apache-2.0"
    assert "Commercial use: yes" in model["license"]["statements"]


def test_every_shipped_rubric_in_one_table() -> None:
    result = invoke([EXAMPLE, *ALL, "-f", "table"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    for prefix in ("mof ", "osaid ", "eosai "):
        assert sum(line.startswith(prefix) for line in lines) == 1, result.stdout
    assert "Licence: apache-2.0 (permissive)" in lines


@pytest.mark.parametrize("bad", ["no-such-rubric", "broken.yaml"])
def test_bad_second_rubric_fails_before_any_request(bad: str, hub: FakeHub, tmp_path: Path) -> None:
    if bad.endswith(".yaml"):
        bad = str(tmp_path / bad)
        Path(bad).write_text("id: [\n", encoding="utf-8")
    result = invoke(["openlab/open-7b", "-r", "openaudit", "-r", bad])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("openaudit: error: ")
    assert result.stdout == ""
    assert hub.requests == []
