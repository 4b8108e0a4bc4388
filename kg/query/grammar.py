"""Where rdflib's parser stopped, and what it expected there: an instrumented private copy of its grammar.

Loaded only to explain a query rdflib refused (the decision is always rdflib's own ``parseQuery``),
within a time budget; rdflib's own grammar objects are never touched.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any

#: Grammar rules (names in rdflib.plugins.sparql.parser) said in words. The outermost rule that
#: failed at the furthest position names what was expected there.
_LABELS = {
    "GroupGraphPattern": "'{'",
    "GraphPatternNotTriples": "a pattern (FILTER, OPTIONAL, { } ...)",
    "TriplesSameSubjectPath": "a triple pattern",
    "TriplesSameSubject": "a triple pattern",
    "Constraint": "a condition in ( )",
    "Expression": "an expression",
    "ConditionalOrExpression": "an expression",
    "ConditionalAndExpression": "an expression",
    "ValueLogical": "an expression",
    "RelationalExpression": "an expression",
    "NumericExpression": "an expression",
    "AdditiveExpression": "an expression",
    "MultiplicativeExpression": "an expression",
    "UnaryExpression": "an expression",
    "PrimaryExpression": "an expression",
    "VarOrTerm": "a term (variable, IRI or literal)",
    "GraphNode": "a term (variable, IRI or literal)",
    "GraphNodePath": "a term (variable, IRI or literal)",
    "VarOrIri": "a variable or an IRI",
    "VerbPath": "a predicate",
    "VerbSimple": "a predicate",
    "Verb": "a predicate",
    "Var": "a variable",
    "iri": "an IRI",
    "IRIREF": "an IRI",
    "PrefixedName": "a prefixed name",
    "String": "a string",
    "RDFLiteral": "a string",
    "NumericLiteral": "a number",
    "INTEGER": "an integer",
    "BooleanLiteral": "true or false",
    "BlankNode": "a blank node",
    "DataBlockValue": "a value",
    "LANGTAG": "a language tag",
    "VARNAME": "a variable name",
    "PN_LOCAL": "a local name",
    "PN_PREFIX": "a prefix",
}
_ORDER = ("'}'", "')'", "']'", "'.'")


class OutOfTimeError(Exception):
    """The diagnosis took too long; the error is then reported where rdflib stopped."""


class _Grammar:
    """A private instance of rdflib's query grammar that records the furthest failure.

    Used only to explain a query rdflib refused: the decision is always rdflib's own ``parseQuery``.
    The private instance is instrumented with pyparsing's debug actions; rdflib's grammar is never
    touched.
    """

    BUDGET_S = 3.0

    def __init__(self) -> None:
        import importlib.util

        import pyparsing as pp
        from rdflib.plugins.sparql import parser as rdflib_parser

        # A second, private instance of rdflib's parser module: its own grammar objects, never
        # streamlined by rdflib's own parses (streamlining merges the rules named in _LABELS away).
        spec = importlib.util.spec_from_file_location("rdflib.plugins.sparql._kg_diagnosis", rdflib_parser.__file__)
        if spec is None or spec.loader is None:
            raise ImportError("cannot load a second copy of rdflib's SPARQL parser")
        private = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(private)
        end = pp.StringEnd()
        self.unit = private.QueryUnit + end
        self.labels: dict[int, str] = {id(end): "the end of the query"}
        for name, word in _LABELS.items():
            element = getattr(private, name, None)
            if element is not None:
                self.labels[id(element)] = word
        elements = _elements(self.unit)
        shared = _elements(rdflib_parser.QueryUnit) | _elements(rdflib_parser.UpdateUnit)
        ignored: set[int] = set(shared)
        for element in elements.values():
            for ignorable in getattr(element, "ignoreExprs", ()) or ():
                ignored.update(_elements(ignorable))
        self.terminals = {i for i, e in elements.items() if isinstance(e, pp.Token)}
        self.tokens = {i for i, e in elements.items() if isinstance(e, pp.Combine) and i in self.labels}
        self.words = {i: _terminal_word(e) for i, e in elements.items() if i in self.terminals}
        # The ':' after a bare word (``FILTER`` read as the start of ``FILTER:x``) is no progress: an
        # error there would say "expected ':'" where the word itself is the mistake.
        colon = getattr(private.PNAME_NS, "exprs", None) or [None]
        self.terminals -= set(_elements(colon[-1])) if colon[-1] is not None else set()
        self.local = threading.local()
        for i, element in elements.items():
            if i not in ignored:
                element.set_debug_actions(self._try, self._match, self._fail)

    def _try(self, text: str, loc: int, expr: Any, cache_hit: bool = False) -> None:
        state = self.local
        state.stack.append((id(expr), loc))
        state.calls += 1
        if state.calls % 2048 == 0 and time.monotonic() > state.deadline:
            raise OutOfTimeError()

    def _match(self, text: str, start: int, end: int, expr: Any, tokens: Any, cache_hit: bool = False) -> None:
        self._pop(id(expr), start)

    def _fail(self, text: str, loc: int, expr: Any, exc: Exception, cache_hit: bool = False) -> None:
        self._pop(id(expr), loc)
        state = self.local
        key = id(expr)
        if key not in self.terminals or loc < state.best or isinstance(exc, OutOfTimeError):
            return
        if loc > state.best:
            state.best, state.expected = loc, {}
        word = self.labels.get(key) or self.words.get(key)
        if word is None:  # inside a token (the tag after '@', the name after '?'): say the token
            word = next((self.labels[a] for a, _ in reversed(state.stack) if a in self.tokens), None)
        for ancestor, start in reversed(state.stack):  # the rules that started here, innermost first
            if start != loc and _skip_space(text, start, state.skipped) != loc:
                break
            word = self.labels.get(ancestor, word)
        if word:
            state.expected[word] = None

    def _pop(self, key: int, loc: int) -> None:
        stack = self.local.stack
        while stack:
            if stack.pop() == (key, loc):
                return

    def diagnose(self, text: str) -> tuple[int, list[str]] | None:
        """The furthest position the grammar reached and what it expected there, in words.

        None when it cannot tell; :class:`OutOfTimeError` after :attr:`BUDGET_S` seconds (the
        instrumented grammar runs about four times slower than rdflib's).
        """
        from pyparsing import ParseBaseException

        state = self.local
        state.stack, state.best, state.expected, state.calls, state.skipped = [], -1, {}, 0, {}
        state.deadline = time.monotonic() + self.BUDGET_S
        try:
            self.unit.parse_string(text)
        except ParseBaseException:
            pass
        except RecursionError:
            return None
        else:
            return None  # it parsed: cannot explain an error it does not see
        if state.best < 0:
            return None
        expected = list(state.expected)
        expected.sort(key=_rank)
        if len(expected) > 7:
            expected = expected[:6] + ["…"]
        return state.best, expected


_SPACE = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")


def _skip_space(text: str, start: int, cache: dict[int, int]) -> int:
    """Where the next token starts (rules that keep whitespace are tried before it)."""
    if start not in cache:
        match = _SPACE.match(text, start)
        cache[start] = match.end() if match else start
    return cache[start]


def _rank(word: str) -> tuple[int, int]:
    """Closers first, then rules in words, then keywords, then operators."""
    if word in _ORDER:
        return 0, _ORDER.index(word)
    if not word.startswith("'"):
        return 1, 0
    return (2 if word[1:2].isalpha() else 3), 0


def _elements(root: Any) -> dict[int, Any]:
    found: dict[int, Any] = {}
    stack = [root]
    while stack:
        element = stack.pop()
        if id(element) in found:
            continue
        found[id(element)] = element
        stack.extend(getattr(element, "exprs", None) or ())
        inner = getattr(element, "expr", None)
        if inner is not None:
            stack.append(inner)
    return found


def _terminal_word(element: Any) -> str | None:
    import pyparsing as pp

    if isinstance(element, (pp.Keyword, pp.CaselessKeyword)):
        return f"'{element.match.upper()}'"
    if isinstance(element, pp.Literal):
        return f"'{element.match}'"
    return None


class _Lazy:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._grammar: _Grammar | None = None

    def get(self) -> _Grammar:
        with self._lock:
            if self._grammar is None:
                self._grammar = _Grammar()
            return self._grammar


GRAMMAR = _Lazy()
