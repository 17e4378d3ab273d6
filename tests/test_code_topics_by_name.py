"""Code links told by the name of the model's own repository, by a heading of its own code,
and general evaluation toolkits (MOF components 7, 16 and 18, EOSAI training code, the
default rubric's code layer), and data-processing scripts in the repository by their file
names. Table-driven, on synthetic cards."""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Finding, Outcome

MIT = "---\nlicense: mit\n---\n# Acme-7B\nA small language model.\n"
CODE_COMPONENTS = ("training_code", "evaluation_code", "preprocessing_code")


def ev(body: str, repo_id: str = "acme-lab/Acme-7B") -> Evidence:
    files = (RepoFile("README.md"), RepoFile("config.json"), RepoFile("model.safetensors"))
    return Evidence(ref=repo_id, repo_id=repo_id, source="hub", readme=MIT + body, files=files)


def component(evidence: Evidence, name: str) -> Outcome:
    spec = get_evaluator("mof_component")
    assert spec is not None
    return run(spec, ProbeContext(evidence), {"component": name, "type": "code"})


def finding(evidence: Evidence, probe: str) -> Finding:
    verdict = evaluate(load_rubric("openaudit"), evidence)
    found = [f for layer in verdict.layers for f in layer.findings if f.probe == probe]
    assert found, probe
    return found[0]


def listed(heading: str, url: str) -> str:
    """A section linking the URL by a text that names no topic."""
    return f"## {heading}\nPebble valley [source]({url}) meadow.\n"


# (case, card body, the component the repository's name tells). Names whose words are
# keywords of their topic ("acme-evaluation", "acme-curation", "acme-train",
# "acme-finetune") were told already: the link's URL stands in its sentence.
NAMED: list[tuple[str, str, str]] = [
    (f"a repository named {name} under '{heading}'", listed(heading, url), what)
    for heading, name, url, what in [
        ("Code", "*-eval", "https://github.com/acme-lab/acme-eval", "evaluation_code"),
        ("Code", "evals", "https://github.com/acme-lab/evals", "evaluation_code"),
        ("Model Sources", "*-datatools", "https://github.com/acme-lab/acme-datatools",
         "preprocessing_code"),
        ("Repository", "*-data-prep", "https://github.com/acme-lab/acme-data-prep",
         "preprocessing_code"),
        ("Code", "*-preprocessing", "https://github.com/acme-lab/acme_preprocessing",
         "preprocessing_code"),
        ("Code", "*-dataprocessing", "https://github.com/acme-lab/acme-dataprocessing",
         "preprocessing_code"),
        ("Code", "*-posttrain", "https://github.com/acme-lab/acme-posttrain", "training_code"),
        # the model's own repository by its owner alone, under a heading of no topic
        ("Links", "*-eval of the publisher", "https://github.com/acme-lab/toolbox-eval",
         "evaluation_code"),
        # by a distinctive word of the model's name, under another owner
        ("Links", "acme-* of another owner", "https://github.com/acme-research/acme-eval",
         "evaluation_code"),
        # a folder of the model's own repository named for the topic
        ("Links", "a folder named eval", "https://github.com/acme-lab/acme/tree/main/eval",
         "evaluation_code"),
    ]
]  # fmt: skip


@pytest.mark.parametrize(("body", "what"), [c[1:] for c in NAMED], ids=[c[0] for c in NAMED])
def test_a_repository_named_for_a_topic_is_that_code(body: str, what: str) -> None:
    for name in CODE_COMPONENTS:
        outcome = component(ev(body), name)
        expected = "yes" if name == what else "no"
        assert outcome.answer == expected, (name, outcome.reason)


# (case, card body, component): not the model's code on that topic
NOT_NAMED: list[tuple[str, str, str]] = [
    ("a third party's *-eval repository, not under a heading of own code",
     listed("Links", "https://github.com/someone/simple-eval"), "evaluation_code"),
    ("a name holding eval inside a word", listed("Code", "https://github.com/acme-lab/medieval"),
     "evaluation_code"),
    ("a name holding train inside a word",
     listed("Code", "https://github.com/acme-lab/constraint-solver"), "training_code"),
    ("a data-prep repository promised for later", "## Code\nThe "
     "[acme-data-prep](https://github.com/acme-lab/acme-data-prep) code will be released soon.\n",
     "preprocessing_code"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "what"), [c[1:] for c in NOT_NAMED], ids=[c[0] for c in NOT_NAMED]
)
def test_a_name_that_does_not_say_the_topic_is_not_that_code(body: str, what: str) -> None:
    outcome = component(ev(body), what)
    assert outcome.answer == "no", outcome.reason


