"""Gating through the CLI on real model folders: config files, waivers, baselines, classes,
and the rule that withholding evidence never passes a gate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from golden_util import validate_report
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from openaudit.cli.app import app
from openaudit.policy import gate_level, gate_score
from openaudit.policy.proven import proven
from openaudit.rubric import load_rubric
from openaudit.rubric.engine import assess_layer, overall_level, overall_score
from openaudit.rubric.model import LEVEL_RANK
from openaudit.verdict import Finding, LayerResult, Outcome, Verdict

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OPEN_MODEL = str(EXAMPLES / "open-model")
CLEAN_ENV = {
    "NO_COLOR": "1",
    "OPENAUDIT_FAIL_UNDER": None,
    "OPENAUDIT_REQUIRE": None,
    "OPENAUDIT_CONFIG": None,
}


def invoke(args: list[str], env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(app, args, env=CLEAN_ENV | (env or {}))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty directory, so no config file of this repository is found."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- withholding evidence (issue 10, item 2) --------------------------------------


def _folders(root: Path) -> tuple[Path, Path]:
    """Two releases of one model: all evidence behind refused symlinks, or a readable
    MIT card (its LICENSE and weights still refused links)."""
    outside = root / "outside"
    outside.mkdir()
    (outside / "README.md").write_text("---\nlicense: mit\n---\n# Model\n", encoding="utf-8")
    (outside / "LICENSE").write_text("MIT License\n", encoding="utf-8")
    (outside / "model.safetensors").write_bytes(b"\0" * 16)
    hidden, mit = root / "hidden", root / "mit"
    for folder in (hidden, mit):
        folder.mkdir()
        for name in ("LICENSE", "model.safetensors"):
            (folder / name).symlink_to(outside / name)
    (hidden / "README.md").symlink_to(outside / "README.md")
    (mit / "README.md").write_text(
        "---\nlicense: mit\n---\n# Model\nA small model.\n", encoding="utf-8"
    )
    return hidden, mit


def test_withholding_evidence_never_passes_a_gate(in_tmp: Path) -> None:
    hidden, mit = _folders(in_tmp)
    scores = {}
    for folder in (hidden, mit):
        result = invoke([str(folder), "-f", "json", "--fail-under", "0"])
        assert result.exit_code == 0, result.stderr
        scores[folder.name] = result.stdout
    # the gate's score for the hidden folder is never above the readable one's
    gates = {}
    for name in scores:
        result = invoke([str(in_tmp / name), "-f", "json", "--fail-under", "100"])
        (line,) = [x for x in result.stderr.splitlines() if "policy failed" in x]
        gates[name] = int(line.split("score ")[1].split()[0])
    assert gates["hidden"] <= gates["mit"]
    hidden_run = invoke([str(hidden), "-f", "json", "--fail-under", "50"])
    assert hidden_run.exit_code == 1
    assert "unknown answers count as no" in hidden_run.stderr
    # the README's policy section shows this very line
    line = hidden_run.stderr.splitlines()[0].replace(str(hidden), "hidden-release")
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert line in readme.split("<!-- withheld-sample -->", 1)[1]


def _verdict(rubric_id: str, answers: dict[str, str]) -> Verdict:
    """A verdict built by the engine's own rules from a probe -> answer table."""
    rubric = load_rubric(rubric_id)
    layers = []
    for spec in rubric.layers:
        scored = [(p, Outcome(answers[p.id], "r")) for p in rubric.probes_of(spec.id)]  # type: ignore[arg-type]
        level, score, at_least = assess_layer(spec, scored)
        findings = tuple(Finding(p.id, p.question, o.answer, o.reason, p.weight) for p, o in scored)
        layers.append(LayerResult(spec.id, level, score, findings, "", at_least))
    done = tuple(layers)
    return Verdict(
        "m",
        "m",
        None,
        None,
        "local",
        "full",
        rubric.id,
        rubric.version,
        done,
        overall_level(done),
        overall_score(rubric.layers, done),
        "",
    )


ANSWER = st.sampled_from(["yes", "no", "unknown"])
PROBES = tuple(p.id for p in load_rubric("openaudit").probes)


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({p: ANSWER for p in PROBES}), st.sets(st.sampled_from(PROBES)))
def test_withholding_any_answers_never_raises_what_a_gate_sees(
    answers: dict[str, str], withheld: set[str]
) -> None:
    rubric = load_rubric("openaudit")
    full = _verdict("openaudit", answers)
    less = _verdict("openaudit", answers | dict.fromkeys(withheld, "unknown"))
    a, b = proven(full, rubric), proven(less, rubric)
    full_score, less_score = gate_score(full, a), gate_score(less, b)
    assert full_score is not None and less_score is not None
    assert less_score <= full_score
    for layer in full.layers:
        before = gate_level(layer.level, a.layers[layer.id])
        after = gate_level(less.layer(layer.id).level, b.layers[layer.id])
        assert LEVEL_RANK[after] <= LEVEL_RANK[before]


