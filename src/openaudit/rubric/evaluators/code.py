"""Code-layer evaluators: inference, training and evaluation code, and its licence.

Linked code repositories are never fetched: the card's links and the text
around them are all the evidence, and their licences stay unknown offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache

from openaudit import textsearch
from openaudit.card import Link, Section, find_link
from openaudit.evidence import Citation
from openaudit.licenses import LicenseFacts
from openaudit.licenses.text import MAX_TEXT_CHARS, identify_text, identify_title
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.context.license_scope import code_licence_files
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.evaluator_helpers import (
    licence_basis,
    link_cites,
    model_name_words,
    name_words,
    no_readme,
    quote,
)
from openaudit.rubric.evaluators.file_globs import file_paths
from openaudit.rubric.evaluators.generic import matching_files
from openaudit.rubric.evaluators.weights import weight_files
from openaudit.rubric.evaluators.withheld_links import (
    CLAUSE_BREAK,
    DENIED,
    PROMISED,
    link_sentences,
    not_published,
)
from openaudit.rubric.registry import Param, evaluator
from openaudit.training_sections import (
    DATA_SECTION_NAMES,
    TRAINING_RUN_SECTION_NAMES,
    TRAINING_SECTION_NAMES,
    TRAINING_TOPIC_NAMES,
    USAGE_SECTIONS,
)
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

# General-purpose deep-learning and fine-tuning frameworks. A card that links one names
# the tool the model was trained with (MOF's "supporting libraries and tools"), not the
# model's own training code; a deep link into its recipes, configs or example scripts,
# on the model's training, is (`recipe_link`). (Not ESPnet nor SpeechBrain: their cards
# give the recipe as a path in their training commands, "cd egs2/librispeech/asr1",
# "cd recipes/LibriSpeech/ASR/transformer", beside a link to the repository's root, and
# no rule reads such a path.)
TRAINING_FRAMEWORKS = frozenset(
    {
        "github.com/huggingface/transformers", "github.com/huggingface/trl",
        "github.com/huggingface/peft", "github.com/huggingface/accelerate",
        "github.com/huggingface/alignment-handbook", "github.com/huggingface/autotrain-advanced",
        "github.com/huggingface/diffusers", "github.com/huggingface/nanotron",
        "github.com/huggingface/setfit", "github.com/huggingface/optimum-habana",
        "github.com/carperai/trlx", "github.com/openaccess-ai-collective/axolotl",
        "github.com/axolotl-ai-cloud/axolotl", "github.com/hiyouga/llama-factory",
        "github.com/unslothai/unsloth", "github.com/pytorch/torchtune",
        "github.com/pytorch/pytorch", "github.com/tensorflow/tensorflow",
        "github.com/google/jax", "github.com/jax-ml/jax", "github.com/microsoft/deepspeed",
        "github.com/microsoft/megatron-deepspeed", "github.com/nvidia/megatron-lm",
        "github.com/nvidia/nemo", "github.com/nvidia/apex", "github.com/eleutherai/gpt-neox",
        "github.com/mosaicml/llm-foundry", "github.com/mosaicml/composer",
        "github.com/lightning-ai/pytorch-lightning", "github.com/lightning-ai/lightning",
        "github.com/lightning-ai/litgpt", "github.com/lightning-ai/lit-gpt",
        "github.com/facebookresearch/fairseq", "github.com/openrlhf/openrlhf",
        "github.com/volcengine/verl", "github.com/modelscope/ms-swift",
        "github.com/ukplab/sentence-transformers", "github.com/kohya-ss/sd-scripts",
        "github.com/ostris/ai-toolkit", "github.com/ultralytics/ultralytics",
    }
)  # fmt: skip
# General tools used to merge, quantise, convert, tokenise or serve models. A card that
# links one names what the model was made or is run with, never the model's own
# training, evaluation or data-processing code, whatever the line around it says.
MODEL_TOOLS = frozenset(
    {
        "github.com/cg123/mergekit", "github.com/arcee-ai/mergekit",
        "github.com/ggerganov/llama.cpp", "github.com/ggml-org/llama.cpp",
        "github.com/ggerganov/ggml", "github.com/ggml-org/ggml",
        "github.com/ggerganov/whisper.cpp", "github.com/ggml-org/whisper.cpp",
        "github.com/abetlen/llama-cpp-python", "github.com/mozilla-ocho/llamafile",
        "github.com/autogptq/autogptq", "github.com/panqiwei/autogptq",
        "github.com/modelcloud/gptqmodel", "github.com/casper-hansen/autoawq",
        "github.com/mit-han-lab/llm-awq", "github.com/turboderp/exllamav2",
        "github.com/turboderp-org/exllamav2", "github.com/timdettmers/bitsandbytes",
        "github.com/bitsandbytes-foundation/bitsandbytes", "github.com/vllm-project/llm-compressor",
        "github.com/huggingface/optimum", "github.com/huggingface/optimum-intel",
        "github.com/intel/neural-compressor", "github.com/ml-explore/mlx",
        "github.com/ml-explore/mlx-lm", "github.com/google/sentencepiece",
        "github.com/huggingface/tokenizers", "github.com/openai/tiktoken",
        "github.com/vllm-project/vllm", "github.com/huggingface/text-generation-inference",
        "github.com/sgl-project/sglang", "github.com/nvidia/tensorrt-llm",
        "github.com/ollama/ollama", "github.com/oobabooga/text-generation-webui",
        "github.com/lostruins/koboldcpp", "github.com/marella/ctransformers",
        "github.com/mlc-ai/mlc-llm", "github.com/huggingface/candle",
        "github.com/microsoft/onnxruntime", "github.com/onnx/onnx",
        "github.com/huggingface/transformers.js", "github.com/xenova/transformers.js",
    }
)  # fmt: skip
# General evaluation toolkits and benchmark harnesses. A card that links one names the
# tool the model was evaluated with, not the model's own evaluation code (nor is its
# licence the model's code's).
EVALUATION_TOOLKITS = frozenset(
    {
        "github.com/eleutherai/lm-evaluation-harness",
        "github.com/bigcode-project/bigcode-evaluation-harness",
        "github.com/open-compass/opencompass", "github.com/open-compass/vlmevalkit",
        "github.com/evolvinglmms-lab/lmms-eval", "github.com/huggingface/lighteval",
        "github.com/huggingface/evaluate", "github.com/evalplus/evalplus",
        "github.com/openai/human-eval", "github.com/openai/simple-evals",
        "github.com/openai/evals", "github.com/tatsu-lab/alpaca_eval",
        "github.com/stanford-crfm/helm", "github.com/embeddings-benchmark/mteb",
        "github.com/modelscope/evalscope", "github.com/declare-lab/instruct-eval",
        "github.com/google/big-bench", "github.com/livecodebench/livecodebench",
        "github.com/princeton-nlp/swe-bench", "github.com/swe-bench/swe-bench",
    }
)  # fmt: skip
# The folders of a framework's repository holding its recipes, configs and example or
# recipe scripts: NeMo's and fairseq's examples/, transformers' examples/pytorch/, the
# alignment-handbook's recipes/, ESPnet's and Kaldi's egs2/ and egs/, NeMo's scripts/.
RECIPE_FOLDER = re.compile(r"examples?|recipes?|egs\w*|scripts?|configs?|projects?", re.I)
_NOT_RECIPE = re.compile(r"^readme|\.(?:md|rst|txt|ipynb)$|convert", re.I)
# Advice on tuning the model further, not how it was trained: "can be fine-tuned on a
# downstream task using [the example]", "to fine-tune it", "on your own data", "how to
# fine-tune" ("the script used to fine-tune it" says how it was).
ADVICE = re.compile(
    r"\b(?:can|could|may|might|should)\b[^.;:\n]{0,40}?\b(?:fine-?tun|finetun"
    r"|further\s+(?:pre-?)?train)"
    r"|(?<!used )\bto\s+(?:further\s+)?(?:fine-?tune|finetune)\b"
    r"|\bhow\s+to\s+(?:further\s+)?(?:fine-?tune|finetune)\b"
    r"|\byour(?:self|\s+own)\b|\byour\s+(?:data|datasets?|tasks?|use[- ]cases?)\b",
    re.IGNORECASE,
)
MIN_NAME_PART = 4  # shorter name words ("7b", "v2") say nothing of the model
GENERIC_NAME_WORDS = frozenset(
    {
        "model", "models", "base", "chat", "instruct", "large", "small", "tiny", "mini",
        "medium", "finetuned", "tuned", "lora", "merged", "gguf", "quantized", "cased",
        "uncased", "preview", "final",
    }
)  # fmt: skip


def model_words(ctx: ProbeContext) -> set[str]:
    """The distinctive words of the model's name (org/Name-7B-chat -> {"name"})."""
    words = model_name_words(ctx) - GENERIC_NAME_WORDS
    return {word for word in words if len(word) >= MIN_NAME_PART}


