"""The evidence cache through the CLI and the fake Hub: reuse, corruption, offline, privacy."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from fakehub import FakeHub
from typer.testing import CliRunner, Result

from openaudit.cli.app import app
from openaudit.evidence import Evidence
from openaudit.sources.cache import LAYOUT, EvidenceCache
from openaudit.sources.hub import fetch_hub_evidence

TOKEN = "hf_ApprovedFixtureToken0123456789"  # approved for the gated fixtures


def invoke(args: list[str], env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(app, args, env={"HF_TOKEN": None, **(env or {})})


def scores(result: Result) -> list[object]:
    return [(m["ref"], m.get("score"), m.get("error")) for m in json.loads(result.stdout)["models"]]


def test_a_rerun_costs_only_the_revision_check(hub: FakeHub, tmp_path: Path) -> None:
    args = ["openlab/open-7b", "acme/llama-ft", "--cache-dir", str(tmp_path), "-f", "json"]
    first = invoke(args)
    assert first.exit_code == 0, first.stderr
    hub.reset()
    second = invoke(args)
    assert scores(second) == scores(first)
    assert sorted(hub.paths()) == ["/api/models/acme/llama-ft", "/api/models/openlab/open-7b"]


def test_a_listed_model_in_the_cache_costs_nothing_but_the_listing(
    hub: FakeHub, tmp_path: Path
) -> None:
    args = ["--author", "openlab", "--cache-dir", str(tmp_path), "-f", "json", "-q"]
    invoke(args)
    hub.reset()
    assert invoke(args).exit_code == 0
    assert hub.paths() == ["/api/models"]


def test_a_corrupt_entry_is_fetched_again(hub: FakeHub, tmp_path: Path) -> None:
    args = ["acme/solo", "--cache-dir", str(tmp_path), "-f", "json"]
    first = invoke(args)
    (entry,) = tmp_path.glob(f"{LAYOUT}/acme/solo/*.json")
    entry.write_text('{"format": "openaudit-evidence", "truncat', encoding="utf-8")
    hub.reset()
    second = invoke(args)
    assert scores(second) == scores(first)
    assert len(hub.requests) > 1  # read from the Hub again
    json.loads(entry.read_text(encoding="utf-8"))  # and the entry is whole again


def test_offline_audits_from_the_cache_alone(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ["--cache-dir", str(tmp_path)]
    first = invoke(["acme/solo", *cache, "-f", "json"])
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens: no network
    offline = invoke(["acme/solo", "acme/nc-model", "--offline", *cache, "-f", "json"])
    assert offline.exit_code == 3
    (solo, missing) = scores(offline)
    assert solo == scores(first)[0]
    assert missing[2] == {
        "code": 3,
        "message": "acme/nc-model is not in the evidence cache (--offline) "
        "(run once without --offline to fill the cache)",
    }


def test_no_cache_writes_nothing(hub: FakeHub, tmp_path: Path) -> None:
    invoke(["acme/solo", "--cache-dir", str(tmp_path), "--no-cache", "-f", "json"])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["acme/solo", "--offline", "--no-cache"], "cannot go with --no-cache"),
        (["--author", "acme", "--offline"], "needs the Hub, not --offline"),
    ],
)
def test_offline_clashes(args: list[str], message: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_token_reads_are_kept_apart_and_never_hold_the_token(hub: FakeHub, tmp_path: Path) -> None:
    cache = EvidenceCache(tmp_path)
    gated = fetch_hub_evidence("metaish/llama-3-8b", token=TOKEN, cache=cache)
    assert gated.readme is not None  # read with access
    anonymous = fetch_hub_evidence("metaish/llama-3-8b", cache=cache)
    assert anonymous.readme is None  # the token run's README is not served without a token
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN not in path.read_text(encoding="utf-8")


def test_private_models_and_odd_shas_are_not_cached(tmp_path: Path) -> None:
    cache = EvidenceCache(tmp_path)
    private = Evidence(ref="acme/x", source="hub", repo_id="acme/x", sha="a" * 40, private=True)
    cache.put(private, None, token=True)
    odd = Evidence(ref="acme/y", source="hub", repo_id="acme/y", sha="../../../etc/x")
    cache.put(odd, None, token=False)
    assert list(tmp_path.rglob("*")) == []


def test_two_writers_never_leave_half_an_entry(hub: FakeHub, tmp_path: Path) -> None:
    evidence = fetch_hub_evidence("openlab/open-7b")
    cache = EvidenceCache(tmp_path)
    threads = [
        threading.Thread(target=cache.put, args=(evidence, None), kwargs={"token": False})
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("openlab/open-7b", evidence.sha, token=False) == evidence
    assert not list(tmp_path.rglob("*.tmp"))
