"""Another model's card pasted below a release's own ("# Original model card: X",
"# Base Model" over X's sections): where it lies in the card, and that the readers of a
fine-tune's own data, training setup and card leave it out, while a quantisation's (the
same model) and an original release's keep it. The cards are invented for these tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.card import parse_card
from openaudit.evidence import Evidence, LinkedRepo, RepoFile
from openaudit.rubric import evaluate, load_rubric

BASE_CARD = """## Model Details

A dense decoder-only transformer with grouped-query attention, 32 layers and a hidden
size of 4096, trained with a next-token objective.

## Hardware and Software

Pretraining used 1.3M GPU hours on H100-80GB GPUs in our production cluster.

## Training Data

The model was pretrained on 15 trillion tokens of publicly available web text, code and
books (Common Crawl, The Pile and Wikipedia), filtered for quality and deduplicated, with
a knowledge cutoff of March 2023 and data from more than thirty languages, mixed by
domain and sampled by quality score.

## Intended Use

The model is meant for commercial and research use in English and other languages, for
assistant-like chat and natural language generation tasks, within the acceptable use
policy and the licence. Developers may fine-tune it for languages beyond those covered,
provided they comply with the licence and use it responsibly and safely.

## Benchmarks

| Benchmark | Score |
|---|---|
| MMLU | 66.6 |
"""

OWN = """# Acme-8B-Long

Acme-8B-Long extends the context window of its base model to one million tokens.

## Contact

Write to the Acme team.
"""

# name, card body, titles of the appended card's sections
CARDS: list[tuple[str, str, list[str]]] = [
    ("bare 'Base Model' heading over the base's sections",
     OWN + "\n# Base Model\n\n" + BASE_CARD,
     ["Base Model", "Model Details", "Hardware and Software", "Training Data", "Intended Use",
      "Benchmarks"]),
    ("'Original model card: X' then the original's own title heading",
     "# Acme 8B - GGUF\n\n## About\n\nFiles.\n\n# Original model card: Base Co's Base 8B\n\n"
     "# Base 8B\n\n" + BASE_CARD,
     ["Original model card: Base Co's Base 8B", "Base 8B", "Model Details",
      "Hardware and Software", "Training Data", "Intended Use", "Benchmarks"]),
    ("marks end the appended card before the release's own section",
     "# Acme\n\n## About\n\nOurs.\n\n<!-- original-model-card start -->\n"
     "## Original Model Card\n\n### Training Data\n\nTheirs.\n"
     "<!-- original-model-card end -->\n\n## Our evaluation\n\nOurs too.\n",
     ["Original Model Card", "Training Data"]),
    ("'Base model card' heading at level 2",
     OWN + "\n## Base model card\n\n" + BASE_CARD.replace("## ", "### "),
     ["Base model card", "Model Details", "Hardware and Software", "Training Data",
      "Intended Use", "Benchmarks"]),
    # negative twins: one-line pointers, the card's own "Model card" heading, no base part
    ("'Base model' heading with a one-line pointer",
     OWN + "\n## Base model\n\nFine-tuned from [Base 8B](https://huggingface.co/baseco/base-8b)."
     "\n\n## Training Data\n\nOur own long-context mix of books.\n",
     []),
    ("'Original model card' heading pointing to it",
     OWN + "\n## Original model card\n\nSee [the card](https://huggingface.co/baseco/base-8b)."
     "\n\n## Training Data\n\nOur own mix.\n",
     []),
    ("the card's own 'Model card' heading", "# Model card\n\n## Training Data\n\nOurs.\n", []),
    ("no appended card", OWN + "\n## Training Data\n\nOurs.\n", []),
]  # fmt: skip


@pytest.mark.parametrize(("body", "titles"), [pytest.param(*c[1:], id=c[0]) for c in CARDS])
def test_the_appended_card_runs_from_its_heading(body: str, titles: list[str]) -> None:
    """A heading naming an original or base model's card opens another model's card, to
    the end of the card or its end mark; a bare "Base model" heading holds one only when
    sections lie under it; a pointer holds none."""
    card = parse_card(body)
    assert [section.title for section in card.appended_card] == titles
    own = card.without(card.appended_card)
    assert [s.title for s in own.sections] == [
        s.title for s in card.sections if s not in card.appended_card
    ]
    assert ("15 trillion tokens" in own.body) == ("15 trillion tokens" in body and not titles)
    assert len(own.body) == len(card.body)  # positions kept


# Card lines of the shapes the reader looks at: headings naming base or original
# cards, pointers, marks, prose, and line breaks of every kind.
_LINES = st.lists(
    st.sampled_from(
        [
            "# Acme",
            "## Base model",
            "# Original model card: X",
            "### Training Data",
            "## Base Model Card",
            "## Model card",
            "See [X](https://huggingface.co/x/y).",
            "<!-- original-model-card start -->",
            "<!-- original-model-card end -->",
            "Some words about data.",
            "",
            "<!--",
            "-->",
            "```",
            "# Base Model",
        ]
    ),
    max_size=30,
)
_BREAKS = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=300, deadline=None)
@given(_LINES, _BREAKS)
def test_taking_out_the_appended_card_keeps_the_rest_in_place(
    lines: list[str], newline: str
) -> None:
    """Whatever the card, the appended card is a run of its sections, and the card
    without it keeps every other section, the body's length and its line breaks."""
    card = parse_card(newline.join(lines))
    appended = card.appended_card
    assert all(any(s is t for t in card.sections) for s in appended)
    own = card.without(appended)
    assert len(own.sections) == len(card.sections) - len(appended)
    assert len(own.body) == len(card.body)
    assert [i for i, c in enumerate(own.body) if c in "\r\n"] == [
        i for i, c in enumerate(card.body) if c in "\r\n"
    ]
    for section in own.sections:  # (a section's text has its lines joined by "\n")
        assert all(line in own.body for line in section.text.splitlines())


