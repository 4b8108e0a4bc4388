"""The rules read from the ontology (kg.validate.rules) infer exactly HermiT's triples, and each rule is needed.

The build reasons by rules (``kg build``'s default; ``--reasoner hermit`` runs HermiT). The slow tests
run HermiT over the whole graph, as ``kg validate --graph --reasoner hermit`` does, and the rules on the
same graph, and require the same inferred triples (after ``complete_entailments``, as the build keeps
them) on the real corpus, on a 20-report varied corpus built from generated report texts, and on the
synthetic corpus (whose cross-report ``corroborates``/``contradicts`` the others lack). The fast
tests give each rule a tiny graph whose answer changes if the rule is dropped.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF

from kg.graph.vocabulary import ontology
from kg.validate.reasoner import InconsistentOntologyError, java_available, reason
from kg.validate.rules import edges_of, reason_with_rules, rule_inferences
from kg.validate.tbox import UnsupportedAxiomError, read_tbox
from kg.vocab import EKG, RES

ROOT = Path(__file__).resolve().parent.parent
needs_java = pytest.mark.skipif(not java_available(), reason="HermiT needs Java")
FABIO_NEWS = URIRef("http://purl.org/spar/fabio/NewsItem")


def _kinds(triples) -> Counter:
    """Inferred triples per kind: the predicate, and the class for a type."""
    return Counter((p.n3(), o.n3() if p == RDF.type else "") for _, p, o in triples)


def _same_as_hermit(graph: Graph, tmp_path: Path) -> Counter:
    _, hermit = reason(graph, ontology(), tmp_path)
    result, rules = reason_with_rules(graph, ontology())
    assert result.inferred == len(rules) and result.engine == "rules"
    whole, ruled = set(hermit), set(rules)
    assert ruled == whole, (_kinds(whole - ruled), _kinds(ruled - whole), sorted(whole ^ ruled)[:4])
    return _kinds(whole)


@pytest.mark.slow
@pytest.mark.reasoner
@needs_java
def test_rules_infer_what_hermit_does_on_the_real_corpus(paths, build_dir, tmp_path):
    from kg.pipeline import assemble
    from kg.pipeline.cache import BuildCache

    graph, _, verdict = assemble(paths, lambda _: None, reasoning=False, cache=BuildCache(build_dir))
    assert verdict.conforms
    kinds = _same_as_hermit(graph, tmp_path)
    assert sum(kinds.values()) > 1000
    for kind in ("SupportedClaim", "PlatformClaim", "NewsBasedClaim", "RelayedStatistic"):
        assert kinds[(RDF.type.n3(), EKG[kind].n3())] > 0, kind
    for prop in (EKG.restsOnTransitively, EKG.supports, EKG.corroborates):
        assert kinds[(prop.n3(), "")] > 0, prop


@pytest.mark.slow
@pytest.mark.reasoner
@needs_java
def test_rules_infer_what_hermit_does_on_a_20_report_varied_corpus(tmp_path):
    """20 generated report texts (about 4 KB each, four citation styles, shared works), built as
    ``kg build`` builds them (extraction, evidence, pairings), before reasoning."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import varied_corpus

    from kg.pipeline import assemble
    from kg.pipeline.cache import BuildCache
    from kg.project import ProjectPaths

    project = tmp_path / "project"
    varied_corpus.write_corpus(project, 20, seed=1, rounds=1)
    graph, extraction, verdict = assemble(
        ProjectPaths.discover(project), lambda _: None, reasoning=False, cache=BuildCache(tmp_path / "out")
    )
    assert verdict.conforms and len(extraction.reports) == 20
    kinds = _same_as_hermit(graph, tmp_path)
    for kind in ("SupportedClaim", "PlatformClaim", "RelayedStatistic", "UnresolvedCitation"):
        assert kinds[(RDF.type.n3(), EKG[kind].n3())] > 0, kind
    assert kinds[(EKG.restsOnTransitively.n3(), "")] > 0 and kinds[(EKG.supports.n3(), "")] > 0


