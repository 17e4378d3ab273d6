"""Code-layer evaluators: inference, training and evaluation code, and its licence.

Linked code repositories are never fetched: the card's links and the text
around them are all the evidence, and their licences stay unknown offline.
"""

from __future__ import annotations

from openaudit.card import Link
from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.code_licences import code_file_osi, stated_code_osi
from openaudit.rubric.evaluators.code_link_topics import (
    about,
    mentions,
    repo_name_pattern,
    withheld,
)
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.evaluator_helpers import (
    licence_basis,
    link_cites,
    no_readme,
    quote,
)
from openaudit.rubric.evaluators.framework_links import (
    framework_link,
    framework_only,
    framework_recipe,
    recipes_linked,
    tool_link,
)
from openaudit.rubric.evaluators.generic import matching_files
from openaudit.rubric.evaluators.model_code_links import (
    model_code_links,
    no_topic_link,
    published_code_links,
)
from openaudit.rubric.evaluators.repo_code import (
    CONFIG_FILES,
    INFERENCE_FILES,
    format_runtime,
    library_training_config,
    model_code,
    own_code,
)
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome


@evaluator(
    "inference_code",
    params={
        "files": Param(
            "list[str]",
            INFERENCE_FILES,
            "globs of modelling or inference code files (training, evaluation and"
            " preprocessing scripts never count)",
        )
    },
    reads=("api:library_name", "card:library_name", "api:tags", "files"),
    doc=(
        "The model can be run with published code: a library integration, modelling files,"
        " or (inferred) a general runtime of the weights' format (GGUF, ONNX, Core ML, ...)."
    ),
)
def inference_code(ctx: ProbeContext, files: list[str]) -> Outcome:
    """The model can be run with published code (a library or modelling files)."""
    name, cite = declared_library(ctx)
    if name:
        return Outcome.yes(f"runs with the {name} library", cite)
    code = model_code(ctx, files)
    if code:
        cites = [ctx.file(path) for path in code[:5]]
        return Outcome.yes(f"modelling code in the repo: {', '.join(code[:3])}", *cites)
    configs = matching_files(ctx, CONFIG_FILES)
    if configs:
        return Outcome.yes(f"a library config ({configs[0]}) is published", ctx.file(configs[0]))
    if runtime := format_runtime(ctx):
        why, weights = runtime
        return Outcome.yes(f"{why}: its public code runs the model", *weights, inferred=True)
    if not ctx.evidence.files:
        return Outcome.unknown("no file listing was read and no library is declared")
    return Outcome.no("no library is declared and the repo has no modelling code", cite)


