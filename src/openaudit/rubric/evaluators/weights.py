"""Weights-layer evaluators: are the final weights published, safely and freely?"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple
from urllib.parse import urlsplit

from openaudit import textsearch
from openaudit.base_mentions import NamedBase, named_bases
from openaudit.evidence import Citation, RepoFile
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.declared_library import declared_library
from openaudit.rubric.evaluators.evaluator_helpers import as_list, negated
from openaudit.rubric.evaluators.file_globs import file_paths, names_matching
from openaudit.rubric.evaluators.linked_weights import OutsideWeights, outside_weights
from openaudit.rubric.registry import Param, evaluator
from openaudit.verdict import Outcome
from openaudit.weight_formats import (
    ADAPTER_WEIGHTS,
    EXECUTABLE,
    EXPORT_FORMATS,
    OWN_RELATIONS,
    PICKLE,
    conversion_kind,
    converted_formats,
    format_note,
    runs_code,
    weight_libraries,
)
from openaudit.weight_formats import weight_files as listed_weight_files

RUNS_CODE_WORDS = {PICKLE: "pickle-based", EXECUTABLE: "executable"}
# Files only in a quantisation format (weight_formats.QUANTISED_FORMATS) beside a
# `base_model` are a copy of it. Files only in an export format (EXPORT_FORMATS, and
# MLX's in an MLX repository) beside a `base_model` are taken as a copy of it in another
# format (inferred), unless the card says it was fine-tuned from that base.
# (OWN_RELATIONS, the relations that state the weights are the model's own work, and
# QUANT_MARKERS, the quantisers named in a path or id, are weight_formats'.)
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
# What the Hub keeps of a weight-diff release whose card says nothing of deltas: its repo
# name qualifies the model as a diff ("alpaca-7b-wdiff", "vicuna-13b-delta-v0",
# "oasst-sft-6-llama-30b-xor": a token after the first, so "diff-svc" is not, beside the
# model's size, so a toy "mlp-xor" is not), the recovery script ships beside the weights,
# or the card links instructions for recovering the weights ("#recovering-alpaca-weights").
DELTA_NAME_TOKENS = frozenset({"delta", "deltas", "wdiff", "xor", "diff"})
FULL_NAME_TOKENS = frozenset({"merged", "recovered", "full", "applied"})
DELTA_NAME_WORD = re.compile("|".join(sorted(DELTA_NAME_TOKENS)))  # in a name holding a token
NAME_TOKEN = re.compile(r"[-_]+")
SIZE_TOKEN = re.compile(r"\d+(?:[.]\d+)?[bm]")
DELTA_FILES = ("*apply_delta*.py", "*weight_diff*.py", "*xor_codec*.py", "*apply_xor*.py")
RECOVER_WEIGHTS = re.compile(
    r"recover\w*[-_]?(?:[\w-]*[-_])?weights?\b|weights?[-_](?:diff|delta|recovery)", re.IGNORECASE
)


class DeltaRelease(NamedTuple):
    """What shows the weights are a delta to add to a base model's: said in the card
    (`stated` by its words) or concluded from the repo's name, files or links."""

    said: str
    citation: Citation


def weight_files(ctx: ProbeContext) -> list[tuple[RepoFile, str]]:
    """The repository's weight files with their formats, in listing order."""
    return list(ctx.cached("weight_files", lambda: _weight_files(ctx)))


def _weight_files(ctx: ProbeContext) -> tuple[tuple[RepoFile, str], ...]:
    return listed_weight_files(ctx.evidence.files, repo_libraries(ctx))


def repo_libraries(ctx: ProbeContext) -> frozenset[str]:
    """The libraries whose own weight files and formats this repository's listing is
    read with (weight_formats.weight_libraries): its declared library (declared_library)
    and its tags."""
    return weight_libraries(declared_library(ctx).name, ctx.evidence.tags)


def _formats(found: list[tuple[RepoFile, str]]) -> list[str]:
    return sorted({fmt for _, fmt in found})


