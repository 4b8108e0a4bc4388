"""What is not a statistic: years, locators, markers, phone and law numbers, running heads, references; masked first."""

from __future__ import annotations

import re

from kg.extract.statistics.units import GLUED_SCALE, GLUED_UNIT
from kg.sources import dates

#: Abbreviations before a locator or a label's number: p. 2655, Nr. 61, Abb. 1, Eq. 3, Thm. 2.
LOCATOR = r"(?:pp?|paras?|vols?|nos?|nrs?|ch|chap|figs?|sec|sect|art|bd|abb|tab|eqs?|thm|prop|lem|cor|def)"
_LIST_MARKER = r"\(\d{1,2}\)(?=\s+[a-z])|(?:(?<=\n)|^)\(\d{1,2}\)(?=\s)"
_YEAR_MASK = rf"(?<![\d,.$]){dates.YEAR}s?(?!\d|,\d{{3}}|\.\d|\s*(?:%|percent))"
_MASKS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE if i > 0 else 0)
    for i, p in enumerate(
        [
            r"\b[A-Z][a-z]+\s+\d+\s+[A-Z][a-z]+",  # a name with a number inside: Level 3 Communications
            # a parenthesis with a year or "n.d.": a citation
            rf"\([^()]*(?<![\d,.$]){dates.YEAR}[a-z]?(?!\d|,\d{{3}}|\.\d|%)[^()]*\)",
            r"\([^()]*\bn\.\s?d\.[^()]*\)",
            _YEAR_MASK,  # a year used as a date, a decade
            rf"\b{dates.MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{dates.YEAR})?",  # March 1, 2012
            r"\b\d{1,2}/\d{1,2}/\d{2,4}(?:\s*[-–]\s*\d{1,2}/\d{1,2}/\d{2,4})?",  # 3/1/2012–5/31/2012
            r"\b(?![1-9]/(?:[2-9]|10)\s+of\b)\d+/\d+\b",  # 24/7, 9/11 and other slashed pairs (not 2/3 of a post)
            rf"\b\d{{1,2}}\s+(?-i:{dates.MONTH})(?:\s+{dates.YEAR})?",  # 12 March 2019
            r"\b[A-Z]{2,}(?:/[A-Z]{2,})*-\d+(?:-\d+)+[A-Z]*\b",  # report numbers: GAO-04-38, GAO/GGD-96-118
            r"\b\d+\s+(?:U\.\s?S\.\s?C|C\.?\s?F\.?\s?R|Stat|Fed\.\s?Reg|F\.\s?R|F\.(?:\s?Supp\.)?(?:\s?[234]d)?|U\.\s?S)\.?"
            r"\s*(?:§+|parts?|pt\.)?\s*\d+[\w.()–-]*",  # code, register, reporter citations: 49 U.S.C. § 40122
            r"§+\s*\d+[\w.()]*(?:\s*(?:[-–,]|and|to|through)\s*\d+[\w.()]*)*",  # sections: § 2871(g), §§ 601-612
            r"\b(?:Pub(?:lic|\.)?\s*L(?:aw|\.)?|Private\s+Law)\s*(?:No\.?\s*)?\d+[-–]\d+",  # Public Law 117-103
            r"\b(?:executive\s+order|E\.\s?O\.|H\.\s?R\.|H\.\s?Res\.|S\.\s?Res\.)\s*\d+",  # Executive Order 12866
            r"\b(?:https?://|www\.)\S+|\b10\.\d{4,9}/\S+",  # web addresses and DOIs
            # ISSNs and ISBNs, named, and ISBNs by their 978/979 prefix
            r"\bIS[SB]N(?:-1[03])?:?\s*[\dX][\dX –-]{6,16}[\dX]\b|\b97[89][- ]\d{1,5}[- ]\d+[- ]\d+[- ][\dX]\b",
            r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|(?-i:AM|PM)\b|o[’']clock)",  # clock times: 9 a.m., 10:30 PM
            r"\b(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s*(?-i:am|pm)\b",  # clock times in lower case: 8 am to 4 pm
            # a journal's volume (and issue) and pages after its name or its year: Spectrum, 49, 2, 53-77
            r"(?:(?<=[A-Za-z],\s)|(?<=\)\s))\d{1,4},\s+(?:\d{1,3},\s+)?\d{1,6}\s*[-–]\s*\d{1,6}\b",
            r"\b1[-.\s]\(?\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b",  # phone numbers with the country code: 1-800-843-5678
            r"\b(?:version|release|v\.?|R)\s*\d+(?:\.\d+)+(?:-\d+)?\b|\b\d+(?:\.\d+){2,}(?:-\d+)?\b",  # versions
            r"\b[A-Za-z]+-\d+\b",  # names with a number: COVID-19, H-1B, F-16
            r"\b\d+-(?-i:[A-Z][a-z]+)\b",  # a number before a capitalised word: the 7-Eleven shop, 3-Com
            # locators and labels abbreviated: p. 2655, Nr. 61, Abb. 1, Eq. 3, Thm. 2
            rf"\b{LOCATOR}\.\s*"
            r"[\dA-Z][\w.]*(?:\s*[-–]\s*[\dA-Z][\w.]*)?",
            r"(?-i:\bFigs?)\s+\d+[a-z]?\b",  # a figure's label without its stop: Fig 1
            # labels of numbered statements, as mathematics and the sciences number them: Proposition 1, Lemma 3
            r"\b(?:theorems?|lemmas?|lemmata|propositions?|definitions?|corollar(?:y|ies)|assumptions?|conjectures?|"
            r"remarks?|axioms?|claims?|hypothes[ie]s|algorithms?|equations?|properties|property|conditions?|"
            r"exercises?|examples?|problems?|Satz|Hypothese|Gleichung)\s+\(?\d+(?:\.\d+)*[a-z]?\)?"
            r"(?:\s*(?:,|and|&|to|–|-)\s*\(?\d+(?:\.\d+)*\)?)*",
            # a postal code after a state's or district's code: Washington, DC 20548; Baltimore, MD 21252
            r"(?-i:\b(?:[A-Z]{2}|D\.\s?C\.))\s+\d{5}(?:-\d{4})?\b",
            r"\b\d{1,4}\(\d{1,4}\)",  # a volume and its issue: 16(3)
            r"\(\d{1,3},\s?\d{1,2}\)",  # a cell or a point: (2,2), (1, 3)
            # an ordinal before a noun names a position (the 10th layer, 5th grade), it ranks nothing
            r"(?<!rank\s)(?<!ranks\s)(?<!ranked\s)(?<!placed\s)(?<!came\s)(?<!finished\s)"
            r"\b\d+(?:st|nd|rd|th)\s+(?!(?:in|of|on|at|among|for|with|and|or|to|by|out|overall|place|position|"
            r"most|least|\w+est|\w+ly)\b)(?-i:[a-z]+)\b",
            r"\[\d+(?:[-–,]\s*\d+)*\]",  # endnote markers [16]
            _LIST_MARKER,  # list markers (1) forming ... (2) ...
            # list markers 1) forty sellers, 2) ...; not a bound closing an aside: (greater than 4), (at least 3)
            r"(?:(?<=\s)|^)(?<![nN]\s=\s)(?<![nN]=\s)(?<!than\s)(?<!least\s)(?<!most\s)(?<!over\s)(?<!under\s)"
            r"(?<!about\s)\d{1,2}\)(?=\s)",
            r"\b(?:figures|tables|sections|chapters|pages|appendices|notes|equations)\s+\d+(?:\.\d+)*"
            r"(?:\s*(?:,|and|&|to|–|-)\s*\d+(?:\.\d+)*)*",  # labels of several: Figures 2 and 3
            r"\b(?:figure|table|section|chapter|note|equation|eq\.|step|appendix)\s+\d+(?:\.\d+)+",  # Section 3.2
            r"\(?\d{3}\)?[-\s.][\d*]{3}[-.][\d*]{4}",  # phone numbers 702-***-****
            r"\bP\.\s?L\.\s?\d+-\d+",  # public law numbers
            r"\b\d{3}\(?[kb]\)?(?=[\s-]+(?:plans?|accounts?|contributions?)\b)",  # tax-code sections: 401(k) plans
            r"\b(?:volume|issue|vol\.|no\.)\s+\d+",  # running headers: Volume 9, Issue 1
            r"\b\d+\s*:\s*\d+(?:[-–]\d+)?",  # volume: pages 18: 318–43, times 10:30
            r"(?m)^\s*\d{1,4}\s*$",  # a page number on a line of its own
            r"[#@][\w]+",  # hashtags, handles
            # words with digits: Rights4Girls, IO4-1 (not $5M, not a unit's symbol: 74MB)
            rf"(?<![$\w.,])(?!{GLUED_UNIT})(?!{GLUED_SCALE})(?=\w*[A-Za-z])(?=\w*\d)\w+(?:-\d+)?",
            # glued to letters that are no unit's symbol: 3D, 5G (a unit: 94.5GB is a measure, :mod:`.units`)
            rf"(?<![$\d.,])(?!{GLUED_UNIT})(?!{GLUED_SCALE})\d+(?:\.\d+)?(?!st\b|nd\b|rd\b|th\b)[A-Za-z]+\b",
            r"\b\d+(?:st|nd|rd|th)\s+(?:century|centuries|amendment|street|avenue|annual|anniversary|birthday|floor|"
            r"grade|edition|congress|circuit|district|precinct|session)\b",  # ordinals that name, not rank
            r"\b(?:exchange|area code|code|room|flight|route|channel|chapter|section|table|figure|page|"
            r"version|release|level|grade|episode|precinct|district|phase|wave|stage|round|clause|article)\s+\d+\b",
            # labels: exchange 559, Phase 2, release 82, clause 8
            r"\b(?:chapter|section|table|figure|chart|appendix|tabelle|abbildung)\s*\(\d+\)",  # Table (2)
            # a postal code before its town in an address: Towson University, 21252 Towson, USA; 20146 Hamburg / Germany
            r"(?<=[,.;]\s)(?:[A-Z]-)?\d{4,5}\s+(?-i:[A-Z][\w-]+)(?=\s*(?:[,;/(]|$))",
            r"[“\"‘]\s*\d[\d,.]*[,.]?\s*[”\"’]",  # a quoted number: the keyword “18,”
            r"\b\d+\s*=\s*(?-i:[a-z]{3,})\b",  # the codes of a scale: (1 = never, 2 = sometimes)
            r"\b\d+&\d+\b",  # a name of digits joined by an ampersand: 1&1
            r"^\s*\d{1,2}(?:\.\d{1,2})+\.?(?=\s+[A-Z])",  # a numbered paragraph or section: 2.1 Online ...
            r"(?:^|(?<=\n))[ \t]*\d{1,3}\.(?=[ \t]+(?-i:[A-Z]))",  # an item number opening a line: 11. Dar ...
        ]
    )
)
_YEAR_PATTERN = next(p for p in _MASKS if p.pattern == _YEAR_MASK)
_LIST_PATTERN = next(p for p in _MASKS if p.pattern == _LIST_MARKER)
_ORDINAL_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)")

