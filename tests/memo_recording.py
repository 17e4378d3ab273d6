"""What a probe reads of a model's evidence, recorded (for tests/test_scan_memo.py).

`recording(evidence, log)` is a stand-in for the evidence that adds to `log` the name
of each input of scan/probe_memo.py an evaluator reads: a field (`files`, `tags`), a
card metadata key (`card:license`), the card's key set (`card_keys`) or all of it
(`card_data`). The identifiers a citation is built from (url, sha, revision, the
repo id inside a citation URL) are not inputs: the twin test checks they change
nothing else.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any, ClassVar

from openaudit.evidence import Evidence, LinkedRepo

CITATION_ONLY = frozenset({"url", "sha", "revision", "file_url"})
# Functions that read the repo id only to build a citation URL.
CITATION_BUILDERS = frozenset({"_repo_url"})
# Functions that read only the `license:` tags of `tags` (input `license_tags`).
LICENCE_TAG_READERS = frozenset({("openaudit.rubric.context.license_identification", "identify")})
# Functions that read only the tags naming a weight library (input `weight_library_tags`).
WEIGHT_LIBRARY_TAG_READERS = frozenset({("openaudit.rubric.evaluators.weights", "repo_libraries")})
# Functions that read only the tags naming a library that runs models (`library_tags`).
LIBRARY_TAG_READERS = frozenset(
    {("openaudit.rubric.evaluators.declared_library", "declared_library")}
)
# Functions that read only the tags saying a model is a merge, the Hub's and the card's
# (input `merge_tags`).
MERGE_TAG_READERS = frozenset({("openaudit.rubric.evaluators.copies", "merge_tags")})
# Functions that read only the tags naming an RL library or an environment, the Hub's and
# the card's (input `rl_tags`).
RL_TAG_READERS = frozenset(
    {("openaudit.rubric.evaluators.rl_environments", name) for name in ("rl_tags", "api_rl_tags")}
)
# The function matching tags against globs: with only arxiv:* and doi:*, `paper_tags`.
PAPER_TAG_READER = ("openaudit.rubric.evaluators.generic", "matching_tags")


class RecordingDict(dict):  # type: ignore[type-arg]
    """Card metadata that logs which keys are read."""

    def __init__(self, data: dict[Any, Any], log: set[str]) -> None:
        super().__init__(data)
        self._log = log

    def _key(self, key: Any) -> None:
        self._log.add(f"card:{key}" if isinstance(key, str) else "card_data")

    def __getitem__(self, key: Any) -> Any:
        self._key(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        caller = sys._getframe(1)
        where = (caller.f_globals.get("__name__"), caller.f_code.co_name)
        if where in MERGE_TAG_READERS:
            self._log.add("merge_tags")  # the card's merge tags only
        elif where in RL_TAG_READERS:
            self._log.add("rl_tags")  # the card's RL library and environment tags only
        else:
            self._key(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._key(key)
        return super().__contains__(key)

    def __iter__(self) -> Any:
        self._log.add("card_keys")
        return super().__iter__()

    def keys(self) -> Any:
        self._log.add("card_keys")
        return super().keys()

    def __len__(self) -> int:
        self._log.add("card_keys")
        return super().__len__()

    def _whole(self) -> None:
        self._log.add("card_data")

    def items(self) -> Any:
        self._whole()
        return super().items()

    def values(self) -> Any:
        self._whole()
        return super().values()

    def copy(self) -> dict[Any, Any]:
        self._whole()
        return dict(super().items())

    def __eq__(self, other: object) -> bool:
        self._whole()
        return dict(super().items()) == other

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self._whole()
        return repr(dict(super().items()))

    def __reduce_ex__(self, protocol: Any) -> Any:
        self._whole()
        return (dict, (dict(super().items()),))


class _RecordingCard:
    def __init__(self, evidence: Evidence, log: set[str]) -> None:
        self._log = log
        self._card = replace(evidence.card, metadata=RecordingDict(evidence.card.metadata, log))

    def __getattr__(self, name: str) -> Any:
        if name == "has_front_matter":
            self._log.add("card_keys")
        return getattr(self._card, name)


class _RecordingLinked:
    def __init__(self, repo: LinkedRepo, log: set[str]) -> None:
        self._repo, self._log = repo, log

    def __getattr__(self, name: str) -> Any:
        if name in ("named_by", "sha"):
            self._log.add(f"linked:{name}")
        return getattr(self._repo, name)

    def __eq__(self, other: object) -> bool:
        return self._repo == getattr(other, "_repo", other)

    def __hash__(self) -> int:
        return hash(self._repo)


def _tags_read(where: tuple[Any, str], scope: dict[str, Any]) -> str:
    """The input a read of `tags` stands for: the licence tags or the paper tags where
    the reader keeps only those, else all the tags."""
    if where in LICENCE_TAG_READERS:
        return "license_tags"
    if where in WEIGHT_LIBRARY_TAG_READERS:
        return "weight_library_tags"
    if where in LIBRARY_TAG_READERS:
        return "library_tags"
    if where in MERGE_TAG_READERS:
        return "merge_tags"
    if where in RL_TAG_READERS:
        return "rl_tags"
    patterns = scope.get("patterns") if where == PAPER_TAG_READER else None
    if patterns and {p.lower() for p in patterns} <= {"arxiv:*", "doi:*"}:
        return "paper_tags"
    return "tags"


class Recording:
    """The evidence of one model, logging what is read of it.

    `dataclasses.replace` works on it (the rubric derives evidence with other bases):
    it reads the fields unlogged and makes another stand-in logging into the same log.
    """

    __dataclass_fields__ = Evidence.__dataclass_fields__  # a dataclass to `replace`
    _active: ClassVar[set[str]] = set()  # the latest stand-in's log, for those `replace` makes

    def __init__(
        self, evidence: Evidence | None = None, log: set[str] | None = None, **fields: Any
    ) -> None:
        if evidence is None:  # made by dataclasses.replace
            evidence, log = Evidence(**fields), Recording._active
        assert log is not None
        self._evidence, self._log = evidence, log
        self._card = _RecordingCard(evidence, log)
        Recording._active = log

    def __getattr__(self, name: str) -> Any:
        evidence, log = self._evidence, self._log
        caller = sys._getframe(1)
        where = (caller.f_globals.get("__name__"), caller.f_code.co_name)
        if where[0] == "dataclasses":  # replace() copying the fields it keeps
            return getattr(evidence, name)
        if name == "card":
            return self._card
        if name == "metadata":
            return self._card.metadata
        if name == "api_card_data":
            log.add("card_present")
            data = evidence.api_card_data
            return None if data is None else RecordingDict(data, log)
        if name in ("repo_id", "ref", "display_name"):
            if where[1] not in CITATION_BUILDERS:
                log.add("repo_id")
        elif name == "tags":
            log.add(_tags_read(where, caller.f_locals))
        elif name in ("files", "files_truncated"):
            log.add("files")
        elif name in ("datasets", "base_models", "implied_bases"):
            log.add(name)
            return tuple(_RecordingLinked(r, log) for r in getattr(evidence, name))
        elif name not in CITATION_ONLY:
            log.add(name)
        return getattr(evidence, name)


def recording(evidence: Evidence, log: set[str]) -> Evidence:
    """`evidence` as a stand-in logging into `log` the inputs read of it."""
    return Recording(evidence, log)  # type: ignore[return-value]
