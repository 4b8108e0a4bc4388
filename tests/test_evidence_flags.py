"""Quality flags and chains of custody computed for any report, measured against the hand-made layer.

On the two reports the rules run without the curated layer (``with_annotations=False``), and are
scored against the 44 curated flags and 16 curated chains of annotations/*.yaml: a curated flag is
found when a suggested flag of the same kind (a year mismatch counts for a curated citation variant)
is anchored on or about words overlapping one of its quotes; a suggested flag is confirmed when such
a curated flag exists. On the brief, against tests/expected/evidence_briefstyle.yaml. Floors are what
the rules measure today.
"""

from __future__ import annotations

from collections import Counter

import pytest

from kg.evidence.flags import ReportFlags
from kg.evidence.records import SuggestedFlag
from kg.records import (
    BibEntry,
    CitationRecord,
    Report,
    ResolvedCitation,
    Span,
    StatisticRecord,
    StatisticSource,
)
from tests.evidence_support import (
    RulesRun,
    curated,
    expected,
    find_quote,
    fold,
    overlaps,
    project_with_brief,
    run_rules,
)

#: Kinds a rule can decide (the others need a reader: dates that conflict, counts that do not add up).
DECIDABLE = {
    "no-source",
    "news-as-evidence",
    "undated-source",
    "personal-communication-as-evidence",
    "citation-variant",
}
SAME_KIND = {"year-mismatch": "citation-variant"}
#: Measured today: (recall of all curated flags, recall of the decidable kinds, precision against them).
FLAG_FLOORS = {"policing2020": (0.52, 0.86, 0.65), "usc2012": (0.15, 0.50, 0.33)}
#: Measured today: (curated chains found by span and originator, suggested chains confirmed).
CHAIN_FLOORS = {"policing2020": (0.45, 1.0), "usc2012": (0.20, 1.0)}
BRIEF_FLOORS = {"flags": (0.81, 0.81), "chains": (1.0, 1.0)}


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> RulesRun:
    return run_rules(project_with_brief(tmp_path_factory.mktemp("flags")))


def _spans(flag: SuggestedFlag) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in (*flag.spans, *flag.targets)]


def _curated_spans(text: str, flag: dict) -> list[tuple[int, int]]:
    spans = []
    for quote in flag["quotes"]:
        words, occurrence = (quote["quote"], quote["occurrence"]) if isinstance(quote, dict) else (quote, 1)
        spans.append(find_quote(text, words, occurrence))
    return spans


def score_flags(rules: RulesRun, report: str) -> tuple[float, float, float, list[str]]:
    text = rules.text(report)
    gold = [(f, _curated_spans(text, f)) for f in curated(report)["flags"]]
    found = rules.evidence.flags[report]

    def same(flag: SuggestedFlag, kind: str, spans: list[tuple[int, int]]) -> bool:
        return SAME_KIND.get(flag.kind, flag.kind) == kind and any(overlaps(a, b) for a in _spans(flag) for b in spans)

    hits = [f for f, spans in gold if any(same(s, f["kind"], spans) for s in found)]
    decidable = [f for f, _ in gold if f["kind"] in DECIDABLE]
    comparable = [s for s in found if SAME_KIND.get(s.kind, s.kind) in DECIDABLE]
    confirmed = [s for s in comparable if any(same(s, f["kind"], spans) for f, spans in gold)]
    notes = [f"  missed: {f['kind']} {f['id']}" for f, _ in gold if f not in hits]
    notes += [
        f"  unconfirmed: {s.kind} {' '.join(text[s.spans[0].start : s.spans[0].end].split())[:70]!r}"
        for s in comparable
        if s not in confirmed
    ]
    recall_all = len(hits) / len(gold)
    recall_decidable = sum(1 for f in hits if f["kind"] in DECIDABLE) / len(decidable)
    precision = len(confirmed) / len(comparable) if comparable else 1.0
    return recall_all, recall_decidable, precision, notes


@pytest.mark.parametrize("report", sorted(FLAG_FLOORS))
def test_flags_against_the_curated_ones(rules, report):
    recall_all, recall_decidable, precision, notes = score_flags(rules, report)
    counts = Counter(f.kind for f in rules.evidence.flags[report])
    print(
        f"\n{report}: {sum(counts.values())} suggested flags {dict(sorted(counts.items()))}\n"
        f"  curated flags found: {recall_all:.3f} of all, {recall_decidable:.3f} of the decidable kinds; "
        f"precision against the curated ones {precision:.3f}"
    )
    print("\n".join(notes))
    floors = FLAG_FLOORS[report]
    assert all(v >= f for v, f in zip((recall_all, recall_decidable, precision), floors, strict=True))


