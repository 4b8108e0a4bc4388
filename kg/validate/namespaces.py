"""A namespace manager whose cost per IRI does not grow with the IRIs it has met (for pySHACL).

pySHACL writes every node of every result it makes (the results of nested shapes too, thrown away
when the outer shape passes) with ``node.n3(namespace_manager)``. rdflib's
:meth:`~rdflib.namespace.NamespaceManager.normalizeUri` first files the IRI's namespace in a prefix
trie whose siblings it scans one by one, and the graph's IRIs have a namespace each
(``.../anchor/REPORT/120-135/`` of ``.../anchor/REPORT/120-135/position``): SHACL over one large
report spent most of its time there, quadratic in the report's length. Only a namespace that has a
prefix can be written as a prefixed name, so this manager answers the others with ``<IRI>`` (what
rdflib answers for them) without filing them; the rest go to rdflib as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rdflib import Graph, URIRef, Variable
from rdflib.namespace import NamespaceManager, split_uri


class LinearNamespaceManager(NamespaceManager):
    """rdflib's manager, minus the filing of namespaces that have no prefix (see the module docstring)."""

    def normalizeUri(self, rdfTerm: str) -> str:  # noqa: N802, N803 - rdflib's names
        if not isinstance(rdfTerm, Variable):
            try:
                namespace, _name = split_uri(rdfTerm)
            except ValueError:
                return super().normalizeUri(rdfTerm)
            if self.store.prefix(URIRef(namespace)) is None:
                return f"<{rdfTerm}>"
        return super().normalizeUri(rdfTerm)


@contextmanager
def linear_namespaces(graph: Graph) -> Iterator[Graph]:
    """The graph with a :class:`LinearNamespaceManager` (same prefixes, kept in its store) for the block."""
    previous = graph.namespace_manager
    graph.namespace_manager = LinearNamespaceManager(graph, bind_namespaces="none")
    try:
        yield graph
    finally:
        graph.namespace_manager = previous
