"""The evaluator registry: named Python functions that answer probes.

An evaluator is registered once with the decorator and declares its params
schema, so a rubric is validated (name, params and their types) before any
model is audited:

    @evaluator("field_present", params={"key": Param("str")},
               reads=("card:<key>",), doc="The card metadata has a non-empty KEY.")
    def field_present(ctx: ProbeContext, key: str) -> Outcome: ...
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.rubric.context import ProbeContext

ParamType = Literal["str", "int", "number", "bool", "list[str]", "regex"]
PARAM_TYPES: tuple[ParamType, ...] = ("str", "int", "number", "bool", "list[str]", "regex")
EvaluatorFn = Callable[..., Outcome]
ParamsCheck = Callable[[dict[str, Any]], str | None]


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


@dataclass(frozen=True)
class Param:
    """One evaluator parameter: its type, its default (REQUIRED: none) and a doc line."""

    type: ParamType
    default: Any = REQUIRED
    doc: str = ""

    @property
    def required(self) -> bool:
        """True when a rubric must give this parameter."""
        return self.default is REQUIRED

    def check(self, value: Any) -> str | None:
        """None when `value` fits the type, else what was expected."""
        if _fits(self.type, value):
            return None
        return f"expected {_TYPE_WORDS[self.type]}"


@dataclass(frozen=True)
class Evaluator:
    """A registered evaluator: the function and what it declares about itself."""

    name: str
    fn: EvaluatorFn = field(repr=False)
    params: dict[str, Param] = field(default_factory=dict, hash=False)
    reads: tuple[str, ...] = ()
    doc: str = ""
    check: ParamsCheck | None = field(default=None, repr=False)

    def problem(self, given: dict[str, Any]) -> str | None:
        """What is wrong with a combination of params (None: fine)."""
        return self.check(self.with_defaults(given)) if self.check else None

    def with_defaults(self, given: dict[str, Any]) -> dict[str, Any]:
        """The params a rubric gave, completed with this evaluator's defaults."""
        full = {name: p.default for name, p in self.params.items() if not p.required}
        full.update(given)
        return full


_TYPE_WORDS: dict[ParamType, str] = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "bool": "true or false",
    "list[str]": "a list of strings",
    "regex": "a regular expression (string)",
}

_REGISTRY: dict[str, Evaluator] = {}
# Importing these registers the built-in evaluators: the generic ones and the frameworks'.
_BUILTINS = ("openaudit.rubric.evaluators", "openaudit.frameworks.plugin")


def _fits(kind: ParamType, value: Any) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind == "int":
        return isinstance(value, int)
    if kind == "number":
        return isinstance(value, int | float)
    if kind == "list[str]":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == "regex":
        return isinstance(value, str) and _compiles(value)
    return isinstance(value, str)


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def evaluator(
    name: str,
    *,
    params: dict[str, Param] | None = None,
    reads: tuple[str, ...] = (),
    doc: str = "",
    check: ParamsCheck | None = None,
) -> Callable[[EvaluatorFn], EvaluatorFn]:
    """Register `fn(ctx, **params) -> Outcome` under `name` (once per name).

    `params` is the schema rubrics are validated against; `check`, when given,
    validates combinations of params (returns what is wrong, or None).
    """

    def register(fn: EvaluatorFn) -> EvaluatorFn:
        if name in _REGISTRY:
            raise ValueError(f"evaluator {name!r} is registered twice")
        text = doc or _first_line(fn.__doc__)
        _REGISTRY[name] = Evaluator(name, fn, dict(params or {}), tuple(reads), text, check)
        return fn

    return register


def _first_line(text: str | None) -> str:
    lines = (text or "").strip().splitlines()
    return lines[0] if lines else ""


_LOADED: list[bool] = []  # non-empty once the built-in evaluators are registered


def load_builtins() -> None:
    """Register the built-in evaluators (and the frameworks' result rules), once."""
    if _LOADED:  # every probe of every audit asks: import_module costs ~10 us each time
        return
    for module in _BUILTINS:
        importlib.import_module(module)
    _LOADED.append(True)


def get_evaluator(name: str) -> Evaluator | None:
    """The evaluator registered under `name`, or None."""
    load_builtins()
    return _REGISTRY.get(name)


def evaluators() -> tuple[Evaluator, ...]:
    """Every registered evaluator, sorted by name."""
    load_builtins()
    return tuple(_REGISTRY[name] for name in sorted(_REGISTRY))


def run(spec: Evaluator, ctx: ProbeContext, params: dict[str, Any]) -> Outcome:
    """Call an evaluator with its params completed by defaults; check what it returns."""
    outcome = spec.fn(ctx, **spec.with_defaults(params))
    if not isinstance(outcome, Outcome):
        raise TypeError(f"evaluator {spec.name!r} returned {type(outcome).__name__}, not Outcome")
    return outcome
