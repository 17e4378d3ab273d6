"""The EOSAI hardware and architecture dimension: the architecture and the hardware
training ran on, as the card documents them (never the hardware to run it on)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from openaudit import textsearch
from openaudit.evidence import Citation
from openaudit.frameworks.eosai.rated_levels import Rated, between, concluded, stated
from openaudit.links import classify_link
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.card_topics import (
    ARCH_LABEL,
    HARDWARE_LABEL,
    MAX_LABEL_WORDS,
    MIN_VALUE_WORDS,
)
from openaudit.rubric.evaluators.evaluator_helpers import definition_lines, no_readme, words
from openaudit.rubric.evaluators.generic import best_section, matching_files
from openaudit.rubric.evaluators.model_configs import architecture_config
from openaudit.rubric.evaluators.reported_results import URL
from openaudit.training_sections import (
    ARCHITECTURE_SECTION_NAMES,
    HARDWARE_SECTION_NAMES,
    RUNNING_WORDS,
    TRAINING_SECTION_NAMES,
    TRAINING_WORDS,
    USAGE_SECTIONS,
    about_running,
    running_hardware,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from openaudit.card import Card, Section


ARCH_FILES = ["config.json", "params.json", "*/config.json"]


def definition(ctx: ProbeContext, label: re.Pattern[str], not_running: bool = False) -> str | None:
    """The first card line defining a label like `label` with a substantive value; if
    `not_running`, none whose label or section is about running the model."""
    card = own_card(ctx)
    for section, text in _texts(card) if not_running else ((None, card.body),):
        if section is not None and _runs_in(card, section):
            continue
        for name, value in definition_lines(text):
            short = len(name.split()) <= MAX_LABEL_WORDS
            kept = not not_running or not about_running(name)
            if short and kept and label.search(name) and words(value) >= MIN_VALUE_WORDS:
                return f"{name}: {value}"[:120]
    return None


def _texts(card: Card) -> Iterator[tuple[Section | None, str]]:
    """The card body's text before its first heading, then each section's own text."""
    yield None, card.opening()
    yield from ((section, section.text) for section in card.sections)


def _documented(
    ctx: ProbeContext, sections: list[str], label: re.Pattern[str]
) -> tuple[str, Citation] | None:
    """Where the card documents a topic: a section of 10+ words or a definition line."""
    section, count = best_section(ctx, sections)
    if section is not None and count >= 10:
        return f"'{section.title}'", ctx.section(section)
    line = definition(ctx, label)
    return (f"'{line}'", ctx.readme(line)) if line else None


def _hardware_documented(ctx: ProbeContext) -> tuple[str, Citation, bool] | None:
    """Where the card documents the hardware training ran on: a section of 10+ words
    titled as hardware or compute, or a shorter one naming the accelerators, or a
    definition line labelled so; neither about
    running the model ("Hardware Requirements", "Recommended Hardware", "Compute your
    embeddings", a "Supported Hardware Compatibility" line, "Hardware" under
    "Inference"). The flag: found by a section's title (what it holds is concluded)."""
    card = own_card(ctx)
    found = [
        (card.section_words(section), section)
        for section in card.find_sections(*HARDWARE_SECTION_NAMES)
        if not _runs_in(card, section) and not running_hardware(card, section)
    ]
    count, section = max(found, key=lambda item: item[0], default=(0, None))
    if section is not None and count >= 10:
        return f"'{section.title}'", ctx.section(section), True
    # the template's terse "#### Hardware\n2048 x H100": short, but it names the accelerators
    for _, short in found:
        prose = " ".join(URL.sub(" ", short.text).split())
        if ACCELERATOR.search(prose) and not about_running(prose):
            return f"'{short.title}' ('{prose[:80]}')", ctx.section(short), True
    line = definition(ctx, HARDWARE_LABEL, not_running=True)
    return (f"'{line}'", ctx.readme(line), False) if line else None


def _running_note(ctx: ProbeContext) -> str:
    """What a closed answer adds of hardware sections set aside as hardware to run the
    model: "; 'Hardware' tells the hardware to run the model", or nothing."""
    card = own_card(ctx)
    titles = [
        f"'{section.title}'"
        for section in card.find_sections(*HARDWARE_SECTION_NAMES)
        if not _runs_in(card, section) and running_hardware(card, section)
    ]
    return f"; {', '.join(titles[:2])} tells the hardware to run the model" if titles else ""


