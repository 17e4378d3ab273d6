"""Where the MOF components, OSAID elements and EOSAI dimensions are found in the evidence.

Shared by the three frameworks: each finder answers "where is this component?" as
`Found` (where, what, citations) or as the Outcome saying it is missing or unknown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote

from openaudit import textsearch
from openaudit.card import Section, holds_link
from openaudit.checkpoint_names import (
    CHECKPOINT_NAME,
    CHECKPOINT_REPO,
    checkpoint_folder,
)
from openaudit.evidence import Citation
from openaudit.frameworks.license_openness import (
    ContentType,
    facts_openness,
    graded,
)
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.context.license_lineage import DatasetLicense
from openaudit.rubric.evaluators.appended_cards import foreign_note, own_card
from openaudit.rubric.evaluators.code_link_topics import (
    about,
    mentions,
    repo_name_pattern,
    says_topic,
)
from openaudit.rubric.evaluators.copies import DataCopy, data_copy
from openaudit.rubric.evaluators.data import data_sources_named, undeclared_training_data
from openaudit.rubric.evaluators.datasheets import datasheet
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.documentation import (
    card_substantive,
    evaluation_results,
    paper_linked,
)
from openaudit.rubric.evaluators.evaluator_helpers import (
    as_list,
    declared_datasets,
    link_cites,
    no_metadata,
    no_readme,
    quote,
    unfound_dataset,
    unfound_licence,
)
from openaudit.rubric.evaluators.first_party_repos import first_party
from openaudit.rubric.evaluators.framework_links import (
    framework_link,
    framework_only,
    framework_recipe,
    recipes_linked,
    tool_link,
)
from openaudit.rubric.evaluators.generic import best_section, matching_files
from openaudit.rubric.evaluators.linked_data import LinkedData, linked_data
from openaudit.rubric.evaluators.linked_weights import outside_weights
from openaudit.rubric.evaluators.model_code_links import (
    no_topic_link,
    not_model_code,
    published_code_links,
    set_aside,
)
from openaudit.rubric.evaluators.model_configs import architecture_config
from openaudit.rubric.evaluators.repo_code import (
    CONFIG_FILES,
    DATA_PROCESSING_FILES,
    INFERENCE_FILES,
    MODELLING_FILES,
    format_runtime,
    library_training_config,
    model_code,
    own_code,
)
from openaudit.rubric.evaluators.reported_results import ELSEWHERE
from openaudit.rubric.evaluators.results_tables import named_benchmarks
from openaudit.rubric.evaluators.sample_outputs import generated_samples, generation_card
from openaudit.rubric.evaluators.training_data import Documentation, documented_in_card
from openaudit.rubric.evaluators.unlinked_papers import report_files
from openaudit.rubric.evaluators.weights import weight_files
from openaudit.rubric.evaluators.withheld_data import withheld_training_data
from openaudit.training_sections import DATA_SECTION_NAMES, TRAINING_SECTION_NAMES
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.card import Link

# card: the card says it is published; named: the card names it without a Hub id;
# read: in the repo or card, but concluded by reading (no field or file says it)
# cited: named by the card as hosted elsewhere, concluded by reading (benchmarks in a table)
# linked data: Hub datasets the card links as its training data (not declared)
# copied data: the datasets the model a quantisation or conversion copies declares
Where = Literal[
    "repo", "read", "linked", "card", "named", "cited", "datasets", "linked data", "copied data"
]
Found = tuple[Where, str, tuple[Citation, ...]]  # where, what was found, citations
SAMPLE_SECTIONS = ["Sample Outputs", "Example Outputs", "Examples", "Samples", "Generations"]
# Folders named as holding checkpoints (besides those named for a step, which hold weight
# files: checkpoint_names.CHECKPOINT_FOLDER).
CHECKPOINT_FILES = ["checkpoints/*", "*intermediate*"]
# MOF 17, model metadata: the training configuration and optimizer state, and the
# model's own configuration (its hyperparameters, the generation settings).
# (a merge's recipe, mergekit_config.yml, is the configuration its weights were made by)
METADATA_FILES = [
    "training_args.bin", "trainer_state.json", "optimizer.pt", "*optimizer*.pt",
    "config.json", "generation_config.json", "params.json", "mergekit_config.y*ml",
]  # fmt: skip
TOPICS: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
    # component: (keywords of card links, section titles, repo file globs, starts of a
    # name part of the model's own linked repository: "terra-eval", "brise-train")
    "training_code": (
        ["train", "pretrain", "pre-train", "fine-tun", "finetun", "recipe", "reproduc"],
        ["Training"],
        ["train*.py", "*/train*.py", "scripts/train*", "*finetune*.py"],
        ["train", "pretrain", "pre-train", "posttrain", "post-train", "finetun", "fine-tun"],
    ),
    "evaluation_code": (
        ["evaluat", "benchmark", "harness"],
        ["Evaluation", "Results"],
        ["eval*.py", "*/eval*.py"],
        ["eval"],
    ),
    "preprocessing_code": (
        ["preprocess", "pre-process", "data process", "data-process", "data pipeline", "dedup",
         "filter", "curat"],
        ["Preprocessing", "Data Processing"],
        DATA_PROCESSING_FILES,
        ["preprocess", "pre-process", "dataprep", "data-prep", "datatool", "data-tool",
         "dataprocess", "data-process", "datapipeline", "data-pipeline", "curat", "dedup"],
    ),
    "supporting_libraries": (["librar", "toolkit", "tooling", "tokeniz", "framework"], [], [], []),
}  # fmt: skip


def outcome_found(outcome: Outcome, what: str) -> Found | Outcome:
    """A presence outcome as Found (yes, in this repo) or as the missing/unknown outcome."""
    if outcome.answer == "yes":
        return ("repo", f"{what} ({outcome.reason})", outcome.citations)
    return outcome


def in_repo(ctx: ProbeContext, globs: list[str], what: str, *, code: bool = False) -> Found | None:
    """Files of the globs in the repo; with `code`, the model's own code only (`own_code`:
    example code offered to users left out)."""
    hits = own_code(ctx, globs) if code else matching_files(ctx, globs)
    if not hits:
        return None
    return ("repo", f"{what} in the repo: {', '.join(hits[:3])}", tuple(map(ctx.file, hits[:3])))


def no_listing(ctx: ProbeContext, what: str) -> Outcome:
    if not ctx.evidence.files:
        return Outcome.unknown(f"no file listing was read to look for {what}")
    return Outcome.no(f"no {what} in the repository", Citation("files"))


def _model_code(ctx: ProbeContext, globs: list[str], what: str) -> Found | None:
    hits = model_code(ctx, globs)
    if not hits:
        return None
    return ("repo", f"{what} in the repo: {', '.join(hits[:3])}", tuple(map(ctx.file, hits[:3])))


def _architecture(ctx: ProbeContext) -> Found | Outcome:
    found = _model_code(ctx, [*MODELLING_FILES, "config.json", "params.json"], "architecture")
    if found:
        return found
    if config := architecture_config(ctx):  # another library's, where config.json stands
        return ("read", f"architecture config in the repo: {config.where}", config.citations)
    name, cite = declared_library(ctx)
    if name:
        return ("linked", f"the architecture's code is in the {name} library", (cite,))
    if runtime := format_runtime(ctx):  # the graph is in the file or the runtime's code
        return ("cited", f"{runtime[0]}: the architecture is in its code", runtime[1])
    return no_listing(ctx, "architecture code or config")


def final_parameters(ctx: ProbeContext) -> Found | Outcome:
    found = weight_files(ctx)
    if found:
        cites = tuple(ctx.file(f.path) for f, _ in found[:3])
        return ("repo", f"{len(found)} weight file(s) in the repo", cites)
    if not ctx.evidence.files_truncated and (outside := outside_weights(ctx)) is not None:
        return ("cited", outside.reason, outside.citations)
    return no_listing(ctx, "weight files")


@once_per_model
def data_section(ctx: ProbeContext) -> Documentation | None:
    """Where the card documents its training data, in at least 40 words: its training-data
    section, else its training sections' sentences about data (all of them together)."""
    if not ctx.readme_read:
        return None
    return documented_in_card(ctx, DATA_SECTION_NAMES, TRAINING_SECTION_NAMES, 40)


