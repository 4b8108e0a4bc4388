"""The evidence stage in per-report tasks infers what the one-process stage inferred.

:func:`kg.evidence.stage.infer` scans each report, merges the counts and then infers each report's
evidence as tasks (:mod:`kg.evidence.per_report`) that the build runs in worker processes and caches.
Checked on the real corpus against the whole-corpus finder run in one process (the stage as it was:
:class:`EntityFinder` over every report, then its ``mentions()``), and the build's cached runner
against the serial one; a report's task keys do not move when another report changes.
"""

from __future__ import annotations

from dataclasses import replace

from kg.evidence import infer
from kg.evidence.entities import EntityFinder
from kg.pipeline.cache import BuildCache
from kg.pipeline.pool import Runner
from kg.pipeline.stages import cached_runner, extract_all


def _finder_mentions(extraction):
    finder = EntityFinder(extraction.gazetteer, extraction.references, extraction.works)
    for report in extraction.reports:
        key = report.key
        finder.scan(
            report, extraction.sentences[key], extraction.mentions.get(key, []), extraction.citations.get(key, [])
        )
    return finder.mentions(), finder.entities()


def test_per_report_tasks_find_what_the_whole_corpus_finder_finds(paths, tmp_path):
    extraction = extract_all(paths)
    mentions, entities = _finder_mentions(extraction)
    serial = infer(extraction)
    assert serial.mentions == mentions and sum(map(len, mentions.values())) > 5
    assert serial.entities == entities and len(entities) > 3

    calls: list[tuple[str, int]] = []
    cache = BuildCache(tmp_path / "out")
    run = cached_runner(Runner(jobs=2), cache)

    def counted(kind, fn, items, keys):
        calls.append((kind, len(items)))
        return run(kind, fn, items, keys)

    pooled = infer(extraction, run=counted)
    assert calls == [("evidence-scan", 2), ("evidence-report", 2)]
    assert pooled == serial
    hits = cache.hits
    again = infer(extraction, run=cached_runner(Runner(jobs=2), cache))
    assert again == serial and cache.hits == hits + 4  # every task answered by this build's entries


def test_a_changed_report_leaves_the_other_reports_tasks_unchanged(paths):
    extraction = extract_all(paths)
    keys: dict[str, list[str]] = {}

    def record(kind, fn, items, found):
        keys[kind] = found
        return [fn(item) for item in items]

    infer(extraction, run=record)
    before = dict(keys)
    first, second = extraction.reports
    edited = replace(first, text=first.text + " ")
    infer(replace(extraction, reports=[edited, second]), run=record)
    for kind in ("evidence-scan", "evidence-report"):
        assert keys[kind][0] != before[kind][0]
        assert keys[kind][1] == before[kind][1]
