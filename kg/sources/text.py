"""The corpus: report texts loaded unchanged, split into paragraphs, sections and sentences.

Texts are never edited: every offset here is a code-point offset into the file as it is.
Two layouts are handled without knowing the report in advance:

* hard-wrapped text (most lines of a similar width, as in a PDF export), where a
  paragraph ends at a line that stops well short of the usual width; and
* one paragraph per line (as in a web export), where every line break ends one.

Blank lines between every line, stray page furniture and block quotes are all treated
as whitespace inside a paragraph, so that sentences and citations running across
line breaks keep a single span. A report read from a PDF carries its page layout
(:mod:`kg.sources.layout`): its running heads and page numbers are read as whitespace.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from statistics import median

from kg.records import Report, Section, Sentence, Span
from kg.sources.dates import MONTH_WORDS
from kg.sources.language import MONTHS_DE
from kg.sources.reports import load_reports, readable, sha256_of

__all__ = [
    "ABBREVIATIONS",
    "find_quote",
    "is_hard_wrapped",
    "load_reports",
    "normalise_whitespace",
    "paragraphs",
    "readable",
    "section_at",
    "sections",
    "sentence_at",
    "sentences",
    "sha256_of",
    "split_sentences",
]  # load_reports, readable and sha256_of live in kg.sources.reports

# --- paragraphs ----------------------------------------------------------------------

_LINE = re.compile(r"[^\n]*")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # end of the stripped content
    text: str


def _content_lines(text: str) -> list[_Line]:
    lines = []
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        lines.append(_Line(m.start() + lead, m.start() + lead + len(stripped), stripped))
    return lines


def is_hard_wrapped(text: str) -> bool:
    """True when most lines stop near one width, as in text exported from a PDF."""
    lengths = [len(line.text) for line in _content_lines(text)]
    if len(lengths) < 20:
        return False
    long_lines = sorted(lengths)[len(lengths) // 2 :]
    width = median(long_lines)
    near = sum(1 for n in lengths if n >= 0.8 * width)
    return width < 160 and near >= 0.5 * len(lengths)


def paragraphs(text: str, laid_out: bool = False) -> list[Span]:
    """Paragraph spans (report key left empty: callers attach it).

    ``laid_out``: the text was read from a page layout (a PDF): its lines are the printed lines,
    so it is hard-wrapped whatever the share of short lines, and an empty line (a gap the page
    shows) ends a paragraph too. Sentences, sections, notes, citations and flags each ask for the same
    text's paragraphs (eight times for a book), so the last few answers are kept.
    """
    return list(_paragraphs(text, laid_out))


@lru_cache(maxsize=4)
def _paragraphs(text: str, laid_out: bool) -> tuple[Span, ...]:
    return tuple(_find_paragraphs(text, laid_out))


def _find_paragraphs(text: str, laid_out: bool) -> list[Span]:
    lines = _content_lines(text)
    if not lines:
        return []
    wrapped = laid_out or is_hard_wrapped(text)
    width = median(sorted(len(line.text) for line in lines)[len(lines) // 2 :]) if wrapped else 0
    spans: list[Span] = []
    start = lines[0].start
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        if wrapped:
            ends = last or len(line.text) < 0.75 * width or _heading_line(line.text, laid_out, width)
            # A heading line is its own paragraph even when the line before it is full width.
            following = lines[i + 1].text if not last else ""
            if following and _heading_line(following, laid_out, width) and re.search(r"[.!?:\"”]$", line.text):
                ends = True
            if laid_out and not last and re.fullmatch(r"\n\n+", text[line.end : lines[i + 1].start]):
                ends = True
        else:
            ends = True
        if ends:
            spans.append(Span("", start, line.end))
            if not last:
                start = lines[i + 1].start
    return spans


# --- headings and sections -------------------------------------------------------------


def _heading_line(line: str, laid_out: bool, width: float) -> bool:
    """A line that reads as a heading; on printed pages, also clearly shorter than the measure (a narrow
    column's full lines have few words and often no closing punctuation)."""
    return _is_heading_text(line) and (not laid_out or len(line) < 0.8 * width)


_TERMINAL = re.compile(r"[.!?:;,\"”’)\]]$")


def _is_heading_text(line: str) -> bool:
    """A short line with no closing punctuation that starts like a title."""
    words = line.split()
    if not words or len(words) > 12 or len(line) > 90:
        return False
    if _TERMINAL.search(line) or line[0].islower() or line[0] in '[(“"‘$':
        return False
    if line.isdigit():
        return False
    return line[0].isupper() or line[0].isdigit()


def sections(report: Report) -> list[Section]:
    """Headings in order, each governing the text up to the next heading.

    Three or more heading-like paragraphs in a row that start with the same word are
    the row labels of a table, not headings.
    """
    text = readable(report)
    paras = paragraphs(text, laid_out=report.layout is not None)
    flags = [_is_heading_text(text[p.start : p.end]) and "\n" not in text[p.start : p.end].strip() for p in paras]
    heads: list[Span] = []
    i = 0
    while i < len(paras):
        if flags[i]:
            j = i
            while j < len(paras) and flags[j]:
                j += 1
            first_words = {report.text[p.start : p.end].split()[0].lower() for p in paras[i:j]}
            if j - i <= 2 or len(first_words) > 1:
                heads.extend(paras[i:j])
            i = j
        else:
            i += 1
    result = []
    for n, head in enumerate(heads):
        body_end = heads[n + 1].start if n + 1 < len(heads) else len(report.text)
        result.append(
            Section(
                title=report.text[head.start : head.end],
                heading=Span(report.key, head.start, head.end),
                body=Span(report.key, head.end, body_end),
            )
        )
    return result


def section_at(report_sections: list[Section], offset: int) -> str:
    """Title of the section an offset falls in ('' before the first heading).

    ``report_sections`` in text order, as :func:`sections` gives them.
    """
    i = bisect_right(report_sections, offset, key=lambda section: section.heading.start)
    return report_sections[i - 1].title if i else ""


# --- sentences ---------------------------------------------------------------------

#: Words that end with a period without ending a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    "al et etc e.g i.e n.d nd p pp para paras vol no ch cf vs v dr mr mrs ms prof jr sr st inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig figs eds ed approx ca chap sec secs eq vols nos "
    # legal citations' (10 C.F.R. pt. 52, subpt. B, Pub. L. No. 109-58, 119 Stat. 594, 42 U.S.C. Supp.)
    "pt pts subpt subpts subch subsec subsecs subpara subparas pub stat supp".split()
)

