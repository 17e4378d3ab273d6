"""Loading and validating rubric YAML into a `Rubric`.

Shipped rubrics are package data (`openaudit/rubrics/<name>.yaml`) parsed once
per process; any other argument is a path. A file's structure is checked against
the rubric JSON Schema (rubric_schema.py; the shipped rubrics are checked by the
test suite instead), then built and checked further by builder.py, with
compose.py for `extends:`, whose parent this module finds and loads. Every
validation error is a RubricError whose message starts with `file:line:column:`;
a file's errors come all at once, in file order.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from openaudit.errors import RubricError, RubricErrors
from openaudit.rubric.builder import MAX_EXTENDS_DEPTH, RubricBuilder, Stop
from openaudit.rubric.compose import extend
from openaudit.rubric.model import Rubric
from openaudit.rubric.nodes import NodeReader
from openaudit.rubric.rubric_schema import NO_ERRORS, check_structure
from openaudit.safeyaml import SafeYAMLError, compose_bounded

MAX_RUBRIC_BYTES = 1024 * 1024
MAX_REPORTED_ERRORS = 50  # per file: enough to fix a file in one pass


def list_shipped_rubrics() -> tuple[str, ...]:
    """Names of the rubrics shipped with openaudit, sorted."""
    folder = resources.files("openaudit").joinpath("rubrics")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


def load_rubric(name_or_path: str) -> Rubric:
    """A shipped rubric by name ("openaudit"), else a rubric YAML file by path."""
    if name_or_path in list_shipped_rubrics():
        return _shipped(name_or_path)
    path = Path(name_or_path)
    if path.is_file():
        return load_rubric_file(path)
    shipped = ", ".join(list_shipped_rubrics())
    if path.suffix.lower() in (".yaml", ".yml") or "/" in name_or_path:
        raise RubricError(f"{name_or_path}: no such rubric file")
    raise RubricError(
        f"no rubric named '{name_or_path}'", hint=f"shipped: {shipped}; or a YAML path"
    )


@cache
def _shipped(name: str) -> Rubric:
    return _load_shipped(name, ())


def _load_shipped(name: str, chain: tuple[str, ...]) -> Rubric:
    resource = resources.files("openaudit").joinpath("rubrics", f"{name}.yaml")
    text = resource.read_text(encoding="utf-8")
    return parse_rubric(text, source=f"rubrics/{name}.yaml", chain=chain)


def load_rubric_file(path: Path, chain: tuple[str, ...] = ()) -> Rubric:
    """Read and validate one rubric file (`chain`: the files extending it, outermost first)."""
    try:
        size = path.stat().st_size
        if size > MAX_RUBRIC_BYTES:
            raise RubricError(f"{path}: {size} bytes, over the limit of {MAX_RUBRIC_BYTES}")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RubricError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RubricError(f"{path}: not UTF-8 text ({exc.reason})") from None
    return parse_rubric(text, source=str(path), chain=chain)


def parse_rubric(text: str, *, source: str = "<rubric>", chain: tuple[str, ...] = ()) -> Rubric:
    """Validate rubric YAML text; `source` names it in error messages.

    `chain` lists the rubrics that extend this one (outermost first), so that a
    recursive `extends:` is refused instead of followed.
    """
    try:
        root = compose_bounded(text, source=source, max_bytes=MAX_RUBRIC_BYTES)
    except SafeYAMLError as exc:
        raise RubricError(str(exc)) from None
    if root is None:
        raise RubricError(f"{source}:1:1: the rubric is empty")
    reader = NodeReader(source)
    # The shipped rubrics are checked against the schema by the test suite.
    schema = NO_ERRORS if source.startswith("rubrics/") else check_structure(reader, root)
    builder = RubricBuilder(reader, chain, schema)
    try:
        rubric = _build(builder, root)
    except RubricError as exc:
        builder.errors.append(exc)
    except Stop:
        pass
    errors = _flat([*schema.errors, *builder.errors])
    if errors:
        errors.sort(key=lambda error: _position(error, source))
        raise RubricErrors(errors[:MAX_REPORTED_ERRORS])
    return rubric


def _position(error: RubricError, source: str) -> tuple[int, int]:
    """(line, column) of an error in this file; an extended parent's errors come first."""
    located = re.match(r"(\d+):(\d+): ", error.message.removeprefix(f"{source}:"))
    return (int(located[1]), int(located[2])) if located else (0, 0)


def _flat(errors: list[RubricError]) -> list[RubricError]:
    """Every error once, an extended parent's own several ones each on their own."""
    flat: list[RubricError] = []
    for error in errors:
        if isinstance(error, RubricErrors):
            flat.extend(RubricError(message) for message in error.messages)
        else:
            flat.append(error)
    unique = {error.message: error for error in reversed(flat)}  # the first of each
    return [error for error in flat if unique.get(error.message) is error]


def _build(b: RubricBuilder, root: yaml.Node) -> Rubric:
    entries = b.r.mapping(root, "rubric")
    if "extends" not in entries:
        return b.rubric(root, entries)
    if not b.sound(entries["extends"][1]):
        raise Stop
    return extend(b, root, entries, _parent(b, entries["extends"][1]))


def _parent(b: RubricBuilder, node: yaml.Node) -> Rubric:
    """The rubric an `extends:` value names: a shipped name or a path relative to this file."""
    name = b.r.string(node, "rubric.extends")
    if len(b.chain) > MAX_EXTENDS_DEPTH:
        b.r.fail(node, f"rubric.extends: more than {MAX_EXTENDS_DEPTH} levels deep")
    if name in list_shipped_rubrics() and not name.endswith((".yaml", ".yml")):
        _check_cycle(b, node, f"rubrics/{name}.yaml")
        return _load_shipped(name, b.chain)
    path = _relative(b.r.source, name)
    if not path.is_file():
        b.r.fail(node, f"rubric.extends: no shipped rubric or file '{name}'")
    _check_cycle(b, node, str(path.resolve()))
    return load_rubric_file(path, b.chain)


def _relative(source: str, name: str) -> Path:
    if source.startswith("rubrics/"):
        base = Path(str(resources.files("openaudit").joinpath("rubrics")))
    elif source.startswith("<"):
        base = Path.cwd()
    else:
        base = Path(source).parent
    return base / name


def _check_cycle(b: RubricBuilder, node: yaml.Node, identity: str) -> None:
    if identity in b.chain:
        loop = " -> ".join((*b.chain[b.chain.index(identity) :], identity))
        b.r.fail(node, f"rubric.extends: recursive extends ({loop})")
