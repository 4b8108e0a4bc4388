"""Firms a methods section names as the source of what it used: ``(Euromedex, Souffelweyersheim, France)``,
``purchased from Sigma``, ``kindly provided by the CAHEB``.

Suppliers, instrument makers and culture collections carry no head word (``Sigma``, ``Ambion``, ``BMG
Labtech``), but the way a paper cites them is fixed by convention, and that convention is the cue:

* an **address in a parenthesis**: the name, then a city, then a country or a US state
  (:mod:`kg.evidence.names_places`), comma-separated; a product may come first (``(DMEM, Dutscher,
  Issy-les-Moulineaux, France)``) and the city may share its part with the country (``(Sigma,
  Saint-Quentin Fallavier France)``);
* a **supply verb**: ``purchased from``, ``obtained from``, ``supplied by``, ``provided by`` and the like
  followed by one capitalised word (a firm's or a collection's name, ``Sigma``, ``ATCC``): a longer run
  after such a verb is as often a person (``provided by John Smith``), and names with a head word are
  :mod:`kg.evidence.names`' own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.evidence.names import Candidate
from kg.evidence.names_places import COUNTRIES, US_STATES, is_address_end

_PAREN = re.compile(r"\(([^()\[\]]{3,160})\)")
#: A firm's name: up to four words, the first capitalised (``BMG Labtech``, ``Sigma-Aldrich``, ``GE Healthcare``).
_NAME = re.compile(r"[A-Z][\w&.’'-]*(?:[ \t\n]+[A-Za-z0-9&][\w&.’'-]*){0,3}")
_SUPPLY = re.compile(
    r"\b(?:purchased|obtained|bought|supplied|provided|donated|acquired|sourced|gifted|received)\s+"
    r"(?:\w+\s+)?(?:from|by)\s+(?:the\s+)?(?P<name>[A-Z][A-Za-z&-]*[A-Za-z])"
    r"(?=\s*(?:[,;:()]|\.(?!\w)|$)|\s+(?:and|or|in|at|for|under|with|as|to|before|after)\b)"
)
#: Words after a supply verb that are no firm: titles of persons, pronouns, document parts.
_NOT_FIRMS = frozenset(
    "dr dr. prof prof. mr mrs ms the this these those we our its their table figure fig section appendix "
    "mayor governor president secretary director minister chancellor judge chief commissioner".split()
)


def suppliers(text: str, base: int) -> Iterator[Candidate]:
    """The firms one sentence's ``text`` (starting at offset ``base``) names as suppliers."""
    for match in _PAREN.finditer(text):
        found = _addressed(match.group(1))
        if found is not None:
            start, end = match.start(1) + found[0], match.start(1) + found[1]
            yield Candidate(base + start, base + end, text[start:end], "Company", "supplier")
    for match in _SUPPLY.finditer(text):
        name = match.group("name")
        if name.lower() in _NOT_FIRMS or name in COUNTRIES or name in US_STATES or len(name) < 3:
            continue
        if re.fullmatch(r"[A-Z]{2,}-[A-Z][a-z]+", name):  # "RNA-Seq", "ChIP-Seq": a method
            continue
        yield Candidate(base + match.start("name"), base + match.end("name"), name, "Company", "supplier")


def _addressed(inner: str) -> tuple[int, int] | None:
    """Offsets in ``inner`` of the name an address closes, or None when ``inner`` is no ``name, city, country``."""
    parts, position = [], 0
    for piece in inner.split(","):
        parts.append((position, piece))
        position += len(piece) + 1
    if len(parts) < 2:
        return None
    last = parts[-1][1].strip()
    index = len(parts) - 1
    if is_address_end(last):
        index -= 1
        if index >= 1 and is_address_end(parts[index][1]) and parts[index][1].strip() not in COUNTRIES:
            index -= 1  # "St. Louis, MO, USA": the state before the country
        index -= 1  # the city
    elif len(last.split()) >= 2 and is_address_end(last.split()[-1]) and last.split()[-1] in COUNTRIES:
        index -= 1  # "Saint-Quentin Fallavier France": the city and the country in one part
    else:
        return None
    if index < 0:
        return None
    offset, piece = parts[index]
    stripped = piece.strip()
    name = _NAME.fullmatch(stripped)
    if name is None or is_address_end(stripped) or stripped.lower() in _NOT_FIRMS or re.search(r"\d{4}", stripped):
        return None
    start = offset + piece.index(stripped)
    return start, start + len(stripped)