def _repo(link: Link) -> str:
    return (link.target or "").lower().removesuffix(".git").split("@", 1)[0]


def tool_link(link: Link) -> bool:
    """True for a link to a general tool that merges, quantises, converts, tokenises,
    serves or evaluates models (mergekit, llama.cpp, sentencepiece, vLLM,
    lm-evaluation-harness, ...)."""
    repo = _repo(link)
    return repo in MODEL_TOOLS or repo in EVALUATION_TOOLKITS


def evaluation_toolkit(link: Link) -> bool:
    """True for a link to a general evaluation toolkit or benchmark harness."""
    return _repo(link) in EVALUATION_TOOLKITS


def recipe_link(link: Link) -> bool:
    """A deep link (`/blob/` or `/tree/`) to something inside a folder of recipes,
    configs or example or recipe scripts (RECIPE_FOLDER) of the linked repository
    ("NeMo/blob/main/examples/asr/asr_ctc/speech_to_text_ctc_bpe.py",
    "espnet/tree/master/egs2/librispeech/asr1"); never the folder itself
    ("trl/tree/main/examples")."""
    path = _TREE_PATH.search(link.url)
    parts = path[1].strip("/").split("/") if path else []
    if parts and _NOT_RECIPE.search(parts[-1]):  # a page of docs, a conversion utility
        return False
    return any(RECIPE_FOLDER.fullmatch(folder) for folder in parts[:-1])


def advised(ctx: ProbeContext, link: Link) -> bool:
    """The card gives the link only as how a user could tune the model further: every
    section holding it is on using the model (USAGE_SECTIONS) or titled as advice ("How
    to fine-tune", "Fine-tune it yourself"), or each of its sentences there is advice
    ("can be fine-tuned on a downstream task using [X]")."""
    card = own_card(ctx)
    homes = card.homes_of(link.url)
    if not homes:
        return ADVICE.search(link_sentences(ctx, link)) is not None
    for home in homes:
        path = [s for s in card.section_path(home) if s is not card.title_section]
        if any(card.title_matches(s, *USAGE_SECTIONS) or ADVICE.search(s.title) for s in path):
            continue
        said = card.sentences(home.text).holding(link.url)
        if not said or not all(ADVICE.search(sentence) for sentence in said):
            return False
    return True


def framework_link(ctx: ProbeContext, link: Link) -> bool:
    """True for a link to a general-purpose training framework: its repository, its
    library source, a folder of its examples, or one of its recipes or example scripts
    (`recipe_link`) given only as how a user could tune the model (`advised`). A recipe,
    config or example script the card links otherwise is the code its training
    followed: training code, where the card speaks of training."""
    if _repo(link) not in TRAINING_FRAMEWORKS:
        return False
    return not recipe_link(link) or advised(ctx, link)


def framework_recipe(link: Link) -> bool:
    """A deep link into a training framework's recipes, configs or example scripts
    (`recipe_link`): the training code the card points to only by reading it so."""
    return _repo(link) in TRAINING_FRAMEWORKS and recipe_link(link)


