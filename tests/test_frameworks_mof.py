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
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import pytest
from framework_fixtures import cc_by_nc, fully_open, llama_finetune

from openaudit.evidence import Evidence, LinkedRepo
from openaudit.frameworks.mof import mof_result
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.framework_spec import FrameworkSpec
from openaudit.verdict import Outcome


def mof(evidence: Evidence) -> dict[str, Any]:
    result: dict[str, Any] = evaluate(load_rubric("mof"), evidence).extras["mof"]
    return result


def statuses(result: dict[str, Any]) -> dict[str, str]:
    """Each component as MOF judges it: included and open, not_open, missing or unknown."""
    return {c["id"]: _judged(c) for c in result["components"]}


def _judged(component: dict[str, Any]) -> str:
    if component["status"] != "included":
        return str(component["status"])
    return {True: "included", False: "not_open"}.get(component["license_open"], "unknown")


def test_a_component_is_recorded_as_mot_does_inclusion_beside_its_licence() -> None:
    """MOT lists a released component whatever its licence; the licence is judged apart."""
    result = mof_result(spec(), outcomes())
    params = next(c for c in mof(cc_by_nc())["components"] if c["id"] == "10")
    assert (params["status"], params["license_open"], params["meets"]) == ("included", False, False)
    assert all(c["meets"] is True for c in result["components"])


def test_fully_open_reaches_class_ii_from_hub_evidence() -> None:
    """Apache-2.0 repo, CC-BY/ODC-By datasets, arXiv paper, linked code.

    In the repo, under the distribution licence apache-2.0 (open): 9, 10, 12, 13, 14, 8,
    17. 15: both datasets' own licences are open. Off the Hub (the arXiv paper, the
    GitHub code, the evaluation set): no licence of their own was read, so MOT's
    precedence gives them the distribution licence, an inferred answer: 11, 21, 7, 16,
    18, 19 included. 24: no checkpoint folder, the card does not say checkpoints are
    published (branches not listed): missing, inferred. Class II met; Class I unmet.
    """
    result = mof(fully_open())
    assert statuses(result) == {
        "9": "included", "10": "included", "11": "included", "12": "included",
        "13": "included", "14": "included", "20": "missing", "7": "included",
        "8": "included", "18": "included", "19": "included", "22": "missing",
        "15": "included", "16": "included", "21": "included", "24": "missing",
        "17": "included",
    }  # fmt: skip
    assert result["class"] == "Class II"
    assert result["classes"] == {"Class III": "met", "Class II": "met", "Class I": "unmet"}
    assert "Technical report" in result["inferred"] and "Training code" in result["inferred"]
    assert result["layers"]["documentation"]["level"] == "open"
    assert result["layers"]["documentation"]["basis"] == "inferred"


def test_strict_counts_only_stated_components() -> None:
    """With --strict the linked paper and code are unknown: no class can be claimed."""
    verdict = evaluate(load_rubric("mof"), fully_open(), strict=True)
    result = verdict.extras["mof"]
    assert result["class"] == "Unclassified"
    assert result["classes"]["Class III"] == "unknown"
    assert statuses(result)["11"] == "unknown" and statuses(result)["9"] == "included"


def test_checkpoint_branches_make_the_fully_open_release_class_i() -> None:
    evidence = fully_open()
    result = mof(Evidence(**{**evidence.__dict__, "branches": ("main", "step1000")}))
    assert result["class"] == "Class I"


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


def _fine_tune_of(base_license: str | None, status: str = "ok") -> Evidence:
    """The fully open release, declared a fine-tune of a base under `base_license`."""
    evidence = fully_open()
    base = LinkedRepo(
        repo_id="example/base-1b",
        repo_type="model",
        status=status,  # type: ignore[arg-type]
        relation="finetune",
        card_data={"license": base_license} if base_license else {},
    )
    readme = (evidence.readme or "").replace(
        "license: apache-2.0\n", "license: apache-2.0\nbase_model: example/base-1b\n", 1
    )
    return replace(evidence, readme=readme, base_models=(base,))


