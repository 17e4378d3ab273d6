"""Links to general-purpose code that is not the model's own: training frameworks,
model tools (to merge, quantise, convert, tokenise or serve models) and evaluation
toolkits, and the deep links into a framework's recipes that are its training code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openaudit.card import Link
from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.code_link_paths import TREE_PATH, link_repo
from openaudit.rubric.evaluators.evaluator_helpers import link_cites
from openaudit.rubric.evaluators.withheld_links import link_sentences
from openaudit.training_sections import USAGE_SECTIONS
from openaudit.verdict import Outcome

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


def tool_link(link: Link) -> bool:
    """True for a link to a general tool that merges, quantises, converts, tokenises,
    serves or evaluates models (mergekit, llama.cpp, sentencepiece, vLLM,
    lm-evaluation-harness, ...)."""
    repo = link_repo(link)
    return repo in MODEL_TOOLS or repo in EVALUATION_TOOLKITS


def evaluation_toolkit(link: Link) -> bool:
    """True for a link to a general evaluation toolkit or benchmark harness."""
    return link_repo(link) in EVALUATION_TOOLKITS


def recipe_link(link: Link) -> bool:
    """A deep link (`/blob/` or `/tree/`) to something inside a folder of recipes,
    configs or example or recipe scripts (RECIPE_FOLDER) of the linked repository
    ("NeMo/blob/main/examples/asr/asr_ctc/speech_to_text_ctc_bpe.py",
    "espnet/tree/master/egs2/librispeech/asr1"); never the folder itself
    ("trl/tree/main/examples")."""
    path = TREE_PATH.search(link.url)
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
    if link_repo(link) not in TRAINING_FRAMEWORKS:
        return False
    return not recipe_link(link) or advised(ctx, link)


def framework_recipe(link: Link) -> bool:
    """A deep link into a training framework's recipes, configs or example scripts
    (`recipe_link`): the training code the card points to only by reading it so."""
    return link_repo(link) in TRAINING_FRAMEWORKS and recipe_link(link)


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
