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
