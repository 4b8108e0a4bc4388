"""``kg build``: the whole path from the project to validated graph files.

Sources -> extraction -> graph -> :func:`kg.validate.validate` (SHACL, then HermiT, inferences
materialised) -> outputs written atomically (:mod:`kg.pipeline.outputs`), under the output folder's
lock (:mod:`kg.pipeline.lock`). Nothing is written unless every step succeeds, so a failed or
interrupted build leaves the previous outputs as they were.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.graph import build_graph
from kg.pipeline.counts import count_graph
from kg.pipeline.lock import build_lock
from kg.pipeline.outputs import write_outputs
from kg.pipeline.stages import extract_all, infer_evidence
from kg.project import ProjectPaths
from kg.resolve.extraction import Extraction
from kg.sources.bibtex import to_bibtex
from kg.validate import ReasoningResult, ShaclResult, Validation, validate
from kg.validate.reasoner import TEMP_PREFIX

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


def assemble(
    paths: ProjectPaths, progress: Progress, reasoning: bool = True, workdir: Path | None = None
) -> tuple[Graph, Extraction, Validation]:
    """Extract, build the graph and validate it; the reasoner's inferences are added to the graph."""
    extraction = extract_all(paths, progress)
    evidence = infer_evidence(extraction, progress)
    progress("[graph] building RDF ...")
    graph = build_graph(extraction, evidence)
    progress(f"[graph] {len(graph):,} triples")
    verdict = validate(graph, reasoning=reasoning, root=paths.root, workdir=workdir, progress=progress)
    for triple in verdict.inferred:
        graph.add(triple)
    return graph, extraction, verdict


def build(paths: ProjectPaths, out_dir: Path, progress: Progress, reasoning: bool = True) -> BuildResult:
    """Build and write the graph; raise BuildFailedError (nothing written) when SHACL fails."""
    started = time.perf_counter()
    with build_lock(out_dir, progress):
        for stale in out_dir.glob(f"{TEMP_PREFIX}*"):  # left by a build killed while reasoning
            shutil.rmtree(stale, ignore_errors=True)
        graph, extraction, verdict = assemble(paths, progress, reasoning, workdir=out_dir)
        if verdict.reasoning is None:
            raise BuildFailedError(verdict.shacl)
        counts = count_graph(graph)
        summary = {
            "counts": counts,
            "shacl": verdict.shacl.summary(),
            "reasoning": verdict.reasoning.summary(),
            "reports": [r.key for r in extraction.reports],
        }
        progress(f"[write] {out_dir}")
        works = to_bibtex(extraction.extracted_works) if extraction.extracted_works else ""
        outputs = write_outputs(graph, out_dir, summary, progress, works_bib=works)
    seconds = time.perf_counter() - started
    return BuildResult(graph, extraction, verdict.shacl, verdict.reasoning, counts, seconds, outputs)
