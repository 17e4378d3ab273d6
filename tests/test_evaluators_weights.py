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
BASE_URL = "https://huggingface.co/org/base"
ONNX_COPY = f"---\nbase_model: org/base\n---\n{BASE_URL} with ONNX weights for the web.\n"
MLX_COPY = f"---\nbase_model: org/base\n---\nConverted to MLX format from [org/base]({BASE_URL}).\n"
TUNED = f"---\nbase_model: org/base\n---\nA fine-tuned version of [org/base]({BASE_URL}) on x.\n"
FINETUNE = "---\nbase_model: org/base\nbase_model_relation: finetune\n---\n# m\n"
OTHER_COPY = (
    "---\nbase_model: org/base\n---\nWe also ship ONNX weights converted from"
    " [org/other](https://huggingface.co/org/other).\n"
)
SB3 = {"library_name": "stable-baselines3"}
SPACY = {"library_name": "spacy"}
AGENT = ("README.md", "config.json", "results.json", "replay.mp4", "ppo-CartPole-v1.zip",
         "train_eval_metrics.zip", "vec_normalize.pkl")  # fmt: skip
PIPELINE = ("README.md", "config.cfg", "meta.json", "vocab/strings.json", "ner/model",
            "tok2vec/model", "ner/moves", "en_pipe_sm-any-py3-none-any.whl")  # fmt: skip

# an ESPnet TTS recipe's files: the model is a .pth pickle, the npz its feature statistics
ESPNET = ("exp/tts_train_vits/train.total_count.ave_10best.pth", "exp/tts_train_vits/config.yaml",
          "exp/tts_stats_raw/train/feats_stats.npz")  # fmt: skip
LOOKUPS = ("vocab/lookups.bin", "lemmatizer/lookups/lookups.bin")

