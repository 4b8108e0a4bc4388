"""Which store a command opens: remote when an endpoint is set, else the embedded one over the built graph.

One setting chooses: ``--endpoint URL`` on the command line or ``KG_ENDPOINT`` in the
environment; without it, the embedded store over the built graph: its on-disk copy
(``kg.store/``, opened read-only at once) when it is the copy of ``kg.nt``, else ``kg.nt`` loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import StoreError
from kg.project.graph_store import STORE_FOLDER, open_read_only
from kg.store.base import Store
from kg.store.embedded import EmbeddedStore

GRAPH_FILE = "kg.nt"


def endpoint_setting(explicit: str | None = None) -> str | None:
    """The remote endpoint chosen by flag or environment, if any."""
    return explicit or os.environ.get("KG_ENDPOINT") or None


def open_store(build_dir: Path, endpoint: str | None = None) -> Store:
    """The store the user chose: remote when an endpoint is set, else the embedded one."""
    chosen = endpoint_setting(endpoint)
    if chosen:
        from kg.store.remote import RemoteStore

        return RemoteStore(chosen)
    return open_embedded(build_dir)


def open_embedded(build_dir: Path) -> EmbeddedStore:
    """The embedded store over the built graph: its on-disk copy when it is kg.nt's, else kg.nt loaded."""
    graph_file = build_dir / GRAPH_FILE
    if not graph_file.is_file():
        raise StoreError(f"no built graph at {graph_file}: run `kg build` first")
    on_disk = open_read_only(build_dir)
    if on_disk is not None:
        return EmbeddedStore.on_disk(on_disk, build_dir / STORE_FOLDER)
    return EmbeddedStore.from_file(graph_file)
