"""A tuned release whose base model is not named anywhere.

A release whose name says it was tuned ("-instruct", "-chat", "-sft", ...,
`base_mentions.TUNING_TOKENS`; not "it" as a language code beside another, "en-it", nor
an RL agent's algorithm, "ppo-LunarLander-v2") was tuned from a pretrained model. When its card
declares no `base_model`, names none in its text or files (`implied_base`), and shows
no sign of having been pre-trained by its own makers, a careful reader does not take
the data it names (its instruction or preference sets) for all its training data: the
pre-training data is not named (`data.base_data` no, EOSAI's base data closed, both
inferred).

Signs that the card covers its own pre-training, any of which keeps the rule out:
"trained from scratch"; a pre-training word in a heading or text outside citation
sections ("Pretraining", "pre-trained on", Chinese 预训练, Japanese 事前学習, ...);
a corpus size in tokens ("2T tokens", "3 trillion tokens"); or a dataset it declares
or links as training data whose name does not say it is tuning data (SlimPajama or
Dolma beside a chat set: its data may well be all the training data). A card whose
text was not read is not judged by this rule.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from openaudit import textsearch
from openaudit.base_mentions import FROM_SCRATCH, NAME_TOKEN_SPLIT, tuning_tokens
from openaudit.card import Card
from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.evaluator_helpers import declared_datasets
from openaudit.rubric.evaluators.linked_data import linked_data
from openaudit.rubric.evaluators.rl_environments import rl_agent
from openaudit.rubric.evaluators.undeclared_bases import implied_base

# Words of pre-training, in English and the card languages the training-section list
# knows (Chinese 预训练/預訓練, Japanese 事前学習, Korean 사전 학습, German Vortraining,
# French pré-entraînement, Spanish preentrenamiento).
PRETRAINING = re.compile(
    r"\bpre-?train(?:s|ed|ing)?\b|预训练|預訓練|事前学習|사전\s*학습|\bvortrain\w*"
    r"|\bpr[ée]-?entra[iî]n\w*|\bpre-?entren\w*",
    re.IGNORECASE,
)
# A corpus size in tokens, the scale of pre-training ("2T tokens", "1.4 trillion tokens").
TOKEN_COUNT = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:[TB]|trillion|billion)\s+tokens\b", re.IGNORECASE)
# Sections citing other work, whose titles ("BERT: Pre-training of ...") are not the card's.
CITING = re.compile(r"\b(?:citations?|cite|bibtex|references?)\b", re.IGNORECASE)
# A dataset's name that says it is tuning data: instructions, chats, preferences.
TUNING_DATA = re.compile(
    r"instruct|chat|sft|dpo|rlhf|orpo|kto|feedback|preference|conversation|dialog"
    r"|(?:^|[-_.])(?:it|rl|ppo)(?:$|[-_.])",
    re.IGNORECASE,
)


class UnnamedBase(NamedTuple):
    """Why a release is taken as tuned from a base it does not name."""

    reason: str
    citations: tuple[Citation, ...]


@once_per_model
def unnamed_base(ctx: ProbeContext) -> UnnamedBase | None:
    """A tuned release (a tuning word in its name) whose card, read, declares, implies
    and links no base model, and shows no sign of covering its own pre-training (see the
    module docstring): its pre-training data is not named. None otherwise."""
    if not ctx.readme_read or not ctx.metadata_known:
        return None
    if ctx.metadata.get("base_model") or ctx.evidence.base_models or implied_base(ctx):
        return None
    words = _tuning_words(ctx.evidence.repo_id or "")
    if not words or rl_agent(ctx) is not None or _pretraining_shown(ctx.card):
        return None
    linked = linked_data(ctx)
    names = declared_datasets(ctx) or (linked.names if linked is not None else ())
    if any(not TUNING_DATA.search(name.rpartition("/")[2]) for name in names):
        return None
    data = f" (its named data are tuning sets: {', '.join(names[:3])})" if names else ""
    reason = (
        f"a tuned release whose base is not named: its name holds '{'-'.join(words)}', and no "
        f"base model is declared, implied or linked{data}; its pre-training data is not named"
    )
    return UnnamedBase(reason, (ctx.field("base_model"), ctx.readme()))


def _tuning_words(repo_id: str) -> list[str]:
    """The tuning words of a repo's name; 'it' not beside another two-letter token, which
    makes it a language code ("opus-mt-en-it", a translation model), not "instruction
    tuned" ("gemma-7b-it")."""
    words = tuning_tokens(repo_id)
    tokens = NAME_TOKEN_SPLIT.split(repo_id.rpartition("/")[2].lower())
    if "it" in words and sum(len(t) == 2 and t.isalpha() for t in tokens) > 1:
        words = [word for word in words if word != "it"]
    return words


def _pretraining_shown(card: Card) -> bool:
    """The card's own words show its pre-training: trained from scratch, a pre-training
    word in a heading or text (not under a citation heading), a corpus size in tokens."""

    def shown() -> bool:
        if textsearch.search(FROM_SCRATCH, card.body):
            return True
        first = card.sections[0].line - card.first_line if card.sections else None
        parts = ["".join(card.body.splitlines(keepends=True)[:first])]
        for section in card.sections:
            if not any(CITING.search(s.title) for s in card.section_path(section)):
                parts += [section.title, section.text]
        text = "\n".join(parts)
        return bool(textsearch.search(PRETRAINING, text) or textsearch.search(TOKEN_COUNT, text))

    return card.derived("pretraining shown", shown)
