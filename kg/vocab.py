"""The RDF vocabulary of the graph: our namespaces, the standard ones we reuse, our terms.

Only the graph-facing modules (``kg.graph``, ``kg.gazetteer``, ``kg.validate``) import
this. Every ``EKG`` term used in code must be declared, with a label and a comment, in
``ontology/evidence-kg.ttl`` (a test checks it).
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/evidence-kg/"
EKG = Namespace(BASE + "ontology#")
RES = Namespace(BASE + "resource/")

OA = Namespace("http://www.w3.org/ns/oa#")
C4O = Namespace("http://purl.org/spar/c4o/")
BIRO = Namespace("http://purl.org/spar/biro/")
FABIO = Namespace("http://purl.org/spar/fabio/")
CITO = Namespace("http://purl.org/spar/cito/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace | type] = {
    "ekg": EKG,
    "res": RES,
    "oa": OA,
    "c4o": C4O,
    "biro": BIRO,
    "fabio": FABIO,
    "cito": CITO,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "qudt": QUDT,
    "unit": UNIT,
    "xsd": XSD,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
}

#: Unit codes used by extraction records -> QUDT unit IRIs.
UNITS = {
    "USD": UNIT.CCY_USD,
    "PERCENT": UNIT.PERCENT,
    "COUNT": UNIT.NUM,
    "RANK": UNIT.NUM,
    "YEAR": UNIT.YR,
    "MONTH": UNIT.MO,
    "WEEK": UNIT.WK,
    "DAY": UNIT.DAY,
    "HOUR": UNIT.HR,
    "MINUTE": UNIT.MIN,
}

#: Work kinds (the ``kind`` field of a BibTeX entry) -> FaBiO (or our) class.
WORK_CLASSES = {
    "journal-article": FABIO.JournalArticle,
    "report": FABIO.ReportDocument,
    "report-section": FABIO.ReportDocument,
    "news-item": FABIO.NewsItem,
    "web-page": FABIO.WebPage,
    "thesis": FABIO.DoctoralThesis,
    "conference-paper": FABIO.ConferencePaper,
    "book": FABIO.Book,
    "chapter": FABIO.BookChapter,
    "law": EKG.Law,
    "court-case": EKG.CourtCase,
    "personal-communication": FABIO.PersonalCommunication,
    "field-notes": EKG.FieldNotes,
    "data-set": FABIO.DataFile,
}

#: Source kinds of our own ontology, by work kind.
SOURCE_CLASSES = {
    "personal-communication": EKG.PersonalCommunication,
    "field-notes": EKG.FieldNotes,
    "data-set": EKG.DataSet,
}

RESOLUTION = {"resolved": EKG.Resolved, "variant": EKG.Variant, "unresolved": EKG.Unresolved}
EVIDENCE = {
    "primary": EKG.Primary,
    "cited": EKG.Cited,
    "relayed": EKG.Relayed,
    "no-source-given": EKG.NoSourceGiven,
}
CLAIM_KINDS = {
    "finding": EKG.Finding,
    "background": EKG.Background,
    "method": EKG.Method,
    "recommendation": EKG.Recommendation,
    "limitation": EKG.Limitation,
}
