"""Documentation-layer evaluators: model card, evaluation results, paper, metadata."""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from openaudit import textsearch
from openaudit.card import TEMPLATE_PAPER_IDS, Card, Link, Section, count_links, find_link
from openaudit.evidence import Citation
from openaudit.links import IMAGE_FILE, pdf_named_no_paper, record_doi
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import foreign_sections, own_card
from openaudit.rubric.evaluators.benchmark_names import SCORE, results_table_names
from openaudit.rubric.evaluators.card_tables import TABLE_RULE, tables
from openaudit.rubric.evaluators.copies import MERGE_SECTIONS, merge_recipes, merge_tags
from openaudit.rubric.evaluators.evaluator_helpers import (
    PLACEHOLDER,
    as_list,
    link_cites,
    model_name_words,
    name_words,
    no_readme,
    quote,
    words,
)
from openaudit.rubric.evaluators.generic import matching_files, matching_tags
from openaudit.rubric.registry import Param, evaluator
from openaudit.training_sections import DATA_SECTION_NAMES
from openaudit.verdict import Outcome

# Titles of evaluation sections; "Leaderboard" and "Scores" head results too ("Open LLM
# Leaderboard", "Scores on MT-Bench"). Titles in other languages: Japanese, Traditional
# Chinese, Korean, French, German, Spanish (Han and kana titles match by character, so
# "評価結果" holds "評価").
EVAL_SECTIONS = [
    "Evaluation", "Evaluations", "Results", "Benchmarks", "Benchmark", "Performance",
    "Leaderboard", "Leaderboards", "Scores",
    "评测", "评估", "評価", "評測", "評估", "평가", "Évaluation", "Évaluations", "Résultats",
    "Evaluierung", "Auswertung", "Ergebnisse", "Evaluación", "Resultados",
]  # fmt: skip
# "Training results" (the Trainer's loss log) and "Training and evaluation data" share
# words with evaluation sections but hold no evaluation results.
NOT_EVAL_TITLE = re.compile(r"\btrain|\bdata(?:sets?)?\s*$", re.IGNORECASE)
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
EVAL_FILES = [".eval_results/*.yaml", ".eval_results/*.yml"]


# What an unfilled template section holds besides placeholders: field labels (its
# comments are gone already: the card's body has none).
TEMPLATE_NOISE = re.compile(r"\*\*[^*\n]{1,80}\*\*:?")


def _unfilled_section(text: str) -> bool:
    if textsearch.search(PLACEHOLDER, text) is None:
        return False
    rest = PLACEHOLDER.sub("", TEMPLATE_NOISE.sub("", text))
    return not any(c.isalnum() for c in rest)


def _unfilled(ctx: ProbeContext) -> int:
    """Sections whose own text is only placeholders, field labels and comments."""
    return sum(1 for section in own_card(ctx).sections if _unfilled_section(section.text))


@evaluator(
    "card_substantive",
    params={
        "min_words": Param("int", 150, "words the card body needs, placeholders excluded"),
        "max_unfilled": Param("number", 0.5, "largest share of placeholder-only sections"),
    },
    reads=("README.md",),
    doc="A model card exists, has at least MIN_WORDS words and is not an unfilled template.",
)
@once_per_model
def card_substantive(ctx: ProbeContext, min_words: int, max_unfilled: float) -> Outcome:
    """A model card exists and is more than an unfilled template."""
    if not ctx.readme_read:
        if ctx.evidence.access == "gated":
            return no_readme(ctx)
        return Outcome.no("the repository has no README (model card)", Citation("files"))
    count = words(own_card(ctx).body)
    if count < min_words:
        return Outcome.no(f"the card has {count} words, fewer than {min_words}", ctx.readme())
    sections = len(own_card(ctx).sections)
    unfilled = _unfilled(ctx)
    if sections and unfilled / sections > max_unfilled:
        reason = f"{unfilled} of {sections} sections hold only template placeholders"
        return Outcome.no(reason, ctx.readme(f"{own_card(ctx).placeholders} placeholders"))
    return Outcome.yes(f"{count} words in {sections} sections", ctx.readme(f"{count} words"))


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


