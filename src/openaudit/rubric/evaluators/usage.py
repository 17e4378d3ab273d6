"""Usage-limits evaluators: is there a licence, and what does it let anyone do?"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from openaudit.evidence import Citation
from openaudit.licenses import LicenseFacts
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.evaluator_helpers import (
    as_list,
    custom_licence,
    licence_basis,
    licence_unreadable,
    no_licence_grant,
    with_base_terms,
)
from openaudit.rubric.evaluators.generic import matching_files
from openaudit.rubric.evaluators.undeclared_bases import implied_base, unfound_base
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome

if TYPE_CHECKING:
    from openaudit.rubric.context.license_lineage import LineageReport

LICENSE_FILES = ["license*", "licence*", "copying*", "notice*", "use_policy*", "*license.md"]


def _claims(ctx: ProbeContext) -> tuple[Citation, ...]:
    return tuple(claim.citation for claim in ctx.license.claims)


def _no_facts(ctx: ProbeContext, what: str) -> Outcome:
    """The outcome when the licence has no facts: none stated, or not identified."""
    report = ctx.license
    if (nothing := no_licence_grant(ctx)) is not None:
        return Outcome.no(f"nothing grants {what}: {nothing}", *_claims(ctx), inferred=True)
    unreadable = licence_unreadable(ctx)
    if unreadable:
        return unreadable
    if report.claims:
        return Outcome.unknown(f"the licence is not identified: {report.reason}", *_claims(ctx))
    return Outcome.no(f"no licence is stated, so nothing grants {what}", Citation("card:license"))


@evaluator(
    "license_identified",
    reads=("card:license", "card:license_name", "file:LICENSE*", "api:tags"),
    doc="The model's licence is stated and identified.",
)
def license_identified(ctx: ProbeContext) -> Outcome:
    """The model's licence is stated (card, licence file or tag) and identified."""
    report = ctx.license
    if report.license_id:
        return licence_basis(
            ctx, Outcome.yes(f"'{report.license_id}': {report.reason}", *_claims(ctx))
        )
    if (custom := custom_licence(ctx)) is not None:
        return Outcome.yes(custom, *_claims(ctx), inferred=True)
    if (nothing := no_licence_grant(ctx)) is not None:
        return Outcome.no(nothing, *_claims(ctx), inferred=True)
    unreadable = licence_unreadable(ctx)
    if unreadable:
        return unreadable
    reason = "no licence in the card metadata, licence files or tags"
    return Outcome.no(reason, Citation("card:license"), Citation("files"))


@evaluator(
    "license_file_consistent",
    reads=("files", "file:LICENSE*", "card:license"),
    doc="A licence file is in the repo and agrees with the card's licence tag.",
)
def license_file_consistent(ctx: ProbeContext) -> Outcome:
    """A licence file is published and agrees with the card's licence."""
    texts = ctx.evidence.license_files
    if not texts:
        listed = matching_files(ctx, LICENSE_FILES)
        if listed:
            return Outcome.unknown(f"{listed[0]} is listed but was not read", ctx.file(listed[0]))
        return Outcome.no("the repo has no licence file", Citation("files", "no licence file"))
    cites = tuple(ctx.file(f.path) for f in texts)
    report = ctx.license
    if report.conflicts:
        disagrees = ctx.file(texts[0].path, "licence file disagrees with the card")
        return Outcome.no("; ".join(report.conflicts), disagrees, *cites[1:], *_claims(ctx))
    unread = [f for f in texts if f.text is None]
    if unread:
        why = unread[0].problem or "unreadable"
        return Outcome.unknown(f"{unread[0].path} could not be read ({why})", *cites)
    if not report.license_id:
        return Outcome.unknown(f"the licence is not identified: {report.reason}", *cites)
    return Outcome.yes(f"{texts[0].path} agrees with '{report.license_id}'", *cites)


def _stated(value: str | None) -> bool | None:
    """Whether a free-text restriction field states one (None: the table says unknown)."""
    if value is None:
        return False
    return None if value.strip().lower() == "unknown" else True


def restrictions(facts: LicenseFacts) -> list[str] | None:
    """The use restrictions a licence imposes; None when the table cannot tell."""
    flags = {
        "field-of-use restrictions": facts.field_of_use_restrictions,
        "an acceptable-use policy": facts.acceptable_use_policy,
        f"a user cap ({facts.user_cap})": _stated(facts.user_cap),
        f"output restrictions ({facts.output_restrictions})": _stated(facts.output_restrictions),
    }
    found = [name for name, flag in flags.items() if flag]
    if found:
        return found
    return None if any(flag is None for flag in flags.values()) else []


# A framework whose criterion this probe decides alone (OSAID's "any purpose") sets it: a
# yes from the model's own tag while a base's terms were not seen is then undecided.
SETTLES = {
    "settles": Param(
        "bool", False, "decide the criterion alone: undecided while a base's terms are unseen"
    )
}