TOOLKITS = [
    "https://github.com/open-compass/VLMEvalKit",
    "https://github.com/EleutherAI/lm-evaluation-harness",
    "https://github.com/open-compass/opencompass",
    "https://github.com/huggingface/lighteval",
    "https://github.com/evalplus/evalplus",
]


@pytest.mark.parametrize("url", TOOLKITS)
def test_a_general_evaluation_toolkit_is_not_the_models_evaluation_code(url: str) -> None:
    body = f"## Evaluation\nWe evaluated the model with [the toolkit]({url}).\n"
    outcome = component(ev(body), "evaluation_code")
    assert (outcome.answer, outcome.inferred) == ("no", True), outcome.reason
    assert "only a general evaluation toolkit is linked" in outcome.reason
    assert finding(ev(body), "code.evaluation_or_data").answer == "no"
    spec = get_evaluator("code_osi_licensed")
    assert spec is not None
    licence = run(spec, ProbeContext(ev(body)), {"files": ["*.py"]})
    assert licence.reason == "no code is published with the model"


def test_own_evaluation_code_beside_a_toolkit_is_included() -> None:
    body = (
        "## Evaluation\nWe evaluated with [VLMEvalKit](https://github.com/open-compass/VLMEvalKit)"
        " and [our scripts](https://github.com/acme-lab/acme-eval).\n"
    )
    outcome = component(ev(body), "evaluation_code")
    assert outcome.answer == "yes" and "github.com/acme-lab/acme-eval" in outcome.reason
    assert "VLMEvalKit" not in outcome.reason


# (case, card body, component, stated): a missing component is inferred when a
# repository of the model's own is linked whose content was not read
UNREAD: list[tuple[str, str, str, bool]] = [
    ("the model's own repository under Model Sources",
     listed("Model Sources", "https://github.com/acme-lab/acme"), "training_code", False),
    ("own repositories of other topics and one of none",
     "## Model Sources\n- https://github.com/acme-lab/acme\n- https://github.com/acme-lab/acme-eval"
     "\n- https://github.com/acme-lab/acme-datatools\n", "training_code", False),
    ("no code link at all", "## Uses\nChat.\n", "training_code", True),
    ("only a third party's library", listed("Links", "https://github.com/someone/fastlib"),
     "training_code", True),
    ("only own repositories of other topics",
     listed("Code", "https://github.com/acme-lab/acme-eval"), "training_code", True),
    ("another link into a repository identified as evaluation code",
     listed("Code", "https://github.com/acme-lab/acme-eval")
     + "## Uses\nSee [the notes](https://github.com/acme-lab/acme-eval#setup).\n",
     "training_code", True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "what", "stated"), [c[1:] for c in UNREAD], ids=[c[0] for c in UNREAD]
)
def test_missing_beside_unread_own_repositories_is_inferred(
    body: str, what: str, stated: bool
) -> None:
    outcome = component(ev(body), what)
    assert (outcome.answer, outcome.inferred) == ("no", not stated), outcome.reason
    if not stated:
        assert "no training code identified" in outcome.reason
        assert "github.com/acme-lab/acme)" in outcome.reason or "acme-lab/acme," in outcome.reason


def test_eosai_training_code_closed_beside_an_unread_repository_is_inferred() -> None:
    spec = get_evaluator("eosai_dimension")
    assert spec is not None
    evidence = ev(listed("Model Sources", "https://github.com/acme-lab/acme"))
    params: dict[str, Any] = {"dimension": "trainingcode", "at_least": "partial"}
    outcome = run(spec, ProbeContext(evidence), params)
    assert (outcome.answer, outcome.inferred) == ("no", True), outcome.reason
    assert "github.com/acme-lab/acme" in outcome.reason