# The listing is read with the repository's library (a .zip is an agent's weights only
# in a stable-baselines3 repository, `ner/model` only in a spaCy one).
LISTING_READS = ("files", "api:library_name", "card:library_name", "api:tags")


@evaluator(
    "weight_files_present",
    reads=(*LISTING_READS, "README.md"),
    doc=(
        "The repository lists model weight files (any common format, shards included;"
        " a library's own formats, such as a stable-baselines3 .zip or spaCy's"
        " component files, in a repository of that library); in a repository that lists"
        " none, weights its card links outside it (inferred): files linked for download"
        " (a .pth on a release or download URL), or the Hub model repos a pipeline's"
        " 'Requirements' or 'Pipeline' section links as its components."
    ),
)
def weight_files_present(ctx: ProbeContext) -> Outcome:
    """The repository lists model weight files, or its card links weights outside it."""
    if not ctx.evidence.files:
        return Outcome.unknown("no file listing was read")
    found = weight_files(ctx)
    if not found:
        if ctx.evidence.files_truncated:
            return Outcome.unknown("the file listing was truncated before any weight file")
        if (outside := outside_weights(ctx)) is not None:
            return Outcome.yes(outside.reason, *outside.citations, inferred=True)
        return Outcome.no("the repository lists no weight files", Citation("files"))
    formats = ", ".join(_formats(found))
    cites = [ctx.file(f.path) for f, _ in found[:5]]
    reason = f"{len(found)} weight file(s): {formats}"
    return Outcome.yes(reason, Citation("files", formats), *cites)


@evaluator(
    "weights_safe_format",
    reads=LISTING_READS,
    doc=(
        "Weights are offered in a format that loads without running code (safetensors, GGUF,"
        " ONNX, ...; not pickles such as .bin, .pt, .nemo, .pkl, nor executables)."
    ),
)
def weights_safe_format(ctx: ProbeContext) -> Outcome:
    """Weights are offered in at least one format that loads without running code."""
    found = weight_files(ctx)
    if not found:
        if (outside := outside_weights(ctx)) is not None and outside.formats:
            return _linked_format(ctx, outside)
        return Outcome.unknown("no weight files to check")
    safe = [(f, fmt) for f, fmt in found if runs_code(fmt) is None]
    if safe:
        formats = ", ".join(_formats(safe))
        shown = ", ".join(format_note(fmt) for fmt in _formats(safe))
        cites = [ctx.file(f.path) for f, _ in safe[:3]]
        return Outcome.yes(f"weights in {shown}", Citation("files", formats), *cites)
    formats = ", ".join(_formats(found))
    shown = ", ".join(format_note(fmt) for fmt in _formats(found))
    cites = [ctx.file(f.path) for f, _ in found[:3]]
    kind = " or ".join(sorted({RUNS_CODE_WORDS[str(runs_code(fmt))] for _, fmt in found}))
    reason = f"only {kind} weights ({shown}), which can run code when loaded"
    return Outcome.no(reason, Citation("files", formats), *cites)


def _linked_format(ctx: ProbeContext, outside: OutsideWeights) -> Outcome:
    """Whether weights linked for download outside the repo load without running code,
    by the linked files' names (inferred: the files are not in the listing)."""
    shown = ", ".join(format_note(fmt) for fmt in outside.formats)
    cites = (ctx.readme(", ".join(outside.formats)), *outside.citations[1:])
    if any(runs_code(fmt) is None for fmt in outside.formats):
        return Outcome.yes(f"weights linked in {shown}", *cites, inferred=True)
    kind = " or ".join(sorted({RUNS_CODE_WORDS[str(runs_code(fmt))] for fmt in outside.formats}))
    why = f"only {kind} weights linked ({shown}), which can run code when loaded"
    return Outcome.no(why, *cites, inferred=True)


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


def delta_weights(ctx: ProbeContext) -> Citation | None:
    """Where the weights are shown to be a delta (or XOR) to apply to a base model's
    weights (`delta_release`); None when they are not."""
    release = delta_release(ctx)
    return release.citation if release is not None else None


