"""Statistics: every quantity a report states, normalised, with what it measures.

A figure is found by its shape (``$99 billion``, ``71 percent``, ``n=12``, ``17-year-old``,
``45 minutes to one hour``, ``four to six girls``) and kept only when it is a quantity,
not a number used as a name. Numbers that are not statistics are masked first, so that
no figure pattern can see them: years used as dates and in citations, locators
(``p. 2655``, ``para. 7``), endnote markers (``[16]``), list markers (``(1)``), phone numbers,
law numbers (``P.L.106-386``), running headers (``Volume 9, Issue 1``), page numbers on a
line of their own, hashtags and names with digits (``#304life``, ``Rights4Girls``,
``Level 3 Communications``), labels (``exchange 559``), quoted keywords (``"18,"``) and
whole bibliographic references in endnotes.

Numbers in words need a noun after them (``four to six girls``, ``thirteen counts``), and
``one`` counts only beside other counts (``one police officer, two sergeants``), since
"one" is far more often a pronoun or an article than a quantity. Nouns of discourse
(``two ways``, ``three steps``, ``two distinctions``) are not statistics of the world.

``measure`` is drawn from the sentence around the figure: the words of its clause before
it, an ellipsis where the figure stands, and the words after it (``sex trafficking
constituted … of reported human trafficking incidents in 2017``). ``year`` is the year
the sentence says the figure refers to (``in 2017``, ``In 2018, ...``, ``since 2003 from``);
``period`` is either a recurrence as an ISO 8601 duration (``P1Y`` for "annually",
``P1M`` for "per month") or the stretch of time the figure covers as an ISO 8601
interval (``2003/2018``, ``2012-03-01/2012-05-31``).
"""

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
from kg.records import Report, Sentence, Span, StatisticRecord

# --- what is not a statistic ---------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"

_MASKS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE if i > 0 else 0)
    for i, p in enumerate(
        [
            r"\b[A-Z][a-z]+\s+\d+\s+[A-Z][a-z]+",  # a name with a number inside: Level 3 Communications
            # a parenthesis with a year or "n.d.": a citation
            rf"\([^()]*(?<![\d,.$]){_YEAR}[a-z]?(?!\d|,\d{{3}}|\.\d|%)[^()]*\)",
            r"\([^()]*\bn\.\s?d\.[^()]*\)",
            rf"(?<![\d,.$]){_YEAR}s?(?!\d|,\d{{3}}|\.\d|\s*(?:%|percent))",  # a year used as a date, a decade
            rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?",  # March 1, 2012
            r"\b\d{1,2}/\d{1,2}/\d{2,4}(?:\s*[-–]\s*\d{1,2}/\d{1,2}/\d{2,4})?",  # 3/1/2012–5/31/2012
            r"\b\d+/\d+\b",  # 24/7, 9/11 and other slashed pairs
            rf"\b\d{{1,2}}\s+(?-i:{_MONTH})(?:\s+{_YEAR})?",  # 12 March 2019
            r"\b[A-Za-z]+-\d+\b",  # names with a number: COVID-19, H-1B, F-16
            r"\b(?:pp?|paras?|vol|no|ch|chap|fig|sec|art)\.\s*[\dA-Z][\w.]*(?:\s*[-–]\s*[\dA-Z][\w.]*)?",  # p. 2655
            r"\[\d+(?:[-–,]\s*\d+)*\]",  # endnote markers [16]
            r"\(\d{1,2}\)(?=\s+[a-z])",  # list markers (1) forming ...
            r"\(?\d{3}\)?[-\s.][\d*]{3}[-.][\d*]{4}",  # phone numbers 702-***-****
            r"\bP\.\s?L\.\s?\d+-\d+",  # public law numbers
            r"\b(?:volume|issue|vol\.|no\.)\s+\d+",  # running headers: Volume 9, Issue 1
            r"\b\d+\s*:\s*\d+(?:[-–]\d+)?",  # volume: pages 18: 318–43, times 10:30
            r"(?m)^\s*\d{1,4}\s*$",  # a page number on a line of its own
            r"[#@][\w]+",  # hashtags, handles
            r"(?<![$\w.,])(?=\w*[A-Za-z])(?=\w*\d)\w+",  # words with digits: Rights4Girls (not $5M; ordinals pass)
            r"(?<![$\d.,])\d+(?:\.\d+)?(?!st\b|nd\b|rd\b|th\b)[A-Za-z]+\b",  # glued to a unit we do not know: 3.5GB
            r"\b\d+(?:st|nd|rd|th)\s+(?:century|centuries|amendment|street|avenue|annual|anniversary|birthday|floor|"
            r"grade|edition|congress|circuit|district|precinct|session)\b",  # ordinals that name, not rank
            r"\b(?:exchange|area code|code|room|flight|route|channel|chapter|section|table|figure|page|"
            r"version|level|grade|episode|precinct|district)\s+\d+\b",  # labels: exchange 559
            r"[“\"‘]\s*\d[\d,.]*[,.]?\s*[”\"’]",  # a quoted number: the keyword “18,”
        ]
    )
)
_ORDINAL_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)")

