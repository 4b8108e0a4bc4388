"""A PDF's text layer as one text, with the page each character stands on and what its first page says.

PDFium (through pypdfium2, Apache-2.0 / BSD-3-Clause) reads the text layer. It gives, per
character, its code point, font size and baseline origin, and marks the spaces and line breaks it
infers and the hyphens that end a line; that is all that is needed here, and it gives it about six
times faster than pdfminer (pdfplumber's engine, 1.0 s against 5.9 s for 50 dense pages). pypdf
gives text runs with their matrices rather than characters. PDFium is Chrome's PDF engine, so it
reads the fonts and encodings found in the wild, and it keeps the content stream's reading order,
which for the usual producers reads a two-column page column by column.

The text is built once, here, and stored unchanged in ``corpus/``: every anchor points into it.
Lines end with ``\\n``; a vertical gap well above the page's usual line pitch gives an empty line
(a paragraph break as printed); pages are separated by a form feed (``\\f``), as ``pdftotext``
separates them. Digits printed smaller and raised above their line (note markers) are written
as superscript digits (``¹²``), which is what the page shows; a hyphen PDFium marks as ending a
line is written as ``-`` followed by the line break. Latin ligatures (``ﬁ``) are written as
their letters, and control characters are left out. Nothing else is changed: running heads,
page numbers and hyphenated words stay in the text; :mod:`kg.sources.layout` recognises them.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from kg.errors import InputError

#: The largest PDF ``kg add`` reads: 50 MB holds a long report with figures.
MAX_PDF_BYTES = 50 * 1024 * 1024

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
_HYPHEN_MARKS = {0x02, 0xFFFE, 0xAD}  # how PDFium reports a hyphen it takes to end a line

# PDFium's document-loading error codes (fpdfview.h).
_ERR_PASSWORD, _ERR_SECURITY = 4, 6


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF, the offsets where its pages start, and what its metadata and first page give."""

    text: str
    pages: tuple[int, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    title: str = ""  # the first page's largest line(s)
    authors: tuple[str, ...] = ()  # names on the line(s) under that title
    empty_pages: tuple[int, ...] = ()  # pages with no text (figures, or scans)


@dataclass
class _Line:
    chars: list[tuple[str, float, float, float]]  # (character, font size, x, baseline y)
    size: float = 0.0
    baseline: float = 0.0

    def text(self) -> str:
        return "".join(c[0] for c in self.chars).strip()


def _refuse(shown: str, message: str) -> InputError:
    return InputError(shown, 0, message)


def read_pdf(raw: bytes, shown: str) -> PdfText:
    """The text layer of a PDF, or an :class:`InputError` saying why it cannot be read and what to do."""
    import pypdfium2 as pdfium

    if len(raw) > MAX_PDF_BYTES:
        raise _refuse(shown, f"the PDF is {len(raw) / 1e6:.1f} MB; a PDF may be at most {MAX_PDF_BYTES // 2**20} MB")
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (_ERR_PASSWORD, _ERR_SECURITY):
            raise _refuse(
                shown,
                "this PDF is encrypted and needs a password to open: save an unencrypted copy "
                "(open it and print to PDF, or `qpdf --decrypt --password=... in.pdf out.pdf`) and add that",
            ) from exc
        raise _refuse(shown, f"cannot read this PDF (is it damaged?): {exc}") from exc
    try:
        if len(document) == 0:
            raise _refuse(shown, "the PDF has no pages: there is no text to extract")
        page_lines = [_page_lines(document, n) for n in range(len(document))]
        metadata = {k: str(v).strip() for k, v in document.get_metadata_dict().items() if str(v).strip()}
    finally:
        document.close()
    empty = tuple(n + 1 for n, lines in enumerate(page_lines) if not any(line.text() for line in lines))
    if len(empty) == len(page_lines):
        raise _refuse(
            shown,
            "this PDF has no text layer (a scan?): run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) "
            "and add the result",
        )
    texts = [_page_text(lines) for lines in page_lines]
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    title, authors = _first_page(page_lines[0])
    return PdfText("\f".join(texts), tuple(starts), metadata, title, authors, empty)


def _page_lines(document: object, number: int) -> list[_Line]:
    """A page's characters, grouped into lines, each line's usual font size and baseline measured."""
    import pypdfium2.raw as pdfium_c

    page = document[number]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        x, y = ctypes.c_double(), ctypes.c_double()
        lines: list[_Line] = []
        current: list[tuple[str, float, float, float]] = []
        for i in range(pdfium_c.FPDFText_CountChars(handle)):
            code = pdfium_c.FPDFText_GetUnicode(handle, i)
            if code in (0x0D, 0x0A):
                if code == 0x0A:
                    lines.append(_Line(current))
                    current = []
                continue
            pdfium_c.FPDFText_GetCharOrigin(handle, i, x, y)
            size = pdfium_c.FPDFText_GetFontSize(handle, i)
            if code in _HYPHEN_MARKS or pdfium_c.FPDFText_IsHyphen(handle, i):
                current.append(("-", size, x.value, y.value))
                lines.append(_Line(current))
                current = []
                continue
            char = _LIGATURES.get(code) or (chr(code) if code >= 0x20 or code == 0x09 else "")
            if char == "\t":
                char = " "
            if char:
                current.append((char, size, x.value, y.value))
        if current:
            lines.append(_Line(current))
    finally:
        textpage.close()
        page.close()
    for line in lines:
        _measure(line)
    return _rejoin(lines)


def _rejoin(lines: list[_Line]) -> list[_Line]:
    """Lines PDFium broke where a raised marker changed the baseline, joined again.

    A break is undone when the next piece sits on the same baseline and goes on to the right.
    """
    joined: list[_Line] = []
    for line in lines:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.size
            and line.size
            and last.chars
            and line.chars
            and abs(line.baseline - last.baseline) < _tolerance(last, line)
            and line.chars[0][2] > last.chars[-1][2]
            and last.chars[-1][0] != "-"
        ):
            gap = [] if last.chars[-1][0].isspace() or line.chars[0][0].isspace() else [(" ", 0.0, 0.0, 0.0)]
            last.chars += gap + line.chars
            _measure(last)
        else:
            joined.append(line)
    return joined


