"""Bounded safe YAML: errors with positions, refused bombs, plain JSON-ready data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openaudit import safeyaml
from openaudit.safeyaml import SafeYAMLError, compose_bounded, construct, load_bounded


@pytest.fixture(params=["libyaml", "pure-python"], autouse=True)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run every test with both the libyaml-backed and the pure-Python loader."""
    if request.param == "pure-python":
        monkeypatch.setattr(safeyaml, "_Loader", safeyaml._PyLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML built without libyaml")
    yield request.param


def _billion_laughs(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def _refused(text: str, **bounds: Any) -> SafeYAMLError:
    with pytest.raises(SafeYAMLError) as info:
        load_bounded(text, **bounds)
    return info.value


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"source": "a.yaml", "line": 3, "column": 5}, "a.yaml:3:5: boom"),
        ({"source": "a.yaml", "line": 3}, "a.yaml:3: boom"),
        ({"source": "a.yaml"}, "a.yaml: boom"),
        ({}, "<string>: boom"),
    ],
)
def test_error_text_is_source_line_column_problem(kwargs: dict[str, Any], expected: str) -> None:
    err = SafeYAMLError("boom", **kwargs)
    assert str(err) == expected
    assert err.problem == "boom"
    assert isinstance(err, ValueError)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: b: c\n", 1, 5),
        ("a: 1\nb: [1, 2\n", 3, 1),
        ("a: 1\n- b\n", 2, 1),
        ("a: 1\nb: *missing\n", 2, 4),
        ("a: 1\nb: \x01\n", 2, 4),
        ("a: 1\nb: \ud800\n", 2, 4),
    ],
)
def test_syntax_errors_carry_one_based_position(text: str, line: int, column: int) -> None:
    err = _refused(text)
    assert (err.line, err.column) == (line, column)
    assert str(err).startswith(f"<string>:{line}:{column}: ")


def test_source_name_is_reported() -> None:
    with pytest.raises(SafeYAMLError, match=r"^rubric\.yaml:1:5: "):
        load_bounded("a: b: c", source="rubric.yaml")


def test_several_documents_are_an_error() -> None:
    err = _refused("a: 1\n---\nb: 2\n")
    assert err.line == 2
    assert "single document" in err.problem


def test_text_over_the_byte_limit_is_refused_before_parsing() -> None:
    err = _refused("a: b: c\n" + "#" * 100, max_bytes=50)
    assert "over the limit of 50" in err.problem
    assert err.line is None


def test_byte_limit_counts_utf8_bytes_not_characters() -> None:
    assert load_bounded("a: ééé", max_bytes=9) == {"a": "ééé"}
    _refused("a: éééé", max_bytes=9)


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (10, 10), (6, 10)])
def test_billion_laughs_is_refused_before_expanding(levels: int, width: int) -> None:
    err = _refused(_billion_laughs(levels, width))
    # these problems come only from the event walk, which runs before any node is built
    assert "aliases" in err.problem or "nodes" in err.problem


def test_alias_count_is_bounded() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 10) + "]\n"
    assert len(load_bounded(text)["b"]) == 10
    assert "more than 5 aliases" in _refused(text, max_aliases=5).problem


def test_expanded_node_count_is_bounded() -> None:
    text = _billion_laughs(3, 10)  # 1 + 3 keys + ~1,100 expanded nodes, 20 aliases
    assert load_bounded(text)["a2"][0][0] == ["lol"] * 10
    assert "nodes" in _refused(text, max_nodes=500).problem


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 40 + "]" * 40,
        "".join(f"{'  ' * i}k{i}:\n" for i in range(40)) + "  " * 40 + "x",
    ],
)
def test_deep_nesting_is_refused(text: str) -> None:
    assert "deeper than 32" in _refused(text).problem


def test_depth_at_the_bound_is_accepted() -> None:
    assert load_bounded("[" * 32 + "]" * 32) is not None
    _refused("[" * 33 + "]" * 33)


def test_aliases_cannot_nest_deeper_than_the_bound() -> None:
    deep = "[" * 20 + "1" + "]" * 20
    assert load_bounded(f"a: &d {deep}\nb: *d\n") is not None
    assert "deeper" in _refused(f"a: &d {deep}\nb: {'[' * 15}*d{']' * 15}\n").problem


def test_recursive_alias_is_refused() -> None:
    assert "recursive" in _refused("a: &x [1, *x]\n").problem


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        "a: !!python/object/apply:os.system ['echo hi']\n",
        "a: !!python/name:os.system\n",
        "a: !!python/tuple [1, 2]\n",
        "a: !custom 1\n",
    ],
)
def test_python_and_unknown_tags_are_refused(text: str) -> None:
    err = _refused(text)
    assert err.line == 1
    assert "constructor" in err.problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('version: !!int ""', "cannot read '' as !!int"),
        ("a: !!float 0x1F", "cannot read '0x1F' as !!float"),
        ("a: !!bool x", "cannot read 'x' as !!bool"),
        ('a: !!float ""', "cannot read '' as !!float"),
        ("a: !!int 0b", "cannot read '0b' as !!int"),
        ("a: !!int 0o9", "cannot read '0o9' as !!int"),
        ("a: !!float 1:2:x", "cannot read '1:2:x' as !!float"),
        ("a: !!int _", "cannot read '_' as !!int"),
        ('!!int "": x', "cannot read '' as !!int"),
        ("a: !!pairs x", "expected a list of one-key mappings"),
        ("a: !!omap [x]", "expected a mapping of one key"),
    ],
)
def test_a_tagged_value_its_tag_cannot_read_is_a_located_safe_yaml_error(
    text: str, problem: str
) -> None:
    err = _refused(text)
    assert err.line == 1 and err.column is not None
    assert problem in err.problem


