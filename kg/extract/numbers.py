"""Numerals as reports write them, parsed to exact ``Decimal`` values.

Pure functions, no knowledge of any report. Reports write one quantity in many ways:
digits with thousands separators (``18,429``), decimals (``12.4``), scale words
(``$28.6 million``), words (``four``, ``twenty-one``, ``one hundred``), ordinals
(``27th``, ``third``), ranges (``four to six``, ``$150,000-$200,000``, ``10–12``),
sample sizes (``n=12``) and open-ended thresholds (``25+``). Hard-wrapped text may break
a figure across lines (``$150 \\n\\nbillion``), so every pattern here accepts any run of
whitespace where a space would be.

The regular-expression fragments (``DIGITS``, ``WORD_NUMBER``, ``NUMERAL``, ...) are
public so that the statistics extractor can build its figure patterns from the same
pieces the parsers understand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

ONES: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}

_WS = r"\s+"
_ONES_RE = "|".join(sorted(ONES, key=len, reverse=True))
_TENS_RE = "|".join(TENS)
_ORD_RE = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))

#: Digits, with optional thousands separators and decimals: ``18,429``, ``12.4``, ``.5``.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
#: A scale word after digits: ``28.6 million``.
SCALE = r"(?:hundred|thousand|million|billion|trillion)"
#: An amount of money after its currency sign: ``28.6 million``, ``150,000``, ``5M``, ``2.5bn``, ``200K``.
MONEY_AMOUNT = rf"(?:{DIGITS}(?:\s+{SCALE}\b|(?:bn|mn|[kKmMbB])\b)?)"
ABBREVIATED_SCALES: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
}
_BELOW_100 = rf"(?:(?:{_TENS_RE})(?:[-\s](?:{_ONES_RE}))?|(?:{_ONES_RE}))"
#: A number in words: ``four``, ``twenty-one``, ``one hundred and five``, ``two million``.
_HALF = rf"(?:{_WS}and{_WS}a{_WS}half)"
WORD_NUMBER = (
    rf"(?:an?{_WS}(?:dozen|hundred(?:{_WS}(?:thousand|million|billion))?|thousand|million|billion)"
    rf"|{_BELOW_100}(?:{_WS}hundred(?:{_WS}(?:and{_WS})?{_BELOW_100})?)?{_HALF}?(?:{_WS}(?:thousand|million|billion))?)"
)
#: Digits with an optional scale word, or a number in words.
NUMERAL = rf"(?:{DIGITS}(?:{_WS}{SCALE}\b)?|\b{WORD_NUMBER}\b)"
#: An ordinal: ``27th``, ``2nd``, ``third``, ``twenty-first``.
ORDINAL = rf"(?:\b\d+(?:st|nd|rd|th)\b|\b(?:(?:{_TENS_RE})-)?(?:{_ORD_RE})\b)"
#: What joins the two ends of a range.
RANGE_JOIN = r"(?:\s*[-–—]\s*|\s+to\s+|\s+or\s+)"

_DIGITS_FULL = re.compile(DIGITS)
_WORD_TOKEN = re.compile(r"[a-z]+")


def parse_digits(text: str) -> Decimal | None:
    """``18,429`` -> 18429, ``12.4`` -> 12.4; None if ``text`` is not plain digits."""
    text = text.strip()
    if not _DIGITS_FULL.fullmatch(text):
        return None
    return Decimal(text.replace(",", ""))


def parse_number_words(text: str) -> Decimal | None:
    """``twelve`` -> 12, ``twenty-one`` -> 21, ``one hundred and five`` -> 105, ``two million``.

    None when any word is not part of a number, so that ``parse_number_words("two friends")``
    cannot silently drop a word.
    """
    plain = " ".join(text.lower().replace("-", " ").split())
    words = _WORD_TOKEN.findall(plain)
    if not words or " ".join(words) != plain:
        return None
    # "a thousand", "a dozen": the article is one; "two and a half million": a half more before the scale
    plain = re.sub(r"^an? (?=hundred|thousand|million|billion|trillion|dozen)", "one ", plain)
    words = plain.replace("and a half", "andahalf").split()
    total = Decimal(0)
    current = Decimal(0)
    seen_number = False
    for word in words:
        if word == "andahalf" and seen_number:
            current += Decimal("0.5")
        elif word == "dozen":
            current = (current or Decimal(1)) * 12
            seen_number = True
        elif word in ONES:
            current += ONES[word]
            seen_number = True
        elif word in TENS:
            current += TENS[word]
            seen_number = True
        elif word == "hundred":
            current = (current or Decimal(1)) * 100
            seen_number = True
        elif word in SCALES:
            total += (current or Decimal(1)) * SCALES[word]
            current = Decimal(0)
            seen_number = True
        elif word == "and" and seen_number:
            continue
        else:
            return None
    return _exact(total + current) if seen_number else None


def _exact(value: Decimal) -> Decimal:
    """``12.4 million`` is 12400000, not 12400000.0: no trailing zeros for a whole number."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def parse_number(text: str) -> Decimal | None:
    """Digits with an optional scale word (``28.6 million``) or a number in words."""
    parts = text.split()
    if not parts:
        return None
    if len(parts) >= 2 and parts[-1].lower() in SCALES:
        base = parse_digits(" ".join(parts[:-1]))
        if base is not None:
            return _exact(base * SCALES[parts[-1].lower()])
    digits = parse_digits(text)
    if digits is not None:
        return digits
    return parse_number_words(text)


