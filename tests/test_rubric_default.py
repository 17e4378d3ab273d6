"""The default rubric on synthetic models, and its shape and speed."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, RepoFile, TextFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.engine import GATED_PROBLEM
from openaudit.rubric.registry import evaluators
from openaudit.verdict import LAYERS, Verdict

APACHE_TEXT = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"
PROSE = " ".join(["The corpus mixes web pages, code and books, filtered for quality."] * 6)
OPEN_CARD = f"""---
license: apache-2.0
datasets: [org/corpus]
library_name: transformers
model-index: [{{name: m, results: []}}]
---
# Open Model
{PROSE} {PROSE}
## Model Details
{PROSE}
## Uses
Research and products.
## Bias, Risks, and Limitations
{PROSE}
## Training Details
### Training Data
{PROSE}
### Training Procedure
The full training code is at https://github.com/org/open-train and the data pipeline at
https://github.com/org/data-pipeline (deduplication and filtering).
## Evaluation
| task | score |
|---|---|
| mmlu | 60 |
## Environmental Impact
{PROSE}
## Technical Specifications
{PROSE}
## Citation
Technical report: https://arxiv.org/abs/2402.00838
"""
OPEN_FILES = ("README.md", "config.json", "model.safetensors", "LICENSE", "train.py")


def evidence(readme: str | None, files: tuple[str, ...] = (), **fields: Any) -> Evidence:
    return Evidence(
        ref="org/m",
        source="hub",
        repo_id="org/m",
        sha="0" * 40,
        url="https://huggingface.co/org/m",
        readme=readme,
        files=tuple(RepoFile(path, 10) for path in files),
        **fields,
    )


def audit(ev: Evidence) -> Verdict:
    return evaluate(load_rubric("openaudit"), ev)


def levels(verdict: Verdict) -> dict[str, str]:
    return {layer.id: layer.level for layer in verdict.layers}


def open_model(readme: str = OPEN_CARD, **fields: Any) -> Evidence:
    fields.setdefault("license_files", (TextFile("LICENSE", APACHE_TEXT),))
    corpus = LinkedRepo("org/corpus", "dataset", "ok", card_data={"license": "odc-by"})
    fields.setdefault("datasets", (corpus,))
    return evidence(readme, OPEN_FILES, library_name="transformers", **fields)


def test_rubric_shape() -> None:
    rubric = load_rubric("openaudit")
    assert tuple(layer.id for layer in rubric.layers) == LAYERS
    names = {spec.name for spec in evaluators()}
    for probe in rubric.probes:
        assert probe.question.endswith("?") and probe.why and probe.remediation, probe.id
        assert probe.evaluator in names
        assert probe.id.split(".")[0] in ("weights", "code", "data", "docs", "usage")


def test_fully_open_model_is_open_everywhere() -> None:
    verdict = audit(open_model())
    assert levels(verdict) == dict.fromkeys(LAYERS, "open"), [
        (f.probe, f.answer, f.reason) for layer in verdict.layers for f in layer.findings
    ]
    assert verdict.level == "open" and verdict.score == 100
    assert verdict.summary.startswith("open (apache-2.0): open weights, code, data")
    weights = verdict.layer("weights")
    assert weights.summary == "safetensors weights, not gated, apache-2.0"
    assert all(f.remediation is None for layer in verdict.layers for f in layer.findings)


def test_weights_only_llama2_release() -> None:
    card = "---\nlicense: llama2\n---\n# Llama fine-tune\nWeights only.\n"
    verdict = audit(evidence(card, ("README.md", "model.safetensors", "config.json")))
    got = levels(verdict)
    assert got["weights"] == "partial"
    assert got["usage_limits"] == "partial"
    assert got["data"] in ("closed", "unknown")
    assert got["documentation"] == "closed"
    assert verdict.level == "partial"
    assert "llama2" in verdict.layer("weights").summary
    usage = {f.probe: f for f in verdict.layer("usage_limits").findings}
    assert usage["usage.no_use_restrictions"].answer == "no"
    assert usage["usage.no_use_restrictions"].remediation


def test_empty_card_closes_documentation() -> None:
    verdict = audit(evidence("", ("README.md", "model.safetensors")))
    assert verdict.layer("documentation").level == "closed"
    assert verdict.layer("usage_limits").level == "closed"  # no licence at all
    assert verdict.layer("data").level == "closed"
    assert verdict.level == "closed"


SHORT = (
    "---\nlicense: apache-2.0\n{meta}---\n# m\n"
    "A speech recognition model fine-tuned on read English.\n{more}"
)
RESULTS = (
    "model-index:\n- name: m\n  results:\n  - task: {type: asr}\n"
    "    dataset: {name: Read, type: org/read}\n    metrics: [{type: wer, value: 3.1}]\n"
)
PAPER = "The method is described in [our paper](https://arxiv.org/abs/2006.01234).\n"
# A card under the word floor is no cap on documentation: with any one of DESIGN's other
# documents beside it (a paper, evaluation results) the layer has "some of these"
# (partial); alone it is "little or none" (closed).
SHORT_CARDS = [
    ("short card with a paper and results", SHORT.format(meta=RESULTS, more=PAPER), "partial"),
    ("short card with results only", SHORT.format(meta=RESULTS, more=""), "partial"),
    ("short card with its paper only", SHORT.format(meta="", more=PAPER), "partial"),
    ("short card alone", SHORT.format(meta="", more=""), "closed"),
]


@pytest.mark.parametrize(
    ("card", "level"), [c[1:] for c in SHORT_CARDS], ids=[c[0] for c in SHORT_CARDS]
)
def test_a_short_card_is_no_cap_on_documentation(card: str, level: str) -> None:
    verdict = audit(evidence(card, ("README.md", "model.safetensors")))
    docs = verdict.layer("documentation")
    assert docs.level == level, [(f.probe, f.answer, f.reason) for f in docs.findings]
    model_card = next(f for f in docs.findings if f.probe == "docs.model_card")
    assert model_card.answer == "no" and "fewer than 150" in model_card.reason


# Complete documentation under terms that are not open: MOF counts a document only
# when it is openly licensed (the release's licence when it has none of its own).
DOC_LICENCES = [
    ("apache-2.0", "open", "'apache-2.0' is permissive"),
    ("cc-by-4.0", "open", "'cc-by-4.0' is permissive"),
    ("cc-by-nc-4.0", "partial", "'cc-by-nc-4.0' is non-commercial"),
    ("llama3", "partial", "'llama3' is restricted"),
    ("openrail", "partial", "'openrail' is restricted"),
]


@pytest.mark.parametrize(("license", "level", "reason"), DOC_LICENCES)
def test_documentation_is_open_only_under_an_open_licence(
    license: str, level: str, reason: str
) -> None:
    card = OPEN_CARD.replace("license: apache-2.0", f"license: {license}", 1)
    docs = audit(open_model(card, license_files=())).layer("documentation")
    assert docs.level == level, [(f.probe, f.answer, f.reason) for f in docs.findings]
    finding = next(f for f in docs.findings if f.probe == "docs.open_license")
    assert reason in finding.reason
    assert ("documents not openly licensed" in docs.summary) is (level == "partial")


def test_gated_model_has_partial_weights() -> None:
    verdict = audit(open_model(gated="manual"))
    assert verdict.layer("weights").level == "partial"
    assert "gated (manual)" in verdict.layer("weights").summary


def test_gated_without_readme_is_unknown_not_guessed() -> None:
    ev = evidence(None, ("README.md", "model.safetensors"), gated="auto", access="gated")
    verdict = audit(ev)
    assert verdict.layer("weights").level == "partial"  # gated: decided
    assert verdict.layer("data").level == "unknown"
    assert verdict.layer("usage_limits").level == "unknown"  # licence unread, not absent
    assert verdict.level == "unknown"
    assert ("access", GATED_PROBLEM) in verdict.problems


def test_no_weights_is_closed() -> None:
    verdict = audit(evidence(OPEN_CARD, ("README.md", "config.json")))
    assert verdict.layer("weights").level == "closed"
    assert verdict.level == "closed"


def test_quantised_reupload_is_partial() -> None:
    card = "---\nlicense: apache-2.0\nbase_model: org/base\nbase_model_relation: quantized\n---\n"
    verdict = audit(evidence(card, ("README.md", "m.Q4_K_M.gguf")))
    assert verdict.layer("weights").level == "partial"
    assert "quantized re-upload" in verdict.layer("weights").summary


def test_local_audit_cannot_prove_open_data() -> None:
    ev = open_model(datasets=())
    verdict = audit(dataclasses.replace(ev, source="local"))
    assert verdict.layer("data").level == "partial"
    data = {f.probe: f.answer for f in verdict.layer("data").findings}
    assert data["data.open_licenses"] == "unknown"


def finetune(license: str, *bases: LinkedRepo, **fields: Any) -> Evidence:
    """The open model as a fine-tune of org/base under `license`, with the bases looked up."""
    card = OPEN_CARD.replace("license: apache-2.0", f"license: {license}\nbase_model: org/base")
    if license != "apache-2.0":
        fields.setdefault("license_files", ())
    return open_model(card, base_models=bases, **fields)


def base_repo(license: str | None, status: str = "ok") -> LinkedRepo:
    data = {"license": license} if license else {}
    return LinkedRepo("org/base", "model", status, card_data=data, relation="finetune")  # type: ignore[arg-type]


def usage_of(verdict: Verdict) -> tuple[str, str]:
    """The usage-limits level and the base_compatible answer."""
    layer = verdict.layer("usage_limits")
    found = {f.probe: f.answer for f in layer.findings}
    return layer.level, found["usage.base_compatible"]


def test_unseen_base_licence_keeps_usage_from_open() -> None:
    # apache-2.0 on the fine-tune, base declared but not looked up (or not found):
    # the base's terms flow down, so "open" cannot be claimed from the own tag.
    assert usage_of(audit(finetune("apache-2.0"))) == ("unknown", "unknown")
    missing = finetune("apache-2.0", base_repo(None, "not_found"))
    assert usage_of(audit(missing)) == ("unknown", "unknown")
    # Base seen and compatible: open as before.
    assert usage_of(audit(finetune("apache-2.0", base_repo("apache-2.0")))) == ("open", "yes")


def test_unseen_base_licence_leaves_decided_usage_levels() -> None:
    # A "no" to base_compatible could only cap at partial: partial and closed stay.
    assert usage_of(audit(finetune("cc-by-nc-4.0"))) == ("partial", "unknown")
    assert usage_of(audit(finetune("apache-2.0", base_repo("llama2")))) == ("partial", "no")
    unlicensed = (finetune("apache-2.0").readme or "").replace("license: apache-2.0\n", "")
    assert usage_of(audit(open_model(unlicensed, license_files=())))[0] == "closed"


def test_deterministic() -> None:
    """The same evidence gives the same verdict (speed: benchmarks/rubric_eval.py)."""
    ev = open_model()
    first = evaluate(load_rubric("openaudit"), ev)
    for _ in range(5):
        assert evaluate(load_rubric("openaudit"), ev) == first


def test_strict_code_is_not_open_when_training_code_is_undecided() -> None:
    """An own repository whose contents were not read leaves training code an inferred no;
    --strict makes it unknown, which cannot make the code layer open."""
    card = (
        "---\nlicense: apache-2.0\n---\n# m\n## Model Sources\n"
        "- Repository: https://github.com/org/m\n"
    )
    ev = evidence(card, ("README.md", "model.safetensors", "modeling_m.py", "config.json"))
    default = evaluate(load_rubric("openaudit"), ev)
    strict = evaluate(load_rubric("openaudit"), ev, strict=True)
    training = next(f for f in strict.layer("code").findings if f.probe == "code.training")
    assert training.answer == "unknown", training.reason
    assert default.layer("code").level == "partial"
    assert strict.layer("code").level == "partial"