def _data_card(ctx: ProbeContext) -> Found | Outcome:
    if described := data_section(ctx):
        section = described.sections[0]
        if described.whole:
            what = f"data described in section '{section.title}' ({described.words} words)"
            return ("repo", what, (ctx.section(section),))
        what = f"data described in section '{section.title}' ({described.words} words about data)"
        return ("read", what, tuple(map(ctx.section, described.sections)))
    if (sheet := datasheet(ctx)) is not None:  # its content told by its name or link: read
        return ("linked" if sheet.where == "linked" else "read", sheet.reason, sheet.citations)
    # a dataset card exists only for a dataset the Hub has (a gated one's card is
    # public): lookups that all came back not found are no data card
    if any(item.status != "not_found" for item in ctx.dataset_licenses):
        return ("datasets", "dataset cards of the linked datasets", ())
    linked = linked_data(ctx)
    if linked is not None and any(repo.status != "not_found" for repo in linked.repos):
        return ("linked data", f"the dataset cards of the {linked.scope()}", linked.citations)
    if not ctx.readme_read:
        return no_readme(ctx)
    unfound = [item.repo_id for item in ctx.dataset_licenses]
    unfound += [repo.repo_id for repo in linked.repos] if linked is not None else []
    cards = (
        f"no dataset card on the Hub: {'; '.join(map(unfound_dataset, unfound[:5]))}"
        if unfound
        else "no linked dataset cards"
    )
    why = f"no training-data section and {cards}{foreign_note(ctx)}"
    return Outcome.no(why, ctx.readme(), *(item.citation for item in ctx.dataset_licenses[:5]))


