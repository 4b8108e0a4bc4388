"""Where a report's reference list or notes are, and where each of their entries starts and ends.

A list starts at a heading of its own line (References, Reference List, Bibliography, Works Cited,
Works Consulted, Literature Cited, Sources, Notes, Endnotes, Footnotes, and their German, French,
Spanish, Portuguese, Italian and Dutch names: Literatur, Quellenverzeichnis, Références, Referencias, ...;
numbered or in capitals)
and runs to the next heading that ends it (an appendix, acknowledgements, about the authors, another
list) or to the end of the text.

A numbered list (``[3] ...``, ``3. ...``, ``3) ...``) has an entry per number. An unnumbered one
lost its hanging indents when it became text, so an entry is known by how it starts and how the one
before it ends: a new entry starts on a line that opens like one (``Okonkwo, C.``, ``Okonkwo,
Chidi.``, ``World Health Organization. (2008)``, ``———.``), when the line before ends a sentence (or
a URL or DOI) and the entry so far already has its year. Where the list separates entries by
empty lines, an empty line after an entry that has its year starts the next one, and within a page
nothing else does (an entry's last line may end with a stop and the next open with a name and a year).
The lines are read once, so the time is linear in the length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.extract.references.fields import YEAR_VALUE
from kg.sources.dates import MONTH
from kg.sources.layout import stripped_lines

#: The words a list's heading is, in the languages research is published in most (a German chapter's
#: ``Literatur`` or ``Quellenverzeichnis``, a Spanish article's ``Referencias bibliográficas``).
_LIST_TITLES = (
    r"references?(?:[ \t]+(?:list|cited))?|bibliography|select(?:ed)?[ \t]+bibliography|works[ \t]+cited|"
    r"works[ \t]+consulted|literature[ \t]+cited|sources(?:[ \t]+cited)?|"
    r"(?:verwendete[ \t]+|zitierte[ \t]+)?literatur(?:verzeichnis|liste|angaben)?|quellen(?:verzeichnis|angaben)?|"
    r"bibliogra(?:ph|f)i[ea]|bibliograf[ií]a|r[ée]f[ée]rences(?:[ \t]+bibliographiques)?|"
    r"refer[eê]ncias(?:[ \t]+bibliogr[aá]ficas)?|referencias(?:[ \t]+bibliogr[aá]ficas)?|"
    r"riferimenti[ \t]+bibliografici|literatuur(?:lijst)?|"
)
#: The words a heading of notes is: its entries are notes, not works.
_NOTE_TITLES = (
    r"notes(?:[ \t]+and[ \t]+references)?|endnotes|footnotes|anmerkungen|fu(?:ß|ss)noten|endnoten|notas|noten"
)
_HEADING = re.compile(
    r"^[ \t\f]*(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5})\.?[ \t]+)?"
    rf"(?P<title>{_LIST_TITLES}{_NOTE_TITLES})[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_NOTES_KIND = re.compile(rf"(?:{_NOTE_TITLES})", re.IGNORECASE)
_ENDER = re.compile(
    r"^[ \t\f]*(?:(?:\d{1,2}|[A-Z])\.?[ \t]+)?(?:appendix|appendices|annex(?:es)?|acknowledg(?:e)?ments?|"
    r"about[ \t]+the[ \t]+authors?|author[ \t]+biograph(?:y|ies)|biographies|supplementary|glossary|index|"
    r"author[ \t]+notes?|tables?|figures?|"
    r"anhang|danksagung|über[ \t]+die[ \t]+autor|annexes?|remerciements|anexos?|ap[ée]ndices?|agradecimentos?|"
    r"agradecimientos)\b[^\n]{0,60}$|"
    # headings a journal sets after the list, alone on their line
    r"^[ \t\f]*(?:authors?|contact|citation|author[ \t]+information|about[ \t]+this[ \t]+article)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
#: A lettered or numbered section heading of its own paragraph (``A. Data sets``, ``7. Discussion``): an appendix
#: or a section after the list ends it. No commas, digits or final stop: an entry line has them.
_SECTION = re.compile(
    r"\n[ \t\f]*\n[ \t\f]*(?P<head>(?:[A-Z]|[IVX]{1,4}|\d{1,2})\.[ \t]+[A-Z][A-Za-z][A-Za-z &-]{1,58})"
    r"[ \t]*\n[ \t\f]*\n"
)
_NUMBERED = re.compile(r"^[ \t\f]*(?:\[(?P<a>\d{1,4})\]|(?P<b>\d{1,4})[.)])[ \t]+(?=\S)", re.MULTILINE)
#: A number set before an entry with no stop or bracket (``1 Acharya, K. R., ...``, Clinical Science's lists):
#: the number and a capital. A continuation line may start with a number too (``357, 964–974``), so such a
#: number counts only where it is the next of the sequence.
_BARE_NUMBER = re.compile(r"^[ \t\f]*(?P<c>\d{1,4})[ \t]+(?=[A-ZÀ-Þ“‘\"'(\[])", re.MULTILINE)
_YEAR = re.compile(YEAR_VALUE, re.IGNORECASE)
_PERSON_HEAD = re.compile(
    r"^(?:(?:van|von|de|der|den|da|di|du|la|le|ter)\s)*[A-ZÀ-Þ][\w'’-]+(?:[\s-][A-ZÀ-Þ][\w'’-]+){0,2},\s+"
    r"(?:(?:[A-Z]\.\s?)+|[A-ZÀ-Þ][a-zß-ÿ'’-]+(?:[\s-](?:[A-Z]\.|[A-ZÀ-Þ][a-zß-ÿ'’-]+)){0,3}"
    r"(?:[.,;]|\s&\s|\s\((?:\d{4}|eds?\.?\))))"
)
#: Vancouver's ``Altschul SF, Madden TL, ...``: family names with their initials, no stops, two at least.
_VANCOUVER_NAME = (
    r"(?:(?:van|von|de|der|den|da|di|du|la|le|ter)\s)*[A-ZÀ-ÞČŠŽŁ][\w'’-]+(?:[\s-][A-ZÀ-Þ][\w'’-]+)?\s[A-Z]{1,3}"
)
_VANCOUVER_HEAD = re.compile(rf"^{_VANCOUVER_NAME},\s+{_VANCOUVER_NAME}\b")
_ORG_HEAD = re.compile(
    rf"^(?!{MONTH}\s)[A-ZÀ-Þ][\w'’´&.-]*(?:\s+[\w'’´&.,-]+){{0,10}}?\.?\s+\(?(?:{YEAR_VALUE})\)?[.,]?(?:\s|$)",
    re.IGNORECASE,
)
#: A place of publication and its publisher wrapped to a line's start (``Cambridge, Mass.: MIT Press.``,
#: ``New York, NY: Wiley``): it has the shape of ``Family, Given.`` but goes on with a colon.
_PLACE_HEAD = re.compile(
    r"^[A-ZÀ-Þ][\w'’.-]*(?:\s[A-ZÀ-Þ][\w'’.-]*){0,2},\s+[A-ZÀ-Þ][\w'’.]*(?:\s[A-ZÀ-Þ][\w'’.]*)?\s?:\s"
)
#: APA's entry with no author: its title first, then the date in brackets (``Police fill rec center void;
#: Helping out: Officers ... (1996, May 10). The Baltimore Sun.``).
_TITLE_HEAD = re.compile(r"^[A-ZÀ-Þ“‘\"][^()\n]{3,300}?[.?!]\s+\((?:1[5-9]|20)\d\d[a-z]?(?:,\s[^()]{1,20})?\)\.")
_DASH_HEAD = re.compile(r"^(?:[-—–_]{2,}|———)\.?")
#: A continuation line starts in lower case, but a name with its particle (``van Eeten, M.``, ``de Vries, J.``) does not
#: continue the entry before it.
_CONTINUATION = re.compile(
    r"^(?:(?!(?:van|von|de|der|den|da|di|du|la|le|ter)\s(?:(?:van|von|de|der|den|da|di|du|la|le|ter)\s)*[A-ZÀ-Þ][\w'’-]+,\s)[a-z(\[]|\d|pp?\.|In[\s:]|Retrieved|Available|Accessed|doi|https?:|www\.|Vol\.|vol\.|No\.|&|and\s)"
)
#: A line that can end an entry: a full stop or a closing bracket, or a link's last piece (``org/history``,
#: ``baltimorebrew.com``), which an entry ends with and a running sentence does not.
_ENDS_ENTRY = re.compile(r"(?:[.)\]]|\S+\.\S+/\S*|\S*\w/[\w./#?=-]*|\b[\w-]+\.(?:com|org|net|edu|gov|int|info|io)/?)$")

#: A DOI at the end of what an entry has so far, its last piece wrapped to a line of its own
#: (``doi: 10.1111/`` + ``misr.12025``): the entry ends there as at a stop.
_ENDS_WITH_DOI = re.compile(r"\b10\.\d{4,9}/\S*$")


@dataclass(frozen=True)
class ListSection:
    """A reference list or a list of notes: its heading, and the stretch of text it governs."""

    kind: str  # "references" or "notes"
    heading: tuple[int, int]
    body: tuple[int, int]


@dataclass(frozen=True)
class ListItem:
    """One entry of a list: where it stands in the text, and its number if the list is numbered.

    ``lines`` are its lines, in order: an entry a page's footnotes interrupt skips them.
    """

    start: int
    end: int
    number: int | None = None
    lines: tuple[tuple[int, int], ...] = ()


def find_lists(text: str) -> list[ListSection]:
    """The reference lists and note lists of a text, in order (``text`` with its page furniture blanked)."""
    heads = [(m.start(), m.end(), m.group("title").lower()) for m in _HEADING.finditer(text)]
    enders = [m.start() for m in _ENDER.finditer(text)] + [m.start("head") for m in _SECTION.finditer(text)]
    found = []
    for i, (start, end, title) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        stop = min([e for e in enders if end < e < stop] + [stop])
        kind = "notes" if _NOTES_KIND.fullmatch(title) and "references" not in title else "references"
        if kind == "references" and not _YEAR.search(text, end, stop):
            continue  # no year in it: a line of a table of contents, not a list of works
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        found.append(ListSection(kind, (start + lead, end), (end, stop)))
    return found


def numbered_items(text: str, start: int, end: int) -> list[ListItem]:
    """The items of a numbered list (``[3] ...``, ``3. ...``), each running to the next; empty if not numbered."""
    hits = list(_NUMBERED.finditer(text, start, end))
    if len(hits) < 2:
        hits = _in_sequence(_BARE_NUMBER.finditer(text, start, end))
    lines = stripped_lines(text, start, end)
    if len(hits) < 2 or len(hits) < len(lines) / 8:
        return []
    items = []
    for i, m in enumerate(hits):
        stop = hits[i + 1].start() if i + 1 < len(hits) else end
        body = text[m.start() : stop].rstrip()
        lead = len(body) - len(body.lstrip())
        number = int(next(g for g in m.groups() if g))
        items.append(
            ListItem(m.start() + lead, _before_page_break(text, m.start() + lead, m.start() + len(body)), number)
        )
    if len(items) > 2:
        items[-1] = _last_item(text, items)
    return items


def _before_page_break(text: str, start: int, end: int) -> int:
    """Where a numbered item ends that runs over a page break: at the break when its line before the break
    ends an entry (a stop), for then what the next page holds before the next number is its running head
    (``Vol. 1 Issue 9, November – 2017, Pages: 80-104``), not the entry's words."""
    brk = text.find("\f", start, end)
    if brk < 0:
        return end
    before = text[start:brk].rstrip()
    last_line = before[before.rfind("\n") + 1 :]
    return start + len(before) if _ENDS_ENTRY.search(last_line) else end


