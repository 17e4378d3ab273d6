"""Property tests of the reader of data sources' proper names in card sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.rubric.evaluators.source_names import plain_text, source_names

# Card-like text: capitalised words, CamelCase, digits, markup, links and punctuation.
WORDS = st.sampled_from(
    ["We", "trained", "on", "OpenOrca", "the", "Tulu", "3", "SFT", "Mixture", "GPT-4",
     "excluded", "not", "evaluated", "|", "**", "[X](https://h.co/x)", "from", "Acme",
     "H100", "data", ",", ".", "(", ")", "used", "-", "\n", "ZINC15", "'s", "by", "LLaVA"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=30), st.booleans())
def test_names_are_words_of_the_sentence(words: list[str], listed: bool) -> None:
    sentence = " ".join(words)
    plain = " ".join(plain_text(sentence).split())
    for name in source_names(sentence, listed=listed):
        assert name and name == name.strip()
        assert name in plain


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_any_text_is_read_without_error(text: str, listed: bool) -> None:
    assert isinstance(source_names(text, listed=listed), list)


def test_a_chain_of_bold_labels_is_read_label_by_label() -> None:
    # each label is read on its own; a long chain is a loop, not a recursion per label
    chain = " ".join(f"**Corpus{i}**:" for i in range(3_000))
    names = source_names(chain, listed=True)
    assert names[:2] == ["Corpus0", "Corpus1"] and len(names) == 3_000