@once_per_model
def delta_release(ctx: ProbeContext) -> DeltaRelease | None:
    """The weights are a delta (or XOR) to apply to a base model's weights: the card says
    so, or (the card silent) the repo's name, a recovery script in its files or a link
    to recovery instructions shows it; None when nothing does, or the card says the
    weights are full or merged."""
    if not ctx.readme_read:  # (a scan's most common model: no card text to search)
        return _delta_structure(ctx)
    body = ctx.card.body
    if textsearch.search(FULL_WEIGHTS, body):
        return None  # "merged with the original weights": a full model, not a delta
    for section in ctx.card.sections:
        if DELTA_WEIGHTS.search(section.title):
            return DeltaRelease(f"the card's section '{section.title}'", ctx.section(section))
    for found in itertools.islice(textsearch.finditer(DELTA_WEIGHTS, body), MAX_DELTA_MENTIONS):
        if not negated(body, found.start(), 60):
            return DeltaRelease(f"the card says '{found.group(0)}'", ctx.readme(found.group(0)))
    return _delta_structure(ctx)


def delta_name_markers(repo_id: str) -> tuple[str, ...]:
    """The model's size and the diff token when a repo's name says it is a weight diff
    (`DELTA_NAME_TOKENS` after its first token, beside a size, no merged/full token):
    ("7b", "wdiff") for "tatsu-lab/alpaca-7b-wdiff"; () otherwise."""
    name = repo_id.rsplit("/", 1)[-1].lower()
    if DELTA_NAME_WORD.search(name) is None:  # (most names: not split into tokens)
        return ()
    tokens = [t for t in NAME_TOKEN.split(name) if t]
    hits = sorted(DELTA_NAME_TOKENS.intersection(tokens[1:]))
    sizes = [token for token in tokens if SIZE_TOKEN.fullmatch(token)]
    if not hits or not sizes or FULL_NAME_TOKENS.intersection(tokens):
        return ()
    return sizes[0], hits[0]


def _delta_structure(ctx: ProbeContext) -> DeltaRelease | None:
    """A weight-diff release told by what the Hub keeps of it, not by the card's words."""
    repo = ctx.evidence.repo_id or ctx.evidence.ref
    if markers := delta_name_markers(repo):
        size, token = markers
        said = f"the repository's name says '{token}' beside the model's size '{size}'"
        return DeltaRelease(said, ctx.api("id", repo))
    if scripts := names_matching(DELTA_FILES, file_paths(ctx)):
        said = f"a weight-recovery script in the repo ({scripts[0]})"
        return DeltaRelease(said, ctx.file(scripts[0]))
    for link in ctx.card.links if ctx.readme_read else ():
        split = urlsplit(link.url)
        if RECOVER_WEIGHTS.search(f"{split.path} {split.fragment}"):
            said = f"the card links instructions for recovering the weights ({link.url})"
            return DeltaRelease(said, ctx.readme(link.url))
    return None


# PEFT saves an adapter as adapter_model.safetensors (or .bin, weight_formats.ADAPTER_WEIGHTS)
# beside adapter_config.json.
ADAPTER_CONFIG = "adapter_config.json"
PEFT = "peft"


def peft_adapter(ctx: ProbeContext) -> tuple[RepoFile, ...]:
    """The weight files of a PEFT adapter, when they are all the repo's weights: every
    weight file is PEFT's `adapter_model.*`, beside an `adapter_config.json` or in a
    repository of library `peft`; () otherwise. Such weights are not the model: they
    are applied to their base model's."""
    found = weight_files(ctx)
    if not found or not all(_file_name(f.path).startswith(ADAPTER_WEIGHTS) for f, _ in found):
        return ()
    configured = any(_file_name(f.path) == ADAPTER_CONFIG for f in ctx.evidence.files)
    if configured or (declared_library(ctx).name or "").lower() == PEFT:
        return tuple(f for f, _ in found)
    return ()


