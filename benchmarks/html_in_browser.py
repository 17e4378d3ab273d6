"""The HTML heat map in a real headless browser (Debian's chromium), and its screenshot.

Audits every fixture model of the fake Hub into one `--format html` page, then
has chromium load it: the DOM after scripts ran must hold one heat-map row per
model, sorted by score (best first), re-sorted ascending when the page is opened
as `#sort=1-asc`, with no request beyond the page itself (its CSP allows none).
Writes the screenshot the README shows. Run from the repo root:

    python benchmarks/html_in_browser.py [--screenshot docs/batch-heatmap.png]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakehub import FakeHub  # noqa: E402


class HeatRows(HTMLParser):
    """The score cell of each heat-map row, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.in_heat = False
        self.cell = -1
        self.scores: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "table":
            self.in_heat = "heat" in classes.split()
        elif self.in_heat and tag == "tr":
            self.cell = -1
        elif self.in_heat and tag == "td":
            self.cell += 1
            if self.cell == 1:
                self.scores.append(dict(attrs).get("data-sort") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_heat = False


def browser() -> str | None:
    """The chromium executable, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(executable: str, *args: str) -> str:
    """Run headless chromium; its stdout."""
    command = [executable, "--headless", "--no-sandbox", "--disable-gpu", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def scores(dom: str) -> list[float]:
    parser = HeatRows()
    parser.feed(dom)
    return [float(value) for value in parser.scores]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, default=ROOT / "docs" / "batch-heatmap.png")
    options = parser.parse_args()
    executable = browser()
    if executable is None:
        print("chromium is not installed (apt-get install chromium); nothing checked")
        return
    work = Path(tempfile.mkdtemp(prefix="openaudit-html-"))
    env = dict(os.environ, HF_HUB_DISABLE_TELEMETRY="1", HF_HUB_DISABLE_XET="1")
    env.update(HF_HOME=str(work / "hf"), XDG_CACHE_HOME=str(work / "cache"))
    env.pop("HF_TOKEN", None)
    try:
        with FakeHub() as hub:
            env["HF_ENDPOINT"] = hub.url
            ids = sorted(repo_id for kind, repo_id in hub.repos if kind == "model")
            refs = work / "refs.txt"
            refs.write_text("\n".join(ids) + "\n", encoding="utf-8")
            page = work / "report.html"
            command = [sys.executable, "-m", "openaudit", "--from-file", str(refs)]
            subprocess.run([*command, "-f", "html", "-o", str(page), "-q"], env=env, check=False)
        url = page.as_uri()
        best_first = scores(chromium(executable, "--dump-dom", url))
        ascending = scores(chromium(executable, "--dump-dom", url + "#sort=1-asc"))
        print(f"{len(ids)} models audited, {len(best_first)} heat-map rows in chromium's DOM")
        print(f"rows best first: {best_first == sorted(best_first, reverse=True)}")
        print(f"rows after #sort=1-asc ascending: {ascending == sorted(ascending)}")
        print(f"page size: {page.stat().st_size / 1024:.0f} KiB, no external assets (CSP)")
        options.screenshot.parent.mkdir(parents=True, exist_ok=True)
        chromium(
            executable,
            f"--screenshot={options.screenshot}",
            "--window-size=1100,900",
            "--hide-scrollbars",
            url,
        )
        print(f"screenshot: {options.screenshot.relative_to(ROOT)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
