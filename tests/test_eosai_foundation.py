"""EOSAI's base-model dimensions judge the pretrained foundation, not the direct parent.

In a chain of fine-tunes (org/m -> org/b -> org/a) the index's base model is org/a,
the model pretrained from scratch: the deepest base the evidence reaches that has no
base of its own. Each case has a twin where the declared base is itself the
foundation (or the chain gives nothing deeper), judged as before.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, LinkStatus, RepoFile
from openaudit.frameworks.eosai import eosai_rating
from openaudit.rubric.context import ProbeContext

WEIGHTS = (RepoFile("model.safetensors"),)


def card(*bases: str) -> str:
    return "---\nlicense: mit\nbase_model: [" + ", ".join(bases) + "]\n---\n# M\n"


def base(
    repo_id: str,
    named_by: str = "org/m",
    depth: int = 1,
    status: LinkStatus = "ok",
    gated: bool | str = False,
    datasets: list[str] | None = None,
    problem: str | None = None,
    on: tuple[str, ...] = (),
) -> LinkedRepo:
    """A base as the Hub source records it; `on` the bases its own card declares."""
    data: dict[str, Any] = {"datasets": datasets} if datasets else {}
    if on:
        data["base_model"] = list(on)
    return LinkedRepo(
        repo_id, "model", status, gated=gated, files=WEIGHTS if status == "ok" else (),
        card_data=data, relation="finetune", depth=depth, named_by=named_by, problem=problem,
    )  # fmt: skip


# the foundation's pretraining corpus, looked up by the Hub source: gated
WEB = LinkedRepo("org/web", "dataset", "ok", gated="manual", card_data={"license": "odc-by"})


def rate(dimension: str, readme: str, *bases: LinkedRepo) -> tuple[str, str]:
    evidence = Evidence(
        ref="org/m", repo_id="org/m", source="hub", readme=readme, files=WEIGHTS,
        base_models=bases, base_datasets=(WEB,),
    )  # fmt: skip
    rated = eosai_rating(ProbeContext(evidence), dimension)
    return rated.level, rated.reason


# The parent is an open fine-tune naming its SFT data; its own base, the foundation, is
# gated and names its pretraining corpus.
PARENT = base("org/b", datasets=["org/sft-mix"], on=("org/a",))
LONE_PARENT = base("org/b", datasets=["org/sft-mix"])
FOUNDATION = base("org/a", named_by="org/b", depth=2, gated="manual", datasets=["org/web"])

# (case, declared bases, evidence bases, dimension, level, reason; twin bases, twin level,
# twin reason)
CASES: list[tuple[str, str, tuple[LinkedRepo, ...], str, str, str,
                  tuple[LinkedRepo, ...], str, str]] = [
    ("a fine-tune of a fine-tune: weights of the foundation", "org/b", (PARENT, FOUNDATION),
     "weights_basemodel", "partial",
     "judged the pretrained foundation org/a (base chain org/b -> org/a): base org/a is gated",
     (LONE_PARENT,), "open", "base org/b publishes weights, not gated"),
    ("a fine-tune of a fine-tune: data of the foundation", "org/b", (PARENT, FOUNDATION),
     "datasources_basemodel", "partial",
     "judged the pretrained foundation org/a (base chain org/b -> org/a): the base model "
     "names org/web",
     (base("org/b"),), "unknown", "base org/b declares no datasets in its metadata"),
    ("three hops: the deepest base", "org/c",
     (base("org/c", on=("org/b",)), base("org/b", "org/c", 2, on=("org/a",)),
      base("org/a", "org/b", 3, status="not_found")),
     "weights_basemodel", "closed",
     "judged the pretrained foundation org/a (base chain org/c -> org/b -> org/a): "
     "base org/a is not on the Hub",
     (base("org/c"),), "open", "base org/c publishes weights"),
    ("a chain cut short: the base not looked up is judged", "org/b",
     (PARENT, base("org/a", "org/b", 2, status="skipped",
                   problem="not followed: the base-model chain is longer than 5 hops")),
     "weights_basemodel", "unknown",
     "judged the pretrained foundation org/a (base chain org/b -> org/a): "
     "base org/a was not looked up",
     (LONE_PARENT,), "open", "base org/b publishes weights"),
    ("a cycle ends the chain at the last base before it; twin: a cycle back to this model",
     "org/b",
     (PARENT, base("org/a", "org/b", 2, gated="manual", on=("org/b",)),
      base("org/b", "org/a", 3, status="skipped", problem="cycle")),
     "weights_basemodel", "partial",
     "judged the pretrained foundation org/a (base chain org/b -> org/a): base org/a is gated",
     (base("org/b", gated="auto", on=("org/m",)),
      base("org/m", "org/b", 2, status="skipped", problem="base_model cycle")),
     "partial", "base org/b is gated"),
    ("a merge: each base's foundation, the least open wins", "org/b, org/z",
     (PARENT, base("org/z"), FOUNDATION),
     "weights_basemodel", "partial",
     "judged the pretrained foundation org/a (base chain org/b -> org/a): base org/a is gated",
     (LONE_PARENT, base("org/z")), "open", "base org/b publishes weights"),
    ("two parents over one foundation: judged once", "org/b, org/y",
     (PARENT, base("org/y", on=("org/a",)), FOUNDATION,
      base("org/a", "org/y", 2, status="skipped", problem="org/a is already listed")),
     "weights_basemodel", "partial",
     "judged the pretrained foundation org/a (base chain org/b -> org/a): base org/a is gated",
     (LONE_PARENT, base("org/y")), "open", "base org/b publishes weights"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("declared", "bases", "dimension", "level", "reason", "twin", "twin_level", "twin_reason"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_base_dimensions_judge_the_pretrained_foundation(
    declared: str,
    bases: tuple[LinkedRepo, ...],
    dimension: str,
    level: str,
    reason: str,
    twin: tuple[LinkedRepo, ...],
    twin_level: str,
    twin_reason: str,
) -> None:
    got, why = rate(dimension, card(declared), *bases)
    assert (got, why[: len(reason)]) == (level, reason), why
    assert why.count("judged the pretrained foundation") <= 1
    got, why = rate(dimension, card(declared), *twin)
    assert got == twin_level, why
    assert why.startswith(twin_reason) or twin_reason in why, why
    assert "foundation" not in why


def copy_of(
    repo_id: str, source: str, depth: int = 1, named_by: str = "org/m", **how: Any
) -> LinkedRepo:
    """A base that is a copy of `source` as the Hub source records it: `how` gives its
    card's extra metadata (a stated relation) or its files (`files=`)."""
    files = tuple(RepoFile(path) for path in how.pop("files", ("model.safetensors",)))
    return LinkedRepo(
        repo_id, "model", "ok", depth=depth, named_by=named_by, relation="finetune",
        card_data={"base_model": source, **how}, files=files,
    )  # fmt: skip


