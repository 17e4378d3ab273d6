"""Table-driven tests of the data-layer evaluators."""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo
from openaudit.rubric.context import ProbeContext
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
     "linked in the training-data section: org/corpus"),
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
     "no", "org/b was not found"),
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
