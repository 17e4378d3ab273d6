"""`openaudit [audit] REF...` through the real typer app, with fakes behind `Services`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from cli_fakes import FakeCore, run
from golden_util import validate_report
from report_samples import HOSTILE, hostile_verdict, sample_verdict

from openaudit.evidence import Evidence
from openaudit.verdict import Verdict


def test_json_is_the_default_when_not_a_terminal() -> None:
    result = run(["acme/open-model"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    validate_report(document)
    assert document["models"][0]["ref"] == "acme/open-model"
    assert document["rubric"] == {"id": "openaudit", "version": "1.0"}
    assert "acme/open-model: partial (score 62/100)" in result.stderr


def test_table_is_the_default_on_a_terminal() -> None:
    result = run(["acme/open-model"], tty=True)
    assert result.exit_code == 0
    assert "Verdict:" in result.stdout
    assert "\x1b[" in result.stdout  # colour on a terminal
    assert result.stderr == ""  # the table already carries the verdict


@pytest.mark.parametrize(("flag", "env"), [(["--no-color"], {}), ([], {"NO_COLOR": "1"})])
def test_no_color(flag: list[str], env: dict[str, str | None]) -> None:
    result = run(["acme/open-model", *flag], tty=True, env=env)
    assert "Verdict:" in result.stdout
    assert "\x1b" not in result.stdout


def test_explain_adds_every_probe() -> None:
    result = run(["acme/open-model", "-f", "table", "--explain"])
    assert "code.training" in result.stdout
    assert "fix: Fix code.training." in result.stdout
    assert "\x1b" not in result.stdout  # not a terminal, no colour


def test_output_file_gets_the_report_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run(["acme/open-model", "-o", str(target)], tty=True)
    assert result.exit_code == 0
    assert result.stdout == ""
    validate_report(json.loads(target.read_text()))  # json: a file is not a terminal
    assert f"report written to {target}" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left


def test_output_to_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["acme/open-model", "-o", str(tmp_path / "nope" / "r.json")])
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: cannot write")


def test_options_reach_the_source() -> None:
    core = FakeCore()
    run(["acme/m", "--revision", "v1.0", "--token", "hf_x"], core)
    assert core.opened == [("acme/m", "v1.0", "hf_x")]


def test_token_falls_back_to_hf_token() -> None:
    core = FakeCore()
    run(["acme/m"], core, env={"HF_TOKEN": "hf_from_env"})
    assert core.opened == [("acme/m", None, "hf_from_env")]


@pytest.mark.parametrize("where", ["flag", "env"])
def test_token_never_printed(where: str) -> None:
    secret = "hf_TopSecretValue42"
    args = ["acme/ok", "offline/m", "-f", "table", "-v"]
    env: dict[str, str | None] = {"HF_TOKEN": secret} if where == "env" else {}
    if where == "flag":
        args += ["--token", secret]
    result = run(args, env=env)
    assert result.exit_code == 3
    assert secret not in result.output
    assert "(token ***)" in result.output  # the fake echoes the token; output redacts it


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--fail-under", "63"], 1, "policy failed: acme/open-model: score 62 is below 63"),
        (["--fail-under", "62"], 0, None),
        (
            ["--require", "code=open"],
            1,
            "policy failed: acme/open-model: code is partial, open required",
        ),
        (
            ["--require", "data=partial"],
            1,
            "data is unknown, closed counting its 1 unknown answer as no; partial required",
        ),
        (["--require", "data=closed"], 0, None),  # whatever data's answers, it is closed
        (["--require", "weights=open", "--require", "usage_limits=open"], 0, None),
    ],
)
def test_policy_sets_the_exit_code(args: list[str], code: int, message: str | None) -> None:
    result = run(["acme/open-model", "-f", "json", *args])
    assert result.exit_code == code
    validate_report(result.stdout)  # the report is complete whatever the policy says
    if message:
        assert message in result.stderr


@pytest.mark.parametrize(
    "args", [["--require", "usage_limits=free"], ["--require", "nope"], ["--fail-under", "101"]]
)
def test_bad_policy_flags_are_one_line_usage_errors(args: list[str]) -> None:
    core = FakeCore()
    result = run(["acme/m", *args], core)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("openaudit: error: ") and result.stderr.count("\n") == 1
    assert core.opened == []  # flags are checked before any network access


def test_invalid_rubric_is_exit_2() -> None:
    result = run(["acme/m", "--rubric", "bad.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "openaudit: error: bad.yaml:3:5: unknown evaluator 'nope'\n"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("missing/m", "model missing/m not found on the Hub"),
        ("gated/m", "gated/m is gated (accept its terms and pass --token)"),
    ],
)
def test_single_ref_error_is_one_line_exit_3_and_a_json_entry(ref: str, message: str) -> None:
    result = run([ref])
    assert result.exit_code == 3
    assert result.stderr == f"openaudit: error: {message}\n"
    document = json.loads(result.stdout)
    validate_report(document)
    assert document["models"] == [{"ref": ref, "error": {"code": 3, "message": message}}]


def test_batch_continues_past_errors_and_exits_with_the_worst() -> None:
    core = FakeCore()
    result = run(["acme/a", "missing/b", "acme/c", "--fail-under", "90"], core)
    assert sorted(ref for ref, _, _ in core.opened) == ["acme/a", "acme/c", "missing/b"]
    assert result.exit_code == 3  # evidence unavailable beats policy failed
    document = json.loads(result.stdout)
    validate_report(document)
    assert [m["ref"] for m in document["models"]] == ["acme/a", "missing/b", "acme/c"]
    assert "error" in document["models"][1]
    assert "openaudit: error: missing/b: model missing/b not found on the Hub" in result.stderr
    assert "policy failed: acme/a: score 62 is below 90" in result.stderr


def test_batch_table_has_an_error_row() -> None:
    result = run(["acme/a", "missing/b", "-f", "table"])
    assert result.exit_code == 3
    assert "error (exit 3): model missing/b not found on the Hub" in result.stdout
    assert "Summary" in result.stdout


def test_quiet_keeps_only_errors_and_policy() -> None:
    result = run(["acme/a", "--quiet", "--fail-under", "99"])
    assert result.exit_code == 1
    assert result.stderr == "openaudit: policy failed: acme/a: score 62 is below 99\n"


def _hostile(ref: str) -> Verdict:
    return hostile_verdict(ref)


@pytest.mark.parametrize("extra", [[], ["--explain"]])
def test_card_text_is_escaped_in_the_table(extra: list[str]) -> None:
    core = FakeCore(verdict_for=_hostile)
    result = run(["evil/markup", "-f", "table", *extra], core, tty=True)
    assert result.exit_code == 0
    assert "[bold red]pwned[/]" in result.stdout  # shown literally, not interpreted
    assert "\x1b[31mred" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout


def test_card_text_is_escaped_on_stderr() -> None:
    def verdict_for(ref: str) -> Verdict:
        return dataclasses.replace(sample_verdict(ref), ref=f"x{HOSTILE}")

    result = run(["evil/markup", "-f", "json"], FakeCore(verdict_for=verdict_for))
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\x1b" not in result.stdout
    validate_report(result.stdout)


# --- several rubrics (issue 3) -------------------------------------------------------------


def test_two_rubrics_one_fetch_one_report() -> None:
    core = FakeCore()
    result = run(["acme/a", "acme/b", "-r", "openaudit", "-r", "mof", "-f", "json"], core)
    assert result.exit_code == 0, result.stderr
    assert sorted(ref for ref, _, _ in core.opened) == ["acme/a", "acme/b"]  # read once
    for ref in ("acme/a", "acme/b"):  # models run concurrently; each primary first
        assert [rubric for rubric, model in core.evaluated if model == ref] == ["openaudit", "mof"]
    document = json.loads(result.stdout)
    validate_report(document)
    assert document["rubric"] == {"id": "openaudit", "version": "1.0"}
    assert [r["id"] for r in document["rubrics"]] == ["openaudit", "mof"]
    for model in document["models"]:
        assert [r["id"] for r in model["rubrics"]] == ["openaudit", "mof"]
        assert model["rubrics"][1]["framework"]["framework"] == "mof"


def test_three_rubrics_in_the_table() -> None:
    result = run(["acme/a", "-r", "osaid", "-r", "eosai", "-r", "openaudit", "-f", "table"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("osaid 1.0: fail — unmet: Use for any purpose") for line in lines)
    assert any(line.startswith("eosai 1.0: 0.75 mean over 10 of 12 dimensions") for line in lines)
    assert any(line.startswith("openaudit 1.0: partial, score 62/100 (") for line in lines)
    assert "Licence: apache-2.0 (permissive)" in lines


class _StrictMof(FakeCore):
    """Scores 10 under the mof rubric, 62 under any other."""

    def evaluate(self, rubric: object, evidence: Evidence, strict: bool = False) -> Verdict:
        verdict = super().evaluate(rubric, evidence)
        return dataclasses.replace(verdict, score=10) if verdict.rubric_id == "mof" else verdict


@pytest.mark.parametrize(
    ("rubrics", "code"), [(["openaudit", "mof"], 0), (["mof", "openaudit"], 1)]
)
def test_policy_applies_to_the_primary_rubric(rubrics: list[str], code: int) -> None:
    args = [flag for name in rubrics for flag in ("-r", name)]
    result = run(["acme/a", *args, "--fail-under", "50", "-f", "json"], _StrictMof())
    assert result.exit_code == code, result.stderr
    document = json.loads(result.stdout)
    validate_report(document)
    assert document["models"][0]["score"] == (62 if code == 0 else 10)  # the primary's
    if code:
        assert "policy failed: acme/a: score 10 is below 50" in result.stderr


def test_bad_second_rubric_is_exit_2_before_any_fetch() -> None:
    core = FakeCore()
    result = run(["acme/m", "-r", "openaudit", "-r", "bad.yaml"], core)
    assert result.exit_code == 2
    assert result.stderr == "openaudit: error: bad.yaml:3:5: unknown evaluator 'nope'\n"
    assert result.stdout == ""
    assert core.opened == []


def test_same_rubric_twice_counts_once_two_rubrics_one_id_is_exit_2() -> None:
    core = FakeCore()
    result = run(["acme/m", "-r", "mof", "-r", "mof", "-f", "json"], core)
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)["rubrics"]] == ["mof"]
    core = FakeCore()
    result = run(["acme/m", "-r", "a.yaml", "-r", "b.yaml"], core)  # the fake names both custom
    assert result.exit_code == 2
    assert result.stderr == "openaudit: error: --rubric: two rubrics have the id 'custom'\n"
    assert core.opened == []


@pytest.mark.parametrize(("columns", "width"), [("140", 140), ("72", 72), (None, 100), ("x", 100)])
def test_a_piped_table_honours_columns(columns: str | None, width: int) -> None:
    result = run(["acme/open-model", "-f", "table"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    rule = next(line for line in result.stdout.splitlines() if "────" in line)
    assert len(rule) == width - 1  # the rule starts one column in


@pytest.mark.parametrize(
    ("env", "flags", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({"FORCE_COLOR": "1"}, ["--no-color"], False),
        ({"FORCE_COLOR": "0"}, [], False),
        ({}, [], False),
    ],
)
def test_force_color_colours_a_piped_table(
    env: dict[str, str | None], flags: list[str], coloured: bool
) -> None:
    result = run(["acme/open-model", "-f", "table", *flags], env=env)
    assert result.exit_code == 0, result.stderr
    assert ("\x1b[" in result.stdout) is coloured