def _report(ctx: ProbeContext) -> Found | Outcome:
    if shipped := report_files(ctx):  # the test the paper probe and EOSAI's preprint share
        what = f"a report in the repo: {', '.join(shipped[:3])}"
        return ("repo", what, tuple(map(ctx.file, shipped[:3])))
    outcome = paper_linked(ctx)
    if outcome.answer == "yes":
        what = f"a paper off the Hub ({outcome.reason}); report and paper cannot be told apart"
        return ("linked", what, outcome.citations)
    return outcome


def _sample_outputs(ctx: ProbeContext) -> Found | Outcome:
    if not ctx.readme_read:
        return no_readme(ctx)
    section, count = best_section(ctx, SAMPLE_SECTIONS)
    if section is not None and count >= 20:
        return ("repo", f"section '{section.title}' ({count} words)", (ctx.section(section),))
    if (samples := generated_samples(ctx)) is not None:  # a generator's outputs: inferred
        return ("read", samples.reason, samples.citations)
    why = f"no section titled {quote(SAMPLE_SECTIONS)}"
    if generator := (generation_card(ctx) is not None):  # concluded: no media found
        why += ", widget outputs, gallery of generated media or opening sample image"
    return Outcome.no(why, ctx.readme(), inferred=generator)


@once_per_model
def topic_links(ctx: ProbeContext, component: str) -> tuple[Link, ...]:
    """The card's code links about the component's topic: by their words, their section
    or the name of the model's own repository."""
    keywords, sections, _, names = TOPICS[component]
    topic = mentions(keywords)
    pattern = repo_name_pattern(names) if names else None
    links = own_card(ctx).links_of("code")
    return tuple(link for link in links if about(ctx, link, topic, sections, pattern))


@once_per_model
def unidentified_code(ctx: ProbeContext) -> tuple[Link, ...]:
    """Links to the model's own code repositories that are about no code topic (no link to
    the same repository is): what they hold was not read (linked repositories are never
    fetched)."""
    known = {link.target or link.url for c in TOPICS for link in topic_links(ctx, c)}
    return tuple(
        link
        for link in published_code_links(ctx)
        if (link.target or link.url) not in known
        and not framework_link(ctx, link)
        and first_party(ctx, link)
    )


@once_per_model
def topic_code(ctx: ProbeContext, component: str) -> Found | Outcome:
    keywords, _, files, _ = TOPICS[component]
    what = component.replace("_", " ")
    found = in_repo(ctx, files, what, code=True) if files else None
    if found:
        return found
    config = _library_config(ctx) if component == "training_code" else None
    if not ctx.readme_read:
        return config or no_readme(ctx)
    topic = mentions(keywords)
    links = [link for link in topic_links(ctx, component) if not not_model_code(ctx, link, topic)]
    tools = training_frameworks(ctx) if component == "training_code" else []
    if component != "supporting_libraries":  # a model tool is never the model's own code
        tools += [link for link in links if tool_link(link) and link not in tools]
    links = [link for link in links if link not in tools]
    recipes = [link for link in links if framework_recipe(link)]
    if links and len(recipes) == len(links) and component == "training_code":
        recipe = recipes_linked(recipes)
        return ("cited", f"{what} {recipe.reason}", recipe.citations)
    if links:
        cites = link_cites(links, 3)
        targets = ", ".join(dict.fromkeys(link.target or link.url for link in links[:3]))
        return ("linked", f"{what} linked: {targets}", cites)
    if same := _in_same_repository(ctx, topic, what):
        return same
    if config:
        return config
    if tools:
        return framework_only(tools, what)
    if unread := unidentified_code(ctx):
        shown = ", ".join(dict.fromkeys(link.target or link.url for link in unread[:3]))
        repos = "a repository" if len(unread) == 1 else f"{len(unread)} repositories"
        why = (
            f"no {what} identified: the card links {repos} of the model's own ({shown}) whose"
            f" name, text and section say nothing of {what}; what they hold was not read"
        )
        why += set_aside(ctx, topic)
        return Outcome.no(why, *link_cites(unread, 3), ctx.readme(), inferred=True)
    if own_card(ctx).links_of("code"):  # judged by the links' wording: inferred, unless stated
        known = frozenset(link.target or link.url for c in TOPICS for link in topic_links(ctx, c))
        return no_topic_link(ctx, topic, f"no {what} in the repo or linked from the card", known)
    return Outcome.no(f"no {what} in the repo or linked from the card", ctx.readme())


# "Data preprocessing is in the same repository under tools/": code on the topic kept in
# the code repository the card linked just before (the same section, earlier text).
SAME_REPOSITORY = re.compile(
    r"\b(?:in|within|part\s+of|included\s+in|lives\s+in|ships\s+with)\s+the\s+same\s+"
    r"(?:repo(?:sitory)?|code\s*base|github\s+repo(?:sitory)?)\b",
    re.IGNORECASE,
)
SAME_REPOSITORY_DENIED = re.compile(
    r"\b(?:not|no|never|will|shall|soon|later|planned|plan)\b", re.IGNORECASE
)


