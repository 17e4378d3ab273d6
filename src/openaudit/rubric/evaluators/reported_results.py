"""Where and how a card reports evaluation results: its evaluation sections, their
tables, scores, charts, prose, links to results published elsewhere, and a results
table under any heading."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from openaudit import textsearch
from openaudit.card import Card, Link, Section
from openaudit.evidence import Citation
from openaudit.links import IMAGE_FILE
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.benchmark_names import SCORE, results_table_names
from openaudit.rubric.evaluators.card_tables import TABLE_ROW, TABLE_RULE, tables
from openaudit.rubric.evaluators.code_link_paths import TREE_PATH
from openaudit.rubric.evaluators.evaluator_helpers import link_cites, words
from openaudit.rubric.evaluators.unfilled_sections import unfilled_section
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
# A comparison section ("Model Comparison") may link its results published elsewhere (an
# image library's card template); its tables count only as results tables under any
# heading do (benchmarks and scores), as it may compare quantisations, sizes or licences.
COMPARISON_SECTIONS = ["Comparison", "Comparisons"]
# Files of evaluation results in the repository.
EVAL_FILES = [".eval_results/*.yaml", ".eval_results/*.yml"]


def has_table(text: str) -> bool:
    """Whether text holds a table: a markdown table's delimiter row or an HTML table."""
    if "|" in text and "-" in text and TABLE_RULE.search(text):
        return True
    if "<" not in text:
        return False
    lowered = text.lower()
    return "<table" in lowered and "<td" in lowered


def eval_sections(ctx: ProbeContext) -> list[Section]:
    """Sections titled like an evaluation, minus training-loss logs and data listings."""
    found = own_card(ctx).find_sections(*EVAL_SECTIONS)
    return [s for s in found if not NOT_EVAL_TITLE.search(s.title)]


def eval_table(ctx: ProbeContext) -> Outcome | None:
    """Yes when an evaluation section holds a table or reports results otherwise; a no
    naming it when it has none."""
    found = eval_sections(ctx)
    for section in found:
        if has_table(own_card(ctx).section_text(section)):
            return Outcome.yes(f"a results table in '{section.title}'", ctx.section(section))
    compared = [s for s in own_card(ctx).find_sections(*COMPARISON_SECTIONS) if s not in found]
    if not found:
        return _linked_results(ctx, compared)
    elsewhere = _results_elsewhere(ctx, found) or _linked_results(ctx, compared)
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
# A folder or file inside a code repository that holds results, not code ("tree/main/
# results", "blob/main/results-imagenet.csv", "leaderboard.md"): the link publishes them.
RESULTS_PATH = re.compile(r"(?:^|/)(?:results?|scores|leaderboards?)(?:[/_.-]|$)", re.I)
# ... a folder or a file of data or a document, not code ("results.py", "scores/compute.py")
RESULTS_FILE = re.compile(
    r"(?:^|/)[^/.]+/?$|\.(?:csv|tsv|json|jsonl|ya?ml|md|txt|html?|pdf|parquet|xlsx?)$", re.I
)


def _scores(text: str) -> bool:
    """The text gives scores (numbers or a chart), not only plans or counts."""
    # headings name models; URLs hold ids (each pattern skipped where its literal is not)
    prose = HEADING_LINE.sub("", text) if "#" in text else text
    prose = URL.sub(" ", prose) if "://" in prose else prose
    if textsearch.search(NOT_YET, prose):
        return False
    if _charted(text):
        return True
    scores = SCORE.findall(CHART.sub(" ", prose) if _may_chart(prose) else prose)
    return len(scores) >= 2 or (bool(scores) and words(prose) >= MIN_RESULTS_WORDS)


def _charted(text: str) -> bool:
    """The text shows an image its alt text or file name calls a chart (CHART_WORDS)."""
    return _may_chart(text) and any(CHART_WORDS.search(m.group(0)) for m in CHART.finditer(text))


def _may_chart(text: str) -> bool:
    """False when the text holds no CHART: an image's "!" and an img tag's "<" are missing."""
    return "!" in text or "<" in text