#: A sentence that is a bibliographic reference (an endnote's citation), not prose.
_REFERENCE = re.compile(
    r"\bRetrieved\b|\bAvailable at\b|\bProceedings of\b|\bPersonal communication\b|\bField notes\b|"
    r"^\s*(?:\[\d+\]\s*)?(?:See also,?\s*)?[A-Z][\w'’-]+,\s+[A-Z]\.(?:\s|,)"
)


def _masked(text: str) -> list[tuple[int, int]]:
    """Stretches of a sentence whose numbers are names, dates or locators, not quantities."""
    spans = []
    for pattern in _MASKS:
        for m in pattern.finditer(text):
            if _ORDINAL_TOKEN.fullmatch(m.group()):
                continue
            spans.append((m.start(), m.end()))
    return spans


# --- figure shapes -----------------------------------------------------------------------

_N = NUMERAL
_M = MONEY_AMOUNT
_NR = rf"(?:between\s+{_N}\s+and\s+{_N}|{_N}(?:{RANGE_JOIN}{_N})?)"
_TIME_UNIT = r"(?:decades?|years?|months?|weeks?|days?|hours?|minutes?)"
_FRACTIONS = {"half": Decimal(50), "quarter": Decimal(25), "quarters": Decimal(75)}
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
    ("money", _p(rf"(?P<fig>{_NR}\s+(?:US\s+|U\.S\.\s+)?dollars)\b")),
    ("percent", _p(rf"(?P<fig>{_NR}\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b))")),
    ("sample", _p(rf"(?P<fig>\b[nN]\s*=\s*{DIGITS})")),
    ("fraction", _p(r"\b(?P<fig>half|a\s+quarter|three[-\s]quarters)\b(?!\s+an?\s+(?:hour|day|week|month|year))")),
    ("age", _p(rf"(?P<fig>\b{_N}[-\s]years?[-\s]old\b)")),
    ("age", _p(rf"\bage[sd]?\s+(?P<fig>{_NR}(?:\s+years?(?:\s+old)?)?)")),
    ("age", _p(rf"(?P<fig>{_NR}\s+years?)\s+(?:of\s+age|old)\b")),
    ("age", _p(rf"\bage\s+of\s+(?P<fig>{_N})")),
    ("duration-span", _p(rf"(?P<fig>{_N}\s+{_TIME_UNIT}\s+to\s+{_N}\s+{_TIME_UNIT})\b")),
    ("duration", _p(rf"(?P<fig>{_NR}(?:\s+|-){_TIME_UNIT})\b")),
    ("rank", _p(r"(?P<fig>\b\d+(?:st|nd|rd|th)\b)")),
    ("rank", _p(rf"\branks?(?:ed)?\s+(?:as\s+)?(?:the\s+)?(?P<fig>(?:{'|'.join(ORDINAL_WORDS)}))\b")),
    ("rank", _p(r"\bthe\s+(?P<fig>number\s+(?:one|two|three|four|five|\d+))\b")),
    ("at-least", _p(rf"(?P<fig>{DIGITS}\s*\+)")),
    ("count-range", _p(rf"(?P<fig>(?:between\s+)?{_N}(?:\s*[-–]\s*|\s+to\s+|\s+or\s+|,\s+|\s+and\s+){_N})")),
    ("count", _p(rf"(?P<fig>(?<![\w.,$]){_N})")),
)