def has_table(text: str) -> bool:
    """Whether text holds a table: a markdown table's delimiter row or an HTML table."""
    if "|" in text and "-" in text and TABLE_RULE.search(text):
        return True
    if "<" not in text:
        return False
    lowered = text.lower()
    return "<table" in lowered and "<td" in lowered


def _eval_sections(ctx: ProbeContext) -> list[Section]:
    """Sections titled like an evaluation, minus training-loss logs and data listings."""
    found = own_card(ctx).find_sections(*EVAL_SECTIONS)
    return [s for s in found if not NOT_EVAL_TITLE.search(s.title)]


def _eval_table(ctx: ProbeContext) -> Outcome | None:
    """Yes when an evaluation section holds a table or reports results otherwise; a no
    naming it when it has none."""
    found = _eval_sections(ctx)
    for section in found:
        if has_table(own_card(ctx).section_text(section)):
            return Outcome.yes(f"a results table in '{section.title}'", ctx.section(section))
    if not found:
        return None
    elsewhere = _results_elsewhere(ctx, found)
    if elsewhere is not None:
        return elsewhere
    why = f"section '{found[0].title}' has no results table and links no results"
    return Outcome.no(why, ctx.section(found[0]))


# An evaluation section titled as results ("Evaluation Results", "Benchmarks") reports
# results without a table when it gives scores (two, or one in this many words) or a
# chart of them, or when it holds prose of some size (MIN_RESULTS_PROSE_WORDS: the
# results told in words, or a table a copy of the card lost), and does not say they are
# still to come. A plain "Evaluation" section may only say how the model was evaluated.
RESULTS_TITLE = re.compile(
    r"\bresults?\b|\bbenchmarks?\b|\bperformance\b|\bleaderboards?\b|\bscores?\b"
    r"|\br[ée]sultats?\b|\bergebnisse\b|\bresultados\b|结果|結果|결과",
    re.IGNORECASE,
)
MIN_RESULTS_WORDS = 20
MIN_RESULTS_PROSE_WORDS = 80
# A section titled only "Performance" that speaks of speed or memory reports how fast the
# model runs, not evaluation results.
ONLY_PERFORMANCE = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?(?:model\s+)?performance\W*$", re.I)
SPEED_WORDS = re.compile(
    r"\b(?:latency|throughput|speed|fast(?:er|est)?|memory|vram|tokens?\s*(?:/\s*s|per\s+second)"
    r"|it/s|inference\s+time)\b",
    re.IGNORECASE,
)
HEADING_LINE = re.compile(r"^#{1,6}[ \t].*$", re.MULTILINE)
URL = re.compile(r"(?:https?|ftp)://[^\s<>\"'\])]+", re.IGNORECASE)
CHART = re.compile(r"!\[([^\]\n]{0,200})\]\(([^)\s]{0,500})\)|<img\b([^>]{0,500})>", re.IGNORECASE)
CHART_WORDS = re.compile(r"plot|chart|graph|result|score|eval|benchmark|pareto|compar", re.I)
NOT_YET = re.compile(
    r"\b(?:coming soon|tbd|todo|to be (?:added|announced|released|published)"
    r"|will (?:be )?(?:evaluat|report|post|publish|add|releas|updat))",
    re.IGNORECASE,
)
# Links from an evaluation section to results published elsewhere: a leaderboard or a
# results dataset on the Hub; a page or paper whose link or line speaks of results. A
# harness (code) or a benchmark dataset is how the model was evaluated, not results.
ELSEWHERE = "results published elsewhere"  # how such an answer's reason starts
RESULTS_ON_HUB = re.compile(r"leaderboard|arena|results?\b|details_", re.IGNORECASE)
# Words that state numbers as results: "scores 62.2", "an average of", "reaches 71.3".
STATED_SCORES = re.compile(
    r"\b(?:scor(?:es?|ed|ing)|averag(?:e[sd]?|ing)|achiev(?:es?|ed|ing)|reach(?:es|ed)?"
    r"|attain(?:s|ed)?|outperform(?:s|ed|ing)?|accuracy|f1|bleu|rouge|pass@\d+|win[- ]?rates?)\b",
    re.IGNORECASE,
)
RESULTS_WORDS = re.compile(r"\bresults?\b|\bscores?\b|\bleaderboards?\b|\bbenchmarks?\b", re.I)


