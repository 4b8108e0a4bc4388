"""The gazetteer: its entities and labels, and the loader's errors (file:line)."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import InputError
from kg.sources.gazetteer import AGENCY_KINDS, KINDS, PLATFORM_KINDS, load_gazetteer, load_gazetteers
from kg.vocab import EKG

#: Names the two reports use, by the slug of the entity they must lead to.
NAMED_IN_THE_TEXTS = {
    "backpage": ["Backpage", "Backpage.com"],
    "craigslist": ["Craigslist"],
    "facebook": ["Facebook"],
    "instagram": ["Instagram"],
    "snapchat": ["Snapchat"],
    "tinder": ["Tinder"],
    "blendr": ["Blendr"],
    "myspace": ["MySpace"],
    "mocospace": ["MocoSpace"],
    "xbox-live": ["Xbox Live"],
    "tagged": ["Tagged"],
    "twitter": ["Twitter"],
    "youtube": ["YouTube"],
    "google": ["Google"],
    "microsoft": ["Microsoft"],
    "palantir": ["Palantir"],
    "alexa": ["Alexa"],
    "quantcast": ["Quantcast"],
    "cityvibe": ["Cityvibe"],
    "myredbook": ["MyRedBook", "RedBook"],
    "adult-search": ["Adult Search"],
    "eroticmugshots": ["EroticMugShots"],
    "localescortpages": ["LocalEscortPages"],
    "myproviderguide": ["MyProviderGuide"],
    "findhotescorts": ["FindHotEscorts"],
    "nsapals": ["nsaPals"],
    "naughty-reviews": ["Naughty Reviews"],
    "humaniplex": ["Humaniplex"],
    "megapersonals": ["Megapersonals"],
    "cityxguide": ["CityXGuide.com"],
    "darknet": ["darknet"],
    "metro-pcs": ["Metro PCS"],
    "t-mobile": ["T-Mobile"],
    "att-mobility": ["ATT Mobile"],
    "sprint": ["Sprint"],
    "verizon-wireless": ["Verizon Wireless"],
    "boost-mobile": ["Boost"],
    "virgin-mobile": ["Virgin Mobile"],
    "cricket-wireless": ["Cricket"],
    "level-3-communications": ["Level 3 Communications"],
    "fbi": ["FBI", "F.B.I."],
    "doj": ["Department of Justice", "U.S. Department of Justice", "D.O.J."],
    "dhs": ["Department of Homeland Security"],
    "hsi": ["HSI"],
    "ice": ["ICE", "I.C.E."],
    "state-department": ["U.S. Department of State"],
    "dod": ["U.S. Department of Defense"],
    "ojjdp": ["OJJDP", "Office of Juvenile Justice and Delinquency Prevention"],
    "icac-task-force": ["ICAC", "Internet Crimes Against Children", "ICAC task forces"],
    "ncmec": ["National Center for Missing and Exploited Children"],
    "united-nations": ["United Nations"],
    "unicef-usa": ["UNICEF USA"],
    "ilo": ["International Labour Organization"],
    "polaris-project": ["Polaris Project"],
    "urban-institute": ["Urban Institute"],
    "childrens-rights": ["Children's Rights"],
    "rights4girls": ["Rights4Girls"],
    "american-bar-association": ["American Bar Association"],
    "npr": ["NPR"],
    "forbes": ["Forbes"],
    "wired": ["Wired"],
    "ars-technica": ["Ars Technica"],
    "boston-globe": ["Boston Globe"],
    "cbs-dfw": ["CBS DFW", "CBSDFW"],
    "usc-annenberg-cclp": ["CCLP"],
    "usc": ["University of Southern California", "USC"],
    "berkman-center": ["Berkman Center for Internet & Society"],
    "university-of-toledo-htsji": ["University of Toledo Human Trafficking and Social Justice Institute"],
    "carnegie-mellon-university": ["Carnegie Mellon University", "Carnegie Melon University"],
}


@pytest.fixture(scope="module")
def entries(paths):
    return load_gazetteers([(p, paths.relative(p)) for p in paths.gazetteer_files]).entries


def _gazetteer_graph(paths) -> Graph:
    graph = Graph()
    for path in paths.gazetteer_files:
        graph.parse(path)
    return graph


@pytest.fixture(scope="module")
def by_slug(entries):
    return {e.slug: e for e in entries}


def test_every_entity_the_texts_name_is_there_with_its_names(by_slug):
    for slug, names in NAMED_IN_THE_TEXTS.items():
        assert slug in by_slug, f"no gazetteer entry '{slug}'"
        entry = by_slug[slug]
        labels = {entry.pref_label, *entry.alt_labels, *entry.hidden_labels}
        for name in names:
            assert name in labels, f"'{name}' is not a label of '{slug}'"


def test_abbreviations_short_names_and_misspellings_are_labelled_as_such(by_slug):
    assert {"FBI", "F.B.I."} <= set(by_slug["fbi"].alt_labels)
    assert {"ICE", "I.C.E."} <= set(by_slug["ice"].alt_labels)
    assert {"DOJ", "D.O.J.", "Department of Justice"} <= set(by_slug["doj"].alt_labels)
    assert "Backpage.com" in by_slug["backpage"].alt_labels
    assert "RedBook" in by_slug["myredbook"].alt_labels
    assert by_slug["carnegie-mellon-university"].pref_label == "Carnegie Mellon University"
    assert "Carnegie Melon University" in by_slug["carnegie-mellon-university"].hidden_labels


def test_kinds_and_categories(entries, by_slug):
    assert len(entries) >= 80
    for entry in entries:
        assert entry.kind in KINDS
        if entry.kind in PLATFORM_KINDS:
            assert entry.category == "platform"
        else:
            assert entry.category == ("agency" if entry.kind in AGENCY_KINDS else "organization")
        folder = "platform" if entry.category == "platform" else "org"
        assert entry.iri == f"https://w3id.org/evidence-kg/resource/{folder}/{entry.slug}"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.slug)
    assert by_slug["backpage"].kind == "ClassifiedAdSite"
    assert by_slug["myredbook"].kind == "AdultSite"
    assert by_slug["tinder"].kind == "DatingApp"
    assert by_slug["xbox-live"].kind == "GamingNetwork"
    assert by_slug["fbi"].kind == "LawEnforcementAgency" and by_slug["fbi"].category == "agency"
    assert by_slug["doj"].kind == "GovernmentAgency"
    assert by_slug["metro-pcs"].kind == "Carrier" and by_slug["metro-pcs"].category == "organization"
    assert by_slug["ncmec"].kind == "NonGovernmentalOrganization"
    assert by_slug["npr"].kind == "NewsOrganization"
    assert by_slug["ilo"].kind == "InternationalOrganization"


def test_every_entity_is_curated_and_typed_with_ontology_classes(paths):
    gazetteer = _gazetteer_graph(paths)
    ontology = Graph().parse(paths.ontology_file)
    subjects = set(gazetteer.subjects(SKOS.prefLabel, None))
    for subject in subjects:
        assert (subject, EKG.origin, EKG.Curated) in gazetteer, subject
        for cls in gazetteer.objects(subject, RDF.type):
            assert (cls, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in ontology, cls
        general = EKG.Platform if "/platform/" in str(subject) else EKG.Organization
        assert (subject, RDF.type, general) in gazetteer, f"{subject} is not typed {general} (queries rely on it)"
        for label in gazetteer.objects(subject, SKOS.prefLabel | SKOS.altLabel | SKOS.hiddenLabel):
            assert label.language == "en", (subject, label)


def test_labels_name_one_entity_only(entries):
    seen: dict[str, str] = {}
    for entry in entries:
        for label in {entry.pref_label, *entry.alt_labels, *entry.hidden_labels}:
            key = label.casefold()
            assert seen.setdefault(key, entry.slug) == entry.slug, f"'{label}' names {seen[key]} and {entry.slug}"


def test_the_gazetteer_conforms_to_the_shapes(paths):
    import pyshacl

    conforms, _, text = pyshacl.validate(
        _gazetteer_graph(paths), shacl_graph=Graph().parse(paths.shapes_file), inference="none"
    )
    assert conforms, text


# --- errors -----------------------------------------------------------------------------------

HEADER = """@prefix ekg:  <https://w3id.org/evidence-kg/ontology#> .
@prefix plat: <https://w3id.org/evidence-kg/resource/platform/> .
@prefix org:  <https://w3id.org/evidence-kg/resource/org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def _load(tmp_path, body: str):
    path = tmp_path / "gazetteer.ttl"
    path.write_text(HEADER + body, encoding="utf-8")
    return load_gazetteer(path, shown="ontology/gazetteer.ttl")


