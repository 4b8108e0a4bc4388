"""HermiT over the graph one part at a time: work that grows with the reports, not with their square.

This is ``--reasoner hermit``; the build's default reasons by rules over the whole graph at once
(:mod:`kg.validate.rules`: the same triples, about 1/40 of HermiT's CPU; :func:`reasoner_for` picks).

The reasoner's input (:func:`~kg.validate.reasoner.reasoning_input`: typed ``res:`` individuals and
the object properties the ontology reasons about) is cut into parts. A node belongs to the report
its IRI names (``res:claim/REPORT/…``, ``res:stat/REPORT/…``); a node of no report (a work, an
entity, a candidate, a pairing of two reports' items, whose scores are relative to the corpus) is
shared. Any assignment gives the same answer (each part is its seeds' closure); this one keeps a new
report's changes in its own part. Reports are grouped into parts of about ``every`` reports and
shared nodes into parts of about ``shared_every`` nodes, with content-defined boundaries (a part
ends after a report whose key's digest is 0 modulo ``every``), so adding or removing a report
changes only its own part. Each part is its seeds' *forward closure*: every triple whose subject is
a seed or is reached from one through an object, so a report's part holds the works, entities,
studies and other reports' claims it points at, with their own types and links. HermiT runs on the
ontology plus one part (in worker processes, or on Dask), each part's answer cached by the digest of
its triples.

Why the union of the parts' inferences is HermiT's answer over the whole graph: the ontology is
Horn (subclasses, sub-properties, an inverse, symmetric and transitive properties, domains and
ranges, and defined classes whose conditions are a value or a typed value of an *outgoing*
property), so every entailment about a node follows from the node's own triples and from what it
reaches by outgoing edges; an entailment about the object of an edge (an inverse, a symmetric
pair, a range) follows from the edge, which is in the part of the edge's subject; and a clash of
disjoint classes on a node needs the node's asserted types, which travel with it into every part
that reaches it. Each part is a subset of the whole input, so it entails nothing the whole does
not (monotonicity). tests/test_reason_parts.py checks the equality on the real corpus and on a
synthetic corpus, part by part against the whole-graph run.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from kg.errors import KgError
from kg.pipeline.cache import BuildCache, code_digest
from kg.pipeline.pool import Runner
from kg.pipeline.progress import Say, StageProgress
from kg.validate.reasoner import (
    TEMP_PREFIX,
    ReasoningResult,
    check_java,
    complete_entailments,
    hermit_inferences,
    reason,
    reasoning_input,
)
from kg.validate.rules import reason_with_rules
from kg.validate.verdict import Reasoner
from kg.vocab import EKG, RES

#: The cache's folder for the parts' inferences.
REASON_KIND = "reason"
#: About this many reports per part (and at most four times as many). Adding a report reasons and
#: validates again over its part, so the part's size is what one report added costs (at 50 KB a
#: report, a part of eight holds some 40,000 lines: about 25 CPU s of HermiT at 0.6 ms a line); and
#: a JVM's start is not what a HermiT run costs: on 10 reports of 47 KB (JVM options as in
#: kg.validate.reasoner) one part a report took 30.2 CPU s, two a part 26.0, eight 31.1.
EVERY = 2
#: About this many shared nodes (works, entities, candidates, pairings) per part.
SHARED_EVERY = 2048

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class PartTask:
    """One part, as sorted N-Triples, and where HermiT's temporary files go."""

    ntriples: bytes
    workdir: str | None = None


def _line(triple: Triple) -> str:
    s, p, o = triple
    return f"{s.n3()} {p.n3()} {o.n3()} ."


def ntriples_of(triples: Iterable[Triple]) -> bytes:
    """Sorted, unique N-Triples: the same triples, the same bytes (a part's content key)."""
    lines = {_nt_row(triple).encode("utf-8") for triple in triples}  # rdflib's own N-Triples writer
    return b"".join(sorted(lines))


def _cut(keys: Iterable[str], every: int) -> list[list[str]]:
    """Content-defined groups: a group ends after a key whose digest is 0 modulo ``every``, or at 4x."""
    groups: list[list[str]] = [[]]
    for key in keys:
        groups[-1].append(key)
        mark = int(hashlib.sha256(key.encode()).hexdigest()[:12], 16) % max(every, 1) == 0
        if mark or len(groups[-1]) >= 4 * every:
            groups.append([])
    return [g for g in groups if g]