def _last_item(text: str, items: list[ListItem]) -> ListItem:
    """The last item runs to the end of the list's section, which may hold what follows the list without a
    heading (``Received 19 July 2013; accepted ...``, a journal's footer): an item more than twice as long as
    the others' median ends at its first empty line."""
    last = items[-1]
    lengths = sorted(item.end - item.start for item in items[:-1])
    if last.end - last.start <= 2 * lengths[len(lengths) // 2]:
        return last
    gap = re.compile(r"\n[ \t\f]*\n").search(text, last.start, last.end)
    return replace(last, end=gap.start()) if gap else last


def _in_sequence(hits: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    """The bare numbers that count up from 1 by one; the others are
    continuation lines that happen to start with a number."""
    kept: list[re.Match[str]] = []
    for m in hits:
        number = int(m.group("c"))
        if (not kept and number == 1) or (kept and number == int(kept[-1].group("c")) + 1):
            kept.append(m)
    return kept


def _opens_entry(line: str) -> bool:
    if _CONTINUATION.match(line) or _PLACE_HEAD.match(line):
        return False
    return bool(
        _PERSON_HEAD.match(line)
        or _VANCOUVER_HEAD.match(line)
        or _ORG_HEAD.match(line[:200])
        or _DASH_HEAD.match(line)
        or _TITLE_HEAD.match(line[:400])
    )


def _tail_line(line: str, after: str) -> bool:
    """A place or publisher alone on its line (``Heidelberg.``, ``Frankfurt a. M.``) before a line that opens an
    entry with a person's name (``Marx, K. (1973)``): the entry before ends there; read with the next line it has
    the shape of an organisation's entry (``Heidelberg. Marx, K. (1973)``)."""
    if not re.match(r"^[A-ZÀ-Þ][\w'’.-]*(?:\s[\w'’.:-]+){0,3}\.$", line.strip()) or _YEAR.search(line):
        return False
    return bool(_PERSON_HEAD.match(after) or _VANCOUVER_HEAD.match(after))


def _ends_with_doi(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether the entry's last two lines, read as one, end in a DOI (one wrapped after its slash)."""
    tail = "".join(text[a:b].strip() for a, b in lines[-2:])
    return bool(_ENDS_WITH_DOI.search(tail))


def _empty_line(between: str) -> bool:
    """An empty line between two lines of one page (a running head blanked in it leaves spaces); a page
    break is none: an entry goes on over it."""
    return "\f" not in between and between.count("\n") >= 2 and not between.strip()


def _spaced(text: str, lines: list[tuple[int, int]], gaps: list[bool]) -> list[bool]:
    """For each line, whether the stretch of the list it stands in (up to a page or column break) sets its
    entries apart by empty lines. One page of a list may be so set and the next not (a word processor's
    spacing read differently on two pages), so each stretch is judged by itself."""
    stretches: list[list[int]] = [[0]]
    for n, (previous, line) in enumerate(zip(lines, lines[1:], strict=False), start=1):
        if not re.fullmatch(r"\n+", text[previous[1] : line[0]]):  # furniture, a page break: a new stretch
            stretches.append([])
        stretches[-1].append(n)
    spaced = [False] * len(lines)
    for stretch in stretches:
        inner = [gaps[n - 1] for n in stretch[1:]]
        if sum(inner) >= max(2, len(stretch) // 6):
            for n in stretch:
                spaced[n] = True
    return spaced


def _without_page_heads(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines less a running head the layout did not know (``FQS 16(3), Art. 24, ...``): a line of its own
    at the top of a page, an empty line after it, the line before it ending an entry (a stop), and not
    opening an entry itself. It belongs to no entry."""
    kept = lines[:1]
    for n in range(1, len(lines) - 1):
        (_, before), (a, b), (after, _) = lines[n - 1], lines[n], lines[n + 1]
        head = "\f" in text[before:a] and _empty_line(text[b:after]) and not _opens_entry(text[a:b])
        if head and _ENDS_ENTRY.search(text[lines[n - 1][0] : before]):
            continue
        kept.append(lines[n])
    return kept + lines[len(lines) - 1 :] if len(lines) > 1 else kept


def split_entries(text: str, regions: list[tuple[int, int]]) -> list[ListItem]:
    """The entries of an unnumbered reference list made of ``regions`` of ``text`` (see the module docstring).

    The regions are read as one run of lines, so an entry that footnotes interrupt goes on after them.
    """
    lines = _without_page_heads(text, [line for a, b in regions for line in stripped_lines(text, a, b)])
    if not lines:
        return []
    items: list[ListItem] = []
    current = [lines[0]]
    has_year = bool(_YEAR.search(text, *lines[0]))
    opened = _opens_entry(" ".join(text[x:y] for x, y in lines[:2])[:300])
    # an empty line between two lines, no page break between them
    gaps = [_empty_line(text[p[1] : q[0]]) for p, q in zip(lines, lines[1:], strict=False)]
    spaced = _spaced(text, lines, gaps)
    for n, (previous, line) in enumerate(zip(lines, lines[1:], strict=False), start=1):
        a, b = line
        gap = gaps[n - 1]
        following = " ".join(text[x:y] for x, y in lines[n : n + 3])
        # in a spaced list an entry starts on the next line only where a page or column breaks the spacing
        opens = _opens_entry(following[:300]) and (not spaced[n] or text[previous[1] : a] != "\n")
        opens = opens and not _tail_line(text[a:b], " ".join(text[x:y] for x, y in lines[n + 1 : n + 3]))
        ends = bool(_ENDS_ENTRY.search(text[previous[0] : previous[1]])) or _ends_with_doi(text, current)
        # what neither opened like an entry nor has a year (a figure's labels printed inside the list) ends at
        # the next entry's opening too
        if (has_year and (gap or (opens and ends))) or (not (has_year or opened) and opens and (gap or ends)):
            items.append(ListItem(current[0][0], current[-1][1], lines=tuple(current)))
            current, has_year, opened = [], False, opens
        current.append(line)
        has_year = has_year or bool(_YEAR.search(text, a, b))
    items.append(ListItem(current[0][0], current[-1][1], lines=tuple(current)))
    return items