def _in_same_repository(ctx: ProbeContext, topic: re.Pattern[str], what: str) -> Found | None:
    """Code on the topic the card says is in the same repository as a code link before it
    (inferred: no link names it); not when the sentence denies or promises it."""
    if not textsearch.search(SAME_REPOSITORY, own_card(ctx).body):
        return None
    code_links = published_code_links(ctx)
    for section in own_card(ctx).sections:
        if not SAME_REPOSITORY.search(section.text):
            continue
        text = section.text
        sentences = own_card(ctx).sentences(text)
        for (start, _), sentence in zip(sentences.spans, sentences.texts, strict=True):
            if not SAME_REPOSITORY.search(sentence) or not says_topic(topic, sentence):
                continue
            if SAME_REPOSITORY_DENIED.search(sentence):
                continue
            earlier = [link for link in code_links if link.url in text[:start]]
            if not earlier:
                continue
            link = max(earlier, key=lambda link: text.rfind(link.url, 0, start))
            said = " ".join(sentence.split())[:200]
            why = f"{what} in the same repository as {link.target or link.url} ('{said}')"
            return ("cited", why, (*link_cites([link], 1), ctx.readme(said)))
    return None


@once_per_model
def training_frameworks(ctx: ProbeContext) -> list[Link]:
    """General-purpose training frameworks the card links on training: the tools the
    model was trained with, not its own training code."""
    keywords, sections, _, _ = TOPICS["training_code"]
    topic = mentions(keywords)
    links = own_card(ctx).links_of("code")
    return [
        link for link in links if framework_link(ctx, link) and about(ctx, link, topic, sections)
    ]


def _inference_code(ctx: ProbeContext) -> Found | Outcome:
    found = _model_code(ctx, INFERENCE_FILES, "inference code")
    if found:
        return found
    name, cite = declared_library(ctx)
    if name:
        return ("linked", f"runs with the {name} library", (cite,))
    if configs := matching_files(ctx, CONFIG_FILES):  # as the default rubric's inference code
        why = f"a library config in the repo ({configs[0]}): the library reading it runs the model"
        return ("read", why, (ctx.file(configs[0]),))
    if runtime := format_runtime(ctx):
        return ("cited", f"{runtime[0]}: its public code runs the model", runtime[1])
    return no_listing(ctx, "inference code")


def _index_datasets(ctx: ProbeContext) -> list[str]:
    """Dataset ids named by the `model-index` results."""
    names: list[str] = []
    index = ctx.metadata.get("model-index")
    for model in index if isinstance(index, list) else []:
        for result in (model or {}).get("results", []) if isinstance(model, dict) else []:
            dataset = result.get("dataset") if isinstance(result, dict) else None
            if isinstance(dataset, dict) and isinstance(dataset.get("type"), str):
                names.append(dataset["type"])
    return list(dict.fromkeys(names))


def _evaluation_data(ctx: ProbeContext) -> Found | Outcome:
    names = _index_datasets(ctx)
    if names:
        return (
            "linked",
            f"`model-index` names {', '.join(names[:3])}",
            (ctx.field("model-index"),),
        )
    outcome = evaluation_results(ctx)
    if outcome.answer != "yes":
        return outcome
    benchmarks, section, in_table, evaluated = named_benchmarks(ctx)
    if benchmarks and (evaluated or not outcome.reason.startswith(ELSEWHERE)):
        shown = ", ".join(benchmarks[:3]) + (", ..." if len(benchmarks) > 3 else "")
        if section is None:
            where = "the results table names its" if in_table else "the result files name their"
        elif in_table:
            where = f"the results table in '{section.title}' names its"
        elif evaluated:  # a chart, prose or a link beside them: the section names the data
            where = f"'{section.title}' reports results and names what they were evaluated on:"
        else:
            where = f"the scores in '{section.title}' name their"
        what = f"{where} benchmarks ({shown}), public data without Hub dataset ids"
        cites = (ctx.section(section),) if section else outcome.citations
        return ("cited", what, cites)
    why = f"no evaluation dataset is named ({outcome.reason})"
    return Outcome.no(why, *outcome.citations, inferred=True)


def no_datasets(ctx: ProbeContext) -> Outcome:
    """The card names no training datasets: no, or unknown when its metadata was not read."""
    if not ctx.metadata_known:
        return no_metadata(ctx)
    return Outcome.no("the card names no training datasets", ctx.field("datasets"))


def _datasets(ctx: ProbeContext) -> Found | Outcome:
    names = declared_datasets(ctx)
    copy = data_copy(ctx) if not names else None
    if not names and (linked := linked_data(ctx)) is not None and copy is None:
        return ("linked data", linked.scope(), linked.citations)
    if copy is not None and copy.names and not copy.merge:
        return ("copied data", copy.scope(), copy.citations)  # as MOF 14 reads its card
    if not names:
        named = data_sources_named(ctx, DATA_SECTION_NAMES) if ctx.readme_read else None
        # a quantisation's data named as the copied model's are not named by this card
        if named is not None and named.answer == "yes" and copy is None:
            return ("named", named.reason, named.citations)
        return no_datasets(ctx)
    return (
        "datasets",
        f"declared datasets {', '.join(names[:5])}",
        (ctx.field("datasets", names),),
    )


