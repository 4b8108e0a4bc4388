"""In-text citations: author-year (parenthetical and narrative) and numbered notes.

Pure text in, records out: ``extract_citations(text, report_key)`` knows nothing about
any particular report. It reads

* author-year parentheticals, several works to a group, with prefixes (``see``),
  locators (``p. 2655``, ``para. 7``) and repeated years (``Stansky & Finkelhor, 2008,
  2012`` is two works), laws (``... Act of 2000``) and case names (``X v. Y``);
* narrative citations: names right before a parenthesised year (``Kara (2009)``,
  ``Fedina, Williamson, and Perdue (2019)``, ``boyd et al. (2011)``,
  ``Nguyen et al. (2019, p. 14)``), a named report (``the CCLP 2011 report``), and a later
  mention of a multi-author citation without its year (``Farrell and Pfeffer also ...``);
* note markers (``[16]``, ``^3``, ``³``) resolved through the list of notes at the end of
  the text: one record per work the note cites, at the marker (form ``endnote-marker``
  for ``[n]``, ``footnote`` for ``^n`` and superscripts), with that work's citation text
  from the note in ``endnote_text``; notes that cite nothing give no record, and a note
  no marker points to gives records on its own text (form ``endnote``).

Inside a note, a work is cited as ``Surname, I. (date) Title ...``, ``Org (date) ...``,
``Surname (year).``, ``Surname. Personal communication, date.``, ``the X 2011 report``,
or, beside a "Retrieved from"/"Available at" pointer, as a named source
(``described by Forbes``, ``Quantcast estimates``); ``; and`` and ``See also`` separate works.

Hard-wrapped text breaks citations across lines, so matching runs on a whitespace-folded
view of the text and every span is mapped back to offsets in the unchanged text.
A year on its own is never a citation: only a year attached to names is.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from kg.records import CitationRecord, Span
from kg.sources.spans import SpanIndex
from kg.sources.text import normalise_whitespace, paragraphs

# --- the pieces citations are made of -------------------------------------------------

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?(?![\d/])"
_UNDATED = r"n\.\s?d\.|in press|forthcoming"
#: A year, or a date as notes give it ("June 26, 2012", "September 2010"), or "n.d.".
_DATE = rf"(?:(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?)?{_YEAR}|{_UNDATED}"
_DATES = rf"(?:{_DATE})(?:\s*,\s*(?:{_DATE}))*"
_LOCATOR = (
    r"(?:pp?|paras?|chaps?|ch|secs?|figs?|nn?|vol|col)\.\s*[\w.]+(?:\s*[–-]\s*[\w.]+)?|§+\s*[\w.]+"
    r"|(?:[Cc]hapter|[Ss]ection|[Tt]able|[Ff]igure|[Pp]age|[Pp]aragraph)s?\s+\d+\w*(?:\s*[–-]\s*\d+)?"
)

_DATE_RE = re.compile(_DATE)
_YEAR_RE = re.compile(_YEAR)
_MONTH_SET = frozenset(_MONTHS.split("|"))

#: Lower-case words allowed inside an author or organisation name.
_CONNECTORS = frozenset({"and", "&", "of", "for", "on", "the", "in", "to", "at", "y", "und"})
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "du", "la", "le", "da", "dos", "del", "di", "ter", "ten"})
#: Capitalised words that start sentences, never names: trimmed from the left of a name run.
_STOPWORDS = frozenset(
    """A An The In On At As For By With From To Into Of And But Or Nor If When While Whereas Although Though Since
    Because After Before During Until Unless According Moreover However Furthermore Additionally Also Thus Therefore
    Similarly Likewise Indeed Finally First Second Third Fourth Next Then Here There This That These Those It Its We
    Our They Their He She His Her Such Some Many Most Several Both Each Other Another Recently Later Earlier Notably
    Specifically Consequently Instead Meanwhile Nevertheless Nonetheless Still Yet Hence Overall Lastly Importantly
    Interestingly Fortunately Unfortunately See Cf Compare Using Based Despite Unlike Like Among Between Following
    Today Yesterday Currently Previously Further Again Only Even Just What Which Who Whom Whose Where Why How Not
    No Yes Table Figure Appendix Section Chapter Volume Issue Part""".split()
)

_PREFIX = re.compile(
    r"^(?:(?:see also|see|cf\.|compare|e\.g\.,?|i\.e\.,?|for example,?|as cited in|also|but see)\s+)+",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][^\s\d()\[\]:;\"“”]*$")
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+(?:[a-z]{0,2}|’s|'s)$|^[A-Z][a-z]?\.$|^[A-Z][\w-]*\.[a-z]{2,4}$")
#: An abbreviation given on first use, after an organisation's name: "World Health Organization [WHO]".
_ABBREVIATION_GIVEN = re.compile(r"^\[[A-Z][\w.&]*\]$")
#: Where a note says a web source was consulted: the end of a work's citation in a note.
_RETRIEVAL = re.compile(r"\b(?:Retrieved|retrieved)\b[^;]*?\bfrom\b|\bAvailable (?:at|from)\b")


@dataclass(frozen=True)
class _Found:
    """A citation found in a folded view: offsets into that view."""

    start: int
    end: int
    authors: str
    year: str
    form: str
    locator: str = ""
    prefix: str = ""
    group: tuple[int, int] | None = None
    region_start: int | None = None  # in a note: where this work's citation text begins


@dataclass(frozen=True)
class _View:
    """A whitespace-folded copy of a stretch of text, with the way back to raw offsets."""

    raw: str
    norm: str
    offsets: array[int]
    base: int = 0  # offset of ``raw`` in the report text
    heading_ends: tuple[int, ...] = (0,)  # folded offsets where headings end

    @classmethod
    def of(cls, raw: str, base: int = 0, find_headings: bool = False) -> _View:
        norm, offsets = normalise_whitespace(raw)
        ends = {0}
        if find_headings:
            ends |= {bisect_left(offsets, p.end) for p in paragraphs(raw) if _is_heading(raw[p.start : p.end])}
        return cls(raw, norm, offsets, base, tuple(sorted(ends)))

    def floor(self, pos: int) -> int:
        """Where the last heading before ``pos`` ends: names never run back into a heading."""
        return self.heading_ends[bisect_right(self.heading_ends, pos) - 1]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Report offsets of ``norm[start:end]``."""
        return self.base + self.offsets[start], self.base + self.offsets[end - 1] + 1


