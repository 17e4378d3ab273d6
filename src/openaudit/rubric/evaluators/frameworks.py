"""Framework evaluators: MOF components, OSAID requirements, EOSAI dimensions.

Each decides only what Hub evidence shows and answers `unknown`, with the
reason, where the framework needs a person (completeness, peer review, the
licence of something hosted off the Hub). Framework results are computed from
these probes' outcomes by `openaudit.rubric.frameworks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from openaudit.licenses.provenance import DatasetLicense
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators._common import (
    declared_datasets,
    licence_unreadable,
    no_metadata,
    no_readme,
    quote,
    words,
)
from openaudit.rubric.evaluators._openness import (
    CONTENT_TYPES,
    ContentType,
    Openness,
    facts_openness,
    graded,
    report_openness,
)
from openaudit.rubric.evaluators.code import about, library, mentions, stated_code_license
from openaudit.rubric.evaluators.docs import card_substantive, evaluation_results, paper_linked
from openaudit.rubric.evaluators.generic import best_section, matching_files
from openaudit.rubric.evaluators.weights import card_gate, weight_files
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Citation, Outcome

if TYPE_CHECKING:
    from openaudit.card import Section
    from openaudit.evidence import LinkedRepo

Where = Literal["repo", "linked", "datasets"]
Found = tuple[Where, str, tuple[Citation, ...]]  # where, what was found, citations

DATA_SECTIONS = ["Training Data", "Training Dataset", "Datasets", "Dataset", "Data", "Corpus"]
REPORT_FILES = ["*report*.pdf", "*paper*.pdf", "*technical*report*.md"]
SAMPLE_SECTIONS = ["Sample Outputs", "Example Outputs", "Examples", "Samples", "Generations"]
CHECKPOINT_FILES = ["checkpoint-*/*", "checkpoints/*", "*/step[0-9]*/*", "*intermediate*"]
METADATA_FILES = ["training_args.bin", "trainer_state.json", "optimizer.pt", "*optimizer*.pt"]
TOPICS: dict[str, tuple[list[str], list[str], list[str]]] = {
    # component: (keywords of card links, section titles, repo file globs)
    "training_code": (
        ["train", "pretrain", "pre-train", "fine-tun", "finetun", "recipe", "reproduc"],
        ["Training"],
        ["train*.py", "*/train*.py", "scripts/train*", "*finetune*.py"],
    ),
    "evaluation_code": (
        ["evaluat", "benchmark", "harness"],
        ["Evaluation", "Results"],
        ["eval*.py", "*/eval*.py"],
    ),
    "preprocessing_code": (
        ["preprocess", "pre-process", "data process", "data pipeline", "dedup", "filter", "curat"],
        ["Preprocessing", "Data Processing"],
        ["preprocess*.py", "*/preprocess*.py", "*data_prep*.py"],
    ),
    "supporting_libraries": (["librar", "toolkit", "tooling", "tokeniz", "framework"], [], []),
}


def _outcome_found(outcome: Outcome, what: str) -> Found | Outcome:
    """A presence outcome as Found (yes, in this repo) or as the missing/unknown outcome."""
    if outcome.answer == "yes":
        return ("repo", f"{what} ({outcome.reason})", outcome.citations)
    return outcome


def _in_repo(ctx: ProbeContext, globs: list[str], what: str) -> Found | None:
    hits = matching_files(ctx, globs)
    if not hits:
        return None
    return ("repo", f"{what} in the repo: {', '.join(hits[:3])}", tuple(map(ctx.file, hits[:3])))


def _no_listing(ctx: ProbeContext, what: str) -> Outcome:
    if not ctx.evidence.files:
        return Outcome.unknown(f"no file listing was read to look for {what}")
    return Outcome.no(f"no {what} in the repository", Citation("files"))


def _architecture(ctx: ProbeContext) -> Found | Outcome:
    found = _in_repo(ctx, ["*.py", "config.json", "params.json"], "architecture")
    if found:
        return found
    name, cite = library(ctx)
    if name:
        return ("linked", f"the architecture's code is in the {name} library", (cite,))
    return _no_listing(ctx, "architecture code or config")


def _final_parameters(ctx: ProbeContext) -> Found | Outcome:
    found = weight_files(ctx)
    if found:
        cites = tuple(ctx.file(f.path) for f, _ in found[:3])
        return ("repo", f"{len(found)} weight file(s) in the repo", cites)
    return _no_listing(ctx, "weight files")


def _data_section(ctx: ProbeContext) -> tuple[Section, int] | None:
    """The card's training-data section and its words, when it has at least 40."""
    section, count = best_section(ctx, DATA_SECTIONS) if ctx.readme_read else (None, 0)
    return (section, count) if section is not None and count >= 40 else None


