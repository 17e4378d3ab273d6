"""Table-driven tests of the generic evaluators."""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer


def ev(**fields: Any) -> Evidence:
    fields.setdefault("source", "hub")
    return Evidence(ref="org/m", repo_id="org/m", url="https://huggingface.co/org/m", **fields)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.reason


APACHE = "---\nlicense: apache-2.0\nbase_model: org/base\n---\n# m\n"
CUSTOM_OTHER = "---\nlicense: other\nlicense_name: acme-model-licence\n---\n"  # a custom licence
CARD = """---
license: apache-2.0
datasets: [org/data]
language: [en, fr]
tags: [arxiv:2401.00001]
---
# Model
## Training Data
We trained on a large filtered web corpus, deduplicated and cleaned.
## Limitations
[More Information Needed]
See [code](https://github.com/org/repo) and [paper](https://arxiv.org/abs/2401.00001).
"""
BROKEN = "---\nlicense: [apache\n---\n# Model\n"
FILES = (RepoFile("README.md"), RepoFile("model-00001-of-00002.safetensors"), RepoFile("x/a.BIN"))


def ds(license: Any, status: str = "ok", repo_id: str = "org/data") -> LinkedRepo:
    data = {} if license is None else {"license": license}
    return LinkedRepo(repo_id, "dataset", status, card_data=data)  # type: ignore[arg-type]


