"""The terms a card states outside a section titled "License", and its licence line.

Use restrictions stand in sections titled as terms of use (Terms of Use, Usage
Restrictions, Commercial Use, Acceptable Use, Use Policy), in a Disclaimer, in a note
at the top of the card, and in licence sections titled and written in the card's
language (许可证, ライセンス, 라이선스, Lizenz, Licencia ...): where they restrict an open
tag, the more restrictive reading wins. A licence line ("- **License:** Apache 2.0",
"| License | MIT |") states the licence when the metadata names none. Sentences about
other works (data, a base model, an earlier version), permissions and advice do not.
"""

# ruff: noqa: E501, RUF001 (card snippets are data, some in full-width punctuation)
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openaudit.cli.app import app
from openaudit.evidence import Evidence, RepoFile
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import identify_license as identify


def readme(license: str | None, body: str) -> str:
    head = f"license: {license}\n" if license else "pipeline_tag: text-generation\n"
    return f"---\n{head}---\n# M\n\nA chat model for English text.\n{body}"


def section(title: str, text: str) -> str:
    return f"\n## {title}\n\n{text}\n"


def local(card: str) -> Evidence:
    return Evidence(ref="./m", source="local", readme=card, files=(RepoFile("model.safetensors"),))


# name, card: terms that restrict use
RESTRICTED: list[tuple[str, str]] = [
    # --- sections titled as terms of use
    ("Terms of Use: not for commercial purposes",
     readme("apache-2.0", section("Terms of Use", "This model may not be used for commercial purposes without prior written permission from Acme."))),
    ("Usage Restrictions: prohibited uses are the terms",
     readme("apache-2.0", section("Usage Restrictions", "You may not use this model for military applications or surveillance."))),
    ("Commercial Use: needs prior written permission",
     readme("mit", section("Commercial Use", "Commercial use requires prior written permission from Acme."))),
    ("Acceptable Use section",
     readme("apache-2.0", section("Acceptable Use", "You may not use the model to develop weapons."))),
    ("Use Policy section binds an acceptable-use policy",
     readme("apache-2.0", section("Use Policy", "Use of this model is subject to the Acme Acceptable Use Policy."))),
    ("Disclaimer: research purposes only",
     readme("apache-2.0", section("Disclaimer", "This model is released for research purposes only."))),
    ("a note at the top of the card",
     readme("apache-2.0", "\n> **Note:** this model may not be used for commercial purposes.\n\n## Usage\n\nLoad it with transformers.\n")),
    # --- licence sections in the card's language
    ("许可证: academic research only, commercial use on written authorisation",
     readme("apache-2.0", section("许可证", "本模型权重仅供学术研究使用，商业使用需获得书面授权。"))),
    ("許可證 (traditional): no commercial use",
     readme("apache-2.0", section("許可證", "本模型僅供學術研究使用，禁止商用。"))),
    ("模型协议: commercial use by application",
     readme("apache-2.0", section("模型协议", "如需商用，请填写问卷申请授权。"))),
    ("ライセンス: research purposes only, no commercial use",
     readme("apache-2.0", section("ライセンス", "本モデルは研究目的でのみ利用可能です。商用利用不可。"))),
    ("라이선스: non-commercial research only",
     readme("apache-2.0", section("라이선스", "이 모델은 비상업적 연구 목적으로만 사용할 수 있습니다."))),
    ("Lizenz: commercial use only with written permission",
     readme("apache-2.0", section("Lizenz", "Die Modellgewichte stehen unter der Apache 2.0 Lizenz. Eine kommerzielle Nutzung ist nur mit schriftlicher Genehmigung gestattet."))),
    ("Lizenz: non-commercial purposes",
     readme("mit", section("Lizenz", "Das Modell darf nicht für kommerzielle Zwecke verwendet werden."))),
    ("Licencia: the tag's licence, but commercial use on authorisation",
     readme("apache-2.0", section("Licencia", "El modelo se publica bajo la licencia Apache 2.0, pero su uso comercial requiere autorización previa por escrito."))),
    ("Licence (French): non-commercial use",
     readme("apache-2.0", section("Licence", "Le modèle est réservé à une utilisation non commerciale."))),
    ("Licenza: research only",
     readme("apache-2.0", section("Licenza", "Il modello può essere utilizzato solo a scopo di ricerca."))),
    # --- a licence section that binds use to an acceptable-use policy
    ("License: use subject to an Acceptable Use Policy",
     readme("apache-2.0", section("License", "The model is released under the Apache 2.0 license. Use of the model is subject to the [Acme Acceptable Use Policy](https://acme.example/aup)."))),
    ("License: by using the model you agree to the policy",
     readme("apache-2.0", section("License", "Apache 2.0. By downloading or using the model you agree to the [Acme Acceptable Use Policy](https://acme.example/aup), which prohibits use for surveillance."))),
    ("License: users must comply with the use policy",
     readme("mit", section("License", "MIT. Users must comply with the Acme Acceptable Use Policy."))),
    ("License: the model must be used in accordance with the policy",
     readme("apache-2.0", section("License", "The model is released under Apache 2.0. The model must be used in accordance with the Acme Acceptable Use Policy."))),
    ("License: please note that use is subject to the policy",
     readme("apache-2.0", section("License", "The model is released under Apache 2.0. Please note that use of the model is subject to the Acme Acceptable Use Policy."))),
    ("a notice, not advice: users should note that use is bound",
     readme("apache-2.0", section("License", "The model is released under Apache 2.0. Users should note that the model is subject to the Acme Acceptable Use Policy."))),
    ("a notice, not advice: users are advised that use is bound",
     readme("apache-2.0", section("License", "The model is released under Apache 2.0. Users are advised that use of the model is subject to the Acme Acceptable Use Policy."))),
    ("a relative clause, not advice: anyone who asks must comply",
     readme("apache-2.0", section("License", "The model is released under Apache 2.0. Anyone who asks for access must comply with the Acme Acceptable Use Policy."))),
]  # fmt: skip

