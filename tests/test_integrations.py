"""The GitHub Action (action.yml) and the pre-commit hook, run as CI would run them.

The action's `run:` steps are executed in order with bash as the Actions runner
starts it (`bash --noprofile --norc -eo pipefail`): `${{ }}` expressions
substituted, `if:` conditions evaluated, step outputs passed through a temporary
GITHUB_OUTPUT, the Markdown going to a temporary GITHUB_STEP_SUMMARY. Two steps are
not executed: the pip install (openaudit is already installed in the test
environment) and `uses:` steps (GitHub's SARIF upload), whose inputs are checked
instead. The hook runs through its entry command.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub
from test_report_ci_formats import validate_markdown, validate_sarif

from openaudit.safeyaml import load_bounded

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BIN = str(Path(sys.executable).parent)


def _yaml(path: Path) -> Any:
    return load_bounded(path.read_text(encoding="utf-8"), source=str(path))


@dataclass
class ActionRun:
    """What a run of the composite action did."""

    exit_code: int
    summary: str
    outputs: dict[str, dict[str, str]]
    used: list[dict[str, str]] = field(default_factory=list)  # `uses:` steps with their inputs
    log: str = ""


def _lookup(name: str, ctx: dict[str, Any]) -> str:
    name = name.strip()
    if name.startswith("'") and name.endswith("'"):
        return name[1:-1]
    if "||" in name:
        return next((v for v in (_lookup(p, ctx) for p in name.split("||")) if v), "")
    head, _, rest = name.partition(".")
    if head == "inputs":
        return str(ctx["inputs"].get(rest, ""))
    if head == "steps":
        step, _, output = rest.partition(".outputs.")
        return ctx["steps"].get(step, {}).get(output, "")
    if head in ("github", "runner", "secrets"):
        return str(ctx[head].get(rest, ""))
    raise AssertionError(f"unsupported expression {name!r}")


def _substitute(text: str, ctx: dict[str, Any]) -> str:
    return re.sub(r"\$\{\{(.+?)\}\}", lambda m: _lookup(m.group(1), ctx), text)


def _condition(expression: str, ctx: dict[str, Any]) -> bool:
    for clause in expression.split("&&"):
        left, op, right = re.split(r"\s*(==|!=)\s*", clause.strip())
        equal = _lookup(left, ctx) == _lookup(right, ctx)
        if equal != (op == "=="):
            return False
    return True


def run_action(inputs: dict[str, str], workspace: Path, env: dict[str, str]) -> ActionRun:
    action = _yaml(ROOT / "action.yml")
    defaults = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    missing = [k for k, v in action["inputs"].items() if v.get("required") and k not in inputs]
    assert not missing, missing
    temp = workspace / "_runner_temp"
    temp.mkdir()
    summary = workspace / "_summary.md"
    summary.touch()
    ctx: dict[str, Any] = {
        "inputs": defaults | inputs | {"install": "false"},  # openaudit is already installed
        "steps": {},
        "github": {"action_path": str(ROOT)},
        "runner": {"temp": str(temp)},
        "secrets": {},
    }
    run = ActionRun(0, "", ctx["steps"])
    for step in action["runs"]["steps"]:
        if "if" in step and not _condition(step["if"], ctx):
            continue
        if "uses" in step:
            run.used.append({k: _substitute(str(v), ctx) for k, v in step.get("with", {}).items()})
            continue
        output = temp / "github_output"
        output.write_text("", encoding="utf-8")
        step_env = {k: _substitute(str(v), ctx) for k, v in step.get("env", {}).items()}
        process = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=os.environ
            | env
            | step_env
            | {
                "GITHUB_OUTPUT": str(output),
                "GITHUB_STEP_SUMMARY": str(summary),
                "RUNNER_TEMP": str(temp),
                "PATH": BIN + os.pathsep + os.environ["PATH"],
            },
            capture_output=True,
            text=True,
            check=False,
        )
        run.log += process.stdout + process.stderr
        if "id" in step:
            ctx["steps"][step["id"]] = dict(
                line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines()
            )
        if process.returncode != 0:
            run.exit_code = process.returncode
            break
    run.summary = summary.read_text(encoding="utf-8")
    return run


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository checkout with a model folder in it."""
    shutil.copytree(EXAMPLES / "open-model", tmp_path / "models" / "my-model")
    return tmp_path


