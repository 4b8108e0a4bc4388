"""A PDF read from its glyphs' geometry: characters outside the BMP, unmapped glyphs, sizes set by the text
matrix, raised markers, footnote zones, furniture, two columns, and PDFs the reader cannot handle.

The PDFs are laid out here (``harness.pdfs``); each case is one that broke ``kg add`` on real reports:
a math italic letter came out as two UTF-16 halves (a traceback when the text was stored), and a
producer that sets every font to size 1 and scales the text matrix hid every note marker and the title.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.pdfbase.pdfmetrics import stringWidth

from harness.pdfs import PdfSpec, raw_pdf, write_pdf
from kg.cli import main
from kg.errors import InputError
from kg.project import ProjectPaths
from kg.project.init import init_project
from kg.sources.pdf import read_pdf
from kg.sources.reports import load_reports

BODY = """# Background

Community gardens have multiplied in European cities since the financial crisis. Researchers disagree about
what the gardens achieve, and whether well-known examples from Berlin say anything about smaller cities.^1

# The survey

Between April and September we visited 27 gardens in four cities and interviewed 153 gardeners (𝑛𝑜 = 153) about
their plots, their neighbours and the leases that let them stay on the land for another season or two.

Gardeners visited their plots on average three times a week, and the most committed visited daily during the
growing season. Asked whether they had met neighbours through the garden, most said yes.^2