@dataclass(frozen=True)
class RecipesLinked:
    """A training framework's recipes or example scripts the card links on training."""

    urls: tuple[str, ...]
    citations: tuple[Citation, ...]

    @property
    def reason(self) -> str:
        """What was found, naming the links."""
        return (
            f"linked: {', '.join(self.urls[:3])} (a training framework's recipe, config or"
            " example script, linked where the card speaks of its training)"
        )

    def outcome(self) -> Outcome:
        """Training code published (inferred: the card links the framework's script or
        recipe; that its training followed it is read from where it is linked)."""
        return Outcome.yes(self.reason, *self.citations, inferred=True)


def recipes_linked(links: list[Link]) -> RecipesLinked:
    """The framework recipes among the card's training-code links (`framework_recipe`)."""
    urls = tuple(dict.fromkeys(link.url for link in links))
    return RecipesLinked(urls, tuple(link_cites(links, 3)))


def framework_only(tools: list[Link], what: str) -> Outcome:
    """The answer when the only code links on a topic are training frameworks or general
    model tools."""
    names = ", ".join(dict.fromkeys(str(link.target) for link in tools))
    kinds = {
        "a general evaluation toolkit" if evaluation_toolkit(link)
        else "a general model tool (to merge, quantise, convert, tokenise or serve models)"
        if tool_link(link)
        else "a training framework"
        for link in tools
    }  # fmt: skip
    kind = kinds.pop() if len(kinds) == 1 else "a training framework or general model tool"
    why = f"only {kind} is linked ({names}), not this model's own {what}"
    cites = link_cites(tools, 3)
    return Outcome.no(why, *cites, inferred=True)


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


@evaluator(
    "inference_code",
    params={
        "files": Param(
            "list[str]",
            INFERENCE_FILES,
            "globs of modelling or inference code files (training, evaluation and"
            " preprocessing scripts never count)",
        )
    },
    reads=("api:library_name", "card:library_name", "api:tags", "files"),
    doc=(
        "The model can be run with published code: a library integration, modelling files,"
        " or (inferred) a general runtime of the weights' format (GGUF, ONNX, Core ML, ...)."
    ),
)
def inference_code(ctx: ProbeContext, files: list[str]) -> Outcome:
    """The model can be run with published code (a library or modelling files)."""
    name, cite = declared_library(ctx)
    if name:
        return Outcome.yes(f"runs with the {name} library", cite)
    code = model_code(ctx, files)
    if code:
        cites = [ctx.file(path) for path in code[:5]]
        return Outcome.yes(f"modelling code in the repo: {', '.join(code[:3])}", *cites)
    configs = matching_files(ctx, CONFIG_FILES)
    if configs:
        return Outcome.yes(f"a library config ({configs[0]}) is published", ctx.file(configs[0]))
    if runtime := format_runtime(ctx):
        why, weights = runtime
        return Outcome.yes(f"{why}: its public code runs the model", *weights, inferred=True)
    if not ctx.evidence.files:
        return Outcome.unknown("no file listing was read and no library is declared")
    return Outcome.no("no library is declared and the repo has no modelling code", cite)


# After a topic word's stem: a noun ending ("training", "evaluation", never
# "trained on code"), a few more words, then a word for code ("training and
# data-processing code", "evaluation scripts").
_TOPIC_CODE = re.compile(
    r"(?:ing|ion)?(?:[\s,/-]+[\w-]+){0,4}?[\s,/-]+"
    r"(?:code|codebase|scripts?|pipelines?|recipes?)\b",
    re.IGNORECASE,
)


def mentions(keywords: list[str]) -> re.Pattern[str]:
    """A pattern matching any keyword at the start of a word, case-insensitively."""
    return _mentions(tuple(keywords))


@lru_cache(maxsize=256)  # a rubric asks for a few keyword lists, for every model
def _mentions(keywords: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keywords) + ")", re.IGNORECASE)


# A participle used as an adjective of another thing ("a merge of pre-trained
# models", "the pretrained tokenizer from X", "fine-tuned checkpoints of"): it
# names what others trained, not this model's training.
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|of|from|with|on|these|those|other|its|their|existing|several|many"
    r"|multiple|some|any|all|two|three)\s+)$",
    re.IGNORECASE,
)
# ... or before the thing it describes ("Pretrained checkpoints", "fine-tuned version of").
_THING_AFTER = re.compile(
    r"\s+(?:(?:language|vision|speech|base)\s+)?(?:models?|weights|checkpoints?|versions?"
    r"|variants?|tokeni[sz]ers?|embeddings?|encoders?|decoders?|backbones?|networks?|llms?"
    r"|lms?|adapters?|parameters)\b",
    re.IGNORECASE,
)
_SUBJECT_BEFORE = re.compile(
    r"\b(?:we|i|they|it|was|were|is|are|be|been|being|has|have|had|then|first|further"
    r"|also|and)\s+$",
    re.IGNORECASE,
)
_WORD_CHARS = re.compile(r"[\w-]*")
# "Code and pretrained weights: [X]": after "and", "pretrained" before a word for a model
# or its parts names what is published beside the code, not a verb of its training.
_PRETRAINED = re.compile(r"pre-?trained", re.IGNORECASE)
_AND_BEFORE = re.compile(r"\band\s+$", re.IGNORECASE)


def _adjective(text: str, start: int) -> bool:
    """The topic word at `start` is a participle used as an adjective: after a determiner,
    or before a word for a model or its parts."""
    begin = start
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "-_"):
        begin -= 1  # the whole hyphenated word: "pre-trained", not its "trained"
    word = _WORD_CHARS.match(text, begin)
    if word is None or not word.group(0).lower().endswith("ed"):
        return False
    before = text[max(0, begin - 40) : begin]
    thing_after = _THING_AFTER.match(text, word.end()) is not None
    if _SUBJECT_BEFORE.search(before):
        # a verb: "we trained models with", "was fine-tuned"; not "code and pretrained models"
        return bool(
            thing_after and _AND_BEFORE.search(before) and _PRETRAINED.fullmatch(word.group(0))
        )
    return bool(_DETERMINER_BEFORE.search(before) or thing_after)


