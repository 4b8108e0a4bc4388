"""A report's own title and byline from its first page: cover sheets, bylines out of order or broken."""

from __future__ import annotations

import pytest

from kg.sources.byline import names_on
from kg.sources.first_page import publication_year
from kg.sources.pdf_front import _joined_fragments, first_page
from kg.sources.pdf_glyphs import Glyph
from kg.sources.pdf_lines import Line
from kg.sources.report_entry import metadata_authors


def _line(text: str, size: float, baseline: float, x: float = 72.0) -> Line:
    """A printed line whose glyphs stand one after another from ``x`` (half the size apart)."""
    chars = [Glyph(ch, size, x + i * size * 0.5, baseline, size, True) for i, ch in enumerate(text)]
    return Line(chars, size, baseline)


def test_a_catalogue_byline_on_a_cover_sheet_is_read_given_name_first():
    assert names_on("Witte, Erich H.; Heitkamp, Imke", inverted=True) == ("Erich H. Witte", "Imke Heitkamp")
    assert names_on("Luedtke, Jens", inverted=True) == ("Jens Luedtke",)
    # elsewhere a place and its country are not a name
    assert names_on("Hamburg, Germany") == ()
    assert names_on("University of Hamburg, Germany", inverted=True) == ()


def test_spacing_accents_join_their_letter():
    assert names_on("Pierre Roques2 *, Jimmy Se´lambarom1 *") == ("Pierre Roques", "Jimmy Sélambarom")


def test_fragments_of_one_printed_line_are_read_in_the_order_they_stand():
    right = _line("Sohrab Pour", 12, 650.0, x=300)
    left = _line("Mohamad Khaledian1,", 12, 650.2, x=72)
    joined = _joined_fragments([_line("A Title Of Some Length Here", 18, 700), right, left])
    assert [line.text() for line in joined] == ["A Title Of Some Length Here", "Mohamad Khaledian1, Sohrab Pour"]


def test_a_repository_cover_gives_its_own_title_byline_not_its_address():
    lines = [
        _line("www.repository.info", 18, 713),
        _line("Empirical research on ethics: the influence of", 18, 624),
        _line("social roles on decisions", 18, 602),
        _line("Witte, Erich H.; Heitkamp, Imke", 13, 564),
        _line("Published Version", 10, 536),
        _line("Suggested Citation:", 9, 414),
        _line("Witte, Erich H.: Empirical research on ethics: the influence of social roles on decisions.", 9, 403),
        _line("Hamburg, 2005 (Hamburger Forschungsberichte zur Sozialpsychologie 61).", 9, 392),
        _line("Terms of use: This document is made available under Deposit Licence.", 8, 260),
        *[_line("body text of the page in a small size for the median", 8, 250 - 10 * i) for i in range(6)],
    ]
    series = ([_line("Hamburger Forschungsberichte zur Sozialpsychologie", 20, 700)], 842.0)
    title, names, _ = first_page(lines, 842.0, series)
    assert title == "Empirical research on ethics: the influence of social roles on decisions"
    assert names == ("Erich H. Witte", "Imke Heitkamp")


def test_a_name_broken_at_the_end_of_a_byline_line():
    lines = [
        _line("In vitro comparison of three oils", 18, 668),
        _line("Pierre Roques2 *, Chaker El", 9, 598),
        _line("Kalamouni1 *, Jimmy Selambarom1 *", 9, 587),
        *[_line("body text of the page in a small size for the median", 9, 400 - 10 * i) for i in range(6)],
    ]
    assert first_page(lines, 842.0)[1] == ("Pierre Roques", "Chaker El Kalamouni", "Jimmy Selambarom")


@pytest.mark.parametrize(
    ("page", "year"),
    [
        ("www.ssoar.info\nSuggested Citation:\nLuedtke, Jens: Title. In: Book. München : Hampp, 2001 (S. 1).", "2001"),
        (
            "Empfohlene Zitierung / Suggested Citation:\nSell, S.: SOPA (USA, 2011-2012). In: B. 2015 (D 1).",
            "2015",
        ),
        ("To cite this article: Jane Doe (2019) A title, Journal, 12:3, 45-67, DOI: 10.1080/1.2019.1", "2019"),
    ],
)
def test_the_year_a_cover_sheet_cites(page, year):
    assert publication_year(page)[0] == year


@pytest.mark.parametrize("value", ["Unknown User", "Windows User", "ijeais.org", "Valued Customer", "admin"])
def test_placeholder_authors_in_a_pdfs_metadata_are_no_authors(value):
    assert metadata_authors(value) == ()
    assert metadata_authors("Jane Doe; John Roe") == ("Jane Doe", "John Roe")


def test_a_byline_ends_where_the_introduction_begins():
    lines = [
        _line("Closures and Their Aftermath", 18, 762),
        _line("Jane Doe, John Roe", 12, 734),
        _line("Introduction", 12, 692),
        *[_line("body text of the page in a small size for the median", 10, 600 - 12 * i) for i in range(6)],
    ]
    assert first_page(lines, 842.0)[1] == ("Jane Doe", "John Roe")