def test_the_action_audits_a_folder_writes_the_summary_and_sarif(workspace: Path) -> None:
    run = run_action(
        {"model": "models/my-model", "args": "--fail-under 50", "sarif": "true"}, workspace, {}
    )
    assert run.exit_code == 0, run.log
    assert run.summary.startswith("## openaudit: ✅ policy passed")
    validate_markdown(run.summary)
    assert run.outputs["audit"]["exit-code"] == "0"
    sarif_file = workspace / "openaudit.sarif"
    sarif = validate_sarif(sarif_file.read_text(encoding="utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris <= {"models/my-model/README.md", "models/my-model/LICENSE"}, uris
    assert run.used == [{"sarif_file": "openaudit.sarif", "category": "openaudit"}]


def test_the_action_fails_by_the_policy_of_the_config_file(workspace: Path) -> None:
    (workspace / ".openaudit.yaml").write_text("fail-under: 99\n", encoding="utf-8")
    run = run_action({"model": "models/my-model"}, workspace, {})
    assert run.exit_code == 1
    assert "::error title=openaudit::the policy failed" in run.log
    assert run.summary.startswith("## openaudit: ❌ policy failed")
    assert "proven score" in run.summary
    assert run.used == []  # no SARIF upload unless asked


def test_the_action_audits_a_hub_revision_and_reports_missing_models(
    workspace: Path, hub: FakeHub
) -> None:
    env = {"HF_ENDPOINT": hub.url}
    run = run_action(
        {"model": "acme/llama-ft@main", "args": "--require weights=open"}, workspace, env
    )
    assert run.exit_code == 1, run.log
    assert "acme/llama-ft" in run.summary
    missing = run_action({"model": "acme/does-not-exist"}, workspace / "models", env)
    assert missing.exit_code == 3
    assert "evidence unavailable" in missing.summary


def test_the_example_workflow_uses_the_action_inputs() -> None:
    workflow = _yaml(EXAMPLES / "ci" / "openaudit.yml")
    action = _yaml(ROOT / "action.yml")
    (step,) = [
        s for s in workflow["jobs"]["openness"]["steps"] if "openaudit@" in s.get("uses", "")
    ]
    assert set(step["with"]) <= set(action["inputs"])
    assert workflow["permissions"]["security-events"] == "write"


def _hook_command() -> list[str]:
    (hook,) = _yaml(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "openaudit" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "models/x/README.md")
    assert re.search(hook["files"], "LICENSE") and not re.search(hook["files"], "model.bin")
    return [*shlex.split(hook["entry"]), *hook["args"]]


def test_the_pre_commit_hook_audits_the_folder_and_applies_the_policy(workspace: Path) -> None:
    folder = workspace / "models" / "my-model"
    command = _hook_command()
    env = os.environ | {"PATH": BIN + os.pathsep + os.environ["PATH"], "COLUMNS": "100"}
    passed = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    assert passed.returncode == 0, passed.stderr
    assert "Verdict: partial" in passed.stdout and "\x1b" not in passed.stdout
    (folder / ".openaudit.yaml").write_text("fail-on: [gated]\n", encoding="utf-8")
    failed = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    assert failed.returncode == 1
    assert "weights.not_gated is unknown" in failed.stderr


def test_the_example_policy_file_is_valid(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from openaudit.cli.app import app

    config = EXAMPLES / "ci" / ".openaudit.yaml"
    result = CliRunner().invoke(
        app, [str(EXAMPLES / "open-model"), "--config", str(config), "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["policy"]["waived"][0]["probe"] == "weights.not_gated"


def test_the_readme_shows_a_real_markdown_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from openaudit.cli.app import app

    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- markdown-sample:start -->\n```markdown\n", 1)[1]
    sample = block.split("\n```\n<!-- markdown-sample:end -->", 1)[0]
    args = ["examples/restricted-model", "-f", "markdown", "--fail-under", "50"]
    result = CliRunner().invoke(app, [*args, "--require", "usage_limits=partial"])
    assert result.stdout.startswith(sample + "\n")


def test_a_summary_over_the_limit_is_cut_at_a_line_and_says_so(workspace: Path) -> None:
    run = run_action({"model": "models/my-model", "summary-limit": "600"}, workspace, {})
    assert run.exit_code == 0, run.log
    assert len(run.summary.encode("utf-8")) < 900
    body, note = run.summary.split("\n\n> openaudit: the report is ", 1)
    assert "over the summary limit of 600; it was cut here" in note
    assert run.summary.startswith("## openaudit: report")
    assert "| Layer | Level |" in run.log  # the whole report is in the step log
    # cut at a line, never inside one (or a character: run_action read it as UTF-8)
    last = body.rstrip("\n").splitlines()[-1]
    assert last in run.log.splitlines()


def test_the_readme_shows_the_example_workflow_as_it_is() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    workflow = (EXAMPLES / "ci" / "openaudit.yml").read_text(encoding="utf-8").rstrip()
    assert f"```yaml\n{workflow}\n```" in readme
