"""The EOSAI dimensions by id, each rated once per audit, and the `eosai_dimension`
evaluator asking whether one is rated at least open or partial."""

from __future__ import annotations

from dataclasses import replace

from openaudit.frameworks.components import choice
from openaudit.frameworks.eosai.base_data_levels import base_data_level
from openaudit.frameworks.eosai.card_levels import datasheet_level, modelcard_level
from openaudit.frameworks.eosai.code_levels import code_docs_level, trainingcode_level
from openaudit.frameworks.eosai.end_data_levels import end_data_level
from openaudit.frameworks.eosai.hardware_levels import hardware_level
from openaudit.frameworks.eosai.judged_bases import on_foundation
from openaudit.frameworks.eosai.licence_levels import licenses_level
from openaudit.frameworks.eosai.paper_levels import paper_level, preprint_level
from openaudit.frameworks.eosai.rated_levels import EOSAI_RANK, Rated
from openaudit.frameworks.eosai.weight_levels import base_weights_level, weights_level
from openaudit.frameworks.license_openness import graded
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import foreign_note
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome

DIMENSIONS = {
    "datasources_basemodel": lambda ctx: on_foundation(ctx, base_data_level(ctx)),
    "datasources_endmodel": end_data_level,
    "weights_basemodel": lambda ctx: on_foundation(ctx, base_weights_level(ctx)),
    "weights_endmodel": weights_level,
    "trainingcode": trainingcode_level,
    "code": code_docs_level,
    "hardware_architecture": hardware_level,
    "preprint": preprint_level,
    "paper": paper_level,
    "modelcard": modelcard_level,
    "datasheet": datasheet_level,
    "licenses": licenses_level,
}


# End-model dimensions read from this release's own card: another model's card appended
# to it (a fine-tune's base's) is not read, and their reasons say so.
OWN_CARD_DIMENSIONS = frozenset(
    {"datasources_endmodel", "hardware_architecture", "modelcard", "datasheet"}
)


def eosai_rating(ctx: ProbeContext, dimension: str) -> Rated:
    """The range of levels one EOSAI dimension can have, from the evidence."""

    def rate() -> Rated:
        rated = DIMENSIONS[dimension](ctx)
        if dimension in OWN_CARD_DIMENSIONS and (note := foreign_note(ctx)):
            return replace(rated, reason=rated.reason + note, inferred=True)
        return rated

    # each dimension is two probes (open? at least partial?): rate it once per audit
    return ctx.cached(("eosai", dimension), rate)


@evaluator(
    "eosai_dimension",
    params={
        "dimension": Param("str", doc="EOSAI dimension id (weights_endmodel, licenses, ...)"),
        "at_least": Param("str", doc="the level asked about: open or partial"),
    },
    reads=(
        "files",
        "README.md",
        "api:gated",
        "card:*",
        "datasets:<id>",
        "models:<base>",
        "models:<base>:README.md",
    ),
    doc="The EOSAI dimension is rated at least AT_LEAST; graded with the dimension's level.",
    check=lambda p: (
        choice("dimension", tuple(DIMENSIONS))(p) or choice("at_least", ("open", "partial"))(p)
    ),
)
def eosai_dimension(ctx: ProbeContext, dimension: str, at_least: str) -> Outcome:
    """Is the dimension rated at least `at_least`? Graded with its level."""
    rated = eosai_rating(ctx, dimension)
    wanted = EOSAI_RANK[at_least]
    shown = rated.low if rated.low == rated.high else f"between {rated.low} and {rated.high}"
    text = f"{shown}: {rated.reason}"
    if EOSAI_RANK[rated.low] >= wanted:
        outcome = Outcome.yes(text, *rated.citations)
    elif EOSAI_RANK[rated.high] < wanted:
        outcome = Outcome.no(text, *rated.citations)
    else:
        outcome = Outcome.unknown(text, *rated.citations)
    if rated.inferred and outcome.answer != "unknown":
        outcome = outcome.as_inferred()
    return graded(outcome, rated.level)