CASES: list[tuple[str, str, Evidence, Answer, str]] = [
    ("safetensors shards", "weight_files_present",
     ev("README.md", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"),
     "yes", "2 weight file(s): safetensors"),
    ("gguf", "weight_files_present", ev("m.Q4_K_M.gguf"), "yes", "gguf"),
    ("every format", "weight_files_present",
     ev(*(f"w.{ext}" for ext in ("bin", "pt", "pth", "ckpt", "ggml", "onnx", "h5", "msgpack",
                                 "npz", "mlmodel", "tflite"))), "yes", "11 weight file(s)"),
    # formats of other frameworks: NeMo, Keras, TF SavedModel/checkpoints, Paddle, sklearn,
    # Core ML bundles, ExecuTorch, OpenVINO, ONNX external data, GGML .bin, llamafile
    ("nemo archive", "weight_files_present", ev("README.md", "asr.nemo"), "yes",
     "1 weight file(s): nemo"),
    ("keras zip", "weight_files_present", ev("model.keras", "fingerprint.pb"), "yes", "keras"),
    ("tf savedmodel variables", "weight_files_present",
     ev("saved_model.pb", "keras_metadata.pb", "variables/variables.data-00000-of-00001",
        "variables/variables.index"), "yes", "1 weight file(s): tf-checkpoint"),
    ("tf1 checkpoint shards", "weight_files_present",
     ev("bert_model.ckpt.data-00000-of-00002", "bert_model.ckpt.data-00001-of-00002",
        "bert_model.ckpt.index"), "yes", "2 weight file(s): tf-checkpoint"),
    ("paddle inference and training params", "weight_files_present",
     ev("inference.pdmodel", "inference.pdiparams", "model.pdparams", "model.pdopt"), "yes",
     "2 weight file(s): pdiparams, pdparams"),
    ("sklearn pickles alone are weights", "weight_files_present",
     ev("model.joblib", "skops-model.pkl", "export.pkl"), "yes", "3 weight file(s): joblib, pkl"),
    ("pickles beside real weights are not", "weight_files_present",
     ev("model.safetensors", "extra.pkl", "model.joblib"), "yes", "1 weight file(s): safetensors"),
    ("npy statistics beside real weights are not", "weight_files_present",
     ev("model.onnx", "mean.npy", "std.npy"), "yes", "1 weight file(s): onnx"),
    ("npy arrays alone are weights", "weight_files_present",
     ev("word2vec.model", "word2vec.model.wv.vectors.npy"), "yes", "1 weight file(s): npy"),
    ("tokenizer and scaler pickles are no weights", "weight_files_present",
     ev("README.md", "tokenizer.pkl", "scaler.joblib", "vocab.pkl"), "no", "no weight files"),
    ("core ml package", "weight_files_present",
     ev("M.mlpackage/Manifest.json", "M.mlpackage/Data/com.apple.CoreML/model.mlmodel",
        "M.mlpackage/Data/com.apple.CoreML/weights/weight.bin"), "yes",
     "1 weight file(s): mlpackage"),
    ("executorch, openvino, onnx data", "weight_files_present",
     ev("model.pte", "openvino_model.xml", "openvino_model.bin", "onnx/model.onnx",
        "onnx/model.onnx_data"), "yes", "4 weight file(s): onnx, openvino, pte"),
    ("ggml .bin", "weight_files_present", ev("llama-2-7b.ggmlv3.q4_0.bin"), "yes", "ggml"),
    ("llamafile", "weight_files_present", ev("m.Q4_K_M.llamafile"), "yes", "llamafile"),
    ("training state only", "weight_files_present",
     ev("README.md", "training_args.bin", "optimizer.pt"), "no", "no weight files"),
    ("no weights", "weight_files_present", ev("README.md", "config.json"), "no", ""),
    ("truncated", "weight_files_present", ev("README.md", files_truncated=True), "unknown",
     "truncated"),
    ("no listing", "weight_files_present", ev(), "unknown", "no file listing"),
    # a library's own formats, told by the repository's library_name or tags
    ("sb3 agent zip", "weight_files_present", ev(*AGENT, **SB3), "yes",
     "1 weight file(s): sb3-zip"),
    ("sb3 agent zip by tag", "weight_files_present",
     ev("ppo-LunarLander-v2.zip", tags=("Stable-Baselines3", "reinforcement-learning")), "yes",
     "sb3-zip"),
    ("a zip outside sb3 is no weights", "weight_files_present", ev(*AGENT[:-1]), "no",
     "no weight files"),
    ("spacy components and wheel", "weight_files_present", ev(*PIPELINE, **SPACY), "yes",
     "3 weight file(s): spacy, whl"),
    ("spacy by tag", "weight_files_present", ev("tagger/model", tags=("spacy",)), "yes",
     "1 weight file(s): spacy"),
    ("extension-less files outside spacy are no weights", "weight_files_present",
     ev(*PIPELINE), "no", "no weight files"),
    ("ctranslate2 model.bin", "weight_files_present",
     ev("model.bin", "config.json", "vocabulary.json", library_name="ctranslate2"), "yes",
     "1 weight file(s): ctranslate2"),
    ("fasttext bin", "weight_files_present", ev("cc.xx.300.bin", tags=("fastText",)), "yes",
     "1 weight file(s): fasttext"),
    ("tensorflow.js shards", "weight_files_present",
     ev("model.json", "group1-shard1of2.bin", "group1-shard2of2.bin"), "yes",
     "2 weight file(s): tfjs"),
    ("openvino ir by its xml", "weight_files_present", ev("model.xml", "model.bin"), "yes",
     "1 weight file(s): openvino"),
    ("a .bin without an xml is pytorch", "weight_files_present", ev("model.bin", "other.xml"),
     "yes", "1 weight file(s): bin"),
    ("more formats", "weight_files_present",
     ev("a.pth.tar", "b.hdf5", "c.ort", "d.caffemodel", "yolo.weights", "e-0000.params",
        "f.sentis", "g.litertlm", "agent.cleanrl_model", "h.ftz"), "yes",
     "10 weight file(s): caffemodel, cleanrl_model, darknet, fasttext, h5, litertlm, mxnet,"
     " ort, pth, sentis"),
    # auxiliary files in weight formats are no weights: normalisation statistics (ESPnet's
    # feats_stats.npz), spaCy's lookup tables (lookups.bin); an MLX weights.npz still is
    ("normalisation statistics are no weight file", "weight_files_present",
     ev(*ESPNET), "yes", "1 weight file(s): pth"),
    ("statistics alone are no weights", "weight_files_present",
     ev("exp/stats/train/feats_stats.npz", "exp/stats/train/global_cmvn.npy"), "no",
     "no weight files"),
    ("spacy lookup tables are no weight files", "weight_files_present",
     ev(*PIPELINE, *LOOKUPS, **SPACY), "yes", "3 weight file(s): spacy, whl"),
    ("lookup tables alone are no weights", "weight_files_present", ev(*LOOKUPS, **SPACY), "no",
     "no weight files"),
    ("spaCy's layout says lookup tables without a library", "weight_files_present",
     ev(*LOOKUPS), "no", "no weight files"),
    ("a root lookups.bin in a spaCy repo", "weight_files_present", ev("lookups.bin", **SPACY),
     "no", "no weight files"),
    ("a lookups.bin outside spaCy is an ordinary .bin (twin)", "weight_files_present",
     ev("lookups.bin", "config.json"), "yes", "1 weight file(s): bin"),
    ("arrays whose names only contain 'stats' are weights (twin)", "weight_files_present",
     ev("statsmodel.npz", "substats_weights.npz"), "yes", "2 weight file(s): npz"),
    ("mlx weights.npz are weights (twin)", "weight_files_present",
     ev("weights.npz", "config.json", library_name="mlx"), "yes", "1 weight file(s): npz"),
    ("safe", "weights_safe_format", ev("pytorch_model.bin", "model.safetensors"), "yes",
     "safetensors"),
    ("a statistics npz decides no safe format", "weights_safe_format", ev(*ESPNET), "no",
     "only pickle-based weights (pth)"),
    ("spacy components decide the safe format beside lookups.bin (twin)", "weights_safe_format",
     ev("ner/model", *LOOKUPS, **SPACY), "yes", "weights in spacy (spaCy component files"),
    ("a weights npz beside a pickle is the safe format (twin)", "weights_safe_format",
     ev("model.pth", "model.npz"), "yes", "weights in npz"),
    ("pickle only", "weights_safe_format", ev("pytorch_model.bin", "x.ckpt"), "no", "pickle"),
    ("nemo is a pickle inside", "weights_safe_format", ev("asr.nemo"), "no",
     "only pickle-based weights (nemo)"),
    ("sklearn pickles", "weights_safe_format", ev("model.joblib", "model.pkl"), "no",
     "only pickle-based weights (joblib, pkl)"),
    ("paddle training params are pickles", "weights_safe_format", ev("model.pdparams"), "no",
     "pickle-based"),
    ("paddle inference params are not", "weights_safe_format",
     ev("model.pdparams", "inference.pdiparams"), "yes", "weights in pdiparams"),
    ("keras and savedmodel load without code", "weights_safe_format",
     ev("model.keras", "variables/variables.data-00000-of-00001"), "yes",
     "weights in keras, tf-checkpoint"),
    ("skops loads trusted types only", "weights_safe_format", ev("model.skops"), "yes", "skops"),
    ("ggml .bin is no pickle", "weights_safe_format", ev("ggml-model-q4_0.bin"), "yes", "ggml"),
    ("a llamafile is an executable", "weights_safe_format", ev("m.llamafile"), "no",
     "only executable weights (llamafile)"),
    ("executable and pickle", "weights_safe_format", ev("m.llamafile", "m.pt"), "no",
     "only executable or pickle-based weights (llamafile, pt)"),
    ("onnx", "weights_safe_format", ev("model.onnx"), "yes", "onnx"),
    ("an sb3 agent holds pickles", "weights_safe_format", ev(*AGENT, **SB3), "no",
     "only pickle-based weights (sb3-zip (a stable-baselines3 zip of torch.save pickles"),
    ("spacy components are msgpack", "weights_safe_format", ev(*PIPELINE, **SPACY), "yes",
     "weights in spacy (spaCy component files: msgpack arrays, no pickle)"),
    ("a spacy transformer holds a torch pickle", "weights_safe_format",
     ev("transformer/model", **SPACY), "no", "spacy-torch (a spaCy transformer component"),
    ("a spacy wheel runs code", "weights_safe_format", ev("p-any-py3-none-any.whl", **SPACY),
     "no", "only executable weights (whl (a packaged pipeline"),
    ("ctranslate2 is no pickle", "weights_safe_format",
     ev("model.bin", library_name="ctranslate2"), "yes", "ctranslate2"),
    ("model.bin outside ctranslate2 is", "weights_safe_format", ev("model.bin"), "no", "pickle"),
    ("tfjs and openvino shards are no pickles", "weights_safe_format",
     ev("group1-shard1of1.bin", "m.xml", "m.bin"), "yes", "openvino, tfjs"),
    ("a cleanrl model is a pickle", "weights_safe_format", ev("ppo.cleanrl_model"), "no",
     "pickle-based"),
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
    ("bnb-4bit by repo name", "weights_not_conversion",
     Evidence(ref="o/M-bnb-4bit", repo_id="o/M-bnb-4bit", source="hub", readme=BASE,
              files=(RepoFile("model.safetensors"),)), "no", "only bnb-4bit files"),
    ("bnb in a fine-tune's name is no quantiser (twin)", "weights_not_conversion",
     Evidence(ref="o/M-bnb-tune", repo_id="o/M-bnb-tune", source="hub", readme=BASE,
              files=(RepoFile("model.safetensors"),)), "yes", "derived from org/base"),
    ("gguf original", "weights_not_conversion", ev("m.gguf", readme="# m"), "yes", ""),
    # a PEFT adapter's weights are its own, whatever its name says (a LoRA trained on an
    # AWQ or GPTQ base is often named after it); full weights under that name are a copy
    ("adapter named after an awq base", "weights_not_conversion",
     Evidence(ref="o/M-awq-sql-lora", repo_id="o/M-awq-sql-lora", source="hub", readme=BASE,
              files=(RepoFile("adapter_config.json"), RepoFile("adapter_model.safetensors"))),
     "yes", "derived from org/base"),
    ("peft adapter named gptq, no config listed", "weights_not_conversion",
     Evidence(ref="o/M-GPTQ-lora", repo_id="o/M-GPTQ-lora", source="hub", readme=BASE,
              library_name="peft", files=(RepoFile("adapter_model.bin"),)),
     "yes", "derived from org/base"),
    ("full weights named awq (twin)", "weights_not_conversion",
     Evidence(ref="o/M-awq-sql-lora", repo_id="o/M-awq-sql-lora", source="hub", readme=BASE,
              files=(RepoFile("config.json"), RepoFile("model.safetensors"))), "no", "only awq"),
    ("adapter stating a quantized relation (twin)", "weights_not_conversion",
     ev("adapter_config.json", "adapter_model.safetensors", readme=QUANT), "no",
     "quantized version of org/base"),
    ("gptq files, base only linked", "weights_not_conversion",
     ev("gptq_model-4bit-128g.safetensors", readme=LINKS_ORIGINAL), "no", "org/m-original"),
    ("conversion unknown", "weights_not_conversion", ev("README.md", readme=BASE), "unknown", ""),
    # exports for a runtime beside a declared base: a copy in another format (inferred)
    ("onnx only beside a base", "weights_not_conversion",
     ev("onnx/model.onnx", "onnx/model_quantized.onnx", "config.json", readme=BASE), "no",
     "only onnx files beside `base_model` org/base"),
    ("transformers.js copy", "weights_not_conversion",
     ev("onnx/model.onnx", readme=ONNX_COPY, library_name="transformers.js"), "no", "onnx"),
    ("openvino ir beside a base", "weights_not_conversion",
     ev("openvino_model.xml", "openvino_model.bin", readme=BASE), "no", "only openvino files"),
    ("core ml and tflite beside a base", "weights_not_conversion",
     ev("M.mlpackage/Data/com.apple.CoreML/weights/weight.bin", "m.tflite", readme=BASE), "no",
     "only mlpackage, tflite files"),
    ("ctranslate2 beside a base", "weights_not_conversion",
     ev("model.bin", "config.json", readme=BASE, library_name="ctranslate2"), "no",
     "only ctranslate2 files"),
    ("mlx safetensors beside a base", "weights_not_conversion",
     ev("model.safetensors", readme=BASE, library_name="mlx"), "no", "only mlx files"),
    ("the card says converted from the base", "weights_not_conversion",
     ev("model.safetensors", readme=MLX_COPY), "no", "the card says 'Converted to MLX format"),
    # ... but not a fine-tune that also exports them, nor a stated fine-tune
    ("onnx beside its own safetensors", "weights_not_conversion",
     ev("model.safetensors", "onnx/model.onnx", readme=BASE), "yes", "derived from org/base"),
    ("onnx only, the card says fine-tuned from the base", "weights_not_conversion",
     ev("onnx/model.onnx", readme=TUNED), "yes", "derived from org/base"),
    ("onnx only, relation finetune", "weights_not_conversion",
     ev("onnx/model.onnx", readme=FINETUNE), "yes", "derived from org/base"),
    ("gguf only, relation finetune", "weights_not_conversion",
     ev("m.Q4_K_M.gguf", readme=FINETUNE), "yes", "derived from org/base"),
    ("safetensors outside mlx are its own", "weights_not_conversion",
     ev("model.safetensors", readme=BASE, library_name="transformers"), "yes", "derived"),
    ("the card converts another model than the base", "weights_not_conversion",
     ev("model.safetensors", "onnx/model.onnx", readme=OTHER_COPY), "yes", "derived"),
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
    ("weight diff told by a recovery script", "weights_not_conversion",
     ev("pytorch_model.bin", "weight_diff.py", readme="# m\nUse it.\n"), "no",
     "delta weights (a weight-recovery script in the repo (weight_diff.py))"),
    ("weight diff told by a link to a weight-diff page", "weights_not_conversion",
     ev("pytorch_model.bin", readme="# m\n[Recover](https://github.com/o/r/blob/main/"
        "weight_diff.md)\n"), "no", "instructions for recovering the weights"),
    ("a diff script of another kind is no weight diff", "weights_not_conversion",
     ev("pytorch_model.bin", "diff_utils.py", readme="# m\nUse it.\n"), "yes", ""),
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


BASIS_CASES = [
    ("onnx copy is inferred", ev("onnx/model.onnx", readme=BASE), True),
    ("card words are inferred", ev("model.safetensors", readme=MLX_COPY), True),
    ("a gguf copy is read from its files", ev("m.Q4.gguf", readme=BASE), False),
    ("a stated relation is stated", ev("model.safetensors", readme=QUANT), False),
]


@pytest.mark.parametrize(
    ("evidence", "inferred"), [c[1:] for c in BASIS_CASES], ids=[c[0] for c in BASIS_CASES]
)
def test_conversion_basis(evidence: Evidence, inferred: bool) -> None:
    spec = get_evaluator("weights_not_conversion")
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), {})
    assert outcome.answer == "no"
    assert outcome.inferred is inferred


