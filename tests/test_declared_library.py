"""The library a model declares is read once, the same way for every rule that asks.

Its `library_name` (the Hub API's, else the card's), else a tag naming a library that
runs models. The code layer (the library runs the model), a PEFT adapter's weights and
an RL agent's library all take that one reading, and each cites where it was read: the
API field, the card field or the tag. Table-driven, on synthetic cards.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Outcome


def ev(card_library: str | None, *paths: str, **fields: Any) -> Evidence:
    meta = "license: apache-2.0\nbase_model: meta/llm-8b\n"
    meta += f"library_name: {card_library}\n" if card_library else ""
    readme = f"---\n{meta}---\n# An agent\nIt was trained.\n"
    files = tuple(RepoFile(path) for path in ("README.md", *paths))
    return Evidence(ref="org/m", repo_id="org/m", source="hub", readme=readme, files=files,
                    **fields)  # fmt: skip


def ask(name: str, evidence: Evidence, **params: Any) -> Outcome:
    spec = get_evaluator(name)
    assert spec is not None
    params = {k: p.default for k, p in spec.params.items()} | params
    return run(spec, ProbeContext(evidence), params)


AGENT = ("ppo-CartPole-v1.zip",)
# (case, evidence, the library's words in the RL agent's reason, where it was read)
RL_CASES: list[tuple[str, Evidence, str, str]] = [
    ("the Hub's library_name is the API's field",
     ev(None, *AGENT, library_name="stable-baselines3", tags=("CartPole-v1",)),
     "library stable-baselines3", "api:library_name"),
    ("the card's library_name, the API's unset",
     ev("stable-baselines3", *AGENT, tags=("CartPole-v1",)), "library stable-baselines3",
     "card:library_name"),
    ("no library_name: a tag naming the library",
     ev(None, *AGENT, tags=("stable-baselines3", "CartPole-v1")), "tag stable-baselines3",
     "api:tags"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "said", "where"), [c[1:] for c in RL_CASES], ids=[c[0] for c in RL_CASES]
)
def test_the_declared_library_is_one_reading_cited_where_read(
    evidence: Evidence, said: str, where: str
) -> None:
    """The RL agent's reason cites the library where it was read, as the code layer does."""
    name = said.split()[1]
    data = ask("data_sources_named", evidence)
    assert f"an RL agent ({said})" in data.reason
    assert data.citations[0].where == where, data.citations
    code = ask("inference_code", evidence)
    assert f"runs with the {name} library" in code.reason
    assert where in {c.where for c in code.citations}


def base() -> LinkedRepo:
    return LinkedRepo("meta/llm-8b", "model", "ok", gated="manual",
                      files=(RepoFile("model.safetensors"),))  # fmt: skip


# (case, evidence, EOSAI end-model weights: an adapter on a gated base is partial)
PEFT_CASES: list[tuple[str, Evidence, str]] = [
    ("library peft on the card", ev("peft", "adapter_model.bin", base_models=(base(),)),
     "partial"),
    ("library peft from the API", ev(None, "adapter_model.bin", library_name="peft",
                                     base_models=(base(),)), "partial"),
    ("library peft named by a tag, as the code layer reads it",
     ev(None, "adapter_model.bin", tags=("peft",), base_models=(base(),)), "partial"),
    # negative twin: adapter-named weights of no declared library are the model's own
    ("twin: no library declared", ev(None, "adapter_model.bin", base_models=(base(),)), "open"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "grade"), [c[1:] for c in PEFT_CASES], ids=[c[0] for c in PEFT_CASES]
)
def test_a_peft_adapter_is_known_by_the_declared_library(evidence: Evidence, grade: str) -> None:
    found = ask("eosai_dimension", evidence, dimension="weights_endmodel", at_least="partial")
    assert getattr(found, "grade", None) == grade, found.reason
    code = ask("inference_code", evidence)
    assert ("runs with the peft library" in code.reason) == (grade == "partial"), code.reason
