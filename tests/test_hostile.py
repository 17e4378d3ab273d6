"""Hostile input against the real CLI: lying servers, escape sequences, bad tokens, pipes.

Fixture repos under tests/fixtures/hub/models/hostile/ (hub.json "serve" makes the
fake Hub send more bytes than it lists; "synth_files" lists 25,000 files, over the
20,000 kept). A few tests run `openaudit` as a real process, for a closed pipe and
for Ctrl-C.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_samples import sample_verdict
from typer.testing import CliRunner, Result

from openaudit.cli.app import app
from openaudit.errors import UsageError
from openaudit.limits import MAX_FILES, MAX_README_BYTES
from openaudit.refs import parse_ref
from openaudit.report import Audit, ModelError, Report, RubricRef
from openaudit.report.table import render_table
from openaudit.secrets import redact

EXAMPLE = Path(__file__).parents[1] / "examples" / "open-model"
OPENAUDIT = str(Path(sys.executable).with_name("openaudit"))
TOKEN = "hf_HostileSecretToken0123456789abcdef"
# What must never reach a terminal: C0 (but newline), DEL, C1, bidi overrides and isolates.
UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour, the only escape a coloured table may hold


def invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    """The real CLI in-process; its output is not a terminal."""
    return CliRunner().invoke(app, args, env=env)


def assert_terminal_safe(text: str, *, color: bool = False) -> None:
    """No escape sequence but colour (when asked for), no control or bidi character."""
    rest = SGR.sub("", text) if color else text
    assert not UNSAFE.search(rest), repr(UNSAFE.findall(rest)[:5])


def assert_one_line_error(result: Result, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("openaudit: error: "), result.stderr
    assert_terminal_safe(result.stderr)


def fetched(ref: str) -> dict[str, Any]:
    """The evidence `openaudit fetch` saves for a fixture model."""
    result = invoke(["fetch", ref])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


# -- card text is data --------------------------------------------------------------


@pytest.mark.parametrize("color", [False, True])
def test_card_markup_and_escapes_stay_inert_in_the_table(hub: FakeHub, color: bool) -> None:
    from openaudit.cli.app_context import Services

    services = Services(stdout_isatty=lambda: color)
    result = CliRunner().invoke(
        app,
        ["hostile/markup-card", "--explain", "-f", "table"],
        obj=services,
        env={"TERM": "xterm"},
    )
    assert result.exit_code == 0, result.stderr
    assert_terminal_safe(result.stdout + result.stderr, color=color)
    assert "\x1b]" not in result.stdout  # no OSC 8 hyperlink, no window title
    assert "[bold red]mit[/bold red]" in result.stdout  # markup shown as text, not applied


def test_card_escapes_stay_escaped_in_json(hub: FakeHub) -> None:
    result = invoke(["hostile/markup-card", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert_terminal_safe(result.stdout)
    assert "\\u001b]8;;https://evil.example/" in result.stdout
    json.loads(result.stdout)


def test_unicode_model_id_is_a_one_line_escaped_error(hub: FakeHub) -> None:
    assert_one_line_error(invoke(["acme/\u202eevil\x1b[2J", "-f", "json"]), 2)


def test_one_hostile_model_in_a_batch_is_one_error_row(hub: FakeHub) -> None:
    refs = ["hostile/markup-card", "nope/\u202ebad", "nope/missing", "hostile/lying-readme"]
    result = invoke(refs)
    assert result.exit_code == 3  # the worst: not found (3) over a bad ref (2)
    models = json.loads(result.stdout)["models"]
    assert [("error" in m) for m in models] == [False, True, True, False]
    assert [m["error"]["code"] for m in models if "error" in m] == [2, 3]


# -- a server that lies about sizes --------------------------------------------------


@pytest.mark.parametrize("ref", ["hostile/lying-readme", "hostile/lying-readme-nolength"])
def test_a_readme_bigger_than_listed_is_read_bounded(hub: FakeHub, ref: str) -> None:
    evidence = fetched(ref)
    assert evidence["readme"] is None
    (problem,) = [p["message"] for p in evidence["problems"] if p["what"] == "readme"]
    assert problem.startswith("README.md is") and "limit; not read" in problem
    if ref.endswith("nolength"):  # the real size is unknown: do not claim one
        assert problem == "README.md is over the 1.0 MiB limit; not read"


def test_a_licence_bigger_than_listed_is_read_bounded(hub: FakeHub) -> None:
    (licence,) = fetched("hostile/lying-license")["license_files"]
    assert licence["text"] is None and "limit; not read" in licence["problem"]


def test_a_listing_over_the_bound_is_truncated(hub: FakeHub) -> None:
    evidence = fetched("hostile/many-files")  # 25,000 shards and its README
    assert len(evidence["files"]) == MAX_FILES and evidence["files_truncated"] is True
    cut = f"file listing cut at {MAX_FILES:,} of 25,001 files; the rest not looked at"
    assert {"what": "files", "message": cut} in evidence["problems"]  # shown in every format
    assert not any(p.endswith(".safetensors") for p in hub.paths("GET") if "/resolve/" in p)


# -- secrets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "via"),
    [
        (TOKEN + "\x00x", "flag"),  # httpx would echo the whole header, token and all
        (TOKEN + "\n" + TOKEN, "flag"),
        (TOKEN + "\x1b[2J", "env"),
        (TOKEN + "é", "env"),
        ("a b", "flag"),
        (" \r\n", "env"),
    ],
)
def test_a_malformed_token_is_refused_without_showing_it(hub: FakeHub, bad: str, via: str) -> None:
    args, env = ["acme/llama-ft", "-v"], {}
    if via == "flag":
        args += ["--token", bad]
    else:
        env["HF_TOKEN"] = bad
    result = invoke(args, env=env)
    assert_one_line_error(result, 2)
    assert "Secret" not in result.stderr + result.stdout and "not shown" in result.stderr
    assert hub.requests == []  # refused before any request


def test_a_token_read_with_its_line_end_still_works(hub: FakeHub) -> None:
    approved = "hf_ApprovedFixtureToken0123456789"
    result = invoke(["metaish/llama-3-8b", "-f", "json"], env={"HF_TOKEN": approved + "\r\n"})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["models"][0]["access"] == "full"


@pytest.mark.parametrize(
    "args",
    [
        ["acme/llama-ft", "-v"],
        ["fetch", "acme/llama-ft", "-v"],
        ["nope/missing", "-v"],
        ["metaish/llama-3-8b", "-v", "-f", "table", "--explain"],
    ],
)
def test_the_token_never_reaches_output_logs_or_evidence(hub: FakeHub, args: list[str]) -> None:
    for env, extra in (({"HF_TOKEN": TOKEN}, []), ({}, ["--token", TOKEN])):
        result = invoke([*args, *extra], env=env)
        assert TOKEN not in result.stdout + result.stderr + repr(result.exception)
        assert "Secret" not in result.stdout + result.stderr


def test_redact_masks_the_escaped_forms_an_http_error_shows() -> None:
    secret = TOKEN + "\n"
    message = f"LocalProtocolError: Illegal header value b'Bearer {TOKEN}\\n'"
    assert "Secret" not in redact(message, (secret,))
    assert redact("a b", ("",)) == "a b"


# -- output paths and pipes ----------------------------------------------------------


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke([str(EXAMPLE), "-o", str(fifo), "-q"])
    reader.join(10)
    assert result.exit_code == 0, result.stderr
    assert fifo.is_fifo()  # not replaced by a regular file (as root, /dev/null would be)
    assert json.loads(received[0])["schema_version"] == "2"


def test_output_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = invoke([str(EXAMPLE), "-o", str(link), "-q"])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and json.loads(target.read_text())["models"]


@pytest.mark.parametrize("where", ["dir", "missing/x.json"])
def test_an_unwritable_output_is_a_one_line_usage_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "dir").mkdir()
    assert_one_line_error(invoke([str(EXAMPLE), "-o", str(tmp_path / where)]), 2)


def _into_closed_pipe(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run openaudit with stdout a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [OPENAUDIT, *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        [str(EXAMPLE), str(EXAMPLE), "-f", "json", "-q"],
        [str(EXAMPLE), "-f", "table", "--explain"],
        ["licenses", "show", "mit"],
        ["rubrics", "show", "openaudit"],
    ],
)
def test_a_closed_pipe_keeps_the_exit_code_and_no_traceback(args: list[str]) -> None:
    code, stderr = _into_closed_pipe(args)
    assert code == 0, stderr  # not click's exit 1, which would read as "policy failed"
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_ctrl_c_exits_130_at_once_with_one_line(hub: FakeHub) -> None:
    hub.hold(after=1)  # model info answered; README and the rest are held unanswered
    proc = subprocess.Popen(
        # a held request must not time out (10 s by default) before the signal comes,
        # however busy the machine: the test would read exit 3, not the interrupt
        [OPENAUDIT, "openlab/open-7b", "-f", "json", "--timeout", "600"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HF_ENDPOINT": hub.url},
    )
    try:
        assert hub.wait_held(1), "no request reached the fake Hub"
        proc.send_signal(signal.SIGINT)
        # held requests are never answered while it runs: waiting for them would not end
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        hub.release()
    assert proc.returncode == 130
    assert err.decode() == "openaudit: error: interrupted\n"
    assert out == b""


# -- saved evidence ------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(fake_hub: FakeHub) -> dict[str, Any]:
    """The saved evidence of one fixture model, fetched once."""
    result = invoke(["fetch", "acme/llama-ft"], env={"HF_ENDPOINT": fake_hub.url})
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _replay(tmp_path: Path, document: Any, *extra: str) -> Result:
    path = tmp_path / "evidence.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return invoke([str(path), *extra])


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("tags", "license:mit"),  # would become one tag per character
        ("tags", {"license:mit": 1}),
        ("files", "model.safetensors"),
        ("readme", "# x\n" + "y" * MAX_README_BYTES),
        ("files", [{"path": f"f{i}", "size": 1} for i in range(MAX_FILES + 1)]),
    ],
)
def test_saved_evidence_of_the_wrong_shape_or_size_is_refused(
    tmp_path: Path, saved: dict[str, Any], key: str, value: Any
) -> None:
    assert_one_line_error(_replay(tmp_path, {**saved, key: value}), 2)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


# 60 examples: the wrong shapes and sizes above are table cases, and tests/fuzz mutates
# whole saved files through the same loader
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=st.sampled_from(["readme", "files", "license_files", "datasets", "base_models",
                            "problems", "api_card_data", "gated", "sha", "tags", "access",
                            "files_truncated", "ref"]),
       value=JSON_VALUES)  # fmt: skip
def test_any_field_value_is_audited_or_refused_in_one_line(
    tmp_path: Path, saved: dict[str, Any], key: str, value: Any
) -> None:
    result = _replay(tmp_path, {**saved, key: value}, "-f", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 2:
        assert_one_line_error(result, 2)
    else:
        assert result.exit_code in (0, 1), result.stderr
        json.loads(result.stdout)


@pytest.mark.parametrize("text", ["[" * 200_000, '{"a": ' * 50_000, "1" * 5000, "NaN", "\ufeff"])
def test_saved_evidence_that_is_not_json_is_one_line(tmp_path: Path, text: str) -> None:
    assert_one_line_error(_replay(tmp_path, text), 2)


# -- property tests: the table reporter and refs ----------------------------------------

HOSTILE_TEXT = st.lists(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(["\x1b", "\x1b]8;;", "\x07", "\x9b", "\u202e", "\u2066", "[bold]", "[/]",
                       "[link=http://e]", ":smile:", "\r", "\x08", "\x1b[31m", "\x1b\\"]),
    max_size=20,
).map("".join)  # fmt: skip


@settings(max_examples=60, deadline=None)  # each renders two tables; more: tests/fuzz
@given(ref=HOSTILE_TEXT, summary=HOSTILE_TEXT, problem=HOSTILE_TEXT, message=HOSTILE_TEXT)
def test_no_card_text_escapes_the_table(ref: str, summary: str, problem: str, message: str) -> None:
    import dataclasses

    verdict = dataclasses.replace(
        sample_verdict(ref), summary=summary, problems=((problem, summary),)
    )
    report = Report(
        (RubricRef("openaudit", "1.0"),), (Audit((verdict,)), ModelError(ref, 3, message))
    )
    assert_terminal_safe(render_table(report, explain=True))
    assert_terminal_safe(render_table(report, color=True), color=True)


@settings(max_examples=300, deadline=None)
@given(text=HOSTILE_TEXT, revision=st.none() | HOSTILE_TEXT)
def test_refs_are_parsed_or_refused_with_a_safe_message(text: str, revision: str | None) -> None:
    try:
        ref = parse_ref(text, revision)
    except UsageError as exc:
        assert "\n" not in exc.one_line()
        assert_terminal_safe(exc.one_line())
    else:
        assert ref.kind in ("hub", "local", "saved")


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        ("See [paper](https://x](https://arxiv.org/abs/2301.00001).", "https://x]("),
        ("Weights: https://[::1/model.pth", "https://[::1"),
        ('<a href="http://[bad/x.pdf">report</a>', "http://[bad"),
        ("[code][c]\n\n[c]: https://[github.com/o/r", "https://[github"),
    ],
)
def test_a_link_no_url_parser_accepts_is_no_link_and_no_crash(
    tmp_path: Path, line: str, refused: str
) -> None:
    """`urlsplit` refuses "https://[x" (a bracket that opens no IPv6 address): the card
    keeps no such link, and every rubric audits the card."""
    (tmp_path / "README.md").write_text(
        "---\nlicense: apache-2.0\nlicense_link: https://[x\n---\n# M\n\n" + line + "\n"
    )
    (tmp_path / "model.safetensors").write_bytes(b"")
    rubrics = ["-r", "openaudit", "-r", "mof", "-r", "eosai", "-r", "osaid"]
    result = invoke([str(tmp_path), *rubrics, "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert json.loads(result.stdout)["models"]
    assert refused not in result.stdout
