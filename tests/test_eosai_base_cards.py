"""EOSAI's base data sources, judged by the base card's text when its metadata declares none.

The Hub source reads the README of each pretrained foundation whose metadata declares
no datasets (one bounded request each, at most MAX_BASE_CARDS), and EOSAI judges what
it says of its data with the rule for a model's own data: named or described is
partial, nothing (or only "publicly available data") is closed, and an unreadable card
(a gated base) leaves the dimension undecided. Fixtures: tests/fixtures/hub/models/basecard.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub
from typer.testing import CliRunner, Result

from openaudit.cli.app import app
from openaudit.evidence import Evidence, Problem
from openaudit.limits import MAX_BASE_CARDS
from openaudit.sources.hub import fetch_hub_evidence

APPROVED = "hf_ApprovedFixtureToken0123456789"


def invoke(args: list[str], env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(app, args, env={"HF_TOKEN": None, **(env or {})})


def base_data(result: Result) -> dict[str, Any]:
    """The datasources_basemodel dimension of the one model audited."""
    assert result.exit_code in (0, 1), result.output
    [model] = json.loads(result.stdout)["models"]
    [eosai] = [r for r in model["rubrics"] if r["id"] == "eosai"]
    dims = {d["id"]: d for d in eosai["framework"]["dimensions"]}
    return dims["datasources_basemodel"]  # type: ignore[no-any-return]


def audit(ref: str, *extra: str, env: dict[str, str | None] | None = None) -> dict[str, Any]:
    return base_data(invoke([ref, "-r", "openaudit", "-r", "eosai", "-f", "json", *extra], env))


@pytest.mark.parametrize(
    ("model", "level", "basis", "says"),
    [
        # the base card names its corpora in a training-data section
        ("basecard/ft-named", "partial", "inferred",
         "base basecard/named-base's card: section 'Training Data' names"),
        # it describes its data at length, naming nothing
        ("basecard/ft-described", "partial", "inferred",
         "base basecard/described-base's card: data described in 'Training Data'"),
        # "publicly available sources" alone is not disclosure
        ("basecard/ft-vague", "closed", "inferred",
         "base basecard/vague-base's card: no training data named or described"),
        # no data section at all
        ("basecard/ft-silent", "closed", "inferred",
         "base basecard/silent-base's card: no training data named or described"),
        # no `base_model`: the base its name and link imply is looked up, its card read
        ("basecard/named-base-chat", "partial", "inferred",
         "no `base_model` is declared, but the card builds on basecard/named-base (linked in "
         "'Named Base 3B Chat'; its name is this model's name without 'chat'): base "
         "basecard/named-base's card: section 'Training Data' names"),
        # a fine-tune of a fine-tune: the foundation's card is the one judged
        ("basecard/ft-of-ft", "closed", "inferred",
         "judged the pretrained foundation basecard/silent-base"),
        # a gated base's README needs approved access: undecided, and it says so
        ("basecard/ft-gated", "unknown", "unknown",
         "basecard/gated-base declares no datasets in its metadata, and its card's text "
         "could not be read (gated: its README.md needs approved access; not read)"),
    ],
)  # fmt: skip
def test_base_data_is_judged_by_the_base_cards_text(
    hub: FakeHub, model: str, level: str, basis: str, says: str
) -> None:
    dim = audit(model)
    assert (dim["level"], dim["basis"]) == (level, basis), dim["reason"]
    assert says in dim["reason"]


def test_an_approved_token_reads_a_gated_bases_card(hub: FakeHub) -> None:
    dim = audit("basecard/ft-gated", env={"HF_TOKEN": APPROVED})
    assert (dim["level"], dim["basis"]) == ("partial", "inferred"), dim["reason"]
    assert "RedPajama" in dim["reason"]


def test_the_base_card_is_cited_in_the_bases_repo(hub: FakeHub) -> None:
    dim = audit("basecard/ft-named")
    sha = fetch_hub_evidence("basecard/named-base").sha
    assert f"{hub.url}/basecard/named-base/blob/{sha}/README.md" in dim["evidence"]


def test_one_request_reads_each_foundations_card_and_no_other(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("basecard/ft-of-ft")
    sha = fetch_hub_evidence("basecard/silent-base").sha
    hub.reset()
    fetch_hub_evidence("basecard/ft-of-ft")
    readmes = [p for p in hub.paths() if p.endswith("/README.md")]
    # the model's own and the foundation's; not the intermediate fine-tune's
    assert sorted(readmes) == sorted(
        [f"/basecard/ft-of-ft/resolve/{ev.sha}/README.md",
         f"/basecard/silent-base/resolve/{sha}/README.md"]
    )  # fmt: skip
    [card] = ev.base_cards or ()
    assert (card.repo_id, card.problem) == ("basecard/silent-base", None)
    assert card.text is not None and "# Silent Base 3B" in card.text


def test_a_base_that_declares_datasets_has_no_card_read(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("quantfolk/open-7b-gguf")
    assert ev.base_cards == ()
    assert not [p for p in hub.paths() if p.startswith("/openlab/open-7b/resolve/")]


def test_base_card_reads_are_bounded_and_the_cut_reported(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("basecard/merge-four")

    bases = ["named-base", "described-base", "vague-base", "silent-base"]
    cards = ev.base_cards or ()
    assert [c.repo_id for c in cards] == [f"basecard/{b}" for b in bases]
    assert all(c.text for c in cards[:MAX_BASE_CARDS])
    assert cards[MAX_BASE_CARDS].text is None
    read = [p for p in hub.paths() if p.endswith("/README.md") and "merge-four" not in p]
    assert len(read) == MAX_BASE_CARDS
    cut = "4 base models' cards to read; the last 1 were not read"
    assert Problem("base_cards", cut) in ev.problems
    # the least open base decides: vague-base's card shares nothing, whatever the fourth says
    dim = audit("basecard/merge-four")
    assert dim["level"] == "closed", dim["reason"]
    assert "basecard/silent-base declares no datasets in its metadata" in dim["reason"]


def test_requests_per_audit_grow_by_at_most_the_bound(hub: FakeHub) -> None:
    """Against the audit without base cards, each model costs at most MAX_BASE_CARDS more
    requests, all of them README reads of its bases, never a weight file."""
    for model, more in [("basecard/ft-silent", 1), ("basecard/merge-four", MAX_BASE_CARDS),
                        ("quantfolk/open-7b-gguf", 0), ("acme/solo", 0)]:  # fmt: skip
        hub.reset()
        ev = fetch_hub_evidence(model, branches=False)
        own = {f"/api/models/{model}", f"/{model}/resolve/{ev.sha}/README.md"}
        base_reads = [p for p in hub.paths() if p.endswith("/README.md") and p not in own]
        assert len(base_reads) == more, (model, base_reads)
        assert not [p for p in hub.paths() if p.endswith(".safetensors")]


def test_saved_evidence_replays_the_base_cards(hub: FakeHub, tmp_path: Path) -> None:
    saved = tmp_path / "ft.json"
    assert invoke(["fetch", "basecard/ft-vague", "-o", str(saved)]).exit_code == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert [c["repo_id"] for c in data["base_cards"]] == ["basecard/vague-base"]
    hub.reset()
    replayed = audit(str(saved))
    assert hub.requests == []
    assert (replayed["level"], replayed["reason"]) == (
        audit("basecard/ft-vague")["level"],
        audit("basecard/ft-vague")["reason"],
    )


def test_version_1_evidence_loads_with_no_base_cards_read(hub: FakeHub, tmp_path: Path) -> None:
    data = fetch_hub_evidence("basecard/ft-vague").to_dict()
    data["version"] = 1
    del data["base_cards"]
    saved = tmp_path / "old.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    dim = audit(str(saved))
    assert dim["level"] == "unknown"
    assert "this evidence holds no base model cards" in dim["reason"]


def test_a_local_folder_says_it_looks_up_no_base_card(tmp_path: Path) -> None:
    folder = tmp_path / "ft"
    folder.mkdir()
    readme = Path(__file__).parent / "fixtures/hub/models/basecard/ft-vague/README.md"
    (folder / "README.md").write_text(readme.read_text(encoding="utf-8"), encoding="utf-8")
    dim = audit(str(folder))
    assert dim["level"] == "unknown"
    assert "a local folder looks up no base model, nor its card" in dim["reason"]
    assert Evidence(ref="x", source="local").base_cards is None


def base_readmes(hub: FakeHub, model: str) -> list[str]:
    return [p for p in hub.paths() if p.endswith("/README.md") and f"/{model}/" not in p]


def test_base_cards_are_read_only_when_a_rubric_reads_them(hub: FakeHub) -> None:
    invoke(["basecard/ft-silent", "--no-cache", "-f", "json"])
    assert base_readmes(hub, "basecard/ft-silent") == []  # the default rubric needs none
    hub.reset()
    invoke(["basecard/ft-silent", "-r", "openaudit", "-r", "eosai", "--no-cache", "-f", "json"])
    assert len(base_readmes(hub, "basecard/ft-silent")) == 1


def test_cached_evidence_read_without_base_cards_is_completed(hub: FakeHub, tmp_path: Path) -> None:
    cache = ["--cache-dir", str(tmp_path), "-f", "json"]
    invoke(["basecard/ft-silent", *cache])  # default rubric: cached without base cards
    hub.reset()
    eosai = base_data(invoke(["basecard/ft-silent", "-r", "eosai", *cache]))
    assert eosai["level"] == "closed", eosai["reason"]
    assert len(base_readmes(hub, "basecard/ft-silent")) == 1  # only the missing card
    hub.reset()
    again = base_data(invoke(["basecard/ft-silent", "-r", "eosai", *cache]))
    assert again == eosai
    assert base_readmes(hub, "basecard/ft-silent") == []  # the completed entry was kept


def _quantisation(base_text: str | None) -> Evidence:
    """A GGUF quantisation of a base whose metadata declares no datasets, with the base's
    card text as the Hub source read it (None: not read)."""
    from openaudit.evidence import BaseCard, LinkedRepo, RepoFile

    base = LinkedRepo("lab/base-7b", "model", "ok", card_data={"license": "apache-2.0"})
    return Evidence(
        ref="quant/base-7b-gguf", repo_id="quant/base-7b-gguf", source="hub",
        readme="---\nbase_model: lab/base-7b\nbase_model_relation: quantized\n---\n# GGUF\n",
        files=(RepoFile("base-7b.Q4_K_M.gguf"),), base_models=(base,),
        base_cards=None if base_text is None else (BaseCard("lab/base-7b", base_text),),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("base_text", "level", "says"),
    [
        ("# Base\n## Training Data\nPretrained on FineWeb and The Stack.\n", "partial",
         "the data of lab/base-7b: base lab/base-7b's card: section 'Training Data' names"),
        ("# Base\n## Usage\nRun it.\n", "closed",
         "the data of lab/base-7b: base lab/base-7b's card: no training data named"),
        (None, "unknown", "its card's text was not read (this evidence holds no base model cards"),
    ],
)  # fmt: skip
def test_a_quantisations_data_is_read_from_the_copied_models_card(
    base_text: str | None, level: str, says: str
) -> None:
    from openaudit.frameworks.eosai import eosai_rating
    from openaudit.rubric.context import ProbeContext

    rated = eosai_rating(ProbeContext(_quantisation(base_text)), "datasources_endmodel")
    assert (rated.level, says in rated.reason) == (level, True), rated.reason
