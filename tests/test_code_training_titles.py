"""A code link under a training heading is training code in every language the data
sections are read in.

The same link to the model's own repository, with no word of training around it, counts
as training code (`code.training`, MOF 7, EOSAI trainingcode) under "学習方法",
"训练细节", "학습 방법", "Procédure d'entraînement" or "Procedimiento de entrenamiento"
as it does under "Training Procedure" or "Trainingsverfahren"; not under a title on the
training data ("学習データ", "Trainingsdaten"), the evaluation, the architecture, nor
the card's own title. Cards invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.frameworks.components import FINDERS
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Outcome

TRAIN = {"keywords": ["train", "fine-tun"], "sections": ["Training"], "files": ["train*.py"]}
LINK = "The sources are at [kumo](https://github.com/org/kumo).\n"


def evidence(title: str, deeper: str = "") -> Evidence:
    sub = f"### {deeper}\n" if deeper else ""
    readme = (
        "---\nlicense: mit\n---\n# Kumo-2B\n\nKumo-2B is a small language model.\n\n"
        f"## {title}\n\n{sub}{LINK}"
    )
    files = (RepoFile("README.md"), RepoFile("model.safetensors"))
    return Evidence(ref="org/kumo-2b", repo_id="org/kumo-2b", source="hub", readme=readme,
                    files=files)  # fmt: skip


# name, section title (and a sub-heading holding the link), training code found
CASES: list[tuple[str, str, str, bool]] = [
    ("English", "Training Procedure", "", True),
    ("German compound", "Trainingsverfahren", "", True),
    ("Japanese training method", "学習方法", "", True),
    ("Japanese training", "学習", "", True),
    ("Chinese training details", "训练细节", "", True),
    ("Chinese training", "训练", "", True),
    ("Traditional Chinese procedure", "訓練流程", "", True),
    ("Korean training method", "학습 방법", "", True),
    ("French procedure", "Procédure d'entraînement", "", True),
    ("Spanish procedure", "Procedimiento de entrenamiento", "", True),
    ("under a sub-heading of a Chinese training section", "训练", "超参数", True),
    # negative twins: the training data, evaluation, architecture, other topics
    ("Japanese training data", "学習データ", "", False),
    ("Chinese training data", "训练数据", "", False),
    ("Korean training data", "학습 데이터", "", False),
    ("French training data", "Données d'entraînement", "", False),
    ("Spanish training data", "Datos de entrenamiento", "", False),
    ("German training data", "Trainingsdaten", "", False),
    ("the training data under a Chinese training section", "训练", "训练数据", False),
    ("Japanese evaluation", "評価", "", False),
    ("Chinese architecture", "模型结构", "", False),
    ("Korean usage", "사용 방법", "", False),
    ("French usage", "Utilisation", "", False),
]


def ask(evidence: Evidence) -> tuple[str, str]:
    spec = get_evaluator("code_linked")
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), TRAIN)
    return outcome.answer, outcome.reason


def component(evidence: Evidence) -> str:
    found = FINDERS["training_code"](ProbeContext(evidence))
    return found.answer if isinstance(found, Outcome) else found[0]


def eosai_trainingcode(evidence: Evidence) -> str:
    result: dict[str, Any] = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    return next(d["level"] for d in result["dimensions"] if d["id"] == "trainingcode")


@pytest.mark.parametrize(
    ("title", "deeper", "found"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_code_link_under_a_training_title(title: str, deeper: str, found: bool) -> None:
    answer, why = ask(evidence(title, deeper))
    assert answer == ("yes" if found else "no"), why
    if found:
        assert "github.com/org/kumo" in why
    assert component(evidence(title, deeper)) == ("linked" if found else "no")


@pytest.mark.parametrize(
    ("title", "level"), [("学習方法", "partial"), ("Procédure d'entraînement", "partial"),
                         ("学習データ", "closed")],
)  # fmt: skip
def test_eosai_trainingcode_reads_the_title(title: str, level: str) -> None:
    """The training code linked, its licence unread: partial; not linked: closed."""
    assert eosai_trainingcode(evidence(title)) == level


# A deep link into a training framework's recipes, configs or example scripts, where the
# card speaks of the model's training, is the training code it points to (inferred,
# naming the link): code.training, MOF 7 (concluded: "cited") and EOSAI trainingcode
# partial. The framework's root, its library source or its examples folder is the tool
# it was trained with; the same deep link offered as how a user could tune the model
# (under a usage section, a title or sentence of advice) is not.
NEMO = "https://github.com/NVIDIA/NeMo"
NEMO_EXAMPLE = f"{NEMO}/blob/main/examples/asr/asr_ctc/speech_to_text_ctc_bpe.py"
FAIRSEQ_EXAMPLE = "https://github.com/facebookresearch/fairseq/tree/main/examples/wav2vec"
HF_EXAMPLE = (
    "https://github.com/huggingface/transformers/tree/main/examples/pytorch/speech-recognition"
)
NEMO_SCRIPT = f"{NEMO}/blob/main/scripts/tokenizers/process_asr_text_tokenizer.py"
MEGATRON_CONFIG = "https://github.com/NVIDIA/Megatron-LM/blob/main/examples/gpt3/train_gpt3_175b.sh"
HANDBOOK_RECIPE = "https://github.com/huggingface/alignment-handbook/tree/main/recipes/kumo/sft"
NEMO_SOURCE = f"{NEMO}/blob/main/nemo/collections/asr/models/ctc_bpe_models.py"
TRL_EXAMPLES = "https://github.com/huggingface/trl/tree/main/examples"
# code.training's parameters in the default rubric: framework links are no training code
NO_FRAMEWORKS = {**TRAIN, "keywords": ["train", "fine-tun", "finetun", "recipe"],
                 "frameworks": False}  # fmt: skip
SAID = "The model uses [the script]({}).\n"
TRAINED = "The model was trained with [the script]({}).\n"
USED_TO = "The script used to fine-tune it: [train]({}).\n"
CAN_BE = "The model can be fine-tuned on a downstream task using [the example]({}).\n"
YOUR_OWN = "To fine-tune it on your own data, use [the script]({}).\n"
FINE_TUNE_IT = "Fine-tune it with [the script]({}).\n"
# name, section title (and a sub-heading holding the link), the line, found
RECIPE_CASES: list[tuple[str, str, str, str, bool]] = [
    ("NeMo example script under Training", "Training", "", SAID.format(NEMO_EXAMPLE), True),
    ("fairseq example folder", "Training Procedure", "", SAID.format(FAIRSEQ_EXAMPLE), True),
    ("transformers example folder", "Training", "", SAID.format(HF_EXAMPLE), True),
    ("NeMo scripts/", "Training", "", SAID.format(NEMO_SCRIPT), True),
    ("Megatron-LM example script", "Training", "", SAID.format(MEGATRON_CONFIG), True),
    ("alignment-handbook recipe", "Training", "", SAID.format(HANDBOOK_RECIPE), True),
    ("a sentence saying it trained the model", "Model Details", "",
     TRAINED.format(NEMO_EXAMPLE), True),
    ("the script used to fine-tune it", "Training", "",
     USED_TO.format(NEMO_EXAMPLE), True),
    # negative twins: the framework itself, its source, its examples folder ...
    ("NeMo root under Training", "Training", "", SAID.format(NEMO), False),
    ("NeMo library source under Training", "Training", "", SAID.format(NEMO_SOURCE), False),
    ("the examples folder itself", "Training", "", SAID.format(TRL_EXAMPLES), False),
    ("an examples README", "Training", "",
     SAID.format("https://github.com/NVIDIA/NeMo/blob/main/examples/asr/README.md"), False),
    ("a conversion script", "Training", "", SAID.format(
        "https://github.com/NVIDIA/NeMo/blob/main/scripts/checkpoint_converters/"
        "convert_llama_hf_to_nemo.py"), False),
    # ... the deep link where the card does not speak of training ...
    ("an example script under Model Details", "Model Details", "",
     SAID.format(NEMO_EXAMPLE), False),
    # ... or offers it as how a user could tune the model
    ("an example script under Usage", "Usage", "", FINE_TUNE_IT.format(NEMO_EXAMPLE), False),
    ("Fine-tuning under How to use", "How to use", "Fine-tuning",
     SAID.format(NEMO_EXAMPLE), False),
    ("a title of advice", "Fine-tune it yourself", "", SAID.format(NEMO_EXAMPLE), False),
    ("the same line under Training", "Training", "", FINE_TUNE_IT.format(NEMO_EXAMPLE), True),
    ("how to fine-tune", "How to fine-tune", "", SAID.format(HF_EXAMPLE), False),
    ("can be fine-tuned using the example", "Intended uses & limitations", "",
     CAN_BE.format(HF_EXAMPLE), False),
    ("advice under Training", "Training", "",
     YOUR_OWN.format(FAIRSEQ_EXAMPLE), False),
]  # fmt: skip


def recipe_evidence(title: str, deeper: str, line: str) -> Evidence:
    sub = f"### {deeper}\n" if deeper else ""
    readme = (
        "---\nlicense: mit\n---\n# Kumo-ASR\n\nKumo-ASR is a small speech recogniser.\n\n"
        f"## {title}\n\n{sub}{line}"
    )
    files = (RepoFile("README.md"), RepoFile("model.safetensors"))
    return Evidence(ref="org/kumo-asr", repo_id="org/kumo-asr", source="hub", readme=readme,
                    files=files)  # fmt: skip


@pytest.mark.parametrize(
    ("title", "deeper", "line", "found"),
    [c[1:] for c in RECIPE_CASES],
    ids=[c[0] for c in RECIPE_CASES],
)
def test_framework_recipe_on_training(title: str, deeper: str, line: str, found: bool) -> None:
    ev = recipe_evidence(title, deeper, line)
    spec = get_evaluator("code_linked")
    assert spec is not None
    outcome = run(spec, ProbeContext(ev), NO_FRAMEWORKS)
    assert outcome.answer == ("yes" if found else "no"), outcome.reason
    url = line.partition("](")[2].partition(")")[0]
    if found:
        assert outcome.inferred and url in outcome.reason, outcome.reason
    assert component(ev) == ("cited" if found else "no")
    assert eosai_trainingcode(ev) == ("partial" if found else "closed")
