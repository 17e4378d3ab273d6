"""Base models named outside `base_model` metadata: in a card's text or an adapter's config.

Many fine-tunes never fill in `base_model`; their cards still say what they were
tuned from: the Trainer's opening line ("This model is a fine-tuned version of
[org/name](https://huggingface.co/org/name)"), the Hub template's "Finetuned from
model:" line, or a link in the training or fine-tuning section ("Fine-tuning on
Gaudi2: ... [Mistral-7B](https://huggingface.co/...)"). A Hub model linked anywhere
else (comparisons, data generators, judges, tokenizers, the model's own variants), or
whose own sentence in a training section gives it another role (a recipe followed, a
baseline, data rewritten with it, an architecture), is not named as the base, and a
card that says it was trained from scratch names none. Some phrases follow the
link instead ("[X] continually pre-trained on", "[X] converted to GGUF", "uses [X] as
its base", Korean "[X]를 기반으로"); a phrase of format conversion or quantisation
marks the base as the model these weights are only a copy of. A repo whose weights
are all in conversion formats (Core ML, TFLite, ONNX, ggml, MLX's ...) and that
declares no `base_model` is a conversion of the Hub model whose name is its own less a
format affix ("-mlx", "coreml-"), else of the one its card's lead links.
A card written by the Trainer's template (tag `generated_from_trainer`) opens with its
base: the first Hub model its title section links is the model tuned, though the
words around the link may be lost. An adapter's `adapter_config.json` states the model
it applies to (`base_model_name_or_path`).

Pure text reading, shared by the Hub source (which looks such a base up) and the
rubric (which judges with it).
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from openaudit import textsearch
from openaudit.card import Card, Link, Section, find_link
from openaudit.checkpoint_names import CHECKPOINT_REPO

TRAINING_SECTIONS = ("Training", "Fine-tuning", "Finetuning", "Fine tuning")
# Training sections that hold something other than how this model was made from another.
NOT_DERIVATION_TITLE = re.compile(
    r"\b(?:data(?:sets?)?|results?|hyper-?parameters?|evaluation|how|guide|your|example)\b",
    re.IGNORECASE,
)
# Words just before a Hub model link that name it as the source of the weights: a
# derivation phrase ("fine-tuned from", "a fine-tune of", "further trained", "merge of",
# "GPTQ quantization of", "initialized with the weights of", "built upon", "starting
# from", "extends", "a Japanese version of", Spanish "partimos de", Chinese "基于"), then
# at most a few name words ("of Meta Llama 3 8B ([...](") but no other lowercase word
# (so "fine-tuned on X, unlike [Y]" does not name Y); or a definition line ("Base
# model:", "Original model:", "Finetuned from model:"). Versions that point elsewhere
# ("a newer version of [X]") are not derivations.
_OTHER_VERSION = (
    r"(?:newer|older|previous|prior|later|earlier|latest|last|next|new|updated|current"
    r"|original|same|stable|official|full|larger|bigger)"
)
_DERIVATION = (
    r"\b(?:fine-?tuned|finetuned|tuned|based|built|derived|distilled|continued|adapted"
    r"|quanti[sz]ed|converted|merged|initiali[sz]ed)"
    r"(?:\s+(?:version|checkpoint|variant|model))?\s+(?:of|from|upon|on(?:\s+top\s+of)?)"
    r"|\binitiali[sz]ed\s+with\s+(?:the\s+)?(?:weights|parameters|checkpoint)\s+of"
    r"|\b(?:fine-?tune|fine\s+tune|merge|quanti[sz]ation|conversion|distillation|adaptation"
    r"|derivative)\s+of"
    r"|\b(?:gguf|ggml|gptq|awq|exl2|mlx|onnx)\s+(?:version|conversion|export|build|quants?)s?\s+of"
    r"|\b(?:converted|exported|quanti[sz]ed)\s+(?:to|into|in)\s+(?:the\s+)?[\w.-]+"
    r"(?:\s+format)?\s+(?:from|of)"
    r"|\bfurther\s+(?:pre-?)?train(?:s|ed|ing)?(?:\s+(?:of|from|on))?"
    r"|\bcontinu(?:ed|al|ous)[\s-]+pre-?training\s+(?:of|from|on)"
    r"|\bstart(?:s|ed|ing)?\s+from"
    r"|\bextend(?:s|ed)?"
    rf"|\b(?:an?|the)\s+(?!{_OTHER_VERSION}\b)(?:[\w-]+\s+){{0,2}}version\s+of"
    r"|\b(?:partimos\s+de|a\s+partir\s+de|basad[oa]\s+en|bas[ée]e?\s+sur|basiert\s+auf)"
)
# The same before a link with no space between (Chinese "基于[X]", "基於[X]").
_CJK_DERIVATION = r"基[于於]\s*"
_NAME_WORDS = r"(?-i:(?:[A-Z0-9][\w.'\u2019/-]*\s+){0,6})\(?"
_DEFINITION = (
    r"\b(?:fine-?tuned\s+from(?:\s+model)?|(?:base|original|parent)\s+model)"
    r"\s*(?:\[optional\])?[\s*_]*:[\s*_]*"
)
DERIVED_FROM = re.compile(
    rf"(?:(?P<how>{_DERIVATION})\s+(?:the\s+)?(?:model\s+)?{_NAME_WORDS}|{_DEFINITION}"
    rf"|{_CJK_DERIVATION})"
    r"(?:\[[^\[\]\n]{0,120}\]\(|<)?\s*$",
    re.IGNORECASE,
)
# Words just after a Hub model link that name it as the source of the weights: "[X]
# continually pre-trained on", "[X] converted to GGUF" (not "[X] was converted ... from
# [Y]", where X is the copy), "https://huggingface.co/X with ONNX weights", "uses [X] as
# its base", Korean "[X]를 기반으로", Japanese "[X]をベースに", Chinese "在[X]基础上".
DERIVED_AFTER = re.compile(
    r"[)>]?\s*(?:"
    r"(?:(?:is|was|has\s+been)\s+)?(?:continu(?:ed|al|ally|ously)|further)\s+(?:pre-?)?trained\b"
    r"|(?:(?:is|was|has\s+been)\s+)?(?:converted|exported|quanti[sz]ed)\s+(?:to|into|in|with)\b"
    r"(?![^.\n]*\bfrom\b)(?:\s+(?:the\s+)?[\w.-]+(?:\s+format)?)?"
    r"|with\s+(?:onnx|gguf|ggml|mlx|gptq|awq|exl2|quanti[sz]ed|converted)\s+weights\b"
    r"|as\s+(?:its|the|our)\s+(?:[\w-]+\s+)?(?:base|backbone|starting\s+point)(?:\s+model)?\b"
    r"|(?:[를을]\s*)?(?:기반으로|바탕으로|베이스로)"
    r"|(?:[をから]\s*)?(?:ベースに|ベースとして|もとに|元に)"
    r"|(?:的\s*)?基[础礎]上"
    r")",
    re.IGNORECASE,
)
# A sentence that sets the model named beside this one, whatever follows its link.
COMPARED = re.compile(
    r"\b(?:unlike|compar\w*|versus|vs\.?|against|outperform\w*|baselines?|instead\s+of"
    r"|rather\s+than|(?:better|worse|stronger|weaker)\s+than|similar\s+to|on\s+par\s+with)\b"
    r"|与.{0,40}相比|와.{0,40}비교",
    re.IGNORECASE,
)
# Words of a derivation phrase that make the weights a copy in another format.
CONVERSION = re.compile(
    r"\b(?:quanti[sz](?:ed|ation)|convert(?:ed)?|conversion|export(?:ed)?|gguf|ggml|gptq|awq"
    r"|exl2|mlx|onnx)\b",
    re.IGNORECASE,
)
# The model named is used for something else: a design, a tokenizer, a judge, data,
# its card ("based on the [X](...) model card": the text's template, not the weights).
NOT_WEIGHTS = re.compile(
    r"\)?\s*(?:architecture|design|recipe|tokeni[sz]er|(?:的\s*)?(?:架[构構]|分[词詞]器)"
    r"|(?:['\u2019]s\s+)?(?:model\s+)?(?:card|readme)(?:\s+template)?\b)",
    re.IGNORECASE,
)
# A derivation phrase whose object is a card: the link's text names one ("based on the
# [X model card](", "adapted from [X's README](").
CARD_LINK_TEXT = re.compile(
    r"\b(?:model\s+)?(?:card|readme)(?:\.md)?(?:\s+template)?\s*\]\(\s*$", re.IGNORECASE
)
# A sentence whose derivation phrase has the card itself as its subject ("This model
# card is based on ...", "*This model card was written by ... and is based on ...",
# "This card was adapted from ..."): what it derives from is a text, not weights. The
# card must be the phrase's own subject, all the words from the sentence's start to the
# phrase: "This model card describes M, a model fine-tuned from [X]" or "This README
# documents a model fine-tuned from [X]" name X as M's base.
CARD_SUBJECT = re.compile(
    r"[\W_]*(?:this|the|our)\s+(?:model\s+)?(?:card|readme|documentation)"
    r"(?:\s+(?:was|is|has\s+been)\s+written\s+by\b[^\n]{0,120}?\s+and)?"
    r"(?:\s+(?:is|was|has\s+been))?\s*",
    re.IGNORECASE,
)
OTHER_ROLE = re.compile(
    r"\b(?:tokeni[sz]er|judge|grader|classifier|reward model|filter|teacher|embedding model"
    r"|architecture|design)"
    r"\b[^.\n]{0,60}$",
    re.IGNORECASE,
)
# Data made with another model ("generated with [X]") in a training section.
DATA_MADE_WITH = re.compile(r"\b(?:generat|synthesi[sz]|annotat|label)\w*\b[^.\n]{0,60}$", re.I)
# A link's own sentence giving the model another role than the source of the weights:
# its recipe followed, a baseline or comparison, data made or filtered with it, this
# model's own derivatives, its architecture.
SENTENCE_ROLE = re.compile(
    r"\b(?:hyper-?parameters?|recipe|(?:training\s+)?set-?up|settings?)\b[^.\n]{0,40}"
    r"\b(?:follow|match|mirror|same|those\s+of|as\s+in|borrow|adopt)"
    r"|\bfollow(?:s|ed|ing)?\s+(?:those|that|the\s+(?:recipe|set-?up|hyper-?parameters?"
    r"|settings?|training))\b"
    r"|\b(?:baselines?|compar\w*|versus|vs\.?|against|outperform\w*|evaluat\w*|benchmark\w*"
    r"|match(?:es|ed|ing)?|on\s+par\s+with|similar\s+to)\b"
    r"|\bto\s+(?:re-?write|filter|generate|score|rank|label|annotate|judge|translate|clean"
    r"|classify|select|grade|synthesi[sz]e)\b"
    r"|\b(?:fine-?tunes|derivatives?|variants|quanti[sz]ations|merges|adapters)\s+(?:of|from)"
    r"\s+(?:this|our)\s+model\b|\bcommunity\b"
    r"|\b(?:architecture|design)\b",
    re.IGNORECASE,
)
FROM_SCRATCH = re.compile(r"\b(?:trained|pre-?trained)\s+from\s+scratch\b", re.IGNORECASE)
# Name tokens of a tuned model (a release less these is its base's name), and base-ish
# tokens a base's name may carry or lack (`name_match`).
TUNING_TOKENS = frozenset(
    {"chat", "instruct", "instruction", "it", "sft", "dpo", "rlhf", "ppo", "orpo", "kto",
     "simpo", "rl", "finetuned", "tuned", "aligned", "assistant"}
)  # fmt: skip
BASE_TOKENS = frozenset({"base", "hf", "deduped", "pt", "pretrained", "pretrain", "raw"})
# Name tokens that say a repo holds another model in a format it was converted to
# ("whisper-large-v3-mlx", "coreml-stable-diffusion-2-1-base", "m-onnx", "m-GGUF").
FORMAT_AFFIXES = frozenset(
    {"mlx", "coreml", "onnx", "ggml", "gguf", "tflite", "litert", "openvino"}
)
NAME_TOKEN_SPLIT = re.compile(r"[-_]+")
# Sections whose Hub model links are other models measured or compared, or cited.
NOT_BASE_SECTION = re.compile(
    r"\b(?:evaluations?|results?|benchmarks?|comparisons?|compared|performance|leaderboards?"
    r"|citations?|references?|related|other\s+models|see\s+also)\b",
    re.IGNORECASE,
)
# huggingface.co/<name> with one segment: a legacy model id (distilbert-base-uncased)
# unless it is one of the site's own pages.
LEGACY_MODEL = re.compile(r"https?://(?:www\.)?huggingface\.co/([A-Za-z0-9][\w.-]*)/?$")
SITE_PAGES = frozenset(
    {"docs", "spaces", "datasets", "models", "papers", "blog", "pricing", "login", "join",
     "settings", "organizations", "learn", "tasks", "posts", "collections", "chat", "enterprise"}
)  # fmt: skip
# A Hub repo id ("org/name" or a legacy "name"), not a local path ("/data/base", "./base").
HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,95}(?:/[A-Za-z0-9][\w.-]{0,95})?")
CONFIG_FILE = "adapter_config.json"
# The tag of a card written by the Trainer's template (`_trainer_title_base`).
TRAINER_TAG = "generated_from_trainer"
ADAPTER_BASE_KEY = "base_model_name_or_path"
WINDOW = 200  # characters before a link searched for DERIVED_FROM
MAX_CHECKED = 50  # Hub model links looked at per card (each costs a scan of the body)


class NamedBase(NamedTuple):
    """A Hub model a card names as its base, and where: the derivation phrase before
    or after its link, or (without one) the training section that holds the link;
    `conversion` when the phrase makes these weights a format conversion or
    quantisation of that model; `rule` when no phrase or training section names it but
    its name does (`_by_name`: the card declares no `base_model`)."""

    name: str
    phrase: str | None
    section: Section | None
    conversion: bool = False
    rule: str | None = None  # the structural rule that named it (`_by_name`)


def named_bases(
    card: Card, repo_id: str | None, converted: str | None = None
) -> tuple[NamedBase, ...]:
    """The Hub models `card` names as the model it was made from, in card order (the
    card's own repo `repo_id` and its variants only with an explicit phrase); read once
    per card, as a scan row's source and its probes both ask. `converted`: the formats
    of the repo's weight files when all are formats models are converted to
    (weight_formats.converted_formats); then the model converted, named by the card's
    lead or by this repo's name (`_converted_from`), comes first."""
    return card.derived(
        ("named_bases", repo_id, converted), lambda: _named_bases(card, repo_id, converted)
    )


def _named_bases(card: Card, repo_id: str | None, converted: str | None) -> tuple[NamedBase, ...]:
    if textsearch.search(FROM_SCRATCH, card.body):
        return ()
    own = (repo_id or "").lower()
    found: dict[str, NamedBase] = {}
    for target, link in _model_links(card, own)[:MAX_CHECKED]:
        if target.lower() == own or target in found:
            continue
        # The model's own variants (-GGUF, -instruct) count only when the card says it
        # was tuned from one ("a fine-tuned version of org/m-sft"); so do repos of
        # training checkpoints, which a training section links as published, not as the
        # base ("TinyLlama-1.1B-intermediate-step-1431k-3T", "X-Intermediate-Checkpoints").
        variant = bool(own) and target.lower().startswith(f"{own}-")
        checkpoints = bool(CHECKPOINT_REPO.search(target.rpartition("/")[2]))
        named = _named_as_base(card, link, phrase_only=variant or checkpoints)
        if named is not None:
            found[target] = named._replace(name=target)
    if own and not card.metadata.get("base_model"):
        by_name = _by_name(card, own)
        if by_name is not None and by_name.name not in found:
            found[by_name.name] = by_name
        phrased = [base for base in found.values() if base.phrase]
        # the Trainer template's opening line links its base first: unless the card's
        # words name one, that link is the base, before any other named
        if not phrased and (trainer := _trainer_title_base(card, own)) is not None:
            found = {trainer.name: trainer, **{k: v for k, v in found.items() if k != trainer.name}}
        # weights only in conversion formats: the model converted, unless the card's
        # words already name it, or name a base these weights were trained from
        if converted and not phrased:
            source = _converted_from(card, own, converted)
            if source is not None:
                found.pop(source.name, None)
                return (source, *found.values())
    return tuple(found.values())


def adapter_base(text: str | None, repo_id: str | None) -> str | None:
    """The Hub model an `adapter_config.json` text says the adapter applies to (parsed
    as JSON, never run; a local path, the repo itself or a malformed file: None)."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    value = data.get(ADAPTER_BASE_KEY) if isinstance(data, dict) else None
    if not isinstance(value, str) or not HUB_ID.fullmatch(value.strip()):
        return None
    base = value.strip()
    return None if base.lower() == (repo_id or "").lower() else base


def _model_links(card: Card, own: str) -> list[tuple[str, Link]]:
    """Hub model links with their repo ids, legacy one-segment ids included, but not
    an organisation's page: the one-segment name of the card's own organisation (`own`
    is its repo id) or of the owner of another Hub repo the card links."""
    found = []
    for link in card.links:
        if link.kind == "hf_model" and link.target:
            found.append((link.target, link))
        elif (legacy := LEGACY_MODEL.match(link.url)) and not _site_or_owner(card, legacy[1], own):
            found.append((legacy[1], link))
    return found


def _site_or_owner(card: Card, name: str, own: str) -> bool:
    """A one-segment Hub path that is no legacy model id: a page of the site, or the
    page of the card's own organisation or of another linked repo's owner."""
    return name.lower() in SITE_PAGES or name.lower() in _organisations(card, own)


def _organisations(card: Card, own: str) -> frozenset[str]:
    """The owners (lowercase) of the card's own repo and of the Hub repos it links (read
    once per card: every one-segment link asks)."""

    def owners() -> frozenset[str]:
        found = {own.partition("/")[0]} if "/" in own else set()
        for link in card.links:
            if link.kind.startswith("hf_") and link.target and "/" in link.target:
                found.add(link.target.partition("/")[0].lower())
        return frozenset(found)

    return card.derived(("organisations", own), owners)


def _by_name(card: Card, own: str) -> NamedBase | None:
    """The base a card that declares no `base_model` names by its name alone: the Hub
    model it links (outside evaluation and comparison sections, in no sentence giving
    it another role) whose name is this model's name less its tuning suffix, or stands
    in this model's name; of several, the closest (`name_match`), first in card order."""
    best: tuple[int, NamedBase] | None = None
    for target, link in _model_links(card, own)[:MAX_CHECKED]:
        if target.lower() == own:
            continue
        match = name_match(own, target)
        if match is None or (best is not None and match[0] <= best[0]):
            continue
        at = find_link(card.body, link.url)
        if at < 0 or _other_role(card, link, at):
            continue
        homes = [h for h in card.homes_of(link.url) if not _comparing(card, h)]
        if card.homes_of(link.url) and not homes:
            continue  # linked only under evaluation or comparison headings
        home = homes[0] if homes else None
        where = f"linked in '{home.title}'" if home is not None and home.title else "linked"
        rule = f"{where}; {match[1]}"
        best = (match[0], NamedBase(target, None, home, rule=rule))
    return best[1] if best is not None else None


