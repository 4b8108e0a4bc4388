"""The bibliography as the app shows it: each work with its warning signs, what rests on it, where it is cited."""

from __future__ import annotations

from kg.appdata import words
from kg.appdata.clipping import clipped
from kg.appdata.names import split
from kg.appdata.settings import all_rows, rows
from kg.store import Store


def warning_signs(row: dict[str, str]) -> list[str]:
    """What to be careful about with a work, each sign in the words of the flag kind it matches.

    A sign the data shows (undated, a news item, a personal communication, a citation spelt
    differently) and a curated flag of the same kind read the same, so a filter never offers
    "news" beside "news as evidence".
    """
    codes = []
    if row["undated"] == "true":
        codes.append("undated-source")
    if row["kind"] == "news-item":
        codes.append("news-as-evidence")
    if row["kind"] == "personal-communication":
        codes.append("personal-communication-as-evidence")
    if int(row["variants"] or 0):
        codes.append("citation-variant")
    codes.extend(split(row["flagKinds"]))
    return list(dict.fromkeys(words.flag_kind(c) for c in codes))


def _name(row: dict[str, str]) -> str:
    """A work as a reader cites it; a work without an author (a court case, a law) by its title."""
    if row.get("firstAuthor") or row.get("authors"):
        return words.short_citation(row.get("firstAuthor", ""), row.get("authors", ""), row["year"])
    title = row.get("title") or row["key"]
    return f"{clipped(title, 60)} ({row['year']})"


def works(store: Store) -> list[dict[str, object]]:
    """The bibliography in words: each work's short citation, kind, reference and warning signs."""
    out = []
    found = all_rows(store, "app-works")
    names = words.distinct_names([(r["key"], _name(r), r.get("date", ""), r.get("title", "")) for r in found])
    for r in found:
        out.append(
            {
                "work": r["work"],
                "key": r["key"],
                "name": names[r["key"]],
                "kind": words.work_kind(r["kind"]),
                "source kind": words.source_kind(r["kind"], r["firstAuthor"]),
                "year": r["year"],
                "reference": r["reference"],
                "title": r.get("title", ""),
                "author": r.get("firstAuthor") or r.get("authors", ""),
                "cited by": r["citedBy"],
                "citations": int(r["occurrences"] or 0),
                "claims": int(r["claims"] or 0),
                "statistics": int(r["statistics"] or 0),
                "flags": ", ".join(warning_signs(r)),
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


def author_and_year_only(work: dict[str, object]) -> bool:
    """The citing text names the work only by author and year (no title): its reference cannot say more.

    A student reading "Bouché. (2018)." should learn that this is all the report gives, not a fault."""
    return not work.get("title") and bool(work.get("author"))
