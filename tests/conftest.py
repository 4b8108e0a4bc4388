"""Shared fixtures: one built graph per test session, reused by most tests."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bytecode_in_the_cache() -> None:
    """With ``PYTHONDONTWRITEBYTECODE`` set, the run's processes keep compiled code under ``.cache/pycache/``.

    Without any, every worker compiled the ``kg`` package and rewrote every test module's asserts anew (half
    of a worker's collection), and every ``kg`` a test starts compiled the package again (~0.8 CPU-s each).
    The setting's point, no ``__pycache__`` beside the sources, holds: ``.cache/`` is the checkout's cache
    (git ignores it), where the session build is kept too. Set here, before the package is imported, and in
    the environment that xdist's workers and the tests' ``kg`` processes inherit.
    """
    if not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return
    prefix = str(ROOT / ".cache" / "pycache")
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False


_bytecode_in_the_cache()

from kg.project import ProjectPaths  # noqa: E402 - after the bytecode setting, so that the package uses it

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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fresh-build",
        action="store_true",
        help="build the real corpus afresh instead of reusing the build kept in .cache/test-build/ for the same inputs",
    )


def session_build(config: pytest.Config):
    """The real corpus built with SHACL and the reasoner, once per run and kept for the next run with the same inputs
    (:mod:`tests.session_build` says what the key covers)."""
    from tests.session_build import shared_build

    return shared_build(ROOT, ProjectPaths.discover(ROOT), fresh=config.getoption("--fresh-build"))


@pytest.fixture(scope="session")
def built(request):
    """The session's build (:func:`session_build`)."""
    return session_build(request.config)


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


def seeded_out(build_dir: Path, out: Path, without: tuple[str, ...] = (), *, outputs: bool = False) -> Path:
    """A new output folder holding a copy of the session build's cache, as if an earlier build had run there.

    For tests whose subject is not the cache (a build that fails, is killed, waits for another, or
    reads a report just added): the cache's keys cover everything a task reads and the code
    (:mod:`kg.pipeline.cache`), so an entry is the answer for those inputs or goes unused, and a
    build writes the bytes it writes from an empty cache (``test_build_cache.py`` checks that). The
    build then extracts only what the test changed instead of the whole corpus again. ``without``
    names kinds of entry left out (``("reason",)``: the reasoner still runs, for tests that stop it).
    ``outputs`` copies the build's output files too: the previous outputs of a test whose subject is a later
    build that must leave them as they were (one build of the project's copy fewer).
    """
    from kg.pipeline.cache import CACHE_DIR

    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(build_dir / CACHE_DIR, out / CACHE_DIR, ignore=lambda folder, names: [*without])
    if outputs:
        for path in build_dir.iterdir():
            if path.is_file() and not path.name.startswith("."):
                shutil.copy2(path, out / path.name)
    return out


#: The costliest modules, costliest first (summed wall of the tests of a full run, session 6, on a loaded machine:
#: what a module holds a worker for). Under ``--dist loadscope`` a module goes to one worker as a whole, in the
#: order collected (``--no-loadscope-reorder`` in pyproject.toml): heavy modules started first share out between
#: the workers, where xdist's own order (most tests first) left a few long modules of few tests to the end, on one
#: worker while the other sat idle. A module missing here only runs later; the order changes no test's result.
COSTLIEST_FIRST = (
    "test_build",
    "test_remote_store",
    "test_real_pdfs",
    "test_reason_rules",
    "test_bad_input_intake",
    "test_build_fragments",
    "test_reason_parts",
    "test_virtuoso",
    "test_dask_build",
    "test_install",
    "test_bad_input",
    "test_hostile_queries",
    "test_pairing_cache",
    "test_exports",
    "test_build_cache",
    "test_app",
    "test_app_over_kg_serve",
    "test_endpoint",
    "test_validate",
    "test_third_report",
    "test_user_tasks",
    "test_hostile_serve",
    "test_hostile_answers",
    "test_app_filters",
    "test_app_browser_graph",
    "test_real_corpus_manifest",
    "test_enrich_hostile",
    "test_shacl_parts",
    "test_graph_view",
    "test_app_browser",
    "test_shacl_engine",
    "test_enrich",
    "test_bibtex_pieces",
    "test_app_remote",
    "test_claim_queries",
    "test_hostile_answer_streams",
    "test_app_search",
)


class _CostliestFirst:
    """Runs after every other ``pytest_collection_modifyitems`` (``-m`` and fixtures' own order included)."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Modules in :data:`COSTLIEST_FIRST`'s order, then the rest by number of tests (xdist's own rule);
        a module's tests keep their order."""
        rank = {f"tests/{name}.py": place for place, name in enumerate(COSTLIEST_FIRST)}
        modules = [item.nodeid.split("::", 1)[0] for item in items]
        count: dict[str, int] = {}
        for module in modules:
            count[module] = count.get(module, 0) + 1
        ordered = sorted(count, key=lambda m: (rank.get(m, len(rank)), -count[m] if m not in rank else 0, m))
        building = {m for m, item in zip(modules, items) if "built" in getattr(item, "fixturenames", ())}
        ordered = _build_free_second(ordered, building)
        place = {module: n for n, module in enumerate(ordered)}
        keyed = sorted(zip(modules, range(len(items)), items), key=lambda entry: (place[entry[0]], entry[1]))
        items[:] = [item for _, _, item in keyed]


def _build_free_second(ordered: list[str], building: set[str]) -> list[str]:
    """The order with the two costliest modules that never read the session build second and fourth.

    xdist hands the first module to one worker and the second to the other, then the next module to whichever
    is nearly done: on a fresh clone one worker builds the real corpus for the session while the other runs
    modules that need no build instead of waiting on the lock.
    """
    free = [m for m in ordered if m not in building][:2]
    rest = [m for m in ordered if m not in free]
    for position, module in zip((1, 3), free):
        rest.insert(min(position, len(rest)), module)
    return rest


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_CostliestFirst(), "kg-costliest-first")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test against a SPARQL server it starts (``server``: Oxigraph, Virtuoso) or in headless Chromium
    (``browser``, beside a Streamlit server) is end to end: ``slow`` too."""
    for item in items:
        end_to_end = any(item.get_closest_marker(name) is not None for name in ("server", "browser"))
        if end_to_end and item.get_closest_marker("slow") is None:
            item.add_marker(pytest.mark.slow)
