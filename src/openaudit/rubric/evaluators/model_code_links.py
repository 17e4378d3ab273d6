"""Which of the card's code links may hold the model's own code: not a release file,
a repository of data or a benchmark, data the model was trained on or another
project's file; and the answer when none is about a topic."""

from __future__ import annotations

import re

from openaudit.card import Link, find_link
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.code_link_paths import DEEP_LINK, repo_parts
from openaudit.rubric.evaluators.code_link_topics import says_code
from openaudit.rubric.evaluators.evaluator_helpers import name_words
from openaudit.rubric.evaluators.first_party_repos import MIN_NAME_PART, first_party, model_words
from openaudit.rubric.evaluators.framework_links import tool_link
from openaudit.rubric.evaluators.withheld_links import link_sentences, not_published
from openaudit.verdict import Outcome

# Repositories named for what they hold that is not code for the model: a project's data,
# assets, annotation guidelines ("ffhq-dataset", "assets", "clearnlp-guidelines") or, save
# for evaluation code, its benchmark.
DATA_REPO_WORDS = frozenset(
    {"dataset", "datasets", "corpus", "corpora", "assets", "asset", "guidelines", "guideline",
     "annotations"}
)  # fmt: skip
BENCHMARK_REPO_WORDS = frozenset({"benchmark", "benchmarks", "leaderboard"})
# A link given as what the model was trained on ("trained on the [MS MARCO Passage
# Ranking](...) task"), or followed by what it is ("the [COCO](...) dataset").
_DATA_BEFORE = re.compile(
    r"\b(?:(?:pre-?)?train(?:ed|ing)|fine-?tun(?:ed|ing)|tuned|distilled)\s+on\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EVALUATED_BEFORE = re.compile(
    r"\b(?:evaluated|tested|benchmarked)\s+on\s+(?:the\s+)?$", re.IGNORECASE
)
_DATA_AFTER = re.compile(r"\s*(?:datasets?|data|corpus|corpora|task|challenge)\b", re.IGNORECASE)
_BENCHMARK_AFTER = re.compile(r"\s*(?:benchmarks?|leaderboard)\b", re.IGNORECASE)
_DATA_TEXT = re.compile(r"\b(?:datasets?|corpus|corpora)\s*$", re.IGNORECASE)
# A file in a repository's releases (weights, archives): a download, not code.
_RELEASE_FILE = re.compile(r"/releases/download/", re.IGNORECASE)
# "trained with [X]", "fine-tuned using the [X]": the card says the model was trained with it.
_TRAINED_WITH = re.compile(
    r"\b(?:(?:pre-?)?trained|fine-?tuned|tuned)\s+(?:[\w-]+\s+){0,3}?(?:with|using|via|by)"
    r"\s+(?:the\s+|our\s+|this\s+)?$",
    re.IGNORECASE,
)
_REACH = 60  # characters read on each side of a link for what it is


def _link_spans(body: str, link: Link) -> list[tuple[int, int]]:
    """(start, end) of each place the link stands in the body: its whole `[text](url)`
    markup, or the bare URL."""
    spans = []
    at = find_link(body, link.url)
    while at != -1:
        end = at + len(link.url)
        start = body.rfind("[", 0, at) if body[at - 2 : at] == "](" else at
        end += body[end : end + 1] in (")", ">")
        spans.append((max(start, 0), end))
        at = find_link(body, link.url, end)
    return spans


def _linked_as_data(ctx: ProbeContext, link: Link, evaluation: bool) -> bool:
    """The card gives the link as data: what the model was trained on, a dataset, a task
    (or, save for evaluation code, a benchmark evaluated on)."""
    if _DATA_TEXT.search(link.text):
        return True
    body = own_card(ctx).body
    for start, end in _link_spans(body, link):
        before, after = body[max(0, start - _REACH) : start], body[end : end + _REACH]
        if _DATA_BEFORE.search(before) or _DATA_AFTER.match(after):
            return True
        if not evaluation and (_EVALUATED_BEFORE.search(before) or _BENCHMARK_AFTER.match(after)):
            return True
    return False


def _named_after_model(name: str, model: set[str]) -> bool:
    """A repository name sharing a distinctive word with the model's name."""
    parts = {part for part in name_words(name) if len(part) >= MIN_NAME_PART}
    return any(word.startswith(part) or part.startswith(word) for part in parts for word in model)


