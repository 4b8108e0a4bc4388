"""The scale benchmark's figures as Markdown: the load table, the query tables, and the targets.

Kept apart from the measuring, so that the tables of a saved run (the JSON in benchmarks/results/)
can be made again, or changed, without measuring again: ``tables(json.load(file))``.

A query's cell is ``p50 / p95`` in ms, ``> N`` when it was capped at N ms, ``skip`` when it had no
parameter values. The targets checked are the embedded store's: every canned query within 10 ms on
the real graph; at 1,000 reports a build within 2 minutes, lookups within 20 ms and aggregates within
500 ms (p50), and a median speed-up of 20x over rdflib.
"""

from __future__ import annotations

import statistics

from kg.query import QuerySpec, load_registry


def _ms(result: dict | None) -> str:
    if not result:
        return "-"
    if result.get("status") == "capped":
        return f"> {result['cap_s'] * 1000:,.0f}"
    if result.get("status") == "skipped":
        return "skip"
    if "p50" not in result:
        return "err" if result.get("status") == "error" else "-"
    return f"{result['p50']:,.1f} / {result['p95']:,.1f}"


def speedup(embedded: dict, rdflib: dict) -> tuple[float | None, bool]:
    """rdflib p50 / embedded p50; a lower bound (True) when rdflib was capped."""
    if "p50" not in embedded:
        return None, False
    if "p50" in rdflib:
        return rdflib["p50"] / max(embedded["p50"], 1e-3), False
    if rdflib.get("status") == "capped":
        return rdflib["cap_s"] * 1000 / max(embedded["p50"], 1e-3), True
    return None, False


def size_summary(entry: dict, registry: dict[str, QuerySpec]) -> dict:
    stores = entry["stores"]
    summary: dict = {}
    for kind, wanted in (("lookups", True), ("aggregates", False)):
        for store, data in stores.items():
            values = [
                data["queries"][n]["p50"]
                for n, s in registry.items()
                if bool(s.params) == wanted and "p50" in data["queries"].get(n, {})
            ]
            capped = [
                n
                for n, s in registry.items()
                if bool(s.params) == wanted and data["queries"].get(n, {}).get("status") in ("capped", "skipped")
            ]
            summary[f"{store} {kind}"] = {
                "median_p50": statistics.median(values) if values else None,
                "max_p50": max(values) if values else None,
                "capped": capped,
            }
    ratios = (
        [speedup(stores["embedded"]["queries"].get(n, {}), stores["rdflib"]["queries"].get(n, {})) for n in registry]
        if "rdflib" in stores and "embedded" in stores
        else []
    )
    known = [r for r, _ in ratios if r is not None]
    summary["median_speedup"] = statistics.median(known) if known else None
    summary["speedup_lower_bounds"] = sum(1 for r, bound in ratios if r is not None and bound)
    return summary


#: Every store, in the order of the tables, with its name there.
STORE_NAMES = {
    "embedded": "embedded (memory)",
    "disk": "embedded (disk)",
    "serve": "kg serve (HTTP)",
    "server": "oxigraph serve (HTTP)",
    "virtuoso": "Virtuoso (HTTP)",
    "rdflib": "rdflib",
}


