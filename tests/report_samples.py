"""Canonical verdicts shared by the reporter, policy and CLI tests (built by hand, no engine)."""

from __future__ import annotations

import dataclasses
from typing import Any

from openaudit.evidence import Citation
from openaudit.report import Audit, ModelError, Report, RubricRef
from openaudit.rubric.model import LayerSpec, ProbeSpec, Rubric, Thresholds
from openaudit.verdict import Finding, LayerResult, Verdict

HOSTILE = "[bold red]pwned[/] \x1b[31mred\x1b[0m\x07 \u202eevil :smile:"


def finding(probe: str, answer: str = "yes", **kw: object) -> Finding:
    """A finding with sensible defaults."""
    values: dict[str, object] = {
        "question": f"Is {probe} satisfied?",
        "reason": f"{probe} was checked",
        "weight": 1.0,
        "citations": (),
        "remediation": None if answer == "yes" else f"Fix {probe}.",
    }
    values.update(kw)
    return Finding(probe=probe, answer=answer, **values)  # type: ignore[arg-type]


def sample_verdict(ref: str = "acme/open-model") -> Verdict:
    """A partially open model with every layer, citations, a problem and extras."""
    license_cite = Citation("card:license", "apache-2.0", f"https://huggingface.co/{ref}")
    layers = (
        LayerResult(
            "weights",
            "open",
            100,
            (
                finding(
                    "weights.published", citations=(Citation("file:model.safetensors", "4.2 GB"),)
                ),
                finding("weights.ungated", citations=(Citation("api:gated", "false"),)),
            ),
            "safetensors weights, not gated, Apache-2.0",
        ),
        LayerResult(
            "code",
            "partial",
            50,
            (
                finding(
                    "code.inference", citations=(Citation("card:library_name", "transformers"),)
                ),
                finding("code.training", "no", reason="no link to training code"),
            ),
            "inference code only (transformers)",
        ),
        LayerResult(
            "data",
            "unknown",
            None,
            (finding("data.named", "unknown", reason="the card has no datasets section"),),
            "training data not described",
        ),
        LayerResult(
            "documentation",
            "partial",
            67,
            (
                finding("docs.card", citations=(Citation("README.md#Model Card"),)),
                finding("docs.eval", citations=(Citation("README.md#Evaluation"),)),
                finding("docs.paper", "no", weight=0.5),
            ),
            "model card with evaluation; no paper",
        ),
        LayerResult(
            "usage_limits",
            "open",
            100,
            (finding("usage.osi_license", citations=(license_cite,)),),
            "Apache-2.0, no use restrictions",
        ),
    )
    return Verdict(
        ref=ref,
        repo_id=ref,
        revision="main",
        sha="0123456789abcdef0123456789abcdef01234567",
        source="hub",
        access="full",
        rubric_id="openaudit",
        rubric_version="1.0",
        layers=layers,
        level="partial",
        score=62,
        summary="open weights and licence; data undisclosed",
        problems=(("datasets", "1 linked dataset could not be read"),),
        license=sample_license(),
    )


def sample_license() -> dict[str, Any]:
    """The licence block of an Apache-2.0 model with one dataset of unknown licence."""
    return {
        "id": "apache-2.0",
        "name": "Apache license 2.0",
        "family": "permissive",
        "confidence": "high",
        "statements": [
            "Family: permissive (few conditions beyond notices)",
            "Commercial use: yes",
            "Use restrictions: none",
            "OSI approved: yes",
        ],
        "conflicts": [],
        "inherited_restrictions": [],
        "lineage_flags": [],
        "lineage_notes": [],
        "dataset_flags": [
            {"dataset": "allenai/c4", "license": "odc-by", "flags": []},
            {"dataset": "acme/private-data", "license": None, "flags": ["unknown"]},
        ],
        "reason": "identified from the card's license field (apache-2.0)",
    }


def derivative_license() -> dict[str, Any]:
    """The licence block of an apache-2.0 fine-tune of a Llama 2 base."""
    base = "meta-llama/Llama-2-7b-hf (llama2)"
    return sample_license() | {
        "statements": ["Commercial use: yes", "Use restrictions: none"],
        "conflicts": ["card says apache-2.0 but LICENSE reads as Llama 2"],
        "inherited_restrictions": [
            f"{base}: Commercial use: conditional: above 700 million monthly active users "
            "a separate licence from Meta is required",
            f"{base}: Use restrictions: an acceptable-use policy applies",
        ],
        "lineage_flags": [
            "declares apache-2.0, but its base meta-llama/Llama-2-7b-hf is under llama2 "
            "(commercial use conditional)"
        ],
        "lineage_notes": [
            "base meta-llama/Llama-2-7b-hf is gated; its licence was read from Hub metadata"
        ],
        "dataset_flags": [
            {
                "dataset": "acme/nc-data",
                "license": "cc-by-nc-4.0",
                "flags": ["non-commercial", "share-alike"],
            }
        ],
    }


