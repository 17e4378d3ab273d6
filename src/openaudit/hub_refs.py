"""Hub repo ids written as Hub URLs in card metadata (`base_model`, `datasets`), and
dataset ids written with a config or split.

Card writers paste a repo's page (`https://huggingface.co/org/name`,
`https://huggingface.co/datasets/org/name`, `hf.co/...`) where the Hub expects an id.
Such an entry is read as the id it points at, once, where metadata is parsed: the
README's front matter (card.py), the Hub API's card data (hub_client.card_dict) and a
dump's (scan.rows). An entry on another host, of another repo type (a Space, a dataset
under `base_model`), with a user name or port, or longer than MAX_URL_CHARS stays as
written: it is then no id, and is not found.

A `datasets` entry may name the set's config or split beside its id, as a loader takes
them (`org/name:config`, `org/name config`, `org/name/train`): it is read as the id of
the first two parts, when they make one (the lookup then shows whether the Hub has it).
A bare name with a config (`glue sst2`) stays as written: no owner, no Hub id.
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


# Where a dataset's config or split follows its id: after a colon or a space.
_CONFIG_MARK = re.compile(r"[\s:]")


def repo_id_of(value: str, key: str) -> str | None:
    """The repo id a `key` entry written as a Hub URL points at (a model under
    `base_model`, a dataset under `datasets`), or a `datasets` entry's id without the
    config or split it names; None for any other entry."""
    read = _read_entry(value, key)
    return read[0] if read is not None else None


def _read_entry(value: str, key: str) -> tuple[str, str] | None:
    """(repo id, how the entry names it) for an entry read otherwise than written."""
    kind = REPO_ID_KEYS.get(key)
    text = value.strip()
    if kind is None or len(text) > MAX_URL_CHARS:
        return None
    low = text.lower()
    if low.startswith(_SCHEMELESS):
        text, low = f"https://{text}", f"https://{low}"
    if not low.startswith(("https://", "http://")):
        config = _dataset_id(text) if kind == "hf_dataset" else None
        return (config, "names a config or split") if config else None
    found, target = hub_link_target(text)
    if found != kind or target is None:
        return None
    if not all(_ID_PART.fullmatch(part) for part in target.split("/")):
        return None
    return target, "is a Hub URL"


def _dataset_id(text: str) -> str | None:
    """The dataset id of an entry naming a config or split beside it ("org/c4:en",
    "org/c4 en", "org/c4/train"): its first two parts, when they make an id; None for
    an id as it stands and for any other entry."""
    head = _CONFIG_MARK.split(text, maxsplit=1)[0]
    parts = head.split("/")
    if len(parts) not in (2, 3) or not all(_ID_PART.fullmatch(part) for part in parts[:2]):
        return None
    found = f"{parts[0]}/{parts[1]}"
    return found if found != text else None


def with_repo_ids(metadata: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The metadata with each `base_model` and `datasets` entry written as a Hub URL (or,
    under `datasets`, with a config or split) read as its repo id, and a note per entry
    so read; the same dict when there is none."""
    changed: dict[str, Any] = {}
    notes: list[str] = []
    for key in REPO_ID_KEYS:
        value = metadata.get(key)
        items = value if isinstance(value, list) else [value]
        read: list[Any] = list(items)
        for at, item in enumerate(items[:MAX_ENTRIES]):
            found = _read_entry(item, key) if isinstance(item, str) else None
            if found is not None:
                repo_id, how = found
                notes.append(f"`{key}` entry {item.strip()!r} {how}: read as {repo_id}")
                read[at] = repo_id
        if read != items:
            changed[key] = read if isinstance(value, list) else read[0]
    return ({**metadata, **changed}, tuple(notes)) if changed else (metadata, ())
