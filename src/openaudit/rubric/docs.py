"""Documentation generated from rubrics and the evaluator registry.

Rubric pages (`docs/rubrics/<id>.md`), the evaluator library
(`docs/evaluators.md`), the JSON form `openaudit rubrics show` prints and the
probe lookup behind `openaudit explain` are all derived here from the same data
the engine runs, so the docs cannot say something the engine does not do. The
output is deterministic: no dates, no machine-specific paths. The reasons an
evaluator gives are read in `openaudit.rubric.outcomes`; the probe lookup lives
in `openaudit.rubric.lookup` (both re-exported here).

Regenerate the committed docs with `python -m openaudit.rubric.docs docs`, or:

    openaudit rubrics docs --all --output-dir docs/rubrics
    openaudit rubrics docs --evaluators --output docs/evaluators.md
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from openaudit.rubric.loader import list_shipped_rubrics, load_rubric
from openaudit.rubric.lookup import ProbeMatch as ProbeMatch
from openaudit.rubric.lookup import close_probe_ids as close_probe_ids
from openaudit.rubric.lookup import find_probe as find_probe
from openaudit.rubric.lookup import shipped_rubrics as shipped_rubrics
from openaudit.rubric.model import LayerSpec, ProbeSpec, Rubric
from openaudit.rubric.outcomes import ANSWERS
from openaudit.rubric.outcomes import evaluator_outcomes as evaluator_outcomes
from openaudit.rubric.registry import Evaluator, evaluators

REGENERATE = (
    "openaudit rubrics docs --all --output-dir docs/rubrics && "
    "openaudit rubrics docs --evaluators --output docs/evaluators.md"
)
# Fields with their own place in the docs; any other field a rubric or probe gains
# (framework data such as can_decide / cannot_decide) is rendered generically.
PROBE_FIELDS = frozenset(
    {"id", "layer", "question", "evaluator", "params", "weight", "cap_if_no",
     "cap_if_unknown", "why", "remediation", "refs", "summary"}
)  # fmt: skip
RUBRIC_FIELDS = frozenset(
    {"id", "version", "title", "source", "description", "path", "layers", "probes"}
)
READ_PREFIXES = (
    ("README.md", "the model card body: sections, tables and links"),
    ("card:KEY", "a field of the card's YAML metadata"),
    ("api:FIELD", "a field of the Hub's model API (tags, gating, library)"),
    ("files", "the repository's file listing"),
    ("file:GLOB", "the text of repository files, such as LICENSE"),
    ("datasets:ID", "a declared dataset's Hub metadata and card"),
    ("models:BASE", "a base model's Hub metadata and card"),
)
OUTCOME_MEANING = {
    "yes": "the evidence shows what the evaluator checks.",
    "no": "the evidence shows it does not hold.",
    "unknown": "the evidence it reads is missing or cannot decide.",
}
SCORING_RULES = (
    "Every probe answers **yes**, **no** or **unknown**. A layer's score is "
    "100 x (weight answered yes) / (weight answered yes or no): unknown answers "
    "leave the denominator and never count as yes. When unknown answers carry more "
    "than half of a layer's probe weight, or nothing was decided, the layer is "
    "`unknown`. Otherwise its thresholds give the level (`open` at or above *open*, "
    "`partial` at or above *partial*, else `closed`), and then every probe answered "
    "no (or unknown) lowers the layer to at most its cap."
)
OVERALL_RULE = (
    "Overall, a model is `open` when every layer is open, `closed` when weights or "
    "usage limits are closed, `unknown` when either of them is unknown, and `partial` "
    "otherwise. The overall score is the layer-weighted mean of the layer scores."
)


# --- Markdown helpers ---------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _text(value: object) -> str:
    """Rubric text without control characters, whitespace collapsed."""
    return " ".join(_CONTROL.sub("", str(value)).split())


def _cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    return _text(value).replace("\\", "\\\\").replace("|", "\\|")


def _code(value: object) -> str:
    """Inline code, with a fence long enough for any backticks inside."""
    text = _text(value)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def _number(value: float) -> str:
    return f"{value:g}"


def _json(value: Any) -> str:
    return json.dumps(plain(value), ensure_ascii=False, sort_keys=False)


def plain(value: Any) -> Any:
    """JSON-ready data for a field value: tuples to lists, dataclasses to dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return value


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def extra_fields(obj: object, known: frozenset[str]) -> list[tuple[str, Any]]:
    """The non-empty dataclass fields of `obj` outside `known`, in declaration order."""
    if not dataclasses.is_dataclass(obj):
        return []
    found = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name not in known and value not in (None, "", (), [], {}):
            found.append((f.name, value))
    return found


