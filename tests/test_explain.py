"""`openaudit explain PROBE-ID`: what a probe asks, why it matters, how to fix it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from cli_fakes import run

from openaudit.cli.explain_cmd import explain_text
from openaudit.rubric.loader import list_shipped_rubrics, load_rubric
from openaudit.rubric.lookup import ProbeMatch, find_probe
from openaudit.rubric.model import ProbeSpec
from openaudit.rubric.registry import get_evaluator

CUSTOM = """\
id: custom
version: "2.0"
title: Custom
layers:
  weights:
    title: Weights
    thresholds: {{open: 80, partial: 30}}
probes:
  - id: {probe_id}
    layer: weights
    question: "{question}"
    evaluator: file_glob_present
    params: {{patterns: ["*.safetensors"]}}
    why: Safe files matter.
    remediation: Convert the weights.
"""


def custom(tmp_path: Path, probe_id: str = "weights.safetensors", question: str = "Safe?") -> Path:
    path = tmp_path / f"{probe_id}.yaml"
    path.write_text(CUSTOM.format(probe_id=probe_id, question=question), encoding="utf-8")
    return path


def test_explains_a_shipped_probe() -> None:
    result = run(["explain", "weights.not_gated"])
    assert result.exit_code == 0, result.stderr
    probe = load_rubric("openaudit").probe("weights.not_gated")
    spec = get_evaluator(probe.evaluator)
    assert spec is not None
    out = " ".join(result.stdout.split())
    assert result.stdout.startswith(f"weights.not_gated: {probe.question}\n")
    for text in (
        "layer weights (Weights)",
        "rubrics openaudit 1.0",
        "caps: no → partial",
        f"Why it matters {probe.why}",
        f"How to fix it {probe.remediation}",
        f"Evaluator {probe.evaluator}: {spec.doc}",
        f"reads: {', '.join(spec.reads)}",
        "References EOSAI:weights_endmodel",
    ):
        assert " ".join(text.split()) in out
    assert result.stderr == ""


def test_shows_params() -> None:
    result = run(["explain", "weights.open_license"])
    assert result.exit_code == 0, result.stderr
    assert 'params: families=["permissive", "copyleft"]' in result.stdout


def test_unknown_probe_suggests_close_matches() -> None:
    result = run(["explain", "weights.not_gate"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "openaudit: error: no probe 'weights.not_gate' in the shipped rubrics "
        "(did you mean weights.not_gated?)\n"
    )


def test_unknown_probe_without_close_matches() -> None:
    result = run(["explain", "zzz"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "no probe 'zzz'" in result.stderr and "rubrics show" in result.stderr


def test_looks_the_probe_up_in_a_given_rubric(tmp_path: Path) -> None:
    path = custom(tmp_path)
    result = run(["explain", "weights.safetensors", "--rubric", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "rubrics  custom 2.0" in result.stdout
    assert "Convert the weights." in result.stdout
    missing = run(["explain", "weights.safetensors"])
    assert missing.exit_code == 2


def test_only_the_given_rubric_is_searched(tmp_path: Path) -> None:
    result = run(["explain", "weights.not_gated", "--rubric", str(custom(tmp_path))])
    assert result.exit_code == 2
    assert f"no probe 'weights.not_gated' in {tmp_path}" in result.stderr


def test_same_probe_in_several_rubrics_is_listed_once(tmp_path: Path) -> None:
    first = custom(tmp_path)
    second = tmp_path / "copy.yaml"
    second.write_text(first.read_text().replace("id: custom", "id: copy"), encoding="utf-8")
    result = run(["explain", "weights.safetensors", "-r", str(first), "-r", str(second)])
    assert result.exit_code == 0, result.stderr
    assert "rubrics  custom 2.0, copy 2.0" in result.stdout
    assert result.stdout.count("How to fix it") == 1


def test_differing_definitions_are_each_shown(tmp_path: Path) -> None:
    first = custom(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text(
        first.read_text().replace("id: custom", "id: other").replace("Safe?", "Other?"),
        encoding="utf-8",
    )
    result = run(["explain", "weights.safetensors", "-r", str(first), "-r", str(other)])
    assert result.exit_code == 0, result.stderr
    assert "weights.safetensors: Safe?" in result.stdout
    assert "weights.safetensors: Other?" in result.stdout


def test_a_bad_rubric_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    result = run(["explain", "weights.safetensors", "--rubric", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"openaudit: error: {bad}:")


def test_control_characters_in_rubric_text_are_removed(tmp_path: Path) -> None:
    path = custom(tmp_path, question="Safe\\e[31m?\\e]8;;x\\a")
    result = run(["explain", "weights.safetensors", "--rubric", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


@dataclasses.dataclass(frozen=True)
class FrameworkProbe(ProbeSpec):
    """A probe with the extra fields a framework rubric may keep."""

    assessed_by: str = ""
    open_questions: tuple[str, ...] = ()


def test_extra_probe_fields_are_shown_generically() -> None:
    rubric = load_rubric("openaudit")
    base = rubric.probe("weights.not_gated")
    probe = FrameworkProbe(
        **{f.name: getattr(base, f.name) for f in dataclasses.fields(ProbeSpec)},
        assessed_by="whether the Hub gates the repo",
        open_questions=("whether access is granted to everyone who asks",),
    )
    text = explain_text(ProbeMatch(probe, (rubric,)))
    assert "\nAssessed by\n  whether the Hub gates the repo\n" in text
    assert "\nOpen questions\n  - whether access is granted to everyone who asks\n" in text


@pytest.mark.parametrize("width", [40, 100])
def test_text_wraps_to_the_width(width: int) -> None:
    match = find_probe("weights.open_license", [load_rubric("openaudit")])[0]
    assert all(len(line) <= width for line in explain_text(match, width).splitlines())


def test_framework_probes_say_what_they_can_and_cannot_decide() -> None:
    rubrics = [load_rubric(name) for name in list_shipped_rubrics()]
    framework = [p for r in rubrics for p in r.probes if p.can_decide or p.cannot_decide]
    for probe in framework[:3]:
        result = run(["explain", probe.id])
        assert result.exit_code == 0, result.stderr
        assert ("Can decide" in result.stdout) == bool(probe.can_decide)
        assert ("Cannot decide" in result.stdout) == bool(probe.cannot_decide)
