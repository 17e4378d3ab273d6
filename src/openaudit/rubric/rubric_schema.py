"""A rubric file's structure checked against its JSON Schema (schemas/rubric-1.json).

The YAML node tree is turned into plain data, remembering the node of every path;
`jsonschema` reports every structural error at once (unknown or missing keys,
types, enums, bounds, id patterns) and each is said the way the rest of openaudit
says it, `file:line:column: what: expected ...`. What a schema cannot know (which
evaluators exist and their params, layer names used by probes, duplicate ids,
threshold order, the parent of `extends:`) stays with the builder.

jsonschema is imported only here, for rubric files a user wrote: the shipped
rubrics are checked against the same schema by the test suite, and loading them
does not pay for the import.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

import yaml

from openaudit.errors import RubricError
from openaudit.rubric.nodes import NodeReader, shown

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

Path = tuple[str | int, ...]
_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "boolean": "true or false",
}
_SHOWS_VALUE = ("string", "number")  # "expected a string, got int 3"


@dataclass
class _Located:
    """Plain data for the node tree, with each path's key node and value node."""

    reader: NodeReader
    values: dict[Path, yaml.Node] = field(default_factory=dict)
    keys: dict[Path, yaml.Node] = field(default_factory=dict)
    unreadable: list[Path] = field(default_factory=list)  # its own error already said
    errors: list[RubricError] = field(default_factory=list)

    def plain(self, node: yaml.Node, path: Path) -> Any:
        self.values[path] = node
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(item, (*path, index)) for index, item in enumerate(node.value)]
        try:
            return self.reader.value(node)
        except RubricError as exc:
            self.errors.append(exc)
            self.unreadable.append(path)
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        entries: dict[str, Any] = {}
        for key_node, value_node in node.value:
            # The key's own text: YAML 1.1 would read `no:` as false, `yes:` as true.
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(
                    key_node, f"{what(path, None)}: expected a plain key, got a {key_node.id}"
                )
                continue
            key = str(key_node.value)
            if key in entries:
                self._fail(key_node, f"{what(path, None)}: duplicate key '{key}'")
                continue
            self.keys[(*path, key)] = key_node
            entries[key] = self.plain(value_node, (*path, key))
        return entries

    def _fail(self, node: yaml.Node, message: str) -> None:
        self.errors.append(RubricError(f"{self.reader.where(node)}: {message}"))


@dataclass(frozen=True)
class SchemaCheck:
    """The structural errors of one rubric file, and the nodes they lie in (the builder
    leaves those parts alone, so that one mistake is reported once)."""

    errors: tuple[RubricError, ...]
    flagged: frozenset[int]  # id() of every node at or above an error

    def covers(self, node: yaml.Node) -> bool:
        """True when the node holds an error already reported."""
        return id(node) in self.flagged


NO_ERRORS = SchemaCheck((), frozenset())


def check_structure(reader: NodeReader, root: yaml.Node) -> SchemaCheck:
    """Every structural error of the rubric file whose node tree is `root`."""
    located = _Located(reader)
    data = located.plain(root, ())
    errors = list(located.errors)
    bad_paths = list(located.unreadable)
    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        if any(path[: len(cut)] == cut for cut in located.unreadable):
            continue
        for where_path, at_key, message in _said(error, path, data):
            node = located.keys[where_path] if at_key else located.values[where_path]
            errors.append(RubricError(f"{reader.where(node)}: {message}"))
            bad_paths.append(where_path)
    flagged = {
        id(located.values[bad[:depth]])
        for bad in bad_paths
        for depth in range(len(bad) + 1)
        if bad[:depth] in located.values
    }
    return SchemaCheck(tuple(errors), frozenset(flagged))


@cache
def _validator() -> Validator:
    from jsonschema import Draft202012Validator

    text = resources.files("openaudit").joinpath("schemas", "rubric-1.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def what(path: Path, data: Any) -> str:
    """How a message names the part at `path`: `rubric.id`, `layers.weights.thresholds`,
    `probe 'weights.files'.weight`, `overrides.mof.datasets.params`."""
    if not path:
        return "rubric"
    head, rest = path[0], path[1:]
    if head == "probes" and rest:
        probe = data["probes"][rest[0]] if isinstance(data, dict) else None
        probe_id = probe.get("id") if isinstance(probe, dict) else None
        name = f"probe '{probe_id}'" if isinstance(probe_id, str) else "probe"
        return ".".join((name, *(str(part) for part in rest[1:] if not isinstance(part, int))))
    if head == "framework" and len(path) >= 3 and isinstance(path[2], int):
        section = data.get("framework") if isinstance(data, dict) else None
        items = section.get(path[1]) if isinstance(section, dict) else None
        item = items[path[2]] if isinstance(items, list) else None
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            tail = [str(part) for part in path[3:] if not isinstance(part, int)]
            return ".".join((f"framework item '{ident}'", *tail))
        return f"framework.{path[1]}[]"
    if head in ("layers", "overrides", "framework"):
        return ".".join(str(part) for part in path if not isinstance(part, int))
    if head in ("probes", "disable"):
        return str(head)
    return ".".join(("rubric", *(str(part) for part in path)))


def _said(error: ValidationError, path: Path, data: Any) -> Iterator[tuple[Path, bool, str]]:
    """(where, whether at its key rather than its value, message) for one schema error."""
    kind, value, expected = (
        error.validator,
        cast(Any, error.instance),
        cast(Any, error.validator_value),
    )
    schema = cast(dict[str, Any], error.schema)
    name = what(path, data)
    if "propertyNames" in error.relative_schema_path:
        choices = ", ".join(schema["enum"])
        message = schema["x-message"].format(what=name, value=value, choices=choices)
        yield (*path, value), True, message
    elif kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in (key for key in value if key not in allowed):
            message = f"{name}: unknown key '{key}'; expected one of {', '.join(allowed)}"
            yield (*path, key), True, message
    elif kind == "required":
        for key in (key for key in expected if key not in value):
            yield path, False, f"{name}: missing required key '{key}'"
    elif kind == "dependentRequired":
        for key in (key for key in expected if key in value):
            yield (*path, key), True, f"rubric.{key}: only allowed with `extends:`"
    elif kind == "type":
        if "x-type-message" in schema:
            yield path, False, f"{name}: {schema['x-type-message']}"
        else:
            got = f", got {shown(value)}" if expected in _SHOWS_VALUE else ""
            yield path, False, f"{name}: expected {_TYPE_WORDS[expected]}{got}"
    elif kind == "enum":
        yield path, False, f"{name}: expected one of {', '.join(schema['enum'])}, got '{value}'"
    elif kind in ("minimum", "maximum"):
        low, high = schema.get("minimum", 0), schema.get("maximum")
        bounds = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
        yield path, False, f"{name}: expected a number {bounds}, got {value:g}"
    elif kind in ("minProperties", "minItems") and "x-min-message" in schema:
        yield path, False, schema["x-min-message"].format(what=name)
    elif "x-message" in schema:
        owner = what(path[:-1], data) if schema.get("x-on-item") else name
        yield path, False, f"{owner}: {schema['x-message']}"
    else:
        yield path, False, f"{name}: {error.message}"
