"""Data-layer evaluators: are the training datasets named, available and usable?"""

from __future__ import annotations

import re
from dataclasses import replace

from openaudit.base_chain import chain_bases
from openaudit.card import Link, Section, find_link
from openaudit.data_links import DataLink, training_data_links
from openaudit.evidence import Citation, LinkedRepo
from openaudit.links import IMAGE_FILE
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.context.license_lineage import DatasetLicense
from openaudit.rubric.evaluators.appended_cards import foreign_note, own_card
from openaudit.rubric.evaluators.copies import (
    DataCopy,
    base_copy,
    copied_outcome,
    copy_source,
    data_copy,
)
from openaudit.rubric.evaluators.datasheets import datasheet
from openaudit.rubric.evaluators.evaluator_helpers import (
    Judgement,
    as_list,
    combine,
    dataset_availability,
    dataset_licence_state,
    declared_datasets,
    link_cites,
    no_metadata,
    no_readme,
    quote,
)
from openaudit.rubric.evaluators.linked_data import judged_data, linked_data, linked_outcome
from openaudit.rubric.evaluators.rl_environments import (
    RL_AGENT_READS,
    Environment,
    training_environment,
)
from openaudit.rubric.evaluators.training_data import (
    NAMED_CORPORA,
    data_section,
    documented_in_card,
    training_data_names,
)
from openaudit.rubric.evaluators.undeclared_bases import implied_base, implied_repo
from openaudit.rubric.evaluators.unnamed_bases import unnamed_base
from openaudit.rubric.evaluators.withheld_links import not_published
from openaudit.rubric.registry import Param, evaluator
from openaudit.training_sections import (
    DATA_SECTION_NAMES,
    TRAINING_CUE,
    TRAINING_SECTION_NAMES,
    evaluated_on,
    section_about,
)
from openaudit.verdict import Outcome

SECTIONS_PARAM = Param("list[str]", DATA_SECTION_NAMES, "sections titled as training data")
TRAINING_PARAM = Param(
    "list[str]",
    TRAINING_SECTION_NAMES,
    "sections about training in general, whose sentences about data are read",
)


@evaluator(
    "datasets_declared",
    params={"sections": SECTIONS_PARAM, "training_sections": TRAINING_PARAM},
    reads=("card:datasets", "README.md"),
    doc="The card names the training datasets: `datasets:` metadata, or Hub dataset links "
    "in a training-data or training section (not in a sentence about evaluation), in a "
    "sentence saying the model was trained on them, or in a table row labelled as "
    "training data; or Hub ids written as text (as code or beside 'dataset') in a "
    "training-data section or after 'on' in a sentence saying the model was trained on "
    "them.",
)
def datasets_declared(
    ctx: ProbeContext,
    sections: list[str],
    training_sections: list[str] = TRAINING_SECTION_NAMES,
) -> Outcome:
    """The card names at least one dataset, in its metadata or by a Hub dataset link
    given as its training data."""
    names = declared_datasets(ctx)
    if names:
        return Outcome.yes(
            f"{len(names)} dataset(s): {', '.join(names[:5])}", ctx.field("datasets", names)
        )
    if (copy := data_copy(ctx)) is not None and copy.names:
        shown = f"{len(copy.names)} dataset(s): {', '.join(copy.names[:5])}"
        return Outcome.yes(f"{copy.scope()}, which declare {shown}", *copy.citations, inferred=True)
    linked = _linked_in_data_sections(ctx, sections, training_sections)
    if linked:
        shown = "; ".join(f"{item.name} {item.where()}" for item in linked[:5])
        cites = link_cites(item.link for item in linked)
        how = "given" if any(item.written for item in linked) else "linked"
        return Outcome.yes(f"{how} as training data: {shown}", *cites)
    if not ctx.metadata_known:
        return no_metadata(ctx)
    return Outcome.no("the card names no datasets", ctx.field("datasets"))


