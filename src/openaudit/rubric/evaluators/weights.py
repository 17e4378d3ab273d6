"""Weights-layer evaluators: are the final weights published, safely and freely?"""

from __future__ import annotations

import itertools
import re

from openaudit import textsearch
from openaudit.base_mentions import named_bases
from openaudit.evidence import Citation, RepoFile
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.evaluator_helpers import as_list, negated
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome
from openaudit.weight_formats import EXECUTABLE, PICKLE, runs_code
from openaudit.weight_formats import weight_files as listed_weight_files

RUNS_CODE_WORDS = {PICKLE: "pickle-based", EXECUTABLE: "executable"}
CONVERTED_FORMATS = ("gguf", "ggml")
QUANT_MARKERS = ("exl2", "awq", "gptq")
# A card that publishes weight differences ("delta weights", "XOR weights") to be
# added to a base model's weights: the model itself is had only with the base.
DELTA_WEIGHTS = re.compile(
    r"\b(?:delta|xor|diff)[- ]weights?\b|\bweight[- ](?:delta|diff)s?\b"
    r"|\bapply(?:ing)?\s+(?:the\s+)?(?:delta|xor)\b",
    re.IGNORECASE,
)
# Cards of merged re-uploads say the delta is already applied.
FULL_WEIGHTS = re.compile(
    r"\b(?:full|merged|complete)\s+(?:model\s+)?weights\b"
    r"|\bno\s+need\s+to\s+apply\b|\bmerg(?:ed|ing)\s+(?:the\s+)?(?:delta|xor|diff)\b",
    re.IGNORECASE,
)
MAX_DELTA_MENTIONS = 20


def weight_files(ctx: ProbeContext) -> list[tuple[RepoFile, str]]:
    """The repository's weight files with their formats, in listing order."""
    return list(ctx.cached("weight_files", lambda: _weight_files(ctx)))


def _weight_files(ctx: ProbeContext) -> tuple[tuple[RepoFile, str], ...]:
    return listed_weight_files(ctx.evidence.files)


def _formats(found: list[tuple[RepoFile, str]]) -> list[str]:
    return sorted({fmt for _, fmt in found})


@evaluator(
    "weight_files_present",
    reads=("files",),
    doc="The repository lists model weight files (any common format, shards included).",
)
def weight_files_present(ctx: ProbeContext) -> Outcome:
    """The repository lists model weight files."""
    if not ctx.evidence.files:
        return Outcome.unknown("no file listing was read")
    found = weight_files(ctx)
    if not found:
        if ctx.evidence.files_truncated:
            return Outcome.unknown("the file listing was truncated before any weight file")
        return Outcome.no("the repository lists no weight files", Citation("files"))
    formats = ", ".join(_formats(found))
    cites = [ctx.file(f.path) for f, _ in found[:5]]
    reason = f"{len(found)} weight file(s): {formats}"
    return Outcome.yes(reason, Citation("files", formats), *cites)


@evaluator(
    "weights_safe_format",
    reads=("files",),
    doc=(
        "Weights are offered in a format that loads without running code (safetensors, GGUF,"
        " ONNX, ...; not pickles such as .bin, .pt, .nemo, .pkl, nor executables)."
    ),
)
def weights_safe_format(ctx: ProbeContext) -> Outcome:
    """Weights are offered in at least one format that loads without running code."""
    found = weight_files(ctx)
    if not found:
        return Outcome.unknown("no weight files to check")
    safe = [(f, fmt) for f, fmt in found if runs_code(fmt) is None]
    if safe:
        formats = ", ".join(_formats(safe))
        cites = [ctx.file(f.path) for f, _ in safe[:3]]
        return Outcome.yes(f"weights in {formats}", Citation("files", formats), *cites)
    formats = ", ".join(_formats(found))
    cites = [ctx.file(f.path) for f, _ in found[:3]]
    kind = " or ".join(sorted({RUNS_CODE_WORDS[str(runs_code(fmt))] for _, fmt in found}))
    reason = f"only {kind} weights ({formats}), which can run code when loaded"
    return Outcome.no(reason, Citation("files", formats), *cites)


# Card metadata that configures the Hub's access gate (heading, prompt, form fields).
GATE_FIELDS = (
    "extra_gated_prompt", "extra_gated_fields", "extra_gated_heading",
    "extra_gated_description", "extra_gated_button_content",
)  # fmt: skip


def card_gate(ctx: ProbeContext) -> str | None:
    """The gate field a card sets, when it configures an access gate."""
    return next((key for key in GATE_FIELDS if ctx.metadata.get(key)), None)


@evaluator(
    "weights_not_gated",
    reads=("api:gated", "card:extra_gated_*"),
    doc=(
        "The repository can be downloaded without accepting a gate (a local folder: its"
        " card configures no gate)."
    ),
)
def weights_not_gated(ctx: ProbeContext) -> Outcome:
    """The repository is downloadable without a gate (auto or manual approval)."""
    evidence = ctx.evidence
    if evidence.source == "local":
        # A release being prepared has no Hub setting yet; its card's gate form says
        # it will be published behind one.
        key = card_gate(ctx)
        if key:
            return Outcome.no(
                f"the card configures an access gate (`{key}`)", ctx.field(key, "card gate form")
            )
        return Outcome.unknown("a local folder has no Hub gate setting")
    if evidence.gated is None:
        return Outcome.unknown("the Hub's gating setting was not read")
    if evidence.gated:
        kind = evidence.gated if isinstance(evidence.gated, str) else "yes"
        return Outcome.no(f"access is gated ({kind})", ctx.api("gated", kind))
    if evidence.access == "gated":
        return Outcome.no("access is gated", ctx.api("gated", evidence.access))
    return Outcome.yes("not gated", ctx.api("gated", "false"))