def _file_name(path: str) -> str:
    return path.rsplit("/", 1)[-1].lower()


def _base_models(ctx: ProbeContext) -> tuple[str, ...]:
    return as_list(ctx.metadata.get("base_model")) or tuple(
        repo.repo_id for repo in ctx.evidence.base_models if repo.depth == 1
    )


class Conversion(NamedTuple):
    """These weights as only a copy of other models: `kind` ('quantized', 'gguf',
    'onnx', ...), the models copied, the reason and its evidence, and whether it is
    concluded (inferred) rather than stated."""

    kind: str
    bases: tuple[str, ...]
    reason: str
    citations: tuple[Citation, ...]
    inferred: bool = False


@once_per_model
def conversion(ctx: ProbeContext, relations: tuple[str, ...] = ("quantized",)) -> Conversion | None:
    """Whether the weights are only a quantised or format-converted copy of other Hub
    models (None: not shown to be). Said by a `base_model_relation` in `relations`;
    concluded from files only in a quantisation or export format beside a `base_model`
    (or, without one, beside a linked Hub model), from the card's words ("converted
    to MLX format from [X]", "[X] with ONNX weights"), or, without a `base_model`,
    from files only in conversion formats beside the Hub model the card's lead links or
    whose name is this repo's less a format affix (base_mentions). A stated own relation (finetune,
    adapter, merge) rules a copy out, and so do a PEFT adapter's weights (`peft_adapter`:
    trained by the release, whatever its name says). The one test of a copy: the weights rubric and
    the data layers ask it (a copy's data is its base's)."""
    bases = _base_models(ctx)
    relation = str(ctx.metadata.get("base_model_relation") or "").lower()
    if bases and relation in relations:
        cites = (ctx.field("base_model_relation", relation), ctx.field("base_model", bases))
        return Conversion(relation, bases, f"a {relation} version of {', '.join(bases)}", cites)
    if bases and relation in OWN_RELATIONS:
        return None
    found = weight_files(ctx)
    if not found or peft_adapter(ctx):  # an adapter's weights are its own, whatever its name
        return None
    kind = _conversion_kind(found, (ctx.evidence.repo_id or ctx.evidence.ref).lower())
    if bases and kind:
        cites = (Citation("files", kind), ctx.field("base_model", ", ".join(bases)))
        return Conversion(
            kind, bases, f"only {kind} files converted from {', '.join(bases)}", cites
        )
    if kind:
        return _named_conversion(ctx, bases) or _undeclared_conversion(ctx, kind)
    export = converted_formats(found, repo_libraries(ctx), EXPORT_FORMATS)
    if bases and export and not _named_fine_tune(ctx, bases):
        why = (
            f"only {export} files beside `base_model` {', '.join(bases)} (no"
            " `base_model_relation`): a copy of it in another format"
        )
        cites = (Citation("files", export), ctx.field("base_model", ", ".join(bases)))
        return Conversion(export, bases, why, cites, inferred=True)
    return _named_conversion(ctx, bases)


