"""How the app names a source and sorts it into the kinds of source a student filters by.

A cited work is named as a reader cites it ("Kunz et al. (2018)") and sorted by its work kind
(a government body's report is a government document); anything else a claim rests on (an
interview excerpt, a study, the report's own data, an organisation) by its class.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.appdata import words


@dataclass(frozen=True)
class Source:
    """Something a claim or figure rests on: a cited work, an excerpt, a study, the report's own data."""

    iri: str
    key: str
    name: str  # "NPR (2010)", "interview excerpt (detective, endnote [35])", a study's label
    kind: str  # the source kind a student filters by (words.SOURCE_KINDS)
    what: str  # its own kind in words: "news article", "interview excerpt"
    reference: str  # the formatted reference, when it is a cited work


def source_from(row: dict[str, str], vocabulary: dict[str, str]) -> Source:
    """A row of ``app-source-nodes`` as the app names and sorts it (``vocabulary``: the ontology's labels)."""
    cls = words.local_name(row.get("class", ""))
    what = words.work_kind(row["kind"]) if row["kind"] else words.term(vocabulary, cls) if cls else "source"
    if row["kind"]:
        kind = words.source_kind(row["kind"], row.get("firstAuthor", ""))
        name = words.short_citation(row.get("firstAuthor", ""), row.get("authors", ""), row.get("year", ""))
        if not row.get("firstAuthor") and not row.get("authors"):
            name = f"{row['label']} ({row.get('year') or 'n.d.'})"
    else:
        kind = _CLASS_SOURCE_KIND.get(cls, "an organisation or person")
        name = row["label"] or row["key"]
        if cls == "InterviewExcerpt":
            note = f", endnote [{row['endnote']}]" if row.get("endnote") else ""
            name = f"interview excerpt ({row.get('role') or 'speaker not named'}{note})"
    return Source(row["source"], row["key"], name, kind, what, row.get("reference", ""))


#: A source that is not a cited work, by its class: what a student would call it.
_CLASS_SOURCE_KIND = {
    "InterviewExcerpt": "interview",
    "InterviewSet": "interview",
    "FieldNotes": "interview",
    "PersonalCommunication": "personal communication",
    "PrimaryData": "the report's own data",
    "Study": "the report's own data",
    "DataSet": "the report's own data",
    "Report": "report",
    "Agency": "government document",
    "NewsOrganization": "news",
}

#: What a claim's evidence kind says when it names no source node.
EVIDENCE_SOURCE_KIND = {
    "own-data": "the report's own data",
    "study": "the report's own data",
    "interview": "interview",
    "no-source-given": "no source given",
}
