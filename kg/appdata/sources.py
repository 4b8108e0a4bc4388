"""The bibliography as the app shows it: each work with its warning signs, what rests on it, where it is cited."""

from __future__ import annotations

from kg.appdata.names import split
from kg.appdata.settings import rows
from kg.store import Store


def works(store: Store) -> list[dict[str, object]]:
    """The bibliography with each work's flags spelled out."""
    out = []
    for r in rows(store, "app-works"):
        flags = []
        if r["undated"] == "true":
            flags.append("undated")
        if r["kind"] == "news-item":
            flags.append("news")
        if r["kind"] == "personal-communication":
            flags.append("personal communication")
        if int(r["variants"] or 0):
            flags.append("variant spelling in the text")
        flags.extend(k.replace("-", " ") for k in split(r["flagKinds"]) if k.replace("-", " ") not in flags)
        out.append(
            {
                "key": r["key"],
                "kind": r["kind"],
                "year": r["year"],
                "reference": r["reference"],
                "cited by": r["citedBy"],
                "citations": int(r["occurrences"] or 0),
                "claims": int(r["claims"] or 0),
                "statistics": int(r["statistics"] or 0),
                "flags": ", ".join(flags),
                "work": r["work"],
            }
        )
    return out


def unresolved_citations(store: Store) -> list[dict[str, str]]:
    return rows(store, "app-unresolved")


def work_dependents(store: Store, iri: str) -> list[dict[str, str]]:
    return rows(store, "app-work-dependents", work=iri)


def work_citations(store: Store, iri: str) -> list[dict[str, str]]:
    return rows(store, "app-work-citations", work=iri)


def flag_rows(store: Store, iri: str) -> list[dict[str, str]]:
    """The curated quality flags on a claim, statistic or work."""
    return rows(store, "app-flags", item=iri)
