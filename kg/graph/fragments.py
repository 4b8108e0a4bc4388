"""Graph fragments cached by content: the triples one work or one report adds, computed once.

Building a work's triples formats its reference with citeproc (tens of milliseconds a work), and a
report's layer walks its sentences, citations and statistics; on a rebuild of a large project most
of them did not change. A fragment is filed under a digest of everything its builder reads (the
records, as ``repr`` of frozen dataclasses: exact and stable across processes) and of the tool's
code (the cache's ``salt``), so a cached fragment is the fragment those inputs give, or absent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from rdflib import Graph
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
T = TypeVar("T")


class FragmentStore(Protocol):
    """What a fragment cache offers (:class:`kg.pipeline.cache.BuildCache` is one)."""

    @property
    def salt(self) -> str: ...

    def get(self, kind: str, key: str) -> Any | None: ...

    def put(self, kind: str, key: str, value: Any) -> None: ...


def fragment_key(salt: str, parts: object) -> str:
    """The content key of a fragment: the code's digest and the exact ``repr`` of its inputs."""
    digest = hashlib.sha256(salt.encode())
    digest.update(repr(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cached_fragment(
    graph: Graph, store: FragmentStore | None, kind: str, parts: object, make: Callable[[Graph], T]
) -> T:
    """Add the fragment ``make`` builds from ``parts`` to ``graph``, from ``store`` when it has it.

    ``make`` adds its triples to the graph it is given and returns what the caller needs besides
    (picklable); it must read nothing but ``parts`` (and the code), or a stale fragment is served."""
    if store is None:
        return make(graph)
    key = fragment_key(store.salt, parts)
    found = store.get(kind, key)
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], list):
        triples, extra = found
    else:
        own = Graph()
        extra = make(own)
        triples = list(own)
        store.put(kind, key, (triples, extra))
    for triple in triples:
        graph.add(triple)
    return extra
