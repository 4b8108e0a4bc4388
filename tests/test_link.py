"""Linking statistics to what they rest on, on the real corpus.

The citation records are built by hand at real offsets of the real text (the citation
extractor is a separate stage): each test states exactly which citations it assumes.
"""

from __future__ import annotations

import pytest

from kg.extract.statistics import extract_statistics
from kg.records import CitationRecord, Report, ResolvedCitation, Sentence, Span, StatisticRecord, StudyRecord
from kg.resolve.statistics import link_statistics
from kg.sources.text import find_quote, paragraphs, sentences


def _span(report: Report, quote: str, after: str = "") -> Span:
    """The span of ``quote`` (whitespace folded), at its first occurrence after the phrase ``after``."""
    base = 0
    if after:
        anchor = find_quote(report.text, after)
        assert anchor is not None, after
        base = anchor.start
    found = find_quote(report.text[base:], quote)
    assert found is not None, quote
    return Span(report.key, base + found.start, base + found.end)


def _cite(
    report: Report,
    quote: str,
    key: str | None,
    form: str = "parenthetical",
    after: str = "",
    group: str = "",
    marker: int | None = None,
    endnote_text: str = "",
) -> ResolvedCitation:
    span = _span(report, quote, after)
    group_span = _span(report, group, after) if group else None
    record = CitationRecord(
        span,
        report.text[span.start : span.end],
        quote.split(",")[0],
        "",
        form,  # type: ignore[arg-type]
        group=group_span,
        marker=marker,
        endnote_text=endnote_text,
    )
    return ResolvedCitation(record, key, "resolved" if key else "unresolved")


@pytest.fixture(scope="module")
def policing(reports) -> tuple[Report, list[Sentence], list[StatisticRecord]]:
    report = reports["policing2020"]
    report_sentences = sentences(report)
    return report, report_sentences, extract_statistics(report, report_sentences)


@pytest.fixture(scope="module")
def usc(reports) -> tuple[Report, list[Sentence], list[StatisticRecord]]:
    report = reports["usc2012"]
    report_sentences = sentences(report)
    return report, report_sentences, extract_statistics(report, report_sentences)


def _interviews2019() -> StudyRecord:
    return StudyRecord(
        id="interviews2019",
        report="policing2020",
        label="Interviews with 13 investigators",
        own=True,
        sections=(
            "Methods",
            "Findings",
            "Unique victims",
            "The misconceptions of trafficking",
            "The nature of advertising and marketing",
            "Victims and traffickers on social media",
            "Backpage and online classifieds",
            "Collaborative investigations",
        ),
        cues=("respondents", "interviewed", "investigators", "detective"),
    )


def _usc_studies() -> list[StudyRecord]:
    return [
        StudyRecord(
            id="la-posts",
            report="usc2012",
            label="Posts of an adult section, March-May 2012",
            own=True,
            sections=("Analysis of Phone Numbers in Online Classified Ad Sites",),
        ),
        StudyRecord(
            id="le-interviews",
            report="usc2012",
            label="Interviews with 15 law enforcement agents",
            own=True,
            sections=("Research Scope and Methods",),
            cues=("interviews with law enforcement",),
        ),
        StudyRecord(
            id="cited-study", report="usc2012", label="A cited study", own=False, sections=("Craigslist Revisited",)
        ),
    ]


def _policing_citations(report: Report) -> list[ResolvedCitation]:
    group = "(Children’s Rights, n.d.; International Labour Organization, \n\n2014)"
    return [
        _cite(report, "Children’s Rights, n.d.", "childrensrights_nd", group=group),
        _cite(report, "International Labour Organization, \n\n2014", "ilo2014", group=group),
        _cite(report, "NPR, 2010", "npr2010"),
        _cite(report, "U.S. Department of Defense, 2019", None),  # left unresolved on purpose
        _cite(report, "U.S. Department of State, 2019", "usdos2019"),
        _cite(report, "Mitchell, \n\nFinkelhor, and Wolak (2010)", "mitchell2010", form="narrative"),
        _cite(report, "Kennedy (2012)", "kennedy2012", form="narrative", after="As a result"),
        _cite(report, "Holt, Blevins, & Kuhns, 2014", "holt2014"),
        _cite(report, "Kristoff, \n\n2012", "kristoff2012"),
        _cite(
            report,
            "Kennedy, 2012",
            "kennedy2012",
            after="number one website",
            group="(Kennedy, 2012; Stalans & Finn, 2016)",
        ),
        _cite(
            report,
            "Stalans & Finn, 2016",
            "stalans2016",
            after="number one website",
            group="(Kennedy, 2012; Stalans & Finn, 2016)",
        ),
    ]


def _linked(report: Report, report_sentences, stats, citations, studies, **kwargs) -> dict[str, object]:
    sources = link_statistics(stats, citations, report_sentences, studies, **kwargs)
    assert [s.statistic for s in sources] == stats
    return {f"{s.statistic.span.start}": s for s in sources}


def _source(report: Report, linked: dict, figure: str, after: str = ""):
    return linked[str(_span(report, figure, after).start)]


def test_cited_group_of_the_sentence(policing) -> None:
    report, report_sentences, stats = policing
    linked = _linked(report, report_sentences, stats, _policing_citations(report), [_interviews2019()])
    for figure in ["$99 billion", "$150 \n\nbillion"]:
        source = _source(report, linked, figure)
        assert (source.status, source.keys) == ("cited", ("childrensrights_nd", "ilo2014"))
        assert len(source.citations) == 2
    assert _source(report, linked, "230").keys == ("usdos2019",)  # its clause has none; the sentence's group
    assert _source(report, linked, "213").keys == ("usdos2019",)