#: The heading of a reference list: its entries' numbers are volumes, issues and pages.
REFERENCE_LIST = re.compile(r"^\s*(?:references|bibliography|works cited|literature cited)\s*$", re.IGNORECASE)
#: A footnote's first line (a raised number): a page's notes sit below its text, whatever heading that
#: text is under, so a note under "References" on the last page is still prose.
FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S")

#: A sentence that is a bibliographic reference (an endnote's citation), not prose.
REFERENCE = re.compile(
    r"\bRetrieved\b|\bAvailable at\b|\bProceedings of\b|\bPersonal communication\b|\bField notes\b|"
    r"^\s*(?:\[\d+\]\s*)?(?:See also,?\s*)?[A-Z][\w'’-]+,\s+[A-Z]\.(?:\s|,)"
)


_ISSN = re.compile(r"(?<![\d,.-])(\d{4})[-–](\d{3}[\dX])(?![\d-])")


def _issn(digits: str) -> bool:
    """An ISSN's check digit agrees (``0142-5455``): a count range such as ``1000-1500`` fails it."""
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def _issns(text: str) -> list[tuple[int, int]]:
    """Bare ISSNs (``0142-5455``), told from a range of years (``1990-1999``) and a count range by their check digit."""
    spans = []
    for m in _ISSN.finditer(text):
        first, second = int(m.group(1)), m.group(2)
        years = 1500 <= first <= 2100 and second.isdigit() and 1500 <= int(second) <= 2100
        if not years and _issn(m.group(1) + second):
            spans.append((m.start(), m.end()))
    return spans


