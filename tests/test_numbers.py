"""Numeral parsing: pure functions, exact Decimal values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.numbers import (
    find_numbers,
    parse_at_least,
    parse_digits,
    parse_money,
    parse_number,
    parse_number_words,
    parse_ordinal,
    parse_percent,
    parse_range,
    parse_sample_size,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("18,429", "18429"), ("12.4", "12.4"), ("1,234,567.5", "1234567.5"), ("0", "0"), (".5", "0.5")],
)
def test_digits(text: str, value: str) -> None:
    assert parse_digits(text) == Decimal(value)


@pytest.mark.parametrize("text", ["18,42", "12.4.1", "abc", "", "1 000"])
def test_not_digits(text: str) -> None:
    assert parse_digits(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("one", 1),
        ("four", 4),
        ("twelve", 12),
        ("fourteen", 14),
        ("twenty", 20),
        ("twenty-one", 21),
        ("ninety nine", 99),
        ("one hundred", 100),
        ("a hundred", 100),  # the article counts as one before a scale word
        ("a thousand", 1000),
        ("a dozen", 12),
        ("two and a half million", 2_500_000),
        ("a few", None),
        ("a", None),
        ("one hundred and five", 105),
        ("two thousand", 2000),
        ("three million", 3_000_000),
        ("Thirteen", 13),
    ],
)
def test_number_words(text: str, value: int | None) -> None:
    assert parse_number_words(text) == (Decimal(value) if value is not None else None)


def test_number_words_refuse_other_words() -> None:
    assert parse_number_words("two friends") is None
    assert parse_number_words("and") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("28.6 million", "28600000"),
        ("99 billion", "99000000000"),
        ("150 \n\nbillion", "150000000000"),
        ("4,500", "4500"),
        ("six", "6"),
    ],
)
def test_number_with_scale(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value"), [("27th", 27), ("1st", 1), ("22nd", 22), ("third", 3), ("Twentieth", 20), ("twenty-first", 21)]
)
def test_ordinals(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


def test_not_ordinal() -> None:
    assert parse_ordinal("27") is None
    assert parse_ordinal("thirdly") is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("four to six", 4, 6),
        ("twelve to fourteen", 12, 14),
        ("10-12", 10, 12),
        ("12–14", 12, 14),
        ("between 5 and 7", 5, 7),
        ("10, 12", 10, 12),
        ("two or three", 2, 3),
    ],
)
def test_ranges(text: str, low: int, high: int) -> None:
    assert parse_range(text) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize("text", ["6 to 4", "2018-2018", "5 and 7", "four", "four to"])
def test_not_ranges(text: str) -> None:
    assert parse_range(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("$99 billion", "99000000000", None),
        ("$150 \n\nbillion", "150000000000", None),
        ("$28.6 million", "28600000", None),
        ("$150,000-$200,000", "150000", "200000"),
        ("$1-2 million", "1000000", "2000000"),
        ("$20", "20", None),
        ("$3,000", "3000", None),
        ("$5M", "5000000", None),
        ("$2.5bn", "2500000000", None),
        ("$200K-$250K", "200000", "250000"),
        # a GAO report: the scale of the upper end is not the lower end's when it would overturn the range
        ("$100,000 to $1 million", "100000", "1000000"),
    ],
)
def test_money(text: str, low: str, high: str | None) -> None:
    assert parse_money(text) == (Decimal(low), Decimal(high) if high else None)


def test_not_money() -> None:
    assert parse_money("99 billion") is None
    assert parse_money("$5 to $2") is None  # not increasing: no range (a lower bound above its upper fails SHACL)


@pytest.mark.parametrize(
    ("text", "value"), [("19.1%", "19.1"), ("71 percent", "71"), ("(11.3)", "11.3"), ("100%", "100"), ("3 %", "3")]
)
def test_percent(text: str, value: str) -> None:
    assert parse_percent(text) == Decimal(value)


def test_sample_size_and_threshold() -> None:
    assert parse_sample_size("n=2") == 2
    assert parse_sample_size("(N = 115)") == 115
    assert parse_sample_size("n2") is None
    assert parse_at_least("25+") == 25
    assert parse_at_least("25") is None


def test_find_numbers_in_running_text() -> None:
    text = "We met four girls, 18,429 posts, the 27th site and $28.6 million."
    found = [(t.text, t.value, t.form) for t in find_numbers(text)]
    assert found == [
        ("four", Decimal(4), "words"),
        ("18,429", Decimal(18429), "digits"),
        ("27th", Decimal(27), "ordinal"),
        ("28.6 million", Decimal(28600000), "digits"),
    ]
    for token in find_numbers(text):
        assert text[token.start : token.end] == token.text
