"""What every flag rule reads of one report: its sentences, the citations and figures in each, its notes
and paragraphs, and the bibliography's entries; and the one way a rule writes a flag.

Each rule is a module of :mod:`kg.evidence.flag_rules` with a ``RULE``: the kinds of flag it raises and
a function from these records to its flags. Rules read the extracted and resolved records only (never the
curated layer), so that a report nobody annotated is flagged the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from kg.evidence import sentences as kinds_of
from kg.evidence.records import SuggestedChain, SuggestedFlag
from kg.records import BibEntry, Report, ResolvedCitation, Sentence, Span, StatisticSource
from kg.sources.text import paragraphs, sentence_at

#: A note of an endnote list: "[16] Musto. Personal communication, June 29, 2012." (its number, its words).
_NOTE_LINE = re.compile(r"(?m)^[ \t]*\[(\d{1,4})\]\s*?(?:[ \t\xa0]+)(\S[^\n]*)")


def make_flag(
    kind: str, spans: list[Span], rationale: str, works: tuple[str, ...] = (), targets: tuple[Span, ...] = ()
) -> SuggestedFlag:
    """A suggested flag, identified by its kind and first anchor (``auto-KIND-START-END``)."""
    spans = sorted(set(spans))
    first = spans[0]
    return SuggestedFlag(
        f"auto-{kind}-{first.start}-{first.end}", first.report, kind, tuple(spans), rationale, works, targets
    )


class ReportRecords:
    """One report's records, indexed the way the rules look them up."""

    def __init__(
        self,
        report: Report,
        sentences: list[Sentence],
        citations: list[ResolvedCitation],
        statistics: list[StatisticSource],
        references: dict[str, BibEntry],
        chains: list[SuggestedChain],
    ) -> None:
        self.report, self.citations, self.statistics = report, citations, statistics
        self.references, self.chains = references, chains
        self.sentences = [s for s in sentences if not s.is_heading]
        self.cites_in: dict[Span, list[ResolvedCitation]] = defaultdict(list)
        for resolved in citations:
            home = self.sentence_of(resolved.citation.span)
            if home is not None:
                self.cites_in[home.span].append(resolved)
        self.notes = {
            int(m.group(1)): Span(report.key, m.start(2), m.start(2) + len(m.group(2).rstrip()))
            for m in _NOTE_LINE.finditer(report.text)
        }
        self.paragraphs = paragraphs(report.text)
        self.paragraph_starts = [p.start for p in self.paragraphs]
        self._paragraph_texts: dict[int, str] = {}
        self._excerpts: dict[int, bool] = {}
        self.marker_starts = sorted(c.citation.span.start for c in citations if c.citation.form == "endnote-marker")
        self.stats_in: dict[Span, list[StatisticSource]] = defaultdict(list)
        for source in statistics:
            home = self.sentence_of(source.statistic.span)
            if home is not None:
                self.stats_in[home.span].append(source)

    def anchors(self, cites: list[ResolvedCitation]) -> list[Span]:
        """Where citations stand, and for an endnote marker also its note's words (what a reader checks)."""
        spans = [c.citation.span for c in cites]
        spans += [self.notes[c.citation.marker] for c in cites if c.citation.marker in self.notes]
        return spans

    def sentence_of(self, span: Span) -> Sentence | None:
        found = sentence_at(self.sentences, span.start)
        return found if found is not None and found.span.start <= span.start < found.span.end else None

    def section(self, span: Span) -> str:
        home = self.sentence_of(span)
        return home.section if home is not None else ""

    def kind_of(self, key: str | None) -> str:
        entry = self.references.get(key or "")
        return entry.kind if entry is not None else ""

    def paragraph_of(self, sentence: Sentence) -> str:
        """The text of the paragraph holding the sentence, cut once per paragraph: a paragraph of a
        whole text (a text on one line) would otherwise be copied once for each of its sentences."""
        at = bisect_right(self.paragraph_starts, sentence.span.start) - 1
        if at < 0:
            return ""
        if at not in self._paragraph_texts:
            self._paragraph_texts[at] = self.report.text[self.paragraphs[at].start : self.paragraphs[at].end]
        return self._paragraph_texts[at]

    def in_excerpt(self, sentence: Sentence) -> bool:
        """The sentence's paragraph quotes someone speaking (:func:`kg.evidence.sentences.is_excerpt`),
        asked once per paragraph, so that the rules' cost stays linear in the text's length."""
        at = bisect_right(self.paragraph_starts, sentence.span.start) - 1
        if at not in self._excerpts:
            self._excerpts[at] = kinds_of.is_excerpt(self.paragraph_of(sentence))
        return self._excerpts[at]

    def apparatus(self, sentence: Sentence | None) -> bool:
        return sentence is not None and kinds_of.is_apparatus(sentence, self.paragraph_of(sentence))

    def homes(self, cites: list[ResolvedCitation]) -> tuple[Span, ...]:
        """The sentences the citations stand in, and the figures those sentences state."""
        homes = [self.sentence_of(c.citation.span) for c in cites]
        spans = [h.span for h in homes if h is not None]
        spans += [s.statistic.span for h in homes if h is not None for s in self.stats_in.get(h.span, [])]
        return tuple(dict.fromkeys(spans))


@dataclass(frozen=True)
class FlagRule:
    """One rule: the kinds of flag it may raise (each a kind of :data:`kg.kinds.FLAG_KINDS`) and how."""

    kinds: tuple[str, ...]
    find: Callable[[ReportRecords], list[SuggestedFlag]]