def _runs_in(card: Card, section: Section) -> bool:
    """Whether the section, or one enclosing it (not the card's title heading), is about
    running the model: titled as its usage or deployment, or with running words."""
    return any(
        card.title_matches(s, *USAGE_SECTIONS) or about_running(s.title)
        for s in card.section_path(section)
        if s is not card.title_section
    )


# Training hardware told in a sentence of a training section ("Trained on 512 H100 GPUs
# for 18 days", "Pretraining ran on a TPU v4-256 pod", "took 1.2M GPU hours on H800"):
# an accelerator's name, a count of accelerators or nodes, or accelerator hours. Not
# only GPUs and TPUs: Cerebras CS-2 systems (wafer-scale engines, Condor Galaxy), Graphcore
# IPUs, SambaNova RDUs, Grace Hopper superchips, Gaudi, Trainium and Ascend train models too.
# A name may take a plural "s" ("8 A100s").
ACCELERATOR = re.compile(
    r"\b(?:[AHV]100|H[28]00|H20|A[48]00|A6000|A40|A10G?|P100|T4|L40S?|L4|G[BH]?[12]00"
    r"|MI\d{3}X?|RTX\s?\d{4}|TPU[\s-]?v\d[\w-]*|Gaudi\s?\d?|Trainium\d?|Ascend\s?910\w?"
    r"|CS-[123]|WSE-?[123]|wafer[\s-]scale(?:\s+(?:engines?|systems?|clusters?))?"
    r"|Condor\s+Galaxy(?:[\s-]\d)?|Grace\s+Hopper|Graphcore|(?:Bow[\s-])?IPU(?:s|-POD\d*)?"
    r"|SambaNova|SN\d0L|RDUs?)s?\b"
    r"|\b\d[\d,.]*\s*[kKM]?\s*[x\u00d7]?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:GPUs|TPUs|accelerators|chips|superchips|nodes)\b"
    r"|\b(?:GPU|TPU|IPU|accelerator|chip|node)[- ]hours?\b",
    re.IGNORECASE,
)
# ... unless the sentence, title or label is about running the model and not training it
# (training_sections.about_running: "runs on a single RTX 4090", "Hardware Requirements").


# The computing centre or cluster training ran on, named in prose ("trained on the
# Tier-1 supercomputer of ...") or linked (a centre's page whose address names its
# compute or HPC service): where training ran, if not on which accelerators.
COMPUTE_SITE = re.compile(
    r"\bsuper-?comput\w*|\bHPC\b|\bhigh[- ]performance\s+computing\b"
    r"|\bcomput(?:e|ing)\s+(?:cent(?:er|re)|cluster|facility)\b",
    re.IGNORECASE,
)
COMPUTE_ADDRESS = re.compile(r"(?:super)?comput(?:e|ing)|hpc", re.IGNORECASE)


def _training_sections(ctx: ProbeContext) -> tuple[Section, ...]:
    """The training sections and the sections inside them, but none on using the model
    (found once per model: the hardware and the computing-centre readers both ask)."""
    card = own_card(ctx)

    def training(section: Section) -> bool:
        path = card.section_path(section)
        return any(card.title_matches(s, *TRAINING_SECTION_NAMES) for s in path) and not any(
            card.title_matches(s, *USAGE_SECTIONS) for s in path
        )

    return ctx.cached(
        ("eosai", "training sections"), lambda: tuple(filter(training, card.sections))
    )


# The template's "Environmental Impact" block (hardware type, hours used, carbon emitted)
# is training's footprint: accelerators named there are training's.
FOOTPRINT_SECTIONS = ["Environmental Impact", "Carbon Emissions", "Carbon Footprint", "Emissions"]


