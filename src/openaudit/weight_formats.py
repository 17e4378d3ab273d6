"""Which repository files hold a model's weights, in which format, and whether that
format can run code when it is loaded.

The one definition of a weight file: the weights rubric, the framework components,
the local source's "is this a model folder?" check and the Hub scan all use it.
Files are judged by name only; nothing is opened. Some libraries save weights under
names that mean nothing elsewhere (a stable-baselines3 agent is a `.zip`, a spaCy
component's weights an extension-less `ner/model`): those count only in a repository
of that library (`weight_libraries`: its `library_name` or tags). Part of the
foundation: it imports nothing of openaudit.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import Protocol, TypeVar, cast


class Listed(Protocol):
    """A file of a repository listing (`evidence.RepoFile`): only its path is read."""

    @property
    def path(self) -> str: ...


F = TypeVar("F", bound=Listed)

PICKLE = "pickle"
EXECUTABLE = "executable"
# Format -> why loading it can run code (None: it loads as data, without running code).
# safetensors, GGUF/GGML, NumPy archives (object arrays refused by default), Flax
# msgpack, HDF5, TensorFlow tensor bundles (SavedModel variables, checkpoints) and the
# protobuf/flatbuffer formats (ONNX, TFLite, Core ML, ExecuTorch .pte, OpenVINO IR,
# Paddle inference .pdiparams) hold tensors, not code. A .keras file is a zip of a
# JSON config and HDF5 weights that Keras loads in safe mode (no lambda bytecode).
# skops files load only trusted types. PyTorch .bin/.pt/.pth/.ckpt, NeMo archives (a
# tar around a PyTorch checkpoint), Paddle training .pdparams and sklearn/fastai
# .pkl/.joblib are pickles; a llamafile is an executable around GGUF weights.
# More formats of particular libraries and runtimes, and how they load:
# - no code: ONNX Runtime's .ort (a flatbuffer), TensorFlow.js weight shards
#   (`group1-shard1of2.bin`: raw tensor bytes beside a JSON manifest), CTranslate2's
#   model.bin and fastText's .bin/.ftz (their own binary layouts), Caffe's .caffemodel
#   (protobuf), Darknet's .weights and MXNet's .params (raw arrays), Unity Sentis's
#   .sentis (a flatbuffer), LiteRT-LM's .litertlm, and spaCy's component weights
#   (`ner/model`: msgpack of arrays, whose decoder builds arrays from raw bytes, never
#   from pickles);
# - pickles: a stable-baselines3 agent (.zip of PyTorch `torch.save` files, and
#   cloudpickled objects in its `data` JSON), a spaCy transformer component
#   (`transformer/model`: a PyTorch state saved with `torch.save` inside the msgpack),
#   CleanRL's .cleanrl_model (`torch.save`) and `.pth.tar` checkpoints;
# - executable: a spaCy pipeline packaged as a Python wheel (.whl), whose package code
#   runs when it is imported.
WEIGHT_FORMATS: dict[str, str | None] = {
    "safetensors": None, "gguf": None, "ggml": None, "onnx": None, "h5": None,
    "keras": None, "msgpack": None, "npz": None, "npy": None, "mlmodel": None,
    "mlpackage": None, "tflite": None, "pte": None, "openvino": None, "pdiparams": None,
    "tf-checkpoint": None, "skops": None, "ort": None, "tfjs": None, "ctranslate2": None,
    "fasttext": None, "caffemodel": None, "darknet": None, "mxnet": None, "sentis": None,
    "litertlm": None, "spacy": None,
    "bin": PICKLE, "pt": PICKLE, "pth": PICKLE, "ckpt": PICKLE, "nemo": PICKLE,
    "pdparams": PICKLE, "pkl": PICKLE, "pickle": PICKLE, "joblib": PICKLE,
    "cleanrl_model": PICKLE, "sb3-zip": PICKLE, "spacy-torch": PICKLE,
    "llamafile": EXECUTABLE, "whl": EXECUTABLE,
}  # fmt: skip
# What the formats of particular libraries are, for a reason that says why they load
# with or without running code.
FORMAT_NOTES = {
    "sb3-zip": "a stable-baselines3 zip of torch.save pickles and cloudpickled objects",
    "spacy": "spaCy component files: msgpack arrays, no pickle",
    "spacy-torch": "a spaCy transformer component: a torch.save pickle inside msgpack",
    "whl": "a packaged pipeline: a Python wheel whose code runs when imported",
    "cleanrl_model": "a CleanRL torch.save pickle",
    "ctranslate2": "CTranslate2's own tensor format",
    "fasttext": "fastText's own binary format",
    "tfjs": "TensorFlow.js shards of raw tensor bytes",
}
# Extensions that name one of the formats above under another name.
EXTENSIONS = {
    "hdf5": "h5", "ftz": "fasttext", "weights": "darknet", "params": "mxnet",
}  # fmt: skip
# Generic pickles (.pkl, .joblib) are also used for tokenizers, scalers and training
# logs, and bare NumPy arrays (.npy) for normalisation statistics: they count as weights
# only in a repository with no weight file of another format.
FALLBACK_FORMATS = frozenset({"pkl", "pickle", "joblib", "npy"})
# Training-state files share the weight extensions but are not model weights.
NOT_WEIGHTS = ("training_args", "optimizer", "scheduler", "rng_state", "trainer_state")
# ... and generic pickles with these names are preprocessing or bookkeeping.
NOT_WEIGHT_PICKLES = (
    "tokenizer", "vocab", "label", "scaler", "preprocessor", "history", "args", "hparams",
    "config", "metadata", "stats",
)  # fmt: skip
# Auxiliary files in weight formats that hold no model weights: normalisation statistics
# saved as NumPy arrays (ESPnet's `feats_stats.npz`, `global_mvn_stats.npz`, Kaldi-style
# `cmvn`), and spaCy's lookup tables (`lookups.bin`: msgpack tables for the lemmatizer
# and lexeme attributes) in a spaCy repository or where spaCy's layout puts them
# (`vocab/lookups.bin`, `lemmatizer/lookups/lookups.bin`); elsewhere a `lookups.bin` is
# an ordinary .bin. A model's weights are never named so; a file of them must not count
# as a weight file, nor decide whether the weights load safely.
# "feats_stats.npz", "global_cmvn.npy", "stats.npy"; not "statsmodel.npz", "substats.npy"
AUXILIARY_ARRAYS = re.compile(r"(?:^|[/_.-])(?:stats|cmvn)(?:[_.-][^/]*)?\.(?:npz|npy)$")
SPACY_LOOKUPS = "lookups.bin"
SPACY_LOOKUPS_LAYOUT = re.compile(r"(?:^|/)(?:vocab|lookups)/lookups\.bin$", re.IGNORECASE)
# Formats told by more than the extension.
TF_DATA_SHARD = re.compile(r"\.data-\d{5}-of-\d{5}$")  # SavedModel variables, TF checkpoints
ONNX_EXTERNAL_DATA = (".onnx_data", ".onnx.data")
COREML_BUNDLE = re.compile(r"\.(?:mlpackage|mlmodelc)/", re.IGNORECASE)
COREML_WEIGHTS = re.compile(r"/weights/[^/]+\.bin$|\.espresso\.weights$", re.IGNORECASE)
TFJS_SHARD = re.compile(r"^group\d+-shard\d+of\d+(?:\.bin)?$")
TAR_CHECKPOINT = re.compile(r"\.(?:pth|pt|ckpt)\.tar$")

# Formats models are converted to rather than trained in, and the general runtime that
# runs weights in each: quantisation formats (GGUF, GGML) and the formats a model is
# exported to for a runtime (ONNX and ONNX Runtime, OpenVINO IR, Core ML, TFLite/LiteRT,
# TensorFlow.js, CTranslate2, ExecuTorch, Unity Sentis); MLX's safetensors or NumPy
# archives in an MLX repository are converted too (MLX_FORMATS). Weights only in formats
# of one runtime run with its public code, whatever library (if any) is declared.
# CTranslate2's model.bin is told only in a repository of that library, whose declared
# library says what runs it (None).
CONVERTED_FORMATS: dict[str, str | None] = {
    "gguf": "llama.cpp", "ggml": "ggml (whisper.cpp, llama.cpp)", "onnx": "ONNX Runtime",
    "ort": "ONNX Runtime", "openvino": "OpenVINO", "mlmodel": "Core ML",
    "mlpackage": "Core ML", "tflite": "LiteRT (TensorFlow Lite)", "litertlm": "LiteRT-LM",
    "tfjs": "TensorFlow.js", "ctranslate2": None, "pte": "ExecuTorch",
    "sentis": "Unity Sentis",
}  # fmt: skip
# Of those, the quantisation formats; the others are export formats.
QUANTISED_FORMATS = frozenset({"gguf", "ggml"})
EXPORT_FORMATS = frozenset(CONVERTED_FORMATS) - QUANTISED_FORMATS
MLX_FORMATS = ("safetensors", "npz")
# Quantisers that write ordinary safetensors: named in the file path or the repo's id
# (bitsandbytes' 4- and 8-bit saves as `*-bnb-4bit`, unsloth's naming; a name merely
# holding "bnb", such as a fine-tune's "-bnb-tune", is none).
QUANT_MARKERS = ("exl2", "awq", "gptq", "bnb-4bit", "bnb-8bit")
# PEFT saves an adapter as adapter_model.safetensors (or .bin) beside adapter_config.json.
ADAPTER_WEIGHTS = "adapter_model."
# Base-model relations that state the weights are the model's own work, whatever their
# format (a quantisation's is `quantized`).
OWN_RELATIONS = ("finetune", "adapter", "merge")

# Libraries whose weight files are told by the library (see `weight_libraries`).
SB3 = "stable-baselines3"
SPACY = "spacy"
CTRANSLATE2 = "ctranslate2"
FASTTEXT = "fasttext"
MLX = "mlx"
LIBRARIES = frozenset({SB3, SPACY, CTRANSLATE2, FASTTEXT, MLX})
# The RL Zoo's evaluation logs, zipped beside a stable-baselines3 agent.
SB3_NOT_WEIGHTS = ("train_eval_metrics",)
# spaCy components that wrap a PyTorch model (spacy-transformers, curated transformers).
SPACY_TORCH = re.compile(r"transformer", re.IGNORECASE)
# Formats told only by a repository's library, never by a name alone.
LIBRARY_ONLY = frozenset({"sb3-zip", "spacy", "spacy-torch", "whl", "ctranslate2"})


def weight_libraries(library_name: str | None, tags: Iterable[str]) -> frozenset[str]:
    """The libraries of LIBRARIES a repository says it belongs to, by its
    `library_name` or its tags (lower case)."""
    names = {str(library_name).lower()} if library_name else set()
    names |= {tag.lower() for tag in tags if isinstance(tag, str)}
    return LIBRARIES & names


def weight_format(path: str, libraries: frozenset[str] = frozenset()) -> str | None:
    """The weight format of a file in a repository listing, or None when it holds no
    weights (by its path, and the repository's `weight_libraries`)."""
    if COREML_BUNDLE.search(path):  # a Core ML bundle's weight blobs; the rest is its spec
        return "mlpackage" if COREML_WEIGHTS.search(path) else None
    name = path.rsplit("/", 1)[-1].lower()
    if name.startswith(NOT_WEIGHTS) or AUXILIARY_ARRAYS.search(name):
        return None
    if name == SPACY_LOOKUPS and (SPACY in libraries or SPACY_LOOKUPS_LAYOUT.search(path)):
        return None
    if libraries and (fmt := _library_format(path, name, libraries)) is not None:
        return fmt
    if TFJS_SHARD.match(name):
        return "tfjs"
    if "." not in name:
        return None
    if TF_DATA_SHARD.search(name):
        return "tf-checkpoint"
    if name.endswith(ONNX_EXTERNAL_DATA):
        return "onnx"
    if name.endswith(".espresso.weights"):
        return "mlmodel"
    if TAR_CHECKPOINT.search(name):
        return "pth"
    ext = name.rsplit(".", 1)[1]
    if ext == "bin":
        return _bin_format(name)
    if ext in FALLBACK_FORMATS and name.startswith(NOT_WEIGHT_PICKLES):
        return None
    ext = EXTENSIONS.get(ext, ext)
    return ext if ext in WEIGHT_FORMATS and ext not in LIBRARY_ONLY else None


def _library_format(path: str, name: str, libraries: frozenset[str]) -> str | None:
    """The format a file has in a repository of one of `libraries`, or None when the
    library says nothing of it."""
    ext = name.rsplit(".", 1)[1] if "." in name else ""
    if SB3 in libraries and ext == "zip" and not name.startswith(SB3_NOT_WEIGHTS):
        return "sb3-zip"
    if SPACY in libraries:
        if ext == "whl":
            return "whl"
        parts = path.split("/")
        if name == "model" and len(parts) >= 2:  # a pipeline component's weights
            return "spacy-torch" if SPACY_TORCH.search(parts[-2]) else "spacy"
    if CTRANSLATE2 in libraries and name == "model.bin":
        return "ctranslate2"
    if FASTTEXT in libraries and ext == "bin":
        return "fasttext"
    return None


def _bin_format(name: str) -> str:
    """A .bin file's format: PyTorch's pickle unless its name says GGML or OpenVINO IR."""
    if "ggml" in name:
        return "ggml"
    if name.startswith("openvino"):
        return "openvino"
    return "bin"


def weight_files(
    files: Iterable[F], libraries: frozenset[str] = frozenset()
) -> tuple[tuple[F, str], ...]:
    """The listing's weight files with their formats, in listing order; generic pickles
    only when no weight file of another format is listed. A .bin beside an .xml of the
    same name is OpenVINO IR's weights; `libraries` are the repository's
    `weight_libraries`."""
    if isinstance(files, tuple) and len(files) > REMEMBERED_LISTING:
        try:
            return cast("tuple[tuple[F, str], ...]", _remembered_weight_files(files, libraries))
        except TypeError:  # files that cannot be hashed: judged every time
            pass
    return _weight_files(files, libraries)


# A listing longer than this has its weight files remembered (the last two listings): the
# rubrics of an audit each read the same listing (up to 20,000 names) in turn.
REMEMBERED_LISTING = 256


@lru_cache(maxsize=2)
def _remembered_weight_files(
    files: tuple[Listed, ...], libraries: frozenset[str]
) -> tuple[tuple[Listed, str], ...]:
    return _weight_files(files, libraries)


def _weight_files(files: Iterable[F], libraries: frozenset[str]) -> tuple[tuple[F, str], ...]:
    listed = list(files)
    ir_models = {f.path[:-4].lower() for f in listed if f.path.lower().endswith(".xml")}
    found = []
    for f in listed:
        fmt = weight_format(f.path, libraries)
        if fmt == "bin" and f.path[:-4].lower() in ir_models:
            fmt = "openvino"
        if fmt is not None:
            found.append((f, fmt))
    if any(fmt not in FALLBACK_FORMATS for _, fmt in found):
        found = [(f, fmt) for f, fmt in found if fmt not in FALLBACK_FORMATS]
    return tuple(found)


def converted_formats(
    found: Iterable[tuple[object, str]],
    libraries: frozenset[str] = frozenset(),
    formats: Collection[str] = CONVERTED_FORMATS,
) -> str | None:
    """'ggml', 'mlpackage', 'onnx, tflite', 'mlx' ... when every weight file of `found`
    (`weight_files`' pairs) is in a format models are converted to, one of `formats`
    (MLX's only in a repository of that library, `libraries`); None when one is not, or
    there is none."""
    kinds = set()
    for _, fmt in found:
        if fmt in formats:
            kinds.add(fmt)
        elif MLX in libraries and fmt in MLX_FORMATS:
            kinds.add(MLX)
        else:
            return None
    return ", ".join(sorted(kinds)) or None


def conversion_kind(found: Iterable[tuple[Listed, str]], repo: str) -> str | None:
    """'gguf', 'gptq', ... when every weight file of `found` (`weight_files`' pairs) is in
    a quantisation format (QUANTISED_FORMATS); None when one is not, or there is none.

    Quantisers such as GPTQ, AWQ and EXL2 write ordinary safetensors, so their
    marker is looked for in the file path or the repository name (`repo`, lower case).
    A PEFT adapter's weights (ADAPTER_WEIGHTS: `adapter_model.*`) are the release's own
    trained weights, whatever the repo is named (a LoRA trained on a GPTQ base is
    often named after it): no marker makes them a quantisation.
    """
    kinds = set()
    for repo_file, fmt in found:
        path = f"{repo}/{repo_file.path.lower()}"
        adapter = path.rsplit("/", 1)[-1].startswith(ADAPTER_WEIGHTS)
        marker = None if adapter else next((m for m in QUANT_MARKERS if m in path), None)
        kind = fmt if fmt in QUANTISED_FORMATS else marker
        if kind is None:
            return None
        kinds.add(kind)
    return ", ".join(sorted(kinds)) or None


def format_note(fmt: str) -> str:
    """`fmt`, with what it is when the name alone does not say (FORMAT_NOTES)."""
    note = FORMAT_NOTES.get(fmt)
    return f"{fmt} ({note})" if note else fmt


def runs_code(fmt: str) -> str | None:
    """Why loading weights of this format can run code ('pickle', 'executable'), or None."""
    return WEIGHT_FORMATS.get(fmt)
