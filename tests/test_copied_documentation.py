"""A copy's data documentation is its source's when its own card lacks it.

A GGUF, AWQ or MLX copy is the model it copies (appended_cards): what documents the
source's training data (a data section of its card, as the Hub source read it, or the
cards of the datasets it declares) documents the copy's, whose data are its source's.
The default rubric's `data_documented`, MOF 14 (data card) and EOSAI's datasheet take it,
inferred and naming the source; a fine-tune of the same model keeps its own. The cards
and repos are invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import BaseCard, Evidence, LinkedRepo, RepoFile
from openaudit.frameworks.eosai import eosai_rating
from openaudit.rubric import ProbeContext, evaluate, load_rubric

DATA_SECTION = """# Chat-7B

An instruction-tuned chat model.

## Training Data

Chat-7B was tuned on 800k conversations: OpenAssistant's OASST1 threads, the Dolly 15k
instructions and a mix of public question-answer pairs from StackExchange, filtered for
quality, deduplicated and balanced by topic, with personal data removed by a classifier
and every conversation checked against the licence of the dataset it came from.
"""
NO_DATA_SECTION = """# Chat-7B

An instruction-tuned chat model.

## Limitations

It may answer wrongly; check what it says before relying on it in any decision.
"""
GGUF = (RepoFile("chat-7b.Q4_K_M.gguf"),)
SAFETENSORS = (RepoFile("model.safetensors"),)


def release(
    relation: str | None,
    files: tuple[RepoFile, ...],
    source_card: str | None,
    *,
    source_datasets: tuple[str, ...] = (),
    own_body: str = "# Copy\n\nWeights of lab/chat-7b.\n",
    ref: str = "quant/chat-7b-copy",
) -> Evidence:
    """A release of lab/chat-7b (a fine-tune of lab/base-7b) and what the source read of
    its source: that model's card text (None: not read) and the datasets it declares."""
    chat_data: dict[str, Any] = {"license": "apache-2.0", "base_model": "lab/base-7b"}
    if source_datasets:
        chat_data["datasets"] = list(source_datasets)
    chat = LinkedRepo("lab/chat-7b", "model", "ok", depth=1, card_data=chat_data, files=SAFETENSORS)
    base_data = {"license": "apache-2.0", "datasets": ["lab/pretrain-mix"]}
    base = LinkedRepo("lab/base-7b", "model", "ok", depth=2, card_data=base_data)
    looked = tuple(
        LinkedRepo(name, "dataset", "ok", card_data={"license": "cc-by-4.0"})
        for name in (*source_datasets, "lab/pretrain-mix")
    )
    front = "base_model: lab/chat-7b\n" + (f"base_model_relation: {relation}\n" if relation else "")
    cards = () if source_card is None else (BaseCard("lab/chat-7b", source_card),)
    return Evidence(
        ref=ref, repo_id=ref, source="hub",
        readme=f"---\nlicense: apache-2.0\n{front}---\n{own_body}",
        files=files, base_models=(chat, base), base_datasets=looked, base_cards=cards,
    )  # fmt: skip


def data_card(evidence: Evidence) -> dict[str, Any]:
    """MOF 14 of the release."""
    verdict = evaluate(load_rubric("mof"), evidence)
    assert verdict.framework is not None
    [component] = [c for c in verdict.framework["components"] if c["id"] == "14"]
    return component  # type: ignore[no-any-return]


def documented(evidence: Evidence) -> tuple[str, str, str]:
    """The default rubric's data_documented: answer, basis, reason."""
    verdict = evaluate(load_rubric("openaudit"), evidence)
    [finding] = [
        f for layer in verdict.layers for f in layer.findings if f.probe.endswith("data_documented")
    ]
    return finding.answer, finding.basis, finding.reason


CASES = [
    # a GGUF copy (relation quantized) of a model whose card documents its data
    (
        "gguf copy, source card documents its data",
        release("quantized", GGUF, DATA_SECTION),
        ("yes", "included", "partial"),
        "documented as the model it copies, lab/chat-7b",
    ),
    # an AWQ copy (no relation: quantiser files beside `base_model`), same source
    (
        "awq copy, source card documents its data",
        release(None, SAFETENSORS, DATA_SECTION, ref="quant/chat-7b-AWQ"),
        ("yes", "included", "partial"),
        "documented as the model it copies, lab/chat-7b",
    ),
    # the source declares datasets: their cards (looked up) document its data
    (
        "gguf copy, source declares its datasets",
        release("quantized", GGUF, None, source_datasets=("lab/sft-mix",)),
        ("yes", "included", "partial"),
        "documented as the model it copies, lab/chat-7b",
    ),
    # negative twins: the source's card says nothing of its data; a fine-tune's
    # documentation is its own, whatever its base's card says
    (
        "gguf copy, source card silent on data",
        release("quantized", GGUF, NO_DATA_SECTION),
        ("no", "missing", "closed"),
        "",
    ),
    (
        "fine-tune of a documented model",
        release("finetune", SAFETENSORS, DATA_SECTION),
        ("no", "missing", "closed"),
        "",
    ),
]


