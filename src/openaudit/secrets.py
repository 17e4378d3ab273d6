"""Access tokens a user typed where no token belongs: found, and masked before anything shows them.

A reference is echoed in every report (JSON `ref`, the table's header, saved
evidence) and in messages. When someone pastes a Hub URL with `?token=...`, a URL
with `user:password@`, or a bare `hf_...` token, the copy that is shown has the secret
replaced by `***`; the audit itself never needs it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"

# Hugging Face user tokens are `hf_` and 34 letters, old organisation tokens `api_org_`
# and 34; 30 or more characters after the prefix and nothing word-like around it.
_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])(?:hf_|api_org_)[A-Za-z0-9]{30,}(?![A-Za-z0-9])")


def looks_like_token(text: str) -> bool:
    """True when the whole text is an access token (`hf_` or `api_org_` and 30+ letters)."""
    return _TOKEN_RE.fullmatch(text.strip()) is not None


def secrets_in(text: str) -> tuple[str, ...]:
    """The tokens a text holds, to be masked wherever they appear (a token typed as a
    path segment would otherwise come back in the Hub's error messages)."""
    return tuple(dict.fromkeys(match.group() for match in _TOKEN_RE.finditer(text)))


def url_secrets(url: str) -> tuple[str, ...]:
    """What a URL (an HF_ENDPOINT) carries that must never be shown: its `user:password`
    credentials, the password alone, query values and any token in it."""
    found = list(secrets_in(url))
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return tuple(found)
    if "@" in parts.netloc:
        userinfo = parts.netloc.rsplit("@", 1)[0]
        found += [userinfo, userinfo.partition(":")[2]]
    found += [item.split("=", 1)[1] for item in parts.query.split("&") if "=" in item]
    return tuple(dict.fromkeys(secret for secret in found if secret))


def redact_ref(text: str) -> str:
    """The reference as it may be shown: tokens, URL credentials and query values masked."""
    masked = _TOKEN_RE.sub(MASK, text)
    if "://" not in masked:
        return masked
    try:
        parts = urlsplit(masked)
    except ValueError:
        return masked
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{MASK}@{netloc.rsplit('@', 1)[1]}"
    query = "&".join(
        f"{item.split('=', 1)[0]}={MASK}" if "=" in item else MASK
        for item in parts.query.split("&")
        if item
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """The text with every secret (an access token) replaced by '***'.

    Also the secret as repr() or a bytes repr would show it (an HTTP library echoing
    a header with a control character in it), longest form first.
    """
    forms = {form for secret in secrets for form in _shown_forms(secret) if form}
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, MASK)
    return text


def _shown_forms(secret: str) -> tuple[str, ...]:
    """The ways a secret can appear in a message: as is, escaped as str, escaped as bytes."""
    as_bytes = secret.encode("utf-8", "surrogateescape")
    return (secret, repr(secret)[1:-1], repr(as_bytes)[2:-1], secret.strip())
