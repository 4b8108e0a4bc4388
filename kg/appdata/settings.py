"""Which graph the app reads, and the named queries it asks.

The settings (endpoint, build folder, project) are read in one place,
:func:`kg.project.settings.read_settings`; the store is opened from the value it gives
(:func:`open_store`), a SPARQL endpoint or the embedded store over the build folder, with no
second reading of a flag or an environment variable on the way.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.project import ProjectPaths
from kg.project.settings import ReadSettings, read_settings
from kg.query import QuerySpec, query_files, read_spec, run_spec
from kg.store import ResultTable, Store, open_embedded


def current() -> ReadSettings:
    """The settings as the environment gives them (``kg app`` sets ``KG_ENDPOINT`` and ``KG_BUILD_DIR``)."""
    return read_settings()


def open_store(chosen: ReadSettings) -> Store:
    """The remote endpoint when one is set, else the embedded store over the build folder's ``kg.nt``.

    Raises :class:`kg.errors.StoreError` (telling the user to run ``kg build``) when there is no graph.
    """
    if chosen.endpoint:
        from kg.store.remote import RemoteStore  # imported when asked for (requests is slow to import)

        return RemoteStore(chosen.endpoint)
    return open_embedded(chosen.local_build())


def canned_queries() -> dict[str, QuerySpec]:
    """Every named query (the package's and the project's), by name, headers read."""
    return {name: spec(name) for name in sorted(_query_files())}


@lru_cache(maxsize=1)
def _query_files() -> dict[str, Path]:
    return query_files(ProjectPaths.find())  # the package's queries, and the project's own if there is one


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
