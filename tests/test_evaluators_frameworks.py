"""Table-driven tests of the framework evaluators: MOF, OSAID and EOSAI.

A row is (case, evidence, params, answer, reason substring, grade); grade is the
`GradedOutcome.grade` of mof_component and eosai_dimension, None elsewhere.
EOSAI rows give the answers to both probes of a dimension (at_least open, at
least partial) and expand to two cases. Rows in BUGS state the behaviour the
framework texts (research/frameworks.md) call for and fail today: strict xfail.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import BaseCard, Evidence, LinkedRepo, LinkStatus, RepoFile, TextFile
from openaudit.frameworks.components import FINDERS
from openaudit.frameworks.eosai import DIMENSIONS
from openaudit.frameworks.license_openness import CONTENT_TYPES
from openaudit.frameworks.osaid import OSAID_ELEMENTS
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer, Outcome

Case = tuple[str, str, Evidence, dict[str, Any], Answer, str, str | None]
EosaiRow = tuple[str, Evidence, str, tuple[Answer, Answer], str, str]


def filler(count: int) -> str:
    return "word " * count


def card(license: str | None = None, body: str = "", **meta: Any) -> str:
    """A README: front matter from `license` and `meta` (lists in flow style), then `body`."""
    values = {"license": license, **meta}
    lines = [
        f"{key}: " + (f"[{', '.join(value)}]" if isinstance(value, list) else str(value))
        for key, value in values.items()
        if value is not None
    ]
    head = "---\n" + "\n".join(lines) + "\n---\n" if lines else ""
    return f"{head}# M\n{body}"


CUSTOM = "acme-model-licence"  # a licence_name no table knows: a custom licence


def ev(readme: str | None, *paths: str, **fields: Any) -> Evidence:
    files = tuple(RepoFile(path) for path in paths)
    source = fields.pop("source", "hub")
    return Evidence(
        ref="org/m", repo_id="org/m", source=source, readme=readme, files=files, **fields
    )


# LICENSE-CODE (MIT, its first line) beside a LICENSE-MODEL of custom non-commercial terms
CODE_AND_MODEL_LICENCES = (
    TextFile("LICENSE-CODE", "MIT\n\nWords."),
    TextFile("LICENSE-MODEL", "ACME MODEL LICENSE\n\nFor non-commercial research use only."),
)


def code_and_model_licences() -> Evidence:
    """Modelling code and weights beside LICENSE-CODE and LICENSE-MODEL, no card licence."""
    files = ("modeling_x.py", "model.safetensors", "LICENSE-CODE", "LICENSE-MODEL")
    return ev(card(), *files, license_files=CODE_AND_MODEL_LICENCES)


GATED_LICENCE = (TextFile("LICENSE", None, problem="gated: file contents need approved access"),)


def hub_link(repo: str) -> str:
    return f"## Release Schedule\nSee [{repo}](https://huggingface.co/{repo}).\n"


def named(name: str, readme: str | None, *paths: str) -> Evidence:
    """Evidence of the repo org/NAME (its name is evidence too)."""
    files = tuple(RepoFile(path) for path in paths)
    return Evidence(ref=f"org/{name}", repo_id=f"org/{name}", source="hub", readme=readme,
                    files=files)  # fmt: skip


def gated_unread(*paths: str, **fields: Any) -> Evidence:
    """A gated repo whose README could not be read (file listing still served)."""
    return ev(None, *paths, access="gated", gated=fields.pop("gated", "manual"), **fields)


def dataset(
    repo_id: str, license: str | None = None, status: LinkStatus = "ok", gated: bool | str = False
) -> LinkedRepo:
    data = {"license": license} if license else {}
    return LinkedRepo(repo_id, "dataset", status, gated=gated, card_data=data)


def base(
    repo_id: str = "org/base",
    status: LinkStatus = "ok",
    files: tuple[str, ...] = ("model.safetensors",),
    gated: bool | str = False,
    datasets: list[str] | None = None,
) -> LinkedRepo:
    data = {"datasets": datasets} if datasets else {}
    listing = tuple(RepoFile(path) for path in files)
    return LinkedRepo(
        repo_id, "model", status, gated=gated, files=listing, card_data=data, relation="finetune"
    )


def ask(name: str, evidence: Evidence, **params: Any) -> Outcome:
    spec = get_evaluator(name)
    assert spec is not None
    assert spec.problem(params) is None
    return run(spec, ProbeContext(evidence), params)


# --- cards ---------------------------------------------------------------------------

MIT = card("mit")
TRAIN_LINK = "## Training\nSee https://github.com/org/recipes for details.\n"
EVAL_LINK = "## Evaluation\nWe used [our harness](https://github.com/org/evals).\n"
PREP_LINK = "## Links\n- Data preprocessing code: [prep](https://github.com/org/prep)\n"
LIB_LINK = "## Links\n- Tokenizer library: [toks](https://github.com/org/toks)\n"
DEMO_LINK = "## Links\n- [demo](https://github.com/org/demo)\n"
FRAMEWORK_LINK = "## Training\nTuned with [TRL](https://github.com/huggingface/trl).\n"
MERGE_TOOL = (
    "This is a merge of pre-trained language models created using"
    " [mergekit](https://github.com/cg123/mergekit).\n"
)
RUN = "### Training hyperparameters\n- learning_rate: 5e-07\n- num_epochs: 3\n"
PAPER_LINK = "## Paper\nSee [the paper](https://arxiv.org/abs/2401.00001).\n"
DATA_SECTION = "## Training Data\n" + filler(50) + "\n"
ARXIV = "https://arxiv.org/abs/2401.00001"
VENUE_NAMED = {
    "accepted, in prose": f"## Paper\nOur paper ([arXiv]({ARXIV})) was accepted at ICLR 2025.\n",
    "in parentheses after the link": f"**Paper:** [M-LM]({ARXIV}) (EMNLP 2024 Findings)\n",
    "published in a journal": f"## Paper\nThis paper ([arXiv]({ARXIV})) is published in TMLR.\n",
    "a badge": f"[![ICLR 2025](https://img.shields.io/badge/ICLR-2025-blue)]({ARXIV})\n"
    f"## Paper\nSee [the paper]({ARXIV}).\n",
}
VENUE_NOT_NAMED = {
    "submitted": f"## Paper\nOur paper ([arXiv]({ARXIV})) was submitted to ICLR 2025.\n",
    "under review": f"**Paper:** [M-LM]({ARXIV}) (under review at NeurIPS 2025)\n",
    "another work's venue": f"## Paper\nSee [the paper]({ARXIV}). We tune with DPO,"
    " published at NeurIPS 2023.\n",
    "a venue far from the link": f"## Paper\nSee [the paper]({ARXIV}) for the details of the"
    " data mix and the training schedule.\nDPO (NeurIPS 2023) tunes it.\n",
    "our paper builds on a published one": f"## Paper\nOur paper ([arXiv]({ARXIV})) builds on"
    " DPO, published at NeurIPS 2023.\n",
    "a hope": f"## Paper\nWe hope our paper ([arXiv]({ARXIV})) will be accepted at ICLR 2026.\n",
    "a rejection": f"## Paper\nOur paper ([arXiv]({ARXIV})) was not accepted at ICLR 2025.\n",
    "a submission badge": "[![NeurIPS](https://img.shields.io/badge/NeurIPS-2024%20Submission"
    f"-blue)]({ARXIV})\n## Paper\nSee [the paper]({ARXIV}).\n",
    "a non-archival workshop": f"**Paper:** [M-LM]({ARXIV}) (NeurIPS 2024 Workshop, "
    "non-archival)\n",
}
CORPUS_NAMED = "## Training Data\nConversations shared on ShareGPT.\n"
# part of the training data not released (probe15 #1), and its twin: released after all
WITHHELD = "## Training Data\nAlso 200k in-house conversations, which we do not release.\n"
RELEASED_INHOUSE = (
    "## Training Data\nAlso our in-house conversations, released at https://example.org/c.\n"
)
PUBLIC_DATA = "## Training Data\nPretrained on 9T tokens of data from publicly available sources.\n"
DELTA_SECTION = "## Apply Delta Weights\nAdd them to the original weights.\n"
TUNED_FROM = "## Training Details\nTuned from [Base](https://huggingface.co/org/basemodel).\n"
ARCH_REFERENCE = (
    "## Model Architecture\nWith [rotary embeddings](https://arxiv.org/abs/2104.09864).\n"
)
SHORT_DATA = "## Training Data\nWeb text.\n"
# Sentences about data (48 words) beside hardware, in a section about training in general.
TRAINING_DATA_PROSE = (
    "## Training\nThe pretraining data: " + filler(40) + ".\nThe data was deduplicated.\n"
    "Training ran on 256 GPUs for two weeks.\n"
)
SAMPLES = "## Sample Outputs\n" + filler(25) + "\n"
SHORT_SAMPLES = "## Examples\nSee below.\n"
RESULTS_TABLE = "## Evaluation\n| task | score |\n|---|---|\n| arc | 0.5 |\n"
EVAL_PROSE = "## Evaluation\nIt does well.\n"
MODELS_BY_BENCHMARK = (
    "## Results\n| Model | MMLU | GSM8K |\n|---|---|---|\n| M | 61.2 | 40.1 |\n"
    "| Base | 58.0 | 35.5 |\n"
)
CATEGORY_TABLE = (
    "## Benchmarks\n| Category | Benchmark | M |\n|---|---|---|\n"
    "| General | **MMLU** (5-shot) | 66.6 |\n"
    "| Reading | [SQuAD](https://arxiv.org/abs/1606.05250) | 76.4 |\n"
)
HTML_RESULTS = (
    "## Benchmark\n<table><tr><th>Benchmark</th><th>M</th></tr><tr><td>MMLU</td><td>71.2</td>"
    "</tr><tr><td>GSM8K</td><td>80.4</td></tr></table>\n"
)
SCORES_IN_PROSE = "## Results\nIt scores 71.2 and 80.4 on our internal suite of questions.\n"
HIGHLIGHTS = (
    "## Highlights\n| Benchmark | Ours |\n|---|---|\n| MMLU (5-shot) | 66.2 |\n| GSM8K | 52.1 |\n"
)
SCORES_LISTED = "## Evaluation Results\n- MMLU (5-shot): 66.2\n- **GSM8K**: 52.1 %\n"
SCORES_ON_BENCHMARKS = (
    "## Evaluation\nIt scores 66.2 on MMLU (5-shot), 52.1 on GSM8K and 33.5 on HumanEval.\n"
)
METRICS_LISTED = "## Results\n- Accuracy: 66.2\n- F1: 70.1\n"
BENCHMARKS_UNSCORED = (
    "## Results\nWe evaluate on MMLU and GSM8K. It scores 71.2 and 80.4 on our own questions.\n"
)
# probe16 #9: results given as a chart, the section saying what the model was evaluated on
EVALUATED_ON = (
    "## Evaluation\nWe evaluated the model with lm-evaluation-harness on MMLU (5-shot), GSM8K"
    " (8-shot) and HellaSwag (0-shot).\n"
)
CHART = "![Evaluation results](eval_results.png)\n"
PROMPTS_FROM = (
    "## Evaluation Results\n![pareto](https://lab.example/v1-scales.png)\n\nEvaluated using 50"
    " sampling steps and 10000 random prompts from the COCO2017 validation set.\n"
)
WER_CHART = (
    "## Performance\nWord error rates on LibriSpeech test-clean and test-other, against"
    " other open models:\n\n![WER](./figures/wer_comparison.png)\n"
)
TRAINED_ON_BESIDE_CHART = "## Evaluation\nThe model was trained on COCO captions.\n" + CHART
PLANNED_BESIDE_CHART = "## Evaluation\nWe will evaluate on MMLU and GSM8K soon.\n" + CHART
# review16a #2: an image that is no results chart, results linked in another section
EVALUATED_ON_MMLU = "## Evaluation\nWe evaluated on MMLU (5-shot) and GSM8K.\n"
LEADERBOARD = "## Leaderboard\nSee [the leaderboard results](https://lab.example/leaderboard).\n"
# probe16 #11: the samples a generation card shows (its task from the front matter)
T2I = "---\nlicense: mit\npipeline_tag: text-to-image\n---\n"
TEXT_GEN = "---\nlicense: mit\npipeline_tag: text-generation\n---\n"
OPENING_GRID = "![M [dev] Grid](./dev_grid.jpg)\n\nM makes images from text.\n\n# Usage\nRun it.\n"
OPENING_DIAGRAM = "![Architecture](./arch.png)\n\nM makes images from text.\n\n# Usage\nRun it.\n"
TITLE_IMAGE = "# M Model Card\n![row01](01.png)\n\n## Model\n![pipeline](pipeline.png)\nText.\n"
GALLERY = "# M\nText.\n\n## Gallery\n![](./samples/a.png) ![](./samples/b.png)\n"
GENERATED_WITH = (
    "# M\nText.\n\n## What it makes\nImages generated with M at 1024x1024, 50 steps:\n\n"
    "![](./s/astronaut.png)\n"
)
DATA_IMAGES = (
    "# M\nText.\n\n## Training Data\nPaintings created by public-domain artists:\n\n"
    "![](./data/one.png)\n"
)
WIDGET = (
    "---\nlicense: mit\ntags:\n- lora\n- diffusers\nwidget:\n- text: a fox\n  output:\n"
    "    url: images/fox.png\n---\n# A LoRA\n<Gallery />\n"
)
WIDGET_NO_OUTPUT = "---\nlicense: mit\ntags:\n- diffusers\nwidget:\n- text: a fox\n---\n# A LoRA\n"
TTS_SAMPLES = (
    "---\nlicense: mit\npipeline_tag: text-to-speech\n---\n# M\nText.\n\n## Samples\n"
    '<audio controls src="samples/hello.wav"></audio>\n'
)
# review16a #4: images that are no outputs of the model, or not of the task's kind
TTS = "---\nlicense: mit\npipeline_tag: text-to-speech\n---\n"
I2I = "---\nlicense: mit\npipeline_tag: image-to-image\n---\n"
DIFFUSERS = "---\nlicense: mit\nlibrary_name: diffusers\n---\n"
NOT_SAMPLES = [
    ("an image on a text-to-speech card", TTS + "![](voice.png)\n\n# M\nText.\n"),
    (
        "a model 'created by' fine-tuning",
        T2I + "# M\nText.\n\n## Model Details\nThis model"
        " was created by fine-tuning SD 1.5 with LoRA.\n![](unet_blocks.png)\n",
    ),
    (
        "prompts 'sampled from' a dataset in an evaluation",
        T2I + "# M\nText.\n\n## Evaluation\nPrompts sampled from COCO.\n![](fid_vs_clip.png)\n",
    ),
    (
        "generated images rated in an evaluation",
        T2I + "# M\nText.\n\n## Evaluation\nImages"
        " generated by the model were rated by humans.\n![](human_pref.png)\n",
    ),
    (
        "an 'Example usage' screenshot",
        T2I + "# M\nText.\n\n## Example usage\n![ComfyUI](comfyui_screen.png)\n",
    ),
    ("an img tag in inline code", T2I + "# M\nText.\n\n## Gallery\nSee `<img src=x>` here.\n"),
    ("an image in an opening code block", T2I + "```\n![](grid.png)\n```\n# M\nText.\n"),
    ("an opening SVG badge", T2I + "![](https://img.example/hf.svg)\n\n# M\nText.\n"),
]
I2I_EXAMPLES = I2I + "# M\nText.\n\n## Examples\nInput: ![](in.png) Output: ![](out.png)\n"
GALLERY_SUBSECTION = T2I + "# M\nText.\n\n## Gallery\n\n### Portraits\n![](p.png)\n"
DIFFUSERS_GRID = DIFFUSERS + "![](./grid.jpg)\n\nM makes images.\n\n# Usage\nRun it.\n"
# Results told in 90 words of prose under a results title: no table, no score.
RESULTS_IN_WORDS = (
    "## Benchmark Results\n"
    + "It is ahead of models of its size on reading and coding and behind on arithmetic. " * 6
    + "\n"
)

LEADERBOARD = (
    "## Evaluation\nSee the [leaderboard](https://huggingface.co/spaces/org/llm_leaderboard)"
    " for its results.\n"
)
LONG = "## Model Details\n" + filler(200) + "\n"
MODEL_INDEX = (
    "---\nlicense: mit\nmodel-index:\n- name: m\n  results:\n"
    "  - task: {type: text-generation}\n    dataset: {type: org/evalset, name: E}\n"
    "    metrics: [{type: acc, value: 0.5}]\n---\n# M\n"
)
BAD_METADATA = "---\nlicense: mit\ndatasets: [org/a\n---\n# M\n"


def section(title: str, count: int = 60) -> str:
    return f"## {title}\n{filler(count)}\n"


# (training section title, the sentence naming the accelerators training ran on)
TRAINING_HARDWARE = [
    ("Training Procedure", "Trained on 512 H100 GPUs for 18 days"),
    ("Training", "We fine-tuned the model using 8 A100 80GB GPUs"),
    ("Pretraining", "Pretraining ran on a TPU v4-256 pod"),
    ("Training Details", "Training took 1.2M GPU hours on H800"),
    ("Training procedure", "It was trained on TPU-v4-512 for two weeks"),
    # the template's footprint block is training's
    ("Environmental Impact", "64 NVIDIA A100 GPUs were used for 300 hours"),
    # any section (not on using the model) saying training ran on them
    ("Model Details", "The model was trained on 400 Nvidia H100 GPUs"),
    # not GPUs or TPUs: wafer-scale systems, IPUs, RDUs, superchips, nodes counted
    ("Training Procedure", "Training ran on the Condor Galaxy 1 supercomputer"),
    ("Training Procedure", "It was trained on 16 Cerebras CS-2 systems"),
    ("Training", "We pretrained it on a cluster of wafer-scale engines"),
    ("Training Details", "Trained on 64 Graphcore Bow IPUs"),
    ("Training", "Pretraining took three weeks on SambaNova SN40L RDUs"),
    ("Training", "Fine-tuning ran on 32 GH200 superchips"),
    ("Pretraining", "The run used 128 nodes for 20 days"),
]
NOT_TRAINING_HARDWARE = {
    "running it, in a training section": (
        "## Training Details\nThe model runs on a single RTX 4090 and requires 24 GB of VRAM.\n"
    ),
    "a GPU in a quickstart section": "## Quickstart\nServe it with vLLM on 8 H100 GPUs.\n",
    "a user's fine-tuning under Usage": (
        "## Usage\n### Fine-tuning\nYou can fine-tune it further on 8 A100 GPUs.\n"
    ),
    "a GPU in no training section": "## Limitations\nIt was compared on 8 H100 GPUs.\n",
    "a GPU outside training sections, no training word": (
        "## Model Details\nA 7B model; 8 H100 GPUs serve it at 90 tokens/s.\n"
    ),
    "training on a GPU, said in a usage section": (
        "## How to use\nTo train it further, 4 A100 GPUs suffice.\n"
    ),
    "wafer-scale inference hardware in a section on it": (
        "## Inference\nServe it on a Cerebras CS-3 system or on Graphcore IPUs.\n"
    ),
    "wafer-scale systems running it, in a training section": (
        "## Training Details\nInference runs on 4 Cerebras CS-3 systems.\n"
    ),
    "a hardware maker's model compared in a training section": (
        "## Training\nIt was trained on more tokens than Cerebras-GPT.\n"
    ),
    "an accelerator only in a link's address": (
        "## Training\nRead [the recipe](https://blog.example/tuning-on-gaudi2-and-h100).\n"
    ),
}


# Concise cards (probe15 #3): their topics in definition lines or a summary table, under
# 150 words; negative twin: one topic only. A card as a file of its own (#11).
CONCISE = (
    "## Model Information\n**Architecture:** decoder-only transformer, 28 layers, hidden"
    " size 3072.\n**Training data:** open-web, 1.5T tokens of filtered web text.\n"
    "**Training hardware:** 128 H100 GPUs for nine days.\n## Results\n"
    "| Benchmark | Score |\n|---|---|\n| MMLU | 48.2 |\n| GSM8K | 31.0 |\n| ARC-Easy | 66.1 |\n"
)
CONCISE_TWO = (
    "| Field | Value |\n|---|---|\n| Architecture | decoder-only transformer, 28 layers |\n"
    "| Training data | open-web, 1.5T tokens of filtered web text |\n"
)
ONE_TOPIC = "**Architecture:** decoder-only transformer, 28 layers, hidden size 3072.\n"
POINTER = "# m\nThe model card is in [MODEL_CARD.md](MODEL_CARD.md).\n"
# probe15 #4: results as an HTML table (its rows on one line each), and the markdown twin
HTML_EVAL = (
    "## Evaluation\n<table>\n<tr><th>Benchmark</th><th>Score</th></tr>\n"
    "<tr><td>HellaSwag</td><td>56.0</td></tr>\n<tr><td>ARC-Easy</td><td>68.2</td></tr>\n"
    "<tr><td>PIQA</td><td>74.1</td></tr>\n</table>\n"
)
MD_EVAL = (
    "## Evaluation\n| Benchmark | Score |\n|---|---|\n| HellaSwag | 56.0 |\n"
    "| ARC-Easy | 68.2 |\n| PIQA | 74.1 |\n"
)
BUT_RESULTS = MIT + section("Model Architecture", 80) + section("Training Details", 80)
FULL_CARD = MIT + "".join(map(section, ("Model Architecture", "Training Details", "Evaluation")))
PART_CARD = MIT + section("Intro") + section("Usage") + section("Limitations")
A_DATA = card("mit", datasets=["org/a"])
AB_DATA = card("mit", datasets=["org/a", "org/b"])
ON_BASE = card("mit", base_model="org/base")
# the whole pipeline's code linked, under a licence the card states for all of it
FULL_CODE = (
    "## Training\nTraining code: [trainer](https://github.com/org/trainer). Data processing"
    " code: [prep](https://github.com/org/prep). All code is released under the Apache-2.0"
    " license.\n"
)
# data preprocessing kept in the linked training repository, said in the next sentence
SAME_REPO = (
    "## Training\nTraining code: [trainer](https://github.com/org/trainer), released under"
    " Apache-2.0. Data preprocessing (tokenisation, deduplication) is in the same repository"
    " under `tools/preprocess`.\n"
)
SAME_REPO_DENIED = (
    "## Training\nTraining code: [trainer](https://github.com/org/trainer), released under"
    " Apache-2.0. Data preprocessing is not in the same repository.\n"
)
SAME_REPO_NO_LINK = "## Training\nData preprocessing is in the same repository as the model.\n"
TRAIN_PREP_UNLICENSED = (
    "## Training\nTraining code: [trainer](https://github.com/org/trainer). Data processing"
    " code: [prep](https://github.com/org/prep).\n"
)
TRAIN_APACHE = (
    "## Training\nTraining code: [trainer](https://github.com/org/trainer), released under"
    " Apache-2.0.\n"
)
TRAIN_BRACKETED = "## Training\nTraining code (MIT): https://github.com/org/trainer\n"
AI_ACT_SHEETS = (
    "## Training Data\nA detailed [public summary of the training content]"
    "(https://example.org/summary.pdf), following the EU AI Act template, and a [datasheet]"
    "(https://example.org/datasheet.pdf) are available.\n"
)
AI_ACT_HERE = (
    "## Training Data\nThe EU AI Act summary of our training data is"
    " [here](https://example.org/x.pdf).\n"
)
RECOVER_LINK = "Use https://github.com/org/alpaca#recovering-alpaca-weights to run it.\n"
AI_ACT_FILE_LINKED = (
    "## Legal\nDocumentation: https://huggingface.co/org/m/blob/main/M_EU_Public_Summary.pdf\n"
)
AI_ACT_HEADING = (
    "## EU AI Act Transparency Documentation\nSee [the summary](https://example.org/m/s.pdf)"
    " and [the code of practice](https://example.org/m/cop.pdf).\n"
)
AI_ACT_LISTED = "## EU AI Act\nOur summary is `summary_2025.pdf` in this repository.\n"
CODE_OF_PRACTICE = (
    "## EU AI Act\nWe signed the [code of practice](https://example.org/m/Code_of_Practice.pdf).\n"
)
RESULTS_SUMMARY = "## Evaluation\nA [summary](https://example.org/m/summary.pdf) of results.\n"
# how to opt out or ask for removal: no description of the data
DATA_RIGHTS = "## Data Protection and Copyright Requests\n" + filler(50) + "\n"
DATA_AND_COPYRIGHT = "## Training Data and Copyright\n" + filler(50) + "\n"
DATASHEET_PAPER = (
    "## Training Data\nWe follow [Datasheets for Datasets](https://arxiv.org/abs/1803.09010).\n"
)
DATASHEET_PROMISED = (
    "## Training Data\nA datasheet will be released at [this page](https://example.org/sheet).\n"
)

# --- mof_component -------------------------------------------------------------------

W = "model.safetensors"


def mof(
    name: str, evidence: Evidence, component: str, type: str, answer: Answer, reason: str,
    grade: str,
) -> Case:  # fmt: skip
    params = {"component": component, "type": type}
    return (name, "mof_component", evidence, params, answer, reason, grade)


MOF_COMPONENT: list[Case] = [
    # final_parameters (data): weight files under the distribution licence
    mof("weights, apache-2.0 (open, not on the data list)", ev(card("apache-2.0"), W),
        "final_parameters", "data", "yes", "not among MOF's open-data licences", "included"),
    mof("weights, cc-by-4.0", ev(card("cc-by-4.0"), W), "final_parameters", "data", "yes",
        "'cc-by-4.0' is open for data", "included"),
    mof("weights, llama3", ev(card("llama3"), W), "final_parameters", "data", "no",
        "'llama3' (restricted) is not an open licence", "not_open"),
    mof("weights, cc-by-nc-4.0", ev(card("cc-by-nc-4.0"), W), "final_parameters", "data", "no",
        "non-commercial", "not_open"),
    mof("weights, licence other", ev(card("other", license_name=CUSTOM), W), "final_parameters",
        "data", "no", "a custom licence is not open for MOF", "not_open"),
    mof("weights, bare licence other", ev(card("other"), W), "final_parameters", "data", "no",
        "all rights are reserved: MOF counts an unlicensed", "not_open"),
    mof("weights, licence unknown", ev(card("unknown"), W), "final_parameters", "data", "no",
        "the uploader does not know the licence", "not_open"),
    mof("weights, no licence", ev(card(), W), "final_parameters", "data", "no",
        "unlicensed component as not open", "not_open"),
    mof("weights, gated card from the API", gated_unread(W, api_card_data={"license": "llama3"}),
        "final_parameters", "data", "no", "'llama3'", "not_open"),
    mof("weights, gated card unread", gated_unread(W), "final_parameters", "data", "unknown",
        "gated", "unknown"),
    # a licence file not served without access, no licence tag: the licence is unknown,
    # not custom; with `license: other` it is custom
    mof("weights, no licence tag, licence file gated",
        gated_unread(W, "LICENSE", api_card_data={}, license_files=GATED_LICENCE),
        "final_parameters", "data", "unknown", "approved access would show it and identify",
        "unknown"),
    mof("weights, licence other, licence file gated",
        gated_unread(W, "LICENSE", api_card_data={"license": "other"}, license_files=GATED_LICENCE),
        "final_parameters", "data", "no", "a custom licence is not open for MOF", "not_open"),
    mof("optimizer state is no weights", ev(MIT, "optimizer.pt"), "final_parameters", "data",
        "no", "no weight files in the repository", "missing"),
    mof("weights, no file listing", ev(MIT), "final_parameters", "data", "unknown",
        "no file listing was read", "unknown"),
    # intermediate_checkpoints (data): checkpoint folders; branches are not in evidence
    mof("checkpoint-N folder", ev(MIT, W, "checkpoint-1000/model.safetensors"),
        "intermediate_checkpoints", "data", "yes", "checkpoint-1000/model.safetensors",
        "included"),
    mof("checkpoints/ folder, llama3", ev(card("llama3"), "checkpoints/step1.pt"),
        "intermediate_checkpoints", "data", "no", "'llama3'", "not_open"),
    mof("stepN folder", ev(MIT, "revs/step1000/model.bin"), "intermediate_checkpoints", "data",
        "yes", "revs/step1000", "included"),
    mof("no checkpoint folder", ev(MIT, W), "intermediate_checkpoints", "data", "no",
        "the card does not say checkpoints are published", "missing"),
    mof("checkpoint branches", ev(MIT, W, branches=("main", "step1000", "step2000")),
        "intermediate_checkpoints", "data", "yes", "2 checkpoint branch(es): step1000",
        "included"),
    mof("branches listed, none a checkpoint", ev(MIT, W, branches=("main", "dev")),
        "intermediate_checkpoints", "data", "no", "no checkpoint branch", "missing"),
    mof("the card says where checkpoints are",
        ev(MIT + "## Checkpoints\nWe publish intermediate checkpoints as revisions.\n", W),
        "intermediate_checkpoints", "data", "yes", "the card says intermediate checkpoints",
        "included"),
    # a code licence file beside the model's gives code components their licence (MOT:
    # the type's licence before the distribution licence); not the weights
    mof("inference code under the repo's code licence file", code_and_model_licences(),
        "inference_code", "code", "yes",
        "the repo's code licence file LICENSE-CODE gives the code its licence: 'mit' is open",
        "included"),
    mof("weights are not under the code licence file", code_and_model_licences(),
        "final_parameters", "data", "no", "not an open licence", "not_open"),
    # checkpoints in repositories of their own: Hub links of the model's organisation whose
    # names say so (inferred, naming the link), or a section titled as a set of them; not
    # another organisation's, the declared base, nor a section on using checkpoints
    *(mof(f"checkpoint repo linked: {name}", ev(MIT + hub_link(f"org/{name}"), W),
          "intermediate_checkpoints", "data", "yes",
          f"the card links Hub repositories whose names say checkpoints: org/{name}", "included")
      for name in ("m-1.1B-intermediate-step-480k-1T", "M-7B-Intermediate-Checkpoints",
                   "M-Intermediate", "m-step-50K-105b")),
    *(mof(f"checkpoints listed under '{title}'", ev(MIT + f"## {title}\n{filler(12)}\n", W),
          "intermediate_checkpoints", "data", "yes", f"the card's section '{title}' lists",
          "included")
      for title in ("Stage 1 - Last 10 Checkpoints", "All Checkpoints")),
    # a plain "Checkpoints" title, when its section speaks of steps (else: final sizes)
    *(mof(f"checkpoints at steps under '{title}'",
          ev(MIT + f"## {title}\nOne every 1,000 steps.\n", W), "intermediate_checkpoints",
          "data", "yes", f"the card's section '{title}' lists", "included")
      for title in ("Checkpoints", "Model Checkpoints")),
    *(mof(f"nothing intermediate under '{title}'", ev(MIT + f"## {title}\n{filler(12)}\n", W),
          "intermediate_checkpoints", "data", "no", "the card does not say checkpoints",
          "missing")
      for title in ("Checkpoints", "Model Checkpoints")),
    mof("another organisation's checkpoint repo", ev(MIT + hub_link("other/m-intermediate-step-1"),
        W), "intermediate_checkpoints", "data", "no",
        "the card does not say checkpoints are published", "missing"),
    mof("the declared base is a checkpoint repo",
        ev(card("mit", base_model="org/m-intermediate-step-1431k") +
           hub_link("org/m-intermediate-step-1431k"), W),
        "intermediate_checkpoints", "data", "no", "the card does not say checkpoints", "missing"),
    mof("a repo name with step but no number", ev(MIT + hub_link("org/stepwise-7b"), W),
        "intermediate_checkpoints", "data", "no", "the card does not say checkpoints", "missing"),
    *(mof(f"no checkpoints under '{title}'", ev(MIT + f"## {title}\n{filler(12)}\n", W),
          "intermediate_checkpoints", "data", "no", "the card does not say checkpoints", "missing")
      for title in ("Loading checkpoints", "Averaging the last 5 checkpoints", "Revisions",
                    "Pretrained checkpoints")),
    mof("checkpoints, gated card unread", gated_unread(), "intermediate_checkpoints", "data",
        "unknown", "no file listing or branches", "unknown"),
    # model_metadata (data): the model's configuration, training configuration and
    # optimizer state
    mof("training_args.bin", ev(MIT, W, "training_args.bin"), "model_metadata", "data", "yes",
        "training_args.bin", "included"),
    mof("the model's configuration", ev(MIT, W, "config.json", "generation_config.json"),
        "model_metadata", "data", "yes", "model metadata in the repo: config.json", "included"),
    mof("optimizer state, cc-by-nc-4.0", ev(card("cc-by-nc-4.0"), W, "optimizer.pt"),
        "model_metadata", "data", "no", "non-commercial", "not_open"),
    mof("no model metadata", ev(MIT, W, "tokenizer.json"), "model_metadata", "data", "no",
        "no model configuration, training configuration or optimizer state", "missing"),
    mof("metadata, no file listing", ev(MIT), "model_metadata", "data", "unknown",
        "no file listing was read", "unknown"),
    # architecture (code): modelling code or config in the repo, else a library
    mof("config.json, mit", ev(MIT, W, "config.json"), "architecture", "code", "yes",
        "'mit' is open for code", "included"),
    mof("modelling code, cc-by-4.0 (open, not a code licence)",
        ev(card("cc-by-4.0"), "modeling_x.py"), "architecture", "code", "yes",
        "not among MOF's OSI-approved code licences", "included"),
    mof("architecture, llama3", ev(card("llama3"), "config.json"), "architecture", "code", "no",
        "'llama3'", "not_open"),
    mof("architecture in a library (API)", ev(MIT, W, library_name="transformers"),
        "architecture", "code", "yes", "MOT's precedence gives it the distribution licence",
        "included"),
    mof("architecture in a library (card)", ev(card("mit", library_name="timm"), W),
        "architecture", "code", "yes", "timm library", "included"),
    mof("a training script is no architecture", ev(MIT, W, "train_sft.py"), "architecture",
        "code", "no", "no architecture code or config", "missing"),
    mof("a model file beside a training script", ev(MIT, W, "train_model.py", "src/unet_model.py"),
        "architecture", "code", "yes", "architecture in the repo: src/unet_model.py", "included"),
    mof("no architecture", ev(MIT, W), "architecture", "code", "no",
        "no architecture code or config", "missing"),
    mof("architecture, no file listing", ev(MIT), "architecture", "code", "unknown",
        "no file listing was read", "unknown"),
    # training_code (code): repo scripts, else a card link about training
    mof("train.py, mit", ev(MIT, W, "train.py"), "training_code", "code", "yes", "train.py",
        "included"),
    mof("training script, llama3", ev(card("llama3"), "scripts/train_lora.py"), "training_code",
        "code", "no", "'llama3'", "not_open"),
    mof("training code linked", ev(MIT + TRAIN_LINK, W), "training_code", "code", "yes",
        "github.com/org/recipes; its own licence was not read where it is hosted", "included"),
    mof("only an unrelated code link", ev(MIT + DEMO_LINK, W), "training_code", "code", "no",
        "no training code identified: the card links a repository of the model's own"
        " (github.com/org/demo)", "missing"),
    mof("only a training framework linked", ev(MIT + FRAMEWORK_LINK, W), "training_code", "code",
        "no", "only a training framework is linked (github.com/huggingface/trl)", "missing"),
    mof("a merge tool is no training code", ev(MIT + MERGE_TOOL, W), "training_code", "code",
        "no", "no training code in the repo or linked", "missing"),
    mof("a merge tool is no evaluation code", ev(MIT + MERGE_TOOL, W), "evaluation_code",
        "code", "no", "no evaluation code", "missing"),
    mof("training code, gated card unread", gated_unread(W), "training_code", "code", "unknown",
        "README is gated", "unknown"),
    # inference_code (code): repo code, else the library it runs with
    mof("inference.py, apache-2.0", ev(card("apache-2.0"), W, "inference.py"), "inference_code",
        "code", "yes", "inference.py", "included"),
    mof("runs with a library", ev(MIT, W, library_name="transformers"), "inference_code", "code",
        "yes", "runs with the transformers library", "included"),
    mof("a training script is no inference code", ev(MIT, W, "train_sft.py", "eval_mmlu.py"),
        "inference_code", "code", "no", "no inference code", "missing"),
    mof("modelling code runs the model", ev(MIT, W, "modeling_m.py", "train.py"),
        "inference_code", "code", "yes", "inference code in the repo: modeling_m.py",
        "included"),
    mof("no inference code", ev(MIT, W), "inference_code", "code", "no", "no inference code",
        "missing"),
    # a library's config beside the weights, no library declared (the Hub derives one from
    # it; a copy of the listing may not): the default rubric's inference code says so too
    mof("a library config, no library declared", ev(MIT, W, "config.json"), "inference_code",
        "code", "yes", "a library config in the repo (config.json)", "included"),
    mof("inference, no file listing", ev(MIT), "inference_code", "code", "unknown",
        "no file listing was read", "unknown"),
    # evaluation_code, preprocessing_code, supporting_libraries (code)
    mof("eval.py, mit", ev(MIT, "eval.py"), "evaluation_code", "code", "yes", "eval.py",
        "included"),
    mof("evaluation code linked", ev(MIT + EVAL_LINK, W), "evaluation_code", "code", "yes",
        "github.com/org/evals", "included"),
    mof("evaluation code, gated card unread", gated_unread(W), "evaluation_code", "code",
        "unknown", "README is gated", "unknown"),
    mof("no evaluation code", ev(MIT, W), "evaluation_code", "code", "no",
        "no evaluation code", "missing"),
    mof("preprocess.py, cc-by-nc-4.0", ev(card("cc-by-nc-4.0"), "preprocess.py"),
        "preprocessing_code", "code", "no", "non-commercial", "not_open"),
    mof("preprocessing code linked", ev(MIT + PREP_LINK, W), "preprocessing_code", "code",
        "yes", "github.com/org/prep", "included"),
    mof("preprocessing, gated card unread", gated_unread(W), "preprocessing_code", "code",
        "unknown", "README is gated", "unknown"),
    mof("no preprocessing code", ev(MIT, W), "preprocessing_code", "code", "no",
        "no preprocessing code", "missing"),
    mof("preprocessing in the linked training repository", ev(MIT + SAME_REPO, W),
        "preprocessing_code", "code", "yes", "in the same repository as github.com/org/trainer",
        "included"),
    mof("preprocessing said not in the same repository", ev(MIT + SAME_REPO_DENIED, W),
        "preprocessing_code", "code", "no", "no preprocessing code", "missing"),
    mof("the same repository, no code link before it", ev(MIT + SAME_REPO_NO_LINK, W),
        "preprocessing_code", "code", "no", "no preprocessing code", "missing"),
    mof("tokenizer library linked", ev(MIT + LIB_LINK, W), "supporting_libraries", "code",
        "yes", "github.com/org/toks", "included"),
    mof("libraries, gated card unread", gated_unread(W), "supporting_libraries", "code",
        "unknown", "README is gated", "unknown"),
    mof("no supporting libraries", ev(MIT + TRAIN_LINK, W), "supporting_libraries", "code",
        "no", "no supporting libraries", "missing"),
    # datasets (data): each declared dataset's own licence
    mof("dataset cc-by-4.0", ev(A_DATA, datasets=(dataset("org/a", "cc-by-4.0"),)),
        "datasets", "data", "yes", "whether these are all the data used needs a person",
        "included"),
    mof("dataset apache-2.0 (open, not on the data list)",
        ev(A_DATA, datasets=(dataset("org/a", "apache-2.0"),)), "datasets", "data", "yes",
        "not among MOF's open-data licences", "included"),
    mof("datasets cc-by-4.0 and cdla-permissive-2.0",
        ev(AB_DATA, datasets=(dataset("org/a", "cc-by-4.0"),
                              dataset("org/b", "cdla-permissive-2.0"))),
        "datasets", "data", "yes", "org/b: 'cdla-permissive-2.0' is open for data", "included"),
    mof("dataset cc-by-nc-4.0", ev(A_DATA, datasets=(dataset("org/a", "cc-by-nc-4.0"),)),
        "datasets", "data", "no", "org/a: 'cc-by-nc-4.0' (non-commercial)", "not_open"),
    mof("one dataset open, one cc-by-nc-4.0",
        ev(AB_DATA, datasets=(dataset("org/a", "cc-by-4.0"), dataset("org/b", "cc-by-nc-4.0"))),
        "datasets", "data", "no", "org/b: 'cc-by-nc-4.0'", "not_open"),
    mof("dataset licence other", ev(A_DATA, datasets=(dataset("org/a", "other"),)), "datasets",
        "data", "no", "org/a: a custom licence", "not_open"),
    mof("dataset declares no licence", ev(A_DATA, datasets=(dataset("org/a"),)), "datasets",
        "data", "no", "org/a declares no licence (unlicensed)", "not_open"),
    mof("dataset skipped", ev(A_DATA, datasets=(dataset("org/a", status="skipped"),)),
        "datasets", "data", "unknown", "org/a was not looked up (skipped", "unknown"),
    mof("one dataset open, one skipped",
        ev(AB_DATA, datasets=(dataset("org/a", "cc-by-4.0"), dataset("org/b", status="skipped"))),
        "datasets", "data", "unknown", "org/b was not looked up", "unknown"),
    mof("dataset declared, not in the evidence", ev(A_DATA), "datasets", "data", "unknown",
        "org/a was not looked up", "unknown"),
    mof("dataset gated, licence served", ev(A_DATA, datasets=(
        dataset("org/a", "cc-by-4.0", status="gated", gated="manual"),)),
        "datasets", "data", "yes", "'cc-by-4.0' is open for data", "included"),
    # the card says part of the training data is not released: not all of it is open
    mof("dataset open, part of the training data not released",
        ev(A_DATA + WITHHELD, datasets=(dataset("org/a", "cc-by-4.0"),)), "datasets", "data",
        "no", "but the card says part of its training data is not released", "not_open"),
    mof("twin: dataset open, the in-house data released",
        ev(A_DATA + RELEASED_INHOUSE, datasets=(dataset("org/a", "cc-by-4.0"),)), "datasets",
        "data", "yes", "whether these are all the data used needs a person", "included"),
    mof("dataset skipped, part of the training data not released",
        ev(A_DATA + WITHHELD, datasets=(dataset("org/a", status="skipped"),)), "datasets",
        "data", "no", "(skipped: not looked up); but the card says part", "not_open"),
    mof("corpora named, part of the training data not released",
        ev(MIT + CORPUS_NAMED + "Also internal data.\n"), "datasets", "data", "no",
        "their licences are not in the evidence (no Hub dataset ids); but the card says",
        "not_open"),
    mof("no datasets named", ev(MIT), "datasets", "data", "no",
        "the card names no training datasets", "missing"),
    mof("datasets from the API card of a gated repo",
        gated_unread(api_card_data={"license": "mit", "datasets": ["org/a"]},
                     datasets=(dataset("org/a", "cc-by-4.0"),)),
        "datasets", "data", "yes", "org/a: 'cc-by-4.0'", "included"),
    mof("datasets, gated card unread", gated_unread(), "datasets", "data", "unknown",
        "README is gated", "unknown"),
    mof("datasets, metadata does not parse", ev(BAD_METADATA), "datasets", "data", "unknown",
        "metadata", "unknown"),
    # evaluation_data (data): model-index dataset ids, licences not looked up
    mof("model-index names evaluation sets", ev(MODEL_INDEX), "evaluation_data", "data",
        "yes", "`model-index` names org/evalset; its own licence was not read", "included"),
    mof("a results table names its benchmarks", ev(MIT + RESULTS_TABLE), "evaluation_data",
        "data", "yes", "the results table in 'Evaluation' names its benchmarks (arc)",
        "included"),
    mof("benchmarks as the columns of a table of models", ev(MIT + MODELS_BY_BENCHMARK),
        "evaluation_data", "data", "yes", "names its benchmarks (MMLU, GSM8K)", "included"),
    mof("a benchmark column beside a category column", ev(MIT + CATEGORY_TABLE),
        "evaluation_data", "data", "yes", "names its benchmarks (MMLU (5-shot), SQuAD)",
        "included"),
    mof("an html results table", ev(MIT + HTML_RESULTS), "evaluation_data", "data", "yes",
        "names its benchmarks (MMLU, GSM8K)", "included"),
    mof("result files name their benchmarks", ev(MIT, ".eval_results/hellaswag.yaml"),
        "evaluation_data", "data", "yes", "the result files name their benchmarks (hellaswag)",
        "included"),
    mof("scores in prose name no evaluation data", ev(MIT + SCORES_IN_PROSE),
        "evaluation_data", "data", "no", "no evaluation dataset is named", "missing"),
    mof("results told in prose name no evaluation data", ev(MIT + RESULTS_IN_WORDS),
        "evaluation_data", "data", "no",
        "no evaluation dataset is named (section 'Benchmark Results' reports results in 96 words",
        "missing"),
    # probe11 classes 3 and 13: a table of benchmark scores under another title; scores
    # listed or told in prose name their benchmarks as plainly as a table
    mof("a results table under 'Highlights'", ev(MIT + HIGHLIGHTS), "evaluation_data", "data",
        "yes", "the results table in 'Highlights' names its benchmarks (MMLU (5-shot), GSM8K)",
        "included"),
    mof("scores listed under an evaluation title", ev(MIT + SCORES_LISTED), "evaluation_data",
        "data", "yes", "the scores in 'Evaluation Results' name their benchmarks (MMLU, GSM8K)",
        "included"),
    mof("scores told on benchmarks", ev(MIT + SCORES_ON_BENCHMARKS), "evaluation_data", "data",
        "yes", "the scores in 'Evaluation' name their benchmarks (MMLU, GSM8K, HumanEval)",
        "included"),
    mof("scores listed by metric name no evaluation data", ev(MIT + METRICS_LISTED),
        "evaluation_data", "data", "no", "no evaluation dataset is named", "missing"),
    mof("benchmarks named beside no score", ev(MIT + BENCHMARKS_UNSCORED), "evaluation_data",
        "data", "no", "no evaluation dataset is named", "missing"),
    mof("a chart beside what the model was evaluated on", ev(MIT + EVALUATED_ON + CHART),
        "evaluation_data", "data", "yes", "'Evaluation' reports results and names what they"
        " were evaluated on: benchmarks (MMLU, GSM8K, HellaSwag)", "included"),
    mof("twin: what it was evaluated on beside no results", ev(MIT + EVALUATED_ON),
        "evaluation_data", "data", "no", "has no results table and links no results", "missing"),
    mof("a chart beside prompts from a validation set", ev(MIT + PROMPTS_FROM),
        "evaluation_data", "data", "yes", "evaluated on: benchmarks (COCO2017)", "included"),
    mof("a chart of word error rates on test-clean", ev(MIT + WER_CHART), "evaluation_data",
        "data", "yes", "evaluated on: benchmarks (LibriSpeech)", "included"),
    mof("twin: a chart beside training data", ev(MIT + TRAINED_ON_BESIDE_CHART),
        "evaluation_data", "data", "no", "no evaluation dataset is named", "missing"),
    mof("twin: a chart beside evaluations to come", ev(MIT + PLANNED_BESIDE_CHART),
        "evaluation_data", "data", "no", "no evaluation dataset is named", "missing"),
    # review16a #3: names beside a chart that are training data, a harness's list, plans
    *(
        mof(f"twin: a chart beside {name}", ev(MIT + "## Evaluation\n" + said + "\n" + CHART),
            "evaluation_data", "data", "no", "no evaluation dataset is named", "missing")
        for name, said in (
            ("data trained on, then 'tested on'",
             "The model was trained on COCO and tested on our internal set."),
            ("data fine-tuned on, then 'evaluated on'",
             "We fine-tuned on SQuAD and GSM8K and evaluated on a held-out split of our own data."),
            ("the benchmarks a harness supports",
             "For evaluation we used lm-evaluation-harness, which supports MMLU, ARC and"
             " HellaSwag."),
            ("evaluations planned", "We plan to evaluate on MMLU and GSM8K."),
            ("evaluations yet to be run", "MMLU and GSM8K are to be evaluated next."),
        )
    ),
    mof("a chart beside a few-shot list",
        ev(MIT + "## Evaluation\n- MMLU (5-shot)\n- GSM8K (8-shot)\n" + CHART),
        "evaluation_data", "data", "yes", "evaluated on: benchmarks (MMLU, GSM8K)", "included"),
    *(
        mof(f"twin: {name} beside what it was evaluated on, results linked elsewhere",
            ev(MIT + EVALUATED_ON_MMLU + image + "\n" + LEADERBOARD), "evaluation_data",
            "data", "no", "no evaluation dataset is named", "missing")
        for name, image in (
            ("a team photo", "![A photograph of the team](team.jpg)"),
            ("a loss plot", "![](figures/train_loss_plot.png)"),
            ("a pipeline diagram", "![Evaluation pipeline](pipeline.png)"),
        )
    ),
    mof("no evaluation data", ev(MIT), "evaluation_data", "data", "no",
        "no model-index, result files or evaluation section", "missing"),
    mof("evaluation data, gated card unread", gated_unread(), "evaluation_data", "data",
        "unknown", "README is gated", "unknown"),
    # model_card (document)
    mof("model card, mit (open, not a content licence)", ev(card("mit", LONG)), "model_card",
        "document", "yes", "not among MOF's open-content licences", "included"),
    mof("model card, cc-by-4.0", ev(card("cc-by-4.0", LONG)), "model_card", "document", "yes",
        "'cc-by-4.0' is open for document", "included"),
    mof("model card, cc-by-nc-4.0", ev(card("cc-by-nc-4.0", LONG)), "model_card", "document",
        "no", "non-commercial", "not_open"),
    mof("model card too short", ev(MIT), "model_card", "document", "no", "fewer than 150",
        "missing"),
    mof("model card concise, its topics in definition lines", ev(card("mit", CONCISE)),
        "model_card", "document", "yes", "fewer than 150, but covers architecture", "included"),
    mof("model card concise, one topic only", ev(card("mit", ONE_TOPIC)), "model_card",
        "document", "no", "and covers only architecture", "missing"),
    mof("model card as a file of its own", ev(card("mit", POINTER), "MODEL_CARD.md"),
        "model_card", "document", "yes", "a file of its own in the repo: MODEL_CARD.md",
        "included"),
    mof("model card, gated card unread", gated_unread(), "model_card", "document", "unknown",
        "README is gated", "unknown"),
    # data_card (document): a data section, else the linked datasets' cards
    mof("data section, apache-2.0", ev(card("apache-2.0", DATA_SECTION)), "data_card",
        "document", "yes", "section 'Training Data'", "included"),
    mof("linked dataset cards, cc-by-4.0", ev(A_DATA, datasets=(dataset("org/a", "cc-by-4.0"),)),
        "data_card", "document", "yes", "dataset cards of the linked datasets", "included"),
    mof("linked dataset cards, cc-by-nc-4.0",
        ev(A_DATA, datasets=(dataset("org/a", "cc-by-nc-4.0"),)), "data_card", "document", "no",
        "non-commercial", "not_open"),
    mof("data section too short", ev(MIT + SHORT_DATA), "data_card", "document", "no",
        "no training-data section", "missing"),
    mof("data sentences in a Training section", ev(MIT + TRAINING_DATA_PROSE), "data_card",
        "document", "yes", "section 'Training' (48 words about data)", "included"),
    mof("data rights section is no data card", ev(MIT + DATA_RIGHTS), "data_card", "document",
        "no", "no training-data section", "missing"),
    mof("AI Act summary in the repo is a data card", ev(MIT, W, "Org_EU_Public_Summary.pdf"),
        "data_card", "document", "yes", "summary in the repo: Org_EU_Public_Summary.pdf",
        "included"),
    mof("AI Act summary linked is a data card", ev(MIT + AI_ACT_FILE_LINKED), "data_card",
        "document", "yes", "the card links a datasheet or AI Act training-data summary",
        "included"),
    mof("data card, gated card unread", gated_unread(), "data_card", "document", "unknown",
        "README is gated", "unknown"),
    # technical_report, research_paper (document)
    mof("report in the repo", ev(MIT, "report.pdf"), "technical_report", "document", "yes",
        "report.pdf", "included"),
    mof("paper linked", ev(MIT + PAPER_LINK), "technical_report", "document", "yes",
        "MOT's precedence gives it the distribution licence", "included"),
    mof("no report", ev(MIT), "technical_report", "document", "no", "no paper link", "missing"),
    mof("report, gated card unread", gated_unread(), "technical_report", "document", "unknown",
        "README is gated", "unknown"),
    # the report test the paper probe and EOSAI's preprint share: a PDF named as a
    # licence, a use policy or a model card is none, whatever else its name says
    mof("report in the repo, gated card unread", gated_unread("technical_report.pdf"),
        "technical_report", "document", "unknown", "a report in the repo: technical_report.pdf;",
        "unknown"),
    mof("a model card PDF named a report", ev(MIT, "Model_Card_Report.pdf"), "technical_report",
        "document", "no", "no paper link", "missing"),
    mof("a licence PDF named a whitepaper", ev(MIT, "Model_License_Whitepaper.pdf"),
        "research_paper", "document", "no", "no arxiv tag", "missing"),
    mof("paper tagged", ev(MIT, tags=("arxiv:2401.00001",)), "research_paper", "document",
        "yes", "tagged arxiv:2401.00001", "included"),
    mof("no paper", ev(MIT), "research_paper", "document", "no", "no arxiv tag", "missing"),
    mof("paper, gated card unread", gated_unread(), "research_paper", "document", "unknown",
        "README is gated", "unknown"),
    # evaluation_results, sample_outputs (document)
    mof("model-index results", ev(MODEL_INDEX), "evaluation_results", "document", "yes",
        "`model-index` metadata holds results", "included"),
    mof("result files", ev(MIT, ".eval_results/arc.yaml"), "evaluation_results", "document",
        "yes", "1 result file(s)", "included"),
    mof("results table, cc-by-nc-4.0", ev(card("cc-by-nc-4.0", RESULTS_TABLE)),
        "evaluation_results", "document", "no", "non-commercial", "not_open"),
    mof("results told in prose under a results title", ev(MIT + RESULTS_IN_WORDS),
        "evaluation_results", "document", "yes",
        "section 'Benchmark Results' reports results in 96 words of prose", "included"),
    mof("evaluation section without a table", ev(MIT + EVAL_PROSE), "evaluation_results",
        "document", "no", "has no results table", "missing"),
    mof("results on a leaderboard: hosted there, licence unread", ev(MIT + LEADERBOARD),
        "evaluation_results", "document", "yes",
        "results published elsewhere, linked from 'Evaluation': org/llm_leaderboard); its own "
        "licence was not read where it is hosted", "included"),
    mof("results on a leaderboard name no evaluation data", ev(MIT + LEADERBOARD),
        "evaluation_data", "data", "no", "no evaluation dataset is named", "missing"),
    mof("results, gated card unread", gated_unread(), "evaluation_results", "document",
        "unknown", "README is gated", "unknown"),
    mof("sample outputs section", ev(MIT + SAMPLES), "sample_outputs", "document", "yes",
        "section 'Sample Outputs'", "included"),
    mof("sample section too short", ev(MIT + SHORT_SAMPLES), "sample_outputs", "document", "no",
        "no section titled 'Sample Outputs'", "missing"),
    mof("samples, gated card unread", gated_unread(), "sample_outputs", "document", "unknown",
        "README is gated", "unknown"),
    mof("a text-to-image card opens with a grid", ev(T2I + OPENING_GRID), "sample_outputs",
        "document", "yes", "the card's opening shows an image of a text-to-image model, a"
        " sample of its outputs (./dev_grid.jpg)", "included"),
    mof("twin: a text-generation card opening with an image", ev(TEXT_GEN + OPENING_GRID),
        "sample_outputs", "document", "no", "no section titled 'Sample Outputs'", "missing"),
    mof("twin: a text-to-image card opening with a diagram", ev(T2I + OPENING_DIAGRAM),
        "sample_outputs", "document", "no", "widget outputs, gallery of generated media",
        "missing"),
    mof("an image in the title section", ev(T2I + TITLE_IMAGE), "sample_outputs", "document",
        "yes", "the card's title section 'M Model Card' shows an image", "included"),
    mof("a gallery section", ev(T2I + GALLERY), "sample_outputs", "document", "yes",
        "section 'Gallery', titled as a gallery, shows the model's outputs (./samples/a.png",
        "included"),
    mof("images it says were generated with the model", ev(T2I + GENERATED_WITH),
        "sample_outputs", "document", "yes", "'What it makes', that says they were generated",
        "included"),
    mof("twin: images of the training data", ev(T2I + DATA_IMAGES), "sample_outputs",
        "document", "no", "no section titled", "missing"),
    mof("a LoRA widget's outputs", ev(WIDGET), "sample_outputs", "document", "yes",
        "the card's widget records 1 output(s) of the model (images/fox.png)", "included"),
    mof("twin: widget prompts without outputs", ev(WIDGET_NO_OUTPUT), "sample_outputs",
        "document", "no", "no section titled", "missing"),
    mof("a text-to-speech card's audio samples", ev(TTS_SAMPLES), "sample_outputs",
        "document", "yes", "section 'Samples', titled as a gallery", "included"),
    *(
        mof(f"twin: {name}", ev(readme), "sample_outputs", "document", "no",
            "gallery of generated media or opening sample image", "missing")
        for name, readme in NOT_SAMPLES
    ),
    mof("an image-to-image example's output, not its input", ev(I2I_EXAMPLES),
        "sample_outputs", "document", "yes", "shows the model's outputs (out.png)", "included"),
    mof("a gallery's sub-section", ev(GALLERY_SUBSECTION), "sample_outputs", "document", "yes",
        "section 'Gallery', titled as a gallery, shows the model's outputs (p.png)", "included"),
    mof("a diffusers card opens with a grid", ev(DIFFUSERS_GRID), "sample_outputs", "document",
        "yes", "shows an image of a diffusers model, a sample", "included"),
]  # fmt: skip

# --- mof_license_open ----------------------------------------------------------------


def lic(name: str, evidence: Evidence, type: str, answer: Answer, reason: str) -> Case:
    return (name, "mof_license_open", evidence, {"type": type}, answer, reason, None)


MOF_LICENSE_OPEN: list[Case] = [
    lic("apache-2.0 for code", ev(card("apache-2.0")), "code", "yes", "open for code"),
    lic("apache-2.0 for data", ev(card("apache-2.0")), "data", "yes", "MOT warns, counts it"),
    lic("apache-2.0 for documents", ev(card("apache-2.0")), "document", "yes",
        "open for document"),
    lic("mit for documents", ev(MIT), "document", "yes", "not among MOF's open-content"),
    lic("gpl-3.0 for code", ev(card("gpl-3.0")), "code", "yes", "open for code"),
    lic("cc-by-4.0 for data", ev(card("cc-by-4.0")), "data", "yes", "open for data"),
    lic("cc-by-4.0 for code", ev(card("cc-by-4.0")), "code", "yes",
        "not among MOF's OSI-approved code licences"),
    lic("cdla-permissive-2.0 for data", ev(card("cdla-permissive-2.0")), "data", "yes",
        "open-data licences"),
    lic("llama3", ev(card("llama3")), "data", "no", "'llama3' (restricted)"),
    lic("cc-by-nc-4.0", ev(card("cc-by-nc-4.0")), "document", "no",
        "'cc-by-nc-4.0' (non-commercial)"),
    lic("openrail", ev(card("openrail")), "code", "no", "not an open licence for MOF"),
    lic("apache-2.0 and cc-by-nc-4.0 (list: both apply)",
        ev("---\nlicense: [apache-2.0, cc-by-nc-4.0]\n---\n# M\n"), "code", "no",
        "'cc-by-nc-4.0' (non-commercial)"),
    lic("apache-2.0 OR cc-by-nc-4.0 (either suffices)",
        ev(card("apache-2.0 OR cc-by-nc-4.0")), "code", "yes", "'apache-2.0' is open for code"),
    lic("other with a known licence_name", ev(card("other", license_name="tongyi-qianwen")),
        "data", "no", "'tongyi-qianwen' (restricted)"),
    lic("other", ev(card("other", license_name=CUSTOM)), "data", "no",
        "a custom licence is not open for MOF"),
    lic("bare other", ev(card("other")), "data", "no", "MOF counts an unlicensed component"),
    lic("unknown", ev(card("unknown")), "data", "no", "MOF counts an unlicensed component"),
    lic("no licence", ev(card()), "data", "no", "MOF counts an unlicensed component as not open"),
    lic("gated card from the API", gated_unread(api_card_data={"license": "llama3"}), "data",
        "no", "'llama3'"),
    lic("gated card unread", gated_unread(), "data", "unknown", "gated"),
]  # fmt: skip

# --- no_permission_gate --------------------------------------------------------------


def gate(name: str, evidence: Evidence, answer: Answer, reason: str) -> Case:
    return (name, "no_permission_gate", evidence, {}, answer, reason, None)


NO_PERMISSION_GATE: list[Case] = [
    gate("not gated", ev(MIT), "yes", "not gated"),
    gate("gated auto", ev(MIT, gated="auto"), "unknown", "automatic gate"),
    gate("gated true", ev(MIT, gated=True), "unknown", "needs a person"),
    gate("gated manual", ev(MIT, gated="manual"), "no", "manual approval"),
    gate("gated manual, card unread", gated_unread(), "no", "manual approval"),
    gate("card unread behind an unnamed gate", gated_unread(gated=False), "unknown",
         "automatic gate"),
    gate("local folder", ev(MIT, source="local"), "unknown", "local folder"),
]  # fmt: skip

# --- osaid_element -------------------------------------------------------------------


def element(name: str, evidence: Evidence, elem: str, answer: Answer, reason: str) -> Case:
    return (name, "osaid_element", evidence, {"element": elem}, answer, reason, None)


OSAID_ELEMENT: list[Case] = [
    element("weights", ev(MIT, W), "parameters", "yes", "1 weight file(s)"),
    element("gguf weights", ev(MIT, "m-q4.gguf"), "parameters", "yes", "1 weight file(s)"),
    element("optimizer state only", ev(MIT, "optimizer.pt", "training_args.bin"), "parameters",
            "no", "no weight files"),
    element("parameters, no file listing", ev(MIT), "parameters", "unknown",
            "no file listing was read"),
    element("training code in the repo", ev(MIT, W, "train.py"), "code", "unknown",
            "whether it is the complete code needs a person"),
    element("code element, training code linked", ev(MIT + TRAIN_LINK, W), "code", "unknown",
            "github.com/org/recipes"),
    element("no training code", ev(MIT, W), "code", "no", "OSAID needs the complete code"),
    element("code element, gated card unread", gated_unread(W), "code", "unknown",
            "README is gated"),
    element("datasets named", ev(A_DATA), "data_information", "unknown",
            "datasets org/a); whether it lets a skilled person"),
    element("data section", ev(MIT + DATA_SECTION), "data_information", "unknown",
            "section 'Training Data'"),
    element("datasets and data section", ev(A_DATA + DATA_SECTION), "data_information",
            "unknown", "datasets org/a; section 'Training Data'"),
    element("data information, data section too short", ev(MIT + SHORT_DATA),
            "data_information", "no", "no training datasets named and no training-data section"),
    element("data information from the API card of a gated repo",
            gated_unread(api_card_data={"datasets": ["org/a"]}), "data_information", "unknown",
            "data information found (datasets org/a)"),
    element("data information, gated card unread", gated_unread(), "data_information",
            "unknown", "README is gated"),
    element("data information, no README", ev(None, W), "data_information", "unknown",
            "no README was read"),
    element("data information, metadata does not parse", ev(BAD_METADATA), "data_information",
            "unknown", "metadata"),
]  # fmt: skip

# --- osaid_terms ---------------------------------------------------------------------


def terms(name: str, evidence: Evidence, elem: str, answer: Answer, reason: str) -> Case:
    return (name, "osaid_terms", evidence, {"element": elem}, answer, reason, None)


OSAID_TERMS: list[Case] = [
    terms("parameters, apache-2.0", ev(card("apache-2.0")), "parameters", "yes",
          "no use restrictions"),
    terms("parameters, mit", ev(MIT), "parameters", "yes", "parameters under 'mit'"),
    terms("parameters, cc-by-4.0", ev(card("cc-by-4.0")), "parameters", "yes",
          "no use restrictions"),
    terms("parameters, gpl-3.0 (copyleft allowed)", ev(card("gpl-3.0")), "parameters", "yes",
          "no use restrictions"),
    terms("parameters, llama3", ev(card("llama3")), "parameters", "no", "acceptable-use"),
    terms("parameters, openrail", ev(card("openrail")), "parameters", "no",
          "field-of-use restrictions"),
    terms("parameters, cc-by-nc-4.0", ev(card("cc-by-nc-4.0")), "parameters", "no",
          "non-commercial"),
    terms("parameters, other", ev(card("other", license_name=CUSTOM)), "parameters", "no",
          "a careful reader takes it as a custom licence"),
    terms("parameters, bare other", ev(card("other")), "parameters", "no",
          "no grant of use is shown"),
    terms("parameters, no licence", ev(card()), "parameters", "no",
          "no licence or terms are stated for the parameters"),
    terms("parameters, gated card from the API", gated_unread(api_card_data={"license": "mit"}),
          "parameters", "yes", "parameters under 'mit'"),
    terms("parameters, gated card unread", gated_unread(W), "parameters", "unknown", "gated"),
    terms("data information, mit", ev(MIT), "data_information", "yes",
          "data information under 'mit'"),
    terms("data information, cc-by-nc-4.0", ev(card("cc-by-nc-4.0")), "data_information", "no",
          "non-commercial"),
    terms("repo code, apache-2.0", ev(card("apache-2.0"), "modeling_x.py"), "code", "yes",
          "'apache-2.0', OSI-approved"),
    terms("repo code, llama3", ev(card("llama3"), "modeling_x.py"), "code", "no",
          "not OSI-approved"),
    terms("repo code, cc-by-4.0", ev(card("cc-by-4.0"), "modeling_x.py"), "code", "no",
          "not OSI-approved"),
    terms("repo code, other", ev(card("other"), "modeling_x.py"), "code", "unknown",
          "not identified as OSI-approved or not"),
    terms("repo code, no licence", ev(card(), "modeling_x.py"), "code", "no", "no licence"),
    terms("code linked", ev(MIT + TRAIN_LINK, W), "code", "unknown", "hosted off the Hub"),
    terms("code is a library", ev(MIT, W, library_name="transformers"), "code", "unknown",
          "hosted off the Hub"),
    terms("no code", ev(MIT, W), "code", "no", "no code is published"),
    terms("code still to come", ev(MIT + "Training code will be released soon at "
          "https://github.com/org/m-train.\n", W), "code", "no", "no code is published"),
    terms("code terms, gated card unread", gated_unread(W), "code", "unknown", "gated"),
    terms("code terms, no README", ev(None, W), "code", "unknown", "no README was read"),
    terms("code terms, no file listing", ev(MIT), "code", "unknown", "no file listing was read"),
    terms("repo code, gated card unread", gated_unread("modeling_x.py"), "code", "unknown",
          "gated"),
]  # fmt: skip

# --- eosai_dimension -----------------------------------------------------------------
# (case, evidence, dimension, (answer at_least open, answer at_least partial), reason, grade)

EOSAI: list[EosaiRow] = [
    # weights_endmodel: files and gate (gated is partial)
    ("weights, not gated", ev(MIT, W), "weights_endmodel", ("yes", "yes"), "not gated", "open"),
    ("weights, gated auto", ev(MIT, W, gated="auto"), "weights_endmodel", ("no", "yes"),
     "gated is partial", "partial"),
    ("weights, gated manual, card unread", gated_unread(W), "weights_endmodel", ("no", "yes"),
     "gated is partial", "partial"),
    ("no weights", ev(MIT, "config.json"), "weights_endmodel", ("no", "no"),
     "no weight files", "closed"),
    ("weights, no file listing", ev(MIT), "weights_endmodel", ("unknown", "unknown"),
     "between closed and open", "unknown"),
    ("weights, local folder", ev(MIT, W, source="local"), "weights_endmodel", ("unknown", "yes"),
     "a local folder has no Hub gate setting", "unknown"),
    ("delta weights only", ev(MIT + DELTA_SECTION, W), "weights_endmodel", ("no", "yes"),
     "only as delta weights", "partial"),
    # a weight diff whose card says nothing of deltas: the repo's name, a recovery script,
    # a link to recovery instructions (inferred, the reason names the signal); not a name
    # that leads with the token, has no model size, or says the diff is merged
    *((f"weight diff told by the repo name {name}", named(name, MIT, W), "weights_endmodel",
       ("no", "yes"), f"the repository's name says '{token}' beside the model's size '{size}'",
       "partial")
      for name, token, size in (
          ("alpaca-7b-wdiff", "wdiff", "7b"), ("vicuna-13b-delta-v0", "delta", "13b"),
          ("oasst-sft-6-llama-30b-xor", "xor", "30b"), ("koala_13b_diff", "diff", "13b"))),
    *((f"weight diff told by a recovery script {path}", ev(MIT, W, path), "weights_endmodel",
       ("no", "yes"), f"a weight-recovery script in the repo ({path})", "partial")
      for path in ("apply_delta.py", "scripts/weight_diff.py", "xor_codec.py")),
    ("weight diff told by a link to recovering the weights", ev(MIT + RECOVER_LINK, W),
     "weights_endmodel", ("no", "yes"), "the card links instructions for recovering the weights",
     "partial"),
    *((f"no weight diff: repo name {name}", named(name, MIT, W), "weights_endmodel",
       ("yes", "yes"), "not gated", "open")
      for name in ("diff-svc-7b", "mlp-xor", "stable-diffusion-2b", "vicuna-13b-delta-merged")),
    ("no weight diff: a recovery tool without weights in its name",
     ev(MIT + "See https://github.com/org/data-recovery#recovering-files\n", W),
     "weights_endmodel", ("yes", "yes"), "not gated", "open"),
    # weights_basemodel: the base repos looked up (depth 1), else this model's weights
    ("no base model: own weights", ev(MIT, W), "weights_basemodel", ("yes", "yes"),
     "no base model", "open"),
    ("base named in the card, not declared", ev(MIT + TUNED_FROM, W), "weights_basemodel",
     ("unknown", "unknown"), "builds on org/basemodel: not looked up", "unknown"),
    ("base named in the card, looked up", ev(MIT + TUNED_FROM, W,
     implied_bases=(base("org/basemodel"),)), "weights_basemodel", ("yes", "yes"),
     "builds on org/basemodel: base org/basemodel publishes weights", "open"),
    ("base named in the card, gated", ev(MIT + TUNED_FROM, W,
     implied_bases=(base("org/basemodel", gated="manual"),)), "weights_basemodel", ("no", "yes"),
     "base org/basemodel is gated", "partial"),
    ("delta weights: the base they apply to", ev(MIT + DELTA_SECTION, W), "weights_basemodel",
     ("unknown", "unknown"), "the model its delta weights are added to", "unknown"),
    ("base named, not looked up", ev(ON_BASE, W), "weights_basemodel", ("unknown", "unknown"),
     "the base model was not looked up", "unknown"),
    ("base publishes weights", ev(ON_BASE, base_models=(base(),)), "weights_basemodel",
     ("yes", "yes"), "base org/base publishes weights", "open"),
    ("base gated", ev(ON_BASE, base_models=(base(gated="manual"),)), "weights_basemodel",
     ("no", "yes"), "base org/base is gated", "partial"),
    ("base status gated", ev(ON_BASE, base_models=(base(status="gated", files=()),)),
     "weights_basemodel", ("no", "yes"), "is gated", "partial"),
    ("base not on the Hub", ev(ON_BASE, base_models=(base(status="not_found", files=()),)),
     "weights_basemodel", ("no", "no"), "not on the Hub", "closed"),
    ("base skipped", ev(ON_BASE, base_models=(base(status="skipped", files=()),)),
     "weights_basemodel", ("unknown", "unknown"), "was not looked up", "unknown"),
    ("base files not listed", ev(ON_BASE, base_models=(base(files=()),)), "weights_basemodel",
     ("unknown", "unknown"), "files were not listed", "unknown"),
    ("base lists no weights", ev(ON_BASE, base_models=(base(files=("README.md",)),)),
     "weights_basemodel", ("no", "no"), "lists no weight files", "closed"),
    ("two bases, one gated", ev(card("mit", base_model=["org/a", "org/b"]),
                                base_models=(base("org/a"), base("org/b", gated="auto"))),
     "weights_basemodel", ("no", "yes"), "base org/b is gated", "partial"),
    ("two bases: not on the Hub, then skipped",
     ev(card("mit", base_model=["org/a", "org/b"]), base_models=(
         base("org/a", status="not_found", files=()), base("org/b", status="skipped", files=()))),
     "weights_basemodel", ("no", "no"), "org/a is not on the Hub", "closed"),
    ("two bases: skipped, then not on the Hub",
     ev(card("mit", base_model=["org/a", "org/b"]), base_models=(
         base("org/a", status="skipped", files=()), base("org/b", status="not_found", files=()))),
     "weights_basemodel", ("no", "no"), "org/b is not on the Hub", "closed"),
    ("two bases: gated, then skipped",
     ev(card("mit", base_model=["org/a", "org/b"]), base_models=(
         base("org/a", gated="manual"), base("org/b", status="skipped", files=()))),
     "weights_basemodel", ("no", "unknown"), "org/b was not looked up", "unknown"),
    # datasources_endmodel: declared datasets, their licences and gates
    ("data cc-by-4.0", ev(A_DATA, datasets=(dataset("org/a", "cc-by-4.0"),)),
     "datasources_endmodel", ("yes", "yes"), "'cc-by-4.0' is open for data", "open"),
    # more training data named than declared: the sources are not all shared as datasets
    ("data declared, and another Hub dataset linked as training data",
     ev(A_DATA + "## Training Data\nThen [org/chat](https://huggingface.co/datasets/org/chat).\n",
        datasets=(dataset("org/a", "cc-by-4.0"),)),
     "datasources_endmodel", ("no", "yes"), "names more training data than it declares: org/chat",
     "partial"),
    # the card says part of the training data is not released: not all shared
    ("data declared, part of the training data not released",
     ev(A_DATA + WITHHELD, datasets=(dataset("org/a", "cc-by-4.0"),)),
     "datasources_endmodel", ("no", "yes"),
     "but the card says part of its training data is not released ('Training Data': 'Also "
     "200k in-house conversations, which we do not release.'): not all shared", "partial"),
    ("twin: data declared, the in-house data released",
     ev(A_DATA + RELEASED_INHOUSE, datasets=(dataset("org/a", "cc-by-4.0"),)),
     "datasources_endmodel", ("yes", "yes"), "'cc-by-4.0' is open for data", "open"),
    ("data linked, part of the training data not released",
     ev(MIT + "## Training Data\nFrom [org/a](https://huggingface.co/datasets/org/a). Also "
        "internal data.\n", linked_datasets=(dataset("org/a", "cc-by-4.0"),)),
     "datasources_endmodel", ("no", "yes"), "not released ('Training Data'", "partial"),
    ("no base: own data, part of it not released",
     ev(A_DATA + WITHHELD, datasets=(dataset("org/a", "cc-by-4.0"),)),
     "datasources_basemodel", ("no", "yes"), "no base model, this model's data", "partial"),
    ("data declared, the declared set linked again",
     ev(A_DATA + "## Training Data\nFrom [org/a](https://huggingface.co/datasets/org/a).\n",
        datasets=(dataset("org/a", "cc-by-4.0"),)),
     "datasources_endmodel", ("yes", "yes"), "'cc-by-4.0' is open for data", "open"),
    ("data gated", ev(A_DATA, datasets=(dataset("org/a", "cc-by-4.0", gated="auto"),)),
     "datasources_endmodel", ("no", "yes"), "not freely available: org/a", "partial"),
    ("data cc-by-nc-4.0", ev(A_DATA, datasets=(dataset("org/a", "cc-by-nc-4.0"),)),
     "datasources_endmodel", ("no", "yes"), "non-commercial", "partial"),
    ("data licence other", ev(A_DATA, datasets=(dataset("org/a", "other"),)),
     "datasources_endmodel", ("no", "yes"), "a custom licence", "partial"),
    ("data skipped", ev(A_DATA, datasets=(dataset("org/a", status="skipped"),)),
     "datasources_endmodel", ("unknown", "yes"), "org/a was not looked up", "unknown"),
    # past the lookup bound: the sets read decide when one is not open, else a range
    ("data past the lookup bound, one read gated",
     ev(AB_DATA, datasets=(dataset("org/a", "cc-by-4.0", gated="manual"),
                           dataset("org/b", status="skipped"))),
     "datasources_endmodel", ("no", "yes"), "not freely available: org/a", "partial"),
    ("data past the lookup bound, one read non-commercial",
     ev(AB_DATA, datasets=(dataset("org/a", "cc-by-nc-4.0"), dataset("org/b", status="skipped"))),
     "datasources_endmodel", ("no", "yes"), "non-commercial", "partial"),
    ("data past the lookup bound, those read open",
     ev(AB_DATA, datasets=(dataset("org/a", "cc-by-4.0"), dataset("org/b", status="skipped"))),
     "datasources_endmodel", ("unknown", "yes"), "org/b was not looked up", "unknown"),
    ("data declared, not in the evidence", ev(A_DATA), "datasources_endmodel",
     ("unknown", "yes"), "org/a was not looked up", "unknown"),
    ("data not on the Hub", ev(A_DATA, datasets=(dataset("org/a", status="not_found"),)),
     "datasources_endmodel", ("no", "yes"), "not freely available: org/a", "partial"),
    ("data, metadata does not parse", ev(BAD_METADATA), "datasources_endmodel",
     ("unknown", "unknown"), "metadata could not be read", "unknown"),
    ("data section, no datasets named", ev(MIT + DATA_SECTION), "datasources_endmodel",
     ("no", "yes"), "no datasets named", "partial"),
    ("no data named or described", ev(MIT), "datasources_endmodel", ("no", "no"),
     "no training data named or described", "closed"),
    ("corpora named only as not used", ev(MIT + "## Training Data\nUnlike most models, it was"
        " not trained on Common Crawl or The Pile.\n"), "datasources_endmodel", ("no", "no"),
     "no training data named or described", "closed"),
    ("corpus named in a Training section", ev(MIT + "## Training\nOn SlimPajama, 8 GPUs.\n"),
     "datasources_endmodel", ("no", "yes"), "section 'Training' names SlimPajama", "partial"),
    ("corpus named in a timm-style Dataset line",
     ev(MIT + "## Model Details\n- **Dataset:** ImageNet-1k\n"), "datasources_endmodel",
     ("no", "yes"), "names ImageNet-1k as training data", "partial"),
    ("corpus named in the training-data section", ev(MIT + CORPUS_NAMED),
     "datasources_endmodel", ("no", "yes"),
     "names ShareGPT as training data; named, but not published", "partial"),
    ("data, gated card unread", gated_unread(), "datasources_endmodel", ("unknown", "unknown"),
     "README is gated", "unknown"),
    # datasources_basemodel: the base model's datasets, else this model's
    ("no base: own data", ev(A_DATA, datasets=(dataset("org/a", "cc-by-4.0"),)),
     "datasources_basemodel", ("yes", "yes"), "no base model, this model's data", "open"),
    # the base's datasets, looked up: judged by their licences as this model's own are
    ("base names datasets, not looked up",
     ev(ON_BASE, base_models=(base(datasets=["org/x", "org/y"]),)), "datasources_basemodel",
     ("unknown", "yes"), "the base model names org/x, org/y: org/x was not looked up",
     "unknown"),
    ("base names openly licensed datasets",
     ev(ON_BASE, base_models=(base(datasets=["org/x", "org/y"]),),
        base_datasets=(dataset("org/x", "mit"), dataset("org/y", "odc-by"))),
     "datasources_basemodel", ("yes", "yes"), "shared under open licences", "open"),
    ("base names a dataset this model also declares",
     ev(card("mit", base_model="org/base", datasets=["org/x"]),
        base_models=(base(datasets=["org/x"]),), datasets=(dataset("org/x", "cc-by-4.0"),)),
     "datasources_basemodel", ("yes", "yes"), "org/x: 'cc-by-4.0' is open", "open"),
    ("base names a non-commercial dataset",
     ev(ON_BASE, base_models=(base(datasets=["org/x", "org/y"]),),
        base_datasets=(dataset("org/x", "mit"), dataset("org/y", "cc-by-nc-4.0"))),
     "datasources_basemodel", ("no", "yes"), "shared, not all openly", "partial"),
    ("base names a gated dataset",
     ev(ON_BASE, base_models=(base(datasets=["org/x"]),),
        base_datasets=(dataset("org/x", "mit", gated="auto"),)),
     "datasources_basemodel", ("no", "yes"), "not freely available: org/x", "partial"),
    ("base names an unlicensed dataset",
     ev(ON_BASE, base_models=(base(datasets=["org/x"]),), base_datasets=(dataset("org/x"),)),
     "datasources_basemodel", ("no", "yes"), "org/x declares no licence", "partial"),
    # a base whose metadata declares no datasets is judged by its card's text, read by
    # the Hub source (base_cards), with the rule for this model's own data; undecided
    # when that text was not read
    ("base declares no datasets, card not read", ev(ON_BASE, base_models=(base(),)),
     "datasources_basemodel", ("unknown", "unknown"), "its card's text was not read",
     "unknown"),
    ("base card names its corpora", ev(ON_BASE, base_models=(base(),),
        base_cards=(BaseCard("org/base", MIT + "## Training Data\nRedPajama and C4.\n"),)),
     "datasources_basemodel", ("no", "yes"),
     "base org/base's card: section 'Training Data' names RedPajama, C4", "partial"),
    ("base card says publicly available data only", ev(ON_BASE, base_models=(base(),),
        base_cards=(BaseCard("org/base", MIT + PUBLIC_DATA),)),
     "datasources_basemodel", ("no", "no"),
     "base org/base's card: no training data named or described", "closed"),
    ("base card silent on data", ev(ON_BASE, base_models=(base(),),
        base_cards=(BaseCard("org/base", MIT + "## Usage\nLoad it.\n"),)),
     "datasources_basemodel", ("no", "no"), "no training data named or described", "closed"),
    ("base card unreadable", ev(ON_BASE, base_models=(base(gated="manual"),),
        base_cards=(BaseCard("org/base", None, "gated: its README.md needs approved access"),)),
     "datasources_basemodel", ("unknown", "unknown"), "could not be read (gated", "unknown"),
    ("base card not read past the bound", ev(ON_BASE, base_models=(base(),), base_cards=()),
     "datasources_basemodel", ("unknown", "unknown"), "its card's text was not read",
     "unknown"),
    # two bases: one declares an open dataset, the other's card shares nothing
    ("base data: one declares open data, one's card names none",
     ev(card("mit", base_model=["org/a", "org/b"]),
        base_models=(base("org/a", datasets=["org/x"]), base("org/b")),
        base_datasets=(dataset("org/x", "mit"),),
        base_cards=(BaseCard("org/b", MIT + "## Usage\nLoad it.\n"),)),
     "datasources_basemodel", ("no", "no"), "base org/b's card: no training data", "closed"),
    ("base data, base not looked up", ev(ON_BASE), "datasources_basemodel",
     ("unknown", "unknown"), "nothing was read about the base model's data", "unknown"),
    ("base data, base skipped", ev(ON_BASE, base_models=(base(status="skipped", files=()),)),
     "datasources_basemodel", ("unknown", "unknown"), "org/base was not looked up", "unknown"),
    ("base data, base not on the Hub",
     ev(ON_BASE, base_models=(base(status="not_found", files=()),)), "datasources_basemodel",
     ("no", "no"), "org/base is not on the Hub", "closed"),
    ("base named in a training section, not declared", ev(MIT + TUNED_FROM),
     "datasources_basemodel", ("no", "no"), "builds on org/basemodel", "closed"),
    ("delta weights: an undeclared base", ev(MIT + DELTA_SECTION, W), "datasources_basemodel",
     ("no", "no"), "the model its delta weights are added to", "closed"),
    ("base data: one names none, one skipped",
     ev(card("mit", base_model=["org/a", "org/b"]),
        base_models=(base("org/a"), base("org/b", status="skipped", files=()))),
     "datasources_basemodel", ("unknown", "unknown"), "base org/b was not looked up",
     "unknown"),
    # trainingcode and code (its documentation)
    ("training code linked", ev(MIT + TRAIN_LINK), "trainingcode", ("no", "yes"),
     "the index counts sparse code as partial", "partial"),
    ("training code in the repo", ev(MIT, "train.py"), "trainingcode", ("no", "yes"),
     "train.py", "partial"),
    ("no training code", ev(MIT, W), "trainingcode", ("no", "no"), "no training code",
     "closed"),
    ("training code, gated card unread", gated_unread(W), "trainingcode", ("unknown", "unknown"),
     "README is gated", "unknown"),
    ("code docs, code linked", ev(MIT + TRAIN_LINK), "code", ("no", "yes"),
     "its documentation is not shown: partial", "partial"),
    ("code docs, no code", ev(MIT, W), "code", ("no", "no"), "nothing to document: no training",
     "closed"),
    ("a merge of pre-trained models made with a tool: no training code", ev(MIT + MERGE_TOOL),
     "trainingcode", ("no", "no"), "no training code", "closed"),
    ("only a training framework: no training code", ev(MIT + FRAMEWORK_LINK), "trainingcode",
     ("no", "no"), "only a training framework is linked", "closed"),
    ("code docs, a bare training-framework line", ev(MIT + FRAMEWORK_LINK), "code",
     ("no", "no"), "nothing to document: only a training framework", "closed"),
    ("code docs, a training framework and how it was run", ev(MIT + FRAMEWORK_LINK + RUN),
     "code", ("no", "yes"),
     "links the training framework it used (github.com/huggingface/trl) and documents how it "
     "was run in 'Training hyperparameters'", "partial"),
    # trainingcode open: training and data-processing code under an OSI-approved licence
    ("training and data-processing code, licence stated", ev(MIT + FULL_CODE), "trainingcode",
     ("yes", "yes"), "published under an OSI-approved licence", "open"),
    ("preprocessing in the training code's repository", ev(MIT + SAME_REPO), "trainingcode",
     ("yes", "yes"), "in the same repository as github.com/org/trainer", "open"),
    ("preprocessing denied in the same repository", ev(MIT + SAME_REPO_DENIED), "trainingcode",
     ("no", "yes"), "no data-processing code is published with it", "partial"),
    ("training and data-processing code, no licence stated", ev(MIT + TRAIN_PREP_UNLICENSED),
     "trainingcode", ("no", "yes"), "its licence is not shown OSI-approved", "partial"),
    ("training code under a stated licence, no data processing", ev(MIT + TRAIN_APACHE),
     "trainingcode", ("no", "yes"), "no data-processing code is published", "partial"),
    ("training and data-processing code in the repo under its own licence file",
     ev(card(), "train.py", "preprocess.py", "LICENSE-CODE", "LICENSE-MODEL",
        license_files=CODE_AND_MODEL_LICENCES),
     "trainingcode", ("yes", "yes"), "(its own licence file LICENSE-CODE), OSI-approved", "open"),
    ("whole pipeline, non-OSI code licence",
     ev(MIT + FULL_CODE.replace("Apache-2.0", "CC BY-NC 4.0")), "trainingcode", ("no", "yes"),
     "not OSI-approved", "partial"),
    ("code docs: whole pipeline and how it was run", ev(MIT + FULL_CODE + RUN), "code",
     ("yes", "yes"), "documents how it was run in 'Training hyperparameters': open", "open"),
    ("code docs: sparse code and how it was run", ev(MIT + TRAIN_LINK + RUN), "code",
     ("no", "yes"), "sparse code: partial", "partial"),
    ("code docs: whole pipeline, run not documented", ev(MIT + FULL_CODE), "code",
     ("no", "yes"), "its documentation is not shown: partial", "partial"),
    ("code docs, gated card unread", gated_unread(W), "code", ("unknown", "unknown"),
     "the README is gated and could not be read", "unknown"),
    # data-processing code without training code is sparse code (partial); a library
    # link is no data-processing code
    ("data-processing code alone", ev(MIT + PREP_LINK), "trainingcode", ("no", "yes"),
     "data-processing code alone is sparse code", "partial"),
    ("data-processing code in the repo alone", ev(MIT, W, "preprocess_data.py"),
     "trainingcode", ("no", "yes"), "preprocessing code in the repo: preprocess_data.py",
     "partial"),
    ("data-processing code in the repo, gated card unread", gated_unread(W, "preprocess.py"),
     "trainingcode", ("unknown", "yes"), "data-processing code alone is sparse code",
     "unknown"),
    ("a library link is no data-processing code", ev(MIT + LIB_LINK), "trainingcode",
     ("no", "no"), "no training code", "closed"),
    ("code docs, data-processing code alone", ev(MIT + PREP_LINK), "code", ("no", "yes"),
     "code of the pipeline is published (preprocessing code linked", "partial"),
    ("code docs, a library link", ev(MIT + LIB_LINK), "code", ("no", "no"),
     "nothing to document", "closed"),
    # hardware_architecture
    ("architecture and hardware sections",
     ev(MIT + section("Model Architecture", 12) + section("Hardware", 12)),
     "hardware_architecture", ("yes", "yes"), "documented: 'Model Architecture'", "open"),
    ("architecture section only", ev(MIT + section("Model Architecture", 12)),
     "hardware_architecture", ("no", "no"), "(hardware) is undocumented", "closed"),
    # the architecture documented without hardware stays closed, as a config.json alone
    # does (the index's raters: docs/rules.md); beside the hardware it is open
    ("'Model Details' section and config.json, no hardware",
     ev(MIT + section("Model Details", 40), "config.json"),
     "hardware_architecture", ("no", "no"), "architecture in 'Model Details'", "closed"),
    ("'Model Details' and hardware sections",
     ev(MIT + section("Model Details", 40) + section("Hardware and Software", 20)),
     "hardware_architecture", ("yes", "yes"), "'Model Details', 'Hardware and Software'",
     "open"),
    ("hardware section only", ev(MIT + section("Compute Infrastructure", 12)),
     "hardware_architecture", ("no", "yes"), "architecture undocumented", "partial"),
    ("short hardware section naming the accelerators", ev(MIT + "## Hardware\n8 A100s.\n"),
     "hardware_architecture", ("no", "yes"), "hardware in 'Hardware' ('8 A100s.')", "partial"),
    ("hardware section too short, no accelerator", ev(MIT + "## Hardware\nTo be added.\n"),
     "hardware_architecture", ("no", "no"), "no architecture or hardware", "closed"),
    ("hardware, gated card unread", gated_unread(), "hardware_architecture",
     ("unknown", "unknown"), "README is gated", "unknown"),
    ("bold architecture and hardware lines",
     ev(MIT + "**Architecture:** decoder-only transformer, 32 layers\n\n"
        "- **Hardware:** 512 H100 GPUs\n"),
     "hardware_architecture", ("yes", "yes"), "documented: 'Architecture", "open"),
    ("plain training hardware line, config.json",
     ev(MIT + "Training hardware: 64 TPU v4 chips\n", "config.json"),
     "hardware_architecture", ("yes", "yes"), "config.json (architecture only)", "open"),
    ("config.json only: architecture, no hardware", ev(MIT, "config.json"),
     "hardware_architecture", ("no", "no"), "config.json (architecture only)", "closed"),
    ("nested config.json (diffusers)", ev(MIT, "unet/config.json"),
     "hardware_architecture", ("no", "no"), "unet/config.json", "closed"),
    ("model architecture label line", ev(MIT + "- Model architecture: Mixture of 8 experts\n"),
     "hardware_architecture", ("no", "no"), "architecture in 'Model architecture: Mixture",
     "closed"),
    ("compute infrastructure label line", ev(MIT + "Compute infrastructure: 16 nodes of 8 GPUs\n"),
     "hardware_architecture", ("no", "yes"), "architecture undocumented", "partial"),
    ("template hardware placeholder",
     ev(MIT + "- **Hardware Type:** [More Information Needed]\n- **Compute Region:** us east 1\n"),
     "hardware_architecture", ("no", "no"), "no architecture or hardware", "closed"),
    ("hardware value too short", ev(MIT + "**Hardware:** A100\n"),
     "hardware_architecture", ("no", "no"), "no architecture or hardware", "closed"),
    ("a sentence with a colon is no label",
     ev(MIT + "The architecture of this model is described in the paper: see below for it\n"),
     "hardware_architecture", ("no", "no"), "no architecture or hardware", "closed"),
    ("label inside a code fence",
     ev(MIT + "```yaml\nhardware: 8 x A100 80GB\n```\n"),
     "hardware_architecture", ("no", "no"), "no architecture or hardware", "closed"),
    ("gated card unread, config.json", gated_unread("config.json"), "hardware_architecture",
     ("unknown", "unknown"), "README is gated", "unknown"),
    # training hardware told in a sentence of a training section (inferred); hardware
    # for running the model, or named where the card says how to use it, is not
    *((f"training hardware in prose: {said}",
       ev(MIT + section("Model Architecture", 12) + f"## {title}\n{filler(20)}. {said}.\n"),
       "hardware_architecture", ("yes", "yes"), f"'{said}.' in '{title}'", "open")
      for title, said in TRAINING_HARDWARE),
    ("training hardware in prose, no architecture",
     ev(MIT + "## Training Procedure\nTrained on 512 H100 GPUs for 18 days.\n"),
     "hardware_architecture", ("no", "yes"), "architecture undocumented", "partial"),
    # the computing centre training ran on, named or linked from a training section:
    # where it ran, not on what (partial, inferred); a centre named elsewhere, or a
    # compute-named address that is code, is not
    ("training site linked from a training section",
     ev(MIT + section("Model Architecture", 12) + "## Training procedure\nWe trained it on "
        "the [Tier-1 cluster](https://www.hpc-centre.example/compute) for a week.\n"),
     "hardware_architecture", ("no", "yes"), "links a computing centre", "partial"),
    ("training site on an HPC host, no architecture",
     ev(MIT + "## Training\nSee [the cluster](https://hpc.uni.example.edu/).\n"),
     "hardware_architecture", ("no", "yes"), "not on what hardware", "partial"),
    ("training site named in prose",
     ev(MIT + "## Training procedure\nIt was trained on the national supercomputer.\n"),
     "hardware_architecture", ("no", "yes"), "'It was trained on the national supercomputer.'",
     "partial"),
    ("accelerators beat the site",
     ev(MIT + section("Model Architecture", 12) + "## Training procedure\nTrained on 64 "
        "H100 GPUs of the national supercomputer.\n"),
     "hardware_architecture", ("yes", "yes"), "architecture and training hardware", "open"),
    ("computing centre outside a training section",
     ev(MIT + "## Acknowledgements\nThanks to the supercomputer centre "
        "(https://www.hpc-centre.example/compute).\n"),
     "hardware_architecture", ("no", "no"), "no architecture or hardware", "closed"),
    ("compute-named code repository in a training section",
     ev(MIT + "## Training\nCode: https://github.com/org/compute\n"),
     "hardware_architecture", ("no", "no"), "no architecture or hardware", "closed"),
    ("supercomputer for running the model",
     ev(MIT + "## Training\nInference requires a supercomputer-class node.\n"),
     "hardware_architecture", ("no", "no"), "no architecture or hardware", "closed"),
    ("training hardware in a training section's title",
     ev(MIT + section("Model Architecture", 12) + "## Fine-tuning on Gaudi2\nThree epochs.\n"),
     "hardware_architecture", ("yes", "yes"), "the section 'Fine-tuning on Gaudi2'",
     "open"),
    ("training hardware in a section inside a training section",
     ev(MIT + section("Model Architecture", 12) + "## Training Details\n### Speeds, Sizes\n"
        "It took two months on 4,096 A100 GPUs.\n"),
     "hardware_architecture", ("yes", "yes"), "in 'Speeds, Sizes'", "open"),
    *((f"not training hardware: {case}", ev(MIT + section("Model Architecture", 12) + body),
       "hardware_architecture", ("no", "no"), "the training setup (hardware) is undocumented",
       "closed")
      for case, body in NOT_TRAINING_HARDWARE.items()),
    # preprint and paper
    ("preprint linked", ev(MIT + PAPER_LINK), "preprint", ("yes", "yes"),
     "paper linked: 2401.00001: the model's own paper, a", "open"),
    ("preprint tagged", ev(MIT, tags=("arxiv:2401.00001",)), "preprint", ("yes", "yes"),
     "tagged arxiv:2401.00001", "open"),
    ("no preprint", ev(MIT), "preprint", ("no", "no"), "no paper link and no arxiv tag",
     "closed"),
    ("papers only as references", ev(MIT + ARCH_REFERENCE), "preprint", ("no", "no"),
     "references to other work (2104.09864 in 'Model Architecture')", "closed"),
    ("own paper linked under architecture, called ours",
     ev(MIT + "## Model Architecture\nDetails are in our [technical report]"
        "(https://arxiv.org/abs/2401.00001).\n"),
     "preprint", ("yes", "yes"), "the model's own paper", "open"),
    ("own paper in a citation block beside references",
     ev(MIT + ARCH_REFERENCE + "## Citation\n[ours](https://arxiv.org/abs/2401.00001)\n"),
     "preprint", ("yes", "yes"), "paper linked: 2401.00001: the model's own paper", "open"),
    ("reference linked, another paper only tagged",
     ev(MIT + ARCH_REFERENCE, tags=("arxiv:2104.09864", "arxiv:2401.00001")), "preprint",
     ("yes", "yes"), "the model's own paper", "open"),
    ("preprint, gated card unread", gated_unread(), "preprint", ("unknown", "unknown"),
     "README is gated", "unknown"),
    # the model's own report shipped in its repository (MOF's report file test): shown,
    # not archived (partial), as a report on the lab's site is; open with its arXiv tag
    ("preprint: a report PDF in the repo", ev(MIT, "technical_report.pdf"), "preprint",
     ("no", "yes"), "the model's own report, shipped in the repository, not on a preprint",
     "partial"),
    ("preprint: a paper PDF in a folder, references linked",
     ev(MIT + ARCH_REFERENCE, "docs/paper.pdf"), "preprint", ("no", "yes"),
     "a report in the repo: docs/paper.pdf", "partial"),
    ("preprint: a report PDF, gated card unread", gated_unread("technical_report.pdf"),
     "preprint", ("no", "yes"), "shipped in the repository", "partial"),
    ("preprint: a report PDF and its arXiv tag",
     ev(MIT, "technical_report.pdf", tags=("arxiv:2401.00001",)), "preprint", ("yes", "yes"),
     "tagged arxiv:2401.00001: the model's own paper, an archived preprint", "open"),
    *((f"preprint: {what} named a report is none", ev(MIT, name), "preprint", ("no", "no"),
       "no paper link and no arxiv tag", "closed")
      for what, name in (("a use policy", "Acceptable_Use_Policy_Report.pdf"),
                         ("an AI Act summary", "EU_AI_Act_Public_Summary_Report.pdf"),
                         ("a model card", "model_card_report.pdf"))),
    ("paper linked", ev(MIT + PAPER_LINK), "paper", ("no", "no"),
     "no venue is named for it, so only a preprint is shown", "closed"),
    ("paper cited as proceedings", ev(MIT + PAPER_LINK + "@inproceedings{m, booktitle={ACL}}\n"),
     "paper", ("yes", "yes"), "the card cites it as published", "open"),
    # a venue the card names for its own paper, in prose, beside its link or as a badge
    *((f"paper: venue {name}", ev(MIT + text), "paper", ("yes", "yes"), "the card names its"
       " venue", "open")
      for name, text in VENUE_NAMED.items()),
    *((f"paper: no venue of its own, {name}", ev(MIT + text), "paper", ("no", "no"),
       "no venue is named for it", "closed")
      for name, text in VENUE_NOT_NAMED.items()),
    ("no paper", ev(MIT), "paper", ("no", "no"), "no paper to be peer-reviewed", "closed"),
    ("paper: a report PDF in the repo", ev(MIT, "paper.pdf"), "paper", ("no", "no"),
     "a report in the repo: paper.pdf (its file name says report or paper); no venue is named",
     "closed"),
    ("paper, gated card unread", gated_unread(), "paper", ("unknown", "unknown"),
     "README is gated", "unknown"),
    # modelcard
    ("card covers architecture, training, evaluation", ev(FULL_CARD), "modelcard",
     ("yes", "yes"), "covers architecture, training, evaluation", "open"),
    ("card misses topics", ev(PART_CARD), "modelcard", ("no", "yes"),
     "no substantive section on architecture, training, evaluation", "partial"),
    ("card too short", ev(MIT), "modelcard", ("no", "no"), "fewer than 150", "closed"),
    ("concise card covering every topic", ev(card("mit", CONCISE)), "modelcard",
     ("yes", "yes"), "covers architecture, training, evaluation", "open"),
    ("concise card covering two topics", ev(card("mit", CONCISE_TWO)), "modelcard",
     ("no", "yes"), "no substantive section on evaluation", "partial"),
    ("concise card covering one topic", ev(card("mit", ONE_TOPIC)), "modelcard", ("no", "no"),
     "and covers only architecture", "closed"),
    ("card as a file of its own", ev(card("mit", POINTER), "model_card.md"), "modelcard",
     ("unknown", "yes"), "its text was not read", "unknown"),
    ("results as an HTML table", ev(BUT_RESULTS + HTML_EVAL), "modelcard", ("yes", "yes"),
     "covers architecture, training, evaluation", "open"),
    ("results as the markdown twin", ev(BUT_RESULTS + MD_EVAL), "modelcard", ("yes", "yes"),
     "covers architecture, training, evaluation", "open"),
    ("results under 'Performance', architecture as a definition line",
     ev(MIT + "**Model Architecture:** a decoder-only transformer with 32 layers\n"
        + "".join(map(section, ("Intro", "Training Details", "Performance")))),
     "modelcard", ("yes", "yes"), "covers architecture, training, evaluation", "open"),
    ("architecture line too short to cover it",
     ev(MIT + "Architecture: transformer\n"
        + "".join(map(section, ("Intro", "Training Details", "Performance")))),
     "modelcard", ("no", "yes"), "no substantive section on architecture", "partial"),
    ("no README", ev(None, W), "modelcard", ("no", "no"), "no README", "closed"),
    ("modelcard, gated card unread", gated_unread(), "modelcard", ("unknown", "unknown"),
     "README is gated", "unknown"),
    # datasheet
    ("datasheet: linked dataset", ev(A_DATA, datasets=(dataset("org/a", "cc-by-nc-4.0"),)),
     "datasheet", ("no", "yes"), "data documented, but no datasheet or AI Act summar", "partial"),
    ("datasheet: data section", ev(MIT + DATA_SECTION), "datasheet", ("no", "yes"),
     "data described in 'Training Data'", "partial"),
    ("no datasheet", ev(MIT), "datasheet", ("no", "no"), "no training data named", "closed"),
    ("data documented in a Training section's sentences", ev(MIT + TRAINING_DATA_PROSE),
     "datasheet", ("no", "yes"), "data described in 'Training' but no datasets named",
     "partial"),
    ("a named corpus is no datasheet", ev(MIT + CORPUS_NAMED), "datasheet", ("no", "no"),
     "named, but not documented", "closed"),
    ("datasheet, gated card unread", gated_unread(), "datasheet", ("unknown", "unknown"),
     "README is gated", "unknown"),
    ("datasheet, metadata does not parse", ev(BAD_METADATA), "datasheet",
     ("unknown", "unknown"), "metadata could not be read", "unknown"),
    # a section on opting out or copyright requests does not describe the data; a
    # datasheet or AI Act summary does (partial: no datasets named)
    ("data rights section is no data description", ev(MIT + DATA_RIGHTS),
     "datasources_endmodel", ("no", "no"), "no training data named or described", "closed"),
    ("opt-out section is no data description",
     ev(MIT + DATA_RIGHTS.replace("Data Protection and Copyright Requests", "Data Opt-out")),
     "datasources_endmodel", ("no", "no"), "no training data named or described", "closed"),
    ("training data and copyright section describes data", ev(MIT + DATA_AND_COPYRIGHT),
     "datasources_endmodel", ("no", "yes"), "data described in 'Training Data and Copyright'",
     "partial"),
    ("an AI Act summary in the repo describes the data", ev(MIT, W, "Org_EU_Public_Summary.pdf"),
     "datasources_endmodel", ("no", "yes"),
     "data described in a datasheet or AI Act training-content summary in the repo", "partial"),
    # datasheet open: a datasheet or AI Act training-data summary linked or in the repo
    ("AI Act summary and datasheet linked", ev(MIT + AI_ACT_SHEETS), "datasheet",
     ("yes", "yes"), "public summary of the training content, datasheet", "open"),
    ("AI Act summary behind a 'here' link", ev(MIT + AI_ACT_HERE), "datasheet", ("yes", "yes"),
     "training-data summary (here)", "open"),
    ("datasheet in the repo", ev(MIT, "DATASHEET.md"), "datasheet", ("yes", "yes"),
     "in the repo: DATASHEET.md", "open"),
    # the AI Act's public summary of the training content: a file named after the
    # Commission's template, in the repo or linked, or a summary under an AI Act heading;
    # not the Code of Practice beside it, nor a summary of something else
    *((f"AI Act summary in the repo: {path}", ev(MIT, W, path), "datasheet", ("yes", "yes"),
       f"training-content summary in the repo: {path}", "open")
      for path in ("Org_EU_Public_Summary.pdf", "docs/Training_Content_Summary.pdf")),
    ("AI Act summary file linked", ev(MIT + AI_ACT_FILE_LINKED), "datasheet", ("yes", "yes"),
     "training-data summary (https://huggingface.co/org/m/blob/main/M_EU_Public_Summary.pdf)",
     "open"),
    ("AI Act summary linked under an AI Act heading", ev(MIT + AI_ACT_HEADING), "datasheet",
     ("yes", "yes"), "training-data summary (the summary)", "open"),
    ("AI Act summary named under an AI Act heading, in the repo",
     ev(MIT + AI_ACT_LISTED, W, "summary_2025.pdf"), "datasheet", ("yes", "yes"),
     "'EU AI Act' (on the EU AI Act) names the summary in the repo: summary_2025.pdf", "open"),
    ("only the Code of Practice under an AI Act heading", ev(MIT + CODE_OF_PRACTICE),
     "datasheet", ("no", "no"), "no training data named", "closed"),
    ("a summary of results is no AI Act summary", ev(MIT + RESULTS_SUMMARY), "datasheet",
     ("no", "no"), "no training data named", "closed"),
    ("a summary file in the repo, no AI Act heading", ev(MIT + AI_ACT_LISTED.replace(
        "EU AI Act", "Notes"), W, "summary_2025.pdf"), "datasheet", ("no", "no"),
     "no training data named", "closed"),
    # a datasheet written into the card: a section titled as one, or the datasheet's
    # questions as section titles (three of them)
    ("a Datasheet section in the card", ev(MIT + section("Datasheet", 80)), "datasheet",
     ("yes", "yes"), "the card's 'Datasheet' section", "open"),
    ("the datasheet's questions as the card's sections",
     ev(MIT + "## Training Data\n" + "".join(
         f"### {t}\n{filler(30)}\n" for t in ("Motivation", "Composition", "Collection Process"))),
     "datasheet", ("yes", "yes"), "answers a datasheet's questions in sections 'Motivation'",
     "open"),
    ("a Datasheet heading with a line under it", ev(MIT + section("Datasheet", 8)), "datasheet",
     ("no", "no"), "no training data named", "closed"),
    ("two of the datasheet's questions", ev(MIT + section("Motivation") + section("Composition")),
     "datasheet", ("no", "no"), "no training data named", "closed"),
    ("the datasheets paper is no datasheet", ev(MIT + DATASHEET_PAPER), "datasheet",
     ("no", "no"), "no training data named", "closed"),
    ("a datasheet still to come", ev(MIT + DATASHEET_PROMISED), "datasheet", ("no", "no"),
     "no training data named", "closed"),
    # licenses: weights, code and data licences (open: all three; partial: two)
    ("all three open, the linked code's licence stated",
     ev(card("apache-2.0", datasets=["org/a"], body=TRAIN_BRACKETED), W,
        datasets=(dataset("org/a", "cc-by-4.0"),)),
     "licenses", ("yes", "yes"), "code open, data open", "open"),
    ("all three open but part of the training data not released",
     ev(card("apache-2.0", datasets=["org/a"], body=WITHHELD), "modeling_x.py",
        datasets=(dataset("org/a", "cc-by-4.0"),)),
     "licenses", ("no", "yes"), "code open, data not open: not all three", "partial"),
    ("only the weights open: closed", ev(card("apache-2.0"), W, library_name="transformers"),
     "licenses", ("no", "no"), "only the weights are openly licensed", "closed"),
    ("weights open, data under a non-commercial licence: partly open",
     ev(card("apache-2.0", datasets=["org/a"]), W, library_name="transformers",
        datasets=(dataset("org/a", "cc-by-nc-4.0"),)),
     "licenses", ("no", "yes"), "code not open, data not open: not all three", "partial"),
    ("weights open, own code linked, its licence unread",
     ev(card("apache-2.0", body=TRAIN_LINK), W), "licenses", ("no", "yes"),
     "code not shown open, data not open: not all three", "partial"),
    ("all three open",
     ev(card("apache-2.0", datasets=["org/a"]), "modeling_x.py",
        datasets=(dataset("org/a", "cc-by-4.0"),)),
     "licenses", ("yes", "yes"), "code open, data open", "open"),
    ("licences: data cc-by-nc-4.0",
     ev(card("apache-2.0", datasets=["org/a"]), "modeling_x.py",
        datasets=(dataset("org/a", "cc-by-nc-4.0"),)),
     "licenses", ("no", "yes"), "code open, data not open: not all three openly lic", "partial"),
    ("no datasets named", ev(card("apache-2.0"), "modeling_x.py"), "licenses", ("no", "yes"),
     "code open, data not open", "partial"),
    # the index's licence stance (research/frameworks.md): use-restricted weights (Llama,
    # Gemma, RAIL, Falcon) are closed, open data beside them or not
    ("weights llama3", ev(card("llama3", datasets=["org/a"]), "modeling_x.py",
                          datasets=(dataset("org/a", "cc-by-4.0"),)),
     "licenses", ("no", "no"), "weights under 'llama3' (restricted)", "closed"),
    ("weights cc-by-nc-4.0", ev(card("cc-by-nc-4.0"), "modeling_x.py"), "licenses",
     ("no", "yes"), "weights under 'cc-by-nc-4.0' (non-commercial)", "partial"),
    ("code off the Hub", ev(card("apache-2.0", datasets=["org/a"]), W,
                            library_name="transformers",
                            datasets=(dataset("org/a", "cc-by-4.0"),)),
     "licenses", ("no", "yes"), "code not open, data open: not all three openly", "partial"),
    ("licence other, data skipped", ev(card("other", datasets=["org/a"], license_name=CUSTOM), W,
                                       library_name="transformers",
                                       datasets=(dataset("org/a", status="skipped"),)),
     "licenses", ("no", "no"), "a careful reader takes it as a custom licence: it ",
     "closed"),
    ("bare licence other", ev(card("other"), W), "licenses", ("no", "no"),
     "weights: the card says license: other", "closed"),
    ("licence unknown", ev(card("unknown"), W), "licenses", ("no", "no"),
     "the uploader does not know the licence", "closed"),
    ("licence unknown, licence link in the card",
     ev(card("unknown", body="\nTerms: [LICENSE.txt](https://example.org/m/LICENSE.txt)\n"), W),
     "licenses", ("no", "no"), "a careful reader takes it as a custom licence", "closed"),
    ("nothing licensed", ev(card(), W), "licenses", ("no", "no"),
     "no licence is stated: unstated licences are closed", "closed"),
    ("licences, gated card unread", gated_unread(W), "licenses", ("unknown", "unknown"),
     "no licence found, but the gated card could not be ", "unknown"),
    ("licences: no tag, licence file gated",
     gated_unread(W, "LICENSE", api_card_data={}, license_files=GATED_LICENCE), "licenses",
     ("unknown", "unknown"), "the repo is gated: its text is not served without access",
     "unknown"),
    ("licences: licence other, licence file gated",
     gated_unread(W, "LICENSE", api_card_data={"license": "other"}, license_files=GATED_LICENCE),
     "licenses", ("no", "no"), "a careful reader takes it as a custom licence", "closed"),
    ("licences: no tag, licence file binary",
     ev(card(), W, "LICENSE", license_files=(TextFile("LICENSE", None, problem="binary"),)),
     "licenses", ("unknown", "unknown"), "its text was not read (binary)", "unknown"),
]  # fmt: skip


def _expand(rows: list[EosaiRow]) -> list[Case]:
    return [
        (f"{name} [{at_least}]", "eosai_dimension", evidence,
         {"dimension": dimension, "at_least": at_least}, answer, reason, grade)
        for name, evidence, dimension, answers, reason, grade in rows
        for at_least, answer in zip(("open", "partial"), answers, strict=True)
    ]  # fmt: skip


EOSAI_DIMENSION = _expand(EOSAI)
CASES = MOF_COMPONENT + MOF_LICENSE_OPEN + NO_PERMISSION_GATE + OSAID_ELEMENT + OSAID_TERMS
CASES += EOSAI_DIMENSION

# --- suspected evaluator bugs (rows above state the expected behaviour) ----------------
# Strict xfail: a fixed bug shows up as an unexpected pass. All known ones are fixed.

BUGS: dict[str, str] = {}

# Cases that read nothing citable (no README, no file listing, a local folder, branches).
UNCITED = {
    "weights, no file listing", "metadata, no file listing", "architecture, no file listing",
    "inference, no file listing", "no checkpoint folder", "local folder",
    "checkpoints, gated card unread",
    "parameters, no file listing", "data information, no README", "code terms, no README",
    "code terms, no file listing",
    *(f"{name} [{at_least}]" for name in (
        "weights, no file listing", "weights, local folder", "data, gated card unread",
        "training code, gated card unread", "code docs, gated card unread",
        "hardware, gated card unread", "preprint, gated card unread",
        "modelcard, gated card unread", "datasheet, gated card unread",
    ) for at_least in ("open", "partial")),
}  # fmt: skip

# Evidence was read (and the evaluator holds its citation) but the outcome cites nothing.
CITATION_BUGS: dict[str, str] = {}


def _params(cases: list[Case], bugs: dict[str, str]) -> list[Any]:
    return [
        pytest.param(
            *case,
            id=case[0],
            marks=[pytest.mark.xfail(strict=True, reason=bugs[case[0]])] if case[0] in bugs else [],
        )
        for case in cases
    ]


# One evaluation per case, checked three ways (they were three tests, each asking the
# evaluator the same question again): the answer and grade with the expected reason, a
# reason at all, and citations unless the case reads nothing citable. A case listed in
# BUGS or CITATION_BUGS is a strict xfail.
@pytest.mark.parametrize(
    ("name", "evaluator", "evidence", "params", "answer", "reason", "grade"),
    _params(CASES, BUGS | CITATION_BUGS),
)
def test_framework_evaluator(
    name: str,
    evaluator: str,
    evidence: Evidence,
    params: dict[str, Any],
    answer: Answer,
    reason: str,
    grade: str | None,
) -> None:
    outcome = ask(evaluator, evidence, **params)
    assert outcome.reason.strip()  # every outcome has a reason
    assert (outcome.answer, getattr(outcome, "grade", None)) == (answer, grade), outcome.reason
    assert reason in outcome.reason
    if name not in UNCITED:  # the outcome is cited
        assert outcome.citations, outcome.reason


def test_case_names_are_unique() -> None:
    names = [case[0] for case in CASES]
    assert len(names) == len(set(names))
    assert set(BUGS) | set(CITATION_BUGS) | UNCITED <= set(names)


def test_tables_cover_every_param_value() -> None:
    components = {(c[3]["component"], c[4]) for c in MOF_COMPONENT}
    assert {name for name, _ in components} == set(FINDERS)
    for name in FINDERS:  # each component is seen present (yes/no) and not decided
        answers = {answer for component, answer in components if component == name}
        assert "unknown" in answers and answers - {"unknown"}, name
    assert {c[3]["type"] for c in MOF_LICENSE_OPEN} == set(CONTENT_TYPES)
    for table in (OSAID_ELEMENT, OSAID_TERMS):
        assert {c[3]["element"] for c in table} == set(OSAID_ELEMENTS)
    dimensions = {(c[3]["dimension"], c[3]["at_least"]) for c in EOSAI_DIMENSION}
    assert dimensions == {(d, a) for d in DIMENSIONS for a in ("open", "partial")}
    assert {c[4] for c in CASES} == {"yes", "no", "unknown"}


@pytest.mark.parametrize(
    ("evaluator", "params", "problem"),
    [
        ("mof_component", {"component": "weights", "type": "data"}, "component: expected"),
        ("mof_component", {"component": "datasets", "type": "model"}, "type: expected"),
        ("mof_license_open", {"type": "weights"}, "type: expected"),
        ("osaid_element", {"element": "weights"}, "element: expected"),
        ("osaid_terms", {"element": "data"}, "element: expected"),
        ("eosai_dimension", {"dimension": "weights", "at_least": "open"}, "dimension: expected"),
        ("eosai_dimension", {"dimension": "paper", "at_least": "closed"}, "at_least: expected"),
    ],
)
def test_params_outside_the_framework_are_refused(
    evaluator: str, params: dict[str, Any], problem: str
) -> None:
    spec = get_evaluator(evaluator)
    assert spec is not None
    assert problem in (spec.problem(params) or "")


def test_results_read_off_the_page_are_an_inferred_component() -> None:
    """A leaderboard link, scores or results told in prose in a results section: MOF
    counts the component, as an inference (no field or file says it); the evaluation
    data they name none of stays missing, as an inference too."""
    scores = "## Benchmark Results\n" + "It reaches 71.3 on the suite and 64 % on reasoning. " * 3
    for readme in (MIT + LEADERBOARD, MIT + scores, MIT + RESULTS_IN_WORDS):
        params = {"component": "evaluation_results", "type": "document"}
        outcome = ask("mof_component", ev(readme), **params)
        assert (outcome.answer, outcome.inferred) == ("yes", True), outcome.reason
        data = ask("mof_component", ev(readme), component="evaluation_data", type="data")
        assert (data.answer, data.inferred) == ("no", True), data.reason


def test_training_hardware_read_from_prose_is_inferred() -> None:
    """Hardware named in a training sentence is read off the prose, and a section is
    found by its title (which says what it is about, not what it holds): partial
    without the architecture, as an inference; a definition line states it."""
    readme = MIT + "## Training Procedure\nTrained on 512 H100 GPUs for 18 days.\n"
    params = {"dimension": "hardware_architecture", "at_least": "partial"}
    outcome = ask("eosai_dimension", ev(readme), **params)
    assert (outcome.answer, outcome.inferred) == ("yes", True), outcome.reason
    titled = ask("eosai_dimension", ev(MIT + section("Compute Infrastructure", 12)), **params)
    assert (titled.answer, titled.inferred) == ("yes", True), titled.reason
    line = MIT + "**Training hardware:** 64 TPU v4 chips for three weeks\n"
    stated = ask("eosai_dimension", ev(line), **params)
    assert (stated.answer, stated.inferred) == ("yes", False), stated.reason


@pytest.mark.parametrize(
    ("readme", "basis"),
    [
        pytest.param(T2I + OPENING_DIAGRAM, "inferred", id="generation card: concluded"),
        pytest.param(TEXT_GEN + OPENING_GRID, "stated", id="text model: no such section"),
    ],
)
def test_no_sample_outputs_of_a_generation_card_is_inferred(readme: str, basis: str) -> None:
    outcome = ask("mof_component", ev(readme), component="sample_outputs", type="document")
    assert (outcome.answer, outcome.basis) == ("no", basis), outcome.reason
