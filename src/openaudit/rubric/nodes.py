"""Reading a composed YAML node tree with positions, for `file:line:column` errors."""

from __future__ import annotations

from typing import Any, NoReturn

import yaml

from openaudit.errors import RubricError
from openaudit.safeyaml import SafeYAMLError, construct

Entries = dict[str, tuple[yaml.Node, yaml.Node]]  # key -> (key node, value node)


class NodeReader:
    """Typed access to YAML nodes of one file; every error names file:line:column."""

    def __init__(self, source: str) -> None:
        self.source = source

    def where(self, node: yaml.Node) -> str:
        """`file:line:column` of a node (1-based)."""
        mark = node.start_mark
        return f"{self.source}:{mark.line + 1}:{mark.column + 1}"

    def fail(self, node: yaml.Node, message: str) -> NoReturn:
        """Raise a RubricError located at `node`."""
        raise RubricError(f"{self.where(node)}: {message}")

    def mapping(self, node: yaml.Node, what: str) -> Entries:
        """The entries of a mapping node with string keys, refusing duplicate keys."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what}: expected a mapping")
        entries: Entries = {}
        for key_node, value_node in node.value:
            # The key's own text: YAML 1.1 would read `no:` as false, `yes:` as true.
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, f"{what}: expected a plain key, got a {key_node.id}")
            key = str(key_node.value)
            if key in entries:
                self.fail(key_node, f"{what}: duplicate key '{key}'")
            entries[key] = (key_node, value_node)
        return entries

    def keys(
        self,
        node: yaml.Node,
        entries: Entries,
        what: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
    ) -> None:
        """Refuse unknown keys and report the first missing required key."""
        for key, (key_node, _) in entries.items():
            if key not in allowed:
                self.fail(
                    key_node, f"{what}: unknown key '{key}'; expected one of {', '.join(allowed)}"
                )
        for key in required:
            if key not in entries:
                self.fail(node, f"{what}: missing required key '{key}'")

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        """The items of a sequence node."""
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what}: expected a list")
        return list(node.value)

    def value(self, node: yaml.Node) -> Any:
        """Plain Python data for a node."""
        try:
            return construct(node, source=self.source)
        except SafeYAMLError as exc:
            raise RubricError(str(exc)) from None

    def string(self, node: yaml.Node, what: str, *, empty: bool = False) -> str:
        """A string scalar (non-empty unless `empty`)."""
        value = self.value(node)
        if not isinstance(node, yaml.ScalarNode) or not isinstance(value, str):
            self.fail(node, f"{what}: expected a string, got {shown(value)}")
        if not empty and not value.strip():
            self.fail(node, f"{what}: expected a non-empty string")
        return value


def shown(value: Any) -> str:
    """A value as an error message shows it: 'nothing', 'a mapping', "str 'x'"."""
    if value is None:
        return "nothing"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"{type(value).__name__} {value!r}"
