"""Search over everything a user can quote, ranked by BM25, with the matched words marked.

The documents are every claim, figure and quality flag (with its curator's note) of the held
catalogue, and every interview excerpt, study, endnote, cited work (key, title, authors, formatted
reference) and candidate source (title, authors, the curator's evidence and note) the graph holds
(``app-search-docs``). Ranking is Okapi BM25 (k1 = 1.5, b = 0.75, the Lucene idf) over folded words,
written out here in a few lines (:class:`BM25`) rather than pulling in numpy and scipy for a
hundred-line index; a document holding the whole query as a phrase ranks above one holding its
words apart, and a "quoted phrase" must be there.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kg.appdata import pages
from kg.appdata.catalogue import Catalogue, catalogue
from kg.appdata.names import RES, short
from kg.appdata.settings import all_rows
from kg.store import Store

#: Each kind of document, in words, in the order the kind filter offers them.
KINDS = ("claim", "figure", "interview excerpt", "study", "endnote", "cited work", "candidate source", "quality flag")
_TYPE_WORDS = {
    "excerpt": "interview excerpt",
    "study": "study",
    "note": "endnote",
    "work": "cited work",
    "candidate": "candidate source",
}
_WORD = re.compile(r"[\w’'$%.-]*\w")
#: Words too common to narrow a search: they rank (BM25 weighs them little) but are not required or marked.
STOP = frozenset(
    "a an and are as at be but by for from has have in is it of on or that the their there these this those to "
    "was were which who will with".split()
)


def fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def words(text: str) -> list[str]:
    """The folded words of a text, a plural's "s" dropped ("girls" finds "girl"), possessives cut."""
    out = []
    for w in _WORD.findall(fold(text)):
        if w.endswith("'s"):  # a plain test, not a pattern per word: the index folds 40,000 texts at 1,000 reports
            w = w[:-2]
        out.append(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


class BM25:
    """Okapi BM25 over tokenised documents: ``scores(query)`` gives each document's score."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.tf = [Counter(d) for d in docs]
        self.lengths = [len(d) for d in docs]
        self.avgdl = (sum(self.lengths) / len(docs)) if docs else 0.0
        df: Counter[str] = Counter(w for d in self.tf for w in d)
        n = len(docs)
        self.idf = {w: math.log((n - f + 0.5) / (f + 0.5) + 1.0) for w, f in df.items()}

    def scores(self, query: Sequence[str]) -> list[float]:
        out = []
        for tf, length in zip(self.tf, self.lengths, strict=True):
            norm = self.k1 * (1 - self.b + self.b * length / self.avgdl) if self.avgdl else self.k1
            out.append(sum(self.idf[w] * tf[w] * (self.k1 + 1) / (tf[w] + norm) for w in set(query) if tf.get(w)))
        return out


@dataclass(frozen=True)
class Doc:
    iri: str
    kind: str  # one of KINDS
    report: str  # key, "" for a work
    title: str  # a few words: the speaker, the study's label, the work's title
    text: str  # what is searched and shown, on one line
    page: str = ""  # the page that opens it, and its parameter
    param: str = ""
    value: str = ""
    extra: str = ""  # searched, never shown: a work's key


@dataclass(frozen=True)
class Hit:
    doc: Doc
    score: float
    snippet: str  # HTML: escaped text around the first match, the matched words in <mark>


def _target(cat: Catalogue, iri: str) -> tuple[str, str, str]:
    """The page, parameter and value that open an item the graph names."""
    if cat.claim(iri):
        return pages.CLAIMS.url_path, "claim", short(iri)
    if cat.figure(iri):
        return pages.STATISTICS.url_path, "stat", short(iri)
    source = cat.sources.get(iri)
    if source and source.key:
        return pages.SOURCES.url_path, "work", source.key
    if iri.startswith(RES + "study/"):
        return pages.STUDIES.url_path, "study", short(iri)
    return "", "", ""


def documents(store: Store) -> list[Doc]:
    """Every searchable text of the graph, once (see the module docstring)."""
    cat = catalogue(store)
    docs = [Doc(c.iri, "claim", c.report, c.section or c.kind, c.quote, *_target(cat, c.iri)) for c in cat.claims]
    docs += [
        Doc(
            f.iri,
            "figure",
            f.report,
            f"{f.text} ({f.measure})",
            f"{f.text} · {f.measure} · {'; '.join(f.originators)}",
            *_target(cat, f.iri),
        )
        for f in cat.figures
    ]
    for flag in cat.flags.values():
        target = next((t for t in flag.targets if _target(cat, t)[0]), "")
        text = " · ".join(p for p in (flag.kind, flag.rationale, flag.note, *flag.quotes) if p)
        docs.append(Doc(flag.iri, "quality flag", flag.report, f"Flag: {flag.kind}", text, *_target(cat, target)))
    seen: set[tuple[str, str]] = set()
    for row in all_rows(store, "app-search-docs"):
        kind = _TYPE_WORDS.get(row["type"], row["type"])
        text = " ".join(row["text"].split()).strip(" ·")
        if (kind, text) in seen or not text:
            continue  # an endnote read once for each work it names
        seen.add((kind, text))
        target = row.get("target", "")
        if kind in ("cited work", "candidate source", "endnote"):
            opens = (pages.SOURCES.url_path, "work", target) if target else ("", "", "")
        elif kind == "study":
            opens = (pages.STUDIES.url_path, "study", short(row["item"]))
        else:
            opens = _target(cat, target) if target else ("", "", "")
        title = " ".join(row.get("title", "").split())
        extra = target if kind == "cited work" else ""
        docs.append(Doc(row["item"], kind, row.get("report", ""), title, text, *opens, extra=extra))
    return docs


class Index:
    """The documents and their BM25 index, built once per catalogue."""

    def __init__(self, docs: list[Doc]) -> None:
        self.docs = docs
        self._folded = [fold(f"{d.text} {d.title} {d.extra}") for d in docs]
        self.bm25 = BM25([words(f"{d.text} {d.title} {d.extra}") for d in docs])

    def search(self, query: str, kinds: Sequence[str] = (), limit: int | None = None) -> list[Hit]:
        """The documents matching ``query`` best first; "quoted phrases" must be there as written."""
        phrases = [fold(p) for p in re.findall(r'"([^"]+)"', query) if p.strip()]
        terms = words(query.replace('"', " "))
        if not terms:
            return []
        needed = [t for t in terms if t not in STOP] or terms
        whole = fold(query.replace('"', ""))
        scores = self.bm25.scores(terms)
        hits = []
        for i, score in enumerate(scores):
            doc = self.docs[i]
            if score <= 0 or (kinds and doc.kind not in kinds):
                continue
            if any(p not in self._folded[i] for p in phrases) or not set(needed) <= self.bm25.tf[i].keys():
                continue  # every word that narrows (not "the", "of") and every quoted phrase must be there
            together = len(terms) > 1 and whole in self._folded[i]
            if together:
                score *= 2  # the words together, as typed
            hits.append(Hit(doc, round(score, 4), snippet(doc.text, needed, [whole] if together else phrases)))
        hits.sort(key=lambda h: (-h.score, h.doc.kind, h.doc.iri))
        return hits[:limit] if limit else hits


def index(store: Store) -> Index:
    """The store's search index, held with its catalogue."""
    cat = catalogue(store)
    held = cat.memo.get("search index")
    if held is None:
        held = cat.memo["search index"] = Index(documents(store))
    return held


def snippet(text: str, terms: Sequence[str], phrases: Sequence[str] = (), width: int = 260) -> str:
    """HTML of ``text`` around its first match (at most ``width`` characters): each phrase and each
    word of ``terms`` in ``<mark>``, the rest escaped."""
    wanted = set(terms)
    spans = [m.span() for m in _WORD.finditer(text) if (words(m.group()) or [""])[0] in wanted]
    for phrase in phrases:
        pattern = r"\s+".join(re.escape(w) for w in phrase.split())
        spans += [m.span() for m in re.finditer(pattern, text.replace("’", "'"), re.I)]
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    start = 0
    if spans and len(text) > width:
        start = max(0, spans[0][0] - width // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + width)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + width // 2)
    out, position = [], start
    for s, e in spans:
        if s < position or e > end:
            continue
        out += [html.escape(text[position:s]), f"<mark>{html.escape(text[s:e])}</mark>"]
        position = e
    out.append(html.escape(text[position:end]))
    return ("… " if start else "") + "".join(out) + (" …" if end < len(text) else "")
