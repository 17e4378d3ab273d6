"""`openaudit diff A B` and the comparison behind it (also used by --baseline)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub
from hypothesis import given, settings
from hypothesis import strategies as st
from report_samples import framework_verdict, sample_report, sample_rubric, sample_verdict
from typer.testing import CliRunner, Result

from openaudit.cli.app import app
from openaudit.compare import compare
from openaudit.errors import UsageError
from openaudit.policy import Policy
from openaudit.report import Audit, Format, render
from openaudit.report.json_load import report_from_dict
from openaudit.report.json_report import report_to_dict

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(app, args, env={"NO_COLOR": "1"})


def _layer(level: str, layer_id: str = "code") -> Audit:
    verdict = sample_verdict()
    layers = tuple(
        dataclasses.replace(layer, level=level) if layer.id == layer_id else layer
        for layer in verdict.layers
    )
    return Audit((dataclasses.replace(verdict, layers=layers),))


@pytest.mark.parametrize(
    ("before", "after", "direction", "regression"),
    [
        ("partial", "open", "better", False),
        ("partial", "closed", "worse", True),
        ("partial", "unknown", "worse", True),  # the evidence no longer shows it
        ("closed", "unknown", "changed", False),
        ("unknown", "open", "changed", False),
    ],
)
def test_layer_changes(before: str, after: str, direction: str, regression: bool) -> None:
    (change,) = [c for c in compare(_layer(before), _layer(after)) if c.kind == "layer"]
    assert (change.subject, change.before, change.after) == ("code", before, after)
    assert change.direction == direction
    assert change.regression is regression


def test_framework_class_and_licence_changes() -> None:
    mof = framework_verdict("mof")
    up = dataclasses.replace(mof, extras={"mof": mof.extras["mof"] | {"class": "Class II"}})
    before = Audit((sample_verdict(), up))
    after_verdict = dataclasses.replace(
        sample_verdict(),
        license=sample_verdict().license | {"id": "mit", "statements": ["Commercial use: yes"]},
    )
    changes = compare(before, Audit((after_verdict, mof)))
    described = [c.describe() for c in changes]
    assert "class mof: Class II -> Unclassified (worse)" in described
    assert "license id: apache-2.0 -> mit (changed)" in described
    assert "license-terms statement: OSI approved: yes -> - (changed)" in described
    assert compare(before, before) == ()


def test_diff_of_two_folders(tmp_path: Path) -> None:
    result = invoke(["diff", str(EXAMPLES / "open-model"), str(EXAMPLES / "restricted-model")])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("restricted-model (rubric openaudit)")
    assert "layers:" in lines and "probes:" in lines and "licence:" in lines
    assert "  ↓ weights: open -> partial" in lines
    assert "  ~ id: apache-2.0 -> acme-research-license" in lines
    assert "warning: comparing two different models" in result.stderr


def test_diff_of_two_saved_reports_as_json(tmp_path: Path) -> None:
    for name in ("open-model", "restricted-model"):
        run = invoke([str(EXAMPLES / name), "-f", "json", "-o", str(tmp_path / f"{name}.json")])
        assert run.exit_code == 0
    result = invoke(
        [
            "diff",
            str(tmp_path / "open-model.json"),
            str(tmp_path / "restricted-model.json"),
            "-f",
            "json",
        ]
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["a"]["score"] > document["b"]["score"]
    layer = [c for c in document["changes"] if c["kind"] == "layer" and c["subject"] == "weights"]
    assert layer == [
        {
            "kind": "layer",
            "subject": "weights",
            "before": "open",
            "after": "partial",
            "direction": "worse",
            "regression": True,
        }
    ]


def test_diff_of_two_hub_revisions(hub: FakeHub) -> None:
    sha = "main"
    result = invoke(["diff", f"acme/llama-ft@{sha}", "acme/llama-ft"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "no change in openness or licence terms"
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "a/b", "c/d", "-f", "xml"], "diff writes text, json or markdown"),
        (["diff", "org/name@", "c/d"], "expected org/name@REVISION"),
    ],
)
def test_bad_diff_input_is_a_usage_error(args: list[str], message: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_report_of_several_models_cannot_be_one_side(tmp_path: Path) -> None:
    both = tmp_path / "both.json"
    run = invoke(
        [str(EXAMPLES / "open-model"), str(EXAMPLES / "restricted-model"), "-o", str(both)]
    )
    assert run.exit_code == 0
    result = invoke(["diff", str(both), str(EXAMPLES / "open-model")])
    assert result.exit_code == 2
    assert "the report has 2 models; diff takes one" in result.stderr


JSON_LEAF = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.floats(allow_nan=True)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_mangled_report_is_read_or_refused_in_one_line(data: st.DataObject) -> None:
    document = report_to_dict(sample_report(framework_verdict("mof")))
    path = data.draw(st.sampled_from(_paths(document)[1:]))
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(JSON_LEAF)  # type: ignore[index]
    try:
        report = report_from_dict(document, "r.json")
    except UsageError as exc:
        assert exc.message.startswith("r.json: ") and "\n" not in exc.one_line()
        return
    for audit in report.audits:
        compare(audit, audit)
        render(report, Format.MARKDOWN)
    policy = Policy(fail_under=50, requirements={"code": "open"}, baseline=report)
    policy.evaluate([sample_verdict()], sample_rubric(), dt.date(2026, 1, 1))


def test_diff_as_markdown_for_a_pull_request() -> None:
    result = invoke(
        ["diff", str(EXAMPLES / "open-model"), str(EXAMPLES / "restricted-model"), "-f", "markdown"]
    )
    assert result.exit_code == 0, result.stderr
    from test_report_ci_formats import validate_markdown

    validate_markdown(result.stdout)
    assert result.stdout.startswith("## openaudit diff: ")
    assert "| ↓ | weights | open | partial |" in result.stdout
    assert "| ↓ | overall score |" in result.stdout
