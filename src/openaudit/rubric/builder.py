"""Reading one rubric file's YAML nodes into a Rubric, with the checks a schema cannot make.

The file's structure (keys, types, enums, bounds, id patterns) is checked first
against its JSON Schema (rubric_schema.py); the builder then checks what needs
openaudit's knowledge: evaluators and their params, the layer each probe names,
duplicate probe ids, threshold order, layers left without probes, the `framework:`
section. A part the schema already found wrong is left alone, so each mistake is
reported once; independent parts are checked on after an error, so that one run
reports them all. `extends:` (composing a parent rubric) is compose.py; finding and
reading files is loader.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml

from openaudit.errors import RubricError
from openaudit.rubric.framework_spec import FrameworkSpec, parse_framework
from openaudit.rubric.model import LayerSpec, ProbeSpec, Rubric, Thresholds
from openaudit.rubric.nodes import Entries, NodeReader
from openaudit.rubric.registry import Evaluator, get_evaluator
from openaudit.rubric.rubric_schema import NO_ERRORS, SchemaCheck
from openaudit.verdict import LAYERS, Answer, Level

MAX_EXTENDS_DEPTH = 8
TEXT_FIELDS = ("id", "version", "title", "source", "description")
PROBE_TEXTS = ("can_decide", "cannot_decide", "source")
T = TypeVar("T")


class Stop(Exception):
    """Nothing more can be checked: what is wrong has been reported."""


def identity(source: str) -> str:
    """The key a rubric is known by in an extends chain (resolved path or shipped name)."""
    if source.startswith("rubrics/") or source.startswith("<"):
        return source
    return str(Path(source).resolve())


class RubricBuilder:
    """Turns a composed YAML node tree, its structure checked, into a validated Rubric.

    `chain` names the rubrics this one is read for (the files extending it, outermost
    first, then this one): `extends:` refuses to follow it round in a circle. `schema`
    holds the structural errors found, and where.
    """

    def __init__(
        self, reader: NodeReader, chain: tuple[str, ...] = (), schema: SchemaCheck = NO_ERRORS
    ) -> None:
        self.r = reader
        self.chain = (*chain, identity(reader.source))
        self.schema = schema
        self.errors: list[RubricError] = []  # independent errors found so far

    def attempt(self, build: Callable[..., T], *args: Any) -> T | None:
        """`build(*args)`, or None with its error kept, so that validation goes on to
        the next independent part (a layer, a probe, a field) and reports all at once."""
        try:
            return build(*args)
        except RubricError as exc:
            self.errors.append(exc)
            return None

    def sound(self, node: yaml.Node | None) -> bool:
        """True when the node is present and holds no structural error."""
        return node is not None and not self.schema.covers(node)

    def stop_if_wrong(self) -> None:
        """Stop before the whole-rubric checks: they would only repeat errors in other words."""
        if self.errors or self.schema.errors:
            raise Stop

    def rubric(self, root: yaml.Node, entries: Entries) -> Rubric:
        """A rubric that extends no other."""
        text = {key: self.text(entries, key) for key in TEXT_FIELDS}
        layers_node = entries["layers"][1] if "layers" in entries else None
        layers = self.layers(layers_node)
        # a probe is checked against every layer named, also one whose own entry was
        # wrong, and against any layer when a name was misspelt: that error is reported
        # once, not again for each of its probes
        sound = layers_node is not None and self.sound(layers_node)
        named = set(self.r.mapping(layers_node, "layers")) if layers_node and sound else set()
        if not sound or not named <= set(LAYERS):
            named |= set(LAYERS)
        probes = self.probes(entries["probes"][1], named) if "probes" in entries else ()
        self.stop_if_wrong()
        self.check_layers(entries["layers"][1], layers, probes)
        framework = self.framework(entries, probes)
        return Rubric(**text, layers=layers, probes=probes, path=self.r.source, framework=framework)

    def framework(self, entries: Entries, probes: tuple[ProbeSpec, ...]) -> FrameworkSpec | None:
        """The validated `framework:` section, or None."""
        if "framework" not in entries:
            return None
        ids = {probe.id for probe in probes}
        return parse_framework(self.r, entries["framework"][1], ids)

    def text(self, entries: Entries, key: str) -> str:
        """A text field of the rubric itself ('' when absent or wrong)."""
        node = entries[key][1] if key in entries else None
        return str(self.r.value(node)) if node is not None and self.sound(node) else ""

    def layers(self, node: yaml.Node | None) -> tuple[LayerSpec, ...]:
        """The layers whose entries are sound, in file order."""
        if node is None or not isinstance(node, yaml.MappingNode):
            return ()
        layers = []
        for key, (_, value) in self.r.mapping(node, "layers").items():
            if key in LAYERS and self.sound(value):
                layer = self.attempt(self.layer, key, value)
                if layer is not None:
                    layers.append(layer)
        return tuple(layers)

    def layer(self, layer_id: str, node: yaml.Node) -> LayerSpec:
        """One layer: weight (default 1), thresholds, title."""
        what = f"layers.{layer_id}"
        entries = self.r.mapping(node, what)
        weight = self.number(entries, "weight", 1.0)
        if "thresholds" not in entries:  # a new layer of a rubric that extends another
            self.r.fail(node, f"{what}: missing required key 'thresholds'")
        node = entries["thresholds"][1]
        values = self.r.mapping(node, f"{what}.thresholds")
        thresholds = self.thresholds(node, f"{what}.thresholds", **self.numbers(values))
        title = self.r.string(entries["title"][1], f"{what}.title") if "title" in entries else ""
        return LayerSpec(layer_id, weight, thresholds, title)

    def thresholds(self, node: yaml.Node, what: str, open: float, partial: float) -> Thresholds:
        """Thresholds in order: open above partial."""
        if partial >= open:
            self.r.fail(
                node, f"{what}: out of order, expected open ({open:g}) above partial ({partial:g})"
            )
        return Thresholds(open, partial)

    def numbers(self, entries: Entries) -> dict[str, float]:
        """A mapping of numbers, as floats."""
        return {key: float(self.r.value(value)) for key, (_, value) in entries.items()}

    def number(self, entries: Entries, key: str, default: float) -> float:
        """A number field, or the default when absent."""
        return float(self.r.value(entries[key][1])) if key in entries else default

    def probes(self, node: yaml.Node, layers: set[str]) -> tuple[ProbeSpec, ...]:
        """The sound probes, each id once."""
        probes: list[ProbeSpec] = []
        seen: set[str] = set()
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        for item in items:
            if not self.sound(item):
                continue
            probe = self.attempt(self.probe, item, layers)
            if probe is None:
                continue
            if probe.id in seen:
                self.attempt(
                    self.r.fail,
                    self.r.mapping(item, "probe")["id"][1],
                    f"duplicate probe id '{probe.id}'",
                )
                continue
            seen.add(probe.id)
            probes.append(probe)
        return tuple(probes)

    def probe(self, node: yaml.Node, layers: set[str]) -> ProbeSpec:
        """One probe: its layer must be one of `layers`, its evaluator and params known."""
        entries = self.r.mapping(node, "probe")
        probe_id = str(self.r.value(entries["id"][1]))
        what = f"probe '{probe_id}'"
        layer_node = entries["layer"][1]
        layer = str(self.r.value(layer_node))
        if layer not in layers:
            self.r.fail(
                layer_node,
                f"{what}: unknown layer '{layer}'; the rubric defines {', '.join(sorted(layers))}",
            )
        spec = self.evaluator(entries["evaluator"][1], what)
        texts = {key: self.optional(entries, key) for key in ("why", *PROBE_TEXTS)}
        return ProbeSpec(
            id=probe_id,
            layer=layer,
            question=str(self.r.value(entries["question"][1])),
            evaluator=spec.name,
            params=self.params(spec, entries.get("params"), node, what),
            weight=self.number(entries, "weight", 1.0),
            cap_if_no=self.level(entries.get("cap_if_no")),
            cap_if_unknown=self.level(entries.get("cap_if_unknown")),
            remediation=str(self.r.value(entries["remediation"][1])),
            refs=self.strings(entries, "refs"),
            summary=self.summary(entries.get("summary")),
            **texts,
        )

    def evaluator(self, node: yaml.Node, what: str) -> Evaluator:
        """The registered evaluator a probe names."""
        name = str(self.r.value(node))
        spec = get_evaluator(name)
        if spec is None:
            self.r.fail(node, f"{what}: unknown evaluator '{name}'")
        return spec

    def params(
        self,
        spec: Evaluator,
        pair: tuple[yaml.Node, yaml.Node] | None,
        probe: yaml.Node,
        what: str,
        base: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Validated params; `base` holds a parent rubric's params that these override."""
        where = pair[1] if pair else probe
        entries = self.r.mapping(pair[1], f"{what}.params") if pair else {}
        given: dict[str, Any] = dict(base or {})
        for key, (key_node, value_node) in entries.items():
            param = spec.params.get(key)
            if param is None:
                known = ", ".join(spec.params) or "none"
                self.r.fail(
                    key_node,
                    f"{what}: evaluator '{spec.name}' has no param '{key}' (params: {known})",
                )
            value = self.r.value(value_node)
            problem = param.check(value)
            if problem:
                self.r.fail(value_node, f"{what}.params.{key}: {problem}, got {value!r}")
            given[key] = value
        missing = [
            name for name, param in spec.params.items() if param.required and name not in given
        ]
        if missing:
            self.r.fail(where, f"{what}: evaluator '{spec.name}' needs param '{missing[0]}'")
        problem = spec.problem(given)
        if problem:
            self.r.fail(where, f"{what}.params: {problem}")
        return given

    def level(self, pair: tuple[yaml.Node, yaml.Node] | None) -> Level | None:
        """A level (a cap), or None when absent."""
        return cast(Level, self.r.value(pair[1])) if pair else None

    def optional(self, entries: Entries, key: str) -> str:
        """An optional text, '' when absent."""
        return str(self.r.value(entries[key][1])) if key in entries else ""

    def strings(self, entries: Entries, key: str) -> tuple[str, ...]:
        """A list of texts, () when absent."""
        if key not in entries:
            return ()
        return tuple(str(self.r.value(item)) for item in self.r.sequence(entries[key][1], key))

    def summary(self, pair: tuple[yaml.Node, yaml.Node] | None) -> dict[Answer, str]:
        """What each answer means for this probe (`yes`, `no`, `unknown`)."""
        if pair is None:
            return {}
        entries = self.r.mapping(pair[1], "summary")
        return {cast(Answer, key): str(self.r.value(value)) for key, (_, value) in entries.items()}

    def check_layers(
        self, node: yaml.Node, layers: tuple[LayerSpec, ...], probes: tuple[ProbeSpec, ...]
    ) -> None:
        """Every layer has a probe, and not every one of them weighs 0."""
        entries = self.r.mapping(node, "layers")
        for layer in layers:
            own = [probe for probe in probes if probe.layer == layer.id]
            if not own:
                self.r.fail(entries[layer.id][0], f"layer '{layer.id}' has no probes")
            if sum(probe.weight for probe in own) <= 0:
                self.r.fail(entries[layer.id][0], f"layer '{layer.id}': every probe weighs 0")
