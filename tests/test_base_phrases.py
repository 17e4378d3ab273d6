"""Table-driven tests of the phrases by which a card without `base_model` names its base.

Each phrase has a negative twin: the same Hub model linked in a sentence that gives it
another role (a comparison, a baseline, a tokenizer, an idea built upon), which names
no base.
"""

from __future__ import annotations

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Outcome

HEAD = "---\nlicense: apache-2.0\n---\n# M\n"
URL = "https://huggingface.co/org/base"
X = f"[Base-7B]({URL})"


def ask(name: str, readme: str, repo_id: str | None = "org/m") -> Outcome:
    spec = get_evaluator(name)
    assert spec is not None
    evidence = Evidence(
        ref=repo_id or "./m", repo_id=repo_id, source="hub", readme=HEAD + readme,
        files=(RepoFile("model.safetensors"),),
    )  # fmt: skip
    return run(spec, ProbeContext(evidence), {})


# (case, card text naming org/base as the base, its twin naming no base)
DERIVATIONS: list[tuple[str, str, str]] = [
    ("built by continual pre-training from [X]",
     f"M was built by continual pre-training from {X} on Japanese text.\n",
     f"M was pretrained on Japanese text; we compare with {X}.\n"),
    ("[X] continually pre-trained on",
     f"M is {X} continually pre-trained on 100B tokens of Japanese text.\n",
     f"Unlike {X} continually pre-trained on English, M saw Japanese text.\n"),
    ("initialized with the weights of [X]",
     f"M was initialized with the weights of {X} and trained on Japanese text.\n",
     f"M was initialized randomly and trained on Japanese text, unlike {X}.\n"),
    ("the language model is initialized from [X]",
     f"## Architecture\nThe language model is initialized from {X}; the projector is new.\n",
     f"## Architecture\nThe tokenizer is initialized from {X}; the weights are new.\n"),
    ("built upon [X]",
     f"M is built upon {X}, with an extended vocabulary.\n",
     f"M is built upon the ideas of {X}, trained from random weights.\n"),
    ("Starting from [X], we continued pretraining",
     f"Starting from {X}, we continued pretraining on 100B tokens.\n",
     f"Starting from 100B tokens of web text, we pretrained M and compare it with {X}.\n"),
    ("we further pretrain [X]",
     f"We further pretrain {X} on 100B tokens of Japanese text.\n",
     f"We further pretrain our own 7B model; {X} serves as a reference point.\n"),
    ("an adaptation of [X]",
     f"M is an adaptation of {X} to Japanese.\n",
     f"M uses an adaptation of the method of {X} to Japanese.\n"),
    ("extends [X]",
     f"M extends {X} with Japanese capabilities through continued pretraining.\n",
     f"M extends the context window to 32k tokens, as {X} does.\n"),
    ("a derivative of [X]",
     f"M is a derivative of {X}.\n",
     f"Derivatives of this model, such as {X}, are welcome.\n"),
    ("a Japanese version of [X]",
     f"M is a Japanese version of {X}.\n",
     f"M is trained from random weights. A newer version of {X} is available.\n"),
    ("uses [X] as its base",
     f"M uses {X} as its base and adds a Japanese tokenizer.\n",
     f"M uses {X} as the baseline in every table.\n"),
    ("Korean '[X]를 기반으로'",
     f"M은 {X}를 기반으로 전체 파라미터 미세 조정을 수행했습니다.\n",
     f"M은 {X}와 비교했을 때 더 높은 점수를 얻었습니다.\n"),
    ("Spanish 'Partimos de [X]'",
     f"El modelo se entrenó con textos en español. Partimos de {X}.\n",
     f"El modelo se entrenó con textos en español. Comparamos con {X}.\n"),
    ("Chinese '基于[X]'",
     f"M是基于{X}微调的中文对话模型。\n",
     f"M是从零训练的中文对话模型。与{X}相比效果更好。\n"),
    ("Chinese '基于[X]的架构' names an architecture, not a base",
     f"M是基于{X}训练的。\n",
     f"M采用基于{X}的架构。从零训练。\n"),
    # probe16 class 4: a sentence about the card, or a card as the object, names no base
    ("this model card is based on the [X model card]",
     f"This model is based on {X}.\n",
     f"This model card is based on the [Base-7B model card]({URL}).\n"),
    ("this card is based on the [X](...) model card",
     f"M was adapted from {X} for Japanese.\n",
     f"This card is based on the {X} model card; we thank its authors.\n"),
    ("model card written by ... and is based on [X]",
     f"M is derived from {X}.\n",
     f"*This model card was written by: A. Author and is based on {X}.*\n"),
    ("this model card was adapted from [X's README]",
     f"This model was adapted from {X}.\n",
     f"This model card was adapted from [Base-7B's README]({URL}).\n"),
    # review16b #2: a sentence that opens on the card but whose derivation phrase has the
    # model as its subject names the base; the card as the phrase's own subject does not
    ("this model card describes M, a model fine-tuned from [X]",
     f"This model card describes Acme-7B, a model fine-tuned from {X} on Japanese text.\n",
     f"This model card is based on {X}.\n"),
    ("the model card of M, a model built upon [X]",
     f"The model card of Acme-7B, a model built upon {X}.\n",
     f"The model card is built upon {X}.\n"),
    ("our model card: M was fine-tuned from [X]",
     f"Our model card: Acme-7B was fine-tuned from {X} on Japanese chat data.\n",
     f"Our model card was adapted from {X}.\n"),
    ("this README documents a model fine-tuned from [X]",
     f"This README documents a model fine-tuned from {X}.\n",
     f"This README is derived from {X}.\n"),
    ("the documentation explains how this model is based on [X]",
     f"The documentation below explains how this model is based on {X}.\n",
     f"The documentation is based on {X}.\n"),
    ("based on [X] template: only a card template is no base",
     f"This model is based on {X} template.\n",
     f"This model card is based on the {X} model card template.\n"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("named", "twin"), [c[1:] for c in DERIVATIONS], ids=[c[0] for c in DERIVATIONS]
)
def test_a_derivation_phrase_names_the_base_and_its_twin_does_not(named: str, twin: str) -> None:
    found = ask("base_license_compatible", named)
    assert found.answer == "unknown", found.reason
    assert "the card builds on org/base, whose licence was not looked up" in found.reason
    assert found.citations
    other = ask("base_license_compatible", twin)
    assert (other.answer, other.reason) == ("yes", "no base model is declared")


# (case, card text naming a conversion of org/base, reason, its twin whose weights are
# original): a conversion's base makes the weights a copy; a fine-tune's base does not.
CONVERSIONS: list[tuple[str, str, str, str]] = [
    ("converted to MLX format from [X]",
     "The model [me/m-4bit](https://huggingface.co/me/m-4bit) was converted to MLX format "
     f"from {X} using mlx-lm.\n",
     "a conversion of org/base: the card says 'converted to MLX format from",
     "The model [me/m-4bit](https://huggingface.co/me/m-4bit) was converted to MLX format "
     "from a local checkpoint.\n"),
    ("[X] converted to GGUF",
     f"This repo holds {X} converted to GGUF with llama.cpp.\n",
     "a conversion of org/base: the card says 'converted to GGUF'",
     f"M is trained from random weights; we compare with {X} converted to GGUF.\n"),
    ("the Transformers.js line: URL with ONNX weights",
     f"{URL} with ONNX weights to be compatible with Transformers.js.\n",
     "a conversion of org/base: the card says 'with ONNX weights'",
     f"We export M with ONNX weights for the browser. Compare {X}.\n"),
    ("[X] quantized with GPTQ, twin: a continued pretraining's weights are new",
     f"M is {X} quantized with GPTQ to 4 bits.\n",
     "a conversion of org/base: the card says 'quantized with GPTQ'",
     f"M is {X} continually pre-trained on 100B tokens of Japanese text.\n"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("readme", "reason", "twin"), [c[1:] for c in CONVERSIONS], ids=[c[0] for c in CONVERSIONS]
)
def test_a_conversion_named_in_the_card_is_no_original_weights(
    readme: str, reason: str, twin: str
) -> None:
    # a local folder: its own repo id is unknown, so its own link is just a link
    found = ask("weights_not_conversion", readme, repo_id=None)
    assert found.answer == "no", found.reason
    assert found.reason.startswith(reason), found.reason
    assert found.inferred
    assert any(c.where == "README.md" and c.value for c in found.citations)
    other = ask("weights_not_conversion", twin, repo_id=None)
    assert (other.answer, other.reason) == ("yes", "no base model is declared")