def says_topic(topic: re.Pattern[str], text: str) -> bool:
    """The text speaks of the topic: a topic word that is not an adjective of another
    thing ("pre-trained language models")."""
    return any(not _adjective(text, match.start()) for match in topic.finditer(text))


def _nearby(home: Section, link: Link) -> str:
    """The paragraph holding the link and the one after it, within its section."""
    paragraphs = re.split(r"\n\s*\n", home.text)
    at = next((i for i, text in enumerate(paragraphs) if link.url in text), 0)
    return "\n".join(paragraphs[at : at + 2])


def _says_code(topic: re.Pattern[str], text: str) -> bool:
    """True when the text speaks of code on the topic ("the pre-training code")."""
    return any(_TOPIC_CODE.match(text, match.end()) for match in topic.finditer(text))


# A section listing data sources ("Training data", "Datasets"), not data-processing code.
_DATA_SOURCE_TITLE = re.compile(r"\b(?:data|datasets?|corpus|corpora)\b", re.IGNORECASE)
_PROCESSING_TITLE = re.compile(
    r"process|pipeline|clean|filter|code|script|tool|recipe", re.IGNORECASE
)


# A section name that stands for its titles in other languages too (training_sections):
# a code link under "学習方法", "Procédure d'entraînement" or "Trainingsverfahren" is
# under a training heading as one under "Training Procedure" is.
TRANSLATED_TITLES: dict[str, tuple[str, ...]] = {
    "training": (*TRAINING_SECTION_NAMES, *TRAINING_RUN_SECTION_NAMES, *TRAINING_TOPIC_NAMES),
}


def _translated(sections: list[str]) -> tuple[str, ...]:
    """The titles in other languages the section names stand for."""
    return tuple(title for name in sections for title in TRANSLATED_TITLES.get(name.lower(), ()))


def _titled_about(
    ctx: ProbeContext, home: Section, topic: re.Pattern[str], sections: list[str]
) -> bool:
    """The link's section, or a section enclosing it, is titled on the topic (or, for a
    section name of TRANSLATED_TITLES, titled so in another language).

    Links in a section listing data sources (in any of training_sections' languages:
    "学習データ" is no "学習") are the sources, whatever encloses it; the card's first
    level-1 heading is its name, not a topic.
    """
    card = own_card(ctx)
    first = card.sections[0] if card.sections else None
    translated = _translated(sections)
    for section in card.section_path(home):
        title = section.title.lower()
        data = _DATA_SOURCE_TITLE.search(title) or card.title_matches(section, *DATA_SECTION_NAMES)
        if data and not _PROCESSING_TITLE.search(title):
            return False
        if section is first and section.level == 1:
            return False
        if says_topic(topic, title) or any(name.lower() in title for name in sections):
            return True
        if translated and card.title_matches(section, *translated):
            return True
    return False


# Code promised for later ("will be released soon", "after the paper is accepted") or
# denied ("is not public"): a link beside such words is no published code.
# "the repository [X] only has inference code": code on another topic only.
_ONLY = re.compile(
    r"\bonly\s+(?:(?:has|have|holds?|contains?|includes?|provides?|offers?|ships?)\s+)?"
    r"([^.;]*)",
    re.IGNORECASE,
)


def withheld(ctx: ProbeContext, link: Link, topic: re.Pattern[str]) -> str | None:
    """The sentence saying the topic's code at `link` is not published: promised for
    later or denied, in the link's own clause or a clause on the topic's code."""
    sentence = link_sentences(ctx, link)
    for clause in CLAUSE_BREAK.split(sentence):
        here = link.url in clause
        on_topic_code = says_topic(topic, clause) and bool(_CODE_WORDS.search(clause))
        if (here or on_topic_code) and (PROMISED.search(clause) or DENIED.search(clause)):
            return sentence.strip()
        only = _ONLY.search(clause) if here else None
        if only and _CODE_WORDS.search(only[1]) and not says_topic(topic, only[1]):
            return sentence.strip()
    return None


# Repositories named for what they hold that is not code for the model: a project's data,
# assets, annotation guidelines ("ffhq-dataset", "assets", "clearnlp-guidelines") or, save
# for evaluation code, its benchmark.
DATA_REPO_WORDS = frozenset(
    {"dataset", "datasets", "corpus", "corpora", "assets", "asset", "guidelines", "guideline",
     "annotations"}
)  # fmt: skip
BENCHMARK_REPO_WORDS = frozenset({"benchmark", "benchmarks", "leaderboard"})
# A link given as what the model was trained on ("trained on the [MS MARCO Passage
# Ranking](...) task"), or followed by what it is ("the [COCO](...) dataset").
_DATA_BEFORE = re.compile(
    r"\b(?:(?:pre-?)?train(?:ed|ing)|fine-?tun(?:ed|ing)|tuned|distilled)\s+on\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EVALUATED_BEFORE = re.compile(
    r"\b(?:evaluated|tested|benchmarked)\s+on\s+(?:the\s+)?$", re.IGNORECASE
)
_DATA_AFTER = re.compile(r"\s*(?:datasets?|data|corpus|corpora|task|challenge)\b", re.IGNORECASE)
_BENCHMARK_AFTER = re.compile(r"\s*(?:benchmarks?|leaderboard)\b", re.IGNORECASE)
_DATA_TEXT = re.compile(r"\b(?:datasets?|corpus|corpora)\s*$", re.IGNORECASE)
# A file in a repository's releases (weights, archives): a download, not code.
_RELEASE_FILE = re.compile(r"/releases/download/", re.IGNORECASE)
# A link into a file or folder of a repository ("/blob/main/input_pipeline.py").
_DEEP_LINK = re.compile(r"/(?:blob|tree|raw)/[^?#]+", re.IGNORECASE)
# "trained with [X]", "fine-tuned using the [X]": the card says the model was trained with it.
_TRAINED_WITH = re.compile(
    r"\b(?:(?:pre-?)?trained|fine-?tuned|tuned)\s+(?:[\w-]+\s+){0,3}?(?:with|using|via|by)"
    r"\s+(?:the\s+|our\s+|this\s+)?$",
    re.IGNORECASE,
)
_REACH = 60  # characters read on each side of a link for what it is


