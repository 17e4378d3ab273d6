"""Saved evidence: `openaudit fetch` writes Evidence as JSON, any audit can replay it offline.

A saved file is user input like any other: it is size-bounded, parsed with
one-line errors, and every field is type-checked before the rubric sees it.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from openaudit.errors import UsageError
from openaudit.evidence import Evidence
from openaudit.limits import (
    MAX_EVIDENCE_BYTES,
    MAX_FILES,
    MAX_LICENSE_BYTES,
    MAX_README_BYTES,
)
from openaudit.refs import show
from openaudit.textfile import read_bounded_text

log = logging.getLogger(__name__)


def load_saved(path: Path) -> Evidence:
    """Read evidence saved by `save_evidence`; refuse other formats, versions and bad JSON."""
    name = _shown(path)
    log.info("reading saved evidence %s (offline)", name)
    data = _parse_json(_read_text(path, name), name)
    problem = _shape_problem(data)
    if problem is not None:
        raise UsageError(f"{name}: evidence file is malformed: {problem}")
    try:
        evidence = Evidence.from_dict(data)
    except UsageError as exc:
        raise UsageError(f"{name}: {exc.message}", hint=exc.hint) from None
    where = _mismatch(evidence, Evidence, "")
    if where is not None:
        raise UsageError(f"{name}: evidence file is malformed: unexpected value at {where}")
    return evidence


_LIST_FIELDS = ("tags", "files", "license_files", "datasets", "base_models", "problems")


def _shape_problem(data: Any) -> str | None:
    """What is wrong with the raw JSON before it is rebuilt: a list field that is not a
    list (a string would become a tuple of characters), or a size over the limits the
    live sources keep (a hand-edited file must not outgrow what `fetch` could save)."""
    if not isinstance(data, dict):
        return None  # Evidence.from_dict says what it is not
    for key in _LIST_FIELDS:
        if key in data and not isinstance(data[key], list):
            return f"`{key}` is not a list"
    if data.get("branches") is not None and not isinstance(data["branches"], list):
        return "`branches` is not a list"
    for key in ("datasets", "base_models"):
        for index, item in enumerate(data.get(key, [])):
            for inner in ("tags", "files"):
                if isinstance(item, dict) and not isinstance(item.get(inner, []), list):
                    return f"`{key}[{index}].{inner}` is not a list"
    return _size_problem(data)


def _size_problem(data: dict[str, Any]) -> str | None:
    if len(data.get("files", [])) > MAX_FILES:
        return f"more than {MAX_FILES} files listed"
    readme = data.get("readme")
    if isinstance(readme, str) and _utf8_size(readme) > MAX_README_BYTES:
        return f"the README text is over the {MAX_README_BYTES}-byte limit"
    for index, item in enumerate(data.get("license_files", [])):
        text = item.get("text") if isinstance(item, dict) else None
        if isinstance(text, str) and _utf8_size(text) > MAX_LICENSE_BYTES:
            return f"license_files[{index}] text is over the {MAX_LICENSE_BYTES}-byte limit"
    return None


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def save_evidence(evidence: Evidence, path: Path | None) -> str:
    """The evidence as deterministic JSON text; also written to `path` when one is given."""
    text = json.dumps(evidence.to_dict(), indent=2, ensure_ascii=False, default=_jsonable) + "\n"
    if path is not None:
        _write(path, text)
    return text


def _shown(path: Path) -> str:
    text = str(path)
    return text if text.isprintable() else show(text)


def _read_text(path: Path, name: str) -> str:
    return read_bounded_text(path, MAX_EVIDENCE_BYTES, "evidence file", UsageError, name=name)


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{name} is not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except ValueError as exc:  # e.g. an integer too long to convert
        raise UsageError(f"{name} is not valid JSON: {exc}") from None
    except RecursionError:
        raise UsageError(f"{name} is not valid evidence: JSON nested too deeply") from None


def _mismatch(value: Any, hint: Any, where: str) -> str | None:
    """Where `value` first disagrees with the type `hint`, or None when it conforms."""
    origin = get_origin(hint)
    if hint is Any:
        return None
    if origin is Literal:
        return None if value in get_args(hint) else where
    if origin in (Union, types.UnionType):
        fits = any(_mismatch(value, arg, where) is None for arg in get_args(hint))
        return None if fits else where
    if origin is tuple:
        return _mismatch_items(value, get_args(hint)[0], where)
    if origin is dict:
        ok = isinstance(value, dict) and all(isinstance(key, str) for key in value)
        return None if ok else where
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _mismatch_fields(value, hint, where)
    return None if _is_instance(value, hint) else where


def _mismatch_items(value: Any, item_hint: Any, where: str) -> str | None:
    if not isinstance(value, tuple):
        return where
    for index, item in enumerate(value):
        found = _mismatch(item, item_hint, f"{where}[{index}]")
        if found is not None:
            return found
    return None


def _mismatch_fields(value: Any, cls: type, where: str) -> str | None:
    if not isinstance(value, cls):
        return where
    hints = get_type_hints(cls)
    for item in dataclasses.fields(cls):
        prefix = f"{where}.{item.name}" if where else item.name
        found = _mismatch(getattr(value, item.name), hints[item.name], prefix)
        if found is not None:
            return found
    return None


def _is_instance(value: Any, hint: Any) -> bool:
    if hint is type(None):
        return value is None
    if hint is int:  # bool is an int subclass, but never a size
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(hint, type) and isinstance(value, hint)


def _jsonable(value: Any) -> Any:
    """Card metadata may hold YAML dates or other scalars JSON has no type for."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UsageError(f"cannot write {_shown(path)}: {reason}") from None
