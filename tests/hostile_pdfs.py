"""Hostile PDFs written byte by byte in the test, small on disk: nothing large is committed.

* :func:`inflating_pdf`: one page whose content stream is a Flate stream of zeros that inflates to
  ``inflated`` bytes (1 GB of zeros is about 1 MB compressed);
* :func:`many_pages_pdf`: ``pages`` pages sharing one small content stream;
* :func:`cyclic_xref_pdf`: a cross-reference section whose ``/Prev`` points at itself, and a
  page tree whose kid is its own parent;
* :func:`dense_text_pdf`: pages each showing ``chars`` characters of text (a text layer far larger
  than its file, since the page repeats one compressed string);
* the bomb behind other filters: :func:`double_flate_pdf` (Flate twice), :func:`hex_flate_pdf`
  (ASCIIHex then Flate), :func:`lzw_pdf` (LZW, written code by code: :func:`lzw_zeros`), and
  :func:`inline_image_pdf` (an inline image in the content stream), and :func:`object_stream_pdf`
  (the catalog itself in an object stream that inflates to 1.2 GB, PDF 1.5's cross-reference stream).
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
    body = _zeros_flate(inflated)
    return _text_and(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream", path)


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


# --- tried again (second session): other filters and places for a bomb ----------------------------------


def _text_and(bomb: bytes, path: Path) -> Path:
    """One page: a line of text, then the ``bomb`` object (a whole stream object) as its second content."""
    text = b"BT /F1 12 Tf 72 720 Td (A report whose next stream is a bomb.) Tj ET\n"
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


def double_flate_pdf(path: Path, inflated: int = 1200 * 2**20) -> Path:
    """The bomb compressed twice (``/Filter [/FlateDecode /FlateDecode]``): a smaller file, the same 1.2 GB."""
    body = zlib.compress(_zeros_flate(inflated), 9)
    return _text_and(
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(body) + body + b"\nendstream", path
    )


def hex_flate_pdf(path: Path, inflated: int = 1200 * 2**20) -> Path:
    """The bomb behind ASCIIHex (``/Filter [/ASCIIHexDecode /FlateDecode]``): twice the bytes, the same 1.2 GB."""
    body = _zeros_flate(inflated).hex().encode() + b">"
    return _text_and(b"<< /Length %d /Filter [/AHx /Fl] >>\nstream\n" % len(body) + body + b"\nendstream", path)


def inline_image_pdf(path: Path, inflated: int = 1200 * 2**20) -> Path:
    """An inline image (``BI ... ID ... EI``) in the content stream, Flate-compressed, declaring 20,000 x 20,000
    RGB pixels (1.2 GB) of zeros: the reader must skip it, not decode it, to read the text."""
    side = 20_000
    data = _zeros_flate(inflated)
    content = (
        b"BT /F1 12 Tf 72 720 Td (A report with an inline image.) Tj ET\n"
        b"q 100 0 0 100 72 500 cm BI /W %d /H %d /BPC 8 /CS /RGB /F /Fl /L %d ID "
        % (side, side, len(data))
        + data
        + b"\nEI Q\n"
    )
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(2, 4, 5),
        stream,
        _FONT,
    ]
    path.write_bytes(_pdf(objects))
    return path


def _lzw(data: bytes) -> bytes:
    """PDF's LZWDecode (early change 1), a plain encoder for small inputs (to check the bomb's reader)."""
    table = {bytes([i]): i for i in range(256)}
    codes, current = [256], b""
    for byte in data:
        grown = current + bytes([byte])
        if grown in table:
            current = grown
            continue
        codes.append(table[current])
        table[grown] = len(table) + 2  # 256 clear, 257 end
        current = bytes([byte])
        if len(table) + 2 >= 4094:
            codes.append(256)
            table = {bytes([i]): i for i in range(256)}
    if current:
        codes.append(table[current])
    codes.append(257)
    return _pack_lzw(codes)


def _pack_lzw(codes: list[int]) -> bytes:
    """Codes at their widths as a decoder reads them: 9 bits, then 10 from the 511th entry on (early change)."""
    bits, count, out, next_code, first = 0, 0, bytearray(), 258, True
    for code in codes:
        width = 9 if next_code + 1 < 512 else 10 if next_code + 1 < 1024 else 11 if next_code + 1 < 2048 else 12
        bits = (bits << width) | code
        count += width
        while count >= 8:
            count -= 8
            out.append((bits >> count) & 0xFF)
        bits &= (1 << count) - 1
        if code == 256:
            next_code, first = 258, True
        elif code != 257:
            if not first:
                next_code += 1
            first = False
    if count:
        out.append((bits << (8 - count)) & 0xFF)
    return bytes(out)


def lzw_zeros(inflated: int) -> bytes:
    """LZW codes for ``inflated`` NUL bytes (whitespace in a content stream), built without encoding them:
    after a clear, a run of zeros is the codes 0, 258, 259, ... each one zero longer than the last."""
    codes, left = [], inflated
    while left > 0:
        codes.append(256)
        codes.append(0)
        left -= 1
        length, code = 2, 258
        while left >= length and code < 4093:
            codes.append(code)
            left -= length
            length, code = length + 1, code + 1
        if left and code < 4093:
            codes += [0] * left
            left = 0
    codes.append(257)
    return _pack_lzw(codes)


def lzw_pdf(path: Path, inflated: int = 1200 * 2**20) -> Path:
    """The bomb as ``/LZWDecode``: runs of zeros at about 1,350 to 1 (1.2 GB from about 0.9 MB)."""
    body = lzw_zeros(inflated)
    return _text_and(b"<< /Length %d /Filter /LZWDecode >>\nstream\n" % len(body) + body + b"\nendstream", path)


def object_stream_pdf(path: Path, inflated: int = 1200 * 2**20) -> Path:
    """PDF 1.5: the catalog and the page tree in an object stream (``/Type /ObjStm``) that inflates to
    ``inflated`` bytes (its objects first, then zeros), found through a cross-reference stream."""
    catalog, pages = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    header = b"1 0 2 %d " % (len(catalog) + 1)
    first = len(header)
    prefix = header + catalog + b" " + pages + b" "
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = squeeze.compress(prefix) + squeeze.flush(zlib.Z_FULL_FLUSH)
    block = bytes(2**20)
    zeros = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = zeros.compress(block) + zeros.flush(zlib.Z_FULL_FLUSH)
    count = inflated // len(block)
    adler = zlib.adler32(prefix)
    for _ in range(count):
        adler = zlib.adler32(block, adler)
    data = b"\x78\xda" + head + piece * count + zeros.flush() + adler.to_bytes(4, "big")
    text = b"BT /F1 12 Tf 72 720 Td (A report whose catalog is in a bomb.) Tj ET\n"
    direct = {
        3: _page(2, 5, 6),
        4: b"<< /Type /ObjStm /N 2 /First %d /Length %d /Filter /FlateDecode >>\nstream\n" % (first, len(data))
        + data
        + b"\nendstream",
        5: _stream(text),
        6: _FONT,
    }
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number, body in direct.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    offsets[7] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    rows += [b"\x02" + (4).to_bytes(4, "big") + index.to_bytes(2, "big") for index in (0, 1)]  # objects 1, 2
    rows += [b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00" for n in (3, 4, 5, 6, 7)]
    table = b"".join(rows)
    out += (
        b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[7]
    )
    path.write_bytes(bytes(out))
    return path
