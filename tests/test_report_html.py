"""The HTML heat map: self-contained, escaped, every cell linking to its findings.

A real browser loads it in benchmarks/html_in_browser.py (chromium, when installed).
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

from cli_fakes import FakeCore, run
from report_samples import hostile_verdict, sample_verdict

from openaudit.evidence import Citation
from openaudit.verdict import Verdict


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[tuple[str, str]] = []  # (tag, attribute) that would fetch something
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        for attribute in ("src", "srcset", "data"):
            if attribute in values:
                self.loads.append((tag, attribute))
        if tag == "link":
            self.loads.append((tag, "href"))


def _verdict(ref: str) -> Verdict:
    if ref.startswith("evil/"):
        verdict = hostile_verdict(ref)
        layer = verdict.layers[0]
        finding = dataclasses.replace(
            layer.findings[0],
            citations=(
                Citation("card:link", url="javascript:alert(1)"),
                Citation("card:paper", url="https://example.org/paper?a=1&b=<2>"),
                Citation("card:license_link", url="https://[not-an-address"),
            ),
        )
        layers = (dataclasses.replace(layer, findings=(finding,)), *verdict.layers[1:])
        return dataclasses.replace(verdict, layers=layers)
    return sample_verdict(ref)


def _page() -> tuple[str, Page]:
    result = run(
        ["acme/a", "evil/markup", "missing/x", "-f", "html"], FakeCore(verdict_for=_verdict)
    )
    assert result.exit_code == 3
    page = Page()
    page.feed(result.stdout)
    return result.stdout, page


def test_the_page_is_self_contained() -> None:
    text, page = _page()
    assert text.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in text  # the CSP forbids loading anything
    assert page.loads == []
    assert "script" in page.tags and "style" in page.tags


def test_every_heat_map_cell_links_to_findings_on_the_page() -> None:
    _, page = _page()
    anchors = [link[1:] for link in page.links if link.startswith("#")]
    assert len(anchors) >= 3 + 2 * 5  # the models and the layers of the two audited ones
    assert set(anchors) <= page.ids


def test_card_text_is_escaped_and_only_web_urls_become_links() -> None:
    text, page = _page()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "<bold" not in text and "[bold red]pwned[/]" in text  # shown as text
    assert not any(link.startswith("javascript:") for link in page.links)
    assert "https://example.org/paper?a=1&b=<2>" in page.links  # parsed back from &amp; &lt;
    assert "&lt;javascript:alert(1)&gt;" in text
    assert "&lt;https://[not-an-address&gt;" in text  # no parts to split: shown as text


def test_the_summary_counts_and_the_ranking() -> None:
    text, _ = _page()
    assert "2 audited, 1 could not be audited." in text
    rows = re.findall(r'<tr><td data-sort="([^"]+)">', text)
    assert rows[-1] == "missing/x"  # errors last
