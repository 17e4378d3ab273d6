"""Licence lineage over base models and training datasets, with LinkedRepo data built here."""

from __future__ import annotations

from typing import Any

from openaudit.evidence import Evidence, LinkedRepo
from openaudit.rubric.context import dataset_licenses, lineage


def base(repo_id: str, license: Any = None, status: str = "ok", **extra: Any) -> LinkedRepo:
    card = {"license": license} if license is not None else {}
    card.update(extra.pop("card", {}))
    return LinkedRepo(repo_id, "model", status, card_data=card, **extra)  # type: ignore[arg-type]


def model(license: Any, *bases: LinkedRepo, datasets: tuple[LinkedRepo, ...] = ()) -> Evidence:
    return Evidence(
        ref="me/derived",
        source="hub",
        repo_id="me/derived",
        url="https://huggingface.co/me/derived",
        api_card_data={"license": license} if license is not None else {},
        base_models=bases,
        datasets=datasets,
    )


def test_a_more_permissive_derivative_is_flagged() -> None:
    report = lineage(model("apache-2.0", base("metaish/llama-2-7b", "llama2", relation="finetune")))
    assert len(report.flags) == 1
    assert report.flags[0].startswith(
        "declares apache-2.0, but its base metaish/llama-2-7b is under llama2"
    )
    assert report.bases[0].license_id == "llama2"
    assert report.bases[0].citation.url == "https://huggingface.co/metaish/llama-2-7b"


def test_the_same_licence_is_not_flagged_and_restrictions_are_inherited() -> None:
    report = lineage(model("llama3.1", base("meta-llama/Llama-3.1-8B", "llama3.1")))
    assert report.flags == ()
    assert report.inherited is not None and report.inherited.id == "llama3.1"
    assert any("acceptable-use policy" in r for r in report.inherited_restrictions)


def test_a_permissive_base_under_a_stricter_derivative_is_fine() -> None:
    assert lineage(model("cc-by-nc-4.0", base("org/base", "mit"))).flags == ()


def test_a_merge_combines_every_base() -> None:
    evidence = model(
        "mit",
        base("a/one", "apache-2.0", relation="merge"),
        base("b/two", "cc-by-nc-4.0", relation="merge"),
    )
    report = lineage(evidence)
    assert report.inherited is not None
    assert report.inherited.family == "non-commercial"
    assert report.inherited.members == ("apache-2.0", "cc-by-nc-4.0")
    assert len(report.flags) == 1
    assert report.flags[0].startswith("declares mit, but its base b/two is under cc-by-nc-4.0")
    assert "commercial use yes where the base says no" in report.flags[0]
    assert any("merged" in n for n in report.notes)


def test_base_licence_from_tags_and_license_name() -> None:
    evidence = model(
        "llama3",
        base("a/tagged", tags=("license:llama3",)),
        base("b/named", "other", card={"license_name": "deepseek"}),
    )
    ids = [b.license_id for b in lineage(evidence).bases]
    assert ids == ["llama3", "deepseek"]


def test_missing_private_unknown_and_cyclic_bases_are_notes() -> None:
    evidence = model(
        "mit",
        base("me/derived", "mit"),
        base("gone/private", status="not_found"),
        base("odd/base", 42),
        base("x/y", "mit"),
        base("x/y", "mit", depth=2),
    )
    report = lineage(evidence)
    notes = " | ".join(report.notes)
    assert "cycle: me/derived names itself" in notes
    assert "x/y appears more than once" in notes
    assert "gone/private: licence unknown (not found on the Hub (it may be private" in notes
    assert "odd/base: licence unknown (the card's `license` is a number (42)" in notes
    assert [b.repo_id for b in report.bases] == ["gone/private", "odd/base", "x/y"]


def test_unknown_own_licence_still_inherits() -> None:
    report = lineage(model(None, base("meta/llama", "llama2")))
    assert report.declared_id is None and report.flags == ()
    assert report.inherited_restrictions
    assert any("own licence is unknown" in n for n in report.notes)


def test_gated_base_with_metadata_is_read() -> None:
    report = lineage(
        model("gemma", base("google/gemma-7b", "gemma", status="gated", gated="manual"))
    )
    assert report.bases[0].license_id == "gemma"
    assert any("gated" in n for n in report.notes)


def dataset(repo_id: str, license: Any = None, status: str = "ok") -> LinkedRepo:
    card = {"license": license} if license is not None else {}
    return LinkedRepo(repo_id, "dataset", status, card_data=card)  # type: ignore[arg-type]


def test_dataset_licence_flags() -> None:
    evidence = model(
        "mit",
        datasets=(
            dataset("d/nc", "cc-by-nc-4.0"),
            dataset("d/sa", "cc-by-sa-4.0"),
            dataset("d/open", "cc-by-4.0"),
            dataset("d/none"),
            dataset("d/other", "other"),
            dataset("d/missing", status="not_found"),
            dataset("d/list", ["odbl", "cc-by-nc-sa-4.0"]),
        ),
    )
    flags = {d.repo_id: d.flags for d in dataset_licenses(evidence)}
    assert flags == {
        "d/nc": ("non-commercial",),
        "d/sa": ("share-alike",),
        "d/open": (),
        "d/none": ("unknown",),
        "d/other": ("unknown",),
        "d/missing": ("unknown",),
        "d/list": ("non-commercial", "share-alike"),
    }
    first = dataset_licenses(evidence)[0]
    assert first.citation.url == "https://huggingface.co/datasets/d/nc"


def test_a_base_not_looked_up_says_why() -> None:
    why = "not looked up: local audit (no Hub access)"
    skipped = base("org/base", status="skipped", problem=why)
    report = lineage(model("apache-2.0", skipped))
    assert report.bases[0].facts is None
    assert "local audit" in report.bases[0].reason
