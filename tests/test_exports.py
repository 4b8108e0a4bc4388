"""``kg export``: the BibTeX behind a claim or statistic, and the curated claims as nanopublications.

The nanopublications are read back with the ``nanopub`` library (no network: it is given the
RDF of each one); the BibTeX with bibtexparser 2. Expected claims, quotes and works come from
``annotations/*.yaml`` and ``bib/*.bib``, read here independently of the graph code.
"""

from __future__ import annotations

import os
import shutil
import warnings
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import yaml
from rdflib import Dataset, Literal, URIRef

from kg.cli import main
from kg.exports.signing import nanopub_graph
from kg.sources.bibtex import parse_bibtex
from tests.conftest import ROOT

NP = "http://www.nanopub.org/nschema#"
EKG = "https://w3id.org/evidence-kg/ontology#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
# Plain IRIs rather than rdflib's namespace objects, which pytest's collection trips over.
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = URIRef("http://www.w3.org/2000/01/rdf-schema#comment")
CREATED, CREATOR, LICENSE = (URIRef(f"http://purl.org/dc/terms/{n}") for n in ("created", "creator", "license"))
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
REPORTS = ("policing2020", "usc2012")


def words(text: str) -> str:
    return " ".join(text.split())


@cache
def yaml_claims() -> dict[tuple[str, str], dict[str, Any]]:
    claims = {}
    for report in REPORTS:
        data = yaml.safe_load((ROOT / "annotations" / f"{report}.yaml").read_text(encoding="utf-8"))
        claims.update({(report, c["id"]): c for c in data["claims"]})
    return claims


