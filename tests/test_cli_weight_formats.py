"""Through the CLI against the fake Hub: a library's own weight files (a stable-baselines3
agent's .zip, a spaCy pipeline's component files) are published weights, and an ONNX
export beside a declared `base_model` is a copy of the base, so weights are partial."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fakehub import FakeHub
from typer.testing import CliRunner

from openaudit.cli.app import app

# ref, weights level, {probe: (answer, basis, words in the reason)}
CASES: list[tuple[str, str, dict[str, tuple[str, str, str]]]] = [
    ("rlzoo/ppo-CartPole-v1", "partial", {
        "weights.files_present": ("yes", "stated", "1 weight file(s): sb3-zip"),
        "weights.safe_format": ("no", "stated", "torch.save pickles"),
        "weights.original": ("yes", "stated", "no base model is declared"),
    }),
    ("nlpkit/en_pipe_sm", "open", {
        "weights.files_present": ("yes", "stated", "4 weight file(s): spacy, whl"),
        "weights.safe_format": ("yes", "stated", "msgpack arrays, no pickle"),
    }),
    ("webconv/open-7b-onnx", "partial", {
        "weights.files_present": ("yes", "stated", "2 weight file(s): onnx"),
        "weights.original": ("no", "inferred", "only onnx files beside `base_model`"),
    }),
    # negative twin: the base itself, original safetensors weights
    ("openlab/open-7b", "open", {
        "weights.original": ("yes", "stated", "no base model is declared"),
    }),
]  # fmt: skip


def _weights(ref: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [ref, "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    model = json.loads(result.stdout)["models"][0]
    return next(layer for layer in model["layers"] if layer["id"] == "weights")


@pytest.mark.parametrize(("ref", "level", "findings"), CASES, ids=[c[0] for c in CASES])
def test_weights_layer(
    ref: str, level: str, findings: dict[str, tuple[str, str, str]], hub: FakeHub
) -> None:
    layer = _weights(ref)
    assert layer["level"] == level
    got = {f["probe"]: f for f in layer["findings"]}
    for probe, (answer, basis, words) in findings.items():
        finding = got[probe]
        assert (finding["answer"], finding["basis"]) == (answer, basis), finding["reason"]
        assert words in finding["reason"]