CHECKPOINT_WORDS = re.compile(
    r"\b(?:intermediate|training|pre-?training)\s+checkpoints?\b"
    r"|\bcheckpoints?\s+(?:at|every|from)\b"
    r"|\bcheckpoints\s+(?:saved|taken|stored)\s+(?:during|throughout|every|at)\b",
    re.IGNORECASE,
)
# A sentence about checkpoints says they are out only with a word of release: released,
# available, published, uploaded, hosted, shared, "as branches", "as revisions".
CHECKPOINT_OUT = re.compile(
    r"\b(?:releas(?:e|es|ed|ing)|available|publish(?:es|ed|ing)?|upload(?:s|ed|ing)?"
    r"|host(?:s|ed)|shar(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|open[- ]?sourc\w*"
    r"|can\s+be\s+(?:found|downloaded|loaded)|branch(?:es)?|revisions?)\b",
    re.IGNORECASE,
)
# ... and not when it negates that, puts it in the future or offers it on request only
# ("We do not release intermediate checkpoints", "will be released later", "available
# upon request").
CHECKPOINT_NOT_OUT = re.compile(
    r"\b(?:not|never|no|without|will|shall|later|soon|upcoming|forthcoming|future|tb[ad])\b"
    r"|n't\b|\bplan(?:s|ned|ning)?\s+to\b"
    r"|\b(?:up)?on\s+(?:request|demand|application)\b|\bcontact\s+us\b|\bby\s+request\b",
    re.IGNORECASE,
)
# The checkpoint a model was made from, or those it averages or merges, are used, not
# released: "fine-tuned from the final pre-training checkpoint of X", "averages
# checkpoints from the last 3 epochs".
CHECKPOINT_USED = re.compile(
    r"\b(?:averag\w*|merg\w*|ensembl\w*|soup(?:s|ed)?"
    r"|(?:fine-?tuned|finetuned|initiali[sz]ed|continued|started|resumed|distilled|converted)"
    r"\s+(?:\w+\s+)?from)\b",
    re.IGNORECASE,
)
# A checkpoint revision the card loads ("revision=\"step1000\""), with the repo it names
# before it, if any.
REVISION_ARG = re.compile(r"\brevision\s*=\s*[\"']([^\"'\s]{1,80})[\"']")
QUOTED_REPO = re.compile(r"[\"']([\w.-]{1,96}/[\w.-]{1,96})[\"']")
# A table row whose first cell is a checkpoint revision name ("| step1000 | 4B |").
REVISION_ROW = re.compile(
    r"^\s*\|\s*`?((?:step|ckpt|checkpoint|iter|iteration)[-_]?\d+[kmbt]?)`?\s*\|",
    re.IGNORECASE | re.MULTILINE,
)


# A section titled as a set of checkpoints ("Stage 1 - Last 10 Checkpoints", "All
# Checkpoints", "Intermediate Checkpoints"), not as a way of using one ("Loading
# checkpoints", "Checkpoint averaging").
CHECKPOINT_TITLE = re.compile(
    r"\b(?:last|first|all|intermediate|training|\d+)\s+(?:\d+\s+)?checkpoints\b", re.IGNORECASE
)
CHECKPOINT_USE = re.compile(r"\b(?:averag\w*|merg\w*|convert\w*|load\w*)\b", re.IGNORECASE)
# ... or with plural "checkpoints" as its head noun ("Checkpoints", "Model Checkpoints",
# "Available checkpoints"), unless its words make them the finished models or others'
# ("Pretrained checkpoints", "Final checkpoints", "Base checkpoints", "GGUF checkpoints").
# Not "Revisions", which a changelog is titled too.
CHECKPOINTS_HEAD = re.compile(r"\bcheckpoints[^\w(]*(?:\([^()\n]*\)[^\w(]*)?$", re.IGNORECASE)
NOT_INTERMEDIATE = re.compile(
    r"\b(?:final|pre-?trained|fine-?tuned|finetuned|base|original|converted|quanti[sz]ed|gguf"
    r"|onnx|other|related|recommended|compatible|supported)\b",
    re.IGNORECASE,
)
# What makes a plain "Checkpoints" section's checkpoints intermediate ones: steps,
# stages, epochs, tokens seen, revisions or branches.
INTERMEDIATE_WORDS = re.compile(
    r"\b(?:intermediate|steps?|stages?|epochs?|iterations?|revisions?|branch(?:es)?"
    r"|during\s+training|tokens?)\b|step[-_]?\d|\bckpt",
    re.IGNORECASE,
)
# A sentence of such a section that may deny, promise or use them: it names checkpoints,
# a word of release or a word of things to come ("Coming soon.").
CHECKPOINT_SUBJECT = re.compile(r"\bcheckpoints?\b|\bckpts?\b|\bcoming\b", re.IGNORECASE)


