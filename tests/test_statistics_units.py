"""Figures that are figures: units glued to numbers, shares in words (English and German), and the numbers
that label things (numbered statements, figures without a stop, postal codes, volumes, positions)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.extract.statistics import extract_statistics, statistics_in_sentence
from kg.extract.statistics.units import SYMBOLS
from kg.records import Report, Sentence, Span
from kg.vocab import UNITS


def _read(text: str, german: bool = False) -> list[tuple[str, Decimal, str]]:
    sentence = Sentence(Span("own", 0, len(text)), text, "Results")
    return [(s.text, s.value, s.unit) for s in statistics_in_sentence("own", sentence, None, (german, False))]


def test_a_unit_glued_to_its_number_is_kept_with_it():
    text = "Training requires 94.5GB of memory, with parameters 2.48GB, a 74 MB file and a 10ms delay."
    assert _read(text) == [
        ("94.5GB", Decimal("94.5"), "GigaBYTE"),
        ("2.48GB", Decimal("2.48"), "GigaBYTE"),
        ("74 MB", Decimal(74), "MegaBYTE"),
        ("10ms", Decimal(10), "MilliSEC"),
    ]


def test_letters_that_are_no_units_symbol_keep_the_number_a_name():
    assert _read("A 3D model over 5G for Rights4Girls and IO4-1 and 4mb of 12 files.") == [("12", Decimal(12), "COUNT")]


def test_every_unit_symbol_has_a_qudt_unit():
    assert set(SYMBOLS.values()) <= set(UNITS)


@pytest.mark.parametrize(
    "text",
    [
        "Proposition 1 also establishes that a constant biased estimator cannot ensure convergence.",
        "Lemma 3 shows that constructing an unbiased approximation works (Theorem 1.2, Equation 35).",
        "By Assumptions 2 and 3 and Corollary 4 the bound holds.",
        "ture of activations using the 10th layer of the network",
        "Accountability Office Washington, DC 20548 and Baltimore, MD 21252",
        "FQS 16(3), Art. 24, as the cell (2,2) shows in Fig 1 (Nr. 61; vgl. Abb. 1).",
    ],
)
def test_numbers_that_label_things_are_no_figures(text):
    assert _read(text) == []


def test_a_rank_is_still_a_rank():
    assert _read("The site ranked 5th nationally and came 2nd overall.") == [
        ("5th", Decimal(5), "RANK"),
        ("2nd", Decimal(2), "RANK"),
    ]


def test_shares_in_words():
    text = "About two-thirds of staff, four fifths of sites and six tenths of cases, but a seventh season."
    assert _read(text) == [
        ("two-thirds", Decimal("66.67"), "PERCENT"),
        ("four fifths", Decimal(80), "PERCENT"),
        ("six tenths", Decimal(60), "PERCENT"),
    ]


def test_german_shares_in_words_at_their_printed_words():
    text = (
        "Etwa knapp sechs Zehnteln der Arbeitslosen macht die freie Zeit zu schaffen, für ein Drittel ist es "
        "anders, bei gut der Hälfte nicht; knapp zwei Drittel (n = 86) und drei Viertel, im ersten Drittel des Jahres."
    )
    assert _read(text, german=True) == [
        ("sechs Zehnteln", Decimal(60), "PERCENT"),
        ("ein Drittel", Decimal("33.33"), "PERCENT"),
        ("Hälfte", Decimal(50), "PERCENT"),
        ("zwei Drittel", Decimal("66.67"), "PERCENT"),
        ("n = 86", Decimal(86), "COUNT"),
        ("drei Viertel", Decimal(75), "PERCENT"),
    ]


def test_a_slashed_share_of_something_is_a_share_other_slashed_pairs_are_not():
    text = "Each review requires 2/3 of a program analyst, about 1/5 of an attorney, on 24/7 hotlines since 9/11."
    assert _read(text) == [("2/3", Decimal("66.67"), "PERCENT"), ("1/5", Decimal(20), "PERCENT")]


def test_a_line_that_ends_open_is_running_text_not_a_heading():
    text = "7,000 in 1999 to over 10,000 in"
    sentence = Sentence(Span("own", 0, len(text)), text, "Briefing Slides", is_heading=True)
    assert [s.text for s in statistics_in_sentence("own", sentence)] == ["7,000", "10,000"]
    heading = Sentence(Span("own", 0, 17), "2 Results in 2019", "Results", is_heading=True)
    assert statistics_in_sentence("own", heading) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("FAA received 1800 suggestions for regulatory changes.", ["1800"]),
        ("It led to a maximum of 1620 single pulses.", ["1620"]),
        ("In 1996 states passed laws; the Act of 1996 requires it; the 2004 elections; since 2001 courts have.", []),
    ],
)
def test_a_number_shaped_like_a_year_that_counts_things(text, found):
    assert [t for t, _, _ in _read(text)] == found


def test_a_number_alone_in_brackets_before_a_noun_counts_list_markers_do_not():
    assert [t for t, _, _ in _read("The study consisted of (11) municipalities in the Gaza Strip.")] == ["11"]
    assert _read("The causes are (1) poverty, (2) abuse and (3) drugs; items (4) forming and (5) things.") == []


def test_labels_in_brackets_and_postal_codes_before_a_town():
    assert _read("It is clear from the results shown in Table (2) that the values differ.") == []
    address = "Department of Kinesiology, Towson University, 21252 Towson, USA; Park 7, 20146 Hamburg / Germany"
    assert _read(address) == [("7", Decimal(7), "COUNT")]


def test_a_number_cut_from_its_locator_by_the_sentence_splitter_is_no_figure():
    text = "Durch die Freizeit (vgl. Abb. 1). Hinzu kommen 12 Fälle."
    cut = text.index("1)")
    said = [
        Sentence(Span("own", 0, cut), text[:cut], "Ergebnisse"),
        Sentence(Span("own", cut, len(text)), text[cut:], "Ergebnisse"),
    ]
    report = Report(key="own", path=Path("own.txt"), text=text, sha256="", title="t", year="", kind="report")
    assert [r.text for r in extract_statistics(report, said)] == ["12"]


def test_wrapped_slide_lines_list_markers_and_item_numbers():
    def said(text: str, heading: bool = True) -> list[str]:
        sentence = Sentence(Span("own", 0, len(text)), text, "Slides", is_heading=heading)
        return [s.text for s in statistics_in_sentence("own", sentence)]

    assert said("Appendix IV: Three States’ Initiatives to") == []  # a heading wrapped over lines keeps its capitals
    assert said("(2) assessed the potential for", heading=False) == []  # a list's item opening the line
    assert said("reporting; (3) outcomes; and", heading=False) == []
    assert said("11. Dar Al-Shifa Medical Complex has 12 systems.", heading=False) == ["12"]
    assert said("Costs were calculated using 2002 dollars, the target for 2010 was met", heading=False) == []


def test_a_bracketed_number_before_anything_but_a_plural_noun_is_a_label():
    assert _read("Consider the update rule in (3) with constant step sizes; it is equal to (3) and holds.") == []
    assert [t for t, _, _ in _read("Those less than (50) years old.")] == ["50"]


def test_every_unit_read_from_a_symbol_is_shown_by_its_symbol():
    """The app shows ``94.5 GB``, never the QUDT code (``GigaBYTE``), for every unit the reader can write."""
    from kg.appdata.statistics import format_value, unit_label
    from kg.extract.statistics.units import SYMBOLS
    from kg.vocab import UNITS

    for symbol, code in SYMBOLS.items():
        iri = str(UNITS[code])
        assert unit_label(iri) != code, code
        assert unit_label(iri).replace("μ", "µ").lower() == symbol.replace("μ", "µ").lower(), (symbol, code)
    assert format_value("94.5", "", str(UNITS["GigaBYTE"])) == "94.5 GB"
    assert format_value("20", "", str(UNITS["GBP"])) == "20 GBP"


def test_a_count_glued_to_the_letter_of_its_scale():
    """``81.1M papers``, ``677k``: counts at a scale; ``3M``, ``8B`` (a name's shape) and a 401(k) plan are not."""
    from kg.extract.statistics.shapes import find_figures

    text = "It has 81.1M papers, 380.5M links, 677k abstracts, 9.5k more and 12B tokens."
    assert [(text[f.start : f.end], str(f.value), f.unit) for f in find_figures(text)] == [
        ("81.1M", "81100000", "COUNT"),
        ("380.5M", "380500000", "COUNT"),
        ("677k", "677000", "COUNT"),
        ("9.5k", "9500", "COUNT"),
        ("12B", "12000000000", "COUNT"),
    ]
    assert find_figures("The 3M company trained an 8B model for its 401k plan and 401(k) accounts.") == []
    assert find_figures("We trained LLaMA-350M under grant 0316064B and ID 1234567M.") == []
