"""Card readers stay linear on hostile text: every rubric's probes over bodies built to
make a backtracking pattern quadratic (runs of whitespace across lines, long number
lists in an architecture section, long runs of auxiliary words before a training verb).
"""

from __future__ import annotations

import time

import pytest

from openaudit.evidence import Evidence
from openaudit.rubric import load_rubric
from openaudit.rubric.engine import evaluate

BODIES = [
    # an HTML comment blanked to spaces keeps its lines: whitespace across line starts
    "# M\nx\n<!--\n" + (" " * 60 + "\n") * 400 + "-->\n## Evaluation\ntext",
    "# M\n\n" + " " * 100_000 + "x\n",
    "# M\n## Architecture\nlayers " + "1," * 100_000 + "x\n",
    "# M\n## Training Data\nThe model" + " a" * 50_000 + " x fine-tuned on Foo.\n",
    # one sentence naming thousands of sources: each name's cues are found once a sentence
    "# M\n## Training Data\nTrained on " + ", ".join(f"Set{i} with Data{i}" for i in range(2_000)),
    "# M\n## Results\n|" + "-" * 100_000 + "x\n",
    # images shown by repository paths, img tags and evaluation phrases without their end
    "# M\n## Evaluation\n![r](eval_results.png)\n" + "![](" * 20_000 + "<img src=" * 20_000,
    "# M\n## Evaluation\n![r](eval_results.png)\nEvaluated on" + " test" * 50_000 + " MMLU\n",
    # a generation card's images: alt texts of nested brackets, tags without their end
    "---\npipeline_tag: text-to-image\n---\n"
    + "![[a]" * 30_000
    + "\n## Gallery\n"
    + "![x [y] z](" * 10_000
    + "<audio src=" * 20_000,
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_every_rubric_reads_a_hostile_body_in_linear_time(body: str) -> None:
    evidence = Evidence(ref="org/m", repo_id="org/m", source="hub", readme=body)
    started = time.process_time()
    for rubric in ("openaudit", "mof", "eosai"):
        evaluate(load_rubric(rubric), evidence)
    # CPU seconds of this process, which other jobs on the machine cannot inflate: a
    # bound against runaway (super-linear) work, not a speed measure (see benchmarks/)
    assert time.process_time() - started < 5.0  # loose: typically well under 1 s
