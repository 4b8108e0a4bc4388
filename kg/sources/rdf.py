"""RDF files read offline, safely, with ``file:line`` errors: every RDF input of the tool comes through here.

The ontology, the shapes, the gazetteers and a graph given to ``kg validate --graph`` are parsed
by Oxigraph's parsers, not rdflib's, because rdflib's JSON-LD parser fetches remote ``@context``
documents (and reads ``file:`` ones) and its RDF/XML parser expands entities. Oxigraph never loads
a remote context (it refuses one), never resolves an external entity, and reports the exact line
and column of a syntax error. It does expand *internal* entities in RDF/XML, so a DOCTYPE that
declares entities (the "billion laughs") is refused before parsing, as defusedxml does.
The triples are then handed to rdflib, which pyshacl and the graph stage use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)

#: File extensions the tool reads as RDF, and their formats.
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".n3": ox.RdfFormat.N3,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


_FORMAT_NAMES = {
    ox.RdfFormat.TURTLE: "Turtle",
    ox.RdfFormat.N_TRIPLES: "N-Triples",
    ox.RdfFormat.N3: "N3",
    ox.RdfFormat.JSON_LD: "JSON-LD",
    ox.RdfFormat.RDF_XML: "RDF/XML",
}


def format_of(path: Path, shown: str) -> ox.RdfFormat:
    """The RDF format a file's extension says, or an InputError listing the ones known."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(shown, 0, f"cannot tell the RDF format from the extension '{path.suffix}'; use one of {known}")
    return fmt


def parse_triples(data: bytes, shown: str, fmt: ox.RdfFormat, base_iri: str | None = None) -> list[ox.Triple]:
    """Triples of an RDF document, or an InputError with the line of the first problem."""
    entity = _ENTITY.search(data) if fmt == ox.RdfFormat.RDF_XML else None
    if entity:
        raise InputError(
            shown,
            data.count(b"\n", 0, entity.start()) + 1,
            "entity declarations (<!ENTITY ...>) are refused in RDF/XML: they can expand without bound or read files",
        )
    try:
        return [quad.triple for quad in ox.parse(data, format=fmt, base_iri=base_iri)]
    except SyntaxError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise InputError(
            shown, exc.lineno or 0, f"{_FORMAT_NAMES.get(fmt, 'RDF')} syntax error: {_plain_message(message)}"
        ) from exc
    except (ValueError, OSError) as exc:
        raise InputError(shown, 0, f"cannot read this RDF: {exc}") from exc


def _plain_message(message: str) -> str:
    """Oxigraph's message without its own position prefix (the line is given by ``file:line``)."""
    return re.sub(r"^Parser error (?:at|between) line \d+[^:]*:\s*", "", message) or message


def to_rdflib(triples: list[ox.Triple], graph: Graph | None = None) -> Graph:
    """The triples in an rdflib graph (a new one unless given)."""
    out = graph if graph is not None else Graph()
    for triple in triples:
        out.add((_node(triple.subject), _node(triple.predicate), _node(triple.object)))
    return out


def _node(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise ValueError(f"RDF-star triples are not supported here: {term}")


def read_bytes(path: Path, shown: str) -> bytes:
    """A file's bytes, or an InputError that says why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(shown, 0, "file not found") from exc
    except IsADirectoryError as exc:
        raise InputError(shown, 0, "this is a folder, not an RDF file") from exc
    except OSError as exc:
        raise InputError(shown, 0, f"cannot read the file: {exc.strerror or exc}") from exc


def read_rdf(path: Path, shown: str | None = None, *, base_iri: str | None = None, graph: Graph | None = None) -> Graph:
    """An RDF file (format from its extension) as an rdflib graph, added to ``graph`` when given."""
    name = shown or str(path)
    data = read_bytes(path, name)
    return to_rdflib(parse_triples(data, name, format_of(path, name), base_iri), graph)
