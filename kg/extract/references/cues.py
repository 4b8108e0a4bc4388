"""What the words of an entry say: which names are periodicals, newspapers, journals or publishing houses, and
what kind of work the entry is (a thesis, a report, a conference paper, a law...)."""

from __future__ import annotations

import re

from kg.extract.references.authors import is_organisation
from kg.extract.references.model import Entry

KIND_CUES = (
    ("personal-communication", re.compile(r"\bpersonal communication\b|\binterview(?:ed)? (?:by|with)\b", re.I)),
    ("field-notes", re.compile(r"\bfield notes\b", re.I)),
    ("thesis", re.compile(r"\b(?:dissertation|thesis)\b", re.I)),
    ("conference-paper", re.compile(r"\b(?:proceedings|conference|symposium|workshop)\b|\bProc\.", re.I)),
    (
        "report",
        re.compile(r"\b(?:report|working paper|technical paper|white paper|policy brief|issue brief|briefing)\b", re.I),
    ),
)
PUBLISHING_HOUSE = re.compile(
    r"\b(?:Press|Publish\w*|Books|Verlag|Routledge|Sage|Wiley|Springer|Elsevier|Penguin|Macmillan|Palgrave|Polity|"
    r"Norton|Knopf|Random House|HarperCollins|Bloomsbury|Pearson|McGraw|Guilford|Blackwell)\b"
)
PERIODICAL = re.compile(
    r"\b(?:Journal|Review|Quarterly|Studies|Bulletin|Annals|Magazine|News|Times|Post|Herald|Tribune|Guardian|"
    r"Gazette|Ledger|Daily|Weekly|Letters|Transactions|Records?|Report(?:er)?s|Observer|Telegraph|Wired|"
    r"Chronicle|Economist|Independent|Atlantic|Monthly|Forum|Inquiry|Sentinel|Globe|Star|Mail|Express|Proceedings|"
    r"Conference|Symposium)\b|^J\.\s|\bJ\b"
)
_JOURNAL = re.compile(r"\b(?:Journal|Review|Quarterly|Studies|Bulletin|Annals|Letters|Transactions|Research)\b|^J\.?\s")
_NEWS = re.compile(r"\b(?:News|Times|Post|Herald|Tribune|Guardian|Gazette|Ledger|Daily|Globe|Sentinel|Telegraph)\b")
_LAW = re.compile(r"\b(?:Act|Code|Statute|Directive|Regulation)\b(?:\s+of\s+\d{4})?")
_CASE = re.compile(r"\s+v\.?\s+[A-Z]")


def kind_of(entry: Entry, whole: str) -> str:
    """The kind of work the entry's wording shows (``whole`` is its full text); ``other`` when it shows none."""
    if entry.kind == "book":
        return "book"
    if entry.kind == "chapter":  # in a book; in proceedings, a conference paper
        return "conference-paper" if KIND_CUES[3][1].search(entry.container) else "chapter"
    for kind, cue in KIND_CUES:
        if (
            cue.search(whole)
            and not (kind == "report" and entry.volume)
            and not (kind == "conference-paper" and entry.issue)
        ):
            return kind
    if not entry.authors.names and _CASE.search(entry.title):
        return "court-case"
    if not entry.authors.names and _LAW.search(entry.title):
        return "law"
    if entry.container and (_NEWS.search(entry.container) or (len(entry.date) == 10 and not entry.volume)):
        return "news-item"
    if entry.volume or entry.issue or (entry.container and entry.pages) or _JOURNAL.search(entry.container):
        return "journal-article"
    if entry.publisher:
        return "report" if is_organisation(entry.publisher) and not PUBLISHING_HOUSE.search(entry.publisher) else "book"
    if entry.url:
        return "web-page"
    return "other"
