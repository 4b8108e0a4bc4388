"""The ontology's axioms as tables the rules (:mod:`kg.validate.rules`) apply: read once, refused if not Horn.

The rules materialise what HermiT entails only because the ontology is in the small Horn fragment
read here: named subclasses and equivalences, sub-properties, inverses, symmetric and transitive
properties, domains and ranges, disjoint classes, and defined classes ``D ≡ A ⊓ ∃p.F`` (``F`` a
named class, ``owl:Thing`` or one individual, ``owl:hasValue``). Any other axiom about classes or
properties (a functional property, a union, a chain, a cardinality ...) is refused with a clear
error, so an ontology grown beyond what the rules cover fails loudly instead of being reasoned
over wrongly: the user then builds with ``--reasoner hermit``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.errors import KgError

#: Predicates of the ontology that say nothing the rules need (labels, comments, metadata).
_ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, OWL.versionIRI}
#: Types that declare a term (or list one) and entail nothing about individuals.
_DECLARATIONS = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
    OWL.Ontology,
    OWL.AllDifferent,  # individuals are never equated (no sameAs, no functional property), so it never clashes
    OWL.Restriction,
    RDFS.Class,
}
_READ = {
    RDFS.subClassOf,
    OWL.equivalentClass,
    OWL.disjointWith,
    RDFS.subPropertyOf,
    OWL.inverseOf,
    RDFS.domain,
    RDFS.range,
    RDF.type,
    OWL.distinctMembers,
    OWL.intersectionOf,
    OWL.onProperty,
    OWL.someValuesFrom,
    OWL.hasValue,
    RDF.first,
    RDF.rest,
}


class UnsupportedAxiomError(KgError):
    """The ontology holds an axiom the rules do not implement: reason with HermiT instead."""


@dataclass(frozen=True)
class Defined:
    """``cls ≡ base ⊓ ∃prop.filler`` (``value``: the filler is one individual, ``owl:hasValue``)."""

    cls: URIRef
    base: URIRef
    prop: URIRef
    filler: URIRef
    value: bool


@dataclass
class TBox:
    """What the rules read: each table keyed by a term, every closure computed once."""

    supers: dict[Node, set[Node]] = field(default_factory=dict)  # class -> its superclasses, itself included
    entails: dict[Node, set[tuple[Node, bool]]] = field(default_factory=dict)  # property -> (property, forward?)
    sub_properties: dict[Node, set[Node]] = field(default_factory=dict)  # property -> its strict sub-properties
    transitive: set[Node] = field(default_factory=set)
    domain: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    range: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    defined: list[Defined] = field(default_factory=list)
    disjoint: list[tuple[Node, Node]] = field(default_factory=list)
    individuals: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))  # the ontology's own

    def classes_of(self, cls: Node) -> set[Node]:
        return self.supers.get(cls, {cls})


def _refuse(what: str) -> UnsupportedAxiomError:
    return UnsupportedAxiomError(
        f"the ontology has an axiom the reasoning rules do not cover ({what}); build with --reasoner hermit"
    )


def _closure(edges: dict[Node, set[Node]], nodes: set[Node]) -> dict[Node, set[Node]]:
    """Reflexive-transitive closure of a small graph (the ontology's, not the data's)."""
    out: dict[Node, set[Node]] = {}
    for start in nodes:
        seen, todo = {start}, [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        out[start] = seen
    return out


def _definition(onto: Graph, cls: URIRef, node: BNode) -> Defined:
    head = onto.value(node, OWL.intersectionOf)
    if head is None:
        raise _refuse(f"{cls.n3()}: an equivalent class other than an intersection")
    members = list(Collection(onto, head))
    named = [m for m in members if isinstance(m, URIRef)]
    restrictions = [m for m in members if isinstance(m, BNode)]
    if len(named) != 1 or len(restrictions) != 1 or len(members) != 2:
        raise _refuse(f"{cls.n3()}: an intersection other than a class and one restriction")
    r = restrictions[0]
    prop, some, value = onto.value(r, OWL.onProperty), onto.value(r, OWL.someValuesFrom), onto.value(r, OWL.hasValue)
    extra = {p for p in onto.predicates(r)} - {RDF.type, OWL.onProperty, OWL.someValuesFrom, OWL.hasValue}
    if not isinstance(prop, URIRef) or extra or (some is None) == (value is None):
        raise _refuse(f"{cls.n3()}: a restriction other than someValuesFrom or hasValue")
    filler = some if some is not None else value
    if not isinstance(filler, URIRef):
        raise _refuse(f"{cls.n3()}: a restriction whose filler is not a named class or individual")
    return Defined(cls, named[0], prop, filler, value is not None)


def read_tbox(onto: Graph) -> TBox:
    """The ontology's axioms as the rules' tables (raise :class:`UnsupportedAxiomError` beyond them)."""
    for s, p, o in onto:
        if p in _ANNOTATIONS or not str(p).startswith((str(OWL), str(RDFS), str(RDF))):
            continue  # metadata, or a vocabulary the rules need not read (dcterms, skos)
        if p not in _READ:
            raise _refuse(f"{s.n3()} {p.n3()}")
        if p == RDF.type and str(o).startswith(str(OWL)) and o not in _DECLARATIONS:
            if o not in (OWL.TransitiveProperty, OWL.SymmetricProperty):
                raise _refuse(f"{s.n3()} a {o.n3()}")
    tbox = TBox()
    sub: dict[Node, set[Node]] = defaultdict(set)
    classes: set[Node] = set()
    for c in onto.subjects(RDF.type, OWL.Class):
        classes.add(c)
    for c, parent in onto.subject_objects(RDFS.subClassOf):
        if not isinstance(parent, URIRef):
            raise _refuse(f"{c.n3()} rdfs:subClassOf an anonymous class")
        sub[c].add(parent)
        classes |= {c, parent}
    for c, other in onto.subject_objects(OWL.equivalentClass):
        if isinstance(other, URIRef):
            sub[c].add(other)
            sub[other].add(c)
            classes |= {c, other}
        elif isinstance(c, URIRef) and isinstance(other, BNode):
            tbox.defined.append(_definition(onto, c, other))
        else:
            raise _refuse(f"{c.n3()} owl:equivalentClass")
    for a, b in onto.subject_objects(OWL.disjointWith):
        tbox.disjoint.append((a, b))
    props: dict[Node, set[Node]] = defaultdict(set)
    names: set[Node] = set(onto.subjects(RDF.type, OWL.ObjectProperty))
    for p, q in onto.subject_objects(RDFS.subPropertyOf):
        props[p].add(q)
        names |= {p, q}
    inverse: dict[Node, set[Node]] = defaultdict(set)
    for p, q in onto.subject_objects(OWL.inverseOf):
        inverse[p].add(q)
        inverse[q].add(p)
        names |= {p, q}
    symmetric = set(onto.subjects(RDF.type, OWL.SymmetricProperty))
    tbox.transitive = set(onto.subjects(RDF.type, OWL.TransitiveProperty))
    names |= symmetric | tbox.transitive
    prop_supers = _closure(props, names)
    tbox.sub_properties = {p: {q for q in names if p in prop_supers[q] and q != p} for p in names}
    for p in names:  # (p, forward) entails (q, forward) for a super-property, its flip for an inverse or symmetric
        found, todo = {(p, True)}, [(p, True)]
        while todo:
            q, forward = todo.pop()
            steps = [(r, forward) for r in prop_supers.get(q, {q})]
            steps += [(r, not forward) for r in inverse.get(q, ())]
            steps += [(q, not forward)] if q in symmetric else []
            for step in steps:
                if step not in found:
                    found.add(step)
                    todo.append(step)
        tbox.entails[p] = found
    for p, c in onto.subject_objects(RDFS.domain):
        tbox.domain[p].add(c)
    for p, c in onto.subject_objects(RDFS.range):
        tbox.range[p].add(c)
    for s, c in onto.subject_objects(RDF.type):
        if not isinstance(s, BNode) and s not in classes and s not in names and not str(c).startswith(str(OWL)):
            tbox.individuals[s].add(c)
    tbox.supers = _taxonomy(tbox, sub, classes)
    tbox.individuals = defaultdict(
        set, {i: {a for c in cs for a in tbox.classes_of(c)} for i, cs in tbox.individuals.items()}
    )
    return tbox


def _taxonomy(tbox: TBox, sub: dict[Node, set[Node]], classes: set[Node]) -> dict[Node, set[Node]]:
    """Every class's superclasses: the told ones, a defined class's base and its property's domain, and
    between defined classes the structural subsumption (``A ⊓ ∃p.F ⊑ B ⊓ ∃q.G`` when ``A ⊑ B``,
    ``p ⊑ q`` and ``F ⊑ G``, the filler read with the property's range), to a fixpoint."""
    edges = defaultdict(set, {c: set(parents) for c, parents in sub.items()})
    for d in tbox.defined:
        classes |= {d.cls, d.base}
        edges[d.cls].add(d.base)
        for q, forward in tbox.entails.get(d.prop, {(d.prop, True)}):
            edges[d.cls] |= tbox.domain.get(q, set()) if forward else tbox.range.get(q, set())
        classes |= edges[d.cls]
    while True:
        supers = _closure(edges, classes)
        added = False
        for d1 in tbox.defined:
            for d2 in tbox.defined:
                if d1 is d2 or d2.cls in supers[d1.cls] or (d2.base not in supers[d1.cls] and d2.base != OWL.Thing):
                    continue
                if (d2.prop, True) in tbox.entails.get(d1.prop, {(d1.prop, True)}) and _filler_within(
                    tbox, supers, d1, d2
                ):
                    edges[d1.cls].add(d2.cls)
                    added = True
        if not added:
            return supers


def _filler_within(tbox: TBox, supers: dict[Node, set[Node]], d1: Defined, d2: Defined) -> bool:
    """Whether every filler of ``d1`` is one of ``d2``'s."""
    if d2.filler == OWL.Thing:
        return True
    if d2.value:
        return d1.value and d1.filler == d2.filler
    held = {d1.filler} if d1.value else {d1.filler, *tbox.range.get(d1.prop, set())}
    told = {a for c in held for a in supers.get(c, {c})}
    if d1.value:
        told |= {a for c in tbox.individuals.get(d1.filler, set()) for a in supers.get(c, {c})}
    return d2.filler in told
