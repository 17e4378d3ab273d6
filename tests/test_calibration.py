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
  weights partial; code partial; data partial; documentation open; usage partial.
quant-reupload (GPTQ files, no `base_model`, original card pasted below)
  weights partial (a re-upload of the linked model, RAIL licence); data closed;
  documentation partial; usage partial.
restricted-base-finetune (Trainer card: empty model-index, loss log, apache-2.0 on a
  base that is not looked up)
  weights and usage unknown: its own tag is open, but the terms of a declared base
  that could not be looked up may restrict it, so "open" cannot be claimed; code
  partial; data partial (dataset named, not described); documentation partial (no
  evaluation: a loss log is not a benchmark).
sentence-embedding (sentence-transformers card, dataset table citing dataset papers)
  weights open; code open (train_script.py in the repo); data partial; documentation
  partial (no model paper: the papers in the data table are the datasets'); usage open.
  EOSAI preprint closed; EOSAI end-model data sources unknown (the datasets are named,
  but a local audit cannot look up whether they are available).
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
    "gated-community-llm": ("partial", "partial", "partial", "partial", "partial"),
    "apache-chat-undisclosed": ("open", "partial", "closed", "partial", "open"),
    "rail-code-model": ("partial", "partial", "partial", "partial", "partial"),
    "nc-research-model": ("partial", "partial", "partial", "open", "partial"),
    "quant-reupload": ("partial", "partial", "closed", "partial", "partial"),
    "restricted-base-finetune": ("unknown", "partial", "partial", "partial", "unknown"),
    "sentence-embedding": ("open", "open", "partial", "partial", "open"),
}

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
]

# fixture: EOSAI dimension levels decided from the evidence
EOSAI = {
    "gated-community-llm": {"weights_endmodel": "partial", "preprint": "closed",
                            "licenses": "closed", "modelcard": "open"},
    "rail-code-model": {"weights_endmodel": "partial", "trainingcode": "unknown"},
    "apache-chat-undisclosed": {"trainingcode": "closed", "datasources_endmodel": "closed"},
    "sentence-embedding": {"preprint": "closed", "datasources_endmodel": "unknown"},
    "quant-reupload": {"preprint": "closed", "licenses": "closed"},
}  # fmt: skip


def audit(name: str, rubric: str = "openaudit") -> Verdict:
    return evaluate(load_rubric(rubric), load_local(CARDS / name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
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
