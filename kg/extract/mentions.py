"""Mentions of platforms and organisations: every place a report names a gazetteer entry.

Pure: text in, ``MentionRecord``s out. Each label of each entry (preferred, alternative and
hidden) becomes one regular expression:

* whitespace-tolerant: the words of a label may be separated by any run of whitespace, so a
  name broken across the 2020 text's line breaks ("Department \\n\\nof Justice") is one mention;
* apostrophe-tolerant: ``'`` and ``’`` are the same character ("Children’s Rights");
* bounded by non-word characters on both sides, so "ICE" is never found inside "police" or
  "Office"; a possessive stays outside the span ("Craigslist’s" -> "Craigslist",
  "D.O.J.’s" -> "D.O.J.");
* case: abbreviations (labels without lower-case letters: FBI, F.B.I., ICE) and multi-word
  names keep their capitals, since their lower-case forms are ordinary phrases ("children's
  rights", "adult search"); a leading "The" may be "the". Coined one-word names (Backpage,
  Snapchat, MySpace, Backpage.com) match in any case ("snapchat"), except those that are also
  common English words (Tagged, Boost, Sprint, Cricket, Wired, Tinder, Alexa, Meta, Telegram, ...), which keep
  their capital.

Overlapping matches are resolved longest first, so "Backpage.com" is one mention and
"U.S. Department of Justice" is the Department of Justice, not a shorter name inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.records import GazetteerEntry, MentionRecord, Span
from kg.sources.spans import SpanIndex

#: One-word names that are also common English words (lower-cased): matched with their capital only.
COMMON_WORDS = frozenset(
    {
        "alexa",
        "boost",
        "congress",
        "cricket",
        "mastodon",
        "meta",
        "southwest",
        "sprint",
        "tagged",
        "telegram",
        "tinder",
        "wired",
    }
)

_APOSTROPHES = "'’"


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    slug: str
    label: str
    probe: str  # the label folded: a pattern whose probe is not in the folded text cannot match


def _fold(text: str) -> str:
    """Lower case, one apostrophe, single spaces: a cheap filter before the regular expressions."""
    return " ".join(text.casefold().replace("’", "'").split())


def label_pattern(label: str) -> re.Pattern[str]:
    """The regular expression that finds one label in a text (see the module docstring)."""
    words = label.split()
    if not words:
        raise ValueError("empty label")
    leading_the = words[0] == "The" and len(words) > 1
    parts = []
    for i, word in enumerate(words):
        piece = "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word)
        if i == 0 and leading_the:
            piece = "[Tt]he"
        parts.append(piece)
    # The left boundary is checked after the first word, (?<!\w.{n}), rather than before it: a
    # pattern that starts with a literal is searched for many times faster.
    first = rf"{parts[0]}(?<!\w.{{{len(words[0])}}})"
    body = r"\s+".join([first, *parts[1:]])
    flags = re.IGNORECASE if _case_insensitive(label) else 0
    return re.compile(rf"{body}(?!\w)", flags)


def _case_insensitive(label: str) -> bool:
    if not any(ch.islower() for ch in label):
        return False  # an abbreviation: FBI, F.B.I., NPR, CBSDFW
    if len(label.split()) > 1:
        return False  # a multi-word name: its capitals tell it from an ordinary phrase
    return label.casefold() not in COMMON_WORDS


def compile_patterns(entries: Iterable[GazetteerEntry]) -> tuple[_Pattern, ...]:
    """One pattern per distinct label of every entry (compiled once per gazetteer)."""
    return _compile(tuple(entries))


@lru_cache(maxsize=8)
def _compile(entries: tuple[GazetteerEntry, ...]) -> tuple[_Pattern, ...]:
    patterns = []
    for entry in entries:
        labels = dict.fromkeys([entry.pref_label, *entry.alt_labels, *entry.hidden_labels])
        for label in labels:
            if label.strip():
                patterns.append(_Pattern(label_pattern(label), entry.slug, label, _fold(label)))
    return tuple(patterns)


def extract_mentions(text: str, report_key: str, entries: list[GazetteerEntry]) -> list[MentionRecord]:
    """Every mention of every gazetteer entry in ``text``, in text order, without overlaps."""
    candidates: list[tuple[int, int, str]] = []
    folded = _fold(text)
    for pattern in compile_patterns(entries):
        if pattern.probe not in folded:
            continue
        for match in pattern.regex.finditer(text):
            candidates.append((match.start(), match.end(), pattern.slug))
    # Longest first; ties by position, then by slug so that the result never depends on file order.
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken: list[tuple[int, int, str]] = []
    index: SpanIndex[None] = SpanIndex()
    for start, end, slug in candidates:
        if any(start < t_end and t_start < end for t_start, t_end, _ in index.near(start, end)):
            continue
        taken.append((start, end, slug))
        index.add(start, end, None)
    taken.sort()
    return [
        MentionRecord(span=Span(report_key, start, end), text=text[start:end], entity=slug)
        for start, end, slug in taken
    ]
