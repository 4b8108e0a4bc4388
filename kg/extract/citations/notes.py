"""Numbered notes: the list at the end of the text, each note's works, and the markers that point to them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.citations.author_year import author_year, drop_overlaps, year_of
from kg.extract.citations.names import looks_like_authors
from kg.extract.citations.pieces import DATE, RETRIEVAL, Found, View
from kg.records import CitationRecord, Span

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
    rf"(?P<date>{DATE})"
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


def find_notes(text: str) -> list[_Note]:
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
                found.append(Found(start, start + len(name), name, "n.d.", "endnote", region_start=sentence))
    found = sorted(drop_overlaps(found), key=lambda f: f.start)
    if len(found) == 1 and found[0].region_start is not None:
        found = [replace(found[0], region_start=0)]
    return found


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


def _locator_in(text: str) -> str:
    m = re.search(r"\bpp?\.\s?[A-Z]?\.?\d+(?:\.\d+)?(?:\s*[–-]\s*\d+)?", text)
    return m.group() if m else ""


@dataclass(frozen=True)
class _NoteWork:
    """One work a note cites: what was found, its citation text and its names, as report offsets."""

    found: Found
    cited: tuple[int, int]
    anchor: tuple[int, int]


def _works_of(text: str, note: _Note) -> list[_NoteWork]:
    view = View.of(text[note.start : note.end], note.start)
    found = _note_works(view)
    works = []
    for i, work in enumerate(found):
        a, b, prefix = _work_text(view, found, i)
        work = replace(work, prefix=work.prefix or prefix)
        works.append(_NoteWork(work, view.to_raw(a, b), view.to_raw(work.start, work.end)))
    return works


def note_records(text: str, report_key: str, notes: list[_Note], body_end: int) -> list[CitationRecord]:
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
    report_key: str, text: str, start: int, end: int, work: Found, form: str, marker: int, cited: str
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
