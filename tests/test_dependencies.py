"""Dependencies tell the truth: what src/ imports is what pyproject.toml declares."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _imports() -> dict[str, set[str]]:
    """Third-party module paths imported anywhere in src/ (inside functions too)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("openaudit", "__future__"):
                    found.setdefault(top, set()).add(name)
    return found


@cache
def packages_distributions() -> dict[str, list[str]]:
    """Top-level module -> distributions that provide it (slow: computed once)."""
    return dict(metadata.packages_distributions())


def _dependencies() -> list[str]:
    """The core dependencies and the optional `scale` extra's (imported by openaudit.scan)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["scale"]]


def _declared() -> set[str]:
    return {_normal(re.split(r"[<>=!~\[ ;]", dep, maxsplit=1)[0]) for dep in _dependencies()}


def test_every_imported_package_is_declared_with_a_range() -> None:
    distributions = packages_distributions()
    declared = _declared()
    for module in _imports():
        owners = {_normal(d) for d in distributions.get(module, [])}
        assert owners & declared, f"{module} is imported but not declared ({owners})"
    for dependency in _dependencies():
        assert re.search(r">=[^,]+,\s*<", dependency), f"{dependency}: no tested range"


def test_every_declared_package_is_imported() -> None:
    distributions = packages_distributions()
    imported = {_normal(d) for module in _imports() for d in distributions.get(module, [])}
    assert _declared() <= imported, _declared() - imported


def test_nothing_is_imported_through_a_package_s_internals() -> None:
    private = sorted(
        name
        for names in _imports().values()
        for name in names
        if any(part.startswith("_") for part in name.split(".")[1:])
    )
    assert private == []
