"""Rubric composition: `extends:` another rubric, then change it without Python.

    extends: mof                  # a shipped rubric, or a path relative to this file
    id: mof-strict
    version: "1"
    layers:                       # override a parent layer (any of its keys) or add one
      weights: {weight: 5, thresholds: {open: 90}}
    overrides:                    # change inherited probes
      mof.final_parameters: {weight: 3, cap_if_no: closed}
    disable: [mof.sample_outputs] # drop inherited probes
    probes: [...]                 # add probes composed from the evaluator library
    framework: {...}              # replace the parent's framework section

Everything not given is inherited (layers, probes and the framework section)
except what describes the rubric itself: without its own title it is "based on
<parent> (<parent's title>)", without its own source its file "based on <parent>",
and it has no description but its own. A framework criterion whose probe is disabled comes
out undecided, never met. Every error names the child file's line and column;
errors inside the parent name the parent's.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from openaudit.rubric.builder import LAYER_KEYS, RubricBuilder
from openaudit.rubric.model import LayerSpec, ProbeSpec, Rubric, Thresholds
from openaudit.rubric.nodes import Entries
from openaudit.rubric.registry import get_evaluator
from openaudit.verdict import LAYERS

OVERRIDE_KEYS = (
    "weight", "cap_if_no", "cap_if_unknown", "params", "question", "why", "remediation",
    "refs", "can_decide", "cannot_decide", "source",
)  # fmt: skip
TEXT_FIELDS = ("id", "version", "title", "source", "description")
TEXT_KEYS = ("question", "why", "remediation", "can_decide", "cannot_decide", "source")


def extend(b: RubricBuilder, root: yaml.Node, entries: Entries, parent: Rubric) -> Rubric:
    """The rubric a file extending `parent` describes, validated."""
    layers = _layers(b, parent.layers, entries.get("layers"))
    layer_ids = {layer.id for layer in layers}
    disabled = _disabled(b, parent, entries.get("disable"))
    inherited = [p for p in parent.probes if p.id not in disabled]
    inherited = _overridden(b, inherited, disabled, entries.get("overrides"))
    added = b.probes(entries["probes"][1], layer_ids) if "probes" in entries else ()
    if b.errors:  # the checks below would only repeat them in other words
        raise b.errors.pop()
    _no_clash(b, entries, inherited, disabled, added)
    probes = (*inherited, *added)
    _check_layers(b, root, entries, layers, probes)
    framework = b.framework(entries, probes) if "framework" in entries else parent.framework
    text = {key: b.text(entries, key, "rubric") for key in TEXT_FIELDS}
    # Title, source and description describe a rubric as written: the child's own, or
    # said to be the parent's, never passed off as the child's.
    text["title"] = text["title"] or f"based on {parent.id} ({parent.title})"
    text["source"] = text["source"] or f"{b.r.source}, based on {parent.id}"
    extends = b.r.string(entries["extends"][1], "rubric.extends")
    return Rubric(
        **text,
        layers=layers,
        probes=probes,
        path=b.r.source,
        extends=extends,
        framework=framework,
    )


def _layers(
    b: RubricBuilder, parent: tuple[LayerSpec, ...], pair: tuple[yaml.Node, yaml.Node] | None
) -> tuple[LayerSpec, ...]:
    """The parent's layers with the child's changes, then the child's new layers."""
    if pair is None:
        return parent
    known = {layer.id: layer for layer in parent}
    changed: dict[str, LayerSpec] = {}
    for key, (key_node, value) in b.r.mapping(pair[1], "layers").items():
        if key not in LAYERS:
            b.r.fail(key_node, f"unknown layer '{key}'; expected one of {', '.join(LAYERS)}")
        changed[key] = _layer(b, known[key], value) if key in known else b.layer(key, value)
    merged = [changed.pop(layer.id, layer) for layer in parent]
    return (*merged, *changed.values())


def _layer(b: RubricBuilder, layer: LayerSpec, node: yaml.Node) -> LayerSpec:
    """An inherited layer with some of its keys changed."""
    what = f"layers.{layer.id}"
    entries = b.r.mapping(node, what)
    b.r.keys(node, entries, what, LAYER_KEYS, ())
    weight = b.r.number(entries["weight"][1], f"{what}.weight") if "weight" in entries else None
    title = b.r.string(entries["title"][1], f"{what}.title") if "title" in entries else None
    thresholds = layer.thresholds
    if "thresholds" in entries:
        thresholds = _thresholds(b, layer.thresholds, entries["thresholds"][1], what)
    return LayerSpec(
        layer.id,
        layer.weight if weight is None else weight,
        thresholds,
        layer.title if title is None else title,
    )


