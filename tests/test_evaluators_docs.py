"""Table-driven tests of the documentation-layer evaluators."""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from openaudit.cli.app import app
from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.evaluators import reported_results
from openaudit.rubric.evaluators.benchmark_names import results_table_names
from openaudit.rubric.evaluators.card_tables import tables
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer

PROSE = " ".join(["The model reads text and writes summaries of it."] * 20)
FULL = f"""---
license: mit
---
# Model
{PROSE}
## Model Details
{PROSE}
## Uses
Summaries of news.
## Bias, Risks, and Limitations
It hallucinates names.
## Training Details
Trained on news.
## Evaluation
| metric | value |
|---|---|
| rouge | 40 |
## Environmental Impact
12 kg CO2.
## Citation
Cite the report https://arxiv.org/abs/2401.00001
"""
NO_TABLE = f"# M\n{PROSE}\n## Evaluation\nIt did well on everything.\n"
TEMPLATE = (
    f"---\nlicense: mit\n---\n# Model Card for m\n{PROSE}\n"
    "## Model Details\n<!-- Provide a longer summary. -->\n"
    "- **Developed by:** [More Information Needed]\n- **License:** [More Information Needed]\n"
    + "".join(f"## {name}\n[More Information Needed]\n" for name in ("Uses", "Training", "Eval"))
)
CO2_ONLY = f"# M\n{PROSE}\nCO2 via https://arxiv.org/abs/1910.09700\n"
TRAINER = (
    "---\nmodel-index: [{name: m, results: []}]\n---\n# m\n## Training and evaluation data\n"
    "More information needed\n## Training results\n| Loss | Epoch |\n|:---:|:---:|\n| 0.8 | 1 |\n"
)
# Concise cards (probe15 #3): the architecture, training data, training hardware and
# results in definition lines, in a summary table, in an HTML table; under 150 words.
CONCISE_HEAD = "---\nlicense: apache-2.0\n---\n# brisk-3b\n\n## Model Information\n\n"
CONCISE_RESULTS = "\n## Results\n\n| Benchmark | brisk-3b |\n|---|---|\n| MMLU | 48.2 |\n"
DEFINITIONS = (
    "**Architecture:** decoder-only transformer, 28 layers, hidden size 3072.\n"
    "**Training data:** [open-web](https://huggingface.co/datasets/org/open-web), 1.5T tokens.\n"
    "**Training hardware:** 128 H100 GPUs for nine days.\n**License:** Apache 2.0\n"
)
CONCISE_LINES = CONCISE_HEAD + DEFINITIONS + CONCISE_RESULTS
CONCISE_TABLE = CONCISE_HEAD + (
    "| | |\n|---|---|\n| Architecture | decoder-only transformer, 28 layers |\n"
    "| Training data | open-web, 1.5T tokens of filtered web text |\n"
    "| Training hardware | 128 H100 GPUs for nine days |\n| License | Apache 2.0 |\n"
)
CONCISE_HTML = CONCISE_HEAD + (
    "<table>\n<tr><td>Architecture</td><td>decoder-only transformer, 28 layers</td></tr>\n"
    "<tr><td>Training procedure</td><td>AdamW with a cosine schedule over 1.5T tokens</td></tr>\n"
    "</table>\n"
)
# negative twins: one topic only, the template's placeholders, a section left unfilled
ONE_TOPIC = CONCISE_HEAD + (
    "**Architecture:** decoder-only transformer, 28 layers, hidden size 3072.\n"
    "**License:** Apache 2.0\n"
)
SHORT_TEMPLATE = CONCISE_HEAD + (
    "- **Architecture:** [More Information Needed]\n"
    "- **Training data:** [More Information Needed]\n"
    "## Evaluation\n\n[More Information Needed]\n"
)
# values that point elsewhere, deny or hold placeholder text cover nothing (review7 #6);
# a pointer or denial followed by a clause of facts covers the topic
POINTING = CONCISE_HEAD + (
    "- Architecture: see the original model card\n"
    "- Training data: refer to the original model card\n"
)
DENYING = CONCISE_HEAD + (
    "| | |\n|---|---|\n| Architecture | not disclosed here |\n"
    "| Training data | not publicly disclosed |\n| Training hardware | N/A |\n"
    "| Evaluation | TBD |\n| Training procedure | [Add the procedure here] |\n"
)
POINTING_THEN_SAYING = CONCISE_HEAD + (
    "- Architecture: see [the paper](https://arxiv.org/abs/2501.00001), decoder-only, 28 layers\n"
    "- Training data: unknown; tuned on 1.5T tokens of web text\n"
)
LEFT_UNFILLED = CONCISE_LINES + "\n## Citation\n\n[More Information Needed]\n"
POINTER = "# brisk-3b\n\nThe model card is in [MODEL_CARD.md](MODEL_CARD.md).\n"
HTML_TABLE = (
    "# m\n## Benchmarks\n<table>\n <tr>\n  <td>MMLU</td>\n  <td>66.6</td>\n </tr>\n</table>\n"
)
BENCH_ROW = "| [HellaSwag](https://arxiv.org/abs/1905.07830) | 72.2 |"
BENCH_CITED = f"# m\n## Evaluation\n| Benchmark | Score |\n|---|---|\n{BENCH_ROW}\n"
BENCH_REFS = (
    "# m\n## Evaluation\n### Reasoning\n| Benchmark | Score |\n|---|---|\n"
    "| [HellaSwag][hs] | 72.2 |\n\n[hs]: https://arxiv.org/abs/1905.07830\n"
)
DATA_CITED = (
    "# m\n## Training procedure\n#### Training data\n| Dataset | Paper |\n|---|---|\n"
    "| [Reddit](https://github.com/o/r) | [paper](https://arxiv.org/abs/1904.06472) |\n"
)
OWN_IN_TABLE = (
    "# m\n## Model Details\n| Field | Value |\n|---|---|\n"
    "| Paper | [arXiv](https://arxiv.org/abs/2402.00001) |\n"
)
OWN_AND_CITED = BENCH_CITED + "\nSee [our paper](https://arxiv.org/abs/1905.07830) for details.\n"
SHORT_LINK_PAPER = "# m\nRead the [preprint](https://bit.ly/abc) and our [Paper](https://t.co/x).\n"
SHORT_LINK_CITED = (
    "# m\n## Evaluation\n| Benchmark | Paper | Score |\n|---|---|---|\n"
    "| Bench | [paper](https://bench.example.io/) | 72.2 |\n"
)
REF_FROM_PROSE = (
    "# m\nRead our [paper][p].\n## Evaluation\n| B | S |\n|---|---|\n| x | 1 |\n\n"
    "[p]: https://arxiv.org/abs/2402.00001\n"
)

