"""The README's contracts stay in step with the command line."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from openaudit.cli.app import app
from openaudit.errors import ExitCode

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "pip install . && openaudit examples/open-model" in first_block
    assert "pip install -e '.[test]' && python -m pytest" in first_block


def test_exit_code_table_matches_the_contract() -> None:
    rows = dict(re.findall(r"^\| (\d) \| (.+?) \|$", README, flags=re.MULTILINE))
    assert sorted(int(code) for code in rows) == sorted(int(code) for code in ExitCode)
    help_text = CliRunner().invoke(app, ["--help"]).stdout
    for code in ExitCode:
        assert re.search(rf"^\s+{int(code)}\s+\S", help_text, flags=re.MULTILINE), code


def test_every_command_is_in_the_readme() -> None:
    help_text = CliRunner().invoke(app, ["--help"]).stdout
    commands = re.findall(r"^  (\w+)\s{2,}", help_text.split("Commands:", 1)[1], re.MULTILINE)
    assert commands, help_text
    for command in commands:
        assert f"openaudit {command}" in README, command


ROOT = Path(__file__).parents[1]


def test_every_document_the_readme_and_docs_link_to_is_in_the_repository() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" not in target:
                assert (page.parent / target).exists(), f"{page.name} links to {target}"


def test_the_design_is_cited_where_it_is() -> None:
    cited = [
        ROOT / "README.md",
        *sorted((ROOT / "docs").rglob("*.md")),
        *sorted((ROOT / "src/openaudit/rubrics").glob("*.yaml")),
    ]
    for path in cited:
        assert "DESIGN.md" not in path.read_text(encoding="utf-8"), path  # not in this repo
    assert (ROOT / "docs/design.md").is_file()
    assert "docs/design.md" in README
