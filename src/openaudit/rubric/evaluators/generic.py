"""Generic evaluators: building blocks for composing rubrics without Python."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Any, get_args
from urllib.parse import urlparse

from openaudit.card import LinkKind, Section
from openaudit.evidence import Citation
from openaudit.licenses import Family
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.appended_cards import own_card
from openaudit.rubric.evaluators.copies import copied_outcome
from openaudit.rubric.evaluators.evaluator_helpers import (
    Judgement,
    as_list,
    combine,
    custom_licence,
    dataset_licence_state,
    licence_basis,
    licence_unreadable,
    link_cites,
    no_licence_grant,
    no_metadata,
    no_readme,
    quote,
    with_base_terms,
)
from openaudit.rubric.evaluators.file_globs import file_paths, paths_matching
from openaudit.rubric.evaluators.linked_data import judged_data, linked_outcome
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome

NO_LICENSE = "none"  # pseudo-family: no licence stated anywhere
FAMILIES = (*get_args(Family), NO_LICENSE)
LINK_KINDS = get_args(LinkKind)


def _unknown_values(given: list[str], allowed: tuple[str, ...], what: str) -> str | None:
    bad = [value for value in given if value not in allowed]
    return f"unknown {what} {quote(bad)}; expected {quote(allowed)}" if bad else None


@evaluator(
    "field_present",
    params={"key": Param("str", doc="card metadata key")},
    reads=("card:<key>",),
    doc="The card metadata sets KEY to a non-empty value.",
)
def field_present(ctx: ProbeContext, key: str) -> Outcome:
    """The card metadata sets `key` to a non-empty value."""
    if not ctx.metadata_known:
        return no_metadata(ctx)
    value = ctx.metadata.get(key)
    if value in (None, "", [], {}):
        return Outcome.no(f"the card metadata has no `{key}`", ctx.field(key))
    return Outcome.yes(f"the card metadata sets `{key}`", ctx.field(key, value))


def _matches_check(params: dict[str, Any]) -> str | None:
    if not params["pattern"] and not params["one_of"]:
        return "give `pattern` or `one_of`"
    return None


@evaluator(
    "field_matches",
    params={
        "key": Param("str", doc="card metadata key"),
        "pattern": Param("regex", "", "a regular expression the value must match"),
        "one_of": Param("list[str]", [], "accepted values (case-insensitive)"),
    },
    reads=("card:<key>",),
    doc="A value of the card metadata KEY matches PATTERN or is one of ONE_OF.",
    check=_matches_check,
)
def field_matches(ctx: ProbeContext, key: str, pattern: str, one_of: list[str]) -> Outcome:
    """A value of metadata `key` matches `pattern` or is one of `one_of`."""
    if not ctx.metadata_known:
        return no_metadata(ctx)
    values = as_list(ctx.metadata.get(key))
    if not values:
        return Outcome.no(f"the card metadata has no `{key}`", ctx.field(key))
    accepted = {item.lower() for item in one_of}
    for value in values:
        if value.lower() in accepted or (pattern and re.search(pattern, value)):
            return Outcome.yes(f"`{key}` is '{value}'", ctx.field(key, value))
    return Outcome.no(f"no value of `{key}` is accepted", ctx.field(key, ", ".join(values)))


def matching_files(ctx: ProbeContext, patterns: list[str]) -> list[str]:
    """Repository paths matching any glob pattern (case-insensitive, also by file name)."""
    key = ("matching_files", tuple(patterns))
    return list(ctx.cached(key, lambda: _matching_files(ctx, tuple(patterns))))


def _matching_files(ctx: ProbeContext, patterns: tuple[str, ...]) -> tuple[str, ...]:
    return paths_matching(patterns, file_paths(ctx))


@evaluator(
    "file_glob_present",
    params={
        "patterns": Param("list[str]", doc="glob patterns over repository paths"),
        "min_count": Param("int", 1, "how many files must match"),
    },
    reads=("files",),
    doc="At least MIN_COUNT repository files match one of PATTERNS.",
)
def file_glob_present(ctx: ProbeContext, patterns: list[str], min_count: int) -> Outcome:
    """At least `min_count` repository files match one of `patterns`."""
    if not ctx.evidence.files:
        return Outcome.unknown("no file listing was read")
    hits = matching_files(ctx, patterns)
    if len(hits) >= min_count:
        cites = [ctx.file(path, path) for path in hits[:5]]
        return Outcome.yes(f"{len(hits)} file(s) match {quote(patterns)}", *cites)
    if ctx.evidence.files_truncated:
        return Outcome.unknown("the file listing was truncated before a match was found")
    return Outcome.no(f"{len(hits)} file(s) match {quote(patterns)}", Citation("files"))


def _families_check(params: dict[str, Any]) -> str | None:
    return _unknown_values(params["families"], FAMILIES, "licence family")


@evaluator(
    "license_family_in",
    params={
        "families": Param("list[str]", doc="licence families; 'none' = no licence stated"),
        "with_bases": Param(
            "bool", default=False, doc="judge the licence together with its base models' terms"
        ),
    },
    reads=("card:license", "file:LICENSE*", "tags"),
    doc="The model's licence belongs to one of FAMILIES ('none': no licence at all).",
    check=_families_check,
)
def license_family_in(ctx: ProbeContext, families: list[str], with_bases: bool = False) -> Outcome:
    """The model's identified licence (with its bases' terms if asked) is in `families`."""
    report = ctx.license
    cites = tuple(claim.citation for claim in report.claims) or (ctx.field("license"),)
    if (custom := custom_licence(ctx)) is not None:
        # A custom licence grants use with its own conditions: in the restricted family.
        answer = Outcome.yes if "restricted" in families else Outcome.no
        return answer(custom, *cites, inferred=True)
    if (nothing := no_licence_grant(ctx)) is not None:
        return Outcome.no(nothing, *cites, inferred=True)
    if report.facts is None and (unreadable := licence_unreadable(ctx)):
        return unreadable
    if report.facts is None:
        family, shown = NO_LICENSE, "no licence is stated"
    else:
        facts = (ctx.effective_license if with_bases else None) or report.facts
        family, shown = facts.family, f"'{facts.id}' is {facts.family}"
    if family == "unknown" and family not in families:
        return Outcome.unknown(f"the family of '{report.license_id}' is unknown", *cites)
    answer = Outcome.yes if family in families else Outcome.no
    if with_bases:
        return with_base_terms(ctx, answer(shown, *cites))
    return licence_basis(ctx, answer(shown, *cites))


def best_section(
    ctx: ProbeContext, names: list[str], exclude: list[str] | None = None
) -> tuple[Section | None, int]:
    """Of the first sections matching each name (and none of `exclude`), the one with
    most words, and its words."""
    best: tuple[Section | None, int] = (None, -1)
    card = own_card(ctx)  # not another model's card appended to it
    for name in names:
        if exclude:
            found = card.find_sections(name)
            section = next((s for s in found if not card.title_matches(s, *exclude)), None)
        else:
            section = card.find_section(name)
        if section is not None:
            count = card.section_words(section)
            if count > best[1]:
                best = (section, count)
    return best


@evaluator(
    "section_present",
    params={
        "names": Param("list[str]", doc="section titles to look for (case-insensitive)"),
        "min_words": Param("int", 1, "words the section needs, placeholders excluded"),
        "exclude": Param("list[str]", [], "titles that do not count even when they match"),
    },
    reads=("README.md",),
    doc=(
        "The card has a section titled like one of NAMES, and like none of EXCLUDE, with at"
        " least MIN_WORDS words."
    ),
)
def section_present(
    ctx: ProbeContext, names: list[str], min_words: int, exclude: list[str]
) -> Outcome:
    """The card has a section titled like one of `names` and none of `exclude` with at
    least `min_words` words."""
    if not ctx.readme_read:
        return no_readme(ctx)
    section, count = best_section(ctx, names, exclude)
    if section is None:
        return Outcome.no(f"the card has no section titled {_some(names)}", ctx.readme())
    text = f"section '{section.title}' has {count} words (placeholders excluded)"
    if count < min_words:
        return Outcome.no(f"{text}, fewer than {min_words}", ctx.section(section))
    return Outcome.yes(text, ctx.section(section))


MAX_NAMES_SHOWN = 8  # a reason names this many section titles; the rubric lists them all


def _some(names: list[str]) -> str:
    """Section names for a reason: all of them, or the first few and how many more."""
    if len(names) <= MAX_NAMES_SHOWN:
        return quote(names)
    shown = ", ".join(f"'{name}'" for name in names[:MAX_NAMES_SHOWN])
    return f"{shown} or {len(names) - MAX_NAMES_SHOWN} other titles the rubric lists"


def _link_check(params: dict[str, Any]) -> str | None:
    return _unknown_values(params["kinds"], LINK_KINDS, "link kind")


def host_matches(url: str, hosts: list[str]) -> bool:
    """True when the URL's host is one of `hosts` or a subdomain of one."""
    try:
        host = (urlparse(url).hostname or "").lower()
    except ValueError:  # not a URL that splits ("https://[x")
        return False
    return any(host == h.lower() or host.endswith("." + h.lower()) for h in hosts)


