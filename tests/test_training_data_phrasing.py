"""Table-driven tests of how the training data is read whatever the phrasing (probe11):
training software is no data, the description sentence names data, Hub ids written as
text are looked up, and a resource list after a "trained on" sentence is no data list."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fakehub import FakeHub
from typer.testing import CliRunner

from openaudit.card import parse_card
from openaudit.cli.app import app
from openaudit.data_links import linked_training_ids, training_data_links
from openaudit.evidence import Evidence, LinkedRepo
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.source_names import TRAINING_SOFTWARE, source_names
from openaudit.rubric.registry import get_evaluator, run
from openaudit.sources.hub import fetch_hub_evidence
from openaudit.verdict import Answer

HEAD = "---\nlicense: mit\n---\n# M\n"


def ev(readme: str, *linked: LinkedRepo, **fields: Any) -> Evidence:
    fields.setdefault("source", "hub")
    return Evidence(ref="org/m", readme=readme, **fields)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.reason


# --- probe11 class 1: what the model was trained with is no training data ---------------

PROCEDURE = "## Training Procedure\n"
WITH_TOOLS: list[tuple[str, str, Answer, str]] = [
    ("a framework after 'trained with'", "The model was trained with Megatron-LM for 21 days.",
     "no", "names no"),
    ("a kernel and a sharding scheme 'used'", "We used FlashAttention-2 and FSDP to train it.",
     "no", "names no"),
    ("a fine-tuning framework and method", "It was fine-tuned with LLaMA-Factory using LoRA.",
     "no", "names no"),
    ("an alignment toolkit", "The model was trained with NeMo-Aligner and TRL on our cluster.",
     "no", "names no"),
    ("attention, position scheme, optimiser",
     "Training used a context of 4096 with RoPE and GQA; we trained with the Lion optimizer.",
     "no", "names no"),
    ("a fork of a framework beside the hardware",
     "Training used 2048 H100 GPUs over 21 days, with a custom fork of Megatron-LM.",
     "no", "names no"),
    ("tools on no list, after 'trained with'", "We trained with Xyzzy-Kit2 and BlorpLab.",
     "no", "names no"),
    ("a tool in a sentence about the token count",
     "We trained with Megatron-LM on 2T tokens of web text.", "no", "names no"),
    # negative twins: data named after the same words, where the sentence says it is data
    ("a dataset after 'fine-tuned with'", "We fine-tuned with the OpenOrca dataset.", "yes",
     "names OpenOrca as training data"),
    ("sets 'used', with their sample count",
     "Instruction tuning used LLaVA-Instruct-150K and ShareGPT4V, 2M samples in all.", "yes",
     "names LLaVA-Instruct-150K, ShareGPT4V as"),
    ("a set trained on, beside a tool",
     "We trained with Megatron-LM on MetaMathQA for 3 epochs.", "yes", "names MetaMathQA as"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "answer", "reason"), [c[1:] for c in WITH_TOOLS], ids=[c[0] for c in WITH_TOOLS]
)
def test_training_software_is_no_training_data(text: str, answer: Answer, reason: str) -> None:
    got, why = ask("data_sources_named", ev(HEAD + PROCEDURE + text + "\n"))
    assert (got, reason in why) == (answer, True), why


def test_a_training_data_section_names_what_it_used() -> None:
    """In a section titled as training data, what the card used is its data."""
    body = HEAD + "## Training Data\nWe used OpenOrca and SlimOrca.\n"
    assert "names OpenOrca, SlimOrca as" in ask("data_sources_named", ev(body))[1]
    tool = HEAD + "## Training Data\nWe used web text, processed with Megatron-LM.\n"
    assert ask("data_sources_named", ev(tool))[0] == "no"


def test_a_hardware_title_inside_a_training_data_section_names_no_data() -> None:
    """Part B: "Hardware and Software" (a bold title or a summary line that joins the data
    section's text) names categories, not datasets."""
    hardware = "Training used 2048 H100 GPUs over 21 days, with a custom fork of Megatron-LM."
    for title in ("**Hardware and Software**", "<summary>Hardware and Software</summary>"):
        body = (
            f"## Training Data\nPretrained on 8T tokens of public data.\n\n{title}\n\n{hardware}\n"
        )
        got, why = ask("data_sources_named", ev(HEAD + body))
        assert got == "no", why


@pytest.mark.parametrize("tool", sorted(TRAINING_SOFTWARE))
def test_every_training_software_name_is_no_data(tool: str) -> None:
    """Each entry of the table, capitalised, is no name of data even in a training-data
    section's list; a made-up name beside it is."""
    written = tool.title()
    sentence = f"Data: Qux-Set2 and {written}, 2M samples."
    assert source_names(sentence, listed=True) == ["Qux-Set2"], written


# --- probe11 class 2: the description sentence names the training data -------------------

INTRO = "---\nlicense: mit\n---\n# ASR-Base\n\n{}\n\n## Training\n\nTrained on 8 GPUs for 3 days.\n"
DESCRIBED: list[tuple[str, str, Answer, str]] = [
    ("a subject qualified in brackets",
     "An English speech model (CTC, 95M parameters) trained on the LibriSpeech corpus.",
     "yes", "section 'ASR-Base' names LibriSpeech as training data (in the sentence 'An "
     "English speech model (CTC, 95M parameters) trained on the LibriSpeech corpus.')"),
    ("brackets and a comma before the verb",
     "An English speech model (CTC, 95M parameters), fine-tuned on LibriSpeech 960h.",
     "yes", "names LibriSpeech as training data"),
    ("the Trainer's sentence with a canonical name",
     "This model is a fine-tuned version of org/asr-pretrained on the librispeech_asr dataset.",
     "yes", "names librispeech_asr as training data"),
    ("the Trainer's sentence with a linked base",
     "This model is a fine-tuned version of [Base 1](https://huggingface.co/org/b) on the "
     "common_voice_11 dataset.", "yes", "names common_voice_11 as training data"),
    ("a link off the Hub in the intro",
     "A speech model (CTC) fine-tuned on 960 hours of [LibriSpeech](https://example.org/12).",
     "yes", "names LibriSpeech as training data"),
    # negative twins: the Trainer's unknown data, advice, other models
    ("the Trainer's 'None' dataset",
     "This model is a fine-tuned version of org/asr-pretrained on the None dataset.", "no",
     "names no"),
    ("the Trainer's unknown dataset",
     "This model is a fine-tuned version of org/asr-pretrained on an unknown dataset.", "no",
     "names no"),
    ("advice to fine-tune it", "It can be fine-tuned on the librispeech_asr dataset.", "no",
     "names no"),
    ("other models (in brackets) trained on a corpus",
     "Unlike earlier models (CTC, 95M) trained on LibriSpeech, it is small.", "no", "names no"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "answer", "reason"), [c[1:] for c in DESCRIBED], ids=[c[0] for c in DESCRIBED]
)
def test_the_description_sentence_names_training_data(
    text: str, answer: Answer, reason: str
) -> None:
    got, why = ask("data_sources_named", ev(INTRO.format(text)))
    assert (got, reason in why) == (answer, True), why


def test_a_model_description_section_names_training_data() -> None:
    body = "## Model description\n\nA speech model (CTC, 95M) trained on the LibriSpeech corpus."
    got, why = ask("data_sources_named", ev(HEAD + body + "\n"))
    assert (got, "section 'Model description' names LibriSpeech" in why) == ("yes", True), why


# --- probe11 class 11 (and class 2's Trainer id): Hub ids written as text are looked up --

WRITTEN: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("a code span in a training-data section",
     "## Training Data\nPretrained on 2T tokens of `org/corpus-2t` (on the Hugging Face Hub).\n",
     [("org/corpus-2t", "data section")]),
    ("a code span after 'tokens from' in a training-data section",
     "## Training Data\nPretrained on 1T tokens from `org/corpus-1t`.\n",
     [("org/corpus-1t", "data section")]),
    ("an id beside 'dataset' in a training-data section",
     "## Training Data\nThe org/corpus-2t dataset, deduplicated.\n",
     [("org/corpus-2t", "data section")]),
    ("the Trainer's sentence in the introduction",
     "This model is a fine-tuned version of org/base on the org/speech-960h dataset.\n",
     [("org/speech-960h", "trained on")]),
    ("a code span after 'trained on' in a summary",
     "## Model Summary\nIt was fine-tuned on `org/sft-mix` for 3 epochs.\n",
     [("org/sft-mix", "trained on")]),
    # negative twins: the base model's id, evaluation, advice, ids not given as data
    ("the base in the Trainer's sentence (no dataset)",
     "This model is a fine-tuned version of org/base on an unknown dataset.\n", []),
    ("a code span under Evaluation", "## Evaluation\nScores on `org/bench`.\n", []),
    ("an evaluation sentence in a data section",
     "## Training Data\nOur data. It was evaluated on `org/bench`.\n", []),
    ("advice to tune it on a dataset",
     "## Uses\nIt can be fine-tuned on the org/speech-960h dataset.\n", []),
    ("a model id in a code span in a training section",
     "## Training\nWe fine-tuned `org/base-7b` on our own data.\n", []),
    ("a model id in a code span in a training-data section",
     "## Training Data\nWe fine-tuned `org/base-7b` on `org/sft`.\n",
     [("org/sft", "data section")]),
    ("the declared base in a code span in a training-data section",
     "## Training Data\nThe data `org/declared-base` saw is unknown.\n", []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "expected"), [c[1:] for c in WRITTEN], ids=[c[0] for c in WRITTEN]
)
def test_hub_ids_written_as_text_are_training_data_links(
    body: str, expected: list[tuple[str, str]]
) -> None:
    card = parse_card("---\nbase_model: org/declared-base\n---\n# M\n" + body)
    found = training_data_links(card)
    assert [(item.name, item.given_as) for item in found] == expected
    assert all(item.written for item in found)
    assert linked_training_ids(card, []) == [n for n, _ in expected]


