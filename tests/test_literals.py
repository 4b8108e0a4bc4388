"""Literals are what they claim to be: a date that is not on the calendar is kept as text, with a flag."""

from __future__ import annotations

import logging

from rdflib import Graph, Literal, URIRef

from kg.extract.references.fields import iso_date
from kg.graph.extracted import add_date
from kg.vocab import EKG

WORK = URIRef("https://example.org/work/w")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def test_a_calendar_date_is_typed_xsd_date():
    graph = Graph()
    add_date(graph, WORK, "2012-02-29")
    assert list(graph.objects(WORK, EKG.issuedDate)) == [Literal("2012-02-29", datatype=XSD_DATE)]
    assert not list(graph.objects(WORK, EKG.dateNotOnCalendar))


def test_a_day_the_calendar_does_not_have_is_kept_as_written_and_flagged(caplog):
    text_date = iso_date("June 31, 2012")  # as a reference list may give it
    assert text_date == "2012-06-31"
    graph = Graph()
    with caplog.at_level(logging.WARNING):
        add_date(graph, WORK, text_date)
        add_date(graph, URIRef("https://example.org/work/v"), "2013-02-29")
        data = graph.serialize(format="nt")
    assert list(graph.objects(WORK, EKG.statedDate)) == [Literal("2012-06-31")]
    assert list(graph.objects(WORK, EKG.dateNotOnCalendar)) == [Literal(True)]
    assert "XMLSchema#date" not in data and not list(graph.objects(None, EKG.issuedDate))
    assert not caplog.records  # rdflib logged a traceback for each ill-formed xsd:date
