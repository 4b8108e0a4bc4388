"""Figures written by other conventions than English: a German text's ``130.000``, ``3,5``, ``fünfzig Prozent``,
``drei Artikel``, its dates (``18. Juni 2009``) and labels (``Tabelle 1``, ``S. 100``), and decimals written with
a slash (``65/1 ± 10/93``). Each figure is anchored to the words as printed; the language is told from the text."""

from __future__ import annotations

from decimal import Decimal

from kg.extract.statistics import statistics_in_sentence
from kg.extract.statistics.german import english_view, slash_decimals
from kg.records import Sentence, Span
from kg.sources.language import language_of

_GERMAN = (
    "Die Stichprobe umfasst 742 Artikel aus Blogs und Online-Magazinen, die in der Zeit von 2008 bis 2011 "
    "erschienen sind. Eine Petition gegen das Gesetz erhielt über 130.000 Unterschriften; die Befürworter "
    "kamen mit insgesamt 1.554 Nennungen zu Wort. Es wurde eine Zufallsstichprobe von fünfzig Prozent der "
    "Artikel gezogen, im Mittel 3,5 Artikel am Tag. Das Gesetz wurde am 18. Juni 2009 verabschiedet (siehe "
    "Tabelle 1). Wir unterscheiden drei Ausprägungen von Ideen (Gillmor 2014, S. 100). "
) * 3


def _figures(text: str, german: bool = True, slashes: bool = False) -> list[tuple[str, Decimal]]:
    sentence = Sentence(Span("own", 0, len(text)), text, "Eigene Beispiele")
    return [(s.text, s.value) for s in statistics_in_sentence("own", sentence, None, (german, slashes))]


def test_a_german_text_is_told_from_an_english_one() -> None:
    assert language_of(_GERMAN) == "de"
    english = "The sample holds 742 articles from blogs and online magazines that were published in the period. " * 9
    assert language_of(english) == "en"


def test_german_numbers_and_number_words_are_read_at_their_printed_words() -> None:
    text = _GERMAN[: len(_GERMAN) // 3]
    found = dict(_figures(text))
    assert found.get("742") == 742
    assert found.get("130.000") == 130000
    assert found.get("1.554") == 1554
    assert found.get("3,5") == Decimal("3.5")
    assert any(t.startswith("fünfzig Prozent") and v == 50 for t, v in found.items())
    assert found.get("drei") == 3 or any(t.startswith("drei") and v == 3 for t, v in found.items())
    # a date, a table and a page are no figures
    assert not any(t in ("18", "2009", "1", "100") for t in found)


def test_an_english_sentence_keeps_its_own_conventions() -> None:
    assert dict(_figures("The ratio was 1.554 in 2019 and 3,500 people came.", german=False)) == {
        "1.554": Decimal("1.554"),
        "3,500": 3500,
    }


def test_slashed_decimals_are_read_in_a_report_that_writes_them() -> None:
    text = "The mean score of hardiness in married people was 65/1 ± 10/93 and the control element 61/22 (4/11)."
    assert slash_decimals(text)
    found = dict(_figures(text, german=False, slashes=True))
    assert found.get("65/1") == Decimal("65.1")
    assert found.get("61/22") == Decimal("61.22")
    assert not slash_decimals("It runs 24/7 and was founded after 9/11.")


def test_the_view_maps_every_character_back_to_the_printed_text() -> None:
    text = "erhielt über 130.000 Unterschriften am 18. Juni 2009 (siehe Tabelle 1)"
    view = english_view(text)
    assert view is not None
    written, offsets = view
    assert len(written) == len(offsets) and offsets == sorted(offsets)
    start = written.index("130,000")
    assert text[offsets[start] : offsets[start + 6] + 1] == "130.000"
    start = written.index("Table 1")
    assert text[offsets[start] : offsets[start + 6] + 1] == "Tabelle 1"


def test_labels_scale_codes_and_digit_names_are_no_figures() -> None:
    text = (
        "Phase 2 parses the output of release 82 and stage 3 of the pipeline; answers were coded "
        "(1 = never, 2 = sometimes, 4 = always) for 212 respondents, customers of 1&1 among them."
    )
    assert dict(_figures(text, german=False)) == {"212": 212}


def test_a_day_before_a_month_ends_no_sentence() -> None:
    from kg.sources.text import split_sentences

    text = "Das Gesetz wurde am 18. Juni 2009 verabschiedet. Es galt bis 2011."
    spans = list(split_sentences(text, Span("own", 0, len(text))))
    assert [text[s.start : s.end] for s in spans] == [
        "Das Gesetz wurde am 18. Juni 2009 verabschiedet.",
        "Es galt bis 2011.",
    ]


def test_a_minus_sign_makes_a_figure_negative() -> None:
    assert dict(_figures("There is a large negative residual (less than −4) for brown eyes.", german=False)) == {
        "−4": -4
    }


def test_a_bound_closing_an_aside_is_a_figure_and_a_list_marker_is_not() -> None:
    assert dict(_figures("Large positive residuals (greater than 4) can be found here.", german=False)) == {"4": 4}
    assert dict(_figures("The city has parts: 1) the suburbs, 2) downtown.", german=False)) == {}
