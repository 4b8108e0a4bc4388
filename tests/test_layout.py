"""A PDF's text layer and its pages: what is read, what is recognised as page furniture, what is read through.

The PDFs are laid out here from text written for the tests (``harness.pdfs``, reportlab), so every
expectation follows from what was printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A6

from harness.pdfs import PdfSpec, write_pdf
from kg.errors import InputError
from kg.records import Report
from kg.sources.layout import blank_furniture, form_feed_pages, recognise_layout
from kg.sources.pdf import read_pdf
from kg.sources.text import normalise_whitespace, sections, sentences

BODY = """# Background

Community gardens have multiplied in European cities since the financial crisis. Researchers disagree about
what the gardens achieve, and whether well-known examples from Berlin say anything about smaller cities in the
south of the continent.^1

# The survey

Between April and September we visited 27 gardens in four cities and interviewed 153 gardeners about their
plots, their neighbours and the leases that let them stay on the land for another season or two.

Gardeners visited their plots on average three times a week, and the most committed visited daily during the
growing season. Asked whether they had met neighbours through the garden, most said yes, and many said that
they now saw those neighbours outside the garden as well.

Most gardeners were long-standing residents of the neighbourhood, and nearly half were retired. The gardens
are fragile, however: many held leases of two years or less, and some had already received notice that the
land would be sold to developers once prices recovered.

# Conclusion

Community gardens do what their advocates claim, at least for the people who tend them. Whether they last
depends on decisions about land that gardeners rarely influence, and on the patience of municipal officials
who must weigh a garden against housing, parking and the revenue a sale would bring.

Cities that want the benefits of the gardens will need to offer longer leases. The evidence from Lisbon
suggests that the cost of doing so is small compared with the social returns, although the evidence from Porto
is less encouraging and deserves a closer look in later work.