def _is_heading(paragraph: str) -> bool:
    """A short single line that starts like a title and ends without punctuation ("Introduction")."""
    line = paragraph.strip()
    return (
        bool(line)
        and "\n" not in line
        and len(line.split()) <= 12
        and line[0].isupper()
        and not re.search(r"[.!?:;,\"”’)\]]$", line)
    )


# --- names --------------------------------------------------------------------------


def _is_name_word(token: str) -> bool:
    """A capitalised word that can be (part of) a name: ``Pfeffer``, ``U.S.``, ``M.``, ``O'Neill``."""
    if not _NAME_WORD.match(token):
        return False
    if token.endswith("."):
        return bool(_ABBREVIATION.match(token))
    return True


def _looks_like_authors(text: str) -> bool:
    """True when ``text`` reads as a list of names or an organisation, and nothing else."""
    if any(ch.isdigit() for ch in text):
        return False
    tokens = text.replace(",", " ").split()
    if not tokens or len(tokens) > 16:
        return False
    names = 0
    for i, token in enumerate(tokens):
        lower = token.lower()
        if _is_name_word(token) or (token.endswith(".") and _NAME_WORD.match(token)):
            names += token.strip(".") not in _STOPWORDS and token not in _MONTH_SET
        elif lower in _CONNECTORS or lower in _PARTICLES or token in ("et", "al."):
            continue
        elif _ABBREVIATION_GIVEN.match(token):
            continue  # an abbreviation given on first use: "World Health Organization [WHO]"
        elif i == 0 and token.isalpha() and tokens[1:3] == ["et", "al."]:
            names += 1  # an author who writes their name in lower case: "boyd et al."
        else:
            return False
    first = tokens[0]
    last = next((t for t in reversed(tokens) if not t.startswith("[")), "")
    if first.lower() in _CONNECTORS or first in ("et", "al."):
        return False
    if first.lower() in _PARTICLES and len(tokens) == 1:
        return False
    return names > 0 and (last == "al." or _is_name_word(last) or bool(_NAME_WORD.match(last)))


