"""A report's recurring names read in one pass (kg.evidence.name_contexts) give what a search per name gave.

The oracle below is the search per candidate name that ``recurring_names`` made before (each a pass over the
whole text, so that a long report with many candidates cost more than its length); the index must answer
every question alike, on the corpus's texts, the real documents gathered for the tests, and random texts.
"""

from __future__ import annotations

import random
import re
import time

import pytest

from kg.evidence.name_contexts import NameContexts
from kg.evidence.proper_names import _TITLES
from tests.conftest import ROOT


def _oracle(text: str, name: str) -> tuple[bool, bool, bool, set[str]]:
    tail = rf",?[ \t]+(?:(?:of|for|and|&)\s+(?:the\s+)?)?{re.escape(name)}\b"
    return (
        bool(re.search(rf"\b{_TITLES}\s+{re.escape(name)}\b", text)),
        bool(re.search(rf"(?<![\w./@-]){re.escape(name.lower())}(?![\w/@-]|\.\w)", text)),
        bool(re.search(rf"(?<=[a-z,;:] )[A-Z][\w’'.-]*{tail}", text)),
        {w.lower() for w in re.findall(rf"(?m)(?:^|(?<=[.!?] ))([A-Z][\w’'-]*){tail}", text)},
    )


def _answers(contexts: NameContexts, name: str) -> tuple[bool, bool, bool, set[str]]:
    return (
        name in contexts.after_title,
        name in contexts.in_lower_case,
        name in contexts.after_capital,
        contexts.openings(name),
    )


def _names(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w’'-])[A-Z][a-z]{2,}[\w’'-]*", text))


def _texts() -> list[str]:
    paths = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / ".cache").glob("**/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def test_the_index_answers_as_the_searches_on_real_texts():
    texts = _texts()
    assert texts
    checked = 0
    for text in texts:
        names = set(sorted(_names(text))[:150]) | {"Reddit", "Ohio", "Lopez"}
        contexts = NameContexts(text, names, _TITLES)
        for name in names:
            assert _answers(contexts, name) == _oracle(text, name), name
            checked += 1
    assert checked > 200


ATOMS = [
    "Judge ",
    "Mr. ",
    "v. ",
    "of ",
    "the ",
    "and ",
    "& ",
    ", ",
    ". ",
    "! ",
    "\n",
    " ",
    "\t",
    "’s ",
    "'",
    "-",
    "/",
    "@",
    ".x",
    "Reddit",
    "reddit",
    "Ohio",
    "ohio",
    "O’Neil",
    "Lopez",
    "The ",
    "Department ",
    "in ",
    "x",
]


@pytest.mark.parametrize("seed", range(5))
def test_the_index_answers_as_the_searches_on_random_texts(seed):
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 40)))
        names = {"Reddit", "Ohio", "O’Neil", "Lopez", "Department"}
        contexts = NameContexts(text, names, _TITLES)
        for name in names:
            assert _answers(contexts, name) == _oracle(text, name), (name, text)


def test_the_index_costs_the_same_per_megabyte_with_more_names():
    """Candidates grow with a long report's variety; the index reads the text once for all of them."""

    def seconds_per_mb(copies: int) -> float:
        words = [f"Name{chr(65 + i % 26)}{chr(97 + i // 26 % 26)}x" for i in range(copies * 40)]
        text = " ".join(f"On {w}, the users of {w} met Judge {w}." for w in words)
        started = time.process_time()
        NameContexts(text, set(words), _TITLES)
        return (time.process_time() - started) / (len(text) / 1e6)

    small, large = seconds_per_mb(5), seconds_per_mb(40)
    assert large < 2.5 * small, (small, large)
