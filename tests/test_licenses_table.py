"""The shipped licence table: every Hub id, lookups by any name, statements."""

from __future__ import annotations

import subprocess
import sys

import pytest

from openaudit.licenses import lookup
from openaudit.licenses.catalogue import all_facts, hub_ids, table
from openaudit.licenses.names import name_key

# hub-docs repositories-licenses.md (snapshot 2026-08-22), as listed in hf_hub.md section 9
HUB_IDS = (
    "apache-2.0",
    "mit",
    "openrail",
    "bigscience-openrail-m",
    "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m",
    "afl-3.0",
    "artistic-2.0",
    "bsl-1.0",
    "bsd",
    "bsd-2-clause",
    "bsd-3-clause",
    "bsd-3-clause-clear",
    "c-uda",
    "cc",
    "cc0-1.0",
    "cc-by-2.0",
    "cc-by-2.5",
    "cc-by-3.0",
    "cc-by-4.0",
    "cc-by-sa-3.0",
    "cc-by-sa-4.0",
    "cc-by-nc-2.0",
    "cc-by-nc-3.0",
    "cc-by-nc-4.0",
    "cc-by-nd-4.0",
    "cc-by-nc-nd-3.0",
    "cc-by-nc-nd-4.0",
    "cc-by-nc-sa-2.0",
    "cc-by-nc-sa-3.0",
    "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0",
    "cdla-permissive-1.0",
    "cdla-permissive-2.0",
    "wtfpl",
    "ecl-2.0",
    "epl-1.0",
    "epl-2.0",
    "etalab-2.0",
    "eupl-1.1",
    "eupl-1.2",
    "agpl-3.0",
    "gfdl",
    "gpl",
    "gpl-2.0",
    "gpl-3.0",
    "lgpl",
    "lgpl-2.1",
    "lgpl-3.0",
    "isc",
    "h-research",
    "intel-research",
    "lppl-1.3c",
    "ms-pl",
    "apple-ascl",
    "apple-amlr",
    "mpl-2.0",
    "odc-by",
    "odbl",
    "openmdw-1.0",
    "openmdw-1.1",
    "openrail++",
    "osl-3.0",
    "postgresql",
    "ofl-1.1",
    "ncsa",
    "unlicense",
    "zlib",
    "pddl",
    "lgpl-lr",
    "deepfloyd-if-license",
    "fair-noncommercial-research-license",
    "llama2",
    "llama3",
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
    "grok2-community",
    "gemma",
    "unknown",
    "other",
)


def test_the_hub_list_has_83_ids() -> None:
    assert len(HUB_IDS) == 83 and len(set(HUB_IDS)) == 83


@pytest.mark.parametrize("hub_id", HUB_IDS)
def test_every_hub_id_is_in_the_table(hub_id: str) -> None:
    facts = lookup(hub_id)
    assert facts is not None and facts.id == hub_id and facts.hub
    assert lookup(hub_id.upper()) == facts
    assert lookup(f"  {hub_id} ") == facts


def test_the_table_marks_exactly_the_hub_ids() -> None:
    assert set(hub_ids()) == set(HUB_IDS)


def test_no_alias_is_shadowed_by_another_row() -> None:
    index = table().index
    for facts in all_facts():
        for alias in (facts.id, *facts.aliases):
            assert index[name_key(alias)] == facts.id, alias


def test_every_row_is_well_formed() -> None:
    for facts in all_facts():
        assert facts.confidence in ("high", "medium", "low"), facts.id
        assert facts.share_alike in (
            "yes",
            "weak",
            "no",
            "restrictions-flow-down",
            "partial",
            "unknown",
        ), facts.id
        assert facts.parent is None or lookup(facts.parent) is not None, facts.id
        if facts.family in ("permissive", "copyleft"):
            assert facts.commercial_use == "yes" and not facts.field_of_use_restrictions, facts.id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MIT license", "mit"),
        ("The MIT License", "mit"),
        ("Apache 2.0", "apache-2.0"),
        ("Apache License, Version 2.0", "apache-2.0"),
        ("apache license 2.0", "apache-2.0"),
        ("CC BY-NC 4.0", "cc-by-nc-4.0"),
        (
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
            "cc-by-nc-sa-4.0",
        ),
        ("cc by-sa", "cc-by-sa"),
        ("llama 3.1 community license", "llama3.1"),
        ("Llama 2 Community License Agreement", "llama2"),
        ("LLAMA3", "llama3"),
        ("GPL-3.0-or-later", "GPL-3.0-or-later"),
        ("GPL-3.0", "gpl-3.0"),
        ("gpl", "gpl"),
        ("LicenseRef-llama3", "llama3"),
        ("LicenseRef-scancode-llama-2-license-2023", "llama2"),
        ("LicenseRef-hf-openrail", "openrail"),
        ("deepseek", "deepseek"),
        ("DeepSeek License Agreement", "deepseek"),
        ("tongyi-qianwen", "tongyi-qianwen"),
        ("qwen research license", "qwen-research"),
        ("falcon-llm-license", "falcon-llm-tii"),
        ("nvidia-open-model-license", "nvidia-open-model"),
        ("stabilityai-community-license", "stabilityai-community"),
        ("flux-1-dev-non-commercial-license", "flux-1-dev-non-commercial"),
        ("exaone", "exaone"),
        ("mnpl", "mnpl-0.1"),
        ("gemma-terms-of-use", "gemma"),
        ("NOASSERTION", "unknown"),
        ("all rights reserved", "proprietary"),
    ],
)
def test_lookup_by_any_name(name: str, expected: str) -> None:
    facts = lookup(name)
    assert facts is not None and facts.id == expected


@pytest.mark.parametrize(
    "junk", [None, 5, 3.5, ["mit"], {"license": "mit"}, b"mit", "", "x" * 5000, "zz-not-a-licence"]
)
def test_lookup_of_junk_is_none(junk: object) -> None:
    assert lookup(junk) is None


def test_llama_statements_are_plain_sentences() -> None:
    facts = lookup("llama3.1")
    assert facts is not None
    lines = facts.statements()
    assert (
        "Commercial use: conditional: above 700 million monthly active users a separate licence "
        "from Meta is required"
    ) in lines
    assert (
        "Use restrictions: an acceptable-use policy applies and must be passed on to "
        "downstream users"
    ) in lines
    assert "OSI approved: no" in lines


def test_family_tags_say_what_is_not_known() -> None:
    openrail = lookup("openrail")
    cc = lookup("cc")
    gpl = lookup("gpl")
    assert openrail is not None and cc is not None and gpl is not None
    assert openrail.is_family_tag and openrail.family == "restricted"
    assert openrail.commercial_use == "unknown" and openrail.confidence == "low"
    assert cc.family == "unknown" and not cc.is_open
    assert gpl.spdx is None and gpl.osi_approved is None  # not GPL-1.0-or-later


def test_unknown_and_other_are_never_open() -> None:
    for name in ("unknown", "other", "h-research", "intel-research", "grok2-community"):
        facts = lookup(name)
        assert facts is not None and not facts.is_open, name


def test_importing_the_package_does_not_load_the_parser() -> None:
    code = (
        "import sys, openaudit.licenses as l; l.lookup('mit'); l.identify_text('MIT');"
        "print('license_expression' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
