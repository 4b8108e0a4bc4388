"""The rules reasoner and the counts over the graph's sorted N-Triples lines: no rdflib graph of the whole.

The build holds its graph as sorted runs (:class:`kg.graph.runs.RunStore`), read back as one stream
of canonical lines. The lines are sorted, so each subject's lines come together: one pass gives the
reasoner's input exactly as :func:`kg.validate.reasoner.reasoning_triples` takes it from a graph
(each ``res:`` node's types, unless a type marks it skipped, and the object properties reasoned
about), as interned IRIs (one object per distinct IRI, not one per mention), and every
``ekg:restsOn`` pair. :func:`kg.validate.rules.rule_inferences` answers over that input as over a
graph's, and :func:`kg.validate.reasoner.complete_entailments` is done on lines: a second pass
finds which of the candidate lines the graph already holds, so the result is, line for line, what
``reason_with_rules`` gives over the whole graph (tests/test_line_reasoning.py compares them).

The counts of ``summary.json`` (:func:`kg.pipeline.counts.count_graph`) are taken in one pass too:
each subject's set of types (a few dozen distinct sets), and the ``rdfs:subClassOf`` lines.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.pipeline.counts import COUNTED
from kg.pipeline.shacl_cut import TYPE, tokens
from kg.validate.reasoner import _REASONED_PREDICATES, _SKIPPED_TYPES, ReasoningResult
from kg.validate.rules import Triple, rule_inferences
from kg.vocab import EKG, RES

Lines = Callable[[], Iterable[bytes]]


def _token(term: str) -> bytes:
    return b"<" + str(term).encode("utf-8") + b">"


_RES = _token(RES)[:-1]
_SKIPPED = {_token(t) for t in _SKIPPED_TYPES}
_REASONED = {_token(p): p for p in _REASONED_PREDICATES}
_RESTS_ON = _token(EKG.restsOn)
_RESTS_ON_T = _token(EKG.restsOnTransitively)
_NAMED = (RDF.type, OWL.NamedIndividual)
_SUBCLASS = _token(RDFS.subClassOf)


def _subjects(lines: Iterable[bytes]) -> Iterator[tuple[bytes, list[tuple[bytes, bytes, bytes, bytes]]]]:
    """Each subject's lines, as tokens (sorted lines: a subject's lines are together)."""
    parsed = (tokens(line) for line in lines)
    for subject, group in groupby(parsed, key=lambda line: line[0]):
        yield subject, list(group)


class _Interned:
    """One :class:`URIRef` per IRI token."""

    def __init__(self) -> None:
        self.terms: dict[bytes, URIRef] = {}

    def __call__(self, token: bytes) -> URIRef:
        term = self.terms.get(token)
        if term is None:
            term = self.terms[token] = URIRef(token[1:-1].decode("utf-8"))
        return term


def reasoning_input_of_lines(lines: Iterable[bytes]) -> tuple[list[Triple], list[bytes]]:
    """The reasoner's input (as :func:`kg.validate.reasoner.reasoning_triples` gives it) and the graph's
    ``ekg:restsOn`` lines' ``ekg:restsOnTransitively`` twins."""
    term = _Interned()
    data: dict[Triple, None] = {}
    transitive: list[bytes] = []
    for subject, own in _subjects(lines):
        if any(p == TYPE and o in _SKIPPED for _, p, o, _ in own):
            transitive += [s + b" " + _RESTS_ON_T + b" " + o + b" ." for s, p, o, _ in own if p == _RESTS_ON]
            continue
        instance = subject.startswith(_RES)
        for s, p, o, _ in own:
            if p == _RESTS_ON:
                transitive.append(s + b" " + _RESTS_ON_T + b" " + o + b" .")
            if not o.startswith(b"<") or not s.startswith(b"<"):
                continue
            if p == TYPE and instance:
                data[(term(s), RDF.type, term(o))] = None
                data[(term(s), *_NAMED)] = None
            elif p in _REASONED:
                data[(term(s), _REASONED[p], term(o))] = None
    return list(data), transitive


def _line(triple: tuple[object, object, object]) -> bytes:
    s, p, o = triple
    if not all(isinstance(t, URIRef) for t in triple):
        raise AssertionError(f"an inferred triple that is not of IRIs: {triple}")
    return f"<{s}> <{p}> <{o}> .".encode()


def reason_over_lines(lines: Lines, ontology: Graph) -> tuple[ReasoningResult, list[bytes]]:
    """``reason_with_rules`` over the graph ``lines()`` gives (read twice): its verdict and its inferred
    triples as sorted, unique N-Triples lines. Raises
    :class:`~kg.validate.reasoner.InconsistentOntologyError` as it does."""
    started = time.perf_counter()
    data, transitive = reasoning_input_of_lines(lines())
    inferred = rule_inferences(data, ontology)
    del data
    by_rule = {_line(t): t for t in inferred}
    parents: dict[bytes, list[bytes]] = {}  # a rule's type line -> its ekg: superclasses' lines
    for line, (s, p, o) in by_rule.items():
        if p == RDF.type:
            ups = ontology.transitive_objects(o, RDFS.subClassOf)
            named = [u for u in ups if isinstance(u, URIRef) and str(u).startswith(str(EKG))]
            parents[line] = [_line((s, RDF.type, u)) for u in named]
    candidates = set(by_rule) | set(transitive) | {u for ups in parents.values() for u in ups}
    held = {line for line in lines() if line in candidates}
    kept = {line for line in by_rule if line not in held}
    completed = {u for line in kept for u in parents.get(line, ()) if u not in held}
    completed |= {line for line in transitive if line not in held}
    result = sorted(kept | completed)
    seconds = time.perf_counter() - started
    return ReasoningResult("consistent", inferred=len(result), seconds=seconds, engine="rules"), result


def count_lines(lines: Iterable[bytes]) -> dict[str, int]:
    """:func:`kg.pipeline.counts.count_graph` of the graph whose sorted, unique lines are ``lines``."""
    type_sets: Counter[frozenset[bytes]] = Counter()
    sub: dict[bytes, set[bytes]] = {}
    triples = 0
    for _, own in _subjects(lines):
        triples += len(own)
        types = frozenset(o for _, p, o, _ in own if p == TYPE)
        if types:
            type_sets[types] += 1
        for s, p, o, _ in own:
            if p == _SUBCLASS:
                sub.setdefault(o, set()).add(s)
    counts = {}
    for name, cls in COUNTED.items():
        below, todo = {_token(cls)}, [_token(cls)]
        while todo:
            for child in sub.get(todo.pop(), ()):
                if child not in below:
                    below.add(child)
                    todo.append(child)
        counts[name] = sum(n for types, n in type_sets.items() if types & below)
    counts["triples"] = triples
    return counts