def _scores(text: str) -> bool:
    """The text gives scores (numbers or a chart), not only plans or counts."""
    # headings name models; URLs hold ids (each pattern skipped where its literal is not)
    prose = HEADING_LINE.sub("", text) if "#" in text else text
    prose = URL.sub(" ", prose) if "://" in prose else prose
    if textsearch.search(NOT_YET, prose):
        return False
    if _may_chart(text) and any(CHART_WORDS.search(m.group(0)) for m in CHART.finditer(text)):
        return True
    scores = SCORE.findall(CHART.sub(" ", prose) if _may_chart(prose) else prose)
    return len(scores) >= 2 or (bool(scores) and words(prose) >= MIN_RESULTS_WORDS)


def _may_chart(text: str) -> bool:
    """False when the text holds no CHART: an image's "!" and an img tag's "<" are missing."""
    return "!" in text or "<" in text


def _results_link(card: Card, link: Link) -> bool:
    if not link.url.lower().startswith(("http://", "https://")):
        return False
    if link.kind in ("hf_space", "hf_dataset"):
        return bool(RESULTS_ON_HUB.search(link.target or ""))
    if link.kind not in ("paper", "other"):
        return False
    lines = [line for line in card.lines_with(link.url) if not TABLE_ROW.match(line)]
    return bool(RESULTS_WORDS.search(link.text) or any(map(RESULTS_WORDS.search, lines)))


def _results_elsewhere(ctx: ProbeContext, sections: list[Section]) -> Outcome | None:
    """Yes (inferred) when an evaluation section reports results without a table that
    was read: titled as results, it gives scores; it links results published elsewhere;
    or, titled as results, it holds prose of some size."""
    card = own_card(ctx)
    texts = [card.section_text(section) for section in sections]
    for section, text in zip(sections, texts, strict=True):
        if _unfilled_section(text) or not _scores(text):
            continue
        # Any evaluation section that states its scores as results ("an average of 62.2
        # over 56 datasets") reports them; numbers alone there may be settings.
        if RESULTS_TITLE.search(section.title) or STATED_SCORES.search(text):
            why = f"section '{section.title}' reports scores or a chart of them, with no table"
            return Outcome.yes(why, ctx.section(section), inferred=True)
    for section, text in zip(sections, texts, strict=True):
        if (chart := _chart_link(text)) is not None:
            why = f"section '{section.title}' gives its results as a chart ({chart}), with no table"
            return Outcome.yes(why, ctx.section(section), ctx.readme(chart), inferred=True)
    by_url = {link.url: link for link in card.links}
    for section, text in zip(sections, texts, strict=True):
        urls = (url.rstrip(".,;:!?") for url in URL.findall(text))
        found = [by_url[url] for url in dict.fromkeys(urls) if url in by_url]
        links = [link for link in found if _results_link(card, link)]
        if links:
            shown = ", ".join(link.target or link.url for link in links[:2])
            why = f"{ELSEWHERE}, linked from '{section.title}': {shown}"
            cites = link_cites(links, 3)
            return Outcome.yes(why, ctx.section(section), *cites, inferred=True)
    for section, text in zip(sections, texts, strict=True):
        count = _results_prose(section, text)
        if count is not None:
            why = (
                f"section '{section.title}' reports results in {count} words of prose, with no"
                " table or scores that could be read"
            )
            return Outcome.yes(why, ctx.section(section), inferred=True)
    return None


# An image (links.IMAGE_FILE), shown or linked, whose file name speaks of results
# ("eval.png", "v1-scores.jpg"): a chart of them; a loss curve is training's.
RESULTS_FILE_WORDS = re.compile(r"result|score|eval|benchmark|leaderboard|compar", re.I)
TRAINING_FILE_WORDS = re.compile(r"loss|train|lr|schedule|throughput|latency|speed", re.I)


