"""Where a reference list is and where its entries start: headings, labelled lists, what ends a list."""

from __future__ import annotations

from kg.extract.citations.read import read_citations
from kg.extract.references.labelled import labelled_lists, with_labelled_lists
from kg.extract.references.lists import find_lists, split_entries

_LETTERED = """Appendix II: Studies of Supply

This appendix lists the studies shown in figure 5.

(a) Ana Ortiz. "Curves of World Supply." World Oil. Vol. 17 (November 1996): 91-94.

(b) Ben Okafor. "An Analysis of Production Patterns." Mathematical Geology. Vol. 32, no.1
(2000).

(c) Volvo. Future Fuels for Commercial Vehicles. 2005.

(d) International Energy Agency. World Energy Outlook 2004. Paris
France: 101-103.

(e) Carla Lindqvist. Future Supplies. Seminar Center of Energy Conversion, Zurich: 2003.

(f) Dan Mbeki and Eva Ruiz. "Fixed View of Limits." Oil and Gas Journal. April 7, 1997.

Appendix III: Technologies
"""

_PROSE_POINTS = """The agency should do three things.

(a) set out the goals it means to reach and the measures it will use to show whether the
programme reaches them, in a plan that each office can read and follow;

(b) report every year on the measures;

(c) tell the committees what it changed.

(d) keep the records.

(e) name an officer.
"""


def test_a_lettered_list_of_works_without_a_references_heading() -> None:
    runs = labelled_lists(_LETTERED, [])
    assert [len(r) for r in runs] == [6]
    assert _LETTERED[runs[0][1].start : runs[0][1].end].endswith("no.1\n(2000).")
    assert [item.number for item in runs[0]] == [1, 2, 3, 4, 5, 6]
    lists = with_labelled_lists(_LETTERED, find_lists(_LETTERED))
    assert [s.kind for s in lists] == ["references"]


def test_each_labelled_item_is_one_entry_with_its_fields() -> None:
    read = read_citations(_LETTERED, "r")
    assert [r.family_names[:1] for r in read.references] == [
        ("Ortiz",),
        ("Okafor",),
        ("Volvo",),
        ("International Energy Agency",),
        ("Lindqvist",),
        ("Mbeki",),
    ]
    assert read.references[1].year == "2000"
    assert not read.references[0].text.startswith("(a)")


def test_points_of_prose_are_no_list_of_works() -> None:
    assert labelled_lists(_PROSE_POINTS, []) == []


def test_a_lettered_appendix_heading_ends_the_reference_list() -> None:
    text = (
        "Body.\n\nReferences\n\nOrtiz A (2001). Title One. Journal, 1(2), 3-4.\n\n"
        "Zeileis A (2007). Title Two. Journal, 16(3), 507-525.\n\n"
        "A. Data sets\n\nArthritis Data from a trial. Source: Koch and Edwards (1988).\n"
    )
    (section,) = find_lists(text)
    assert text[section.body[0] : section.body[1]].rstrip().endswith("507-525.")
    read = read_citations(text, "r")
    assert [c.text for c in read.citations] == ["Koch and Edwards (1988)"]


