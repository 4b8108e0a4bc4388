"""Acronyms a text defines, ``Long Name (ABBR)`` or ``ABBR (Long Name)``, and every later use of them.

A report that names an organisation it will mention often usually says so once: "the Office of
Juvenile Justice and Delinquency Prevention (OJJDP)". The pairing of short and long form follows
Schwartz and Hearst (2003, "A simple algorithm for identifying abbreviation definitions in
biomedical text"): the short form's letters are matched from its end backwards into the words
before the parenthesis, the first letter at the start of a word, and the shortest long form that
matches wins. That needs no list of names, so it works on a report never seen.

Only long forms written as a name (every content word capitalised) are kept: "sexually
transmitted diseases (S.T.D.)" is an abbreviated term, not an organisation. Later uses of the
short form are found with word boundaries and its capitals, from the definition to the end of the
text (a use before the definition cannot be told from another meaning of the letters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Words a name may hold in lower case between its capitalised words.
CONNECTORS = frozenset("of for and the on in to against at by from with & de del la du des der van von y".split())

_PAREN = re.compile(r"[(\[]\s*([^()\[\]\n]{1,60}?)\s*[)\]]")
_SHORT = re.compile(r"^(?=[^a-z]*[A-Z][^a-z]*[A-Z])[A-Z0-9][A-Za-z0-9.&/-]{1,11}$")
#: A word; one broken by a hyphen at a line's end ("Mo-\ntion Picture Association") is one word.
_WORD = re.compile(r"(?:[\w’'.&]|-\n(?=[a-z])|-)+")


@dataclass(frozen=True)
class Definition:
    """One definition: the short form and the long form, each with its offsets in the text."""

    short: str
    short_start: int
    short_end: int
    long: str
    long_start: int
    long_end: int


def _letters(short: str) -> str:
    return "".join(ch for ch in short.lower() if ch.isalnum())


def match_long_form(short: str, words: list[tuple[int, int, str]]) -> int | None:
    """Index of the first word of the shortest long form for ``short`` among ``words``, else None.

    ``words`` are ``(start, end, text)`` of the words just before the definition, in text order.
    The first letter must start a word that is not a connector ("of", "the"), so that "Office of
    Juvenile Justice ... (OJJDP)" is not read from "of".
    """
    letters = _letters(short)
    if len(letters) < 2 or not words:
        return None
    starts, position = [], 0
    for _, _, word in words:
        starts.append(position)
        position += len(word) + 1
    text = " ".join(w for _, _, w in words).lower()
    word_at = {start: i for i, start in enumerate(starts)}
    s, t = len(letters) - 1, len(text) - 1
    while s >= 0:
        ch = letters[s]
        while t >= 0 and (text[t] != ch or (s == 0 and not _starts_name(t, word_at, words))):
            t -= 1
        if t < 0:
            return None
        s -= 1
        t -= 1
    return word_at[t + 1]


def _starts_name(t: int, word_at: dict[int, int], words: list[tuple[int, int, str]]) -> bool:
    index = word_at.get(t)
    return index is not None and words[index][2].lower() not in CONNECTORS


def is_name(words: list[str]) -> bool:
    """True when every content word is capitalised (a name, not a term): first and last included."""
    if not words:
        return False
    if words[0].lower() in CONNECTORS or words[-1].lower() in CONNECTORS:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in CONNECTORS for w in words)


def definitions(text: str, start: int = 0, end: int | None = None) -> Iterator[Definition]:
    """Every acronym definition in ``text[start:end]`` whose long form is a name."""
    end = len(text) if end is None else end
    for match in _PAREN.finditer(text, start, end):
        inner = match.group(1)
        # "das Bundeskriminalamt (BKA, 181 Nennungen)", "(WHO, 2019)": the short form opens the parenthesis
        inner = head if (head := inner.split(",")[0].strip()) != inner and _SHORT.match(head) else inner
        if _SHORT.match(inner) and not inner.isdigit():
            found = _long_before(text, inner, match.start(), start, match.start(1))
            if found is not None:
                yield found
                continue
        found = _short_before(text, inner, match.start(1), match.start(), start)
        if found is not None:
            yield found


def _long_before(text: str, short: str, paren: int, floor: int, short_start: int) -> Definition | None:
    """``Long Name (ABBR)``: the long form among the words before the parenthesis."""
    size = len(_letters(short))
    window_start = max(floor, paren - 40 * (size + 5))
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, window_start, paren)]
    words = [w for w in words if w[2].strip(".’'") != ""][-min(size + 5, 2 * size) :]
    # a long form stays inside its clause: no comma, semicolon or parenthesis between its words
    for i in range(len(words) - 1, 0, -1):
        if re.search(r"[,;:()\[\]]", text[words[i - 1][1] : words[i][0]]):
            words = words[i:]
            break
    first = match_long_form(short, words)
    if first is None:
        return None
    chosen = [(s, e, w.rstrip(".,")) for s, e, w in words[first:]]
    if not is_name([w for _, _, w in chosen]) or not (len(chosen) >= 2 or _compound(short, chosen[0][2])):
        return None
    long_start, long_end = chosen[0][0], chosen[-1][0] + len(chosen[-1][2])
    short_end = short_start + len(short)
    return Definition(short, short_start, short_end, text[long_start:long_end], long_start, long_end)


def _compound(short: str, word: str) -> bool:
    """One word that spells a short form of three or more letters, not as its own first letters (``Bundeskriminalamt
    (BKA)``): a compound's parts, as German and Dutch write a body's name in one word."""
    letters = _letters(short)
    return len(letters) >= 3 and len(word) >= 3 * len(letters) and not word.lower().startswith(letters)


def _short_before(text: str, inner: str, inner_start: int, paren: int, floor: int) -> Definition | None:
    """``ABBR (Long Name)``: a capitalised token just before the parenthesis, spelled by the words inside."""
    before = re.search(r"([A-Z][A-Za-z0-9.&-]{1,11})\s*$", text[max(floor, paren - 16) : paren])
    if before is None or not _SHORT.match(before.group(1)):
        return None
    short = before.group(1)
    short_start = max(floor, paren - 16) + before.start(1)
    words = [(m.start(), m.end(), m.group().rstrip(".,")) for m in _WORD.finditer(inner)]
    if len(words) < 2 or not is_name([w for _, _, w in words]):
        return None
    first = match_long_form(short, words)
    if first != 0:
        return None
    long_start = inner_start + words[0][0]
    long_end = inner_start + words[-1][0] + len(words[-1][2])
    return Definition(short, short_start, short_start + len(short), text[long_start:long_end], long_start, long_end)


def uses(text: str, short: str, after: int) -> Iterator[tuple[int, int]]:
    """Offsets of every use of ``short`` after ``after``: whole word, capitals as defined."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(short)}(?![\w]|\.\w)")
    for match in pattern.finditer(text, after):
        yield match.start(), match.end()