def parse_ordinal(text: str) -> int | None:
    """``27th`` -> 27, ``third`` -> 3, ``twenty-first`` -> 21; None otherwise."""
    text = text.strip().lower()
    match = re.fullmatch(r"(\d+)(st|nd|rd|th)", text)
    if match:
        return int(match.group(1))
    if text in ORDINAL_WORDS:
        return ORDINAL_WORDS[text]
    match = re.fullmatch(rf"({_TENS_RE})-({_ORD_RE})", text)
    if match:
        return TENS[match.group(1)] + ORDINAL_WORDS[match.group(2)]
    return None


_RANGE = re.compile(
    rf"^(?:between\s+)?(?P<low>{NUMERAL})(?P<join>{RANGE_JOIN}|\s+and\s+|,\s+)(?P<high>{NUMERAL})$", re.IGNORECASE
)


#: A number of tens and units joined by a hyphen, as English writes 21 to 99 (``twenty-five million``).
_COMPOUND = re.compile(
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)"
    r"(?:\s+(?:hundred|thousand|million|billion|trillion))?",
    re.IGNORECASE,
)


def parse_range(text: str) -> tuple[Decimal, Decimal] | None:
    """``four to six`` -> (4, 6); ``10-12``, ``12–14``, ``between 5 and 7``, ``10, 12``; never a number
    written in words with a hyphen (``twenty-five``).

    Only an increasing pair is a range: ``6 to 4`` or ``2018-2018`` is not one. ``A and B``
    is a range only after ``between``.
    """
    match = _RANGE.match(text.strip())
    if not match:
        return None
    if _COMPOUND.fullmatch(text.strip()):
        return None  # "twenty-five million" is one number, not twenty to five million
    if match.group("join").strip() == "and" and not text.strip().lower().startswith("between"):
        return None
    low, high = parse_number(match.group("low")), parse_number(match.group("high"))
    if low is None or high is None or not low < high:
        return None
    return low, high


_MONEY = re.compile(rf"^\$\s*(?P<low>{MONEY_AMOUNT})(?:{RANGE_JOIN}\$?\s*(?P<high>{MONEY_AMOUNT}))?$", re.IGNORECASE)
_ABBREVIATED = re.compile(rf"^(?P<number>{DIGITS})(?P<scale>bn|mn|[kmb])$", re.IGNORECASE)


def _amount(text: str) -> tuple[Decimal | None, int]:
    """An amount and the scale it was written with (1 when none): ``5M`` -> (5000000, 10**6)."""
    short = _ABBREVIATED.match(text)
    if short:
        scale = ABBREVIATED_SCALES[short.group("scale").lower()]
        return _exact(Decimal(short.group("number").replace(",", "")) * scale), scale
    parts = text.split()
    scale = SCALES[parts[-1].lower()] if len(parts) == 2 else 1
    return parse_number(text), scale


def parse_money(text: str) -> tuple[Decimal, Decimal | None] | None:
    """``$99 billion`` -> (99000000000, None); ``$150,000-$200,000`` -> (150000, 200000).

    In ``$1-2 million`` the scale word of the upper end applies to the lower end too, where that keeps
    the range increasing (not in ``$100,000 to $1 million``); a pair that does not increase is no range;
    ``$5M``, ``$2.5bn`` and ``$200K`` are read with their abbreviated scales.
    """
    match = _MONEY.match(text.strip())
    if not match:
        return None
    low, low_scale = _amount(match.group("low"))
    if low is None:
        return None
    if match.group("high") is None:
        return low, None
    high, high_scale = _amount(match.group("high"))
    if high is None:
        return None
    if low_scale == 1 and high_scale > 1 and low * high_scale < high:
        low = _exact(low * high_scale)
    if not low < high:  # "$5 to $2": not a range
        return None
    return low, high


_PERCENT = re.compile(rf"^\(?\s*(?P<value>{DIGITS})\s*(?:%|percent|per\s+cent)?\s*\)?$", re.IGNORECASE)


def parse_percent(text: str) -> Decimal | None:
    """``19.1%`` -> 19.1, ``71 percent`` -> 71, ``(11.3)`` -> 11.3 (a bare share in a list of shares)."""
    match = _PERCENT.match(text.strip())
    return Decimal(match.group("value").replace(",", "")) if match else None


_SAMPLE = re.compile(rf"^\(?\s*[nN]\s*=\s*(?P<value>{DIGITS})\s*\)?$")


def parse_sample_size(text: str) -> Decimal | None:
    """``n=12`` or ``(N = 115)`` -> the sample size."""
    match = _SAMPLE.match(text.strip())
    return parse_digits(match.group("value")) if match else None


def parse_at_least(text: str) -> Decimal | None:
    """``25+`` -> 25: an open-ended threshold, the figure is its lower bound."""
    match = re.fullmatch(rf"({DIGITS})\s*\+", text.strip())
    return parse_digits(match.group(1)) if match else None


@dataclass(frozen=True)
class NumberToken:
    """One numeral found in a text: where it is, what it is worth, how it was written."""

    start: int
    end: int
    text: str
    value: Decimal
    form: str  # "digits", "words" or "ordinal"


_TOKEN = re.compile(
    rf"(?P<ordinal>{ORDINAL})|(?P<digits>(?<![\w.]){DIGITS}(?:{_WS}{SCALE}\b)?)|(?P<words>\b{WORD_NUMBER}\b)",
    re.IGNORECASE,
)


def find_numbers(text: str) -> Iterator[NumberToken]:
    """Every numeral in ``text``, left to right, without overlaps (offsets into ``text``)."""
    for match in _TOKEN.finditer(text):
        form = match.lastgroup or "digits"
        raw = match.group()
        value: Decimal | None
        if form == "ordinal":
            ordinal = parse_ordinal(raw)
            value = Decimal(ordinal) if ordinal is not None else None
        else:
            value = parse_number(" ".join(raw.split()))
        if value is not None:
            yield NumberToken(match.start(), match.end(), raw, value, form)
