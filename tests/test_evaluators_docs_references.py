"""Table-driven tests: whose paper a card links, and where a card reports its evaluation.

Papers of the base model, of a corpus, of the training data or of a technique are
references to other work, not the model's own paper; datasheets are no papers at all.
Results under leaderboard or score headings, in prose under an evaluation heading, or
under evaluation headings in other languages are evaluation results; a harness is not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub
from typer.testing import CliRunner

from openaudit.cli.app import app
from openaudit.evidence import Evidence, LinkedRepo, RepoFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer

PROSE = " ".join(["The model reads text and writes summaries of it."] * 20)


def ev(readme: str, **fields: Any) -> Evidence:
    fields.setdefault("repo_id", "org/m")
    return Evidence(ref=fields["repo_id"], source="hub", readme=readme, **fields)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.reason


# --- whose paper -------------------------------------------------------------------------

BASE_CITED = (
    "# m\nA chat model fine-tuned from [Base 1B](https://huggingface.co/org/base-1b)"
    " ([Author et al., 2023](https://arxiv.org/abs/2304.00101)).\n"
)
BASE_NAMED_CITED = (
    "# m\nThis model is based on Base 1B ([Author et al., 2023](https://arxiv.org/abs/2304.00102))"
    " and tuned for chat.\n"
)
CORPUS_DESCRIBED = (
    "# m\n## Training Details\n### Training Data\nPre-trained on"
    " [org/webmix](https://huggingface.co/datasets/org/webmix), the corpus described in"
    " [Gao et al., 2020](https://arxiv.org/abs/2101.00103).\n"
)
TRAINED_ON_PAPER = "# m\nIt was pre-trained on [The Heap](https://arxiv.org/abs/2101.00104).\n"
DATA_SECTION_LIST = (
    "# m\n## Training Data\nThe model was pretrained on 2T tokens drawn from:\n\n"
    "- [WebEdu](https://arxiv.org/abs/2406.00105) (1.4T tokens)\n"
    "- [CodeHeap v2](https://arxiv.org/abs/2402.00106) (300B tokens)\n"
)
DATA_LIST_IN_INTRO = (
    "# m\nThe model was pretrained on a mixture of datasets:\n\n"
    "- [WebEdu](https://arxiv.org/abs/2406.00107)\n- [MathWeb](https://arxiv.org/abs/2310.00108)\n"
)
TECHNIQUE_USED = (
    "# m\n### Processing Long Texts\nTo handle long inputs we utilize"
    " [LongRope](https://arxiv.org/abs/2309.00109), a technique for enhancing length"
    " extrapolation, and [Chunked Attention](https://arxiv.org/abs/2402.00110) for sparse"
    " attention.\n"
)
# Negative twins: the model's own paper stays its own.
OWN_IN_INTRO = (
    "# m\nA chat model fine-tuned from [Base 1B](https://huggingface.co/org/base-1b). Read"
    " our [technical report](https://arxiv.org/abs/2405.00111).\n"
)
OWN_IN_PARENTHESES_AFTER_ITSELF = "# m\n- [m](https://huggingface.co/org/m) ([technical report](https://arxiv.org/abs/2405.00112))\n"
OWN_TRAINED_FROM_SCRATCH = (
    "# m\nA 1B model trained from scratch ([technical report](https://arxiv.org/abs/2405.00113)).\n"
)
OWN_AFTER_TRAINED_ON_HARDWARE = "# m\nIt was trained on 64 GPUs (see the [technical report](https://arxiv.org/abs/2405.00118)).\n"
OWN_AFTER_A_TOOL_USED = (
    "# m\nWe use [vLLM](https://github.com/org/vllm) for serving, and"
    " [the paper](https://arxiv.org/abs/2405.00119) describes the model.\n"
)
OWN_PAPER_IN_DATA_SECTION = (
    "# m\n## Training Data\nThe data mixture is described in our"
    " [paper](https://arxiv.org/abs/2405.00114).\n"
)
OWN_PAPER_IN_DATA_LIST = (
    "# m\n## Training Data\nWe trained on:\n- web text, see the"
    " [technical report](https://arxiv.org/abs/2405.00115)\n"
)
OWN_CORPUS_PAPER = (
    "# m\nTrained on the corpus we described in [our paper](https://arxiv.org/abs/2405.00116).\n"
)
REFERENCE = "papers linked only as references to other work"
# Benchmarks listed with their papers in an evaluation section's prose (a table's rows
# were citations already); one paper alone there may be the model's own report.
BENCHMARK_PAPERS = (
    "# m\n## Evaluation\nWe report [MMLU](https://arxiv.org/abs/2009.00121) and"
    " [HumanEval](https://arxiv.org/abs/2107.00122) in five shots.\n"
)
OUR_REPORT_BESIDE_BENCHMARKS = (
    "# m\n## Evaluation\nOn [MMLU](https://arxiv.org/abs/2009.00121), see"
    " [our report](https://arxiv.org/abs/2405.00124).\n"
)
# A training library's generated card (TRL's, tagged `trl`): the method's paper under
# "Training procedure", the method and the library cited under "Citations".
TRL_CARD = (
    "---\ntags: [trl, dpo]\nbase_model: org/base\n---\n# m\n## Training procedure\n"
    "Trained with DPO, a recipe from [the DPO paper](https://huggingface.co/papers/2305.00125).\n"
    "## Citations\n[DPO](https://arxiv.org/abs/2305.00125),"
    " [TRL](https://github.com/huggingface/trl)\n"
)
# SetFit's generated card (tagged `generated_from_setfit_trainer`): SetFit's paper under
# "Model Sources" and in the "Citation" section's BibTeX.
SETFIT_CARD = (
    "---\ntags: [setfit, text-classification, generated_from_setfit_trainer]\n---\n"
    "# SetFit with org/encoder\nA text classifier.\n## Model Details\n### Model Sources\n"
    "- **Repository:** [SetFit on GitHub](https://github.com/huggingface/setfit)\n"
    "- **Paper:** [Efficient Few-Shot Learning](https://arxiv.org/abs/2209.00130)\n"
    "## Citation\n### BibTeX\nSee https://arxiv.org/abs/2209.00130 for the entry.\n"
)
# LeRobot's generated card (tagged `lerobot`, its `model_name` the policy type): the
# introduction under "Model Card for <policy>" links the paper of the policy's method.
LEROBOT_CARD = (
    "---\nlibrary_name: lerobot\nmodel_name: act\ntags: [robotics, act, lerobot]\n---\n"
    "# Model Card for act\n\n[Action Chunking with Transformers (ACT)]"
    "(https://huggingface.co/papers/2304.00131) predicts short action chunks.\n\n"
    "## How to Get Started with the Model\n### Train from scratch\nRun the trainer.\n"
)
# mergekit's generated card (tagged `mergekit` and `merge`, or beside its recipe
# mergekit_config.yml): "Merge Method" links the paper of the merge method.
MERGEKIT_CARD = (
    "---\nbase_model: [org/base-a, org/base-b]\nlibrary_name: transformers\n"
    "tags: [mergekit, merge]\n---\n# m\nA blend of two models.\n## Merge Details\n"
    "### Merge Method\nThe [TIES](https://arxiv.org/abs/2306.00141) recipe set the weights, with"
    " [org/base-a](https://huggingface.co/org/base-a) at its root.\n### Models Merged\n"
    "* [org/base-b](https://huggingface.co/org/base-b)\n### Configuration\nSee the YAML.\n"
)
MERGEKIT_UNTAGGED = MERGEKIT_CARD.replace("tags: [mergekit, merge]\n", "")
OUR_PAPER = "See [our paper](https://arxiv.org/abs/2406.00132)."
ONE_PAPER_UNDER_EVALUATION = (
    "# m\n## Evaluation\nScores are in the [report](https://arxiv.org/abs/2405.00123).\n"
)
BENCHMARK_PAPER_ALSO_IN_CITATION = (
    BENCHMARK_PAPERS + "## Citation\n[m](https://arxiv.org/abs/2009.00121)\n"
)
# A paper the card cites in its Citation section that is a named dataset's paper (the
# dataset's Hub tags carry its arXiv id): the data's paper, unless the dataset is the
# model's publisher's own (one paper may introduce both).
CITES_DATASET_PAPER = (
    "# m\n## Training Data\nTrained on [lab/webmix](https://huggingface.co/datasets/lab/webmix).\n"
    "## Citation\nPlease cite [the corpus](https://arxiv.org/abs/2306.00120).\n"
)


def dataset(repo_id: str, *tags: str) -> LinkedRepo:
    return LinkedRepo(repo_id=repo_id, repo_type="dataset", status="ok", tags=tags)


WEBMIX = dataset("lab/webmix", "license:odc-by", "arxiv:2306.00120")

PAPER_CASES: list[tuple[str, Evidence, Answer, str]] = [
    ("the base's paper cited after its Hub link", ev(BASE_CITED), "no", f"{REFERENCE} (2304.00101"),
    ("the base's paper cited after its name, after 'this model'", ev(BASE_NAMED_CITED), "no",
     f"{REFERENCE} (2304.00102"),
    ("a corpus 'described in' a paper", ev(CORPUS_DESCRIBED), "no", f"{REFERENCE} (2101.00103"),
    ("a paper named as the data it was trained on", ev(TRAINED_ON_PAPER), "no",
     f"{REFERENCE} (2101.00104"),
    ("dataset papers listed under Training Data", ev(DATA_SECTION_LIST), "no",
     f"{REFERENCE} (2406.00105 in 'Training Data', 2402.00106"),
    ("dataset papers in a list introduced as the training data", ev(DATA_LIST_IN_INTRO), "no",
     f"{REFERENCE} (2406.00107"),
    ("techniques the model uses, the second after 'and'", ev(TECHNIQUE_USED), "no",
     f"{REFERENCE} (2309.00109 in 'Processing Long Texts', 2402.00110"),
    ("the base's paper's Hub tag", ev(BASE_CITED, tags=("arxiv:2304.00101",)), "no", REFERENCE),
    ("a named dataset's paper (its Hub tag) cited by the card",
     ev(CITES_DATASET_PAPER, datasets=(WEBMIX,)), "no",
     f"{REFERENCE} (2306.00120 in 'Citation', the paper of dataset lab/webmix"),
    ("a paper shared with a dataset of the model's own publisher",
     ev(CITES_DATASET_PAPER, repo_id="lab/m", datasets=(WEBMIX,)), "yes",
     "paper linked: 2306.00120"),
    ("a dataset tagged with another paper", ev(CITES_DATASET_PAPER,
     datasets=(dataset("lab/webmix", "arxiv:2306.00999"),)), "yes", "paper linked: 2306.00120"),
    ("benchmark papers in an evaluation section's prose", ev(BENCHMARK_PAPERS), "no",
     f"{REFERENCE} (2009.00121 in 'Evaluation', 2107.00122"),
    ("benchmark papers' Hub tags", ev(BENCHMARK_PAPERS, tags=("arxiv:2009.00121",)), "no",
     REFERENCE),
    ("a training library's card cites the method's paper", ev(TRL_CARD), "no", REFERENCE),
    ("the same card without the library's tag",
     ev(TRL_CARD.replace("tags: [trl, dpo]", "tags: [dpo]")), "yes", "paper linked: 2305.00125"),
    ("SetFit's card cites SetFit's paper", ev(SETFIT_CARD), "no",
     f"{REFERENCE} (2209.00130 in 'Model Sources'"),
    ("SetFit's card without the generator's tag",
     ev(SETFIT_CARD.replace(", generated_from_setfit_trainer", "")), "yes",
     "paper linked: 2209.00130"),
    ("SetFit's card with the model's paper in its intro",
     ev(SETFIT_CARD.replace("A text classifier.", OUR_PAPER)), "yes", "paper linked: 2406.00132"),
    ("LeRobot's card cites the policy's method", ev(LEROBOT_CARD), "no",
     f"{REFERENCE} (2304.00131 in 'Model Card for act'"),
    ("LeRobot's card without the generator's tag",
     ev(LEROBOT_CARD.replace(", lerobot]", "]")), "yes", "paper linked: 2304.00131"),
    ("a LeRobot card under a title of its own (not the template's)",
     ev(LEROBOT_CARD.replace("# Model Card for act", "# ACT for cube picking")), "yes",
     "paper linked: 2304.00131"),
    ("mergekit's card cites the merge method's paper", ev(MERGEKIT_CARD), "no",
     f"{REFERENCE} (2306.00141 in 'Merge Method'"),
    ("mergekit's card tagged `merge` alone", ev(MERGEKIT_CARD.replace("mergekit, merge", "merge")),
     "no", f"{REFERENCE} (2306.00141 in 'Merge Method'"),
    ("mergekit's card known by its recipe file",
     ev(MERGEKIT_UNTAGGED, files=(RepoFile("mergekit_config.yml"),)), "no", REFERENCE),
    # negative twins: no tag and no recipe; the paper linked elsewhere too; called its own
    ("merge headings on a card neither tagged nor with a recipe", ev(MERGEKIT_UNTAGGED), "yes",
     "paper linked: 2306.00141"),
    ("mergekit's card linking the paper in its intro too",
     ev(MERGEKIT_CARD.replace("A blend of two models.", "Read the [paper]"
                              "(https://arxiv.org/abs/2306.00141).")), "yes",
     "paper linked: 2306.00141"),
    ("mergekit's card calling the method's paper its own",
     ev(MERGEKIT_CARD.replace("The [TIES]", "Our paper [TIES]")), "yes",
     "paper linked: 2306.00141"),
    ("mergekit's card with the model's paper in its intro",
     ev(MERGEKIT_CARD.replace("A blend of two models.", OUR_PAPER)), "yes",
     "paper linked: 2406.00132"),
    ("a training library's card with the model's paper in its intro",
     ev(TRL_CARD.replace("# m\n", "# m\nSee [our paper](https://arxiv.org/abs/2406.00126).\n")),
     "yes", "paper linked: 2406.00126"),
    ("our report linked beside a benchmark's paper", ev(OUR_REPORT_BESIDE_BENCHMARKS), "yes",
     "paper linked: 2405.00124"),
    ("one paper alone under Evaluation", ev(ONE_PAPER_UNDER_EVALUATION), "yes",
     "paper linked: 2405.00123"),
    ("an evaluation section's paper cited again as the card's own",
     ev(BENCHMARK_PAPER_ALSO_IN_CITATION), "yes", "paper linked: 2009.00121"),
    ("a placeholder arXiv id is no paper",
     ev("# m\n## Citation\n[Paper](https://arxiv.org/abs/0000.00000)\n"), "no",
     "no paper link"),
    ("own report in the intro beside the base", ev(OWN_IN_INTRO), "yes",
     "paper linked: 2405.00111"),
    ("own report after the model's own Hub link", ev(OWN_IN_PARENTHESES_AFTER_ITSELF), "yes",
     "paper linked: 2405.00112"),
    ("own report after 'trained from scratch'", ev(OWN_TRAINED_FROM_SCRATCH), "yes",
     "paper linked: 2405.00113"),
    ("own report in parentheses after 'trained on' hardware", ev(OWN_AFTER_TRAINED_ON_HARDWARE),
     "yes", "paper linked: 2405.00118"),
    ("own paper after a tool the model uses", ev(OWN_AFTER_A_TOOL_USED), "yes",
     "paper linked: 2405.00119"),
    ("our paper under Training Data", ev(OWN_PAPER_IN_DATA_SECTION), "yes",
     "paper linked: 2405.00114"),
    ("a technical report in a data list", ev(OWN_PAPER_IN_DATA_LIST), "yes",
     "paper linked: 2405.00115"),
    ("a corpus we described in our paper", ev(OWN_CORPUS_PAPER), "yes",
     "paper linked: 2405.00116"),
    ("own report's tag beside a cited base", ev(BASE_CITED, tags=("arxiv:2405.00117",)), "yes",
     "tagged arxiv:2405.00117"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "answer", "reason"), [c[1:] for c in PAPER_CASES], ids=[c[0] for c in PAPER_CASES]
)
def test_whose_paper(evidence: Evidence, answer: Answer, reason: str) -> None:
    got, why = ask("paper_linked", evidence)
    assert got == answer, why
    assert reason in why


@pytest.mark.parametrize(
    ("readme", "mof", "preprint"),
    [(MERGEKIT_CARD, "missing", "closed"), (MERGEKIT_UNTAGGED, "included", "open")],
    ids=["mergekit's card", "merge headings alone"],
)
def test_merge_method_paper_in_the_frameworks(readme: str, mof: str, preprint: str) -> None:
    """MOF's paper and report (11, 21) and EOSAI's preprint read the paper's role alike."""
    evidence = ev(readme)
    components = evaluate(load_rubric("mof"), evidence).extras["mof"]["components"]
    assert {str(c["id"]): c["status"] for c in components if str(c["id"]) in ("11", "21")} == {
        "11": mof,
        "21": mof,
    }
    dimensions = evaluate(load_rubric("eosai"), evidence).extras["eosai"]["dimensions"]
    assert next(d["level"] for d in dimensions if d["id"] == "preprint") == preprint