def _trainer_title_base(card: Card, own: str) -> NamedBase | None:
    """The base of a card written by the Trainer template (tag `generated_from_trainer`)
    that declares no `base_model`: the template's title section opens "This model is a
    fine-tuned version of [X](https://huggingface.co/X) on ...", so the first Hub model
    linked in that section is the model tuned (its words may be lost, the link stays);
    none when that link is the card's own repo or its sentence gives it another role."""
    tags = card.metadata.get("tags")
    if TRAINER_TAG not in {str(t).lower() for t in (tags if isinstance(tags, list) else [tags])}:
        return None
    title = card.title_section
    if title is None and card.sections and card.sections[0].level == 1:
        title = card.sections[0]
    if title is None:
        return None
    first: tuple[int, str, Link] | None = None
    for target, link in _model_links(card, own)[:MAX_CHECKED]:
        at = find_link(title.text, link.url)
        if at >= 0 and (first is None or at < first[0]):
            first = (at, target, link)
    if first is None or first[1].lower() == own:
        return None
    _, target, link = first
    at = find_link(card.body, link.url)
    if at < 0 or _other_role(card, link, at):
        return None
    where = f"'{title.title}'" if title.title else "the title section"
    rule = f"the first Hub model linked in {where}, the title section of a Trainer card"
    return NamedBase(target, None, title, rule=rule)


