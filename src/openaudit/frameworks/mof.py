"""The Model Openness Framework (MOF) as the Model Openness Tool (MOT) evaluates it.

Evaluators `mof_component` and `mof_license_open`, and `mof_result`: the class
(III, II, I), the progress toward each and every component's status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from openaudit.evidence import Citation
from openaudit.frameworks.components import (
    FINDERS,
    all_training_data,
    choice,
    content_type,
    datasets_licensed,
)
from openaudit.frameworks.license_openness import (
    CONTENT_TYPES,
    ContentType,
    Openness,
    all_openness,
    facts_openness,
    graded,
    report_openness,
)
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators.code_licences import code_licence_file, stated_code_license
from openaudit.rubric.evaluators.copies import copy_source, data_copy
from openaudit.rubric.evaluators.evaluator_helpers import (
    custom_licence,
    licence_unreadable,
    no_licence_grant,
)
from openaudit.rubric.evaluators.linked_data import linked_data
from openaudit.rubric.framework_spec import (
    MOF_CLASSES,
    Criterion,
    FrameworkSpec,
    grade_of,
    outcome_of,
)
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import GradedOutcome, Outcome

if TYPE_CHECKING:
    pass

Where = Literal["repo", "linked", "datasets"]
Found = tuple[Where, str, tuple[Citation, ...]]  # where, what was found, citations


@evaluator(
    "mof_component",
    params={
        "component": Param("str", doc="MOF component (final_parameters, model_card, ...)"),
        "type": Param("str", doc="content type deciding the licence lists: code, data, document"),
    },
    reads=(
        "files",
        "README.md",
        "api:refs",
        "card:license",
        "card:base_model",
        "base_model:<id>:card:license",
        "card:datasets",
        "datasets:<id>:card:license",
    ),
    doc="The MOF component is released and openly licensed for its content type.",
    check=lambda p: choice("component", tuple(FINDERS))(p) or choice("type", CONTENT_TYPES)(p),
)
def mof_component(ctx: ProbeContext, component: str, type: str) -> Outcome:
    """A MOF component is present and openly licensed; graded included/missing/not_open/unknown.
    A copy (a quantisation or conversion) lacking a component its source has
    (COPIED_COMPONENTS) has it as its source does: it is the model it copies (inferred)."""
    found = _own_component(ctx, component, type)
    if component not in COPIED_COMPONENTS or found.present is True:
        return found
    if (source := copy_source(ctx)) is None:
        return found
    adopted = source.adopted(lambda of: _own_component(of, component, type), _released)
    return adopted or found


# The components a copy has when its source has them: the data card documents the
# source's data, which are the copy's.
COPIED_COMPONENTS = ("data_card",)


def _released(found: GradedOutcome) -> bool:
    return found.present is True


def _own_component(ctx: ProbeContext, component: str, type: str) -> GradedOutcome:
    """A MOF component of this model's own repo and card, graded."""
    found = FINDERS[component](ctx)
    if isinstance(found, Outcome):
        missing = found.answer == "no"
        return graded(
            found, "missing" if missing else "unknown", present=False if missing else None
        )
    kind = content_type(type)
    where, what, cites = found
    if where == "named":  # data named in the card's prose: no dataset card to read
        why = f"{what}; their licences are not in the evidence (no Hub dataset ids)"
        unread = graded(Outcome.unknown(why, *cites), "unknown")
        outcome = _training_data(ctx, component, unread)
        return graded(outcome, grade_of(outcome), present=True)
    if where == "datasets":
        outcome = _training_data(ctx, component, datasets_licensed(ctx, what, kind))
    elif where == "linked data":  # Hub datasets the card links as training data
        linked = datasets_licensed(ctx, what, kind, linked_data(ctx))
        outcome = _training_data(ctx, component, linked)
    elif where == "copied data":  # a quantisation's or conversion's: its source's datasets
        copied = datasets_licensed(ctx, what, kind, copy=data_copy(ctx))
        outcome = _training_data(ctx, component, copied)
    else:
        stated = _type_wide_licensed(ctx, what, kind, cites)
        hosted = where not in ("repo", "read")
        weights = component in WEIGHT_COMPONENTS
        outcome = stated or _distribution_licensed(
            ctx, what, kind, cites, hosted=hosted, with_bases=weights
        )
        outcome = _inferred_if(outcome, where in ("read", "cited"))
    return graded(outcome, grade_of(outcome), present=True)