def _link_spans(body: str, link: Link) -> list[tuple[int, int]]:
    """(start, end) of each place the link stands in the body: its whole `[text](url)`
    markup, or the bare URL."""
    spans = []
    at = find_link(body, link.url)
    while at != -1:
        end = at + len(link.url)
        start = body.rfind("[", 0, at) if body[at - 2 : at] == "](" else at
        end += body[end : end + 1] in (")", ">")
        spans.append((max(start, 0), end))
        at = find_link(body, link.url, end)
    return spans


def _linked_as_data(ctx: ProbeContext, link: Link, evaluation: bool) -> bool:
    """The card gives the link as data: what the model was trained on, a dataset, a task
    (or, save for evaluation code, a benchmark evaluated on)."""
    if _DATA_TEXT.search(link.text):
        return True
    body = own_card(ctx).body
    for start, end in _link_spans(body, link):
        before, after = body[max(0, start - _REACH) : start], body[end : end + _REACH]
        if _DATA_BEFORE.search(before) or _DATA_AFTER.match(after):
            return True
        if not evaluation and (_EVALUATED_BEFORE.search(before) or _BENCHMARK_AFTER.match(after)):
            return True
    return False


def _repo_parts(link: Link) -> tuple[str, str]:
    """(owner, name) of a code link's repository, lowercase."""
    parts = _repo(link).split("/")
    return (parts[1], parts[2]) if len(parts) >= 3 else ("", parts[-1])


def _named_after_model(name: str, model: set[str]) -> bool:
    """A repository name sharing a distinctive word with the model's name."""
    parts = {part for part in name_words(name) if len(part) >= MIN_NAME_PART}
    return any(word.startswith(part) or part.startswith(word) for part in parts for word in model)


def _other_project(ctx: ProbeContext, link: Link) -> bool:
    """A link into a file or folder of another project's repository: not named after the
    model, while the card links the model's own repository, under another owner
    ("preprocessing as in [vision_transformer/.../input_pipeline.py]" on a DETR card that
    links facebookresearch/detr)."""
    if not _DEEP_LINK.search(link.url):
        return False
    model = model_words(ctx)
    owner, name = _repo_parts(link)
    if _named_after_model(name, model):
        return False
    links = own_card(ctx).links_of("code")
    owners = {_repo_parts(o)[0] for o in links if _named_after_model(_repo_parts(o)[1], model)}
    return bool(owners) and owner not in owners


def not_model_code(
    ctx: ProbeContext, link: Link, topic: re.Pattern[str] | None = None
) -> str | None:
    """Why a code-host link is not the model's own code, else None: a file in a
    repository's releases, a repository of data, assets, guidelines or a benchmark (by its
    name, or by the card's words: "trained on [X]", "[X] dataset"), or a file of another
    project. Not when the link's sentence says it is code on the topic or that the model
    was trained with it."""
    evaluation = topic is not None and topic.search("evaluation") is not None
    if _RELEASE_FILE.search(link.url):
        why = "a file in a repository's releases"
    elif name_words(_repo_parts(link)[1]) & (
        DATA_REPO_WORDS if evaluation else DATA_REPO_WORDS | BENCHMARK_REPO_WORDS
    ):
        why = "a repository of data, assets, guidelines or a benchmark"
    elif _linked_as_data(ctx, link, evaluation):
        why = "given as data the model was trained or evaluated on"
    elif _other_project(ctx, link):
        why = "a file of another project"
    else:
        return None
    if topic is not None:
        sentence = link_sentences(ctx, link)
        body = own_card(ctx).body
        trained_with = any(
            _TRAINED_WITH.search(body[max(0, start - _REACH) : start])
            for start, _ in _link_spans(body, link)
        )
        if trained_with or _says_code(topic, sentence):
            return None
    return why


def published_code_links(ctx: ProbeContext) -> list[Link]:
    """The card's code links to the model's own code: neither a general model tool, nor
    data, assets or another project's file (`not_model_code`), nor code the card says is
    not published yet."""
    links = own_card(ctx).links_of("code")
    return [
        link
        for link in links
        if not tool_link(link) and not not_model_code(ctx, link) and not not_published(ctx, link)
    ]


def model_code_links(ctx: ProbeContext, topic: re.Pattern[str]) -> list[Link]:
    """The card's code links that may hold the model's code on the topic (see
    `not_model_code`)."""
    return [link for link in own_card(ctx).links_of("code") if not not_model_code(ctx, link, topic)]


def set_aside(ctx: ProbeContext, topic: re.Pattern[str]) -> str:
    """The code links set aside as not the model's code, for a reason: '; not the model's
    code: X (why)', or ''."""
    shown = [
        f"{link.url if _DEEP_LINK.search(link.url) else link.target or link.url} ({why})"
        for link in own_card(ctx).links_of("code")
        if (why := not_model_code(ctx, link, topic))
    ]
    return f"; not the model's code: {', '.join(dict.fromkeys(shown[:3]))}" if shown else ""


# Words calling a link the model's own code: "Original:", "first released in [this
# repository]", "the official implementation", "the original code repository".
_ORIGINAL = re.compile(
    r"\b(?:original|official|first\s+released|released\s+(?:in|at)|implementation"
    r"|source\s+code|code\s*base|code\s+repositor)",
    re.IGNORECASE,
)


def may_hold_model_code(ctx: ProbeContext, link: Link) -> bool:
    """A published code link that may hold the model's own code, unread: the model's own
    repository (`first_party`), or one the card calls the original or official code."""
    return first_party(ctx, link) or bool(
        _ORIGINAL.search(link.text) or _ORIGINAL.search(link_sentences(ctx, link))
    )


