"""The CI and supply-chain formats: golden files across the fixture models, each output
validated against its published schema (SARIF 2.1.0, CycloneDX 1.6, SPDX 2.3 with
spdx-tools' validator), the Markdown tables parsed, the badge parsed as SVG."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fakehub import FakeHub
from golden_util import assert_golden
from markdown_it import MarkdownIt
from report_samples import (
    HOSTILE,
    NOT_FOUND,
    hostile_verdict,
    multi_report,
    sample_report,
    sample_verdict,
)
from test_e2e import GOLDEN_MODELS
from typer.testing import CliRunner

from openaudit.cli.app import app
from openaudit.report import Audit, Format, Gate, Report, RubricRef, Waived, render
from openaudit.rubric import evaluate, load_rubric
from openaudit.sources import open_evidence

if TYPE_CHECKING:
    import jsonschema

CI_FORMATS = (Format.MARKDOWN, Format.SARIF, Format.SPDX, Format.CYCLONEDX, Format.BADGE)
SUFFIX = {
    Format.MARKDOWN: "md",
    Format.SARIF: "sarif.json",
    Format.SPDX: "spdx.json",
    Format.CYCLONEDX: "cdx.json",
    Format.BADGE: "svg",
}
SARIF_SCHEMA = Path(__file__).parent / "data" / "schemas" / "sarif-schema-2.1.0.json"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    """BOM timestamps come from SOURCE_DATE_EPOCH, never from the clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z


# --- validators ---------------------------------------------------------------------


