"""A cap on a query's tokens and operators, counted in one pass before any parser sees it.

rdflib's parser is slow and grows with the number of operators in an expression, not with the
characters alone: ``1+1+...`` costs about 1.6 ms an operand and an ``IN ( ... )`` list 2.6 ms an
item (measured), so 60 KB of ``1+1+...`` (30,000 operands) took 75 s, and Oxigraph then crashed on
the deep expression. The character cap (:data:`kg.query.reading.MAX_CHARS`) cannot tell those
apart from a long, ordinary query; this cap can, in milliseconds, with one regular expression.

The caps are far above the package's own queries (the largest, ``claim-evidence``, has 767 tokens and 67
operators) and low enough that a query at the cap is read in a few seconds; past that the query's
deadline stops the reading (:mod:`kg.query.parsing`).
"""

from __future__ import annotations

import re

from kg.errors import QueryError

#: The most tokens (words, names, numbers, strings, IRIs, punctuation) a query may have.
MAX_TOKENS = 10_000
#: The most operators and list separators (``+ - * / || && = != < > <= >= ! ,``) a query may have.
MAX_OPERATORS = 1_000

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r\n]+|\#[^\r\n]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
      |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<operator>\|\||&&|!=|<=|>=|[-+*/=<>!,])
  | (?P<word>[?$]?[\w\-.:%\\\u00B7-\U000EFFFF]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def count_tokens(text: str) -> tuple[int, int]:
    """(tokens, operators) of a query's text; whitespace and comments are not tokens."""
    tokens = operators = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "space":
            continue
        tokens += 1
        if kind == "operator":
            operators += 1
    return tokens, operators


def check_tokens(text: str, where: str) -> None:
    """A :class:`QueryError` in one line when ``text`` has more tokens or operators than the caps."""
    tokens, operators = count_tokens(text)
    if operators > MAX_OPERATORS:
        raise QueryError(
            f"{where}: the query has {operators:,} operators and separators (+ - * / || && = < > , ...); "
            f"at most {MAX_OPERATORS:,} are accepted (the cap keeps reading it fast)"
        )
    if tokens > MAX_TOKENS:
        raise QueryError(
            f"{where}: the query has {tokens:,} tokens; at most {MAX_TOKENS:,} are accepted "
            "(the cap keeps reading it fast)"
        )