@evaluator(
    "data_sources_named",
    params={"sections": SECTIONS_PARAM, "training_sections": TRAINING_PARAM},
    reads=("card:datasets", "README.md", *RL_AGENT_READS),
    doc="The card names the training data's sources: declared or linked datasets, public "
    "corpora, dataset ids or proper names given as what the model was trained on in a "
    "training-data section or in a training section's sentences about data, or a "
    "'Dataset:' definition line or 'Training data' table row naming one, pages a "
    "training-data section links as its sources, or Hub datasets linked where the card "
    "describes the model (a description alone is not naming). A reinforcement-learning "
    "agent's environment, named by its title, tags or `model-index`, is the source of "
    "its training data (inferred).",
)
@once_per_model
def data_sources_named(
    ctx: ProbeContext,
    sections: list[str],
    training_sections: list[str] = TRAINING_SECTION_NAMES,
) -> Outcome:
    """Datasets or named sources of the training data; a general description is not."""
    declared = datasets_declared(ctx, sections, training_sections)
    if declared.answer == "yes":
        return declared
    environment = training_environment(ctx)
    if not ctx.readme_read:  # the card's prose may name what its metadata does not
        return _environment_named(environment) if environment else no_readme(ctx)
    found = training_data_names(ctx, sections, training_sections)
    if found:
        names = ", ".join(dict.fromkeys(item.name for item in found))
        homes = list(dict.fromkeys(item.section for item in found))
        titles = ", ".join(f"'{section.title}'" for section in homes)
        where = f"section {titles} names" if len(homes) == 1 else f"sections {titles} name"
        why = f"{where} {names} as training data"
        if said := next((item.sentence for item in found if item.sentence), ""):
            why += f" (in the sentence {_sentence_quoted(said)})"
        return Outcome.yes(why, *map(ctx.section, homes), inferred=True)
    described = _linked_in_description(ctx, sections, training_sections)
    if described:
        targets = ", ".join(item.name for item in described)
        why = f"the model's description links Hub datasets, taken as its training data: {targets}"
        return Outcome.yes(why, *link_cites(item.link for item in described), inferred=True)
    if sources := _sources_linked(ctx, sections, training_sections):
        titles = ", ".join(dict.fromkeys(f"'{home.title}'" for home, _ in sources))
        shown = ", ".join(dict.fromkeys(link.url for _, link in sources[:4]))
        why = f"{titles} links the training data's sources: {shown}"
        return Outcome.yes(why, *link_cites([link for _, link in sources]), inferred=True)
    if environment is not None:
        return _environment_named(environment)
    why = (
        "the card names no datasets or corpora for its training data "
        f"(a general description is not disclosure){foreign_note(ctx)}"
    )
    return Outcome.no(why, ctx.field("datasets"), ctx.readme(), inferred=True)


QUOTED_CHARACTERS = 160


def _sentence_quoted(sentence: str) -> str:
    """A sentence of the card in quotes, its whitespace folded, cut at a length."""
    text = " ".join(sentence.split())
    cut = text[:QUOTED_CHARACTERS].rstrip() + "..." if len(text) > QUOTED_CHARACTERS else text
    return f"'{cut}'"


def _environment_named(environment: Environment) -> Outcome:
    """An RL agent's environment named as the source of its training data: a reader's
    conclusion (no field says "training data"), its terms unread."""
    return Outcome.yes(environment.reason(), *environment.citations, inferred=True)


SHOWN_NAMES = 8  # section names a reason lists (the rest, in other languages, counted)
# Sections read as data documentation: the template's "Training Details" holds its
# "Training Data" and preprocessing.
DOCUMENTATION_SECTION_NAMES = ["Training Data", "Training Details", *DATA_SECTION_NAMES[1:]]


@evaluator(
    "data_documented",
    params={
        "names": Param(
            "list[str]", DOCUMENTATION_SECTION_NAMES, "sections titled as data documentation"
        ),
        "training_sections": TRAINING_PARAM,
        "min_words": Param("int", 40, "words the documentation needs, placeholders excluded"),
    },
    reads=("README.md", "card:datasets", "dataset:<id>", "files"),
    doc="The training data is documented: a section titled like one of NAMES with at least "
    "MIN_WORDS words, as many words of sentences about data in training sections, a "
    "datasheet or EU AI Act training-content summary (in the repo, linked or written into "
    "the card), or the cards of the declared datasets (else of the Hub datasets the card "
    "links as its training data), found on the Hub.",
)
@once_per_model
def data_documented(
    ctx: ProbeContext,
    names: list[str],
    min_words: int,
    training_sections: list[str] = TRAINING_SECTION_NAMES,
) -> Outcome:
    """Documentation of the training data: in the card, or in the declared datasets' cards;
    a copy's, when its own card lacks it, its source's (inferred, naming it)."""
    own = _data_documented(ctx, names, min_words, training_sections)
    if own.answer == "yes" or (source := copy_source(ctx)) is None:
        return own
    adopted = source.adopted(lambda of: data_documented(of, names, min_words, training_sections))
    return adopted or own


