"""``kg build``: the whole path from the project to validated graph files.

Sources -> extraction (per report, cached, in worker processes or on Dask) -> graph ->
:func:`kg.validate.validate` (SHACL part by part, cached; then the OWL entailments by rules read from the
ontology, or HermiT part by part with ``--reasoner hermit``) ->
outputs written atomically (:mod:`kg.pipeline.outputs`), then the new cache entries
(:mod:`kg.pipeline.cache`), under the output folder's lock (:mod:`kg.pipeline.lock`). Nothing is
written unless every step succeeds, so a failed or interrupted build leaves the previous outputs
and cache as they were.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.graph import build_graph
from kg.graph.fragments import RecordingGraph, sorted_ntriples
from kg.pipeline.cache import BuildCache
from kg.pipeline.counts import count_graph
from kg.pipeline.lock import build_lock
from kg.pipeline.outputs import merged_lines, write_outputs
from kg.pipeline.pool import Runner
from kg.pipeline.read_side import read_side_graph
from kg.pipeline.reasoning import reasoner_for
from kg.pipeline.stages import extract_all, infer_evidence
from kg.pipeline.validation import shacl_in_parts, shacl_of_lines
from kg.pipeline.warm import warm_fragments
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
    paths: ProjectPaths,
    progress: Progress,
    reasoning: bool = True,
    workdir: Path | None = None,
    runner: Runner | None = None,
    cache: BuildCache | None = None,
    reasoner: str = "rules",
    runs: list[bytes] | None = None,
) -> tuple[Graph, Extraction, Validation]:
    """Extract, build the graph and validate it; the reasoner's inferences are added to the graph.

    ``runner`` runs the per-report tasks and the reasoning parts; ``cache`` holds their results;
    ``reasoner`` is ``rules`` (the ontology's axioms as rules) or ``hermit``; with ``runs``, the
    graph's fragments are also given as sorted N-Triples runs (:func:`build_graph`) and the graph
    records what is added besides (a :class:`~kg.graph.fragments.RecordingGraph`)."""
    runner = runner or Runner()
    cache = cache or BuildCache(None)
    extraction = extract_all(paths, progress, runner=runner, cache=cache)
    evidence = infer_evidence(extraction, progress, cache, runner)
    warm_fragments(extraction, evidence, cache, runner, progress)  # the fragments made in the pool
    progress("[graph] building RDF ...")
    graph = build_graph(extraction, evidence, cache, runs)
    progress(f"[graph] {len(graph):,} triples")

    def shacl(graph: Graph, root: Path | None) -> ShaclResult:
        if runs is not None and isinstance(graph, RecordingGraph):  # cut from the runs' lines
            added, removed = graph.runs()
            return shacl_of_lines(merged_lines([*runs, *added], removed), root, runner, cache, progress)
        return shacl_in_parts(graph, root, runner, cache, progress)

    verdict = validate(
        graph,
        reasoning=reasoning,
        root=paths.root,
        workdir=workdir,
        progress=progress,
        reasoner=reasoner_for(reasoner, runner, cache, progress),
        shacl=shacl,
    )
    for triple in verdict.inferred:
        graph.add(triple)
    return graph, extraction, verdict


def build(
    paths: ProjectPaths,
    out_dir: Path,
    progress: Progress,
    reasoning: bool = True,
    runner: Runner | None = None,
    reasoner: str = "rules",
) -> BuildResult:
    """Build and write the graph; raise BuildFailedError (nothing written) when SHACL fails.

    Per-report records and reasoning parts are cached in ``out_dir/.kg-cache`` by content key: a
    rebuild redoes what changed; the cache is written after the outputs, and only when they are."""
    started = time.perf_counter()
    with build_lock(out_dir, progress):
        for stale in out_dir.glob(f"{TEMP_PREFIX}*"):  # left by a build killed while reasoning
            shutil.rmtree(stale, ignore_errors=True)
        cache = BuildCache(out_dir)
        runs: list[bytes] = []
        graph, extraction, verdict = assemble(paths, progress, reasoning, out_dir, runner, cache, reasoner, runs)
        if verdict.reasoning is None:
            raise BuildFailedError(verdict.shacl)
        counts = count_graph(graph)
        summary = {
            "counts": counts,
            "shacl": verdict.shacl.summary(),
            "reasoning": verdict.reasoning.summary(),
            "reports": [r.key for r in extraction.reports],
        }
        read_side = read_side_graph(extraction, cache)  # the read side's copy: texts, spans, bibliography
        added, removed = graph.runs() if isinstance(graph, RecordingGraph) else ([sorted_ntriples(graph)], set())
        graph += read_side  # after counting
        runs += [*added, sorted_ntriples(read_side)]
        progress(f"[write] {out_dir}")
        works = to_bibtex(extraction.extracted_works) if extraction.extracted_works else ""
        outputs = write_outputs(None, out_dir, summary, progress, works, runs, removed)
        cache.commit()
    seconds = time.perf_counter() - started
    return BuildResult(graph, extraction, verdict.shacl, verdict.reasoning, counts, seconds, outputs)
