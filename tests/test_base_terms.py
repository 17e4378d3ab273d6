"""A base model's terms as its card metadata states them, and what flows down to a
derivative: `license: other` whose `license_name` or gate text says what the licence
allows is judged from them (inferred); a base whose terms are unseen keeps the
derivative's answers from being stated yeses. Evidence built here, the cards invented.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from framework_fixtures import fully_open

from openaudit.evidence import Evidence, LinkedRepo
from openaudit.rubric import evaluate, load_rubric
from openaudit.rubric.context import lineage
from openaudit.rubric.context.license_identification import identify, terms_in_metadata

DELTA_CARD = """---
license: apache-2.0
base_model: example/old-13b
---
# Chat-13B delta

A chat model fine-tuned from Old-13B on user-shared conversations; the released
files are delta weights to be applied on top of the base.
"""

GATE_NC = "Access for non-commercial research only; apply with your institutional email."
GATE_CONTACT = "You agree to share your contact information to access this model."

# name, the base's card metadata, the licence id it reads as (None: unseen), a phrase
# of the reason (the name or the gate text quoted)
BASES: list[tuple[str, dict[str, Any], str | None, str]] = [
    ("name says noncommercial",
     {"license": "other", "license_name": "oldlm-noncommercial"},
     "oldlm-noncommercial", "its `license_name` says 'oldlm-noncommercial'"),
    ("name says nc",
     {"license": "other", "license_name": "acme-nc-license"},
     "acme-nc-license", "its `license_name` says 'acme-nc-license'"),
    ("name says research only",
     {"license": "other", "license_name": "research-only-license"},
     "research-only-license", "'research-only-license'"),
    ("name says research",
     {"license": "other", "license_name": "lab-research-license"},
     "lab-research-license", "'lab-research-license'"),
    ("gate prompt states the terms",
     {"license": "other", "extra_gated_prompt": GATE_NC},
     "custom", f"its `extra_gated_prompt` says '{GATE_NC}'"),
    ("gate description states the terms",
     {"license": "other", "license_name": "old-model-terms",
      "extra_gated_description": "For non-commercial research only."},
     "old-model-terms", "its `extra_gated_description` says"),
    # negative twins: a bare `other`, or a gate that says nothing of the terms, stays
    # unseen (a neutral name is a custom licence: tests/test_custom_base_licence.py)
    ("bare other", {"license": "other"}, None, "license: other (no license_name)"),
    ("gate asks for contact details only",
     {"license": "other", "extra_gated_prompt": GATE_CONTACT},
     None, "license: other (no license_name)"),
    ("no licence metadata", {}, None, "the Hub served no licence metadata"),
]  # fmt: skip


def derivative(base_card: dict[str, Any], readme: str = DELTA_CARD) -> Evidence:
    old = LinkedRepo(
        "example/old-13b",
        "model",
        "gated",
        card_data=base_card,
        relation="finetune",
        gated="manual",
    )
    return Evidence(
        ref="example/chat-13b-delta",
        source="hub",
        repo_id="example/chat-13b-delta",
        url="https://huggingface.co/example/chat-13b-delta",
        readme=readme,
        base_models=(old,),
    )


@pytest.mark.parametrize(
    ("base_card", "license_id", "phrase"), [pytest.param(*c[1:], id=c[0]) for c in BASES]
)
def test_a_bases_terms_are_read_from_its_licence_name_or_gate_text(
    base_card: dict[str, Any], license_id: str | None, phrase: str
) -> None:
    """The lineage reads a base's `license: other` from its name or gate text, as the
    model's own licence is read (non-commercial or research only: the base's terms),
    marked inferred; a name or gate saying nothing of the terms leaves them unseen."""
    base = lineage(derivative(base_card)).bases[0]
    assert base.license_id == license_id, base.reason
    assert phrase in base.reason
    assert base.inferred is (license_id is not None)
    if license_id is not None:
        assert base.facts is not None and base.facts.family == "non-commercial"
        assert base.facts.commercial_use == "no"


def _usage(evidence: Evidence) -> dict[str, tuple[str, str, str]]:
    layer = evaluate(load_rubric("openaudit"), evidence).layer("usage_limits")
    assert layer is not None
    return {f.probe: (f.answer, f.basis, f.reason) for f in layer.findings}


OLD_NC = {"license": "other", "license_name": "oldlm-noncommercial", "extra_gated_prompt": GATE_NC}


def test_a_non_commercial_base_flows_down_as_inferred_terms() -> None:
    """An apache-2.0 delta of a base whose name says non-commercial: usage limits are
    partial, the answers inferred, the reasons quoting the base's licence name."""
    result = evaluate(load_rubric("openaudit"), derivative(OLD_NC))
    layer = result.layer("usage_limits")
    assert layer is not None and layer.level == "partial"
    found = _usage(derivative(OLD_NC))
    for probe in ("usage.open_license", "usage.commercial_use", "usage.base_compatible"):
        answer, basis, reason = found[probe]
        assert (answer, basis) == ("no", "inferred"), (probe, reason)
        assert "oldlm-noncommercial" in reason and "inferred" in reason


