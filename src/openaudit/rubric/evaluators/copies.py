"""Quantisations, format conversions and merges: releases that add no training.

A GGUF, GPTQ or MLX copy of a model is that model's weights in another form, so its
training data are the data of the model it copies, as that model's card declares them
(looked up by the source as `base_datasets`). A merge (mergekit's: its recipe averages,
interpolates or stacks its parents' weights) trains nothing either: its training data
are the data of the models it merges. The default rubric's data layer and EOSAI's
end-model data and licences read them from here; answers built on them are a careful
reader's conclusion (inferred).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from openaudit.base_chain import base_ids, bases_of, listed_bases
from openaudit.evidence import Evidence, LinkedRepo
from openaudit.licenses.combine import combine_and
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.context.license_lineage import (
    NO_LICENCE_DECLARED,
    DatasetLicense,
    base_licence,
    dataset_licenses,
)
from openaudit.rubric.context.license_report import Claim, LicenseReport
from openaudit.rubric.context.probe_context import licence_reader
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.evaluator_helpers import (
    Judgement,
    as_list,
    declared_datasets,
    inferred_over,
)
from openaudit.rubric.evaluators.weights import (
    Conversion,
    conversion,
    delta_weights,
    weights_not_conversion,
)
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

    from openaudit.evidence import Citation

AnyOutcome = TypeVar("AnyOutcome", bound=Outcome)


@dataclass(frozen=True)
class DataCopy:
    """A quantisation, format conversion or merge of models on the Hub, and their data."""

    why: str  # "a quantized version of X", "only gguf files converted from X", "a merge of"
    bases: tuple[LinkedRepo, ...]  # the models copied or merged, as looked up
    names: tuple[str, ...]  # the datasets their cards declare
    citations: tuple[Citation, ...]
    merge: bool = False  # of several models (or of one with itself): each one's data count
    missing: tuple[str, ...] = ()  # merged models the source could not read

    def scope(self) -> str:
        """Whose data this model's are, for a reason."""
        copied = ", ".join(base.repo_id for base in self.bases)
        if self.merge:
            return f"{self.why}; a merge adds no training: the data of {copied}"
        return f"{self.why} (it adds no training): the data of {copied}"

    def silent(self) -> tuple[LinkedRepo, ...]:
        """The merged models whose cards declare no datasets (a copy's one model declares
        none only when `names` is empty): their data are not named in what was read."""
        if not self.names:
            return ()
        return tuple(b for b in self.bases if not _as_ids(b.card_data.get("datasets")))

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
        """An unknown judgement for each declared dataset the source did not look up, and
        for each merged model whose card declares none (its data are not known)."""
        looked = {repo.repo_id.lower() for repo in self.repos(ctx)}
        return [
            *(("unknown", f"{n} was not looked up") for n in self.names if n.lower() not in looked),
            *(("unknown", f"{b.repo_id} declares no datasets") for b in self.silent()),
            *(("unknown", f"merged model {name} was not read") for name in self.missing),
        ]


def data_copy(ctx: ProbeContext) -> DataCopy | None:
    """The models this one is a quantisation or format conversion of (declared as
    `base_model_relation: quantized`, or only converted files beside a declared base, or
    beside the model the card names as converted, looked up as an implied base:
    weights_not_conversion's judgement; delta weights add training), or a merge of
    (`merged`), when the source looked them up and the model declares no datasets of its
    own; else None."""

    def found() -> DataCopy | None:
        bases = tuple(
            repo
            for repo in ctx.evidence.base_models
            if repo.depth == 1 and repo.status in ("ok", "gated")
        )
        if not bases and ctx.readme_read and not ctx.evidence.base_models:
            bases = _converted_source(ctx)  # (named by the card's text)
        # (no base read: no copy, whatever the weights; most models, so asked first)
        if not bases or declared_datasets(ctx) or delta_weights(ctx) is not None:
            return None
        judged = weights_not_conversion(ctx, ["quantized"])
        merge = merged(ctx) if judged.answer != "no" else None
        if judged.answer != "no" and merge is None:
            return None
        names = tuple(
            dict.fromkeys(d for repo in bases for d in _as_ids(repo.card_data.get("datasets")))
        )
        if merge is not None:
            missing = tuple(
                repo.repo_id
                for repo in ctx.evidence.base_models
                if repo.depth == 1 and repo not in bases
            )
            shown = ", ".join(base.repo_id for base in bases)
            why = f"a merge of {shown} (said by {merge[0]})"
            return DataCopy(why, bases, names, merge[1], merge=True, missing=missing)
        return DataCopy(judged.reason, bases, names, judged.citations)

    return ctx.cached(("copy", "data"), found)


