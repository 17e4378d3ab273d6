"""The local source reads a model folder on disk, bounded, never leaving the folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import openaudit.sources.local as local_module
from openaudit.card import Card, parse_card
from openaudit.cli.app import app
from openaudit.errors import UsageError
from openaudit.evidence import LinkedRepo, RepoFile
from openaudit.limits import MAX_CONFIG_BYTES, MAX_LICENSE_BYTES, MAX_README_BYTES
from openaudit.sources import open_evidence
from openaudit.sources.local import NOT_LOOKED_UP, load_local

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

CARD = """---
license: apache-2.0
datasets:
  - org/data-a
  - org/data-b
base_model: org/base
base_model_relation: finetune
tags: [text-generation, demo]
library_name: transformers
---
# Demo model
"""


def _front_matter_only(text: str) -> Card:
    """Stand-in while card.parse_card is still being written: front matter only."""
    _, _, rest = text.partition("---\n")
    front, _, _ = rest.partition("\n---")
    metadata = yaml.safe_load(front) if text.startswith("---\n") else None
    return Card.from_metadata(metadata if isinstance(metadata, dict) else {})


@pytest.fixture(autouse=True)
def _card_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        parse_card("")
    except NotImplementedError:
        monkeypatch.setattr(local_module, "parse_card", _front_matter_only)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


def test_reads_a_model_folder(tmp_path: Path) -> None:
    write(tmp_path / "README.md", CARD)
    write(tmp_path / "LICENSE", "Apache License\nVersion 2.0\n")
    write(tmp_path / "config.json", "{}")
    write(tmp_path / "model.safetensors", b"\x00" * 8)
    write(tmp_path / "sub" / "tokenizer.json", "{}")

    evidence = load_local(tmp_path)

    assert evidence.source == "local"
    assert evidence.ref == str(tmp_path)
    assert (evidence.repo_id, evidence.url, evidence.sha, evidence.revision) == (None,) * 4
    assert evidence.readme == CARD
    assert evidence.files == (
        RepoFile("LICENSE", 27),
        RepoFile("README.md", len(CARD)),
        RepoFile("config.json", 2),
        RepoFile("model.safetensors", 8),
        RepoFile("sub/tokenizer.json", 2),
    )
    assert not evidence.files_truncated
    assert [(f.path, f.text) for f in evidence.license_files] == [
        ("LICENSE", "Apache License\nVersion 2.0\n")
    ]
    assert evidence.problems == ()


def test_card_datasets_and_base_model_are_recorded_but_not_looked_up(tmp_path: Path) -> None:
    write(tmp_path / "README.md", CARD)

    evidence = load_local(tmp_path)

    assert evidence.datasets == (
        LinkedRepo("org/data-a", "dataset", "skipped", problem=NOT_LOOKED_UP),
        LinkedRepo("org/data-b", "dataset", "skipped", problem=NOT_LOOKED_UP),
    )
    assert evidence.base_models == (
        LinkedRepo(
            "org/base",
            "model",
            "skipped",
            relation="finetune",
            problem=NOT_LOOKED_UP,
        ),
    )
    assert evidence.tags == ("text-generation", "demo")
    assert evidence.library_name == "transformers"


def test_card_entries_that_are_not_repo_ids_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "---\ndatasets: [org/a, 3, org/a]\nbase_model: org/b\n---\n")

    evidence = load_local(tmp_path)

    assert [d.repo_id for d in evidence.datasets] == ["org/a"]
    assert [b.repo_id for b in evidence.base_models] == ["org/b"]
    assert [p.what for p in evidence.problems] == ["datasets"]


def test_lowercase_readme_and_byte_order_mark(tmp_path: Path) -> None:
    write(tmp_path / "readme.md", b"\xef\xbb\xbf# Title\n")
    assert load_local(tmp_path).readme == "# Title\n"


def test_folder_without_readme_or_licence(tmp_path: Path) -> None:
    write(tmp_path / "pytorch_model.bin", b"xx")
    evidence = load_local(tmp_path)
    assert evidence.readme is None
    assert evidence.license_files == ()
    assert evidence.datasets == ()
    assert evidence.files == (RepoFile("pytorch_model.bin", 2),)


def test_huge_readme_is_refused_without_reading_it(tmp_path: Path) -> None:
    with (tmp_path / "README.md").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk

    evidence = load_local(tmp_path)

    assert evidence.readme is None
    assert [p.what for p in evidence.problems] == ["README.md", "folder"]
    assert "larger than" in evidence.problems[0].message
    assert evidence.files == (RepoFile("README.md", 50 * 1024 * 1024),)


def test_readme_at_the_limit_is_read(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "a" * MAX_README_BYTES)
    assert load_local(tmp_path).readme == "a" * MAX_README_BYTES


def test_non_utf8_readme_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "café".encode("latin-1"))

    evidence = load_local(tmp_path)

    assert evidence.readme is None
    assert evidence.problems[0].what == "README.md"
    assert "UTF-8" in evidence.problems[0].message


def test_binary_licence_is_listed_without_text(tmp_path: Path) -> None:
    write(tmp_path / "LICENSE.pdf.txt", b"%PDF\x00\x01\x02")
    write(tmp_path / "COPYING", b"\xff\xfe not utf-8")

    files = {f.path: f for f in load_local(tmp_path).license_files}

    assert files["LICENSE.pdf.txt"].text is None
    assert "binary" in (files["LICENSE.pdf.txt"].problem or "")
    assert files["COPYING"].text is None
    assert "UTF-8" in (files["COPYING"].problem or "")


def test_oversized_licence_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / "LICENSE.md", "x" * (MAX_LICENSE_BYTES + 1))

    (licence,) = load_local(tmp_path).license_files

    assert licence.text is None
    assert licence.size == MAX_LICENSE_BYTES + 1
    assert "larger than" in (licence.problem or "")


ADAPTER_CONFIG = '{"peft_type": "LORA", "base_model_name_or_path": "org/base"}'


def test_adapter_config_is_read_only_when_no_base_is_declared(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "---\nlicense: mit\n---\n# adapter\n")
    write(tmp_path / "adapter_config.json", ADAPTER_CONFIG)

    (config,) = load_local(tmp_path).config_files

    assert (config.path, config.text, config.problem) == (
        "adapter_config.json",
        ADAPTER_CONFIG,
        None,
    )
    write(tmp_path / "README.md", "---\nlicense: mit\nbase_model: org/base\n---\n# adapter\n")
    assert load_local(tmp_path).config_files == ()


def test_oversized_adapter_config_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / "adapter_config.json", " " * MAX_CONFIG_BYTES + ADAPTER_CONFIG)

    evidence = load_local(tmp_path)

    (config,) = evidence.config_files
    assert config.text is None and "larger than" in (config.problem or "")
    assert [p.what for p in evidence.problems] == ["adapter_config.json"]


def test_only_top_level_licence_files_count(tmp_path: Path) -> None:
    write(tmp_path / "third_party" / "LICENSE", "MIT")
    write(tmp_path / "NOTICE", "notice")
    assert [f.path for f in load_local(tmp_path).license_files] == ["NOTICE"]


def test_hidden_folders_are_skipped_hidden_files_kept(tmp_path: Path) -> None:
    write(tmp_path / ".git" / "config", "[core]")
    write(tmp_path / ".cache" / "huggingface" / "x.lock", "")
    write(tmp_path / "sub" / ".hidden" / "y", "")
    write(tmp_path / ".gitattributes", "*.bin filter=lfs")

    paths = [f.path for f in load_local(tmp_path).files]

    assert paths == [".gitattributes"]


def test_file_listing_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_module, "MAX_FILES", 5)
    for index in range(8):
        write(tmp_path / f"shard-{index}.bin", "")

    evidence = load_local(tmp_path)

    assert len(evidence.files) == 5
    assert evidence.files_truncated
    assert [p.message for p in evidence.problems] == [
        "file listing cut at 5 files; 5 files listed, the rest not looked at"
    ]


def test_directory_walk_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_module, "MAX_DIRECTORIES", 10)
    for index in range(30):
        (tmp_path / f"empty-{index:02}").mkdir()  # empty folders: no file bound is reached
    walked: list[str] = []
    scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: walked.append(str(path)) or scandir(path))

    evidence = load_local(tmp_path)

    assert len(walked) == 10  # the root and 9 folders, then the walk stops
    assert evidence.files_truncated
    assert [p.message for p in evidence.problems if p.what == "files"] == [
        "directory walk cut at 10 directories; 0 files listed, the rest not looked at"
    ]


def test_one_huge_directory_is_not_read_past_the_bounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local_module, "MAX_FILES", 5)
    monkeypatch.setattr(local_module, "MAX_DIRECTORIES", 3)
    for index in range(50):
        (tmp_path / f"d{index:02}").mkdir()
    evidence = load_local(tmp_path)
    assert evidence.files_truncated
    assert "listing cut after 7 entries of ./" in evidence.problems[0].message


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_cut_listing_is_reported_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setattr(local_module, "MAX_FILES", 3)
    for index in range(5):
        write(tmp_path / f"shard-{index}.bin", "")
    result = CliRunner().invoke(app, [str(tmp_path), "-f", fmt], env={"COLUMNS": "200"})
    assert "file listing cut at 3 files" in result.stdout


def test_listing_is_sorted_posix_paths(tmp_path: Path) -> None:
    for name in ["b/z.txt", "a-c", "a/b.txt", "B.txt"]:
        write(tmp_path / name, "")
    assert [f.path for f in load_local(tmp_path).files] == ["B.txt", "a-c", "a/b.txt", "b/z.txt"]


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.txt", "secret licence text")
    write(outside / "big" / "file", "x")
    model = tmp_path / "model"
    model.mkdir()
    (model / "LICENSE").symlink_to(outside / "secret.txt")
    (model / "README.md").symlink_to(outside / "secret.txt")
    (model / "data").symlink_to(outside / "big")

    evidence = load_local(model)

    assert evidence.files == (RepoFile("LICENSE"), RepoFile("README.md"), RepoFile("data"))
    assert evidence.readme is None
    (licence,) = evidence.license_files
    assert licence.text is None
    assert "outside the model folder" in (licence.problem or "")
    assert "secret" not in repr(evidence)
    assert any("3 symlink(s) point outside" in p.message for p in evidence.problems)


def test_symlinks_inside_the_folder_are_read(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "card.md", "# Card\n")
    (tmp_path / "README.md").symlink_to("docs/card.md")
    (tmp_path / "loop").symlink_to("loop")

    evidence = load_local(tmp_path)

    assert evidence.readme == "# Card\n"
    assert RepoFile("README.md", 7) in evidence.files
    assert "loop" not in {f.path for f in evidence.files}  # nothing behind it: reported only
    assert any("form a loop" in p.message for p in evidence.problems)


def test_a_symlink_loop_is_reported_as_a_loop(tmp_path: Path) -> None:
    (tmp_path / "README.md").symlink_to("card.md")
    (tmp_path / "card.md").symlink_to("README.md")
    (tmp_path / "self").symlink_to("self")
    (tmp_path / "gone").symlink_to("nowhere")

    evidence = load_local(tmp_path)

    assert [p.message for p in evidence.problems if p.what != "folder"] == [
        "README.md: symlink loop; not followed",
        "3 symlink(s) form a loop; not followed (README.md, card.md, self)",
        "1 symlink(s) lead to nothing (their targets do not exist) (gone)",
    ]
    assert not any("outside" in p.message for p in evidence.problems)
    assert {f.path for f in evidence.files} & {"README.md", "card.md", "self", "gone"} == set()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_listed_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "README.md")
    evidence = load_local(tmp_path)
    assert evidence.readme is None
    assert evidence.files == (RepoFile("README.md"),)


@pytest.mark.parametrize("name", ["missing", "file.txt"])
def test_not_a_folder_is_a_usage_error(tmp_path: Path, name: str) -> None:
    write(tmp_path / "file.txt", "")
    with pytest.raises(UsageError, match="not a model folder"):
        load_local(tmp_path / name)


def test_open_evidence_keeps_the_ref_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "model" / "README.md", "# hi\n")
    monkeypatch.chdir(tmp_path)

    evidence = open_evidence("./model/")

    assert evidence.ref == "./model/"
    assert evidence.readme == "# hi\n"


@pytest.mark.parametrize("name", ["open-model", "restricted-model"])
def test_examples_load_cleanly(name: str) -> None:
    evidence = load_local(EXAMPLES / name)
    assert evidence.readme is not None
    assert evidence.problems == ()
    assert all(f.text for f in evidence.license_files)


def test_a_linked_repo_not_looked_up_is_said_once(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "---\nlicense: mit\ndatasets: [org/data]\n---\n# Model\n")
    result = CliRunner().invoke(app, [str(tmp_path), "-f", "json"])
    assert "org/data was not looked up (a local audit has no Hub access)" in result.stdout
    assert "not looked up (not looked up" not in result.stdout


@pytest.mark.parametrize(
    ("files", "warned"),
    [
        (
            {"notes.txt": "", "a/model.safetensors": "", "a/README.md": "# A"},
            "its subfolder(s) a do",
        ),
        ({"README.md": "# Just docs\n"}, "no model-card metadata"),
        ({"config.json": "{}"}, None),
        ({"model.gguf": ""}, None),
        ({"asr.nemo": ""}, None),
        ({"saved_model.pb": "", "variables/variables.data-00000-of-00001": ""}, None),
        ({"model.joblib": ""}, None),
        ({"README.md": "---\nlicense: mit\n---\n# Card\n"}, None),
    ],
)
def test_a_folder_that_is_not_a_model_is_audited_with_a_warning(
    tmp_path: Path, files: dict[str, str], warned: str | None
) -> None:
    for name, text in files.items():
        write(tmp_path / name, text)
    problems = [p for p in load_local(tmp_path).problems if p.what == "folder"]
    if warned is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].message.startswith(
            "does not look like a model folder"
        )
        assert warned in problems[0].message


def test_the_not_a_model_warning_shows_in_the_table(tmp_path: Path) -> None:
    write(tmp_path / "notes.txt", "")
    result = CliRunner().invoke(app, [str(tmp_path), "-f", "table"], env={"COLUMNS": "200"})
    assert "problem: folder: does not look like a model folder" in result.stdout


@pytest.mark.parametrize(
    ("licence", "said"),
    [
        (None, "no licence file"),
        ("Apache License\nVersion 2.0, January 2004\n", "licence file disagrees with the card"),
    ],
)
def test_the_licence_file_summary_says_the_actual_cause(
    tmp_path: Path, licence: str | None, said: str
) -> None:
    write(tmp_path / "README.md", "---\nlicense: mit\n---\n# Model\n")
    write(tmp_path / "model.safetensors", "")
    if licence is not None:
        write(tmp_path / "LICENSE", licence)
    result = CliRunner().invoke(app, [str(tmp_path), "-f", "json"])
    [usage] = [
        x for x in json.loads(result.stdout)["models"][0]["layers"] if x["id"] == "usage_limits"
    ]
    assert said in usage["summary"] and "missing or inconsistent" not in usage["summary"]


def test_a_licence_file_over_the_bound_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local_module, "MAX_LICENSE_BYTES", 10)
    write(tmp_path / "LICENSE", "MIT License " * 3)
    write(tmp_path / "config.json", "{}")
    evidence = load_local(tmp_path)
    assert [p.message for p in evidence.problems] == [
        "LICENSE: larger than 10 bytes (36); not read"
    ]


def test_a_dangling_weight_symlink_is_no_evidence_of_weights(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "---\nlicense: mit\n---\n# M\n")
    (tmp_path / "model.safetensors").symlink_to("blobs/missing")

    evidence = load_local(tmp_path)

    assert [f.path for f in evidence.files] == ["README.md"]
    assert any("lead to nothing" in p.message for p in evidence.problems)
