"""Neighbourhoods of the graph as nodes and edges: the chain of custody behind an item, the
nodes around a centre, and their triples as Turtle or JSON-LD for download.

A neighbourhood is drawn for a person, so it is kept readable rather than complete: around each
node at most ``per_kind`` neighbours of one kind are drawn (claims: of one claim kind), the rest
stand in one summary node ("+12 more claims (finding)"), and a report is never opened, since
every claim of the report is stated in it and opening it buries the centre in unrelated claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from kg.appdata import words
from kg.appdata.graph_nodes import (
    LABEL_LIMIT,
    MORE,
    Edge,
    Node,
    describe,
    edge_words,
    first_words,
    kind_words,
    summary_label,
)
from kg.appdata.settings import rows, spec
from kg.query import run_construct
from kg.store import Store

__all__ = ["PER_KIND", "Edge", "Node", "chain", "chain_text", "neighbourhood", "neighbourhood_rdf"]

#: Around one node, at most this many neighbours of one kind (claims: of one claim kind) are drawn.
PER_KIND = 6
#: Nodes whose neighbours are not drawn beyond the centre: every claim of a report is stated in it.
NOT_OPENED = frozenset({"report", "more"})


def chain(store: Store, iri: str, label: str = "") -> tuple[list[Node], list[Edge]]:
    """The chain of custody behind an item, as nodes and edges (the item first).

    ``label`` is the item's words should the graph give none (no quote, no label).
    """
    vocabulary = words.labels(store)
    found = rows(store, "app-chain", item=iri)
    iris = list(dict.fromkeys([iri, *(r["from"] for r in found), *(r["to"] for r in found)]))
    nodes = describe(store, iris, vocabulary)
    if label and not nodes[iri].text:
        nodes[iri] = replace(nodes[iri], label=first_words(label, LABEL_LIMIT), text=label)
    said = {r["relation"]: edge_words(vocabulary, r["relation"]) for r in found}
    edges = list(dict.fromkeys(Edge(r["from"], r["to"], said[r["relation"]], r["relation"]) for r in found))
    return list(nodes.values()), edges


def chain_text(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[str]:
    """The chain as indented lines: ``rests on → [study] …`` under the node it starts from."""
    labels = {n.iri: n for n in nodes}
    out: list[str] = []

    def walk(iri: str, depth: int, seen: frozenset[str]) -> None:
        for e in edges:
            if e.source == iri and e.target not in seen:
                n = labels[e.target]
                out.append(f"{'    ' * depth}└ {e.label} → [{kind_words(n.kind)}] {n.full}")
                walk(e.target, depth + 1, seen | {e.target})

    if nodes:
        walk(nodes[0].iri, 0, frozenset({nodes[0].iri}))
    return out


# --- graph neighbourhoods --------------------------------------------------------------


def _edge(iri: str, other: str, row: Mapping[str, str], vocabulary: Mapping[str, str]) -> Edge:
    relation = row["property"]
    said = edge_words(vocabulary, relation)
    return Edge(iri, other, said, relation) if row["outgoing"] == "true" else Edge(other, iri, said, relation)


def neighbourhood(
    store: Store, center: str, depth: int = 1, max_nodes: int = 40, per_kind: int = PER_KIND
) -> tuple[list[Node], list[Edge], bool]:
    """Nodes within ``depth`` steps of ``center`` over the evidence relations, at most ``max_nodes``.

    Around each node at most ``per_kind`` new neighbours of one kind are drawn; the others are one
    summary node of kind ``more``. Returns the nodes (centre first), the edges among them, and
    whether the size bound cut it.
    """
    vocabulary = words.labels(store)
    nodes: dict[str, Node] = describe(store, [center], vocabulary)
    edges: dict[Edge, None] = {}
    hidden: dict[str, tuple[str, list[list[dict[str, str]]]]] = {}  # summary -> (its node, the rows it hides)
    frontier, cut = [center], False
    for step in range(depth):
        found = {
            iri: rows(store, "app-neighbours", node=iri)
            for iri in frontier
            if step == 0 or nodes[iri].kind not in NOT_OPENED
        }
        new = dict.fromkeys(r["neighbour"] for rs in found.values() for r in rs if r["neighbour"] not in nodes)
        described = describe(store, list(new), vocabulary)
        next_frontier: list[str] = []
        for iri, found_rows in found.items():
            by_node: dict[str, list[dict[str, str]]] = {}
            for r in found_rows:
                by_node.setdefault(r["neighbour"], []).append(r)
            groups: dict[tuple[str, str], list[str]] = {}
            for other, rs in by_node.items():
                if other in nodes:
                    edges.update(dict.fromkeys(_edge(iri, other, r, vocabulary) for r in rs))
                else:
                    groups.setdefault((described[other].kind, described[other].group), []).append(other)
            for (kind, group), members in groups.items():
                members.sort(key=lambda o: -len(by_node[o]))  # the most closely tied first
                shown, rest = members[:per_kind], members[per_kind:]
                for other in shown:
                    if len(nodes) >= max_nodes:
                        cut = True
                        break
                    nodes[other] = described[other]
                    next_frontier.append(other)
                    edges.update(dict.fromkeys(_edge(iri, other, r, vocabulary) for r in by_node[other]))
                if rest and len(nodes) >= max_nodes:
                    cut = True
                elif rest:  # a place for the summary now; what it says once the walk is over
                    key = f"{MORE}{kind}/{group}/{iri}"
                    hidden[key] = (iri, [by_node[o] for o in rest])
                    nodes[key] = Node(key, "", "more", "", kind)
        frontier = next_frontier
    _settle_summaries(nodes, edges, hidden, vocabulary, per_kind)
    return list(nodes.values()), list(edges), cut


def _settle_summaries(
    nodes: dict[str, Node],
    edges: dict[Edge, None],
    hidden: Mapping[str, tuple[str, list[list[dict[str, str]]]]],
    vocabulary: Mapping[str, str],
    per_kind: int,
) -> None:
    """Say what each summary node stands for, once the walk is over.

    A node left out around one node may have been drawn around another: its edge is then drawn
    and the summary counts one fewer (and goes when it stands for nothing).
    """
    for key, (parent, hidden_rows) in hidden.items():
        left = [rs for rs in hidden_rows if rs[0]["neighbour"] not in nodes]
        for rs in hidden_rows:
            if rs[0]["neighbour"] in nodes:
                edges.update(dict.fromkeys(_edge(parent, rs[0]["neighbour"], r, vocabulary) for r in rs))
        if not left:
            del nodes[key]
            continue
        kind, group = key[len(MORE) :].split("/", 2)[:2]
        relations = list(dict.fromkeys(rs[0]["property"] for rs in left))
        said = " / ".join(edge_words(vocabulary, r) for r in relations)
        label = summary_label(kind, group, len(left))
        text = (
            f"{label[1:]} around “{nodes[parent].label}” are not drawn: at most {per_kind} of each kind are "
            "drawn around a node. Allow more of each kind (the slider above the graph) to see them."
        )
        nodes[key] = Node(key, label, "more", text, kind, hidden=len(left))
        outgoing = left[0][0]["outgoing"] == "true"
        edge = (
            Edge(parent, key, said, " ".join(relations)) if outgoing else Edge(key, parent, said, " ".join(relations))
        )
        edges[edge] = None


def neighbourhood_rdf(store: Store, nodes: Iterable[Node], fmt: str = "turtle") -> str:
    """Every triple whose subject is one of the nodes (their anchors not included), as Turtle or JSON-LD.

    One CONSTRUCT query (``app-neighbourhood``) over all the nodes, serialised by the store;
    summary nodes stand for nodes and have no triples.
    """
    iris = [n.iri for n in nodes if n.kind != "more"]
    return run_construct(store, spec("app-neighbourhood"), {"node": iris}, fmt=fmt)