def _converted_from(card: Card, own: str, converted: str) -> NamedBase | None:
    """The Hub model a card whose repo holds weights only in conversion formats
    (`converted`) names as the model converted: the one whose name is this repo's name
    less a format affix ("whisper-large-v3" of "whisper-large-v3-mlx", "sd-2-1-base" of
    "coreml-sd-2-1-base"), else the first the card's lead (its opening lines or first
    section, `_lead_end`) links; not one linked only to be compared or in another role."""
    lead: NamedBase | None = None
    for target, link in _model_links(card, own)[:MAX_CHECKED]:
        at = find_link(card.body, link.url)
        if target.lower() == own or at < 0 or _other_role(card, link, at):
            continue
        homes = card.homes_of(link.url)
        if homes and all(_comparing(card, home) for home in homes):
            continue
        home = homes[0] if homes else None
        files = f"the repo's weights are only {converted} files"
        if affix := format_affix(own, target):
            rule = f"this model's name is its name with '{affix}'; {files}"
            return NamedBase(target, None, home, conversion=True, rule=rule)
        if lead is None and at < _lead_end(card):
            where = f"the card's first section '{home.title}'" if home else "the card's opening"
            rule = f"linked in {where}; {files}"
            lead = NamedBase(target, None, home, conversion=True, rule=rule)
    return lead


