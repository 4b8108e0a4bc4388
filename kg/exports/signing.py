"""Nanopublications signed as the nanopub community signs them: the ``nanopub`` library, RSA, trusty URIs.

An unsigned nanopublication's IRI follows its claim's (``res:np/claim/R/S-E``, graphs ``#assertion``
...). The library derives the part of an IRI its trusty hash replaces from the nanopublication's IRI
(up to a final ``/`` or ``#``), so each one is first given the form it expects (``res:np/claim/R/S-E/``
with ``/assertion`` ...); signing then adds the public key and the signature to the pubinfo graph
and makes every IRI of the nanopublication content-addressed: ``res:np/claim/R/S-E/RA...`` (the
trusty URI, with ``#assertion``, ``#sig`` ...). A changed triple no longer matches its IRI's hash nor
the signature, which anyone can check with the public key given inside it.

RSA PKCS#1 v1.5 signatures are deterministic, so the same graph, date and key give the same bytes.

Signing many is costly in two places the library repeats for each one: it parses its own SPARQL query
three times a nanopublication and reads the RSA key (a primality check of each factor) for its profile
and again for the signature. A profile is made once a key (:func:`_profile`), and :class:`NanopubGraph`
parses a query once for the prefixes it reads; the bytes signed are the same.
"""

from __future__ import annotations

import base64
import binascii
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import ExportError

#: Who the library's profile names; it is not written into the nanopublications (only the key is).
_SIGNER = "evidence-kg"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def private_key(path: Path) -> str:
    """The RSA private key in ``path`` as the nanopub library takes it (base64 of DER).

    A PEM file (``openssl genrsa``, ``ssh-keygen -m PEM``) or the nanopub tools' own
    ``~/.nanopub/id_rsa`` (the base64 without header lines) is accepted.
    """
    from Crypto.PublicKey import RSA

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"{path}: cannot read the key: {exc.strerror or exc}") from exc
    try:
        key = RSA.import_key(data)
    except (ValueError, IndexError, TypeError):
        try:
            key = RSA.import_key(base64.b64decode(b"".join(data.split()), validate=True))
        except (ValueError, IndexError, TypeError, binascii.Error):
            raise ExportError(f"{path}:1: not an RSA private key (PEM, or the base64 of ~/.nanopub/id_rsa)") from None
    if not key.has_private():
        raise ExportError(f"{path}:1: this is a public key; signing needs the private one")
    return base64.b64encode(key.export_key(format="DER")).decode("ascii")


def _to_rdflib(term: Any) -> Any:
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # a plain literal, as a TriG reader reads it back
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ExportError(f"a nanopublication holds a term that cannot be signed: {term}")


def _to_ox(term: Any) -> ox.NamedNode | ox.Literal:
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ExportError(f"the signed nanopublication holds a blank node: {term}")


@lru_cache(maxsize=32)
def _prepared(query: str, namespaces: tuple[tuple[str, str], ...]) -> Any:
    """``query`` parsed and translated with ``namespaces`` (only those whose prefix it names)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(query, initNs=dict(namespaces))


def nanopub_graph() -> Any:
    """An empty :class:`NanopubGraph` (rdflib's ``ConjunctiveGraph``, whose deprecation warning is silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _graph_class()()


@lru_cache(maxsize=1)
def _graph_class() -> type:
    from rdflib import ConjunctiveGraph

    class NanopubGraph(ConjunctiveGraph):
        """A ``ConjunctiveGraph`` that parses a query string once: the nanopub library queries each graph
        three times with one constant query. The key is the query and the graph's prefixes that the query's
        text names (any other binding cannot change what it means), so the answer is the uncached one."""

        def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(query_object, str) and not args and set(kwargs) <= {"initBindings"}:
                used = tuple(sorted((p, str(ns)) for p, ns in self.namespaces() if f"{p}:" in query_object))
                query_object = _prepared(query_object, used)
            return super().query(query_object, *args, **kwargs)

    return NanopubGraph


@lru_cache(maxsize=4)
def _profile(key: str) -> Any:
    """The library's signing profile for ``key``; making one reads the key (a primality check), so once a key."""
    from nanopub import Profile

    return Profile(orcid_id=_SIGNER, name=_SIGNER, private_key=key)


def _renamed(iri: str, base: str) -> str:
    """``{base}`` -> ``{base}/``, ``{base}#part`` -> ``{base}/part``: the form the library signs."""
    if iri == base:
        return base + "/"
    if iri.startswith(base + "#"):
        return f"{base}/{iri[len(base) + 1 :]}"
    return iri


def sign_nanopub(quads: list[ox.Quad], base: str, key: str) -> list[ox.Quad]:
    """One nanopublication (its IRI is ``base``) signed with ``key``: the signed quads, trusty IRIs."""
    from nanopub import Nanopub, NanopubConf
    from rdflib import URIRef

    with warnings.catch_warnings():  # the library works on rdflib's ConjunctiveGraph, which rdflib 7 deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        graph = nanopub_graph()
        for quad in quads:
            parts = [quad.subject, quad.predicate, quad.object]
            subject, predicate, obj = (
                URIRef(_renamed(t.value, base)) if isinstance(t, ox.NamedNode) else _to_rdflib(t) for t in parts
            )
            context = graph.get_context(URIRef(_renamed(str(quad.graph_name.value), base)))  # type: ignore[union-attr]
            context.add((subject, predicate, obj))
        nanopub = Nanopub(rdf=graph, conf=NanopubConf(profile=_profile(key), add_prov_generated_time=False))
        nanopub.sign()
        signed: list[ox.Quad] = []
        for s, p, o, where in nanopub.rdf.quads((None, None, None, None)):
            name = getattr(where, "identifier", where)
            signed.append(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.NamedNode(str(name))))  # type: ignore[arg-type]
        return signed
