"""Sources turn a model reference into one Evidence object; they never score.

The interface and its registry of sources is `evidence_source` (re-exported here
with the helpers the sources share); the implementations are hub.py (with
hub_client, hub_http, hub_files, hub_links, hub_listing), local.py and saved.py.
"""

from openaudit.sources.card_repo_ids import card_ids
from openaudit.sources.evidence_source import (
    SOURCES,
    EvidenceRequest,
    EvidenceSource,
    open_evidence,
)
from openaudit.sources.license_files import LICENSE_FILE_RE, is_license_file, unread_problems

__all__ = [
    "LICENSE_FILE_RE",
    "SOURCES",
    "EvidenceRequest",
    "EvidenceSource",
    "card_ids",
    "is_license_file",
    "open_evidence",
    "unread_problems",
]
