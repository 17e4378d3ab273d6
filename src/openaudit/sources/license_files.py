"""Which repository files are licence files, and a problem for each one that was not read."""

from __future__ import annotations

from openaudit.evidence import Problem, TextFile
from openaudit.licenses.files import LICENSE_FILE_RE, is_license_file


def unread_problems(files: tuple[TextFile, ...], *, skip: str = "") -> list[Problem]:
    """A problem for each licence file that was not read (over the size bound, binary,
    a symlink not followed), so the cut shows in the report, not only in a finding."""
    return [
        Problem(f.path, f.problem if f.problem.startswith(f.path) else f"{f.path}: {f.problem}")
        for f in files
        if f.text is None and f.problem and f.problem != skip
    ]


__all__ = ["LICENSE_FILE_RE", "is_license_file", "unread_problems"]
