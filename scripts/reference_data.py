"""Public annotated reference strings, read into (string, labelled character spans), for the reference labeller.

Two sources, read from local snapshots of their repositories (git directories; nothing of them is kept
in this repository):

* GROBID's citation training corpus (``kermitt2/grobid``, Apache-2.0):
  ``grobid-trainer/resources/dataset/citation/corpus/*.xml``, TEI ``<bibl>`` elements whose children
  (``<author>``, ``<date>``, ``<title level="a|j|m|s">``, ``<biblScope>``, ``<publisher>``...) mark the fields;
  text between them is punctuation.
* AnyStyle's parser training sets (``inukshuk/anystyle``, BSD-2-Clause): ``res/parser/*.xml``, one
  ``<sequence>`` per reference, one child element per field.

The two mark fields a little differently (AnyStyle keeps the punctuation and the ``pp.``/``Vol.`` cues inside
a field, GROBID outside; AnyStyle writes ``12(3)`` as a volume), so every field is trimmed to its content the
same way: boundary punctuation, unmatched or enclosing brackets and quotes, and the cue words of volumes,
issues and pages fall outside it. The split into training and held-out strings is by a hash of the string,
so it is the same on every run and on every machine.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.references.labeller import trim

GROBID_CORPUS = "grobid-trainer/resources/dataset/citation/corpus/"
ANYSTYLE_SETS = ("res/parser/core.xml", "res/parser/gold.xml", "res/parser/good.xml", "res/parser/ugly.xml")
O = "O"  # noqa: E741 - a character outside every field

_ANYSTYLE = {
    "author": "author",
    "editor": "editor",
    "date": "year",
    "title": "title",
    "journal": "container",
    "container-title": "container",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "location": "place",
    "doi": "doi",
    "url": "url",
    "citation-number": "number",
}
_GROBID_SCOPE = {"vol": "volume", "volume": "volume", "issue": "issue", "pp": "pages", "page": "pages"}
_GROBID = {"author": "author", "editor": "editor", "date": "year", "publisher": "publisher", "pubPlace": "place"}
_GROBID |= {"pubplace": "place", "ptr": "url", "note": "note", "lb": O}
#: Markup some AnyStyle strings carry as text (``<italic>Title</italic>``): not part of the reference.
_MARKUP = re.compile(r"</?(?:italic|i|b|bold|em|sup|sub|span|sc)>")
_ISSUE_IN_VOLUME = re.compile(r"\((?P<i>[^()]+)\)|\b(?:no|nr|issue|iss|n°)\.?\s*(?P<j>[\w–-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Labelled:
    """One reference string and its fields: ``(start, end, label)`` spans of ``text``."""

    text: str
    spans: tuple[tuple[int, int, str], ...]
    source: str

    @property
    def held_out(self) -> bool:
        """One string in ten, chosen by a hash of the string: the evaluation set."""
        return int(hashlib.sha1(self.text.encode()).hexdigest(), 16) % 10 == 0


class DataError(Exception):
    """The data cannot be read where it was said to be (one line, for the command line)."""


def _git(git_dir: str, *args: str) -> str:
    done = subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True)
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["git failed"]
        raise DataError(f"{git_dir}: not a snapshot holding {args[-1]} ({reason[0]})")
    return done.stdout.decode("utf-8", "replace")


def _git_show(git_dir: str, path: str) -> str:
    return _git(git_dir, "show", f"HEAD:{path}")


def _git_files(git_dir: str, under: str) -> list[str]:
    files = [line for line in _git(git_dir, "ls-tree", "-r", "--name-only", "HEAD", under).splitlines()]
    if not files:
        raise DataError(f"{git_dir}: no {under} in this snapshot (is it kermitt2/grobid?)")
    return [line for line in files if line.endswith(".xml")]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_IN_BEFORE = re.compile(r"\b[Ii]n:?\s*$")


def _grobid_label(el: ET.Element, has_article_title: bool, before: str = "") -> str:
    """The field of one child of a ``<bibl>``; ``before`` is the text just before it.

    A monograph's title (``level="m"``) is the container when the entry has a title of its own, and also when it
    follows ``in`` (``A. Smirnov, in Proc. of the 8th Rencontres de Blois, ...``: a paper whose title the entry
    does not give, in proceedings), as AnyStyle marks such a book; otherwise it is the work's title."""
    tag = _local(el.tag)
    if tag == "title":
        level = el.get("level", "")
        if level == "m":
            return "container" if has_article_title or _IN_BEFORE.search(before) else "title"
        return {"a": "title", "j": "container"}.get(level, "note")
    if tag == "biblScope":
        return _GROBID_SCOPE.get(el.get("unit") or el.get("type") or "", "note")
    if tag == "idno":
        return "doi" if (el.get("type") or "").lower() == "doi" else "note"
    if tag == "orgName":
        return "author" if el.get("type") == "collaboration" else "publisher"
    return _GROBID.get(tag, "note")


