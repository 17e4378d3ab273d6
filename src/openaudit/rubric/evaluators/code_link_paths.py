"""The parts of a code link's address: the repository it names (host, owner, name)
and the path inside it."""

from __future__ import annotations

import re

from openaudit.card import Link


def link_repo(link: Link) -> str:
    """The linked repository, lower case: host, owner and name ("github.com/org/repo"),
    without a ".git" suffix or an "@revision"."""
    return (link.target or "").lower().removesuffix(".git").split("@", 1)[0]


def repo_parts(link: Link) -> tuple[str, str]:
    """(owner, name) of a code link's repository, lowercase."""
    parts = link_repo(link).split("/")
    return (parts[1], parts[2]) if len(parts) >= 3 else ("", parts[-1])


# A link into a file or folder of a repository ("/blob/main/input_pipeline.py").
DEEP_LINK = re.compile(r"/(?:blob|tree|raw)/[^?#]+", re.IGNORECASE)
# The path inside the repository of a link into a file or folder ("examples/asr").
TREE_PATH = re.compile(r"/(?:tree|blob)/[^/?#]+/([^?#]+)", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"[\s_.]+")


def code_name(link: Link) -> str | None:
    """The linked repository's name and the path inside it, lower case with "-" between
    words ("terra-eval", "thinker/eval"); None for a link that names no repository."""
    parts = link_repo(link).split("/")
    if len(parts) < 3 or not parts[2]:
        return None
    path = TREE_PATH.search(link.url)
    return _NAME_SEPARATORS.sub("-", (parts[2] + (f"/{path[1]}" if path else "")).lower())
