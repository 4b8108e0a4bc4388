"""Lookups by offset (kg.sources.spans and the indexes built on it) give the answers of a scan of every item.

Extraction stays linear in a text's length by looking stretches up by offset instead of
scanning every record for every record; these tests check the lookups against the scans
they replace. Speed itself is measured by benchmarks/extraction_scaling.py, not here.
"""

from __future__ import annotations

import random
import re

import pytest

from kg.extract.citations import extract_citations
from kg.extract.citations.back_references import matches_at, names_pattern, word_starts
from kg.records import CitationRecord, ResolvedCitation, Span
from kg.resolve.indexes import NoteTexts
from kg.sources.spans import SpanIndex


def _random_spans(rng: random.Random, count: int, length: int, longest: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randrange(length)
        spans.append((start, min(length, start + rng.choice([0, 1, 2, rng.randrange(longest + 1)]))))
    return spans


@pytest.mark.parametrize("cell", [1, 4, 64])
def test_near_holds_everything_a_scan_finds(cell: int) -> None:
    rng = random.Random(cell)
    items = _random_spans(rng, 400, 2_000, 300)
    index: SpanIndex[int] = SpanIndex(cell)
    for n, (a, b) in enumerate(items):
        index.add(a, b, n)
    for start, end in _random_spans(rng, 400, 2_000, 200):
        near = [(a, b, n) for a, b, n in index.near(start, end)]
        assert len(near) == len({n for _, _, n in near}), "an item is yielded once"
        ids = {n for _, _, n in near}
        for n, (a, b) in enumerate(items):
            if (a < end and start < b) or (start <= a and b <= end) or (a <= start and end <= b):
                assert n in ids, ((a, b), (start, end))


def test_names_pattern_found_at_candidate_words_as_by_finditer(reports) -> None:
    """Back-references: trying a names pattern only where its first name stands finds what finditer finds."""
    texts = [" ".join(r.text.split()) for r in reports.values()]
    texts.append(
        "Farrell and Pfeffer; Farrell, and Pfeffer x-Farrell and Pfeffer Farrell & Pfeffer-x boyd et al. (2011)"
    )
    cases = [
        (["Farrell", "Pfeffer"], False),
        (["boyd"], True),
        (["Fedina", "Williamson", "Perdue"], False),
        (["Latonero"], True),
        (["U.S. Department", "Justice"], False),
    ]
    found = 0
    for text in texts:
        for names, et_al in cases:
            regex = re.compile(names_pattern(names, et_al))
            first = re.match(r"\w+", names[0])
            assert first is not None
            starts = word_starts(text, {first.group()}).get(first.group(), [])
            expected = [m.span() for m in regex.finditer(text)]
            assert [m.span() for m in matches_at(regex, text, starts)] == expected
            found += len(expected)
    assert found >= 5


def test_note_texts_find_the_first_marker_a_scan_finds(reports) -> None:
    report = reports["usc2012"]
    markers = [
        ResolvedCitation(c, None, "unresolved")
        for c in extract_citations(report.text, report.key)
        if c.form == "endnote-marker"
    ]
    assert markers
    notes = NoteTexts(markers)
    folded = [" ".join(c.citation.endnote_text.split()) for c in markers]
    rng = random.Random(1)
    quotes = []
    for text in folded:
        words = text.split(" ")
        for _ in range(5):
            i = rng.randrange(len(words))
            quotes.append(" ".join(words[i : i + rng.randrange(1, 8)]))
            quotes.append(text[rng.randrange(len(text)) :][: rng.randrange(1, 60)])
    quotes += ["not in any note at all", "", "Retrieved from"]
    for quote in quotes:
        expected = next((c for c, text in zip(markers, folded, strict=True) if quote in text), None)
        assert notes.first_holding(quote) is expected, quote


def test_note_texts_with_repeated_texts_keep_list_order() -> None:
    def marker(start: int, text: str) -> ResolvedCitation:
        record = CitationRecord(Span("r", start, start + 3), "[1]", "A", "2010", "endnote-marker", endnote_text=text)
        return ResolvedCitation(record, None, "unresolved")

    markers = [
        marker(50, "Smith, J. (2010) Title of the work."),
        marker(10, "Jones (2011) Other  work"),
        marker(5, "x"),
    ]
    markers.append(marker(1, "Smith, J. (2010) Title of the work."))
    notes = NoteTexts(markers)
    assert notes.first_holding("J. (2010) Title of") is markers[0]
    assert notes.first_holding("(2011) Other work") is markers[1]
    assert notes.first_holding("x") is markers[2]