def no_topic_link(
    ctx: ProbeContext, topic: re.Pattern[str], what: str, identified: frozenset[str] = frozenset()
) -> Outcome:
    """No code link is about the topic (`what` says so): inferred when that was judged by
    the words around links that may hold the model's code, or that were set aside as not
    its code (their repositories are not read); stated otherwise (no code link, only a
    third party's, or only code `identified` as another topic's, by target)."""
    judged = set_aside(ctx, topic)
    own = [
        link
        for link in published_code_links(ctx)
        if (link.target or link.url) not in identified and may_hold_model_code(ctx, link)
    ]
    if not judged and not own:
        return Outcome.no(what, ctx.readme())
    why = (f"{what} (judged by the card's words around its code links; their repositories "
           f"were not read){judged}")  # fmt: skip
    return Outcome.no(why, ctx.readme(), inferred=True)


# Headings under which a card lists the model's own repositories.
OWN_CODE_SECTIONS = ["Model Sources", "Code", "Repository", "Repositories", "Source Code"]
_TREE_PATH = re.compile(r"/(?:tree|blob)/[^/?#]+/([^?#]+)", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"[\s_.]+")


def repo_name_pattern(stems: list[str]) -> re.Pattern[str]:
    """A pattern matching any stem at the start of a part of a repository's name or path
    ("eval" in "terra-eval", "evals", "thinker/eval"; never in "medieval")."""
    return _repo_names(tuple(stems))


@lru_cache(maxsize=64)
def _repo_names(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:^|[-/])(?:" + "|".join(re.escape(s) for s in stems) + ")", re.I)


def _code_name(link: Link) -> str | None:
    """The linked repository's name and the path inside it, lower case with "-" between
    words ("terra-eval", "thinker/eval"); None for a link that names no repository."""
    parts = _repo(link).split("/")
    if len(parts) < 3 or not parts[2]:
        return None
    path = _TREE_PATH.search(link.url)
    return _NAME_SEPARATORS.sub("-", (parts[2] + (f"/{path[1]}" if path else "")).lower())


def _same_owner(owner: str, org: str) -> bool:
    """The code host's owner is the Hub publisher: the same name, or one the start of the
    other ("qwenlm" and "qwen"), letters and digits only."""
    a, b = (re.sub(r"[^a-z0-9]", "", name.lower()) for name in (owner, org))
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= MIN_NAME_PART and (a.startswith(b) or b.startswith(a)))


def first_party(ctx: ProbeContext, link: Link) -> bool:
    """The code link is to the model's own repository: published by the model's publisher,
    named with a distinctive word of the model's name, or listed under a heading of the
    model's own code ("Model Sources", "Code", "Repository"). A general tool or training
    framework never is."""
    repo = _repo(link)
    parts = repo.split("/")
    if len(parts) < 3 or repo in TRAINING_FRAMEWORKS or tool_link(link):
        return False
    org = (ctx.evidence.repo_id or "").partition("/")[0]
    if org and _same_owner(parts[1], org):
        return True
    if name_words(parts[2]) & model_words(ctx):
        return True
    card = own_card(ctx)
    return any(
        card.title_matches(section, *OWN_CODE_SECTIONS)
        for home in card.homes_of(link.url)
        for section in card.section_path(home)
    )


def named_for(ctx: ProbeContext, link: Link, names: re.Pattern[str] | None) -> bool:
    """The model's own repository named for the topic ("terra-eval", "brise-train")."""
    if names is None:
        return False
    name = _code_name(link)
    return name is not None and names.search(name) is not None and first_party(ctx, link)


def about(
    ctx: ProbeContext,
    link: Link,
    topic: re.Pattern[str],
    sections: list[str],
    names: re.Pattern[str] | None = None,
) -> bool:
    """True when a code link is about the topic: its text, its sentence, its section (or
    an enclosing one) or the paragraph around it says so, or it is the model's own
    repository named for the topic (`names`); and its sentence does not say that code is
    still to come or not public."""
    if withheld(ctx, link, topic) is not None:
        return False
    if named_for(ctx, link, names):
        return True
    if says_topic(topic, link.text) or says_topic(topic, link_sentences(ctx, link)):
        return True
    return any(
        _titled_about(ctx, home, topic, sections) or _says_code(topic, _nearby(home, link))
        for home in own_card(ctx).homes_of(link.url)
    )


@evaluator(
    "code_linked",
    params={
        "keywords": Param("list[str]", doc="word starts that mark the topic, e.g. 'train'"),
        "sections": Param(
            "list[str]",
            [],
            "section titles whose code links count ('Training' in the languages of the"
            " data sections too: '学習方法', 'Procédure d'entraînement')",
        ),
        "files": Param("list[str]", [], "globs of repo files that count as such code"),
        "frameworks": Param(
            "bool", True, "whether links to general-purpose training frameworks count"
        ),
        "repo_names": Param(
            "list[str]",
            [],
            "starts of a name part of the model's own repository that name the topic"
            " ('eval' in 'terra-eval')",
        ),
        "library_configs": Param(
            "bool",
            False,
            "whether a training configuration that the model's own library saves in the"
            " repo (LeRobot's train_config.json, spaCy's config.cfg) counts: the library's"
            " public training command reruns it",
        ),
    },
    reads=("README.md", "files", "api:library_name", "card:library_name", "api:tags"),
    doc=(
        "Code on the topic is published: a code link whose text, line or section is about it,"
        " the model's own repository named for it, or (library_configs) a training"
        " configuration of the model's library in the repo (inferred)."
    ),
)
def code_linked(
    ctx: ProbeContext,
    keywords: list[str],
    sections: list[str],
    files: list[str],
    frameworks: bool,
    repo_names: list[str],
    library_configs: bool,
) -> Outcome:
    """Code on a topic (training, evaluation, ...) is in the repo or linked from the card,
    or (`library_configs`) a training configuration of the model's library is in the repo."""
    in_repo = matching_files(ctx, files) if files else []
    if in_repo:
        cites = [ctx.file(path) for path in in_repo[:5]]
        return Outcome.yes(f"in the repo: {', '.join(in_repo[:3])}", *cites)
    config = library_training_config(ctx) if library_configs else None
    if not ctx.readme_read:
        return config.outcome() if config else no_readme(ctx)
    topic = mentions(keywords)
    names = _repo_names(tuple(repo_names)) if repo_names else None
    candidates = model_code_links(ctx, topic)
    links = [link for link in candidates if about(ctx, link, topic, sections, names)]
    tools = [
        link for link in links if tool_link(link) or (not frameworks and framework_link(ctx, link))
    ]
    links = [link for link in links if link not in tools]
    recipes = [link for link in links if not frameworks and framework_recipe(link)]
    if links and len(recipes) == len(links):
        return recipes_linked(recipes).outcome()
    if links:
        targets = ", ".join(dict.fromkeys(link.target or link.url for link in links))
        return Outcome.yes(f"linked: {targets}", *link_cites(links))
    if config:
        return config.outcome()
    if tools:
        return framework_only(tools, "code")
    pending = (withheld(ctx, link, topic) for link in own_card(ctx).links_of("code"))
    if sentence := next((text for text in pending if text), None):
        reason = f"the card says the code is not published: {quote([sentence[:200]])}"
        return Outcome.no(reason, ctx.readme(), inferred=True)
    total = len(own_card(ctx).links_of("code"))
    what = f"none of the card's {total} code link(s) is about {quote(keywords)}"
    return no_topic_link(ctx, topic, what)


