"""Recognising a licence from its text by distinctive passages.

No whole-text hashes: licence files are re-wrapped, prefixed with a copyright
line, or carry a model-specific preamble, so each licence is recognised by a
few phrases only its text contains. Rules are tried in order, most specific
first (Llama 3.1 before Llama 3, LGPL before GPL, vendor licences built on
Apache-2.0 before Apache-2.0). Only the first 64 KiB are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from openaudit.licenses.catalogue import lookup
from openaudit.licenses.names import name_key

MAX_TEXT_CHARS = 64 * 1024
_NOT_WORD = re.compile(r"[^a-z0-9.+\-]+")


def normalize_text(text: str) -> str:
    """Lower case, punctuation (except . + -) to spaces, whitespace collapsed."""
    return " ".join(_NOT_WORD.sub(" ", text[:MAX_TEXT_CHARS].lower()).split())


@dataclass(frozen=True)
class Rule:
    """A licence is recognised when every `all_of` phrase and no `none_of` phrase occurs."""

    license_id: str
    all_of: tuple[str, ...]
    none_of: tuple[str, ...] = ()


def _r(license_id: str, *all_of: str, none_of: tuple[str, ...] = ()) -> Rule:
    return Rule(license_id, all_of, none_of)


_LLAMA = (
    ("llama4", "llama 4"),
    ("llama3.3", "llama 3.3"),
    ("llama3.2", "llama 3.2"),
    ("llama3.1", "llama 3.1"),
    ("llama3", "meta llama 3"),
    ("llama3", "llama 3"),
    ("llama2", "llama 2"),
)
_MIT_GRANT = "permission is hereby granted free of charge to any person obtaining a copy"
_MIT_NOTICE = "the above copyright notice and this permission notice shall be included"
_BSD_GRANT = (
    "redistribution and use in source and binary forms with or without modification are permitted"
)
_BSD_ENDORSE = "may be used to endorse or promote products derived from this software"
_ISC_GRANT = (
    "permission to use copy modify and or distribute this software for any purpose "
    "with or without fee is hereby granted"
)
_ISC_NOTICE = (
    "provided that the above copyright notice and this permission notice appear in all copies"
)

_VENDOR_RULES: tuple[Rule, ...] = (
    *(_r(i, f"{name} community license") for i, name in _LLAMA),
    *(_r(i, f"{name} acceptable use policy") for i, name in _LLAMA),
    *(_r(i, f"{name} version release date") for i, name in _LLAMA),
    _r("health-ai-developer-foundations", "health ai developer foundations terms of use"),
    _r("gemma", "gemma terms of use"),
    _r("gemma", "gemma prohibited use policy"),
    _r("gemma", "ai.google.dev gemma terms"),
    _r("qwen-research", "qwen research license agreement"),
    _r("tongyi-qianwen-research", "tongyi qianwen research license agreement"),
    _r("tongyi-qianwen", "tongyi qianwen license agreement"),
    _r("qwen", "qwen license agreement"),
    _r("deepseek", "deepseek license agreement"),
    _r("falcon-180b-tii", "falcon 180b tii license"),
    _r("falcon-llm-tii", "tii falcon"),
    _r("falcon-llm-tii", "falcon llm license"),
    _r("falcon-llm-tii", "falcon 2 11b tii license"),
    _r("mnpl-0.1", "mistral ai non-production license"),
    _r("mrl-0.1", "mistral ai research license"),
    _r("nvidia-open-model", "nvidia open model license"),
    _r(
        "stabilityai-nc-research-community",
        "stability ai non-commercial research community license",
    ),
    _r("stabilityai-community", "stability ai community license"),
    _r("deepfloyd-if-license", "deepfloyd if license agreement"),
    _r("deepfloyd-if-license", "deepfloyd if research license"),
    _r("flux-1-dev-non-commercial", "flux.1 dev non-commercial license"),
    _r("exaone", "exaone ai model license agreement"),
    _r("fair-noncommercial-research-license", "fair noncommercial research license"),
    _r("apple-amlr", "apple machine learning research model license"),
    _r("grok2-community", "grok 2 community license agreement"),
    _r("tencent-hunyuan-community", "tencent hunyuan", "community license"),
    _r("modified-mit-kimi", _MIT_GRANT, "kimi k2"),
    _r("openmdw-1.1", "openmdw", "1.1"),
    _r("openmdw-1.0", "openmdw", "1.0"),
    _r("c-uda", "computational use of data agreement"),
    _r("ms-research-license", "microsoft research license agreement"),
)
_RAIL_RULES: tuple[Rule, ...] = (
    _r("openrail++", "open rail++-m license"),
    _r("openrail++", "openrail++"),
    _r("creativeml-openrail-m", "creativeml open rail-m"),
    _r("bigcode-openrail-m", "bigcode open rail-m"),
    _r("bigscience-bloom-rail-1.0", "bigscience rail license v1.0"),
    _r("bigscience-openrail-m", "bigscience open rail-m"),
    _r("openrail", "open rail"),
    _r("openrail", "responsible ai license"),
)
_GNU_RULES: tuple[Rule, ...] = (
    _r("lgpl-lr", "lesser general public license for linguistic resources"),
    _r("agpl-3.0", "gnu affero general public license version 3"),
    _r("lgpl-3.0", "gnu lesser general public license version 3"),
    _r("lgpl-2.1", "gnu lesser general public license version 2.1"),
    _r("gpl-3.0", "gnu general public license version 3 29 june 2007"),
    _r("gpl-2.0", "gnu general public license version 2 june 1991"),
    _r(
        "GPL-3.0-or-later",
        "gnu general public license",
        "either version 3 of the license or at your option any later version",
    ),
    _r(
        "GPL-2.0-or-later",
        "gnu general public license",
        "either version 2 of the license or at your option any later version",
    ),
    _r("gfdl", "gnu free documentation license"),
)
_OSS_RULES: tuple[Rule, ...] = (
    _r("ecl-2.0", "educational community license", "2.0"),
    _r("apache-2.0", "apache license version 2.0 january 2004"),
    _r("apache-2.0", "licensed under the apache license version 2.0"),
    _r("MIT-0", _MIT_GRANT, none_of=(_MIT_NOTICE,)),
    _r("mit", _MIT_GRANT, _MIT_NOTICE),
    _r("BSD-4-Clause", _BSD_GRANT, "all advertising materials mentioning features"),
    _r(
        "bsd-3-clause-clear",
        _BSD_GRANT,
        "no express or implied licenses to any party s patent rights",
    ),
    _r("bsd-3-clause", _BSD_GRANT, _BSD_ENDORSE),
    _r("bsd-2-clause", _BSD_GRANT),
    _r("isc", _ISC_GRANT, _ISC_NOTICE),
    _r("0BSD", _ISC_GRANT),
    _r("mpl-2.0", "mozilla public license version 2.0"),
    _r("mpl-2.0", "mozilla public license v. 2.0"),
    _r("epl-2.0", "eclipse public license - v 2.0"),
    _r("epl-2.0", "eclipse public license version 2.0"),
    _r("epl-1.0", "eclipse public license - v 1.0"),
    _r("epl-1.0", "eclipse public license version 1.0"),
    _r("eupl-1.2", "european union public licence v. 1.2"),
    _r("eupl-1.1", "european union public licence v. 1.1"),
    _r("afl-3.0", "academic free license v. 3.0"),
    _r("afl-3.0", "academic free license version 3.0"),
    _r("osl-3.0", "open software license v. 3.0"),
    _r("osl-3.0", "open software license version 3.0"),
    _r("artistic-2.0", "the artistic license 2.0"),
    _r("bsl-1.0", "boost software license - version 1.0"),
    _r("ms-pl", "microsoft public license"),
    _r("ncsa", "university of illinois ncsa open source license"),
    _r("postgresql", "postgresql", "without a written agreement is hereby granted"),
    _r("lppl-1.3c", "latex project public license", "1.3c"),
    _r("ofl-1.1", "sil open font license", "1.1"),
    _r("unlicense", "this is free and unencumbered software released into the public domain"),
    _r("wtfpl", "do what the fuck you want to public license"),
    _r(
        "zlib",
        "altered source versions must be plainly marked as such",
        "this notice may not be removed or altered",
    ),
    _r("etalab-2.0", "etalab", "2.0"),
)
_DATA_RULES: tuple[Rule, ...] = (
    _r("cc0-1.0", "cc0 1.0 universal"),
    _r("cc0-1.0", "creative commons zero"),
    _r("pddl", "open data commons public domain dedication and license"),
    _r("odbl", "open database license"),
    _r("odc-by", "open data commons attribution license"),
    _r("cdla-sharing-1.0", "community data license agreement", "sharing", "1.0"),
    _r("cdla-permissive-2.0", "community data license agreement", "permissive", "2.0"),
    _r("cdla-permissive-1.0", "community data license agreement", "permissive", "1.0"),
)

_CC_LONG = re.compile(
    r"creative commons (?:legal code )?(attribution(?:[ -](?:non-commercial|noncommercial|"
    r"sharealike|share-alike|share alike|noderivatives|noderivs|no derivatives))*)"
    r"(?: (\d\.\d))?"
)
_CC_SHORT = re.compile(r"\bcc[ -]by((?:[ -](?:nc|sa|nd))*)(?:[ -](\d\.\d))?\b")
# The legal code's own title line, "Attribution-NonCommercial 4.0 International",
# opens the text, before "Creative Commons Corporation ...".
_CC_TITLE = re.compile(
    r"^(attribution(?:-(?:noncommercial|sharealike|noderivatives|noderivs))*) (\d\.\d) "
    r"international creative commons corporation\b"
)


@cache
def _rules() -> tuple[Rule, ...]:
    every = (*_VENDOR_RULES, *_RAIL_RULES, *_GNU_RULES, *_DATA_RULES, *_OSS_RULES)
    return tuple(
        Rule(
            r.license_id,
            tuple(map(normalize_text, r.all_of)),
            tuple(map(normalize_text, r.none_of)),
        )
        for r in every
    )


def _match_rules(norm: str) -> str | None:
    for rule in _rules():
        if all(p in norm for p in rule.all_of) and not any(p in norm for p in rule.none_of):
            return rule.license_id
    return None


def _cc_id(words: str, version: str | None) -> str | None:
    key = name_key(f"cc {words}")  # "cc by nc sa"
    codes = [code for code in ("nc", "nd", "sa") if f" {code}" in key]
    if "nd" in codes and "sa" in codes:
        return None
    base = "cc-by" + "".join(f"-{code}" for code in codes)
    candidates = (f"{base}-{version}", base) if version else (base,)
    for candidate in candidates:
        facts = lookup(candidate)
        if facts is not None:
            return facts.id
    return None


def _match_cc(norm: str) -> str | None:
    match = _CC_TITLE.match(norm) or _CC_LONG.search(norm) or _CC_SHORT.search(norm)
    if match is None:
        return None
    words = "by" + match.group(1) if match.re is _CC_SHORT else match.group(1)
    return _cc_id(words, match.group(2))


# A standard licence's title opening a file too short to hold its terms ("MIT License",
# "Apache License, Version 2.0"): the title is all the file says, so it names the
# licence. A full text is judged by its terms (the rules above), never by its title.
_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (license_id, re.compile(pattern))
    for license_id, pattern in (
        ("apache-2.0", r"^(?:the )?apache license (?:version )?2\.0\b"),
        ("mit", r"^(?:the )?mit license\b"),
        # the bare name as the file's first line ("MIT", "Apache-2.0"), not "MIT-0" nor
        # "MIT or Apache-2.0"
        ("mit", r"^mit(?:$| (?!or |and |\+))"),
        ("apache-2.0", r"^apache[- ]2\.0(?:$| (?!or |and |\+))"),
        ("bsd-3-clause", r"^bsd 3-clause license\b"),
        ("bsd-2-clause", r"^bsd 2-clause license\b"),
        ("gpl-3.0", r"^gnu general public license (?:v|version )3(?:\.0)?\b"),
        ("gpl-2.0", r"^gnu general public license (?:v|version )2(?:\.0)?\b"),
        ("mpl-2.0", r"^mozilla public license (?:v|version )2\.0\b"),
    )
)
MAX_TITLE_FILE_CHARS = 800  # shorter than the shortest of these terms (MIT's, ~1,000 chars)


def identify_title(text: str) -> str | None:
    """The id of a standard licence whose title opens a file too short to hold its terms
    (a licence file reduced to its name), or None."""
    if len(text) > MAX_TITLE_FILE_CHARS:
        return None
    norm = normalize_text(text)
    return next((license_id for license_id, title in _TITLES if title.match(norm)), None)


def identify_text(text: object) -> str | None:
    """The canonical id of a licence recognised from its text, or None.

    Reads at most the first 64 KiB; never raises.
    """
    if not isinstance(text, str) or not text:
        return None
    norm = normalize_text(text)
    return _match_rules(norm) or _match_cc(norm)
