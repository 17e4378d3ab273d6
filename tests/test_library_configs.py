"""Configuration files of libraries other than transformers, and libraries known from a tag.

A training configuration that the model's own library saves in the repository (LeRobot's
train_config.json, spaCy's config.cfg, the RL Zoo's config.yml, an ESPnet run's
exp/*/config.yaml, Ultralytics' args.yaml) is training code: the library's public
training command reruns it (the default rubric's code.training, MOF 7 and 17, EOSAI
trainingcode, all inferred). A Trainer's pickled training_args.bin, a config of another
library or a config off the root is not. A model config of FunASR, ESPnet, SpeechBrain
or spaCy at the root or beside the weights is its architecture (MOF 9, EOSAI hardware
and architecture), as config.json is; a CI or dataset config is not. A library is known
from a tag (coreml, funasr, ggml) or, inferred, from weights only in a format a general
runtime runs. Table-driven, on synthetic cards and listings.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.verdict import Finding
from openaudit.weight_formats import CONVERTED_FORMATS


def ev(
    *paths: str, library: str | None = None, tags: tuple[str, ...] = (), body: str = ""
) -> Evidence:
    meta = ["license: apache-2.0"]
    if library:
        meta.append(f"library_name: {library}")
    if tags:
        meta.append(f"tags: [{', '.join(tags)}]")
    readme = "---\n" + "\n".join(meta) + "\n---\n# Pick-Cube Policy\nA policy for a robot arm.\n"
    files = tuple(RepoFile(path) for path in ("README.md", *paths))
    return Evidence(
        ref="lab/pick-cube", repo_id="lab/pick-cube", source="hub", readme=readme + body,
        files=files, library_name=library, tags=tags,
    )  # fmt: skip


def finding(evidence: Evidence, probe: str) -> Finding:
    verdict = evaluate(load_rubric("openaudit"), evidence)
    found = [f for layer in verdict.layers for f in layer.findings if f.probe == probe]
    assert found, probe
    return found[0]


def mof_components(evidence: Evidence) -> dict[str, dict[str, Any]]:
    result = evaluate(load_rubric("mof"), evidence).extras["mof"]
    return {str(c["id"]): c for c in result["components"]}


def eosai_dimensions(evidence: Evidence) -> dict[str, dict[str, Any]]:
    result = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    return {d["id"]: d for d in result["dimensions"]}


# --- training configurations of the model's library --------------------------------------

# (case, evidence, the config the reason names, or None: no training code)
TRAINING_CONFIGS: list[tuple[str, Evidence, str | None]] = [
    ("LeRobot's train_config.json",
     ev("config.json", "train_config.json", "model.safetensors", library="lerobot"),
     "train_config.json"),
    ("LeRobot's Hydra config.yaml (before train_config.json)",
     ev("config.yaml", "model.safetensors", library="lerobot"), "config.yaml"),
    ("spaCy's config.cfg", ev("config.cfg", "meta.json", "ner/model", library="spacy"),
     "config.cfg"),
    ("the RL Zoo's config.yml and args.yml",
     ev("config.yml", "args.yml", "env_kwargs.yml", "ppo-CartPole-v1.zip",
        library="stable-baselines3"), "config.yml"),
    ("an ESPnet run's exp/*/config.yaml",
     ev("exp/tts_train_vits/config.yaml", "exp/tts_train_vits/model.pth", library="espnet"),
     "exp/tts_train_vits/config.yaml"),
    ("Ultralytics' args.yaml", ev("args.yaml", "best.pt", library="ultralytics"), "args.yaml"),
    ("ML-Agents' configuration.yaml",
     ev("configuration.yaml", "Huggy.onnx", library="ml-agents"), "configuration.yaml"),
    ("Sample Factory's cfg.json",
     ev("cfg.json", "checkpoint_p0/best.pth", library="sample-factory"), "cfg.json"),
    ("the library known from a tag", ev("config.cfg", "ner/model", tags=("spacy",)),
     "config.cfg"),
    # negative twins
    ("a Trainer's pickled training_args.bin",
     ev("config.json", "training_args.bin", "model.safetensors", library="transformers"), None),
    ("hyperparameters listed in the card",
     ev("config.json", "model.safetensors", library="transformers",
        body="## Training hyperparameters\n- learning_rate: 2e-05\n- num_epochs: 3\n"), None),
    ("train_config.json without a library", ev("train_config.json", "model.safetensors"), None),
    ("another library's config name", ev("config.yml", "model.safetensors", library="timm"),
     None),
    ("the config off the repository root", ev("data/config.cfg", "ner/model", library="spacy"),
     None),
    ("an ESPnet config not in a run folder",
     ev("config.yaml", "model.pth", library="espnet"), None),
    ("a Deep RL course agent's config.json (its model's, not the run's)",
     ev("config.json", "ppo-LunarLander-v2.zip", library="stable-baselines3"), None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "config"), [c[1:] for c in TRAINING_CONFIGS], ids=[c[0] for c in TRAINING_CONFIGS]
)
def test_a_library_training_config_is_training_code(evidence: Evidence, config: str | None) -> None:
    training = finding(evidence, "code.training")
    mof = mof_components(evidence)["7"]
    eosai = eosai_dimensions(evidence)["trainingcode"]
    if config is None:
        assert training.answer == "no", training.reason
        assert mof["status"] == "missing", mof["reason"]
        assert eosai["level"] == "closed", eosai["reason"]
        return
    assert (training.answer, training.basis) == ("yes", "inferred"), training.reason
    assert config in training.reason and "library's public training command" in training.reason
    assert (mof["status"], mof["basis"]) == ("included", "inferred"), mof["reason"]
    assert config in mof["reason"]
    # a configuration for the library's script is sparse code: partial, never open
    assert (eosai["level"], eosai["basis"]) == ("partial", "inferred"), eosai["reason"]
    assert config in eosai["reason"]


def test_a_library_training_config_is_the_training_configuration_of_mof_17() -> None:
    """MOF 17 (model metadata) counts the run's configuration; without it, spaCy's pipeline
    files say nothing of the run."""
    metadata = mof_components(ev("config.cfg", "ner/model", library="spacy"))["17"]
    assert (metadata["status"], metadata["basis"]) == ("included", "inferred"), metadata
    assert "config.cfg" in metadata["reason"] and "spacy" in metadata["reason"]
    assert mof_components(ev("meta.json", "ner/model", library="spacy"))["17"]["status"] == (
        "missing"
    )


# --- architecture configs of other libraries -----------------------------------------------

HARDWARE = "Training hardware: 8 NVIDIA A100 GPUs for two days\n"

# (case, evidence, the config the reasons name, or None: no architecture in the files)
ARCHITECTURE_CONFIGS: list[tuple[str, Evidence, str | None]] = [
    ("FunASR's config.yaml beside model.pt",
     ev("config.yaml", "model.pt", "am.mvn", body=HARDWARE), "config.yaml at the repository root"),
    ("SpeechBrain's hyperparams.yaml",
     ev("hyperparams.yaml", "embedding_model.ckpt", body=HARDWARE), "hyperparams.yaml"),
    ("spaCy's config.cfg", ev("config.cfg", "model.safetensors", body=HARDWARE), "config.cfg"),
    ("an ESPnet run's config.yaml beside its weights",
     ev("exp/asr_train/config.yaml", "exp/asr_train/valid.acc.best.pth", body=HARDWARE),
     "exp/asr_train/config.yaml beside the weights exp/asr_train/valid.acc.best.pth"),
    # negative twins: a CI or dataset config, a config in a folder without weights
    ("a CI config", ev(".github/workflows/config.yaml", "model.pt", body=HARDWARE), None),
    ("a dataset config", ev("data/config.yaml", "model.pt", body=HARDWARE), None),
    ("a config in a folder without weights",
     ev("conf/hyperparams.yaml", "model.pt", body=HARDWARE), None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "config"),
    [c[1:] for c in ARCHITECTURE_CONFIGS],
    ids=[c[0] for c in ARCHITECTURE_CONFIGS],
)
def test_another_librarys_model_config_is_the_architecture(
    evidence: Evidence, config: str | None
) -> None:
    """MOF 9 (architecture), MOF 17 (model metadata) and EOSAI's hardware and
    architecture read one finding: the config and where it stands."""
    architecture = mof_components(evidence)["9"]
    metadata = mof_components(evidence)["17"]
    hardware = eosai_dimensions(evidence)["hardware_architecture"]
    if config is None:
        assert architecture["status"] == "missing", architecture["reason"]
        assert hardware["level"] == "partial", hardware["reason"]  # hardware only
        return
    assert (architecture["status"], architecture["basis"]) == ("included", "inferred")
    assert hardware["level"] == "open", hardware["reason"]  # architecture and hardware
    for found in (architecture, metadata, hardware):
        assert config in found["reason"], found["reason"]
    assert f"file:{config.split()[0]}" in hardware["evidence"]


# --- libraries known from a tag --------------------------------------------------------------

LIBRARY_TAGS: list[tuple[str, tuple[str, ...], str, str | None]] = [
    ("Core ML", ("coreml", "text-to-image"), "unet/Unet.mlpackage/Data/weight.bin", "coreml"),
    ("FunASR", ("funasr", "automatic-speech-recognition"), "model.pt", "funasr"),
    ("ggml", ("ggml",), "ggml-base.en.bin", "ggml"),
    ("LeRobot", ("lerobot", "robotics"), "model.safetensors", "lerobot"),
    # negative twins: tags that name a task or a file format, not a library
    ("a task tag", ("automatic-speech-recognition",), "model.pt", None),
    ("a framework-agnostic format tag", ("safetensors",), "model.safetensors", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("tags", "path", "name"), [c[1:] for c in LIBRARY_TAGS], ids=[c[0] for c in LIBRARY_TAGS]
)
def test_a_library_tag_names_the_code_that_runs_the_model(
    tags: tuple[str, ...], path: str, name: str | None
) -> None:
    evidence = Evidence(
        ref="lab/m", repo_id="lab/m", source="hub", tags=tags,
        readme="---\nlicense: mit\n---\n# M\nA model.\n", files=(RepoFile(path),),
    )  # fmt: skip
    inference = finding(evidence, "code.inference")
    if name is None:
        assert inference.answer == "no", inference.reason
        return
    assert (inference.answer, inference.reason) == ("yes", f"runs with the {name} library")


# --- libraries known from the weights' format ------------------------------------------------

# (case, weight files, the runtime the reason names, or None: no inference code)
FORMAT_RUNTIMES: list[tuple[str, tuple[str, ...], str | None]] = [
    ("ggml files only (whisper.cpp)", ("ggml-tiny.bin", "ggml-base.en.bin"), "ggml"),
    ("Core ML packages only", ("Unet.mlpackage/Data/com.apple.CoreML/weights/weight.bin",),
     "Core ML"),
    ("TFLite only", ("mobilenet_v2.tflite",), "LiteRT"),
    # negative twins: bare tensors need the model's own code
    ("safetensors only", ("model.safetensors",), None),
    ("a pickle only", ("model.pt",), None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("paths", "runtime"), [c[1:] for c in FORMAT_RUNTIMES], ids=[c[0] for c in FORMAT_RUNTIMES]
)
def test_weights_a_general_runtime_runs_have_inference_code(
    paths: tuple[str, ...], runtime: str | None
) -> None:
    """MOF 8 and 9 and the default code.inference: weights only in a format that a general
    runtime runs (ggml, Core ML, ONNX, TFLite, ...) run with its public code (inferred)."""
    evidence = ev(*paths)
    inference = finding(evidence, "code.inference")
    mof = mof_components(evidence)["8"]
    if runtime is None:
        assert inference.answer == "no", inference.reason
        assert mof["status"] == "missing", mof["reason"]
        assert mof_components(evidence)["9"]["status"] == "missing"
        return
    assert (inference.answer, inference.basis) == ("yes", "inferred"), inference.reason
    assert runtime in inference.reason
    assert (mof["status"], mof["basis"]) == ("included", "inferred"), mof["reason"]
    assert runtime in mof["reason"]
    architecture = mof_components(evidence)["9"]  # in the runtime's code or the file's graph
    assert (architecture["status"], architecture["basis"]) == ("included", "inferred")


# One file in each format models are converted to, and the runtime the code layer names
# (None: told only in a repository of its own library, which then runs it).
CONVERTED: list[tuple[str, str, str | None]] = [
    ("gguf", "m.Q4_K_M.gguf", "llama.cpp"), ("ggml", "ggml-base.bin", "ggml"),
    ("onnx", "model.onnx", "ONNX Runtime"), ("ort", "model.ort", "ONNX Runtime"),
    ("openvino", "openvino_model.bin", "OpenVINO"), ("mlmodel", "m.mlmodel", "Core ML"),
    ("mlpackage", "M.mlpackage/Data/com.apple.CoreML/weights/weight.bin", "Core ML"),
    ("tflite", "m.tflite", "LiteRT"), ("litertlm", "m.litertlm", "LiteRT-LM"),
    ("tfjs", "group1-shard1of1.bin", "TensorFlow.js"), ("ctranslate2", "model.bin", None),
    ("pte", "m.pte", "ExecuTorch"), ("sentis", "m.sentis", "Unity Sentis"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "runtime"), [c[1:] for c in CONVERTED], ids=[c[0] for c in CONVERTED]
)
def test_a_converted_format_is_a_copy_and_names_what_runs_it(
    path: str, runtime: str | None
) -> None:
    """One table of converted formats: weights only in one beside a `base_model` are a
    copy of it (weights.original), and run with the runtime it names."""
    library = None if runtime else "ctranslate2"
    evidence = ev(path, library=library, body="\nConverted for on-device use.\n")
    evidence = replace(
        evidence, readme=evidence.readme.replace("---\n#", "base_model: lab/base\n---\n#", 1)
    )
    copy = finding(evidence, "weights.original")
    assert copy.answer == "no", copy.reason
    inference = finding(evidence, "code.inference")
    assert inference.answer == "yes", inference.reason
    assert (runtime or "runs with the ctranslate2 library") in inference.reason


def test_the_converted_formats_table_is_covered() -> None:
    assert {c[0] for c in CONVERTED} == set(CONVERTED_FORMATS)


def test_a_runtimes_code_is_inferred_even_under_a_stated_code_licence() -> None:
    """The runtime that runs GGUF or ONNX weights is a conclusion from the file format:
    a licence the card states for its code does not make that conclusion stated."""
    body = "\n## License\nThe code is released under the Apache-2.0 licence.\n"
    components = mof_components(ev("model-q4_k_m.gguf", body=body))
    for number in ("8", "9"):
        component = components[number]
        assert (component["status"], component["basis"]) == ("included", "inferred"), component
