"""The EOSAI licences dimension: open only when weights, code and data are all openly
licensed."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from openaudit.evidence import Citation
from openaudit.frameworks.components import (
    all_training_data,
    datasets_licensed,
    no_datasets,
)
from openaudit.frameworks.eosai.end_data_levels import copied_data_licensed
from openaudit.frameworks.eosai.rated_levels import Rated, between, concluded, stated
from openaudit.frameworks.terms import code_terms
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.code_licences import stated_code_osi
from openaudit.rubric.evaluators.copies import data_copy
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.evaluator_helpers import (
    custom_base_licence,
    custom_licence,
    declared_datasets,
    licence_unreadable,
    no_licence_grant,
)
from openaudit.rubric.evaluators.generic import matching_files
from openaudit.rubric.evaluators.linked_data import linked_data
from openaudit.rubric.evaluators.model_code_links import published_code_links
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.licenses import LicenseFacts


def _licence_outcome(ctx: ProbeContext, part: str) -> Outcome:
    """Whether the code or data licence is open (yes), not (no) or unknown."""
    if part == "code":
        return _own_code_terms(ctx)
    if declared_datasets(ctx):
        return all_training_data(ctx, datasets_licensed(ctx, "data", "data"))
    if (copy := data_copy(ctx)) is not None and copy.names:
        return all_training_data(ctx, copied_data_licensed(ctx, copy))
    if (linked := linked_data(ctx)) is not None:
        found = datasets_licensed(ctx, f"data: {linked.scope()}", "data", linked)
        return all_training_data(ctx, found)
    return no_datasets(ctx)


def _own_code_terms(ctx: ProbeContext) -> Outcome:
    """The licence of the model's own code; a library integration is not the model's code,
    so a model whose only code is one has no code under an open licence."""
    terms = code_terms(ctx)
    if terms.answer != "unknown" or not ctx.readme_read or _own_code_published(ctx):
        return terms
    name, cite = declared_library(ctx)
    if not name:
        return terms
    why = f"no code of the model's own is published (only the {name} library integration)"
    return Outcome.no(why, cite, inferred=True)


def licenses_level(ctx: ProbeContext) -> Rated:
    """The index's licence stance: open only when weights, code and data are all openly
    licensed; partial for open weights with code or data openly licensed too, and for
    non-commercial terms; closed for open weights alone and for use-restricted,
    proprietary, unknown or unstated licences. A custom licence matching no known licence
    (the model's own or a base's flowing down) rates as the vendors' own licences do,
    like the use-restricted family; one whose clauses say non-commercial is read as such
    (LicenseReport.facts from its clauses)."""
    report = ctx.license
    cites = tuple(claim.citation for claim in report.claims) or (ctx.field("license"),)
    facts = ctx.effective_license or report.facts
    if facts is None:
        if (custom := custom_licence(ctx)) is not None:
            return _custom_weights(ctx, f"weights: {custom}", cites)
        if (nothing := no_licence_grant(ctx)) is not None:
            return concluded("closed", f"weights: {nothing}", *cites)
        if unreadable := licence_unreadable(ctx):
            return between("closed", "open", unreadable.reason, *unreadable.citations)
        return stated("closed", "no licence is stated: unstated licences are closed", *cites)
    if (custom_base := custom_base_licence(ctx)) is not None:
        # a base's custom licence flows down: custom terms, as the model's own would be
        bases = tuple(base.citation for base in ctx.lineage.custom)
        return _custom_weights(ctx, f"weights: {custom_base}", (*cites, *bases))
    if ctx.lineage.inferred and facts is not report.facts:
        # the bases' terms concluded from their licence name or gate text
        bases = tuple(base.citation for base in ctx.lineage.inferred)
        rated = _licenses_level_of(ctx, facts, (*cites, *bases))
        why = f"{rated.reason} (inferred: {ctx.lineage.inferred_reason()})"
        return replace(rated, reason=why, inferred=True)
    rated = _licenses_level_of(ctx, facts, cites)
    # terms read from the licence's name or gate text: a careful reader's conclusion
    return replace(rated, inferred=True) if report.inferred else rated


def _licenses_level_of(
    ctx: ProbeContext, facts: LicenseFacts, cites: tuple[Citation, ...]
) -> Rated:
    """The licences dimension once the weights' terms (`facts`) are known."""
    if facts.family == "restricted":
        return _restricted_weights(ctx, facts, cites)
    if facts.family in ("proprietary", "unknown"):
        return stated("closed", f"weights under '{facts.id}' ({facts.family})", *cites)
    if facts.family == "non-commercial":
        return stated("partial", f"weights under '{facts.id}' (non-commercial)", *cites)
    parts = {part: _licence_outcome(ctx, part) for part in ("code", "data")}
    shown = ", ".join(f"{part} {_open_word(o)}" for part, o in parts.items())
    copy = data_copy(ctx)
    if copy is not None and copy.names:
        shown = f"{shown} (data: {copy.scope()})"
    more = tuple(c for o in parts.values() for c in o.citations)
    if all(o.answer == "yes" for o in parts.values()):
        return stated("open", f"weights under '{facts.id}'; {shown}", *cites, *more)
    # "partial = at least two of these partly open; closed = unclear or none open": code
    # or data published, under a licence not open or not read, is partly open; open
    # weights alone (no code of the model's own, no datasets declared) are closed.
    copied = copy is not None and bool(copy.names)
    data = bool(declared_datasets(ctx)) or copied or linked_data(ctx) is not None
    published = {"code": _own_code_published(ctx), "data": data}
    unsure = any(o.answer == "unknown" or o.inferred for o in parts.values())
    rated = concluded if unsure else stated
    if any(o.answer != "no" or published[part] for part, o in parts.items()):
        why = f"weights under '{facts.id}' (open); {shown}: not all three openly licensed"
        return rated("partial", why, *cites, *more)
    why = (f"weights under '{facts.id}' (open); {shown}: only the weights are openly licensed, "
           "no code of the model's own or declared datasets are published")  # fmt: skip
    return concluded("closed", why, *cites, *more)


