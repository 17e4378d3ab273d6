"""Table-driven tests of the usage-limits evaluators."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from openaudit.evidence import Evidence, LinkedRepo, RepoFile, TextFile
from openaudit.rubric.context import ProbeContext
from openaudit.rubric.registry import get_evaluator, run
from openaudit.verdict import Answer

APACHE_TEXT = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"
LLAMA_TEXT = "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n"


def card(license: str | None = None, base: str | None = None) -> str:
    lines = [f"license: {license}"] if license else []
    lines += [f"base_model: {base}"] if base else []
    return "---\n" + "\n".join(lines) + "\n---\n# M\n" if lines else "# M\n"


# A licence file no rule recognises and without restrictive clauses: a custom licence.
CUSTOM_FILE = TextFile(
    "LICENSE", "Acme Model Licence 1.0. Acme lets you use the model on its terms."
)


GATED_LICENCE = TextFile("LICENSE", None, problem="gated: file contents need approved access")
BINARY_LICENCE = TextFile("LICENSE", None, problem="LICENSE is binary, not text")


def ev(readme: str | None, *licence_files: TextFile, **fields: Any) -> Evidence:
    files = tuple(RepoFile(p) for p in fields.pop("paths", ()))
    return Evidence(
        ref="org/m", source="hub", readme=readme, license_files=licence_files, files=files, **fields
    )


def base(license: str | None, status: str = "ok") -> tuple[LinkedRepo, ...]:
    data = {"license": license} if license else {}
    return (LinkedRepo("org/base", "model", status, card_data=data, relation="finetune"),)  # type: ignore[arg-type]


def adapter(text: str) -> tuple[TextFile, ...]:
    return (TextFile("adapter_config.json", text),)


def ask(name: str, evidence: Evidence) -> tuple[Answer, str]:
    spec = get_evaluator(name)
    assert spec is not None
    outcome = run(spec, ProbeContext(evidence), {})
    return outcome.answer, outcome.reason


CASES: list[tuple[str, str, Evidence, Answer, str]] = [
    ("identified", "license_identified", ev(card("apache-2.0")), "yes", "'apache-2.0'"),
    ("none", "license_identified", ev(card()), "no", "no licence"),
    ("other", "license_identified", ev(card("other"), CUSTOM_FILE), "yes", "custom licence"),
    ("bare other", "license_identified", ev(card("other")), "no", "all rights are reserved"),
    ("unknown", "license_identified", ev(card("unknown")), "no", "does not know the licence"),
    ("file agrees", "license_file_consistent",
     ev(card("apache-2.0"), TextFile("LICENSE", APACHE_TEXT)),
     "yes", "LICENSE agrees with 'apache-2.0'"),
    ("file conflicts", "license_file_consistent",
     ev(card("apache-2.0"), TextFile("LICENSE", LLAMA_TEXT)), "no", "card says apache-2.0"),
    ("no file", "license_file_consistent", ev(card("mit"), paths=["README.md"]), "no",
     "no licence file"),
    ("file listed, unread", "license_file_consistent", ev(card("mit"), paths=["LICENSE"]),
     "unknown", "not read"),
    ("file unreadable", "license_file_consistent",
     ev(card("mit"), TextFile("LICENSE", None, problem="gated")), "unknown", "gated"),
    # a licence file whose text was not read (gated, failed) beside no licence tag, name,
    # link or section: the licence is unknown, not a custom one; `license: other`, a
    # licence tag or a licence file that was read still decide
    *((f"no licence stated, {what}: {probe}", probe, evidence, "unknown", said)
      for what, evidence, said in (
          ("licence file gated", ev(None, GATED_LICENCE, api_card_data={}, access="gated"),
           "nothing but the licence file LICENSE states it, and the repo is gated: its text is"
           " not served without access; approved access would show it and identify the"),
          ("licence file binary", ev(card(), BINARY_LICENCE),
           "nothing but the licence file LICENSE states it, and its text was not read (LICENSE"
           " is binary, not text)"))
      for probe in ("license_identified", "no_use_restrictions", "commercial_use_allowed")),
    ("licence other, licence file gated", "license_identified",
     ev(None, GATED_LICENCE, api_card_data={"license": "other"}, access="gated"), "yes",
     "(license: other (no license_name) and the licence file LICENSE was not read (gated"),
    ("no licence stated, one licence file read, one binary", "license_identified",
     ev(card(), CUSTOM_FILE, replace(BINARY_LICENCE, path="NOTICE")), "yes", "custom licence"),
    ("licence tag, licence file gated", "license_identified",
     ev(card("apache-2.0"), GATED_LICENCE, access="gated"), "yes", "'apache-2.0'"),
    ("no restrictions", "no_use_restrictions", ev(card("mit")), "yes", ""),
    ("llama restrictions", "no_use_restrictions", ev(card("llama2")), "no", "acceptable-use"),
    ("openrail restrictions", "no_use_restrictions", ev(card("openrail")), "no", "field-of-use"),
    ("no licence, no grant", "no_use_restrictions", ev(card()), "no", "nothing grants"),
    ("unidentified", "no_use_restrictions", ev(card("other"), CUSTOM_FILE), "unknown",
     "not identified"),
    ("bare other, no grant", "no_use_restrictions", ev(card("other")), "no", "nothing grants"),
    ("unknown, no grant", "commercial_use_allowed", ev(card("unknown")), "no", "nothing grants"),
    ("commercial", "commercial_use_allowed", ev(card("apache-2.0")), "yes", ""),
    ("non-commercial", "commercial_use_allowed", ev(card("cc-by-nc-4.0")), "no", "not"),
    ("conditional", "commercial_use_allowed", ev(card("llama2")), "no", "only under conditions"),
    ("commercial unknown", "commercial_use_allowed", ev(card("openrail")), "unknown", ""),
    ("no base", "base_license_compatible", ev(card("mit")), "yes", "no base model"),
    ("base named only in prose", "base_license_compatible",
     ev(card("apache-2.0") + "A fine-tune of [Base](https://huggingface.co/org/base).\n"),
     "unknown", "builds on org/base, whose licence was not looked up"),
    # a base the card names but the Hub does not have: no terms to conflict with (a
    # declared base that is missing stays unknown, below)
    ("base named only in prose, not on the Hub", "base_license_compatible",
     ev(card("apache-2.0") + "A fine-tune of [Base](https://huggingface.co/org/base).\n",
        implied_bases=base(None, status="not_found")),
     "yes", "builds on org/base, but the Hub has no such model"),
    ("base named only in prose, looked up", "base_license_compatible",
     ev(card("apache-2.0") + "A fine-tune of [Base](https://huggingface.co/org/base).\n",
        implied_bases=base("llama2")), "no", "org/base"),
    ("declared base not on the Hub", "base_license_compatible",
     ev(card("apache-2.0", "org/base"), base_models=base(None, status="not_found")),
     "unknown", "org/base"),
    ("base stated by adapter_config.json", "base_license_compatible",
     ev(card("apache-2.0"), config_files=adapter('{"base_model_name_or_path": "org/base"}')),
     "unknown", "its adapter_config.json names org/base as the base"),
    ("adapter_config.json naming a local path", "base_license_compatible",
     ev(card("apache-2.0"), config_files=adapter('{"base_model_name_or_path": "/data/base"}')),
     "yes", "no base model"),
    ("malformed adapter_config.json", "base_license_compatible",
     ev(card("apache-2.0"), config_files=adapter('{"base_model_name_or_path": ')), "yes",
     "no base model"),
    ("a Hub model compared with is no base", "base_license_compatible",
     ev(card("apache-2.0") + "It is compared with [Other](https://huggingface.co/org/other).\n"),
     "yes", "no base model"),
    ("base not looked up", "base_license_compatible", ev(card("mit", "org/base")), "unknown",
     "not looked up"),
    ("base compatible", "base_license_compatible",
     ev(card("apache-2.0", "org/base"), base_models=base("apache-2.0")), "yes", "compatible"),
    ("licence laundering", "base_license_compatible",
     ev(card("apache-2.0", "org/base"), base_models=base("llama2")), "no", "org/base"),
    ("base licence unknown", "base_license_compatible",
     ev(card("apache-2.0", "org/base"), base_models=base(None)), "unknown", "licence unknown"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "evidence", "answer", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_usage_evaluator(name: str, evidence: Evidence, answer: Answer, reason: str) -> None:
    got, why = ask(name, evidence)
    assert got == answer, why
    assert reason in why


def test_unreadable_card_metadata_leaves_the_licence_unknown_not_absent() -> None:
    from openaudit.evidence import Evidence
    from openaudit.rubric.context import ProbeContext
    from openaudit.rubric.registry import get_evaluator, run

    broken = Evidence(ref="org/m", source="hub", readme="---\nlicense: [mit\n---\n# M\n")
    for name, params in (
        ("license_identified", {}),
        ("no_use_restrictions", {}),
        ("commercial_use_allowed", {}),
        ("license_family_in", {"families": ["permissive"]}),
    ):
        spec = get_evaluator(name)
        assert spec is not None
        outcome = run(spec, ProbeContext(broken), params)
        assert outcome.answer == "unknown", (name, outcome.reason)
        assert "metadata could not be read" in outcome.reason
        assert outcome.citations
