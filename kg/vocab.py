"""The RDF vocabulary of the graph: our namespaces, the standard ones we reuse, our terms.

Only the modules that read or write RDF (``kg.graph``, ``kg.sources.gazetteer``,
``kg.validate``, the query prefixes) import this. Every ``EKG`` term used in code must be
declared, with a label and a comment, in ``ontology/evidence-kg.ttl`` (a test checks it).
The closed vocabularies themselves (work, claim, flag and relation kinds) are plain strings
in :mod:`kg.kinds`; here each is mapped to its class, and a mapping that misses one fails
at import.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.kinds import CLAIM_KINDS as _CLAIM_KIND_NAMES
from kg.kinds import RELATIONS, WORK_KINDS

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
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")

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
    "prism": PRISM,
    "xsd": XSD,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
}

#: QUDT units of measure read from their symbols (kg.extract.statistics.units) -> the symbol shown to people.
UNIT_SYMBOLS = {
    "KiloBYTE": "kB", "MegaBYTE": "MB", "GigaBYTE": "GB", "TeraBYTE": "TB", "PetaBYTE": "PB",
    "KibiBYTE": "KiB", "MebiBYTE": "MiB", "GibiBYTE": "GiB", "TebiBYTE": "TiB",
    "KiloGM": "kg", "MilliGM": "mg", "MicroGM": "µg",
    "KiloM": "km", "CentiM": "cm", "MilliM": "mm", "MicroM": "µm", "NanoM": "nm",
    "MilliSEC": "ms", "MicroSEC": "µs", "NanoSEC": "ns",
    "HZ": "Hz", "KiloHZ": "kHz", "MegaHZ": "MHz", "GigaHZ": "GHz",
    "MilliL": "mL", "KiloW": "kW", "MegaW": "MW", "GigaW": "GW", "KiloW-HR": "kWh", "DeciB": "dB", "DEG_C": "°C",
}  # fmt: skip

#: Unit codes used by extraction records -> QUDT unit IRIs.
UNITS = {
    "USD": UNIT.CCY_USD,
    "GBP": UNIT.CCY_GBP,
    "EUR": UNIT.CCY_EUR,
    "PERCENT": UNIT.PERCENT,
    "COUNT": UNIT.NUM,
    "RANK": UNIT.NUM,
    "YEAR": UNIT.YR,
    "MONTH": UNIT.MO,
    "WEEK": UNIT.WK,
    "DAY": UNIT.DAY,
    "HOUR": UNIT.HR,
    "MINUTE": UNIT.MIN,
    # units of measure written by their symbols (kg.extract.statistics.units): the QUDT code is the key
    **{code: UNIT[code] for code in UNIT_SYMBOLS},
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
    "manuscript": FABIO.Manuscript,
    "other": FABIO.Expression,  # a work whose entry does not say what kind it is
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
#: Claim kinds -> their ``ekg:ClaimKind`` individuals (``finding`` -> ``ekg:Finding``).
CLAIM_KINDS = {kind: EKG[kind.capitalize()] for kind in sorted(_CLAIM_KIND_NAMES)}
#: Cross-report relations -> their properties (``corroborates`` -> ``ekg:corroborates``).
RELATION_PROPERTIES = {relation: EKG[relation] for relation in sorted(RELATIONS)}

if set(WORK_CLASSES) != WORK_KINDS:  # pragma: no cover - a programming error, caught by any test run
    raise ImportError(f"kg.vocab.WORK_CLASSES does not map every work kind: {sorted(WORK_KINDS ^ set(WORK_CLASSES))}")
