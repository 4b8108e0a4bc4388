"""PDFs laid out from a small markup with reportlab, for tests and benchmarks: real files, as a word
processor would print them.

The markup is plain paragraphs separated by blank lines, with:

* ``# Heading`` on a line of its own: a heading in bold;
* ``^12`` or ``^{1,2}``: a note marker, printed in a smaller size and raised above the line;
* ``[^12]: text`` on a line of its own: the text of footnote 12, printed at the foot of the page
  where its marker stands, under a rule, its number raised (``footnotes=True``).

Lines are filled to the measure in Helvetica; with ``hyphenate=True`` a word that does not fit is
broken with a hyphen at the line end (at its own hyphen first, as in ``well-known``). Each page can
carry a running head (the title on odd pages, the authors on even ones) and a page number at its
foot. The first page carries the title, large, and the byline under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

BODY, BODY_LEADING, NOTE, NOTE_LEADING = 10.5, 13.5, 8.0, 10.0
MARGIN = 72.0
_MARKER = re.compile(r"\^\{([\d,–-]+)\}|\^(\d+)")
_NOTE_DEF = re.compile(r"^\[\^(\d+)\]:\s*(.*)$")


@dataclass
class PdfSpec:
    """What to print, and how."""

    title: str
    body: str
    authors: list[str] = field(default_factory=list)
    running_heads: bool = True
    page_numbers: bool = True
    hyphenate: bool = True
    footnotes: bool = False
    metadata_title: str | None = None  # None: the title; "" leaves the metadata empty
    metadata_author: str | None = None
    encrypt: str | None = None  # a user password
    pagesize: tuple[float, float] = A4
    margin: float = MARGIN

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin


# A run of text: (text, raised).
_Run = tuple[str, bool]


def _words(paragraph: str) -> list[list[_Run]]:
    """A paragraph's words, each a list of runs (a marker glued to a word is a raised run)."""
    words = []
    for token in paragraph.split():
        runs: list[_Run] = []
        pos = 0
        for m in _MARKER.finditer(token):
            if m.start() > pos:
                runs.append((token[pos : m.start()], False))
            runs.append((m.group(1) or m.group(2), True))
            pos = m.end()
        if pos < len(token):
            runs.append((token[pos:], False))
        words.append(runs)
    return words


def _width(runs: list[_Run], font: str, size: float) -> float:
    return sum(stringWidth(t, font, size * 0.7 if up else size) for t, up in runs)


def _break(word: list[_Run], room: float, font: str, size: float) -> tuple[list[_Run], list[_Run]] | None:
    """A word split so its head and a hyphen fit in ``room``: at its own hyphen, else between letters."""
    if len(word) != 1 or word[0][1]:
        return None
    text = word[0][0]
    if "-" in text[1:-1]:
        head = text[: text.rindex("-", 0, len(text) - 1) + 1]
        if stringWidth(head, font, size) <= room:
            return [(head, False)], [(text[len(head) :], False)]
    letters = re.match(r"[A-Za-z]+", text)
    if not letters or letters.end() < 7:
        return None
    for cut in range(letters.end() - 3, 2, -1):  # before a consonant that follows a vowel: "modera-tion"
        if (
            text[cut - 1] in "aeiouy"
            and text[cut] not in "aeiouy"
            and stringWidth(text[:cut] + "-", font, size) <= room
        ):
            return [(text[:cut] + "-", False)], [(text[cut:], False)]
    return None


def _lines(words: list[list[_Run]], width: float, font: str, size: float, hyphenate: bool) -> list[list[_Run]]:
    lines: list[list[_Run]] = []
    line: list[_Run] = []
    used = 0.0
    space = stringWidth(" ", font, size)
    queue = list(words)
    while queue:
        word = queue.pop(0)
        need = _width(word, font, size) + (space if line else 0)
        if used + need <= width or not line:
            line += ([(" ", False)] if line else []) + word
            used += need
            continue
        split = _break(word, width - used - space, font, size) if hyphenate else None
        if split:
            line += [(" ", False), *split[0]]
            queue.insert(0, split[1])
        else:
            queue.insert(0, word)
        lines.append(line)
        line, used = [], 0.0
    if line:
        lines.append(line)
    return lines


def _draw(c: canvas.Canvas, x: float, y: float, runs: list[_Run], font: str, size: float) -> None:
    text = c.beginText(x, y)
    for chunk, raised in runs:
        text.setFont(font, size * 0.7 if raised else size)
        text.setRise(size * 0.35 if raised else 0)
        text.textOut(chunk)
    c.drawText(text)


