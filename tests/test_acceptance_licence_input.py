"""Acceptance: issue 4's bad input "free-text licence names, any letter case".

The case table tests upper-case "MIT" and a few free-text names; these add mixed
case and common free-text spellings, each classified to the Hub id it means.
"""

from __future__ import annotations

import pytest

from openaudit.evidence import Evidence
from openaudit.rubric.context import identify_license as identify


def _identify(value: object) -> tuple[str | None, str | None]:
    evidence = Evidence(
        ref="org/model",
        source="hub",
        repo_id="org/model",
        sha="a" * 40,
        api_card_data={"license": value},
    )
    report = identify(evidence)
    return report.license_id, report.facts.family if report.facts else None


@pytest.mark.parametrize(
    ("value", "license_id", "family"),
    [
        ("ApAcHe-2.0", "apache-2.0", "permissive"),
        ("Apache 2.0", "apache-2.0", "permissive"),
        ("Apache License 2.0", "apache-2.0", "permissive"),
        ("mIt", "mit", "permissive"),
        ("MIT License", "mit", "permissive"),
        ("LLAMA2", "llama2", "restricted"),
        ("Llama 2", "llama2", "restricted"),
        ("CC-BY-NC-4.0", "cc-by-nc-4.0", "non-commercial"),
        ("CreativeML OpenRAIL-M", "creativeml-openrail-m", "restricted"),
        ("BSD 3-Clause", "bsd-3-clause", "permissive"),
        (" cc-by-nc-4.0 ", "cc-by-nc-4.0", "non-commercial"),
    ],
)
def test_free_text_and_any_case_are_classified(value: str, license_id: str, family: str) -> None:
    assert _identify(value) == (license_id, family)


@pytest.mark.parametrize("value", ["research-only", "acme-terms-v2", 3.5, True, {"a": 1}, [[]]])
def test_unclassifiable_values_are_unknown_with_a_reason(value: object) -> None:
    evidence = Evidence(
        ref="o/m", source="hub", repo_id="o/m", sha="a" * 40, api_card_data={"license": value}
    )
    report = identify(evidence)
    assert report.license_id is None and report.facts is None
    assert report.reason
