"""The generic evaluators; importing this package registers them (the frameworks'
evaluators are registered by `openaudit.frameworks.evaluators`)."""

from openaudit.rubric.evaluators import code, data, documentation, generic, usage, weights

__all__ = ["code", "data", "documentation", "generic", "usage", "weights"]
