"""Shared fixtures: one built graph per test session, reused by most tests."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import shutil
from pathlib import Path

import pytest

from kg.project import ProjectPaths

ROOT = Path(__file__).resolve().parent.parent
SHARED_SOURCES = ROOT.parent / "shared" / "sources"
#: A browser test module's mark: it needs Debian's chromium.
NEEDS_CHROMIUM = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="session")
def paths() -> ProjectPaths:
    return ProjectPaths.discover(ROOT)


@pytest.fixture(scope="session")
def reports(paths):
    from kg.sources.text import load_reports

    return {r.key: r for r in load_reports(paths)}


#: What the session's build reads: a change to any of these is a different build.
BUILD_INPUTS = ("corpus", "bib", "annotations", "gazetteer.ttl", "ontology", "queries", "kg")


def inputs_digest(root: Path = ROOT) -> str:
    """A digest of every file the build reads (the project's inputs and the code), for naming the shared build."""
    digest = hashlib.sha256()
    for name in BUILD_INPUTS:
        top = root / name
        found = [top] if top.is_file() else sorted(top.rglob("*"))
        files = [path for path in found if path.is_file() and "__pycache__" not in path.parts]
        for path in files:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def built(tmp_path_factory, paths):
    """The real corpus built once (with SHACL and the reasoner) into a temporary folder.

    Under pytest-xdist every worker is a session of its own; the first to get here builds into a
    folder of the run's temporary root named by the inputs' digest (under a file lock) and leaves the
    result there pickled, and the others wait on the lock and read it, so a run builds once.
    """
    from kg.pipeline import build

    if not os.environ.get("PYTEST_XDIST_WORKER"):  # not under xdist
        return build(paths, tmp_path_factory.mktemp("build"), progress=lambda _: None)
    shared = tmp_path_factory.getbasetemp().parent / f"built-{inputs_digest()}"
    shared.mkdir(exist_ok=True)
    pickled = shared / "result.pickle"
    with (shared.parent / f"{shared.name}.lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if pickled.is_file():
                return pickle.loads(pickled.read_bytes())
            result = build(paths, shared / "out", progress=lambda _: None)
            partial = pickled.with_suffix(".partial")
            partial.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(pickled)
            return result
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def build_dir(built) -> Path:
    return built.outputs["kg.nt"].parent


@pytest.fixture(scope="session")
def store(build_dir):
    from kg.store import EmbeddedStore

    return EmbeddedStore.from_file(build_dir / "kg.nt")


def copy_project(dest: Path) -> ProjectPaths:
    """A writable copy of the project's inputs, for tests that break or extend them."""
    for name in ("corpus", "bib", "annotations"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "gazetteer.ttl", dest / "gazetteer.ttl")
    return ProjectPaths.discover(dest)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test against a SPARQL server it starts (``server``: Oxigraph, Virtuoso) is end to end: ``slow`` too."""
    for item in items:
        if item.get_closest_marker("server") is not None and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow)
