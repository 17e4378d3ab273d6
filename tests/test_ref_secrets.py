"""A token typed inside a reference never reaches any output: only its masked form does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakehub import FakeHub
from typer.testing import CliRunner, Result

from openaudit.cli.app import app
from openaudit.secrets import looks_like_token, redact_ref, secrets_in

TOKEN = "hf_TypedIntoTheReference0123456789abcd"
ORG_TOKEN = "api_org_TypedIntoTheReference0123456789ab"


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(app, args)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("org/name", "org/name"),
        (
            f"https://huggingface.co/org/name?token={TOKEN}",
            "https://huggingface.co/org/name?token=***",
        ),
        (
            "https://huggingface.co/org/name?access_token=abc&x",
            "https://huggingface.co/org/name?access_token=***&***",
        ),
        ("https://user:secret@huggingface.co/org/name", "https://***@huggingface.co/org/name"),
        (TOKEN, "***"),
        (f"org/{TOKEN}", "org/***"),
        (f"prefix {ORG_TOKEN} suffix", "prefix *** suffix"),
        ("https://huggingface.co/org/name/tree/main", "https://huggingface.co/org/name/tree/main"),
        ("hf_short", "hf_short"),  # too short to be a token: a model may be called that
        ("org/hf_tiny_random_model", "org/hf_tiny_random_model"),
    ],
)
def test_a_reference_is_shown_with_its_secrets_masked(typed: str, shown: str) -> None:
    assert redact_ref(typed) == shown


def test_tokens_are_found_and_recognised() -> None:
    assert looks_like_token(TOKEN) and looks_like_token(f" {ORG_TOKEN}\n")
    assert not looks_like_token(f"org/{TOKEN}")
    assert secrets_in(f"https://hf.co/{TOKEN}/x?t={TOKEN}") == (TOKEN,)


def _assert_nowhere(result: Result, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in result.stdout + result.stderr + repr(result.exception)


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_token_in_a_hub_url_query_is_masked_in_the_report(hub: FakeHub, fmt: str) -> None:
    ref = f"https://huggingface.co/openlab/open-7b?token={TOKEN}"
    result = invoke([ref, "-f", fmt, "-v"])
    assert result.exit_code == 0, result.stderr
    _assert_nowhere(result, TOKEN)
    if fmt == "json":
        [model] = json.loads(result.stdout)["models"]
        assert model["ref"] == "https://huggingface.co/openlab/open-7b?token=***"
    assert all(TOKEN not in request.query for request in hub.requests)  # nor sent anywhere


def test_a_token_in_a_url_is_masked_in_saved_evidence_and_its_replay(
    hub: FakeHub, tmp_path: Path
) -> None:
    saved = tmp_path / "evidence.json"
    fetched = invoke(["fetch", f"https://huggingface.co/acme/solo?token={TOKEN}", "-o", str(saved)])
    assert fetched.exit_code == 0, fetched.stderr
    _assert_nowhere(fetched, TOKEN)
    assert TOKEN not in saved.read_text()
    replay = invoke([str(saved), "-f", "json"])
    assert json.loads(replay.stdout)["models"][0]["ref"].endswith("?token=***")


def test_a_bare_token_as_a_reference_is_refused_without_showing_it(hub: FakeHub) -> None:
    result = invoke([TOKEN, "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: the reference looks like an access token")
    [entry] = json.loads(result.stdout)["models"]
    assert entry["ref"] == "***" and entry["error"]["code"] == 2
    _assert_nowhere(result, TOKEN)
    assert hub.requests == []  # and not sent to the Hub as a model name


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_token_as_a_path_segment_is_masked_in_the_error_entry(hub: FakeHub, fmt: str) -> None:
    result = invoke(["openlab/open-7b", f"acme/{TOKEN}", "-f", fmt])
    assert result.exit_code == 3
    _assert_nowhere(result, TOKEN)
    assert "acme/***" in result.stdout


def test_a_token_in_a_folder_name_is_masked(tmp_path: Path) -> None:
    folder = tmp_path / TOKEN
    folder.mkdir()
    (folder / "README.md").write_text("---\nlicense: mit\n---\n# A model\n")
    result = invoke([str(folder), "-f", "json"])
    _assert_nowhere(result, TOKEN)
    assert json.loads(result.stdout)["models"][0]["ref"] == f"{tmp_path}/***"


def test_verbose_says_what_is_read(hub: FakeHub) -> None:
    result = invoke(["openlab/open-7b", "-v", "-f", "json", "--token", TOKEN])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    for expected in (
        "openaudit: [1/1] auditing openlab/open-7b",
        f"openaudit: reading model info of openlab/open-7b at main from {hub.url}",
        "openaudit: reading README.md, LICENSE at ",
        "openaudit: reading dataset openlab/pile-lite (named by openlab/open-7b)",
    ):
        assert any(line.startswith(expected) for line in lines), result.stderr
    _assert_nowhere(result, TOKEN)


def test_a_junk_short_token_does_not_mangle_the_report(hub: FakeHub) -> None:
    result = CliRunner().invoke(app, ["openlab/open-7b", "-f", "json"], env={"HF_TOKEN": "1"})
    document = json.loads(result.stdout)  # still valid JSON: no 1 became ***
    assert document["schema_version"] == "2"


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_credentials_in_hf_endpoint_are_never_shown(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """user:password@ and ?token= in HF_ENDPOINT are masked, also in a 'not found' error."""
    password = "Endpoint-Passw0rd-Typed"
    endpoint = hub.url.replace("://", f"://user:{password}@") + f"?token={TOKEN}"
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    for ref in ("openlab/open-7b", "nobody/no-such-model"):
        result = invoke([ref, "--format", fmt])
        assert result.exit_code in (0, 1, 2, 3), result.output
        _assert_nowhere(result, password, TOKEN)