def _thresholds(b: RubricBuilder, old: Thresholds, node: yaml.Node, what: str) -> Thresholds:
    what = f"{what}.thresholds"
    entries = b.r.mapping(node, what)
    b.r.keys(node, entries, what, ("open", "partial"), ())
    high, low = old.open, old.partial
    if "open" in entries:
        high = b.r.number(entries["open"][1], f"{what}.open", high=100)
    if "partial" in entries:
        low = b.r.number(entries["partial"][1], f"{what}.partial", high=100)
    if low >= high:
        b.r.fail(node, f"{what}: out of order, expected open ({high:g}) above partial ({low:g})")
    return Thresholds(high, low)


def _disabled(
    b: RubricBuilder, parent: Rubric, pair: tuple[yaml.Node, yaml.Node] | None
) -> set[str]:
    if pair is None:
        return set()
    ids = {probe.id for probe in parent.probes}
    found: set[str] = set()
    for item in b.r.sequence(pair[1], "disable"):
        probe_id = b.r.string(item, "disable")
        if probe_id not in ids:
            b.r.fail(item, f"disable: the parent rubric has no probe '{probe_id}'")
        found.add(probe_id)
    return found


def _overridden(
    b: RubricBuilder,
    probes: list[ProbeSpec],
    disabled: set[str],
    pair: tuple[yaml.Node, yaml.Node] | None,
) -> list[ProbeSpec]:
    if pair is None:
        return probes
    by_id = {probe.id: probe for probe in probes}
    for key, (key_node, value) in b.r.mapping(pair[1], "overrides").items():
        if key in disabled:
            b.r.fail(key_node, f"overrides: probe '{key}' is disabled in this rubric")
        if key not in by_id:
            b.r.fail(key_node, f"overrides: the parent rubric has no probe '{key}'")
        by_id[key] = _override(b, by_id[key], value)
    return [by_id[probe.id] for probe in probes]


def _override(b: RubricBuilder, probe: ProbeSpec, node: yaml.Node) -> ProbeSpec:
    """An inherited probe with some of its keys changed (params merged, revalidated)."""
    what = f"overrides.{probe.id}"
    entries = b.r.mapping(node, what)
    b.r.keys(node, entries, what, OVERRIDE_KEYS, ())
    changes: dict[str, Any] = {
        key: b.r.string(entries[key][1], f"{what}.{key}") for key in TEXT_KEYS if key in entries
    }
    if "weight" in entries:
        changes["weight"] = b.r.number(entries["weight"][1], f"{what}.weight")
    for key in ("cap_if_no", "cap_if_unknown"):
        if key in entries:
            changes[key] = b.level(entries[key], f"{what}.{key}")
    if "refs" in entries:
        changes["refs"] = b.r.strings(entries["refs"][1], f"{what}.refs")
    if "params" in entries:
        spec = get_evaluator(probe.evaluator)
        assert spec is not None  # the parent was validated
        changes["params"] = b.params(spec, entries["params"], node, what, base=probe.params)
    return dataclasses.replace(probe, **changes)


def _no_clash(
    b: RubricBuilder,
    entries: Entries,
    inherited: list[ProbeSpec],
    disabled: set[str],
    added: tuple[ProbeSpec, ...],
) -> None:
    if not added:
        return
    ids = {probe.id for probe in inherited} | disabled
    for probe, item in zip(added, b.r.sequence(entries["probes"][1], "probes"), strict=False):
        if probe.id in ids:
            node = b.r.mapping(item, "probe")["id"][1]
            b.r.fail(node, f"duplicate probe id '{probe.id}': the parent has it (use overrides)")


def _check_layers(
    b: RubricBuilder,
    root: yaml.Node,
    entries: Entries,
    layers: tuple[LayerSpec, ...],
    probes: tuple[ProbeSpec, ...],
) -> None:
    """Every layer keeps a probe with weight; blame the child's disable list, else its root."""
    where = entries["disable"][0] if "disable" in entries else root
    for layer in layers:
        own = [probe for probe in probes if probe.layer == layer.id]
        if not own:
            b.r.fail(where, f"layer '{layer.id}' has no probes left")
        if sum(probe.weight for probe in own) <= 0:
            b.r.fail(where, f"layer '{layer.id}': every probe weighs 0")
