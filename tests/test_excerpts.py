"""Interview excerpts are whole quoted passages, and the claims that carry an excerpt's endnote reach it.

A curator once anchored each excerpt to the first sentence of its passage, so what the investigator
or agent went on to say was not in the graph. These tests read the passage's limits from the text
itself, never from the annotation files: an inline quote runs from its opening quotation mark to
the closing one; a block quote is a paragraph of its own. In the hard-wrapped 2020 text a wrapped
line keeps a space before its line break and a paragraph's last line has none (the only exceptions
are words hyphenated across lines); the 2012 text writes each paragraph on one line, its endnote
marker (``[19]``) after the last word.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.project import ProjectPaths
from kg.sources.annotations import Annotations, InterviewExcerpt, load_annotations
from kg.sources.text import load_reports

ROOT = Path(__file__).resolve().parent.parent
OPENING, CLOSING = "“", "”"
#: After the last word of a block quote: an endnote marker or nothing, then the line break.
BLOCK_END = re.compile(r"(\[\d+\])?\n")
#: After the last word of an inline quote: the closing mark, perhaps after the comma or full stop it encloses.
INLINE_END = re.compile(r"[,.;]?" + CLOSING)
#: A line break inside a paragraph follows a space (or a hyphen, or another break); one after a word ends it.
PARAGRAPH_END_INSIDE = re.compile(r"[^\s-]\n")


@pytest.fixture(scope="module")
def loaded() -> tuple[dict, Annotations]:
    paths = ProjectPaths.discover(ROOT)
    reports = load_reports(paths)
    return {r.key: r for r in reports}, load_annotations(paths, reports)


def _excerpts() -> list[str]:
    paths = ProjectPaths.discover(ROOT)
    return [f"{e.report}:{e.id}" for e in load_annotations(paths, load_reports(paths)).interviews]


def _excerpt(loaded, name: str) -> tuple[str, InterviewExcerpt]:
    reports, annotations = loaded
    report, ident = name.split(":")
    return reports[report].text, annotations.interview(report, ident)


@pytest.mark.parametrize("name", _excerpts())
def test_each_excerpt_is_the_whole_quoted_passage(loaded, name):
    text, excerpt = _excerpt(loaded, name)
    start, end = excerpt.span.start, excerpt.span.end
    quote = text[start:end]
    assert quote == excerpt.quote
    if text[start - 1] == OPENING:
        assert INLINE_END.match(text, end), f"{name} stops before the closing quotation mark: {text[end : end + 40]!r}"
        assert OPENING not in quote and CLOSING not in quote, f"{name} runs past its closing quotation mark"
    else:
        assert text[start - 1] == "\n", f"{name}: a block quote starts a line, not {text[start - 20 : start]!r}"
        assert BLOCK_END.match(text, end), f"{name} stops inside its paragraph: {text[end : end + 40]!r}"
        inside = PARAGRAPH_END_INSIDE.search(quote)
        assert inside is None, f"{name} runs past its paragraph's end: {quote[inside.start() - 30 : inside.end()]!r}"


def test_every_dated_excerpt_stops_just_before_its_endnote_marker(loaded):
    reports, annotations = loaded
    dated = [e for e in annotations.interviews if e.endnote is not None]
    assert len(dated) >= 10
    for e in dated:
        text = reports[e.report].text
        marker = f"[{e.endnote}]"
        assert text.startswith(marker, e.span.end) or text.startswith(CLOSING + marker, e.span.end), e.id
