"""The house: imports run one way along the data path, and no room holds more than one concern.

The stages and the order in which they may import each other are those of docs/architecture.md;
this test reads every module's imports (with ``ast``, nothing is run) and fails on an arrow that
runs back up, so the layout cannot drift from the note.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FOUNDATION = ("kg", "kg.errors", "kg.records", "kg.kinds", "kg.vocab", "kg.project", "kg.ontology", "kg.queries")

#: The write side: the project's files to a validated graph and its outputs (``kg build``), in order.
WRITE_SIDE = [
    ("sources", ("kg.sources",)),
    ("extract", ("kg.extract",)),
    ("resolve", ("kg.resolve",)),
    ("evidence", ("kg.evidence",)),
    ("enrich", ("kg.enrich",)),
    ("graph", ("kg.graph",)),
    ("validate", ("kg.validate",)),
    ("pipeline", ("kg.pipeline",)),
]
#: The read side: the built graph (a store or an endpoint) to answers, downloads and pages, in order.
READ_SIDE = [
    ("store", ("kg.store",)),
    ("query", ("kg.query",)),
    ("endpoint", ("kg.endpoint",)),
    ("exports", ("kg.exports",)),
    ("appdata", ("kg.appdata",)),
    ("app", ("kg.app",)),
]
#: The data path, in order; a module may import its own stage and the stages before it on its own side.
STAGES = [("foundation", FOUNDATION), *WRITE_SIDE, *READ_SIDE, ("cli", ("kg.cli", "kg.__main__"))]
WRITE = {name for name, _ in WRITE_SIDE}
READ = {name for name, _ in READ_SIDE}
MAX_LINES = 400


def stage_of(module: str) -> int:
    best, best_len = -1, -1
    for index, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    if best < 0:
        raise AssertionError(f"{module} belongs to no stage of docs/architecture.md")
    return best


#: The top-level folders installed into the package (pyproject's package-dir) and the package each is.
PACKAGE_DIRS = {"kg": "kg", "app": "kg.app", "ontology": "kg.ontology", "queries": "kg.queries"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    parts = PACKAGE_DIRS[parts[0]].split(".") + parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[str, int]]:
    """``(module, line)`` for every ``kg`` module the file imports, at any depth (lazy imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name.split(".")[0] == "kg"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if base.split(".")[0] == "kg":
                # ``from kg import x`` may import the submodule kg.x
                found += [(f"{base}.{a.name}" if base in ("kg",) else base, node.lineno) for a in node.names]
    return found


MODULES = sorted(p for folder in PACKAGE_DIRS for p in (ROOT / folder).rglob("*.py"))
PACKAGE_DATA = sorted(p for folder in ("ontology", "queries") for p in (ROOT / folder).iterdir() if p.suffix != ".py")


def test_every_module_belongs_to_a_stage():
    for path in MODULES:
        stage_of(module_name(path))


def side_of(stage: int) -> str:
    name = STAGES[stage][0]
    return "write" if name in WRITE else "read" if name in READ else name


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_one_way_along_the_data_path(path: Path):
    mine = stage_of(module_name(path))
    for imported, line in imports_of(path):
        theirs = stage_of(imported)
        assert theirs <= mine, (
            f"{path.relative_to(ROOT)}:{line} ({STAGES[mine][0]}) imports {imported} ({STAGES[theirs][0]}), "
            "a later stage of the data path"
        )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_write_side_and_the_read_side_are_two_chains(path: Path):
    """The read side (store, query, endpoint, exports, appdata, app) reads only the build's output, so it
    imports nothing of the write side (sources ... pipeline), and the write side nothing of the read side:
    the app runs against an endpoint with no project folder beside it. Only the foundation and the
    ``kg`` command (which runs both) join them."""
    mine = side_of(stage_of(module_name(path)))
    if mine not in ("write", "read"):
        return
    for imported, line in imports_of(path):
        theirs = side_of(stage_of(imported))
        assert theirs in (mine, "foundation"), (
            f"{path.relative_to(ROOT)}:{line} (the {mine} side) imports {imported} (the {theirs} side)"
        )


def test_the_read_side_names_no_module_of_the_write_side():
    """The brief's words, checked directly: kg.exports, kg.appdata and app/ import nothing from
    kg.sources, kg.extract, kg.resolve, kg.graph or kg.pipeline (at any depth, lazy imports too)."""
    forbidden = ("kg.sources", "kg.extract", "kg.resolve", "kg.graph", "kg.pipeline")
    read = [p for p in MODULES if module_name(p).startswith(("kg.exports", "kg.appdata", "kg.app"))]
    assert len(read) > 40
    found = [
        f"{p.relative_to(ROOT)}:{line} imports {name}"
        for p in read
        for name, line in imports_of(p)
        if name.startswith(forbidden)
    ]
    assert not found, found


def test_the_apps_date_patterns_are_the_builds():
    """kg.appdata.dates is the read side's copy of kg.sources.dates: the two must say the same."""
    from kg.appdata import dates as read
    from kg.sources import dates as write

    for name in ("YEAR", "MONTH", "MONTH_DAY_YEAR"):
        assert getattr(read, name) == getattr(write, name), name


def test_no_module_is_a_room_of_many_concerns():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES}
    too_big = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not too_big, f"modules over {MAX_LINES} lines: {too_big}"


