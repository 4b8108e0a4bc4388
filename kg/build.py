"""``kg build``: the whole path from the corpus to validated graph files, with progress.

Sources -> extraction -> graph -> SHACL -> reasoning (materialised) -> outputs. Nothing
is written unless every step succeeds, so a failed build leaves the previous outputs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph import build_graph
from kg.paths import ProjectPaths
from kg.pipeline import Extraction, extract_all
from kg.store.outputs import write_outputs
from kg.validate import ReasoningResult, ShaclResult, ontology_graph, reason, run_shacl
from kg.vocab import EKG

Progress = Callable[[str], None]


class BuildFailedError(Exception):
    """The graph did not validate; nothing was written."""

    def __init__(self, shacl: ShaclResult) -> None:
        self.shacl = shacl
        super().__init__(shacl.summary())


@dataclass
class BuildResult:
    graph: Graph
    extraction: Extraction
    shacl: ShaclResult
    reasoning: ReasoningResult
    counts: dict[str, int]
    seconds: float
    outputs: dict[str, Path]


def _instances(graph: Graph, cls: URIRef) -> int:
    """Instances of a class or of its subclasses (as the ontology declares them)."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return len({s for c in classes for s in graph.subjects(RDF.type, c)})


def count_graph(graph: Graph) -> dict[str, int]:
    return {
        "reports": _instances(graph, EKG.Report),
        "claims": _instances(graph, EKG.Claim),
        "curated claims": _instances(graph, EKG.CuratedClaim),
        "statistics": _instances(graph, EKG.Statistic),
        "citation occurrences": _instances(graph, EKG.CitationOccurrence),
        "works": _instances(graph, EKG.CitedWork),
        "platforms": _instances(graph, EKG.Platform),
        "agencies": _instances(graph, EKG.Agency),
        "organizations": _instances(graph, EKG.Organization),
        "mentions": _instances(graph, EKG.Mention),
        "triples": len(graph),
    }


def assemble(
    paths: ProjectPaths, progress: Progress, reasoning: bool = True
) -> tuple[Graph, Extraction, ShaclResult, ReasoningResult]:
    """Extract, build the graph, validate it and add the reasoner's inferences."""
    extraction = extract_all(paths, progress)
    progress("[graph] building RDF ...")
    graph = build_graph(extraction)
    progress(f"[graph] {len(graph):,} triples")
    progress("[validate] SHACL shapes ...")
    shapes = Graph().parse(paths.shapes_file, format="turtle")
    shacl = run_shacl(graph, shapes)
    progress(f"[validate] {shacl.summary()}")
    if not shacl.conforms:
        raise BuildFailedError(shacl)
    if reasoning:
        progress("[validate] OWL reasoning with HermiT ...")
        result, inferred = reason(graph, ontology_graph(paths.ontology_file))
        for triple in inferred:
            graph.add(triple)
        progress(f"[validate] {result.summary()}")
    else:
        result = ReasoningResult("skipped", "reasoning turned off (--no-reason)")
    return graph, extraction, shacl, result


def build(paths: ProjectPaths, out_dir: Path, progress: Progress, reasoning: bool = True) -> BuildResult:
    started = time.perf_counter()
    graph, extraction, shacl, result = assemble(paths, progress, reasoning)
    counts = count_graph(graph)
    summary = {
        "counts": counts,
        "shacl": shacl.summary(),
        "reasoning": result.summary(),
        "reports": [r.key for r in extraction.reports],
    }
    progress(f"[write] {out_dir}")
    outputs = write_outputs(graph, out_dir, summary, progress)
    return BuildResult(graph, extraction, shacl, result, counts, time.perf_counter() - started, outputs)
