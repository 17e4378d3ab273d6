"""The Hub source, through the real huggingface_hub client, against the fake Hub."""

from __future__ import annotations

import contextlib
import json
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from fakehub import FakeHub, load_repos
from fakehub.repos import FixtureRepo, RepoEntry, card_data_from_readme

from openaudit.errors import GatedModel, ModelNotFound, NetworkError, OpenAuditError
from openaudit.evidence import Evidence, Problem
from openaudit.rubric import evaluate, load_rubric
from openaudit.sources import hub as hub_source
from openaudit.sources import hub_client, hub_links, network
from openaudit.sources.hub import fetch_hub_evidence

APPROVED = "hf_ApprovedFixtureToken0123456789"
UNAPPROVED = "hf_SomeoneElsesToken9876543210"
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pth", ".parquet", ".jsonl")
ALL_MODELS = sorted(repo_id for kind, repo_id in load_repos() if kind == "model")


def fixture_sha(repo_id: str) -> str:
    return load_repos()[("model", repo_id)].sha


def resolved(hub: FakeHub) -> list[str]:
    """The repo files fetched, as 'org/name:path'."""
    return sorted(
        f"{p.split('/resolve/')[0].lstrip('/')}:{p.split('/resolve/')[1].split('/', 1)[1]}"
        for p in hub.paths()
        if "/resolve/" in p
    )


def assert_one_line(error: OpenAuditError) -> None:
    assert "\n" not in error.message
    assert error.one_line() == " ".join(error.one_line().split())


# -- a fully open model --------------------------------------------------------


