"""Author-year citations: parenthetical groups, narrative names before a year, named reports, and later
mentions of a multi-author citation without its year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.citations.back_references import back_references
from kg.extract.citations.cited_again import family_as_listed, year_and_page
from kg.extract.citations.names import looks_like_authors, name_run_start
from kg.extract.citations.pieces import (
    AFTER_YEAR,
    DATE,
    DATE_RE,
    DATES,
    LOCATOR,
    PREFIX,
    YEAR,
    YEAR_RE,
    Found,
    View,
    authors_as_cited,
    fold_names,
    located,
)
from kg.sources.spans import SpanIndex

_GROUP = re.compile(r"\(([^()]*)\)")
_ITEM = re.compile(rf"^(?P<authors>.+?),?\s+(?P<dates>{DATES}){AFTER_YEAR}\s*$")
_LAW = re.compile(
    rf"^(?P<name>(?:[A-Z][\w’'-]*\s+)+(?:Act|Code|Statute|Directive|Regulation))\s+of\s+(?P<year>{YEAR})"
    r"(?P<rest>.*)$"
)
_CASE = re.compile(rf"^(?P<name>\S.*?\s+v\.\s+\S.*?)(?:,?\s+\(?(?P<year>{YEAR})\)?)?$")
_BACK = re.compile(
    rf"^(?:(?P<name>[A-Z][\w’'-]+(?:\s(?:and|&)\s[A-Z][\w’'-]+)?),\s+)?(?P<back>ibid\.?|ibidem|ebd\.|op\.\s?cit\.|loc\.\s?cit\.)"
    rf"(?:,?\s*(?P<loc>{LOCATOR}|\d+(?:\s*[–-]\s*\d+)?))?$",
    re.IGNORECASE,
)
_TITLED = re.compile(rf"^[“\"‘'](?P<title>[^“”\"]{{3,120}}?)[,.]?[”\"’'],?\s+(?P<year>{YEAR}){AFTER_YEAR}\s*$")
_COMMUNICATION_KINDS = r"personal communication|field notes|interview|telephone interview|e-?mail|conversation"
_COMMUNICATION_ITEM = re.compile(
    rf"^(?P<name>(?:[A-Z]\.\s?)*[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?),\s+(?:{_COMMUNICATION_KINDS})s?\s*,\s+"
    rf"(?P<date>{DATE})$",
    re.IGNORECASE,
)


def _split_items(norm: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The items of a group, stripped, as offsets: split at ``;`` and before ``as cited in``."""
    pos = start
    for part in re.split(r";|,(?=\s+as cited in\s)", norm[start:end]):
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        if stripped:
            yield pos + lead, pos + lead + len(stripped)
        pos += len(part) + 1


def year_of(date: str) -> str:
    """The year a date string gives, as written (``2012``, ``2008a``), or ``n.d.``."""
    m = YEAR_RE.search(date)
    return m.group() if m else " ".join(date.split())


