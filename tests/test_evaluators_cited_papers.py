"""Table-driven tests: a paper the card gives only by its arXiv id (a BibTeX entry of its
Citation block, "arXiv:ID" in prose) is the model's own paper, inferred, unless where it
stands names it another work's (the base model's, a corpus's, a method's), as for a link.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer


def ev(readme: str, **fields: Any) -> Evidence:
    return Evidence(ref="org/m", repo_id="org/m", source="hub", readme=readme, **fields)


INTRO = "# M-1B\nM-1B is a 1B language model. Details are in our technical report.\n"
BIB_JOURNAL = (
    INTRO + "## Citation\n```bibtex\n@article{m2024,\n  title={M-1B},\n  author={Doe, Jane},\n"
    "  journal={arXiv preprint arXiv:2401.00301},\n  year={2024}\n}\n```\n"
)
BIB_EPRINT = (
    INTRO + "## Citation\n```\n@misc{m2024,\n  title={M-1B},\n  year={2024},\n"
    "  eprint={2401.00302},\n  archivePrefix={arXiv},\n  primaryClass={cs.CL}\n}\n```\n"
)
PROSE_ID = "# M-1B\nM-1B is a 1B language model; see our technical report (arXiv:2401.00303).\n"
# negative twins: no arXiv entry, or an id cited as another work's
EPRINT_NOT_ARXIV = (
    INTRO + "## Citation\n```\n@misc{m2024,\n  title={M-1B},\n  eprint={2401.00304},\n"
    "  archivePrefix={SSRN}\n}\n```\n"
)
BASE_BY_ID = (
    "# M-1B\nA chat model fine-tuned from Base 1B (Author et al., 2023, arXiv:2304.00305).\n"
)
BASE_HUB_BY_ID = (
    "# M-1B\nA chat model fine-tuned from [Base 1B](https://huggingface.co/org/base-1b)"
    " (arXiv:2304.00306).\n"
)
CORPUS_BY_ID = (
    "# M-1B\n## Training Data\nPre-trained on WebMix, the corpus described in arXiv:2101.00307.\n"
)
CITE_METHOD_AS = (
    INTRO + "## Citation\nCite DPO as:\n```bibtex\n@misc{dpo,\n  title={DPO},\n"
    "  eprint={2305.00308},\n  archivePrefix={arXiv}\n}\n```\n"
)
ARCHITECTURE_REFERENCE = (
    INTRO + "## Architecture\nA transformer with rotary embeddings (arXiv:2104.09864).\n"
)
LINKED_AND_CITED = (
    "# M-1B\nRead our [report](https://arxiv.org/abs/2401.00309).\n## Citation\n"
    "```bibtex\n@misc{m,\n  eprint={2401.00309},\n  archivePrefix={arXiv}\n}\n```\n"
)
CITED = "the model's own paper, read as https://arxiv.org/abs/"
NONE = "no paper link and no arxiv tag"
CASES: list[tuple[str, Evidence, Answer, str, bool]] = [
    ("BibTeX journal 'arXiv preprint arXiv:ID'", ev(BIB_JOURNAL), "yes",
     "the card cites arXiv:2401.00301 in 'Citation'", True),
    ("BibTeX eprint with archivePrefix arXiv", ev(BIB_EPRINT), "yes", f"{CITED}2401.00302", True),
    ("'arXiv:ID' in prose", ev(PROSE_ID), "yes", f"{CITED}2401.00303", True),
    ("an eprint of another archive", ev(EPRINT_NOT_ARXIV), "no", NONE, True),
    ("the base model's paper by its id", ev(BASE_BY_ID), "no", NONE, True),
    ("the Hub base's paper by its id", ev(BASE_HUB_BY_ID), "no", NONE, True),
    ("a corpus's paper by its id", ev(CORPUS_BY_ID), "no", NONE, True),
    ("'Cite DPO as:' a method's BibTeX", ev(CITE_METHOD_AS), "no", NONE, True),
    ("an architecture reference by its id", ev(ARCHITECTURE_REFERENCE), "no", NONE, True),
    ("the linked paper cited again is the link", ev(LINKED_AND_CITED), "yes",
     "paper linked: 2401.00309", False),
    ("the tagged paper cited again is the tag", ev(BIB_EPRINT, tags=("arxiv:2401.00302",)), "yes",
     "tagged arxiv:2401.00302", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "answer", "reason", "inferred"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_papers_cited_by_their_arxiv_id(
    evidence: Evidence, answer: Answer, reason: str, inferred: bool
) -> None:
    spec = get_evaluator("paper_linked")
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), {})
    assert outcome.answer == answer, outcome.reason
    assert reason in outcome.reason
    assert outcome.inferred == inferred


@pytest.mark.parametrize(
    ("readme", "status", "preprint"),
    [(BIB_JOURNAL, "included", "open"), (PROSE_ID, "included", "open"),
     (BASE_BY_ID, "missing", "closed"), (CITE_METHOD_AS, "missing", "closed")],
    ids=["BibTeX journal", "prose id", "base's paper", "a method's BibTeX"],
)  # fmt: skip
def test_a_cited_arxiv_id_gives_mof_papers_and_eosai_preprint(
    readme: str, status: str, preprint: str
) -> None:
    """MOF 11 (technical report) and 21 (research paper), EOSAI preprint (an archived
    preprint: arXiv is one) follow the id the card cites as its own."""
    evidence = ev(readme)
    mof = evaluate(load_rubric("mof"), evidence).extras["mof"]
    papers = {str(c["id"]): c["status"] for c in mof["components"] if str(c["id"]) in ("11", "21")}
    assert papers == {"11": status, "21": status}
    eosai = evaluate(load_rubric("eosai"), evidence).extras["eosai"]["dimensions"]
    found = next(d for d in eosai if d["id"] == "preprint")
    assert found["level"] == preprint, found["reason"]