def _training_data(ctx: ProbeContext, component: str, found: Outcome) -> Outcome:
    """The datasets component (MOF 15) is all the training data: not open when the card
    says part of it is not released (`all_training_data`)."""
    return all_training_data(ctx, found) if component == "datasets" else found


def _inferred_if(outcome: Outcome, inferred: bool) -> Outcome:
    return outcome.as_inferred() if inferred and outcome.answer != "unknown" else outcome


def _type_wide_licensed(
    ctx: ProbeContext, what: str, kind: ContentType, cites: tuple[Citation, ...]
) -> Outcome | None:
    """MOF's middle step: a licence the card states for all code (e.g. "the training
    code is released under Apache-2.0"), else the repo's licence file for its code
    (LICENSE-CODE beside LICENSE-MODEL), applies to every code component, linked or in
    the repo, before the distribution licence. None when neither gives one."""
    if kind != "code":
        return None
    stated = stated_code_license(ctx) if ctx.readme_read else None
    if stated is None:
        if (own := code_licence_file(ctx)) is None:
            return None
        path, facts = own
        state, why = facts_openness(facts, kind, facts.id)
        text = f"{what}; the repo's code licence file {path} gives the code its licence: {why}"
        return _by_openness(state, text, (ctx.file(path, facts.id), *cites))
    facts, sentence = stated
    state, why = facts_openness(facts, kind, facts.id)
    said = Citation("README.md", sentence, ctx.evidence.file_url("README.md"))
    return _by_openness(state, f"{what}; the card states the code licence: {why}", (said, *cites))


@evaluator(
    "mof_license_open",
    params={"type": Param("str", doc="content type: code, data or document")},
    reads=(
        "card:license",
        "file:LICENSE*",
        "api:tags",
        "card:base_model",
        "base_model:<id>:card:license",
    ),
    doc="The distribution licence, with its bases' terms, is open for MOF for the content type.",
    check=choice("type", CONTENT_TYPES),
)
def mof_license_open(ctx: ProbeContext, type: str) -> Outcome:
    """The model's licence counts as open under MOF's licence lists."""
    kind = content_type(type)
    read = _licence_openness(ctx, kind, with_bases=True)
    cites = read.citations or (Citation("card:license"),)
    answer = {"open": Outcome.yes, "not_open": Outcome.no}.get(read.state, Outcome.unknown)
    return _inferred_if(answer(read.why, *cites), _licence_concluded(ctx, read))


def _licence_concluded(ctx: ProbeContext, read: _Openness) -> bool:
    """Whether the licence's MOF openness is a careful reader's conclusion, not stated:
    decided by a base's terms, by terms read from a licence name or gate text, or by terms
    that match no known licence (custom: not open) or grant nothing (a bare `other`)."""
    return (
        read.inherited
        or ctx.license.inferred
        or custom_licence(ctx) is not None
        or no_licence_grant(ctx) is not None
    )


# The components that are the model's weights: a fine-tune's weights are made from its
# base's, so the base's terms reach them whatever the model's own tag says.
WEIGHT_COMPONENTS = frozenset({"final_parameters", "intermediate_checkpoints"})


@dataclass(frozen=True)
class _Openness:
    """The MOF openness of the licence a component is under, and why."""

    state: Openness
    why: str
    citations: tuple[Citation, ...]
    inherited: bool = False  # decided by a base model's terms (an inference)


def _licence_openness(
    ctx: ProbeContext, kind: ContentType, *, with_bases: bool = False
) -> _Openness:
    """MOF openness of the distribution licence, its reason and citations.

    No licence found on a gated card that could not be read is unknown, not
    "unlicensed": the licence may be stated where nothing was read. With
    `with_bases` (the weights), an open licence the base models' terms restrict is
    judged with those terms (ProbeContext.effective_license, as the usage layer does).
    """
    report = ctx.license
    if report.facts is None and (unreadable := licence_unreadable(ctx)):
        return _Openness("unknown", unreadable.reason, unreadable.citations)
    state, why = report_openness(report, kind, card_read=ctx.readme_read)
    cites = tuple(claim.citation for claim in report.claims)
    effective = ctx.effective_license if with_bases and state == "open" else None
    if effective is not None and (unseen := ctx.lineage.unseen):
        base = unseen[0]
        text = (
            f"{why}; but the weights are made from base {base.repo_id}, whose terms were not "
            f"seen ({base.reason}) and apply to them too"
        )
        return _Openness("unknown", text, (*cites, *(b.citation for b in unseen)))
    if effective is None or effective is report.facts:
        return _Openness(state, why, cites)
    bases = [base for base in ctx.lineage.bases if base.facts is not None]
    if not bases:
        return _Openness(state, why, cites)
    base_state, base_why = all_openness([base.facts for base in bases if base.facts], kind)
    if base_state == "open":
        return _Openness(state, why, cites)
    named = ", ".join(f"{base.repo_id} ({base.license_id})" for base in bases)
    text = (
        f"{why}; but the weights are made from base {named}, whose terms apply to them too "
        f"(inferred): {base_why}"
    )
    if ctx.lineage.inferred:  # the base's terms concluded from its licence name or gate text
        text = f"{text} ({ctx.lineage.inferred_reason()})"
    return _Openness(base_state, text, (*cites, *(b.citation for b in bases)), inherited=True)


