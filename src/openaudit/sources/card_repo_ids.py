"""The repo ids a model card names under a key (`datasets`, `base_model`), with a problem for
each entry that is not one."""

from __future__ import annotations

from typing import Any

from openaudit.evidence import Problem


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


def with_readme_ids(
    card: dict[str, Any] | None, metadata: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The Hub's card data with the `base_model` and `datasets` the README's front matter
    (`metadata`, as card.py read it) declares under a key the card data leaves empty:
    the server may leave out what it does not take for an id (a Hub URL, which card.py
    reads as one). Each key is taken whole from one place or the other; `card` itself
    when the README adds nothing."""
    added = {
        key: ids
        for key in ("base_model", "datasets")
        if not card_ids(card, key)[0] and (ids := card_ids(metadata, key)[0])
    }
    return {**(card or {}), **added} if added else card