def _data_card(ctx: ProbeContext) -> Found | Outcome:
    if described := _data_section(ctx):
        section, count = described
        what = f"data described in section '{section.title}' ({count} words)"
        return ("repo", what, (ctx.section(section),))
    if ctx.dataset_licenses:
        return ("datasets", "dataset cards of the linked datasets", ())
    if not ctx.readme_read:
        return no_readme(ctx)
    return Outcome.no("no training-data section and no linked dataset cards", ctx.readme())


def _report(ctx: ProbeContext) -> Found | Outcome:
    found = _in_repo(ctx, REPORT_FILES, "a report")
    if found:
        return found
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
    return Outcome.no(f"no section titled {quote(SAMPLE_SECTIONS)}", ctx.readme())


def _topic_code(ctx: ProbeContext, component: str) -> Found | Outcome:
    keywords, sections, files = TOPICS[component]
    what = component.replace("_", " ")
    found = _in_repo(ctx, files, what) if files else None
    if found:
        return found
    if not ctx.readme_read:
        return no_readme(ctx)
    topic = mentions(keywords)
    links = [link for link in ctx.card.links_of("code") if about(ctx, link, topic, sections)]
    if links:
        cites = tuple(Citation("README.md", link.target or None, link.url) for link in links[:3])
        targets = ", ".join(dict.fromkeys(link.target or link.url for link in links[:3]))
        return ("linked", f"{what} linked: {targets}", cites)
    return Outcome.no(f"no {what} in the repo or linked from the card", ctx.readme())


def _inference_code(ctx: ProbeContext) -> Found | Outcome:
    found = _in_repo(ctx, ["*.py"], "inference code")
    if found:
        return found
    name, cite = library(ctx)
    if name:
        return ("linked", f"runs with the {name} library", (cite,))
    return _no_listing(ctx, "inference code")


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
    if outcome.answer == "yes":
        return ("linked", "evaluation results name no dataset ids", outcome.citations)
    return outcome


def _no_datasets(ctx: ProbeContext) -> Outcome:
    """The card names no training datasets: no, or unknown when its metadata was not read."""
    if not ctx.metadata_known:
        return no_metadata(ctx)
    return Outcome.no("the card names no training datasets", ctx.field("datasets"))


def _datasets(ctx: ProbeContext) -> Found | Outcome:
    names = declared_datasets(ctx)
    if not names:
        return _no_datasets(ctx)
    return (
        "datasets",
        f"declared datasets {', '.join(names[:5])}",
        (ctx.field("datasets", names),),
    )


def _checkpoints(ctx: ProbeContext) -> Found | Outcome:
    found = _in_repo(ctx, CHECKPOINT_FILES, "intermediate checkpoints")
    if found:
        return found
    return Outcome.unknown(
        "no checkpoint folder in the file listing; checkpoints published as branches "
        "(e.g. step1000) are not in the evidence"
    )


def _model_metadata(ctx: ProbeContext) -> Found | Outcome:
    return _in_repo(ctx, METADATA_FILES, "training metadata") or _no_listing(
        ctx, "training configuration or optimizer state"
    )


FINDERS = {
    "architecture": _architecture,
    "final_parameters": _final_parameters,
    "model_card": lambda ctx: _outcome_found(card_substantive(ctx, 150, 0.5), "model card"),
    "data_card": _data_card,
    "technical_report": _report,
    "research_paper": _report,
    "evaluation_results": lambda ctx: _outcome_found(evaluation_results(ctx), "results"),
    "sample_outputs": _sample_outputs,
    "training_code": lambda ctx: _topic_code(ctx, "training_code"),
    "inference_code": _inference_code,
    "evaluation_code": lambda ctx: _topic_code(ctx, "evaluation_code"),
    "evaluation_data": _evaluation_data,
    "supporting_libraries": lambda ctx: _topic_code(ctx, "supporting_libraries"),
    "datasets": _datasets,
    "preprocessing_code": lambda ctx: _topic_code(ctx, "preprocessing_code"),
    "intermediate_checkpoints": _checkpoints,
    "model_metadata": _model_metadata,
}


def _choice(name: str, allowed: tuple[str, ...]) -> Any:
    def check(params: dict[str, Any]) -> str | None:
        value = params[name]
        return None if value in allowed else f"{name}: expected {quote(allowed)}, got '{value}'"

    return check


def _content_type(type: str) -> ContentType:
    return "code" if type == "code" else "data" if type == "data" else "document"


