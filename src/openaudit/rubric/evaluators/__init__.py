"""The built-in evaluators; importing this package registers them all."""

from openaudit.frameworks import eosai, mof, osaid, terms
from openaudit.rubric.evaluators import code, data, docs, generic, usage, weights

__all__ = ["code", "data", "docs", "eosai", "generic", "mof", "osaid", "terms", "usage", "weights"]
