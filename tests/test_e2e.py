"""End to end: the real CLI, sources, engine and reporters against the fake Hub.

One golden JSON report per fixture model; every report is validated against the
shipped JSON Schema. These tests use no fakes at any seam: the real
huggingface_hub client talks to the fake Hub on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fakehub import FakeHub
from golden_util import assert_golden, validate_report
from typer.testing import CliRunner, Result

from openaudit.cli.app import app

EXAMPLES = Path(__file__).parents[1] / "examples"
TOKEN = "hf_ApprovedFixtureToken0123456789"

GOLDEN_MODELS = [
    "openlab/open-7b",  # fully open: datasets, paper, code links
    "acme/llama-ft",  # apache-2.0 fine-tune of a llama2 base
    "metaish/llama-3-8b",  # gated: metadata only
    "acme/nc-model",  # non-commercial
    "acme/broken-yaml",  # malformed front matter
    "acme/empty-card",  # empty README
    "quantfolk/open-7b-gguf",  # GGUF re-upload of another model
]


def invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    """Run the real CLI in-process (not a terminal, so JSON is the default)."""
    return CliRunner().invoke(app, args, env=env)


def report(result: Result) -> dict[str, Any]:
    """The JSON report of a run, validated against the schema."""
    document: dict[str, Any] = json.loads(result.stdout)
    validate_report(document)
    return document


def golden_name(ref: str) -> str:
    return "e2e/" + ref.replace("/", "__") + ".json"


@pytest.mark.parametrize("ref", GOLDEN_MODELS)
def test_golden_report(ref: str, hub: FakeHub, request: pytest.FixtureRequest) -> None:
    result = invoke([ref, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report(result)
    stable = result.stdout.replace(hub.url, "http://fake-hub")  # the port varies per run
    assert_golden(request.config, golden_name(ref), stable)


def test_json_levels_follow_the_evidence(hub: FakeHub) -> None:
    models = {m: report(invoke([m]))["models"][0] for m in GOLDEN_MODELS}
    levels = {m: {layer["id"]: layer["level"] for layer in v["layers"]} for m, v in models.items()}
    assert levels["openlab/open-7b"]["weights"] == "open"
    assert levels["openlab/open-7b"]["usage_limits"] == "open"
    # an apache-2.0 tag does not lift its llama2 base's restrictions
    assert levels["acme/llama-ft"]["usage_limits"] == "partial"
    assert levels["acme/llama-ft"]["weights"] == "partial"
    assert levels["metaish/llama-3-8b"]["weights"] == "partial"
    assert levels["acme/nc-model"]["usage_limits"] == "partial"
    assert levels["quantfolk/open-7b-gguf"]["weights"] == "partial"
    assert models["metaish/llama-3-8b"]["access"] == "gated"


def test_licence_block_of_a_llama2_fine_tune(hub: FakeHub) -> None:
    block = report(invoke(["acme/llama-ft"]))["models"][0]["license"]
    assert block["id"] == "apache-2.0"
    assert "Commercial use: yes" in block["statements"]  # what its own tag says
    assert any(
        "Commercial use: conditional: above 700 million monthly active users" in line
        for line in block["inherited_restrictions"]
    ), block["inherited_restrictions"]
    (flag,) = block["lineage_flags"]
    assert flag.startswith("declares apache-2.0, but its base metaish/llama-2-7b is under llama2")


def test_licence_block_and_rubrics_in_the_table(hub: FakeHub) -> None:
    result = invoke(["acme/llama-ft", "-r", "openaudit", "-r", "osaid", "-f", "table"])
    assert result.exit_code == 0, result.stderr
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    # the declared licence, then the terms in effect with the llama2 base's
    assert "Licence: apache-2.0 (permissive); in effect with its base's terms: restricted" in lines
    assert any(line.startswith("Commercial use: conditional: above 700 million") for line in lines)
    assert any(line.startswith("lineage: declares apache-2.0, but its base") for line in lines)
    assert any(line.startswith("osaid 1.0: fail — unmet:") for line in lines), result.stdout


def test_a_derivative_reports_the_terms_in_effect(hub: FakeHub) -> None:
    licence = report(invoke(["acme/llama-ft"]))["models"][0]["license"]
    assert licence["family"] == "permissive"  # what the card declares
    assert licence["effective"]["family"] == "restricted"  # with its llama2 base's terms
    assert any("700 million" in line for line in licence["effective"]["statements"])
    own = report(invoke(["openlab/open-7b"]))["models"][0]["license"]
    assert own["effective"] is None  # nothing stricter upstream


def test_one_fetch_for_several_rubrics(hub: FakeHub) -> None:
    single = invoke(["acme/llama-ft", "--no-cache"])
    requests = len(hub.requests)
    hub.reset()
    several = invoke(["acme/llama-ft", "-r", "openaudit", "-r", "mof", "-r", "osaid", "--no-cache"])
    assert single.exit_code == several.exit_code == 0, several.stderr
    # the evidence is read once, whatever the rubrics; MOF's checkpoints add the refs listing
    assert len(hub.requests) == requests + 1
    assert [p for p in hub.paths() if p.endswith("/refs")] == ["/api/models/acme/llama-ft/refs"]
    primary = report(several)["models"][0]
    assert primary["layers"] == report(single)["models"][0]["layers"]
    assert [r["id"] for r in primary["rubrics"]] == ["openaudit", "mof", "osaid"]


def test_the_refs_listing_is_asked_only_when_a_rubric_reads_branches(hub: FakeHub) -> None:
    invoke(["acme/llama-ft", "--no-cache"])
    assert not [p for p in hub.paths() if p.endswith("/refs")]
    hub.reset()
    invoke(["acme/llama-ft", "-r", "mof", "--no-cache"])
    assert [p for p in hub.paths() if p.endswith("/refs")] == ["/api/models/acme/llama-ft/refs"]


def test_a_cached_audit_without_branches_gets_them_when_a_rubric_needs_them(
    hub: FakeHub,
) -> None:
    invoke(["acme/llama-ft"])  # fills the cache, without the refs listing
    hub.reset()
    result = invoke(["acme/llama-ft", "-r", "mof"])
    assert result.exit_code == 0, result.stderr
    assert [p for p in hub.paths() if p.endswith("/refs")] == ["/api/models/acme/llama-ft/refs"]
    assert not [p for p in hub.paths() if "/resolve/" in p]  # the rest came from the cache
    hub.reset()
    invoke(["acme/llama-ft", "-r", "mof"])
    assert not [p for p in hub.paths() if p.endswith("/refs")]  # now cached with branches


def test_an_adapter_config_states_the_base_the_card_does_not(hub: FakeHub, tmp_path: Path) -> None:
    """The base named only by adapter_config.json is stated (a file says it), looked up,
    and its terms flow down: apache-2.0 on a Llama 2 base claims more than the base
    grants. The saved evidence keeps the file and the base, so an offline re-audit agrees."""
    online = report(invoke(["acme/bare-adapter"]))
    findings = {f["probe"]: f for layer in online["models"][0]["layers"] for f in layer["findings"]}
    compatible, base_data = findings["usage.base_compatible"], findings["data.base_data"]
    assert (compatible["answer"], compatible["basis"]) == ("no", "stated")
    assert "its base metaish/llama-2-7b is under llama2" in compatible["reason"]
    assert "file:adapter_config.json" in {c["where"] for c in compatible["evidence"]}
    assert (base_data["answer"], base_data["basis"]) == ("no", "inferred")
    assert "file:adapter_config.json" in {c["where"] for c in base_data["evidence"]}
    saved = tmp_path / "evidence.json"
    assert invoke(["fetch", "acme/bare-adapter", "-o", str(saved)]).exit_code == 0
    offline = report(invoke([str(saved)]))
    assert offline["models"][0]["layers"] == online["models"][0]["layers"]


def test_a_base_named_only_in_prose_is_looked_up_and_its_terms_flow_down(hub: FakeHub) -> None:
    """'a fine-tune of Llama 3 ([metaish/llama-3-8b](...))' without `base_model`: the
    source looks that base up (not the model it is only compared with), and apache-2.0
    on a llama3 base claims more than the base grants: an inferred no, citing where the
    card names the base, so usage limits are partial, not open."""
    online = report(invoke(["acme/prose-finetune"]))
    layers = {layer["id"]: layer for layer in online["models"][0]["layers"]}
    usage = layers["usage_limits"]
    compatible = next(f for f in usage["findings"] if f["probe"] == "usage.base_compatible")
    assert (compatible["answer"], compatible["basis"]) == ("no", "inferred")
    assert "its base metaish/llama-3-8b is under llama3" in compatible["reason"]
    assert "the card builds on metaish/llama-3-8b" in compatible["reason"]
    assert usage["level"] == "partial"
    assert "/api/models/metaish/llama-3-8b" in hub.paths()
    assert "/api/models/acme/solo" not in hub.paths()


def test_no_weight_file_is_ever_fetched(hub: FakeHub) -> None:
    for ref in GOLDEN_MODELS:
        invoke([ref])
    fetched = [path for path in hub.paths() if "/resolve/" in path]
    assert fetched, "README and licence files are read"
    weight_suffixes = (".safetensors", ".bin", ".gguf", ".pt", ".pth", ".ckpt")
    assert not [p for p in fetched if p.endswith(weight_suffixes)]


def test_fetch_then_offline_reaudit_is_identical(hub: FakeHub, tmp_path: Path) -> None:
    saved = tmp_path / "evidence.json"
    fetched = invoke(["fetch", "openlab/open-7b", "-o", str(saved)])
    assert fetched.exit_code == 0, fetched.stderr
    online = report(invoke(["openlab/open-7b"]))
    hub.reset()
    offline = report(invoke([str(saved)]))
    assert hub.requests == []  # offline: not one request
    assert offline["models"][0]["layers"] == online["models"][0]["layers"]
    assert offline["models"][0]["sha"] == online["models"][0]["sha"]


def test_example_folder_audits_without_network() -> None:
    result = invoke([str(EXAMPLES / "open-model")])
    assert result.exit_code == 0, result.stderr
    model = report(result)["models"][0]
    assert model["source"] == "local"
    assert {layer["id"] for layer in model["layers"]} == {
        "weights",
        "code",
        "data",
        "documentation",
        "usage_limits",
    }


def test_gated_model_with_approved_token_reads_the_card(hub: FakeHub) -> None:
    result = invoke(["metaish/llama-3-8b"], env={"HF_TOKEN": TOKEN})
    assert result.exit_code == 0, result.stderr
    assert report(result)["models"][0]["access"] == "full"
    assert TOKEN not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["acme/does-not-exist"], 3, "model not found"),
        (["openlab/open-7b", "--revision", "nope"], 3, "revision not found"),
        (["metaish/locked-model"], 3, "gated"),
        (["not a ref!"], 2, "not a model reference"),
        (["./no/such/folder"], 2, "no such file or folder"),
    ],
)
def test_bad_input_is_one_line_with_its_exit_code(
    args: list[str], code: int, message: str, hub: FakeHub
) -> None:
    result = invoke(args)
    assert result.exit_code == code, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("openaudit: error:")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("acme/latin1-readme", "not valid UTF-8"),
        ("acme/huge-readme", "over the"),
        ("acme/yaml-bomb", "expands to more than"),
        ("acme/list-front-matter", "must be a mapping"),
        ("acme/scalar-front-matter", "must be a mapping"),
    ],
)
def test_bad_cards_are_audited_with_a_reported_problem(
    ref: str, problem: str, hub: FakeHub
) -> None:
    result = invoke([ref])
    assert result.exit_code == 0, result.stderr
    model = report(result)["models"][0]
    messages = " ".join(p["message"] for p in model["problems"])
    assert problem in messages, model["problems"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("ref", ["acme/license-list", "acme/license-number"])
def test_odd_license_values_do_not_crash(ref: str, hub: FakeHub) -> None:
    result = invoke([ref])
    assert result.exit_code == 0, result.stderr
    usage = next(x for x in report(result)["models"][0]["layers"] if x["id"] == "usage_limits")
    assert usage["level"] in {"open", "partial", "closed", "unknown"}


def test_incompatible_saved_evidence_is_a_usage_error(tmp_path: Path) -> None:
    saved = tmp_path / "old.json"
    saved.write_text(json.dumps({"format": "openaudit-evidence", "version": 999}))
    result = invoke([str(saved)])
    assert result.exit_code == 2
    assert "version" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_batch_keeps_going_past_a_bad_model(hub: FakeHub) -> None:
    result = invoke(["openlab/open-7b", "acme/does-not-exist", "acme/nc-model"])
    assert result.exit_code == 3
    models = report(result)["models"]
    assert [m.get("error", {}).get("code") for m in models] == [None, 3, None]


@pytest.mark.parametrize("mode", ["close", "503"])
def test_network_failure_is_exit_3_with_a_hint(mode: str, hub: FakeHub) -> None:
    hub.fail_next(5, mode)  # type: ignore[arg-type]  # every try
    result = invoke(["openlab/open-7b"])
    assert result.exit_code == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    if mode == "close":
        assert line.startswith("openaudit: error: could not reach the Hub")
        assert "HF_ENDPOINT" in line  # the hint
    else:
        assert line.startswith("openaudit: error: the Hub at ")
        assert "failed: HTTP 503 (5 tries) (the Hub is failing; try again later)" in line
    assert "HF_HUB_OFFLINE" not in line


def test_unreachable_endpoint_is_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # discard port: nothing listens
    result = invoke(["openlab/open-7b"])
    assert result.exit_code == 3
    assert "could not reach the Hub" in result.stderr and "Traceback" not in result.stderr


def test_a_real_process_makes_no_request_beyond_the_plan(hub: FakeHub) -> None:
    env = {k: v for k, v in os.environ.items() if k != "HF_HUB_DISABLE_TELEMETRY"}
    env["HF_ENDPOINT"] = hub.url
    code = "from openaudit.cli.app import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "acme/solo", "-f", "json"], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert [p for p in hub.paths() if "agent-harnesses" in p] == []
    assert len(hub.requests) <= 4  # model info, then README, LICENSE and branches


def test_an_unknown_layer_shows_what_is_proven_and_a_bracketed_score() -> None:
    folder = Path(__file__).parent / "fixtures" / "cards" / "restricted-base-finetune"
    result = invoke([str(folder), "-f", "table"])
    assert result.exit_code == 0, result.stderr
    usage = next(line for line in result.stdout.splitlines() if "usage limits" in line)
    assert "unknown" in usage and "at least partial" in usage
    assert "(" in usage.split("unknown", 1)[1].split("at least", 1)[0]  # the score, bracketed
