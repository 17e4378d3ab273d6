"""Fixture evidence for the framework rubric tests, built in code.

Each builder returns the Evidence a Hub source would produce for one kind of
release. The expected framework results are derived by hand beside the tests
(tests/test_frameworks_*.py), from the framework texts.
"""

from __future__ import annotations

from typing import Any

from openaudit.evidence import Evidence, LinkedRepo, RepoFile, TextFile

APACHE_TEXT = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"

OPEN_CARD_BODY = """
# Open-1B

Open-1B is a 1B-parameter decoder-only language model trained from scratch by
the Example Lab. Weights, code and data are released under open licences so
that anyone can study, reproduce and modify every step of the pipeline.

## Model Details

### Model Architecture

A decoder-only transformer with 24 layers, hidden size 2048, 16 attention
heads, rotary position embeddings and SwiGLU activations; see config.json.

## Training Details

### Training Data

The model was trained on example/open-corpus (a deduplicated web corpus of 300B
tokens under CC-BY-4.0) and example/open-code (permissively licensed source
code under ODC-By). Documents were filtered for language, quality and
personal information, then deduplicated with MinHash; the data card of each
dataset documents sources, selection and processing in detail.

### Training Procedure

Training used the [training code](https://github.com/example/open-1b-train)
with AdamW, a cosine schedule and a global batch of 4M tokens. The
[data pipeline](https://github.com/example/open-1b-data) preprocesses and
deduplicates the corpus.

### Hardware

Trained for 12 days on 256 H100 GPUs in the Example Lab cluster, using bf16
mixed precision and FSDP sharding.

## Evaluation

Evaluated with the [evaluation harness](https://github.com/example/open-1b-eval).

| benchmark | score |
|---|---|
| hellaswag | 61.2 |
| arc-easy | 70.4 |

## Paper

See the [technical report](https://arxiv.org/abs/2401.00001).

## Limitations

The model can produce false statements and reflects biases of web text; it is
not suitable for high-stakes decisions without human review.
"""


def _card(metadata: str, body: str = OPEN_CARD_BODY) -> str:
    return f"---\n{metadata.strip()}\n---\n{body}"


def _dataset(
    repo_id: str, license: Any, status: str = "ok", gated: bool | str = False
) -> LinkedRepo:
    return LinkedRepo(
        repo_id=repo_id,
        repo_type="dataset",
        status=status,  # type: ignore[arg-type]
        named_by="card",
        gated=gated,
        card_data={"license": license} if license is not None else {},
    )


def fully_open() -> Evidence:
    """Apache-2.0 weights and repo code, two CC-BY / ODC-By datasets, paper, results."""
    metadata = """
license: apache-2.0
library_name: transformers
datasets:
- example/open-corpus
- example/open-code
tags:
- arxiv:2401.00001
model-index:
- name: Open-1B
  results:
  - task: {type: text-generation}
    dataset: {type: Rowan/hellaswag, name: HellaSwag}
    metrics: [{type: acc, value: 61.2}]
"""
    return Evidence(
        ref="example/open-1b",
        source="hub",
        repo_id="example/open-1b",
        sha="a" * 40,
        url="https://huggingface.co/example/open-1b",
        readme=_card(metadata),
        tags=("license:apache-2.0", "arxiv:2401.00001"),
        library_name="transformers",
        files=(
            RepoFile("README.md", 4000),
            RepoFile("LICENSE", 11000),
            RepoFile("config.json", 700),
            RepoFile("modeling_open.py", 20000),
            RepoFile("model.safetensors", 2_000_000_000),
            RepoFile("training_args.bin", 5000),
        ),
        license_files=(TextFile("LICENSE", APACHE_TEXT, 11000),),
        datasets=(
            _dataset("example/open-corpus", "cc-by-4.0"),
            _dataset("example/open-code", "odc-by"),
        ),
    )


# The closing sections both restricted-model cards share.
USES_AND_LIMITATIONS = """## Intended Uses

The model is meant for research on chat assistants and for building
applications within the terms of its licence. It is not meant for medical,
legal or financial advice, nor for decisions about people, and its outputs
should be reviewed by a person before they are relied on in any setting.

## Limitations

It can state false facts with confidence, reflects biases present in its
training data, and was evaluated in English only; other languages are weaker.
"""


LLAMA_CARD = (
    """
# Chat-8B

A chat fine-tune of meta-llama/Meta-Llama-3-8B on example/chat-mix, a mixture of
instruction data. Released under the Llama 3 Community License; use is subject
to the acceptable use policy.

## Training Data

Fine-tuned for 3 epochs on example/chat-mix, 200k instruction-response pairs
collected from public instruction datasets, filtered for quality and length.
The mixture is described in its dataset card with sources and licences.

## Evaluation

| benchmark | score |
|---|---|
| mt-bench | 7.1 |

"""
    + USES_AND_LIMITATIONS
)


def llama_finetune() -> Evidence:
    """A Llama 3 fine-tune: weights under llama3, one NC dataset, no code, no paper."""
    metadata = """
license: llama3
base_model: meta-llama/Meta-Llama-3-8B
base_model_relation: finetune
library_name: transformers
datasets:
- example/chat-mix
"""
    return Evidence(
        ref="example/chat-8b",
        source="hub",
        repo_id="example/chat-8b",
        sha="b" * 40,
        url="https://huggingface.co/example/chat-8b",
        readme=_card(metadata, LLAMA_CARD),
        tags=("license:llama3",),
        library_name="transformers",
        files=(
            RepoFile("README.md", 2000),
            RepoFile("config.json", 700),
            RepoFile("model-00001-of-00002.safetensors", 5_000_000_000),
            RepoFile("model-00002-of-00002.safetensors", 5_000_000_000),
        ),
        datasets=(_dataset("example/chat-mix", "cc-by-nc-4.0"),),
        base_models=(
            LinkedRepo(
                repo_id="meta-llama/Meta-Llama-3-8B",
                repo_type="model",
                status="gated",
                relation="finetune",
                gated="manual",
                card_data={"license": "llama3"},
            ),
        ),
    )


NC_CARD = (
    """
# Research-3B

A 3B model released for non-commercial research. It was trained on a
proprietary mixture of licensed and web data that is not released; the
data is summarised below.

## Training Data

A proprietary mixture of licensed news, books and filtered web text, about
600B tokens, deduplicated and filtered for quality. The sources cannot be
shared because of their licences; the mixture weights and the filtering
thresholds are listed in the appendix of the release notes.

## Evaluation

| benchmark | score |
|---|---|
| mmlu | 48.0 |

"""
    + USES_AND_LIMITATIONS
)


def cc_by_nc() -> Evidence:
    """CC-BY-NC-4.0 weights, undisclosed data, no code links, no paper."""
    metadata = "license: cc-by-nc-4.0\nlibrary_name: transformers\n"
    return Evidence(
        ref="example/research-3b",
        source="hub",
        repo_id="example/research-3b",
        sha="c" * 40,
        url="https://huggingface.co/example/research-3b",
        readme=_card(metadata, NC_CARD),
        tags=("license:cc-by-nc-4.0",),
        library_name="transformers",
        files=(
            RepoFile("README.md", 1500),
            RepoFile("config.json", 700),
            RepoFile("model.safetensors", 6_000_000_000),
        ),
    )
