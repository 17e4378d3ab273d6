"""Time licence-text processing: `identify_text`, `detect_clauses` and a whole `identify`.

Run: python benchmarks/license_text.py  (prints the median per call in ms)

`identify` gets fresh evidence every call (so its card is parsed each time) and
its per-file caches are cleared, so the figures are those of a first audit.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from openaudit.evidence import Evidence, TextFile
from openaudit.licenses.clauses import detect_clauses
from openaudit.licenses.text import identify_text
from openaudit.rubric.context import license_identification as identification

_ROOT = Path(__file__).resolve().parent.parent
_APACHE_TERMS = 'Licensed under the Apache License, Version 2.0 (the "License"); ' * 3
_TYPICAL = (
    "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n"
    + (
        "By clicking I Accept below or by using or distributing any portion or element of the "
        "Llama Materials, you agree to be bound by this Agreement. " * 120
    )
)  # about 17 KB, the size of a real Llama licence
_UNKNOWN = "Some bespoke terms of use. " * 400  # no rule matches: the slowest path
_BIG = "All rights reserved by nobody in particular. " * 120_000  # about 5 MB
_BINARY = os.urandom(1 << 20).decode("latin-1")

# Real licence files: (label, path, the card's `license` value).
_FILES = (
    ("Apache-2.0 LICENSE (11 KB)", _ROOT / "examples" / "open-model" / "LICENSE", "apache-2.0"),
    ("GPL-3 COPYING (35 KB)", Path("/usr/share/common-licenses/GPL-3"), "gpl-3.0"),
    ("custom restricted LICENSE", _ROOT / "examples" / "restricted-model" / "LICENSE", "other"),
    # an open card contradicted by a restrictive file: clauses are read for the conflict
    ("custom restricted LICENSE", _ROOT / "examples" / "restricted-model" / "LICENSE", "mit"),
)


def _median_ms(call: Callable[[], object], runs: int = 50) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _identify_once(body: str, card_license: str) -> Callable[[], object]:
    """A call identifying a new model whose card says `card_license` and whose LICENSE is body."""
    readme = f"---\nlicense: {card_license}\n---\n# A model\n"

    def call() -> object:
        for name in ("_text_license", "_text_clauses"):
            cached = getattr(identification, name, None)  # absent before the caches existed
            if cached is not None:
                cached.cache_clear()
        evidence = Evidence(
            ref="bench/model",
            source="local",
            readme=readme,
            license_files=(TextFile("LICENSE", body, len(body)),),
        )
        return identification.identify(evidence)

    return call


def _row(label: str, ms: float) -> None:
    print(f"{label:52s} {ms:7.2f} ms")


def main() -> None:
    """Print the median time per call for each input."""
    identify_text("warm up")  # compiles the rules once
    detect_clauses("warm up")
    print("identify_text")
    for label, body in (
        ("typical licence (Llama 3.1, 17 KB)", _TYPICAL),
        ("unrecognised 11 KB text", _UNKNOWN),
        ("Apache header", _APACHE_TERMS),
        ("5 MB text", _BIG),
        ("1 MB binary", _BINARY),
    ):
        _row(f"  {label}", _median_ms(partial(identify_text, body)))
    readable = [
        (label, path.read_text(encoding="utf-8"), card)
        for label, path, card in _FILES
        if path.is_file()
    ]
    print("detect_clauses")
    for label, body in dict((label, body) for label, body, _card in readable).items():
        _row(f"  {label}", _median_ms(partial(detect_clauses, body)))
    _row("  5 MB text", _median_ms(lambda: detect_clauses(_BIG), runs=10))
    print("identify(evidence) with a LICENSE file")
    for label, body, card in readable:
        _identify_once(body, card)()  # warm up the licence table and expression engine
        _row(f"  {label}, card says {card}", _median_ms(_identify_once(body, card)))


if __name__ == "__main__":
    main()