def _checkpoint_repos(ctx: ProbeContext) -> list[Link]:
    """Links to Hub models of the model's own organisation (not itself, nor a declared
    base) whose names say they hold intermediate checkpoints."""
    if not ctx.readme_read:
        return []
    own = (ctx.evidence.repo_id or "").lower()
    owner = own.split("/", 1)[0] if "/" in own else None
    bases = {str(base).lower() for base in as_list(ctx.metadata.get("base_model"))}
    found = []
    for link in own_card(ctx).links_of("hf_model") if owner else ():
        target = (link.target or "").lower()
        org, _, name = target.partition("/")
        if org == owner and target != own and target not in bases and CHECKPOINT_REPO.search(name):
            found.append(link)
    return found


def _checkpoints_said(ctx: ProbeContext) -> Found | None:
    """The card says intermediate checkpoints are out (inferred): a sentence on them with
    a word of release, neither negated nor in the future, nor about the checkpoint the
    model was made from or ones it averages; or it lists or loads checkpoint revisions
    of its own repo (a table of `stepN` rows, `revision="step1000"`)."""
    body = own_card(ctx).body
    sentences = own_card(ctx).sentences()
    for match in textsearch.finditer(CHECKPOINT_WORDS, body):
        start, end = sentences.span_around(match.start(), match.end())
        sentence = body[start:end]
        if (
            CHECKPOINT_OUT.search(sentence)
            and not CHECKPOINT_NOT_OUT.search(sentence)
            and not CHECKPOINT_USED.search(sentence)
        ):
            shown = " ".join(sentence.split())[:160]
            what = f"the card says intermediate checkpoints are published ('{shown}')"
            return ("card", what, (ctx.readme(match.group(0)),))
    rows = list(dict.fromkeys(m.group(1) for m in textsearch.finditer(REVISION_ROW, body)))
    if len(rows) >= 2:
        what = f"the card lists checkpoint revisions: {', '.join(rows[:3])}"
        return ("card", what, (ctx.readme(rows[0]),))
    own = (ctx.evidence.repo_id or ctx.evidence.ref).lower()
    for match in textsearch.finditer(REVISION_ARG, body):
        repos = QUOTED_REPO.findall(body, max(0, match.start() - 200), match.start())
        if CHECKPOINT_NAME.search(match.group(1)) and (not repos or repos[-1].lower() == own):
            what = f"the card loads the checkpoint revision '{match.group(1)}' of this repo"
            return ("card", what, (ctx.readme(match.group(0)),))
    return _revision_links(ctx, own)


# A link to a revision of a Hub repo: its tree, a file at it, or `?revision=`.
REVISION_LINK = re.compile(r"/(?:tree|blob|resolve)/([^/?#]{1,80})|[?&]revision=([^&#]{1,80})")


def _revision_links(ctx: ProbeContext, own: str) -> Found | None:
    """Links to checkpoint revisions of the model's own repo ("/tree/step1000"): they
    are published, where the repo's branches were not listed (a listing without them
    says otherwise), unless the link's line denies or promises them."""
    if ctx.evidence.branches is not None:
        return None
    links, names = [], []
    card = own_card(ctx)
    for link in card.links_of("hf_model"):
        match = REVISION_LINK.search(link.url) if (link.target or "").lower() == own else None
        name = unquote(match[1] or match[2]) if match else ""
        if not CHECKPOINT_NAME.search(name):
            continue
        if any(CHECKPOINT_NOT_OUT.search(line) for line in card.lines_with(link.url)):
            continue
        links.append(link)
        names.append(name)
    if not links:
        return None
    shown = ", ".join(dict.fromkeys(names[:3]))
    what = f"the card links checkpoint revisions of this repo: {shown}"
    return ("read", what, link_cites(links, 3))


def _checkpoint_section(ctx: ProbeContext, section: Section) -> bool:
    """A section titled as a set of checkpoints (CHECKPOINT_TITLE, CHECKPOINTS_HEAD), not
    as a way of using one, whose title and sentences on them neither deny nor promise
    them, offer them on request, nor name the checkpoint the model was made from or
    those it averages (as for a sentence on checkpoints), and that links no other Hub
    model but checkpoint repositories (a table of the family's sizes lists models)."""
    title = section.title
    if CHECKPOINT_USE.search(title):
        return False
    if not CHECKPOINT_TITLE.search(title):
        # titled only "Checkpoints": intermediate ones when the section says so (else it
        # may list the family's final sizes)
        head = CHECKPOINTS_HEAD.search(title) and not NOT_INTERMEDIATE.search(title)
        if not head or not INTERMEDIATE_WORDS.search(section.text):
            return False
    sentences = [title, *own_card(ctx).sentences(section.text).texts]
    for sentence in sentences:
        said = CHECKPOINT_SUBJECT.search(sentence) or CHECKPOINT_OUT.search(sentence)
        if said and (CHECKPOINT_NOT_OUT.search(sentence) or CHECKPOINT_USED.search(sentence)):
            return False
    own = (ctx.evidence.repo_id or ctx.evidence.ref).lower()
    models = [
        target
        for link in own_card(ctx).links_of("hf_model")
        if holds_link(section.text, link.url)
        and (target := (link.target or "").lower())
        and target != own
    ]
    return all(CHECKPOINT_REPO.search(target.partition("/")[2]) for target in models)


