"""`openaudit licenses show|check` through typer's CliRunner."""

from __future__ import annotations

from typer.testing import CliRunner

from openaudit.cli.licenses_cmd import licenses_app

runner = CliRunner()


def test_show_prints_facts_and_sources() -> None:
    result = runner.invoke(licenses_app, ["show", "Llama 3.1 Community License"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Llama 3.1 Community License Agreement" in out
    assert "SPDX: LicenseRef-scancode-llama-3.1-license-2024" in out
    assert "Family: restricted" in out
    assert "OSI approved: no" in out
    assert "Confidence: high" in out
    assert "Sources:" in out and "SOURCES.md" in out


def test_show_an_unknown_licence_exits_2_with_escaped_text() -> None:
    result = runner.invoke(licenses_app, ["show", "[bold]nope[/bold]"])
    assert result.exit_code == 2
    assert "unknown licence '[bold]nope[/bold]'" in result.stderr


def test_show_a_family_tag_says_the_spdx_id_is_not_known() -> None:
    result = runner.invoke(licenses_app, ["show", "gpl"])
    assert result.exit_code == 0
    assert "SPDX: none" in result.stdout


def test_check_a_valid_expression() -> None:
    result = runner.invoke(licenses_app, ["check", "mit OR llama3"])
    assert result.exit_code == 0
    assert "Valid: MIT OR llama3" in result.stdout
    assert "most permissive option is mit" in result.stdout


def test_check_keeps_markup_in_user_text_literal() -> None:
    result = runner.invoke(licenses_app, ["check", "LicenseRef-[red]x"])
    assert result.exit_code == 2 or "[red]" in result.stdout


def test_check_an_invalid_expression_exits_2_with_one_line() -> None:
    result = runner.invoke(licenses_app, ["check", "MIT AND"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "invalid licence expression" in lines[0]


def test_check_a_contradiction_exits_2() -> None:
    result = runner.invoke(licenses_app, ["check", "gpl-3.0 AND cc-by-nc-4.0"])
    assert result.exit_code == 2
    assert "contradictory" in result.stderr


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(licenses_app, [])
    assert "show" in result.output and "check" in result.output