@cache
def _sarif_validator() -> jsonschema.Draft4Validator:
    # imported here, as golden_util does: jsonschema takes over a second to import (its
    # IRI format checker builds its grammars), which each xdist worker paid at
    # collection (this module is imported by test_integrations and test_diff too)
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def validate_sarif(text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    errors = sorted(_sarif_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    return document


def validate_cyclonedx(text: str) -> dict[str, Any]:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    document: dict[str, Any] = json.loads(text)
    assert document["specVersion"] == "1.6"
    return document


def validate_spdx(text: str, tmp_path: Path) -> Any:
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    path = tmp_path / "doc.spdx.json"
    path.write_text(text, encoding="utf-8")
    document = parse_file(str(path))
    problems = validate_full_spdx_document(document)
    assert not problems, [p.validation_message for p in problems]
    return document


def table_shapes(text: str) -> list[tuple[int, list[int]]]:
    """Each Markdown table as (header cells, [cells per body row]), parsed as GFM."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    shapes: list[tuple[int, list[int]]] = []
    header, rows, cells, section = 0, [], 0, ""
    for token in tokens:
        if token.type == "table_open":
            header, rows = 0, []
        elif token.type in ("thead_open", "tbody_open"):
            section = token.type
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if section == "thead_open":
                header = cells
            else:
                rows.append(cells)
        elif token.type == "table_close":
            shapes.append((header, rows))
    return shapes


def validate_markdown(text: str) -> list[tuple[int, list[int]]]:
    shapes = table_shapes(text)
    assert shapes, "no table"
    for header, rows in shapes:
        assert all(row == header for row in rows), (header, rows)
    # the number of rows in each table is the number of lines of it in the source
    return shapes


def validate_badge(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert int(root.attrib["width"]) > 0 and root.attrib["height"] == "20"
    return root


def validate(fmt: Format, text: str, tmp_path: Path) -> None:
    if fmt is Format.SARIF:
        validate_sarif(text)
    elif fmt is Format.CYCLONEDX:
        validate_cyclonedx(text)
    elif fmt is Format.SPDX:
        validate_spdx(text, tmp_path)
    elif fmt is Format.MARKDOWN:
        validate_markdown(text)
    else:
        validate_badge(text)


# --- golden files across the fixture models ---------------------------------------------

_REPORTS: dict[str, Report] = {}


def fixture_report(ref: str, hub: FakeHub) -> Report:
    """The fixture model audited through the public API (evidence read once per session)."""
    if ref not in _REPORTS:
        evidence = open_evidence(ref)
        rubrics = (load_rubric("openaudit"), load_rubric("mof"))
        verdicts = tuple(evaluate(rubric, evidence) for rubric in rubrics)
        refs = tuple(RubricRef(r.id, r.version, r.title) for r in rubrics)
        _REPORTS[ref] = Report(refs, (Audit(verdicts, evidence),), tool_version="0.1.0")
    return _REPORTS[ref]


@pytest.mark.parametrize("fmt", CI_FORMATS, ids=lambda f: f.value)
@pytest.mark.parametrize("ref", GOLDEN_MODELS)
def test_golden_formats(
    ref: str, fmt: Format, hub: FakeHub, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    text = render(fixture_report(ref, hub), fmt).replace(hub.url, "http://fake-hub")
    validate(fmt, text, tmp_path)
    name = f"ci/{ref.replace('/', '__')}.{SUFFIX[fmt]}"
    assert_golden(request.config, name, text)


def test_boms_carry_licence_datasets_and_lineage(hub: FakeHub, tmp_path: Path) -> None:
    report = fixture_report("acme/llama-ft", hub)
    bom = validate_cyclonedx(render(report, Format.CYCLONEDX))
    (model,) = [c for c in bom["components"] if c["bom-ref"] == "model-1"]
    assert model["type"] == "machine-learning-model"
    assert model["licenses"] == [{"license": {"id": "Apache-2.0"}}]
    bases = [c for c in bom["components"] if "-base-" in c["bom-ref"]]
    assert [b["name"] for b in bases] == ["metaish/llama-2-7b"]
    (deps,) = [d for d in bom["dependencies"] if d["ref"] == "model-1"]
    assert deps["dependsOn"] == [bases[0]["bom-ref"]]
    assert bases[0]["licenses"][0]["license"]["name"] == "llama2"
    spdx = validate_spdx(render(report, Format.SPDX), tmp_path)
    names = {p.spdx_id: p.name for p in spdx.packages}
    kinds = {
        (r.relationship_type.name, names.get(r.related_spdx_element_id)) for r in spdx.relationships
    }
    assert ("DESCENDANT_OF", "metaish/llama-2-7b") in kinds
    assert any(i.license_id.startswith("LicenseRef-") for i in spdx.extracted_licensing_info)
    (model_package,) = [p for p in spdx.packages if p.spdx_id == "SPDXRef-Model-1"]
    assert str(model_package.license_declared) == "Apache-2.0"
    # its base's llama2 terms carry over: concluded is both, and the comment says why
    assert str(model_package.license_concluded) == (
        "Apache-2.0 AND LicenseRef-scancode-llama-2-license-2023"
    )
    assert "but its base metaish/llama-2-7b is under llama2" in model_package.license_comment
    props = {p["name"]: p["value"] for p in model["properties"]}
    assert props["openaudit:licence-in-effect"] == (
        "Apache-2.0 AND LicenseRef-scancode-llama-2-license-2023"
    )
    assert any("openaudit openaudit 1.0" in a.annotation_comment for a in spdx.annotations)


# --- the reports of report_samples: waivers, errors, hostile text --------------------------


def _gated(report: Report) -> Report:
    gate = Gate(
        passed=False,
        failures=("acme/open-model: code is partial, open required",),
        waived=(
            Waived("acme/open-model", "code.training", "trained elsewhere", "2026-12-31", "f:3"),
        ),
    )
    return dataclasses.replace(report, gate=gate)


@pytest.mark.parametrize("fmt", CI_FORMATS, ids=lambda f: f.value)
def test_sample_reports(fmt: Format, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    for name, report in {
        "single": _gated(sample_report()),
        "multi": multi_report(),
        "batch": sample_report(sample_verdict("a/one"), NOT_FOUND, sample_verdict("b/two")),
    }.items():
        text = render(report, fmt)
        validate(fmt, text, tmp_path)
        assert_golden(request.config, f"ci/sample-{name}.{SUFFIX[fmt]}", text)


@pytest.mark.parametrize("fmt", CI_FORMATS, ids=lambda f: f.value)
def test_an_error_only_run_is_an_empty_valid_document(fmt: Format, tmp_path: Path) -> None:
    report = Report((RubricRef("openaudit", "1.0"),), (NOT_FOUND,), tool_version="0.1.0")
    text = render(report, fmt)
    if fmt is not Format.MARKDOWN:  # an error-only Markdown report has no table to parse
        validate(fmt, text, tmp_path)
    if fmt is Format.SARIF:
        run = json.loads(text)["runs"][0]
        assert run["results"] == []
        assert run["invocations"][0]["executionSuccessful"] is False
    if fmt is Format.MARKDOWN:
        assert "acme/missing: error (exit 3)" in text


def test_waived_findings_are_marked_in_every_format(tmp_path: Path) -> None:
    report = _gated(sample_report())
    assert "no, **waived**: trained elsewhere, until 2026-12-31" in render(report, Format.MARKDOWN)
    sarif = validate_sarif(render(report, Format.SARIF))
    (training,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "code.training"]
    assert training["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "trained elsewhere"}
    ]
    bom = validate_cyclonedx(render(report, Format.CYCLONEDX))
    props = {p["name"]: p["value"] for p in bom["components"][0]["properties"]}
    assert props["openaudit:waived:code.training"] == "trained elsewhere"
    spdx = validate_spdx(render(report, Format.SPDX), tmp_path)
    notes = [a.annotation_comment for a in spdx.annotations]
    assert "waived by policy: code.training (trained elsewhere, until 2026-12-31; f:3)" in notes
    table = render(report, Format.TABLE)
    assert "Waived: code.training (trained elsewhere, until 2026-12-31; f:3)" in table
    document = json.loads(render(report, Format.JSON))
    code = document["models"][0]["layers"][1]["findings"][1]
    assert code["waived"] == {
        "reason": "trained elsewhere",
        "expires": "2026-12-31",
        "origin": "f:3",
    }


def test_markdown_keeps_card_text_inert() -> None:
    text = render(sample_report(hostile_verdict()), Format.MARKDOWN)
    validate_markdown(text)
    assert "[bold red]" not in text and "\x1b" not in text and "\u202e" not in text
    assert "<script" not in text
    evil = dataclasses.replace(
        sample_verdict(),
        summary="x",
        layers=(
            dataclasses.replace(
                sample_verdict().layers[0],
                summary="<img src=x onerror=alert(1)> | [click](https://evil.test) `code`",
            ),
            *sample_verdict().layers[1:],
        ),
    )
    text = render(sample_report(evil), Format.MARKDOWN)
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<img" not in html
    assert "evil.test" in html and 'href="https://evil.test"' not in html
    assert "<code>code</code>" not in html
    validate_markdown(text)
    assert HOSTILE not in text


def test_sarif_points_at_lines_of_a_local_folder() -> None:
    folder = EXAMPLES / "restricted-model"
    result = CliRunner().invoke(app, [str(folder), "-f", "sarif"])
    assert result.exit_code == 0, result.stderr
    sarif = validate_sarif(result.stdout)
    where = {
        r["ruleId"]: r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"]
    }

    def line(rule: str) -> str:
        location = where[rule]
        path = Path(location["artifactLocation"]["uri"].removeprefix("file://"))
        return path.read_text(encoding="utf-8").splitlines()[location["region"]["startLine"] - 1]

    uri = where["usage.no_use_restrictions"]["artifactLocation"]["uri"]
    assert uri == (folder / "LICENSE").as_uri()
    assert "royalty-free" in line("usage.no_use_restrictions")  # the quoted clause
    assert line("docs.data_documented").startswith("#")
    assert "Training" in line("docs.data_documented")
    assert line("weights.safe_format") is not None
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rule["help"]["text"] for rule in rules)
    assert any(rule.get("helpUri", "").startswith("https://") for rule in rules)


@pytest.mark.parametrize("fmt", CI_FORMATS, ids=lambda f: f.value)
def test_output_writes_every_format(fmt: Format, tmp_path: Path) -> None:
    out = tmp_path / f"report.{SUFFIX[fmt]}"
    result = CliRunner().invoke(
        app, [str(EXAMPLES / "open-model"), "-f", fmt.value, "--output", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    validate(fmt, out.read_text(encoding="utf-8"), tmp_path)


def test_the_badge_shows_level_and_score_or_the_mof_class() -> None:
    root = validate_badge(render(sample_report(), Format.BADGE))
    assert root.find("{http://www.w3.org/2000/svg}title").text == "openness: partial 62"  # type: ignore[union-attr]
    mof = multi_report()
    mof = dataclasses.replace(mof, results=(Audit(mof.audits[0].verdicts[1:]),))
    title = validate_badge(render(mof, Format.BADGE)).find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "MOF: Unclassified"
    error = Report((RubricRef("openaudit", "1.0"),), (NOT_FOUND,))
    assert "openness: error" in render(error, Format.BADGE)


def test_markdown_tables_have_one_row_per_layer() -> None:
    shapes = validate_markdown(render(sample_report(), Format.MARKDOWN))
    assert shapes[0] == (4, [4] * 5)  # four columns, one row per layer
    assert re.search(r"^## openaudit: report$", render(sample_report(), Format.MARKDOWN), re.M)


HOSTILE_MODELS = ["hostile/markup-card", "hostile/lying-license", "hostile/lying-readme"]


@pytest.mark.parametrize("ref", HOSTILE_MODELS)
def test_hostile_fixture_models_give_valid_documents_in_every_format(
    ref: str, hub: FakeHub, tmp_path: Path
) -> None:
    report = fixture_report(ref, hub)
    for fmt in CI_FORMATS:
        text = render(report, fmt)
        validate(fmt, text, tmp_path)
        assert "\x1b" not in text and "\u202e" not in text
    html = MarkdownIt("commonmark").enable("table").render(render(report, Format.MARKDOWN))
    assert "<script" not in html and "<img" not in html and "<a " not in html
