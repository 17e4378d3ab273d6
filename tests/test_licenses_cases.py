"""Table-driven licence identification: card value + licence-file excerpt -> licence and flags."""

# ruff: noqa: E501 (licence excerpts are data and read best unwrapped)
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pytest

from openaudit.evidence import Evidence, TextFile
from openaudit.rubric.context import identify_license as identify

APACHE = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n\nTERMS AND CONDITIONS"
MIT = (
    "MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, "
    "to any person obtaining a copy of this software ...\n\nThe above copyright notice and this "
    "permission notice shall be included in all copies or substantial portions of the Software."
)
BSD3 = (
    "Redistribution and use in source and binary forms, with or without modification, are "
    "permitted provided that ... 3. Neither the name of the copyright holder nor the names of its "
    "contributors may be used to endorse or promote products derived from this software"
)
BSD2 = (
    "Copyright 2020 X\nRedistribution and use in source and binary forms, with or without "
    "modification, are permitted provided that the following conditions are met: 1. ... 2. ..."
)
ISC = (
    "ISC License\nPermission to use, copy, modify, and/or distribute this software for any purpose "
    "with or without fee is hereby granted, provided that the above copyright notice and this "
    "permission notice appear in all copies."
)
GPL3 = "GNU GENERAL PUBLIC LICENSE\n   Version 3, 29 June 2007\n\n Copyright (C) 2007 Free Software Foundation"
GPL2 = "GNU GENERAL PUBLIC LICENSE\n Version 2, June 1991\n\n Copyright (C) 1989, 1991 Free Software Foundation"
LGPL3 = (
    "GNU LESSER GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n This version of the GNU Lesser"
)
AGPL3 = "GNU AFFERO GENERAL PUBLIC LICENSE\n Version 3, 19 November 2007"
GPL3_HEADER = (
    "This program is free software: you can redistribute it and/or modify it under the terms of "
    "the GNU General Public License as published by the Free Software Foundation, either version 3 "
    "of the License, or (at your option) any later version."
)
MPL2 = "Mozilla Public License Version 2.0\n==================================\n1. Definitions"
CC_BY = (
    "Attribution 4.0 International\n\nCreative Commons Attribution 4.0 International Public License"
)
CC_BY_SA = "Creative Commons Attribution-ShareAlike 4.0 International Public License"
CC_BY_NC = "Creative Commons Attribution-NonCommercial 4.0 International Public License"
CC_BY_NC_SA3 = "Creative Commons Legal Code\n\nAttribution-NonCommercial-ShareAlike 3.0 Unported"
CC_BY_ND = "Creative Commons Attribution-NoDerivatives 4.0 International Public License"
CC_BY_NC_ND = "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International"
CC0 = "Creative Commons Legal Code\n\nCC0 1.0 Universal\n\n CREATIVE COMMONS CORPORATION IS NOT A LAW FIRM"
OPENRAIL_M = (
    "CreativeML Open RAIL-M\ndated August 22, 2022\n\nSection I: PRELIMINARY CONSIDERATIONS"
)
OPENRAIL_PP = "CreativeML Open RAIL++-M License\ndated November 24, 2022"
BLOOM_RAIL = "BigScience RAIL License v1.0\ndated May 19, 2022"
BIGCODE = "BigCode Open RAIL-M v1 License Agreement\nSection I: Preliminary Considerations"
BIGSCIENCE_M = "BigScience Open RAIL-M License\ndated August 18, 2022"
LLAMA2 = "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023"
LLAMA3 = (
    "META LLAMA 3 COMMUNITY LICENSE AGREEMENT\nMeta Llama 3 Version Release Date: April 18, 2024"
)
LLAMA31 = "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024"
LLAMA32 = (
    "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024"
)
LLAMA33 = "LLAMA 3.3 COMMUNITY LICENSE AGREEMENT\nLlama 3.3 Version Release Date: December 6, 2024"
LLAMA4 = "LLAMA 4 COMMUNITY LICENSE AGREEMENT\nLlama 4 Version Effective Date: April 5, 2025"
LLAMA31_AUP = "# Llama 3.1 Acceptable Use Policy\nMeta is committed to promoting safe and fair use"
GEMMA = "Gemma Terms of Use\n\nLast modified: April 1, 2024\n\nBy using, reproducing, modifying..."
QWEN = "Qwen LICENSE AGREEMENT\n\nQwen LICENSE AGREEMENT Release Date: September 19, 2024"
TONGYI = "Tongyi Qianwen LICENSE AGREEMENT\n\nTongyi Qianwen Release Date: August 3, 2023"
DEEPSEEK = "DEEPSEEK LICENSE AGREEMENT\n\nVersion 1.0, 23 October 2023"
FALCON = "Falcon LLM License\nTII Falcon License Version 2.0"
MNPL = "Mistral AI Non-Production License\n\n1. Scope and acceptance"
NVIDIA = "NVIDIA Open Model License Agreement\n\nLast Modified: April 28, 2025"
UNKNOWN_TEXT = "These are our own bespoke terms. You may look but not touch."