@evaluator(
    "code_osi_licensed",
    params={"files": Param("list[str]", ["*.py"], "globs of code files in the repo")},
    reads=("files", "card:license", "file:LICENSE*", "README.md"),
    doc=(
        "The published code is under an OSI-approved licence (repo code: its own licence file,"
        " LICENSE-CODE, else the model licence)."
    ),
)
def code_osi_licensed(ctx: ProbeContext, files: list[str]) -> Outcome:
    """The code published with the model is under an OSI-approved licence."""
    code = matching_files(ctx, files)
    if code:
        return _repo_code_license(ctx, code)
    # a general model tool's licence is not the model's code's, nor is a licence stated
    # for code still to come
    own = published_code_links(ctx) if ctx.readme_read else []
    if own:
        return _linked_code_license(ctx, own[0])
    name, cite = declared_library(ctx)
    if name:
        return Outcome.unknown(
            f"the only code is the {name} integration, licensed by the library", cite
        )
    return Outcome.no("no code is published with the model", Citation("files"))


# A sentence about code that names a licence: "The training code is released
# under the Apache 2.0 licence." Bounded, linear patterns only.
_CODE_WORDS = re.compile(r"\b(code|codebase|scripts?|repository|repo)\b", re.IGNORECASE)
_LICENSE_WORDS = re.compile(r"licen[cs]", re.IGNORECASE)
# A licence name that states the code's licence without the word "licence": in brackets
# right after the code ("Training code (MIT): URL") or after "under" ("released under
# Apache-2.0"). Tested on the text before the name and the character after it.
_UNDER = re.compile(r"\bunder\s+(?:the\s+)?$", re.IGNORECASE)
_BRACKETED = re.compile(r"\b(?:code|codebase|scripts?|repository|repo)\s*\(\s*$", re.IGNORECASE)
_STATEMENT_WORDS = re.compile(r"licen[cs]|\bunder\b|\(", re.IGNORECASE)
# A sentence about training data ("source code under ODC-By", "tokens under
# CC-BY") states the data's licence, not the code's.
_DATA_WORDS = re.compile(r"\b(datasets?|corpus|corpora|tokens|training data)\b", re.IGNORECASE)
_LICENSE_NAMES = re.compile(
    r"\b(apache(?: license)?,?(?: version)?[- ]?2(?:\.0)?|mit|bsd[- ]?[23][- ]clause|"
    r"[al]?gpl[- ]?v?[23](?:\.0)?|mpl[- ]?2(?:\.0)?|isc|unlicense|cc0(?:[- ]1\.0)?|"
    r"cc[- ]by(?:[- ](?:nc|sa|nd))*(?:[- ]\d\.\d)?)\b",
    re.IGNORECASE,
)
MAX_SCANNED_CHARS = 200_000


def stated_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    """(licence facts, sentence) when the card says which licence its code is under."""
    return ctx.cached("stated_code_license", lambda: _stated_code_license(ctx))


def _stated_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    from openaudit.licenses import lookup

    body = ctx.card.body[:MAX_SCANNED_CHARS]
    # a sentence's licence word and licence name are the body's too: without both, none has them
    if not textsearch.may_match(_LICENSE_NAMES, body) or not _STATEMENT_WORDS.search(body):
        return None
    text = ctx.card.body
    sentences = ctx.card.sentences()
    spans, texts = sentences.spans, sentences.texts
    # the cheapest tests first: the sentences holding a code word's needles, found at once
    for index in textsearch.spans_may_match(_CODE_WORDS, text, spans):
        (start, end), sentence = spans[index], texts[index]
        if start >= MAX_SCANNED_CHARS:
            break
        if not (
            textsearch.span_may_match(_LICENSE_NAMES, text, start, end)
            and _STATEMENT_WORDS.search(sentence)
        ):
            continue
        code = _CODE_WORDS.search(sentence)
        if code is None:
            continue
        worded = _LICENSE_WORDS.search(sentence) is not None
        # the licence must be named after the code it is about ("code ... under MIT")
        for match in _LICENSE_NAMES.finditer(sentence, code.end()):
            before = sentence[: match.start()]
            if not (worded or _UNDER.search(before) or _BRACKETED.search(before)):
                continue
            # a data word up to the licence's line says it is the data's licence; a line
            # ending in a URL runs on into the next sentence, which is not read
            line_end = sentence.find("\n", match.end())
            upto = sentence if line_end < 0 else sentence[:line_end]
            if textsearch.search(_DATA_WORDS, upto):
                break
            facts = lookup(match.group(1))
            if facts is not None:
                return facts, " ".join(upto.split())[:200]
    return _licence_section_code_license(ctx)


