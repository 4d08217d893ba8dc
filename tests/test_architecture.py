"""How the code is laid out, kept so: ``config/`` is plumbing that names no app, and no module
of ours imports, directly or through others, a module that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
APPS = ("core", "stores", "live", "menus", "calls", "orders", "reports", "tablet")
PACKAGES = ("config", *APPS)


def modules() -> dict[str, Path]:
    """Every module of ours but tests and migrations, by dotted name."""
    found = {}
    for package in PACKAGES:
        for path in (PROJECT / package).rglob("*.py"):
            parts = path.relative_to(PROJECT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of ours that ``path`` imports, at the top or inside a function."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        imported.update(name for name in names if name in known)
    return imported


def test_config_names_no_app():
    known = modules()
    for name, path in known.items():
        if name.split(".")[0] == "config":
            reached = {module.split(".")[0] for module in imports_of(path, known)}
            assert not reached & set(APPS), f"{name} imports {sorted(reached & set(APPS))}"


def test_no_module_imports_itself_back():
    known = modules()
    graph = {name: imports_of(path, known) - {name} for name, path in known.items()}
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        for imported in sorted(graph[name]):
            if imported in trail:
                cycles.append([*trail[trail.index(imported) :], imported])
            elif imported not in done:
                visit(imported, [*trail, imported])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])

    assert cycles == []


def test_every_package_with_tests_is_on_the_test_paths():
    """pytest.ini's testpaths is what `make test` and CI run: a new app's tests must be in it."""
    config = (PROJECT / "pytest.ini").read_text()
    testpaths = next(line for line in config.splitlines() if line.startswith("testpaths"))
    listed = set(testpaths.split("=", 1)[1].split())
    with_tests = {package for package in PACKAGES if (PROJECT / package / "tests").is_dir()}

    assert with_tests - listed == set()