def _results_link(card: Card, link: Link) -> bool:
    if not link.url.lower().startswith(("http://", "https://")):
        return False
    if link.kind in ("hf_space", "hf_dataset"):
        return bool(RESULTS_ON_HUB.search(link.target or ""))
    if link.kind == "code":  # the repository is code (a harness); a results folder in it is not
        path = TREE_PATH.search(link.url)
        if not path or not RESULTS_PATH.search(path[1]) or not RESULTS_FILE.search(path[1]):
            return False
        return not any(NOT_YET.search(line) for line in card.lines_with(link.url))
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
        if unfilled_section(text) or not _scores(text):
            continue
        # Any evaluation section that states its scores as results ("an average of 62.2
        # over 56 datasets") reports them; numbers alone there may be settings.
        if RESULTS_TITLE.search(section.title) or STATED_SCORES.search(text):
            why = f"section '{section.title}' reports scores or a chart of them, with no table"
            return Outcome.yes(why, ctx.section(section), inferred=True)
    for section, text in zip(sections, texts, strict=True):
        if (chart := _chart_link(ctx, text)) is not None:
            shown, cite = chart
            why = f"section '{section.title}' gives its results as a chart ({shown}), with no table"
            return Outcome.yes(why, ctx.section(section), cite, inferred=True)
    if (linked := _linked_results(ctx, sections)) is not None:
        return linked
    for section, text in zip(sections, texts, strict=True):
        count = _results_prose(section, text)
        if count is not None:
            why = (
                f"section '{section.title}' reports results in {count} words of prose, with no"
                " table or scores that could be read"
            )
            return Outcome.yes(why, ctx.section(section), inferred=True)
    return None


def results_beside_names(ctx: ProbeContext, section: Section) -> bool:
    """Whether an evaluation section reports results without a table, as `eval_table`
    reads them (`_results_elsewhere`): a chart under a results title or beside stated
    scores, a chart its file name calls results, results it links, or results prose; not
    any image (a team photo, a loss curve, a pipeline diagram). Scores
    in its text name their own benchmarks (`benchmark_names.scored_names`), or none."""
    text = own_card(ctx).section_text(section)
    if unfilled_section(text) or textsearch.search(NOT_YET, text):
        return False
    # the chart `_results_elsewhere` takes for scores: under a results title or beside
    # stated scores (numbers there name their own benchmarks)
    if (RESULTS_TITLE.search(section.title) or STATED_SCORES.search(text)) and _charted(text):
        return True
    if _chart_link(ctx, text) is not None or _linked_results(ctx, [section]) is not None:
        return True
    return _results_prose(section, text) is not None


def _linked_results(ctx: ProbeContext, sections: list[Section]) -> Outcome | None:
    """Yes (inferred) when one of the sections links results published elsewhere."""
    card = own_card(ctx)
    by_url = {link.url: link for link in card.links}
    for section in sections:
        urls = (url.rstrip(".,;:!?") for url in URL.findall(card.section_text(section)))
        found = [by_url[url] for url in dict.fromkeys(urls) if url in by_url]
        links = [link for link in found if _results_link(card, link)]
        if links:
            shown = ", ".join(_shown(link) for link in links[:2])
            why = f"{ELSEWHERE}, linked from '{section.title}': {shown}"
            return Outcome.yes(why, ctx.section(section), *link_cites(links, 3), inferred=True)
    return None


def _shown(link: Link) -> str:
    """A link for a reason: its target, or for a path inside a code repository its URL."""
    if link.kind == "code" and TREE_PATH.search(link.url):
        return link.url
    return link.target or link.url


# An image (links.IMAGE_FILE), shown or linked, whose file name speaks of results
# ("eval.png", "v1-scores.jpg"): a chart of them; a loss curve is training's.
RESULTS_FILE_WORDS = re.compile(r"result|score|eval|benchmark|leaderboard|compar", re.I)
TRAINING_FILE_WORDS = re.compile(r"loss|train|lr|schedule|throughput|latency|speed", re.I)


