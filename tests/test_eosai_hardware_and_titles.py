"""EOSAI hardware_architecture asks for the training setup, and reads section titles in
the card's language.

A section or definition line about what the model runs on ("Hardware Requirements",
"Recommended Hardware", "Supported Hardware Microarchitecture Compatibility", "Hardware"
under "Inference", "Compute your embeddings") is not the training setup; a level
concluded from a section's title is inferred. The architecture, hardware, training-run
and card-topic titles are read in the languages the data sections are (Chinese,
Japanese, Korean, German, French, Spanish), German compounds included
("Trainingsverfahren"), while "Training" still matches no English word it ends
("Constraining"). Cards invented for these tests.
"""

# ruff: noqa: E501, RUF001 (card snippets are data)
from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric import evaluate, load_rubric

ARCH = "## Model Architecture\n\nA decoder-only transformer with 32 layers, grouped-query attention, rotary position embeddings and a vocabulary of 128k tokens.\n\n"
TEXT = "The team wrote these notes for readers who want to know how the model came to be and what it holds. "


def eosai(readme: str, *paths: str) -> dict[str, Any]:
    files = tuple(RepoFile(path) for path in ("model.safetensors", *paths))
    evidence = Evidence(ref="org/m", repo_id="org/m", source="hub", readme=readme, files=files)
    result = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    return {d["id"]: d for d in result["dimensions"]}


def card(body: str) -> str:
    return f"---\nlicense: apache-2.0\n---\n# M-7B\n\nA model for text.\n\n{body}"


