"""Numbered notes and numbered reference lists: where each note is, and the works each one cites.

A note is a line that starts with a marker (``[16]``, ``^3``, ``³``), anywhere (endnotes at the end,
footnotes at a page's foot), or a numbered item (``3.``, ``[3]``) of a list under a Notes or
References heading (:mod:`kg.extract.references.lists`). A note runs to the next note, and no
further than the end of its paragraph, of its list, or of its page.

The works of a note are its author-year citations that carry a date (``Smith, J. (2010) Title``,
``Musto (2011)``), personal communications and field notes, and, beside a "Retrieved from"/"Available
at" pointer, named sources (``Quantcast estimates``); ``; and`` and ``See also`` separate works.
A note in which none of these is found but which reads as a whole reference (``Chidi Okonkwo, Where
Sellers Go (Lagos: Harbor Press, 2018), 44.``, ``[3] C. Okonkwo, "Title," J. Stud., 2018``) cites
that one work, and ``Ibid.`` or ``Okonkwo, op. cit.`` cite the work before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from kg.extract.citations.author_year import author_year, drop_overlaps, year_of
from kg.extract.citations.names import looks_like_authors
from kg.extract.citations.note_bounds import note_stops
from kg.extract.citations.note_work import NoteWork, statute
from kg.extract.citations.online import online_work
from kg.extract.citations.pieces import DATE, RETRIEVAL, Found, View
from kg.extract.references import Entry, entry_work, parse_entry
from kg.extract.references.lists import ListSection, numbered_items
from kg.records import PageLayout, Span

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: A note's line: its number in brackets, after a caret, or raised; a raised number's digits may come apart
#: (``² ⁹12 U.S.C. § 3311.`` is note 29: the reader spaced the digits and glued the note's text to them).
_NOTE_LINE = re.compile(
    rf"^[ \t\xa0\f]*(?:\[(?P<bracket>\d{{1,3}})\]|\^(?P<caret>\d{{1,3}})"
    rf"|(?P<sup>[{SUPERSCRIPTS}](?: ?[{SUPERSCRIPTS}])*))"
    rf"(?:[ \t\xa0]+|(?<=[{SUPERSCRIPTS}])(?=\d))(?=\S)"
    r"(?!(?<=\]\s)[a-z])",  # "intact\n[31] and M-waves ...": a citation the sentence goes on from, no note
    re.MULTILINE,
)
_COMMUNICATION = re.compile(
    rf"(?:^|(?<=[.;:]\s))(?P<name>(?:[A-Z]\.\s?)*[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?(?:,(?:\s?[A-Z]\.)+)?)\.?\s+"
    rf"(?:Personal communication|Field notes|Interview|Telephone interview|E-?mail|Conversation)s?,?\s+"
    rf"(?P<date>{DATE})"
)
_ATTRIBUTION = re.compile(
    r"\b(?:described|reported|estimated|cited|quoted|noted|called)\s+by\s+(?P<a>[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4})"
    r"|(?:^|(?<=[.;:]\s))(?P<b>[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4})\s+"
    r"(?:estimates|estimated|reports|reported|notes|noted|states|stated|finds|found|says|said)\b"
)
_SMALL_WORDS = frozenset("a an the of and or for in on at to from by with de la le".split())
_IBID = re.compile(r"^\s*(?:See\s+)?(?:ibid|ibidem|id)\.?(?=[\s,.;]|$)", re.IGNORECASE)
_OP_CIT = re.compile(r"^\s*(?P<name>[A-Z][\w’'-]+(?:\s(?:and|&)\s[A-Z][\w’'-]+)?),\s+(?:op\.\s?cit\.|loc\.\s?cit\.)")


@dataclass(frozen=True)
class Note:
    """One note (or numbered entry): where its line starts, where its text runs, its number and kind.

    ``style`` is how its number is written (``bracket``, ``caret``, ``sup``) or, for an item of a
    list under a heading, ``list`` (a References list: each item is one work) or ``note``.
    """

    style: str
    number: int
    line_start: int
    start: int
    end: int
    #: The ordinal of the run of endnotes it is numbered in, where notes are numbered afresh per chapter
    #: (not part of what the note is: the same note found by a list and by its chapter is one note).
    chapter: int | None = field(default=None, compare=False)


def superscript_value(digits: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(ch)) for ch in digits if ch != " "))


def find_notes(text: str, lists: list[ListSection], layout: PageLayout | None = None) -> list[Note]:
    """Every note of a text, in order: marker lines anywhere, and numbered items of the lists."""
    hits: list[tuple[int, int, str, int]] = []  # (line start, text start, style, number)
    item_ends: dict[int, int] = {}  # a list item's line start -> where the list says it ends
    for m in _NOTE_LINE.finditer(text):
        style = next(k for k in ("bracket", "caret", "sup") if m.group(k))
        value = m.group(style)
        hits.append((m.start(), m.end(), style, superscript_value(value) if style == "sup" else int(value)))
    hits.sort()
    for section in lists:
        style = "list" if section.kind == "references" else "note"
        for item in numbered_items(text, *section.body):
            i = bisect_right(hits, (item.start, len(text))) - 1
            if i >= 0 and hits[i][0] <= item.start < hits[i][1]:
                if style == "list":  # a "[3]" line inside a References list: one work per item
                    hits[i] = (hits[i][0], hits[i][1], style, hits[i][3])
                continue
            item_ends[item.start] = item.end
            number_end = re.match(r"\s*(?:\[\d+\]|\d+[.)]?)\s*", text[item.start :])
            hits.append((item.start, item.start + (number_end.end() if number_end else 0), style, item.number or 0))
    hits.sort()
    stops = note_stops(text, lists, layout)
    list_ends = sorted(s.body[1] for s in lists)
    notes = []
    for i, (line_start, start, style, number) in enumerate(hits):
        end = hits[i + 1][0] if i + 1 < len(hits) else len(text)
        ends = list_ends if style in ("list", "note") else stops  # a list's items go on across its pages
        k = bisect_right(ends, start)
        if k < len(ends):
            end = min(end, ends[k])
        end = min(end, item_ends.get(line_start, end))
        end = start + len(text[start:end].rstrip())
        notes.append(Note(style, number, line_start, start, end))
    return notes


def _note_works(view: View) -> list[Found]:
    """The works one note cites, each with where its citation text starts in the note."""
    found = [f for f in author_year(view) if f.year]  # a note names each work with its date
    for m in _COMMUNICATION.finditer(view.norm):
        found.append(Found(m.start(), m.end(), m.group("name"), year_of(m.group("date")), "endnote"))
    if RETRIEVAL.search(view.norm):  # "X estimates ..." names a source only beside a pointer to it
        for m in _ATTRIBUTION.finditer(view.norm):
            name = m.group("a") or m.group("b")
            start = m.start("a") if m.group("a") else m.start("b")
            if looks_like_authors(name) and not any(f.start <= start < f.end for f in found):
                stop = view.norm.rfind(". ", 0, start)
                sentence = stop + 2 if stop >= 0 else 0
                found.append(Found(start, start + len(name), name, "n.d.", "named", region_start=sentence))
    found = sorted(drop_overlaps(found), key=lambda f: f.start)
    if len(found) == 1 and found[0].region_start is not None:
        found = [replace(found[0], region_start=0)]
    return found


#: What a note writes before a reference it points to: ``See``, ``See also``, ``Cf.``, ``See, for example,``.
LEAD_IN = re.compile(
    r"^(?:(?:see(?:\s+also)?|cf\.)(?:,?\s+(?:for\s+example|for\s+instance|e\.\s?g\.),)?\s+)", re.IGNORECASE
)
_NOTE_PREFIX = re.compile(r"\b(See also|see also|See|see|Cf\.|cf\.),?\s*$")


def _work_text(view: View, works: list[Found], i: int) -> tuple[int, int, str]:
    """Where the citation of ``works[i]`` lies in the note (folded offsets) and its prefix."""
    work = works[i]
    start = work.region_start if work.region_start is not None else work.start
    following = works[i + 1] if i + 1 < len(works) else None
    if following is None:
        end = len(view.norm)
    else:
        end = following.region_start if following.region_start is not None else following.start
    # A web pointer ("Retrieved ... from", "Available at") closes the work's citation: what follows is comment.
    cue = RETRIEVAL.search(view.norm, work.start, end)
    if cue:
        end = cue.end()
    text = view.norm[start:end]
    trimmed = re.sub(r"(?:[\s.,;]|\b(?:and|See also|see also|See|see|also)\b)+$", "", text)
    if cue and text.rstrip().endswith(cue.group()):
        trimmed = text.rstrip()
    # The folded text has single spaces, so a prefix ends within a few characters of ``start``.
    prefix = _NOTE_PREFIX.search(view.norm, max(0, start - 40), start)
    return start, start + len(trimmed), prefix.group(1) if prefix else ""


def locator_in(text: str) -> str:
    m = re.search(r"\bpp?\.\s?[A-Z]?\.?\d+(?:\.\d+)?(?:\s*[–-]\s*\d+)?", text)
    return m.group() if m else ""


def works_of(text: str, note: Note, layout: PageLayout | None = None) -> list[NoteWork]:
    """The works one note cites (see the module docstring), in order.

    The note is read for author-year citations first; each stretch between semicolons that holds
    none (``Okonkwo, "Where Sellers Go," 45; see also Bianchi and Sato (2015).``) is read as a whole
    reference, in full or short, or as ``Ibid.``.
    """
    view = View.of(text[note.start : note.end], note.start, layout=layout)
    if not view.norm:
        return []
    found = _note_works(view)
    works = []
    for i, work in enumerate(found):
        a, b, prefix = _work_text(view, found, i)
        # "(vgl. Holst/Maier 1998)": a cue inside the brackets points to a work listed elsewhere, never a reference
        pointer = work.form == "parenthetical" and bool(work.prefix)
        work = replace(work, prefix=work.prefix or prefix)
        cited = view.norm[a:b]
        citation = view.norm[work.start : work.end]
        short = work.form in ("narrative", "parenthetical") and (
            pointer or _only_citation(cited, citation) or _in_prose(view.norm, work.end)
        )
        works.append(NoteWork(work, view.to_raw(a, b), view.to_raw(work.start, work.end), short=short))
    segments = [(0, len(view.norm))] if note.style == "list" else _segments(view.norm)
    for a, b in segments:
        if not any(a <= w.start < b for w in found):
            whole = statute(view, a, b) or _whole_segment(view, a, b, note) or _pointed_to(view, a, b, note)
            whole = whole or online_work(view, a, b)
            if whole is not None:
                works.append(whole)
    return sorted(works, key=lambda w: w.anchor)


#: Where a note's prose points to a reference: ``... the act's purposes, see GAO, Title, GAO-05-939T (...)``.
_POINTER = re.compile(
    r"(?:^|(?<=\s))(?:[Ss]ee(?:\s+also)?|[Cc]f\.)(?=,?\s+(?:for\s+example,\s+|for\s+instance,\s+|e\.\s?g\.,\s+)?[A-Z“\"])"
)


def _pointed_to(view: View, a: int, b: int, note: Note) -> NoteWork | None:
    """A stretch of prose that points to a reference in full: the reference from its pointer on."""
    for m in _POINTER.finditer(view.norm, a, b):
        work = _whole_segment(view, m.start(), b, note)
        if work is not None and not work.short:
            return work
    return None


def _segments(norm: str) -> list[tuple[int, int]]:
    """The stretches of a note between semicolons outside parentheses and quotes, stripped."""
    cuts, depth, quoted = [0], 0, False
    for i, ch in enumerate(norm):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        quoted = not quoted if ch in '"“”' and (ch != "”" or quoted) else quoted
        if ch == ";" and not depth and not quoted:
            cuts += [i, i + 1]
    cuts.append(len(norm))
    spans = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        piece = norm[a:b]
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip().rstrip(".")
        if stripped:
            spans.append((a + lead, a + lead + len(stripped)))
    return spans


#: A note's short form of a work cited in full before: the author's family name and a page (``Jenkins, 177``).
_SHORT_FORM = re.compile(
    r"(?P<name>[A-Z][\w’'-]+(?:\s(?:and|&)\s[A-Z][\w’'-]+)?),\s+(?:pp?\.\s*)?(?P<loc>\d+(?:\s*[–-]\s*\d+)?)\.?"
)
_NO_NAMES = frozenset("Ibid Id Page Pages Section Chapter Table Figure Part Vol Volume Note Notes See".split())


def _whole_segment(view: View, a: int, b: int, note: Note) -> NoteWork | None:
    """One stretch of a note read as ``Ibid.``, ``Name, op. cit.``, or one reference (full or short)."""
    segment = view.norm[a:b]
    if m := _IBID.match(segment) or _OP_CIT.match(segment):
        name = m.groupdict().get("name") or ""
        back = "ibid" if not name else "op. cit."
        locator = re.search(r"(?<=,)\s*(?:pp?\.\s*)?(?P<loc>\d+(?:\s*[–-]\s*\d+)?)", segment[m.end() :])
        pointer = Found(a, a + m.end(), name, "", "endnote", locator=locator.group("loc") if locator else "")
        return NoteWork(pointer, view.to_raw(a, b), view.to_raw(a, a + m.end()), short=True, back=back)
    if note.style != "list" and (short := _SHORT_FORM.fullmatch(segment)) and short.group("name") not in _NO_NAMES:
        pointer = Found(a, b, short.group("name"), "", "endnote", locator=short.group("loc"))
        return NoteWork(pointer, view.to_raw(a, b), view.to_raw(a, a + short.end("name")), short=True)
    parsed = parse_entry(LEAD_IN.sub("", segment), note.style != "list")
    names = entry_work(parsed) if note.style == "list" or _whole_reference(parsed) else None
    if names is None:
        return None
    authors, year = names
    loc = (parsed.locator or parsed.pages) if parsed.style == "notes" and note.style != "list" else ""
    whole = Found(a, b, authors, year, "endnote", locator=f"p. {loc}" if loc.isdigit() else loc)
    span = view.to_raw(a, b)
    return NoteWork(whole, span, span, short=not parsed.is_full)


def _in_prose(norm: str, end: int) -> bool:
    """A citation the note's own sentence goes on from (``Brandt, L. (2020) also reports that ...``):
    a reference would go on with its title, capitalised or quoted."""
    return bool(re.match(r"\s+(?:also\s+|further\s+)?[a-z]{2,}", norm[end : end + 30]))


def _whole_reference(entry: Entry) -> bool:
    """A note that is one reference, in full (``Chidi Okonkwo, Title (City: Press, 2018), 44.``) or short
    (``Okonkwo, Title, 51.``): it names authors and a title, or is a law or a case, or names a work by a
    title in capitals and says where or when it appeared (``Harbour Board Minute Books, County Record Office``)."""
    if entry.authors.names and entry.title or entry.kind in ("law", "court-case"):
        return True
    words = [w for w in entry.title.split() if w.lower() not in _SMALL_WORDS]
    capitals = sum(w[:1].isupper() for w in words)
    return entry.is_full and len(words) >= 2 and capitals >= 0.8 * len(words)


def _only_citation(cited: str, citation: str) -> bool:
    """The work's text is the short citation itself (``Musto (2011)``, ``See Foot & Vanek (2012)``)."""
    rest = cited.replace(citation, "", 1)
    return not re.sub(r"[\s.,;()]|\b(?:See also|see also|See|see|also|and)\b", "", rest)


def note_spans(report_key: str, notes: list[Note]) -> list[Span]:
    return [Span(report_key, n.line_start, n.end) for n in notes]