DATASHEET_LINKS = (
    "# m\n## Training Data\nA detailed [public summary of the training content]"
    "(https://lab.example/docs/m-training-data-summary.pdf), following the EU AI Act template,"
    " and a [datasheet](https://lab.example/docs/m-datasheet.pdf) are available.\n"
)
REPORT_PDF = "# m\nThe [technical report](https://lab.example/docs/m-report.pdf) is out.\n"
DATASHEETS_PAPER = "# m\nOur data card follows [Datasheets](https://arxiv.org/abs/1803.09010).\n"
LINK_CASES: list[tuple[str, Evidence, Answer, str]] = [
    ("a datasheet and an AI Act summary are no papers", ev(DATASHEET_LINKS), "no",
     "no paper link"),
    ("a report PDF is a paper", ev(REPORT_PDF), "yes", "lab.example/docs/m-report.pdf"),
    ("the Datasheets paper on arXiv is still a paper", ev(DATASHEETS_PAPER), "yes", "1803.09010"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "answer", "reason"), [c[1:] for c in LINK_CASES], ids=[c[0] for c in LINK_CASES]
)
def test_datasheets_are_no_papers(evidence: Evidence, answer: Answer, reason: str) -> None:
    got, why = ask("paper_linked", evidence)
    assert got == answer, why
    assert reason in why


