"""Sources turn a model reference into one Evidence object; they never score.

`open_evidence(ref, *, revision=None, token=None)` dispatches on `parse_ref(ref)`:
a Hub id or URL goes to the hub source, a folder to the local source, a `.json`
file to saved evidence. Every failure is an `OpenAuditError` subclass.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from openaudit.errors import UsageError
from openaudit.evidence import Problem, TextFile
from openaudit.refs import is_repo_id, parse_ref, show
from openaudit.secrets import redact_ref

if TYPE_CHECKING:
    from openaudit.evidence import Evidence
    from openaudit.sources.cache import EvidenceCache

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


def card_ids(card: dict[str, Any] | None, key: str) -> tuple[list[str], list[Problem]]:
    """The repo ids a card key names (a string or a list of strings), deduplicated."""
    value = (card or {}).get(key)
    items = value if isinstance(value, list) else [] if value is None else [value]
    ids: list[str] = []
    problems: list[Problem] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            message = f"card `{key}` entry {item!r:.60} is not a repo id; ignored"
            problems.append(Problem(key, message))
        elif item.strip() not in ids:
            ids.append(item.strip())
    return ids, problems


def open_evidence(
    ref: str,
    *,
    revision: str | None = None,
    token: str | None = None,
    listed: dict[str, Any] | None = None,
    cache: EvidenceCache | None = None,
    branches: bool = True,
) -> Evidence:
    """Read the evidence for one model reference (Hub id or URL, model folder, saved .json).

    Hub and local evidence carry `ref` as the user typed it, with any token in it
    masked (`?token=***`); saved evidence keeps the ref it was fetched with, so a
    replay reports the same model. `listed` (a Hub listing's entry) makes `ref` a
    Hub id whatever is on disk; `cache` is used for Hub models only.
    """
    if listed is not None:
        from openaudit.sources.hub import fetch_hub_evidence

        if not is_repo_id(ref):
            raise UsageError(f"not a Hub model id: {show(ref)}")
        evidence = fetch_hub_evidence(
            ref, revision=revision, token=token, listed=listed, cache=cache, branches=branches
        )
        return dataclasses.replace(evidence, ref=ref)
    model = parse_ref(ref, revision)
    if model.kind == "hub":
        # imported lazily: huggingface_hub is slow to import and not needed offline
        from openaudit.sources.hub import fetch_hub_evidence

        assert model.repo_id is not None
        evidence = fetch_hub_evidence(
            model.repo_id, revision=model.revision, token=token, cache=cache, branches=branches
        )
        return dataclasses.replace(evidence, ref=redact_ref(ref))
    assert model.path is not None
    if model.kind == "local":
        from openaudit.sources.local import load_local

        return dataclasses.replace(load_local(model.path), ref=redact_ref(ref))
    from openaudit.sources.saved import load_saved

    saved = load_saved(model.path)
    return dataclasses.replace(saved, ref=redact_ref(saved.ref))