def _chart_link(text: str) -> str | None:
    """The first image the text shows or links whose file name speaks of results, not of
    training."""
    if "://" not in text:
        return None
    for found in URL.findall(text):
        url = str(found).rstrip(".,;:!?")
        name = urlsplit(url).path.rsplit("/", 1)[-1]
        results = IMAGE_FILE.search(name) and RESULTS_FILE_WORDS.search(name)
        if results and not TRAINING_FILE_WORDS.search(name):
            return url
    return None


def _results_prose(section: Section, text: str) -> int | None:
    """The words of a section titled as results that reports them in prose: at least
    MIN_RESULTS_PROSE_WORDS (placeholders, headings and URLs not counted), not results
    still to come, not a "Performance" section about speed. None otherwise."""
    if not RESULTS_TITLE.search(section.title) or _unfilled_section(text):
        return None
    prose = URL.sub(" ", HEADING_LINE.sub("", text))
    count = words(prose)
    if count < MIN_RESULTS_PROSE_WORDS or NOT_YET.search(prose):
        return None
    if ONLY_PERFORMANCE.match(section.title) and SPEED_WORDS.search(prose):
        return None
    return count


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
        " ('m_eval.png', shown or linked), or a link to results published elsewhere"
        " (inferred)."
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
    table = _eval_table(ctx)
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


@once_per_model
def results_table_anywhere(ctx: ProbeContext) -> tuple[list[str], Section | None] | None:
    """The first table of the card, in any section but those on training or its data
    (or inside one), that gives scores on well-known benchmarks
    (`benchmark_names.results_table_names`): its benchmarks and its section (None: before
    the first heading); None without one. Results are results whatever the heading above
    them ("Highlights", "Model Summary")."""
    card = own_card(ctx)
    if not has_table(card.body):
        return None
    opening = card.body
    if card.sections:
        opening = "\n".join(card.body.splitlines()[: card.sections[0].line - card.first_line])
    parts: list[tuple[Section | None, str]] = [(None, opening)]
    parts += [(s, s.text) for s in card.sections]
    for section, text in parts:
        if not has_table(text):
            continue
        if section and any(NOT_EVAL_TITLE.search(s.title) for s in card.section_path(section)):
            continue  # on training or its data, or inside such a section
        for table in tables(text):
            names = results_table_names(table)
            if names:
                return names, section
    return None


TABLE_ROW = re.compile(r"^\s*\|")
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
        (references if _other_work(ctx, link) else own).append(link)
    return [*own, *papers[MAX_CITATION_CHECKS:]], references


def _other_work(ctx: ProbeContext, link: Link) -> bool:
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
    placed = _made_with(card, link) or _placed_as_other_work(ctx, link, homes)
    # benchmarks listed with their papers: "we evaluate on [MMLU](...)" is no "our"
    placed = placed or (not outside and _benchmark_citation(ctx, link, homes))
    other = placed or cited or _named_as_other_work(ctx, link) or bool(dataset_paper(ctx, link))
    if not other and _paper_forthcoming(ctx):  # meanwhile the card cites earlier work
        other = bool(homes) and all(card.title_matches(h, *CITATION_TITLES) for h in homes)
    return other and not _called_own(card, link, text_only=placed)


# An arXiv id the card gives as text, not as a link: a BibTeX `eprint` of an arXiv entry,
# "arXiv preprint arXiv:2401.00001" in a `journal` or `note`, or "(arXiv:2401.00001)" in prose.
ARXIV_ID = r"(\d{4}\.\d{4,5}(?:v\d+)?)(?![\d.])"
ARXIV_TEXT = re.compile(rf"\barxiv\s*:\s*{ARXIV_ID}", re.IGNORECASE)
BIBTEX_ENTRY = re.compile(r"@\w+\s*\{[^@]{0,3000}", re.IGNORECASE)
BIBTEX_EPRINT = re.compile(rf"\beprint\s*=\s*[{{\"]\s*(?:arxiv:\s*)?{ARXIV_ID}", re.IGNORECASE)
BIBTEX_ARXIV = re.compile(r"\barchiveprefix\s*=\s*[{\"]\s*arxiv\b", re.IGNORECASE)
MAX_CITED_IDS = 20


