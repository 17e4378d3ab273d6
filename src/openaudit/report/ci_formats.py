"""Dispatch for the CI and supply-chain formats, each in its own module (imported on use)."""

from __future__ import annotations

from openaudit.report import Format, Report


def render_ci(report: Report, fmt: Format) -> str:
    """The report in a CI or BOM format: markdown, sarif, spdx, cyclonedx, badge."""
    if fmt is Format.MARKDOWN:
        from openaudit.report.markdown import render_markdown

        return render_markdown(report)
    if fmt is Format.SARIF:
        from openaudit.report.sarif import render_sarif

        return render_sarif(report)
    if fmt is Format.SPDX:
        from openaudit.report.spdx import render_spdx

        return render_spdx(report)
    if fmt is Format.CYCLONEDX:
        from openaudit.report.cyclonedx import render_cyclonedx

        return render_cyclonedx(report)
    if fmt is Format.BADGE:
        from openaudit.report.badge import render_badge

        return render_badge(report)
    raise ValueError(f"not a CI format: {fmt}")
