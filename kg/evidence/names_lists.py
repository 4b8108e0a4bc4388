"""Names a sentence lists beside names already known: ``(Wikipedia, Google, Yahoo, Amazon, eBay, etc.)``.

A list coordinates things of one kind. When a parenthesis lists three or more capitalised names (no
address: no number, no country) and at least one of them is already a mention of a body (a gazetteer
entry, or a name a rule found by a body's cue), the others are bodies too: ``ISP mit großen
Marktanteilen (Deutsche Telekom, Vodafone, Alice, O2, Kabel Deutschland)`` once one of them is known,
``Kinderschutzorganisationen (Innocence in Danger, ..., ECPAT und UNICEF)``.
No list of names is needed, only the coordination (commas, ``and``/``und``/``or``/``&``, a closing
``etc.``) and one known member.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.evidence.names import Candidate
from kg.evidence.names_places import COUNTRIES, US_STATES

#: One listed name: up to four capitalised words, "in"/"of"/"for" (and German "der", "des") between them.
_ITEM = (
    r"(?:[A-Z0-9ÄÖÜ]|[a-z](?=[A-Z]))[\w’'&.-]*[\w&]"  # "eBay" too
    r"(?:[ \t\n]+(?:(?:in|of|for|der|des|de)[ \t\n]+)?[A-Z0-9ÄÖÜ][\w’'&.-]*[\w&]){0,3}"
)
_SEPARATOR = r"(?:,[ \t\n]+(?:(?:and|und|or|oder|&)[ \t\n]+)?|[ \t\n]+(?:and|und|or|oder|&)[ \t\n]+)"
_LIST = re.compile(rf"\((?P<list>{_ITEM}(?:{_SEPARATOR}{_ITEM}){{2,}})(?:,?[ \t\n]+(?:etc|usw)\.?)?\)")
_ITEM_AT = re.compile(_ITEM)
#: Words that open a sentence or a clause, not a name ("In", "The", "However").
_NOT_ITEMS = frozenset("the a an in on at for and or but however this that these those it we they i".split())


def coordinated(text: str, base: int, known: Callable[[int, int], bool]) -> Iterator[Candidate]:
    """The names of one sentence's ``text`` (at offset ``base``) listed beside a known body's name.

    ``known(start, end)``: whether a mention of a body covers exactly these offsets of the report."""
    for match in _LIST.finditer(text):
        items = []
        position = match.start("list")
        while position < match.end("list"):
            item = _ITEM_AT.match(text, position)
            if item is None:
                break
            name = item.group().rstrip(".")
            items.append((position, position + len(name), name))
            rest = re.compile(_SEPARATOR).match(text, item.end())
            if rest is None:
                break
            position = rest.end()
        if len(items) < 3 or not any(known(base + s, base + e) for s, e, _ in items):
            continue
        if any(len(re.findall(r"\d", name)) > 1 or name in COUNTRIES or name in US_STATES for _, _, name in items):
            continue  # an address ("Faculty of Science, Leeds, LS2 9JT, UK"), not a list of bodies
        for start, end, name in items:
            if name.split()[0].lower() in _NOT_ITEMS:
                continue
            if not known(base + start, base + end):
                yield Candidate(base + start, base + end, name, "Organization", "coordinated")
