#!/usr/bin/env python3
"""The evidence stage of a rebuild: with nothing changed, and with one report added, at N varied reports.

The claims' pairing weighs each word by its rarity over all claims, so one added report moves every
score and the pairing is computed again; with nothing changed the build cache answers it whole
(``kg.pipeline.stages.cached_claim_pairs``). This times :func:`kg.evidence.infer` on the extraction of
a generated project (``scripts/varied_corpus.py``, ``--rounds 13``: reports of about 50 KB) three ways:
the whole pairing computed (as every build did before, and as a build with one report added does
now), and answered from the cache. CPU seconds of this process; the load average beside them.

    python benchmarks/evidence_incremental.py --sizes 10,30

Measured 2026-12-07 (2 cores, shared; CPU s, then wall s). "Before" is the pairing of commit 87c33c5,
paid on every build; "after" is this branch:

| reports | claims | before: every build | after: one added | after: nothing changed | load |
|---|---|---|---|---|---|
| 10 | 2,795 | 4.23 / 6.36 | 2.32 / 3.53 | 1.78 / 2.73 | 5.4 |
| 30 | 8,544 | 9.92 / 13.79 | 5.29 / 5.41 | 3.88 / 4.28 | 4.4 |

(the claims' pairing alone: 2.24 -> 0.57 CPU s at 10 reports, 5.54 -> 2.50 at 30, the same pairs;
what stays with nothing changed is the entities, flags, chains, kinds and measures of every report)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from varied_corpus import write_corpus  # noqa: E402

from kg.evidence import compare, infer  # noqa: E402
from kg.pipeline.cache import BuildCache  # noqa: E402
from kg.pipeline.stages import cached_claim_pairs, extract_all  # noqa: E402
from kg.project import ProjectPaths  # noqa: E402


def _timed(task):  # type: ignore[no-untyped-def]
    cpu, wall = time.process_time(), time.perf_counter()
    result = task()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def measure(size: int, rounds: int) -> str:
    """One table row: the evidence stage computed whole, and with the pairing from the cache."""
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder) / "project", size, rounds=rounds)
        extraction = extract_all(ProjectPaths.discover(Path(folder) / "project"))
        claims: dict = {}
        whole = _timed(lambda: infer(extraction, lambda c: claims.update(c) or compare.claim_pairs(c)))
        filing = BuildCache(Path(folder) / "out")
        infer(extraction, cached_claim_pairs(filing))
        filing.commit()
        reading = BuildCache(Path(folder) / "out")
        cached = _timed(lambda: infer(extraction, cached_claim_pairs(reading)))
        assert reading.hits == 1 and cached[2].pairings == whole[2].pairings
    count = sum(map(len, claims.values()))
    computed = f"{whole[0]:.2f} / {whole[1]:.2f}"
    answered = f"{cached[0]:.2f} / {cached[1]:.2f}"
    return f"| {size} | {count:,} claims | computed: {computed} | cached: {answered} | {os.getloadavg()[0]:.1f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,30")
    parser.add_argument("--rounds", type=int, default=13)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        print(measure(size, args.rounds), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
