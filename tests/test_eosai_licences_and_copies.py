"""EOSAI's licences and data sources for two release shapes, with evidence built here:
weights under use-restricted terms beside code the card states openly licensed, and
quantised or converted re-uploads, which add no training (their data are the data of
the model they copy). The cards are invented for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, RepoFile, TextFile
from openaudit.rubric import evaluate, load_rubric

RESTRICTED_LICENCE = TextFile(
    "LICENSE",
    "Acme Model License. You may use the Model for any purpose, provided that you do not "
    "use the Model or its outputs to improve any other large language model.\n",
)


def dimension(evidence: Evidence, dim: str) -> dict[str, Any]:
    result = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    found: dict[str, Any] = next(d for d in result["dimensions"] if d["id"] == dim)
    return found


def split_release(code_line: str, *, licence: TextFile = RESTRICTED_LICENCE) -> Evidence:
    readme = (
        "---\nlicense: other\nlicense_name: acme-model-license\nlicense_link: LICENSE\n---\n"
        "# Acme-14B\n\nAcme-14B is a 14B language model released by Acme.\n\n"
        f"## License\n\nThe weights are under the Acme Model License (see LICENSE).\n{code_line}\n"
    )
    return Evidence(
        ref="acme/acme-14b",
        source="hub",
        repo_id="acme/acme-14b",
        url="https://huggingface.co/acme/acme-14b",
        readme=readme,
        license_files=(licence,),
        files=(RepoFile("model.safetensors"), RepoFile("config.json"), RepoFile("LICENSE")),
    )


CODE_APACHE = (
    "\nThe **code** in [acme/acme-train](https://github.com/acme/acme-train) (training and "
    "inference) is licensed under the Apache License 2.0.\n"
)
CODE_CUSTOM = (
    "\nThe code in [acme/acme-train](https://github.com/acme/acme-train) is licensed "
    "under the Acme Model License too.\n"
)
CODE_UNSTATED = "\nTraining code: [acme/acme-train](https://github.com/acme/acme-train).\n"

# name, the card's words about its code, the licences level, a phrase of the reason
RESTRICTED: list[tuple[str, str, str, str]] = [
    ("code stated apache-2.0", CODE_APACHE, "partial",
     "code open (the card says its code is under 'apache-2.0', OSI-approved)"),
    # negative twins: code under the restricted licence, code linked with no licence
    # stated, no code at all
    ("code stated under the model licence", CODE_CUSTOM, "closed", "its code is not shown"),
    ("code linked, licence unstated", CODE_UNSTATED, "closed",
     "the card states no licence for its code"),
    ("no code", "", "closed", "(restricted)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code_line", "level", "phrase"), [pytest.param(*c[1:], id=c[0]) for c in RESTRICTED]
)
def test_restricted_weights_with_code_stated_open_are_two_parts_partly_open(
    code_line: str, level: str, phrase: str
) -> None:
    """ "Partial = at least two of these partly open": use-restricted weights with code the
    card states under an OSI-approved licence (as MOF and OSAID read it) are partial;
    restricted weights alone are closed, and the reason says what the code is under."""
    licences = dimension(split_release(code_line), "licenses")
    assert licences["level"] == level, licences["reason"]
    assert "(restricted)" in licences["reason"]
    assert phrase in licences["reason"]


def test_an_unread_code_link_beside_open_weights_stays_partly_open() -> None:
    """Unchanged: open weights with a code link whose licence was not read are partial
    ("code not shown open"), the rule the calibration's expert ratings rely on."""
    evidence = split_release(CODE_UNSTATED, licence=TextFile("LICENSE", ""))
    readme = (evidence.readme or "").replace(
        "license: other\nlicense_name: acme-model-license\nlicense_link: LICENSE\n",
        "license: apache-2.0\n",
    )
    from dataclasses import replace

    licences = dimension(replace(evidence, readme=readme, license_files=()), "licenses")
    assert licences["level"] == "partial", licences["reason"]
    assert "code not shown open" in licences["reason"]


INSTRUCT = "example/open-7b-instruct"


def copy_of(
    *,
    relation: str | None,
    files: tuple[str, ...],
    base_datasets: dict[str, str],
    own_datasets: tuple[str, ...] = (),
    copied_base: tuple[str, tuple[str, ...]] | None = None,
) -> Evidence:
    """A re-upload of example/open-7b-instruct, whose card declares `base_datasets`
    (name: licence); `relation` is the card's base_model_relation."""
    front = [
        "license: apache-2.0",
        f"base_model: {INSTRUCT}",
        *([f"base_model_relation: {relation}"] if relation else []),
        *(["datasets:", *(f"- {d}" for d in own_datasets)] if own_datasets else []),
    ]
    readme = "---\n" + "\n".join(front) + "\n---\n# Open-7B-Instruct GGUF\n\nQuantised files.\n"
    card: dict[str, Any] = {"license": "apache-2.0", "datasets": list(base_datasets)}
    deeper: tuple[LinkedRepo, ...] = ()
    if copied_base is not None:  # the copied model's own base and the data its card names
        name, names = copied_base
        card["base_model"] = name
        data = {"license": "apache-2.0", **({"datasets": list(names)} if names else {})}
        deeper = (LinkedRepo(name, "model", "ok", depth=2, card_data=data, named_by=INSTRUCT),)
    base = LinkedRepo(INSTRUCT, "model", "ok", card_data=card, relation=relation or "finetune")
    data = tuple(
        LinkedRepo(name, "dataset", "ok", card_data={"license": lic}, named_by=INSTRUCT)
        for name, lic in base_datasets.items()
    )
    own = tuple(
        LinkedRepo(name, "dataset", "ok", card_data={"license": "odc-by"}) for name in own_datasets
    )
    return Evidence(
        ref="quantfolk/open-7b-instruct-gguf",
        source="hub",
        repo_id="quantfolk/open-7b-instruct-gguf",
        url="https://huggingface.co/quantfolk/open-7b-instruct-gguf",
        readme=readme,
        files=tuple(RepoFile(path) for path in files),
        base_models=(base, *deeper),
        base_datasets=data,
        datasets=own,
    )


