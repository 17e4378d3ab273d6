"""Data-layer evaluators: are the training datasets named, available and usable?"""

from __future__ import annotations

from openaudit.card import Link
from openaudit.evidence import LinkedRepo
from openaudit.licenses.provenance import DatasetLicense
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators._common import (
    Judgement,
    combine,
    dataset_licence_state,
    declared_datasets,
    no_metadata,
)
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Citation, Outcome

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
        cites = [Citation("README.md", link.target, link.url) for link in linked[:5]]
        return Outcome.yes(f"linked in the training-data section: {targets}", *cites)
    if not ctx.metadata_known:
        return no_metadata(ctx)
    return Outcome.no("the card names no datasets", ctx.field("datasets"))


def _linked_in_data_sections(ctx: ProbeContext, sections: list[str]) -> list[Link]:
    """Hub dataset links whose section, or an enclosing one, is about training data."""
    card = ctx.card
    found = []
    for link in card.links_of("hf_dataset"):
        home = card.home_of(link.url)
        path = card.section_path(home) if home is not None else ()
        about_data = any(card.title_matches(section, *sections) for section in path)
        if about_data and not any(
            card.title_matches(section, *EVALUATION_SECTION_NAMES) for section in path
        ):
            found.append(link)
    return found


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