def _tolerance(last: _Line, line: _Line) -> float:
    """How far apart two pieces' baselines may be and still be one line: more when one is only a raised marker."""
    marker = all(c[0].isdigit() or c[0] in ",-– " for c in last.chars) and last.size < line.size
    return (0.6 if marker else 0.3) * max(last.size, line.size)


def _measure(line: _Line) -> None:
    """The line's usual font size (most of its letters) and its baseline (where those letters sit)."""
    sizes = Counter(round(s, 1) for c, s, _, _ in line.chars if not c.isspace())
    if not sizes:
        return
    line.size = sizes.most_common(1)[0][0]
    baselines = Counter(round(b, 1) for c, s, _, b in line.chars if round(s, 1) == line.size and not c.isspace())
    line.baseline = baselines.most_common(1)[0][0]


def _is_raised(line: _Line, size: float, baseline: float) -> bool:
    """Printed smaller than the line's letters and above their baseline: a superscript."""
    return bool(line.size) and size <= 0.85 * line.size and baseline - line.baseline >= 0.2 * line.size


def _line_text(line: _Line) -> str:
    out = []
    for char, size, _, baseline in line.chars:
        if char.isdigit() and char.isascii() and _is_raised(line, size, baseline):
            char = char.translate(_SUPERSCRIPT)
        out.append(char)
    return "".join(out).rstrip()


def _page_text(lines: list[_Line]) -> str:
    """The page's lines, an empty line where the gap above a line is well over the page's line pitch."""
    pitches = [
        a.baseline - b.baseline
        for a, b in zip(lines, lines[1:], strict=False)
        if a.size and b.size and 0 < a.baseline - b.baseline < 3 * max(a.size, b.size)
    ]
    pitch = median(pitches) if pitches else 0.0
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        text = _line_text(line)
        if not text.strip():
            continue
        if previous is not None and pitch and previous.baseline - line.baseline > 1.4 * pitch:
            if previous.baseline - line.baseline < 6 * pitch:  # not a jump to another column or the foot
                out.append("")
        out.append(text)
        previous = line
    return "\n".join(out) + "\n" if out else ""


_NAME = re.compile(r"^(?:[A-Z][\w’'.-]*\.?)(?:\s+(?:[A-Z][\w’'.-]*|van|von|de|der|da|del|la|le))*$")


def _first_page(lines: list[_Line]) -> tuple[str, tuple[str, ...]]:
    """The title (the largest line or lines, in the top half of the first page) and the names under it."""
    sized = [line for line in lines if line.size and line.text()]
    if not sized:
        return "", ()
    body = median(line.size for line in sized)
    top = max(line.size for line in sized[: max(1, len(sized) // 2)])
    if top < 1.15 * body:
        return "", ()
    start = next(i for i, line in enumerate(sized) if line.size == top)
    end = start
    while end < len(sized) and sized[end].size == top:
        end += 1
    title = " ".join(_line_text(line).strip() for line in sized[start:end])
    title = re.sub(r"-\s+(?=[a-z])", "", title) if "-" in title else title
    for line in sized[end : end + 3]:
        names = _names_on(_line_text(line))
        if names:
            return title, names
    return title, ()


def _names_on(line: str) -> tuple[str, ...]:
    """The people a byline names (``Jane Doe, John Roe and Ann Poe``), or nothing if it is not a byline."""
    bare = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹*†‡§]+", "", line)
    parts = [p.strip(" ,;") for p in re.split(r",|;|\band\b|&", bare) if p.strip(" ,;")]
    if not parts or len(parts) > 12:
        return ()
    if all(_NAME.match(p) and 2 <= len(p.split()) <= 5 for p in parts):
        return tuple(parts)
    return ()
