"""The app's words: every code a page shows has words a person reads, read from the graph or kg.kinds."""

from __future__ import annotations

import re

from kg.appdata import words
from kg.appdata.settings import rows
from kg.kinds import FLAG_KINDS, WORK_KINDS


def test_every_kind_has_words_that_are_not_its_code():
    for kind in WORK_KINDS:
        assert words.work_kind(kind) and "-" not in words.work_kind(kind)
    for kind in FLAG_KINDS:
        assert words.flag_kind(kind) and "-" not in words.flag_kind(kind)


def test_every_work_of_the_corpus_has_a_source_kind_the_filter_offers(store):
    for r in rows(store, "app-works"):
        assert words.source_kind(r.get("kind", ""), r.get("firstAuthor", "")) in words.SOURCE_KINDS


def test_a_government_body_writes_government_documents():
    assert words.source_kind("report", "U.S. Department of Justice") == "government document"
    assert words.source_kind("web-page", "Federal Bureau of Investigation") == "government document"
    assert words.source_kind("report", "Polaris Project") == "report"
    assert words.source_kind("journal-article", "Office, A.") == "research article or book"


def test_short_citations_read_as_a_reader_cites():
    assert words.short_citation("NPR", "NPR", "2010") == "NPR (2010)"
    assert words.short_citation("Heil", "Heil, Erin; Nichols, Andrea", "2014") == "Heil & Nichols (2014)"
    assert words.short_citation("Fedina", "Fedina, L.; Williamson, C.; Perdue, T.", "2019") == "Fedina et al. (2019)"
    assert words.short_citation("", "", "") == "Anonymous (n.d.)"


def test_report_names_are_cut_with_an_ellipsis():
    assert words.report_name("A short title", "2012") == "A short title (2012)"
    long = words.report_name("x" * 100, "2019", limit=20)
    assert long.endswith("… (2019)") and len(long) == 20 + len(" (2019)")
    title = "Primary Research: Diffusion of Technology-Facilitated Human Trafficking"
    shown = words.report_name(title, "2012")  # 72 characters: cut between words, not inside "Trafficking"
    assert shown == "Primary Research: Diffusion of Technology-Facilitated Human… (2012)"


def test_ontology_terms_have_their_labels_from_the_graph(store):
    vocabulary = words.labels(store)
    assert len(vocabulary) > 40
    assert words.term(vocabulary, "restsOn") == "rests on"
    # Labels are read, not guessed: some differ from what splitting the code would give.
    guessed = {code: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", code).lower() for code in vocabulary if "/" not in code}
    assert any(words.term(vocabulary, code) != guess for code, guess in guessed.items())
    for code, label in vocabulary.items():
        assert words.term(vocabulary, code) == label
    # An unknown term still reads as words, not as a camel-cased code.
    assert words.term(vocabulary, "someNewProperty") == "some new property"


def test_every_status_the_graph_uses_has_words(store):
    for r in rows(store, "app-statistics"):
        code = r.get("status", "")
        assert words.status(code) in words.STATUS_WORDS.values(), code