def test_a_long_listing_s_weight_files_are_the_same_when_remembered() -> None:
    """weight_files remembers a long listing's answer (an audit's rubrics read it in turn):
    per listing and per library set, never another's."""
    from openaudit.weight_formats import REMEMBERED_LISTING, weight_files

    shards = tuple(RepoFile(f"s/model-{i:05d}.safetensors") for i in range(REMEMBERED_LISTING))
    pickles = (*shards[:-1], RepoFile("agent.zip"), RepoFile("pytorch_model.bin"))
    for files in ((*shards, RepoFile("agent.zip")), pickles):
        for libraries in (frozenset(), frozenset({"stable-baselines3"})):
            plain = weight_files(list(files), libraries)  # a list is never remembered
            assert weight_files(files, libraries) == plain
            assert weight_files(files, libraries) == plain  # and again, remembered
    # a .zip is weights only in a stable-baselines3 repository
    assert "agent.zip" not in [f.path for f, _ in weight_files(pickles)]
    sb3 = weight_files(pickles, frozenset({"stable-baselines3"}))
    assert ("agent.zip", "sb3-zip") in [(f.path, fmt) for f, fmt in sb3]


# repo id, files, the card's metadata, whether the Hub source reads it as a copy
LISTED_COPIES: list[tuple[str, str, tuple[str, ...], dict[str, Any], bool]] = [
    ("an adapter named after its awq base", "o/m-awq-sql-lora",
     ("adapter_config.json", "adapter_model.safetensors"), {"base_model": "o/m-awq"}, False),
    ("full weights under that name (twin)", "o/m-awq-sql-lora",
     ("config.json", "model.safetensors"), {"base_model": "o/m"}, True),
    ("an adapter stated quantized (twin)", "o/m-lora",
     ("adapter_model.safetensors",), {"base_model": "o/m", "base_model_relation": "quantized"},
     True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("repo_id", "files", "card", "copy"), [pytest.param(*c[1:], id=c[0]) for c in LISTED_COPIES]
)
def test_the_hub_source_reads_no_adapter_as_a_copy(
    repo_id: str, files: tuple[str, ...], card: dict[str, Any], copy: bool
) -> None:
    """The Hub source's test of a copy before its card is read (implied_bases.listing_copy)
    agrees with the rubric's: an adapter's weights are never a quantiser's, by name."""
    from openaudit.sources.implied_bases import listing_copy

    listed = tuple(RepoFile(path, 1) for path in files)
    assert listing_copy(repo_id, listed, None, (), card) is copy
