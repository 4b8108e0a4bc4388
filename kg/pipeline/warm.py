"""The graph's per-work and per-report fragments computed in the worker pool before the graph is assembled.

:func:`kg.graph.build_graph` takes each work's triples and each report's layer from the build cache
by content key (:func:`kg.graph.fragments.cached_fragment`), and :func:`kg.pipeline.read_side.read_side_graph`
each bibliography entry's renderings; whatever the cache lacks they compute one after the other in
the parent process (citeproc's references, the report layers' triples: most of a build's serial
time). :func:`warm_fragments` computes the missing entries first, in the build's
:class:`~kg.pipeline.pool.Runner` (worker processes or Dask), and files them in the cache, so that
the graph's assembly only reads them. It calls the same builders with the same inputs, through a
store that records what they file (:class:`Recorder`), so an entry is the one the parent would have
made: the graph and the outputs are the same bytes (tests/test_warm_fragments.py). An entry it does
not make (a builder that reads something else later) is simply made in the parent, as before.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rdflib import Graph

from kg.evidence.records import Evidence
from kg.graph import assemble, extracted
from kg.graph.fragments import fragment_key
from kg.pipeline import read_side
from kg.pipeline.cache import BuildCache, code_digest
from kg.pipeline.pool import Runner
from kg.pipeline.progress import StageProgress
from kg.records import BibEntry, ReferenceRecord
from kg.resolve.extraction import Extraction

Progress = Callable[[str], None]
#: One cache entry made in a worker: its kind, key and pickled value.
Entry = tuple[str, str, bytes]
#: The cache's folder of the read side's renderings (:func:`kg.pipeline.read_side.add_entry`'s).
ENTRY_KIND = "read-side-entry"
#: Works (or bibliography entries) per task: a task per work would cost more to send than to run.
CHUNK = 24


class Recorder:
    """A fragment store that has nothing and records what is filed in it, pickled."""

    def __init__(self) -> None:
        self.filed: list[Entry] = []

    @property
    def salt(self) -> str:
        return code_digest()

    def get(self, kind: str, key: str) -> None:
        return None

    def put(self, kind: str, key: str, value: Any) -> None:
        self.filed.append((kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))


class Discard(Graph):
    """A graph that keeps nothing: what the builders add to the graph being assembled is not needed in
    a worker (the fragment's own triples are filed in the :class:`Recorder`)."""

    def add(self, triple: Any) -> Discard:
        return self


@dataclass(frozen=True)
class LayerTask:
    """One report's layer: the slice of the extraction and evidence it reads (see :func:`_slice`)."""

    extraction: Extraction
    evidence: Evidence | None
    gazetteer: str


def layer_entries(task: LayerTask) -> list[Entry]:
    """The cache entry of one report's layer (run in a worker; pure)."""
    store = Recorder()
    report = task.extraction.reports[0]
    assemble.cached_layer(Discard(), task.extraction, report, task.evidence, store, task.gazetteer, [])
    return store.filed


def work_entries(works: list[tuple[BibEntry, ReferenceRecord | None]]) -> list[Entry]:
    """The cache entries of a few works' triples (run in a worker; pure)."""
    store = Recorder()
    for entry, record in works:

        def make(into: Graph, entry: BibEntry = entry, record: ReferenceRecord | None = record) -> None:
            extracted.add_work(into, entry, record)

        assemble.cached_fragment(Discard(), store, assemble.WORK_KIND, (entry, record), make, [])
    return store.filed


def rendering_entries(entries: list[tuple[str, BibEntry]]) -> list[Entry]:
    """The read side's renderings of a few bibliography entries, under their keys (run in a worker)."""
    return [
        (ENTRY_KIND, key, pickle.dumps(json.dumps(read_side.renderings(entry), ensure_ascii=False)))
        for key, entry in entries
    ]


def _slice(extraction: Extraction, evidence: Evidence | None, key: str) -> tuple[Extraction, Evidence | None]:
    """What one report's layer reads: its own records, the gazetteer's entries, nothing of the rest."""
    report = next(r for r in extraction.reports if r.key == key)

    def own(records: dict[str, list[Any]]) -> dict[str, list[Any]]:
        return {key: records[key]} if key in records else {}

    view = replace(
        extraction,
        reports=[report],
        report_entries={key: extraction.report_entries[key]},
        references=[],
        gazetteer_graph=Graph(),
        sentences=own(extraction.sentences),
        sections={},
        citations=own(extraction.citations),
        statistics=own(extraction.statistics),
        mentions=own(extraction.mentions),
        extracted_works=[],
        listed=own(extraction.listed),
        notes=own(extraction.notes),
        annotations=None,
        candidates=[],
    )
    if evidence is None:
        return view, None
    spans = {s.statistic.span for s in extraction.statistics.get(key, [])}
    mine = Evidence(
        mentions=own(evidence.mentions),
        claims=own(evidence.claims),
        claim_nodes={a: b for a, b in evidence.claim_nodes.items() if a.report == key or b.report == key},
        flags=own(evidence.flags),
        chains=own(evidence.chains),
        measures={span: m for span, m in evidence.measures.items() if span in spans},
    )
    return view, mine


def _graph_works(extraction: Extraction) -> list[tuple[BibEntry, ReferenceRecord | None]]:
    """Each work of the graph with the record it was read from, as :func:`kg.graph.build_graph` pairs them."""
    listed: dict[str, ReferenceRecord] = {}
    for entries in extraction.listed.values():
        for item in entries:
            listed.setdefault(item.key, item.record)
    return [(e, listed.get(e.key) if e.origin == "extracted" else None) for e in extraction.graph_works]


def _bibliography(extraction: Extraction) -> list[tuple[str, BibEntry]]:
    """The read side's entries (:func:`kg.pipeline.read_side.read_side_graph`'s) under their cache keys."""
    works = {e.key: e for e in extraction.extracted_works}
    works.update({e.key: e for e in extraction.references})
    best = read_side.best_candidates(extraction.candidates)
    entries = [read_side.with_candidate(e, best.get(k)) for k, e in sorted(works.items())]
    entries += [e for _, e in sorted(extraction.report_entries.items())]
    suffix = "-" + "-".join(read_side.STYLES)
    return [(read_side._content_key(e) + suffix, e) for e in entries]


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def warm_fragments(
    extraction: Extraction, evidence: Evidence | None, cache: BuildCache, runner: Runner, progress: Progress
) -> None:
    """Compute in ``runner`` the works' and reports' fragments and the read side's renderings that
    ``cache`` lacks, and file them there (see the module's note); with one job, nothing (the parent
    computes them as it assembles, as before)."""
    if cache.root is None or (runner.jobs <= 1 and not runner.scheduler):
        return
    salt = cache.salt
    works = [w for w in _graph_works(extraction) if not cache.has(assemble.WORK_KIND, fragment_key(salt, w))]
    gazetteer = fragment_key("", extraction.gazetteer)
    layers: list[LayerTask] = []
    for report in extraction.reports:
        view, mine = _slice(extraction, evidence, report.key)
        parts = assemble._own(view, report, mine, gazetteer)
        if not cache.has(assemble.REPORT_KIND, fragment_key(salt, parts)):
            layers.append(LayerTask(view, mine, gazetteer))
    entries = [e for e in _bibliography(extraction) if not cache.has(ENTRY_KIND, e[0])]
    tasks: list[tuple[Callable[[Any], list[Entry]], Any]] = [
        *((layer_entries, t) for t in layers),
        *((work_entries, c) for c in _chunks(works, CHUNK)),
        *((rendering_entries, c) for c in _chunks(entries, CHUNK)),
    ]
    if not tasks:
        return
    progress(
        f"[fragments] {len(layers)} report layers, {len(works)} works and {len(entries)} bibliography entries "
        "to make ..."
    )
    bar = StageProgress("[fragments]", len(tasks), progress, unit="tasks")
    for filed in runner.map(run_task, tasks, bar):
        for kind, key, data in filed:
            cache.put_pickled(kind, key, data)
    bar.finish()


def run_task(task: tuple[Callable[[Any], list[Entry]], Any]) -> list[Entry]:
    """Run one of :func:`warm_fragments`' tasks (a module-level function and its input: picklable)."""
    fn, item = task
    return fn(item)