CASES: list[tuple[str, str, Evidence, dict[str, Any], Answer, str]] = [
    ("present", "field_present", ev(readme=CARD), {"key": "license"}, "yes", "sets `license`"),
    ("absent", "field_present", ev(readme=CARD), {"key": "base_model"}, "no", "no `base_model`"),
    ("broken metadata", "field_present", ev(readme=BROKEN), {"key": "license"}, "unknown",
     "could not be read"),
    ("no card", "field_present", ev(), {"key": "license"}, "unknown", "no README"),
    ("api metadata", "field_present", ev(api_card_data={"license": "mit"}), {"key": "license"},
     "yes", ""),
    ("one_of", "field_matches", ev(readme=CARD), {"key": "language", "one_of": ["FR"]}, "yes",
     "'fr'"),
    ("regex", "field_matches", ev(readme=CARD), {"key": "license", "pattern": "^apache"},
     "yes", ""),
    ("no match", "field_matches", ev(readme=CARD), {"key": "language", "one_of": ["de"]},
     "no", ""),
    ("glob", "file_glob_present", ev(files=FILES), {"patterns": ["*.safetensors"]},
     "yes", "1 file"),
    ("glob case", "file_glob_present", ev(files=FILES), {"patterns": ["*.bin"]}, "yes", ""),
    ("min count", "file_glob_present", ev(files=FILES),
     {"patterns": ["*.safetensors"], "min_count": 2}, "no", ""),
    ("truncated", "file_glob_present", ev(files=FILES, files_truncated=True),
     {"patterns": ["*.gguf"]}, "unknown", "truncated"),
    ("no listing", "file_glob_present", ev(), {"patterns": ["*"]}, "unknown", "no file listing"),
    ("family yes", "license_family_in", ev(readme=CARD), {"families": ["permissive"]}, "yes", ""),
    ("family no", "license_family_in", ev(readme="---\nlicense: llama2\n---\n"),
     {"families": ["permissive", "copyleft"]}, "no", "restricted"),
    ("no licence", "license_family_in", ev(readme="# x"), {"families": ["permissive"]}, "no",
     "no licence"),
    ("no licence wanted", "license_family_in", ev(readme="# x"), {"families": ["none"]}, "yes", ""),
    ("unidentified", "license_family_in", ev(readme=CUSTOM_OTHER),
     {"families": ["permissive"]}, "no", "takes it as a custom licence"),
    ("unidentified grants use", "license_family_in", ev(readme=CUSTOM_OTHER),
     {"families": ["permissive", "restricted"]}, "yes", "grants use on its own terms"),
    ("with bases: base unseen", "license_family_in",
     ev(readme=APACHE, base_models=(LinkedRepo("org/base", "model", "not_found"),)),
     {"families": ["permissive"], "with_bases": True}, "unknown", "terms of its base org/base"),
    ("with bases: restricted base", "license_family_in",
     ev(readme=APACHE, base_models=(
         LinkedRepo("org/base", "model", "ok", card_data={"license": "llama2"}),)),
     {"families": ["permissive"], "with_bases": True}, "no", "is restricted"),
    ("with bases: open base", "license_family_in",
     ev(readme=APACHE, base_models=(
         LinkedRepo("org/base", "model", "ok", card_data={"license": "mit"}),)),
     {"families": ["permissive"], "with_bases": True}, "yes", "'apache-2.0' is permissive"),
    ("own tag only: base unseen ignored", "license_family_in",
     ev(readme=APACHE, base_models=(LinkedRepo("org/base", "model", "not_found"),)),
     {"families": ["permissive"]}, "yes", ""),
    ("section", "section_present", ev(readme=CARD), {"names": ["Training Data"], "min_words": 5},
     "yes", "11 words"),
    ("section short", "section_present", ev(readme=CARD), {"names": ["Training"], "min_words": 50},
     "no", "fewer than 50"),
    ("placeholders excluded", "section_present", ev(readme=CARD),
     {"names": ["Limitations"], "min_words": 11}, "no", ""),
    ("section missing", "section_present", ev(readme=CARD), {"names": ["Evaluation"]}, "no", ""),
    ("section gated", "section_present", ev(access="gated", gated="manual"), {"names": ["x"]},
     "unknown", "gated"),
    ("link kind", "link_present", ev(readme=CARD), {"kinds": ["code"]}, "yes", ""),
    ("link host", "link_present", ev(readme=CARD), {"hosts": ["arxiv.org"]}, "yes", ""),
    ("link none", "link_present", ev(readme=CARD), {"hosts": ["gitlab.com"]}, "no", ""),
    ("datasets open", "dataset_license_in", ev(readme=CARD, datasets=(ds("cc-by-4.0"),)),
     {"families": ["permissive"]}, "yes", ""),
    ("dataset by id", "dataset_license_in", ev(readme=CARD, datasets=(ds("ODbL"),)),
     {"ids": ["odbl"]}, "yes", ""),
    ("dataset nc", "dataset_license_in",
     ev(readme=CARD, datasets=(ds("cc-by-4.0"), ds("cc-by-nc-4.0", repo_id="o/nc"))),
     {"families": ["permissive"]}, "no", "o/nc is under cc-by-nc-4.0"),
    ("dataset no licence", "dataset_license_in", ev(readme=CARD, datasets=(ds(None),)),
     {"families": ["permissive"]}, "no", "declares no licence"),
    # a 404 shows the dataset is not on the Hub, not that its licence is closed
    ("dataset not found", "dataset_license_in", ev(readme=CARD, datasets=(ds("mit", "not_found"),)),
     {"families": ["permissive"]}, "unknown", "not on the Hub (missing, or private): its licence"),
    ("dataset unrecognised", "dataset_license_in", ev(readme=CARD, datasets=(ds("acme-1"),)),
     {"families": ["permissive"]}, "unknown", "not identified"),
    ("not looked up", "dataset_license_in", ev(readme=CARD), {"families": ["permissive"]},
     "unknown", "org/data was not looked up"),
    ("no datasets", "dataset_license_in", ev(readme="# x"), {"families": ["permissive"]},
     "unknown", "no datasets"),
    ("tag", "tag_present", ev(tags=("arxiv:2401.00001",)), {"tags": ["arxiv:*"]}, "yes", ""),
    ("card tag", "tag_present", ev(readme=CARD), {"tags": ["ARXIV:*"]}, "yes", ""),
    ("no tag", "tag_present", ev(tags=("license:mit",)), {"tags": ["arxiv:*"]}, "no", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "evidence", "params", "answer", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_generic_evaluator(
    name: str, evidence: Evidence, params: dict[str, Any], answer: Answer, reason: str
) -> None:
    got, why = ask(name, evidence, **params)
    assert got == answer, why
    assert reason in why


def test_every_answer_cites_where_it_read() -> None:
    spec = get_evaluator("file_glob_present")
    assert spec is not None
    outcome = run(spec, ProbeContext(ev(files=FILES)), {"patterns": ["*.safetensors"]})
    assert outcome.citations[0].where == "file:model-00001-of-00002.safetensors"
    assert outcome.citations[0].url == (
        "https://huggingface.co/org/m/blob/main/model-00001-of-00002.safetensors"
    )