MODEL_BADGE = "[![Model License](https://img.shields.io/badge/Model%20License-CC%20By%20NC%204.0-red.svg)](https://github.com/acme/m/blob/main/MODEL_LICENSE)"
CODE_BADGE = "[![Code License](https://img.shields.io/badge/Code%20License-CC%20By%20NC%204.0-green.svg)](https://github.com/acme/m/blob/main/LICENSE)"
DATA_BADGE = "[![Data License](https://img.shields.io/badge/Data%20License-CC%20By%20NC%204.0-red.svg)](https://github.com/acme/m/blob/main/DATA_LICENSE)"

NAMED: list[tuple[str, str, str]] = [
    ("a Model License badge names a non-commercial licence beside an open tag",
     readme("apache-2.0", f"\n{MODEL_BADGE}\n"), "cc-by-nc-4.0"),
    ("a Model_License badge (underscore) names a restricted licence",
     readme("mit", "\n![Model_License](https://img.shields.io/badge/Model_License-OpenRAIL-orange.svg)\n"), "openrail"),
    ("a Weights License badge in a badge row",
     readme("apache-2.0", "\n![Code](https://img.shields.io/badge/Code%20License-Apache_2.0-green.svg) ![Weights](https://img.shields.io/badge/Weights%20License-CC%20BY--NC%204.0-red.svg)\n"), "cc-by-nc-4.0"),
    ("Lizenz names CC BY-NC 4.0",
     readme("apache-2.0", section("Lizenz", "Das Modell steht unter der Lizenz CC BY-NC 4.0.")), "cc-by-nc-4.0"),
    ("라이선스 names CC BY-NC 4.0",
     readme("apache-2.0", section("라이선스", "이 모델은 CC BY-NC 4.0 라이선스를 따릅니다.")), "cc-by-nc-4.0"),
    ("Licencia names CC BY-NC 4.0",
     readme("apache-2.0", section("Licencia", "El modelo se publica bajo la licencia CC BY-NC 4.0.")), "cc-by-nc-4.0"),
    ("a licence line names a non-commercial licence beside an open tag",
     readme("apache-2.0", section("Model Details", "- **Developed by:** Acme\n- **License:** CC BY-NC 4.0")), "cc-by-nc-4.0"),
]  # fmt: skip


