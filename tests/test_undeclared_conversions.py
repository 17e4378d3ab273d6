"""Table-driven tests of conversions that declare no `base_model`.

Weights only in conversion formats (Core ML, TFLite, ONNX, ggml, MLX's in an MLX repo)
beside a Hub model the card's lead links, or whose name is this repo's less a format
affix (-mlx, coreml-, -onnx ...), are that model converted: weights.original "no"
(inferred, naming the files and the link), and the model converted is the implied base
the Hub source looks up (`implied_base_id`, with the listing's formats) and the rubric
judges with (`implied_base`): both must name the same model. Negative twins: original
exports whose cards link only a paper or code, a fine-tune linking its base, a Hub
model linked only to be compared, weights not all in conversion formats.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.card import parse_card
from openaudit.evidence import Evidence, LinkedRepo, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.undeclared_bases import implied_base
from openaudit.rubric.registry import get_evaluator, run
from openaudit.sources.implied_bases import implied_base_id, listing_conversion
from openaudit.verdict import Outcome

HUB = "https://huggingface.co"
COREML = (
    "README.md",
    "M.mlpackage/Manifest.json",
    "M.mlpackage/Data/com.apple.CoreML/weights/weight.bin",
)
USAGE = "## Usage\nLoad it with the runtime and call it on your inputs.\n"


def ev(repo_id: str, readme: str, *paths: str, **fields: Any) -> Evidence:
    files = tuple(RepoFile(path) for path in paths)
    return Evidence(ref=repo_id, repo_id=repo_id, source="hub", readme=readme, files=files,
                    **fields)  # fmt: skip


def source_named(evidence: Evidence) -> str | None:
    """The model the Hub source looks up as the implied base, asserted the same as the
    one the rubric judges with."""
    card = parse_card(evidence.readme or "")
    library = evidence.library_name or card.metadata.get("library_name")
    converted = listing_conversion(evidence.files, library, evidence.tags)
    looked_up = implied_base_id(evidence.repo_id or "", card.metadata, card, (), converted)
    judged = implied_base(ProbeContext(evidence))
    assert looked_up == (judged.name if judged else None)
    return looked_up


def ask(name: str, evidence: Evidence, **params: Any) -> Outcome:
    spec = get_evaluator(name)
    assert spec is not None
    return run(spec, ProbeContext(evidence), params)


# (case, evidence, the model converted or None, weights.original answer, reason substring)
CASES: list[tuple[str, Evidence, str | None, str, str]] = [
    ("core ml package, repo name is coreml- plus the linked model's",
     ev("apple/coreml-sd-2-1-base",
        f"# SD 2.1 base\nText.\n{USAGE}## Links\n[SD]({HUB}/stab/sd-2-1-base)\n", *COREML),
     "stab/sd-2-1-base", "no",
     "a conversion of stab/sd-2-1-base (no `base_model`): this model's name is its name with "
     "'coreml-'; the repo's weights are only mlpackage files"),
    ("tflite, the title section links the source",
     ev("qc/mobile-classifier",
        f"# Mobile classifier\nRuns on phones; source: [ViT]({HUB}/lab/vit-small).\n{USAGE}",
        "README.md", "model.tflite"),
     "lab/vit-small", "no",
     "linked in the card's first section 'Mobile classifier'; the repo's weights are only "
     "tflite files"),
    ("onnx, the opening lines link the source",
     ev("me/ner-web", f"Weights of [bert-ner]({HUB}/dslim/bert-ner) for browsers.\n{USAGE}",
        "README.md", "onnx/model.onnx", "onnx/model_quantized.onnx"),
     "dslim/bert-ner", "no", "linked in the card's opening"),
    ("ggml files, the title section links the source",
     ev("me/whisper-tiny-cpp", f"# Whisper tiny\nFor whisper.cpp: [tiny]({HUB}/openai/whisper-tiny)"
        f".\n{USAGE}", "README.md", "ggml-tiny.bin", "ggml-tiny-q5_0.bin"),
     "openai/whisper-tiny", "no", "only ggml files"),
    ("mlx npz, repo name is the linked model's plus -mlx",
     ev("mlx-community/whisper-large-v3-mlx",
        f"# whisper-large-v3-mlx\nText.\n{USAGE}## Links\n[it]({HUB}/openai/whisper-large-v3)\n",
        "README.md", "weights.npz", "config.json", library_name="mlx"),
     "openai/whisper-large-v3", "no", "its name with '-mlx'; the repo's weights are only mlx"),
    # negative twins
    ("twin: an original onnx model linking only a paper and its code",
     ev("org/detector", "# Detector\nPaper: https://arxiv.org/abs/2401.00001, code: "
        f"https://github.com/org/detector.\n{USAGE}", "README.md", "model.onnx"),
     None, "yes", "no base model is declared"),
    ("twin: a safetensors fine-tune linking its base is an implied base, not a conversion",
     ev("me/sentiment", f"# Sentiment\nA fine-tuned version of [bert]({HUB}/org/bert-base).\n",
        "README.md", "model.safetensors"),
     "org/bert-base", "yes", "no base model is declared"),
    ("twin: onnx files of a model the card says was fine-tuned from the link",
     ev("me/sentiment", f"# Sentiment\nA fine-tuned version of [bert]({HUB}/org/bert-base).\n",
        "README.md", "model.onnx"),
     "org/bert-base", "yes", "no base model is declared"),
    ("twin: tflite whose lead links a Hub model only to compare with it",
     ev("me/fast-classifier", f"# Fast classifier\nIt outperforms [vit]({HUB}/lab/vit-small)."
        f"\n{USAGE}", "README.md", "model.tflite"),
     None, "yes", "no base model is declared"),
    ("twin: a Hub link outside the lead, no name affix",
     ev("me/classifier", f"# Classifier\nText.\n{USAGE}## Links\n[vit]({HUB}/lab/vit-small)\n",
        "README.md", "model.tflite"),
     None, "yes", "no base model is declared"),
    ("twin: onnx beside the model's own safetensors",
     ev("me/ner-web", f"Weights of [bert-ner]({HUB}/dslim/bert-ner) for browsers.\n{USAGE}",
        "README.md", "model.safetensors", "onnx/model.onnx"),
     None, "yes", "no base model is declared"),
    ("twin: npz outside an mlx repo is no conversion format",
     ev("me/whisper-large-v3-mlx", f"# w\n[it]({HUB}/openai/whisper-large-v3)\n", "README.md",
        "weights.npz"),
     None, "yes", "no base model is declared"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "source", "answer", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_an_undeclared_conversion_names_its_source(
    evidence: Evidence, source: str | None, answer: str, reason: str
) -> None:
    assert source_named(evidence) == source
    found = ask("weights_not_conversion", evidence, relations=["quantized"])
    assert found.answer == answer, found.reason
    assert reason in found.reason
    if answer == "no":
        assert found.inferred
        assert any(c.where == "files" for c in found.citations)
        assert any(c.where.startswith("README.md") for c in found.citations)


def test_the_format_affix_is_read_at_either_end() -> None:
    from openaudit.base_mentions import format_affix

    assert format_affix("apple/coreml-sd-2-1-base", "stab/sd-2-1-base") == "coreml-"
    assert format_affix("x/whisper-large-v3-mlx", "openai/whisper-large-v3") == "-mlx"
    assert format_affix("x/m-onnx", "org/M") == "-onnx"
    assert format_affix("x/whisper-large-v3", "openai/whisper-large-v3") is None
    assert format_affix("x/whisper-large-v3-turbo-mlx", "openai/whisper-large-v3") is None


# --- the model converted, looked up, lends its data as a declared conversion's ----------
MLX_CARD = f"# whisper-large-v3-mlx\nText.\n{USAGE}## Links\n[it]({HUB}/openai/whisper-large-v3)\n"


def converted(datasets: list[str] | None) -> Evidence:
    data = {"datasets": datasets} if datasets else {}
    source = LinkedRepo("openai/whisper-large-v3", "model", "ok", card_data=data,
                        files=(RepoFile("model.safetensors"),))  # fmt: skip
    found = (LinkedRepo("org/speech", "dataset", "ok", card_data={"license": "cc-by-4.0"}),)
    return ev("mlx-community/whisper-large-v3-mlx", MLX_CARD, "README.md", "weights.npz",
              library_name="mlx", implied_bases=(source,), base_datasets=found)  # fmt: skip


def test_the_source_data_are_the_conversions() -> None:
    evidence = converted(["org/speech"])
    named = ask("data_sources_named", evidence)
    assert (named.answer, named.inferred) == ("yes", True), named.reason
    assert "(it adds no training): the data of openai/whisper-large-v3" in named.reason
    base = ask("base_data_named", evidence)
    assert (base.answer, base.inferred) == ("yes", True), base.reason
    end = ask("eosai_dimension", evidence, dimension="datasources_endmodel", at_least="open")
    assert "the data of openai/whisper-large-v3" in end.reason
    weights = ask("eosai_dimension", evidence, dimension="weights_basemodel", at_least="open")
    assert "base openai/whisper-large-v3 publishes weights" in weights.reason


def test_a_scan_row_names_the_converted_model_as_the_dumps_missing_base() -> None:
    from openaudit.scan.rows import row_evidence

    siblings = [{"rfilename": name} for name in ("README.md", "weights.npz", "config.json")]
    row = {"id": "mlx-community/whisper-large-v3-mlx", "card": MLX_CARD, "siblings": siblings,
           "library_name": "mlx", "tags": ["mlx"], "cardData": "{}"}  # fmt: skip
    columns = frozenset(row)
    found = row_evidence(row, columns)
    assert "base openai/whisper-large-v3, named outside base_model" in " ".join(found.missing)
    original = {**row, "siblings": [{"rfilename": n} for n in ("README.md", "model.safetensors")],
                "library_name": "transformers", "tags": []}  # fmt: skip
    assert "named outside base_model" not in " ".join(row_evidence(original, columns).missing)


def test_the_hub_source_looks_the_converted_model_up(hub: Any) -> None:
    """Through the CLI on the fake Hub: a Core ML repo with no `base_model`, named as
    openlab/open-7b with a '-coreml' affix, is that model converted; the source looks it
    up, so its data are the base's declared datasets."""
    import json

    from typer.testing import CliRunner

    from openaudit.cli.app import app

    result = CliRunner().invoke(app, ["webconv/open-7b-coreml", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    model = json.loads(result.stdout)["models"][0]
    found = {f["probe"]: f for layer in model["layers"] for f in layer["findings"]}
    original = found["weights.original"]
    assert (original["answer"], original["basis"]) == ("no", "inferred")
    assert "a conversion of openlab/open-7b (no `base_model`)" in original["reason"]
    named = found["data.datasets_named"]
    assert "the data of openlab/open-7b" in named["reason"], named["reason"]
    assert "openlab/pile-lite" in named["reason"]