def test_a_turtle_syntax_error_names_file_and_line(tmp_path):
    with pytest.raises(InputError) as err:
        _load(tmp_path, '\nplat:x a ekg:SocialNetwork ;\n    skos:prefLabel "X@en ;\n    ekg:origin ekg:Curated .\n')
    assert err.value.file == "ontology/gazetteer.ttl"
    assert err.value.line == 7
    assert str(err.value).startswith("ontology/gazetteer.ttl:7: Turtle syntax error")


def test_an_entity_without_a_preferred_label_is_an_error(tmp_path):
    with pytest.raises(InputError, match=r"gazetteer.ttl:6: platform/x has no skos:prefLabel"):
        _load(tmp_path, '\nplat:x a ekg:SocialNetwork ;\n    skos:altLabel "X"@en .\n')


def test_an_entity_without_a_kind_is_an_error(tmp_path):
    with pytest.raises(InputError, match=r":6: platform/x has no kind"):
        _load(tmp_path, '\nplat:x skos:prefLabel "X"@en .\n')


def test_a_platform_under_org_is_an_error(tmp_path):
    with pytest.raises(InputError, match=r"must be https://w3id.org/evidence-kg/resource/platform/\{slug\}"):
        _load(tmp_path, 'org:x a ekg:SocialNetwork ; skos:prefLabel "X"@en .\n')


def test_a_label_shared_by_two_entities_is_an_error(tmp_path):
    body = (
        'plat:a a ekg:SocialNetwork ; skos:prefLabel "Alpha"@en .\n'
        'plat:b a ekg:SocialNetwork ; skos:prefLabel "Beta"@en ; skos:altLabel "alpha"@en .\n'
    )
    with pytest.raises(InputError, match=r":6: label 'alpha' names both 'a' and 'b'"):
        _load(tmp_path, body)


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="absent.ttl: file not found"):
        load_gazetteer(tmp_path / "absent.ttl")
