"""Statistics as the app shows them: values in words and units people read, with their sources."""

from __future__ import annotations

from kg.appdata.names import short, split
from kg.appdata.settings import rows
from kg.appdata.text import flat
from kg.store import Store
from kg.vocab import UNIT_SYMBOLS

_UNITS = {
    "PERCENT": "%",
    "NUM": "",
    "YR": "years",
    "MO": "months",
    "WK": "weeks",
    "DAY": "days",
    "HR": "hours",
    "MIN": "minutes",
    "CCY_USD": "USD",
    "CCY_GBP": "GBP",
    "CCY_EUR": "EUR",
    **UNIT_SYMBOLS,
}


def unit_label(unit: str) -> str:
    code = unit.rsplit("/", 1)[-1]
    return _UNITS.get(code, code)


def format_value(value: str, upper: str, unit: str) -> str:
    """``19.1 %``, ``$99,000,000,000``, ``4–6``: the normalised value as people read it."""

    def number(v: str) -> str:
        x = float(v)
        return f"{int(x):,}" if x == int(x) else f"{x:,}"

    shown = number(value) + (f"–{number(upper)}" if upper else "")
    code = unit.rsplit("/", 1)[-1]
    if code == "CCY_USD":
        return "$" + shown.replace("–", "–$")
    if code == "PERCENT":
        return shown + " %"
    label = unit_label(unit)
    return f"{shown} {label}".strip()


def statistics(store: Store) -> list[dict[str, str]]:
    """One row per statistic (sources and originators joined), in text order."""
    return rows(store, "app-statistics")


def statistics_table(store: Store) -> list[dict[str, object]]:
    """The Statistics page's table: value, unit, measure, report, sources, relayed or primary."""
    out = []
    for r in statistics(store):
        out.append(
            {
                "figure": flat(r["text"]),
                "value": float(r["value"]),
                "upper": float(r["upper"]) if r["upper"] else None,
                "as read": format_value(r["value"], r["upper"], r["unit"]),
                "unit": unit_label(r["unit"]) or "count",
                "measure": flat(r["measure"]).strip() or "—",
                "kind": r["statKind"],
                "report": r["report"],
                "sources": " ".join(split(r["sources"])) or "(no source given)",
                "originates with": "; ".join(split(r["originators"], "\t")),
                "status": r["status"] or "unknown",
                "statistic": short(r["stat"]),
            }
        )
    return out
