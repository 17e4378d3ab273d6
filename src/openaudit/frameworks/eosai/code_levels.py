"""The EOSAI code dimensions: the training code published and under what licence, and
how the card documents the training run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openaudit.frameworks.components import topic_code, training_frameworks
from openaudit.frameworks.eosai.rated_levels import Rated, between, concluded, not_found
from openaudit.frameworks.terms import code_terms, stated_code_terms
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.evaluator_helpers import link_cites, words
from openaudit.rubric.evaluators.model_code_links import published_code_links
from openaudit.training_sections import RUN_DOCUMENTATION_SECTION_NAMES, run_documentation_title
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.card import Section


def trainingcode_level(ctx: ProbeContext) -> Rated:
    """Training code published: open when the data-processing code is published with it
    and the code is under an OSI-approved licence (what a reader of the card can see of
    the pipeline's completeness); partial when either is not shown (the index counts
    sparse code as partial). The index asks for data-processing, training and tuning
    code: data-processing code published without training code is sparse code, partial."""
    found = topic_code(ctx, "training_code")
    processing = topic_code(ctx, "preprocessing_code")
    if isinstance(found, Outcome):
        if isinstance(processing, Outcome):
            return not_found(found)
        why = (f"{processing[1]}; {found.reason}: data-processing code alone is sparse "
               "code, which the index counts as partial")  # fmt: skip
        if found.answer == "unknown":
            return between("partial", "open", why, *processing[2], *found.citations)
        return concluded("partial", why, *processing[2], *found.citations)
    # in the repo: its files, or a library's training config (the library's code is off the Hub)
    terms = code_terms(ctx) if found[0] in ("repo", "read") else _linked_code_terms(ctx)
    if not isinstance(processing, Outcome) and terms.answer == "yes":
        why = (f"{found[1]}; {processing[1]}; {terms.reason}: the training and "
               "data-processing code is published under an OSI-approved licence")  # fmt: skip
        return concluded("open", why, *found[2], *processing[2], *terms.citations)
    lacking = (
        ["no data-processing code is published with it"] if isinstance(processing, Outcome) else []
    )
    if terms.answer != "yes":
        lacking.append(f"its licence is not shown OSI-approved ({terms.reason})")
    why = (f"{found[1]}; partial: {'; '.join(lacking)} (the index counts sparse code as "
           "partial)")  # fmt: skip
    return concluded("partial", why, *found[2], *terms.citations)


def _linked_code_terms(ctx: ProbeContext) -> Outcome:
    """The licence the card states for its linked code (its repo's licence is not read)."""
    links = published_code_links(ctx)
    stated = stated_code_terms(ctx, links)
    why = "no licence is stated for the linked code (its repository's licence is not read)"
    return stated or Outcome.unknown(why, *link_cites(links, 3))


def code_docs_level(ctx: ProbeContext) -> Rated:
    code = trainingcode_level(ctx)
    tools = training_frameworks(ctx) if code.high == "closed" else []
    run = _training_run(ctx) if tools else None
    if tools and run is not None:
        names = ", ".join(dict.fromkeys(str(link.target) for link in tools))
        why = (f"the card links the training framework it used ({names}) and documents how "
               f"it was run in '{run.title}'; the model's own training code is not published: "
               "partial")  # fmt: skip
        return concluded("partial", why, *code.citations, ctx.section(run))
    if code.high == "closed":
        why = f"nothing to document: {code.reason}"
        return Rated("closed", "closed", why, code.citations, code.inferred)
    if code.level == "unknown":
        return between("closed", "open", code.reason, *code.citations)
    run = _training_run(ctx)
    if code.low == "open" and run is not None:
        why = (f"the pipeline's code is published ({code.reason}) and the card documents "
               f"how it was run in '{run.title}': open")  # fmt: skip
        return concluded("open", why, *code.citations, ctx.section(run))
    # sparse code, or code whose run the card does not document, is documented in part
    shown = "sparse code" if run is not None else "its documentation is not shown"
    why = f"code of the pipeline is published ({code.reason}); {shown}: partial"
    return concluded("partial", why, *code.citations)


MIN_RUN_WORDS = 50  # a procedure of this many words, or a hyperparameters section


def _training_run(ctx: ProbeContext) -> Section | None:
    """The section documenting how training was run: its hyperparameters, or a training
    procedure, recipe or reproduction of some length (a generated one-liner naming the
    method is not; "Reproducing the evaluation" is about evaluation)."""
    card = own_card(ctx)
    found = card.find_section("Hyperparameters")  # "Training hyperparameters" too
    if found is not None:
        return found
    procedures = card.find_sections(*RUN_DOCUMENTATION_SECTION_NAMES)
    return next(
        (
            s
            for s in procedures
            if run_documentation_title(card, s) and words(card.section_text(s)) >= MIN_RUN_WORDS
        ),
        None,
    )
