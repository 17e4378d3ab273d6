"""The batch runner and its inputs, through the public API (no network)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_samples import sample_verdict

from openaudit.batch import BatchItem, run_batch
from openaudit.batch_inputs import (
    items_from_args,
    items_from_lines,
    items_from_listing,
    numbering,
    open_ref_list,
    read_lines,
    ref_from_line,
)
from openaudit.errors import ModelNotFound, NetworkError, UsageError
from openaudit.report import Audit, ModelError, Result


def _audit(item: BatchItem) -> Result:
    if item.ref.startswith("missing/"):
        raise ModelNotFound(f"model not found: {item.ref}")
    if item.ref.startswith("crash/"):
        raise RuntimeError("a bug")
    return Audit((sample_verdict(item.ref),))


class Observer:
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def started(self, total: int | None) -> None:
        self.events.append(("started", total))

    def total_known(self, total: int) -> None:
        self.events.append(("total", total))

    def finished(self, item: BatchItem, result: Result) -> None:
        self.events.append(("finished", item.ref))


def _items(*refs: str) -> list[BatchItem]:
    return list(items_from_args(refs, numbering()))


def test_every_item_yields_exactly_one_result() -> None:
    refs = [f"org/m{i}" for i in range(50)] + ["missing/x", "crash/y"]
    observer = Observer()
    results = list(run_batch(_items(*refs), _audit, jobs=8, observer=observer))
    assert sorted(item.ref for item, _ in results) == sorted(refs)
    by_ref = {item.ref: result for item, result in results}
    assert isinstance(by_ref["org/m0"], Audit)
    assert by_ref["missing/x"] == ModelError("missing/x", 3, "model not found: missing/x")
    crashed = by_ref["crash/y"]
    assert isinstance(crashed, ModelError) and crashed.code == 3
    assert "internal error while auditing: RuntimeError" in crashed.message
    assert observer.events[0] == ("started", None)
    assert ("total", len(refs)) in observer.events
    assert sum(1 for kind, _ in observer.events if kind == "finished") == len(refs)


def test_a_malformed_item_is_reported_without_being_audited() -> None:
    audited: list[str] = []

    def audit(item: BatchItem) -> Result:
        audited.append(item.ref)
        return _audit(item)

    bad = BatchItem(1, "not a ref", "refs.txt:2", UsageError("refs.txt:2: not a model reference"))
    items = [BatchItem(0, "org/a"), bad, BatchItem(2, "org/b")]
    results = dict((item.index, result) for item, result in run_batch(items, audit, jobs=2))
    assert results[1] == ModelError("not a ref", 2, "refs.txt:2: not a model reference")
    assert sorted(audited) == ["org/a", "org/b"]


def test_the_input_is_read_lazily_a_few_items_per_worker_ahead() -> None:
    pulled = 0
    release = threading.Event()

    def source() -> Iterator[BatchItem]:
        nonlocal pulled
        for index in range(1000):
            pulled += 1
            yield BatchItem(index, f"org/m{index}")

    def slow(item: BatchItem) -> Result:
        if item.index:  # the first model finishes at once, the others wait to be released
            release.wait(30)
        return _audit(item)

    results = run_batch(source(), slow, jobs=4)
    first, _ = next(results)
    assert first.index == 0
    assert pulled <= 4 * 2 + 1  # jobs x QUEUED_PER_JOB, not the whole input
    release.set()
    assert len(list(results)) == 999


def test_one_worker_keeps_input_order() -> None:
    refs = [f"org/m{i}" for i in range(10)]
    assert [item.ref for item, _ in run_batch(_items(*refs), _audit, jobs=1)] == refs


# -- ref lists ---------------------------------------------------------------------------

LINES = [
    ("org/name", "org/name"),
    ("  org/name  ", "org/name"),
    ("org/name # a note", "org/name"),
    ("org/name\t# a note", "org/name"),
    ("# a comment", ""),
    ("   # indented comment", ""),
    ("", ""),
    ("   ", ""),
    ("org/name#frag", "org/name#frag"),  # kept whole, then reported as malformed
]


@pytest.mark.parametrize(("line", "ref"), LINES)
def test_ref_from_line(line: str, ref: str) -> None:
    assert ref_from_line(line) == ref


@given(st.text())
def test_ref_from_line_is_total_and_trimmed(line: str) -> None:
    ref = ref_from_line(line)
    assert ref == ref.strip()
    assert not ref.startswith("#")
    assert " #" not in ref and "\t#" not in ref


def test_a_ref_list_names_the_line_of_each_malformed_ref() -> None:
    text = "# models\norg/a\n\nnot a ref\norg/b  # kept\nhttps://example.com/x\n"
    items = list(items_from_lines(text.splitlines(), "refs.txt", numbering()))
    assert [(item.index, item.ref, item.origin) for item in items] == [
        (0, "org/a", "refs.txt:2"),
        (1, "not a ref", "refs.txt:4"),
        (2, "org/b", "refs.txt:5"),
        (3, "https://example.com/x", "refs.txt:6"),
    ]
    assert [item.error is None for item in items] == [True, False, True, False]
    assert items[1].error is not None
    assert items[1].error.message.startswith("refs.txt:4: not a model reference: 'not a ref'")


def test_an_overlong_line_is_malformed_not_parsed() -> None:
    (item,) = items_from_lines(["x" * 5000], "refs.txt", numbering())
    assert item.error is not None and "longer than 4096" in item.error.message
    assert len(item.ref) < 50


def test_a_listing_that_breaks_off_ends_with_an_error_item() -> None:
    def listing() -> Iterator[tuple[str, object]]:
        yield "org/a", {"id": "org/a"}
        raise NetworkError("could not reach the Hub")

    items = list(items_from_listing(listing(), "--author org", numbering()))
    assert [item.ref for item in items] == ["org/a", "listing --author org"]
    assert items[0].listed == {"id": "org/a"}
    assert isinstance(items[1].error, NetworkError)


def test_an_empty_listing_is_an_error_item() -> None:
    (item,) = items_from_listing(iter(()), "--author nobody", numbering())
    assert item.error is not None
    assert item.error.message == "the Hub lists no model for --author nobody"
    assert int(item.error.exit_code) == 3


def test_a_line_that_is_not_utf8_is_an_error_row_with_a_printable_ref(tmp_path: Path) -> None:
    path = tmp_path / "refs.txt"
    path.write_bytes(b"org/a\n\xff\xfe/bad\n")
    with open_ref_list(str(path)) as handle:
        items = list(items_from_lines(handle, "refs.txt", numbering()))
    assert [item.ref for item in items] == ["org/a", "\\xff\\xfe/bad"]
    assert items[1].error is not None
    items[1].ref.encode("utf-8")  # printable anywhere


def test_an_endless_line_is_read_only_so_far(tmp_path: Path) -> None:
    path = tmp_path / "refs.txt"
    path.write_text("x" * 100_000 + "\norg/b\n", encoding="utf-8")
    with open_ref_list(str(path)) as handle:
        lines = list(read_lines(handle))
    assert [len(line) for line in lines] == [4097, len("org/b\n")]
    items = list(items_from_lines(lines, "refs.txt", numbering()))
    assert [item.ref for item in items][1] == "org/b"
    assert items[0].error is not None and "refs.txt:1: line longer" in items[0].error.message