@pytest.mark.parametrize("card", [pytest.param(c[1], id=c[0]) for c in RESTRICTED])
def test_terms_stated_outside_a_license_section_restrict_an_open_tag(card: str) -> None:
    report = identify(local(card))
    assert report.facts is not None and not report.facts.is_open, report.reason
    assert report.facts.family in ("non-commercial", "restricted"), report.reason
    assert report.conflicts and "but its" in report.conflicts[0], report.conflicts
    assert any(c.citation.where.startswith("README.md") for c in report.claims)


@pytest.mark.parametrize(("card", "license_id"), [pytest.param(c[1], c[2], id=c[0]) for c in NAMED])
def test_a_non_open_licence_named_in_the_cards_language_or_line_wins(
    card: str, license_id: str
) -> None:
    report = identify(local(card))
    assert report.license_id == license_id, report.reason
    assert report.conflicts, report.reason


KEPT: list[tuple[str, str, str]] = [
    ("Terms of Use allowing any purpose",
     readme("apache-2.0", section("Terms of Use", "You may use this model for any purpose, including commercial applications.")), "apache-2.0"),
    ("Commercial Use permitted",
     readme("apache-2.0", section("Commercial Use", "Commercial use is permitted.")), "apache-2.0"),
    ("Terms of Use on the training data",
     readme("apache-2.0", section("Terms of Use", "The training data may not be used for commercial purposes.")), "apache-2.0"),
    ("Terms of Use saying no restrictions",
     readme("mit", section("Terms of Use", "There are no restrictions on commercial use of this model.")), "mit"),
    ("Terms of Use on an earlier version",
     readme("apache-2.0", section("Terms of Use", "The previous version was for non-commercial research only.")), "apache-2.0"),
    ("Terms of Use giving advice",
     readme("apache-2.0", section("Terms of Use", "The model should not be used for medical advice or for surveillance.")), "apache-2.0"),
    ("misuse listed under Out-of-Scope Use",
     readme("apache-2.0", section("Out-of-Scope Use", "You may not use the model for military applications or surveillance.")), "apache-2.0"),
    ("misuse listed in a Disclaimer",
     readme("apache-2.0", section("Disclaimer", "You must not use the model for illegal or harmful purposes.")), "apache-2.0"),
    ("a note at the top on the dataset",
     readme("apache-2.0", "\n> Note: the dataset is for non-commercial research only.\n"), "apache-2.0"),
    ("a note lower in the card, under a later section",
     readme("apache-2.0", section("Quantised versions", "Other builds exist.") + "\n> Note: the GGUF builds of our earlier release are non-commercial.\n"), "apache-2.0"),
    ("许可证 on the training data",
     readme("apache-2.0", section("许可证", "训练数据仅供学术研究使用。")), "apache-2.0"),
    ("许可证 on the base model",
     readme("apache-2.0", section("许可证", "基座模型仅供研究使用。")), "apache-2.0"),
    ("许可证 allowing free commercial use",
     readme("apache-2.0", section("许可证", "本模型可免费商用。")), "apache-2.0"),
    ("许可证 allowing commercial use after registration",
     readme("apache-2.0", section("许可证", "填写问卷登记后亦允许免费商业使用。")), "apache-2.0"),
    ("ライセンス allowing commercial use",
     readme("apache-2.0", section("ライセンス", "商用利用も可能です。")), "apache-2.0"),
    ("라이선스 allowing commercial use",
     readme("apache-2.0", section("라이선스", "상업적 이용이 가능합니다.")), "apache-2.0"),
    ("Lizenz allowing commercial use",
     readme("apache-2.0", section("Lizenz", "Kommerzielle Nutzung ist gestattet.")), "apache-2.0"),
    ("Lizenz on the data",
     readme("apache-2.0", section("Lizenz", "Die Trainingsdaten sind nur für nicht-kommerzielle Zwecke lizenziert.")), "apache-2.0"),
    ("Licencia allowing commercial use",
     readme("apache-2.0", section("Licencia", "Se permite el uso comercial y no comercial.")), "apache-2.0"),
    ("a licence line agreeing with the tag",
     readme("apache-2.0", section("Model Details", "- **License:** Apache 2.0")), "apache-2.0"),
    ("a Code License badge does not restrict the model",
     readme("apache-2.0", f"\n{CODE_BADGE}\n"), "apache-2.0"),
    ("a Data License badge does not restrict the model",
     readme("apache-2.0", f"\n{DATA_BADGE}\n"), "apache-2.0"),
    ("a Model License badge agreeing with the tag",
     readme("apache-2.0", "\n![Model License](https://img.shields.io/badge/Model%20License-Apache_2.0-green.svg)\n"), "apache-2.0"),
    ("a Model License badge naming no licence known",
     readme("apache-2.0", "\n![Model License](https://img.shields.io/badge/Model%20License-Acme%20Community-red.svg)\n"), "apache-2.0"),
    ("an advice list under License stays advice",
     readme("apache-2.0", section("License", "Apache 2.0.\n\nYou must not use the model for illegal or harmful purposes. Do not use the model for surveillance.")),
     "apache-2.0"),
    ("a policy named under License without binding use to it",
     readme("apache-2.0", section("License", "Apache 2.0. Please also read our Acceptable Use Policy for guidance on responsible use.")), "apache-2.0"),
    ("users encouraged to use the model in accordance with a policy (advice)",
     readme("apache-2.0", section("License", "The model is released under Apache 2.0. We encourage users to use the model in accordance with our responsible use policy.")), "apache-2.0"),
    ("users encouraged to use the model subject to a policy (advice)",
     readme("apache-2.0", section("License", "The model is released under Apache 2.0. Users are encouraged to use the model subject to our Responsible Use Policy.")), "apache-2.0"),
    ("a recommendation to comply with a policy (advice)",
     readme("apache-2.0", section("License", "The model is released under Apache 2.0. We recommend that users agree to abide by the Acme Acceptable Use Policy.")), "apache-2.0"),
    ("a licence line does not open a restrictive tag",
     readme("llama3", section("Model Details", "- **License:** MIT")), "llama3"),
]  # fmt: skip


