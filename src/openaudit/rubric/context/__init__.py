"""What the rubric reads: one audit's evidence and the facts derived from it.

`ProbeContext` is the one entry point: evaluators ask it for the parsed card,
the model's licence as identified from card, files, links and tags, its lineage
and the licences of its training datasets, each computed once per audit. The
modules beside it do the reading; what is known about licences themselves
(ids, texts, clauses, usage facts) is the `openaudit.licenses` library.
"""

from openaudit.rubric.context.license_identification import identify_once as identify_license
from openaudit.rubric.context.license_lineage import (
    BaseLicense,
    DatasetLicense,
    LineageReport,
    dataset_licenses,
    lineage,
)
from openaudit.rubric.context.license_report import Claim, LicenseReport
from openaudit.rubric.context.probe_context import ProbeContext, once_per_model

__all__ = [
    "BaseLicense",
    "Claim",
    "DatasetLicense",
    "LicenseReport",
    "LineageReport",
    "ProbeContext",
    "dataset_licenses",
    "identify_license",
    "lineage",
    "once_per_model",
]
