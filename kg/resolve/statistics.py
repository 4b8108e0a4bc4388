"""What each statistic rests on: the works its sentence cites, the report's own study, or nothing.

Written against the record types only (``kg.records``), so it works with any citation
extractor and resolver that hand over ``ResolvedCitation`` records. The rules, in order:

1. **Cited.** The citations of the statistic's sentence; for a figure in an endnote's own
   text, the marker of that endnote; for a sentence that continues the one before
   (``Another 31 percent ...``, ``Of these, ...``), the citations closing that one.
   When the sentence has several citation groups, the figure rests on the group that
   follows it within its clause; failing that, on a narrative citation before
   it in its clause (``Kennedy (2012) suggested that ... 500,000 visits``); failing that,
   on the next group in the sentence, then the last one before it. Endnote markers
   (``[16]``) are groups of their own, so a sentence-final marker covers the sentence.
   ``keys`` are those of resolved and variant citations; unresolved ones keep their span
   in ``citations`` with no key, so nothing the text cites is dropped.
2. **Relayed.** When the text attributes the figure to an organisation before it
   (``According to the National Center for Missing and Exploited Children, ...``,
   ``Quantcast estimates ...``), the status is ``relayed``, with the cited keys if any.
3. **Primary.** With no citation, an own study (``StudyRecord.own``) applies when its
   ``sections`` hold the sentence's section or one of its ``cues`` occurs in the sentence.
4. **Cited, by paragraph.** With neither, an endnote marker closing the statistic's
   paragraph (endnote style). This comes after the own study on purpose: a report's
   methods paragraph often closes with a note (``[10] This study received IRB approval``)
   that is no source of the figures the report itself collected.
5. **No source given** otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from kg.records import EvidenceStatus, ResolvedCitation, Sentence, Span, StatisticRecord, StatisticSource, StudyRecord
from kg.resolve.indexes import CitationIndex, ParagraphIndex
from kg.sources.text import sentence_at

_ATTRIBUTION = re.compile(
    r"\b(?i:according\s+to)\s+(?:the\s+)?(?P<org>[A-Z][^,;:]*)"
    r"|(?P<subject>(?:The\s+)?[A-Z][\w.&’'-]*(?:\s+(?:[A-Z][\w.&’'-]*|of|for|and|on|the))*)"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:found|estimates|estimated|reports|reported|says|said|states|stated)\b"
)
#: Subjects that are the report itself or people, not an organisation that owns a figure.
_NOT_ORGANISATIONS = frozenset(
    {
        "we",
        "our",
        "this",
        "it",
        "they",
        "research",
        "researchers",
        "the researchers",
        "studies",
        "this study",
        "investigators",
        "respondents",
        "interviews",
        "participants",
        "law enforcement",
    }
)


def link_statistics(
    stats: list[StatisticRecord],
    citations: list[ResolvedCitation],
    sentences: list[Sentence],
    studies: list[StudyRecord],
    paragraphs: Sequence[Span] | None = None,
) -> list[StatisticSource]:
    """One ``StatisticSource`` per statistic, in the order given.

    ``paragraphs`` (spans, e.g. from ``kg.sources.paragraphs``) enable rule 4, the endnote
    marker that closes a paragraph; their report key may be left empty when all the
    statistics come from one report.
    """
    by_report: dict[str, list[Sentence]] = defaultdict(list)
    previous: dict[Span, Sentence] = {}
    for sentence in sentences:
        by_report[sentence.span.report].append(sentence)
    for report_sentences in by_report.values():
        report_sentences.sort(key=lambda s: s.span.start)
        previous.update({b.span: a for a, b in zip(report_sentences, report_sentences[1:], strict=False)})
    cites: dict[str, list[ResolvedCitation]] = defaultdict(list)
    for cited in citations:
        cites[cited.citation.span.report].append(cited)
    indexed = {key: CitationIndex(found) for key, found in cites.items()}
    none = CitationIndex([])
    paras = ParagraphIndex(sorted(paragraphs or [], key=lambda p: p.start))
    sources = []
    for stat in stats:
        home = _sentence_of(stat, by_report[stat.span.report])
        before = previous.get(home.span) if home is not None else None
        sources.append(_source(stat, home, indexed.get(stat.span.report, none), studies, paras, before))
    return sources


def source_of(
    stat: StatisticRecord,
    sentence: Sentence | None,
    citations: list[ResolvedCitation],
    studies: list[StudyRecord],
    paragraphs: Sequence[Span] = (),
    previous: Sentence | None = None,
) -> StatisticSource:
    """What one statistic rests on, by the rules in the module's docstring.

    ``previous`` is the sentence before ``sentence``, for sentences that continue it.
    """
    return _source(stat, sentence, CitationIndex(citations), studies, ParagraphIndex(paragraphs), previous)


def _source(
    stat: StatisticRecord,
    sentence: Sentence | None,
    citations: CitationIndex,
    studies: list[StudyRecord],
    paragraphs: ParagraphIndex,
    previous: Sentence | None,
) -> StatisticSource:
    chosen = _cited_for(stat, sentence, citations) or _endnote_of(sentence, citations)
    relayed = sentence is not None and _attributed(sentence, stat.span.start, citations)
    if not chosen and sentence is not None and previous is not None and _CONTINUES.match(sentence.text):
        chosen = _closing_group(previous, citations)
        relayed = relayed or (bool(chosen) and _attributed(previous, previous.span.end, citations))
    if chosen:
        return _cited(stat, chosen, "relayed" if relayed else "cited")
    if relayed:
        return StatisticSource(stat, "relayed")
    study = _own_study(stat, sentence, studies)
    if study is not None:
        return StatisticSource(stat, "primary", study=study.id)
    closing = _paragraph_markers(stat, citations, paragraphs)
    if closing:
        return _cited(stat, closing, "cited")
    return StatisticSource(stat, "no-source-given")


def _cited(stat: StatisticRecord, chosen: list[ResolvedCitation], status: EvidenceStatus) -> StatisticSource:
    keys: list[str] = []
    for cited in chosen:
        if cited.key and cited.status in ("resolved", "variant") and cited.key not in keys:
            keys.append(cited.key)
    spans = tuple(sorted({c.citation.span for c in chosen}))
    return StatisticSource(stat, status, tuple(keys), spans)


def _sentence_of(stat: StatisticRecord, sentences: list[Sentence]) -> Sentence | None:
    """The sentence the statistic was found in (by its ``sentence`` span, else by offset)."""
    found = sentence_at(sentences, stat.sentence.start if stat.sentence is not None else stat.span.start)
    return found if found is not None and found.span.start <= stat.span.start < found.span.end else None


# --- rule 1: the citations of the sentence -----------------------------------------------


def _cited_for(stat: StatisticRecord, sentence: Sentence | None, citations: CitationIndex) -> list[ResolvedCitation]:
    holding = [c for c in citations.near(stat.span) if c.citation.span.contains(stat.span)]
    if holding:
        return holding  # the figure is in an endnote's own text
    if sentence is None:
        return []
    inside = [c for c in citations.within(sentence) if not c.citation.span.overlaps(stat.span)]
    if not inside:
        return []
    groups = _groups(inside, sentence)
    if len(groups) == 1:
        return groups[0]
    return _preferred_group(stat, sentence, groups, inside)


def _groups(inside: list[ResolvedCitation], sentence: Sentence) -> list[list[ResolvedCitation]]:
    """Citations grouped as written: by their ``group`` span, else by the parentheses around them."""
    grouped: dict[tuple[int, int], list[ResolvedCitation]] = {}
    for cited in sorted(inside, key=lambda c: c.citation.span.start):
        grouped.setdefault(_group_span(cited, sentence), []).append(cited)
    return [grouped[k] for k in sorted(grouped)]


def _group_span(cited: ResolvedCitation, sentence: Sentence) -> tuple[int, int]:
    record = cited.citation
    if record.group is not None:
        return record.group.start, record.group.end
    if record.form == "parenthetical":
        text, base = sentence.text, sentence.span.start
        local = record.span.start - base
        opened, closed = text.rfind("(", 0, local + 1), text.rfind(")", 0, local)
        if opened > closed:
            end = text.find(")", local)
            return base + opened, base + (end + 1 if end >= 0 else len(text))
    return record.span.start, record.span.end


def _preferred_group(
    stat: StatisticRecord,
    sentence: Sentence,
    groups: list[list[ResolvedCitation]],
    inside: list[ResolvedCitation],
) -> list[ResolvedCitation]:
    clause_start, clause_end = _clause(stat, sentence, inside)

    def start(group: list[ResolvedCitation]) -> int:
        return min(c.citation.span.start for c in group)

    after = [g for g in groups if start(g) >= stat.span.end]
    before = [g for g in groups if start(g) < stat.span.start]
    for group in after:
        if start(group) < clause_end:
            return group
    for group in reversed(before):
        if start(group) >= clause_start and any(c.citation.form == "narrative" for c in group):
            return group
    if after:
        return after[0]
    return before[-1] if before else groups[0]


def _clause(stat: StatisticRecord, sentence: Sentence, inside: list[ResolvedCitation]) -> tuple[int, int]:
    """Offsets of the clause around the figure: between commas or semicolons outside citations."""
    text, base = sentence.text, sentence.span.start
    cited = [(c.citation.span.start - base, c.citation.span.end - base) for c in inside]
    depth, marks = 0, []
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        in_number = text[i + 1 : i + 2].isdigit()  # the comma of 4,500
        if ch in ",;" and depth <= 0 and not in_number and not any(a <= i < b for a, b in cited):
            marks.append(i)
    local_start, local_end = stat.span.start - base, stat.span.end - base
    left = max((m for m in marks if m < local_start), default=-1)
    right = min((m for m in marks if m >= local_end), default=len(text))
    return base + left + 1, base + right


_CONTINUES = re.compile(r"(?:Another|A further|The other|The remaining|The rest|Of (?:these|those|them))\b")


def _endnote_of(sentence: Sentence | None, citations: CitationIndex) -> list[ResolvedCitation]:
    """For a sentence of an endnote's own text, the body's marker of that endnote."""
    if sentence is None or len(sentence.text.strip()) < 20:
        return []
    quote = " ".join(sentence.text.split()).rstrip(".")  # notes are recorded without their final period
    cited = citations.notes.first_holding(quote)
    return [cited] if cited is not None else []


def _closing_group(sentence: Sentence, citations: CitationIndex) -> list[ResolvedCitation]:
    """The last citation group of a sentence: what its closing citation says it rests on."""
    groups = _groups(citations.within(sentence), sentence)
    return groups[-1] if groups else []


# --- rule 2: a figure the text attributes to an organisation --------------------------------


def _attributed(sentence: Sentence, offset: int, citations: CitationIndex) -> bool:
    """True when the sentence attributes what follows to an organisation before ``offset``."""
    base = sentence.span.start
    head = sentence.text[: offset - base]
    for match in _ATTRIBUTION.finditer(head):
        name = (match.group("org") or match.group("subject") or "").strip()
        if not name or name.lower() in _NOT_ORGANISATIONS:
            continue
        where = Span(sentence.span.report, base + match.start(), base + match.end())
        if any(c.citation.span.overlaps(where) and c.citation.form == "narrative" for c in citations.near(where)):
            continue  # "Kennedy (2012) reported ..." is a citation, not an organisation
        return True
    return False


# --- rules 3 and 4: the report's own study, a paragraph's closing note ---------------------------


def _own_study(stat: StatisticRecord, sentence: Sentence | None, studies: list[StudyRecord]) -> StudyRecord | None:
    if sentence is None:
        return None
    own = [s for s in studies if s.own and s.report == stat.span.report]
    section = " ".join(sentence.section.split()).casefold()
    for study in own:
        if section and section in {" ".join(t.split()).casefold() for t in study.sections}:
            return study
    for study in own:
        if any(re.search(rf"\b{re.escape(cue)}\b", sentence.text, re.IGNORECASE) for cue in study.cues if cue):
            return study
    return None


def _paragraph_markers(
    stat: StatisticRecord, citations: CitationIndex, paragraphs: ParagraphIndex
) -> list[ResolvedCitation]:
    """The endnote markers that close the statistic's paragraph, if any."""
    para = paragraphs.first_holding(stat)
    if para is None:
        return []
    # The markers from the statistic's end (and the paragraph's start) to the paragraph's end, by offset.
    lo = bisect_left(citations.marker_starts, max(para.start, stat.span.end))
    hi = bisect_left(citations.marker_starts, para.end)
    markers = citations.markers[lo:hi]
    if not markers:
        return []
    if para.end - markers[-1].citation.span.end > 2:
        return []  # the paragraph does not end with a note
    closing = [markers[-1]]
    for cited in reversed(markers[:-1]):  # "[3][4]" close a paragraph together
        if cited.citation.span.end >= closing[0].citation.span.start - 1:
            closing.insert(0, cited)
        else:
            break
    return closing