@pytest.mark.parametrize(
    ("url", "probe"),
    [
        ("https://github.com/acme-lab/acme-posttrain", "code.training"),
        ("https://github.com/acme-lab/acme-eval", "code.evaluation_or_data"),
        ("https://github.com/acme-lab/acme-datatools", "code.evaluation_or_data"),
    ],
)
def test_the_default_rubric_reads_the_repository_name(url: str, probe: str) -> None:
    assert finding(ev(listed("Code", url)), probe).answer == "yes"
    third_party = url.replace("acme-lab/acme-", "someone/tool-")
    assert finding(ev(listed("Links", third_party)), probe).answer == "no"


def in_repo(*paths: str) -> Evidence:
    files = tuple(RepoFile(p) for p in ("README.md", "config.json", "model.safetensors", *paths))
    return Evidence(ref="acme-lab/Acme-7B", repo_id="acme-lab/Acme-7B", source="hub",
                    readme=MIT, files=files)  # fmt: skip


# Data-processing scripts in the repository, told by their names; never a data file, a
# processor's config or code whose name only holds "process" and "data" apart.
SCRIPTS: list[tuple[str, bool]] = [
    ("prepare_data.py", True),
    ("scripts/prepare_sft_data.py", True),
    ("data/openwebtext/prepare.py", True),
    ("process_data.py", True),
    ("tools/process-dataset.py", True),
    ("build_dataset.py", True),
    ("build_pretraining_dataset.py", True),
    ("preprocess.py", True),
    # negative twins
    ("dataset_info.json", False),
    ("processor_config.json", False),
    ("preprocessor_config.json", False),
    ("image_processing_acme.py", False),
    ("processing_metadata.py", False),
    ("processing_data2vec.py", False),
    ("image_processing/dataset.py", False),
    ("build/lib/acme/dataset.py", False),
    ("data/prepare.md", False),
    ("prepared_data/train.bin", False),
    ("data_collator.py", False),
    # a wildcard never stands for a folder or another word's start
    ("src/processing_utils/tf_dataset.py", False),
    ("postprocess_data.py", False),
    ("reprocess-data-viz.py", False),
]


@pytest.mark.parametrize(("path", "found"), SCRIPTS, ids=[c[0] for c in SCRIPTS])
def test_a_data_processing_script_in_the_repo(path: str, found: bool) -> None:
    """MOF 16, EOSAI training code (sparse without training code) and the default
    rubric's evaluation-or-data code read the same names."""
    evidence = in_repo(path)
    assert component(evidence, "preprocessing_code").answer == ("yes" if found else "no")
    assert finding(evidence, "code.evaluation_or_data").answer == ("yes" if found else "no")
    dimensions = evaluate(load_rubric("eosai"), evidence).extras["eosai"]["dimensions"]
    level = next(d["level"] for d in dimensions if d["id"] == "trainingcode")
    assert level == ("partial" if found else "closed")


def test_training_and_data_processing_scripts_open_eosai_training_code() -> None:
    evidence = in_repo("train.py", "prepare_data.py", "LICENSE")
    dimensions = evaluate(load_rubric("eosai"), evidence).extras["eosai"]["dimensions"]
    assert next(d["level"] for d in dimensions if d["id"] == "trainingcode") == "open"


# probe16 class 7: example scripts offered to users for tuning the model further are not
# its training code (MOF 7, EOSAI training code, the default code.training); the model's
# own training scripts are.
TRAINING_SCRIPTS: list[tuple[str, bool]] = [
    ("train.py", True),
    ("finetune.py", True),
    ("scripts/train_sft.py", True),
    # negative twins: named as examples or samples
    ("sample_finetune.py", False),
    ("example_finetune.py", False),
    ("examples/finetune_lora.py", False),
    ("examples/train.py", False),
]


@pytest.mark.parametrize(("path", "found"), TRAINING_SCRIPTS, ids=[c[0] for c in TRAINING_SCRIPTS])
def test_an_example_script_is_no_training_code(path: str, found: bool) -> None:
    evidence = in_repo(path)
    assert component(evidence, "training_code").answer == ("yes" if found else "no")
    assert finding(evidence, "code.training").answer == ("yes" if found else "no")
    dimensions = evaluate(load_rubric("eosai"), evidence).extras["eosai"]["dimensions"]
    level = next(d["level"] for d in dimensions if d["id"] == "trainingcode")
    assert (level == "closed") == (not found), level
