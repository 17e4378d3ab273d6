"""What card metadata declares: `license` (text, list or junk), `license_name`, `license_link`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from openaudit.evidence import Citation
from openaudit.licenses.catalogue import lookup
from openaudit.licenses.expression import check_expression
from openaudit.licenses.facts import ExpressionReport
from openaudit.licenses.urls import identify_url
from openaudit.rubric.context.license_report import Claim

MAX_LIST_ITEMS = 20
_KINDS = {"int": "a number", "float": "a number", "bool": "a boolean", "dict": "a mapping"}


@dataclass(frozen=True)
class Declared:
    """A card's licence metadata, read defensively."""

    raw: str | None  # the `license` value as text, for messages
    report: ExpressionReport | None  # None when `license` is missing or unreadable
    problem: str | None  # why `license` could not be read
    note: str | None  # e.g. how a list was read
    license_name: str | None
    name_id: str | None
    link: str | None
    link_id: str | None
    claims: tuple[Claim, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The licence ids of a valid declaration (empty otherwise)."""
        return self.report.license_ids if self.report and self.report.valid else ()


def _short(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


def _read_list(items: list[Any] | tuple[Any, ...]) -> tuple[ExpressionReport | None, str]:
    """(report, problem) for a list of licences; with a report, `problem` is a note."""
    if not items:
        return None, "the card's `license` is an empty list"
    if len(items) > MAX_LIST_ITEMS or not all(isinstance(i, str) for i in items):
        return (
            None,
            f"the card's `license` list holds something other than licence ids: {_short(items)}",
        )
    reports = [check_expression(item) for item in items]
    bad = [i for i, r in zip(items, reports, strict=True) if not r.valid]
    if bad:
        return (
            None,
            f"the card's `license` list holds unknown or invalid licences: {', '.join(bad)}",
        )
    joined = check_expression(" AND ".join(f"({r.normalized})" for r in reports))
    if joined.valid or joined.facts is None:
        return joined, "; ".join(joined.errors)
    # Listed licences often cover different parts (code, weights, data), so terms
    # that cannot apply to one work at once are a note here, not a reason for unknown.
    conflict = "; ".join(joined.errors)
    report = ExpressionReport(True, joined.normalized, joined.license_ids, (), joined.facts)
    return report, f"the listed licences cannot all apply to one work ({conflict})"


def _read_license(value: Any) -> tuple[ExpressionReport | None, str | None, str | None]:
    """(report, problem, note) for the raw `license` value."""
    if value is None:
        return None, None, None
    if isinstance(value, str):
        if not value.strip():
            return None, "the card's `license` is empty", None
        report = check_expression(value)
        if not report.valid and (commented := _without_comment(value)) is not None:
            return commented
        problem = None if report.valid else "; ".join(report.errors)
        return report, problem, None
    if isinstance(value, list | tuple):
        combined, problem = _read_list(value)
        if combined is None:
            return None, problem, None
        items = ", ".join(str(v) for v in value)
        note = f"the card lists several licences ({items}); all are taken to apply (AND)"
        return combined, None, f"{note}; {problem}" if problem else note
    kind = _KINDS.get(type(value).__name__, type(value).__name__)
    return None, f"the card's `license` is {kind} ({_short(value)}), not a licence id", None


# "apache-2.0 (see LICENSE)", "mit (code) ": a licence id followed by a comment.
_COMMENTED = re.compile(r"^\s*([^()]+?)\s*\(([^()]*)\)\s*$")


def _without_comment(value: str) -> tuple[ExpressionReport, None, str] | None:
    """A licence written with a trailing parenthetical comment, read without it."""
    match = _COMMENTED.match(value)
    report = check_expression(match.group(1)) if match else None
    if match is None or report is None or not report.valid:
        return None
    return report, None, f"read as '{report.normalized}', the comment '({match.group(2)})' aside"


def _text_field(metadata: Mapping[str, Any], key: str) -> str | None:
    value = metadata.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def declared_license(metadata: Mapping[str, Any], prefix: str = "card") -> Declared:
    """Read `license`, `license_name` and `license_link` from card metadata."""
    value = metadata.get("license") if isinstance(metadata, Mapping) else None
    report, problem, note = _read_license(value)
    raw = (
        None
        if value is None
        else (", ".join(map(str, value)) if isinstance(value, list) else str(value))
    )
    name = _text_field(metadata, "license_name") if isinstance(metadata, Mapping) else None
    link = _text_field(metadata, "license_link") if isinstance(metadata, Mapping) else None
    name_facts = lookup(name) if name else None
    link_id = identify_url(link) if link else None
    claims: list[Claim] = []
    if value is not None:
        claim_id = report.normalized if report and report.valid else None
        claims.append(Claim(Citation(f"{prefix}:license", _short(raw)), claim_id, raw or ""))
    if name:
        found = name_facts.id if name_facts else None
        claims.append(Claim(Citation(f"{prefix}:license_name", name), found, name))
    if link:
        url = link if "://" in link else None
        claims.append(Claim(Citation(f"{prefix}:license_link", link, url), link_id, link))
    return Declared(
        raw,
        report,
        problem,
        note,
        name,
        name_facts.id if name_facts else None,
        link,
        link_id,
        tuple(claims),
    )
