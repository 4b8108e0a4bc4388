"""``no-source``: a figure, or a sentence that claims a fact (dates an event, ranks, generalises from
research), with no citation.

Not flagged: the report's own data (its method and findings sections, its first-person sentences,
interview excerpts) and apparatus (notes, references); advice, a method or an admitted limit; a
paragraph closed by an endnote marker (it counts as cited); and a sentence going on about the work the
sentence before cites ("They found ...").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from kg.evidence import sentences as kinds_of
from kg.evidence.flag_rules.context import FlagRule, ReportRecords, make_flag
from kg.evidence.kinds import claim_kind
from kg.evidence.records import SuggestedFlag
from kg.records import Sentence


def find(records: ReportRecords) -> list[SuggestedFlag]:
    flags = []
    previous: Sentence | None = None
    for sentence in records.sentences:
        before, previous = previous, sentence
        if records.apparatus(sentence) or kinds_of.is_own_data(sentence) or records.cites_in.get(sentence.span):
            continue
        if records.in_excerpt(sentence):
            continue  # an interviewee's words are the report's own evidence
        if before is not None and records.cites_in.get(before.span) and kinds_of.CONTINUES.match(sentence.text):
            continue  # "They found ...": the work the sentence before cites
        if claim_kind(sentence, False)[0] in ("recommendation", "method", "limitation"):
            continue  # advice, a method or an admitted limit is no claim of fact needing a source
        stats = [s for s in records.stats_in.get(sentence.span, []) if not s.keys and s.status != "primary"]
        why = "states a figure" if stats else kinds_of.states_fact(sentence, _year_outside_citations(records, sentence))
        if not why or _closed_by_note(records, sentence):
            continue
        targets = (sentence.span, *(s.statistic.span for s in stats))
        flags.append(make_flag("no-source", [sentence.span], f"The sentence {why} with no citation.", (), targets))
    return flags


def _year_outside_citations(records: ReportRecords, sentence: Sentence) -> bool:
    base = sentence.span.start
    cited = [c.citation.span for c in records.cites_in.get(sentence.span, [])]
    return any(not any(c.start <= base + s < c.end for c in cited) for s, _ in kinds_of.years(sentence.text))


def _closed_by_note(records: ReportRecords, sentence: Sentence) -> bool:
    """An endnote marker later in the sentence's paragraph covers it (endnote style)."""
    at = bisect_right(records.paragraph_starts, sentence.span.start) - 1
    if at < 0:
        return False
    paragraph_end = records.paragraphs[at].end
    first = bisect_left(records.marker_starts, sentence.span.end)
    return first < len(records.marker_starts) and records.marker_starts[first] <= paragraph_end


RULE = FlagRule(kinds=("no-source",), find=find)
