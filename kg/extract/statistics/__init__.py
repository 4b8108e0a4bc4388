"""Statistics: every quantity a report states, normalised, with what it measures.

A figure is found by its shape (``$99 billion``, ``71 percent``, ``n=12``, ``17-year-old``,
``45 minutes to one hour``, ``four to six girls``) and kept only when it is a quantity,
not a number used as a name. Numbers that are not statistics are masked first, so that
no figure pattern can see them: years used as dates and in citations, locators
(``p. 2655``, ``para. 7``), endnote markers (``[16]``), list markers (``(1)``), phone numbers,
law numbers (``P.L.106-386``), running headers (``Volume 9, Issue 1``), page numbers on a
line of their own, hashtags and names with digits (``#304life``, ``Rights4Girls``,
``Level 3 Communications``), labels (``exchange 559``), quoted keywords (``"18,"``) and
whole bibliographic references in endnotes and the entries of a reference list, and numbered
paragraphs (``2.1 Online ...``).

Numbers in words need a noun after them (``four to six girls``, ``thirteen counts``), and
``one`` counts only beside other counts (``one police officer, two sergeants``), since
"one" is far more often a pronoun or an article than a quantity. Nouns of discourse
(``two ways``, ``three steps``, ``two distinctions``) are not statistics of the world.

``measure`` is drawn from the sentence around the figure: the words of its clause before
it, an ellipsis where the figure stands, and the words after it (``sex trafficking
constituted … of reported human trafficking incidents in 2017``). ``year`` is the year
the sentence says the figure refers to (``in 2017``, ``In 2018, ...``, ``since 2003 from``);
``period`` is either a recurrence as an ISO 8601 duration (``P1Y`` for "annually",
``P1M`` for "per month") or the stretch of time the figure covers as an ISO 8601
interval (``2003/2018``, ``2012-03-01/2012-05-31``).
"""

from __future__ import annotations

from kg.extract.statistics.context import list_head, measure, period, year
from kg.extract.statistics.masks import FOOTNOTE, REFERENCE, REFERENCE_LIST
from kg.extract.statistics.quantities import quantities, shares_by_context
from kg.extract.statistics.shapes import find_figures
from kg.records import Report, Sentence, Span, StatisticRecord
from kg.sources.spans import SpanIndex
from kg.sources.text import normalise_whitespace


def _in_reference_list(sentence: Sentence) -> bool:
    """An entry of a reference list, whose numbers are volumes and pages (a footnote there is not one)."""
    return bool(REFERENCE_LIST.match(sentence.section)) and not FOOTNOTE.match(sentence.text)


def statistics_in_sentence(
    report_key: str, sentence: Sentence, skipped: list[tuple[int, int, bool]] | None = None
) -> list[StatisticRecord]:
    """The statistics one sentence states, anchored at offsets into the report's text.

    ``skipped`` (offsets into the report, :meth:`kg.records.PageLayout.skipped`) are the page
    furniture and line-end hyphen breaks inside the sentence: figures are read in the sentence
    as it reads without them (a page number is no count, ``thou-\nsand`` is one word), and
    anchored back in the text as it is.
    """
    text = sentence.text
    if sentence.is_heading or REFERENCE.search(text) or _in_reference_list(sentence):
        return []
    base = sentence.span.start
    offsets = None
    if skipped:
        text, offsets = normalise_whitespace(text, [(a - base, b - base, dropped) for a, b, dropped in skipped])
    figures = shares_by_context(text, quantities(text, find_figures(text)))
    head = list_head(text, figures)
    records = []
    for figure in figures:
        start, end = figure.start, figure.end
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        records.append(
            StatisticRecord(
                span=Span(report_key, base + start, base + end),
                text=sentence.text[start:end],
                value=figure.value,
                unit=figure.unit,
                kind=figure.kind,
                measure=" ".join(measure(text, figure, figures, head).split()),
                upper=figure.upper,
                year=year(text, figure, figures),
                period=period(text, figure),
                sentence=sentence.span,
            )
        )
    return records


def extract_statistics(
    report: Report, sentences: list[Sentence], references: list[Span] | None = None
) -> list[StatisticRecord]:
    """Every statistic of a report, in text order (``sentences`` from ``kg.sources.sentences``).

    ``references`` are the entries of the report's own reference list and notes: the years,
    volumes and pages of a reference are not statistics.
    """
    records: list[StatisticRecord] = []
    layout = report.layout
    for sentence in sentences:
        skipped = layout.skipped(sentence.span.start, sentence.span.end) if layout else None
        records.extend(statistics_in_sentence(report.key, sentence, skipped))
    if references:
        index: SpanIndex[None] = SpanIndex()
        for span in references:
            index.add(span.start, span.end, None)
        records = [
            r
            for r in records
            if not any(a <= r.span.start and r.span.end <= b for a, b, _ in index.near(r.span.start, r.span.end))
        ]
    return records
