"""Words, not codes: what a person reads in place of a class name, a kind, a key, a status or an IRI.

Every page shows these: ontology terms by their English labels (read from the graph, so a new
class gets its own words), work and flag kinds by the words in :mod:`kg.kinds`, a work by its
short citation ("NPR (2010)"), a report by its title and year. IRIs stay for technical details
and downloads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.appdata.clipping import clipped
from kg.appdata.settings import all_rows
from kg.kinds import FLAG_KIND_WORDS, WORK_KIND_WORDS
from kg.store import Store

#: The kinds of source a student filters by, in the order the filter offers them.
SOURCE_KINDS = (
    "research article or book",
    "report",
    "government document",
    "news",
    "web page",
    "interview",
    "personal communication",
    "the report's own data",
    "an organisation or person",
    "no source given",
)
_SOURCE_OF_WORK = {
    "journal-article": "research article or book",
    "conference-paper": "research article or book",
    "thesis": "research article or book",
    "book": "research article or book",
    "chapter": "research article or book",
    "report": "report",
    "report-section": "report",
    "data-set": "report",
    "law": "government document",
    "court-case": "government document",
    "news-item": "news",
    "web-page": "web page",
    "personal-communication": "personal communication",
    "field-notes": "interview",
    "manuscript": "research article or book",
}
#: A work written by a government body is a government document whatever its BibTeX type.
_GOVERNMENT = re.compile(
    r"\b(?:Department|Ministry|Office|Bureau|Agency|Congress|Senate|Parliament|Government|Commission|"
    r"Federal|Attorney General|Court)\b"
)

#: How a claim rests on its sources (``ekg:evidenceKind``), in words.
EVIDENCE_WORDS = {
    "cited-work": "a cited work",
    "interview": "an interview",
    "study": "a study",
    "own-data": "the report's own data",
    "relayed-from": "relayed from an organisation",
    "no-source-given": "no source given",
}

#: What a figure rests on (``ekg:evidenceStatus``), in words: one spelling for each.
STATUS_WORDS = {
    "primary": "the report's own data",
    "cited": "a cited work",
    "relayed": "relayed through a cited work",
    "nosourcegiven": "no source given",
    "no-source-given": "no source given",
    "unknown": "not known",
    "": "not known",
}


#: A figure the text attributes to an organisation ("According to Alexa, ...") without citing a work.
RELAYED_UNCITED = "relayed, no work cited"
#: What a page shows for a figure whose measure the rules could not name.
NO_MEASURE = "—"


_MONTHS = "January February March April May June July August September October November December".split()


def distinct_names(works: list[tuple[str, str, str, str]]) -> dict[str, str]:
    """``{key: name}`` where two works would read the same ("Musto (2012)" for six personal communications):
    each such name gains its date ("Musto (2012, June 29)"), else its title. ``works``: (key, name, ISO date, title).
    """
    by_name: dict[str, list[tuple[str, str, str, str]]] = {}
    for work in works:
        by_name.setdefault(work[1], []).append(work)
    out = {}
    for name, same in by_name.items():
        for key, _, date, title in same:
            if len(same) == 1:
                out[key] = name
                continue
            parts = date.split("-")
            if len(parts) == 3 and name.endswith(")"):
                day = f"{_MONTHS[int(parts[1]) - 1]} {int(parts[2])}"
                out[key] = f"{name[:-1]}, {day})"
            elif title:
                out[key] = f"{name}, {clipped(title, 40)}"
            else:
                out[key] = name
    return out


def work_kind(kind: str) -> str:
    return WORK_KIND_WORDS.get(kind, kind.replace("-", " "))


def flag_kind(kind: str) -> str:
    return FLAG_KIND_WORDS.get(kind, kind.replace("-", " "))


def source_kind(kind: str, author: str = "") -> str:
    """The kind of source a work is, as the filters name it (a government body's report is a government document)."""
    found = _SOURCE_OF_WORK.get(kind, "report")
    if found in ("report", "web page") and _GOVERNMENT.search(author or ""):
        return "government document"
    return found


def status(code: str, has_sources: bool = True) -> str:
    """Where one figure comes from, in words, true of that figure: a figure relayed from an organisation
    with no work cited for it reads "relayed, no work cited", whatever its neighbours rest on."""
    if code == "relayed" and not has_sources:
        return RELAYED_UNCITED
    return STATUS_WORDS.get(code, code.replace("-", " "))


def short_citation(first_author: str, authors: str, year: str) -> str:
    """``NPR (2010)``, ``Heil & Nichols (2014)``, ``Fedina et al. (2019)``: author-date, as a reader cites.

    ``authors`` is ``ekg:authorList``: names separated by ``;`` (each ``Family, Given`` or ``Family``).
    """
    names = [n.strip() for n in authors.split(";") if n.strip()]
    if not names and first_author:
        names = [first_author]
    families = [n.split(",")[0].strip() for n in names]
    if not families:
        who = first_author or "Anonymous"
    elif len(families) == 1:
        who = families[0]
    elif len(families) == 2 and families[1] != "others":
        who = f"{families[0]} & {families[1]}"
    else:
        who = f"{families[0]} et al."
    return f"{who} ({year or 'n.d.'})"


def report_name(title: str, year: str, limit: int = 70) -> str:
    """A report as a person names it: its title (cut with an ellipsis, between words where it can) and year.

    A cut inside a word ("Trafficki…") reads as a typo on a pill; a cut at the last space in the
    second half of the limit reads as a shortened title."""
    shown = title
    if len(title) > limit:
        cut = title[: limit - 1]
        space = cut.rfind(" ")
        shown = (cut[:space] if space > limit // 2 else cut).rstrip(" ,:;-–") + "…"
    return f"{shown} ({year})" if year else shown


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def labels(store: Store) -> dict[str, str]:
    """The ontology's terms (full IRI and local name) with their English labels."""
    found: dict[str, str] = {}
    for r in all_rows(store, "app-labels"):
        found.setdefault(r["term"], r["label"])
        found.setdefault(local_name(r["term"]), r["label"])
    return found


def term(vocabulary: Mapping[str, str], code: str) -> str:
    """The words for a term given as an IRI, a local name or a lower-cased class name."""
    if code in vocabulary:
        return vocabulary[code]
    name = local_name(code)
    if name in vocabulary:
        return vocabulary[name]
    by_lower = {k.lower(): v for k, v in vocabulary.items() if "/" not in k and "#" not in k}
    return by_lower.get(name.lower(), re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower())


def reports_by_key(store: Store) -> dict[str, str]:
    """Each report's key and the name a person reads for it."""
    return {r["key"]: report_name(r["title"], r["year"]) for r in all_rows(store, "reports")}


def names_no_author(reference: str, title: str) -> bool:
    """A reference that opens on the work's title: APA's form for a work whose text names no author.

    The Overview says so in words, so "Policing Internet Sex Trafficking. (2020)." does not read as an
    author left out by mistake."""
    return bool(title) and " ".join(reference.split()).casefold().startswith(" ".join(title.split()).casefold())
