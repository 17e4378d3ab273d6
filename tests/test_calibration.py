"""Calibration: realistic model-card shapes against what a careful rater concludes.

Each folder under tests/fixtures/cards/ is a short, anonymised model release that
reproduces the structure and phrasing of a common kind of Hub card (section titles,
how data, code, papers, licences and gates are stated). The expected levels are what
an EOSAI / MOF rater would conclude from the SAME evidence: a local folder, so linked
datasets and base models are not looked up (they stay unknown by design), and a gate
can only be read from the card's gate form.

fully-open-lm (research LM: datasets, code, paper, data mix table under "Pretraining Corpus")
  weights open (apache-2.0 weights); code open (training/eval/data code linked, code
  licence stated); data partial (datasets named, their licences not looked up);
  documentation open (card, data section, results table, paper); usage open.
gated-community-llm (community licence + AUP + 700M-user cap, gate form, HTML tables)
  weights partial (gated, restricted licence); code partial (no OSI code licence);
  data partial (described in prose, no datasets named); documentation partial (card,
  data section, HTML benchmark table, but no paper); usage partial (AUP, user cap).
  EOSAI: end-model weights partial (gated), preprint closed, licences closed.
apache-chat-undisclosed (apache-2.0 instruct model, "publicly available datasets" only)
  weights open; code partial (inference code only); data closed (undisclosed);
  documentation partial (paper of the base, no data or results); usage open.
rail-code-model (OpenRAIL-M code model, gate form, model-index, Megatron fork under
  "# Training > ## Software")
  weights partial (RAIL, gated); code partial (training code linked, RAIL code
  licence unstated); data partial; documentation partial (no data section);
  usage partial (use restrictions). EOSAI: training code at least partial.
nc-research-model (CC-BY-NC speech model, venue paper, recipes linked)
  weights partial; code partial; data partial; documentation partial (card, data
  section, results and paper, but under non-commercial terms: MOF counts a document only
  when openly licensed); usage partial.
quant-reupload (GPTQ files, no `base_model`, original card pasted below)
  weights partial (a re-upload of the linked model, RAIL licence); code open (the
  original card's training-code link, and its "Code License: Apache 2.0" badge linking
  its code repository's LICENSE states the code's licence: a copy is the model it
  copies); data closed; documentation partial; usage partial. EOSAI licences partial
  (restricted weights, code under Apache-2.0).
restricted-base-finetune (Trainer card: empty model-index, loss log, apache-2.0 on a
  base that is not looked up)
  weights and usage unknown: its own tag is open, but the terms of a declared base
  that could not be looked up may restrict it, so "open" cannot be claimed; code
  partial; data partial (dataset named, not described); documentation closed (no
  evaluation: a loss log is not a benchmark; and without the Trainer's HTML comment,
  which is guidance to whoever edits the card, the generated card has 141 words:
  "little or none").
sentence-embedding (sentence-transformers card, dataset table citing dataset papers)
  weights open; code open (train_script.py in the repo); data partial; documentation
  partial (no model paper: the papers in the data table are the datasets'); usage
  unknown: the card says it fine-tuned a Hub model it does not declare as `base_model`,
  whose terms flow down and are not looked up. EOSAI preprint closed; EOSAI end-model
  data sources unknown (the datasets are named, but a local audit cannot look up
  whether they are available).

Second pass: HTML headings, papers on unknown hosts, hardware in definition lines.

html-multilingual-chat (<h1>/<h2 id=...>/<h3 align=...> headings, `license: other` with a
  tongyi-qianwen licence_name and LICENSE, GitHub quickstart link, no paper link)
  weights partial (restricted custom licence); code partial (inference code only);
  data partial (described in prose under <h2>Training Data</h2>, none named);
  documentation partial (data section and results table under HTML headings, but the
  technical report is only named in a BibTeX block, not linked); usage partial (100M MAU
  cap, no use of outputs to improve other LLMs). EOSAI: hardware_architecture partial
  (config.json gives the architecture; hardware undocumented), preprint closed,
  licences closed, model card partial (no architecture or training-procedure section).
mit-small-techreport (MIT small LM, "📄 Paper" on a short-link host, "**Architecture:**"
  and "**Training hardware:**" bullets, datasets described but not released)
  weights open; code partial (only framework libraries linked: no training code of its
  own); data partial (described, not named); documentation open (card, data section,
  benchmark table, paper); usage open. EOSAI: hardware_architecture at least partial
  (architecture and hardware bullets; whether complete needs a person: unknown); preprint
  partial (a report of its own on a short link: shown, not shown archived). Not asserted:
  EOSAI trainingcode, which a rater rates
  closed (PyTorch/DeepSpeed links are not the model's code) but the tool leaves unknown,
  as for rail-code-model's "Software" list.
rail-image-html (CreativeML OpenRAIL-M text-to-image diffusers repo, HTML headings,
  "- **Hardware:** 32 x 8 x A100 GPUs", evaluation only as a plot, dataset linked in
  the card body but not in `datasets:` metadata)
  weights partial (RAIL); code partial (diffusers inference; GitHub repo linked, not
  shown to hold training code); data partial (a Hub dataset is named and linked in the
  training-data section); documentation partial (results only as a plot, short data section);
  usage partial (RAIL use restrictions). EOSAI: licences closed, model card open,
  hardware_architecture at least partial (unknown).
apache-vlm-html-eval (apache-2.0 vision-language model, HTML headings inside a <div>,
  datasets in metadata, "**Compute infrastructure:**" bullet, benchmark table whose
  "paper"/"arXiv" links point at benchmark sites, only a project page for the model)
  weights open; code partial (transformers integration only); data partial (datasets
  named, not looked up); documentation partial (no paper of the model: the links in the
  evaluation table are the benchmarks'); usage open. EOSAI: preprint closed,
  hardware_architecture at least partial (architecture section + compute line: unknown),
  model card open (architecture, training, evaluation sections).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from openaudit.rubric import evaluate, load_rubric
from openaudit.sources.local import load_local
from openaudit.verdict import Verdict

CARDS = Path(__file__).parent / "fixtures" / "cards"
LAYERS = ("weights", "code", "data", "documentation", "usage_limits")

# fixture: levels of weights, code, data, documentation, usage limits (default rubric)
EXPECTED: dict[str, tuple[str, str, str, str, str]] = {
    "fully-open-lm": ("open", "open", "partial", "open", "open"),
    # data only described ("a new mix of publicly available online data"): closed
    "gated-community-llm": ("partial", "partial", "closed", "partial", "partial"),
    "apache-chat-undisclosed": ("open", "partial", "closed", "partial", "open"),
    "rail-code-model": ("partial", "partial", "partial", "partial", "partial"),
    "nc-research-model": ("partial", "partial", "partial", "partial", "partial"),
    # the original card's "Code License: Apache 2.0" badge states the code's licence
    "quant-reupload": ("partial", "open", "closed", "partial", "partial"),
    "restricted-base-finetune": ("unknown", "partial", "partial", "closed", "unknown"),
    "sentence-embedding": ("open", "open", "partial", "partial", "unknown"),
    "html-multilingual-chat": ("partial", "partial", "closed", "partial", "partial"),
    "mit-small-techreport": ("open", "partial", "closed", "open", "open"),
    "rail-image-html": ("partial", "partial", "partial", "partial", "partial"),
    "apache-vlm-html-eval": ("open", "partial", "partial", "partial", "open"),
}

# fixture: why the tool does not (yet) reach the expected levels; strict xfail
KNOWN_GAPS: dict[str, str] = {}

# fixture, probe id, expected answer: the rule each fixture exercises
PROBES = [
    ("fully-open-lm", "docs.data_documented", "yes"),  # "Pretraining Corpus" section
    ("gated-community-llm", "docs.evaluation", "yes"),  # HTML benchmark table
    ("gated-community-llm", "weights.not_gated", "no"),  # gate form in the card
    ("rail-code-model", "code.training", "yes"),  # link under "# Training > ## Software"
    ("quant-reupload", "weights.original", "no"),  # GPTQ files, linked original
    ("restricted-base-finetune", "docs.evaluation", "no"),  # empty model-index, loss log
    ("sentence-embedding", "docs.paper", "no"),  # dataset papers in the data table
    ("sentence-embedding", "code.evaluation_or_data", "no"),  # dataset repos, not code
    # <h2>Training Data</h2> describes "web text, encyclopedias, books" but names no source
    ("html-multilingual-chat", "data.described", "no"),
    ("html-multilingual-chat", "docs.data_documented", "yes"),
    ("html-multilingual-chat", "docs.evaluation", "yes"),  # table under <h2>Evaluation</h2>
    ("html-multilingual-chat", "docs.paper", "no"),  # report only named in BibTeX
    ("mit-small-techreport", "docs.paper", "yes"),  # "Paper" on a short-link host
    ("rail-image-html", "docs.limitations", "yes"),  # <h2>Limitations and Bias</h2>
    ("rail-image-html", "docs.evaluation", "yes"),  # results as a plot (inferred)
    ("apache-vlm-html-eval", "docs.paper", "no"),  # "paper" links in the benchmark table
    ("apache-vlm-html-eval", "docs.evaluation", "yes"),  # table under <h2> in a <div>
]

# fixture: EOSAI dimension levels decided from the evidence
EOSAI = {
    "gated-community-llm": {"weights_endmodel": "partial", "preprint": "closed",
                            "licenses": "closed", "modelcard": "open"},
    "rail-code-model": {"weights_endmodel": "partial", "trainingcode": "partial"},
    "apache-chat-undisclosed": {"trainingcode": "closed", "datasources_endmodel": "closed"},
    "sentence-embedding": {"preprint": "closed", "datasources_endmodel": "unknown"},
    "quant-reupload": {"preprint": "closed", "licenses": "partial"},
    # architecture documented, training setup not: the dimension asks for the setup
    "html-multilingual-chat": {"hardware_architecture": "closed", "preprint": "closed",
                               "licenses": "closed", "modelcard": "partial"},
    # "📄 Paper" on a short link: archived or not is not known without following it
    "mit-small-techreport": {"hardware_architecture": "open", "preprint": "partial"},
    "rail-image-html": {"hardware_architecture": "open", "licenses": "closed",
                        "modelcard": "open"},
    "apache-vlm-html-eval": {"preprint": "closed", "hardware_architecture": "open",
                             "modelcard": "open"},
}  # fmt: skip


def audit(name: str, rubric: str = "openaudit") -> Verdict:
    return evaluate(load_rubric(rubric), load_local(CARDS / name))


def _with_gaps(names: list[str]) -> list[object]:
    """The fixture names, those with a known gap marked as strict expected failures."""
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[n]))
        if n in KNOWN_GAPS
        else n
        for n in names
    ]


@pytest.mark.parametrize("name", _with_gaps(sorted(EXPECTED)))
def test_layer_levels(name: str) -> None:
    verdict = audit(name)
    found = tuple(verdict.layer(layer).level for layer in LAYERS)
    assert found == EXPECTED[name]


@pytest.mark.parametrize(("name", "probe", "answer"), PROBES)
def test_probe_answers(name: str, probe: str, answer: str) -> None:
    verdict = audit(name)
    finding = next(f for layer in verdict.layers for f in layer.findings if f.probe == probe)
    assert finding.answer == answer, finding.reason


@pytest.mark.parametrize("name", sorted(EOSAI))
def test_eosai_dimensions(name: str) -> None:
    result = audit(name, "eosai").extras["eosai"]
    levels = {d["id"]: d["level"] for d in result["dimensions"]}
    assert {k: levels[k] for k in EOSAI[name]} == EOSAI[name]
