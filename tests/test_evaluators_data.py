"""Table-driven tests of the data-layer evaluators."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.evidence import Evidence, LinkedRepo, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.training_data import _has_capital
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer

CARD = "---\ndatasets: [org/a, org/b]\n---\n# M\n"


def ds(
    repo_id: str, license: str | None = "cc-by-4.0", status: str = "ok", **kw: Any
) -> LinkedRepo:
    data = {} if license is None else {"license": license}
    return LinkedRepo(repo_id, "dataset", status, card_data=data, **kw)  # type: ignore[arg-type]


def ev(readme: str | None = CARD, *datasets: LinkedRepo, **fields: Any) -> Evidence:
    fields.setdefault("source", "hub")
    return Evidence(ref="org/m", readme=readme, datasets=datasets, **fields)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.reason


BOTH = (ds("org/a"), ds("org/b", "mit"))

LINKED_IN_DATA = (
    "---\nlicense: mit\n---\n# M\n## Training Details\n### Training Data\n"
    "Trained on [a corpus](https://huggingface.co/datasets/org/corpus).\n"
)
LINKED_IN_EVAL = (
    "---\nlicense: mit\n---\n# M\n## Evaluation\n### Testing Data\n"
    "Scored on [a benchmark](https://huggingface.co/datasets/org/bench).\n"
)
LINKED_ELSEWHERE = (
    "---\nlicense: mit\n---\n# M\n## Uses\n"
    "Fine-tune it on [your data](https://huggingface.co/datasets/org/example).\n"
)

NO_BASE = "---\nlicense: mit\n---\n# M\n"
TUNED_SECTION = NO_BASE + (
    "## Fine-tuning on 8 GPUs\nTuned from [Base 7B](https://huggingface.co/org/basemodel).\n"
)
TRAINER_LINE = NO_BASE + (
    "This model is a fine-tuned version of [org/basemodel](https://huggingface.co/org/basemodel)"
    " on an instruction dataset.\n"
)
COMPARED = NO_BASE + "## Comparison\nIt beats [Other 7B](https://huggingface.co/org/other).\n"
ARCHITECTURE_OF = NO_BASE + (
    "Trained from scratch, based on the [Llama](https://huggingface.co/org/llama) architecture.\n"
)
TEMPLATE_LINE = NO_BASE + (
    "## Model Details\n### Model Description\n- **Finetuned from model [optional]:** "
    "[mistralai/Mistral-7B-v0.1](https://huggingface.co/mistralai/Mistral-7B-v0.1)\n"
)
BASE_URL_LINE = NO_BASE + "Base model: https://huggingface.co/org/basemodel\n"
LEGACY_ID = NO_BASE + (
    "This model is a fine-tuned version of [distilbert-base-uncased]"
    "(https://huggingface.co/distilbert-base-uncased) on the imdb dataset.\n"
)
GENERATOR = NO_BASE + (
    "## Training Data\nThe stories were generated with [Gen](https://huggingface.co/org/gen).\n"
)
SCRATCH = NO_BASE + (
    "## Training\nTrained from scratch with the [Llama](https://huggingface.co/org/llama) "
    "tokenizer.\n"
)
TOKENIZER_OF = NO_BASE + "Its tokenizer is based on [Llama](https://huggingface.co/org/llama).\n"
JUDGE = NO_BASE + (
    "Answers were judged by a grader built on [Judge](https://huggingface.co/org/judge).\n"
)
OWN_VARIANT = NO_BASE + (
    "## Fine-tuning\nSee [org/m-instruct](https://huggingface.co/org/m-instruct) for our "
    "instruction-tuned version.\n"
)
TUNED_FROM_OWN_STAGE = NO_BASE + (
    "This model is a fine-tuned version of [org/m-sft](https://huggingface.co/org/m-sft) on a "
    "preference dataset.\n"
)
# A Hub model linked in a training section in another role than the base (its own sentence
# says so), and twins where the link is the base and the role word is in another sentence.
BASE_7B = "[org/base-7b](https://huggingface.co/org/base-7b)"
IN_TRAINING_AS = {
    "hyperparameters follow those of [X]": f"Hyperparameters follow those of {BASE_7B}.",
    "we used [X] to rewrite documents": f"We used {BASE_7B} to rewrite low-quality documents.",
    "our loss curve closely matches [X]": f"Our loss curve closely matches {BASE_7B} at 1T.",
    "as a baseline we evaluated [X]": f"As a baseline we evaluated {BASE_7B} on the prompts.",
    "we follow the recipe of [X]": f"We follow the training recipe of {BASE_7B}.",
}
COMMUNITY_TUNES = NO_BASE + (
    "## Fine-tuning\nCommunity fine-tunes of this model include "
    "[someone/m-medical](https://huggingface.co/someone/m-medical).\n"
)
ARCHITECTURE_BASED_ON = NO_BASE + (
    f"## Model Details\nThe architecture is based on {BASE_7B}, but all weights were randomly "
    "initialised and pretrained on our data.\n"
)
TUNED_THEN_EVALUATED = NO_BASE + (
    f"## Fine-tuning on 8 GPUs\nLoRA on {BASE_7B} for 3 epochs. We evaluated it on MMLU.\n"
)
DELTA = NO_BASE + "## Apply Delta Weights\nAdd these weights to the original ones.\n"
# A base named in prose, in the words between the phrase and the link, or on a definition line.
LLAMA = "[Llama-3-8B](https://huggingface.co/org/llama-3-8b)"
FINETUNE_NOUN = NO_BASE + f"Hermesish is a fine-tune of {LLAMA} on chat data.\n"
NAME_THEN_LINK = NO_BASE + (
    "Hermesish is a fine-tune of Meta Llama 3 8B ([org/llama-3-8b]"
    "(https://huggingface.co/org/llama-3-8b)) on chat data.\n"
)
FURTHER_TRAINED = NO_BASE + f"We further trained {LLAMA} with full-parameter SFT.\n"
CONTINUED_PRETRAINING = NO_BASE + f"Continued pretraining of {LLAMA} on code.\n"
MERGE_OF = NO_BASE + f"A merge of {LLAMA} and a math model.\n"
QUANTISATION_OF = NO_BASE + f"4-bit GPTQ quantization of {LLAMA}, made with AutoGPTQ.\n"
ORIGINAL_LINE = NO_BASE + f"- Model creator: Org\n- Original model: {LLAMA}\n"
COMPARED_WITH = NO_BASE + f"Trained from our own data; its answers are compared with {LLAMA}.\n"
UNLIKE = NO_BASE + f"Fine-tuned on our data, unlike {LLAMA}.\n"
SEE_ALSO = NO_BASE + f"A fine-tune of our earlier model; see also {LLAMA}.\n"

CASES: list[tuple[str, str, Evidence, dict[str, Any], Answer, str]] = [
    ("declared", "datasets_declared", ev(), {}, "yes", "2 dataset(s): org/a, org/b"),
    ("not declared", "datasets_declared", ev("---\nlicense: mit\n---\n"), {}, "no", "names no"),
    ("string", "datasets_declared", ev("---\ndatasets: org/a\n---\n"), {}, "yes", "org/a"),
    ("linked in training data", "datasets_declared", ev(LINKED_IN_DATA), {}, "yes",
     "linked as training data: org/corpus"),
    ("linked under evaluation data", "datasets_declared", ev(LINKED_IN_EVAL), {}, "no",
     "names no datasets"),
    ("linked elsewhere", "datasets_declared", ev(LINKED_ELSEWHERE), {}, "no", "names no"),
    ("broken metadata", "datasets_declared", ev("---\ndatasets: [\n---\n"), {}, "unknown",
     "could not be read"),
    ("gated readme, api data", "datasets_declared",
     ev(None, access="gated", api_card_data={"datasets": ["org/a"]}), {}, "yes", ""),
    ("gated readme", "datasets_declared", ev(None, access="gated"), {}, "unknown", "gated"),
    ("on hub", "datasets_on_hub", ev(CARD, *BOTH), {}, "yes", "all 2"),
    ("not found", "datasets_on_hub", ev(CARD, ds("org/a"), ds("org/b", status="not_found")), {},
     "no", "org/b is not on the Hub (missing, or private)"),
    ("gated dataset", "datasets_on_hub", ev(CARD, ds("org/a", gated="auto"), ds("org/b")), {},
     "no", "org/a is gated"),
    ("gated allowed", "datasets_on_hub", ev(CARD, ds("org/a", gated="auto"), ds("org/b")),
     {"allow_gated": True}, "yes", ""),
    ("not looked up", "datasets_on_hub", ev(CARD, ds("org/a")), {}, "unknown",
     "org/b was not looked up"),
    ("local audit", "datasets_on_hub", ev(CARD, source="local"), {}, "unknown", "not looked up"),
    ("none declared", "datasets_on_hub", ev("# m"), {}, "unknown", "no datasets"),
    ("commercial ok", "datasets_commercial_use", ev(CARD, *BOTH), {}, "yes", ""),
    ("non-commercial", "datasets_commercial_use",
     ev(CARD, ds("org/a"), ds("org/b", "cc-by-nc-4.0")),
     {}, "no", "org/b is under cc-by-nc-4.0"),
    ("unlicensed", "datasets_commercial_use", ev(CARD, ds("org/a"), ds("org/b", None)), {}, "no",
     "declares no licence"),
    ("unrecognised", "datasets_commercial_use", ev(CARD, ds("org/a"), ds("org/b", "acme")), {},
     "unknown", "org/b"),
    ("lookup error", "datasets_commercial_use",
     ev(CARD, ds("org/a"), ds("org/b", None, status="error", problem="HTTP 500")), {}, "unknown",
     "org/b was not looked up"),
    ("open data", "dataset_license_in", ev(CARD, *BOTH), {"families": ["permissive"]}, "yes", ""),
    # A fine-tune that declares no `base_model` but names its base in the card.
    ("no base declared or named", "base_data_named", ev(NO_BASE), {}, "yes", "no base model"),
    ("base named in a fine-tuning section", "base_data_named", ev(TUNED_SECTION), {}, "no",
     "builds on org/basemodel"),
    ("base named by the Trainer's line", "base_data_named", ev(TRAINER_LINE), {}, "no",
     "builds on org/basemodel"),
    ("Hub model linked in a comparison", "base_data_named", ev(COMPARED), {}, "yes",
     "no base model"),
    ("based on another model's architecture", "base_data_named", ev(ARCHITECTURE_OF), {}, "yes",
     "no base model"),
    ("delta weights imply a base", "base_data_named", ev(DELTA), {}, "no",
     "the model its delta weights are added to"),
    ("the Hub template's 'Finetuned from model' line", "base_data_named", ev(TEMPLATE_LINE), {},
     "no", "builds on mistralai/Mistral-7B-v0.1"),
    ("a bare 'Base model:' URL", "base_data_named", ev(BASE_URL_LINE), {}, "no",
     "builds on org/basemodel"),
    ("a legacy one-segment model id", "base_data_named", ev(LEGACY_ID), {}, "no",
     "builds on distilbert-base-uncased"),
    ("a data generator in the training-data section", "base_data_named", ev(GENERATOR), {},
     "yes", "no base model"),
    ("trained from scratch with another model's tokenizer", "base_data_named", ev(SCRATCH), {},
     "yes", "no base model"),
    ("a tokenizer based on another model", "base_data_named", ev(TOKENIZER_OF), {}, "yes",
     "no base model"),
    ("a judge built on another model", "base_data_named", ev(JUDGE), {}, "yes",
     "no base model"),
    ("the model's own variant linked under Fine-tuning", "base_data_named",
     ev(OWN_VARIANT, repo_id="org/m"), {}, "yes", "no base model"),
    ("tuned from the model's own earlier stage, said so", "base_data_named",
     ev(TUNED_FROM_OWN_STAGE, repo_id="org/m"), {}, "no", "builds on org/m-sft"),
    ("'a fine-tune of [X]'", "base_data_named", ev(FINETUNE_NOUN), {}, "no",
     "builds on org/llama-3-8b"),
    ("'a fine-tune of Name Words ([X])'", "base_data_named", ev(NAME_THEN_LINK), {}, "no",
     "builds on org/llama-3-8b"),
    ("'we further trained [X]'", "base_data_named", ev(FURTHER_TRAINED), {}, "no",
     "builds on org/llama-3-8b"),
    ("'continued pretraining of [X]'", "base_data_named", ev(CONTINUED_PRETRAINING), {}, "no",
     "builds on org/llama-3-8b"),
    ("'a merge of [X]'", "base_data_named", ev(MERGE_OF), {}, "no",
     "builds on org/llama-3-8b"),
    ("'GPTQ quantization of [X]'", "base_data_named", ev(QUANTISATION_OF), {}, "no",
     "builds on org/llama-3-8b"),
    ("an 'Original model:' line", "base_data_named", ev(ORIGINAL_LINE), {}, "no",
     "builds on org/llama-3-8b"),
    *((f"a training section: '{shape}' is no base", "base_data_named",
       ev(NO_BASE + f"## Training\nPretrained on 300B tokens. {text}\n"), {}, "yes",
       "no base model") for shape, text in IN_TRAINING_AS.items()),
    ("community fine-tunes of this model are no base", "base_data_named", ev(COMMUNITY_TUNES),
     {}, "yes", "no base model"),
    ("'the architecture is based on [X]' is no base", "base_data_named",
     ev(ARCHITECTURE_BASED_ON), {}, "yes", "no base model"),
    ("a fine-tuning section's base, evaluation in the next sentence", "base_data_named",
     ev(TUNED_THEN_EVALUATED), {}, "no", "builds on org/base-7b"),
    ("'compared with [X]' is no base", "base_data_named", ev(COMPARED_WITH), {}, "yes",
     "no base model"),
    ("'unlike [X]' after a tuning phrase is no base", "base_data_named", ev(UNLIKE), {}, "yes",
     "no base model"),
    ("'see also [X]' after a tuning phrase is no base", "base_data_named", ev(SEE_ALSO), {}, "yes",
     "no base model"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "evidence", "params", "answer", "reason"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_data_evaluator(
    name: str, evidence: Evidence, params: dict[str, Any], answer: Answer, reason: str
) -> None:
    got, why = ask(name, evidence, **params)
    assert got == answer, why
    assert reason in why


# --- where the card names its training data (data.described) --------------------------

HEAD = "---\nlicense: mit\n---\n# M\n"
# The nouns of a general description, with no source named.
DESCRIBED = "a mix of publicly available web data, licensed books and synthetic dialogues"

SFT_MIX = (
    "We fine-tuned on a mix of the Tulu 3 SFT Mixture, OpenOrca, MetaMathQA, WildChat and "
    "Magpie-Pro-300K, then ran DPO on HelpSteer2 and Nectar."
)
# Capitalised words in sentences about the training data that name no source of it.
NOT_SOURCES = {
    "a general description": "Trained on publicly available web data and licensed books.",
    "an undisclosed set": "Trained on a proprietary dataset of 10M images.",
    "an undisclosed set with a name": "Trained on an internal MyCorp crawl.",
    "vendors": "Trained on licensed data from NVIDIA and OpenAI.",
    "the models that wrote it": "Synthetic data generated by GPT-4 and Claude 3 Opus.",
    "the base model": "We fine-tuned Mistral-7B-v0.1 on our own data for 3 epochs.",
    "a model family": "Distilled from Llama 2 on our internal data.",
    "a model by its size": "We distilled from Tiny-1B on our data.",
    "formats": "The data is stored as JSON and CSV with RGB images.",
    "languages": "The corpus is 80% English and 20% Chinese.",
    "hardware and an optimiser": "Trained on 2T tokens on 512 H100 GPUs with AdamW.",
    "tools": "We used DeepSpeed ZeRO-3; data was filtered with FastText.",
    "benchmarks": "Trained on our data and evaluated on MMLU and HellaSwag.",
    "a negated name": "We did not use WildChat.",
    "a name after 'excluding'": "Trained on web data, excluding ParaCrawl.",
    "a name 'excluded'": "Trained on web text (ParaCrawl excluded).",
    "a corpus 'excluded'": "Trained on parallel text, ParaCrawl excluded.",
    "categories in a list": "Data sources: Web, Books, Code, Math.",
    "the curator": "The data was collected by Acme Labs in 2023.",
    "the model's own name": "Acme-3 was pretrained on 15T tokens of public data.",
    "the model's own name, versioned": "**Overview** Acme LM 3 was pretrained on web data.",
    "a 'neither ... nor' sentence": "Neither the pretraining nor tuning sets include Acme data.",
    "a bold label": "**Data Freshness** The pretraining data has a cutoff of 2024.",
    "a licence": "Released under the Creative Commons CC-BY-4.0 licence.",
    "a unit": "All tracks were resampled to 32 kHz.",
    "the placeholder": "[More Information Needed]",
    "an owner": "Information from Acme's products and services.",
    "a site": "Training was done at Acme Corp on the Frontier supercomputer.",
    "a work followed": "We follow [Datasheets for Datasets](https://arxiv.org/abs/1803.09010).",
    "a project code came from": "We fine-tune it with the modified code `train.py` from "
    "[Tuner-X](https://github.com/org/tuner-x).",
    # probe16 class 3: capitalised words that open a list item's text, methods, likenesses
    "the word after a list label": "* Code: Exposing the model to code helps it learn.",
    "a numbered item's first word": "1) Publicly available documents;\n2) Newly created "
    "synthetic data for maths.",
    "a participle after a label": "* Synthetic: Generated textbook-style exercises.",
    "a likeness to a corpus": "* Multilingual: Wikipedia-style articles in 20 languages.",
    "a process named as a label": "* CSAM Filtering: Rigorous CSAM filtering was applied.",
    "training methods": "The model was fine-tuned with Direct Preference Optimization and "
    "Reinforcement Learning on our data.",
    # review16b #4's twins: an adjective opening a label's value before a content noun; a
    # list label naming a kind of data, not a set ("Red Teaming" is what the attempts are)
    "an adjective after a label, before a content noun": "* News: Curated articles from "
    "many outlets.",
    "a process as a list label before its data": "- Red Teaming: Anthropic red-team attempts.",
    "a process word after a capitalised adjective": "We used Natural Reasoning on our data.",
}

NAMING: list[tuple[str, str, Answer, str]] = [
    # sections about training in general hold the data's names beside the hardware
    ("a Training section's prose",
     "## Training\nIt was trained on 1,500B tokens of RefinedWeb. It ran on 384 GPUs.\n",
     "yes", "section 'Training' names RefinedWeb as training data"),
    ("a Training Details section's prose",
     "## Training Details\nPretrained on FineWeb, The Stack v2 and Wikipedia.\n",
     "yes", "names FineWeb, The Stack v2, Wikipedia as training data"),
    ("a Pretraining section", "## Pretraining\nIt saw 2T tokens from SlimPajama.\n",
     "yes", "section 'Pretraining' names SlimPajama"),
    ("a bold label inside a Training section",
     "## Training\n**Training Data** The developers used LAION-2B (en) and subsets of it.\n",
     "yes", "names LAION-2B"),
    ("a corpus among a training section's hyperparameters",
     "## Training procedure\n- learning_rate: 1e-4\n- dataset: c4\n", "yes", "names c4"),
    # corpora of other modalities
    ("speech corpora", "## Training Data\nLibriSpeech (960 h), VoxPopuli and Common Voice.\n",
     "yes", "names LibriSpeech, VoxPopuli, Common Voice"),
    ("image corpora", "## Training Data\nCOCO 2017 train and the Flickr30k training split.\n",
     "yes", "names COCO, Flickr30k"),
    ("a Chinese pretraining-data section",
     "## 预训练数据\n语料包括 Common Crawl 中文子集和 WuDaoCorpora。\n", "yes",
     "section '预训练数据' names Common Crawl, WuDaoCorpora"),
    # definition lines, wherever they stand
    ("a timm-style Dataset line", "## Model Details\n- **Dataset:** ImageNet-1k\n",
     "yes", "section 'Model Details' names ImageNet-1k"),
    ("a Training data line naming an unlisted set",
     "## Model Details\n- Training data: OpenOrca (GPT-4 completions)\n",
     "yes", "names OpenOrca as training data"),
    ("a dataset id in a code span", "## Training Data\nWe use `org/web-corpus` (filtered).\n",
     "yes", "given as training data: org/web-corpus (named by its id, not linked)"),
    ("a corpus inside a dataset id is named by the id",
     "## Training Data\nThe HuggingFaceFW/fineweb-edu dataset.\n",
     "yes", "given as training data: HuggingFaceFW/fineweb-edu (named by its id"),
    ("trained on one set, evaluated on another",
     "## Training\nTrained on LAION-2B and evaluated on COCO.\n", "yes", "names LAION-2B as"),
    ("the Trainer's training and evaluation data section",
     "## Training and evaluation data\nThe imdb train split.\n", "yes", "names imdb"),
    # negative twins: no source named, or named only as a benchmark
    ("a general description in a Training section", f"## Training\nTrained on {DESCRIBED}.\n",
     "no", "names no datasets or corpora"),
    ("a benchmark in an Evaluation section", "## Evaluation\nWe evaluate on COCO and Flickr30k.\n",
     "no", "names no datasets"),
    ("a benchmark in a Training section's evaluation sentence",
     "## Training\nTrained on our own photos and evaluated on COCO val2017.\n", "no", "names no"),
    ("a score on a set after training", "## Training\nAccuracy on SQuAD is 88 after training.\n",
     "no", "names no"),
    ("a Dataset line under Evaluation", "## Evaluation\n- **Dataset:** ImageNet-1k val\n",
     "no", "names no"),
    ("a Dataset line naming nothing", "## Model Details\n- **Dataset:** Internal MyCorp crawl\n",
     "no", "names no"),
    ("a placeholder Dataset line", "## Model Details\n- **Training data:** TBD\n", "no",
     "names no"),
    ("a corpus named only as not used", "## Training\nIt was not trained on The Pile.\n", "no",
     "names no"),
    ("a corpus outside any training section", "## Uses\nAnswer questions about Wikipedia.\n",
     "no", "names no"),
    ("a model named after its data", "## Training\nWe fine-tuned Flan-T5 on our documents.\n",
     "no", "names no"),
    ("a plain org/name that is no dataset", "## Training Data\nText and/or code.\n", "no",
     "names no"),
    ("a data line naming the model that wrote it",
     "## Model Details\n- **Training data:** synthetic dialogues written by GPT-4\n", "no",
     "names no"),
    ("a data line naming formats", "## Model Details\n- **Data:** RGB images as CSV rows\n",
     "no", "names no"),
    ("a data line naming a tool", "## Model Details\n- **Source data:** logs from our CRM\n",
     "no", "names no"),
    # datasets on no list, named by their shape where the card says it trained on them
    # negative twins of probe16 class 3: names that open an item, or follow a data label
    ("list labels that are names", "## Training Data\n* OpenOrca: GPT-4 completions.\n"
     "* MetaMathQA: maths questions.\n", "yes", "names OpenOrca, MetaMathQA as"),
    ("a sentence opening with a corpus", "## Training Data\nRefinedWeb was filtered for "
     "quality and makes up most of the data.\n", "yes", "names RefinedWeb as"),
    ("a multi-word name after a label", "## Training Data\n- Books: Project Gutenberg and "
     "the Internet Archive.\n", "yes", "names Project Gutenberg, Internet Archive as"),
    ("a name after a data label", "## Training Data\nData sources: Reddit and Quora.\n",
     "yes", "names Reddit, Quora as"),
    ("a corpus after a label, no likeness", "## Training Data\n* Multilingual: Wikipedia "
     "articles in 20 languages.\n", "yes", "names Wikipedia as"),
    ("a method beside a named set", "## Training Data\nTuned with Direct Preference "
     "Optimization on HelpSteer2.\n", "yes", "names HelpSteer2 as"),
    ("a processing step's label",
     "## Data Preprocessing\n* PII Removal: personal data was removed from OpenOrca.\n", "yes",
     "names OpenOrca as"),
    ("the same label in a data section names it",
     "## Training Data\n* PII Removal: personal data was removed from OpenOrca.\n", "yes",
     "names PII Removal, OpenOrca as"),
    ("SFT sets by proper name", f"## Training Data\n{SFT_MIX}\n", "yes",
     "names Tulu 3 SFT Mixture, OpenOrca, MetaMathQA, WildChat, Magpie-Pro-300K, HelpSteer2, "
     "Nectar as training data"),
    ("science corpora", "## Training Data\nPretrained on UniRef50 and the Protein Data Bank "
     "(PDB), then on 10M molecules from ZINC15.\n", "yes",
     "names UniRef50, Protein Data Bank, PDB, ZINC15 as"),
    ("a vision set with a size in its name", "## Training Data\nThe model was trained on SA-1B, "
     "11M images with 1.1B masks.\n", "yes", "names SA-1B as"),
    ("collections named by their owners", "## Training datasets\nTrained on licensed data from "
     "the [Acme Sound Collection](https://acme.example/sound) and the Shutterstock music "
     "collection.\n", "yes", "names Acme Sound Collection, Shutterstock as"),
    ("names after 'used' in a Training section's data sentence",
     "## Training\nInstruction tuning used LLaVA-Instruct-150K, ShareGPT4V and The Cauldron, "
     "2M samples in all.\n", "yes", "names LLaVA-Instruct-150K, ShareGPT4V, Cauldron as"),
    ("names a Training section says it tuned on",
     "## Fine-tuning\nWe fine-tuned on MetaMathQA for 3 epochs.\n", "yes", "names MetaMathQA"),
    ("list items of a data section", "## Datasets\n- OpenOrca (1M)\n- Project Gutenberg: books\n",
     "yes", "names OpenOrca, Project Gutenberg as"),
    ("rows of a data section's table",
     "## Training Data\n| Dataset | Pairs |\n|---|---|\n| WikiHow | 128,542 |\n"
     "| Yahoo Answers | 1,198,260 |\n", "yes", "names WikiHow, Yahoo Answers as"),
    # review16b #4: names that end like an adverb or a process, bare names as list items,
    # names as a category label's value, shaped names as a processing section's labels
    ("a name ending in -ly", "## Training Data\nWe fine-tuned on Firefly.\n", "yes",
     "names Firefly as"),
    ("a process word in a name before 'data'", "## Training Data\nThe model was trained on "
     "Anthropic Red Teaming data.\n", "yes", "names Anthropic Red Teaming as"),
    ("shaped names or names before 'data' ending in a process word", "## Training Data\nWe "
     "used OpenMath Reasoning and Nemotron Post-Training data.\n", "yes",
     "names OpenMath Reasoning, Nemotron Post-Training as"),
    ("a numbered list of bare names", "## Training Data\n1) Reddit\n2) Quora\n", "yes",
     "names Reddit, Quora as"),
    ("a bulleted list of bare names", "## Training Data\n- Reddit\n- Quora\n- Zhihu\n", "yes",
     "names Reddit, Quora, Zhihu as"),
    ("names as category labels' values", "## Training Dataset\n* Forums: Reddit and Quora "
     "threads.\n* News: Reuters articles.\n", "yes", "names Reddit, Quora, Reuters as"),
    ("a category label's names, one a known corpus", "## Training Data\n* Forums: Reddit, Stack "
     "Exchange\n", "yes", "names Stack Exchange, Reddit as"),
    ("a shaped name labelling a filtering step", "## Data Filtering\n* OpenOrca: filtered for "
     "quality.\n", "yes", "names OpenOrca as"),
    ("a shaped name labelling a cleaning step", "## Data Cleaning\n- FineWebPlus: we removed "
     "PII.\n", "yes", "names FineWebPlus as"),
    # negative twin: an acronym and a process word label a filtering step
    ("an acronym's process as a filtering step", "## Data Filtering\n* CSAM Filtering: we "
     "removed such content.\n", "no", "names no"),
    *((f"no source named: {shape}", f"## Training Data\n{text}\n", "no", "names no")
      for shape, text in NOT_SOURCES.items()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "answer", "reason"), [c[1:] for c in NAMING], ids=[c[0] for c in NAMING]
)
def test_training_data_named_where_the_card_names_it(
    body: str, answer: Answer, reason: str
) -> None:
    got, why = ask("data_sources_named", ev(HEAD + body))
    assert (got, reason in why) == (answer, True), why


# probe11 class 4: the training setup written under a data heading (a sub-heading, a bold
# title line, a folded block) is hardware, not data; a sources sub-section is data.
SETUP = "Training used 2048 H100 GPUs on the Acme Supercluster, with a custom fork of NeoTrain."
UNDER_DATA = "## Training Data\nWe do not release the training data.\n\n"
SETUP_UNDER_DATA: list[tuple[str, str, Answer, str]] = [
    ("a hardware sub-heading", f"{UNDER_DATA}#### Hardware and Software\n{SETUP}\n", "no",
     "names no"),
    ("a bold hardware title", f"{UNDER_DATA}**Hardware and Software**\n\n{SETUP}\n", "no",
     "names no"),
    ("a folded hardware block",
     f"{UNDER_DATA}<details>\n<summary>Hardware and Software</summary>\n\n{SETUP}\n</details>\n",
     "no", "names no"),
    ("a compute sub-heading under training", f"## Training\n#### Compute\n{SETUP}\n", "no",
     "names no"),
    # negative twins: the same text in the data section, a sources sub-section
    ("the setup sentence in the data section itself", f"{UNDER_DATA}{SETUP}\n", "yes",
     "names Acme Supercluster"),
    ("a sources sub-heading", f"{UNDER_DATA}#### Sources\nTrained on the Acme Corpus.\n", "yes",
     "section 'Sources' names Acme Corpus"),
    ("a folded sources block",
     f"{UNDER_DATA}<details>\n<summary>Sources</summary>\n\nTrained on the Acme Corpus.\n"
     "</details>\n", "yes", "section 'Sources' names Acme Corpus"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "answer", "reason"),
    [c[1:] for c in SETUP_UNDER_DATA],
    ids=[c[0] for c in SETUP_UNDER_DATA],
)
def test_the_training_setup_under_a_data_heading_is_not_data(
    body: str, answer: Answer, reason: str
) -> None:
    got, why = ask("data_sources_named", ev(HEAD + body))
    assert (got, reason in why) == (answer, True), why


SET = "[our set](https://huggingface.co/datasets/org/set)"


BASE_CARD = "---\nlicense: mit\nbase_model: {}\n---\n# Watercolour LoRA\n## Model description\n"
# probe16 class 3: the declared base's display name in a trained-on sentence is the model
# tuned, not its data; a corpus the base is named after stays data
DECLARED_BASE: list[tuple[str, str, str, Answer, str]] = [
    ("the base's display name", "org/FLUXY.1-dev",
     "A LoRA trained on 40 paintings to give FLUXY.1 [dev] a watercolour style.", "no",
     "names no"),
    ("a set named beside the base", "org/FLUXY.1-dev",
     "A LoRA trained on 40 WikiArt paintings to give FLUXY.1 [dev] a watercolour style.", "yes",
     "names WikiArt as"),
    ("a corpus the base is named after", "org/alpaca-7b",
     "A LoRA trained on Alpaca to give the model a friendlier tone.", "yes", "names Alpaca as"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("base", "prose", "answer", "reason"),
    [c[1:] for c in DECLARED_BASE],
    ids=[c[0] for c in DECLARED_BASE],
)
def test_the_declared_bases_name_is_not_its_data(
    base: str, prose: str, answer: Answer, reason: str
) -> None:
    got, why = ask("data_sources_named", ev(BASE_CARD.format(base) + prose))
    assert (got, reason in why) == (answer, True), why


def test_the_models_own_name_is_not_its_data() -> None:
    card = "---\nlicense: mit\n---\n# Zephyrine Chat\n## Training Data\n"
    prose = "Data for Zephyrine Chat comes from public sources."
    assert ask("data_sources_named", ev(card + prose))[0] == "no"
    assert ask("data_sources_named", ev(card + prose, repo_id="org/zephyrine-chat"))[0] == "no"
    twin = "Zephyrine Chat uses a mix of Nectar and OpenOrca."
    assert "names Nectar, OpenOrca" in ask("data_sources_named", ev(card + twin))[1]


LINKED: list[tuple[str, str, Answer]] = [
    ("a Hub dataset linked in a Training section",
     "## Training\nWe tuned it on [our set](https://huggingface.co/datasets/org/set).\n", "yes"),
    ("a Hub dataset linked as a Training section's validation set",
     "## Training\nWe validated on [a bench](https://huggingface.co/datasets/org/bench).\n", "no"),
    # a sentence saying the model was trained on a linked dataset, wherever it stands
    ("the intro: 'a fine-tuned version of X that was trained on [D]'",
     f"M is a fine-tuned version of [org/base](https://huggingface.co/org/base) that was "
     f"trained on the {SET} dataset.\n", "yes"),
    ("the Trainer's line: 'a fine-tuned version of X on [D]'",
     f"This model is a fine-tuned version of org/base on the {SET} dataset.\n", "yes"),
    ("an Alignment section", f"## Alignment\nWe trained on {SET} and our own data.\n", "yes"),
    ("a Model Information table's data row",
     f"## Model Information\n| | |\n|---|---|\n| Training data | {SET} (1T tokens) |\n", "yes"),
    # negative twins: advice, evaluation, a negation, another row
    ("advice to tune it on a dataset", f"## Uses\nIt can be fine-tuned on {SET}.\n", "no"),
    ("evaluated after training", f"Trained on our data and evaluated on {SET}.\n", "no"),
    ("not trained on it", f"It was trained on our data, not on {SET}.\n", "no"),
    ("a trained-on sentence under Evaluation",
     f"## Evaluation\nModels trained on {SET} score 50.\n", "no"),
    ("a table row of another label",
     f"## Model Information\n| | |\n|---|---|\n| Compared with | {SET} |\n", "no"),
    # training-data and training sections titled in other languages
    *((f"a section titled '{title}'", f"## {title}\n- {SET}\n", "yes") for title in (
        "学習データ", "事前学習データ", "訓練資料", "資料集", "학습 데이터", "데이터셋",
        "Données d'entraînement", "Jeux de données", "Trainingsdaten", "Datensätze",
        "Datos de entrenamiento", "Conjunto de datos", "学習方法", "訓練", "학습 방법",
        "Entraînement", "Pré-entraînement", "Vortraining", "Entrenamiento", "Ajuste fino")),
    *((f"an evaluation section titled '{title}'", f"## {title}\n- {SET}\n", "no")
      for title in ("評価データセット", "평가 데이터셋", "Jeu de données d'évaluation",
                    "Evaluierung der Datensätze", "Evaluación: conjunto de datos", "評測資料集")),
]  # fmt: skip


@pytest.mark.parametrize(("body", "answer"), [c[1:] for c in LINKED], ids=[c[0] for c in LINKED])
def test_hub_dataset_links_in_training_sections(body: str, answer: Answer) -> None:
    assert ask("datasets_declared", ev(HEAD + body))[0] == answer


# --- where the training data is documented (docs.data_documented) -----------------------

FORTY = " ".join(["data"] * 40)
DOCS = {"names": ["Training Data", "Training Details", "Data"], "min_words": 40}
DECLARED = "---\ndatasets: [org/a, org/b]\n---\n# M\n## Pretraining data\nTwo corpora.\n"
TEMPLATE_DATA = (
    "## Training Data\n\n<!-- This should link to a Dataset Card, perhaps with a short stub of "
    "information on what the training data is all about as well as documentation related to "
    "data pre-processing or additional filtering. -->\n\n[More Information Needed]\n"
)

TUNED = "---\ndatasets: [org/a]\nbase_model: org/base\n---\n# M\n"


def base(status: str = "ok", datasets: list[str] | None = None) -> LinkedRepo:
    data = {"datasets": datasets} if datasets else {}
    return LinkedRepo("org/base", "model", status, card_data=data)  # type: ignore[arg-type]


DOCUMENTED: list[tuple[str, Evidence, Answer, str]] = [
    ("a data section of 40 words", ev(HEAD + f"## Training Data\n{FORTY}\n"), "yes",
     "section 'Training Data' has 40 words"),
    ("40 words of data sentences in a Training section",
     ev(HEAD + f"## Training\nThe corpus: {FORTY}.\nIt ran on 64 GPUs for a week.\n"), "yes",
     "the sentences about the training data in 'Training' have 42 words"),
    ("a Training section of hardware only",
     ev(HEAD + "## Training\n" + "It ran on 64 GPUs for a week. " * 8 + "\n"), "no",
     "and the card declares no datasets"),
    ("the declared datasets' cards, found on the Hub", ev(DECLARED, ds("org/a"), ds("org/b")),
     "yes", "the declared datasets' cards document the data: org/a, org/b (found on the Hub)"),
    ("the declared datasets' cards, not read", ev(DECLARED, source="local"), "unknown",
     "section 'Pretraining data' has 2 words (placeholders excluded), fewer than 40; the "
     "declared datasets' cards were not read: org/a (not looked up), org/b (not looked up)"),
    ("the declared datasets, not on the Hub",
     ev(DECLARED, ds("org/a", status="not_found"), ds("org/b", status="not_found")), "no",
     "the declared datasets are not on the Hub: org/a, org/b"),
    # a derivative's declared datasets are what it was tuned on: with its base's data
    # unnamed, their cards do not document all its training data
    ("a fine-tune's datasets, its base names none",
     ev(TUNED, ds("org/a"), base_models=(base(),)), "no",
     "the declared datasets' cards (org/a) leave out the base model's data: base org/base "
     "names no training datasets"),
    ("a fine-tune's datasets, its base names its own",
     ev(TUNED, ds("org/a"), base_models=(base(datasets=["org/web"]),)), "yes",
     "document the data: org/a"),
    ("a fine-tune's datasets, its base not looked up",
     ev(TUNED, ds("org/a"), base_models=(base(status="skipped"),)), "unknown",
     "no card was read for base org/base (skipped)"),
    ("a Training section of batch sizes in tokens and samples",
     ev(HEAD + "## Training\n" + "We used a batch size of 4 million tokens and 2000 steps "
        "of 512 samples, packing several documents per sequence. " * 4 + "\n"), "no",
     "and the card declares no datasets"),
    ("a model named after data has no data section",
     ev("# Legal-Data 7B\n" + FORTY + "\n## Uses\nChat.\n"), "no",
     "and the card declares no datasets"),
    ("a data section under a title heading", ev(f"# OpenData-7B\n## Training Data\n{FORTY}\n"),
     "yes", "section 'Training Data' has 40 words"),
    ("the template's comment is not documentation", ev(HEAD + TEMPLATE_DATA), "no",
     "section 'Training Data' has 0 words"),
    ("metadata that does not parse may declare datasets", ev("---\ndatasets: [\n---\n# M\n"),
     "unknown", "could not be read"),
    # a datasheet or AI Act training-content summary documents the data; a section on
    # opting out or copyright requests, whatever its length, does not
    ("an AI Act training-content summary in the repo",
     ev(HEAD, files=(RepoFile("Org_EU_Public_Summary.pdf"),)), "yes",
     "training-content summary in the repo: Org_EU_Public_Summary.pdf: it documents the"),
    ("a data-rights section is no data documentation",
     ev(HEAD + f"## Data Protection and Copyright Requests\n{FORTY}\n"), "no",
     "and the card declares no datasets"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "answer", "reason"), [c[1:] for c in DOCUMENTED], ids=[c[0] for c in DOCUMENTED]
)
def test_training_data_documented(evidence: Evidence, answer: Answer, reason: str) -> None:
    got, why = ask("data_documented", evidence, **DOCS)
    assert (got, reason in why) == (answer, True), why


# Every section titled as data is read (the rubric's names), those titled as evaluation not.
DATA_SECTIONS: list[tuple[str, str, Answer, str]] = [
    ("training datasets after evaluation datasets",
     f"## Evaluation datasets\nMusicCaps.\n## Training datasets\n{FORTY}\n", "yes",
     "section 'Training datasets' has 40 words"),
    ("a long data section after a short one of the same name",
     f"## Datasets\nSee below.\n## Model\n### Datasets used\n{FORTY}\n", "yes",
     "section 'Datasets used' has 40 words"),
    ("only evaluation datasets", f"## Evaluation datasets\n{FORTY}\n", "no",
     "the card has no section titled"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "answer", "reason"), [c[1:] for c in DATA_SECTIONS], ids=[c[0] for c in DATA_SECTIONS]
)
def test_every_data_section_is_read(body: str, answer: Answer, reason: str) -> None:
    got, why = ask("data_documented", ev(HEAD + body), min_words=40)
    assert (got, reason in why) == (answer, True), why


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="aZz .\u01c5\u210b\u0130", max_size=12))
def test_a_capital_is_any_upper_case_character(text: str) -> None:
    assert _has_capital(text) == any(c.isupper() for c in text)


# probe5 findings 5-6: training data named outside a training section (the opening
# paragraph, a models section, a numbered list item, a "Sources" table row), and names
# that are not data (an adjective of a language, the model's own name).
OUTSIDE_TRAINING: list[tuple[str, str, Answer, str]] = [
    ("the opening paragraph: a model pretrained on a corpus",
     "A ResNet-50 image model pretrained on ImageNet-21k and fine-tuned on ImageNet-1k.\n",
     "yes", "section 'M' names ImageNet-21k, ImageNet-1k as training data"),
    ("a models section: models pretrained on a linked corpus",
     "## Models\nOur detection models pretrained on the [COCO](https://example.org/coco)"
     " dataset are available here.\n", "yes", "section 'Models' names COCO as training data"),
    ("the model was trained on a proper name", "## About\nThe model was trained on UniRef50.\n",
     "yes", "section 'About' names UniRef50"),
    ("it was fine-tuned on a corpus", "## Overview\nIt was fine-tuned on LibriSpeech.\n", "yes",
     "names LibriSpeech"),
    ("a numbered list item naming the dataset",
     "## Training\nWe provide the training scripts.\n\n1. Dataset preparation:"
     " [FFHQ](https://github.com/lab/faces)\n1. Download the weights.\n", "yes", "names FFHQ"),
    ("a Sources row of a feature table",
     "| Feature | Description |\n| --- | --- |\n| **Sources** | [OntoNotes 5]"
     "(https://example.org/onto) (Authors)<br />[WordNet 3.0](https://example.org/wn) (Uni) |\n",
     "yes", "names OntoNotes, WordNet as training data"),
    ("a list item citing its authors",
     "## Training Data\n- CoLA [Warstadt et al., 2018](https://example.org/a)\n", "yes",
     "names CoLA as training data"),
    # Hub datasets linked where the card describes the model (its summary, its title's
    # introduction) are taken as its training data, an inference
    ("Hub datasets linked in a model summary",
     "## Model Summary\nA 2B model built with [FineWeb](https://huggingface.co/datasets/lab/fw)"
     " and [Code](https://huggingface.co/datasets/lab/code).\n", "yes",
     "the model's description links Hub datasets, taken as its training data: lab/fw, lab/code"),
    ("a Hub dataset linked in the title's introduction",
     "A chat model; see [mix](https://huggingface.co/datasets/lab/mix).\n## Usage\nRun it.\n",
     "yes", "links Hub datasets, taken as its training data: lab/mix"),
    # pages a training-data section links are its sources, as a reader following them finds
    ("a training-data section linking its sources",
     "## Training Data\nThe [domain list](https://example.org/webtext/domains.txt) gives"
     " every source.\n", "yes",
     "'Training Data' links the training data's sources: https://example.org/webtext/domains.txt"),
    # negative twins: other models' training, advice, evaluation, an unnamed description
    ("a figure in a training-data section",
     "## Training Data\nA mix of web text.\n![mix](https://example.org/mix.png)\n", "no",
     "names no"),
    ("a training-data page still to come",
     "## Training Data\nThe list will be released at [this page](https://example.org/list).\n",
     "no", "names no"),
    ("a page linked in an evaluation sentence of a data section",
     "## Training Data\nIt was evaluated on [the suite](https://example.org/suite).\n", "no",
     "names no"),
    ("a Hub dataset linked in a usage section",
     "## Usage\nLoad [samples](https://huggingface.co/datasets/lab/samples) to try it.\n",
     "no", "names no"),
    ("a Hub dataset linked in a summary's sentence about evaluation",
     "## Summary\nIt was evaluated on [bench](https://huggingface.co/datasets/lab/bench).\n",
     "no", "names no"),
    ("a Hub dataset linked in a summary and an evaluation section",
     "## Summary\nSee [bench](https://huggingface.co/datasets/lab/bench).\n## Evaluation\n"
     "Scores on [bench](https://huggingface.co/datasets/lab/bench).\n", "no", "names no"),
    ("others' models trained on a corpus",
     "YOLO-style detectors from the same lab were trained on the COCO dataset.\n", "no",
     "names no datasets"),
    ("unlike models trained on a corpus",
     "## About\nUnlike models trained on LAION-5B, it is small.\n", "no", "names no"),
    ("advice to fine-tune on a corpus", "## Uses\nIt can be fine-tuned on SQuAD.\n", "no",
     "names no"),
    ("a model evaluated on a corpus", "## About\nThe model was evaluated on COCO.\n", "no",
     "names no"),
    ("a Source line is no data row", "## Links\n- **Source:** [Codebase](https://example.org)\n",
     "no", "names no"),
    ("a description with a language adjective",
     "## Training Data\n65% of this data is English-language audio and matched English"
     " transcripts.\n", "no", "names no"),
    ("a Spanish-speaking description",
     "## Training Data\nRadio shows of Spanish-speaking hosts.\n", "no", "names no"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "answer", "reason"),
    [c[1:] for c in OUTSIDE_TRAINING],
    ids=[c[0] for c in OUTSIDE_TRAINING],
)
def test_training_data_named_outside_training_sections(
    body: str, answer: Answer, reason: str
) -> None:
    got, why = ask("data_sources_named", ev(HEAD + body))
    assert (got, reason in why) == (answer, True), why


def test_the_models_own_name_without_its_version_is_not_its_data() -> None:
    """A GitHub-README card names its project without the repo's version ("GFPGAN" for
    GFPGANv1): its own name, not its data; the dataset beside it is."""
    card = "---\nlicense: mit\n---\n## Training\nWe provide the training codes for Facenet.\n"
    own = ev(card, repo_id="lab/Facenetv1")
    assert ask("data_sources_named", own)[0] == "no"
    twin = ev(card + "\n1. Dataset preparation: [FFHQ](https://github.com/lab/faces)\n",
              repo_id="lab/Facenetv1")  # fmt: skip
    assert "names FFHQ as training data" in ask("data_sources_named", twin)[1]


def test_models_named_by_the_models_own_name_were_trained_on_their_data() -> None:
    """Outside a training section, a sentence whose subject is the model's own name says
    what it was trained on; another name's training is not its data."""
    body = HEAD + "## Models\nVisionet-3 models pretrained on the COCO dataset are here.\n"
    assert "names COCO" in ask("data_sources_named", ev(body, repo_id="lab/Visionet-3"))[1]
    assert ask("data_sources_named", ev(body, repo_id="lab/other-net"))[0] == "no"


