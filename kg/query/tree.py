"""Walking rdflib's parse tree of a query: its nodes (CompValue) and its terms (URIRef, Literal, Variable)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def parse_terms(tree: object) -> Iterator[str]:
    """Every term (URIRef, Literal, Variable: the strings) of a parse tree, as :func:`parse_nodes` walks it."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack: list[object] = [tree]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, str):
            yield item
            continue
        if isinstance(item, CompValue):
            stack.extend(dict.values(item))
        elif isinstance(item, ParseResults):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)


def parse_nodes(tree: object) -> Iterator[Any]:
    """Every CompValue in a parse tree: through CompValues, ParseResults, lists, tuples and dicts."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    seen: set[int] = set()
    stack: list[object] = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, str) or id(item) in seen:
            continue  # terms (URIRef, Literal, Variable) are strings; nothing below them
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(dict.values(item))
        elif isinstance(item, ParseResults):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
