"""Scoring the tool on one real document: what it read, held against the manifest's hand-checked facts.

The tool is run as a user runs it (``kg init``, ``kg add FILE.pdf``, ``kg build --no-reason``) in a
folder of its own, and what it found is read from the built graph, the public output, with SPARQL:
the entries of the report's own list (``biro:BibliographicReference``, anchored, with the work's
fields), the citation occurrences and the works they resolve to, the statistics, the mentions. Each
expected fact is found in the stored text by :class:`harness.real_text.TextIndex` and compared by
position. Nothing here knows a document: the same code scores every manifest.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from harness.real_corpus import Document, Reference, pdf_path
from harness.real_text import TextIndex, loose

FIELDS = ("authors", "year", "title", "container")
_PREFIXES = """
PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
PREFIX biro: <http://purl.org/spar/biro/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prism: <http://prismstandard.org/namespaces/basic/2.0/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_POSITION = "?{a} oa:hasSelector ?{a}p . ?{a}p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ."


@dataclass
class Score:
    """What one document scored; every ratio is right / total, kept as the two counts."""

    doc: str
    split: str
    error: str = ""  # the one line the tool printed when it refused or failed; "" when it read the document
    traceback: bool = False
    seconds_add: float = 0.0
    seconds_build: float = 0.0
    metadata: dict[str, bool] = field(default_factory=dict)
    refs: list[int] = field(default_factory=lambda: [0, 0])  # found, expected (located)
    refs_unlocated: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})
    listed: int = 0  # entries the tool read from the list
    list_size: int = 0
    citations: list[int] = field(default_factory=lambda: [0, 0])
    figures: list[int] = field(default_factory=lambda: [0, 0])
    statistic_rows: int = 0
    rows_in_lists: int = 0
    not_figures: list[int] = field(default_factory=lambda: [0, 0])  # taken as figures, expected
    organisations: list[int] = field(default_factory=lambda: [0, 0])
    listed_spans: list[tuple[int, int]] = field(default_factory=list)  # where the tool's list entries stand
    misses: dict[str, list[str]] = field(default_factory=dict)

    def miss(self, kind: str, what: str) -> None:
        self.misses.setdefault(kind, []).append(what)


def _kg(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=1800
    )


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return lines[-1] if lines else f"exit {result.returncode}"


def run_tool(doc: Document, folder: Path, score: Score) -> Path | None:
    """``kg init``, ``kg add``, ``kg build --no-reason`` on the document; the project folder, or None."""
    project = folder / doc.id
    _kg(folder, "init", str(project))
    started = time.perf_counter()
    added = _kg(project, "add", str(pdf_path(doc)), "--id", "doc")
    score.seconds_add = time.perf_counter() - started
    score.traceback = "Traceback" in added.stderr
    if added.returncode != 0:
        score.error = "kg add: " + _one_line(added)
        return None
    started = time.perf_counter()
    built = _kg(project, "build", "--no-reason", "--quiet")
    score.seconds_build = time.perf_counter() - started
    score.traceback = score.traceback or "Traceback" in built.stderr
    if built.returncode != 0:
        score.error = "kg build: " + _one_line(built)
        return None
    return project


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(_PREFIXES + query)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]  # type: ignore[union-attr]


def _family(name: str) -> str:
    """The family name of a name as the graph writes it (``Te Grotenhuis, M``) or as a byline prints it
    (``Douglas Bates``)."""
    name = name.strip()
    family = name.split(",")[0] if "," in name else (name.split()[-1] if name.split() else "")
    return loose(family)


def _similar(a: str | None, b: str | None, at_least: float) -> bool:
    a, b = loose(a or ""), loose(b or "")
    if not a or not b:
        return a == b
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= at_least


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _field_right(name: str, expected: Reference, work: dict[str, str]) -> bool:
    if name == "authors":
        # The manifest gives family names, and an organisation as its full name; the graph writes a person
        # "Family, Given" and an organisation whole (``International Energy Agency``, ``Acme, Inc.``).
        # BibTeX writes "et al." as a last author "others" (the graph's list keeps it): no author of its own.
        mine = [a for a in work.get("authors", "").split(";") if a.strip()]
        mine = mine[:-1] if mine and mine[-1].strip().casefold() == "others" else mine
        wanted = [loose(a) for a in expected.authors]
        return len(mine) == len(wanted) and all(
            _family(a) == w or loose(a) == w for a, w in zip(mine, wanted, strict=True)
        )
    if name == "year":
        given = expected.year or ""
        if not given[:1].isdigit():  # n.d., in press: the work has no year
            return not work.get("year")
        return given[:4] == work.get("year", "")[:4]
    if name == "title":
        return _similar(expected.title, work.get("title"), 0.9)
    return _similar(expected.container, work.get("container"), 0.85)