# A section on licensing ("## License", "## License: AGPL-3.0", "License and Acknowledgement").
_LICENCE_TITLE = re.compile(r"licen[cs]", re.IGNORECASE)
# Words for code in a licence section: its package and software too.
_SECTION_CODE_WORDS = re.compile(
    r"\b(?:code|codebase|scripts?|repository|repo|software|package|library)\b", re.IGNORECASE
)
# A licence file inside a code repository ("github.com/org/repo/blob/main/LICENSE").
_REPO_LICENCE_FILE = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)/[^/\s)]+"
    r"/[^/\s)]+/(?:-/)?(?:blob|tree|raw|src)/[^\s)]*/licen[cs]e[\w.-]*\)",
    re.IGNORECASE,
)
# A paragraph, one list item or one table row of a section ("| Weights | CC BY-NC 4.0 |"
# and "| Code | Apache 2.0 |" state two licences, each of its row's component).
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t])|\n(?=[ \t]*\|)")


def _licence_section_code_license(ctx: ProbeContext) -> tuple[LicenseFacts, str] | None:
    """(licence facts, text) when a section on licensing states the code's licence: a
    paragraph or list item naming a licence (or under a title naming one, "## License:
    AGPL-3.0") that names the code, its software or package in the same sentence, or links
    the licence file of a code repository. Never a sentence about the data."""
    from openaudit.licenses import lookup

    for section in ctx.card.sections:
        if not _LICENCE_TITLE.search(section.title):
            continue
        titled = _LICENSE_NAMES.search(section.title)
        for block in _BLOCK_BREAK.split(section.text[:MAX_SCANNED_CHARS]):
            name = _LICENSE_NAMES.search(block) or titled
            if name is None or textsearch.search(_DATA_WORDS, block):
                continue
            sentences = ctx.card.sentences(block).texts
            code = _REPO_LICENCE_FILE.search(block) is not None or any(
                _SECTION_CODE_WORDS.search(text)
                and (_LICENSE_NAMES.search(text) or (titled and not _LICENSE_NAMES.search(block)))
                for text in sentences
            )
            facts = lookup(name.group(1)) if code else None
            if facts is not None:
                return facts, " ".join(block.split())[:200]
    return None


def _linked_code_license(ctx: ProbeContext, link: Link) -> Outcome:
    """Linked code: the card's own statement of its licence, else unknown offline."""
    where = Citation("README.md", link.target or link.text or None, link.url)
    stated = stated_code_osi(ctx, "the linked code", where)
    if stated is None:
        shown = link.target or link.url
        return Outcome.unknown(f"the code is linked ({shown}); no licence for it is stated", where)
    return stated


def stated_code_osi(ctx: ProbeContext, what: str, *cites: Citation) -> Outcome | None:
    """Whether the licence the card states for its code ("Training code (MIT): URL") is
    OSI-approved, citing the statement before `cites`; None when the card states none."""
    stated = stated_code_license(ctx)
    if stated is None:
        return None
    facts, sentence = stated
    said = Citation("README.md", sentence, ctx.evidence.file_url("README.md"))
    shown = f"the card says {what} is under '{facts.id}'"
    if facts.osi_approved is None:
        return Outcome.unknown(f"{shown}; whether it is OSI-approved is not known", said, *cites)
    if facts.osi_approved:
        return Outcome.yes(f"{shown}, OSI-approved", said, *cites)
    return Outcome.no(f"{shown}, not OSI-approved", said, *cites)


def code_licence_file(ctx: ProbeContext) -> tuple[str, LicenseFacts] | None:
    """The repo's licence file for its code alone (LICENSE-CODE beside LICENSE-MODEL, a
    plain LICENSE beside MODEL_LICENSE: license_scope.code_licence_files), with the
    licence its text or title identifies ("MIT License", "MIT"); None when there is none
    or it names no licence known. MOT's precedence gives the code this licence, its
    type's, before the distribution licence."""
    return ctx.cached("code_licence_file", lambda: _code_licence_file(ctx))


def _code_licence_file(ctx: ProbeContext) -> tuple[str, LicenseFacts] | None:
    from openaudit.licenses import lookup

    files = {f.path: f for f in ctx.evidence.license_files}
    for path in code_licence_files(tuple(files)):
        text = files[path].text
        head = text[:MAX_TEXT_CHARS] if text else ""
        found = identify_text(head) or identify_title(head) if head else None
        facts = lookup(found) if found else None
        if facts is not None:
            return path, facts
    return None


def code_file_osi(ctx: ProbeContext, code: list[str]) -> Outcome | None:
    """Whether repo code is under an OSI-approved licence, as the repo's code licence
    file says (stated: the file's name and identified text); None without one."""
    own = code_licence_file(ctx)
    if own is None:
        return None
    path, facts = own
    cites = (ctx.file(path, facts.id), *(ctx.file(p) for p in code[:3]))
    shown = f"repo code is under '{facts.id}' (its own licence file {path})"
    if facts.osi_approved is None:
        return Outcome.unknown(f"{shown}: whether it is OSI-approved is not known", *cites)
    if facts.osi_approved:
        return Outcome.yes(f"{shown}, OSI-approved", *cites)
    return Outcome.no(f"{shown}, not OSI-approved", *cites)


def _repo_code_license(ctx: ProbeContext, code: list[str]) -> Outcome:
    """Code files in the repo fall under the repo's code licence file, else the model's
    licence."""
    if (own := code_file_osi(ctx, code)) is not None:
        return own
    report = ctx.license
    cites = (*(ctx.file(path) for path in code[:3]), *(c.citation for c in report.claims))
    facts = report.facts
    if facts is None:
        if report.claims:
            return Outcome.unknown(f"the repo licence is not identified: {report.reason}", *cites)
        return Outcome.no("the repo code has no licence", *cites)
    if facts.osi_approved is None:
        return Outcome.unknown(f"whether '{facts.id}' is OSI-approved is not known", *cites)
    shown = f"repo code is under '{facts.id}'"
    if facts.osi_approved:
        return licence_basis(ctx, Outcome.yes(f"{shown}, OSI-approved", *cites))
    return licence_basis(ctx, Outcome.no(f"{shown}, not OSI-approved", *cites))
