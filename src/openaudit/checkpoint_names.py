"""The names training tools give intermediate checkpoints, read in one place.

A folder of the repository (MOF 24's checkpoint folders), a branch (its checkpoint
branches) and a Hub repository's name (MOF 24's checkpoint repositories, and the base
reader, which takes no repository of checkpoints for a base) say they hold checkpoints by
these names.
"""

from __future__ import annotations

import re

# The word a training tool writes before the step, iteration or epoch a checkpoint was
# saved at: step1000, global_step5000 (DeepSpeed), iter_0005000 (Megatron), ckpt-5000,
# checkpoint-500 (transformers' Trainer), checkpoint_1000, epoch-1.
STEP_WORDS = r"(?:global_step|step|iter(?:ation)?|ckpt|checkpoint|epoch)"
# A folder named for the step it was saved at, the whole name ("global_step5000",
# "iter_0005000", "step480k"); not a stage ("stage1"), which may be a sub-model.
CHECKPOINT_FOLDER = re.compile(STEP_WORDS + r"[-_]?\d+[kmbt]?", re.IGNORECASE)
# Branch names of training checkpoints: step1000, ckpt-20, iter_500, stage1, 100B-tokens.
CHECKPOINT_NAME = re.compile(
    STEP_WORDS + r"[-_]?\d|stage[-_]?\d|\d+[kmbt]?[-_]?(?:steps?|tokens?)\b",
    re.IGNORECASE,
)
# A repo name that says it holds training checkpoints: "X-1.1B-intermediate-step-480k-1T",
# "X-7B-Intermediate-Checkpoints".
CHECKPOINT_REPO = re.compile(
    r"(?:^|[-_.])(?:intermediate|checkpoints?|ckpts?)(?:$|[-_.])|(?:^|[-_.])step[-_]?\d",
    re.IGNORECASE,
)


def checkpoint_folder(path: str) -> str | None:
    """The innermost folder of a file's path named for a training step
    (CHECKPOINT_FOLDER), at any depth ("ckpts/global_step5000/mp_rank_00/model.pt":
    "ckpts/global_step5000"); None when no folder is."""
    parts = path.split("/")[:-1]
    for at in range(len(parts) - 1, -1, -1):
        if CHECKPOINT_FOLDER.fullmatch(parts[at]):
            return "/".join(parts[: at + 1])
    return None