def _same_originator(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return a in b or b in a


@pytest.mark.parametrize("report", sorted(CHAIN_FLOORS))
def test_chains_against_the_curated_ones(rules, report):
    text = rules.text(report)
    gold = [(c, find_quote(text, c["quote"], c.get("occurrence", 1))) for c in curated(report)["chains"]]
    found = rules.evidence.chains[report]

    def same(chain, c, span) -> bool:
        spans = [(chain.span.start, chain.span.end), (chain.sentence.start, chain.sentence.end)]
        return any(overlaps(s, span) for s in spans) and _same_originator(chain.originator, c["originator"])

    hits = [c for c, span in gold if any(same(ch, c, span) for ch in found)]
    confirmed = [ch for ch in found if any(same(ch, c, span) for c, span in gold)]
    recall, precision = len(hits) / len(gold), len(confirmed) / len(found) if found else 1.0
    print(f"\n{report}: {len(found)} suggested chains; curated chains found {recall:.3f}, confirmed {precision:.3f}")
    for c, _ in gold:
        if c not in hits:
            print(f"  missed: {c['id']} ({c['originator']})")
    floor_r, floor_p = CHAIN_FLOORS[report]
    assert recall >= floor_r and precision >= floor_p


def test_flags_and_chains_on_the_brief(rules):
    text = rules.text("briefstyle")
    spec = expected("evidence_briefstyle.yaml")
    found = rules.evidence.flags["briefstyle"]
    gold = [(f["kind"], find_quote(text, f["quote"])) for f in spec["flags"]]
    hits = [g for g in gold if any(f.kind == g[0] and any(overlaps(s, g[1]) for s in _spans(f)) for f in found)]
    right = [f for f in found if any(f.kind == k and any(overlaps(s, span) for s in _spans(f)) for k, span in gold)]
    recall, precision = len(hits) / len(gold), len(right) / len(found)
    print(f"\nbriefstyle flags: recall {recall:.3f}, precision {precision:.3f}")
    for kind, span in gold:
        if (kind, span) not in hits:
            print(f"  missed: {kind} {text[span[0] : span[1]][:60]!r}")
    for f in found:
        if f not in right:
            print(f"  extra: {f.kind} {' '.join(text[f.spans[0].start : f.spans[0].end].split())[:60]!r}")
    chains = rules.evidence.chains["briefstyle"]
    expected_chains = spec["chains"]
    chain_hits = [
        c
        for c in expected_chains
        if any(
            overlaps((ch.span.start, ch.span.end), find_quote(text, c["quote"]))
            and _same_originator(ch.originator, c["originator"])
            and set(ch.works) == set(c["works"])
            for ch in chains
        )
    ]
    chain_recall, chain_precision = len(chain_hits) / len(expected_chains), len(chain_hits) / len(chains)
    print(f"briefstyle chains: recall {chain_recall:.3f}, precision {chain_precision:.3f}")
    assert recall >= BRIEF_FLOORS["flags"][0] and precision >= BRIEF_FLOORS["flags"][1]
    assert chain_recall >= BRIEF_FLOORS["chains"][0] and chain_precision >= BRIEF_FLOORS["chains"][1]


# --- each rule on records made for it ---------------------------------------------------------------


def _entry(key: str, kind: str, year: str = "2019", **fields: str) -> BibEntry:
    return BibEntry(key, "misc", kind, {"year": year, "title": key, **fields}, "x.bib", 1, authors=("Doe, J.",))


def _cite(
    text: str, words: str, key: str | None, status: str = "resolved", note: str = "", year: str = "2019"
) -> ResolvedCitation:
    start = text.index(words)
    record = CitationRecord(Span("r", start, start + len(words)), words, "Doe", year, "parenthetical")
    return ResolvedCitation(record, key, status, note)  # type: ignore[arg-type]


def _flags(text: str, citations, stats=(), references=()) -> list[tuple[str, tuple[str, ...]]]:
    report = Report("r", None, text, "", "t", "2020", "report", {})  # type: ignore[arg-type]
    from kg.sources.text import sentences

    refs = {e.key: e for e in references}
    found = ReportFlags(report, sentences(report), list(citations), list(stats), refs, []).flags()
    return [(f.kind, f.works) for f in found]


def test_each_rule_on_its_own_case():
    text = (
        "Introduction\n\nAds moved after 2018 (Doe 2019). Sites sold ads (Roe n.d.). Buyers paid (Poe 2016).\n\n"
        "It rose in 2020 (Moe 2015). The first rule came in 2011 with no source at all."
    )
    refs = [
        _entry("doe2019", "news-item"),
        _entry("roe_nd", "web-page", year=""),
        _entry("poe2016", "personal-communication", "2016"),
        _entry("moe2015", "journal-article", "2015"),
        _entry("zoe2010", "book", "2010", citedin="r"),
    ]
    stat_at = text.index("rose") + 0
    stat = StatisticRecord(Span("r", stat_at, stat_at + 4), "rose", 1, "COUNT", "count", "", year="2020")  # type: ignore[arg-type]
    cites = [
        _cite(text, "Doe 2019", "doe2019"),
        _cite(text, "Roe n.d.", "roe_nd", year="n.d."),
        _cite(text, "Poe 2016", "poe2016"),
        _cite(text, "Moe 2015", "moe2015", "variant", "year written 2015; the entry has 2014"),
    ]
    found = _flags(text, cites, [StatisticSource(stat, "cited", ("moe2015",))], refs)
    kinds = {kind for kind, _ in found}
    assert {
        "news-as-evidence",
        "undated-source",
        "personal-communication-as-evidence",
        "year-mismatch",
        "uncited-reference",
        "no-source",
    } <= kinds
    assert ("uncited-reference", ("zoe2010",)) in found
    unresolved = _flags("Sites grew (Xu 2017).", [_cite("Sites grew (Xu 2017).", "Xu 2017", None, "unresolved")])
    assert unresolved == [("not-in-bibliography", ())]


def test_no_source_spares_own_data_notes_and_advice():
    text = (
        "Findings\n\nWe found that 40 percent of ads moved in 2019.\n\n"
        "Discussion\n\nThe board should act within 30 days. [1] Doe. Personal communication, May 2, 2019."
    )
    assert _flags(text, []) == []