def _finish(chars: list[tuple[str, str]], source: str) -> Labelled | None:
    """Fold whitespace as the entry parser does, trim every field to its content, and make the spans."""
    folded: list[tuple[str, str]] = []
    for ch, label in chars:
        if ch.isspace():
            if folded and folded[-1][0] != " ":
                folded.append((" ", label))
        else:
            folded.append((ch, label))
    while folded and folded[-1][0] == " ":
        folded.pop()
    text = "".join(ch for ch, _ in folded)
    labels = [label for _, label in folded]
    spans = _trimmed_runs(text, labels)
    if not text or not spans:
        return None
    return Labelled(text, tuple(spans), source)


def _runs(labels: list[str]) -> Iterator[tuple[int, int, str]]:
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            if labels[start] != O:
                yield start, i, labels[start]
            start = i


def _trimmed_runs(text: str, labels: list[str]) -> list[tuple[int, int, str]]:
    for start, end, label in list(_runs(labels)):
        if label == "volume":  # AnyStyle's "12(3)" and "Vol. 3, no. 2": the issue is a field of its own
            for m in _ISSUE_IN_VOLUME.finditer(text, start, end):
                group = "i" if m.group("i") else "j"
                for k in range(m.start(), m.end()):
                    labels[k] = O
                for k in range(m.start(group), m.end(group)):
                    labels[k] = "issue"
    spans = []
    for start, end, label in _runs(labels):
        s, e = trim(text, start, end, cue=label in ("volume", "issue", "pages"))
        if s < e:
            spans.append((s, e, label))
    return spans


def _outside_tail(chars: list[tuple[str, str]]) -> str:
    """The text outside every field at the end of ``chars`` (what stands between the last field and the next)."""
    n = len(chars)
    while n > 0 and chars[n - 1][1] == O:
        n -= 1
    return "".join(ch for ch, _ in chars[n:])


def read_grobid(git_dir: str) -> Iterator[Labelled]:
    """The ``<bibl>`` elements of GROBID's citation corpus."""
    for path in _git_files(git_dir, GROBID_CORPUS):
        try:
            root = ET.fromstring(_git_show(git_dir, path))
        except ET.ParseError:
            continue
        for bibl in root.iter():
            if _local(bibl.tag) != "bibl":
                continue
            has_a = any(_local(c.tag) == "title" and c.get("level") == "a" for c in bibl)
            chars = [(ch, O) for ch in bibl.text or ""]
            for child in bibl:
                label = _grobid_label(child, has_a, _outside_tail(chars))
                chars += [(ch, label) for ch in "".join(child.itertext())]
                chars += [(" ", O)] if _local(child.tag) == "lb" else []
                chars += [(ch, O) for ch in child.tail or ""]
            if found := _finish(chars, "grobid"):
                yield found


def read_anystyle(git_dir: str) -> Iterator[Labelled]:
    """The ``<sequence>`` elements of AnyStyle's parser sets; fields are separated by a space."""
    for path in ANYSTYLE_SETS:
        name = path.rsplit("/", 1)[-1].removesuffix(".xml")
        root = ET.fromstring(_git_show(git_dir, path))
        for seq in root.iter("sequence"):
            chars: list[tuple[str, str]] = []
            for child in seq:
                label = _ANYSTYLE.get(child.tag, "note")
                chars += [(ch, label) for ch in _MARKUP.sub("", "".join(child.itertext()))] + [(" ", O)]
            if found := _finish(chars, f"anystyle/{name}"):
                yield found


def read_all(grobid: str | None, anystyle: str | None) -> list[Labelled]:
    """Every distinct string of both sources (the first reading of a string wins), in a stable order."""
    seen: set[str] = set()
    out: list[Labelled] = []
    for item in [*(read_grobid(grobid) if grobid else []), *(read_anystyle(anystyle) if anystyle else [])]:
        if item.text not in seen:
            seen.add(item.text)
            out.append(item)
    return out
