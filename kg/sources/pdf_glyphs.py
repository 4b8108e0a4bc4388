"""One PDF page's characters as PDFium places them: code point, printed size, origin, box, direction.

Three things PDFium reports are not what a reader of the page sees, and are put right here:

* **characters outside the BMP** (a mathematical italic 𝑥, U+1D465) come as two UTF-16 halves,
  one per character index; the halves are joined into the one character they encode. A lone
  half is not a character and becomes U+FFFD.
* **glyphs without a Unicode mapping** (a font without a ToUnicode map, PDFium's "unicode map
  error") are written as U+FFFD and counted, so that ``kg add`` can say how many there were; so
  is a code past U+10FFFF, which a broken map can give and no character has (``chr`` refuses it).
* **the printed size**: ``FPDFText_GetFontSize`` is the size set with ``Tf``, which many producers
  (Word through Acrobat, the US GPO, Quartz) set to 1 and scale with the text matrix instead. The
  size a reader sees is that size times the matrix's vertical scale (``FPDFText_GetMatrix`` is
  the text matrix times the page's transformation); the glyph's loose box (font ascent to
  descent) is kept beside it, and is the size when the matrix gives none.

A character's matrix also says which way it runs (``direction``), and whether that is the way
most of its page runs: ``upright`` is False for text turned against the page's own (a vertical
margin note, a printer's slug).
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from typing import NamedTuple

_HYPHEN_MARKS = {0x02, 0xFFFE, 0xAD}  # how PDFium reports a hyphen it takes to end a line
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|\bCMBX|-BX", re.IGNORECASE)
REPLACEMENT = "\ufffd"
LINE_BREAK = "\n"
HYPHEN_BREAK = "-\n"  # a hyphen PDFium takes to end a line, and that line's end


class Glyph(NamedTuple):
    """One character as printed: what it is, its printed size, its origin, its box height, its direction."""

    char: str
    size: float
    x: float
    baseline: float
    height: float  # the loose box: the font's ascent to descent at this size
    upright: bool  # runs the way most of the page's text runs
    direction: int = 0  # 0 left to right, 1 up, 2 right to left (or mirrored), 3 down
    weight: int = 0  # the font's weight (400 regular, 700 bold), as PDFium reads it from the font


class PageGlyphs(NamedTuple):
    """A page's characters in PDFium's order (``LINE_BREAK`` / ``HYPHEN_BREAK`` marking line ends), and its size."""

    glyphs: list[Glyph]
    width: float
    height: float
    unmapped: int  # glyphs PDFium could not map to Unicode (written as U+FFFD)
    direction: int = 0  # the way most of its text runs (:attr:`Glyph.direction`): not 0 for a page set sideways


class TooManyCharsError(Exception):
    """A page holds more characters than the caller takes: raised before any of them is read."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} characters")
        self.count = count


def _weight_by_name(handle: object, index: int, name: ctypes.Array[ctypes.c_char]) -> int:
    """700 for a font whose name says bold (``Helvetica-Bold``, ``CMBX10``), else 400."""
    import pypdfium2.raw as pdfium_c

    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(handle, index, name, len(name), flags)
    return 700 if _BOLD_NAME.search(name.value.decode("latin-1")) else 400


def _turned(glyphs: list[Glyph]) -> tuple[list[Glyph], int]:
    """The glyphs, those that run another way than most of the page's text marked as not upright; that way.

    A page set sideways (a landscape table) runs all its text one way: that is its reading direction, not
    margin text.
    """
    directions = Counter(g.direction for g in glyphs if g.char not in (LINE_BREAK, HYPHEN_BREAK))
    if not directions:
        return glyphs, 0
    usual = directions.most_common(1)[0][0]
    return [g if g.direction == usual else g._replace(upright=False) for g in glyphs], usual


def count_chars(document: object, number: int) -> int:
    """How many characters PDFium finds on page ``number``: the page's text parsed in C, none taken here."""
    import pypdfium2.raw as pdfium_c

    page = document[number]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        return int(pdfium_c.FPDFText_CountChars(textpage.raw))
    finally:
        textpage.close()
        page.close()


def read_page(document: object, number: int, limit: int | None = None) -> PageGlyphs:
    """Page ``number`` (0-based) of an open ``pypdfium2.PdfDocument``; :class:`TooManyCharsError` when it holds
    more than ``limit`` characters (counted by PDFium before one is taken here)."""
    import pypdfium2.raw as pdfium_c

    page = document[number]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        x, y = ctypes.c_double(), ctypes.c_double()
        matrix, box = pdfium_c.FS_MATRIX(), pdfium_c.FS_RECTF()
        name = ctypes.create_string_buffer(128)
        glyphs: list[Glyph] = []
        unmapped = 0
        count = pdfium_c.FPDFText_CountChars(handle)
        if limit is not None and count > limit:
            raise TooManyCharsError(count)
        i = 0
        while i < count:
            code = pdfium_c.FPDFText_GetUnicode(handle, i)
            i += 1
            if code in (0x0D, 0x0A):
                if code == 0x0A:
                    glyphs.append(Glyph(LINE_BREAK, 0.0, 0.0, 0.0, 0.0, True))
                continue
            index = i - 1
            if 0xD800 <= code < 0xDC00 and i < count:  # a high surrogate: join it with the low one after it
                low = pdfium_c.FPDFText_GetUnicode(handle, i)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 1
            pdfium_c.FPDFText_GetCharOrigin(handle, index, x, y)
            size = pdfium_c.FPDFText_GetFontSize(handle, index)
            direction = 0
            if pdfium_c.FPDFText_GetMatrix(handle, index, matrix):
                scale = math.hypot(matrix.c, matrix.d)
                size = size * scale if scale > 0 else size
                direction = round(math.atan2(matrix.b, matrix.a) / (math.pi / 2)) % 4
            height = 0.0
            if pdfium_c.FPDFText_GetLooseCharBox(handle, index, box):
                height = abs(box.top - box.bottom)
            if size <= 0:
                size = height
            if code in _HYPHEN_MARKS or pdfium_c.FPDFText_IsHyphen(handle, index):
                glyphs.append(Glyph(HYPHEN_BREAK, size, x.value, y.value, height, True, direction))
                continue
            if pdfium_c.FPDFText_HasUnicodeMapError(handle, index) == 1 or 0xD800 <= code < 0xE000 or code > 0x10FFFF:
                char, unmapped = REPLACEMENT, unmapped + 1
            else:
                char = _LIGATURES.get(code) or (chr(code) if code >= 0x20 or code == 0x09 else "")
            if char == "\t":
                char = " "
            if char and char not in "\x7f\ufeff" and not 0x80 <= ord(char[0]) < 0xA0:
                weight = pdfium_c.FPDFText_GetFontWeight(handle, index)
                if weight <= 0:  # a font without a weight (a standard font, not embedded): its name says
                    weight = _weight_by_name(handle, index, name)
                glyphs.append(Glyph(char, size, x.value, y.value, height, True, direction, weight))
        glyphs, direction = _turned(glyphs)
        return PageGlyphs(glyphs, float(page.get_width()), float(page.get_height()), unmapped, direction)
    finally:
        textpage.close()
        page.close()
