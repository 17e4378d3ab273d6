"""Licence openness as the frameworks judge it, and graded outcomes.

MOF licence lists: `mof-licenses.json` and `LicenseHandler.php` of
lfai/model_openness_tool (summarised in research/frameworks.md §1). A licence
is open for MOF when it is OSI-approved, FSF-libre, on the open-data list or on
the list for the component's content type. Deviation from the tool, on purpose:
the tool misses PDDL-1.0, C-UDA-1.0, CC-PDDC and FreeBSD-DOC because it matches
names as exact strings; the framework's type lists name them, so they count.
"""

from __future__ import annotations

from typing import Literal

from openaudit.licenses import LicenseFacts, lookup
from openaudit.rubric.context.license_report import LicenseReport, grants_nothing
from openaudit.verdict import GradedOutcome, Outcome

ContentType = Literal["code", "data", "document"]
CONTENT_TYPES: tuple[ContentType, ...] = ("code", "data", "document")

# FSF-libre licences that are not OSI-approved (MOF counts FSF-libre as open).
FSF_LIBRE = frozenset({"wtfpl", "bsd-3-clause-clear", "gfdl", "gfdl-1.3"})
OPEN_DATA = frozenset({
    "cc0-1.0", "cc-by-1.0", "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0",
    "cc-by-sa-1.0", "cc-by-sa-2.0", "cc-by-sa-2.5", "cc-by-sa-3.0", "cc-by-sa-4.0",
    "cdla-permissive-1.0", "cdla-permissive-2.0", "cdla-sharing-1.0", "odc-by-1.0",
    "odbl-1.0", "gfdl-1.3", "ogl-uk-2.0", "ogl-uk-3.0", "ogl-canada-2.0", "openmdw-1.0",
})  # fmt: skip
TYPE_LISTS: dict[ContentType, frozenset[str]] = {
    "code": frozenset({
        "0bsd", "afl-1.1", "afl-1.2", "afl-2.0", "afl-2.1", "afl-3.0", "apache-1.0",
        "apache-1.1", "apache-2.0", "ecl-1.0", "ecl-2.0", "isc", "mit", "mit-0",
        "mulanpsl-1.0", "mulanpsl-2.0", "ncsa", "upl-1.0",
    }),
    "data": frozenset({
        "cdla-permissive-1.0", "cdla-permissive-2.0", "c-uda-1.0", "cc-pddc", "cc0-1.0",
        "pddl-1.0", "openmdw-1.0",
    }),
    "document": frozenset({
        "apache-2.0", "cc-by-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0", "freebsd-doc", "cc-pddc",
        "cc0-1.0", "openmdw-1.0",
    }),
}  # fmt: skip
TYPE_WORDS: dict[ContentType, str] = {
    "code": "OSI-approved code licences",
    "data": "open-data licences",
    "document": "open-content licences",
}

Openness = Literal["open", "not_open", "unknown"]


def graded(outcome: Outcome, grade: str, present: bool | None = None) -> GradedOutcome:
    """The outcome with a grade (and, for MOF components, whether it is released)."""
    if present is None and isinstance(outcome, GradedOutcome):
        present = outcome.present
    return GradedOutcome(
        outcome.answer, outcome.reason, outcome.citations, outcome.inferred, grade, present
    )


def _keys(facts: LicenseFacts) -> set[str]:
    return {facts.id.lower(), (facts.spdx or "").lower()} - {""}


def _appropriate(facts: LicenseFacts, kind: ContentType) -> bool:
    keys = _keys(facts)
    if keys & TYPE_LISTS[kind]:
        return True
    if kind == "code":
        return facts.osi_approved is True
    return bool(keys & OPEN_DATA)


def mof_openness(facts: LicenseFacts, kind: ContentType) -> tuple[Openness, str]:
    """Whether MOF counts a licence open for a content type, and why."""
    keys = _keys(facts)
    open_any = facts.osi_approved is True or bool(keys & (FSF_LIBRE | OPEN_DATA))
    if _appropriate(facts, kind):
        return "open", f"'{facts.id}' is open for {kind} ({TYPE_WORDS[kind]})"
    if open_any:
        why = f"'{facts.id}' is open but not among MOF's {TYPE_WORDS[kind]} (MOT warns, counts it)"
        return "open", why
    if facts.family == "unknown" or (facts.osi_approved is None and facts.is_open):
        return "unknown", f"whether MOF counts '{facts.id}' open needs a person"
    return "not_open", f"'{facts.id}' ({facts.family}) is not an open licence for MOF"


def report_openness(
    report: LicenseReport, kind: ContentType, *, card_read: bool = True
) -> tuple[Openness, str]:
    """MOF openness of the model's (distribution) licence. A bare `other` or `unknown`
    is no licence when the card was read (unread, it may name the terms: custom)."""
    if report.facts is None:
        if card_read and (nothing := grants_nothing(report)) is not None:
            return "not_open", f"{nothing}: MOF counts an unlicensed component as not open"
        if report.claims:
            why = f"the distribution licence matches no known licence ({report.reason})"
            return "not_open", f"{why}: a custom licence is not open for MOF (inferred)"
        return "not_open", "no licence is stated: MOF counts an unlicensed component as not open"
    return facts_openness(report.facts, kind, report.expression)


def facts_openness(
    facts: LicenseFacts, kind: ContentType, expression: str | None = None
) -> tuple[Openness, str]:
    """MOF openness of a licence; a combined expression member by member."""
    if not facts.members:
        return mof_openness(facts, kind)
    results = [_member(member, kind) for member in facts.members]
    return _combine(results, " OR " in (expression or facts.id).upper())


def all_openness(terms: list[LicenseFacts], kind: ContentType) -> tuple[Openness, str]:
    """MOF openness of several licences that all apply at once (a derivative's bases),
    each judged by its own facts (a custom licence is no id the table knows)."""
    results = [facts_openness(facts, kind) for facts in {f.id: f for f in terms}.values()]
    return results[0] if len(results) == 1 else _combine(results, either=False)


def _member(license_id: str, kind: ContentType) -> tuple[Openness, str]:
    facts = lookup(license_id)
    if facts is None:
        return "unknown", f"'{license_id}' is not in the licence table"
    return mof_openness(facts, kind)


def _combine(results: list[tuple[Openness, str]], either: bool) -> tuple[Openness, str]:
    """All members must be open (AND), or one suffices (OR)."""
    states = [state for state, _ in results]
    why = "; ".join(reason for _, reason in results)
    if (either and "open" in states) or all(state == "open" for state in states):
        return "open", why
    if (not either and "not_open" in states) or all(state == "not_open" for state in states):
        return "not_open", why
    return "unknown", why