def export(argv: list[str], capsys) -> tuple[int, str, str]:
    status = main(["export", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(autouse=True)
def _no_endpoint(monkeypatch):
    monkeypatch.delenv("KG_ENDPOINT", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# --- nanopublications ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trig_file(build_dir: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nanopubs") / "claims.trig"
    assert main(["export", "nanopubs", "--build", str(build_dir), "--created", "2026-01-02", "--out", str(out)]) == 0
    return out


def _by_graph(path: Path) -> dict[URIRef, list[tuple[Any, Any, Any]]]:
    dataset = Dataset()
    with warnings.catch_warnings():  # rdflib's own TriG parser uses its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(path, format="trig")
    graphs: dict[URIRef, list[tuple[Any, Any, Any]]] = defaultdict(list)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graphs[getattr(g, "identifier", g)].append((s, p, o))
    return graphs


@pytest.fixture(scope="module")
def nanopubs(trig_file: Path):
    """Every nanopublication of the file, loaded by the nanopub library from its own four graphs."""
    from nanopub import Nanopub, NanopubConf

    graphs = _by_graph(trig_file)
    loaded = {}
    for head, triples in graphs.items():
        for np_iri in {s for s, p, o in triples if p == RDF_TYPE and o == URIRef(NP + "Nanopublication")}:
            parts = {o for s, p, o in triples if s == np_iri and str(p).startswith(NP) and p != RDF_TYPE}
            rdf = nanopub_graph()  # the library takes a ConjunctiveGraph; this one parses its query once
            for name in {head} | parts:
                context = rdf.get_context(name)
                for triple in graphs[name]:
                    context.add(triple)
            loaded[np_iri] = Nanopub(rdf=rdf, conf=NanopubConf())
    return loaded


def test_one_valid_nanopublication_per_curated_claim(nanopubs):
    assert len(yaml_claims()) == 199
    assert len(nanopubs) == len(yaml_claims())
    for np_iri, nanopub in nanopubs.items():
        assert nanopub.is_valid, np_iri
        assert str(nanopub.metadata.np_uri) == str(np_iri)
        for graph in (nanopub.head, nanopub.assertion, nanopub.provenance, nanopub.pubinfo):
            assert len(graph) > 0, np_iri
        assert {str(nanopub.metadata.assertion), str(nanopub.metadata.provenance), str(nanopub.metadata.pubinfo)} == {
            f"{np_iri}#assertion",
            f"{np_iri}#provenance",
            f"{np_iri}#pubinfo",
        }


def test_each_assertion_holds_the_claims_exact_quote_and_anchor(nanopubs, reports):
    seen = set()
    for np_iri, nanopub in nanopubs.items():
        assertion = nanopub.assertion
        claim = next(assertion.subjects(RDF_TYPE, URIRef(EKG + "CuratedClaim")))
        assert str(np_iri) == str(claim).replace("/resource/claim/", "/resource/np/claim/")
        report = str(next(assertion.objects(claim, URIRef(EKG + "statedIn")))).rsplit("/", 1)[-1]
        local_id = str(next(assertion.objects(claim, URIRef(EKG + "localId"))))
        exact = str(next(assertion.objects(None, URIRef(OA + "exact"))))
        start = int(next(assertion.objects(None, URIRef(OA + "start"))))
        end = int(next(assertion.objects(None, URIRef(OA + "end"))))
        assert reports[report].text[start:end] == exact, np_iri
        assert words(exact) == words(yaml_claims()[(report, local_id)]["quote"]), np_iri
        seen.add((report, local_id))
    assert seen == set(yaml_claims())


def test_what_a_claim_rests_on_is_asserted(nanopubs):
    by_id = {}
    for nanopub in nanopubs.values():
        claim = next(nanopub.assertion.subjects(RDF_TYPE, URIRef(EKG + "CuratedClaim")))
        by_id[str(next(nanopub.assertion.objects(claim, URIRef(EKG + "localId"))))] = (nanopub.assertion, claim)
    # evidence: {works: [childrensrights_nd, ilo2014]}
    assertion, claim = by_id["intro-99-billion"]
    rests_on = {str(o).rsplit("/", 1)[-1] for o in assertion.objects(claim, URIRef(EKG + "restsOn"))}
    assert rests_on == {"childrensrights_nd", "ilo2014"}
    # evidence: {none: true}
    assertion, claim = by_id["intro-epstein"]
    assert not list(assertion.objects(claim, URIRef(EKG + "restsOn")))
    assert (claim, URIRef(EKG + "evidenceStatus"), URIRef(EKG + "NoSourceGiven")) in assertion


def test_provenance_says_curated_and_pubinfo_has_date_creator_and_licence(nanopubs):
    for np_iri, nanopub in nanopubs.items():
        subject = URIRef(f"{np_iri}#assertion")
        provenance = nanopub.provenance
        assert (subject, URIRef(EKG + "origin"), URIRef(EKG + "Curated")) in provenance
        assert "CURATED" in str(next(provenance.objects(subject, RDFS_COMMENT)))
        derived = set(provenance.objects(subject, URIRef(PROV + "wasDerivedFrom")))
        assert any(str(d).endswith("/quote") for d in derived) and any("/report/" in str(d) for d in derived)
        assert str(next(provenance.objects(subject, URIRef(EKG + "declaredAt")))).startswith("annotations/")
        pubinfo = nanopub.pubinfo
        assert (np_iri, CREATED, Literal("2026-01-02T00:00:00Z", datatype=XSD_DATETIME)) in pubinfo
        assert list(pubinfo.objects(np_iri, CREATOR)) and list(pubinfo.objects(np_iri, LICENSE))


def test_the_export_is_deterministic_and_dated_by_the_build(build_dir, trig_file, tmp_path, monkeypatch, capsys):
    status, again, _ = export(["nanopubs", "--build", str(build_dir), "--created", "2026-01-02"], capsys)
    assert status == 0 and again.encode("utf-8") == trig_file.read_bytes()
    # without --created: the time the graph was built (the graph file's), or SOURCE_DATE_EPOCH
    copy = tmp_path / "build"
    copy.mkdir()
    shutil.copy(build_dir / "kg.nt", copy / "kg.nt")
    os.utime(copy / "kg.nt", (1_700_000_000, 1_700_000_000))  # 2023-11-14T22:13:20Z
    status, dated, _ = export(["nanopubs", "--build", str(copy)], capsys)
    assert status == 0 and '"2023-11-14T22:13:20Z"^^xsd:dateTime' in dated
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    status, dated, _ = export(["nanopubs", "--build", str(copy)], capsys)
    assert status == 0 and '"1970-01-02T00:00:00Z"^^xsd:dateTime' in dated


def test_a_bad_date_or_an_unknown_build_date_is_an_error(build_dir, capsys):
    status, out, err = export(["nanopubs", "--build", str(build_dir), "--created", "next tuesday"], capsys)
    assert status == 2 and out == "" and "--created takes a date" in err
    status, out, err = export(["nanopubs", "--endpoint", "http://127.0.0.1:9/query"], capsys)
    assert status == 2 and out == "" and "give --created DATE" in err


# --- BibTeX --------------------------------------------------------------------------------------------


def bibtex_of(item: str, build_dir: Path, capsys, *extra: str) -> dict[str, dict[str, str]]:
    status, out, err = export(["bibtex", "--item", item, "--build", str(build_dir), *extra], capsys)
    assert status == 0, err
    library = bibtexparser.parse_string(out)
    assert not library.failed_blocks and out.strip()
    return {e.key: {f.key: f.value for f in e.fields} for e in library.entries}


@pytest.fixture(scope="module")
def claim_of(store):
    from kg.query import run_query

    by_quote = {(r["report"], words(r["quote"])): r["claim"] for r in run_query(store, "claims").records()}

    def find(report: str, claim_id: str) -> str:
        return by_quote[(report, words(yaml_claims()[(report, claim_id)]["quote"]))]

    return find


def test_bibtex_of_a_claim_with_two_cited_works(build_dir, claim_of, capsys):
    # "... $99 billion of the $150 billion annually of all human trafficking (Children’s Rights, n.d.;
    # International Labour Organization, 2014)"
    entries = bibtex_of(claim_of("policing2020", "intro-99-billion"), build_dir, capsys)
    assert set(entries) == {"childrensrights_nd", "ilo2014"}
    assert entries["ilo2014"]["year"] == "2014"


def test_bibtex_of_a_relayed_statistic(build_dir, capsys):
    # "$150,000-$200,000" (NCMEC's figure, cited to NPR, 2010)
    entries = bibtex_of("res:stat/policing2020/1466-1483", build_dir, capsys)
    assert set(entries) == {"npr2010"}


def test_bibtex_follows_a_chain_to_the_personal_communication(build_dir, claim_of, capsys):
    # cr-routed-traffic rests on the excerpt craigslist-outrage, which endnote [16] dates to
    # "Musto. Personal communication, June 29, 2012."
    entries = bibtex_of(claim_of("usc2012", "cr-routed-traffic"), build_dir, capsys)
    assert set(entries) == {"musto_pc_2012_06_29"}
    # a study described from its citation leads to the cited work
    entries = bibtex_of(claim_of("policing2020", "intro-craigslist-homicide"), build_dir, capsys)
    assert set(entries) == {"cunningham2019"}


def test_bibtex_with_the_report_keeps_latex_escapes(build_dir, claim_of, capsys):
    status, out, _ = export(
        ["bibtex", "--item", claim_of("policing2020", "intro-71-percent"), "--with-report", "--build", str(build_dir)],
        capsys,
    )
    assert status == 0
    # bib/reports.bib: journal = {Journal of Qualitative Criminal Justice \& Criminology}
    assert r"Criminal Justice \& Criminology" in out
    again = {e.key: e for e in parse_bibtex(out, "exported.bib")}
    assert set(again) == {"policing2020", "usdod2019"}
    assert again["policing2020"].fields["journal"] == "Journal of Qualitative Criminal Justice & Criminology"


def test_bibtex_to_a_file_and_the_exit_codes(build_dir, tmp_path, claim_of, capsys):
    out = tmp_path / "sources.bib"
    item = claim_of("policing2020", "intro-99-billion")
    status, printed, err = export(["bibtex", "--item", item, "--build", str(build_dir), "--out", str(out)], capsys)
    assert status == 0 and printed == "" and "Wrote 2 BibTeX entries" in err
    assert {e.key for e in bibtexparser.parse_string(out.read_text(encoding="utf-8")).entries} == {
        "childrensrights_nd",
        "ilo2014",
    }
    assert [p.name for p in tmp_path.iterdir()] == ["sources.bib"]  # no temporary file left beside it
    status, _, err = export(
        ["bibtex", "--item", item, "--build", str(build_dir), "--out", str(tmp_path / "no/x.bib")], capsys
    )
    assert status == 2 and "cannot write" in err
    # a claim with no source: nothing to cite, said on stderr, still a success
    status, printed, err = export(
        ["bibtex", "--item", claim_of("policing2020", "intro-epstein"), "--build", str(build_dir)], capsys
    )
    assert status == 0 and printed == "" and "rests on no cited work" in err
    # an IRI that is not a claim or statistic: an error, exit 2
    status, printed, err = export(["bibtex", "--item", "res:claim/nowhere/0-1", "--build", str(build_dir)], capsys)
    assert status == 2 and printed == "" and "is not a claim or statistic" in err
    # a key of the graph that the build's bibliography lacks: the rest is written, exit 1
    without = tmp_path / "without-ilo2014"
    shutil.copytree(build_dir, without, ignore=shutil.ignore_patterns("kg.store"))
    graph = (without / "kg.nt").read_text(encoding="utf-8")
    (without / "kg.nt").write_text(
        "".join(line for line in graph.splitlines(keepends=True) if "/entry/work/ilo2014>" not in line),
        encoding="utf-8",
    )
    status, printed, err = export(["bibtex", "--item", item, "--build", str(without)], capsys)
    assert status == 1 and "childrensrights_nd" in printed and "ilo2014" in err


# --- signed nanopublications ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signing_key(tmp_path_factory) -> Path:
    from Crypto.PublicKey import RSA

    path = tmp_path_factory.mktemp("key") / "id_rsa.pem"
    path.write_bytes(RSA.generate(2048).export_key())
    return path


@pytest.fixture(scope="module")
def signed_file(build_dir: Path, signing_key: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("signed") / "claims.trig"
    argv = ["export", "nanopubs", "--build", str(build_dir), "--created", "2026-01-02"]
    assert main([*argv, "--sign", str(signing_key), "--out", str(out)]) == 0
    return out


def _loaded(path: Path) -> dict:
    """Each nanopublication of a TriG file as the nanopub library loads it, by its IRI."""
    from nanopub import Nanopub, NanopubConf

    graphs = _by_graph(path)
    loaded = {}
    for head, triples in graphs.items():
        for np_iri in {s for s, p, o in triples if p == RDF_TYPE and o == URIRef(NP + "Nanopublication")}:
            parts = {o for s, p, o in triples if s == np_iri and str(p).startswith(NP) and p != RDF_TYPE}
            rdf = nanopub_graph()
            for name in {head} | parts:
                for triple in graphs[name]:
                    rdf.get_context(name).add(triple)
            loaded[np_iri] = Nanopub(rdf=rdf, conf=NanopubConf())
    return loaded


SIGNATURE = "http://purl.org/nanopub/x/hasSignature"


def signature_verifies(nanopub) -> bool:
    """Check the RSA signature as the trusty-URI scheme defines it, with the key the nanopublication gives.

    The quads are normalised with the artefact code put back to the blank it was while signing, without
    the signature triple itself. (The library's own ``has_valid_signature`` cannot fail: it calls the
    legacy PKCS#1 v1.5 verifier, which answers False instead of raising, and ignores the answer.)
    """
    from base64 import decodebytes

    from Crypto.Hash import SHA256
    from Crypto.PublicKey import RSA
    from Crypto.Signature import pkcs1_15
    from nanopub.trustyuri.rdf import RdfHasher, RdfUtils

    artefact = str(nanopub.metadata.np_uri).rsplit("/", 1)[1]
    quads = [q for q in RdfUtils.get_quads(nanopub.rdf) if str(q[2]) != SIGNATURE]  # (graph, s, p, o)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        normalised = RdfHasher.normalize_quads(quads, hashstr=artefact)
    key = RSA.import_key(decodebytes(str(nanopub.metadata.public_key).encode()))
    try:
        pkcs1_15.new(key).verify(SHA256.new(normalised.encode()), decodebytes(str(nanopub.metadata.signature).encode()))
    except ValueError:
        return False
    return True


@pytest.mark.slow
def test_signed_nanopublications_verify(signed_file: Path):
    """Done means: signed nanopublications verify (the trusty URI by the nanopub library, the signature)."""
    import re

    signed = _loaded(signed_file)
    assert len(signed) == 199
    for np_iri, nanopub in signed.items():
        assert re.fullmatch(r"https://w3id\.org/evidence-kg/resource/np/claim/[^#]+/RA[\w-]{43}", str(np_iri))
        assert nanopub.is_valid and nanopub.has_valid_trusty, np_iri
        assert signature_verifies(nanopub), np_iri
        assert str(nanopub.metadata.assertion) == f"{np_iri}#assertion"


@pytest.mark.slow
def test_a_changed_triple_no_longer_verifies(signed_file: Path, tmp_path: Path):
    from nanopub.utils import MalformedNanopubError

    text = signed_file.read_text(encoding="utf-8")
    assert text.count("approximately 60 percent") == 1
    tampered = tmp_path / "tampered.trig"
    tampered.write_text(text.replace("approximately 60 percent", "approximately 70 percent"), encoding="utf-8")
    loaded = _loaded(tampered)
    changed = [n for n in loaded.values() if "70 percent" in n.rdf.serialize(format="trig")]
    assert len(changed) == 1 and not signature_verifies(changed[0])
    with pytest.raises(MalformedNanopubError):
        changed[0].has_valid_trusty  # noqa: B018 - the property raises
    assert sum(signature_verifies(n) for n in loaded.values()) == 198


@pytest.mark.slow
def test_signing_is_deterministic_and_the_unsigned_default_unchanged(
    build_dir: Path, signing_key: Path, signed_file: Path, trig_file: Path, capsys
):
    status, again, _ = export(
        ["nanopubs", "--build", str(build_dir), "--created", "2026-01-02", "--sign", str(signing_key)], capsys
    )
    assert status == 0 and again.encode("utf-8") == signed_file.read_bytes()
    assert "/RA" not in trig_file.read_text(encoding="utf-8") and "hasSignature" not in trig_file.read_text()


def test_a_bad_key_file_is_one_line(build_dir: Path, tmp_path: Path, capsys):
    bad = tmp_path / "key.pem"
    bad.write_text("not a key\n", encoding="utf-8")
    for key, message in ((bad, "not an RSA private key"), (tmp_path / "missing.pem", "cannot read the key")):
        status, out, err = export(
            ["nanopubs", "--build", str(build_dir), "--created", "2026-01-02", "--sign", str(key)], capsys
        )
        assert status == 2 and out == "" and message in err and err.count("\n") == 1