# name, card body, level, basis, a phrase of the reason
HARDWARE: list[tuple[str, str, str, str, str]] = [
    # what the model runs on: not the training setup
    ("Hardware Requirements section",
     ARCH + "## Hardware Requirements\n\nAn RTX 4090 with 24 GB of VRAM serves the model at full precision for most prompts.\n",
     "closed", "inferred", "(hardware) is undocumented"),
    ("Recommended Hardware section, no numbers",
     ARCH + "## Recommended Hardware\n\nA recent consumer graphics card or a laptop with plenty of unified memory is enough for it.\n",
     "closed", "inferred", "(hardware) is undocumented"),
    ("Minimum Hardware section",
     ARCH + "## Minimum Hardware\n\nOne graphics card with sixteen gigabytes is enough to load the weights in half precision.\n",
     "closed", "inferred", "(hardware) is undocumented"),
    ("Supported Hardware section",
     ARCH + "## Supported Hardware\n\nNVIDIA Ampere and Hopper cards, Apple silicon and recent AMD cards all load these weights.\n",
     "closed", "inferred", "(hardware) is undocumented"),
    ("Hardware under Inference",
     ARCH + "## Inference\n\nLoad it with transformers.\n\n### Hardware\n\nOne A100 card answers about forty requests a second with batching turned on.\n",
     "closed", "inferred", "(hardware) is undocumented"),
    ("NVIDIA template's compatibility line",
     "## Model Architecture:\n**Architecture Type:** FastConformer encoder with a transducer decoder.\n\n## Software Integration:\n**Runtime Engine(s):** NeMo 2.2\n**Supported Hardware Microarchitecture Compatibility:** NVIDIA Ampere, NVIDIA Blackwell, NVIDIA Hopper, NVIDIA Volta\n",
     "closed", "inferred", "(hardware) is undocumented"),
    ("NVIDIA template's test hardware line under Inference",
     ARCH + "## Inference:\n**Engine:** TensorRT\n**Test Hardware:** NVIDIA H100 and NVIDIA A100 cards\n",
     "closed", "inferred", "(hardware) is undocumented"),
    ("Compute your embeddings (a verb), no architecture",
     "## Compute your speaker embeddings\n\nLoad the encoder, read a waveform and call encode_batch on it to get one vector per utterance of speech.\n",
     "closed", "inferred", "no architecture or hardware"),
    ("Hardware section, no architecture: partial from a title, inferred",
     "## Hardware\n\nEight nodes of eight accelerators each, connected by a fast fabric, for three weeks in the spring.\n",
     "partial", "inferred", "hardware in 'Hardware'"),
    # the training setup: negative twins
    ("Training Hardware section",
     ARCH + "## Training Hardware\n\nEight nodes of eight accelerators each, connected by a fast fabric, for three weeks in the spring.\n",
     "open", "inferred", "documented: 'Model Architecture', 'Training Hardware'"),
    ("Compute Infrastructure section",
     ARCH + "## Compute Infrastructure\n\nEight nodes of eight accelerators each, connected by a fast fabric, for three weeks in the spring.\n",
     "open", "inferred", "'Compute Infrastructure'"),
    ("Compute section (a noun)",
     ARCH + "## Compute\n\nEight nodes of eight accelerators each, connected by a fast fabric, for three weeks in the spring.\n",
     "open", "inferred", "'Compute'"),
    ("training hardware line, no architecture: stated",
     "**Training hardware:** 64 TPU v4 chips for three weeks\n",
     "partial", "stated", "'Training hardware: 64 TPU v4 chips"),
    # a section titled just "Hardware" whose sentences tell what the model runs on
    ("Hardware section on the GPUs it runs on",
     ARCH + "## Hardware\n\nNote that by default the model uses flash attention, which requires certain types of GPU hardware to run. We have tested on the following GPU types:\n* NVIDIA A100\n* NVIDIA A6000\n* NVIDIA H100\n",
     "closed", "inferred", "'Hardware' tells the hardware to run the model"),
    ("Hardware section on supported accelerators",
     ARCH + "## Hardware\n\nThe weights are supported on NVIDIA Hopper and Ampere cards and on recent AMD Instinct accelerators alike.\n",
     "closed", "inferred", "(hardware) is undocumented"),
    # ... negative twins: the same title over a training setup stays one
    ("Hardware section counting the accelerators",
     ARCH + "## Hardware\n\n* GPUs: 512 H100-80G\n* Interconnect: InfiniBand across all the nodes of the cluster\n",
     "open", "inferred", "documented: 'Model Architecture', 'Hardware'"),
    ("Hardware section saying it trained, a running word beside",
     ARCH + "## Hardware\n\nThe model was trained using the latest generation of TPU hardware (TPUv5e). Training large models requires significant computational power.\n",
     "open", "inferred", "documented: 'Model Architecture', 'Hardware'"),
    ("Hardware section in GPU hours",
     ARCH + "## Hardware\n\nThe run took 1.2M GPU hours on a cluster that is also used to run inference for the team's other services.\n",
     "open", "inferred", "documented: 'Model Architecture', 'Hardware'"),
    # ... nor does a word a training setup says too beside counted accelerators or nodes
    ("compute nodes with host memory",
     ARCH + "## Compute\n\n64 nodes, each with 8 A100 GPUs and 1 TB of host memory, connected by InfiniBand.\n",
     "open", "inferred", "documented: 'Model Architecture', 'Compute'"),
    ("a job needing days to run on counted TPUs",
     ARCH + "## Hardware\n\nThe job needed 21 days to run on 2048 TPUs v4 in our datacenter.\n",
     "open", "inferred", "documented: 'Model Architecture', 'Hardware'"),
    ("a cluster that supports fast links",
     ARCH + "## Hardware\n\nOur cluster of 64 nodes with 8 H100 GPUs each supports 400 Gbps links.\n",
     "open", "inferred", "documented: 'Model Architecture', 'Hardware'"),
    ("GPU hours beside what the result fits in",
     ARCH + "## Hardware\n\nThe run used 1.2M GPU hours on our cluster; the result fits in 16 GB of memory.\n",
     "open", "inferred", "documented: 'Model Architecture', 'Hardware'"),
    ("memory of counted accelerators",
     ARCH + "## Hardware\n\n* GPUs: 512 H100-80G, with 80GB of memory each\n* Interconnect: InfiniBand\n",
     "open", "inferred", "documented: 'Model Architecture', 'Hardware'"),
    ("a training cluster under a Hardware section on running it",
     ARCH + "## Hardware\n\nThe model requires a GPU with 16 GB to run.\n\n### Cluster\n\n512 H100 GPUs connected by InfiniBand for 3 weeks.\n",
     "open", "inferred", "documented: 'Model Architecture', 'Hardware'"),
    ("Chinese hardware requirements (硬件要求) stay closed",
     ARCH + "## 硬件要求\n\n推理需要一张 24GB 显存的显卡，例如 RTX 4090，量化后可以在更小的显卡上运行。这是部署时的最低配置要求，请注意内存。\n",
     "closed", "inferred", "(hardware) is undocumented"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "level", "basis", "said"), [pytest.param(*c[1:], id=c[0]) for c in HARDWARE]
)
def test_hardware_the_model_runs_on_is_not_the_training_setup(
    body: str, level: str, basis: str, said: str
) -> None:
    found = eosai(card(body))["hardware_architecture"]
    assert (found["level"], found["basis"]) == (level, basis), found["reason"]
    assert said in found["reason"]


def topics(architecture: str, training: str, evaluation: str) -> str:
    return "".join(
        f"## {title}\n\n{TEXT * 3}\n\n" for title in (architecture, training, evaluation)
    )


