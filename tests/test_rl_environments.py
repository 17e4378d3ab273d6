"""A reinforcement-learning agent's training data is what its environment generates.

The RL libraries' auto-cards (stable-baselines3, ML-Agents, sample-factory, CleanRL)
name the environment in the title, a tag and the `model-index` results: that is the
named source of the agent's training data, so data is partial, inferred, the reason
naming what was read; never open (the environment's terms are not read). A model that
is no RL agent, or an agent whose card names no environment, gets nothing from this.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run


def card(meta: str, body: str) -> str:
    return f"---\n{meta}\n---\n{body}"


def ev(readme: str | None, **fields: Any) -> Evidence:
    files = (RepoFile("README.md"), RepoFile("ppo-LunarLander-v2.zip"))
    return Evidence(ref="org/m", repo_id="org/m", source="hub", readme=readme, files=files,
                    **fields)  # fmt: skip


SB3 = card(
    "library_name: stable-baselines3\n"
    "tags: [LunarLander-v2, deep-reinforcement-learning, reinforcement-learning]",
    "# **PPO** Agent playing **LunarLander-v2**\nThis is a trained model of a **PPO** agent "
    "playing **LunarLander-v2** using the stable-baselines3 library.\n## Usage\nLoad it.\n",
)
SAMPLE_FACTORY = card(
    "library_name: sample-factory\ntags: [deep-reinforcement-learning]",
    "A(n) **APPO** model trained on the **doom_health_gathering_supreme** environment.\n\n"
    "This model was trained using Sample-Factory 2.0.\n## Downloading the model\nx\n",
)
ML_AGENTS = card(
    "library_name: ml-agents\ntags: [Huggy, deep-reinforcement-learning, ML-Agents-Huggy]",
    "# **ppo** Agent playing **Huggy**\nThis is a trained model of a **ppo** agent.\n",
)
INDEX_ONLY = card(
    "pipeline_tag: reinforcement-learning\n"
    "model-index:\n- name: m\n  results:\n  - task: {type: reinforcement-learning}\n"
    "    dataset: {type: Pong-v5, name: Pong-v5}\n    metrics: [{type: mean_reward, value: 20}]",
    "# My agent\nIt plays well.\n",
)
# negative twins
NO_ENVIRONMENT = card("pipeline_tag: reinforcement-learning", "# My agent\nIt plays well.\n")
CHESS_LM = card(
    "library_name: transformers\npipeline_tag: text-generation\ntags: [e5-v2]",
    "# A Language Agent playing Chess\nA chat model fine-tuned to play chess in text.\n",
)
OFFLINE_RL = card(
    "pipeline_tag: reinforcement-learning",
    "# Decision Transformer\n## Training Data\nTrained on the D4RL HalfCheetah medium set.\n",
)
DECLARED = card(
    "library_name: stable-baselines3\ndatasets: [org/demonstrations]\ntags: [CartPole-v1]",
    "# **PPO** Agent playing **CartPole-v1**\n",
)
API_ONLY = {"library_name": "stable-baselines3", "tags": ["CartPole-v1"]}

# (case, evidence, answer, inferred, words in the reason)
CASES: list[tuple[str, Evidence, str, bool, str]] = [
    ("sb3: the title and the tag", ev(SB3), "yes", True,
     "an RL agent (library stable-baselines3) learns from the data its environment generates: "
     "LunarLander-v2, named by the title 'PPO Agent playing LunarLander-v2' and the tag "
     "LunarLander-v2; its terms were not read"),
    ("sample-factory: the card's opening", ev(SAMPLE_FACTORY), "yes", True,
     "doom_health_gathering_supreme, named by the card's opening ('trained on the "
     "**doom_health_gathering_supreme** environment')"),
    ("ml-agents: the title and the ML-Agents tag", ev(ML_AGENTS), "yes", True,
     "Huggy, ML-Agents-Huggy, named by the title"),
    ("pipeline tag: the model-index dataset", ev(INDEX_ONLY), "yes", True,
     "an RL agent (pipeline_tag reinforcement-learning) learns from the data its environment "
     "generates: Pong-v5, named by the `model-index` results' dataset"),
    ("README unread: the Hub's tags", ev(None, api_card_data=API_ONLY, tags=("CartPole-v1",)),
     "yes", True, "CartPole-v1, named by the tag CartPole-v1"),
    # negative twins
    ("an RL agent naming no environment", ev(NO_ENVIRONMENT), "no", True,
     "names no datasets or corpora"),
    ("'Agent playing' in a language model's title", ev(CHESS_LM), "no", True,
     "names no datasets or corpora"),
    ("an offline RL agent's data section wins", ev(OFFLINE_RL), "yes", True,
     "section 'Training Data' names D4RL"),
    ("declared datasets win", ev(DECLARED), "yes", False, "1 dataset(s): org/demonstrations"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "answer", "inferred", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_an_rl_agents_environment_names_its_training_data(
    evidence: Evidence, answer: str, inferred: bool, reason: str
) -> None:
    spec = get_evaluator("data_sources_named")
    assert spec is not None
    params = {"sections": spec.params["sections"].default}
    outcome = run(spec, ProbeContext(evidence), params)
    assert (outcome.answer, outcome.inferred) == (answer, inferred), outcome.reason
    assert reason in outcome.reason


@pytest.mark.parametrize(
    ("rubric", "level"), [("openaudit", "partial"), ("eosai", "partial"), ("mof", "partial")]
)
def test_an_rl_agents_data_is_partial_never_open(rubric: str, level: str) -> None:
    verdict = evaluate(load_rubric(rubric), ev(SB3))
    assert verdict.layer("data").level == level


def test_eosai_data_sources_of_an_rl_agent_are_concluded_partial() -> None:
    result = evaluate(load_rubric("eosai"), ev(SB3)).extras["eosai"]
    found = {d["id"]: d for d in result["dimensions"]}
    end = found["datasources_endmodel"]
    assert (end["level"], end["basis"]) == ("partial", "inferred")
    assert "LunarLander-v2" in end["reason"]


def test_a_model_that_is_no_rl_agent_keeps_closed_data() -> None:
    """The negative twin: the same title on a language model names no training data."""
    verdict = evaluate(load_rubric("openaudit"), ev(CHESS_LM))
    assert verdict.layer("data").level == "closed"


AGENT_BODY = "# My agent\nIt plays well.\n"
# (case, evidence, where each fact the reason names was read, as cited)
CITED: list[tuple[str, Evidence, list[str]]] = [
    ("the task and the environment tag in the card only",
     ev(card("pipeline_tag: reinforcement-learning\ntags: [CartPole-v1]", AGENT_BODY)),
     ["card:pipeline_tag", "card:tags"]),
    ("the task and the environment tag from the Hub's API",
     ev(card("license: mit", AGENT_BODY), pipeline_tag="reinforcement-learning",
        tags=("CartPole-v1",)), ["api:pipeline_tag", "api:tags"]),
    ("an RL library's tag in the card only",
     ev(card("tags: [cleanrl, CartPole-v1]", AGENT_BODY)), ["card:tags", "card:tags"]),
    ("environment tags from both: each cited where read",
     ev(card("library_name: ml-agents\ntags: [ML-Agents-Huggy]", AGENT_BODY),
        tags=("Huggy-v1",)), ["card:library_name", "api:tags", "card:tags"]),
]  # fmt: skip


@pytest.mark.parametrize(("evidence", "wheres"), [c[1:] for c in CITED], ids=[c[0] for c in CITED])
def test_an_rl_agents_facts_are_cited_where_read(evidence: Evidence, wheres: list[str]) -> None:
    """A tag or task read from the card's metadata cites the card field, one the Hub's
    API served cites the API field."""
    spec = get_evaluator("data_sources_named")
    assert spec is not None
    params = {"sections": spec.params["sections"].default}
    outcome = run(spec, ProbeContext(evidence), params)
    assert outcome.answer == "yes", outcome.reason
    assert [c.where for c in outcome.citations] == wheres


def test_the_cards_opening_is_quoted_as_written() -> None:
    """The environment found past the opening's **bold** is quoted as the card has it."""
    evidence = ev(SAMPLE_FACTORY)
    spec = get_evaluator("data_sources_named")
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), {"sections": spec.params["sections"].default})
    quoted = [c.value for c in outcome.citations if c.where == "README.md"]
    assert quoted == ["trained on the **doom_health_gathering_supreme** environment"]
    assert evidence.readme is not None and quoted[0] in evidence.readme