@evaluator(
    "mof_component",
    params={
        "component": Param("str", doc="MOF component (final_parameters, model_card, ...)"),
        "type": Param("str", doc="content type deciding the licence lists: code, data, document"),
    },
    reads=("files", "README.md", "card:license", "card:datasets", "datasets:<id>:card:license"),
    doc="The MOF component is released and openly licensed for its content type.",
    check=lambda p: _choice("component", tuple(FINDERS))(p) or _choice("type", CONTENT_TYPES)(p),
)
def mof_component(ctx: ProbeContext, component: str, type: str) -> Outcome:
    """A MOF component is present and openly licensed; graded included/missing/not_open/unknown."""
    found = FINDERS[component](ctx)
    if isinstance(found, Outcome):
        return graded(found, "missing" if found.answer == "no" else "unknown")
    kind = _content_type(type)
    where, what, cites = found
    if where == "datasets":
        return _datasets_licensed(ctx, what, kind)
    type_wide = _type_wide_licensed(ctx, what, kind, cites)
    if type_wide is not None:
        return type_wide
    if where == "linked":
        why = f"{what}; its own licence is where it is hosted, which Hub evidence does not show"
        return graded(Outcome.unknown(why, *cites), "unknown")
    return _distribution_licensed(ctx, what, kind, cites)


def _type_wide_licensed(
    ctx: ProbeContext, what: str, kind: ContentType, cites: tuple[Citation, ...]
) -> Outcome | None:
    """MOF's middle step: a licence the card states for all code (e.g. "the training
    code is released under Apache-2.0") applies to every code component, linked or
    in the repo, before the distribution licence. None when the card states none."""
    if kind != "code" or not ctx.readme_read:
        return None
    stated = stated_code_license(ctx)
    if stated is None:
        return None
    facts, sentence = stated
    state, why = facts_openness(facts, kind, facts.id)
    said = Citation("README.md", sentence, ctx.evidence.file_url("README.md"))
    return _by_openness(state, f"{what}; the card states the code licence: {why}", (said, *cites))


@evaluator(
    "mof_license_open",
    params={"type": Param("str", doc="content type: code, data or document")},
    reads=("card:license", "file:LICENSE*", "api:tags"),
    doc="The distribution (model) licence is open for MOF for the content type.",
    check=_choice("type", CONTENT_TYPES),
)
def mof_license_open(ctx: ProbeContext, type: str) -> Outcome:
    """The model's licence counts as open under MOF's licence lists."""
    kind = _content_type(type)
    state, why, cites = _licence_openness(ctx, kind)
    cites = cites or (Citation("card:license"),)
    answer = {"open": Outcome.yes, "not_open": Outcome.no}.get(state, Outcome.unknown)
    return answer(why, *cites)


def _licence_openness(
    ctx: ProbeContext, kind: ContentType
) -> tuple[Openness, str, tuple[Citation, ...]]:
    """MOF openness of the distribution licence, its reason and citations.

    No licence found on a gated card that could not be read is unknown, not
    "unlicensed": the licence may be stated where nothing was read.
    """
    report = ctx.license
    if report.facts is None and (unreadable := licence_unreadable(ctx)):
        return "unknown", unreadable.reason, unreadable.citations
    state, why = report_openness(report, kind)
    return state, why, tuple(claim.citation for claim in report.claims)


def _distribution_licensed(
    ctx: ProbeContext, what: str, kind: ContentType, cites: tuple[Citation, ...]
) -> Outcome:
    """A component in this repo: no component or type-wide licence on the Hub, so the
    distribution licence applies (MOF precedence: component, type, distribution)."""
    state, why, read = _licence_openness(ctx, kind)
    cites = (*cites, *read)
    text = f"{what}; no component licence on the Hub, so the distribution licence applies: {why}"
    return _by_openness(state, text, cites)


def _by_openness(state: str, text: str, cites: tuple[Citation, ...]) -> Outcome:
    """A component's graded outcome from its licence's MOF openness."""
    if state == "open":
        return graded(Outcome.yes(text, *cites), "included")
    if state == "not_open":
        return graded(Outcome.no(text, *cites), "not_open")
    return graded(Outcome.unknown(text, *cites), "unknown")


def _dataset_state(item: DatasetLicense, kind: ContentType) -> tuple[str, str]:
    if item.status == "not_found":
        return "unknown", f"{item.repo_id} was not found on the Hub ({item.reason})"
    if item.status not in ("ok", "gated"):
        return "unknown", f"{item.repo_id} was not looked up ({item.status}: {item.reason})"
    if item.facts is None:
        if item.reason == "no licence declared":
            return "not_open", f"{item.repo_id} declares no licence (unlicensed)"
        return "unknown", f"{item.repo_id}: licence not identified ({item.reason})"
    state, why = facts_openness(item.facts, kind, item.license_id)
    return state, f"{item.repo_id}: {why}"


def _datasets_licensed(ctx: ProbeContext, what: str, kind: ContentType) -> Outcome:
    """Linked datasets carry their own (component) licences in their cards."""
    looked = {item.repo_id.lower(): item for item in ctx.dataset_licenses}
    declared = declared_datasets(ctx)
    names = declared or tuple(looked)
    cites = [ctx.field("datasets", list(declared))] if declared else []
    cites += [item.citation for item in looked.values()]
    states = [
        _dataset_state(looked[name.lower()], kind)
        if name.lower() in looked
        else ("unknown", f"{name} was not looked up")
        for name in names
    ]
    text = f"{what}: " + "; ".join(why for _, why in states)
    if any(state == "not_open" for state, _ in states):
        return graded(Outcome.no(text, *cites), "not_open")
    if any(state == "unknown" for state, _ in states):
        return graded(Outcome.unknown(text, *cites), "unknown")
    note = " (whether these are all the data used needs a person)" if kind == "data" else ""
    return graded(Outcome.yes(text + note, *cites), "included")


