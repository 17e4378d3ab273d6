"""`openaudit rubrics list|show|validate|docs`, and every kind of bad rubric input."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_fakes import run
from typer.testing import CliRunner

from openaudit.cli.app import app
from openaudit.rubric.docs import evaluators_markdown, rubric_markdown
from openaudit.rubric.loader import list_shipped_rubrics, load_rubric
from openaudit.rubric.model import ProbeSpec

PROBE = """\
  - id: {id}
    layer: {layer}
    question: Is it there?
    evaluator: {evaluator}
    params: {params}
    weight: {weight}
    remediation: Put it there.
"""


def rubric_text(
    *,
    layers: str = "  weights:\n    thresholds: {open: 80, partial: 30}\n",
    probes: str | None = None,
    head: str = 'id: custom\nversion: "1.0"\ntitle: A custom rubric\n',
) -> str:
    """A small valid rubric, or one with its layers/probes replaced."""
    if probes is None:
        probes = probe()
    return f"{head}layers:\n{layers}probes:\n{probes}"


def probe(
    id: str = "weights.files",
    layer: str = "weights",
    evaluator: str = "file_glob_present",
    params: str = '{patterns: ["*.safetensors"]}',
    weight: str = "1",
) -> str:
    return PROBE.format(id=id, layer=layer, evaluator=evaluator, params=params, weight=weight)


def write(tmp_path: Path, text: str, name: str = "rubric.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- validate ---------------------------------------------------------------------------


def test_validate_a_valid_rubric(tmp_path: Path) -> None:
    path = write(tmp_path, rubric_text(probes=probe() + probe(id="weights.more")))
    result = run(["rubrics", "validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path} is valid: 2 probes in 1 layers\n"
    assert result.stderr == ""


@pytest.mark.parametrize("name", list_shipped_rubrics())
def test_validate_every_shipped_rubric(name: str) -> None:
    path = Path(__file__).resolve().parents[1] / "src/openaudit/rubrics" / f"{name}.yaml"
    result = run(["rubrics", "validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "is valid:" in result.stdout


BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""

# (case, rubric text, line, column, what the message must say). Lines are 1-based:
# the head is lines 1-3, `layers:` 4, the layer 5-6, `probes:` 7, the first probe 8-14.
BAD_INPUTS = [
    ("malformed YAML", rubric_text() + "  - id: [unclosed\n", 16, 1, "expected"),
    (
        "unknown evaluator",
        rubric_text(probes=probe(evaluator="no_such_evaluator")),
        11,
        16,
        "unknown evaluator 'no_such_evaluator'",
    ),
    (
        "params of the wrong type",
        rubric_text(probes=probe(params="{patterns: '*.bin'}")),
        12,
        24,
        "params.patterns: expected a list of strings",
    ),
    (
        "unknown param",
        rubric_text(probes=probe(params="{globs: ['*.bin']}")),
        12,
        14,
        "has no param 'globs'",
    ),
    (
        "unknown layer in a probe",
        rubric_text(probes=probe(layer="code")),
        9,
        12,
        "unknown layer 'code'",
    ),
    (
        "unknown layer name",
        rubric_text(layers="  wieghts:\n    thresholds: {open: 80, partial: 30}\n"),
        5,
        3,
        "unknown layer 'wieghts'",
    ),
    (
        "duplicate probe id",
        rubric_text(probes=probe() + probe()),
        15,
        9,
        "duplicate probe id 'weights.files'",
    ),
    (
        "non-numeric weight",
        rubric_text(probes=probe(weight="heavy")),
        13,
        13,
        "weight: expected a number, got str 'heavy'",
    ),
    (
        "an empty layer",
        rubric_text(
            layers="  weights:\n    thresholds: {open: 80, partial: 30}\n"
            "  code:\n    thresholds: {open: 80, partial: 30}\n"
        ),
        7,
        3,
        "layer 'code' has no probes",
    ),
    (
        "thresholds out of order",
        rubric_text(layers="  weights:\n    thresholds: {open: 30, partial: 80}\n"),
        6,
        17,
        "out of order",
    ),
    ("a YAML bomb", BOMB + rubric_text(), None, None, "more than"),
    (
        "a tagged empty version",
        rubric_text(head='id: custom\nversion: !!int ""\ntitle: T\n'),
        2,
        10,
        "cannot read '' as !!int",
    ),
    (
        "a hex float weight",
        rubric_text(probes=probe(weight="!!float 0x1F")),
        13,
        13,
        "cannot read '0x1F' as !!float",
    ),
    (
        "a tagged bool that is no bool",
        rubric_text(probes=probe(params="{patterns: !!bool x}")),
        12,
        24,
        "cannot read 'x' as !!bool",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_INPUTS],
)
def test_validate_reports_one_located_line_and_exits_2(
    tmp_path: Path, text: str, line: int | None, column: int | None, message: str
) -> None:
    path = write(tmp_path, text)
    result = run(["rubrics", "validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    located = re.match(rf"^{re.escape(str(path))}:(\d+):(\d+): (.+)\n$", result.stderr)
    assert located, result.stderr
    if line is not None:
        assert (int(located[1]), int(located[2])) == (line, column), result.stderr
    assert message in located[3]


def test_audit_with_a_rubric_holding_a_bad_tagged_value_is_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, rubric_text(head='id: custom\nversion: !!int ""\ntitle: T\n'))
    folder = tmp_path / "model"
    folder.mkdir()
    result = CliRunner().invoke(app, [str(folder), "-r", str(path), "-f", "json"])  # real core
    assert result.exit_code == 2
    assert result.stderr == f"openaudit: error: {path}:2:10: cannot read '' as !!int\n"


def test_yaml_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    path = write(tmp_path, BOMB + rubric_text())
    result = run(["rubrics", "validate", str(path)])
    assert result.exit_code == 2
    assert re.search(r"more than \d+ (nodes|aliases)", result.stderr)


def test_recursive_extends_is_refused(tmp_path: Path) -> None:
    write(
        tmp_path,
        "extends: b.yaml\n" + rubric_text(head='id: a\nversion: "1"\ntitle: A\n'),
        "a.yaml",
    )
    write(
        tmp_path,
        "extends: a.yaml\n" + rubric_text(head='id: b\nversion: "1"\ntitle: B\n'),
        "b.yaml",
    )
    result = run(["rubrics", "validate", str(tmp_path / "a.yaml")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert re.match(r"^\S+\.yaml:\d+:\d+: .*(recurs|cycl|circular)", result.stderr), result.stderr


def test_validate_missing_file(tmp_path: Path) -> None:
    result = run(["rubrics", "validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: no such rubric file\n"


def test_validate_cleans_control_characters_from_messages(tmp_path: Path) -> None:
    path = write(tmp_path, rubric_text(probes=probe(evaluator='"evil\\e[31m"')))
    result = run(["rubrics", "validate", str(path)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr


def test_other_commands_report_a_bad_rubric_as_one_error_line(tmp_path: Path) -> None:
    path = write(tmp_path, rubric_text(probes=probe(evaluator="nope")))
    result = run(["rubrics", "show", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr == f"openaudit: error: {path}:11:16: probe 'weights.files': " \
        "unknown evaluator 'nope'\n"  # fmt: skip


# --- list and show ---------------------------------------------------------------------------


def test_list_json_has_every_shipped_rubric() -> None:
    result = run(["rubrics", "list", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == "1"
    assert [row["id"] for row in data["rubrics"]] == [
        load_rubric(name).id for name in list_shipped_rubrics()
    ]
    assert set(data["rubrics"][0]) == {"id", "version", "title", "source"}


def test_list_table() -> None:
    result = run(["rubrics", "list", "-f", "table"])
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header == ["id", "version", "title", "probes"]  # the sources: `rubrics show`
    assert any(line.startswith("openaudit ") for line in result.stdout.splitlines())


def test_show_json(tmp_path: Path) -> None:
    path = write(tmp_path, rubric_text(probes=probe() + probe(id="weights.cap", weight="2")))
    result = run(["rubrics", "show", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rubric = json.loads(result.stdout)["rubric"]
    assert rubric["id"] == "custom"
    assert rubric["layers"] == [
        {
            "id": "weights",
            "title": "",
            "weight": 1.0,
            "thresholds": {"open": 80.0, "partial": 30.0},
            "probes": ["weights.files", "weights.cap"],
        }
    ]
    first = rubric["probes"][0]
    assert first["evaluator"] == "file_glob_present"
    assert first["params"] == {"patterns": ["*.safetensors"]}
    assert rubric["probes"][1]["weight"] == 2.0


def test_show_table_of_the_default_rubric() -> None:
    result = run(["rubrics", "show", "openaudit", "-f", "table"])
    assert result.exit_code == 0, result.stderr
    rubric = load_rubric("openaudit")
    assert result.stdout.startswith(f"openaudit {rubric.version}: {rubric.title}")
    for probe_spec in rubric.probes:
        assert probe_spec.id in result.stdout
    assert "no → closed" in result.stdout


def test_show_escapes_rubric_text(tmp_path: Path) -> None:
    head = 'id: custom\nversion: "1"\ntitle: "[bold red]x[/bold red] \\e[2J\\e]8;;http://e\\a"\n'
    path = write(tmp_path, rubric_text(head=head))
    result = run(["rubrics", "show", str(path), "-f", "table"], tty=True)
    assert result.exit_code == 0, result.stderr
    assert "[bold red]x[/bold red]" in result.stdout
    assert "\x1b[2J" not in result.stdout and "\x1b]8" not in result.stdout


def test_show_unknown_name() -> None:
    result = run(["rubrics", "show", "nosuchrubric"])
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: no rubric named 'nosuchrubric'")


# --- docs ---------------------------------------------------------------------------------


def test_docs_prints_markdown_for_a_shipped_rubric() -> None:
    result = run(["rubrics", "docs", "openaudit"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == rubric_markdown(load_rubric("openaudit"))


def test_docs_page_content(tmp_path: Path) -> None:
    text = rubric_markdown(load_rubric("openaudit"))
    rubric = load_rubric("openaudit")
    assert text.startswith(f"# {rubric.title}\n")
    assert "## How levels are derived" in text
    assert "| Weights (`weights`) | 3 | ≥ 85 | ≥ 30 | 5 |" in text
    for probe_spec in rubric.probes:
        assert f"### `{probe_spec.id}`" in text
    assert "**How to fix it:** Upload the final weights" in text


def test_docs_escapes_table_cells(tmp_path: Path) -> None:
    bad = probe().replace("Is it there?", "'Is a | b there?'")
    path = write(tmp_path, rubric_text(probes=bad))
    result = run(["rubrics", "docs", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "| Is a \\| b there? |" in result.stdout


def test_docs_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "openaudit.md"
    result = run(["rubrics", "docs", "openaudit", "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == rubric_markdown(load_rubric("openaudit"))


def test_docs_all_writes_one_page_per_shipped_rubric(tmp_path: Path) -> None:
    result = run(["rubrics", "docs", "--all", "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"{name}.md" for name in list_shipped_rubrics()]


def test_docs_evaluators() -> None:
    result = run(["rubrics", "docs", "--evaluators"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == evaluators_markdown()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["openaudit", "--all", "--output-dir", "x"],
        ["--all"],
        ["--all", "--output-dir", "x", "--output", "y"],
        ["openaudit", "--output-dir", "x"],
        ["--evaluators", "openaudit"],
    ],
)
def test_docs_argument_errors(args: list[str]) -> None:
    result = run(["rubrics", "docs", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("openaudit: error: rubrics docs")
    assert result.stderr.count("\n") == 1


def test_rubrics_help_lists_the_subcommands() -> None:
    result = run(["rubrics", "--help"])
    assert result.exit_code == 0
    for command in ("list", "show", "validate", "docs"):
        assert command in result.stdout


def test_command_modules_import_light() -> None:
    code = (
        "import sys, openaudit.cli.rubrics_cmd, openaudit.cli.explain_cmd; "
        "heavy = {'rich', 'yaml', 'huggingface_hub'}; "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_docs_render_extra_probe_fields_generically() -> None:
    @dataclasses.dataclass(frozen=True)
    class FrameworkProbe(ProbeSpec):
        assessed_by: str = ""
        open_questions: tuple[str, ...] = ()

    rubric = load_rubric("openaudit")
    base = rubric.probes[0]
    extra = FrameworkProbe(
        **{f.name: getattr(base, f.name) for f in dataclasses.fields(ProbeSpec)},
        assessed_by="whether weight files are listed",
        open_questions=("whether they are the final weights",),
    )
    text = rubric_markdown(dataclasses.replace(rubric, probes=(extra, *rubric.probes[1:])))
    assert "**Assessed by:** whether weight files are listed" in text
    assert "**Open questions:**\n\n- whether they are the final weights" in text


def test_show_an_extending_rubric_presents_its_own_title_and_source() -> None:
    path = Path(__file__).resolve().parents[1] / "examples/rubrics/acme-procurement.yaml"
    result = run(["rubrics", "show", str(path), "-f", "table"])
    assert result.exit_code == 0, result.stderr
    head = result.stdout.splitlines()[:3]
    assert head == [
        "acme-procurement 1: based on openaudit (openaudit default openness rubric)",
        "extends: openaudit",
        f"source: {path}, based on openaudit",
    ]


def test_validate_reports_every_independent_error_at_once(tmp_path: Path) -> None:
    probes = (
        probe(evaluator="no_such_evaluator")
        + probe(id="weights.more", params="{patterns: '*.bin'}")
        + probe(id="weights.third", weight="heavy")
        + probe(id="weights.fine")
    )
    layers = (
        "  weights:\n    thresholds: {open: 80, partial: 30}\n"
        "  wieghts:\n    thresholds: {open: 80, partial: 30}\n"
    )
    path = write(tmp_path, rubric_text(layers=layers, probes=probes))
    result = run(["rubrics", "validate", str(path)])
    assert result.exit_code == 2
    assert [line.split(": ", 1)[0] for line in result.stderr.splitlines()] == [
        f"{path}:7:3",  # unknown layer
        f"{path}:13:16",  # unknown evaluator
        f"{path}:21:24",  # params of the wrong type
        f"{path}:29:13",  # non-numeric weight
    ]
    assert "unknown layer 'wieghts'" in result.stderr
    assert "weights.fine" not in result.stderr


def test_other_commands_give_the_first_rubric_error_and_the_count(tmp_path: Path) -> None:
    probes = probe(evaluator="nope") + probe(id="weights.more", weight="heavy")
    path = write(tmp_path, rubric_text(probes=probes))
    result = run(["rubrics", "show", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"openaudit: error: {path}:11:16: probe 'weights.files': unknown evaluator 'nope' "
        "(and 1 more error)\n"
    )
