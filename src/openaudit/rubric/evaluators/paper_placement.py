"""What the words around a paper link say of it: another work's paper (the base's or
the data's, cited after them; a dataset's, named as the training data; a technique's the
model was made with) or the card's own."""

from __future__ import annotations

import re

from openaudit.card import Card, Link, Section, find_link
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.evaluator_helpers import model_name_words, name_words
from openaudit.training_sections import DATA_SECTION_NAMES

# A paper cited in parentheses right after a Hub model or dataset link is that repo's:
# "fine-tuned from [Base](https://huggingface.co/org/base) ([Author et al., 2023](...))",
# or by its id alone ("(arXiv:2307.09288)").
CITED_AFTER_REPO = re.compile(
    r"\]\((?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(?!papers/)([^()\s]{1,300})\)"
    r"[ \t]*\([ \t]*[^()\[\]\n]{0,60}(?:\[[^\[\]\n]{0,120}\]\(|\barxiv\s*:\s*)$",
    re.IGNORECASE,
)
# A paper cited in parentheses after the base or data the model derives from: "based
# on Llama 2 ([Touvron et al., 2023](...))", "trained on web text ([FineWeb](...))".
CITED_AFTER_SOURCE = re.compile(
    r"\b(?:fine-?tuned|finetuned|(?:pre-?)?trained|based|built|initiali[sz]ed|derived"
    r"|distilled|adapted|continued|merged|quanti[sz]ed|converted)\s+(?:(?:up)?on|from|of)\s+"
    r"(?!scratch\b)(?:\[[^\[\]\n]{0,120}\]\([^()\s]{0,300}\)|[^.\n()\[\]]){1,160}?"
    r"\([ \t]*[^()\[\]\n]{0,60}(?:\[[^\[\]\n]{0,120}\]\(|\barxiv\s*:\s*)$",
    re.IGNORECASE,
)
# "Pre-trained on [The Pile](...)": the paper of the data the model was trained on.
TRAINED_ON = re.compile(
    r"\b(?:(?:pre-?)?trained|fine-?tuned|finetuned|tuned)\s+on\s+(?:the\s+)?"
    r"(?:\[[^\[\]\n]{0,120}\]\()?$",
    re.IGNORECASE,
)
# "the corpus described in [Gao et al., 2020](...)": the paper of a corpus or dataset.
DATA_PAPER = re.compile(
    r"\b(?:corpus|corpora|datasets?|data\s?sets?|data\s+mix(?:ture)?|collection|benchmarks?)\b"
    r"([^.\n]{0,60}\b(?:introduced|proposed|described|presented|released|published)"
    r"\s+(?:in|by|with)\b[^.\n]{0,200}?)(?:\[[^\[\]\n]{0,120}\]\()?$",
    re.IGNORECASE,
)
# A list the card introduces as its training data ("pretrained on 2T tokens drawn from:").
DATA_LIST_INTRO = re.compile(
    r"\b(?:(?:pre-?)?trained|fine-?tuned|finetuned|tuned)\s+on\b"
    r"|\b(?:data(?:sets?)?|corpora|corpus|sources|drawn\s+from|mixture)\b[^\n]{0,80}:\s*$",
    re.IGNORECASE,
)
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s")
# A sentence that ends before the list ("a code model trained on The Stack v2.") does not
# introduce it, unless it points at it ("trained on the following datasets."); "trained
# on:" does.
ENDED = re.compile(r"[.!?][)\]*_]*\s*$")
POINTS_AT_LIST = re.compile(r"\b(?:following|below|these|listed)\b", re.IGNORECASE)
# A list item labelled as one of the release's resources ("- **Paper:** [...]",
# "- Repository: ...", "* Demo: ..."): the model's own, never an item of its data.
RESOURCE_ITEM = re.compile(
    r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\*\*|__)?(?:paper|technical\s+report|report|preprint"
    r"|repository|repo|code|github|demo|website|homepage|home\s+page|project(?:\s+page)?"
    r"|blog(?:\s+post)?|documentation|docs)(?:\*\*|__)?\s*:",
    re.IGNORECASE,
)
# Link text that names a paper rather than the work the paper is about.
PAPER_TEXT = re.compile(
    r"\b(?:paper|papers|report|preprint|arxiv|publication|article|here|this|link)\b", re.I
)


def placed_as_other_work(ctx: ProbeContext, link: Link, homes: list[Section]) -> bool:
    """Where the link stands names its paper as another work's: cited in parentheses
    after the base model or data the model derives from, named as the data it was
    trained on or a corpus "described in" it, or linked by a name (not as a paper)
    under a training-data heading or in a list of the training data."""
    card = own_card(ctx)
    at = find_link(card.body, link.url)
    if at <= 0:
        return False
    before = card.body[max(0, at - 400) : at]
    repo = CITED_AFTER_REPO.search(before)
    if repo and not _names_this_model(ctx, repo.group(1)):
        return True
    # after a name in words, a link called a paper ("trained on 64 GPUs (see the
    # [technical report](...))") may be the model's own: a cited name or authors are not
    if CITED_AFTER_SOURCE.search(before) and not PAPER_TEXT.search(link.text):
        return True
    if TRAINED_ON.search(before[-200:]):
        return True
    data = DATA_PAPER.search(before)
    if data and not re.search(r"\b(?:we|our)\b", data.group(1), re.IGNORECASE):
        return True
    return _data_named(ctx, link, homes)


