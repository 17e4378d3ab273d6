"""The committed rubric and evaluator docs match what the generator produces now.

CI fails here when a rubric YAML or an evaluator changes without its docs; the
failure message says how to regenerate them.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from cli_fakes import run

from openaudit.rubric.docs import REGENERATE, generated_docs
from openaudit.rubric.loader import list_shipped_rubrics, load_rubric
from openaudit.rubric.outcomes import evaluator_outcomes
from openaudit.rubric.registry import get_evaluator

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _diff(path: Path, expected: str) -> str:
    actual = path.read_text(encoding="utf-8") if path.is_file() else ""
    if actual == expected:
        return ""
    if not actual:
        return f"{path.relative_to(DOCS.parent)}: missing\n"
    lines = difflib.unified_diff(
        actual.splitlines(keepends=True),
        expected.splitlines(keepends=True),
        f"{path.relative_to(DOCS.parent)} (committed)",
        "(generated now)",
        n=1,
    )
    return "".join(list(lines)[:40])


def test_generated_docs_are_up_to_date() -> None:
    expected = generated_docs(DOCS)
    problems = [diff for path, text in expected.items() if (diff := _diff(path, text))]
    stale = sorted(set((DOCS / "rubrics").glob("*.md")) - set(expected))
    problems += [f"{p.relative_to(DOCS.parent)}: no shipped rubric; delete it\n" for p in stale]
    assert not problems, (
        "the generated docs drifted from the rubrics or evaluators; regenerate them with\n"
        f"  {REGENERATE}\n\n" + "\n".join(problems)
    )


def test_generation_is_deterministic() -> None:
    assert generated_docs(DOCS) == generated_docs(DOCS)


def test_regenerate_command_writes_the_same_pages(tmp_path: Path) -> None:
    rubrics_dir, evaluators = tmp_path / "rubrics", tmp_path / "evaluators.md"
    assert run(["rubrics", "docs", "--all", "--output-dir", str(rubrics_dir)]).exit_code == 0
    assert run(["rubrics", "docs", "--evaluators", "--output", str(evaluators)]).exit_code == 0
    written = {path: path.read_text(encoding="utf-8") for path in rubrics_dir.glob("*.md")}
    written[evaluators] = evaluators.read_text(encoding="utf-8")
    assert written == generated_docs(tmp_path)


def test_outcomes_are_read_from_the_evaluator_source() -> None:
    spec = get_evaluator("field_present")
    assert spec is not None
    outcomes = evaluator_outcomes(spec)
    assert "the card metadata has no `KEY`" in outcomes["no"]
    assert "the card metadata sets `KEY`" in outcomes["yes"]
    assert "no README was read" in outcomes["unknown"]  # from the helper it calls


def test_shipped_rubric_ids_match_their_file_names() -> None:
    # Pages are named after the file and cross-linked by id; the two must agree.
    for name in list_shipped_rubrics():
        assert load_rubric(name).id == name
