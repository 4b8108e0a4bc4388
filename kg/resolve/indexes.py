"""A report's citations, endnote texts and paragraphs, indexed once and looked up by offset.

Linking asks for the citations near each statistic: scanning every citation for every statistic
was quadratic in the report's length. Each index answers what a scan of its list in order would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kg.records import ResolvedCitation, Sentence, Span, StatisticRecord
from kg.sources.spans import SpanIndex


class CitationIndex:
    """A list of citations, looked up by offset: built once per report, asked once per statistic.

    Every lookup narrows the list through a :class:`SpanIndex` and then applies the test the
    rules state, keeping the list's order, so the answers are those of a scan of the list.
    """

    def __init__(self, citations: list[ResolvedCitation]) -> None:
        self.citations = citations
        self._index: SpanIndex[int] = SpanIndex()
        for i, cited in enumerate(citations):
            self._index.add(cited.citation.span.start, cited.citation.span.end, i)
        # Endnote markers by offset (ties in list order, as a stable sort leaves them).
        self.markers = sorted(
            (c for c in citations if c.citation.form == "endnote-marker"), key=lambda c: c.citation.span.start
        )
        self.marker_starts = [c.citation.span.start for c in self.markers]
        self._in_sentence: dict[Span, list[ResolvedCitation]] = {}
        self._notes: NoteTexts | None = None

    def near(self, span: Span) -> list[ResolvedCitation]:
        """Every citation that overlaps, contains or lies within ``span`` (and maybe a few more), in list order."""
        found = sorted(i for _, _, i in self._index.near(span.start, span.end))
        return [self.citations[i] for i in found]

    def within(self, sentence: Sentence) -> list[ResolvedCitation]:
        """The citations inside a sentence, in list order."""
        inside = self._in_sentence.get(sentence.span)
        if inside is None:
            inside = [c for c in self.near(sentence.span) if sentence.span.contains(c.citation.span)]
            self._in_sentence[sentence.span] = inside
        return inside

    @property
    def notes(self) -> NoteTexts:
        """The endnote texts of the markers (read when first asked for)."""
        if self._notes is None:
            self._notes = NoteTexts([c for c in self.citations if c.citation.form == "endnote-marker"])
        return self._notes


class NoteTexts:
    """The endnote texts of a report's markers, whitespace folded, searched for a quote.

    Each distinct text is kept once, with the first marker (in list order) that carries it;
    a word index narrows the texts a quote of three words or more can be in: its inner words
    stand whole in any text that holds it.
    """

    def __init__(self, markers: list[ResolvedCitation]) -> None:
        first: dict[str, ResolvedCitation] = {}
        for cited in markers:
            first.setdefault(" ".join(cited.citation.endnote_text.split()), cited)
        self.texts = list(first)
        self.owners = list(first.values())
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for n, text in enumerate(self.texts):
            for word in set(text.split(" ")):
                self.by_word[word].append(n)

    def first_holding(self, quote: str) -> ResolvedCitation | None:
        """The first marker whose endnote text holds ``quote`` (folded), as a scan of them in order finds."""
        inner = quote.split(" ")[1:-1]
        if inner:
            candidates = min((self.by_word.get(word, []) for word in inner), key=len)
        else:
            candidates = list(range(len(self.texts)))
        for n in candidates:
            if quote in self.texts[n]:
                return self.owners[n]
        return None


class ParagraphIndex:
    """Paragraph spans, found by offset."""

    def __init__(self, paragraphs: Sequence[Span]) -> None:
        self.paragraphs = paragraphs
        self._index: SpanIndex[int] = SpanIndex()
        for i, para in enumerate(paragraphs):
            self._index.add(para.start, para.end, i)

    def first_holding(self, stat: StatisticRecord) -> Span | None:
        """The first paragraph (in the order given) of the statistic's report, or of none, holding its start."""
        offset, report = stat.span.start, stat.span.report
        found = [
            i
            for a, b, i in self._index.near(offset, offset)
            if a <= offset < b and self.paragraphs[i].report in ("", report)
        ]
        return self.paragraphs[min(found)] if found else None
