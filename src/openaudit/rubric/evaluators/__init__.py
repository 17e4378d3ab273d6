"""The built-in evaluators; importing this package registers them all."""

from openaudit.rubric.evaluators import code, data, docs, frameworks, generic, usage, weights

__all__ = ["code", "data", "docs", "frameworks", "generic", "usage", "weights"]