@evaluator(
    "no_use_restrictions",
    params=SETTLES,
    reads=("card:license", "file:LICENSE*"),
    doc="The licence imposes no use restrictions (AUP, field of use, user caps, output bans).",
)
def no_use_restrictions(ctx: ProbeContext, settles: bool = False) -> Outcome:
    """The licence (with any base model's terms) lets anyone use the model for any purpose."""
    facts = ctx.effective_license
    if facts is None:
        return _no_facts(ctx, "any use")
    found = restrictions(facts)
    if found is None:
        return Outcome.unknown(f"whether '{facts.id}' restricts use is not known", *_claims(ctx))
    if found:
        return with_base_terms(
            ctx, Outcome.no(f"'{facts.id}' imposes {'; '.join(found)}", *_claims(ctx))
        )
    no_restrictions = Outcome.yes(f"'{facts.id}' imposes no use restrictions", *_claims(ctx))
    return with_base_terms(ctx, no_restrictions, settles=settles)


@evaluator(
    "commercial_use_allowed",
    params=SETTLES,
    reads=("card:license", "file:LICENSE*"),
    doc="The licence allows commercial use without conditions beyond attribution.",
)
def commercial_use_allowed(ctx: ProbeContext, settles: bool = False) -> Outcome:
    """The licence (with any base model's terms) allows commercial use unconditionally."""
    facts = ctx.effective_license
    if facts is None:
        return _no_facts(ctx, "commercial use")
    allowed = facts.commercial_use
    if allowed == "unknown":
        return Outcome.unknown(
            f"whether '{facts.id}' allows commercial use is not known", *_claims(ctx)
        )
    if allowed == "yes":
        allows = Outcome.yes(f"'{facts.id}' allows commercial use", *_claims(ctx))
        return with_base_terms(ctx, allows, settles=settles)
    shown = "allows commercial use only under conditions"
    shown = shown if allowed == "conditional" else "does not allow commercial use"
    return with_base_terms(ctx, Outcome.no(f"'{facts.id}' {shown}", *_claims(ctx)))


@evaluator(
    "base_license_compatible",
    reads=(
        "card:base_model",
        "base_model:<id>:card:license",
        "card:license",
        "file:adapter_config.json",
    ),
    doc="The model's licence does not claim more freedom than its base models' licences grant.",
)
def base_license_compatible(ctx: ProbeContext) -> Outcome:
    """No base model's licence conflicts with the licence the model is released under."""
    lineage = ctx.lineage
    declared = as_list(ctx.metadata.get("base_model"))
    implied = None if declared or ctx.evidence.base_models else implied_base(ctx)
    if implied is None and lineage.bases:
        return _judged(ctx, lineage)
    if declared:
        reason = f"base {', '.join(declared)} was not looked up"
        return Outcome.unknown(reason, ctx.field("base_model", declared))
    if implied is None:
        return Outcome.yes("no base model is declared", ctx.field("base_model"))
    if unfound_base(ctx):
        why = (f"no `base_model` is declared; {implied.said}, but the Hub has no such model: "
               "no terms to conflict with")  # fmt: skip
        return Outcome.yes(why, ctx.field("base_model"), implied.citation, inferred=True)
    # The base's terms flow down whether or not `base_model` says so.
    looked_up = ctx.implied_lineage
    if not looked_up.bases or looked_up.bases[0].repo_id.lower() != implied.name.lower():
        why = f"no `base_model` is declared, but {implied.said}, whose licence was not looked up"
        return Outcome.unknown(why, ctx.field("base_model"), implied.citation)
    outcome = _judged(ctx, looked_up, implied.citation)
    if implied.stated or outcome.answer == "unknown":
        return outcome
    return replace(outcome, reason=f"{outcome.reason} ({implied.said})").as_inferred()


def _judged(ctx: ProbeContext, lineage: LineageReport, *named: Citation) -> Outcome:
    """The answer from the bases' licences as looked up."""
    cites = [*named, *(base.citation for base in lineage.bases)]
    if lineage.flags:
        flagged = "; ".join(lineage.flags)
        if not lineage.inferred:
            return Outcome.no(flagged, *cites, *_claims(ctx))
        # terms concluded from a base's licence name or gate text
        why = f"{flagged} (inferred: {lineage.inferred_reason()})"
        return Outcome.no(why, *cites, *_claims(ctx), inferred=True)
    unread = [base for base in lineage.bases if base.facts is None]
    if unread:
        why = "; ".join(f"base {b.repo_id}: licence unknown ({b.reason})" for b in unread)
        return Outcome.unknown(why, *cites)
    if ctx.license.facts is None:
        return Outcome.unknown("the model's own licence is not identified", *cites)
    if copied := ctx.license.copied:  # a copy stating none, read under its source's
        why = (f"compatible with {len(lineage.bases)} base licence(s): a copy stating no "
               f"licence of its own is under that of {', '.join(copied)}")  # fmt: skip
        return Outcome.yes(why, *cites, inferred=True)
    if custom := lineage.custom:  # no conflict shown, but a custom licence's terms are unknown
        why = (f"compatible with {len(lineage.bases)} base licence(s) as far as is known: the "
               f"terms of the custom licence of {', '.join(b.repo_id for b in custom)} are not "
               "known to conflict")  # fmt: skip
        return Outcome.yes(why, *cites, inferred=True)
    return Outcome.yes(f"compatible with {len(lineage.bases)} base licence(s)", *cites)
