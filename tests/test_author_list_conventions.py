"""Author-list conventions the references and citations of real reports use: names given first in a comma list,
names parted by slashes (German), ``He et al.``, German citation groups parted by commas with ``f.``/``ff.`` pages,
a place alone on the last line of an entry, and the ``arXiv preprint`` series of BibTeX styles."""

from __future__ import annotations

from kg.extract.citations.author_year import author_year
from kg.extract.citations.pieces import View
from kg.extract.references.authors import parse_authors
from kg.extract.references.entry import parse_entry
from kg.extract.references.lists import split_entries
from kg.resolve.names import cited_names


def test_given_names_first_in_a_comma_list_are_one_author_each() -> None:
    got = parse_authors("Tianqi Chen, Bing Xu, Chiyuan Zhang, and Carlos Guestrin", inverted=True)
    assert got.families == ("Chen", "Xu", "Zhang", "Guestrin")
    got = parse_authors("Edward J Hu, Yelong Shen, Diego de Las Casas, et al.", inverted=True)
    assert got.families == ("Hu", "Shen", "de Las Casas") and got.et_al
    # a family name and its initials stay one author
    assert parse_authors("Okonkwo, C., Adeyemi, T.", inverted=True).families == ("Okonkwo", "Adeyemi")


def test_names_parted_by_slashes() -> None:
    got = parse_authors("Jahoda, M./Lazarsfeld, P./Zeisel, H", inverted=True)
    assert got.families == ("Jahoda", "Lazarsfeld", "Zeisel")
    assert parse_authors("H. Schindler/A. Wacker").families == ("Schindler", "Wacker")
    assert parse_authors("AIDS/HIV Foundation").families == ("AIDS/HIV Foundation",)
    assert cited_names("Holst/Maier").families == ("holst", "maier")


def test_a_place_alone_on_the_last_line_ends_its_entry() -> None:
    text = (
        "Lüders, C. (1990). Arbeitslosigkeit in der Familie. In: H. Schindler (Hrsg.), Familienleben (S. 75-98).\n"
        "Heidelberg.\n"
        "Marx, K. (1973). Die Frühschriften. Stuttgart.\n"
    )
    items = split_entries(text, [(0, len(text))])
    assert [text[i.start : i.end].split()[0] for i in items] == ["Lüders,", "Marx,"]
    assert text[items[0].start : items[0].end].endswith("Heidelberg.")


def _cites(text: str) -> list[tuple[str, str, str]]:
    return [(f.authors, f.year, f.locator) for f in author_year(View.of(text), asides=True)]


def test_german_groups_parted_by_commas_and_following_pages() -> None:
    assert _cites("(vgl. Garhammer 1996, Büchtemann 1979)") == [("Garhammer", "1996", ""), ("Büchtemann", "1979", "")]
    assert _cites("(vgl. Mutz 1997: 163, siehe auch: Mutz et al. 1995)") == [
        ("Mutz", "1997", "163"),
        ("Mutz et al.", "1995", ""),
    ]
    assert _cites("weg (vgl. Voß 1997: 205f). Das") == [("Voß", "1997", "205f")]
    # a comma before a locator does not part the item
    assert _cites("(Smith 2010, Table 3)") == [("Smith", "2010", "Table 3")]


def test_a_word_that_opens_sentences_is_a_name_before_et_al() -> None:
    assert _cites("Following Zhao et al. (2024a); He et al. (2024); Malladi") == [
        ("Zhao et al.", "2024a", ""),
        ("He et al.", "2024", ""),
    ]
    assert _cites("It was shown. He (2019) argued") == []


def test_arxiv_preprint_is_where_the_work_appeared() -> None:
    entry = parse_entry(
        "Yiming Chen, Yuan Zhang, Liyuan Cao, Kun Yuan, and Zaiwen Wen. Enhancing zeroth-order fine-tuning for "
        "language models with low-rank structures. arXiv preprint arXiv:2410.07698, 2024b."
    )
    assert entry.container == "arXiv preprint"
    assert entry.authors.families == ("Chen", "Zhang", "Cao", "Yuan", "Wen")
