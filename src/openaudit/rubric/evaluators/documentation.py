"""Documentation-layer evaluators: model card, evaluation results, paper, metadata."""

from __future__ import annotations

from typing import Any

from openaudit.card import Link
from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.card_topics import card_topics, topics_said
from openaudit.rubric.evaluators.evaluator_helpers import link_cites, no_readme, quote, words
from openaudit.rubric.evaluators.generic import matching_files
from openaudit.rubric.evaluators.paper_roles import dataset_paper, model_papers, papers_by_role
from openaudit.rubric.evaluators.reported_results import (
    EVAL_FILES,
    eval_table,
    results_table_anywhere,
)
from openaudit.rubric.evaluators.unfilled_sections import unfilled_count
from openaudit.rubric.evaluators.unlinked_papers import (
    cited_papers,
    paper_tags,
    report_files,
    unlinked_paper_tags,
)
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome

# The model card shipped as a file of its own beside a README that points to it (voice
# packs, repositories mirrored from GitHub): MODEL_CARD.md, model_card.txt, MODELCARD.
CARD_FILES = [
    f"{name}{ext}" for name in ("model_card", "model-card", "modelcard")
    for ext in ("", ".md", ".txt", ".markdown")
]  # fmt: skip
CARD_FILE = "the model card is a file of its own in the repo"  # the reason's start
# A card file's smallest known size: an empty or near-empty file (a stub, a title) is no
# model card. A listing without sizes is taken at its name.
MIN_CARD_FILE_BYTES = 200
MIN_CARD_TOPICS = 2  # topics a card under the word floor must cover to count


@evaluator(
    "card_substantive",
    params={
        "min_words": Param("int", 150, "words the card body needs, placeholders excluded"),
        "max_unfilled": Param("number", 0.5, "largest share of placeholder-only sections"),
    },
    reads=("README.md", "files"),
    doc=(
        "A model card exists, has at least MIN_WORDS words, or covers two of its topics"
        " (architecture, training data, training procedure or hardware, evaluation results)"
        " with no section left unfilled (inferred), and is not an unfilled template; or the"
        " repo holds the card as a file of its own (MODEL_CARD.md, model_card.txt,"
        " MODELCARD: inferred from its name)."
    ),
)
@once_per_model
def card_substantive(ctx: ProbeContext, min_words: int, max_unfilled: float) -> Outcome:
    """A model card exists and is more than an unfilled template."""
    if not ctx.readme_read:
        if ctx.evidence.access == "gated":
            return no_readme(ctx)
        return _card_file(ctx) or Outcome.no(
            "the repository has no README (model card)", Citation("files")
        )
    count = words(own_card(ctx).body)
    sections = len(own_card(ctx).sections)
    unfilled = unfilled_count(ctx)
    # under the floor, a card covering its topics is one, unless it leaves a section unfilled
    covered = card_topics(ctx) if count < min_words else ()
    if count < min_words and (len(covered) < MIN_CARD_TOPICS or unfilled):
        why = f"the card has {count} words, fewer than {min_words}"
        if unfilled and len(covered) >= MIN_CARD_TOPICS:
            why += f", and {unfilled} of {sections} sections hold only template placeholders"
        elif covered:
            why += f", and covers only {topics_said(covered)}"
        return _card_file(ctx, why) or Outcome.no(why, ctx.readme())
    if sections and unfilled / sections > max_unfilled:
        reason = f"{unfilled} of {sections} sections hold only template placeholders"
        cite = ctx.readme(f"{own_card(ctx).placeholders} placeholders")
        return _card_file(ctx, reason) or Outcome.no(reason, cite)
    if covered:
        why = (
            f"the card has {count} words, fewer than {min_words}, but covers {topics_said(covered)}"
        )
        return Outcome.yes(why, ctx.readme(f"{count} words"), inferred=True)
    return Outcome.yes(f"{count} words in {sections} sections", ctx.readme(f"{count} words"))


