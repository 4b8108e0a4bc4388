"""Shared fixtures: one built graph per test session, reused by most tests."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def built(tmp_path_factory, paths):
    """The real corpus built once (with SHACL and the reasoner) into a temporary folder."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("build")
    result = build(paths, out, progress=lambda _: None)
    return result


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
