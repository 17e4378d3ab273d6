"""Model configurations that libraries other than transformers save with a model: what
configures its architecture, as transformers' `config.json` does (repo_code.CONFIG_FILES).

They are YAML or INI files under names too common to trust anywhere in a repository (a
`config.yaml` may configure CI or a dataset), so they count only at the repository root
or beside a weight file. (The training configurations libraries save are training code:
repo_code.library_training_config.)
"""

from __future__ import annotations

from typing import NamedTuple

from openaudit.evidence import Citation
from openaudit.rubric.context import ProbeContext, once_per_model
from openaudit.rubric.evaluators.file_globs import file_paths
from openaudit.rubric.evaluators.weights import weight_files

# Model configurations of FunASR, ESPnet and NeMo (config.yaml, model_config.yaml),
# SpeechBrain (hyperparams.yaml) and spaCy (config.cfg): they name the modules, their
# sizes and how they connect, as transformers' config.json does.
ARCHITECTURE_CONFIGS = ("config.yaml", "model_config.yaml", "hyperparams.yaml", "config.cfg")


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


class ArchitectureConfig(NamedTuple):
    """Another library's model config where the model's own config stands, read as its
    architecture: where the first one is, and the citations of up to three."""

    where: str  # "config.yaml at the repository root", "... beside the weights ner/model"
    citations: tuple[Citation, ...]


@once_per_model
def architecture_config(ctx: ProbeContext) -> ArchitectureConfig | None:
    """The repository's non-transformers architecture configs (ARCHITECTURE_CONFIGS) at
    its root or in a folder holding a weight file; None without one."""
    folders = {""} | {_folder(f.path) for f, _ in weight_files(ctx)}
    configs = [
        path
        for path in file_paths(ctx)
        if path.rsplit("/", 1)[-1].lower() in ARCHITECTURE_CONFIGS and _folder(path) in folders
    ]
    if not configs:
        return None
    return ArchitectureConfig(_where(ctx, configs[0]), tuple(map(ctx.file, configs[:3])))


def _where(ctx: ProbeContext, path: str) -> str:
    """Where an architecture config stands: at the root, or beside which weight file."""
    folder = _folder(path)
    if not folder:
        return f"{path} at the repository root"
    weights = next((f.path for f, _ in weight_files(ctx) if _folder(f.path) == folder), None)
    return f"{path} beside the weights {weights}" if weights else f"{path} in {folder}"
