"""Which repository files hold a model's weights, in which format, and whether that
format can run code when it is loaded.

The one definition of a weight file: the weights rubric, the framework components,
the local source's "is this a model folder?" check and the Hub scan all use it.
Files are judged by name only; nothing is opened. Part of the foundation: it imports
nothing of openaudit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar


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
WEIGHT_FORMATS: dict[str, str | None] = {
    "safetensors": None, "gguf": None, "ggml": None, "onnx": None, "h5": None,
    "keras": None, "msgpack": None, "npz": None, "npy": None, "mlmodel": None,
    "mlpackage": None, "tflite": None, "pte": None, "openvino": None, "pdiparams": None,
    "tf-checkpoint": None, "skops": None,
    "bin": PICKLE, "pt": PICKLE, "pth": PICKLE, "ckpt": PICKLE, "nemo": PICKLE,
    "pdparams": PICKLE, "pkl": PICKLE, "pickle": PICKLE, "joblib": PICKLE,
    "llamafile": EXECUTABLE,
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
# Formats told by more than the extension.
TF_DATA_SHARD = re.compile(r"\.data-\d{5}-of-\d{5}$")  # SavedModel variables, TF checkpoints
ONNX_EXTERNAL_DATA = (".onnx_data", ".onnx.data")
COREML_BUNDLE = re.compile(r"\.(?:mlpackage|mlmodelc)/", re.IGNORECASE)
COREML_WEIGHTS = re.compile(r"/weights/[^/]+\.bin$|\.espresso\.weights$", re.IGNORECASE)


def weight_format(path: str) -> str | None:
    """The weight format of a file in a repository listing, or None when it holds no
    weights (by its path alone)."""
    if COREML_BUNDLE.search(path):  # a Core ML bundle's weight blobs; the rest is its spec
        return "mlpackage" if COREML_WEIGHTS.search(path) else None
    name = path.rsplit("/", 1)[-1].lower()
    if name.startswith(NOT_WEIGHTS) or "." not in name:
        return None
    if TF_DATA_SHARD.search(name):
        return "tf-checkpoint"
    if name.endswith(ONNX_EXTERNAL_DATA):
        return "onnx"
    ext = name.rsplit(".", 1)[1]
    if ext == "bin":
        return _bin_format(name)
    if ext in FALLBACK_FORMATS and name.startswith(NOT_WEIGHT_PICKLES):
        return None
    return ext if ext in WEIGHT_FORMATS else None


def _bin_format(name: str) -> str:
    """A .bin file's format: PyTorch's pickle unless its name says GGML or OpenVINO IR."""
    if "ggml" in name:
        return "ggml"
    if name.startswith("openvino"):
        return "openvino"
    return "bin"


def weight_files(files: Iterable[F]) -> tuple[tuple[F, str], ...]:
    """The listing's weight files with their formats, in listing order; generic pickles
    only when no weight file of another format is listed."""
    found = [(f, fmt) for f in files if (fmt := weight_format(f.path)) is not None]
    if any(fmt not in FALLBACK_FORMATS for _, fmt in found):
        found = [(f, fmt) for f, fmt in found if fmt not in FALLBACK_FORMATS]
    return tuple(found)


def runs_code(fmt: str) -> str | None:
    """Why loading weights of this format can run code ('pickle', 'executable'), or None."""
    return WEIGHT_FORMATS.get(fmt)
