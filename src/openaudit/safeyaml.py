"""Bounded, safe YAML: refuse oversized, deep or alias-bomb documents before building them.

`compose_bounded` walks the event stream first, so a "billion laughs" document is
refused after reading its events, never expanded. `construct` turns a node into
plain, JSON-serialisable Python data (timestamps stay strings, no python/* tags).
Node line numbers stay available to callers that keep the composed node (the rubric
loader reports `file:line:column`). libyaml parses when PyYAML has it (some 25 times
faster), else the pure-Python parser: the data is the same, error wording may differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    ScalarEvent,
)

from openaudit import limits

MAX_YAML_NODES = 100_000  # nodes after expanding aliases

__all__ = [
    "MAX_YAML_NODES",
    "SafeYAMLError",
    "compose_bounded",
    "construct",
    "load_bounded",
]


class SafeYAMLError(ValueError):
    """YAML that is malformed, too large, or not plain data; carries where it went wrong."""

    def __init__(
        self,
        problem: str,
        *,
        source: str = "<string>",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.source = source
        self.line = line  # 1-based
        self.column = column  # 1-based
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.source]
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        return f"{':'.join(where)}: {self.problem}"


# What PyYAML's scalar constructors raise on a tagged value they cannot read
# (`!!int ""` is an IndexError, `!!bool x` a KeyError, `!!float 0x1F` a ValueError).
_CONSTRUCTION_ERRORS = (ValueError, IndexError, KeyError, TypeError, OverflowError)


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe constructor keeping timestamps and binary as strings and stringifying keys.

    A value its tag cannot read (`!!int ""`, `!!bool x`) is a ConstructorError at the
    node, never a bare ValueError or KeyError: callers see only SafeYAMLError.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """The node's value; a value its tag cannot read is a located ConstructorError."""
        try:
            return super().construct_object(node, deep=deep)
        except _CONSTRUCTION_ERRORS as exc:
            raise yaml.constructor.ConstructorError(
                None, None, _unreadable(node, exc), node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        """A dict whose keys are all strings (non-string keys go through str())."""
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping node", node.start_mark
            )
        self.flatten_mapping(node)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            mapping[key if isinstance(key, str) else str(key)] = self.construct_object(
                value_node, deep=deep
            )
        return mapping


def _kind(node: yaml.Node) -> str:
    """'scalar', 'sequence' or 'mapping'."""
    return str(getattr(node, "id", "node"))


def _unreadable(node: yaml.Node, exc: Exception) -> str:
    """'cannot read '0x1F' as !!float' for a scalar, the error itself for a collection."""
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    if isinstance(node, yaml.ScalarNode):
        shown = repr(str(node.value)[:40])
        return f"cannot read {shown} as {tag}"
    return f"cannot read this {_kind(node)} as {tag}: {type(exc).__name__}"


def _construct_str(constructor: Any, node: yaml.Node) -> Any:
    return constructor.construct_scalar(node)


def _construct_set(constructor: Any, node: yaml.Node) -> Any:
    """`!!set {a, b}` as the list of its members (a Python set is not JSON)."""
    return list(constructor.construct_mapping(node))


def _construct_pairs(constructor: Any, node: yaml.Node) -> list[list[Any]]:
    """`!!pairs [{a: 1}, {a: 2}]` as a list of [key, value] lists (tuples are not JSON)."""
    if not isinstance(node, yaml.SequenceNode):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"expected a list of one-key mappings, found a {_kind(node)}",
            node.start_mark,
        )
    pairs = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping of one key", item.start_mark
            )
        key_node, value_node = item.value[0]
        key = constructor.construct_object(key_node, deep=True)
        pairs.append([key, constructor.construct_object(value_node, deep=True)])
    return pairs


def _construct_omap(constructor: Any, node: yaml.Node) -> dict[str, Any]:
    """`!!omap` as a mapping with string keys (dicts keep their order)."""
    return {
        key if isinstance(key, str) else str(key): value
        for key, value in _construct_pairs(constructor, node)
    }


# Dates must stay JSON-serialisable (evidence is saved as JSON and re-audited).
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)
_Constructor.add_constructor("tag:yaml.org,2002:binary", _construct_str)
_Constructor.add_constructor("tag:yaml.org,2002:set", _construct_set)
_Constructor.add_constructor("tag:yaml.org,2002:omap", _construct_omap)
_Constructor.add_constructor("tag:yaml.org,2002:pairs", _construct_pairs)


