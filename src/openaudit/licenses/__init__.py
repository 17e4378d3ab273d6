"""Licence intelligence: identification, usage facts and lineage.

Nothing here imports typer or rich. Reference data (data/licenses.csv, sources
in data/SOURCES.md) is loaded once, on first use; license_expression is only
imported when an expression has to be parsed.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from openaudit.licenses.model import (
    Claim,
    ExpressionReport,
    Family,
    LicenseFacts,
    LicenseReport,
    Ternary,
)

if TYPE_CHECKING:
    from openaudit.evidence import Evidence
    from openaudit.licenses.provenance import DatasetLicense, LineageReport

__all__ = [
    "Claim",
    "ExpressionReport",
    "Family",
    "LicenseFacts",
    "LicenseReport",
    "Ternary",
    "check_expression",
    "dataset_licenses",
    "identify",
    "identify_text",
    "lineage",
    "lookup",
]


def lookup(name: object) -> LicenseFacts | None:
    """Facts for a Hub id, SPDX id or common free-text name, in any letter case."""
    from openaudit.licenses.table import lookup as _lookup

    return _lookup(name)


def check_expression(text: object) -> ExpressionReport:
    """Validate and normalise a licence expression; combine its licences' facts."""
    from openaudit.licenses.expression import check_expression as _check

    return _check(text)


_last = threading.local()  # per thread: the evidence identified last, and its report


def identify(evidence: Evidence) -> LicenseReport:
    """Identify the model's licence from card, licence files, links and tags.

    Once per model: when one thread judges the same evidence under several rubrics
    in a row, the report (immutable) is reused rather than identified again.
    """
    from openaudit.licenses.identification import identify as _identify

    last = getattr(_last, "identified", None)
    if last is not None and last[0] is evidence:
        report: LicenseReport = last[1]
        return report
    report = _identify(evidence)
    _last.identified = (evidence, report)
    return report


def identify_text(text: str) -> str | None:
    """The canonical id of a licence recognised from its text, or None."""
    from openaudit.licenses.text import identify_text as _identify_text

    return _identify_text(text)


def lineage(evidence: Evidence, report: LicenseReport | None = None) -> LineageReport:
    """Base models' licences, inherited restrictions and licence-laundering flags."""
    from openaudit.licenses.provenance import lineage as _lineage

    return _lineage(evidence, report)


def dataset_licenses(evidence: Evidence) -> tuple[DatasetLicense, ...]:
    """The licence facts of every training dataset the card names, with flags."""
    from openaudit.licenses.provenance import dataset_licenses as _datasets

    return _datasets(evidence)
