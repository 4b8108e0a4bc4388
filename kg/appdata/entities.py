"""Platforms, agencies and organisations as the app shows them: mentions per report, dated events."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kg.appdata.dates import MONTH_DAY_YEAR, YEAR
from kg.appdata.names import split
from kg.appdata.settings import all_rows, rows
from kg.appdata.text import flat, report_text, sentence_bounds
from kg.store import Store

_DATE = re.compile(rf"\b(?:{MONTH_DAY_YEAR}|{YEAR})\b")


def entities(store: Store) -> list[dict[str, str]]:
    return all_rows(store, "app-entities")


#: Where a name comes from, in a reader's words (the query says ``gazetteer`` or ``found by the tool``).
ORIGIN_WORDS = {"gazetteer": "a list of known names", "found by the tool": "found by the tool in the text"}


def origin_words(entity: Mapping[str, str]) -> str:
    """The entity's origin as a reader says it; an origin the map does not know is shown as the query gives it."""
    origin = entity.get("origin", "")
    return ORIGIN_WORDS.get(origin, origin)


def mention_counts(entity: Mapping[str, str]) -> dict[str, int]:
    """``{"report-a": 17, ...}`` from the query's ``key=count`` pairs: one entry per report that mentions it."""
    pairs = (item.split("=", 1) for item in split(entity.get("mentionsByReport", ""), "\t"))
    return {key: int(count) for key, count in pairs}


@dataclass(frozen=True)
class DatedEvent:
    date: str
    what: str  # "event" (the sentence dates something) or "source" (an endnote dating a cited source)
    report: str
    sentence: str
    start: int
    end: int


def _cites_year(sentence: str, date: str) -> bool:
    """Whether the date only appears as a citation's year: ``(Smith, 2015)`` or ``Kennedy (2012)``."""
    year = re.escape(date)
    parenthetical = re.search(rf"[,&]\s*(?:n\.d\.;\s*)?{year}[a-z]?\s*[;),]", sentence)
    narrative = re.search(rf"[A-Z][\w’'-]+(?: et al\.?| and [A-Z][\w’'-]+)?\s*\({year}[a-z]?\)", sentence)
    others = [m for m in re.finditer(year, sentence)]
    cited = len(re.findall(rf"[,&]\s*{year}[a-z]?\s*[;),]", sentence)) + len(
        re.findall(rf"[A-Z][\w’'-]+(?: et al\.?| and [A-Z][\w’'-]+)?\s*\({year}[a-z]?\)", sentence)
    )
    return bool(parenthetical or narrative) and cited >= len(others)


def dated_events(store: Store, iri: str) -> list[DatedEvent]:
    """Sentences of the reports that mention the entity and give a date (a year, or a month and year)."""
    shortest: dict[tuple[str, int], int] = {}  # (report, sentence end) -> sentence start
    for m in rows(store, "app-entity-mentions", entity=iri):
        s, e = sentence_bounds(report_text(store, m["report"]), int(m["start"]), int(m["end"]))
        if (m["report"], e) not in shortest or shortest[(m["report"], e)] < s:
            shortest[(m["report"], e)] = s
    out = []
    for (report, e), s in shortest.items():
        sentence = flat(report_text(store, report).text[s:e]).strip()
        dates = [d for d in _DATE.findall(sentence) if not _cites_year(sentence, d)]
        if dates:
            source = bool(re.match(rf"\(?{re.escape(dates[0])}\)", sentence)) or "Retrieved from" in sentence
            what = "source date (endnote)" if source else "event"
            out.append(DatedEvent(", ".join(dict.fromkeys(dates)), what, report, sentence, s, e))
    return sorted(out, key=lambda d: (re.search(r"\d{4}", d.date).group(0), d.report, d.start))  # type: ignore[union-attr]
