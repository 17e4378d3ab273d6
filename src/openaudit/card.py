"""Model card parsing: bounded safe front matter, sections, links, placeholders.

CONTRACT (implementation to be filled in): `parse_card(text)` never raises on
any input text; malformed metadata becomes `metadata_error`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

LinkKind = Literal["code", "paper", "hf_dataset", "hf_model", "hf_space", "license", "other"]


@dataclass(frozen=True)
class Section:
    """One heading of the card body and the text up to the next heading."""

    title: str
    level: int
    text: str
    line: int

    @property
    def words(self) -> int:
        """Number of words in the section text (not counting sub-sections)."""
        return len(self.text.split())


@dataclass(frozen=True)
class Link:
    """A link found in the card body, classified by where it points."""

    url: str
    text: str
    kind: LinkKind
    target: str | None = None  # arXiv id, Hub repo id, "github.com/org/repo", ...


@dataclass(frozen=True)
class Card:
    """A parsed model card."""

    metadata: dict[str, Any]
    metadata_error: str | None
    body: str
    sections: tuple[Section, ...]
    links: tuple[Link, ...]
    placeholders: int
    has_front_matter: bool

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any]) -> Card:
        """A card known only by its metadata (README unreadable, e.g. gated)."""
        return cls(dict(metadata), None, "", (), (), 0, bool(metadata))

    def find_section(self, *names: str) -> Section | None:
        """The first section whose title matches any name (case-insensitive; a
        name matches a title equal to it or containing it as whole words)."""
        raise NotImplementedError

    def section_text(self, section: Section) -> str:
        """The section's text including its sub-sections (deeper headings)."""
        raise NotImplementedError

    def links_of(self, *kinds: LinkKind) -> tuple[Link, ...]:
        """The links of the given kinds, in card order."""
        return tuple(link for link in self.links if link.kind in kinds)


def parse_card(text: str) -> Card:
    """Parse README text into metadata, sections, links and placeholder count."""
    raise NotImplementedError
