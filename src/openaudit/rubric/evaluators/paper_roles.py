"""The card's paper links by role: benchmark and dataset citations in tables (none of
the model's), the model's own papers, and references to other work."""

from __future__ import annotations

import re

from openaudit.card import TEMPLATE_PAPER_IDS, Link, Section, count_links
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.card_tables import TABLE_ROW
from openaudit.rubric.evaluators.other_work_citations import CITATION_TITLES, named_as_other_work
from openaudit.rubric.evaluators.paper_placement import called_own, made_with, placed_as_other_work
from openaudit.rubric.evaluators.reported_results import EVAL_SECTIONS, eval_sections

# Sections whose tables cite benchmarks or datasets with their papers.
CITING_SECTIONS = [
    *EVAL_SECTIONS,
    "Training Data",
    "Training Dataset",
    "Datasets",
    "Dataset",
    "Data",
    "Corpus",
]
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[([^\[\]\n]{1,999})\]:")
MAX_CITATION_CHECKS = 200  # paper links judged as citations or not; later ones count as papers


class _Citations:
    """The card's lines split into table rows and reference definitions (where benchmarks
    and datasets are cited) and the rest (prose, where the model's own paper is named)."""

    def __init__(self, body: str) -> None:
        prose: list[str] = []
        cited: list[str] = []
        for line in body.splitlines():
            tabular = TABLE_ROW.match(line) or REFERENCE_DEFINITION.match(line)
            (cited if tabular else prose).append(line)
        self.prose = "\n".join(prose).lower()
        self.cited = cited

    def only_cited(self, url: str) -> bool:
        """The URL appears only in tables, or in reference definitions used only in tables."""
        if url.lower() in self.prose:
            return False
        holding = [line for line in self.cited if url in line]
        labels = [m.group(1) for m in map(REFERENCE_DEFINITION.match, holding) if m]
        return bool(holding) and not any(f"[{x.lower()}]" in self.prose for x in labels)


def is_citation(ctx: ProbeContext, link: Link, citations: _Citations | None = None) -> bool:
    """True for a paper cited only from the tables of an evaluation or data section: the
    paper of a benchmark or dataset, not of the model."""
    card = own_card(ctx)
    home = card.home_of(link.url)
    if home is None or not (citations or _Citations(card.body)).only_cited(link.url):
        return False
    return any(card.title_matches(s, *CITING_SECTIONS) for s in card.section_path(home))


@once_per_model
def model_papers(ctx: ProbeContext) -> tuple[Link, ...]:
    """The card's paper links, minus the template's CO2 paper and benchmark or dataset
    citations in evaluation and data tables."""
    papers = [p for p in own_card(ctx).links_of("paper") if p.target not in TEMPLATE_PAPER_IDS]
    if not papers:
        return ()
    citations = _Citations(own_card(ctx).body)
    checked = [p for p in papers[:MAX_CITATION_CHECKS] if not is_citation(ctx, p, citations)]
    return (*checked, *papers[MAX_CITATION_CHECKS:])


# Sections where a card cites other work: the papers behind architecture components,
# the base model's paper under limitations, the papers of the training software. A
# paper linked only in such sections is a reference, not the model's own paper.
REFERENCE_SECTIONS = (
    "Architecture", "Limitations", "Limitation", "Bias", "Risks", "Hardware", "Software",
    "Infrastructure", "Compute", "Why use", "Related Work", "References", "Acknowledgements",
    "Acknowledgments", "Acknowledgement",
)  # fmt: skip


def papers_by_role(ctx: ProbeContext) -> tuple[list[Link], list[Link]]:
    """The card's paper links split into the model's own and references to other work
    (linked only in sections that cite other work: architecture, limitations, hardware,
    comparisons). Benchmark and dataset citations in tables are neither."""
    own: list[Link] = []
    references: list[Link] = []
    papers = model_papers(ctx)
    for link in papers[:MAX_CITATION_CHECKS]:
        (references if other_work(ctx, link) else own).append(link)
    return [*own, *papers[MAX_CITATION_CHECKS:]], references


def other_work(ctx: ProbeContext, link: Link) -> bool:
    """Where the paper stands names it as another work's (a reference, a method's, a
    dataset's or the base model's paper), and nothing calls it the card's own."""
    card = own_card(ctx)
    homes = card.homes_of(link.url)
    inside = sum(count_links(s.text, link.url) for s in homes)
    outside = count_links(card.body, link.url) > inside
    cited = (
        bool(homes)
        and not outside
        and all(
            any(card.title_matches(s, *REFERENCE_SECTIONS) for s in card.section_path(home))
            for home in homes
        )
    )
    # "This model was merged using the [TIES](...) method", "fine-tuned from [Base]
    # ([Author et al.](...))": where the link stands names it as other work, even
    # after "this model"; only its text can call it own.
    placed = made_with(card, link) or placed_as_other_work(ctx, link, homes)
    # benchmarks listed with their papers: "we evaluate on [MMLU](...)" is no "our"
    placed = placed or (not outside and _benchmark_citation(ctx, link, homes))
    other = placed or cited or named_as_other_work(ctx, link) or bool(dataset_paper(ctx, link))
    if not other and _paper_forthcoming(ctx):  # meanwhile the card cites earlier work
        other = bool(homes) and all(card.title_matches(h, *CITATION_TITLES) for h in homes)
    return other and not called_own(card, link, text_only=placed)


def _benchmark_citation(ctx: ProbeContext, link: Link, homes: list[Section]) -> bool:
    """A paper linked only in evaluation sections that link two papers or more: the
    papers of the benchmarks listed ("MMLU [arXiv], HumanEval [arXiv]"), in prose as in
    a table, not the model's own (one paper alone there may be the model's report)."""
    card = own_card(ctx)
    evaluations = {id(section) for section in eval_sections(ctx)}
    inside = (any(id(s) in evaluations for s in card.section_path(home)) for home in homes)
    if not homes or not all(inside):
        return False
    urls = {paper.url for paper in model_papers(ctx)} - {link.url}
    return any(url in home.text for home in homes for url in urls)


# "Paper: coming soon", "the technical report will be released": the model's own paper
# is not out yet, so what its Citation section cites meanwhile is earlier work.
PAPER_FORTHCOMING = re.compile(
    r"\b(?:paper|technical report|tech report|preprint)\b[^.\n]{0,30}?"
    r"(?:\bcoming soon\b|\bforthcoming\b|\bsoon\b|\btb[ad]\b"
    r"|\bwill be (?:released|published|available)\b|\bto be (?:released|published)\b)",
    re.IGNORECASE,
)


@once_per_model
def _paper_forthcoming(ctx: ProbeContext) -> bool:
    return PAPER_FORTHCOMING.search(own_card(ctx).body) is not None


def dataset_paper(ctx: ProbeContext, link: Link) -> str | None:
    """The dataset whose paper the link is: a dataset the card names, published by someone
    else, whose Hub tags carry the paper's arXiv id (`arxiv:ID`, the tag the Hub gives a
    dataset for a paper its card links). A paper shared with a dataset of the model's own
    publisher may introduce both, so it is not taken as the dataset's alone."""
    if link.target is None:
        return None
    tag = f"arxiv:{link.target.lower()}"
    own = (ctx.evidence.repo_id or "").lower().partition("/")[0]
    for dataset in ctx.evidence.datasets:
        publisher = dataset.repo_id.lower().partition("/")[0]
        if publisher != own and any(t.lower() == tag for t in dataset.tags):
            return dataset.repo_id
    return None
