"""Why a query could not be read, in words: the refusals of :mod:`kg.query.reading` once rdflib fails.

rdflib's parser says only where it stopped. The reading is explained here: an update (named by its
kinds), a SERVICE rdflib cannot read at all (refused whatever else is wrong), nesting too deep for
the checker, or a syntax error at the user's line and column with what was expected, in words
(the grammar of :mod:`kg.query.grammar`, within its own time budget).
"""

from __future__ import annotations

from kg.query.escapes import RefusalError, line_col
from kg.query.grammar import GRAMMAR, OutOfTimeError
from kg.query.messages import (
    OPENERS,
    STRING,
    deepest,
    either,
    first_word,
    keyword,
    mask,
    next_token,
    plain,
    unclosed,
)
from kg.query.tree import parse_nodes

SERVICE_REFUSED = "SERVICE is refused: queries may not reach other endpoints"
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_UPDATE_NODES = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}


class Explaining:
    """The explanations of a reading (mixed into it): ``raw`` is the user's text, ``header`` the prefix
    declarations put before it, ``engine`` the two as the engine will read them."""

    raw: str
    header: str
    engine: str

    def raw_offset(self, engine_offset: int) -> int | None:
        raise NotImplementedError

    def refuse_at(self, engine_offset: int | None, message: str) -> RefusalError:
        raise NotImplementedError

    def refusal(self, exc: Exception) -> RefusalError:
        """Why rdflib could not read the query, in words."""
        from pyparsing import ParseBaseException

        masked = mask(self.engine)
        if first_word(masked, len(self.header)) in _UPDATE_WORDS:
            return self.refuse_update()
        service = keyword(masked, "SERVICE", len(self.header))
        if service is not None:
            # rdflib cannot read some SERVICE clauses at all (a SERVICE inside a SERVICE recurses
            # without end; one after a '#' in a string or IRI on its line fails): whatever else is
            # wrong, the clause would be refused
            return self.refuse_at(service, SERVICE_REFUSED)
        if isinstance(exc, RecursionError):
            return self.too_deep()
        if isinstance(exc, ParseBaseException):
            return self.explain(exc.loc)
        return self.refuse_at(None, f"not valid SPARQL: {plain(str(exc))}")

    def too_deep(self) -> RefusalError:
        depth, offset = deepest(mask(self.engine), len(self.header))
        if depth >= 12:
            return self.refuse_at(
                offset,
                f"the query nests {{ }}, ( ) or [ ] {depth} levels deep, more than the checker can read "
                "(about 30 levels of groups, fewer of brackets); flatten it",
            )
        return self.refuse_at(
            None,
            "the query is too complex for the checker to read: more than about 80 triple patterns in a row; "
            "put a FILTER, OPTIONAL or { } group between them",
        )

    def explain(self, rdflib_loc: int) -> RefusalError:
        """A syntax error in words, at the user's line and column."""
        timed_out = False
        try:
            found = GRAMMAR.get().diagnose(self.engine)
        except OutOfTimeError:
            found, timed_out = None, True
        except Exception:  # explaining is a courtesy: it must never turn a refusal into a traceback
            found = None
        loc, expected = found if found is not None else (rdflib_loc, [])
        while loc < len(self.engine) and self.engine[loc] in " \t\r\n":
            loc += 1  # a rule that keeps whitespace failed on it: point at the token after it
        if timed_out:  # rdflib's position: where a whole clause failed, at or before the error
            return self.refuse_at(
                loc,
                f"not valid SPARQL at or after {next_token(self.engine[loc:])!r} (the query is too long to say exactly "
                "where)",
            )
        return self.refuse_at(loc, "not valid SPARQL: " + self.describe(loc, expected))

    def refuse_update(self) -> RefusalError:
        from rdflib.plugins.sparql.parser import parseUpdate

        try:
            update = parseUpdate(self.engine)
        except Exception:
            kinds = ""
        else:
            requests = dict.get(update, "request") or list(parse_nodes(update))  # in the order written
            names = dict.fromkeys(_UPDATE_NODES[n.name] for n in requests if getattr(n, "name", "") in _UPDATE_NODES)
            kinds = f" ({', '.join(names)})" if names else ""
        return RefusalError(None, f"updates are refused{kinds}; the store is read-only")

    def describe(self, loc: int, expected: list[str]) -> str:
        masked = mask(self.engine)
        rest = self.engine[loc:]
        if rest[:1] in ("'", '"') and not STRING.match(rest):
            return f'the string {next_token(rest)!r} is not closed on its line (\'"""\' strings may span lines)'
        at_end = not masked[loc:].strip()
        closer = next((c for c in ("}", ")", "]") if f"'{c}'" in expected), None)
        if closer and at_end:
            opener = unclosed(masked, len(self.header), loc, closer)
            if opener is not None:
                raw = self.raw_offset(opener)
                line = line_col(self.raw, raw)[0] if raw is not None else 0
                what = "group" if closer == "}" else f"'{OPENERS[closer]}'"
                return f"expected '{closer}' to close the {what} opened on line {line}"
        wanted = f"expected {either(expected)}" if expected else ""
        if at_end:
            return f"the query ends too early; {wanted}" if wanted else "the query ends too early"
        token = next_token(rest)
        if token == ";":
            return (
                "unexpected ';': only one query can run at a time (';' separates update operations, "
                "and updates are refused)"
            )
        if "the end of the query" in expected and (token in OPENERS or len(expected) == 1):
            return f"unexpected {token!r} after the end of the query"
        return f"unexpected {token!r}; {wanted}" if wanted else f"unexpected {token!r}: the query is not valid here"
