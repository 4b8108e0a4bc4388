"""A German sentence as the figure patterns read it: German numbers, number words, dates and labels in English form.

The figure patterns are written for English conventions. A German text writes ``130.000`` (a hundred and thirty
thousand) and ``3,5`` (three and a half), ``fünfzig Prozent``, ``drei Möglichkeiten``, a date as ``18. Juni 2009``,
a table as ``Tabelle 1`` and a page as ``S. 100``. Rather than a second set of patterns, a German sentence is read
through a view in which these are written the English way (``130,000``, ``3.5``, ``fifty percent``, ``three``,
``18  June 2009``, ``Table 1``, ``p. 100``), with the offset in the sentence of every character of the view: a figure
found in the view is anchored to the German words as printed. Only numbers and the words right beside them are
rewritten, never the prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ONES = {
    "zwei": "two",
    "drei": "three",
    "vier": "four",
    "fünf": "five",
    "sechs": "six",
    "sieben": "seven",
    "acht": "eight",
    "neun": "nine",
    "zehn": "ten",
    "elf": "eleven",
    "zwölf": "twelve",
    "zwanzig": "twenty",
    "dreißig": "thirty",
    "vierzig": "forty",
    "fünfzig": "fifty",
    "sechzig": "sixty",
    "siebzig": "seventy",
    "achtzig": "eighty",
    "neunzig": "ninety",
    "hundert": "hundred",
    "tausend": "thousand",
}
#: A share of a whole in words: ``ein Drittel``, ``sechs Zehnteln``, ``drei Viertel``, ``der Hälfte``.
_PARTS = {
    "Drittel": "third",
    "Viertel": "quarter",
    "Fünftel": "fifth",
    "Sechstel": "sixth",
    "Siebtel": "seventh",
    "Achtel": "eighth",
    "Neuntel": "ninth",
    "Zehntel": "tenth",
}
_ONE = ("ein", "eine", "einem", "einen", "einer", "Ein", "Eine")
_SHARE = re.compile(
    rf"\b(?P<count>{'|'.join(_ONE)}|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)\s+"
    rf"(?P<part>{'|'.join(_PARTS)})n?\b"
)


def _share(m: re.Match[str]) -> str:
    """``sechs Zehnteln`` -> ``six tenths``, ``ein Drittel`` -> ``one third``."""
    count = "one" if m.group("count") in _ONE else _ONES[m.group("count")]
    return f"{count} {_PARTS[m.group('part')]}{'' if count == 'one' else 's'}"


_SCALES = {"Million": "million", "Millionen": "million", "Milliarde": "billion", "Milliarden": "billion"}
_MONTHS = {
    "Januar": "January",
    "Jänner": "January",
    "Februar": "February",
    "März": "March",
    "Mai": "May",
    "Juni": "June",
    "Juli": "July",
    "Oktober": "October",
    "Dezember": "December",
}
_LABELS = {"Tabelle": "Table", "Abbildung": "Figure", "Kapitel": "Chapter", "Abschnitt": "Section", "S.": "p."}
_ALL_MONTHS = "|".join([*_MONTHS, "April", "August", "September", "November"])

#: (pattern, rewrite of the match): a number in German form, a number word, a unit, a date's day, a label.
_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    # 130.000, 1.554, 2.500,75: dots group thousands, a comma marks the decimals
    (
        re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)"),
        lambda m: m.group().translate(str.maketrans(".,", ",.")),
    ),
    (re.compile(r"(?<![\d.,])\d+,\d+(?![.,]?\d)"), lambda m: m.group().replace(",", ".")),  # 3,5
    (_SHARE, _share),
    (re.compile(r"\bHälfte\b"), lambda m: "half"),
    (re.compile(rf"\b(?:{'|'.join(_ONES)})\b"), lambda m: _ONES[m.group()]),
    (re.compile(rf"(?<=\d\s)(?:{'|'.join(_SCALES)})\b|\b(?:{'|'.join(_SCALES)})(?=\s)"), lambda m: _SCALES[m.group()]),
    (re.compile(r"\bProzent\b"), lambda m: "percent"),
    (re.compile(rf"(?<=\d)\.(?=\s+(?:{_ALL_MONTHS})\b)"), lambda m: " "),  # 18. Juni 2009: the day's stop
    (
        re.compile(rf"(?<=\d\s)(?:{'|'.join(_MONTHS)})\b|\b(?:{'|'.join(_MONTHS)})(?=\s+\d{{4}}\b)"),
        lambda m: _MONTHS[m.group()],
    ),
    (re.compile(r"\b(?:Tabelle|Abbildung|Kapitel|Abschnitt)(?=\s+\d)|\bS\.(?=\s*\d)"), lambda m: _LABELS[m.group()]),
    (re.compile(r"(?<=\d)\s+bis\s+(?=\d)"), lambda m: m.group().replace("bis", "to")),  # 10 bis 12
)


#: A mean and its deviation written with slashes for decimal points (``65/1 ± 10/93``), as texts typed with a
#: Persian or Arabic keyboard's decimal separator read: a report that writes one writes all its decimals so.
_SLASHED_MEAN = re.compile(r"(?<![\d/])\d+/\d+\s*±\s*\d+/\d+(?![\d/])")
_SLASHED = re.compile(r"(?<![\d/])\d{1,3}/\d{1,3}(?![\d/])")


def slash_decimals(text: str) -> bool:
    """Whether a report writes its decimal points as slashes: it gives a mean and deviation so (``65/1 ± 10/93``)."""
    return _SLASHED_MEAN.search(text) is not None


def english_view(text: str, german: bool = True, slashes: bool = False) -> tuple[str, list[int]] | None:
    """``text`` with its German numbers, number words, dates and labels (``german``) and its slashed decimals
    (``slashes``: ``65/1`` is 65.1) written the English way, and for every character of that view the offset in
    ``text`` it stands for; None when nothing changes."""
    changes: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    rules = [*(_RULES if german else ()), *((_SLASHED, lambda m: m.group().replace("/", ".")),) * slashes]
    for pattern, rewrite in rules:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            changes.append((m.start(), m.end(), rewrite(m)))
            taken.append((m.start(), m.end()))
    if not changes:
        return None
    view: list[str] = []
    offsets: list[int] = []
    pos = 0
    for start, end, new in sorted(changes):
        view.append(text[pos:start])
        offsets.extend(range(pos, start))
        view.append(new)
        # each character of the new words stands for the one at its place in the old, the last for the last
        offsets.extend(min(start + i, end - 1) if i < len(new) - 1 else end - 1 for i in range(len(new)))
        pos = end
    view.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return "".join(view), offsets
