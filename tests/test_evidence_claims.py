"""One claim per sentence span, and the kind of each claim from cue rules.

The kinds are measured on the 199 curated claims (the rule run on each curated quote, in its section,
cited or not) and on the brief's hand-made kinds; per kind precision and recall are printed, and the
accuracy must not fall below what it is today. In the built graph a sentence a curated claim covers
is one node with both origins, and a flag reaches the claim and the statistics stated in it.
"""

from __future__ import annotations

from collections import Counter

import pytest

from kg.evidence.kinds import METHOD_SECTION, claim_kind
from kg.query import run_query
from kg.records import Sentence
from kg.sources.text import sentence_at
from tests.evidence_support import RulesRun, curated, expected, find_quote, project_with_brief, run_rules

ACCURACY_FLOORS = {"curated": 0.84, "briefstyle": 0.94}
EKG = "https://w3id.org/evidence-kg/ontology#"


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> RulesRun:
    return run_rules(project_with_brief(tmp_path_factory.mktemp("claims")))


def _report_of(rules: RulesRun, key: str):
    return next(r for r in rules.extraction.reports if r.key == key)


def _kind_of_quote(rules: RulesRun, report: str, start: int, end: int, section: str) -> str:
    sentences = rules.extraction.sentences[report]
    home = sentence_at(sentences, start)
    cited = any(
        home is not None and home.span.start <= c.citation.span.start < home.span.end
        for c in rules.extraction.citations[report]
    )
    method = next((s.span.start for s in sentences if METHOD_SECTION.search(s.section)), None)
    text = _report_of(rules, report).text
    sentence = Sentence(home.span if home else None, text[start:end], section)  # type: ignore[arg-type]
    return claim_kind(sentence, cited, method is not None and start < method)[0]


def _print_confusion(name: str, pairs: list[tuple[str, str]]) -> float:
    confusion = Counter(pairs)
    kinds = sorted({k for pair in pairs for k in pair})
    accuracy = sum(n for (a, b), n in confusion.items() if a == b) / len(pairs)
    print(f"\n{name}: {len(pairs)} claims, kind right {accuracy:.3f}")
    for kind in kinds:
        tp = confusion[(kind, kind)]
        fp = sum(n for (a, b), n in confusion.items() if b == kind and a != kind)
        fn = sum(n for (a, b), n in confusion.items() if a == kind and b != kind)
        precision, recall = tp / (tp + fp) if tp + fp else 0, tp / (tp + fn) if tp + fn else 0
        print(f"  {kind:<15} precision {precision:.2f}  recall {recall:.2f}")
    return accuracy


def test_kinds_against_the_curated_claims(rules):
    pairs = []
    for report in ("policing2020", "usc2012"):
        text = _report_of(rules, report).text
        for claim in curated(report)["claims"]:
            start, end = find_quote(text, claim["quote"], claim.get("occurrence", 1))
            pairs.append((claim["kind"], _kind_of_quote(rules, report, start, end, claim["section"])))
    assert len(pairs) == 199
    assert _print_confusion("curated claims", pairs) >= ACCURACY_FLOORS["curated"]


def test_kinds_on_the_brief(rules):
    text = _report_of(rules, "briefstyle").text
    guesses = {(g.span.start, g.span.end): g.kind for g in rules.evidence.claims["briefstyle"]}
    pairs, unclaimed = [], []
    for item in expected("evidence_briefstyle.yaml")["kinds"]:
        start, _ = find_quote(text, item["quote"])
        hit = [kind for (s, e), kind in guesses.items() if s <= start < e]
        if hit:
            pairs.append((item["kind"], hit[0]))
        else:
            unclaimed.append(item["quote"])
    print(f"\nbriefstyle: {len(pairs)} of {len(pairs) + len(unclaimed)} hand-kinded sentences are extracted claims")
    for quote in unclaimed:
        print(f"  not a claim of the extraction: {quote!r}")
    assert _print_confusion("briefstyle", pairs) >= ACCURACY_FLOORS["briefstyle"]


@pytest.mark.parametrize(
    ("text", "section", "cited", "kind"),
    [
        ("A limitation of this study is its size.", "Discussion", False, "limitation"),
        ("Platforms should report every takedown.", "Discussion", False, "recommendation"),
        ("We interviewed 30 moderators in 2021.", "Data", False, "method"),
        ("We found that most ads moved within a week.", "Results", False, "finding"),
        ("Earlier work found that ads moved (Li 2019).", "Results", True, "background"),
        ("Sites have long hosted such ads (Li 2019).", "Introduction", True, "background"),
    ],
)
def test_cue_rules(text, section, cited, kind):
    assert claim_kind(Sentence(None, text, section), cited)[0] == kind  # type: ignore[arg-type]


# --- one claim per sentence span, in the built graph ------------------------------------------------


def test_a_sentence_a_curated_claim_covers_is_one_claim_with_both_origins(store):
    # "... generating approximately $99 billion of the $150 billion annually of all human trafficking
    # (Children’s Rights, n.d.; International Labour Organization, 2014)": curated claim intro-99-billion
    # holds both figures and rests on both works, so its sentence is that claim.
    rows = store.select(
        f"SELECT ?claim (COUNT(DISTINCT ?o) AS ?origins) WHERE {{ ?stat <{EKG}statedIn> ?claim . "
        f"?claim <{EKG}origin> ?o . FILTER(STRENDS(STR(?stat), '/1224-1235')) }} GROUP BY ?claim"
    ).records()
    assert [(r["claim"].rsplit("/", 1)[-1], r["origins"]) for r in rows] == [("1134-1291", "2")]


def test_no_two_claim_nodes_hold_the_same_sentence_when_a_curated_claim_covers_it(store, reports):
    kinds = run_query(store, "claim-kinds", {}, limit=None).records()
    curated_ids = {r["claim"] for r in run_query(store, "claims", {}, limit=None).records()}
    merged = [r for r in kinds if r["curated"] == "true"]
    assert merged and all(r["claim"] in curated_ids for r in merged)
    for r in kinds:
        start, end = (int(x) for x in r["claim"].rsplit("/", 1)[-1].split("-"))
        assert reports[r["report"]].text[start:end] == r["quote"]
        assert r["kind"] and r["extractedKind"] and r["cue"]


def test_a_flag_reaches_the_claim_and_its_statistics(store):
    # curated flag npr-figure is anchored on "(NPR, 2010)", after the curated claim's quote: it reaches the
    # claim the sentence is, and the figures stated in it
    flagged = store.select(
        f"SELECT ?target WHERE {{ ?flag <{EKG}localId> 'npr-figure' ; <{EKG}flags> ?target }}"
    ).records()
    targets = {r["target"].split("resource/", 1)[-1] for r in flagged}
    assert "stat/policing2020/1466-1483" in targets
    assert any(t.startswith("claim/policing2020/") for t in targets)