def _data_documented(
    ctx: ProbeContext, names: list[str], min_words: int, training_sections: list[str]
) -> Outcome:
    """Documentation of the training data in the model's own card or datasets' cards."""
    found = (
        documented_in_card(ctx, names, training_sections, min_words) if ctx.readme_read else None
    )
    if found is not None and found.whole:
        why = f"section '{found.sections[0].title}' has {found.words} words (placeholders excluded)"
        return Outcome.yes(why, ctx.section(found.sections[0]))
    if found is not None:
        titles = ", ".join(f"'{section.title}'" for section in found.sections)
        why = f"the sentences about the training data in {titles} have {found.words} words"
        return Outcome.yes(why, *map(ctx.section, found.sections), inferred=True)
    if (sheet := datasheet(ctx)) is not None:
        why = f"{sheet.reason}: it documents the training data"
        return Outcome.yes(why, *sheet.citations, inferred=True)
    if not ctx.readme_read:
        card, card_cites = no_readme(ctx).reason, []
    else:
        section, count = data_section(ctx, names, training_sections)
        if section is None:
            shown = (
                quote(names)
                if len(names) <= SHOWN_NAMES
                else (f"{quote(names[:SHOWN_NAMES])} (or {len(names) - SHOWN_NAMES} more)")
            )
            card = f"the card has no section titled {shown}{foreign_note(ctx)}"
            card_cites = [ctx.readme()]
        else:
            card = (f"section '{section.title}' has {count} words (placeholders excluded), "
                    f"fewer than {min_words}")  # fmt: skip
            card_cites = [ctx.section(section)]
    return _dataset_cards(ctx, card, card_cites)


def _dataset_cards(ctx: ProbeContext, card: str, card_cites: list[Citation]) -> Outcome:
    """Whether the training datasets' own cards document the data, `card` saying why the
    model card itself does not: yes (inferred) when they were found on the Hub, unknown
    when they could not be read (or none was and the README was not read either). The
    datasets are the declared ones, else those the card links as its training data
    (`linked_data`, as MOF 14 and EOSAI's datasheet read them)."""
    declared = declared_datasets(ctx)
    field = ctx.field("datasets", declared or None)
    if declared:
        repos = {repo.repo_id.lower(): repo for repo in ctx.evidence.datasets}
        names, unread_why, cites = declared, "not looked up", [field]
        cards_of, datasets_of = "the declared datasets' cards", "the declared datasets"
    else:
        if not ctx.readme_read:
            return no_readme(ctx) if ctx.metadata_known else no_metadata(ctx)
        if not ctx.metadata_known:  # the datasets may be declared in what does not parse
            return Outcome.unknown(f"{card}; {no_metadata(ctx).reason}", *card_cites)
        linked = linked_data(ctx)
        if linked is None:
            return Outcome.no(f"{card}, and the card declares no datasets", *card_cites, field)
        repos = {repo.repo_id.lower(): repo for repo in linked.repos}
        names, unread_why = linked.names, f"not looked up: {linked.unread_why}"
        cites = [*linked.citations]
        datasets_of = f"the {linked.scope()}"
        cards_of = f"the dataset cards of {datasets_of}"
    found = [repos[n.lower()] for n in dict.fromkeys(names) if n.lower() in repos]
    read = [repo for repo in found if repo.status in ("ok", "gated")]
    cites += [Citation(f"dataset:{r.repo_id}", r.status, _hub_url(r)) for r in found]
    if read:
        shown = ", ".join(repo.repo_id for repo in read)
        base = base_data_named(ctx)
        if base.answer == "yes":
            why = f"{cards_of} document the data: {shown} (found on the Hub)"
            return Outcome.yes(why, *cites, inferred=True)
        # A derivative's datasets are what it was tuned on: their cards document the
        # training data only together with its base model's (as data.base_data asks).
        why = f"{card}; {cards_of} ({shown}) leave out the base model's data: "
        bases = [repo for repo in ctx.evidence.base_models if repo.depth == 1]
        base_unread = not bases or any(repo.status in ("error", "skipped") for repo in bases)
        every = (*card_cites, *cites, *base.citations)
        # an implied base, or a tuned release's base it does not name: none was to be read
        judged = implied_base(ctx) or unnamed_base(ctx)
        if base.answer == "unknown" or (base_unread and not judged):
            return Outcome.unknown(why + base.reason, *every)
        return Outcome.no(why + base.reason, *every, inferred=True)
    unread = [f"{r.repo_id} ({r.problem or r.status})" for r in found if r.status != "not_found"]
    unread += [f"{name} ({unread_why})" for name in names if name.lower() not in repos]
    if unread:
        why = f"{card}; {cards_of} were not read: {', '.join(unread)}"
        return Outcome.unknown(why, *card_cites, *cites)
    missing = ", ".join(repo.repo_id for repo in found)
    why = f"{card}; {datasets_of} are not on the Hub: {missing}"
    return Outcome.no(why, *card_cites, *cites)


