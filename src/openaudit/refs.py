"""Model references: what the user typed, classified as a Hub model, a folder or saved evidence.

`parse_ref` never touches the network. It only looks at the local file system to
tell an existing folder or evidence file from a Hub id, and it refuses anything
else with a `UsageError` whose message is safe to print (control characters are
escaped, long inputs shortened).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from openaudit.errors import UsageError
from openaudit.secrets import looks_like_token, redact_ref

RefKind = Literal["hub", "local", "saved"]

MAX_SHOWN_CHARS = 120
MAX_REVISION_CHARS = 255

_HUB_HOSTS = frozenset({"huggingface.co", "www.huggingface.co", "hf.co"})
_REV_MARKERS = frozenset({"tree", "blob", "resolve"})
_OTHER_REPO_TYPES = {"datasets": "dataset", "spaces": "space"}
_PATH_PREFIXES = ("/", "./", "../", "~")
_EXPECTED = "expected org/name, a Hub URL, a model folder or a saved evidence .json file"


@dataclass(frozen=True)
class ModelRef:
    """A classified model reference. `text` is always what the user typed."""

    kind: RefKind
    text: str
    repo_id: str | None = None
    revision: str | None = None
    path: Path | None = None


def show(text: str) -> str:
    """`text` quoted and escaped like repr(), shortened, tokens masked: safe in a message."""
    text = redact_ref(text)
    if len(text) > MAX_SHOWN_CHARS:
        return repr(text[:MAX_SHOWN_CHARS]) + "..."
    return repr(text)


def is_repo_id(text: str) -> bool:
    """True when `text` is a valid Hub repo id: `org/name` or a legacy single `name`.

    huggingface_hub's own validator decides (at most 96 letters, digits, `_`, `-`, `.`
    per part, no `--`, `..` or `.git` end), restricted to ASCII as the Hub's names are;
    its messages are not shown, the caller's one-line error is. Imported on first use:
    a folder or saved evidence never needs it.
    """
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import validate_repo_id  # type: ignore[attr-defined]

    if not text.isascii():
        return False
    try:
        validate_repo_id(text)
    except HFValidationError:
        return False
    return True


def parse_ref(text: str, revision: str | None = None) -> ModelRef:
    """Classify `text` as a local folder, a saved evidence file, a Hub URL or a Hub id.

    `revision` (from --revision) only applies to Hub models; it must agree with
    a revision named in a `/tree/<rev>` URL.
    """
    if revision is not None:
        _check_revision(revision)
    if looks_like_token(text):
        raise UsageError(
            "the reference looks like an access token, not a model; it is not shown",
            hint="pass a token with --token or HF_TOKEN",
        )
    local = _parse_path(text)
    if local is not None:
        if revision is not None:
            raise UsageError(
                f"--revision only applies to Hub models; {show(text)} is a local {local.kind} ref"
            )
        return local
    if _looks_like_url(text):
        return _parse_url(text, revision)
    if is_repo_id(text):
        return ModelRef("hub", text, repo_id=text, revision=revision)
    raise UsageError(f"not a model reference: {show(text)} ({_EXPECTED})")


def _check_revision(revision: str) -> None:
    if (
        not revision
        or len(revision) > MAX_REVISION_CHARS
        or any(ch.isspace() or not ch.isprintable() for ch in revision)
    ):
        raise UsageError(f"not a valid revision: {show(revision)}")


def _parse_path(text: str) -> ModelRef | None:
    """A ModelRef for an existing folder or .json file, None when `text` is no path at all."""
    if not text:
        return None
    path = Path(text)
    try:
        # os.path.expanduser leaves "~nobody" as is, where Path.expanduser raises
        path = Path(os.path.expanduser(text))
        is_dir, is_file = path.is_dir(), path.is_file()
    except (OSError, ValueError):  # embedded NUL, name too long, permission denied
        is_dir = is_file = False
    if is_dir:
        return ModelRef("local", text, path=path)
    if is_file and text.lower().endswith(".json"):
        return ModelRef("saved", text, path=path)
    if is_file:
        raise UsageError(
            f"{show(text)} is a file; expected a model folder or a saved evidence .json file"
        )
    if text.startswith(_PATH_PREFIXES) or text.lower().endswith(".json"):
        raise UsageError(f"no such file or folder: {show(text)}")
    return None


def _looks_like_url(text: str) -> bool:
    lowered = text.lower()
    if lowered.startswith(("http://", "https://")):
        return True
    return any(lowered.startswith(host + "/") for host in _HUB_HOSTS)


def _parse_url(text: str, revision: str | None) -> ModelRef:
    full = text if "://" in text else "https://" + text
    try:
        parts = urlsplit(full)
        host = (parts.hostname or "").lower()
        _ = parts.port  # raises ValueError for an out-of-range port
    except ValueError:  # e.g. an invalid port or IPv6 literal
        raise UsageError(f"not a model reference: {show(text)} ({_EXPECTED})") from None
    if host not in _HUB_HOSTS:
        raise UsageError(f"not a model reference: {show(text)} ({_EXPECTED})")
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0] in _OTHER_REPO_TYPES:
        kind = _OTHER_REPO_TYPES[segments[0]]
        raise UsageError(f"openaudit audits models; {show(text)} is a {kind} URL")
    repo_id, url_revision = _split_repo_path(segments, text)
    return ModelRef("hub", text, repo_id=repo_id, revision=_merge(url_revision, revision, text))


def _split_repo_path(segments: list[str], text: str) -> tuple[str, str | None]:
    """(repo id, revision or None) from the URL path segments."""
    # huggingface.co/gpt2/tree/main names a legacy single-name repo
    name_count = 1 if len(segments) >= 3 and segments[1] in _REV_MARKERS else 2
    names, rest = segments[:name_count], segments[name_count:]
    repo_id = "/".join(names)
    rest_ok = not rest or (rest[0] in _REV_MARKERS and len(rest) >= 2)
    if not names or not is_repo_id(repo_id) or not rest_ok:
        raise UsageError(f"not a model reference: {show(text)} ({_EXPECTED})")
    if not rest:
        return repo_id, None
    url_revision = unquote(rest[1])
    _check_revision(url_revision)
    return repo_id, url_revision


def _merge(url_revision: str | None, revision: str | None, text: str) -> str | None:
    if url_revision and revision and url_revision != revision:
        raise UsageError(
            f"conflicting revisions: {show(text)} names {show(url_revision)} "
            f"but --revision is {show(revision)}"
        )
    return revision or url_revision
