"""The generic evaluators; importing this package registers them (the frameworks'
evaluators and result rules are registered by `openaudit.frameworks.plugin`)."""

from openaudit.rubric.evaluators import code, data, documentation, generic, usage, weights

__all__ = ["code", "data", "documentation", "generic", "usage", "weights"]
