"""What each figure measures: the phrase it quantifies, its subject, place and year, measured against
hand-made answers (tests/expected/measures_seeds.yaml for a sample of both reports,
tests/expected/evidence_briefstyle.yaml for the brief). A phrase is right when it holds the expected
words (plural endings aside); a subject when the expected one is empty and none is given, or one holds
the other; place and year when equal. Floors are what the rules measure today.
"""

from __future__ import annotations

import pytest

from kg.evidence.compare import content_words
from kg.evidence.measure_words import fragment
from kg.query import run_query
from tests.evidence_support import RulesRun, expected, find_quote, fold, project_with_brief, run_rules

FLOORS = {"policing2020": (0.94, 0.82), "usc2012": (0.87, 1.0), "briefstyle": (0.86, 0.86)}


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> RulesRun:
    return run_rules(project_with_brief(tmp_path_factory.mktemp("measures")))


def _expectations(report: str) -> list[dict]:
    if report == "briefstyle":
        return expected("evidence_briefstyle.yaml")["measures"]
    return expected("measures_seeds.yaml")["reports"][report]


def _same_subject(want: str, got: str) -> bool:
    if not want:
        return not got or fold(got) in ("",)
    return bool(got) and (fold(want) in fold(got) or fold(got) in fold(want))


def score(rules: RulesRun, report: str) -> tuple[float, float, list[str]]:
    text = rules.text(report)
    stats = {(s.statistic.span.start, s.statistic.span.end): s.statistic for s in rules.extraction.statistics[report]}
    phrases = subjects = 0
    notes = []
    items = _expectations(report)
    for item in items:
        start, end = find_quote(text, item["figure"], item.get("occurrence", 1))
        stat = stats.get((start, end))
        measure = rules.evidence.measures.get(stat.span) if stat is not None else None
        if measure is None:
            notes.append(f"  no statistic or measure at {item['figure']!r}")
            continue
        wanted = set(content_words(" ".join(item["words"])))
        phrase_ok = wanted <= set(content_words(measure.phrase))
        subject_ok = _same_subject(item["subject"], measure.subject)
        where_ok = fold(item["place"]) == fold(measure.place) and (item["year"] or None) == measure.year
        phrases += phrase_ok
        subjects += subject_ok and where_ok
        if not (phrase_ok and subject_ok and where_ok):
            notes.append(
                f"  {item['figure']!r}: phrase {measure.phrase!r} subject {measure.subject!r} "
                f"place {measure.place!r} year {measure.year!r}"
            )
    return phrases / len(items), subjects / len(items), notes


@pytest.mark.parametrize("report", sorted(FLOORS))
def test_measures_against_hand_made_answers(rules, report):
    phrases, subjects, notes = score(rules, report)
    print(f"\n{report}: measure phrase right {phrases:.3f}; subject, place and year right {subjects:.3f}")
    print("\n".join(notes))
    floor_phrase, floor_subject = FLOORS[report]
    assert phrases >= floor_phrase and subjects >= floor_subject


def test_the_statistics_query_keeps_the_context_window_beside_the_measure(store, reports):
    rows = {
        r["text"]: r for r in run_query(store, "statistics", {}, limit=None).records() if r["report"] == "policing2020"
    }
    share = rows["71 percent"]
    assert "reported human trafficking incidents" in share["measure"] and share["measure"] != share["context"]
    assert "…" in share["context"] and share["place"] == "United States" and share["subject"] == "sex trafficking"
    assert share["unit"].endswith("PERCENT")


#: Hand-checked phrases agreed with exactly (tests/expected/measures_<report>.yaml); measured today.
EXACT_FLOORS = {"policing2020": 0.95, "usc2012": 1.0}


def _located(text: str, quote: str, figure: str) -> tuple[int, int]:
    """Offsets of ``figure`` inside the one place ``quote`` stands in the text."""
    start, end = find_quote(text, quote)
    inner = find_quote(text[start:end], figure)
    return start + inner[0], start + inner[1]


@pytest.mark.parametrize("report", sorted(EXACT_FLOORS))
def test_measure_phrases_are_the_ones_a_reader_writes(rules, report):
    """Every figure of the two seed reports, its phrase compared whole with the one written by hand."""
    text = rules.text(report)
    items = expected(f"measures_{report}.yaml")["figures"]
    assert len(items) >= 30
    by_span = {(s.start, s.end): m for s, m in rules.evidence.measures.items() if s.report == report}
    right, misses = 0, []
    for item in items:
        measure = by_span.get(_located(text, item["quote"], item["figure"]))
        got = measure.phrase if measure else None
        want = "" if item["phrase"] == "—" else item["phrase"]
        right += got == want
        if got != want:
            misses.append(f"  {item['quote']!r}: {got!r}, by hand {want!r}")
    print(f"\n{report}: {right}/{len(items)} phrases as written by hand\n" + "\n".join(misses))
    assert right / len(items) >= EXACT_FLOORS[report]


def test_no_measure_phrase_is_a_fragment(rules):
    """Every phrase of every report (the brief too) reads as a noun phrase, or is empty ("—" on pages)."""
    bad = [(m.statistic, m.phrase) for m in rules.evidence.measures.values() if m.phrase and fragment(m.phrase)]
    assert not bad, bad
    assert len(rules.evidence.measures) > 90


@pytest.mark.parametrize(
    "phrase",
    [
        "age of and",
        "duration of We",
        "monthly unique U",
        "visits, lending support",
        "police officer, two sergeants",
        "of those prosecutions",
        "count",
        "sample-size",
        "share (worked)",
        "friends and you bring two friends",
    ],
)
def test_the_fragment_check_catches_the_fragments_pages_showed(phrase):
    assert fragment(phrase)


@pytest.mark.parametrize(
    "phrase", ["federal, state, and local agencies", "monthly unique U.S. users", "age of average victim", "rank"]
)
def test_the_fragment_check_passes_phrases(phrase):
    assert not fragment(phrase)