# --- EOSAI preprint: archived or not ----------------------------------------------------

ARXIV_REPORT = "# m\nRead our [technical report](https://arxiv.org/abs/2401.00201).\n"
BLOG_REPORT = "# m\nRead the [technical report](https://lab.example/research/m-report).\n"
GITHUB_PDF = (
    "# m\nThe technical report is [here](https://github.com/org/m/blob/main/M_Report.pdf).\n"
)
PREPRINT_CASES = [
    ("arXiv: archived", ev(ARXIV_REPORT), "open", "an archived preprint"),
    ("an arXiv tag: archived", ev("# m\n", tags=("arxiv:2401.00202",)), "open", "archived"),
    ("a report on a project site", ev(BLOG_REPORT), "partial", "on lab.example, not on a preprint"),
    ("a report PDF on GitHub", ev(GITHUB_PDF), "partial", "on github.com, not on a preprint"),
    ("a report PDF on GitHub, its arXiv id named in the citation (the Hub's tag)",
     ev(GITHUB_PDF, tags=("arxiv:2501.00203",)), "open",
     "on github.com, and archived as the card's paper tag arxiv:2501.00203 names it"),
    ("a report on a short link", ev("# m\nRead the [paper](https://bit.ly/m-report).\n"),
     "partial", "on a short link (https://bit.ly/m-report) that was not followed"),
    # a company's own shortener, known by the report its address names
    ("a bare report address on a company shortener", ev("# m\nhttps://ibm.biz/m-3-report\n"),
     "partial", "on a short link (https://ibm.biz/m-3-report) that was not followed"),
    ("a report on goo.gle", ev("# m\nSee https://goo.gle/m3report.\n"), "partial",
     "on a short link (https://goo.gle/m3report)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "level", "reason"),
    [c[1:] for c in PREPRINT_CASES],
    ids=[c[0] for c in PREPRINT_CASES],
)
def test_eosai_preprint_is_open_only_when_archived(
    evidence: Evidence, level: str, reason: str
) -> None:
    """EOSAI asks for "an archived preprint": a report of the model's own on a blog or in
    a code repository shares the content but is not archived (partial); MOF's technical
    report (component 11) takes it all the same."""
    verdict = evaluate(load_rubric("eosai"), evidence)
    found = {d["id"]: d for d in verdict.extras["eosai"]["dimensions"]}
    assert found["preprint"]["level"] == level, found["preprint"]["reason"]
    assert reason in found["preprint"]["reason"]
    mof = evaluate(load_rubric("mof"), evidence).extras["mof"]
    report = next(c for c in mof["components"] if str(c["id"]) == "11")
    assert report["status"] == "included", report["reason"]


@pytest.mark.parametrize("readme", [SETFIT_CARD, LEROBOT_CARD], ids=["SetFit", "LeRobot"])
def test_a_generated_cards_method_paper_is_no_report_or_preprint(readme: str) -> None:
    """A model trained with a library's method has no paper of its own: MOF 11 and 21
    missing, EOSAI preprint closed."""
    evidence = ev(readme)
    found = {
        d["id"]: d for d in evaluate(load_rubric("eosai"), evidence).extras["eosai"]["dimensions"]
    }
    assert found["preprint"]["level"] == "closed", found["preprint"]["reason"]
    mof = evaluate(load_rubric("mof"), evidence).extras["mof"]
    papers = {str(c["id"]): c["status"] for c in mof["components"] if str(c["id"]) in ("11", "21")}
    assert papers == {"11": "missing", "21": "missing"}


# --- EOSAI peer-reviewed paper: published at a venue ------------------------------------

ACL = "# m\nOur paper: [M: a model](https://aclanthology.org/2023.acl-long.101/).\n"
CVF = "# m\nSee [the paper](https://openaccess.thecvf.com/content/CVPR2023/papers/M_2023.pdf).\n"
JOURNAL_DOI = "# m\nPublished as [our paper](https://doi.org/10.1073/pnas.2016239118).\n"
PUBLISHER = "# m\n[Our article](https://www.science.org/doi/10.1126/science.ade2574).\n"
ARXIV_DOI = "# m\nOur [preprint](https://doi.org/10.48550/arXiv.2401.00203).\n"
BIORXIV = "# m\nOur [preprint](https://www.biorxiv.org/content/10.1101/2022.07.20.500902v1).\n"
OPENREVIEW = "# m\nOur [paper](https://openreview.net/forum?id=abc123).\n"
VENUE_CASES = [
    ("ACL Anthology", ev(ACL), "open", "published at aclanthology.org"),
    ("CVF open access", ev(CVF), "open", "published at openaccess.thecvf.com"),
    ("a journal DOI", ev(JOURNAL_DOI), "open", "published at DOI 10.1073/pnas.2016239118"),
    ("a publisher's page", ev(PUBLISHER), "open", "published at science.org"),
    ("arXiv's DOI is a preprint", ev(ARXIV_DOI), "closed", "no venue is named"),
    ("bioRxiv is a preprint", ev(BIORXIV), "closed", "no venue is named"),
    ("OpenReview hosts submissions", ev(OPENREVIEW), "closed", "no venue is named"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "level", "reason"), [c[1:] for c in VENUE_CASES], ids=[c[0] for c in VENUE_CASES]
)
def test_eosai_paper_is_open_when_published_at_a_venue(
    evidence: Evidence, level: str, reason: str
) -> None:
    """EOSAI's `paper` asks for a peer-reviewed paper: the model's own paper on a
    proceedings, journal or publisher site (or a journal DOI) is one, inferred from where
    it is published; a preprint server or a submission site is not."""
    verdict = evaluate(load_rubric("eosai"), evidence)
    found = {d["id"]: d for d in verdict.extras["eosai"]["dimensions"]}
    assert found["paper"]["level"] == level, found["paper"]["reason"]
    assert reason in found["paper"]["reason"]


# --- evaluation results -----------------------------------------------------------------

TABLE = "| Average | ARC | HellaSwag |\n|---|---|---|\n| 66.1 | 64.2 | 84.9 |\n"
MODEL_ROWS = "| Model | First turn | Second turn |\n|---|---|---|\n| m | 8.1 | 7.2 |\n"
EVAL_CASES: list[tuple[str, str, Answer, str]] = [
    ("a leaderboard heading with a table", f"# m\n## Open LLM Leaderboard\n{TABLE}", "yes",
     "a results table in 'Open LLM Leaderboard'"),
    ("a scores heading with a table", f"# m\n## Scores on MT-Bench\n{MODEL_ROWS}", "yes",
     "a results table in 'Scores on MT-Bench'"),
    ("scores stated in prose under Evaluation",
     "# m\n## Evaluation\nOn the embedding benchmark the model scores an average of 62.2 over 56"
     " datasets, with 51.7 on retrieval.\n", "yes", "'Evaluation' reports scores"),
    ("settings in prose under Evaluation are no scores",
     "# m\n## Evaluation\nWe sample with temperature 0.7 and top-p 0.95 on the usual suites.\n",
     "no", "has no results table"),
    ("Japanese", f"# m\n## 評価\n{TABLE}", "yes", "'評価'"),
    ("Traditional Chinese", f"# m\n## 評測結果\n{TABLE}", "yes", "'評測結果'"),
    ("Korean", f"# m\n## 평가\n{TABLE}", "yes", "'평가'"),
    ("French", f"# m\n## Évaluation\n{TABLE}", "yes", "'Évaluation'"),
    ("German", f"# m\n## Evaluierung\n{TABLE}", "yes", "'Evaluierung'"),
    ("Spanish", f"# m\n## Evaluación\n{TABLE}", "yes", "'Evaluación'"),
    ("a training loss log is still no evaluation", f"# m\n## Training results\n{TABLE}", "no",
     "no model-index"),
    # results given as a chart whose file name says so, linked or shown
    ("a linked chart of results", "# m\n## Evaluation\nSee [the comparison]"
     "(https://lab.example/img/m_eval.png).\n", "yes", "as a chart (https://lab.example/img/m_eval.png)"),
    ("a shown chart of results", "# m\n## Evaluation\n![](https://lab.example/v1-results.jpg)\n",
     "yes", "as a chart"),
    ("a loss curve is training's", "# m\n## Evaluation\n![](https://lab.example/eval_loss.png)\n",
     "no", "has no results table"),
    ("a diagram is no chart", "# m\n## Evaluation\n![](https://lab.example/pipeline.png)\n",
     "no", "has no results table"),
    # ... or shown by a path relative to the model's repository, as the Hub renders it
    ("a chart shown from the repo", "# m\n## Evaluation\n![Evaluation results](eval_results.png)\n",
     "yes", "as a chart (eval_results.png, shown from the model's repository)"),
    ("a chart in a repo folder", "# m\n## Evaluation\n![](./figures/benchmark_results.png)\n",
     "yes", "as a chart (figures/benchmark_results.png, shown"),
    ("a chart in an img tag", '# m\n## Model Evaluation\n<img src="eval_results.png" width=600>\n',
     "yes", "as a chart (eval_results.png, shown"),
    ("a diagram from the repo is no chart", "# m\n## Evaluation\n![Results](./assets/arch.png)\n",
     "no", "has no results table"),
    ("a loss curve from the repo is training's", '# m\n## Evaluation\n<img src="eval_loss.png">\n',
     "no", "has no results table"),
    ("a path out of the repo is none of its", "# m\n## Evaluation\n![](../eval_results.png)\n",
     "no", "has no results table"),
    # review16a #6: a path from the site's root is an address, not this repository's file;
    # paths are read percent-decoded; a data-src or an alt text's src is no source
    ("a path from the site's root is an address",
     "# m\n## Evaluation\n![](/org/other/resolve/main/eval_results.png)\n",
     "yes", "as a chart (/org/other/resolve/main/eval_results.png), with no table"),
    ("an encoded path out of the repo is none of its",
     "# m\n## Evaluation\n![](%2E%2E/eval_results.png)\n", "no", "has no results table"),
    ("an encoded path is read decoded", "# m\n## Evaluation\n![](eval%20results.png)\n",
     "yes", "as a chart (eval results.png, shown from the model's repository)"),
    ("a data-src is no source",
     '# m\n## Evaluation\n<img data-src="eval_results.png" src="team.jpg">\n',
     "no", "has no results table"),
    ("an alt text's src is no source",
     '# m\n## Evaluation\n<img alt="src=eval_results.png" src="team.jpg">\n',
     "no", "has no results table"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("readme", "answer", "reason"), [c[1:] for c in EVAL_CASES], ids=[c[0] for c in EVAL_CASES]
)
def test_evaluation_results_under_other_headings(readme: str, answer: Answer, reason: str) -> None:
    got, why = ask("evaluation_results", ev(readme))
    assert got == answer, why
    assert reason in why


# a chart shown by a repository path, by what the repository's listing holds
CHART_FILES: list[tuple[str, tuple[str, ...], bool, Answer, str]] = [
    ("listed: cited as the repository's file", ("model.safetensors", "figures/eval_results.png"),
     False, "yes", "file:figures/eval_results.png"),
    ("missing from the complete listing: none", ("model.gguf",), False, "no", ""),
    ("listing cut short: cited in the README", ("model.gguf",), True, "yes", "README.md"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "truncated", "answer", "cited"),
    [c[1:] for c in CHART_FILES],
    ids=[c[0] for c in CHART_FILES],
)
def test_a_chart_shown_by_a_repository_path_is_one_of_its_files(
    files: tuple[str, ...], truncated: bool, answer: Answer, cited: str
) -> None:
    readme = "# m\n## Evaluation\n![](figures/eval_results.png)\n"
    evidence = ev(readme, files=tuple(RepoFile(p) for p in files), files_truncated=truncated)
    spec = get_evaluator("evaluation_results")
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), {})
    assert outcome.answer == answer, outcome.reason
    if cited:
        assert cited in [citation.where for citation in outcome.citations]