@dataclass(frozen=True)
class CopySource:
    """The one model a quantisation or conversion copies, as the source read it: its card
    (when the source read its text), its metadata and files, the datasets it declares and
    the bases under it. A copy is the model it copies, so what documents the source
    documents the copy (appended_cards), as its data are its source's."""

    repo: LinkedRepo
    ctx: ProbeContext  # the source's evidence, as this audit read it
    why: str  # "only gguf files converted from X"

    def adopted(
        self,
        evaluate: Callable[[ProbeContext], AnyOutcome],
        has: Callable[[AnyOutcome], bool] = lambda found: found.answer == "yes",
    ) -> AnyOutcome | None:
        """`evaluate` asked of the source: its answer when the source has what was asked
        (`has`: a yes), as this copy's, inferred and naming the source, its citations in
        the source's repo; None when it does not."""
        found = evaluate(self.ctx)
        if not has(found):
            return None
        cites = self.cited(found.citations)
        return replace(found, reason=self.says(found.reason), citations=cites, inferred=True)

    def says(self, reason: str) -> str:
        """A reason about the source, as the copy's."""
        return f"{self.why}: documented as the model it copies, {self.repo.repo_id}: {reason}"

    def cited(self, citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
        """Citations of the source's evidence, placed in the source's repo."""
        where = f"models:{self.repo.repo_id}:"
        return tuple(
            c if c.where.startswith("models:") else replace(c, where=where + c.where)
            for c in citations
        )


def copy_source(ctx: ProbeContext) -> CopySource | None:
    """The model this one is a quantisation or conversion of (`data_copy`, not a merge:
    one model, looked up), as a context of its own; None when there is none."""

    def found() -> CopySource | None:
        copy = data_copy(ctx)
        if copy is None or copy.merge or len(copy.bases) != 1 or copy.bases[0].status != "ok":
            return None
        source = copy.bases[0]
        return CopySource(source, ProbeContext(_source_evidence(ctx, source)), copy.why)

    return ctx.cached(("copy", "source"), found)


def copied_context(ctx: ProbeContext, repo: LinkedRepo) -> ProbeContext | None:
    """One model a copy or merge copies, as a context of its own when the source read its
    card's text (`base_cards`); None when it did not."""
    card = next((c for c in ctx.evidence.base_cards or () if c.repo_id == repo.repo_id), None)
    if card is None or card.text is None:
        return None
    return ctx.cached(
        ("copy", "context", repo.repo_id), lambda: ProbeContext(_source_evidence(ctx, repo))
    )


def _source_evidence(ctx: ProbeContext, repo: LinkedRepo) -> Evidence:
    """The evidence of the model copied, from what this audit read of it: its card's text
    when read (`base_cards`), its metadata and files, the datasets it declares as looked
    up, and the bases under it (one hop nearer)."""
    own = ctx.evidence
    card = next((c for c in own.base_cards or () if c.repo_id == repo.repo_id), None)
    names = {name.lower() for name in _as_ids(repo.card_data.get("datasets"))}
    looked = (*own.base_datasets, *own.datasets)
    datasets = tuple({r.repo_id.lower(): r for r in looked if r.repo_id.lower() in names}.values())
    below = tuple(_nearer(r) for r in own.base_models if r.depth > 1)
    return linked_evidence(
        own,
        repo,
        sha=card.sha if card is not None else None,
        readme=card.text if card is not None else None,
        datasets=datasets,
        base_models=below,
        base_datasets=own.base_datasets,
        base_cards=own.base_cards,
    )


def base_copy(ctx: ProbeContext, repo: LinkedRepo) -> Conversion | None:
    """A base in the model's chain that is itself a quantisation or format conversion of
    the bases under it (weights.conversion, the one test of a copy, asked of the base as
    the source read it: its metadata, file listing and declared bases; a weight diff is
    none): it adds no training, so its data are those of the models it copies. None for
    a base not read, an original, a fine-tune, an adapter or a merge."""

    def found() -> Conversion | None:
        if repo.status not in ("ok", "gated") or not base_ids(repo.card_data.get("base_model")):
            return None  # (no declared base: no copy; most bases, so asked first)
        of = ProbeContext(_base_evidence(ctx, repo))
        copy = conversion(of)
        return copy if copy is not None and delta_weights(of) is None else None

    return ctx.cached(("copy", "base", repo.repo_id), found)


def _base_evidence(ctx: ProbeContext, repo: LinkedRepo) -> Evidence:
    """The evidence of a base in the chain as the source read it (no card text): its
    metadata, tags and files, and the bases its card declares, one hop from it."""
    below = bases_of(repo, ctx.evidence.base_models)
    return linked_evidence(
        ctx.evidence, repo, base_models=tuple(replace(_nearer(r), depth=1) for r in below)
    )


def linked_evidence(own: Evidence, repo: LinkedRepo, **read: Any) -> Evidence:
    """The evidence of a model this audit linked to (a base, the model a copy copies) as
    the source looked it up: its metadata, tags and files, on the Hub `own` was read
    from; `read` adds what else the audit read of it (its card's text, its datasets, the
    bases under it)."""
    return Evidence(
        ref=repo.repo_id,
        source="hub",
        repo_id=repo.repo_id,
        url=f"{_endpoint(own)}/{repo.repo_id}",
        gated=repo.gated,
        api_card_data=repo.card_data,
        tags=repo.tags,
        files=repo.files,
        **read,
    )


def _endpoint(evidence: Evidence) -> str:
    """The Hub the model was read from (its URL less its id)."""
    if evidence.url and evidence.repo_id:
        return evidence.url.removesuffix(f"/{evidence.repo_id}")
    return "https://huggingface.co"


def _nearer(repo: LinkedRepo) -> LinkedRepo:
    """A base under the model copied, one hop nearer (its `named_by` and `sha`, which name
    no answer, left out)."""
    return LinkedRepo(
        repo.repo_id, repo.repo_type, repo.status, repo.depth - 1, relation=repo.relation,
        gated=repo.gated, card_data=repo.card_data, tags=repo.tags, files=repo.files,
        problem=repo.problem,
    )  # fmt: skip


def _converted_source(ctx: ProbeContext) -> tuple[LinkedRepo, ...]:
    """The model a release without `base_model` is a conversion of (weights.conversion:
    the card names it, its files are only in conversion formats), as the source looked
    it up among the implied bases: a copy of it as a declared conversion is."""
    copy = conversion(ctx)
    if copy is None:
        return ()
    wanted = {name.lower() for name in copy.bases}
    return tuple(
        repo
        for repo in ctx.evidence.implied_bases
        if repo.depth == 1 and repo.status in ("ok", "gated") and repo.repo_id.lower() in wanted
    )


@licence_reader
def copy_licence(ctx: ProbeContext, own: LicenseReport) -> LicenseReport | None:
    """The licence of a quantisation or format conversion whose card states none of its
    own (`own`: a bare `other` or `unknown`, or none): the licence of the model it copies
    (weights.conversion, not a weight diff or a merge; an adapter or a stated fine-tune
    is no copy), as the lineage reads a base's (license_lineage.base_licence), inferred
    and naming it. A mechanical copy adds nothing that could carry terms of its own, so
    it stays under its source's licence: open for a copy of an open model, restricted
    for a copy of a restricted one. When that model's terms were not seen (not looked
    up, a bare `other`, no metadata), a report without facts or claims, naming it
    (`copied`): undecided, not unlicensed. None for a release that is no copy."""
    copy = conversion(ctx)
    if copy is None or delta_weights(ctx) is not None or merged(ctx) is not None:
        return None
    direct = tuple(
        repo for repo in (*ctx.evidence.base_models, *ctx.evidence.implied_bases) if repo.depth == 1
    )
    looked = {name.lower(): repo for name, repo in listed_bases(direct).items()}
    names = tuple(dict.fromkeys(copy.bases))
    read = [looked.get(name.lower()) for name in names]
    licences = [base_licence(ctx.evidence, repo) for repo in read if repo is not None]
    if any(b.facts is None and b.reason == NO_LICENCE_DECLARED for b in licences):
        return None  # a source read that declares no licence grants the copy none either
    unseen = [
        *(f"{b.repo_id}: {b.reason}" for b in licences if b.facts is None),
        *(f"{name}: not looked up" for name, repo in zip(names, read, strict=True) if not repo),
    ]
    if unseen:
        why = (f"{own.reason}; {copy.reason}: a copy is under the licence of the model it "
               f"copies, whose terms were not seen ({'; '.join(unseen)})")  # fmt: skip
        return replace(own, reason=why, copied=names, claims=())
    terms = list({b.facts.id: b.facts for b in licences if b.facts}.values())
    label = " AND ".join(dict.fromkeys(str(b.license_id) for b in licences))
    # judged as one licence: a custom licence's label is no member the table knows
    facts = replace(combine_and(terms, label), members=()) if len(terms) > 1 else terms[0]
    said = "; ".join(f"{b.repo_id} ({b.reason})" for b in licences)
    why = (f"{own.reason}; {copy.reason}: a copy adds nothing that could carry terms of its "
           f"own, so its licence is that of the model it copies, {said} (inferred)")  # fmt: skip
    return LicenseReport(
        license_id=facts.id if len(terms) > 1 else licences[0].license_id,
        expression=None,
        facts=facts,
        claims=(*own.claims, *(Claim(b.citation, b.license_id, b.repo_id) for b in licences)),
        conflicts=own.conflicts,
        reason=why,
        inferred=True,
        copied=names,
    )


MERGE_TAGS = frozenset({"mergekit", "lazymergekit"})
MERGE_WORDS = MERGE_TAGS | {"merge"}  # the tags merge_tags keeps
MERGE_RECIPES = ("mergekit_config.yml", "mergekit_config.yaml")
MERGE_SECTIONS = ("Merge Details", "Merge Method")  # "Merge Method Used" too


def merge_tags(evidence: Evidence) -> tuple[str, ...]:
    """The Hub's and the card's tags that say a model is a merge (`merge`, `mergekit`,
    `lazymergekit`), lower-cased, sorted, once each."""
    tags = evidence.tags
    if card_tags := evidence.card.metadata.get("tags"):  # (no merge word in a falsy value)
        tags = (*tags, *as_list(card_tags))
    strings = [t for t in tags if isinstance(t, str)]
    if "merge" not in " ".join(strings).lower():  # each merge word holds it (most models)
        return ()
    found = MERGE_WORDS.intersection([t.lower() for t in strings])
    return tuple(sorted(found))


def merge_recipes(ctx: ProbeContext) -> list[str]:
    """The paths of mergekit's recipe files in the repository (MERGE_RECIPES)."""
    return [f.path for f in ctx.evidence.files if f.path.rsplit("/", 1)[-1] in MERGE_RECIPES]


def merged(ctx: ProbeContext) -> tuple[str, tuple[Citation, ...]] | None:
    """What says the model is a merge of its bases, and its citations (None: nothing
    does): `base_model_relation: merge`, mergekit's recipe file, tag or "Merge Details" /
    "Merge Method" section, or a `merge` tag on a model of two or more bases (one base
    tagged so may be a fine-tune whose adapter was merged into it)."""
    said: list[str] = []
    cites: list[Citation] = []
    if str(ctx.metadata.get("base_model_relation") or "").lower() == "merge":
        said.append("`base_model_relation: merge`")
        cites.append(ctx.field("base_model_relation", "merge"))
    recipes = merge_recipes(ctx)
    if recipes:
        said.append(recipes[0])
        cites.append(ctx.file(recipes[0]))
    tags = merge_tags(ctx.evidence)
    bases = as_list(ctx.metadata.get("base_model"))
    tagged = [t for t in tags if t != "merge"] or (["merge"] if tags and len(bases) > 1 else [])
    if tagged:
        said.append(f"tag {', '.join(tagged)}")
        cites.append(ctx.api("tags", tagged))
    # (the card's own section: a parent's card appended to a fine-tune of it is the parent's)
    if ctx.readme_read and (section := own_card(ctx).find_section(*MERGE_SECTIONS)) is not None:
        said.append(f"section '{section.title}'")
        cites.append(ctx.section(section))
    if not said:
        return None
    return ", ".join(said), (*cites, ctx.field("base_model", bases or None))


def copied_outcome(
    copy: DataCopy, ctx: ProbeContext, results: list[Judgement], cites: list[Citation], passed: str
) -> Outcome:
    """One outcome over the copied model's datasets (any no -> no; any unknown ->
    unknown), inferred, the reason saying whose data they are."""
    return inferred_over(
        copy.scope(), [*results, *copy.unread(ctx)], [*copy.citations, *cites], passed
    )


def _as_ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [str(item) for item in items if str(item).strip()]
