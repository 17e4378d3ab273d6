"""The base a card names without declaring it, for a source to look up.

A card without `base_model` may still name its base: an adapter's
`adapter_config.json` states it, or the card's text says it was made from a Hub model
(`openaudit.base_mentions`). The Hub source looks that base up like a declared one and
keeps it apart (`Evidence.implied_bases`); the rubric decides what it means and says
that the card's text was read (an inference) or the file was (a statement).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openaudit.base_mentions import CONFIG_FILE, adapter_base, named_bases
from openaudit.card import Card
from openaudit.evidence import RepoFile, TextFile
from openaudit.sources.card_repo_ids import card_ids
from openaudit.weight_formats import (
    OWN_RELATIONS,
    conversion_kind,
    converted_formats,
    weight_files,
    weight_libraries,
)


def implied_base_id(
    repo_id: str,
    card: dict[str, Any] | None,
    parsed: Card | None,
    configs: tuple[TextFile, ...],
    converted: str | None = None,
) -> str | None:
    """The base a card without `base_model` names: the one its adapter config states,
    else the first Hub model its text names as the model it was made from (with
    `converted`, the formats of a repo whose weights are all in conversion formats
    (`listing_conversion`): the model converted, when the card names it). It is looked
    up like a declared base; the rubric judges what it means (and says it was inferred)."""
    if card_ids(card, "base_model")[0]:
        return None
    for config in configs:
        if config.path == CONFIG_FILE and (base := adapter_base(config.text, repo_id)):
            return base
    if parsed is None:
        return None
    named = named_bases(parsed, repo_id, converted)
    return named[0].name if named else None


def listing_conversion(
    files: Iterable[RepoFile], library: object, tags: Iterable[str]
) -> str | None:
    """The formats of a listing's weight files when all are formats models are converted
    to (weight_formats.converted_formats), read with the repo's `library_name` (the
    Hub's, else the card's) and tags, as the rubric reads them."""
    libraries = weight_libraries(library if isinstance(library, str) else None, tags)
    return converted_formats(weight_files(files, libraries), libraries)


def listing_copy(
    repo_id: str,
    files: Iterable[RepoFile],
    library: object,
    tags: Iterable[str],
    card: dict[str, Any] | None,
) -> bool:
    """Whether a release looks like a copy of the model it names (a quantisation or
    format conversion), as far as its metadata and listing tell before its card's text
    is read: `base_model_relation: quantized`; else, without a relation of its own work
    (fine-tune, adapter, merge), weight files all in conversion formats or written by a
    quantiser its id or paths name (weights.conversion's tests of the files). The Hub
    source then reads the copied model's card: a copy's data are its source's."""
    relation = str((card or {}).get("base_model_relation") or "").lower()
    if relation == "quantized":
        return True
    if relation in OWN_RELATIONS:
        return False
    tags = tuple(tags)
    libraries = weight_libraries(library if isinstance(library, str) else None, tags)
    found = weight_files(files, libraries)
    return bool(converted_formats(found, libraries) or conversion_kind(found, repo_id.lower()))
