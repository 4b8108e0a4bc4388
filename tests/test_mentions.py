"""Mentions of platforms and organisations: matching rules, the texts' variants, and a
hand-checked list of mentions (tests/expected/mentions_*.yaml) read from both reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kg.extract.mentions import extract_mentions, label_pattern
from kg.records import GazetteerEntry
from kg.sources.gazetteer import load_gazetteers

EXPECTED = Path(__file__).parent / "expected"
#: Below these the extractor has regressed (both are 1.0 on the hand-checked lists today).
MIN_PRECISION = 1.0
MIN_RECALL = 1.0


@pytest.fixture(scope="module")
def entries(paths) -> list[GazetteerEntry]:
    return load_gazetteers([(p, paths.relative(p)) for p in paths.gazetteer_files]).entries


def _entry(slug: str, pref: str, *alt: str, hidden: tuple[str, ...] = ()) -> GazetteerEntry:
    return GazetteerEntry(
        iri=f"urn:x:{slug}",
        slug=slug,
        kind="Platform",
        pref_label=pref,
        alt_labels=alt,
        hidden_labels=hidden,
        category="platform",
    )


def _found(text: str, entries: list[GazetteerEntry]) -> list[tuple[str, str]]:
    return [(m.text, m.entity) for m in extract_mentions(text, "r", entries)]


# --- matching rules ---------------------------------------------------------------------------


def test_longest_match_wins():
    entries = [
        _entry("backpage", "Backpage", "Backpage.com"),
        _entry(
            "doj", "United States Department of Justice", "U.S. Department of Justice", "Department of Justice", "DOJ"
        ),
        _entry("us", "United States", "U.S."),
    ]
    text = "Backpage.com and Backpage Los Angeles; the U.S. Department of Justice, not the U.S. alone."
    assert _found(text, entries) == [
        ("Backpage.com", "backpage"),
        ("Backpage", "backpage"),
        ("U.S. Department of Justice", "doj"),
        ("U.S.", "us"),
    ]


def test_word_boundaries_keep_abbreviations_out_of_words():
    entries = [_entry("ice", "Immigration and Customs Enforcement", "ICE", "I.C.E.")]
    assert _found("The police Office of NOTICE; ice on the road.", entries) == []
    assert _found("handed to ICE, or to I.C.E.", entries) == [("ICE", "ice"), ("I.C.E.", "ice")]
    assert _found("ICE at the very start", entries) == [("ICE", "ice")]
    assert _found("xICE, ICEx, 1ICE, _ICE", entries) == []


def test_possessives_stay_outside_the_span():
    entries = [_entry("craigslist", "Craigslist"), _entry("doj", "Department of Justice", "D.O.J.")]
    assert _found("Craigslist’s section and D.O.J.’s office and Craigslist's ads", entries) == [
        ("Craigslist", "craigslist"),
        ("D.O.J.", "doj"),
        ("Craigslist", "craigslist"),
    ]


def test_names_broken_across_lines_are_one_mention():
    entries = [_entry("doj", "United States Department of Justice", "Department of Justice")]
    text = "(United \n\nStates Department of Justice, 2019) and the Department \n\nof Justice"
    found = extract_mentions(text, "r", entries)
    assert [m.entity for m in found] == ["doj", "doj"]
    for mention in found:
        assert text[mention.span.start : mention.span.end] == mention.text
    assert found[0].text == "United \n\nStates Department of Justice"


def test_case_rules():
    entries = [
        _entry("snapchat", "Snapchat"),
        _entry("tagged", "Tagged"),
        _entry("fbi", "FBI"),
        _entry("cr", "Children's Rights"),
        _entry("phoenix", "The Phoenix"),
    ]
    # a coined name in any case; a common word, an abbreviation and a multi-word name keep their capitals
    assert _found("on snapchat, SNAPCHAT and Snapchat", entries) == [
        ("snapchat", "snapchat"),
        ("SNAPCHAT", "snapchat"),
        ("Snapchat", "snapchat"),
    ]
    assert _found("photos tagged with fbi agents and children's rights", entries) == []
    assert _found("Tagged, FBI, Children’s Rights, the Phoenix", entries) == [
        ("Tagged", "tagged"),
        ("FBI", "fbi"),
        ("Children’s Rights", "cr"),
        ("the Phoenix", "phoenix"),
    ]


def test_label_pattern_escapes_punctuation():
    assert label_pattern("AT&T").search("AT&T Mobility")
    assert not label_pattern("F.B.I.").search("FxBxIx")
    assert label_pattern("Level 3 Communications").search("Level\n3  Communications")


def test_no_overlapping_mentions_and_spans_quote_the_text(reports, entries):
    for report in reports.values():
        mentions = extract_mentions(report.text, report.key, entries)
        assert mentions == sorted(mentions, key=lambda m: m.span.start)
        for before, after in zip(mentions, mentions[1:], strict=False):
            assert before.span.end <= after.span.start
        for mention in mentions:
            assert mention.span.report == report.key
            assert report.text[mention.span.start : mention.span.end] == mention.text


# --- the texts' own variants -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "words", "entity", "followed_by"),
    [
        ("policing2020", "F.B.I.", "fbi", ""),
        ("policing2020", "D.O.J.", "doj", "’s"),
        ("policing2020", "I.C.E.", "ice", ""),
        ("policing2020", "Backpage.com", "backpage", ""),
        ("policing2020", "Craigslist", "craigslist", "’s"),
        ("policing2020", "Carnegie Melon University", "carnegie-mellon-university", ""),
        ("policing2020", "snapchat", "snapchat", ""),
        ("policing2020", "U.S. Department \n\nof Justice", "doj", ""),
        ("policing2020", "CityXGuide.com", "cityxguide", ""),
        ("usc2012", "Craigslist", "craigslist", "’s"),
        ("usc2012", "RedBook", "myredbook", ""),
        ("usc2012", "Adult Search", "adult-search", "’s"),
        ("usc2012", "ATT Mobile", "att-mobility", ""),
    ],
)
def test_variants_in_the_texts_are_found(reports, entries, key, words, entity, followed_by):
    report = reports[key]
    hits = [m for m in extract_mentions(report.text, key, entries) if m.text == words and m.entity == entity]
    assert hits, f"{words!r} not found as a mention of {entity} in {key}"
    if followed_by:
        assert any(report.text.startswith(followed_by, m.span.end) for m in hits)


def test_backpage_city_pages_mention_backpage(reports, entries):
    report = reports["usc2012"]
    start = report.text.index("Backpage Los Angeles")
    mentions = {m.span.start: m for m in extract_mentions(report.text, "usc2012", entries)}
    assert mentions[start].text == "Backpage" and mentions[start].entity == "backpage"


# --- the hand-checked lists ------------------------------------------------------------------


def _heading_offset(text: str, heading: str, start: int) -> int:
    match = re.compile(rf"^[ \t]*{re.escape(heading)}[ \t]*$", re.MULTILINE).search(text, start)
    assert match, f"heading {heading!r} not found after offset {start}"
    return match.start()


def _word_pattern(words: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in words.split())
    return re.compile(rf"(?<!\w){body}(?!\w)")


def expected_mentions(text: str, spec: dict) -> tuple[set[tuple[int, int, str]], list[tuple[int, int]]]:
    """The hand-checked mentions as (start, end, slug), and the stretches of text they cover."""
    expected: set[tuple[int, int, str]] = set()
    ranges = []
    cursor = 0
    for section in spec["sections"]:
        start = _heading_offset(text, section["heading"], cursor) if section["heading"] else 0
        end = _heading_offset(text, section["until"], start + 1) if section["until"] else len(text)
        ranges.append((start, end))
        position = start
        for words, slug in section["mentions"]:
            match = _word_pattern(words).search(text, position, end)
            assert match, f"{spec['report']}: expected {words!r} not found in section {section['heading']!r}"
            expected.add((match.start(), match.end(), slug))
            position = match.end()
        cursor = start
    return expected, ranges


@pytest.mark.parametrize("key", ["policing2020", "usc2012"])
def test_mentions_match_the_hand_checked_list(reports, entries, key):
    spec = yaml.safe_load((EXPECTED / f"mentions_{key}.yaml").read_text(encoding="utf-8"))
    assert spec["report"] == key
    text = reports[key].text
    expected, ranges = expected_mentions(text, spec)
    found = {
        (m.span.start, m.span.end, m.entity)
        for m in extract_mentions(text, key, entries)
        if any(start <= m.span.start < end for start, end in ranges)
    }
    right = expected & found
    precision = len(right) / len(found) if found else 1.0
    recall = len(right) / len(expected) if expected else 1.0
    print(f"\n{key}: {len(expected)} expected, {len(found)} found, precision {precision:.3f}, recall {recall:.3f}")
    for start, end, slug in sorted(found - expected):
        print(f"  extra:  {text[start:end]!r} -> {slug} at {start}")
    for start, end, slug in sorted(expected - found):
        print(f"  missed: {text[start:end]!r} -> {slug} at {start}")
    assert precision >= MIN_PRECISION, f"precision {precision:.3f} below {MIN_PRECISION}"
    assert recall >= MIN_RECALL, f"recall {recall:.3f} below {MIN_RECALL}"


def test_the_hand_checked_lists_cover_the_sections_asked_for():
    """At least "Introduction" and "Backpage and online classifieds" (2020), "Beyond Backpage" and
    "Shifting Investigative Tactics" (2012) are read and listed."""
    headings = {
        key: {s["heading"] for s in yaml.safe_load((EXPECTED / f"mentions_{key}.yaml").read_text())["sections"]}
        for key in ("policing2020", "usc2012")
    }
    assert {"Introduction", "Backpage and online classifieds"} <= headings["policing2020"]
    assert {"Beyond Backpage", "Shifting Investigative Tactics: Online Low-Hanging Fruit"} <= headings["usc2012"]


def test_common_words_of_the_default_gazetteer_keep_their_capital(entries):
    found = _found("A meta-analysis sent a telegram; then Meta and Telegram replied, and reddit too.", entries)
    assert [text for text, _ in found] == ["Meta", "Telegram", "reddit"]
    assert [slug for _, slug in found] == ["meta-platforms", "telegram", "reddit"]


def test_the_default_gazetteer_names_its_sources():
    from kg.project.data import GAZETTEER

    text = GAZETTEER.read_text(encoding="utf-8")
    for source in ("Wikidata", "CC0", "Article 13", "5 U.S.C. § 101"):
        assert source in text
