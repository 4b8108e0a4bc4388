"""The query stage: named SPARQL queries (a registry of the package's and the project's ``.rq``
files), parameters bound safely, every user-written query checked read-only, all run on any store
with a row cap and a timeout.

``registry`` (the files and their headers), ``params`` (typed parameters), ``safety`` (the
read-only check), ``prefixes`` (the usual prefixes), ``run`` (running them).
"""

from __future__ import annotations

from kg.query.escapes import unescape_codepoints
from kg.query.params import bind_param, bind_params, expand_iri
from kg.query.prefixes import PREFIX_BLOCK, PREFIX_MAP
from kg.query.reading import MAX_CHARS, QUERY_FORMS, ReadQuery, read_query
from kg.query.registry import (
    PARAM_TYPES,
    ParamSpec,
    QuerySpec,
    find_spec,
    list_specs,
    load_query_file,
    load_registry,
    parse_header,
    query_files,
    query_from_text,
    read_spec,
    resolve_spec,
)
from kg.query.run import run_console, run_construct, run_construct_stream, run_query, run_spec, run_spec_stream
from kg.query.safety import check_read_only, read_console

__all__ = [
    "PARAM_TYPES",
    "PREFIX_BLOCK",
    "PREFIX_MAP",
    "ParamSpec",
    "QuerySpec",
    "bind_param",
    "bind_params",
    "MAX_CHARS",
    "QUERY_FORMS",
    "ReadQuery",
    "check_read_only",
    "read_console",
    "read_query",
    "unescape_codepoints",
    "expand_iri",
    "find_spec",
    "list_specs",
    "load_query_file",
    "load_registry",
    "parse_header",
    "query_files",
    "query_from_text",
    "read_spec",
    "resolve_spec",
    "run_console",
    "run_construct",
    "run_construct_stream",
    "run_spec_stream",
    "run_query",
    "run_spec",
]