@evaluator(
    "base_data_named",
    reads=(
        "card:base_model",
        "models:<base>:card:datasets",
        "file:adapter_config.json",
    ),
    doc="A derivative's base models, and the bases under them down to the pretrained "
    "foundation, name their training datasets too, so all the training data is named "
    "(a model without a base passes, but not a tuned release whose base is not named); a "
    "base that is a quantised or converted copy adds no training: the models it copies are "
    "judged (inferred).",
)
def base_data_named(ctx: ProbeContext) -> Outcome:
    """A fine-tune's training data includes its base's: is that named as well?"""
    if (copy := data_copy(ctx)) is not None:
        return _copied_base_data(ctx, copy)
    declared = ctx.metadata.get("base_model")
    bases = [repo for repo in ctx.evidence.base_models if repo.depth == 1]
    if not declared and not bases:
        if not ctx.metadata_known:
            return no_metadata(ctx)
        if implied := implied_base(ctx):
            said = f"no `base_model` is declared, but {implied.said}"
            if implied_repo(ctx, implied.name) is not None:  # judged as a declared base is
                found = base_data_named(ctx.implied_chain)
                cited = (ctx.field("base_model"), implied.citation, *found.citations)
                return replace(
                    found, reason=f"{said}: {found.reason}", citations=cited
                ).as_inferred()
            why = f"{said}; that model's training data is not named in what was read"
            return Outcome.no(why, ctx.field("base_model"), implied.citation, inferred=True)
        if (unnamed := unnamed_base(ctx)) is not None:
            return Outcome.no(unnamed.reason, *unnamed.citations, inferred=True)
        why = "no base model: the card's data is all the training data"
        return Outcome.yes(why, ctx.field("base_model"))
    read = [repo for repo in bases if repo.status in ("ok", "gated")]
    cites = [ctx.field("base_model", declared)] if declared else []
    cites += [Citation(f"models:{r.repo_id}:card:datasets", None, _model_url(r)) for r in bases]
    unread = [f"{r.repo_id} ({r.status})" for r in bases if r not in read]
    if not bases:
        unread = ["the declared base (not looked up)"]
    # a base that is a copy of the models under it names no data of its own: theirs count
    silent = [
        repo.repo_id
        for repo in read
        if not repo.card_data.get("datasets") and base_copy(ctx, repo) is None
    ]
    if not silent and not unread:
        return _deeper_base_data(ctx, ctx.evidence.base_models, cites)
    shown = [f"base {', '.join(silent)} names no training datasets"] if silent else []
    shown += [f"no card was read for base {', '.join(unread)}"] if unread else []
    why = f"{'; '.join(shown)}: the base model's training data is not named in what was read"
    return Outcome.no(why, *cites, inferred=True)


def _deeper_base_data(
    ctx: ProbeContext, bases: tuple[LinkedRepo, ...], cites: list[Citation]
) -> Outcome:
    """The direct bases name their training datasets: so must the bases under them, down
    to the pretrained foundation (a fine-tune of a fine-tune learnt from all of them),
    as the source followed their `base_model`. One that names none, or is not on the
    Hub, leaves data unnamed; one not read leaves it unknown, never assumed named."""
    walked = chain_bases(ctx.evidence.repo_id, bases)
    copied = [_copy_note(ctx, repo) for _, repo, _ in walked if repo is not None]
    found = _named_down_the_chain(ctx, [b for b in walked if len(b[2]) > 1], cites)
    if not (notes := [note for note in copied if note]):
        return found
    # a copy adds no training: the data of the models it copies are judged (inferred)
    why = f"{'; '.join(notes)}: {found.reason}"
    return replace(found, reason=why, inferred=found.answer != "unknown")