def split(data: Iterable[Triple], every: int = EVERY, shared_every: int = SHARED_EVERY) -> list[list[Triple]]:
    """The parts of the reasoner's input (see the module docstring); every triple is in at least one."""
    return [triples for _, triples in split_seeded(data, every, shared_every)]


def split_seeded(
    data: Iterable[Triple],
    every: int = EVERY,
    shared_every: int = SHARED_EVERY,
    depth: int | None = None,
    alone: Callable[[list[Triple]], bool] | None = None,
) -> list[tuple[list[Node], list[Triple]]]:
    """Each part's seeds (the nodes it is for; every subject is the seed of exactly one part) and its
    triples: those of every node reached from a seed by outgoing edges, or, with ``depth``, of those
    reached in fewer than ``depth`` steps (SHACL, whose shapes look a bounded way ahead).

    A node for which ``alone(its triples)`` holds needs nothing but its own triples (SHACL: the
    shapes that target it read no other node): such nodes are seeds of parts of their own, of
    about ``4 * shared_every`` nodes and their own triples only (they are still reached from others)."""
    out: dict[Node, list[Triple]] = defaultdict(list)
    for triple in data:
        out[triple[0]].append(triple)
    single = sorted(str(node) for node, triples in out.items() if alone is not None and alone(triples))
    lone = set(single)
    base = str(RES)
    reports = {
        str(s)[len(base) + len("report/") :]
        for s, triples in out.items()
        if str(s).startswith(base + "report/") and any(p == RDF.type and o == EKG.Report for _, p, o in triples)
    }
    owned: dict[str, list[Node]] = defaultdict(list)
    shared: list[str] = []
    for node in out:
        if str(node) in lone:
            continue
        path = str(node)[len(base) :].split("/") if str(node).startswith(base) else []
        if len(path) >= 2 and path[1] in reports:
            owned[path[1]].append(node)
        else:
            shared.append(str(node))
    by_name = {str(node): node for node in out}
    seed_groups = [[n for r in group for n in owned[r]] for group in _cut(sorted(owned), every)]
    seed_groups += [[by_name[n] for n in group] for group in _cut(sorted(shared), shared_every)]
    parts = []
    for seeds in seed_groups:
        reached = dict.fromkeys(seeds, 0)
        todo, triples = deque(seeds), []
        while todo:
            node = todo.popleft()
            steps = reached[node]
            if depth is not None and steps >= depth:
                continue
            for triple in out.get(node, ()):
                triples.append(triple)
                target = triple[2]
                if isinstance(target, URIRef) and target in out and target not in reached:
                    reached[target] = steps + 1
                    todo.append(target)
        parts.append((seeds, triples))
    for names in _cut(single, 4 * shared_every):
        nodes = [by_name[n] for n in names]
        parts.append((nodes, [t for node in nodes for t in out[node]]))
    return parts


def reason_part(task: PartTask) -> list[Triple]:
    """HermiT's inferences over the ontology plus one part (run in a worker; pure)."""
    from kg.graph.vocabulary import ontology

    subset = ontology()
    subset.parse(data=task.ntriples.decode("utf-8"), format="nt")
    workdir = Path(task.workdir) if task.workdir and Path(task.workdir).is_dir() else None
    return sorted(hermit_inferences(subset, workdir), key=_line)


def by_signature(data: Iterable[Triple]) -> tuple[list[Triple], dict[Node, list[Node]]]:
    """The reasoner's input with each *lone* node replaced by one stand-in per signature, and the
    nodes each stand-in stands for.

    A lone node is a ``res:`` individual that no triple of the input points at and whose own triples
    point only at the ontology's terms (its types, ``ekg:origin ekg:Suggested``): a pairing, a flag,
    a chain, a candidate. Its signature is the set of its (predicate, object) pairs. What HermiT
    entails about a lone node follows from its signature and the ontology only (no other individual
    has an edge to or from it, and the entailments about the ontology's own individuals are not kept),
    so one stand-in per signature gets the same inferences, which then hold for every node it stands
    for. The input then holds a few dozen stand-ins instead of one node per pairing: adding a report,
    whose pairings change across the corpus, leaves the shared parts as they were."""
    own: dict[Node, list[Triple]] = defaultdict(list)
    pointed: set[Node] = set()
    for triple in data:
        own[triple[0]].append(triple)
        pointed.add(triple[2])
    base = str(RES)
    signatures: dict[tuple[tuple[str, str], ...], list[Node]] = defaultdict(list)
    out: list[Triple] = []
    for node, triples in own.items():
        lone = (
            str(node).startswith(base)
            and node not in pointed
            and all(isinstance(o, URIRef) and not str(o).startswith(base) and o not in own for _, _, o in triples)
        )
        if lone:
            signatures[tuple(sorted({(str(p), str(o)) for _, p, o in triples}))].append(node)
        else:
            out.extend(triples)
    stands_for: dict[Node, list[Node]] = {}
    for signature, nodes in signatures.items():
        stand_in = RES["signature/" + hashlib.sha256(repr(signature).encode()).hexdigest()[:24]]
        stands_for[stand_in] = nodes
        out.extend((stand_in, URIRef(p), URIRef(o)) for p, o in signature)
    return out, stands_for


