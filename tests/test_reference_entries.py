"""Fields of one entry: what the labeller ran into a title or a container, and names among names."""

from __future__ import annotations

import pytest

from kg.extract.references import parse_entry
from kg.extract.references.authors import parse_authors


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Nash JC (2014). minqa: Derivative-Free Optimization Algorithms. R package version 1.2.4, URL "
            "http://CRAN.R-project.org/package=minqa.",
            "minqa: Derivative-Free Optimization Algorithms",
        ),
        (
            "Bezanson J (2014). MixedModels: A Julia Package for Mixed-Effects Models. Julia package version 0.3-22.",
            "MixedModels: A Julia Package for Mixed-Effects Models",
        ),
    ],
)
def test_a_version_note_is_neither_title_nor_container(text: str, title: str) -> None:
    entry = parse_entry(text)
    assert entry.title == title
    assert "version" not in entry.container.lower()


def test_a_title_may_open_with_a_quoted_phrase() -> None:
    entry = parse_entry(
        "Hermann, P. (2009, March 19). ‘Great day’ for city kids brings 2 PAL closings. The Daily Record."
    )
    assert entry.title == "‘Great day’ for city kids brings 2 PAL closings"
    entry = parse_entry("Ortiz, A. (2010). “Title in quotes.” Journal of Things, 3(2), 1-9.")
    assert (entry.title, entry.container) == ("Title in quotes", "Journal of Things")


@pytest.mark.parametrize(
    ("names", "families", "et_al"),
    [
        (
            "Pinheiro J, Bates D, DebRoy S, Sarkar D, R Core Team",
            ("Pinheiro", "Bates", "DebRoy", "Sarkar", "R Core Team"),
            False,
        ),
        ("R Development Core Team", ("R Development Core Team",), False),
        ("Davis TA, others", ("Davis",), True),
        ("David L. Greene, Janet L. Hopson, and Jai Li", ("Greene", "Hopson", "Li"), False),
        ("Peter Gerling, Hilmar Remple, and Thomas Thielemann", ("Gerling", "Remple", "Thielemann"), False),
        ("Okonkwo, Chidi, and Tunde Adeyemi", ("Okonkwo", "Adeyemi"), False),
        ("Dan Mbeki and Eva Ruiz", ("Mbeki", "Ruiz"), False),
    ],
)
def test_names_among_names(names: str, families: tuple[str, ...], et_al: bool) -> None:
    authors = parse_authors(names)
    assert (authors.families, authors.et_al) == (families, et_al)


@pytest.mark.parametrize(
    ("note", "families", "title", "year"),
    [
        (
            "Reese V. Jenkins, Images and Enterprise (Baltimore: Johns Hopkins University Press, 1975), 112.",
            ("Jenkins",),
            "Images and Enterprise",
            "1975",
        ),
        (
            "Judith Van Evra, Television and Child Development (Hillsdale, N.J.: Erlbaum, 1990).",
            ("Van Evra",),
            "Television and Child Development",
            "1990",
        ),
        ("Chidi Okonkwo, Where Sellers Go (Lagos: Harbor Press, 2018), 44.", ("Okonkwo",), "Where Sellers Go", "2018"),
    ],
)
def test_a_note_names_its_author_in_natural_order_before_the_title(
    note: str, families: tuple[str, ...], title: str, year: str
) -> None:
    entry = parse_entry(note, in_note=True)
    assert (entry.authors.families, entry.title, entry.year) == (families, title, year)


def test_a_publishing_body_is_no_container() -> None:
    entry = parse_entry(
        "R Core Team (2014). R: A Language and Environment for Statistical Computing. "
        "R Foundation for Statistical Computing, Vienna, Austria. URL http://www.R-project.org/."
    )
    assert (entry.container, entry.publisher) == ("", "R Foundation for Statistical Computing")
    entry = parse_entry("Ortiz A (2010). Title of a paper. Journal of the Royal Statistical Society B, 72(1), 3-25.")
    assert entry.container == "Journal of the Royal Statistical Society B"


