"""The fields of a reference that have a shape of their own: DOI, URL, date of access, year, volume, pages.

Pure functions on one entry's text (whitespace folded). Each finder gives the value and where it
stands, so that the entry parser can take the piece out and read what is left; a finder that finds
nothing gives nothing, so a field the entry does not give stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.sources import dates

_DOI = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*|\bDOI:?\s*)?(?P<value>\b10\.\d{4,9}/[^\s\"“”<>]+?)(?=[.,;)\]]?(?:\s|$))",
    re.IGNORECASE,
)
_URL = re.compile(r"(?P<value>(?:https?://|www\.)[^\s<>\"“”]+?)(?=[.,;)\]]?(?:\s|$))")
_BARE_URL = re.compile(
    r"(?<![\w@./])(?P<value>(?:[a-z0-9-]+\.)+(?:org|com|net|edu|gov|int|info|io|eu|uk|de|fr|au|ca|nl)"
    r"/[^\s\"“”<>]*?)(?=[.,;)\]]?(?:\s|$))"
)
_ACCESS_DATE = (
    rf"(?:{dates.MONTH}\s+\d{{1,2}},?\s+{dates.YEAR}|\d{{1,2}}\s+{dates.MONTH}\s+{dates.YEAR}|"
    rf"{dates.YEAR}-\d\d-\d\d|{dates.MONTH}\s+{dates.YEAR})"
)
_ACCESSED = re.compile(
    rf"\(?\[?(?:Retrieved|Accessed|accessed|Last accessed|Viewed|viewed|Consulted)(?:\s+on)?:?\s+"
    rf"(?P<value>{_ACCESS_DATE})\]?\)?(?:,?\s+from\b)?\.?"
    rf"|\b(?:Retrieved|retrieved)\s+from\b"
)
_AVAILABLE = re.compile(r"\b(?:Available|available)\s+(?:at|from|online)\s*:?|\bOnline\s*:|\[Online\]\.?|\bURL:?")

#: A year as a reference gives it: ``2019``, ``2019a``, ``n.d.``, ``in press``, ``forthcoming``.
YEAR_VALUE = rf"(?:{dates.YEAR}[a-z]?(?![\d/])|n\.\s?d\.|in press|forthcoming)"
_YEAR_IN_PARENS = re.compile(
    rf"\((?P<value>{YEAR_VALUE})(?:[,/]\s*(?P<date>{dates.MONTH}(?:\s+\d{{1,2}}(?:[–-]\d{{1,2}})?)?))?\)\.?"
    rf"|\((?P<date2>{dates.MONTH}\s+\d{{1,2}},?\s+)(?P<value2>{dates.YEAR}[a-z]?)\)\.?"
    rf"|\((?P<date3>{dates.MONTH}\s+)(?P<value3>{dates.YEAR}[a-z]?)\)\.?",
    re.IGNORECASE,
)
_YEAR_BARE = re.compile(rf"(?<![\w/-])(?P<value>{YEAR_VALUE})(?![\w/-])", re.IGNORECASE)

_VOLUME_ISSUE = re.compile(
    r"\b(?:vol\.?|volume)\s*(?P<vol>\d+(?:[–-]\d+)?)(?:\s*,?\s*(?:no\.?|issue|iss\.|nr\.?)\s*(?P<iss>\d+[\w–-]*))?"
    r"|(?<![\w.])(?P<vol2>\d{1,4})\s?\((?P<iss2>\d{1,4}(?:[–-]\d{1,4})?|[A-Z][a-z]+)\)"
    r"|(?<![\w.])(?P<vol3>\d{1,4}),?\s+no\.\s*(?P<iss3>\d+)"
    r"|(?<![\w.(])(?P<vol4>\d{1,4})(?=\s?:\s?[A-Za-z]{0,3}\d)"
    r"|(?<=;)\((?P<iss4>\d{1,4})\)(?=:)"  # Vancouver without a volume: "2012;(9):CD007146"
    rf"|(?<=,\s)(?!{dates.YEAR}\b)(?P<vol5>\d{{1,4}})(?=,\s*(?:pp?\.\s*)?\d+\s*[–—-]\s*\d+)",  # "Policy, 67, 52–61"
    re.IGNORECASE,
)
_PAGES = re.compile(
    r"\b(?:pp?\.|pages?)\s*(?P<value>[A-Za-z]?\d+(?:\s*[–—-]\s*[A-Za-z]?\d+)?)"
    r"|:\s?(?P<value2>[A-Za-z]{0,3}\d+(?:\s*[–—-]\s*[A-Za-z]?\d+)?)(?![\d/])"
    r"|(?<=\),\s)(?P<value3>\d+(?:\s*[–—-]\s*\d+)?)(?=[.,;]|$)"
    r"|(?<=,\s)(?P<value4>e?\d+\s*[–—-]\s*\d+)(?=\.|,|$)",
    re.IGNORECASE,
)
_PLACE_PUBLISHER = re.compile(
    r"(?<![\w-])(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}(?:,\s?(?:[A-Z]{2}|(?:[A-Z]\.){2,3}|[A-Z][a-z]+))?)"
    r":\s?"
    r"(?P<publisher>[A-Z][\w'’&.-]*(?:\s+[\w'’&-]+){0,6})(?=\s*(?:[.,;)]|$))"
)


@dataclass(frozen=True)
class Piece:
    """A field found in an entry: its value and the stretch of the entry it came from."""

    value: str
    start: int
    end: int


def _piece(m: re.Match[str] | None, *groups: str) -> Piece | None:
    if m is None:
        return None
    value = next((m.group(g) for g in groups if m.group(g)), "")
    return Piece(value, m.start(), m.end())


def find_doi(text: str) -> Piece | None:
    return _piece(_DOI.search(text), "value")


def find_url(text: str) -> Piece | None:
    """The first URL that is not a DOI's address; else an address without its scheme, as MLA writes it."""
    for m in _URL.finditer(text):
        if not re.match(r"https?://(?:dx\.)?doi\.org/", m.group()):
            return _piece(m, "value")
    return _piece(_BARE_URL.search(text), "value")


