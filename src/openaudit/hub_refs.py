"""Hub repo ids written as Hub URLs in card metadata (`base_model`, `datasets`).

Card writers paste a repo's page (`https://huggingface.co/org/name`,
`https://huggingface.co/datasets/org/name`, `hf.co/...`) where the Hub expects an id.
Such an entry is read as the id it points at, once, where metadata is parsed: the
README's front matter (card.py), the Hub API's card data (hub_client.card_dict) and a
dump's (scan.rows). An entry on another host, of another repo type (a Space, a dataset
under `base_model`), with a user name or port, or longer than MAX_URL_CHARS stays as
written: it is then no id, and is not found.
"""

from __future__ import annotations

import re
from typing import Any

from openaudit.links import hub_link_target

# The metadata keys that hold repo ids, and the kind of repo each names.
REPO_ID_KEYS = {"base_model": "hf_model", "datasets": "hf_dataset"}
MAX_URL_CHARS = 300  # a Hub repo URL is well under; longer text is left as written
MAX_ENTRIES = 1000  # entries of one key read (those after them are left as written)
_SCHEMELESS = ("huggingface.co/", "hf.co/", "www.huggingface.co/", "www.hf.co/")
# One part of a Hub repo id, as the Hub allows it: no leading or trailing "." or "-",
# no ".." or "--", at most 96 characters.
_ID_PART = re.compile(r"(?![.-])(?!.*(?:\.\.|--))[\w.-]{1,96}(?<![.-])", re.ASCII)


def repo_id_of(value: str, key: str) -> str | None:
    """The repo id a `key` entry written as a Hub URL points at (a model under
    `base_model`, a dataset under `datasets`); None for any other entry."""
    kind = REPO_ID_KEYS.get(key)
    text = value.strip()
    if kind is None or len(text) > MAX_URL_CHARS:
        return None
    low = text.lower()
    if low.startswith(_SCHEMELESS):
        text, low = f"https://{text}", f"https://{low}"
    if not low.startswith(("https://", "http://")):
        return None
    found, target = hub_link_target(text)
    if found != kind or target is None:
        return None
    return target if all(_ID_PART.fullmatch(part) for part in target.split("/")) else None


def with_repo_ids(metadata: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The metadata with each `base_model` and `datasets` entry written as a Hub URL read
    as its repo id, and a note per entry so read; the same dict when there is none."""
    changed: dict[str, Any] = {}
    notes: list[str] = []
    for key in REPO_ID_KEYS:
        value = metadata.get(key)
        items = value if isinstance(value, list) else [value]
        read: list[Any] = list(items)
        for at, item in enumerate(items[:MAX_ENTRIES]):
            repo_id = repo_id_of(item, key) if isinstance(item, str) else None
            if repo_id is not None:
                notes.append(f"`{key}` entry {item.strip()!r} is a Hub URL: read as {repo_id}")
                read[at] = repo_id
        if read != items:
            changed[key] = read if isinstance(value, list) else read[0]
    return ({**metadata, **changed}, tuple(notes)) if changed else (metadata, ())
