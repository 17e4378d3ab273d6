"""Table-driven tests of which Hub link a card without `base_model` names as its base,
by where the link stands (not by a derivation phrase: tests/test_base_phrases.py).

The Hub source looks the base up (`implied_base_id`) and the rubric judges with it
(`implied_base`): both must name the same model. Each rule has a negative twin.
"""

from __future__ import annotations

import pytest

from openaudit.card import parse_card
from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.undeclared_bases import implied_base
from openaudit.sources.implied_bases import implied_base_id

HEAD = "---\nlicense: apache-2.0\n---\n"
HUB = "https://huggingface.co"


def base_named(readme: str, repo_id: str) -> str | None:
    """The base the source looks up and the rubric judges with (asserted the same)."""
    text = HEAD + readme
    card = parse_card(text)
    looked_up = implied_base_id(repo_id, card.metadata, card, ())
    evidence = Evidence(
        ref=repo_id, repo_id=repo_id, source="hub", readme=text,
        files=(RepoFile("model.safetensors"),),
    )  # fmt: skip
    judged = implied_base(ProbeContext(evidence))
    assert looked_up == (judged.name if judged else None)
    return looked_up


# (case, repo id, card, the base named or None)
ORG_PAGES: list[tuple[str, str, str, str | None]] = [
    ("the own org's page in the title, its base model under Training", "labx/chat-7b",
     f"# Chat 7B\nBy [Lab X]({HUB}/labx).\n## Training\nWe used [base]({HUB}/labx/base-7b).\n",
     "labx/base-7b"),
    ("a bare org URL in the title, the base's bare URL under Training", "labx/chat-7b",
     f"# Chat 7B\n{HUB}/labx\n## Training\n{HUB}/labx/base-7b\n", "labx/base-7b"),
    ("another org's page, that org's model under Training", "me/chat-7b",
     f"# Chat 7B\nThanks to [Big Org]({HUB}/bigorg).\n## Training\n"
     f"We used [base]({HUB}/bigorg/base-7b).\n", "bigorg/base-7b"),
    ("twin: the own org's page alone under Training is no base", "labx/chat-7b",
     f"# Chat 7B\nText.\n## Training\nDone by [Lab X]({HUB}/labx).\n", None),
    ("twin: a legacy one-segment model id under Training is the base", "me/sst2",
     f"# SST-2\nText.\n## Fine-tuning\nWe used [DistilBERT]({HUB}/distilbert-base-uncased).\n",
     "distilbert-base-uncased"),
    ("training checkpoints linked under 'Training Dynamics' are no base", "labx/chat-7b",
     f"# Chat 7B\nText.\n## Training Dynamics\n"
     f"[Checkpoints]({HUB}/labx/base-7b-Intermediate-Checkpoints)\n", None),
    ("twin: a checkpoint a derivation phrase names is the base", "me/tiny-chat",
     f"# Tiny Chat\nThis model is a fine-tuned version of "
     f"[tiny]({HUB}/labx/tiny-intermediate-step-1431k-3T) on chats.\n",
     "labx/tiny-intermediate-step-1431k-3T"),
    ("org page, checkpoints and the base: the base is picked", "labx/chat-7b",
     f"# Chat 7B\n[Lab X]({HUB}/labx)\n## Training Dynamics\n"
     f"[ckpts]({HUB}/labx/base-7b-Intermediate-Checkpoints)\n## Fine-tuning\n"
     f"We used [base]({HUB}/labx/base-7b).\n", "labx/base-7b"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("repo_id", "readme", "base"), [c[1:] for c in ORG_PAGES], ids=[c[0] for c in ORG_PAGES]
)
def test_an_organisation_page_is_no_base(repo_id: str, readme: str, base: str | None) -> None:
    assert base_named(readme, repo_id) == base