def format_affix(own: str, target: str) -> str | None:
    """The format affix ('-mlx', 'coreml-', '-onnx', '-gguf', ...) that makes model
    `own`'s name the name of Hub model `target` (repo ids; tokens as `name_match`
    reads them), or None when its name is not `target`'s with such an affix."""
    mine, its = _name_tokens(own), _name_tokens(target)
    start = next((i for i, token in enumerate(mine) if token not in FORMAT_AFFIXES), len(mine))
    stop = len(mine)
    while stop > start and mine[stop - 1] in FORMAT_AFFIXES:
        stop -= 1
    if not its or (start == 0 and stop == len(mine)) or mine[start:stop] != its:
        return None
    before, after = "-".join(mine[:start]), "-".join(mine[stop:])
    return " and ".join([*([f"{before}-"] if before else []), *([f"-{after}"] if after else [])])


def _lead_end(card: Card) -> int:
    """Where the card's lead ends in its body: at the first heading that follows text
    (the opening lines before any heading, else the first section holding text)."""

    def end() -> int:
        starts = [0]
        for line in card.body.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))

        def offset(line: int) -> int:
            return starts[min(max(line - card.first_line, 0), len(starts) - 1)]

        text = bool(card.sections) and bool(card.body[: offset(card.sections[0].line)].strip())
        for section in card.sections:
            if text:
                return offset(section.line)
            text = bool(section.text.strip())
        return len(card.body)

    return card.derived("lead_end", end)