@once_per_model
def cited_papers(ctx: ProbeContext) -> tuple[Link, ...]:
    """The arXiv papers the card names only by their id, in its citation blocks or its
    prose (no link to them and no tag), where nothing names them another work's: paper
    links whose `url` is the id as the card writes it (`find_link` finds it outside any
    URL, so where it stands is judged as a linked paper's place is) and whose target is
    the id."""
    if not ctx.readme_read:
        return ()
    body = own_card(ctx).body
    found = [m.group(1) for m in textsearch.finditer(ARXIV_TEXT, body)]
    entries = textsearch.finditer(BIBTEX_ENTRY, body) if "@" in body else iter(())
    for entry in entries if textsearch.may_match(BIBTEX_ARXIV, body) else ():
        eprint = BIBTEX_EPRINT.search(entry.group(0))
        if eprint and BIBTEX_ARXIV.search(entry.group(0)):
            found.append(eprint.group(1))
    known = {(link.target or "").lower() for link in ctx.card.links_of("paper")}
    known |= {tag.split(":", 1)[1].lower() for tag in matching_tags(ctx, ["arxiv:*"])}
    cited = []
    for written in list(dict.fromkeys(found))[:MAX_CITED_IDS]:
        paper = re.sub(r"v\d+$", "", written)
        if paper.lower() in known or paper in TEMPLATE_PAPER_IDS or find_link(body, written) < 0:
            continue
        link = Link(written, "", "paper", paper)
        if not _other_work(ctx, link):
            cited.append(link)
    return tuple(dict((link.target, link) for link in cited).values())


def _benchmark_citation(ctx: ProbeContext, link: Link, homes: list[Section]) -> bool:
    """A paper linked only in evaluation sections that link two papers or more: the
    papers of the benchmarks listed ("MMLU [arXiv], HumanEval [arXiv]"), in prose as in
    a table, not the model's own (one paper alone there may be the model's report)."""
    card = own_card(ctx)
    evaluations = {id(section) for section in _eval_sections(ctx)}
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
CITATION_TITLES = ("Citation", "Citations", "Cite", "BibTeX", "Reference", "How to cite", "引用")


@once_per_model
def _paper_forthcoming(ctx: ProbeContext) -> bool:
    return PAPER_FORTHCOMING.search(own_card(ctx).body) is not None


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


def _placed_as_other_work(ctx: ProbeContext, link: Link, homes: list[Section]) -> bool:
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


# "DPO, a method introduced in [paper]": the paper of a method, a loss, an architecture.
METHOD_PAPER = re.compile(
    r"\b(?:method|technique|approach|algorithm|loss|objective|architecture|optimi[sz]er)\b"
    r"[^.\n]{0,60}\b(?:introduced|proposed|described|presented|defined)\s+in\b[^.\n]{0,200}$",
    re.IGNORECASE,
)
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
# "Cite DPO as:" before a BibTeX block: a citation of the named work.
CITE_AS = re.compile(r"^[ \t>*_]*cite\s+(\S[^\n]{0,40}?)\s+as\b", re.IGNORECASE | re.MULTILINE)


def _named_as_other_work(ctx: ProbeContext, link: Link) -> bool:
    """The card names the paper as another work's: a method's paper, or a citation block
    ("Cite DPO as:", a "#### DPO" heading in the Citation section) of something other
    than this model, or a paper a training library's generated card cites."""
    body = own_card(ctx).body
    at = find_link(body, link.url)
    before = body[max(0, at - 300) : at] if at > 0 else ""
    if METHOD_PAPER.search(before):
        return True
    if any(start <= at < end for start, end in foreign_citations(ctx)):
        return True
    return _cited_by_training_library(ctx, link)


class LibraryCard(NamedTuple):
    """Where a card a training library generates cites the method and the library."""

    sections: tuple[str, ...]  # titles of the sections it writes citations in
    intro: bool = False  # and its introduction, under its "Model Card for <model_name>"


