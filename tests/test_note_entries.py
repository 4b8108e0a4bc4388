"""Notes as entries of a report's bibliography: a note stands for the work it cites, a report cited by its number
alone is the work its full reference names, and a note's lead-in is no author."""

from __future__ import annotations

from kg.extract.citations import read_citations
from kg.resolve.citations import resolve_citations
from kg.resolve.references import report_bibliography

_PAGE_1 = (
    "Agencies set goals.¹ They report on them.² Few use the results.³ Most plan ahead.⁴\n"
    "¹ GAO, Results-Oriented Government: GPRA Has Established a Solid Foundation, GAO-04-38 "
    "(Washington, D.C.: Mar. 10, 2004).\n"
    "² GAO-04-38.\n"
    "³ We surveyed 2,400 managers in 2003, of whom 52 percent answered. See, for example, GAO, Managing for "
    "Results: Federal Managers’ Views, GAO-01-592 (Washington, D.C.: May 25, 2001), and Program Evaluation: "
    "Building Capacity, GAO-03-454 (Washington, D.C.: May 2, 2003).\n"
    "⁴ The plans are online at http://www.example.gov.\n"
)


def _read():
    return read_citations(_PAGE_1 + "\f" + "Nothing more.\n", "r")


def test_a_report_cited_by_its_number_is_the_work_its_full_reference_names() -> None:
    read = _read()
    by_marker = {c.marker: c for c in read.citations if c.marker is not None}
    assert by_marker[2].endnote_text == by_marker[1].endnote_text
    bib = report_bibliography("r", read.references, [], "x.txt", {})
    resolved = resolve_citations(read.citations, bib.works, "r")
    keys = {r.citation.marker: r.key for r in resolved if r.citation.marker is not None}
    assert keys[1] is not None and keys[2] == keys[1]


def test_each_note_that_cites_a_work_is_an_entry_at_the_whole_note() -> None:
    read = _read()
    notes = {r.number: r for r in read.references if r.style == "note"}
    assert sorted(notes) == [1, 2, 3]  # note 4 cites no work: it is no entry
    assert notes[2].text == "GAO-04-38."
    assert (notes[2].title, notes[2].year) == (notes[1].title, notes[1].year)
    assert notes[3].text.startswith("We surveyed") and notes[3].text.endswith("2003).")
    assert (notes[3].family_names, notes[3].year) == (("GAO",), "2001")
    assert notes[3].title == "Managing for Results: Federal Managers’ Views"


def test_a_note_s_own_prose_stays_running_text() -> None:
    read = _read()
    at = _PAGE_1.index("2,400")
    assert not any(c.start <= at < c.end for c in read.citing)


def test_raised_note_numbers_whose_digits_came_apart() -> None:
    text = "It bars such competition.²⁹ Few agencies did them.⁴⁰\n² ⁹12 U.S.C. § 3311.\n⁴ ⁰47 U.S.C. § 161(a)(2).\n"
    read = read_citations(text, "r")
    assert [(r.number, r.title) for r in read.references] == [(29, "12 U.S.C. § 3311"), (40, "47 U.S.C. § 161(a)(2)")]


def test_a_note_that_names_a_document_posted_online_cites_it() -> None:
    text = (
        "The agency publishes its plan.¹ It also sets criteria.² Few read them.³\n"
        "¹ FAA’s 2005-2009 Flight Plan can be found online at http://www.faa.gov.\n"
        "² More specific criteria can be found in DOL’s Training and Employment Guidance Letter No. 19-02, "
        "located online at http://wdr.doleta.gov/directives/TEGL19-02.cfm.\n"
        "³ The figures are online.\n"
    )
    read = read_citations(text, "r")
    posted = [(r.number, r.family_names, r.title, r.url, r.kind) for r in read.references]
    assert posted == [
        (1, ("FAA",), "2005-2009 Flight Plan", "http://www.faa.gov", "web-page"),
        (
            2,
            ("DOL",),
            "Training and Employment Guidance Letter No. 19-02",
            "http://wdr.doleta.gov/directives/TEGL19-02.cfm",
            "web-page",
        ),
    ]
    assert [c.marker for c in read.citations if c.authors] == [1, 2]


def test_a_short_form_note_cites_the_author_s_work_at_a_page() -> None:
    text = (
        "Kodak sold cameras.¹ Pictures became cheap.² Courts agreed.³\n"
        "¹ Reese V. Jenkins, Images and Enterprise (Baltimore: Johns Hopkins University Press, 1975), 112.\n"
        "² Jenkins, 177.\n"
        "³ Section, 5.\n"
    )
    read = read_citations(text, "r")
    cited = [(c.marker, c.authors, c.locator) for c in read.citations if c.marker is not None]
    assert cited[1] == (2, "Jenkins", "177")
    assert all(m != 3 for m, _, _ in cited)  # a word and a number are no short form
    assert [r.number for r in read.references] == [1]  # a short form is no entry of its own


def test_a_note_that_cites_two_works_in_full_keeps_each_at_its_own_words() -> None:
    """The whole note stands for its one work; with two, a quote of the note would hold the other's words."""
    text = (
        "Police watch game consoles.⁶\n"
        "⁶ Anderson, N. (2012) CSI: Xbox, how cops perform console searches, Ars Technica; and Shively, M., "
        "Kliorys, K., & Hunt, D. (2012) National Overview of Demand Reduction Efforts, Washington, DC: "
        "National Institute of Justice, p. 19.\n"
    )
    read = read_citations(text + "\f" + "Nothing more.\n", "r")
    notes = sorted((r for r in read.references if r.style == "note"), key=lambda r: r.span.start)
    assert [r.family_names[0] for r in notes] == ["Anderson", "Shively"]
    assert notes[0].text.startswith("Anderson") and "Shively" not in notes[0].text
    assert notes[0].span.end <= notes[1].span.start
