"""`openaudit scan DUMP.parquet`: the dump scored on Daft, one result row per model."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cli_fakes import run
from scan_dump import OPEN_CARD, dump_row, write_dump

from openaudit.scan.score import score_batch

# one worker runs the whole module: the tests share the module's scans
pytestmark = pytest.mark.xdist_group("scan_cli")

ROWS = 300


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dump")
    licences = ["apache-2.0", "mit", "cc-by-nc-4.0", "llama3", "other"]
    rows = [
        dump_row(
            id=f"acme/m{i:03d}",
            cardData=None if i % 7 == 0 else f'{{"license": "{licences[i % 5]}"}}',
            gated=["False", "auto", "manual"][i % 3],
            downloads=(i * 7919) % 1000,
        )
        for i in range(ROWS)
    ]
    rows[5]["cardData"] = "{not json"
    return write_dump(folder / "models.parquet", rows, row_group_size=100)


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cards")
    ids = [f"acme/m{i:03d}" for i in range(0, ROWS, 2)] + ["acme/m000", "other/not-in-dump"]
    table = pa.table({"modelId": ids, "card": [OPEN_CARD] * len(ids)})
    pq.write_table(table, folder / "cards.parquet")
    return folder / "cards.parquet"


def _expected(dump: Path, cards: Path) -> dict[str, dict[str, object]]:
    """What the pure scorer gives for the same rows, joined to the same cards by hand."""
    table = pq.read_table(dump)
    texts = dict(zip(*pq.read_table(cards).to_pydict().values(), strict=True))
    table = table.append_column("card", pa.array([texts.get(i) for i in table["id"].to_pylist()]))
    return {str(row["id"]): row for row in score_batch(table).to_pylist()}


def _counting_processes(patch: pytest.MonkeyPatch) -> list[object]:
    """The processes started from here on (Daft starts its worker processes so)."""
    started: list[object] = []
    popen = subprocess.Popen

    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(args[0] if args else kwargs.get("args"))
        return popen(*args, **kwargs)

    patch.setattr(subprocess, "Popen", counted)
    return started


@pytest.fixture(scope="module")
def carded_scan(dump: Path, cards: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One scan of the dump with its cards writing every output (parquet, CSV, HTML),
    scoring in a worker process as a dump of more than one batch does (a dump this small
    is scored in this process): the tests below read what they check of it."""
    folder = tmp_path_factory.mktemp("carded")
    out, table_csv, page = folder / "out" / "results.parquet", folder / "r.csv", folder / "top.html"
    args = ["scan", str(dump), "--cards", str(cards), "-o", str(out), "--csv", str(table_csv)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("openaudit.scan.driver.IN_PROCESS_ROWS", 0)
        started = _counting_processes(patch)
        result = run([*args, "--html", str(page), "--top", "3"])
    return result, out, table_csv, page, started


@pytest.fixture(scope="module")
def quiet_scan(dump: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One quiet scan of the dump: the results --since tests start from (none writes it)."""
    out = tmp_path_factory.mktemp("quiet") / "first.parquet"
    with pytest.MonkeyPatch.context() as patch:
        started = _counting_processes(patch)
        result = run(["scan", str(dump), "-q", "-o", str(out)])
    return result, out, started


def test_scan_scores_every_row_on_daft_as_the_pure_scorer_does(
    dump: Path, cards: Path, carded_scan: Any
) -> None:
    result, out, table_csv, _, started = carded_scan
    assert result.exit_code == 0, result.stderr
    assert started  # in a worker process
    assert result.stdout == ""
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == ROWS  # rows in = rows out, a card repeated in the card dump or not
    assert {str(row["id"]): row for row in rows} == _expected(dump, cards)
    with table_csv.open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == ROWS
    assert f"{ROWS} models scored, 0 rows could not be scored" in result.stderr
    assert "licence families: " in result.stderr and "MOF classes: " in result.stderr
    assert "weights " in result.stderr


def test_scan_quiet_prints_nothing(quiet_scan: Any) -> None:
    result, out, _ = quiet_scan
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""
    assert pq.read_metadata(out).num_rows == ROWS


def test_a_dump_of_one_batch_is_scored_without_a_worker_process(quiet_scan: Any) -> None:
    """A worker's start-up would cost more than the batch it scores (see carded_scan)."""
    result, _, started = quiet_scan
    assert result.exit_code == 0, result.stderr
    assert started == []


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _table(path: Path, **columns: list[object]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "none.parquet", "does not exist or is not a file"),
        (lambda p: _text(p / "a.parquet", "id\nacme/m\n"), "is not a parquet file"),
        (lambda p: _table(p / "a.parquet", name=["x"]), "has no `id` column"),
        (lambda p: _table(p / "a.parquet", id=["x"], sdk=["gradio"]), "is a dump of spaces"),
        (lambda p: _table(p / "a.parquet", id=["x"]), "has none of the models dump's columns"),
    ],
)
def test_a_bad_dump_is_a_one_line_error(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    result = run(["scan", str(path), "-o", str(tmp_path / "r.parquet")])
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: dump ")
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_a_card_dump_without_its_columns_is_a_one_line_error(dump: Path, tmp_path: Path) -> None:
    cards = _table(tmp_path / "cards.parquet", modelId=["acme/m000"], text=["..."])
    result = run(["scan", str(dump), "--cards", str(cards), "-o", str(tmp_path / "r.parquet")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"openaudit: error: card dump {cards} has no `card` column; "
        "`modelId` and `card` are needed\n"
    )


@pytest.mark.parametrize("missing", ["daft", "pyarrow"])
def test_without_the_scale_extra_scan_says_how_to_install_it(
    dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)
    for module in ("openaudit.scan.driver", "openaudit.scan.score", "openaudit.scan.rows"):
        monkeypatch.delitem(sys.modules, module, raising=False)  # as in a fresh process
    result = run(["scan", str(dump), "-o", str(tmp_path / "r.parquet")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"openaudit: error: `openaudit scan` needs {missing} "
        "(install the scale extra: pip install 'openaudit[scale]')\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--runner", "spark"], "--runner must be native or ray, not 'spark'"),
        (["--address", "ray://head:10001"], "--address needs --runner ray"),
    ],
)
def test_runner_options_are_checked(dump: Path, args: list[str], message: str) -> None:
    result = run(["scan", str(dump), *args])
    assert result.exit_code == 2
    assert result.stderr == f"openaudit: error: {message}\n"