#: Words before a year that make it a date: prepositions of time, determiners (the 2004 elections), seasons.
_DATED = frozenset(
    "in since by until till during from to through between and or before after around circa early late mid year "
    "years fiscal calendar spring summer autumn fall winter the a an its their his her our this that these those "
    "each every last next of for than zwischen bis seit von vom im am ab um nach vor".split()
)
#: ... unless "of" follows a quantity: a maximum of 1620 single pulses, a total of 1998 cases.
_QUANTITY_OF = re.compile(r"\b(?:total|maximum|minimum|sum|number|average|mean|median|sample|set|group)\s+of\s+$", re.I)
_COUNTED_NOUN = re.compile(
    r"\s+(?:[a-z]+\s+)?(?![a-z]*(?:ss|us|is|as|dollars|euros|pounds|prices|values|levels|terms)\b)[a-z]{2,}s\b"
)


def _counted(text: str, start: int, end: int) -> bool:
    """A number shaped like a year that counts things: ``received 1800 suggestions``, ``a maximum of 1620 single
    pulses`` (after a verb or a quantity, before a plural noun; never after a preposition of time or a name)."""
    if not text[start:end].isdigit() or not _COUNTED_NOUN.match(text, end):
        return False
    before = re.search(r"([A-Za-z]+)\s+$", text[:start])
    if before is None or not before.group(1).islower():
        return False
    return before.group(1) not in _DATED or bool(_QUANTITY_OF.search(text[:start]))


