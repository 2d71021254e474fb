"""The stage order written in the README holds: each module imports only its own stage and the stages
before it, and no import cycle exists. Read from the source with ``ast``, every import counted
(those inside functions too)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "notecards"
WHOLE = ("sources", "generate")  # packages that count as one module each


def stage_order() -> dict[str, int]:
    """Module → stage number, from the README's "Stage order" table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Stage order", 1)[1].split("\n#", 1)[0]
    stages: dict[str, int] = {}
    for row in re.findall(r"^\| (\d+)\. [^|]+\| ([^|]+)\|", section, re.M):
        for module in re.findall(r"`([\w.]+)`", row[1]):
            stages[module] = int(row[0])
    return stages


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0] if parts[0] in WHOLE or len(parts) == 1 else ".".join(parts)


def imports(path: Path) -> set[str]:
    """The notecards modules a file imports, as stage names (``sources``, ``generate``, ``lock``…)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]  # ("notecards", …)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = [*package[: len(package) - node.level + 1]]
                target = [*base, *(node.module.split(".") if node.module else [])]
            else:
                target = (node.module or "").split(".")
            if target[0] != "notecards":
                continue
            names = [[*target, alias.name] for alias in node.names] if not node.module or node.level else [target]
            for name in names:
                found.add(_stage_module(name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "notecards":
                    found.add(_stage_module(alias.name.split(".")))
    return found


def _stage_module(dotted: list[str]) -> str:
    """``notecards.lock_file.read_lock`` → ``lock_file``; ``notecards.sources.canonical`` → ``sources``;
    ``notecards`` itself (its ``__init__``) → ``__init__``."""
    rest = dotted[1:]
    if not rest:
        return "__init__"
    if rest[0] in WHOLE:
        return rest[0]
    if (PACKAGE / f"{rest[0]}.py").exists():
        return rest[0]
    return "__init__"  # a name imported from the package itself


def graph() -> dict[str, set[str]]:
    """Module → the modules it imports; a package's internal imports are left out."""
    edges: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        edges.setdefault(name, set()).update(target for target in imports(path) if target != name)
    return edges


def test_the_readme_names_every_module_once() -> None:
    stages = stage_order()
    modules = set(graph())
    assert stages, "no stage table found in the README"
    assert sorted(modules - set(stages)) == [], "modules missing from the README's stage order"
    assert sorted(set(stages) - modules) == [], "the README's stage order names modules that do not exist"


def test_each_module_imports_only_its_own_stage_and_the_stages_before_it() -> None:
    stages = stage_order()
    upward = sorted(
        f"{module} (stage {stages[module]}) imports {target} (stage {stages[target]})"
        for module, targets in graph().items()
        for target in targets
        if module in stages and target in stages and stages[target] > stages[module]
    )
    assert upward == []


def test_no_module_imports_itself_through_others() -> None:
    edges = graph()
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(edges.get(module, ())):
            if target == path[0]:
                cycles.append([*path, target])
            elif target not in path and target > path[0]:  # each cycle once, from its smallest module
                visit(target, [*path, target])

    for start in sorted(edges):
        visit(start, [start])
    assert cycles == []


def test_the_checker_sees_imports_of_every_kind() -> None:
    """The reader itself: relative, absolute, aliased, inside a function, of a package's module."""
    edges = graph()
    assert {"lock", "lock_file", "sources", "version"} <= edges["build"]  # from .x import y
    assert "generate" in edges["jobs"]  # imported inside a function
    assert "lint" in edges["cli"]  # imported inside a function
    assert {"package", "text_export"} <= edges["formats"]  # from . import a, b
    assert "identity" in edges["sources"]  # from ..identity import … inside the package
    assert "lock" in edges["lock_file"] and "lock_file" not in edges["lock"]
