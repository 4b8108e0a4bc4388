"""The report's own year and DOI from what its first page prints, and authors never taken from the software."""

from __future__ import annotations

import pytest

from kg.sources.first_page import first_doi, publication_year
from kg.sources.pdf import PdfText, read_pdf
from kg.sources.report_entry import ReportFacts, report_entry


@pytest.mark.parametrize(
    ("page", "year", "said"),
    [
        ("Policy Brief\nVol. 29 No. 2, 2007\nReceived 12 March 2006", "2007", "its citation line"),
        (
            "Received: March 3, 2019 / Accepted: May 1, 2020\nCriminology & Public Policy 21:35–58 (2022)",
            "2022",
            "its citation line",
        ),
        ("Journal of Statistical Software (2015). 67(1), 1-48.", "2015", "its citation line"),
        ("Received 4 May 2018; accepted 9 June 2019\n© 2020 The Authors", "2020", "a copyright or publication line"),
        ("Received 4 May 2018; revised 2 January 2019", "", ""),
        ("Draft version February 26, 2021", "2021", "a dated line"),
        ("A version of our paper in the Journal of Statistical Software (2008, 27(8)).", "2008", "its citation line"),
        (
            "This is a (slightly) modified version of Zeileis\n(2004), published in the Journal of Statistics.",
            "2004",
            "the publication it is a version of",
        ),
        (
            "A previous version has been published as\nZeileis and Grothendieck (2005) in the Journal.",
            "2005",
            "the publication it is a version of",
        ),
        (
            "The original paper is:\nnetwork: A Package in R. Journal of Statistical Software 24:2,\n2008.",
            "2008",
            "its citation line",
        ),
        (
            "Suggested Citation:\nDoe, Ann: Title. In: Social Inclusion 5 (2017), 2, pp. 241-249.",
            "2017",
            "its citation line",
        ),
        (
            "This paper has been published in the Journal of Statistical Software (Meyer, Zeileis,\nand Hornik 2006).",
            "2006",
            "the publication it is a version of",
        ),
        ("The meeting ran from 10:30, 2008 rooms aside.\nReceived 4 May 2018", "", ""),
    ],
)
def test_the_year_is_the_publication_and_never_the_review(page, year, said):
    assert publication_year(page) == (year, said)


def test_a_doi_on_the_first_page():
    assert first_doi("doi: 10.18637/jss.v067.i01.\nMore") == "10.18637/jss.v067.i01"
    assert first_doi("no identifier here") == ""


def _entry(metadata: dict[str, str], text: str, title: str = "", authors: tuple[str, ...] = ()):
    pdf = PdfText(text, (0,), metadata, title, authors)
    return report_entry("r", ReportFacts(), None, text, pdf, "r.pdf")


def test_the_first_page_ranks_above_the_metadata():
    text = "Where Sellers Go\nJane Doe, John Roe\nReceived 3 May 2019; accepted 1 June 2020\nVol. 12 No. 3, 2021\n"
    entry = _entry(
        {
            "Title": "apssamp.dvi",
            "Author": "Microsoft Office User",
            "Creator": "Microsoft Word",
            "CreationDate": "D:2023",
        },
        text,
        "Where Sellers Go",
        ("Jane Doe", "John Roe"),
    )
    assert (entry.title, entry.authors, entry.fields["year"]) == ("Where Sellers Go", ("Jane Doe", "John Roe"), "2021")
    assert "year from the PDF's first page (its citation line)" in entry.fields["basis"]


@pytest.mark.parametrize("author", ["office-2007", "Supreme", "Acrobat PDFMaker 11", "dvips(k) 5.96"])
def test_the_software_or_a_machine_account_is_never_the_author(author):
    entry = _entry(
        {"Title": "A Report on Gardens", "Author": author, "Creator": "dvips(k) 5.96"}, "A Report on Gardens\n"
    )
    assert entry.authors == () and entry.title == "A Report on Gardens"


def test_metadata_names_the_first_page_prints_are_the_fuller_byline():
    text = "Fitting Models\nDouglas Bates, Martin Mächler\nBenjamin M. Bolker, Steven C. Walker\n"
    meta = {"Author": "Douglas Bates, Martin Mächler, Ben Bolker, Steve Walker"}
    entry = _entry(meta, text, "Fitting Models", ("Douglas Bates", "Martin Mächler"))
    assert len(entry.authors) == 4 and "names its first page prints" in entry.fields["basis"]


def test_a_byline_of_names_set_apart_with_affiliations_between_them():
    """As ACM and JSS set it: names apart by wide gaps, each over an affiliation in a smaller size."""
    from harness.pdfs import raw_pdf
    from kg.sources.pdf import read_pdf

    def line(size: int, x: int, y: int, text: bytes) -> bytes:
        return b"BT /F1 %d Tf 1 0 0 1 %d %d Tm (%s) Tj ET " % (size, x, y, text)

    content = (
        line(18, 40, 270, b"Where Sellers Go Next")
        + line(12, 20, 245, b"Jane Doe")
        + line(12, 150, 245, b"John Roe")
        + line(12, 280, 245, b"Ann Poe")
        + line(9, 20, 233, b"University of Lagos")
        + line(9, 150, 233, b"Policy Research Group")
        + line(12, 20, 215, b"Maria Reyes")
        + line(9, 20, 203, b"Daily Ledger Inc")
        + line(10, 20, 185, b"Abstract")
        + b"".join(
            line(10, 20, 170 - 12 * n, b"Body text of the report runs on here, line after line.") for n in range(8)
        )
    )
    read = read_pdf(raw_pdf(content), "b.pdf")
    assert read.title == "Where Sellers Go Next"
    assert read.authors == ("Jane Doe", "John Roe", "Ann Poe", "Maria Reyes")


