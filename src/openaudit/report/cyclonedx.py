"""The CycloneDX 1.6 ML-BOM (JSON), built with cyclonedx-python-lib.

Each audited model is a `machine-learning-model` component with its licence
(an SPDX id, a named licence with its text, or an expression), its datasets as
`data` components and its base models as model components it depends on. The
openness verdict is carried as `openaudit:*` properties. cyclonedx-python-lib
does not model `modelCard` yet, so the card fields (task, training datasets)
are added to the serialised JSON. The tests validate every BOM against the
CycloneDX 1.6 schema the library ships (its `json-validation` extra).
"""

from __future__ import annotations

import json
from typing import Any

from openaudit.report.bom_facts import Licence, ModelFacts, created, document_id, model_facts
from openaudit.report.json_text import dumps_safe
from openaudit.results import Report


def render_cyclonedx(report: Report) -> str:
    """The report as a validated CycloneDX 1.6 JSON BOM (text ending in a newline)."""
    from cyclonedx.output.json import JsonV1Dot6

    bom, cards = _bom(report)
    data = json.loads(JsonV1Dot6(bom).output_as_string())
    for component in data.get("components", []):
        card = cards.get(component.get("bom-ref"))
        if card:
            component["modelCard"] = card
    return dumps_safe(data)


def _bom(report: Report) -> tuple[Any, dict[str, dict[str, Any]]]:
    from cyclonedx.model import Property
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType

    bom = Bom(serial_number=document_id(report))
    bom.metadata.timestamp = created()
    bom.metadata.tools.components.add(
        Component(name="openaudit", version=report.tool_version, type=ComponentType.APPLICATION)
    )
    cards: dict[str, dict[str, Any]] = {}
    for number, audit in enumerate(report.audits, start=1):
        facts = model_facts(audit)
        ref = f"model-{number}"
        properties = [Property(name="openaudit:verdict", value=facts.verdict)]
        properties += [
            Property(name=f"openaudit:layer:{layer.id}", value=layer.level)
            for layer in audit.primary.layers
        ]
        properties.append(Property(name="openaudit:level", value=audit.primary.level))
        if facts.concluded.expression and facts.concluded != facts.licence:
            properties.append(
                Property(name="openaudit:licence-in-effect", value=facts.concluded.expression)
            )
        properties.extend(
            Property(name="openaudit:licence-note", value=note) for note in facts.licence_notes
        )
        if audit.primary.score is not None:
            properties.append(Property(name="openaudit:score", value=str(audit.primary.score)))
        if report.gate is not None:
            for waived in report.gate.waived:
                if waived.ref == audit.ref:
                    properties.append(
                        Property(name=f"openaudit:waived:{waived.probe}", value=waived.reason)
                    )
        model = Component(
            name=facts.name,
            version=facts.version,
            type=ComponentType.MACHINE_LEARNING_MODEL,
            bom_ref=ref,
            licenses=_licences(facts.licence),
            external_references=_links(facts.url),
            properties=properties,
        )
        bom.components.add(model)
        datasets: list[Any] = []
        bases: list[Any] = []
        for index, linked in enumerate(facts.linked, start=1):
            component = Component(
                name=linked.repo_id,
                version=linked.sha,
                type=ComponentType.DATA
                if linked.kind == "dataset"
                else ComponentType.MACHINE_LEARNING_MODEL,
                bom_ref=f"{ref}-{linked.kind}-{index}",
                licenses=_licences(linked.licence),
                external_references=_links(linked.url),
                properties=[Property(name="openaudit:relation", value=linked.relation)]
                if linked.relation
                else [],
            )
            bom.components.add(component)
            (datasets if linked.kind == "dataset" else bases).append(component)
        bom.register_dependency(model, bases)
        cards[ref] = _card(facts, [str(c.bom_ref) for c in datasets])
    return bom, cards


def _card(facts: ModelFacts, datasets: list[str]) -> dict[str, Any]:
    parameters: dict[str, Any] = {}
    if facts.card.get("pipeline_tag"):
        parameters["task"] = facts.card["pipeline_tag"]
    if datasets:
        parameters["datasets"] = [{"ref": ref} for ref in datasets]
    card: dict[str, Any] = {}
    if parameters:
        card["modelParameters"] = parameters
    card["properties"] = [{"name": "openaudit:verdict", "value": facts.verdict}]
    if facts.card.get("library_name"):
        card["properties"].append({"name": "library_name", "value": facts.card["library_name"]})
    return card


def _licences(licence: Licence) -> list[Any]:
    from cyclonedx.model import AttachedText
    from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression

    if licence.expression is None:
        return []
    if " " not in licence.expression:
        if licence.refs:
            _, text, name = licence.refs[0]
            return [DisjunctiveLicense(name=name, text=AttachedText(content=text))]
        return [DisjunctiveLicense(id=licence.expression)]
    return [LicenseExpression(licence.expression)]


def _links(url: str | None) -> list[Any]:
    from cyclonedx.model import ExternalReference, ExternalReferenceType, XsUri

    if not url:
        return []
    return [ExternalReference(type=ExternalReferenceType.DISTRIBUTION, url=XsUri(url))]