def _names_this_model(ctx: ProbeContext, path: str) -> bool:
    """The Hub link's path is this model's repo ("org/name", maybe with "/tree/main")."""
    repo = (ctx.evidence.repo_id or ctx.evidence.ref).strip("/").lower()
    return "/".join(path.lower().split("/")[:2]) == repo


def _data_named(ctx: ProbeContext, link: Link, homes: list[Section]) -> bool:
    """The link names a dataset: linked by a name other than the model's and other than a
    paper's ("[FineWeb-Edu](arxiv)") under a training-data heading or in a list the card
    introduces as its training data."""
    card = own_card(ctx)
    line = next(iter(card.lines_with(link.url)), "")
    label = link.text if link.text.strip() != link.url else line.replace(link.url, " ")
    named = name_words(label) - model_name_words(ctx)
    if PAPER_TEXT.search(label) or not any(not word.isdigit() for word in named):
        return False
    if homes and all(
        any(card.title_matches(s, *DATA_SECTION_NAMES) for s in card.section_path(home))
        for home in homes
    ):
        return True
    return _in_data_list(card.body, find_link(card.body, link.url))


def _in_data_list(body: str, at: int) -> bool:
    """The text at `at` is in a list item of a list introduced as training data."""
    lines = body[:at].split("\n")
    if not LIST_ITEM.match(lines[-1]) or RESOURCE_ITEM.match(lines[-1]):
        return False
    for line in reversed(lines[-200:-1]):
        if not line.strip() or LIST_ITEM.match(line) or line.startswith((" ", "\t")):
            continue
        if ENDED.search(line) and not POINTS_AT_LIST.search(line):
            return False
        return bool(DATA_LIST_INTRO.search(line))
    return False


# A link named as a technique the model was made with: "fine-tuned with [QLoRA](...)",
# "aligned with [DPO](...)", "merged using the [TIES](...) merge method".
MADE_WITH = re.compile(
    r"\b(?:trained|fine-?tuned|finetuned|tuned|aligned|merged|optimi[sz]ed|quanti[sz]ed"
    r"|distilled|pruned|adapted)\b[^.\n]{0,40}?\b(?:with|using|via|through)\s+(?:the\s+)?"
    r"(?:\[[^\[\]\n]{0,120}\]\()?$",
    re.IGNORECASE,
)
# A link named as work the model follows or uses: "Following [Chinchilla](...)", "uses
# [RoPE](...)", "We use the [Mamba](...) architecture", "Similar to [X](...)", "build on".
USE_VERBS = (
    r"following|similar\s+to|as\s+in|build(?:s|ing)?\s+(?:up)?on|built\s+(?:up)?on"
    r"|inspired\s+by|uses?|using|adopts?|adopted|employs?|utili[sz](?:e[sd]?|ing)"
    r"|leverag(?:e[sd]?|ing)|appl(?:y|ies|ied|ying)|incorporat(?:e[sd]?|ing)"
)
BUILDS_ON = re.compile(
    rf"\b(?:{USE_VERBS})\s+(?:the\s+|an?\s+)?(?:\[[^\[\]\n]{{0,120}}\]\()?$",
    re.IGNORECASE,
)
# A later link of a list after such a verb: "we utilize [YaRN](...), a technique for
# length extrapolation, and [Dual Chunk Attention](...)".
BUILDS_ON_LIST = re.compile(
    rf"\b(?:{USE_VERBS})\s+(?:the\s+|an?\s+)?\[[^\[\]\n]{{0,120}}\]\([^()\s]{{0,300}}\)"
    r"(?:[^.\n]|\.(?=\w)){0,160}?(?:,|\band\b|\bor\b)\s+(?:the\s+|an?\s+)?"
    r"\[[^\[\]\n]{0,120}\]\($",
    re.IGNORECASE,
)
# The words after a link that name what it links as a technique ("[TIES](...) merge
# method", "[YaRN](...), a technique for ...").
NAMED_TECHNIQUE = re.compile(
    r"\)?(?:[ \t]*(?:[\w-]+[ \t]+)?|,?[ \t]+(?:an?|the)[ \t]+(?:[\w-]+[ \t]+){0,3})"
    r"(?:method|technique|algorithm|loss|objective|optimi[sz]er|architecture)\b",
    re.IGNORECASE,
)


# "our technical report", "this model's paper", "we describe": the card's own paper,
# wherever it is linked.
OWN_PAPER_WORDS = re.compile(r"\b(?:our|we|this (?:model|work)(?:'s)?)\b[^.\n]{0,80}$", re.I)


def called_own(card: Card, link: Link, *, text_only: bool = False) -> bool:
    """The words just before the link (or its text) call the paper the card's own."""
    if OWN_PAPER_WORDS.search(f"{link.text}"):
        return True
    at = find_link(card.body, link.url)
    before = card.body[max(0, at - 160) : at] if at > 0 and not text_only else ""
    return bool(OWN_PAPER_WORDS.search(before))


def made_with(card: Card, link: Link) -> bool:
    """The card names the link as a technique the model was made with: "fine-tuned with
    [QLoRA](...)", "merged using the [TIES](...) merge method"."""
    at = find_link(card.body, link.url)
    if at <= 0:
        return False
    listed = not PAPER_TEXT.search(link.text) and BUILDS_ON_LIST.search(
        card.body, max(0, at - 700), at
    )
    return bool(
        MADE_WITH.search(card.body, max(0, at - 120), at)
        or BUILDS_ON.search(card.body, max(0, at - 140), at)
        or listed
        or NAMED_TECHNIQUE.match(card.body, at + len(link.url))
    )
