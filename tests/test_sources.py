"""Sentences, sections and whitespace-tolerant quote search on the real texts."""

from __future__ import annotations

from kg.sources.text import find_quote, is_hard_wrapped, paragraphs, sections, sentences


def test_layouts_are_told_apart(reports):
    assert is_hard_wrapped(reports["policing2020"].text)
    assert not is_hard_wrapped(reports["usc2012"].text)


def test_sections_of_both_reports(reports):
    titles = [s.title for s in sections(reports["policing2020"])]
    for expected in [
        "Introduction",
        "Literature review",
        "Methods",
        "Findings",
        "Backpage and online classifieds",
        "Collaborative investigations",
        "Discussion and conclusion",
    ]:
        assert expected in titles
    titles_2012 = [s.title for s in sections(reports["usc2012"])]
    assert "Craigslist Revisited" in titles_2012 and "Mobile Phones" in titles_2012
    # the phone-number table's row labels are not headings
    assert not any(t.startswith("Number of unique phone numbers") for t in titles_2012)


def test_the_design_example_sentence_is_one_sentence_at_its_offsets(reports):
    report = reports["policing2020"]
    found = [s for s in sentences(report) if s.span.start == 1045]
    assert found and found[0].span.end == 1361
    assert found[0].section == "Introduction"


def test_sentences_do_not_split_at_abbreviations(reports):
    texts = [s.text for s in sentences(reports["policing2020"])]
    assert any(t.startswith("In 2018, the U.S. Department") and "(U.S. Department of State, 2019)." in t for t in texts)
    assert any("D.O.J.’s Operation Broken Heart" in t for t in texts)
    assert not any(t.strip() in {"U.S.", "al."} for t in texts)


def test_every_sentence_span_is_the_text(reports):
    for report in reports.values():
        for sentence in sentences(report):
            assert report.text[sentence.span.start : sentence.span.end] == sentence.text
        for para in paragraphs(report.text):
            assert para.start < para.end


def test_find_quote_crosses_the_2020_line_breaks(reports):
    report = reports["policing2020"]
    span = find_quote(report.text, "one of the largest segments of trafficking is sex trafficking")
    assert span is not None
    assert report.text[span.start : span.end].startswith("one of the \n\nlargest")
    assert find_quote(report.text, "a sentence that is not in the report") is None
