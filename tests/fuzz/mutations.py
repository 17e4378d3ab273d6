"""Hypothesis strategies that mutate real inputs: shipped rubrics, fixture cards, licences."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parents[1]

# YAML that stresses the loader: tags on scalars they cannot read, anchors, aliases,
# merges, flow and block syntax, odd scalars.
YAML_WORDS = (
    "!!int ", "!!float ", "!!bool ", "!!str ", "!!null ", "!!set ", "!!omap ", "!!pairs ",
    "!!seq ", "!!map ", "!!timestamp ", "!!binary ", "!!merge ", "!!python/object:os.system ",
    "!local ", "&a ", "&b ", "*a", "*b", "<<: *a", "<<: ", '""', "''", "0x1F", "0b", "0o9",
    "1e", "1:2", "1:2:x", ".inf", ".nan", "-.inf", "_", "~", "null", "yes", "no", "on",
    "2024-13-45", "12:30:00", "[", "]", "{", "}", ",", ": ", "- ", "? ", "|", ">", "#", "\n",
    "\n  ", "\t", "---\n", "...\n", "%YAML 1.1\n", "'", '"', "\\", "9" * 30, "x",
)  # fmt: skip
TAGGED_VALUES = (
    '!!int ""', "!!float 0x1F", "!!bool x", "!!int x", '!!float ""', "!!int 0b", "!!set x",
    "!!omap [x]", "!!pairs x", "!!timestamp [1]", "!!binary {}", "!!null [1]", "!!str {a: b}",
    "*undefined", "&a [*a]", "!!python/name:os.system", "{<<: [1]}", "!!merge x", "9" * 5000,
)  # fmt: skip
LICENCE_WORDS = (
    "MIT", "Apache-2.0", "apache-2.0", "GPL-3.0-only", "gpl", "llama2", "llama3.1",
    "cc-by-nc-4.0", "openrail", "other", "unknown", "AND", "OR", "WITH", "and", "or", "with",
    "Classpath-exception-2.0", "LicenseRef-x", "LicenseRef-openaudit-0", "(", ")", "+", "-",
    "/", ",", "", " ", "\x00", "é", "mit/apache", "MIT OR", "(MIT", "MIT)", "NOASSERTION",
)  # fmt: skip
CLAUSE_WORDS = (
    "You may not", "non-commercial", "research purposes only", "shall not", "use the outputs",
    "to train", "other models", "700 million monthly active users", "$1 million", "revenue",
    "acceptable use policy", "Built with", "must include", "(a)", "(b)", "\n\n", "-\n",
    "Permission is hereby granted", "free of charge", "All rights reserved", "**", "# ", "é",
)  # fmt: skip


def shipped_rubrics() -> dict[str, str]:
    """Every shipped rubric's text by name."""
    folder = resources.files("openaudit").joinpath("rubrics")
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }


def fixture_texts(pattern: str) -> list[str]:
    """The texts of this project's fixture files matching `pattern` (UTF-8 ones only)."""
    texts = []
    for path in sorted((TESTS / "fixtures").rglob(pattern)):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
    return texts


@st.composite
def mutated(draw: st.DrawFn, texts: Sequence[str], words: Sequence[str]) -> str:
    """One of `texts` with a few edits: words inserted, spans cut, duplicated or swapped,
    a line's value replaced by a tagged scalar its tag cannot read."""
    text = draw(st.sampled_from(list(texts)))
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        edit = draw(st.sampled_from(("insert", "cut", "duplicate", "value", "truncate", "swap")))
        at = draw(st.integers(min_value=0, max_value=len(text)))
        if edit == "insert":
            text = text[:at] + draw(st.sampled_from(list(words))) + text[at:]
        elif edit == "cut":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=200)) :]
        elif edit == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 400))] + text[at:]
        elif edit == "truncate":
            text = text[:at]
        elif edit == "swap":
            lines = text.split("\n")
            i, j = (draw(st.integers(0, max(0, len(lines) - 1))) for _ in range(2))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            text = _replace_value(text, at, draw(st.sampled_from(TAGGED_VALUES)))
    return text


def _replace_value(text: str, at: int, value: str) -> str:
    """The text with the value of the `key: value` line at or after `at` replaced."""
    colon = text.find(": ", at)
    if colon < 0:
        return text
    end = text.find("\n", colon)
    end = len(text) if end < 0 else end
    return text[: colon + 2] + value + text[end:]


def word_salad(words: Sequence[str], max_size: int = 60) -> st.SearchStrategy[str]:
    """Texts made of whole `words` joined by spaces or nothing, plus arbitrary text."""
    joined = st.lists(st.sampled_from(list(words)), max_size=max_size).flatmap(
        lambda parts: st.sampled_from((" ", "", "\n")).map(lambda sep: sep.join(parts))
    )
    return joined | st.text(max_size=max_size)
