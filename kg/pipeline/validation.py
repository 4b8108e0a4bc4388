"""SHACL over the graph one part at a time, cached and in parallel, with the whole graph's verdict.

The parts are those of the reasoner (:func:`kg.pipeline.reasoning.split`), over every triple of
the instance data (``res:`` subjects) this time: a group of reports' nodes, or of shared nodes,
with everything they reach by outgoing edges; each part is validated together with the vocabulary
(the ontology and the gazetteer's classes, every triple whose subject is not ``res:``), which SHACL
needs for ``sh:class`` and ``sh:targetClass`` (instances of subclasses).

Why the union of the parts' violations is the whole graph's: the shapes (ontology/shapes.ttl) target
classes and constrain only *outgoing* paths of their focus node (no inverse path, no SPARQL), with
value types and counts, so whether a node conforms depends on its own triples, the triples of the
nodes it reaches and the vocabulary, all of which are in every part that holds the node; each node
of the graph is a seed of one part. Violations found in several parts (a shared node) are one.
tests/test_validate.py checks the equality on a broken copy of the real graph.
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
from kg.pipeline.reasoning import EVERY, SHARED_EVERY, Triple, ntriples_of, split
from kg.validate.shacl import ShaclResult, Violation, run_shacl, shapes
from kg.vocab import RES

#: The cache's folder for the parts' SHACL verdicts.
SHACL_KIND = "shacl"


@dataclass(frozen=True)
class ShaclTask:
    """One part's instance triples and the vocabulary, as N-Triples, and the project folder."""

    vocabulary: bytes
    ntriples: bytes
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
    parts = [ntriples_of(part) for part in split(instance, every, shared_every)]
    keys = [hashlib.sha256(code_digest().encode() + shared + b"\0" + part).hexdigest() for part in parts]
    found: dict[int, list[Violation]] = {}
    missing = []
    for index, key in enumerate(keys):
        cached = cache.get(SHACL_KIND, key)
        if isinstance(cached, list):
            found[index] = cached
        else:
            missing.append(index)
    progress(
        f"[shacl] {len(parts)} parts, {len(parts) - len(missing)} unchanged (cached); validating {len(missing)} ..."
    )
    where = str(root) if root is not None else None
    bar = StageProgress("[shacl]", len(missing), progress, unit="parts")
    results = runner.map(shacl_part, [ShaclTask(shared, parts[i], where) for i in missing], bar)
    if missing:
        bar.finish()
    for index, result in zip(missing, results, strict=True):
        found[index] = result
        cache.put(SHACL_KIND, keys[index], result)
    unique = {(v.location, v.node, v.message, v.path, v.severity): v for vs in found.values() for v in vs}
    violations = sorted(unique.values(), key=lambda v: (v.location, v.node, v.message))
    return ShaclResult(not violations, violations)