@dataclass(frozen=True)
class Case:
    card: dict[str, Any]
    text: str | None
    license_id: str | None
    family: str | None
    conflict: bool = False
    reason: str = ""


CASES: dict[str, Case] = {
    "apache tag": Case({"license": "apache-2.0"}, None, "apache-2.0", "permissive"),
    "apache tag + file": Case({"license": "apache-2.0"}, APACHE, "apache-2.0", "permissive"),
    "apache free text": Case(
        {"license": "Apache License, Version 2.0"}, None, "apache-2.0", "permissive"
    ),
    "MIT any case": Case({"license": "MIT"}, MIT, "mit", "permissive"),
    "mit free text": Case({"license": "MIT license"}, None, "mit", "permissive"),
    "bsd-3 file under other": Case({"license": "other"}, BSD3, "bsd-3-clause", "permissive"),
    "bsd family + bsd-2 file": Case({"license": "bsd"}, BSD2, "bsd-2-clause", "permissive"),
    "isc file, no card": Case({}, ISC, "isc", "permissive"),
    "gpl family + gpl-3 file": Case({"license": "gpl"}, GPL3, "gpl-3.0", "copyleft"),
    "gpl-2.0 file": Case({"license": "gpl-2.0"}, GPL2, "gpl-2.0", "copyleft"),
    "lgpl-3.0 file": Case({"license": "lgpl-3.0"}, LGPL3, "lgpl-3.0", "copyleft"),
    "agpl file": Case({"license": "agpl-3.0"}, AGPL3, "agpl-3.0", "copyleft"),
    "gpl header or-later": Case({}, GPL3_HEADER, "GPL-3.0-or-later", "copyleft"),
    "mpl file": Case({"license": "mpl-2.0"}, MPL2, "mpl-2.0", "copyleft"),
    "cc-by file": Case({"license": "cc-by-4.0"}, CC_BY, "cc-by-4.0", "permissive"),
    "cc family + by-sa": Case({"license": "cc"}, CC_BY_SA, "cc-by-sa-4.0", "copyleft"),
    "cc by-nc free text": Case({"license": "CC BY-NC 4.0"}, None, "cc-by-nc-4.0", "non-commercial"),
    "cc by-nc file": Case({"license": "other"}, CC_BY_NC, "cc-by-nc-4.0", "non-commercial"),
    "cc by-nc-sa 3.0 file": Case(
        {"license": "cc-by-nc-sa-3.0"}, CC_BY_NC_SA3, "cc-by-nc-sa-3.0", "non-commercial"
    ),
    "cc by-nd file": Case({"license": "cc-by-nd-4.0"}, CC_BY_ND, "cc-by-nd-4.0", "restricted"),
    "cc by-nc-nd file": Case(
        {"license": "cc-by-nc-nd-4.0"}, CC_BY_NC_ND, "cc-by-nc-nd-4.0", "non-commercial"
    ),
    "cc0 file": Case({"license": "cc0-1.0"}, CC0, "cc0-1.0", "permissive"),
    "cc family alone": Case({"license": "cc"}, None, "cc", "unknown", reason="family"),
    "openrail family + creativeml": Case(
        {"license": "openrail"}, OPENRAIL_M, "creativeml-openrail-m", "restricted"
    ),
    "openrail family alone": Case(
        {"license": "openrail"}, None, "openrail", "restricted", reason="family"
    ),
    "openrail++ file": Case({"license": "openrail++"}, OPENRAIL_PP, "openrail++", "restricted"),
    "bloom rail": Case(
        {"license": "bigscience-bloom-rail-1.0"},
        BLOOM_RAIL,
        "bigscience-bloom-rail-1.0",
        "restricted",
    ),
    "bigcode": Case({"license": "bigcode-openrail-m"}, BIGCODE, "bigcode-openrail-m", "restricted"),
    "bigscience openrail-m": Case(
        {"license": "other"}, BIGSCIENCE_M, "bigscience-openrail-m", "restricted"
    ),
    "llama2": Case({"license": "llama2"}, LLAMA2, "llama2", "restricted"),
    "llama3": Case({"license": "llama3"}, LLAMA3, "llama3", "restricted"),
    "llama3.1": Case({"license": "llama3.1"}, LLAMA31, "llama3.1", "restricted"),
    "llama3.2": Case({"license": "llama3.2"}, LLAMA32, "llama3.2", "restricted"),
    "llama3.3": Case({"license": "llama3.3"}, LLAMA33, "llama3.3", "restricted"),
    "llama4": Case({"license": "llama4"}, LLAMA4, "llama4", "restricted"),
    "llama3.1 AUP file": Case({"license": "llama3.1"}, LLAMA31_AUP, "llama3.1", "restricted"),
    "llama free text": Case(
        {"license": "llama 3.1 community license"}, None, "llama3.1", "restricted"
    ),
    "apache tag but llama2 file": Case(
        {"license": "apache-2.0"},
        LLAMA2,
        "llama2",
        "restricted",
        conflict=True,
        reason="licence file",
    ),
    "mit tag but cc-by-nc file": Case(
        {"license": "mit"}, CC_BY_NC, "cc-by-nc-4.0", "non-commercial", conflict=True
    ),
    "gemma": Case({"license": "gemma"}, GEMMA, "gemma", "restricted"),
    "qwen under other": Case(
        {"license": "other", "license_name": "qwen"}, QWEN, "qwen", "restricted"
    ),
    "tongyi under other": Case(
        {"license": "other", "license_name": "tongyi-qianwen"},
        TONGYI,
        "tongyi-qianwen",
        "restricted",
    ),
    "deepseek under other": Case(
        {"license": "other", "license_name": "deepseek"}, DEEPSEEK, "deepseek", "restricted"
    ),
    "deepseek by name only": Case(
        {"license": "other", "license_name": "deepseek-license"},
        None,
        "deepseek",
        "restricted",
        reason="license_name",
    ),
    "falcon under other": Case(
        {"license": "other", "license_name": "falcon-llm-license"},
        FALCON,
        "falcon-llm-tii",
        "restricted",
    ),
    "mistral mnpl": Case(
        {"license": "other", "license_name": "mnpl"}, MNPL, "mnpl-0.1", "non-commercial"
    ),
    "nvidia": Case(
        {"license": "other", "license_name": "nvidia-open-model-license"},
        NVIDIA,
        "nvidia-open-model",
        "restricted",
    ),
    "other name contradicts file": Case(
        {"license": "other", "license_name": "mit"}, LLAMA2, "llama2", "restricted", conflict=True
    ),
    "other + unknown file": Case(
        {"license": "other", "license_name": "acme-terms"},
        UNKNOWN_TEXT,
        None,
        None,
        reason="license: other (license_name: acme-terms) and the licence file could not be identified",
    ),
    "other, nothing else": Case({"license": "other"}, None, None, None, reason="no license_name"),
    "other + link": Case(
        {"license": "other", "license_link": "https://ai.google.dev/gemma/terms"},
        None,
        "gemma",
        "restricted",
    ),
    "unknown tag": Case({"license": "unknown"}, None, None, None, reason="license: unknown"),
    "unknown id": Case({"license": "acme-1.0"}, None, None, None, reason="unknown licence id"),
    "number": Case({"license": 2}, None, None, None, reason="a number"),
    "mapping": Case({"license": {"id": "mit"}}, None, None, None, reason="a mapping"),
    "list AND": Case(
        {"license": ["mit", "cc-by-nc-4.0"]},
        None,
        "MIT AND CC-BY-NC-4.0",
        "non-commercial",
        reason="AND",
    ),
    "list with number": Case(
        {"license": ["mit", 3]}, None, None, None, reason="other than licence ids"
    ),
    "empty list": Case({"license": []}, None, None, None, reason="empty list"),
    "expression OR": Case(
        {"license": "apache-2.0 OR llama2"}, None, "Apache-2.0 OR llama2", "permissive"
    ),
    "contradictory expression": Case(
        {"license": "gpl-3.0 AND cc-by-nc-4.0"}, None, None, None, reason="contradictory"
    ),
    "nothing at all": Case({}, None, None, None, reason="declares no licence"),
    "binary file": Case({"license": "other"}, "\x00\xff\x01PK\x03\x04" * 1000, None, None),
    "5 MB licence": Case(
        {},
        "Licensed under the Apache License, Version 2.0. " + "x " * 2_500_000,
        "apache-2.0",
        "permissive",
    ),
    "5 MB junk after 64 KiB": Case(
        {"license": "other"}, "y " * 40_000 + APACHE * 10 + "z" * 5_000_000, None, None
    ),
}