def _chart_link(ctx: ProbeContext, text: str) -> tuple[str, Citation] | None:
    """The first image the text shows or links whose file name speaks of results, not of
    training, shown in a reason and cited: an absolute URL or a path from the site's
    root ("/org/other/resolve/main/x.png": another repository's file, cited in the
    README), or an image the card shows by a path relative to the model's repository
    ("eval_results.png", "./figures/x.png", `<img src="assets/x.png">`), which the Hub
    renders from the repository's files: cited there when listed, in the README when the
    listing is unknown or cut short, and none when the complete listing lacks it (a copy
    of another repository's card shows a broken image)."""
    if not _may_chart(text) and "://" not in text:
        return None
    found = [(m.start(), str(m.group(0)), False) for m in URL.finditer(text)]
    if _may_chart(text):
        for match in CHART.finditer(text):
            target = _image_target(match)
            if target and target.startswith("/") and not target.startswith("//"):
                found.append((match.start(), target, False))  # from the site's root
            elif path := _repo_image(match):
                found.append((match.start(), path, True))
    files: set[str] | None = None
    for _, target, in_repo in sorted(found):
        url = target.rstrip(".,;:!?")
        name = (url if in_repo else urlsplit(url).path).rsplit("/", 1)[-1]
        results = IMAGE_FILE.search(name) and RESULTS_FILE_WORDS.search(name)
        if not results or TRAINING_FILE_WORDS.search(name):
            continue
        if in_repo:
            if files is None:
                files = {file.path for file in ctx.evidence.files}
            if url in files:
                return f"{url}, shown from the model's repository", ctx.file(url)
            if files and not ctx.evidence.files_truncated:
                continue  # the complete listing has no such file: nothing is shown
            return f"{url}, shown from the model's repository", ctx.readme(url)
        return url, ctx.readme(url)
    return None


# The source of an img tag; a scheme ("https:", "data:") makes a target no repository path.
# Read from the tag's start attribute by attribute: not a data-src, nor "src=" inside
# another attribute's quoted value (an alt text).
IMG_SRC = re.compile(
    r"^(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*?"
    r"\s+src\s*=\s*[\"']?([^\"'\s>]{1,500})",
    re.IGNORECASE,
)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]{0,20}:", re.IGNORECASE)


def _image_target(match: re.Match[str]) -> str | None:
    """What a CHART match shows: a markdown image's target or an img tag's source."""
    target = match.group(2)
    if target is None:
        src = IMG_SRC.search(match.group(3) or "")
        target = src.group(1) if src else None
    return target


def _repo_image(match: re.Match[str]) -> str | None:
    """The repository path of an image a CHART match shows by a relative path (a markdown
    image's target or an img tag's source), percent-decoded and normalised
    ("./figures/a.png" -> "figures/a.png", "eval%20results.png" -> "eval results.png");
    None for an absolute URL, a path from the site's root, an anchor or a path leaving
    the repository ("%2E%2E/a.png" too)."""
    target = _image_target(match)
    if not target or SCHEME.match(target) or target.startswith(("/", "#")):
        return None
    path = posixpath.normpath(unquote(target.split("#", 1)[0].split("?", 1)[0]))
    if path.startswith(("..", "/")) or path == "." or SCHEME.match(path):
        return None
    return path


def _results_prose(section: Section, text: str) -> int | None:
    """The words of a section titled as results that reports them in prose: at least
    MIN_RESULTS_PROSE_WORDS (placeholders, headings and URLs not counted), not results
    still to come, not a "Performance" section about speed. None otherwise."""
    if not RESULTS_TITLE.search(section.title) or unfilled_section(text):
        return None
    prose = URL.sub(" ", HEADING_LINE.sub("", text))
    count = words(prose)
    if count < MIN_RESULTS_PROSE_WORDS or NOT_YET.search(prose):
        return None
    if ONLY_PERFORMANCE.match(section.title) and SPEED_WORDS.search(prose):
        return None
    return count


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
