"""Batch use of `openaudit` through the real typer app, with fakes behind `Services`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_fakes import FakeCore, run
from golden_util import validate_report
from typer.testing import CliRunner

from openaudit.cli.app import app

REFS = """\
# models to vet
acme/a
acme/b   # the second

not a ref
missing/c
"""


def _refs(tmp_path: Path, text: str = REFS) -> str:
    path = tmp_path / "refs.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_from_file_audits_every_line_and_names_malformed_ones(tmp_path: Path) -> None:
    path = _refs(tmp_path)
    result = run(["--from-file", path, "-f", "json", "-q"])
    assert result.exit_code == 3, result.stderr  # worst: missing/c
    document = json.loads(result.stdout)
    validate_report(document)
    models = document["models"]
    assert [m["ref"] for m in models] == ["acme/a", "acme/b", "not a ref", "missing/c"]
    assert models[2]["error"]["code"] == 2
    assert models[2]["error"]["message"].startswith(f"{path}:5: not a model reference")
    assert models[3]["error"]["code"] == 3
    assert f"openaudit: error: not a ref: {path}:5: not a model reference" in result.stderr


def test_refs_on_the_command_line_come_before_the_file(tmp_path: Path) -> None:
    path = _refs(tmp_path, "acme/b\n")
    result = run(["acme/a", "--from-file", path, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert [m["ref"] for m in json.loads(result.stdout)["models"]] == ["acme/a", "acme/b"]


def test_from_stdin() -> None:
    core = FakeCore()
    result = CliRunner().invoke(
        app,
        ["--from-file", "-", "-f", "json"],
        obj=core.services(),
        input="acme/a\n# skip\nacme/b\n",
        env={"HF_TOKEN": None},
    )
    assert result.exit_code == 0, result.stderr
    assert [m["ref"] for m in json.loads(result.stdout)["models"]] == ["acme/a", "acme/b"]


def test_an_unreadable_list_is_a_usage_error(tmp_path: Path) -> None:
    core = FakeCore()
    result = run(["--from-file", str(tmp_path / "nope.txt")], core)
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: cannot read the ref list ")
    assert len(result.stderr.splitlines()) == 1
    assert core.opened == []


def test_nothing_to_audit_is_a_usage_error() -> None:
    result = run(["--jobs", "4"])
    assert result.exit_code == 2
    assert "nothing to audit" in result.stderr


def test_limit_without_a_listing_is_a_usage_error() -> None:
    result = run(["acme/a", "--limit", "3"])
    assert result.exit_code == 2
    assert "--limit applies to a Hub listing" in result.stderr


def test_plain_progress_ends_with_a_count_line(tmp_path: Path) -> None:
    result = run(["--from-file", _refs(tmp_path), "-f", "json"])
    assert "openaudit: audited 4/4 models, 2 errors, " in result.stderr


def test_quiet_shows_no_progress(tmp_path: Path) -> None:
    result = run(["--from-file", _refs(tmp_path, "acme/a\n"), "-f", "json", "-q"])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_a_token_in_a_list_line_is_masked(tmp_path: Path) -> None:
    path = _refs(tmp_path, "acme/a\nhf_secret_token oops\n")
    result = run(["--from-file", path, "-f", "json"], env={"HF_TOKEN": "hf_secret_token"})
    assert "hf_secret_token" not in result.stdout + result.stderr


# -- streaming formats ---------------------------------------------------------------------


def test_jsonl_writes_one_object_per_model(tmp_path: Path) -> None:
    result = run(["--from-file", _refs(tmp_path), "-f", "jsonl", "-q"])
    assert result.exit_code == 3
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["ref"] for line in lines) == ["acme/a", "acme/b", "missing/c", "not a ref"]
    for line in lines:
        assert line["schema_version"] == "2"
        assert line["rubric"] == {"id": "openaudit", "version": "1.0"}
        if "error" not in line:
            document = {
                "schema_version": "2",
                "tool": {"name": "openaudit", "version": "0"},
                "rubric": line["rubric"],
                "rubrics": [{"id": "openaudit", "version": "1.0", "title": ""}],
                "models": [
                    {k: v for k, v in line.items() if k not in ("schema_version", "rubric")}
                ],
            }
            validate_report(document)  # each line is a model entry of the JSON report


def test_jsonl_to_a_file_is_written_row_by_row(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    result = run(["acme/a", "acme/b", "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert f"report written to {out}" in result.stderr


def test_csv_has_a_column_per_layer_level_and_score(tmp_path: Path) -> None:
    result = run(["acme/a", "missing/b", "-f", "csv", "-r", "openaudit", "-r", "mof"])
    assert result.exit_code == 3
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(row["ref"] for row in rows) == ["acme/a", "missing/b"]
    ok = next(row for row in rows if row["ref"] == "acme/a")
    assert ok["status"] == "ok"
    assert ok["score"] == "62"
    for layer in ("weights", "code", "data", "documentation", "usage_limits"):
        assert ok[f"{layer}_level"] in ("open", "partial", "closed", "unknown")
    assert ok["mof_framework"] == "Unclassified"  # the sample's MOF class
    failed = next(row for row in rows if row["ref"] == "missing/b")
    assert (failed["status"], failed["exit_code"]) == ("error", "3")
    assert failed["score"] == ""


@pytest.mark.parametrize("ref", ["=cmd/x", "+evil/y", "@sum/z", "-dash/q"])
def test_csv_cells_never_start_a_formula(ref: str) -> None:
    from openaudit.report import ModelError, RubricRef
    from openaudit.report.stream import CsvWriter

    row = CsvWriter((RubricRef("openaudit", "1"),)).row(ModelError(ref, 2, ref))
    cells = next(csv.reader(io.StringIO(row)))
    assert cells[0] == "'" + ref and cells[3] == "'" + ref


# -- the table of many models --------------------------------------------------------------


def test_a_table_of_many_models_is_ranked_with_counts_per_layer(tmp_path: Path) -> None:
    import dataclasses

    from report_samples import sample_verdict

    def verdict_for(ref: str) -> object:
        return dataclasses.replace(sample_verdict(ref), score=int(ref.rsplit("m", 1)[1]) * 5)

    refs = [f"acme/m{i}" for i in range(12)] + ["missing/x"]
    path = _refs(tmp_path, "\n".join(refs) + "\n")
    core = FakeCore(verdict_for=verdict_for)  # type: ignore[arg-type]
    result = run(["--from-file", path, "-f", "table", "-q"], core)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    ranked = [line.split()[0] for line in lines if line.startswith(" acme/m")]
    assert ranked == [f"acme/m{i}" for i in reversed(range(12))]  # best score first
    assert "Verdict:" not in result.stdout  # more than 10 models: the summary alone
    unknown = next(line for line in lines if line.startswith(" unknown"))
    assert unknown.split()[1:] == ["0", "0", "12", "0", "0"]  # data is unknown for all 12
    assert " 1 could not be audited" in lines
    assert "13 models: one line each" in result.stdout


# -- resume ----------------------------------------------------------------------------------


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_resume_skips_finished_models_and_redoes_errors(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    first = run(["acme/a", "missing/b", "-f", "jsonl", "-o", str(results)])
    assert first.exit_code == 3
    core = FakeCore()
    second = run(["acme/a", "missing/b", "acme/c", "--resume", str(results)], core)
    assert second.exit_code == 3, second.stderr
    assert sorted(ref for ref, _, _ in core.opened) == ["acme/c", "missing/b"]
    rows = _lines(results)
    assert sorted(str(row["ref"]) for row in rows) == ["acme/a", "acme/c", "missing/b"]
    assert "resuming" in second.stderr and "1 models already done" in second.stderr


def test_resume_of_a_new_file_starts_it(tmp_path: Path) -> None:
    results = tmp_path / "new.jsonl"
    result = run(["acme/a", "--resume", str(results), "-q"])
    assert result.exit_code == 0, result.stderr
    assert [row["ref"] for row in _lines(results)] == ["acme/a"]


def test_resume_drops_a_line_cut_short_by_an_interrupted_run(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    run(["acme/a", "acme/b", "-f", "jsonl", "-o", str(results)])
    text = results.read_text(encoding="utf-8")
    results.write_text(text[: len(text) - 20], encoding="utf-8")  # the last row is cut
    core = FakeCore()
    result = run(["acme/a", "acme/b", "--resume", str(results), "-q"], core)
    assert result.exit_code == 0, result.stderr
    assert len(core.opened) == 1
    assert len(_lines(results)) == 2  # every line is whole JSON again


def test_resume_applies_the_policy_to_finished_rows_too(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    run(["acme/a", "-f", "jsonl", "-o", str(results)])
    result = run(["acme/a", "--resume", str(results), "--fail-under", "90"])
    assert result.exit_code == 1
    assert "policy failed: acme/a: score 62 is below 90" in result.stderr


def test_resume_from_another_rubric_is_a_usage_error(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    run(["acme/a", "-f", "jsonl", "-o", str(results)])
    before = results.read_text(encoding="utf-8")
    core = FakeCore()
    result = run(["acme/a", "--resume", str(results), "-r", "mof"], core)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "made with openaudit 1.0, not mof 1.0" in result.stderr
    assert core.opened == []
    assert results.read_text(encoding="utf-8") == before  # untouched


@pytest.mark.parametrize("extra", [["-f", "csv"], ["-o", "other.jsonl"]])
def test_resume_only_appends_jsonl_to_its_own_file(tmp_path: Path, extra: list[str]) -> None:
    result = run(["acme/a", "--resume", str(tmp_path / "r.jsonl"), *extra])
    assert result.exit_code == 2
    assert "--resume" in result.stderr


def test_ctrl_c_leaves_whole_rows_and_says_how_to_resume(tmp_path: Path) -> None:
    class Interrupted(FakeCore):
        def open_evidence(self, ref: str, **options: object) -> object:  # type: ignore[override]
            if ref.startswith("boom/"):
                raise KeyboardInterrupt
            return super().open_evidence(ref, **options)  # type: ignore[arg-type]

    results = tmp_path / "results.jsonl"
    refs = _refs(tmp_path, "acme/a\nacme/b\nboom/c\nacme/d\n")
    args = ["--from-file", refs, "-f", "jsonl", "-o", str(results), "--jobs", "1"]
    result = run(args, Interrupted())
    assert result.exit_code == 130
    assert f"continue with --resume {results}" in result.stderr
    written = [str(row["ref"]) for row in _lines(results)]  # every line is whole JSON
    assert written[:2] == ["acme/a", "acme/b"] and "boom/c" not in written
    core = FakeCore()
    again = run(["--from-file", refs, "--resume", str(results), "-q"], core)
    assert again.exit_code == 0, again.stderr
    redone = sorted(ref for ref, _, _ in core.opened)
    assert redone == sorted({"acme/a", "acme/b", "boom/c", "acme/d"} - set(written))
