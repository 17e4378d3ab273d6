"""The JSON reporter: shape, order, determinism, schema, golden file."""

from __future__ import annotations

import json

import pytest
from golden_util import assert_golden, validate_report
from report_samples import NOT_FOUND, hostile_verdict, sample_report, sample_verdict

from openaudit.report import Format, ModelError, render
from openaudit.report.json_report import report_to_dict


def test_batch_report_matches_golden_and_schema(pytestconfig: pytest.Config) -> None:
    text = render(sample_report(sample_verdict(), NOT_FOUND), Format.JSON)
    validate_report(text)
    assert_golden(pytestconfig, "report/batch.json", text)


def test_top_level_key_order_and_versions() -> None:
    document = json.loads(render(sample_report(), Format.JSON))
    assert list(document) == ["schema_version", "tool", "rubric", "models"]
    assert document["schema_version"] == "1"
    assert document["tool"] == {"name": "openaudit", "version": "0.1.0"}
    assert document["rubric"] == {"id": "openaudit", "version": "1.0"}


def test_layers_and_findings_keep_rubric_order() -> None:
    model = report_to_dict(sample_report())["models"][0]
    assert [layer["id"] for layer in model["layers"]] == [
        "weights",
        "code",
        "data",
        "documentation",
        "usage_limits",
    ]
    assert [f["probe"] for f in model["layers"][3]["findings"]] == [
        "docs.card",
        "docs.eval",
        "docs.paper",
    ]


def test_error_entry_shape() -> None:
    entry = report_to_dict(sample_report(NOT_FOUND))["models"][0]
    assert entry == {"ref": "acme/missing", "error": {"code": 3, "message": NOT_FOUND.message}}


def test_output_is_deterministic() -> None:
    first = render(sample_report(sample_verdict(), NOT_FOUND), Format.JSON)
    second = render(sample_report(sample_verdict(), NOT_FOUND), Format.JSON)
    assert first == second
    assert first.endswith("}\n")


def test_extras_keys_are_sorted() -> None:
    model = report_to_dict(sample_report())["models"][0]
    assert list(model["extras"]) == ["frameworks", "mof_class"]
    assert list(model["extras"]["frameworks"]) == ["eosai", "osaid"]


def test_hostile_text_is_kept_as_data_but_escaped() -> None:
    text = render(sample_report(hostile_verdict()), Format.JSON)
    validate_report(text)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    model = json.loads(text)["models"][0]
    assert "\x1b[31mred" in model["summary"]  # lossless once parsed


def test_schema_rejects_unknown_keys() -> None:
    document = report_to_dict(sample_report())
    document["models"][0]["surprise"] = 1
    with pytest.raises(AssertionError):
        validate_report(document)


def test_schema_accepts_usage_error_entries() -> None:
    validate_report(report_to_dict(sample_report(ModelError("./x", 2, "not a model folder"))))