# Results reported without a table that was read: a section titled as results, or a
# link from the evaluation section to where the results are published.
RESULTS_PROSE = (
    "# M\n## Evaluation Results\nAcross guidance scales the newer checkpoints improve on the "
    "older ones in every setting we tried, as the plot below shows for fifty sampling steps.\n"
    "![plot](https://img.example/scores.png)\n"
)
RESULTS_NUMBERS = (
    "# M\n## Benchmarks\nOn the question-answering suite the model reaches 71.3 points, two "
    "ahead of the previous release, and 64 % on the reasoning set under the same settings.\n"
)
RESULTS_WORDS = (
    "# M\n## Results\nThe model does well on the usual suites and better than the previous "
    "release on most of them, according to the internal review of the team last spring.\n"
)
RESULTS_PLACEHOLDER = "# M\n## Results\n[More Information Needed]\n"
LEADERBOARD = (
    "# M\n## Evaluation\nSee the [leaderboard]"
    "(https://huggingface.co/spaces/org/open_llm_leaderboard) for early results.\n"
)
RESULTS_BLOG = (
    "# M\n## Evaluation & Performance\n"
    "Detailed evaluation results are reported in [our blog](https://org.example/blog/m).\n"
)
EVAL = "# M\n## Evaluation\n"
NOT_RESULTS = {
    "a mail address": EVAL + "Questions to [us](mailto:team@org.example).\n",
    "a file of the repo": EVAL + "Run [eval.py](./eval.py) to reproduce.\n",
    "an anchor": EVAL + "See [below](#usage).\n",
    "a notebook": EVAL + "Try it in [Colab](https://colab.research.google.com/drive/x).\n",
    "a documentation page": EVAL + "See [the docs](https://huggingface.co/docs/diffusers).\n",
    "a benchmark's paper": EVAL + "We use MMLU ([paper](https://arxiv.org/abs/2009.03300)).\n",
    "a benchmark dataset named eval": EVAL
    + "On [HumanEval](https://huggingface.co/datasets/openai/openai_humaneval).\n",
    "a site linked elsewhere, a page of it here": "# M\n[Hub](https://huggingface.co)\n"
    + EVAL
    + "See https://huggingface.co/docs/evaluate for how to run it.\n",
    "results still to come": "# M\n## Evaluation Results\nComing soon. We will evaluate the "
    "model on 7 benchmarks and post the numbers here over the next 2 weeks, along with the "
    "settings we used for each of them.\n",
    "speed, not scores": "# M\n## Performance\nThe model runs at about 40 tokens per second"
    " on one GPU with 16 GB of memory, which is fast enough for chat use on a desktop machine"
    " without any further tuning.\n",
    "a version in a heading and ids in URLs": "# M\n## Evaluation Results\n#### Model 2.0\n"
    "The model was compared with its predecessors on the usual suites, as described in "
    "https://arxiv.org/abs/2401.00001 and the team's notes from the spring review.\n",
}
EVAL_TITLE_CARD = "# M\n## Evaluation\n"
HARNESS_ONLY = "# M\n## Evaluation\nRun [the harness](https://github.com/org/harness) yourself.\n"
# An image library's template: a comparison section linking the results folder of the
# library's repository, where each model's scores are published.
RESULTS_IN_A_REPO = {
    "a results folder under 'Model Comparison'": "# M\n## Model Comparison\nExplore the "
    "dataset and runtime metrics of this model in [model results]"
    "(https://github.com/org/imagelib/tree/main/results).\n",
    "a results file under 'Evaluation', shown by its path": EVAL_TITLE_CARD
    + "Scores per set: https://github.com/org/lm/blob/main/results-zero-shot.csv\n",
}
NOT_RESULTS_UNDER_COMPARISON = {
    "a table of quantisations under 'Comparison'": "# M\n## Quant comparison\n"
    "| Name | Quant method | Bits | Size |\n|---|---|---|---|\n| m.Q4_K_M.gguf | Q4_K_M | 4 |"
    " 4.1 GB |\n| m.Q8_0.gguf | Q8_0 | 8 | 7.2 GB |\n",
    "a table of specifications under 'Comparison'": "# M\n## Comparison with Base-7B\n"
    "| | Params | Context | Vocab |\n|---|---|---|---|\n| M | 7B | 32k | 64k |\n"
    "| Base-7B | 7B | 4k | 32k |\n",
    "a repository under 'Model Comparison'": "# M\n## Model Comparison\nCompare it with "
    "others using [the library](https://github.com/org/imagelib).\n",
}
NOT_RESULTS_IN_A_REPO = {
    "a scripts folder under 'Evaluation'": EVAL_TITLE_CARD
    + "Run [the scripts](https://github.com/org/lm/tree/main/scripts/eval) yourself.\n",
    "a repository named for results": EVAL_TITLE_CARD
    + "We use [our tool](https://github.com/org/results-tool).\n",
    "a results script": EVAL_TITLE_CARD
    + "Scores come from https://github.com/org/lm/blob/main/results.py\n",
    "code in a scores folder": EVAL_TITLE_CARD
    + "See https://github.com/org/lm/tree/main/scores/compute.py\n",
    "results still to come": EVAL_TITLE_CARD
    + "Results will be added to https://github.com/org/lm/tree/main/results soon.\n",
}
# Results told in prose of some size under a title that says results (no table, no
# score): 110 words; the same words under a plain "Evaluation" title say nothing of results.
RESULTS_TOLD = " ".join(
    [
        "The model answers questions about long documents more reliably than the previous"
        " release, and it follows multi-step instructions with fewer mistakes.",
        "It is weaker on arithmetic word problems and on questions that need recent facts.",
        "Against models of a similar size it is ahead on reading comprehension and coding"
        " tasks and level on commonsense reasoning.",
    ]
    * 2
)
RESULTS_TOLD_UNDER = {
    "Evaluation Results": f"# M\n## Evaluation Results\n{RESULTS_TOLD}\n",
    "4. Benchmark Results": f"# M\n## 4. Benchmark Results\n{RESULTS_TOLD}\n",
    "Performance": f"# M\n## Performance\n{RESULTS_TOLD}\n",
    "Results, under a short Evaluation": (
        f"# M\n## Evaluation\nWe compared it with two baselines.\n### Results\n{RESULTS_TOLD}\n"
    ),
    "Résultats": f"# M\n## Résultats\n{RESULTS_TOLD}\n",
}
METHOD_TOLD = " ".join(
    [
        "We evaluate the model with our harness in a zero-shot setting, with greedy decoding"
        " and a maximum of five hundred new tokens per answer.",
        "Each task is run three times with different prompt templates and the prompts are"
        " listed in the appendix of the report.",
        "The harness, its configuration files and the exact commands are in the evaluation"
        " folder of the repository.",
    ]
    * 2
)
NOT_RESULTS_TOLD = {
    "a short results section": f"# M\n## Results\n{RESULTS_TOLD[:240]}\n",
    "results coming soon": f"# M\n## Evaluation Results\nResults coming soon. {METHOD_TOLD}\n",
    "a plain Evaluation section on the method": f"# M\n## Evaluation\n{METHOD_TOLD}\n",
    "a plain Evaluation section telling results": f"# M\n## Evaluation\n{RESULTS_TOLD}\n",
    "an empty Evaluation heading before a method section": (
        f"# M\n## Evaluation\n### Setup\n{METHOD_TOLD}\n"
    ),
    "a Performance section about speed": (
        "# M\n## Performance\n"
        + "It generates about forty tokens per second on one consumer GPU and needs"
        " sixteen gigabytes of memory at half precision, so it fits on a desktop machine. "
        * 4
        + "\n"
    ),
    "placeholders in a results section": (
        "# M\n## Results\n" + "[More Information Needed] " * 90 + "\n"
    ),
}
BENCHMARK_ONLY = (
    "# M\n## Evaluation\nWe use [a benchmark](https://huggingface.co/datasets/org/qa-set).\n"
)
TRAINING_LOG = "# M\n## Training results\n" + "loss went down steadily over every epoch " * 5
REFERENCES_ONLY = (
    "# M\n## Model Architecture\nRotary embeddings ([paper](https://arxiv.org/abs/2104.09864))"
    " and grouped attention.\n## Limitations\nSee the [base paper](https://arxiv.org/abs/2307.09288)."
    "\n"
)
# A preference-tuned card: the method's paper named as such, then citation blocks of the
# method and the library ("Cite X as:"), one of them a proceedings entry.
PREFERENCE_TUNED = (
    "# m-dpo\n## Training procedure\nThis model was trained with PO, a method introduced in "
    "[Preference Optimisation Explained](https://huggingface.co/papers/2301.00007).\n"
    "## Citations\nCite PO as:\n```bibtex\n@inproceedings{po2023,\n  booktitle = {Proc. X},"
    "\n  url = {https://papers.nips.cc/paper/2023/hash/abc}\n}\n```\nCite TRL as:\n"
    "```bibtex\n@misc{trl, howpublished = {https://github.com/huggingface/trl}}\n```\n"
)
CITED_AS_ITSELF = (
    "# m-dpo\n## Citation\nCite m-dpo as:\n```bibtex\n@article{m2024, url = "
    "{https://arxiv.org/abs/2402.00009}}\n```\n"
)
# The model's paper is announced; meanwhile the Citation section cites earlier work.
PAPER_SOON = (
    "# M\n## Model Sources\n- **Paper:** *coming soon*.\n## Citation\nMeanwhile, cite "
    "the data paper: https://arxiv.org/abs/2306.00003\n"
)
PAPER_SOON_OWN_LINK = (
    PAPER_SOON + "## Report\nOur preliminary report: https://arxiv.org/abs/2402.00004\n"
)
OWN_AND_REFERENCE = REFERENCES_ONLY + "## Citation\nhttps://arxiv.org/abs/2405.00001\n"
# Papers of techniques the model was made with, named by the link's place in the sentence.
TUNED_WITH = "# m\nIt was fine-tuned with [QLoRA](https://arxiv.org/abs/2305.00011) on chat data.\n"
FOLLOWS_WORK = (
    "# m\n## Model Details\nFollowing [Scaling](https://arxiv.org/abs/2203.00021), we set the"
    " size; it uses [RoPE](https://arxiv.org/abs/2104.00022) and the"
    " [SSM](https://arxiv.org/abs/2312.00023) architecture.\n"
)
OUR_WORK_USED = "# m\nWe use [our method](https://arxiv.org/abs/2601.00024) to train it.\n"
ALIGNED_WITH = (
    "# m\nThis model was aligned with [Preference Tuning](https://arxiv.org/abs/2305.00012).\n"
)
MERGE_METHOD = (
    "# m\n## Merge Method\nThis model was merged using the [TIES](https://arxiv.org/abs/2306.00013)"
    " merge method.\n"
)
OUR_PAPER_AFTER_TRAINING = (
    "# m\nThe model is trained as described in our paper "
    "[Scaling Chat Models](https://arxiv.org/abs/2402.00014).\n"
)
COMPARED_PAPER = "# m\nWe compare it with [the Base paper](https://arxiv.org/abs/2402.00015).\n"
# The Citation section's sub-headings: the model's own entry, or other works' (a library's).
BIBTEX = '```bibtex\n@inproceedings{{x, url = "https://arxiv.org/abs/{}"}}\n```\n'
LIBRARY_CITED = (
    "# m\n## Citation\n### BibTeX\n#### Embedding Toolkit\n"
    + BIBTEX.format("1908.00016")
    + "#### RankingLoss\n"
    + BIBTEX.format("1705.00017")
)
OWN_BIBTEX = "# m\n## Citation\n### BibTeX\n" + BIBTEX.format("2402.00018")
OWN_NAMED_HEADING = "# Acme-7B\n## Citation\n### Acme 7B technical report (2024)\n" + BIBTEX.format(
    "2402.00019"
)


