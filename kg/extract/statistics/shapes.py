"""The shapes a figure takes ($99 billion, 71 percent, n=12, 17-year-old, four to six) and their values."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from kg.extract.numbers import (
    DIGITS,
    MONEY_AMOUNT,
    NUMERAL,
    ORDINAL_WORDS,
    RANGE_JOIN,
    parse_at_least,
    parse_money,
    parse_number,
    parse_ordinal,
    parse_range,
    parse_sample_size,
)
from kg.extract.statistics.masks import masked
from kg.extract.statistics.taken import Taken
from kg.extract.statistics.units import MEASURE, SCALE_WORDS, SCALED, SYMBOLS

_N = NUMERAL
_M = MONEY_AMOUNT
_NR = rf"(?:between\s+{_N}\s+and\s+{_N}|{_N}(?:{RANGE_JOIN}{_N})?)"
_TIME_UNIT = r"(?:decades?|years?|months?|weeks?|days?|hours?|minutes?)"
#: The parts a whole is cut into, by the word for one of them (singular and plural).
_PARTS = {"quarter": 4, **{word: n for word, n in ORDINAL_WORDS.items() if 3 <= n <= 10}}
_DENOMINATORS = {"half": 2, "halves": 2, **{w: d for word, d in _PARTS.items() for w in (word, word + "s")}}
_NUMERATORS = {w: n for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}
_UNIT_CODES = {
    "decade": "YEAR",
    "year": "YEAR",
    "month": "MONTH",
    "week": "WEEK",
    "day": "DAY",
    "hour": "HOUR",
    "minute": "MINUTE",
}
_IN_MINUTES = {"MINUTE": 1, "HOUR": 60, "DAY": 1440, "WEEK": 10080}


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


#: (shape, pattern); the ``fig`` group is the span the statistic is anchored to. Earlier
#: shapes win when two claim the same words.
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("money-to", _p(rf"\bbetween\s+(?P<fig>\$\s*{_M}\s+and\s+\$\s*{_M})")),
    ("money-to", _p(rf"(?P<fig>\$\s*{_M}\s+to\s+\$\s*{_M})")),
    ("money", _p(rf"(?P<fig>\$\s*{_M}(?:\s*[-–—]\s*\$?\s*{_M})?)")),
    ("money-other", _p(rf"(?P<fig>[£€]\s*{_M}(?:\s*[-–—]\s*[£€]?\s*{_M})?)")),
    ("money", _p(rf"(?P<fig>{_NR}\s+(?:US\s+|U\.S\.\s+)?dollars)\b")),
    ("money", _p(r"(?<!per\s)(?P<fig>\b\d+(?:\.\d+)?[-\s]cents?)\b")),  # a 51-cent tax credit: $0.51
    ("percent", _p(rf"(?P<fig>{_NR}\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b))")),
    ("sample", _p(rf"(?P<fig>\b[nN]\s*=\s*{DIGITS})")),
    ("ratio", _p(rf"(?P<fig>\b{_N}\s+(?:in|out\s+of)\s+(?:every\s+)?{_N})\b(?!\s*(?:%|percent))")),
    (
        "fraction",
        _p(
            r"(?<!within\s)(?<!per\s)(?<!each\s)(?<!every\s)(?<!last\s)(?<!next\s)(?<!and\sa\s)"
            r"\b(?P<fig>half|(?:a|one)[-\s](?:quarter|fourth|third|fifth|tenth)"
            r"|an?[-\s](?:sixth|seventh|eighth|ninth)(?=\s+of\b)"  # a seventh of ...; not "a seventh season"
            r"|(?:two|three|four|five|six|seven|eight|nine|ten)[-\s](?:halves|thirds|quarters|fourths|fifths|sixths|"
            r"sevenths|eighths|ninths|tenths))\b"
            r"(?!\s+an?\s+(?:hour|day|week|month|year))(?!\s+(?:of\s+(?:an?\s+)?)?(?:hour|century|mile)s?\b)"
        ),
    ),
    ("fraction-slash", _p(r"\b(?P<fig>[1-9]/(?:[2-9]|10))(?=\s+of\b)")),  # 2/3 of a post, 1/5 of the staff
    ("age", _p(rf"(?P<fig>\b{_N}[-\s]years?[-\s]old\b)")),
    ("age", _p(rf"\bage[sd]?\s+(?P<fig>{_NR}(?:\s+years?(?:\s+old)?)?)")),
    ("age", _p(rf"(?P<fig>{_NR}\s+years?)\s+(?:of\s+age|old)\b")),
    ("age", _p(rf"\bage\s+of\s+(?P<fig>{_N})")),
    ("duration-span", _p(rf"(?P<fig>{_N}\s+{_TIME_UNIT}\s+to\s+{_N}\s+{_TIME_UNIT})\b")),
    ("duration", _p(rf"(?P<fig>{_NR}(?:\s+|-){_TIME_UNIT})\b")),
    ("measure", re.compile(rf"(?P<fig>{MEASURE.pattern})")),  # 94.5GB, 74 MB: a unit's symbol, case for case
    ("scaled", SCALED),  # 81.1M, 677k: a count glued to the letter of its scale, case for case
    ("rank", _p(r"(?P<fig>\b\d+(?:st|nd|rd|th)\b)")),
    ("rank", _p(rf"\branks?(?:ed)?\s+(?:as\s+)?(?:the\s+)?(?P<fig>(?:{'|'.join(ORDINAL_WORDS)}))\b")),
    ("rank", _p(r"\bthe\s+(?P<fig>number\s+(?:one|two|three|four|five|\d+))\b")),
    ("at-least", _p(rf"(?P<fig>{DIGITS}\s*\+)")),
    ("count-range", _p(rf"(?P<fig>(?:between\s+)?{_N}(?:\s*[-–]\s*|\s+to\s+|\s+or\s+|,\s+|\s+and\s+){_N})")),
    ("times", _p(r"\b(?P<fig>twice|thrice)\b")),
    ("count", _p(rf"(?P<fig>(?<![\w.,$£€]){_N})")),
)


@dataclass(frozen=True)
class Figure:
    """A figure found in one sentence; offsets are into the sentence's text."""

    start: int
    end: int
    value: Decimal
    unit: str
    kind: str
    upper: Decimal | None = None
    words: bool = False  # written in words: needs a noun after it to count