def _name_run_start(norm: str, pos: int, floor: int = 0) -> int | None:
    """Start of the names that end right before ``pos`` (``Farrell and Pfeffer`` before ``(2014)``).

    Walks back over capitalised words, initials, connectors and ``et al.``, then drops
    sentence openers (``Moreover,``) and connectors from the left.
    """
    window_start = max(floor, pos - 300)
    tokens = [(m.start() + window_start, m.group()) for m in re.finditer(r"\S+", norm[window_start:pos])]
    taken: list[tuple[int, str]] = []  # right to left
    i = len(tokens) - 1
    while i >= 0:
        start, token = tokens[i]
        bare = token[:-1] if token.endswith(",") else token
        if not taken and bare != token:
            break  # "Smith, (2010)" is not a narrative citation
        if bare == "al." and i > 0 and tokens[i - 1][1] == "et":
            taken += [(start, "al."), (tokens[i - 1][0], "et")]
            i -= 2
            continue
        lower = bare.lower()
        if (
            _is_name_word(bare)
            or _ABBREVIATION_GIVEN.match(bare)
            or (taken and (lower in _CONNECTORS or lower in _PARTICLES) and bare == lower)
        ):
            taken.append((start, bare))
        elif taken and taken[-1][1] == "et" and bare.isalpha() and bare.islower() and len(taken) == 2:
            taken.append((start, bare))  # "boyd et al."
        else:
            break
        i -= 1
    run = list(reversed(taken))
    while run and (
        run[0][1].lower() in _CONNECTORS
        or run[0][1].strip(".") in _STOPWORDS
        or run[0][1] in _MONTH_SET
        or (run[0][1] in _PARTICLES and (len(run) == 1 or not _is_name_word(run[1][1])))
    ):
        run.pop(0)
    if not run or len(run) > 16:
        return None
    text = norm[run[0][0] : pos].strip()
    return run[0][0] if _looks_like_authors(text) else None


# --- author-year: parenthetical ---------------------------------------------------------

