"""The evidence stage cut into per-report tasks, for worker processes and the build cache.

Most of what :func:`kg.evidence.stage.infer` does reads one report only; two things join the
reports: the found entities (a name's class and canonical form are counted over every report) and
the names looked for again in every text (a name one report finds is a name in all). So the stage
is three steps:

1. :func:`scan_report`, per report: the names its rules find (:meth:`EntityFinder.scan` on that
   report alone) with the counts the entities are made of;
2. in the build's process, the counts summed (:func:`merge_scans`: sums and unions, so the order of
   the reports does not matter) and the names every report looks for again (:func:`shared_forms`);
3. :func:`infer_report`, per report: the names looked for again, then chains, flags, claim kinds and
   measures, which read that report's records only.

Step 3 reads of step 2 only the names whose first word the report's text holds
(:func:`forms_in`): any other name cannot match there, so the result is the same, and a report
added elsewhere leaves the inputs, and so the cached answer, of the others unchanged unless it
brings a name they write. tests/test_evidence_per_report.py checks the result equals the serial stage.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from kg.evidence import entities, names_uses
from kg.evidence.chains import find_chains
from kg.evidence.flags import ReportFlags
from kg.evidence.kinds import claim_kinds, claim_sentences
from kg.evidence.measures import measures
from kg.evidence.records import ClaimKindGuess, EntityMention, Measure, SuggestedChain, SuggestedFlag
from kg.records import (
    BibEntry,
    GazetteerEntry,
    MentionRecord,
    Report,
    ResolvedCitation,
    Sentence,
    Span,
    StatisticRecord,
    StatisticSource,
)
from kg.sources.text import sentence_at

#: A found name as it is looked for again: its words and its entity's key.
Form = tuple[str, str]


@dataclass(frozen=True)
class ScanInputs:
    """What scanning one report reads: its records, the gazetteer, the curated entries, its works' titles."""

    report: Report
    sentences: tuple[Sentence, ...]
    gazetteer_mentions: tuple[MentionRecord, ...]
    citations: tuple[ResolvedCitation, ...]
    gazetteer: tuple[GazetteerEntry, ...]
    references: tuple[BibEntry, ...]
    works: tuple[BibEntry, ...]


@dataclass
class Scan:
    """One report's finds and its share of the entities' counts."""

    state: entities._Report
    kinds: dict[str, Counter[str]]
    forms: dict[str, Counter[str]]
    short_forms: dict[str, set[str]]
    rules: dict[str, set[str]]


def scan_report(inputs: ScanInputs) -> Scan:
    """Step 1 for one report (pure: run in a worker)."""
    finder = entities.EntityFinder(list(inputs.gazetteer), list(inputs.references), inputs.works)
    finder.scan(inputs.report, list(inputs.sentences), list(inputs.gazetteer_mentions), list(inputs.citations))
    return Scan(finder.states[0], dict(finder.kinds), dict(finder.forms), dict(finder.short_forms), dict(finder.rules))


def merge_scans(finder: entities.EntityFinder, scans: list[Scan]) -> None:
    """Step 2: the reports' finds into ``finder`` (in the reports' order), its counts summed."""
    for scan in scans:
        finder.states.append(scan.state)
        for key, kinds in scan.kinds.items():
            finder.kinds[key].update(kinds)
        for key, forms in scan.forms.items():
            finder.forms[key].update(forms)
        for key, shorts in scan.short_forms.items():
            finder.short_forms[key].update(shorts)
        for key, rules in scan.rules.items():
            finder.rules[key].update(rules)


def shared_forms(scans: list[Scan]) -> set[Form]:
    """The found names of several words (or with a dot) that every report looks for again
    (:meth:`EntityFinder.mentions`' ``shared``)."""
    return {
        (" ".join(m.text.split()), m.entity)
        for scan in scans
        for m in scan.state.mentions
        if not m.gazetteer and (" " in m.text.strip() or "." in m.text)
    }


def own_forms(state: entities._Report) -> set[Form]:
    """The report's own found names it looks for again (:meth:`EntityFinder.mentions`' ``own``)."""
    return {
        (" ".join(m.text.split()), m.entity)
        for m in state.mentions
        if not m.gazetteer and not (m.rule.startswith("acronym") and " " not in m.text.strip())
    }


def forms_in(text: str, forms: set[Form]) -> list[Form]:
    """The names a text is searched for, longest first, less those whose first word it never writes."""
    firsts = {form.split()[0] for form, _ in forms}
    written = {word for word in firsts if word in text}
    return sorted((f for f in forms if f[0].split()[0] in written), key=lambda f: (-len(f[0]), f[0]))


@dataclass(frozen=True)
class ReportTask:
    """What step 3 reads for one report."""

    report: Report
    sentences: tuple[Sentence, ...]
    citations: tuple[ResolvedCitation, ...]
    statistics: tuple[StatisticSource, ...]
    gazetteer_mentions: tuple[MentionRecord, ...]
    references: tuple[BibEntry, ...]
    state: entities._Report
    forms: tuple[Form, ...]


@dataclass
class ReportEvidence:
    """What step 3 infers for one report."""

    mentions: list[EntityMention] = field(default_factory=list)
    chains: list[SuggestedChain] = field(default_factory=list)
    flags: list[SuggestedFlag] = field(default_factory=list)
    claims: list[ClaimKindGuess] = field(default_factory=list)
    measures: dict[Span, Measure] = field(default_factory=dict)


def infer_report(task: ReportTask) -> ReportEvidence:
    """Step 3 for one report (pure: run in a worker): the loop of :func:`kg.evidence.stage.infer`."""
    state = task.state
    names_uses.later_uses(state.text, state.add, list(task.forms))
    found = sorted(state.mentions, key=lambda m: m.span.start)
    report, sentences = task.report, list(task.sentences)
    citations, statistics = list(task.citations), list(task.statistics)
    gazetteer_mentions = list(task.gazetteer_mentions)
    references = {e.key: e for e in task.references}
    out = ReportEvidence(mentions=found)
    out.chains = find_chains(sentences, citations, statistics, gazetteer_mentions, found, references)
    rules = ReportFlags(report, sentences, citations, statistics, references, out.chains)
    out.flags = rules.flags()
    claim_spans = claim_sentences(sentences, citations, statistics, out.flags)
    # a note or a reference list's entry is a source, not a claim: it gets no kind
    claim_spans = {span for span in claim_spans if not rules.apparatus(rules.sentence_of(span))}
    out.claims = claim_kinds(sentences, claim_spans, citations)
    names = sorted(
        [(m.span.start, m.span.end, m.entity, True) for m in gazetteer_mentions]
        + [(m.span.start, m.span.end, m.entity, m.gazetteer) for m in found]
    )
    by_sentence: dict[Span, list[StatisticRecord]] = {}
    for source in statistics:
        home = sentence_at(sentences, source.statistic.span.start)
        if home is not None:
            by_sentence.setdefault(home.span, []).append(source.statistic)
    homes = {s.span: s for s in sentences}
    starts = [n[0] for n in names]
    for span, stats in by_sentence.items():
        inside = names[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
        for measure in measures(homes[span], stats, inside):
            out.measures[measure.statistic] = measure
    return out
