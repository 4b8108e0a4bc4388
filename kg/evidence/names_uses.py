"""Where a report writes its names again, and which of its words are ordinary: helpers of
:mod:`kg.evidence.entities`, split from it to keep each module to one concern.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from kg.records import Sentence


def later_uses(text: str, add: Callable[..., None], forms: list[tuple[str, str]]) -> None:
    """Every other place the text writes a found name (``forms``: name and key, longest first), each
    given to ``add(start, end, entity, "later-use")``.

    Linear in the text: each word of the text is looked up among the names' first words, and only
    the names starting with that word are tried there, longest first."""
    space = r"\s+"
    by_first: dict[str, list[tuple[re.Pattern[str], str]]] = defaultdict(list)
    for form, entity in forms:
        words = form.split()
        by_first[words[0]].append((re.compile(rf"{space.join(map(re.escape, words))}(?![\w]|\.\w)"), entity))
    if not by_first:
        return
    for word in re.finditer(r"(?<![\w.])[^\s(\[“\"]\S*", text):
        token = word.group()
        candidates = by_first.get(token) or by_first.get(re.sub(r"(?:[’']s)?[.,;:)\]”\"]*$", "", token))
        for pattern, entity in candidates or ():
            match = pattern.match(text, word.start())
            if match:
                add(match.start(), match.end(), entity, "later-use")
                break


def ordinary_words(text: str, sentences: Iterable[Sentence]) -> frozenset[str]:
    """Words the text writes in lower case and never capitalised inside a sentence."""
    lower = set(re.findall(r"(?<![\w’'.-])([a-z][a-z’'-]+)", text))
    capitalised: set[str] = set()
    for sentence in sentences:
        if not sentence.is_heading:
            capitalised.update(w.lower() for w in re.findall(r"(?<=[a-z,;] )([A-Z][a-z’'-]+)", sentence.text))
    return frozenset(lower - capitalised)
