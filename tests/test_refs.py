"""parse_ref: Hub ids and URLs, folders, saved evidence, and everything else refused."""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openaudit.errors import UsageError
from openaudit.evidence import Evidence
from openaudit.refs import ModelRef, is_repo_id, parse_ref
from openaudit.sources import open_evidence


@pytest.fixture(autouse=True, scope="module")
def _empty_cwd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Run in an empty folder, so no id accidentally names an existing folder."""
    with contextlib.chdir(tmp_path_factory.mktemp("empty")):
        yield


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in this test's own folder, to create files and folders there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("text", "repo_id", "revision"),
    [
        ("gpt2", "gpt2", None),
        ("openai-community/gpt2", "openai-community/gpt2", None),
        ("Org_1/Model.v2-base", "Org_1/Model.v2-base", None),
        ("_x/y_", "_x/y_", None),
        ("a/" + "n" * 96, "a/" + "n" * 96, None),
        ("https://huggingface.co/org/name", "org/name", None),
        ("http://huggingface.co/org/name/", "org/name", None),
        ("https://hf.co/org/name", "org/name", None),
        ("https://www.huggingface.co/org/name", "org/name", None),
        ("HTTPS://HuggingFace.co/org/name", "org/name", None),
        ("huggingface.co/org/name", "org/name", None),
        ("https://huggingface.co/org/name?library=transformers#top", "org/name", None),
        ("https://huggingface.co/org/name/tree/v1.0", "org/name", "v1.0"),
        ("https://huggingface.co/org/name/tree/main/sub/dir", "org/name", "main"),
        ("https://huggingface.co/org/name/blob/abc123/README.md", "org/name", "abc123"),
        ("https://huggingface.co/org/name/tree/refs%2Fpr%2F3", "org/name", "refs/pr/3"),
        ("https://huggingface.co/gpt2", "gpt2", None),
        ("https://huggingface.co/gpt2/tree/main", "gpt2", "main"),
    ],
)
def test_hub_refs(text: str, repo_id: str, revision: str | None) -> None:
    assert parse_ref(text) == ModelRef("hub", text, repo_id=repo_id, revision=revision)


def test_revision_flag_applies_to_ids_and_urls() -> None:
    assert parse_ref("org/name", "v2").revision == "v2"
    assert parse_ref("https://hf.co/org/name", "v2").revision == "v2"


def test_same_revision_in_url_and_flag_is_fine() -> None:
    assert parse_ref("https://hf.co/org/name/tree/v2", "v2").revision == "v2"


def test_conflicting_revisions_are_refused() -> None:
    with pytest.raises(UsageError, match="conflicting revisions"):
        parse_ref("https://hf.co/org/name/tree/v1", "v2")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("https://huggingface.co/datasets/org/data", "dataset"),
        ("https://hf.co/spaces/org/app", "space"),
    ],
)
def test_dataset_and_space_urls_are_refused(text: str, kind: str) -> None:
    with pytest.raises(UsageError, match=f"openaudit audits models; .* is a {kind} URL"):
        parse_ref(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "org/ name",
        "org/name ",
        "org name",
        "org/name/extra",
        "org//name",
        "/org",
        "org/",
        "org/..",
        "org/a..b",
        "org/a--b",
        "-org/name",
        "org/name-",
        ".org/name",
        "org/name.",
        "org/name.git",
        "org/" + "n" * 97,
        "org/näme",
        "org/na\x00me",
        "~\x00",
        "org/na\x1bme",
        "org/name\n",
        "https://github.com/org/name",
        "https://huggingface.co/",
        "https://huggingface.co/org/name/discussions",
        "https://huggingface.co/org/name/tree",
        "https://huggingface.co/org/name/tree/bad%20rev",
        "https://huggingface.co:99999/org/name",
        "ftp://huggingface.co/org/name",
    ],
)
def test_malformed_refs_are_refused(text: str) -> None:
    with pytest.raises(UsageError):
        parse_ref(text)


def test_error_names_the_expected_forms() -> None:
    with pytest.raises(UsageError) as info:
        parse_ref("not a model")
    assert info.value.message == (
        "not a model reference: 'not a model' (expected org/name, a Hub URL, "
        "a model folder or a saved evidence .json file)"
    )


@pytest.mark.parametrize("text", ["org/na\x1bme", "a\nb", "x\x00y", "\u202eevil", "a\rb"])
def test_errors_never_echo_control_characters(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_ref(text)
    assert info.value.one_line().isprintable()


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(UsageError) as info:
        parse_ref("x y" * 1000)
    assert len(info.value.message) < 300


@pytest.mark.parametrize(
    "text", ["./missing", "../missing", "/no/such/dir", "~/no-such-openaudit-dir", "out.json"]
)
def test_missing_paths_say_so(text: str) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        parse_ref(text)


def test_existing_folder_is_local(in_tmp: Path) -> None:
    (in_tmp / "org" / "name").mkdir(parents=True)
    assert parse_ref("org/name") == ModelRef("local", "org/name", path=Path("org/name"))
    assert parse_ref(str(in_tmp)).kind == "local"


def test_existing_json_file_is_saved(in_tmp: Path) -> None:
    (in_tmp / "evidence.JSON").write_text("{}")
    assert parse_ref("evidence.JSON") == ModelRef(
        "saved", "evidence.JSON", path=Path("evidence.JSON")
    )


def test_existing_other_file_is_refused(in_tmp: Path) -> None:
    (in_tmp / "notes.txt").write_text("hi")
    with pytest.raises(UsageError, match="is a file"):
        parse_ref("notes.txt")


def test_revision_with_a_local_ref_is_refused(in_tmp: Path) -> None:
    (in_tmp / "model").mkdir()
    with pytest.raises(UsageError, match="--revision only applies to Hub models"):
        parse_ref("./model", "main")


@pytest.mark.parametrize("revision", ["", "has space", "a\x00b", "x" * 300])
def test_bad_revisions_are_refused(revision: str) -> None:
    with pytest.raises(UsageError, match="not a valid revision"):
        parse_ref("org/name", revision)


@given(st.text(max_size=300))
def test_parse_ref_only_ever_raises_usage_error(text: str) -> None:
    try:
        ref = parse_ref(text)
    except UsageError as exc:
        assert exc.one_line().isprintable()
    else:
        assert ref.text == text


@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=50)))
def test_parse_ref_with_revision_only_ever_raises_usage_error(
    text: str, revision: str | None
) -> None:
    with contextlib.suppress(UsageError):
        parse_ref(text, revision)


_segment = st.from_regex(r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[.-][A-Za-z0-9_]){0,40}", fullmatch=True)
_repo_id = st.one_of(_segment, st.builds(lambda a, b: f"{a}/{b}", _segment, _segment)).filter(
    lambda s: not s.endswith(".git")
)


@given(_repo_id, st.one_of(st.none(), st.from_regex(r"[A-Za-z0-9._/-]{1,40}", fullmatch=True)))
def test_valid_ids_round_trip(repo_id: str, revision: str | None) -> None:
    assert is_repo_id(repo_id)
    ref = parse_ref(repo_id, revision)
    url_ref = parse_ref(f"https://huggingface.co/{repo_id}")
    assert ref == ModelRef("hub", repo_id, repo_id=repo_id, revision=revision)
    assert url_ref.repo_id == repo_id


def test_open_evidence_sends_hub_refs_to_the_hub_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, Any, Any]] = []

    def fetch_hub_evidence(
        repo_id: str, *, revision: Any, token: Any, cache: Any, branches: bool, base_cards: bool
    ) -> Evidence:
        assert cache is None  # no cache unless the caller passes one
        calls.append((repo_id, revision, token))
        return Evidence(ref=repo_id, source="hub", repo_id=repo_id, sha="abc")

    fake = types.ModuleType("openaudit.sources.hub")
    fake.fetch_hub_evidence = fetch_hub_evidence  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "openaudit.sources.hub", fake)

    evidence = open_evidence("https://hf.co/org/name/tree/v1", token="secret")

    assert calls == [("org/name", "v1", "secret")]
    assert evidence.ref == "https://hf.co/org/name/tree/v1"
    assert evidence.repo_id == "org/name"


def test_open_evidence_refuses_revision_for_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--revision"):
        open_evidence(str(tmp_path), revision="main")
