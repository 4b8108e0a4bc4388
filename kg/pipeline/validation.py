"""SHACL over the graph one part at a time, cached and in parallel, with the whole graph's verdict.

The parts are cut as the reasoner's (:func:`kg.pipeline.reasoning.split_seeded`), from the graph's
N-Triples lines (:mod:`kg.pipeline.shacl_cut`), over every triple of the instance data (``res:``
subjects) this time: a group of reports' nodes, or of shared nodes (its *seeds*), with the triples
of every node they reach in fewer than :data:`DEPTH` outgoing steps; each part is validated together with the vocabulary
(the ontology and the gazetteer's classes, every triple whose subject is not ``res:``), which SHACL
needs for ``sh:class`` and ``sh:targetClass`` (instances of subclasses).

Why the union of the parts' violations is the whole graph's: the shapes (ontology/shapes.ttl) target
classes and constrain only *outgoing* paths of their focus node (no inverse path, no SPARQL), with
value types and counts, nested at most two deep (a claim's anchor's selectors' types), so whether a
node conforms depends on its own triples, those of the nodes it reaches in two steps and the
vocabulary, all of which are in its part. Each node with triples is the seed of one part, and only
its own part's verdict on it is kept (in another part its context may be cut at :data:`DEPTH`); a
node without triples of its own (a value a shape checks through another) is judged in any part. The
nodes nested shapes check (anchors, selectors) are also targeted by their class, so each is judged
in its own part. Bounding the depth keeps a part of pairings (shared nodes pointing at claims of many
reports) from holding those reports whole, and each part asks the engine (pyshacl-turbo, over the
part's N-Triples text: :func:`shacl_part`) to judge its seeds only, so the nodes a part holds as
context are not validated again. tests/test_validate.py checks the equality with pySHACL over the
whole graph (distinct violations) on a copy of the real graph broken in both reports and in a
shared node.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.graph.fragments import run_lines, sorted_ntriples
from kg.pipeline.cache import BuildCache, code_digest
from kg.pipeline.pool import Runner
from kg.pipeline.progress import Say, StageProgress
from kg.pipeline.reasoning import EVERY, Triple
from kg.pipeline.shacl_cut import TYPE, Line, cut_lines, tokens
from kg.validate.shacl import ShaclResult, Violation, native_violations, shapes
from kg.vocab import SH

#: The cache's folder for the parts' SHACL verdicts.
SHACL_KIND = "shacl"
#: Steps from a seed whose nodes' triples a part holds: the shapes' deepest path (claim -> anchor ->
#: selector, whose types ``sh:qualifiedValueShape`` reads) plus one.
DEPTH = 3
#: Shared nodes (works, entities, pairings) per part: smaller than the reasoner's, as pySHACL runs
#: in the worker itself (no Java to start).
SHARED_EVERY = 512
#: Parts' N-Triples held for the workers at once: parts are made and validated in batches of about
#: this many bytes, so a corpus's parts are never all in memory.
BATCH_BYTES = 64 * 2**20


@dataclass(frozen=True)
class ShaclTask:
    """One part's instance triples and the vocabulary, as N-Triples, and the project folder."""

    vocabulary: bytes
    ntriples: bytes
    seeds: tuple[str, ...]
    root: str | None = None
    #: Nodes judged with the seeds, as the shapes nested in a seed's may check them: the part's nodes
    #: with no triples of their own anywhere (a second anchor a claim names by mistake) and those whose
    #: shapes read their own triples only (an anchor's selectors, seeded in parts of their own).
    bare: tuple[str, ...] = ()


def shacl_part(task: ShaclTask) -> list[Violation]:
    """The violations of one part's seeds (run in a worker; pure).

    The part's N-Triples go to pyshacl-turbo as text (:func:`kg.validate.shacl.native_violations`):
    no rdflib graph is made unless there are violations to locate. The engine is asked to judge the
    seeds only (``focus_nodes``), and the nodes without triples of their own: the other nodes of the
    part are there as context and are judged in their own parts, so validating them here too would
    be work thrown away (a part of pairings reaches the claims of many reports). This holds while
    every shape is targeted by class (:func:`_class_targets_only`): a node a shape targets then has
    a type triple, so it is the seed of some part; otherwise the whole part is judged.
    tests/test_validate.py and tests/test_shacl_parts.py check the verdict against pySHACL's over
    the whole graph."""
    text = task.vocabulary.decode("utf-8") + task.ntriples.decode("utf-8")
    root = Path(task.root) if task.root else None
    focus = [*task.seeds, *task.bare] if _class_targets_only() else None
    return native_violations(text, focus, root)


@lru_cache(maxsize=1)
def _class_targets_only() -> bool:
    """Whether every shape's targets are ``sh:targetClass`` ones (no node, subjects-of, objects-of)."""
    others = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    return not any(True for p in others for _ in shapes().subject_objects(p))


#: The constraints of a shape that read only its focus node's own triples (at an IRI path).
_OWN = {
    SH[name]
    for name in """path minCount maxCount hasValue datatype nodeKind in pattern flags minLength maxLength
    minInclusive maxInclusive minExclusive maxExclusive uniqueLang languageIn equals disjoint lessThan
    lessThanOrEquals message name description severity deactivated order group targetClass property""".split()
} | {RDF.type, RDFS.label, RDFS.comment}


