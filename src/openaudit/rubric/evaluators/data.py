"""Data-layer evaluators: are the training datasets named, available and usable?"""

from __future__ import annotations

import re

from openaudit.card import Link, Section
from openaudit.evidence import Citation, LinkedRepo
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.context.license_lineage import DatasetLicense
from openaudit.rubric.evaluators.evaluator_helpers import (
    Judgement,
    combine,
    dataset_licence_state,
    declared_datasets,
    link_cites,
    negated,
    no_metadata,
    no_readme,
)
from openaudit.rubric.evaluators.undeclared_bases import implied_base
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome

DATA_SECTION_NAMES = ["Training Data", "Training Dataset", "Datasets", "Dataset", "Data", "Corpus"]
# "Testing Data" under "Evaluation" names benchmarks, not training data
EVALUATION_SECTION_NAMES = ("Evaluation", "Testing", "Benchmark", "Benchmarks", "Results")


@evaluator(
    "datasets_declared",
    params={
        "sections": Param(
            "list[str]", DATA_SECTION_NAMES, "sections whose Hub dataset links name the data"
        )
    },
    reads=("card:datasets", "README.md"),
    doc="The card names the training datasets: `datasets:` metadata, or Hub dataset links "
    "in a training-data section.",
)
def datasets_declared(ctx: ProbeContext, sections: list[str]) -> Outcome:
    """The card names at least one dataset, in its metadata or by a Hub dataset link
    inside a training-data section."""
    names = declared_datasets(ctx)
    if names:
        return Outcome.yes(
            f"{len(names)} dataset(s): {', '.join(names[:5])}", ctx.field("datasets", names)
        )
    linked = _linked_in_data_sections(ctx, sections)
    if linked:
        targets = ", ".join(dict.fromkeys(link.target or link.url for link in linked))
        cites = link_cites(linked)
        return Outcome.yes(f"linked in the training-data section: {targets}", *cites)
    if not ctx.metadata_known:
        return no_metadata(ctx)
    return Outcome.no("the card names no datasets", ctx.field("datasets"))


# Public corpora and data collections a training-data section may name. Naming one is
# disclosure of a source (DESIGN: data named, "datasets or sources"); describing the
# data in general words ("web text, code and books") is not.
NAMED_CORPORA = re.compile(
    r"\b(?:common ?crawl|c4|mc4|(?:the )?pile|refined ?web|red ?pajama|slim ?pajama|dolma"
    r"|fine ?web(?:-edu)?|the stack|starcoder ?data|oscar|wikipedia|bookcorpus|books3"
    r"|openwebtext|laion(?:-\d+[bm])?|roots|stack ?exchange|sharegpt|oasst\d?"
    r"|open ?assistant|ultra ?chat|ultra ?feedback|alpaca|dolly|flan|xp3|p3|wudao"
    r"|peS2o|s2orc|proof-?pile|openwebmath|the-?stack-?v2)\b",
    re.IGNORECASE,
)


@evaluator(
    "data_sources_named",
    params={
        "sections": Param(
            "list[str]", DATA_SECTION_NAMES, "sections where the training data is described"
        )
    },
    reads=("card:datasets", "README.md"),
    doc="The card names the training data's sources: declared or linked datasets, or "
    "public corpora named in a training-data section (a description alone is not naming).",
)
@once_per_model
def data_sources_named(ctx: ProbeContext, sections: list[str]) -> Outcome:
    """Datasets or named sources of the training data; a general description is not."""
    declared = datasets_declared(ctx, sections)
    if declared.answer == "yes":
        return declared
    if not ctx.readme_read:  # the card's prose may name what its metadata does not
        return no_readme(ctx)
    found: list[tuple[Section, str]] = []
    for section in ctx.card.sections:
        if _about_training_data(ctx, section, sections):
            text = ctx.card.section_text(section)
            found += [
                (section, m.group(0))
                for m in NAMED_CORPORA.finditer(text)
                if not negated(text, m.start(), 80)  # named only as not used
            ]
    if found:
        names = ", ".join(dict.fromkeys(name for _, name in found))
        cites = tuple(dict.fromkeys(ctx.section(section) for section, _ in found))
        return Outcome.yes(f"the training-data section names {names}", *cites, inferred=True)
    why = (
        "the card names no datasets or corpora for its training data "
        "(a general description is not disclosure)"
    )
    return Outcome.no(why, ctx.field("datasets"), ctx.readme(), inferred=True)


