"""The JSON reporter: shape, order, determinism, schema, golden file."""

from __future__ import annotations

import dataclasses
import json

import pytest
from golden_util import assert_golden, validate_report
from report_samples import (
    EOSAI_RESULT,
    MOF_RESULT,
    NOT_FOUND,
    OSAID_RESULT,
    framework_verdict,
    hostile_verdict,
    multi_report,
    sample_report,
    sample_verdict,
)

from openaudit.report import Format, ModelError, render
from openaudit.report.json_report import report_to_dict


def test_batch_report_matches_golden_and_schema(pytestconfig: pytest.Config) -> None:
    text = render(sample_report(sample_verdict(), NOT_FOUND), Format.JSON)
    validate_report(text)
    assert_golden(pytestconfig, "report/batch.json", text)


def test_top_level_key_order_and_versions() -> None:
    document = json.loads(render(sample_report(), Format.JSON))
    assert list(document) == ["schema_version", "tool", "rubric", "rubrics", "models"]
    assert document["schema_version"] == "2"  # 2: MOF component status is MOT's inclusion
    assert document["tool"] == {"name": "openaudit", "version": "0.1.0"}
    assert document["rubric"] == {"id": "openaudit", "version": "1.0"}
    assert document["rubrics"] == [
        {"id": "openaudit", "version": "1.0", "title": "openaudit default"}
    ]


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
    model = report_to_dict(sample_report(framework_verdict("mof")))["models"][0]
    assert list(model["extras"]) == ["mof"]
    assert list(model["extras"]["mof"]) == [
        "class",
        "classes",
        "components",
        "framework",
        "progress",
    ]


def test_multi_rubric_report_matches_golden_and_schema(pytestconfig: pytest.Config) -> None:
    text = render(multi_report(), Format.JSON)
    validate_report(text)
    assert_golden(pytestconfig, "report/rubrics.json", text)


def test_every_rubric_has_a_compact_entry_primary_first() -> None:
    document = report_to_dict(multi_report())
    assert [r["id"] for r in document["rubrics"]] == ["openaudit", "mof", "osaid", "eosai"]
    model = document["models"][0]
    entries = model["rubrics"]
    assert [r["id"] for r in entries] == ["openaudit", "mof", "osaid", "eosai"]
    assert list(entries[0]) == [
        "id", "version", "level", "score", "summary", "layers", "framework"
    ]  # fmt: skip
    assert entries[0]["framework"] is None  # the default rubric has no framework
    assert entries[0]["layers"][0] == {"id": "weights", "level": "open", "score": 100}
    assert (entries[0]["level"], entries[0]["score"]) == (model["level"], model["score"])
    assert entries[1]["framework"]["class"] == MOF_RESULT["class"]
    assert entries[1]["framework"]["progress"] == {"Class I": 0, "Class II": 0, "Class III": 83}
    assert entries[2]["framework"]["result"] == OSAID_RESULT["result"]
    assert [u["name"] for u in entries[2]["framework"]["unmet"]] == [
        "Use for any purpose",
        "Parameter terms",
    ]
    assert entries[3]["framework"]["score"] == EOSAI_RESULT["score"]
    assert entries[3]["framework"]["dimensions"][1]["between"] == ["closed", "open"]
    assert "findings" not in json.dumps(entries)


def test_license_block_keeps_its_order_and_is_rubric_independent() -> None:
    model = report_to_dict(multi_report())["models"][0]
    block = model["license"]
    assert list(block) == [
        "id", "name", "family", "confidence", "statements", "conflicts",
        "inherited_restrictions", "lineage_flags", "lineage_notes", "dataset_flags", "reason",
    ]  # fmt: skip
    assert any("700 million monthly active users" in s for s in block["inherited_restrictions"])
    assert block["lineage_flags"][0].startswith("declares apache-2.0, but its base")
    assert block["dataset_flags"][0]["flags"] == ["non-commercial", "share-alike"]


def test_a_verdict_without_licence_block_gives_null() -> None:
    bare = dataclasses.replace(sample_verdict(), license={})
    document = report_to_dict(sample_report(bare))
    validate_report(document)
    assert document["models"][0]["license"] is None


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("license", "statements"), "not a list"),
        (("license", "surprise"), 1),
        (("rubrics", 2, "framework", "result"), "maybe"),
        (("rubrics", 1, "framework", "progress", "Class II"), 101),
        (("rubrics", 3, "framework", "dimensions", 0, "level"), "half"),
    ],
)
def test_schema_checks_licence_and_framework_shapes(path: tuple, value: object) -> None:
    document = report_to_dict(multi_report())
    target = document["models"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(AssertionError):
        validate_report(document)


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
