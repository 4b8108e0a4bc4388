"""Which graph the app reads, and the named queries it asks.

The store is chosen once per process (``KG_ENDPOINT`` for a SPARQL endpoint, else the embedded
store over ``KG_BUILD_DIR`` or the project's ``build/``) and loaded once per setting.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from kg.project import ProjectPaths
from kg.query import QuerySpec, query_files, read_spec, run_spec
from kg.store import ResultTable, Store, open_store


def project_paths() -> ProjectPaths:
    return ProjectPaths.discover()


def build_dir() -> Path:
    """The built graph's folder: ``KG_BUILD_DIR`` if set, else the project's ``build/``."""
    chosen = os.environ.get("KG_BUILD_DIR")
    return Path(chosen) if chosen else project_paths().build


def store_setting() -> str:
    """A key naming the store the app reads (endpoint URL or build folder), for caches."""
    return os.environ.get("KG_ENDPOINT") or str(build_dir())


def load_store() -> Store:
    """The remote endpoint when ``KG_ENDPOINT`` is set, else the embedded store over ``kg.nt``.

    Loaded once per process and setting.
    Raises :class:`kg.errors.StoreError` (telling the user to run ``kg build``) when there is no graph.
    """
    return _store_for(store_setting())


@lru_cache(maxsize=4)
def _store_for(setting: str) -> Store:
    del setting  # the cache key: one store per build folder or endpoint
    return open_store(build_dir())


def canned_queries() -> dict[str, QuerySpec]:
    """Every named query (the package's and the project's), by name, headers read."""
    return {name: spec(name) for name in sorted(_query_files())}


@lru_cache(maxsize=1)
def _query_files() -> dict[str, Path]:
    return query_files(ProjectPaths.find())


@lru_cache(maxsize=64)
def spec(name: str) -> QuerySpec:
    """One named query, fast: header read, not re-parsed.

    The app runs only the package's and the project's own files, which ``kg.query.load_registry``
    checks read-only in the test suite; parsing every one again in Python would cost the first
    page seconds. What a user types goes through :func:`kg.appdata.console.console`, which checks it.
    """
    return read_spec(_query_files()[name])


def run(store: Store, name: str, **params: str) -> ResultTable:
    """Run a named query with raw string parameters (validated and bound by kg.query)."""
    return run_spec(store, spec(name), params)


def rows(store: Store, name: str, **params: str) -> list[dict[str, str]]:
    return run(store, name, **params).records()


def all_rows(store: Store, name: str, **params: str) -> list[dict[str, str]]:
    """Every record of a named query, past the row limit an interactive query keeps.

    For lists whose totals a page shows: at 1,000 reports there are 16,000 claims, and a list
    that silently stopped at the 10,000th would misstate its own count.
    """
    return run_spec(store, spec(name), params, limit=None).records()


def rows_of(store: Store, name: str, iri: str) -> list[dict[str, str]]:
    """Rows of a named query whose single parameter is an IRI."""
    return run(store, name, **{spec(name).params[0].name: iri}).records()