def test_a_bad_tagged_value_deep_inside_is_located_at_itself() -> None:
    err = _refused("a:\n  b: [1, {c: !!int x}]\n")
    assert (err.line, err.column) == (2, 14)


def test_sets_ordered_maps_and_pairs_become_json_data() -> None:
    data = load_bounded(
        "s: !!set {a, b}\no: !!omap [{a: 1}, {2: b}]\np: !!pairs [{a: 1}, {a: 2}]\n"
    )
    assert data == {"s": ["a", "b"], "o": {"a": 1, "2": "b"}, "p": [["a", 1], ["a", 2]]}
    assert json.loads(json.dumps(data)) == data


def test_timestamps_and_binary_stay_json_serialisable_strings() -> None:
    data = load_bounded(
        "released: 2024-01-31\nat: 2024-01-31T10:00:00Z\nexplicit: !!timestamp 2020-01-01\n"
        "blob: !!binary aGVsbG8=\n"
    )
    assert data == {
        "released": "2024-01-31",
        "at": "2024-01-31T10:00:00Z",
        "explicit": "2020-01-01",
        "blob": "aGVsbG8=",
    }
    assert json.loads(json.dumps(data)) == data


def test_mapping_keys_become_strings() -> None:
    data = load_bounded("1: a\ntrue: b\nnull: c\n2020-01-01: d\n? [1, 2]\n: e\n")
    assert data == {"1": "a", "True": "b", "None": "c", "2020-01-01": "d", "[1, 2]": "e"}
    assert load_bounded("a: {1: {2: x}}\n") == {"a": {"1": {"2": "x"}}}


def test_merge_keys_still_work() -> None:
    assert load_bounded("b: &b {x: 1}\nc: {<<: *b, y: 2}\n")["c"] == {"x": 1, "y": 2}


@pytest.mark.parametrize("text", ["", "# only a comment\n", "   \n"])
def test_empty_documents_are_none(text: str) -> None:
    assert compose_bounded(text) is None
    assert load_bounded(text) is None


def test_composed_nodes_keep_line_numbers() -> None:
    node = compose_bounded("a: 1\nprobes:\n  - id: x\n")
    assert isinstance(node, yaml.MappingNode)
    probes = node.value[1][1]
    assert probes.start_mark.line + 1 == 3
    assert construct(node) == {"a": 1, "probes": [{"id": "x"}]}
    assert construct(None) is None


_FIXTURE = HealthCheck.function_scoped_fixture  # the loader fixture is per test, not per example
_keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_scalars = st.none() | st.booleans() | st.integers() | _keys
_floats = st.floats(allow_nan=False, allow_infinity=False)
_values = st.recursive(
    _scalars | _floats,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[_FIXTURE])
@given(st.dictionaries(_keys, _values, max_size=8))
def test_safe_dump_round_trips(data: dict[str, Any]) -> None:
    assert load_bounded(yaml.safe_dump(data)) == data


# Whole YAML words, so that examples spell tags, anchors and the scalars tags choke on.
YAML_WORDS = (
    *"ab: -[]{}&*!#\n\t'\"|>?,.%@`1~",
    *("!!int ", "!!float ", "!!bool ", "!!str ", "!!null ", "!!set ", "!!omap ", "!!pairs "),
    *("!!seq ", "!!map ", "!!timestamp ", "!!binary ", "!!merge ", "!!python/tuple ", "!local "),
    *("&a ", "*a", "<<: ", '""', "0x1F", "0b", "0o9", "1e", "1:2", ".inf", "_", "x", "yes", "~"),
)
yaml_words = st.lists(st.sampled_from(YAML_WORDS), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[_FIXTURE])
@given(yaml_words | st.text())
def test_any_text_loads_or_raises_safe_yaml_error(text: str) -> None:
    try:
        load_bounded(text)
    except SafeYAMLError as err:
        assert err.line is None or err.line >= 1
        assert err.column is None or err.column >= 1


def _as_before(node: yaml.Node | None) -> Any:
    """`construct` as it was: the constructor alone, its errors as SafeYAMLError."""
    if node is None:
        return None
    try:
        return safeyaml._Constructor().construct_document(node)
    except yaml.YAMLError as exc:
        raise safeyaml._yaml_error(exc, "<string>", "") from None
    except (*safeyaml._CONSTRUCTION_ERRORS, RecursionError) as exc:
        raise SafeYAMLError(f"cannot read the document: {type(exc).__name__}") from None


def _outcome(build: Any, text: str) -> Any:
    try:
        return ("data", build(compose_bounded(text)))
    except SafeYAMLError as err:
        return ("error", str(err))


BLOCKS = (
    "a: ", "b: ", "x", "- ", "\n", "\n  ", "[", "]", "{", "}", ", ", "&a ", "*a", "<<: ",
    "!!str ", "!!int ", "!!set ", "!!omap ", "!!map ", "!!seq ", "1", "yes", "~", "2024-01-01",
    "? ", ": ", "'q'", "!!float ", "!!value ", "= ", "!!pairs ", "!!binary ",
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[_FIXTURE])
@given(st.lists(st.sampled_from(BLOCKS), max_size=24).map("".join) | yaml_words)
def test_plain_construction_gives_what_the_constructor_gives(text: str) -> None:
    # strings, lists and mappings are built without the constructor's dispatch: the same
    # data, or the same error, as the constructor alone (each on a node of its own)
    try:
        compose_bounded(text)
    except SafeYAMLError:
        return  # not composed: construction never runs
    assert _outcome(construct, text) == _outcome(_as_before, text)
