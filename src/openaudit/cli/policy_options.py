"""The CI-gating options of `openaudit audit`, declared together (issue 9).

`--fail-under` and `--require` stay in `options.py`, where they were first declared.
Each of these may also come from `OPENAUDIT_*` or the config file (see `openaudit.config`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="PATH",
        help="Config file (.openaudit.yaml or a pyproject.toml with [tool.openaudit]). "
        "Default: the first found from the working directory upward, or $OPENAUDIT_CONFIG.",
        show_default=False,
    ),
]
RequireClassOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--require-class",
        metavar="FRAMEWORK=CLASS",
        help="Policy: exit 1 unless the framework result reaches CLASS (mof=III|II|I, "
        "osaid=pass); the framework's rubric is added when not given. Repeatable.",
        show_default=False,
    ),
]
FailOnOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on",
        metavar="PROBE|TAG",
        help="Policy: exit 1 when this probe (id or glob, e.g. usage.*) or any probe of "
        "this tag (gated, pickle, non-commercial, licence-conflict, no-license, ...) is "
        "not answered yes; unknown fails too. Repeatable.",
        show_default=False,
    ),
]
BaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        metavar="REPORT.json",
        help="Policy: fail only on what is new since this earlier JSON report: "
        "failures it did not have, a layer or class that went down, a probe that was "
        "yes and is not, a licence that changed.",
        show_default=False,
    ),
]