@pytest.mark.parametrize(
    ("note", "title", "year"),
    [
        ("Bach v. Longman, 98 Eng. Rep. 1274 (1777) (Mansfield).", "Bach v. Longman", "1777"),
        ("United States v. Causby, U.S. 328 (1946): 256, 261.", "United States v. Causby", "1946"),
        (
            "Sony Corporation of America v. Universal City Studios, Inc., 464 U.S. 417, 455 fn. 27 (1984).",
            "Sony Corporation of America v. Universal City Studios, Inc",
            "1984",
        ),
    ],
)
def test_a_case_is_named_by_its_parties_and_written_by_no_one(note: str, title: str, year: str) -> None:
    entry = parse_entry(note, in_note=True)
    assert (entry.authors.names, entry.title, entry.year, entry.kind) == ((), title, year, "court-case")


def test_st_opens_a_name() -> None:
    entry = parse_entry(
        "St. George Tucker, Blackstone’s Commentaries 3 (South Hackensack, N.J.: Rothman, 1969), 18.", True
    )
    assert (entry.authors.families, entry.title) == (("Tucker",), "Blackstone’s Commentaries 3")


def test_authors_family_name_first_with_whole_given_names_set_apart_by_semicolons_and_ampersands() -> None:
    from kg.extract.references.authors import parse_authors

    cases = {
        "Amodeo, Maryann & Griffin, Margaret": ("Amodeo", "Griffin"),
        "Richardson, Jane C.; Ong, Bie; Sim, Julius & Corbett, Mandy": ("Richardson", "Ong", "Sim", "Corbett"),
        "Okonkwo, Chidi, and Tunde Adeyemi": ("Okonkwo", "Adeyemi"),
        "van Eeten, M. J., & Mueller, M. L.": ("van Eeten", "Mueller"),
    }
    for text, families in cases.items():
        assert parse_authors(text, inverted=True).families == families
    assert parse_authors("Green, Jeffrey; Sedikides, Constantine & Gregg, Aiden").names[1] == "Sedikides, Constantine"


def test_vancouver_names_with_particles_and_two_letter_families() -> None:
    from kg.extract.references.authors import parse_authors

    read = parse_authors("Keane M, Webb AE, Li YI, van den Beek M, Čech M, Van Dam S")
    assert read.families == ("Keane", "Webb", "Li", "van den Beek", "Čech", "Van Dam")


def test_vancouver_names_with_stops_after_the_initials() -> None:
    from kg.extract.references.authors import parse_authors

    read = parse_authors("Ahadi M., Karbakhsh M., BaniJamali Sh. S., Hakimi Rad E.")
    assert read.families == ("Ahadi", "Karbakhsh", "BaniJamali", "Hakimi Rad")
    assert parse_authors("Besharat M. A").families == ("Besharat",)
    assert parse_authors("Okonkwo, Chidi A., and Tunde Adeyemi").families == ("Okonkwo", "Adeyemi")


def test_a_name_after_the_title_of_a_work_dated_to_the_day_is_its_periodical() -> None:
    read = parse_entry(
        "Okafor, T. (2000, February 16). Officials scramble to save the centres: Mayor forms task force. "
        "The Harbour Sun."
    )
    assert (read.container, read.publisher, read.kind) == ("The Harbour Sun", "", "news-item")
    book = parse_entry("Ong, A. (2006). Neoliberalism as exception. Durham, NC: Duke University Press.")
    assert (book.container, book.publisher) == ("", "Duke University Press")


def test_the_book_after_the_editors_is_the_container_and_in_colon_parts_a_title_from_its_journal() -> None:
    chapter = parse_entry(
        "Baden, John, and Richard Stroup (1977), Property Rights and the Management of National Forests, in: "
        "Garrett Hardin and John Baden (eds), Managing the Commons, San Francisco: W. H. Freeman, 229-240."
    )
    assert (chapter.title, chapter.container, chapter.kind) == (
        "Property Rights and the Management of National Forests",
        "Managing the Commons",
        "chapter",
    )
    article = parse_entry(
        "Khisa, Moses (2013), The Making of the “Informal State” in Uganda, in: Africa Development, 38, 1&2, 191-226."
    )
    assert (article.title, article.container) == ("The Making of the “Informal State” in Uganda", "Africa Development")


