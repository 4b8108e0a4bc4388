"""Names without a head word (issue 18 item 9): suppliers, cited bodies, German heads, lists, named kinds."""

from __future__ import annotations

from kg.evidence import acronyms, name_cues, names, names_cited, names_lists, names_suppliers


def _names(found: object) -> list[str]:
    return [c.name for c in found]  # type: ignore[attr-defined]


def test_a_supplier_is_the_name_an_address_closes():
    text = "Plates were read (BMG Labtech, Offenburg, Germany) and MTT (Sigma, Saint-Quentin Fallavier France) added."
    assert _names(names_suppliers.suppliers(text, 0)) == ["BMG Labtech", "Sigma"]
    # a product first, a state before the country
    text = "in DMEM (DMEM, Dutscher, Issy-les-Moulineaux, France) with serum (Sigma-Aldrich, St. Louis, MO, USA)."
    assert _names(names_suppliers.suppliers(text, 0)) == ["Dutscher", "Sigma-Aldrich"]
    # no address: a place alone, a citation, a list of terms
    text = "as found in Uganda (Kampala, Uganda), (Smith, 2003) and (alpha, beta, gamma)."
    assert _names(names_suppliers.suppliers(text, 0)) == []


def test_a_supply_verb_names_one_firm_not_a_person_or_a_method():
    text = "Cells were purchased from ATCC, samples kindly provided by the CAHEB (Le Tampon)."
    assert _names(names_suppliers.suppliers(text, 0)) == ["ATCC", "CAHEB"]
    assert _names(names_suppliers.suppliers("It was provided by John Smith and obtained by QR decomposition.", 0)) == []
    assert _names(names_suppliers.suppliers("The data were provided by Dr. Jones.", 0)) == []


def test_a_body_cited_as_an_author_has_no_given_name():
    assert names_cited.corporate("Human Rights Watch")
    assert names_cited.corporate("UNICEF")
    assert names_cited.corporate("International Crisis Group")
    assert not names_cited.corporate("Bates, Douglas")
    assert not names_cited.corporate("Bates DM")
    assert not names_cited.corporate("Smith")
    assert not names_cited.corporate("Van de Walle")
    assert not names_cited.corporate("Front Lines of the Real Culture Wars")
    assert not names_cited.corporate("Project Officer")


def test_german_compound_heads_open_a_name_before_fuer_and_a_listed_object_is_read_whole():
    text = "Das Gesetz wurde durch das Bundesministerium für Familie, Senioren, Frauen und Jugend (BmFSFJ) vorgelegt."
    assert _names(names.typed_names(text, 0, frozenset())) == [
        "Bundesministerium für Familie, Senioren, Frauen und Jugend"
    ]
    # a German common noun before "des" opens no name
    assert _names(names.typed_names("Es geht um die Organisation des Alltags.", 0, frozenset())) == []
    text = "Infants in the Special Supplemental Nutrition Program for Women, Infants and Children (WIC) were fed."
    assert _names(names.typed_names(text, 0, frozenset())) == [
        "Special Supplemental Nutrition Program for Women, Infants and Children"
    ]


def test_a_university_named_by_its_place_and_a_funder_before_its_award():
    text = "We thank the Vrije Universiteit Brussel and the Universität Hamburg, 200 University Ave, Toronto."
    assert _names(names.typed_names(text, 0, frozenset())) == ["Vrije Universiteit Brussel", "Universität Hamburg"]
    found = names.typed_names("She studied at the Université de Montréal in Quebec.", 0, frozenset())
    assert _names(found) == ["Université de Montréal"]
    text = "She was funded by the Wellcome Trust Vacation Scholarship programme."
    assert _names(names.typed_names(text, 0, frozenset())) == ["Wellcome Trust"]
    # no award after it: the head is no head ("President Bill Clinton" stays unnamed)
    assert _names(names.typed_names("Then Labor Department Secretary Smith spoke.", 0, frozenset())) == []
    text = "reviewed by the President´s Council on Bioethics in 2001."
    assert _names(names.typed_names(text, 0, frozenset())) == ["President´s Council on Bioethics"]


