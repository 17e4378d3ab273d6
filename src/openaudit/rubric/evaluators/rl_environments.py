"""The environment a reinforcement-learning agent was trained in, as its card names it.

An agent trained by reinforcement learning learns from the experience its environment
generates: the environment (LunarLander-v2, Huggy, doom_health_gathering_supreme) is
the source of its training data. The RL libraries' auto-cards name it in the title
("**PPO** Agent playing **LunarLander-v2**", "A(n) **APPO** model trained on the
**doom_health_gathering_supreme** environment"), in a tag, and as the `model-index`
dataset the agent was evaluated in (the same environment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from openaudit.evidence import Citation, Evidence
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.evaluator_helpers import as_list

RL_PIPELINE = "reinforcement-learning"
# Libraries that train agents by reinforcement learning (their `library_name` or tag).
RL_LIBRARIES = frozenset({"stable-baselines3", "sample-factory", "ml-agents", "cleanrl"})
# Environment ids as tags: Gym/Gymnasium's versioned ids ("CartPole-v1", "ALE/Pong-v5",
# "FrozenLake-v1-4x4-no_slippery") and Unity ML-Agents' "ML-Agents-Huggy".
ENV_TAG = re.compile(r"(?:[A-Za-z][\w/]*-v\d+(?:-[\w-]+)?|ML-Agents-\w+)")
# The auto-cards' words for the environment an agent plays or was trained on.
ENV_SAID = re.compile(
    r"\bagent\s+playing\d?\s+([A-Za-z][\w/.-]*\w)"
    r"|\btrained\s+on\s+the\s+([A-Za-z][\w/.-]*\w)\s+environment\b",
    re.IGNORECASE,
)
# What the reader reads, for an evaluator's `reads` (beside the README).
RL_AGENT_READS = (
    "api:pipeline_tag", "card:pipeline_tag", "api:library_name", "card:library_name",
    "api:tags", "card:tags", "card:model-index",
)  # fmt: skip
INTRO_CHARS = 600  # the opening of the card's first section, where the auto-cards say it


@dataclass(frozen=True)
class Environment:
    """The environment an RL agent's card names, and what said so."""

    agent: str  # why the model is an RL agent ("pipeline_tag reinforcement-learning")
    names: tuple[str, ...]
    read: tuple[str, ...]  # what named it ("the title 'PPO Agent playing X'", "tag X")
    citations: tuple[Citation, ...]

    def reason(self) -> str:
        """The names, with why they are the training data's source."""
        names = ", ".join(self.names)
        return (
            f"an RL agent ({self.agent}) learns from the data its environment generates: "
            f"{names}, named by {' and '.join(self.read)}; its terms were not read"
        )


def rl_tags(evidence: Evidence) -> tuple[str, ...]:
    """The Hub's and the card's tags naming an RL library or an environment id, once
    each: all that the environment's reader takes of the tags."""
    card_tags = evidence.card.metadata.get("tags")
    card = _rl_only(as_list(card_tags)) if card_tags else ()
    return tuple(dict.fromkeys((*api_rl_tags(evidence), *card)))


def api_rl_tags(evidence: Evidence) -> tuple[str, ...]:
    """Of those, the tags the Hub's API served (the others are the card's own)."""
    return _rl_only(evidence.tags)


def _rl_only(tags: Iterable[object]) -> tuple[str, ...]:
    return tuple(
        tag
        for tag in tags
        if isinstance(tag, str) and (tag.lower() in RL_LIBRARIES or ENV_TAG.fullmatch(tag))
    )


