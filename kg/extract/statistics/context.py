"""What a figure measures, the year it refers to and the period it covers, from the sentence around it."""

from __future__ import annotations

import re

from kg.extract.numbers import (
    NUMERAL,
)
from kg.extract.statistics.quantities import STOP, in_parens
from kg.extract.statistics.shapes import Figure
from kg.sources import dates

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
            if stop.group() == "," and segment == 1 and piece.lower() not in STOP:
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


def measure(text: str, figure: Figure, figures: list[Figure], head: Figure | None) -> str:
    """What the figure measures, in the sentence's own words, ``…`` standing for the figure."""
    later = [f.start for f in figures if f.start >= figure.end]
    next_figure = later[0] if later else None
    if head is not None and in_parens(text, figure):
        label = _label(text, text.rfind("(", 0, figure.start)) or "(not named in the text)"
        return f"{label}: … {_head_after(text, head, figures)}"
    if in_parens(text, figure):
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


def _head_after(text: str, head: Figure, figures: list[Figure]) -> str:
    """What the head of a list of shares measures, without the first item's name."""
    after = _after(text, head.end)
    items = [f for f in figures if f.start > head.end and in_parens(text, f)]
    if items:
        label = _label(text, text.rfind("(", 0, items[0].start))
        if label and label in after:
            after = after[: after.index(label)]
    return re.sub(r"\s*\b(?:followed by|then|and)\s*$", "", after.strip())


def list_head(text: str, figures: list[Figure]) -> Figure | None:
    """In ``Metro PCS accounted for 19.1% ... T-Mobile (14.6%), ...`` the first share heads the list."""
    items = [f for f in figures if f.kind == "percentage" and in_parens(text, f)]
    heads = [f for f in figures if f.kind == "percentage" and not in_parens(text, f)]
    if len(items) < 2 or not heads or heads[0].start > items[0].start:
        return None
    return heads[0]


_YEAR_AFTER = re.compile(rf"\b(?:in|during)\s+({dates.YEAR})\b", re.I)
_YEAR_BEFORE = re.compile(rf"\b(?:in|during|as\s+of)\s+({dates.YEAR})\b", re.I)
_SINCE_JUST_BEFORE = re.compile(rf"\bsince\s+({dates.YEAR})\s+(?:from\s+)?$", re.I)


def year(text: str, figure: Figure, figures: list[Figure]) -> str | None:
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
_DATE = rf"({dates.MONTH})\s+(\d{{1,2}}),?\s+({dates.YEAR})"
_INTERVALS = (
    re.compile(rf"\bfrom\s+({dates.YEAR})\s+(?:to|through|until)\s+({dates.YEAR})\b", re.I),
    re.compile(rf"\bbetween\s+({dates.YEAR})\s+and\s+({dates.YEAR})\b", re.I),
    re.compile(rf"\bsince\s+({dates.YEAR})\b.*?\bin\s+({dates.YEAR})\b", re.I | re.S),
)
_DATE_INTERVAL = re.compile(rf"\bfrom\s+{_DATE},?\s+(?:to|through|until)\s+{_DATE}", re.I)


def period(text: str, figure: Figure) -> str | None:
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
    return f"{year}-{dates.month_number(month) or 0:02d}-{int(day):02d}"