# Cards a training library writes for the models it trains, by the tag it gives them:
# they cite the paper of the method the model was trained with and the library, never a
# paper of the model's own.
LIBRARY_CARDS: dict[str, LibraryCard] = {
    # TRL's DPO, GRPO, ORPO, KTO or SFT runs: "Training procedure" links the method's
    # paper ("a method introduced in [...]"), "Citations" cite the method and TRL
    "trl": LibraryCard(("Training procedure", "Training", "Citations", "Citation")),
    # SetFit's trainer: "Model Sources" lists SetFit's repository, paper and blog post;
    # "Citation" ("BibTeX") cites SetFit's paper
    "generated_from_setfit_trainer": LibraryCard(("Model Sources", "Citation", "BibTeX")),
    # LeRobot's push_to_hub: the introduction under "Model Card for <policy type>" links
    # the paper of the policy's method ("[ACT](...) is an imitation-learning method")
    "lerobot": LibraryCard((), intro=True),
}
# mergekit's card, on a model its tag (`mergekit`, `lazymergekit`, `merge`) or its recipe
# (mergekit_config.yml) says is a merge: "Merge Details" / "Merge Method" links the paper
# of the merge method ("merged using the [TIES](...) merge method"), never the model's.
MERGEKIT_CARD = LibraryCard(MERGE_SECTIONS)


def _merge_card(ctx: ProbeContext) -> bool:
    """The model is a merge by its tags or mergekit's recipe file (the card mergekit
    writes for it has the template's sections)."""
    return bool(merge_tags(ctx.evidence) or merge_recipes(ctx))


def _cited_by_training_library(ctx: ProbeContext, link: Link) -> bool:
    """A paper linked only where a card a training library (its tag, LIBRARY_CARDS) or
    mergekit (MERGEKIT_CARD) generated cites the method and the library."""
    tags = {tag.lower() for tag in [*ctx.evidence.tags, *as_list(ctx.metadata.get("tags"))]
            if isinstance(tag, str)}  # fmt: skip
    generated = [LIBRARY_CARDS[tag] for tag in LIBRARY_CARDS if tag in tags]
    if _merge_card(ctx):
        generated.append(MERGEKIT_CARD)
    if not generated:
        return False
    card = own_card(ctx)
    titles = tuple(title for library in generated for title in library.sections)
    intro = _template_intro(ctx) if any(library.intro for library in generated) else None
    homes = card.homes_of(link.url)
    return bool(homes) and all(
        (intro is not None and home is intro)
        or any(card.title_matches(s, *titles) for s in card.section_path(home))
        for home in homes
    )


def _template_intro(ctx: ProbeContext) -> Section | None:
    """The card's title section when its title is a template's "Model Card for
    <model_name>", with `model_name` the card's field: the generated introduction."""
    name = ctx.metadata.get("model_name")
    title = own_card(ctx).title_section
    if not isinstance(name, str) or not name.strip() or title is None:
        return None
    expected = f"model card for {name}".split()
    return title if title.title.lower().split() == [w.lower() for w in expected] else None


OWN_WORK = {"us", "our", "this", "model", "work", "paper", "the"}
# Words of a citation heading that name no work ("### BibTeX", "#### Technical report").
CITATION_WORDS = {
    "bibtex", "citation", "citations", "cite", "citing", "how", "to", "reference", "references",
    "apa", "mla", "technical", "tech", "report", "preprint", "arxiv", "please", "if", "you",
    "use", "find", "useful", "helpful", "and", "of", "a", "for",
}  # fmt: skip


@once_per_model
def foreign_citations(ctx: ProbeContext) -> tuple[tuple[int, int], ...]:
    """Spans of the body that cite another work: under "Cite X as:" where X is not this
    model (up to the next such line or heading), and under a heading of the Citation
    section that names another work ("#### Sentence Transformers", up to the next
    heading as deep or shallower)."""
    body = own_card(ctx).body
    name = model_name_words(ctx)
    marks = list(CITE_AS.finditer(body))
    spans = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        heading = HEADING_LINE.search(body, mark.end(), end)
        cited = name_words(mark.group(1))  # "Cite DPO as" in m-dpo's card: the method
        if cited - name - OWN_WORK:
            spans.append((mark.start(), heading.start() if heading else end))
    return (*spans, *_foreign_citation_sections(own_card(ctx), name))