# name, the card's architecture, training and evaluation titles
LANGUAGES: list[tuple[str, str, str, str]] = [
    ("Chinese", "模型结构", "训练流程", "评测结果"),
    ("Traditional Chinese", "模型架構", "訓練過程", "評測"),
    ("Japanese", "モデル構造", "学習方法", "評価"),
    ("Korean", "모델 구조", "학습 방법", "평가"),
    ("German compounds", "Modellarchitektur", "Trainingsverfahren", "Evaluierung"),
    ("French", "Architecture du modèle", "Procédure d'entraînement", "Évaluation"),
    ("Spanish", "Arquitectura del modelo", "Procedimiento de entrenamiento", "Evaluación"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("architecture", "training", "evaluation"), [pytest.param(*c[1:], id=c[0]) for c in LANGUAGES]
)
def test_the_card_covers_its_topics_under_titles_in_its_language(
    architecture: str, training: str, evaluation: str
) -> None:
    found = eosai(card(topics(architecture, training, evaluation)))["modelcard"]
    assert found["level"] == "open", found["reason"]
    assert "covers architecture, training, evaluation" in found["reason"]


RUNS_ON = "The model requires a recent GPU to run; we have tested it on A100, A6000 and H100 cards with the default attention kernels and found no problems. "
TRAINED_ON = "The model was trained on a cluster of 64 H100 GPUs over three weeks, with the default attention kernels and a fast fabric between the nodes. "


@pytest.mark.parametrize(
    ("hardware", "covered"),
    [
        pytest.param(RUNS_ON, False, id="hardware to run it"),
        pytest.param(TRAINED_ON, True, id="training hardware"),
        pytest.param(
            "64 nodes, each with 8 A100 GPUs and 1 TB of host memory, connected by InfiniBand; the job needed 21 days to run on them with the default attention kernels. ",
            True,
            id="counted nodes beside memory and 'to run'",
        ),
        pytest.param(
            "The model requires a GPU with 16 GB to run.\n\n### Cluster\n\n512 H100 GPUs connected by InfiniBand for three weeks, with the default attention kernels and a fast fabric between the nodes. ",
            True,
            id="training cluster in a sub-section",
        ),
    ],
)
def test_a_hardware_section_covers_training_only_when_it_is_the_training_setup(
    hardware: str, covered: bool
) -> None:
    body = f"## Architecture\n\n{TEXT * 3}\n\n## Hardware\n\n{hardware}\n\n## Evaluation\n\n{TEXT * 3}\n"
    found = eosai(card(body))["modelcard"]
    said = "covers architecture, training" if covered else "no substantive section on training"
    assert said in found["reason"]


# review16a #5: the card's topics and EOSAI's hardware reader set aside the same sections
@pytest.mark.parametrize(
    ("title", "hardware", "training"),
    [
        pytest.param("M-7B", RUNS_ON, False, id="hardware to run it"),
        pytest.param("Trainer-7B", RUNS_ON, False, id="a model name with a training word"),
        pytest.param(
            "M-7B",
            "The model requires a recent GPU to run, see https://lab.example/training-cluster for the details of the cards we tested it on and the kernels. ",
            False,
            id="a training word in an address",
        ),
        pytest.param("M-7B", TRAINED_ON, True, id="training hardware"),
    ],
)
def test_both_readers_agree_on_hardware_to_run_the_model(
    title: str, hardware: str, training: bool
) -> None:
    body = f"## Architecture\n\n{TEXT * 3}\n\n## Hardware\n\n{hardware}\n\n## Evaluation\n\n{TEXT * 3}\n"
    found = eosai(card(body).replace("# M-7B", f"# {title}"))
    assert ("covers architecture, training" in found["modelcard"]["reason"]) is training
    level = found["hardware_architecture"]["level"]
    assert (level == "open") is training, found["hardware_architecture"]["reason"]


# name, card body, files, level, a phrase of the reason
TRAINING_TITLES: list[tuple[str, str, tuple[str, ...], str, str]] = [
    ("German compound: hardware in 'Trainingsverfahren'",
     "## Trainingsverfahren\n\nDas Modell lief auf 1 NVIDIA V100 GPU für zwei Tage.\n", ("config.json",),
     "open", "in 'Trainingsverfahren'"),
    ("Chinese: a hardware section (硬件)",
     ARCH + "## 硬件\n\n集群由八个节点组成，每个节点配有八块加速卡，节点之间通过高速网络互联，整个过程持续了大约三个星期。\n", (),
     "open", "'硬件'"),
    ("Japanese: a hardware section (ハードウェア)",
     ARCH + "## ハードウェア\n\n八つのノードにそれぞれ八枚のアクセラレータを載せたクラスタを高速なネットワークでつなぎ、三週間かけました。\n", (),
     "open", "'ハードウェア'"),
    # negative twin: "Training" does not match the English word it ends ("constraining")
    ("an English word ending in -training is no training section",
     "## Constraining outputs\n\nThe demo used 8 A100 GPUs for the constrained decoding examples.\n", ("config.json",),
     "closed", "(hardware) is undocumented"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "paths", "level", "said"), [pytest.param(*c[1:], id=c[0]) for c in TRAINING_TITLES]
)
def test_training_hardware_is_read_under_titles_in_the_cards_language(
    body: str, paths: tuple[str, ...], level: str, said: str
) -> None:
    found = eosai(card(body), *paths)["hardware_architecture"]
    assert found["level"] == level, found["reason"]
    assert said in found["reason"]


# --- code: how the run is documented, under the titles a research release gives it -------

PIPELINE = (
    "Training code (Apache-2.0): https://github.com/org/m-train\n\n"
    "Data-processing code (Apache-2.0): https://github.com/org/m-datatools\n\n" + TEXT * 3 + "\n\n"
)
# name, card body, code level, a phrase of the reason
RUN_TITLES: list[tuple[str, str, str, str]] = [
    ("a training recipe", f"## Training Recipe\n\n{PIPELINE}", "open", "in 'Training Recipe'"),
    ("a recipe", f"## Recipe\n\n{PIPELINE}", "open", "in 'Recipe'"),
    ("reproduction", f"## Reproduction\n\n{PIPELINE}", "open", "in 'Reproduction'"),
    ("reproducibility", f"## Reproducibility\n\n{PIPELINE}", "open", "in 'Reproducibility'"),
    ("reproducing the model", f"## Reproducing the model\n\n{PIPELINE}", "open",
     "in 'Reproducing the model'"),
    ("how we trained it", f"## How we trained it\n\n{PIPELINE}", "open", "in 'How we trained it'"),
    ("Chinese: training reproduction", f"## 训练复现\n\n{PIPELINE}", "open", "in '训练复现'"),
    # negative twins: reproducing the evaluation; a title on neither
    ("reproducing the evaluation", f"## Reproducing the evaluation\n\n{PIPELINE}", "partial",
     "its documentation is not shown"),
    ("a section on something else", f"## Notes\n\n{PIPELINE}", "partial",
     "its documentation is not shown"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "level", "said"), [pytest.param(*c[1:], id=c[0]) for c in RUN_TITLES]
)
def test_the_training_run_is_documented_under_a_recipe_or_reproduction_title(
    body: str, level: str, said: str
) -> None:
    found = eosai(card(body))["code"]
    assert found["level"] == level, found["reason"]
    assert said in found["reason"]


# name, card body, trainingcode level, a phrase of the reason
CODE_LINKS: list[tuple[str, str, str, str]] = [
    ("a joint label names both components",
     "## Training\n\nTraining and data-processing code: [org/m-train](https://github.com/org/m-train), released under the Apache-2.0 license.\n",
     "open", "preprocessing code linked: github.com/org/m-train"),
    ("the licence in brackets after the link",
     "## Training\n\nTraining code: [org/m-train](https://github.com/org/m-train) (Apache-2.0)\n\nData-processing code: [org/m-datatools](https://github.com/org/m-datatools) (Apache-2.0)\n",
     "open", "the card says its code is under 'apache-2.0'"),
    # negative twins: a label on training alone; code reproducing the evaluation
    ("a label on training alone",
     "## Training\n\nTraining code: [org/m-train](https://github.com/org/m-train), released under the Apache-2.0 license.\n",
     "partial", "no data-processing code is published with it"),
    ("code reproducing the evaluation is no training code",
     "## Reproducing evaluation results\n\nRun the harness in [org/m-bench](https://github.com/org/m-bench) to get the scores below.\n",
     "closed", "no training code"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "level", "said"), [pytest.param(*c[1:], id=c[0]) for c in CODE_LINKS]
)
def test_training_code_components_and_licence_beside_the_link(
    body: str, level: str, said: str
) -> None:
    found = eosai(card(body))["trainingcode"]
    assert found["level"] == level, found["reason"]
    assert said in found["reason"]


def test_a_hardware_section_is_read_for_running_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import openaudit.training_sections as sections

    calls: list[int] = []
    real = sections.runs_the_model

    def counted(sentences: list[str]) -> bool:
        calls.append(len(sentences))
        return real(sentences)

    monkeypatch.setattr(sections, "runs_the_model", counted)
    tested = "The model was tested on 8 A100 GPUs and on 2 H100 GPUs with the default attention kernels and found to work. "
    body = (
        f"## Architecture\n\n{TEXT * 3}\n\n## Hardware\n\n{tested}\n\n## Evaluation\n\n{TEXT * 3}\n"
    )
    found = eosai(card(body))
    assert found["hardware_architecture"]["level"] == "closed"
    assert len(calls) == 1  # EOSAI's hardware reader, its note and the card's topics share it