def mof_components(readme: str) -> dict[str, dict[str, Any]]:
    result = evaluate(load_rubric("mof"), ev(f"---\nlicense: mit\n---\n{readme}")).extras["mof"]
    return {str(c["id"]): c for c in result["components"]}


HARNESS = (
    "# m\n## Evaluation\nWe evaluate the model with the [LM Harness]"
    "(https://github.com/org/lm-harness) on ARC, HellaSwag and MMLU.\n"
)


def test_a_harness_is_evaluation_code_not_results() -> None:
    """A linked harness with no scores says how the model was evaluated, not what came
    out: MOF component 12 (results) is missing, 18 (evaluation code) included."""
    found = mof_components(HARNESS)
    assert found["12"]["status"] == "missing", found["12"]["reason"]
    assert found["18"]["status"] == "included", found["18"]["reason"]


@pytest.mark.parametrize(
    ("readme", "benchmarks"),
    [
        (f"# m\n## Open LLM Leaderboard\n{TABLE}", "Average, ARC, HellaSwag"),
        (
            "# m\n## 평가\n| 모델 | Ko-ARC | Ko-MMLU |\n|---|---|---|\n| m-10.7B | 56.1 | 55.4 |\n",
            "Ko-ARC, Ko-MMLU",
        ),
        (
            "# m\n## 評価\n| タスク | JNLI | JSQuAD |\n|---|---|---|\n| m-3.6B | 54.3 | 80.4 |\n",
            "JNLI, JSQuAD",
        ),
        (
            "# m\n## Leaderboard\n| Rank | Model | Score | Chat |\n|---|---|---|---|\n"
            "| 1 | m | 92.5 | 95.8 |\n",
            "Score, Chat",
        ),
        (
            "# m\n## Evaluation\n| Task | MNLI | QQP | SST-2 |\n|:-:|:-:|:-:|:-:|\n"
            "| | 84.6 | 71.2 | 93.5 |\n",
            "MNLI, QQP, SST-2",
        ),
        (
            "# m\n## Performance\n| Model-Name | NDCG@10 (Web19) | MRR@10 (QA Dev) |\n"
            "|---|---|---|\n| org/m-tiny | 69.8 | 32.6 |\n| org/m-base | 73.1 | 36.0 |\n",
            "NDCG@10 (Web19), MRR@10 (QA Dev)",
        ),
        (
            "# m\n## Evaluation\n| Benchmark | m | other |\n|---|---|---|\n"
            "| ARC | 64.1 | 60.2 |\n| GSM8K | 51.0 | 40.3 |\n",
            "ARC, GSM8K",
        ),
    ],
    ids=[
        "scores only",
        "a Korean model column",
        "rows named by a parameter count",
        "a rank first",
        "benchmarks across the heading row",
        "rows named by repo ids",
        "benchmarks down a column",
    ],
)
def test_results_tables_name_their_benchmarks(readme: str, benchmarks: str) -> None:
    """MOF component 19 (evaluation data) from the table's headings when its rows are
    models or scores."""
    found = mof_components(readme)
    assert found["12"]["status"] == "included", found["12"]["reason"]
    assert f"names its benchmarks ({benchmarks})" in found["19"]["reason"]