@once_per_model
def delta_weights(ctx: ProbeContext) -> Citation | None:
    """Where the card says its weights are a delta (or XOR) to apply to a base model's
    weights; None when it does not (or the card was not read)."""
    if not ctx.readme_read:
        return None
    body = ctx.card.body
    if textsearch.search(FULL_WEIGHTS, body):
        return None  # "merged with the original weights": a full model, not a delta
    for section in ctx.card.sections:
        if DELTA_WEIGHTS.search(section.title):
            return ctx.section(section)
    for found in itertools.islice(textsearch.finditer(DELTA_WEIGHTS, body), MAX_DELTA_MENTIONS):
        if not negated(body, found.start(), 60):
            return ctx.readme(found.group(0))
    return None


def _base_models(ctx: ProbeContext) -> tuple[str, ...]:
    return as_list(ctx.metadata.get("base_model")) or tuple(
        repo.repo_id for repo in ctx.evidence.base_models if repo.depth == 1
    )


@evaluator(
    "weights_not_conversion",
    params={"relations": Param("list[str]", ["quantized"], "base_model_relation values")},
    reads=("card:base_model", "card:base_model_relation", "files", "README.md"),
    doc="The weights are not only a quantised or converted re-upload of a base model.",
)
def weights_not_conversion(ctx: ProbeContext, relations: list[str]) -> Outcome:
    """The weights are not only a quantised or format-converted copy of a base model."""
    bases = _base_models(ctx)
    relation = str(ctx.metadata.get("base_model_relation") or "").lower()
    if bases and relation in relations:
        cites = (ctx.field("base_model_relation", relation), ctx.field("base_model", bases))
        return Outcome.no(f"a {relation} version of {', '.join(bases)}", *cites)
    found = weight_files(ctx)
    if not found:
        return Outcome.unknown("no weight files to check")
    if (delta := delta_weights(ctx)) is not None:
        why = "delta weights: the model exists only once they are added to a base model's weights"
        return Outcome.no(why, delta, ctx.file(found[0][0].path), inferred=True)
    kind = _conversion_kind(found, (ctx.evidence.repo_id or ctx.evidence.ref).lower())
    if bases and kind:
        cites = (Citation("files", kind), ctx.field("base_model", ", ".join(bases)))
        return Outcome.no(f"only {kind} files converted from {', '.join(bases)}", *cites)
    if kind:
        return _undeclared_conversion(ctx, kind)
    if not bases and (converted := _named_conversion(ctx)) is not None:
        return converted
    if not bases:
        return Outcome.yes("no base model is declared", ctx.field("base_model"))
    return Outcome.yes(
        f"new weights derived from {', '.join(bases)}", ctx.field("base_model", bases)
    )


def _undeclared_conversion(ctx: ProbeContext, kind: str) -> Outcome:
    """Only conversion files and no `base_model`: a re-upload when the card links a Hub
    model (the one converted), else taken as an original release in that format."""
    own = (ctx.evidence.repo_id or "").lower()
    linked = [
        link.target
        for link in ctx.card.links_of("hf_model")
        if link.target and link.target.lower() != own
    ]
    if linked:
        reason = f"only {kind} files; no `base_model`, but the card links {linked[0]}"
        return Outcome.no(reason, Citation("files", kind), Citation("README.md", linked[0]))
    return Outcome.yes("no base model is declared or linked", ctx.field("base_model"))


def _named_conversion(ctx: ProbeContext) -> Outcome | None:
    """No `base_model`, but the card says these weights are another Hub model converted
    or quantised ("converted to MLX format from [X]", "[X] with ONNX weights"): a copy,
    as a declared quantisation is (inferred from the card's words)."""
    if not ctx.readme_read:
        return None
    for named in named_bases(ctx.card, ctx.evidence.repo_id):
        if named.conversion and named.phrase:
            why = f"a conversion of {named.name}: the card says '{named.phrase}' (no `base_model`)"
            cites = (ctx.readme(named.phrase), ctx.field("base_model"))
            return Outcome.no(why, *cites, inferred=True)
    return None


def _conversion_kind(found: list[tuple[RepoFile, str]], repo: str) -> str | None:
    """'gguf', 'gptq', ... when every weight file is in a conversion format.

    Quantisers such as GPTQ, AWQ and EXL2 write ordinary safetensors, so their
    marker is looked for in the file path or the repository name.
    """
    kinds = set()
    for repo_file, fmt in found:
        path = f"{repo}/{repo_file.path.lower()}"
        marker = next((m for m in QUANT_MARKERS if m in path), None)
        kind = fmt if fmt in CONVERTED_FORMATS else marker
        if kind is None:
            return None
        kinds.add(kind)
    return ", ".join(sorted(kinds))