def _copy_note(ctx: ProbeContext, repo: LinkedRepo) -> str:
    """What a reason says of a base in the chain that names no datasets because it is a
    copy of the models under it (`base_copy`); "" for any other base."""
    if repo.card_data.get("datasets") or (copy := base_copy(ctx, repo)) is None:
        return ""
    return f"base {repo.repo_id} is {copy.reason} (a copy adds no training: its data are theirs)"


def _named_down_the_chain(
    ctx: ProbeContext,
    deeper: list[tuple[str, LinkedRepo | None, tuple[str, ...]]],
    cites: list[Citation],
) -> Outcome:
    """Whether the bases under the direct ones name their training datasets (a copy among
    them needs none of its own: `base_copy`)."""
    if not deeper:
        return Outcome.yes("the base model(s) name their training datasets too", *cites)
    cites, silent, unread = list(cites), [], []
    for name, repo, chain in deeper:
        where = f"base chain {' -> '.join(chain)}"
        if repo is None or repo.status in ("error", "skipped"):
            unread.append(
                f"{name} ({repo.problem or repo.status if repo else 'not looked up'}; {where})"
            )
        elif repo.status == "not_found":
            silent.append(f"{name} is not on the Hub ({where})")
        else:
            cites.append(Citation(f"models:{name}:card:datasets", None, _model_url(repo)))
            if not repo.card_data.get("datasets") and base_copy(ctx, repo) is None:
                silent.append(f"{name} names no training datasets ({where})")
    if silent:
        why = (f"the base model names its training datasets, but under it {'; '.join(silent)}: "
               "the base models' training data is not named in what was read")  # fmt: skip
        return Outcome.no(why, *cites, inferred=True)
    if unread:
        why = (f"the base model names its training datasets, but the base under it was not "
               f"read: {'; '.join(unread)}; whether all the training data is named is not "
               "known")  # fmt: skip
        return Outcome.unknown(why, *cites)
    names = ", ".join(name for name, _, _ in deeper)
    why = f"the base models name their training datasets too, down to {names}"
    return Outcome.yes(why, *cites)


def _copied_base_data(ctx: ProbeContext, copy: DataCopy) -> Outcome:
    """A quantisation's training data are the copied model's, which include its own
    bases' data: are those named (by the bases' cards, as the source looked them up)?"""
    names = list(
        dict.fromkeys(n for base in copy.bases for n in as_list(base.card_data.get("base_model")))
    )
    cites = [*copy.citations]
    # a merged model whose card declares no datasets leaves its data unnamed, as a base does
    merged = [r.repo_id for r in copy.silent()] + list(copy.missing)
    if not names and not merged:
        why = f"{copy.scope()}, which declares no base model: its data are all the training data"
        return Outcome.yes(why, *cites, inferred=True)
    deeper = [r for r in ctx.evidence.base_models if r.depth == 2 and r.repo_id in names]
    read = [r for r in deeper if r.status in ("ok", "gated")]
    cites += [Citation(f"models:{r.repo_id}:card:datasets", None, _model_url(r)) for r in read]
    silent = [r.repo_id for r in copy.silent()]
    silent += [r.repo_id for r in read if not r.card_data.get("datasets")]
    unread = [*copy.missing, *(n for n in names if n not in {r.repo_id for r in read})]
    if not silent and not unread:
        why = f"{copy.scope()}, whose base(s) {', '.join(names)} name their training datasets too"
        return Outcome.yes(why, *cites, inferred=True)
    shown = [f"its base {', '.join(silent)} names no training datasets"] if silent else []
    shown += [f"no card was read for its base {', '.join(unread)}"] if unread else []
    why = f"{copy.scope()}: {'; '.join(shown)}: that base's training data is not named"
    return Outcome.no(why, *cites, inferred=True)


def _model_url(repo: LinkedRepo) -> str:
    return f"https://huggingface.co/{repo.repo_id}"