# --- config files, waivers, classes, baselines through the CLI ---------------------


def test_a_config_file_sets_the_policy_and_flags_override_it(in_tmp: Path) -> None:
    (in_tmp / ".openaudit.yaml").write_text("fail-under: 100\n", encoding="utf-8")
    failed = invoke([OPEN_MODEL, "-f", "json"])
    assert failed.exit_code == 1
    assert json.loads(failed.stdout)["policy"]["passed"] is False
    assert invoke([OPEN_MODEL, "-f", "json", "--fail-under", "10"]).exit_code == 0
    by_env = invoke([OPEN_MODEL, "-f", "json"], env={"OPENAUDIT_FAIL_UNDER": "10"})
    assert by_env.exit_code == 0


def test_an_unknown_config_key_is_a_one_line_usage_error(in_tmp: Path) -> None:
    (in_tmp / ".openaudit.yaml").write_text("fail-under: 10\nfailunder: 3\n", encoding="utf-8")
    result = invoke([OPEN_MODEL])
    assert result.exit_code == 2
    assert result.stderr == (
        f"openaudit: error: {in_tmp / '.openaudit.yaml'}:2: unknown key 'failunder'; "
        "expected one of fail-under, require, require-class, fail-on, baseline, rubric, "
        "format, waivers\n"
    )
    assert result.stdout == ""


WAIVED_CONFIG = """\
require: [weights=open]
fail-on: [usage.*]
waivers:
  - probe: gated
    reason: the Hub repository will be public, without a gate
    model: "*open-model"
  - probe: usage.training_data_terms
    reason: datasets reviewed by legal
    expires: 2999-12-31
"""


def test_waivers_pass_the_gate_and_stay_visible(in_tmp: Path) -> None:
    (in_tmp / ".openaudit.yaml").write_text(WAIVED_CONFIG, encoding="utf-8")
    without = invoke([OPEN_MODEL, "-f", "json", "--config", str(in_tmp / "none.yaml")])
    assert without.exit_code == 2  # --config names a missing file
    result = invoke([OPEN_MODEL, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    waived = {
        f["probe"]: f["waived"]
        for layer in report["models"][0]["layers"]
        for f in layer["findings"]
        if "waived" in f
    }
    assert set(waived) == {"weights.not_gated", "usage.training_data_terms"}
    assert waived["usage.training_data_terms"]["expires"] == "2999-12-31"
    assert waived["weights.not_gated"]["origin"] == f"{in_tmp / '.openaudit.yaml'}:4"
    assert report["policy"]["passed"] is True
    assert "waived: " in result.stderr
    validate_report(report)
    table = invoke([OPEN_MODEL, "-f", "table"])
    assert "Waived: weights.not_gated (the Hub repository will be public" in table.stdout
    markdown = invoke([OPEN_MODEL, "-f", "markdown"])
    assert "unknown, **waived**: the Hub repository will be public" in markdown.stdout


def test_an_expired_waiver_fails_naming_it(in_tmp: Path) -> None:
    config = WAIVED_CONFIG.replace("2999-12-31", "2000-01-01")
    (in_tmp / ".openaudit.yaml").write_text(config, encoding="utf-8")
    result = invoke([OPEN_MODEL, "-f", "json"])
    assert result.exit_code == 1
    assert (
        f"{in_tmp / '.openaudit.yaml'}:7: waiver for usage.training_data_terms "
        "(datasets reviewed by legal) expired on 2000-01-01" in result.stderr
    )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("waivers:\n  - probe: gated\n", ":2: waiver for gated: 'reason' is required"),
        (
            "waivers:\n  - {probe: gated, reason: x, expires: 31/12/2026}\n",
            ":2: waiver for gated: expires '31/12/2026' is not a date (YYYY-MM-DD)",
        ),
        ("fail-under: lots\n", ":1: fail-under must be a whole number from 0 to 100"),
        ("require: [weights=great]\n", ":1: invalid --require 'weights=great'"),
        ("require-class: mof=IV\n", ":1: invalid --require-class 'mof=IV'"),
        ("fail-on: [vibes]\n", ":1: 'vibes' is neither a probe of this rubric nor a tag"),
        ("format: xml\n", ":1: format 'xml' is not one of"),
    ],
)
def test_bad_settings_name_their_line(in_tmp: Path, config: str, message: str) -> None:
    (in_tmp / ".openaudit.yaml").write_text(config, encoding="utf-8")
    result = invoke([OPEN_MODEL])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"openaudit: error: {in_tmp / '.openaudit.yaml'}")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_contradictory_flags_are_a_usage_error(in_tmp: Path) -> None:
    result = invoke([OPEN_MODEL, "--require", "code=open", "--require", "code=partial"])
    assert result.exit_code == 2
    assert "contradictory --require: code=open and code=partial" in result.stderr


