"""OSAID rubric: pass / fail / unknown, derived by hand from OSAID 1.0.

Requirements: data information, code (complete, OSI-approved) and parameters
available; parameters and data information under terms without use
restrictions; use for any purpose without asking permission. Any unmet ->
fail; else any undecided -> unknown; else pass. Completeness of code and
sufficiency of data information need a person, so Hub evidence can fail a
model but not pass it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from framework_fixtures import cc_by_nc, fully_open, llama_finetune

from openaudit.evidence import Evidence
from openaudit.frameworks.osaid import osaid_result
from openaudit.rubric import evaluate, load_rubric
from openaudit.verdict import Outcome


def osaid(evidence: Evidence) -> dict[str, Any]:
    result: dict[str, Any] = evaluate(load_rubric("osaid"), evidence).extras["osaid"]
    return result


def ids(items: list[dict[str, str]]) -> list[str]:
    return [item["id"] for item in items]


def test_fully_open_is_unknown_not_pass() -> None:
    """apache-2.0 (no use restrictions, commercial use, not gated) meets the
    parameters, terms and freedom requirements; data information and training
    code are found, but whether they are sufficient / complete needs a person:
    nothing unmet, two undecided -> unknown."""
    result = osaid(fully_open())
    assert result["result"] == "unknown"
    assert result["unmet"] == []
    assert ids(result["undecided"]) == ["data_information", "code"]


def test_llama_finetune_fails_on_usage_freedom() -> None:
    """llama3 carries an acceptable-use policy and a user cap: the parameters'
    terms and the any-purpose freedom are unmet; no training code is published
    (code unmet) -> fail."""
    result = osaid(llama_finetune())
    assert result["result"] == "fail"
    assert {"use_any_purpose", "parameters_terms", "code"} <= set(ids(result["unmet"]))
    freedom = next(u for u in result["unmet"] if u["id"] == "use_any_purpose")
    assert "acceptable-use policy" in freedom["reason"]


def test_cc_by_nc_fails() -> None:
    """cc-by-nc-4.0 bars commercial use (not any purpose); the data is only
    described in too few words and no datasets are named (data information
    unmet); no training code -> fail."""
    result = osaid(cc_by_nc())
    assert result["result"] == "fail"
    assert {"use_any_purpose", "parameters_terms", "code"} <= set(ids(result["unmet"]))


def test_pass_needs_every_requirement() -> None:
    spec = load_rubric("osaid").framework
    assert spec is not None
    yes = {probe: Outcome.yes("ok") for probe in spec.probe_ids()}
    assert osaid_result(spec, yes)["result"] == "pass"
    assert osaid_result(spec, {**yes, "osaid.code": Outcome.unknown("?")})["result"] == "unknown"
    failing = {**yes, "osaid.no_permission": Outcome.no("manual gate")}
    assert osaid_result(spec, failing)["unmet"] == [
        {"id": "use_any_purpose", "name": "Use for any purpose, without asking permission",
         "reason": "manual gate"},
    ]  # fmt: skip