_TRAINING_STATE = re.compile(
    r"(?:^|/)[^/]*(?:optim_states|optimizer|scheduler|rng_state|training_args)[^/]*$", re.IGNORECASE
)


def step_checkpoints(ctx: ProbeContext) -> Found | None:
    """Weight files in folders named for the training step they were saved at
    (checkpoint_names.CHECKPOINT_FOLDER: "global_step5000/", "iter_0005000/",
    "checkpoint-500/", "epoch-1/"), at any depth. Training state saved beside them
    (optimizer, scheduler, RNG state) holds no parameters."""
    weights = [f.path for f, _ in weight_files(ctx) if not _TRAINING_STATE.search(f.path)]
    held = [(path, folder) for path in weights if (folder := checkpoint_folder(path))]
    if not held:
        return None
    folders = list(dict.fromkeys(f"{folder}/" for _, folder in held))
    shown = ", ".join(folders[:3]) + (", ..." if len(folders) > 3 else "")
    files = ", ".join(path for path, _ in held[:3])
    what = (f"intermediate checkpoints in the repo: {files} (weight files in {len(folders)}"
            f" folder(s) named for a training step: {shown})")  # fmt: skip
    return ("repo", what, tuple(ctx.file(path) for path, _ in held[:3]))


def _checkpoints(ctx: ProbeContext) -> Found | Outcome:
    """Checkpoint folders, checkpoint branches, or (inferred) the card saying where they are."""
    found = step_checkpoints(ctx) or in_repo(ctx, CHECKPOINT_FILES, "intermediate checkpoints")
    if found:
        return found
    branches = ctx.evidence.branches or ()
    named = [name for name in branches if CHECKPOINT_NAME.search(name)]
    if named:
        what = f"{len(named)} checkpoint branch(es): {', '.join(named[:3])}"
        return ("repo", what, (Citation("api:refs", ", ".join(named[:3])),))
    said = _checkpoints_said(ctx) if ctx.readme_read else None
    if said:
        return said
    if repos := _checkpoint_repos(ctx):
        shown = ", ".join(dict.fromkeys(str(link.target) for link in repos[:3]))
        what = f"the card links Hub repositories whose names say checkpoints: {shown}"
        return ("linked", what, link_cites(repos, 3))
    titled = [s for s in own_card(ctx).sections if _checkpoint_section(ctx, s)]
    if titled and ctx.readme_read:
        what = f"the card's section '{titled[0].title}' lists checkpoints"
        return ("cited", what, (ctx.section(titled[0]),))
    if ctx.evidence.branches is not None:
        why = "no checkpoint folder in the files and no checkpoint branch among the repo's branches"
        return Outcome.no(why, Citation("api:refs"), Citation("files"))
    if not ctx.evidence.files:
        return Outcome.unknown("no file listing or branches were read to look for checkpoints")
    why = (
        "no checkpoint folder in the files, and the card does not say checkpoints are "
        "published (branches were not listed)"
    )
    return Outcome.no(why, Citation("files"), ctx.readme(), inferred=True)


def _evaluation_results(ctx: ProbeContext) -> Found | Outcome:
    """Results in the metadata, files or the card, or linked from it. Evaluation code (a
    harness) says how the model was evaluated, not what came out: no results."""
    outcome = evaluation_results(ctx)
    if outcome.answer != "yes":
        return outcome
    elsewhere = outcome.reason.startswith(ELSEWHERE)  # results elsewhere keep their licence
    where: Where = "linked" if elsewhere else "read" if outcome.inferred else "repo"
    return (where, f"results ({outcome.reason})", outcome.citations)


def _model_card(ctx: ProbeContext) -> Found | Outcome:
    """The model card: the README, or (inferred) a short one covering the card's topics,
    or a card file of its own in the repo."""
    outcome = card_substantive(ctx, 150, 0.5)
    if outcome.answer != "yes":
        return outcome
    where: Where = "read" if outcome.inferred else "repo"
    return (where, f"model card ({outcome.reason})", outcome.citations)


def _library_config(ctx: ProbeContext) -> Found | None:
    """The training configuration of the model's library in the repo, read as training
    code: the library's public training command reruns it (inferred)."""
    config = library_training_config(ctx)
    return ("read", config.reason, config.citations) if config else None


def _model_metadata(ctx: ProbeContext) -> Found | Outcome:
    """The training configuration, optimizer state or the model's own configuration:
    transformers' files, a library's training configuration, or (read) another
    library's model config where the model's config stands."""
    found = in_repo(ctx, METADATA_FILES, "model metadata") or _library_config(ctx)
    if found:
        return found
    if config := architecture_config(ctx):
        return ("read", f"model configuration in the repo: {config.where}", config.citations)
    return no_listing(ctx, "model configuration, training configuration or optimizer state")