# probe5 finding 7: declared datasets are not all the training data when the card's body
# names more (then not all of it is shown openly licensed: no, inferred); what the card
# was evaluated or fine-tuned on downstream is no training data.
C4_DECLARED = "---\nlicense: apache-2.0\ndatasets: [org/c4]\n---\n# M\n"
MORE_THAN_DECLARED: list[tuple[str, str, Answer, str]] = [
    ("supervised sets beside the declared corpus",
     "## Training Data\nPre-trained on the [Colossal Clean Crawled Corpus (C4)]"
     "(https://example.org/c4), then on a mixture of SQuAD and BoolQ.\n", "no",
     "names more training data than it declares: SQuAD (not declared"),
    ("a linked corpus beside the declared one",
     "## Training Data\n- C4\n- [The Pile](https://example.org/pile)\n", "no",
     "declares: The Pile (not declared"),
    ("a public corpus beside the declared one",
     "## Training Data\nPre-trained on C4 and The Pile.\n", "no",
     "declares: The Pile (not declared"),
    ("a Hub dataset linked as training data beside the declared one",
     "## Training Data\nC4, then [org/chat-mix](https://huggingface.co/datasets/org/chat-mix)"
     ".\n", "no", "declares: org/chat-mix (not declared"),
    # negative twins: the declared data named again, benchmarks, downstream fine-tuning
    ("the declared set linked under another owner",
     "## Training Data\nFrom [mirror/c4](https://huggingface.co/datasets/mirror/c4).\n",
     "yes", "qualify"),
    ("a Hub dataset linked under evaluation",
     "## Training Data\nPre-trained on C4.\n## Evaluation\nScored on [org/bench]"
     "(https://huggingface.co/datasets/org/bench).\n", "yes", "qualify"),
    ("the declared corpus by its long name",
     "## Training Data\nPre-trained on the Colossal Clean Crawled Corpus (C4).\n", "yes",
     "all 1 declared dataset(s) qualify"),
    ("benchmarks in an evaluation section",
     "## Training Data\nPre-trained on C4.\n## Evaluation\nEvaluated on CoLA and SST-2.\n",
     "yes", "qualify"),
    ("a Hub dataset link, the source of a declared set",
     "## Training Data\nA Dutch translation of [org/feedback](https://huggingface.co/datasets/"
     "org/feedback), on top of C4.\n", "yes", "qualify"),
    ("a linked corpus cited as an inspiration",
     "## Training Data\nC4, with parts inspired by [The Pile](https://example.org/pile).\n",
     "yes", "qualify"),
    ("a corpus cited as an inspiration",
     "## Training Data\nPre-trained on C4 enhanced with corpora inspired by The Pile.\n",
     "yes", "qualify"),
    ("a corpus mentioned in a data section's prose, not given as training data",
     "## Training Data\nC4 is large. The Pile is another corpus people know.\n", "yes",
     "qualify"),
    ("the sources of a mixture's parts",
     "## Training Data\n| Part | Sources |\n|---|---|\n| Conversations | Reddit, HackerNews |"
     "\n| Web | C4 |\n", "yes", "qualify"),
    ("downstream fine-tuning in the results",
     "## Training Data\nPre-trained on C4.\n## Evaluation results\nWhen fine-tuned on SQuAD,"
     " it reaches 88 F1.\n", "yes", "qualify"),
    # probe15 #1: the card says part of the training data is in-house, internal,
    # proprietary, private or licensed, or not released: the declared datasets are not all
    # of it (no, inferred, quoting the sentence)
    *((name, body, "no", f"the card says part of its training data is not released ('{where}"
       ) for name, where, body in [
        ("in-house conversations not released", "Training Data",
         "## Training Data\nWe fine-tuned on C4 together with 200k in-house conversations "
         "written by our annotators, which we do not release.\n"),
        ("synthetic conversations not released", "Training Data",
         "## Training Data\nPre-trained on C4 and on 50k synthetic conversations generated with "
         "a proprietary model, which are not released.\n"),
        ("a proprietary licensed corpus we cannot share", "Training Data",
         "## Training Data\nPretrained on 1T tokens: 60% from C4 and 40% from a proprietary "
         "licensed corpus of books and news that we cannot share.\n"),
        ("internal data beside the declared set", "Training Data",
         "## Training Data\nThe training data consists of C4 and internal data.\n"),
        ("private and public data, in a training section", "Training",
         "## Training\nWe trained for 3 epochs on C4 plus a mixture of private and public "
         "data.\n"),
        ("data collected in-house", "Training Data",
         "## Training Data\nC4, plus data collected in-house.\n"),
        ("a denial before the noun", "Training Data",
         "## Training Data\nPre-trained on C4. We do not release the synthetic examples.\n"),
        ("licensed examples", "Training Data",
         "## Training Data\nC4 and 10k licensed examples from a publisher.\n"),
        ("a sentence about the model's training elsewhere", "Model Details",
         "## Model Details\nThe model was pre-trained on C4 and proprietary data.\n"),
        ("a training-data definition line elsewhere", "Model Details",
         "## Model Details\n- **Training data:** C4 and in-house instruction data\n"),
    ]),
    # negative twins: negations, process words, released data, evaluation, other topics
    *((name, body, "yes", "qualify") for name, body in [
        ("no proprietary data", "## Training Data\nPre-trained on C4; we use no proprietary "
         "data.\n"),
        ("no internal data was used", "## Training Data\nC4. No internal data was used.\n"),
        ("private data removed", "## Training Data\nPrivate data was removed from C4.\n"),
        ("an in-house pipeline", "## Training Data\nC4, filtered with our in-house filtering "
         "pipeline.\n"),
        ("an in-house data pipeline", "## Training Data\nC4, cleaned by our in-house data "
         "pipeline.\n"),
        ("internal tooling", "## Training Data\nC4, cleaned with internal tooling.\n"),
        ("a proprietary tokenizer", "## Training Data\nC4, tokenized with a proprietary "
         "tokenizer.\n"),
        ("in-house data said released", "## Training Data\nC4 and our in-house dataset, which "
         "is released at [org/inhouse](https://example.org/inhouse).\n"),
        ("in-house data with its Hub link", "## Training Data\nC4 and our in-house dataset "
         "([org/c4](https://huggingface.co/datasets/org/c4)).\n"),
        ("openly licensed data", "## Training Data\nC4 and other openly licensed data.\n"),
        ("CC-BY licensed data", "## Training Data\nC4 (CC-BY-4.0 licensed data).\n"),
        ("internal data in an evaluation section", "## Training Data\nPre-trained on C4.\n"
         "## Evaluation\nScored on internal data that we do not release.\n"),
        ("an evaluation sentence in the data section", "## Training Data\nPre-trained on C4. "
         "We evaluated on a held-out set of private conversations.\n"),
        ("what the model may reproduce", "## Training Data\nPre-trained on C4.\n"
         "## Limitations\nThe model was trained on web data and may reproduce private data.\n"),
        ("what the data may contain", "## Training Data\nC4, which may contain private data.\n"),
        ("a user's private data", "## Training Data\nPre-trained on C4.\n## Uses\nYou can "
         "fine-tune it on your own private data.\n"),
        ("other models' proprietary data", "## Training Data\nPre-trained on C4.\n## About\n"
         "Other models trained on proprietary data are less open.\n"),
        ("the code is not released", "## Training Data\nPre-trained on C4, and the code is not "
         "released.\n"),
    ]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "answer", "reason"),
    [c[1:] for c in MORE_THAN_DECLARED],
    ids=[c[0] for c in MORE_THAN_DECLARED],
)
def test_declared_datasets_and_more_training_data_in_the_body(
    body: str, answer: Answer, reason: str
) -> None:
    spec = get_evaluator("dataset_license_in")
    assert spec is not None
    evidence = ev(C4_DECLARED + body, ds("org/c4", "odc-by"))
    outcome = run(spec, ProbeContext(evidence), {"ids": [], "families": ["permissive"]})
    assert (outcome.answer, reason in outcome.reason) == (answer, True), outcome.reason
    assert outcome.inferred == (answer == "no")