def test_unresolved_citation_keeps_its_span(policing) -> None:
    report, report_sentences, stats = policing
    linked = _linked(report, report_sentences, stats, _policing_citations(report), [])
    source = _source(report, linked, "71 percent")
    assert (source.status, source.keys) == ("cited", ())
    assert source.citations == (_span(report, "U.S. Department of Defense, 2019"),)


def test_relayed_figures_keep_the_cited_work(policing) -> None:
    report, report_sentences, stats = policing
    linked = _linked(report, report_sentences, stats, _policing_citations(report), [])
    for figure in ["$150,000-$200,000", "four to six", "twelve to fourteen"]:
        source = _source(report, linked, figure)
        assert (source.status, source.keys) == ("relayed", ("npr2010",)), figure
    # attributed to an organisation, but no work cited: still relayed, with no key
    for figure, after in [("15 years", "has found that"), ("27th", "Alexa")]:
        source = _source(report, linked, figure, after)
        assert (source.status, source.keys, source.citations) == ("relayed", (), ()), figure


def test_clause_decides_between_citation_groups(policing) -> None:
    report, report_sentences, stats = policing
    linked = _linked(report, report_sentences, stats, _policing_citations(report), [])
    # "Kennedy (2012) suggested that ... 500,000 visits, lending support ... (Holt, Blevins, & Kuhns, 2014)"
    assert _source(report, linked, "500,000").keys == ("kennedy2012",)
    # "$22 million annually (Kristoff, 2012) and was the number one website ... (Kennedy, 2012; Stalans & Finn, 2016)"
    assert _source(report, linked, "$22 million").keys == ("kristoff2012",)
    assert _source(report, linked, "number one").keys == ("kennedy2012", "stalans2016")


def test_continuing_sentence_rests_on_the_one_before(policing) -> None:
    report, report_sentences, stats = policing
    linked = _linked(report, report_sentences, stats, _policing_citations(report), [])
    for figure in ["57 percent", "31 percent", "12 percent"]:
        source = _source(report, linked, figure, "Finkelhor, and Wolak")
        assert (source.status, source.keys) == ("cited", ("mitchell2010",)), figure


def test_own_study_and_no_source(policing) -> None:
    report, report_sentences, stats = policing
    linked = _linked(report, report_sentences, stats, _policing_citations(report), [_interviews2019()])
    for figure, after in [("13", "There were"), ("45 minutes", ""), ("n=12", ""), ("17-year-old", "")]:
        source = _source(report, linked, figure, after)
        assert (source.status, source.study, source.keys) == ("primary", "interviews2019", ()), figure
    by_cue = _source(report, linked, "two", "The qualitative data")  # ABSTRACT: "... police investigators ..."
    assert (by_cue.status, by_cue.study) == ("primary", "interviews2019")
    for figure, after in [("thirteen", ""), ("two decades", "gained momentum")]:
        source = _source(report, linked, figure, after)
        assert (source.status, source.study, source.keys) == ("no-source-given", None, ()), figure


def _usc_citations(report: Report) -> list[ResolvedCitation]:
    note_1 = (
        "Site traffic data retrieved from on October 19, 2012. Quantcast estimates Adult Search’s monthly "
        "unique visitors at 467,868, MyRedBook’s at 243,360, and Cityvibe’s at 138,402"
    )
    return [
        _cite(report, "[1]", "quantcast_nd", form="endnote-marker", marker=1, endnote_text=note_1),
        _cite(
            report,
            "[10]",
            None,
            form="endnote-marker",
            marker=10,
            endnote_text="This study received Institutional Review Board approval.",
        ),
    ]


def test_endnote_markers_and_the_data_set(usc) -> None:
    report, report_sentences, stats = usc
    linked = _linked(report, report_sentences, stats, _usc_citations(report), _usc_studies())
    users = _source(report, linked, "100,000")
    assert (users.status, users.keys, users.citations) == ("cited", ("quantcast_nd",), (_span(report, "[1]"),))
    for figure in ["18,429", "4,753", "2,050", "2,703", "11.3", "3.2", "19.1%"]:
        source = _source(report, linked, figure)
        assert (source.status, source.study) == ("primary", "la-posts"), figure
    agents = _source(report, linked, "15 key")
    assert (agents.status, agents.study) == ("primary", "le-interviews")
    # a study that is not the report's own never makes a figure primary
    assert _source(report, linked, "Two years").status == "no-source-given"


def test_figures_in_an_endnote_rest_on_its_marker(usc) -> None:
    report, report_sentences, stats = usc
    linked = _linked(report, report_sentences, stats, _usc_citations(report), _usc_studies())
    for figure in ["467,868", "243,360", "138,402"]:
        source = _source(report, linked, figure)
        # "Quantcast estimates ...": the report relays Quantcast's figure through its note
        assert (source.status, source.keys) == ("relayed", ("quantcast_nd",)), figure


def test_paragraph_closing_marker_only_without_own_study(reports, usc) -> None:
    report, report_sentences, stats = usc
    paras = [Span(report.key, p.start, p.end) for p in paragraphs(report.text)]
    without_study = _linked(report, report_sentences, stats, _usc_citations(report), [], paragraphs=paras)
    agents = _source(report, without_study, "15 key")
    assert (agents.status, agents.keys, agents.citations) == ("cited", (), (_span(report, "[10]"),))
    with_study = _linked(report, report_sentences, stats, _usc_citations(report), _usc_studies(), paragraphs=paras)
    assert _source(report, with_study, "15 key").status == "primary"
    no_paragraphs = _linked(report, report_sentences, stats, _usc_citations(report), [])
    assert _source(report, no_paragraphs, "15 key").status == "no-source-given"