def test_require_class_adds_its_framework_rubric(in_tmp: Path) -> None:
    result = invoke([OPEN_MODEL, "-f", "json", "--require-class", "mof=I"])
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["rubrics"]] == ["openaudit", "mof"]
    assert result.exit_code == 1
    assert "MOF class is" in result.stderr and "Class I required" in result.stderr


def test_a_baseline_fails_only_on_regressions(in_tmp: Path) -> None:
    before = invoke([OPEN_MODEL, "-f", "json", "-o", "previous.json"])
    assert before.exit_code == 0
    same = invoke([OPEN_MODEL, "-f", "json", "--baseline", "previous.json", "--fail-under", "99"])
    assert same.exit_code == 0, same.stderr  # below 99 already in the baseline
    other = invoke([OPEN_MODEL, "-r", "mof", "--baseline", "previous.json"])
    assert other.exit_code == 2
    assert "baseline was made with rubric openaudit" in other.stderr
    (in_tmp / "broken.json").write_text('{"schema_version": "1",\n "models": [}', encoding="utf-8")
    broken = invoke([OPEN_MODEL, "--baseline", "broken.json"])
    assert broken.exit_code == 2
    assert broken.stderr.startswith("openaudit: error: broken.json:2: not valid JSON")
    (in_tmp / "v9.json").write_text('{"schema_version": "9", "models": []}', encoding="utf-8")
    future = invoke([OPEN_MODEL, "--baseline", "v9.json"])
    assert future.exit_code == 2
    assert "report schema version '9' is not supported" in future.stderr


def test_quiet_and_verbose_contradict(in_tmp: Path) -> None:
    result = invoke([OPEN_MODEL, "-q", "-v"])
    assert result.exit_code == 2
    assert result.stderr == "openaudit: error: contradictory flags: --quiet and --verbose\n"


def test_a_rubric_named_in_the_config_file_is_relative_to_it(in_tmp: Path) -> None:
    ci = in_tmp / "ci"
    ci.mkdir()
    rubric = EXAMPLES / "rubrics" / "acme-procurement.yaml"
    (ci / "acme.yaml").write_text(
        rubric.read_text(encoding="utf-8").replace("extends: openaudit", "extends: openaudit"),
        encoding="utf-8",
    )
    (ci / ".openaudit.yaml").write_text("rubric: acme.yaml\n", encoding="utf-8")
    result = invoke([OPEN_MODEL, "-f", "json", "--config", str(ci / ".openaudit.yaml")])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rubric"]["id"] == "acme-procurement"


def test_fail_on_remote_code_reads_the_files(in_tmp: Path) -> None:
    folder = in_tmp / "model"
    shutil.copytree(OPEN_MODEL, folder)
    assert invoke([str(folder), "-f", "json", "--fail-on", "remote-code"]).exit_code == 0
    (folder / "modeling_acme.py").write_text("print('hi')\n", encoding="utf-8")
    result = invoke([str(folder), "-f", "json", "--fail-on", "remote-code,pickle"])
    assert result.exit_code == 1
    assert (
        f"{folder}: ships code that loading runs, --fail-on remote-code: "
        "Python files modeling_acme.py" in result.stderr
    )


def test_comma_separated_lists_are_several_values(in_tmp: Path) -> None:
    result = invoke(
        [
            OPEN_MODEL,
            "-f",
            "json",
            "--require",
            "weights=open,usage_limits=open",
            "--fail-on",
            "gated,pickle",
        ]
    )
    assert result.exit_code == 1
    assert (
        "weights is open, partial counting its 1 unknown answer as no; open required"
        in result.stderr
    )
    assert (
        "weights.not_gated is unknown (unknown fails a --fail-on), --fail-on gated" in result.stderr
    )


def test_policy_errors_come_before_any_model_is_read(in_tmp: Path) -> None:
    from cli_fakes import FakeCore, run

    core = FakeCore()
    result = run(["acme/a", "--fail-on", "weights.nope"], core)
    assert result.exit_code == 2
    assert "'weights.nope' is neither a probe of this rubric nor a tag" in result.stderr
    assert core.opened == []
