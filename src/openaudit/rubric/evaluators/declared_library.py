"""The library a model declares that runs it, read in one place and cited where read.

Its `library_name` (the Hub API's, else the card's), else a tag naming a library that
runs models. The code layer (the library runs the model), the weights (a PEFT
adapter's library, the libraries the listing is read with) and RL agents (a library
that trains by reinforcement learning) all read it here.
"""

from __future__ import annotations

from typing import NamedTuple

from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext

# Libraries that run models, as the Hub tags a repository with the one it belongs to
# (a tag the Hub adds beside `library_name`, or the card's own tag when that is unset):
# the Hub's library keys (huggingface.js model-libraries.ts) and the runtimes of the
# formats it tags (gguf, onnx, coreml, ...), plus toolkits whose models carry their name
# as a tag though the Hub has no key for them (funasr, ggml).
MODEL_LIBRARIES = frozenset({
    "transformers", "diffusers", "sentence-transformers", "peft", "timm", "gguf", "mlx",
    "keras", "tf-keras", "keras-hub", "open_clip", "speechbrain", "nemo", "espnet",
    "fastai", "flair", "setfit", "span-marker", "adapter-transformers", "paddlenlp",
    "spacy", "stable-baselines3", "ml-agents", "sample-factory", "pyannote-audio",
    "asteroid", "fairseq", "ctranslate2", "onnx", "transformers.js", "llamafile",
    "openvino", "coreml", "ggml", "funasr", "lerobot", "ultralytics", "sklearn",
    "allennlp", "stanza", "bertopic", "unity-sentis", "whisperkit",
})  # fmt: skip
TAGS = "api:tags"


class DeclaredLibrary(NamedTuple):
    """The declared library's name (None: none declared) and where it was read."""

    name: str | None
    citation: Citation

    @property
    def tagged(self) -> bool:
        """Named by a tag of the repository, not by a `library_name`."""
        return self.citation.where == TAGS


def library_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """The repository's tags naming a library of MODEL_LIBRARIES (any case)."""
    return tuple(t for t in tags if isinstance(t, str) and t.lower() in MODEL_LIBRARIES)


def declared_library(ctx: ProbeContext) -> DeclaredLibrary:
    """The library the model declares, and where it was read: `library_name` (the Hub's,
    cited as the API field, or the card's, cited as the card field), else the first tag
    naming a library that runs models (MODEL_LIBRARIES)."""
    if ctx.evidence.library_name:
        name = ctx.evidence.library_name
        return DeclaredLibrary(name, ctx.api("library_name", name))
    value = ctx.metadata.get("library_name")
    card = value.strip() if isinstance(value, str) and value.strip() else None
    if card is None and (tagged := library_tags(ctx.evidence.tags)):
        return DeclaredLibrary(tagged[0], ctx.api("tags", tagged[0]))
    return DeclaredLibrary(card, ctx.field("library_name", card))
