"""A model's data sources as EOSAI rates them from its own card and metadata: named
and openly available datasets, declared or linked; named or described data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from openaudit.frameworks.components import ALL_DATA_NOTE, data_section, datasets_licensed
from openaudit.frameworks.eosai.rated_levels import Rated, between, concluded, stated
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.data import (
    data_sources_named,
    shown_beyond,
    undeclared_training_data,
)
from openaudit.rubric.evaluators.datasheets import datasheet
from openaudit.rubric.evaluators.evaluator_helpers import (
    declared_datasets,
    no_metadata,
    no_readme,
    off_hub_names,
    unavailable_on_hub,
)
from openaudit.rubric.evaluators.linked_data import LinkedData, linked_data
from openaudit.rubric.evaluators.withheld_data import withheld_training_data
from openaudit.training_sections import DATA_SECTION_NAMES
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.evidence import LinkedRepo


def dataset_level(ctx: ProbeContext, scope: str, *, sources: bool = True) -> Rated:
    """The data sources of this model: open when named and openly available; partial
    when only named (also as public corpora, with `sources`) or described; closed when
    the card shares nothing about them."""
    names = declared_datasets(ctx)
    linked = None if names else linked_data(ctx)
    if linked is not None and (linked.repos or ctx.evidence.linked_datasets is not None):
        return _linked_data_level(ctx, scope, linked)
    if not names:
        corpora = data_sources_named(ctx, DATA_SECTION_NAMES) if sources else None
        if corpora is not None and corpora.answer == "yes":
            # Hub datasets not looked up (a base model's card, a local folder, a dump)
            # are named at least; whether openly is not known
            shown = (
                f"linked as Hub datasets, not looked up ({linked.unread_why})"
                if linked is not None
                else "named, but not published as datasets"
            )
            why = f"{scope}: {corpora.reason}; {shown}"
            return concluded("partial", why, *corpora.citations)
        if described := data_section(ctx):
            section = described.sections[0]
            why = f"{scope}: data described in '{section.title}' but no datasets named"
            rate = stated if described.whole else concluded  # sentences picked by reading
            return rate("partial", why, *map(ctx.section, described.sections))
        if (sheet := datasheet(ctx)) is not None:  # it documents the data sources
            why = f"{scope}: data described in {sheet.reason}, but no datasets named"
            return concluded("partial", why, *sheet.citations)
        if not sources and (named := data_sources_named(ctx, DATA_SECTION_NAMES)).answer == "yes":
            why = f"{scope}: {named.reason}; named, but not documented"
            return concluded("closed", why, *named.citations)
        if not ctx.metadata_known:
            unread = no_metadata(ctx)
            return between("closed", "open", f"{scope}: {unread.reason}", *unread.citations)
        if not ctx.readme_read:
            return between("closed", "open", f"{scope}: {no_readme(ctx).reason}")
        why = (
            f"{scope}: no training data named or described (no datasets declared or linked,"
            " no data section or data sentence in the card)"
        )
        return concluded("closed", why, ctx.readme())
    found = datasets_licensed(ctx, f"{scope}: {', '.join(names[:3])}", "data")
    if (not_open := _not_shown_open(found, ctx.evidence.datasets, stated)) is not None:
        return not_open
    if (held := _withheld(ctx, found)) is not None:
        return held
    if found.answer == "unknown":
        return between("partial", "open", found.reason, *found.citations)
    if beyond := undeclared_training_data(ctx):  # named as training data, not declared
        why = (f"{found.reason}; but the card names more training data than it declares: "
               f"{shown_beyond(beyond)}")  # fmt: skip
        return concluded("partial", why, *found.citations, ctx.readme())
    return stated("open", found.reason, *found.citations)


def named_off_hub(names: list[str]) -> str:
    """What a reason adds for bare dataset names the Hub does not resolve."""
    return f"; named, not Hub datasets, so not shown openly available: {', '.join(names[:6])}"


def _not_shown_open(
    found: Outcome, repos: Sequence[LinkedRepo], rate: Callable[..., Rated]
) -> Rated | None:
    """Partial when the datasets are not shown open: a licence that is not open, or a
    dataset gated or an `owner/name` id missing from the Hub (not freely available;
    `rate` says on what basis), or a bare name the Hub does not resolve (named data off
    the Hub, inferred). None otherwise: a dataset not looked up (skipped, error) is
    undecided and only widens the range."""
    gated = [r.repo_id for r in repos if unavailable_on_hub(r)]
    if found.answer == "no" or gated:
        extra = f"; not freely available: {', '.join(gated)}" if gated else ""
        return rate("partial", found.reason + extra, *found.citations)
    if off_hub := off_hub_names(repos):
        return concluded("partial", found.reason + named_off_hub(off_hub), *found.citations)
    return None


def _withheld(ctx: ProbeContext, found: Outcome) -> Rated | None:
    """Partial when the datasets are open or undecided but the card says part of the
    training data is not released (`withheld_training_data`): the data sources are not
    all shared (inferred, quoting the card)."""
    if (held := withheld_training_data(ctx)) is None:
        return None
    why = f"{found.reason.removesuffix(ALL_DATA_NOTE)}; but {held.reason()}: not all shared"
    return concluded("partial", why, *found.citations, held.citation(ctx))


def _linked_data_level(ctx: ProbeContext, scope: str, linked: LinkedData) -> Rated:
    """Hub datasets the card links as its training data, judged as declared ones are
    (open when all are openly licensed and freely available, partial when not, undecided
    while some were not looked up), as a reader's conclusion: the card links them, its
    metadata does not declare them."""
    found = datasets_licensed(ctx, f"{scope}: {linked.scope()}", "data", linked)
    if (not_open := _not_shown_open(found, linked.repos, concluded)) is not None:
        return not_open
    if (held := _withheld(ctx, found)) is not None:
        return held
    if undeclared_training_data(ctx, linked.names):  # named, not published as datasets
        why = f"{found.reason}: shared, not all as datasets"
        return concluded("partial", why, *found.citations)
    if found.answer == "unknown":
        return between("partial", "open", found.reason, *found.citations)
    return concluded("open", found.reason, *found.citations)
