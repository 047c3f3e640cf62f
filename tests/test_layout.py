"""The package's shape: sub-packages by job, imports that flow one way, a namespaced install.

The import graph is computed from the source (``ast``), without importing
anything. What counts as an edge from module A to module B of pactum:

- every ``import``/``from ... import`` statement in A that names B, wherever it
  stands: at module level, inside a function (a "lazy" import still runs, and
  still couples A to B) or under ``if TYPE_CHECKING:``;
- ``from P import x`` is an edge to ``P.x`` when that is a module, else to ``P``;
- importing ``P.Q.m`` also runs the ``__init__`` of ``P`` and ``P.Q``, so those
  are edges too, except the importer's own enclosing packages (Python is
  already importing them when A runs).

A cycle in that graph fails the test, and so does an edge that goes against
the data flow (:data:`LAYERS`).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Repository folder -> installed package name.
PACKAGES = {"pipeline": "pactum.pipeline", "models": "pactum.models"}

#: The direction data flows in, lowest first: a module may import only from a
#: lower layer or from its own unit (its sub-package, or itself for a top-level
#: module). Units of one layer do not import each other. A unit not listed here
#: (a new sub-package) is still checked for cycles; place it here when it lands.
LAYERS: list[set[str]] = [
    {"pactum.models", "pactum.pipeline", "pactum.pipeline.errors"},
    {"pactum.pipeline.reading", "pactum.pipeline.normalization"},
    {"pactum.pipeline.extraction"},
    {"pactum.pipeline.learned"},
    {"pactum.pipeline.running", "pactum.pipeline.evaluation", "pactum.pipeline.reporting"},
    {"pactum.pipeline.deals"},
    {"pactum.pipeline.api"},
    {"pactum.pipeline.cli"},
]


def _modules() -> dict[str, Path]:
    """RETURNS (dict[str, Path]): installed module name -> source file, for every module of pactum."""
    found = {}
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    if not _is_package(importer):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(importer: str) -> set[str]:
    """RETURNS (set[str]): the pactum modules ``importer`` imports (see the module docstring)."""
    tree = ast.parse(MODULES[importer].read_text(encoding="utf-8"))
    named: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(importer, node)
            for alias in node.names:
                named.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target)
    own = {".".join(importer.split(".")[:i]) for i in range(1, importer.count(".") + 2)}
    edges = set()
    for name in named:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            if prefix in MODULES and prefix not in own:
                edges.add(prefix)
    return edges


GRAPH = {name: _imports(name) for name in MODULES}


def _unit(module: str) -> str:
    """The sub-package a module belongs to, or the module itself at the top of a package."""
    for package in PACKAGES.values():
        if module == package:
            return module
        if module.startswith(package + "."):
            if package == "pactum.models":
                return package
            parts = module.split(".")
            return ".".join(parts[:3])
    raise ValueError(module)


def test_the_modules_are_found():
    assert {"pactum.pipeline.api", "pactum.pipeline.extraction.candidates", "pactum.models.event"} <= set(MODULES)
    assert "pactum.pipeline.extraction.extractor" in GRAPH["pactum.pipeline.running.parallel"]
    assert "pactum.pipeline.errors" in GRAPH["pactum.pipeline.reading.reader"]


def test_no_import_cycles():
    """Depth-first search; the first cycle found is reported as a path."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def test_imports_follow_the_data_flow():
    layer_of = {unit: number for number, units in enumerate(LAYERS) for unit in units}
    wrong = []
    for module, targets in GRAPH.items():
        source = _unit(module)
        for target in targets:
            unit = _unit(target)
            if unit == source or source not in layer_of or unit not in layer_of:
                continue
            if layer_of[unit] >= layer_of[source]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "imports against the data flow (see LAYERS):\n" + "\n".join(sorted(wrong))


def test_project_code_is_imported_by_its_installed_name():
    """Inside the packages: relative imports (or ``pactum.``), never a top-level ``pipeline``/``models``."""
    bad = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            bad += [f"{module}: {n}" for n in names if n.split(".")[0] in PACKAGES]
    assert not bad, bad


def test_every_sub_package_says_what_it_owns():
    for init in sorted((ROOT / "pipeline").glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 25, f"{init.relative_to(ROOT)} needs a docstring saying what it owns"
    folders = {p.parent for p in (ROOT / "pipeline").rglob("*.py")} - {ROOT / "pipeline"}
    missing = [str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()]
    assert not missing, f"folders of modules without __init__.py: {missing}"


def test_every_package_folder_is_installed():
    """pyproject.toml lists the packages by hand (setuptools cannot find them under a new name)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = {name for name in MODULES if _is_package(name)}
    assert set(config["packages"]) == packages
    assert config["package-dir"] == {v: k for k, v in PACKAGES.items()}


def _entry_point_modules(text: str) -> set[str]:
    return {line.split("=", 1)[1].strip().split(":")[0] for line in text.splitlines() if "=" in line}


@pytest.mark.slow
def test_the_wheel_installs_only_under_pactum(tmp_path):
    """Build the wheel from a copy of the sources and read its file list (a few seconds)."""
    pytest.importorskip("setuptools")
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in PACKAGES:
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "-q", "-w", str(tmp_path / "dist"), str(source)], capture_output=True, text=True)
    if result.returncode != 0 and "No module named" in result.stderr:
        pytest.skip(f"cannot build a wheel here: {result.stderr[-200:]}")
    assert result.returncode == 0, result.stderr
    [wheel] = (tmp_path / "dist").glob("pactum-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entry_points = archive.read(info).decode()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"pactum", wheel.name.split("-py")[0] + ".dist-info"}, tops
    for data in ("pactum/pipeline/normalization/data/countries.json",
                 "pactum/pipeline/extraction/data/sentence_head.npz",
                 "pactum/pipeline/reporting/templates/report.html.j2",
                 "pactum/pipeline/reporting/templates/report.js",
                 "pactum/models/event.schema.json",
                 "pactum/models/deal.schema.json"):
        assert data in names, data
    assert {n.replace("/", ".")[:-3] for n in names if n.endswith(".py")} >= \
        {m if not _is_package(m) else m + ".__init__" for m in MODULES}
    assert "pactum = pactum.pipeline.cli:main" in entry_points
    for name in ("events_candidates", "events_merge", "pactum.dates.v1", "pactum.scorer.v1", "pactum.deal_link.v1"):
        assert name in entry_points
    for module in _entry_point_modules(entry_points):
        assert module in MODULES, f"entry point into a module that does not exist: {module}"