def _parse_item(
    norm: str, start: int, end: int, group: tuple[int, int], known: frozenset[str] = frozenset()
) -> list[Found]:
    """The works one item of a parenthetical group cites (usually one; ``2008, 2012`` gives two).

    Names not shaped as names (``(lambert 2007)``, ``(Maddi and khoshaba, 1994)``) count when the report's own
    list gives them as a work's authors (``known``, folded)."""
    prefix = ""
    m = PREFIX.match(norm[start:end])
    if m:
        prefix = m.group().strip().rstrip(",")
        start += m.end()
    item = norm[start:end]
    if m := _BACK.match(item):  # "(ibid., p. 5)", "(Okonkwo, op. cit., 52)": the work cited before
        back = "ibid" if m.group("back").lower().startswith(("ibid", "ebd")) else "op. cit."  # ebd.: German ibid.
        if back == "op. cit." and not m.group("name"):
            return []
        end_at = start + (m.end("back") if not m.group("loc") else m.end())
        return [
            Found(
                start,
                end_at,
                m.group("name") or "",
                "",
                "parenthetical",
                locator=m.group("loc") or "",
                prefix=prefix,
                group=group,
                back=back,
            )
        ]
    if m := _COMMUNICATION_ITEM.match(item):
        return [
            Found(
                start,
                start + m.end("date"),
                m.group("name"),
                year_of(m.group("date")),
                "parenthetical",
                prefix=prefix,
                group=group,
            )
        ]
    if m := _LAW.match(item):
        return [
            Found(
                start,
                start + m.end("year"),
                m.group("name"),
                m.group("year"),
                "parenthetical",
                locator=m.group("rest").strip(" ,"),
                prefix=prefix,
                group=group,
            )
        ]
    if m := _CASE.match(item):
        left, right = re.split(r"\s+v\.\s+", m.group("name"), maxsplit=1)
        if looks_like_authors(left.rstrip(",")) and looks_like_authors(right):
            last = "year" if m.group("year") else "name"
            return [
                Found(
                    start,
                    start + m.end(last),
                    m.group("name"),
                    m.group("year") or "",
                    "parenthetical",
                    prefix=prefix,
                    group=group,
                )
            ]
    if m := _TITLED.match(item):  # APA's work without an author: its title in quotes, ("Police fill ...", 1996)
        title, year, loc = m.group("title"), year_of(m.group("year")), located(m)
        return [Found(start, start + m.end("year"), title, year, "parenthetical", locator=loc, group=group)]
    m = _ITEM.match(item)
    if not m or not (looks_like_authors(m.group("authors")) or _listed(m.group("authors"), known)):
        return []
    authors = authors_as_cited(m.group("authors"))
    found = []
    for d in DATE_RE.finditer(m.group("dates")):
        found.append(
            Found(
                start,
                start + m.start("dates") + d.end(),
                authors,
                year_of(d.group()),
                "parenthetical",
                locator=located(m),
                prefix=prefix,
                group=group,
            )
        )
    return found


def _listed(names: str, known: frozenset[str]) -> bool:
    """Whether the report's list gives these names, written loosely (case, ``et al`` without its period)."""
    return bool(known) and not any(ch.isdigit() for ch in names) and fold_names(authors_as_cited(names)) in known


_KNOWN_ITEM = re.compile(rf"^(?P<names>[^\d()]+?)(?:,?\s+(?P<loc>{LOCATOR}))?$")


def _known(norm: str, start: int, end: int, group: tuple[int, int], known: frozenset[str]) -> list[Found]:
    """``(Ferreira 211)``, ``(Moreau and Lindahl)``: names the report's own list gives, with a page or nothing
    (MLA writes no year)."""
    m = _KNOWN_ITEM.match(norm[start:end])
    if m is None or fold_names(m.group("names")) not in known:
        return []
    names = " ".join(m.group("names").split())
    return [Found(start, start + m.end(), names, "", "parenthetical", locator=m.group("loc") or "", group=group)]


#: A comma after a year or page that starts the next work of a group (``Garhammer 1996, Büchtemann 1979``,
#: ``Mutz 1997: 163, siehe auch: Mutz et al. 1995``), as German texts part them where English ones write ``;``.
_NEXT_WORK = re.compile(r"(?<=\d|[a-z.])\s*,\s+(?=[A-ZÀ-Þ]|(?:siehe|see|vgl|cf|also|auch)\b)")


def _comma_parts(norm: str, start: int, end: int, group: tuple[int, int], known: frozenset[str]) -> list[Found]:
    """The works of an item that does not read as one, parted at commas: only when every part reads as a work."""
    cuts = [m for m in _NEXT_WORK.finditer(norm, start, end) if re.search(r"\d", norm[start : m.start()])]
    if not cuts:
        return []
    bounds = [start, *(x for m in cuts for x in (m.start(), m.end())), end]
    found: list[Found] = []
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        part = _parse_item(norm, a, b, group, known)
        if not part:
            return []
        found += part
    return found


_COMMENT = re.compile(rf"{YEAR}(?:\s*[:,]\s*{LOCATOR})?(?P<cut>,\s+)(?:for|see|as|in|on|e\.g\.|cf\.)\s+[a-z]")


def _before_comment(norm: str, start: int, end: int, group: tuple[int, int], known: frozenset[str]) -> list[Found]:
    """An item that goes on after its year with the writer's comment (``Stead, Worrel & Stead, 1990, for an economic
    background``): the work before the comment."""
    m = _COMMENT.search(norm, start, end)
    return _parse_item(norm, start, m.start("cut"), group, known) if m else []


