"""The tables and rates of :mod:`extraction_scaling`: seconds per stage, growth per 100 KB, s/MB and its limit."""

from __future__ import annotations

from scaling_inputs import Rate, rates
from scaling_stages import STAGES


def per_100kb(seconds: float, size: int) -> float:
    return seconds * 1000 / (size / 100_000)


def table(entry: dict) -> str:
    names = [s.name for s in STAGES]
    head = ["MB", *names, "total s", "ms/100 KB"]
    lines = [f"### {entry['report']}, {entry['shape']}", "", "| " + " | ".join(head) + " |"]
    lines.append("|" + "|".join("---:" for _ in head) + "|")
    for row in entry["sizes"]:
        cells = [f"{row['bytes'] / 1e6:.2f}"]
        total, complete = 0.0, True
        for name in names:
            stage = row["stages"][name]
            if "seconds" in stage:
                cells.append(f"{stage['seconds']:.3f}")
                total += stage["seconds"]
            else:
                complete = False
                cells.append(f"> {stage['cap_s']:.0f}" if stage["status"] == "capped" else stage["status"])
        prefix = "" if complete else "≥ "
        cells += [f"{prefix}{total:.2f}", f"{prefix}{per_100kb(total, row['bytes']):.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(growth(entry))
    return "\n".join(lines) + "\n"


def text_rates(entry: dict, tolerance: float) -> list[Rate]:
    """CPU seconds per MB of every stage together, per size, with the limit (see :func:`scaling_inputs.rates`)."""
    points: list[tuple[float, float | None, str]] = []
    for row in entry["sizes"]:
        stages = row["stages"].values()
        capped = [s for s in stages if "cpu_seconds" not in s]
        total = None if capped else sum(s["cpu_seconds"] for s in stages)
        points.append((row["bytes"] / 1e6, total, f"{len(capped)} stage(s) not timed" if capped else ""))
    return rates(points, tolerance)


def growth(entry: dict) -> str:
    """Per stage, CPU ms per 100 KB at the largest size measured over that at the smallest size >= 0.5 MB.

    CPU time rather than wall time, so that other work on the machine disturbs the ratio less.
    """
    rows = [r for r in entry["sizes"] if r["bytes"] >= 450_000]
    if len(rows) < 2:
        rows = entry["sizes"]
    parts = []
    for stage in STAGES:
        timed = [
            (r["bytes"], r["stages"][stage.name]["cpu_seconds"]) for r in rows if "seconds" in r["stages"][stage.name]
        ]
        capped = any(r["stages"][stage.name]["status"] == "capped" for r in entry["sizes"])
        if capped:
            parts.append(f"{stage.name} capped")
        elif len(timed) >= 2 and timed[0][1] > 0:
            ratio = per_100kb(timed[-1][1], timed[-1][0]) / per_100kb(timed[0][1], timed[0][0])
            parts.append(f"{stage.name} {ratio:.1f}x")
    first, last = rows[0]["bytes"] / 1e6, rows[-1]["bytes"] / 1e6
    return f"CPU time per 100 KB at {last:.1f} MB / at {first:.1f} MB (1x when linear): " + ", ".join(parts)


def pdf_rates(series: dict, tolerance: float) -> list[Rate]:
    points: list[tuple[float, float | None, str]] = []
    for row in series["sizes"]:
        timed = [row["read_pdf"], *row["stages"].values()]
        missing = [t for t in timed if "cpu_seconds" not in t]
        total = None if missing or not row["stages"] else sum(t["cpu_seconds"] for t in timed)
        points.append((row["pages"] / 1000, total, row["note"]))
    return rates(points, tolerance)


def bibtex_rates(series: dict, tolerance: float) -> list[Rate]:
    return rates(
        [
            (r["bytes"] / 1e6, r["parse_bibtex"].get("cpu_seconds"), r["parse_bibtex"].get("error", ""))
            for r in series["sizes"]
        ],
        tolerance,
    )
