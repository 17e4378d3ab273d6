"""Table-driven tests of the weights-layer evaluators."""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer


def ev(*paths: str, **fields: Any) -> Evidence:
    fields.setdefault("source", "hub")
    files = tuple(RepoFile(path, 1) for path in paths)
    return Evidence(ref="org/m", repo_id="org/m", files=files, **fields)


def ask(name: str, evidence: Evidence) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), {})
    return outcome.answer, outcome.reason


QUANT = "---\nbase_model: org/base\nbase_model_relation: quantized\n---\n# q\n"
BASE = "---\nbase_model: org/base\n---\n# q\n"
GATE_FORM = "---\nlicense: other\nextra_gated_fields:\n  Name: text\n---\n# m\n"
LINKS_ORIGINAL = "# M GPTQ\nGPTQ files for [Org's M](https://huggingface.co/org/m-original).\n"

CASES: list[tuple[str, str, Evidence, Answer, str]] = [
    ("safetensors shards", "weight_files_present",
     ev("README.md", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"),
     "yes", "2 weight file(s): safetensors"),
    ("gguf", "weight_files_present", ev("m.Q4_K_M.gguf"), "yes", "gguf"),
    ("every format", "weight_files_present",
     ev(*(f"w.{ext}" for ext in ("bin", "pt", "pth", "ckpt", "ggml", "onnx", "h5", "msgpack",
                                 "npz", "mlmodel", "tflite"))), "yes", "11 weight file(s)"),
    ("training state only", "weight_files_present",
     ev("README.md", "training_args.bin", "optimizer.pt"), "no", "no weight files"),
    ("no weights", "weight_files_present", ev("README.md", "config.json"), "no", ""),
    ("truncated", "weight_files_present", ev("README.md", files_truncated=True), "unknown",
     "truncated"),
    ("no listing", "weight_files_present", ev(), "unknown", "no file listing"),
    ("safe", "weights_safe_format", ev("pytorch_model.bin", "model.safetensors"), "yes",
     "safetensors"),
    ("pickle only", "weights_safe_format", ev("pytorch_model.bin", "x.ckpt"), "no", "pickle"),
    ("onnx", "weights_safe_format", ev("model.onnx"), "yes", "onnx"),
    ("safe without weights", "weights_safe_format", ev("README.md"), "unknown", "no weight"),
    ("not gated", "weights_not_gated", ev("a"), "yes", "not gated"),
    ("gated manual", "weights_not_gated", ev("a", gated="manual"), "no", "gated (manual)"),
    ("gated access", "weights_not_gated", ev("a", access="gated"), "no", "gated"),
    ("local", "weights_not_gated", ev("a", source="local"), "unknown", "local folder"),
    ("local card with a gate form", "weights_not_gated",
     ev("a", source="local", readme=GATE_FORM), "no", "extra_gated_fields"),
    ("hub setting wins over the card", "weights_not_gated", ev("a", readme=GATE_FORM), "yes",
     "not gated"),
    ("original", "weights_not_conversion", ev("model.safetensors", readme="# m"), "yes",
     "no base model"),
    ("fine-tune", "weights_not_conversion", ev("model.safetensors", readme=BASE), "yes",
     "derived from org/base"),
    ("quantized relation", "weights_not_conversion", ev("model.safetensors", readme=QUANT), "no",
     "quantized version of org/base"),
    ("gguf re-upload", "weights_not_conversion", ev("m.Q4.gguf", "m.Q8.gguf", readme=BASE), "no",
     "only gguf"),
    ("gptq by repo name", "weights_not_conversion",
     Evidence(ref="o/M-GPTQ", repo_id="o/M-GPTQ", source="hub", readme=BASE,
              files=(RepoFile("model.safetensors"),)), "no", "gptq"),
    ("gguf original", "weights_not_conversion", ev("m.gguf", readme="# m"), "yes", ""),
    ("gptq files, base only linked", "weights_not_conversion",
     ev("gptq_model-4bit-128g.safetensors", readme=LINKS_ORIGINAL), "no", "org/m-original"),
    ("conversion unknown", "weights_not_conversion", ev("README.md", readme=BASE), "unknown", ""),
    # A card that publishes weight deltas to add to a base model's weights.
    ("delta weights heading", "weights_not_conversion",
     ev("pytorch_model.bin", readme="# m\n## Apply Delta Weights\nRun the script.\n"), "no",
     "delta weights"),
    ("xor weights in prose", "weights_not_conversion",
     ev("model.safetensors", readme="# m\nThese are XOR weights: decode them with the base.\n"),
     "no", "delta weights"),
    ("a merged re-upload of delta weights", "weights_not_conversion",
     ev("model.safetensors", readme="# m\nIt merges the XOR weights with the original weights."
        " These are full weights: there is no need to apply the XOR yourself.\n"), "yes", ""),
    ("delta weights negated", "weights_not_conversion",
     ev("model.safetensors", readme="# m\nUnlike earlier releases, these are not delta weights.\n"),
     "yes", ""),
    ("delta in a name only is no delta release", "weights_not_conversion",
     ev("model.safetensors", readme="# m\nDelta-Net layers replace attention.\n"), "yes", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "evidence", "answer", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_weights_evaluator(name: str, evidence: Evidence, answer: Answer, reason: str) -> None:
    got, why = ask(name, evidence)
    assert got == answer, why
    assert reason in why
