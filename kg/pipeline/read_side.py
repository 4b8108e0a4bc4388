"""What the read side needs, written by the build into the graph: texts, spans and the bibliography.

The exports, the app's data layer and its pages read only the graph (the embedded store or a
SPARQL endpoint such as ``kg serve`` started anywhere), never the project's inputs. So the build
adds, after validation and counting (they are the reader's copy, not evidence):

- per report, a ``ekg:ReportText`` node: the unchanged text (``ekg:content``, with its SHA-256, so
  every anchor's offsets can be checked against it), and the sentence and paragraph spans exactly
  as the extraction split them (``ekg:sentenceSpans``, ``ekg:paragraphSpans``: ``start end`` pairs);
- per bibliography entry (``bib/``'s works with their candidate sources merged, the works read from
  the reports' own lists, the reports), a ``ekg:BibliographyEntry`` node whose ``ekg:renderings`` is
  the entry written once in every format ``kg export`` and the app's downloads offer (BibTeX,
  CSL-JSON, RIS, each citation style), by the same code as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from urllib.parse import quote

from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg.graph.fragments import sorted_ntriples
from kg.graph.terms import report_iri
from kg.pipeline.cache import BuildCache, code_digest
from kg.records import BibEntry, Report, Sentence
from kg.resolve.extraction import Extraction
from kg.sources.bibtex import VERBATIM_FIELDS
from kg.sources.bibtex_standard import standard_bibtex
from kg.sources.candidates import Candidate
from kg.sources.csl import csl_json
from kg.sources.references import STYLES, format_reference
from kg.sources.report_entry import bibtex_value
from kg.sources.reports import readable
from kg.sources.ris import ris_record
from kg.sources.text import paragraphs
from kg.vocab import EKG, RES

#: ``ekg:entryRole`` of an entry: a work the reports cite, or a report of the corpus (``--with-report``).
WORK, REPORT = "work", "report"


def read_side_graph(extraction: Extraction, cache: BuildCache | None = None) -> Graph:
    """The triples the read side reads instead of the project's files (see the module's note).

    An entry's renderings (citeproc's references are the slow part, tens of ms each) are kept in the
    build's ``cache`` by the entry's content and the tool's code, so a rebuild formats only new entries."""
    graph = Graph()
    for add in _read_side(extraction, cache or BuildCache(None)):
        add(graph)
    return graph


def read_side_runs(
    extraction: Extraction, cache: BuildCache | None, append: Callable[[bytes], None], every: int = 256
) -> None:
    """:func:`read_side_graph`'s triples as sorted runs given to ``append``, ``every`` texts or entries a
    run (the build holds one run's graph at a time, not the corpus's texts)."""
    graph = Graph()
    for index, add in enumerate(_read_side(extraction, cache or BuildCache(None)), 1):
        add(graph)
        if index % every == 0:
            append(sorted_ntriples(graph))
            graph = Graph()
    append(sorted_ntriples(graph))


def _read_side(extraction: Extraction, cache: BuildCache) -> Iterator[Callable[[Graph], None]]:
    """The read side's parts, each a function adding its triples: a report's text, an entry."""
    for report in extraction.reports:
        yield partial(add_report_text, report=report, sentences=extraction.sentences.get(report.key, []))
    works = {e.key: e for e in extraction.extracted_works}
    works.update({e.key: e for e in extraction.references})  # bib/ first: an entry there wins
    best = best_candidates(extraction.candidates)
    for key, entry in sorted(works.items()):
        yield partial(add_entry, entry=with_candidate(entry, best.get(key)), role=WORK, cache=cache)
    for _, entry in sorted(extraction.report_entries.items()):
        yield partial(add_entry, entry=entry, role=REPORT, cache=cache)


def _spans(pairs: list[tuple[int, int]]) -> str:
    return " ".join(f"{start} {end}" for start, end in pairs)


