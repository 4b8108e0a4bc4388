"""Figures and claims of different reports put side by side, as suggestions for a curator.

**Figures.** Two figures of different reports are paired when they are of the same unit and kind
and measure the same thing: their measure phrases share most content words (Jaccard at least
``PHRASE_OVERLAP``, and at least two words that are not generic ones such as "share" or "age"), or
they have the same subject entity and share a word that is not generic (or both phrases are
generic, as two ranks are). A pair *corroborates* when the values agree within ``TOLERANCE`` (relative to the
larger, or the ranges overlap) and *contradicts* otherwise.

**Claims.** Claims of different reports are compared by the words they share, weighted by how
rare each word is across all claims (TF-IDF cosine on content words, lightly stemmed). A pair must
reach ``CLAIM_SIMILARITY`` and share at least ``MIN_SHARED`` words. Candidates are found through an
index of words, each word's list capped (a word that many claims share tells none apart), so the
work grows with the claims, not with every pair of them. A word's weight depends on all claims (and
a list's cap on their number), so one added report moves every score: the pairing is one corpus-wide
step, and the build caches its answer whole (:func:`kg.pipeline.stages.cached_claim_pairs`).

**Bounded.** Each claim and each figure keeps at most ``PARTNERS`` suggested partners, its best
(:func:`bounded`): pairing each claim with its best match in every other report gave about twenty
partners a claim at 42 reports, most of them between near-identical sentences, too many to read.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from decimal import Decimal

from kg.evidence.records import Measure, Pairing
from kg.records import Span, StatisticRecord

TOLERANCE = Decimal("0.10")
PHRASE_OVERLAP = 0.5
CLAIM_SIMILARITY = 0.15
#: How many suggested partners one claim or one figure gets at most (the best ones).
PARTNERS = 3
#: How many content words two claims must share to be paired.
MIN_SHARED = 2
#: A word in more claims than this share of them says nothing about which two belong together.
_COMMON = 0.2
_MAX_POSTING = 200
_GENERIC = frozenset("share amount count age rank duration number total reduction increase per".split())
STOPWORDS = frozenset(
    """a about above after again against all also an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its itself just may me might more most much must my no nor not now of off
    on once only or other our out over own same she should so some such than that the their them then there these
    they this those through to too under until up very was we were what when where which while who whom why will
    with would you your one two three four five many several however thus also even within without yet""".split()
)


def content_words(text: str) -> list[str]:
    """Lower-case content words, lightly stemmed (plural and possessive endings)."""
    words = []
    for word in re.findall(r"[a-z][a-z-]{2,}", text.lower().replace("’", "'")):
        if word in STOPWORDS:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        words.append(word)
    return words


def _agree(a: StatisticRecord, b: StatisticRecord) -> bool:
    low_a, high_a = a.value, a.upper if a.upper is not None else a.value
    low_b, high_b = b.value, b.upper if b.upper is not None else b.value
    if low_a <= high_b and low_b <= high_a:
        return True
    biggest = max(abs(high_a), abs(high_b))
    return biggest > 0 and min(abs(low_a - high_b), abs(low_b - high_a)) / biggest <= TOLERANCE


def _across_reports(
    items: list[tuple[StatisticRecord, set[str]]],
) -> list[tuple[StatisticRecord, set[str], StatisticRecord, set[str]]]:
    """Every pair of items of two different reports (none within one report, at no cost)."""
    by_report: dict[str, list[tuple[StatisticRecord, set[str]]]] = defaultdict(list)
    for stat, words in items:
        by_report[stat.span.report].append((stat, words))
    reports = sorted(by_report)
    return [
        (a, words_a, b, words_b)
        for i, first in enumerate(reports)
        for second in reports[i + 1 :]
        for a, words_a in by_report[first]
        for b, words_b in by_report[second]
    ]


def figure_pairs(
    stats: dict[str, list[StatisticRecord]], measures: dict[Span, Measure], partners: int = PARTNERS
) -> list[Pairing]:
    """Figures of different reports that measure the same thing, as corroborations or conflicts; each
    figure with at most ``partners`` of them, the closest (see :func:`bounded`)."""
    index: dict[tuple[str, str, str], list[tuple[StatisticRecord, set[str]]]] = defaultdict(list)
    for report in sorted(stats):
        for stat in stats[report]:
            measure = measures.get(stat.span)
            if measure is None:
                continue
            words = set(content_words(measure.phrase))
            for word in words - _GENERIC:
                index[(stat.unit, stat.kind, word)].append((stat, words))
            if measure.subject_entity:
                index[(stat.unit, stat.kind, "@" + measure.subject_entity)].append((stat, words))
    pairs: dict[tuple[Span, Span], Pairing] = {}
    # A pair's first look decides it: its words, values and shared words are the same under every word
    # it shares, and a shared subject (its one "@" key) sorts before the words of the same unit and
    # kind, so a later look would find the same pair or one no better (kept only when strictly better).
    seen: set[tuple[int, int]] = set()
    for (_, _, word), items in sorted(index.items(), key=lambda kv: kv[0]):
        if len(items) > _MAX_POSTING:
            continue  # a word this many figures share tells none of them apart
        for a, words_a, b, words_b in _across_reports(items):
            looked = (id(a), id(b)) if id(a) < id(b) else (id(b), id(a))  # the two records, in either order
            if looked in seen:
                continue
            seen.add(looked)
            overlap = len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0
            same_subject = word.startswith("@")
            shared = (words_a & words_b) - _GENERIC
            both_generic = not (words_a - _GENERIC) and not (words_b - _GENERIC)
            if same_subject and not (shared or both_generic):
                continue  # the same platform's visits and its users are two measures
            if not same_subject and (overlap < PHRASE_OVERLAP or len(shared) < 2):
                continue  # one shared word ("officers") is too little to say two figures count the same thing
            first, second = sorted((a, b), key=lambda s: (s.span.report, s.span.start))
            relation = "corroborates" if _agree(first, second) else "contradicts"
            basis = word[1:] if same_subject else " ".join(sorted(words_a & words_b))
            score = max(overlap, 1.0 if same_subject else 0.0)
            key = (first.span, second.span)
            if key not in pairs or pairs[key].score < score:
                pairs[key] = Pairing("figure", first.span, second.span, relation, round(score, 3), basis)
    kept = bounded([(p.score, p.a, p.b) for p in pairs.values()], partners)
    return [pairs[k] for k in sorted((a, b) for _, a, b in kept)]


def claim_pairs(claims: dict[str, list[tuple[Span, str]]], partners: int = PARTNERS) -> list[Pairing]:
    """Claims of different reports that share rare words, each claim with at most ``partners`` of them.

    Candidates come from an inverted index of words (a word in many claims is left out of it), so
    the work grows with the claims, not with every pair of them. A pair must reach
    ``CLAIM_SIMILARITY`` and share at least ``MIN_SHARED`` content words (one shared word, "number"
    or "month", says nothing); each claim proposes its best few and :func:`bounded` keeps
    the best pairs so that no claim has more than ``partners``.
    """
    vectors: dict[Span, Counter[str]] = {}
    for report_claims in claims.values():
        for span, text in report_claims:
            vectors[span] = Counter(content_words(text))
    total = len(vectors) or 1
    df: Counter[str] = Counter(word for vector in vectors.values() for word in vector)
    idf = {word: math.log(total / n) for word, n in df.items()}
    weighted = {span: {w: c * idf[w] for w, c in vector.items()} for span, vector in vectors.items()}
    norms = {span: math.sqrt(sum(v * v for v in vec.values())) or 1.0 for span, vec in weighted.items()}
    limit = min(_MAX_POSTING, max(2, _COMMON * total))
    # claims by their place in span order: ints hash and compare faster than spans, in the same order
    order = sorted(weighted)
    vecs = [weighted[span] for span in order]
    sizes = [norms[span] for span in order]
    postings: dict[str, list[tuple[int, str, float]]] = defaultdict(list)
    for index, span in enumerate(order):
        for word, weight in vecs[index].items():
            if df[word] <= limit:
                postings[word].append((index, span.report, weight))
    proposed: dict[tuple[int, int], float] = {}
    for index, span in enumerate(order):
        mine = vecs[index]
        report = span.report
        scores: defaultdict[int, float] = defaultdict(float)
        # summed in the order of this claim's words, so each score is the same float however it is found
        for word, weight in mine.items():
            for other, other_report, other_weight in postings.get(word, ()):
                if other_report != report:
                    scores[other] += weight * other_weight
        norm = sizes[index]
        # a cheap bound first (slightly below the threshold, so that no pair it keeps out could reach it)
        bound = CLAIM_SIMILARITY * norm * (1 - 1e-9)
        similar = []
        for other, dot in scores.items():
            if dot < bound * sizes[other]:
                continue
            score = dot / (norm * sizes[other])
            if score >= CLAIM_SIMILARITY:
                similar.append((score, other))
        # more proposals than partners: a claim whose best partners are taken by others still finds some
        for score, other in _best_sharing(similar, mine, vecs, 3 * partners):
            proposed[(min(index, other), max(index, other))] = score
    pairs = []
    candidates = [(s, order[a], order[b]) for (a, b), s in proposed.items()]
    for score, first, second in bounded(candidates, partners):
        shared = sorted(weighted[first].keys() & weighted[second].keys(), key=lambda w: (-weighted[first][w], w))
        pairs.append(Pairing("claim", first, second, "similar", round(score, 3), " ".join(shared[:8])))
    return sorted(pairs, key=lambda p: (p.a, p.b))


def _best_sharing(
    similar: list[tuple[float, int]], mine: dict[str, float], vecs: list[dict[str, float]], count: int
) -> list[tuple[float, int]]:
    """The ``count`` best of ``similar`` that share at least ``MIN_SHARED`` words with the claim.

    The shared words are counted for the best few first (most of them pass), and when some of those
    fail, for the next best until enough pass: the same list as filtering all first, at a fraction of
    the cost."""

    def sharing(item: tuple[float, int]) -> bool:
        return len(mine.keys() & vecs[item[1]].keys()) >= MIN_SHARED

    best = heapq.nlargest(count, similar)
    if all(sharing(item) for item in best):
        return best
    # the best first until ``count`` share (popped in nlargest's order: score, then index, both descending),
    # so that the words are counted for a few more, not for every similar claim (those grow with the corpus)
    heap = [(-score, -other) for score, other in similar]
    heapq.heapify(heap)
    found: list[tuple[float, int]] = []
    while heap and len(found) < count:
        negative_score, negative_other = heapq.heappop(heap)
        item = (-negative_score, -negative_other)
        if sharing(item):
            found.append(item)
    return found


def bounded(candidates: list[tuple[float, Span, Span]], partners: int) -> list[tuple[float, Span, Span]]:
    """The best pairs such that no item is in more than ``partners`` of them (greedy, best score first).

    Taking the pairs from the best down keeps each item's strongest links; ties are broken by the
    items' order, so the same input gives the same pairs.
    """
    degree: Counter[Span] = Counter()
    kept = []
    for score, a, b in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if degree[a] < partners and degree[b] < partners:
            kept.append((score, a, b))
            degree[a] += 1
            degree[b] += 1
    return kept
