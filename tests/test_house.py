"""The house's rooms: no two modules import each other, and a package's ``__init__.py`` only says what it holds.

A circle of imports works only in the order Python happens to meet it (a lazy or ``TYPE_CHECKING``
import hides it, until someone moves a line); logic in ``__init__.py`` is code a reader cannot find by
its module's name. Both are read with ``ast``: nothing is run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_architecture import MODULES, module_name

NAMES = {module_name(path): path for path in MODULES}

#: Packages whose ``__init__.py`` still holds logic, each waiting on the work that owns it.
INIT_WITH_LOGIC_PENDING: set[str] = set()  # none left


def kg_imports(path: Path) -> set[str]:
    """Every ``kg`` module the file imports, at any depth (lazy and ``TYPE_CHECKING`` imports count).

    ``from kg.x import y`` is an import of ``kg.x.y`` when that is a module, else of ``kg.x``.
    """
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in NAMES else base for a in node.names}
    return {name for name in found if name in NAMES and name != me}


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of two or more modules of an import graph (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return circles


def test_no_modules_import_each_other():
    graph = {name: kg_imports(path) for name, path in NAMES.items()}
    assert sum(len(imported) for imported in graph.values()) > len(graph), "the import graph was not read"
    assert import_circles(graph) == []


def test_the_circle_finder_finds_circles():
    """The finder itself, on a graph with a circle of two and one of three beside a chain."""
    graph = {"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    assert import_circles(graph) == [["c", "d", "e"], ["a", "b"]]


def _lazy_re_export(node: ast.stmt) -> bool:
    """A module ``__getattr__`` (PEP 562) whose body only imports and returns names, or raises AttributeError."""
    if not (isinstance(node, ast.FunctionDef) and node.name == "__getattr__"):
        return False
    allowed = (ast.Import, ast.ImportFrom, ast.Return, ast.Raise, ast.If, ast.Expr)
    return all(
        isinstance(inner, allowed) for inner in ast.walk(node) if isinstance(inner, ast.stmt) and inner is not node
    )


def _holds_logic(node: ast.stmt) -> bool:
    """Anything but a docstring, an import, ``__all__``, a re-exported name or a lazy re-export is logic."""
    if isinstance(node, ast.Import | ast.ImportFrom) or _lazy_re_export(node):
        return False
    if isinstance(node, ast.If) and all(isinstance(inner, ast.Import | ast.ImportFrom) for inner in node.body):
        return False  # ``if TYPE_CHECKING:`` imports
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        return False
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        value = node.value
        dunder = all(n.startswith("__") and n.endswith("__") for n in names) and isinstance(value, ast.Constant)
        if names == ["__all__"] or dunder or isinstance(value, ast.Name | ast.Attribute):
            return False
    return True


INITS = sorted(p for p in MODULES if p.name == "__init__.py")


@pytest.mark.parametrize("path", INITS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_package_init_only_re_exports(path: Path):
    name = module_name(path)
    logic = [node.lineno for node in ast.parse(path.read_text(encoding="utf-8")).body if _holds_logic(node)]
    if name in INIT_WITH_LOGIC_PENDING:
        assert logic, f"{name} holds no logic any more: take it off INIT_WITH_LOGIC_PENDING"
        pytest.skip(f"{name}: its logic moves with the work that owns the package")
    assert not logic, f"{path.relative_to(ROOT)} holds logic on lines {logic}: move it into a named module"


def test_a_lazy_re_export_is_not_logic_but_a_function_that_computes_is():
    lazy = ast.parse(
        "def __getattr__(name):\n    if name == 'X':\n        from m import X\n\n        return X\n"
        "    raise AttributeError(name)\n"
    )
    busy = ast.parse("def __getattr__(name):\n    total = 0\n    return total\n")
    assert not _holds_logic(lazy.body[0]) and _holds_logic(busy.body[0])


def test_each_flag_rule_is_a_module_of_the_registry_and_raises_known_kinds():
    """A rule is one module of kg/evidence/flag_rules/ (found, not listed); its kinds are kinds the tool knows."""
    from kg.evidence.flag_rules import RULE_KINDS, RULES
    from kg.kinds import FLAG_KIND_WORDS, FLAG_KINDS

    modules = sorted(p.stem for p in (ROOT / "kg" / "evidence" / "flag_rules").glob("*.py"))
    rule_modules = [m for m in modules if m not in ("__init__", "context", "registry")]
    assert [rule.find.__module__.rpartition(".")[2] for rule in RULES] == rule_modules
    assert RULE_KINDS <= FLAG_KINDS, f"kinds a rule raises that kg.kinds does not know: {RULE_KINDS - FLAG_KINDS}"
    assert all(FLAG_KIND_WORDS[kind] for kind in RULE_KINDS)
    assert {"no-source", "news-as-evidence", "relayed-figure", "not-in-bibliography"} <= RULE_KINDS
