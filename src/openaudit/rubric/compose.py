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

from openaudit.rubric.builder import RubricBuilder
from openaudit.rubric.model import LayerSpec, ProbeSpec, Rubric
from openaudit.rubric.nodes import Entries
from openaudit.rubric.registry import get_evaluator

TEXT_FIELDS = ("id", "version", "title", "source", "description")
TEXT_KEYS = ("question", "why", "remediation", "can_decide", "cannot_decide", "source")


def extend(b: RubricBuilder, root: yaml.Node, entries: Entries, parent: Rubric) -> Rubric:
    """The rubric a file extending `parent` describes, validated."""
    layers = _layers(b, parent.layers, entries.get("layers"))
    layer_ids = {layer.id for layer in layers}
    disabled = b.attempt(_disabled, b, parent, entries.get("disable")) or set()
    inherited = [p for p in parent.probes if p.id not in disabled]
    inherited = _overridden(b, inherited, disabled, entries.get("overrides"))
    added = b.probes(entries["probes"][1], layer_ids) if "probes" in entries else ()
    b.stop_if_wrong()
    _no_clash(b, entries, inherited, disabled, added)
    probes = (*inherited, *added)
    _check_layers(b, root, entries, layers, probes)
    framework = b.framework(entries, probes) if "framework" in entries else parent.framework
    text = {key: b.text(entries, key) for key in TEXT_FIELDS}
    # Title, source and description describe a rubric as written: the child's own, or
    # said to be the parent's, never passed off as the child's.
    text["title"] = text["title"] or f"based on {parent.id} ({parent.title})"
    text["source"] = text["source"] or f"{b.r.source}, based on {parent.id}"
    return Rubric(
        **text,
        layers=layers,
        probes=probes,
        path=b.r.source,
        extends=b.text(entries, "extends"),
        framework=framework,
    )


def _layers(
    b: RubricBuilder, parent: tuple[LayerSpec, ...], pair: tuple[yaml.Node, yaml.Node] | None
) -> tuple[LayerSpec, ...]:
    """The parent's layers with the child's changes, then the child's new layers."""
    if pair is None or not b.sound(pair[1]):
        return parent
    changed: dict[str, LayerSpec] = {}
    for key, (_, value) in b.r.mapping(pair[1], "layers").items():
        old = next((layer for layer in parent if layer.id == key), None)
        layer = b.attempt(_layer, b, old, value) if old else b.attempt(b.layer, key, value)
        if layer is not None:
            changed[key] = layer
    merged = [changed.pop(layer.id, layer) for layer in parent]
    return (*merged, *changed.values())


def _layer(b: RubricBuilder, layer: LayerSpec, node: yaml.Node) -> LayerSpec:
    """An inherited layer with some of its keys changed."""
    what = f"layers.{layer.id}"
    entries = b.r.mapping(node, what)
    thresholds = layer.thresholds
    if "thresholds" in entries:
        values = b.numbers(b.r.mapping(entries["thresholds"][1], f"{what}.thresholds"))
        old = {"open": thresholds.open, "partial": thresholds.partial}
        thresholds = b.thresholds(entries["thresholds"][1], f"{what}.thresholds", **old | values)
    return LayerSpec(
        layer.id,
        b.number(entries, "weight", layer.weight),
        thresholds,
        b.optional(entries, "title") or layer.title,
    )


def _disabled(
    b: RubricBuilder, parent: Rubric, pair: tuple[yaml.Node, yaml.Node] | None
) -> set[str]:
    if pair is None or not b.sound(pair[1]):
        return set()
    ids = {probe.id for probe in parent.probes}
    found: set[str] = set()
    for item in b.r.sequence(pair[1], "disable"):
        probe_id = str(b.r.value(item))
        if probe_id not in ids:
            b.attempt(b.r.fail, item, f"disable: the parent rubric has no probe '{probe_id}'")
        found.add(probe_id)
    return found


def _overridden(
    b: RubricBuilder,
    probes: list[ProbeSpec],
    disabled: set[str],
    pair: tuple[yaml.Node, yaml.Node] | None,
) -> list[ProbeSpec]:
    if pair is None or not isinstance(pair[1], yaml.MappingNode):
        return probes
    by_id = {probe.id: probe for probe in probes}
    for key, (key_node, value) in b.r.mapping(pair[1], "overrides").items():
        if key in disabled:
            b.attempt(b.r.fail, key_node, f"overrides: probe '{key}' is disabled in this rubric")
        elif key not in by_id:
            b.attempt(b.r.fail, key_node, f"overrides: the parent rubric has no probe '{key}'")
        elif b.sound(value):
            by_id[key] = b.attempt(_override, b, by_id[key], value) or by_id[key]
    return [by_id[probe.id] for probe in probes]


def _override(b: RubricBuilder, probe: ProbeSpec, node: yaml.Node) -> ProbeSpec:
    """An inherited probe with some of its keys changed (params merged, revalidated)."""
    what = f"overrides.{probe.id}"
    entries = b.r.mapping(node, what)
    changes: dict[str, Any] = {key: b.optional(entries, key) for key in TEXT_KEYS if key in entries}
    if "weight" in entries:
        changes["weight"] = b.number(entries, "weight", probe.weight)
    for key in ("cap_if_no", "cap_if_unknown"):
        if key in entries:
            changes[key] = b.level(entries[key])
    if "refs" in entries:
        changes["refs"] = b.strings(entries, "refs")
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
