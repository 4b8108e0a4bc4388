"""Long BibTeX values decoded in pieces (kg.sources.bibtex_pieces): the same text as the whole, at a flat cost."""

from __future__ import annotations

import random
import time

import pytest

from kg.sources.bibtex import _LATEX, load_bibtex, parse_bibtex, plain
from kg.sources.bibtex_pieces import pieces
from tests.conftest import ROOT


def _folded(text: str) -> str:
    return " ".join(text.split())


def _decoded_in_pieces(value: str, size: int) -> str:
    return _folded("".join(_LATEX.latex_to_text(p) for p in pieces(value, size)))


#: Values that hold every construct a cut must respect, each followed by long runs of words a cut may split.
TRICKY = [
    "{Protected Title with {HIV} inside} and more words here than sixteen letters",
    r"\textbf abcdefghijklmnopqrstuvwxyz and \'ecole normale superieure abcdefghij",
    r"math $x_1 + abcdefghijklmnopqrstuvwxyz$ then abcdefghijklmnopqrstuvwxyz $$display abcdefghijklmnopqrstuv$$ done",
    r"\(inline abcdefghijklmnopqrstuvwxyz\) and \[display abcdefghijklmnopqrstuvwxyz\] ok abcdefghijklmnopqrstuvwxyz",
    "comment % hidden abcdefghijklmnopqrstuvwxyzabcdefghijklmnop\nvisible abcdefghijklmnopqrstuvwxyz",
    r"\begin{quote}quoted abcdefghijklmnopqrstuvwxyzabcdefghij\end{quote} after abcdefghijklmnopqrstu",
    r"\verb|abcdefghijklmnopqrstuvwxyz{abcdefghijk| then abcdefghijklmnopqrstuvwxyz",
    r"escaped \{ \} \$ \% \& -- and ``quotes'' abcdefghijklmnopqrstuvwxyzabcdefghijklmnop",
    r"{\em emphasised abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz} and {\bf bold}",
]


@pytest.mark.parametrize("value", TRICKY)
def test_pieces_decode_as_the_whole(value):
    whole = _folded(_LATEX.latex_to_text(value))
    for size in (1, 3, 7, 20):
        assert _decoded_in_pieces(value * 5, size) == _folded(_LATEX.latex_to_text(value * 5))
    assert len(pieces(value * 5, 1)) > 1 or "verb" in value, "no cut was made: the test tests nothing"
    assert whole


def test_no_cut_inside_math_comments_environments_or_a_word():
    value = "$" + "a" * 200 + "$ % " + "b" * 200 + "\n\\begin{x}" + "c" * 200 + "\\end{x}"
    assert pieces(value, 1) == [value]
    assert all(p[-1].isalnum() or p.endswith("}") for p in pieces("word " * 100, 1)[:-1])


def test_the_real_bibliographies_decode_as_before():
    """Every value of the project's .bib files, cut wherever a cut may fall, reads as the whole."""
    values = [v for path in sorted(ROOT.glob("bib/*.bib")) for e in load_bibtex(path) for v in e.raw.values()]
    assert len(values) > 50
    cut = 0
    for value in values:
        assert _decoded_in_pieces(value, 1) == _folded(_LATEX.latex_to_text(value)), value
        cut += len(pieces(value, 1)) > 1
    assert cut > 10


def test_random_latex_decodes_as_the_whole():
    rng = random.Random(7)
    atoms = ["word", "Other", "x", " ", " ", "{", "}", "\\'e", "\\&", "--", "$y$", "\\emph{z}", "%c\n", "\n", "19"]
    for _ in range(300):
        depth, parts = 0, []
        for _ in range(rng.randint(5, 80)):
            atom = rng.choice(atoms)
            if atom == "}" and depth == 0:
                continue
            depth += {"{": 1, "}": -1}.get(atom, 0)
            parts.append(atom + ("abcdefghijklmnopqrstu" if rng.random() < 0.3 else ""))
        value = "".join(parts) + "}" * depth
        assert _decoded_in_pieces(value, rng.choice((1, 5, 30))) == _folded(_LATEX.latex_to_text(value)), value


def test_a_long_field_costs_the_same_per_megabyte():
    """A 1 MB field of one run of words took 8 s whole, 2 MB 34 s (quadratic); in pieces 1 MB costs about 8 x 125 KB."""

    def seconds(size: int) -> float:
        text = "@misc{big,\n  abstract = {" + "word " * (size // 5) + "},\n}\n"
        started = time.process_time()
        (entry,) = parse_bibtex(text, "big.bib")
        assert entry.fields["abstract"].startswith("word word")
        return time.process_time() - started

    small, large = seconds(125_000), seconds(1_000_000)
    assert large / 8 < small * 2.5, (small, large)
    assert plain("{" + "abc " * 3000 + "}") == ("abc " * 3000).strip()
