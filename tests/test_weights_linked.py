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

from openaudit.evidence import Evidence, LinkedRepo, RepoFile
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

LLM = f"[llm-8b]({HUB}/meta/llm-8b)"
BASE = LinkedRepo("meta/llm-8b", "model", "gated", gated="manual")
# (case, the 'Requirements' section's lines, whether meta/llm-8b is the declared base, the
# component repos named, or None: no weights published)
BASES_REQUIRED: list[tuple[str, str, bool, tuple[str, ...] | None]] = [
    ("the base model the user must accept the conditions of",
     f"1. Accept the conditions of {LLM}, the base model.\n", False, None),
    ("a model it requires access to", f"This adapter requires access to {LLM}.\n", False, None),
    ("a model to request access to", f"- Request gated access to {LLM} first.\n", False, None),
    ("a prerequisite", f"- Prerequisite: {LLM}\n", False, None),
    ("the declared base model, however worded", f"1. Accept the conditions of {LLM}.\n", True,
     None),
    # negative twins: a real pipeline's components still count, beside a base it needs
    ("a pipeline's components", f"1. Accept the conditions of [seg]({HUB}/lab/seg-3).\n"
     f"2. It runs [vad]({HUB}/lab/vad-2).\n", False, ("lab/seg-3", "lab/vad-2")),
    ("components named '-base', linked by URL",
     f"1. It runs [whisper-base]({HUB}/lab/whisper-base) and {HUB}/lab/seg-base.\n", False,
     ("lab/whisper-base", "lab/seg-base")),
    ("components beside the base to request access to",
     f"1. Request access to the base model {LLM}.\n2. The pipeline runs [vad]({HUB}/lab/vad-2)"
     f" and [seg]({HUB}/lab/seg-3).\n", True, ("lab/vad-2", "lab/seg-3")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "declared", "components"),
    [c[1:] for c in BASES_REQUIRED],
    ids=[c[0] for c in BASES_REQUIRED],
)
def test_a_required_base_model_is_no_component(
    lines: str, declared: bool, components: tuple[str, ...] | None
) -> None:
    """A weight-less repo whose 'Requirements' link the base model it is built on (a
    line calling it a base, a prerequisite or one to request access to, or the declared
    base_model) publishes no weights by that link; a pipeline's components still do."""
    readme = f"# Adapter\nAn adapter.\n## Requirements\n{lines}"
    evidence = ev(readme, *PIPELINE, base_models=(BASE,) if declared else ())
    found = ask("weight_files_present", evidence)
    if components is None:
        assert found.answer == "no", found.reason
        assert "lists no weight files" in found.reason
        return
    assert (found.answer, found.inferred) == ("yes", True), found.reason
    assert f"components, which hold the weights: {', '.join(components)}" in found.reason
    assert "meta/llm-8b" not in found.reason


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
