"""Licence knowledge: what openaudit knows about licences, offline.

Ids (the Hub's, SPDX, common names), usage facts (data/licenses.csv, sources in
data/SOURCES.md, loaded once on first use), licence texts and their restrictive
clauses, expressions and how licences combine, licence URLs. A leaf library: it
imports nothing else of openaudit; reading a model's evidence for its licence is
`openaudit.rubric.context`. license_expression is imported only when an
expression has to be parsed.
"""

from openaudit.licenses.catalogue import lookup
from openaudit.licenses.expression import check_expression
from openaudit.licenses.facts import ExpressionReport, Family, LicenseFacts, Ternary
from openaudit.licenses.text import identify_text
from openaudit.licenses.urls import identify_url

__all__ = [
    "ExpressionReport",
    "Family",
    "LicenseFacts",
    "Ternary",
    "check_expression",
    "identify_text",
    "identify_url",
    "lookup",
]