LIMITATIONS = {
    "制限事項": "本モデルは不正確な情報や偏った出力を生成する可能性があります。" * 3,
    "한계": "이 모델은 부정확하거나 편향된 내용을 생성할 수 있습니다. " * 5,
    "Limites": "Le modèle peut générer des contenus inexacts, biaisés ou offensants. " * 3,
    "Einschränkungen": "Das Modell kann falsche oder voreingenommene Inhalte erzeugen. " * 3,
    "Limitaciones": "El modelo puede generar contenido inexacto, sesgado u ofensivo. " * 3,
    "偏見與風險": "本模型可能產生不正確或帶有偏見的內容。使用者在部署前應仔細評估模型輸出。" * 2,
}


@pytest.mark.parametrize("title", list(LIMITATIONS))
def test_limitations_sections_in_other_languages(title: str) -> None:
    verdict = evaluate(
        load_rubric("openaudit"), ev(f"# m\n{PROSE}\n## {title}\n{LIMITATIONS[title]}\n")
    )
    finding = next(
        f for f in verdict.layer("documentation").findings if f.probe == "docs.limitations"
    )
    assert finding.answer == "yes", finding.reason


RISKS = "The model may produce inaccurate, biased or offensive content; weigh its outputs. " * 3
# English titles of vendor cards (probe16), each beside a twin that names no limitations
ENGLISH_LIMITATIONS = [
    ("Responsible AI Considerations", "yes"), ("Considerations", "no"),
    ("Safety", "yes"), ("Safety and Responsibility", "yes"),
    ("Caveats", "yes"), ("Known Issues", "yes"), ("Issues", "no"),
    # review16a #7: how the model was trained for safety is no limitations section
    ("Safety Training", "no"), ("Safety Fine-tuning", "no"), ("Safety Alignment (RLHF)", "no"),
]  # fmt: skip