def _foreign_citation_sections(card: Card, name: set[str]) -> list[tuple[int, int]]:
    """Body spans of the sections inside a Citation section under a heading that names
    something other than the model (its words, version numbers aside, beyond the model's
    name and the words of citing)."""
    spans: list[tuple[int, int]] = []
    at = 0
    for section in card.sections:
        start = card.body.find(section.text, at) if section.text else -1
        if start < 0:
            continue
        at = start + len(section.text)
        path = card.section_path(section)
        inside = next(
            (i for i, s in enumerate(path) if card.title_matches(s, *CITATION_TITLES)), None
        )
        if not inside:  # not in a Citation section, or the Citation heading itself
            continue
        titles = [s.title for s in path[:inside]]
        if any(_names_other_work(title, name) for title in titles):
            spans.append((start, at))
    return spans


def _names_other_work(title: str, name: set[str]) -> bool:
    rest = name_words(title) - name - OWN_WORK - CITATION_WORDS
    return any(not word.isdigit() for word in rest)


# "our technical report", "this model's paper", "we describe": the card's own paper,
# wherever it is linked.
OWN_PAPER_WORDS = re.compile(r"\b(?:our|we|this (?:model|work)(?:'s)?)\b[^.\n]{0,80}$", re.I)


def _called_own(card: Card, link: Link, *, text_only: bool = False) -> bool:
    """The words just before the link (or its text) call the paper the card's own."""
    if OWN_PAPER_WORDS.search(f"{link.text}"):
        return True
    at = find_link(card.body, link.url)
    before = card.body[max(0, at - 160) : at] if at > 0 and not text_only else ""
    return bool(OWN_PAPER_WORDS.search(before))


def _made_with(card: Card, link: Link) -> bool:
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


# The model's own report or paper shipped in its repository: a PDF whose file name says
# report or paper (a whitepaper too), or a technical report in Markdown. The same test for
# every rubric (the default paper probe, MOF's technical report and research paper,
# EOSAI's preprint).
REPORT_FILES = ["*report*.pdf", "*paper*.pdf", "*technical*report*.md"]


def report_files(ctx: ProbeContext) -> list[str]:
    """The repository's report or paper files (REPORT_FILES), but PDFs whose name says
    they are no paper: a licence, a use policy, a datasheet, a model card
    (`links.pdf_named_no_paper`: the test a linked PDF's file name gets)."""
    return [
        path
        for path in matching_files(ctx, REPORT_FILES)
        if not (path.lower().endswith(".pdf") and pdf_named_no_paper(path))
    ]


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


def paper_tags(ctx: ProbeContext) -> list[str]:
    """The model's `arxiv:` and `doi:` tags, but the template's CO2 paper (every card
    generated from the template cites it) and DOIs of software or data records."""
    return [
        t
        for t in matching_tags(ctx, ["arxiv:*", "doi:*"])
        if t.split(":", 1)[1] not in TEMPLATE_PAPER_IDS and not record_doi(t.split(":", 1)[1])
    ]


def unlinked_paper_tags(ctx: ProbeContext) -> list[str]:
    """Paper tags of papers the card's body does not link. The Hub tags every arXiv id a
    README names: a tag whose paper the body links was judged by where the link stands;
    one it does not link (an id named in a citation block) stands for itself, unless
    another model's card appended to this one names it (that card's papers are not this
    model's)."""
    linked = {(link.target or "").lower() for link in ctx.card.links_of("paper")}
    foreign = " ".join(section.text for section in foreign_sections(ctx)).lower()
    return [
        t
        for t in paper_tags(ctx)
        if (paper := t.split(":", 1)[1].lower()) not in linked and paper not in foreign
    ]


def _place(ctx: ProbeContext, link: Link) -> str:
    home = own_card(ctx).home_of(link.url)
    where = f" in {quote([home.title])}" if home else ""
    dataset = dataset_paper(ctx, link)
    return f"{where}, the paper of dataset {dataset}" if dataset else where


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
