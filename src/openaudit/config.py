"""Settings from a config file and `OPENAUDIT_*` variables, merged under the flags.

One precedence for every key: a flag beats an `OPENAUDIT_*` environment variable,
which beats the config file, which beats the default. A key is taken whole from
the highest source that sets it (lists are not merged). The config file is
`.openaudit.yaml` or the `[tool.openaudit]` table of `pyproject.toml`, the first
found from the working directory upward (in one directory the YAML file wins), or
the file named by `--config` / `OPENAUDIT_CONFIG`. Keys are spelled as the flags.

Every value keeps where it came from (`file:line`, `OPENAUDIT_X`, `--flag`), so a
bad value is reported as one line that points at it.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from openaudit.errors import UsageError
from openaudit.safeyaml import SafeYAMLError, compose_bounded, construct
from openaudit.textfile import read_bounded_text

YAML_NAME = ".openaudit.yaml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 256 * 1024

# key -> environment variable; `waivers` lives in files only (a list of mappings).
SETTING_KEYS: tuple[str, ...] = (
    "fail-under",
    "require",
    "require-class",
    "fail-on",
    "baseline",
    "rubric",
    "format",
)
FILE_KEYS: tuple[str, ...] = (*SETTING_KEYS, "waivers")
LIST_KEYS = frozenset({"require", "require-class", "fail-on", "rubric"})
CONFIG_ENV = "OPENAUDIT_CONFIG"


def env_name(key: str) -> str:
    """The environment variable for a key: `fail-under` -> `OPENAUDIT_FAIL_UNDER`."""
    return "OPENAUDIT_" + key.upper().replace("-", "_")


class ConfigError(UsageError):
    """A config file or `OPENAUDIT_*` value that cannot be used; names file:line (exit 2)."""


@dataclass(frozen=True)
class Value:
    """One setting's value and where it was set (`file:line`, `OPENAUDIT_X`, `--flag`)."""

    value: Any
    origin: str


@dataclass(frozen=True)
class Config:
    """The settings in effect: each key from its highest-precedence source."""

    values: Mapping[str, Value] = field(default_factory=dict)
    path: Path | None = None  # the config file read, if any

    def get(self, key: str) -> Value | None:
        """The value of a key, or None when no source sets it."""
        return self.values.get(key)


def find_config(start: Path) -> Path | None:
    """The first `.openaudit.yaml`, or `pyproject.toml` with `[tool.openaudit]`, from
    `start` upward; None when there is none."""
    for directory in (start, *start.parents):
        candidate = directory / YAML_NAME
        if _is_file(candidate):
            return candidate
        pyproject = directory / PYPROJECT
        if _is_file(pyproject) and _has_tool_table(pyproject):
            return pyproject
    return None


def _is_file(path: Path) -> bool:
    """Path.is_file(), but a directory we may not look into holds no config."""
    try:
        return path.is_file()
    except OSError:
        return False


def _has_tool_table(path: Path) -> bool:
    try:
        text = _read(path)
    except ConfigError:
        return False
    return re.search(r"(?m)^\s*\[\s*tool\s*\.\s*openaudit\s*[\].]", text) is not None


