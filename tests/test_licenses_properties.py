"""Property tests: the licence functions never raise, whatever the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.evidence import Evidence, TextFile
from openaudit.licenses import check_expression, identify_text, lookup
from openaudit.rubric.context import identify_license as identify

WORDS = st.sampled_from(
    [
        "mit",
        "AND",
        "OR",
        "WITH",
        "(",
        ")",
        "gpl",
        "llama3",
        "LicenseRef-x",
        "+",
        "Classpath-exception-2.0",
        "other",
        "unknown",
        "cc-by-nc-4.0",
        "apache 2.0",
        "\x00",
        "é",
        "-",
        ".",
        "/",
    ]
)
EXPRESSIONS = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=12).map(" ".join))
ANY = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.text(max_size=100),
    st.lists(st.one_of(st.text(max_size=20), st.integers()), max_size=4),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(EXPRESSIONS)
def test_lookup_and_check_expression_never_raise(text: str) -> None:
    lookup(text)
    report = check_expression(text)
    assert report.valid == (not report.errors)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_identify_text_never_raises(text: str) -> None:
    result = identify_text(text)
    assert result is None or lookup(result) is not None


@settings(max_examples=150, deadline=None)
@given(license=ANY, name=ANY, link=ANY, text=st.one_of(st.none(), st.text(max_size=300)))
def test_identify_never_raises(
    license: object, name: object, link: object, text: str | None
) -> None:
    card = {"license": license, "license_name": name, "license_link": link}
    files = (TextFile("LICENSE", text),)
    report = identify(Evidence(ref="m", source="hub", api_card_data=card, license_files=files))
    assert report.reason
    assert (report.license_id is None) == (report.facts is None)
