"""Weights published outside the repository: what a weight-less repo's card links.

Some releases keep no weights in their Hub repository yet publish them: a pipeline
(pyannote's) whose card lists, under 'Requirements' or 'Pipeline', the Hub model repos
it runs as its components (not a base model it is built on and needs access to), or a
card that links the weight file itself for download (a `.pth` on a GitHub release, a
checkpoint on a download server). Such weights are
published, if not where this repo can show them: a careful reader's conclusion
(inferred) from the links, which are only classified here, never followed or
downloaded. A card that links only code or a paper publishes no weights.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple
from urllib.parse import unquote, urlsplit

from openaudit.card import Section, holds_link
from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.evaluator_helpers import as_list
from openaudit.weight_formats import weight_format

# Sections that list the models a pipeline runs (the whole title: not 'Hardware
# Requirements', not 'Training pipeline').
COMPONENT_TITLE = re.compile(
    r"\W*(?:requirements|(?:the\s+)?pipeline(?:\s+components)?|components|models\s+used)\W*",
    re.IGNORECASE,
)
# Formats a linked file is taken as weights in (not .h5, .npz, .pkl: data are served so too).
DOWNLOAD_FORMATS = frozenset(
    {"pth", "pt", "ckpt", "safetensors", "bin", "gguf", "ggml", "onnx", "tflite", "nemo",
     "pdparams", "pdiparams", "keras", "mlmodel", "openvino"}
)  # fmt: skip
# Where a file is served for download: a release asset, a raw or resolved file of a
# repository (GitHub, GitLab, the Hub), a download path, or a download or storage host.
DOWNLOAD_PATH = re.compile(
    r"/(?:releases/download|resolve|raw|blob|download|downloads|files)/", re.IGNORECASE
)
DOWNLOAD_HOST = re.compile(
    r"^(?:dl|download|downloads|files|cdn|storage|data)\.|(?:^|\.)(?:storage\.googleapis\.com"
    r"|amazonaws\.com|blob\.core\.windows\.net|r2\.dev|zenodo\.org|figshare\.com)$",
    re.IGNORECASE,
)
# A link's sentence that makes the file another model's: the weights this one starts from.
OTHER_MODELS = re.compile(
    r"\b(?:initiali[sz]\w*|backbone|teacher|base\s+model|fine-?tuned\s+from|start(?:s|ed|ing)?"
    r"\s+from|distill\w*\s+from|derived\s+from|baseline)\b",
    re.IGNORECASE,
)
# A line of such a section that makes the linked Hub model no component the pipeline
# runs: the base this model is built on, a prerequisite, or a model the user must
# request access to ("requires access to", "request access") before using this one.
# ("base" as a word of its own, not of a name: "whisper-base", "bert-base-uncased")
NOT_COMPONENT = re.compile(
    r"(?<![\w/.-])base(?![\w/-])|\bpre-?requisites?\b"
    r"|\b(?:requires?|required|needs?|needed|request(?:s|ing)?|have|has|get|gain|granted)"
    r"\s+(?:\w+\s+){0,2}?access\b",
    re.IGNORECASE,
)
URL = re.compile(r"\b(?:https?://|www\.)[^\s)>\]]*", re.IGNORECASE)  # not read for words
MAX_SHOWN = 3


class OutsideWeights(NamedTuple):
    """Weights a weight-less repo's card publishes elsewhere: linked files for download,
    or the Hub model repos it runs as components; the reason and its citations."""

    kind: Literal["download", "component"]
    links: tuple[str, ...]  # the URLs, or the component repo ids
    formats: tuple[str, ...]  # the linked files' weight formats (downloads)
    reason: str
    citations: tuple[Citation, ...]


@once_per_model
def outside_weights(ctx: ProbeContext) -> OutsideWeights | None:
    """The weights published outside the repo, as its card links them, for a repo whose
    listing holds no weight files (the caller's test: weights.weight_files); None when
    the listing was not read in full or the card links none."""
    evidence = ctx.evidence
    if not ctx.readme_read or not evidence.files or evidence.files_truncated:
        return None
    return _downloads(ctx) or _components(ctx)


def _downloads(ctx: ProbeContext) -> OutsideWeights | None:
    found: dict[str, str] = {}
    for link in ctx.card.links:
        fmt = download_format(link.url)
        if fmt is None or link.url in found or _another_models(ctx, link.url):
            continue
        found[link.url] = fmt
    if not found:
        return None
    urls = tuple(found)
    more = f" (and {len(urls) - MAX_SHOWN} more)" if len(urls) > MAX_SHOWN else ""
    shown = ", ".join(urls[:MAX_SHOWN]) + more
    reason = (
        "the repository lists no weight files, but the card links weight files published"
        f" outside it for download: {shown}"
    )
    cites = (Citation("files"), *(ctx.readme(url) for url in urls[:MAX_SHOWN]))
    formats = tuple(sorted(set(found.values())))
    return OutsideWeights("download", urls, formats, reason, cites)


def download_format(url: str) -> str | None:
    """The weight format of the file a URL serves for download (by its file name, on a
    release, raw-file or download path or host), or None when it serves no weight file."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    name = unquote(parts.path.rsplit("/", 1)[-1])
    if "." not in name:
        return None
    fmt = weight_format(name)
    if fmt not in DOWNLOAD_FORMATS:
        return None
    if DOWNLOAD_PATH.search(parts.path) or DOWNLOAD_HOST.search(parts.hostname):
        return fmt
    return None


def _another_models(ctx: ProbeContext, url: str) -> bool:
    """The link's line gives the file another model's role (a backbone, the weights
    this one was initialised or fine-tuned from, a baseline)."""
    return any(OTHER_MODELS.search(line) for line in ctx.card.lines_with(url))


def _components(ctx: ProbeContext) -> OutsideWeights | None:
    """The Hub model repos a section listing a pipeline's components links, less this
    repo itself and the models it is built on (its declared bases, or a line calling the
    model a base, a prerequisite or one to request access to: NOT_COMPONENT)."""
    own = (ctx.evidence.repo_id or "").lower()
    bases = {base.lower() for base in as_list(ctx.metadata.get("base_model"))}
    bases |= {repo.repo_id.lower() for repo in ctx.evidence.base_models}
    card = ctx.card
    for section in card.sections:
        if not COMPONENT_TITLE.fullmatch(section.title):
            continue
        repos: list[str] = []
        for link in card.links_of("hf_model"):
            target = link.target
            if not target or target.lower() in (own, *bases) or target in repos:
                continue
            if section in card.homes_of(link.url) and not _not_component(section, link.url):
                repos.append(target)
        if repos:
            shown = ", ".join(repos[:MAX_SHOWN])
            reason = (
                f"the repository lists no weight files, but its '{section.title}' links the"
                f" Hub model repos it runs as components, which hold the weights: {shown}"
            )
            cites = (Citation("files"), ctx.section(section))
            return OutsideWeights("component", tuple(repos), (), reason, cites)
    return None


def _not_component(section: Section, url: str) -> bool:
    """A line of the section linking `url` calls the model a base, a prerequisite or one
    to request access to (NOT_COMPONENT)."""
    lines = (line for line in section.text.splitlines() if holds_link(line, url))
    return any(NOT_COMPONENT.search(URL.sub(" ", line)) for line in lines)