def test_a_list_of_abbreviations_defines_acronyms_but_one_line_of_prose_does_not():
    text = (
        "Abbreviations\n\nCDC Centers for Disease Control and Prevention\nFNS Food and Nutrition Service\n"
        "WIC Special Supplemental Nutrition Program for Women,\n Infants, and Children\n\nContents\n"
    )
    found = {d.short: d.long for d in acronyms.table_definitions(text)}
    assert found["FNS"] == "Food and Nutrition Service"
    assert found["WIC"] == "Special Supplemental Nutrition Program for Women,\n Infants, and Children"
    assert list(acronyms.table_definitions("Intro\nFNS Food and Nutrition Service\n\nThe end.\n")) == []
    # a post or a measure is no body
    text = "COO Chief Operating Officer\nFAA Federal Aviation Administration\nOSI Organizational Success Increase\n"
    text += "SBA Small Business Administration\n"
    assert [d.short for d in acronyms.table_definitions(text)] == ["FAA", "SBA"]


def test_names_listed_in_a_parenthesis_beside_a_known_body():
    text = "Vertreter (Wikipedia, Google, Yahoo, Amazon, eBay, etc.) sprachen."
    google = text.index("Google")
    found = names_lists.coordinated(text, 0, lambda s, e: (s, e) == (google, google + 6))
    assert _names(found) == ["Wikipedia", "Yahoo", "Amazon", "eBay"]
    # nothing known in it, or an address: no names
    assert _names(names_lists.coordinated(text, 0, lambda s, e: False)) == []
    text = "(Faculty of Science, University of Leeds, Leeds, UK)"
    uni = text.index("University")
    assert _names(names_lists.coordinated(text, 0, lambda s, e: s == uni)) == []


def test_list_cues_after_a_colon_in_german_and_a_name_before_its_kind():
    text = "Formula companies: Mead Johnson, Ross Laboratories, and Nestle produce most formula."
    assert _names(name_cues.platform_cues(text, 0)) == ["Mead Johnson", "Ross Laboratories", "Nestle"]
    # a title in title case, or one name after a colon, is no list
    assert _names(name_cues.platform_cues("High Performing Organizations: Metrics, Means, and Ends.", 0)) == []
    assert _names(name_cues.platform_cues("Governing networks: International perspectives.", 0)) == []
    text = "Unternehmen wie Union Square Ventures dominierten."
    assert _names(name_cues.platform_cues(text, 0)) == ["Union Square Ventures"]
    text = "The CHOLMOD library, Johnson’s NLopt C library and the same package; the Selectome database."
    assert _names(name_cues.named_kinds(text, 0)) == ["CHOLMOD", "NLopt", "Selectome"]


def test_a_body_head_in_lower_case_after_a_name_and_a_country_after_a_head():
    text = "offered to the city by the non-profit MACHT founda-\ntion, and the SDMI coalition agreed."
    assert _names(name_cues.named_kinds(text, 0)) == ["MACHT founda-\ntion", "SDMI coalition"]
    assert _names(name_cues.named_kinds("the Mabira Forest issue and the MACHT site", 0)) == []
    text = "groups such as the Human Rights Network Uganda have criticised it."
    assert _names(names.typed_names(text, 0, frozenset())) == ["Human Rights Network Uganda"]


def test_a_treaty_named_by_its_place_with_a_lower_case_head():
    text = "Should the Kyoto\nconvention be ratified, following the declaration of Helsinki?"
    assert _names(name_cues.lower_case_laws(text, 0)) == ["Kyoto\nconvention", "declaration of Helsinki"]
    assert _names(name_cues.lower_case_laws("the convention was signed; the protocol of the study", 0)) == []


def test_a_german_elided_compound_stays_in_the_name_and_a_method_is_no_supplier():
    text = "Es warnte der Interessenverband des Video- und Medienfachhandels in Deutschland."
    assert _names(names.typed_names(text, 0, frozenset())) == ["Interessenverband des Video- und Medienfachhandels"]
    assert _names(names_suppliers.suppliers("Counts were obtained from RNA-Seq, then filtered.", 0)) == []
