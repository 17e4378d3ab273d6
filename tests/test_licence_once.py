"""Licence identification runs once per model, however many rubrics judge it."""

from __future__ import annotations

import pytest
from fakehub import FakeHub

from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import license_identification as identification
from openaudit.rubric.context.license_report import LicenseReport
from openaudit.sources.hub import fetch_hub_evidence


def test_one_identification_for_several_rubrics(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence = fetch_hub_evidence("acme/llama-ft")
    calls: list[object] = []
    real = identification.identify

    def counting(ev: object) -> object:
        calls.append(ev)
        return real(ev)  # type: ignore[arg-type]

    monkeypatch.setattr(identification, "identify", counting)
    rubrics = [load_rubric(name) for name in ("openaudit", "mof", "osaid", "eosai")]
    verdicts = [evaluate(rubric, evidence) for rubric in rubrics]
    assert len(calls) == 1
    again = [evaluate(rubric, evidence) for rubric in rubrics]
    assert again == verdicts  # reusing the report changes nothing
    other = fetch_hub_evidence("openlab/open-7b")
    evaluate(rubrics[0], other)
    assert len(calls) == 2  # a new model is identified anew


@pytest.mark.parametrize(
    "card",
    [
        {"license": "apache-2.0"},
        {"license": "other", "license_name": "llama3", "license_link": "LICENSE"},
        {"license": ["mit", "apache-2.0"]},  # a list is not hashable: never remembered
    ],
)
def test_models_sharing_a_declaration_get_the_same_reading_and_their_own_citations(
    card: dict[str, object],
) -> None:
    from openaudit.evidence import Evidence, TextFile

    def report(name: str) -> LicenseReport:
        return identification.identify(
            Evidence(
                ref=name,
                source="hub",
                repo_id=name,
                url=f"https://huggingface.co/{name}",
                api_card_data=card,
                tags=("license:other",),
                license_files=(TextFile("LICENSE", None, "not read"),),
            )
        )

    first, second, again = report("a/one"), report("b/two"), report("a/one")
    assert again == first
    assert (first.license_id, first.reason, first.conflicts) == (
        second.license_id, second.reason, second.conflicts,
    )  # fmt: skip
    # the licence file's claim cites the model's own file
    cited = [[c.citation.url for c in r.claims if c.citation.where == "file:LICENSE"]
             for r in (first, second)]  # fmt: skip
    assert cited[0] != cited[1] and all("a/one" in url for url in cited[0] if url)


def test_equal_but_different_values_are_read_each_as_itself() -> None:
    """1, 1.0 and True are equal keys in Python but different card values: each model's
    report quotes its own value, whatever was identified before it."""
    from openaudit.evidence import Evidence

    def reason(value: object) -> str:
        card = {"license": value}
        evidence = Evidence(ref="a/m", source="hub", repo_id="a/m", api_card_data=card)
        return identification.identify(evidence).reason

    assert "(1)" in reason(1)
    assert "(True)" in reason(True)
    assert "(1.0)" in reason(1.0)


def test_long_values_are_not_kept_in_the_memos() -> None:
    """The memos hold the short values a dump repeats; a 200 KB licence value (a card
    may carry one) is answered without being kept for the rest of a scan."""
    from openaudit.evidence import Evidence
    from openaudit.licenses import catalogue, expression

    long_value = "MIT AND " * 25_000
    memos = (expression._checked, catalogue._lookup, identification._remembered)
    before = [memo.cache_info().currsize for memo in memos]
    report = expression.check_expression(long_value)
    assert not report.valid and "longer than" in " ".join(report.errors)
    assert catalogue.lookup(long_value) is None
    card = {"license": long_value}
    identification.identify(Evidence(ref="a/m", source="hub", repo_id="a/m", api_card_data=card))
    assert [memo.cache_info().currsize for memo in memos] == before


def test_a_report_citing_the_model_s_own_files_is_not_kept() -> None:
    """A declaration with licence files (or licence passages of the README) comes with the
    model's own URLs: no other model has it, so its report is worked out and not kept,
    while a plain declaration's report is kept once and shared."""
    from openaudit.evidence import Evidence, TextFile

    def evidence(name: str, files: tuple[TextFile, ...]) -> Evidence:
        card = {"license": "apache-2.0", "license_link": "LICENSE"}
        return Evidence(
            ref=name, source="hub", repo_id=name, url=f"https://huggingface.co/{name}",
            api_card_data=card, license_files=files,
        )  # fmt: skip

    identification._remembered.cache_clear()
    licence_file = (TextFile("LICENSE", None, "not read"),)
    for name in ("a/one", "b/two", "c/three"):
        report = identification.identify(evidence(name, licence_file))
        assert report.license_id == "apache-2.0"
    assert identification._remembered.cache_info().currsize == 0
    plain = [identification.identify(evidence(name, ())) for name in ("a/one", "b/two")]
    assert plain[0] is plain[1] and plain[0].license_id == "apache-2.0"
    assert identification._remembered.cache_info().currsize == 1