def _parentheticals(view: View, known: frozenset[str] = frozenset(), asides: bool = False) -> list[Found]:
    found: list[Found] = []
    for g in _GROUP.finditer(view.norm):
        for a, b in _split_items(view.norm, g.start(1), g.end(1)):
            group = (g.start(), g.end())
            item = _parse_item(view.norm, a, b, group, known) or _comma_parts(view.norm, a, b, group, known)
            item = item or _before_comment(view.norm, a, b, group, known)
            item = item or (_known(view.norm, a, b, group, known) if known else [])
            item = item or (_tail(view.norm, a, b, group) if asides else [])
            found.extend(item)
    return found


def _tail(norm: str, start: int, end: int, group: tuple[int, int]) -> list[Found]:
    """A citation closing an aside in parentheses: ``(built on lattice graphics, Sarkar 2008)``, ``(e.g., sparseM
    Koenker & Ng 2007)``: the longest run of its last words that reads as names and a date."""
    if not re.search(rf"{YEAR}[a-z]?\s*$", norm[start:end]):
        return []
    for m in re.finditer(r"(?<=[\s,])\S", norm[start:end]):
        found = _parse_item(norm, start + m.start(), end, group)
        if found:
            return [f for f in found if not f.back]
    return []


# --- author-year: narrative --------------------------------------------------------------

_NARRATIVE = re.compile(rf"\((?P<dates>{DATES}){AFTER_YEAR}\)")
_NAMED_REPORT = re.compile(rf"\b(?P<year>{YEAR})\s+(?:report|study|survey|review|evaluation|assessment)\b")


def _narratives(view: View, running: bool = False) -> list[Found]:
    """Names followed by a parenthesised year: one record per year given (``running``: in running text)."""
    found = []
    for m in _NARRATIVE.finditer(view.norm):
        start = name_run_start(view.norm, m.start(), view.floor(m.start()), running)
        if start is None:
            continue
        authors = authors_as_cited(view.norm[start : m.start()])
        dates = list(DATE_RE.finditer(m.group("dates")))
        for n, d in enumerate(dates):
            end = m.end() if n == len(dates) - 1 else m.start("dates") + d.end()
            found.append(Found(start, end, authors, year_of(d.group()), "narrative", locator=located(m)))
    return found


def _named_reports(view: View) -> list[Found]:
    """``the CCLP 2011 report``: an organisation, a year and the word for what it published."""
    found = []
    for m in _NAMED_REPORT.finditer(view.norm):
        start = name_run_start(view.norm, m.start(), view.floor(m.start()))
        if start is not None:
            authors = " ".join(view.norm[start : m.start()].split())
            found.append(Found(start, m.end(), authors, m.group("year"), "narrative"))
    return found


def author_year(view: View, known: frozenset[str] = frozenset(), asides: bool = False) -> list[Found]:
    """Every author-year citation of a stretch of text, in text order.

    ``known`` are the names of the works the report's own list gives (:func:`fold_names`): a parenthesis
    naming one of them is a citation without a year (``(Ferreira 211)``). ``asides``: running text, where
    a parenthesis may close with a citation (``(built on lattice, Sarkar 2008)``); a note's parentheses
    hold places and publishers (``(New York: Penguin, 1987)``).
    """
    found = _parentheticals(view, known, asides) + _narratives(view, asides) + _named_reports(view)
    found = drop_overlaps(found)
    found = family_as_listed(found, known)
    found += year_and_page(view, found)
    return sorted(found + back_references(view, found), key=lambda f: (f.start, f.end))


def drop_overlaps(found: list[Found]) -> list[Found]:
    """Keep the first of two finds covering the same words (repeated years share their start)."""
    kept: list[Found] = []
    index: SpanIndex[Found] = SpanIndex()
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        clash = any(
            k.start < f.end and f.start < k.end and (k.form != f.form or k.group != f.group)
            for _, _, k in index.near(f.start, f.end)
        )
        if not clash:
            kept.append(f)
            index.add(f.start, f.end, f)
    return kept
