"""Stores: the embedded default (Oxigraph in memory) or a remote SPARQL endpoint.

One setting chooses: ``--endpoint URL`` on the command line or ``KG_ENDPOINT`` in the
environment; without it, the embedded store over the built graph.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import StoreError
from kg.store.base import DEFAULT_LIMIT, DEFAULT_TIMEOUT, Store
from kg.store.embedded import EmbeddedStore
from kg.store.remote import RemoteStore
from kg.store.results import ResultTable, Term

GRAPH_FILE = "kg.nt"


def endpoint_setting(explicit: str | None = None) -> str | None:
    """The remote endpoint chosen by flag or environment, if any."""
    return explicit or os.environ.get("KG_ENDPOINT") or None


def open_store(build_dir: Path, endpoint: str | None = None) -> Store:
    """The store the user chose: remote when an endpoint is set, else the embedded one."""
    chosen = endpoint_setting(endpoint)
    if chosen:
        return RemoteStore(chosen)
    graph_file = build_dir / GRAPH_FILE
    if not graph_file.is_file():
        raise StoreError(f"no built graph at {graph_file}: run `kg build` first")
    return EmbeddedStore.from_file(graph_file)


__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_TIMEOUT",
    "EmbeddedStore",
    "RemoteStore",
    "ResultTable",
    "Store",
    "Term",
    "endpoint_setting",
    "open_store",
]
