"""Whether data read back from JSON has the types a frozen dataclass declares.

Saved evidence and JSON reports are rebuilt into dataclasses from untrusted files;
`type_mismatch` names the first field whose value does not fit its type hint.
"""

from __future__ import annotations

import dataclasses
import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints


def type_mismatch(value: Any, hint: Any, where: str) -> str | None:
    """Where `value` first disagrees with the type `hint`, or None when it conforms."""
    origin = get_origin(hint)
    if hint is Any:
        return None
    if origin is Literal:
        return None if value in get_args(hint) else where
    if origin in (Union, types.UnionType):
        fits = any(type_mismatch(value, arg, where) is None for arg in get_args(hint))
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
        found = type_mismatch(item, item_hint, f"{where}[{index}]")
        if found is not None:
            return found
    return None


def _mismatch_fields(value: Any, cls: type, where: str) -> str | None:
    if not isinstance(value, cls):
        return where
    hints = get_type_hints(cls)
    for item in dataclasses.fields(cls):
        prefix = f"{where}.{item.name}" if where else item.name
        found = type_mismatch(getattr(value, item.name), hints[item.name], prefix)
        if found is not None:
            return found
    return None


def _is_instance(value: Any, hint: Any) -> bool:
    if hint is type(None):
        return value is None
    if hint is int:  # bool is an int subclass, but never a size
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(hint, type) and isinstance(value, hint)
