"""Court cases a text names by their parties: ``Backpage.com, L.L.C. v. McKenna``.

Split from :mod:`kg.evidence.names` (names typed by their head word): a case has no head word, its
cue is the ``v.`` between two capitalised parties.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.evidence.names import Candidate

_CASE = re.compile(
    r"(?<![\w.])([A-Z][\w.&’'-]*(?:,?\s+[A-Z][\w.&’'-]*){0,4}),?\s+v\.\s+"
    r"([A-Z][\w.&’'-]*(?:\s+(?:of\s+)?[A-Z][\w.&’'-]*){0,3})"
)
_NOT_PARTIES = frozenset("in see the as under after since while when cf also and but".split())


def court_cases(text: str, base: int) -> Iterator[Candidate]:
    """``Party v. Party``: a court case named by its parties (a leading "In", "See" is no party)."""
    for match in _CASE.finditer(text):
        name, start = match.group(), match.start()
        while name.split()[0].lower() in _NOT_PARTIES and " v. " in name[len(name.split()[0]) :]:
            cut = len(name.split()[0]) + 1
            name, start = name[cut:].lstrip(), start + cut + (len(name[cut:]) - len(name[cut:].lstrip()))
        yield Candidate(base + start, base + start + len(name), name, "LegalCase", "case-name")
