"""The model's code among its repository's files: modelling and inference files (less
the scripts of other topics), the training configuration its library saves, and the
general runtime that runs weights of one converted format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.file_globs import file_paths
from openaudit.rubric.evaluators.generic import matching_files
from openaudit.rubric.evaluators.weights import weight_files
from openaudit.verdict import Outcome
from openaudit.weight_formats import CONVERTED_FORMATS

# The model's own code: its architecture (modelling and configuration classes) ...
MODELLING_FILES = [
    "modeling*.py", "modelling*.py", "configuration_*.py", "model.py", "models.py",
    "*_model.py", "*_modeling.py", "architecture*.py",
]  # fmt: skip
# ... and scripts that run it (a custom handler, a pipeline, a demo app).
INFERENCE_FILES = [
    *MODELLING_FILES, "inference*.py", "infer_*.py", "predict*.py", "generate*.py",
    "pipeline*.py", "handler.py", "app.py", "demo*.py", "chat*.py", "run_inference*.py",
]  # fmt: skip
# Data-processing scripts: preprocessing, preparing or processing the data or the data set,
# building the data set ("prepare_data.py", "process_sft_dataset.py", nanoGPT's
# "data/openwebtext/prepare.py", "build_pretraining_dataset.py"). "data" is a word of the
# name ("_data", "-dataset"), never in "metadata" or "data2vec", and a wildcard before it
# never stands for a folder ("image_processing/dataset.py", "build/lib/dataset.py"); a
# data file or a processor's config is no code ("dataset_info.json", "processor_config.json").
DATA_PROCESSING_FILES = [
    "preprocess*.py", "*/preprocess*.py", "*data_prep*.py",
    "prepare[_-]data*.py", "*/prepare[_-]data*.py",
    "prepare[_-]*[_-]data.py", "*/prepare[_-]*[_-]data.py",
    "process[_-]data*.py", "*/process[_-]data*.py",
    "data/*/prepare.py", "build[_-]dataset*.py", "build[_-]*[_-]dataset.py",
]  # fmt: skip
# Scripts of other topics are never modelling or inference code ("train_model.py").
TOPIC_SCRIPTS = [
    "train*.py", "*_train*.py", "*finetun*.py", "*fine_tun*.py", "eval*.py", "*_eval*.py",
    *DATA_PROCESSING_FILES, "convert*.py", "*quantiz*.py", "*merge*.py",
]  # fmt: skip
CONFIG_FILES = ["config.json", "params.json", "model_index.json"]

# Example code offered to users, by its name: a `sample_*` or `example_*` script
# ("sample_finetune.py") or a file in an examples folder ("examples/finetune_lora.py").
EXAMPLE_NAME = re.compile(
    r"(?:^|/)(?:(?:samples?|examples?)[_-][^/]*|(?:samples|examples?)/.*)$", re.IGNORECASE
)
# ... or by the card's words in a sentence naming the file: "A basic example of
# multi-GPU fine-tuning is provided [here](.../sample_finetune.py)", "a sample script",
# "as an example", "to fine-tune the model further / on your own data". The example is
# a noun phrase about code ("an example", "a basic example of ... fine-tuning",
# "example script"), not "for example", bare "samples" ("trained on 2M samples", "the
# tokenised samples it read"), "example outputs" or "examples of the data format".
_A = r"\b(?:an?|as|one|this|the|our)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
EXAMPLE_WORDS = re.compile(
    rf"{_A}(?:example|sample)\b(?![ \t]+of\b)"
    rf"|{_A}(?:example|sample)[ \t]+of\b[^.;]{{0,80}}?\b(?:fine-?tun|train|usage|using|how)"
    r"|\b(?:example|sample)s?[ \t]+(?:script|code|notebook|file|program|recipe)s?\b"
    r"|\bfine-?tun\w*[ \t]+(?:(?:it|the[ \t]+model|this[ \t]+model)[ \t]+)?"
    r"(?:further|on[ \t]+your)\b",
    re.IGNORECASE,
)
# A sentence saying the file made this model: "we trained the model with `train.py`",
# "the model was pretrained with `examples/pretrain.sh`", "`train.py`, the exact
# script that trained M". It outweighs the example name and words: the file is the
# model's own training code.
OWN_TRAINING = re.compile(
    r"(?:\b(?:we|I)[ \t]+|\b(?:the|this|our)[ \t]+model[ \t]+(?:was|were|has[ \t]+been)[ \t]+)"
    r"(?:\w+[ \t]+)?(?:pre-?|post-?)?(?:trained|fine-?tuned)\b[^.;]{0,60}?"
    r"\b(?:with|using|by[ \t]+running|via)\b"
    r"|\b(?:script|code|recipe|program)s?[ \t]+(?:that|which|we[ \t]+used[ \t]+to)[ \t]+"
    r"(?:\w+[ \t]+)?(?:pre-?|post-?)?(?:trained|fine-?tuned|train|fine-?tune|produced|built)\b",
    re.IGNORECASE,
)


def _names(name: str) -> re.Pattern[str]:
    """The file's name on a word or path boundary: "train.py" in "`train.py`" or
    ".../main/train.py", not in "sample_train.py"."""
    return re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w-])")


def _own_training(text: str, name: re.Pattern[str]) -> bool:
    """The sentence says the named file trained the model, in the clause that names it."""
    for clause in re.split(r";|\.\s", text):
        if name.search(clause) and OWN_TRAINING.search(clause):
            return True
    return False


def user_examples(ctx: ProbeContext, paths: list[str]) -> set[str]:
    """Of the repository paths, the example code offered to users, not the model's own
    pipeline: named as an example or sample (EXAMPLE_NAME), or named in a sentence of
    the card that calls it one or offers it for tuning the model further (EXAMPLE_WORDS;
    the sentences holding the file's name, on a boundary, or its link); unless a
    sentence naming it says it trained the model (OWN_TRAINING)."""
    found = {path for path in paths if EXAMPLE_NAME.search(path)}
    if not ctx.readme_read:
        return found
    sentences = own_card(ctx).sentences()
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        named = _names(name)
        texts = [text for text in sentences.holding(name) if named.search(text)]
        if any(_own_training(text, named) for text in texts):
            found.discard(path)
        elif any(EXAMPLE_WORDS.search(text) for text in texts):
            found.add(path)
    return found


def own_code(ctx: ProbeContext, globs: list[str]) -> list[str]:
    """Repository files matching the globs, less example code offered to users
    (`user_examples`: "sample_finetune.py"), which is not the model's own."""
    hits = matching_files(ctx, globs)
    examples = user_examples(ctx, hits)
    return [path for path in hits if path not in examples]


def model_code(ctx: ProbeContext, globs: list[str]) -> list[str]:
    """Repository files matching the globs, less training, evaluation, preprocessing and
    conversion scripts (a training script is not the model's architecture)."""
    scripts = set(matching_files(ctx, TOPIC_SCRIPTS))
    return [path for path in matching_files(ctx, globs) if path not in scripts]


# Library (its Hub `library_name`) -> paths, from the repository root (`*`: one folder),
# of the training configuration it saves with the model, which its public training
# command reruns: LeRobot's `lerobot-train --config_path=train_config.json` (before
# that, the Hydra config.yaml its train.py saved, training settings included), spaCy's
# `spacy train config.cfg`, the RL Zoo's hyperparameters and command-line arguments
# (config.yml, args.yml) for stable-baselines3 agents, `mlagents-learn
# configuration.yaml`, Sample Factory's experiment config, an ESPnet recipe's
# exp/<run>/config.yaml, Ultralytics' `yolo train cfg=args.yaml`. (A Trainer's
# training_args.bin is a pickle of arguments, not a configuration any command reads.)
LIBRARY_TRAINING_CONFIGS: dict[str, tuple[str, ...]] = {
    "lerobot": ("train_config.json", "config.yaml"),
    "spacy": ("config.cfg",),
    "stable-baselines3": ("config.yml", "args.yml"),
    "ml-agents": ("configuration.yaml",),
    "sample-factory": ("cfg.json",),
    "espnet": ("exp/*/config.yaml",),
    "ultralytics": ("args.yaml",),
}


@dataclass(frozen=True)
class TrainingConfig:
    """A library's training configuration saved in the repository of a model of it."""

    library: str
    paths: tuple[str, ...]
    citations: tuple[Citation, ...]

    @property
    def reason(self) -> str:
        """What was found, naming the files and the library."""
        files = ", ".join(self.paths[:3])
        return (
            f"training configuration {files} in the repo, which the {self.library} library's"
            " public training command reruns"
        )

    def outcome(self) -> Outcome:
        """Training code published (inferred: the configuration and the library's
        training script together reproduce the run; neither file says so)."""
        return Outcome.yes(self.reason, *self.citations, inferred=True)


def _matches(pattern: str, path: str) -> bool:
    """The path matches the pattern from the repository root, folder by folder."""
    parts, wanted = path.lower().split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(map(fnmatchcase, parts, wanted))


@once_per_model
def library_training_config(ctx: ProbeContext) -> TrainingConfig | None:
    """The training configuration the model's own library saved in its repository
    (LIBRARY_TRAINING_CONFIGS), with the library as declared; None without either."""
    name, cite = declared_library(ctx)
    patterns = LIBRARY_TRAINING_CONFIGS.get(name.lower()) if name else None
    if not name or not patterns:
        return None
    paths = tuple(p for p in file_paths(ctx) if any(_matches(g, p) for g in patterns))
    if not paths:
        return None
    return TrainingConfig(name, paths, (*(ctx.file(p) for p in paths[:3]), cite))


def format_runtime(ctx: ProbeContext) -> tuple[str, tuple[Citation, ...]] | None:
    """What runs the model when all its weights are in formats of one general runtime
    (weight_formats.CONVERTED_FORMATS): the reason naming the format and the runtime, and
    the citations of the weight files; None otherwise. Formats of one library (spaCy's,
    an sb3 zip) and bare tensors (safetensors, pickles) need the model's own code."""
    found = weight_files(ctx)
    runtimes = {CONVERTED_FORMATS.get(fmt) for _, fmt in found}
    if not found or len(runtimes) != 1 or None in runtimes:
        return None
    formats = ", ".join(sorted({fmt for _, fmt in found}))
    why = f"the weights are only in {formats} format, which {runtimes.pop()} runs"
    return why, tuple(ctx.file(f.path) for f, _ in found[:3])