@dataclass
class _Block:
    lines: list[list[_Run]]
    font: str
    size: float
    leading: float
    gap: float  # space before the block
    notes: list[str]  # footnotes whose markers stand in this block


def _blocks(spec: PdfSpec) -> tuple[list[_Block], dict[str, str]]:
    notes: dict[str, str] = {}
    paragraphs: list[str] = []
    for para in re.split(r"\n\s*\n", spec.body.strip()):
        kept = []
        for line in para.splitlines():
            m = _NOTE_DEF.match(line.strip())
            if m and spec.footnotes:
                notes[m.group(1)] = m.group(2)
            else:
                kept.append(line)
        if kept:
            paragraphs.append("\n".join(kept))
    blocks = []
    for para in paragraphs:
        if para.startswith("# "):
            words = _words(para[2:])
            blocks.append(
                _Block(_lines(words, spec.width, "Helvetica-Bold", 12, False), "Helvetica-Bold", 12, 16, 10, [])
            )
            continue
        markers = [m.group(2) or m.group(1) for m in _MARKER.finditer(para)]
        lines = _lines(_words(para), spec.width, "Helvetica", BODY, spec.hyphenate)
        blocks.append(_Block(lines, "Helvetica", BODY, BODY_LEADING, 6, [n for n in markers if n in notes]))
    return blocks, notes


def write_pdf(path: Path, spec: PdfSpec) -> Path:
    """Lay ``spec`` out and write it as a PDF at ``path``."""
    width, height = spec.pagesize
    margin = spec.margin
    c = canvas.Canvas(str(path), pagesize=spec.pagesize, encrypt=spec.encrypt, invariant=1)
    c.setTitle(spec.title if spec.metadata_title is None else spec.metadata_title)
    c.setAuthor("; ".join(spec.authors) if spec.metadata_author is None else spec.metadata_author)
    blocks, notes = _blocks(spec)
    page = 1
    top, foot = height - margin - 8, margin
    y = top

    def furniture() -> None:
        c.setFont("Helvetica", 8.5)
        if spec.running_heads and page > 1:
            head = spec.title if page % 2 else " and ".join(spec.authors) or spec.title
            c.drawString(margin, height - margin / 2, head)
        if spec.page_numbers:
            c.drawCentredString(width / 2, margin / 2, str(page))

    c.setFont("Helvetica-Bold", 18)
    for line in _lines(_words(spec.title), spec.width, "Helvetica-Bold", 18, False):
        _draw(c, margin, y, line, "Helvetica-Bold", 18)
        y -= 24
    if spec.authors:
        _draw(c, margin, y - 4, [(", ".join(spec.authors), False)], "Helvetica", 12)
        y -= 36
    foot_notes: list[list[list[_Run]]] = []
    for block in blocks:
        y -= block.gap
        for n, line in enumerate(block.lines):
            raised = {k for t, up in line if up for k in re.split(r"[,–-]", t)}
            new_notes = [k for k in block.notes if k in raised and k in notes]
            note_lines = [
                _lines([[(k, True)], *_words(notes.pop(k))], spec.width, "Helvetica", NOTE, False) for k in new_notes
            ]
            reserved = sum(len(lines) for lines in [*foot_notes, *note_lines]) * NOTE_LEADING
            if y - block.leading < foot + reserved + (12 if reserved else 0):
                _finish_page(c, foot_notes, margin)
                furniture()
                c.showPage()
                page += 1
                y = top
                foot_notes = []
            foot_notes += note_lines
            _draw(c, margin, y, line, block.font, block.size)
            y -= block.leading
    _finish_page(c, foot_notes, margin)
    furniture()
    c.showPage()
    c.save()
    return path


def _finish_page(c: canvas.Canvas, foot_notes: list[list[list[_Run]]], margin: float) -> None:
    """The page's footnotes, at its foot, under a short rule."""
    lines = [line for note in foot_notes for line in note]
    if not lines:
        return
    y = margin + (len(lines) - 1) * NOTE_LEADING
    c.line(margin, y + NOTE_LEADING, margin + 120, y + NOTE_LEADING)
    for line in lines:
        _draw(c, margin, y, line, "Helvetica", NOTE)
        y -= NOTE_LEADING


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF as a scanner makes it: each page one image of text, and no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(pages):
        image = Image.new("L", (600, 850), 255)
        draw = ImageDraw.Draw(image)
        for row in range(40):
            draw.text((40, 40 + row * 19), f"Scanned page {n + 1}, line {row + 1}: the words are pixels here.", fill=0)
        c.drawImage(ImageReader(image), 0, 0, width, height)
        c.showPage()
    c.save()
    return path