def _linked_in_data_sections(
    ctx: ProbeContext, sections: list[str], training: list[str]
) -> list[DataLink]:
    """Hub dataset links the card gives as its training data: in a section (or under
    one) about training data, in a training section's sentence not about evaluation, or
    in a sentence or table row saying the model was trained on them; any section
    holding the link counts (data_links)."""
    found = training_data_links(own_card(ctx), tuple(sections), tuple(training))
    return [item for item in found if item.declared]


def _linked_in_description(
    ctx: ProbeContext, sections: list[str], training: list[str]
) -> list[DataLink]:
    """Hub dataset links only in a section describing the model (or the card's
    introduction), none of them in an evaluation section or a sentence about evaluation."""
    found = training_data_links(own_card(ctx), tuple(sections), tuple(training))
    return [item for item in found if not item.declared]


def _sources_linked(
    ctx: ProbeContext, sections: list[str], training: list[str]
) -> list[tuple[Section, Link]]:
    """Pages a training-data section links (not code, papers, licences or models): the
    sources its data came from ("collected from [ShutterStock](...)", a domain list), as
    a reader following them finds; none in a sentence about evaluation, none said to be
    still to come ("will be released at [this page](...)")."""
    card = own_card(ctx)
    found = []
    # (a Hub dataset linked there is declared data already: datasets_declared)
    for link in card.links_of("other", "hf_space"):
        if IMAGE_FILE.search(link.url) or not_published(ctx, link):
            continue  # a figure or a badge, or a page still to come
        for home in card.homes_of(link.url):
            if section_about(card, home, sections, training) != "data":
                continue
            if not evaluated_on(card.sentences(home.text), find_link(home.text, link.url)):
                found.append((home, link))
                break
    return found


def _hub_url(repo: LinkedRepo) -> str:
    return f"https://huggingface.co/datasets/{repo.repo_id}"


@evaluator(
    "datasets_on_hub",
    params={"allow_gated": Param("bool", False, "count gated datasets as available")},
    reads=("card:datasets", "dataset:<id>", "README.md"),
    doc="Every declared dataset exists on the Hub (and is not gated unless ALLOW_GATED); "
    "with none declared, every Hub dataset the card links as training data (inferred).",
)
def datasets_on_hub(ctx: ProbeContext, allow_gated: bool) -> Outcome:
    """Every declared dataset exists on the Hub, not gated unless `allow_gated` (a
    quantisation's: those of the model it copies)."""
    copy = data_copy(ctx)
    linked = linked_data(ctx) if copy is None or not copy.names else None
    repos = (
        copy.repos(ctx)
        if copy is not None and copy.names
        else linked.repos
        if linked is not None
        else ctx.evidence.datasets
    )
    cites = [Citation(f"dataset:{r.repo_id}", r.status, _hub_url(r)) for r in repos]
    results = [dataset_availability(repo, allow_gated) for repo in repos]
    passed = f"all {len(repos)} declared dataset(s) are on the Hub"
    if copy is not None and copy.names:
        return copied_outcome(copy, ctx, results, cites, passed)
    if linked is not None:
        return linked_outcome(linked, results, cites, f"all {len(repos)} are on the Hub")
    return combine(ctx, results, cites, passed)


def _commercial(ctx: ProbeContext, item: DatasetLicense) -> Judgement:
    """('no' | 'unknown', why) for a dataset whose licence may bar commercial use."""
    state = dataset_licence_state(ctx, item)
    if state is not None:
        return state
    facts = item.facts
    if "non-commercial" in item.flags:
        return ("no", f"{item.repo_id} is under {item.license_id}, which bars commercial use")
    if facts is not None and facts.commercial_use == "unknown":
        return (
            "unknown",
            f"{item.repo_id}: whether {item.license_id} allows commercial use is unknown",
        )
    return None


@evaluator(
    "datasets_commercial_use",
    reads=("card:datasets", "dataset:<id>:card:license", "README.md"),
    doc="No declared dataset (with none declared, no Hub dataset the card links as "
    "training data: inferred) is under a non-commercial, missing or unrecognised licence.",
)
def datasets_commercial_use(ctx: ProbeContext) -> Outcome:
    """No declared dataset's licence bars commercial use of what is built from it (a
    quantisation's: those of the model it copies)."""
    copy, linked, licences = judged_data(ctx)
    results = [_commercial(ctx, item) for item in licences]
    cites = [item.citation for item in licences]
    passed = f"all {len(results)} dataset licence(s) allow commercial use"
    if copy is not None:
        return copied_outcome(copy, ctx, results, cites, passed)
    if linked is not None:
        return linked_outcome(linked, results, cites, passed)
    return combine(ctx, results, cites, passed)


