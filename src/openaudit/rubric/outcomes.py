"""The reasons an evaluator gives per answer, for the evaluator library docs.

Declared by the evaluator (`outcomes`), or read from the source of its function
and of the evaluator helpers it calls.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Mapping
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
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return
    scope = getattr(fn, "__globals__", {})
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "Outcome"
            and func.attr in found
            and node.args
        ):
            reason = _reason(node.args[0], params)
            if reason:
                found[func.attr].append(reason)
        elif isinstance(func, ast.Name):
            helper = scope.get(func.id)
            if inspect.isfunction(helper) and helper.__module__.startswith(_HELPER_PACKAGES):
                _collect(helper, params, found, seen)


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