def test_open_model_evidence(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("openlab/open-7b")

    assert (ev.ref, ev.repo_id, ev.source) == ("openlab/open-7b", "openlab/open-7b", "hub")
    assert ev.sha == fixture_sha("openlab/open-7b") and ev.revision is None
    assert ev.url == f"{hub.url}/openlab/open-7b"
    assert (ev.gated, ev.access, ev.private) == (False, "full", False)
    assert (ev.library_name, ev.pipeline_tag) == ("transformers", "text-generation")
    assert "license:apache-2.0" in ev.tags and "arxiv:2403.01234" in ev.tags
    assert ev.readme is not None and ev.readme.startswith("---\nlanguage:")
    assert "## Training Data" in ev.readme
    assert ev.api_card_data is not None
    assert ev.api_card_data["license"] == "apache-2.0"
    assert ev.api_card_data["datasets"] == ["openlab/pile-lite", "openlab/instruct-mix"]
    assert ev.api_card_data["model-index"][0]["results"][0]["metrics"][0]["value"] == 54.2
    sizes = {f.path: f.size for f in ev.files}
    assert sizes["model-00001-of-00002.safetensors"] == 9_976_576_152
    assert sizes["config.json"] == len(
        (Path(__file__).parent / "fixtures/hub/models/openlab/open-7b/config.json").read_bytes()
    )
    assert not ev.files_truncated
    [licence] = ev.license_files
    assert licence.path == "LICENSE" and licence.problem is None
    assert licence.text is not None and "Apache License" in licence.text
    assert licence.size == len(licence.text.encode())
    assert ev.problems == () and ev.base_models == ()


def test_open_model_datasets(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("openlab/open-7b")

    by_id = {d.repo_id: d for d in ev.datasets}
    assert list(by_id) == ["openlab/pile-lite", "openlab/instruct-mix"]
    for linked in ev.datasets:
        assert (linked.repo_type, linked.status, linked.depth) == ("dataset", "ok", 1)
        assert linked.named_by == "openlab/open-7b" and linked.sha and linked.problem is None
    assert by_id["openlab/pile-lite"].license == "apache-2.0"
    assert by_id["openlab/instruct-mix"].license == "cc-by-4.0"
    assert "data/train-00000-of-00002.parquet" in {f.path for f in by_id["openlab/pile-lite"].files}


def test_open_model_requests(hub: FakeHub) -> None:
    fetch_hub_evidence("openlab/open-7b")

    sha = fixture_sha("openlab/open-7b")
    assert hub.requests[0].path == "/api/models/openlab/open-7b"
    assert hub.requests[0].query == "blobs=true"
    assert sorted(hub.paths()) == sorted(
        [
            "/api/models/openlab/open-7b",
            "/api/datasets/openlab/pile-lite",
            "/api/datasets/openlab/instruct-mix",
            "/api/models/openlab/open-7b/refs",
            f"/openlab/open-7b/resolve/{sha}/README.md",
            f"/openlab/open-7b/resolve/{sha}/LICENSE",
        ]
    )
    assert all(r.method == "GET" and not r.authorized for r in hub.requests)


def test_solo_model_costs_four_requests_in_two_round_trips(hub: FakeHub) -> None:
    hub.hold(after=1)  # model info answered, then the file reads wait for release()
    # a held read must not time out and be retried while a busy machine starts the other
    previous = network.current_policy()
    network.configure(timeout=60.0)
    try:
        with ThreadPoolExecutor(1) as pool:
            fetching = pool.submit(fetch_hub_evidence, "acme/solo")
            # both file reads in flight at once: one request read in turn would never
            # let a second one start while the first is held
            assert hub.wait_held(2), "README and LICENSE were not read concurrently"
            hub.release()
            ev = fetching.result(timeout=60)
    finally:
        hub.release()
        network.configure(previous)
    assert len(hub.requests) == 4  # model info, then README, LICENSE and branches
    assert resolved(hub) == ["acme/solo:LICENSE", "acme/solo:README.md"]
    assert ev.readme and ev.license_files[0].text


def test_revision_is_resolved_and_files_pinned_to_its_commit(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("openlab/open-7b", revision="v1")

    sha = fixture_sha("openlab/open-7b")
    assert (ev.revision, ev.sha) == ("v1", sha)
    assert "/api/models/openlab/open-7b/revision/v1" in hub.paths()
    assert f"/openlab/open-7b/resolve/{sha}/README.md" in hub.paths()


@pytest.mark.parametrize("repo_id", ALL_MODELS)
def test_never_downloads_weights_or_big_files(hub: FakeHub, repo_id: str) -> None:
    with contextlib.suppress(OpenAuditError):
        fetch_hub_evidence(repo_id)
    fetched = resolved(hub)
    assert not [f for f in fetched if f.endswith(WEIGHT_SUFFIXES)]
    assert "acme/huge-readme:README.md" not in fetched
    assert "acme/big-license:LICENSE" not in fetched
    assert all(r.method == "GET" for r in hub.requests), "no HEAD: files are read with one GET"


# -- derivatives and the base-model chain ------------------------------------------


def test_finetune_of_gated_restrictive_base(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/llama-ft")

    assert ev.api_card_data and ev.api_card_data["license"] == "apache-2.0"
    [base] = ev.base_models
    assert (base.repo_id, base.repo_type, base.status) == ("metaish/llama-2-7b", "model", "ok")
    assert (base.depth, base.named_by, base.relation) == (1, "acme/llama-ft", "finetune")
    assert base.gated == "manual" and base.license == "llama2"
    assert base.sha == fixture_sha("metaish/llama-2-7b")
    assert {"LICENSE.txt", "USE_POLICY.md"} <= {f.path for f in base.files}
    assert "license:llama2" in base.tags
    # One model_info per hop; of the base's files only its README is asked for (its
    # metadata declares no datasets), and the gate refuses it: reported, not fatal.
    assert "/api/models/metaish/llama-2-7b" in hub.paths()
    assert resolved(hub) == ["acme/llama-ft:README.md", "metaish/llama-2-7b:README.md"]
    [card] = ev.base_cards or ()
    assert (card.repo_id, card.text) == ("metaish/llama-2-7b", None)
    message = "metaish/llama-2-7b: gated: its README.md needs approved access; not read"
    assert Problem("base_cards", message) in ev.problems


def test_quantisation_names_its_base(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("quantfolk/open-7b-gguf")

    assert {f.path for f in ev.files if f.path.endswith(".gguf")} == {
        "open-7b.Q4_K_M.gguf",
        "open-7b.Q5_K_M.gguf",
        "open-7b.Q8_0.gguf",
    }
    [base] = ev.base_models
    assert (base.repo_id, base.relation, base.status) == ("openlab/open-7b", "quantized", "ok")
    assert base.license == "apache-2.0"
    assert ev.license_files == ()


def test_datasets_the_base_declares_are_looked_up(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("quantfolk/open-7b-gguf")

    assert [(d.repo_id, d.status, d.named_by) for d in ev.base_datasets] == [
        ("openlab/pile-lite", "ok", "openlab/open-7b"),
        ("openlab/instruct-mix", "ok", "openlab/open-7b"),
    ]
    assert [d.license for d in ev.base_datasets] == ["apache-2.0", "cc-by-4.0"]
    assert ev.datasets == ()  # the model's own: it declares none
    assert "/api/datasets/openlab/pile-lite" in hub.paths()


def test_base_dataset_lookups_are_bounded(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hub_source, "MAX_BASE_DATASETS", 1)
    ev = fetch_hub_evidence("quantfolk/open-7b-gguf")

    assert [(d.repo_id, d.status) for d in ev.base_datasets] == [
        ("openlab/pile-lite", "ok"),
        ("openlab/instruct-mix", "skipped"),
    ]
    assert "/api/datasets/openlab/instruct-mix" not in hub.paths()
    cut = "the base models declare 2 datasets; the last 1 were not looked up"
    assert Problem("base_datasets", cut) in ev.problems


def test_adapter_config_is_read_when_the_card_declares_no_base(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/bare-adapter")

    [config] = ev.config_files
    assert (config.path, config.problem) == ("adapter_config.json", None)
    assert config.text is not None and '"metaish/llama-2-7b"' in config.text
    # the base it states is looked up as a declared one: its card is asked for too, as
    # it declares no datasets (EOSAI's base data sources); it is gated, and says so
    assert resolved(hub) == [
        "acme/bare-adapter:README.md",
        "acme/bare-adapter:adapter_config.json",
        "metaish/llama-2-7b:README.md",
    ]
    assert ev.base_models == ()
    assert [(p.what, p.message.split(":")[0]) for p in ev.problems] == [
        ("base_cards", "metaish/llama-2-7b")
    ]
    assert [card.repo_id for card in ev.base_cards or ()] == ["metaish/llama-2-7b"]


def test_merge_follows_every_base(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/merge")

    assert [(b.repo_id, b.relation, b.depth) for b in ev.base_models] == [
        ("openlab/open-7b", "merge", 1),
        ("acme/solo", "merge", 1),
    ]
    assert all(b.status == "ok" for b in ev.base_models)


def test_a_base_two_chains_reach_is_read_from_its_lookup(hub: FakeHub) -> None:
    """A merge of two fine-tunes of one base (a diamond): the base is looked up once and
    listed first as looked up, then as the skip naming it; the licence lineage reads the
    lookup, so an all-apache-2.0 diamond is open, not undecided."""
    from openaudit.rubric import evaluate, load_rubric

    ev = fetch_hub_evidence("diamond/merge")

    assert [(b.repo_id, b.status, b.depth) for b in ev.base_models] == [
        ("diamond/tune-a", "ok", 1),
        ("diamond/tune-b", "ok", 1),
        ("openlab/open-7b", "ok", 2),
        ("openlab/open-7b", "skipped", 2),
    ]
    assert hub.paths().count("/api/models/openlab/open-7b") == 1
    verdict = evaluate(load_rubric("openaudit"), ev)
    found = {f.probe: f for layer in verdict.layers for f in layer.findings}
    for probe in ("weights.open_license", "usage.open_license"):
        assert (found[probe].answer, found[probe].basis) == ("yes", "stated"), found[probe].reason
    # evidence saved before the fix lists the skip first: the lineage still reads the lookup
    skip_first = (*ev.base_models[:2], *reversed(ev.base_models[2:]))
    older = evaluate(load_rubric("openaudit"), replace(ev, base_models=skip_first))
    assert [lay.level for lay in older.layers] == [lay.level for lay in verdict.layers]


def test_base_model_cycle_is_detected(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/cycle-a")

    assert [(b.repo_id, b.status, b.depth) for b in ev.base_models] == [
        ("acme/cycle-b", "ok", 1),
        ("acme/cycle-a", "skipped", 2),
    ]
    assert ev.base_models[1].problem and "cycle" in ev.base_models[1].problem
    assert hub.paths().count("/api/models/acme/cycle-a") == 1


def test_base_model_chain_is_bounded(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/chain-0")

    hops = hub_links.MAX_BASE_HOPS
    assert [b.repo_id for b in ev.base_models] == [f"acme/chain-{i}" for i in range(1, hops + 2)]
    assert [b.depth for b in ev.base_models] == list(range(1, hops + 2))
    assert [b.named_by for b in ev.base_models][:2] == ["acme/chain-0", "acme/chain-1"]
    assert all(b.status == "ok" for b in ev.base_models[:hops])
    assert ev.base_models[-1].status == "skipped"
    assert f"/api/models/acme/chain-{hops + 1}" not in hub.paths()
    cut = f"acme/chain-{hops + 1}: not followed: the base-model chain is longer than {hops} hops"
    assert Problem("base_model", cut) in ev.problems  # the cut is in the report


@pytest.mark.parametrize(
    ("repo_id", "message"),
    [
        ("acme/big-license", "LICENSE is 5.0 MB, over the 256.0 KiB limit; not read"),
        ("hostile/lying-license", "LICENSE is over the 256.0 KiB limit; not read"),
        ("acme/binary-license", "LICENSE is binary, not text"),
    ],
)
def test_a_licence_file_not_read_is_a_problem(hub: FakeHub, repo_id: str, message: str) -> None:
    assert Problem("LICENSE", message) in fetch_hub_evidence(repo_id).problems


@pytest.mark.parametrize(
    ("repo_id", "base_id"),
    [("acme/missing-base", "acme/does-not-exist"), ("acme/private-base", "acme/secret-base")],
)
def test_missing_or_private_base_is_recorded_not_fatal(
    hub: FakeHub, repo_id: str, base_id: str
) -> None:
    ev = fetch_hub_evidence(repo_id)

    [base] = ev.base_models
    assert (base.repo_id, base.status) == (base_id, "not_found")
    assert base.problem == f"model not found (or private): {base_id}"
    assert base.card_data == {} and base.sha is None


def test_missing_dataset_is_recorded_not_fatal(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/nc-model")

    [dataset] = ev.datasets
    assert (dataset.repo_id, dataset.repo_type, dataset.status) == (
        "acme/secret-corpus",
        "dataset",
        "not_found",
    )
    assert ev.license_files[0].text and "NonCommercial" in ev.license_files[0].text
    assert ev.api_card_data == {"datasets": ["acme/secret-corpus"], "license": "cc-by-nc-4.0"}
    assert {f.path for f in ev.files} == {
        "LICENSE",
        "README.md",
        "config.json",
        "pytorch_model.bin",
    }


def test_dataset_lookups_are_bounded(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hub_source, "MAX_DATASETS", 1)
    ev = fetch_hub_evidence("openlab/open-7b")

    assert [(d.repo_id, d.status) for d in ev.datasets] == [
        ("openlab/pile-lite", "ok"),
        ("openlab/instruct-mix", "skipped"),
    ]
    assert "/api/datasets/openlab/instruct-mix" not in hub.paths()


def _many_datasets(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch, count: int, gated: int | None
) -> str:
    """A model on the fake Hub declaring `count` cc-by-4.0 datasets (the one at index
    `gated` gated), each served as a dataset repo: a sentence-embedding card's list."""
    names = [f"pairs/set-{i:02}" for i in range(count)]
    for i, name in enumerate(names):
        readme = b"---\nlicense: cc-by-4.0\n---\n# Pairs\n"
        files = {"README.md": RepoEntry("README.md", len(readme), readme)}
        repo = FixtureRepo(
            "dataset", name, f"{i:040x}", files, gated="manual" if i == gated else False,
            card_data={"license": "cc-by-4.0"},
        )  # fmt: skip
        monkeypatch.setitem(hub.repos, ("dataset", name), repo)
    card = "---\nlicense: apache-2.0\ndatasets:\n" + "".join(f"- {n}\n" for n in names)
    readme = (card + "---\n# Embedder\n").encode()
    files = {
        "README.md": RepoEntry("README.md", len(readme), readme),
        "model.safetensors": RepoEntry("model.safetensors", 90_000_000, None),
    }
    card_data = card_data_from_readme(readme)
    model = FixtureRepo("model", "pairs/embedder", "e" * 40, files, card_data=card_data)
    monkeypatch.setitem(hub.repos, ("model", "pairs/embedder"), model)
    return "pairs/embedder"


# A card's 25 declared sets (an embedding model's list) are all looked up and decide
# the data: open, or partial with one gated. Past the bound (here set to 22) the rest
# are cut, a problem, and the sets read still decide the level when one of them is not
# open (gated: partial, whatever the rest), else it stays a range (EOSAI unknown; the
# default data layer partial at most, as a set not looked up never counts as open).
@pytest.mark.parametrize(
    ("bound", "gated", "endmodel", "available"),
    [
        (None, None, "open", "yes"),
        (None, 3, "partial", "no"),
        (22, None, "unknown", "unknown"),
        (22, 3, "partial", "no"),
    ],
)
def test_declared_datasets_are_looked_up_to_the_bound(
    hub: FakeHub,
    monkeypatch: pytest.MonkeyPatch,
    bound: int | None,
    gated: int | None,
    endmodel: str,
    available: str,
) -> None:
    if bound is not None:
        monkeypatch.setattr(hub_source, "MAX_DATASETS", bound)
    ev = fetch_hub_evidence(_many_datasets(hub, monkeypatch, 25, gated))

    looked_up = bound or 25
    statuses = [d.status for d in ev.datasets]
    assert (len(statuses), statuses.count("skipped")) == (25, 25 - looked_up)
    asked = [p for p in hub.paths() if p.startswith("/api/datasets/")]
    assert len(asked) == looked_up
    cut = [p.message for p in ev.problems if p.what == "datasets"]
    said = f"25 datasets named; the last {25 - looked_up} were not looked up"
    assert cut == ([said] if bound else [])
    dimensions = evaluate(load_rubric("eosai"), ev).extras["eosai"]["dimensions"]
    levels = {d["id"]: d["level"] for d in dimensions}
    assert levels["datasources_endmodel"] == endmodel
    default = evaluate(load_rubric("openaudit"), ev)
    [data] = [layer for layer in default.layers if layer.id == "data"]
    answers = {f.probe: f.answer for f in data.findings}
    assert answers["data.datasets_available"] == available
    assert data.level == ("open" if endmodel == "open" else "partial")


@pytest.mark.parametrize("bound", [None, 22])
def test_datasets_a_base_declares_are_looked_up_to_the_bound(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch, bound: int | None
) -> None:
    """A fine-tune of a base that declares 25 open sets: EOSAI's base data is decided
    (open); past the bound (here set to 22) the cut is reported and the level stays a
    range."""
    if bound is not None:
        monkeypatch.setattr(hub_source, "MAX_BASE_DATASETS", bound)
    base = _many_datasets(hub, monkeypatch, 25, None)
    readme = f"---\nlicense: apache-2.0\nbase_model: {base}\n---\n# Tuned\n".encode()
    files = {
        "README.md": RepoEntry("README.md", len(readme), readme),
        "model.safetensors": RepoEntry("model.safetensors", 90_000_000, None),
    }
    tuned = FixtureRepo(
        "model", "pairs/tuned", "f" * 40, files, card_data=card_data_from_readme(readme)
    )
    monkeypatch.setitem(hub.repos, ("model", "pairs/tuned"), tuned)
    ev = fetch_hub_evidence("pairs/tuned")

    statuses = [d.status for d in ev.base_datasets]
    assert (len(statuses), statuses.count("ok")) == (25, bound or 25)
    cut = [p.what for p in ev.problems if p.what == "base_datasets"]
    assert cut == (["base_datasets"] if bound else [])
    dimensions = evaluate(load_rubric("eosai"), ev).extras["eosai"]["dimensions"]
    level = next(d["level"] for d in dimensions if d["id"] == "datasources_basemodel")
    assert level == ("unknown" if bound else "open")


def test_file_listing_is_bounded(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hub_client, "MAX_FILES", 3)
    ev = fetch_hub_evidence("openlab/open-7b")

    assert len(ev.files) == 3 and ev.files_truncated
    assert ev.readme is not None  # found in the full listing, not only the kept part


# -- gated models ------------------------------------------------------------------


def test_gated_model_without_token_audits_api_metadata(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("metaish/llama-3-8b")

    assert (ev.gated, ev.access, ev.readme) == ("manual", "gated", None)
    assert ev.api_card_data is not None and ev.api_card_data["license"] == "llama3"
    assert "extra_gated_fields" in ev.api_card_data
    assert ev.problems[0].what == "readme"
    assert ev.problems[0].message == (
        "gated: file contents need approved access; metadata served by the Hub API was audited"
    )
    assert {f.path: f.problem for f in ev.license_files} == {
        "LICENSE": "gated: file contents need approved access",
        "USE_POLICY.md": "gated: file contents need approved access",
    }
    assert all(f.text is None for f in ev.license_files)


def test_gated_model_with_approved_token(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("metaish/llama-3-8b", token=APPROVED)

    assert (ev.gated, ev.access) == ("manual", "full")
    assert ev.readme is not None and "Llama 3" in ev.readme
    assert all(f.text for f in ev.license_files)
    assert ev.problems == ()
    assert hub.requests and all(r.authorized for r in hub.requests)


def test_gated_model_with_unapproved_token(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("metaish/llama-3-8b", token=UNAPPROVED)

    assert ev.access == "gated" and ev.readme is None
    assert UNAPPROVED not in json.dumps(ev.to_dict())


def test_gated_metadata_raises_gated_model(hub: FakeHub) -> None:
    with pytest.raises(GatedModel) as caught:
        fetch_hub_evidence("metaish/locked-model", token=UNAPPROVED)
    assert (
        caught.value.message == "metaish/locked-model is gated and its metadata could not be read"
    )
    assert caught.value.hint and "--token" in caught.value.hint
    assert UNAPPROVED not in caught.value.one_line()
    assert_one_line(caught.value)


def test_token_is_sent_but_never_recorded(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("openlab/open-7b", token=APPROVED)

    assert len(hub.requests) == 6 and all(r.authorized for r in hub.requests)
    assert APPROVED not in json.dumps(ev.to_dict())
    assert APPROVED not in repr(hub.requests)


def test_no_token_means_no_authorization(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", APPROVED)  # the CLI resolves HF_TOKEN; the source does not
    ev = fetch_hub_evidence("metaish/llama-3-8b")

    assert ev.access == "gated"
    assert not any(r.authorized for r in hub.requests)


# -- bad inputs -------------------------------------------------------------------


def test_huge_readme_is_not_fetched(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/huge-readme")

    assert ev.readme is None
    assert [(p.what, p.message) for p in ev.problems] == [
        ("readme", "README.md is 50.0 MB, over the 1.0 MiB limit; not read")
    ]
    assert resolved(hub) == ["acme/huge-readme:LICENSE"]


def test_big_licence_is_not_fetched(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/big-license")

    [licence] = ev.license_files
    assert (licence.path, licence.text, licence.size) == ("LICENSE", None, 5_000_000)
    assert licence.problem == "LICENSE is 5.0 MB, over the 256.0 KiB limit; not read"
    assert resolved(hub) == ["acme/big-license:README.md"]


def test_latin1_readme(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/latin1-readme")

    assert ev.readme is None
    assert [(p.what, p.message) for p in ev.problems] == [
        ("readme", "README.md is not valid UTF-8")
    ]
    assert ev.license_files[0].text and "MIT License" in ev.license_files[0].text


def test_binary_licence(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/binary-license")

    [licence] = ev.license_files
    assert licence.text is None and licence.problem == "LICENSE is binary, not text"


@pytest.mark.parametrize(
    ("repo_id", "card_data"),
    [
        ("acme/broken-yaml", None),
        ("acme/yaml-bomb", None),
        ("acme/list-front-matter", None),
        ("acme/scalar-front-matter", None),
        ("acme/empty-card", None),
        ("acme/license-list", {"license": ["mit", "apache-2.0"]}),
        ("acme/license-number", {"license": 42}),
    ],
)
def test_odd_front_matter_is_read_not_judged(
    hub: FakeHub, repo_id: str, card_data: dict[str, object] | None
) -> None:
    ev = fetch_hub_evidence(repo_id)

    assert ev.api_card_data == card_data
    assert ev.readme is not None  # parsing the card is card.py's job
    assert ev.problems == ()


def test_empty_readme_is_empty_text(hub: FakeHub) -> None:
    assert fetch_hub_evidence("acme/empty-card").readme == ""


def test_card_data_the_client_rejects_is_kept_raw(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("acme/bad-model-index")

    assert ev.api_card_data is not None
    source = ev.api_card_data["model-index"][0]["results"][0]["source"]
    assert source == {"name": "a leaderboard without a url"}


# -- errors -------------------------------------------------------------------------


def test_unknown_model(hub: FakeHub) -> None:
    with pytest.raises(ModelNotFound) as caught:
        fetch_hub_evidence("nobody/nothing")
    assert caught.value.message == "model not found: nobody/nothing"
    assert_one_line(caught.value)
    assert len(hub.requests) == 1


def test_private_model_is_not_found(hub: FakeHub) -> None:
    with pytest.raises(ModelNotFound, match=r"^model not found: acme/secret-base$"):
        fetch_hub_evidence("acme/secret-base", token=UNAPPROVED)


def test_bad_revision(hub: FakeHub) -> None:
    with pytest.raises(ModelNotFound) as caught:
        fetch_hub_evidence("openlab/open-7b", revision="no-such-branch")
    assert caught.value.message == "revision not found: no-such-branch of openlab/open-7b"


@pytest.mark.parametrize("mode", ["close", "500", "503"])
def test_network_fault_on_model_info(hub: FakeHub, mode: str) -> None:
    attempts = network.current_policy().attempts
    hub.fail_next(attempts, mode)  # type: ignore[arg-type]  # every attempt fails
    with pytest.raises(NetworkError) as caught:
        fetch_hub_evidence("openlab/open-7b", token=APPROVED)
    error = caught.value
    if mode == "close":
        assert error.message == (
            f"could not reach the Hub at {hub.url}: "
            f"the connection was closed without an answer ({attempts} tries)"
        )
        assert error.hint == "check the network and HF_ENDPOINT"
    else:
        assert error.message == f"the Hub at {hub.url} failed: HTTP {mode} ({attempts} tries)"
        assert error.hint == "the Hub is failing; try again later"
    assert "HF_HUB_OFFLINE" not in error.one_line()  # not set, so not mentioned
    assert APPROVED not in error.one_line()
    assert_one_line(error)
    assert len(hub.requests) == attempts


@pytest.mark.parametrize("mode", ["close", "503", "429"])
def test_a_transient_fault_is_retried(hub: FakeHub, mode: str) -> None:
    hub.fail_next(4, mode)  # type: ignore[arg-type]  # model_info fails four times, then answers
    evidence = fetch_hub_evidence("acme/solo")
    assert evidence.readme is not None
    infos = [p for p in hub.paths() if p.startswith("/api/") and not p.endswith("/refs")]
    assert infos == ["/api/models/acme/solo"] * 5


def test_repeated_429_with_retry_after_is_waited_out(hub: FakeHub) -> None:
    hub.fail_next(12, "429")  # more 429s than the 5 tries a failing server gets
    evidence = fetch_hub_evidence("acme/solo")
    assert evidence.readme is not None
    assert len(hub.requests) == 12 + 4  # model info, refs, README, LICENSE


def test_a_429_that_never_ends_is_a_rate_limit_error(hub: FakeHub) -> None:
    hub.fail_next(100, "429")
    with pytest.raises(NetworkError) as caught:
        fetch_hub_evidence("acme/solo")
    assert caught.value.message.startswith(f"the Hub at {hub.url} is rate-limiting requests: ")
    assert "--token" in (caught.value.hint or "") and "--jobs" in (caught.value.hint or "")
    assert len(hub.requests) == network.current_policy().max_rate_tries


def test_a_bare_401_names_the_token_as_the_remedy(hub: FakeHub) -> None:
    hub.fail_next(1, "401")  # no X-Error-Code: the client cannot tell gated from private
    with pytest.raises(OpenAuditError) as caught:
        fetch_hub_evidence("acme/solo")
    assert caught.value.exit_code == 3
    assert caught.value.message == "the Hub refused access to acme/solo (HTTP 401)"
    assert "--token or HF_TOKEN" in (caught.value.hint or "")
    assert "gated" in (caught.value.hint or "")
    assert "HF_HUB_OFFLINE" not in caught.value.one_line()


def test_offline_mode_is_named_only_when_it_is_set() -> None:
    from huggingface_hub.errors import OfflineModeIsEnabled

    hub_client_ = hub_client.HubClient.create("http://127.0.0.1:9", None)
    error = hub_client_.fatal(OfflineModeIsEnabled("offline"), "acme/solo", None)
    assert error.hint == "HF_HUB_OFFLINE is set: unset it to reach the Hub"


def test_a_hub_that_never_answers_fails_within_the_timeout() -> None:
    previous = network.current_policy()
    network.configure(timeout=0.4)
    try:
        with socket.socket() as black_hole:  # accepts connections (backlog), never answers
            black_hole.bind(("127.0.0.1", 0))
            black_hole.listen(64)
            port = black_hole.getsockname()[1]
            with pytest.raises(NetworkError) as caught:
                fetch_hub_evidence("openlab/open-7b", endpoint=f"http://127.0.0.1:{port}")
    finally:
        network.configure(previous)
    assert caught.value.message == (
        f"the Hub at http://127.0.0.1:{port} did not answer: no answer within 0.4 s"
    )
    assert "--timeout" in (caught.value.hint or "")
    assert_one_line(caught.value)


def test_a_transient_fault_on_a_file_read_is_retried(hub: FakeHub) -> None:
    hub.fail_next(1, "close", after=1)
    assert fetch_hub_evidence("acme/solo").readme is not None


def test_network_fault_on_file_read_is_fatal(hub: FakeHub) -> None:
    hub.fail_next(20, "close", after=1)  # every file read fails, retries included
    with pytest.raises(NetworkError):
        fetch_hub_evidence("acme/solo")


def test_unreachable_endpoint(hub: FakeHub) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(NetworkError) as caught:
        fetch_hub_evidence("openlab/open-7b", endpoint=f"http://127.0.0.1:{port}/")
    assert caught.value.message.startswith(f"could not reach the Hub at http://127.0.0.1:{port}: ")
    assert_one_line(caught.value)


def test_endpoint_is_read_at_call_time(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", hub.url + "/")
    ev = fetch_hub_evidence("acme/solo")
    assert ev.url == f"{hub.url}/acme/solo"
    # what was asked of this hub for the model (a retry after a dropped connection on a
    # loaded machine asks the same again; the request counts are tested elsewhere)
    own = {(r.method, r.path) for r in hub.requests if "acme/solo" in r.path}
    assert len(own) == 4, sorted(own)


# -- serialisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "repo_id", ["openlab/open-7b", "acme/llama-ft", "metaish/llama-3-8b", "acme/cycle-a"]
)
def test_evidence_round_trips_through_json(hub: FakeHub, repo_id: str) -> None:
    ev = fetch_hub_evidence(repo_id)
    again = Evidence.from_dict(json.loads(json.dumps(ev.to_dict())))
    assert again == ev


# -- the fake Hub itself, as the client's other calls see it ---------------------------


def test_fake_hub_serves_hf_hub_download(hub: FakeHub, tmp_path: Path) -> None:
    from huggingface_hub import hf_hub_download

    path = hf_hub_download(
        "openlab/open-7b", "config.json", endpoint=hub.url, cache_dir=tmp_path, token=False
    )
    stored = Path(__file__).parent / "fixtures/hub/models/openlab/open-7b/config.json"
    assert Path(path).read_bytes() == stored.read_bytes()
    assert [r.method for r in hub.requests] == ["HEAD", "GET"]


def test_fake_hub_error_codes_map_to_client_errors(hub: FakeHub, tmp_path: Path) -> None:
    from huggingface_hub import HfApi, hf_hub_download
    from huggingface_hub.errors import GatedRepoError, RemoteEntryNotFoundError

    with pytest.raises(RemoteEntryNotFoundError):
        hf_hub_download("acme/solo", "nope.txt", endpoint=hub.url, cache_dir=tmp_path, token=False)
    with pytest.raises(GatedRepoError):
        hf_hub_download(
            "metaish/llama-3-8b", "README.md", endpoint=hub.url, cache_dir=tmp_path, token=False
        )
    tree = HfApi(endpoint=hub.url).list_repo_files("metaish/llama-3-8b", token=False)
    assert "original/params.json" in tree and "README.md" in tree


def test_branches_are_listed_for_intermediate_checkpoints(hub: FakeHub) -> None:
    ev = fetch_hub_evidence("openlab/open-7b")
    assert ev.branches is not None and "main" in ev.branches


def test_a_hub_without_a_refs_listing_leaves_branches_unlisted(hub: FakeHub) -> None:
    hub.refs_listed = False
    ev = fetch_hub_evidence("acme/solo")
    assert ev.branches is None and ev.problems == ()


def test_datasets_past_the_lookup_bound_are_a_problem(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub_source, "MAX_DATASETS", 1)
    ev = fetch_hub_evidence("openlab/open-7b")
    assert Problem("datasets", "2 datasets named; the last 1 were not looked up") in ev.problems
    assert [d.status for d in ev.datasets] == ["ok", "skipped"]