def _shape_classes(vocabulary: Graph) -> tuple[set[Node], set[Node]]:
    """The classes some shape targets (with their subclasses), and those a shape targets that reads
    more than its focus node's own values."""
    graph = shapes()

    def own_only(shape: Node) -> bool:
        checked = [shape, *graph.objects(shape, SH.property)]
        if any(not isinstance(path, URIRef) for path in graph.objects(shape, SH.property / SH.path)):
            return False
        return all(p in _OWN for node in checked for p in graph.predicates(node))

    def below(cls: Node) -> set[Node]:
        return {c for c in vocabulary.transitive_subjects(RDFS.subClassOf, cls) if c is not None}

    targeted: set[Node] = set()
    deep: set[Node] = set()
    for shape, cls in graph.subject_objects(SH.targetClass):
        classes = below(cls)
        targeted |= classes
        if not own_only(shape):
            deep |= classes
    return targeted, deep


def _self_contained_lines(vocabulary: Graph) -> Callable[[list[Line]], bool]:
    """Whether a node's SHACL verdict rests on its own lines alone: a shape targets one of its
    types, and every shape that does reads only the node's own values (no ``sh:class``, no nested
    shape, no inverse path), as the pairings' shape. Such a node is validated in a part of its own
    triples (:func:`kg.pipeline.shacl_cut.cut_lines`' ``alone``), not with the claims it points at."""
    targeted, deep = _shape_classes(vocabulary)
    targeted_tokens = {f"<{c}>".encode() for c in targeted}
    deep_tokens = {f"<{c}>".encode() for c in deep}

    def alone(lines: list[Line]) -> bool:
        types = {o for _, p, o, _ in lines if p == TYPE}
        return bool(types & targeted_tokens) and not types & deep_tokens

    return alone


def _self_contained(vocabulary: Graph) -> Callable[[list[Triple]], bool]:
    """:func:`_self_contained_lines` for a node's rdflib triples (one rule for both)."""
    alone_lines = _self_contained_lines(vocabulary)
    return lambda triples: alone_lines([tokens(f"{s.n3()} {p.n3()} {o.n3()} .".encode()) for s, p, o in triples])


def shacl_in_parts(
    graph: Graph,
    root: Path | None = None,
    runner: Runner | None = None,
    cache: BuildCache | None = None,
    progress: Say = lambda _: None,
    every: int = EVERY,
    shared_every: int = SHARED_EVERY,
    depth: int = DEPTH,
) -> ShaclResult:
    """The SHACL verdict on the whole graph, computed part by part (see the module docstring)."""
    lines = run_lines(sorted_ntriples(graph))
    return shacl_of_lines(lines, root, runner, cache, progress, every, shared_every, depth)


def shacl_of_lines(
    lines: Iterable[bytes],
    root: Path | None = None,
    runner: Runner | None = None,
    cache: BuildCache | None = None,
    progress: Say = lambda _: None,
    every: int = EVERY,
    shared_every: int = SHARED_EVERY,
    depth: int = DEPTH,
    folder: Path | None = None,
) -> ShaclResult:
    """:func:`shacl_in_parts` over the graph's sorted, canonical N-Triples lines (the build's runs,
    merged: no rdflib graph of the whole), cut by :func:`kg.pipeline.shacl_cut.cut_lines`."""
    runner = runner or Runner()
    cache = cache or BuildCache(None)

    def alone_in(vocabulary: bytes) -> Callable[[list[Line]], bool]:
        graph = Graph()
        graph.parse(data=vocabulary.decode("utf-8"), format="nt")
        return _self_contained_lines(graph)

    cut = cut_lines(lines, every, shared_every, depth, alone_in, folder)
    shared = cut.vocabulary
    where = str(root) if root is not None else None
    bar = StageProgress("[shacl]", len(cut), progress, unit="parts")
    progress(f"[shacl] {len(cut)} parts; validating those not cached ...")
    found: dict[int, list[Violation]] = {}
    batch: list[tuple[int, str, ShaclTask]] = []
    held = 0

    def run_batch() -> None:
        results = runner.map(shacl_part, [task for _, _, task in batch], bar)
        for (index, key, _), result in zip(batch, results, strict=True):
            found[index] = result
            cache.put(SHACL_KIND, key, result)
        batch.clear()

    computed = 0
    for index in range(len(cut)):  # made one at a time, validated in batches of BATCH_BYTES
        own, part, bare = cut.part(index)
        named = "\n".join(own).encode() + b"\0" + "\n".join(bare).encode()
        key = hashlib.sha256(code_digest().encode() + shared + b"\0" + part + named).hexdigest()
        cached = cache.get(SHACL_KIND, key)
        if isinstance(cached, list):
            found[index] = cached
            bar.advance()
        else:
            batch.append((index, key, ShaclTask(shared, part, tuple(own), where, tuple(bare))))
            held += len(part)
            computed += 1
        if held >= BATCH_BYTES:
            run_batch()
            held = 0
    if batch:
        run_batch()
    bar.finish()
    progress(f"[shacl] {len(cut)} parts, {len(cut) - computed} unchanged (cached), {computed} validated")
    unique = {
        (v.location, v.node, v.message, v.path, v.severity): v
        for index, vs in found.items()
        for v in vs
        if v.node in cut.seeds(index) or not cut.is_subject(v.node)
    }
    violations = sorted(unique.values(), key=lambda v: (v.location, v.node, v.message))
    return ShaclResult(not violations, violations)
