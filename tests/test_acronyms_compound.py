"""Acronyms a text defines inside a parenthesis that goes on (``(BKA, 181 Nennungen)``, ``(WHO, 2019)``), and one
word that spells its acronym by its parts, as German compounds name bodies (``Bundeskriminalamt (BKA)``)."""

from __future__ import annotations

from kg.evidence import acronyms


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(d.short, d.long) for d in acronyms.definitions(text)]


def test_a_short_form_opening_a_parenthesis_is_defined() -> None:
    assert _pairs("Cited by the World Health Organization (WHO, 2019) often.") == [("WHO", "World Health Organization")]


def test_a_compound_word_spelling_its_acronym_is_its_long_form() -> None:
    assert _pairs("Am häufigsten wurde das Bundeskriminalamt (BKA, 181 Nennungen) erwähnt.") == [
        ("BKA", "Bundeskriminalamt")
    ]


def test_a_word_that_starts_with_its_letters_or_is_short_is_no_compound() -> None:
    assert _pairs("The Bkafoo (BKA) and the Gateway (GWY) were tested.") == []


def test_a_german_compound_s_last_part_is_its_head() -> None:
    from kg.evidence import names

    text = "Die Petition wurde im Deutschen Bundestag beraten, und das Hamburger Verfassungsgericht schwieg."
    found = [(c.name, c.kind) for c in names.typed_names(text, 0, frozenset())]
    assert ("Deutschen Bundestag", "GovernmentAgency") in found
    assert ("Hamburger Verfassungsgericht", "Court") in found
    assert names.head_of("amt") is None  # a short head alone, with nothing before it, names no body
