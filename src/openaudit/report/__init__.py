"""Reporters: render audit results; they compute nothing.

The format interface (`Format`, `render`, `open_stream`, the tables of
implementations) is `report_format`; what they render is `openaudit.results`.
Both are re-exported here.
"""

from openaudit.report.report_format import (
    CI_FORMATS,
    RENDERERS,
    STREAMERS,
    Format,
    Renderer,
    RenderOptions,
    StreamWriter,
    is_streaming,
    open_stream,
    render,
)
from openaudit.results import Audit, Gate, ModelError, Report, Result, RubricRef, Waived

__all__ = [
    "CI_FORMATS",
    "RENDERERS",
    "STREAMERS",
    "Audit",
    "Format",
    "Gate",
    "ModelError",
    "RenderOptions",
    "Renderer",
    "Report",
    "Result",
    "RubricRef",
    "StreamWriter",
    "Waived",
    "is_streaming",
    "open_stream",
    "render",
]
