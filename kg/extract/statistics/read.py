"""A report's statistics read sentence by sentence, outside reference lists and notes."""

from __future__ import annotations

import re

from kg.extract.statistics.context import list_head, measure, period, year
from kg.extract.statistics.german import english_view, slash_decimals
from kg.extract.statistics.masks import FOOTNOTE, LOCATOR, REFERENCE, REFERENCE_LIST
from kg.extract.statistics.quantities import quantities, shares_by_context
from kg.extract.statistics.shapes import find_figures
from kg.records import Report, Sentence, Span, StatisticRecord
from kg.sources.language import language_of
from kg.sources.spans import SpanIndex
from kg.sources.text import normalise_whitespace

#: The words a heading never ends on: a "heading" ending so is a wrapped line of running text (a slide's bullet
#: broken over short lines: ``7,000 in 1999 to over 10,000 in``).
_OPEN_END = re.compile(
    r"\b(?:a|an|the|of|in|on|at|to|for|from|by|with|and|or|but|nor|than|during|over|under|about|into|as|per|"
    r"is|are|was|were|that|which|who|der|die|das|den|dem|des|und|oder|von|mit|im|zu|zum|zur|für|ein|eine)\s*$",
    re.IGNORECASE,
)


#: A sentence cut after a locator's abbreviation (``Nr.``, ``Abb.``, ``p.``): the next sentence's first number is its.
_AFTER_LOCATOR = re.compile(rf"\b{LOCATOR}\.\s*$", re.IGNORECASE)


def _heading(sentence: Sentence) -> bool:
    """A heading, unless the line ends open (on an article, a preposition, a conjunction) and most of its words are
    in lower case: then it is running text (a heading wrapped over lines keeps its capitals: ``Appendix IV: Three
    States’ Initiatives to``)."""
    if not sentence.is_heading or not _OPEN_END.search(sentence.text):
        return sentence.is_heading
    words = re.findall(r"\b[^\W\d_][\w’'-]*", sentence.text)
    return 2 * sum(1 for w in words if w[0].isupper()) >= len(words)


def _in_reference_list(sentence: Sentence) -> bool:
    """An entry of a reference list, whose numbers are volumes and pages (a footnote there is not one)."""
    return bool(REFERENCE_LIST.match(sentence.section)) and not FOOTNOTE.match(sentence.text)


def statistics_in_sentence(
    report_key: str,
    sentence: Sentence,
    skipped: list[tuple[int, int, bool]] | None = None,
    conventions: tuple[bool, bool] = (False, False),
) -> list[StatisticRecord]:
    """The statistics one sentence states, anchored at offsets into the report's text.

    ``skipped`` (offsets into the report, :meth:`kg.records.PageLayout.skipped`) are the page
    furniture and line-end hyphen breaks inside the sentence: figures are read in the sentence
    as it reads without them (a page number is no count, ``thou-\nsand`` is one word), and
    anchored back in the text as it is. ``conventions`` (German, slashed decimals) are the report's ways of
    writing numbers (:mod:`.german`): the sentence is read as English writes them, anchored as it is printed.
    """
    text = sentence.text
    if _heading(sentence) or REFERENCE.search(text) or _in_reference_list(sentence):
        return []
    base = sentence.span.start
    offsets = None
    if skipped:
        text, offsets = normalise_whitespace(text, [(a - base, b - base, dropped) for a, b, dropped in skipped])
    if any(conventions) and (view := english_view(text, *conventions)) is not None:
        text, mapped = view
        offsets = [offsets[i] for i in mapped] if offsets is not None else mapped  # type: ignore[assignment]
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
    conventions = (language_of(report.text) == "de", slash_decimals(report.text))
    before = ""
    for sentence in sentences:
        skipped = layout.skipped(sentence.span.start, sentence.span.end) if layout else None
        found = statistics_in_sentence(report.key, sentence, skipped, conventions)
        if found and _AFTER_LOCATOR.search(before):  # "(vgl. Abb." | "1). Hinzu ...": the number is the label's
            lead = sentence.span.start + len(sentence.text) - len(sentence.text.lstrip())
            found = [r for r in found if r.span.start != lead]
        records.extend(found)
        before = sentence.text
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