def score_graph(doc: Document, project: Path, score: Score) -> None:
    """Compare the built graph of ``project`` with the manifest's expected facts."""
    text = (project / "corpus" / "doc.txt").read_text(encoding="utf-8")
    index = TextIndex(text)
    store = ox.Store()
    store.bulk_load(path=str(project / "build" / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    _score_metadata(doc, project, score)
    listed = _score_references(doc, index, store, score)
    _score_citations(doc, index, store, listed, score)
    _score_figures(doc, index, store, listed, score)
    _score_organisations(doc, index, store, score)


def _score_metadata(doc: Document, project: Path, score: Score) -> None:
    import bibtexparser

    library = bibtexparser.parse_string((project / "bib" / "reports.bib").read_text(encoding="utf-8"))
    entry = {f.key: str(f.value) for f in library.entries[0].fields} if library.entries else {}
    authors = [a for a in entry.get("author", "").replace("{", "").replace("}", "").split(" and ") if a.strip()]
    expected, title = doc.metadata, entry.get("title", "").replace("{", "").replace("}", "")
    got = {"title": title, "authors": authors, "year": entry.get("year", "")}
    score.metadata = {
        "title": _similar(expected.title, title, 0.9),
        "authors": sorted(_family(a) for a in authors) == sorted(_family(a) for a in expected.authors),
        "year": got["year"][:4] == str(expected.year),
    }
    for name, right in score.metadata.items():
        if not right:
            score.miss("metadata", f"{name}: expected {getattr(expected, name)!r}, got {got[name]!r}")


#: Styles of a reference list; a document with notes and none of these samples its notes as its entries.
_LIST_STYLES = frozenset("author-year apa harvard chicago mla numbered vancouver ieee acm".split())


def _score_references(doc: Document, index: TextIndex, store: ox.Store, score: Score) -> dict[int, set[str]]:
    """Which expected entry the tool read, as which work; returns ``n`` -> the work IRIs of the entries found.

    An entry is found when one of the tool's entries covers most of it and it most of that one. Where the
    manifest samples notes as entries (a document of footnotes or endnotes and no reference list), a note
    that cites several works is read, as the issue has it, as a note holding a citation of each at its own
    words, not as one entry at its whole text: it is found when the tool's entries inside it are, its
    fields are those of the largest, and a marker of the note is right when it resolves to any of them. A
    note that cites nothing (prose only: the manifest gives it no authors, year, title or container) is no
    entry: it is found when the graph holds a note (``ekg:Note``) at its text, covering most of it and it
    most of the note, and has no fields to compare; its marker is right when it resolves to that note
    (``ekg:resolvesToNote``, :func:`_score_citations`). A short note (``Lessing, 256.``, ``Ibid., 56.``) is
    a citation in the note of a work named before: it is found when the graph resolves a citation in it to
    that work (it has no fields of its own to compare)."""
    rows = _rows(
        store,
        f"""SELECT ?ref ?start ?end ?work ?title ?authors ?year ?container WHERE {{
          ?ref a biro:BibliographicReference ; ekg:hasAnchor ?a ; biro:references ?work . {_POSITION.format(a="a")}
          OPTIONAL {{ ?work dcterms:title ?title }} OPTIONAL {{ ?work ekg:authorList ?authors }}
          OPTIONAL {{ ?work dcterms:issued ?year }} OPTIONAL {{ ?work prism:publicationName ?container }}
        }}""",
    )
    entries = {(int(r["start"]), int(r["end"])): r for r in rows}
    score.listed, score.list_size = len(entries), doc.list_size
    found: dict[int, set[str]] = {}
    notes_as_list = bool({"footnotes", "endnotes"} & set(doc.styles)) and not _LIST_STYLES & set(doc.styles)
    cited = _citation_rows(store) if notes_as_list else []
    notes = _note_rows(store) if notes_as_list else {}
    for i, ref in enumerate(doc.references):
        where = index.find(ref.text) or _head_to_tail(index, ref.text)
        if where is None:
            score.refs_unlocated += 1
            continue
        score.refs[1] += 1
        best = max(entries, key=lambda span: _overlap(span, where), default=None)
        covered = _overlap(best, where) if best else 0
        inside = [span for span in entries if where[0] <= span[0] and span[1] <= where[1]] if notes_as_list else []
        if best is None or covered < 0.6 * (where[1] - where[0]) or covered < 0.6 * (best[1] - best[0]):
            target = _shortened(doc.references, i) if notes_as_list else None
            works = {w for (a, b), w in cited if _overlap((a, b), where)}
            if target is not None and works & found.get(target.n, set()):
                score.refs[0] += 1  # a short form or Ibid.: a citation in the note, of the work named before
                found[ref.n] = found[target.n]
                continue
            if len(inside) < 2:
                note = _note_at(notes, where) if _prose_only(ref) else None
                if note is not None:  # a note that cites nothing, kept as a note: no fields to compare
                    score.refs[0] += 1
                    found[ref.n] = {note}
                    continue
                score.miss("reference", f"[{ref.n}] {ref.text[:70]}")
                continue
            best = max(inside, key=lambda span: span[1] - span[0])
        score.refs[0] += 1
        work = entries[best]
        found[ref.n] = {work["work"]} | {entries[span]["work"] for span in inside}
        for name in FIELDS:
            score.fields[name][1] += 1
            if _field_right(name, ref, work):
                score.fields[name][0] += 1
            else:
                score.miss(f"field {name}", f"[{ref.n}] expected {getattr(ref, name)!r}, got {work.get(name)!r}")
    score.listed_spans = list(entries)
    return found


def _citation_rows(store: ox.Store) -> list[tuple[tuple[int, int], str]]:
    """Where each citation occurrence the graph resolves stands, and its work."""
    rows = _rows(
        store,
        f"""SELECT ?start ?end ?work WHERE {{
          ?c a ekg:CitationOccurrence ; ekg:hasAnchor ?a ; ekg:resolvesTo ?work . {_POSITION.format(a="a")} }}""",
    )
    return [((int(r["start"]), int(r["end"])), r["work"]) for r in rows]


def _note_rows(store: ox.Store) -> dict[tuple[int, int], str]:
    """Where each note the graph holds stands, and its IRI."""
    rows = _rows(
        store, f"SELECT ?note ?start ?end WHERE {{ ?note a ekg:Note ; ekg:hasAnchor ?a . {_POSITION.format(a='a')} }}"
    )
    return {(int(r["start"]), int(r["end"])): r["note"] for r in rows}


def _note_at(notes: dict[tuple[int, int], str], where: tuple[int, int]) -> str | None:
    """The note covering most of ``where`` and most of which ``where`` covers, if any."""
    best = max(notes, key=lambda span: _overlap(span, where), default=None)
    if best is None:
        return None
    covered = _overlap(best, where)
    return notes[best] if covered >= 0.6 * (where[1] - where[0]) and covered >= 0.6 * (best[1] - best[0]) else None


def _prose_only(ref: Reference) -> bool:
    """An expected note that cites no work: the manifest gives it no authors, year, title or container."""
    return not (ref.authors or ref.year or ref.title or ref.container)


def _shortened(references: list[Reference], i: int) -> Reference | None:
    """The expected entry a short note cites again: for ``Ibid., 56.`` the note just before it, for ``Lessing,
    256.`` (authors, and no title, year or container of its own) the last one before it by the same first
    author that has a title; None when the note is no short form or the manifest does not sample that one."""
    ref = references[i]
    if ref.title or ref.year or ref.container or i == 0:
        return None
    if re.match(r"\s*ibid\b", ref.text, re.IGNORECASE):
        return references[i - 1] if references[i - 1].n == ref.n - 1 else None
    if not ref.authors:
        return None
    return next((r for r in reversed(references[:i]) if r.title and r.authors[:1] == ref.authors[:1]), None)


def _head_to_tail(index: TextIndex, quote: str) -> tuple[int, int] | None:
    """An expected entry the stored text interrupts (a page's furniture, margin line numbers inside a note that
    runs over a page): from where its first 80 characters stand to where its last 80 end, close after; its
    first 80 characters alone if its end cannot be found."""
    head = index.find(quote[:80])
    if head is None or len(quote) <= 80:
        return head
    tail = index.find(quote[-80:], (head[0], head[0] + 2 * len(quote) + 2000))
    return (head[0], tail[1]) if tail is not None and tail[1] > head[1] else head


def _score_citations(
    doc: Document, index: TextIndex, store: ox.Store, found: dict[int, set[str]], score: Score
) -> None:
    rows = _rows(
        store,
        f"""SELECT ?c ?start ?end ?work WHERE {{
          ?c a ekg:CitationOccurrence ; ekg:hasAnchor ?a . {_POSITION.format(a="a")}
          OPTIONAL {{ ?c ekg:resolvesTo ?work }} }}""",
    )
    # a marker resolves to its note too (a note that cites nothing is found as a note, not as a work)
    rows += _rows(
        store,
        f"""SELECT ?start ?end ?work WHERE {{
          ?c ekg:resolvesToNote ?work ; ekg:hasAnchor ?a . {_POSITION.format(a="a")} }}""",
    )
    for cite in doc.citations:
        where = index.locate(cite.context, cite.text)
        score.citations[1] += 1
        if where is None:
            score.miss("citation", f"not located: {cite.context[:60]!r}")
            continue
        works = {r.get("work") for r in rows if _overlap((int(r["start"]), int(r["end"])), where) > 0}
        wanted = {work for n in cite.refers_to for work in found.get(n, set())}
        if works & wanted:
            score.citations[0] += 1
        else:
            score.miss("citation", f"{cite.text!r} (p. {cite.page}) -> {sorted(w or '' for w in works)[:3]}")


# The same quantity written in a related unit: a manifest's unit (as its author wrote it) and the tool's QUDT unit,
# with the factor from the first to the second ("four decades" is 40 years; "one-fourth" is 25 percent). Only a
# conversion of the very quantity counts: the tool's unit is read from the graph, never assumed.
_SAME_QUANTITY = {("decades", "YR"): 10.0, ("decade", "YR"): 10.0, ("fraction", "PERCENT"): 100.0}


def _score_figures(doc: Document, index: TextIndex, store: ox.Store, found: dict[int, set[str]], score: Score) -> None:
    rows = _rows(
        store,
        f"""SELECT ?s ?start ?end ?value ?upper ?unit WHERE {{
          ?s a ekg:Statistic ; ekg:value ?value ; ekg:hasAnchor ?a . {_POSITION.format(a="a")}
          OPTIONAL {{ ?s ekg:upperValue ?upper }} OPTIONAL {{ ?s ekg:unit ?unit }} }}""",
    )
    stats = [((int(r["start"]), int(r["end"])), float(r["value"])) for r in rows]
    units = {((int(r["start"]), int(r["end"])), float(r["value"])): r.get("unit", "") for r in rows}
    lists = list(score.listed_spans)
    lists += [w for ref in doc.references if (w := index.find(ref.text[:80])) is not None]
    score.statistic_rows = len(stats)
    score.rows_in_lists = sum(1 for span, _ in stats if any(_overlap(span, zone) for zone in lists))
    for figure in doc.figures:
        score.figures[1] += 1
        where = index.locate(figure.context, figure.text)
        if where is None:
            score.miss("figure", f"not located: {figure.context[:60]!r}")
            continue
        values = [v for span, v in stats if _overlap(span, where)]
        wanted = [figure.value] + [
            figure.value * factor
            for span, v in stats
            if _overlap(span, where)
            and (factor := _SAME_QUANTITY.get((figure.unit, units[(span, v)].rsplit("/", 1)[-1])))
        ]
        if any(abs(v - w) <= 1e-6 * max(1.0, abs(w)) for v in values for w in wanted):
            score.figures[0] += 1
        else:
            score.miss("figure", f"{figure.text!r} (p. {figure.page}): expected {figure.value}, got {values[:3]}")
    for number in doc.not_figures:
        score.not_figures[1] += 1
        where = index.locate(number.context, number.text)
        if where is not None and any(_overlap(span, where) for span, _ in stats):
            score.not_figures[0] += 1
            score.miss("not-figure taken", f"{number.text!r} ({number.why})")


def _score_organisations(doc: Document, index: TextIndex, store: ox.Store, score: Score) -> None:
    rows = _rows(
        store,
        f"""SELECT ?entity ?label ?start ?end WHERE {{
          ?m a ekg:Mention ; ekg:mentionOf ?entity ; ekg:hasAnchor ?a . {_POSITION.format(a="a")}
          OPTIONAL {{ ?entity skos:prefLabel|skos:altLabel ?label }} }}""",
    )
    names = {loose(r["label"]) for r in rows if r.get("label")}
    names |= {loose(index.text[int(r["start"]) : int(r["end"])]) for r in rows}
    for org in doc.organisations:
        score.organisations[1] += 1
        if loose(org.name) in names:
            score.organisations[0] += 1
        else:
            score.miss("organisation", org.name)


def score_document(doc: Document, folder: Path) -> Score:
    """Run the tool on one document and score what it read."""
    score = Score(doc.id, doc.split)
    project = run_tool(doc, folder, score)
    if project is not None:
        score_graph(doc, project, score)
    return score
