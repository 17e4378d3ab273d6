"""The dump scorer: one pure function over Arrow batches, the same rules as a single audit."""

from __future__ import annotations

import gc
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from scan_dump import (
    OPEN_CARD,
    dump_row,
    fixture_rows,
    joined_bases,
    write_dump,
)

from openaudit.evidence import Evidence
from openaudit.scan.score import GC_THRESHOLD, fewer_collections, output_schema, score_batch
from openaudit.verdict import LAYERS, Verdict


def _score(*rows: dict[str, object]) -> list[dict[str, object]]:
    names = list(dict.fromkeys(name for row in rows for name in row))
    table = pa.table({name: [row.get(name) for row in rows] for name in names})
    return score_batch(table).to_pylist()


@pytest.mark.xdist_group("hub_models")  # the fixture models fetched and audited once
def test_dump_row_scores_as_the_hub_audit_wherever_the_dump_carries_the_evidence(
    hub_models: tuple[Evidence, ...], hub_model_verdicts: dict[str, Verdict]
) -> None:
    rows, audited = fixture_rows(hub_models, with_cards=True), hub_model_verdicts
    with_bases = [{**row, "bases": joined_bases(row, rows)} for row in rows]
    scored = score_batch(pa.Table.from_pylist(with_bases)).to_pylist()
    assert len(scored) == len(rows) > 30
    complete = 0
    for row in scored:
        verdict = audited[str(row["id"])]
        incomplete = set(str(row["incomplete"]).split(",")) - {""}
        complete += not incomplete
        for layer in verdict.layers:
            if layer.id not in incomplete:
                assert row[layer.id] == layer.level, (row["id"], layer.id)
                assert row[f"{layer.id}_score"] == layer.score, (row["id"], layer.id)
        if not incomplete:
            assert row["level"] == verdict.level
            assert row["license_id"] == verdict.license["id"]
    assert complete >= 14  # models whose every layer the dump decides (bases joined)


def test_an_open_model_with_its_card_is_scored_on_every_layer() -> None:
    card_data = json.dumps({"license": "apache-2.0", "datasets": ["openlab/pile-lite"]})
    (row,) = _score(dump_row(card=OPEN_CARD, cardData=card_data))
    assert row["id"] == "acme/model"
    assert row["weights"] == "open" and row["usage_limits"] == "open"
    assert row["license_id"] == "apache-2.0" and row["license_family"] == "permissive"
    assert row["mof_class"] is not None or row["eosai_score"] is not None
    assert row["eosai_licenses"] in ("open", "partial", "closed", "unknown")
    assert "openlab/pile-lite" in str(row["not_in_dump"])
    assert "data" in str(row["incomplete"]).split(",")
    assert row["error"] is None


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"cardData": "{not json"}, "cardData is not valid JSON"),
        ({"cardData": "[1, 2]"}, "cardData is a JSON list, not an object"),
        ({"cardData": '"apache-2.0"'}, "cardData is a JSON str, not an object"),
        ({"cardData": json.dumps({"x": "y" * 300_000})}, "cardData is over the 256 KiB bound"),
        ({"card": "x" * (1024 * 1024 + 1)}, "the card text is over the 1 MiB bound; not read"),
        ({"gated": None}, "gating not in the dump"),
        ({"gated": "sometimes"}, "gated value 'sometimes' not understood"),
    ],
)
def test_a_bad_value_is_a_reason_on_its_row(overrides: dict[str, object], reason: str) -> None:
    rows = _score(dump_row(id="acme/good"), dump_row(**overrides), dump_row(id="acme/after"))
    assert [row["id"] for row in rows] == ["acme/good", "acme/model", "acme/after"]
    assert reason in str(rows[1]["not_in_dump"])
    assert rows[1]["error"] is None and rows[1]["level"] is not None


def test_a_null_card_data_is_a_card_without_metadata_not_a_problem() -> None:
    (row,) = _score(dump_row(cardData=None, tags=[]))
    assert "cardData" not in str(row["not_in_dump"])
    assert row["license_id"] is None


def test_a_row_without_an_id_keeps_its_place_with_an_error() -> None:
    rows = _score(dump_row(id="a/1"), dump_row(id=None), dump_row(id="a/3"))
    assert [row["id"] for row in rows] == ["a/1", None, "a/3"]
    assert rows[1]["error"] == "the row has no model id"
    assert rows[1]["level"] is None


def test_an_older_dump_without_gated_leaves_gating_undecided() -> None:
    old = pa.Table.from_pylist([dump_row(card=OPEN_CARD)]).drop_columns(["gated"])
    (row,) = score_batch(old).to_pylist()
    (new,) = _score(dump_row(card=OPEN_CARD))
    assert "the dump has no `gated` column" in str(row["not_in_dump"])
    assert "weights" in str(row["incomplete"]).split(",")
    assert "weights/weights.not_gated" in str(row["undecided"])
    # The level follows the rubric's rules; `incomplete` says it may change with the gating.
    assert "weights" not in str(new["incomplete"]).split(",")


