"""Saved evidence: `openaudit fetch` writes Evidence as JSON, any audit can replay it offline.

A saved file is user input like any other: it is size-bounded, parsed with
one-line errors, and every field is type-checked before the rubric sees it.
"""

from __future__ import annotations

import datetime
import json
import logging
from pathlib import Path
from typing import Any

from openaudit.errors import UsageError
from openaudit.evidence import Evidence
from openaudit.limits import (
    MAX_CONFIG_BYTES,
    MAX_EVIDENCE_BYTES,
    MAX_FILES,
    MAX_LICENSE_BYTES,
    MAX_README_BYTES,
)
from openaudit.refs import show
from openaudit.textfile import read_bounded_text
from openaudit.typecheck import type_mismatch

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
    where = type_mismatch(evidence, Evidence, "")
    if where is not None:
        raise UsageError(f"{name}: evidence file is malformed: unexpected value at {where}")
    return evidence


_LIST_FIELDS = (
    "tags", "files", "license_files", "config_files", "datasets", "base_models", "implied_bases",
    "base_datasets", "problems",
)  # fmt: skip


def _shape_problem(data: Any) -> str | None:
    """What is wrong with the raw JSON before it is rebuilt: a list field that is not a
    list (a string would become a tuple of characters), or a size over the limits the
    live sources keep (a hand-edited file must not outgrow what `fetch` could save)."""
    if not isinstance(data, dict):
        return None  # Evidence.from_dict says what it is not
    for key in _LIST_FIELDS:
        if key in data and not isinstance(data[key], list):
            return f"`{key}` is not a list"
    for key in ("branches", "base_cards", "linked_datasets"):  # None: not listed, not read
        if data.get(key) is not None and not isinstance(data[key], list):
            return f"`{key}` is not a list"
    for key in ("datasets", "base_models", "implied_bases", "base_datasets", "linked_datasets"):
        for index, item in enumerate(data.get(key) or []):
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
    for index, item in enumerate(data.get("config_files", [])):
        text = item.get("text") if isinstance(item, dict) else None
        if isinstance(text, str) and _utf8_size(text) > MAX_CONFIG_BYTES:
            return f"config_files[{index}] text is over the {MAX_CONFIG_BYTES}-byte limit"
    for index, item in enumerate(data.get("base_cards") or []):
        text = item.get("text") if isinstance(item, dict) else None
        if isinstance(text, str) and _utf8_size(text) > MAX_README_BYTES:
            return f"base_cards[{index}] text is over the {MAX_README_BYTES}-byte limit"
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
