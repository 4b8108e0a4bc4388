"""Later mentions, without a year, of authors a citation already named together (``Farrell and Pfeffer also ...``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.citations.pieces import DATE, Found, View
from kg.sources.spans import SpanIndex


def back_references(view: View, found: list[Found]) -> list[Found]:
    """Later mentions, without a year, of authors already cited together (``Farrell and Pfeffer also ...``).

    Only multi-author names qualify: a lone surname is too often a person the text
    talks about rather than a work it cites.
    """
    taken: SpanIndex[None] = SpanIndex()
    for f in found:
        taken.add(f.start, f.end, None)
    seen: dict[str, str] = {}  # pattern -> the first name, whose occurrences are the only places it can match
    for f in found:
        names = re.split(r"\s*(?:,\s*)?(?:\band\b|&)\s*|,\s*", f.authors.replace("et al.", "").strip(" ,"))
        names = [n for n in names if n]
        if (
            (f.year or f.form == "parenthetical")
            and (len(names) >= 2 or "et al." in f.authors)
            and " v. " not in f.authors
        ):
            seen.setdefault(names_pattern(names, "et al." in f.authors), names[0])
    result = []
    starts = word_starts(view.norm, {w.group() for first in seen.values() if (w := _WORD.match(first))})
    for pattern, first in seen.items():
        regex = re.compile(pattern)
        word = _WORD.match(first)
        matches = matches_at(regex, view.norm, starts.get(word.group(), [])) if word else regex.finditer(view.norm)
        for m in matches:
            if any(a < m.end() and m.start() < b for a, b, _ in taken.near(m.start(), m.end())):
                continue
            after = view.norm[m.end() : m.end() + 40]
            if re.match(rf"\s*(?:\(|,\s*(?:{DATE}))", after):
                continue
            result.append(Found(m.start(), m.end(), " ".join(m.group().split()), "", "narrative"))
            taken.add(m.start(), m.end(), None)
    return result


_WORD = re.compile(r"\w+")


def word_starts(text: str, words: set[str]) -> dict[str, list[int]]:
    """Where each of ``words`` stands in ``text`` as a whole run of word characters, in order."""
    starts: dict[str, list[int]] = {}
    if words:
        for m in _WORD.finditer(text):
            if m.group() in words:
                starts.setdefault(m.group(), []).append(m.start())
    return starts


def matches_at(regex: re.Pattern[str], text: str, candidates: list[int]) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` when it can only match at ``candidates`` (ascending offsets).

    A names pattern starts with the first name, with no word character allowed before it, and
    the first word of that name is followed (in the name, or in the pattern after it) by a
    non-word character, so it matches only where that word stands as a whole run of word
    characters. finditer would try every offset from the end of the last match on, and fail
    everywhere but there; this tries only those offsets, in order.
    """
    resume = 0
    for pos in candidates:
        if pos < resume:
            continue
        m = regex.match(text, pos)
        if m:
            yield m
            resume = m.end()


def names_pattern(names: list[str], et_al: bool) -> str:
    """A pattern for the same names with either ``and`` or ``&`` between them."""
    escaped = [re.escape(n) for n in names]
    if et_al:
        return rf"\b{escaped[0]}\s+et\s+al\.(?!\w)"
    body = r",?\s+(?:and|&)\s+".join([r",\s+".join(escaped[:-1]), escaped[-1]])
    return rf"(?<![\w-]){body}(?![\w-])"
