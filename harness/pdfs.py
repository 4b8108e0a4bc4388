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
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

_REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap

BODY, BODY_LEADING, NOTE, NOTE_LEADING = 10.5, 13.5, 8.0, 10.0
MARGIN = 72.0
GUTTER = 18.0
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
    # Font size 1 everywhere, the size set by scaling the text matrix (Word through Acrobat, the US GPO).
    matrix_fonts: bool = False
    columns: int = 1  # the body (under the title and byline) in this many columns
    font_file: str | None = None  # a TrueType font for the body text (for characters outside Helvetica's)

    @property
    def page_width(self) -> float:
        return self.pagesize[0] - 2 * self.margin

    @property
    def width(self) -> float:
        """The width of one column of the body."""
        return (self.page_width - GUTTER * (self.columns - 1)) / self.columns


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


def _draw(c: canvas.Canvas, x: float, y: float, runs: list[_Run], font: str, size: float, matrix: bool = False) -> None:
    """One line. With ``matrix`` every run is set in font size 1 and placed and scaled by its own text
    matrix, a raised marker by a smaller matrix moved up, as Word through Acrobat and the US GPO write them."""
    text = c.beginText(x, y)
    cursor = x
    for chunk, raised in runs:
        run_size = size * 0.7 if raised else size
        if matrix:
            text.setTextTransform(run_size, 0, 0, run_size, cursor, y + (size * 0.35 if raised else 0))
            text.setFont(font, 1)
        else:
            text.setFont(font, run_size)
            text.setRise(size * 0.35 if raised else 0)
        text.textOut(chunk)
        cursor += stringWidth(chunk, font, run_size)
    c.drawText(text)


@dataclass
class _Block:
    lines: list[list[_Run]]
    font: str
    size: float
    leading: float
    gap: float  # space before the block
    notes: list[str]  # footnotes whose markers stand in this block