# name, the base's licence (None: not stated), its lookup status, the final parameters
# as MOF judges them, their basis, a phrase of their reason, the class
FINE_TUNES: list[tuple[str, str | None, str, str, str, str, str]] = [
    ("apache-2.0 tag on a Llama-licensed base", "llama3", "ok",
     "not_open", "inferred", "made from base example/base-1b (llama3)", "Unclassified"),
    ("apache-2.0 tag on a non-commercial base", "cc-by-nc-4.0", "ok",
     "not_open", "inferred", "made from base example/base-1b (cc-by-nc-4.0)", "Unclassified"),
    ("apache-2.0 tag on an apache-2.0 base", "apache-2.0", "ok",
     "included", "stated", "'apache-2.0' is open", "Class II"),
    # the base's unseen terms may take away what the tag grants: not a stated yes
    ("apache-2.0 tag on a base whose licence is not stated", None, "ok",
     "unknown", "unknown", "base example/base-1b, whose terms were not seen", "Unclassified"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("base_license", "status", "judged", "basis", "phrase", "klass"),
    [pytest.param(*case[1:], id=case[0]) for case in FINE_TUNES],
)
def test_a_fine_tunes_weights_carry_its_bases_terms(
    base_license: str | None, status: str, judged: str, basis: str, phrase: str, klass: str
) -> None:
    """The base's terms reach the weights made from it (as the usage layer reads them,
    ProbeContext.effective_license), whatever the fine-tune's own tag says; the code
    written for the fine-tune keeps the distribution licence."""
    result = mof(_fine_tune_of(base_license, status))
    params = next(c for c in result["components"] if c["id"] == "10")
    assert (_judged(params), params["basis"]) == (judged, basis), params["reason"]
    assert phrase in params["reason"]
    assert statuses(result)["7"] == "included"
    assert result["class"] == klass
    usage = evaluate(load_rubric("mof"), _fine_tune_of(base_license, status)).layer("usage_limits")
    assert usage is not None
    assert (usage.level == "open") == (judged == "included")


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
    assert report["status"] == "missing" and report["meets"] is True
    assert "stands in" in report["reason"]


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


def _licensed(meta: str, licence_text: str | None = None) -> Evidence:
    """A release whose card metadata says `meta`, with a LICENSE file of `licence_text`."""
    from openaudit.evidence import RepoFile, TextFile

    files = (RepoFile("README.md"), RepoFile("config.json"), RepoFile("model.safetensors"))
    return Evidence(
        ref="acme/acme-7b",
        source="hub",
        repo_id="acme/acme-7b",
        url="https://huggingface.co/acme/acme-7b",
        readme=f"---\n{meta}---\n# Acme-7B\n\nA language model released by Acme.\n",
        files=(*files, *((RepoFile("LICENSE"),) if licence_text else ())),
        license_files=(TextFile("LICENSE", licence_text),) if licence_text else (),
    )


# name, the card's licence metadata and LICENSE text, mof.distribution_license (answer,
# basis), the usage layer by default and with --strict
DISTRIBUTION: list[tuple[str, str, str | None, tuple[str, str], str, str]] = [
    ("custom licence by name", "license: other\nlicense_name: acme-license\n",
     "Acme License\n\nYou may use this model.\n", ("no", "inferred"), "partial", "unknown"),
    ("custom licence file", "license: other\n", "Acme License\n\nYou may use this model.\n",
     ("no", "inferred"), "partial", "unknown"),
    # negative twins: a catalogued licence is stated, open or not
    ("llama3", "license: llama3\n", None, ("no", "stated"), "partial", "partial"),
    ("apache-2.0", "license: apache-2.0\n", None, ("yes", "stated"), "open", "open"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("meta", "text", "answer", "usage", "strict_usage"),
    [pytest.param(*c[1:], id=c[0]) for c in DISTRIBUTION],
)
def test_a_custom_licence_is_concluded_not_open(
    meta: str, text: str | None, answer: tuple[str, str], usage: str, strict_usage: str
) -> None:
    """Terms matching no known licence are not open for MOF: a careful reader's
    conclusion (inferred), as the component readings and the default rubric say, so
    `--strict` leaves MOF's usage layer unknown rather than closed."""
    evidence = _licensed(meta, text)
    levels = []
    for strict in (False, True):
        verdict = evaluate(load_rubric("mof"), evidence, strict=strict)
        levels.append({layer.id: layer.level for layer in verdict.layers}["usage_limits"])
        if not strict:
            found = next(f for layer in verdict.layers for f in layer.findings
                         if f.probe == "mof.distribution_license")  # fmt: skip
            assert (found.answer, found.basis) == answer, found.reason
    assert levels == [usage, strict_usage]