def name_match(own: str, target: str) -> tuple[int, str] | None:
    """How the name of Hub model `target` says it is the base of model `own` (repo ids),
    closest first: (3) `own`'s name without its tuning tokens (jais-13b of jais-13b-chat,
    Llama-2-7b-hf of Llama-2-7b-chat-hf); (2) the same, base-ish tokens of both set
    aside (RedPajama-INCITE-7B-Base of -7B-Chat, deepseek-coder-6.7b-base of -instruct);
    (1) a name of two or more tokens standing whole in `own`'s name (pythia-12b-deduped
    in oasst-sft-4-pythia-12b-epoch-3.5). Only a tuned model's name (a tuning token:
    chat, instruct, sft, ...) names its base, and a tuned model is none; None when the
    names say nothing. Tokens are the name's hyphen- or underscore-separated words,
    case aside."""
    mine, its = _name_tokens(own), _name_tokens(target)
    tuning = tuning_tokens(own)
    if not tuning or not its or TUNING_TOKENS.intersection(its):
        return None  # this model's name says no tuning, or the target is tuned too
    stem = [t for t in mine if t not in TUNING_TOKENS]
    if its == stem:
        return 3, f"its name is this model's name without '{'-'.join(tuning)}'"
    plain = [t for t in its if t not in BASE_TOKENS]
    if plain and plain == [t for t in stem if t not in BASE_TOKENS]:
        dropped = "-".join(t for t in its if t in BASE_TOKENS)
        also = f" and its own '{dropped}'" if dropped else ""
        return 2, f"its name is this model's name without '{'-'.join(tuning)}'{also}"
    for part in (its, plain):
        if len(part) >= 2 and _stands_in(mine, part):
            return 1, f"its name '{'-'.join(part)}' stands whole in this model's name"
    return None


