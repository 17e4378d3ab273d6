"""What both bill-of-materials formats (SPDX, CycloneDX) say about a model, gathered once.

The model, its licence as a valid SPDX expression (a Hub id such as `llama2`
that SPDX does not list becomes `LicenseRef-llama2`, with the licence text when
one was read), its datasets and base models with their licences, and the
openness verdict in one line. `created` honours SOURCE_DATE_EPOCH, so a BOM can
be made reproducibly; otherwise it is the current time.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from dataclasses import dataclass

from openaudit.results import Audit, Report
from openaudit.verdict import Verdict

HUB = "https://huggingface.co"
_SPDX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-+]*")
NAMESPACE = uuid.UUID("6d0f6a3e-1c1e-4f53-9c8e-6f70656e6175")  # openaudit's BOM namespace


@dataclass(frozen=True)
class Licence:
    """A licence as SPDX can carry it: an expression, and texts for its LicenseRefs."""

    expression: str | None  # None: no licence found (NOASSERTION)
    refs: tuple[tuple[str, str, str], ...] = ()  # (LicenseRef-x, text, name as written)


@dataclass(frozen=True)
class Linked:
    """A dataset or base model of the model, as named by its card."""

    kind: str  # "dataset" or "base"
    repo_id: str
    url: str | None
    licence: Licence
    relation: str | None = None
    sha: str | None = None


@dataclass(frozen=True)
class ModelFacts:
    """One audited model as the BOM formats describe it."""

    name: str
    version: str | None
    url: str | None
    licence: Licence
    linked: tuple[Linked, ...]
    verdict: str  # one line: level, score, layers, framework class
    card: dict[str, str]  # model-card fields worth carrying (pipeline_tag, library, ...)
    concluded: Licence = Licence(None)  # declared, AND its bases' when their terms apply
    licence_notes: tuple[str, ...] = ()  # conflicts and lineage flags, as the audit found


def created(environ: dict[str, str] | None = None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible output), else now; UTC, whole seconds."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def document_id(report: Report) -> uuid.UUID:
    """A serial number that depends only on what was audited (same input, same id)."""
    seen = [f"{a.primary.ref}@{a.primary.sha}" for a in report.audits] + [
        f"{e.ref}!{e.code}" for e in report.errors
    ]
    return uuid.uuid5(NAMESPACE, "\n".join([report.tool_version, report.rubric.id, *seen]))


def model_facts(audit: Audit) -> ModelFacts:
    """The BOM facts of one audit (evidence gives datasets and bases when present)."""
    verdict = audit.primary
    evidence = audit.evidence
    name = verdict.repo_id or verdict.ref
    url = f"{HUB}/{verdict.repo_id}" if verdict.source == "hub" and verdict.repo_id else None
    texts = {}
    if evidence is not None:
        texts = {f.path: f.text for f in evidence.license_files if f.text}
    licence = licence_of(verdict.license.get("id") or _card_licence(audit), texts)
    linked: list[Linked] = []
    if evidence is not None:
        for item in evidence.datasets:
            linked.append(
                Linked(
                    "dataset",
                    item.repo_id,
                    _hub_url(item.repo_id, "datasets/"),
                    licence_of(item.license, {}),
                    sha=item.sha,
                )
            )
        for item in evidence.base_models:
            linked.append(
                Linked(
                    "base",
                    item.repo_id,
                    _hub_url(item.repo_id),
                    licence_of(item.license, {}),
                    relation=item.relation,
                    sha=item.sha,
                )
            )
    card = {}
    if evidence is not None:
        for key, value in (
            ("pipeline_tag", evidence.pipeline_tag),
            ("library_name", evidence.library_name),
        ):
            if value:
                card[key] = value
    return ModelFacts(
        name,
        verdict.sha,
        url,
        licence,
        tuple(linked),
        verdict_line(audit),
        card,
        concluded=_concluded(licence, linked, verdict.license),
        licence_notes=_notes(verdict.license),
    )


def _concluded(declared: Licence, linked: list[Linked], block: dict[str, object]) -> Licence:
    """The licence in effect: the declared one, AND each base's when the audit found that
    the base's terms carry over (the licence block has `effective` terms)."""
    if not isinstance(block.get("effective"), dict):
        return declared
    parts = [declared] + [item.licence for item in linked if item.kind == "base"]
    expressions = [p.expression for p in parts if p.expression]
    if not expressions:
        return Licence(None)
    joined = " AND ".join(dict.fromkeys(f"({e})" if " " in e else e for e in expressions))
    refs = tuple(dict.fromkeys(ref for p in parts for ref in p.refs))
    return Licence(joined, refs)


def _notes(block: dict[str, object]) -> tuple[str, ...]:
    notes: list[str] = []
    for key in ("conflicts", "lineage_flags"):
        value = block.get(key)
        if isinstance(value, list):
            notes.extend(str(item) for item in value if isinstance(item, str))
    return tuple(notes)


def _hub_url(repo_id: str, kind: str = "") -> str | None:
    """The Hub page of a linked repo; None for a name a card made up (not a Hub id)."""
    from openaudit.refs import is_repo_id

    return f"{HUB}/{kind}{repo_id}" if is_repo_id(repo_id) else None


def _card_licence(audit: Audit) -> object:
    return audit.evidence.metadata.get("license") if audit.evidence is not None else None


def licence_of(raw: object, texts: dict[str, str]) -> Licence:
    """A Hub or SPDX licence value as a valid SPDX expression, LicenseRefs with text."""
    from openaudit.licenses.catalogue import lookup

    values = raw if isinstance(raw, list) else [raw]
    parts: list[str] = []
    refs: list[tuple[str, str, str]] = []
    for value in values:
        if (
            not isinstance(value, str)
            or not value.strip()
            or value.strip().lower()
            in (
                "other",
                "unknown",
            )
        ):
            continue
        facts = lookup(value)
        spdx = facts.spdx if facts is not None else None
        if spdx and _SPDX_ID.fullmatch(spdx) and not spdx.startswith("LicenseRef-"):
            parts.append(spdx)
            continue
        ref = spdx if spdx and spdx.startswith("LicenseRef-") else None
        ref = ref or "LicenseRef-" + re.sub(r"[^A-Za-z0-9.\-]+", "-", value.strip()).strip("-")
        text = next(iter(texts.values()), None) if len(values) == 1 else None
        name = value.strip()
        refs.append((ref, text or f"The licence named '{name}' on the model card.", name))
        parts.append(ref)
    if not parts:
        return Licence(None)
    expression = " AND ".join(dict.fromkeys(parts))
    return Licence(expression, tuple(dict.fromkeys(refs)))


def verdict_line(audit: Audit) -> str:
    """The openness verdict in one line, for annotations and properties."""
    verdict: Verdict = audit.primary
    score = "-" if verdict.score is None else f"{verdict.score}/100"
    layers = ", ".join(
        f"{layer.id} {layer.level}" + ("" if layer.score is None else f" {layer.score}")
        for layer in verdict.layers
    )
    rubric = f"{verdict.rubric_id} {verdict.rubric_version}"
    line = f"openaudit {rubric}: {verdict.level}, score {score}; {layers}"
    for other in audit.verdicts[1:]:
        framework = other.framework or {}
        if framework.get("framework") == "mof":
            line += f"; MOF {framework.get('class')}"
        elif framework.get("framework") == "osaid":
            line += f"; OSAID {framework.get('result')}"
    return line