@pytest.mark.parametrize(
    ("evidence", "levels", "says"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_a_copy_takes_its_sources_data_documentation(
    evidence: Evidence, levels: tuple[str, str, str], says: str
) -> None:
    answer, basis, reason = documented(evidence)
    mof = data_card(evidence)
    sheet = eosai_rating(ProbeContext(evidence), "datasheet")
    assert (answer, mof["status"], sheet.level) == levels, (reason, mof["reason"], sheet.reason)
    if answer == "yes":
        assert (basis, mof["basis"], sheet.inferred) == ("inferred", "inferred", True)
        for text in (reason, mof["reason"], sheet.reason):
            assert says in text, text


def test_a_copys_own_data_section_is_its_own() -> None:
    own = "# Chat-7B GGUF\n\n" + DATA_SECTION.split("\n", 3)[3]
    answer, basis, reason = documented(release("quantized", GGUF, DATA_SECTION, own_body=own))
    assert (answer, basis) == ("yes", "stated"), reason
    assert "the model it copies" not in reason


def test_the_source_documentation_is_cited_in_the_sources_repo() -> None:
    sheet = eosai_rating(ProbeContext(release("quantized", GGUF, DATA_SECTION)), "datasheet")
    assert any(c.where.startswith("models:lab/chat-7b:README.md") for c in sheet.citations)


def mof_component(evidence: Evidence, component: str) -> dict[str, Any]:
    verdict = evaluate(load_rubric("mof"), evidence)
    assert verdict.framework is not None
    [found] = [c for c in verdict.framework["components"] if c["id"] == component]
    return found  # type: ignore[no-any-return]


# MOF 15 (datasets): a copy's datasets are those its source declares, as its data card is
# its source's (MOF 14); a fine-tune's are its own. (status, basis, a phrase of the reason)
DATASET_CASES = [
    ("gguf copy of a model declaring an open dataset",
     release("quantized", GGUF, None, source_datasets=("lab/sft-mix",)),
     ("included", "inferred", "a quantized version of lab/chat-7b")),
    ("awq copy of the same",
     release(None, SAFETENSORS, None, source_datasets=("lab/sft-mix",), ref="quant/chat-7b-AWQ"),
     ("included", "inferred", "lab/sft-mix")),
    # negative twins: a source declaring no datasets names none; a fine-tune's are its own
    ("gguf copy of a model declaring none", release("quantized", GGUF, None),
     ("missing", "stated", "names no training datasets")),
    ("fine-tune of a model declaring an open dataset",
     release("finetune", SAFETENSORS, None, source_datasets=("lab/sft-mix",)),
     ("missing", "stated", "names no training datasets")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "expected"), [pytest.param(*c[1:], id=c[0]) for c in DATASET_CASES]
)
def test_a_copys_datasets_are_its_sources(
    evidence: Evidence, expected: tuple[str, str, str]
) -> None:
    found = mof_component(evidence, "15")
    status, basis, says = expected
    assert (found["status"], found["basis"]) == (status, basis), found["reason"]
    assert says in found["reason"]


WITHHELD = """# Chat-7B

## Training Data

Tuned on lab/sft-mix and 200k in-house conversations, which we do not release.
"""
SHARED = WITHHELD.replace("which we do not release", "which are released with it")
PASTED = "# Copy\n\nGGUF of lab/chat-7b.\n\n# Original model card\n\n" + WITHHELD
# A copy's data are its source's: when the source's card (read by the Hub source) or the
# copy's own (a pasted source card) says part of them is withheld, they are not open in
# any rubric. (default data.open_licenses, MOF 15 licence open, EOSAI end-model data)
COPY_WITHHELD_CASES = [
    ("source card says data withheld",
     release("quantized", GGUF, WITHHELD, source_datasets=("lab/sft-mix",)),
     ("no", False, "partial"), "the card of lab/chat-7b, the model it copies"),
    ("copy pastes the source card saying so",
     release("quantized", GGUF, None, source_datasets=("lab/sft-mix",), own_body=PASTED),
     ("no", False, "partial"), "in-house conversations"),
    ("awq copy, source card says data withheld",
     release(None, SAFETENSORS, WITHHELD, source_datasets=("lab/sft-mix",), ref="q/c-AWQ"),
     ("no", False, "partial"), "the card of lab/chat-7b"),
    # negative twins: the source's card says its data is released, or says nothing
    ("source card says data released",
     release("quantized", GGUF, SHARED, source_datasets=("lab/sft-mix",)),
     ("yes", True, "open"), ""),
    ("source card not read",
     release("quantized", GGUF, None, source_datasets=("lab/sft-mix",)),
     ("yes", True, "open"), ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "expected", "says"), [pytest.param(*c[1:], id=c[0]) for c in COPY_WITHHELD_CASES]
)
def test_a_copy_of_withheld_data_is_not_open(
    evidence: Evidence, expected: tuple[str, bool, str], says: str
) -> None:
    verdict = evaluate(load_rubric("openaudit"), evidence)
    [finding] = [
        f for layer in verdict.layers for f in layer.findings if f.probe == "data.open_licenses"
    ]
    mof = mof_component(evidence, "15")
    end = eosai_rating(ProbeContext(evidence), "datasources_endmodel")
    found = (finding.answer, mof["license_open"], end.level)
    assert found == expected, (finding.reason, mof["reason"], end.reason)
    assert says in finding.reason and says in mof["reason"] and says in end.reason
