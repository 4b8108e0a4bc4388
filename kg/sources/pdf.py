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
from kg.sources.pdf_glyphs import read_page
from kg.sources.pdf_lines import Line, line_text, page_lines

#: The largest PDF ``kg add`` reads: 50 MB holds a long report with figures.
MAX_PDF_BYTES = 50 * 1024 * 1024


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
    except Exception as exc:  # noqa: BLE001 - any failure of the reader on this input is the input's
        raise _refuse(shown, f"cannot read this PDF (is it damaged?): {type(exc).__name__}: {exc}") from exc
    try:
        if len(document) == 0:
            raise _refuse(shown, "the PDF has no pages: there is no text to extract")
        pages = [read_page(document, n) for n in range(len(document))]
        metadata = {k: str(v).strip() for k, v in document.get_metadata_dict().items() if str(v).strip()}
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _refuse(shown, f"cannot read this PDF (is it damaged?): {type(exc).__name__}: {exc}") from exc
    finally:
        document.close()
    lines_of = [page_lines(page.glyphs) for page in pages]
    empty = tuple(n + 1 for n, lines in enumerate(lines_of) if not any(line.text() for line in lines))
    if len(empty) == len(lines_of):
        raise _refuse(
            shown,
            "this PDF has no text layer (a scan?): run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) "
            "and add the result",
        )
    texts, geometry, starts, offset = [], [], [], 0
    for page, lines in zip(pages, lines_of, strict=True):
        text, boxes = _page_text(lines, offset)
        texts.append(text)
        geometry.append(PageGeometry(page.width, page.height, boxes, page.direction != 0))
        starts.append(offset)
        offset += len(text) + 1
    title, authors, bold_title = first_page(lines_of[0], pages[0].height)
    full = "\f".join(texts)
    found = recognise_geometry(full, geometry)
    unmapped = sum(page.unmapped for page in pages)
    raised = sum(1 for _ in re.finditer("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", full))
    return PdfText(
        full, tuple(starts), metadata, title, authors, empty, unmapped, found.furniture, found.notes, raised, bold_title
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
