"""The command line surface: help, version, the default command, the error edge, start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_fakes import FakeCore, run

from openaudit import __version__
from openaudit.cli.app import app, with_default_command
from openaudit.errors import NetworkError

OPENAUDIT = str(Path(sys.executable).with_name("openaudit"))


def test_help_lists_subcommands_and_exit_codes() -> None:
    result = run(["--help"])
    assert result.exit_code == 0
    for command in ("audit", "fetch", "licenses"):
        assert command in result.stdout
    for line in (
        "0  passed",
        "1  the audit ran but the policy failed",
        "2  usage error",
        "3  evidence",
    ):
        assert line in result.stdout


def test_no_arguments_shows_help() -> None:
    result = run([])
    assert result.exit_code == 0
    assert "Usage: openaudit" in result.stdout


def test_audit_help_lists_shared_options_and_exit_codes() -> None:
    result = run(["audit", "--help"])
    assert result.exit_code == 0
    for option in (
        "--format",
        "--output",
        "--rubric",
        "--revision",
        "--token",
        "--quiet",
        "--verbose",
        "--explain",
        "--no-color",
        "--fail-under",
        "--require",
    ):
        assert option in result.stdout
    assert "table when the report goes to a terminal" in " ".join(result.stdout.split())
    assert "3  evidence unavailable" in result.stdout


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = run([flag])
    assert result.exit_code == 0
    assert result.stdout == f"openaudit {__version__}\n"


# (arguments, the whole error line): openaudit's words, never the parser library's
USAGE_ERRORS = [
    (
        ["org/m", "-f", "xml"],
        "--format: 'xml' is not one of 'table', 'json', 'markdown', 'sarif', 'spdx', "
        "'cyclonedx', 'badge', 'jsonl', 'csv', 'html'",
    ),
    (["rubrics", "list", "-f", "xml"], "--format: 'xml' is not one of 'table', 'json'"),
    (
        ["org/m", "--verb"],
        "unknown option --verb; did you mean --verbose? (see openaudit audit --help)",
    ),
    (["org/m", "--fail-under", "200"], "--fail-under: expected at most 100"),
    (["org/m", "--fail-under", "abc"], "--fail-under: expected a whole number"),
    (["org/m", "--rubric"], "--rubric needs a value"),
    (
        ["audit"],
        "nothing to audit: give a model REF, --from-file FILE, "
        "or a Hub listing (--author, --search, --filter)",
    ),
    (["rubrics", "show"], "missing NAME|PATH (see openaudit rubrics show --help)"),
    (["rubrics", "nope"], "unknown command 'nope' (see openaudit rubrics --help)"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS)
def test_usage_errors_are_said_in_plain_words(args: list[str], message: str) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert result.stderr == f"openaudit: error: {message}\n"


@pytest.mark.parametrize(
    ("args", "usage", "argument"),
    [
        (["audit", "--help"], "Usage: openaudit audit [OPTIONS] [REF]...", "  REF  Hub id"),
        (["fetch", "--help"], "Usage: openaudit fetch [OPTIONS] REF", "  REF  Hub id"),
        (["rubrics", "show", "--help"], "rubrics show [OPTIONS] NAME|PATH", "  NAME|PATH  A"),
        (["explain", "--help"], "explain [OPTIONS] PROBE-ID", "  PROBE-ID  A probe id"),
    ],
)
def test_help_shows_arguments_without_type_labels(
    args: list[str], usage: str, argument: str
) -> None:
    result = run(args)
    assert result.exit_code == 0
    assert usage in result.stdout and argument in result.stdout
    assert "<str>" not in result.stdout and "<list[str]>" not in result.stdout
    assert "{" not in result.stdout.splitlines()[0]


def test_shell_completion_is_offered() -> None:
    help_text = run(["--help"]).stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    script = run(["--show-completion", "bash"], env={"SHELL": "/bin/bash"})
    assert script.exit_code == 0 and "_OPENAUDIT_COMPLETE" in script.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [("openaudit rub", "rubrics"), ("openaudit audit org/m --for", "--format"),
     ("openaudit org/m --for", "--format")],
)  # fmt: skip
def test_shell_completion_completes_commands_and_options(words: str, expected: str) -> None:
    env = {
        **os.environ,
        "_OPENAUDIT_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    done = subprocess.run([OPENAUDIT], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == [expected]


def test_default_command_is_audit() -> None:
    implicit, explicit = FakeCore(), FakeCore()
    first = run(["org/name", "-f", "json"], implicit)
    second = run(["audit", "org/name", "-f", "json"], explicit)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    assert implicit.opened == explicit.opened == [("org/name", None, None)]


def test_options_before_the_ref_still_select_audit() -> None:
    core = FakeCore()
    result = run(["-f", "json", "--rubric", "openaudit", "org/name"], core)
    assert result.exit_code == 0, result.stderr
    assert core.opened == [("org/name", None, None)]


def test_audit_fetch_audits_a_model_named_fetch() -> None:
    core = FakeCore()
    result = run(["audit", "fetch", "-f", "json"], core)
    assert result.exit_code == 0, result.stderr
    assert core.opened == [("fetch", None, None)]
    assert json.loads(result.stdout)["models"][0]["ref"] == "fetch"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["org/m"], ["audit", "org/m"]),
        (["-f", "json", "org/m"], ["audit", "-f", "json", "org/m"]),
        (["--format=json", "org/m"], ["audit", "--format=json", "org/m"]),
        (["--quiet", "org/m"], ["audit", "--quiet", "org/m"]),
        (["fetch", "org/m"], ["fetch", "org/m"]),
        (["audit", "fetch"], ["audit", "fetch"]),
        (["-r", "fetch", "org/m"], ["audit", "-r", "fetch", "org/m"]),
        (["--", "fetch"], ["audit", "--", "fetch"]),
        (["--version"], ["--version"]),
        (["-V"], ["-V"]),
        (["--show-completion", "bash"], ["--show-completion", "bash"]),
        (["--help"], ["--help"]),
        (["-f", "json"], ["audit", "-f", "json"]),
        ([], ["--help"]),
    ],
)
def test_with_default_command(args: list[str], expected: list[str]) -> None:
    import typer

    group = typer.main.get_command(app)
    assert with_default_command(args, group) == expected  # type: ignore[arg-type]


def test_unknown_format_is_a_one_line_usage_error() -> None:
    result = run(["org/m", "--format", "xml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("openaudit: error: ")
    assert result.stderr.count("\n") == 1
    assert "xml" in result.stderr


def test_unknown_option_is_a_one_line_usage_error() -> None:
    result = run(["org/m", "--frobnicate"])
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: ") and result.stderr.count("\n") == 1


def test_missing_ref_is_a_usage_error() -> None:
    result = run(["-f", "json"])
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: ")


def test_keyboard_interrupt_exits_130_quietly() -> None:
    core = FakeCore(raise_on_open=KeyboardInterrupt())
    result = run(["org/m"], core)
    assert result.exit_code == 130
    assert "Traceback" not in result.output


def test_licenses_is_mounted_or_explained() -> None:
    result = run(["licenses", "--help"])
    if result.exit_code == 2:  # TODO(lead): remove once openaudit.cli.licenses_cmd lands
        assert (
            result.stderr
            == "openaudit: error: the licenses command is not available in this build\n"
        )
    else:
        assert result.exit_code == 0
        assert "Usage: openaudit licenses" in result.stdout


def test_token_never_printed_in_errors() -> None:
    secret = "hf_SuperSecretToken123"
    core = FakeCore(raise_on_open=NetworkError(f"401 for url with Authorization: Bearer {secret}"))
    result = run(["fetch", "org/m", "--token", secret], core)
    assert result.exit_code == 3
    assert secret not in result.output
    assert "***" in result.stderr


def test_importing_the_cli_stays_light() -> None:
    code = (
        "import sys, openaudit.cli.app; "
        "heavy = {'huggingface_hub', 'rich', 'license_expression', 'yaml', 'jsonschema'}; "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from openaudit.cli.app import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'huggingface_hub', 'rich', 'license_expression', 'yaml'}\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "[]"