def test_withheld_data_is_read_in_one_pass_over_runs_of_dashes() -> None:
    """A qualifier before a long run of dashes or hyphenated words ("Private -----") made
    the qualified-noun pattern backtrack (a dash was both a separator and part of a word):
    at 100 dashes that took over a minute. Now it is answered like any other text."""
    spec = get_evaluator("dataset_license_in")
    assert spec is not None
    body = "## Training Data\n" + "".join(
        f"{word} {run}\n"
        for word in ("Private", "proprietary", "in-house")
        for run in ("-" * 2000, "- " * 2000, "x-" * 2000)
    )
    evidence = ev(C4_DECLARED + body, ds("org/c4", "odc-by"))
    outcome = run(spec, ProbeContext(evidence), {"ids": [], "families": ["permissive"]})
    assert outcome.answer == "yes", outcome.reason


# --- a fine-tune of a fine-tune: the bases under the declared one (data.base_data) --------


def hop(
    repo_id: str,
    depth: int,
    datasets: list[str] | None = None,
    bases: list[str] | None = None,
    status: str = "ok",
) -> LinkedRepo:
    data: dict[str, Any] = {"datasets": datasets} if datasets else {}
    data |= {"base_model": bases} if bases else {}
    return LinkedRepo(repo_id, "model", status, depth=depth, card_data=data)  # type: ignore[arg-type]


