"""Where a report's text writes each candidate recurring name, read in one pass over the text for all of them.

:func:`kg.evidence.proper_names.recurring_names` asks four questions of every candidate name, each once a
regular-expression search of the whole text: is it written after a title (``Judge Lopez``), in lower case
(an ordinary word), after a capitalised word (``Jack Valenti``, ``Department of Labor``), and which words
open a sentence before it. A long report has more candidates, so the cost grew faster than the text. Here
each question is answered for every candidate at once, by reading the places its pattern can match: the
text after each title, each word start, each capitalised word; the answers are those of the searches.
"""

from __future__ import annotations

import re
from collections import defaultdict

#: A run of the characters a name is made of (``[\w’'-]``: letters, digits, ``_``, apostrophes, hyphens).
_RUN = re.compile(r"[\w’'-]+")
_WORD = re.compile(r"\w")
#: What may join a capitalised word to the name after it: ``,? `` then ``of``/``for``/``and``/``&`` and ``the``.
_GAP = re.compile(r",?[ \t]+")
_JOIN = re.compile(r"(?:of|for|and|&)\s+")
_THE = re.compile(r"the\s+")


def _is_word(ch: str) -> bool:
    return bool(_WORD.match(ch))


class NameContexts:
    """Answers for the ``names`` of one text (see the module docstring)."""

    def __init__(self, text: str, names: set[str], titles: str) -> None:
        self.text = text
        self.names = names
        self.lowers: dict[str, list[str]] = defaultdict(list)
        for name in names:
            self.lowers[name.lower()].append(name)
        self.after_title: set[str] = set()
        self.in_lower_case: set[str] = set()
        self.after_capital: set[str] = set()
        self._openings: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for m in re.finditer(rf"\b{titles}\s+", text):
            self.after_title.update(self._prefixes(m.end(), self.names))
        self._lower_case()
        self._capitals()

    def _prefixes(self, start: int, wanted: set[str]) -> list[str]:
        """The wanted names written from ``start`` and ending at a word boundary (``NAME\\b``)."""
        text, found = self.text, list[str]()
        run = _RUN.match(text, start)
        if run is None:
            return found
        for end in range(start + 1, run.end() + 1):
            if _is_word(text[end - 1]) != (end < len(text) and _is_word(text[end])):  # \b
                if text[start:end] in wanted:
                    found.append(text[start:end])
        return found

    def _lower_case(self) -> None:
        """Names written in lower case: ``(?<![\\w./@-])name(?![\\w/@-]|\\.\\w)``."""
        text = self.text
        for run in _RUN.finditer(text):
            starts = [run.start()] if run.start() == 0 or text[run.start() - 1] not in "./@" else []
            starts += [i + 1 for i in range(run.start(), run.end() - 1) if text[i] in "’'"]
            for start in starts:
                if not _is_word(text[start]):
                    continue
                for end in range(start + 1, run.end() + 1):
                    after = text[end] if end < len(text) else ""
                    if end < run.end() and after not in "’'":
                        continue
                    if after in ("/", "@") or (after == "." and end + 1 < len(text) and _is_word(text[end + 1])):
                        continue
                    word = text[start:end]
                    self.in_lower_case.update(self.lowers.get(word, ()))

    def _after_gap(self, end: int) -> list[int]:
        """Where a name may start after a capitalised word ending at ``end`` (``,?[ \\t]+`` and a join word)."""
        gap = _GAP.match(self.text, end)
        if gap is None:
            return []
        starts = [gap.end()]
        join = _JOIN.match(self.text, gap.end())
        if join is not None:
            starts.append(join.end())
            the = _THE.match(self.text, join.end())
            if the is not None:
                starts.append(the.end())
        return starts

    def _capitals(self) -> None:
        """Capitalised words before a name: mid-sentence ones and those that open a sentence or a line."""
        text = self.text
        for m in re.finditer(r"(?<=[a-z,;:] )[A-Z][\w’'.-]*", text):
            for start in self._after_gap(m.end()):
                self.after_capital.update(self._prefixes(start, self.names))
        for m in re.finditer(r"(?m)(?:^|(?<=[.!?] ))[A-Z][\w’'-]*", text):
            for start in self._after_gap(m.end()):
                for name in self._prefixes(start, self.names):
                    self._openings[name].append((m.start(), start + len(name), m.group()))

    def openings(self, name: str) -> set[str]:
        """The words (lower case) before ``name`` that open a sentence or a line, as ``re.findall`` finds them
        (matches do not overlap)."""
        words, reached = set(), 0
        for start, end, word in self._openings.get(name, []):
            if start >= reached:
                words.add(word.lower())
                reached = end
        return words
