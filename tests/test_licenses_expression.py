"""Licence expressions: Hub ids mapped before the SPDX parser, combined facts, errors."""

from __future__ import annotations

import pytest

from openaudit.licenses import check_expression


@pytest.mark.parametrize(
    ("text", "normalized", "ids"),
    [
        ("mit", "MIT", ("mit",)),
        ("Apache License, Version 2.0", "Apache-2.0", ("apache-2.0",)),
        # the SPDX parser would rewrite these; the Hub meaning must survive
        ("gpl", "gpl", ("gpl",)),
        ("GPL", "gpl", ("gpl",)),
        ("gpl-3.0", "gpl-3.0", ("gpl-3.0",)),
        ("gpl-2.0 OR mit", "gpl-2.0 OR MIT", ("gpl-2.0", "mit")),
        ("lgpl-2.1", "lgpl-2.1", ("lgpl-2.1",)),
        ("GPL-3.0-only", "GPL-3.0-only", ("GPL-3.0-only",)),
        ("GPL-2.0+", "GPL-2.0-or-later", ("GPL-2.0-or-later",)),
        ("openrail++ or MIT", "openrail++ OR MIT", ("openrail++", "mit")),
        ("llama3 AND apache-2.0", "llama3 AND Apache-2.0", ("llama3", "apache-2.0")),
        (
            "mit or apache-2.0 and bsd-3-clause",
            "MIT OR (Apache-2.0 AND BSD-3-Clause)",
            ("mit", "apache-2.0", "bsd-3-clause"),
        ),
        ("(llama2)", "llama2", ("llama2",)),
        ("LicenseRef-llama3 and cc-by-4.0", "llama3 AND CC-BY-4.0", ("llama3", "cc-by-4.0")),
        (
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            ("GPL-2.0-or-later",),
        ),
        ("LicenseRef-acme", "LicenseRef-acme", ("LicenseRef-acme",)),
        ("Apache-1.1", "Apache-1.1", ("Apache-1.1",)),
    ],
)
def test_valid_expressions(text: str, normalized: str, ids: tuple[str, ...]) -> None:
    report = check_expression(text)
    assert report.valid, report.errors
    assert report.normalized == normalized
    assert report.license_ids == ids
    assert report.facts is not None


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("MIT AND", "requires two or more"),
        ("mit WITH apache-2.0", "cannot be used as an exception"),
        ("Classpath-exception-2.0", "exception"),
        ("(mit", "unbalanced"),
        ("mit)", "unbalanced"),
        ("MIT Apache-2.0", "need an operator"),
        ("MIT OR OR mit", "Invalid operator"),
        ("acme-1.0", "unknown licence id 'acme-1.0'"),
        ("gpl-3.0 AND cc-by-nc-4.0", "contradictory"),
        ("cc-by-sa-4.0 AND openrail++", "contradictory"),
        ("other AND mit", "cannot be combined"),
        ("", "empty"),
        ("   ", "empty"),
        ("x/y", "valid characters"),
        ("(" * 40 + "mit" + ")" * 40, "nested too deeply"),
        ("mit OR " * 400 + "mit", "longer than"),
    ],
)
def test_invalid_expressions_have_errors(text: str, error: str) -> None:
    report = check_expression(text)
    assert not report.valid
    assert any(error in e for e in report.errors), report.errors


@pytest.mark.parametrize("junk", [None, 5, ["mit"], b"mit"])
def test_non_text_is_invalid(junk: object) -> None:
    report = check_expression(junk)
    assert not report.valid and report.facts is None and "text" in report.errors[0]


def test_and_takes_the_most_restrictive_flags() -> None:
    facts = check_expression("apache-2.0 AND llama2 AND cc-by-nc-4.0").facts
    assert facts is not None
    assert facts.family == "non-commercial"
    assert facts.commercial_use == "no"
    assert facts.acceptable_use_policy is True
    assert facts.osi_approved is False
    assert facts.user_cap is not None and "700 million" in facts.user_cap
    assert facts.members == ("apache-2.0", "llama2", "cc-by-nc-4.0")


def test_or_takes_the_most_permissive_option() -> None:
    facts = check_expression("llama2 OR mit").facts
    assert facts is not None
    assert facts.family == "permissive" and facts.commercial_use == "yes"
    assert "most permissive option is mit" in facts.notes


def test_and_with_an_unknown_licence_is_unknown() -> None:
    facts = check_expression("mit AND LicenseRef-acme").facts
    assert facts is not None and facts.family == "unknown" and not facts.is_open


def test_or_with_an_unknown_option_keeps_the_known_one() -> None:
    facts = check_expression("LicenseRef-acme OR cc-by-nc-4.0").facts
    assert facts is not None and facts.family == "non-commercial"


def test_family_tags_are_not_guessed_open() -> None:
    facts = check_expression("cc").facts
    assert facts is not None and facts.family == "unknown"


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("LicenseRef-openaudit-0", ("LicenseRef-openaudit-0",)),
        ("MIT AND LicenseRef-openaudit-0", ("mit", "LicenseRef-openaudit-0")),
        ("LicenseRef-openaudit-5 OR MIT", ("LicenseRef-openaudit-5", "mit")),
    ],
)
def test_a_typed_placeholder_is_an_unknown_reference_not_another_licence(
    text: str, ids: tuple[str, ...]
) -> None:
    report = check_expression(text)
    assert report.valid and report.license_ids == ids