def _card_file(ctx: ProbeContext, readme: str = "") -> Outcome | None:
    """The model card as a file of its own at the repo's root (inferred from its name: its
    text is not read; not a vendored project's card or a template in a folder, nor a file
    whose listed size is under MIN_CARD_FILE_BYTES), or None."""
    names = {name.lower() for name in CARD_FILES}
    shipped = [
        f.path
        for f in ctx.evidence.files
        if f.path.lower() in names and (f.size is None or f.size >= MIN_CARD_FILE_BYTES)
    ]
    if not shipped:
        return None
    why = f"{CARD_FILE}: {', '.join(shipped[:3])} (its name says so; its text was not read)"
    if readme:
        why += f"; the README: {readme}"
    cites = (*(ctx.file(path) for path in shipped[:3]), *((ctx.readme(),) if readme else ()))
    return Outcome.yes(why, *cites, inferred=True)


@evaluator(
    "template_coverage",
    params={"min_ratio": Param("number", 0.5, "share of the Hub template's sections needed")},
    reads=("README.md",),
    doc="The card fills at least MIN_RATIO of the Hub model-card template's sections.",
)
def template_coverage(ctx: ProbeContext, min_ratio: float) -> Outcome:
    """The card covers enough of the Hub's model card template."""
    if not ctx.readme_read:
        return no_readme(ctx)
    coverage = own_card(ctx).template_coverage()
    filled = [name for name, present in coverage if present]
    ratio = len(filled) / len(coverage) if coverage else 0.0
    shown = f"{len(filled)} of {len(coverage)} template sections are filled"
    cite = ctx.readme(", ".join(filled) or "none")
    return (Outcome.yes if ratio >= min_ratio else Outcome.no)(shown, cite)


def _index_results(index: Any) -> bool:
    """Whether `model-index` holds at least one result (the Trainer writes `results: []`)."""
    entries = index if isinstance(index, list) else [index]
    return any(isinstance(e, dict) and e.get("results") for e in entries)


@evaluator(
    "evaluation_results",
    reads=("card:model-index", "files", "README.md"),
    doc=(
        "Evaluation results are published: model-index, .eval_results/, a results table, or"
        " in an evaluation section scores, a chart whose file name speaks of results"
        " ('m_eval.png': shown or linked by URL, or shown by a path to a file of the"
        " repository), or a link to results published elsewhere (inferred)."
    ),
)
@once_per_model
def evaluation_results(ctx: ProbeContext) -> Outcome:
    """Evaluation results are published in the metadata, result files or a card table."""
    index = ctx.metadata.get("model-index")
    if _index_results(index):
        return Outcome.yes(
            "`model-index` metadata holds results", ctx.field("model-index", "present")
        )
    files = matching_files(ctx, EVAL_FILES)
    if files:
        return Outcome.yes(f"{len(files)} result file(s)", *(ctx.file(p) for p in files[:3]))
    if not ctx.readme_read:
        return no_readme(ctx)
    table = eval_table(ctx)
    if table is not None and table.answer == "yes":
        return table
    found = results_table_anywhere(ctx)
    if found is not None:
        names, section = found
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        where = f"in '{section.title}'" if section else "in the card's opening"
        why = f"a results table {where} gives scores on benchmarks ({shown})"
        return Outcome.yes(why, ctx.section(section) if section else ctx.readme(), inferred=True)
    if table is not None:
        return table
    return Outcome.no("no model-index, result files or evaluation section", ctx.readme())


