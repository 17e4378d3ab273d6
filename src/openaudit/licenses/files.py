"""Which repository files are licence files, by name (the sources read them; the licence
lineage looks for them in a base model's listing, which it does not read)."""

from __future__ import annotations

import re

LICENSE_FILE_RE = re.compile(
    r"^([A-Z0-9]+[-_])?(LICEN[CS]E|COPYING|USE_POLICY|NOTICE)([-_.][\w.-]*)?(\.(md|txt|rst))?$",
    re.IGNORECASE,
)


def is_license_file(path: str) -> bool:
    """True for top-level licence-like files: LICENSE, LICENSE.md, COPYING, USE_POLICY.md, ..."""
    return "/" not in path and bool(LICENSE_FILE_RE.match(path))


__all__ = ["LICENSE_FILE_RE", "is_license_file"]
