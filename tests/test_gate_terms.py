"""Commercial terms a gate states: the phrasings of a licence commercial use needs, and
the gate's prompt and form-field labels read against an open licence tag.

"Commercial use requires a separate commercial license", "For commercial use, please
contact us to obtain a commercial license" and "A commercial license is required for
commercial use" are non-commercial clauses; permissions, commercial support and "no
licence is required" are not. A gate whose prompt or form-field labels (the keys of
`extra_gated_fields`) say so limits an open tag: usage partial, stated by the gate.
"""

# ruff: noqa: E501 (card snippets are data)
from __future__ import annotations

import pytest

from openaudit.evidence import Evidence, RepoFile
from openaudit.licenses.clauses import detect_clauses
from openaudit.rubric import evaluate, load_rubric

# name, sentence, whether it is a non-commercial clause
CLAUSES: list[tuple[str, str, bool]] = [
    ("separate commercial licence required", "Commercial use requires a separate commercial license from Acme; please contact sales@acme.example before deploying it in a product.", True),
    ("separate commercial licence, British spelling", "Commercial use requires a separate commercial licence.", True),
    ("contact us to obtain a commercial licence", "For commercial use, please contact us to obtain a commercial license.", True),
    ("commercial licence required for commercial use", "A commercial license is required for commercial use.", True),
    ("a licence required for commercial purposes", "A license is required for commercial purposes.", True),
    ("to use it commercially you need a licence", "If you want to use the model commercially, you need a license from Acme.", True),
    # negative twins
    ("commercial use is permitted", "Commercial use is permitted.", False),
    ("commercial support", "For commercial support, contact us.", False),
    ("commercial support agreement", "For commercial support contact us to obtain a support agreement.", False),
    ("no licence required", "No commercial license is required for commercial use.", False),
    ("no separate licence required", "For commercial use, no separate license is required.", False),
    ("negated: no licence to obtain",
     "Use for commercial purposes does not require you to obtain a license.", False),
    ("negated: no permission to request",
     "For commercial use, you do not need to request permission.", False),
    ("a commercial licence is on offer", "A commercial license is available for enterprises.", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "non_commercial"), [pytest.param(*c[1:], id=c[0]) for c in CLAUSES]
)
def test_a_licence_commercial_use_needs_is_a_non_commercial_clause(
    sentence: str, non_commercial: bool
) -> None:
    kinds = {clause.kind for clause in detect_clauses(sentence)}
    assert ("non_commercial" in kinds) is non_commercial, kinds


def gated(license: str, gate: str) -> Evidence:
    card = f"---\nlicense: {license}\n{gate}---\n# Embed\n\nAn embedding model for search.\n"
    files = (RepoFile("model.safetensors"), RepoFile("config.json"))
    return Evidence(ref="acme/embed", source="local", readme=card, files=files)


PROMPT = "extra_gated_prompt: Free for research and evaluation. Commercial use requires a separate commercial license from Acme.\n"
LABEL = "extra_gated_fields:\n  Company: text\n  I agree to use this model for non-commercial purposes only unless I obtain a commercial license: checkbox\n"
CONTACT = "extra_gated_fields:\n  For commercial use, contact us to obtain a commercial license: checkbox\n"

# name, card metadata after the licence, the usage level, the gate field cited (None: open)
GATES: list[tuple[str, str, str, str | None]] = [
    ("gate prompt: separate commercial licence", PROMPT, "partial", "card:extra_gated_prompt"),
    ("gate field label: non-commercial only", LABEL, "partial", "card:extra_gated_fields"),
    ("gate field label: contact us for a commercial licence", CONTACT, "partial", "card:extra_gated_fields"),
    # negative twins: fields asking who you are, an agreement to the licence, a permission
    ("gate field Company", "extra_gated_fields:\n  Company: text\n  Country: country\n", "open", None),
    ("gate field: agree to the licence", "extra_gated_fields:\n  I agree to the license: checkbox\n", "open", None),
    ("gate prompt: commercial use is permitted", "extra_gated_prompt: Commercial use is permitted. Please share your contact details.\n", "open", None),
    ("gate prompt: commercial support", "extra_gated_prompt: For commercial support, contact us.\n", "open", None),
]  # fmt: skip


@pytest.mark.parametrize(("gate", "level", "cited"), [pytest.param(*c[1:], id=c[0]) for c in GATES])
def test_commercial_terms_in_the_gate_limit_an_apache_tag(
    gate: str, level: str, cited: str | None
) -> None:
    result = evaluate(load_rubric("openaudit"), gated("apache-2.0", gate))
    layer = result.layer("usage_limits")
    assert layer is not None and layer.level == level
    commercial = next(f for f in layer.findings if f.probe == "usage.commercial_use")
    if cited is None:
        assert commercial.answer == "yes"
        return
    # the gate says it: stated, with the gate's text as the evidence
    assert (commercial.answer, commercial.basis) == ("no", "stated"), commercial.reason
    identified = next(f for f in layer.findings if f.probe == "usage.license_identified")
    assert identified.basis == "stated" and "card says apache-2.0 but" in identified.reason
    quoted = [c for c in identified.citations if c.where == cited]
    assert quoted and "commercial licen" in (quoted[0].value or ""), identified.citations


# name, the gate's prompt, the usage level: a prompt whose subject names the model beside
# its data states the model's terms; one about the data alone does not
JOINT_GATES: list[tuple[str, str, str]] = [
    ("the model and its training data for non-commercial research",
     "extra_gated_prompt: This model and its training data are released for non-commercial research purposes only.\n", "partial"),
    ("the base model's data and checkpoints for non-commercial research",
     "extra_gated_prompt: The data and checkpoints of the base model are released for non-commercial research purposes only.\n", "open"),
    ("the training data alone for non-commercial research",
     "extra_gated_prompt: The training data is released for non-commercial research purposes only.\n", "open"),
]  # fmt: skip


@pytest.mark.parametrize(("gate", "level"), [pytest.param(*c[1:], id=c[0]) for c in JOINT_GATES])
def test_a_gate_prompt_on_the_model_and_its_data_states_the_models_terms(
    gate: str, level: str
) -> None:
    layer = evaluate(load_rubric("openaudit"), gated("apache-2.0", gate)).layer("usage_limits")
    assert layer is not None and layer.level == level
