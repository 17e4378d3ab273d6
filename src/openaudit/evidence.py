"""Evidence: everything a source read about one model, as plain frozen data.

Sources build it, the rubric engine reads it, and `openaudit fetch` saves it as
JSON so that any audit can be replayed offline with an identical result.
Evidence never holds a token or anything derived from one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from openaudit.errors import UsageError
from openaudit.lazy import cached_attribute

if TYPE_CHECKING:
    from openaudit.card import Card

EVIDENCE_FORMAT = "openaudit-evidence"
EVIDENCE_VERSION = 2
# Versions `from_dict` still reads: version 1 has no `base_cards` (read as not read).
READABLE_VERSIONS = (1, 2)

SourceKind = Literal["hub", "local"]
RepoType = Literal["model", "dataset"]
LinkStatus = Literal["ok", "not_found", "gated", "error", "skipped"]


@dataclass(frozen=True)
class Citation:
    """Where a fact was read: a file, a metadata field, an API field or a URL."""

    where: str  # e.g. "README.md#Training Data", "card:license", "api:gated", "file:LICENSE"
    value: str | None = None
    url: str | None = None

    def __init__(self, where: str, value: str | None = None, url: str | None = None) -> None:
        # the fields set straight in the instance's dict: the generated __init__ of a
        # frozen dataclass sets each through object.__setattr__, twice as slow, for
        # about 60 citations a scan makes per model with card text
        fields = self.__dict__
        fields["where"] = where
        fields["value"] = value
        fields["url"] = url


@dataclass(frozen=True)
class RepoFile:
    """One file of a repository listing; weights are listed, never downloaded."""

    path: str
    size: int | None = None


@dataclass(frozen=True)
class TextFile:
    """A small text file that was read (licence files). `text` is None when unreadable."""

    path: str
    text: str | None
    size: int | None = None
    problem: str | None = None


@dataclass(frozen=True)
class LinkedRepo:
    """A dataset or base model the card names, with what the Hub says about it."""

    repo_id: str
    repo_type: RepoType
    status: LinkStatus
    depth: int = 1
    named_by: str | None = None
    relation: str | None = None
    sha: str | None = None
    gated: bool | str = False
    card_data: dict[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    files: tuple[RepoFile, ...] = ()
    problem: str | None = None

    @property
    def license(self) -> Any:
        """The raw `license` value of the linked repo's card metadata (may be None)."""
        return self.card_data.get("license")


@dataclass(frozen=True)
class BaseCard:
    """The card text (README.md) of a base model whose metadata declares no datasets,
    read for what it says of the base's training data. `text` is None when unreadable
    (gated, too large, missing), `problem` saying why; `sha` the commit it was read at."""

    repo_id: str
    text: str | None
    problem: str | None = None
    sha: str | None = None


@dataclass(frozen=True)
class Problem:
    """Something the source could not read, and why. Reported, never fatal."""

    what: str
    message: str


