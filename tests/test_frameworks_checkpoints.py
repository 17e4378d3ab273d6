"""Table-driven tests: MOF 24 (intermediate parameters) counts a card's word for released
checkpoints only when it says they are out, not when it denies it, promises them, or
names the checkpoint the model was made from or those it averages; a table of `stepN`
revisions and a `revision="stepN"` load of the model's own repo list them.
"""

from __future__ import annotations

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric import evaluate, load_rubric

HEAD = "---\nlicense: apache-2.0\n---\n# M-7B\nM-7B is a 7B language model.\n## Training\n"


def component_24(body: str) -> tuple[str, str, str]:
    files = (RepoFile("model.safetensors"), RepoFile("config.json"))
    evidence = Evidence(
        ref="org/m-7b", repo_id="org/m-7b", source="hub", readme=HEAD + body, files=files
    )
    mof = evaluate(load_rubric("mof"), evidence).extras["mof"]
    found = next(c for c in mof["components"] if str(c["id"]) == "24")
    return found["status"], found["basis"], found["reason"]


SAYS = "the card says intermediate checkpoints are published"
NOT_SAID = "the card does not say checkpoints are published"
CASES = [
    ("released as branches", "We release checkpoints every 1000 steps as branches.\n",
     "included", SAYS),
    ("intermediate checkpoints available", "Intermediate checkpoints are available"
     " in the repo's revisions.\n", "included", SAYS),
    ("checkpoints saved during training, uploaded", "Checkpoints saved during training are"
     " uploaded to the Hub.\n", "included", SAYS),
    ("a table of step revisions", "| Revision | Tokens |\n|---|---|\n| step1000 | 4B |\n"
     "| step2000 | 8B |\n| main | 2T |\n", "included", "lists checkpoint revisions: step1000"),
    ("a revision of its own repo loaded", "```python\nAutoModel.from_pretrained("
     "\"org/m-7b\", revision=\"step1000\")\n```\n", "included", "revision 'step1000'"),
    # negative twins
    ("negated", "We do not release intermediate checkpoints.\n", "missing", NOT_SAID),
    ("in the future", "Intermediate checkpoints will be released later.\n", "missing", NOT_SAID),
    ("on request only", "Intermediate checkpoints are available upon request.\n", "missing",
     NOT_SAID),
    ("the base's checkpoint it was tuned from", "M-7B is fine-tuned from the final pre-training"
     " checkpoint of Base-7B, which is released.\n", "missing", NOT_SAID),
    ("checkpoints averaged", "The released model averages checkpoints from the last 3"
     " epochs.\n", "missing", NOT_SAID),
    ("checkpoints mentioned, no release word", "We saved training checkpoints every 500"
     " steps.\n", "missing", NOT_SAID),
    ("one step row only", "| Revision | Tokens |\n|---|---|\n| step1000 | 4B |\n", "missing",
     NOT_SAID),
    ("another repo's revision loaded", "```python\nAutoModel.from_pretrained(\"org/base-7b\","
     " revision=\"step1000\")\n```\n", "missing", NOT_SAID),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "status", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_intermediate_checkpoints_said_in_the_card(body: str, status: str, reason: str) -> None:
    got, basis, why = component_24(body)
    assert got == status, why
    assert reason in why
    assert basis == "inferred"
