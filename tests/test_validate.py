"""kg validate: SHACL with readable places, the real reasoner, and its failure modes."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.cli import main
from kg.graph.vocabulary import ontology
from kg.validate.reasoner import InconsistentOntologyError, ReasonerError, reason
from kg.validate.shacl import run_shacl, shapes
from kg.vocab import EKG


def test_the_built_graph_conforms_and_the_reasoner_materialises_inferences(built):
    assert built.shacl.conforms
    assert built.reasoning.status == "consistent", built.reasoning.summary()
    graph = built.graph
    chained = list(graph.subject_objects(EKG.restsOnTransitively))
    assert chained, "the transitive rests-on chain was not materialised"
    # a claim resting on an interview excerpt dated by a personal communication reaches the communication
    direct = set(graph.subject_objects(EKG.restsOn))
    assert set(chained) - direct, "no indirect source was inferred"
    assert set(graph.subjects(RDF.type, EKG.RelayedStatistic)), "no relayed statistic was classified"
    assert set(graph.subjects(RDF.type, EKG.SupportedClaim))


def test_a_shacl_violation_names_the_node_and_its_place(built, paths):
    graph = Graph()
    for triple in built.graph:
        graph.add(triple)
    stat = next(s for s in graph.subjects(RDF.type, EKG.Statistic) if graph.value(s, EKG.value) is not None)
    graph.remove((stat, EKG.value, None))
    result = run_shacl(graph, shapes(), paths.root)
    assert not result.conforms
    bad = [v for v in result.violations if v.node == str(stat)]
    assert bad and bad[0].location.startswith("corpus/") and ":" in bad[0].location
    assert "value" in (bad[0].path + bad[0].message).lower()


@pytest.mark.slow
def test_validate_exit_codes(built, build_dir, tmp_path, capsys):
    assert main(["validate", "--graph", str(build_dir / "kg.nt")]) == 0
    assert "SHACL: conforms" in capsys.readouterr().out
    graph = Graph().parse(build_dir / "kg.nt", format="nt")
    claim = next(iter(graph.subjects(RDF.type, EKG.CuratedClaim)))
    graph.remove((claim, EKG.hasAnchor, None))
    broken = tmp_path / "broken.nt"
    graph.serialize(broken, format="nt")
    assert main(["validate", "--graph", str(broken), "--no-reason"]) == 1
    out = capsys.readouterr().out
    assert str(claim) in out and "annotations/" in out


def test_java_missing_is_an_error_not_a_silent_skip(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ReasonerError, match="needs Java") as err:
        reason(Graph(), ontology())
    assert "--no-reason" in str(err.value)


@pytest.mark.reasoner
def test_an_inconsistent_ontology_is_its_own_error(paths):
    onto = ontology()
    data = Graph()
    thing = URIRef("https://w3id.org/evidence-kg/resource/test/both")
    # One thing typed with two classes the ontology declares disjoint (a claim is not a statistic).
    disjoint = sorted(onto.subject_objects(URIRef("http://www.w3.org/2002/07/owl#disjointWith")))
    assert disjoint, "the ontology declares no disjoint classes"
    a, b = disjoint[0]
    data.add((thing, RDF.type, a))
    data.add((thing, RDF.type, b))
    data.add((thing, EKG.localId, Literal("both")))
    with pytest.raises(InconsistentOntologyError, match="inconsistent"):
        reason(data, onto)


@pytest.mark.slow
def test_no_reason_means_no_java_is_needed(built, build_dir, tmp_path, monkeypatch, capsys):
    """``--no-reason`` is honoured by kg validate (it once still ran HermiT) and kg build alike."""
    monkeypatch.setenv("KG_JAVA", str(tmp_path / "no-such-java"))
    assert main(["validate", "--graph", str(build_dir / "kg.nt"), "--no-reason"]) == 0
    assert "reasoning skipped" in capsys.readouterr().out
    assert main(["validate", "--graph", str(build_dir / "kg.nt"), "--reasoner", "hermit"]) == 2
    assert "needs Java" in capsys.readouterr().err
    assert main(["validate", "--graph", str(build_dir / "kg.nt")]) == 0  # the rules (the default) need no Java
    assert "reasoning (rules): consistent" in capsys.readouterr().out


@pytest.mark.slow
def test_shacl_part_by_part_finds_the_violations_of_the_whole_graph(built, paths):
    """The build validates the shapes part by part (kg.pipeline.validation): on a graph broken in
    several reports and in a shared node, the parts' violations are exactly the whole graph's."""
    from kg.pipeline.pool import Runner
    from kg.pipeline.validation import shacl_in_parts

    graph = Graph()
    for triple in built.graph:
        graph.add(triple)
    broken = 0
    for report in ("policing2020", "usc2012"):
        stats = sorted(s for s in graph.subjects(RDF.type, EKG.Statistic) if f"/{report}/" in str(s))[:2]
        claims = sorted(s for s in graph.subjects(RDF.type, EKG.Claim) if f"/{report}/" in str(s))[:1]
        for stat in stats:
            graph.remove((stat, EKG.value, None))
        for claim in claims:
            graph.remove((claim, EKG.statedIn, None))
        anchor = next(graph.objects(claims[0], EKG.hasAnchor))
        graph.add((claims[0], EKG.hasAnchor, URIRef(str(anchor) + "-second")))
        broken += len(stats) + 2 * len(claims)
    work = sorted(graph.subjects(RDF.type, EKG.CitedWork))[0]
    graph.add((work, RDF.type, EKG.Statistic))  # a work that also claims to be a statistic
    whole = run_shacl(graph, shapes(), paths.root)
    parted = shacl_in_parts(graph, paths.root, Runner(jobs=2), every=1, shared_every=64)
    assert not whole.conforms and len(whole.violations) > broken
    assert {v.node for v in whole.violations} >= {str(work)}
    assert [str(v) for v in parted.violations] == [str(v) for v in whole.violations]
    assert parted.conforms is False