MOF_RESULT: dict[str, Any] = {
    "framework": "mof",
    "class": "Unclassified",
    "classes": {"Class III": "unknown", "Class II": "unmet", "Class I": "unmet"},
    "progress": {"Class III": 83, "Class II": 0, "Class I": 0},
    "components": [
        {
            "id": "10",
            "name": "Model parameters (final)",
            "class": "Class III",
            "required": True,
            "status": "included",
            "license_open": True,
            "meets": True,
            "reason": "1 weight file(s) in the repo",
        },
        {
            "id": "1",
            "name": "Datasets",
            "class": "Class I",
            "required": True,
            "status": "missing",
            "license_open": None,
            "meets": False,
            "reason": "no dataset is published",
        },
    ],
}
OSAID_RESULT: dict[str, Any] = {
    "framework": "osaid",
    "result": "fail",
    "unmet": [
        {"id": "use_any_purpose", "name": "Use for any purpose", "reason": "llama2 has an AUP"},
        {"id": "parameters_terms", "name": "Parameter terms", "reason": "not OSI-approved"},
    ],
    "undecided": [{"id": "code", "name": "Code", "reason": "needs a person"}],
    "met": ["parameters"],
}
EOSAI_RESULT: dict[str, Any] = {
    "framework": "eosai",
    "score": 0.75,
    "decided": 10,
    "undecided": 2,
    "full_score_range": [0.625, 0.792],
    "areas": {"Availability": 0.5, "Documentation": 1.0},
    "dimensions": [
        {
            "id": "weights",
            "name": "Model weights",
            "area": "Availability",
            "level": "open",
            "reason": "weights published",
            "evidence": ["file:model.safetensors"],
        },
        {
            "id": "paper",
            "name": "Paper",
            "area": "Documentation",
            "level": "unknown",
            "reason": "no paper link",
            "evidence": [],
            "between": ["closed", "open"],
        },
    ],
}
FRAMEWORKS = {"mof": MOF_RESULT, "osaid": OSAID_RESULT, "eosai": EOSAI_RESULT}


def framework_verdict(kind: str, ref: str = "acme/open-model") -> Verdict:
    """The sample verdict as a framework rubric (mof, osaid, eosai) would give it."""
    return dataclasses.replace(
        sample_verdict(ref), rubric_id=kind, rubric_version="1.0", extras={kind: FRAMEWORKS[kind]}
    )


def hostile_verdict(ref: str = "evil/markup") -> Verdict:
    """A verdict whose card-derived text carries rich markup, ANSI and control characters."""
    base = sample_verdict(ref)
    layer = dataclasses.replace(
        base.layers[0],
        summary=f"summary {HOSTILE}",
        findings=(
            finding(
                "weights.published",
                "no",
                reason=f"reason {HOSTILE}",
                citations=(Citation(f"README.md#{HOSTILE}", HOSTILE, "https://x.test/[link]"),),
                remediation=f"fix {HOSTILE}",
            ),
        ),
    )
    return dataclasses.replace(
        base,
        summary=f"verdict {HOSTILE}",
        layers=(layer, *base.layers[1:]),
        problems=((HOSTILE, HOSTILE),),
        extras={
            "note": HOSTILE,
            "osaid": OSAID_RESULT | {"unmet": [{"id": "x", "name": HOSTILE, "reason": HOSTILE}]},
        },
        license=sample_license()
        | {
            "id": f"id {HOSTILE}",
            "family": None,
            "statements": [f"statement {HOSTILE}"],
            "lineage_flags": [f"flag {HOSTILE}"],
            "dataset_flags": [{"dataset": HOSTILE, "license": HOSTILE, "flags": ["unknown"]}],
        },
    )


DEFAULT_RUBRIC = RubricRef("openaudit", "1.0", "openaudit default")
RUBRICS = {
    "openaudit": DEFAULT_RUBRIC,
    "mof": RubricRef("mof", "1.0", "Model Openness Framework (MOF)"),
    "osaid": RubricRef("osaid", "1.0", "OSI Open Source AI Definition 1.0"),
    "eosai": RubricRef("eosai", "1.0", "European Open Source AI Index (EOSAI)"),
}


def sample_report(*results: Verdict | Audit | ModelError) -> Report:
    """A report under the default rubric; a bare verdict is an audit by that rubric alone."""
    wrapped = tuple(Audit((r,)) if isinstance(r, Verdict) else r for r in results)
    return Report((DEFAULT_RUBRIC,), wrapped or (Audit((sample_verdict(),)),), tool_version="0.1.0")


def multi_report(ref: str = "acme/llama-ft") -> Report:
    """One model judged by openaudit (primary), mof, osaid and eosai; a derivative licence."""
    primary = dataclasses.replace(sample_verdict(ref), license=derivative_license())
    others = [
        dataclasses.replace(framework_verdict(kind, ref), license=derivative_license())
        for kind in ("mof", "osaid", "eosai")
    ]
    rubrics = tuple(RUBRICS[kind] for kind in ("openaudit", "mof", "osaid", "eosai"))
    return Report(rubrics, (Audit((primary, *others)),), tool_version="0.1.0")


NOT_FOUND = ModelError("acme/missing", 3, "model acme/missing not found on the Hub")


LAYER_WEIGHTS = {"weights": 3, "code": 2, "data": 2, "documentation": 1, "usage_limits": 3}


def sample_rubric(
    rubric_id: str = "openaudit", version: str = "1.0", title: str = "openaudit default"
) -> Rubric:
    """A rubric whose layers and probes are those of `sample_verdict` (for the policy)."""
    verdict = sample_verdict()
    layers = tuple(
        LayerSpec(layer.id, LAYER_WEIGHTS[layer.id], Thresholds(80, 30), layer.id)
        for layer in verdict.layers
    )
    probes = tuple(
        ProbeSpec(
            f.probe, layer.id, f.question, "fixed", weight=f.weight, remediation=f"Fix {f.probe}."
        )
        for layer in verdict.layers
        for f in layer.findings
    )
    return Rubric(rubric_id, version, title, layers, probes)
