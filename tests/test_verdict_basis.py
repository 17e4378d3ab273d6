"""Decide what the evidence shows and say on what basis: table-driven tests of the rules
that conclude (inferred) rather than read a field, and of --strict, JSON and the table.

Every card here is written for this project and shows one card pattern.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from framework_fixtures import fully_open

from openaudit.cli.app import app
from openaudit.evidence import Evidence, LinkedRepo, RepoFile, TextFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.context.declared_license import declared_license
from openaudit.rubric.registry import get_evaluator, run
from openaudit.sources import is_license_file
from openaudit.verdict import Answer, Basis

NAMED_CORPORA = (
    "---\nlicense: apache-2.0\n---\n# M\n## Training Data\n"
    "Pretrained on RefinedWeb and The Pile, then tuned on our own chat data.\n"
)
DESCRIBED_ONLY = (
    "---\nlicense: apache-2.0\n---\n# M\n## Training Data\n"
    "A large mix of publicly available web text, books and code, filtered for quality.\n"
)
DECLARED = "---\nlicense: apache-2.0\ndatasets: [org/a]\n---\n# M\n"
FINETUNE = "---\nlicense: apache-2.0\nbase_model: org/base\ndatasets: [org/chat]\n---\n# M\n"
OTHER = "---\nlicense: other\nlicense_name: acme-model-licence\n---\n# M\n"
BARE_OTHER = "---\nlicense: other\n---\n# M\n"  # names no licence: grants nothing
COMMENTED = "---\nlicense: apache-2.0 (see LICENSE)\n---\n# M\n"


def base(datasets: list[str] | None, status: str = "ok") -> LinkedRepo:
    data = {"datasets": datasets} if datasets else {}
    return LinkedRepo("org/base", "model", status, card_data=data)  # type: ignore[arg-type]


def ev(readme: str, **fields: Any) -> Evidence:
    return Evidence(ref="org/m", repo_id="org/m", source="hub", readme=readme, **fields)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, Basis, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.basis, outcome.reason


CASES: list[tuple[str, str, Evidence, dict[str, Any], Answer, Basis, str]] = [
    # data: naming sources is disclosure, describing them is not
    ("corpora named in the training-data section", "data_sources_named", ev(NAMED_CORPORA), {},
     "yes", "inferred", "names RefinedWeb, The Pile"),
    ("data only described", "data_sources_named", ev(DESCRIBED_ONLY), {}, "no", "inferred",
     "a general description is not disclosure"),
    ("datasets declared", "data_sources_named", ev(DECLARED), {}, "yes", "stated", "org/a"),
    # a derivative's training data includes its base's
    ("no base model", "base_data_named", ev(DECLARED), {}, "yes", "stated", "no base model"),
    ("base names its datasets", "base_data_named",
     ev(FINETUNE, base_models=(base(["org/pretrain"]),)), {}, "yes", "stated",
     "name their training datasets too"),
    ("base names none", "base_data_named", ev(FINETUNE, base_models=(base(None),)), {},
     "no", "inferred", "base org/base names no training datasets"),
    ("base not on the Hub", "base_data_named",
     ev(FINETUNE, base_models=(base(None, "not_found"),)), {}, "no", "inferred",
     "no card was read for base org/base (not_found)"),
    # a licence that matches no known one is a custom licence: use granted, not open
    ("other: stated and read as custom", "license_identified", ev(OTHER), {}, "yes", "inferred",
     "custom licence"),
    ("other: not an open licence", "license_family_in", ev(OTHER),
     {"families": ["permissive", "copyleft"]}, "no", "inferred", "not an open licence"),
    # a bare `other` (or `unknown`) names no terms: nothing is granted, and that is inferred
    ("bare other: not identified", "license_identified", ev(BARE_OTHER), {}, "no", "inferred",
     "all rights are reserved"),
    ("bare other: grants nothing", "license_family_in", ev(BARE_OTHER),
     {"families": ["permissive", "copyleft", "restricted"]}, "no", "inferred", "no grant of use"),
    ("other: grants use", "license_family_in", ev(OTHER),
     {"families": ["permissive", "copyleft", "restricted"]}, "yes", "inferred", "grants use"),
    ("custom licence file only", "license_identified",
     ev("# M\n", license_files=(TextFile("MODEL_LICENSE", "The Acme Model Licence.\n"),)), {},
     "yes", "inferred", "custom licence"),
    ("id with a comment", "license_identified", ev(COMMENTED), {}, "yes", "stated",
     "Apache-2.0"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evaluator", "evidence", "params", "answer", "basis", "reason"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_rule(
    evaluator: str,
    evidence: Evidence,
    params: dict[str, Any],
    answer: Answer,
    basis: Basis,
    reason: str,
) -> None:
    found = ask(evaluator, evidence, **params)
    assert found[:2] == (answer, basis), found[2]
    assert reason in found[2]


@pytest.mark.parametrize(
    ("name", "is_licence"),
    [("MODEL_LICENSE", True), ("LICENSE.md", True), ("LLAMA2_LICENSE.txt", True),
     ("USE_POLICY.md", True), ("licenses/mit.txt", False), ("model.safetensors", False)],
)  # fmt: skip
def test_licence_files_include_prefixed_names(name: str, is_licence: bool) -> None:
    assert is_license_file(name) is is_licence


def test_a_commented_licence_field_keeps_the_comment_as_a_note() -> None:
    found = declared_license({"license": "mit (code and weights)"})
    assert found.report is not None and found.report.normalized == "MIT"
    assert found.problem is None and "'(code and weights)' aside" in (found.note or "")


def test_strict_counts_stated_answers_only() -> None:
    evidence = ev(OTHER, files=(RepoFile("model.safetensors", 10),))
    usual = evaluate(load_rubric("openaudit"), evidence)
    strict = evaluate(load_rubric("openaudit"), evidence, strict=True)
    usual_answer = _finding(usual, "usage.license_identified")
    strict_answer = _finding(strict, "usage.license_identified")
    assert (usual_answer.answer, usual_answer.basis) == ("yes", "inferred")
    assert (strict_answer.answer, strict_answer.basis) == ("unknown", "unknown")
    assert "--strict counts stated answers only" in strict_answer.reason
    assert usual.layer("usage_limits").level == "partial"
    assert usual.layer("usage_limits").basis == "inferred"
    assert strict.layer("usage_limits").level == "unknown"


def test_withholding_nothing_is_gained_by_strict_on_stated_evidence() -> None:
    evidence = ev(DECLARED, files=(RepoFile("model.safetensors", 10),))
    usual = evaluate(load_rubric("openaudit"), evidence)
    strict = evaluate(load_rubric("openaudit"), evidence, strict=True)
    assert usual.layer("usage_limits").level == strict.layer("usage_limits").level == "open"


def _finding(verdict: Any, probe: str) -> Any:
    return next(f for layer in verdict.layers for f in layer.findings if f.probe == probe)


def test_json_carries_the_basis_of_every_finding_and_layer(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "README.md").write_text(OTHER)
    (folder / "model.safetensors").write_bytes(b"\0")
    result = CliRunner().invoke(app, [str(folder), "-f", "json"])
    document = json.loads(result.stdout)
    layers = {layer["id"]: layer for layer in document["models"][0]["layers"]}
    assert layers["usage_limits"]["basis"] == "inferred"
    answers = {f["probe"]: f["basis"] for f in layers["usage_limits"]["findings"]}
    assert answers["usage.license_identified"] == "inferred"
    assert set(answers.values()) <= {"stated", "inferred", "unknown"}


def test_the_table_marks_inferred_levels(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "README.md").write_text(OTHER)
    (folder / "model.safetensors").write_bytes(b"\0")
    result = CliRunner().invoke(app, [str(folder), "-f", "table"], env={"COLUMNS": "120"})
    row = next(line for line in result.stdout.splitlines() if "usage limits" in line)
    assert "partial*" in row
    assert "* inferred: what a careful reader concludes" in result.stdout
    strict = CliRunner().invoke(app, [str(folder), "-f", "table", "--strict"])
    row = next(line for line in strict.stdout.splitlines() if "usage limits" in line)
    assert "partial*" not in row and "unknown" in row


def test_mof_class_names_the_inferred_components_and_strict_drops_them() -> None:
    result = evaluate(load_rubric("mof"), fully_open()).extras["mof"]
    assert result["class"] == "Class II"
    assert "Research paper" in result["inferred"]
    strict = evaluate(load_rubric("mof"), fully_open(), strict=True).extras["mof"]
    assert strict["class"] == "Unclassified" and strict["inferred"] == []


def test_a_gated_model_is_decided_from_what_the_hub_serves_without_access() -> None:
    """Card data, file listing and gate mode are served without access: weights and usage
    limits are decided; prose-only questions stay unknown; the report says what access
    would add."""
    evidence = Evidence(
        ref="org/m", repo_id="org/m", source="hub", access="gated", gated="manual",
        api_card_data={"license": "llama3"}, files=(RepoFile("model.safetensors", 10),),
    )  # fmt: skip
    verdict = evaluate(load_rubric("openaudit"), evidence)
    assert verdict.layer("weights").level == verdict.layer("usage_limits").level == "partial"
    assert _finding(verdict, "data.described").answer == "unknown"
    access = dict(verdict.problems)["access"]
    assert "approved access would add the card text" in access
