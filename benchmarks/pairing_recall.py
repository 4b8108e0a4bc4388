#!/usr/bin/env python3
"""How many of the curated cross-report relations the rule pairings find, and how many pairings there are.

The real corpus is extracted once (with its curated layer, as ``kg build`` does) and the evidence
stage run on it; the claim pairings are then compared with the relations of
``annotations/cross-report.yaml`` (a curated relation is found when its two claims are paired).
With ``--semantic`` the same is measured for a semantic score (wordllama's model, shipped inside its
wheel: ``pip install wordllama``; nothing is downloaded), over a range of thresholds, beside word
overlap over the same range, so the two are compared at equal numbers of pairings and the same
bound of partners.

Measured (2026-12-07, 251 claims, 28 curated relations, 3 partners a claim at most): word overlap
finds 2 in 30 pairings (threshold 0.15, the build's), 3 in 78 (0.10), 5 in 128 (0.07); the semantic
cosine finds 3 in 73 (0.4), 3 in 152 (0.3), 4 in 226 (0.2); re-scoring the word index's candidates
(two shared words) by it gave 4 in 95 and 5 in 148. At equal numbers of pairings it finds no more of
them, so the build does not use it (and wordllama is no dependency).

    python benchmarks/pairing_recall.py [--semantic]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evidence import _claim_texts, compare, infer  # noqa: E402
from kg.evidence.records import Pairing  # noqa: E402
from kg.pipeline.stages import extract_all  # noqa: E402
from kg.project import ProjectPaths  # noqa: E402
from kg.records import Span  # noqa: E402


def gold_pairs(extraction) -> set[tuple[Span, Span]]:  # type: ignore[no-untyped-def]
    """The curated relations as pairs of claim spans (sorted)."""
    assert extraction.annotations is not None
    spans = {(c.report, c.id): c.span for c in extraction.annotations.claims}
    data = yaml.safe_load((ROOT / "annotations" / "cross-report.yaml").read_text(encoding="utf-8"))
    found = set()
    for relation in data["relations"]:
        a, b = spans[(data["report_a"], relation["claim_a"])], spans[(data["report_b"], relation["claim_b"])]
        found.add(tuple(sorted((a, b))))
    return found  # type: ignore[return-value]


def summary(name: str, pairs: list, gold: set, claims: int) -> str:  # type: ignore[type-arg]
    claim_pairs = {(p.a, p.b) for p in pairs if p.kind == "claim"}
    degree: Counter[Span] = Counter()
    for a, b in claim_pairs:
        degree[a] += 1
        degree[b] += 1
    hits = len(gold & claim_pairs)
    most = max(degree.values(), default=0)
    return (
        f"{name}: {len(claim_pairs)} claim pairings ({2 * len(claim_pairs) / max(claims, 1):.2f} per claim, "
        f"at most {most} for one claim); {hits} of {len(gold)} curated relations found"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semantic", action="store_true", help="also measure wordllama's semantic score")
    args = parser.parse_args(argv)
    paths = ProjectPaths.discover(ROOT)
    started = time.perf_counter()
    extraction = extract_all(paths)
    evidence = infer(extraction)
    texts = _claim_texts(extraction, evidence)
    claims = sum(len(v) for v in texts.values())
    gold = gold_pairs(extraction)
    print(f"{claims} claims in {len(texts)} reports; extraction and evidence {time.perf_counter() - started:.1f} s")
    print(summary("word overlap (the build's pairings)", evidence.pairings, gold, claims))
    if args.semantic:
        for threshold in (0.15, 0.10, 0.07):
            compare.CLAIM_SIMILARITY = threshold
            print(summary(f"word overlap >= {threshold}", compare.claim_pairs(texts), gold, claims))
        for threshold in (0.4, 0.3, 0.2):
            print(summary(f"semantic >= {threshold}", semantic_pairs(texts, threshold), gold, claims))
    return 0


def semantic_pairs(texts: dict[str, list[tuple[Span, str]]], threshold: float) -> list[Pairing]:
    """Claims paired by the cosine of wordllama's embeddings (every pair: for measuring only)."""
    import wordllama

    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    items = [(span, text) for claims in texts.values() for span, text in claims]
    vectors = model.embed([text for _, text in items], norm=True)
    similarity = vectors @ vectors.T
    candidates = [
        (float(similarity[i, j]), items[i][0], items[j][0])
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if items[i][0].report != items[j][0].report and similarity[i, j] >= threshold
    ]
    return [Pairing("claim", a, b, "similar", s, "") for s, a, b in compare.bounded(candidates, compare.PARTNERS)]


if __name__ == "__main__":
    sys.exit(main())