[^1]: Moreau, C. (2018) Growing Together. Berlin: Springer.
[^2]: Silva, R. (2020) Plots and Neighbours. Lisbon: Tinta.
"""
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # has the mathematical italic letters


def _spec(**kwargs: object) -> PdfSpec:
    return PdfSpec(
        "Community Gardens in Southern Europe",
        BODY,
        ["Rosa Almeida", "Tom Weber"],
        footnotes=True,
        pagesize=A5,
        **kwargs,
    )  # type: ignore[arg-type]


def _add(tmp_path: Path, pdf: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, ProjectPaths, str]:
    paths = init_project(tmp_path / "project")
    code = main(["--project", str(paths.root), "add", str(pdf), "--id", "gardens"])
    return code, ProjectPaths.discover(paths.root), capsys.readouterr().err


@pytest.mark.skipif(not SERIF.exists(), reason="needs DejaVu Serif for a mathematical italic letter")
def test_a_letter_outside_the_bmp_is_one_character_and_the_report_is_added(tmp_path, capsys):
    pdf = write_pdf(tmp_path / "math.pdf", _spec(font_file=str(SERIF)))
    text = read_pdf(pdf.read_bytes(), "math.pdf").text
    assert "(𝑛𝑜 = 153)" in text  # U+1D45B U+1D45C, each one code point
    assert not any(0xD800 <= ord(ch) < 0xE000 for ch in text)
    code, paths, _ = _add(tmp_path, pdf, capsys)
    assert code == 0 and "𝑛𝑜" in (paths.corpus / "gardens.txt").read_text(encoding="utf-8")


def test_a_glyph_without_a_unicode_mapping_is_a_replacement_character_and_counted(tmp_path, capsys):
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [120 /g42] >> >>"
    pdf = tmp_path / "unmapped.pdf"
    pdf.write_bytes(raw_pdf(b"BT /F1 12 Tf 72 200 Td (The slope x was 153 in every garden.) Tj ET", font))
    read = read_pdf(pdf.read_bytes(), "unmapped.pdf")
    assert read.text == "The slope \ufffd was 153 in every garden.\n" and read.unmapped == 1
    code, _, err = _add(tmp_path, pdf, capsys)
    assert code == 0 and "1 glyphs without a Unicode mapping (written as U+FFFD)" in err


def test_fonts_of_size_one_scaled_by_the_text_matrix_show_markers_title_and_byline(tmp_path):
    """Every glyph reports font size 1; the printed size is in the matrix (the case that hid everything)."""
    read = read_pdf(write_pdf(tmp_path / "m.pdf", _spec(matrix_fonts=True)).read_bytes(), "m.pdf")
    assert read.title == "Community Gardens in Southern Europe"
    assert read.authors == ("Rosa Almeida", "Tom Weber")
    assert "smaller cities.¹" in read.text and "most said yes.²" in read.text and read.raised >= 4
    # the footnote zone: both notes, one stretch of the text, and nothing of the running text above it
    assert [read.text[a:b] for a, b in read.notes] == [
        "¹ Moreau, C. (2018) Growing Together. Berlin: Springer.\n"
        "² Silva, R. (2020) Plots and Neighbours. Lisbon: Tinta."
    ]
    assert [read.text[a:b] for a, b in read.furniture] == ["1"]  # the page number, by where it stands


def test_the_page_map_records_the_geometry_and_the_build_reads_it(tmp_path, capsys):
    code, paths, err = _add(tmp_path, write_pdf(tmp_path / "g.pdf", _spec(matrix_fonts=True)), capsys)
    assert code == 0 and "raised note markers" in err
    data = json.loads((paths.corpus / "gardens.pages.json").read_text(encoding="utf-8"))
    text = (paths.corpus / "gardens.txt").read_text(encoding="utf-8")
    assert [text[a:b] for a, b in data["notes"]][0].startswith("¹ Moreau")
    [report] = load_reports(paths)
    assert report.layout is not None
    assert tuple(tuple(span) for span in data["notes"]) == report.layout.notes
    assert {tuple(span) for span in data["furniture"]} <= set(report.layout.furniture)


def test_a_page_map_without_geometry_reads_as_before(tmp_path, capsys):
    code, paths, _ = _add(tmp_path, write_pdf(tmp_path / "g.pdf", _spec()), capsys)
    map_path = paths.corpus / "gardens.pages.json"
    data = json.loads(map_path.read_text(encoding="utf-8"))
    with_geometry = next(r for r in load_reports(paths)).layout
    for key in ("furniture", "notes"):
        data.pop(key, None)
    map_path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    # the page map's checksum is in reports.bib: write it again for the edited map
    bib = paths.reports_bib.read_text(encoding="utf-8")
    old = next(line for line in bib.splitlines() if "pagemapsha256" in line)
    new_sum = hashlib.sha256(map_path.read_bytes()).hexdigest()
    paths.reports_bib.write_text(bib.replace(old, old.split("=")[0] + "= {" + new_sum + "},"), encoding="utf-8")
    [report] = load_reports(paths)
    assert code == 0 and report.layout is not None and report.layout.notes == ()
    assert report.layout.pages == with_geometry.pages  # type: ignore[union-attr]
    assert set(report.layout.furniture) <= set(with_geometry.furniture)  # type: ignore[union-attr]


def test_two_columns_read_column_by_column_with_each_columns_footnotes(tmp_path):
    spec = PdfSpec("Community Gardens in Southern Europe", BODY * 3, ["Rosa Almeida"], footnotes=True, columns=2)
    read = read_pdf(write_pdf(tmp_path / "c.pdf", spec).read_bytes(), "c.pdf")
    flat = " ".join(read.text.split())
    assert flat.index("Between April and September") < flat.index("Gardeners visited their plots")
    assert any(read.text[a:b].startswith("¹ Moreau") for a, b in read.notes)


BROKEN = {
    "truncated": lambda good: good[: len(good) // 2],
    "garbage after the header": lambda good: good[:9] + bytes(range(256)) * 40,
    "header only": lambda good: b"%PDF-1.7\n",
    "zero pages": lambda good: raw_pdf(b"", pages=0),
    "no xref": lambda good: good[: good.rindex(b"xref")],
    "junk before the header": lambda good: b"GPL Ghostscript 10.02.0\n" + good,
    "every byte flipped after the header": lambda good: good[:16] + bytes(b ^ 0x5A for b in good[16:]),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_pdf_is_read_or_refused_in_one_line(tmp_path, capsys, name):
    good = write_pdf(tmp_path / "good.pdf", _spec()).read_bytes()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(BROKEN[name](good))
    code, _, err = _add(tmp_path, bad, capsys)
    assert code in (0, 2)
    if code == 2:
        assert err.strip().count("\n") == 0 and err.startswith("error: ") and str(bad) in err


def test_an_encrypted_pdf_is_refused_in_one_line(tmp_path, capsys):
    locked = write_pdf(tmp_path / "l.pdf", PdfSpec("Locked", "# A\n\nText.", encrypt="secret"))
    code, _, err = _add(tmp_path, locked, capsys)
    assert code == 2 and err.strip().count("\n") == 0 and "encrypted" in err
    with pytest.raises(InputError, match="has it no pages"):  # not "encrypted", the reader's previous error
        read_pdf(raw_pdf(b"", pages=0), "z.pdf")


def test_pieces_of_a_line_written_out_of_order_read_left_to_right():
    """PDFium orders the pieces of a line by where they stand; the line building must keep that."""
    content = (
        b"BT /F1 10 Tf 1 0 0 1 150 200 Tm (seems to be far from ideal.) Tj 1 0 0 1 20 200 Tm (The way of life) Tj ET"
    )
    assert read_pdf(raw_pdf(content), "o.pdf").text == "The way of life seems to be far from ideal.\n"


def test_a_page_set_sideways_keeps_its_text_and_a_turned_slug_is_furniture():
    sideways = b"".join(
        b"BT /F1 10 Tf 0 1 -1 0 %d 40 Tm (Row %d of the table runs up the page.) Tj ET " % (60 + 14 * n, n)
        for n in range(8)
    )
    read = read_pdf(raw_pdf(sideways), "s.pdf")
    assert "Row 7 of the table runs up the page." in read.text and read.furniture == ()
    upright = b"".join(
        b"BT /F1 10 Tf 1 0 0 1 40 %d Tm (Line %d of the text runs across the page.) Tj ET " % (260 - 14 * n, n)
        for n in range(8)
    )
    slug = b"BT /F1 6 Tf 0 1 -1 0 12 40 Tm (jbell on DSK with PROPOSALS) Tj ET"
    read = read_pdf(raw_pdf(upright + slug), "u.pdf")
    assert [read.text[a:b] for a, b in read.furniture] == ["jbell on DSK with PROPOSALS"]


def test_markers_drawn_after_their_line_are_put_where_they_stand():
    """WordPerfect through Acrobat PDFWriter draws a line's superscripts after the line (a real government report)."""
    after = 40 + stringWidth("The Copyright Act (DMCA)", "Helvetica", 12) + 0.5  # where the marker stands
    content = (
        b"BT /F1 12 Tf 1 0 0 1 40 250 Tm (The Copyright Act \\(DMCA\\) was signed into law by) Tj ET "
        b"BT /F1 12 Tf 1 0 0 1 40 236 Tm (the President on October 28, 1998, as it says here.) Tj ET "
        + b"BT /F1 7 Tf 1 0 0 1 %.1f 255 Tm (1) Tj ET "
        % after
        + b"BT /F1 10 Tf 1 0 0 1 45 60 Tm (Pub. L. No. 105-304, 112 Stat. 2860 \\(Oct. 28, 1998\\).) Tj ET "
        b"BT /F1 6 Tf 1 0 0 1 40 64 Tm (1) Tj ET"
    )
    text = read_pdf(raw_pdf(content), "d.pdf").text
    assert "Act (DMCA)¹ was signed" in text
    assert "¹ Pub. L. No. 105-304, 112 Stat. 2860 (Oct. 28, 1998)." in text


def test_a_footnote_ends_with_its_zone_where_the_next_column_follows(tmp_path):
    from kg.extract.citations.notes import find_notes
    from kg.sources.layout import recognise_layout

    spec = PdfSpec("Community Gardens in Southern Europe", BODY * 3, ["Rosa Almeida"], footnotes=True, columns=2)
    read = read_pdf(write_pdf(tmp_path / "c.pdf", spec).read_bytes(), "c.pdf")
    layout = recognise_layout(read.text, read.pages, read.furniture, read.notes)
    notes = {n.number: read.text[n.start : n.end] for n in find_notes(read.text, [], layout)}
    assert notes[2] == "Silva, R. (2020) Plots and Neighbours. Lisbon: Tinta."  # not on into the next column
