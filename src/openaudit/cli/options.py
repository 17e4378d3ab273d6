"""Options that mean the same in every command, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from openaudit.report import Format

FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Report format: table, json; markdown, sarif, spdx, cyclonedx, badge (CI and "
        "supply chain); jsonl and csv (one row per model as it completes); html (a heat "
        "map page). Default: table when the report goes to a terminal, json otherwise "
        "(a pipe, a file, --output).",
        case_sensitive=False,
        show_default=False,
    ),
]


class ListingFormat(StrEnum):
    """Formats of listings (`rubrics list`, `rubrics show`): the report-only formats
    (markdown, sarif, BOMs, badge) describe audits, not rubrics."""

    TABLE = "table"
    JSON = "json"


ListingFormatOpt = Annotated[
    ListingFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table when the output goes to a terminal, "
        "json otherwise (a pipe, a file, --output).",
        case_sensitive=False,
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="PATH", help="Write to PATH (atomically) instead of stdout."
    ),
]
RubricOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--rubric",
        "-r",
        metavar="NAME|PATH",
        help="Rubric: a bundled name (openaudit, mof, osaid, eosai) or a YAML file. "
        "Repeatable: every rubric judges the same evidence, in one report; the first is "
        "the primary one, which the policy checks. Default: openaudit.",
        show_default=False,
    ),
]
RevisionOpt = Annotated[
    str | None,
    typer.Option(
        "--revision", metavar="REV", help="Branch, tag or commit to audit (default: main)."
    ),
]
TokenOpt = Annotated[
    str | None,
    typer.Option(
        "--token",
        metavar="TOKEN",
        help="Hugging Face access token for gated or private models "
        "(default: $HF_TOKEN). Never printed.",
        show_default=False,
    ),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only errors on stderr, no summaries.")
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Show progress and what is fetched, on stderr.")
]
ExplainOpt = Annotated[
    bool,
    typer.Option("--explain", help="Table: list every probe with its answer, evidence and fix."),
]
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Count only stated answers: an inferred answer (concluded from the card, files "
        "and links rather than said by a field or file) counts as unknown.",
    ),
]
NoColorOpt = Annotated[
    bool, typer.Option("--no-color", help="No colour (also when NO_COLOR is set or not a TTY).")
]
FailUnderOpt = Annotated[
    int | None,
    typer.Option(
        "--fail-under",
        metavar="SCORE",
        min=0,
        max=100,
        help="Policy: exit 1 when a model's proven overall score (0-100, unknown answers "
        "counted as no) is below SCORE.",
    ),
]
RequireOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--require",
        metavar="LAYER=LEVEL",
        help="Policy: exit 1 unless LAYER is at least LEVEL (closed < partial < open), "
        "unknown answers counted as no. Repeatable or comma-separated, e.g. "
        "--require weights=open,usage_limits=partial.",
        show_default=False,
    ),
]
FromFileOpt = Annotated[
    str | None,
    typer.Option(
        "--from-file",
        metavar="FILE",
        help="Audit the refs listed in FILE, one a line ('#' comments and blank lines "
        "allowed; '-' reads stdin). A malformed line becomes an error row naming it.",
        show_default=False,
    ),
]
AuthorOpt = Annotated[
    str | None,
    typer.Option("--author", metavar="ORG", help="Audit the Hub models of ORG (a user or org)."),
]
SearchOpt = Annotated[
    str | None,
    typer.Option("--search", metavar="TEXT", help="Audit the Hub models whose id contains TEXT."),
]
FilterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--filter",
        metavar="TAG",
        help="Audit the Hub models tagged TAG (e.g. license:mit, text-generation). "
        "Repeatable: every tag must match.",
        show_default=False,
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", metavar="N", min=1, help="Audit at most N models of the Hub listing."),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        min=1,
        max=64,
        help="Models audited at once (default: 32). On a 429 the Hub's wait applies to all.",
        show_default=False,
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        min=0.1,
        help="Give up on a Hub request that gets no answer for SECONDS in all (default: 10).",
        show_default=False,
    ),
]
ResumeOpt = Annotated[
    Path | None,
    typer.Option(
        "--resume",
        metavar="FILE",
        help="Continue a batch: skip the models FILE (a jsonl report) already has at the same "
        "revision with the same rubrics, audit the rest and append them to FILE.",
        show_default=False,
    ),
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        help="Keep Hub evidence here, by repo and commit (default: the user cache dir).",
        show_default=False,
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the evidence cache.")
]
OfflineOpt = Annotated[
    bool,
    typer.Option(
        "--offline",
        help="Audit Hub models from the evidence cache alone; a model not in it is an error row.",
    ),
]