def test_vancouver_journal_run_into_the_title_and_an_author_read_as_the_title_s_start() -> None:
    read = parse_entry("Palmer D: Tackling the human resources crisis. Reprod Health Matters 2006, 14(27):27–39.")
    assert (read.title, read.container, read.volume) == (
        "Tackling the human resources crisis",
        "Reprod Health Matters",
        "14",
    )
    read = parse_entry(
        "Katikireddi SV, Cloud GC: Planning a patient’s discharge from hospital. Br Med J 2008, 337:a2694."
    )
    assert read.authors.families == ("Katikireddi", "Cloud")
    assert (read.title, read.container) == ("Planning a patient’s discharge from hospital", "Br Med J")
    book = parse_entry(
        "Jordan, T. (2008). Hacking. Digital Media and Technological Determinism. Cambridge: Polity Press."
    )
    assert book.title == "Hacking. Digital Media and Technological Determinism"  # no volume, no pages: one title


def test_a_quote_inside_a_quoted_title_and_a_lone_container_that_is_the_title() -> None:
    read = parse_entry(
        "Dawson RJM (1995). “The “Unusual Episode” Data Revisited.” Journal of Statistics Education, 3(3)."
    )
    assert (read.title, read.container) == ("The “Unusual Episode” Data Revisited", "Journal of Statistics Education")
    report = parse_entry(
        "Davenport, Tim, Peter Howard and Michael Baltzer (1996), Mabira Forest Reserve: Biodiversity Report, "
        "Kampala: Government of Uganda, Forest Department."
    )
    assert (report.title, report.container) == ("Mabira Forest Reserve: Biodiversity Report", "")


def test_a_quoted_phrase_opening_a_title_before_the_labelled_journal_stays_in_the_title() -> None:
    read = parse_entry(
        'Bell, Andrew (2005). "Oh yes, I remember it well!" Reflections on using the life-grid in qualitative '
        "interviews with couples. Qualitative Sociology Review, 1(1), 51-67."
    )
    assert read.title.startswith('"Oh yes, I remember it well!" Reflections on using')
    assert read.container == "Qualitative Sociology Review"
    quoted = parse_entry("Clarke, R. V. (1995). 'Situational crime prevention', Crime and Justice, 19, 91-150.")
    assert (quoted.title, quoted.container) == ("Situational crime prevention", "Crime and Justice")


def test_vancouver_names_with_capitalised_particles_accented_and_hyphenated_initials() -> None:
    assert parse_authors("Van der Linden ML, Hooper JE, Gallego JÁ, Hughes A-M").families == (
        "Van der Linden",
        "Hooper",
        "Gallego",
        "Hughes",
    )
    assert parse_authors("Schaufeli W. B., Van der Heijden F.").families == ("Schaufeli", "Van der Heijden")
    assert parse_authors("Agha Beigi L", own_sentence=True).families == ("Agha Beigi",)  # a person, not a body
    assert parse_authors("Câmara Municipal de Lisboa", own_sentence=True).families == ("Câmara Municipal de Lisboa",)


def test_one_author_of_two_family_names_and_three_given_names_in_an_inverting_style() -> None:
    assert parse_authors("Abu Kareem, Ayman Mohamed Ahmed", inverted=True).families == ("Abu Kareem",)
    assert parse_authors("Peter Gerling, Hilmar Remple, and Thomas Thielemann").families == (
        "Gerling",
        "Remple",
        "Thielemann",
    )


def test_an_article_with_no_author_dated_to_the_day_names_its_periodical_last() -> None:
    read = parse_entry(
        "Police fill rec center void; Helping out: Officers assigned to run recreation programs keeping kids out "
        "of trouble. (1996, May 10). The Harbour Sun."
    )
    assert read.container == "The Harbour Sun"