# --- OSAID -------------------------------------------------------------------------

OSAID_ELEMENTS = ("data_information", "code", "parameters")
OSAID_ELEMENT_PARAM = {"element": Param("str", doc="data_information, code or parameters")}


def _data_information(ctx: ProbeContext) -> Outcome:
    names = declared_datasets(ctx)
    found = [f"datasets {', '.join(names[:3])}"] if names else []
    cites = [ctx.field("datasets", names)] if names else []
    if described := _data_section(ctx):
        section, count = described
        found.append(f"section '{section.title}' ({count} words)")
        cites.append(ctx.section(section))
    if found:
        why = (f"data information found ({'; '.join(found)}); whether it lets a skilled "
               "person build a substantially equivalent system needs a person")  # fmt: skip
        return Outcome.unknown(why, *cites)
    if not ctx.metadata_known:
        return no_metadata(ctx)
    if not ctx.readme_read:
        return no_readme(ctx)
    return Outcome.no("no training datasets named and no training-data section", ctx.readme())


def _osaid_code(ctx: ProbeContext) -> Outcome:
    found = _topic_code(ctx, "training_code")
    if isinstance(found, Outcome):
        reason = f"{found.reason}: OSAID needs the complete code used to train and run"
        return Outcome(found.answer, reason, found.citations)
    _, what, cites = found
    return Outcome.unknown(f"{what}; whether it is the complete code needs a person", *cites)


def _osaid_parameters(ctx: ProbeContext) -> Outcome:
    found = _final_parameters(ctx)
    if isinstance(found, Outcome):
        return found
    return Outcome.yes(found[1], *found[2])


@evaluator(
    "osaid_element",
    params=OSAID_ELEMENT_PARAM,
    reads=("files", "README.md", "card:datasets"),
    doc="The OSAID element (preferred form for modification) is published.",
    check=_choice("element", OSAID_ELEMENTS),
)
def osaid_element(ctx: ProbeContext, element: str) -> Outcome:
    """An OSAID required element is available (completeness: unknown, needs a person)."""
    if element == "parameters":
        return _osaid_parameters(ctx)
    if element == "code":
        return _osaid_code(ctx)
    return _data_information(ctx)


def _terms_free(ctx: ProbeContext, what: str) -> Outcome:
    """The distribution licence grants the four freedoms without use restrictions."""
    from openaudit.rubric.evaluators.usage import restrictions

    report = ctx.license
    cites = tuple(claim.citation for claim in report.claims)
    facts = report.facts
    if facts is None:
        if report.claims:
            return Outcome.unknown(f"the licence is not identified ({report.reason})", *cites)
        return licence_unreadable(ctx) or Outcome.no(
            f"no licence or terms are stated for the {what}", Citation("card:license")
        )
    found = restrictions(facts)
    if facts.family in ("restricted", "non-commercial", "proprietary") or found:
        shown = "; ".join(found or []) or facts.family
        return Outcome.no(f"{what} under '{facts.id}': {shown}", *cites)
    if facts.family == "unknown" or found is None:
        return Outcome.unknown(f"whether '{facts.id}' restricts use needs a person", *cites)
    return Outcome.yes(f"{what} under '{facts.id}', with no use restrictions", *cites)


def _code_terms(ctx: ProbeContext) -> Outcome:
    """The code published with the model is under an OSI-approved licence."""
    code = matching_files(ctx, ["*.py"])
    if code:
        return _repo_code_terms(ctx, code)
    links = ctx.card.links_of("code") if ctx.readme_read else ()
    name, lib_cite = library(ctx)
    if links or name:
        cites = [Citation("README.md", link.target or None, link.url) for link in links[:3]]
        cites += [lib_cite] if name else []
        return Outcome.unknown(
            "the code is hosted off the Hub; its licence is not in the evidence", *cites
        )
    if not ctx.readme_read:
        return no_readme(ctx)
    if not ctx.evidence.files:
        return Outcome.unknown("no file listing was read to look for code")
    return Outcome.no("no code is published, so no code licence", Citation("files"))