def find_accessed(text: str) -> tuple[Piece | None, str]:
    """The phrase saying when the work was consulted, and that date in ISO 8601 ('' without one)."""
    m = _ACCESSED.search(text)
    if m is None:
        return None, ""
    return _piece(m, "value") or Piece("", m.start(), m.end()), iso_date(m.group("value") or "")


def find_available(text: str) -> Piece | None:
    m = _AVAILABLE.search(text)
    return Piece("", m.start(), m.end()) if m else None


def year_in_parentheses(text: str) -> tuple[Piece, str] | None:
    """``(2019)``, ``(2019a)``, ``(n.d.)``, ``(2020, March 3)``, ``(March 3, 2020)``: the year and the date it gives."""
    m = _YEAR_IN_PARENS.search(text)
    if m is None:
        return None
    year = m.group("value") or m.group("value2") or m.group("value3")
    month_day = m.group("date") or m.group("date2") or m.group("date3") or ""
    return Piece(normal_year(year), m.start(), m.end()), iso_date(f"{month_day} {year[:4]}") if month_day else ""


def bare_years(text: str) -> list[Piece]:
    """Every year standing alone (``2019``, ``2019a``, ``n.d.``), in order."""
    return [Piece(normal_year(m.group("value")), m.start(), m.end()) for m in _YEAR_BARE.finditer(text)]


def normal_year(year: str) -> str:
    """``N.d.`` and ``n. d.`` as ``n.d.``, ``In press`` as ``in press``; a year as written."""
    folded = year.strip().lower()
    if folded.replace(" ", "") == "n.d.":
        return "n.d."
    return folded if folded in ("in press", "forthcoming") else year.strip()


def volume_issue(text: str) -> Piece | None:
    """Volume and issue (``3(2)``, ``vol. 3, no. 2``, ``3, no. 2``, ``18:``): value ``volume/issue``."""
    m = _VOLUME_ISSUE.search(text)
    if m is None:
        return None
    vol = m.group("vol") or m.group("vol2") or m.group("vol3") or m.group("vol4") or m.group("vol5") or ""
    iss = m.group("iss") or m.group("iss2") or m.group("iss3") or m.group("iss4") or ""
    return Piece(f"{vol}/{iss}", m.start(), m.end())


def find_pages(text: str) -> Piece | None:
    """``pp. 45–67``, ``p. 7``, ``: 45–67``, ``), 45–67``: the pages, dashes as written."""
    return _piece(_PAGES.search(text), "value", "value2", "value3", "value4")


def place_publisher(text: str) -> tuple[str, str, Piece] | None:
    """``City: Publisher`` (``New York, NY: Routledge``): place and publisher."""
    m = _PLACE_PUBLISHER.search(text)
    if m is None:
        return None
    return m.group("place").strip(), m.group("publisher").strip(), Piece("", m.start(), m.end())


def day_and_month(text: str, year: str) -> str:
    """``3 March`` or ``March 3`` without a year (Harvard writes the year once, after the authors), in ISO 8601."""
    m = re.search(
        rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{dates.MONTH})(?!\s*\d)|\b(?P<month2>{dates.MONTH})\s+(?P<day2>\d{{1,2}})\b(?!,?\s*\d{{4}})",
        text,
    )
    if m is None or not re.fullmatch(dates.YEAR, year[:4]):
        return ""
    month = dates.month_number(m.group("month") or m.group("month2"))
    return f"{year[:4]}-{month:02d}-{int(m.group('day') or m.group('day2')):02d}" if month else ""


def iso_date(text: str) -> str:
    """``March 3, 2020``, ``3 March 2020``, ``2020-03-03``, ``March 2020`` in ISO 8601; '' if none."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return text
    m = re.search(rf"(?P<day>\d{{1,2}})\s+(?P<month>{dates.MONTH})\s+(?P<year>{dates.YEAR})", text)
    if m is None:
        m = re.search(rf"(?P<month>{dates.MONTH})\s+(?:(?P<day>\d{{1,2}}),?\s+)?(?P<year>{dates.YEAR})", text)
    if m is None:
        return ""
    month = dates.month_number(m.group("month"))
    if not month:
        return ""
    day = f"-{int(m.group('day')):02d}" if m.group("day") else ""
    return f"{m.group('year')}-{month:02d}{day}"


#: A report's number (``GAO-04-38``, ``GAO/GGD-96-118``, ``GAO-03-1166T``, ``GAO-01-1084SP``): an agency's letters,
#: the year's two digits and a serial number, with a letter or two for the kind of product.
REPORT_NUMBER = re.compile(r"\b(?:[A-Z]{2,6}/)?[A-Z]{2,6}-\d{2}-\d{1,5}[A-Z]{0,3}\b")