#: Words after "the ABBR" that show the letters standing alone as a noun: a verb, a conjunction, a preposition.
_STANDALONE_NEXT = frozenset(
    "is was has had have and or to in of for that which would could will can did does said says who whose".split()
)
_THE_SHORT = re.compile(r"\b[Tt]he ([A-Z][A-Z&]{1,7})(?![\w&-])(?:[’']s)?(?P<next>\s*[a-z]+)?")


def undefined_names(body: list[str], text: str, defined: set[str]) -> set[str]:
    """Acronyms a report uses as the name of one body without defining them (``the FCC considered``).

    An acronym names an organisation when the report writes it after "the" and standing alone (the
    sentence goes on with a verb or a preposition, not a noun it qualifies: "the REML criterion"
    is a term) at least twice and in two of five such uses, and never as a countable or a mass
    noun: no plural (``CDs``), no bare "of DNA", no modifier before it (``C-language API``).
    ``body``: the sentences of the body; ``defined``: the acronyms the report defines (those are
    the definitions' own entities).
    """
    seen: dict[str, list[int]] = {}
    for sentence in body:
        for m in _THE_SHORT.finditer(sentence):
            after = (m.group("next") or "").strip()
            alone = not after or after in _STANDALONE_NEXT or after.endswith("ed")
            counts = seen.setdefault(m.group(1), [0, 0])
            counts[0] += alone
            counts[1] += 1
    found = set()
    for short, (alone, total) in seen.items():
        if short in defined or alone < 2 or alone * 5 < total * 2:
            continue
        if re.search(rf"\b{short}s\b|\b(?:of|with)\s+{short}\b(?!\s+[A-Z])|\b[A-Za-z]+-[a-z]+\s+{short}\b", text):
            continue
        found.add(short)
    return found


#: A line of a list of abbreviations: the short form, spaces, the long form ("FNS Food and Nutrition Service"); a long
#: form that ends with a comma or a connector goes on on the next line.
_TABLE_LINE = re.compile(r"(?m)^[ \t]*(?P<short>[A-Z][A-Za-z0-9&/.-]{1,11})[ \t]+(?P<long>[A-Z][^\n]{2,120})$")


#: Last words of a list's long forms that name no body, programme or law: a post, a measure, a document (not "Survey":
#: "USGS U.S. Geological Survey" is an agency).
NOT_BODIES = frozenset(
    "officer officers director manager schedule increase decrease rate index score tool test model method "
    "analysis study report plan rating".split()
)


def table_definitions(text: str) -> Iterator[Definition]:
    """The definitions of a list of abbreviations (a report's front matter): lines ``ABBR Long Name``.

    A line counts when its long form is a name whose words spell the short form (the pairing of
    :func:`match_long_form`; the whole line is the long form, "WIC Special Supplemental Nutrition Program
    for Women, Infants, and Children"), and only beside another such line: a list, not one line of prose."""
    found: list[Definition] = []
    for m in _TABLE_LINE.finditer(text):
        short, long, long_start = m.group("short"), m.group("long").rstrip(), m.start("long")
        if not _SHORT.match(short):
            continue
        if re.search(r"(?:,|\b(?:and|of|for|the|&))$", long):  # goes on on the next line
            more = re.match(r"\n[ \t]*([A-Za-z][^\n]{1,80})", text[long_start + len(long) :])
            if more:
                long = text[long_start : long_start + len(long) + more.end()].rstrip()
        words = [(w.start(), w.end(), w.group().rstrip(".,")) for w in _WORD.finditer(long)]
        words = [w for w in words if w[2]]
        if len(words) < 2 or not is_name([w for _, _, w in words]) or match_long_form(short, words) is None:
            continue
        if words[-1][2].lower() in NOT_BODIES:
            continue  # "COO Chief Operating Officer", "OSI Organizational Success Increase": a post, a measure
        end = long_start + words[-1][0] + len(words[-1][2])
        found.append(Definition(short, m.start("short"), m.end("short"), text[long_start:end], long_start, end))
    lines = [text.count("\n", 0, d.short_start) for d in found]
    for i, definition in enumerate(found):
        if any(abs(lines[j] - lines[i]) <= 2 for j in (i - 1, i + 1) if 0 <= j < len(found)):
            yield definition
