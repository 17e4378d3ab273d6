"""The examples the README points to stay valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from openaudit.rubric import evaluate, load_rubric
from openaudit.sources import open_evidence

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.mark.parametrize("path", sorted((EXAMPLES / "rubrics").glob("*.yaml")), ids=str)
def test_example_rubric_loads_and_scores_the_example_model(path: Path) -> None:
    rubric = load_rubric(str(path))
    verdict = evaluate(rubric, open_evidence(str(EXAMPLES / "open-model")))
    assert [layer.id for layer in verdict.layers] == [
        "weights",
        "code",
        "data",
        "documentation",
        "usage_limits",
    ]


def test_custom_rubric_adds_disables_and_overrides() -> None:
    rubric = load_rubric(str(EXAMPLES / "rubrics" / "acme-procurement.yaml"))
    ids = {probe.id for probe in rubric.probes}
    assert "acme.safetensors_only" in ids
    assert "docs.template_coverage" not in ids
    assert rubric.probe("usage.commercial_use").weight == 5