def rl_agent(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """Why the model is an agent trained by reinforcement learning (its pipeline tag or
    an RL library), and where that was read; None when nothing says so."""
    pipeline = ctx.evidence.pipeline_tag
    cite = ctx.api if pipeline else ctx.field
    pipeline = pipeline or ctx.metadata.get("pipeline_tag")
    if isinstance(pipeline, str) and pipeline.lower() == RL_PIPELINE:
        return f"pipeline_tag {RL_PIPELINE}", cite("pipeline_tag", pipeline)
    library = declared_library(ctx)
    if library.name and library.name.lower() in RL_LIBRARIES:
        return f"{'tag' if library.tagged else 'library'} {library.name}", library.citation
    for tag in rl_tags(ctx.evidence):
        if tag.lower() in RL_LIBRARIES:
            return f"tag {tag}", _tag_citations(ctx, [tag])[0]
    return None


def _tag_citations(ctx: ProbeContext, tags: list[str]) -> list[Citation]:
    """The tags cited where they were read: the Hub API's, then the card's others."""
    served = api_rl_tags(ctx.evidence)
    api = [tag for tag in tags if tag in served]
    card = [tag for tag in tags if tag not in api]
    cites = [ctx.api("tags", ", ".join(api))] if api else []
    return cites + ([ctx.field("tags", ", ".join(card))] if card else [])


def training_environment(ctx: ProbeContext) -> Environment | None:
    """The environment an RL agent's card names (the title or intro, tags; else the
    `model-index` datasets, where the agent was evaluated in the environment it plays);
    None for a model that is no RL agent or names none."""
    agent = rl_agent(ctx)
    if agent is None:
        return None
    names: dict[str, str] = {}
    read: list[str] = []
    cites: list[Citation] = [agent[1]]
    if said := _said(ctx):
        name, where, cite = said
        names.setdefault(name.lower(), name)
        read.append(where)
        cites.append(cite)
    tags = [tag for tag in rl_tags(ctx.evidence) if ENV_TAG.fullmatch(tag)]
    if tags:
        names.update({t.lower(): t for t in tags if t.lower() not in names})
        read.append(f"the tag{'s' if len(tags) > 1 else ''} {', '.join(tags)}")
        cites += _tag_citations(ctx, tags)
    if not names and (index := _index_datasets(ctx.metadata.get("model-index"))):
        names.update({n.lower(): n for n in index})
        read.append("the `model-index` results' dataset")
        cites.append(ctx.field("model-index"))
    if not names:
        return None
    return Environment(agent[0], tuple(names.values()), tuple(read), tuple(cites))


def _said(ctx: ProbeContext) -> tuple[str, str, Citation] | None:
    """The environment the card's first heading or the opening of its body names."""
    if not ctx.readme_read:
        return None
    card = own_card(ctx)
    first = card.sections[0] if card.sections else None
    if first is not None and (match := ENV_SAID.search(first.title)):
        name = match.group(1) or match.group(2)
        return name, f"the title '{first.title}'", ctx.section(first)
    opening = card.body[:INTRO_CHARS]
    if match := ENV_SAID.search(opening.replace("*", "")):  # read past **bold** names
        name = match.group(1) or match.group(2)
        said = _original(opening, match.start(), match.end())
        return name, f"the card's opening ('{said}')", ctx.readme(said)
    return None


def _original(text: str, start: int, end: int) -> str:
    """The span of `text` that [start, end) of `text` less its `*` stands for, quoted as
    written: its emphasis marks kept, those closing its last word included."""
    kept = [i for i, char in enumerate(text) if char != "*"]
    stop = kept[end - 1] + 1
    while stop < len(text) and text[stop] == "*":
        stop += 1
    return text[kept[start] : stop]


def _index_datasets(index: Any) -> list[str]:
    """The dataset names of `model-index` results (the environment, for an RL agent)."""
    found: list[str] = []
    for model in index if isinstance(index, list) else []:
        results = model.get("results") if isinstance(model, dict) else None
        for result in results if isinstance(results, list) else []:
            dataset = result.get("dataset") if isinstance(result, dict) else None
            if isinstance(dataset, dict):
                name = dataset.get("name") or dataset.get("type")
                if isinstance(name, str) and name.strip():
                    found.append(name.strip())
    return list(dict.fromkeys(found))
