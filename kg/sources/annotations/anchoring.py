"""Curated quotes anchored in the unchanged text: a span computed from the words, never typed.

A curator writes the text's own words (whitespace may differ); :class:`ReportText` finds them
and returns the exact span, or says why it cannot: not found, found more than once with no
``occurrence``, or an ``occurrence`` that does not fit. Errors name the file and the line through
a :class:`Place`, the raw YAML mapping of the record with its line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import InputError
from kg.records import Report, Span
from kg.sources.annotations.yamlfile import Mapping
from kg.sources.text import find_quote, normalise_whitespace, section_at, sections


@dataclass
class Place:
    """Where a record was written: its file, its name in messages (``claim 'x'``) and its YAML mapping."""

    file: str
    where: str
    data: Mapping

    def line(self, key: str | None = None) -> int:
        """The line of a field (or of the record when the field is absent or not named)."""
        return self.data.lines.get(key, self.data.line) if key else self.data.line

    def error(self, key: str | None, message: str, line: int | None = None) -> InputError:
        return InputError(self.file, line if line is not None else self.line(key), f"{self.where}: {message}")


class ReportText:
    """One report's text, with its whitespace-folded form for counting occurrences, and its sections."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.folded, self.offsets = normalise_whitespace(report.text)
        self.sections = sections(report)
        self.titles = [s.title for s in self.sections]

    def anchor(
        self, place: Place, quote: str, occurrence: int | None, key: str = "quote", line: int | None = None
    ) -> Span:
        """The span of a quote, or an InputError saying why it has none."""
        at = line if line is not None else place.line(key)
        folded = " ".join(quote.split())
        count = self.folded.count(folded) if folded else 0
        first_words = " ".join(folded.split()[:8])
        key_name = self.report.key
        if count == 0:
            raise place.error(
                key,
                f"quote not found in the text of '{key_name}': \"{first_words}...\" "
                "(quotes must be the text's exact words; whitespace may differ)",
                at,
            )
        if occurrence is None and count > 1:
            raise place.error(
                key,
                f"quote occurs {count} times in '{key_name}': \"{first_words}...\"; "
                "add 'occurrence: N' or quote more words",
                at,
            )
        if occurrence is not None and count == 1:
            raise place.error(key, "'occurrence' given but the quote occurs only once", at)
        if occurrence is not None and occurrence > count:
            raise place.error(key, f"occurrence {occurrence} asked for, the quote occurs {count} times", at)
        # Locate the occurrence in the folded text, then let find_quote anchor it exactly in
        # that stretch of the raw text (searching the whole text for every quote is slow).
        pos = -1
        for _ in range(occurrence or 1):
            pos = self.folded.find(folded, pos + 1)
        return self._exact(pos, folded, quote, place, key, at)

    def anchor_within(self, place: Place, quote: str, outer: Span, after: int, key: str, line: int) -> Span:
        """The first span of a quote inside ``outer`` at or after offset ``after`` (a table's rows and cells)."""
        folded = " ".join(quote.split())
        lo = self._folded_index(max(after, outer.start))
        pos = self.folded.find(folded, lo)
        if pos < 0 or self.offsets[pos + len(folded) - 1] + 1 > outer.end:
            raise place.error(key, f'"{" ".join(folded.split()[:8])}" is not in the table\'s quote (in order)', line)
        return self._exact(pos, folded, quote, place, key, line)

    def _folded_index(self, offset: int) -> int:
        from bisect import bisect_left

        return bisect_left(self.offsets, offset)

    def _exact(self, pos: int, folded: str, quote: str, place: Place, key: str, line: int) -> Span:
        lo, hi = self.offsets[pos], self.offsets[pos + len(folded) - 1] + 1
        span = find_quote(self.report.text[lo:hi], quote)
        if span is None:  # pragma: no cover - the folded text says it is there
            raise place.error(key, f'quote not found: "{" ".join(folded.split()[:8])}..."', line)
        return Span(self.report.key, lo + span.start, lo + span.end)

    def section_of(self, span: Span) -> str:
        return section_at(self.sections, span.start)