def _other_project(ctx: ProbeContext, link: Link) -> bool:
    """A link into a file or folder of another project's repository: not named after the
    model, while the card links the model's own repository, under another owner
    ("preprocessing as in [vision_transformer/.../input_pipeline.py]" on a DETR card that
    links facebookresearch/detr)."""
    if not DEEP_LINK.search(link.url):
        return False
    model = model_words(ctx)
    owner, name = repo_parts(link)
    if _named_after_model(name, model):
        return False
    links = own_card(ctx).links_of("code")
    owners = {repo_parts(o)[0] for o in links if _named_after_model(repo_parts(o)[1], model)}
    return bool(owners) and owner not in owners


def not_model_code(
    ctx: ProbeContext, link: Link, topic: re.Pattern[str] | None = None
) -> str | None:
    """Why a code-host link is not the model's own code, else None: a file in a
    repository's releases, a repository of data, assets, guidelines or a benchmark (by its
    name, or by the card's words: "trained on [X]", "[X] dataset"), or a file of another
    project. Not when the link's sentence says it is code on the topic or that the model
    was trained with it."""
    evaluation = topic is not None and topic.search("evaluation") is not None
    if _RELEASE_FILE.search(link.url):
        why = "a file in a repository's releases"
    elif name_words(repo_parts(link)[1]) & (
        DATA_REPO_WORDS if evaluation else DATA_REPO_WORDS | BENCHMARK_REPO_WORDS
    ):
        why = "a repository of data, assets, guidelines or a benchmark"
    elif _linked_as_data(ctx, link, evaluation):
        why = "given as data the model was trained or evaluated on"
    elif _other_project(ctx, link):
        why = "a file of another project"
    else:
        return None
    if topic is not None:
        sentence = link_sentences(ctx, link)
        body = own_card(ctx).body
        trained_with = any(
            _TRAINED_WITH.search(body[max(0, start - _REACH) : start])
            for start, _ in _link_spans(body, link)
        )
        if trained_with or says_code(topic, sentence):
            return None
    return why


def published_code_links(ctx: ProbeContext) -> list[Link]:
    """The card's code links to the model's own code: neither a general model tool, nor
    data, assets or another project's file (`not_model_code`), nor code the card says is
    not published yet."""
    links = own_card(ctx).links_of("code")
    return [
        link
        for link in links
        if not tool_link(link) and not not_model_code(ctx, link) and not not_published(ctx, link)
    ]


def model_code_links(ctx: ProbeContext, topic: re.Pattern[str]) -> list[Link]:
    """The card's code links that may hold the model's code on the topic (see
    `not_model_code`)."""
    return [link for link in own_card(ctx).links_of("code") if not not_model_code(ctx, link, topic)]


def set_aside(ctx: ProbeContext, topic: re.Pattern[str]) -> str:
    """The code links set aside as not the model's code, for a reason: '; not the model's
    code: X (why)', or ''."""
    shown = [
        f"{link.url if DEEP_LINK.search(link.url) else link.target or link.url} ({why})"
        for link in own_card(ctx).links_of("code")
        if (why := not_model_code(ctx, link, topic))
    ]
    return f"; not the model's code: {', '.join(dict.fromkeys(shown[:3]))}" if shown else ""


# Words calling a link the model's own code: "Original:", "first released in [this
# repository]", "the official implementation", "the original code repository".
_ORIGINAL = re.compile(
    r"\b(?:original|official|first\s+released|released\s+(?:in|at)|implementation"
    r"|source\s+code|code\s*base|code\s+repositor)",
    re.IGNORECASE,
)


def may_hold_model_code(ctx: ProbeContext, link: Link) -> bool:
    """A published code link that may hold the model's own code, unread: the model's own
    repository (`first_party`), or one the card calls the original or official code."""
    return first_party(ctx, link) or bool(
        _ORIGINAL.search(link.text) or _ORIGINAL.search(link_sentences(ctx, link))
    )


def no_topic_link(
    ctx: ProbeContext, topic: re.Pattern[str], what: str, identified: frozenset[str] = frozenset()
) -> Outcome:
    """No code link is about the topic (`what` says so): inferred when that was judged by
    the words around links that may hold the model's code, or that were set aside as not
    its code (their repositories are not read); stated otherwise (no code link, only a
    third party's, or only code `identified` as another topic's, by target)."""
    judged = set_aside(ctx, topic)
    own = [
        link
        for link in published_code_links(ctx)
        if (link.target or link.url) not in identified and may_hold_model_code(ctx, link)
    ]
    if not judged and not own:
        return Outcome.no(what, ctx.readme())
    why = (f"{what} (judged by the card's words around its code links; their repositories "
           f"were not read){judged}")  # fmt: skip
    return Outcome.no(why, ctx.readme(), inferred=True)
