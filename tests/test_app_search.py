"""Search over everything a user can quote (issue #20, B): BM25 checked by hand, every kind of text
findable on the real graph, the words marked, the same texts found by `kg query search`, the page
through AppTest and a click on a result in Chromium."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from harness.app_server import chromium, no_exception, running_app, settle
from kg.appdata import pages as registry
from kg.appdata import search
from tests.conftest import NEEDS_CHROMIUM

APP = Path(__file__).resolve().parent.parent / "app"
#: What issue #20 found nothing for, though interview excerpts hold the words.
ONLY_IN_EXCERPTS = ("Local girls", "offshore", "out of the country")


@pytest.fixture(scope="module")
def index(store):
    return search.index(store)


def test_bm25_scores_are_the_okapi_formula_worked_by_hand():
    docs = [["girl", "local"], ["girl"], ["country", "out", "country"]]
    bm25 = search.BM25(docs)
    avgdl = 2.0
    idf_girl = math.log((3 - 2 + 0.5) / (2 + 0.5) + 1)
    idf_country = math.log((3 - 1 + 0.5) / (1 + 0.5) + 1)
    want_0 = idf_girl * 1 * 2.5 / (1 + 1.5 * (1 - 0.75 + 0.75 * 2 / avgdl))
    want_1 = idf_girl * 1 * 2.5 / (1 + 1.5 * (1 - 0.75 + 0.75 * 1 / avgdl))
    want_2 = idf_country * 2 * 2.5 / (2 + 1.5 * (1 - 0.75 + 0.75 * 3 / avgdl))
    got = bm25.scores(["girl", "country"])
    assert got == pytest.approx([want_0, want_1, want_2])
    assert got[1] > got[0]  # the shorter text holding the word ranks higher


@pytest.mark.parametrize("words", ONLY_IN_EXCERPTS)
def test_words_only_an_interview_excerpt_holds_are_found_and_marked(index, words):
    hits = index.search(words)
    assert hits and hits[0].doc.kind == "interview excerpt"
    assert f"<mark>{words}</mark>".casefold() in hits[0].snippet.casefold() or all(
        f"<mark>{w}" in hits[0].snippet for w in words.split() if w not in search.STOP
    )
    assert hits[0].doc.page == "Claims" and hits[0].doc.value.startswith("res:claim/")


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("Xbox", "cited work"),
        ("CSI: Xbox", "candidate source"),
        ("Executive Order 13257", "quality flag"),  # a curator's sourced note on a flag
        ("Personal communication, June 29", "endnote"),
        ("report on victims recruited with social media", "study"),
        ("urban cities", "figure"),
        ("per girl", "claim"),
    ],
)
def test_each_kind_of_text_is_found_by_its_own_words(index, words, kind):
    hits = index.search(words, (kind,))
    assert hits, (words, kind)
    assert all(h.doc.kind == kind for h in hits)
    assert "<mark>" in hits[0].snippet


def test_a_quoted_phrase_must_be_there_and_marks_are_escaped(index):
    assert all("per girl" in search.fold(h.doc.text) for h in index.search('"per girl"'))
    assert search.snippet("<b>girls</b> & boys", ["girl"]) == "&lt;b&gt;<mark>girls</mark>&lt;/b&gt; &amp; boys"
    assert index.search("the of") == [] or all(h.score > 0 for h in index.search("the of"))


@pytest.mark.parametrize("words", ONLY_IN_EXCERPTS)
def test_kg_query_search_finds_the_excerpts_too(build_dir, capsys, words):
    from kg.cli import main

    assert main(["query", "search", "--param", f"text={words}", "--format", "json", "--build", str(build_dir)]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert bindings and bindings[0]["type"]["value"] == "excerpt"
    scores = [float(b["score"]["value"]) for b in bindings]
    assert scores == sorted(scores, reverse=True)


def test_kg_query_search_reaches_works_candidates_and_flags(build_dir, capsys):
    from kg.cli import main

    assert main(["query", "search", "--param", "text=Xbox", "--format", "json", "--build", str(build_dir)]) == 0
    types = {b["type"]["value"] for b in json.loads(capsys.readouterr().out)["results"]["bindings"]}
    assert {"work", "candidate", "note", "claim"} <= types


def test_the_search_page_reads_its_words_from_the_url_and_marks_them(build_dir, monkeypatch):
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("KG_ENDPOINT", raising=False)
    at = AppTest.from_file(str(APP / registry.SEARCH.script), default_timeout=120)
    at.query_params["q"] = "offshore"
    at.run()
    assert not at.exception
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert "<mark>offshore</mark>" in shown and "interview excerpt" in shown and "Claims?claim=res%3Aclaim" in shown
    at.text_input(key="q").set_value("Local girls").run()
    assert at.query_params["q"] == ["Local girls"] or at.query_params["q"] == "Local girls"


@pytest.mark.browser
@NEEDS_CHROMIUM
def test_a_click_anywhere_on_a_result_opens_it(build_dir):
    with running_app(build_dir) as url, chromium() as browser:
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            page.goto(url + "/Search?q=offshore")
            settle(page, 60_000)
            card = page.locator("a.kg-card").first
            card.wait_for(timeout=60_000)
            box = card.bounding_box()
            page.mouse.click(box["x"] + box["width"] - 12, box["y"] + box["height"] / 2)  # not on the words
            page.wait_for_url("**/Claims?claim=*", timeout=30_000)
            settle(page, 60_000)
            no_exception(page)
            assert page.get_by_text("Back to the claims").count() >= 1
            page.close()


def test_a_note_that_cites_nothing_is_found_at_its_own_words(build_dir, store, capsys):
    """A prose-only note (usc2012's note 10) is a note node with no marker carrying its text: search found nothing
    for its words. Now `kg query search` finds it with offsets whose text is its quote, and the app's index holds it."""
    from kg.cli import main
    from kg.sources.text import load_reports
    from tests.conftest import ROOT, ProjectPaths

    words = "Institutional Review Board approval"
    assert main(["query", "search", "--param", f"text={words}", "--format", "json", "--build", str(build_dir)]) == 0
    notes = [b for b in json.loads(capsys.readouterr().out)["results"]["bindings"] if b["type"]["value"] == "note"]
    assert len(notes) == 1 and "/note/" in notes[0]["item"]["value"]
    text = {r.key: r.text for r in load_reports(ProjectPaths.discover(ROOT))}[notes[0]["report"]["value"]]
    start, end = int(notes[0]["start"]["value"]), int(notes[0]["end"]["value"])
    assert text[start:end] == notes[0]["quote"]["value"] and words in text[start:end]
    found = search.index(store).search(f'"{words}"')
    assert any(hit.doc.kind == "endnote" and words in hit.doc.text for hit in found)