def _value_lines(value: Any, indent: str = "") -> list[str]:
    """Any plain value as Markdown: a paragraph, or (nested) bullet lists."""
    value = plain(value)
    if isinstance(value, dict):
        return _bullets(((f" {_text(key)}:", item) for key, item in value.items()), indent)
    if isinstance(value, list):
        return _bullets((("", item) for item in value), indent)
    return [f"{indent}{_scalar(value)}"]


def _bullets(entries: Iterable[tuple[str, Any]], indent: str) -> list[str]:
    """One bullet per (label, value); a dict or list value nests under its bullet."""
    lines = []
    for label, item in entries:
        if isinstance(item, dict | list):
            lines.append(f"{indent}-{label}")
            lines.extend(_value_lines(item, indent + "  "))
        else:
            lines.append(f"{indent}-{label} {_scalar(item)}")
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return _code(json.dumps(value))
    if isinstance(value, float):
        return _number(value)
    return _text(value)


def _extras(obj: object, known: frozenset[str]) -> list[str]:
    lines: list[str] = []
    for name, value in extra_fields(obj, known):
        data = plain(value)
        if isinstance(data, dict):
            lines += ["", f"**{_label(name)}:**", *_mapping_blocks(data)]
        elif isinstance(data, list):
            lines += ["", f"**{_label(name)}:**", "", *_list_block(data)]
        else:
            lines += ["", f"**{_label(name)}:** {_scalar(data)}"]
    return lines


def _mapping_blocks(data: dict[str, Any]) -> list[str]:
    """A mapping: scalars as one bullet list, each list or mapping under its own label."""
    scalars = [f"- {_text(k)}: {_scalar(v)}" for k, v in data.items() if not _nested(v)]
    lines = ["", *scalars] if scalars else []
    for key, item in data.items():
        if _nested(item):
            block = _list_block(item) if isinstance(item, list) else _value_lines(item)
            lines += ["", f"*{_label(key)}:*", "", *block]
    return lines


def _list_block(items: list[Any]) -> list[str]:
    """A list of flat records as a table, anything else as (nested) bullets."""
    if items and all(isinstance(item, dict) and _flat(item) for item in items):
        columns = list(dict.fromkeys(key for item in items for key in item))
        lines = [f"| {' | '.join(_cell(c) for c in columns)} |", "|---" * len(columns) + "|"]
        for item in items:
            cells = [_cell(_flat_text(item.get(column))) for column in columns]
            lines.append(f"| {' | '.join(cells)} |")
        return lines
    return _value_lines(items)


def _nested(value: Any) -> bool:
    return isinstance(value, dict | list)


def _flat(record: dict[str, Any]) -> bool:
    return all(not _nested(v) or (isinstance(v, list) and not any(map(_nested, v)))
               for v in record.values())  # fmt: skip


def _flat_text(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, list):
        return ", ".join(_flat_text(item) for item in value) or "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _scalar(value)


# --- probes and caps ------------------------------------------------------------------


def caps_text(probe: ProbeSpec) -> str:
    """The caps a probe puts on its layer, e.g. 'no → closed, unknown → unknown'."""
    caps = ((answer, probe.cap_for(answer)) for answer in ("no", "unknown"))
    return ", ".join(f"{answer} → {cap}" for answer, cap in caps if cap is not None)


def params_text(params: Mapping[str, Any]) -> str:
    """Params as `key=value` pairs in JSON notation (empty: '')."""
    return ", ".join(f"{key}={_json(value)}" for key, value in params.items())


def layer_title(layer: LayerSpec) -> str:
    """'Weights (`weights`)', or the id alone when the layer has no title."""
    return f"{_text(layer.title)} (`{layer.id}`)" if layer.title else f"`{layer.id}`"


# --- a rubric as Markdown ------------------------------------------------------------------


