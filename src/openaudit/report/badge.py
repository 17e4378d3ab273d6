"""An SVG badge in the shields.io "flat" style: `openness | partial 62`, or the MOF class.

For a model's README or a leaderboard. The first audited model is shown (a badge
is about one model); with `-r mof` the label is `MOF` and the value the class. A
run where no model could be audited gives a grey `openness | error` badge. Text
widths follow the Verdana 11px advance widths shields uses, so the badge looks
like its neighbours.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from openaudit.results import Report

COLOURS = {
    "open": "#4c1",
    "partial": "#dfb317",
    "closed": "#e05d44",
    "unknown": "#9f9f9f",
    "error": "#9f9f9f",
}
MOF_COLOURS = {"Class I": "#4c1", "Class II": "#97ca00", "Class III": "#dfb317"}
# Verdana 11px advance widths (px) for the characters a badge can contain.
_WIDTHS = {
    **dict.fromkeys("abcdeghknopqsuvxyz", 6.5),
    **dict.fromkeys("fjrt", 4.2),
    **dict.fromkeys("il", 3.1),
    "m": 10.0,
    "w": 8.5,
    **dict.fromkeys("0123456789", 7.0),
    **dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 7.6),
    "M": 9.3,
    "W": 10.5,
    "I": 4.3,
    " ": 3.9,
    "/": 4.9,
    "-": 4.6,
    ".": 3.9,
}


def text_width(text: str) -> int:
    """The rendered width of `text` in pixels, rounded up."""
    return int(sum(_WIDTHS.get(ch, 7.0) for ch in text) + 0.999)


def badge_parts(report: Report) -> tuple[str, str, str]:
    """(label, value, colour) for the report's first model."""
    if not report.audits:
        return "openness", "error", COLOURS["error"]
    audit = report.audits[0]
    for verdict in audit.verdicts:
        framework = verdict.framework or {}
        if framework.get("framework") == "mof" and verdict is audit.primary:
            value = str(framework.get("class", "Unclassified"))
            return "MOF", value, MOF_COLOURS.get(value, COLOURS["unknown"])
    verdict = audit.primary
    score = "" if verdict.score is None else f" {verdict.score}"
    return "openness", f"{verdict.level}{score}", COLOURS.get(verdict.level, COLOURS["unknown"])


def render_badge(report: Report) -> str:
    """The badge as an SVG document ending in a newline."""
    label, value, colour = badge_parts(report)
    left, right = text_width(label) + 10, text_width(value) + 10
    total = left + right
    title = escape(f"{label}: {value}")
    lx, rx = left * 5, (left + right / 2) * 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f"aria-label={quoteattr(f'{label}: {value}')}>"
        f"<title>{title}</title>"
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'text-rendering="geometricPrecision" font-size="110">'
        f'<text aria-hidden="true" x="{lx}" y="150" fill="#010101" fill-opacity=".3" '
        f'transform="scale(.1)" textLength="{(left - 10) * 10}">{escape(label)}</text>'
        f'<text x="{lx}" y="140" transform="scale(.1)" textLength="{(left - 10) * 10}">'
        f"{escape(label)}</text>"
        f'<text aria-hidden="true" x="{rx:.0f}" y="150" fill="#010101" fill-opacity=".3" '
        f'transform="scale(.1)" textLength="{(right - 10) * 10}">{escape(value)}</text>'
        f'<text x="{rx:.0f}" y="140" transform="scale(.1)" textLength="{(right - 10) * 10}">'
        f"{escape(value)}</text></g></svg>\n"
    )
