"""`openaudit scan --hydrate`: the files a layer needs and the dump lacks, fetched from the
(fake) Hub through the batch runner, then those models scored again."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from cli_fakes import run
from fakehub import FakeHub
from fakehub.server import RequestRecord
from scan_dump import fixture_rows, write_dump
from typer.testing import Result

from openaudit.evidence import Evidence
from openaudit.verdict import Verdict

# one worker runs the whole module: the fixture dump and its Hub audits are made once
# (the fixture models fetched and audited once for the group: conftest's hub_models)
pytestmark = pytest.mark.xdist_group("hub_models")


@pytest.fixture(scope="module")
def fixture_dump(
    hub_models: tuple[Evidence, ...],
    hub_model_verdicts: dict[str, Verdict],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, Verdict]]:
    """The fixture models as dump rows without card text, and their Hub audits."""
    rows = fixture_rows(hub_models, with_cards=False)
    folder = tmp_path_factory.mktemp("hydrate")
    return write_dump(folder / "models.parquet", rows), hub_model_verdicts


def _requested_files(hub: FakeHub) -> list[str]:
    return [path for path in hub.paths("GET") if "/resolve/" in path]


@pytest.fixture(scope="module")
def dry_run(
    fake_hub: FakeHub,
    fixture_dump: tuple[Path, dict[str, Verdict]],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Result, Path, list[RequestRecord]]:
    """`scan --hydrate --dry-run` over the fixture dump: its result, its results file
    (the plain scan's, which the hydrating test starts from) and the requests the fake
    Hub saw meanwhile."""
    dump, _ = fixture_dump
    out = tmp_path_factory.mktemp("dry-run") / "results.parquet"
    fake_hub.reset()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_ENDPOINT", fake_hub.url)
        result = run(["scan", str(dump), "-o", str(out), "--hydrate", "--dry-run"])
    return result, out, fake_hub.requests


def test_dry_run_says_what_hydrating_costs_and_makes_no_request(
    dry_run: tuple[Result, Path, list[RequestRecord]],
) -> None:
    result, out, requested = dry_run
    assert result.exit_code == 0, result.stderr
    assert requested == []
    wanted = [str(row["fetch"]) for row in pq.read_table(out).to_pylist() if row["fetch"]]
    requests = sum(len(paths.split(",")) for paths in wanted)
    assert requests > len(wanted) > 10
    assert f"--hydrate: {requests:,} file requests for {len(wanted):,} models" in result.stderr
    assert "anonymously (3,000 per 5 minutes)" in result.stderr
    assert "with a token (5,000 per 5 minutes)" in result.stderr


def test_hydrate_fetches_what_the_dump_lacks_and_scores_those_models_as_the_hub_audit(
    hub: FakeHub,
    fixture_dump: tuple[Path, dict[str, Verdict]],
    dry_run: tuple[Result, Path, list[RequestRecord]],
    tmp_path: Path,
) -> None:
    dump, audited = fixture_dump
    out = tmp_path / "hydrated.parquet"
    before = {row["id"]: row for row in pq.read_table(dry_run[1]).to_pylist()}
    planned = sorted(
        f"{row['id']}/{path}"
        for row in before.values()
        for path in str(row["fetch"] or "").split(",")
        if path
    )
    hub.fail_next(1, "429")  # the Hub asks to wait once: the batch runner waits and goes on
    result = run(["scan", str(dump), "-o", str(out), "--hydrate", "-j", "4"])
    assert result.exit_code == 0, result.stderr
    # each planned file once, and the one answered 429 once more
    assert len(_requested_files(hub)) == len(planned) + 1
    after = {row["id"]: row for row in pq.read_table(out).to_pylist()}
    assert after.keys() == before.keys()  # rows in = rows out
    complete = {i for i, row in after.items() if not row["incomplete"]}
    assert len(complete) > len({i for i, row in before.items() if not row["incomplete"]}) + 5
    for repo_id, row in after.items():
        assert row["fetch"] is None, repo_id  # nothing left to fetch
        verdict = audited[repo_id]
        incomplete = set(str(row["incomplete"] or "").split(","))
        for layer in verdict.layers:
            if layer.id not in incomplete:
                assert row[layer.id] == layer.level, (repo_id, layer.id)
                assert row[f"{layer.id}_score"] == layer.score, (repo_id, layer.id)
    assert "hydrated " in result.stderr


def test_dry_run_needs_hydrate(fixture_dump: tuple[Path, dict[str, Verdict]]) -> None:
    result = run(["scan", str(fixture_dump[0]), "--dry-run"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--dry-run goes with --hydrate" in result.stderr


def test_a_file_that_cannot_be_fetched_is_a_reason_on_its_row(hub: FakeHub, tmp_path: Path) -> None:
    from scan_dump import dump_row

    gone = dump_row(id="acme/deleted-since-the-dump", cardData='{"license": "other"}')
    gone["siblings"] = [{"rfilename": "README.md"}, {"rfilename": "LICENSE"}]
    dump = write_dump(tmp_path / "models.parquet", [gone])
    out = tmp_path / "results.parquet"
    result = run(["scan", str(dump), "-q", "-o", str(out), "--hydrate"])
    assert result.exit_code == 0, result.stderr
    (row,) = pq.read_table(out).to_pylist()
    assert row["fetch"] is None  # tried once: not listed again
    assert "README.md not in the card dump and not fetched: README.md could not be read" in str(
        row["not_in_dump"]
    )
    assert "LICENSE not fetched: LICENSE could not be read" in str(row["not_in_dump"])
    assert {"documentation", "usage_limits"} <= set(str(row["incomplete"]).split(","))