def test_an_entry_ending_in_a_link_broken_across_lines() -> None:
    text = (
        "Ong, A. (2006). Neoliberalism as exception. Durham, NC: Duke University Press.\n"
        "PAL. (2015). History. Retrieved from http://www.palnyc.\norg/history\n"
        "Peck, J., & Tickell, A. (2002). Neoliberalizing space. Antipode, 34(3), 380–404.\n"
        "Reutter, M. (2015, May 4). Closing rec centers. Retrieved from baltimorebrew.com\n"
        "Shivers, J., & Halpers, J. (1981). The crisis in urban recreational services. Rutherford, NJ.\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.start + 5] for i in items] == ["Ong, ", "PAL. ", "Peck,", "Reutt", "Shive"]


def test_numbered_citations_in_groups_and_ranges_resolve_to_their_entries() -> None:
    from kg.resolve.citations import resolve_citations
    from kg.resolve.references import report_bibliography

    entries = "\n".join(
        f"[{i}] C. Okonkwo{chr(96 + i)} and T. Hart. Title number {i} with\nmore words. IEEE Trans. Vis. "
        f"Comput. Graph.,\n{i}(2):1–9, 20{i:02d}."
        for i in range(1, 21)
    )
    text = (
        "Uncertainty is shown with intervals [12,\n14–16] and with densities [3]–\n[5]. Earlier work [1], [2]\n"
        "did so too [7, 8]. See also [9]–[11].\n\fREFERENCES\n" + entries + "\n"
    )
    read = read_citations(text, "r")
    assert [r.number for r in read.references] == list(range(1, 21))
    bib = report_bibliography("r", read.references, [], "x.txt", {})
    resolved = resolve_citations(read.citations, bib.works, "r", bib.numbered)
    cited = [(r.citation.marker, r.key) for r in resolved]
    assert [m for m, _ in cited] == [12, 14, 15, 16, 3, 4, 5, 1, 2, 7, 8, 9, 10, 11]
    assert all(key == bib.numbered[m] for m, key in cited)
    assert len(set(bib.numbered.values())) == 20


def test_a_list_spaced_by_empty_lines_splits_only_there_and_at_page_breaks() -> None:
    text = (
        "Gentry J, Long L (2007). Rgraphviz: Plotting Capabilities. R package, URL http://CRAN.R-project.org/package=\n"
        "Rgraphviz.\n\n"
        "Handcock MS, Hunter DR (2003). statnet: Software Tools. Statnet Project.\n\n"
        "Koenker R, Ng P (2007). SparseM: Sparse Linear Algebra. R package version 0.73.\n"
        "\f   \n\n"
        "Wood S, Scheipl F (2014). gamm4: Generalized Additive Mixed Models.\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.start + 6] for i in items] == ["Gentry", "Handco", "Koenke", "Wood S"]


def test_a_bracketed_citation_at_a_line_start_in_running_text_is_no_note() -> None:
    entries = "\n".join(
        f"{i}. Okonkwo{chr(96 + i)} C, Hart T. Title {i}. J Stud. 20{i:02d};{i}:1-9." for i in range(1, 6)
    )
    text = (
        "In stroke, the peripheral pathways are intact\n[3] and M-waves can be elicited, as before\n"
        "[4]. The rest follows [5].\n\nReferences\n" + entries + "\n"
    )
    read = read_citations(text, "r")
    assert [(c.text, c.marker) for c in read.citations] == [("[3]", 3), ("[4]", 4), ("[5]", 5)]


def test_a_list_numbered_by_bare_numbers_keeps_its_entries_and_ends_before_what_follows() -> None:
    entries = [
        "1 Acharya, K. R. and Sturrock, E. D. (2003) A new target for\nstructure-based design. Nat. Rev. 2, 891–902",
        "2 Fyhrquist, F. and Saijonmaa, O. (2008) Renin-angiotensin system\nrevisited. J. Intern. Med.\n264, 224–236",
        "3 Wei, L. and Clauser, E. (1991) The two homologous domains of human\nenzyme. J. Biol. Chem. 266, 9002–9008",
        "4 Dixon, M. (1953) The determination of enzyme inhibitor\nconstants. Biochem. J. 55, 170–171",
    ]
    text = (
        "The domains differ [1,2]; see also [3] and [4].\n\nREFERENCES\n\n"
        + "\n".join(entries)
        + "\n\nReceived 19 July 2013; accepted 9 September 2013\nPublished as Immediate Publication 9 September 2013,"
        " with the supplementary material online for readers of the journal and the other stuff that follows\n"
    )
    read = read_citations(text, "r")
    assert [r.number for r in read.references] == [1, 2, 3, 4]  # "264, 224–236" is no entry of its own
    assert read.references[1].text.endswith("264, 224–236")
    assert read.references[-1].text.endswith("170–171")  # not the "Received" lines after the list
    assert sorted(c.marker for c in read.citations if c.marker) == [1, 2, 3, 4]


def test_a_figure_s_labels_inside_a_list_do_not_swallow_the_entry_after_them() -> None:
    text = (
        "Gentry J, Long L (2007). Rgraphviz: Plotting Capabilities. R package.\n\n"
        "rejected) null model (survival)(operation, X-ray, stage).\n−1.1\n 0.0\nPearson\nresiduals:\nno yes\n"
        "Figure 34: Mosaic plot for the data, with residual-based shading for the hy-\n\n"
        "pothesis of survival. The hypothesis\n\nis not rejected.\n"
        "                           \n\n"
        "Hartigan JA, Kleiner B (1984). “A Mosaic of Television Ratings.” The American Statistician,\n38, 32–35.\n\n"
        "Hofmann H (2001). “Generalized Odds Ratios.” Journal of Computational Statistics, 10, 1–13.\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.start + 8] for i in items] == ["Gentry J", "rejected", "Hartigan", "Hofmann "]


def test_reference_list_headings_in_other_languages() -> None:
    entry = "Okafor, B. (2004). Ein Titel. Zeitschrift, 7(1), 125-148.\n"
    for heading, kind in [
        ("Literatur", "references"),
        ("Literaturverzeichnis", "references"),
        ("Quellenverzeichnis", "references"),
        ("Références bibliographiques", "references"),
        ("Referencias", "references"),
        ("Bibliografía", "references"),
        ("Referências", "references"),
        ("Anmerkungen", "notes"),
    ]:
        text = f"Der Text endet hier.\n\n{heading}\n\n{entry}\nAnhang\n\nTabelle A1 steht hier.\n"
        (section,) = find_lists(text)
        assert (section.kind, text[section.heading[0] : section.heading[1]]) == (kind, heading)
        assert text[section.body[0] : section.body[1]].strip() == entry.strip()  # "Anhang" ends the list
    assert find_lists("Ein Absatz über die Literatur der Politik.\n") == []


def test_a_place_and_publisher_wrapped_to_a_line_start_opens_no_entry() -> None:
    text = (
        "Mueller, M. L. (2010). Networks and States: The Global Politics of Internet Governance.\n"
        "Cambridge, Mass.: MIT Press.\n"
        "Murray, L. J., & Robertson, K. (2014). Putting Property in its Place. Oxford, UK, & New\n"
        "York, NY: Oxford University Press.\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.end].split("\n")[-1] for i in items] == [
        "Cambridge, Mass.: MIT Press.",
        "York, NY: Oxford University Press.",
    ]


def test_an_entry_ends_at_a_doi_wrapped_after_its_slash_and_a_particle_name_opens_one() -> None:
    text = (
        "Singh, J. P. (2013). Information Technologies. International Studies Review, 15(1), 5-29. doi: 10.1111/\n"
        "misr.12025\n"
        "van Eeten, M. J., & Mueller, M. L. (2013). Where is the governance? New Media & Society, 15(5), 720-736.\n"
        "Weible, C. M. (2007). A Guide. In F. Fischer (Hrsg.), Handbook (S. 123-137). Boca Raton: CRC.\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.start + 8] for i in items] == ["Singh, J", "van Eete", "Weible, "]


def test_a_list_with_whole_given_names_splits_on_pages_spaced_and_not_and_drops_an_unknown_running_head() -> None:
    text = (
        "Amodeo, Maryann & Griffin, Margaret (2009). Sibling agreement on retrospective reports of\n"
        "parental alcoholism. Substance Use and Misuse, 44, 943-964.\n"
        "Green, Jeffrey; Sedikides, Constantine & Gregg, Aiden (2007). Forgotten but not gone. Journal of\n"
        "Experimental Social Psychology, 44(3), 547-561.\n"
        "Kesby, Mike (2000). Participatory diagramming. Area, 32(4), 427-436.\n\n    \n"
        "\fJRN 16(3), Art. 24, Ana Ortiz & Ben Okafor:\n       \n\n"
        "Novogradec, Ann (2009). The lifecourse traced by means of the\nlifegrid. Poster presented at a conference.\n\n"
        "Parry, Odette; Thomson, Carolyn & Fowkes, Gerry (1999). Life course data collection. Sociological\n"
        "Research Online, 4(2).\n\n"
        "Saunders, Jo (2012). Selective memory bias. Cognition & Emotion, 27(1), 21-36.\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.start + 6] for i in items] == ["Amodeo", "Green,", "Kesby,", "Novogr", "Parry,", "Saunde"]
    assert text[items[2].start : items[2].end].endswith("427-436.")  # the running head is in no entry


def test_a_references_line_in_a_table_of_contents_is_no_list_and_authors_ends_one() -> None:
    text = (
        "Table of Contents\n\n1. Introduction\nReferences\nAuthors\nCitation\n\n1. Introduction\n\nText.\n\n"
        "References\n\nKesby, Mike (2000). Participatory diagramming. Area, 32(4), 427-436.\n\n"
        "Authors\n\nAna Ortiz is a researcher at the Institute.\n"
    )
    (section,) = find_lists(text)
    assert text[section.body[0] : section.body[1]].strip().endswith("427-436.")


def test_entries_that_open_with_vancouver_names_more_than_ten_words_before_the_year() -> None:
    text = (
        "Afgan E, Baker D, van den Beek M, Blankenberg D, Bouvier D, Čech M, Chilton J,\n"
        "Clements D, Coraor N, Von\nKuster G, Goecks J. 2016. The Galaxy platform. Nucleic Acids Research 44:W3–W10.\n"
        "Altschul SF, Madden TL, Schaffer AA, Zhang J, Zhang Z, Miller W, Lipman DJ. 1997.\n"
        "Gapped BLAST. Nucleic Acids Research 25(17):3389–3402 DOI 10.1093/nar/25.17.3389.\n"
        "Kosiol C, Vinar T, Da Fonseca RR, Hubisz MJ, Bustamante CD, Nielsen R, Siepel A.\n"
        "2008. Patterns of positive selection. PLOS Genetics 4(8):e1000144.\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.start + 8] for i in items] == ["Afgan E,", "Altschul", "Kosiol C"]


def test_a_numbered_item_ends_at_a_page_break_after_its_stop_not_at_the_next_page_s_running_head() -> None:
    from kg.extract.references.lists import numbered_items

    text = (
        "1 Okafor, B. (2010). A title. Gaza European Hospital, Palestine.\n"
        "2 Ortiz, A. (2011). Another title.\n\fInternational Journal of Things (IJT)\nVol. 1 Issue 9, 2017\n"
        "3 Hart, T. (2012). A third title. Journal of\n\fRunning Head 2017\nThings, 4, 1-9.\n"
        "4 Lee, K. (2013). The last title. Press.\n"
    )
    items = numbered_items(text, 0, len(text))
    assert text[items[1].start : items[1].end].endswith("Another title.")
    assert text[items[2].start : items[2].end].endswith("Things, 4, 1-9.")  # no stop before the break: it goes on


def test_an_entry_with_no_author_opens_with_its_title_and_its_date_in_brackets() -> None:
    text = (
        "Pitter, R., & Andrews, D. L. (1997). Serving America’s underserved youth. Quest,\n49(1), 85–99.\n"
        "Police fill rec center void; Helping out: Officers assigned\nto run recreation programs keeping kids out of "
        "trou-\nble. (1996, May 10). The Harbour Sun.\n"
        "Reutter, M. (2015, May 4). Closing rec centers. Retrieved from baltimorebrew.com\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.start + 6] for i in items] == ["Pitter", "Police", "Reutte"]