def _repo_code_terms(ctx: ProbeContext, code: list[str]) -> Outcome:
    """Code in the repo is under the model's licence: OSI-approved or not."""
    report = ctx.license
    facts = report.facts
    cites = (*map(ctx.file, code[:3]), *(claim.citation for claim in report.claims))
    if facts is None and not report.claims:
        unreadable = licence_unreadable(ctx)
        if unreadable:
            return Outcome(unreadable.answer, unreadable.reason, (*cites, *unreadable.citations))
        return Outcome.no(
            "no licence is stated for the repo code, so no OSI-approved licence",
            *cites,
            Citation("card:license"),
        )
    if facts is None or facts.osi_approved is None:
        return Outcome.unknown(
            "the repo code's licence is not identified as OSI-approved or not", *cites
        )
    answer = Outcome.yes if facts.osi_approved else Outcome.no
    shown = "OSI-approved" if facts.osi_approved else "not OSI-approved"
    return answer(f"the repo code is under '{facts.id}', {shown}", *cites)


@evaluator(
    "osaid_terms",
    params=OSAID_ELEMENT_PARAM,
    reads=("card:license", "file:LICENSE*", "files"),
    doc="The element is under OSI-approved licences (code) or terms with no use restrictions.",
    check=_choice("element", OSAID_ELEMENTS),
)
def osaid_terms(ctx: ProbeContext, element: str) -> Outcome:
    """The element's licence or terms grant the freedoms (code: OSI-approved)."""
    if element == "code":
        return _code_terms(ctx)
    return _terms_free(ctx, "parameters" if element == "parameters" else "data information")


@evaluator(
    "no_permission_gate",
    reads=("api:gated",),
    doc="The model can be obtained without asking permission (no manual-approval gate).",
)
def no_permission_gate(ctx: ProbeContext) -> Outcome:
    """No gate requiring the owner's approval stands between a user and the model."""
    evidence = ctx.evidence
    if evidence.source == "local":
        return Outcome.unknown("a local folder has no Hub gate setting")
    if evidence.gated == "manual":
        return Outcome.no("access needs the owner's manual approval", ctx.api("gated", "manual"))
    if evidence.gated or evidence.access == "gated":
        why = (
            "an automatic gate asks users to accept terms; "
            "whether that is asking permission needs a person"
        )
        return Outcome.unknown(why, ctx.api("gated", str(evidence.gated)))
    return Outcome.yes("not gated", ctx.api("gated", "false"))


# --- EOSAI ---------------------------------------------------------------------------
# A dimension's evaluator returns the range of levels the evidence allows: decided
# when low == high, else `unknown` with what it is at least / at most. A dimension
# is two probes, "open?" (at_least: open) and "at least partial?" (at_least:
# partial): open answers yes/yes, partial yes/no, closed no/no, so two probes of
# equal weight score 1, 0.5 and 0 exactly as the index averages them.

EosaiLevel = Literal["closed", "partial", "open"]
EOSAI_RANK: dict[str, int] = {"closed": 0, "partial": 1, "open": 2}


@dataclass(frozen=True)
class Rated:
    """The levels a dimension can have given the evidence, and why."""

    low: EosaiLevel
    high: EosaiLevel
    reason: str
    citations: tuple[Citation, ...] = ()

    @property
    def level(self) -> str:
        """The level when decided, else 'unknown'."""
        return self.low if self.low == self.high else "unknown"


def _rated(level: EosaiLevel, reason: str, *cites: Citation) -> Rated:
    return Rated(level, level, reason, cites)


def _between(low: EosaiLevel, high: EosaiLevel, reason: str, *cites: Citation) -> Rated:
    return Rated(low, high, reason, cites)


def _not_found(outcome: Outcome) -> Rated:
    """Closed when the evidence shows it is missing; anything when it was not read."""
    if outcome.answer == "no":
        return _rated("closed", outcome.reason, *outcome.citations)
    return _between("closed", "open", outcome.reason)


def _weights_level(ctx: ProbeContext) -> Rated:
    found = _final_parameters(ctx)
    if isinstance(found, Outcome):
        return _not_found(found)
    gate = no_permission_gate(ctx)
    if ctx.evidence.gated or ctx.evidence.access == "gated":
        return _rated("partial", f"{found[1]}, gated (EOSAI: gated is partial)", *gate.citations)
    key = card_gate(ctx) if ctx.evidence.source == "local" else None
    if key:
        why = f"{found[1]}; the card configures an access gate (`{key}`): gated is partial"
        return _rated("partial", why, ctx.field(key), *found[2])
    if gate.answer == "unknown":
        return _between("partial", "open", f"{found[1]}; {gate.reason}", *found[2])
    return _rated("open", f"{found[1]}, not gated", *found[2], *gate.citations)


def _direct_bases(ctx: ProbeContext) -> list[LinkedRepo]:
    """The base models the card declares (not their own bases)."""
    return [repo for repo in ctx.evidence.base_models if repo.depth == 1]


