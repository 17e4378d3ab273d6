"""Which repository files are licence files, and a problem for each one that was not read."""

from __future__ import annotations

import re

from openaudit.evidence import Problem, TextFile

LICENSE_FILE_RE = re.compile(
    r"^([A-Z0-9]+[-_])?(LICEN[CS]E|COPYING|USE_POLICY|NOTICE)([-_.][\w.-]*)?(\.(md|txt|rst))?$",
    re.IGNORECASE,
)


def is_license_file(path: str) -> bool:
    """True for top-level licence-like files: LICENSE, LICENSE.md, COPYING, USE_POLICY.md, ..."""
    return "/" not in path and bool(LICENSE_FILE_RE.match(path))


def unread_problems(files: tuple[TextFile, ...], *, skip: str = "") -> list[Problem]:
    """A problem for each licence file that was not read (over the size bound, binary,
    a symlink not followed), so the cut shows in the report, not only in a finding."""
    return [
        Problem(f.path, f.problem if f.problem.startswith(f.path) else f"{f.path}: {f.problem}")
        for f in files
        if f.text is None and f.problem and f.problem != skip
    ]
