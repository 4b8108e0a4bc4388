"""Report text as the app shows it: read from the unchanged corpus files, sliced by offsets, escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from kg.appdata.settings import project_paths, rows
from kg.errors import KgError
from kg.records import Report, Sentence
from kg.sources.text import sentence_at, sentences
from kg.store import Store


def report_text(store: Store, report: str) -> str:
    """The unchanged text of a report, read from the file its ``ekg:textFile`` names."""
    files = {r["key"]: r["textFile"] for r in rows(store, "app-report-files")}
    return read_text(files[report])


@lru_cache(maxsize=8)
def read_text(relative: str) -> str:
    root = project_paths().root
    path = (root / relative).resolve()
    if root.resolve() not in path.parents:
        raise KgError(f"text file outside the project: {relative}")
    return path.read_text(encoding="utf-8")


_PARAGRAPH_END = re.compile(r"[.!?:\"”’)\]]\s*\n\s*\n")


def paragraph_bounds(text: str, start: int, end: int, limit: int = 900) -> tuple[int, int]:
    """The paragraph around ``[start, end)``: from after the last break that ends a sentence, at most ``limit`` away."""
    lo = max(0, start - limit)
    before = [m.end() for m in _PARAGRAPH_END.finditer(text, lo, start)]
    para_start = before[-1] if before else lo
    after = _PARAGRAPH_END.search(text, end, min(len(text), end + limit))
    para_end = after.start() + 1 if after else min(len(text), end + limit)
    return para_start, para_end


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def highlighted_paragraph(text: str, start: int, end: int, marks: Sequence[tuple[int, int]] = ()) -> str:
    """HTML of the paragraph with ``[start, end)`` (and extra spans) in ``<mark>``; all text escaped."""
    p_start, p_end = paragraph_bounds(text, start, end)
    spans = sorted({(max(s, p_start), min(e, p_end)) for s, e in [(start, end), *marks] if s < p_end and e > p_start})
    out, position = [], p_start
    for s, e in spans:
        if s < position:
            continue
        out.append(html.escape(flat(text[position:s])))
        out.append(f"<mark>{html.escape(flat(text[s:e]))}</mark>")
        position = e
    out.append(html.escape(flat(text[position:p_end])))
    prefix = "… " if p_start > 0 and text[p_start - 1] not in "\n" else ""
    return prefix + "".join(out).strip()


@lru_cache(maxsize=8)
def text_sentences(relative: str) -> list[Sentence]:
    """The sentences of a report's text file, split as the build splits them (headings apart)."""
    text = read_text(relative)
    return sentences(Report(key="", path=Path(relative), text=text, sha256="", title="", year="", kind="report"))


def sentence_bounds(relative: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span of a report's text file, as the build splits sentences."""
    found = sentence_at(text_sentences(relative), start)
    if found is None:
        return start, end
    return found.span.start, max(found.span.end, end)
