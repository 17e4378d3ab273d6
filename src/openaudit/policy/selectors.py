"""What `--fail-on` and a waiver's `probe:` name: a probe id, a glob of ids, or a tag.

A tag names a kind of finding across the shipped rubrics (`gated`, `pickle`,
`non-commercial`, ...); it selects every probe of the run's rubric that the tag
lists. A selector that selects nothing in the rubric is a usage error, so a typo
can never silently disable a gate.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from openaudit.errors import UsageError

# tag -> the probes (of any shipped rubric) whose "no" is that kind of finding
TAGS: dict[str, tuple[str, ...]] = {
    "gated": ("weights.not_gated",),
    "pickle": ("weights.safe_format",),
    "no-weights": ("weights.files_present", "mof.final_parameters", "osaid.parameters"),
    "conversion": ("weights.original",),
    "no-license": ("usage.license_identified", "mof.license_identified"),
    "restrictive-license": ("usage.open_license", "weights.open_license", "osaid.parameters_terms"),
    "use-restrictions": ("usage.no_use_restrictions", "osaid.any_purpose"),
    "non-commercial": ("usage.commercial_use", "data.commercial_ok", "osaid.commercial"),
    "licence-conflict": ("usage.license_file", "usage.base_compatible"),
    "training-data-terms": ("usage.training_data_terms", "data.open_licenses"),
    "no-training-code": ("code.training", "mof.training_code"),
    "undisclosed-data": ("data.datasets_named", "data.described"),
    "no-model-card": ("docs.model_card", "mof.model_card"),
}
TAGS["license-conflict"] = TAGS["licence-conflict"]  # both spellings
TAGS["no-licence"] = TAGS["no-license"]
TAGS["restrictive-licence"] = TAGS["restrictive-license"]
TAGS["license"] = (
    "usage.license_identified",
    "usage.open_license",
    "usage.license_file",
    "usage.base_compatible",
    "mof.license_identified",
    "osaid.parameters_terms",
)
TAGS["licence"] = TAGS["license"]
# Checked on the evidence, not by a probe (see openaudit.policy.remote_code).
EVIDENCE_TAGS = frozenset({"remote-code"})
UNSUPPORTED_TAGS: dict[str, str] = {}


def is_glob(selector: str) -> bool:
    """True when the selector is a shell-style pattern (`usage.*`)."""
    return any(ch in selector for ch in "*?[")


def select(selector: str, probe_ids: Iterable[str], *, origin: str) -> tuple[str, ...]:
    """The probe ids (of `probe_ids`, in order) a selector names; UsageError when none.

    `origin` says where the selector was written (`--fail-on`, `file:line`).
    """
    ids = tuple(probe_ids)
    name = selector.strip()
    key = name.lower()
    if key in EVIDENCE_TAGS:
        return ()
    if key in UNSUPPORTED_TAGS:
        raise UsageError(f"{origin}: tag '{name}' is not supported: {UNSUPPORTED_TAGS[key]}")
    if key in TAGS:
        chosen = tuple(probe for probe in ids if probe in TAGS[key])
        if not chosen:
            raise UsageError(
                f"{origin}: tag '{name}' selects no probe of this rubric "
                f"(it covers {', '.join(TAGS[key])})"
            )
        return chosen
    chosen = tuple(probe for probe in ids if fnmatch.fnmatchcase(probe, name))
    if not chosen:
        raise UsageError(
            f"{origin}: '{name}' is neither a probe of this rubric nor a tag "
            f"(tags: {', '.join(sorted({*TAGS, *EVIDENCE_TAGS}))})"
        )
    return chosen


def split(values: Iterable[str]) -> list[str]:
    """Values as given, comma-separated lists split (`gated,pickle` is two selectors)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
