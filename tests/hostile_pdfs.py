"""Hostile PDFs written byte by byte in the test, small on disk: nothing large is committed.

* :func:`inflating_pdf`: one page whose content stream is a Flate stream of zeros that inflates to
  ``inflated`` bytes (1 GB of zeros is about 1 MB compressed);
* :func:`many_pages_pdf`: ``pages`` pages sharing one small content stream;
* :func:`cyclic_xref_pdf`: a cross-reference section whose ``/Prev`` points at itself, and a
  page tree whose kid is its own parent;
* :func:`dense_text_pdf`: pages each showing ``chars`` characters of text (a text layer far larger
  than its file, since the page repeats one compressed string).
"""

from __future__ import annotations

import zlib
from pathlib import Path

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF of these objects (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, flate: bool = True) -> bytes:
    body = zlib.compress(data, 9) if flate else data
    return (
        b"<< /Length %d%s >>\nstream\n" % (len(body), b" /Filter /FlateDecode" if flate else b"")
        + body
        + b"\nendstream"
    )


def _page(kids_parent: int, contents: int, font: int) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (kids_parent, contents, font)
    )


def _zeros_flate(inflated: int) -> bytes:
    """A zlib stream of ``inflated`` zero bytes (a multiple of 1 MB), built from one compressed MB repeated.

    After a full flush, deflate starts afresh, so one compressed block of zeros can be repeated; the
    checksum at the end is the real one, so the stream is valid to the last byte.
    """
    block = bytes(2**20)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = squeeze.compress(block) + squeeze.flush(zlib.Z_FULL_FLUSH)
    count = inflated // len(block)
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + piece * count + squeeze.flush() + adler.to_bytes(4, "big")


def inflating_pdf(path: Path, inflated: int = 1200 * 2**20) -> Path:
    """One page, a line of text, and a content stream that inflates to ``inflated`` bytes of zeros."""
    text = b"BT /F1 12 Tf 72 720 Td (A report whose next stream is a bomb.) Tj ET\n"
    body = _zeros_flate(inflated)
    bomb = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R] "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        _stream(text),
        bomb,
        _FONT,
    ]
    path.write_bytes(_pdf(objects))
    return path


def many_pages_pdf(path: Path, pages: int = 20_000) -> Path:
    """``pages`` pages (in a two-level page tree), each showing one short line from one shared stream."""
    text = _stream(b"BT /F1 12 Tf 72 720 Td (One more page of a very long report.) Tj ET\n")
    first_page = 5
    leaves = 100
    groups = (pages + leaves - 1) // leaves
    first_group = first_page + pages
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (first_group + g) for g in range(groups)), pages),
        text,
        _FONT,
    ]
    for n in range(pages):
        objects.append(_page(first_group + n // leaves, 3, 4))
    for g in range(groups):
        kids = range(first_page + g * leaves, first_page + min(pages, (g + 1) * leaves))
        objects.append(
            b"<< /Type /Pages /Parent 2 0 R /Kids [%s] /Count %d >>"
            % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
        )
    path.write_bytes(_pdf(objects))
    return path


def dense_text_pdf(path: Path, pages: int, chars: int) -> Path:
    """``pages`` pages each showing ``chars`` characters (lines of 100) from one shared, compressed stream."""
    line = b"(" + b"All work and no play makes a dull report. " * 2 + b"abcdefghijklmn) Tj T* "
    per_line = 100
    lines = max(1, chars // per_line)
    content = b"BT /F1 2 Tf 2 TL 10 830 Td " + line * lines + b"ET\n"
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + n) for n in range(pages)), pages),
        _stream(content),
        _FONT,
    ]
    objects += [_page(2, 3, 4) for _ in range(pages)]
    path.write_bytes(_pdf(objects))
    return path


def cyclic_xref_pdf(path: Path) -> Path:
    """A PDF whose only cross-reference section names itself as the previous one (``/Prev``), and whose
    page tree's kid is the tree itself: a reader that follows either without a guard never ends."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    ]
    data = _pdf(objects)
    xref = data.rindex(b"startxref\n") + len(b"startxref\n")
    at = int(data[xref : data.index(b"\n", xref)])
    path.write_bytes(data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % at))
    return path