@evaluator(
    "code_linked",
    params={
        "keywords": Param("list[str]", doc="word starts that mark the topic, e.g. 'train'"),
        "sections": Param(
            "list[str]",
            [],
            "section titles whose code links count ('Training' in the languages of the"
            " data sections too: '学習方法', 'Procédure d'entraînement')",
        ),
        "files": Param("list[str]", [], "globs of repo files that count as such code"),
        "frameworks": Param(
            "bool", True, "whether links to general-purpose training frameworks count"
        ),
        "repo_names": Param(
            "list[str]",
            [],
            "starts of a name part of the model's own repository that name the topic"
            " ('eval' in 'terra-eval')",
        ),
        "library_configs": Param(
            "bool",
            False,
            "whether a training configuration that the model's own library saves in the"
            " repo (LeRobot's train_config.json, spaCy's config.cfg) counts: the library's"
            " public training command reruns it",
        ),
    },
    reads=("README.md", "files", "api:library_name", "card:library_name", "api:tags"),
    doc=(
        "Code on the topic is published: a file of FILES in the repo (not example code"
        " offered to users: `sample_*`, `example_*`, `examples/`, or called an example by"
        " the card), a code link whose text, line or section is about it,"
        " the model's own repository named for it, or (library_configs) a training"
        " configuration of the model's library in the repo (inferred)."
    ),
)
def code_linked(
    ctx: ProbeContext,
    keywords: list[str],
    sections: list[str],
    files: list[str],
    frameworks: bool,
    repo_names: list[str],
    library_configs: bool,
) -> Outcome:
    """Code on a topic (training, evaluation, ...) is in the repo or linked from the card,
    or (`library_configs`) a training configuration of the model's library is in the repo."""
    in_repo = own_code(ctx, files) if files else []  # not example code offered to users
    if in_repo:
        cites = [ctx.file(path) for path in in_repo[:5]]
        return Outcome.yes(f"in the repo: {', '.join(in_repo[:3])}", *cites)
    config = library_training_config(ctx) if library_configs else None
    if not ctx.readme_read:
        return config.outcome() if config else no_readme(ctx)
    topic = mentions(keywords)
    names = repo_name_pattern(repo_names) if repo_names else None
    candidates = model_code_links(ctx, topic)
    links = [link for link in candidates if about(ctx, link, topic, sections, names)]
    tools = [
        link for link in links if tool_link(link) or (not frameworks and framework_link(ctx, link))
    ]
    links = [link for link in links if link not in tools]
    recipes = [link for link in links if not frameworks and framework_recipe(link)]
    if links and len(recipes) == len(links):
        return recipes_linked(recipes).outcome()
    if links:
        targets = ", ".join(dict.fromkeys(link.target or link.url for link in links))
        return Outcome.yes(f"linked: {targets}", *link_cites(links))
    if config:
        return config.outcome()
    if tools:
        return framework_only(tools, "code")
    pending = (withheld(ctx, link, topic) for link in own_card(ctx).links_of("code"))
    if sentence := next((text for text in pending if text), None):
        reason = f"the card says the code is not published: {quote([sentence[:200]])}"
        return Outcome.no(reason, ctx.readme(), inferred=True)
    total = len(own_card(ctx).links_of("code"))
    what = f"none of the card's {total} code link(s) is about {quote(keywords)}"
    return no_topic_link(ctx, topic, what)


@evaluator(
    "code_osi_licensed",
    params={"files": Param("list[str]", ["*.py"], "globs of code files in the repo")},
    reads=("files", "card:license", "file:LICENSE*", "README.md"),
    doc=(
        "The published code is under an OSI-approved licence (repo code: its own licence file,"
        " LICENSE-CODE, else the model licence)."
    ),
)
def code_osi_licensed(ctx: ProbeContext, files: list[str]) -> Outcome:
    """The code published with the model is under an OSI-approved licence."""
    code = matching_files(ctx, files)
    if code:
        return _repo_code_license(ctx, code)
    # a general model tool's licence is not the model's code's, nor is a licence stated
    # for code still to come
    own = published_code_links(ctx) if ctx.readme_read else []
    if own:
        return _linked_code_license(ctx, own[0])
    name, cite = declared_library(ctx)
    if name:
        return Outcome.unknown(
            f"the only code is the {name} integration, licensed by the library", cite
        )
    return Outcome.no("no code is published with the model", Citation("files"))


def _linked_code_license(ctx: ProbeContext, link: Link) -> Outcome:
    """Linked code: the card's own statement of its licence, else unknown offline."""
    where = Citation("README.md", link.target or link.text or None, link.url)
    stated = stated_code_osi(ctx, "the linked code", where)
    if stated is None:
        shown = link.target or link.url
        return Outcome.unknown(f"the code is linked ({shown}); no licence for it is stated", where)
    return stated


def _repo_code_license(ctx: ProbeContext, code: list[str]) -> Outcome:
    """Code files in the repo fall under the repo's code licence file, else the model's
    licence."""
    if (own := code_file_osi(ctx, code)) is not None:
        return own
    report = ctx.license
    cites = (*(ctx.file(path) for path in code[:3]), *(c.citation for c in report.claims))
    facts = report.facts
    if facts is None:
        if report.claims:
            return Outcome.unknown(f"the repo licence is not identified: {report.reason}", *cites)
        return Outcome.no("the repo code has no licence", *cites)
    if facts.osi_approved is None:
        return Outcome.unknown(f"whether '{facts.id}' is OSI-approved is not known", *cites)
    shown = f"repo code is under '{facts.id}'"
    if facts.osi_approved:
        return licence_basis(ctx, Outcome.yes(f"{shown}, OSI-approved", *cites))
    return licence_basis(ctx, Outcome.no(f"{shown}, not OSI-approved", *cites))
