"""Hub datasets a card links as its training data without declaring them in `datasets:`.

Every section holding a link counts (a dataset linked in the title and again under a
data section is training data), on cards with one title heading or several level-1
headings; the default rubric, MOF 14/15 and EOSAI read the same links; a link only in
an evaluation section is never training data.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub
from scan_dump import dump_row
from typer.testing import CliRunner

from openaudit.card import parse_card
from openaudit.cli.app import app
from openaudit.data_links import training_data_links
from openaudit.evidence import Evidence, LinkedRepo, Problem
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.scan.rows import row_evidence
from openaudit.sources import hub as hub_source
from openaudit.sources.cache import EvidenceCache
from openaudit.sources.hub import fetch_hub_evidence
from openaudit.sources.saved import load_saved, save_evidence
from openaudit.verdict import Answer

FIXTURES = Path(__file__).parent / "fixtures/hub"
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
# The training-data section names a public corpus besides the one it links (with a
# training verb, or only beside it in the section).
LINKED_AND_PILE = f"{HEAD}# Smol\n## Training Data\nTrained on {K2DATA} and The Pile.\n"
PILE_BESIDE = f"{HEAD}# Smol\n## Training Data\nMostly {K2DATA}. Some OSCAR, some The Pile.\n"


def ev(readme: str, linked: tuple[LinkedRepo, ...] | None = None, **fields: Any) -> Evidence:
    fields.setdefault("source", "hub")
    return Evidence(ref="org/m", repo_id="org/m", readme=readme, linked_datasets=linked, **fields)


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
    ("declared: title then data section", "datasets_declared", TWICE, "yes", "stated",
     "linked as training data: org/k2data under 'Datasets and Mix'"),
    ("declared: title then evaluation", "datasets_declared", TWICE_EVAL, "no", "stated",
     "names no datasets"),
    ("declared: summary then training", "datasets_declared", SUMMARY_AND_TRAINING, "yes",
     "stated", "org/k2data under 'Open resources'"),
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


# -- the rules judge linked datasets as declared ones, as an inference ------------------


def data(
    license: str | None = "odc-by", status: str = "ok", gated: bool | str = False
) -> LinkedRepo:
    card = {"license": license} if license else {}
    return LinkedRepo(
        "org/k2data",
        "dataset",
        status,
        named_by="org/m",
        gated=gated,
        card_data=card,  # type: ignore[arg-type]
    )


OPEN = (data(),)
NC = (data("cc-by-nc-4.0"),)
MOF_DATASETS = {"component": "datasets", "type": "data"}
END_DATA = {"dimension": "datasources_endmodel", "at_least": "open"}
END_PARTIAL = {"dimension": "datasources_endmodel", "at_least": "partial"}
MOF_DATA_CARD = {"component": "data_card", "type": "documentation"}
SHEET = {"dimension": "datasheet", "at_least": "partial"}
NOT_LOOKED_UP = "org/k2data was not looked up (none were looked up for this card"

JUDGED: list[tuple[str, str, Evidence, dict[str, Any], Answer, str, str | None, str]] = [
    ("available", "datasets_on_hub", ev(TWICE, OPEN), {}, "yes", "inferred", None,
     "org/k2data under 'Datasets and Mix': all 1 are on the Hub"),
    ("gated", "datasets_on_hub", ev(TWICE, (data(gated="auto"),)), {}, "no", "inferred", None,
     "org/k2data is gated"),
    ("not on the Hub", "datasets_on_hub", ev(TWICE, (data(status="not_found"),)), {}, "no",
     "inferred", None, "org/k2data is not on the Hub (missing, or private)"),
    ("not looked up (older evidence)", "datasets_on_hub", ev(TWICE), {}, "unknown", "unknown",
     None, NOT_LOOKED_UP),
    ("local folder", "datasets_on_hub", ev(TWICE, source="local"), {}, "unknown", "unknown",
     None, "an audit of a local folder looks up no datasets"),
    ("linked only under evaluation", "datasets_on_hub", ev(EVAL_ONLY, OPEN), {}, "unknown",
     "unknown", None, "no datasets are declared"),
    ("open licence", "dataset_license_in", ev(TWICE, OPEN),
     {"families": ["permissive", "copyleft"]}, "yes", "inferred", None, "all 1 qualify"),
    ("open licence, but another corpus named", "dataset_license_in", ev(LINKED_AND_PILE, OPEN),
     {"families": ["permissive", "copyleft"]}, "no", "inferred", None,
     "names more training data than it links as Hub datasets: The Pile"),
    ("open licence, other corpora beside it", "dataset_license_in", ev(PILE_BESIDE, OPEN),
     {"families": ["permissive", "copyleft"]}, "no", "inferred", None,
     "names more training data than it links as Hub datasets: OSCAR, The Pile"),
    ("MOF 15, other corpora beside it", "mof_component", ev(PILE_BESIDE, OPEN), MOF_DATASETS,
     "unknown", "unknown", "unknown",
     "OSCAR is named as training data too, with no Hub dataset"),
    ("EOSAI, other corpora beside it", "eosai_dimension", ev(PILE_BESIDE, OPEN), END_PARTIAL,
     "yes", "inferred", "partial", "shared, not all as datasets"),
    ("non-commercial licence", "datasets_commercial_use", ev(TWICE, NC), {}, "no", "inferred",
     None, "org/k2data is under cc-by-nc-4.0"),
    ("description link, looked up", "datasets_commercial_use", ev(INTRO_ONLY, OPEN), {}, "yes",
     "inferred", None, "org/k2data under 'K2: a reproducible model'"),
    ("MOF 15 open", "mof_component", ev(TWICE, OPEN), MOF_DATASETS, "yes", "inferred",
     "included", "org/k2data: 'odc-by' is open for data"),
    ("MOF 15 non-commercial", "mof_component", ev(TWICE, NC), MOF_DATASETS, "no", "inferred",
     "not_open", "non-commercial"),
    ("MOF 15 not looked up", "mof_component", ev(TWICE), MOF_DATASETS, "unknown", "unknown",
     "unknown", NOT_LOOKED_UP),
    ("MOF 15 linked only under evaluation", "mof_component", ev(EVAL_ONLY, OPEN), MOF_DATASETS,
     "no", "stated", "missing", "names no training datasets"),
    ("EOSAI open", "eosai_dimension", ev(TWICE, OPEN), END_DATA, "yes", "inferred", "open",
     "datasets the card links as training data (not declared): org/k2data under"),
    ("EOSAI non-commercial", "eosai_dimension", ev(TWICE, NC), END_PARTIAL, "yes", "inferred",
     "partial", "non-commercial"),
    ("EOSAI not looked up", "eosai_dimension", ev(TWICE), END_PARTIAL, "yes", "inferred",
     "partial", "linked as Hub datasets, not looked up"),
    # the data card: the default rubric's data documentation, MOF 14 and EOSAI's
    # datasheet read the linked datasets' cards alike
    ("documented: linked dataset's card", "data_documented", ev(TWICE, OPEN), {}, "yes",
     "inferred", None, "the dataset cards of the datasets the card links as training data "
     "(not declared): org/k2data under 'Datasets and Mix' document the data: org/k2data"),
    ("MOF 14: linked dataset's card", "mof_component", ev(TWICE, OPEN), MOF_DATA_CARD, "yes",
     "inferred", "included", "the dataset cards of the datasets the card links"),
    ("EOSAI datasheet: linked dataset's card", "eosai_dimension", ev(TWICE, OPEN), SHEET,
     "yes", "inferred", "partial", "data documented, but no datasheet"),
    ("documented: linked dataset not on the Hub", "data_documented",
     ev(TWICE, (data(status="not_found"),)), {}, "no", "stated", None,
     "(not declared): org/k2data under 'Datasets and Mix' are not on the Hub: org/k2data"),
    ("documented: linked dataset not looked up", "data_documented", ev(TWICE), {}, "unknown",
     "unknown", None, "were not read: org/k2data (not looked up: none were looked up"),
    ("documented: linked only under evaluation", "data_documented", ev(EVAL_ONLY, OPEN), {},
     "no", "stated", None, "and the card declares no datasets"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evaluator", "evidence", "params", "answer", "basis", "grade", "reason"),
    [r[1:] for r in JUDGED],
    ids=[r[0] for r in JUDGED],
)
def test_linked_datasets_are_judged_by_what_the_hub_says(
    evaluator: str,
    evidence: Evidence,
    params: dict[str, Any],
    answer: Answer,
    basis: str,
    grade: str | None,
    reason: str,
) -> None:
    spec = get_evaluator(evaluator)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    got = (outcome.answer, outcome.basis, getattr(outcome, "grade", None))
    assert got == (answer, basis, grade), outcome.reason
    assert reason in outcome.reason


# -- the Hub source looks them up: through the real client and the fake Hub -------------


def test_a_linked_training_dataset_is_looked_up(hub: FakeHub) -> None:
    evidence = fetch_hub_evidence("fullopen/linked-data-7b")

    assert evidence.datasets == ()  # nothing declared: declared and linked are kept apart
    assert evidence.linked_datasets is not None
    [linked] = evidence.linked_datasets
    assert (linked.repo_id, linked.status, linked.named_by) == (
        "openlab/pile-lite", "ok", "fullopen/linked-data-7b"
    )  # fmt: skip
    assert linked.license == "apache-2.0"
    assert "/api/datasets/openlab/pile-lite" in hub.paths()
    # the negative twin: linked only under 'Evaluations', never asked for as training data
    assert "/api/datasets/openlab/instruct-mix" not in hub.paths()
    # model info, README, branches and the one dataset: nothing else
    assert len(hub.requests) == 4, hub.paths()


def test_linked_dataset_lookups_are_bounded(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hub_source, "MAX_DATASETS", 0)
    evidence = fetch_hub_evidence("fullopen/linked-data-7b")

    assert evidence.linked_datasets is not None
    assert [(d.repo_id, d.status) for d in evidence.linked_datasets] == [
        ("openlab/pile-lite", "skipped")
    ]
    assert not [path for path in hub.paths() if path.startswith("/api/datasets/")]
    assert (
        Problem("datasets", "1 Hub datasets linked as training data; the last 1 were not looked up")
        in evidence.problems
    )


def test_saved_evidence_keeps_linked_datasets_and_older_files_still_load(
    hub: FakeHub, tmp_path: Path
) -> None:
    evidence = fetch_hub_evidence("fullopen/linked-data-7b")
    path = tmp_path / "evidence.json"
    save_evidence(evidence, path)
    assert load_saved(path) == evidence

    older = json.loads(path.read_text())
    del older["linked_datasets"]  # saved before linked datasets were looked up
    path.write_text(json.dumps(older))
    loaded = load_saved(path)
    assert loaded.linked_datasets is None
    assert ask("datasets_on_hub", loaded)[0] == "unknown"


def test_cached_evidence_without_them_is_completed(hub: FakeHub, tmp_path: Path) -> None:
    cache = EvidenceCache(tmp_path)
    evidence = fetch_hub_evidence("fullopen/linked-data-7b")
    cache.put(dataclasses.replace(evidence, linked_datasets=None), None, token=False)
    hub.reset()

    completed = fetch_hub_evidence("fullopen/linked-data-7b", cache=cache)

    assert completed.linked_datasets == evidence.linked_datasets
    assert sorted(hub.paths()) == [
        "/api/datasets/openlab/pile-lite", "/api/models/fullopen/linked-data-7b"
    ]  # fmt: skip


def data_layer(ref: str) -> tuple[str, dict[str, tuple[str, str]]]:
    result = CliRunner().invoke(app, [ref, "--format", "json"], env={"HF_TOKEN": None})
    assert result.exit_code == 0, result.stderr
    [model] = json.loads(result.stdout)["models"]
    [layer] = [layer for layer in model["layers"] if layer["id"] == "data"]
    findings = {f["probe"]: (f["answer"], f["basis"]) for f in layer["findings"]}
    return layer["level"], findings


def test_the_linked_datasets_licence_decides_the_data_layer(hub: FakeHub) -> None:
    level, findings = data_layer("fullopen/linked-data-7b")
    assert level == "open"
    assert findings["data.open_licenses"] == ("yes", "inferred")

    level, findings = data_layer("fullopen/linked-nc-7b")  # its dataset is cc-by-nc-4.0
    assert level == "partial"
    assert findings["data.commercial_ok"] == ("no", "inferred")


def test_a_scan_row_says_the_dump_lacks_the_linked_datasets() -> None:
    readme = (FIXTURES / "models/fullopen/linked-data-7b/README.md").read_text()
    found = row_evidence(dump_row(card=readme), frozenset(dump_row(card=readme)))

    assert "datasets" in found.lacks
    assert any("openlab/pile-lite" in note for note in found.missing)
    assert found.evidence.linked_datasets is None
