"""The claims' pairing in the incremental build: answered from the cache when no claim changed, and
a build over a cache from a smaller corpus writes the bytes of a build from nothing.

The pairing weighs each word by its rarity over all claims, so an added report moves every score;
the cache keeps one answer, keyed by every claim's text, and a changed corpus computes it again.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.pipeline.cache import CACHE_DIR, BuildCache
from kg.pipeline.stages import PAIRINGS_KIND, cached_claim_pairs, claims_key
from kg.project import ProjectPaths
from kg.records import Span
from kg.sources.add_many import add_reports

ROOT = Path(__file__).resolve().parents[1]

CLAIMS = {
    "b": [(Span("b", 0, 60), "Police recorded hate crime rose sharply in Manchester during the summer months")],
    "a": [
        (Span("a", 0, 55), "Hate crime recorded by police in Manchester rose sharply over the summer"),
        (Span("a", 60, 90), "Most victims never reported the abuse they suffered online"),
    ],
}


def _varied_corpus():
    spec = importlib.util.spec_from_file_location("varied_corpus", ROOT / "scripts" / "varied_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("varied_corpus", module)
    spec.loader.exec_module(module)
    return module


def test_the_claims_key_is_the_claims_not_their_order():
    reordered = {"a": CLAIMS["a"], "b": CLAIMS["b"]}
    assert claims_key(reordered) == claims_key(CLAIMS)
    changed = dict(CLAIMS, b=[(Span("b", 0, 60), CLAIMS["b"][0][1] + " again")])
    assert claims_key(changed) != claims_key(CLAIMS)
    moved = dict(CLAIMS, b=[(Span("b", 1, 61), CLAIMS["b"][0][1])])
    assert claims_key(moved) != claims_key(CLAIMS)


def test_the_cached_pairer_files_its_answer_and_reads_it_back(tmp_path):
    first = BuildCache(tmp_path)
    pairs = cached_claim_pairs(first)(CLAIMS)
    assert [(p.a, p.b) for p in pairs] == [(CLAIMS["a"][0][0], CLAIMS["b"][0][0])]
    assert first.hits == 0
    first.commit()
    assert (tmp_path / CACHE_DIR / PAIRINGS_KIND / f"{claims_key(CLAIMS)}.pickle").is_file()
    again = BuildCache(tmp_path)
    assert cached_claim_pairs(again)(CLAIMS) == pairs
    assert again.hits == 1 and not again.new, "nothing changed: the answer comes from the cache"


@pytest.mark.slow  # four builds of two generated reports and a third added (15 claim pairs, then 65: every score moves)
def test_a_report_added_to_a_cached_build_gives_the_bytes_of_a_fresh_build(tmp_path):
    spare, extra = _varied_corpus().write_corpus(tmp_path / "project", 2, extra=1)
    paths = ProjectPaths.discover(tmp_path / "project")
    out = tmp_path / "out"
    build(paths, out, lambda _: None, reasoning=False)
    before = (out / "kg.nt").read_bytes()
    said: list[str] = []
    build(paths, out, said.append, reasoning=False)
    assert (out / "kg.nt").read_bytes() == before
    assert len(list((out / CACHE_DIR / PAIRINGS_KIND).iterdir())) == 1

    assert not add_reports(paths, extra, progress=lambda _: None).failed
    build(paths, out, lambda _: None, reasoning=False)
    fresh = tmp_path / "fresh"
    build(paths, fresh, lambda _: None, reasoning=False)
    grown = (out / "kg.nt").read_bytes()
    assert grown != before, "the added report's claims are in the graph"
    assert grown == (fresh / "kg.nt").read_bytes()
    assert len(list((out / CACHE_DIR / PAIRINGS_KIND).iterdir())) == 1, "the old corpus's pairing is removed"
    shutil.rmtree(spare)
