"""Neighbourhoods of the graph as nodes and edges: the chain of custody behind an item, the
nodes around a centre, and their triples as Turtle or JSON-LD for download.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.appdata.names import RES, short
from kg.appdata.settings import rows, run, spec
from kg.query import run_construct
from kg.store import Store


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Node:
    iri: str
    label: str
    kind: str  # a key of NODE_COLOURS


_KIND_OF_CLASS = {
    "CuratedClaim": "claim",
    "ExtractedClaim": "claim",
    "Claim": "claim",
    "SupportedClaim": "claim",
    "PlatformClaim": "claim",
    "NewsBasedClaim": "claim",
    "Statistic": "statistic",
    "RelayedStatistic": "statistic",
    "Study": "study",
    "InterviewExcerpt": "excerpt",
    "QualityFlag": "flag",
    "Report": "work",
}


def node_kind(iri: str, classes: Iterable[str] = ()) -> str:
    """The legend kind of a node, from its most specific classes or, failing that, its IRI."""
    for c in classes:
        if c in _KIND_OF_CLASS:
            return _KIND_OF_CLASS[c]
    path = iri[len(RES) :] if iri.startswith(RES) else ""
    head = path.split("/", 1)[0]
    return {
        "claim": "claim",
        "stat": "statistic",
        "work": "work",
        "study": "study",
        "excerpt": "excerpt",
        "platform": "platform",
        "org": "organisation",
        "originator": "organisation",
        "flag": "flag",
        "report": "work",
        "data": "study",
    }.get(head, "other")


def chain(store: Store, iri: str, label: str) -> tuple[list[Node], list[Edge]]:
    """The chain of custody behind an item, as nodes and edges (the item first)."""
    nodes = {iri: Node(iri, label, node_kind(iri))}
    edges: list[Edge] = []
    classes: dict[str, list[str]] = {}
    for r in rows(store, "app-chain", item=iri):
        classes.setdefault(r["to"], []).append(r["toClass"])
        if r["to"] not in nodes:
            nodes[r["to"]] = Node(r["to"], r["toLabel"], "other")
        edge = Edge(r["from"], r["to"], r["relation"])
        if edge not in edges:
            edges.append(edge)
    for key, node in list(nodes.items()):
        if key != iri:
            nodes[key] = Node(key, node.label, node_kind(key, classes.get(key, [])))
    return list(nodes.values()), edges


def chain_text(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[str]:
    """The chain as indented lines: ``rests on → Study: …`` under the node it starts from."""
    labels = {n.iri: n for n in nodes}
    out: list[str] = []

    def walk(iri: str, depth: int, seen: frozenset[str]) -> None:
        for e in edges:
            if e.source == iri and e.target not in seen:
                n = labels[e.target]
                out.append(f"{'    ' * depth}└ {e.label} → [{n.kind}] {n.label}")
                walk(e.target, depth + 1, seen | {e.target})

    if nodes:
        walk(nodes[0].iri, 0, frozenset({nodes[0].iri}))
    return out


# --- graph neighbourhoods --------------------------------------------------------------


def neighbourhood(
    store: Store, center: str, depth: int = 1, max_nodes: int = 40
) -> tuple[list[Node], list[Edge], bool]:
    """Nodes within ``depth`` steps of ``center`` over the evidence relations, at most ``max_nodes``.

    Returns the nodes (centre first), the edges among them, and whether the size bound cut it.
    """
    me = run(store, "app-node", node=center).records()
    label = me[0]["label"] if me else short(center)
    classes = [r["kind"] for r in me]
    nodes: dict[str, Node] = {center: Node(center, label, node_kind(center, classes))}
    edges: list[Edge] = []
    frontier, cut = [center], False
    for _ in range(depth):
        next_frontier = []
        for iri in frontier:
            found = rows(store, "app-neighbours", node=iri)
            by_node: dict[str, list[dict[str, str]]] = {}
            for r in found:
                by_node.setdefault(r["neighbour"], []).append(r)
            for other, rs in by_node.items():
                if other not in nodes:
                    if len(nodes) >= max_nodes:
                        cut = True
                        continue
                    nodes[other] = Node(other, rs[0]["label"], node_kind(other, [r["kind"] for r in rs]))
                    next_frontier.append(other)
                for r in rs:
                    prop = r["property"].rsplit("#", 1)[-1]
                    edge = Edge(iri, other, prop) if r["outgoing"] == "true" else Edge(other, iri, prop)
                    if edge not in edges:
                        edges.append(edge)
        frontier = next_frontier
    return list(nodes.values()), edges, cut


def neighbourhood_rdf(store: Store, nodes: Iterable[Node], fmt: str = "turtle") -> str:
    """Every triple whose subject is one of the nodes (their anchors not included), as Turtle or JSON-LD.

    One CONSTRUCT query (``app-neighbourhood``) over all the nodes, serialised by the store.
    """
    iris = [n.iri for n in nodes]
    return run_construct(store, spec("app-neighbourhood"), {"node": iris}, fmt=fmt)
