"""Declared datasets the Hub does not resolve (404): what a 404 shows and what it does not.

A bare name (`datasets: [coco]`, every speech toolkit's `voxceleb`, `ljspeech`) is named
data the Hub has no dataset for: its availability, licence and commercial terms are
unknown, never "no". An `owner/name` id the Hub does not resolve (AutoTrain's private
`autotrain-data-*`) is not available on the Hub, and that much is stated; its licence
is still unknown. A dataset card is only one that exists (MOF 14). The default rubric,
MOF and EOSAI read one helper, so they agree; a mix of found and not-found datasets is
judged on what was found.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, LinkStatus, RepoFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run


def card(*datasets: str, body: str = "") -> str:
    return f"---\nlicense: apache-2.0\ndatasets: [{', '.join(datasets)}]\n---\n# Detector\n{body}"


def dataset(repo_id: str, status: LinkStatus = "ok", license: str | None = None) -> LinkedRepo:
    data = {"license": license} if license else {}
    return LinkedRepo(repo_id, "dataset", status, card_data=data)


def unfound(repo_id: str) -> LinkedRepo:
    return dataset(repo_id, "not_found")


def ev(readme: str, *datasets: LinkedRepo) -> Evidence:
    files = (RepoFile("README.md"), RepoFile("model.safetensors"), RepoFile("config.json"))
    return Evidence(
        ref="org/m", repo_id="org/m", source="hub", readme=readme, files=files, datasets=datasets
    )


BARE = ev(card("coco"), unfound("coco"))
PRIVATE = ev(card("someone/autotrain-data-reviews"), unfound("someone/autotrain-data-reviews"))
# the found dataset openly licensed, the other a bare name: named, not shown open
MIX_OPEN = ev(card("org/a", "coco"), dataset("org/a", license="cc-by-4.0"), unfound("coco"))
# the found dataset non-commercial: that decides, whatever the bare name's terms
MIX_NC = ev(card("org/a", "coco"), dataset("org/a", license="cc-by-nc-4.0"), unfound("coco"))
UNLICENSED = ev(card("org/a"), dataset("org/a"))  # found, its card declares no licence
GATED = ev(card("org/a"), LinkedRepo("org/a", "dataset", "gated", gated="manual"))
DATA_SECTION = "## Training Data\n" + "COCO 2017 images with their box annotations. " * 6 + "\n"

BARE_NAME = "coco is a name the Hub does not resolve, not a Hub dataset id"
NOT_ON_HUB = "someone/autotrain-data-reviews is not on the Hub (missing, or private)"
LICENCE_UNREAD = "its licence was not read"
OPEN_FAMILIES = {"families": ["permissive", "copyleft"]}
MOF_DATA_CARD = {"component": "data_card", "type": "document"}
END_DATA = {"dimension": "datasources_endmodel", "at_least": "partial"}
END_OPEN = {"dimension": "datasources_endmodel", "at_least": "open"}

# (case, evaluator, evidence, params, answer, inferred, words in the reason)
CASES: list[tuple[str, str, Evidence, dict[str, Any], str, bool, str]] = [
    # availability: a bare name is not a Hub dataset, which says nothing of where it is
    ("bare name: availability unknown", "datasets_on_hub", BARE, {}, "unknown", False,
     f"{BARE_NAME}: where it is available was not read"),
    ("private owner/name id: not on the Hub", "datasets_on_hub", PRIVATE, {}, "no", False,
     NOT_ON_HUB),
    ("gated: not available (twin)", "datasets_on_hub", GATED, {}, "no", False, "org/a is gated"),
    # licences: a 404 is no licence evidence
    ("bare name: open licence unknown", "dataset_license_in", BARE, OPEN_FAMILIES, "unknown",
     False, f"{BARE_NAME}: {LICENCE_UNREAD}"),
    ("private id: open licence unknown", "dataset_license_in", PRIVATE, OPEN_FAMILIES,
     "unknown", False, f"{NOT_ON_HUB}: {LICENCE_UNREAD}"),
    ("bare name: commercial terms unknown", "datasets_commercial_use", BARE, {}, "unknown",
     False, f"{BARE_NAME}: {LICENCE_UNREAD}"),
    ("private id: commercial terms unknown", "datasets_commercial_use", PRIVATE, {}, "unknown",
     False, f"{NOT_ON_HUB}: {LICENCE_UNREAD}"),
    ("found open + bare name: open licence unknown", "dataset_license_in", MIX_OPEN,
     OPEN_FAMILIES, "unknown", False, f"{BARE_NAME}: {LICENCE_UNREAD}"),
    # negative twins: a dataset the Hub has, under terms that fail, still fails
    ("found non-commercial + bare name: no", "datasets_commercial_use", MIX_NC, {}, "no", False,
     "org/a is under cc-by-nc-4.0"),
    ("found, no licence declared: no", "datasets_commercial_use", UNLICENSED, {}, "no", False,
     "org/a declares no licence"),
    # MOF 14: a data card is one that exists
    ("MOF 14: bare name only, no data card", "mof_component", BARE, MOF_DATA_CARD, "no",
     False, f"no training-data section and no dataset card on the Hub: {BARE_NAME}"),
    ("MOF 14: private id only, no data card", "mof_component", PRIVATE, MOF_DATA_CARD, "no",
     False, f"no dataset card on the Hub: {NOT_ON_HUB}"),
    ("MOF 14: one dataset found, its card counts (twin)", "mof_component", MIX_OPEN,
     MOF_DATA_CARD, "unknown", False, "dataset cards of the linked datasets"),
    ("MOF 14: a data section is the data card (twin)", "mof_component",
     ev(card("coco", body=DATA_SECTION), unfound("coco")), MOF_DATA_CARD, "yes", False,
     "data described in section 'Training Data'"),
    # EOSAI data sources: named is partial; a bare name is concluded, not stated
    ("EOSAI: bare name, partial by reading", "eosai_dimension", BARE, END_DATA, "yes", True,
     "named, not Hub datasets, so not shown openly available: coco"),
    ("EOSAI: bare name, not open", "eosai_dimension", BARE, END_OPEN, "no", True, BARE_NAME),
    ("EOSAI: found open + bare name, not open", "eosai_dimension", MIX_OPEN, END_OPEN, "no",
     True, "named, not Hub datasets, so not shown openly available: coco"),
    ("EOSAI: private id, not freely available (stated)", "eosai_dimension", PRIVATE, END_OPEN,
     "no", False, "not freely available: someone/autotrain-data-reviews"),
    ("EOSAI: found non-commercial + bare name (stated)", "eosai_dimension", MIX_NC, END_OPEN,
     "no", False, "org/a: 'cc-by-nc-4.0'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evaluator", "evidence", "params", "answer", "inferred", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_dataset_the_hub_does_not_resolve(
    evaluator: str,
    evidence: Evidence,
    params: dict[str, Any],
    answer: str,
    inferred: bool,
    reason: str,
) -> None:
    spec = get_evaluator(evaluator)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    assert (outcome.answer, outcome.inferred) == (answer, inferred), outcome.reason
    assert reason in outcome.reason


# (case, evidence, data level, usage-limits summary must not say)
VERDICTS = [
    ("bare name", BARE, "partial"),
    ("private owner/name id", PRIVATE, "partial"),
    ("found open + bare name", MIX_OPEN, "partial"),
]


@pytest.mark.parametrize(
    ("evidence", "level"), [v[1:] for v in VERDICTS], ids=[v[0] for v in VERDICTS]
)
def test_named_data_off_the_hub_is_partial_data_and_no_licence_finding(
    evidence: Evidence, level: str
) -> None:
    verdict = evaluate(load_rubric("openaudit"), evidence)
    assert verdict.layer("data").level == level
    terms = next(
        f for f in verdict.layer("usage_limits").findings if f.probe == "usage.training_data_terms"
    )
    assert terms.answer == "unknown", terms.reason
    assert "non-commercial or missing licences" not in verdict.layer("usage_limits").summary


def test_non_commercial_data_still_shows_in_the_usage_summary() -> None:
    """The negative twin: a found dataset under a non-commercial licence."""
    verdict = evaluate(load_rubric("openaudit"), MIX_NC)
    summary = verdict.layer("usage_limits").summary
    assert "training data under non-commercial or missing licences" in summary


# (case, the dataset as looked up, not freely available: datasets_on_hub says no and
# EOSAI's data sources list it as not freely available)
AVAILABILITY: list[tuple[str, LinkedRepo, bool]] = [
    ("gated by its status", LinkedRepo("org/a", "dataset", "gated"), True),
    ("gated on its info", LinkedRepo("org/a", "dataset", "ok", gated="auto",
                                     card_data={"license": "cc-by-4.0"}), True),
    ("an owner/name id not on the Hub", unfound("org/a"), True),
    # negative twins: open, a bare name, a lookup that failed
    ("found and open", dataset("org/a", license="cc-by-4.0"), False),
    ("a bare name the Hub does not resolve", unfound("coco"), False),
    ("not looked up", LinkedRepo("org/a", "dataset", "skipped", problem="too many"), False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("repo", "unavailable"), [a[1:] for a in AVAILABILITY], ids=[a[0] for a in AVAILABILITY]
)
def test_the_default_rubric_and_eosai_read_availability_alike(
    repo: LinkedRepo, unavailable: bool
) -> None:
    """One helper says whether the Hub shows a dataset freely available: the default
    rubric's datasets_on_hub and EOSAI's data sources agree on every state."""
    evidence = ev(card(repo.repo_id), repo)
    on_hub = get_evaluator("datasets_on_hub")
    eosai = get_evaluator("eosai_dimension")
    assert on_hub is not None and eosai is not None
    found = run(on_hub, ProbeContext(evidence), {"allow_gated": False})
    assert (found.answer == "no") == unavailable, found.reason
    end = run(eosai, ProbeContext(evidence), END_OPEN)
    assert (f"not freely available: {repo.repo_id}" in end.reason) == unavailable, end.reason
