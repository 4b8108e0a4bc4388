"""Citations that lean on the report's own list or on the citation before them.

* ``Elinor Ostrom (1990: 8-18)``, ``Nicolas van de Walle (2012: 121)``: a writer may give an author's
  given names in running text. When the names are not what the report's list would be cited as,
  but their last words are (``Ostrom``, ``van de Walle``), the citation is of that author: its names
  are those last words (the given names stay inside the citation's span).
  So are words a name run took in before them (``in Uganda, Human Rights Watch (2012: 27)``).
* ``... Keith Child (2009: 241) called the campaign ... “... efforts” (2009: 257).``: a year and a page
  alone in parentheses cite again the work the text cited last with that year, close before it. The
  page is what makes it a citation: a bare ``(2009)`` is as often a date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.citations.pieces import AFTER_YEAR, YEAR, Found, View, fold_names, located

#: How far back (folded characters) the citation a year-and-page parenthesis repeats may stand.
REPEAT_REACH = 1500
_YEAR_AND_PAGE = re.compile(rf"\((?P<year>{YEAR}){AFTER_YEAR}\)")


def family_as_listed(found: list[Found], known: frozenset[str]) -> list[Found]:
    """``found`` with a single author's given names dropped where the list knows the rest (see the module
    docstring); other citations as they are."""
    result = []
    for f in found:
        words = f.authors.split()
        if (
            f.back
            or not known
            or len(words) < 2
            or fold_names(f.authors) in known
            or re.search(r"\band\b|&|\bet al\b", f.authors)
        ):
            result.append(f)
            continue
        suffix = next(
            (" ".join(words[i:]) for i in range(1, len(words)) if fold_names(" ".join(words[i:])) in known), ""
        )
        result.append(replace(f, authors=suffix) if suffix else f)
    return result


def year_and_page(view: View, found: list[Found]) -> list[Found]:
    """The year-and-page parentheses that cite again the work cited last with that year (module docstring)."""
    dated = sorted((f for f in found if f.year and f.authors and not f.back), key=lambda f: f.end)
    result = []
    for m in _YEAR_AND_PAGE.finditer(view.norm):
        if not located(m) or any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        before = [f for f in dated if f.end <= m.start() and m.start() - f.end <= REPEAT_REACH]
        last = next((f for f in reversed(before) if f.year == m.group("year")), None)
        if last is not None and last is before[-1]:  # no other work cited between them
            group = (m.start(), m.end())
            result.append(
                Found(m.start(), m.end(), last.authors, last.year, "parenthetical", locator=located(m), group=group)
            )
    return result
