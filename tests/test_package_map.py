"""The package map: which package may import which, as data, checked against the real imports.

Every `import openaudit...` in src/ counts, also one inside a function or under
TYPE_CHECKING. The README's "Package map" table says the same, row for row.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "openaudit"

# Imported by every package but `licenses` (a leaf library): they import nothing of openaudit.
FOUNDATION = (
    "checkpoint_names", "errors", "lazy", "limits", "secrets", "sentences", "textfile",
    "textsearch", "typecheck", "weight_formats", "worker_threads",
)  # fmt: skip
# What each package (or top-level module) of openaudit may import besides the foundation
# and the package root (`openaudit.__version__`); keep the README's table in step.
MAY_IMPORT: dict[str, tuple[str, ...]] = {
    "licenses": (),
    **{name: () for name in FOUNDATION},
    "safeyaml": (),
    "links": ("licenses",),
    "hub_refs": ("links",),
    "reference_links": (),
    "card": ("hub_refs", "licenses", "links", "reference_links", "safeyaml"),
    "base_mentions": ("card",),
    "training_sections": ("card",),
    "data_links": ("card", "training_sections"),
    "evidence": ("card",),
    "base_chain": ("evidence",),
    "verdict": ("evidence",),
    "refs": (),
    "results": ("evidence", "verdict"),
    "config": ("safeyaml",),
    "sources": (
        "base_chain", "base_mentions", "card", "data_links", "evidence", "hub_refs", "licenses",
        "links", "refs",
    ),
    "rubric": (
        "base_chain", "base_mentions", "card", "data_links", "evidence", "licenses", "links",
        "safeyaml", "training_sections", "verdict",
    ),
    "frameworks": (
        "base_chain", "card", "evidence", "licenses", "links", "rubric", "training_sections",
        "verdict",
    ),
    "compare": ("evidence", "results", "rubric", "verdict"),
    "policy": ("compare", "config", "evidence", "results", "rubric", "verdict"),
    "report": ("evidence", "licenses", "policy", "refs", "results", "rubric", "verdict"),
    "batch": ("results",),
    "batch_inputs": ("batch", "refs"),
    "resume": ("report", "results"),
    "scan": (
        "base_chain", "batch", "card", "config", "data_links", "evidence", "hub_refs", "licenses",
        "links", "refs", "report", "results", "rubric", "sources", "verdict",
    ),
    "cli": (
        "batch", "batch_inputs", "card", "compare", "config", "evidence", "licenses", "links",
        "policy", "refs", "report", "results", "resume", "rubric", "safeyaml", "scan",
        "sources", "verdict",
    ),
    "__main__": ("cli",),
}  # fmt: skip
# Modules a package loads by name (importlib) rather than by an import statement:
# the rubric registry loads the built-in evaluator plugins at first use, and the
# frameworks' plugin registers MOF, OSAID and EOSAI with it. The only such arrow.
LOADS_BY_NAME: dict[str, tuple[str, ...]] = {"rubric": ("frameworks",)}
# Third-party packages only some packages may import.
ONLY_IN = {"typer": {"cli"}, "rich": {"cli", "report"}}


def _unit(module: str) -> str:
    """The package map entry a module belongs to: `openaudit.rubric.engine` -> `rubric`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path, src: Path) -> str:
    """`openaudit.rubric.engine` for src/openaudit/rubric/engine.py."""
    parts = list(path.relative_to(src.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, src: Path) -> list[tuple[str, tuple[str, ...], int]]:
    """Every import in a file: (module, names imported from it, line), relative ones resolved."""
    name = module_name(path, src)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for module, level, names, line in _read(path.read_text(encoding="utf-8"))[0]:
        if level:
            base = package.split(".")[: len(package.split(".")) - level + 1]
            module = ".".join([*base, module] if module else base)
        found.append((module, names, line))
    return found


MODULE_NAME = re.compile(r"openaudit(?:\.[a-z_]+)+")


def loaded_by_name(path: Path) -> list[tuple[str, int]]:
    """String constants in a file that name an openaudit module (plugins loaded by name)."""
    return list(_read(path.read_text(encoding="utf-8"))[1])


@cache  # the tests below read the same files: each text is parsed once per run
def _read(
    text: str,
) -> tuple[tuple[tuple[str, int, tuple[str, ...], int], ...], tuple[tuple[str, int], ...]]:
    """A module's imports (module, relative level, names, line) and the string constants
    naming an openaudit module (with their lines)."""
    imports: list[tuple[str, int, tuple[str, ...], int]] = []
    named = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            imports += [(alias.name, 0, (), node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            imports.append((node.module or "", node.level, names, node.lineno))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and MODULE_NAME.fullmatch(node.value)
        ):
            named.append((node.value, node.lineno))
    return tuple(imports), tuple(named)


def source_files(src: Path) -> list[Path]:
    return sorted(src.rglob("*.py"))


def wrong_way_imports(src: Path, may_import: dict[str, tuple[str, ...]]) -> list[str]:
    """Each import of one package by another that the map does not allow, as file:line."""
    problems = []
    for path in source_files(src):
        unit = _unit(module_name(path, src))
        allowed = {unit, "", *may_import.get(unit, ())}
        if unit != "licenses":
            allowed |= set(FOUNDATION)
        for module, _, line in imports_of(path, src):
            if module.split(".")[0] == "openaudit" and _unit(module) not in allowed:
                where = path.relative_to(src.parent)
                problems.append(f"{where}:{line}: {unit or 'openaudit'} imports {module}")
            top = module.split(".")[0]
            if top in ONLY_IN and unit not in ONLY_IN[top]:
                problems.append(f"{path.relative_to(src.parent)}:{line}: {unit} imports {top}")
        by_name = allowed | set(LOADS_BY_NAME.get(unit, ()))
        for module, line in loaded_by_name(path):
            if _unit(module) not in by_name:
                where = path.relative_to(src.parent)
                problems.append(f"{where}:{line}: {unit} loads {module} by name")
    return problems


def module_graph(src: Path) -> dict[str, set[str]]:
    """Module -> the openaudit modules it imports (a name imported from a package that is
    one of its submodules counts as that submodule)."""
    modules = {module_name(path, src) for path in source_files(src)}
    graph: dict[str, set[str]] = defaultdict(set)
    for path in source_files(src):
        name = module_name(path, src)
        for module, names, _ in imports_of(path, src):
            if module not in modules:
                continue
            subs = {f"{module}.{n}" for n in names} & modules
            graph[name] |= subs or {module}
            if names and len(subs) < len(names):
                graph[name].add(module)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_import_follows_the_package_map() -> None:
    assert wrong_way_imports(SRC, MAY_IMPORT) == []


def test_every_package_is_on_the_map() -> None:
    units = {_unit(module_name(path, SRC)) for path in source_files(SRC)} - {""}
    assert units == set(MAY_IMPORT)


def test_the_map_itself_has_no_circle() -> None:
    graph = {unit: set(targets) for unit, targets in MAY_IMPORT.items()}
    for unit in MAY_IMPORT:
        if unit != "licenses" and unit not in FOUNDATION:
            graph[unit] |= set(FOUNDATION)
    assert cycles(graph) == []


def test_a_wrong_way_import_fails(tmp_path: Path) -> None:
    src = tmp_path / "openaudit"
    (src / "licenses").mkdir(parents=True)
    (src / "licenses" / "__init__.py").write_text("")
    (src / "licenses" / "facts.py").write_text("from openaudit.errors import UsageError\n")
    (src / "evidence.py").write_text("import typer\nfrom openaudit.report import render\n")
    (src / "report.py").write_text("from openaudit.evidence import Evidence\n")
    (src / "card.py").write_text('PLUGINS = ("openaudit.report.json",)\n')
    assert wrong_way_imports(src, MAY_IMPORT) == [
        "openaudit/card.py:1: card loads openaudit.report.json by name",
        "openaudit/evidence.py:1: evidence imports typer",
        "openaudit/evidence.py:2: evidence imports openaudit.report",
        "openaudit/licenses/facts.py:1: licenses imports openaudit.errors",
    ]


def test_no_import_circles() -> None:
    assert cycles(module_graph(SRC)) == []


def test_no_module_imports_another_modules_private_names() -> None:
    private = []
    for path in source_files(SRC):
        own = module_name(path, SRC)
        for module, names, line in imports_of(path, SRC):
            if not module.startswith("openaudit") or module == own:
                continue
            hidden = [n for n in names if n.startswith("_") and n != "__version__"]
            hidden += [part for part in module.split(".") if part.startswith("_")]
            if hidden and not (module.endswith("__main__") or own.endswith("__main__")):
                private.append(f"{path.relative_to(SRC.parent)}:{line}: {module} {hidden}")
    assert private == []


def test_module_names_say_what_they_hold_without_their_folder() -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    for path in source_files(SRC):  # a package counts by its folder's name
        name = path.parent.name if path.name == "__init__.py" else path.stem
        if path.parent != SRC or path.name != "__init__.py":
            seen[name].append(str(path.relative_to(SRC)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}


@pytest.mark.parametrize(
    "path", sorted(SRC.rglob("__init__.py")), ids=lambda p: str(p.relative_to(SRC))
)
def test_package_init_files_only_re_export(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body = tree.body[1:] if ast.get_docstring(tree) is not None else tree.body
    for node in body:
        assignment = isinstance(node, ast.Assign) and [
            target.id for target in node.targets if isinstance(target, ast.Name)
        ] in (["__all__"], ["__version__"])
        assert isinstance(node, ast.Import | ast.ImportFrom) or assignment, (
            f"{path.relative_to(SRC)}:{node.lineno}: {type(node).__name__}"
        )


def _readme_map() -> dict[str, tuple[str, ...]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Package map", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    found: dict[str, tuple[str, ...]] = {}
    for row in rows:
        names, _holds, may = (cell.strip() for cell in row.strip("|").split("|"))
        targets = tuple(sorted(re.findall(r"`([\w.]+)`", may)))
        for name in re.findall(r"`([\w.]+)`", names):
            found[name.removeprefix("openaudit.").removesuffix("/")] = targets
    return found


def test_readme_package_map_is_this_map() -> None:
    expected = {unit: tuple(sorted(targets)) for unit, targets in MAY_IMPORT.items()}
    assert _readme_map() == expected


def test_top_level_rubrics_is_a_pointer_to_the_package_copy() -> None:
    pointer = ROOT / "rubrics"
    assert pointer.is_symlink()
    assert pointer.resolve() == (SRC / "rubrics").resolve()
    assert sorted(p.name for p in pointer.iterdir()) == sorted(
        p.name for p in (SRC / "rubrics").iterdir()
    )
