"""Quality flags any report gets from rules: what a careful reader would question, where a rule can tell.

Each rule reads the extracted and resolved records only (never the curated layer), so that a
report nobody annotated is flagged the same way:

* ``no-source``: a figure, or a sentence that claims a fact (dates an event, ranks, generalises
  from research), with no citation, outside the report's own data (its method and findings
  sections, its first-person sentences, interview excerpts) and apparatus (notes, references). A
  paragraph closed by an endnote marker counts as cited, and so does a sentence going on about the
  work the sentence before cites ("They found ...").
* ``news-as-evidence``: a claim whose every cited work is a news item, or a figure resting only on
  news items in a sentence that also cites other work.
* ``undated-source``: a cited work without a year (one flag per work, at each of its citations).
* ``personal-communication-as-evidence``: a statement resting on a personal communication (not an
  interviewee's own words, in the first person, which a communication merely dates).
* ``citation-variant``: a citation resolved to an entry it names in another spelling.
* ``year-mismatch``: a citation whose year is not its entry's, or a figure said to be of a year
  later than every work it is cited to (the source cannot know it).
* ``not-in-bibliography``: a citation no entry of the bibliography matches.
* ``uncited-reference``: an entry the bibliography gives for the report that it never cites
  (anchored where the text writes its title, else at the report's first line).
* ``relayed-figure``: a figure or statement credited to one organisation and cited to another work
  (the chain of custody, :mod:`kg.evidence.chains`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict

from kg.evidence import sentences as kinds_of
from kg.evidence.kinds import claim_kind
from kg.evidence.records import SuggestedChain, SuggestedFlag
from kg.records import BibEntry, Report, ResolvedCitation, Sentence, Span, StatisticSource
from kg.sources.text import find_quote, paragraphs, sentence_at

_YEAR_DIFFERS = re.compile(r"\byear written\b")
#: A note of an endnote list: "[16] Musto. Personal communication, June 29, 2012." (its number, its words).
_NOTE_LINE = re.compile(r"(?m)^[ \t]*\[(\d{1,4})\]\s*?(?:[ \t\xa0]+)(\S[^\n]*)")
_REFERENCE_LIST = re.compile(r"^\s*(?:references|bibliography|works cited|sources|literature)\s*$", re.IGNORECASE)


def _flag(
    kind: str, spans: list[Span], rationale: str, works: tuple[str, ...] = (), targets: tuple[Span, ...] = ()
) -> SuggestedFlag:
    spans = sorted(set(spans))
    first = spans[0]
    return SuggestedFlag(
        f"auto-{kind}-{first.start}-{first.end}", first.report, kind, tuple(spans), rationale, works, targets
    )


class ReportFlags:
    """The rules over one report's records; :meth:`flags` runs them all."""

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

    def _section(self, span: Span) -> str:
        home = self.sentence_of(span)
        return home.section if home is not None else ""

    def kind_of(self, key: str | None) -> str:
        entry = self.references.get(key or "")
        return entry.kind if entry is not None else ""

    def flags(self) -> list[SuggestedFlag]:
        found = [
            *self.no_source(),
            *self.news(),
            *self.undated(),
            *self.personal(),
            *self.variants(),
            *self.figure_years(),
            *self.uncited(),
            *self.relayed(),
        ]
        return sorted(found, key=lambda f: (f.spans[0].start, f.kind))

    def paragraph_of(self, sentence: Sentence) -> str:
        at = bisect_right(self.paragraph_starts, sentence.span.start) - 1
        return self.report.text[self.paragraphs[at].start : self.paragraphs[at].end] if at >= 0 else ""

    def apparatus(self, sentence: Sentence | None) -> bool:
        return sentence is not None and kinds_of.is_apparatus(sentence, self.paragraph_of(sentence))

    def no_source(self) -> list[SuggestedFlag]:
        flags = []
        previous: Sentence | None = None
        for sentence in self.sentences:
            before, previous = previous, sentence
            if self.apparatus(sentence) or kinds_of.is_own_data(sentence) or self.cites_in.get(sentence.span):
                continue
            if kinds_of.is_excerpt(self.paragraph_of(sentence)):
                continue  # an interviewee's words are the report's own evidence
            if before is not None and self.cites_in.get(before.span) and kinds_of.CONTINUES.match(sentence.text):
                continue  # "They found ...": the work the sentence before cites
            if claim_kind(sentence, False)[0] in ("recommendation", "method", "limitation"):
                continue  # advice, a method or an admitted limit is no claim of fact needing a source
            stats = [s for s in self.stats_in.get(sentence.span, []) if not s.keys and s.status != "primary"]
            why = "states a figure" if stats else kinds_of.states_fact(sentence, self._year_outside_citations(sentence))
            if not why or self._closed_by_note(sentence):
                continue
            targets = (sentence.span, *(s.statistic.span for s in stats))
            flags.append(_flag("no-source", [sentence.span], f"The sentence {why} with no citation.", (), targets))
        return flags

    def _year_outside_citations(self, sentence: Sentence) -> bool:
        base = sentence.span.start
        cited = [c.citation.span for c in self.cites_in.get(sentence.span, [])]
        return any(not any(c.start <= base + s < c.end for c in cited) for s, _ in kinds_of.years(sentence.text))

    def _closed_by_note(self, sentence: Sentence) -> bool:
        """An endnote marker later in the sentence's paragraph covers it (endnote style)."""
        at = bisect_right(self.paragraph_starts, sentence.span.start) - 1
        if at < 0:
            return False
        paragraph_end = self.paragraphs[at].end
        first = bisect_left(self.marker_starts, sentence.span.end)
        return first < len(self.marker_starts) and self.marker_starts[first] <= paragraph_end

    def news(self) -> list[SuggestedFlag]:
        flags = []
        for span, cites in self.cites_in.items():
            keys = {c.key for c in cites if c.key}
            if (
                keys
                and all(self.kind_of(k) == "news-item" for k in keys)
                and not self.apparatus(self.sentence_of(span))
            ):
                targets = (span, *(s.statistic.span for s in self.stats_in.get(span, [])))
                why = "figure" if self.stats_in.get(span) else "statement"
                flags.append(
                    _flag(
                        "news-as-evidence",
                        self.anchors(cites),
                        f"The {why} rests only on news items.",
                        tuple(sorted(keys)),
                        targets,
                    )
                )
        flagged = {span for span, cites in self.cites_in.items() if any(f.targets[0] == span for f in flags)}
        for source in self.statistics:  # a figure resting only on news, in a sentence that also cites research
            home = self.sentence_of(source.statistic.span)
            news = source.keys and all(self.kind_of(k) == "news-item" for k in source.keys)
            if news and home is not None and home.span not in flagged and not self.apparatus(home):
                cites = [c for c in self.cites_in.get(home.span, []) if c.citation.span in source.citations]
                flags.append(
                    _flag(
                        "news-as-evidence",
                        [source.statistic.span, *self.anchors(cites)],
                        "The figure rests only on news items.",
                        tuple(sorted(source.keys)),
                        (source.statistic.span, home.span),
                    )
                )
        return flags

    def undated(self) -> list[SuggestedFlag]:
        by_work: dict[str, list[ResolvedCitation]] = defaultdict(list)
        for resolved in self.citations:
            entry = self.references.get(resolved.key or "")
            if entry is not None and not re.match(r"\d{4}", entry.year):
                by_work[entry.key].append(resolved)
        return [
            _flag(
                "undated-source",
                self.anchors(cites),
                "The work is cited without a date.",
                (key,),
                self._homes(cites),
            )
            for key, cites in sorted(by_work.items())
        ]

    def _homes(self, cites: list[ResolvedCitation]) -> tuple[Span, ...]:
        homes = [self.sentence_of(c.citation.span) for c in cites]
        spans = [h.span for h in homes if h is not None]
        spans += [s.statistic.span for h in homes if h is not None for s in self.stats_in.get(h.span, [])]
        return tuple(dict.fromkeys(spans))

    def personal(self) -> list[SuggestedFlag]:
        flags = []
        for span, cites in self.cites_in.items():
            personal = [c for c in cites if self.kind_of(c.key) == "personal-communication"]
            home = self.sentence_of(span)
            if home is not None and kinds_of.is_excerpt(self.paragraph_of(home)):
                continue  # a communication dating an interviewee's own words is how the report cites its interviews
            if personal and not self.apparatus(home):
                flags.append(
                    _flag(
                        "personal-communication-as-evidence",
                        self.anchors(personal),
                        "The statement rests on a personal communication, which a reader cannot consult.",
                        tuple(sorted({c.key for c in personal if c.key})),
                        self._homes(personal),
                    )
                )
        return flags

    def variants(self) -> list[SuggestedFlag]:
        flags = []
        for resolved in self.citations:
            span, key = resolved.citation.span, (resolved.key,) if resolved.key else ()
            if resolved.status == "variant":
                dated = resolved.citation.year[:4].isdigit()
                kind = "year-mismatch" if dated and _YEAR_DIFFERS.search(resolved.note) else "citation-variant"
                flags.append(
                    _flag(kind, [span], f"Resolved as a variant: {resolved.note}.", key, self._homes([resolved]))
                )
            elif resolved.status == "unresolved":
                why = "No entry of the bibliography matches the citation."
                flags.append(_flag("not-in-bibliography", [span], why, (), self._homes([resolved])))
        return flags

    def figure_years(self) -> list[SuggestedFlag]:
        flags = []
        for source in self.statistics:
            year = source.statistic.year
            years = [self.references[k].year[:4] for k in source.keys if k in self.references]
            if year and years and all(y.isdigit() and y < year for y in years):
                why = (
                    f"The figure is said to be of {year}, but every work it is cited to is older ({', '.join(years)})."
                )
                flags.append(
                    _flag("year-mismatch", [source.statistic.span], why, source.keys, (source.statistic.span,))
                )
        return flags

    def uncited(self) -> list[SuggestedFlag]:
        # a reference list's own entries do not cite their works; notes do (endnote style)
        cited = {c.key for c in self.citations if c.key and not _REFERENCE_LIST.match(self._section(c.citation.span))}
        flags = []
        for key, entry in sorted(self.references.items()):
            if self.report.key not in re.split(r"[\s,;]+", entry.fields.get("citedin", "")) or key in cited:
                continue
            span = find_quote(self.report.text, entry.title) if entry.title else None
            where = ""
            if span is None:
                span = _first_line(self.report)
                where = " (its words are not in the text; anchored at the report's first line)"
            span = Span(self.report.key, span.start, span.end)
            why = f"The bibliography lists this work for the report, which never cites it{where}."
            flags.append(_flag("uncited-reference", [span], why, (key,), ()))
        return flags

    def relayed(self) -> list[SuggestedFlag]:
        return [
            _flag(
                "relayed-figure",
                [chain.span],
                f"Credited to {chain.originator} but cited to another work: "
                f"a relayed {'figure' if chain.items else 'statement'}.",
                chain.works,
                (chain.sentence, *chain.items),
            )
            for chain in self.chains
            if chain.works
        ]


def _first_line(report: Report) -> Span:
    match = re.search(r"\S[^\n]*", report.text)
    start, end = (match.start(), match.end()) if match else (0, min(1, len(report.text)))
    return Span(report.key, start, len(report.text[:end].rstrip()) if match else end)
