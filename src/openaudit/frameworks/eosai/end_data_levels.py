"""The EOSAI end model's data sources; a quantisation's, conversion's or merge's are
those of the models it copies."""

from __future__ import annotations

from dataclasses import replace

from openaudit.frameworks.components import ALL_DATA_NOTE
from openaudit.frameworks.eosai.base_data_levels import (
    base_card_level,
    base_datasets_level,
    named_data,
)
from openaudit.frameworks.eosai.data_source_levels import dataset_level
from openaudit.frameworks.eosai.judged_bases import base_cite
from openaudit.frameworks.eosai.rated_levels import EosaiLevel, Rated, worst
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.copies import DataCopy, data_copy
from openaudit.rubric.evaluators.withheld_data import withheld_training_data
from openaudit.verdict import Outcome


def end_data_level(ctx: ProbeContext) -> Rated:
    """This model's data sources; a quantisation's or conversion's are those of the model
    it copies (a careful reader's conclusion: inferred)."""
    copy = data_copy(ctx)
    own = dataset_level(ctx, "this model's data")
    if copy is None:
        return own
    cites = (*copy.citations, *(base_cite(repo) for repo in copy.bases))
    if copy.names:
        rated = base_datasets_level(ctx, list(copy.names), "", cites)
        why = rated.reason.replace("the base model names", "which name", 1)
        rated = replace(rated, reason=f"{copy.scope()}, {why}", inferred=True)
        return _withheld_copy(ctx, _merge_gaps(copy, rated))
    if own.low != "closed":
        return _withheld_copy(ctx, own)  # the card itself names or describes data
    # the copied models' cards, read as EOSAI's base data reads a base's (the Hub source
    # reads a copy's source card); undecided for one gated or unread, saying why
    levels = [base_card_level(ctx, repo, copy.citations) for repo in copy.bases]
    rated = levels[0] if len(levels) == 1 else worst(levels)
    inferred = rated.low == rated.high
    rated = replace(rated, reason=f"{copy.scope()}: {rated.reason}", inferred=inferred)
    return _withheld_copy(ctx, _merge_gaps(copy, rated))


def _withheld_copy(ctx: ProbeContext, rated: Rated) -> Rated:
    """A copy's data sources at most partial when its card, or the card of a model it
    copies, says part of the training data is not released (`withheld_training_data`):
    not all shared (inferred, quoting the card), as for a model's own data."""
    if rated.high != "open" or (held := withheld_training_data(ctx)) is None:
        return rated
    why = f"{rated.reason.removesuffix(ALL_DATA_NOTE)}; but {held.reason()}: not all shared"
    low: EosaiLevel = "partial" if rated.low == "open" else rated.low
    cites = (*rated.citations, held.citation(ctx))
    return Rated(low, "partial", why, cites, inferred=low == "partial" or rated.inferred)


def _merge_gaps(copy: DataCopy, rated: Rated) -> Rated:
    """A merge's data rated from the models it merges, at most partial when some of them
    declare no datasets or were not read (their data are not named in what was read)."""
    gaps = [f"{repo.repo_id} declares no datasets" for repo in copy.silent()]
    gaps += [f"merged model {name} was not read" for name in copy.missing]
    if not gaps:
        return rated

    def capped(level: EosaiLevel) -> EosaiLevel:
        return "partial" if level == "open" else level

    why = f"{rated.reason}; {'; '.join(gaps)}: not all of its data are named"
    return replace(rated, low=capped(rated.low), high=capped(rated.high), reason=why)


def copied_data_licensed(ctx: ProbeContext, copy: DataCopy) -> Outcome:
    """The data licences of a quantisation or conversion: those of the datasets the model
    it copies declares (inferred); withheld data are `all_training_data`'s to add."""
    data = named_data(ctx, list(copy.names))
    states = [state for state, _ in data.states]
    text = f"data: {copy.scope()}: " + "; ".join(why for _, why in data.states)
    cites = (*copy.citations, *data.citations)
    if any(state in ("not_open", "custom") for state in states):
        return Outcome.no(text, *cites, inferred=True)
    if any(state == "unknown" for state in states):
        return Outcome.unknown(text, *cites)
    return Outcome.yes(text, *cites, inferred=True)
