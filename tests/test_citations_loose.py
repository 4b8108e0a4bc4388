"""Author-year citations as texts other than English APA write them: a German text's page (``S. 100``) and
``und``; a hurried text's ``et al`` without its period, ``et al;`` or ``et al,`` before the year, ``et all.``; a
name written in lower case that the report's own list gives. Each must be found and resolve to its own entry;
a lower-case word the list does not give stays no citation."""

from __future__ import annotations

from kg.extract.citations.read import read_citations
from kg.resolve.citations import resolve_citations
from kg.resolve.references import report_bibliography

_LIST = """References

Ahadi, B., & Karbakhsh, M. (2008). Hardiness and addiction. Journal of Psychology, 12, 20-31.
Florian, V., & Mikulincer, M. (1995). Does hardiness contribute to mental health? Journal of
Personality and Social Psychology, 68, 687-695.
Gillmor, D. (2014). Mediactive. Sebastopol: O'Reilly.
Goldstein, J., & Keohane, R. O. (1993). Ideas and foreign policy. Ithaca: Cornell University Press.
Levine, D. (2012). Bring in the nerds: Secrecy, national security and the creation of law. Fordham Law
Review, 81, 1-40.
Lambert, V. A. (2007). Hardiness and work stress. International Nursing Review, 54, 85-91.
McCourt, T., & Burkart, P. (2003). When creators, corporations and consumers collide. Media, Culture
& Society, 25, 333-350.
Scott, K. S., Moore, K. S., & Miceli, M. P. (1997). An exploration of the meaning of workaholism.
Human Relations, 50, 287-314.
"""

_BODY = """Die Demokratisierung des Mediums wird betont (Gillmor 2014, S. 100). Wie sie beispielsweise von
McCourt und Burkart (2003) beschrieben wurde, folgt Goldstein und Keohane (1993, S. 17-19) dem Ansatz.
Hardiness protects people physical and mental health (Florian et al 1995). The results of
Scott et al; (1997) showed more. Ahadi et al, (2008) in his study found it; the effect is mainly
an inherent one (lambert 2007). Nothing here cites (however 2007) at all. Die Nerds wurden, um es mit den
Worten Levines (2012) zu fassen, zugelassen.

"""

_EXPECTED = [
    ("(Gillmor 2014, S. 100)", "Gillmor"),
    ("McCourt und Burkart (2003)", "McCourt"),
    ("Goldstein und Keohane (1993, S. 17-19)", "Goldstein"),
    ("(Florian et al 1995)", "Florian"),
    ("Scott et al; (1997)", "Scott"),
    ("Ahadi et al, (2008)", "Ahadi"),
    ("(lambert 2007)", "Lambert"),
    ("Worten Levines (2012)", "Levine"),
]


def _resolved() -> dict[str, str | None]:
    text = _BODY + _LIST
    read = read_citations(text, "r")
    bib = report_bibliography("r", read.references, [], "x.txt", {})
    resolved = resolve_citations(read.citations, bib.works, "r", bib.numbered)
    first_of = {w.key: text[w.anchor.start : w.anchor.end].split(",")[0] for w in bib.works if w.anchor}
    body = len(_BODY)
    return {
        text[r.citation.span.start : r.citation.span.end]: first_of.get(r.key or "")
        for r in resolved
        if r.citation.span.start < body
    }


def test_loose_and_german_author_year_citations_resolve_to_their_entries() -> None:
    got = _resolved()
    for cited, family in _EXPECTED:
        match = next((g for g in got if " ".join(g.split()) in cited or cited in " ".join(g.split())), None)
        assert match is not None, f"{cited} not found among {sorted(got)}"
        assert got[match] == family, f"{cited} -> {got[match]}"


def test_a_lower_case_word_the_list_does_not_give_is_no_citation() -> None:
    assert not any("however" in cited for cited in _resolved())


def test_a_named_body_before_a_comma_is_no_author_of_the_citation_after_it() -> None:
    text = (
        "In his contextualization of the Midnight Basketball League, Hartmann (2016, p. 73) refers to it.\n\n"
        "References\n\nHartmann, D. (2016). Midnight basketball. New Brunswick: Rutgers University Press.\n"
    )
    read = read_citations(text, "r")
    cited = [text[c.span.start : c.span.end] for c in read.citations if c.span.start < text.index("References")]
    assert cited == ["Hartmann (2016, p. 73)"]


def test_a_work_without_an_author_is_cited_by_its_title_in_quotes() -> None:
    text = "The centre faced closure due to budget cuts (“Police fill rec center void”, 1996). It stayed open.\n"
    [cite] = read_citations(text, "r").citations
    assert (text[cite.span.start : cite.span.end], cite.authors, cite.year) == (
        "“Police fill rec center void”, 1996",
        "Police fill rec center void",
        "1996",
    )
    assert read_citations("He said (“yes”, 2010 figures aside) nothing.\n", "r").citations == []


def test_two_word_family_names_are_shaped_as_authors() -> None:
    from kg.extract.citations.names import author_shaped

    for names in ("Abu Sabt", "Mc Milan et al.", "Zine El-Din and El-Ajrami", "Ibn Khaldun"):
        assert author_shaped(names, frozenset()), names
    for title in ("Snow White", "Copyright Act", "Police Athletic League"):
        assert not author_shaped(title, frozenset()), title
