"""A code link under a training heading is training code in every language the data
sections are read in.

The same link to the model's own repository, with no word of training around it, counts
as training code (`code.training`, MOF 7, EOSAI trainingcode) under "学習方法",
"训练细节", "학습 방법", "Procédure d'entraînement" or "Procedimiento de entrenamiento"
as it does under "Training Procedure" or "Trainingsverfahren"; not under a title on the
training data ("学習データ", "Trainingsdaten"), the evaluation, the architecture, nor
the card's own title. Cards invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.frameworks.components import FINDERS
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Outcome

TRAIN = {"keywords": ["train", "fine-tun"], "sections": ["Training"], "files": ["train*.py"]}
LINK = "The sources are at [kumo](https://github.com/org/kumo).\n"


def evidence(title: str, deeper: str = "") -> Evidence:
    sub = f"### {deeper}\n" if deeper else ""
    readme = (
        "---\nlicense: mit\n---\n# Kumo-2B\n\nKumo-2B is a small language model.\n\n"
        f"## {title}\n\n{sub}{LINK}"
    )
    files = (RepoFile("README.md"), RepoFile("model.safetensors"))
    return Evidence(ref="org/kumo-2b", repo_id="org/kumo-2b", source="hub", readme=readme,
                    files=files)  # fmt: skip


# name, section title (and a sub-heading holding the link), training code found
CASES: list[tuple[str, str, str, bool]] = [
    ("English", "Training Procedure", "", True),
    ("German compound", "Trainingsverfahren", "", True),
    ("Japanese training method", "学習方法", "", True),
    ("Japanese training", "学習", "", True),
    ("Chinese training details", "训练细节", "", True),
    ("Chinese training", "训练", "", True),
    ("Traditional Chinese procedure", "訓練流程", "", True),
    ("Korean training method", "학습 방법", "", True),
    ("French procedure", "Procédure d'entraînement", "", True),
    ("Spanish procedure", "Procedimiento de entrenamiento", "", True),
    ("under a sub-heading of a Chinese training section", "训练", "超参数", True),
    # negative twins: the training data, evaluation, architecture, other topics
    ("Japanese training data", "学習データ", "", False),
    ("Chinese training data", "训练数据", "", False),
    ("Korean training data", "학습 데이터", "", False),
    ("French training data", "Données d'entraînement", "", False),
    ("Spanish training data", "Datos de entrenamiento", "", False),
    ("German training data", "Trainingsdaten", "", False),
    ("the training data under a Chinese training section", "训练", "训练数据", False),
    ("Japanese evaluation", "評価", "", False),
    ("Chinese architecture", "模型结构", "", False),
    ("Korean usage", "사용 방법", "", False),
    ("French usage", "Utilisation", "", False),
]


def ask(evidence: Evidence) -> tuple[str, str]:
    spec = get_evaluator("code_linked")
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), TRAIN)
    return outcome.answer, outcome.reason


def component(evidence: Evidence) -> str:
    found = FINDERS["training_code"](ProbeContext(evidence))
    return found.answer if isinstance(found, Outcome) else found[0]


def eosai_trainingcode(evidence: Evidence) -> str:
    result: dict[str, Any] = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    return next(d["level"] for d in result["dimensions"] if d["id"] == "trainingcode")


@pytest.mark.parametrize(
    ("title", "deeper", "found"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_code_link_under_a_training_title(title: str, deeper: str, found: bool) -> None:
    answer, why = ask(evidence(title, deeper))
    assert answer == ("yes" if found else "no"), why
    if found:
        assert "github.com/org/kumo" in why
    assert component(evidence(title, deeper)) == ("linked" if found else "no")


@pytest.mark.parametrize(
    ("title", "level"), [("学習方法", "partial"), ("Procédure d'entraînement", "partial"),
                         ("学習データ", "closed")],
)  # fmt: skip
def test_eosai_trainingcode_reads_the_title(title: str, level: str) -> None:
    """The training code linked, its licence unread: partial; not linked: closed."""
    assert eosai_trainingcode(evidence(title)) == level
