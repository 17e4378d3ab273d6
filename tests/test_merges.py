"""Merges add no training: a mergekit merge's data are the data of the models it merges,
as a quantisation's are its source's (EOSAI's end-model data, the default data layer).
The cards are invented for these tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, RepoFile
from openaudit.rubric import evaluate, load_rubric

PARENT_A = "example/math-7b"
PARENT_B = "example/chat-7b"
OPEN_DATA = {"example/math-mix": "cc-by-4.0", "example/chat-prefs": "odc-by"}


def merge(
    *,
    tags: tuple[str, ...] = ("merge", "mergekit"),
    recipe: bool = True,
    section: str = "Configuration",
    parents: dict[str, tuple[str, ...]] | None = None,
    own_datasets: tuple[str, ...] = (),
) -> Evidence:
    """A merge of `parents` (repo id: the datasets its card declares)."""
    parents = parents if parents is not None else {PARENT_A: ("example/math-mix",),
                                                   PARENT_B: ("example/chat-prefs",)}  # fmt: skip
    front = [
        "license: apache-2.0",
        "base_model:", *(f"- {p}" for p in parents),
        *(["tags:", *(f"- {t}" for t in tags)] if tags else []),
        *(["datasets:", *(f"- {d}" for d in own_datasets)] if own_datasets else []),
    ]  # fmt: skip
    readme = (
        "---\n" + "\n".join(front) + "\n---\n# Mixed-7B\n\nMixed-7B combines two models.\n\n"
        f"## {section}\n\n```yaml\nmerge_method: slerp\nbase_model: {PARENT_A}\n```\n"
    )
    files = ["model.safetensors", "config.json", *(["mergekit_config.yml"] if recipe else [])]
    bases = tuple(
        LinkedRepo(p, "model", "ok", card_data={"license": "apache-2.0", "datasets": list(d)})
        for p, d in parents.items()
    )
    data = tuple(
        LinkedRepo(n, "dataset", "ok", card_data={"license": OPEN_DATA[n]}, named_by=p)
        for p, names in parents.items()
        for n in names
    )
    own = tuple(LinkedRepo(n, "dataset", "ok", card_data={"license": "mit"}) for n in own_datasets)
    return Evidence(
        ref="mixer/mixed-7b",
        source="hub",
        repo_id="mixer/mixed-7b",
        url="https://huggingface.co/mixer/mixed-7b",
        readme=readme,
        tags=tags,
        files=tuple(RepoFile(path) for path in files),
        base_models=bases,
        base_datasets=data,
        datasets=own,
    )


def dimension(evidence: Evidence, dim: str) -> dict[str, Any]:
    result = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    found: dict[str, Any] = next(d for d in result["dimensions"] if d["id"] == dim)
    return found


def data_findings(evidence: Evidence) -> dict[str, tuple[str, str, str]]:
    layer = evaluate(load_rubric("openaudit"), evidence).layer("data")
    assert layer is not None
    return {f.probe: (f.answer, f.basis, f.reason) for f in layer.findings}


ONE_SILENT = {PARENT_A: ("example/math-mix",), PARENT_B: ()}

# name, release, datasources_endmodel (level, basis), phrase of its reason
MERGES: list[tuple[str, Evidence, tuple[str, str], str]] = [
    ("mergekit merge of two parents declaring open data", merge(),
     ("open", "inferred"), "a merge adds no training: the data of example/math-7b"),
    ("told by the recipe file alone", merge(tags=()),
     ("open", "inferred"), "said by mergekit_config.yml"),
    ("told by a 'Merge Details' section alone",
     merge(tags=(), recipe=False, section="Merge Details"),
     ("open", "inferred"), "said by section 'Merge Details'"),
    ("told by the mergekit tag alone", merge(tags=("mergekit",), recipe=False),
     ("open", "inferred"), "said by tag mergekit"),
    ("one parent declares no datasets", merge(parents=ONE_SILENT),
     ("partial", "inferred"), "example/chat-7b declares no datasets: not all of its data"),
    # negative twins: a `merge` tag on a one-base model (an adapter merged into its base
    # after fine-tuning), and a merge that declares datasets of its own (tuned after)
    ("'merge' tag on a one-base fine-tune",
     merge(tags=("merge",), recipe=False, parents={PARENT_A: ("example/math-mix",)}),
     ("closed", "inferred"), "this model's data: no training data named"),
    ("merge declaring its own datasets", merge(own_datasets=("example/own-sft",)),
     ("open", "stated"), "example/own-sft"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "sources", "phrase"), [pytest.param(*c[1:], id=c[0]) for c in MERGES]
)
def test_a_merges_data_are_the_data_of_the_models_it_merges(
    evidence: Evidence, sources: tuple[str, str], phrase: str
) -> None:
    """EOSAI's end-model data sources of a merge are its parents' declared datasets
    (inferred, the reason naming what says it is a merge); a parent declaring none keeps
    it from open. A one-base model tagged `merge` and a merge naming its own data are
    judged on their own data."""
    end = dimension(evidence, "datasources_endmodel")
    assert (end["level"], end["basis"]) == sources, end["reason"]
    assert phrase in end["reason"]


def test_the_default_data_layer_reads_a_merges_parents_data() -> None:
    """The default rubric names a merge's data as its parents' (inferred); a parent that
    declares none leaves the base data unnamed and the licences undecided."""
    both = data_findings(merge())
    assert both["data.datasets_named"][:2] == ("yes", "inferred")
    assert "a merge adds no training" in both["data.datasets_named"][2]
    assert both["data.open_licenses"][:2] == ("yes", "inferred")
    silent = data_findings(merge(parents=ONE_SILENT))
    assert silent["data.base_data"][0] == "no"
    assert "example/chat-7b names no training datasets" in silent["data.base_data"][2]
    assert silent["data.open_licenses"][0] == "unknown"
    tuned = data_findings(
        merge(tags=("merge",), recipe=False, parents=dict(list(ONE_SILENT.items())[:1]))
    )
    assert tuned["data.datasets_named"][:2] == ("no", "stated")


def test_a_merge_recipe_is_model_metadata_not_training_code() -> None:
    """The recipe file is the configuration the weights were made by (MOF model
    metadata); it is no training code (a merge trains nothing)."""
    result = evaluate(load_rubric("mof"), merge()).extras["mof"]
    components = {c["name"]: c for c in result["components"]}
    assert "mergekit_config.yml" in components["Model metadata"]["reason"]
    assert components["Training code"]["status"] == "missing"
    assert dimension(merge(), "trainingcode")["level"] == "closed"


def test_a_fine_tune_of_a_merge_is_no_merge() -> None:
    """A fine-tune of a merge that appends its parent's card ("Merge Details" there) is
    not itself a merge: its data are its own (negative twin of the section rule)."""
    evidence = merge(tags=(), recipe=False, section="Training", parents={PARENT_A: ()})
    readme = (evidence.readme or "") + (
        "\n# Original model card: Math-7B\n\n## Merge Details\n\n### Merge Method\n\nSLERP.\n"
    )
    end = dimension(replace(evidence, readme=readme), "datasources_endmodel")
    assert "a merge" not in end["reason"]
    told = dimension(
        replace(evidence, readme=readme.replace("# Original model card: Math-7B\n\n", "")),
        "datasources_endmodel",
    )
    assert "said by section 'Merge Details'" in told["reason"]
