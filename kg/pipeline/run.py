"""``kg build``: the whole path from the project to validated graph files.

Sources -> extraction (per report, cached, in worker processes or on Dask) -> graph ->
:func:`kg.validate.validate` (SHACL part by part, cached; then the OWL entailments by rules read from the
ontology, or HermiT part by part with ``--reasoner hermit``) ->
outputs written atomically (:mod:`kg.pipeline.outputs`), then the new cache entries
(:mod:`kg.pipeline.cache`), under the output folder's lock (:mod:`kg.pipeline.lock`). Nothing is
written unless every step succeeds, so a failed or interrupted build leaves the previous outputs
and cache as they were.

``kg build`` never holds the whole graph: each report's layer and each work's triples are sorted
N-Triples runs, merged into files in the build's temporary folder (:class:`kg.graph.runs.RunStore`),
and what the build adds besides is a small rdflib graph (:class:`kg.graph.layered.LayeredGraph`).
SHACL's parts, the rules reasoner, the counts and ``kg.nt`` each read the runs merged, a line at a
time (:mod:`kg.pipeline.line_reasoning`). ``kg validate`` (:func:`assemble` without runs) and
``--reasoner hermit`` still build the whole graph in rdflib.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.graph import build_graph
from kg.graph.fragments import RecordingGraph, sorted_ntriples
from kg.graph.runs import RunStore, run_lines
from kg.pipeline.cache import BuildCache
from kg.pipeline.line_reasoning import count_lines, reason_over_lines
from kg.pipeline.lock import build_lock
from kg.pipeline.outputs import merged_lines, write_outputs
from kg.pipeline.pool import Runner
from kg.pipeline.read_side import read_side_runs
from kg.pipeline.reasoning import reasoner_for
from kg.pipeline.stages import extract_all, infer_evidence
from kg.pipeline.validation import shacl_in_parts, shacl_of_lines
from kg.pipeline.warm import warm_fragments
from kg.project import ProjectPaths
from kg.resolve.extraction import Extraction
from kg.sources.bibtex import to_bibtex
from kg.validate import ReasoningResult, ShaclResult, Validation, validate
from kg.validate.reasoner import TEMP_PREFIX
from kg.validate.verdict import Reasoner

Progress = Callable[[str], None]


class BuildFailedError(Exception):
    """The graph did not validate; nothing was written."""

    def __init__(self, shacl: ShaclResult) -> None:
        self.shacl = shacl
        super().__init__(shacl.summary())


@dataclass
class BuildResult:
    """What a build wrote and found. ``graph`` is read from the ``kg.nt`` it wrote, when first asked
    for (the build itself holds no whole graph)."""

    extraction: Extraction
    shacl: ShaclResult
    reasoning: ReasoningResult
    counts: dict[str, int]
    seconds: float
    outputs: dict[str, Path]
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            graph = Graph()
            graph.parse(self.outputs["kg.nt"], format="nt")
            self._graph = graph
        return self._graph


def over_runs(name: str, chosen: Reasoner, graph: RecordingGraph, runs: RunStore, progress: Progress) -> Reasoner:
    """The reasoning stage over the build's runs: the rules over the merged lines
    (:func:`~kg.pipeline.line_reasoning.reason_over_lines`), or ``chosen`` (HermiT) over the whole graph
    read back from them. The inferences become a run of their own; none is returned to add to a graph."""

    def run(_: Graph, ontology: Graph, workdir: Path | None) -> tuple[ReasoningResult, Graph]:
        added, removed = graph.runs()
        if name == "rules":
            progress("[reason] rules read from the ontology, over the graph's lines ...")
            result, inferred = reason_over_lines(lambda: runs.lines(added, removed), ontology)
        else:
            whole = Graph()
            whole.parse(data=b"\n".join(runs.lines(added, removed)).decode("utf-8"), format="nt")
            result, found = chosen(whole, ontology, workdir)
            inferred = list(run_lines(sorted_ntriples(found)))
        runs.append(b"\n".join(inferred) + b"\n" if inferred else b"")
        for triple in list(graph.removed):  # a removed line inferred again is in the graph (as graph.add does)
            (line,) = run_lines(sorted_ntriples([triple]))
            at = bisect_left(inferred, line)
            if at < len(inferred) and inferred[at] == line:
                graph.removed.discard(triple)
        return result, Graph()

    return run


def assemble(
    paths: ProjectPaths,
    progress: Progress,
    reasoning: bool = True,
    workdir: Path | None = None,
    runner: Runner | None = None,
    cache: BuildCache | None = None,
    reasoner: str = "rules",
    runs: list[bytes] | RunStore | None = None,
) -> tuple[Graph, Extraction, Validation]:
    """Extract, build the graph and validate it; the reasoner's inferences are added to the graph.

    ``runner`` runs the per-report tasks and the reasoning parts; ``cache`` holds their results;
    ``reasoner`` is ``rules`` (the ontology's axioms as rules) or ``hermit``; with ``runs``, the
    graph's fragments are also given as sorted N-Triples runs (:func:`build_graph`) and the graph
    records what is added besides (a :class:`~kg.graph.fragments.RecordingGraph`). With a
    :class:`~kg.graph.runs.RunStore` as ``runs``, the graph returned holds only that (a
    :class:`~kg.graph.layered.LayeredGraph`), and the inferences are a run of the store."""
    runner = runner or Runner()
    cache = cache or BuildCache(None)
    extraction = extract_all(paths, progress, runner=runner, cache=cache)
    evidence = infer_evidence(extraction, progress, cache, runner)
    warm_fragments(extraction, evidence, cache, runner, progress)  # the fragments made in the pool
    progress("[graph] building RDF ...")
    layered = isinstance(runs, RunStore)
    graph = build_graph(extraction, evidence, cache, runs, layered=layered)
    if isinstance(runs, RunStore):
        runs.compact()
        progress(f"[graph] {runs.appended:,} runs merged in a file, {len(graph):,} triples besides")
    else:
        progress(f"[graph] {len(graph):,} triples")

    def shacl(graph: Graph, root: Path | None) -> ShaclResult:
        if runs is not None and isinstance(graph, RecordingGraph):  # cut from the runs' lines
            added, removed = graph.runs()
            if isinstance(runs, RunStore):
                lines, folder = runs.lines(added, removed), runs.folder
            else:
                lines, folder = merged_lines([*runs, *added], removed), None
            return shacl_of_lines(lines, root, runner, cache, progress, folder=folder)
        return shacl_in_parts(graph, root, runner, cache, progress)

    chosen = reasoner_for(reasoner, runner, cache, progress)
    if isinstance(runs, RunStore) and isinstance(graph, RecordingGraph):
        chosen = over_runs(reasoner, chosen, graph, runs, progress)
    verdict = validate(
        graph,
        reasoning=reasoning,
        root=paths.root,
        workdir=workdir,
        progress=progress,
        reasoner=chosen,
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
        folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}runs-", dir=out_dir))
        try:
            runs = RunStore(folder)
            graph, extraction, verdict = assemble(paths, progress, reasoning, out_dir, runner, cache, reasoner, runs)
            if verdict.reasoning is None:
                raise BuildFailedError(verdict.shacl)
            assert isinstance(graph, RecordingGraph)
            added, removed = graph.runs()
            counts = count_lines(runs.lines(added, removed))
            summary = {
                "counts": counts,
                "shacl": verdict.shacl.summary(),
                "reasoning": verdict.reasoning.summary(),
                "reports": [r.key for r in extraction.reports],
            }
            for run in added:
                runs.append(run)
            del graph
            # the read side's copy (texts, spans, bibliography), after counting
            read_side_runs(extraction, cache, runs.append)
            progress(f"[write] {out_dir}")
            works = to_bibtex(extraction.extracted_works) if extraction.extracted_works else ""
            outputs = write_outputs(None, out_dir, summary, progress, works, runs, removed)
            cache.commit()
        finally:
            cache.discard()  # nothing left after a commit; a failed build's entries
            shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    return BuildResult(extraction, verdict.shacl, verdict.reasoning, counts, seconds, outputs)
