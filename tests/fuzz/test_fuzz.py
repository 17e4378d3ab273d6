"""Fuzz the parsers of untrusted text: nothing escapes but the documented error types.

Documented: `load_bounded` raises only SafeYAMLError, `parse_rubric` only RubricError,
`load_saved` only UsageError;
`parse_card`, `check_expression`, `identify_text`, `detect_clauses`, `identify` and the
rubric engine never raise, and reports render whatever the card says. Example counts:
see conftest.py (OPENAUDIT_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from mutations import (
    CLAUSE_WORDS,
    LICENCE_WORDS,
    YAML_WORDS,
    fixture_texts,
    mutated,
    shipped_rubrics,
    word_salad,
)

from openaudit.card import parse_card
from openaudit.errors import RubricError, UsageError
from openaudit.evidence import Evidence, RepoFile, TextFile
from openaudit.licenses import check_expression, identify_text
from openaudit.licenses.clauses import detect_clauses
from openaudit.report import Audit, Format, Report, RubricRef, render
from openaudit.rubric import evaluate, load_rubric, parse_rubric
from openaudit.rubric.context import identify_license as identify
from openaudit.safeyaml import SafeYAMLError, load_bounded
from openaudit.sources.local import load_local
from openaudit.sources.saved import load_saved, save_evidence

FUZZ = settings.get_profile("openaudit-fuzz")
RUBRICS = list(shipped_rubrics().values())
CARDS = fixture_texts("README.md")
LICENCES = fixture_texts("LICENSE*") + fixture_texts("USE_POLICY*")
FRONT_MATTER_WORDS = (*YAML_WORDS, "license: ", "base_model: ", "datasets:\n  - ", "---\n")


@FUZZ
@given(mutated(RUBRICS, YAML_WORDS))
def test_yaml_loader_on_mutated_rubrics_raises_only_safe_yaml_error(text: str) -> None:
    try:
        data = load_bounded(text, max_bytes=1024 * 1024)
    except SafeYAMLError as err:
        assert err.line is None or err.line >= 1
        return
    json.dumps(data)  # plain data, whatever the tags said


@FUZZ
@given(st.lists(st.sampled_from(YAML_WORDS), max_size=40).map("".join))
def test_yaml_loader_on_tag_and_anchor_salad_raises_only_safe_yaml_error(text: str) -> None:
    with contextlib.suppress(SafeYAMLError):
        json.dumps(load_bounded(text))


@FUZZ
@given(mutated(RUBRICS, YAML_WORDS))
def test_rubric_loader_on_mutated_rubrics_raises_only_rubric_error(text: str) -> None:
    try:
        parse_rubric(text, source="<fuzz>")
    except RubricError as err:
        assert "\n" not in err.one_line()


@FUZZ
@given(mutated(CARDS, FRONT_MATTER_WORDS), st.sampled_from(LICENCES))
def test_card_parser_and_engine_on_mutated_cards_never_raise(card: str, licence: str) -> None:
    parsed = parse_card(card)
    assert isinstance(parsed.metadata, dict)
    evidence = Evidence(
        ref="fuzz/model",
        source="local",
        readme=card,
        files=(RepoFile("README.md", len(card)), RepoFile("model.safetensors", 10)),
        license_files=(TextFile("LICENSE", licence, len(licence)),),
    )
    verdict = evaluate(load_rubric("openaudit"), evidence)
    report = Report((RubricRef("openaudit", "1"),), (Audit((verdict,)),))
    json.loads(render(report, Format.JSON))


@FUZZ
@given(word_salad(LICENCE_WORDS, max_size=12))
def test_licence_expressions_never_raise(text: str) -> None:
    report = check_expression(text)
    assert report is not None


@FUZZ
@given(mutated(LICENCES, CLAUSE_WORDS) | word_salad(CLAUSE_WORDS, max_size=80))
def test_licence_texts_never_raise(text: str) -> None:
    identify_text(text)
    detect_clauses(text)
    identify(Evidence(ref="fuzz/m", source="local", license_files=(TextFile("LICENSE", text),)))


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAVED = [
    save_evidence(load_local(EXAMPLES / name), None) for name in ("open-model", "restricted-model")
]
JSON_WORDS = ('"', "{", "}", "[", "]", ",", ":", "null", "true", "1e999", "-0", '"x"', "\\u0000")


@FUZZ
@given(mutated(SAVED, JSON_WORDS))
def test_saved_evidence_loader_on_mutated_files_raises_only_usage_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "evidence.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            evidence = load_saved(path)
        except UsageError as err:
            assert "\n" not in err.one_line()
            return
    evaluate(load_rubric("openaudit"), evidence)  # what loads is audited
