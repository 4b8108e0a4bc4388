"""Names of authors and organisations: where a run of name words starts, and whether it reads as authors."""

from __future__ import annotations

import re

from kg.extract.citations.pieces import (
    ABBREVIATION,
    ABBREVIATION_GIVEN,
    CONNECTORS,
    ET_AL_TAIL,
    MONTH_SET,
    NAME_WORD,
    PARTICLES,
    STOPWORDS,
)


def _is_name_word(token: str) -> bool:
    """A capitalised word that can be (part of) a name: ``Pfeffer``, ``U.S.``, ``M.``, ``O'Neill``."""
    if not NAME_WORD.match(token):
        return False
    if token.endswith("."):
        return bool(ABBREVIATION.match(token))
    return True


def looks_like_authors(text: str) -> bool:
    """True when ``text`` reads as a list of names or an organisation, and nothing else."""
    if any(ch.isdigit() for ch in text):
        return False
    tokens = text.replace(",", " ").replace(";", " ").split()
    if not tokens or len(tokens) > 16:
        return False
    names = 0
    for i, token in enumerate(tokens):
        lower = token.lower()
        if _is_name_word(token) or (token.endswith(".") and NAME_WORD.match(token)):
            # "He et al.": a word that opens sentences is a family name when "et al." follows it
            names += (token.strip(".") not in STOPWORDS or tokens[i + 1 : i + 2] == ["et"]) and token not in MONTH_SET
        elif (
            lower in CONNECTORS
            or lower in PARTICLES
            or token == "et"
            or (token in ET_AL_TAIL and i and tokens[i - 1] == "et")
        ):
            continue
        elif token == "others" and i == len(tokens) - 1 and i > 0 and tokens[i - 1] == "and":
            continue  # "Polack and others": et al.
        elif ABBREVIATION_GIVEN.match(token):
            continue  # an abbreviation given on first use: "World Health Organization [WHO]"
        elif i == 0 and token.isalpha() and tokens[1:2] == ["et"] and tokens[2:3] and tokens[2] in ET_AL_TAIL:
            names += 1  # an author who writes their name in lower case: "boyd et al."
        else:
            return False
    first = tokens[0]
    last = next((t for t in reversed(tokens) if not t.startswith("[")), "")
    if first.lower() in CONNECTORS or first in ("et", "al."):
        return False
    if first.lower() in PARTICLES and len(tokens) == 1:
        return False
    return names > 0 and (last in ET_AL_TAIL or last == "others" or _is_name_word(last) or bool(NAME_WORD.match(last)))


def name_run_start(norm: str, pos: int, floor: int = 0, running: bool = False) -> int | None:
    """Start of the names that end right before ``pos`` (``Farrell and Pfeffer`` before ``(2014)``).

    Walks back over capitalised words, initials, connectors and ``et al.``, then drops
    sentence openers (``Moreover,``) and connectors from the left. In ``running`` text (not a note
    or a list entry, where ``Zine El-Din, Osama`` is a family name and given names) a named body
    before a comma is no author (:func:`_after_named_body`).
    """
    window_start = max(floor, pos - 300)
    tokens = [(m.start() + window_start, m.group()) for m in re.finditer(r"\S+", norm[window_start:pos])]
    taken: list[tuple[int, str]] = []  # right to left
    i = len(tokens) - 1
    while i >= 0:
        start, token = tokens[i]
        bare = token[:-1] if token.endswith(",") else token
        if not taken and token[-1:] in ",;" and token[:-1] in ET_AL_TAIL and i > 0 and tokens[i - 1][1] == "et":
            bare = token[:-1]  # "Ahadi et al, (2008)", "king et al; (1998)": "et al." says names end here
        elif not taken and bare != token:
            break  # "Smith, (2010)" is not a narrative citation
        before = "et" if bare in ET_AL_TAIL else {"others": "and"}.get(bare)  # "et al.", "and others" at the end
        if before and i > 0 and tokens[i - 1][1] == before and (bare in ET_AL_TAIL or not taken):
            taken += [(start, bare), (tokens[i - 1][0], before)]
            i -= 2
            continue
        lower = bare.lower()
        if (
            _is_name_word(bare)
            or ABBREVIATION_GIVEN.match(bare)
            or (taken and (lower in CONNECTORS or lower in PARTICLES) and bare == lower)
        ):
            taken.append((start, bare))
        elif taken and taken[-1][1] == "et" and bare.isalpha() and bare.islower() and len(taken) == 2:
            taken.append((start, bare))  # "boyd et al."
        else:
            break
        i -= 1
    run = list(reversed(taken))
    run = _after_named_body(norm, run) if running else run
    while run and (
        run[0][1].lower() in CONNECTORS
        or (run[0][1].strip(".") in STOPWORDS and [w for _, w in run[1:2]] != ["et"])
        or run[0][1] in MONTH_SET
        or (run[0][1] in PARTICLES and (len(run) == 1 or not _is_name_word(run[1][1])))
    ):
        run.pop(0)
    if not run or len(run) > 16:
        return None
    text = norm[run[0][0] : pos].strip()
    return run[0][0] if looks_like_authors(text) else None


