"""JSON text that is safe to print: what json.dumps leaves raw is escaped.

json.dumps(ensure_ascii=False) escapes C0 controls but leaves DEL, C1 controls,
line/paragraph separators and bidi overrides raw; card text carried into SARIF or
a BOM could then reorder or hide what a reader sees in a terminal or a diff.
"""

from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps_safe(data: Any, indent: int = 2) -> str:
    """`data` as indented JSON text ending in a newline, unsafe characters escaped."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
