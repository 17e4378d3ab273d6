"""The table reporter: golden output at width 100 without colour, escaping, colour."""

from __future__ import annotations

import dataclasses
import re

import pytest
from golden_util import assert_golden
from report_samples import (
    NOT_FOUND,
    finding,
    framework_verdict,
    hostile_verdict,
    multi_report,
    sample_report,
    sample_verdict,
)

from openaudit.evidence import Citation
from openaudit.report import Format, render
from openaudit.verdict import LayerResult


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
    assert "Verdict: partial, score 62/100\n" in text  # the summary would repeat the table
    assert "Licence: apache-2.0 (permissive)" in text
    assert "  Commercial use: yes · " in text  # short statements share a line
    assert "data: acme/private-data: licence unknown" in text
    assert "allenai/c4" not in text  # a dataset without flags is not worth a line


def test_multi_rubric_table_matches_golden(pytestconfig: pytest.Config) -> None:
    text = render(multi_report(), Format.TABLE, width=100)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert_golden(pytestconfig, "report/rubrics.table.txt", text)


def test_one_compact_line_per_framework_rubric() -> None:
    lines = render(multi_report(), Format.TABLE, width=200).splitlines()
    assert (
        "mof 1.0: Unclassified; progress: III 83% (unknown) · II 0% (unmet) · I 0% (unmet)" in lines
    )
    assert "osaid 1.0: fail — unmet: Use for any purpose, Parameter terms (1 undecided)" in lines
    assert "eosai 1.0: 0.75 mean over 10 of 12 dimensions (2 undecided; range 0.62-0.79)" in lines
    assert not any(line.startswith("openaudit 1.0:") for line in lines)  # the layer table is it


def test_licence_lines_carry_lineage_and_data_flags() -> None:
    text = " ".join(render(multi_report(), Format.TABLE, width=200).split())  # labels align
    assert "inherited: meta-llama/Llama-2-7b-hf (llama2): Commercial use: conditional: above " \
        "700 million monthly active users" in text  # fmt: skip
    assert "lineage: declares apache-2.0, but its base meta-llama/Llama-2-7b-hf" in text
    assert "conflict: card says apache-2.0 but LICENSE reads as Llama 2" in text
    assert "note: base meta-llama/Llama-2-7b-hf is gated" in text
    assert "data: acme/nc-data (cc-by-nc-4.0): non-commercial, share-alike" in text


def test_primary_framework_rubric_gets_its_line_and_extra_default_its_levels() -> None:
    from openaudit.report import Audit

    audit = Audit((framework_verdict("osaid"), sample_verdict()))
    lines = render(sample_report(audit), Format.TABLE, width=200).splitlines()
    assert any(line.startswith("osaid 1.0: fail — unmet:") for line in lines)
    expected = (
        "openaudit 1.0: partial, score 62/100 (weights open · code partial · data unknown · "
        "documentation partial · usage limits open)"
    )
    assert expected in lines


def test_eosai_without_decided_dimensions() -> None:
    from openaudit.report import Audit

    verdict = framework_verdict("eosai")
    undecided = verdict.extras["eosai"] | {"score": None, "decided": 0, "undecided": 12}
    verdict = dataclasses.replace(verdict, extras={"eosai": undecided})
    text = render(sample_report(Audit((verdict,))), Format.TABLE, width=200)
    assert "eosai 1.0: no dimension decided (12 undecided)" in text


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


def test_a_framework_rubric_as_primary_fills_the_key_evidence_column() -> None:
    layer = LayerResult(
        "weights",
        "partial",
        67,
        (
            finding("mof.final_parameters"),
            finding("mof.intermediate_checkpoints", "unknown"),
            finding("mof.model_metadata", "no"),
        ),
    )  # framework probes carry no summary phrases
    verdict = dataclasses.replace(sample_verdict(), rubric_id="mof", layers=(layer,))
    text = render(sample_report(verdict), Format.TABLE, width=120)
    row = next(line for line in text.splitlines() if line.startswith(" weights"))
    assert row.endswith(
        "model metadata no, intermediate checkpoints undecided, final parameters yes"
    )


LONG_IDS = (
    "meta-llama/Meta-Llama-3.1-405B-Instruct-FP8",
    "mistralai/Mistral-Small-3.1-24B-Instruct-2503",
)


def test_batch_summary_shows_whole_model_ids_at_120_columns() -> None:
    report = sample_report(*(sample_verdict(ref) for ref in LONG_IDS), NOT_FOUND)
    text = render(report, Format.TABLE, width=120)
    summary = text[text.index("Summary") :]
    assert "…" not in summary
    for ref in LONG_IDS:
        assert re.search(rf"\n {re.escape(ref)} +\d+ +partial ", summary), summary  # score, level


def test_batch_summary_folds_a_model_id_too_long_for_the_width_never_cuts_it() -> None:
    text = render(sample_report(*(sample_verdict(ref) for ref in LONG_IDS)), Format.TABLE, width=70)
    summary = text[text.index("Summary") :]
    assert "…" not in summary
    firsts = [line[1:26] for line in summary.splitlines()[4:]]
    assert "".join(part.strip() for part in firsts).startswith("".join(LONG_IDS[0].split()))


def test_explain_lists_evidence_urls_whole_under_each_table() -> None:
    url = "https://huggingface.co/acme/open-model/blob/0123456789abcdef0123456789abcdef/README.md#training-data"
    verdict = dataclasses.replace(
        sample_verdict(),
        layers=(
            LayerResult(
                "data",
                "partial",
                50,
                (finding("data.named", citations=(Citation("README.md#Training data", url=url),)),),
                "datasets named",
            ),
        ),
    )
    text = render(sample_report(verdict), Format.TABLE, explain=True, width=80)
    assert "evidence: README.md#Training data [1]" in text
    assert f"\n  [1] {url}\n" in text  # longer than the width, yet on one line


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        (("yes", "unknown", "unknown"), "capped at partial: b, c undecided"),
        (("yes", "no"), "capped at partial: b not met"),  # a no weighing nothing
        (("yes", "yes"), None),
    ],
)
def test_a_layer_below_open_at_score_100_says_what_capped_it(
    answers: tuple[str, ...], shown: str | None
) -> None:
    found = tuple(finding(f"data.{'abc'[i]}", a) for i, a in enumerate(answers))
    layer = LayerResult("data", "partial", 100, found, "datasets named")
    verdict = dataclasses.replace(sample_verdict(), layers=(layer,))
    text = render(sample_report(verdict), Format.TABLE, width=120)
    row = next(line for line in text.splitlines() if line.startswith(" data "))
    expected = "datasets named" + (f"; {shown}" if shown else "")
    assert row.endswith(f"   {expected}")
