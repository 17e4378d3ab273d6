"""MOF rubric: component statuses, classes and progress, derived by hand.

MOT rules (research/frameworks.md §1): a component is *included* when
released and openly licensed; classes are cumulative, III = {9, 10, 11, 12, 13,
14}, II adds {7, 8, 18, 19}, I adds {15, 16, 21, 24}; 21 may stand in for 11;
progress = included / required of the class, forced to 0 unless lower classes
are complete. openaudit adds: a component whose licence is not in Hub evidence
is unknown, and a class needing it is unknown (never met by guessing).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from framework_fixtures import cc_by_nc, fully_open, llama_finetune

from openaudit.evidence import Evidence, RepoFile
from openaudit.frameworks.mof import mof_result
from openaudit.frameworks.spec import FrameworkSpec
from openaudit.rubric import evaluate, load_rubric
from openaudit.verdict import Outcome


def mof(evidence: Evidence) -> dict[str, Any]:
    result: dict[str, Any] = evaluate(load_rubric("mof"), evidence).extras["mof"]
    return result


def statuses(result: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["status"] for c in result["components"]}


def test_fully_open_reaches_no_class_from_hub_evidence() -> None:
    """Apache-2.0 repo, CC-BY/ODC-By datasets, arXiv paper, linked code.

    In the repo, under the distribution licence apache-2.0 (open): 9 (config +
    modelling code), 10 (weights; open but not an open-data licence: MOT warns,
    counts), 12 (model-index), 13 (card), 14 (Training Data section), 8
    (modeling_open.py), 17 (training_args.bin). 15: both datasets' own licences
    are on MOF's open-data list -> included. Off the Hub, licence unknown: 11
    and 21 (arXiv paper: its arXiv licence is not in the evidence), 7, 16, 18
    (GitHub code), 19 (hellaswag is not looked up). 24: no checkpoint folder,
    branches not listed -> unknown. 20 and 22: not found -> missing (optional).
    Class III: 5 of 6 included, 11 unknown (21 unknown too) -> unknown, 83%.
    II and I: unknown, progress 0 (III not complete). Class: Unclassified.
    """
    result = mof(fully_open())
    assert statuses(result) == {
        "9": "included", "10": "included", "11": "unknown", "12": "included",
        "13": "included", "14": "included", "20": "missing", "7": "unknown",
        "8": "included", "18": "unknown", "19": "unknown", "22": "missing",
        "15": "included", "16": "unknown", "21": "unknown", "24": "unknown",
        "17": "included",
    }  # fmt: skip
    assert result["class"] == "Unclassified"
    assert result["classes"] == {
        "Class III": "unknown",
        "Class II": "unknown",
        "Class I": "unknown",
    }
    assert result["progress"] == {"Class III": 83, "Class II": 0, "Class I": 0}
    reason = next(c["reason"] for c in result["components"] if c["id"] == "10")
    assert "distribution licence applies" in reason


def test_fully_open_with_report_in_repo_is_class_iii() -> None:
    """Same release with the technical report as a PDF in the repository: 11 is
    under apache-2.0 (open for documents) -> all six Class III components
    included -> Class III, 100%. Class II: 7, 18, 19 unknown -> unknown; its
    progress counts included components only: 6 of III + 8 = 7 of 10 -> 70%."""
    evidence = fully_open()
    files = (*evidence.files, RepoFile("technical_report.pdf", 900_000))
    result = mof(Evidence(**{**evidence.__dict__, "files": files}))
    assert result["class"] == "Class III"
    assert result["classes"]["Class III"] == "met"
    assert result["classes"]["Class II"] == "unknown"
    assert result["progress"] == {"Class III": 100, "Class II": 70, "Class I": 0}


def test_llama_finetune_is_unclassified() -> None:
    """llama3 is restricted (AUP, user cap): MOF counts it not open. Every
    component under the distribution licence is not_open (9, 10, 12, 13); 14
    and 15 take example/chat-mix's cc-by-nc-4.0 -> not_open; no paper (11, 21
    missing). Class III unmet -> Unclassified, all progress 0."""
    result = mof(llama_finetune())
    found = statuses(result)
    assert {found[c] for c in ("9", "10", "12", "13", "14", "15")} == {"not_open"}
    assert found["11"] == found["21"] == "missing"
    assert result["class"] == "Unclassified"
    assert set(result["classes"].values()) == {"unmet"}
    assert result["progress"] == {"Class III": 0, "Class II": 0, "Class I": 0}


def test_cc_by_nc_is_unclassified() -> None:
    """cc-by-nc-4.0 is non-commercial: not open for MOF -> 9, 10, 12, 13, 14
    not_open; no datasets (15 missing); Class III unmet -> Unclassified."""
    result = mof(cc_by_nc())
    found = statuses(result)
    assert {found[c] for c in ("9", "10", "12", "13", "14")} == {"not_open"}
    assert found["15"] == "missing"
    assert result["class"] == "Unclassified"
    assert result["classes"]["Class III"] == "unmet"


def spec() -> FrameworkSpec:
    framework = load_rubric("mof").framework
    assert framework is not None
    return framework


def outcomes(**overrides: str) -> dict[str, Outcome]:
    """Every component probe answered yes, except the given probe -> answer."""
    found = {c.probes[0]: Outcome.yes("ok") for c in spec().criteria}
    for key, answer in overrides.items():
        found[f"mof.{key}"] = Outcome(answer, "set")  # type: ignore[arg-type]
    return found


def test_all_included_is_class_i() -> None:
    result = mof_result(spec(), outcomes())
    assert result["class"] == "Class I"
    assert result["progress"] == {"Class III": 100, "Class II": 100, "Class I": 100}


def test_research_paper_stands_in_for_report() -> None:
    result = mof_result(spec(), outcomes(technical_report="no"))
    assert result["class"] == "Class I"
    report = next(c for c in result["components"] if c["id"] == "11")
    assert report["status"] == "included" and "stands in" in report["reason"]


def test_progress_forced_to_zero_and_unknown_never_upgrades() -> None:
    result = mof_result(spec(), outcomes(model_card="no", training_code="unknown"))
    assert result["class"] == "Unclassified"
    assert result["progress"] == {"Class III": 83, "Class II": 0, "Class I": 0}
    result = mof_result(spec(), outcomes(training_code="unknown"))
    assert result["class"] == "Class III"
    assert result["classes"] == {"Class III": "met", "Class II": "unknown", "Class I": "unknown"}
    assert result["progress"] == {"Class III": 100, "Class II": 90, "Class I": 0}


def test_optional_components_do_not_count() -> None:
    result = mof_result(spec(), outcomes(sample_outputs="no", model_metadata="no"))
    assert result["class"] == "Class I"


def test_disabled_probe_is_undecided() -> None:
    found = outcomes()
    del found["mof.datasets"]
    result = mof_result(spec(), found)
    assert result["classes"]["Class I"] == "unknown"
    assert result["class"] == "Class II"


def test_layers_are_reported() -> None:
    verdict = evaluate(load_rubric("mof"), fully_open())
    assert [layer.id for layer in verdict.layers] == [
        "weights", "code", "data", "documentation", "usage_limits",
    ]  # fmt: skip
    assert verdict.layer("usage_limits").level == "open"


def test_a_licence_the_card_states_for_code_applies_to_every_code_component() -> None:
    """MOF licence precedence: component, then type-wide, then distribution. A card
    sentence stating the code licence is the type-wide licence of code: the linked
    training (7), evaluation (18) and preprocessing (16) code become decidable."""
    evidence = fully_open()
    stated = "\nAll training and evaluation code is released under the Apache-2.0 licence.\n"
    result = mof(Evidence(**{**evidence.__dict__, "readme": (evidence.readme or "") + stated}))
    found = statuses(result)
    assert found["7"] == found["16"] == found["18"] == "included"
    reason = next(c["reason"] for c in result["components"] if c["id"] == "7")
    assert "the card states the code licence" in reason


def test_a_restrictive_code_licence_makes_code_components_not_open() -> None:
    evidence = fully_open()
    stated = "\nThe training code is licensed under CC BY-NC 4.0.\n"
    result = mof(Evidence(**{**evidence.__dict__, "readme": (evidence.readme or "") + stated}))
    assert statuses(result)["7"] == "not_open"