def load_config(
    flags: Mapping[str, Any],
    *,
    config_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Merge flags (None = not given) over the environment over the config file.

    `config_path` is `--config`; without it `OPENAUDIT_CONFIG`, then the search
    from `cwd` upward. Raises ConfigError for a malformed file or an unknown key.
    """
    environ = os.environ if environ is None else environ
    path = config_path
    if path is None and environ.get(CONFIG_ENV):
        path = Path(environ[CONFIG_ENV])
    if path is None:
        path = find_config(cwd or _cwd())
    elif not path.is_file():
        origin = "--config" if config_path is not None else CONFIG_ENV
        raise ConfigError(f"{origin}: config file {path} not found")
    values: dict[str, Value] = dict(read_config_file(path)) if path else {}
    values.update(_from_env(environ))
    values.update(
        (key, Value(value, f"--{key}"))
        for key, value in flags.items()
        if value is not None and value != [] and value != ()
    )
    return Config(values, path)


def _cwd() -> Path:
    try:
        return Path.cwd()
    except OSError:  # the working directory was removed: there is nothing to find
        return Path("/")


def _from_env(environ: Mapping[str, str]) -> Iterator[tuple[str, Value]]:
    for key in SETTING_KEYS:
        name = env_name(key)
        raw = environ.get(name)
        if raw is None or not raw.strip():
            continue
        if key in LIST_KEYS:
            yield key, Value([part.strip() for part in raw.split(",") if part.strip()], name)
        else:
            yield key, Value(raw.strip(), name)


def read_config_file(path: Path) -> dict[str, Value]:
    """The settings of one config file, each with `file:line`; ConfigError when bad."""
    text = _read(path)
    if path.name == PYPROJECT or path.suffix == ".toml":
        return _read_toml(text, str(path))
    return _read_yaml(text, str(path))


def _read(path: Path) -> str:
    return read_bounded_text(path, MAX_CONFIG_BYTES, "config file", ConfigError)


def _read_yaml(text: str, source: str) -> dict[str, Value]:
    try:
        root = compose_bounded(text, source=source, max_bytes=MAX_CONFIG_BYTES)
    except SafeYAMLError as exc:
        raise ConfigError(str(exc)) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{_where(source, root)}: expected a mapping of settings")
    values: dict[str, Value] = {}
    for key_node, value_node in root.value:
        where = _where(source, key_node)
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        _check_key(key, where)
        if key in values:
            raise ConfigError(f"{where}: duplicate key '{key}'")
        try:
            value = construct(value_node, source=source)
        except SafeYAMLError as exc:
            raise ConfigError(str(exc)) from None
        if key == "waivers":
            value = _located_items(value, value_node, source)
        values[key] = Value(value, _where(source, value_node))
    return values


def _located_items(value: Any, node: yaml.Node, source: str) -> Any:
    """Waiver entries paired with their own `file:line`, so each error points at it."""
    if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
        return value
    return [
        Value(item, _where(source, item_node))
        for item, item_node in zip(value, node.value, strict=True)
    ]


def _read_toml(text: str, source: str) -> dict[str, Value]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        where = f"{source}:{found.group(1)}" if found else source
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message) or "invalid TOML"
        raise ConfigError(f"{where}: {problem}") from None
    table = document.get("tool", {}).get("openaudit") if isinstance(document, dict) else None
    if table is None:
        return {}
    lines = _toml_key_lines(text)
    if not isinstance(table, dict):
        raise ConfigError(f"{source}:{lines.get('', 1)}: [tool.openaudit] must be a table")
    values: dict[str, Value] = {}
    for key, value in table.items():
        where = f"{source}:{lines.get(key, lines.get('', 1))}"
        _check_key(key, where)
        if key == "waivers" and isinstance(value, list):
            # `[[tool.openaudit.waivers]]` tables point at their own header line;
            # an inline list points at the `waivers` key.
            starts = _array_table_lines(text, "tool.openaudit.waivers")
            value = [
                Value(item, f"{source}:{starts[i]}" if i < len(starts) else where)
                for i, item in enumerate(value)
            ]
        values[key] = Value(value, where)
    return values


def _toml_key_lines(text: str) -> dict[str, int]:
    """1-based lines of the keys of `[tool.openaudit]` ('' = the table header).

    tomllib keeps no positions; this finds `key =` lines inside the table (and its
    `[[tool.openaudit.waivers]]` sub-tables), which is all an error needs.
    """
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            name = re.sub(r"\s+", "", header.group(1))
            inside = name == "tool.openaudit" or name.startswith("tool.openaudit.")
            if name == "tool.openaudit":
                lines.setdefault("", number)
            elif inside:
                lines.setdefault(name.removeprefix("tool.openaudit."), number)
            continue
        key = re.match(r"\s*\"?([A-Za-z0-9_-]+)\"?\s*=", line)
        if inside and key:
            lines.setdefault(key.group(1), number)
    return lines


def _array_table_lines(text: str, name: str) -> list[int]:
    """1-based lines of each `[[name]]` header, in order."""
    pattern = re.compile(r"\s*\[\[\s*" + re.escape(name).replace(r"\.", r"\s*\.\s*") + r"\s*\]\]")
    return [n for n, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]


def _check_key(key: str, where: str) -> None:
    if key not in FILE_KEYS:
        hint = f" (did you mean '{key.replace('_', '-')}'?)" if "_" in key else ""
        raise ConfigError(
            f"{where}: unknown key '{key}'{hint}; expected one of {', '.join(FILE_KEYS)}"
        )


def _where(source: str, node: yaml.Node) -> str:
    return f"{source}:{node.start_mark.line + 1}"


def as_list(value: Value) -> list[Value]:
    """A list setting as separate values (a single string counts as a list of one)."""
    raw = value.value
    if isinstance(raw, str):
        return [Value(raw, value.origin)]
    if isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw):
        return [Value(item, value.origin) for item in raw]
    raise ConfigError(f"{value.origin}: expected a string or a list of strings")