def choice(name: str, allowed: tuple[str, ...]) -> Any:
    def check(params: dict[str, Any]) -> str | None:
        value = params[name]
        return None if value in allowed else f"{name}: expected {quote(allowed)}, got '{value}'"

    return check


def content_type(type: str) -> ContentType:
    return "code" if type == "code" else "data" if type == "data" else "document"


FINDERS = {
    "architecture": _architecture,
    "final_parameters": final_parameters,
    "model_card": _model_card,
    "data_card": _data_card,
    "technical_report": _report,
    "research_paper": _report,
    "evaluation_results": _evaluation_results,
    "sample_outputs": _sample_outputs,
    "training_code": lambda ctx: topic_code(ctx, "training_code"),
    "inference_code": _inference_code,
    "evaluation_code": lambda ctx: topic_code(ctx, "evaluation_code"),
    "evaluation_data": _evaluation_data,
    "supporting_libraries": lambda ctx: topic_code(ctx, "supporting_libraries"),
    "datasets": _datasets,
    "preprocessing_code": lambda ctx: topic_code(ctx, "preprocessing_code"),
    "intermediate_checkpoints": _checkpoints,
    "model_metadata": _model_metadata,
}


def dataset_state(item: DatasetLicense, kind: ContentType) -> tuple[str, str]:
    if item.status == "not_found":
        return "unknown", unfound_licence(item.repo_id)
    if item.status not in ("ok", "gated"):
        return "unknown", f"{item.repo_id} was not looked up ({item.status}: {item.reason})"
    if item.facts is None:
        if item.reason == "no licence declared":
            return "not_open", f"{item.repo_id} declares no licence (unlicensed)"
        # stated but matching no known licence: a custom licence, not open (inferred)
        return "custom", f"{item.repo_id}: a custom licence ({item.reason}) is not open"
    state, why = facts_openness(item.facts, kind, item.license_id)
    return state, f"{item.repo_id}: {why}"


def datasets_licensed(
    ctx: ProbeContext,
    what: str,
    kind: ContentType,
    linked: LinkedData | None = None,
    copy: DataCopy | None = None,
) -> Outcome:
    """Linked datasets carry their own (component) licences in their cards: the declared
    ones, those the card links as its training data (`linked`), or those the model a
    quantisation or conversion copies declares (`copy`); the last two are a reader's
    conclusion, so every answer is inferred."""
    names: tuple[str, ...]
    if copy is not None:
        looked = {item.repo_id.lower(): item for item in copy.licences(ctx)}
        names, cites, unread = copy.names, [*copy.citations], " by the copied model's source"
    elif linked is not None:
        looked = {item.repo_id.lower(): item for item in linked.licences(ctx)}
        names = linked.names
        cites = [*linked.citations]
        unread = f" ({linked.unread_why})"
    else:
        looked = {item.repo_id.lower(): item for item in ctx.dataset_licenses}
        declared = declared_datasets(ctx)
        names = declared or tuple(looked)
        cites = [ctx.field("datasets", list(declared))] if declared else []
        unread = ""
    cites += [item.citation for item in looked.values()]
    states = [
        dataset_state(looked[name.lower()], kind)
        if name.lower() in looked
        else ("unknown", f"{name} was not looked up{unread}")
        for name in names
    ]
    if linked is not None:  # corpora named beside the links, with no Hub dataset to read
        unlinked = "is named as training data too, with no Hub dataset: its licence is unread"
        states += [
            ("unknown", f"{name} {unlinked}")
            for name in undeclared_training_data(ctx, linked.names)
        ]
    text = f"{what}: " + "; ".join(why for _, why in states)
    read = linked is not None or copy is not None
    if any(state == "not_open" for state, _ in states):
        return graded(Outcome.no(text, *cites, inferred=read), "not_open")
    if any(state == "custom" for state, _ in states):
        return graded(Outcome.no(text, *cites, inferred=True), "not_open")
    if any(state == "unknown" for state, _ in states):
        return graded(Outcome.unknown(text, *cites), "unknown")
    note = ALL_DATA_NOTE if kind == "data" else ""
    return graded(Outcome.yes(text + note, *cites, inferred=read), "included")


ALL_DATA_NOTE = " (whether these are all the data used needs a person)"


def all_training_data(ctx: ProbeContext, found: Outcome) -> Outcome:
    """The training datasets' licences, open or undecided (`datasets_licensed`), are not
    those of all the training data when the card says part of it is not released
    (`withheld_training_data`): that part is not openly licensed, so not open (no,
    inferred, quoting the card), as MOF's datasets and EOSAI's licences read it."""
    if found.answer == "no" or (held := withheld_training_data(ctx)) is None:
        return found
    why = f"{found.reason.removesuffix(ALL_DATA_NOTE)}; but {held.reason()}"
    return graded(Outcome.no(why, *found.citations, held.citation(ctx), inferred=True), "not_open")