@evaluator(
    "link_present",
    params={
        "kinds": Param("list[str]", [], "link kinds (code, paper, hf_dataset, ...)"),
        "hosts": Param("list[str]", [], "hosts, subdomains included"),
    },
    reads=("README.md",),
    doc="The card body links to one of KINDS and/or HOSTS.",
    check=_link_check,
)
def link_present(ctx: ProbeContext, kinds: list[str], hosts: list[str]) -> Outcome:
    """The card body has a link of one of `kinds` and/or to one of `hosts`."""
    if not ctx.readme_read:
        return no_readme(ctx)
    links = [link for link in ctx.card.links if not kinds or link.kind in kinds]
    links = [link for link in links if not hosts or host_matches(link.url, hosts)]
    wanted = " ".join(filter(None, [quote(kinds), quote(hosts)])) or "any"
    if not links:
        return Outcome.no(f"the card has no {wanted} link", ctx.readme())
    cites = link_cites(links)
    return Outcome.yes(f"the card has {len(links)} {wanted} link(s)", *cites)


def _dataset_check(params: dict[str, Any]) -> str | None:
    if not params["ids"] and not params["families"]:
        return "give `ids` or `families`"
    return _families_check(params)


@evaluator(
    "dataset_license_in",
    params={
        "ids": Param("list[str]", [], "accepted licence ids"),
        "families": Param("list[str]", [], "accepted licence families"),
    },
    reads=("card:datasets", "dataset:<id>:card:license", "README.md"),
    doc="Every declared dataset is licensed under one of IDS or FAMILIES, and the card "
    "names no training data beyond them (else no, inferred); with none declared, every Hub "
    "dataset the card links as training data (inferred).",
    check=_dataset_check,
)
def dataset_license_in(ctx: ProbeContext, ids: list[str], families: list[str]) -> Outcome:
    """Every declared dataset's licence is one of `ids` or in one of `families`."""
    wanted = {item.lower() for item in ids}
    results: list[Judgement] = []
    copy, linked, licences = judged_data(ctx)
    for item in licences:
        state = dataset_licence_state(ctx, item)
        facts = item.facts
        accepted = facts is not None and (facts.id.lower() in wanted or facts.family in families)
        if state is None and facts is not None and not accepted:
            state = ("no", f"{item.repo_id} is under {item.license_id} ({facts.family})")
        results.append(state)
    cites = [item.citation for item in licences]
    passed = f"all {len(results)} declared dataset(s) qualify"
    if copy is not None:  # a copy's data: the copied models' (and what their cards say)
        outcome = copied_outcome(copy, ctx, results, cites, passed)
    elif linked is not None:
        passed = f"all {len(results)} qualify"
        outcome = linked_outcome(linked, results, cites, passed)
    else:
        outcome = combine(ctx, results, cites, passed)
    if outcome.answer == "no":
        return outcome
    from openaudit.rubric.evaluators.data import shown_beyond, undeclared_training_data
    from openaudit.rubric.evaluators.withheld_data import withheld_training_data

    if (held := withheld_training_data(ctx)) is not None:  # part of the data not released
        why = f"{outcome.reason}, but {held.reason()}"
        return Outcome.no(why, *outcome.citations, held.citation(ctx), inferred=True)
    if outcome.answer != "yes" or copy is not None:
        return outcome
    extra = undeclared_training_data(ctx, linked.names if linked is not None else ())
    if not extra:
        return outcome
    shown = shown_beyond(extra)
    if linked is not None:
        why = (f"{linked.scope()}: {passed}, but the card names more training data than it "
               f"links as Hub datasets: {shown} (their licences were not read)")  # fmt: skip
        return Outcome.no(why, *outcome.citations, ctx.readme(), inferred=True)
    why = (f"{passed}, but the card names more training data than it declares: {shown} "
           "(not declared, their licences were not read)")  # fmt: skip
    return Outcome.no(why, *cites, ctx.readme(), inferred=True)


@evaluator(
    "tag_present",
    params={"tags": Param("list[str]", doc="glob patterns over Hub and card tags")},
    reads=("api:tags", "card:tags"),
    doc="The model has a Hub or card tag matching one of TAGS.",
)
def tag_present(ctx: ProbeContext, tags: list[str]) -> Outcome:
    """The model has a Hub or card tag matching one of `tags` (globs)."""
    found = matching_tags(ctx, tags)
    if found:
        return Outcome.yes(f"tagged {', '.join(found[:5])}", ctx.api("tags", ", ".join(found)))
    return Outcome.no(f"no tag matches {quote(tags)}", ctx.api("tags"))


def matching_tags(ctx: ProbeContext, patterns: list[str]) -> list[str]:
    """Hub and card tags matching any glob, deduplicated in order."""
    every = (*ctx.evidence.tags, *as_list(ctx.metadata.get("tags")))
    lowered = [p.lower() for p in patterns]
    found = [tag for tag in every if any(fnmatchcase(tag.lower(), p) for p in lowered)]
    return list(dict.fromkeys(found))
