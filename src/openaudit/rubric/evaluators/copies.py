"""Quantisations and format conversions: re-uploads that add no training.

A GGUF, GPTQ or MLX copy of a model is that model's weights in another form, so its
training data are the data of the model it copies, as that model's card declares them
(looked up by the source as `base_datasets`). The default rubric's data layer and
EOSAI's end-model data and licences read them from here; answers built on them are a
careful reader's conclusion (inferred).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openaudit.rubric.context import ProbeContext
from openaudit.rubric.context.license_lineage import DatasetLicense, dataset_licenses
from openaudit.rubric.evaluators.evaluator_helpers import Judgement, declared_datasets
from openaudit.rubric.evaluators.weights import delta_weights, weights_not_conversion
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.evidence import Citation, LinkedRepo


@dataclass(frozen=True)
class DataCopy:
    """A quantisation or format conversion of models on the Hub, and their data."""

    why: str  # "a quantized version of X", "only gguf files converted from X"
    bases: tuple[LinkedRepo, ...]  # the models copied, as looked up
    names: tuple[str, ...]  # the datasets their cards declare
    citations: tuple[Citation, ...]

    def scope(self) -> str:
        """Whose data this model's are, for a reason."""
        copied = ", ".join(base.repo_id for base in self.bases)
        return f"{self.why} (it adds no training): the data of {copied}"

    def repos(self, ctx: ProbeContext) -> tuple[LinkedRepo, ...]:
        """The declared datasets the source looked up, in the order the cards name them."""
        found = {
            r.repo_id.lower(): r for r in (*ctx.evidence.base_datasets, *ctx.evidence.datasets)
        }
        return tuple(found[n.lower()] for n in self.names if n.lower() in found)

    def licences(self, ctx: ProbeContext) -> tuple[DatasetLicense, ...]:
        """The licences of the declared datasets the source looked up."""
        return ctx.cached(
            ("copy", "licences"), lambda: dataset_licenses(ctx.evidence, self.repos(ctx))
        )

    def unread(self, ctx: ProbeContext) -> list[Judgement]:
        """An unknown judgement for each declared dataset the source did not look up."""
        looked = {repo.repo_id.lower() for repo in self.repos(ctx)}
        return [
            ("unknown", f"{n} was not looked up") for n in self.names if n.lower() not in looked
        ]


def data_copy(ctx: ProbeContext) -> DataCopy | None:
    """The models this one is a quantisation or format conversion of (declared as
    `base_model_relation: quantized`, or only converted files beside a declared base:
    weights_not_conversion's judgement; delta weights add training), when the source
    looked them up and the model declares no datasets of its own; else None."""

    def found() -> DataCopy | None:
        if declared_datasets(ctx) or delta_weights(ctx) is not None:
            return None
        judged = weights_not_conversion(ctx, ["quantized"])
        if judged.answer != "no":
            return None
        bases = tuple(
            repo
            for repo in ctx.evidence.base_models
            if repo.depth == 1 and repo.status in ("ok", "gated")
        )
        if not bases:
            return None
        names = tuple(
            dict.fromkeys(d for repo in bases for d in _as_ids(repo.card_data.get("datasets")))
        )
        return DataCopy(judged.reason, bases, names, judged.citations)

    return ctx.cached(("copy", "data"), found)


def copied_outcome(
    copy: DataCopy, ctx: ProbeContext, results: list[Judgement], cites: list[Citation], passed: str
) -> Outcome:
    """One outcome over the copied model's datasets (any no -> no; any unknown ->
    unknown), inferred, the reason saying whose data they are."""
    results = [*results, *copy.unread(ctx)]
    cites = [*copy.citations, *cites]
    failing = [why for answer, why in filter(None, results) if answer == "no"]
    if failing:
        return Outcome.no(f"{copy.scope()}: {'; '.join(failing)}", *cites, inferred=True)
    unsure = [why for _, why in filter(None, results)]
    if unsure:
        return Outcome.unknown(f"{copy.scope()}: {'; '.join(unsure)}", *cites)
    return Outcome.yes(f"{copy.scope()}: {passed}", *cites, inferred=True)


def _as_ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [str(item) for item in items if str(item).strip()]
