"""Citation extraction on the real corpus, on a third citation style, and on small inline cases."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from kg.extract.citations import extract_citations
from kg.project import ProjectPaths
from kg.records import CitationRecord, Report
from kg.sources.text import find_quote, load_reports

ROOT = Path(__file__).resolve().parent.parent
THIRD_STYLE = ROOT / "tests" / "fixtures" / "third_style"


@cache
def reports() -> dict[str, Report]:
    return {r.key: r for r in load_reports(ProjectPaths.discover(ROOT))}


@cache
def citations(key: str) -> tuple[CitationRecord, ...]:
    report = reports()[key]
    return tuple(extract_citations(report.text, report.key))


def folded(text: str) -> str:
    return " ".join(text.split())


def by_text(key: str, text: str) -> list[CitationRecord]:
    return [c for c in citations(key) if folded(c.text) == text]


def at_marker(key: str, number: int) -> list[CitationRecord]:
    return [c for c in citations(key) if c.marker == number and c.form == "endnote-marker"]


# --- every record on the real corpus ---------------------------------------------------


@pytest.mark.parametrize("key", ["policing2020", "usc2012"])
def test_every_span_quotes_the_text(key: str) -> None:
    text = reports()[key].text
    assert citations(key)
    for c in citations(key):
        assert c.span.report == key
        assert c.text == text[c.span.start : c.span.end]
        if c.group:
            assert c.group.contains(c.span)
            assert text[c.group.start] == "(" and text[c.group.end - 1] == ")"
        if c.endnote_text:
            assert c.endnote_text in text


def test_counts_per_report() -> None:
    for key in ("policing2020", "usc2012"):
        forms = Counter(c.form for c in citations(key))
        print(f"{key}: {len(citations(key))} citations {dict(forms)}")
    assert Counter(c.form for c in citations("policing2020")) == {"parenthetical": 61, "narrative": 17}
    # The six short citations written in notes (``Musto (2011).``) are occurrences of their own.
    assert Counter(c.form for c in citations("usc2012")) == {"endnote-marker": 40, "narrative": 2, "endnote": 6}


def test_records_come_in_text_order() -> None:
    for key in ("policing2020", "usc2012"):
        starts = [c.span.start for c in citations(key)]
        assert starts == sorted(starts)


# --- author-year (policing2020) ----------------------------------------------------------


def test_a_citation_broken_across_lines_keeps_one_span() -> None:
    [ilo] = by_text("policing2020", "International Labour Organization, 2014")
    assert ilo.text == "International Labour Organization, \n\n2014"
    assert (ilo.authors, ilo.year, ilo.form) == ("International Labour Organization", "2014", "parenthetical")


def test_a_group_of_works_with_a_page_locator() -> None:
    fedina, unicef = [
        c
        for c in citations("policing2020")
        if c.group and c.group == by_text("policing2020", "UNICEF USA, n.d.")[0].group
    ]
    assert (fedina.authors, fedina.year) == ("Fedina, Williamson, & Perdue", "2019")
    assert (unicef.authors, unicef.year) == ("UNICEF USA", "n.d.")
    quoted = [c for c in by_text("policing2020", "Fedina, Williamson, & Perdue, 2019") if c.locator]
    assert [c.locator for c in quoted] == ["p. 2655"]
    assert [c.locator for c in by_text("policing2020", "Lynch & Lambert, 2018")] == ["para. 7"]
    assert [c.locator for c in by_text("policing2020", "Aradillas, 2017")] == ["p. 70"]


def test_repeated_years_are_two_citations() -> None:
    stansky = [c for c in citations("policing2020") if c.authors == "Stansky & Finkelhor"]
    assert [c.year for c in stansky] == ["2008", "2012"]
    assert [folded(c.text) for c in stansky] == ["Stansky & Finkelhor, 2008", "Stansky & Finkelhor, 2008, 2012"]
    assert stansky[0].group == stansky[1].group


def test_see_prefixes_are_kept_apart_from_the_names() -> None:
    [fedina] = by_text("policing2020", "Fedina et al., 2019")
    assert (fedina.prefix, fedina.authors) == ("see", "Fedina et al.")
    [valla] = by_text("policing2020", "Vallacampa & Torres, 2017")
    assert (valla.prefix, valla.authors) == ("See", "Vallacampa & Torres")


@pytest.mark.parametrize(
    "text, authors, year",
    [
        ("United Nations (2014)", "United Nations", "2014"),
        ("Kara (2009)", "Kara", "2009"),
        ("Mitchell, Finkelhor, and Wolak (2010)", "Mitchell, Finkelhor, and Wolak", "2010"),
        ("Marcus, Horning, Curtis, Sanson and Thompson (2014)", "Marcus, Horning, Curtis, Sanson and Thompson", "2014"),
        ("Ericson and Haggerty (1997)", "Ericson and Haggerty", "1997"),
        ("Ferrell and Pfeffer (2014)", "Ferrell and Pfeffer", "2014"),
    ],
)
def test_narrative_citations(text: str, authors: str, year: str) -> None:
    found = by_text("policing2020", text)
    assert found and all((c.form, c.authors, c.year, c.group) == ("narrative", authors, year, None) for c in found)


def test_narrative_names_across_a_line_break() -> None:
    assert len(by_text("policing2020", "Farrell and Pfeffer (2014)")) == 2
    assert any("\n\n" in c.text for c in by_text("policing2020", "Farrell and Pfeffer (2014)"))


def test_a_later_mention_without_the_year_is_a_citation() -> None:
    [again] = by_text("policing2020", "Farrell and Pfeffer")
    text = reports()["policing2020"].text
    assert text[again.span.end :].startswith(" also identified")
    assert (again.year, again.form) == ("", "narrative")


def test_laws_cases_and_organisations() -> None:
    [tvpa] = by_text("policing2020", "Trafficking Victims Protection Act of 2000")
    assert (tvpa.authors, tvpa.year, tvpa.locator) == ("Trafficking Victims Protection Act", "2000", "P.L.106-386")
    [case] = by_text("policing2020", "Backpage.com, L.L.C. v. McKenna")
    assert (case.year, case.form) == ("", "parenthetical")
    for org in ("Office of Juvenile Justice and Delinquency Prevention", "U.S. Department of Defense", "CBSDFW"):
        assert [c for c in citations("policing2020") if c.authors == org]
    assert [c.authors for c in citations("policing2020") if c.authors.startswith("de ")] == ["de Heredia"]


def _not_citations(key: str) -> list[str]:
    expected = yaml.safe_load((ROOT / "tests" / "expected" / f"citations_{key}.yaml").read_text(encoding="utf-8"))
    return [q for s in expected["sections"] for q in s.get("not_citations", [])]


@pytest.mark.parametrize("key", ["policing2020", "usc2012"])
def test_no_citation_for_dates_acronyms_or_the_running_header(key: str) -> None:
    text = reports()[key].text
    quotes = _not_citations(key)
    assert quotes
    for quote in quotes:
        span = find_quote(text, quote)
        assert span is not None, f"hand-checked quote not in the text: {quote!r}"
        hits = [c for c in citations(key) if c.span.start < span.end and span.start < c.span.end]
        assert not hits, f"{quote!r} gave {hits}"


def test_the_running_header_gives_nothing() -> None:
    text = reports()["policing2020"].text
    start = text.index("Journal of Qualitative Criminal Justice")
    end = text.index("\n", start)
    assert not [c for c in citations("policing2020") if start <= c.span.start < end]


# --- numbered endnotes (usc2012) ----------------------------------------------------------


def test_marker_6_yields_two_works() -> None:
    six = at_marker("usc2012", 6)
    assert [c.text for c in six] == ["[6]", "[6]"]
    assert [(c.authors, c.year) for c in six] == [
        ("Anderson, N.", "2012"),
        ("Shively, M., Kliorys, K., & Hunt, D.", "2012"),
    ]
    assert six[0].endnote_text.startswith("Anderson, N. (January 10, 2012) CSI: Xbox")
    assert six[1].endnote_text.endswith("National Institute of Justice, p. 19")
    assert six[1].locator == "p. 19"


@pytest.mark.parametrize("number", [2, 10, 13])
def test_notes_that_cite_nothing_yield_no_citation(number: int) -> None:
    text = reports()["usc2012"].text
    assert f"[{number}]" in text
    assert at_marker("usc2012", number) == []


def test_several_works_in_one_note_with_see_also() -> None:
    assert [(c.authors, c.prefix) for c in at_marker("usc2012", 8)] == [("Foot, K.", ""), ("Foot & Vanek", "See also")]
    assert [(c.authors, c.prefix) for c in at_marker("usc2012", 17)] == [
        ("Musto", ""),
        ("Foot, K. & Toft, A.", "See also"),
    ]
    assert [c.authors for c in at_marker("usc2012", 36)] == [
        "Gallagher, A. & Holmes, P.",
        "United Nations Office on Drugs and Crime",
    ]


def test_short_citations_inside_notes() -> None:
    assert [(c.authors, c.year, c.endnote_text) for c in at_marker("usc2012", 11)] == [
        ("boyd et al.", "2011", "boyd et al. (2011)")
    ]
    assert [c.endnote_text for c in at_marker("usc2012", 14)] == ["Musto (2011)"]
    assert [c.endnote_text for c in at_marker("usc2012", 30)] == ["Cunningham & Kendall (2009)"]
    assert [(c.authors, c.year) for c in at_marker("usc2012", 20)] == [("CCLP", "2011")]


def test_personal_communications_and_field_notes() -> None:
    pc = "Musto. Personal communication, June 29, 2012"
    june_29 = [c.marker for c in citations("usc2012") if c.endnote_text == pc]
    assert june_29 == [16, 21, 24, 29, 31, 37]
    assert [c.endnote_text for c in at_marker("usc2012", 22)] == ["Musto. Field notes, 2012"]


def test_a_note_s_commentary_is_not_part_of_the_work_s_citation() -> None:
    [woolhouse] = at_marker("usc2012", 15)
    assert woolhouse.endnote_text.startswith("Woolhouse, M. (September 2010) Craigslist sex-ad ban")
    assert woolhouse.endnote_text.endswith("Retrieved from")
    assert "Palfrey" not in woolhouse.endnote_text


def test_sources_named_beside_a_pointer_to_them() -> None:
    assert [(c.authors, c.year) for c in at_marker("usc2012", 1)] == [("Quantcast", "n.d.")]
    assert [(c.authors, c.year) for c in at_marker("usc2012", 5)] == [("Forbes", "n.d."), ("Hunt, D.", "2011")]


def test_markers_only_in_the_body_and_notes_are_not_read_as_author_year() -> None:
    text = reports()["usc2012"].text
    notes_start = text.index("[1]\xa0")
    in_notes = [c for c in citations("usc2012") if c.span.start >= notes_start]
    assert {c.form for c in in_notes} == {"endnote"}  # only the short citations a note writes
    assert [folded(c.text) for c in citations("usc2012") if c.form == "narrative"] == ["CCLP 2011 report"] * 2


def test_short_citations_in_notes_are_occurrences_of_their_own() -> None:
    text = reports()["usc2012"].text
    own = [(c.marker, folded(c.text), c.authors, c.year) for c in citations("usc2012") if c.form == "endnote"]
    assert own == [
        (8, "Foot & Vanek (2012)", "Foot & Vanek", "2012"),
        (11, "boyd et al. (2011)", "boyd et al.", "2011"),
        (14, "Musto (2011)", "Musto", "2011"),
        (17, "Musto (2011)", "Musto", "2011"),
        (20, "CCLP 2011 report", "CCLP", "2011"),
        (30, "Cunningham & Kendall (2009)", "Cunningham & Kendall", "2009"),
    ]
    for c in citations("usc2012"):
        assert text[c.span.start : c.span.end] == c.text


# --- a third style: narrative with page locators, superscript footnotes ------------------

THIRD_STYLE_EXPECTED = [
    # (text folded, form, authors, year, locator, marker)
    ("Okonkwo et al. (2018, p. 44)", "narrative", "Okonkwo et al.", "2018", "p. 44", None),
    ("¹", "footnote", "Reyes, M.", "2020", "", 1),
    ("Van der Berg and O’Neill (2016, pp. 12–13)", "narrative", "Van der Berg and O’Neill", "2016", "pp. 12–13", None),
    ("Okonkwo et al.", "narrative", "Okonkwo et al.", "", "", None),
    ("²", "footnote", "Lindqvist, E.", "2021", "", 2),
    ("Lindqvist (2020, p. 7)", "narrative", "Lindqvist", "2020", "p. 7", None),
    ("Okonkow et al. (2018, p. 51)", "narrative", "Okonkow et al.", "2018", "p. 51", None),
    ("Quigley (2011, p. 3)", "narrative", "Quigley", "2011", "p. 3", None),
    ("Van der Berg and O’Neill (2015)", "narrative", "Van der Berg and O’Neill", "2015", "", None),
    ("⁴", "footnote", "Reyes, M.", "2020", "", 4),
    ("⁴", "footnote", "Bianchi, L. & Sato, K.", "2015", "", 4),
]


def third_style_text() -> str:
    return (THIRD_STYLE / "report.txt").read_text(encoding="utf-8")


def test_third_style_extraction() -> None:
    text = third_style_text()
    found = extract_citations(text, "thirdstyle")
    assert [(folded(c.text), c.form, c.authors, c.year, c.locator, c.marker) for c in found] == THIRD_STYLE_EXPECTED
    for c in found:
        assert c.text == text[c.span.start : c.span.end]
    assert "\n" in found[0].text  # "Okonkwo et al.\n(2018, p. 44)" runs across a line break
    assert found[1].endnote_text == (
        "Reyes, M. (March 3, 2020) “Sellers return after forum shutdown,” The Daily Ledger. Retrieved from"
    )


def test_third_style_with_caret_markers() -> None:
    text = third_style_text()
    for n, sup in enumerate("¹²³⁴", start=1):
        text = text.replace(sup, f"^{n}")
    found = extract_citations(text, "thirdstyle")
    assert [(c.text, c.authors) for c in found if c.marker] == [
        ("^1", "Reyes, M."),
        ("^2", "Lindqvist, E."),
        ("^4", "Reyes, M."),
        ("^4", "Bianchi, L. & Sato, K."),
    ]


def test_note_without_a_marker_is_kept_at_the_note() -> None:
    """A note no marker points to still cites its work: the record sits on the note's own text."""
    text = "Body text without markers.\n\n[1] Smith, J. (2010) A Title, Some Journal.\n"
    [c] = extract_citations(text, "t")
    assert (c.form, c.marker, c.authors, c.year) == ("endnote", 1, "Smith, J.", "2010")
    assert c.text == "Smith, J. (2010)"


