"""Finding a manifest's quoted words in a report's stored text.

A manifest quotes a PDF as ``pdftotext`` or PDFium print it, whitespace collapsed; the tool stores
the text layer with its own line breaks, raised markers as superscript digits and page furniture in
place. :class:`TextIndex` maps the stored text to two normal forms, each with the offset in the stored
text of every character it keeps, so that a quote found in a normal form has exact code-point
offsets in the stored text, which is what every anchor of the graph records:

- *spaced*: ligatures spelt out, superscript digits as digits, line-end hyphens and PDFium's hyphen
  marks dropped, every run of whitespace one space, case folded;
- *loose*: letters and digits only, case folded (what survives any two readings of one page).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True))
_MARKS = {"\ufffe", "\x02", "\u00ad"}


def _fold(ch: str) -> str:
    """A character without its accents, in lower case (``é`` -> ``e``)."""
    if ch in _LIGATURES:
        return _LIGATURES[ch]
    if ch in _SUPERSCRIPTS:
        return _SUPERSCRIPTS[ch]
    base = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in base if not unicodedata.combining(c)).casefold()


def loose(text: str) -> str:
    """Letters and digits only, folded: the form in which two readings of a page agree."""
    return "".join(c for ch in text for c in _fold(ch) if c.isalnum())


def spaced(text: str) -> str:
    """Whitespace collapsed, line-end hyphens joined, folded."""
    return TextIndex(text).spaced


@dataclass
class TextIndex:
    """The stored text and its two normal forms, each with a map back to stored offsets."""

    text: str

    def __post_init__(self) -> None:
        self.spaced, self._spaced_at = self._spaced_form()
        loose_chars: list[str] = []
        self._loose_at: list[int] = []
        for offset, ch in enumerate(self.text):
            for c in _fold(ch):
                if c.isalnum():
                    loose_chars.append(c)
                    self._loose_at.append(offset)
        self.loose = "".join(loose_chars)

    def _spaced_form(self) -> tuple[str, list[int]]:
        out: list[str] = []
        at: list[int] = []
        text, i = self.text, 0
        while i < len(text):
            ch = text[i]
            if ch in _MARKS:
                i += 1
                continue
            if ch == "-" and i > 0 and text[i - 1].isalpha():  # a hyphen that ends a line joins the word
                j = i + 1
                while j < len(text) and text[j] in " \t":
                    j += 1
                if j < len(text) and text[j] in "\n\f":
                    while j < len(text) and text[j].isspace():
                        j += 1
                    if j < len(text) and text[j].islower():
                        i = j
                        continue
            if ch.isspace():
                if out and out[-1] != " ":
                    out.append(" ")
                    at.append(i)
                i += 1
                continue
            for c in _fold(ch):
                out.append(c)
                at.append(i)
            i += 1
        return "".join(out), at

    def _span(self, at: list[int], start: int, length: int) -> tuple[int, int]:
        return at[start], at[start + length - 1] + 1

    def find(self, quote: str, within: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """The stored offsets of ``quote`` (first occurrence, inside ``within`` when given), or None."""
        lo, hi = within if within else (0, len(self.text))
        wanted = spaced(quote).strip()
        if wanted:
            start = self._first(self.spaced, self._spaced_at, wanted, lo, hi)
            if start is not None:
                return self._span(self._spaced_at, start, len(wanted))
        wanted = loose(quote)
        if wanted:
            start = self._first(self.loose, self._loose_at, wanted, lo, hi)
            if start is not None:
                return self._span(self._loose_at, start, len(wanted))
        return None

    @staticmethod
    def _first(form: str, at: list[int], wanted: str, lo: int, hi: int) -> int | None:
        from bisect import bisect_left

        position = bisect_left(at, lo)
        while True:
            found = form.find(wanted, position)
            if found < 0 or at[found] >= hi:
                return None
            if at[found + len(wanted) - 1] < hi:
                return found
            position = found + 1

    def locate(self, context: str, quote: str) -> tuple[int, int] | None:
        """``quote`` inside ``context``: the context found first, then the quote within it (or alone)."""
        around = self.find(context)
        if around is not None:
            inside = self.find(quote, around)
            if inside is not None:
                return inside
        return None
