"""`base_model` and `datasets` entries written as Hub URLs are read as the repo ids they
point at, where the metadata is parsed; any other URL stays as written (and is no id).

The Hub's own card data may keep such a URL or leave it out: either way the base and the
dataset are looked up and judged as declared ones, and the problems say how they were read.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fakehub import FakeHub
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from openaudit.card import parse_card
from openaudit.cli.app import app
from openaudit.hub_refs import MAX_URL_CHARS, repo_id_of, with_repo_ids
from openaudit.sources.hub import fetch_hub_evidence

HF = "https://huggingface.co"

# (case, base_model as written, datasets as written, base_model read, datasets read)
READ: list[tuple[str, Any, Any, Any, Any]] = [
    ("model URL and dataset URL", f"{HF}/org/base-7b", [f"{HF}/datasets/org/corpus"],
     "org/base-7b", ["org/corpus"]),
    ("hf.co, no scheme, a tree path", "hf.co/org/base-7b/tree/main", "hf.co/datasets/org/c",
     "org/base-7b", "org/c"),
    ("a list of bases, one an id", [f"{HF}/org/a", "org/b"], None, ["org/a", "org/b"], None),
    ("a query and a fragment", f"{HF}/org/base?x=1#top", None, "org/base", None),
    ("a legacy dataset name", None, f"{HF}/datasets/librispeech_asr", None, "librispeech_asr"),
    # a dataset's config or split beside its id (as a loader takes them): the id
    ("a dataset config after a colon", None, ["org/corpus:default"], None, ["org/corpus"]),
    ("a dataset config after a space", None, "org/corpus en", None, "org/corpus"),
    ("a dataset split as a third part", None, ["org/corpus/train", "org/b"], None,
     ["org/corpus", "org/b"]),
    # negative twins: left as written
    ("a bare name with a config", None, ["glue sst2"], None, ["glue sst2"]),
    ("a config under base_model", "org/base:main", None, "org/base:main", None),
    ("no id before the config", None, ["org/..:en"], None, ["org/..:en"]),
    ("four path parts", None, ["org/corpus/en/train"], None, ["org/corpus/en/train"]),
    ("ids already", "org/base-7b", ["org/corpus"], "org/base-7b", ["org/corpus"]),
    ("another host", "https://example.com/org/base", "https://example.com/datasets/org/c",
     "https://example.com/org/base", "https://example.com/datasets/org/c"),
    ("a look-alike host", "https://huggingface.co.evil.example/org/base", None,
     "https://huggingface.co.evil.example/org/base", None),
    ("a user name in the URL", "https://me@huggingface.co/org/base", None,
     "https://me@huggingface.co/org/base", None),
    ("a port", "https://huggingface.co:8443/org/base", None,
     "https://huggingface.co:8443/org/base", None),
    ("a dataset under base_model", f"{HF}/datasets/org/c", None, f"{HF}/datasets/org/c", None),
    ("a model under datasets", None, f"{HF}/org/base", None, f"{HF}/org/base"),
    ("a Space", f"{HF}/spaces/org/demo", None, f"{HF}/spaces/org/demo", None),
    ("a Hub page", f"{HF}/models", None, f"{HF}/models", None),
    ("not an id's shape", f"{HF}/org/..", None, f"{HF}/org/..", None),
    ("too long", f"{HF}/org/{'b' * MAX_URL_CHARS}", None, f"{HF}/org/{'b' * MAX_URL_CHARS}",
     None),
]  # fmt: skip


def front(base: Any, datasets: Any) -> str:
    meta = {"license": "mit"}
    meta.update({k: v for k, v in (("base_model", base), ("datasets", datasets)) if v})
    return f"---\n{json.dumps(meta)}\n---\n# M\n"


@pytest.mark.parametrize(("base", "datasets", "base_read", "datasets_read"),
                         [r[1:] for r in READ], ids=[r[0] for r in READ])  # fmt: skip
def test_hub_urls_in_metadata_are_read_as_ids(
    base: Any, datasets: Any, base_read: Any, datasets_read: Any
) -> None:
    card = parse_card(front(base, datasets))
    assert card.metadata.get("base_model") == base_read
    assert card.metadata.get("datasets") == datasets_read
    assert card.metadata["license"] == "mit"
    rewritten = [v for v in (base, datasets) if v] != [v for v in (base_read, datasets_read) if v]
    assert bool(card.metadata_notes) == rewritten
    said = ("is a Hub URL: read as", "names a config or split: read as")
    assert all(any(words in note for words in said) for note in card.metadata_notes)


# -- through the fake Hub and the CLI ---------------------------------------------------


def audit(ref: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [ref, "--format", "json"], env={"HF_TOKEN": None})
    assert result.exit_code in (0, 1), result.stderr
    [model] = json.loads(result.stdout)["models"]
    return dict(model)


def finding(model: dict[str, Any], probe: str) -> tuple[str, str, str]:
    found = [f for layer in model["layers"] for f in layer["findings"] if f["probe"] == probe]
    return found[0]["answer"], found[0]["basis"], found[0]["reason"]


@pytest.mark.parametrize("ref", ["urlcards/url-ft", "urlcards/url-ft-unserved"])
def test_a_base_and_dataset_given_as_hub_urls_are_looked_up(hub: FakeHub, ref: str) -> None:
    evidence = fetch_hub_evidence(ref)
    assert [(r.repo_id, r.status) for r in evidence.base_models] == [("openlab/open-7b", "ok")]
    assert [(r.repo_id, r.status) for r in evidence.datasets] == [("openlab/pile-lite", "ok")]

    model = audit(ref)
    assert finding(model, "usage.base_compatible")[:2] == ("yes", "stated")
    assert finding(model, "data.datasets_available")[:2] == ("yes", "stated")
    problems = [p["message"] for p in model["problems"]]
    assert (
        "`base_model` entry 'https://huggingface.co/openlab/open-7b' is a Hub URL: read as "
        "openlab/open-7b" in problems
    )


def test_a_dataset_named_with_its_config_is_looked_up_by_its_id(hub: FakeHub) -> None:
    # `datasets: [openlab/pile-lite:default]`: the client refuses the entry as an id, so
    # the set was never looked up; read as its id, it is found, and the note says so
    evidence = fetch_hub_evidence("urlcards/config-ft")
    assert [(r.repo_id, r.status) for r in evidence.datasets] == [("openlab/pile-lite", "ok")]
    assert evidence.card.metadata_notes == (
        "`datasets` entry 'openlab/pile-lite:default' names a config or split: read as "
        "openlab/pile-lite",
    )


def test_a_url_on_another_host_is_not_looked_up(hub: FakeHub) -> None:
    evidence = fetch_hub_evidence("urlcards/other-host-ft")
    # no id: the client refuses it before any request
    assert [(r.repo_id, r.status) for r in evidence.base_models] == [
        ("https://example.com/openlab/open-7b", "error")
    ]
    assert not [p for p in hub.paths() if "open-7b" in p or "pile-lite" in p]

    answer, _, reason = finding(audit("urlcards/other-host-ft"), "usage.base_compatible")
    assert answer == "unknown"
    assert "could not read model https://example.com/openlab/open-7b" in reason


# -- the reader's properties ------------------------------------------------------------

ID_PART = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9_]|[.-](?=[A-Za-z0-9_])){0,30}", fullmatch=True)
HOSTILE = st.one_of(
    st.text(max_size=400),
    st.builds(lambda tail: f"{HF}/{tail}", st.text(max_size=80)),
    st.builds(lambda tail: f"hf.co/datasets/{tail}", st.text(max_size=80)),
)


@given(HOSTILE, st.sampled_from(["base_model", "datasets", "license"]))
def test_any_entry_reads_as_a_well_formed_id_or_stays_as_written(text: str, key: str) -> None:
    found = repo_id_of(text, key)
    if found is not None:
        assert key != "license"
        assert re.fullmatch(r"[\w.-]+(?:/[\w.-]+)?", found, re.ASCII)
        assert ".." not in found and "--" not in found
        url = text.strip().lower().startswith(("https://", "http://", "hf.co/", "huggingface"))
        # a dataset's config or split cut off: the id is where the entry starts
        assert url or (key == "datasets" and text.strip().startswith(found) and found != text)
    read, notes = with_repo_ids({key: [text, 3, None]})
    assert read[key][1:] == [3, None]
    assert read[key][0] == (found if found is not None else text)
    assert len(notes) == (found is not None)
    assert with_repo_ids(read)[0] == read  # an id read from a URL is read as itself


@given(ID_PART, ID_PART, st.sampled_from(["", "/tree/main", "?x=1"]))
def test_the_url_of_an_id_reads_as_that_id(owner: str, name: str, tail: str) -> None:
    assert repo_id_of(f"{HF}/{owner}/{name}{tail}", "base_model") == f"{owner}/{name}"
    assert repo_id_of(f"{HF}/datasets/{owner}/{name}{tail}", "datasets") == f"{owner}/{name}"
    assert repo_id_of(f"https://example.org/{owner}/{name}", "base_model") is None