def test_the_architecture_note_lists_every_stage_in_order():
    note = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    positions = [note.find(f"`{prefixes[0]}`") for _, prefixes in STAGES[1:]]
    assert all(p >= 0 for p in positions), [s for s, p in zip(STAGES[1:], positions, strict=True) if p < 0]
    assert positions == sorted(positions), "docs/architecture.md lists the stages in another order"


def test_tests_and_benchmarks_do_not_import_each_other():
    for folder, other in (("benchmarks", "tests"), ("tests", "benchmarks"), ("harness", "tests")):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                assert not any(n.split(".")[0] == other for n in names), f"{path.relative_to(ROOT)} imports {other}"


def test_no_code_names_a_report_of_the_corpus():
    """No corpus in the code: report keys and resource IRIs live in the project's data, not in kg/."""
    keys = [
        line.split("{", 1)[1].split(",", 1)[0]
        for line in (ROOT / "bib" / "reports.bib").read_text().splitlines()
        if line.startswith("@")
    ]
    assert keys
    for path in [*MODULES, *PACKAGE_DATA]:
        text = path.read_text(encoding="utf-8")
        for key in keys:
            assert key not in text, f"{path.relative_to(ROOT)} names the report '{key}'"
        assert "resource/stat/" not in text and "resource/work/" not in text, path


def test_every_source_file_is_tracked_by_git():
    """A module an ignore rule hides works here and is missing from every clone (kg/build/lock.py once was)."""
    import shutil
    import subprocess

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = set(
        subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    )
    ignored = subprocess.run(
        [
            "git",
            "ls-files",
            "--others",
            "--ignored",
            "--exclude-standard",
            "kg",
            "app",
            "ontology",
            "queries",
            "harness",
            "tests",
            "benchmarks",
            "scripts",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    outputs = ("__pycache__", "benchmarks/results/", "tests/screenshots/")
    hidden = [
        p for p in ignored if p.endswith((".py", ".rq", ".ttl", ".yaml", ".json")) and not any(o in p for o in outputs)
    ]
    assert not hidden, f"ignored by .gitignore, so missing from a clone: {hidden}"
    assert "kg/pipeline/lock.py" in tracked


def test_ruff_and_mypy_read_every_module_of_the_package():
    """An exclusion that hides a package (``build`` once hid ``kg/build/``) is caught: ruff's files are the tree's."""
    import shutil
    import subprocess
    import sys
    import tomllib

    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    listed = subprocess.run([ruff, "check", "--show-files", "."], cwd=ROOT, capture_output=True, text=True).stdout
    checked = {Path(line.strip()).resolve() for line in listed.splitlines() if line.strip().endswith(".py")}
    assert checked, "ruff listed no files"
    missing = [str(p.relative_to(ROOT)) for p in MODULES if p.resolve() not in checked]
    assert not missing, f"ruff does not check: {missing}"
    mypy_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]["files"]
    assert set(mypy_files) == set(PACKAGE_DIRS), f"mypy reads {mypy_files}, the package is {sorted(PACKAGE_DIRS)}"