#: Between two authors: a comma, ``and``, ``&``, or the ``und`` of a German text ("Goldstein und Keohane").
def _after_named_body(norm: str, run: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The run after the last part, before a comma, of two or more capitalised words: ``the Midnight Basketball
    League, Hartmann (2016)`` cites Hartmann. Authors before a comma are written one family name each
    (``Fedina, Williamson, and Perdue``, ``Shively, M., Kliorys, K.``); only the last may give a whole name
    (``Lung, Tobias, and Gertrud Schaab``)."""
    cut, words = 0, 0
    for k, (start, bare) in enumerate(run):
        words += _is_name_word(bare) and not ABBREVIATION.match(bare) and bare.lower() not in PARTICLES
        if norm[start + len(bare) : start + len(bare) + 1] == ",":
            if words >= 2:
                cut = k + 1
            words = 0
    return run[cut:]


_PART_SPLIT = re.compile(r"\s*(?:,\s*(?:(?:and|und)\s+|&\s*)?|\s+(?:and|und)\s+|\s*&\s*)")


#: Capitalised words that open a family name of two words (``Abu Sabt``, ``Mc Milan``, ``Ibn Khaldun``, ``St. John``):
#: such a name is one family name, as ``van der Berg`` is.
_NAME_PREFIXES = frozenset("abu ibn bin bint mc mac al el st st. o'".split())
_ARABIC_ARTICLE = re.compile(r"^(?:Al|El|Ad|Ar|As|At|Abd|Abu)-[A-Z]")


def author_shaped(names: str, families: frozenset[str]) -> bool:
    """True when ``names`` (before a year) reads as authors rather than the title of a work.

    ``Snow White (1937)``, ``Copyright Act (1790)``: a film, a law, a book named with its year are no
    citations. Authors are written as one family name each (``Smith``, ``Hartigan and Kleiner``,
    ``Okonkwo et al.``, ``van der Berg``, ``Abu Sabt``, ``J. Smith``, ``WHO``); a part of two or more capitalised
    words (``Lawrence Lessig``, ``World Health Organization``) counts when the report's own list gives
    that name or its last word as an author (``families``, folded).
    """
    bare = re.sub(r"\s+et\s+al\.?", "", names).strip(" ,")
    for part in _PART_SPLIT.split(bare):
        words = [
            w
            for w in part.split()
            if not ABBREVIATION.match(w)
            and w.lower() not in PARTICLES | _NAME_PREFIXES
            and not ABBREVIATION_GIVEN.match(w)
        ]
        if len(words) <= 1 or (len(words) == 2 and _ARABIC_ARTICLE.match(words[1])):
            continue  # "Zine El-Din": a family name joined by an article
        folded = " ".join(re.sub(r"[^\w\s]", " ", part.casefold()).split())
        if folded in families or words[-1].casefold().strip(".,") in families:
            continue
        return False
    return True
