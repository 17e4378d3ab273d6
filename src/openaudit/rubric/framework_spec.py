"""Framework results (MOF class, OSAID pass/fail, EOSAI ratings) from probe outcomes.

A rubric's `framework:` section says, declaratively, which probes stand for
which MOF component, OSAID requirement or EOSAI dimension. The engine answers
the probes as usual; `framework_result` then applies the framework's own
aggregation rules and returns a JSON-ready dict for `Verdict.extras`:

- mof: the Model Openness Tool's rules. Classes are cumulative (III, then II,
  then I), every required component must be included (released and openly
  licensed), the research paper may stand in for a missing technical report,
  and progress toward a class is forced to 0 unless every lower class is met.
  A component that cannot be decided makes each class needing it `unknown`:
  never met by guessing, never unmet either.
- osaid: every requirement (element or freedom) met -> pass; any unmet -> fail;
  otherwise, when something cannot be decided -> unknown.
- eosai: each dimension is two probes, "open?" and "at least partial?"; the
  score is the mean over decided dimensions (open 1, partial 0.5, closed 0),
  with the range the undecided ones allow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from openaudit.rubric.nodes import Entries, NodeReader
from openaudit.rubric.registry import load_builtins
from openaudit.verdict import GradedOutcome, Outcome

LIST_KEYS = {"mof": "components", "osaid": "requirements", "eosai": "dimensions"}
MOF_CLASSES = ("III", "II", "I")


@dataclass(frozen=True)
class Criterion:
    """One MOF component, OSAID requirement or EOSAI dimension, and its probes.

    `probes` is (probe,) for MOF, the requirement's probes for OSAID and
    (open probe, partial probe) for EOSAI. `group` is the MOF class ("III"),
    the OSAID group (element, freedom) or the EOSAI area.
    """

    id: str
    name: str
    probes: tuple[str, ...]
    group: str = ""
    required: bool = True
    stand_in: str | None = None
    type: str = ""


@dataclass(frozen=True)
class FrameworkSpec:
    """The `framework:` section of a rubric."""

    kind: str
    criteria: tuple[Criterion, ...]
    source: str = ""
    notes: str = ""

    def probe_ids(self) -> tuple[str, ...]:
        """Every probe the section names, in order."""
        return tuple(dict.fromkeys(p for c in self.criteria for p in c.probes))


# --- parsing the `framework:` section ------------------------------------------------------
# Its structure (keys per kind, types, MOF classes) is checked by the rubric JSON Schema
# (schemas/rubric-1.json); what needs the rubric is checked here.


def parse_framework(r: NodeReader, node: yaml.Node, probe_ids: set[str]) -> FrameworkSpec:
    """The `framework:` mapping; every probe it names must be in `probe_ids`."""
    entries = r.mapping(node, "framework")
    kind = str(r.value(entries["kind"][1]))
    items = r.sequence(entries[LIST_KEYS[kind]][1], f"framework.{LIST_KEYS[kind]}")
    criteria = tuple(_criterion(r, item, kind, probe_ids) for item in items)
    _check_ids(r, items, criteria)
    return FrameworkSpec(
        kind,
        criteria,
        source=_text(r, entries, "source"),
        notes=_text(r, entries, "notes"),
    )


def _text(r: NodeReader, entries: Entries, key: str) -> str:
    return str(r.value(entries[key][1])) if key in entries else ""


def _criterion(r: NodeReader, node: yaml.Node, kind: str, probe_ids: set[str]) -> Criterion:
    entries = r.mapping(node, f"framework.{LIST_KEYS[kind]}[]")
    ident = str(r.value(entries["id"][1]))
    what = f"framework item '{ident}'"
    probes = _probes(r, entries, kind, what, probe_ids)
    group = _text(r, entries, {"mof": "class", "osaid": "group", "eosai": "area"}[kind])
    required = bool(r.value(entries["required"][1])) if "required" in entries else True
    stand_in = _text(r, entries, "stand_in") or None
    name = str(r.value(entries["name"][1]))
    return Criterion(ident, name, probes, group, required, stand_in, _text(r, entries, "type"))


def _probes(
    r: NodeReader, entries: Entries, kind: str, what: str, probe_ids: set[str]
) -> tuple[str, ...]:
    keys = {"mof": ("probe",), "osaid": ("probes",), "eosai": ("open", "partial")}[kind]
    found: list[tuple[yaml.Node, str]] = []
    for key in keys:
        node = entries[key][1]
        items = r.sequence(node, what) if key == "probes" else [node]
        found += [(item, str(r.value(item))) for item in items]
    for node, probe in found:
        if probe not in probe_ids:
            r.fail(node, f"{what}: no probe '{probe}' in this rubric")
    return tuple(probe for _, probe in found)


def _check_ids(r: NodeReader, items: list[yaml.Node], criteria: tuple[Criterion, ...]) -> None:
    seen: set[str] = set()
    for item, criterion in zip(items, criteria, strict=True):
        if criterion.id in seen:
            r.fail(item, f"framework: duplicate id '{criterion.id}'")
        seen.add(criterion.id)
    for item, criterion in zip(items, criteria, strict=True):
        if criterion.stand_in is not None and criterion.stand_in not in seen:
            r.fail(item, f"framework item '{criterion.id}': stand_in '{criterion.stand_in}' "
                   "is no component of this framework")  # fmt: skip


# --- computing results ---------------------------------------------------------------------


ResultFn = Callable[[FrameworkSpec, Mapping[str, Outcome]], dict[str, Any]]
_RESULTS: dict[str, ResultFn] = {}
_SUMMARIES: dict[str, ResultFn] = {}


def register_result(kind: str, result: ResultFn, summary: ResultFn | None = None) -> None:
    """Say how a framework kind turns probe outcomes into its result (the frameworks
    package registers MOF, OSAID and EOSAI when the built-in evaluators load), and
    (`summary`) into only the parts of it a scan keeps, by the same rules."""
    _RESULTS[kind] = result
    if summary is not None:
        _SUMMARIES[kind] = summary


def framework_result(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """The framework's result from the outcomes of the rubric's probes, by probe id.

    A probe the rubric no longer has (disabled by a composing rubric) counts as
    undecided, never as met.
    """
    load_builtins()
    return _RESULTS[spec.kind](spec, outcomes)


def framework_summary(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """The parts of the framework's result a scan keeps (for MOF its "class"; for EOSAI
    its "score" and each dimension's "id" and "level"), worked out without the rest
    (components, reasons, evidence) when the framework registered a summary, else its
    whole result."""
    load_builtins()
    summary = _SUMMARIES.get(spec.kind) or _RESULTS[spec.kind]
    return summary(spec, outcomes)


def outcome_of(outcomes: Mapping[str, Outcome], probe: str) -> Outcome:
    found = outcomes.get(probe)
    if found is None:
        return Outcome.unknown(f"probe '{probe}' is not evaluated (disabled in this rubric)")
    return found


def grade_of(outcome: Outcome) -> str:
    return outcome.grade if isinstance(outcome, GradedOutcome) else ""