OPEN_FOUNDATION = base("org/a", named_by="org/q", depth=2, datasets=["org/web"])
SILENT_FOUNDATION = base("org/a", named_by="org/q", depth=2)
QUANTIZED = copy_of("org/q", "org/a", base_model_relation="quantized")

# (case, the chain under the model, default base_data (answer, inferred), a phrase of its
# reason, EOSAI datasources_basemodel's level)
THROUGH_COPIES: list[tuple[str, tuple[LinkedRepo, ...], tuple[str, bool], str, str]] = [
    ("a stated quantized copy", (QUANTIZED, OPEN_FOUNDATION), ("yes", True),
     "base org/q is a quantized version of org/a (a copy adds no training", "partial"),
    ("a gguf copy", (copy_of("org/q", "org/a", files=("q.Q4_K_M.gguf",)), OPEN_FOUNDATION),
     ("yes", True), "base org/q is only gguf files converted from org/a", "partial"),
    ("a copy named gptq", (copy_of("org/q-GPTQ", "org/a"),
                           base("org/a", "org/q-GPTQ", 2, datasets=["org/web"])),
     ("yes", True), "base org/q-GPTQ is only gptq files converted from org/a", "partial"),
    ("a copy named bnb-4bit", (copy_of("org/q-bnb-4bit", "org/a"),
                               base("org/a", "org/q-bnb-4bit", 2, datasets=["org/web"])),
     ("yes", True), "only bnb-4bit files converted from org/a", "partial"),
    ("a copy deeper in the chain", (
        base("org/t", datasets=["org/sft-mix"], on=("org/q",)),
        copy_of("org/q", "org/a", 2, "org/t", base_model_relation="quantized"),
        base("org/a", "org/q", 3, datasets=["org/web"])),
     ("yes", True), "base org/q is a quantized version of org/a", "partial"),
    # negative twins: a copy of a foundation naming no data, a copy whose source was not
    # followed, a fine-tune whose name merely holds "bnb", a fine-tune naming no data
    ("twin: the copied foundation names no data", (QUANTIZED, SILENT_FOUNDATION),
     ("no", True), "org/a names no training datasets", "unknown"),
    ("twin: the copied model not followed", (QUANTIZED,), ("unknown", False),
     "org/a (not looked up", "unknown"),
    ("twin: a fine-tune named bnb", (
        base("org/q-bnb-tune", on=("org/a",)), base("org/a", "org/q-bnb-tune", 2,
                                                    datasets=["org/web"])),
     ("no", True), "base org/q-bnb-tune names no training datasets", "partial"),
    ("twin: a fine-tune naming no data", (base("org/q", on=("org/a",)), OPEN_FOUNDATION),
     ("no", True), "base org/q names no training datasets", "partial"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("bases", "answer", "phrase", "level"),
    [pytest.param(*c[1:], id=c[0]) for c in THROUGH_COPIES],
)
def test_a_copy_in_the_base_chain_is_judged_by_the_models_it_copies(
    bases: tuple[LinkedRepo, ...], answer: tuple[str, bool], phrase: str, level: str
) -> None:
    """A base that is a quantisation or conversion (weights.conversion asked of it) adds
    no training: the default rubric's base data judge the models it copies, inferred and
    naming the copy, as EOSAI's base data (which judge the foundation) already do."""
    from openaudit.rubric.registry import get_evaluator, run

    declared = bases[0].repo_id
    evidence = Evidence(
        ref="org/m", repo_id="org/m", source="hub", readme=card(declared), files=WEIGHTS,
        base_models=bases, base_datasets=(WEB,),
    )  # fmt: skip
    spec = get_evaluator("base_data_named")
    assert spec is not None
    found = run(spec, ProbeContext(evidence), {})
    assert (found.answer, found.inferred) == answer, found.reason
    assert phrase in found.reason, found.reason
    rated = eosai_rating(ProbeContext(evidence), "datasources_basemodel")
    assert rated.level == level, rated.reason