def test_platforms_are_no_data_names() -> None:
    """Where data is hosted (the Hugging Face Hub, Kaggle, Zenodo) names no dataset."""
    body = HEAD + "## Training Data\nWeb text we host on the Hugging Face Hub and on Kaggle.\n"
    got, why = ask("data_sources_named", ev(body))
    assert got == "no", why


def test_a_hub_id_written_as_code_is_looked_up_and_judged(hub: FakeHub) -> None:
    """The Hub source looks the id up as a linked dataset; the data layer judges it by its
    licence, and 'Hugging Face Hub' beside it is no data name."""
    evidence = fetch_hub_evidence("fullopen/named-id-7b")
    assert [(d.repo_id, d.status) for d in evidence.linked_datasets or ()] == [
        ("openlab/pile-lite", "ok")
    ]
    assert "/api/datasets/openlab/instruct-mix" not in hub.paths()  # under Evaluation
    result = CliRunner().invoke(app, ["fullopen/named-id-7b", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    [model] = json.loads(result.stdout)["models"]
    [data] = [layer for layer in model["layers"] if layer["id"] == "data"]
    findings = {f["probe"]: (f["answer"], f["reason"]) for f in data["findings"]}
    assert data["level"] == "open", findings
    assert "openlab/pile-lite (named by its id, not linked)" in findings["data.open_licenses"][1]
    assert "Hugging Face Hub" not in json.dumps(model)


# --- probe11 class 9: a resource list after a "trained on" sentence is the model's own ----

TRAINED_ON_INTRO = "# Coder-7B\n\nCoder-7B is a 7B code model trained on 3.5T tokens from {}.\n\n"
OWN_RESOURCES = (
    "- **Repository:** [codelab/coder](https://github.com/codelab/coder)\n"
    "- **Paper:** [Coder: open code models](https://arxiv.org/abs/2405.11111)\n"
)
RESOURCE_LISTS: list[tuple[str, str, Answer, str]] = [
    ("a Paper item after a trained-on sentence",
     TRAINED_ON_INTRO.format("The Stack v2") + OWN_RESOURCES, "yes", "2405.11111"),
    ("a plain 'Paper:' item after a sentence that has ended",
     TRAINED_ON_INTRO.format("The Stack v2") + "- Paper: [Open code models](https://arxiv.org/abs/2405.11111)\n",
     "yes", "2405.11111"),
    ("a named item after a sentence that has ended",
     TRAINED_ON_INTRO.format("The Stack v2") + "- [Open code models](https://arxiv.org/abs/2405.11111)\n",
     "yes", "2405.11111"),
    # negative twins: a list the sentence introduces as the training data
    ("a data list after 'trained on:'",
     "# M\n\nM was trained on:\n\n- [WebEdu](https://arxiv.org/abs/2406.00107)\n", "no",
     "references to other work (2406.00107"),
    ("a data list after 'the following datasets.'",
     "# M\n\nM was trained on the following datasets.\n\n"
     "- [WebEdu](https://arxiv.org/abs/2406.00107)\n", "no",
     "references to other work (2406.00107"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("readme", "answer", "reason"),
    [c[1:] for c in RESOURCE_LISTS],
    ids=[c[0] for c in RESOURCE_LISTS],
)
def test_a_resource_list_after_a_trained_on_sentence_is_the_models_own(
    readme: str, answer: Answer, reason: str
) -> None:
    evidence = Evidence(ref="codelab/coder-7b", repo_id="codelab/coder-7b", source="hub",
                        readme=readme)  # fmt: skip
    got, why = ask("paper_linked", evidence)
    assert (got, reason in why) == (answer, True), why
