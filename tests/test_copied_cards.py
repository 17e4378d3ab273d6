"""A copy's end-model data, read from the card of the model it copies.

A GGUF, AWQ, GPTQ or MLX copy of a fine-tune adds no training: its data are its
source's. When the source's metadata declares no datasets, what it says of its data is in
its card's text, so the Hub source reads the copied model's README too (within
MAX_BASE_CARDS, the copied model first), and EOSAI judges it as it judges a base's card:
partial when it names or describes its data, closed when it does neither, undecided only
when the card cannot be read (a gated source). A fine-tune of the same model has no such
read: its data are its own. Fixtures: tests/fixtures/hub/models/basecard.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from fakehub import FakeHub
from typer.testing import CliRunner

from openaudit.cli.app import app
from openaudit.frameworks.eosai import eosai_rating
from openaudit.rubric.context import ProbeContext
from openaudit.sources.hub import fetch_hub_evidence


def end_data(ref: str) -> dict[str, Any]:
    """The datasources_endmodel dimension of one audit."""
    args = [ref, "-r", "eosai", "-f", "json", "--no-cache"]
    result = CliRunner().invoke(app, args, env={"HF_TOKEN": None})
    assert result.exit_code in (0, 1), result.output
    [model] = json.loads(result.stdout)["models"]
    [eosai] = model["rubrics"]
    dims = {d["id"]: d for d in eosai["framework"]["dimensions"]}
    return dims["datasources_endmodel"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("model", "level", "basis", "says"),
    [
        # a GGUF copy (no relation: gguf files beside `base_model`) of a chat model whose
        # card has a data section naming its sources
        ("basecard/chat-named-gguf", "partial", "inferred",
         "only gguf files converted from basecard/chat-named (it adds no training): the "
         "data of basecard/chat-named: base basecard/chat-named's card: section 'Training "
         "Data' names"),
        # an AWQ copy (safetensors, the quantiser in its id and tags) of a chat model whose
        # card says nothing of its data
        ("basecard/chat-silent-awq", "closed", "inferred",
         "the data of basecard/chat-silent: base basecard/chat-silent's card: no training "
         "data named or described"),
        # the copied model is gated: its card is not read, and the reason says why
        ("basecard/gated-base-gguf", "unknown", "unknown",
         "basecard/gated-base declares no datasets in its metadata, and its card's text "
         "could not be read"),
        # a fine-tune of the same model: its data are its own, which its card does not name
        ("basecard/chat-named-tuned", "closed", "inferred",
         "this model's data: no training data named or described"),
    ],
)  # fmt: skip
def test_a_copys_data_are_read_from_its_sources_card(
    hub: FakeHub, model: str, level: str, basis: str, says: str
) -> None:
    dim = end_data(model)
    assert (dim["level"], dim["basis"]) == (level, basis), dim["reason"]
    assert says in dim["reason"], dim["reason"]


@pytest.mark.parametrize(
    ("model", "bases"),
    [
        # the copied model's card, then its foundation's (EOSAI's base data)
        ("basecard/chat-named-gguf", ["chat-named", "silent-base"]),
        ("basecard/chat-silent-awq", ["chat-silent", "named-base"]),
        # a fine-tune: only the foundation's card, never its parent's
        ("basecard/chat-named-tuned", ["silent-base"]),
        # a copy that declares datasets of its own needs no source card (quantfolk's base
        # declares its datasets: nothing at all)
        ("quantfolk/open-7b-gguf", []),
    ],
)
def test_the_source_card_is_read_once_and_only_for_a_copy(
    hub: FakeHub, model: str, bases: list[str]
) -> None:
    ev = fetch_hub_evidence(model, branches=False)
    hub.reset()
    fetch_hub_evidence(model, branches=False)
    read = [p.split("/resolve/")[0] for p in hub.paths() if p.endswith("/README.md")]
    read = [p.removeprefix("/") for p in read if p != f"/{model}"]
    owner = model.split("/")[0]
    assert sorted(read) == sorted(f"{owner}/{b}" for b in bases)
    assert [c.repo_id for c in ev.base_cards or ()] == [f"{owner}/{b}" for b in bases]


def test_evidence_without_base_cards_says_the_source_card_is_not_in_it(hub: FakeHub) -> None:
    """A scan's dump row (no base cards): undecided, and the reason says the evidence
    holds no base model cards, not that the source's card says nothing."""
    ev = dataclasses.replace(fetch_hub_evidence("basecard/chat-named-gguf"), base_cards=None)
    rated = eosai_rating(ProbeContext(ev), "datasources_endmodel")
    assert rated.level == "unknown", rated.reason
    assert "this evidence holds no base model cards" in rated.reason


def test_cached_evidence_is_completed_with_the_sources_card(hub: FakeHub, tmp_path: Any) -> None:
    """Evidence cached by a run that read no base cards (the default rubric) is completed
    with the copy's source card when EOSAI asks for it, and only with the missing cards."""
    cache = ["--cache-dir", str(tmp_path), "-f", "json"]
    model = "basecard/chat-named-gguf"
    CliRunner().invoke(app, [model, *cache], env={"HF_TOKEN": None})
    hub.reset()
    result = CliRunner().invoke(app, [model, "-r", "eosai", *cache], env={"HF_TOKEN": None})
    [eosai] = json.loads(result.stdout)["models"][0]["rubrics"]
    dims = {d["id"]: d for d in eosai["framework"]["dimensions"]}
    assert dims["datasources_endmodel"]["level"] == "partial", dims["datasources_endmodel"]
    read = sorted(p.split("/resolve/")[0] for p in hub.paths() if p.endswith("/README.md"))
    assert read == ["/basecard/chat-named", "/basecard/silent-base"]