def find_figures(text: str) -> list[Figure]:
    """Every figure in a sentence, the first shape claiming a stretch of words winning it."""
    taken = Taken(masked(text))
    found: list[Figure] = []
    for shape, pattern in _SHAPES:
        for m in pattern.finditer(text):
            start, end = m.span("fig")
            if taken.overlaps(start, end):
                continue
            figure = _read(shape, text, start, end)
            lead = re.match(r"between\s+", text[start:end], re.IGNORECASE)
            if figure is not None and lead:  # the span is the figure: "10 and 15 percent"
                figure = replace(figure, start=start + lead.end())
            if figure is not None and figure.upper is None and text[start - 1 : start] == "−":
                figure = replace(figure, start=start - 1, value=-figure.value)  # the minus sign (U+2212): "−4"
            if figure is not None:
                found.append(figure)
                taken.add(start, end)
    return sorted(found, key=lambda f: f.start)


def _read(shape: str, text: str, start: int, end: int) -> Figure | None:
    """Value, unit and kind of a figure of a given shape, or None when it is not one."""
    raw = " ".join(text[start:end].split())
    if shape in ("money-to", "count-range") and re.search(r"\bfrom\s+$", text[max(0, start - 12) : start], re.I):
        return None  # "from $12.4 million to $28.6 million" is a change, not a range
    reading = _READERS[shape](raw)
    if reading is None:
        return None
    low, high, unit, kind = reading
    if low is None:
        return None
    core = re.sub(r"^between\s+", "", raw, flags=re.IGNORECASE)
    words = kind == "count" and not core[0].isdigit() and shape != "times"
    return Figure(start, end, low, unit, kind, high, words=words)


_Reading = tuple[Decimal | None, Decimal | None, str, str]  # value, upper, unit, kind


def _money(raw: str) -> _Reading | None:
    if re.search(r"cents?$", raw, re.IGNORECASE):
        low, high = _value_or_range(re.sub(r"[-\s]cents?$", "", raw, flags=re.IGNORECASE))
        return (low / 100 if low is not None else None), None, "USD", "money"
    if raw.lower().endswith("dollars"):
        low, high = _value_or_range(re.sub(r"\s+(?:US\s+|U\.S\.\s+)?dollars$", "", raw, flags=re.IGNORECASE))
        return low, high, "USD", "money"
    money = parse_money(raw.replace(" to ", "-").replace(" and ", "-"))
    return (money[0], money[1], "USD", "money") if money else None


def _percent(raw: str) -> _Reading:
    core = re.sub(r"\s*(?:%|percent|per cent|percentage points?)$", "", raw, flags=re.IGNORECASE)
    return (*_value_or_range(core.replace("%", "")), "PERCENT", "percentage")


def _age(raw: str) -> _Reading:
    return (*_value_or_range(re.sub(r"[-\s]*years?(?:[-\s]*old)?$", "", raw, flags=re.IGNORECASE)), "YEAR", "age")


def _rank(raw: str) -> _Reading:
    ordinal = parse_ordinal(raw)
    if ordinal is None and raw.lower().startswith("number"):
        ordinal = int(parse_number(raw.split()[-1]) or 0)
    return (Decimal(ordinal) if ordinal else None), None, "RANK", "rank"


def _count_range(raw: str) -> _Reading | None:
    pair = parse_range(raw)
    if pair is None or (re.search(r",\s", raw) and not _small_integers(pair)):
        return None
    return pair[0], pair[1], "COUNT", "count"