def test_only_an_id_column_is_enough() -> None:
    (row,) = score_batch(pa.table({"id": ["acme/bare"]})).to_pylist()
    assert row["id"] == "acme/bare" and row["error"] is None
    assert "no `siblings` column" in str(row["not_in_dump"])
    assert set(LAYERS) <= set(row)


def test_a_parquet_dump_scores_batch_by_batch_to_one_row_per_model(tmp_path: object) -> None:
    from pathlib import Path

    rows = [dump_row(id=f"acme/m{i}", gated=["False", "auto", "manual"][i % 3]) for i in range(250)]
    path = write_dump(Path(str(tmp_path)) / "models.parquet", rows, row_group_size=64)
    parts = [score_batch(batch) for batch in pq.ParquetFile(path).iter_batches(batch_size=64)]
    table = pa.concat_tables(parts)
    assert table.schema == output_schema()
    assert table.column("id").to_pylist() == [row["id"] for row in rows]
    weights = table.column("weights").to_pylist()
    assert weights[0] == "open" and weights[1] == weights[2] == "partial"


def test_an_adapter_config_the_dump_lacks_leaves_base_layers_undecided_until_fetched() -> None:
    siblings = [{"rfilename": name} for name in ("README.md", "adapter_config.json")]
    (row,) = _score(dump_row(card=OPEN_CARD, siblings=siblings))
    assert {"data", "usage_limits"} <= set(str(row["incomplete"]).split(","))
    assert "adapter_config.json" in str(row["fetch"]).split(",")
    config = '{"base_model_name_or_path": "meta/base"}'
    fetched = [{"path": "adapter_config.json", "text": config, "problem": None}]
    (row,) = _score(dump_row(card=OPEN_CARD, siblings=siblings, fetched=fetched))
    assert "adapter_config.json" not in str(row["fetch"])  # read: it names the base
    # the stated base is not joined (a scan joins declared bases): its terms are not here
    assert "usage_limits" in str(row["incomplete"]).split(",")
    assert "base meta/base, named outside base_model" in str(row["not_in_dump"])
    declared = json.dumps({"license": "apache-2.0", "base_model": "meta/base"})
    (row,) = _score(dump_row(card=OPEN_CARD, cardData=declared, siblings=siblings))
    assert "adapter_config.json" not in str(row["fetch"])  # a declared base needs no file


def test_a_joined_base_declaring_no_datasets_leaves_base_data_to_its_card_the_dump_lacks() -> None:
    """The Hub source judges such a base's data by its card's text; a dump row has none:
    the row says so and EOSAI's base data sources stay undecided, not closed."""
    base_card = json.dumps({"license": "apache-2.0"})
    siblings = [{"rfilename": "README.md"}, {"rfilename": "model.safetensors"}]
    base = {"id": "meta/base", "sha": "1" * 40, "cardData": base_card, "tags": [],
            "gated": "False", "siblings": siblings}  # fmt: skip
    declared = json.dumps({"license": "apache-2.0", "base_model": "meta/base"})
    (row,) = _score(dump_row(card=OPEN_CARD, cardData=declared, bases=[base]))
    assert "base model card text (meta/base) not in the metadata dump" in str(row["not_in_dump"])
    assert row["eosai_datasources_basemodel"] == "unknown"
    # a base that declares its datasets needs no card text
    base["cardData"] = json.dumps({"license": "apache-2.0", "datasets": ["org/web"]})
    (row,) = _score(dump_row(card=OPEN_CARD, cardData=declared, bases=[base]))
    assert "base model card text" not in str(row["not_in_dump"])


def test_a_copys_source_card_the_dump_lacks_leaves_its_end_data_undecided() -> None:
    """A GGUF copy's data are its source's; the Hub source reads the source's card when its
    metadata declares no datasets. A dump row has no card text: the row says so and EOSAI's
    end-model data sources stay undecided, as the audit of that evidence is."""
    chat_card = json.dumps({"license": "apache-2.0"})
    siblings = [{"rfilename": "README.md"}, {"rfilename": "model.safetensors"}]
    chat = {"id": "meta/chat", "sha": "2" * 40, "cardData": chat_card, "tags": [],
            "gated": "False", "siblings": siblings}  # fmt: skip
    declared = json.dumps({"license": "apache-2.0", "base_model": "meta/chat"})
    gguf = [{"rfilename": "README.md"}, {"rfilename": "chat.Q4_K_M.gguf"}]
    (row,) = _score(dump_row(card=OPEN_CARD, cardData=declared, siblings=gguf, bases=[chat]))
    assert "base model card text (meta/chat) not in the metadata dump" in str(row["not_in_dump"])
    assert row["eosai_datasources_endmodel"] == "unknown"


def test_scoring_collects_garbage_less_often_and_never_more() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (GC_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (700, 10, 10)  # restored
        gc.set_threshold(10 * GC_THRESHOLD, 5, 5)  # a process's own higher threshold stays
        with fewer_collections():
            assert gc.get_threshold() == (10 * GC_THRESHOLD, 5, 5)
        gc.set_threshold(700, 10, 10)
        score_batch(pa.Table.from_pylist([dump_row(id="acme/model")]))
        assert gc.get_threshold() == (700, 10, 10)  # scoring leaves the process's setting
    finally:
        gc.set_threshold(*before)
