"""Many reasoning parts in one HermiT run, each part's inferences kept apart.

Each HermiT run starts a JVM and preprocesses the ontology before it reads a single individual:
seconds of CPU that a part of a few reports paid again and again (at 50 KB a report, more than the
part's own reasoning). A batch puts several parts into one run as *disjoint copies*: part ``k``'s
``res:`` individuals are renamed ``res:~k/…`` (:func:`copy_iri`), so no individual of one copy has
an edge to or from another's, and the ontology's own individuals (``ekg:`` values) stay shared as
they are in every part. The inferences about copy ``k``'s individuals are then mapped back and are
part ``k``'s.

Why this is each part's own answer: HermiT's answer over the union contains each part's answer
(monotonicity); and the union maps onto the whole graph (every copy onto its original nodes), so
the Horn ontology entails about a copy only what it entails about the original in the whole graph,
which the parts' answers together already hold (tests/test_reason_parts.py proves parts and whole
equal, through this batched path). A result that names another copy's individual would break that
reasoning, so it is an error, never silently kept. The parts' cache keys and results are those of
single runs; batching changes only how many JVMs start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.vocab import RES

Triple = tuple[Node, Node, Node]

#: At most this many N-Triples lines of parts in one HermiT run: HermiT's memory (owlready2 gives its
#: JVM 2 GB) and the granularity of the work spread over the workers bound it.
BATCH_LINES = 120_000

_BASE = str(RES)


@dataclass(frozen=True)
class BatchTask:
    """Parts, each as sorted N-Triples, reasoned in one HermiT run; where its temporary files go."""

    parts: tuple[bytes, ...]
    workdir: str | None = None


def copy_iri(node: Node, index: int) -> Node:
    """``node`` in copy ``index``: a ``res:`` IRI renamed into the copy's own space; others as they are."""
    if isinstance(node, URIRef) and node.startswith(_BASE):
        return URIRef(f"{_BASE}~{index}/{node[len(_BASE) :]}")
    return node


def _original(node: Node) -> tuple[int | None, Node]:
    """The copy a node belongs to (None: not a copy) and its original IRI."""
    if isinstance(node, URIRef) and node.startswith(_BASE + "~"):
        index, _, rest = node[len(_BASE) + 1 :].partition("/")
        return int(index), URIRef(_BASE + rest)
    return None, node


def reason_batch(task: BatchTask) -> list[list[Triple]]:
    """HermiT's inferences for each part of ``task``, in order, from one run (in a worker; pure)."""
    from kg.graph.vocabulary import ontology
    from kg.pipeline.reasoning import sort_inferences
    from kg.validate.reasoner import hermit_inferences

    subset = ontology()
    for index, ntriples in enumerate(task.parts):
        part = Graph()
        part.parse(data=ntriples.decode("utf-8"), format="nt")
        for s, p, o in part:
            subset.add((copy_iri(s, index), p, copy_iri(o, index)))
    workdir = Path(task.workdir) if task.workdir and Path(task.workdir).is_dir() else None
    found: list[list[Triple]] = [[] for _ in task.parts]
    for s, p, o in hermit_inferences(subset, workdir):
        copy, subject = _original(s)
        elsewhere, obj = _original(o)
        if copy is None or (elsewhere is not None and elsewhere != copy):
            raise KgError(f"the reasoner's batch mixed its parts ({s} {p} {o}); build with --jobs 1 and report it")
        found[copy].append((subject, p, obj))
    return [sort_inferences(triples) for triples in found]


def batches(parts: Iterable[bytes], workers: int, limit: int = BATCH_LINES) -> list[list[int]]:
    """The parts' indices grouped into runs: at least one run per worker (while there are parts), and
    at most ``limit`` lines a run (a larger part runs alone); consecutive parts stay together."""
    sizes = [part.count(b"\n") for part in parts]
    total = sum(sizes)
    target = min(limit, max(1, -(-total // max(workers, 1))))
    groups: list[list[int]] = [[]]
    lines = 0
    for index, size in enumerate(sizes):
        if groups[-1] and lines + size > target:
            groups.append([])
            lines = 0
        groups[-1].append(index)
        lines += size
    return [g for g in groups if g]
