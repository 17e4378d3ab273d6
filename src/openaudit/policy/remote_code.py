"""The `remote-code` gate: does loading the model run code shipped in its repository?

No shipped rubric has a probe for it, so `--fail-on remote-code` reads the evidence
directly: the Hub's `custom_code` tag (set when config.json maps classes to the
repository's own modules) or Python modules in the repository. Without evidence
(an audit read back from a JSON report) the answer is unknown, which fails.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from openaudit.results import Audit

TAG = "remote-code"
CODE_GLOBS = ("*.py",)


@dataclass(frozen=True)
class RemoteCode:
    """Whether the repository ships code a loader would run, and what shows it."""

    answer: str  # "yes" (ships code), "no", or "unknown"
    evidence: str


def remote_code(audit: Audit) -> RemoteCode:
    """Read the audit's evidence for custom modelling code."""
    evidence = audit.evidence
    if evidence is None:
        return RemoteCode("unknown", "no evidence was read in this run (a saved report)")
    shown = []
    if "custom_code" in evidence.tags:
        shown.append("Hub tag custom_code")
    modules = [
        f.path for f in evidence.files if any(fnmatch.fnmatch(f.path, g) for g in CODE_GLOBS)
    ]
    if modules:
        listed = ", ".join(modules[:5]) + (
            f" and {len(modules) - 5} more" if len(modules) > 5 else ""
        )
        shown.append(f"Python files {listed}")
    if shown:
        return RemoteCode("yes", "; ".join(shown))
    if evidence.files_truncated:
        return RemoteCode("unknown", "the file listing was cut; a module may be missing from it")
    return RemoteCode("no", f"none of {len(evidence.files)} files is Python and no custom_code tag")