BASE = "example/base-8b-instruct"


def release(
    body: str, *, files: tuple[str, ...] = ("model.safetensors", "config.json"), base: bool = True
) -> Evidence:
    """A release of `body` under metadata declaring `BASE` (unless `base` is False)."""
    front = "---\nlicense: apache-2.0\n" + (f"base_model: {BASE}\n" if base else "") + "---\n"
    card = {"license": "apache-2.0"}
    bases = (LinkedRepo(BASE, "model", "ok", card_data=card, relation="finetune"),) if base else ()
    return Evidence(
        ref="acme/acme-8b-long",
        source="hub",
        repo_id="acme/acme-8b-long",
        url="https://huggingface.co/acme/acme-8b-long",
        readme=front + body,
        files=tuple(RepoFile(path) for path in files),
        base_models=bases,
    )


APPENDED = OWN + "\n# Base Model\n\n" + BASE_CARD
POINTER = (
    OWN + "\n## Base model\n\nFine-tuned from [Base 8B](https://huggingface.co/baseco/base-8b).\n"
)


def eosai(evidence: Evidence) -> dict[str, dict[str, Any]]:
    result = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    return {d["id"]: d for d in result["dimensions"]}


def mof_components(evidence: Evidence) -> dict[str, dict[str, Any]]:
    result = evaluate(load_rubric("mof"), evidence).extras["mof"]
    return {c["name"]: c for c in result["components"]}


def default_answers(evidence: Evidence) -> dict[str, str]:
    verdict = evaluate(load_rubric("openaudit"), evidence)
    return {f.probe: f.answer for layer in verdict.layers for f in layer.findings}