_GROUP = re.compile(r"\(([^()]*)\)")
_ITEM = re.compile(rf"^(?P<authors>.+?),?\s+(?P<dates>{_DATES})(?:\s*,\s*(?P<loc>{_LOCATOR}))?\s*$")
_LAW = re.compile(
    rf"^(?P<name>(?:[A-Z][\w’'-]*\s+)+(?:Act|Code|Statute|Directive|Regulation))\s+of\s+(?P<year>{_YEAR})"
    r"(?P<rest>.*)$"
)
_CASE = re.compile(rf"^(?P<name>\S.*?\s+v\.\s+\S.*?)(?:,?\s+\(?(?P<year>{_YEAR})\)?)?$")
_COMMUNICATION_KINDS = r"personal communication|field notes|interview|telephone interview|e-?mail|conversation"
_COMMUNICATION_ITEM = re.compile(
    rf"^(?P<name>(?:[A-Z]\.\s?)*[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?),\s+(?:{_COMMUNICATION_KINDS})s?\s*,\s+"
    rf"(?P<date>{_DATE})$",
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


def _year_of(date: str) -> str:
    """The year a date string gives, as written (``2012``, ``2008a``), or ``n.d.``."""
    m = _YEAR_RE.search(date)
    return m.group() if m else " ".join(date.split())


def _parse_item(norm: str, start: int, end: int, group: tuple[int, int]) -> list[_Found]:
    """The works one item of a parenthetical group cites (usually one; ``2008, 2012`` gives two)."""
    prefix = ""
    m = _PREFIX.match(norm[start:end])
    if m:
        prefix = m.group().strip().rstrip(",")
        start += m.end()
    item = norm[start:end]
    if m := _COMMUNICATION_ITEM.match(item):
        return [
            _Found(
                start,
                start + m.end("date"),
                m.group("name"),
                _year_of(m.group("date")),
                "parenthetical",
                prefix=prefix,
                group=group,
            )
        ]
    if m := _LAW.match(item):
        return [
            _Found(
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
        if _looks_like_authors(left.rstrip(",")) and _looks_like_authors(right):
            last = "year" if m.group("year") else "name"
            return [
                _Found(
                    start,
                    start + m.end(last),
                    m.group("name"),
                    m.group("year") or "",
                    "parenthetical",
                    prefix=prefix,
                    group=group,
                )
            ]
    m = _ITEM.match(item)
    if not m or not _looks_like_authors(m.group("authors")):
        return []
    authors = " ".join(m.group("authors").split())
    found = []
    for d in _DATE_RE.finditer(m.group("dates")):
        found.append(
            _Found(
                start,
                start + m.start("dates") + d.end(),
                authors,
                _year_of(d.group()),
                "parenthetical",
                locator=m.group("loc") or "",
                prefix=prefix,
                group=group,
            )
        )
    return found


def _parentheticals(view: _View) -> list[_Found]:
    found: list[_Found] = []
    for g in _GROUP.finditer(view.norm):
        for a, b in _split_items(view.norm, g.start(1), g.end(1)):
            found.extend(_parse_item(view.norm, a, b, (g.start(), g.end())))
    return found


# --- author-year: narrative --------------------------------------------------------------

_NARRATIVE = re.compile(rf"\((?P<dates>{_DATES})(?:\s*,\s*(?P<loc>{_LOCATOR}))?\)")
_NAMED_REPORT = re.compile(rf"\b(?P<year>{_YEAR})\s+(?:report|study|survey|review|evaluation|assessment)\b")


def _narratives(view: _View) -> list[_Found]:
    """Names followed by a parenthesised year: one record per year given."""
    found = []
    for m in _NARRATIVE.finditer(view.norm):
        start = _name_run_start(view.norm, m.start(), view.floor(m.start()))
        if start is None:
            continue
        authors = " ".join(view.norm[start : m.start()].split())
        dates = list(_DATE_RE.finditer(m.group("dates")))
        for n, d in enumerate(dates):
            end = m.end() if n == len(dates) - 1 else m.start("dates") + d.end()
            found.append(_Found(start, end, authors, _year_of(d.group()), "narrative", locator=m.group("loc") or ""))
    return found


def _named_reports(view: _View) -> list[_Found]:
    """``the CCLP 2011 report``: an organisation, a year and the word for what it published."""
    found = []
    for m in _NAMED_REPORT.finditer(view.norm):
        start = _name_run_start(view.norm, m.start(), view.floor(m.start()))
        if start is not None:
            authors = " ".join(view.norm[start : m.start()].split())
            found.append(_Found(start, m.end(), authors, m.group("year"), "narrative"))
    return found


def _back_references(view: _View, found: list[_Found]) -> list[_Found]:
    """Later mentions, without a year, of authors already cited together (``Farrell and Pfeffer also ...``).

    Only multi-author names qualify: a lone surname is too often a person the text
    talks about rather than a work it cites.
    """
    taken: SpanIndex[None] = SpanIndex()
    for f in found:
        taken.add(f.start, f.end, None)
    seen: dict[str, str] = {}  # pattern -> the first name, whose occurrences are the only places it can match
    for f in found:
        names = re.split(r"\s*(?:,\s*)?(?:\band\b|&)\s*|,\s*", f.authors.replace("et al.", "").strip(" ,"))
        names = [n for n in names if n]
        if f.year and (len(names) >= 2 or "et al." in f.authors) and " v. " not in f.authors:
            seen.setdefault(_names_pattern(names, "et al." in f.authors), names[0])
    result = []
    starts = _word_starts(view.norm, {w.group() for first in seen.values() if (w := _WORD.match(first))})
    for pattern, first in seen.items():
        regex = re.compile(pattern)
        word = _WORD.match(first)
        matches = _matches_at(regex, view.norm, starts.get(word.group(), [])) if word else regex.finditer(view.norm)
        for m in matches:
            if any(a < m.end() and m.start() < b for a, b, _ in taken.near(m.start(), m.end())):
                continue
            after = view.norm[m.end() : m.end() + 40]
            if re.match(rf"\s*(?:\(|,\s*(?:{_DATE}))", after):
                continue
            result.append(_Found(m.start(), m.end(), " ".join(m.group().split()), "", "narrative"))
            taken.add(m.start(), m.end(), None)
    return result


_WORD = re.compile(r"\w+")


def _word_starts(text: str, words: set[str]) -> dict[str, list[int]]:
    """Where each of ``words`` stands in ``text`` as a whole run of word characters, in order."""
    starts: dict[str, list[int]] = {}
    if words:
        for m in _WORD.finditer(text):
            if m.group() in words:
                starts.setdefault(m.group(), []).append(m.start())
    return starts


def _matches_at(regex: re.Pattern[str], text: str, candidates: list[int]) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` when it can only match at ``candidates`` (ascending offsets).

    A names pattern starts with the first name, with no word character allowed before it, and
    the first word of that name is followed (in the name, or in the pattern after it) by a
    non-word character, so it matches only where that word stands as a whole run of word
    characters. finditer would try every offset from the end of the last match on, and fail
    everywhere but there; this tries only those offsets, in order.
    """
    resume = 0
    for pos in candidates:
        if pos < resume:
            continue
        m = regex.match(text, pos)
        if m:
            yield m
            resume = m.end()


def _names_pattern(names: list[str], et_al: bool) -> str:
    """A pattern for the same names with either ``and`` or ``&`` between them."""
    escaped = [re.escape(n) for n in names]
    if et_al:
        return rf"\b{escaped[0]}\s+et\s+al\.(?!\w)"
    body = r",?\s+(?:and|&)\s+".join([r",\s+".join(escaped[:-1]), escaped[-1]])
    return rf"(?<![\w-]){body}(?![\w-])"


def _author_year(view: _View) -> list[_Found]:
    """Every author-year citation of a stretch of text, in text order."""
    found = _parentheticals(view) + _narratives(view) + _named_reports(view)
    found = _drop_overlaps(found)
    return sorted(found + _back_references(view, found), key=lambda f: (f.start, f.end))


def _drop_overlaps(found: list[_Found]) -> list[_Found]:
    """Keep the first of two finds covering the same words (repeated years share their start)."""
    kept: list[_Found] = []
    index: SpanIndex[_Found] = SpanIndex()
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        clash = any(
            k.start < f.end and f.start < k.end and (k.form != f.form or k.group != f.group)
            for _, _, k in index.near(f.start, f.end)
        )
        if not clash:
            kept.append(f)
            index.add(f.start, f.end, f)
    return kept


# --- notes --------------------------------------------------------------------------

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_NOTE_LINE = re.compile(
    rf"^[ \t\xa0]*(?:\[(?P<bracket>\d{{1,3}})\]|\^(?P<caret>\d{{1,3}})|(?P<sup>[{_SUPERSCRIPTS}]+))[ \t\xa0]+(?=\S)",
    re.MULTILINE,
)
_MARKERS = {
    "bracket": re.compile(r"\[(\d{1,3})\]"),
    "caret": re.compile(r"\^(\d{1,3})"),
    "sup": re.compile(rf"[{_SUPERSCRIPTS}]+"),
}
_COMMUNICATION = re.compile(
    rf"(?:^|(?<=[.;:]\s))(?P<name>(?:[A-Z]\.\s?)*[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?(?:,(?:\s?[A-Z]\.)+)?)\.?\s+"
    rf"(?:Personal communication|Field notes|Interview|Telephone interview|E-?mail|Conversation)s?,?\s+"
    rf"(?P<date>{_DATE})"
)
_ATTRIBUTION = re.compile(
    r"\b(?:described|reported|estimated|cited|quoted|noted|called)\s+by\s+(?P<a>[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4})"
    r"|(?:^|(?<=[.;:]\s))(?P<b>[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4})\s+"
    r"(?:estimates|estimated|reports|reported|notes|noted|states|stated|finds|found|says|said)\b"
)


@dataclass(frozen=True)
class _Note:
    """One entry of the list of notes at the end of a text."""

    style: str
    number: int
    line_start: int  # where the note's line starts (the marker)
    start: int  # where its text starts
    end: int


def _superscript_value(digits: str) -> int:
    return int("".join(str(_SUPERSCRIPTS.index(ch)) for ch in digits))


def _notes(text: str) -> list[_Note]:
    """The list of notes: lines that start with a marker, each running to the next one."""
    hits = list(_NOTE_LINE.finditer(text))
    notes = []
    for i, m in enumerate(hits):
        style = next(k for k in ("bracket", "caret", "sup") if m.group(k))
        value = m.group(style)
        number = _superscript_value(value) if style == "sup" else int(value)
        end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
        end = m.end() + len(text[m.end() : end].rstrip())
        notes.append(_Note(style, number, m.start(), m.end(), end))
    return notes


def _note_works(view: _View) -> list[_Found]:
    """The works one note cites, each with where its citation text starts in the note."""
    found = [f for f in _author_year(view) if f.year]  # a note names each work with its date
    for m in _COMMUNICATION.finditer(view.norm):
        found.append(_Found(m.start(), m.end(), m.group("name"), _year_of(m.group("date")), "endnote"))
    if _RETRIEVAL.search(view.norm):  # "X estimates ..." names a source only beside a pointer to it
        for m in _ATTRIBUTION.finditer(view.norm):
            name = m.group("a") or m.group("b")
            start = m.start("a") if m.group("a") else m.start("b")
            if _looks_like_authors(name) and not any(f.start <= start < f.end for f in found):
                stop = view.norm.rfind(". ", 0, start)
                sentence = stop + 2 if stop >= 0 else 0
                found.append(_Found(start, start + len(name), name, "n.d.", "endnote", region_start=sentence))
    found = sorted(_drop_overlaps(found), key=lambda f: f.start)
    if len(found) == 1 and found[0].region_start is not None:
        found = [replace(found[0], region_start=0)]
    return found


_NOTE_PREFIX = re.compile(r"\b(See also|see also|See|see|Cf\.|cf\.),?\s*$")


def _work_text(view: _View, works: list[_Found], i: int) -> tuple[int, int, str]:
    """Where the citation of ``works[i]`` lies in the note (folded offsets) and its prefix."""
    work = works[i]
    start = work.region_start if work.region_start is not None else work.start
    following = works[i + 1] if i + 1 < len(works) else None
    if following is None:
        end = len(view.norm)
    else:
        end = following.region_start if following.region_start is not None else following.start
    # A web pointer ("Retrieved ... from", "Available at") closes the work's citation: what follows is comment.
    cue = _RETRIEVAL.search(view.norm, work.start, end)
    if cue:
        end = cue.end()
    text = view.norm[start:end]
    trimmed = re.sub(r"(?:[\s.,;]|\b(?:and|See also|see also|See|see|also)\b)+$", "", text)
    if cue and text.rstrip().endswith(cue.group()):
        trimmed = text.rstrip()
    # The folded text has single spaces, so a prefix ends within a few characters of ``start``.
    prefix = _NOTE_PREFIX.search(view.norm, max(0, start - 40), start)
    return start, start + len(trimmed), prefix.group(1) if prefix else ""


def _locator_in(text: str) -> str:
    m = re.search(r"\bpp?\.\s?[A-Z]?\.?\d+(?:\.\d+)?(?:\s*[–-]\s*\d+)?", text)
    return m.group() if m else ""


@dataclass(frozen=True)
class _NoteWork:
    """One work a note cites: what was found, its citation text and its names, as report offsets."""

    found: _Found
    cited: tuple[int, int]
    anchor: tuple[int, int]


def _works_of(text: str, note: _Note) -> list[_NoteWork]:
    view = _View.of(text[note.start : note.end], note.start)
    found = _note_works(view)
    works = []
    for i, work in enumerate(found):
        a, b, prefix = _work_text(view, found, i)
        work = replace(work, prefix=work.prefix or prefix)
        works.append(_NoteWork(work, view.to_raw(a, b), view.to_raw(work.start, work.end)))
    return works


def _note_records(text: str, report_key: str, notes: list[_Note], body_end: int) -> list[CitationRecord]:
    """One record per work per marker; notes no marker points to give records at the note itself."""
    works = {(n.style, n.number): _works_of(text, n) for n in notes}
    records: list[CitationRecord] = []
    pointed: set[tuple[str, int]] = set()
    for style, pattern in _MARKERS.items():
        for m in pattern.finditer(text, 0, body_end):
            number = _superscript_value(m.group()) if style == "sup" else int(m.group(1))
            if (style, number) not in works:
                continue
            pointed.add((style, number))
            form = "endnote-marker" if style == "bracket" else "footnote"
            for w in works[(style, number)]:
                cited = text[slice(*w.cited)]
                records.append(_record(report_key, text, m.start(), m.end(), w.found, form, number, cited))
    for key, note_works in works.items():
        if key not in pointed:
            for w in note_works:
                records.append(_record(report_key, text, *w.anchor, w.found, "endnote", key[1], text[slice(*w.cited)]))
    return records


def _record(
    report_key: str, text: str, start: int, end: int, work: _Found, form: str, marker: int, cited: str
) -> CitationRecord:
    return CitationRecord(
        span=Span(report_key, start, end),
        text=text[start:end],
        authors=work.authors,
        year=work.year,
        form=form,  # type: ignore[arg-type]
        locator=work.locator or _locator_in(cited),
        prefix=work.prefix,
        marker=marker,
        endnote_text=cited,
    )


# --- the whole text ---------------------------------------------------------------------


def _body_records(view: _View, report_key: str) -> Iterable[CitationRecord]:
    for f in _author_year(view):
        start, end = view.to_raw(f.start, f.end)
        group = Span(report_key, *view.to_raw(*f.group)) if f.group else None
        yield CitationRecord(
            span=Span(report_key, start, end),
            text=view.raw[start - view.base : end - view.base],
            authors=f.authors,
            year=f.year,
            form=f.form,  # type: ignore[arg-type]
            locator=f.locator,
            prefix=f.prefix,
            group=group,
        )


def extract_citations(text: str, report_key: str) -> list[CitationRecord]:
    """Every in-text citation of a report, one record per cited work per occurrence, in text order.

    Author-year citations are read in the body (everything before a list of notes);
    note markers in the body are resolved through that list. Spans are offsets into
    ``text`` exactly as given.
    """
    notes = _notes(text)
    body_end = notes[0].line_start if notes else len(text)
    records = list(_body_records(_View.of(text[:body_end], find_headings=True), report_key))
    records += _note_records(text, report_key, notes, body_end)
    return sorted(records, key=lambda r: r.span.start)