# --- small inline cases -------------------------------------------------------------------


def _one_line(text: str) -> list[tuple[str, str, str, str, str]]:
    return [(c.text, c.authors, c.year, c.locator, c.prefix) for c in extract_citations(text, "t")]


def test_letter_suffixed_years_and_see_also() -> None:
    assert _one_line("Text (Smith, 2010a, 2010b; see also Jones & Lee, 2019, pp. 3–4).") == [
        ("Smith, 2010a", "Smith", "2010a", "", ""),
        ("Smith, 2010a, 2010b", "Smith", "2010b", "", ""),
        ("Jones & Lee, 2019", "Jones & Lee", "2019", "pp. 3–4", "see also"),
    ]


def test_apa_personal_communication_in_parentheses() -> None:
    assert _one_line("She said so (J. Musto, personal communication, June 29, 2012).") == [
        ("J. Musto, personal communication, June 29, 2012", "J. Musto", "2012", "", "")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In 2018, the site closed (TVPA) and (n=12) cases followed (March 2019).",
        "Moreover, (2) the figure rose in 2014 (see Appendix A).",
        "A 2018 report found that 42 percent (in 2019) were victims.",
        "Volume 9, Issue 1 • 2020 | Journal of Things",
    ],
)
def test_no_citation_without_names(text: str) -> None:
    assert extract_citations(text, "t") == []


