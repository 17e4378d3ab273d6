"""Dump rows for the scan tests: in the hub-stats `models.parquet` schema, small and made here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from fakehub.repos import FixtureRepo, load_repos

from openaudit.evidence import Evidence

OPEN_CARD = """---
license: apache-2.0
datasets:
- openlab/pile-lite
---
# Open model

## Training Data

The pile-lite corpus.
"""


def dump_row(**overrides: Any) -> dict[str, Any]:
    """One row as hub-stats stores it (cardData as JSON text, siblings as structs)."""
    row: dict[str, Any] = {
        "id": "acme/model",
        "author": "acme",
        "sha": "0" * 40,
        "lastModified": "2026-11-01T00:00:00.000Z",
        "tags": ["transformers", "license:apache-2.0"],
        "pipeline_tag": "text-generation",
        "library_name": "transformers",
        "cardData": json.dumps({"license": "apache-2.0"}),
        "siblings": [{"rfilename": "README.md"}, {"rfilename": "model.safetensors"}],
        "gated": "False",
        "downloads": 10,
    }
    row.update(overrides)
    return row


def fixture_row(repo: FixtureRepo, card: str | None) -> dict[str, Any]:
    """The dump row of a fake-Hub fixture model, with the README the Hub serves as `card`."""
    return {
        "id": repo.repo_id,
        "sha": repo.sha,
        "tags": repo.all_tags(),
        "library_name": repo.library_name,
        "pipeline_tag": repo.pipeline_tag,
        "cardData": None if repo.card_data is None else json.dumps(repo.card_data),
        "siblings": [{"rfilename": path} for path in repo.files],
        "gated": str(repo.gated),
        "card": card,
    }


def write_dump(path: Path, rows: list[dict[str, Any]], row_group_size: int = 1000) -> Path:
    """Write rows as a parquet dump file."""
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def joined_bases(row: dict[str, Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The `bases` column `openaudit scan` joins: the dump rows of the bases the card names."""
    card = json.loads(row["cardData"]) if row.get("cardData") else {}
    named = card.get("base_model") if isinstance(card, dict) else None
    ids = named if isinstance(named, list) else [named]
    by_id = {other["id"]: other for other in rows}
    keys = ("id", "sha", "cardData", "tags", "gated", "siblings")
    return [{key: by_id[i].get(key) for key in keys} for i in ids if i in by_id]


def fixture_rows(models: tuple[Evidence, ...], *, with_cards: bool) -> list[dict[str, Any]]:
    """The fetched fixture models (conftest's `hub_models`) as dump rows, with the README
    the Hub serves as the card text, or none."""
    repos = load_repos()
    return [
        fixture_row(
            repos[("model", str(evidence.repo_id))], evidence.readme if with_cards else None
        )
        for evidence in models
    ]
