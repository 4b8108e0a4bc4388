"""Texts the app shows, cut or joined without garbling them (the app helper found "These h" on the figure
page and "2000.. A candidate" in the TVPA flag's rationale).

Checked over the session's build of the project's reports: every claim a figure is stated in, every
figure's paragraph, every flag's rationale.
"""

from __future__ import annotations

import re

import pytest

from kg.appdata.clipping import clipped
from kg.appdata.text import ReportText, highlighted_paragraph, paragraph_bounds, report_text
from kg.graph.candidates import joined_sentences

EKG = "PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>\n"


def _inside_a_word(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1].isalnum() and text[offset].isalnum()


def test_every_claim_a_figure_is_stated_in_is_clipped_between_words(store):
    """The figure page's "The claim it is stated in: ..." line cut 26 of the 57 quotes inside a word at 120."""
    quotes = store.select(
        EKG + "SELECT DISTINCT ?quote WHERE { ?s ekg:statedIn ?c . ?c ekg:hasAnchor ?a . "
        "?a oa:hasSelector ?q . ?q oa:exact ?quote }",
        limit=10_000,
    ).records()
    long_ones = [r["quote"] for r in quotes if len(r["quote"]) > 120]
    assert len(long_ones) >= 10
    for quote in long_ones:
        shown = clipped(quote, 120)
        assert len(shown) <= 120 and shown.endswith("…")
        kept = shown.rstrip(" …")
        assert quote.startswith(kept) and not _inside_a_word(quote, len(kept)), shown
    short = next(r["quote"] for r in quotes if len(r["quote"]) <= 120)
    assert clipped(short, 120) == short  # whole: no ellipsis (it was added to every quote)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("The group paid them all in gifts. These girls recruit others.", 40, "The group paid them all in gifts. …"),
        ("Gifts were paid. These higher-level girls recruit others.", 40, "Gifts were paid. These higher-level…"),
        ("one two three four five six seven", 20, "one two three four…"),
        ("a" * 30, 10, "a" * 9 + "…"),  # one long token: cut where it must, still said
        ("one two three, four", 16, "one two three…"),
    ],
)
def test_clipped_cuts_at_a_sentence_or_a_word(text, limit, expected):
    assert clipped(text, limit) == expected


def test_every_figures_paragraph_is_cut_between_words_and_says_so(store):
    """Paragraphs longer than 900 characters either side are cut: 28 of the cuts fell inside a word."""
    rows = store.select(
        EKG + "SELECT ?report ?start ?end WHERE { ?i a ekg:Statistic ; ekg:hasAnchor ?a . ?a oa:hasSource ?r ; "
        "oa:hasSelector ?p . ?r ekg:bibtexKey ?report . ?p oa:start ?start ; oa:end ?end }",
        limit=10_000,
    ).records()
    assert rows
    cuts = 0
    for row in rows:
        report = report_text(store, row["report"])
        start, end = int(row["start"]), int(row["end"])
        shown_start, shown_end = paragraph_bounds(report, start, end)
        assert shown_start <= start and end <= shown_end
        assert not _inside_a_word(report.text, shown_start) and not _inside_a_word(report.text, shown_end)
        html = highlighted_paragraph(report, start, end)
        whole = paragraph_bounds(report, start, end, limit=10**9)
        if shown_end < whole[1]:
            cuts += 1
            assert html.endswith(" …"), html[-80:]
    assert cuts >= 5


def test_a_long_paragraph_without_sentences_is_cut_at_a_space():
    words = " ".join(f"word{i}" for i in range(600))
    report = ReportText(words, (), ((0, len(words)),))
    start = words.index("word300")
    html = highlighted_paragraph(report, start, start + 7)
    assert html.startswith("… word") and html.endswith(" …")
    shown = re.sub(r"</?mark>", "", html)[2:-2]
    assert all(re.fullmatch(r"word\d+", w) for w in shown.split()), shown[:40]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("in 2000.", "shows: x", "A candidate."), "in 2000. shows: x. A candidate."),
        (("it says 'stop.'", "Why?", "(see p. 3)"), "it says 'stop.' Why? (see p. 3)."),
        (("ends…", " spaced out ", ""), "ends… spaced out."),
    ],
)
def test_sentences_are_joined_without_doubling_their_full_stops(parts, expected):
    assert joined_sentences(*parts) == expected


def test_no_flag_rationale_doubles_a_full_stop(store):
    rationales = [r["why"] for r in store.select(EKG + "SELECT ?why WHERE { ?f ekg:rationale ?why }").records()]
    assert rationales and not [r for r in rationales if re.search(r"(?<!\.)\.\.(?!\.)", r)]
    tvpa = [r for r in rationales if "law in 2000" in r]
    assert tvpa and all("2000. A candidate" in r for r in tvpa), tvpa


def test_the_figure_page_shows_its_claim_cut_between_words(store, build_dir, monkeypatch):
    """The figure page itself (AppTest), for figures stated in claims over 120 characters."""
    from streamlit.testing.v1 import AppTest

    from kg.appdata import names
    from kg.appdata import pages as registry
    from tests.conftest import ROOT

    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    monkeypatch.delenv("KG_ENDPOINT", raising=False)
    rows = store.select(
        EKG + "SELECT ?stat ?quote WHERE { ?stat ekg:statedIn ?c . ?c ekg:hasAnchor ?a . ?a oa:hasSelector ?q . "
        "?q oa:exact ?quote FILTER(STRLEN(?quote) > 120) } ORDER BY ?stat",
        limit=10_000,
    ).records()
    cut_in_a_word = [r for r in rows if _inside_a_word(r["quote"], 119)]  # where [:120] cut before
    assert len(cut_in_a_word) >= 3
    for row in cut_in_a_word[:3]:
        at = AppTest.from_file(str(ROOT / "app" / registry.STATISTICS.script), default_timeout=120)
        at.query_params["stat"] = names.short(row["stat"])
        at.run()
        assert not at.exception
        lines = [str(m.value) for m in at.markdown if "The claim it is stated in" in str(m.value)]
        assert lines, row["stat"]
        shown = re.search(r"“(.*?)”", lines[0]).group(1)
        kept = shown.rstrip(" …").split()  # the page shows the quote's words with its line breaks as spaces
        assert shown.endswith("…") and kept == row["quote"].split()[: len(kept)], shown  # every word whole


def test_work_names_with_a_title_are_clipped_between_words():
    """Two personal communications of one name and year told apart by their titles, and a work without an author
    named by its title: the title shortened at a word, never inside one (it was cut at a fixed count)."""
    from kg.appdata.sources import _name
    from kg.appdata.words import distinct_names

    title = "Interview with a detective of the vice unit about classified advertising sites"
    names = distinct_names([("a", "Musto (2012)", "2012", title), ("b", "Musto (2012)", "2012", "Email")])
    shown = names["a"].removeprefix("Musto (2012), ")
    assert shown.endswith("…") and title.startswith(shown.rstrip("…"))
    assert not _inside_a_word(title, len(shown.rstrip("…")))
    act = "Allow States and Victims to Fight Online Sex Trafficking Act of 2017, a law"
    law = _name({"title": act, "year": "2018"})
    assert law.endswith("(2018)") and "…" in law
    assert not _inside_a_word(act, len(law.removesuffix(" (2018)").rstrip("…")))
