"""The layers hold: no import cycle among the project's modules, no widget below
desktop/ui, a domain that knows neither Qt nor the database.

Imports are read with `ast`, so every import counts: at the top of a module, inside
a function (a lazy import that closes a circle is still a circle) or under
TYPE_CHECKING. The domain-purity test that reads the domain's source text lives in
test_project.py; the checks here read the parsed graph.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("desktop", "db")

# Cycles allowed: none. A cycle found fails the test; an entry that is gone fails
# it too, so the list can only shrink.
KNOWN_CYCLES: list[frozenset[str]] = []

# Modules outside desktop/ui that may import widgets, and why.
WIDGET_IMPORTERS = {
    # Starts the QApplication and opens the main window: the UI's entry point.
    "desktop.app",
}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path) -> set[str]:
    """Every module name `name` imports, relative imports resolved; `from a import b`
    yields both `a` and `a.b` (b may be a submodule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(project module → project modules it imports, module → every name it imports)."""
    modules = _modules()
    edges: dict[str, set[str]] = {}
    raw: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported = _imported(name, path)
        raw[name] = imported
        targets = set()
        for target in imported:
            # The module itself, or its closest project ancestor (`from a import f`).
            while target and target not in modules:
                target = target.rpartition(".")[0]
            # `import a.b.c` runs a/__init__ and a/b/__init__ first: a facade that
            # imports its submodules is part of every import of one of them. Except
            # from inside the package, whose __init__ is already running.
            while target:
                if target != name and not name.startswith(target + "."):
                    targets.add(target)
                target = target.rpartition(".")[0]
        edges[name] = targets
    return edges, raw


def _cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(frozenset(component))
    return found


def test_the_graph_sees_lazy_and_relative_imports():
    edges, _ = _graph()
    # A relative import and one inside a function, both known today.
    assert "desktop.sync.http" in edges["desktop.sync.commissione"] or any(
        m.startswith("desktop.sync") for m in edges["desktop.sync.service"]
    )
    assert "desktop.domain.problems" in edges["db.problems"]


def test_cycle_finder_finds_a_cycle_and_its_members():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _cycles(edges) == [frozenset({"a", "b", "c"})]


def test_no_import_cycle_among_the_projects_modules():
    edges, _ = _graph()
    found = set(_cycles(edges))
    new = [sorted(c) for c in found if c not in KNOWN_CYCLES]
    gone = [sorted(c) for c in KNOWN_CYCLES if c not in found]
    assert not new, f"new import cycles: {new}"
    assert not gone, f"cycles no longer there, take them off KNOWN_CYCLES: {gone}"


def test_no_widget_import_outside_the_ui():
    _, raw = _graph()
    widgets = ("PySide6.QtWidgets", "PySide6.QtGui")
    offenders = {
        name: sorted(n for n in imported if n.startswith(widgets))
        for name, imported in raw.items()
        if not name.startswith("desktop.ui") and name not in WIDGET_IMPORTERS
    }
    offenders = {name: found for name, found in offenders.items() if found}
    assert not offenders, f"widgets imported outside desktop/ui: {offenders}"


def test_the_domain_imports_neither_qt_nor_the_database():
    _, raw = _graph()
    forbidden = ("PySide6", "sqlalchemy", "alembic", "db")
    offenders = {
        name: sorted(n for n in imported if n.split(".")[0] in forbidden)
        for name, imported in raw.items()
        if name.startswith("desktop.domain")
    }
    offenders = {name: found for name, found in offenders.items() if found}
    assert not offenders, f"the domain imports Qt or the database: {offenders}"
