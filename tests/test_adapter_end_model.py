"""A PEFT adapter's end model is the adapter applied to its base (EOSAI weights_endmodel).

Table-driven: the adapter's files and its base as the source looked it up (declared in
`base_model`, or named by adapter_config.json), and the EOSAI level. A gated base makes
the end model partial, as delta weights are; an ungated base leaves it open.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, LinkStatus, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run

ADAPTER = ("README.md", "adapter_config.json", "adapter_model.safetensors")
ON_GATED = "---\nlicense: apache-2.0\nbase_model: meta/llm-8b\nlibrary_name: peft\n---\n# m\n"
NO_BASE_FIELD = "---\nlicense: apache-2.0\nlibrary_name: peft\n---\n# m\n"


def base(
    repo_id: str = "meta/llm-8b", status: LinkStatus = "ok", gated: bool | str = False
) -> LinkedRepo:
    files = () if status != "ok" else (RepoFile("model.safetensors"),)
    return LinkedRepo(repo_id, "model", status, gated=gated, files=files)


def ev(readme: str, *paths: str, **fields: Any) -> Evidence:
    files = tuple(RepoFile(path) for path in paths)
    return Evidence(ref="org/m", repo_id="org/m", source="hub", readme=readme, files=files,
                    **fields)  # fmt: skip


def level(evidence: Evidence) -> tuple[str, str]:
    spec = get_evaluator("eosai_dimension")
    assert spec is not None
    params = {"dimension": "weights_endmodel", "at_least": "partial"}
    outcome = run(spec, ProbeContext(evidence), params)
    return getattr(outcome, "grade", ""), outcome.reason


CASES: list[tuple[str, Evidence, str, str]] = [
    ("adapter on a gated declared base",
     ev(ON_GATED, *ADAPTER, base_models=(base(gated="manual"),)), "partial",
     "only a PEFT adapter (adapter_model.safetensors): the end model is it applied to "
     "meta/llm-8b, which is gated"),
    ("adapter on a base whose status is gated",
     ev(ON_GATED, *ADAPTER, base_models=(base(status="gated"),)), "partial", "which is gated"),
    ("adapter whose adapter_config names a gated base",
     ev(NO_BASE_FIELD, *ADAPTER, implied_bases=(base(gated="auto"),)), "partial",
     "meta/llm-8b, which is gated"),
    ("adapter .bin of library peft, no config listed, gated base",
     ev(ON_GATED, "adapter_model.bin", base_models=(base(gated="manual"),)), "partial",
     "which is gated"),
    ("adapter on a base not looked up",
     ev(ON_GATED, *ADAPTER, base_models=(base(status="skipped"),)), "unknown",
     "which was not looked up"),
    ("adapter on a base the Hub does not show",
     ev(ON_GATED, *ADAPTER, base_models=(base(status="not_found"),)), "unknown",
     "which the Hub does not show (missing, or private)"),
    # negative twins: an open base, full weights on a gated base, no PEFT marker
    ("adapter on an ungated base stays open", ev(ON_GATED, *ADAPTER, base_models=(base(),)),
     "open", "not gated"),
    ("full fine-tune of a gated base is its own weights",
     ev(ON_GATED, "model.safetensors", base_models=(base(gated="manual"),)), "open", "not gated"),
    ("adapter-named weights without peft are not an adapter",
     ev("---\nbase_model: meta/llm-8b\n---\n# m\n", "adapter_model.safetensors",
        base_models=(base(gated="manual"),)), "open", "not gated"),
    ("adapter beside full weights is no adapter-only release",
     ev(ON_GATED, *ADAPTER, "model.safetensors", base_models=(base(gated="manual"),)), "open",
     "not gated"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "grade", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_adapter_end_model(evidence: Evidence, grade: str, reason: str) -> None:
    got, why = level(evidence)
    assert got == grade, why
    assert reason in why


def test_adapter_on_a_gated_base_is_inferred() -> None:
    spec = get_evaluator("eosai_dimension")
    assert spec is not None
    evidence = ev(ON_GATED, *ADAPTER, base_models=(base(gated="manual"),))
    params = {"dimension": "weights_endmodel", "at_least": "open"}
    outcome = run(spec, ProbeContext(evidence), params)
    assert (outcome.answer, outcome.inferred) == ("no", True)