def reason_in_parts(
    graph: Graph,
    ontology: Graph,
    workdir: Path | None = None,
    runner: Runner | None = None,
    cache: BuildCache | None = None,
    progress: Say = lambda _: None,
    every: int = EVERY,
    shared_every: int = SHARED_EVERY,
) -> tuple[ReasoningResult, Graph]:
    """HermiT's inferences over the whole graph, computed part by part (cached, in parallel)."""
    started = time.perf_counter()
    runner = runner or Runner()
    cache = cache or BuildCache(None)
    data, stands_for = by_signature(reasoning_input(graph, Graph()))
    parts = split(data, every, shared_every)
    tasks = [PartTask(ntriples_of(part), None) for part in parts]
    keys = [hashlib.sha256(code_digest().encode() + t.ntriples).hexdigest() for t in tasks]
    found, missing = cache.lists(REASON_KIND, keys)
    progress(
        f"[reason] {len(parts)} parts, {len(parts) - len(missing)} unchanged (cached); HermiT on {len(missing)} ..."
    )
    if not missing:
        check_java()  # every part cached: the verdict stands only where the reasoner can run
    where = str(workdir) if workdir is not None else None
    bar = StageProgress("[reason]", len(missing), progress, unit="parts")
    before = set(workdir.glob(f"{TEMP_PREFIX}*")) if workdir is not None else set()
    try:
        results = runner.map(reason_part, [PartTask(tasks[i].ntriples, where) for i in missing], bar)
    except BaseException:  # the workers are stopped by now: a folder a stopped HermiT run left goes too
        for left in set(workdir.glob(f"{TEMP_PREFIX}*")) - before if workdir is not None else ():
            shutil.rmtree(left, ignore_errors=True)
        raise
    if missing:
        bar.finish()
    for index, result in zip(missing, results, strict=True):
        found[index] = result
        cache.put(REASON_KIND, keys[index], result)
    inferred = Graph()
    for index in range(len(parts)):
        for s, p, o in found[index]:
            for node in stands_for.get(s, (s,)):
                if (node, p, o) not in graph:
                    inferred.add((node, p, o))
    complete_entailments(graph, ontology, inferred)
    seconds = time.perf_counter() - started
    return ReasoningResult("consistent", inferred=len(inferred), seconds=seconds), inferred


#: The reasoners a build can use: the ontology's axioms as rules (the default, without Java), or HermiT.
REASONERS = ("rules", "hermit")


def reasoner_for(
    name: str,
    runner: Runner | None = None,
    cache: BuildCache | None = None,
    progress: Say = lambda _: None,
    whole: bool = False,
) -> Reasoner:
    """The reasoning stage for ``--reasoner NAME``: the rules over the whole input at once (a pass
    costs about as much as cutting the input into parts would, so there are no parts and no cache),
    or HermiT part by part (cached, in parallel), or HermiT over the whole graph (``whole``: ``kg
    validate --graph``)."""
    if name == "rules":

        def by_rules(graph: Graph, ontology: Graph, workdir: Path | None) -> tuple[ReasoningResult, Graph]:
            progress("[reason] rules read from the ontology, over the whole graph ...")
            return reason_with_rules(graph, ontology)

        return by_rules
    if name != "hermit":
        raise KgError(f"--reasoner must be one of {', '.join(REASONERS)}, not {name!r}")
    if whole:
        return reason

    def by_hermit(graph: Graph, ontology: Graph, workdir: Path | None) -> tuple[ReasoningResult, Graph]:
        return reason_in_parts(graph, ontology, workdir, runner, cache, progress)

    return by_hermit
