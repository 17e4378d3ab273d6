"""Small helpers shared by the evaluator modules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from openaudit.card import count_words
from openaudit.evidence import Citation, LinkedRepo
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.context.license_lineage import DatasetLicense
from openaudit.rubric.context.license_report import grants_nothing, unread_files
from openaudit.training_sections import negated as negated
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.card import Link

# The Hub template's "[More Information Needed]", as card.py counts it.
PLACEHOLDER = re.compile(r"\[?more[ \t]+information[ \t]+needed\]?", re.IGNORECASE)


def as_list(value: Any) -> tuple[str, ...]:
    """A metadata value that may be a string or a list, as a tuple of strings."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(item).strip() for item in items if str(item).strip())


def words(text: str) -> int:
    """Words of card text, not counting template placeholders (Chinese and Japanese
    counted by characters: see `card.count_words`)."""
    return count_words(text)


def no_readme(ctx: ProbeContext) -> Outcome:
    """The unknown outcome of a probe that needs the README text, which was not read."""
    if ctx.evidence.access == "gated":
        return Outcome.unknown("the README is gated and could not be read", ctx.api("gated"))
    return Outcome.unknown("no README was read")


def no_metadata(ctx: ProbeContext) -> Outcome:
    """The unknown outcome of a probe that needs card metadata, which is unreadable."""
    error = ctx.card.metadata_error
    if error:
        return Outcome.unknown(f"the card metadata could not be read: {error}", ctx.readme())
    return no_readme(ctx)


def declared_datasets(ctx: ProbeContext) -> tuple[str, ...]:
    """The dataset ids the card metadata declares."""
    return as_list(ctx.metadata.get("datasets"))


def name_words(text: str) -> set[str]:
    """The lowercase letter-and-digit words of a name ("Org/Name-7B" -> org, name, 7b)."""
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def model_name_words(ctx: ProbeContext) -> set[str]:
    """The words of the model's own name: the last part of its repo id (else its ref)."""
    return name_words((ctx.evidence.repo_id or ctx.evidence.ref).rstrip("/").split("/")[-1])