@dataclass(frozen=True)
class _Figure:
    """A figure found in one sentence; offsets are into the sentence's text."""

    start: int
    end: int
    value: Decimal
    unit: str
    kind: str
    upper: Decimal | None = None
    words: bool = False  # written in words: needs a noun after it to count


def _figures(text: str) -> list[_Figure]:
    """Every figure in a sentence, the first shape claiming a stretch of words winning it."""
    masks = _masked(text)
    taken: list[tuple[int, int]] = list(masks)
    found: list[_Figure] = []
    for shape, pattern in _SHAPES:
        for m in pattern.finditer(text):
            start, end = m.span("fig")
            if any(start < b and a < end for a, b in taken):
                continue
            figure = _read(shape, text, start, end)
            lead = re.match(r"between\s+", text[start:end], re.IGNORECASE)
            if figure is not None and lead:  # the span is the figure: "10 and 15 percent"
                figure = replace(figure, start=start + lead.end())
            if figure is not None:
                found.append(figure)
                taken.append((start, end))
    return sorted(found, key=lambda f: f.start)


def _read(shape: str, text: str, start: int, end: int) -> _Figure | None:
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
    words = kind == "count" and not raw[0].isdigit()
    return _Figure(start, end, low, unit, kind, high, words=words)


_Reading = tuple[Decimal | None, Decimal | None, str, str]  # value, upper, unit, kind


def _money(raw: str) -> _Reading | None:
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
    if pair is None or ("," in raw and not _small_integers(pair)):
        return None
    return pair[0], pair[1], "COUNT", "count"


_READERS: dict[str, Callable[[str], _Reading | None]] = {
    "money": _money,
    "money-to": _money,
    "percent": _percent,
    "fraction": lambda raw: (_FRACTIONS[raw.lower().split()[-1].split("-")[-1]], None, "PERCENT", "percentage"),
    "sample": lambda raw: (parse_sample_size(raw), None, "COUNT", "sample-size"),
    "age": _age,
    "duration": lambda raw: _duration(raw),
    "duration-span": lambda raw: _duration(raw),
    "rank": _rank,
    "at-least": lambda raw: (parse_at_least(raw), None, "COUNT", "count"),
    "count-range": _count_range,
    "count": lambda raw: (parse_number(raw), None, "COUNT", "count"),
}


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


# --- which figures are quantities ------------------------------------------------------

