"""Pages of a report, and the page furniture and line-end hyphens on them, recognised from the text alone.

A text read from a PDF (or exported with form feeds between pages) keeps what the pages print
besides the running text: running heads and feet (``Journal of Platform Studies 3(1)``, an
author's name on even pages) and page numbers, and words hyphenated at a line end. The text is
never edited; this module finds those stretches so that the reading stages can read through
them (:class:`kg.records.PageLayout`):

* **furniture**: a line among the first or last two of a page that is a page number (``12``,
  ``Page 3 of 40``, ``- 7 -``, ``iv``), or a short line without closing punctuation that recurs,
  digits aside, at the same edge of at least two pages and of a quarter of them, or that repeats
  the title or byline of the first page. A line that starts with a note marker is never
  furniture: footnotes repeat (``¹ Ibid.``). A proof's printer's marks are furniture wherever they stand:
  a typesetter's slug (``book_03.qxd 2/10/04 4:01 PM Page 307``) and margin line numbers (five or more
  lines in a row, each a number one up from the one before).
* **joins**: a line that ends in a letter and a hyphen, followed (past any furniture and page
  break) by a line that starts with a lower-case letter. When the word occurs elsewhere in the
  text with its hyphen (``well-known``), the hyphen is the word's own and only the line break is
  read through; otherwise the hyphen and the line break are (``moder-ation`` reads
  ``moderation``).

Everything is found in one pass over the lines, so the time is linear in the text's length.

A text read from a PDF since its geometry is recorded has more: its page map (``ID.pages.json``)
also holds the furniture and footnote zones found from where its lines stand
(:mod:`kg.sources.pdf_geometry`: turned margin text and printer's slugs, page numbers written
anywhere in the stream, notes at page feet). That furniture is added to what the text shows, and
the zones become :attr:`PageLayout.notes`. A page map without them (written before) reads as before.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kg.errors import InputError
from kg.records import PageLayout

PAGE_NUMBER = re.compile(
    r"^[-–—|•\s]*(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?[-–—|•\s]*$", re.IGNORECASE
)
_NOTE_START = re.compile(r"^\s*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]|\[\d{1,3}\]|\^\d)")
_EDGE = 2  # lines at the top and at the foot of a page that may be furniture
_LINE = re.compile(r"[^\n\f]+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def stripped_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of ``text[start:end]`` as stripped ``(start, end)`` offsets."""
    found = []
    for m in _LINE.finditer(text, start, end):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            found.append((m.start() + lead, m.start() + lead + len(stripped)))
    return found


def line_key(line: str) -> str:
    """A line as it recurs from page to page: digits and case aside, whitespace folded."""
    return " ".join(re.sub(r"\d+", "#", line).casefold().split())


def _bare(line: str) -> str:
    """Letters and digits only, without "and": a title or byline as a running head repeats it."""
    return re.sub(r"\band\b|[^\w]|_", "", line.casefold())


def page_ranges(text: str, pages: Sequence[int]) -> list[tuple[int, int]]:
    """``(start, end)`` of each page."""
    return [(start, pages[i + 1] if i + 1 < len(pages) else len(text)) for i, start in enumerate(pages)]


