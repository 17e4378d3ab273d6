"""EOSAI rubric: dimension levels as two probes, mean score over decided ones."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from framework_fixtures import fully_open, llama_finetune

from openaudit.evidence import Evidence
from openaudit.frameworks.eosai import eosai_result
from openaudit.rubric import evaluate, load_rubric
from openaudit.verdict import Answer, Outcome


def levels(result: dict[str, Any]) -> dict[str, str]:
    return {d["id"]: d["level"] for d in result["dimensions"]}


def test_fully_open() -> None:
    """Weights (not gated), data (CC-BY, ODC-By), licences (weights, code and data all
    open): open. Every dimension is decided: linked training code whose completeness
    the card does not show is partial (inferred); an arXiv paper with no venue is a
    preprint (open) and no peer-reviewed paper (closed)."""
    result = evaluate(load_rubric("eosai"), fully_open()).extras["eosai"]
    found = levels(result)
    assert found["weights_endmodel"] == found["licenses"] == found["modelcard"] == "open"
    assert found["preprint"] == "open" and found["paper"] == "closed"
    assert found["trainingcode"] == "partial"
    assert result["decided"] == 12 and result["undecided"] == 0
    training = next(d for d in result["dimensions"] if d["id"] == "trainingcode")
    assert training["basis"] == "inferred" and "between" not in training
    code = result["layers"]["code"]
    assert (code["level"], code["basis"]) == ("partial", "inferred")
    assert code["reason"].startswith("EOSAI trainingcode: partial (training code linked")


def test_llama_finetune() -> None:
    """Base Llama 3 weights are gated (partial); its own weights are open; the
    NC dataset makes end-model data partial; llama3 + NC data -> licences closed."""
    result = evaluate(load_rubric("eosai"), llama_finetune()).extras["eosai"]
    found = levels(result)
    assert found["weights_basemodel"] == "partial"
    assert found["weights_endmodel"] == "open"
    assert found["datasources_endmodel"] == "partial"
    assert found["licenses"] == "closed"
    assert found["trainingcode"] == found["paper"] == "closed"


def test_two_probes_make_three_levels() -> None:
    spec = load_rubric("eosai").framework
    assert spec is not None

    def answers(open_: Answer, partial: Answer) -> dict[str, Outcome]:
        found = {p: Outcome.no("closed") for p in spec.probe_ids()}
        found["eosai.paper.open"] = Outcome(open_, "o")
        found["eosai.paper.partial"] = Outcome(partial, "p")
        return found

    cases = [("yes", "yes", "open"), ("no", "yes", "partial"), ("no", "no", "closed"),
             ("unknown", "yes", "unknown"), ("no", "unknown", "unknown")]  # fmt: skip
    for open_, partial, level in cases:
        result = eosai_result(spec, answers(open_, partial))  # type: ignore[arg-type]
        assert levels(result)["paper"] == level
    result = eosai_result(spec, answers("no", "yes"))
    assert result["score"] == round(0.5 / 12, 3)


METHOD_CITED = (
    "---\nlicense: mit\n---\n# m-dpo\nOur report: https://arxiv.org/abs/2402.00009\n"
    "## Training procedure\nTrained with PO, a method introduced in "
    "[PO](https://huggingface.co/papers/2301.00007).\n## Citations\nCite PO as:\n"
    "```bibtex\n@inproceedings{po2023, booktitle = {Proc. X}}\n```\n"
)
ONLY_REFERENCES = (
    "---\nlicense: mit\n---\n# M\n## Model Architecture\nRotary embeddings "
    "([paper](https://arxiv.org/abs/2104.09864)).\n"
)


def test_a_venue_in_another_works_citation_is_not_the_models() -> None:
    """The proceedings entry under "Cite PO as:" is the method's; the model's own paper
    is a preprint, not peer-reviewed."""
    evidence = Evidence(ref="org/m-dpo", repo_id="org/m-dpo", source="hub", readme=METHOD_CITED)
    result = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    found = {d["id"]: d for d in result["dimensions"]}
    assert found["preprint"]["level"] == "open"
    assert "2402.00009" in found["preprint"]["reason"]
    assert found["paper"]["level"] == "closed"


LIBRARY_VENUE = (
    "---\nlicense: mit\n---\n# m\nOur report: https://arxiv.org/abs/2402.00021\n"
    "## Citation\n### BibTeX\n#### Embedding Toolkit\n```bibtex\n@inproceedings{t2019,\n"
    "  url = {https://arxiv.org/abs/1908.00022}}\n```\n"
)


def test_a_venue_under_another_works_citation_heading_is_not_the_models() -> None:
    """The proceedings entry under "#### Embedding Toolkit" in the Citation section is
    the library's: the model's own report is a preprint only."""
    evidence = Evidence(ref="org/m", repo_id="org/m", source="hub", readme=LIBRARY_VENUE)
    result = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    found = {d["id"]: d for d in result["dimensions"]}
    assert found["preprint"]["level"] == "open"
    assert "1908.00022" not in found["preprint"]["reason"]
    assert found["paper"]["level"] == "closed"


def test_closed_for_want_of_an_own_paper_is_inferred() -> None:
    """Papers linked only as references: no preprint and no paper of the model's own,
    both concluded from where the links stand (inferred), not stated."""
    evidence = Evidence(ref="org/m", repo_id="org/m", source="hub", readme=ONLY_REFERENCES)
    result = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    found = {d["id"]: d for d in result["dimensions"]}
    for dimension in ("preprint", "paper"):
        assert (found[dimension]["level"], found[dimension]["basis"]) == ("closed", "inferred")


def test_base_model_data_judged_by_the_datasets_the_base_declares(hub: Any) -> None:
    """A quantisation of an open base: the base's declared datasets are looked up on the
    Hub and their open licences make the base model's data sources open."""
    from openaudit.sources.hub import fetch_hub_evidence

    result = evaluate(load_rubric("eosai"), fetch_hub_evidence("quantfolk/open-7b-gguf"))
    dims = {d["id"]: d for d in result.extras["eosai"]["dimensions"]}
    base = dims["datasources_basemodel"]
    assert (base["level"], base["basis"]) == ("open", "inferred"), base["reason"]
    assert "openlab/pile-lite" in base["reason"]
