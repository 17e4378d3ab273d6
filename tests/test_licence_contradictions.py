"""Licence evidence that contradicts itself: the more restrictive reading wins.

A permissive `license:` tag is overridden by the model's own licence file or by the
card's licence section when they restrict use; files and sentences about other works
(NOTICE, third-party lists, data licences, a base model) and dual-licence offers do
not. A bare `license: other` or `license: unknown` with nothing naming the terms
grants nothing; with a name, link, file or licence section it is a custom licence.
"""

# ruff: noqa: E501, RUF001 (card and licence snippets are data and read best unwrapped, some in full-width punctuation)
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from openaudit.cli.app import app
from openaudit.evidence import Evidence, RepoFile, TextFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import identify_license as identify

MIT_TEXT = (
    "Copyright (c) 2024 Acme\n\nPermission is hereby granted, free of charge, to any person "
    "obtaining a copy of this software, to deal in the Software without restriction.\n\n"
    "The above copyright notice and this permission notice shall be included in all copies "
    "or substantial portions of the Software."
)
APACHE_TEXT = "Licensed under the Apache License, Version 2.0 (the License)."
CC_NC_LEGAL_CODE = (
    "Attribution-NonCommercial 4.0 International\n\n=====\n\nCreative Commons Corporation "
    '("Creative Commons") is not a law firm and does not provide legal services.\n\n'
    "Section 1 -- Definitions.\n\n  i. NonCommercial means not primarily intended for or "
    "directed towards commercial advantage or monetary compensation."
)
CUSTOM_NC = (
    "Copyright 2024 Acme Labs.\n\nYou may use the model weights for non-commercial research "
    "purposes only. Commercial use is not permitted."
)
DUAL = (
    "This model is dual-licensed: you may use it under the MIT License or, at your option, "
    "under the Creative Commons Attribution-NonCommercial 4.0 license."
)
DUAL_UNRECOGNISED = (
    "This model is dual-licensed: you may use it under the MIT terms or, at your option, "
    "under non-commercial terms for academic users."
)
NOTICE_NC = "This product includes the FooCaps dataset, released under CC BY-NC 4.0 (non-commercial use only)."
THIRD_PARTY = "Third-party notices\n\nDataset A: CC-BY-NC-4.0. Dataset B: research purposes only."
DATA_NC = "The training data is licensed for non-commercial research use only."


def readme(license: str | None, body: str = "", **meta: str) -> str:
    fields = {"license": license, **meta}
    head = "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)
    return f"---\n{head}---\n# M\n\nA model.\n{body}"


def section(text: str, title: str = "License") -> str:
    return f"\n## {title}\n\n{text}\n"


def local(card: str, *files: TextFile) -> Evidence:
    return Evidence(
        ref="./m",
        source="local",
        readme=card,
        license_files=files,
        files=(RepoFile("model.safetensors"), *(RepoFile(f.path) for f in files)),
    )