def _training_hardware(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """The first sentence (or title) naming the accelerators training ran on: in a
    training section, a section inside one ("## Fine-tuning on Gaudi2") or a footprint
    section, or (any section but one on using the model) a sentence that says so
    ("the model was trained on 400 H100 GPUs"). Addresses are not read: a URL may name
    anything."""
    card = own_card(ctx)
    training = {id(section) for section in _training_sections(ctx)}
    for section in card.sections:
        path = card.section_path(section)
        told = id(section) in training or any(
            card.title_matches(s, *FOOTPRINT_SECTIONS) for s in path
        )
        if not told and any(card.title_matches(s, *USAGE_SECTIONS) for s in path):
            continue
        # (the text without its addresses is searched only when the section's own text
        # holds ACCELERATOR's needles: an address gives way to a space, adding none)
        if not ACCELERATOR.search(section.title) and not (
            textsearch.may_match(ACCELERATOR, section.text)
            and ACCELERATOR.search(textsearch.sub(URL, " ", section.text))
        ):
            continue
        for sentence in (section.title, *card.sentences(section.text).texts):
            prose = URL.sub(" ", sentence)
            if not ACCELERATOR.search(prose):
                continue
            if about_running(prose):
                continue
            if not told and not TRAINING_WORDS.search(prose):
                continue
            said = " ".join(prose.split())[:120]
            if sentence is section.title:
                return f"the section '{said}'", ctx.section(section)
            return f"'{said}' in '{section.title}'", ctx.section(section)
    return None


def _compute_site(ctx: ProbeContext) -> tuple[str, Citation] | None:
    """A training section's sentence naming the computing centre or cluster training ran
    on, or its link to one: a page (no code, paper or Hub link) whose host or path names
    a compute, computing or HPC service ("vsc.example/compute", "hpc.example.edu")."""
    card = own_card(ctx)
    for section in _training_sections(ctx):
        for url in URL.findall(section.text) if textsearch.may_match(URL, section.text) else ():
            if classify_link(url)[0] != "other":
                continue
            split = urlsplit(url)
            parts = [*(split.hostname or "").split("."), *split.path.lower().split("/")]
            if any(COMPUTE_ADDRESS.fullmatch(part) for part in parts):
                return f"'{section.title}' links a computing centre ({url})", ctx.section(section)
        for sentence in card.sentences(textsearch.sub(URL, " ", section.text)).texts:
            if COMPUTE_SITE.search(sentence) and not RUNNING_WORDS.search(sentence):
                said = " ".join(sentence.split())[:120]
                return f"'{said}' in '{section.title}'", ctx.section(section)
    return None


HARDWARE_READ = (
    "no hardware or compute section, hardware line or training sentence names the accelerators"
)


def hardware_level(ctx: ProbeContext) -> Rated:
    """The architecture and the training setup (hardware) documented. The dimension asks
    for the training setup: the architecture alone, which any config.json shows, is
    closed, also when a card section documents it (the index's ratings: see
    docs/rules.md, EOSAI); the hardware without the architecture partial; both open
    (inferred: their completeness is not shown). Hardware is documented in a definition
    line (stated), in its own section or a sentence of a training section naming the
    accelerators (inferred: a title says what a section is about, not what it holds),
    never in one on running the model ("Hardware Requirements"); a training section
    naming or linking only the computing centre it ran on is partial (inferred)."""
    configs = matching_files(ctx, ARCH_FILES)
    config = (f"{configs[0]} (architecture only)", ctx.file(configs[0])) if configs else None
    if config is None and (other := architecture_config(ctx)):  # a FunASR, SpeechBrain config
        config = (f"{other.where} (architecture only)", other.citations[0])
    if not ctx.readme_read:
        unread = no_readme(ctx)
        return between("closed", "open", unread.reason, *unread.citations)
    arch = _documented(ctx, ARCHITECTURE_SECTION_NAMES, ARCH_LABEL) or config
    documented = _hardware_documented(ctx)
    hardware = documented[:2] if documented else None
    # a section's title says what it is about, not that it holds the training setup
    read = documented[2] if documented else (hardware := _training_hardware(ctx)) is not None
    site = _compute_site(ctx) if hardware is None else None
    found = [item for item in (arch, hardware or site) if item]
    cites = tuple(cite for _, cite in found)
    # closed for what the readers did not find: a reading of the card, not its word
    if not found:
        why = f"no architecture or hardware documentation ({HARDWARE_READ}{_running_note(ctx)})"
        return concluded("closed", why, ctx.readme())
    shown = ", ".join(what for what, _ in found)
    if site is not None:
        why = f"where training ran is told ({shown}), but not on what hardware"
        return concluded("partial", why, *cites)
    if hardware is None:
        why = (
            f"architecture in {shown}, but the training setup (hardware) is undocumented"
            f" ({HARDWARE_READ}{_running_note(ctx)})"
        )
        return concluded("closed", why, *cites)
    if arch is None:
        rate = concluded if read else stated
        return rate("partial", f"hardware in {shown}; architecture undocumented", *cites)
    return concluded("open", f"architecture and training hardware documented: {shown}", *cites)