_BOUNDARY = re.compile(r"(?P<end>[.!?…]+[\"”’)\]]*(?:\[\d+\])*)(?P<gap>\s+)(?=[\"“‘(\[]?[A-Z0-9$])")


_NON_SPACE = re.compile(r"\S+")


def _ends_sentence(text: str, end_pos: int, next_pos: int) -> bool:
    """Decide whether the terminator ending at ``end_pos`` closes a sentence."""
    # The word ending at ``end_pos``: read backwards, never copying or searching the text before it.
    token_start = end_pos
    while token_start > 0 and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start:end_pos]
    core = token.rstrip('"”’)]').rstrip(".!?…")
    bare = core.lstrip('(“"‘[').lower()
    if token.endswith((".", ".”", '."', ".’")) and not token.endswith("..."):
        if bare in ABBREVIATIONS:
            return False
        if re.fullmatch(r"[A-Za-z]", bare):  # an initial: "R. Kelly", "Shively, M."
            return False
        if re.fullmatch(r"\d{1,2}", bare) and (nxt := _NON_SPACE.match(text, next_pos)):  # "am 18. Juni 2009"
            return nxt.group().strip(",.") not in MONTHS_DE | MONTH_WORDS
        if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", bare):  # U.S, D.O.J, C.E.O
            nxt = _NON_SPACE.match(text, next_pos)
            word = nxt.group() if nxt else ""
            # "the U.S. Department" continues; "in the U.S. Despite ..." would need a
            # paragraph break to end, which the paragraph split already gives.
            return not word[:1].isupper()
    return True