def test_sentence_openers_are_not_names() -> None:
    assert _one_line("Moreover, Farrell and Pfeffer (2014) agree.") == [
        ("Farrell and Pfeffer (2014)", "Farrell and Pfeffer", "2014", "", "")
    ]
    assert [c.authors for c in extract_citations("As the World Health Organization (2020) notes, x.", "t")] == [
        "World Health Organization"
    ]


def test_secondary_citations_abbreviations_and_word_locators() -> None:
    assert _one_line("(Smith, 2010, as cited in Brown, 2012)") == [
        ("Smith, 2010", "Smith", "2010", "", ""),
        ("Brown, 2012", "Brown", "2012", "", "as cited in"),
    ]
    assert _one_line("(World Health Organization [WHO], 2019)") == [
        ("World Health Organization [WHO], 2019", "World Health Organization [WHO]", "2019", "", "")
    ]
    assert _one_line("(Smith & Lee, 2019, Chapter 3)") == [
        ("Smith & Lee, 2019", "Smith & Lee", "2019", "Chapter 3", "")
    ]


def test_names_never_run_back_into_a_heading() -> None:
    """A heading has no closing punctuation, so its words would otherwise join the names after it."""
    assert [c.authors for c in extract_citations("Findings and Results\n\nKara (2009) argues that x.", "t")] == ["Kara"]