# name, release, EOSAI levels of its own-card dimensions, MOF data card status
RELEASES: list[tuple[str, Evidence, dict[str, str], str]] = [
    ("fine-tune with its base's card appended", release(APPENDED),
     {"datasources_endmodel": "closed", "hardware_architecture": "closed",
      "modelcard": "closed", "datasheet": "closed"}, "missing"),
    # negative twins: the same card on a quantisation (the same model, so the base's card
    # documents it) and on a release with no base (a "Base Model" part is its own)
    ("quantisation with its source's card appended",
     release(APPENDED, files=("acme-8b-long.Q4_K_M.gguf",)),
     {"datasources_endmodel": "partial", "hardware_architecture": "open", "modelcard": "partial",
      "datasheet": "partial"}, "included"),
    ("original release with a 'Base Model' part", release(APPENDED, base=False),
     {"datasources_endmodel": "partial", "hardware_architecture": "open", "modelcard": "partial",
      "datasheet": "partial"}, "included"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "levels", "data_card"), [pytest.param(*c[1:], id=c[0]) for c in RELEASES]
)
def test_a_fine_tune_is_not_documented_by_its_bases_appended_card(
    evidence: Evidence, levels: dict[str, str], data_card: str
) -> None:
    """EOSAI's end-model dimensions and MOF's data card read the fine-tune's own card:
    the base's pretraining data, hardware and benchmarks pasted below it are the base's
    (EOSAI's base-model dimensions read the base's card itself), and the reasons say
    what was left out. A copy and an original release read all of their card."""
    dims = eosai(evidence)
    assert {d: dims[d]["level"] for d in levels} == levels
    appended = "another model's card" in dims["datasources_endmodel"]["reason"]
    assert appended == (levels["datasources_endmodel"] == "closed")
    assert mof_components(evidence)["Data card"]["status"] == data_card


def test_the_default_data_and_documentation_layers_read_the_fine_tunes_own_card() -> None:
    """The default rubric's data probes read the fine-tune's own sections, not its base's
    (which name Common Crawl); the quantisation twin still reads them."""
    tuned = default_answers(release(APPENDED))
    copied = default_answers(release(APPENDED, files=("acme-8b-long.Q4_K_M.gguf",)))
    assert tuned["data.described"] == "no"
    assert copied["data.described"] == "yes"


def test_a_pointer_to_the_base_hides_nothing() -> None:
    """A one-line "Base model" section is the fine-tune's own text: its card is read whole
    and no reason speaks of an appended card."""
    dims = eosai(release(POINTER))
    assert all("another model's card" not in d["reason"] for d in dims.values())


WITH_PAPER = APPENDED.replace(
    "## Hardware and Software",
    "See the [technical report](https://arxiv.org/abs/2407.01234).\n\n## Hardware and Software",
)
TAGS = ("arxiv:2407.01234",)  # the Hub tags every arXiv id a README names

# name, release, EOSAI preprint level
PAPERS: list[tuple[str, Evidence, str]] = [
    ("fine-tune: the base's report in its appended card",
     replace(release(WITH_PAPER), tags=TAGS), "closed"),
    # negative twin: on a quantisation the same report is the model's own
    ("quantisation: its source's report",
     replace(release(WITH_PAPER, files=("acme-8b-long.Q4_K_M.gguf",)), tags=TAGS), "open"),
]  # fmt: skip


@pytest.mark.parametrize(("evidence", "level"), [pytest.param(*c[1:], id=c[0]) for c in PAPERS])
def test_the_papers_of_an_appended_card_are_the_other_models(
    evidence: Evidence, level: str
) -> None:
    """A paper linked in (and tagged from) a fine-tune's appended base card is the base's,
    not the fine-tune's own preprint; a quantisation's source's paper is its own."""
    assert eosai(evidence)["preprint"]["level"] == level


WITH_CODE = APPENDED.replace(
    "## Hardware and Software",
    "## Training code\n\nThe pretraining code is at [base-train](https://github.com/baseco/base-train)"
    ".\n\n## Hardware and Software",
)

# name, release, MOF training code status, EOSAI trainingcode level
CODE: list[tuple[str, Evidence, str, str]] = [
    ("fine-tune: the base's training code in its appended card", release(WITH_CODE),
     "missing", "closed"),
    # negative twin: a quantisation's source's code is the code of the model it copies
    ("quantisation: its source's training code",
     release(WITH_CODE, files=("acme-8b-long.Q4_K_M.gguf",)), "included", "partial"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "status", "level"), [pytest.param(*c[1:], id=c[0]) for c in CODE]
)
def test_the_code_of_an_appended_card_is_the_other_models(
    evidence: Evidence, status: str, level: str
) -> None:
    """Code linked in a fine-tune's appended base card trained the base, not the
    fine-tune; on a quantisation it is the code of the model copied."""
    assert mof_components(evidence)["Training code"]["status"] == status
    assert eosai(evidence)["trainingcode"]["level"] == level
