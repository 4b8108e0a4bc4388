"""Is this text one absolute IRI (RFC 3987) that can be written as ``<...>`` in any SPARQL query?

A parameter's IRI is written into the query text by the binder (:mod:`kg.store.binding`), so it must
be one token wherever it lands: RFC 3987's grammar (the strict pattern below, written from the RFC's
ABNF; the ``rfc3987`` package is GPL-licensed, and a check that differed with what is installed would
be two checks), and on top of it no ``'``. RFC 3987
allows ``'`` (a sub-delimiter), but it delimits SPARQL strings: ``http://e/''',#`` is a valid IRI
that, bound at a place a binder misread as code, closed a ``'''`` string and commented out the rest
of a line (issue 22). The graph's own IRIs never hold one.
"""

from __future__ import annotations

import re

_UCS = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd\U00040000-\U0004fffd"
    "\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
    "\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
    "\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_UNRESERVED = rf"A-Za-z0-9\-._~{_UCS}"
_SUB_DELIMS = r"!$&()*+,;="  # RFC 3987's, without "'"
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_REG_NAME = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})*"
_USERINFO = rf"(?:(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?"
_HOST = rf"(?:\[[0-9A-Fa-f:.]+\]|\[v[0-9A-Fa-f]+\.[{_UNRESERVED}{_SUB_DELIMS}:]+\]|{_REG_NAME})"
_AUTHORITY = rf"{_USERINFO}{_HOST}(?::[0-9]*)?"
_PATH = rf"(?://{_AUTHORITY}(?:/{_PCHAR}*)*|/(?:{_PCHAR}+(?:/{_PCHAR}*)*)?|{_PCHAR}+(?:/{_PCHAR}*)*|)"
_QUERY = rf"(?:\?(?:{_PCHAR}|[/?{_PRIVATE}])*)?"
_FRAGMENT = rf"(?:\#(?:{_PCHAR}|[/?])*)?"
_IRI = re.compile(rf"[A-Za-z][A-Za-z0-9+\-.]*:{_PATH}{_QUERY}{_FRAGMENT}")


def is_iri(value: str) -> bool:
    """True when ``value`` is an absolute IRI with an optional fragment (RFC 3987) holding no ``'``."""
    return "'" not in value and _IRI.fullmatch(value) is not None