def _restricted_weights(
    ctx: ProbeContext, facts: LicenseFacts, cites: tuple[Citation, ...]
) -> Rated:
    """Weights under use-restricted terms are partly open: with code of the model's own
    under a licence the card states OSI-approved (stated_code_osi, as MOF and OSAID read
    it), two parts are at least partly open, partial; else closed."""
    return _partly_open_weights(ctx, f"weights under '{facts.id}' (restricted)", cites)


def _custom_weights(ctx: ProbeContext, weights: str, cites: tuple[Citation, ...]) -> Rated:
    """Weights under a custom licence that matches no known licence and states no
    non-commercial terms: rated as the index rates the vendors' own licences (DeepSeek,
    Falcon, Skywork, NVIDIA Open Model ...: closed), like the use-restricted family; a
    careful reader's conclusion (inferred)."""
    why = f"{weights}; rated as the vendors' own licences are, like the restricted family"
    return replace(_partly_open_weights(ctx, why, cites), inferred=True)


def _partly_open_weights(ctx: ProbeContext, weights: str, cites: tuple[Citation, ...]) -> Rated:
    """Weights that are partly open: partial with code of the model's own under a licence
    the card states OSI-approved (two parts at least partly open), else closed."""
    if not _own_code_published(ctx):
        return stated("closed", weights, *cites)
    code = stated_code_osi(ctx, "its code") if ctx.readme_read else None
    if code is not None and code.answer == "yes":
        why = f"{weights}; code open ({code.reason}): two parts at least partly open"
        return stated("partial", why, *cites, *code.citations)
    shown = code.reason if code is not None else "the card states no licence for its code"
    why = f"{weights}; its code is not shown openly licensed ({shown}): only one part partly open"
    return stated("closed", why, *cites, *(code.citations if code is not None else ()))


def _own_code_published(ctx: ProbeContext) -> bool:
    """Code of the model's own is in the repo or linked from the card."""
    return bool(matching_files(ctx, ["*.py"])) or bool(
        ctx.readme_read and published_code_links(ctx)
    )


def _open_word(outcome: Outcome) -> str:
    return {"yes": "open", "no": "not open"}.get(outcome.answer, "not shown open")