@evaluator(
    "paper_linked",
    reads=("README.md", "api:tags", "files"),
    doc=(
        "The model's own paper or technical report is linked from the card or tagged"
        " (arxiv:ID), or cited by its arXiv id alone (a BibTeX eprint, 'arXiv:ID': inferred);"
        " papers cited only in evaluation or data tables are the benchmarks' or"
        " datasets', and papers linked only where the card cites other work (architecture,"
        " limitations, hardware) are references. A link whose address names a report"
        " ('lab.example/model3-tech-report') is a paper, and so is a report or paper PDF in"
        " the repository ('technical_report.pdf': inferred from its name; not a licence,"
        " policy, datasheet or model card)."
    ),
)
@once_per_model
def paper_linked(ctx: ProbeContext) -> Outcome:
    """The model's own paper or technical report is linked or tagged."""
    tags = paper_tags(ctx)
    own, references = papers_by_role(ctx) if model_papers(ctx) else ([], [])
    if own:
        cites = link_cites(own)
        shown = ", ".join(dict.fromkeys(link.target or link.url for link in own[:3]))
        return Outcome.yes(f"paper linked: {shown}", *cites[:5])
    beyond = unlinked_paper_tags(ctx)
    if beyond:
        return Outcome.yes(f"tagged {', '.join(beyond[:3])}", ctx.api("tags", ", ".join(beyond)))
    if cited := cited_papers(ctx):
        return _cited_paper(ctx, cited)
    if shipped := report_files(ctx):
        return _shipped_report(ctx, shipped)
    if references:
        places = dict.fromkeys(
            f"{link.target or link.url}{_place(ctx, link)}" for link in references[:3]
        )
        why = f"papers linked only as references to other work ({', '.join(places)}): no own paper"
        cites = link_cites(references)
        return Outcome.no(why, *cites, inferred=True)
    if not ctx.readme_read:
        return no_readme(ctx)
    if tags:
        why = f"the arxiv tags name only papers the card cites ({', '.join(tags[:3])})"
        return Outcome.no(why, ctx.readme(), ctx.api("tags", ", ".join(tags)), inferred=True)
    # nothing says "no paper": the readers found none in the card's links, arXiv ids and tags
    why = "no paper link and no arxiv tag (the card's links and arXiv ids and the tags were read)"
    return Outcome.no(why, ctx.readme(), ctx.api("tags"), inferred=True)


def _shipped_report(ctx: ProbeContext, shipped: list[str]) -> Outcome:
    """The model's own report shipped in its repository (inferred: its file name says it
    is a report or paper; what it holds was not read)."""
    why = f"a report in the repo: {', '.join(shipped[:3])} (its file name says report or paper)"
    return Outcome.yes(why, *(ctx.file(path) for path in shipped[:3]), inferred=True)


def _cited_paper(ctx: ProbeContext, cited: tuple[Link, ...]) -> Outcome:
    """The model's own paper given by its arXiv id alone (inferred: the id is cited where
    nothing names it another work's, as in the card's own Citation block)."""
    card = own_card(ctx)
    places = []
    for link in cited[:3]:
        home = card.home_of(link.url)
        places.append(f"arXiv:{link.target}" + (f" in {quote([home.title])}" if home else ""))
    shown = ", ".join(f"https://arxiv.org/abs/{link.target}" for link in cited[:3])
    why = (
        f"the card cites {', '.join(places)} with no link, where nothing names it another"
        f" work's: the model's own paper, read as {shown}"
    )
    return Outcome.yes(why, *(ctx.readme(link.url) for link in cited[:3]), inferred=True)


def _place(ctx: ProbeContext, link: Link) -> str:
    home = own_card(ctx).home_of(link.url)
    where = f" in {quote([home.title])}" if home else ""
    dataset = dataset_paper(ctx, link)
    return f"{where}, the paper of dataset {dataset}" if dataset else where


@evaluator(
    "metadata_readable",
    reads=("README.md",),
    doc="The card has a YAML metadata block that parses.",
)
def metadata_readable(ctx: ProbeContext) -> Outcome:
    """The card's YAML metadata block exists and parses."""
    if not ctx.readme_read:
        if ctx.evidence.api_card_data is not None:
            return Outcome.yes("card metadata was read from the Hub API", ctx.api("cardData"))
        return no_readme(ctx)
    error = ctx.card.metadata_error
    if error:
        return Outcome.no(f"the metadata block does not parse: {error}", ctx.readme(error))
    if not ctx.card.has_front_matter:
        return Outcome.no("the README has no YAML metadata block", ctx.readme())
    keys = ", ".join(sorted(ctx.metadata)[:8])
    return Outcome.yes(f"metadata keys: {keys}", ctx.readme(keys))
