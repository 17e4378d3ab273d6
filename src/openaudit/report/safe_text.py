"""Make untrusted text (model cards, rubrics, error messages) safe to show in a terminal."""

from __future__ import annotations

import re

# CSI / OSC / two-byte escape sequences, then any remaining C0/C1 control character
# and the bidi overrides that can reorder what a reader sees ("trojan source").
_ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """The text as one line without escape sequences or control characters."""
    stripped = _CONTROL_RE.sub("", _ANSI_RE.sub("", str(text)))
    return " ".join(stripped.split())
