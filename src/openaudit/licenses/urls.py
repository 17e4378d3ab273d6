"""Recognising a licence from a URL (license_link, links in the card body)."""

from __future__ import annotations

import re

from openaudit.licenses.catalogue import lookup

_CC = re.compile(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)")
_CC0 = re.compile(r"creativecommons\.org/publicdomain/zero/1\.0")
_LLAMA = re.compile(r"llama[-_ ]?(\d(?:[._]\d)?)")
_FIXED = (
    ("apache.org/licenses/license-2.0", "apache-2.0"),
    ("ai.google.dev/gemma/terms", "gemma"),
    ("ai.google.dev/gemma/prohibited_use_policy", "gemma"),
    (
        "developers.google.com/health-ai-developer-foundations/terms",
        "health-ai-developer-foundations",
    ),
    ("ai.meta.com/llama/license", "llama2"),
    ("ai.meta.com/resources/models-and-libraries/llama-downloads", "llama2"),
)
_ID_SITES = (
    "opensource.org/licenses/",
    "spdx.org/licenses/",
    "choosealicense.com/licenses/",
    "gnu.org/licenses/",
)


def _strip(url: str) -> str:
    url = url.strip().lower()
    url = re.sub(r"^[a-z]+://", "", url)
    url = url.removeprefix("www.")
    return url.split("#", 1)[0].split("?", 1)[0].rstrip("/")


def _last_segment_id(url: str) -> str | None:
    segment = url.rsplit("/", 1)[-1]
    segment = re.sub(r"\.(html?|php|txt|md)$", "", segment)
    facts = lookup(segment)
    return facts.id if facts else None


def _llama(url: str) -> str | None:
    if "meta" not in url and "llama.com" not in url:
        return None
    match = _LLAMA.search(url)
    if not match:
        return None
    facts = lookup("llama" + match.group(1).replace("_", "."))
    return facts.id if facts else None


def identify_url(url: object) -> str | None:
    """The canonical id of the licence a URL points to, when the URL says it."""
    if not isinstance(url, str) or len(url) > 2000:
        return None
    clean = _strip(url)
    if _CC0.search(clean):
        return "cc0-1.0"
    cc = _CC.search(clean)
    if cc:
        facts = lookup(f"cc-{cc.group(1)}-{cc.group(2)}") or lookup(f"cc-{cc.group(1)}")
        return facts.id if facts else None
    for fragment, license_id in _FIXED:
        if fragment in clean:
            return license_id
    if any(site in clean for site in _ID_SITES):
        return _last_segment_id(clean)
    return _llama(clean)