# name, evidence, the licence id found, its family, a conflict must name (None: no conflict)
CASES: list[tuple[str, Evidence, str, str, str | None]] = [
    # --- the model's own terms contradict a permissive tag: the restrictive reading wins
    ("card section names a non-commercial licence",
     local(readme("mit", section("This model is licensed under CC BY-NC 4.0. It may be used for non-commercial research purposes only."))),
     "cc-by-nc-4.0", "non-commercial", "card says mit but its 'License' section says 'This model is licensed under CC BY-NC 4.0.'"),
    ("card section states research-only terms without a licence name",
     local(readme("apache-2.0", section("The model weights may be used for research purposes only.", "Licence"))),
     "custom", "non-commercial", "card says apache-2.0 but its 'Licence' section says"),
    ("card section names a licence without a subject",
     local(readme("mit", section("Released under CC-BY-NC-4.0.", "Licensing"))),
     "cc-by-nc-4.0", "non-commercial", "card says mit but its 'Licensing' section says 'Released under CC-BY-NC-4.0.'"),
    ("card section table gives the weights a non-commercial licence",
     local(readme("mit", section("| Part | Licence |\n|---|---|\n| Code | MIT |\n| Model weights | CC BY-NC 4.0 |"))),
     "cc-by-nc-4.0", "non-commercial", "card says mit but its 'License' section says '| Model weights | CC BY-NC 4.0 |'"),
    ("card section names the tag's licence for the code and another for the weights",
     local(readme("mit", section("The code is released under MIT, but the model weights are licensed under CC BY-NC 4.0."))),
     "cc-by-nc-4.0", "non-commercial", "card says mit but its 'License' section says 'the model weights are licensed under CC BY-NC 4.0.'"),
    ("licence file is the CC BY-NC legal code",
     local(readme("mit"), TextFile("LICENSE.md", CC_NC_LEGAL_CODE)),
     "cc-by-nc-4.0", "non-commercial", "card says mit but LICENSE.md reads as the Creative Commons Attribution Non Commercial 4.0"),
    ("unrecognised licence file restricts use",
     local(readme("mit"), TextFile("LICENSE", CUSTOM_NC)),
     "LICENSE", "non-commercial", "card says mit but LICENSE restricts use: non-commercial"),
    ("model licence file with a prefix restricts use",
     local(readme("mit"), TextFile("MODEL_LICENSE", CUSTOM_NC)),
     "MODEL_LICENSE", "non-commercial", "MODEL_LICENSE restricts use"),
    ("a use policy is the model's own terms",
     local(readme("apache-2.0"), TextFile("USE_POLICY.md", "Meta Llama 3 Acceptable Use Policy. You agree you will not use Meta Llama 3 to violate the law.")),
     "llama3", "restricted", "card says apache-2.0 but USE_POLICY.md reads as the"),
    # --- a subject naming the model beside its data: the terms are the model's too
    ("card section puts the model weights and the training data under a non-commercial licence",
     local(readme("apache-2.0", section("The model weights and the training data are released under CC BY-NC 4.0."))),
     "cc-by-nc-4.0", "non-commercial", "card says apache-2.0 but its 'License' section says 'The model weights and the training data"),
    ("card section licenses both the model and the dataset",
     local(readme("apache-2.0", section("Both the model and the dataset are licensed under CC BY-NC 4.0."))),
     "cc-by-nc-4.0", "non-commercial", "card says apache-2.0 but its 'License' section says 'Both the model"),
    ("card section licenses the data and checkpoint for research only",
     local(readme("apache-2.0", section("The data and checkpoint is intended and licensed for research use only."))),
     "custom", "non-commercial", "card says apache-2.0 but its 'License' section says 'The data and checkpoint"),
    ("card section names the code's licence, then the weights' and data's",
     local(readme("apache-2.0", section("The code is released under Apache 2.0; the model weights and data are released under CC BY-NC 4.0 for research use."))),
     "cc-by-nc-4.0", "non-commercial", "its 'License' section says 'the model weights and data are released under CC BY-NC 4.0"),
    ("card section restricts models trained using the data",
     local(readme("apache-2.0", section("Apache 2.0. Note that the instruction data is CC BY NC 4.0, and models trained using the data should not be used outside of research purposes."))),
     "custom", "non-commercial", "its 'License' section says 'models trained using the data"),
    ("card section gives the model terms of its own in a clause after the data's",
     local(readme("mit", section("The fine-tuning data was generated with a proprietary API; the model is therefore licensed for research use only."))),
     "custom", "non-commercial", "its 'License' section says 'the model is therefore licensed for research use only."),
    ("开源协议 puts the model's weights and training data under research-only terms",
     local(readme("apache-2.0", section("本模型的权重和训练数据仅供学术研究使用，禁止用于商业用途。", "开源协议"))),
     "custom", "non-commercial", "its '开源协议' section says '本模型的权重和训练数据"),
    ("开源协议: the code's licence, then the weights' terms in clauses after a comma",
     local(readme("apache-2.0", section("本仓库的代码依照 Apache-2.0 协议开源，模型权重对学术研究完全开放，商业使用需填写[申请表](https://zhi.example/form)获得授权。", "开源协议"))),
     "custom", "non-commercial", "its '开源协议' section says '商业使用需填写[申请表](https://zhi.example/form)获得授权。'"),
    ("the code's licence, then the weights' terms in clauses after 'and' and 'while'",
     local(readme("apache-2.0", section("The code in this repository is open-sourced under Apache-2.0, and the model weights are free to use, while commercial use requires a separate commercial license."))),
     "custom", "non-commercial", "its 'License' section says 'commercial use requires a separate commercial license.'"),
    ("card section: the model's data, then 'its weights and data' (the model's)",
     local(readme("apache-2.0", section("This model was trained on our data; its weights and data are for research use only."))),
     "custom", "non-commercial", "its 'License' section says 'its weights and data are for research use only.'"),
    ("card section: the model weights and data, but the code's licence after",
     local(readme("apache-2.0", section("The model weights and data are for research use only, but the code is MIT."))),
     "custom", "non-commercial", "its 'License' section says 'The model weights and data are for research use only'"),
    # --- other works' licences, or a choice that includes the tag: the tag stands
    ("开源协议: after the weights' clause, one on the training data",
     local(readme("apache-2.0", section("本仓库的代码依照 Apache-2.0 协议开源，模型权重对学术研究完全开放，训练数据的商业使用需填写申请表获得授权。", "开源协议"))),
     "apache-2.0", "permissive", None),
    ("开源协议: the model's licence, then commercial use needing no application",
     local(readme("apache-2.0", section("本模型依照 Apache-2.0 协议开源，商业使用无需申请。", "开源协议"))),
     "apache-2.0", "permissive", None),
    ("the code's licence, then a clause on commercial use of the code",
     local(readme("apache-2.0", section("The model weights are open for research, and the code is under Apache-2.0, while commercial use of the code requires a separate commercial license."))),
     "apache-2.0", "permissive", None),
    ("card section on the licence of the dataset used to train this model",
     local(readme("apache-2.0", section("The dataset used to train this model is licensed under CC BY-NC 4.0."))),
     "apache-2.0", "permissive", None),
    ("card section on the base model and its training data",
     local(readme("apache-2.0", section("The base model and its training data are for research use only."))),
     "apache-2.0", "permissive", None),
    ("开源协议 on the base model and its training data",
     local(readme("apache-2.0", section("基座模型和训练数据仅供学术研究使用。", "开源协议"))),
     "apache-2.0", "permissive", None),
    # --- a subject pairing another model (base, original, teacher, compared) with data
    ("card section: the base model's licence, then 'its weights and data'",
     local(readme("apache-2.0", section("The base model, Llama 2, is licensed under the Llama 2 Community License; its weights and data are for research use only."))),
     "apache-2.0", "permissive", None),
    ("card section: the original model's data, then 'its weights and data'",
     local(readme("apache-2.0", section("The original LLaVA model was trained on GPT-4 generated data; its weights and data are for non-commercial research use only."))),
     "apache-2.0", "permissive", None),
    ("card section on the data and checkpoints of the teacher model",
     local(readme("apache-2.0", section("The data and checkpoints of the teacher model are licensed for research use only."))),
     "apache-2.0", "permissive", None),
    ("card section on the data and checkpoints of the base model",
     local(readme("apache-2.0", section("The data and checkpoints of the base model are released under CC BY-NC 4.0."))),
     "apache-2.0", "permissive", None),
    ("card section on the data and models the model was compared against",
     local(readme("apache-2.0", section("The model is released under Apache 2.0. The data and models it was compared against are research-only."))),
     "apache-2.0", "permissive", None),
    ("card section on a teacher model trained on data",
     local(readme("apache-2.0", section("The teacher model trained on ShareGPT data is licensed for research use only."))),
     "apache-2.0", "permissive", None),
    ("开源协议 on the base model's weights and training data",
     local(readme("apache-2.0", section("基础模型的权重和训练数据仅供学术研究使用。", "开源协议"))),
     "apache-2.0", "permissive", None),
    ("开源协议 on the original model's weights and training data",
     local(readme("apache-2.0", section("原始模型权重和训练数据仅供学术研究使用。", "开源协议"))),
     "apache-2.0", "permissive", None),
    # a Latin name before 模型 is most often the card's own model's
    ("开源协议 on the model's weights and data, by the model's own name",
     local(readme("apache-2.0", section("MyModel-7B模型的权重和训练数据仅供学术研究使用，禁止商业用途。", "开源协议"))),
     "custom", "non-commercial", "its '开源协议' section says 'MyModel-7B模型的权重和训练数据"),
    ("card section on the model and data cards (documents)",
     local(readme("apache-2.0", section("The model and data cards are licensed under CC BY-NC 4.0."))),
     "apache-2.0", "permissive", None),
    ("card section on the data, naming the model in passing",
     local(readme("apache-2.0", section("The training data of this model, collected by Acme, is for non-commercial research only."))),
     "apache-2.0", "permissive", None),
    ("a LICENSE-THIRD-PARTY file lists a non-commercial component",
     local(readme("mit"), TextFile("LICENSE-THIRD-PARTY", "Component X is under CC BY-NC 4.0.")),
     "mit", "permissive", None),
    ("NOTICE lists a non-commercial dataset",
     local(readme("mit"), TextFile("LICENSE", MIT_TEXT), TextFile("NOTICE", NOTICE_NC)),
     "mit", "permissive", None),
    ("third-party licence file lists non-commercial data",
     local(readme("apache-2.0"), TextFile("LICENSE", APACHE_TEXT), TextFile("THIRDPARTY_LICENSE.txt", THIRD_PARTY)),
     "apache-2.0", "permissive", None),
    ("data licence file restricts the data only",
     local(readme("mit"), TextFile("LICENSE", MIT_TEXT), TextFile("DATA_LICENSE", DATA_NC)),
     "mit", "permissive", None),
    ("dual-licence file offers the tag's licence (recognised text)",
     local(readme("mit"), TextFile("LICENSE", DUAL)), "mit", "permissive", None),
    ("dual-licence file offers the tag's licence (unrecognised text)",
     local(readme("mit"), TextFile("LICENSE", DUAL_UNRECOGNISED)), "mit", "permissive", None),
    ("card section on the dataset's licence",
     local(readme("mit", section("The training dataset is licensed under CC BY-NC 4.0 and is for non-commercial use only."))),
     "mit", "permissive", None),
    ("card section on the code alone",
     local(readme("mit", section("The training code is for non-commercial use only."))),
     "mit", "permissive", None),
    ("card section on the base model's licence",
     local(readme("apache-2.0", section("The base model is released under the Llama 2 Community License."))),
     "apache-2.0", "permissive", None),
    ("card section on an earlier version's licence beside this version's",
     local(readme("mit", section("Our earlier release was licensed CC BY-NC 4.0; this version is released under the MIT License."))),
     "mit", "permissive", None),
    ("card section contrasts a previous research-only release",
     local(readme("apache-2.0", section("Apache 2.0. Unlike the previous research-only version, this release allows commercial use."))),
     "apache-2.0", "permissive", None),
    ("card section on third-party assets",
     local(readme("mit", section("MIT. Third-party icons in `assets/` may be used for non-commercial purposes only."))),
     "mit", "permissive", None),
    ("card section on the paper's figures",
     local(readme("apache-2.0", section("This model is released under Apache 2.0. The paper's figures are CC BY-NC-SA 4.0."))),
     "apache-2.0", "permissive", None),
    ("card section table gives prompts another licence",
     local(readme("mit", section("| Part | Licence |\n|---|---|\n| Weights | MIT |\n| Example prompts | CC BY-NC 4.0 |"))),
     "mit", "permissive", None),
    ("card section on evaluation outputs from research-only benchmarks",
     local(readme("apache-2.0", section("The sample outputs in `samples/` come from benchmarks that are for research use only."))),
     "apache-2.0", "permissive", None),
    ("card section contrasts another release's licence with the tag's",
     local(readme("mit", section("Unlike the CC BY-NC 4.0 terms of v1, this release is under the MIT License."))),
     "mit", "permissive", None),
    ("card section agrees with the tag",
     local(readme("apache-2.0", section("This model is licensed under the Apache License, Version 2.0."))),
     "apache-2.0", "permissive", None),
    ("card section offers the tag's licence as a choice",
     local(readme("mit", section("This model is dual-licensed: MIT or, at your option, CC BY-NC 4.0."))),
     "mit", "permissive", None),
    ("a licence file that only reserves all rights",
     local(readme("mit"), TextFile("LICENSE", "Copyright 2024 Acme. All rights reserved.")),
     "LICENSE", "proprietary", "card says mit but LICENSE restricts use: all rights reserved"),
    ("a copyright line's 'all rights reserved' beside a grant does not override",
     local(readme("mit"), TextFile("LICENSE", "Copyright 2024 Acme. All rights reserved.\n\nAcme hereby grants you a perpetual, worldwide, royalty-free licence to use, copy, modify and distribute the model for any purpose.")),
     "mit", "permissive", None),
    ("a naming duty in the licence file is reported, not an override",
     local(readme("mit"), TextFile("LICENSE", "Acme model terms. Any product built on the model must display 'Built with Acme' prominently.")),
     "mit", "permissive", "card says mit but LICENSE restricts use: naming or display duty"),
    ("a restrictive tag is not opened by a permissive card section",
     local(readme("cc-by-nc-4.0", section("This model is licensed under the MIT License."))),
     "cc-by-nc-4.0", "non-commercial", None),
    # --- a licence file for the code alone (LICENSE-CODE) is not the model's, declared or not
    ("no licence declared: the code's licence file beside the model's is not the model's",
     local(readme(None), TextFile("LICENSE-CODE", MIT_TEXT), TextFile("LICENSE-MODEL", CUSTOM_NC)),
     "other", "non-commercial", None),
    ("license other: the code's licence file beside the model's is not the model's",
     local(readme("other"), TextFile("LICENSE-CODE", MIT_TEXT), TextFile("LICENSE-MODEL", CUSTOM_NC)),
     "other", "non-commercial", None),
    # --- a bare `other` is identified from the card's licence section
    ("unknown, the section releases the model under an Apache licence by name",
     local(readme("unknown", section("This checkpoint is released under the Apache License 2.0."))),
     "apache-2.0", "permissive", None),
    ("other, the section calls the model Apache-2.0 licensed",
     local(readme("other", section("The model is Apache-2.0 licensed."))),
     "apache-2.0", "permissive", None),
    ("other, subject-less MIT licence by name",
     local(readme("other", section("Licensed under the MIT license."))),
     "mit", "permissive", None),
    ("other, licence named in the card's licence section",
     local(readme("other", section("This model is licensed under CC BY-NC 4.0."))),
     "cc-by-nc-4.0", "non-commercial", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "license_id", "family", "conflict"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_the_more_restrictive_reading_wins(
    evidence: Evidence, license_id: str, family: str, conflict: str | None
) -> None:
    report = identify(evidence)
    assert report.license_id == license_id, report.reason
    assert report.facts is not None and report.facts.family == family
    if conflict is None:
        assert report.conflicts == ()
    else:
        assert any(conflict in c for c in report.conflicts), report.conflicts


def _levels(evidence: Evidence) -> dict[str, Any]:
    usage = evaluate(load_rubric("openaudit"), evidence).layer("usage_limits")
    mof = evaluate(load_rubric("mof"), evidence).extras["mof"]
    eosai = evaluate(load_rubric("eosai"), evidence).extras["eosai"]
    params = next(c for c in mof["components"] if c["name"] == "Model parameters (final)")
    licences = next(d for d in eosai["dimensions"] if d["id"] == "licenses")
    return {
        "usage": usage.level if usage else None,
        "mof_params_open": params["license_open"],
        "eosai_licenses": licences["level"],
        "eosai_basis": licences.get("basis"),
        "reason": licences["reason"],
    }


# name, card, licence files, usage level, MOF final parameters' licence open, EOSAI licenses
# (open weights alone, with no code or datasets published, are closed for EOSAI; a custom
# licence matching no known licence is closed as the restricted family is, unless its
# clauses say non-commercial)
LEVELS: list[tuple[str, str, tuple[TextFile, ...], str, bool, str]] = [
    ("permissive tag, non-commercial card section", readme("mit", section("This model is licensed under CC BY-NC 4.0.")), (), "partial", False, "partial"),
    ("permissive tag, restrictive licence file", readme("mit"), (TextFile("LICENSE", CUSTOM_NC),), "partial", False, "partial"),
    ("permissive tag, NOTICE about data", readme("mit"), (TextFile("LICENSE", MIT_TEXT), TextFile("NOTICE", NOTICE_NC)), "open", True, "closed"),
    ("bare other", readme("other"), (), "closed", False, "closed"),
    ("unknown", readme("unknown"), (), "closed", False, "closed"),
    ("other with a licence name", readme("other", license_name="acme-model-licence"), (), "partial", False, "closed"),
    ("other with a licence link", readme("other", license_link="https://example.org/terms"), (), "partial", False, "closed"),
    ("other with a licence file", readme("other"), (TextFile("LICENSE", "Acme Model Licence. Use on Acme's terms."),), "partial", False, "closed"),
    ("other, a section naming no known licence", readme("other", section("This model is released under the Acme Community Licence.")), (), "partial", False, "closed"),
    ("unknown, a section naming Apache by name", readme("unknown", section("The model is released under the Apache License 2.0.")), (), "open", True, "closed"),
    ("other with a non-commercial licence file", readme("other"), (TextFile("LICENSE", CUSTOM_NC),), "partial", False, "partial"),
    ("unknown with a licence section", readme("unknown", section("See the Acme terms of service.")), (), "partial", False, "closed"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("card", "files", "usage", "params_open", "eosai"),
    [pytest.param(*case[1:], id=case[0]) for case in LEVELS],
)
def test_usage_and_frameworks_read_the_same_licence(
    card: str, files: tuple[TextFile, ...], usage: str, params_open: bool, eosai: str
) -> None:
    found = _levels(local(card, *files))
    assert (found["usage"], found["mof_params_open"], found["eosai_licenses"]) == (
        usage,
        params_open,
        eosai,
    ), found["reason"]


def test_a_bare_other_is_closed_with_an_inferred_reason_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(readme("other"), encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"")
    result = CliRunner().invoke(app, [str(tmp_path), "--format", "json"])
    import json

    model = json.loads(result.stdout)["models"][0]
    usage = next(layer for layer in model["layers"] if layer["id"] == "usage_limits")
    identified = next(f for f in usage["findings"] if f["probe"] == "usage.license_identified")
    assert usage["level"] == "closed"
    assert (identified["answer"], identified["basis"]) == ("no", "inferred")
    assert "no license_name, license_link, licence file" in identified["reason"]


def test_a_card_section_contradiction_is_named_in_the_findings_through_the_cli(
    tmp_path: Path,
) -> None:
    card = readme("mit", section("This model is licensed under CC BY-NC 4.0."))
    (tmp_path / "README.md").write_text(card, encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"")
    result = CliRunner().invoke(app, [str(tmp_path), "--format", "json"])
    import json

    model = json.loads(result.stdout)["models"][0]
    assert model["license"]["id"] == "cc-by-nc-4.0"
    usage = next(layer for layer in model["layers"] if layer["id"] == "usage_limits")
    identified = next(f for f in usage["findings"] if f["probe"] == "usage.license_identified")
    assert usage["level"] == "partial"
    assert "card says mit but its 'License' section says" in identified["reason"]


def test_a_bare_other_on_an_unread_gated_card_stays_a_custom_licence() -> None:
    """The card body was not read: it may link or state the terms, so nothing is
    concluded from the bare value (a custom licence, as a careful reader would say)."""
    gated = Evidence(
        ref="org/m",
        source="hub",
        repo_id="org/m",
        api_card_data={"license": "other"},
        gated="manual",
        access="gated",
        files=(RepoFile("model.safetensors"),),
    )
    found = _levels(gated)
    assert (found["usage"], found["eosai_licenses"]) == ("partial", "closed"), found["reason"]


def test_the_hub_tag_of_a_bare_other_names_no_terms() -> None:
    hub = Evidence(
        ref="org/m",
        source="hub",
        repo_id="org/m",
        readme=readme("other"),
        tags=("license:other", "transformers"),
        files=(RepoFile("model.safetensors"),),
    )
    found = _levels(hub)
    assert (found["usage"], found["eosai_licenses"]) == ("closed", "closed"), found["reason"]