def rubric_markdown(rubric: Rubric) -> str:
    """One Markdown page documenting a rubric: how levels are derived, then every probe."""
    lines = [
        f"# {_text(rubric.title or rubric.id)}",
        "",
        f"<!-- Generated by `openaudit rubrics docs {rubric.id}` from the rubric YAML; "
        "edit the YAML and regenerate, not this file. -->",
        "",
        "| | |",
        "|---|---|",
        f"| id | `{rubric.id}` |",
        f"| version | {_cell(rubric.version)} |",
    ]
    if rubric.source:
        lines.append(f"| source | {_cell(rubric.source)} |")
    lines.append(f"| probes | {len(rubric.probes)} in {len(rubric.layers)} layers |")
    if rubric.description:
        lines += ["", _text(rubric.description)]
    lines += _extras(rubric, RUBRIC_FIELDS)
    lines += _levels_section(rubric)
    for layer in rubric.layers:
        lines += _layer_section(rubric, layer)
    return "\n".join(lines) + "\n"


def _levels_section(rubric: Rubric) -> list[str]:
    lines = [
        "",
        "## How levels are derived",
        "",
        SCORING_RULES,
        "",
        "| layer | layer weight | open at | partial at | probes |",
        "|---|---|---|---|---|",
    ]
    for layer in rubric.layers:
        lines.append(
            f"| {_cell(layer_title(layer))} | {_number(layer.weight)} "
            f"| ≥ {_number(layer.thresholds.open)} | ≥ {_number(layer.thresholds.partial)} "
            f"| {len(rubric.probes_of(layer.id))} |"
        )
    capped = [probe for probe in rubric.probes if caps_text(probe)]
    lines += ["", "Caps (a probe's answer lowers its layer to at most this level):", ""]
    if capped:
        lines += ["| probe | layer | if no | if unknown |", "|---|---|---|---|"]
        for probe in capped:
            lines.append(
                f"| [`{probe.id}`](#{anchor(probe.id)}) | {probe.layer} "
                f"| {probe.cap_if_no or '-'} | {probe.cap_if_unknown or '-'} |"
            )
    else:
        lines.append("No probe caps its layer.")
    return [*lines, "", OVERALL_RULE]


def _layer_section(rubric: Rubric, layer: LayerSpec) -> list[str]:
    lines = [
        "",
        f"## {layer_title(layer)}",
        "",
        "| probe | question | weight | caps |",
        "|---|---|---|---|",
    ]
    probes = rubric.probes_of(layer.id)
    for probe in probes:
        lines.append(
            f"| [`{probe.id}`](#{anchor(probe.id)}) | {_cell(probe.question)} "
            f"| {_number(probe.weight)} | {_cell(caps_text(probe)) or '-'} |"
        )
    for probe in probes:
        lines += _probe_section(probe)
    return lines


def _probe_section(probe: ProbeSpec) -> list[str]:
    lines = ["", f"### `{probe.id}`", "", f"**Question:** {_text(probe.question)}"]
    if probe.why:
        lines += ["", f"**Why it matters:** {_text(probe.why)}"]
    lines += ["", f"**How to fix it:** {_text(probe.remediation)}", ""]
    lines.append(f"- Evaluator: [`{probe.evaluator}`](../evaluators.md#{anchor(probe.evaluator)})")
    for key, value in probe.params.items():
        lines.append(f"- Param {_code(key)}: {_code(_json(value))}")
    lines.append(f"- Weight: {_number(probe.weight)}; caps: {caps_text(probe) or 'none'}")
    if probe.refs:
        lines.append(f"- References: {'; '.join(_text(ref) for ref in probe.refs)}")
    return lines + _extras(probe, PROBE_FIELDS)


# --- the evaluator library as Markdown -------------------------------------------------


