"""Legal citations' abbreviations (part, subpart, chapter, paragraph, Public Law, Statutes at Large) end no sentence.

A GAO report's note ``See 10 C.F.R. pt. 52.`` was cut after ``pt.``, so that ``52`` opened a sentence of its
own and was read as a figure; ``Pub. L. No. 109-58`` was cut after ``Pub.`` in the same way.
"""

from __future__ import annotations

import pytest

from kg.records import Span
from kg.sources.text import split_sentences


def _split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, Span("r", 0, len(text)))]


@pytest.mark.parametrize(
    "citation",
    [
        "See 10 C.F.R. pt. 52 for the licensing rule.",
        "The rule is in 10 C.F.R. pts. 50 and 52 together.",
        "See 40 C.F.R. pt. 60, subpt. Da for the limits.",
        "See 26 U.S.C. ch. 1, subch. A for the tax.",
        "See the Act, para. 12 and subpara. 3 of it.",
        "Pub. L. No. 109-58, 119 Stat. 594 (2005) set the credit.",
        "It is printed in 42 U.S.C. Supp. 2006 as amended.",
    ],
)
def test_a_legal_citation_stays_in_its_sentence(citation: str) -> None:
    text = f"The loan guarantee was authorised. {citation} The program then began."
    assert _split(text) == ["The loan guarantee was authorised.", citation, "The program then began."]


def test_a_sentence_still_ends_at_an_ordinary_word() -> None:
    assert _split("They met in part. 52 people came.") == ["They met in part.", "52 people came."]
