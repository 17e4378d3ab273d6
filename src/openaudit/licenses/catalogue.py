"""The shipped usage-facts table (data/licenses.csv), loaded once on first use."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import cast

from openaudit.licenses.facts import FAMILIES, Family, LicenseFacts, Ternary
from openaudit.licenses.names import licenseref_stem, name_key

_TERNARY = ("yes", "no", "conditional", "unknown")
TABLE_SOURCE = (
    "openaudit licence table (licenses/data/licenses.csv, compiled 2026-12-02 from the Hub "
    "licence list of 2026-08-22, licence texts, ScanCode LicenseDB and SPDX data; "
    "see licenses/data/SOURCES.md)"
)


@dataclass(frozen=True)
class Table:
    """Every row by canonical id, and an index from name keys to ids."""

    rows: dict[str, LicenseFacts]
    index: dict[str, str]


def _bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value.strip().lower())


def _ternary(value: str) -> Ternary:
    value = value.strip().lower()
    return cast(Ternary, value) if value in _TERNARY else "unknown"


def _family(value: str) -> Family:
    for family in FAMILIES:
        if value == family:
            return family
    return "unknown"


def _text(value: str) -> str | None:
    return value.strip() or None


def _facts(row: dict[str, str]) -> LicenseFacts:
    return LicenseFacts(
        id=row["id"],
        name=row["name"],
        spdx=_text(row["spdx"]),
        family=_family(row["family"]),
        osi_approved=_bool(row["osi_approved"]),
        open_content=_bool(row["open_content"]) is True,
        commercial_use=_ternary(row["commercial_use"]),
        modification=_ternary(row["modification"]),
        redistribution=_ternary(row["redistribution"]),
        field_of_use_restrictions=_bool(row["field_of_use_restrictions"]),
        acceptable_use_policy=_bool(row["acceptable_use_policy"]),
        user_cap=_text(row["user_cap"]),
        attribution=_ternary(row["attribution"]),
        share_alike=row["share_alike"].strip() or "unknown",
        output_restrictions=_text(row["output_restrictions"]),
        naming_or_display=_text(row["naming_or_display"]),
        confidence=row["confidence"].strip() or "low",
        notes=row["notes"].strip(),
        hub=row["hub"] == "yes",
        parent=_text(row["parent"]),
        commercial_note=_text(row["commercial_note"]),
        aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
    )


def _keys(facts: LicenseFacts) -> list[str]:
    names = [facts.id, facts.name, *facts.aliases]
    if facts.spdx:
        names.append(facts.spdx)
    return [key for key in map(name_key, names) if key]


def _build(text: str) -> Table:
    rows = {row["id"]: _facts(row) for row in csv.DictReader(io.StringIO(text))}
    index: dict[str, str] = {}
    # exact ids first, so that an alias of one row never shadows another row's id
    for facts in rows.values():
        index.setdefault(name_key(facts.id), facts.id)
    for facts in rows.values():
        for key in _keys(facts):
            index.setdefault(key, facts.id)
    return Table(rows, index)


@cache
def table() -> Table:
    """The licence table, read from the package data on first use."""
    data = resources.files("openaudit.licenses").joinpath("data/licenses.csv")
    return _build(data.read_text(encoding="utf-8"))


def get(license_id: str) -> LicenseFacts | None:
    """The row with exactly this canonical id."""
    return table().rows.get(license_id)


def all_facts() -> tuple[LicenseFacts, ...]:
    """Every row of the table, in file order."""
    return tuple(table().rows.values())


def hub_ids() -> tuple[str, ...]:
    """The Hub licence ids the table covers."""
    return tuple(f.id for f in table().rows.values() if f.hub)


def lookup(name: object) -> LicenseFacts | None:
    """Facts for a Hub id, SPDX id, LicenseRef or common free-text name, in any case."""
    if not isinstance(name, str):
        return None
    if len(name) > MAX_REMEMBERED_NAME:  # no licence name is this long: not kept in the memo
        return _lookup.__wrapped__(name)
    return _lookup(name)


MAX_REMEMBERED_NAME = 256


@lru_cache(maxsize=4096)  # a scan asks for the same few hundred names millions of times
def _lookup(name: str) -> LicenseFacts | None:
    index = table().index
    found = index.get(name_key(name))
    if found is None:
        stem = licenseref_stem(name)
        found = index.get(name_key(stem)) if stem else None
    return table().rows[found] if found else None