@evaluator(
    "base_data_named",
    reads=(
        "card:base_model",
        "models:<base>:card:datasets",
        "file:adapter_config.json",
    ),
    doc="A derivative's base models name their training datasets too, so all the "
    "training data is named (a model without a base passes).",
)
def base_data_named(ctx: ProbeContext) -> Outcome:
    """A fine-tune's training data includes its base's: is that named as well?"""
    declared = ctx.metadata.get("base_model")
    bases = [repo for repo in ctx.evidence.base_models if repo.depth == 1]
    if not declared and not bases:
        if not ctx.metadata_known:
            return no_metadata(ctx)
        if implied := implied_base(ctx):
            why = (f"no `base_model` is declared, but {implied.said}; that "
                   "model's training data is not named in what was read")  # fmt: skip
            return Outcome.no(why, ctx.field("base_model"), implied.citation, inferred=True)
        why = "no base model: the card's data is all the training data"
        return Outcome.yes(why, ctx.field("base_model"))
    read = [repo for repo in bases if repo.status in ("ok", "gated")]
    cites = [ctx.field("base_model", declared)] if declared else []
    cites += [Citation(f"models:{r.repo_id}:card:datasets", None, _model_url(r)) for r in bases]
    unread = [f"{r.repo_id} ({r.status})" for r in bases if r not in read]
    if not bases:
        unread = ["the declared base (not looked up)"]
    silent = [repo.repo_id for repo in read if not repo.card_data.get("datasets")]
    if not silent and not unread:
        return Outcome.yes("the base model(s) name their training datasets too", *cites)
    shown = [f"base {', '.join(silent)} names no training datasets"] if silent else []
    shown += [f"no card was read for base {', '.join(unread)}"] if unread else []
    why = f"{'; '.join(shown)}: the base model's training data is not named in what was read"
    return Outcome.no(why, *cites, inferred=True)


def _model_url(repo: LinkedRepo) -> str:
    return f"https://huggingface.co/{repo.repo_id}"


def _linked_in_data_sections(ctx: ProbeContext, sections: list[str]) -> list[Link]:
    """Hub dataset links whose section, or an enclosing one, is about training data."""
    card = ctx.card
    found = []
    for link in card.links_of("hf_dataset"):
        home = card.home_of(link.url)
        if home is not None and _about_training_data(ctx, home, sections):
            found.append(link)
    return found


def _about_training_data(ctx: ProbeContext, section: Section, sections: list[str]) -> bool:
    """The section, or an enclosing one, is about training data, and none about evaluation."""
    path = ctx.card.section_path(section)
    about_data = any(ctx.card.title_matches(s, *sections) for s in path)
    return about_data and not any(
        ctx.card.title_matches(s, *EVALUATION_SECTION_NAMES) for s in path
    )


def _hub_url(repo: LinkedRepo) -> str:
    return f"https://huggingface.co/datasets/{repo.repo_id}"


def _availability(repo: LinkedRepo, allow_gated: bool) -> Judgement:
    """('no' | 'unknown', why) for a dataset that is not freely available, else None."""
    if repo.status == "not_found":
        return ("no", f"{repo.repo_id} was not found")
    if repo.status in ("error", "skipped"):
        return ("unknown", f"{repo.repo_id} was not looked up ({repo.problem or repo.status})")
    if (repo.status == "gated" or repo.gated) and not allow_gated:
        return ("no", f"{repo.repo_id} is gated")
    return None


@evaluator(
    "datasets_on_hub",
    params={"allow_gated": Param("bool", False, "count gated datasets as available")},
    reads=("card:datasets", "dataset:<id>"),
    doc="Every declared dataset exists on the Hub (and is not gated unless ALLOW_GATED).",
)
def datasets_on_hub(ctx: ProbeContext, allow_gated: bool) -> Outcome:
    """Every declared dataset exists on the Hub, not gated unless `allow_gated`."""
    repos = ctx.evidence.datasets
    cites = [Citation(f"dataset:{r.repo_id}", r.status, _hub_url(r)) for r in repos]
    results = [_availability(repo, allow_gated) for repo in repos]
    return combine(ctx, results, cites, f"all {len(repos)} declared dataset(s) are on the Hub")


def _commercial(ctx: ProbeContext, item: DatasetLicense) -> Judgement:
    """('no' | 'unknown', why) for a dataset whose licence may bar commercial use."""
    state = dataset_licence_state(ctx, item)
    if state is not None:
        return state
    facts = item.facts
    if "non-commercial" in item.flags:
        return ("no", f"{item.repo_id} is under {item.license_id}, which bars commercial use")
    if facts is not None and facts.commercial_use == "unknown":
        return (
            "unknown",
            f"{item.repo_id}: whether {item.license_id} allows commercial use is unknown",
        )
    return None


@evaluator(
    "datasets_commercial_use",
    reads=("card:datasets", "dataset:<id>:card:license"),
    doc="No declared dataset is under a non-commercial, missing or unrecognised licence.",
)
def datasets_commercial_use(ctx: ProbeContext) -> Outcome:
    """No declared dataset's licence bars commercial use of what is built from it."""
    results = [_commercial(ctx, item) for item in ctx.dataset_licenses]
    cites = [item.citation for item in ctx.dataset_licenses]
    return combine(
        ctx, results, cites, f"all {len(results)} dataset licence(s) allow commercial use"
    )