def tuning_tokens(repo_id: str) -> list[str]:
    """The tuning words (TUNING_TOKENS: chat, instruct, sft, ...) of a repo's name, in
    order, as `name_match` reads them: a release so named was tuned from a base."""
    return [token for token in _name_tokens(repo_id) if token in TUNING_TOKENS]


def _name_tokens(repo_id: str) -> list[str]:
    return [t for t in NAME_TOKEN_SPLIT.split(repo_id.rpartition("/")[2].lower()) if t]


def _stands_in(tokens: list[str], part: list[str]) -> bool:
    """`part` is a run of whole tokens of `tokens`."""
    return any(tokens[i : i + len(part)] == part for i in range(len(tokens) - len(part) + 1))


def _comparing(card: Card, home: Section) -> bool:
    """The section, or one enclosing it, evaluates or compares models."""
    return any(NOT_BASE_SECTION.search(s.title) for s in card.section_path(home))


def _other_role(card: Card, link: Link, at: int) -> bool:
    """Words before the link, or its sentence, give the model linked at `at` another
    role than the source of the weights: a tokenizer, a judge, data made with it, a
    comparison, a recipe followed."""
    before = card.body[max(0, at - 80) : at]
    if OTHER_ROLE.search(before) or DATA_MADE_WITH.search(before):
        return True
    return bool(SENTENCE_ROLE.search(_sentence_around(card, at, at + len(link.url))))


