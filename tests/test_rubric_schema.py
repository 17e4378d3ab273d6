"""The rubric JSON Schema (schemas/rubric-1.json): a valid schema, met by every shipped
rubric, and its errors said as file:line:column like every other rubric error."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from openaudit.errors import RubricErrors
from openaudit.rubric import list_shipped_rubrics, parse_rubric
from openaudit.rubric.nodes import NodeReader
from openaudit.rubric.rubric_schema import check_structure
from openaudit.safeyaml import compose_bounded

SCHEMA = json.loads(
    resources.files("openaudit").joinpath("schemas", "rubric-1.json").read_text("utf-8")
)


def test_the_schema_is_a_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator  # slow to import: only where it is used

    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", list_shipped_rubrics())
def test_every_shipped_rubric_meets_the_schema(name: str) -> None:
    text = resources.files("openaudit").joinpath("rubrics", f"{name}.yaml").read_text("utf-8")
    reader = NodeReader(f"{name}.yaml")
    assert check_structure(reader, compose_bounded(text, source=reader.source)).errors == ()


BAD = """\
id: "Bad Id"
version: 1.0
title: ""
layers:
  weights: {weight: -1, thresholds: {open: 180}}
  wieghts: {thresholds: {open: 80, partial: 30}}
probes:
  - id: Weights.X
    layer: weights
    question: Q?
    evaluator: file_glob_present
    cap_if_no: shut
    refs: [1]
    remediation: R
    extra: 1
  - id: weights.y
    layer: weights
    question: Q?
    evaluator: nope
    remediation: R
  - {id: weights.z, layer: weights, question: q, evaluator: file_glob_present}
overrides: {}
"""


def test_every_structural_and_semantic_error_at_once_in_file_order() -> None:
    with pytest.raises(RubricErrors) as raised:
        parse_rubric(BAD, source="bad.yaml")
    assert list(raised.value.messages) == [
        "bad.yaml:1:5: rubric.id: expected letters, digits, '.', '_' or '-'",
        'bad.yaml:2:10: rubric.version: expected a string (quote it: "1.0")',
        "bad.yaml:3:8: rubric.title: expected a non-empty string",
        "bad.yaml:5:21: layers.weights.weight: expected a number at least 0, got -1",
        "bad.yaml:5:37: layers.weights.thresholds: missing required key 'partial'",
        "bad.yaml:5:44: layers.weights.thresholds.open: expected a number between 0 and 100,"
        " got 180",
        "bad.yaml:6:3: unknown layer 'wieghts'; expected one of weights, code, data,"
        " documentation, usage_limits",
        "bad.yaml:8:9: probe 'Weights.X': ids are lowercase words joined by dots",
        "bad.yaml:12:16: probe 'Weights.X'.cap_if_no: expected one of open, partial, closed,"
        " unknown, got 'shut'",
        "bad.yaml:13:12: probe 'Weights.X'.refs: expected a string, got int 1",
        "bad.yaml:15:5: probe 'Weights.X': unknown key 'extra'; expected one of id, layer,"
        " question, evaluator, params, weight, cap_if_no, cap_if_unknown, why, remediation,"
        " refs, summary, can_decide, cannot_decide, source",
        "bad.yaml:19:16: probe 'weights.y': unknown evaluator 'nope'",
        "bad.yaml:21:5: probe 'weights.z': missing required key 'remediation'",
        "bad.yaml:22:1: rubric.overrides: only allowed with `extends:`",
    ]


def test_a_value_that_cannot_be_read_is_one_error_not_two() -> None:
    text = 'id: x\nversion: !!int ""\ntitle: T\nlayers: {}\nprobes: []\n'
    with pytest.raises(RubricErrors) as raised:
        parse_rubric(text, source="r.yaml")
    assert raised.value.messages[0] == "r.yaml:2:10: cannot read '' as !!int"
    assert not any("rubric.version" in message for message in raised.value.messages)


FRAMEWORK = """\
extends: mof
id: a
version: "1"
framework:
  kind: mof
  components:
    - {id: 1, name: X, class: IV, probe: mof.datasets, required: "yes"}
    - {id: y, name: Y, class: I, probe: [x], colour: red}
    - {name: Z, class: I, probe: mof.datasets}
  extra: 1
"""


def test_the_framework_section_by_its_kind() -> None:
    with pytest.raises(RubricErrors) as raised:
        parse_rubric(FRAMEWORK, source="f.yaml")
    assert list(raised.value.messages) == [
        "f.yaml:7:31: framework item '1'.class: expected one of III, II, I, got 'IV'",
        "f.yaml:7:66: framework item '1'.required: expected true or false",
        "f.yaml:8:41: framework item 'y'.probe: expected a string, got a list",
        "f.yaml:8:46: framework item 'y': unknown key 'colour'; expected one of id, name,"
        " class, type, required, probe, stand_in",
        "f.yaml:9:7: framework.components[]: missing required key 'id'",
        "f.yaml:10:3: framework: unknown key 'extra'; expected one of kind, source, notes,"
        " components",
    ]