def add_report_text(graph: Graph, report: Report, sentences: list[Sentence]) -> None:
    """A report's ``ekg:ReportText`` node: its unchanged text, checksum, sentence and paragraph spans."""
    node = RES[f"text/{report.key}"]
    paras = paragraphs(readable(report), laid_out=report.layout is not None)
    graph.add((node, RDF.type, EKG.ReportText))
    graph.add((node, EKG.textOf, report_iri(report.key)))
    graph.add((node, EKG.content, Literal(report.text)))
    graph.add((node, EKG.textSha256, Literal(report.sha256)))
    graph.add((node, EKG.sentenceSpans, Literal(_spans([(s.span.start, s.span.end) for s in sentences]))))
    graph.add((node, EKG.paragraphSpans, Literal(_spans([(p.start, p.end) for p in paras]))))


def renderings(entry: BibEntry, styles: tuple[str, ...] = tuple(STYLES)) -> dict[str, object]:
    """The entry in every export format: BibTeX and each reference as text, CSL-JSON and RIS as the
    records their writers take (RIS numbers its records, so the export writes them together)."""
    return {
        "bibtex": standard_bibtex([entry]),
        "csl-json": csl_json([entry])[0],
        "ris": ris_record(entry),
        "references": {style: format_reference(entry, style) for style in styles},
    }


def _content_key(entry: BibEntry) -> str:
    facts = [
        entry.key,
        entry.entry_type,
        entry.kind,
        entry.origin,
        entry.raw,
        entry.fields,
        entry.authors,
        entry.family_names,
    ]
    return hashlib.sha256((code_digest() + json.dumps(facts, sort_keys=True)).encode("utf-8")).hexdigest()


def add_entry(
    graph: Graph, entry: BibEntry, role: str, cache: BuildCache, styles: tuple[str, ...] = tuple(STYLES)
) -> None:
    """An ``ekg:BibliographyEntry`` node with the entry's renderings (references in ``styles``), cached."""
    key = _content_key(entry) + "-" + "-".join(styles)
    written = cache.get("read-side-entry", key)
    if not isinstance(written, str):
        written = json.dumps(renderings(entry, styles), ensure_ascii=False)
        cache.put("read-side-entry", key, written)
    node = RES[f"entry/{role}/{quote(entry.key, safe='')}"]
    graph.add((node, RDF.type, EKG.BibliographyEntry))
    graph.add((node, EKG.entryKey, Literal(entry.key)))
    graph.add((node, EKG.entryRole, Literal(role)))
    graph.add((node, EKG.renderings, Literal(written)))


def best_candidates(candidates: list[Candidate]) -> dict[str, Candidate]:
    """Per work, the candidate a reader is given: the curated one if it found the work, else kg enrich's."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:  # curated first, then enrichment (load_candidates' order)
        if candidate.status == "found" and candidate.work not in best:
            best[candidate.work] = candidate
    return best


def with_candidate(entry: BibEntry, candidate: Candidate | None) -> BibEntry:
    """The entry with the title, URL and DOI it lacks taken from its candidate, and a note that says so.

    A reference manager then finds the work; the note (``candidatenote``, written as BibTeX ``note``,
    CSL and RIS notes) says these fields are a candidate's, not the citing report's."""
    if candidate is None:
        return entry
    added = {}
    if candidate.title and not entry.fields.get("title"):
        added["title"] = candidate.title
    if candidate.doi and not entry.fields.get("doi"):
        added["doi"] = candidate.doi
    if candidate.url and not entry.fields.get("url") and not entry.fields.get("doi"):
        added["url"] = candidate.url
    if not added:
        return entry
    where = "bib/candidates.yaml, curated" if candidate.origin == "curated" else f"kg enrich, {candidate.service}"
    evidence = f"; evidence: {candidate.evidence_url}" if candidate.evidence_url else ""
    named = ", ".join({"title": "title", "doi": "DOI", "url": "URL"}[k] for k in added)
    note = f"{named[0].upper()}{named[1:]} from a candidate source ({where}{evidence}), not from the citing report"
    added["candidatenote"] = note
    raw = {**entry.raw, **{k: v if k in VERBATIM_FIELDS else bibtex_value(v) for k, v in added.items()}}
    return replace(entry, raw=raw, fields={**entry.fields, **added})
