#!/usr/bin/env python3
"""The extraction on real documents against their hand-checked facts (tests/fixtures/real/*/document.yaml).

For each document.yaml given, the PDF with its sha256 is looked for under ``--pdf-dir`` (any depth), added
to a fresh project (``kg init``, ``kg add``), and the project's extraction and evidence stages are run
(``extract_all``, ``infer``). Then, with every expected ``context`` located in the stored text
(whitespace collapsed, quotes and dashes folded):

* citations: an expected citation counts when a citation record covers it and resolves to a work whose
  place in the text is the expected entry's (or, when the entry's text cannot be located, whose first
  family name and year are the entry's);
* figures: a statistic covering the expected figure with the expected value (0.1%);
* not-figures: expected non-statistics that became statistics (fewer is better);
* rows from lists or notes: statistics inside the located reference list (first to last sampled entry) or,
  for footnoted documents, inside a located note;
* organisations: an expected name that a gazetteer or found mention writes, or that names an entity found.

A context the stored text does not hold (a PDF reading problem, not an extraction one) is counted as
missed and shown as NOCTX. A document whose yaml says ``split: heldout`` is skipped unless ``--heldout``.

    python benchmarks/real_extraction.py tests/fixtures/real/*/document.yaml --pdf-dir .cache/real-corpus -v
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from kg.evidence import infer
from kg.pipeline.stages import extract_all
from kg.project import ProjectPaths

TRANS = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "\u00ad": ""}
)


class Located:
    """Text collapsed (whitespace -> one space, quotes normalised) with a map back to offsets."""

    def __init__(self, text: str) -> None:
        out: list[str] = []
        idx: list[int] = []
        prev_space = False
        for i, ch in enumerate(text):
            ch = unicodedata.normalize("NFKC", ch.translate(TRANS))
            if not ch:
                continue
            if ch.isspace():
                if prev_space:
                    continue
                ch, prev_space = " ", True
            else:
                prev_space = False
            for c in ch:
                out.append(c)
                idx.append(i)
        self.c = "".join(out)
        self.idx = idx
        self.low = self.c.lower()

    @staticmethod
    def norm(s: str) -> str:
        s = unicodedata.normalize("NFKC", s.translate(TRANS))
        return re.sub(r"\s+", " ", s).strip()

    def find(self, s: str, start: int = 0) -> tuple[int, int] | None:
        n = self.norm(s).lower()
        for cand in (n, n.replace("- ", "")):
            i = self.low.find(cand, start)
            if i >= 0:
                return self.idx[i], self.idx[min(i + len(cand), len(self.idx)) - 1] + 1
        return None

    def find_loose(self, s: str) -> tuple[int, int] | None:
        got = self.find(s)
        if got:
            return got
        n = self.norm(s)
        for k in (80, 50, 30):
            if len(n) > k:
                got = self.find(n[:k])
                if got:
                    return got
        return None


def in_context(loc: Located, text: str, ctx: str, needle: str) -> tuple[int, int] | None:
    got = loc.find(ctx)
    if not got:
        return None
    s, e = got
    sub = Located(text[s:e])
    n = Located.norm(needle).lower()
    if n.isdigit():
        cands = [
            m
            for m in re.finditer(re.escape(n), sub.low)
            if (m.start() == 0 or not sub.low[m.start() - 1].isdigit())
            and (m.end() == len(sub.low) or not sub.low[m.end()].isdigit())
        ]
        glued = [m for m in cands if m.start() > 0 and not sub.low[m.start() - 1].isspace()]
        if glued or cands:
            pick = (glued or cands)[0]
            return s + sub.idx[pick.start()], s + sub.idx[pick.end() - 1] + 1
    inner = sub.find(needle)
    if inner is None:
        return s, e
    return s + inner[0], s + inner[1]


def _matches_entry(work: Any, ref: dict[str, Any], where: tuple[int, int] | None) -> bool:
    if work is None or work.anchor is None:
        return False
    if where is not None:
        return bool(work.anchor.start < where[1] and work.anchor.end > where[0])
    families = [a.lower() for a in ref.get("authors") or []]
    return bool(families) and families[0] in " ".join(work.family_names).lower() and str(ref.get("year")) in work.year


def score(doc: dict[str, Any], root: Path) -> dict[str, Any]:
    """The measures of one document whose PDF was added to the project at ``root``."""
    expected = doc["expected"]
    extraction = extract_all(ProjectPaths(root))
    evidence = infer(extraction)
    report = extraction.reports[0]
    text, loc = report.text, Located(report.text)
    refs = {r["n"]: r for r in expected.get("references", [])}
    placed = {n: got for n, r in refs.items() if (got := loc.find_loose(r["text"]))}
    works = {w.key: w for w in extraction.works}
    cits = extraction.citations.get(report.key, [])
    out: dict[str, Any] = {"id": doc["id"], "fails": []}
    right = 0
    for c in expected.get("citations", []):
        where = in_context(loc, text, c["context"], c["text"])
        hits = [r for r in cits if where and r.citation.span.start < where[1] and r.citation.span.end > where[0]]
        keys = {r.key for r in hits if r.key}
        good = any(_matches_entry(works.get(k), refs[n], placed.get(n)) for n in c["refers_to"] for k in keys)
        right += good
        if not good:
            out["fails"].append(("citation", "NOCTX" if where is None else "WRONG" if hits else "MISS", c["context"]))
    out["citations"] = (right, len(expected.get("citations", [])))
    stats = [s.statistic for s in extraction.statistics.get(report.key, [])]
    right = 0
    for f in expected.get("figures", []):
        where = in_context(loc, text, f["context"], f["text"])
        value = Decimal(str(f["value"]))
        tolerance = max(abs(value) * Decimal("0.001"), Decimal("0.001"))
        covering = [s for s in stats if where and s.span.start < where[1] and s.span.end > where[0]]
        good = any(abs(s.value - value) <= tolerance for s in covering)
        right += good
        if not good:
            out["fails"].append(("figure", "NOCTX" if where is None else "WRONG" if covering else "MISS", f["context"]))
    out["figures"] = (right, len(expected.get("figures", [])))
    bad = 0
    for f in expected.get("not_figures", []):
        where = in_context(loc, text, f["context"], f["text"])
        bad += bool(where and any(s.span.start < where[1] and s.span.end > where[0] for s in stats))
    out["not_figures_taken"] = (bad, len(expected.get("not_figures", [])))
    spans = sorted(placed.values())
    regions = spans if "footnotes" in doc.get("styles", []) else [(spans[0][0], spans[-1][1])] if spans else []
    listed = sum(any(a <= s.span.start < b for a, b in regions) for s in stats)
    out["rows_from_lists"] = (listed, len(stats))
    names = {Located.norm(m.text).lower() for m in extraction.mentions.get(report.key, [])}
    entities = {e.key: e for e in evidence.entities}
    for m in evidence.mentions.get(report.key, []):
        names.add(Located.norm(m.text).lower())
        if m.entity in entities:
            names.update(Located.norm(x).lower() for x in (entities[m.entity].name, *entities[m.entity].labels))
    named = {e.slug for e in extraction.gazetteer} & {m.entity for m in extraction.mentions.get(report.key, [])}
    names.update(e.pref_label.lower() for e in extraction.gazetteer if e.slug in named)
    right = 0
    for o in expected.get("organisations", []):
        name = Located.norm(o["name"]).lower()
        good = bool({name, re.sub(r"^the ", "", name), "the " + name} & names)
        right += good
        if not good:
            out["fails"].append(("organisation", "MISS", o["name"]))
    out["organisations"] = (right, len(expected.get("organisations", [])))
    return out


def _pdfs(dirs: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in dirs:
        for path in folder.rglob("*.pdf"):
            found.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    return found


def _share(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]} = {pair[0] / pair[1]:.0%}" if pair[1] else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("yamls", nargs="+", type=Path)
    parser.add_argument("--pdf-dir", action="append", type=Path, default=[])
    parser.add_argument("--heldout", action="store_true", help="score held-out documents too")
    parser.add_argument("-v", "--verbose", action="store_true", help="list what was missed")
    args = parser.parse_args()
    pdfs = _pdfs(args.pdf_dir)
    totals: dict[str, list[int]] = {}
    for path in args.yamls:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc.get("split") != "dev" and not args.heldout:
            continue
        pdf = pdfs.get(str(doc["sha256"]).strip('"'))
        if pdf is None:
            print(f"{doc['id']}: no PDF with its sha256 under --pdf-dir", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "p"
            subprocess.run([sys.executable, "-m", "kg", "init", str(root)], check=True, capture_output=True)
            subprocess.run(
                [sys.executable, "-m", "kg", "add", str(pdf), "--id", "doc"], cwd=root, check=True, capture_output=True
            )
            result = score(doc, root)
        measures = ("citations", "figures", "not_figures_taken", "rows_from_lists", "organisations")
        print(f"{doc['id']:24s} " + "  ".join(f"{m} {_share(result[m])}" for m in measures))
        for m in measures:
            totals.setdefault(m, [0, 0])
            totals[m][0] += result[m][0]
            totals[m][1] += result[m][1]
        if args.verbose:
            for kind, why, what in result["fails"]:
                print(f"    {kind:12s} {why:5s} {what}")
    print("all".ljust(24) + " " + "  ".join(f"{m} {_share((v[0], v[1]))}" for m, v in totals.items()))


if __name__ == "__main__":
    main()