class _PyLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    yaml.resolver.Resolver,
):
    """The pure-Python loader, used when PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


def _fastest_loader() -> Any:
    """libyaml's parser with our constructor when PyYAML has it (some 25 times faster;
    front matter may be 256 KiB), else the pure-Python loader."""
    if not getattr(yaml, "__with_libyaml__", False):
        return _PyLoader

    # CBaseLoader is PyYAML's public libyaml loader (parser + base constructor and
    # resolver); our safe constructor and the full resolver come before the bases.
    class _CLoader(yaml.CBaseLoader, _Constructor, yaml.resolver.Resolver):
        def __init__(self, stream: str) -> None:
            yaml.CBaseLoader.__init__(self, stream)
            _Constructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    return _CLoader


_Loader: Any = _fastest_loader()
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass
class _Frame:
    start_total: int
    anchor: str | None
    height: int = 0


@dataclass
class _Walk:
    """State of the bounded event walk: expanded size and height of every anchor."""

    source: str
    max_depth: int
    max_aliases: int
    max_nodes: int
    stack: list[_Frame] = field(default_factory=list)
    anchors: dict[str, tuple[int, int]] = field(default_factory=dict)  # size, height
    total: int = 0
    aliases: int = 0
    documents: int = 0

    def refuse(self, event: Event, problem: str) -> SafeYAMLError:
        """The error to raise at this event's position."""
        mark = event.start_mark
        if mark is None:
            return SafeYAMLError(problem, source=self.source)
        return SafeYAMLError(
            problem, source=self.source, line=mark.line + 1, column=mark.column + 1
        )

    def add(self, event: Event, size: int, height: int) -> None:
        """Account for one finished node of `size` expanded nodes and `height` levels."""
        self.total += size
        if self.total > self.max_nodes:
            raise self.refuse(event, f"document expands to more than {self.max_nodes} nodes")
        if len(self.stack) + height > self.max_depth:
            raise self.refuse(event, f"document nests deeper than {self.max_depth} levels")
        if self.stack:
            self.stack[-1].height = max(self.stack[-1].height, height)

    def feed(self, event: Event) -> None:
        """Check one event against the bounds."""
        if type(event) is ScalarEvent:  # most events: `add(event, 1, 0)` inlined
            self.total += 1
            if self.total > self.max_nodes:
                raise self.refuse(event, f"document expands to more than {self.max_nodes} nodes")
            if len(self.stack) > self.max_depth:
                raise self.refuse(event, f"document nests deeper than {self.max_depth} levels")
            # a scalar's height 0 leaves the enclosing collection's height as it is
            if event.anchor is not None:
                self.anchors[event.anchor] = (1, 0)
        elif isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.refuse(event, "expected a single document, found several")
        elif isinstance(event, AliasEvent):
            self.alias(event)
        elif isinstance(event, ScalarEvent):
            self.add(event, 1, 0)
            if event.anchor is not None:
                self.anchors[event.anchor] = (1, 0)
        elif isinstance(event, CollectionStartEvent):
            self.stack.append(_Frame(self.total, event.anchor))
            self.add(event, 1, 0)
        elif isinstance(event, CollectionEndEvent) and self.stack:
            self.end_collection()

    def alias(self, event: AliasEvent) -> None:
        """Count an alias as the nodes its anchor expands to."""
        self.aliases += 1
        if self.aliases > self.max_aliases:
            raise self.refuse(event, f"more than {self.max_aliases} aliases")
        if any(frame.anchor == event.anchor for frame in self.stack):
            raise self.refuse(event, f"recursive alias *{event.anchor}")
        # An undefined alias is left for the composer to report.
        size, height = self.anchors.get(event.anchor or "", (1, 0))
        self.add(event, size, height)

    def end_collection(self) -> None:
        """Close a collection, recording its expanded size and height if anchored."""
        frame = self.stack.pop()
        height = frame.height + 1
        if self.stack:
            self.stack[-1].height = max(self.stack[-1].height, height)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (self.total - frame.start_total, height)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _yaml_error(exc: yaml.YAMLError, source: str, text: str) -> SafeYAMLError:
    """A SafeYAMLError with the 1-based position of a PyYAML error."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            return SafeYAMLError(problem, source=source)
        return SafeYAMLError(problem, source=source, line=mark.line + 1, column=mark.column + 1)
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = _position(text, exc.position)
        problem = f"unacceptable character #x{exc.character:04x}: {exc.reason}"
        return SafeYAMLError(problem, source=source, line=line, column=column)
    return SafeYAMLError(" ".join(str(exc).split()) or "invalid YAML", source=source)


def _check_text(text: str, source: str, max_bytes: int) -> None:
    """Refuse text over the byte limit, or with lone surrogates (not encodable as UTF-8)."""
    ascii = text.isascii()  # then one byte a character, and no surrogates
    size = len(text) if ascii else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise SafeYAMLError(f"YAML is {size} bytes, over the limit of {max_bytes}", source=source)
    surrogate = None if ascii else _SURROGATE.search(text)
    if surrogate:
        line, column = _position(text, surrogate.start())
        code = ord(surrogate.group())
        problem = f"unacceptable character #x{code:04x}: surrogates are not allowed"
        raise SafeYAMLError(problem, source=source, line=line, column=column)


def compose_bounded(
    text: str,
    *,
    source: str = "<string>",
    max_bytes: int = limits.MAX_FRONT_MATTER_BYTES,
    max_depth: int = limits.MAX_YAML_DEPTH,
    max_aliases: int = limits.MAX_YAML_ALIASES,
    max_nodes: int = MAX_YAML_NODES,
) -> yaml.Node | None:
    """Compose one YAML document into a node tree, refusing it if it exceeds any bound.

    Returns None for an empty document. Raises SafeYAMLError (with 1-based line and
    column when known) for syntax errors, several documents, or exceeded bounds.
    """
    _check_text(text, source, max_bytes)
    walk = _Walk(source, max_depth, max_aliases, max_nodes)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            walk.feed(event)
        loader = _Loader(text)
        try:
            node: yaml.Node | None = loader.get_single_node()
            return node
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source, text) from None


def construct(node: yaml.Node | None, *, source: str = "<string>") -> Any:
    """Plain Python data for a composed node: dicts with str keys, lists, scalars.

    Timestamps and binary stay strings, `!!set` is a list, `!!omap` a dict and
    `!!pairs` a list of pairs; python/* and unknown tags, and values their tag cannot
    read (`!!int ""`), raise SafeYAMLError and nothing else.
    """
    if node is None:
        return None
    try:
        return _plain(_Constructor(), node)
    except Exception:  # not plain, or a scalar it cannot read: as the constructor says
        pass  # (no node was changed: the constructor's run starts afresh)
    try:
        return _Constructor().construct_document(node)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source, "") from None
    except (*_CONSTRUCTION_ERRORS, RecursionError) as exc:  # defensive: located above
        raise SafeYAMLError(
            f"cannot read the document: {type(exc).__name__}", source=source
        ) from None


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_FLATTENED = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")  # keys flatten_mapping reads


class _NotPlain(Exception):
    """A collection `_plain` leaves to the constructor (another tag, merge keys)."""


def _plain(constructor: _Constructor, node: yaml.Node) -> Any:
    """What `constructor.construct_document(node)` gives, for documents of plain lists
    and mappings (nearly every card's front matter): those are built here, and only
    their scalars go through the constructor (which never changes a node while
    building a scalar). Raises _NotPlain, or the scalar's error, for any other
    document. A node met again (an alias) gives the object built for it the first time."""
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return node.value
        return constructor.construct_object(node, deep=True)
    built = constructor.constructed_objects  # shared with the constructor: aliases agree
    if node in built:
        return built[node]
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        items: list[Any] = []
        built[node] = items
        items.extend(_plain(constructor, item) for item in node.value)
        return items
    if (
        kind is yaml.MappingNode
        and node.tag == _MAP
        and not any(key.tag in _FLATTENED for key, _ in node.value)
    ):
        mapping: dict[str, Any] = {}
        built[node] = mapping
        for key_node, value_node in node.value:
            key = _plain(constructor, key_node)
            mapping[key if isinstance(key, str) else str(key)] = _plain(constructor, value_node)
        return mapping
    raise _NotPlain


def load_bounded(
    text: str,
    *,
    source: str = "<string>",
    max_bytes: int = limits.MAX_FRONT_MATTER_BYTES,
    max_depth: int = limits.MAX_YAML_DEPTH,
    max_aliases: int = limits.MAX_YAML_ALIASES,
    max_nodes: int = MAX_YAML_NODES,
) -> Any:
    """Parse one bounded YAML document into plain data (None when empty).

    The bounds are those of `compose_bounded`; errors are SafeYAMLError.
    """
    node = compose_bounded(
        text,
        source=source,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_aliases=max_aliases,
        max_nodes=max_nodes,
    )
    return construct(node, source=source)
