"""Stores: the embedded default (Oxigraph in memory) or a remote SPARQL endpoint.

Re-exports only: the interface (:mod:`kg.store.base`), the embedded store (:mod:`kg.store.embedded`),
the remote one (:mod:`kg.store.remote`, imported when first asked for), the choice between them
(:mod:`kg.store.opening`) and the answers (:mod:`kg.store.results`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.store.base import DEFAULT_LIMIT, DEFAULT_TIMEOUT, Store
from kg.store.embedded import EmbeddedStore
from kg.store.opening import GRAPH_FILE, endpoint_setting, open_embedded, open_store
from kg.store.results import ResultTable, Term

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore


def __getattr__(name: str) -> Any:
    """``RemoteStore`` imported when first asked for: ``requests`` takes 0.1 s to import, which a
    ``kg query`` on the embedded store does not need."""
    if name == "RemoteStore":
        from kg.store.remote import RemoteStore

        return RemoteStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_TIMEOUT",
    "GRAPH_FILE",
    "EmbeddedStore",
    "RemoteStore",
    "ResultTable",
    "Store",
    "Term",
    "endpoint_setting",
    "open_embedded",
    "open_store",
]
