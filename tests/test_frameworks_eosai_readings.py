"""Table-driven tests: EOSAI hardware_architecture reads the template's terse "Compute
Infrastructure / Hardware" block ("2048 x H100") as the training hardware, however short,
but not hardware for running the model; and a closed level reached because the readers
found nothing (no hardware, no data named) is a reading of the card: inferred, naming
what was read, never stated.
"""

from __future__ import annotations

import pytest

from openaudit.evidence import Evidence
from openaudit.rubric import evaluate, load_rubric

HEAD = "---\nlicense: apache-2.0\n---\n# M-13B\nM-13B is a 13B language model.\n"
ARCH = (
    "## Model Architecture\nA decoder-only transformer with 40 layers, a hidden size of 5120"
    " and 40 attention heads, trained from scratch.\n"
)


def dimension(body: str, name: str) -> dict[str, str]:
    evidence = Evidence(ref="org/m", repo_id="org/m", source="hub", readme=HEAD + body)
    dims = evaluate(load_rubric("eosai"), evidence).extras["eosai"]["dimensions"]
    found: dict[str, str] = next(d for d in dims if d["id"] == name)
    return found


TEMPLATE = "## Technical Specifications\n### Compute Infrastructure\n#### Hardware\n{}\n"
HARDWARE_CASES = [
    ("template hardware: count x type", ARCH + TEMPLATE.format("2048 x H100"), "open",
     "inferred", "training hardware documented: 'Model Architecture', 'Hardware' ('2048 x H100')"),
    ("template hardware: count and GPUs", ARCH + TEMPLATE.format("2048 NVIDIA H100 GPUs"),
     "open", "inferred", "'Hardware' ('2048 NVIDIA H100 GPUs')"),
    ("a short Hardware section", ARCH + "## Hardware\n64 TPU v4 chips\n", "open", "inferred",
     "'Hardware' ('64 TPU v4 chips')"),
    ("no architecture: partial", TEMPLATE.format("2048 x H100"), "partial", "inferred",
     "architecture undocumented"),
    # negative twins
    ("template placeholder", ARCH + TEMPLATE.format("[More Information Needed]"), "closed",
     "inferred", "the training setup (hardware) is undocumented"),
    ("hardware to run the model", ARCH + TEMPLATE.format("Runs on a single A100"), "closed",
     "inferred", "the training setup (hardware) is undocumented"),
    ("no hardware at all", "", "closed", "inferred", "no architecture or hardware"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "level", "basis", "reason"),
    [c[1:] for c in HARDWARE_CASES],
    ids=[c[0] for c in HARDWARE_CASES],
)
def test_terse_template_hardware(body: str, level: str, basis: str, reason: str) -> None:
    found = dimension(body, "hardware_architecture")
    assert found["level"] == level, found["reason"]
    assert found["basis"] == basis
    assert reason in found["reason"]
    if level == "closed":
        assert "names the accelerators" in found["reason"]  # what was read


def test_no_data_named_is_inferred_naming_what_was_read() -> None:
    found = dimension(ARCH, "datasources_endmodel")
    assert found["level"] == "closed", found["reason"]
    assert found["basis"] == "inferred"
    assert "no datasets declared or linked, no data section" in found["reason"]


# --- modelcard: a dense architecture sentence is as substantive as a list --------------

REST = (
    "## Training\n"
    + "The model was pretrained on public web text with a standard recipe. " * 4
    + "\n## Evaluation\n"
    + "We evaluated the model on common benchmarks and report scores. " * 4
    + "\n## Limitations\n"
    + "The model can produce wrong or biased text and needs review. " * 8
    + "\n"
)
DENSE = "A decoder-only transformer with 32 layers, hidden size 4096, 32 attention heads, SwiGLU."
AS_LIST = "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32\n- Activation: SwiGLU"
MODELCARD_CASES = [
    ("one dense sentence of hyperparameters", DENSE, "open"),
    ("the same facts as a list", AS_LIST, "open"),
    # negative twins: a short architecture section with fewer facts
    ("one hyperparameter", "A decoder-only transformer with 32 layers.", "partial"),
    ("sizes that are no hyperparameters", "7B parameters, trained on 2T tokens in 2024.",
     "partial"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("architecture", "level"), [c[1:] for c in MODELCARD_CASES], ids=[c[0] for c in MODELCARD_CASES]
)
def test_modelcard_counts_architecture_facts_not_words(architecture: str, level: str) -> None:
    found = dimension(f"## Model Architecture\n{architecture}\n" + REST, "modelcard")
    assert found["level"] == level, found["reason"]