@pytest.mark.parametrize(("card", "license_id"), [pytest.param(c[1], c[2], id=c[0]) for c in KEPT])
def test_permissions_advice_and_other_works_leave_the_tag(card: str, license_id: str) -> None:
    report = identify(local(card))
    assert report.license_id == license_id, report.reason
    assert report.conflicts == ()


# name, card, the licence its line states (None: none)
LINES: list[tuple[str, str, str | None]] = [
    ("other, a Model Details field", readme("other", section("Model Details", "- **Developed by:** Acme\n- **License:** Apache 2.0")), "apache-2.0"),
    ("no licence, a Model Details field", readme(None, section("Model Details", "- **License:** MIT")), "mit"),
    ("unknown, a table row", readme("unknown", section("Model Information", "| | |\n|---|---|\n| Developer | Acme |\n| License | MIT |")), "mit"),
    ("other, bold label outside the colon", readme("other", section("Model Details", "**License**: MIT")), "mit"),
    ("other, a linked licence name", readme("other", section("Model Details", "- License: [Apache License 2.0](https://www.apache.org/licenses/LICENSE-2.0)")), "apache-2.0"),
    ("other, a line about the training data", readme("other", section("Training Data", "- **License:** Apache 2.0")), None),
    ("other, an indented item belongs to a dataset", readme("other", section("Model Details", "- Dataset: acme/corpus\n  - License: MIT")), None),
    ("other, the code's licence", readme("other", section("Model Details", "- **License:** MIT (code)")), None),
    ("other, a field under a title naming data", "---\nlicense: other\n---\n# Acme Data Chat\n\n## Model Details\n\n- **License:** MIT\n", "mit"),
    ("other, the base model's licence", readme("other", section("Model Details", "- **Base model license:** Llama 2")), None),
    ("no licence, the template's placeholder", readme(None, section("Model Details", "- **License:** [More Information Needed]")), None),
    ("other, an unknown licence name", readme("other", section("Model Details", "- **License:** the Acme Community Licence")), None),
]  # fmt: skip


