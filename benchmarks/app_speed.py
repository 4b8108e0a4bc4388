"""How fast the app answers: first page in Chromium after the health check, and server-side interactions.

Usage: python benchmarks/app_speed.py [--build DIR] [--repeats N]

1. Starts ``streamlit run app/Home.py`` on a free port, with Chromium already running, and
   measures the time from the first ``/_stcore/health`` OK to the Overview page being ready
   (its content shown and the script finished). Target: within 2 s.
2. Runs each page's main interaction in-process with ``streamlit.testing.v1.AppTest``
   (the script run the server does for a widget change), warm, ``--repeats`` times, and
   reports the median. Target: under 300 ms.

Prints a table and writes JSON to benchmarks/results/app_speed-<UTC time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.app_server import CHROMIUM_ARGS, free_port, start_app, stop_app  # noqa: E402

RES = "https://w3id.org/evidence-kg/resource/"
FIRST_PAGE_TARGET_S = 2.0
INTERACTION_TARGET_MS = 300.0


def first_page_seconds(build_dir: Path) -> dict[str, float]:
    """Seconds from health OK to the Overview ready in Chromium (and from process start to health OK)."""
    import requests
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        port = free_port()
        started = time.perf_counter()
        process = start_app(build_dir, port)
        url = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    if requests.get(f"{url}/_stcore/health", timeout=1).text.strip() == "ok":
                        break
                except requests.RequestException:
                    pass
                if time.perf_counter() - started > 60:
                    raise TimeoutError("the app did not become healthy within 60 s")
                time.sleep(0.02)
            healthy = time.perf_counter()
            page.goto(url + "/")
            page.get_by_text("Tables of the reports").wait_for(timeout=60_000)
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
                timeout=60_000,
            )
            ready = time.perf_counter()
            page.goto(url + "/")  # the same page again: the browser's share, with Python warm
            page.get_by_text("Tables of the reports").wait_for(timeout=60_000)
            again = time.perf_counter()
            page.goto(url + "/Claims")  # a second page in a fresh session: store and caches are warm
            page.get_by_text("The claim in detail").wait_for(timeout=60_000)
            second = time.perf_counter()
        finally:
            browser.close()
            stop_app(process)
    return {
        "start_to_health_s": healthy - started,
        "health_to_first_page_s": ready - healthy,
        "first_page_again_warm_s": again - ready,
        "second_page_s": second - again,
    }


def interactions(repeats: int) -> dict[str, list[float]]:
    """Milliseconds of each interaction's script run, warm (first run excluded)."""
    from streamlit.testing.v1 import AppTest

    pages = ROOT / "kg" / "app" / "pages"

    def app(name: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "kg" / "app" / name), default_timeout=120)
        return at.run()

    claims = app("pages/1_Claims.py")
    stats = app("pages/2_Statistics.py")
    sources = app("pages/3_Sources.py")
    entities = app("pages/4_Platforms_and_agencies.py")
    graph = app("pages/5_Graph.py")
    sparql = app("pages/6_SPARQL.py")
    del pages

    words = ["Craigslist", "Backpage", "social media", "pimp", "interview", "police", "minors", "phone"]
    stat_ids = ["res:stat/usc2012/29482-29489", "res:stat/policing2020/1224-1235", "res:stat/usc2012/5204-5209"]
    works = ["woolhouse2010", "musto2011", "ilo2014"]
    ents = [RES + "platform/backpage", RES + "platform/craigslist", RES + "platform/facebook"]
    centres = [RES + "platform/backpage", RES + "platform/craigslist", RES + "platform/mocospace"]
    queries = [
        "SELECT ?s WHERE { ?s a ekg:Statistic } LIMIT 50",
        "SELECT ?w ?k WHERE { ?w ekg:bibtexKey ?k } LIMIT 50",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ]
    first_open: list[str] = []

    def open_claim(i: int) -> None:
        if not first_open:
            first_open.extend(b.key for b in claims.button if b.key and b.key.startswith("claim_open_"))
        claims.button(key=first_open[i % len(first_open)]).click().run()

    cases: dict[str, Callable[[int], object]] = {
        "claims: search": lambda i: claims.text_input(key="claim_search").set_value(words[i % len(words)]).run(),
        "claims: open a claim": open_claim,
        "statistics: provenance of a figure": lambda i: (
            stats.selectbox(key="stat_pick").set_value(stat_ids[i % 3]).run()
        ),
        "sources: open a work": lambda i: sources.selectbox(key="source_pick").set_value(works[i % 3]).run(),
        "platforms: open one": lambda i: entities.selectbox(key="entity_pick").set_value(ents[i % 3]).run(),
        "graph: change the centre": lambda i: (
            graph.selectbox(key="graph_center_platform").set_value(centres[i % 3]).run()
        ),
        "sparql: run a query": lambda i: (
            sparql.text_area(key="sparql_editor").set_value(queries[i % 3]),
            sparql.button(key="sparql_run").click().run(),
        ),
    }
    timings: dict[str, list[float]] = {}
    for name, action in cases.items():
        action(0)  # warm: first view of these values fills the caches
        action(1)
        action(2)
        runs = []
        for i in range(repeats):
            started = time.perf_counter()
            action(i)
            runs.append((time.perf_counter() - started) * 1000)
        for at in (claims, stats, sources, entities, graph, sparql):
            assert not at.exception, at.exception
        timings[name] = runs
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=str(ROOT / "build"), help="built graph folder (default build/)")
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    build_dir = Path(args.build)
    if not (build_dir / "kg.nt").is_file():
        print(f"no built graph at {build_dir}: run `kg build` first", file=sys.stderr)
        return 2
    if shutil.which("chromium") is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    os.environ["KG_BUILD_DIR"] = str(build_dir)
    os.environ.pop("KG_ENDPOINT", None)

    page = first_page_seconds(build_dir)
    timings = interactions(args.repeats)

    print(f"{'measure':<40}{'median':>10}{'max':>10}  target  ok")
    print(f"{'start to health OK':<40}{page['start_to_health_s'] * 1000:>8.0f}ms{'':>10}")
    ok = page["health_to_first_page_s"] <= FIRST_PAGE_TARGET_S
    print(
        f"{'health OK to first page ready':<40}{page['health_to_first_page_s'] * 1000:>8.0f}ms{'':>10}"
        f"  {FIRST_PAGE_TARGET_S:.0f} s     {'yes' if ok else 'NO'}"
    )
    print(f"{'first page again (warm process)':<40}{page['first_page_again_warm_s'] * 1000:>8.0f}ms")
    print(f"{'second page (warm process)':<40}{page['second_page_s'] * 1000:>8.0f}ms")
    results = {"first_page": page, "interactions_ms": {}, "repeats": args.repeats}
    for name, runs in timings.items():
        median = statistics.median(runs)
        good = median < INTERACTION_TARGET_MS
        print(f"{name:<40}{median:>8.0f}ms{max(runs):>8.0f}ms  300 ms  {'yes' if good else 'NO'}")
        results["interactions_ms"][name] = {"median": median, "max": max(runs), "runs": runs}
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = out / f"app_speed-{stamp}.json"
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