def quote(names: list[str] | tuple[str, ...]) -> str:
    """Names joined for a reason text: 'a', 'b' or 'c'."""
    quoted = [f"'{name}'" for name in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


Judgement = tuple[str, str] | None  # ("no" | "unknown", why) for an item that fails; None: passes


def missing_datasets(ctx: ProbeContext) -> list[str]:
    """Datasets the card declares that the source did not look up."""
    looked = {repo.repo_id.lower() for repo in ctx.evidence.datasets}
    return [name for name in declared_datasets(ctx) if name.lower() not in looked]


def _declares_nothing(ctx: ProbeContext, repo_id: str) -> bool:
    repo = next((r for r in ctx.evidence.datasets if r.repo_id == repo_id), None)
    if repo is None:
        return False
    tagged = any(tag.startswith("license:") for tag in repo.tags)
    return not repo.card_data.get("license") and not tagged


def unfound_dataset(repo_id: str) -> str:
    """What a declared dataset the Hub does not resolve (404) shows, and no more.

    An `owner/name` id is not on the Hub: missing, or private (AutoTrain's
    `autotrain-data-*`). A bare name (`coco`, `voxceleb`) is no Hub dataset id at all,
    only the data's name: many public corpora live off the Hub. Neither says the data
    is closed, unlicensed or non-commercial: its licence is unknown."""
    if hub_dataset_id(repo_id):
        return f"{repo_id} is not on the Hub (missing, or private)"
    return f"{repo_id} is a name the Hub does not resolve, not a Hub dataset id"


def hub_dataset_id(name: str) -> bool:
    """The declared dataset is an `owner/name` Hub id, not a bare name."""
    return "/" in name.strip("/")


def unfound_licence(repo_id: str) -> str:
    """Why the licence of a dataset the Hub does not resolve is unknown."""
    return f"{unfound_dataset(repo_id)}: its licence was not read"


def dataset_availability(repo: LinkedRepo, allow_gated: bool = False) -> Judgement:
    """('no' | 'unknown', why) for a dataset the Hub does not show freely available, else
    None. An `owner/name` id the Hub does not resolve is not available there; a bare name
    it does not resolve is not a Hub dataset, which says nothing of where the data is
    (unknown), nor does a lookup that failed; a gated one is not, unless `allow_gated`."""
    if repo.status == "not_found":
        if hub_dataset_id(repo.repo_id):
            return ("no", unfound_dataset(repo.repo_id))
        return ("unknown", f"{unfound_dataset(repo.repo_id)}: where it is available was not read")
    if repo.status in ("error", "skipped"):
        return ("unknown", f"{repo.repo_id} was not looked up ({repo.problem or repo.status})")
    if (repo.status == "gated" or repo.gated) and not allow_gated:
        return ("no", f"{repo.repo_id} is gated")
    return None


def unavailable_on_hub(repo: LinkedRepo) -> bool:
    """The Hub shows the dataset is not freely available (dataset_availability: gated, or
    an `owner/name` id it does not resolve). A bare name it does not resolve may be
    published elsewhere."""
    judged = dataset_availability(repo)
    return judged is not None and judged[0] == "no"


def off_hub_names(repos: Iterable[LinkedRepo]) -> list[str]:
    """The bare dataset names the Hub does not resolve: named data, terms unread."""
    return [r.repo_id for r in repos if r.status == "not_found" and not hub_dataset_id(r.repo_id)]


def dataset_licence_state(ctx: ProbeContext, item: DatasetLicense) -> Judgement:
    """Why a dataset's licence cannot be judged ("no": declared missing; "unknown":
    unread, or the dataset not on the Hub, which says nothing of its terms)."""
    if item.status == "not_found":
        return ("unknown", unfound_licence(item.repo_id))
    if item.status in ("error", "skipped"):
        return ("unknown", f"{item.repo_id} was not looked up ({item.reason})")
    if item.facts is None:
        if _declares_nothing(ctx, item.repo_id):
            return ("no", f"{item.repo_id} declares no licence")
        return ("unknown", f"{item.repo_id}: licence not identified ({item.reason})")
    return None


def combine(
    ctx: ProbeContext, results: list[Judgement], cites: list[Citation], passed: str
) -> Outcome:
    """One outcome over all declared datasets: any no -> no; any unknown -> unknown."""
    missing = missing_datasets(ctx)
    if not results and not missing:
        return Outcome.unknown("no datasets are declared", ctx.field("datasets"))
    failing = [why for answer, why in filter(None, results) if answer == "no"]
    if failing:
        return Outcome.no("; ".join(failing), *cites)
    unsure = [why for _, why in filter(None, results)]
    unsure += [f"{name} was not looked up" for name in missing]
    if unsure:
        return Outcome.unknown("; ".join(unsure), *cites)
    return Outcome.yes(passed, *cites)


def inferred_over(
    scope: str, results: list[Judgement], cites: list[Citation], passed: str
) -> Outcome:
    """One inferred outcome over datasets a reader took as the model's data without a
    declaration of its own (a copied model's, those the card links): any no -> no; any
    unknown -> unknown; the reason opens with `scope`, whose data they are."""
    failing = [why for answer, why in filter(None, results) if answer == "no"]
    if failing:
        return Outcome.no(f"{scope}: {'; '.join(failing)}", *cites, inferred=True)
    unsure = [why for _, why in filter(None, results)]
    if unsure:
        return Outcome.unknown(f"{scope}: {'; '.join(unsure)}", *cites)
    return Outcome.yes(f"{scope}: {passed}", *cites, inferred=True)


def licence_unreadable(ctx: ProbeContext) -> Outcome | None:
    """Unknown when no licence was found but the card could not be read: its
    metadata is malformed or refused, or the card itself is gated; when the licence
    stands only on licence files whose text was not read (`unread_licence`); or when the
    model is a copy stating no licence of its own, under that of the model it copies,
    whose terms were not seen (copies.copy_licence: undecided, not unlicensed)."""
    if (unread := unread_licence(ctx)) is not None:
        return unread
    if ctx.license.claims:
        return None
    if copied := ctx.license.copied:
        cites = [Citation(f"base_model:{name}") for name in copied]
        return Outcome.unknown(ctx.license.reason, ctx.field("license"), *cites)
    if ctx.card.metadata_error:
        error = ctx.card.metadata_error
        why = f"no licence found, but the card metadata could not be read: {error}"
        return Outcome.unknown(why, ctx.readme())
    if ctx.readme_read or ctx.evidence.api_card_data is not None:
        return None
    if ctx.evidence.access != "gated":
        return None
    return Outcome.unknown(
        "no licence found, but the gated card could not be read", ctx.api("gated")
    )


def unread_licence(ctx: ProbeContext) -> Outcome | None:
    """Unknown when the licence stands only on licence files whose text was not read
    (license_report.unread_files: no tag, licence name or link, no licence section): a
    file listed but not read may hold any licence, open or custom. Of a gated repo
    audited without access, what approved access would add is said."""
    unread = unread_files(ctx.license)
    if not unread:
        return None
    paths = ", ".join(claim.citation.where.removeprefix("file:") for claim in unread[:3])
    noun = "licence file" if len(unread) == 1 else "licence files"
    gated = ctx.evidence.access == "gated" or unread[0].raw.startswith("gated")
    if gated:
        why = (
            f"the licence is not known: nothing but the {noun} {paths} states it, and the"
            " repo is gated: its text is not served without access; approved access would"
            " show it and identify the licence"
        )
    else:
        why = (
            f"the licence is not known: nothing but the {noun} {paths} states it, and its"
            f" text was not read ({unread[0].raw})"
        )
    return Outcome.unknown(why, *(claim.citation for claim in unread))


CUSTOM_LICENCE = (
    "terms are given (in the card or a licence file) that match no known licence"
    " ({reason}); a careful reader takes it "
    "as a custom licence: it grants use on its own terms and is not an open licence"
)


def custom_licence(ctx: ProbeContext) -> str | None:
    """Why the model's licence reads as a custom one (stated, not identified), else None.

    A card saying `license: other` or `unknown` with a licence name, link, file or
    licence section, or a licence file matching no known text, still states terms: an
    expert takes them as a custom licence, which is not an open licence. Answers built
    on this are inferred. A bare `other` or `unknown` is no licence (`no_licence_grant`).
    """
    report = ctx.license
    if report.facts is not None or not report.claims or no_licence_grant(ctx):
        return None
    if unread_files(report):  # a licence file not read is unread, not custom terms
        return None
    return CUSTOM_LICENCE.format(reason=report.reason)


def custom_base_licence(ctx: ProbeContext) -> str | None:
    """Why the terms in effect (ProbeContext.effective_license) are a custom licence,
    else None: the model's own licence is open, or is read as the model's it copies (a
    copy stating none of its own), and every base whose terms are not open is under a
    custom licence (license_lineage: stated, matching no known licence). Those terms
    flow down: they grant use and are not open (inferred)."""
    facts, lineage = ctx.effective_license, ctx.lineage
    own = ctx.license
    if facts is None or facts.family != "restricted" or not lineage.custom:
        return None
    if not own.copied and (own.facts is None or not own.facts.is_open):
        return None
    if any(b.facts and not b.facts.is_open and not b.custom for b in lineage.bases):
        return None
    named = "; ".join(f"base {b.repo_id}: {b.reason}" for b in lineage.custom)
    return f"'{facts.id}' carries the terms of a custom licence ({named})"


def no_licence_grant(ctx: ProbeContext) -> str | None:
    """Why the model's licence, only a bare `license: other` or `unknown`, grants
    nothing (a careful reader's conclusion, so answers built on it are inferred).

    Only when the card's body was read: unread (a gated card known by its API
    metadata), it may link or state the terms, so the licence stays a custom one.
    """
    return grants_nothing(ctx.license) if ctx.readme_read else None


def licence_basis(ctx: ProbeContext, outcome: Outcome) -> Outcome:
    """An answer built on the model's licence, inferred when the licence's terms were
    concluded from its name or gate text (LicenseReport.inferred)."""
    if ctx.license.inferred and outcome.answer != "unknown":
        return outcome.as_inferred()
    return outcome


def with_base_terms(ctx: ProbeContext, outcome: Outcome, *, settles: bool = True) -> Outcome:
    """An answer about the licence with its bases' terms (ProbeContext.effective_license).

    A base's terms flow down to a derivative whatever its own tag says, so a yes about
    the freedom they may take away is never stated while a base's terms are unseen (not
    looked up, missing, unidentified): unknown for the probe that `settles` the layer
    (its cap_if_unknown keeps the layer from being open), else inferred from the
    model's own licence, the reason saying the base's terms were not seen. An answer
    decided by terms concluded from a base's licence name or gate text is inferred,
    and says how they were read.
    """
    outcome = licence_basis(ctx, outcome)
    lineage = ctx.lineage
    if outcome.answer == "yes" and (unseen := lineage.unseen):
        base = unseen[0]
        cites = (*outcome.citations, *(b.citation for b in unseen))
        if settles:
            why = (
                f"{outcome.reason}, but the terms of its base {base.repo_id} were not seen "
                f"({base.reason}); a derivative inherits them"
            )
            return Outcome.unknown(why, *cites)
        why = (
            f"{outcome.reason} (its own licence; the terms of its base {base.repo_id}, which "
            f"a derivative inherits, were not seen ({base.reason}) and may restrict it)"
        )
        return Outcome.yes(why, *cites, inferred=True)
    if ctx.effective_license is not ctx.license.facts and lineage.inferred:
        cites = (*outcome.citations, *(b.citation for b in lineage.inferred))
        why = f"{outcome.reason} (inferred: {lineage.inferred_reason()})"
        return replace(outcome, reason=why, citations=cites).as_inferred()
    return outcome


def link_cites(links: Iterable[Link], limit: int = 5) -> tuple[Citation, ...]:
    """Citations of the card's links: the README, what each link names (its target, else
    its text) and its URL; at most `limit` of them."""
    return tuple(
        Citation("README.md", link.target or link.text or None, link.url)
        for link in islice(links, limit)
    )


# Definition lines ("**Architecture:** ...", "- Training hardware: 512 H100 GPUs"): a short
# label, a colon, the value. Bold markers may sit on either side of the colon.
DEFINITION = re.compile(r"[ \t]{0,3}(?:[-*+][ \t]+)?([^:\n]{1,60}):(.*)")


def definition_lines(text: str) -> Iterator[tuple[str, str]]:
    """The definition lines of `text` as (label, value), markup stripped; lines in code
    fences are not definitions."""
    fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        # (a line without a colon defines nothing: skipped before the regex tries it)
        match = None if fence or ":" not in line else DEFINITION.match(line)
        if match is not None:
            yield match.group(1).strip(" \t*_`"), match.group(2).strip(" \t*_`")
