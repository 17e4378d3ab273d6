"""Canonical verdicts shared by the reporter, policy and CLI tests (built by hand, no engine)."""

from __future__ import annotations

import dataclasses

from openaudit.report import ModelError, Report
from openaudit.verdict import Citation, Finding, LayerResult, Verdict

HOSTILE = "[bold red]pwned[/] \x1b[31mred\x1b[0m\x07 \u202eevil :smile:"


def finding(probe: str, answer: str = "yes", **kw: object) -> Finding:
    """A finding with sensible defaults."""
    values: dict[str, object] = {
        "question": f"Is {probe} satisfied?",
        "reason": f"{probe} was checked",
        "weight": 1.0,
        "citations": (),
        "remediation": None if answer == "yes" else f"Fix {probe}.",
    }
    values.update(kw)
    return Finding(probe=probe, answer=answer, **values)  # type: ignore[arg-type]


def sample_verdict(ref: str = "acme/open-model") -> Verdict:
    """A partially open model with every layer, citations, a problem and extras."""
    license_cite = Citation("card:license", "apache-2.0", f"https://huggingface.co/{ref}")
    layers = (
        LayerResult(
            "weights",
            "open",
            100,
            (
                finding(
                    "weights.published", citations=(Citation("file:model.safetensors", "4.2 GB"),)
                ),
                finding("weights.ungated", citations=(Citation("api:gated", "false"),)),
            ),
            "safetensors weights, not gated, Apache-2.0",
        ),
        LayerResult(
            "code",
            "partial",
            50,
            (
                finding(
                    "code.inference", citations=(Citation("card:library_name", "transformers"),)
                ),
                finding("code.training", "no", reason="no link to training code"),
            ),
            "inference code only (transformers)",
        ),
        LayerResult(
            "data",
            "unknown",
            None,
            (finding("data.named", "unknown", reason="the card has no datasets section"),),
            "training data not described",
        ),
        LayerResult(
            "documentation",
            "partial",
            67,
            (
                finding("docs.card", citations=(Citation("README.md#Model Card"),)),
                finding("docs.eval", citations=(Citation("README.md#Evaluation"),)),
                finding("docs.paper", "no", weight=0.5),
            ),
            "model card with evaluation; no paper",
        ),
        LayerResult(
            "usage_limits",
            "open",
            100,
            (finding("usage.osi_license", citations=(license_cite,)),),
            "Apache-2.0, no use restrictions",
        ),
    )
    return Verdict(
        ref=ref,
        repo_id=ref,
        revision="main",
        sha="0123456789abcdef0123456789abcdef01234567",
        source="hub",
        access="full",
        rubric_id="openaudit",
        rubric_version="1.0",
        layers=layers,
        level="partial",
        score=62,
        summary="open weights and licence; data undisclosed",
        problems=(("datasets", "1 linked dataset could not be read"),),
        extras={"mof_class": "Class III", "frameworks": {"osaid": False, "eosai": "limited"}},
    )


def hostile_verdict(ref: str = "evil/markup") -> Verdict:
    """A verdict whose card-derived text carries rich markup, ANSI and control characters."""
    base = sample_verdict(ref)
    layer = dataclasses.replace(
        base.layers[0],
        summary=f"summary {HOSTILE}",
        findings=(
            finding(
                "weights.published",
                "no",
                reason=f"reason {HOSTILE}",
                citations=(Citation(f"README.md#{HOSTILE}", HOSTILE, "https://x.test/[link]"),),
                remediation=f"fix {HOSTILE}",
            ),
        ),
    )
    return dataclasses.replace(
        base,
        summary=f"verdict {HOSTILE}",
        layers=(layer, *base.layers[1:]),
        problems=((HOSTILE, HOSTILE),),
        extras={"note": HOSTILE},
    )


def sample_report(*results: Verdict | ModelError) -> Report:
    """A report under the default rubric."""
    return Report("openaudit", "1.0", results or (sample_verdict(),), tool_version="0.1.0")


NOT_FOUND = ModelError("acme/missing", 3, "model acme/missing not found on the Hub")
