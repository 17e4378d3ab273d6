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

KINDS = ("mof", "osaid", "eosai")
LIST_KEYS = {"mof": "components", "osaid": "requirements", "eosai": "dimensions"}
MOF_CLASSES = ("III", "II", "I")
ITEM_KEYS = {
    "mof": ("id", "name", "class", "type", "required", "probe", "stand_in"),
    "osaid": ("id", "name", "group", "probes"),
    "eosai": ("id", "name", "area", "open", "partial"),
}
ITEM_REQUIRED = {
    "mof": ("id", "name", "class", "probe"),
    "osaid": ("id", "name", "probes"),
    "eosai": ("id", "name", "area", "open", "partial"),
}


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


def parse_framework(r: NodeReader, node: yaml.Node, probe_ids: set[str]) -> FrameworkSpec:
    """Validate a `framework:` mapping; every probe it names must be in `probe_ids`."""
    entries = r.mapping(node, "framework")
    kind = r.string(entries["kind"][1], "framework.kind") if "kind" in entries else ""
    if kind not in KINDS:
        where = entries["kind"][1] if "kind" in entries else node
        r.fail(where, f"framework.kind: expected one of {', '.join(KINDS)}, got '{kind}'")
    list_key = LIST_KEYS[kind]
    r.keys(node, entries, "framework", ("kind", "source", "notes", list_key), ("kind", list_key))
    items = r.sequence(entries[list_key][1], f"framework.{list_key}")
    criteria = tuple(_criterion(r, item, kind, probe_ids) for item in items)
    _check_ids(r, items, criteria, kind)
    return FrameworkSpec(
        kind,
        criteria,
        source=_text(r, entries, "source", "framework"),
        notes=_text(r, entries, "notes", "framework"),
    )


def _text(r: NodeReader, entries: Entries, key: str, what: str) -> str:
    return r.string(entries[key][1], f"{what}.{key}") if key in entries else ""


def _criterion(r: NodeReader, node: yaml.Node, kind: str, probe_ids: set[str]) -> Criterion:
    what = f"framework.{LIST_KEYS[kind]}[]"
    entries = r.mapping(node, what)
    r.keys(node, entries, what, ITEM_KEYS[kind], ITEM_REQUIRED[kind])
    ident = _scalar_text(r, entries["id"][1], f"{what}.id")
    what = f"framework item '{ident}'"
    probes = _probes(r, entries, kind, what, probe_ids)
    group_key = {"mof": "class", "osaid": "group", "eosai": "area"}[kind]
    group = _text(r, entries, group_key, what)
    if kind == "mof" and group not in MOF_CLASSES:
        r.fail(entries["class"][1], f"{what}.class: expected one of {', '.join(MOF_CLASSES)}")
    required = True
    if "required" in entries:
        value = r.value(entries["required"][1])
        if not isinstance(value, bool):
            r.fail(entries["required"][1], f"{what}.required: expected true or false")
        required = value
    stand_in = _scalar_text(r, entries["stand_in"][1], what) if "stand_in" in entries else None
    name = r.string(entries["name"][1], f"{what}.name")
    kind_text = _text(r, entries, "type", what)
    return Criterion(ident, name, probes, group, required, stand_in, kind_text)


def _scalar_text(r: NodeReader, node: yaml.Node, what: str) -> str:
    """An id written as a string or a number ("10" or 10)."""
    value = r.value(node)
    if isinstance(value, bool) or not isinstance(value, str | int):
        r.fail(node, f"{what}: expected a string or an integer")
    return str(value)


def _probes(
    r: NodeReader, entries: Entries, kind: str, what: str, probe_ids: set[str]
) -> tuple[str, ...]:
    keys = {"mof": ("probe",), "osaid": ("probes",), "eosai": ("open", "partial")}[kind]
    found: list[tuple[yaml.Node, str]] = []
    for key in keys:
        node = entries[key][1]
        if key == "probes":
            found += [(item, r.string(item, f"{what}.probes")) for item in r.sequence(node, what)]
        else:
            found.append((node, r.string(node, f"{what}.{key}")))
    for node, probe in found:
        if probe not in probe_ids:
            r.fail(node, f"{what}: no probe '{probe}' in this rubric")
    if not found:
        r.fail(entries[keys[0]][1], f"{what}: expected at least one probe")
    return tuple(probe for _, probe in found)


def _check_ids(
    r: NodeReader, items: list[yaml.Node], criteria: tuple[Criterion, ...], kind: str
) -> None:
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


def register_result(kind: str, result: ResultFn) -> None:
    """Say how a framework kind turns probe outcomes into its result (the frameworks
    package registers MOF, OSAID and EOSAI when the built-in evaluators load)."""
    _RESULTS[kind] = result


def framework_result(spec: FrameworkSpec, outcomes: Mapping[str, Outcome]) -> dict[str, Any]:
    """The framework's result from the outcomes of the rubric's probes, by probe id.

    A probe the rubric no longer has (disabled by a composing rubric) counts as
    undecided, never as met.
    """
    load_builtins()
    return _RESULTS[spec.kind](spec, outcomes)


def outcome_of(outcomes: Mapping[str, Outcome], probe: str) -> Outcome:
    found = outcomes.get(probe)
    if found is None:
        return Outcome.unknown(f"probe '{probe}' is not evaluated (disabled in this rubric)")
    return found


def grade_of(outcome: Outcome) -> str:
    return outcome.grade if isinstance(outcome, GradedOutcome) else ""