@pytest.mark.slow
@pytest.mark.reasoner
@needs_java
def test_rules_infer_what_hermit_does_on_the_synthetic_corpus(tmp_path):
    """The synthetic corpus relates claims across reports (symmetric properties), with the triples it
    emulates of the reasoner's answer removed."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import synthetic_corpus

    lines, _ = synthetic_corpus.generate(20, 1, 24)
    graph = Graph()
    graph.parse(data="\n".join(lines) + "\n", format="nt")
    emulated = {EKG.SupportedClaim, EKG.NewsBasedClaim, EKG.PlatformClaim, EKG.RelayedStatistic}
    for triple in list(graph):
        if triple[1] in (EKG.supports, EKG.restsOnTransitively) or (triple[1] == RDF.type and triple[2] in emulated):
            graph.remove(triple)
    kinds = _same_as_hermit(graph, tmp_path)
    assert kinds[(EKG.corroborates.n3(), "")] > 0 and kinds[(EKG.supports.n3(), "")] > 0


# --- one rule at a time, on tiny graphs ---------------------------------------------------------------


def _node(name: str) -> URIRef:
    return RES[f"test/{name}"]


A, B, C, D = (_node(n) for n in "abcd")


def _inferred(*triples) -> set:
    return set(rule_inferences(list(triples), ontology()))


def test_an_inverse_property_is_inferred():
    assert (B, EKG.supports, A) in _inferred((A, RDF.type, EKG.Claim), (A, EKG.restsOn, B))


def test_a_symmetric_property_is_inferred_both_ways():
    found = _inferred((A, RDF.type, EKG.Claim), (B, RDF.type, EKG.Claim), (A, EKG.corroborates, B))
    assert (B, EKG.corroborates, A) in found


def test_a_transitive_property_is_closed_through_its_sub_properties():
    found = _inferred((A, EKG.restsOn, B), (B, EKG.attributesTo, C), (C, EKG.restsOn, D))
    assert {(A, EKG.restsOnTransitively, C), (A, EKG.restsOnTransitively, D), (B, EKG.restsOnTransitively, D)} <= found
    # a pair that a narrower property already relates is not reported again (owlready2 reports direct ones)
    assert (A, EKG.restsOnTransitively, B) not in found and (B, EKG.restsOnTransitively, C) not in found


def test_a_sub_property_entails_its_super_property():
    edges = edges_of(read_tbox(ontology()), [(A, EKG.restsOn, B)])
    assert (A, B) in edges[PROV.wasDerivedFrom] and (A, B) in edges[EKG.restsOnTransitively]
    assert (A, PROV.wasDerivedFrom, B) not in _inferred((A, EKG.restsOn, B)), "restsOn is the direct property"


def test_some_values_from_anything_defines_a_class():
    assert (A, RDF.type, EKG.SupportedClaim) in _inferred((A, RDF.type, EKG.ExtractedClaim), (A, EKG.restsOn, B))
    assert (A, RDF.type, EKG.SupportedClaim) not in _inferred((A, RDF.type, EKG.Statistic), (A, EKG.restsOn, B))


def test_some_values_from_a_class_reads_the_subclasses():
    found = _inferred((A, RDF.type, EKG.ExtractedClaim), (A, EKG.mentions, B), (B, RDF.type, EKG.SocialNetwork))
    assert (A, RDF.type, EKG.PlatformClaim) in found
    assert not _inferred((A, RDF.type, EKG.ExtractedClaim), (A, EKG.mentions, B), (B, RDF.type, EKG.Agency))


def test_has_value_defines_a_class():
    assert (A, RDF.type, EKG.RelayedStatistic) in _inferred(
        (A, RDF.type, EKG.Statistic), (A, EKG.evidenceStatus, EKG.Relayed)
    )
    assert not _inferred((A, RDF.type, EKG.Statistic), (A, EKG.evidenceStatus, EKG.Primary))


def test_only_the_most_specific_defined_class_is_reported():
    found = _inferred((A, RDF.type, EKG.ExtractedClaim), (A, EKG.restsOn, B), (B, RDF.type, FABIO_NEWS))
    assert (A, RDF.type, EKG.NewsBasedClaim) in found
    assert (A, RDF.type, EKG.SupportedClaim) not in found, "NewsBasedClaim is subsumed by SupportedClaim"


def test_domain_and_range_type_the_nodes_of_an_edge():
    found = _inferred((A, EKG.refines, B))
    assert {(A, RDF.type, EKG.Claim), (B, RDF.type, EKG.Claim)} <= found
    # and a type from a range defines a class: B is a Claim only by the range, and rests on C
    assert (B, RDF.type, EKG.SupportedClaim) in _inferred((A, EKG.refines, B), (B, EKG.restsOn, C))


def test_disjoint_classes_are_a_clash():
    with pytest.raises(InconsistentOntologyError, match="inconsistent"):
        _inferred((A, RDF.type, EKG.Claim), (A, RDF.type, EKG.Statistic))
    with pytest.raises(InconsistentOntologyError, match="inconsistent"):  # a claim by the domain, and a statistic
        _inferred((A, RDF.type, EKG.Statistic), (A, EKG.corroborates, B))


def test_an_axiom_the_rules_do_not_cover_is_refused():
    onto = ontology()
    onto.add((EKG.restsOn, RDF.type, OWL.FunctionalProperty))
    with pytest.raises(UnsupportedAxiomError, match="--reasoner hermit"):
        rule_inferences([(A, EKG.restsOn, B)], onto)
    onto = ontology()
    onto.add((EKG.supports, OWL.propertyChainAxiom, RDF.nil))
    with pytest.raises(UnsupportedAxiomError, match="propertyChainAxiom"):
        rule_inferences([(A, EKG.restsOn, B)], onto)


def test_a_clash_stops_the_build_with_the_reasoners_error():
    """The stage's contract: the same error class (exit 2 in the CLI) as HermiT's inconsistency."""
    graph = Graph()
    graph.add((A, RDF.type, EKG.Claim))
    graph.add((A, RDF.type, EKG.Note))
    graph.add((A, EKG.localId, Literal("a")))
    with pytest.raises(InconsistentOntologyError):
        reason_with_rules(graph, ontology())


@pytest.mark.reasoner
@needs_java
def test_every_rule_kind_agrees_with_hermit_on_one_small_graph(tmp_path):
    """One graph that exercises every rule: HermiT's answer and the rules' are the same triples."""
    graph = Graph()
    for triple in [
        (A, RDF.type, EKG.ExtractedClaim),
        (A, EKG.restsOn, B),
        (B, RDF.type, FABIO_NEWS),
        (B, EKG.attributesTo, C),
        (C, EKG.restsOn, D),
        (A, EKG.mentions, C),
        (C, RDF.type, EKG.SocialNetwork),
        (A, EKG.corroborates, _node("e")),
        (_node("e"), EKG.refines, _node("f")),
        (_node("f"), EKG.restsOn, D),
        (_node("s"), RDF.type, EKG.Statistic),
        (_node("s"), EKG.evidenceStatus, EKG.Relayed),
        (_node("o"), RDF.type, EKG.CitationOccurrence),
        (_node("o"), EKG.resolution, EKG.Unresolved),
    ]:
        graph.add(triple)
    kinds = _same_as_hermit(graph, tmp_path)
    assert len(kinds) >= 8, kinds
