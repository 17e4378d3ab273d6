"""The reasons an evaluator gives per answer, for the evaluator library docs.

Declared by the evaluator (`outcomes`), or read from the source of its function
and of the evaluator helpers it calls.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from openaudit.rubric.registry import Evaluator

ANSWERS = ("yes", "no", "unknown")


def evaluator_outcomes(spec: Evaluator) -> dict[str, tuple[str, ...]]:
    """The reasons an evaluator gives per answer.

    An evaluator may declare them (`outcomes`); otherwise they are read from the
    source of its function and the evaluator helpers it calls, with interpolated
    values shown as `…` (or the param name in capitals).
    """
    declared = getattr(spec, "outcomes", None)
    if isinstance(declared, Mapping) and declared:
        return {str(k): tuple(v) if isinstance(v, list | tuple) else (str(v),)
                for k, v in declared.items()}  # fmt: skip
    found: dict[str, list[str]] = {answer: [] for answer in ANSWERS}
    _collect(spec.fn, set(spec.params), found, set())
    return {answer: tuple(dict.fromkeys(reasons)) for answer, reasons in found.items()}


_HELPER_PACKAGES = ("openaudit.rubric.evaluators", "openaudit.frameworks")


def _collect(
    fn: Callable[..., Any], params: set[str], found: dict[str, list[str]], seen: set[str]
) -> None:
    fn = inspect.unwrap(fn)  # a memoised helper (once_per_model): read the function itself
    key = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', '')}"
    if key in seen:
        return
    seen.add(key)
    scope = getattr(fn, "__globals__", {})
    for answer, argument, name in _calls(fn):
        if argument is not None:
            reason = _reason(argument, params)
            if reason:
                found[answer].append(reason)
        else:
            helper = scope.get(name)
            if inspect.isfunction(helper) and helper.__module__.startswith(_HELPER_PACKAGES):
                _collect(helper, params, found, seen)


@cache
def _calls(fn: Callable[..., Any]) -> tuple[tuple[str, ast.expr | None, str], ...]:
    """A function's `Outcome.<answer>(reason, ...)` calls, as (answer, reason node, ""),
    and its calls of a plain name, as ("", None, name), in source order. Read once per
    function: the helpers are shared by many evaluators, and their source is parsed
    only here."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return ()
    calls: list[tuple[str, ast.expr | None, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "Outcome"
            and func.attr in ANSWERS
            and node.args
        ):
            calls.append((func.attr, node.args[0], ""))
        elif isinstance(func, ast.Name):
            calls.append(("", None, func.id))
    return tuple(calls)


def _reason(node: ast.expr, params: set[str]) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.JoinedStr):
        return ""
    parts = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            parts.append(str(part.value))
        elif isinstance(part, ast.FormattedValue):
            inner = part.value
            is_param = isinstance(inner, ast.Name) and inner.id in params
            parts.append(inner.id.upper() if isinstance(inner, ast.Name) and is_param else "…")
    return "".join(parts)