def _distribution_licensed(
    ctx: ProbeContext,
    what: str,
    kind: ContentType,
    cites: tuple[Citation, ...],
    *,
    hosted: bool = False,
    with_bases: bool = False,
) -> Outcome:
    """No component or type-wide licence is stated, so the distribution licence applies
    (MOT's precedence: component, type-wide, distribution). For a component hosted off
    the Hub (a linked repository or paper) or only mentioned by the card, that is an
    inference: its own licence, where it is hosted, was not read."""
    read = _licence_openness(ctx, kind, with_bases=with_bases)
    cites = (*cites, *read.citations)
    if hosted:
        text = (f"{what}; its own licence was not read where it is hosted, so MOT's precedence "
                f"gives it the distribution licence: {read.why}")  # fmt: skip
    else:
        text = (
            f"{what}; no component licence on the Hub, so the distribution licence applies: "
            f"{read.why}"
        )
    outcome = _by_openness(read.state, text, cites)
    inferred = hosted or _licence_concluded(ctx, read)
    return graded(_inferred_if(outcome, inferred), grade_of(outcome))


def _by_openness(state: str, text: str, cites: tuple[Citation, ...]) -> Outcome:
    """A component's graded outcome from its licence's MOF openness."""
    if state == "open":
        return graded(Outcome.yes(text, *cites), "included")
    if state == "not_open":
        return graded(Outcome.no(text, *cites), "not_open")
    return graded(Outcome.unknown(text, *cites), "unknown")


# MOF ----------------------------------------------------------------------------------------

MOF_STATUSES = ("included", "missing", "not_open", "unknown")


def _component_status(outcome: Outcome) -> str:
    grade = grade_of(outcome)
    if grade in MOF_STATUSES:
        return grade
    return {"yes": "included", "no": "missing"}.get(outcome.answer, "unknown")


