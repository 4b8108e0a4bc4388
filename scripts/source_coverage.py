#!/usr/bin/env python3
"""How many cited works a reader can find: with a title, with a link, and where each came from.

Reads the built graph through the canned ``references`` query, so it counts exactly what a reader
sees. "Before" counts only what the reports themselves give (their text as ``bib/`` records it, and
their parsed reference lists); "after" adds the candidate sources (curated in ``bib/candidates.yaml``,
then ``kg enrich``'s suggestions). Also counts the curated candidates: found, not found, checked
against a second page, and with a figure note (and how many of those disagree with the report).

    python scripts/source_coverage.py [--build DIR]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from kg.project import ProjectPaths
from kg.query import run_query
from kg.sources.candidates import load_curated
from kg.store import EmbeddedStore

OWN = {"text", "reference list"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", help="folder of the built graph (default: the project's build/)")
    args = parser.parse_args()
    paths = ProjectPaths.discover()
    store = EmbeddedStore.from_file(Path(args.build or paths.build) / "kg.nt")
    rows = run_query(store, "references", {}, paths=paths, limit=None).records()
    store.close()
    link_from = [r["urlFrom"] or r["doiFrom"] for r in rows]
    print(f"cited works: {len(rows)}")
    print("before (the reports' own words):")
    print(f"  with a title: {sum(r['titleFrom'] in OWN for r in rows)}")
    print(f"  with a link (URL or DOI): {sum(f in OWN for f in link_from)}")
    print("after (with candidate sources):")
    titles = dict(Counter(r["titleFrom"] or "none" for r in rows))
    linked = dict(Counter(f or "none" for f in link_from))
    print(f"  with a title: {sum(bool(r['title']) for r in rows)}  by origin: {titles}")
    print(f"  with a link: {sum(bool(f) for f in link_from)}  by origin: {linked}")
    print(f"  with both: {sum(bool(r['title']) and bool(f) for r, f in zip(rows, link_from, strict=True))}")
    curated = load_curated(paths)
    found = [c for c in curated if c.status == "found"]
    figures = [c for c in curated if c.figure_matches is not None]
    print("curated candidates (bib/candidates.yaml):")
    print(f"  found: {len(found)}  not found: {len(curated) - len(found)}")
    print(f"  checked against a second page: {sum(bool(c.checked_url) for c in found)}")
    other = sum(c.figure_matches is False for c in figures)
    print(f"  with a figure note: {len(figures)}  (the page gives another figure: {other})")


if __name__ == "__main__":
    main()
