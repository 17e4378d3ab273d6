"""Hub datasets a card links as its training data without declaring them in `datasets:`.

Every section holding a link counts (a dataset linked in the title and again under a
data section is training data), on cards with one title heading or several level-1
headings; the default rubric, MOF 14/15 and EOSAI read the same links; a link only in
an evaluation section is never training data.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.card import parse_card
from openaudit.evidence import Evidence
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.data_links import training_data_links
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer

HEAD = "---\nlicense: apache-2.0\n---\n"
K2DATA = "[K2 data](https://huggingface.co/datasets/org/k2data)"
# Several level-1 headings (no single title heading); the dataset linked first in the
# introduction, then again under a data section: a data-section link.
TWICE = (
    f"{HEAD}# K2: a reproducible model\nEverything is open: {K2DATA}.\n"
    f"## Evaluations\nScores below.\n## Datasets and Mix\nThe mix is {K2DATA}.\n"
    "# Research Suite\nCheckpoints.\n"
)
# Negative twin: the second link is under the evaluation section instead.
TWICE_EVAL = (
    f"{HEAD}# K2: a reproducible model\nEverything is open: {K2DATA}.\n"
    f"## Evaluation\nScores on {K2DATA}.\n# Research Suite\nCheckpoints.\n"
)
# Several level-1 headings, the link only in the first (the card's introduction).
INTRO_ONLY = f"{HEAD}# K2: a reproducible model\nBuilt from {K2DATA}.\n# Research Suite\nLogs.\n"
# Negative twin: the link only in a later level-1 section that does not describe the model.
LATER_H1 = f"{HEAD}# K2: a reproducible model\nA model.\n# Related Work\nOthers used {K2DATA}.\n"
# One title heading: the link in a summary and again under a training section.
SUMMARY_AND_TRAINING = (
    f"{HEAD}# Smol\n## Model Summary\nTuned with {K2DATA}.\n## Evaluation\nScores.\n"
    f"## Training\n### Open resources\nThe data: {K2DATA}.\n"
)
# Negative twin: linked only in an evaluation section.
EVAL_ONLY = f"{HEAD}# Smol\n## Evaluation\nHeld-out scores on {K2DATA}.\n"


def ev(readme: str, **fields: Any) -> Evidence:
    fields.setdefault("source", "hub")
    return Evidence(ref="org/m", repo_id="org/m", readme=readme, **fields)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, str, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.basis, outcome.reason


READER: list[tuple[str, str, list[tuple[str, str, list[str]]]]] = [
    ("title and a data section, several H1s", TWICE,
     [("org/k2data", "data section", ["Datasets and Mix"])]),
    ("title and an evaluation section", TWICE_EVAL, []),
    ("only the introduction, several H1s", INTRO_ONLY,
     [("org/k2data", "description", ["K2: a reproducible model"])]),
    ("only a later level-1 section", LATER_H1, []),
    ("a summary and a training section", SUMMARY_AND_TRAINING,
     [("org/k2data", "training section", ["Open resources"])]),
    ("only an evaluation section", EVAL_ONLY, []),
]  # fmt: skip


@pytest.mark.parametrize(("card", "expected"), [r[1:] for r in READER], ids=[r[0] for r in READER])
def test_which_links_are_training_data(card: str, expected: list[Any]) -> None:
    found = training_data_links(parse_card(card))
    assert [(f.name, f.given_as, [s.title for s in f.sections]) for f in found] == expected


NAMED: list[tuple[str, str, str, Answer, str, str]] = [
    ("declared: title then data section", "datasets_declared", TWICE, "yes", "inferred",
     "linked as training data: org/k2data under 'Datasets and Mix'"),
    ("declared: title then evaluation", "datasets_declared", TWICE_EVAL, "no", "stated",
     "names no datasets"),
    ("declared: summary then training", "datasets_declared", SUMMARY_AND_TRAINING, "yes",
     "inferred", "org/k2data under 'Open resources'"),
    ("declared: evaluation only", "datasets_declared", EVAL_ONLY, "no", "stated", "names no"),
    ("sources: introduction of a card with several H1s", "data_sources_named", INTRO_ONLY,
     "yes", "inferred", "the model's description links Hub datasets, taken as its training "
     "data: org/k2data"),
    ("sources: a later level-1 section", "data_sources_named", LATER_H1, "no", "inferred",
     "names no datasets or corpora"),
    ("sources: title then evaluation", "data_sources_named", TWICE_EVAL, "no", "inferred",
     "names no datasets or corpora"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evaluator", "card", "answer", "basis", "reason"),
    [r[1:] for r in NAMED],
    ids=[r[0] for r in NAMED],
)
def test_linked_datasets_are_named(
    evaluator: str, card: str, answer: Answer, basis: str, reason: str
) -> None:
    got = ask(evaluator, ev(card))
    assert got[:2] == (answer, basis), got[2]
    assert reason in got[2]