[^1]: Moreau, C. (2018) Growing Together. Berlin: Springer.
"""


@pytest.fixture(scope="module")
def small_pages(tmp_path_factory) -> tuple[str, Report]:
    """A report of several A6 pages: running heads, page numbers, hyphenated lines, a footnote."""
    folder = tmp_path_factory.mktemp("layout")
    spec = PdfSpec(
        "Community Gardens in Southern Europe",
        BODY,
        ["Rosa Almeida", "Tom Weber"],
        footnotes=True,
        pagesize=A6,
        margin=36,
    )
    pdf = read_pdf(write_pdf(folder / "gardens.pdf", spec).read_bytes(), "gardens.pdf")
    report = Report(
        "gardens", Path("gardens.txt"), pdf.text, "", "", "", "report", layout=recognise_layout(pdf.text, pdf.pages)
    )
    return pdf.text, report


def test_the_text_layer_is_read_with_its_pages_title_and_byline(tmp_path):
    spec = PdfSpec(
        "Closures and Their Aftermath", "# Introduction\n\nSellers moved.^1 Most stayed.", ["Jane Doe", "John Roe"]
    )
    spec.metadata_title = ""
    pdf = read_pdf(write_pdf(tmp_path / "c.pdf", spec).read_bytes(), "c.pdf")
    assert pdf.title == "Closures and Their Aftermath"
    assert pdf.authors == ("Jane Doe", "John Roe")
    assert "Sellers moved.¹ Most stayed." in pdf.text  # a raised marker is a superscript digit
    assert pdf.pages == (0,) and pdf.text.endswith("\n")


def test_pages_are_separated_by_form_feeds_and_start_where_the_map_says(small_pages):
    text, report = small_pages
    assert report.layout is not None and len(report.layout.pages) >= 3
    assert report.layout.pages == form_feed_pages(text)
    for start in report.layout.pages[1:]:
        assert text[start - 1] == "\f"
    assert report.layout.page_of(0) == 1 and report.layout.page_of(len(text) - 1) == len(report.layout.pages)


def test_running_heads_and_page_numbers_are_furniture_and_the_text_keeps_them(small_pages):
    text, report = small_pages
    furniture = {text[a:b] for a, b in report.layout.furniture}
    assert {"2", "3", "Rosa Almeida and Tom Weber"} <= furniture
    assert "Rosa Almeida and Tom Weber" in text  # recognised, never removed
    readable = blank_furniture(text, report.layout)
    assert len(readable) == len(text) and "Rosa Almeida and Tom Weber" not in readable
    assert not any(s.title == "Rosa Almeida and Tom Weber" for s in sections(report))


def test_a_word_broken_at_a_line_end_reads_as_one_word(small_pages):
    text, report = small_pages
    assert report.layout.joins, "the A6 measure breaks some words"
    for a, b in report.layout.joins:
        assert "-" in text[a - 1 : b] and "\n" in text[a:b]
    read = normalise_whitespace(text, report.layout.skipped(0, len(text)))[0]
    assert "well-known" in read  # a hyphen the word has elsewhere is kept
    assert "-\n" not in read and "- " not in read.replace(" - ", "")


def test_a_sentence_runs_on_across_a_page_break(small_pages):
    text, report = small_pages
    spanning = [s for s in sentences(report) if any(s.span.start < p < s.span.end for p in report.layout.pages)]
    assert spanning, "some sentence crosses a page break"
    for sentence in spanning:
        assert sentence.text == text[sentence.span.start : sentence.span.end]
        assert not sentence.text.strip().startswith(("Rosa Almeida", "Community Gardens"))


def test_furniture_is_found_from_the_text_alone():
    pages = [f"Journal of Gardens {n}\n\nBody line one of page {n}.\nBody line two.\n\n{n}\n" for n in range(1, 5)]
    text = "\f".join(pages)
    layout = recognise_layout(text, form_feed_pages(text))
    found = [text[a:b] for a, b in layout.furniture]
    assert found.count("Journal of Gardens 1") + found.count("Journal of Gardens 2") == 2
    assert {"1", "2", "3", "4"} <= set(found)
    assert not any(f.startswith("Body") for f in found)


def test_soft_and_hard_hyphens():
    text = "The moder-\nation team and a well-\nknown site; well-known again.\n"
    layout = recognise_layout(text, (0,))
    read = normalise_whitespace(text, layout.skipped(0, len(text)))[0]
    assert "moderation team" in read and "a well-known site" in read


def test_an_encrypted_or_damaged_pdf_is_refused(tmp_path):
    locked = write_pdf(tmp_path / "l.pdf", PdfSpec("Locked", "# A\n\nText.", encrypt="secret"))
    with pytest.raises(InputError, match="encrypted and needs a password"):
        read_pdf(locked.read_bytes(), "l.pdf")
    with pytest.raises(InputError, match="cannot read this PDF"):
        read_pdf(b"%PDF-1.4\nnot really\n", "d.pdf")


def test_a_proof_s_margin_line_numbers_and_slug_are_furniture():
    body = "A note runs on to the next page, as notes do:\n\n"
    marks = "\n".join(["2", "3", "4", "5", "In6", "7", "S8", "R9"]) + "\n4TH PASS PAGES\n"
    slug = "14773_03_307-330_r7dy.qxd 2/10/04 4:01 PM Page 307\n"
    text = body + marks + slug + "\fits second page, with 12 cases in 3 years.\nNothing else.\n"
    layout = recognise_layout(text, form_feed_pages(text))
    readable = blank_furniture(text, layout)
    assert "In6" not in readable and "R9" not in readable and ".qxd" not in readable
    assert "12 cases in 3 years" in readable


def test_marks_alone_about_a_running_head_are_furniture_and_the_head_still_found():
    # Africa Spectrum's pages open "-\n-\n-\n Civil Society ... 73 -\n-\n-\n-": crop marks the PDF keeps as text
    pages = [
        f"-\n-\n-\n Journal of Gardens {n} -\n-\n-\n-\n\nBody line one of page {n}.\nBody line two, a well-\nknown"
        f" one.\nThe end of page {n}."
        for n in range(1, 5)
    ]
    text = "\f".join(pages)
    readable = blank_furniture(text, recognise_layout(text, form_feed_pages(text)))
    assert "Journal of Gardens" not in readable and "-" not in readable.replace("well-", "")
    assert readable.count("Body line one") == 4 and readable.count("a well-\nknown") == 4