def evidence_for(case: Case) -> Evidence:
    files = (TextFile("LICENSE", case.text, len(case.text)),) if case.text is not None else ()
    return Evidence(
        ref="org/model",
        source="hub",
        repo_id="org/model",
        url="https://huggingface.co/org/model",
        sha="a" * 40,
        api_card_data=case.card,
        license_files=files,
    )


def test_there_are_at_least_40_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", list(CASES))
def test_identification(name: str) -> None:
    case = CASES[name]
    report = identify(evidence_for(case))
    assert report.license_id == case.license_id, report.reason
    assert (report.facts.family if report.facts else None) == case.family
    assert bool(report.conflicts) == case.conflict, report.conflicts
    assert case.reason in report.reason
    if case.license_id is None:
        assert report.reason  # unknown always says why


def test_conflict_message_names_both_sides() -> None:
    report = identify(evidence_for(CASES["apache tag but llama2 file"]))
    assert report.conflicts == (
        "card says apache-2.0 but LICENSE reads as the Llama 2 Community License Agreement",
    )


def test_file_claims_carry_a_citation_with_url() -> None:
    report = identify(evidence_for(CASES["llama2"]))
    file_claim = next(c for c in report.claims if c.citation.where == "file:LICENSE")
    assert file_claim.license_id == "llama2"
    assert file_claim.citation.url == f"https://huggingface.co/org/model/blob/{'a' * 40}/LICENSE"
    card_claim = next(c for c in report.claims if c.citation.where == "card:license")
    assert card_claim.license_id == "llama2"


