"""Shared pytest fixtures.

The environment is set at the very top, before anything imports huggingface_hub,
because the client reads most of its settings once, at import time.
"""

import atexit
import gc
import itertools
import os
import shutil
import sys
import tempfile
from pathlib import Path

_HF_HOME = tempfile.mkdtemp(prefix="openaudit-tests-hf-home-")
atexit.register(shutil.rmtree, _HF_HOME, ignore_errors=True)
os.environ.update(
    HF_HUB_DISABLE_TELEMETRY="1",
    HF_HUB_DISABLE_XET="1",
    HF_HUB_DISABLE_PROGRESS_BARS="1",
    HF_HUB_DISABLE_IMPLICIT_TOKEN="1",
    HF_HOME=_HF_HOME,
)
# Where bytecode is not written (PYTHONDONTWRITEBYTECODE), every Python process the
# suite starts (the entry point, the action's steps, import checks: some 30 a run)
# compiled openaudit's sources again, about 0.4 s of CPU each. They share one bytecode
# cache instead, outside the source tree in a folder of this run (made by the first
# process, the xdist controller, whose workers inherit it): the same code runs.
if os.environ.get("PYTHONDONTWRITEBYTECODE") and "PYTHONPYCACHEPREFIX" not in os.environ:
    _PYCACHE = tempfile.mkdtemp(prefix="openaudit-tests-pycache-")
    atexit.register(shutil.rmtree, _PYCACHE, ignore_errors=True)
    os.environ["PYTHONPYCACHEPREFIX"] = _PYCACHE
    del os.environ["PYTHONDONTWRITEBYTECODE"]
for _name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "HF_ENDPOINT"):
    os.environ.pop(_name, None)
# Output must not depend on the terminal the suite runs in (CI often sets these).
for _name in ("FORCE_COLOR", "NO_COLOR", "COLUMNS"):
    os.environ.pop(_name, None)

# The fake Hub package lives beside this file; importable however pytest is started.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from collections.abc import Iterator  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

import pytest  # noqa: E402
from fakehub import FakeHub  # noqa: E402

if TYPE_CHECKING:
    from openaudit.evidence import Evidence
    from openaudit.verdict import Verdict


def pytest_collection_finish(session: pytest.Session) -> None:
    """Tune the garbage collector once the tests are collected: what exists by then
    (modules, rubrics, test items) lives for the whole run, so it is frozen out of
    the collector's scans, and young collections run ten times less often. The suite
    creates many short-lived containers; with the defaults the collector took about a
    tenth of its CPU time, rescanning the same long-lived objects."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


@pytest.fixture(scope="session")
def fake_hub() -> Iterator[FakeHub]:
    """One fake Hub server on 127.0.0.1 for the whole test session."""
    with FakeHub() as hub:
        yield hub


@pytest.fixture(scope="session")
def hub_models(fake_hub: FakeHub) -> "tuple[Evidence, ...]":
    """Every fixture model the fake Hub serves, fetched once per worker (in `load_repos`
    order), but those no one can read (not found, gated to anyone). Evidence is frozen:
    a test derives variants with `dataclasses.replace`. The modules using it share the
    xdist group "hub_models", so that one worker fetches them for all."""
    from fakehub import load_repos

    from openaudit.errors import OpenAuditError
    from openaudit.sources.hub import fetch_hub_evidence

    found = []
    for (kind, repo_id), _ in load_repos().items():
        if kind != "model":
            continue
        try:
            found.append(fetch_hub_evidence(repo_id, endpoint=fake_hub.url))
        except OpenAuditError:
            continue
    return tuple(found)


@pytest.fixture(scope="session")
def hub_model_verdicts(hub_models: "tuple[Evidence, ...]") -> "dict[str, Verdict]":
    """Each of `hub_models` audited under the default rubric, by repo id."""
    from openaudit.rubric import evaluate, load_rubric

    rubric = load_rubric("openaudit")
    return {str(evidence.repo_id): evaluate(rubric, evidence) for evidence in hub_models}


@pytest.fixture
def hub(fake_hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> FakeHub:
    """The fake Hub with an empty request log, and HF_ENDPOINT pointing at it."""
    fake_hub.reset()
    monkeypatch.setenv("HF_ENDPOINT", fake_hub.url)
    return fake_hub


from golden_util import pytest_addoption  # noqa: E402,F401  (--update-golden)


@pytest.fixture(scope="session")
def _cache_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Paths no test used before, under one folder of the session."""
    root = tmp_path_factory.mktemp("caches")
    return (root / str(number) for number in itertools.count())


@pytest.fixture(autouse=True)
def _own_cache_dir(_cache_dirs: Iterator[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets an empty user cache dir: the evidence cache never leaks between tests.
    The folder is made only by a test that writes to the cache (as for a new user), not
    for each of the suite's thousands of tests, whose empty folders pytest would delete
    one by one in a later run."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(next(_cache_dirs)))


@pytest.fixture(autouse=True, scope="session")
def _fast_retries() -> Iterator[None]:
    """Retries wait milliseconds, not seconds (tests of a silent Hub set their own timeout).
    The timeout is generous: on a busy machine a slow answer must not time out and be
    retried, which would change the requests a test counts."""
    from openaudit.sources import network

    previous = network.current_policy()
    network.configure(base_delay=0.001, max_delay=0.01, timeout=30.0)
    yield
    network.configure(previous)


@pytest.fixture(autouse=True, scope="session")
def _one_click_command_per_app() -> Iterator[None]:
    """typer's CliRunner builds the click command of the app again on every invoke
    (about 7 ms, some 600 times a run); the command is the same each time, so it is built
    once per app. `main()` makes a fresh context for every run, as in a real process."""
    import typer.testing

    build = typer.testing._get_command
    built: dict[int, tuple[object, Any]] = {}

    def command(app: Any) -> Any:
        if id(app) not in built:
            built[id(app)] = (app, build(app))  # the app is held: its id is never reused
        return built[id(app)][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", command)
        yield