def _in_a_list(text: str, start: int, number: int) -> bool:
    """``(1)`` opens a list, and ``(n)`` is an item of one when ``(n-1)`` or ``(n+1)`` is in the sentence too, or
    when it opens the line or follows a list's joint (``reporting; (3) outcomes``, ``and (3) efforts``); a number in
    brackets after other words is a count (``The study consisted of (11) municipalities``)."""
    if number == 1 or f"({number - 1})" in text or f"({number + 1})" in text:
        return True
    return re.search(r"(?:^|[,;:]|\band|\bor)\s*$", text[:start]) is not None


_VERB_S = frozenset("is was has does gives shows holds implies yields follows means becomes remains this thus".split())


def _counts(text: str, end: int) -> bool:
    """A bracketed number counts what follows it when a plural noun does (``(11) municipalities``, ``(50) years``);
    before anything else it is a label (``the update rule in (3) with``, ``equal to (3) and``)."""
    noun = re.match(r"\s+([a-z]{3,})\b", text[end:])
    return noun is not None and noun.group(1).endswith("s") and noun.group(1) not in _VERB_S


def masked(text: str) -> list[tuple[int, int]]:
    """Stretches of a sentence whose numbers are names, dates or locators, not quantities."""
    spans = _issns(text)
    for pattern in _MASKS:
        for m in pattern.finditer(text):
            if _ORDINAL_TOKEN.fullmatch(m.group()):
                continue
            if pattern is _YEAR_PATTERN and _counted(text, m.start(), m.end()):
                continue
            if (
                pattern is _LIST_PATTERN
                and _counts(text, m.end())
                and not _in_a_list(text, m.start(), int(m.group()[1:-1]))
            ):
                continue
            spans.append((m.start(), m.end()))
    return spans
