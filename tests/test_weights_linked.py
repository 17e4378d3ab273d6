"""Table-driven tests of weights published outside the repository.

A repo that lists no weight files still publishes weights when its card links them:
the Hub model repos a pipeline's 'Requirements' or 'Pipeline' section names as its
components, or a weight file linked for download (a .pth on a release or download
URL). weights.files_present is then yes (inferred, naming the links), the weights
layer partial, MOF's final parameters included, EOSAI's end-model weights released.
Negative twins: a card linking only code or a paper, a checkpoint linked as the
weights this model starts from, a Hub model compared with, a data file for download.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Outcome

HUB = "https://huggingface.co"
HEAD = "---\nlicense: mit\n---\n"
PIPELINE = ("README.md", "config.yaml", "handler.py")
BARE = ("README.md",)
RELEASE = "https://github.com/lab/depth/releases/download/v1.0/depth_vitl.pth"
REQUIREMENTS = (
    "# Speaker diarization\nA pipeline.\n## Requirements\n1. Install the library.\n"
    f"2. Accept the conditions of [segmentation]({HUB}/lab/segmentation-3.0).\n"
    f"3. Create a token; see [this pipeline]({HUB}/lab/diarization-3.1).\n"
)


def ev(readme: str, *paths: str, **fields: Any) -> Evidence:
    files = tuple(RepoFile(path) for path in paths)
    fields = {"source": "hub", **fields}
    return Evidence(ref="lab/diarization-3.1", repo_id="lab/diarization-3.1",
                    readme=HEAD + readme, files=files, **fields)  # fmt: skip


def ask(name: str, evidence: Evidence, **params: Any) -> Outcome:
    spec = get_evaluator(name)
    assert spec is not None
    return run(spec, ProbeContext(evidence), params)


# (case, evidence, files_present answer, reason substring)
CASES: list[tuple[str, Evidence, str, str]] = [
    ("a pipeline's Requirements link its Hub component repos", ev(REQUIREMENTS, *PIPELINE),
     "yes", "its 'Requirements' links the Hub model repos it runs as components, which hold "
     "the weights: lab/segmentation-3.0"),
    ("a 'Pipeline' section", ev(f"# P\nText.\n## Pipeline\n- [vad]({HUB}/lab/vad-2)\n",
                                *PIPELINE), "yes", "its 'Pipeline' links"),
    ("a .pth on a GitHub release", ev(f"# Depth\n## Download\n[ViT-L]({RELEASE})\n", *BARE),
     "yes", f"the card links weight files published outside it for download: {RELEASE}"),
    ("a checkpoint on a download host",
     ev("# Depth\nGet https://dl.labfiles.example/depth/depth_vitl.ckpt\n", *BARE), "yes",
     "https://dl.labfiles.example/depth/depth_vitl.ckpt"),
    ("safetensors resolved from another Hub repo",
     ev(f"# M\n[weights]({HUB}/lab/store/resolve/main/m.safetensors)\n", *BARE), "yes",
     "for download"),
    ("a checkpoint in a Zenodo record",
     ev("# M\n[ckpt](https://zenodo.org/records/123/files/m.pt)\n", *BARE), "yes", "m.pt"),
    # negative twins
    ("twin: a card linking only its code and paper",
     ev("# Depth\nCode: https://github.com/lab/depth, paper: https://arxiv.org/abs/2401.00001\n",
        *BARE), "no", "the repository lists no weight files"),
    ("twin: the checkpoint this model is initialised from",
     ev("# Depth\nThe encoder is initialised from https://dl.labfiles.example/mae/mae_vitl.pth"
        " and trained on our data.\n", *BARE), "no", "lists no weight files"),
    ("twin: a Hub model compared with, not a component",
     ev(f"# P\nText.\n## Comparison\nBetter than [x]({HUB}/lab/vad-2).\n", *PIPELINE), "no",
     "lists no weight files"),
    ("twin: a Hub model under 'Hardware Requirements'",
     ev(f"# P\nText.\n## Hardware Requirements\nLike [x]({HUB}/lab/vad-2).\n", *PIPELINE), "no",
     "lists no weight files"),
    ("twin: a data file for download is no weight file",
     ev("# M\n[data](https://github.com/lab/depth/releases/download/v1/train.h5)\n", *BARE),
     "no", "lists no weight files"),
    ("twin: a .pth on a page, not a download", ev("# M\nhttps://lab.example/docs/m.pth\n", *BARE),
     "no", "lists no weight files"),
    ("twin: weights in the repo are the repo's", ev(REQUIREMENTS, *PIPELINE, "model.safetensors"),
     "yes", "1 weight file(s): safetensors"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "answer", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_weights_linked_outside_the_repo(evidence: Evidence, answer: str, reason: str) -> None:
    found = ask("weight_files_present", evidence)
    assert found.answer == answer, found.reason
    assert reason in found.reason
    if "outside" in reason or "components" in reason:
        assert found.inferred
        assert any(c.where.startswith("README.md") for c in found.citations)


# (case, evidence, weights layer, EOSAI weights_endmodel, MOF final parameters)
LEVELS: list[tuple[str, Evidence, str, str, str]] = [
    ("gated pipeline of Hub components", ev(REQUIREMENTS, *PIPELINE, gated="auto"), "partial",
     "partial", "included"),
    ("ungated pipeline: whether its components are gated was not read",
     ev(REQUIREMENTS, *PIPELINE), "partial", "unknown", "included"),
    ("an open .pth on a release", ev(f"# Depth\n[ViT-L]({RELEASE})\n", *BARE), "partial", "open",
     "included"),
    ("a .pth on a release, this repo's gate not shown (a local folder)",
     ev(f"# Depth\n[ViT-L]({RELEASE})\n", *BARE, source="local"), "partial", "unknown",
     "included"),
    ("twin: code and paper only", ev("# Depth\nhttps://github.com/lab/depth\n", *BARE), "closed",
     "closed", "missing"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "layer", "endmodel", "component"),
    [c[1:] for c in LEVELS],
    ids=[c[0] for c in LEVELS],
)
def test_linked_weights_levels(
    evidence: Evidence, layer: str, endmodel: str, component: str
) -> None:
    weights = next(
        x for x in evaluate(load_rubric("openaudit"), evidence).layers if x.id == "weights"
    )
    assert weights.level == layer
    end = ask("eosai_dimension", evidence, dimension="weights_endmodel", at_least="open")
    assert getattr(end, "grade", None) == endmodel, end.reason
    mof = ask("mof_component", evidence, component="final_parameters", type="model")
    assert getattr(mof, "grade", None) == component, mof.reason
