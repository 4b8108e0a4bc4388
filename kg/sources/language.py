"""The language a report is written in, from its commonest words.

Numbers, dates and locators are written by the conventions of a language (German ``130.000`` is a hundred and
thirty thousand, ``S. 100`` is a page, ``18. Juni 2009`` a date), so the readers of figures need to know which
one a report uses. Function words (articles, conjunctions, prepositions) are the most frequent words of any text
and differ between languages; counting them is the classic way to tell languages apart and needs no model. Only
the languages whose conventions the tool reads are told apart; any other text reads as English.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Frequent function words that the other language does not share (``in``, ``die``/``die`` aside).
_FUNCTION_WORDS = {
    "de": frozenset(
        "der die das und nicht ist mit von zu den für auf sich des dem eine einer eines wird werden auch wurde "
        "wurden nach bei aus oder sind durch über zum zur wie noch kann diese dieser sowie"
        "".split()
    ),
    "en": frozenset(
        "the and of to is that with for are was were this by on from which be have has not or an as at their "
        "these been can also"
        "".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
#: How much of a long text is enough to tell its language.
_SAMPLE = 200_000


@lru_cache(maxsize=64)
def language_of(text: str) -> str:
    """``de`` when the text's function words are German by a wide margin, else ``en``.

    A German report quotes English titles and an English one German names; a margin of two to one over at
    least 50 function words keeps a few quotations from deciding."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for m in _WORD.finditer(text[:_SAMPLE]):
        word = m.group().lower()
        for lang, words in _FUNCTION_WORDS.items():
            counts[lang] += word in words
    german, english = counts["de"], counts["en"]
    return "de" if german >= 50 and german >= 2 * english else "en"


#: German month names (the English ones are :data:`kg.sources.dates.MONTH_WORDS`): a German date writes its day as
#: an ordinal with a stop, ``18. Juni 2009``, which ends no sentence.
MONTHS_DE = frozenset(
    "Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember".split()
)