OPEN_DATA = {"example/sft-mix": "odc-by", "example/prefs": "cc-by-4.0"}
NC_DATA = {"example/sft-mix": "cc-by-nc-4.0"}
GGUF = ("open-7b-instruct.Q4_K_M.gguf",)
SAFETENSORS = ("model.safetensors", "config.json")

# name, the re-upload, datasources_endmodel (level, basis), licences level, a phrase
COPIES: list[tuple[str, Evidence, tuple[str, str], str, str]] = [
    ("declared quantisation of openly licensed data",
     copy_of(relation="quantized", files=SAFETENSORS, base_datasets=OPEN_DATA),
     ("open", "inferred"), "partial", "it adds no training"),
    ("gguf conversion beside a declared base",
     copy_of(relation=None, files=GGUF, base_datasets=OPEN_DATA),
     ("open", "inferred"), "partial", "only gguf files converted from example/open-7b-instruct"),
    ("quantisation of non-commercial data",
     copy_of(relation="quantized", files=GGUF, base_datasets=NC_DATA),
     ("partial", "inferred"), "partial", "it adds no training"),
    ("quantisation of a model declaring no datasets",
     copy_of(relation="quantized", files=GGUF, base_datasets={}),
     ("unknown", "unknown"), "closed",
     "declares no datasets in its metadata, and its card's text was not read"),
    # negative twins: a fine-tune adds training; a copy declaring its own datasets
    ("fine-tune (new weights)",
     copy_of(relation="finetune", files=SAFETENSORS, base_datasets=OPEN_DATA),
     ("closed", "inferred"), "closed", "this model's data: no training data named or described"),
    ("quantisation declaring its own datasets",
     copy_of(relation="quantized", files=GGUF, base_datasets=OPEN_DATA,
             own_datasets=("example/own-mix",)),
     ("open", "stated"), "partial", "example/own-mix"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "sources", "licences", "phrase"), [pytest.param(*c[1:], id=c[0]) for c in COPIES]
)
def test_a_quantisation_takes_the_data_of_the_model_it_copies(
    evidence: Evidence, sources: tuple[str, str], licences: str, phrase: str
) -> None:
    """A quantisation or format conversion adds no training: its end-model data sources
    and the data part of its licences are those the copied model declares, inferred; a
    fine-tune's are its own."""
    end = dimension(evidence, "datasources_endmodel")
    assert (end["level"], end["basis"]) == sources, end["reason"]
    assert phrase in end["reason"]
    assert dimension(evidence, "licenses")["level"] == licences


# name, the re-upload, the default rubric's data answers (probe: answer, basis)
DEFAULT_DATA: list[tuple[str, Evidence, dict[str, tuple[str, str]]]] = [
    ("quantisation of openly licensed data",
     copy_of(relation="quantized", files=GGUF, base_datasets=OPEN_DATA),
     {"data.datasets_named": ("yes", "inferred"), "data.datasets_available": ("yes", "inferred"),
      "data.open_licenses": ("yes", "inferred"), "data.commercial_ok": ("yes", "inferred")}),
    ("quantisation of non-commercial data",
     copy_of(relation="quantized", files=GGUF, base_datasets=NC_DATA),
     {"data.datasets_named": ("yes", "inferred"), "data.open_licenses": ("no", "inferred"),
      "data.commercial_ok": ("no", "inferred")}),
    # the copied model's own base names no data: neither does the copy (as the model itself)
    ("quantisation of a fine-tune whose base names no data",
     copy_of(relation="quantized", files=GGUF, base_datasets=OPEN_DATA,
             copied_base=("example/open-7b", ())),
     {"data.base_data": ("no", "inferred"), "data.open_licenses": ("yes", "inferred")}),
    ("quantisation of a fine-tune whose base names its data",
     copy_of(relation="quantized", files=GGUF, base_datasets=OPEN_DATA,
             copied_base=("example/open-7b", ("example/web-mix",))),
     {"data.base_data": ("yes", "inferred")}),
    # negative twin: a fine-tune's data are its own (it names none)
    ("fine-tune (new weights)",
     copy_of(relation="finetune", files=SAFETENSORS, base_datasets=OPEN_DATA),
     {"data.datasets_named": ("no", "stated"), "data.open_licenses": ("unknown", "unknown")}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "expected"), [pytest.param(*c[1:], id=c[0]) for c in DEFAULT_DATA]
)
def test_the_default_data_layer_reads_a_quantisations_data_as_the_copied_models(
    evidence: Evidence, expected: dict[str, tuple[str, str]]
) -> None:
    """The default rubric's data probes judge a quantisation's data as the datasets the
    model it copies declares (inferred, the reason saying whose data they are)."""
    layer = evaluate(load_rubric("openaudit"), evidence).layer("data")
    assert layer is not None
    found = {f.probe: f for f in layer.findings}
    for probe, (answer, basis) in expected.items():
        assert (found[probe].answer, found[probe].basis) == (answer, basis), found[probe].reason
        if basis == "inferred":
            assert "it adds no training" in found[probe].reason
