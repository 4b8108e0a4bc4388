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
import mmap
import tempfile
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from pathlib import Path

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


class LineCut:
    """The parts, made one at a time from an index of the instance lines (see :func:`cut_lines`).

    ``vocabulary``: every line whose subject is not ``res:``; ``groups``: each part's seeds (subject
    tokens); :meth:`part` gives a part's seeds (IRIs), lines and bare nodes (see
    :class:`kg.pipeline.validation.ShaclTask`); :meth:`is_subject` whether an IRI has lines."""

    def __init__(
        self, spool: SpooledLines, vocabulary: bytes, groups: list[list[bytes]], reached: int, depth: int
    ) -> None:
        self.spool = spool
        self.vocabulary = vocabulary
        self.groups = groups
        self.reached = reached  # the first groups, whose parts hold what their seeds reach; then the lone nodes'
        self.depth = depth

    def __len__(self) -> int:
        return len(self.groups)

    def seeds(self, index: int) -> set[str]:
        """A part's seeds, as IRIs."""
        return {node[1:-1].decode() for node in self.groups[index]}

    def is_subject(self, node: str) -> bool:
        return b"<" + node.encode("utf-8") + b">" in self.spool.where

    def part(self, index: int) -> tuple[list[str], bytes, list[str]]:
        seeds = self.groups[index]
        spool = self.spool
        found: list[Line] = []
        if index >= self.reached:  # a part of self-contained nodes: their own lines
            for node in seeds:
                found += spool.lines_of(node)
        else:
            reached = dict.fromkeys(seeds, 0)
            todo: deque[bytes] = deque(seeds)
            while todo:
                node = todo.popleft()
                steps = reached[node]
                if steps >= self.depth:
                    continue
                for held in spool.lines_of(node):
                    found.append(held)
                    target = held[2]
                    if target not in reached and target in spool.where:
                        reached[target] = steps + 1
                        todo.append(target)
        bare = {o for _, p, o, _ in found if o.startswith(b"<") and p != TYPE and o not in spool.where}
        bare |= {s for s, _, _, _ in found if spool.alone(s)}
        return (
            sorted(node[1:-1].decode() for node in seeds),
            b"\n".join(sorted({line[3] for line in found})) + b"\n",
            sorted(node[1:-1].decode() for node in bare),
        )


class SpooledLines:
    """The instance lines (``res:`` subjects) in a temporary file, each subject's place in it and the
    set of its types (interned: a corpus has a few dozen), so a part reads its nodes' lines back."""

    def __init__(self, folder: Path | None = None) -> None:
        self.file = tempfile.TemporaryFile(dir=folder)
        self.where: dict[bytes, int] = {}  # subject -> offset << 48 | length << 16 | type set's number
        self.type_sets: dict[frozenset[bytes], int] = {}
        self.alone_sets: set[int] = set()
        self.sets: dict[int, frozenset[bytes]] = {}
        self.data: mmap.mmap | bytes = b""

    def add(self, subject: bytes, lines: list[Line], offset: int) -> int:
        types = frozenset(o for _, p, o, _ in lines if p == TYPE)
        number = self.type_sets.setdefault(types, len(self.type_sets))
        text = b"".join(line[3] + b"\n" for line in lines)
        self.file.write(text)
        self.where[subject] = offset << 48 | len(text) << 16 | number
        return offset + len(text)

    def close_writing(self) -> None:
        self.file.flush()
        if self.file.tell():
            self.data = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)

    def types_of(self, subject: bytes) -> frozenset[bytes]:
        number = self.where[subject] & 0xFFFF
        return self.sets[number]

    def alone(self, subject: bytes) -> bool:
        place = self.where.get(subject)
        return place is not None and place & 0xFFFF in self.alone_sets

    def lines_of(self, subject: bytes) -> list[Line]:
        place = self.where.get(subject)
        if place is None:
            return []
        offset, length = place >> 48, (place >> 16) & 0xFFFFFFFF
        return [tokens(line) for line in self.data[offset : offset + length].split(b"\n") if line]


def cut_lines(
    lines: Iterable[bytes],
    every: int,
    shared_every: int,
    depth: int,
    alone_in: Callable[[bytes], Callable[[list[Line]], bool]],
    folder: Path | None = None,
) -> LineCut:
    """The parts: groups of about ``every`` reports' nodes and of ``shared_every`` shared nodes, each with
    the lines of the nodes reached from its seeds in fewer than ``depth`` steps; nodes for which
    ``alone(their lines)`` holds in parts of their own lines (``4 * shared_every`` nodes a part), where
    ``alone = alone_in(the vocabulary's N-Triples)``.

    The instance lines are spooled to a file (in ``folder``) with an index of their subjects, so
    memory holds the index (a subject's place and type set), not the lines; each part is made when
    asked for (:meth:`LineCut.part`)."""
    vocabulary: list[bytes] = []
    spool = SpooledLines(folder)
    offset = 0

    def instance_lines() -> Iterator[Line]:
        for line in lines:
            if line.startswith(RES_TOKEN):
                yield tokens(line)
            else:
                vocabulary.append(line)

    for subject, group in groupby(instance_lines(), key=lambda line: line[0]):
        offset = spool.add(subject, list(group), offset)
    spool.close_writing()
    text = b"\n".join(vocabulary) + b"\n"
    alone = alone_in(text)
    spool.sets = {number: types for types, number in spool.type_sets.items()}
    spool.alone_sets = {n for types, n in spool.type_sets.items() if alone([(b"", TYPE, o, b"") for o in types])}
    single = sorted((node for node in spool.where if spool.alone(node)), key=plain)
    report_token = RES_TOKEN + b"report/"
    reports = {
        node[len(report_token) : -1]
        for node in spool.where
        if node.startswith(report_token) and REPORT_TYPE in spool.types_of(node)
    }
    owned: dict[bytes, list[bytes]] = defaultdict(list)
    shared: list[bytes] = []
    for node in spool.where:
        if spool.alone(node):
            continue
        path = node[len(RES_TOKEN) : -1].split(b"/")
        if len(path) >= 2 and path[1] in reports:
            owned[path[1]].append(node)
        else:
            shared.append(node)
    groups = [[n for r in group for n in owned[r]] for group in content_groups(sorted(owned), every)]
    groups += [[b"<" + n + b">" for n in g] for g in content_groups(sorted(map(plain, shared)), shared_every)]
    reached = len(groups)
    groups += [[b"<" + n + b">" for n in g] for g in content_groups(map(plain, single), 4 * shared_every)]
    return LineCut(spool, text, groups, reached, depth)