def _base_weights_level(ctx: ProbeContext) -> Rated:
    bases = _direct_bases(ctx)
    if not bases and not ctx.metadata.get("base_model"):
        rated = _weights_level(ctx)
        return Rated(rated.low, rated.high, f"no base model: {rated.reason}", rated.citations)
    if not bases:
        return _between(
            "closed", "open", "the base model was not looked up", ctx.field("base_model")
        )
    return _worst([_linked_weights(repo) for repo in bases])


def _worst(levels: list[Rated]) -> Rated:
    """The level of the least open of several bases, whatever their order.

    Each base's level lies in its [low, high], so the least open lies between the
    lowest low and the lowest high; every base's reason and citations are kept.
    """
    low = min((r.low for r in levels), key=EOSAI_RANK.__getitem__)
    high = min((r.high for r in levels), key=EOSAI_RANK.__getitem__)
    reason = "; ".join(r.reason for r in levels)
    return Rated(low, high, reason, tuple(c for r in levels for c in r.citations))


def _linked_weights(repo: LinkedRepo) -> Rated:
    cite = _base_cite(repo)
    if repo.status == "not_found":
        return _rated("closed", f"base {repo.repo_id} is not on the Hub", cite)
    if repo.status in ("error", "skipped"):
        return _between("closed", "open", f"base {repo.repo_id} was not looked up", cite)
    from openaudit.rubric.evaluators.weights import weight_format

    has = any(weight_format(f) for f in repo.files)
    if repo.status == "gated" or repo.gated:
        return _rated("partial", f"base {repo.repo_id} is gated", cite)
    if not repo.files:
        return _between("closed", "open", f"base {repo.repo_id}'s files were not listed", cite)
    if not has:
        return _rated("closed", f"base {repo.repo_id} lists no weight files", cite)
    return _rated("open", f"base {repo.repo_id} publishes weights, not gated", cite)


def _dataset_level(ctx: ProbeContext, scope: str) -> Rated:
    names = declared_datasets(ctx)
    if not names:
        if described := _data_section(ctx):
            section, _ = described
            why = f"{scope}: data described in '{section.title}' but no datasets named"
            return _rated("partial", why, ctx.section(section))
        if not ctx.metadata_known:
            unread = no_metadata(ctx)
            return _between("closed", "open", f"{scope}: {unread.reason}", *unread.citations)
        if not ctx.readme_read:
            return _between("closed", "open", f"{scope}: {no_readme(ctx).reason}")
        return _rated("closed", f"{scope}: no training data named or described", ctx.readme())
    found = _datasets_licensed(ctx, f"{scope}: {', '.join(names[:3])}", "data")
    # Gated or missing from the Hub: not freely available. A dataset not looked up
    # (skipped, error) is undecided and only widens the range via `found`.
    gated = [
        r.repo_id for r in ctx.evidence.datasets if r.gated or r.status in ("gated", "not_found")
    ]
    if found.answer == "no" or gated:
        extra = f"; not freely available: {', '.join(gated)}" if gated else ""
        return _rated("partial", found.reason + extra, *found.citations)
    if found.answer == "unknown":
        return _between("partial", "open", found.reason, *found.citations)
    return _rated("open", found.reason, *found.citations)


def _base_data_level(ctx: ProbeContext) -> Rated:
    bases = _direct_bases(ctx)
    declared = ctx.metadata.get("base_model")
    if not bases and not declared:
        return _dataset_level(ctx, "no base model, this model's data")
    field = (ctx.field("base_model", declared),) if declared else ()
    read = [repo for repo in bases if repo.status in ("ok", "gated")]
    unread = [repo for repo in bases if repo not in read]
    if not read:
        shown = (
            ", ".join(_unread_base(repo) for repo in unread) or "the base model was not looked up"
        )
        why = f"{shown}: its card and data sources are not in the evidence"
        cites = (*field, *(_base_cite(repo) for repo in unread))
        return _between("closed", "open", why, *cites)
    named = [d for repo in read for d in _as_ids(repo.card_data.get("datasets"))]
    cites = (*field, *(Citation(f"models:{r.repo_id}:card:datasets", None) for r in read))
    also = "".join(f"; {_unread_base(repo)}" for repo in unread)
    if named:
        why = (f"the base model names {', '.join(named[:3])}; their licences and completeness "
               "are not in the evidence (only this model's datasets are looked up)")  # fmt: skip
        return _between("partial", "open", why + also, *cites)
    why = (
        "the base model's card names no datasets (its README, which may describe them, is not read)"
    )
    # A base not looked up may name datasets, so it leaves the top open.
    return _between("closed", "open" if unread else "partial", why + also, *cites)


def _unread_base(repo: LinkedRepo) -> str:
    """Why a base model's card is not in the evidence."""
    if repo.status == "not_found":
        return f"base {repo.repo_id} is not on the Hub"
    return f"base {repo.repo_id} was not looked up ({repo.status})"


def _base_cite(repo: LinkedRepo) -> Citation:
    """A citation of a base model repo as the source saw it."""
    return Citation(f"models:{repo.repo_id}", repo.status, f"https://huggingface.co/{repo.repo_id}")