#: Words that end the noun phrase after a figure.
_STOP = frozenset(
    "a an the of in on at to for from by with without and or but nor who whom whose which that this these those "
    "is are was were be been being has have had do does did will would can could may might shall should must it "
    "its they them their he she him her his we us our you your i me my as than then so if when while where after "
    "before over under into onto about across per each every all some any no not only also just aged held lined "
    "later ago prior apart except up out down off there here what how why such like since until during through "
    "between among against within upon via together again alone apiece".split()
)
#: Nouns that count the text's own points, not things in the world.
_DISCOURSE = frozenset(
    "way ways step steps distinction distinctions reason reasons issue issues topic topics theme themes aspect "
    "aspects point points thing things question questions factor factors example examples part parts side sides "
    "hand hands approach approaches kind kinds type types sort sorts category categories respect respects".split()
)
_SAMPLE_NOUNS = frozenset("respondents participants interviewees subjects informants".split())
_SAMPLE_VERBS = re.compile(
    r"\b(?:sampled|surveyed|interviewed|interviews?\s+with|sample\s+of)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _noun_phrase(text: str, pos: int) -> list[str]:
    """The words of the noun phrase starting at ``pos``: up to a stop word or punctuation."""
    words = []
    for m in re.finditer(r"\S+", text[pos:]):
        token = m.group()
        word = _WORD.match(token)
        if not word or word.group().lower() in _STOP:
            break
        words.append(word.group().lower())
        if word.end() < len(token) or len(words) == 6:
            break  # punctuation after the word ends the phrase
    return words


def _quantities(text: str, figures: list[_Figure]) -> list[_Figure]:
    """Drop numbers in words that count nothing; give counts of people sampled their kind."""
    kept = []
    for figure in figures:
        if figure.kind != "count":
            kept.append(figure)
            continue
        phrase = _noun_phrase(text, figure.end)
        if figure.words and (not phrase or _DISCOURSE.intersection(phrase)):
            continue
        if _SAMPLE_NOUNS.intersection(phrase) or _SAMPLE_VERBS.search(text[: figure.start]):
            figure = replace(figure, kind="sample-size")
        kept.append(figure)
    return [f for f in kept if not _lone_one(text, f, kept)]


def _lone_one(text: str, figure: _Figure, figures: list[_Figure]) -> bool:
    """``one`` is a quantity only in a list of counts (``one police officer, two sergeants (n=2)``)
    or when the text insists on it (``only one respondent``, ``one post only``)."""
    if not (figure.words and figure.value == 1 and figure.upper is None and figure.kind in ("count", "sample-size")):
        return False
    if text[figure.start].isupper():
        return True  # "One detective explained", "One finding is"
    if re.search(r"\bonly\s+$", text[: figure.start]) or re.match(r"\s+[a-z]+\s+only\b", text[figure.end :]):
        return False  # "only one respondent", "one post only" insist on the count
    return not any(
        other is not figure
        and other.kind in ("count", "sample-size")
        and other.value != 1
        and abs(other.start - figure.start) < 40
        for other in figures
    )


def _in_parens(text: str, figure: _Figure) -> bool:
    return text[: figure.start].rstrip().endswith("(") and text[figure.end :].lstrip().startswith(")")


def _shares_by_context(text: str, figures: list[_Figure]) -> list[_Figure]:
    """In a list of shares, ``ATT Mobile (11.3)`` is a percentage too, though it lacks the sign."""
    shares = [f for f in figures if f.kind == "percentage"]
    if len(shares) < 2:
        return figures
    return [
        replace(f, unit="PERCENT", kind="percentage")
        if f.kind == "count" and not f.words and _in_parens(text, f) and f.start > shares[0].start
        else f
        for f in figures
    ]


# --- what a figure measures, and when -------------------------------------------------------

# Not "." : the sentence splitter has already cut at sentence ends, so a period inside a
# sentence belongs to an abbreviation (U.S.) or a decimal ($12.4 million).
_CLAUSE_START = re.compile(
    r",(?!\d)|[;:()\[\]“”\"—]|\b(?:that|which|who|whom|whose|while|whereas|because|although)\b(?![’'])",
    re.IGNORECASE,
)
_CONJUNCTION = frozenset("and or but while whereas".split())


def _before(text: str, pos: int, limit: int = 7) -> str:
    """The words of the clause before ``pos``, at most ``limit`` of them."""
    chunk = text[:pos]
    cut = max((m.end() for m in _CLAUSE_START.finditer(chunk)), default=0)
    words = chunk[cut:].split()
    return " ".join(words[-limit:])


def _after(text: str, pos: int, next_figure: int | None = None, limit: int = 9) -> str:
    """The words after ``pos`` up to the end of its clause, at most ``limit`` of them.

    A comma after a one-word list item does not end it (``4,500 federal, state, and local
    agencies``); a conjunction before another figure does (``5.4 percent and strangulation
    by 18.5 percent``).
    """
    end = len(text.rstrip().rstrip("."))
    words: list[str] = []
    segment = 0
    for m in re.finditer(r"\S+", text[pos:end]):
        token = m.group()
        absolute = pos + m.start()
        if re.match(r"[;:()\[\]“”\"—]", token):
            break
        if token.lower() in _CONJUNCTION and next_figure is not None and absolute < next_figure:
            if len(text[absolute:next_figure].split()) <= 5:
                break
        stop = re.search(r"[;:()\[\]“”\"—]|,(?!\d)", token)
        if stop:
            piece = token[: stop.start()]
            if piece:
                words.append(piece)
                segment += 1
            if stop.group() == "," and segment == 1 and piece.lower() not in _STOP:
                words[-1] += ","
                segment = 0
                continue
            break
        words.append(token)
        segment += 1
        if len(words) >= limit:
            break
    while words and words[-1].lower().rstrip(",") in ("and", "or", "the", "a", "of", "followed", "by", "with", "to"):
        words.pop()
    return " ".join(words).rstrip(",.")


_LABEL = re.compile(r"(?:(?:[A-Z][\w&.’'-]*|\d+)\s+)*[A-Z][\w&.’'-]*\s*$")


def _label(text: str, pos: int) -> str:
    """The capitalised name just before ``pos``: ``T-Mobile``, ``Level 3 Communications``."""
    match = _LABEL.search(text[:pos].rstrip())
    return " ".join(match.group().split()) if match else ""


def _measure(text: str, figure: _Figure, figures: list[_Figure], head: _Figure | None) -> str:
    """What the figure measures, in the sentence's own words, ``…`` standing for the figure."""
    later = [f.start for f in figures if f.start >= figure.end]
    next_figure = later[0] if later else None
    if head is not None and _in_parens(text, figure):
        label = _label(text, text.rfind("(", 0, figure.start)) or "(not named in the text)"
        return f"{label}: … {_head_after(text, head, figures)}"
    if _in_parens(text, figure):
        open_at = text.rfind("(", 0, figure.start)
        label = re.sub(rf"^{NUMERAL}\s+", "", _before(text, open_at, limit=6), flags=re.I)
        after = _after(text, text.find(")", figure.end) + 1, next_figure) if figure.kind == "count" else ""
        return " … ".join(p for p in (label, after) if p)
    after = _head_after(text, figure, figures) if figure is head else _after(text, figure.end, next_figure)
    if not after and text[figure.end :].lstrip().startswith("("):  # about half (2,050) posted ...
        close = text.find(")", figure.end)
        after = _after(text, close + 1, next_figure) if close >= 0 else ""
    before = _before(text, figure.start)
    if len((before + " " + after).split()) < 3:  # "Sometimes that’s six months, eight months, a year later."
        before, after = _window(text[: figure.start], -5), _window(text[figure.end :], 5)
    return " ".join(p for p in (before, "…", after) if p)


def _window(text: str, count: int) -> str:
    """The last (negative ``count``) or first words of ``text``, whatever the punctuation."""
    words = text.split()
    return " ".join(words[count:] if count < 0 else words[:count]).strip(" ,;.")


def _head_after(text: str, head: _Figure, figures: list[_Figure]) -> str:
    """What the head of a list of shares measures, without the first item's name."""
    after = _after(text, head.end)
    items = [f for f in figures if f.start > head.end and _in_parens(text, f)]
    if items:
        label = _label(text, text.rfind("(", 0, items[0].start))
        if label and label in after:
            after = after[: after.index(label)]
    return re.sub(r"\s*\b(?:followed by|then|and)\s*$", "", after.strip())


def _list_head(text: str, figures: list[_Figure]) -> _Figure | None:
    """In ``Metro PCS accounted for 19.1% ... T-Mobile (14.6%), ...`` the first share heads the list."""
    items = [f for f in figures if f.kind == "percentage" and _in_parens(text, f)]
    heads = [f for f in figures if f.kind == "percentage" and not _in_parens(text, f)]
    if len(items) < 2 or not heads or heads[0].start > items[0].start:
        return None
    return heads[0]


_YEAR_AFTER = re.compile(rf"\b(?:in|during)\s+({_YEAR})\b", re.I)
_YEAR_BEFORE = re.compile(rf"\b(?:in|during|as\s+of)\s+({_YEAR})\b", re.I)
_SINCE_JUST_BEFORE = re.compile(rf"\bsince\s+({_YEAR})\s+(?:from\s+)?$", re.I)


def _year(text: str, figure: _Figure, figures: list[_Figure]) -> str | None:
    """The year a figure refers to.

    ``... 71 percent of incidents in 2017`` (after it, in its clause, before any other
    figure), ``since 2003 from $12.4 million`` (just before it), else ``In 2018, ...``
    anywhere before it in the sentence, outside citations.
    """
    later = [f.start for f in figures if f.start >= figure.end]
    clause_end = min([len(text), *later])
    stop = re.search(r"[,;(]", text[figure.end : clause_end])
    window = text[figure.end : figure.end + stop.start()] if stop else text[figure.end : clause_end]
    match = _YEAR_AFTER.search(window)
    if match:
        return match.group(1)
    since = _SINCE_JUST_BEFORE.search(text[: figure.start])
    if since:
        return since.group(1)
    before = [m for m in _YEAR_BEFORE.finditer(text[: figure.start]) if not _inside_parens(text, m.start())]
    return before[-1].group(1) if before else None


def _inside_parens(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


_PER = {
    "annually": "P1Y",
    "yearly": "P1Y",
    "monthly": "P1M",
    "weekly": "P1W",
    "daily": "P1D",
    "nightly": "P1D",
    "year": "P1Y",
    "month": "P1M",
    "week": "P1W",
    "day": "P1D",
    "night": "P1D",
}
_PER_RE = re.compile(
    r"\b(annually|yearly|monthly|weekly|daily|nightly)\b|\b(?:per|a|an|each)\s+(year|month|week|day|night)\b", re.I
)
_DATE = rf"({_MONTH})\s+(\d{{1,2}}),?\s+({_YEAR})"
_INTERVALS = (
    re.compile(rf"\bfrom\s+({_YEAR})\s+(?:to|through|until)\s+({_YEAR})\b", re.I),
    re.compile(rf"\bbetween\s+({_YEAR})\s+and\s+({_YEAR})\b", re.I),
    re.compile(rf"\bsince\s+({_YEAR})\b.*?\bin\s+({_YEAR})\b", re.I | re.S),
)
_DATE_INTERVAL = re.compile(rf"\bfrom\s+{_DATE},?\s+(?:to|through|until)\s+{_DATE}", re.I)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def _period(text: str, figure: _Figure) -> str | None:
    """``P1Y`` for a yearly amount or count; else the interval the sentence says it covers."""
    if figure.kind in ("money", "count"):
        per = _PER_RE.search(text)
        if per:
            return _PER[(per.group(1) or per.group(2)).lower()]
    dates = _DATE_INTERVAL.search(text)
    if dates:
        g = dates.groups()
        return f"{_iso(g[0], g[1], g[2])}/{_iso(g[3], g[4], g[5])}"
    for pattern in _INTERVALS:
        match = pattern.search(text)
        if match and match.group(1) < match.group(2):
            return f"{match.group(1)}/{match.group(2)}"
    return None


def _iso(month: str, day: str, year: str) -> str:
    return f"{year}-{_MONTHS[month[:3].lower()]:02d}-{int(day):02d}"


# --- the public function ---------------------------------------------------------------


def statistics_in_sentence(report_key: str, sentence: Sentence) -> list[StatisticRecord]:
    """The statistics one sentence states, anchored at offsets into the report's text."""
    text = sentence.text
    if sentence.is_heading or _REFERENCE.search(text):
        return []
    figures = _shares_by_context(text, _quantities(text, _figures(text)))
    head = _list_head(text, figures)
    base = sentence.span.start
    records = []
    for figure in figures:
        records.append(
            StatisticRecord(
                span=Span(report_key, base + figure.start, base + figure.end),
                text=text[figure.start : figure.end],
                value=figure.value,
                unit=figure.unit,
                kind=figure.kind,
                measure=" ".join(_measure(text, figure, figures, head).split()),
                upper=figure.upper,
                year=_year(text, figure, figures),
                period=_period(text, figure),
                sentence=sentence.span,
            )
        )
    return records


def extract_statistics(report: Report, sentences: list[Sentence]) -> list[StatisticRecord]:
    """Every statistic of a report, in text order (``sentences`` from ``kg.sources.sentences``)."""
    records: list[StatisticRecord] = []
    for sentence in sentences:
        records.extend(statistics_in_sentence(report.key, sentence))
    return records