# The base's card metadata, then each usage answer (answer, basis) of an apache-2.0 child
UNSEEN: list[tuple[str, dict[str, Any], tuple[str, str], tuple[str, str]]] = [
    ("base terms unseen", {"license": "other"}, ("yes", "inferred"), ("unknown", "unknown")),
    ("base under apache-2.0", {"license": "apache-2.0"},
     ("yes", "stated"), ("yes", "stated")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("base_card", "free", "compatible"), [pytest.param(*c[1:], id=c[0]) for c in UNSEEN]
)
def test_unseen_base_terms_make_no_stated_yes(
    base_card: dict[str, Any], free: tuple[str, str], compatible: tuple[str, str]
) -> None:
    """While a base's terms are unseen, the child's own tag answers "no use
    restrictions" and "commercial use" only as an inference whose reason says so; the
    layer stays unknown through base_compatible (cap_if_unknown), at least partial."""
    found = _usage(derivative(base_card))
    for probe in ("usage.no_use_restrictions", "usage.commercial_use"):
        answer, basis, reason = found[probe]
        assert (answer, basis) == free, (probe, reason)
        if basis == "inferred":
            assert "the terms of its base example/old-13b" in reason and "were not seen" in reason
    assert found["usage.base_compatible"][:2] == compatible
    layer = evaluate(load_rubric("openaudit"), derivative(base_card)).layer("usage_limits")
    assert layer is not None
    if compatible[0] == "unknown":
        assert (layer.level, layer.at_least) == ("unknown", "partial")


def _mof_fine_tune(base_card: dict[str, Any]) -> dict[str, Any]:
    evidence = fully_open()
    base = LinkedRepo("example/base-1b", "model", "ok", card_data=base_card, relation="finetune")
    readme = (evidence.readme or "").replace(
        "license: apache-2.0\n", "license: apache-2.0\nbase_model: example/base-1b\n", 1
    )
    from dataclasses import replace

    result: dict[str, Any] = evaluate(
        load_rubric("mof"), replace(evidence, readme=readme, base_models=(base,))
    ).extras["mof"]
    return result


# The base's card metadata, MOF's final parameters (status, licence open, basis), a phrase
MOF_CASES: list[tuple[str, dict[str, Any], tuple[str, bool | None, str], str]] = [
    ("base named non-commercial", {"license": "other", "license_name": "oldlm-noncommercial"},
     ("included", False, "inferred"), "its `license_name` says 'oldlm-noncommercial'"),
    ("base terms unseen", {"license": "other"},
     ("included", None, "unknown"), "whose terms were not seen"),
    ("base under apache-2.0", {"license": "apache-2.0"},
     ("included", True, "stated"), "'apache-2.0' is open"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("base_card", "judged", "phrase"), [pytest.param(*c[1:], id=c[0]) for c in MOF_CASES]
)
def test_mof_final_parameters_carry_the_bases_terms(
    base_card: dict[str, Any], judged: tuple[str, bool | None, str], phrase: str
) -> None:
    """MOF's final parameters under an apache-2.0 tag: not open (inferred) when the base's
    name says non-commercial; undecided while the base's terms are unseen."""
    params = next(c for c in _mof_fine_tune(base_card)["components"] if c["id"] == "10")
    assert (params["status"], params["license_open"], params["basis"]) == judged, params["reason"]
    assert phrase in params["reason"]


def test_eosai_licences_of_a_delta_of_a_non_commercial_base() -> None:
    """EOSAI reads the weights' terms with the base's: non-commercial, partial, inferred."""
    result = evaluate(load_rubric("eosai"), derivative(OLD_NC)).extras["eosai"]
    licences = next(d for d in result["dimensions"] if d["id"] == "licenses")
    assert (licences["level"], licences["basis"]) == ("partial", "inferred")
    assert "(non-commercial)" in licences["reason"] and "oldlm-noncommercial" in licences["reason"]


# The model's own card metadata, the licence it reads as, its family
OWN: list[tuple[str, str, str | None, str | None]] = [
    ("own name says noncommercial", "license: other\nlicense_name: oldlm-noncommercial\n",
     "oldlm-noncommercial", "non-commercial"),
    ("own gate prompt states the terms", f"license: other\nextra_gated_prompt: {GATE_NC}\n",
     "custom", "non-commercial"),
    # negative twins: a neutral name; an apache-2.0 licence a gate's words do not outweigh
    ("own neutral name", "license: other\nlicense_name: old-model-terms\n", None, None),
    ("own apache-2.0 beside a research name", "license: apache-2.0\nlicense_name: lab-research\n",
     "apache-2.0", "permissive"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("front", "license_id", "family"), [pytest.param(*c[1:], id=c[0]) for c in OWN]
)
def test_the_models_own_licence_is_read_from_the_same_metadata(
    front: str, license_id: str | None, family: str | None
) -> None:
    """The model's own `license: other` is identified from its name or gate text by the
    same reading (one identifier for the model and its bases); a label does not outweigh
    an identified licence."""
    evidence = Evidence(ref="example/own", source="hub", readme=f"---\n{front}---\n# Own\n")
    report = identify(evidence)
    assert report.license_id == license_id, report.reason
    assert (report.facts.family if report.facts else None) == family
    # read from a name or gate text: a careful reader's conclusion, never stated
    assert report.inferred is (family == "non-commercial")
    if report.inferred:
        found = _usage(evidence)
        assert found["usage.commercial_use"][:2] == ("no", "inferred")
        assert found["usage.license_identified"][:2] == ("yes", "inferred")


def test_terms_in_metadata_leaves_an_identified_licence_alone() -> None:
    """A `license_name` the catalogue knows is the licence itself, not terms read from it."""
    assert terms_in_metadata({"license": "other", "license_name": "llama3"}) is None
    assert terms_in_metadata({"license": "apache-2.0", "extra_gated_prompt": GATE_NC}) is None
