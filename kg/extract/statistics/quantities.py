"""Which figures are quantities: a number in words needs a noun, 'one' counts only beside other counts."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.numbers import NUMERAL
from kg.extract.statistics.shapes import Figure

#: Words that end the noun phrase after a figure.
STOP = frozenset(
    "a an the of in on at to for from by with without and or but nor who whom whose which that this these those "
    "is are was were be been being has have had do does did will would can could may might shall should must it "
    "its they them their he she him her his we us our you your i me my as than then so if when while where after "
    "before over under into onto about across per each every all some any no not only also just aged held lined "
    "later ago prior apart except up out down off there here what how why such like since until during through "
    "between among against within upon via together again alone apiece".split()
)
#: Nouns that count the text's own points, not things in the world.
_DISCOURSE = frozenset(
    "way ways step steps distinction distinctions reason reasons issue issues topic topics theme themes aspect "
    "aspects point points thing things question questions factor factors example examples part parts side sides "
    "hand hands approach approaches kind kinds type types sort sorts category categories respect respects".split()
)
_SAMPLE_NOUNS = frozenset("respondents participants interviewees subjects informants".split())
_SAMPLE_VERBS = re.compile(
    r"\b(?:sampled|surveyed|interviewed|interviews?\s+with|sample\s+of)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_FROM_TO = re.compile(rf"\bfrom\s+{NUMERAL}\s+[a-z]+\s+to\s+$", re.IGNORECASE)
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the|these|those|them|its|their|our|all)\b(?!\s+(?:ways?|reasons?|things?)\b)", re.IGNORECASE
)


def _noun_phrase(text: str, pos: int) -> list[str]:
    """The words of the noun phrase starting at ``pos``: up to a stop word or punctuation (``such``,
    ``other`` and ``more`` may stand before the noun: ``three such plants``; a word may be quoted)."""
    words: list[str] = []
    for m in re.finditer(r"\S+", text[pos:]):
        token = m.group().strip('“”"‘’')  # a word in quotes is a word of the phrase: two “larger” residuals
        word = _WORD.match(token)
        if word and not words and word.group().lower() in ("such", "other", "more") and word.end() == len(token):
            continue
        if not word or word.group().lower() in STOP:
            break
        words.append(word.group().lower())
        if word.end() < len(token) or len(words) == 6:
            break  # punctuation after the word ends the phrase
    return words


def quantities(text: str, figures: list[Figure]) -> list[Figure]:
    """Drop numbers in words that count nothing; give counts of people sampled their kind."""
    kept = []
    for figure in figures:
        if figure.kind != "count":
            kept.append(figure)
            continue
        phrase = _noun_phrase(text, figure.end)
        partitive = figure.value != 1 and bool(_PARTITIVE.match(text, figure.end))  # "three of the five sites"
        partitive = partitive or bool(_FROM_TO.search(text[: figure.start]))  # "from four gardens to thirty-two"
        if figure.words and ((not phrase and not partitive) or _DISCOURSE.intersection(phrase)):
            continue
        if _SAMPLE_NOUNS.intersection(phrase) or _SAMPLE_VERBS.search(text[: figure.start]):
            figure = replace(figure, kind="sample-size")
        kept.append(figure)
    return [f for f in kept if not _lone_one(text, f, kept)]


def _lone_one(text: str, figure: Figure, figures: list[Figure]) -> bool:
    """``one`` is a quantity only in a list of counts (``one police officer, two sergeants (n=2)``)
    or when the text insists on it (``only one respondent``, ``one post only``)."""
    if not (figure.words and figure.value == 1 and figure.upper is None and figure.kind in ("count", "sample-size")):
        return False
    if text[figure.start].isupper():
        return True  # "One detective explained", "One finding is"
    if re.search(r"\bonly\s+$", text[: figure.start]) or re.match(r"\s+[a-z]+\s+only\b", text[figure.end :]):
        return False  # "only one respondent", "one post only" insist on the count
    return not any(
        other is not figure
        and other.kind in ("count", "sample-size")
        and other.value != 1
        and abs(other.start - figure.start) < 40
        for other in figures
    )


def in_parens(text: str, figure: Figure) -> bool:
    return text[: figure.start].rstrip().endswith("(") and text[figure.end :].lstrip().startswith(")")


def shares_by_context(text: str, figures: list[Figure]) -> list[Figure]:
    """In a list of shares, ``ATT Mobile (11.3)`` is a percentage too, though it lacks the sign."""
    shares = [f for f in figures if f.kind == "percentage"]
    if len(shares) < 2:
        return figures
    return [
        replace(f, unit="PERCENT", kind="percentage")
        if f.kind == "count" and not f.words and in_parens(text, f) and f.start > shares[0].start
        else f
        for f in figures
    ]
