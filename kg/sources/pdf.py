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

The characters come from :mod:`kg.sources.pdf_glyphs` (surrogate halves joined, unmapped glyphs
as U+FFFD and counted, sizes as printed: font size times the text matrix's scale), are grouped
into lines by :mod:`kg.sources.pdf_lines`, and where each line stands on its page gives the
furniture and footnote zones of :mod:`kg.sources.pdf_geometry`, recorded in the page map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from kg.errors import InputError
from kg.sources.pdf_front import first_page
from kg.sources.pdf_geometry import LineBox, PageGeometry, recognise_geometry
from kg.sources.pdf_glyphs import TooManyCharsError, count_chars, read_page
from kg.sources.pdf_lines import Line, line_text, page_lines

#: The largest PDF ``kg add`` reads: 50 MB holds a long report with figures.
MAX_PDF_BYTES = 50 * 1024 * 1024
#: The most pages read: a long book has 1,000; a 20,000-page file is refused before its first page is read.
MAX_PDF_PAGES = 5_000
#: The most characters on one page: a dense page of 6-point type holds about 15,000 (the real corpus: 9,000).
MAX_PAGE_CHARS = 100_000
#: The most characters in all: the 10 MB a report text may have (``kg.sources.add.MAX_TEXT_BYTES``).
MAX_PDF_CHARS = 10 * 1024 * 1024


# PDFium's document-loading error codes (fpdfview.h). PDFium keeps the last error until the next one,
# so a code is trusted only with what it says in the file: a password error needs an /Encrypt entry.
_ERR_PASSWORD, _ERR_SECURITY = 4, 5


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF, the offsets where its pages start, and what its metadata and first page give.

    ``furniture`` and ``notes`` are what the pages' geometry shows (:mod:`kg.sources.pdf_geometry`):
    running heads and feet, page numbers, turned margin text; and the footnote zones at page feet.
    """

    text: str
    pages: tuple[int, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    title: str = ""  # the first page's largest line(s)
    authors: tuple[str, ...] = ()  # names on the line(s) under that title
    empty_pages: tuple[int, ...] = ()  # pages with no text (figures, or scans)
    unmapped: int = 0  # glyphs without a Unicode mapping, written as U+FFFD
    furniture: tuple[tuple[int, int], ...] = ()
    notes: tuple[tuple[int, int], ...] = ()
    raised: int = 0  # note markers printed raised, written as superscript digits
    bold_title: str = ""  # when no line is larger than the rest: the first bold line(s) in the top half


def _refuse(shown: str, message: str) -> InputError:
    return InputError(shown, 0, message)


def read_pdf(raw: bytes, shown: str) -> PdfText:
    """The text layer of a PDF, or an :class:`InputError` saying why it cannot be read and what to do.

    Whatever PDFium cannot make sense of is refused in one line: a PDF is input, and input never
    ends in a traceback.
    """
    import pypdfium2 as pdfium

    if len(raw) > MAX_PDF_BYTES:
        raise _refuse(shown, f"the PDF is {len(raw) / 1e6:.1f} MB; a PDF may be at most {MAX_PDF_BYTES // 2**20} MB")
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (_ERR_PASSWORD, _ERR_SECURITY) and b"/Encrypt" in raw:
            raise _refuse(
                shown,
                "this PDF is encrypted and needs a password to open: save an unencrypted copy "
                "(open it and print to PDF, or `qpdf --decrypt --password=... in.pdf out.pdf`) and add that",
            ) from exc
        why = "no document structure PDFium can read" if "Success" in str(exc) else str(exc)
        raise _refuse(shown, f"cannot read this PDF (is it damaged, or has it no pages?): {why}") from exc
    except MemoryError:  # the worker's ceiling (kg.sources.pdf_worker): reported as such, not as damage
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the reader on this input is the input's
        raise _refuse(shown, f"cannot read this PDF (is it damaged?): {type(exc).__name__}: {exc}") from exc
    try:
        read = _read_pages(document, shown)
        metadata = {k: str(v).strip() for k, v in document.get_metadata_dict().items() if str(v).strip()}
    except (InputError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001
        raise _refuse(shown, f"cannot read this PDF (is it damaged?): {type(exc).__name__}: {exc}") from exc
    finally:
        document.close()
    texts, geometry, starts, empty, first_lines, first_height, second, unmapped = read
    if len(empty) == len(texts):
        raise _refuse(
            shown,
            "this PDF has no text layer (a scan?): run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) "
            "and add the result",
        )
    title, authors, bold_title = first_page(first_lines, first_height, second)
    full = "\f".join(texts)
    found = recognise_geometry(full, geometry)
    raised = sum(1 for _ in re.finditer("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", full))
    return PdfText(
        full,
        tuple(starts),
        metadata,
        title,
        authors,
        tuple(empty),
        unmapped,
        found.furniture,
        found.notes,
        raised,
        bold_title,
    )


_Pages = tuple[
    list[str], list[PageGeometry], list[int], list[int], list[Line], float, tuple[list[Line], float] | None, int
]


def _read_pages(document: object, shown: str) -> _Pages:
    """Every page's text, geometry and start, page by page, with the caps checked before a page's characters
    are taken: the page count first, then each page's count of characters, alone and added to the pages before.

    Only one page's characters are held at a time (and the first two pages' lines, for the title: the
    second's when the first is a cover sheet), so what this holds grows with the text it keeps, never with
    the glyphs behind it.
    """
    count = len(document)  # type: ignore[arg-type]
    if count == 0:
        raise _refuse(shown, "the PDF has no pages: there is no text to extract")
    if count > MAX_PDF_PAGES:
        raise _refuse(shown, f"the PDF has {count:,} pages; a PDF may have at most {MAX_PDF_PAGES:,}")
    _check_counts(document, count, shown)
    texts: list[str] = []
    geometry: list[PageGeometry] = []
    starts: list[int] = []
    empty: list[int] = []
    first_lines: list[Line] = []
    first_height, unmapped, offset = 0.0, 0, 0
    second: tuple[list[Line], float] | None = None
    for n in range(count):
        try:
            page = read_page(document, n, min(MAX_PAGE_CHARS, MAX_PDF_CHARS - offset))
        except TooManyCharsError as exc:
            if exc.count > MAX_PAGE_CHARS:
                raise _refuse(
                    shown, f"page {n + 1} has {exc.count:,} characters; a page may have at most {MAX_PAGE_CHARS:,}"
                ) from None
            raise _refuse(
                shown,
                f"the text passes {MAX_PDF_CHARS // 2**20} MB at page {n + 1} of {count:,} "
                f"({offset + exc.count:,} characters); a report text may be at most {MAX_PDF_CHARS // 2**20} MB",
            ) from None
        lines = page_lines(page.glyphs)
        if not any(line.text() for line in lines):
            empty.append(n + 1)
        if n == 0:
            first_lines, first_height = lines, page.height
        elif n == 1:
            second = lines, page.height
        text, boxes = _page_text(lines, offset)
        texts.append(text)
        geometry.append(PageGeometry(page.width, page.height, boxes, page.direction != 0))
        starts.append(offset)
        offset += len(text) + 1
        unmapped += page.unmapped
    return texts, geometry, starts, empty, first_lines, first_height, second, unmapped


def _check_counts(document: object, count: int, shown: str) -> None:
    """Refuse a PDF whose pages hold more characters than the caps, counting page by page in C first.

    Taking a character costs about 20 µs in Python and counting it next to nothing, so a 10 MB text
    layer is refused in seconds by its count rather than minutes into taking it (the caps are checked
    again as the characters are taken).
    """
    total = 0
    for n in range(count):
        chars = count_chars(document, n)
        total += chars
        if chars > MAX_PAGE_CHARS:
            raise _refuse(shown, f"page {n + 1} has {chars:,} characters; a page may have at most {MAX_PAGE_CHARS:,}")
        if total > MAX_PDF_CHARS:
            raise _refuse(
                shown,
                f"the text passes {MAX_PDF_CHARS // 2**20} MB at page {n + 1} of {count:,} ({total:,} characters); "
                f"a report text may be at most {MAX_PDF_CHARS // 2**20} MB",
            )


def _box(line: Line, text: str, start: int) -> LineBox:
    """Where a line stands on its page, for the geometry of :mod:`kg.sources.pdf_geometry`."""
    printed = [g for g in line.chars if not g.char.isspace()] or line.chars
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    heights = sorted(g.height for g in printed)
    return LineBox(
        start + lead,
        start + lead + len(stripped),
        line.baseline,
        line.size,
        heights[len(heights) // 2],
        min(g.x for g in printed),
        max(g.x for g in printed),
        sum(g.upright for g in printed) * 2 > len(printed),
    )


def _page_text(lines: list[Line], offset: int) -> tuple[str, list[LineBox]]:
    """The page's lines, an empty line where the gap above a line is well over the page's line pitch.

    Beside the text, each line's box: its offsets (from ``offset``, where the page starts) and where it stands.
    """
    pitches = [
        a.baseline - b.baseline
        for a, b in zip(lines, lines[1:], strict=False)
        if a.size and b.size and 0 < a.baseline - b.baseline < 3 * max(a.size, b.size)
    ]
    pitch = median(pitches) if pitches else 0.0
    out: list[str] = []
    boxes: list[LineBox] = []
    at = offset
    previous: Line | None = None
    for line in lines:
        text = line_text(line)
        if not text.strip():
            continue
        if previous is not None and pitch and previous.baseline - line.baseline > 1.4 * pitch:
            if previous.baseline - line.baseline < 6 * pitch:  # not a jump to another column or the foot
                out.append("")
                at += 1
        out.append(text)
        boxes.append(_box(line, text, at))
        at += len(text) + 1
        previous = line
    return ("\n".join(out) + "\n" if out else ""), boxes