def tables(run: dict) -> str:
    registry = load_registry()
    present = [k for k in STORE_NAMES if any(k in entry["stores"] for entry in run["sizes"])]

    def number(value: object, digits: str = ",.1f") -> str:
        return "-" if value is None else format(value, digits) if isinstance(value, float) else str(value)

    out = [
        "| graph | reports | triples | build or generate (s) | build peak (MB) | "
        + " | ".join(f"{STORE_NAMES[k]} load (s) | {STORE_NAMES[k]} peak (MB)" for k in present)
        + " |",
        "|---|--:|--:|--:|--:|" + "--:|--:|" * len(present),
    ]
    for entry in run["sizes"]:
        st, build = entry["stores"], entry["build"]
        cells = [
            f"{number(st.get(k, {}).get('load_s'))} | {number(st.get(k, {}).get('peak_rss_mb'), ',.0f')}"
            for k in present
        ]
        out.append(
            f"| {entry['size']} | {entry['reports']} | {entry['triples']:,} | {number(build['seconds'])} | "
            f"{number(build['peak_rss_mb'], ',.0f')} | " + " | ".join(cells) + " |"
        )
    out += [
        "",
        "Query p50 in ms, by kind (median over the queries of that kind; worst in brackets):",
        "",
        "| graph | store | lookups | aggregates |",
        "|---|---|--:|--:|",
    ]
    for entry in run["sizes"]:
        summary = entry["summary"]

        def both(key: str, summary: dict = summary) -> str:
            item = summary.get(key)
            if not item or item["median_p50"] is None:
                return "-"
            capped = f", {len(item['capped'])} capped" if item["capped"] else ""
            return f"{item['median_p50']:,.1f} ({item['max_p50']:,.1f}{capped})"

        for k in present:
            if k in entry["stores"]:
                out.append(
                    f"| {entry['size']} | {STORE_NAMES[k]} | {both(f'{k} lookups')} | {both(f'{k} aggregates')} |"
                )
        ratio = summary.get("median_speedup")
        if ratio is not None:
            bound = f" ({summary['speedup_lower_bounds']} lower bounds)" if summary.get("speedup_lower_bounds") else ""
            out.append(f"| {entry['size']} | median speed-up embedded vs rdflib | {ratio:,.0f}x{bound} | |")
    for entry in run["sizes"]:
        st = entry["stores"]
        here = [k for k in present if k in st]
        out += [
            "",
            f"Every canned query on `{entry['size']}` ({entry['triples']:,} triples): p50 / p95 in ms "
            "(`> N` = capped at N ms: killed, or skipped after it was capped on a smaller graph).",
            "",
            "| query | kind | rows | " + " | ".join(STORE_NAMES[k] for k in here) + " |",
            "|---|---|--:|" + "--:|" * len(here),
        ]
        for name, spec in registry.items():
            first = next((st[k]["queries"].get(name, {}) for k in here if "rows" in st[k]["queries"].get(name, {})), {})
            cells = " | ".join(_ms(st[k]["queries"].get(name, {})) for k in here)
            out.append(f"| {name} | {'lookup' if spec.params else 'aggregate'} | {first.get('rows', '-')} | {cells} |")
    return "\n".join(out) + "\n"


def targets(run: dict) -> list[str]:
    """The embedded store's targets, met or missed.

    None for a size the in-memory store did not run (a disk-only size): its every query would
    otherwise read as missed.
    """
    lines = []
    registry = load_registry()
    for entry in run["sizes"]:
        emb = entry["stores"].get("embedded", {}).get("queries", {})
        if not emb:
            continue
        if entry["size"] == "real":
            slow = [n for n in registry if emb.get(n, {}).get("p50", 1e9) > 10]
            lines.append(
                f"real graph, every canned query p50 <= 10 ms embedded: "
                f"{'met' if not slow else 'MISSED by ' + ', '.join(slow)}"
            )
        if entry["size"] == "1000":
            build = entry["build"]["seconds"]
            lines.append(f"1000 reports, build <= 2 min: {'met' if build <= 120 else 'MISSED'} ({build:.0f} s)")
            for kind, wanted, limit in (("lookups", True, 20), ("aggregates", False, 500)):
                slow = [
                    n
                    for n, s in registry.items()
                    if bool(s.params) == wanted and emb.get(n, {}).get("p50", 1e12) > limit
                ]
                lines.append(
                    f"1000 reports, {kind} p50 <= {limit} ms embedded: "
                    f"{'met' if not slow else 'MISSED by ' + ', '.join(slow)}"
                )
            ratio = entry["summary"].get("median_speedup")
            if ratio is not None:
                verdict = "met" if ratio >= 20 else "MISSED"
                lines.append(f"1000 reports, median speed-up >= 20x: {verdict} ({ratio:.0f}x)")
    return lines