def evaluators_markdown(
    library: Iterable[Evaluator] | None = None, rubrics: Iterable[Rubric] | None = None
) -> str:
    """The evaluator library page: params, evidence read and outcomes of each evaluator.

    `rubrics` (default: the shipped ones) adds which probes use each evaluator.
    """
    specs = sorted(evaluators() if library is None else library, key=lambda spec: spec.name)
    used = _users(shipped_rubrics() if rubrics is None else rubrics)
    lines = [
        "# Evaluator library",
        "",
        "<!-- Generated by `openaudit rubrics docs --evaluators` from the evaluator "
        "registry; edit the evaluators and regenerate, not this file. -->",
        "",
        "A probe names one of these evaluators and gives its params; `openaudit rubrics "
        "validate` checks both before any model is audited. Each evaluator answers yes, "
        "no or unknown, and answers unknown (with the reason) whenever the evidence it "
        "reads cannot decide, never a guess.",
        "",
        "What the **reads** entries mean:",
        "",
        *(f"- `{prefix}`: {meaning}" for prefix, meaning in READ_PREFIXES),
        "",
        "| evaluator | what it checks | params |",
        "|---|---|---|",
    ]
    for spec in specs:
        names = ", ".join(f"`{name}`" for name in spec.params) or "-"
        lines.append(f"| [`{spec.name}`](#{anchor(spec.name)}) | {_cell(spec.doc)} | {names} |")
    for spec in specs:
        lines += _evaluator_section(spec, used.get(spec.name, []))
    return "\n".join(lines) + "\n"


def _evaluator_section(spec: Evaluator, users: list[str]) -> list[str]:
    lines = ["", f"## `{spec.name}`", "", _text(spec.doc) or "(undocumented)", ""]
    if spec.params:
        lines += ["| param | type | default | meaning |", "|---|---|---|---|"]
        for name, param in spec.params.items():
            default = "required" if param.required else _code(_json(param.default))
            lines.append(f"| `{name}` | {param.type} | {default} | {_cell(param.doc)} |")
    else:
        lines.append("No params.")
    reads = ", ".join(_code(item) for item in spec.reads) or "nothing declared"
    lines += ["", f"**Reads:** {reads}", "", "**Outcomes:**", ""]
    outcomes = evaluator_outcomes(spec)
    for answer in ANSWERS:
        reasons = ", ".join(f'"{_text(reason)}"' for reason in outcomes.get(answer, ()))
        lines.append(
            f"- {answer}: {OUTCOME_MEANING[answer]}" + (f" Reasons: {reasons}" if reasons else "")
        )
    if users:
        lines += ["", f"**Used by:** {', '.join(users)}"]
    return lines


def _users(rubrics: Iterable[Rubric]) -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for rubric in rubrics:
        for probe in rubric.probes:
            link = f"[`{rubric.id}`: `{probe.id}`](rubrics/{rubric.id}.md#{anchor(probe.id)})"
            used.setdefault(probe.evaluator, []).append(link)
    return used


# --- rubrics as JSON ---------------------------------------------------------------------


def rubric_summary(rubric: Rubric) -> dict[str, Any]:
    """What `openaudit rubrics list` shows of a rubric."""
    return {
        "id": rubric.id,
        "version": rubric.version,
        "title": rubric.title,
        "source": rubric.source,
    }


def probe_dict(probe: ProbeSpec) -> dict[str, Any]:
    """A probe as JSON-ready data (every field the model keeps, in declaration order)."""
    data = plain(probe)
    assert isinstance(data, dict)
    return data


def rubric_dict(rubric: Rubric) -> dict[str, Any]:
    """A rubric as JSON-ready data: summary, layers with thresholds, probes."""
    data = rubric_summary(rubric) | {"description": rubric.description}
    data |= {name: plain(value) for name, value in extra_fields(rubric, RUBRIC_FIELDS)}
    data["layers"] = [
        {
            "id": layer.id,
            "title": layer.title,
            "weight": layer.weight,
            "thresholds": {"open": layer.thresholds.open, "partial": layer.thresholds.partial},
            "probes": [probe.id for probe in rubric.probes_of(layer.id)],
        }
        for layer in rubric.layers
    ]
    data["probes"] = [probe_dict(probe) for probe in rubric.probes]
    return data


# --- writing the committed docs --------------------------------------------------------------


def generated_docs(docs_dir: Path) -> dict[Path, str]:
    """Every committed generated page under `docs_dir` and its expected text."""
    names = list_shipped_rubrics()
    rubrics = [load_rubric(name) for name in names]
    pages = {
        docs_dir / "rubrics" / f"{name}.md": rubric_markdown(rubric)
        for name, rubric in zip(names, rubrics, strict=True)
    }
    pages[docs_dir / "evaluators.md"] = evaluators_markdown(rubrics=rubrics)
    return pages


def main(argv: list[str]) -> int:
    """`python -m openaudit.rubric.docs DOCS_DIR`: regenerate every generated page."""
    docs_dir = Path(argv[0] if argv else "docs")
    for path, text in generated_docs(docs_dir).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
