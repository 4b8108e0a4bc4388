"""SHACL over the graph one part at a time, cached and in parallel, with the whole graph's verdict.

The parts are cut as the reasoner's (:func:`kg.pipeline.reasoning.split_seeded`), over every triple
of the instance data (``res:`` subjects) this time: a group of reports' nodes, or of shared nodes
(its *seeds*), with the triples of every node they reach in fewer than :data:`DEPTH` outgoing steps;
each part is validated together with the vocabulary
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
reports) from holding those reports whole. tests/test_validate.py checks the equality (distinct
violations) on a copy of the real graph broken in both reports and in a shared node.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.pipeline.cache import BuildCache, code_digest
from kg.pipeline.outputs import sorted_ntriples
from kg.pipeline.pool import Runner
from kg.pipeline.progress import Say, StageProgress
from kg.pipeline.reasoning import EVERY, Triple, ntriples_of, split_seeded
from kg.validate.shacl import ShaclResult, Violation, run_shacl, shapes
from kg.vocab import RES

#: The cache's folder for the parts' SHACL verdicts.
SHACL_KIND = "shacl"
#: Steps from a seed whose nodes' triples a part holds: the shapes' deepest path (claim -> anchor ->
#: selector, whose types ``sh:qualifiedValueShape`` reads) plus one.
DEPTH = 3
#: Shared nodes (works, entities, pairings) per part: smaller than the reasoner's, as pySHACL runs
#: in the worker itself (no Java to start).
SHARED_EVERY = 512


@dataclass(frozen=True)
class ShaclTask:
    """One part's instance triples and the vocabulary, as N-Triples, and the project folder."""

    vocabulary: bytes
    ntriples: bytes
    seeds: tuple[str, ...]
    root: str | None = None


def shacl_part(task: ShaclTask) -> list[Violation]:
    """The violations of one part (run in a worker; pure)."""
    graph = Graph()
    graph.parse(data=task.vocabulary.decode("utf-8"), format="nt")
    graph.parse(data=task.ntriples.decode("utf-8"), format="nt")
    return run_shacl(graph, shapes(), Path(task.root) if task.root else None).violations


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
    runner = runner or Runner()
    cache = cache or BuildCache(None)
    base = str(RES)
    instance: list[Triple] = []
    vocabulary = Graph()
    for triple in graph:
        if str(triple[0]).startswith(base):
            instance.append(triple)
        else:
            vocabulary.add(triple)
    shared = sorted_ntriples(vocabulary)
    cut = split_seeded(instance, every, shared_every, depth)
    parts = [ntriples_of(triples) for _, triples in cut]
    seeds = [tuple(sorted(str(n) for n in part_seeds)) for part_seeds, _ in cut]
    keys = [
        hashlib.sha256(code_digest().encode() + shared + b"\0" + part + "\n".join(s).encode()).hexdigest()
        for part, s in zip(parts, seeds, strict=True)
    ]
    found, missing = cache.lists(SHACL_KIND, keys)
    progress(
        f"[shacl] {len(parts)} parts, {len(parts) - len(missing)} unchanged (cached); validating {len(missing)} ..."
    )
    where = str(root) if root is not None else None
    bar = StageProgress("[shacl]", len(missing), progress, unit="parts")
    results = runner.map(shacl_part, [ShaclTask(shared, parts[i], seeds[i], where) for i in missing], bar)
    if missing:
        bar.finish()
    for index, result in zip(missing, results, strict=True):
        found[index] = result
        cache.put(SHACL_KIND, keys[index], result)
    subjects = {str(t[0]) for t in instance}
    own = [set(s) for s in seeds]
    unique = {
        (v.location, v.node, v.message, v.path, v.severity): v
        for index, vs in found.items()
        for v in vs
        if v.node in own[index] or v.node not in subjects
    }
    violations = sorted(unique.values(), key=lambda v: (v.location, v.node, v.message))
    return ShaclResult(not violations, violations)
