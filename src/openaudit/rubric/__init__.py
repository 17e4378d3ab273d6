"""Rubrics: probes as data, evaluators as registered functions, and the engine.

rubric = load_rubric("openaudit")          # or a path to a YAML file
verdict = evaluate(rubric, evidence)
"""

from openaudit.rubric.context import ProbeContext
from openaudit.rubric.engine import evaluate
from openaudit.rubric.loader import list_shipped_rubrics, load_rubric, parse_rubric
from openaudit.rubric.model import LayerSpec, ProbeSpec, Rubric, Thresholds
from openaudit.rubric.registry import Evaluator, Param, evaluator, get_evaluator

# The registry's `evaluators()` is not re-exported here: the subpackage
# `openaudit.rubric.evaluators` would replace it once imported.

__all__ = [
    "Evaluator",
    "LayerSpec",
    "Param",
    "ProbeContext",
    "ProbeSpec",
    "Rubric",
    "Thresholds",
    "evaluate",
    "evaluator",
    "get_evaluator",
    "list_shipped_rubrics",
    "load_rubric",
    "parse_rubric",
]
