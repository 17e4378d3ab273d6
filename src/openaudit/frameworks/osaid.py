"""The OSI Open Source AI Definition (OSAID): required elements and the freedoms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from openaudit.evidence import Citation
from openaudit.frameworks.components import choice, data_section, final_parameters, topic_code
from openaudit.frameworks.terms import code_terms, terms_free
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.evaluator_helpers import (
    declared_datasets,
    no_metadata,
    no_readme,
)
from openaudit.rubric.framework_spec import FrameworkSpec, outcome_of
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    pass

Where = Literal["repo", "linked", "datasets"]
Found = tuple[Where, str, tuple[Citation, ...]]  # where, what was found, citations
# --- OSAID -------------------------------------------------------------------------

OSAID_ELEMENTS = ("data_information", "code", "parameters")
OSAID_ELEMENT_PARAM = {"element": Param("str", doc="data_information, code or parameters")}


def _data_information(ctx: ProbeContext) -> Outcome:
    names = declared_datasets(ctx)
    found = [f"datasets {', '.join(names[:3])}"] if names else []
    cites = [ctx.field("datasets", names)] if names else []
    if described := data_section(ctx):
        section = described.sections[0]
        found.append(f"section '{section.title}' ({described.words} words)")
        cites += map(ctx.section, described.sections)
    if found:
        why = (f"data information found ({'; '.join(found)}); whether it lets a skilled "
               "person build a substantially equivalent system needs a person")  # fmt: skip
        return Outcome.unknown(why, *cites)
    if not ctx.metadata_known:
        return no_metadata(ctx)
    if not ctx.readme_read:
        return no_readme(ctx)
    return Outcome.no("no training datasets named and no training-data section", ctx.readme())


def _osaid_code(ctx: ProbeContext) -> Outcome:
    found = topic_code(ctx, "training_code")
    if isinstance(found, Outcome):
        reason = f"{found.reason}: OSAID needs the complete code used to train and run"
        return Outcome(found.answer, reason, found.citations)
    _, what, cites = found
    return Outcome.unknown(f"{what}; whether it is the complete code needs a person", *cites)


def _osaid_parameters(ctx: ProbeContext) -> Outcome:
    found = final_parameters(ctx)
    if isinstance(found, Outcome):
        return found
    return Outcome.yes(found[1], *found[2])


@evaluator(
    "osaid_element",
    params=OSAID_ELEMENT_PARAM,
    reads=("files", "README.md", "card:datasets"),
    doc="The OSAID element (preferred form for modification) is published.",
    check=choice("element", OSAID_ELEMENTS),
)
def osaid_element(ctx: ProbeContext, element: str) -> Outcome:
    """An OSAID required element is available (completeness: unknown, needs a person)."""
    if element == "parameters":
        return _osaid_parameters(ctx)
    if element == "code":
        return _osaid_code(ctx)
    return _data_information(ctx)


@evaluator(
    "osaid_terms",
    params=OSAID_ELEMENT_PARAM,
    reads=("card:license", "file:LICENSE*", "files"),
    doc="The element is under OSI-approved licences (code) or terms with no use restrictions.",
    check=choice("element", OSAID_ELEMENTS),
)
def osaid_terms(ctx: ProbeContext, element: str) -> Outcome:
    """The element's licence or terms grant the freedoms (code: OSI-approved)."""
    if element == "code":
        return code_terms(ctx)
    if element == "parameters":  # made from the bases' weights: their terms flow down
        return terms_free(ctx, "parameters", with_bases=True)
    return terms_free(ctx, "data information")


# OSAID --------------------------------------------------------------------------------------


def osaid_result(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """Pass when every requirement is met, fail when one is unmet, else unknown."""
    unmet: list[dict[str, str]] = []
    undecided: list[dict[str, str]] = []
    met: list[str] = []
    for c in spec.criteria:
        answers = [outcome_of(outcomes, probe) for probe in c.probes]
        failing = [o.reason for o in answers if o.answer == "no"]
        unsure = [o.reason for o in answers if o.answer == "unknown"]
        if failing:
            unmet.append({"id": c.id, "name": c.name, "reason": "; ".join(failing)})
        elif unsure:
            undecided.append({"id": c.id, "name": c.name, "reason": "; ".join(unsure)})
        else:
            met.append(c.id)
    result = "fail" if unmet else "unknown" if undecided else "pass"
    return {
        "framework": "osaid",
        "result": result,
        "unmet": unmet,
        "undecided": undecided,
        "met": met,
    }