def test_a_bold_heading_stands_in_for_a_title_no_larger_than_the_text():
    from harness.pdfs import raw_pdf

    def line(font: bytes, y: int, text: bytes) -> bytes:
        return b"BT /%s 12 Tf 1 0 0 1 40 %d Tm (%s) Tj ET " % (font, y, text)

    content = (
        line(b"F1", 280, b"RUNNING HEAD 1")
        + line(b"F2", 250, b"Sample Report on Community Gardens")
        + line(b"F1", 230, b"Daniel A. Weiss")
        + b"".join(
            line(b"F1", 200 - 14 * n, b"Body text of the report runs on here, line after line.") for n in range(10)
        )
    )
    read = read_pdf(raw_pdf(content), "b.pdf")
    assert (read.title, read.bold_title, read.authors) == (
        "",
        "Sample Report on Community Gardens",
        ("Daniel A. Weiss",),
    )
    entry = report_entry("r", ReportFacts(), None, read.text, read, "b.pdf")
    assert entry.title == "Sample Report on Community Gardens"
    assert "title from the PDF's first page (its bold heading)" in entry.fields["basis"]
    with_metadata = PdfText(read.text, read.pages, {"Title": "Community Gardens"}, bold_title=read.bold_title)
    assert report_entry("r", ReportFacts(), None, read.text, with_metadata, "b.pdf").title == "Community Gardens"


def test_a_byline_read_whole_with_its_marks_on_the_baseline_beats_a_metadata_of_one_name():
    from kg.sources.byline import names_on as _names_on

    line = "Cristiano De Marchis1,2,3*, Thiago Santos Monteiro1,2, Cristina Simon-Martinez1,2, Silvia Conforto3"
    names = _names_on(line) + _names_on("and Alireza Gharabaghi1,2*")
    assert names == (
        "Cristiano De Marchis",
        "Thiago Santos Monteiro",
        "Cristina Simon-Martinez",
        "Silvia Conforto",
        "Alireza Gharabaghi",
    )
    text = "Multi-contact stimulation\n" + line + "\nand Alireza Gharabaghi1,2*\n"
    entry = _entry({"Author": "Cristiano De Marchis"}, text, "Multi-contact stimulation", names)
    assert len(entry.authors) == 5 and "author from the PDF's first page" in entry.fields["basis"]


def test_an_agency_report_is_the_work_of_the_body_its_cover_names():
    from kg.sources.first_page import cover_body

    text = "United States Government Accountability Office\n\nGAO\n\nReport to Congressional Requesters\n\nCRUDE OIL\n"
    meta = {"Title": "GAO-07-283 Crude Oil", "Author": "U.S. Government Accountability Office, http://www.gao.gov"}
    entry = _entry(meta, text)
    assert entry.authors == ("United States Government Accountability Office",)
    assert "author from the PDF's cover" in entry.fields["basis"]
    assert cover_body("Office of Juvenile Justice and Delinquency Prevention\nBulletin\n") != ""
    # a journal's header, a title, a running head: no body
    for page in ("Journal of Statistical Software\nMay 2015", "Fitting Models Using lme4\nDouglas Bates", "Page 3\n"):
        assert cover_body(page) == ""


def _two_pages(first: list[tuple[int, int, str]], second: list[tuple[int, int, str]]) -> bytes:
    """A PDF of two pages, each a list of (size, y, text) lines at the left margin."""
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(400, 300))
    for lines in (first, second):
        for size, y, text in lines:
            page.setFont("Helvetica", size)
            page.drawString(20, y, text)
        page.showPage()
    page.save()
    return out.getvalue()


_BODY = [(9, 120 - 11 * n, "Body text of the article runs on here, line after line, as prose does.") for n in range(8)]


def test_a_cover_sheet_citing_the_article_gives_way_to_the_article_s_first_page():
    """A publisher's cover sheet: the journal's name set large, the article cited in small print."""
    cover = [
        (28, 260, "Field Review"),
        (9, 230, "Doe, Jane (2014), Gardens and Markets in Lagos: A Case Study, in:"),
        (9, 219, "Field Review, 12, 3, 45-67."),
        (9, 200, "Published by the Institute of Field Studies. An Open Access publication."),
    ]
    article = [(16, 260, "Gardens and Markets in Lagos: A Case Study"), (11, 240, "Jane Döe"), *_BODY]
    read = read_pdf(_two_pages(cover, article), "c.pdf")
    assert (read.title, read.authors) == ("Gardens and Markets in Lagos: A Case Study", ("Jane Döe",))


def test_a_first_page_that_does_not_cite_the_next_keeps_its_own_title():
    first = [(16, 260, "Gardens and Markets in Lagos"), (11, 240, "Jane Doe"), *_BODY]
    second = [(14, 260, "Methods of the Study and Its Sample"), *_BODY]
    read = read_pdf(_two_pages(first, second), "c.pdf")
    assert (read.title, read.authors) == ("Gardens and Markets in Lagos", ("Jane Doe",))
