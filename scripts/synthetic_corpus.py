#!/usr/bin/env python3
"""A synthetic evidence graph of N reports, shaped like the real one, for scale tests and benchmarks.

Each synthetic report has a generated text (so every anchor's quote, prefix, suffix and code-point
offsets are true to it), sections and sentences, citation occurrences resolving to a shared
bibliography (most resolved, some as variants, some unresolved; popular works cited by many
reports), statistics with values, units and sources (cited works, the report's own study, or none),
mentions of the real platforms and agencies of ontology/gazetteer.ttl, an own interview study and
a study described by a cited work, interview excerpts, curated claims (some resting on nothing),
a relayed figure (a chain to an agency), quality flags and relations to claims of earlier reports.

The RDF is made by the project's own graph code (``kg.graph``: the report layer, works, citations,
claims, statistics, mentions and the curated layer), so IRIs and predicates are those of the real
graph and the canned queries return rows on it. It is collected in a light triple sink instead of
rdflib's Graph, and the reasoner's materialisation (``ekg:supports``, ``ekg:restsOnTransitively``
and the defined classes) is emulated by simple rules, so a million triples take seconds, not
minutes. The ontology and the gazetteer are included, as in the real graph. Output: sorted,
de-duplicated N-Triples. The same seed and sizes give the same bytes.

    python scripts/synthetic_corpus.py --reports 1000 --out /tmp/synthetic-1000.nt
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evidence import compare, infer  # noqa: E402
from kg.graph import add_report_layer, curated, extracted  # noqa: E402
from kg.graph import evidence as inferred  # noqa: E402
from kg.graph.terms import span_iri  # noqa: E402
from kg.graph.vocabulary import vocabulary as vocabulary_graph  # noqa: E402
from kg.pipeline.cache import BuildCache  # noqa: E402
from kg.pipeline.outputs import sorted_ntriples  # noqa: E402
from kg.pipeline.read_side import REPORT, WORK, add_entry, add_report_text  # noqa: E402
from kg.project import ProjectPaths  # noqa: E402
from kg.records import (  # noqa: E402
    BibEntry,
    CitationRecord,
    GazetteerEntry,
    MentionRecord,
    NoteRecord,
    Report,
    ResolvedCitation,
    Sentence,
    SourceLocation,
    Span,
    StatisticRecord,
    StatisticSource,
    StudyRecord,
)
from kg.resolve.extraction import Extraction  # noqa: E402
from kg.sources.annotations import (  # noqa: E402
    Annotations,
    Chain,
    CrossRelation,
    CuratedClaim,
    CuratedTable,
    Flag,
    InterviewExcerpt,
    TableCell,
    TableRow,
)
from kg.sources.bibtex import make_entry  # noqa: E402
from kg.sources.gazetteer import load_gazetteers  # noqa: E402
from kg.vocab import EKG  # noqa: E402

# --- words the texts are made of ------------------------------------------------------------------

SURNAMES = (
    "Mitchell",
    "Latonero",
    "Musto",
    "Boyd",
    "Finklea",
    "Heil",
    "Nichols",
    "Farrell",
    "Kennedy",
    "Dank",
    "Reid",
    "Fedina",
    "Jones",
    "Kunze",
    "Wells",
    "Smith",
    "Garcia",
    "Nguyen",
    "Okafor",
    "Silva",
    "Rossi",
    "Novak",
    "Haddad",
    "Kowalski",
    "Tanaka",
    "Moreau",
    "Schmidt",
    "Brennan",
    "Ortiz",
    "Lindqvist",
)
WORK_KINDS = (
    ("journal-article", 40),
    ("news-item", 20),
    ("report", 14),
    ("web-page", 7),
    ("book", 6),
    ("personal-communication", 4),
    ("conference-paper", 3),
    ("thesis", 2),
    ("chapter", 2),
    ("data-set", 1),
    ("field-notes", 1),
)
SECTIONS = ("Introduction", "Background", "Method", "Findings", "Discussion", "Recommendations")
OPENERS = (
    "Investigators noted that",
    "Prior research suggests that",
    "Officers described how",
    "The data indicate that",
    "Advocates reported that",
    "Several studies found that",
    "Prosecutors observed that",
    "Our analysis shows that",
    "It has been argued that",
)
SUBJECTS = (
    "traffickers",
    "recruiters",
    "buyers",
    "victims",
    "advertisers",
    "moderators",
    "task forces",
    "analysts",
    "survivors",
    "investigators",
)
VERBS = (
    "relied on",
    "moved to",
    "advertised through",
    "were identified on",
    "were recruited via",
    "shifted away from",
    "monitored",
    "coordinated with",
    "were tracked on",
)
OBJECTS = (
    "online classified ads",
    "encrypted messaging",
    "social media profiles",
    "escort listings",
    "prepaid cards",
    "hotel bookings",
    "webcam services",
    "peer referrals",
    "dating profiles",
)
MEASURES = (
    ("of the advertisements reviewed", "PERCENT", "percentage"),
    ("cases", "COUNT", "count"),
    ("in revenue", "USD", "money"),
    ("years of age at entry", "YEAR", "age"),
    ("days on average", "DAY", "duration"),
    ("arrests", "COUNT", "count"),
    ("of respondents", "PERCENT", "percentage"),
    ("months of investigation", "MONTH", "duration"),
)
ROLES = ("detective", "prosecutor", "victim advocate", "sergeant", "crime analyst", "social worker")
CLAIM_KINDS = ("finding", "background", "method", "recommendation", "limitation")
FLAG_KINDS = ("no-source", "undated-source", "news-as-evidence", "citation-variant", "count-conflict")
RELATIONS = ("corroborates", "corroborates", "refines", "contradicts")
RESOURCE = str(EKG).replace("ontology#", "resource/")


# --- a light triple sink with the part of rdflib's Graph API that kg.graph uses ----------------------

_NT_CACHE: dict[object, str] = {}


def nt_term(term: object) -> str:
    """One rdflib term in N-Triples (the same escaping as the build's kg.nt for these texts)."""
    if isinstance(term, URIRef):
        cached = _NT_CACHE.get(term)
        if cached is None:
            cached = _NT_CACHE[term] = f"<{term}>"
        return cached
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{text}"^^{nt_term(term.datatype)}'
        return f'"{text}"'
    if isinstance(term, BNode):
        raise ValueError("instance data has no blank nodes")
    raise TypeError(f"not an RDF term: {term!r}")


class TripleSink:
    """Triples of one report, kept as N-Triples terms: ``add``, pattern ``remove``, ``subjects``."""

    def __init__(self) -> None:
        self.triples: set[tuple[str, str, str]] = set()

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        self.triples.add((nt_term(s), nt_term(p), nt_term(o)))

    def remove(self, pattern: tuple) -> None:
        want = [None if t is None else nt_term(t) for t in pattern]
        self.triples = {t for t in self.triples if not all(w is None or w == h for w, h in zip(want, t, strict=True))}

    def subjects(self, predicate: object = None, object: object = None) -> Iterator[URIRef]:  # noqa: A002 (rdflib)
        p_want = None if predicate is None else nt_term(predicate)
        o_want = None if object is None else nt_term(object)
        seen = set()
        for s, p, o in self.triples:
            if (p_want is None or p == p_want) and (o_want is None or o == o_want) and s not in seen:
                seen.add(s)
                yield URIRef(s[1:-1])

    def lines(self) -> Iterator[str]:
        for s, p, o in self.triples:
            yield f"{s} {p} {o} ."

    def __len__(self) -> int:
        return len(self.triples)


# --- the reasoner's materialisation, as rules ------------------------------------------------------

_TYPE, _RESTS, _MENTIONS, _ATTRIBUTES, _STATUS = (
    nt_term(t) for t in (RDF.type, EKG.restsOn, EKG.mentions, EKG.attributesTo, EKG.evidenceStatus)
)
_RELAYED, _CLAIM, _STUDY, _STATISTIC = (nt_term(t) for t in (EKG.Relayed, EKG.Claim, EKG.Study, EKG.Statistic))
_SUPPORTS, _TRANSITIVELY = nt_term(EKG.supports), nt_term(EKG.restsOnTransitively)
_SUPPORTED, _NEWS_BASED, _PLATFORM_CLAIM, _RELAYED_STAT = (
    nt_term(t) for t in (EKG.SupportedClaim, EKG.NewsBasedClaim, EKG.PlatformClaim, EKG.RelayedStatistic)
)


@dataclass
class Inference:
    """What HermiT adds at build time, emulated: inverses, the transitive chain, defined classes."""

    news_works: set[str] = field(default_factory=set)
    platforms: set[str] = field(default_factory=set)
    attributes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    work_rests: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def infer(self, sink: TripleSink) -> None:
        rests: dict[str, set[str]] = defaultdict(set)
        types: dict[str, set[str]] = defaultdict(set)
        mentions: dict[str, set[str]] = defaultdict(set)
        relayed = set()
        for s, p, o in sink.triples:
            if p == _RESTS:
                rests[s].add(o)
            elif p == _TYPE:
                types[s].add(o)
            elif p == _MENTIONS:
                mentions[s].add(o)
            elif p == _ATTRIBUTES:
                self.attributes[s].add(o)
            elif p == _STATUS and o == _RELAYED:
                relayed.add(s)
        for study, works in rests.items():
            if _STUDY in types[study]:
                self.work_rests[study] |= works
        new = sink.triples.add
        for item, sources in rests.items():
            for source in sources:
                new((source, _SUPPORTS, item))
            for reached in self._beyond(sources):
                new((item, _TRANSITIVELY, reached))
            if _CLAIM in types[item]:
                new((item, _TYPE, _SUPPORTED))
                if sources & self.news_works:
                    new((item, _TYPE, _NEWS_BASED))
        for claim, entities in mentions.items():
            if _CLAIM in types[claim] and entities & self.platforms:
                new((claim, _TYPE, _PLATFORM_CLAIM))
        for stat in relayed:
            if _STATISTIC in types[stat]:
                new((stat, _TYPE, _RELAYED_STAT))

    def _beyond(self, sources: set[str]) -> set[str]:
        """What the sources rest on or attribute to, transitively (not the sources themselves)."""
        reached: set[str] = set()
        frontier = list(sources)
        while frontier:
            node = frontier.pop()
            for nxt in self.work_rests.get(node, set()) | self.attributes.get(node, set()):
                if nxt not in reached:
                    reached.add(nxt)
                    frontier.append(nxt)
        return reached


# --- the corpus ------------------------------------------------------------------------------------


@dataclass
class Bibliography:
    """The works all reports cite: popular ones often (Zipf-like), most rarely."""

    entries: list[BibEntry]
    weights: list[float]

    @classmethod
    def make(cls, rng: random.Random, size: int) -> Bibliography:
        kinds, kind_weights = zip(*WORK_KINDS, strict=True)
        entries = []
        for i in range(size):
            kind = rng.choices(kinds, kind_weights)[0]
            surname = SURNAMES[i % len(SURNAMES)]
            year = "" if rng.random() < 0.04 else str(rng.randint(1995, 2020))
            key = f"{surname.lower()}{year or 'nd'}-{i}"
            fields = {
                "author": f"{surname}, {chr(65 + i % 26)}." if kind != "news-item" else f"{{{surname} News}}",
                "title": f"On {rng.choice(OBJECTS)} and {rng.choice(SUBJECTS)}, part {i}",
            }
            if year:
                fields["year"] = year
                if kind == "news-item":
                    fields["date"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if kind == "journal-article":
                fields["journal"] = "Journal of Synthetic Studies"
            if rng.random() < 0.05:
                fields["variants"] = f"{surname}e {year}"
            entries.append(make_entry(key, "misc", kind, fields, "bib/synthetic.bib", 1 + 8 * i))
        weights = list(itertools.accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(size)))
        order = list(range(size))
        rng.shuffle(order)
        return cls([entries[i] for i in order], weights)

    def pick(self, rng: random.Random, count: int) -> list[BibEntry]:
        chosen = {bisect.bisect_left(self.weights, rng.random() * self.weights[-1]) for _ in range(count)}
        return [self.entries[min(i, len(self.entries) - 1)] for i in sorted(chosen)]


@dataclass
class Writer:
    """Builds one report's text piece by piece, recording the spans of what it writes."""

    key: str
    parts: list[str] = field(default_factory=list)
    length: int = 0

    def write(self, text: str) -> Span:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Span(self.key, start, self.length)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class ReportPlan:
    """Everything kg.graph needs for one report, in the records of the real pipeline."""

    report: Report
    entry: BibEntry
    sentences: list[Sentence]
    citations: list[ResolvedCitation]
    statistics: list[StatisticSource]
    mentions: list[MentionRecord]
    annotations: Annotations
    notes: list[NoteRecord]


def _figure(rng: random.Random) -> tuple[str, Decimal, Decimal | None, str, str, str]:
    measure, unit, kind = rng.choice(MEASURES)
    if unit == "PERCENT":
        low = rng.randint(2, 80)
        if rng.random() < 0.15:
            return f"{low}-{low + 10}%", Decimal(low), Decimal(low + 10), unit, kind, measure
        return f"{low}%", Decimal(low), None, unit, kind, measure
    if unit == "USD":
        value = rng.randint(1, 900) * 100
        return f"${value:,}", Decimal(value), None, unit, kind, measure
    value = rng.randint(2, 5000) if unit == "COUNT" else rng.randint(1, 40)
    return f"{value:,}", Decimal(value), None, unit, kind, measure


def plan_report(
    rng: random.Random,
    index: int,
    sentences: int,
    bib: Bibliography,
    gazetteer: list[GazetteerEntry],
    earlier: list[CuratedClaim],
) -> ReportPlan:
    key = f"syn{index:05d}"
    year = str(2005 + index % 16)
    w = Writer(key)
    w.write(f"Synthetic report {index}: online exploitation and its policing\n\n")
    labels = [(e, label) for e in gazetteer if e.category in ("platform", "agency") for label in (e.pref_label,)]
    agencies = [e for e in gazetteer if e.category == "agency"]
    study_id = "interviews"
    sentence_records: list[Sentence] = []
    citations: list[ResolvedCitation] = []
    statistics: list[StatisticSource] = []
    mentions: list[MentionRecord] = []
    excerpts: list[InterviewExcerpt] = []
    cited_at: dict[Span, list[str]] = {}
    stats_at: dict[Span, list[StatisticSource]] = {}
    per_section = max(1, sentences // len(SECTIONS))
    method_span = None
    for number, section in enumerate(SECTIONS, start=1):
        w.write(f"{number}. {section}\n\n")
        for _ in range(per_section):
            start = w.length
            if section == "Findings" and rng.random() < 0.25:  # an interview excerpt
                w.write('"')
                w.write(f"We saw {rng.choice(SUBJECTS)} move to ")
                entity, label = rng.choice(labels)
                mentions.append(MentionRecord(w.write(label), label, entity.slug))
                w.write(f' within weeks," one {(role := rng.choice(ROLES))} said.')
                span = Span(key, start, w.length)
                excerpts.append(
                    InterviewExcerpt(
                        f"r{len(excerpts) + 1}",
                        key,
                        w.text[start:],
                        span,
                        section,
                        role,
                        study_id,
                        location=SourceLocation("annotations/synthetic.yaml", 1),
                    )
                )
                sentence_records.append(Sentence(span, w.text[start:], section))
                w.write(" ")
                continue
            w.write(f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} ")
            if rng.random() < 0.4:
                entity, label = rng.choice(labels)
                mentions.append(MentionRecord(w.write(label), label, entity.slug))
                w.write(" and ")
            w.write(rng.choice(OBJECTS))
            stat_figure = None
            if rng.random() < 0.3:
                w.write(", with ")
                text, value, upper, unit, kind, measure = _figure(rng)
                stat_span = w.write(text)
                w.write(f" {measure}")
                when = str(rng.randint(2000, 2019)) if rng.random() < 0.2 else None
                if when:
                    w.write(f" in {when}")
                stat_figure = StatisticRecord(
                    stat_span, text, value, unit, kind, measure, upper, when, "per year" if rng.random() < 0.1 else None
                )
            keys: list[str] = []
            if rng.random() < 0.45:
                w.write(" (")
                works = bib.pick(rng, 1 if rng.random() < 0.7 else 2)
                for i, entry in enumerate(works):
                    if i:
                        w.write("; ")
                    roll = rng.random()
                    shown_year = entry.year or "n.d."
                    surname = entry.fields["author"].strip("{}").split(",")[0].split(" ")[0]
                    if roll < 0.07:  # a work the bibliography lacks
                        cite_text = f"{rng.choice(SURNAMES)}, {rng.randint(1990, 2020)}"
                        span = w.write(cite_text)
                        record = CitationRecord(
                            span, cite_text, cite_text.split(",")[0], cite_text[-4:], "parenthetical"
                        )
                        citations.append(ResolvedCitation(record, None, "unresolved"))
                        continue
                    variant = roll < 0.15
                    cite_text = f"{surname}{'e' if variant else ''}, {shown_year}"
                    span = w.write(cite_text)
                    record = CitationRecord(span, cite_text, surname, shown_year, "parenthetical")
                    status = "variant" if variant else "resolved"
                    note = f"the text spells the name '{surname}e'" if variant else ""
                    citations.append(ResolvedCitation(record, entry.key, status, note))
                    keys.append(entry.key)
                w.write(")")
            w.write(".")
            span = Span(key, start, w.length)
            sentence_records.append(Sentence(span, w.text[start:], section))
            if section == "Method" and method_span is None:
                method_span = span
            cited_at[span] = keys
            if stat_figure is not None:
                stat_figure = StatisticRecord(**{**stat_figure.__dict__, "sentence": span})
                if keys:
                    source = StatisticSource(stat_figure, "cited", tuple(keys))
                elif section == "Findings":
                    source = StatisticSource(stat_figure, "primary", study=study_id)
                else:
                    source = StatisticSource(stat_figure, "no-source-given")
                statistics.append(source)
                stats_at.setdefault(span, []).append(source)
            w.write(" ")
        w.write("\n\n")
    # An organisation the gazetteer does not know, defined with its acronym (for the rules that find
    # entities beyond it); written after everything else, with no random draw.
    start = w.length
    w.write("The Synthetic Research Council (SRC) funded this report; the SRC reviewed its methods.")
    sentence_records.append(Sentence(Span(key, start, w.length), w.text[start:], "Funding"))
    w.write("\n")
    # A notes section of one prose-only note (a note that cites nothing is kept as a note): no random draw either.
    w.write("\nNotes\n\n1. ")
    notes = [NoteRecord(w.write("The interviews were held in English and are quoted as spoken."), 1)]
    w.write("\n")
    text = w.text
    location = SourceLocation("annotations/synthetic.yaml", 1)
    own = StudyRecord(
        study_id,
        key,
        f"Interviews with {rng.randint(8, 40)} practitioners",
        True,
        "semi-structured interviews",
        rng.randint(8, 40),
        "law enforcement and advocates",
        "United States",
        f"{int(year) - 1}",
        ("Findings",),
        (),
        (),
        method_span,
    )
    described_work = bib.pick(rng, 1)[0]
    other = StudyRecord(
        "survey",
        key,
        "A national survey the report relies on",
        False,
        "survey",
        rng.randint(100, 5000),
        "adults",
        "United States",
        "",
        (),
        (),
        (described_work.key,),
    )
    ordinary = [s for s in sentence_records if not s.text.startswith('"')]
    excerpt_ids = [e.id for e in excerpts]
    claims: list[CuratedClaim] = []
    for i, sentence in enumerate(rng.sample(ordinary, min(len(ordinary), max(3, len(ordinary) * 3 // 10)))):
        interviews = (rng.choice(excerpt_ids),) if excerpt_ids and rng.random() < 0.2 else ()
        studies = (study_id,) if sentence.section == "Findings" and rng.random() < 0.5 else ()
        if rng.random() < 0.1:
            studies += ("survey",)
        works = tuple(cited_at.get(sentence.span, ()))
        claims.append(
            CuratedClaim(
                f"c{i + 1}",
                key,
                sentence.text,
                sentence.span,
                sentence.section,
                rng.choice(CLAIM_KINDS),
                works,
                interviews,
                studies,
                not (works or interviews or studies),
                location=location,
            )
        )
    chains = []
    relayable = [s for s in statistics if s.keys]
    if relayable and agencies:
        chosen = rng.choice(relayable)
        span = chosen.statistic.sentence or chosen.statistic.span
        chains.append(
            Chain(
                "chain1",
                key,
                text[span.start : span.end],
                span,
                "",
                rng.choice(agencies).pref_label,
                chosen.keys,
                location=location,
            )
        )
    flags = []
    for i, sentence in enumerate(rng.sample(ordinary, min(2, len(ordinary)))):
        flags.append(
            Flag(
                f"f{i + 1}",
                key,
                rng.choice(FLAG_KINDS),
                (sentence.text,),
                (sentence.span,),
                "A careful reader would ask where this comes from.",
                tuple(cited_at.get(sentence.span, ())[:1]),
                location=location,
            )
        )
    # A table of the first figures the report states (made from what is written, so no random draw:
    # the rest of the corpus is the same with or without it).
    tables = []
    tabled = [s for s in statistics if s.statistic.sentence is not None][:6]
    if len(tabled) >= 2:
        first, last = tabled[0].statistic.sentence, tabled[-1].statistic.sentence
        rows = tuple(TableRow(None, None, (TableCell(s.statistic.span, s.statistic.text),)) for s in tabled)
        tables.append(
            CuratedTable(
                "figures",
                key,
                "Figures the report states",
                ("row", "figure"),
                Span(key, first.start, last.end),  # type: ignore[union-attr]
                rows,
                location=location,
            )
        )
    annotations = Annotations(
        claims=claims, interviews=excerpts, studies=[own, other], chains=chains, flags=flags, tables=tables
    )
    report = Report(
        key,
        ROOT / "corpus" / f"{key}.txt",
        text,
        hashlib.sha256(text.encode()).hexdigest(),
        f"Synthetic report {index}",
        year,
        "journal-article" if index % 3 else "report",
    )
    entry = make_entry(
        key,
        "article",
        report.kind,
        {
            "author": f"{SURNAMES[index % len(SURNAMES)]}, R.",
            "title": report.title,
            "year": year,
            "journal": "Journal of Synthetic Studies",
        },
        "bib/reports.bib",
        1 + index,
    )
    return ReportPlan(report, entry, sentence_records, citations, statistics, mentions, annotations, notes)


def relations_for(
    rng: random.Random, claims: list[CuratedClaim], earlier: list[CuratedClaim], count: int
) -> list[CrossRelation]:
    if not claims or not earlier:
        return []
    return [
        CrossRelation(
            claim.report,
            claim.id,
            other.report,
            other.id,
            rng.choice(RELATIONS),
            "Both describe the same shift.",
            SourceLocation("annotations/cross-report.yaml", 1),
        )
        for claim, other in zip(
            rng.sample(claims, min(count, len(claims))), rng.sample(earlier, min(count, len(earlier))), strict=False
        )
    ]


def _pairings_with(previous, plan: ReportPlan, evidence) -> list:
    """The suggested pairings between a report and the one before it (figures and claims), made by the build's rules."""
    if previous is None:
        return []
    before, before_evidence = previous
    stats = {p.report.key: [s.statistic for s in p.statistics] for p in (before, plan)}
    measures = {**before_evidence.measures, **evidence.measures}
    claims = {p.report.key: [(c.span, c.quote) for c in p.annotations.claims] for p in (before, plan)}
    return [*compare.figure_pairs(stats, measures), *compare.claim_pairs(claims)]


#: The synthetic corpus formats no reference (citeproc takes tens of ms an entry): its entries carry
#: BibTeX, CSL-JSON and RIS, which the app's downloads read; ``kg export references`` has nothing to give.
NO_CACHE = BuildCache(None)


def generate(
    reports: int, seed: int = 1, sentences: int = 24, progress=None, texts: Path | None = None
) -> tuple[list[str], dict]:
    """Sorted, unique N-Triples lines of a synthetic corpus, and counts of what it holds.

    With ``texts``, each report's text is also written there as ``corpus/KEY.txt`` (the path its
    ``ekg:textFile`` names), so the app can show a synthetic claim in its paragraph.
    """
    rng = random.Random(seed)
    paths = ProjectPaths.discover(ROOT)
    loaded = load_gazetteers([(path, paths.relative(path)) for path in paths.gazetteer_files])
    gazetteer = loaded.entries
    vocabulary = sorted_ntriples(vocabulary_graph(loaded.graph)).decode("utf-8").splitlines()
    bib = Bibliography.make(rng, max(60, 5 * reports))
    lines: set[str] = set(vocabulary)
    inference = Inference(platforms={f"<{e.iri}>" for e in gazetteer if e.category == "platform"})
    inference.news_works = {f"<{RESOURCE}work/{e.key}>" for e in bib.entries if e.kind == "news-item"}
    counts: dict[str, int] = defaultdict(int)
    cited: set[str] = set()
    earlier: list[CuratedClaim] = []
    previous: tuple[ReportPlan, object] | None = None
    for index in range(1, reports + 1):
        plan = plan_report(rng, index, sentences, bib, gazetteer, earlier)
        key = plan.report.key
        if texts is not None:
            target = texts / "corpus" / f"{key}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(plan.report.text, encoding="utf-8")
        extraction = Extraction(
            paths,
            [plan.report],
            {key: plan.entry},
            [],
            gazetteer,
            sentences={key: plan.sentences},
            citations={key: plan.citations},
            statistics={key: plan.statistics},
            mentions={key: plan.mentions},
            annotations=plan.annotations,
            notes={key: plan.notes},
        )
        sink = TripleSink()
        evidence = infer(extraction)  # the rules' layer, as the build makes it (no random draw)
        inferred.add_entities(sink, evidence.entities)
        nodes = add_report_layer(sink, extraction, plan.report, evidence)
        add_report_text(sink, plan.report, plan.sentences)  # the read side's copy, as kg build writes it
        add_entry(sink, plan.entry, REPORT, NO_CACHE, styles=())
        curated.add_curated(sink, extraction, {key: nodes})
        for pairing in _pairings_with(previous, plan, evidence):
            inferred.add_pairing(
                sink, pairing, lambda kind, span: span_iri("stat" if kind == "figure" else "claim", span)
            )
            counts["pairings"] += 1
        previous = (plan, evidence)
        for relation in relations_for(rng, plan.annotations.claims, earlier, 2 if index % 2 else 1):
            other = next(c for c in earlier if (c.report, c.id) == (relation.report_b, relation.claim_b))
            curated.add_relation(sink, Annotations(claims=[*plan.annotations.claims, other]), relation)
            counts["relations"] += 1
        inference.infer(sink)
        lines.update(sink.lines())
        cited.update(c.key for c in plan.citations if c.key)
        cited.update(k for s in plan.annotations.studies for k in s.works)
        earlier.extend(rng.sample(plan.annotations.claims, min(3, len(plan.annotations.claims))))
        earlier = earlier[-300:]
        for name, value in (
            ("claims", len(plan.annotations.claims)),
            ("statistics", len(plan.statistics)),
            ("citation occurrences", len(plan.citations)),
            ("mentions", len(plan.mentions)),
            ("interview excerpts", len(plan.annotations.interviews)),
            ("flags", len(plan.annotations.flags)),
        ):
            counts[name] += value
        if progress and index % 100 == 0:
            progress(f"  {index:,} reports, {len(lines):,} triples")
    work_sink = TripleSink()
    for entry in bib.entries:
        if entry.key in cited:
            extracted.add_work(work_sink, entry)
            add_entry(work_sink, entry, WORK, NO_CACHE, styles=())
    lines.update(work_sink.lines())
    counts["reports"] = reports
    counts["works cited"] = len(cited)
    counts["triples"] = len(lines)
    return sorted(lines), dict(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic evidence graph of N reports (the real graph's shape) as sorted N-Triples.",
        epilog="About 1,200 triples a report with the default --sentences: 1,000 reports give over a million.",
    )
    parser.add_argument("--reports", "-n", type=int, required=True, help="how many reports")
    parser.add_argument("--out", "-o", required=True, help="the N-Triples file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes; default 1)")
    parser.add_argument("--sentences", type=int, default=24, help="sentences per report (default 24)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary (counts, seconds, peak memory)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument(
        "--texts", help="also write each report's text under DIR/corpus/ (a project folder the app can read)"
    )
    args = parser.parse_args(argv)
    if args.reports < 1:
        parser.error("--reports must be at least 1")
    started = time.perf_counter()
    say = (lambda _: None) if args.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
    lines, counts = generate(args.reports, args.seed, args.sentences, say, Path(args.texts) if args.texts else None)
    generated = time.perf_counter() - started
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
        handle.write("\n")
    summary = {
        **counts,
        "seconds": round(time.perf_counter() - started, 3),
        "generate_seconds": round(generated, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "bytes": out.stat().st_size,
        "file": str(out),
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"Wrote {out}: {counts['triples']:,} triples, {args.reports:,} reports in {summary['seconds']:.1f} s")
        for name, value in sorted(counts.items()):
            print(f"  {name:<22}{value:>10,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