@pytest.mark.parametrize(("title", "answer"), ENGLISH_LIMITATIONS)
def test_limitations_sections_under_vendor_titles(title: str, answer: str) -> None:
    verdict = evaluate(load_rubric("openaudit"), ev(f"# m\n{PROSE}\n## {title}\n{RISKS}\n"))
    finding = next(
        f for f in verdict.layer("documentation").findings if f.probe == "docs.limitations"
    )
    assert finding.answer == answer, finding.reason


def test_a_limitations_section_after_a_safety_training_section_counts() -> None:
    readme = f"# m\n{PROSE}\n## Safety Training\n{RISKS}\n## Safety\n{RISKS}\n"
    verdict = evaluate(load_rubric("openaudit"), ev(readme))
    finding = next(
        f for f in verdict.layer("documentation").findings if f.probe == "docs.limitations"
    )
    assert finding.answer == "yes", finding.reason
    assert "section 'Safety' has" in finding.reason


# --- the Hub's arxiv tag, through the CLI and a fake Hub --------------------------------

HUB_JSON = {"sha": "0" * 40, "gated": False, "private": False, "revisions": ["main"]}


def _hub_model(root: Path, repo: str, readme: str, tags: list[str]) -> None:
    folder = root / "models" / repo
    folder.mkdir(parents=True)
    (folder / "README.md").write_text(f"---\nlicense: apache-2.0\n---\n{readme}", encoding="utf-8")
    (folder / "hub.json").write_text(json.dumps({**HUB_JSON, "tags": tags}), encoding="utf-8")


