"""The SPDX 2.3 document (JSON), built and validated with spdx-tools.

Each audited model is a package with its declared and concluded licence as a
valid SPDX expression (a licence SPDX does not list is a `LicenseRef-` carrying
the licence text that was read); its datasets and base models are packages
related to it (`GENERATED_FROM` a dataset, `DESCENDANT_OF` a fine-tuned base,
`VARIANT_OF` a quantised or converted one); the openness verdict is a REVIEW
annotation on the model. SPDX 2.3, not 3.0: spdx-tools 0.8 implements SPDX 3
(and its AI profile) only as an experimental draft model without a validator.
A model that could not be audited is a package whose every fact is NOASSERTION,
with the error as its comment, so an error-only run is still a valid document.
"""

from __future__ import annotations

import io
import re

from openaudit.errors import OpenAuditError
from openaudit.report.bom_facts import Licence, created, document_id, model_facts
from openaudit.results import Report

RELATIONS = {"quantized": "VARIANT_OF", "merge": "DESCENDANT_OF"}


class SpdxInvalid(OpenAuditError):
    """The SPDX document openaudit built does not validate: a bug, never the user's fault."""


def render_spdx(report: Report) -> str:
    """The report as a validated SPDX 2.3 JSON document (text ending in a newline)."""
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
    from spdx_tools.spdx.writer.json.json_writer import write_document_to_stream

    document = build_document(report)
    problems = validate_full_spdx_document(document)
    if problems:
        first = problems[0].validation_message
        raise SpdxInvalid(f"internal error: the SPDX document does not validate: {first}")
    stream = io.StringIO()
    write_document_to_stream(document, stream, validate=False)
    return stream.getvalue() + "\n"


def build_document(report: Report):  # type: ignore[no-untyped-def]  # spdx-tools is untyped
    """The spdx-tools Document for a report."""
    from license_expression import get_spdx_licensing  # type: ignore[import-untyped]
    from spdx_tools.spdx.model.actor import Actor, ActorType
    from spdx_tools.spdx.model.annotation import Annotation, AnnotationType
    from spdx_tools.spdx.model.document import CreationInfo, Document
    from spdx_tools.spdx.model.extracted_licensing_info import ExtractedLicensingInfo
    from spdx_tools.spdx.model.package import Package, PackagePurpose
    from spdx_tools.spdx.model.relationship import Relationship, RelationshipType
    from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion

    spdx_licensing = get_spdx_licensing()
    when = created()
    tool = Actor(ActorType.TOOL, f"openaudit-{report.tool_version}")
    serial = document_id(report)
    info = CreationInfo(
        spdx_version="SPDX-2.3",
        spdx_id="SPDXRef-DOCUMENT",
        name=f"openaudit report: {', '.join(r.ref for r in report.results) or 'no model'}",
        document_namespace=f"https://spdx.org/spdxdocs/openaudit-{serial}",
        creators=[tool],
        created=when,
        creator_comment=f"Openness audited with rubric {report.rubric.id} {report.rubric.version}.",
    )
    packages: list[Package] = []
    relationships: list[Relationship] = []
    annotations: list[Annotation] = []
    extracted: dict[str, ExtractedLicensingInfo] = {}

    def licence(value: Licence):  # type: ignore[no-untyped-def]
        for ref, text, name in value.refs:
            extracted.setdefault(
                ref,
                ExtractedLicensingInfo(
                    license_id=ref,
                    extracted_text=text,
                    license_name=name,
                ),
            )
        if value.expression is None:
            return SpdxNoAssertion()
        return spdx_licensing.parse(value.expression)

    for number, audit in enumerate(report.audits, start=1):
        facts = model_facts(audit)
        model_id = f"SPDXRef-Model-{number}"
        declared = licence(facts.licence)
        packages.append(
            Package(
                spdx_id=model_id,
                name=facts.name,
                download_location=facts.url or SpdxNoAssertion(),
                version=facts.version,
                files_analyzed=False,
                license_declared=declared,
                license_concluded=licence(facts.concluded),
                license_comment=_safe("; ".join(facts.licence_notes)) or None,
                copyright_text=SpdxNoAssertion(),
                primary_package_purpose=PackagePurpose.OTHER,
                comment="machine-learning model",
                summary=facts.verdict,
            )
        )
        relationships.append(Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, model_id))
        annotations.append(Annotation(model_id, AnnotationType.REVIEW, tool, when, facts.verdict))
        for waived in report.gate.waived if report.gate else ():
            if waived.ref == audit.ref:
                until = f", until {waived.expires}" if waived.expires else ""
                note = f"waived by policy: {waived.probe} ({waived.reason}{until}; {waived.origin})"
                annotations.append(
                    Annotation(model_id, AnnotationType.OTHER, tool, when, _safe(note))
                )
        for index, linked in enumerate(facts.linked, start=1):
            linked_id = f"{model_id}-{'Dataset' if linked.kind == 'dataset' else 'Base'}-{index}"
            linked_licence = licence(linked.licence)
            packages.append(
                Package(
                    spdx_id=linked_id,
                    name=_safe(linked.repo_id),
                    download_location=linked.url or SpdxNoAssertion(),
                    version=linked.sha,
                    files_analyzed=False,
                    license_declared=linked_licence,
                    license_concluded=SpdxNoAssertion(),
                    copyright_text=SpdxNoAssertion(),
                    primary_package_purpose=PackagePurpose.OTHER,
                    comment="dataset" if linked.kind == "dataset" else "base model",
                )
            )
            if linked.kind == "dataset":
                kind, comment = RelationshipType.GENERATED_FROM, "trained on this dataset"
            else:
                kind = RelationshipType[RELATIONS.get(linked.relation or "", "DESCENDANT_OF")]
                comment = f"base model ({linked.relation or 'relation not stated'})"
            relationships.append(Relationship(model_id, kind, linked_id, comment=comment))
    for number, error in enumerate(report.errors, start=1):
        # A model that could not be audited is still described: everything NOASSERTION.
        error_id = f"SPDXRef-NotAudited-{number}"
        packages.append(
            Package(
                spdx_id=error_id,
                name=_safe(error.ref),
                download_location=SpdxNoAssertion(),
                files_analyzed=False,
                license_declared=SpdxNoAssertion(),
                license_concluded=SpdxNoAssertion(),
                copyright_text=SpdxNoAssertion(),
                comment=_safe(f"not audited (exit {error.code}): {error.message}"),
            )
        )
        relationships.append(Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, error_id))
    return Document(
        info,
        packages=packages,
        relationships=relationships,
        annotations=annotations,
        extracted_licensing_info=list(extracted.values()),
    )


def _safe(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
