"""A note that points to a document online: ``FAA’s 2005-2009 Flight Plan can be found online at http://www.faa.gov.``

Government reports cite plans, guidance and data by naming them and saying where they are posted
rather than by a reference. Such a note cites one work: the document it names, published by the body
its name begins with (``FAA’s ...``, ``The NWS Strategic Plan ...``, ``DOL’s Training and Employment
Guidance Letter No. 19-02``), at the address it gives. It is known by its verb (``can be found``,
``is available``, ``is posted``) and the address after it; the name is the subject before the verb,
or what follows ``found in`` when the sentence names a topic first (``More specific criteria ... can
be found in DOL’s Guidance Letter No. 19-02, located online at http://...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.citations.note_work import NoteWork
from kg.extract.citations.pieces import Found, View

_VERB = r"(?:can|may)\s+be\s+(?:found|accessed|viewed|downloaded)|(?:is|are)\s+(?:available|posted|published)"
#: A name's characters: no sentence stop, but "No. 19-02" and "U.S." may stand in it.
_NAME_CHARS = r"(?:[^.;:]|\.(?=\s?\d)|(?<=\b[A-Z])\.)"
_ADDRESS = r"(?P<url>(?:https?://|www\.)\S+[^\s.,;)])"
#: ``NAME can be found online at URL``: the subject is the work.
_SUBJECT = re.compile(
    rf"(?:^|(?<=[.;]\s))(?P<name>[A-Z]{_NAME_CHARS}{{2,150}}?)\s+(?:{_VERB})\s+(?:online\s+)?(?:at|on|from)\s+{_ADDRESS}"
)
#: ``... can be found in NAME, located online at URL``: the work follows ``in``.
_IN = re.compile(
    rf"\b(?:{_VERB})\s+in\s+(?P<name>[A-Z]{_NAME_CHARS}{{2,150}}?),?\s+(?:located|available|posted)\s+(?:online\s+)?"
    rf"(?:at|on)\s+{_ADDRESS}"
)
#: The body a name begins with: a possessive (``FAA’s``, ``DOL’s``) or an acronym (``The NWS Strategic Plan``).
_OWNER = re.compile(r"^(?:The\s+)?(?:(?P<poss>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,4})[’']s\s+|(?P<acr>[A-Z]{2,8})\s+)")


@dataclass(frozen=True)
class Posted:
    """A document a note names and gives the address of: who published it (or ''), its title, its address."""

    owner: str
    title: str
    url: str


def posted(name: str, url: str) -> Posted:
    name = " ".join(name.split())
    m = _OWNER.match(name)
    if m and len(name) > m.end():
        return Posted(m.group("poss") or m.group("acr"), name[m.end() :], url)
    return Posted("", re.sub(r"^The\s+", "", name), url)


def online_work(view: View, a: int, b: int) -> NoteWork | None:
    """The document the stretch ``[a, b)`` of a note points to online (see the module docstring), or None."""
    m = _IN.search(view.norm, a, b) or _SUBJECT.search(view.norm, a, b)
    if m is None:
        return None
    doc = posted(m.group("name"), m.group("url"))
    start, end = m.start("name"), m.end("url")
    found = Found(start, end, doc.owner or doc.title, "", "endnote")
    web = (doc.owner, doc.title, doc.url)
    return NoteWork(found, view.to_raw(start, end), view.to_raw(m.start("name"), m.end("name")), web=web)
