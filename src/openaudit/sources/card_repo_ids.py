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