def _utf16_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters outside the BMP mapped as pdfTeX maps its math italic.

    reportlab writes U+1D465 as ``<1D465>``, which no reader takes for 𝑥. pdfTeX's CMaps map a
    range of codes to UTF-16 surrogate pairs (``<0B> <0E> <D835DEFC>``), which PDFium reports
    as two halves: the case :mod:`kg.sources.pdf_glyphs` joins.
    """
    cmap: str = _REPORTLAB_CMAP(fontname, [0] * len(subset))
    chars = [f"<{i:02X}> <{code:04X}>" for i, code in enumerate(subset) if code <= 0xFFFF]
    ranges: list[list[int]] = []  # [first code, last code, first character]: consecutive codes, consecutive characters
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            if ranges and ranges[-1][1] == i - 1 and subset[i - 1] == code - 1:
                ranges[-1][1] = i
            else:
                ranges.append([i, i, code])
    ranges_text = [f"<{a:02X}> <{b:02X}> <{chr(c).encode('utf-16-be').hex().upper()}>" for a, b, c in ranges]
    body = f"{len(chars)} beginbfchar\n" + "\n".join(chars) + "\nendbfchar"
    if ranges:
        body += f"\n{len(ranges)} beginbfrange\n" + "\n".join(ranges_text) + "\nendbfrange"
    return re.sub(r"(?s)\d+ beginbfchar\n.*?\nendbfchar", lambda _: body, cmap)


def _body_font(spec: PdfSpec) -> str:
    """Helvetica, or the TrueType font the spec names, registered with reportlab."""
    if not spec.font_file:
        return "Helvetica"
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "Body-" + Path(spec.font_file).stem
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, spec.font_file))
    return name


def _blocks(spec: PdfSpec) -> tuple[list[_Block], dict[str, str]]:
    notes: dict[str, str] = {}
    paragraphs: list[str] = []
    font = _body_font(spec)
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
        lines = _lines(_words(para), spec.width, font, BODY, spec.hyphenate)
        blocks.append(_Block(lines, font, BODY, BODY_LEADING, 6, [n for n in markers if n in notes]))
    return blocks, notes


def write_pdf(path: Path, spec: PdfSpec) -> Path:
    """Lay ``spec`` out and write it as a PDF at ``path`` (a TrueType body font with a correct ToUnicode map)."""
    ttfonts.makeToUnicodeCMap = _utf16_cmap
    try:
        return _write_pdf(path, spec)
    finally:
        ttfonts.makeToUnicodeCMap = _REPORTLAB_CMAP


def _write_pdf(path: Path, spec: PdfSpec) -> Path:
    """With ``columns`` > 1 the body fills each column of a page in turn, each column's footnotes at
    its own foot; the title and byline span the page.
    """
    width, height = spec.pagesize
    margin, matrix, font = spec.margin, spec.matrix_fonts, _body_font(spec)
    c = canvas.Canvas(str(path), pagesize=spec.pagesize, encrypt=spec.encrypt, invariant=1)
    c.setTitle(spec.title if spec.metadata_title is None else spec.metadata_title)
    c.setAuthor("; ".join(spec.authors) if spec.metadata_author is None else spec.metadata_author)
    blocks, notes = _blocks(spec)
    page, column = 1, 0
    top, foot = height - margin - 8, margin
    y = top

    def furniture() -> None:
        c.setFont("Helvetica", 8.5)
        if spec.running_heads and page > 1:
            head = spec.title if page % 2 else " and ".join(spec.authors) or spec.title
            c.drawString(margin, height - margin / 2, head)
        if spec.page_numbers:
            c.drawCentredString(width / 2, margin / 2, str(page))

    for line in _lines(_words(spec.title), spec.page_width, "Helvetica-Bold", 18, False):
        _draw(c, margin, y, line, "Helvetica-Bold", 18, matrix)
        y -= 24
    if spec.authors:
        _draw(c, margin, y - 4, [(", ".join(spec.authors), False)], font, 12, matrix)
        y -= 36
    column_top = y
    foot_notes: list[list[list[_Run]]] = []
    for block in blocks:
        y -= block.gap
        for line in block.lines:
            raised = {k for t, up in line if up for k in re.split(r"[,–-]", t)}
            new_notes = [k for k in block.notes if k in raised and k in notes]
            note_lines = [
                _lines([[(k, True)], *_words(notes.pop(k))], spec.width, font, NOTE, False) for k in new_notes
            ]
            reserved = sum(len(lines) for lines in [*foot_notes, *note_lines]) * NOTE_LEADING
            if y - block.leading < foot + reserved + (12 if reserved else 0):
                _finish_page(c, foot_notes, margin + column * (spec.width + GUTTER), font, matrix)
                foot_notes = []
                if column + 1 < spec.columns:
                    column, y = column + 1, column_top
                else:
                    furniture()
                    c.showPage()
                    page, column, y = page + 1, 0, top
                    column_top = top
            foot_notes += note_lines
            _draw(c, margin + column * (spec.width + GUTTER), y, line, block.font, block.size, matrix)
            y -= block.leading
    _finish_page(c, foot_notes, margin + column * (spec.width + GUTTER), font, matrix)
    furniture()
    c.showPage()
    c.save()
    return path


def _finish_page(
    c: canvas.Canvas, foot_notes: list[list[list[_Run]]], margin: float, font: str = "Helvetica", matrix: bool = False
) -> None:
    """The page's (or column's) footnotes, at its foot, under a short rule."""
    lines = [line for note in foot_notes for line in note]
    if not lines:
        return
    y = margin + (len(lines) - 1) * NOTE_LEADING
    c.line(margin, y + NOTE_LEADING, margin + 120, y + NOTE_LEADING)
    for line in lines:
        _draw(c, margin, y, line, font, NOTE, matrix)
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


def raw_pdf(
    content: bytes, font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", pages: int = 1
) -> bytes:
    """A PDF written object by object: one content stream on each of ``pages`` pages (0: none), in font ``/F1``
    (Helvetica unless given) and ``/F2`` (Helvetica-Bold).

    For what reportlab will not write: a font whose glyphs have no Unicode mapping, a document without pages.
    """
    page_ids = [5 + n for n in range(pages)]
    objs = (
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % i for i in page_ids), pages),
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            font,
        ]
        + [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 3 0 R "
            b"/Resources << /Font << /F1 4 0 R /F2 %d 0 R >> >> >>" % (5 + pages)
        ]
        * pages
        + [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
