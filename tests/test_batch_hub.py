"""Batches against the fake Hub with the real client: listings, faults, a silent Hub."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakehub import FakeHub
from typer.testing import CliRunner, Result

from openaudit.cli.app import app
from openaudit.sources import network
from openaudit.sources.hub_listing import ListingQuery, list_hub_models


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(app, args, env={"HF_TOKEN": None, "NO_COLOR": None})


def models(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_an_author_listing_audits_each_model_without_model_info(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub, "page_size", 3)  # several pages
    expected = sorted(
        repo_id for kind, repo_id in hub.repos if kind == "model" and repo_id.startswith("acme/")
    )
    result = invoke(["--author", "acme", "-f", "jsonl", "-q"])
    rows = models(result)
    assert sorted(str(row["ref"]) for row in rows) == [
        r for r in expected if r != "acme/secret-base"
    ]
    listing = [r for r in hub.requests if r.path == "/api/models"]
    assert len(listing) == -(-len(rows) // 3)  # one request per page
    assert "expand=cardData" in listing[0].query and "author=acme" in listing[0].query
    # The listing stands in for model_info: only models named as a base are looked up.
    named = set()
    for repo in hub.repos.values():
        bases = (repo.card_data or {}).get("base_model") or []
        named.update([bases] if isinstance(bases, str) else bases)
    # and the bases cards name without declaring them (in prose, in adapter_config.json)
    named |= {"metaish/llama-3-8b", "metaish/llama-2-7b"}
    info = [p for p in hub.paths() if p.startswith("/api/models/") and not p.endswith("/refs")]
    looked_up = {p.removeprefix("/api/models/") for p in info}
    assert looked_up and looked_up <= named


def test_listing_with_a_filter_and_a_limit(hub: FakeHub) -> None:
    query = ListingQuery(author="acme", filters=("license:apache-2.0",), limit=2)
    listed = list(list_hub_models(query))
    assert len(listed) <= 2
    for model in listed:
        assert "license:apache-2.0" in model.data["tags"]


def test_a_listed_model_scores_as_when_audited_alone(hub: FakeHub) -> None:
    alone = json.loads(invoke(["openlab/open-7b", "-f", "json"]).stdout)["models"][0]
    (listed,) = models(invoke(["--author", "openlab", "-f", "jsonl", "-q"]))
    assert listed["ref"] == alone["ref"]
    assert listed["layers"] == alone["layers"]
    assert listed["score"] == alone["score"] and listed["license"] == alone["license"]


def test_an_empty_listing_is_exit_3(hub: FakeHub) -> None:
    result = invoke(["--author", "nobody-at-all", "-f", "json"])
    assert result.exit_code == 3
    assert "the Hub lists no model for --author nobody-at-all" in result.stderr


def test_no_model_is_lost_when_the_hub_misbehaves(hub: FakeHub, tmp_path: Path) -> None:
    refs = ["openlab/open-7b", "acme/solo", "acme/llama-ft", "acme/nc-model", "acme/merge"] * 4
    path = tmp_path / "refs.txt"
    path.write_text("\n".join(refs) + "\n", encoding="utf-8")
    hub.chaos({"429": 0.1, "500": 0.08, "503": 0.04, "close": 0.04}, seed=7)
    result = invoke(["--from-file", str(path), "-f", "json", "-q", "--jobs", "8"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [m["ref"] for m in document["models"]] == refs  # input order, every model
    assert all("error" not in m for m in document["models"])
    statuses = [r for r in hub.requests]
    assert len(statuses) > len(refs)  # faults were served and retried


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_a_silent_hub_fails_each_model_within_the_timeout(
    black_hole: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_ENDPOINT", black_hole)
    previous = network.current_policy()
    try:
        result = invoke(["acme/a", "acme/b", "--timeout", "0.4", "-f", "jsonl", "-q"])
    finally:
        network.configure(previous)
    assert result.exit_code == 3
    rows = models(result)
    assert sorted(str(row["ref"]) for row in rows) == ["acme/a", "acme/b"]
    for row in rows:
        error = row["error"]
        assert isinstance(error, dict) and error["code"] == 3
        assert error["message"].startswith(f"the Hub at {black_hole} did not answer")
        assert "HF_HUB_OFFLINE" not in error["message"]
    assert len(result.stderr.strip().splitlines()) == 2  # one line per model
