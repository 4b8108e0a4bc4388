"""Report text as the app shows it: the build's copy in the graph, sliced by offsets, escaped.

The text, and the sentences and paragraphs it was split into, are those the build wrote
(:mod:`kg.pipeline.read_side`, query ``app-report-text``): the app splits nothing itself, so a
paragraph or a sentence on a page is the build's, and the app needs no project folder (a SPARQL
endpoint serves them as any other triple).
"""

from __future__ import annotations

import hashlib
import html
import re
import weakref
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from kg.appdata.settings import rows
from kg.errors import StoreError
from kg.store import Store

#: A paragraph longer than this either side of the quote is cut (a text whose lines are paragraphs).
PARAGRAPH_LIMIT = 900


@dataclass(frozen=True)
class ReportText:
    """A report's unchanged text with the build's sentence and paragraph spans (``(start, end)``, in order)."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    paragraphs: tuple[tuple[int, int], ...]


def _pairs(spans: str) -> tuple[tuple[int, int], ...]:
    numbers = [int(n) for n in spans.split()]
    return tuple(zip(numbers[::2], numbers[1::2], strict=True))


#: Per store, the texts read (the last few): a page shows one report's text many times.
_TEXTS: weakref.WeakKeyDictionary[Store, dict[str, ReportText]] = weakref.WeakKeyDictionary()


def report_text(store: Store, report: str) -> ReportText:
    """The text of the report with this key, read once per store.

    The text is checked against the SHA-256 the build recorded: a copy that is not the text the
    offsets point into is refused, never shown with misplaced highlights."""
    texts = _TEXTS.setdefault(store, {})
    if report in texts:
        return texts[report]
    found = rows(store, "app-report-text", report=report)
    if not found:
        raise StoreError(f"the graph holds no text of the report {report}: rebuild it with `kg build`")
    row = found[0]
    if hashlib.sha256(row["content"].encode("utf-8")).hexdigest() != row["sha256"]:
        raise StoreError(f"the graph's text of {report} does not match its SHA-256: rebuild it with `kg build`")
    loaded = ReportText(row["content"], _pairs(row["sentenceSpans"]), _pairs(row["paragraphSpans"]))
    if len(texts) >= 8:
        texts.pop(next(iter(texts)))
    texts[report] = loaded
    return loaded


def _around(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span containing ``offset``, if any (spans in text order)."""
    i = bisect_right(spans, offset, key=lambda span: span[0])
    if i and offset < spans[i - 1][1]:
        return spans[i - 1]
    return None


def paragraph_bounds(report: ReportText, start: int, end: int, limit: int = PARAGRAPH_LIMIT) -> tuple[int, int]:
    """The build's paragraph(s) around ``[start, end)``, at most ``limit`` characters either side of it.

    A paragraph longer than that is cut at a sentence's edge within the limit, else at a space, never
    inside a word (a figure's paragraph once ended "These h")."""
    return _bounds(report, start, end, limit)[:2]


def _bounds(report: ReportText, start: int, end: int, limit: int) -> tuple[int, int, int, int]:
    """The shown span and the paragraph's own span around ``[start, end)``."""
    first = _around(report.paragraphs, start)
    last = _around(report.paragraphs, max(start, end - 1))
    para_start = first[0] if first else start
    para_end = min(last[1] if last else end, len(report.text))
    shown_start = para_start if start - para_start <= limit else _cut_before(report, start - limit, start)
    shown_end = para_end if para_end - end <= limit else _cut_after(report, end + limit, end)
    return shown_start, shown_end, para_start, para_end


def _cut_before(report: ReportText, earliest: int, start: int) -> int:
    """The first sentence start in ``[earliest, start]``, else the first word start after ``earliest``."""
    i = bisect_right(report.sentences, earliest - 1, key=lambda span: span[0])
    if i < len(report.sentences) and report.sentences[i][0] <= start:
        return report.sentences[i][0]
    space = re.search(r"\s\S", report.text[earliest:start])
    return earliest + space.end() - 1 if space else earliest


def _cut_after(report: ReportText, latest: int, end: int) -> int:
    """The last sentence end in ``[end, latest]``, else the last word end before ``latest``."""
    i = bisect_right(report.sentences, latest, key=lambda span: span[1])
    if i and report.sentences[i - 1][1] >= end:
        return report.sentences[i - 1][1]
    cut = report.text[end : latest + 1]
    space = max(cut.rfind(" "), cut.rfind("\n"), cut.rfind("\t"))
    return end + space if space > 0 else latest


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def highlighted_paragraph(report: ReportText, start: int, end: int, marks: Sequence[tuple[int, int]] = ()) -> str:
    """HTML of the paragraph with ``[start, end)`` (and extra spans) in ``<mark>``; all text escaped."""
    text = report.text
    p_start, p_end, para_start, para_end = _bounds(report, start, end, PARAGRAPH_LIMIT)
    spans = sorted({(max(s, p_start), min(e, p_end)) for s, e in [(start, end), *marks] if s < p_end and e > p_start})
    out, position = [], p_start
    for s, e in spans:
        if s < position:
            continue
        out.append(html.escape(flat(text[position:s])))
        out.append(f"<mark>{html.escape(flat(text[s:e]))}</mark>")
        position = e
    out.append(html.escape(flat(text[position:p_end])))
    prefix = "… " if p_start > para_start or (p_start > 0 and text[p_start - 1] not in "\n") else ""
    suffix = " …" if p_end < para_end else ""  # cut: the paragraph goes on
    return prefix + "".join(out).strip() + suffix


def sentence_bounds(report: ReportText, start: int, end: int) -> tuple[int, int]:
    """The build's sentence around a span of a report's text."""
    found = _around(report.sentences, start)
    if found is None:
        return start, end
    return found[0], max(found[1], end)
