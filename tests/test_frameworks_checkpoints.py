"""Table-driven tests: MOF 24 (intermediate parameters) counts a card's word for released
checkpoints only when it says they are out, not when it denies it, promises them, or
names the checkpoint the model was made from or those it averages; a table of `stepN`
revisions, a `revision="stepN"` load of the model's own repo and links to its
checkpoint revisions ("/tree/step1000") list them. A section
titled with "checkpoints" as its head noun ("Checkpoints", "Model Checkpoints") lists
them, unless its title makes them the finished models or its words deny, promise or
use them, or it links the family's other models.
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
    ("its own revisions linked", "Variants: [1k steps](https://huggingface.co/org/m-7b/tree/"
     "step1000), [50k](https://huggingface.co/org/m-7b/tree/step50000).\n", "included",
     "links checkpoint revisions of this repo: step1000, step50000"),
    ("a file at its own revision linked", "Weights at [step 2000](https://huggingface.co/"
     "org/m-7b/blob/step2000/model.safetensors).\n", "included",
     "links checkpoint revisions of this repo: step2000"),
    # negative twins
    ("another repo's revision linked", "Made from [the base](https://huggingface.co/org/"
     "base-7b/tree/step1000).\n", "missing", NOT_SAID),
    ("its own revision linked, promised", "Checkpoint [step1000](https://huggingface.co/org/"
     "m-7b/tree/step1000) is coming soon; we do not release it yet.\n", "missing", NOT_SAID),
    ("its own main branch linked", "See [the files](https://huggingface.co/org/m-7b/tree/"
     "main).\n", "missing", NOT_SAID),
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


NEUTRAL = "Each branch of this repository holds the weights at one step.\n"
TITLED = "the card's section '{}' lists checkpoints"
FAMILY = (
    "| Model | Size |\n|---|---|\n| [M-1B](https://huggingface.co/org/m-1b) | 1B |\n"
    "| [M-7B](https://huggingface.co/org/m-7b) | 7B |\n"
)
STEPS_REPO = "Branches: [steps](https://huggingface.co/org/m-7b-intermediate-ckpts).\n"
# title, section text, status, a phrase of the reason
TITLE_CASES = [
    ("Checkpoints", NEUTRAL, "included", TITLED.format("Checkpoints")),
    ("Model Checkpoints", NEUTRAL, "included", TITLED.format("Model Checkpoints")),
    ("Available checkpoints", NEUTRAL, "included", TITLED.format("Available checkpoints")),
    ("Released Checkpoints 📦", NEUTRAL, "included", TITLED.format("Released Checkpoints 📦")),
    ("Checkpoints (branches)", NEUTRAL, "included", TITLED.format("Checkpoints (branches)")),
    ("Intermediate Checkpoints", NEUTRAL, "included", TITLED.format("Intermediate Checkpoints")),
    ("Checkpoints", "Branches hold [this model](https://huggingface.co/org/m-7b) by step.\n",
     "included", TITLED.format("Checkpoints")),
    # negative twins: another head noun, the finished or others' models, a denial, a
    # promise, on request, the checkpoint it was made from, averaging, the family's models
    ("Revisions", NEUTRAL, "missing", NOT_SAID),
    ("Checkpoint", NEUTRAL, "missing", NOT_SAID),
    ("Checkpoints and usage", NEUTRAL, "missing", NOT_SAID),
    ("Pretrained checkpoints", NEUTRAL, "missing", NOT_SAID),
    ("Final checkpoints", NEUTRAL, "missing", NOT_SAID),
    ("Base checkpoints", NEUTRAL, "missing", NOT_SAID),
    ("Loading checkpoints", NEUTRAL, "missing", NOT_SAID),
    ("Checkpoints", "We do not release them; only the final checkpoint is public.\n", "missing",
     NOT_SAID),
    ("Checkpoints", "They will be released soon.\n", "missing", NOT_SAID),
    ("Checkpoints", "Coming soon.\n", "missing", NOT_SAID),
    ("Model Checkpoints", "They are available upon request.\n", "missing", NOT_SAID),
    ("Checkpoints", "M-7B is fine-tuned from the last checkpoint of Base-7B.\n", "missing",
     NOT_SAID),
    ("Checkpoints", "The weights average the last five checkpoints.\n", "missing", NOT_SAID),
    ("Intermediate Checkpoints", "They will be released after the paper.\n", "missing",
     NOT_SAID),
    ("Model Checkpoints", FAMILY, "missing", NOT_SAID),
    # a plain "Checkpoints" section of final sizes hosted off the Hub: nothing intermediate
    ("Checkpoints", "| Model | Link |\n|---|---|\n| Foo-S | [drive](https://drive.example/s) |\n"
     "| Foo-L | [drive](https://drive.example/l) |\n", "missing", NOT_SAID),
    # a repository of checkpoints linked there counts (by its name, wherever it stands)
    ("Model Checkpoints", STEPS_REPO, "included", "names say checkpoints"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "text", "status", "reason"),
    TITLE_CASES,
    ids=[f"{c[0]}: {c[1][:30]}" for c in TITLE_CASES],
)
def test_a_section_titled_as_checkpoints(title: str, text: str, status: str, reason: str) -> None:
    got, basis, why = component_24(f"Trained on text.\n## {title}\n{text}")
    assert got == status, why
    assert reason in why
    assert basis == "inferred"


def component_24_of(files: tuple[str, ...]) -> tuple[str, str, str]:
    listing = tuple(RepoFile(path) for path in ("model.safetensors", "config.json", *files))
    readme = "---\nlicense: apache-2.0\n---\n# M-7B\nM-7B is a 7B language model.\n"
    evidence = Evidence(ref="org/m-7b", repo_id="org/m-7b", source="hub", readme=readme,
                        files=listing)  # fmt: skip
    mof = evaluate(load_rubric("mof"), evidence).extras["mof"]
    found = next(c for c in mof["components"] if str(c["id"]) == "24")
    return found["status"], found["basis"], found["reason"]


def saved(*folders: str, name: str = "model.safetensors") -> tuple[str, ...]:
    return tuple(f"{folder}/{file}" for folder in folders for file in ("config.json", name))


NO_FOLDER = "no checkpoint folder in the files"
# Folders named as training tools name a checkpoint saved at a step, iteration or epoch,
# holding weight files, at any depth: name, files, status, a phrase of the reason
FOLDER_CASES = [
    ("DeepSpeed global_stepN", saved("global_step5000", "global_step10000"), "included",
     "global_step5000/, global_step10000/"),
    ("Megatron iter_N", saved("iter_0005000", "iter_0010000"), "included", "iter_0005000/"),
    ("Megatron iter_N, a rank folder inside", ("iter_0005000/mp_rank_00/model_optim_rng.pt",),
     "included", "iter_0005000/"),
    ("ckpt-N", saved("ckpt-5000"), "included", "ckpt-5000/"),
    ("checkpoint_N", saved("checkpoint_1000"), "included", "checkpoint_1000/"),
    ("epoch-N", saved("epoch-1", "epoch-2"), "included", "epoch-1/"),
    ("a top-level stepN", saved("step1000", "step5000"), "included", "step1000/"),
    ("stepN under a parent", saved("revisions/step1000"), "included", "revisions/step1000/"),
    ("Trainer's checkpoint-N", saved("checkpoint-500", name="pytorch_model.bin"), "included",
     "checkpoint-500/"),
    ("an adapter's checkpoint-N", saved("checkpoint-500", name="adapter_model.safetensors"),
     "included", "checkpoint-500/"),
    ("named folders", ("intermediate/5B-tokens/model.safetensors",), "included",
     "intermediate/5B-tokens"),
    # negative twins: stages (sub-models), step folders without weights, other names
    ("stageN", saved("stage1", "stage2"), "missing", NO_FOLDER),
    ("a step folder of logs only", ("global_step5000/trainer_state.json",
     "checkpoint-500/training_args.bin", "step1000/README.md"), "missing", NO_FOLDER),
    ("the optimizer state only", ("checkpoint-500/optimizer.pt",), "missing", NO_FOLDER),
    ("DeepSpeed's optimizer states only", (
        "global_step500/bf16_zero_pp_rank_0_mp_rank_00_optim_states.pt",
        "global_step500/scheduler.pt", "global_step500/rng_state_0.pth"), "missing", NO_FOLDER),
    ("not the whole name", saved("mystep1000", "step1000-eval", "epochs"), "missing",
     NO_FOLDER),
    ("a weight file named for a step, in no such folder", ("step1000.safetensors",),
     "missing", NO_FOLDER),
]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "status", "reason"), [c[1:] for c in FOLDER_CASES], ids=[c[0] for c in FOLDER_CASES]
)
def test_checkpoint_folders_in_the_files(files: tuple[str, ...], status: str, reason: str) -> None:
    got, basis, why = component_24_of(files)
    assert got == status, why
    assert reason in why
    assert basis == ("stated" if status == "included" else "inferred")


def test_a_linked_revision_the_listed_branches_lack_is_no_checkpoint() -> None:
    """Where the repo's branches were listed, they decide: a link to a `step1000`
    revision that is not among them shows no published checkpoint."""
    body = "Weights at [step 1000](https://huggingface.co/org/m-7b/tree/step1000).\n"
    files = (RepoFile("model.safetensors"), RepoFile("config.json"))
    evidence = Evidence(
        ref="org/m-7b", repo_id="org/m-7b", source="hub", readme=HEAD + body, files=files,
        branches=("main",),
    )  # fmt: skip
    mof = evaluate(load_rubric("mof"), evidence).extras["mof"]
    found = next(c for c in mof["components"] if str(c["id"]) == "24")
    assert found["status"] == "missing", found["reason"]
