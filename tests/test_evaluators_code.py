"""Table-driven tests of the code-layer evaluators."""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile, TextFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer

TRAIN = {"keywords": ["train", "fine-tun"], "sections": ["Training"], "files": ["train*.py"]}
EVAL = {"keywords": ["evaluat"], "sections": ["Evaluation"], "files": []}


def ev(readme: str | None = None, *paths: str, **fields: Any) -> Evidence:
    files = tuple(RepoFile(path) for path in ("README.md", *paths))
    fields = {"ref": "org/m", "repo_id": "org/m", **fields}
    return Evidence(source="hub", readme=readme, files=files, **fields)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.reason


IN_SECTION = "# M\n## Training\nSee https://github.com/org/recipes for details.\n"
IN_LINE = "# M\n## Links\n- Training code: [here](https://github.com/org/x)\n"
UNRELATED = "# M\n## Links\n- [demo](https://github.com/org/demo)\n## Training\nWe trained.\n"
EVAL_CARD = "# M\n## Evaluation\nWe used [our harness](https://github.com/org/evals).\n"
MIT = "---\nlicense: mit\n---\n# M\n"
# Training code promised for later or denied: the link is no published code.
TRAIN_REPO = "[org/m-train](https://github.com/org/m-train)"
WITHHELD = {
    "released soon": f"# M\n## Training\nTraining code will be released soon at {TRAIN_REPO}.\n",
    "after acceptance": (
        f"# M\n## Code\nWe will open-source the training code at {TRAIN_REPO} after the paper "
        "is accepted.\n"
    ),
    "coming soon": f"# M\n## Training\nThe training scripts ({TRAIN_REPO}) are coming soon.\n",
    "upon publication": (
        f"# M\n## Links\n- Training code: {TRAIN_REPO} (to be released upon publication)\n"
    ),
    "denied": (
        "# M\n## Training\nThe training code is not public; the repository "
        "[org/m-inference](https://github.com/org/m-inference) only has inference code.\n"
    ),
}
RELEASED_THEN_PROMISED = (
    f"# M\n## Training\nThe training code is at {TRAIN_REPO}. Evaluation scripts will be "
    "released soon.\n"
)
NEXT_PARAGRAPH = (
    "# M\n## Sources\n- Repository: https://github.com/org/x\n\n"
    "It holds the pre-training and data-processing code.\n"
)
TRAINED_ON_CODE = (
    "# M\n## Sources\n- Repository: https://github.com/org/x\n\nWe trained it on code.\n"
)
CODE_APACHE = IN_SECTION + "The training code is released under the Apache License, Version 2.0.\n"
CODE_MIT_BULLET = (
    "# M\n- Code: [repo](https://github.com/org/x), MIT licence\n- Weights: CC BY-NC\n"
)
WEIGHTS_ONLY = IN_SECTION + "The weights are licensed under Apache 2.0.\n"
# a licence table: each row's licence is its component's
LICENCE_TABLE = (
    IN_SECTION + "## License\n| Component | License |\n|---|---|\n| Weights | {} |\n| Code | {} |\n"
)
CODE_NC = IN_SECTION + "Our code is licensed under CC BY-NC 4.0.\n"
CODE_DATASET = IN_SECTION + "Trained on a corpus of permissively licensed code under CC-BY-4.0.\n"
LICENCE_FIRST = IN_SECTION + "Weights are MIT licensed; see the code for details.\n"
LLAMA = "---\nlicense: llama2\n---\n# M\n"
# a licence named without the word "licence": in brackets after the code, or after "under"
CODE_BRACKETED = "# M\n## Training\nTraining code (MIT): https://github.com/org/train\n"
CODE_UNDER = (
    "# M\n## Training\nTraining code: [trainer](https://github.com/org/train), released under"
    " Apache-2.0.\n"
)
# a URL ends the line without a full stop: the next line's "tokens" is another sentence's
CODE_URL_LINE = (
    "# M\n## Training\nFine-tuning code (Apache-2.0 licence): https://github.com/org/tune\n"
    "It was trained with a batch size of 2M tokens.\n"
)
# negative twins: an institution in brackets; "under" naming the data's licence
CODE_BY_MIT = "# M\n## Training\nTraining code by researchers (MIT): https://github.com/org/t\n"
CODE_DATA_UNDER = (
    "# M\n## Training\nTraining code: https://github.com/org/t; the dataset is under MIT.\n"
)
# The code's licence in Chinese, Japanese or Korean (the same sentence names the code),
# beside the link to the code, or in a badge whose label or target says code.
CJK_CODE_REPO = (
    IN_SECTION
    + "## 协议\n本仓库的代码依照 [Apache-2.0](LICENSE) 协议开源\uff0c模型权重的使用则需要"
    "遵循 [Model License](MODEL_LICENSE)。\n"
)
CJK_WEIGHTS_AND_CODE = IN_SECTION + "## 开源协议\n模型权重与代码均以 Apache 2.0 协议开源。\n"
JA_WEIGHTS_AND_CODE = (
    IN_SECTION + "## ライセンス\n本モデルの重みとコードは Apache 2.0 ライセンスで公開しています。\n"
)
KO_CODE = IN_SECTION + "## 라이선스\n학습 코드는 MIT 라이선스로 공개됩니다.\n"
CJK_SECTION_TITLE = IN_SECTION + "## 开源协议\n本仓库代码使用 MIT。\n"
JA_BESIDE_LINK = (
    "# M\n## 学習方法\n学習コードは [org/m-train](https://github.com/org/m-train)"
    "\uff08Apache-2.0\uff09で公開しています。\n"
)
# twins: the weights' terms in a later clause, in Chinese and in English
CJK_WEIGHTS_ONLY = (
    IN_SECTION
    + "## 协议\n本仓库的代码请见 GitHub\uff0c模型权重的使用则需要遵循 CC-BY-NC-4.0 协议。\n"
)
WEIGHTS_CLAUSE = (
    IN_SECTION + "The code is on GitHub, while the model weights are under the CC-BY-NC-4.0"
    " license.\n"
)
BESIDE_LINK = "# M\n## Training\nTraining code: [repo](https://github.com/org/train) (Apache-2.0)\n"
BESIDE_BARE_URL = "# M\n- **Training code:** https://github.com/org/train (MIT)\n"
BESIDE_LINK_SENTENCE = (
    "# M\n## Training\nTraining and data-processing code: [org/m-train](https://github.com/org/"
    "m-train) (Apache-2.0). The repository documents every step.\n"
)
# twins: a licence in brackets after a paper link; a licence in brackets saying more
BESIDE_PAPER_LINK = (
    IN_SECTION + "Training code and paper: [the paper](https://arxiv.org/abs/2401.00001)"
    " (CC-BY-4.0)\n"
)
BESIDE_LINK_NOT_ALONE = (
    "# M\n## Training\nTraining code: [repo](https://github.com/org/train) (MIT and others"
    " in a table below)\n"
)
SHIELD = "https://img.shields.io/badge/{}"
CODE_BADGE = (
    IN_SECTION + f"[![Code License]({SHIELD.format('Code%20License-Apache_2.0-green.svg')})]"
    "(https://github.com/org/train/blob/main/LICENSE)\n"
)
CODE_BADGE_UNDERSCORE = IN_SECTION + f"![badge]({SHIELD.format('Code_License-MIT-blue')})\n"
REPO_LICENCE_BADGE = (
    IN_SECTION + f"[![License]({SHIELD.format('License-MIT-blue')})]"
    "(https://github.com/org/recipes/blob/main/LICENSE)\n"
)
HTML_CODE_BADGE = (
    IN_SECTION + '<a href="https://github.com/org/recipes/blob/main/LICENSE"><img alt="License"'
    f' src="{SHIELD.format("License-Apache_2.0-blue")}"></a>\n'
)
# twins: the model's licence badge; a licence badge linking the model's own licence file
MODEL_BADGE = (
    IN_SECTION + f"[![Model License]({SHIELD.format('Model%20License-CC_BY_NC_4.0-red')})]"
    "(https://github.com/org/recipes/blob/main/LICENSE)\n"
)
# ... and a licence badge linking another project's licence file (a tool the card uses)
TOOL_LICENCE_BADGE = (
    IN_SECTION + f"[![License]({SHIELD.format('License-MIT-blue')})]"
    "(https://github.com/tools/quantizer/blob/master/LICENSE)\n"
)
HUB_LICENCE_BADGE = (
    IN_SECTION + f"[![License]({SHIELD.format('License-MIT-blue')})]"
    "(https://huggingface.co/org/m/blob/main/LICENSE)\n"
)
UNDER_TRAINING = (
    "# M\n# Training\n## Hardware\n- 512 GPUs\n## Software\n"
    "- **Orchestration:** [Megatron-LM](https://github.com/org/Megatron-LM)\n"
)
DATA_TABLE = (
    "# M\n## Training procedure\n#### Training data\n| Dataset | Pairs |\n|---|---|\n"
    "| [Reddit comments](https://github.com/org/reddit-dump) | 726M |\n"
)
NAMED_TRAIN = "# PreTrain-LM\n## Links\n- [demo](https://github.com/org/demo)\n"
DATA_PROCESSING = (
    "# M\n## Data Processing\nFiltering: [pipeline](https://github.com/org/dedup-pipe)\n"
)
# Trained with a general-purpose framework: the tool, not this model's training code.
FRAMEWORK_ONLY = (
    "# M\n## Training procedure\nTrained with [TRL](https://github.com/huggingface/trl) and\n"
    "[DeepSpeed](https://github.com/microsoft/DeepSpeed.git).\n"
)
FRAMEWORK_SOURCE_FILE = (
    "# M\n## Training\nPPO via https://github.com/CarperAI/trlx/blob/main/trlx/trainer/ppo.py\n"
)
FRAMEWORK_RECIPE = (
    "# M\n## Training\nRecipe: https://github.com/huggingface/alignment-handbook/tree/main/"
    "recipes/m-7b\n"
)
OWN_AND_FRAMEWORK = FRAMEWORK_ONLY + "Our scripts: https://github.com/org/m-train\n"
LINKED_TWICE = (
    "# M\n## Summary\n- Repository: [code](https://github.com/org/m-code)\n## Training\n"
    "### Software\n- Orchestration: [code](https://github.com/org/m-code)\n"
)
TRAINED_WITH = "# M\n## Training\nTrained with [the toolkit]({}).\n"
FRAMEWORK_PAGES = [
    "https://github.com/NVIDIA/Megatron-LM",
    "https://github.com/EleutherAI/gpt-neox",
    "https://github.com/kohya-ss/sd-scripts",
    "https://github.com/huggingface/trl/tree/main/examples",
    "https://github.com/huggingface/transformers/blob/main/src/transformers/trainer.py",
]
# a deep link into a framework's recipes or example scripts (named after the model or
# not) under Training: the script the card says trained it
RECIPES = [
    "https://github.com/huggingface/alignment-handbook/blob/main/recipes/x/sft.yaml",
    "https://github.com/facebookresearch/fairseq/tree/main/examples/wavecoder",
    "https://github.com/huggingface/trl/blob/main/examples/scripts/sft.py",
    "https://github.com/huggingface/transformers/blob/main/examples/pytorch/"
    "language-modeling/run_clm.py",
]
NO_FRAMEWORKS = {**TRAIN, "frameworks": False}
# A topic word on the link's line but about something else: another sentence of the
# paragraph, or a participle used as an adjective of other people's models.
MERGE_OF_PRETRAINED = (
    "# M\nThis is a merge of pre-trained language models created using"
    " [mergetool](https://github.com/org/mergetool).\n"
)
PRETRAINED_TOKENIZER = (
    "# M\nM is a chat model fine-tuned with [QLoRA](https://arxiv.org/abs/2305.14314)."
    " It uses the pretrained tokenizer from [toks](https://github.com/org/toks).\n"
)
FINETUNED_CHECKPOINTS = (
    "# M\nIt averages the fine-tuned checkpoints of [souper](https://github.com/org/souper).\n"
)
PRETRAINED_HEADING = (
    "# M\n## Pretrained checkpoints\n- [small](https://github.com/org/ckpt-small)\n"
)
FINETUNED_VERSION = (
    "# M\nIt is a fine-tuned version of [base-code](https://github.com/org/base-code).\n"
)
TRAINED_MODEL_WITH = (
    "# M\nWe trained models with [this repo](https://github.com/org/x) on 8 GPUs.\n"
)
# ... and the twins where the word is about this model's training.
WE_PRETRAINED = "# M\nWe pre-trained the model with [our code](https://github.com/org/x).\n"
FINETUNED_LLAMA = "# M\nThen fine-tuned Llama on chat with [this](https://github.com/org/x).\n"
WAS_FINETUNED = "# M\nThe model was fine-tuned using [these scripts](https://github.com/org/x).\n"
PRETRAINED_WITH = "# M\nPre-trained with [our codebase](https://github.com/org/x) on 1T tokens.\n"
CODE_FOR_PRETRAINED = "# M\nTraining code for the pre-trained model: https://github.com/org/x\n"
SAME_SENTENCE = (
    "# M\nThe card says more. M was fine-tuned on chat data with"
    " [our trainer](https://github.com/org/x).\n"
)
# General model tools: merging, quantising, tokenising, serving.
MERGEKIT = (
    "# M\n## Training\nAfter fine-tuning, the checkpoints were merged with"
    " [mergekit](https://github.com/arcee-ai/mergekit).\n"
)
LLAMA_CPP = (
    "# M\n## Training\nQuantised after training with"
    " [llama.cpp](https://github.com/ggerganov/llama.cpp).\n"
)
SENTENCEPIECE = (
    "# M\n## Data Processing\nTokenized with"
    " [sentencepiece](https://github.com/google/sentencepiece).\n"
)
OWN_AND_TOOL = MERGEKIT + "Training scripts: https://github.com/org/m-train\n"
TOOL_THEN_OWN = (
    "# M\nMerged with [mergekit](https://github.com/cg123/mergekit).\n"
    "Code: [repo](https://github.com/org/m), MIT licence\n"
)
TOKENIZE = {"keywords": ["tokeniz"], "sections": ["Data Processing"], "files": []}