def test_the_hub_tag_of_a_base_paper_is_no_paper_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Hub tags every arXiv id a README links: the tag of the base model's paper,
    cited beside the base, makes it neither the model's paper (docs.paper no, MOF 11 and
    21 missing, EOSAI preprint closed) while the twin linking its own report keeps it."""
    _hub_model(tmp_path, "org/tuned", BASE_CITED, ["arxiv:2304.00101"])
    _hub_model(tmp_path, "org/own", OWN_IN_INTRO, ["arxiv:2405.00111"])
    with FakeHub(root=tmp_path) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        args = ["-r", "openaudit", "-r", "mof", "-r", "eosai", "--format", "json", "--no-cache"]
        result = CliRunner().invoke(app, ["org/tuned", "org/own", *args])
    assert result.exit_code in (0, 1), result.stderr
    models = {m["ref"]: m for m in json.loads(result.stdout)["models"]}
    expected = {"org/tuned": ("no", "missing", "closed"), "org/own": ("yes", "included", "open")}
    for ref, (paper, report, preprint) in expected.items():
        rubrics = {r["id"]: r for r in models[ref]["rubrics"]}
        findings = {f["probe"]: f for layer in models[ref]["layers"] for f in layer["findings"]}
        assert findings["docs.paper"]["answer"] == paper, findings["docs.paper"]["reason"]
        components = {str(c["id"]): c for c in rubrics["mof"]["framework"]["components"]}
        assert components["11"]["status"] == components["21"]["status"] == report
        dimensions = {d["id"]: d for d in rubrics["eosai"]["framework"]["dimensions"]}
        assert dimensions["preprint"]["level"] == preprint
