"""Interview excerpts are whole quoted passages, and the claims that carry an excerpt's endnote reach it.

A curator once anchored each excerpt to the first sentence of its passage, so what the investigator
or agent went on to say was not in the graph. These tests read the passage's limits from the text
itself, never from the annotation files: an inline quote runs from its opening quotation mark to
the closing one; a block quote is a paragraph of its own. In the hard-wrapped 2020 text a wrapped
line keeps a space before its line break and a paragraph's last line has none (the only exceptions
are words hyphenated across lines); the 2012 text writes each paragraph on one line, its endnote
marker (``[19]``) after the last word. The graph tests find the marker in the text, the claims
holding it through their anchors, and follow ``ekg:restsOn`` with SPARQL.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.project import ProjectPaths
from kg.query import run_query
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
        assert e.endnote_span is not None and text[e.endnote_span.start : e.endnote_span.end] == marker, e.id


EKG = "https://w3id.org/evidence-kg/ontology#"
RES = "https://w3id.org/evidence-kg/resource/"

#: Every claim whose anchor holds the stretch [{start}, {end}) of a report's text (offsets are ints we write).
CLAIMS_HOLDING = """
PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?claim WHERE {{
  ?claim a ekg:Claim ; ekg:statedIn/ekg:bibtexKey "{report}" ; ekg:hasAnchor/oa:hasSelector ?position .
  ?position oa:start ?start ; oa:end ?end .
  FILTER(?start <= {start} && ?end >= {end})
}}"""


def _claims_holding(store, report: str, start: int, end: int) -> list[str]:
    query = CLAIMS_HOLDING.format(report=report, start=int(start), end=int(end))
    return [r["claim"] for r in store.select(query, limit=None).records()]


def _excerpt_iri(e: InterviewExcerpt) -> str:
    return f"{RES}excerpt/{e.report}/{e.span.start}-{e.span.end}"


def test_a_claim_resting_on_endnote_19_reaches_the_personal_communication_excerpt(store, loaded):
    reports, annotations = loaded
    text = reports["usc2012"].text
    # "[19]             Musto. Personal communication, July 30, 2012." in the endnotes
    assert re.search(r"^\[19\]\s+Musto\. Personal communication, July 30, 2012\.$", text, re.MULTILINE)
    marker = text.index("[19]")
    excerpt = next(e for e in annotations.interviews if e.report == "usc2012" and e.endnote == 19)
    assert excerpt.dated_by == "musto_pc_2012_07_30"
    claims = _claims_holding(store, "usc2012", marker, marker + len("[19]"))
    assert claims, "no claim carries endnote [19]"
    for claim in claims:
        found = run_query(store, "provenance", {"item": claim}, limit=None).records()
        direct = {r["source"] for r in found if r["relation"] == "rests on"}
        assert f"{RES}work/musto_pc_2012_07_30" in direct, claim
        assert _excerpt_iri(excerpt) in direct, f"{claim} does not reach the excerpt dated by endnote 19"
        chained = {(r["key"], r["via"]) for r in found if r["relation"] == "rests on, through a chain"}
        assert ("le-interviews", _excerpt_iri(excerpt)) in chained, claim


def test_every_claim_that_carries_an_excerpts_endnote_rests_on_the_excerpt(store, loaded):
    _, annotations = loaded
    dated = [e for e in annotations.interviews if e.endnote_span is not None]
    for e in dated:
        claims = _claims_holding(store, e.report, e.endnote_span.start, e.endnote_span.end)
        assert claims, e.id
        excerpt = _excerpt_iri(e)
        for claim in claims:
            asked = f"ASK {{ <{claim}> <{EKG}restsOn> <{excerpt}> . <{excerpt}> a <{EKG}InterviewExcerpt> }}"
            assert store.select(asked).boolean is True, (claim, e.id)