# A model licence no rule identifies (the terms of a lab's own licence).
CUSTOM_TERMS = "ACME MODEL LICENSE AGREEMENT\n\nYou may use the model for research. " * 3
# probe16 class 7: example fine-tuning scripts offered to users are not the model's own
# training code; a real training script is
TUNE = {**TRAIN, "files": ["train*.py", "*/train*.py", "*finetune*.py"]}
SAMPLE_LINK = "https://huggingface.co/org/m/resolve/main/{}"
OFFERED = (
    "# M\n## Fine-tuning\nA basic example of multi-GPU supervised fine-tuning with TRL is "
    "provided [here](" + SAMPLE_LINK + ").\n"
)
TUNE_FURTHER = "# M\n## Usage\nUse `{}` to fine-tune the model further on your data.\n"
OWN_SCRIPT = "# M\n## Training\nWe trained the model with `{}` on 8 GPUs.\n"
CASES: list[tuple[str, str, Evidence, dict[str, Any], Answer, str]] = [
    ("a sample_ script", "code_linked", ev("# M\n", "sample_finetune.py"), TUNE, "no", ""),
    ("an examples folder", "code_linked", ev("# M\n", "examples/finetune_lora.py"), TUNE, "no",
     ""),
    # review16c #3: an offer to fine-tune is no statement that the file trained the model
    ("an example script the model 'is easily fine-tuned with'", "code_linked",
     ev("# M\n## Usage\nThe model is easily fine-tuned with `examples/sample_finetune.py`.\n",
        "examples/sample_finetune.py"), TUNE, "no", ""),
    ("an example script 'it is fine-tuned easily using'", "code_linked",
     ev("# M\n## Usage\nIt is fine-tuned easily using `examples/sample_finetune.py`.\n",
        "examples/sample_finetune.py"), TUNE, "no", ""),
    ("a script the card calls an example", "code_linked",
     ev(OFFERED.format("finetune.py"), "finetune.py"), TUNE, "no", ""),
    ("a script offered to tune the model further", "code_linked",
     ev(TUNE_FURTHER.format("finetune.py"), "finetune.py"), TUNE, "no", ""),
    # negative twins: the same files named and described as the model's own
    ("a finetune.py in the repo", "code_linked", ev("# M\n", "finetune.py"), TUNE, "yes",
     "in the repo: finetune.py"),
    ("a train.py the card says trained it", "code_linked",
     ev(OWN_SCRIPT.format("train.py"), "train.py"), TUNE, "yes", "in the repo: train.py"),
    ("a train.py 'for example' run on 8 GPUs", "code_linked",
     ev("# M\n## Training\nRun `train.py`, for example on 8 GPUs.\n", "train.py"), TUNE, "yes",
     "in the repo: train.py"),
    ("a folder's training script", "code_linked", ev("# M\n", "scripts/train_sft.py"), TUNE,
     "yes", "in the repo: scripts/train_sft.py"),
    # review16b #3: bare "samples", "example outputs" and "examples of the data" call no
    # file an example; a name is matched on a boundary; a sentence saying the file trained
    # the model outweighs the example folder
    ("trained with train.py on 2M samples", "code_linked",
     ev("# M\n## Training\nThe model was trained with `train.py` on 2M samples.\n", "train.py"),
     TUNE, "yes", "in the repo: train.py"),
    ("trained with train.py; example outputs below", "code_linked",
     ev("# M\n## Training\nWe trained the model with `train.py`; example outputs are below.\n",
        "train.py"), TUNE, "yes", "in the repo: train.py"),
    ("a training script showing examples of the data", "code_linked",
     ev("# M\n## Training\nThe full training script is `train.py`; it shows examples of the"
        " data format.\n", "train.py"), TUNE, "yes", "in the repo: train.py"),
    ("the script that trained M and the samples it read", "code_linked",
     ev("# M\n## Training\nWe provide `train.py`, the exact script that trained M, and the"
        " tokenised samples it read.\n", "train.py"), TUNE, "yes", "in the repo: train.py"),
    ("train.py beside an example sample_train.py", "code_linked",
     ev("# M\n## Training\nSee `sample_train.py` for an example. The model itself was trained"
        " with our own script.\n", "train.py", "sample_train.py"), TUNE, "yes",
     "in the repo: train.py"),
    ("an examples/ script the card says pretrained the model", "code_linked",
     ev("# M\n## Training\nThe model was pretrained with `examples/pretrain.sh` (the exact"
        " recipe).\n", "examples/pretrain.sh"), {**TUNE, "files": ["*/*.sh"]}, "yes",
     "in the repo: examples/pretrain.sh"),
    # negative twins: an example in its own clause; an example script beside prose on training
    ("an example script, the model trained elsewhere", "code_linked",
     ev("# M\n## Training\n`train.py` is a basic example of fine-tuning on your data; the model"
        " was trained with our internal code.\n", "train.py"), TUNE, "no", ""),
    ("an example script named in a sentence on training", "code_linked",
     ev("# M\n## Training\nThe model was trained on 8 GPUs; `examples/pretrain.sh` is a sample"
        " script.\n", "examples/pretrain.sh"), {**TUNE, "files": ["*/*.sh"]}, "no", ""),
    ("a training framework is not the model's training code", "code_linked",
     ev(FRAMEWORK_ONLY), NO_FRAMEWORKS, "no", "only a training framework is linked"),
    ("a framework's source file is the framework", "code_linked", ev(FRAMEWORK_SOURCE_FILE),
     NO_FRAMEWORKS, "no", "github.com/CarperAI/trlx"),
    ("a recipe inside a framework is training code", "code_linked", ev(FRAMEWORK_RECIPE),
     NO_FRAMEWORKS, "yes", "alignment-handbook"),
    ("own training code beside a framework", "code_linked", ev(OWN_AND_FRAMEWORK),
     NO_FRAMEWORKS, "yes", "github.com/org/m-train"),
    ("a repo linked in the summary and again under Training", "code_linked",
     ev(LINKED_TWICE), TRAIN, "yes", "github.com/org/m-code"),
    ("frameworks count where the rubric says so", "code_linked", ev(FRAMEWORK_ONLY), TRAIN,
     "yes", "huggingface/trl"),
    *((f"a framework, not the model's code: {url}", "code_linked",
       ev(TRAINED_WITH.format(url), repo_id="org/wavecoder-7b"), NO_FRAMEWORKS, "no",
       "only a training framework") for url in FRAMEWORK_PAGES),
    *((f"a recipe for the model: {url}", "code_linked",
       ev(TRAINED_WITH.format(url), repo_id="org/wavecoder-7b"), NO_FRAMEWORKS, "yes",
       "linked") for url in RECIPES),
    ("pre-trained as an adjective of merged models", "code_linked", ev(MERGE_OF_PRETRAINED),
     TRAIN, "no", "none of the card's 1 code link(s)"),
    ("fine-tuned in another sentence, pretrained tokenizer in this one", "code_linked",
     ev(PRETRAINED_TOKENIZER), TRAIN, "no", "none of the card's 1 code link(s)"),
    ("fine-tuned checkpoints of others", "code_linked", ev(FINETUNED_CHECKPOINTS), TRAIN, "no",
     ""),
    ("a heading on pretrained checkpoints", "code_linked", ev(PRETRAINED_HEADING),
     {**TRAIN, "keywords": ["pretrain"]}, "no", ""),
    ("a fine-tuned version of", "code_linked", ev(FINETUNED_VERSION), TRAIN, "no", ""),
    ("we trained models with", "code_linked", ev(TRAINED_MODEL_WITH), TRAIN, "yes",
     "github.com/org/x"),
    ("then fine-tuned Llama with", "code_linked", ev(FINETUNED_LLAMA), TRAIN, "yes",
     "github.com/org/x"),
    ("we pre-trained the model with", "code_linked", ev(WE_PRETRAINED), TRAIN, "yes",
     "github.com/org/x"),
    ("the model was fine-tuned using", "code_linked", ev(WAS_FINETUNED), TRAIN, "yes",
     "github.com/org/x"),
    ("pre-trained with, at the sentence start", "code_linked", ev(PRETRAINED_WITH), TRAIN,
     "yes", "github.com/org/x"),
    ("training code for the pre-trained model", "code_linked", ev(CODE_FOR_PRETRAINED), TRAIN,
     "yes", "github.com/org/x"),
    ("fine-tuned in the link's own sentence", "code_linked", ev(SAME_SENTENCE), TRAIN, "yes",
     "github.com/org/x"),
    ("a merge tool under Training is no training code", "code_linked", ev(MERGEKIT), TRAIN,
     "no", "only a general model tool"),
    ("a quantiser under Training is no training code", "code_linked", ev(LLAMA_CPP), TRAIN,
     "no", "only a general model tool"),
    ("a tokeniser library is no data-processing code", "code_linked", ev(SENTENCEPIECE),
     TOKENIZE, "no", "github.com/google/sentencepiece"),
    ("a tool and a framework", "code_linked", ev(MERGEKIT + "Tuned with [TRL](https://github.com/"
     "huggingface/trl).\n"), NO_FRAMEWORKS, "no", "a training framework or general model tool"),
    ("own training code beside a tool", "code_linked", ev(OWN_AND_TOOL), TRAIN, "yes",
     "github.com/org/m-train"),
    ("a tool's licence is not the code's", "code_osi_licensed", ev(TOOL_THEN_OWN), {}, "yes",
     "'mit'"),
    ("only a tool linked: no code of the model's", "code_osi_licensed", ev(MERGEKIT), {}, "no",
     "no code is published"),
    ("library", "inference_code", ev(None, library_name="transformers"), {}, "yes",
     "transformers"),
    ("card library", "inference_code", ev("---\nlibrary_name: timm\n---\n"), {}, "yes", "timm"),
    ("modelling file", "inference_code", ev("# m", "modeling_foo.py"), {}, "yes", "modeling_foo"),
    ("a training script is no modelling code", "inference_code", ev("# m", "train_sft.py"), {},
     "no", "no modelling code"),
    ("an inference script beside a training script", "inference_code",
     ev("# m", "train_sft.py", "scripts/inference.py"), {}, "yes", "scripts/inference.py"),
    ("config only", "inference_code", ev("# m", "config.json"), {}, "yes", "config.json"),
    ("nothing", "inference_code", ev("# m", "model.safetensors"), {}, "no", "no library"),
    # weights only in a format a general runtime runs (inferred): its code runs the model
    ("GGUF weights only, no tag", "inference_code", ev("# m", "weights.gguf"), {}, "yes",
     "only in gguf format, which llama.cpp runs"),
    ("ggml weights only (whisper.cpp)", "inference_code",
     ev("# m", "ggml-base.en.bin", "ggml-small.bin"), {}, "yes", "which ggml (whisper.cpp"),
    ("a Core ML package only", "inference_code",
     ev("# m", "Unet.mlpackage/Data/com.apple.CoreML/weights/weight.bin"), {}, "yes",
     "which Core ML runs"),
    ("ONNX beside safetensors: not only a runtime's format", "inference_code",
     ev("# m", "model.onnx", "model.safetensors"), {}, "no", "no library"),
    # the Hub's tag naming the library a repository belongs to, when library_name is unset
    ("a GGUF repository's library tag", "inference_code",
     ev("# m", "weights.gguf", tags=("gguf", "llama")), {}, "yes", "runs with the gguf library"),
    ("a LoRA's diffusers tag", "inference_code",
     ev("# m", "lora.safetensors", tags=("diffusers", "lora", "text-to-image")), {}, "yes",
     "runs with the diffusers library"),
    ("a tag naming no library", "inference_code",
     ev("# m", "model.safetensors", tags=("llama",)), {}, "no", "no library"),
    *((f"training code {shape} is not published", "code_linked", ev(card), TRAIN, "no",
       "the card says the code is not published") for shape, card in WITHHELD.items()),
    ("inference code beside training code denied", "code_linked", ev(WITHHELD["denied"]),
     {"keywords": ["inferenc"], "sections": [], "files": []}, "yes", "org/m-inference"),
    ("training code released, later work promised", "code_linked", ev(RELEASED_THEN_PROMISED),
     TRAIN, "yes", "github.com/org/m-train"),
    ("training in section", "code_linked", ev(IN_SECTION), TRAIN, "yes", "github.com/org/recipes"),
    ("training in line", "code_linked", ev(IN_LINE), TRAIN, "yes", "github.com/org/x"),
    ("training file", "code_linked", ev("# m", "scripts/train_lora.py"), TRAIN, "yes",
     "train_lora"),
    ("training code in the next paragraph", "code_linked", ev(NEXT_PARAGRAPH), TRAIN, "yes",
     "github.com/org/x"),
    ("trained on code data is not training code", "code_linked", ev(TRAINED_ON_CODE), TRAIN,
     "no", ""),
    ("unrelated link", "code_linked", ev(UNRELATED), TRAIN, "no", "1 code link"),
    ("link under a Training heading", "code_linked", ev(UNDER_TRAINING), TRAIN, "yes",
     "github.com/org/Megatron-LM"),
    ("dataset source in a training-data table", "code_linked", ev(DATA_TABLE), TRAIN, "no", ""),
    ("card title is no topic", "code_linked", ev(NAMED_TRAIN), TRAIN, "no", ""),
    ("data-processing section", "code_linked", ev(DATA_PROCESSING),
     {"keywords": ["preprocess"], "sections": ["Data Processing"], "files": []}, "yes",
     "dedup-pipe"),
    ("no readme", "code_linked", ev(None), TRAIN, "unknown", "no README"),
    ("eval link", "code_linked", ev(EVAL_CARD), EVAL, "yes", "github.com/org/evals"),
    ("eval absent", "code_linked", ev(IN_SECTION), EVAL, "no", ""),
    ("repo code mit", "code_osi_licensed", ev(MIT, "modeling_x.py"), {}, "yes", "OSI-approved"),
    # a licence file for the code alone, beside the model's (MOT: the code's type licence
    # before the distribution licence), its first line "MIT" or "MIT License"
    *((f"repo code under its own licence file: {files[0][0]} ({files[0][1].splitlines()[0]})",
       "code_osi_licensed",
       ev("# m", "modeling_x.py", *(p for p, _ in files),
          license_files=tuple(TextFile(p, t) for p, t in files)), {}, "yes",
       f"repo code is under '{licence}' (its own licence file {files[0][0]}), OSI-approved")
      for files, licence in (
          ((("LICENSE-CODE", "MIT\n\nWords."), ("LICENSE-MODEL", CUSTOM_TERMS)), "mit"),
          ((("LICENSE-CODE", "MIT License\n\nWords."), ("LICENSE-MODEL", CUSTOM_TERMS)), "mit"),
          ((("LICENSE", "Apache License, Version 2.0\n"), ("MODEL_LICENSE", CUSTOM_TERMS)),
           "apache-2.0"),
      )),
    ("a code licence file naming no licence known: the model's licence", "code_osi_licensed",
     ev(LLAMA, "modeling_x.py", "LICENSE-CODE", license_files=(TextFile("LICENSE-CODE", "Terms"),)),
     {}, "no", "repo code is under 'llama"),
    ("a data licence file is not the code's", "code_osi_licensed",
     ev(LLAMA, "modeling_x.py", "DATA_LICENSE", license_files=(TextFile("DATA_LICENSE", "MIT\n"),)),
     {}, "no", "repo code is under 'llama"),
    ("a plain LICENSE with no model licence file is the model's", "code_osi_licensed",
     ev("---\nlicense: apache-2.0\n---\n# M\n", "modeling_x.py", "LICENSE",
        license_files=(TextFile("LICENSE", "Apache-2.0\n"),)),
     {}, "yes", "repo code is under 'apache-2.0', OSI-approved"),
    ("repo code llama", "code_osi_licensed", ev(LLAMA, "modeling_x.py"), {}, "no",
     "not OSI-approved"),
    ("repo code unlicensed", "code_osi_licensed", ev("# m", "modeling_x.py"), {}, "no",
     "no licence"),
    ("linked code", "code_osi_licensed", ev(IN_SECTION), {}, "unknown", "no licence for it"),
    ("linked code, stated apache", "code_osi_licensed", ev(CODE_APACHE), {}, "yes",
     "'apache-2.0', OSI-approved"),
    ("linked code, stated mit", "code_osi_licensed", ev(CODE_MIT_BULLET), {}, "yes", "'mit'"),
    ("code licence in brackets after the code", "code_osi_licensed", ev(CODE_BRACKETED), {},
     "yes", "'mit', OSI-approved"),
    ("code released under a licence name", "code_osi_licensed", ev(CODE_UNDER), {}, "yes",
     "'apache-2.0', OSI-approved"),
    ("code licence on a line ending in a URL", "code_osi_licensed", ev(CODE_URL_LINE), {},
     "yes", "'apache-2.0', OSI-approved"),
    ("brackets not right after the code", "code_osi_licensed", ev(CODE_BY_MIT), {}, "unknown",
     "no licence for it"),
    ("under a licence name, said of the data", "code_osi_licensed", ev(CODE_DATA_UNDER), {},
     "unknown", "no licence for it"),
    ("linked code, licence of weights only", "code_osi_licensed", ev(WEIGHTS_ONLY), {},
     "unknown", "no licence for it"),
    ("linked code, stated non-OSI", "code_osi_licensed", ev(CODE_NC), {}, "no",
     "not OSI-approved"),
    ("licence table: the code row's licence, not the weights'", "code_osi_licensed",
     ev(LICENCE_TABLE.format("CC BY-NC 4.0", "Apache 2.0")), {}, "yes",
     "the linked code is under 'apache-2.0', OSI-approved"),
    ("licence table: a non-OSI code row beside open weights", "code_osi_licensed",
     ev(LICENCE_TABLE.format("Apache 2.0", "CC BY-NC 4.0")), {}, "no",
     "the linked code is under 'cc-by-nc-4.0', not OSI-approved"),
    ("a code dataset's licence is not the code's", "code_osi_licensed", ev(CODE_DATASET), {},
     "unknown", "no licence for it"),
    ("licence named before the code", "code_osi_licensed", ev(LICENCE_FIRST), {}, "unknown",
     "no licence for it"),
    ("a licence stated for code still to come", "code_osi_licensed",
     ev(WITHHELD["released soon"] + "The code is licensed under Apache-2.0.\n"), {}, "no",
     "no code is published"),
    ("code still to come beside the library", "code_osi_licensed",
     ev(WITHHELD["after acceptance"] + "The code is licensed under MIT.\n",
        library_name="transformers"), {}, "unknown", "transformers integration"),
    ("published inference code beside denied training code", "code_osi_licensed",
     ev(WITHHELD["denied"]), {}, "unknown", "no licence for it"),
    ("library only", "code_osi_licensed", ev("# m", library_name="transformers"), {}, "unknown",
     "transformers integration"),
    ("no code", "code_osi_licensed", ev("# m"), {}, "no", "no code"),
    *((f"code licence: {name}", "code_osi_licensed", ev(card), {}, answer, reason)
      for name, card, answer, reason in (
          ("Chinese, the repository's code beside the weights' terms", CJK_CODE_REPO, "yes",
           "the linked code is under 'apache-2.0', OSI-approved"),
          ("Chinese, weights and code", CJK_WEIGHTS_AND_CODE, "yes", "'apache-2.0'"),
          ("Japanese, weights and code", JA_WEIGHTS_AND_CODE, "yes", "'apache-2.0'"),
          ("Korean", KO_CODE, "yes", "'mit', OSI-approved"),
          ("a Chinese licence section's title", CJK_SECTION_TITLE, "yes", "'mit', OSI-approved"),
          ("in full-width brackets after the link", JA_BESIDE_LINK, "yes", "'apache-2.0'"),
          ("Chinese weights' terms after the code", CJK_WEIGHTS_ONLY, "unknown",
           "no licence for it"),
          ("the weights' terms in a later clause", WEIGHTS_CLAUSE, "unknown", "no licence for it"),
          ("in brackets after the link", BESIDE_LINK, "yes", "'apache-2.0', OSI-approved"),
          ("in brackets after a definition's URL", BESIDE_BARE_URL, "yes", "'mit'"),
          ("in brackets after the link, mid-paragraph", BESIDE_LINK_SENTENCE, "yes",
           "'apache-2.0'"),
          ("in brackets after a paper link", BESIDE_PAPER_LINK, "unknown", "no licence for it"),
          ("brackets saying more than the licence", BESIDE_LINK_NOT_ALONE, "unknown",
           "no licence for it"),
          ("a 'Code License' badge", CODE_BADGE, "yes", "'apache-2.0', OSI-approved"),
          ("a 'Code_License-MIT' badge", CODE_BADGE_UNDERSCORE, "yes", "'mit', OSI-approved"),
          ("a licence badge linking a code repository's LICENSE", REPO_LICENCE_BADGE, "yes",
           "'mit', OSI-approved"),
          ("an HTML licence badge in a code repository's anchor", HTML_CODE_BADGE, "yes",
           "'apache-2.0'"),
          ("a 'Model License' badge", MODEL_BADGE, "unknown", "no licence for it"),
          ("a licence badge linking the model's licence file", HUB_LICENCE_BADGE, "unknown",
           "no licence for it"),
          ("a licence badge linking another project's licence file", TOOL_LICENCE_BADGE,
           "unknown", "no licence for it"),
      )),
    ("licence file decides", "code_osi_licensed",
     ev("# m", "x.py", license_files=(TextFile("LICENSE", "MIT License\n\nPermission is hereby "
        "granted, free of charge, to any person obtaining a copy"),)), {}, "yes", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "evidence", "params", "answer", "reason"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_code_evaluator(
    name: str, evidence: Evidence, params: dict[str, Any], answer: Answer, reason: str
) -> None:
    got, why = ask(name, evidence, **params)
    assert got == answer, why
    assert reason in why


def test_only_a_framework_linked_is_an_inferred_no() -> None:
    """Which repo holds the model's own training code is concluded from the links, so
    under --strict such a no becomes unknown instead of capping the layer."""
    spec = get_evaluator("code_linked")
    assert spec is not None
    outcome = run(spec, ProbeContext(ev(FRAMEWORK_ONLY)), NO_FRAMEWORKS)
    assert (outcome.answer, outcome.inferred) == ("no", True)


def test_withheld_training_code_is_an_inferred_no_naming_the_sentence() -> None:
    """A promise or a denial is read from the card's words, so the no is inferred."""
    spec = get_evaluator("code_linked")
    assert spec is not None
    outcome = run(spec, ProbeContext(ev(WITHHELD["released soon"])), TRAIN)
    assert (outcome.answer, outcome.inferred) == ("no", True)
    assert "will be released soon" in outcome.reason


# Links that are not the model's code (probe5 finding 4): "and pretrained models" names
# what is published beside the code; repositories of data, assets or guidelines, a link
# given as the data trained on, a released file and another project's file are no code.
AND_PRETRAINED = (
    "# M\n## Resources\nOfficial implementation and pretrained models:"
    " [org/m](https://github.com/org/m).\n"
)
CODE_AND_PRETRAINED_WEIGHTS = (
    "# M\nModel code and pre-trained weights: [org/m](https://github.com/org/m) (MIT).\n"
)
# twins: "and" before a verb of this model's training
AND_PRETRAINED_THE_MODEL = "# M\nWe cleaned the corpus and pretrained the model with [our code](https://github.com/org/x).\n"
AND_TRAINED_MODELS = (
    "# M\nWe cleaned the corpus and trained models with [our code](https://github.com/org/x).\n"
)
DATASET_REPO = (
    "# M\n## Training\n1. Dataset preparation: [FFHQ](https://github.com/lab/faces-dataset)\n"
)
ASSETS_REPO = "# M\n## Training\nSee the banner in [assets](https://github.com/org/assets).\n"
GUIDELINES_REPO = (
    "# M\n## Training\nLabels follow [the conversion](https://github.com/uni/nlp-guidelines/"
    "blob/master/conv.md).\n"
)
RELEASE_FILE = (
    "# M\n## Training\nThe trained checkpoint: [m.pt](https://github.com/org/m/releases/"
    "download/v1/m.pt)\n"
)
REPO_FILE = (
    "# M\n## Training\nThe trainer: [train.py](https://github.com/org/m/blob/main/train.py)\n"
)
TRAINED_ON_TASK = (
    "# M\nThis model was trained on the [Passage Ranking](https://github.com/org/passage-ranking)"
    " task.\n"
)
TRAINED_ON_LINKED_DATASET = (
    "# M\n## Training\nWe pre-trained it on the [Faces](https://github.com/org/faces) dataset.\n"
)
TRAINED_WITH_RANKER = (
    "# M\nThis model was trained with [our ranker](https://github.com/org/passage-ranking).\n"
)
# A file of another project on a card linking the model's own repository.
OWN_REPO = "# M\nFirst released in [this repository](https://github.com/lab/detr).\n"
OTHER_PROJECT_FILE = OWN_REPO + (
    "## Training procedure\n### Preprocessing\nThe details of preprocessing during training"
    " are [here](https://github.com/other/vision_transformer/blob/main/input_pipeline.py).\n"
)
OTHER_PROJECT_TRAINED_WITH = OWN_REPO + (
    "## Training procedure\nThe model was trained with [this script](https://github.com/other/"
    "vision_transformer/blob/main/train.py).\n"
)
NO_OWN_REPO_FILE = (
    "# M\n## Training procedure\nThe details of training are [here](https://github.com/other/"
    "vision_transformer/blob/main/input_pipeline.py).\n"
)
OWN_REPO_FILE = OWN_REPO + (
    "## Training procedure\nThe details of training are [here](https://github.com/lab/detr/"
    "blob/main/main.py).\n"
)
DETR = {"repo_id": "org/detr-resnet-50"}
PRETRAIN = {**TRAIN, "keywords": ["train", "pretrain", "pre-train"]}
# A licence section states the code's licence when it names the code or links a code
# repository's licence file.
SECTION_LICENCE_FILE = (
    "# M\nCode: [org/m](https://github.com/org/m)\n## License\n- **AGPL-3.0 License**: This"
    " open-source license suits students. See the [LICENSE](https://github.com/org/m/blob/"
    "main/LICENSE) file for more details.\n"
)
SECTION_TITLE_LICENCE = (
    "# M\nCode: [org/m](https://github.com/org/m)\n## License: AGPL-3.0\n"
    "The package and its code are free software.\n"
)
SECTION_CODE_SENTENCE = (
    "# M\nCode: [org/m](https://github.com/org/m)\n## License\nThe software is released"
    " under the MIT License.\n"
)
# twins: the project's content licence beside an attribution of code; the data's licence
SECTION_PROJECT_CONTENT = (
    "# M\nCode: [org/m](https://github.com/org/m)\n## License\nThe content of this project"
    " is licensed under CC-BY-NC-SA 4.0.\nPortions of the source code are based on"
    " [transformers](https://github.com/huggingface/transformers).\n"
)
SECTION_DATA_LICENCE = (
    "# M\nCode: [org/m](https://github.com/org/m)\n## License\nThe training data is under"
    " CC-BY-4.0; see its [LICENSE](https://github.com/org/m/blob/main/LICENSE).\n"
)
SPACY_SOURCES = (
    "# M\n| Feature | Description |\n| --- | --- |\n| **Sources** | [Conversion]"
    "(https://github.com/uni/nlp-guidelines/blob/master/conv.md) (Uni) |\n"
)
SPACY_SOURCES_AND_CODE = SPACY_SOURCES + "\nCode: [org/m](https://github.com/org/m-code)\n"

NOT_MODEL_CODE: list[tuple[str, str, Evidence, dict[str, Any], Answer, str]] = [
    ("'and pretrained models' after the code", "code_linked", ev(AND_PRETRAINED), PRETRAIN,
     "no", "none of the card's 1 code link(s)"),
    ("'code and pre-trained weights'", "code_linked", ev(CODE_AND_PRETRAINED_WEIGHTS), PRETRAIN,
     "no", "none of the card's 1 code link(s)"),
    ("'and pretrained the model with' is a verb", "code_linked", ev(AND_PRETRAINED_THE_MODEL),
     PRETRAIN, "yes", "github.com/org/x"),
    ("'and trained models with' is a verb", "code_linked", ev(AND_TRAINED_MODELS), TRAIN, "yes",
     "github.com/org/x"),
    ("a dataset repository is no training code", "code_linked", ev(DATASET_REPO), TRAIN, "no",
     "github.com/lab/faces-dataset (a repository of data"),
    ("an assets repository is no training code", "code_linked", ev(ASSETS_REPO), TRAIN, "no",
     "github.com/org/assets (a repository of data"),
    ("a guidelines repository is no training code", "code_linked", ev(GUIDELINES_REPO), TRAIN,
     "no", "nlp-guidelines"),
    ("a released file is no training code", "code_linked", ev(RELEASE_FILE), TRAIN, "no",
     "a file in a repository's releases"),
    ("a repository's training file is", "code_linked", ev(REPO_FILE), TRAIN, "yes",
     "github.com/org/m"),
    ("the task trained on is no training code", "code_linked", ev(TRAINED_ON_TASK), TRAIN, "no",
     "given as data"),
    ("the dataset trained on is no training code", "code_linked", ev(TRAINED_ON_LINKED_DATASET),
     TRAIN, "no", "given as data"),
    ("trained with a linked repository", "code_linked", ev(TRAINED_WITH_RANKER), TRAIN, "yes",
     "github.com/org/passage-ranking"),
    ("another project's file is no training code", "code_linked",
     ev(OTHER_PROJECT_FILE, **DETR), TRAIN, "no", "a file of another project"),
    ("another project's file the model was trained with", "code_linked",
     ev(OTHER_PROJECT_TRAINED_WITH, **DETR), TRAIN, "yes", "vision_transformer"),
    ("a file of a project when the card links no own repository", "code_linked",
     ev(NO_OWN_REPO_FILE, **DETR), TRAIN, "yes", "vision_transformer"),
    ("a file of the model's own repository", "code_linked", ev(OWN_REPO_FILE, **DETR), TRAIN,
     "yes", "github.com/lab/detr"),
    ("a guideline repository's licence is not the code's", "code_osi_licensed",
     ev(SPACY_SOURCES, library_name="spacy"), {}, "unknown", "spacy integration"),
    ("own code beside a guideline repository", "code_osi_licensed",
     ev(SPACY_SOURCES_AND_CODE, library_name="spacy"), {}, "unknown",
     "the code is linked (github.com/org/m-code)"),
    ("a licence section linking a code repository's licence file", "code_osi_licensed",
     ev(SECTION_LICENCE_FILE), {}, "yes", "'agpl-3.0', OSI-approved"),
    ("a licence section titled with the licence, naming the code", "code_osi_licensed",
     ev(SECTION_TITLE_LICENCE), {}, "yes", "'agpl-3.0', OSI-approved"),
    ("a licence section naming the software's licence", "code_osi_licensed",
     ev(SECTION_CODE_SENTENCE), {}, "yes", "'mit', OSI-approved"),
    ("a licence section on the project's content", "code_osi_licensed",
     ev(SECTION_PROJECT_CONTENT), {}, "unknown", "no licence for it is stated"),
    ("a licence section on the data", "code_osi_licensed", ev(SECTION_DATA_LICENCE), {},
     "unknown", "no licence for it is stated"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "evidence", "params", "answer", "reason"),
    [c[1:] for c in NOT_MODEL_CODE],
    ids=[c[0] for c in NOT_MODEL_CODE],
)
def test_links_that_are_not_the_models_code(
    name: str, evidence: Evidence, params: dict[str, Any], answer: Answer, reason: str
) -> None:
    got, why = ask(name, evidence, **params)
    assert got == answer, why
    assert reason in why


NO_TRAINING_LINK: list[tuple[str, Evidence, bool, str]] = [
    ("links judged by their wording", ev(OWN_REPO), True, "their repositories were not read"),
    ("a pretrained-models link", ev(AND_PRETRAINED), True, "were not read"),
    ("no code link at all", ev("# M\nNo links.\n"), False, "none of the card's 0 code link(s)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "inferred", "reason"),
    [c[1:] for c in NO_TRAINING_LINK],
    ids=[c[0] for c in NO_TRAINING_LINK],
)
def test_no_training_code_from_link_wording_is_inferred(
    evidence: Evidence, inferred: bool, reason: str
) -> None:
    """The card's links were read, not what they hold: a no judged from their wording is
    inferred (and says so); only a card linking no code states it."""
    spec = get_evaluator("code_linked")
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), TRAIN)
    assert (outcome.answer, outcome.inferred) == ("no", inferred)
    assert reason in outcome.reason


COMPONENT_CASES: list[tuple[str, Evidence, str, bool, str]] = [
    ("another project's file is no MOF training code", ev(OTHER_PROJECT_FILE, **DETR),
     "no", True, "a file of another project"),
    ("the model's own repository file is", ev(OWN_REPO_FILE, **DETR), "linked", False,
     "github.com/lab/detr"),
    ("a training link judged by wording", ev(AND_PRETRAINED), "no", True, "was not read"),
    ("a link of another's judged by wording", ev(TRAINED_ON_TASK), "no", True,
     "were not read); not the model's code: github.com/org/passage-ranking"),
    ("no code linked", ev("# M\nNo links.\n"), "no", False, "linked from the card"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "found", "inferred", "reason"),
    [c[1:] for c in COMPONENT_CASES],
    ids=[c[0] for c in COMPONENT_CASES],
)
def test_mof_training_code_component(
    evidence: Evidence, found: str, inferred: bool, reason: str
) -> None:
    """The frameworks' training-code component sets the same links aside, and a missing
    one judged from the links' wording is inferred."""
    from openaudit.frameworks.components import FINDERS
    from openaudit.verdict import Outcome

    result = FINDERS["training_code"](ProbeContext(evidence))
    if isinstance(result, Outcome):
        assert (result.answer, result.inferred) == (found, inferred), result.reason
        assert reason in result.reason
    else:
        assert result[0] == found and reason in result[1]


def test_a_sentence_naming_a_licence_thousands_of_times_is_read_in_one_pass() -> None:
    """Each licence name in a sentence was read against all the text before it: 6,000
    "MIT" after a code link took 15 s. A statement names one or two; the first 20 are
    read."""
    body = (
        "# M\n## Training\nTraining code: [repo](https://github.com/org/train) (" + "MIT " * 50_000
    )
    assert ask("code_osi_licensed", ev(body))[0] == "unknown"