def test_tags_decide_when_the_card_is_silent() -> None:
    evidence = Evidence(ref="m", source="hub", api_card_data={}, tags=("license:cc-by-4.0", "x"))
    report = identify(evidence)
    assert report.license_id == "cc-by-4.0"
    assert any(c.citation.where == "tag:license:cc-by-4.0" for c in report.claims)


def test_a_tag_that_contradicts_the_card_is_a_conflict() -> None:
    evidence = Evidence(
        ref="m", source="hub", api_card_data={"license": "mit"}, tags=("license:llama2",)
    )
    assert identify(evidence).conflicts == ("card says mit but the Hub tag is license:llama2",)


def test_unreadable_licence_file_is_a_claim_without_id() -> None:
    files = (TextFile("LICENSE", None, 10, "too large"),)
    evidence = Evidence(
        ref="m", source="hub", api_card_data={"license": "other"}, license_files=files
    )
    report = identify(evidence)
    assert report.license_id is None
    assert report.claims[-1].license_id is None and report.claims[-1].raw == "too large"


def test_random_bytes_do_not_crash() -> None:
    text = os.urandom(200_000).decode("latin-1")
    report = identify(evidence_for(Case({"license": "other"}, text, None, None)))
    assert report.license_id is None


def test_a_versioned_hub_id_without_spdx_id_is_not_a_family_tag() -> None:
    from openaudit.evidence import Evidence

    for tag in ("gpl-3.0", "agpl-3.0", "lgpl-2.1"):
        report = identify(Evidence(ref="x", source="hub", readme=f"---\nlicense: {tag}\n---\n"))
        assert report.reason == f"identified from the card's license field ({tag})"
    family = identify(Evidence(ref="x", source="hub", readme="---\nlicense: gpl\n---\n"))
    assert "names only the licence family" in family.reason