def test_since_keeps_unchanged_models_and_rescores_changed_ones(
    dump: Path, quiet_scan: Any, tmp_path: Path
) -> None:
    result, first, _ = quiet_scan
    assert result.exit_code == 0
    earlier = pq.read_table(first).to_pylist()
    for row in earlier:  # a marker only a kept (not re-scored) row can carry
        row["undecided"] = "kept from the earlier scan"
    marked = tmp_path / "marked.parquet"
    pq.write_table(pa.Table.from_pylist(earlier, schema=pq.read_schema(first)), marked)
    rows = pq.read_table(dump).to_pylist()
    rows[1].update(lastModified="2026-12-01T00:00:00.000Z", cardData='{"license": "mit"}')
    rows.append(dump_row(id="acme/new"))
    changed = write_dump(tmp_path / "models.parquet", rows)
    out = tmp_path / "second.parquet"
    result = run(["scan", str(changed), "--since", str(marked), "-q", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    second = {row["id"]: row for row in pq.read_table(out).to_pylist()}
    assert len(second) == ROWS + 1
    fresh = {"acme/m001", "acme/new"}
    assert {i for i, row in second.items() if row["undecided"] != "kept from the earlier scan"} == (
        fresh
    )
    assert second["acme/m001"]["license_id"] == "mit"


def test_since_needs_a_results_file(dump: Path, tmp_path: Path) -> None:
    result = run(["scan", str(dump), "--since", str(dump), "-o", str(tmp_path / "r.parquet")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"openaudit: error: earlier results {dump} lack ")
    assert result.stderr.count("\n") == 1


def test_an_engine_failure_is_a_one_line_error(
    dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        def to_arrow_iter(self) -> object:
            raise RuntimeError("DaftError::External corrupt page\nat row group 3")

    monkeypatch.setattr("openaudit.scan.driver.scored_frame", lambda daft, plan: Broken())
    out = tmp_path / "r.parquet"
    result = run(["scan", str(dump), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "openaudit: error: the scan failed: DaftError::External corrupt page at row group 3\n"
    )
    assert not out.exists() and list(tmp_path.iterdir()) == []  # no half-written results


def test_bases_joins_each_models_bases_from_the_same_dump(tmp_path: Path) -> None:
    rows = [
        dump_row(id="meta/base", cardData='{"license": "llama2"}', tags=["license:llama2"]),
        dump_row(id="acme/ft", cardData='{"license": "apache-2.0", "base_model": "meta/base"}'),
        dump_row(id="acme/orphan", cardData='{"license": "mit", "base_model": "gone/base"}'),
        dump_row(id="acme/solo"),
    ]
    dump = write_dump(tmp_path / "models.parquet", rows)
    out = tmp_path / "joined.parquet"
    result = run(["scan", str(dump), "--bases", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    joined = {row["id"]: row for row in pq.read_table(out).to_pylist()}
    assert len(joined) == len(rows)
    assert "meta/base" in str(joined["acme/ft"]["lineage_flags"])
    # the joined base is read (usage_limits stays incomplete without card text: the card
    # may link Hub datasets as its training data, whose licences that layer reads)
    assert "base model metadata" not in str(joined["acme/ft"]["not_in_dump"])
    assert "gone/base" in str(joined["acme/orphan"]["not_in_dump"])
    assert "models whose declared licence is looser than a base's: 1" in result.stderr
    plain = tmp_path / "plain.parquet"
    assert run(["scan", str(dump), "-q", "-o", str(plain)]).exit_code == 0
    ft = next(row for row in pq.read_table(plain).to_pylist() if row["id"] == "acme/ft")
    assert ft["lineage_flags"] is None
    assert "meta/base" in str(ft["not_in_dump"])


def test_html_shows_the_most_downloaded_models_with_their_findings(
    dump: Path, carded_scan: Any
) -> None:
    result, _, _, page, _ = carded_scan
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    downloads = {row["id"]: row["downloads"] for row in pq.read_table(dump).to_pylist()}
    top = sorted(downloads, key=lambda i: (downloads[i], i), reverse=True)[:3]
    assert "How open are these 3 models?" in html
    assert all(repo_id in html for repo_id in top)
    assert sum(repo_id in html for repo_id in downloads) == 3


def test_html_needs_downloads(tmp_path: Path) -> None:
    row = dump_row()
    del row["downloads"]
    dump = write_dump(tmp_path / "models.parquet", [row])
    result = run(["scan", str(dump), "--html", str(tmp_path / "p.html")])
    assert result.exit_code == 2
    assert result.stderr == (
        "openaudit: error: --html needs the dump's `downloads` column to pick the top 100\n"
    )


def test_bases_alone_are_joined_in_buckets(dump: Path, tmp_path: Path) -> None:
    """--bases with no other joined file still splits the scan when the dump and its base
    rows exceed a bucket: each bucket joins only the base rows its own models name."""
    from openaudit.scan.driver import ScanPlan, scan_parts
    from openaudit.scan.dump import check_models_dump
    from openaudit.scan.rows import base_ids

    rows = pq.read_table(dump).to_pylist()
    rows[4].update(cardData='{"license": "mit", "base_model": "acme/m006"}')
    models = check_models_dump(write_dump(tmp_path / "models.parquet", rows))
    plan = ScanPlan(models, tmp_path / "out.parquet", None, bases=True, bucket_bytes=6000)
    parts = scan_parts(plan, tmp_path)
    all_ids = {row["id"] for row in rows}
    assert len(parts) > 1
    assert sum(pq.read_metadata(part.dump.path).num_rows for part in parts) == len(rows)
    for part in parts:
        assert part.base_rows is not None
        own = pq.read_table(part.dump.path).to_pylist()
        named = {base for row in own for base in base_ids(row["cardData"])} & all_ids
        assert set(pq.read_table(part.base_rows.path).column("id").to_pylist()) == named


def test_joins_in_buckets_give_the_results_of_one_join(
    dump: Path, cards: Path, tmp_path: Path
) -> None:
    from scan_dump import joined_bases

    from openaudit.scan.driver import ScanPlan, run_scan, scan_parts
    from openaudit.scan.dump import check_cards_dump, check_models_dump, check_results
    from openaudit.scan.rows import base_ids

    rows = pq.read_table(dump).to_pylist()[:100]  # enough for two buckets
    rows[3]["id"] = None  # a row without an id keeps its place in bucket 0
    rows[4].update(cardData='{"license": "mit", "base_model": "acme/m006"}')
    models = check_models_dump(write_dump(tmp_path / "models.parquet", rows))
    split = tmp_path / "split.parquet"
    plan = ScanPlan(models, split, check_cards_dump(cards), bases=True, bucket_bytes=6000)
    parts = tmp_path / "parts"
    parts.mkdir()
    split_parts = scan_parts(plan, parts)
    all_ids = {row["id"] for row in rows}
    assert len(split_parts) == 2
    for part in split_parts:  # a bucket holds only the base rows its own models name
        assert part.base_rows is not None
        own = pq.read_table(part.dump.path).to_pylist()
        named = {base for row in own for base in base_ids(row["cardData"])} & all_ids
        assert set(pq.read_table(part.base_rows.path).column("id").to_pylist()) == named
    shutil.rmtree(parts)
    run_scan(plan)
    texts = dict(zip(*pq.read_table(cards).to_pydict().values(), strict=True))
    joined = [  # by hand: each row's card, and its bases' rows (row 5's cardData is not JSON)
        {**row, "card": texts.get(row["id"]), "bases": (i != 5 and joined_bases(row, rows)) or None}
        for i, row in enumerate(rows)
    ]
    key = lambda row: str(row["id"])  # noqa: E731
    one = sorted(score_batch(pa.Table.from_pylist(joined)).to_pylist(), key=key)
    many = sorted(pq.read_table(split).to_pylist(), key=key)
    assert len(many) == len(one) == len(rows)
    assert many == one
    ft = next(row for row in many if row["id"] == "acme/m004")
    # its base was joined (the datasets its card's front matter declares, and the served
    # card data leaves out, are what the dump lacks)
    assert "base model metadata" not in str(ft["not_in_dump"])
    assert "dataset metadata" in str(ft["not_in_dump"])
    marked = tmp_path / "marked.parquet"
    earlier = [{**row, "undecided": "kept"} for row in many]
    pq.write_table(pa.Table.from_pylist(earlier, schema=pq.read_schema(split)), marked)
    again = tmp_path / "again.parquet"
    run_scan(ScanPlan(models, again, plan.cards, check_results(marked), bucket_bytes=6000))
    kept = [row["undecided"] == "kept" for row in pq.read_table(again).to_pylist()]
    assert kept.count(False) == 1  # only the row without an id, an error row, is scored again
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "again.parquet", "marked.parquet", "models.parquet", "split.parquet"
    ]  # fmt: skip


def test_since_reads_results_written_before_the_fetch_column(
    dump: Path, quiet_scan: Any, tmp_path: Path
) -> None:
    result, first, _ = quiet_scan
    assert result.exit_code == 0
    older = tmp_path / "older.parquet"
    pq.write_table(pq.read_table(first).drop_columns(["fetch"]), older)
    out = tmp_path / "second.parquet"
    result = run(["scan", str(dump), "--since", str(older), "-q", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert pq.read_table(out).num_rows == ROWS