# --- footnotes with plain-digit numbers, titles with a year (texts written for the rule) ---------------


def test_footnotes_numbered_in_plain_digits() -> None:
    from kg.extract.citations import read_citations

    page_1 = (
        "The Act of 1993 (GPRA)1 requires plans. We counted 45 agencies in 2004, and\n"
        "managers agreed, as we reported previously.2 Section 610 applies.\n"
        "1\nGPRA, Pub. L. No. 103-62 (Aug. 3, 1993).\n"
        "2GAO, Results-Oriented Government: GPRA Has Established a Solid Foundation, GAO-04-38 "
        "(Washington, D.C.: Mar. 10, 2004).\n"
    )
    page_2 = "Agencies use the data.1 Few do more.\n1See Smith (2003) for a survey.\n"
    text = page_1 + "\f" + page_2
    read = read_citations(text, "r")
    markers = [(c.text, c.marker, c.form) for c in read.citations if c.form == "footnote"]
    assert markers == [("1", 1, "footnote"), ("2", 2, "footnote"), ("1", 1, "footnote")]
    # the second page's note 1 is its own, not the first page's
    second = next(c for c in read.citations if c.form == "footnote" and c.span.start > len(page_1))
    assert (second.authors, second.year) == ("Smith", "2003")
    # 45, 610 and 2004 are no markers: no note of theirs stands at the foot of the page
    assert all(c.marker in (1, 2) for c in read.citations if c.marker is not None)


