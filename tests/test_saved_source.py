"""Saved evidence round-trips exactly, and a bad file is one clear UsageError."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import openaudit.sources.saved as saved_module
from openaudit.errors import UsageError
from openaudit.evidence import (
    EVIDENCE_VERSION,
    Evidence,
    LinkedRepo,
    Problem,
    RepoFile,
    TextFile,
)
from openaudit.sources import open_evidence
from openaudit.sources.saved import load_saved, save_evidence

EVIDENCE = Evidence(
    ref="https://hf.co/org/näme",
    source="hub",
    repo_id="org/näme",
    revision="main",
    sha="0123456789abcdef0123456789abcdef01234567",
    url="https://huggingface.co/org/näme",
    gated="manual",
    access="gated",
    readme="---\nlicense: mit\n---\n# Näme 🚀\n",
    api_card_data={"license": "mit", "datasets": ["org/data"], "nested": {"a": [1, 2.5, None]}},
    tags=("text-generation", "license:mit"),
    library_name="transformers",
    pipeline_tag="text-generation",
    files=(RepoFile("README.md", 30), RepoFile("model.safetensors", 10**10)),
    files_truncated=True,
    license_files=(TextFile("LICENSE", "MIT License", 11), TextFile("COPYING", None, 9, "binary")),
    datasets=(
        LinkedRepo(
            "org/data",
            "dataset",
            "ok",
            named_by="datasets",
            sha="abc",
            card_data={"license": "cc-by-4.0"},
            tags=("license:cc-by-4.0",),
            files=(RepoFile("train.parquet", 5),),
        ),
    ),
    base_models=(LinkedRepo("org/base", "model", "gated", gated=True, relation="finetune"),),
    problems=(Problem("org/data", "rate limited"),),
)


def saved(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "evidence.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_round_trip_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "evidence.json"
    text = save_evidence(EVIDENCE, path)

    loaded = load_saved(path)

    assert loaded == EVIDENCE
    assert loaded.to_dict() == EVIDENCE.to_dict()
    assert path.read_text(encoding="utf-8") == text
    assert save_evidence(loaded, None) == text


def test_saved_text_is_stable_readable_json() -> None:
    text = save_evidence(EVIDENCE, None)
    assert text.endswith("}\n")
    assert "Näme 🚀" in text  # not \u-escaped
    assert text.startswith('{\n  "format": "openaudit-evidence",\n  "version": ')
    assert list(json.loads(text)) == list(EVIDENCE.to_dict())


def test_minimal_evidence_round_trips(tmp_path: Path) -> None:
    evidence = Evidence(ref="./model", source="local")
    path = tmp_path / "e.json"
    save_evidence(evidence, path)
    assert load_saved(path) == evidence


def test_values_json_lacks_are_saved_as_text() -> None:
    evidence = Evidence(ref="m", source="hub", api_card_data={"date": datetime.date(2024, 5, 1)})
    assert json.loads(save_evidence(evidence, None))["api_card_data"] == {"date": "2024-05-01"}


def test_open_evidence_replays_a_saved_file(tmp_path: Path) -> None:
    path = tmp_path / "evidence.json"
    save_evidence(EVIDENCE, path)
    assert open_evidence(str(path)) == EVIDENCE


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = saved(tmp_path, '{\n  "format": "openaudit-evidence",\n  oops\n}')
    with pytest.raises(UsageError) as info:
        load_saved(path)
    assert info.value.message == (
        f"{path} is not valid JSON: line 3 column 3: "
        "Expecting property name enclosed in double quotes"
    )


def test_wrong_version_is_one_line(tmp_path: Path) -> None:
    data = EVIDENCE.to_dict() | {"version": EVIDENCE_VERSION + 1}
    with pytest.raises(UsageError, match="version 3 is not supported") as info:
        load_saved(saved(tmp_path, data))
    assert "\n" not in info.value.one_line()


@pytest.mark.parametrize("data", [[], {"format": "something-else"}, "null", {"version": 1}])
def test_other_json_is_not_evidence(tmp_path: Path, data: Any) -> None:
    with pytest.raises(UsageError, match="not an openaudit evidence file"):
        load_saved(saved(tmp_path, data))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"source": "saved"}, "source"),
        ({"readme": 42}, "readme"),
        ({"files": [{"path": "a", "size": "big"}]}, r"files\[0\].size"),
        ({"files": [{"path": "a", "size": True}]}, r"files\[0\].size"),
        ({"tags": [1]}, r"tags\[0\]"),
        ({"api_card_data": ["license"]}, "api_card_data"),
        (
            {"datasets": [{"repo_id": "d", "repo_type": "space", "status": "ok"}]},
            r"datasets\[0\].repo_type",
        ),
    ],
)
def test_mistyped_fields_are_refused(tmp_path: Path, change: dict[str, Any], where: str) -> None:
    data = EVIDENCE.to_dict() | change
    with pytest.raises(UsageError, match=f"malformed: unexpected value at {where}"):
        load_saved(saved(tmp_path, data))


@pytest.mark.parametrize(
    "change", [{"files": [{"name": "a"}]}, {"files": ["a"]}, {"tags": 3}, {"ref": None}]
)
def test_structurally_broken_fields_are_refused(tmp_path: Path, change: dict[str, Any]) -> None:
    data = EVIDENCE.to_dict() | change
    with pytest.raises(UsageError, match="malformed"):
        load_saved(saved(tmp_path, data))


def test_missing_required_field_is_refused(tmp_path: Path) -> None:
    data = EVIDENCE.to_dict()
    del data["ref"]
    with pytest.raises(UsageError, match="malformed"):
        load_saved(saved(tmp_path, data))


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="evidence"):
        load_saved(saved(tmp_path, "[" * 200_000 + "]" * 200_000))


def test_oversized_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saved_module, "MAX_EVIDENCE_BYTES", 100)
    with pytest.raises(UsageError, match="over 100 bytes"):
        load_saved(saved(tmp_path, " " * 101))


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_bytes(b'{"ref": "\xff"}')
    with pytest.raises(UsageError, match="not UTF-8"):
        load_saved(path)


@pytest.mark.parametrize("name", ["missing.json", "."])
def test_unreadable_path_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError):
        load_saved(tmp_path / name)


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot write"):
        save_evidence(EVIDENCE, tmp_path / "no" / "such" / "dir.json")


def test_evidence_saved_before_branches_were_listed_is_re_audited() -> None:
    """Version-1 files written before `branches` existed read as 'branches not listed'."""
    from openaudit.evidence import Evidence as _Evidence
    from openaudit.rubric import evaluate, load_rubric

    saved = _Evidence(ref="org/m", source="hub", readme="---\nlicense: mit\n---\n# M\n").to_dict()
    del saved["branches"]
    again = _Evidence.from_dict(saved)
    assert again.branches is None
    assert evaluate(load_rubric("mof"), again).extras["mof"]["class"] == "Unclassified"


def test_evidence_of_another_version_is_refused_naming_the_version_needed() -> None:
    import pytest as _pytest

    from openaudit.errors import UsageError
    from openaudit.evidence import Evidence as _Evidence

    saved = _Evidence(ref="org/m", source="hub").to_dict()
    saved["version"] = 0
    with _pytest.raises(UsageError) as caught:
        _Evidence.from_dict(saved)
    assert "this openaudit reads versions 1 and 2" in caught.value.message
