"""The pieces citations are made of: dates, locators, prefixes, name words; the text's folded view."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from kg.records import PageLayout
from kg.sources import dates
from kg.sources.text import normalise_whitespace, paragraphs

#: A year as a citation gives it: ``2019``, ``2019a`` (not the start of ``2019/20`` or a longer number).
YEAR = rf"{dates.YEAR}[a-z]?(?![\d/])"
#: A year, or a date as notes give it ("June 26, 2012", "September 2010", APA's "2020, March 3"), or "n.d.".
DATE = (
    rf"(?:{dates.MONTH}\s+(?:\d{{1,2}},?\s+)?)?{YEAR}(?:,\s+{dates.MONTH}(?:\s+\d{{1,2}})?(?![\d,]))?"
    rf"|{dates.UNDATED}"
)
DATES = rf"(?:{DATE})(?:\s*,\s*(?:{DATE}))*"
LOCATOR = (
    # "S." and "Kap." are German APA's page and chapter ("(Gillmor 2014, S. 100)")
    r"(?:pp?|paras?|chaps?|ch|secs?|figs?|nn?|vol|col|S|Kap)\.\s*[\w.]+(?:\s*[–-]\s*[\w.]+)?|§+\s*[\w.]+"
    r"|(?:[Cc]hapter|[Ss]ection|[Tt]able|[Ff]igure|[Pp]age|[Pp]aragraph|[Tt]heorem|[Ll]emma|[Pp]roposition"
    r"|[Cc]orollary|[Ee]quation|[Aa]ppendix|[Ee]xample)s?\s+[\dA-Z]+(?:\.\d+)*\w*(?:\s*[–-]\s*\d+)?"
    # a bare page after the year, as Chicago has it: (Klinenberg 2018, 32); "f."/"ff.": and the pages after (205f)
    r"|\d{1,4}(?:\s*[–-]\s*\d{1,4}|\s?ff?\.?)?(?![\w/])"
)

#: What follows the year in a citation: a comma and a locator (``2018, 32``, ``2018, p. 32``), or, as Harvard
#: writes it, a colon and one or more pages (``2013: 1-7``, ``2012: 35, 44``); a first edition's year in
#: brackets may come between (``2010 [2009]: 42``).
AFTER_YEAR = (
    rf"(?:\s*\[{YEAR}\])?(?:\s*,\s*(?P<loc>{LOCATOR})|\s*:\s*(?P<pages>(?:{LOCATOR})(?:\s*,\s*(?:{LOCATOR}))*))?"
)
DATE_RE = re.compile(DATE)
YEAR_RE = re.compile(YEAR)
MONTH_SET = dates.MONTH_WORDS

#: Lower-case words allowed inside an author or organisation name.
CONNECTORS = frozenset({"and", "&", "of", "for", "on", "the", "in", "to", "at", "y", "und"})
PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "du", "la", "le", "da", "dos", "das", "del", "della", "di", "ter", "ten", "zu"}
    | {"wa", "bin", "ibn"}  # Mueni wa Muiu
)
#: Capitalised words that start sentences, never names: trimmed from the left of a name run.
STOPWORDS = frozenset(
    """A An The In On At As For By With From To Into Of And But Or Nor If When While Whereas Although Though Since
    Because After Before During Until Unless According Moreover However Furthermore Additionally Also Thus Therefore
    Similarly Likewise Indeed Finally First Second Third Fourth Next Then Here There This That These Those It Its We
    Our They Their He She His Her Such Some Many Most Several Both Each Other Another Recently Later Earlier Notably
    Specifically Consequently Instead Meanwhile Nevertheless Nonetheless Still Yet Hence Overall Lastly Importantly
    Interestingly Fortunately Unfortunately See Cf Compare Using Based Despite Unlike Like Among Between Following
    Today Yesterday Currently Previously Further Again Only Even Just What Which Who Whom Whose Where Why How Not
    No Yes Table Figure Appendix Section Chapter Volume Issue Part""".split()
)

PREFIX = re.compile(
    # German: "vgl. dazu:", "siehe auch:", "z. B." ("cf. on this:", "see also:", "e.g.")
    r"^(?:(?:see also|see|cf\.|vgl\.|compare|e\.g\.,?|i\.e\.,?|for example,?|as cited in|also|but see|siehe|auch|dazu"
    r"|z\.\s?B\.,?)(?:\s*:)?\s+)+",
    re.IGNORECASE,
)
NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][^\s\d()\[\]:;\"“”]*$")
ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+(?:[a-z]{0,2}|’s|'s)$|^[A-Z][a-z]?\.$|^[A-Z][\w-]*\.[a-z]{2,4}$")
#: An abbreviation given on first use, after an organisation's name: "World Health Organization [WHO]".
ABBREVIATION_GIVEN = re.compile(r"^\[[A-Z][\w.&]*\]$")
#: Where a note says a web source was consulted: the end of a work's citation in a note.
RETRIEVAL = re.compile(r"\b(?:Retrieved|retrieved)\b[^;]*?\bfrom\b|\bAvailable (?:at|from)\b")


def located(m: re.Match[str]) -> str:
    """The locator a match of :data:`AFTER_YEAR` gives, or ``""``."""
    return m.group("loc") or m.group("pages") or ""


#: ``Polack and others``: a citation's words for "et al.".
_AND_OTHERS = re.compile(r",?\s+and\s+others$")
#: How a hurried text writes "et al." last among the names: ``et al``, ``et al;``, ``et al,``, ``et all.``.
_LOOSE_ET_AL = re.compile(r"\bet\s+all?\b\.?[,;]?$")
#: The last word of "et al." as texts write it, with or without its period, or misspelled ``all.``.
ET_AL_TAIL = frozenset({"al.", "al", "all.", "all"})


def authors_as_cited(names: str) -> str:
    """A citation's names, whitespace folded, ``and others`` and a loose ``et al`` written as ``et al.`` (which
    they mean)."""
    folded = _AND_OTHERS.sub(" et al.", " ".join(names.split()))
    return _LOOSE_ET_AL.sub("et al.", folded)


def fold_names(names: str) -> str:
    """Names as a citation and a reference list both write them: case, ``&`` and punctuation aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", names.casefold().replace("&", " and ")).split())