CHAT = "---\ndatasets: [org/a]\nbase_model: org/chat\n---\n# M\n"
# org/chat names its own tuning data and declares org/pretrained as its base
CHAT_BASE = hop("org/chat", 1, ["org/sft"], ["org/pretrained"])
CHAINS: list[tuple[str, tuple[LinkedRepo, ...], Answer, str]] = [
    ("the foundation under the declared base names no data", (
        CHAT_BASE, hop("org/pretrained", 2)), "no",
     "org/pretrained names no training datasets (base chain org/chat -> org/pretrained)"),
    ("twin: the foundation names its data too", (
        CHAT_BASE, hop("org/pretrained", 2, ["org/web"])), "yes",
     "the base models name their training datasets too, down to org/pretrained"),
    ("twin: a declared base with no base of its own", (
        hop("org/chat", 1, ["org/sft"]),), "yes",
     "the base model(s) name their training datasets too"),
    ("three deep, the middle one names none", (
        CHAT_BASE, hop("org/pretrained", 2, None, ["org/foundation"]),
        hop("org/foundation", 3, ["org/web"])), "no",
     "org/pretrained names no training datasets (base chain org/chat -> org/pretrained)"),
    ("the base under the declared one is not on the Hub", (
        CHAT_BASE, hop("org/pretrained", 2, status="not_found")), "no",
     "org/pretrained is not on the Hub"),
    ("the base under the declared one was not looked up", (
        CHAT_BASE, hop("org/pretrained", 2, status="skipped")), "unknown",
     "the base under it was not read: org/pretrained (skipped; base chain "
     "org/chat -> org/pretrained)"),
    ("the base under the declared one is not in the evidence", (CHAT_BASE,), "unknown",
     "org/pretrained (not looked up; base chain org/chat -> org/pretrained)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("bases", "answer", "reason"), [c[1:] for c in CHAINS], ids=[c[0] for c in CHAINS]
)
def test_the_bases_under_a_declared_base_name_their_data_too(
    bases: tuple[LinkedRepo, ...], answer: Answer, reason: str
) -> None:
    got, why = ask("base_data_named", ev(CHAT, ds("org/a"), base_models=bases))
    assert (got, reason in why) == (answer, True), why


def test_a_fine_tunes_datasets_with_the_base_under_its_base_unread_are_unknown() -> None:
    chat = "---\ndatasets: [org/a]\nbase_model: org/chat\n---\n# M\n## Data\nOne set.\n"
    evidence = ev(chat, ds("org/a"), base_models=(CHAT_BASE,))
    got, why = ask("data_documented", evidence, **DOCS)
    assert (got, "org/pretrained (not looked up" in why) == ("unknown", True), why
    named = ev(chat, ds("org/a"), base_models=(CHAT_BASE, hop("org/pretrained", 2, ["org/w"])))
    assert ask("data_documented", named, **DOCS)[0] == "yes"
