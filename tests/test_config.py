"""Config files and OPENAUDIT_* variables: discovery, precedence, one-line errors."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from openaudit.config import ConfigError, find_config, load_config
from openaudit.errors import UsageError
from openaudit.policy.from_config import policy_from_config

FLAGS_UNSET: dict[str, object] = {
    "fail-under": None,
    "require": None,
    "require-class": None,
    "fail-on": None,
    "baseline": None,
    "rubric": None,
    "format": None,
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_nearest_config_upward_wins(tmp_path: Path) -> None:
    write(tmp_path / ".openaudit.yaml", "fail-under: 10\n")
    write(tmp_path / "a" / "pyproject.toml", "[tool.openaudit]\nfail-under = 20\n")
    write(tmp_path / "a" / "b" / "pyproject.toml", "[project]\nname = 'x'\n")  # no table
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir()
    assert find_config(deep) == tmp_path / "a" / "pyproject.toml"
    assert find_config(tmp_path) == tmp_path / ".openaudit.yaml"
    config = load_config(FLAGS_UNSET, environ={}, cwd=deep)
    value = config.get("fail-under")
    assert value is not None and value.value == 20
    assert value.origin == f"{tmp_path / 'a' / 'pyproject.toml'}:2"


@pytest.mark.parametrize(
    ("flag", "env", "expected", "origin"),
    [
        (None, None, 10, "cfg:1"),
        (None, "30", "30", "OPENAUDIT_FAIL_UNDER"),
        (50, "30", 50, "--fail-under"),
    ],
)
def test_flags_beat_environment_beat_file(
    tmp_path: Path, flag: int | None, env: str | None, expected: object, origin: str
) -> None:
    path = write(tmp_path / ".openaudit.yaml", "fail-under: 10\nrequire: [weights=open]\n")
    environ = {"OPENAUDIT_FAIL_UNDER": env} if env else {}
    config = load_config(FLAGS_UNSET | {"fail-under": flag}, environ=environ, cwd=tmp_path)
    value = config.get("fail-under")
    assert value is not None and value.value == expected
    assert value.origin == origin.replace("cfg", str(path))
    require = config.get("require")
    assert require is not None and require.value == ["weights=open"]  # untouched


def test_environment_lists_are_comma_separated(tmp_path: Path) -> None:
    config = load_config(FLAGS_UNSET, environ={"OPENAUDIT_FAIL_ON": "gated, pickle"}, cwd=tmp_path)
    value = config.get("fail-on")
    assert value is not None and value.value == ["gated", "pickle"]


def test_config_flag_and_env_name_a_file(tmp_path: Path) -> None:
    path = write(tmp_path / "ci" / "gate.yaml", "fail-under: 70\n")
    by_env = load_config(FLAGS_UNSET, environ={"OPENAUDIT_CONFIG": str(path)}, cwd=tmp_path)
    assert by_env.path == path
    with pytest.raises(ConfigError, match=r"--config: config file .*missing\.yaml not found"):
        load_config(FLAGS_UNSET, config_path=tmp_path / "missing.yaml", environ={})


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            ".openaudit.yaml",
            "fail-under: 10\nfail_under: 3\n",
            r":2: unknown key 'fail_under' \(did you mean 'fail-under'\?\)",
        ),
        (
            ".openaudit.yaml",
            "colour: red\n",
            r":1: unknown key 'colour'; expected one of fail-under",
        ),
        (".openaudit.yaml", "fail-under: [\n", r"\.openaudit\.yaml:2:1: "),
        (".openaudit.yaml", "- a\n- b\n", r":1: expected a mapping of settings"),
        (".openaudit.yaml", "rubric: x\nrubric: y\n", r":2: duplicate key 'rubric'"),
        (".openaudit.yaml", "x: !!python/object:os.system ls\n", "unknown key 'x'"),
        (".openaudit.yaml", "fail-under: !!python/name:os.system ''\n", "could not determine"),
        (
            "pyproject.toml",
            "[tool.openaudit]\nfail-under = 1\nbogus = 2\n",
            r"pyproject\.toml:3: unknown key 'bogus'",
        ),
        ("pyproject.toml", "[tool.openaudit]\nfail-under = \n", r"pyproject\.toml:2: "),
        ("pyproject.toml", "[tool]\nopenaudit = 3\n", r"\[tool\.openaudit\] must be a table"),
    ],
)
def test_bad_config_files_are_one_line_errors(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(FLAGS_UNSET, config_path=path, environ={})
    assert "\n" not in caught.value.one_line()
    assert caught.value.message.startswith(str(path))


def test_toml_waivers_point_at_their_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.openaudit]\nfail-under = 50\n\n[[tool.openaudit.waivers]]\nprobe = "gated"\n'
        'reason = "release pending"\nexpires = 2027-01-31\n',
    )
    config = load_config(FLAGS_UNSET, config_path=path, environ={})
    waivers = config.get("waivers")
    assert waivers is not None
    (entry,) = waivers.value
    assert entry.origin == f"{path}:4"
    assert entry.value["reason"] == "release pending"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[ tool.openaudit.waivers ]]\nprobe = "pickle"\n',
        encoding="utf-8",
    )
    second = load_config(FLAGS_UNSET, config_path=path, environ={}).get("waivers")
    assert second is not None
    assert [w.origin for w in second.value] == [f"{path}:4", f"{path}:9"]


def test_an_oversized_config_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / ".openaudit.yaml", "# " + "x" * 300_000 + "\n")
    with pytest.raises(ConfigError, match="over 262144 bytes"):
        load_config(FLAGS_UNSET, config_path=path, environ={})


TOKENS = [
    *"abz-_:=[]{}\"'#!&*|>\n 019.,@",
    "fail-under",
    "waivers",
    "require",
    "probe",
    "reason",
    "!!str ",
    "!!python/name:",
    "[tool.openaudit]\n",
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join),
    st.sampled_from([".openaudit.yaml", "pyproject.toml"]),
)
def test_any_config_text_is_read_or_refused_in_one_line(text: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            config = load_config(FLAGS_UNSET, config_path=path, environ={})
            policy_from_config(config)
        except UsageError as exc:
            assert "\n" not in exc.one_line()
            assert exc.message.startswith(str(path)) or exc.message.startswith("--")


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 500)
    | st.sampled_from(["gated", "weights=open", "mof=II", "2026-01-01", "usage.*", "x", ""])
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["probe", "reason", "expires", "model", "x"]), inner)
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from([*FLAGS_UNSET, "waivers", "other"]), VALUES, max_size=5))
def test_any_config_values_are_used_or_refused_in_one_line(settings_: dict[str, object]) -> None:
    from openaudit.policy import check_selectors
    from openaudit.rubric import load_rubric

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".openaudit.yaml"
        path.write_text(yaml.safe_dump(settings_), encoding="utf-8")
        try:
            policy = policy_from_config(load_config(FLAGS_UNSET, config_path=path, environ={}))
            check_selectors(policy, load_rubric("openaudit"))
        except UsageError as exc:
            assert "\n" not in exc.one_line()