@dataclass(frozen=True)
class Found:
    """A citation found in a folded view: offsets into that view."""

    start: int
    end: int
    authors: str
    year: str
    form: str
    locator: str = ""
    prefix: str = ""
    group: tuple[int, int] | None = None
    region_start: int | None = None  # in a note: where this work's citation text begins
    back: str = ""  # "ibid" or "op. cit.": the work cited before


@dataclass(frozen=True)
class View:
    """A whitespace-folded copy of a stretch of text, with the way back to raw offsets."""

    raw: str
    norm: str
    offsets: array[int]
    base: int = 0  # offset of ``raw`` in the report text
    heading_ends: tuple[int, ...] = (0,)  # folded offsets where headings end

    @classmethod
    def of(
        cls,
        raw: str,
        base: int = 0,
        find_headings: bool = False,
        layout: PageLayout | None = None,
        skip: list[tuple[int, int, bool]] | None = None,
    ) -> View:
        """The folded view of ``raw`` (which stands at ``base`` in the report), read through ``layout``'s furniture
        and through ``skip`` (report offsets, as :meth:`kg.records.PageLayout.skipped` gives them)."""
        skipped = None
        if layout is not None or skip:
            found = layout.skipped(base, base + len(raw)) if layout is not None else []
            skipped = [(a - base, b - base, dropped) for a, b, dropped in _union(found, skip or [])]
        norm, offsets = normalise_whitespace(raw, skipped)
        ends = {0}
        if find_headings:
            readable = _blank(raw, skipped) if skipped else raw
            laid_out = layout is not None
            heads = (p for p in paragraphs(readable, laid_out=laid_out) if _is_heading(readable[p.start : p.end]))
            ends |= {bisect_left(offsets, p.end) for p in heads}
        return cls(raw, norm, offsets, base, tuple(sorted(ends)))

    def floor(self, pos: int) -> int:
        """Where the last heading before ``pos`` ends: names never run back into a heading."""
        return self.heading_ends[bisect_right(self.heading_ends, pos) - 1]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Report offsets of ``norm[start:end]``."""
        return self.base + self.offsets[start], self.base + self.offsets[end - 1] + 1


def _union(first: list[tuple[int, int, bool]], second: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Two lists of stretches to read through as one, in order, without overlaps (the first one's win)."""
    merged: list[tuple[int, int, bool]] = []
    for a, b, dropped in sorted(first + second):
        if merged and a < merged[-1][1]:
            if b > merged[-1][1]:
                merged.append((merged[-1][1], b, dropped))
            continue
        merged.append((a, b, dropped))
    return merged


def _blank(raw: str, skipped: list[tuple[int, int, bool]]) -> str:
    """``raw`` with its furniture turned to spaces (line breaks kept): never a heading, never a paragraph's end."""
    parts, pos = [], 0
    for a, b, dropped in skipped:
        if not dropped and a >= pos:
            parts += [raw[pos:a], re.sub(r"[^\n\f]", " ", raw[a:b])]
            pos = b
    return "".join([*parts, raw[pos:]])


def _is_heading(paragraph: str) -> bool:
    """A short single line that starts like a title and ends without punctuation ("Introduction")."""
    line = paragraph.strip()
    return (
        bool(line)
        and "\n" not in line
        and len(line.split()) <= 12
        and line[0].isupper()
        and not re.search(r"[.!?:;,\"”’)\]]$", line)
    )