@pytest.mark.parametrize(("card", "license_id"), [pytest.param(c[1], c[2], id=c[0]) for c in LINES])
def test_a_licence_line_states_the_licence_the_metadata_does_not(
    card: str, license_id: str | None
) -> None:
    report = identify(local(card))
    assert report.license_id == license_id, report.reason
    if license_id is not None:
        assert "licence line in" in report.reason
        assert any(c.citation.where.startswith("README.md#") for c in report.claims)


# name, card, usage level, MOF final parameters' licence open
LEVELS: list[tuple[str, str, str, bool]] = [
    ("Terms of Use non-commercial", readme("apache-2.0", section("Terms of Use", "This model may not be used for commercial purposes.")), "partial", False),
    ("Acceptable Use prohibitions", readme("apache-2.0", section("Acceptable Use", "You may not use this model for military applications.")), "partial", False),
    ("许可证 research only", readme("apache-2.0", section("许可证", "本模型仅供学术研究使用。")), "partial", False),
    ("other with a licence line naming Apache", readme("other", section("Model Details", "- **License:** Apache 2.0")), "open", True),
    ("no licence with a licence line naming MIT", readme(None, section("Model Details", "- **License:** MIT")), "open", True),
    ("Terms of Use allowing any use", readme("apache-2.0", section("Terms of Use", "You may use it for any purpose.")), "open", True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("card", "usage", "params_open"), [pytest.param(*c[1:], id=c[0]) for c in LEVELS]
)
def test_usage_and_mof_read_the_terms_the_card_states(
    card: str, usage: str, params_open: bool
) -> None:
    evidence = local(card)
    layer = evaluate(load_rubric("openaudit"), evidence).layer("usage_limits")
    mof = evaluate(load_rubric("mof"), evidence).extras["mof"]
    params = next(c for c in mof["components"] if c["id"] == "10")
    assert layer is not None
    assert (layer.level, params["license_open"]) == (usage, params_open)


def test_a_licence_line_is_cited_through_the_cli(tmp_path: Path) -> None:
    card = readme(
        "other", section("Model Details", "- **Developed by:** Acme\n- **License:** Apache 2.0")
    )
    (tmp_path / "README.md").write_text(card, encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"")
    result = CliRunner().invoke(app, [str(tmp_path), "--format", "json"])
    model = json.loads(result.stdout)["models"][0]
    assert model["license"]["id"] == "apache-2.0"
    usage = next(layer for layer in model["layers"] if layer["id"] == "usage_limits")
    identified = next(f for f in usage["findings"] if f["probe"] == "usage.license_identified")
    assert (usage["level"], identified["answer"], identified["basis"]) == ("open", "yes", "stated")
    assert "its licence line in 'Model Details' says 'License: Apache 2.0'" in identified["reason"]
    cited = [c for c in identified["evidence"] if c["where"] == "README.md#Model Details"]
    assert cited and "License: Apache 2.0" in (cited[0]["value"] or "")
