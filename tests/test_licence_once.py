"""Licence identification runs once per model, however many rubrics judge it."""

from __future__ import annotations

import pytest
from fakehub import FakeHub

from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import license_identification as identification
from openaudit.sources.hub import fetch_hub_evidence


def test_one_identification_for_several_rubrics(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence = fetch_hub_evidence("acme/llama-ft")
    calls: list[object] = []
    real = identification.identify

    def counting(ev: object) -> object:
        calls.append(ev)
        return real(ev)  # type: ignore[arg-type]

    monkeypatch.setattr(identification, "identify", counting)
    rubrics = [load_rubric(name) for name in ("openaudit", "mof", "osaid", "eosai")]
    verdicts = [evaluate(rubric, evidence) for rubric in rubrics]
    assert len(calls) == 1
    again = [evaluate(rubric, evidence) for rubric in rubrics]
    assert again == verdicts  # reusing the report changes nothing
    other = fetch_hub_evidence("openlab/open-7b")
    evaluate(rubrics[0], other)
    assert len(calls) == 2  # a new model is identified anew
