"""Reading one rubric file's YAML nodes into a validated Rubric (layers, probes, params).

`extends:` (composing a parent rubric) is compose.py; finding and reading files is
loader.py. Every error names the file's line and column; independent parts are
checked on after an error, so that one run reports them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast, get_args

import yaml

from openaudit.errors import RubricError
from openaudit.rubric.framework_spec import FrameworkSpec, parse_framework
from openaudit.rubric.model import LayerSpec, ProbeSpec, Rubric, Thresholds
from openaudit.rubric.nodes import Entries, NodeReader
from openaudit.rubric.registry import Evaluator, get_evaluator
from openaudit.verdict import LAYERS, LEVELS, Answer, Level

ROOT_KEYS = (
    "id", "version", "title", "source", "description", "extends", "layers", "probes",
    "overrides", "disable", "framework",
)  # fmt: skip
MAX_EXTENDS_DEPTH = 8
LAYER_KEYS = ("weight", "thresholds", "title")
PROBE_KEYS = (
    "id", "layer", "question", "evaluator", "params", "weight", "cap_if_no",
    "cap_if_unknown", "why", "remediation", "refs", "summary", "can_decide",
    "cannot_decide", "source",
)  # fmt: skip
PROBE_TEXTS = ("can_decide", "cannot_decide", "source")
RUBRIC_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
PROBE_REQUIRED = ("id", "layer", "question", "evaluator", "remediation")
ANSWERS: tuple[str, ...] = get_args(Answer)
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$")
MAX_REPORTED_ERRORS = 50  # per file: enough to fix a file in one pass
T = TypeVar("T")


def identity(source: str) -> str:
    """The key a rubric is known by in an extends chain (resolved path or shipped name)."""
    if source.startswith("rubrics/") or source.startswith("<"):
        return source
    return str(Path(source).resolve())


class RubricBuilder:
    """Turns a composed YAML node tree into a validated Rubric.

    `chain` names the rubrics this one is read for (the files extending it, outermost
    first, then this one): `extends:` refuses to follow it round in a circle.
    """

    def __init__(self, reader: NodeReader, chain: tuple[str, ...] = ()) -> None:
        self.r = reader
        self.chain = (*chain, identity(reader.source))
        self.errors: list[RubricError] = []  # independent errors found so far

    def attempt(self, build: Callable[..., T], *args: Any) -> T | None:
        """`build(*args)`, or None with its error kept, so that validation goes on to
        the next independent part (a layer, a probe, a field) and reports all at once."""
        try:
            return build(*args)
        except RubricError as exc:
            self.errors.append(exc)
            return None

    def rubric(self, root: yaml.Node, entries: Entries) -> Rubric:
        """A rubric that extends no other."""
        self.attempt(self.r.keys, root, entries, "rubric", ROOT_KEYS, ())
        required = ("id", "version", "title", "layers", "probes")
        self.r.keys(root, entries, "rubric", (*entries,), required)
        text = {
            key: self.attempt(self.text, entries, key, "rubric") or ""
            for key in ("id", "version", "title", "source", "description")
        }
        layers = self.layers(entries["layers"][1])
        # a probe is checked against every layer named, also one whose own entry was
        # wrong, and against any layer when a name was misspelt: that error is reported
        # once, not again for each of its probes
        named = set(self.r.mapping(entries["layers"][1], "layers"))
        if not named <= set(LAYERS):
            named |= set(LAYERS)
        probes = self.probes(entries["probes"][1], named)
        for key in ("overrides", "disable"):
            if key in entries:
                problem = f"rubric.{key}: only allowed with `extends:`"
                self.attempt(self.r.fail, entries[key][0], problem)
        if self.errors:  # the checks below would only repeat them in other words
            raise self.errors.pop()
        self.check_layers(entries["layers"][1], layers, probes)
        framework = self.framework(entries, probes)
        return Rubric(**text, layers=layers, probes=probes, path=self.r.source, framework=framework)

    def framework(self, entries: Entries, probes: tuple[ProbeSpec, ...]) -> FrameworkSpec | None:
        """The validated `framework:` section, or None."""
        if "framework" not in entries:
            return None
        ids = {probe.id for probe in probes}
        return parse_framework(self.r, entries["framework"][1], ids)

    def text(self, entries: Entries, key: str, what: str) -> str:
        if key not in entries:
            return ""
        value = entries[key][1]
        if key == "version" and not isinstance(self.r.value(value), str):
            self.r.fail(value, f'{what}.version: expected a string (quote it: "1.0")')
        text = self.r.string(value, f"{what}.{key}")
        # ids and versions are shown in reports and used as file names: plain tokens only
        if key in ("id", "version") and not RUBRIC_TOKEN.match(text):
            self.r.fail(value, f"{what}.{key}: expected letters, digits, '.', '_' or '-'")
        return text

    def layers(self, node: yaml.Node) -> tuple[LayerSpec, ...]:
        layers = []
        for key, (key_node, value) in self.r.mapping(node, "layers").items():
            if key not in LAYERS:
                self.attempt(
                    self.r.fail,
                    key_node,
                    f"unknown layer '{key}'; expected one of {', '.join(LAYERS)}",
                )
                continue
            layer = self.attempt(self.layer, key, value)
            if layer is not None:
                layers.append(layer)
        if not layers and not self.errors:
            self.r.fail(node, "layers: expected at least one layer")
        return tuple(layers)

    def layer(self, layer_id: str, node: yaml.Node) -> LayerSpec:
        what = f"layers.{layer_id}"
        entries = self.r.mapping(node, what)
        self.r.keys(node, entries, what, LAYER_KEYS, ("thresholds",))
        weight = (
            self.r.number(entries["weight"][1], f"{what}.weight") if "weight" in entries else 1.0
        )
        thresholds = self.thresholds(entries["thresholds"][1], f"{what}.thresholds")
        title = self.r.string(entries["title"][1], f"{what}.title") if "title" in entries else ""
        return LayerSpec(layer_id, weight, thresholds, title)

    def thresholds(self, node: yaml.Node, what: str) -> Thresholds:
        entries = self.r.mapping(node, what)
        self.r.keys(node, entries, what, ("open", "partial"), ("open", "partial"))
        high = self.r.number(entries["open"][1], f"{what}.open", high=100)
        low = self.r.number(entries["partial"][1], f"{what}.partial", high=100)
        if low >= high:
            self.r.fail(
                node, f"{what}: out of order, expected open ({high:g}) above partial ({low:g})"
            )
        return Thresholds(high, low)

    def probes(self, node: yaml.Node, layers: set[str]) -> tuple[ProbeSpec, ...]:
        probes: list[ProbeSpec] = []
        seen: set[str] = set()
        for item in self.r.sequence(node, "probes"):
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
        entries = self.r.mapping(node, "probe")
        self.r.keys(node, entries, "probe", PROBE_KEYS, PROBE_REQUIRED[:1])
        probe_id = self.r.string(entries["id"][1], "probe.id")
        what = f"probe '{probe_id}'"
        if not ID_PATTERN.match(probe_id):
            self.r.fail(entries["id"][1], f"{what}: ids are lowercase words joined by dots")
        self.r.keys(node, entries, what, PROBE_KEYS, PROBE_REQUIRED)
        layer_node = entries["layer"][1]
        layer = self.r.string(layer_node, f"{what}.layer")
        if layer not in layers:
            self.r.fail(
                layer_node,
                f"{what}: unknown layer '{layer}'; the rubric defines {', '.join(sorted(layers))}",
            )
        spec = self.evaluator(entries["evaluator"][1], what)
        return ProbeSpec(
            id=probe_id,
            layer=layer,
            question=self.r.string(entries["question"][1], f"{what}.question"),
            evaluator=spec.name,
            params=self.params(spec, entries.get("params"), node, what),
            weight=self.r.number(entries["weight"][1], f"{what}.weight")
            if "weight" in entries
            else 1.0,
            cap_if_no=self.level(entries.get("cap_if_no"), f"{what}.cap_if_no"),
            cap_if_unknown=self.level(entries.get("cap_if_unknown"), f"{what}.cap_if_unknown"),
            why=self.optional(entries.get("why"), f"{what}.why"),
            remediation=self.r.string(entries["remediation"][1], f"{what}.remediation"),
            refs=self.r.strings(entries["refs"][1], f"{what}.refs") if "refs" in entries else (),
            summary=self.summary(entries.get("summary"), f"{what}.summary"),
            **{key: self.optional(entries.get(key), f"{what}.{key}") for key in PROBE_TEXTS},
        )

    def evaluator(self, node: yaml.Node, what: str) -> Evaluator:
        name = self.r.string(node, f"{what}.evaluator")
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

    def level(self, pair: tuple[yaml.Node, yaml.Node] | None, what: str) -> Level | None:
        if pair is None:
            return None
        value = self.r.string(pair[1], what)
        if value not in LEVELS:
            self.r.fail(pair[1], f"{what}: expected one of {', '.join(LEVELS)}, got '{value}'")
        return value

    def optional(self, pair: tuple[yaml.Node, yaml.Node] | None, what: str) -> str:
        return self.r.string(pair[1], what) if pair else ""

    def summary(self, pair: tuple[yaml.Node, yaml.Node] | None, what: str) -> dict[Answer, str]:
        if pair is None:
            return {}
        entries = self.r.mapping(pair[1], what)
        self.r.keys(pair[1], entries, what, ANSWERS, ())
        return {
            cast(Answer, key): self.r.string(value, f"{what}.{key}", empty=True)
            for key, (_, value) in entries.items()
        }

    def check_layers(
        self, node: yaml.Node, layers: tuple[LayerSpec, ...], probes: tuple[ProbeSpec, ...]
    ) -> None:
        entries = self.r.mapping(node, "layers")
        for layer in layers:
            own = [probe for probe in probes if probe.layer == layer.id]
            if not own:
                self.r.fail(entries[layer.id][0], f"layer '{layer.id}' has no probes")
            if sum(probe.weight for probe in own) <= 0:
                self.r.fail(entries[layer.id][0], f"layer '{layer.id}': every probe weighs 0")
