"""Normalising licence names so that ids, SPDX ids and free text compare equal.

"Apache License, Version 2.0", "apache-2.0" and "Apache 2.0" all become
"apache 2.0"; "Creative Commons Attribution-NonCommercial 4.0 International"
and "CC BY-NC 4.0" both become "cc by nc 4.0".
"""

from __future__ import annotations

import re

MAX_NAME_CHARS = 200  # longer text is not a licence name

_PHRASES = (
    ("licence", "license"),
    ("creative commons", "cc"),
    ("attribution", "by"),
    ("non-commercial", "nc"),
    ("non commercial", "nc"),
    ("noncommercial", "nc"),
    ("share-alike", "sa"),
    ("share alike", "sa"),
    ("sharealike", "sa"),
    ("no derivatives", "nd"),
    ("no-derivatives", "nd"),
    ("noderivatives", "nd"),
    ("noderivs", "nd"),
)
_SEPARATORS = re.compile(r"[\s\-_,;:/()\[\]\"'`*]+")
_VERSION_V = re.compile(r"\bv(?=\d)")
_STOP_WORDS = frozenset({"the", "license", "version", "international", "agreement", "unported"})


def name_key(text: str) -> str:
    """A comparison key for a licence name; empty for text too long to be one."""
    if len(text) > MAX_NAME_CHARS:
        return ""
    lowered = text.lower()
    for phrase, short in _PHRASES:
        lowered = lowered.replace(phrase, short)
    lowered = _VERSION_V.sub("", lowered)
    words = [w for w in _SEPARATORS.split(lowered) if w and w not in _STOP_WORDS]
    return " ".join(words)


def licenseref_stem(text: str) -> str | None:
    """For "LicenseRef-hf-llama3" or "LicenseRef-llama3", the part naming the licence."""
    lowered = text.strip().lower()
    if not lowered.startswith("licenseref-"):
        return None
    stem = lowered[len("licenseref-") :]
    for prefix in ("hf-", "scancode-", "openaudit-"):
        if stem.startswith(prefix):
            return stem[len(prefix) :]
    return stem