def _furniture(text: str, page_lines: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    edges: list[tuple[str, int, tuple[int, int]]] = []  # (edge, page, line)
    marks: list[tuple[int, int]] = []
    for number, all_lines in enumerate(page_lines):
        lines, page_marks = _without_edge_marks(text, all_lines)
        marks += page_marks
        for line in lines[:_EDGE]:
            edges.append(("top", number, line))
        for line in lines[max(_EDGE, len(lines) - _EDGE) :]:
            edges.append(("foot", number, line))
    # On how many pages each line recurs at each edge (a page counts once).
    recurring = Counter((edge, key) for edge, _, key in {(e, n, line_key(text[a:b])) for e, n, (a, b) in edges})
    # A running head often repeats the title or the byline, which the first page prints at its top.
    first = [_bare(text[a:b]) for a, b in page_lines[0][:6]] if page_lines else []
    front = {x for x in set(first) | {a + b for a, b in zip(first, first[1:], strict=False)} if len(x) >= 6}
    pages_with_text = sum(1 for lines in page_lines if lines)
    needed = max(2, -(-pages_with_text // 4))
    found = set()
    for edge, number, (a, b) in edges:
        line_text = text[a:b]
        if _NOTE_START.match(line_text):
            continue
        repeats = recurring[(edge, line_key(line_text))] >= needed or (number > 0 and _bare(line_text) in front)
        # Running heads are short and end without a sentence's punctuation; a body line that happens to repeat does not.
        # (a word broken at the line's end ends it with a hyphen; a mark set after a head, `` 73 -``, is spaced)
        running = len(line_text) <= 90 and not re.search(r"(?<!\s)-$|[.,;:]$", line_text) and repeats
        if PAGE_NUMBER.match(line_text) or running:
            found.add((a, b))
    for lines in page_lines:
        found.update(_printers_marks(text, lines))
    found.update(marks)
    return sorted(found)


#: A line of marks alone, no letter or digit (``-``, ``|``, ``*``): a crop mark or a rule the PDF keeps as text.
_MARKS_ONLY = re.compile(r"^[^\w]{1,3}$")


def _without_edge_marks(text: str, lines: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """A page's lines less the lines of marks alone about its top and foot (and between its edge lines),
    so the running head under them is still an edge line; and those marks, which are furniture."""
    marks: set[tuple[int, int]] = set()
    for ordered in (lines, lines[::-1]):
        content = 0
        for line in ordered:
            if _MARKS_ONLY.match(text[line[0] : line[1]]):
                marks.add(line)
            elif content == _EDGE:
                break
            else:
                content += 1
    return [line for line in lines if line not in marks], sorted(marks)


#: A typesetter's slug: the file, the date and time it was output, the page (``14773_03_307-330_r7dy.qxd 2/10/04
#: 4:01 PM Page 307``).
_SLUG = re.compile(r"\.(?:qxd|qxp|indd|fm)\b.*\b\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d\d\s*(?:[AP]M)?\s+Page\s+\w+\s*$")
#: A proof's margin line number, maybe with a crop mark's letter glued to it (``17``, ``S32``).
_LINE_NUMBER = re.compile(r"^[A-Za-z]{0,2}(\d{1,3})$")
_NUMBERED_RUN = 5  # margin line numbers come many in a row: 1, 2, 3, ... down the margin


def _printers_marks(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A page's typesetter's slug and its margin line numbers (five or more lines in a row numbered one up)."""
    marks = [(a, b) for a, b in lines if _SLUG.search(text, a, b)]
    run: list[tuple[int, int]] = []
    last = -1
    for a, b in [*lines, (0, 0)]:
        m = _LINE_NUMBER.match(text[a:b]) if b > a else None
        value = int(m.group(1)) if m else -1
        if m and run and value == last + 1:
            run.append((a, b))
        else:
            if len(run) >= _NUMBERED_RUN:
                marks += run
            run = [(a, b)] if m else []
        last = value
    return marks


def _joins(text: str, lines: list[tuple[int, int]], furniture: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Line-end hyphen breaks: what to read through so the broken word is one word again."""
    running = [line for line in lines if line not in furniture]
    hyphenated: set[str] | None = None
    joins = []
    for (a, b), (c, _) in zip(running, running[1:], strict=False):
        if b - a < 2 or text[b - 1] != "-" or not text[b - 2].isalpha() or not text[c].islower():
            continue
        if hyphenated is None:  # the words the text writes with a hyphen, read once, when first needed
            hyphenated = {w.casefold() for w in _WORD.findall(text) if "-" in w}
        head = _WORD.findall(text[a : b - 1])
        tail = _WORD.match(text, c)
        word = f"{head[-1]}-{tail.group()}".casefold() if head and tail else ""
        joins.append((b, c) if word in hyphenated else (b - 1, c))
    return joins


def recognise_layout(
    text: str,
    pages: Sequence[int],
    furniture: Sequence[tuple[int, int]] = (),
    notes: Sequence[tuple[int, int]] = (),
) -> PageLayout:
    """The layout of a text whose pages start at ``pages`` (see the module docstring).

    ``furniture`` and ``notes`` are what the PDF's geometry showed when it was read (its page
    map, :mod:`kg.sources.pdf_geometry`); the furniture found from the text is added to them.
    """
    page_lines = [stripped_lines(text, a, b) for a, b in page_ranges(text, pages)]
    found = _merge([*_furniture(text, page_lines), *furniture])
    joins = _joins(text, [line for lines in page_lines for line in lines], set(found))
    return PageLayout(tuple(pages), tuple(found), tuple(joins), tuple(_merge(notes)))


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def form_feed_pages(text: str) -> tuple[int, ...]:
    """Page starts of a text whose pages are separated by form feeds (as ``pdftotext`` writes them)."""
    return (0, *(m.end() for m in re.finditer("\f", text)))


def blank_furniture(text: str, layout: PageLayout | None) -> str:
    """The text with its furniture turned to spaces, line breaks kept: same length, same offsets.

    Paragraphs, headings and sentence ends are found in this copy, so a running head is neither a
    heading nor the start of a sentence, and a sentence runs on across a page break.
    """
    if layout is None or not layout.furniture:
        return text
    parts, pos = [], 0
    for a, b in layout.furniture:
        parts.append(text[pos:a])
        parts.append(re.sub(r"[^\n\f]", " ", text[a:b]))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


# --- the page map file ------------------------------------------------------------------------

PAGE_MAP_FORMAT = "evidence-kg page map 1"


def page_map_json(
    pages: Sequence[int],
    text_sha256: str,
    source: str,
    source_sha256: str,
    furniture: Sequence[tuple[int, int]] = (),
    notes: Sequence[tuple[int, int]] = (),
) -> str:
    """The page map stored beside a text read from a PDF: where each page starts, and what it was read from.

    ``furniture`` and ``notes`` (the geometry's furniture and footnote zones, offsets into the
    text) are written only when there are some; a page map without them (written before they
    were recorded) reads as before, its layout found from the text alone.
    """
    data: dict[str, object] = {
        "format": PAGE_MAP_FORMAT,
        "text_sha256": text_sha256,
        "source": source,
        "source_sha256": source_sha256,
        "pages": list(pages),
    }
    if furniture:
        data["furniture"] = [list(span) for span in furniture]
    if notes:
        data["notes"] = [list(span) for span in notes]
    return json.dumps(data, indent=1) + "\n"


def load_layout(path: Path, shown: str, text: str, text_sha256: str) -> PageLayout:
    """The layout of a text read from a PDF: its page map's pages and geometry, and what the text shows."""
    pages = load_page_map(path, shown, text, text_sha256)
    data = json.loads(path.read_text(encoding="utf-8"))
    spans = {name: _spans(data.get(name, []), shown, name, len(text)) for name in ("furniture", "notes")}
    return recognise_layout(text, pages, spans["furniture"], spans["notes"])


def _spans(value: object, shown: str, name: str, length: int) -> list[tuple[int, int]]:
    if not isinstance(value, list) or not all(
        isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v) and 0 <= v[0] < v[1] <= length
        for v in value
    ):
        raise InputError(shown, 0, f"the page map's {name} must be [start, end] offsets into the text")
    return [(v[0], v[1]) for v in value]


def load_page_map(path: Path, shown: str, text: str, text_sha256: str) -> tuple[int, ...]:
    """The page starts a page map file records, checked against the text they point into."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(shown, 0, f"cannot read the page map: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != PAGE_MAP_FORMAT:
        raise InputError(shown, 0, f'not a page map (expected "format": "{PAGE_MAP_FORMAT}")')
    if data.get("text_sha256") != text_sha256:
        raise InputError(shown, 0, "the page map was made for another text (its text_sha256 differs)")
    pages = data.get("pages")
    if (
        not isinstance(pages, list)
        or not pages
        or pages[0] != 0
        or not all(isinstance(p, int) for p in pages)
        or any(b <= a for a, b in zip(pages, pages[1:], strict=False))
        or pages[-1] > len(text)
    ):
        raise InputError(shown, 0, "the page map's pages must be increasing offsets into the text, from 0")
    return tuple(pages)
