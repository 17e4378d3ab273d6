"""Training data a card links as Hub datasets without declaring them in `datasets:`.

The Hub source looks these datasets up as `Evidence.linked_datasets` (the ids from
`data_links`, the reading the rubric uses too); the data layer, MOF 14/15 and EOSAI's
data sources and licences judge them as they judge declared datasets, but as a careful
reader's conclusion (inferred): the card links them where it speaks of its training
data, its metadata does not state them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from openaudit.data_links import DataLink, training_data_links
from openaudit.evidence import Citation, LinkedRepo
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.context.license_lineage import DatasetLicense, dataset_licenses
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.copies import DataCopy, data_copy
from openaudit.rubric.evaluators.evaluator_helpers import (
    Judgement,
    declared_datasets,
    inferred_over,
    link_cites,
)
from openaudit.verdict import Outcome

SHOWN = 3  # linked datasets a reason names with where they are linked


@dataclass(frozen=True)
class LinkedData:
    """The Hub datasets a card links as its training data, and what the source read."""

    links: tuple[DataLink, ...]
    repos: tuple[LinkedRepo, ...]  # those looked up, in card order
    unread_why: str  # why one without a lookup was not looked up

    @property
    def names(self) -> tuple[str, ...]:
        """The linked datasets' ids, in card order."""
        return tuple(item.name for item in self.links)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The card's links to them."""
        return link_cites(item.link for item in self.links)

    def scope(self) -> str:
        """What these datasets are, for a reason: linked, not declared, and where."""
        shown = "; ".join(f"{item.name} {item.where()}" for item in self.links[:SHOWN])
        more = f"; {len(self.links) - SHOWN} more" if len(self.links) > SHOWN else ""
        how = "gives" if any(item.written for item in self.links) else "links"
        return f"datasets the card {how} as training data (not declared): {shown}{more}"

    def licences(self, ctx: ProbeContext) -> tuple[DatasetLicense, ...]:
        """The licences of the linked datasets the source looked up."""
        return ctx.cached(
            ("linked data", "licences"), lambda: dataset_licenses(ctx.evidence, self.repos)
        )

    def unread(self) -> list[Judgement]:
        """An unknown judgement for each linked dataset the source did not look up."""
        looked = {repo.repo_id.lower() for repo in self.repos}
        return [
            ("unknown", f"{name} was not looked up ({self.unread_why})")
            for name in self.names
            if name.lower() not in looked
        ]


def linked_data(ctx: ProbeContext) -> LinkedData | None:
    """The Hub datasets the card links as its training data, when it declares none in
    its metadata and links some; else None."""

    if not ctx.readme_read:  # (no card text, no links: asked of every model of a scan)
        return None

    def found() -> LinkedData | None:
        if declared_datasets(ctx):
            return None
        links = training_data_links(own_card(ctx))
        if not links:
            return None
        read = ctx.evidence.linked_datasets
        looked = {repo.repo_id.lower(): repo for repo in read or ()}
        repos = tuple(looked[n.lower()] for n in (i.name for i in links) if n.lower() in looked)
        return LinkedData(links, repos, _unread_why(ctx, read))

    return ctx.cached(("linked data",), found)


def _unread_why(ctx: ProbeContext, read: tuple[LinkedRepo, ...] | None) -> str:
    if read is not None:
        return "not in the evidence"
    if ctx.evidence.source == "local":
        return "an audit of a local folder looks up no datasets"
    return (
        "none were looked up for this card: a base model's card, a metadata dump, or "
        "evidence saved by an older openaudit"
    )


def linked_outcome(
    data: LinkedData, results: list[Judgement], cites: list[Citation], passed: str
) -> Outcome:
    """One outcome over the linked datasets (any no -> no; any unknown -> unknown),
    inferred, the reason saying they are linked, not declared, and where."""
    return inferred_over(
        data.scope(), [*results, *data.unread()], [*data.citations, *cites], passed
    )


class JudgedData(NamedTuple):
    """The datasets a data probe judges, and why they are the model's: the copied
    model's (`copy`), those the card links (`linked`), else the declared ones."""

    copy: DataCopy | None
    linked: LinkedData | None
    licences: tuple[DatasetLicense, ...]


def judged_data(ctx: ProbeContext) -> JudgedData:
    """The datasets whose licences a data probe judges: a quantisation's or merge's are
    those of the models it copies; with no datasets declared, those the card links as
    its training data (inferred); else the declared ones."""
    copy = data_copy(ctx)
    if copy is not None and copy.names:
        return JudgedData(copy, None, tuple(copy.licences(ctx)))
    linked = linked_data(ctx)
    if linked is not None:
        return JudgedData(None, linked, tuple(linked.licences(ctx)))
    return JudgedData(None, None, tuple(ctx.dataset_licenses))
