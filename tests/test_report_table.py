"""The table reporter: golden output at width 100 without colour, escaping, colour."""

from __future__ import annotations

import pytest
from golden_util import assert_golden
from report_samples import NOT_FOUND, hostile_verdict, sample_report, sample_verdict

from openaudit.report import Format, render


@pytest.mark.parametrize(
    ("name", "results", "explain"),
    [
        ("single", (sample_verdict(),), False),
        ("explain", (sample_verdict(),), True),
        ("batch", (sample_verdict(), sample_verdict("acme/other"), NOT_FOUND), False),
    ],
)
def test_table_matches_golden(
    pytestconfig: pytest.Config, name: str, results: tuple, explain: bool
) -> None:
    text = render(sample_report(*results), Format.TABLE, explain=explain, width=100)
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 100
    assert_golden(pytestconfig, f"report/{name}.table.txt", text)


def test_table_shows_header_layers_and_verdict() -> None:
    text = render(sample_report(), Format.TABLE)
    assert "acme/open-model @ 0123456" in text
    assert "usage limits" in text
    assert "Verdict: partial  score 62/100" in text
    assert "mof_class: Class III" in text


def test_explain_lists_every_probe_with_fix() -> None:
    text = render(sample_report(), Format.TABLE, explain=True)
    for probe in ("weights.published", "code.training", "data.named", "docs.paper"):
        assert probe in text
    assert "fix: Fix code.training." in text
    assert "evidence: card:license = apache-2.0" in text


def test_error_row() -> None:
    text = render(sample_report(NOT_FOUND), Format.TABLE)
    assert "error (exit 3): model acme/missing not found on the Hub" in text


@pytest.mark.parametrize("explain", [False, True])
def test_markup_and_escapes_from_cards_are_inert(explain: bool) -> None:
    text = render(sample_report(hostile_verdict()), Format.TABLE, explain=explain, width=200)
    assert "[bold red]pwned[/]" in text
    assert ":smile:" in text
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in text


def test_hostile_text_with_colour_emits_only_our_styles() -> None:
    text = render(sample_report(hostile_verdict()), Format.TABLE, width=200, color=True)
    assert "\x1b[" in text  # our colours
    assert "\x1b[31mred" not in text  # not the card's
    assert "[bold red]pwned[/]" in text


def test_every_format_renders() -> None:
    # pip-audit's exhaustive-mapping test: a new Format member must be rendered.
    for fmt in Format:
        assert render(sample_report(), fmt).strip()
