"""Licence terms as the frameworks read them: free of use restrictions, OSI-approved code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.code_licences import code_file_osi, stated_code_osi
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.evaluator_helpers import (
    custom_licence,
    licence_basis,
    licence_unreadable,
    link_cites,
    no_licence_grant,
    no_readme,
    with_base_terms,
)
from openaudit.rubric.evaluators.generic import matching_files
from openaudit.rubric.evaluators.model_code_links import published_code_links
from openaudit.rubric.registry import evaluator
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.card import Link
    from openaudit.licenses.facts import LicenseFacts

Where = Literal["repo", "linked", "datasets"]
Found = tuple[Where, str, tuple[Citation, ...]]  # where, what was found, citations


def terms_free(ctx: ProbeContext, what: str, *, with_bases: bool = False) -> Outcome:
    """The distribution licence grants the four freedoms without use restrictions.

    With `with_bases` (the weights, made from their bases' weights) the bases' terms
    flow down as they do for the usage layer (ProbeContext.effective_license): an open
    tag over a restricted or custom base is not free, over a base whose terms were not
    seen undecided."""
    report = ctx.license
    cites = tuple(claim.citation for claim in report.claims)
    facts = report.facts
    if facts is not None and with_bases:
        effective = ctx.effective_license or facts
        if effective is not facts:  # (bases whose terms were inferred: with_base_terms)
            cites += tuple(b.citation for b in ctx.lineage.bases if b.facts and not b.inferred)
        return with_base_terms(ctx, _terms_free(what, effective, cites))
    if facts is None:
        if (custom := custom_licence(ctx)) is not None:
            return Outcome.no(f"{what}: {custom}", *cites, inferred=True)
        if (nothing := no_licence_grant(ctx)) is not None:
            return Outcome.no(f"{what}: {nothing}", *cites, inferred=True)
        return licence_unreadable(ctx) or Outcome.no(
            f"no licence or terms are stated for the {what}", Citation("card:license")
        )
    return licence_basis(ctx, _terms_free(what, facts, cites))


def _terms_free(what: str, facts: LicenseFacts, cites: tuple[Citation, ...]) -> Outcome:
    from openaudit.rubric.evaluators.usage import restrictions

    found = restrictions(facts)
    if facts.family in ("restricted", "non-commercial", "proprietary") or found:
        shown = "; ".join(found or []) or facts.family
        return Outcome.no(f"{what} under '{facts.id}': {shown}", *cites)
    if facts.family == "unknown" or found is None:
        return Outcome.unknown(f"whether '{facts.id}' restricts use needs a person", *cites)
    return Outcome.yes(f"{what} under '{facts.id}', with no use restrictions", *cites)


def code_terms(ctx: ProbeContext) -> Outcome:
    """The code published with the model is under an OSI-approved licence."""
    code = matching_files(ctx, ["*.py"])
    if code:
        return _repo_code_terms(ctx, code)
    links = published_code_links(ctx) if ctx.readme_read else []
    if links and (stated := stated_code_terms(ctx, links)) is not None:
        return stated
    name, lib_cite = declared_library(ctx)
    if links or name:
        cites = (*link_cites(links, 3), *([lib_cite] if name else []))
        return Outcome.unknown(
            "the code is hosted off the Hub; its licence is not in the evidence", *cites
        )
    if not ctx.readme_read:
        return no_readme(ctx)
    if not ctx.evidence.files:
        return Outcome.unknown("no file listing was read to look for code")
    return Outcome.no("no code is published, so no code licence", Citation("files"))


def stated_code_terms(ctx: ProbeContext, links: list[Link]) -> Outcome | None:
    """Code off the Hub under the licence the card states for it ("Training code
    (MIT): URL", "released under Apache-2.0"): the statement is the evidence; None when
    the card states none."""
    return stated_code_osi(ctx, "its code", *link_cites(links, 3))


def _repo_code_terms(ctx: ProbeContext, code: list[str]) -> Outcome:
    """Code in the repo is under its own licence file, else the model's licence:
    OSI-approved or not."""
    if (own := code_file_osi(ctx, code)) is not None:
        return own
    report = ctx.license
    facts = report.facts
    cites = (*map(ctx.file, code[:3]), *(claim.citation for claim in report.claims))
    if facts is None and not report.claims:
        unreadable = licence_unreadable(ctx)
        if unreadable:
            return Outcome(unreadable.answer, unreadable.reason, (*cites, *unreadable.citations))
        return Outcome.no(
            "no licence is stated for the repo code, so no OSI-approved licence",
            *cites,
            Citation("card:license"),
        )
    if facts is None or facts.osi_approved is None:
        return Outcome.unknown(
            "the repo code's licence is not identified as OSI-approved or not", *cites
        )
    answer = Outcome.yes if facts.osi_approved else Outcome.no
    shown = "OSI-approved" if facts.osi_approved else "not OSI-approved"
    return licence_basis(ctx, answer(f"the repo code is under '{facts.id}', {shown}", *cites))


@evaluator(
    "no_permission_gate",
    reads=("api:gated",),
    doc="The model can be obtained without asking permission (no manual-approval gate).",
)
def no_permission_gate(ctx: ProbeContext) -> Outcome:
    """No gate requiring the owner's approval stands between a user and the model."""
    evidence = ctx.evidence
    if evidence.source == "local":
        return Outcome.unknown("a local folder has no Hub gate setting")
    if evidence.gated is None:
        return Outcome.unknown("the Hub's gating setting was not read")
    if evidence.gated == "manual":
        return Outcome.no("access needs the owner's manual approval", ctx.api("gated", "manual"))
    if evidence.gated or evidence.access == "gated":
        why = (
            "an automatic gate asks users to accept terms; "
            "whether that is asking permission needs a person"
        )
        return Outcome.unknown(why, ctx.api("gated", str(evidence.gated)))
    return Outcome.yes("not gated", ctx.api("gated", "false"))