def ev(readme: str | None, *paths: str, **fields: Any) -> Evidence:
    files = tuple(RepoFile(p) for p in paths)
    return Evidence(ref="org/m", source="hub", readme=readme, files=files, **fields)


def ask(name: str, evidence: Evidence, **params: Any) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), params)
    return outcome.answer, outcome.reason


CASES: list[tuple[str, str, Evidence, dict[str, Any], Answer, str]] = [
    ("substantive", "card_substantive", ev(FULL), {}, "yes", "words in 8 sections"),
    ("too short", "card_substantive", ev("# M\nA model."), {}, "no", "fewer than 150"),
    # Chinese is written without spaces: two characters count as a word
    ("a Chinese card of 320 characters", "card_substantive", ev("# 模型\n" + "模型训练" * 80),
     {}, "yes", "162 words in 1 sections"),
    ("a Chinese card of 160 characters", "card_substantive", ev("# 模型\n" + "模型训练" * 40),
     {}, "no", "the card has 82 words, fewer than 150"),
    ("unfilled template", "card_substantive", ev(TEMPLATE), {}, "no",
     "4 of 5 sections hold only template placeholders"),
    ("no readme", "card_substantive", ev(None), {}, "no", "no README"),
    # probe15 #3: coverage before length; #11: the card as a file of its own
    ("concise card: definition lines", "card_substantive", ev(CONCISE_LINES), {}, "yes",
     "fewer than 150, but covers architecture (the 'Architecture' line), training data (the"
     " 'Training data' line), training procedure or hardware (the 'Training hardware' line),"
     " evaluation results"),
    ("concise card: a summary table", "card_substantive", ev(CONCISE_TABLE), {}, "yes",
     "covers architecture (the 'Architecture' row), training data (the 'Training data' row)"),
    ("concise card: an HTML table", "card_substantive", ev(CONCISE_HTML), {}, "yes",
     "covers architecture (the 'Architecture' row), training procedure or hardware"),
    ("concise card covering one topic", "card_substantive", ev(ONE_TOPIC), {}, "no",
     "fewer than 150, and covers only architecture (the 'Architecture' line)"),
    ("concise card: fine-tuning under Usage is how a user tunes it", "card_substantive",
     ev(ONE_TOPIC + "## Usage\n### Fine-tuning\n" + "Tune it on your own data with a small"
        " learning rate and the trainer's defaults for a few epochs. " * 2), {}, "no",
     "and covers only architecture"),
    ("concise card whose values point elsewhere", "card_substantive", ev(POINTING), {}, "no",
     "the card has 21 words, fewer than 150"),
    ("concise table whose values deny or hold placeholders", "card_substantive", ev(DENYING),
     {}, "no", "the card has 41 words, fewer than 150"),
    ("concise card: a pointer or denial then facts", "card_substantive",
     ev(POINTING_THEN_SAYING), {}, "yes",
     "covers architecture (the 'Architecture' line), training data (the 'Training data' line)"),
    ("concise template stub", "card_substantive", ev(SHORT_TEMPLATE), {}, "no",
     "the card has 12 words, fewer than 150"),
    ("concise card with a section left unfilled", "card_substantive", ev(LEFT_UNFILLED), {},
     "no", "44 words, fewer than 150, and 1 of 4 sections hold only template placeholders"),
    ("pointer README beside MODEL_CARD.md", "card_substantive",
     ev(POINTER, "MODEL_CARD.md", "model.safetensors"), {}, "yes",
     "the model card is a file of its own in the repo: MODEL_CARD.md"),
    ("no README, a MODELCARD file", "card_substantive", ev(None, "MODELCARD", "voice.onnx"),
     {}, "yes", "a file of its own in the repo: MODELCARD"),
    # review7 #7: only a root-level card file of some size (unknown size: taken at its name)
    ("pointer README beside a 4 kB MODEL_CARD.md", "card_substantive",
     Evidence(ref="org/m", source="hub", readme=POINTER, files=(RepoFile("MODEL_CARD.md", 4096),)),
     {}, "yes", "a file of its own in the repo: MODEL_CARD.md"),
    ("pointer README beside an empty MODEL_CARD.md", "card_substantive",
     Evidence(ref="org/m", source="hub", readme=POINTER, files=(RepoFile("MODEL_CARD.md", 0),)),
     {}, "no", "fewer than 150"),
    ("pointer README, a vendored project's card file", "card_substantive",
     ev(POINTER, "third_party/sam/MODEL_CARD.md", "model.safetensors"), {}, "no",
     "fewer than 150"),
    ("pointer README, a card template in a docs folder", "card_substantive",
     ev(POINTER, "docs/templates/modelcard.md", "model.safetensors"), {}, "no",
     "fewer than 150"),
    ("pointer README, no card file", "card_substantive", ev(POINTER, "model.safetensors"), {},
     "no", "fewer than 150"),
    ("pointer README beside a card report PDF", "card_substantive",
     ev(POINTER, "model_card_report.pdf"), {}, "no", "fewer than 150"),
    ("gated readme", "card_substantive", ev(None, access="gated"), {}, "unknown", "gated"),
    ("coverage", "template_coverage", ev(FULL), {}, "yes", "7 of 14"),
    ("coverage low", "template_coverage", ev(TEMPLATE), {}, "no", "0 of 14"),
    ("model-index", "evaluation_results",
     ev("---\nmodel-index: [{name: m, results: [{task: {type: t}, metrics: []}]}]\n---\n"),
     {}, "yes", "model-index"),
    ("eval files", "evaluation_results", ev("# m", ".eval_results/mmlu.yaml"), {}, "yes",
     "1 result"),
    ("eval table", "evaluation_results", ev(FULL), {}, "yes", "results table in 'Evaluation'"),
    ("eval without table", "evaluation_results", ev(NO_TABLE), {}, "no", "has no results table"),
    ("results in a section titled so, as a plot", "evaluation_results", ev(RESULTS_PROSE), {},
     "yes", "'Evaluation Results' reports scores or a chart"),
    ("results in prose with numbers", "evaluation_results", ev(RESULTS_NUMBERS), {}, "yes",
     "'Benchmarks' reports scores"),
    ("a results section with no score in it", "evaluation_results", ev(RESULTS_WORDS), {}, "no",
     "links no results"),
    ("a short list of scores", "evaluation_results",
     ev("# M\n## Results\n- QA suite: 71.3\n- reasoning: 64 %\n"), {}, "yes",
     "'Results' reports scores"),
    ("one number in a short results line", "evaluation_results",
     ev("# M\n## Results\nVersion 2.5 is out.\n"), {}, "no", "links no results"),
    ("a placeholder results section", "evaluation_results", ev(RESULTS_PLACEHOLDER), {}, "no",
     "links no results"),
    ("results on a leaderboard", "evaluation_results", ev(LEADERBOARD), {}, "yes",
     "linked from 'Evaluation': org/open_llm_leaderboard"),
    ("results in a blog post", "evaluation_results", ev(RESULTS_BLOG), {}, "yes",
     "org.example/blog/m"),
    ("a harness is how, not results", "evaluation_results", ev(HARNESS_ONLY), {}, "no",
     "links no results"),
    *((f"results in a code repository: {name}", "evaluation_results", ev(card), {}, "yes",
       "results published elsewhere, linked from")
      for name, card in RESULTS_IN_A_REPO.items()),
    *((f"not results: {name}", "evaluation_results", ev(card), {}, "no", "no results table")
      for name, card in NOT_RESULTS_IN_A_REPO.items()),
    *((f"not results: {name}", "evaluation_results", ev(card), {}, "no",
       "no model-index, result files or evaluation section")
      for name, card in NOT_RESULTS_UNDER_COMPARISON.items()),
    *((f"not results: {name}", "evaluation_results", ev(card), {}, "no", "no results table")
      for name, card in NOT_RESULTS.items()),
    ("a benchmark dataset is not results", "evaluation_results", ev(BENCHMARK_ONLY), {}, "no",
     "links no results"),
    *((f"results told in prose under '{title}'", "evaluation_results", ev(card), {}, "yes",
       f"section '{title.split(', ')[0]}' reports results in 110 words of prose")
      for title, card in RESULTS_TOLD_UNDER.items()),
    *((f"not results told in prose: {name}", "evaluation_results", ev(card), {}, "no",
       "no results table")
      for name, card in NOT_RESULTS_TOLD.items()),
    ("a training loss log is not evaluation", "evaluation_results", ev(TRAINING_LOG), {}, "no",
     "no model-index"),
    ("papers only as references", "paper_linked", ev(REFERENCES_ONLY), {}, "no",
     "(2104.09864 in 'Model Architecture', 2307.09288 in 'Limitations')"),
    # the model's own report shipped in its repository (inferred from its name), the test
    # MOF's technical report and EOSAI's preprint read; not a PDF named as a licence, a
    # policy, a datasheet or a model card
    *((f"a report in the repo: {name}", "paper_linked", ev("# M\nA model.\n", name), {},
       "yes", f"a report in the repo: {name} (its file name says report or paper)")
      for name in ("technical_report.pdf", "docs/Acme-7B_Paper.pdf", "whitepaper.pdf",
                   "TECHNICAL_REPORT.md")),
    ("a report in the repo beside papers linked as references", "paper_linked",
     ev(REFERENCES_ONLY, "report.pdf"), {}, "yes", "a report in the repo: report.pdf"),
    ("a report in the repo, gated card unread", "paper_linked",
     ev(None, "technical_report.pdf", access="gated", gated="manual"), {}, "yes",
     "a report in the repo: technical_report.pdf"),
    *((f"not a report in the repo: {name}", "paper_linked", ev("# M\nA model.\n", name), {},
       "no", "no paper link and no arxiv tag")
      for name in ("Model_License_Whitepaper.pdf", "Responsible_Use_Guide_Report.pdf",
                   "Datasheet_Report.pdf", "Model_Card_Report.pdf", "slides.pdf",
                   "report.txt")),
    ("own paper beside references", "paper_linked", ev(OWN_AND_REFERENCE), {}, "yes",
     "paper linked: 2405.00001"),
    ("the Hub's tags of linked references are no paper of its own", "paper_linked",
     ev(REFERENCES_ONLY + BENCH_CITED.removeprefix("# m"),
        tags=("arxiv:2104.09864", "arxiv:2307.09288", "arxiv:1905.07830")), {}, "no",
     "references to other work"),
    ("the Hub's tags of benchmark citations are no paper of its own", "paper_linked",
     ev(BENCH_CITED, tags=("arxiv:1905.07830",)), {}, "no",
     "the arxiv tags name only papers the card cites"),
    ("a method's paper and its citation block are references", "paper_linked",
     ev(PREFERENCE_TUNED, repo_id="org/m-dpo"), {}, "no", "references to other work"),
    ("a citation block of the model itself", "paper_linked",
     ev(CITED_AS_ITSELF, repo_id="org/m-dpo"), {}, "yes", "paper linked: 2402.00009"),
    ("paper coming soon: the Citation section cites earlier work", "paper_linked",
     ev(PAPER_SOON), {}, "no", "references to other work (2306.00003 in 'Citation')"),
    ("paper coming soon, a report of its own linked", "paper_linked",
     ev(PAPER_SOON_OWN_LINK), {}, "yes", "paper linked: 2402.00004"),
    ("a technique it was fine-tuned with", "paper_linked", ev(TUNED_WITH), {}, "no",
     "references to other work (2305.00011"),
    ("a technique it was aligned with, after 'this model'", "paper_linked", ev(ALIGNED_WITH), {},
     "no", "references to other work (2305.00012"),
    ("the merge method's paper", "paper_linked", ev(MERGE_METHOD), {}, "no",
     "references to other work (2306.00013 in 'Merge Method')"),
    ("works the model follows or uses", "paper_linked", ev(FOLLOWS_WORK), {}, "no",
     "references to other work (2203.00021"),
    ("its own method, used", "paper_linked", ev(OUR_WORK_USED), {}, "yes",
     "paper linked: 2601.00024"),
    ("'our paper' after the training words", "paper_linked", ev(OUR_PAPER_AFTER_TRAINING), {},
     "yes", "paper linked: 2402.00014"),
    ("a library's and a loss's BibTeX under their own headings", "paper_linked",
     ev(LIBRARY_CITED), {}, "no", "references to other work (1908.00016 in 'Embedding Toolkit'"),
    ("the model's own BibTeX under '### BibTeX'", "paper_linked", ev(OWN_BIBTEX), {}, "yes",
     "paper linked: 2402.00018"),
    ("a citation heading with the model's name", "paper_linked",
     ev(OWN_NAMED_HEADING, repo_id="acme/Acme-7B"), {}, "yes", "paper linked: 2402.00019"),
    ("an arxiv tag beyond the references", "paper_linked",
     ev(REFERENCES_ONLY, tags=("arxiv:2405.00001",)), {}, "yes", "tagged arxiv:2405.00001"),
    ("no eval", "evaluation_results", ev("# m"), {}, "no", ""),
    ("trainer: empty model-index, loss log only", "evaluation_results", ev(TRAINER), {}, "no",
     "no model-index"),
    ("html results table", "evaluation_results", ev(HTML_TABLE), {}, "yes",
     "results table in 'Benchmarks'"),
    ("paper link", "paper_linked", ev(FULL), {}, "yes", "2401.00001"),
    ("paper tag", "paper_linked", ev("# m", tags=("arxiv:2310.1",)), {}, "yes", "arxiv:2310.1"),
    ("the Hub's DOI names the repo, not a paper", "paper_linked",
     ev("# m", tags=("doi:10.57967/hf/0001",)), {}, "no", "no paper link"),
    ("a software release's DOI is not a paper", "paper_linked",
     ev("# m\n## Citation\nhttps://doi.org/10.5281/zenodo.1234567\n"), {}, "no", "no paper"),
    ("benchmark paper in an eval table", "paper_linked", ev(BENCH_CITED), {}, "no", ""),
    ("benchmark papers as references of an eval table", "paper_linked", ev(BENCH_REFS), {}, "no",
     ""),
    ("dataset papers in a training-data table", "paper_linked", ev(DATA_CITED), {}, "no", ""),
    ("own paper in a details table", "paper_linked", ev(OWN_IN_TABLE), {}, "yes", "2402.00001"),
    ("cited in a table and named in prose", "paper_linked", ev(OWN_AND_CITED), {}, "yes",
     "1905.07830"),
    ("report on a short link", "paper_linked", ev(SHORT_LINK_PAPER), {}, "yes", "bit.ly/abc"),
    ("benchmark page cited as paper in an eval table", "paper_linked", ev(SHORT_LINK_CITED), {},
     "no", ""),
    ("reference used from prose", "paper_linked", ev(REF_FROM_PROSE), {}, "yes", "2402.00001"),
    ("template co2 paper", "paper_linked", ev(CO2_ONLY, tags=("arxiv:1910.09700",)), {}, "no", ""),
    ("metadata ok", "metadata_readable", ev(FULL), {}, "yes", "license"),
    ("metadata broken", "metadata_readable", ev("---\nlicense: [\n---\n# m"), {}, "no",
     "does not parse"),
    ("no metadata", "metadata_readable", ev("# m"), {}, "no", "no YAML metadata"),
    ("api metadata", "metadata_readable", ev(None, api_card_data={"license": "mit"}), {}, "yes",
     "Hub API"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "evidence", "params", "answer", "reason"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_docs_evaluator(
    name: str, evidence: Evidence, params: dict[str, Any], answer: Answer, reason: str
) -> None:
    got, why = ask(name, evidence, **params)
    assert got == answer, why
    assert reason in why


# probe11 class 3: a table of scores on well-known benchmarks is evaluation results
# whatever the heading above it (inferred, naming its section); tables of other numbers,
# benchmarks without scores, and tables in training or data sections are not.
BENCH_TABLE = "| Benchmark | Ours |\n|---|---|\n| MMLU (5-shot) | 66.2 |\n| GSM8K | 52.1 |\n"
HTML_BENCH = (
    "<table>\n<tr><th>Benchmark</th><th>Ours</th></tr>\n<tr><td>HumanEval</td><td>33.5</td></tr>\n"
    "<tr><td>MBPP</td><td>41.0 %</td></tr>\n</table>\n"
)
MODELS_ACROSS = (
    "| Model | MMLU | GSM8K |\n|---|---|---|\n| Ours-7B | 64.1 | 50.3 |\n| Base | 60.2 | 40.8 |\n"
)
RESULTS_ANYWHERE: list[tuple[str, str, Answer, str]] = [
    ("under 'Highlights'", f"## Highlights\n{BENCH_TABLE}", "yes",
     "a results table in 'Highlights' gives scores on benchmarks (MMLU (5-shot), GSM8K)"),
    ("an HTML table under 'Model Summary'", f"## Model Summary\nIt is small.\n\n{HTML_BENCH}",
     "yes", "a results table in 'Model Summary' gives scores on benchmarks (HumanEval, MBPP)"),
    ("benchmarks across, models down, under a comparison title",
     f"## Comparison with other models\n{MODELS_ACROSS}", "yes",
     "in 'Comparison with other models' gives scores on benchmarks (MMLU, GSM8K)"),
    ("above the first heading", f"A small model.\n\n{BENCH_TABLE}\n## Usage\nRun it.\n", "yes",
     "a results table in the card's opening"),
    ("after an evaluation section without results",
     f"## Evaluation\nWe use lm-eval.\n## Highlights\n{BENCH_TABLE}", "yes",
     "a results table in 'Highlights'"),
    # negative twins
    ("hyperparameters", "## Model Summary\n| Hyperparameter | Value |\n|---|---|\n"
     "| Learning rate | 0.0003 |\n| Warmup ratio | 0.03 |\n", "no", "no model-index"),
    ("file sizes", "## Files\n| File | Size (GB) |\n|---|---|\n| m-q4.gguf | 4.1 |\n"
     "| m-q8.gguf | 7.7 |\n", "no", "no model-index"),
    ("benchmarks without scores", "## Highlights\n| Benchmark | Skill |\n|---|---|\n"
     "| MMLU | knowledge |\n| GSM8K | arithmetic |\n", "no", "no model-index"),
    ("one benchmark only", "## Highlights\n| Benchmark | Ours |\n|---|---|\n| MMLU | 66.2 |\n"
     "| Ours-internal | 52.1 |\n", "no", "no model-index"),
    ("benchmark sets as training data", "## Training Data\n| Dataset | Share |\n|---|---|\n"
     "| GSM8K | 10.5 % |\n| MATH | 20.1 % |\n", "no", "no model-index"),
    ("a data mixture under its own title", "## Data mixture\n| Source | Share |\n|---|---|\n"
     "| GSM8K | 12.5 % |\n| MATH | 3.0 % |\n", "no", "no model-index"),
    ("a mixture under a bold title inside the training data",
     "## Training Data\nWe mix sources.\n\n**SFT mix**\n| Source | Part |\n|---|---|\n"
     "| GSM8K | 12.5 % |\n| MATH | 3.0 % |\n", "no", "no model-index"),
    ("names shaped like benchmarks but none well known",
     "## Highlights\n| Model | InHouseQA | PrivateEval |\n|---|---|---|\n| Ours | 71.2 | 65.0 |\n",
     "no", "no model-index"),
    ("words that are benchmarks only in capitals", "## Highlights\n| Use | Ours |\n|---|---|\n"
     "| glue | 71.2 |\n| ruler | 65.0 |\n", "no", "no model-index"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "answer", "reason"),
    [c[1:] for c in RESULTS_ANYWHERE],
    ids=[c[0] for c in RESULTS_ANYWHERE],
)
def test_a_results_table_counts_under_any_heading(body: str, answer: Answer, reason: str) -> None:
    outcome = run(get_evaluator("evaluation_results"), ProbeContext(ev(body)), {})  # type: ignore[arg-type]
    assert (outcome.answer, reason in outcome.reason) == (answer, True), outcome.reason
    assert outcome.inferred == (answer == "yes")


_BENCHMARKS = ["MMLU", "GSM8K", "HumanEval", "HellaSwag", "ARC-Challenge", "MT-Bench", "GLUE"]
_SHAPED = ["SimpleQA", "LabBench", "CodeEval"]  # shaped like benchmarks: listed, never enough
_OTHER_CELLS = ["Learning rate", "Batch size", "model.gguf", "Q4_K_M", "warmup", "tokens", ""]
_NUMBERS = st.sampled_from(["0.03", "3e-4", "4096", "7.7 GB", "66.2", "71 %", "1,024"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_OTHER_CELLS), _NUMBERS), min_size=1, max_size=6))
def test_a_table_naming_no_benchmark_is_never_results(rows: list[tuple[str, str]]) -> None:
    table = [["Name", "Value"], *([name, value] for name, value in rows)]
    assert results_table_names(table) == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_BENCHMARKS), min_size=2, max_size=5, unique=True),
    st.sampled_from(["66.2", "71 %", "48.2†", "62.5 ± 0.4", "**80.1**"]),
    st.booleans(),
)
def test_scores_on_two_known_benchmarks_are_results_either_way_round(
    names: list[str], score: str, across: bool
) -> None:
    """Benchmarks down the first column or across the header, scores in the cells; names
    only shaped like benchmarks are listed beside them."""
    names = [*names, *_SHAPED[: len(names) % 3]]
    down = [["Benchmark", "Ours"], *([name, score] for name in names)]
    table = [["Model", *names], ["Ours", *[score] * len(names)]] if across else down
    body = "\n".join("| " + " | ".join(row) + " |" for row in table[:1])
    body += "\n|" + "---|" * len(table[0]) + "\n"
    body += "\n".join("| " + " | ".join(row) + " |" for row in table[1:])
    [parsed] = tables(body)
    assert results_table_names(parsed) == names


