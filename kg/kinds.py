"""The closed vocabularies of the tool, written once: what kinds of work, claim, flag and relation exist.

Every stage reads them from here: the BibTeX loader checks an entry's ``kind``, the annotation
loader a claim's ``kind`` or a flag's, and :mod:`kg.vocab` maps each name to its ontology class
(and checks, when it is imported, that it maps every one). They are plain strings, so the stages
before the graph need no RDF.
"""

from __future__ import annotations

#: The kinds of work the ontology knows (the ``kind`` of a bibliography entry).
WORK_KINDS: frozenset[str] = frozenset(
    {
        "journal-article",
        "report",
        "report-section",
        "news-item",
        "web-page",
        "thesis",
        "conference-paper",
        "book",
        "chapter",
        "law",
        "court-case",
        "personal-communication",
        "field-notes",
        "data-set",
        "manuscript",
        "other",
    }
)

#: What a claim is, in the report's own argument.
CLAIM_KINDS: frozenset[str] = frozenset({"finding", "background", "method", "recommendation", "limitation"})

#: What a careful reader would question about a statement: what a curator may write, and what the
#: rules of :mod:`kg.evidence.flag_rules` raise (each rule declares its kinds; a test checks they are here).
FLAG_KINDS: frozenset[str] = frozenset(
    {
        "date-conflict",
        "attribution-date-mismatch",
        "label-reversal",
        "count-conflict",
        "citation-variant",
        "no-source",
        "undated-source",
        "news-as-evidence",
        "personal-communication-as-evidence",
        "not-in-bibliography",
        "uncited-reference",
        "year-mismatch",
        "relayed-figure",
        "figure-not-in-source",
        "other",
    }
)

#: How a claim of one report bears on a claim of another.
RELATIONS: frozenset[str] = frozenset({"corroborates", "contradicts", "refines"})

#: Each work kind as a person says it.
WORK_KIND_WORDS: dict[str, str] = {
    "journal-article": "journal article",
    "report": "report",
    "report-section": "report section",
    "news-item": "news article",
    "web-page": "web page",
    "thesis": "thesis",
    "conference-paper": "conference paper",
    "book": "book",
    "chapter": "book chapter",
    "law": "law",
    "court-case": "court case",
    "personal-communication": "personal communication",
    "field-notes": "field notes",
    "data-set": "data set",
    "manuscript": "manuscript",
    "other": "other work",
}

#: Each flag kind as a person says it.
FLAG_KIND_WORDS: dict[str, str] = {
    "date-conflict": "dates disagree",
    "attribution-date-mismatch": "attributed to a work of another date",
    "label-reversal": "labels reversed",
    "count-conflict": "counts disagree",
    "citation-variant": "citation spelt differently",
    "no-source": "no source given",
    "undated-source": "undated source",
    "news-as-evidence": "news as evidence",
    "personal-communication-as-evidence": "personal communication as evidence",
    "not-in-bibliography": "cited work not in the bibliography",
    "uncited-reference": "listed but never cited",
    "year-mismatch": "cited with another year",
    "relayed-figure": "figure relayed from another source",
    "figure-not-in-source": "figure not in the cited source (candidate)",
    "other": "other",
}

if set(WORK_KIND_WORDS) != WORK_KINDS or set(FLAG_KIND_WORDS) != FLAG_KINDS:  # pragma: no cover - caught by any run
    raise ImportError("kg.kinds: every work and flag kind needs its words")