@dataclass(frozen=True)
class Evidence:
    """All facts about one model revision, each traceable to where it came from."""

    ref: str
    source: SourceKind
    repo_id: str | None = None
    revision: str | None = None
    sha: str | None = None
    url: str | None = None
    gated: bool | str | None = False  # None: the source could not tell (an old metadata dump)
    access: Literal["full", "gated"] = "full"
    private: bool = False
    readme: str | None = None
    api_card_data: dict[str, Any] | None = None
    tags: tuple[str, ...] = ()
    library_name: str | None = None
    pipeline_tag: str | None = None
    files: tuple[RepoFile, ...] = ()
    files_truncated: bool = False
    license_files: tuple[TextFile, ...] = ()
    # small configuration files read for what they state (adapter_config.json's base)
    config_files: tuple[TextFile, ...] = ()
    datasets: tuple[LinkedRepo, ...] = ()
    base_models: tuple[LinkedRepo, ...] = ()
    # the datasets the base models' cards declare, looked up (named_by: the base)
    base_datasets: tuple[LinkedRepo, ...] = ()
    # the base a card names only in its text or adapter_config.json, looked up (the
    # rubric decides whether it is the base; an inference unless a file states it)
    implied_bases: tuple[LinkedRepo, ...] = ()
    # the Hub datasets the card's text links as training data without declaring them
    # (openaudit.data_links), looked up like declared ones and kept
    # apart (the rubric judges them as an inference); None when the source looked none
    # up (a local folder, a metadata dump, evidence saved by an older openaudit)
    linked_datasets: tuple[LinkedRepo, ...] | None = None
    # the card texts of the pretrained bases EOSAI judges that declare no datasets;
    # None when the source reads no base cards (a local folder, a metadata dump)
    base_cards: tuple[BaseCard, ...] | None = None
    problems: tuple[Problem, ...] = ()
    branches: tuple[str, ...] | None = None  # the repo's branches; None when not listed

    @cached_attribute
    def card(self) -> Card:
        """The parsed model card: README front matter and body.

        When the README could not be read (a gated repo) the metadata the Hub
        API served is used instead, so the licence and datasets still count.
        """
        from openaudit.card import Card, parse_card

        if self.readme is not None:
            return parse_card(self.readme)
        return Card.from_metadata(self.api_card_data or {})

    @property
    def metadata(self) -> dict[str, Any]:
        """Card metadata (front matter), empty when absent or unreadable."""
        return self.card.metadata

    @property
    def display_name(self) -> str:
        """The name to show in reports."""
        return self.repo_id or self.ref

    def file_url(self, path: str) -> str | None:
        """A browsable URL of one file of this revision, when the model is on the Hub."""
        if not self.url:
            return None
        return f"{self.url}/blob/{self.sha or self.revision or 'main'}/{path}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with the format marker and version first."""
        body = dataclasses.asdict(self)
        return {"format": EVIDENCE_FORMAT, "version": EVIDENCE_VERSION, **body}

    @classmethod
    def from_dict(cls, data: Any) -> Evidence:
        """Rebuild evidence saved by `to_dict`; refuse other formats and versions."""
        if not isinstance(data, dict) or data.get("format") != EVIDENCE_FORMAT:
            raise UsageError("not an openaudit evidence file")
        version = data.get("version")
        if type(version) is not int or version not in READABLE_VERSIONS:
            readable = " and ".join(map(str, READABLE_VERSIONS))
            raise UsageError(
                f"evidence file version {version!r} is not supported "
                f"(this openaudit reads versions {readable}); run `openaudit fetch` again"
            )
        if version < 2:  # saved before base cards were read: none were
            data = {key: value for key, value in data.items() if key != "base_cards"}
        try:
            return _build_evidence(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"evidence file is malformed: {exc}") from None


def _files(items: Any) -> tuple[RepoFile, ...]:
    return tuple(RepoFile(**item) for item in items)


def _linked(item: dict[str, Any]) -> LinkedRepo:
    values = dict(item)
    values["tags"] = tuple(values.get("tags", ()))
    values["files"] = _files(values.get("files", ()))
    return LinkedRepo(**values)


def _build_evidence(data: dict[str, Any]) -> Evidence:
    names = {f.name for f in dataclasses.fields(Evidence)}
    values = {k: v for k, v in data.items() if k in names}
    values["tags"] = tuple(values.get("tags", ()))
    values["files"] = _files(values.get("files", ()))
    values["license_files"] = tuple(TextFile(**f) for f in values.get("license_files", ()))
    values["config_files"] = tuple(TextFile(**f) for f in values.get("config_files", ()))
    values["datasets"] = tuple(_linked(d) for d in values.get("datasets", ()))
    values["base_models"] = tuple(_linked(d) for d in values.get("base_models", ()))
    values["base_datasets"] = tuple(_linked(d) for d in values.get("base_datasets", ()))
    values["implied_bases"] = tuple(_linked(d) for d in values.get("implied_bases", ()))
    linked = values.get("linked_datasets")
    values["linked_datasets"] = None if linked is None else tuple(_linked(d) for d in linked)
    cards = values.get("base_cards")
    values["base_cards"] = None if cards is None else tuple(BaseCard(**c) for c in cards)
    values["problems"] = tuple(Problem(**p) for p in values.get("problems", ()))
    branches = values.get("branches")
    values["branches"] = None if branches is None else tuple(branches)
    return Evidence(**values)
