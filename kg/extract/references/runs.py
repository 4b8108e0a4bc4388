"""Two fields the labeller ran together, where the entry's shape says where one ends and the next starts.

Both repairs work on the labelled fields of one entry (``first``: the first field of each label) before
they become the entry's values, so every field stays an exact span of the entry:

* Vancouver's journal abbreviation run into the title (``... the state of the science. Health Aff 2005,
  24(1):138–150``): the title's last sentence is a few capitalised words right before the year, and the
  entry has a volume or pages but no container. That sentence is the journal.
* A Vancouver author read as the start of the title (``Katikireddi SV, Cloud GC: Planning ...``): the
  title opens with a family name and initials and the colon or comma after them, right after the authors.
"""

from __future__ import annotations

import re

from kg.extract.references.labeller import Field, trim

#: A journal's abbreviated or short name: capitalised words (``Health Aff``, ``Reprod Health Matters``,
#: ``Br Med J``, ``Lancet``) with the small words of a name between them.
_JOURNAL_NAME = re.compile(r"(?:[A-Z][\w'’&.-]*|of|and|the|in|for|&)(?:\s(?:[A-Z][\w'’&.-]*|of|and|the|in|for|&)){0,6}")
_LAST_SENTENCE = re.compile(r"[.?!]\s+(?=[A-Z])")
_YEAR_NEXT = re.compile(r"\s*\(?(?:1[5-9]|20)\d\d[a-z]?\b")
_VANCOUVER_AUTHOR = re.compile(
    r"(?:(?:van|von|de|der|den|da|di|du|la|le|ter)\s)*[A-ZÀ-Þ][\w'’-]+(?:[\s-][A-ZÀ-Þ][\w'’-]+)?\s[A-Z]{1,3}(?=[,:])"
)


def journal_in_title(first: dict[str, Field], whole: str) -> None:
    """Split a journal's name off the end of the title (see the module docstring)."""
    title = first.get("title")
    if title is None or "container" in first or not ({"volume", "pages"} & first.keys()):
        return
    if not _YEAR_NEXT.match(whole, title.end):
        return
    stops = list(_LAST_SENTENCE.finditer(whole, title.start, title.end))
    if not stops:
        return
    at = stops[-1].end()
    if not _JOURNAL_NAME.fullmatch(whole[at : title.end].strip()):
        return
    start, end = trim(whole, title.start, stops[-1].start() + 1)
    first["title"] = Field("title", start, end, whole[start:end])
    start, end = trim(whole, at, title.end)
    first["container"] = Field("container", start, end, whole[start:end])


def author_in_title(first: dict[str, Field], whole: str) -> None:
    """Move Vancouver authors the labeller put at the start of the title back to the authors."""
    author, title = first.get("author"), first.get("title")
    if author is None or title is None or whole[author.end : title.start].strip() not in (",", ""):
        return
    end = title.start
    while m := _VANCOUVER_AUTHOR.match(whole, end):
        end = m.end()
        if whole[end] == ":":
            break
        end = end + 1 + len(whole[end + 1 :]) - len(whole[end + 1 :].lstrip())
    if end == title.start or whole[end : end + 1] != ":":
        return
    first["author"] = Field("author", author.start, end, whole[author.start : end])
    start, stop = trim(whole, end + 1, title.end)
    if start < stop:
        first["title"] = Field("title", start, stop, whole[start:stop])