# "Colossal Clean Crawled Corpus (C4)": a name and its short form in brackets.
_ALIAS = re.compile(r"\b([A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*)+)[ \t]*\(([\w.-]{2,20})\)")
MIN_CONTAINED = 3  # a shorter name matches another only when equal ("c4", not "mc4")


def undeclared_training_data(ctx: ProbeContext, judged: tuple[str, ...] = ()) -> list[str]:
    """Public corpora the card's body gives as training data beyond its declared datasets
    (or beyond `judged`, the Hub datasets it links as training data when it declares
    none; see `data_sources_named`; not what it was evaluated on, nor a source such as a
    website in a mixture's description), and the Hub datasets it links as training data
    beside the declared ones (`data_links`; a link only where the card describes the
    model is not counted). A declared
    dataset is matched by its name without the owner ("C4" for allenai/c4), or by a long
    name whose short form in brackets matches it."""
    declared = declared_datasets(ctx) or judged
    if not declared or not ctx.readme_read:
        return []
    keys = {_key(name) for name in declared}
    aliases = {_key(m.group(1)): _key(m.group(2)) for m in _ALIAS.finditer(own_card(ctx).body)}
    found = training_data_names(ctx, DATA_SECTION_NAMES, TRAINING_SECTION_NAMES)
    card = own_card(ctx)
    names = [
        item.name
        for item in found
        if NAMED_CORPORA.fullmatch(item.name)
        and (
            _given_as_training(ctx, item.name)
            # named beside the linked datasets in a training-data section: as much the
            # training data as they are (not a set a declared one was made from)
            or (
                bool(judged)
                and not declared_datasets(ctx)
                and section_about(card, item.section, DATA_SECTION_NAMES, TRAINING_SECTION_NAMES)
                == "data"
            )
        )
    ]
    if declared_datasets(ctx):
        # Hub datasets linked as training data beside the declared ones: part of the
        # training data too, unless one is a declared set under another name or the
        # set a declared one was made from ("a Dutch translation of [X]")
        names += [
            item.name
            for item in training_data_links(card)
            if item.declared and not _source_of_a_set(card.body, item.link.url)
        ]
    extra: dict[str, str] = {}
    for name in names:
        key = _key(name)
        if key and not any(_same(key, k) or _same(aliases.get(key, ""), k) for k in keys):
            extra.setdefault(key, name)
    return list(extra.values())


def shown_beyond(names: list[str]) -> str:
    """The names `undeclared_training_data` found, for a reason (the first six)."""
    return ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")


_BULLET_LINE = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]")


def _given_as_training(ctx: ProbeContext, name: str) -> bool:
    """The card gives the name as training data plainly: in a sentence with a training
    verb ("pre-trained on a mixture of SQuAD") or as a list item of its own; a bare
    mention in prose is not enough to say the declared datasets leave data out."""
    card = own_card(ctx)
    if any(TRAINING_CUE.search(text) for text in card.sentences().holding(name)):
        return True
    return any(_BULLET_LINE.match(line) for line in card.body.splitlines() if name in line)


# "A Dutch translation of [X](...)", "a filtered subset of", "derived from": the words
# before a link that make it the set another was made from.
MADE_FROM = re.compile(
    r"\b(?:translat\w*|subset|filtered|cleaned|deduplicated|derived|distilled|sampled"
    r"|portion|version|rewrit\w*|generated)\b[^.\n]{0,30}?\b(?:of|from)\s+(?:the\s+)?"
    r"(?:\[[^\[\]\n]{0,120}\]\()?$",
    re.IGNORECASE,
)


def _source_of_a_set(body: str, url: str) -> bool:
    """The card links the dataset as the one a set was made from (its first link)."""
    at = find_link(body, url)
    return at > 0 and MADE_FROM.search(body, max(0, at - 160), at) is not None


def _key(name: str) -> str:
    """A dataset name compared: its last path part, lowercase, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.rsplit("/", 1)[-1].lower().removeprefix("the "))


def _same(one: str, other: str) -> bool:
    if not one or not other:
        return False
    if min(len(one), len(other)) < MIN_CONTAINED:
        return one == other
    return one in other or other in one
