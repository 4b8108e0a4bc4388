"""SHACL's parts cut from the graph's N-Triples lines, without rdflib terms.

The same cut as :func:`kg.pipeline.reasoning.split_seeded` with a depth (see
:mod:`kg.pipeline.validation` for why its parts give the whole graph's verdict), done on the sorted,
canonical lines the build already has (the runs of :mod:`kg.graph.fragments`, merged): a line is split
into its subject, predicate and object tokens with byte operations, so cutting a part costs no rdflib
parse and no serialisation, and the part's text is its lines. Nodes are named by their IRIs as bytes
(UTF-8, whose order is the code points' order, as ``str``'s).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib.namespace import RDF

from kg.vocab import EKG, RES

#: A line's subject, predicate and object tokens (``<iri>``, ``"literal"...``, ``_:blank``), and the line.
Line = tuple[bytes, bytes, bytes, bytes]

RES_TOKEN = b"<" + str(RES).encode()
TYPE = b"<" + str(RDF.type).encode() + b">"
REPORT_TYPE = b"<" + str(EKG.Report).encode() + b">"


def tokens(line: bytes) -> Line:
    """A canonical N-Triples line's subject, predicate and object (IRIs and blank nodes hold no space)."""
    subject, rest = line.split(b" ", 1)
    predicate, rest = rest.split(b" ", 1)
    return subject, predicate, rest[:-2], line  # the object, without its closing " ."


def plain(token: bytes) -> bytes:
    """An IRI token's IRI (``<iri>`` -> ``iri``): the order and the digests are those of the IRIs."""
    return token[1:-1]


def content_groups(keys: Iterable[bytes], every: int) -> list[list[bytes]]:
    """Content-defined groups: a group ends after a key whose digest is 0 modulo ``every``, or at 4x
    (as the reasoner's parts: adding a report changes its own group only)."""
    groups: list[list[bytes]] = [[]]
    for key in keys:
        groups[-1].append(key)
        mark = int(hashlib.sha256(key).hexdigest()[:12], 16) % max(every, 1) == 0
        if mark or len(groups[-1]) >= 4 * every:
            groups.append([])
    return [g for g in groups if g]


@dataclass
class LineParts:
    """The vocabulary's lines (every line whose subject is not ``res:``), and each part's seeds (IRIs),
    lines and bare nodes (see :class:`kg.pipeline.validation.ShaclTask`); ``subjects``: every
    instance subject."""

    vocabulary: bytes
    seeds: list[list[str]]
    lines: list[bytes]
    bare: list[list[str]]
    subjects: set[str]


def cut_lines(
    lines: Iterable[bytes],
    every: int,
    shared_every: int,
    depth: int,
    alone_in: Callable[[bytes], Callable[[list[Line]], bool]],
) -> LineParts:
    """The parts: groups of about ``every`` reports' nodes and of ``shared_every`` shared nodes, each with
    the lines of the nodes reached from its seeds in fewer than ``depth`` steps; nodes for which
    ``alone(their lines)`` holds in parts of their own lines (``4 * shared_every`` nodes a part), where
    ``alone = alone_in(the vocabulary's N-Triples)``."""
    vocabulary: list[bytes] = []
    out: dict[bytes, list[Line]] = defaultdict(list)
    for line in lines:
        if line.startswith(RES_TOKEN):
            parsed = tokens(line)
            out[parsed[0]].append(parsed)
        else:
            vocabulary.append(line)
    text = b"\n".join(vocabulary) + b"\n"
    alone = alone_in(text)
    single = sorted((node for node, own in out.items() if alone(own)), key=plain)
    lone = set(single)
    report_token = RES_TOKEN + b"report/"
    reports = {
        node[len(report_token) : -1]
        for node, own in out.items()
        if node.startswith(report_token) and any(p == TYPE and o == REPORT_TYPE for _, p, o, _ in own)
    }
    owned: dict[bytes, list[bytes]] = defaultdict(list)
    shared: list[bytes] = []
    for node in out:
        if node in lone:
            continue
        path = node[len(RES_TOKEN) : -1].split(b"/")
        if len(path) >= 2 and path[1] in reports:
            owned[path[1]].append(node)
        else:
            shared.append(node)
    groups = [[n for r in group for n in owned[r]] for group in content_groups(sorted(owned), every)]
    groups += [[b"<" + n + b">" for n in g] for g in content_groups(sorted(map(plain, shared)), shared_every)]
    parts: list[tuple[list[bytes], list[Line]]] = []
    for seeds in groups:
        reached = dict.fromkeys(seeds, 0)
        todo: deque[bytes] = deque(seeds)
        found: list[Line] = []
        while todo:
            node = todo.popleft()
            steps = reached[node]
            if steps >= depth:
                continue
            for held in out.get(node, ()):
                found.append(held)
                target = held[2]
                if target in out and target not in reached:
                    reached[target] = steps + 1
                    todo.append(target)
        parts.append((seeds, found))
    for names in content_groups(map(plain, single), 4 * shared_every):
        nodes = [b"<" + n + b">" for n in names]
        parts.append((nodes, [held for node in nodes for held in out[node]]))
    return LineParts(
        text,
        [sorted(node[1:-1].decode() for node in seeds) for seeds, _ in parts],
        [b"\n".join(sorted({line[3] for line in found})) + b"\n" for _, found in parts],
        [_bare(found, out, lone) for _, found in parts],
        {node[1:-1].decode() for node in out},
    )


def _bare(found: list[Line], out: dict[bytes, list[Line]], lone: set[bytes]) -> list[str]:
    """A part's nodes judged with its seeds: those it points at that have no triples of their own, and
    its self-contained nodes."""
    bare = {o for _, p, o, _ in found if o.startswith(b"<") and p != TYPE and o not in out}
    bare |= {s for s, _, _, _ in found if s in lone}
    return sorted(node[1:-1].decode() for node in bare)
