"""Relayed figures and statements: a sentence that credits an organisation and cites another work.

"According to the National Center for Missing and Exploited Children, each pimp ... can make
$150,000-$200,000 per girl ... (NPR, 2010)" says where the figure comes from twice: the
organisation it credits and the work it cites. The report rests on NPR 2010, which rests on the
National Center: a chain of custody, report -> NPR 2010 -> the National Center. With no citation
the chain is report -> the National Center, with nothing in between to check.

An attribution is one of these, where X is an entity the text names (gazetteer or found) or a
capitalised name: "according to (the) X", "according to the tracking site, X", "X (has) found /
estimates / reports / says / states / notes / argues that", "(as) described / reported / estimated
by X". It is no chain when X is the author of the citation itself ("According to Smith (2019)",
"(Polaris Project, 2015)" after "the Polaris Project found"): then the report cites its originator
directly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from kg.evidence.entities import fold
from kg.evidence.records import EntityMention, SuggestedChain
from kg.records import BibEntry, MentionRecord, ResolvedCitation, Sentence, Span, StatisticSource
from kg.sources.text import sentence_at

_VERBS = (
    r"(?:has |have |had )?(?:found|finds|estimates|estimated|reports|reported|says|said|states|stated|notes|noted|"
    r"argues|argued|claims|claimed|shows|showed|indicates|indicated|counts|counted|ranks|ranked)"
)
_NAME = r"(?:[A-Z][\w.&’'-]*)(?:\s+(?:of|for|and|on|the|&|[A-Z][\w.&’'-]*))*"
_ATTRIBUTIONS = (
    # "According to the Internet tracking site, Alexa, ...": a descriptor, then the name in apposition
    re.compile(
        rf"\b[Aa]ccording\s+to\s+(?:the|an?)\s+(?:[\w-]+\s+){{0,4}}?"
        rf"(?:site|website|organi[sz]ation|agency|group|company|firm|service|institute|center|centre),\s+(?P<name>{_NAME})"
    ),
    re.compile(
        rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?:[a-z]+\s+){{0,4}}?(?:site|organi[sz]ation|agency|group)?,?\s*(?P<name>{_NAME})"
    ),
    re.compile(rf"(?P<name>{_NAME})\s+{_VERBS}\b"),
    re.compile(rf"\b(?:described|reported|estimated|counted|ranked)\s+by\s+(?:the\s+)?(?P<name>{_NAME})"),
)
#: Subjects that are the report, its people or its sources in general, not an originator.
_NOT_ORIGINATORS = frozenset(
    "we our this it they he she research researchers studies study respondents participants investigators "
    "interviews law enforcement one another some others data results findings evidence".split()
)


def find_chains(
    sentences: Iterable[Sentence],
    citations: list[ResolvedCitation],
    statistics: list[StatisticSource],
    gazetteer_mentions: list[MentionRecord],
    found_mentions: list[EntityMention],
    references: dict[str, BibEntry],
) -> list[SuggestedChain]:
    """Every chain of custody the sentences state, in text order."""
    chains = []
    cites_in: dict[Span, list[ResolvedCitation]] = {}
    stats_in: dict[Span, list[StatisticSource]] = {}
    names = sorted(
        [(m.span.start, m.span.end, m.entity, True) for m in gazetteer_mentions]
        + [(m.span.start, m.span.end, m.entity, m.gazetteer) for m in found_mentions]
    )
    sentence_list = [s for s in sentences if not s.is_heading]
    for resolved in citations:
        home = sentence_at(sentence_list, resolved.citation.span.start)
        if home is not None:
            cites_in.setdefault(home.span, []).append(resolved)
    for source in statistics:
        home = sentence_at(sentence_list, source.statistic.span.start)
        if home is not None:
            stats_in.setdefault(home.span, []).append(source)
    starts = [n[0] for n in names]
    for sentence in sentence_list:
        inside = names[bisect_left(starts, sentence.span.start) : bisect_left(starts, sentence.span.end)]
        chain = _chain(sentence, cites_in.get(sentence.span, []), stats_in.get(sentence.span, []), inside, references)
        if chain is not None:
            chains.append(chain)
    return chains


def _chain(
    sentence: Sentence,
    cites: list[ResolvedCitation],
    stats: list[StatisticSource],
    names: list[tuple[int, int, str, bool]],
    references: dict[str, BibEntry],
) -> SuggestedChain | None:
    base, text = sentence.span.start, sentence.text
    for pattern in _ATTRIBUTIONS:
        for match in pattern.finditer(text):
            start, end = base + match.start("name"), base + match.end("name")
            name = " ".join(match.group("name").split()).rstrip(".,")
            if name.split()[0].lower() in _NOT_ORIGINATORS or name.lower() in _NOT_ORIGINATORS:
                continue
            entity = next(((e, g) for s, t, e, g in names if start <= s < end), None)
            if entity is None and len(name.split()) < 2:
                continue  # a lone capitalised word is no evidence of an organisation
            if any(c.citation.span.start < end + 8 and start < c.citation.span.end for c in cites):
                continue  # "Kennedy (2012) reported": the citation is the originator
            entity_name = _entity_text(text, base, names, start, end) or name
            works = tuple(
                dict.fromkeys(c.key for c in cites if c.key and c.citation.span.start >= base + match.start())
            )
            if any(_authored_by(references.get(key), entity_name) for key in works):
                continue  # the cited work is the originator's own
            items = tuple(s.statistic.span for s in stats if s.statistic.span.start >= base + match.start())
            if not works and not items:
                continue
            return SuggestedChain(
                report=sentence.span.report,
                span=Span(sentence.span.report, base + match.start(), sentence.span.end),
                sentence=sentence.span,
                originator=entity_name,
                works=works,
                items=items,
                originator_entity=entity[0] if entity else None,
                originator_gazetteer=entity[1] if entity else False,
            )
    return None


def _entity_text(text: str, base: int, names: list[tuple[int, int, str, bool]], start: int, end: int) -> str:
    for s, e, _, _ in names:
        if start <= s < end:
            return " ".join(text[s - base : e - base].split())
    return ""


def _authored_by(entry: BibEntry | None, name: str) -> bool:
    if entry is None:
        return False
    wanted = fold(name)
    return any(fold(author) == wanted for author in entry.authors) or fold(entry.first_author) == wanted