_READERS: dict[str, Callable[[str], _Reading | None]] = {
    "money": _money,
    "money-to": _money,
    "percent": _percent,
    "fraction": lambda raw: _fraction(raw),
    "fraction-slash": lambda raw: _share(*map(int, raw.split("/"))),
    "sample": lambda raw: (parse_sample_size(raw), None, "COUNT", "sample-size"),
    "age": _age,
    "duration": lambda raw: _duration(raw),
    "duration-span": lambda raw: _duration(raw),
    "rank": _rank,
    "at-least": lambda raw: (parse_at_least(raw), None, "COUNT", "count"),
    "count-range": _count_range,
    "money-other": lambda raw: _money_other(raw),
    "times": lambda raw: (Decimal(2 if raw.lower() == "twice" else 3), None, "COUNT", "count"),
    "ratio": lambda raw: _ratio(raw),
    "count": lambda raw: (parse_number(raw), None, "COUNT", "count"),
    "measure": lambda raw: _measure(raw),
    "scaled": lambda raw: (
        parse_number(raw[:-2] + " billion" if raw.endswith("bn") else raw[:-1] + " " + SCALE_WORDS[raw[-1]]),
        None,
        "COUNT",
        "count",
    ),
}


def _fraction(raw: str) -> _Reading | None:
    """``half`` -> 50, ``two-thirds`` -> 66.67, ``six tenths`` -> 60: a share of a whole, as a percentage."""
    words = re.split(r"[-\s]+", raw.lower())
    parts = _DENOMINATORS[words[-1]]
    return _share(_NUMERATORS.get(words[0], 1) if len(words) > 1 else 1, parts)


def _share(count: int, parts: int) -> _Reading | None:
    """``count`` parts of a whole cut into ``parts``, as a percentage (a share is less than the whole)."""
    if not 0 < count < parts:
        return None
    share = (Decimal(count * 100) / parts).quantize(Decimal("0.01"))
    return (share.to_integral_value() if share == share.to_integral_value() else share), None, "PERCENT", "percentage"


def _measure(raw: str) -> _Reading | None:
    """``94.5GB`` -> 94.5 in gigabytes (the unit's QUDT code)."""
    m = MEASURE.fullmatch(raw)
    if m is None:
        return None
    return parse_number(raw[: m.start("unit")].strip()), None, SYMBOLS[m.group("unit")], "amount"


_CURRENCIES = {"£": "GBP", "€": "EUR"}


def _money_other(raw: str) -> _Reading | None:
    """``£2 million``, ``€150-200``: read as dollars are, in the currency of the sign."""
    money = parse_money(re.sub("[£€]", "$", raw))
    return (money[0], money[1], _CURRENCIES[raw.lstrip()[0]], "money") if money else None


def _ratio(raw: str) -> _Reading | None:
    """``two in five``, ``1 out of 10``: a share, as a percentage; ``113 out of 2,633``: a count of a total.

    A share is said against a small or round whole (``one in every four``, ``3 in 100``); a whole
    like 2,633 is the size of what was counted, and the figure is the count.
    """
    parts = re.split(r"\s+(?:in|out\s+of)\s+(?:every\s+)?", raw, flags=re.IGNORECASE)
    if len(parts) != 2:
        return None
    part, whole = parse_number(parts[0]), parse_number(parts[1])
    if part is None or whole is None or not 0 < part < whole:
        return None
    round_whole = whole <= 10 or (whole == whole.to_integral_value() and re.fullmatch(r"10+", str(int(whole))))
    if not round_whole and not re.search(r"\bevery\b", raw, re.IGNORECASE):
        return part, None, "COUNT", "count"
    share = (part * 100 / whole).quantize(Decimal("0.01"))
    return (share.to_integral_value() if share == share.to_integral_value() else share), None, "PERCENT", "percentage"


def _small_integers(pair: tuple[Decimal, Decimal]) -> bool:
    """``10, 12 tricks`` is a range; a list of large or decimal numbers is not."""
    return all(v == v.to_integral_value() and v < 1000 for v in pair)


def _value_or_range(text: str) -> tuple[Decimal | None, Decimal | None]:
    pair = parse_range(text)
    if pair:
        return pair
    return parse_number(" ".join(text.split())), None


def _duration(raw: str) -> _Reading | None:
    """``18-week``, ``three months``, ``two decades`` (20 years), ``45 minutes to one hour`` (45–60 min)."""
    parts = re.findall(rf"({_NR})(?:\s+|-)({_TIME_UNIT})", raw, flags=re.IGNORECASE)
    if not parts:
        return None
    readings = []
    for number, unit_word in parts:
        unit_word = unit_word.lower().rstrip("s")
        low, high = _value_or_range(number)
        if low is None:
            return None
        factor = 10 if unit_word == "decade" else 1
        readings.append((low * factor, high * factor if high is not None else None, _UNIT_CODES[unit_word]))
    if len(readings) == 1:
        low, high, unit = readings[0]
        return low, high, unit, "duration"
    (low, _, unit_low), (high, _, unit_high) = readings[0], readings[1]
    if unit_low != unit_high:
        if unit_low not in _IN_MINUTES or unit_high not in _IN_MINUTES:
            return None
        low, high, unit_low = low * _IN_MINUTES[unit_low], high * _IN_MINUTES[unit_high], "MINUTE"
    return low, high, unit_low, "duration"
