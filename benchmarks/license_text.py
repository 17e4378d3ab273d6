"""Time `identify_text` on a typical licence file, a 5 MB text and binary junk.

Run: python benchmarks/license_text.py  (prints the median per call in ms)
"""

from __future__ import annotations

import os
import statistics
import time

from openaudit.licenses.text import identify_text

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


def _median_ms(text: str, runs: int = 50) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        identify_text(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the median time per call for each input."""
    identify_text("warm up")  # compiles the rules once
    for label, text in (
        ("typical licence (Llama 3.1, 17 KB)", _TYPICAL),
        ("unrecognised 11 KB text", _UNKNOWN),
        ("Apache header", _APACHE_TERMS),
        ("5 MB text", _BIG),
        ("1 MB binary", _BINARY),
    ):
        print(f"{label:40s} {_median_ms(text):7.2f} ms")


if __name__ == "__main__":
    main()
