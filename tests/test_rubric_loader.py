"""Rubric loading and validation: every error names file:line:column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from openaudit.errors import RubricError
from openaudit.rubric import list_shipped_rubrics, load_rubric, parse_rubric

VALID = """\
id: mini
version: "1.0"
title: A small rubric
layers:
  weights: {weight: 1, thresholds: {open: 80, partial: 35}}
probes:
  - id: weights.files
    layer: weights
    question: Are weights published?
    evaluator: file_glob_present
    params: {patterns: ["*.safetensors"]}
    weight: 2
    cap_if_no: closed
    remediation: Upload them.
"""


def test_valid_rubric_parses() -> None:
    rubric = parse_rubric(VALID, source="mini.yaml")
    assert (rubric.id, rubric.version, rubric.title) == ("mini", "1.0", "A small rubric")
    probe = rubric.probe("weights.files")
    assert probe.params == {"patterns": ["*.safetensors"]}
    assert (probe.weight, probe.cap_if_no, probe.cap_if_unknown) == (2.0, "closed", None)
    assert rubric.layer("weights").thresholds.open == 80


def _edit(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new)


GLOB = 'evaluator: file_glob_present\n    params: {patterns: ["*.safetensors"]}'
CASES = [
    ("malformed", _edit("title: A small rubric", "title: [unclosed"), "4:7", "expected ',' or ']'"),
    ("unknown evaluator", _edit("evaluator: file_glob_present", "evaluator: nope"), "10:16",
     "unknown evaluator 'nope'"),
    ("wrong param type", _edit('patterns: ["*.safetensors"]', "patterns: 3"), "11:24",
     "params.patterns: expected a list of strings, got 3"),
    ("unknown param", _edit("params: {", "params: {typo: 1, "), "11:14",
     "has no param 'typo'"),
    ("missing param", _edit('params: {patterns: ["*.safetensors"]}', "params: {}"), "11:13",
     "needs param 'patterns'"),
    ("unknown layer", _edit("layer: weights", "layer: wieghts"), "8:12",
     "unknown layer 'wieghts'"),
    ("unknown layer key", _edit("  weights: {", "  weigths: {"), "5:3", "unknown layer 'weigths'"),
    ("duplicate id", VALID + VALID[VALID.index("  - id"):], "15:9",
     "duplicate probe id 'weights.files'"),
    ("non-numeric weight", _edit("weight: 2", "weight: heavy"), "12:13",
     "weight: expected a number, got str 'heavy'"),
    ("negative weight", _edit("weight: 2", "weight: -1"), "12:13", "expected a number at least 0"),
    ("empty layer", _edit("layers:\n", "layers:\n  code: {thresholds: {open: 80, partial: 30}}\n"),
     "5:3", "layer 'code' has no probes"),
    ("thresholds out of order", _edit("{open: 80, partial: 35}", "{open: 30, partial: 35}"),
     "5:36", "out of order, expected open (30) above partial (35)"),
    ("threshold above 100", _edit("open: 80", "open: 180"), "5:43", "between 0 and 100"),
    ("unknown key", _edit("    weight: 2\n", "    wieght: 2\n"), "12:5", "unknown key 'wieght'"),
    ("missing key", _edit("    remediation: Upload them.\n", ""), "7:5",
     "missing required key 'remediation'"),
    ("version not a string", _edit('version: "1.0"', "version: 1.0"), "2:10",
     "expected a string"),
    ("bad cap", _edit("cap_if_no: closed", "cap_if_no: shut"), "13:16",
     "expected one of open, partial, closed, unknown"),
    ("not a mapping", "- just\n- a list\n", "1:1", "rubric: expected a mapping"),
    ("bad regex param", _edit(GLOB,
                              "evaluator: field_matches\n    params: {key: x, pattern: '('}"),
     "11:31", "expected a regular expression"),
    ("combination check", _edit(GLOB,
                                "evaluator: field_matches\n    params: {key: license}"),
     "11:13", "give `pattern` or `one_of`"),
    ("bad family", _edit(GLOB,
                         "evaluator: license_family_in\n    params: {families: [free]}"),
     "11:13", "unknown licence family 'free'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "where", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_invalid_rubric_reports_position(text: str, where: str, message: str) -> None:
    with pytest.raises(RubricError) as info:
        parse_rubric(text, source="bad.yaml")
    assert str(info.value).startswith(f"bad.yaml:{where}: "), str(info.value)
    assert message in str(info.value)


def test_yaml_bomb_is_refused_with_position() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    with pytest.raises(RubricError) as info:
        parse_rubric("\n".join(lines) + "\n", source="bomb.yaml")
    message = str(info.value)
    assert message.startswith("bomb.yaml:")
    assert message.split(":")[1].isdigit() and message.split(":")[2].isdigit()
    assert "alias" in message or "nodes" in message


def test_empty_rubric() -> None:
    with pytest.raises(RubricError, match=r"^empty.yaml:1:1: the rubric is empty"):
        parse_rubric("", source="empty.yaml")


def test_load_by_path_and_by_name(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_rubric(str(path)).id == "mini"
    assert "openaudit" in list_shipped_rubrics()
    assert load_rubric("openaudit") is load_rubric("openaudit")  # parsed once


def test_load_unknown_name_or_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="no rubric named 'nope'"):
        load_rubric("nope")
    with pytest.raises(RubricError, match="no such rubric file"):
        load_rubric(str(tmp_path / "missing.yaml"))


def test_load_file_error_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(VALID).replace("evaluator: file_glob_present", "evaluator: x"))
    with pytest.raises(RubricError, match=rf"^{path}:10:16: "):
        load_rubric(str(path))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("id: mini", 'id: "[bold]mini"'),
        ("id: mini", 'id: "mini\\e]8;;x"'),
        ('version: "1.0"', 'version: "1 0"'),
    ],
)
def test_rubric_id_and_version_are_plain_tokens(old: str, new: str) -> None:
    with pytest.raises(RubricError, match=r"mini.yaml:\d+:\d+: rubric\.(id|version): expected"):
        parse_rubric(_edit(old, new), source="mini.yaml")
