"""`cached_attribute`: a property computed on first use and kept on the instance.

As `functools.cached_property` is from Python 3.12 on: without its lock. On 3.11 every
first use takes a lock (an RLock per property, shared by all instances), which costs
more than many of the values it guards; a scan computes a dozen of them per model.
Two threads reading an instance at once may both compute the value; both get an equal
one (the functions are pure), and one of them is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

__all__ = ["cached_attribute"]


class cached_attribute(Generic[T]):  # named like the decorator it replaces
    """Decorate a method of one argument: its value is computed once per instance and
    stored in the instance's `__dict__` under the method's name (frozen dataclasses too)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_attribute[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        # not a data descriptor: once stored, the instance's own value is found first
        value = instance.__dict__[self.name] = self.func(instance)
        return value
