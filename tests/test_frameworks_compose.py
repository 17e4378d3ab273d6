"""Rubric composition: extends, layer and probe overrides, disable, added probes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from framework_fixtures import fully_open

from openaudit.errors import RubricError
from openaudit.rubric import evaluate, load_rubric

MOF = 'extends: mof\nid: a\nversion: "1"\n'
CHILD = """
extends: mof
id: mof-strict
version: "1"
layers:
  weights: {weight: 5, thresholds: {open: 90}}
overrides:
  mof.final_parameters: {weight: 4, cap_if_unknown: closed}
  mof.model_card: {params: {component: model_card, type: document}}
disable: [mof.sample_outputs]
probes:
  - id: custom.safetensors
    layer: weights
    question: Are the weights in safetensors?
    evaluator: file_glob_present
    params: {patterns: ["*.safetensors"]}
    remediation: Convert the weights to safetensors.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extends_overrides_disables_and_adds(tmp_path: Path) -> None:
    rubric = load_rubric(str(write(tmp_path, "child.yaml", CHILD)))
    parent = load_rubric("mof")
    assert rubric.id == "mof-strict" and rubric.title == f"based on mof ({parent.title})"
    assert rubric.source == f"{tmp_path / 'child.yaml'}, based on mof"  # not the parent's
    assert rubric.description == ""
    assert rubric.extends == "mof"
    weights = rubric.layer("weights")
    assert (weights.weight, weights.thresholds.open, weights.thresholds.partial) == (5, 90, 30)
    probe = rubric.probe("mof.final_parameters")
    assert (probe.weight, probe.cap_if_unknown, probe.cap_if_no) == (4, "closed", "closed")
    assert "mof.sample_outputs" not in {p.id for p in rubric.probes}
    assert rubric.probes[-1].id == "custom.safetensors"
    assert rubric.framework == parent.framework
    verdict = evaluate(rubric, fully_open())
    components = verdict.extras["mof"]["components"]
    sample = next(c for c in components if c["id"] == "20")
    assert sample["status"] == "unknown" and "disabled" in sample["reason"]


def test_extends_relative_path(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", CHILD)
    child = write(tmp_path, "sub.yaml", 'extends: base.yaml\nid: sub\nversion: "2"\n')
    rubric = load_rubric(str(child))
    assert rubric.id == "sub" and rubric.probe("mof.final_parameters").weight == 4


BAD = [
    ("recursive", {"a.yaml": 'extends: b.yaml\nid: a\nversion: "1"\n',
                   "b.yaml": 'extends: a.yaml\nid: b\nversion: "1"\n'},
     "b.yaml:1:10: rubric.extends: recursive extends"),
    ("self", {"a.yaml": 'extends: a.yaml\nid: a\nversion: "1"\n'},
     "a.yaml:1:10: rubric.extends: recursive extends"),
    ("missing parent", {"a.yaml": 'extends: nope.yaml\nid: a\nversion: "1"\n'},
     "a.yaml:1:10: rubric.extends: no shipped rubric or file 'nope.yaml'"),
    ("unknown override", {"a.yaml": MOF + 'overrides:\n  x.y: {weight: 2}\n'},
     "a.yaml:5:3: overrides: the parent rubric has no probe 'x.y'"),
    ("bad weight", {"a.yaml": MOF + 'overrides:\n  mof.datasets: {weight: lots}\n'},
     "a.yaml:5:26: overrides.mof.datasets.weight: expected a number"),
    ("unknown override key", {"a.yaml": MOF + 'overrides:\n  mof.datasets: {evaluator: x}\n'},
     "a.yaml:5:18: overrides.mof.datasets: unknown key 'evaluator'"),
    ("bad override param",
     {"a.yaml": MOF + 'overrides:\n  mof.datasets:\n    params: {type: film}\n'},
     "overrides.mof.datasets.params: type: expected"),
    ("unknown disable", {"a.yaml": MOF + 'disable: [nope]\n'},
     "a.yaml:4:11: disable: the parent rubric has no probe 'nope'"),
    ("empty layer", {"a.yaml": MOF + 'disable: [mof.datasets, mof.evaluation_data]\n'},
     "a.yaml:4:1: layer 'data' has no probes left"),
    ("duplicate id", {"a.yaml": CHILD.replace("custom.safetensors", "mof.datasets")},
     "duplicate probe id 'mof.datasets': the parent has it"),
    ("threshold order", {"a.yaml": MOF + 'layers:\n  code: {thresholds: {partial: 95}}\n'},
     "layers.code.thresholds: out of order"),
    ("overrides without extends",
     {"a.yaml": 'id: a\nversion: "1"\ntitle: t\nlayers: {}\nprobes: []\ndisable: []\n'}, ""),
]  # fmt: skip


@pytest.mark.parametrize(("files", "message"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_composition(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        write(tmp_path, name, text)
    with pytest.raises(RubricError) as raised:
        load_rubric(str(tmp_path / "a.yaml"))
    assert message in str(raised.value)


def test_framework_section_validation(tmp_path: Path) -> None:
    text = load_rubric("osaid").path  # shipped: only the source name
    assert text == "rubrics/osaid.yaml"
    bad = (
        'extends: osaid\nid: a\nversion: "1"\nframework:\n  kind: osaid\n'
        "  requirements:\n    - {id: x, name: X, probes: [nope]}\n"
    )
    with pytest.raises(RubricError, match=r"a.yaml:7:33: framework item 'x': no probe 'nope'"):
        load_rubric(str(write(tmp_path, "a.yaml", bad)))
    kind = 'extends: osaid\nid: a\nversion: "1"\nframework: {kind: fmti, requirements: []}\n'
    with pytest.raises(RubricError, match=r"a.yaml:4:19: framework.kind: expected one of"):
        load_rubric(str(write(tmp_path, "a.yaml", kind)))


@pytest.mark.parametrize("name", ["openaudit", "mof", "osaid", "eosai"])
def test_shipped_rubrics_load(name: str) -> None:
    rubric = load_rubric(name)
    assert rubric.id == name and rubric.version and rubric.source
    assert {layer.id for layer in rubric.layers} == {
        "weights", "code", "data", "documentation", "usage_limits",
    }  # fmt: skip
    if name != "openaudit":
        assert rubric.framework is not None and rubric.framework.kind == name
        for probe in rubric.probes:
            assert probe.can_decide and probe.cannot_decide and probe.source, probe.id