def test_a_title_with_a_year_is_no_citation_unless_an_entry_gives_it() -> None:
    from kg.extract.citations import read_citations
    from kg.resolve.citations import resolve_citations

    text = (
        "Disney made Snow White (1937) long after the Copyright Act (1790). "
        "As Lessig (2004) and Bates et al. (2015) argue, Hartigan and Kleiner (1984) agree."
    )
    resolved = resolve_citations(read_citations(text, "r").citations, [], "r")
    assert [r.citation.authors for r in resolved] == ["Lessig", "Bates et al.", "Hartigan and Kleiner"]
    assert all(r.status == "unresolved" for r in resolved)  # kept, with no entry to point to


def test_a_citation_of_the_first_author_alone_with_the_year_is_a_variant() -> None:
    from kg.extract.citations import read_citations
    from kg.resolve.citations import resolve_citations
    from kg.sources.bibtex import parse_bibtex

    entries = parse_bibtex(
        "@book{bm, author = {Batagelj, V. and Mrvar, A.}, title = {Pajek}, year = {2007}, citedin = {r}}\n"
        "@book{bb, author = {Batagelj, V. and Brandes, U.}, title = {Graphs}, year = {2005}, citedin = {r}}\n",
        "refs.bib",
    )

    text = "Pajek files (Batagelj 2007) and random graphs (Batagelj 2006)."
    resolved = resolve_citations(read_citations(text, "r").citations, entries, "r")
    assert [(r.key, r.status) for r in resolved] == [("bm", "variant"), (None, "unresolved")]
    assert "first author only" in resolved[0].note


