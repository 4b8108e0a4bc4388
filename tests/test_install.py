"""Installable as a tool: a wheel of the package (not this checkout) makes a project of its own and builds it.

The wheel is built with ``pip wheel`` and installed into a folder of its own; the commands then run
from a folder outside the checkout, with that folder first on the path, so that the ontology, the
shapes, the default gazetteer, the queries and the app can only come from the installed package.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.app_server import free_port, stop_app, wait_healthy
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "third_style"
OWN_ENTRY = """
@techreport{thirdstyle,
  title  = {Moderation and Displacement on Small Platforms},
  year   = {2024},
  kind   = {report},
}
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The package built as a wheel and installed (without its dependencies, which the test venv has)."""
    wheels, target = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, timeout=300)
    wheel = next(wheels.glob("evidence_kg-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300)
    return target


def _kg(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_HOME", "KG_BUILD_DIR", "KG_ENDPOINT")}
    env["PYTHONPATH"] = str(site)
    command = [sys.executable, "-m", "kg.cli", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_the_installed_package_is_not_this_checkout(installed, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed)}
    found = subprocess.run(
        [sys.executable, "-c", "import kg, kg.project.data as d; print(kg.__file__); print(d.ONTOLOGY)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(installed) for p in found), found
    assert Path(found[1]).is_file()


@pytest.mark.slow
def test_the_wheel_carries_the_top_level_folders_as_parts_of_the_package(installed):
    """ontology/, queries/ and app/ sit at the top of the repository; the wheel holds them inside kg/."""
    package = installed / "kg"
    assert (package / "ontology" / "evidence-kg.ttl").is_file() and (package / "ontology" / "shapes.ttl").is_file()
    shipped = {p.name for p in (package / "queries").glob("*.rq")}
    assert shipped == {p.name for p in (ROOT / "queries").glob("*.rq")}
    pages = {p.name for p in (package / "app" / "screens").glob("*.py")}
    assert (
        pages == {p.name for p in (ROOT / "app" / "screens").glob("*.py")} and (package / "app" / "Home.py").is_file()
    )
    assert not (installed / "ontology").exists() and not (installed / "app").exists(), "installed as top-level packages"


def test_pyproject_lists_every_package_of_the_tree():
    """The package list is explicit (find() cannot see app/ as kg.app): it must name every folder with code."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {"kg": "kg", **{v: k for k, v in config["package-dir"].items()}}
    found = set()
    for top, package in folders.items():
        for init in (ROOT / top).rglob("__init__.py"):
            if top == "kg" and any(init.is_relative_to(ROOT / f) for f in folders if f != "kg"):
                continue
            found.add(".".join([package, *init.parent.relative_to(ROOT / top).parts]))
    assert set(config["packages"]) == found


@pytest.mark.slow
def test_an_editable_install_reads_the_checkouts_folders(tmp_path):
    """``pip install -e .``: the ontology, queries and pages are this checkout's files, edits show at once."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], check=True, timeout=300)
    code = "import kg.project.data as d, kg.app.launch as a; print(d.ONTOLOGY); print(d.QUERIES); print(a.HOME)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    shown = subprocess.run(
        [str(venv / "bin" / "python"), "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert [Path(p) for p in shown] == [
        ROOT / "ontology" / "evidence-kg.ttl",
        ROOT / "queries",
        ROOT / "app" / "Home.py",
    ]


@pytest.mark.slow
def test_kg_init_then_add_build_and_query_outside_the_checkout(installed, tmp_path):
    project = tmp_path / "my-project"
    made = _kg(installed, tmp_path, "init", str(project))
    assert made.returncode == 0, made.stderr
    assert {p.name for p in project.iterdir()} >= {"corpus", "bib", "annotations", "gazetteer.ttl"}
    bib = tmp_path / "thirdstyle.bib"
    bib.write_text((FIXTURE / "references.bib").read_text(encoding="utf-8") + OWN_ENTRY, encoding="utf-8")
    added = _kg(installed, project, "add", str(FIXTURE / "report.txt"), "--bib", str(bib), "--id", "thirdstyle")
    assert added.returncode == 0, added.stderr
    built = _kg(installed, project, "build", "--quiet")
    assert built.returncode == 0, built.stderr
    assert "SHACL: conforms" in built.stdout and "reasoning (rules): consistent" in built.stdout
    assert (project / "build" / "kg.nt").is_file()
    reports = _kg(installed, project, "query", "reports", "--format", "csv")
    assert reports.returncode == 0 and "thirdstyle" in reports.stdout and "policing2020" not in reports.stdout
    citations = _kg(installed, project, "query", "citations", "--format", "csv")
    assert "okonkwo2018" in citations.stdout and "vanderberg2016" in citations.stdout


@pytest.mark.slow
def test_kg_init_refuses_a_folder_that_is_not_empty(installed, tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    refused = _kg(installed, tmp_path, "init", str(tmp_path / "busy"))
    assert refused.returncode == 2 and "not empty" in refused.stderr and "Traceback" not in refused.stderr
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]


@pytest.mark.slow
def test_outside_any_project_a_command_says_how_to_make_one(installed, tmp_path):
    lost = _kg(installed, tmp_path, "build")
    assert lost.returncode == 2 and "kg init" in lost.stderr and "Traceback" not in lost.stderr


@pytest.mark.slow
def test_the_installed_app_serves_a_new_project(installed, tmp_path):
    project = tmp_path / "empty-project"
    assert _kg(installed, tmp_path, "init", str(project)).returncode == 0
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("KG_HOME", "KG_BUILD_DIR", "KG_ENDPOINT")}
    env["PYTHONPATH"] = str(installed)
    command = [sys.executable, "-m", "kg.cli", "app", "--port", str(port)]
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process)
    finally:
        stop_app(process)
    assert (project / "build" / "kg.nt").is_file(), "kg app built the new project's graph first"
