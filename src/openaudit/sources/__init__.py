"""Sources turn a model reference into one Evidence object; they never score.

CONTRACT (to be implemented):
    open_evidence(ref, *, revision=None, token=None) -> Evidence
        Dispatches on parse_ref(ref): a Hub id or URL -> hub source, a folder ->
        local source, a .json file -> saved evidence. Raises OpenAuditError subclasses.
"""

import re

LICENSE_FILE_RE = re.compile(
    r"^(LICEN[CS]E|COPYING|USE_POLICY|NOTICE)([-_.][\w.-]*)?(\.(md|txt|rst))?$", re.IGNORECASE
)


def is_license_file(path: str) -> bool:
    """True for top-level licence-like files: LICENSE, LICENSE.md, COPYING, USE_POLICY.md, ..."""
    return "/" not in path and bool(LICENSE_FILE_RE.match(path))