def _as_ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [str(item) for item in items if str(item).strip()]


def _trainingcode_level(ctx: ProbeContext) -> Rated:
    found = _topic_code(ctx, "training_code")
    if isinstance(found, Outcome):
        return _not_found(found)
    why = f"{found[1]}; whether it is complete (open) or sparse (partial) needs a person"
    return _between("partial", "open", why, *found[2])


def _code_docs_level(ctx: ProbeContext) -> Rated:
    code = _trainingcode_level(ctx)
    if code.high == "closed":
        return _rated("closed", f"no training code to document ({code.reason})", *code.citations)
    return _between(
        "closed", "open", "whether the code is documented needs a person", *code.citations
    )


ARCH_SECTIONS = ["Model Architecture", "Architecture", "Technical Specifications", "Model Details"]
HARDWARE_SECTIONS = ["Hardware", "Compute Infrastructure", "Training Infrastructure", "Compute"]
ARCH_FILES = ["config.json", "params.json", "*/config.json"]
# Definition lines ("**Architecture:** ...", "- Training hardware: 512 H100 GPUs"): a short
# label, a colon, the value. Bold markers may sit on either side of the colon.
DEFINITION = re.compile(r"[ \t]{0,3}(?:[-*+][ \t]+)?([^:\n]{1,60}):(.*)")
ARCH_LABEL = re.compile(r"\barchitecture\b", re.IGNORECASE)
HARDWARE_LABEL = re.compile(
    r"\bhardware\b|\b(?:compute|training)\s+infrastructure\b"
    r"|^(?:training\s+)?(?:gpus?|tpus?|accelerators?|compute)$",
    re.IGNORECASE,
)
MAX_LABEL_WORDS = 4  # longer "labels" are sentences that happen to hold a colon
MIN_VALUE_WORDS = 3  # "8 A100s" says too little, as a 2-word section would


def _definition(ctx: ProbeContext, label: re.Pattern[str]) -> str | None:
    """The first card line defining a label like `label` with a substantive value."""
    fence = False
    for line in ctx.card.body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else DEFINITION.match(line)
        if match is None:
            continue
        name = match.group(1).strip(" \t*_`")
        value = match.group(2).strip(" \t*_`")
        short = len(name.split()) <= MAX_LABEL_WORDS
        if short and label.search(name) and words(value) >= MIN_VALUE_WORDS:
            return f"{name}: {value}"[:120]
    return None


def _documented(
    ctx: ProbeContext, sections: list[str], label: re.Pattern[str]
) -> tuple[str, Citation] | None:
    """Where the card documents a topic: a section of 10+ words or a definition line."""
    section, count = best_section(ctx, sections)
    if section is not None and count >= 10:
        return f"'{section.title}'", ctx.section(section)
    line = _definition(ctx, label)
    return (f"'{line}'", ctx.readme(line)) if line else None


def _hardware_level(ctx: ProbeContext) -> Rated:
    """Architecture and training hardware documented. A config.json shows the architecture
    but not the training setup, so alone it is partial; open always needs a person."""
    configs = matching_files(ctx, ARCH_FILES)
    config = (f"{configs[0]} (architecture only)", ctx.file(configs[0])) if configs else None
    if not ctx.readme_read:
        if config:
            return _between("partial", "open", no_readme(ctx).reason, config[1])
        return _between("closed", "open", no_readme(ctx).reason)
    arch = _documented(ctx, ARCH_SECTIONS, ARCH_LABEL) or config
    hardware = _documented(ctx, HARDWARE_SECTIONS, HARDWARE_LABEL)
    found = [item for item in (arch, hardware) if item]
    cites = tuple(cite for _, cite in found)
    if not found:
        return _rated("closed", "no architecture or hardware documentation", ctx.readme())
    shown = ", ".join(what for what, _ in found)
    if hardware is None:
        return _rated("partial", f"architecture in {shown}; training hardware undocumented", *cites)
    if arch is None:
        return _rated("partial", f"hardware in {shown}; architecture undocumented", *cites)
    return _between("partial", "open", f"{shown}; whether complete needs a person", *cites)


def _preprint_level(ctx: ProbeContext) -> Rated:
    outcome = paper_linked(ctx)
    if outcome.answer != "yes":
        return _not_found(outcome)
    why = f"{outcome.reason}; whether it covers data, training and tuning needs a person"
    return _between("partial", "open", why, *outcome.citations)


def _paper_level(ctx: ProbeContext) -> Rated:
    outcome = paper_linked(ctx)
    if outcome.answer == "no":
        return _rated(
            "closed", f"{outcome.reason}: no paper to be peer-reviewed", *outcome.citations
        )
    why = f"{outcome.reason}; whether it is peer-reviewed needs a person (venue data)"
    return _between("closed", "open", why, *outcome.citations)


