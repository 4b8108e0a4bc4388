"""What the reference labeller sees beyond a token's neighbours: the lexicon learnt from its training strings, and
the features that carry what a piece of the entry holds to every token of it.

The strings are written for this test; the lexicon in the first tests is built from them, not the shipped one.
"""

from __future__ import annotations

from kg.extract.references import lexicon
from kg.extract.references.features import features, tokenise


def _feats(text: str, lex: dict[str, str]) -> dict[str, list[str]]:
    """Each token's features by its text (the first token of that text)."""
    out: dict[str, list[str]] = {}
    for tok, feats in zip(tokenise(text), features(text, tokenise(text), lex), strict=True):
        out.setdefault(tok.text, feats)
    return out


def test_the_lexicon_keeps_words_mostly_in_one_field():
    journal = [("Journal", "container"), ("of", "container"), ("Things", "container"), ("2001", "year")]
    title = [("Things", "title"), ("of", "title"), ("the", "title"), ("journal", "container")]
    built = lexicon.build([journal] * 6 + [title] * 3)
    assert built["journal"] == "container"  # 9 of 9
    assert "things" not in built  # 6 of 9 container: not enough
    assert "the" not in built  # a title's word: titles use the whole language
    assert "2001" not in built  # digits are not words
    assert lexicon.parse(lexicon.dump(built)) == built


def test_a_rare_word_stays_out_of_the_lexicon():
    built = lexicon.build([[("Verlag", "publisher")]] * (lexicon.MIN_COUNT - 1))
    assert built == {}


def test_a_sentence_knows_the_fields_its_words_point_to():
    text = "Smith, J. 1993. Developing a strategy for waterfowl. Transactions of the Wildlife Conference 58: 565-583."
    feats = _feats(text, {"transactions": "container", "conference": "container"})
    assert "snlex=container" in feats["Developing"]  # the next sentence has container words
    assert "slex=container" not in feats["Developing"]
    assert "slex=container" in feats["Transactions"] and "lex=container" in feats["Transactions"]
    assert "slex=container" in feats["Wildlife"]  # not a lexicon word, but in the same sentence as two


def test_in_and_the_year_are_seen_from_afar():
    """``In`` and the year anywhere before or after; editors are not (a feature "editors later in the entry" led
    a retrained model to read an APA edited book, "Higgins, J., ... (Eds.). (2022). Cochrane handbook ...", as a
    chapter's editors and its book)."""
    text = "Lee, K. (2004). Ports. In M. Roe & T. Ngo (Eds.), Harbours of the world (pp. 3-9). Oslo: Nord."
    feats = _feats(text, {})
    assert "afterin" not in feats["Ports"] and "afterin" in feats["Harbours"]
    assert "afteryear" in feats["Harbours"] and "yearahead" in feats["Lee"]
    assert not any("editor" in f for f in feats["Ports"] + feats["Harbours"])


def test_an_abbreviated_word_is_counted_in_its_piece():
    text = "A. Roe, Nucl. Phys. Rev. 12, 33 (1999)."
    feats = _feats(text, {})
    assert "cabbr=1" in feats["Nucl"]  # a full stop after a word ends a piece: each abbreviation is one
    assert "cabbr=0" in feats["Roe"] and "cabbr=0" in feats["A"]


def test_a_quote_closed_means_the_title_is_behind():
    text = "R. Duarte, “Low-power sensing,” IEEE Trans. Instrum., 2019."
    feats = _feats(text, {})
    assert "afterquote" not in feats["Low"] and "inquote" in feats["Low"]
    assert "afterquote" in feats["IEEE"]


def test_a_german_entry_is_labelled_as_its_english_twin() -> None:
    from kg.extract.references import parse_entry

    german = (
        "Gillmor, D. (2014). Do Private Platforms Threaten Public Journalism? In K. McBride & T. Rosenstiel "
        "(Hrsg.), The New Ethics of Journalism – Principles for the 21st Century (S. 93-101). London: Sage CQ Press."
    )
    english = german.replace("(Hrsg.)", "(Eds.)").replace("(S. 93", "(pp. 93")
    read, twin = parse_entry(german), parse_entry(english)
    assert read.container == twin.container == "The New Ethics of Journalism – Principles for the 21st Century"
    assert (read.title, read.pages, read.publisher) == (twin.title, twin.pages, twin.publisher)
    from kg.extract.references.labeller import label_fields

    (container,) = [f for f in label_fields(german) if f.label == "container"]
    assert german[container.start : container.end] == container.text == read.container  # offsets into the German


def test_an_initial_s_and_the_s_of_u_s_stay_what_they_are() -> None:
    from kg.extract.references.features import _as_english, tokenise

    text = "Milan, S. 2011. Eldred v. Ashcroft, 537 U.S. 186 (2003). Hands (S. 77-99)."
    english, tokens = _as_english(text, tokenise(text))
    assert english == "Milan, S. 2011. Eldred v. Ashcroft, 537 U.S. 186 (2003). Hands (pp. 77-99)."
    assert len(tokens) == len(tokenise(text))
