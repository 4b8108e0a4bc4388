"""How fast the app answers: first page in Chromium after the health check, and server-side interactions.

Usage: python benchmarks/app_speed.py [--build DIR] [--repeats N] [--reports N [--project DIR]]

1. Starts ``streamlit run app/Home.py`` on a free port, with Chromium already running, and
   measures the time from the first ``/_stcore/health`` OK to the Overview page being ready
   (its content shown and the script finished). Target: within 1.5 s.
2. Runs each page's main interaction in-process with ``streamlit.testing.v1.AppTest``
   (the script run the server does for a widget change), warm, ``--repeats`` times, and
   reports the median. Target: under 300 ms.
3. With ``--reports 1000``, both on a project of 1,000 synthetic reports (graph and texts made
   by scripts/synthetic_corpus.py in a temporary folder) instead of the built graph; with
   ``--project DIR`` in DIR, kept, and reused by the next run (making it takes minutes).

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

from harness.app_server import RUNNING_JS, chromium, free_port, start_app, stop_app  # noqa: E402

RES = "https://w3id.org/evidence-kg/resource/"
FIRST_PAGE_TARGET_S = 1.5
INTERACTION_TARGET_MS = 300.0


def first_page_seconds(build_dir: Path) -> dict[str, float]:
    """Seconds from health OK to the Overview ready in Chromium (and from process start to health OK)."""
    import requests

    with chromium() as browser:
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
                if time.perf_counter() - started > 240:  # 1,000 reports under load: a minute or more
                    raise TimeoutError("the app did not become healthy within 240 s")
                time.sleep(0.02)
            healthy = time.perf_counter()
            page.goto(url + "/")
            page.get_by_text("Where to start").wait_for(timeout=60_000)
            page.wait_for_function(f"() => !({RUNNING_JS})()", timeout=60_000)
            ready = time.perf_counter()
            page.goto(url + "/")  # the same page again: the browser's share, with Python warm
            page.get_by_text("Where to start").wait_for(timeout=60_000)
            again = time.perf_counter()
            page.goto(url + "/Claims")  # a second page in a fresh session: store and caches are warm
            page.get_by_text("Search the quotes").wait_for(timeout=60_000)
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


def samples(build_dir: Path) -> dict[str, list[str]]:
    """Items of the graph to open: three claims, figures, works and platforms, whatever the corpus."""
    from kg.appdata.catalogue import build
    from kg.appdata.entities import entities
    from kg.appdata.names import short
    from kg.appdata.studies import studies
    from kg.store import EmbeddedStore

    store = EmbeddedStore.from_file(build_dir / "kg.nt")
    try:
        cat = build(store)
        works = [s.key for s in cat.sources.values() if s.key and s.reference]
        platforms = [e["entity"] for e in entities(store) if e["group"] == "platform"]
        found = studies(store)
        return {
            "claims": [short(c.iri) for c in cat.claims[:: max(1, len(cat.claims) // 3)][:3]],
            "figures": [short(f.iri) for f in cat.figures[:: max(1, len(cat.figures) // 3)][:3]],
            "works": works[:: max(1, len(works) // 3)][:3],
            "platforms": [short(p) for p in platforms[:3]],
            "studies": [short(s.iri) for s in found[:: max(1, len(found) // 3)][:3]],
            "sizes": [str(len(cat.claims)), str(len(cat.figures)), str(len(cat.reports))],
        }
    finally:
        store.close()


def interactions(repeats: int, picks: dict[str, list[str]]) -> dict[str, list[float]]:
    """Milliseconds of each interaction's script run, warm (first runs excluded)."""
    from streamlit.testing.v1 import AppTest

    def app(name: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app" / name), default_timeout=120)
        return at.run()

    claims = app("screens/1_Claims.py")
    stats = app("screens/2_Statistics.py")
    sources = app("screens/3_Sources.py")
    flags = app("screens/3_Flags.py")
    compare = app("screens/3_Compare.py")
    entities = app("screens/4_Platforms_and_agencies.py")
    sparql = app("screens/6_SPARQL.py")
    search = app("screens/0_Search.py")
    studies = app("screens/3_Studies.py")
    views: dict[str, AppTest] = {}

    def view(page: str, param: str, value: str) -> None:
        at = views.get(page) or AppTest.from_file(str(ROOT / "app" / page), default_timeout=120)
        views[page] = at
        at.query_params.clear()
        at.query_params[param] = value
        at.run()
        assert not at.exception, at.exception

    words = ["police", "Backpage", "social media", "minors", "interview", "phone", "online", "report"]
    kinds = [["news"], ["interview"], ["research article or book"]]
    queries = [
        "SELECT ?s WHERE { ?s a ekg:Statistic } LIMIT 50",
        "SELECT ?w ?k WHERE { ?w ekg:bibtexKey ?k } LIMIT 50",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ]

    paging = app("screens/1_Claims.py")

    def next_page(i: int) -> None:
        paging.number_input(key="claim_page").set_value(1 + i % 3 + 1).run()

    cases: dict[str, Callable[[int], object]] = {
        "claims: search": lambda i: claims.text_input(key="claim_search").set_value(words[i % len(words)]).run(),
        "claims: rests on (source kind)": lambda i: claims.pills(key="claim_source").set_value(kinds[i % 3]).run(),
        "claims: next page": next_page,
        "claims: open a claim": lambda i: view("screens/1_Claims.py", "claim", picks["claims"][i % 3]),
        "statistics: rests on": lambda i: stats.pills(key="stat_source").set_value(kinds[i % 3]).run(),
        "statistics: provenance of a figure": lambda i: view(
            "screens/2_Statistics.py", "stat", picks["figures"][i % 3]
        ),
        "sources: open a work": lambda i: view("screens/3_Sources.py", "work", picks["works"][i % 3]),
        "platforms: open one": lambda i: view(
            "screens/4_Platforms_and_agencies.py", "entity", picks["platforms"][i % 3]
        ),
        "compare: relation kind": lambda i: (
            compare.pills(key="compare_kind").set_value([["corroborates"], ["contradicts"], []][i % 3]).run()
        ),
        "flags: search": lambda i: flags.text_input(key="flag_search").set_value(["", "source", "date"][i % 3]).run(),
        "search: everything": lambda i: search.text_input(key="q").set_value(words[i % len(words)]).run(),
        "search: only interview excerpts": lambda i: (
            search.pills(key="search_kinds").set_value([["interview excerpt"], ["study"], []][i % 3]).run()
        ),
        "studies: whose": lambda i: (
            studies.pills(key="study_whose")
            .set_value([["the report's own study"], ["a study the report describes from its sources"], []][i % 3])
            .run()
        ),
        "studies: open a study": lambda i: view("screens/3_Studies.py", "study", picks["studies"][i % 3]),
        "sparql: run a query": lambda i: (
            sparql.text_area(key="sparql_editor").set_value(queries[i % 3]),
            sparql.button(key="sparql_run").click().run(),
        ),
    }
    del sources, entities
    timings: dict[str, list[float]] = {}
    for name, action in cases.items():
        for warm in range(3):  # first views of these values fill the caches
            action(warm)
        runs = []
        for i in range(repeats):
            started = time.perf_counter()
            action(i)
            runs.append((time.perf_counter() - started) * 1000)
        for at in (claims, paging, stats, flags, compare, sparql, search, studies, *views.values()):
            assert not at.exception, (name, at.exception)
        timings[name] = runs
    return timings


def synthetic_project(reports: int, folder: Path) -> tuple[Path, float]:
    """A project folder of N synthetic reports (graph and texts), made by scripts/synthetic_corpus.py.

    A folder that holds one already (a ``--project`` kept from an earlier run) is reused as it is."""
    import subprocess

    started = time.perf_counter()
    if (folder / "build" / "kg.nt").is_file():
        return folder / "build", 0.0
    subprocess.run([sys.executable, "-m", "kg.cli", "init", str(folder)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "synthetic_corpus.py"),
            "--reports",
            str(reports),
            "--out",
            str(folder / "build" / "kg.nt"),
            "--texts",
            str(folder),
            "--quiet",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return folder / "build", time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=str(ROOT / "build"), help="built graph folder (default build/)")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument(
        "--reports", type=int, default=0, help="measure on N synthetic reports (e.g. 1000), made in a temp folder"
    )
    parser.add_argument("--project", help="with --reports: make the synthetic project here and keep it (or reuse it)")
    args = parser.parse_args()
    build_dir = Path(args.build)
    scratch = None
    made_s = 0.0
    if args.reports:
        import tempfile

        if args.project:
            folder = Path(args.project)
        else:
            scratch = tempfile.TemporaryDirectory(prefix="kg-app-speed-")
            folder = Path(scratch.name) / "project"
        build_dir, made_s = synthetic_project(args.reports, folder)
        os.environ["KG_HOME"] = str(build_dir.parent)
        print(f"{args.reports:,} synthetic reports made in {made_s:.1f} s", file=sys.stderr)
    if not (build_dir / "kg.nt").is_file():
        print(f"no built graph at {build_dir}: run `kg build` first", file=sys.stderr)
        return 2
    if shutil.which("chromium") is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    os.environ["KG_BUILD_DIR"] = str(build_dir)
    os.environ.pop("KG_ENDPOINT", None)

    load_before = os.getloadavg()[0]  # 2 cores shared: the figures mean little without the load beside them
    page = first_page_seconds(build_dir)
    page["load_1min"] = (load_before + os.getloadavg()[0]) / 2
    picks = samples(build_dir)
    timings = interactions(args.repeats, picks)

    print(f"{'measure':<40}{'median':>10}{'max':>10}  target  ok")
    print(f"{'start to health OK':<40}{page['start_to_health_s'] * 1000:>8.0f}ms{'':>10}")
    ok = page["health_to_first_page_s"] <= FIRST_PAGE_TARGET_S
    print(
        f"{'health OK to first page ready':<40}{page['health_to_first_page_s'] * 1000:>8.0f}ms{'':>10}"
        f"  {FIRST_PAGE_TARGET_S:g} s   {'yes' if ok else 'NO'}"
    )
    print(f"{'load average (1 min) during it':<40}{page['load_1min']:>10.1f}")
    print(f"{'first page again (warm process)':<40}{page['first_page_again_warm_s'] * 1000:>8.0f}ms")
    print(f"{'second page (warm process)':<40}{page['second_page_s'] * 1000:>8.0f}ms")
    claims_n, figures_n, reports_n = picks["sizes"]
    print(f"{'graph':<40}{reports_n} reports, {claims_n} claims, {figures_n} figures")
    results = {
        "first_page": page,
        "interactions_ms": {},
        "repeats": args.repeats,
        "reports": int(reports_n),
        "claims": int(claims_n),
        "figures": int(figures_n),
        "synthetic_made_s": made_s,
        "load_1min_after_interactions": os.getloadavg()[0],
    }
    for name, runs in timings.items():
        median = statistics.median(runs)
        good = median < INTERACTION_TARGET_MS
        print(f"{name:<40}{median:>8.0f}ms{max(runs):>8.0f}ms  300 ms  {'yes' if good else 'NO'}")
        results["interactions_ms"][name] = {"median": median, "max": max(runs), "runs": runs}
    print(f"{'load average (1 min) after them':<40}{results['load_1min_after_interactions']:>10.1f}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = out / f"app_speed-{stamp}.json"
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    if scratch is not None:
        scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