def mof_result(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """MOF class, per-class status and progress, and every component's status."""
    own, status = _statuses(spec, outcomes)
    classes: dict[str, str] = {}
    progress: dict[str, int] = {}
    lower_met = True
    for name, states in _class_members(spec, status):
        classes[f"Class {name}"] = _class_state(states)
        included = sum(state == "included" for state in states)
        progress[f"Class {name}"] = (
            round(100 * included / len(states)) if lower_met and states else 0
        )
        lower_met = lower_met and classes[f"Class {name}"] == "met"
    components = [_component(c, own[c.id], status[c.id], outcomes) for c in spec.criteria]
    required = {c.id for c in spec.criteria if c.required}
    return {
        "framework": "mof",
        "class": _highest_met(classes),
        "classes": classes,
        "progress": progress,
        "components": components,
        # required components whose status rests on an inference (--strict drops them)
        "inferred": [
            c["name"] for c in components if c["basis"] == "inferred" and c["id"] in required
        ],
        "layers": mof_layers(components),
    }


def mof_summary(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """The MOF class alone (`mof_result`'s "class", by the same rules): all a scan keeps
    of the result."""
    _, status = _statuses(spec, outcomes)
    members = _class_members(spec, status)
    classes = {f"Class {name}": _class_state(states) for name, states in members}
    return {"class": _highest_met(classes)}


def _statuses(
    spec: FrameworkSpec, outcomes: Mapping[str, Outcome]
) -> tuple[dict[str, str], dict[str, str]]:
    """Every component's own status, and its status once its stand-in counts, by id."""
    own = {c.id: _component_status(outcome_of(outcomes, c.probes[0])) for c in spec.criteria}
    return own, {c.id: _with_stand_in(c, own) for c in spec.criteria}


def _class_members(spec: FrameworkSpec, status: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Per MOF class, lowest first, the statuses of the required components of it and of
    the classes below it."""
    members = []
    for index, name in enumerate(MOF_CLASSES):
        needed = [c.id for c in spec.criteria if c.required and c.group in MOF_CLASSES[: index + 1]]
        members.append((name, [status[ident] for ident in needed]))
    return members


def _highest_met(classes: dict[str, str]) -> str:
    met = [name for name, state in classes.items() if state == "met"]
    return met[-1] if met else "Unclassified"


# The layers MOF components inform (MOT component ids), as the calibration of MOT
# records maps them: a layer is open when its key components are all included, partial
# when any of its components is released, closed when none is.
LAYER_COMPONENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # layer: (components that must all be included for open, components that show release)
    "weights": (("10",), ("10",)),
    "code": (("9", "7", "8", "16"), ("9", "7", "8", "18", "16", "22")),
    "data": (("15",), ("15",)),
    "documentation": (("13", "14", "11|21"), ("13", "14", "11", "21")),
}


def mof_layers(components: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Weights, code, data and documentation levels from the components, with their basis.

    Usage limits stay with the rubric's licence probes. A key given as "11|21" is met by
    either component (a research paper stands in for a technical report).
    """
    by_id = {c["id"]: c for c in components}
    layers: dict[str, dict[str, str]] = {}
    for layer, (keys, shown) in LAYER_COMPONENTS.items():
        if not all(k in by_id for key in keys for k in key.split("|")):
            continue  # a composed rubric without these components: the probes decide
        layers[layer] = _layer_level(
            [[by_id[k] for k in key.split("|")] for key in keys],
            [by_id[k] for k in shown if k in by_id],
        )
    return layers


def _layer_level(keys: list[list[dict[str, Any]]], shown: list[dict[str, Any]]) -> dict[str, str]:
    def met(options: list[dict[str, Any]]) -> bool:
        return any(c["meets"] is True for c in options)

    released = [c for c in shown if c["status"] == "included"]
    unsure = [c for c in shown if c["status"] == "unknown"]
    if all(met(options) for options in keys):
        used = [c for options in keys for c in options if c["meets"] is True]
        level, why = "open", "all included: " + ", ".join(c["name"] for c in used)
    elif released:
        used = released
        level, why = "partial", "released: " + ", ".join(c["name"] for c in released)
    elif unsure:
        used = unsure
        level, why = "unknown", "undecided: " + ", ".join(c["name"] for c in unsure)
    else:
        used = shown
        level, why = "closed", "none released: " + ", ".join(c["name"] for c in shown)
    basis = (
        "unknown"
        if level == "unknown"
        else ("inferred" if any(c["basis"] == "inferred" for c in used) else "stated")
    )
    return {"level": level, "basis": basis, "reason": f"MOF components {why}"}


def _with_stand_in(criterion: Criterion, own: dict[str, str]) -> str:
    """A component's status once its stand-in counts (paper for a missing report)."""
    mine = own[criterion.id]
    if criterion.stand_in is None or mine == "included":
        return mine
    other = own.get(criterion.stand_in, "unknown")
    if other == "included":
        return "included"
    return "unknown" if "unknown" in (mine, other) else mine


def _class_state(states: list[str]) -> str:
    if all(state == "included" for state in states):
        return "met"
    if any(state in ("missing", "not_open") for state in states):
        return "unmet"
    return "unknown"


def _component(
    c: Criterion, own: str, status: str, outcomes: Mapping[str, Outcome]
) -> dict[str, Any]:
    reason = outcome_of(outcomes, c.probes[0]).reason
    if status != own:
        reason = f"{reason} (component {c.stand_in} stands in: {status})"
    outcome = outcome_of(outcomes, c.probes[0])
    present = True if own in ("included", "not_open") else getattr(outcome, "present", None)
    return {
        "id": c.id,
        "name": c.name,
        "class": f"Class {c.group}",
        "required": c.required,
        # MOT's record of a component: included (released, whatever its licence) or not;
        # its licence judged against the open licences for its content type; and whether
        # it counts toward its class (both, or a stand-in that does).
        "status": "missing" if own == "missing" else "included" if present else "unknown",
        "license_open": {"included": True, "not_open": False}.get(own),
        "meets": {"included": True, "missing": False, "not_open": False}.get(status),
        "basis": "unknown" if status == "unknown" else outcome.basis,
        "reason": reason,
    }