CARD_TOPICS = {
    "architecture": ARCH_SECTIONS,
    "training": ["Training Details", "Training Procedure", "Training"],
    "evaluation": ["Evaluation", "Results", "Benchmarks"],
}


def _modelcard_level(ctx: ProbeContext) -> Rated:
    card = card_substantive(ctx, 150, 0.5)
    if card.answer != "yes":
        return _not_found(card)
    covered = [t for t, names in CARD_TOPICS.items() if best_section(ctx, names)[1] >= 20]
    # The Hub renders `model-index` results on the card as its evaluation section.
    indexed = ctx.metadata.get("model-index") and evaluation_results(ctx).answer == "yes"
    if "evaluation" not in covered and indexed:
        covered = [t for t in CARD_TOPICS if t in covered or t == "evaluation"]
    missing = [t for t in CARD_TOPICS if t not in covered]
    if missing:
        why = f"{card.reason}; no substantive section on {', '.join(missing)}"
        return _rated("partial", why, *card.citations)
    return _rated("open", f"{card.reason}; covers {', '.join(covered)}", *card.citations)


def _datasheet_level(ctx: ProbeContext) -> Rated:
    rated = _dataset_level(ctx, "data documentation")
    if rated.low == "closed":  # closed, or nothing read that could document the data
        return rated
    why = "data documented; whether it amounts to a datasheet or AI Act summary needs a person"
    return _between("partial", "open", f"{why} ({rated.reason})", *rated.citations)


def _licence_outcome(ctx: ProbeContext, part: str) -> Outcome:
    """Whether the weights, code or data licence is open (yes), not (no) or unknown."""
    if part == "weights":
        return _terms_free(ctx, "weights")
    if part == "code":
        return _code_terms(ctx)
    if declared_datasets(ctx):
        return _datasets_licensed(ctx, "data", "data")
    return _no_datasets(ctx)


def _licenses_level(ctx: ProbeContext) -> Rated:
    outcomes = {part: _licence_outcome(ctx, part) for part in ("weights", "code", "data")}
    states = {
        part: {"yes": "open", "no": "closed"}.get(outcome.answer, "unknown")
        for part, outcome in outcomes.items()
    }
    shown = ", ".join(f"{part} {state}" for part, state in states.items())
    opens = sum(state == "open" for state in states.values())
    unsure = sum(state == "unknown" for state in states.values())
    low, high = _licence_bucket(opens), _licence_bucket(opens + unsure)
    cites = tuple(dict.fromkeys(c for o in outcomes.values() for c in o.citations))
    return Rated(low, high, f"licences: {shown} (open: all three; partial: two)", cites)


def _licence_bucket(opens: int) -> EosaiLevel:
    return "open" if opens == 3 else "partial" if opens == 2 else "closed"


DIMENSIONS = {
    "datasources_basemodel": _base_data_level,
    "datasources_endmodel": lambda ctx: _dataset_level(ctx, "this model's data"),
    "weights_basemodel": _base_weights_level,
    "weights_endmodel": _weights_level,
    "trainingcode": _trainingcode_level,
    "code": _code_docs_level,
    "hardware_architecture": _hardware_level,
    "preprint": _preprint_level,
    "paper": _paper_level,
    "modelcard": _modelcard_level,
    "datasheet": _datasheet_level,
    "licenses": _licenses_level,
}


def eosai_rating(ctx: ProbeContext, dimension: str) -> Rated:
    """The range of levels one EOSAI dimension can have, from the evidence."""
    return DIMENSIONS[dimension](ctx)


@evaluator(
    "eosai_dimension",
    params={
        "dimension": Param("str", doc="EOSAI dimension id (weights_endmodel, licenses, ...)"),
        "at_least": Param("str", doc="the level asked about: open or partial"),
    },
    reads=("files", "README.md", "api:gated", "card:*", "datasets:<id>", "models:<base>"),
    doc="The EOSAI dimension is rated at least AT_LEAST; graded with the dimension's level.",
    check=lambda p: (
        _choice("dimension", tuple(DIMENSIONS))(p) or _choice("at_least", ("open", "partial"))(p)
    ),
)
def eosai_dimension(ctx: ProbeContext, dimension: str, at_least: str) -> Outcome:
    """Is the dimension rated at least `at_least`? Graded with its level."""
    rated = eosai_rating(ctx, dimension)
    wanted = EOSAI_RANK[at_least]
    shown = rated.low if rated.low == rated.high else f"between {rated.low} and {rated.high}"
    text = f"{shown}: {rated.reason}"
    if EOSAI_RANK[rated.low] >= wanted:
        outcome = Outcome.yes(text, *rated.citations)
    elif EOSAI_RANK[rated.high] < wanted:
        outcome = Outcome.no(text, *rated.citations)
    else:
        outcome = Outcome.unknown(text, *rated.citations)
    return graded(outcome, rated.level)