def _named_as_base(card: Card, link: Link, phrase_only: bool) -> NamedBase | None:
    at = find_link(card.body, link.url)
    if at <= 0 or NOT_WEIGHTS.match(card.body, at + len(link.url)):
        return None
    before = card.body[max(0, at - WINDOW) : at]
    phrase = DERIVED_FROM.search(before)
    if phrase is not None:
        if OTHER_ROLE.search(before[: phrase.start()]):
            return None  # "a tokenizer based on X", "a judge built on X"
        if _about_a_card(card, before, phrase.start(), at, at + len(link.url)):
            return None  # "This model card is based on the [X model card](...)"
        how = phrase.group("how") or ""
        return _phrased(link, phrase.group(0).strip(), how)
    after = DERIVED_AFTER.match(card.body, at + len(link.url))
    if after is not None and not COMPARED.search(_sentence_around(card, at, at + len(link.url))):
        words = after.group(0).lstrip(")> \t")
        return _phrased(link, words, words)
    if phrase_only or _other_role(card, link, at):
        return None
    for home in card.homes_of(link.url):
        path = card.section_path(home)
        if any(card.title_matches(s, *TRAINING_SECTIONS) for s in path) and not any(
            NOT_DERIVATION_TITLE.search(s.title) for s in path
        ):
            return NamedBase(link.target or link.url, None, home)
    return None


def _about_a_card(card: Card, before: str, phrase: int, start: int, end: int) -> bool:
    """Whether a derivation phrase (at `phrase` in `before`, the text before the link
    at start:end) derives a card from a card: its object is a link named as a card, or
    the card is the phrase's own subject ("This model card is based on ...", not
    "This model card describes M, a model based on ...")."""
    if CARD_LINK_TEXT.search(before):
        return True
    first, _ = card.sentences().span_around(start, end)
    at = start - len(before) + phrase  # where the phrase starts in the body
    return CARD_SUBJECT.fullmatch(card.body, first, max(first, at)) is not None


def _phrased(link: Link, phrase: str, how: str) -> NamedBase:
    """The base a derivation phrase names; a conversion when its words (`how`, not the
    name words or link text) say the weights were only converted or quantised."""
    return NamedBase(link.target or link.url, phrase, None, bool(CONVERSION.search(how)))


def _sentence_around(card: Card, start: int, end: int) -> str:
    """The sentence of the card's body holding the span start:end (a link's URL), link
    text included, up to WINDOW characters on either side of the span."""
    first, last = card.sentences().span_around(start, end)
    return card.body[max(first, start - WINDOW) : min(last, end + WINDOW)]