def split_sentences(text: str, span: Span) -> Iterator[Span]:
    """Sentence spans inside one paragraph span."""
    chunk = text[span.start : span.end]
    start = 0
    for m in _BOUNDARY.finditer(chunk):
        end_pos = m.end("end")
        if _ends_sentence(chunk, end_pos, m.end("gap")):
            if chunk[start:end_pos].strip():
                yield Span(span.report, span.start + start, span.start + end_pos)
            start = m.end("gap")
    rest = chunk[start:]
    if rest.strip():
        stripped_end = len(chunk.rstrip())
        yield Span(span.report, span.start + start, span.start + stripped_end)


def sentences(report: Report) -> list[Sentence]:
    """Every sentence of a report in order, with the section it belongs to."""
    heads = sections(report)
    head_starts = {s.heading.start for s in heads}
    text = readable(report)
    result = []
    for para in paragraphs(text, laid_out=report.layout is not None):
        para = Span(report.key, para.start, para.end)
        if para.start in head_starts:
            result.append(Sentence(para, report.text[para.start : para.end], section_at(heads, para.start), True))
            continue
        for sent in split_sentences(text, para):
            result.append(Sentence(sent, report.text[sent.start : sent.end], section_at(heads, sent.start)))
    return result


def sentence_at(report_sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing an offset, if any.

    ``report_sentences`` in text order, as :func:`sentences` gives them.
    """
    i = bisect_right(report_sentences, offset, key=lambda sentence: sentence.span.start)
    if i and offset < report_sentences[i - 1].span.end:
        return report_sentences[i - 1]
    return None


# --- whitespace-tolerant search ----------------------------------------------------


def normalise_whitespace(text: str, skipped: list[tuple[int, int, bool]] | None = None) -> tuple[str, array[int]]:
    """Collapse whitespace runs to one space; return the text and, per character, its offset.

    The offsets are a compact array of machine integers (8 bytes a character rather than a
    list's 36), since a folded view of a long text keeps them all. ``skipped`` are stretches of
    ``text`` to read through, ``(start, end, dropped)`` in order (:meth:`kg.records.PageLayout.skipped`):
    page furniture is read as whitespace, a dropped stretch (a line-end hyphen break) as nothing.
    """
    out: list[str] = []
    offsets = array("q")
    in_space = False
    cuts = iter(skipped or ())
    cut = next(cuts, None)
    for i, ch in enumerate(text):
        while cut is not None and i >= cut[1]:
            cut = next(cuts, None)
        if cut is not None and cut[0] <= i:
            if cut[2]:
                continue
            ch = " "
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                offsets.append(i)
            in_space = True
        else:
            out.append(ch)
            offsets.append(i)
            in_space = False
    return "".join(out), offsets


def find_quote(text: str, quote: str, occurrence: int = 1) -> Span | None:
    """Find a quote in a text, whitespace runs matching any whitespace run.

    The quote's own whitespace is folded too, so a curator can write a quote that the
    hard-wrapped text breaks across lines. Returns the exact span in ``text`` (report key
    left empty), or None.
    """
    norm_text, offsets = normalise_whitespace(text)
    norm_quote = " ".join(quote.split())
    if not norm_quote:
        return None
    pos = -1
    for _ in range(occurrence):
        pos = norm_text.find(norm_quote, pos + 1)
        if pos < 0:
            return None
    start = offsets[pos]
    end = offsets[pos + len(norm_quote) - 1] + 1
    return Span("", start, end)