@pytest.mark.parametrize(
    ("readme", "probe"),
    [
        (RESULTS_PROSE, "evaluation_results"),
        (RESULTS_TOLD_UNDER["Evaluation Results"], "evaluation_results"),
        (LEADERBOARD, "evaluation_results"),
        (REFERENCES_ONLY, "paper_linked"),
    ],
)
def test_read_from_the_page_not_a_field_is_inferred(readme: str, probe: str) -> None:
    spec = get_evaluator(probe)
    assert spec is not None
    assert run(spec, ProbeContext(ev(readme)), {}).inferred


def test_a_huge_results_section_is_read_in_one_pass() -> None:
    """Long runs that made the first results patterns backtrack (a letter run before no
    "://", unclosed image brackets) are answered like any other text; were the
    patterns quadratic again, this alone would take about a minute."""
    body = "# M\n## Evaluation Results\n" + "a" * 200_000 + "\n" + "![" * 20_000 + "\n"
    assert ask("evaluation_results", ev(body + "x://" * 20_000))[0] == "no"


def test_the_unfilled_hub_template_documents_neither_data_nor_limitations(
    tmp_path: Path,
) -> None:
    """The template's HTML comments and default sentences are guidance, not text: an
    audit of the unfilled template (through the CLI) finds no data documentation and
    no limitations section, though its comments under both run to dozens of words."""
    template = importlib.resources.files("huggingface_hub") / "templates" / "modelcard_template.md"
    text = re.sub(r'\{\{\s*\w+\s*\|\s*default\("((?:[^"\\]|\\.)*)",\s*true\s*\)\s*\}\}', r"\1",
                  template.read_text(encoding="utf-8"))  # fmt: skip
    text = re.sub(r"\{\{[^}]*\}\}", "demo", text.replace("{{ card_data }}", "license: mit"))
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, [str(tmp_path), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    findings = {
        finding["probe"]: finding
        for layer in json.loads(result.stdout)["models"][0]["layers"]
        for finding in layer["findings"]
    }
    assert findings["docs.limitations"]["answer"] == "no"
    assert findings["docs.data_documented"]["answer"] == "no"
    assert "fewer than 40" in findings["docs.data_documented"]["reason"]


_RESULT_PARTS = st.sampled_from([
    "#", "## ", "# x", "\n", " ", "http", "HTTPS", "ftp", "://", "x.org", "!", "[", "]", "(",
    ")", "<", "<IMG", "img", " src=", ">", "chart", "71.3", "%",
])  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_RESULT_PARTS, max_size=16).map("".join))
def test_result_patterns_are_skipped_only_where_they_cannot_match(text: str) -> None:
    # _scores runs each pattern only on texts holding its literal
    assert reported_results.HEADING_LINE.search(text) is None or "#" in text
    assert reported_results.URL.search(text) is None or "://" in text
    assert reported_results.CHART.search(text) is None or reported_results._may_chart(text)