@evaluator(
    "weights_not_conversion",
    params={"relations": Param("list[str]", ["quantized"], "base_model_relation values")},
    reads=("card:base_model", "card:base_model_relation", *LISTING_READS, "README.md"),
    doc=(
        "The weights are not only a quantised or converted re-upload of a base model"
        " (GGUF, or ONNX, OpenVINO, Core ML, TFLite, MLX ... files only, beside a"
        " `base_model` the card does not say was fine-tuned, or without one beside the"
        " Hub model the card's lead links or whose name is the repo's less a format"
        " affix such as -mlx or coreml-: inferred)."
    ),
)  # fmt: skip
def weights_not_conversion(ctx: ProbeContext, relations: list[str]) -> Outcome:
    """The weights are not only a quantised or format-converted copy of a base model."""
    copy = conversion(ctx, tuple(relations))
    if copy is not None and copy.kind in relations:
        return Outcome.no(copy.reason, *copy.citations)
    found = weight_files(ctx)
    if not found:
        if (outside := outside_weights(ctx)) is not None:
            where = "for download" if outside.kind == "download" else "in other Hub repos"
            why = (f"the weights are published outside the repository ({where}): what they are "
                   "a copy of, if anything, is not in what was read")  # fmt: skip
            return Outcome.unknown(why, *outside.citations)
        return Outcome.unknown("no weight files to check")
    if (delta := delta_release(ctx)) is not None:
        why = (f"delta weights ({delta.said}): the model exists only once they are added to a "
               "base model's weights")  # fmt: skip
        return Outcome.no(why, delta.citation, ctx.file(found[0][0].path), inferred=True)
    if copy is not None:
        return Outcome.no(copy.reason, *copy.citations, inferred=copy.inferred)
    bases = _base_models(ctx)
    if not bases:
        return Outcome.yes("no base model is declared", ctx.field("base_model"))
    return Outcome.yes(
        f"new weights derived from {', '.join(bases)}", ctx.field("base_model", bases)
    )


def _undeclared_conversion(ctx: ProbeContext, kind: str) -> Conversion | None:
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
        cites = (Citation("files", kind), Citation("README.md", linked[0]))
        return Conversion(kind, (linked[0],), reason, cites, inferred=True)
    return None


def conversion_formats(ctx: ProbeContext) -> str | None:
    """The formats of the repo's weight files when all are formats models are converted
    to (weight_formats.converted_formats: GGUF, ONNX, Core ML, TFLite, MLX's ...)."""
    return converted_formats(weight_files(ctx), repo_libraries(ctx))


def card_bases(ctx: ProbeContext) -> tuple[NamedBase, ...]:
    """The Hub models the card names as the model it was made from (base_mentions), read
    with the repo's weight formats as the Hub source read them (a conversion's source)."""
    return named_bases(ctx.card, ctx.evidence.repo_id, conversion_formats(ctx))


def _named_conversion(ctx: ProbeContext, bases: tuple[str, ...]) -> Conversion | None:
    """The card says these weights are another Hub model converted or quantised
    ("converted to MLX format from [X]", "[X] with ONNX weights"): a copy, as a
    declared quantisation is (inferred from the card's words). With a `base_model`,
    only a declared base counts, and not one the card also says was fine-tuned."""
    if not ctx.readme_read:
        return None
    named = card_bases(ctx)
    if bases and _named_fine_tune(ctx, bases):
        return None
    for base in named:
        if base.conversion and base.phrase and (not bases or base.name in bases):
            declared = f"`base_model` {base.name}" if bases else "no `base_model`"
            why = f"a conversion of {base.name}: the card says '{base.phrase}' ({declared})"
            cites = (ctx.readme(base.phrase), ctx.field("base_model"))
            return Conversion("converted", (base.name,), why, cites, inferred=True)
        if base.conversion and base.rule and not bases:
            kind = conversion_formats(ctx) or "converted"
            why = f"a conversion of {base.name} (no `base_model`): {base.rule}"
            where = ctx.section(base.section) if base.section else ctx.readme(base.name)
            read = (Citation("files", kind), where, ctx.field("base_model"))
            return Conversion(kind, (base.name,), why, read, inferred=True)
    return None


def _named_fine_tune(ctx: ProbeContext, bases: tuple[str, ...]) -> bool:
    """The card names a declared base as the model it was fine-tuned (or otherwise
    made) from, not converted from: the weights are its own."""
    if not ctx.readme_read:
        return False
    declared = {base.lower() for base in bases}
    return any(
        not named.conversion and named.phrase and named.name.lower() in declared
        for named in card_bases(ctx)
    )


def _conversion_kind(found: list[tuple[RepoFile, str]], repo: str) -> str | None:
    """'gguf', 'gptq', ... when every weight file is in a conversion format
    (weight_formats.conversion_kind, which the Hub source reads too)."""
    return conversion_kind(found, repo)