def test_statute_notes_and_what_is_no_plain_footnote() -> None:
    from kg.extract.citations import read_citations

    text = (
        "It bars such competition.”40 Few agencies did them in 2006.41 Prior to these events, none did.\n"
        "4047 U.S.C. § 161(a)(2).\n"
        "41Pub. L. No. 109-231, 120 Stat. 493 (June 15, 2006).\n"
        "\f"
        "> c <- VarCorr(fm1)\n> add.edge(net,2,3)\nThe rate was 1.6 per day.\n"
        "2 Subject Days <NA> 35.07\n3 0 1 0 0\n"
    )
    read = read_citations(text, "r")
    cited = [(c.text, c.marker, c.authors, c.year) for c in read.citations if c.form == "footnote"]
    assert cited == [("40", 40, "47 U.S.C. § 161(a)(2)", ""), ("41", 41, "Pub. L. No. 109-231", "2006")]
    laws = [(r.title, r.kind) for r in read.references]
    assert laws == [("47 U.S.C. § 161(a)(2)", "law"), ("Pub. L. No. 109-231", "law")]


def test_endnotes_numbered_afresh_per_chapter() -> None:
    from kg.extract.citations import read_citations

    body = (
        "CHAPTER ONE: Makers\nMickey was born in a silent flop.1 Disney copied freely.2 Later, it sued.3\n"
        "CHAPTER TWO: Copyists\nKodak sold cameras to all.1 Pictures became cheap.2 Courts agreed.3\n"
    )
    filler = "Nothing is cited in this paragraph of the book at all, it only goes on.\n" * 12
    notes = (
        "NOTES\nCHAPTER ONE: MAKERS\n1. Leonard Maltin, Of Mice and Magic (New York: Penguin, 1987), 34.\n"
        "2. Ann Brown, Cartoons (Boston: Beacon, 1990), 12.\n3. Carl Doe, Suits (Chicago: Aldine, 1995), 7.\n"
        "CHAPTER TWO: COPYISTS\n1. Reese V. Jenkins, Images and Enterprise (Baltimore: Johns Hopkins, 1975), 112.\n"
        "2. Brian Coe, The Birth of Photography (New York: Taplinger, 1977), 53.\n"
        "3. Dana Roe, Courts (Albany: SUNY, 1980), 9.\n"
    )
    read = read_citations(body + filler + notes, "r")
    # each marker gets its own chapter's note (the note's names are the reference reader's to parse)
    cited = [(c.text, c.endnote_text.split(",")[0], c.year) for c in read.citations if c.form == "footnote"]
    assert cited == [
        ("1", "Leonard Maltin", "1987"),
        ("2", "Ann Brown", "1990"),
        ("3", "Carl Doe", "1995"),
        ("1", "Reese V. Jenkins", "1975"),
        ("2", "Brian Coe", "1977"),
        ("3", "Dana Roe", "1980"),
    ]


def test_a_citation_closing_an_aside_and_a_locator_of_a_theorem() -> None:
    from kg.extract.citations import read_citations

    text = (
        "several functions (built on lattice graphics, Sarkar 2008) for plotting; classes "
        "(e.g., sparseM Koenker & Ng 2007) exist; by the identity (Horn and Zhang 2005, Theorem 1.2). "
        "Nothing is cited (in 12 of the 2008 cases) or (see Table 3 for 2008)."
    )
    found = [(c.authors, c.year, c.locator) for c in read_citations(text, "r").citations]
    assert found == [
        ("Sarkar", "2008", ""),
        ("Koenker & Ng", "2007", ""),
        ("Horn and Zhang", "2005", "Theorem 1.2"),
    ]
